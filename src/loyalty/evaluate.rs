//! Evaluation of a customer's tier and points at an instant.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Datelike, Months, TimeDelta, TimeZone, Utc};
use rust_decimal::Decimal;

use super::event::{LoyaltyEvent, LoyaltyEventKind, ManualFloor, Membership};
use super::points::{Ledger, PointsStatement};
use super::programme::{DowngradeRule, LoyaltyProgramme, Measure, Window, rfc3339};
use super::{EventId, LoyaltyError};
use crate::calendar::Span;
use crate::{Error, Money, TierId};

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
    at: DateTime<Utc>,
    from: Option<TierId>,
    to: TierId,
    reason: ChangeReason,
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

/// What is missing to reach the next tier.
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
/// let next = eval.next().expect("silver is not the top tier");
/// // gold needs 1000 − 650 = 350 more EUR before the calendar year ends
/// assert_eq!((next.tier().as_str(), next.missing()), ("gold", Decimal::from(350)));
/// assert_eq!(next.by(), Some(t(2025, 1, 1)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Progress {
    tier: TierId,
    threshold: Decimal,
    missing: Decimal,
    by: Option<DateTime<Utc>>,
}

impl Progress {
    /// The next tier up.
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
    /// assert_eq!(eval.next().map(|p| p.tier().as_str()), Some("gold"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// Its threshold.
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
    /// assert_eq!(eval.next().map(Progress::threshold), Some(Decimal::from(1000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn threshold(&self) -> Decimal {
        self.threshold
    }

    /// Threshold minus the current qualifying value.
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
    /// assert_eq!(eval.next().map(Progress::missing), Some(Decimal::from(350))); // 1000 − 650
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn missing(&self) -> Decimal {
        self.missing
    }

    /// The instant before which `missing` must be added for it to suffice:
    /// the end of the window (calendar and anniversary years), the instant
    /// the oldest counted event leaves a rolling window (`None` if the
    /// rolling window is empty), `None` for a lifetime window.
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
    /// // a calendar-year window closes at the end of the year
    /// assert_eq!(eval.next().and_then(Progress::by), Some(t(2025, 1, 1)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn by(&self) -> Option<DateTime<Utc>> {
        self.by
    }
}

/// What is needed to keep the current tier at the next review (or when a
/// pending downgrade's grace period ends).
///
/// ```
/// # use carekit::{Currency, Money, TierId};
/// # use carekit::loyalty::*;
/// # use carekit::calendar::Span;
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
/// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
/// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
/// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
/// #     .build()?;
/// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
/// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
/// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
/// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
/// // review finds 2024 empty. As of 1 Feb 2025:
/// let keep = eval.keep().expect("gold is not the base tier");
/// // during the grace period: 1000 − 0 spent in 2025, by 1 Jan + 60 days
/// assert_eq!((keep.tier().as_str(), keep.needed(), keep.by()), ("gold", Decimal::from(1000), t(2025, 3, 2)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Keep {
    tier: TierId,
    needed: Decimal,
    by: DateTime<Utc>,
}

impl Keep {
    /// The tier to keep (the current one).
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
    /// assert_eq!(eval.keep().map(|k| k.tier().as_str()), Some("silver"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// Qualifying value still to add before `by` (0: already secured).
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
    /// // 650 already spent this year ≥ 500: silver is secured for the next review
    /// assert_eq!(eval.keep().map(Keep::needed), Some(Decimal::ZERO));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn needed(&self) -> Decimal {
        self.needed
    }

    /// The review (or grace end) that decides.
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
    /// assert_eq!(eval.keep().map(Keep::by), Some(t(2025, 1, 1))); // the next review
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn by(&self) -> DateTime<Utc> {
        self.by
    }
}

/// A downgrade decided at a review, waiting for its grace period to end.
///
/// ```
/// # use carekit::{Currency, Money, TierId};
/// # use carekit::loyalty::*;
/// # use carekit::calendar::Span;
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
/// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
/// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
/// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
/// #     .build()?;
/// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
/// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
/// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
/// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
/// // review finds 2024 empty. As of 1 Feb 2025:
/// let pending = eval.pending_downgrade().expect("2024 was empty");
/// assert_eq!(pending.to().as_str(), "blue"); // re-qualify: 0 meets only blue
/// assert_eq!((pending.review_at(), pending.at()), (t(2025, 1, 1), t(2025, 3, 2))); // + 60 days
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PendingDowngrade {
    to: TierId,
    at: DateTime<Utc>,
    review_at: DateTime<Utc>,
}

impl PendingDowngrade {
    /// The tier it will drop to.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// assert_eq!(eval.pending_downgrade().map(|d| d.to().as_str()), Some("blue"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to(&self) -> &TierId {
        &self.to
    }

    /// When it takes effect unless the customer re-qualifies first.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// // 1 Jan 2025 + 60 days = 2 Mar 2025 (31 days of January, 28 of February, 1)
    /// assert_eq!(eval.pending_downgrade().map(PendingDowngrade::at), Some(t(2025, 3, 2)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The review that decided it.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// assert_eq!(eval.pending_downgrade().map(PendingDowngrade::review_at), Some(t(2025, 1, 1)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn review_at(&self) -> DateTime<Utc> {
        self.review_at
    }
}

