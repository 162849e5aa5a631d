//! Requests: who asks to give what to whom, in which context, when.

use chrono::{DateTime, Utc};

use super::CompensationError;
use super::offer::{Offer, OfferKind, OfferValue};
use crate::error::Error;
use crate::id::{AgentId, CustomerId, InteractionId, Reason, Role, TierId};
use crate::interaction::Channel;
use crate::loyalty::Benefits;
use crate::money::Money;

/// Who asks: the agent and the role they act in.
///
/// ```
/// use carekit::AgentId;
/// use carekit::compensation::{Requester, Role};
/// let r = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
/// assert_eq!(r.role().as_str(), "agent");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Requester {
    id: AgentId,
    role: Role,
}

impl Requester {
    /// An agent acting in a role.
    ///
    /// ```
    /// # use carekit::AgentId;
    /// # use carekit::compensation::{Requester, Role};
    /// // the same agent may act as a supervisor on another shift
    /// let r = Requester::new(AgentId::new("ana")?, Role::new("supervisor")?);
    /// assert_eq!((r.id().as_str(), r.role().as_str()), ("ana", "supervisor"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(id: AgentId, role: Role) -> Self {
        Self { id, role }
    }

    /// The agent.
    ///
    /// ```
    /// # use carekit::AgentId;
    /// # use carekit::compensation::{Requester, Role};
    /// let r = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// assert_eq!(r.id(), &AgentId::new("ana")?);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &AgentId {
        &self.id
    }

    /// The role.
    ///
    /// ```
    /// # use carekit::AgentId;
    /// # use carekit::compensation::{Requester, Role};
    /// let r = Requester::new(AgentId::new("ana")?, Role::new("senior")?);
    /// assert_eq!(r.role(), &Role::new("senior")?);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn role(&self) -> &Role {
        &self.role
    }
}

/// Who receives: the customer, their loyalty tier and, optionally, that
/// tier's [`Benefits`] (whose `compensation_limit_multiplier` scales amount
/// limits when the policy has no multiplier of its own for the tier).
///
/// ```
/// use carekit::{CustomerId, TierId};
/// use carekit::compensation::Recipient;
/// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
/// assert!(c.benefits().is_none());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Recipient {
    id: CustomerId,
    tier: TierId,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    benefits: Option<Benefits>,
}

impl Recipient {
    /// A customer in a tier.
    ///
    /// ```
    /// # use carekit::{CustomerId, TierId};
    /// # use carekit::compensation::Recipient;
    /// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?);
    /// assert_eq!(c.tier().as_str(), "silver");
    /// assert!(c.benefits().is_none()); // no benefits: ×1 unless the policy says otherwise
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(id: CustomerId, tier: TierId) -> Self {
        Self {
            id,
            tier,
            benefits: None,
        }
    }

    /// With the tier's benefits.
    ///
    /// ```
    /// # use carekit::{CustomerId, TierId};
    /// # use carekit::compensation::Recipient;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// let gold = Benefits::default().with_compensation_limit_multiplier(Multiplier::new(2.into())?);
    /// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?).with_benefits(gold);
    /// // amount limits double for c-1 unless the policy has its own "gold" multiplier
    /// assert_eq!(c.benefits().map(|b| b.compensation_limit_multiplier().get()), Some(2.into()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_benefits(mut self, benefits: Benefits) -> Self {
        self.benefits = Some(benefits);
        self
    }

    /// The customer.
    ///
    /// ```
    /// # use carekit::{CustomerId, TierId};
    /// # use carekit::compensation::Recipient;
    /// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// assert_eq!(c.id().as_str(), "c-1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &CustomerId {
        &self.id
    }

    /// The tier.
    ///
    /// ```
    /// # use carekit::{CustomerId, TierId};
    /// # use carekit::compensation::Recipient;
    /// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// assert_eq!(c.tier(), &TierId::new("gold")?);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// The tier's benefits, if given.
    ///
    /// ```
    /// # use carekit::{CustomerId, TierId};
    /// # use carekit::compensation::Recipient;
    /// # use carekit::loyalty::Benefits;
    /// let c = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// assert_eq!(c.benefits(), None);
    /// let c = c.with_benefits(Benefits::default().with_priority_boost(1));
    /// assert_eq!(c.benefits().map(Benefits::priority_boost), Some(1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn benefits(&self) -> Option<&Benefits> {
        self.benefits.as_ref()
    }
}

/// The interaction the offer belongs to: its id, channel, an optional
/// reason/severity code and the order value, if an order is involved.
///
/// ```
/// use carekit::{Channel, Currency, InteractionId, Money};
/// use carekit::compensation::{Context, Reason};
/// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat)
///     .with_reason(Reason::new("late_delivery")?)
///     .with_order_value(Money::from_minor_units(12000, Currency::EUR));
/// assert_eq!(ctx.order_value().map(|m| m.to_string()), Some("120.00 EUR".into()));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Context {
    interaction: InteractionId,
    channel: Channel,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    reason: Option<Reason>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    order_value: Option<Money>,
}

