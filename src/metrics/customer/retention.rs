//! Retention, churn and repeat purchase over a period.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::customer::Customer;
use crate::error::Error;
use crate::error::MetricsError;
use crate::id::CustomerId;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};

fn check_period(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<(), Error> {
    if end < start {
        return Err(Error::InstantOrder {
            field: "period end",
            value: end,
            other_field: "period start",
            other: start,
        });
    }
    Ok(())
}

/// What became of one customer over a period, for [`Retention`].
///
/// ```
/// use carekit::metrics::CohortOutcome;
/// use carekit::{Customer, CustomerId};
/// use chrono::{TimeZone, Utc};
/// let d = |m, day| Utc.with_ymd_and_hms(2024, m, day, 0, 0, 0).unwrap();
/// let loyal = Customer::builder(CustomerId::new("a")?, d(1, 5)).build()?;
/// assert_eq!(CohortOutcome::of(&loyal, d(2, 1), d(3, 1)), Some(CohortOutcome::Kept));
/// let gone = Customer::builder(CustomerId::new("b")?, d(1, 9)).churned_at(d(2, 10)).build()?;
/// assert_eq!(CohortOutcome::of(&gone, d(2, 1), d(3, 1)), Some(CohortOutcome::Lost));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CohortOutcome {
    /// In the cohort at the start and still a customer at the end.
    Kept,
    /// In the cohort at the start, gone by the end.
    Lost,
    /// Joined after the start and still a customer at the end.
    Joined,
}

impl CohortOutcome {
    /// The outcome of `customer` over `period_start..=period_end`: in the
    /// cohort when active at the start ([`Customer::is_active_at`]), kept
    /// or lost by whether active at the end; joined when the customer
    /// became one after the start and is active at the end. `None` for
    /// anyone else (not yet a customer at the end, gone before the start,
    /// or joined and left within the period).
    ///
    /// ```
    /// use carekit::metrics::CohortOutcome;
    /// use carekit::{Customer, CustomerId};
    /// use chrono::{TimeZone, Utc};
    /// let d = |m, day| Utc.with_ymd_and_hms(2024, m, day, 0, 0, 0).unwrap();
    /// let newcomer = Customer::builder(CustomerId::new("c")?, d(2, 3)).build()?;
    /// assert_eq!(CohortOutcome::of(&newcomer, d(2, 1), d(3, 1)), Some(CohortOutcome::Joined));
    /// let passing = Customer::builder(CustomerId::new("d")?, d(2, 4)).churned_at(d(2, 20)).build()?;
    /// assert_eq!(CohortOutcome::of(&passing, d(2, 1), d(3, 1)), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn of(
        customer: &Customer,
        period_start: DateTime<Utc>,
        period_end: DateTime<Utc>,
    ) -> Option<Self> {
        let active_end = customer.is_active_at(period_end);
        if customer.is_active_at(period_start) {
            Some(if active_end { Self::Kept } else { Self::Lost })
        } else if customer.customer_since() > period_start && active_end {
            Some(Self::Joined)
        } else {
            None
        }
    }
}

/// Customer retention and churn over a period, from the cohort at its
/// start.
///
/// With `S` customers at the start (the cohort), `N` new customers during
/// the period still active at its end, and `E` customers at the end:
///
/// - kept = `E − N` (cohort members still there), lost = `S − (E − N)`;
/// - retention rate = `(E − N) / S`; churn rate = lost `/ S`; both
///   proportions in `0..=1` summing to 1, and `None` while the cohort is
///   empty.
///
/// Never the naive `(S − E)/S`, which hides churn behind new customers
/// (150 at the start, 60 new, 170 at the end is a churn of 40/150, not
/// "growth").
///
/// An accumulator: the empty value has no customer; each observation is
/// one customer's [`CohortOutcome`]; counts add up across segments or
/// shards of the same period, so [`merge`](Self::merge) is exact.
///
/// # Example
///
/// ```
/// use carekit::metrics::Retention;
///
/// // The published worked example: 200 at the start, 40 new, 220 at the end.
/// let r = Retention::from_counts(200, 40, 220)?;
/// assert_eq!(r.retention_rate(), Some(0.9));
/// assert_eq!(r.churn_rate(), Some(0.1));
/// assert_eq!((r.kept(), r.lost()), (180, 20));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"start": 200, "new": 40, "end": 220}`
/// ([`RetentionParts`]), validated like [`from_counts`](Self::from_counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RetentionParts", into = "RetentionParts")
)]
pub struct Retention {
    start: u64,
    new: u64,
    end: u64,
}