/// A customer's loyalty standing at an instant: tier and since when, why,
/// the qualifying value, progress, what keeps the tier, and points.
///
/// Produced by [`LoyaltyProgramme::evaluate`]. Values are in the measure's
/// unit: spend amounts carry at least the currency's minor-unit digits
/// (`1250.00`), points and purchases are whole numbers.
///
/// With the `serde` feature it serialises for reports and logs (decimals
/// as strings, instants in RFC 3339); deserialising gives the report back
/// as written: it is an output, not re-checked against a programme.
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
/// assert_eq!(eval.tier().as_str(), "silver");
/// assert_eq!(eval.qualifying_value(), Decimal::from(650));
/// assert_eq!(eval.history().len(), 2); // joined (blue), qualified (silver)
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Evaluation {
    as_of: DateTime<Utc>,
    tier: TierId,
    since: DateTime<Utc>,
    measure: Measure,
    qualifying_value: Decimal,
    pending_value: Decimal,
    met_tier: TierId,
    next: Option<Progress>,
    keep: Option<Keep>,
    pending_downgrade: Option<PendingDowngrade>,
    next_review: Option<DateTime<Utc>>,
    history: Vec<TierChange>,
    points: Option<PointsStatement>,
}

impl Evaluation {
    /// The instant evaluated.
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
    /// assert_eq!(eval.as_of(), t(2024, 6, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_of(&self) -> DateTime<Utc> {
        self.as_of
    }

    /// The current tier.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// // still gold during the grace period, though 2025's value meets only blue
    /// assert_eq!((eval.tier().as_str(), eval.met_tier().as_str()), ("gold", "blue"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// Since when the customer has held the current tier.
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
    /// assert_eq!(eval.since(), t(2024, 4, 1)); // the purchase that reached silver
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn since(&self) -> DateTime<Utc> {
        self.since
    }

    /// The programme's measure.
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
    /// assert_eq!(eval.measure(), Measure::Spend); // values are EUR amounts
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The qualifying value in the current window at `as_of`.
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
    /// assert_eq!(eval.qualifying_value(), Decimal::from(650)); // 300 + 350 in 2024
    /// assert_eq!(eval.qualifying_value().to_string(), "650.00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn qualifying_value(&self) -> Decimal {
        self.qualifying_value
    }

    /// Qualifying value of purchases made but not yet matured at `as_of`.
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
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).build()?;
    /// // 600 EUR bought on 1 Mar, returnable until 31 Mar
    /// let events = [LoyaltyEvent::pending_purchase(EventId::new("p-1")?, t(2024, 3, 1), eur(60000), t(2024, 3, 31))?];
    /// let m = Membership::new(t(2024, 1, 1));
    /// let before = programme.evaluate(&m, &events, t(2024, 3, 10))?;
    /// assert_eq!((before.qualifying_value(), before.pending_value()), (Decimal::ZERO, Decimal::from(600)));
    /// assert_eq!(programme.evaluate(&m, &events, t(2024, 4, 1))?.tier().as_str(), "silver");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn pending_value(&self) -> Decimal {
        self.pending_value
    }

    /// The highest tier whose threshold the qualifying value meets (may be
    /// below [`tier`](Self::tier): tiers are kept until a review).
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
    /// assert_eq!(eval.met_tier(), eval.tier()); // 650 meets silver, held since April
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn met_tier(&self) -> &TierId {
        &self.met_tier
    }

    /// Progress to the tier above the current one (`None` at the top).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// assert!(eval.next().is_none()); // gold is the top tier
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next(&self) -> Option<&Progress> {
        self.next.as_ref()
    }

    /// What keeps the current tier (`None` for the base tier and for a
    /// lifetime window, which has no reviews).
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
    /// let keep = eval.keep().expect("silver can be lost");
    /// assert_eq!((keep.needed(), keep.by()), (Decimal::ZERO, t(2025, 1, 1))); // 650 ≥ 500 already
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn keep(&self) -> Option<&Keep> {
        self.keep.as_ref()
    }

    /// A downgrade waiting for its grace period to end, if any.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use carekit::calendar::Span;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2023, 6, 1), eur(120000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2023, 6, 1)), &events, t(2025, 2, 1))?;
    /// // Calendar-year spend, blue 0 / silver 500 / gold 1000 EUR, re-qualify with 60 days' grace.
    /// // Gold since 1 Jun 2023 (1200 EUR), kept at the 2024 review; the 1 Jan 2025
    /// // review finds 2024 empty. As of 1 Feb 2025:
    /// assert_eq!(eval.pending_downgrade().map(|d| (d.to().as_str(), d.at())), Some(("blue", t(2025, 3, 2))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn pending_downgrade(&self) -> Option<&PendingDowngrade> {
        self.pending_downgrade.as_ref()
    }

    /// The next review after `as_of` (`None` for a lifetime window).
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
    /// assert_eq!(eval.next_review(), Some(t(2025, 1, 1))); // calendar year: every 1 January
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next_review(&self) -> Option<DateTime<Utc>> {
        self.next_review
    }

    /// Every tier change from joining up to `as_of`, oldest first; the last
    /// one explains the current tier.
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
    /// for change in eval.history() {
    ///     println!("{change}");
    /// }
    /// assert_eq!(eval.history().last().map(|c| c.to_string()).as_deref(),
    ///     Some("2024-04-01T00:00:00Z: blue → silver (qualifying value 650.00 reached threshold 500)"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn history(&self) -> &[TierChange] {
        &self.history
    }

    /// The points statement, if the programme has points.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    ///     .points(PointsRule::new(Decimal::from(2))?)
    ///     .build()?;
    /// let events = [
    ///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2, 1), Money::from_minor_units(1050, Currency::EUR))?,
    ///     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2, 2), 5)?,
    /// ];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(3, 1))?;
    /// assert_eq!(pts.points().unwrap().balance(), 16); // floor(10.50 × 2) = 21, − 5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn points(&self) -> Option<&PointsStatement> {
        self.points.as_ref()
    }
}

