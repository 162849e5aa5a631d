//! Evaluation: checks, outcome, explanation, grant and fingerprint; and the
//! per-kind headroom an agent's screen shows.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, NaiveTime, TimeDelta, TimeZone, Utc};
use rust_decimal::Decimal;

use super::CompensationError;
use super::compile::{Act, Bound, Compiled, CompiledPolicy, LimitInfo};
use super::history::{Fingerprint, Fnv, Grant, GrantHistory};
use super::offer::OfferKind;
use super::policy::{Action, Period, Scope};
use super::request::{Context, Recipient, Request, Requester, Role};
use crate::money::MoneyError;
use crate::{Currency, Error, Money, RoundingStrategy};

/// A value a check compares: money, or a number of grants.
///
/// ```
/// use carekit::compensation::Quantity;
/// use carekit::{Currency, Money};
/// assert_eq!(Quantity::Count(2).to_string(), "2 grants");
/// assert_eq!(Quantity::Money(Money::from_minor_units(250, Currency::EUR)).to_string(), "2.50 EUR");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Quantity {
    /// An amount.
    Money(Money),
    /// A count of grants.
    Count(u32),
}

impl Quantity {
    /// The amount, if this is money.
    ///
    /// ```
    /// # use carekit::compensation::Quantity;
    /// # use carekit::{Currency, Money};
    /// let m = Money::from_minor_units(1500, Currency::EUR);
    /// assert_eq!(Quantity::Money(m).money(), Some(m));
    /// assert_eq!(Quantity::Count(3).money(), None);
    /// ```
    pub fn money(self) -> Option<Money> {
        match self {
            Self::Money(m) => Some(m),
            Self::Count(_) => None,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Money(m) => write!(f, "{m}"),
            Self::Count(1) => f.write_str("1 grant"),
            Self::Count(n) => write!(f, "{n} grants"),
        }
    }
}

/// What one limit says about a request.
///
/// ```
/// use carekit::compensation::Verdict;
/// assert_eq!(Verdict::Pass.to_string(), "pass");
/// assert!(Verdict::Deny.severity() > Verdict::Pass.severity());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// Within the limit.
    Pass,
    /// Over the limit; approve up to this amount.
    CapTo(Money),
    /// Over the limit; a higher level must decide.
    EscalateTo(Role),
    /// Over the limit; refuse.
    Deny,
}

impl Verdict {
    /// 0 pass, 1 cap, 2 escalate, 3 deny: the most severe verdict wins.
    ///
    /// ```
    /// # use carekit::compensation::{Role, Verdict};
    /// # use carekit::{Currency, Money};
    /// let cap = Verdict::CapTo(Money::from_minor_units(1500, Currency::EUR));
    /// let escalate = Verdict::EscalateTo(Role::new("senior")?);
    /// assert_eq!([Verdict::Pass.severity(), cap.severity(), escalate.severity(), Verdict::Deny.severity()], [0, 1, 2, 3]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn severity(&self) -> u8 {
        match self {
            Self::Pass => 0,
            Self::CapTo(_) => 1,
            Self::EscalateTo(_) => 2,
            Self::Deny => 3,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Pass => f.write_str("pass"),
            Self::CapTo(m) => write!(f, "cap to {m}"),
            Self::EscalateTo(r) => write!(f, "escalate to {r}"),
            Self::Deny => f.write_str("deny"),
        }
    }
}

/// One check a decision made: which limit, what it observed before this
/// offer, what it would be after, the limit itself (tier multiplier
/// applied; percent limits as money), the headroom left before this offer
/// (never negative), and the verdict.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::*;
/// # use chrono::{TimeZone, Utc};
/// # let policy = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
/// #     .level(Role::new("agent")?)
/// #     .limit(Limit::new("max", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(2500, Currency::EUR)), Action::Deny))
/// #     .compile()?;
/// # let req = Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
/// #     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
/// #     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?),
/// #     Context::new(InteractionId::new("T")?, Channel::Chat),
/// #     Offer::new(OfferKind::Refund, Money::from_minor_units(3000, Currency::EUR))?)?;
/// let decision = policy.evaluate(&req, &GrantHistory::empty())?;
/// let check = &decision.checks()[0];
/// assert_eq!(check.limit_id(), "max");
/// assert_eq!(check.after().to_string(), "30.00 EUR");
/// assert_eq!(check.headroom().to_string(), "25.00 EUR");
/// assert_eq!(check.verdict(), &Verdict::Deny);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Check {
    info: Arc<LimitInfo>,
    scope: Scope,
    action: Action,
    currency: Currency,
    values: Values,
    verdict: Verdict,
}

/// A check's numbers, stored compactly (the currency once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Values {
    Money {
        observed: Decimal,
        after: Decimal,
        limit: Decimal,
        headroom: Decimal,
    },
    Count {
        observed: u32,
        after: u32,
        limit: u32,
        headroom: u32,
    },
}