/// The data of a [`Retention`], field for field as its serialised form.
///
/// ```
/// use carekit::metrics::{Retention, RetentionParts};
/// let r = Retention::from_parts(RetentionParts { start: 10, new: 2, end: 9 })?;
/// assert_eq!(r.kept(), 7);
/// assert_eq!(r.to_parts(), RetentionParts { start: 10, new: 2, end: 9 });
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RetentionParts {
    /// Customers at the start (the cohort, `S`).
    pub start: u64,
    /// New customers still active at the end (`N`).
    pub new: u64,
    /// Customers at the end (`E`).
    pub end: u64,
}

impl TryFrom<RetentionParts> for Retention {
    type Error = Error;
    fn try_from(p: RetentionParts) -> Result<Self, Error> {
        Retention::from_parts(p)
    }
}

impl From<Retention> for RetentionParts {
    fn from(r: Retention) -> Self {
        r.to_parts()
    }
}

impl Retention {
    /// Retention from the counts `S` (start), `N` (new, still active at the
    /// end) and `E` (end).
    ///
    /// # Errors
    ///
    /// - [`MetricsError::EndBelowNew`] when `end < new`;
    /// - [`MetricsError::AboveCohort`] when `end − new > start` (more
    ///   cohort members kept than the cohort had).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// assert_eq!(Retention::from_counts(0, 5, 5)?.retention_rate(), None); // no cohort
    /// assert_eq!(
    ///     Retention::from_counts(100, 50, 30).unwrap_err().to_string(),
    ///     "end count 30 is below new count 50: every new customer still active is counted at the end"
    /// );
    /// assert!(Retention::from_counts(10, 0, 11).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_counts(start: u64, new: u64, end: u64) -> Result<Self, Error> {
        let kept = end
            .checked_sub(new)
            .ok_or(MetricsError::EndBelowNew { end, new })?;
        if kept > start {
            return Err(MetricsError::AboveCohort {
                field: "end - new",
                value: kept,
                cohort: start,
            }
            .into());
        }
        Ok(Self { start, new, end })
    }

    /// Retention from its parts, checked like
    /// [`from_counts`](Self::from_counts).
    ///
    /// ```
    /// use carekit::metrics::{Retention, RetentionParts};
    /// assert!(Retention::from_parts(RetentionParts { start: 1, new: 0, end: 2 }).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_counts`](Self::from_counts).
    pub fn from_parts(parts: RetentionParts) -> Result<Self, Error> {
        Self::from_counts(parts.start, parts.new, parts.end)
    }

    /// The parts (see [`RetentionParts`]).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// assert_eq!(Retention::default().to_parts().start, 0);
    /// ```
    pub fn to_parts(&self) -> RetentionParts {
        RetentionParts {
            start: self.start,
            new: self.new,
            end: self.end,
        }
    }

    /// The parts, consuming the accumulator.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// assert_eq!(Retention::from_counts(3, 1, 2)?.into_parts().end, 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn into_parts(self) -> RetentionParts {
        self.to_parts()
    }

    /// Retention over `period_start..=period_end` from customer records,
    /// each counted by its [`CohortOutcome`]: cohort `S` = kept + lost,
    /// `N` = joined, `E` = kept + joined.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `period_end` is before `period_start`.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// use carekit::{Customer, CustomerId};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let d = |m, day| Utc.with_ymd_and_hms(2024, m, day, 0, 0, 0).unwrap();
    /// let customers = [
    ///     Customer::builder(CustomerId::new("a")?, d(1, 5)).build()?,                   // kept
    ///     Customer::builder(CustomerId::new("b")?, d(1, 9)).churned_at(d(2, 10)).build()?, // lost
    ///     Customer::builder(CustomerId::new("c")?, d(2, 3)).build()?,                   // new
    ///     Customer::builder(CustomerId::new("d")?, d(2, 4)).churned_at(d(2, 20)).build()?, // neither
    /// ];
    /// let r = Retention::from_customers(&customers, d(2, 1), d(3, 1))?;
    /// assert_eq!((r.start(), r.new_customers(), r.end()), (2, 1, 2));
    /// assert_eq!(r.retention_rate(), Some(0.5));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_customers(
        customers: &[Customer],
        period_start: DateTime<Utc>,
        period_end: DateTime<Utc>,
    ) -> Result<Self, Error> {
        check_period(period_start, period_end)?;
        let mut r = Self::default();
        r.extend(
            customers
                .iter()
                .filter_map(|c| CohortOutcome::of(c, period_start, period_end)),
        )?;
        Ok(r)
    }

    /// Adds another disjoint group's counts for the same period.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let mut emea = Retention::from_counts(100, 10, 90)?;
    /// emea.merge(&Retention::from_counts(50, 0, 45)?)?;
    /// assert_eq!((emea.start(), emea.kept()), (150, 125));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::CountOverflow`] if a count would pass `u64::MAX`;
    /// `self` is then unchanged.
    pub fn merge(&mut self, other: &Retention) -> Result<(), Error> {
        let overflow = || MetricsError::CountOverflow {
            accumulator: "retention",
        };
        let start = self.start.checked_add(other.start).ok_or_else(overflow)?;
        let new = self.new.checked_add(other.new).ok_or_else(overflow)?;
        let end = self.end.checked_add(other.end).ok_or_else(overflow)?;
        (self.start, self.new, self.end) = (start, new, end);
        Ok(())
    }

    /// Customers at the start (the cohort, `S`).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.start(), 200);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> u64 {
        self.start
    }

    /// New customers during the period still active at the end (`N`).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.new_customers(), 40);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new_customers(&self) -> u64 {
        self.new
    }

    /// Customers at the end (`E`).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.end(), 220); // kept and new together
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end(&self) -> u64 {
        self.end
    }

    /// Cohort members kept: `E − N`.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// // 150 at the start, 60 new, 170 at the end: the headcount grew, yet ...
    /// let r = Retention::from_counts(150, 60, 170)?;
    /// assert_eq!(r.kept(), 110); // 170 − 60
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kept(&self) -> u64 {
        self.end.saturating_sub(self.new)
    }

    /// Cohort members lost: `S − (E − N)`.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(150, 60, 170)?;
    /// assert_eq!(r.lost(), 40); // 150 − (170 − 60)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn lost(&self) -> u64 {
        self.start.saturating_sub(self.kept())
    }

    /// `(E − N) / S`, a proportion; `None` for an empty cohort.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.retention_rate(), Some(0.9)); // (220 − 40) / 200
    /// assert_eq!(Retention::default().retention_rate(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn retention_rate(&self) -> Option<f64> {
        (self.start > 0).then(|| self.kept() as f64 / self.start as f64)
    }

    /// lost `/ S`, a proportion; `None` for an empty cohort.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.churn_rate(), Some(0.1)); // (200 − 180) / 200
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn churn_rate(&self) -> Option<f64> {
        (self.start > 0).then(|| self.lost() as f64 / self.start as f64)
    }
}