/// Review instants of a window: the k-th review (k ≥ 1) after joining.
struct Reviews {
    window: Window,
    since: DateTime<Utc>,
}

fn out_of_range(what: &'static str, at: DateTime<Utc>) -> Error {
    LoyaltyError::DateOutOfRange {
        what,
        at: rfc3339(at),
    }
    .into()
}

fn new_year(year: i32, from: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
    Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .single()
        .ok_or_else(|| out_of_range("1 january", from))
}

fn add_span(t: DateTime<Utc>, span: Span, times: u32) -> Option<DateTime<Utc>> {
    match span {
        Span::Days(n) => {
            let days = i64::from(n).checked_mul(i64::from(times))?;
            t.checked_add_signed(TimeDelta::try_days(days)?)
        }
        Span::Months(n) => t.checked_add_months(Months::new(n.checked_mul(times)?)),
    }
}

fn sub_span(t: DateTime<Utc>, span: Span) -> Option<DateTime<Utc>> {
    match span {
        Span::Days(n) => t.checked_sub_signed(TimeDelta::try_days(i64::from(n))?),
        Span::Months(n) => t.checked_sub_months(Months::new(n)),
    }
}

impl Reviews {
    /// The review step: `None` for a lifetime window.
    fn step(&self) -> Option<Span> {
        match self.window {
            Window::Rolling(span) => Some(span),
            Window::AnniversaryYear => Some(Span::Months(12)),
            Window::CalendarYear | Window::Lifetime => None,
        }
    }

    /// The k-th review (k ≥ 1), `None` for a lifetime window.
    fn nth(&self, k: u32) -> Result<Option<DateTime<Utc>>, Error> {
        match self.window {
            Window::Lifetime => Ok(None),
            Window::CalendarYear => {
                let year = i32::try_from(k)
                    .ok()
                    .and_then(|k| self.since.year().checked_add(k))
                    .ok_or_else(|| out_of_range("next review", self.since))?;
                new_year(year, self.since).map(Some)
            }
            Window::Rolling(_) | Window::AnniversaryYear => match self.step() {
                Some(step) => add_span(self.since, step, k)
                    .map(Some)
                    .ok_or_else(|| out_of_range("next review", self.since)),
                None => Ok(None),
            },
        }
    }

    /// Number of reviews at instants in `(since, t]`.
    fn count_up_to(&self, t: DateTime<Utc>) -> Result<u32, Error> {
        if t <= self.since {
            return Ok(0);
        }
        let estimate: i64 = match self.window {
            Window::Lifetime => return Ok(0),
            Window::CalendarYear => {
                return Ok(u32::try_from(t.year().saturating_sub(self.since.year())).unwrap_or(0));
            }
            Window::Rolling(Span::Days(n)) => {
                let secs = t.signed_duration_since(self.since).num_seconds();
                secs.checked_div(i64::from(n).saturating_mul(86_400))
                    .unwrap_or(0)
            }
            Window::Rolling(Span::Months(n)) => months_between(self.since, t)
                .checked_div(i64::from(n))
                .unwrap_or(0),
            Window::AnniversaryYear => months_between(self.since, t).checked_div(12).unwrap_or(0),
        };
        let mut k = u32::try_from(estimate.max(0)).unwrap_or(u32::MAX);
        // The estimate is within one step; settle it exactly.
        while k > 0 && self.nth(k)?.is_some_and(|r| r > t) {
            k = k.saturating_sub(1);
        }
        while let Some(next) = self.nth(k.saturating_add(1))? {
            if next <= t && k < u32::MAX {
                k = k.saturating_add(1);
            } else {
                break;
            }
        }
        Ok(k)
    }

    /// The first review strictly after `t`.
    fn next_after(&self, t: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        let k = self.count_up_to(t)?;
        self.nth(k.saturating_add(1))
    }

    /// The last review at or before `t`, or joining.
    fn last_at_or_before(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
        match self.count_up_to(t)? {
            0 => Ok(self.since),
            k => Ok(self.nth(k)?.unwrap_or(self.since)),
        }
    }
}

fn months_between(a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
    let years = i64::from(b.year()).saturating_sub(i64::from(a.year()));
    let months = i64::from(b.month()).saturating_sub(i64::from(a.month()));
    years.saturating_mul(12).saturating_add(months)
}

/// One change of the qualifying value, at the instant it counts.
#[derive(Debug, Clone, Copy)]
struct Contribution {
    at: DateTime<Utc>,
    delta: Decimal,
}

/// Qualifying value over sub-ranges of time, via prefix sums.
struct Values {
    at: Vec<DateTime<Utc>>,
    prefix: Vec<Decimal>,
    currency: crate::Currency,
}

impl Values {
    fn new(mut items: Vec<Contribution>, currency: crate::Currency) -> Result<Self, Error> {
        items.sort_by_key(|c| c.at);
        let mut prefix = Vec::with_capacity(items.len().saturating_add(1));
        let mut acc = Decimal::ZERO;
        prefix.push(acc);
        for c in &items {
            acc = add(acc, c.delta, currency)?;
            prefix.push(acc);
        }
        Ok(Self {
            at: items.into_iter().map(|c| c.at).collect(),
            prefix,
            currency,
        })
    }

