//! One change of tier ([`TierChange`]) and why it happened
//! ([`ChangeReason`]): what the walk along the timeline records and the
//! report shows.

use std::fmt;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::EventId;
use super::programme::DowngradeRule;
use crate::error::rfc3339;
use crate::id::TierId;

/// Why a customer's tier changed.
///
/// ```
/// # use carekit::loyalty::{ChangeReason, DowngradeRule};
/// # use rust_decimal::Decimal;
/// let up = ChangeReason::Qualified { value: Decimal::new(65000, 2), threshold: Decimal::from(500) };
/// assert_eq!(up.to_string(), "qualifying value 650.00 reached threshold 500");
/// let down = ChangeReason::Review { value: Decimal::ZERO, rule: DowngradeRule::Requalify };
/// assert_eq!(down.to_string(), "review (requalify) of a period with qualifying value 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChangeReason {
    /// The customer joined, at the base tier.
    Joined,
    /// The qualifying value reached the tier's threshold (an upgrade).
    Qualified {
        /// The qualifying value in the window at that instant.
        value: Decimal,
        /// The threshold it reached.
        threshold: Decimal,
    },
    /// A review applied the downgrade rule to the closing period's value.
    Review {
        /// The value of the period `[previous review, review)`.
        value: Decimal,
        /// The rule applied.
        rule: DowngradeRule,
    },
    /// A downgrade decided at a review took effect when its grace period
    /// ended without the customer re-qualifying.
    GraceEnded {
        /// The review that decided it.
        review_at: DateTime<Utc>,
        /// The value of the reviewed period.
        value: Decimal,
    },
    /// A return took the qualifying value below an upgrade earned since the
    /// last review, which is undone.
    ReturnReversed {
        /// The return.
        event: EventId,
        /// The qualifying value after it.
        value: Decimal,
    },
    /// Staff granted a floor at this tier.
    ManualFloor {
        /// Floor start.
        from: DateTime<Utc>,
        /// Floor end, if any.
        until: Option<DateTime<Utc>>,
    },
}

impl fmt::Display for ChangeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeReason::Joined => f.write_str("joined"),
            ChangeReason::Qualified { value, threshold } => {
                write!(f, "qualifying value {value} reached threshold {threshold}")
            }
            ChangeReason::Review { value, rule } => {
                write!(
                    f,
                    "review ({rule}) of a period with qualifying value {value}"
                )
            }
            ChangeReason::GraceEnded { review_at, value } => write!(
                f,
                "grace period after the review at {} ended (qualifying value {value})",
                rfc3339(*review_at)
            ),
            ChangeReason::ReturnReversed { event, value } => {
                write!(f, "return {event} lowered the qualifying value to {value}")
            }
            ChangeReason::ManualFloor { from, until } => match until {
                Some(u) => write!(
                    f,
                    "manual floor from {} until {}",
                    rfc3339(*from),
                    rfc3339(*u)
                ),
                None => write!(f, "manual floor from {}", rfc3339(*from)),
            },
        }
    }
}

/// One change of tier, with its reason.
///
/// ```
/// # use carekit::{Currency, Money, TierId};
/// # use carekit::loyalty::*;
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
/// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
/// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
/// #     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
/// #     .build()?;
/// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(3, 1), Money::from_minor_units(125000, Currency::EUR))?];
/// let eval = p.evaluate(&Membership::new(t(1, 1)), &events, t(6, 1))?;
/// let up = &eval.history()[1];
/// assert_eq!(up.to_string(), "2024-03-01T00:00:00Z: blue → gold (qualifying value 1250.00 reached threshold 1000)");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TierChange {
    pub(super) at: DateTime<Utc>,
    pub(super) from: Option<TierId>,
    pub(super) to: TierId,
    pub(super) reason: ChangeReason,
}

impl TierChange {
    /// When.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 2, 1), eur(30000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 4, 1), eur(35000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 6, 1))?;
    /// // Calendar-year spend; blue from 0, silver from 500, gold from 1000 EUR.
    /// // Joined 1 Jan 2024, spent 300 EUR on 1 Feb and 350 EUR on 1 Apr; as of 1 Jun 2024.
    /// assert_eq!(eval.history()[1].at(), t(2024, 4, 1)); // 300 + 350 = 650 ≥ 500
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The tier before (`None` when joining).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 2, 1), eur(30000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 4, 1), eur(35000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 6, 1))?;
    /// // Calendar-year spend; blue from 0, silver from 500, gold from 1000 EUR.
    /// // Joined 1 Jan 2024, spent 300 EUR on 1 Feb and 350 EUR on 1 Apr; as of 1 Jun 2024.
    /// assert_eq!(eval.history()[0].from(), None); // joining
    /// assert_eq!(eval.history()[1].from().map(TierId::as_str), Some("blue"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from(&self) -> Option<&TierId> {
        self.from.as_ref()
    }

    /// The tier after.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 2, 1), eur(30000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 4, 1), eur(35000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 6, 1))?;
    /// // Calendar-year spend; blue from 0, silver from 500, gold from 1000 EUR.
    /// // Joined 1 Jan 2024, spent 300 EUR on 1 Feb and 350 EUR on 1 Apr; as of 1 Jun 2024.
    /// let tiers: Vec<&str> = eval.history().iter().map(|c| c.to().as_str()).collect();
    /// assert_eq!(tiers, ["blue", "silver"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to(&self) -> &TierId {
        &self.to
    }

    /// Why.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 2, 1), eur(30000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 4, 1), eur(35000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 6, 1))?;
    /// // Calendar-year spend; blue from 0, silver from 500, gold from 1000 EUR.
    /// // Joined 1 Jan 2024, spent 300 EUR on 1 Feb and 350 EUR on 1 Apr; as of 1 Jun 2024.
    /// assert_eq!(eval.history()[0].reason(), &ChangeReason::Joined);
    /// assert_eq!(eval.history()[1].reason(),
    ///     &ChangeReason::Qualified { value: Decimal::from(650), threshold: Decimal::from(500) });
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reason(&self) -> &ChangeReason {
        &self.reason
    }
}

impl fmt::Display for TierChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.from {
            Some(from) => write!(
                f,
                "{}: {from} → {} ({})",
                rfc3339(self.at),
                self.to,
                self.reason
            ),
            None => write!(f, "{}: {} ({})", rfc3339(self.at), self.to, self.reason),
        }
    }
}
