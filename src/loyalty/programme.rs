//! The programme: tiers, measure, window, downgrade policy, points rule.

use std::fmt;

use rust_decimal::Decimal;

use super::{Benefits, LoyaltyError, Multiplier};
use crate::calendar::{Span, Zone};
use crate::{error::Error, id::TierId, money::Currency};

/// What qualifies a customer for a tier.
///
/// With the `serde` feature: `"spend"`, `"points"` or `"purchases"`.
///
/// ```
/// use carekit::loyalty::Measure;
/// assert_eq!(Measure::Spend.to_string(), "spend");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Measure {
    /// Money spent, in the programme's currency: purchases minus returns.
    Spend,
    /// Qualifying points: `floor(amount × earn_rate)` per purchase, at the
    /// base earn rate (tier multipliers do not feed qualification).
    Points,
    /// Number of purchases; a purchase returned in full no longer counts.
    Purchases,
}

impl Measure {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Measure::Spend => "spend",
            Measure::Points => "points",
            Measure::Purchases => "purchases",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A span must not be zero.
pub(crate) fn validate_span(span: Span, field: &'static str) -> Result<(), Error> {
    if span.count() == 0 {
        let unit = match span {
            Span::Days(_) => "days",
            Span::Months(_) => "months",
        };
        Err(LoyaltyError::ZeroSpan { field, unit }.into())
    } else {
        Ok(())
    }
}

/// The window over which the qualifying value is summed, and with it the
/// review cadence (when downgrades may happen). Read on the wall clock of
/// the programme's [time zone](LoyaltyProgramme::time_zone).
///
/// | window | value at `t` sums events in | reviews at |
/// |---|---|---|
/// | `Rolling(Days(n))` | `(t − n × 24 h, t]` | `member_since + k·n × 24 h`, k = 1, 2, … |
/// | `Rolling(Months(n))` | `(start, t]`: `start` is the local date and time `n` months before `t`, or the first instant of the following month if that month lacks the day | `member_since + k·n` months (a missing day: the month's last) |
/// | `CalendarYear` | `[local midnight on 1 January of t's year, t]` | every local 1 January 00:00 |
/// | `AnniversaryYear` | `[last anniversary ≤ t, t]` | `member_since + 12·k months` |
/// | `Lifetime` | everything up to `t` | never |
///
/// A rolling window's start never moves backwards as `t` advances (it is
/// [`calendar::Window::start`](crate::calendar::Window::start)): an event
/// counts from its instant until the first instant whose window start
/// reaches it, and never again.
///
/// With the `serde` feature: `{"rolling": {"months": 12}}`,
/// `"calendar_year"`, `"anniversary_year"` or `"lifetime"`.
///
/// ```
/// use carekit::calendar::Span;
/// use carekit::loyalty::Window;
/// assert_eq!(Window::Rolling(Span::Days(90)).to_string(), "rolling 90 days");
/// assert_eq!(Window::CalendarYear.to_string(), "calendar year");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Window {
    /// The last `span` up to the instant of evaluation.
    Rolling(Span),
    /// The calendar year so far, from local midnight on 1 January.
    CalendarYear,
    /// The membership year so far (from the last anniversary of joining).
    AnniversaryYear,
    /// Everything since joining.
    Lifetime,
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Rolling(s) => write!(f, "rolling {s}"),
            Window::CalendarYear => f.write_str("calendar year"),
            Window::AnniversaryYear => f.write_str("anniversary year"),
            Window::Lifetime => f.write_str("lifetime"),
        }
    }
}

/// What happens at a review to a customer whose qualifying value no longer
/// meets their tier.
///
/// With the `serde` feature: `"never"`, `"requalify"`, `"soft_landing"`.
///
/// ```
/// use carekit::loyalty::DowngradeRule;
/// assert_eq!(DowngradeRule::default(), DowngradeRule::Requalify);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DowngradeRule {
    /// Tiers are never lost at reviews.
    Never,
    /// At each review the customer drops to the tier the closing period's
    /// value meets (possibly several tiers). The default.
    #[default]
    Requalify,
    /// At each review the customer drops at most one tier ("soft landing").
    SoftLanding,
}