impl Context {
    /// An interaction on a channel.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::Context;
    /// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Phone);
    /// assert_eq!(ctx.channel(), Channel::Phone);
    /// assert_eq!((ctx.reason(), ctx.order_value()), (None, None));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(interaction: InteractionId, channel: Channel) -> Self {
        Self {
            interaction,
            channel,
            reason: None,
            order_value: None,
        }
    }

    /// With a reason/severity code.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::{Context, Reason};
    /// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Email)
    ///     .with_reason(Reason::new("damaged_item")?);
    /// assert_eq!(ctx.reason().map(Reason::as_str), Some("damaged_item"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_reason(mut self, reason: Reason) -> Self {
        self.reason = Some(reason);
        self
    }

    /// With the value of the order concerned.
    ///
    /// ```
    /// # use carekit::{Channel, Currency, InteractionId, Money};
    /// # use carekit::compensation::Context;
    /// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat)
    ///     .with_order_value(Money::from_minor_units(8990, Currency::EUR));
    /// assert_eq!(ctx.order_value(), Some(Money::from_minor_units(8990, Currency::EUR)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_order_value(mut self, value: Money) -> Self {
        self.order_value = Some(value);
        self
    }

    /// The interaction.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::Context;
    /// let ctx = Context::new(InteractionId::new("T-42")?, Channel::Chat);
    /// assert_eq!(ctx.interaction().as_str(), "T-42");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interaction(&self) -> &InteractionId {
        &self.interaction
    }

    /// The channel.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::Context;
    /// let ctx = Context::new(InteractionId::new("T-1")?, Channel::SocialMedia);
    /// assert_eq!(ctx.channel(), Channel::SocialMedia);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The reason, if any.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::{Context, Reason};
    /// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat);
    /// assert_eq!(ctx.reason(), None); // a limit with a reasons filter never applies
    /// let ctx = ctx.with_reason(Reason::new("late_delivery")?);
    /// assert_eq!(ctx.reason(), Some(&Reason::new("late_delivery")?));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }

    /// The order value, if any.
    ///
    /// ```
    /// # use carekit::{Channel, InteractionId};
    /// # use carekit::compensation::Context;
    /// // no order: percent-of-order limits measure against zero (fail closed)
    /// assert_eq!(Context::new(InteractionId::new("T-1")?, Channel::Chat).order_value(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn order_value(&self) -> Option<Money> {
        self.order_value
    }
}

/// A request to compensate: at an instant, a [`Requester`] offers a
/// [`Recipient`] an [`Offer`] in a [`Context`]. Construction resolves the
/// offer's money value (a percent-of-order coupon becomes order × percent).
///
/// With the `serde` feature:
///
/// ```json
/// {"at": "2024-05-02T10:00:00Z",
///  "agent": {"id": "ana", "role": "agent"},
///  "customer": {"id": "c-1", "tier": "gold"},
///  "context": {"interaction": "T-1", "channel": "chat", "reason": "late_delivery",
///              "order_value": {"amount": "120.00", "currency": "EUR"}},
///  "offer": {"kind": "refund", "value": {"amount": "40.00", "currency": "EUR"}}}
/// ```
///
/// ```
/// use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
/// use carekit::compensation::{Context, Offer, Percent, Recipient, Request, Requester, Role};
/// use chrono::{TimeZone, Utc};
///
/// let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat)
///     .with_order_value(Money::from_minor_units(12000, Currency::EUR));
/// let req = Request::new(
///     Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap(),
///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
///     Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?),
///     ctx,
///     Offer::coupon_percent(Percent::new(15.into())?),
/// )?;
/// assert_eq!(req.value().to_string(), "18.00 EUR"); // 15 % of 120 EUR
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawRequest", into = "RawRequest"))]
pub struct Request {
    at: DateTime<Utc>,
    requester: Requester,
    recipient: Recipient,
    context: Context,
    offer: Offer,
    value: Money,
}

