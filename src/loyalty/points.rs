//! Points: lots earned by purchases, consumed oldest first, expiring.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::{EventId, LoyaltyError};
use crate::error::Error;
use crate::error::rfc3339;

/// Points earned by one purchase, and what is left of them.
///
/// ```
/// # use carekit::{Currency, Money};
/// # use carekit::loyalty::*;
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
/// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
/// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
/// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
/// #     .build()?;
/// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(1, 10), Money::from_minor_units(4599, Currency::EUR))?];
/// let eval = p.evaluate(&Membership::new(t(1, 1)), &events, t(2, 1))?;
/// let lot = &eval.points().unwrap().lots()[0];
/// assert_eq!((lot.earned(), lot.remaining()), (45, 45)); // floor(45.99 × 1)
/// assert_eq!(lot.expires_at(), Some(Utc.with_ymd_and_hms(2025, 1, 10, 0, 0, 0).unwrap()));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PointsLot {
    source: EventId,
    earned_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    earned: u64,
    remaining: u64,
}

impl PointsLot {
    /// The purchase that earned them.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.lots()[0].source().as_str(), "p-2"); // p-1's lot has expired
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn source(&self) -> &EventId {
        &self.source
    }

    /// When they were earned (the purchase's maturity).
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.lots()[0].earned_at(), t(2024, 6, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earned_at(&self) -> DateTime<Utc> {
        self.earned_at
    }

    /// When they expire, if they do (expired at that instant).
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.lots()[0].expires_at(), Some(t(2025, 6, 1))); // 12 months after earning
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.expires_at
    }

    /// Points earned.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.lots()[0].earned(), 50); // floor(50.50 × 1)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earned(&self) -> u64 {
        self.earned
    }

    /// Points not yet redeemed, clawed back or expired.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.lots()[0].remaining(), 30); // 50 − 20 clawed back
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    fn alive_at(&self, t: DateTime<Utc>) -> bool {
        self.expires_at.is_none_or(|e| t < e)
    }
}

/// The next batch of points to expire.
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
/// #     .tier(tier("blue", 0))
/// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
/// #     .build()?;
/// # let events = [
/// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
/// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
/// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
/// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
/// # ];
/// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
/// #     .points().cloned().expect("the programme has points");
/// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
/// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
/// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
/// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
/// let next = pts.next_expiry().expect("p-2's points expire");
/// assert_eq!((next.points(), next.at()), (30, t(2025, 6, 1)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Expiry {
    points: u64,
    at: DateTime<Utc>,
}

impl Expiry {
    /// How many points expire.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.next_expiry().map(|e| e.points()), Some(30));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn points(&self) -> u64 {
        self.points
    }

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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.next_expiry().map(|e| e.at()), Some(t(2025, 6, 1)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
}

/// A customer's points at an instant: balance, lots, next expiry, totals.
///
/// See [`Evaluation::points`](super::Evaluation::points) for an example.
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
/// #     .tier(tier("blue", 0))
/// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
/// #     .build()?;
/// # let events = [
/// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
/// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
/// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
/// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
/// # ];
/// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
/// #     .points().cloned().expect("the programme has points");
/// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
/// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
/// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
/// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
/// // earned = balance + redeemed + expired + clawed back: 150 = 30 + 30 + 70 + 20
/// assert_eq!(pts.earned(), pts.balance() + pts.redeemed() + pts.expired() + pts.clawed_back());
/// assert_eq!(pts.balance(), 30);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PointsStatement {
    as_of: DateTime<Utc>,
    balance: u64,
    #[cfg_attr(feature = "serde", serde(default))]
    pending: u64,
    earned: u64,
    redeemed: u64,
    expired: u64,
    clawed_back: u64,
    next_expiry: Option<Expiry>,
    lots: Vec<PointsLot>,
}