impl fmt::Display for DowngradeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DowngradeRule::Never => "never",
            DowngradeRule::Requalify => "requalify",
            DowngradeRule::SoftLanding => "soft landing",
        })
    }
}

/// A downgrade rule with an optional grace period.
///
/// With a grace period a downgrade decided at a review at `R` takes effect
/// at `R + grace`, unless the customer's qualifying value reaches their
/// current tier's threshold before then (then it is cancelled).
///
/// With the `serde` feature: `{"rule": "soft_landing", "grace": {"days": 30}}`
/// (both optional; the default is `requalify` without grace).
///
/// ```
/// use carekit::calendar::Span;
/// use carekit::loyalty::{DowngradePolicy, DowngradeRule};
/// let p = DowngradePolicy::new(DowngradeRule::SoftLanding).with_grace(Span::Days(30));
/// assert_eq!(p.rule(), DowngradeRule::SoftLanding);
/// assert_eq!(p.grace(), Some(Span::Days(30)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct DowngradePolicy {
    rule: DowngradeRule,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    grace: Option<Span>,
}

impl DowngradePolicy {
    /// A rule without grace period.
    ///
    /// ```
    /// # use carekit::loyalty::{DowngradePolicy, DowngradeRule};
    /// let p = DowngradePolicy::new(DowngradeRule::Never);
    /// assert_eq!((p.rule(), p.grace()), (DowngradeRule::Never, None));
    /// assert_eq!(DowngradePolicy::default(), DowngradePolicy::new(DowngradeRule::Requalify));
    /// ```
    pub fn new(rule: DowngradeRule) -> Self {
        Self { rule, grace: None }
    }

    /// With a grace period (validated when the programme is built).
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
    /// let policy = DowngradePolicy::new(DowngradeRule::SoftLanding).with_grace(Span::Months(12));
    /// // a year-long grace is not shorter than a yearly review cadence
    /// let err = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(tier("blue", 0)).downgrade(policy).build().unwrap_err();
    /// assert_eq!(err.to_string(),
    ///     "grace period of 12 months is invalid: it must be shorter than the review cadence of 1 year");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_grace(mut self, grace: Span) -> Self {
        self.grace = Some(grace);
        self
    }

    /// The rule.
    ///
    /// ```
    /// # use carekit::loyalty::{DowngradePolicy, DowngradeRule};
    /// assert_eq!(DowngradePolicy::default().rule(), DowngradeRule::Requalify);
    /// ```
    pub fn rule(&self) -> DowngradeRule {
        self.rule
    }

    /// The grace period, if any.
    ///
    /// ```
    /// # use carekit::calendar::Span;
    /// # use carekit::loyalty::{DowngradePolicy, DowngradeRule};
    /// assert_eq!(DowngradePolicy::default().grace(), None);
    /// let p = DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60));
    /// assert_eq!(p.grace(), Some(Span::Days(60)));
    /// ```
    pub fn grace(&self) -> Option<Span> {
        self.grace
    }
}