impl Request {
    /// Builds a request and values its offer.
    ///
    /// # Errors
    ///
    /// - [`CompensationError::MissingOrderValue`] for a percent-of-order
    ///   coupon without an order value in the context;
    /// - [`CompensationError::NegativeAmount`] for a negative order value;
    /// - [`CompensationError::CurrencyMismatch`] if the offer and the order
    ///   value are in different currencies;
    /// - a money overflow error if order × percent does not fit.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// // 15 % of 120 EUR = 18 EUR
    /// let req = Request::new(at, who.clone(), whom.clone(), ctx, Offer::coupon_percent(Percent::new(15.into())?))?;
    /// assert_eq!(req.value(), eur(1800));
    /// // without an order value a percent coupon has no value
    /// let bare = Context::new(InteractionId::new("T-2")?, Channel::Chat);
    /// assert!(Request::new(at, who, whom, bare, Offer::coupon_percent(Percent::new(15.into())?)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(
        at: DateTime<Utc>,
        requester: Requester,
        recipient: Recipient,
        context: Context,
        offer: Offer,
    ) -> Result<Self, Error> {
        if let Some(order) = context.order_value {
            if order.is_negative() {
                return Err(CompensationError::NegativeAmount {
                    path: "request.context.order_value".into(),
                    value: order,
                }
                .into());
            }
        }
        let value = match (offer.value(), context.order_value) {
            (OfferValue::Amount(m), Some(order)) if m.currency() != order.currency() => {
                return Err(CompensationError::CurrencyMismatch {
                    path: "request.offer.value".into(),
                    expected: order.currency(),
                    found: m.currency(),
                }
                .into());
            }
            (OfferValue::Amount(m), _) => m,
            (OfferValue::PercentOfOrder(p), Some(order)) => {
                let v = order.checked_mul(p.proportion())?;
                Money::new(v.amount().normalize(), v.currency())
            }
            (OfferValue::PercentOfOrder(_), None) => {
                return Err(CompensationError::MissingOrderValue {
                    path: "request.offer.percent_of_order".into(),
                }
                .into());
            }
        };
        Ok(Self {
            at,
            requester,
            recipient,
            context,
            offer,
            value,
        })
    }

    /// When the offer is made.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// assert_eq!(req.at().to_rfc3339(), "2024-05-02T10:00:00+00:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Who asks.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// assert_eq!(req.requester().role().as_str(), "agent");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn requester(&self) -> &Requester {
        &self.requester
    }

    /// Who receives.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// assert_eq!(req.recipient().tier().as_str(), "gold");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn recipient(&self) -> &Recipient {
        &self.recipient
    }

    /// The interaction context.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// assert_eq!(req.context().order_value(), Some(eur(12000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// The offer as given.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::coupon_percent(Percent::new(10.into())?))?;
    /// assert_eq!(req.offer().to_string(), "coupon 10% of the order"); // as given
    /// assert_eq!(req.value(), eur(1200)); // as valued: 10 % of 120 EUR
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn offer(&self) -> &Offer {
        &self.offer
    }

    /// The offer's kind.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Shipping, eur(599))?)?;
    /// assert_eq!(req.kind(), OfferKind::Shipping);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> OfferKind {
        self.offer.kind()
    }

    /// The offer's value in money (resolved for percent coupons).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let refund = Request::new(at, who.clone(), whom.clone(), ctx.clone(), Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// assert_eq!(refund.value(), eur(4000));
    /// // 12.5 % of 120 EUR = 15 EUR
    /// let coupon = Offer::coupon_percent(Percent::new(rust_decimal::Decimal::new(125, 1))?);
    /// assert_eq!(Request::new(at, who, whom, ctx, coupon)?.value(), eur(1500));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn value(&self) -> Money {
        self.value
    }

    /// The same request with another offer value (used by what-if and
    /// property tests).
    ///
    /// # Errors
    ///
    /// As [`Offer::new`] and [`Request::new`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 2, 10, 0, 0).unwrap();
    /// # let who = Requester::new(AgentId::new("ana")?, Role::new("agent")?);
    /// # let whom = Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?);
    /// # let ctx = Context::new(InteractionId::new("T-1")?, Channel::Chat).with_order_value(eur(12000));
    /// let req = Request::new(at, who, whom, ctx, Offer::new(OfferKind::Refund, eur(4000))?)?;
    /// let smaller = req.with_amount(eur(2500))?;
    /// assert_eq!((smaller.kind(), smaller.value()), (OfferKind::Refund, eur(2500)));
    /// assert_eq!(smaller.at(), req.at());
    /// assert!(req.with_amount(eur(-1)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn with_amount(&self, value: Money) -> Result<Self, Error> {
        Self::new(
            self.at,
            self.requester.clone(),
            self.recipient.clone(),
            self.context.clone(),
            Offer::new(self.offer.kind(), value)?,
        )
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    at: DateTime<Utc>,
    agent: Requester,
    customer: Recipient,
    context: Context,
    offer: Offer,
}

#[cfg(feature = "serde")]
impl TryFrom<RawRequest> for Request {
    type Error = Error;
    fn try_from(r: RawRequest) -> Result<Self, Error> {
        Self::new(r.at, r.agent, r.customer, r.context, r.offer)
    }
}

#[cfg(feature = "serde")]
impl From<Request> for RawRequest {
    fn from(r: Request) -> Self {
        Self {
            at: r.at,
            agent: r.requester,
            customer: r.recipient,
            context: r.context,
            offer: r.offer,
        }
    }
}