    fn idx_le(&self, t: DateTime<Utc>) -> usize {
        self.at.partition_point(|&a| a <= t)
    }

    fn idx_lt(&self, t: DateTime<Utc>) -> usize {
        self.at.partition_point(|&a| a < t)
    }

    fn between(&self, lo: usize, hi: usize) -> Result<Decimal, Error> {
        let a = self.prefix.get(lo).copied().unwrap_or(Decimal::ZERO);
        let b = self.prefix.get(hi).copied().unwrap_or(Decimal::ZERO);
        sub(b, a, self.currency)
    }
}

fn add(a: Decimal, b: Decimal, currency: crate::Currency) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_add(&Money::new(b, currency))?
        .amount())
}

fn sub(a: Decimal, b: Decimal, currency: crate::Currency) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_sub(&Money::new(b, currency))?
        .amount())
}

/// A purchase with its returns, resolved.
struct Purchase<'a> {
    event: &'a LoyaltyEvent,
    amount: Decimal,
    effective: DateTime<Utc>,
    /// Amount left when it matures (returns before maturity deducted).
    matured: Decimal,
}

/// What happens at one instant, in processing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Floor { tier: usize, floor: usize },
    Earn { purchase: usize },
    ClawBack { ret: usize },
    Redeem { event: usize },
    Qualify { ret: Option<usize> },
}

struct Pending {
    to: usize,
    at: DateTime<Utc>,
    review_at: DateTime<Utc>,
    value: Decimal,
}

/// A return after maturity, resolved.
struct LateReturn {
    event: usize,
    purchase: usize,
    before: Decimal,
    after: Decimal,
}

impl LoyaltyProgramme {
    /// The qualifying value a purchase of `amount` contributes.
    fn purchase_value(&self, amount: Decimal, id: &EventId) -> Result<Decimal, Error> {
        Ok(match self.measure() {
            Measure::Spend => amount,
            Measure::Points => {
                let rate = self
                    .points()
                    .map_or(Decimal::ONE, super::programme::PointsRule::earn_rate);
                amount
                    .checked_mul(rate)
                    .ok_or_else(|| LoyaltyError::Overflow {
                        what: "qualifying points",
                        detail: format!("{amount} × {rate} for {id:?}"),
                    })?
                    .floor()
            }
            Measure::Purchases => {
                if amount > Decimal::ZERO {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                }
            }
        })
    }

    fn present(&self, value: Decimal) -> Decimal {
        match self.measure() {
            Measure::Spend => {
                let mut v = value;
                let minor = u32::from(self.currency().minor_units());
                if v.scale() < minor {
                    v.rescale(minor);
                }
                v
            }
            Measure::Points | Measure::Purchases => value.normalize(),
        }
    }

    fn money_of(&self, event: &LoyaltyEvent, m: &Money) -> Result<Decimal, Error> {
        if m.currency() == self.currency() {
            Ok(m.amount())
        } else {
            Err(LoyaltyError::CurrencyMismatch {
                event: event.id().to_string(),
                amount: m.to_string(),
                expected: self.currency(),
            }
            .into())
        }
    }

