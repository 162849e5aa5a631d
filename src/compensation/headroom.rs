//! Headroom: the most an agent may offer a customer now, per offer kind
//! (what an agent's screen shows).

use std::fmt;
use std::sync::Arc;

use super::compile::LimitInfo;
use super::offer::OfferKind;
use crate::money::Money;

/// What an agent may offer now, for one offer kind (see
/// [`CompiledPolicy::headroom`](super::CompiledPolicy::headroom) for an example). With the `serde` feature:
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
    pub(crate) kind: OfferKind,
    pub(crate) max: Option<Money>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_binding"))]
    pub(crate) binding: Option<Arc<LimitInfo>>,
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
/// agent's screen shows (see [`CompiledPolicy::headroom`](super::CompiledPolicy::headroom) for an example).
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
    pub(crate) kinds: Vec<KindHeadroom>,
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