impl Check {
    /// The limit's id (`approval_thresholds.<role>` for an approval
    /// threshold, `levels` for the role check).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// let ids: Vec<&str> = d.checks().iter().map(Check::limit_id).collect();
    /// assert_eq!(ids, ["offer-max", "customer-30d", "approval_thresholds.agent"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn limit_id(&self) -> &str {
        &self.info.id
    }
    /// The limit's description: its own `description` if it has one,
    /// otherwise words made from its measure and scope that quote the limit
    /// as it applied to this request (tier multiplier included, so a gold
    /// customer's ×1.5 on "at most 30.00 EUR" reads "at most 45.00 EUR").
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// // a limit without a description is described by its measure and scope
    /// assert_eq!(d.checks()[1].description(), "at most 50.00 EUR per customer over 30 days");
    /// assert_eq!(d.checks()[2].description(), "agent approves at most 30.00 EUR per offer without escalating");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn description(&self) -> Cow<'_, str> {
        self.info.description(self.limit())
    }
    /// The limit's scope.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// assert_eq!(d.checks()[1].scope(), Scope::Customer { days: 30 });
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// The limit's action when exceeded.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// let actions: Vec<Action> = d.checks().iter().map(Check::action).collect();
    /// assert_eq!(actions, [Action::Deny, Action::Cap, Action::Escalate]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn action(&self) -> Action {
        self.action
    }
    fn quantity(&self, pick: fn(Values) -> Result<Decimal, u32>) -> Quantity {
        match pick(self.values) {
            Ok(d) => Quantity::Money(Money::new(d, self.currency)),
            Err(n) => Quantity::Count(n),
        }
    }
    /// Observed in the scope before this offer.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// assert_eq!(d.checks()[0].observed(), Quantity::Money(eur(0))); // per offer: nothing before
    /// assert_eq!(d.checks()[1].observed(), Quantity::Money(eur(3500))); // c-1's 35 EUR
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn observed(&self) -> Quantity {
        self.quantity(|v| match v {
            Values::Money { observed, .. } => Ok(observed),
            Values::Count { observed, .. } => Err(observed),
        })
    }
    /// Observed after this offer.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// assert_eq!(d.checks()[1].after(), Quantity::Money(eur(7500))); // 35 + 40
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn after(&self) -> Quantity {
        self.quantity(|v| match v {
            Values::Money { after, .. } => Ok(after),
            Values::Count { after, .. } => Err(after),
        })
    }
    /// The limit (multiplier applied; percent limits as money).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// assert_eq!(d.checks()[1].limit(), Quantity::Money(eur(5000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn limit(&self) -> Quantity {
        self.quantity(|v| match v {
            Values::Money { limit, .. } => Ok(limit),
            Values::Count { limit, .. } => Err(limit),
        })
    }
    /// Limit minus observed, at least zero.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// assert_eq!(d.checks()[1].headroom(), Quantity::Money(eur(1500))); // 50 − 35
    /// assert_eq!(d.checks()[2].headroom(), Quantity::Money(eur(3000))); // 30 − 0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn headroom(&self) -> Quantity {
        self.quantity(|v| match v {
            Values::Money { headroom, .. } => Ok(headroom),
            Values::Count { headroom, .. } => Err(headroom),
        })
    }
    /// The verdict.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// let verdicts: Vec<String> = d.checks().iter().map(|c| c.verdict().to_string()).collect();
    /// assert_eq!(verdicts, ["pass", "cap to 15.00 EUR", "escalate to senior"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }
}

/// The outcome of a decision.
///
/// ```
/// use carekit::compensation::Outcome;
/// assert_eq!(Outcome::Approve.name(), "approve");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    /// Approved as asked.
    Approve,
    /// Approved up to a smaller amount (a cap).
    ApproveUpTo(Money),
    /// A higher authority level must decide.
    Escalate(Role),
    /// Refused.
    Deny,
}

impl Outcome {
    /// `approve`, `approve_up_to`, `escalate` or `deny`.
    ///
    /// ```
    /// # use carekit::compensation::{Outcome, Role};
    /// # use carekit::{Currency, Money};
    /// // the names used in JSON, conformance vectors and what-if transitions
    /// assert_eq!(Outcome::ApproveUpTo(Money::from_minor_units(1500, Currency::EUR)).name(), "approve_up_to");
    /// assert_eq!(Outcome::Escalate(Role::new("senior")?).name(), "escalate");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::ApproveUpTo(_) => "approve_up_to",
            Self::Escalate(_) => "escalate",
            Self::Deny => "deny",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Approve => f.write_str("approve"),
            Self::ApproveUpTo(m) => write!(f, "approve up to {m}"),
            Self::Escalate(r) => write!(f, "escalate to {r}"),
            Self::Deny => f.write_str("deny"),
        }
    }
}

/// A decision: the outcome, every check made, which check decided, the
/// grant to record (when something is approved) and the fingerprint of the
/// history relied on.
///
/// With the `serde` feature a decision serialises (for audit logs; it is
/// never read back) as `{"policy_version", "outcome", "reason", "deciding",
/// "checks": [{"limit", "description", "scope", "action", "observed",
/// "after", "max", "headroom", "verdict"}], "grant", "fingerprint"}`.
///
/// ```
/// use carekit::compensation::*;
/// use carekit::*;
/// use chrono::{TimeZone, Utc};
///
/// let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// let policy = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("month", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
///     .compile()?;
/// let at = Utc.with_ymd_and_hms(2024, 5, 20, 0, 0, 0).unwrap();
/// let history = GrantHistory::new(vec![Grant::new(at - chrono::TimeDelta::days(3), AgentId::new("bo")?,
///     CustomerId::new("c")?, InteractionId::new("T-0")?, OfferKind::Gift, eur(3000))?])?;
/// let req = Request::new(at,
///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
///     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?),
///     Context::new(InteractionId::new("T-1")?, Channel::Chat),
///     Offer::new(OfferKind::Credit, eur(3000))?)?;
/// let d = policy.evaluate(&req, &history)?;
/// // 30 + 30 = 60 > 50: capped to 50 − 30 = 20
/// assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur(2000)));
/// assert_eq!(d.grant().map(Grant::value), Some(eur(2000)));
/// assert_eq!(d.deciding_check().map(Check::limit_id), Some("month"));
/// assert_eq!(d.headroom(), Some(eur(2000)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    outcome: Outcome,
    checks: Vec<Check>,
    deciding: Option<usize>,
    grant: Option<Grant>,
    fingerprint: Fingerprint,
    policy_version: Arc<str>,
    kind: OfferKind,
    asked: Money,
    role: Role,
}