impl PointsStatement {
    /// The instant of the statement.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.as_of(), t(2025, 2, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_of(&self) -> DateTime<Utc> {
        self.as_of
    }

    /// Points available at `as_of`.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.balance(), 30); // only p-2's 50 − 20 are left
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn balance(&self) -> u64 {
        self.balance
    }

    /// All points ever earned up to `as_of`.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.earned(), 150); // 100 + 50
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earned(&self) -> u64 {
        self.earned
    }

    /// Points redeemed up to `as_of`.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.redeemed(), 30);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn redeemed(&self) -> u64 {
        self.redeemed
    }

    /// Points that expired unused up to `as_of`.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.expired(), 70); // p-1: 100 − 30 redeemed, expired 10 Jan 2025
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn expired(&self) -> u64 {
        self.expired
    }

    /// Points taken back because their purchase was returned.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.clawed_back(), 20); // floor(50.50) − floor(30.50)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn clawed_back(&self) -> u64 {
        self.clawed_back
    }

    /// The next expiry after `as_of` (all lots expiring at that instant).
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// assert_eq!(pts.next_expiry().map(|e| (e.points(), e.at())), Some((30, t(2025, 6, 1))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next_expiry(&self) -> Option<Expiry> {
        self.next_expiry
    }

    /// Lots with points left at `as_of`, oldest first.
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
    /// #     .tier(tier("blue", 0))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
    /// #     .build()?;
    /// # let events = [
    /// #     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), eur(10000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 6, 1), eur(5050))?,
    /// #     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 7, 1), 30)?,
    /// #     LoyaltyEvent::return_of(EventId::new("r-1")?, t(2024, 7, 15), EventId::new("p-2")?, Some(eur(2000)))?,
    /// # ];
    /// # let pts = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2025, 2, 1))?
    /// #     .points().cloned().expect("the programme has points");
    /// // 1 point per EUR, expiring after 12 months. p-1: 100 EUR on 10 Jan 2024 (100 points);
    /// // p-2: 50.50 EUR on 1 Jun 2024 (50 points); 30 points redeemed on 1 Jul (from p-1, oldest
    /// // first); 20 EUR of p-2 returned on 15 Jul (claws back 50 − floor(30.50) = 20 points).
    /// // As of 1 Feb 2025 p-1's 70 remaining points expired on 10 Jan 2025.
    /// let left: Vec<(&str, u64)> = pts.lots().iter().map(|l| (l.source().as_str(), l.remaining())).collect();
    /// assert_eq!(left, [("p-2", 30)]); // p-1's lot expired
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn lots(&self) -> &[PointsLot] {
        &self.lots
    }

    /// Points of the balance that expire after `as_of` and at or before
    /// `until` (e.g. the end of this month), unless redeemed first.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(6)?)
    /// #     .build()?;
    /// let events = [
    ///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 1, 10), Money::from_minor_units(10000, Currency::EUR))?,
    ///     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 2, 10), Money::from_minor_units(5000, Currency::EUR))?,
    /// ];
    /// let pts = p.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.expiring_by(t(2024, 7, 31)), 100); // p-1's lot expires 10 July
    /// assert_eq!(pts.expiring_by(t(2024, 8, 31)), 150);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn expiring_by(&self, until: DateTime<Utc>) -> u64 {
        self.lots
            .iter()
            .filter(|l| l.expires_at.is_some_and(|e| e <= until))
            .fold(0_u64, |acc, l| acc.saturating_add(l.remaining))
    }

    /// Points not yet earned: what purchases made by `as_of` but still in
    /// their return window (`matures_at` after `as_of`) earn when they
    /// mature, less what has been returned of them so far. Counted at the
    /// points multiplier of the tier held at `as_of`; the points credited
    /// at maturity use the tier held then. Not part of the
    /// [`balance`](Self::balance): they cannot be redeemed yet.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
    /// #     .points(PointsRule::new(Decimal::ONE)?)
    /// #     .build()?;
    /// // 1 point per EUR. 80.50 EUR bought on 20 June, returnable until 20 July;
    /// // 20.00 EUR of it returned on 25 June.
    /// let events = [
    ///     LoyaltyEvent::pending_purchase(EventId::new("p-1")?, t(6, 20), eur(8050), t(7, 20))?,
    ///     LoyaltyEvent::return_of(EventId::new("r-1")?, t(6, 25), EventId::new("p-1")?, Some(eur(2000)))?,
    /// ];
    /// let m = Membership::new(t(1, 1));
    /// let july = p.evaluate(&m, &events, t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!((july.balance(), july.pending()), (0, 60)); // floor(80.50 − 20.00)
    /// let august = p.evaluate(&m, &events, t(8, 1))?.points().cloned().unwrap();
    /// assert_eq!((august.balance(), august.pending()), (60, 0)); // earned on 20 July
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// The balance at `as_of` as a customer sees it: points available,
    /// points pending, and points of the balance expiring after `as_of`
    /// and at or before `until` (unless redeemed first). An `until` before
    /// `as_of` expires nothing.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(6)?)
    /// #     .build()?;
    /// // 1 point per EUR, expiring after 6 months. 100.00 EUR on 10 January
    /// // (100 points, expiring 10 July); 80.50 EUR on 20 June, returnable
    /// // until 20 July (80 points when it matures).
    /// let events = [
    ///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(1, 10), eur(10000))?,
    ///     LoyaltyEvent::pending_purchase(EventId::new("p-2")?, t(6, 20), eur(8050), t(7, 20))?,
    /// ];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
    /// let b = pts.balance_until(t(7, 31));
    /// assert_eq!((b.available(), b.pending(), b.expiring_soon()), (100, 80, 100));
    /// assert_eq!(pts.balance_until(t(7, 9)).expiring_soon(), 0); // 10 July is later
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn balance_until(&self, until: DateTime<Utc>) -> PointsBalance {
        PointsBalance {
            as_of: self.as_of,
            available: self.balance,
            pending: self.pending,
            expiring_soon: self.expiring_by(until),
            soon_until: until,
        }
    }

    /// [`balance_until`](Self::balance_until) `as_of + horizon`: "expiring
    /// within 30 days" is `balance_within(TimeDelta::days(30))`. A horizon
    /// reaching past the last instant chrono represents counts every
    /// expiry; a negative one expires nothing.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(6)?)
    /// #     .build()?;
    /// // 100 points earned on 10 January expire on 10 July.
    /// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(1, 10), Money::from_minor_units(10000, Currency::EUR))?];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
    /// let soon = pts.balance_within(TimeDelta::days(30)); // until 31 July
    /// assert_eq!((soon.expiring_soon(), soon.soon_until()), (100, t(7, 31)));
    /// assert_eq!(pts.balance_within(TimeDelta::days(7)).expiring_soon(), 0); // until 8 July
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn balance_within(&self, horizon: TimeDelta) -> PointsBalance {
        let until =
            self.as_of
                .checked_add_signed(horizon)
                .unwrap_or(if horizon < TimeDelta::zero() {
                    DateTime::<Utc>::MIN_UTC
                } else {
                    DateTime::<Utc>::MAX_UTC
                });
        self.balance_until(until)
    }
}

