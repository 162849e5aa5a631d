//! The report of an evaluation: a pending downgrade, and the
//! [`Evaluation`] that gathers the tier changes with the progress, what
//! keeps the tier, and the points statement.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::change::TierChange;
use super::points::PointsStatement;
use super::programme::Measure;
use super::progress::{Keep, Progress};
use crate::id::TierId;

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
    pub(super) to: TierId,
    pub(super) at: DateTime<Utc>,
    pub(super) review_at: DateTime<Utc>,
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
/// Produced by [`LoyaltyProgramme::evaluate`](super::LoyaltyProgramme::evaluate). Values are in the measure's
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
    pub(super) as_of: DateTime<Utc>,
    pub(super) tier: TierId,
    pub(super) since: DateTime<Utc>,
    pub(super) measure: Measure,
    pub(super) qualifying_value: Decimal,
    pub(super) pending_value: Decimal,
    pub(super) met_tier: TierId,
    pub(super) next: Option<Progress>,
    pub(super) keep: Option<Keep>,
    pub(super) pending_downgrade: Option<PendingDowngrade>,
    pub(super) next_review: Option<DateTime<Utc>>,
    pub(super) history: Vec<TierChange>,
    pub(super) points: Option<PointsStatement>,
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