impl Decision {
    /// The outcome.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// assert_eq!(policy.evaluate(&ask("agent", 1000), &history)?.outcome(), &Outcome::Approve); // 35 + 10 ≤ 50
    /// assert_eq!(policy.evaluate(&ask("senior", 2000), &history)?.outcome(), &Outcome::ApproveUpTo(eur(1500)));
    /// assert_eq!(policy.evaluate(&ask("agent", 4000), &history)?.outcome(), &Outcome::Escalate(role("senior")));
    /// assert_eq!(policy.evaluate(&ask("agent", 12000), &history)?.outcome(), &Outcome::Deny); // > 100
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
    /// Every check made, in policy order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// // the approval threshold applies to agents only
    /// assert_eq!(policy.evaluate(&ask("agent", 1000), &history)?.checks().len(), 3);
    /// assert_eq!(policy.evaluate(&ask("senior", 1000), &history)?.checks().len(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }
    /// The check that decided (`None` for an approval).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// // escalate (threshold) beats cap (customer-30d)
    /// assert_eq!(d.deciding_check().map(Check::limit_id), Some("approval_thresholds.agent"));
    /// assert!(policy.evaluate(&ask("agent", 1000), &history)?.deciding_check().is_none());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn deciding_check(&self) -> Option<&Check> {
        self.checks.get(self.deciding?)
    }
    /// The grant to record if the caller commits (approve and approve up
    /// to), with the approved value.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let capped = policy.evaluate(&ask("senior", 2000), &history)?;
    /// let g = capped.grant().expect("approved up to 15 EUR");
    /// assert_eq!((g.customer().as_str(), g.value()), ("c-1", eur(1500)));
    /// assert!(policy.evaluate(&ask("agent", 4000), &history)?.grant().is_none()); // escalated
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn grant(&self) -> Option<&Grant> {
        self.grant.as_ref()
    }
    /// The fingerprint of the history relied on.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("senior", 1000), &history)?;
    /// // recomputed before committing: unchanged history, same fingerprint
    /// assert_eq!(policy.fingerprint(&ask("senior", 1000), &history)?, d.fingerprint());
    /// let mut newer = history.clone();
    /// newer.push(d.grant().cloned().expect("approved"))?;
    /// assert_ne!(policy.fingerprint(&ask("senior", 1000), &newer)?, d.fingerprint());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }
    /// The version of the policy that decided.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// assert_eq!(policy.evaluate(&ask("agent", 1000), &history)?.policy_version(), "v1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn policy_version(&self) -> &str {
        &self.policy_version
    }
    /// The amount asked for.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("senior", 2000), &history)?;
    /// assert_eq!((d.asked(), d.grant().map(Grant::value)), (eur(2000), Some(eur(1500))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn asked(&self) -> Money {
        self.asked
    }
    /// The smallest money headroom among the deny and cap checks: the most
    /// that could be granted without being denied or capped (`None` if no
    /// such limit applied). In a role × tier table of maximum amounts and
    /// order shares (`examples/policies/reference_10_1.json`) this is the
    /// cap: min(max amount, order value × max share).
    ///
    /// Escalation thresholds are left out on purpose: above them the offer
    /// is still possible, with approval. [`CompiledPolicy::headroom`]
    /// answers a different question ("what may I give *without asking*?")
    /// and so includes them; the two differ when an escalation threshold is
    /// below the remaining budget.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 4000), &history)?;
    /// // min(offer-max 100 − 0, customer-30d 50 − 35) = 15; the escalation threshold does not count
    /// assert_eq!(d.headroom(), Some(eur(1500)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn headroom(&self) -> Option<Money> {
        let mut best: Option<Money> = None;
        for c in &self.checks {
            if c.action == Action::Escalate {
                continue;
            }
            let h = match c.headroom() {
                Quantity::Money(m) => m,
                Quantity::Count(0) => Money::zero(self.asked.currency()),
                Quantity::Count(_) => continue,
            };
            best = Some(match best {
                Some(b) if b.amount() <= h.amount() => b,
                _ => h,
            });
        }
        best
    }

    /// The reason in words, naming the deciding limit with its numbers.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let policy = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent")?).level(Role::new("senior")?)
    /// #     .approval_threshold(Role::new("agent")?, Money::from_minor_units(1500, Currency::EUR))
    /// #     .compile()?;
    /// # let req = Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
    /// #     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?),
    /// #     Context::new(InteractionId::new("T")?, Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, Money::from_minor_units(2000, Currency::EUR))?)?;
    /// let d = policy.evaluate(&req, &GrantHistory::empty())?;
    /// assert_eq!(d.reason(), "escalate to senior: refund 20.00 EUR exceeds limit \
    ///     \"approval_thresholds.agent\" (agent approves at most 15.00 EUR per offer without \
    ///     escalating): 0.00 EUR before, 20.00 EUR after, limit 15.00 EUR, headroom 15.00 EUR");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reason(&self) -> String {
        let asked = format!("{} {}", self.kind, self.asked);
        let Some(c) = self.deciding_check() else {
            let tightest = self
                .checks
                .iter()
                .filter_map(|c| c.headroom().money().map(|m| (m, c)))
                .min_by(|a, b| a.0.amount().cmp(&b.0.amount()));
            return match tightest {
                None if self.checks.is_empty() => format!(
                    "approve: no limit of policy {:?} applies to {asked} by {}",
                    self.policy_version, self.role
                ),
                None => format!(
                    "approve: {asked} is within all {} applicable limits",
                    self.checks.len()
                ),
                Some((h, c)) => format!(
                    "approve: {asked} is within all {} applicable limits; the tightest is {:?} ({}) with headroom {h}",
                    self.checks.len(),
                    c.limit_id(),
                    c.description()
                ),
            };
        };
        if c.limit_id() == "levels" {
            return format!(
                "deny: role {:?} is not an authority level of policy {:?}, so it has no authority to grant {asked}",
                self.role.as_str(),
                self.policy_version
            );
        }
        let numbers = format!(
            "{} before, {} after, limit {}, headroom {}",
            c.observed(),
            c.after(),
            c.limit(),
            c.headroom()
        );
        let tail = if c.action == Action::Escalate && self.outcome == Outcome::Deny {
            format!(
                "; there is no authority level above {} to escalate to",
                self.role
            )
        } else {
            String::new()
        };
        format!(
            "{}: {asked} exceeds limit {:?} ({}): {numbers}{tail}",
            self.outcome,
            c.limit_id(),
            c.description()
        )
    }
}