/// A points balance at an instant, as a customer sees it: points
/// available to redeem, points pending (purchases still in their return
/// window), and points of the balance that expire soon, with "soon" given
/// by the caller ([`PointsStatement::balance_until`],
/// [`PointsStatement::balance_within`]).
///
/// ```
/// # use carekit::{Currency, Money};
/// # use carekit::loyalty::*;
/// # use chrono::{TimeDelta, TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
/// #     .tier(Tier::new(carekit::TierId::new("blue")?, Decimal::ZERO))
/// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(6)?)
/// #     .build()?;
/// // 1 point per EUR, expiring after 6 months: 100 points from 10 January
/// // (expiring 10 July), 80 pending from a purchase returnable until 20 July.
/// let events = [
///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(1, 10), eur(10000))?,
///     LoyaltyEvent::pending_purchase(EventId::new("p-2")?, t(6, 20), eur(8050), t(7, 20))?,
/// ];
/// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
/// let b = pts.balance_within(TimeDelta::days(30));
/// assert_eq!(b.to_string(), "100 points available, 80 pending, 100 expiring by 2024-07-31T00:00:00Z");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PointsBalance {
    as_of: DateTime<Utc>,
    available: u64,
    pending: u64,
    expiring_soon: u64,
    soon_until: DateTime<Utc>,
}

