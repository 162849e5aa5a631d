//! What-if: replay requests under two policies and compare.

use std::collections::BTreeMap;

use super::CompensationError;
use super::compile::CompiledPolicy;
use super::decision::{Decision, Outcome};
use super::history::GrantHistory;
use super::request::Request;
use crate::error::Error;
use crate::id::Role;
use crate::id::TierId;
use crate::money::{Currency, Money};

/// Counts and money for one group (a role or a tier) in a [`WhatIf`] (see
/// [`what_if`] for an example).
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::*;
/// # use chrono::{TimeZone, Utc};
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
/// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
/// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
/// #     .compile();
/// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
/// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
/// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
/// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
/// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
/// # let none = GrantHistory::empty();
/// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
/// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
/// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
/// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
/// let gold = &report.by_tier()[&TierId::new("gold")?];
/// assert_eq!((gold.requests(), gold.changed()), (2, 0)); // 10 EUR approved, 60 EUR denied, both times
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WhatIfGroup {
    requests: u64,
    changed: u64,
    approved_before: Money,
    approved_after: Money,
}

impl WhatIfGroup {
    fn new(currency: Currency) -> Self {
        Self {
            requests: 0,
            changed: 0,
            approved_before: Money::zero(currency),
            approved_after: Money::zero(currency),
        }
    }
    /// Requests replayed.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// assert_eq!(report.total().requests(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn requests(&self) -> u64 {
        self.requests
    }
    /// Requests whose outcome changed (amount included).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// assert_eq!(report.total().changed(), 1); // only the 40 EUR request: deny → approve
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn changed(&self) -> u64 {
        self.changed
    }
    /// Money approved under the first policy.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// assert_eq!(report.total().approved_before(), eur(1000)); // only the 10 EUR request
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn approved_before(&self) -> Money {
        self.approved_before
    }
    /// Money approved under the second policy.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// assert_eq!(report.total().approved_after(), eur(5000)); // 10 + 40
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn approved_after(&self) -> Money {
        self.approved_after
    }
}

/// The report of [`what_if`]: outcome transitions (`from → to` counts, by
/// [`Outcome::name`]), money approved under each policy, and the same per
/// requester role and per customer tier (see [`what_if`] for an example).
/// With the `serde` feature it serialises (for reports) as `{"total",
/// "transitions": [{"from", "to", "count"}], "by_role", "by_tier"}`.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::*;
/// # use chrono::{TimeZone, Utc};
/// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
/// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
/// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
/// #     .compile();
/// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
/// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
/// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
/// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
/// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
/// # let none = GrantHistory::empty();
/// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
/// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
/// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
/// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
/// assert_eq!(report.transition("deny", "approve"), 1);
/// assert_eq!(report.total().approved_after(), eur(5000)); // 10 + 40; 60 is still denied
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    total: WhatIfGroup,
    transitions: BTreeMap<(&'static str, &'static str), u64>,
    by_role: BTreeMap<Role, WhatIfGroup>,
    by_tier: BTreeMap<TierId, WhatIfGroup>,
}

impl WhatIf {
    /// All requests together.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// let t = report.total();
    /// assert_eq!((t.requests(), t.changed(), t.approved_before(), t.approved_after()), (3, 1, eur(1000), eur(5000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn total(&self) -> &WhatIfGroup {
        &self.total
    }
    /// `(from, to, count)` for every transition seen (unchanged outcomes
    /// included, as `approve → approve`), sorted.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// let all: Vec<_> = report.transitions().collect();
    /// assert_eq!(all, [("approve", "approve", 1), ("deny", "approve", 1), ("deny", "deny", 1)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn transitions(&self) -> impl Iterator<Item = (&'static str, &'static str, u64)> + '_ {
        self.transitions.iter().map(|(&(f, t), &n)| (f, t, n))
    }
    /// How many requests went from `from` to `to` (outcome names).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// assert_eq!(report.transition("deny", "approve"), 1);
    /// assert_eq!(report.transition("approve", "deny"), 0); // never seen
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn transition(&self, from: &str, to: &str) -> u64 {
        self.transitions
            .iter()
            .find(|((f, t), _)| *f == from && *t == to)
            .map_or(0, |(_, &n)| n)
    }
    /// Per requester role.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// let agents = &report.by_role()[&Role::new("agent")?];
    /// assert_eq!((agents.requests(), agents.approved_after()), (2, eur(5000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn by_role(&self) -> &BTreeMap<Role, WhatIfGroup> {
        &self.by_role
    }
    /// Per customer tier.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    /// #     .level(Role::new("agent").unwrap()).level(Role::new("senior").unwrap())
    /// #     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
    /// #     .compile();
    /// # let ask = |who: &str, tier: &str, cents| Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Refund, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # let (a, b, c) = (ask("agent", "gold", 1000), ask("agent", "silver", 4000), ask("senior", "gold", 6000));
    /// // Raising a 25 EUR per-offer deny cap to 50 EUR, replayed on three requests:
    /// // agent/gold 10 EUR, agent/silver 40 EUR, senior/gold 60 EUR.
    /// let report = what_if(&policy(2500)?, &policy(5000)?, [(&a, &none), (&b, &none), (&c, &none)])?;
    /// let silver = &report.by_tier()[&TierId::new("silver")?];
    /// assert_eq!((silver.approved_before(), silver.approved_after()), (eur(0), eur(4000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn by_tier(&self) -> &BTreeMap<TierId, WhatIfGroup> {
        &self.by_tier
    }
}