/// What an agent may offer now, for one offer kind (see
/// [`CompiledPolicy::headroom`] for an example). With the `serde` feature:
/// `{"kind": "refund", "max": {"amount": "30", "currency": "EUR"},
/// "binding": "agent-refund"}` (`max` and `binding` `null` when no limit
/// applies).
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::*;
/// # use chrono::{TimeZone, Utc};
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let role = |r: &str| Role::new(r).unwrap();
/// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
/// # let policy = Policy::new("v1", t(1), Currency::EUR)
/// #     .level(role("agent")).level(role("senior"))
/// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
/// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
/// #     .approval_threshold(role("agent"), eur(3000))
/// #     .compile()?;
/// # let ask = |who: &str, cents| Request::new(t(10),
/// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
/// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
/// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
/// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
/// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
/// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
/// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
/// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
/// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
/// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
/// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
/// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
/// let credit = room.of(OfferKind::Credit).expect("one entry per kind");
/// // min(offer-max 100, customer-30d 50 − 35, agent threshold 30) = 15
/// assert_eq!(credit.to_string(), "credit: up to 15.00 EUR (customer-30d)");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KindHeadroom {
    kind: OfferKind,
    max: Option<Money>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_binding"))]
    binding: Option<Arc<LimitInfo>>,
}

#[cfg(feature = "serde")]
#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with passes the field by reference"
)]
fn serialize_binding<S: serde::Serializer>(
    binding: &Option<Arc<LimitInfo>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match binding {
        Some(info) => serializer.serialize_some(&*info.id),
        None => serializer.serialize_none(),
    }
}

impl KindHeadroom {
    /// The offer kind.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
    /// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
    /// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
    /// assert_eq!(room.kinds()[0].kind(), OfferKind::Refund); // OfferKind::ALL order
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> OfferKind {
        self.kind
    }
    /// The most the agent may grant alone now (`None`: no limit applies).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
    /// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
    /// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
    /// assert_eq!(room.of(OfferKind::Gift).and_then(KindHeadroom::max), Some(eur(1500))); // 50 − 35
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn max(&self) -> Option<Money> {
        self.max
    }

    /// The id of the limit that sets it: the one leaving the least room,
    /// the first in policy order when several leave the same.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
    /// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
    /// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
    /// assert_eq!(room.of(OfferKind::Refund).and_then(KindHeadroom::binding_limit), Some("customer-30d"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn binding_limit(&self) -> Option<&str> {
        self.binding.as_deref().map(|i| &*i.id)
    }
}

impl fmt::Display for KindHeadroom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.max, self.binding_limit()) {
            (Some(m), Some(b)) => write!(f, "{}: up to {m} ({b})", self.kind),
            (Some(m), None) => write!(f, "{}: up to {m}", self.kind),
            (None, _) => write!(f, "{}: no limit", self.kind),
        }
    }
}

/// Per-kind headroom for one agent and customer at an instant: what an
/// agent's screen shows (see [`CompiledPolicy::headroom`] for an example).
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::*;
/// # use chrono::{TimeZone, Utc};
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let role = |r: &str| Role::new(r).unwrap();
/// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
/// # let policy = Policy::new("v1", t(1), Currency::EUR)
/// #     .level(role("agent")).level(role("senior"))
/// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
/// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
/// #     .approval_threshold(role("agent"), eur(3000))
/// #     .compile()?;
/// # let ask = |who: &str, cents| Request::new(t(10),
/// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
/// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
/// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
/// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
/// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
/// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
/// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
/// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
/// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
/// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
/// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
/// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
/// for k in room.kinds() {
///     println!("{k}"); // "refund: up to 15.00 EUR (customer-30d)", ...
/// }
/// assert_eq!(room.kinds().len(), OfferKind::ALL.len());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Headroom {
    kinds: Vec<KindHeadroom>,
}

impl Headroom {
    /// One entry per offer kind, in [`OfferKind::ALL`] order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
    /// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
    /// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
    /// // every kind is bound by the same customer budget here: 50 − 35 = 15
    /// assert!(room.kinds().iter().all(|k| k.max() == Some(eur(1500))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kinds(&self) -> &[KindHeadroom] {
        &self.kinds
    }
    /// The entry of one kind.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// # let room = policy.headroom(&Requester::new(AgentId::new("ana")?, role("agent")),
    /// #     &Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
    /// #     &Context::new(InteractionId::new("T-9")?, Channel::Chat), t(10), &history)?;
    /// assert_eq!(room.of(OfferKind::Shipping).map(KindHeadroom::kind), Some(OfferKind::Shipping));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn of(&self, kind: OfferKind) -> Option<&KindHeadroom> {
        self.kinds.iter().find(|k| k.kind == kind)
    }
}