impl Accumulator for Retention {
    fn empty_like(&self) -> Self {
        Self::default()
    }
    fn is_empty(&self) -> bool {
        self.start == 0 && self.end == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Retention::merge(self, other)
    }
}

/// One customer's outcome over the period.
impl Push<CohortOutcome> for Retention {
    fn push(&mut self, outcome: CohortOutcome) -> Result<(), Error> {
        let one = match outcome {
            CohortOutcome::Kept => Self {
                start: 1,
                new: 0,
                end: 1,
            },
            CohortOutcome::Lost => Self {
                start: 1,
                new: 0,
                end: 0,
            },
            CohortOutcome::Joined => Self {
                start: 0,
                new: 1,
                end: 1,
            },
        };
        self.merge(&one)
    }
}

push_vocabulary!(
    Retention,
    "```
use carekit::metrics::{CohortOutcome, Retention};
let mut r = Retention::default();
r.push(CohortOutcome::Kept)?;
r.push(CohortOutcome::Lost)?;
r.push(CohortOutcome::Joined)?;
assert_eq!((r.start(), r.new_customers(), r.end()), (2, 1, 2));
assert_eq!(r.churn_rate(), Some(0.5));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::{CohortOutcome, Retention};
let mut r = Retention::default();
r.extend([CohortOutcome::Kept, CohortOutcome::Kept, CohortOutcome::Lost])?;
assert_eq!(r.retention_rate(), Some(2.0 / 3.0));
# Ok::<(), carekit::Error>(())
```"
);

/// Whether one cohort customer bought again, for [`RepeatPurchaseRate`].
///
/// ```
/// use carekit::metrics::{RepeatPurchase, RepeatPurchaseRate};
/// let mut r = RepeatPurchaseRate::default();
/// r.extend([RepeatPurchase::BoughtAgain, RepeatPurchase::DidNotBuyAgain])?;
/// assert_eq!(r.rate(), Some(0.5));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepeatPurchase {
    /// The customer bought again in the period.
    BoughtAgain,
    /// The customer did not.
    DidNotBuyAgain,
}