/// How purchases earn points: `floor(amount × earn_rate × tier multiplier)`
/// points per purchase, expiring `expiry_months` calendar months after they
/// are earned (never, if absent).
///
/// With the `serde` feature: `{"earn_rate": "1", "expiry_months": 12}`.
///
/// ```
/// use carekit::loyalty::PointsRule;
/// use rust_decimal::Decimal;
/// let rule = PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?;
/// assert_eq!(rule.expiry_months(), Some(12));
/// assert!(PointsRule::new(Decimal::ZERO).is_err());
/// assert!(PointsRule::new(Decimal::ONE)?.with_expiry_months(0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawPointsRule", into = "RawPointsRule")
)]
pub struct PointsRule {
    earn_rate: Decimal,
    expiry_months: Option<u32>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPointsRule {
    earn_rate: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expiry_months: Option<u32>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawPointsRule> for PointsRule {
    type Error = Error;
    fn try_from(r: RawPointsRule) -> Result<Self, Error> {
        let rule = PointsRule::new(r.earn_rate)?;
        match r.expiry_months {
            Some(m) => rule.with_expiry_months(m),
            None => Ok(rule),
        }
    }
}

#[cfg(feature = "serde")]
impl From<PointsRule> for RawPointsRule {
    fn from(r: PointsRule) -> Self {
        Self {
            earn_rate: r.earn_rate,
            expiry_months: r.expiry_months,
        }
    }
}

impl PointsRule {
    /// Points earned per unit of the programme's currency (before the tier
    /// multiplier). Points never expire unless
    /// [`with_expiry_months`](Self::with_expiry_months) says so.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::InvalidEarnRate`] unless `earn_rate > 0` (a
    /// `Decimal` is always finite).
    ///
    /// ```
    /// # use carekit::loyalty::PointsRule;
    /// # use rust_decimal::Decimal;
    /// // 1.5 points per currency unit: a 45.99 purchase earns floor(68.985) = 68
    /// assert_eq!(PointsRule::new(Decimal::new(15, 1))?.earn_rate(), Decimal::new(15, 1));
    /// assert_eq!(PointsRule::new(Decimal::ZERO).unwrap_err().to_string(),
    ///     "points earn_rate 0 is invalid: it must be greater than 0");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(earn_rate: Decimal) -> Result<Self, Error> {
        if earn_rate > Decimal::ZERO {
            Ok(Self {
                earn_rate,
                expiry_months: None,
            })
        } else {
            Err(LoyaltyError::InvalidEarnRate { value: earn_rate }.into())
        }
    }

    /// Points expire `months` calendar months after they are earned.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::ZeroSpan`] if `months` is 0.
    ///
    /// ```
    /// # use carekit::loyalty::PointsRule;
    /// # use rust_decimal::Decimal;
    /// let rule = PointsRule::new(Decimal::ONE)?.with_expiry_months(24)?;
    /// assert_eq!(rule.expiry_months(), Some(24));
    /// assert!(PointsRule::new(Decimal::ONE)?.with_expiry_months(0).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn with_expiry_months(mut self, months: u32) -> Result<Self, Error> {
        validate_span(Span::Months(months), "points expiry")?;
        self.expiry_months = Some(months);
        Ok(self)
    }

    /// Points per unit of currency.
    ///
    /// ```
    /// # use carekit::loyalty::PointsRule;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(PointsRule::new(Decimal::from(2))?.earn_rate(), Decimal::from(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earn_rate(&self) -> Decimal {
        self.earn_rate
    }

    /// Months until earned points expire, if they do.
    ///
    /// ```
    /// # use carekit::loyalty::PointsRule;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(PointsRule::new(Decimal::ONE)?.expiry_months(), None); // points never expire
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn expiry_months(&self) -> Option<u32> {
        self.expiry_months
    }
}

/// One tier: its id, the qualifying value that reaches it, its benefits and
/// its points multiplier.
///
/// The threshold is in the programme's measure: an amount of the
/// programme's currency for spend, a whole number for points and purchases.
///
/// With the `serde` feature:
/// `{"id": "gold", "threshold": "1000.00", "benefits": {...}, "points_multiplier": "1.5"}`
/// (`benefits` and `points_multiplier` optional).
///
/// ```
/// use carekit::TierId;
/// use carekit::loyalty::{Benefits, Multiplier, Tier};
/// use rust_decimal::Decimal;
/// let gold = Tier::new(TierId::new("gold")?, Decimal::from(1000))
///     .with_benefits(Benefits::default().with_priority_boost(1))
///     .with_points_multiplier(Multiplier::new(Decimal::new(15, 1))?);
/// assert_eq!(gold.threshold(), Decimal::from(1000));
/// assert_eq!(gold.benefits().priority_boost(), 1);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Tier {
    id: TierId,
    threshold: Decimal,
    #[cfg_attr(feature = "serde", serde(default))]
    benefits: Benefits,
    #[cfg_attr(feature = "serde", serde(default))]
    points_multiplier: Multiplier,
}