fn overflow(op: &'static str, left: Decimal, right: Decimal) -> Error {
    MoneyError::Overflow {
        operation: op,
        left,
        right,
    }
    .into()
}

/// The history's index lists for one request's customer, agent and
/// interaction, looked up at most once each.
struct Lists<'h> {
    history: &'h GrantHistory,
    requester: &'h Requester,
    recipient: &'h Recipient,
    context: &'h Context,
    customer: Option<&'h [u32]>,
    agent: Option<&'h [u32]>,
    interaction: Option<&'h [u32]>,
}

impl<'h> Lists<'h> {
    fn new(
        history: &'h GrantHistory,
        requester: &'h Requester,
        recipient: &'h Recipient,
        context: &'h Context,
    ) -> Self {
        Self {
            history,
            requester,
            recipient,
            context,
            customer: None,
            agent: None,
            interaction: None,
        }
    }

    fn customer(&mut self) -> &'h [u32] {
        self.customer
            .get_or_insert_with(|| self.history.customer_list(self.recipient.id()))
    }

    fn agent(&mut self) -> &'h [u32] {
        self.agent
            .get_or_insert_with(|| self.history.agent_list(self.requester.id()))
    }

    fn interaction(&mut self) -> &'h [u32] {
        self.interaction
            .get_or_insert_with(|| self.history.interaction_list(self.context.interaction()))
    }
}

/// What a scope observed before the offer: the amount and the number of
/// counted grants.
struct Observed {
    amount: Decimal,
    count: u32,
}

impl CompiledPolicy {
    fn multiplier(&self, recipient: &Recipient) -> Decimal {
        self.tier_multipliers
            .iter()
            .find(|(t, _)| t == recipient.tier())
            .map(|(_, m)| *m)
            .or_else(|| {
                recipient
                    .benefits()
                    .map(|b| b.compensation_limit_multiplier().get())
            })
            .unwrap_or(Decimal::ONE)
    }

    fn period_start(&self, at: DateTime<Utc>, period: Period) -> Option<DateTime<Utc>> {
        // `checked_add_offset`, not `with_timezone(..).date_naive()`: within
        // hours of chrono's range ends the local date does not exist, and
        // chrono's `date_naive` panics there. `None` makes the caller count
        // the whole history, the conservative reading.
        let local = at.naive_utc().checked_add_offset(self.offset)?.date();
        let start = match period {
            Period::Day => local,
            Period::Week => local
                .checked_sub_days(Days::new(u64::from(local.weekday().num_days_from_monday())))?,
            Period::Month => local.with_day(1)?,
        };
        let naive = start.and_time(NaiveTime::MIN);
        Some(
            self.offset
                .from_local_datetime(&naive)
                .single()?
                .with_timezone(&Utc),
        )
    }