/// Repeat purchase rate for a period: customers of the cohort who bought
/// again / customers of the cohort. Mergeable counts; the rate is `None`
/// while the cohort is empty.
///
/// ```
/// use carekit::metrics::RepeatPurchaseRate;
/// let mut r = RepeatPurchaseRate::from_counts(30, 120)?;
/// assert_eq!(r.rate(), Some(0.25));
/// r.merge(&RepeatPurchaseRate::from_counts(10, 80)?)?;
/// assert_eq!(r.rate(), Some(0.2)); // 40 / 200
/// assert!(RepeatPurchaseRate::from_counts(2, 1).unwrap_err().to_string().contains("cohort"));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"repeat_buyers": 30, "cohort": 120}`
/// ([`RepeatPurchaseParts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RepeatPurchaseParts", into = "RepeatPurchaseParts")
)]
pub struct RepeatPurchaseRate {
    repeat_buyers: u64,
    cohort: u64,
}

/// The data of a [`RepeatPurchaseRate`], field for field as its serialised
/// form.
///
/// ```
/// use carekit::metrics::{RepeatPurchaseParts, RepeatPurchaseRate};
/// let r = RepeatPurchaseRate::from_parts(RepeatPurchaseParts { repeat_buyers: 3, cohort: 12 })?;
/// assert_eq!(r.rate(), Some(0.25));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RepeatPurchaseParts {
    /// Cohort customers who bought again.
    pub repeat_buyers: u64,
    /// Customers in the cohort.
    pub cohort: u64,
}

impl TryFrom<RepeatPurchaseParts> for RepeatPurchaseRate {
    type Error = Error;
    fn try_from(p: RepeatPurchaseParts) -> Result<Self, Error> {
        RepeatPurchaseRate::from_parts(p)
    }
}

impl From<RepeatPurchaseRate> for RepeatPurchaseParts {
    fn from(r: RepeatPurchaseRate) -> Self {
        r.to_parts()
    }
}

impl RepeatPurchaseRate {
    /// From the number of cohort customers who bought again and the cohort
    /// size.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.rate(), Some(0.25));
    /// assert_eq!(RepeatPurchaseRate::from_counts(0, 0)?.rate(), None); // empty cohort
    /// assert!(RepeatPurchaseRate::from_counts(73, 72).is_err()); // more buyers than customers
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::AboveCohort`] when `repeat_buyers > cohort`.
    pub fn from_counts(repeat_buyers: u64, cohort: u64) -> Result<Self, Error> {
        if repeat_buyers > cohort {
            return Err(MetricsError::AboveCohort {
                field: "repeat buyers",
                value: repeat_buyers,
                cohort,
            }
            .into());
        }
        Ok(Self {
            repeat_buyers,
            cohort,
        })
    }

    /// From its parts, checked like [`from_counts`](Self::from_counts).
    ///
    /// ```
    /// use carekit::metrics::{RepeatPurchaseParts, RepeatPurchaseRate};
    /// assert!(RepeatPurchaseRate::from_parts(RepeatPurchaseParts { repeat_buyers: 5, cohort: 4 }).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_counts`](Self::from_counts).
    pub fn from_parts(parts: RepeatPurchaseParts) -> Result<Self, Error> {
        Self::from_counts(parts.repeat_buyers, parts.cohort)
    }

    /// The parts (see [`RepeatPurchaseParts`]).
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(1, 2)?.to_parts().cohort, 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> RepeatPurchaseParts {
        RepeatPurchaseParts {
            repeat_buyers: self.repeat_buyers,
            cohort: self.cohort,
        }
    }

    /// The parts, consuming the accumulator.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::default().into_parts().cohort, 0);
    /// ```
    pub fn into_parts(self) -> RepeatPurchaseParts {
        self.to_parts()
    }