impl Tier {
    /// A tier with default benefits and points multiplier ×1.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{Benefits, Multiplier, Tier};
    /// # use rust_decimal::Decimal;
    /// let silver = Tier::new(TierId::new("silver")?, Decimal::from(500));
    /// assert_eq!(silver.benefits(), &Benefits::default());
    /// assert_eq!(silver.points_multiplier(), Multiplier::ONE);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(id: TierId, threshold: Decimal) -> Self {
        Self {
            id,
            threshold,
            benefits: Benefits::default(),
            points_multiplier: Multiplier::ONE,
        }
    }

    /// With benefits.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{Benefits, Perk, Tier};
    /// # use rust_decimal::Decimal;
    /// let gold = Tier::new(TierId::new("gold")?, Decimal::from(1000))
    ///     .with_benefits(Benefits::default().with_perk(Perk::FreeReturns));
    /// assert!(gold.benefits().has_perk(&Perk::FreeReturns));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_benefits(mut self, benefits: Benefits) -> Self {
        self.benefits = benefits;
        self
    }

    /// With a points multiplier.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{Multiplier, Tier};
    /// # use rust_decimal::Decimal;
    /// // gold members earn 1.5 × the base rate: 100 EUR at 1 point/EUR earns 150 points
    /// let gold = Tier::new(TierId::new("gold")?, Decimal::from(1000))
    ///     .with_points_multiplier(Multiplier::new(Decimal::new(15, 1))?);
    /// assert_eq!(Decimal::from(100) * gold.points_multiplier().get(), Decimal::from(150));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_points_multiplier(mut self, m: Multiplier) -> Self {
        self.points_multiplier = m;
        self
    }

    /// The id.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::Tier;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Tier::new(TierId::new("gold")?, Decimal::from(1000)).id().as_str(), "gold");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &TierId {
        &self.id
    }

    /// The qualifying value that reaches this tier.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::Tier;
    /// # use rust_decimal::Decimal;
    /// let silver = Tier::new(TierId::new("silver")?, Decimal::new(49999, 2));
    /// assert_eq!(silver.threshold().to_string(), "499.99"); // in the measure's unit (EUR here)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn threshold(&self) -> Decimal {
        self.threshold
    }

    /// The benefits.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{Benefits, Tier};
    /// # use rust_decimal::Decimal;
    /// let gold = Tier::new(TierId::new("gold")?, Decimal::from(1000)).with_benefits(Benefits::default().with_priority_boost(1));
    /// assert_eq!(gold.benefits().priority_boost(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn benefits(&self) -> &Benefits {
        &self.benefits
    }

    /// The points multiplier.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{Multiplier, Tier};
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Tier::new(TierId::new("blue")?, Decimal::ZERO).points_multiplier(), Multiplier::ONE);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn points_multiplier(&self) -> Multiplier {
        self.points_multiplier
    }
}