impl PointsBalance {
    /// The instant of the balance.
    ///
    /// ```
    /// # use carekit::{Currency, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO)).points(PointsRule::new(Decimal::ONE)?).build()?;
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &[], t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.balance_within(TimeDelta::days(30)).as_of(), t(7, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_of(&self) -> DateTime<Utc> {
        self.as_of
    }

    /// Points that can be redeemed at `as_of` ([`PointsStatement::balance`]).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO)).points(PointsRule::new(Decimal::ONE)?).build()?;
    /// // 12.99 EUR earns floor(12.99) = 12 points.
    /// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2, 1), Money::from_minor_units(1299, Currency::EUR))?];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.balance_within(TimeDelta::days(30)).available(), 12);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn available(&self) -> u64 {
        self.available
    }

    /// Points of purchases still in their return window
    /// ([`PointsStatement::pending`]).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO)).points(PointsRule::new(Decimal::ONE)?).build()?;
    /// // 45.00 EUR on 25 June, returnable until 25 July: 45 points then.
    /// let events = [LoyaltyEvent::pending_purchase(EventId::new("p-1")?, t(6, 25), Money::from_minor_units(4500, Currency::EUR), t(7, 25))?];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.balance_within(TimeDelta::days(30)).pending(), 45);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Points of the balance expiring after `as_of` and at or before
    /// [`soon_until`](Self::soon_until).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    /// #     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(6)?).build()?;
    /// // 30 points earned on 15 January expire on 15 July.
    /// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(1, 15), Money::from_minor_units(3000, Currency::EUR))?];
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &events, t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.balance_within(TimeDelta::days(14)).expiring_soon(), 30); // until 15 July 00:00, included
    /// assert_eq!(pts.balance_within(TimeDelta::days(13)).expiring_soon(), 0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn expiring_soon(&self) -> u64 {
        self.expiring_soon
    }

    /// The end of "soon": expiries after `as_of` and at or before it count.
    ///
    /// ```
    /// # use carekit::{Currency, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO)).points(PointsRule::new(Decimal::ONE)?).build()?;
    /// let pts = p.evaluate(&Membership::new(t(1, 1)), &[], t(7, 1))?.points().cloned().unwrap();
    /// assert_eq!(pts.balance_within(TimeDelta::days(31)).soon_until(), t(8, 1));
    /// assert_eq!(pts.balance_until(t(12, 31)).soon_until(), t(12, 31));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn soon_until(&self) -> DateTime<Utc> {
        self.soon_until
    }
}

impl fmt::Display for PointsBalance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} points available, {} pending, {} expiring by {}",
            self.available,
            self.pending,
            self.expiring_soon,
            rfc3339(self.soon_until)
        )
    }
}

/// The running ledger used by the evaluation.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// (purchase index, earn rate × tier multiplier at earning, lot)
    lots: Vec<(usize, Decimal, PointsLot)>,
    /// purchase index → position in `lots`.
    by_purchase: std::collections::BTreeMap<usize, usize>,
    /// Lots before this position are empty or expired (FIFO cursor).
    first_live: usize,
    redeemed: u64,
    clawed_back: u64,
}

pub(super) fn floor_points(amount: Decimal, rate: Decimal, source: &EventId) -> Result<u64, Error> {
    let overflow = || LoyaltyError::Overflow {
        what: "points earned",
        value: amount,
        factor: rate,
        event: Some(source.clone()),
    };
    let product = amount.checked_mul(rate).ok_or_else(overflow)?;
    u64::try_from(product.floor()).map_err(|_| overflow().into())
}

