//! Progress to the next tier and what keeps the current one, worked out
//! at the instant of evaluation from the qualifying value, the window and
//! the review schedule.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::ledger::Resolved;
use super::programme::{DowngradeRule, LoyaltyProgramme, Window};
use super::qualifying::{Values, sub};
use super::reviews::Walk;
use crate::{error::Error, id::TierId};

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
    pub(super) tier: TierId,
    pub(super) threshold: Decimal,
    pub(super) missing: Decimal,
    pub(super) by: Option<DateTime<Utc>>,
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

    /// The instant before which `missing` must be added for it to suffice,
    /// always after `as_of`: the end of the window (calendar and
    /// anniversary years), the instant the oldest counted event leaves a
    /// rolling window, which is the first instant whose window start
    /// reaches it (`None` if the rolling window is empty), `None` for a
    /// lifetime window.
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
    pub(super) tier: TierId,
    pub(super) needed: Decimal,
    pub(super) by: DateTime<Utc>,
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

    /// The review that decides; while a downgrade is pending, the end of
    /// its grace period, or the instant the oldest counted event leaves a
    /// rolling window if that is earlier. Always after `as_of`.
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

impl LoyaltyProgramme {
    /// Progress to the tier above the one held at the end of `walk`, with
    /// `value` the qualifying value at `as_of` and `first_exit` the instant
    /// the oldest counted event leaves a rolling window.
    pub(super) fn progress(
        &self,
        walk: &Walk<'_>,
        value: Decimal,
        first_exit: Option<DateTime<Utc>>,
    ) -> Result<Option<Progress>, Error> {
        let Some(tier) = self.tiers().get(walk.current.saturating_add(1)) else {
            return Ok(None);
        };
        // Both come from window starts: a year window closes where the next
        // one starts (the next review); a rolling window holds its events
        // until its start reaches the oldest.
        let by = match self.window() {
            Window::CalendarYear | Window::AnniversaryYear => walk.next_review,
            Window::Rolling(_) => first_exit,
            Window::Lifetime => None,
        };
        Ok(Some(Progress {
            tier: tier.id().clone(),
            threshold: tier.threshold(),
            missing: self
                .present(sub(tier.threshold(), value, self.currency())?.max(Decimal::ZERO)),
            by,
        }))
    }

    /// What keeps the tier held at the end of `walk`: `None` for the base
    /// tier and for a window without reviews.
    pub(super) fn keep(
        &self,
        walk: &Walk<'_>,
        resolved: &Resolved<'_>,
        values: &Values,
        value: Decimal,
        first_exit: Option<DateTime<Utc>>,
        as_of: DateTime<Utc>,
    ) -> Result<Option<Keep>, Error> {
        let current = walk.current;
        if current == 0 {
            return Ok(None);
        }
        let threshold = self.tier_at(current).threshold();
        let tier = self.tier_at(current).id().clone();
        if let Some(p) = &walk.pending {
            // Re-qualifying cancels the downgrade: the window value must
            // reach the threshold before the grace ends, and before the
            // oldest counted event leaves the window.
            return Ok(Some(Keep {
                tier,
                needed: self.present(sub(threshold, value, self.currency())?.max(Decimal::ZERO)),
                by: first_exit.map_or(p.at, |x| x.min(p.at)),
            }));
        }
        let Some(review) = walk.next_review else {
            return Ok(None);
        };
        let secured_by_rule =
            self.downgrade().rule() == DowngradeRule::Never || resolved.floor_at(review) >= current;
        let needed = if secured_by_rule {
            Decimal::ZERO
        } else {
            let lo = values.idx_lt(walk.previous_review);
            let so_far = values.between(lo, values.idx_le(as_of).max(lo))?;
            sub(threshold, so_far, self.currency())?.max(Decimal::ZERO)
        };
        Ok(Some(Keep {
            tier,
            needed: self.present(needed),
            by: review,
        }))
    }
}