/// A loyalty programme: ordered tiers from a base tier up, the measure and
/// window that qualify for them, the downgrade policy and, optionally, how
/// points are earned. Build with [`LoyaltyProgramme::builder`]; see the
/// [module page](super) for the semantics and the JSON form.
///
/// ```
/// use carekit::{Currency, TierId};
/// use carekit::loyalty::{LoyaltyProgramme, Measure, Tier, Window};
/// use rust_decimal::Decimal;
///
/// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
///     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
///     .build()?;
/// assert_eq!(p.tiers().len(), 2);
/// assert!(p.benefits(&TierId::new("gold")?).is_some());
/// assert!(p.benefits(&TierId::new("platinum")?).is_none());
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature, deserialisation validates like
/// [`LoyaltyProgrammeBuilder::build`]:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use carekit::LoyaltyProgramme;
/// use carekit::calendar::Span;
/// use carekit::loyalty::{DowngradeRule, Window};
///
/// let p: LoyaltyProgramme = serde_json::from_str(r#"{
///     "currency": "EUR", "measure": "spend", "window": {"rolling": {"months": 12}},
///     "downgrade": {"rule": "soft_landing", "grace": {"days": 30}},
///     "tiers": [{"id": "blue", "threshold": "0"},
///               {"id": "gold", "threshold": "1000.00", "points_multiplier": "1.5",
///                "benefits": {"priority_boost": 1, "perks": ["free_returns"]}}],
///     "points": {"earn_rate": "1", "expiry_months": 12}
/// }"#)?;
/// assert_eq!(p.window(), Window::Rolling(Span::Months(12)));
/// assert_eq!(p.downgrade().rule(), DowngradeRule::SoftLanding);
/// let bad = r#"{"currency": "EUR", "measure": "spend", "window": "lifetime",
///               "tiers": [{"id": "blue", "threshold": "5"}]}"#;
/// let err = serde_json::from_str::<LoyaltyProgramme>(bad).unwrap_err();
/// assert!(err.to_string().contains("the base tier must have threshold 0"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawProgramme", into = "RawProgramme")
)]
pub struct LoyaltyProgramme {
    currency: Currency,
    measure: Measure,
    window: Window,
    time_zone: Zone,
    downgrade: DowngradePolicy,
    tiers: Vec<Tier>,
    /// A copy of `tiers[0]`, so `base_tier` is total.
    base: Tier,
    points: Option<PointsRule>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    currency: Currency,
    measure: Measure,
    window: Window,
    #[serde(default, skip_serializing_if = "is_utc")]
    time_zone: Zone,
    #[serde(default)]
    downgrade: DowngradePolicy,
    tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<PointsRule>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawProgramme> for LoyaltyProgramme {
    type Error = Error;
    fn try_from(r: RawProgramme) -> Result<Self, Error> {
        LoyaltyProgrammeBuilder {
            currency: r.currency,
            measure: r.measure,
            window: r.window,
            time_zone: r.time_zone,
            downgrade: r.downgrade,
            tiers: r.tiers,
            points: r.points,
        }
        .build()
    }
}

#[cfg(feature = "serde")]
impl From<LoyaltyProgramme> for RawProgramme {
    fn from(p: LoyaltyProgramme) -> Self {
        Self {
            currency: p.currency,
            measure: p.measure,
            window: p.window,
            time_zone: p.time_zone,
            downgrade: p.downgrade,
            tiers: p.tiers,
            points: p.points,
        }
    }
}

#[cfg(feature = "serde")]
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_utc(zone: &Zone) -> bool {
    *zone == Zone::UTC
}

impl LoyaltyProgramme {
    /// Starts a programme whose purchases are in `currency`, qualifying by
    /// `measure` over `window`. Add tiers base first.
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
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Purchases, Window::Rolling(Span::Months(12)))
    ///     .tier(tier("member", 0))
    ///     .tier(tier("regular", 10)) // 10 purchases in the last 12 months
    ///     .build()?;
    /// assert_eq!(p.base_tier().id().as_str(), "member");
    /// assert_eq!(p.downgrade(), DowngradePolicy::default()); // re-qualify, no grace
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn builder(
        currency: Currency,
        measure: Measure,
        window: Window,
    ) -> LoyaltyProgrammeBuilder {
        LoyaltyProgrammeBuilder {
            currency,
            measure,
            window,
            time_zone: Zone::UTC,
            downgrade: DowngradePolicy::default(),
            tiers: Vec::new(),
            points: None,
        }
    }