impl Ledger {
    /// Points for `amount` at `rate` (earn rate × multiplier), floored.
    pub(crate) fn earn(
        &mut self,
        purchase: usize,
        source: &EventId,
        at: DateTime<Utc>,
        amount: Decimal,
        rate: Decimal,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<(), Error> {
        let points = floor_points(amount, rate, source)?;
        if points == 0 {
            return Ok(());
        }
        self.by_purchase.insert(purchase, self.lots.len());
        self.lots.push((
            purchase,
            rate,
            PointsLot {
                source: source.clone(),
                earned_at: at,
                expires_at,
                earned: points,
                remaining: points,
            },
        ));
        Ok(())
    }

    /// Takes back the points a return removes from its purchase's lot:
    /// `floor(before × rate) − floor(after × rate)`, at most what is left
    /// of the lot (redeemed or expired points are not taken back).
    pub(crate) fn claw_back(
        &mut self,
        purchase: usize,
        at: DateTime<Utc>,
        before: Decimal,
        after: Decimal,
    ) -> Result<(), Error> {
        let position = self.by_purchase.get(&purchase).copied();
        if let Some((_, rate, lot)) = position.and_then(|i| self.lots.get_mut(i)) {
            if !lot.alive_at(at) {
                return Ok(());
            }
            let was = floor_points(before, *rate, &lot.source)?;
            let now = floor_points(after, *rate, &lot.source)?;
            let take = was.saturating_sub(now).min(lot.remaining);
            lot.remaining = lot.remaining.saturating_sub(take);
            self.clawed_back = self.clawed_back.saturating_add(take);
        }
        Ok(())
    }

    /// Moves the FIFO cursor past lots that are empty or expired at `t`.
    /// Sound because steps come in time order, lots are earned in time
    /// order with one expiry period (so expire in order), and a lot's
    /// remainder never grows.
    fn skip_dead(&mut self, t: DateTime<Utc>) {
        while let Some((_, _, lot)) = self.lots.get(self.first_live) {
            if lot.remaining == 0 || !lot.alive_at(t) {
                self.first_live = self.first_live.saturating_add(1);
            } else {
                break;
            }
        }
    }

    fn balance_at(&self, t: DateTime<Utc>) -> u64 {
        self.lots
            .get(self.first_live..)
            .unwrap_or_default()
            .iter()
            .filter(|(_, _, l)| l.alive_at(t))
            .fold(0_u64, |acc, (_, _, l)| acc.saturating_add(l.remaining))
    }

    /// Spends `points` from the oldest live lots first.
    pub(crate) fn redeem(
        &mut self,
        event: &EventId,
        at: DateTime<Utc>,
        points: u64,
    ) -> Result<(), Error> {
        self.skip_dead(at);
        let balance = self.balance_at(at);
        if points > balance {
            return Err(LoyaltyError::InsufficientPoints {
                event: event.clone(),
                requested: points,
                balance,
                at,
            }
            .into());
        }
        let mut left = points;
        let live = self.lots.get_mut(self.first_live..).unwrap_or_default();
        for (_, _, lot) in live.iter_mut().filter(|(_, _, l)| l.alive_at(at)) {
            let take = left.min(lot.remaining);
            lot.remaining = lot.remaining.saturating_sub(take);
            left = left.saturating_sub(take);
            if left == 0 {
                break;
            }
        }
        self.redeemed = self.redeemed.saturating_add(points);
        Ok(())
    }

    /// The statement at `as_of`, with `pending` the points of purchases
    /// not yet matured.
    pub(crate) fn statement(self, as_of: DateTime<Utc>, pending: u64) -> PointsStatement {
        let mut earned = 0_u64;
        let mut expired = 0_u64;
        let mut lots = Vec::new();
        for (_, _, lot) in self.lots {
            earned = earned.saturating_add(lot.earned);
            if lot.alive_at(as_of) {
                if lot.remaining > 0 {
                    lots.push(lot);
                }
            } else {
                expired = expired.saturating_add(lot.remaining);
            }
        }
        let balance = lots
            .iter()
            .fold(0_u64, |acc, l| acc.saturating_add(l.remaining));
        let next_expiry = lots.iter().filter_map(|l| l.expires_at).min().map(|at| {
            let points = lots
                .iter()
                .filter(|l| l.expires_at == Some(at))
                .fold(0_u64, |acc, l| acc.saturating_add(l.remaining));
            Expiry { points, at }
        });
        PointsStatement {
            as_of,
            balance,
            pending,
            earned,
            redeemed: self.redeemed,
            expired,
            clawed_back: self.clawed_back,
            next_expiry,
            lots,
        }
    }
}