    fn observe(
        &self,
        limit: &Compiled,
        li: u16,
        at: DateTime<Utc>,
        lists: &mut Lists<'_>,
        fp: &mut Fnv,
    ) -> Result<Observed, Error> {
        let mut obs = Observed {
            amount: Decimal::ZERO,
            count: 0,
        };
        let history = lists.history;
        let window = match limit.scope {
            Scope::Offer => return Ok(obs),
            Scope::Interaction => history.window(lists.interaction(), None, at),
            Scope::Customer { days } => {
                let after = TimeDelta::try_days(i64::from(days))
                    .and_then(|d| at.checked_sub_signed(d))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC);
                history.window(lists.customer(), Some(after), at)
            }
            Scope::Agent { period } => {
                let after = self
                    .period_start(at, period)
                    .and_then(|s| s.checked_sub_signed(TimeDelta::nanoseconds(1)))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC);
                history.window(lists.agent(), Some(after), at)
            }
        };
        fp.write_u32(u32::from(li));
        for &i in window {
            let Some((g, hash)) = history.entry(i) else {
                continue;
            };
            if limit.kinds & g.kind().bit() == 0 {
                continue;
            }
            obs.amount = obs
                .amount
                .checked_add(g.value().amount())
                .ok_or_else(|| overflow("addition", obs.amount, g.value().amount()))?;
            obs.count = obs.count.saturating_add(1);
            fp.write_u64(hash);
        }
        Ok(obs)
    }

    /// The limit as money (tier multiplier on amounts, order × ratio on
    /// percentages), or the count. A derived money limit is rounded toward
    /// zero to the currency's minor unit: a limit is an "at most", so
    /// 33.33 EUR × 30 % allows 9.99 EUR, never 10.00, and the reason text
    /// shows "30.00 EUR" rather than "30.000 EUR" for 20 EUR × 1.5.
    fn bound(&self, limit: &Compiled, mult: Decimal, context: &Context) -> Result<Quantity, Error> {
        let at_most = |amount: Decimal| {
            Quantity::Money(
                Money::new(amount, self.currency)
                    .round_to_minor_units(RoundingStrategy::TowardZero),
            )
        };
        Ok(match limit.bound {
            Bound::Amount(a) if mult == Decimal::ONE => {
                Quantity::Money(Money::new(a, self.currency))
            }
            Bound::Amount(a) => at_most(
                a.checked_mul(mult)
                    .ok_or_else(|| overflow("multiplication", a, mult))?,
            ),
            Bound::Ratio(r) => {
                let order = context.order_value().map_or(Decimal::ZERO, |m| m.amount());
                at_most(
                    order
                        .checked_mul(r)
                        .ok_or_else(|| overflow("multiplication", order, r))?,
                )
            }
            Bound::Count(n) => Quantity::Count(n),
        })
    }

    fn validate(
        &self,
        value: Money,
        context: &Context,
        at: DateTime<Utc>,
        history: &GrantHistory,
    ) -> Result<(), Error> {
        let mismatch = |path: &str, found| -> Error {
            CompensationError::CurrencyMismatch {
                path: path.to_owned(),
                expected: self.currency,
                found,
            }
            .into()
        };
        if value.currency() != self.currency {
            return Err(mismatch("request.offer.value", value.currency()));
        }
        if let Some(o) = context.order_value() {
            if o.currency() != self.currency {
                return Err(mismatch("request.context.order_value", o.currency()));
            }
        }
        if let Some(c) = history.currency() {
            if c != self.currency {
                return Err(mismatch("history[0].value", c));
            }
        }
        if let Some((index, g)) = history.latest() {
            if g.at() > at {
                return Err(CompensationError::GrantAfterRequest {
                    index,
                    at: g.at().to_rfc3339(),
                    request_at: at.to_rfc3339(),
                }
                .into());
            }
        }
        Ok(())
    }

    /// Decides a request against a history of prior grants.
    ///
    /// Every limit that applies (role and kind by the compiled index; tier,
    /// channel and reason by its filters) is checked; the most restrictive
    /// verdict wins: deny > escalate > cap > approve; among escalations the
    /// highest level, among caps the smallest amount, otherwise the first
    /// in policy order. The policy's effective dates are not checked here
    /// (a what-if replays old requests under a new policy); a
    /// [`PolicySet`](super::PolicySet) picks the version in force.
    ///
    /// # Errors
    ///
    /// - [`CompensationError::CurrencyMismatch`] if the offer, the order
    ///   value or the history is in another currency than the policy;
    /// - [`CompensationError::GrantAfterRequest`] if the history holds a
    ///   grant later than the request;
    /// - a money overflow error if a sum does not fit in a `Decimal`.
    ///
    /// ```
    /// use carekit::compensation::*;
    /// use carekit::*;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let policy = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .level(Role::new("senior")?)
    ///     .limit(Limit::new("refund-max", Scope::Offer, Measure::MaxAmount(eur(5000)), Action::Deny))
    ///     .compile()?;
    /// let req = Request::new(
    ///     Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap(),
    ///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
    ///     Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?),
    ///     Context::new(InteractionId::new("T-1")?, Channel::Phone),
    ///     Offer::new(OfferKind::Refund, eur(4000))?,
    /// )?;
    /// let d = policy.evaluate(&req, &GrantHistory::empty())?;
    /// assert_eq!(d.outcome(), &Outcome::Approve);
    /// assert_eq!(d.grant().map(|g| g.value()), Some(eur(4000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn evaluate(&self, request: &Request, history: &GrantHistory) -> Result<Decision, Error> {
        let value = request.value();
        let context = request.context();
        let requester = request.requester();
        let recipient = request.recipient();
        let at = request.at();
        self.validate(value, context, at, history)?;
        let mut fp = Fnv::new();
        fp.write_str(&self.version);
        let Some(rank) = self.level_of(requester.role()) else {
            let check = Check {
                info: Arc::clone(&self.levels_info),
                scope: Scope::Offer,
                action: Action::Deny,
                currency: self.currency,
                values: Values::Money {
                    observed: Decimal::ZERO,
                    after: value.amount(),
                    limit: Decimal::ZERO,
                    headroom: Decimal::ZERO,
                },
                verdict: Verdict::Deny,
            };
            return Ok(self.decide(request, vec![check], fp));
        };
        let mult = self.multiplier(recipient);
        let cell = self.cell(rank, request.kind());
        let mut checks = Vec::with_capacity(cell.len());
        let mut lists = Lists::new(history, requester, recipient, context);
        for &li in cell {
            let Some(limit) = self.limits.get(usize::from(li)) else {
                continue;
            };
            if !limit.matches(recipient.tier(), context.channel(), context.reason()) {
                continue;
            }
            let obs = self.observe(limit, li, at, &mut lists, &mut fp)?;
            self.check(limit, rank, mult, context, value, &obs, &mut checks)?;
        }
        Ok(self.decide(request, checks, fp))
    }

    /// One limit's check, given what its scope observed, appended to
    /// `checks` (built in place: checks are moved once, not twice).
    #[allow(
        clippy::too_many_arguments,
        reason = "an internal step of evaluate taking its locals"
    )]
    fn check(
        &self,
        limit: &Compiled,
        rank: usize,
        mult: Decimal,
        context: &Context,
        value: Money,
        obs: &Observed,
        checks: &mut Vec<Check>,
    ) -> Result<(), Error> {
        let bound = self.bound(limit, mult, context)?;
        let (values, exceeded) = match bound {
            Quantity::Money(lim) => {
                let lim = lim.amount();
                let after = obs
                    .amount
                    .checked_add(value.amount())
                    .ok_or_else(|| overflow("addition", obs.amount, value.amount()))?;
                let mut room = lim
                    .checked_sub(obs.amount)
                    .ok_or_else(|| overflow("subtraction", lim, obs.amount))?;
                if room.is_sign_negative() {
                    room = Decimal::ZERO;
                }
                (
                    Values::Money {
                        observed: obs.amount,
                        after,
                        limit: lim,
                        headroom: room,
                    },
                    after > lim,
                )
            }
            Quantity::Count(n) => {
                let after = obs.count.saturating_add(1);
                (
                    Values::Count {
                        observed: obs.count,
                        after,
                        limit: n,
                        headroom: n.saturating_sub(obs.count),
                    },
                    after > n,
                )
            }
        };
        let verdict = if exceeded {
            match (limit.act, values) {
                (Act::Deny, _) | (Act::Cap, Values::Count { .. }) => Verdict::Deny,
                (Act::Cap, Values::Money { headroom, .. }) => {
                    let room = Money::new(headroom, self.currency)
                        .round_to_minor_units(RoundingStrategy::TowardZero);
                    if room.is_zero() {
                        Verdict::Deny
                    } else {
                        Verdict::CapTo(room)
                    }
                }
                (Act::Escalate(target), _) => {
                    let target = target.or_else(|| rank.checked_add(1));
                    match target.and_then(|t| self.levels.get(t)) {
                        Some(level) => Verdict::EscalateTo(level.clone()),
                        None => Verdict::Deny,
                    }
                }
            }
        } else {
            Verdict::Pass
        };
        checks.push(Check {
            info: Arc::clone(&limit.info),
            scope: limit.scope,
            action: limit.action,
            currency: self.currency,
            values,
            verdict,
        });
        Ok(())
    }

    fn decide(&self, request: &Request, checks: Vec<Check>, fp: Fnv) -> Decision {
        let mut deciding: Option<usize> = None;
        for (i, c) in checks.iter().enumerate() {
            if c.verdict == Verdict::Pass {
                continue;
            }
            let better = match deciding.and_then(|d| checks.get(d)) {
                None => true,
                Some(best) => {
                    let (s, b) = (c.verdict.severity(), best.verdict.severity());
                    s > b
                        || (s == b
                            && match (&c.verdict, &best.verdict) {
                                (Verdict::CapTo(x), Verdict::CapTo(y)) => x.amount() < y.amount(),
                                (Verdict::EscalateTo(x), Verdict::EscalateTo(y)) => {
                                    self.level_of(x) > self.level_of(y)
                                }
                                _ => false,
                            })
                }
            };
            if better {
                deciding = Some(i);
            }
        }
        let outcome = match deciding.and_then(|d| checks.get(d)).map(|c| &c.verdict) {
            None | Some(Verdict::Pass) => Outcome::Approve,
            Some(Verdict::CapTo(m)) => Outcome::ApproveUpTo(*m),
            Some(Verdict::EscalateTo(r)) => Outcome::Escalate(r.clone()),
            Some(Verdict::Deny) => Outcome::Deny,
        };
        let granted = match &outcome {
            Outcome::Approve => Some(request.value()),
            Outcome::ApproveUpTo(m) => Some(*m),
            Outcome::Escalate(_) | Outcome::Deny => None,
        };
        let grant = granted.map(|value| Grant {
            at: request.at(),
            agent: request.requester().id().clone(),
            customer: request.recipient().id().clone(),
            interaction: request.context().interaction().clone(),
            kind: request.kind(),
            value,
        });
        Decision {
            outcome,
            checks,
            deciding,
            grant,
            fingerprint: fp.finish(),
            policy_version: Arc::clone(&self.version),
            kind: request.kind(),
            asked: request.value(),
            role: request.requester().role().clone(),
        }
    }

    /// The fingerprint `evaluate` would return for this request and
    /// history: what a committer recomputes inside its transaction to detect
    /// a stale decision (see the module docs).
    ///
    /// # Errors
    ///
    /// As [`CompiledPolicy::evaluate`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::Customer { days: 30 }, Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 1000), &history)?;
    /// // inside the commit transaction: reload, recompute, compare
    /// let mut reloaded = history.clone();
    /// assert_eq!(policy.fingerprint(&ask("agent", 1000), &reloaded)?, d.fingerprint()); // commit
    /// // a concurrent 5 EUR grant to c-1 changes the customer budget: re-evaluate
    /// reloaded.push(Grant::new(t(9), AgentId::new("bo")?, CustomerId::new("c-1")?,
    ///     InteractionId::new("T-2")?, OfferKind::Gift, eur(500))?)?;
    /// assert_ne!(policy.fingerprint(&ask("agent", 1000), &reloaded)?, d.fingerprint());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn fingerprint(
        &self,
        request: &Request,
        history: &GrantHistory,
    ) -> Result<Fingerprint, Error> {
        Ok(self.evaluate(request, history)?.fingerprint())
    }

    /// The most `requester` may grant `recipient` alone, now, per offer
    /// kind: for each kind, the smallest money headroom over the limits that
    /// apply (every action counts, escalation thresholds included, since
    /// they bound what the agent approves without asking; a count limit
    /// already reached gives zero). A role that is not an authority level
    /// gets zero everywhere.
    ///
    /// # Errors
    ///
    /// As [`CompiledPolicy::evaluate`] (currencies, future grants).
    ///
    /// ```
    /// use carekit::compensation::*;
    /// use carekit::*;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let policy = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("goodwill", Scope::Customer { days: 90 }, Measure::MaxAmount(eur(5000)), Action::Deny))
    ///     .compile()?;
    /// let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    ///     InteractionId::new("T-0")?, OfferKind::Credit, eur(2000))?])?;
    /// let room = policy.headroom(
    ///     &Requester::new(AgentId::new("ana")?, Role::new("agent")?),
    ///     &Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?),
    ///     &Context::new(InteractionId::new("T-1")?, Channel::Chat),
    ///     t(2), &history)?;
    /// assert_eq!(room.of(OfferKind::Refund).and_then(KindHeadroom::max), Some(eur(3000))); // 50 − 20
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn headroom(
        &self,
        requester: &Requester,
        recipient: &Recipient,
        context: &Context,
        at: DateTime<Utc>,
        history: &GrantHistory,
    ) -> Result<Headroom, Error> {
        self.validate(Money::zero(self.currency), context, at, history)?;
        let mut kinds = Vec::with_capacity(OfferKind::ALL.len());
        let Some(rank) = self.level_of(requester.role()) else {
            for &kind in OfferKind::ALL {
                kinds.push(KindHeadroom {
                    kind,
                    max: Some(Money::zero(self.currency)),
                    binding: Some(Arc::clone(&self.levels_info)),
                });
            }
            return Ok(Headroom { kinds });
        };
        let mult = self.multiplier(recipient);
        let mut fp = Fnv::new();
        let mut lists = Lists::new(history, requester, recipient, context);
        for &kind in OfferKind::ALL {
            let mut best: Option<(Decimal, Arc<LimitInfo>)> = None;
            for &li in self.cell(rank, kind) {
                let Some(limit) = self.limits.get(usize::from(li)) else {
                    continue;
                };
                if !limit.matches(recipient.tier(), context.channel(), context.reason()) {
                    continue;
                }
                let obs = self.observe(limit, li, at, &mut lists, &mut fp)?;
                let room = match self.bound(limit, mult, context)? {
                    Quantity::Money(lim) => {
                        let room = lim
                            .amount()
                            .checked_sub(obs.amount)
                            .ok_or_else(|| overflow("subtraction", lim.amount(), obs.amount))?;
                        if room.is_sign_negative() {
                            Decimal::ZERO
                        } else {
                            room
                        }
                    }
                    Quantity::Count(n) if obs.count >= n => Decimal::ZERO,
                    Quantity::Count(_) => continue,
                };
                if best.as_ref().is_none_or(|(b, _)| room < *b) {
                    best = Some((room, Arc::clone(&limit.info)));
                }
            }
            kinds.push(match best {
                Some((room, id)) => KindHeadroom {
                    kind,
                    max: Some(
                        Money::new(room, self.currency)
                            .round_to_minor_units(RoundingStrategy::TowardZero),
                    ),
                    binding: Some(id),
                },
                None => KindHeadroom {
                    kind,
                    max: None,
                    binding: None,
                },
            });
        }
        Ok(Headroom { kinds })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("Check", 9)?;
        st.serialize_field("limit", self.limit_id())?;
        st.serialize_field("description", &self.description())?;
        st.serialize_field("scope", &self.scope)?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("observed", &self.observed())?;
        st.serialize_field("after", &self.after())?;
        st.serialize_field("max", &self.limit())?;
        st.serialize_field("headroom", &self.headroom())?;
        st.serialize_field("verdict", &self.verdict)?;
        st.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("Decision", 7)?;
        st.serialize_field("policy_version", self.policy_version())?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("reason", &self.reason())?;
        st.serialize_field("deciding", &self.deciding_check().map(Check::limit_id))?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("grant", &self.grant)?;
        st.serialize_field("fingerprint", &self.fingerprint)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;
    use crate::compensation::Policy;
    use chrono::{NaiveDate, TimeZone};

    fn policy(tz: &str) -> CompiledPolicy {
        Policy::new(
            "v",
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
            Currency::EUR,
        )
        .level(Role::new("agent").unwrap())
        .time_zone(tz)
        .compile()
        .unwrap()
    }

    #[test]
    fn periods_start_at_local_midnight() {
        // 2024-06-12 (a Wednesday) 01:30 UTC is 2024-06-11 21:30 at -04:00.
        let at = Utc.with_ymd_and_hms(2024, 6, 12, 1, 30, 0).unwrap();
        let p = policy("-04:00");
        let start = |period| p.period_start(at, period).unwrap();
        // local day June 11 starts 04:00 UTC
        assert_eq!(
            start(Period::Day),
            Utc.with_ymd_and_hms(2024, 6, 11, 4, 0, 0).unwrap()
        );
        // ISO week of Tuesday June 11 starts Monday June 10, 04:00 UTC
        assert_eq!(
            start(Period::Week),
            Utc.with_ymd_and_hms(2024, 6, 10, 4, 0, 0).unwrap()
        );
        // month starts June 1, 04:00 UTC
        assert_eq!(
            start(Period::Month),
            Utc.with_ymd_and_hms(2024, 6, 1, 4, 0, 0).unwrap()
        );
    }

    #[test]
    fn verdict_severity_orders_pass_cap_escalate_deny() {
        let eur = Money::from_minor_units(1, Currency::EUR);
        let v = [
            Verdict::Pass,
            Verdict::CapTo(eur),
            Verdict::EscalateTo(Role::new("x").unwrap()),
            Verdict::Deny,
        ];
        assert!(v.windows(2).all(|w| w[0].severity() < w[1].severity()));
    }

    #[test]
    fn period_start_at_the_ends_of_chronos_range_does_not_panic() {
        // Regression: a per-agent period limit evaluated at
        // `DateTime::<Utc>::MAX_UTC` with a policy at +01:00 (or at
        // `MIN_UTC` with -01:00) panicked in chrono's `date_naive`
        // ("Local time out of range"): the local date is past
        // `NaiveDate::MAX`. There is no representable period start, so the
        // whole history counts.
        for (offset, at) in [
            ("+01:00", DateTime::<Utc>::MAX_UTC),
            ("-01:00", DateTime::<Utc>::MIN_UTC),
        ] {
            let p = policy(offset);
            for period in [Period::Day, Period::Week, Period::Month] {
                assert_eq!(p.period_start(at, period), None);
            }
        }
        // Inside the range: MAX_UTC is 23:59:59 UTC on NaiveDate::MAX
        // (+262142-12-31); at -01:00 that local day starts 01:00 UTC.
        let p = policy("-01:00");
        let start = p
            .period_start(DateTime::<Utc>::MAX_UTC, Period::Day)
            .unwrap();
        assert_eq!(
            start,
            NaiveDate::MAX.and_hms_opt(1, 0, 0).unwrap().and_utc()
        );
    }
}