    /// The currency of purchases, returns and spend thresholds.
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
    /// assert_eq!(programme.currency(), Currency::EUR); // purchases in USD would be rejected
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The qualifying measure.
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
    /// assert_eq!(programme.measure(), Measure::Spend);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The qualifying window.
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
    /// assert_eq!(programme.window(), Window::CalendarYear);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn window(&self) -> Window {
        self.window
    }

    /// The time zone of the window and the reviews (UTC unless set).
    ///
    /// ```
    /// # use carekit::{Currency, TierId};
    /// # use carekit::calendar::Zone;
    /// # use carekit::loyalty::*;
    /// # use rust_decimal::Decimal;
    /// let b = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO));
    /// assert_eq!(b.clone().build()?.time_zone(), Zone::UTC);
    /// let tokyo = b.time_zone("+09:00".parse()?).build()?;
    /// assert_eq!(tokyo.time_zone().to_string(), "+09:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn time_zone(&self) -> Zone {
        self.time_zone
    }

    /// The downgrade policy.
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
    /// assert_eq!(programme.downgrade().grace(), Some(Span::Days(60)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn downgrade(&self) -> DowngradePolicy {
        self.downgrade
    }

    /// The tiers, base first, thresholds strictly increasing.
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
    /// let ids: Vec<&str> = programme.tiers().iter().map(|t| t.id().as_str()).collect();
    /// assert_eq!(ids, ["blue", "silver", "gold"]); // base first
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The base tier (every member has at least it).
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
    /// assert_eq!(programme.base_tier().id().as_str(), "blue");
    /// assert_eq!(programme.base_tier().threshold(), Decimal::ZERO);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn base_tier(&self) -> &Tier {
        &self.base
    }

    /// The points rule, if the programme has points.
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
    /// assert!(programme.points().is_none()); // no points: evaluations have no statement
    /// assert!(eval.points().is_none());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn points(&self) -> Option<&PointsRule> {
        self.points.as_ref()
    }

    /// A tier by id.
    ///
    /// ```
    /// # use carekit::{Currency, TierId};
    /// # use carekit::loyalty::{LoyaltyProgramme, Measure, Tier, Window};
    /// # use rust_decimal::Decimal;
    /// # let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Purchases, Window::Lifetime)
    /// #     .tier(Tier::new(TierId::new("member")?, Decimal::ZERO))
    /// #     .tier(Tier::new(TierId::new("regular")?, Decimal::from(10)))
    /// #     .build()?;
    /// assert_eq!(p.tier(&TierId::new("regular")?).map(|t| t.threshold()), Some(Decimal::from(10)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self, id: &TierId) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id() == id)
    }

    /// The benefits of a tier, for the SLA book and the compensation engine.
    ///
    /// ```
    /// # use carekit::{Currency, Priority, TierId};
    /// # use carekit::loyalty::{Benefits, LoyaltyProgramme, Measure, Tier, Window};
    /// # use rust_decimal::Decimal;
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    ///     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000))
    ///         .with_benefits(Benefits::default().with_priority_boost(1)))
    ///     .build()?;
    /// let gold = p.benefits(&TierId::new("gold")?).unwrap();
    /// assert_eq!(gold.boosted_priority(Priority::Normal), Priority::High);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn benefits(&self, id: &TierId) -> Option<&Benefits> {
        self.tier(id).map(Tier::benefits)
    }

    pub(crate) fn tier_index(&self, id: &TierId) -> Option<usize> {
        self.tiers.iter().position(|t| t.id() == id)
    }

    /// Index of the highest tier whose threshold `value` meets (the base
    /// tier if none, including for a negative value).
    pub(crate) fn met_index(&self, value: Decimal) -> usize {
        self.tiers
            .iter()
            .rposition(|t| t.threshold <= value)
            .unwrap_or(0)
    }

    pub(crate) fn tier_at(&self, index: usize) -> &Tier {
        self.tiers.get(index).unwrap_or(&self.base)
    }
}

