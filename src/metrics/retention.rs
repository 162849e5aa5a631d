//! Retention, churn and repeat purchase over a period.

use chrono::{DateTime, Utc};

use super::MetricsError;
use crate::{Customer, Error};

/// Customer retention and churn over a period, from the cohort at its
/// start.
///
/// With `S` customers at the start (the cohort), `N` new customers during
/// the period still active at its end, and `E` customers at the end:
///
/// - kept = `E − N` (cohort members still there), lost = `S − (E − N)`;
/// - retention rate = `(E − N) / S`; churn rate = lost `/ S`; both in
///   `0..=1` and summing to 1.
///
/// Never the naive `(S − E)/S`, which hides churn behind new customers
/// (150 at the start, 60 new, 170 at the end is a churn of 40/150, not
/// "growth").
///
/// Counts add up across segments or shards, so [`merge`](Self::merge) is
/// exact.
///
/// # Example
///
/// ```
/// use carekit::metrics::Retention;
///
/// // The published worked example: 200 at the start, 40 new, 220 at the end.
/// let r = Retention::from_counts(200, 40, 220)?;
/// assert_eq!(r.retention_rate(), 0.9);
/// assert_eq!(r.churn_rate(), 0.1);
/// assert_eq!((r.kept(), r.lost()), (180, 20));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"start": 200, "new": 40, "end": 220}`,
/// validated like [`from_counts`](Self::from_counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawRetention", into = "RawRetention")
)]
pub struct Retention {
    start: u64,
    new: u64,
    end: u64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRetention {
    start: u64,
    new: u64,
    end: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRetention> for Retention {
    type Error = Error;
    fn try_from(r: RawRetention) -> Result<Self, Error> {
        Retention::from_counts(r.start, r.new, r.end)
    }
}

#[cfg(feature = "serde")]
impl From<Retention> for RawRetention {
    fn from(r: Retention) -> Self {
        Self {
            start: r.start,
            new: r.new,
            end: r.end,
        }
    }
}

impl Retention {
    /// Retention from the counts `S` (start), `N` (new, still active at the
    /// end) and `E` (end).
    ///
    /// # Errors
    ///
    /// - [`MetricsError::EmptyCohort`] when `start` is 0;
    /// - [`MetricsError::EndBelowNew`] when `end < new`;
    /// - [`MetricsError::AboveCohort`] when `end − new > start` (more
    ///   cohort members kept than the cohort had).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// assert!(Retention::from_counts(0, 5, 5).unwrap_err().to_string().contains("cohort"));
    /// assert_eq!(
    ///     Retention::from_counts(100, 50, 30).unwrap_err().to_string(),
    ///     "end count 30 is below new count 50: every new customer still active is counted at the end"
    /// );
    /// assert!(Retention::from_counts(10, 0, 11).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_counts(start: u64, new: u64, end: u64) -> Result<Self, Error> {
        if start == 0 {
            return Err(MetricsError::EmptyCohort.into());
        }
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

    /// Retention over `period_start..=period_end` from customer records:
    ///
    /// - cohort `S`: customers active at `period_start`
    ///   ([`Customer::is_active_at`]);
    /// - lost: cohort members no longer active at `period_end` (churned
    ///   within the period);
    /// - new `N`: customers who became customers after `period_start` (up
    ///   to `period_end`) and are still active at `period_end`; one who
    ///   joined and churned within the period counts in neither `N` nor `E`;
    /// - `E` = kept + `N`.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `period_end` is before `period_start`;
    /// [`MetricsError::EmptyCohort`] when nobody was active at the start.
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
    /// assert_eq!(r.retention_rate(), 0.5);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_customers(
        customers: &[Customer],
        period_start: DateTime<Utc>,
        period_end: DateTime<Utc>,
    ) -> Result<Self, Error> {
        if period_end < period_start {
            return Err(Error::InstantOrder {
                field: "period end",
                value: rfc3339(period_end),
                other_field: "period start",
                other: rfc3339(period_start),
            });
        }
        let (mut start, mut kept, mut new) = (0_u64, 0_u64, 0_u64);
        for c in customers {
            let active_end = c.is_active_at(period_end);
            if c.is_active_at(period_start) {
                start = start.saturating_add(1);
                kept = kept.saturating_add(u64::from(active_end));
            } else if c.customer_since() > period_start && active_end {
                new = new.saturating_add(1);
            }
        }
        Self::from_counts(start, new, kept.saturating_add(new))
    }

    /// Adds another segment's or shard's counts (the cohorts must be
    /// disjoint).
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let mut r = Retention::from_counts(100, 10, 90)?;
    /// r.merge(&Retention::from_counts(100, 30, 130)?)?;
    /// assert_eq!(r.retention_rate(), 0.9); // (220 − 40) / 200
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::CountOverflow`] if a merged count would not fit in a
    /// `u64`; `self` is then unchanged.
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

    /// `(E − N) / S`, a proportion.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.retention_rate(), 0.9); // (220 − 40) / 200
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn retention_rate(&self) -> f64 {
        self.kept() as f64 / self.start as f64
    }

    /// lost `/ S`, a proportion.
    ///
    /// ```
    /// use carekit::metrics::Retention;
    /// let r = Retention::from_counts(200, 40, 220)?;
    /// assert_eq!(r.churn_rate(), 0.1); // (200 − 180) / 200
    /// assert_eq!(r.churn_rate() + r.retention_rate(), 1.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn churn_rate(&self) -> f64 {
        self.lost() as f64 / self.start as f64
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Repeat purchase rate for a period: customers of the cohort who bought
/// again / customers of the cohort. Mergeable counts.
///
/// ```
/// use carekit::metrics::RepeatPurchaseRate;
/// let mut r = RepeatPurchaseRate::from_counts(30, 120)?;
/// assert_eq!(r.rate(), 0.25);
/// r.merge(&RepeatPurchaseRate::from_counts(10, 80)?);
/// assert_eq!(r.rate(), 0.2); // 40 / 200
/// assert!(RepeatPurchaseRate::from_counts(1, 0).unwrap_err().to_string().contains("cohort"));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"repeat_buyers": 30, "cohort": 120}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRepeat", into = "RawRepeat"))]
pub struct RepeatPurchaseRate {
    repeat_buyers: u64,
    cohort: u64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRepeat {
    repeat_buyers: u64,
    cohort: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRepeat> for RepeatPurchaseRate {
    type Error = Error;
    fn try_from(r: RawRepeat) -> Result<Self, Error> {
        RepeatPurchaseRate::from_counts(r.repeat_buyers, r.cohort)
    }
}

#[cfg(feature = "serde")]
impl From<RepeatPurchaseRate> for RawRepeat {
    fn from(r: RepeatPurchaseRate) -> Self {
        Self {
            repeat_buyers: r.repeat_buyers,
            cohort: r.cohort,
        }
    }
}

impl RepeatPurchaseRate {
    /// From the number of cohort customers who bought again and the cohort
    /// size.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.rate(), 0.25);
    /// assert!(RepeatPurchaseRate::from_counts(5, 0).is_err()); // empty cohort
    /// assert!(RepeatPurchaseRate::from_counts(73, 72).is_err()); // more buyers than customers
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::EmptyCohort`] when `cohort` is 0;
    /// [`MetricsError::AboveCohort`] when `repeat_buyers > cohort`.
    pub fn from_counts(repeat_buyers: u64, cohort: u64) -> Result<Self, Error> {
        if cohort == 0 {
            return Err(MetricsError::EmptyCohort.into());
        }
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

    /// Adds another disjoint cohort's counts.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// let mut emea = RepeatPurchaseRate::from_counts(10, 40)?;
    /// emea.merge(&RepeatPurchaseRate::from_counts(50, 60)?)?;
    /// assert_eq!((emea.repeat_buyers(), emea.cohort()), (60, 100));
    /// assert_eq!(emea.rate(), 0.6); // not the mean of 0.25 and 0.833…
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

    /// `repeat_buyers / cohort`, a proportion.
    ///
    /// ```
    /// use carekit::metrics::RepeatPurchaseRate;
    /// assert_eq!(RepeatPurchaseRate::from_counts(18, 72)?.rate(), 0.25); // 18 / 72
    /// assert_eq!(RepeatPurchaseRate::from_counts(0, 72)?.rate(), 0.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn rate(&self) -> f64 {
        self.repeat_buyers as f64 / self.cohort as f64
    }
}