fn approved(d: &Decision) -> Option<Money> {
    d.grant().map(super::Grant::value)
}

fn add(group: &mut WhatIfGroup, before: &Decision, after: &Decision) -> Result<(), Error> {
    group.requests = group.requests.saturating_add(1);
    if before.outcome() != after.outcome() {
        group.changed = group.changed.saturating_add(1);
    }
    if let Some(m) = approved(before) {
        group.approved_before = group.approved_before.checked_add(&m)?;
    }
    if let Some(m) = approved(after) {
        group.approved_after = group.approved_after.checked_add(&m)?;
    }
    Ok(())
}

/// Replays `(request, history)` pairs under `before` and `after` and
/// reports what changes. Effective dates are ignored: the point is to ask
/// what a new policy would have decided on past requests.
///
/// # Errors
///
/// [`CompensationError::WhatIfCurrencies`] if the policies' currencies differ; any
/// error of [`CompiledPolicy::evaluate`].
///
/// ```
/// use carekit::compensation::*;
/// use carekit::*;
/// use chrono::{TimeZone, Utc};
///
/// let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// let policy = |cap| Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cap)), Action::Deny))
///     .compile();
/// let (now, raised) = (policy(2500)?, policy(5000)?);
/// let req = Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
///     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?),
///     Context::new(InteractionId::new("T")?, Channel::Chat),
///     Offer::new(OfferKind::Refund, eur(4000))?)?;
/// let history = GrantHistory::empty();
/// let report = what_if(&now, &raised, [(&req, &history)])?;
/// assert_eq!(report.transition("deny", "approve"), 1);
/// assert_eq!(report.total().approved_after(), eur(4000));
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn what_if<'a>(
    before: &CompiledPolicy,
    after: &CompiledPolicy,
    cases: impl IntoIterator<Item = (&'a Request, &'a GrantHistory)>,
) -> Result<WhatIf, Error> {
    let currency = before.currency();
    if after.currency() != currency {
        return Err(CompensationError::WhatIfCurrencies {
            before: currency,
            after: after.currency(),
        }
        .into());
    }
    let mut report = WhatIf {
        total: WhatIfGroup::new(currency),
        transitions: BTreeMap::new(),
        by_role: BTreeMap::new(),
        by_tier: BTreeMap::new(),
    };
    for (request, history) in cases {
        let b = before.evaluate(request, history)?;
        let a = after.evaluate(request, history)?;
        let key = (b.outcome().name(), a.outcome().name());
        let n = report.transitions.entry(key).or_insert(0);
        *n = n.saturating_add(1);
        add(&mut report.total, &b, &a)?;
        add(
            report
                .by_role
                .entry(request.requester().role().clone())
                .or_insert_with(|| WhatIfGroup::new(currency)),
            &b,
            &a,
        )?;
        add(
            report
                .by_tier
                .entry(request.recipient().tier().clone())
                .or_insert_with(|| WhatIfGroup::new(currency)),
            &b,
            &a,
        )?;
    }
    Ok(report)
}

impl Outcome {
    /// Whether this outcome grants anything.
    ///
    /// ```
    /// # use carekit::compensation::{Outcome, Role};
    /// # use carekit::{Currency, Money};
    /// assert!(Outcome::Approve.grants());
    /// assert!(Outcome::ApproveUpTo(Money::from_minor_units(1500, Currency::EUR)).grants());
    /// assert!(!Outcome::Escalate(Role::new("senior")?).grants() && !Outcome::Deny.grants());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn grants(&self) -> bool {
        matches!(self, Self::Approve | Self::ApproveUpTo(_))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for WhatIf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(serde::Serialize)]
        struct Transition {
            from: &'static str,
            to: &'static str,
            count: u64,
        }
        let transitions: Vec<Transition> = self
            .transitions()
            .map(|(from, to, count)| Transition { from, to, count })
            .collect();
        let mut st = serializer.serialize_struct("WhatIf", 4)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("transitions", &transitions)?;
        st.serialize_field("by_role", &self.by_role)?;
        st.serialize_field("by_tier", &self.by_tier)?;
        st.end()
    }
}