    /// Evaluates a customer's standing at `as_of` from their membership and
    /// their whole event ledger. A pure function: the same inputs give the
    /// same result whatever the order of `events`; evaluating at a later
    /// instant extends the history, never rewrites it.
    ///
    /// Every event is validated; events (and maturities) after `as_of` are
    /// then ignored, so a caller may pass the full ledger and ask about any
    /// instant.
    ///
    /// # Errors
    ///
    /// - [`LoyaltyError::DuplicateEventId`] if two events share an id;
    /// - [`LoyaltyError::EventBeforeMembership`] for an event before
    ///   `membership.since()`;
    /// - [`LoyaltyError::CurrencyMismatch`] for a purchase or return in
    ///   another currency than the programme's (its spend thresholds);
    /// - [`LoyaltyError::UnknownPurchase`], [`LoyaltyError::ReturnBeforePurchase`],
    ///   [`LoyaltyError::ReturnExceedsPurchase`] for a return that refers
    ///   to no purchase, precedes it, or takes back more than was bought,
    ///   [`LoyaltyError::NothingLeftToReturn`] for a whole-remainder return
    ///   of a purchase already returned in full;
    /// - [`LoyaltyError::FractionalAdjustment`] for a fractional adjustment
    ///   of a points or purchases measure;
    /// - [`LoyaltyError::NoPointsRule`] for a redemption without points,
    ///   [`LoyaltyError::InsufficientPoints`] for one beyond the balance;
    /// - [`LoyaltyError::UnknownTier`] for a floor of an unknown tier;
    /// - [`Error::InstantOrder`] if `as_of` is before `membership.since()`;
    /// - overflow and date-range errors for absurd inputs.
    ///
    /// ```
    /// use carekit::{Currency, Money, TierId};
    /// use carekit::loyalty::*;
    /// use chrono::{TimeZone, Utc};
    /// use rust_decimal::Decimal;
    ///
    /// let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    ///     .tier(Tier::new(TierId::new("silver")?, Decimal::from(500)))
    ///     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
    ///     .build()?;
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let events = [
    ///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2, 1), eur(30000))?,
    ///     LoyaltyEvent::purchase(EventId::new("p-2")?, t(4, 1), eur(35000))?,
    /// ];
    /// let eval = p.evaluate(&Membership::new(t(1, 1)), &events, t(6, 1))?;
    /// assert_eq!(eval.tier().as_str(), "silver"); // 300 + 350 = 650 ≥ 500
    /// assert_eq!(eval.since(), t(4, 1));
    /// let next = eval.next().unwrap();
    /// assert_eq!(next.missing(), Decimal::new(35000, 2)); // 1000 − 650
    /// assert_eq!(next.by(), Some(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[allow(
        clippy::too_many_lines,
        reason = "one linear pass: validation, then the timeline walk"
    )]
    pub fn evaluate(
        &self,
        membership: &Membership,
        events: &[LoyaltyEvent],
        as_of: DateTime<Utc>,
    ) -> Result<Evaluation, Error> {
        let since = membership.since();
        let currency = self.currency();
        if as_of < since {
            return Err(Error::InstantOrder {
                field: "as_of",
                value: rfc3339(as_of),
                other_field: "member_since",
                other: rfc3339(since),
            });
        }

        // 1. Validate every event, whatever its instant.
        let mut ids = BTreeSet::new();
        for e in events {
            if !ids.insert(e.id().as_str()) {
                return Err(LoyaltyError::DuplicateEventId {
                    id: e.id().to_string(),
                }
                .into());
            }
            if e.at() < since {
                return Err(LoyaltyError::EventBeforeMembership {
                    event: e.id().to_string(),
                    at: rfc3339(e.at()),
                    since: rfc3339(since),
                }
                .into());
            }
            match e.kind() {
                LoyaltyEventKind::Purchase { amount, .. } => {
                    self.money_of(e, amount)?;
                }
                LoyaltyEventKind::Return { amount, .. } => {
                    if let Some(a) = amount {
                        self.money_of(e, a)?;
                    }
                }
                LoyaltyEventKind::Adjustment { value } => {
                    if self.measure() != Measure::Spend && !value.is_integer() {
                        return Err(LoyaltyError::FractionalAdjustment {
                            event: e.id().to_string(),
                            value: value.to_string(),
                            measure: self.measure().name(),
                        }
                        .into());
                    }
                }
                LoyaltyEventKind::Redemption { .. } => {
                    if self.points().is_none() {
                        return Err(LoyaltyError::NoPointsRule {
                            event: e.id().to_string(),
                        }
                        .into());
                    }
                }
            }
        }
        let mut floors: Vec<(usize, &ManualFloor)> = Vec::new();
        for f in membership.floors() {
            let idx = self
                .tier_index(f.tier())
                .ok_or_else(|| LoyaltyError::UnknownTier {
                    field: "floor tier",
                    tier: f.tier().to_string(),
                })?;
            floors.push((idx, f));
        }

        // 2. Purchases, and returns in a canonical order (instant, id).
        let mut purchases: Vec<Purchase<'_>> = Vec::new();
        let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
        for e in events {
            if let LoyaltyEventKind::Purchase { amount, .. } = e.kind() {
                by_id.insert(e.id().as_str(), purchases.len());
                purchases.push(Purchase {
                    event: e,
                    amount: amount.amount(),
                    effective: e.effective_at(),
                    matured: amount.amount(),
                });
            }
        }
        let mut returns: Vec<(usize, &LoyaltyEvent)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind(), LoyaltyEventKind::Return { .. }))
            .collect();
        returns.sort_by(|a, b| (a.1.at(), a.1.id()).cmp(&(b.1.at(), b.1.id())));
        let mut remaining: Vec<Decimal> = purchases.iter().map(|p| p.amount).collect();
        let mut late_returns: Vec<LateReturn> = Vec::new();
        let mut contributions: Vec<Contribution> = Vec::new();
        for &(index, e) in &returns {
            let LoyaltyEventKind::Return { purchase, amount } = e.kind() else {
                continue;
            };
            let pi =
                *by_id
                    .get(purchase.as_str())
                    .ok_or_else(|| LoyaltyError::UnknownPurchase {
                        event: e.id().to_string(),
                        purchase: purchase.to_string(),
                    })?;
            let (Some(p), Some(rem)) = (purchases.get_mut(pi), remaining.get_mut(pi)) else {
                continue;
            };
            if e.at() < p.event.at() {
                return Err(LoyaltyError::ReturnBeforePurchase {
                    event: e.id().to_string(),
                    at: rfc3339(e.at()),
                    purchase: purchase.to_string(),
                    purchase_at: rfc3339(p.event.at()),
                }
                .into());
            }
            let taken = match amount {
                Some(a) => a.amount(),
                None => *rem,
            };
            if taken.is_zero() {
                return Err(LoyaltyError::NothingLeftToReturn {
                    event: e.id().to_string(),
                    purchase: purchase.to_string(),
                }
                .into());
            }
            let after = sub(*rem, taken, currency)?;
            if after < Decimal::ZERO {
                let returned = add(sub(p.amount, *rem, currency)?, taken, currency)?;
                return Err(LoyaltyError::ReturnExceedsPurchase {
                    event: e.id().to_string(),
                    purchase: purchase.to_string(),
                    returned: Money::new(returned, currency).to_string(),
                    amount: Money::new(p.amount, currency).to_string(),
                }
                .into());
            }
            if e.at() < p.effective {
                p.matured = after;
            } else if e.at() <= as_of {
                let delta = sub(
                    self.purchase_value(after, e.id())?,
                    self.purchase_value(*rem, e.id())?,
                    currency,
                )?;
                contributions.push(Contribution { at: e.at(), delta });
                late_returns.push(LateReturn {
                    event: index,
                    purchase: pi,
                    before: *rem,
                    after,
                });
            }
            *rem = after;
        }

        // 3. The timeline of steps up to `as_of`.
        let mut steps: Vec<(DateTime<Utc>, Step)> = Vec::new();
        let mut pending_value = Decimal::ZERO;
        for (i, p) in purchases.iter().enumerate() {
            if p.event.at() > as_of {
                continue;
            }
            if p.effective > as_of {
                // Pending: what it would add, less returns made so far.
                let returned_so_far = returns
                    .iter()
                    .filter(|(_, r)| r.at() <= as_of)
                    .filter_map(|(_, r)| match r.kind() {
                        LoyaltyEventKind::Return { purchase, amount }
                            if purchase == p.event.id() =>
                        {
                            Some(amount.map_or(p.amount, |a| a.amount()))
                        }
                        _ => None,
                    })
                    .try_fold(Decimal::ZERO, |acc, a| add(acc, a, currency))?;
                let left = sub(p.amount, returned_so_far, currency)?.max(Decimal::ZERO);
                pending_value = add(
                    pending_value,
                    self.purchase_value(left, p.event.id())?,
                    currency,
                )?;
                continue;
            }
            if p.matured <= Decimal::ZERO {
                continue;
            }
            let delta = self.purchase_value(p.matured, p.event.id())?;
            contributions.push(Contribution {
                at: p.effective,
                delta,
            });
            steps.push((p.effective, Step::Earn { purchase: i }));
            steps.push((p.effective, Step::Qualify { ret: None }));
        }
        for (i, r) in late_returns.iter().enumerate() {
            if let Some(e) = events.get(r.event) {
                steps.push((e.at(), Step::ClawBack { ret: i }));
                steps.push((e.at(), Step::Qualify { ret: Some(i) }));
            }
        }
        for (i, e) in events.iter().enumerate() {
            if e.at() > as_of {
                continue;
            }
            match e.kind() {
                LoyaltyEventKind::Adjustment { value } => {
                    contributions.push(Contribution {
                        at: e.at(),
                        delta: *value,
                    });
                    steps.push((e.at(), Step::Qualify { ret: None }));
                }
                LoyaltyEventKind::Redemption { .. } => {
                    steps.push((e.at(), Step::Redeem { event: i }));
                }
                _ => {}
            }
        }
        for (i, &(tier, f)) in floors.iter().enumerate() {
            let start = f.from().max(since);
            if start <= as_of && f.is_active_at(start) {
                steps.push((start, Step::Floor { tier, floor: i }));
            }
        }
        // Canonical order: instant, then step kind, then the events' ids.
        let key = |s: &Step| -> (u8, String) {
            match *s {
                // Highest tier first (a lower floor at the same instant then
                // changes nothing), ties by end: the order floors are
                // listed in does not matter.
                Step::Floor { tier, floor } => (
                    0,
                    format!(
                        "{:020}{}",
                        usize::MAX.saturating_sub(tier),
                        floors
                            .get(floor)
                            .and_then(|(_, f)| f.until())
                            .map_or_else(|| "~".to_owned(), rfc3339)
                    ),
                ),
                Step::Earn { purchase } => (
                    1,
                    purchases
                        .get(purchase)
                        .map(|p| p.event.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::ClawBack { ret } | Step::Qualify { ret: Some(ret) } => (
                    if matches!(s, Step::ClawBack { .. }) {
                        2
                    } else {
                        4
                    },
                    late_returns
                        .get(ret)
                        .and_then(|r| events.get(r.event))
                        .map(|e| e.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::Redeem { event } => (
                    3,
                    events
                        .get(event)
                        .map(|e| e.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::Qualify { ret: None } => (4, String::new()),
            }
        };
        let mut keyed: Vec<(DateTime<Utc>, (u8, String), Step)> =
            steps.into_iter().map(|(t, s)| (t, key(&s), s)).collect();
        keyed.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));

        let values = Values::new(contributions, currency)?;
        let reviews = Reviews {
            window: self.window(),
            since,
        };
        let window_value = |t: DateTime<Utc>| -> Result<Decimal, Error> {
            let hi = values.idx_le(t);
            let lo = match self.window() {
                Window::Rolling(span) => {
                    values.idx_le(sub_span(t, span).ok_or_else(|| out_of_range("window start", t))?)
                }
                Window::CalendarYear => values.idx_lt(new_year(t.year(), t)?),
                Window::AnniversaryYear => values.idx_lt(reviews.last_at_or_before(t)?),
                Window::Lifetime => 0,
            };
            values.between(lo, hi.max(lo))
        };
        let floor_at = |t: DateTime<Utc>| -> usize {
            floors
                .iter()
                .filter(|(_, f)| f.is_active_at(t))
                .map(|(i, _)| *i)
                .max()
                .unwrap_or(0)
        };
        let threshold = |i: usize| self.tier_at(i).threshold();
        let id_of = |i: usize| self.tier_at(i).id().clone();

        // 4. Walk the timeline.
        let mut current = 0_usize;
        let mut secured = 0_usize;
        let mut history = vec![TierChange {
            at: since,
            from: None,
            to: id_of(0),
            reason: ChangeReason::Joined,
        }];
        let change = |history: &mut Vec<TierChange>,
                      current: &mut usize,
                      at: DateTime<Utc>,
                      to: usize,
                      reason: ChangeReason| {
            history.push(TierChange {
                at,
                from: Some(id_of(*current)),
                to: id_of(to),
                reason,
            });
            *current = to;
        };
        let mut pending: Option<Pending> = None;
        let mut previous_review = since;
        let mut next_review = reviews.next_after(since)?;
        let mut ledger = Ledger::default();
        let rule = self.downgrade().rule();
        let mut cursor = 0_usize;
        loop {
            let candidates = [
                keyed.get(cursor).map(|s| s.0),
                next_review.filter(|&r| r <= as_of),
                pending.as_ref().map(|p| p.at).filter(|&a| a <= as_of),
            ];
            let Some(t) = candidates.into_iter().flatten().min() else {
                break;
            };
            // Grace ends.
            if let Some(p) = pending
                .as_ref()
                .filter(|p| p.at == t || next_review == Some(t))
            {
                let target = p.to.max(floor_at(t));
                if target < current {
                    let reason = ChangeReason::GraceEnded {
                        review_at: p.review_at,
                        value: self.present(p.value),
                    };
                    change(&mut history, &mut current, t, target, reason);
                }
                secured = current;
                pending = None;
            }
            // Review.
            if next_review == Some(t) {
                let lo = values.idx_lt(previous_review);
                let hi = values.idx_lt(t);
                let value = values.between(lo, hi.max(lo))?;
                let met = self.met_index(value);
                let floor = floor_at(t);
                let decided = match rule {
                    DowngradeRule::Never => current.max(met),
                    DowngradeRule::SoftLanding => met.max(current.saturating_sub(1)).max(floor),
                    DowngradeRule::Requalify => met.max(floor),
                };
                let reason = ChangeReason::Review {
                    value: self.present(value),
                    rule,
                };
                if decided > current {
                    change(&mut history, &mut current, t, decided, reason);
                } else if decided < current {
                    match self.downgrade().grace() {
                        Some(grace) => {
                            pending = Some(Pending {
                                to: decided,
                                at: add_span(t, grace, 1)
                                    .ok_or_else(|| out_of_range("grace end", t))?,
                                review_at: t,
                                value,
                            });
                        }
                        None => change(&mut history, &mut current, t, decided, reason),
                    }
                }
                secured = current;
                previous_review = t;
                next_review = reviews.next_after(t)?;
            }
            // Events at t.
            let mut qualify = false;
            let mut reversed: Option<usize> = None;
            while let Some((at, _, step)) = keyed.get(cursor) {
                if *at != t {
                    break;
                }
                match *step {
                    Step::Floor { tier, floor } => {
                        secured = secured.max(tier);
                        if tier > current {
                            let reason =
                                floors.get(floor).map_or(ChangeReason::Joined, |(_, f)| {
                                    ChangeReason::ManualFloor {
                                        from: f.from(),
                                        until: f.until(),
                                    }
                                });
                            change(&mut history, &mut current, t, tier, reason);
                        }
                        if tier >= current {
                            pending = None;
                        }
                    }
                    Step::Earn { purchase } => {
                        if let (Some(rule), Some(p)) = (self.points(), purchases.get(purchase)) {
                            let rate = rule
                                .earn_rate()
                                .checked_mul(self.tier_at(current).points_multiplier().get())
                                .ok_or_else(|| LoyaltyError::Overflow {
                                    what: "points earn rate",
                                    detail: format!("{} × tier multiplier", rule.earn_rate()),
                                })?;
                            ledger.earn(
                                purchase,
                                p.event.id(),
                                t,
                                p.matured,
                                rate,
                                rule.expiry_months(),
                            )?;
                        }
                    }
                    Step::ClawBack { ret } => {
                        if let Some(r) = late_returns.get(ret) {
                            ledger.claw_back(r.purchase, t, r.before, r.after)?;
                        }
                    }
                    Step::Redeem { event } => {
                        if let Some(e) = events.get(event) {
                            if let LoyaltyEventKind::Redemption { points } = e.kind() {
                                ledger.redeem(e.id(), t, *points)?;
                            }
                        }
                    }
                    Step::Qualify { ret } => {
                        qualify = true;
                        if reversed.is_none() {
                            reversed = ret;
                        }
                    }
                }
                cursor = cursor.saturating_add(1);
            }
            if qualify {
                let value = window_value(t)?;
                let met = self.met_index(value);
                if met > current {
                    let reason = ChangeReason::Qualified {
                        value: self.present(value),
                        threshold: threshold(met),
                    };
                    change(&mut history, &mut current, t, met, reason);
                    pending = None;
                } else {
                    if pending.is_some() && value >= threshold(current) {
                        pending = None;
                        secured = current;
                    }
                    if let Some(ret) = reversed {
                        let target = secured.max(met).max(floor_at(t));
                        if target < current {
                            let event = late_returns
                                .get(ret)
                                .and_then(|r| events.get(r.event))
                                .map(|e| e.id().clone());
                            if let Some(event) = event {
                                let reason = ChangeReason::ReturnReversed {
                                    event,
                                    value: self.present(value),
                                };
                                change(&mut history, &mut current, t, target, reason);
                            }
                        }
                    }
                }
            }
        }

        // 5. The standing at `as_of`.
        let value = window_value(as_of)?;
        let met = self.met_index(value);
        let next = match self.tiers().get(current.saturating_add(1)) {
            Some(tier) => {
                let by = match self.window() {
                    Window::CalendarYear | Window::AnniversaryYear => next_review,
                    Window::Rolling(span) => {
                        let start = sub_span(as_of, span)
                            .ok_or_else(|| out_of_range("window start", as_of))?;
                        let lo = values.idx_le(start);
                        if lo < values.idx_le(as_of) {
                            values.at.get(lo).and_then(|&a| add_span(a, span, 1))
                        } else {
                            None
                        }
                    }
                    Window::Lifetime => None,
                };
                Some(Progress {
                    tier: tier.id().clone(),
                    threshold: tier.threshold(),
                    missing: self
                        .present(sub(tier.threshold(), value, currency)?.max(Decimal::ZERO)),
                    by,
                })
            }
            None => None,
        };
        let keep = if current == 0 {
            None
        } else if let Some(p) = &pending {
            Some(Keep {
                tier: id_of(current),
                needed: self.present(sub(threshold(current), value, currency)?.max(Decimal::ZERO)),
                by: p.at,
            })
        } else if let Some(review) = next_review {
            let secured_by_rule = rule == DowngradeRule::Never || floor_at(review) >= current;
            let needed = if secured_by_rule {
                Decimal::ZERO
            } else {
                let lo = values.idx_lt(previous_review);
                let so_far = values.between(lo, values.idx_le(as_of).max(lo))?;
                sub(threshold(current), so_far, currency)?.max(Decimal::ZERO)
            };
            Some(Keep {
                tier: id_of(current),
                needed: self.present(needed),
                by: review,
            })
        } else {
            None
        };
        let since_current = history.last().map_or(since, TierChange::at);
        Ok(Evaluation {
            as_of,
            tier: id_of(current),
            since: since_current,
            measure: self.measure(),
            qualifying_value: self.present(value),
            pending_value: self.present(pending_value),
            met_tier: id_of(met),
            next,
            keep,
            pending_downgrade: pending.map(|p| PendingDowngrade {
                to: id_of(p.to),
                at: p.at,
                review_at: p.review_at,
            }),
            next_review,
            history,
            points: self.points().map(|_| ledger.statement(as_of)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn reviews(window: Window, since: DateTime<Utc>) -> Reviews {
        Reviews { window, since }
    }

    #[test]
    fn calendar_year_reviews_every_first_of_january() {
        let r = reviews(Window::CalendarYear, t(2023, 7, 1));
        assert_eq!(r.nth(1).unwrap(), Some(t(2024, 1, 1)));
        assert_eq!(r.count_up_to(t(2023, 12, 31)).unwrap(), 0);
        assert_eq!(r.count_up_to(t(2024, 1, 1)).unwrap(), 1);
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2025, 1, 1)));
        assert_eq!(r.last_at_or_before(t(2023, 8, 1)).unwrap(), t(2023, 7, 1));
        // Joining exactly on 1 January: the first review is a year later.
        let r = reviews(Window::CalendarYear, t(2024, 1, 1));
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2025, 1, 1)));
    }

    #[test]
    fn anniversaries_of_29_february_fall_on_28_february_without_drift() {
        let r = reviews(Window::AnniversaryYear, t(2024, 2, 29));
        assert_eq!(r.nth(1).unwrap(), Some(t(2025, 2, 28)));
        assert_eq!(r.nth(4).unwrap(), Some(t(2028, 2, 29)));
        assert_eq!(r.count_up_to(t(2025, 2, 27)).unwrap(), 0);
        assert_eq!(r.count_up_to(t(2025, 2, 28)).unwrap(), 1);
        assert_eq!(r.last_at_or_before(t(2028, 3, 1)).unwrap(), t(2028, 2, 29));
    }

    #[test]
    fn rolling_reviews_step_by_the_window_length() {
        // 90 days from 2024-01-01: 03-31 (31 + 29 + 30), 06-29.
        let r = reviews(Window::Rolling(Span::Days(90)), t(2024, 1, 1));
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2024, 3, 31)));
        assert_eq!(r.next_after(t(2024, 3, 31)).unwrap(), Some(t(2024, 6, 29)));
        assert_eq!(r.count_up_to(t(2024, 6, 28)).unwrap(), 1);
        // Months from 31 January: 29 February (clamped), 31 March.
        let r = reviews(Window::Rolling(Span::Months(1)), t(2024, 1, 31));
        assert_eq!(r.nth(1).unwrap(), Some(t(2024, 2, 29)));
        assert_eq!(r.nth(2).unwrap(), Some(t(2024, 3, 31)));
        assert_eq!(r.count_up_to(t(2024, 3, 30)).unwrap(), 1);
        let r = reviews(Window::Lifetime, t(2024, 1, 31));
        assert_eq!(r.next_after(t(2030, 1, 1)).unwrap(), None);
    }

    #[test]
    fn absurd_dates_are_errors_not_panics() {
        let r = reviews(Window::Rolling(Span::Months(u32::MAX)), t(2024, 1, 1));
        assert!(r.next_after(t(2024, 1, 2)).is_err());
        assert!(sub_span(t(2024, 1, 1), Span::Days(u32::MAX)).is_none());
    }
}