/// Builds a [`LoyaltyProgramme`]; see [`LoyaltyProgramme::builder`].
///
/// ```
/// # use carekit::{Currency, Money, TierId};
/// # use carekit::loyalty::*;
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
/// let builder = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::Lifetime);
/// assert_eq!(builder.clone().build().unwrap_err().to_string(),
///     "a loyalty programme needs at least one tier, found none");
/// assert_eq!(builder.tier(tier("member", 0)).build()?.tiers().len(), 1);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LoyaltyProgrammeBuilder {
    currency: Currency,
    measure: Measure,
    window: Window,
    time_zone: Zone,
    downgrade: DowngradePolicy,
    tiers: Vec<Tier>,
    points: Option<PointsRule>,
}

impl LoyaltyProgrammeBuilder {
    /// Adds the next tier up (the first one added is the base tier).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// let err = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::Lifetime)
    ///     .tier(tier("blue", 100)) // the first tier added is the base tier
    ///     .build().unwrap_err();
    /// assert_eq!(err.to_string(), "tiers[0] \"blue\" threshold 100 is invalid: the base tier must have threshold 0");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn tier(mut self, tier: Tier) -> Self {
        self.tiers.push(tier);
        self
    }

    /// The time zone whose wall clock the window and the reviews follow
    /// (default UTC): calendar years start at local midnight on 1 January,
    /// months are counted on local dates, and anniversaries fall on the
    /// local date and time of joining. Rolling windows of days count
    /// elapsed 24-hour days in any zone.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::calendar::Zone;
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// let berlin: Zone = "Europe/Berlin".parse()?;
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(tier("blue", 0)).tier(tier("silver", 500))
    ///     .time_zone(berlin)
    ///     .build()?;
    /// // 600 EUR at 23:30 UTC on 31 December 2023: 00:30 on 1 January in Berlin.
    /// let at = Utc.with_ymd_and_hms(2023, 12, 31, 23, 30, 0).unwrap();
    /// let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, at, Money::from_minor_units(60000, Currency::EUR))?];
    /// let since = Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap();
    /// let e = p.evaluate(&Membership::new(since), &events, Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap())?;
    /// // It counts in Berlin's 2024, which started at 2023-12-31T23:00Z.
    /// assert_eq!((e.tier().as_str(), e.qualifying_value()), ("silver", Decimal::from(600)));
    /// assert_eq!(e.next_review(), Some(Utc.with_ymd_and_hms(2024, 12, 31, 23, 0, 0).unwrap()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn time_zone(mut self, zone: Zone) -> Self {
        self.time_zone = zone;
        self
    }

    /// The downgrade policy (default: re-qualify at each review, no grace).
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(tier("blue", 0)).tier(tier("gold", 1000))
    ///     .downgrade(DowngradePolicy::new(DowngradeRule::SoftLanding))
    ///     .build()?;
    /// assert_eq!(p.downgrade().rule(), DowngradeRule::SoftLanding);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn downgrade(mut self, policy: DowngradePolicy) -> Self {
        self.downgrade = policy;
        self
    }

    /// Points earning and expiry.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// let b = LoyaltyProgramme::builder(Currency::EUR, Measure::Points, Window::CalendarYear).tier(tier("blue", 0));
    /// assert!(b.clone().build().is_err()); // the points measure needs a points rule
    /// let p = b.points(PointsRule::new(Decimal::ONE)?).build()?;
    /// assert_eq!(p.points().map(PointsRule::earn_rate), Some(Decimal::ONE));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn points(mut self, rule: PointsRule) -> Self {
        self.points = Some(rule);
        self
    }

    /// Validates and builds.
    ///
    /// # Errors
    ///
    /// - [`LoyaltyError::NoTiers`] without tiers;
    /// - [`LoyaltyError::BaseThresholdNotZero`] unless the base tier's
    ///   threshold is 0;
    /// - [`LoyaltyError::ThresholdsNotIncreasing`] unless each threshold is
    ///   above the previous one;
    /// - [`LoyaltyError::DuplicateTier`] if two tiers share an id;
    /// - [`LoyaltyError::FractionalThreshold`] for a points or purchases
    ///   threshold that is not a whole number;
    /// - [`LoyaltyError::ZeroSpan`] for a rolling window or grace period of
    ///   length 0;
    /// - [`LoyaltyError::GraceTooLong`] unless the grace period is shorter
    ///   than the review cadence (compared conservatively: a month counts
    ///   as 31 days for the grace and 28 for the cadence; a year as 365
    ///   days);
    /// - [`LoyaltyError::PointsMeasureWithoutRule`] for the points measure
    ///   without a points rule.
    ///
    /// ```
    /// use carekit::{Currency, TierId};
    /// use carekit::loyalty::{LoyaltyProgramme, Measure, Tier, Window};
    /// use rust_decimal::Decimal;
    /// let err = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    ///     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
    ///     .tier(Tier::new(TierId::new("silver")?, Decimal::from(500)))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "tiers[2] \"silver\" threshold 500 is not above tiers[1] \"gold\" threshold 1000: thresholds must be strictly increasing"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn build(self) -> Result<LoyaltyProgramme, Error> {
        let p = self;
        let base = p.tiers.first().ok_or(LoyaltyError::NoTiers)?.clone();
        if !base.threshold.is_zero() {
            return Err(LoyaltyError::BaseThresholdNotZero {
                tier: base.id.clone(),
                threshold: base.threshold,
            }
            .into());
        }
        for (i, tier) in p.tiers.iter().enumerate() {
            if let Some(first) = p.tiers.iter().position(|t| t.id == tier.id) {
                if first < i {
                    return Err(LoyaltyError::DuplicateTier {
                        tier: tier.id.clone(),
                        first,
                        second: i,
                    }
                    .into());
                }
            }
            if p.measure != Measure::Spend && !tier.threshold.is_integer() {
                return Err(LoyaltyError::FractionalThreshold {
                    index: i,
                    tier: tier.id.clone(),
                    threshold: tier.threshold,
                    measure: p.measure.name(),
                }
                .into());
            }
            if let Some(prev_index) = i.checked_sub(1) {
                if let Some(prev) = p.tiers.get(prev_index) {
                    if tier.threshold <= prev.threshold {
                        return Err(LoyaltyError::ThresholdsNotIncreasing {
                            index: i,
                            tier: tier.id.clone(),
                            threshold: tier.threshold,
                            previous_tier: prev.id.clone(),
                            previous: prev.threshold,
                        }
                        .into());
                    }
                }
            }
        }
        if let Window::Rolling(span) = p.window {
            validate_span(span, "rolling window")?;
        }
        if let Some(grace) = p.downgrade.grace {
            validate_span(grace, "grace period")?;
            let cadence_days = match p.window {
                Window::Rolling(span) => Some(span.min_days()),
                Window::CalendarYear | Window::AnniversaryYear => Some(365),
                Window::Lifetime => None,
            };
            if let Some(min_days) = cadence_days {
                if grace.max_days() >= min_days {
                    let cadence = match p.window {
                        Window::Rolling(span) => span.to_string(),
                        _ => "1 year".to_owned(),
                    };
                    return Err(LoyaltyError::GraceTooLong {
                        grace: grace.to_string(),
                        cadence,
                    }
                    .into());
                }
            }
        }
        if p.measure == Measure::Points && p.points.is_none() {
            return Err(LoyaltyError::PointsMeasureWithoutRule.into());
        }
        Ok(LoyaltyProgramme {
            currency: p.currency,
            measure: p.measure,
            window: p.window,
            time_zone: p.time_zone,
            downgrade: p.downgrade,
            tiers: p.tiers,
            base,
            points: p.points,
        })
    }
}