    /// The repeat purchase rate over `period_start..period_end` from
    /// purchase events `(customer, instant)`, in any order:
    ///
    /// - the **cohort** is every customer with a purchase before
    ///   `period_start` (a customer already, by what they bought);
    /// - a cohort customer **bought again** with a purchase in
    ///   `[period_start, period_end)`;
    /// - customers whose first purchase falls in the period are new, not
    ///   repeat buyers, and purchases at or after `period_end` do not count.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `period_end` is before `period_start`.
    ///
    /// ```
    /// use carekit::CustomerId;
    /// use carekit::metrics::RepeatPurchaseRate;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let d = |m, day| Utc.with_ymd_and_hms(2024, m, day, 0, 0, 0).unwrap();
    /// let (a, b, c, n) = (CustomerId::new("a")?, CustomerId::new("b")?, CustomerId::new("c")?, CustomerId::new("n")?);
    /// let purchases = [
    ///     (&a, d(1, 10)), (&a, d(2, 14)),  // cohort, bought again in February
    ///     (&b, d(1, 20)),                  // cohort, did not
    ///     (&c, d(1, 2)), (&c, d(3, 1)),    // cohort, bought again only in March
    ///     (&n, d(2, 2)), (&n, d(2, 9)),    // new in February: not in the cohort
    /// ];
    /// let r = RepeatPurchaseRate::from_purchases(purchases, d(2, 1), d(3, 1))?;
    /// assert_eq!((r.repeat_buyers(), r.cohort()), (1, 3));
    /// assert_eq!(r.rate(), Some(1.0 / 3.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_purchases<'a>(
        purchases: impl IntoIterator<Item = (&'a CustomerId, DateTime<Utc>)>,
        period_start: DateTime<Utc>,
        period_end: DateTime<Utc>,
    ) -> Result<Self, Error> {
        check_period(period_start, period_end)?;
        // Per customer: (bought before the period, bought in it).
        let mut seen: HashMap<&CustomerId, (bool, bool)> = HashMap::new();
        for (customer, at) in purchases {
            let entry = seen.entry(customer).or_insert((false, false));
            if at < period_start {
                entry.0 = true;
            } else if at < period_end {
                entry.1 = true;
            }
        }
        let mut r = Self::default();
        r.extend(
            seen.values()
                .filter(|(before, _)| *before)
                .map(|&(_, in_period)| {
                    if in_period {
                        RepeatPurchase::BoughtAgain
                    } else {
                        RepeatPurchase::DidNotBuyAgain
                    }
                }),
        )?;
        Ok(r)
    }

    /// Adds another disjoint cohort's counts.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// let mut emea = RepeatPurchaseRate::from_counts(10, 40)?;
    /// emea.merge(&RepeatPurchaseRate::from_counts(50, 60)?)?;
    /// assert_eq!((emea.repeat_buyers(), emea.cohort()), (60, 100));
    /// assert_eq!(emea.rate(), Some(0.6)); // not the mean of 0.25 and 0.833…
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::CountOverflow`] if a merged count would not fit in a
    /// `u64`; `self` is then unchanged.
    pub fn merge(&mut self, other: &RepeatPurchaseRate) -> Result<(), Error> {
        let overflow = || MetricsError::CountOverflow {
            accumulator: "repeat purchase rate",
        };
        let repeat_buyers = self
            .repeat_buyers
            .checked_add(other.repeat_buyers)
            .ok_or_else(overflow)?;
        let cohort = self.cohort.checked_add(other.cohort).ok_or_else(overflow)?;
        (self.repeat_buyers, self.cohort) = (repeat_buyers, cohort);
        Ok(())
    }

    /// Cohort customers who bought again.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.repeat_buyers(), 18);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn repeat_buyers(&self) -> u64 {
        self.repeat_buyers
    }

    /// Cohort size.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.cohort(), 72);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn cohort(&self) -> u64 {
        self.cohort
    }

    /// `repeat_buyers / cohort`, a proportion; `None` for an empty cohort.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.rate(), Some(0.25)); // 18 / 72
    /// assert_eq!(RepeatPurchaseRate::from_counts(0, 72)?.rate(), Some(0.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn rate(&self) -> Option<f64> {
        (self.cohort > 0).then(|| self.repeat_buyers as f64 / self.cohort as f64)
    }
}

impl Accumulator for RepeatPurchaseRate {
    fn empty_like(&self) -> Self {
        Self::default()
    }
    fn is_empty(&self) -> bool {
        self.cohort == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        RepeatPurchaseRate::merge(self, other)
    }
}

/// One cohort customer.
impl Push<RepeatPurchase> for RepeatPurchaseRate {
    fn push(&mut self, outcome: RepeatPurchase) -> Result<(), Error> {
        self.merge(&Self {
            repeat_buyers: u64::from(outcome == RepeatPurchase::BoughtAgain),
            cohort: 1,
        })
    }
}

push_vocabulary!(
    RepeatPurchaseRate,
    "```
use carekit::metrics::{RepeatPurchase, RepeatPurchaseRate};
let mut r = RepeatPurchaseRate::default();
r.push(RepeatPurchase::BoughtAgain)?;
r.push(RepeatPurchase::DidNotBuyAgain)?;
assert_eq!((r.repeat_buyers(), r.cohort()), (1, 2));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::{RepeatPurchase, RepeatPurchaseRate};
let mut r = RepeatPurchaseRate::default();
r.extend([RepeatPurchase::BoughtAgain; 3])?;
assert_eq!(r.rate(), Some(1.0));
# Ok::<(), carekit::Error>(())
```"
);
