//! The report of a decision: every check made, the outcome, the grant to
//! record and the fingerprint of the history relied on.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::compile::LimitInfo;
use super::grant::{Fingerprint, Grant};
use super::offer::OfferKind;
use super::policy::{Action, Quantity, Scope};
use crate::id::Role;
use crate::money::{Currency, Money};

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
    pub(crate) info: Arc<LimitInfo>,
    pub(crate) scope: Scope,
    pub(crate) action: Action,
    pub(crate) currency: Currency,
    pub(crate) values: Values,
    pub(crate) verdict: Verdict,
}

/// A check's numbers, stored compactly (the currency once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Values {
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// assert_eq!(d.checks()[1].scope(), Scope::customer_days(30));
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
///     .limit(Limit::new("month", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    pub(crate) outcome: Outcome,
    pub(crate) checks: Vec<Check>,
    pub(crate) deciding: Option<usize>,
    pub(crate) grant: Option<Grant>,
    pub(crate) fingerprint: Fingerprint,
    pub(crate) policy_version: Arc<str>,
    pub(crate) kind: OfferKind,
    pub(crate) asked: Money,
    pub(crate) role: Role,
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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
    /// is still possible, with approval. [`CompiledPolicy::headroom`](super::CompiledPolicy::headroom)
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
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
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

    /// The reason in words, naming the deciding limit with its numbers: the
    /// [`explanation`](Decision::explanation) rendered into a new `String`
    /// (the decision also displays as these words; write it into a buffer
    /// of your own to avoid the allocation).
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
        self.explanation().to_string()
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
