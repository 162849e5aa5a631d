//! Requests: who asks to give what to whom, in which context, when.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::CompensationError;
use super::offer::{Offer, OfferKind, OfferValue};
use crate::loyalty::Benefits;
use crate::{AgentId, Channel, CustomerId, Error, InteractionId, Money, TierId};

fn validate_name(kind: &'static str, value: &str) -> Result<(), Error> {
    let rule = if value.is_empty() {
        "it must not be empty"
    } else if value.trim().is_empty() {
        "it must not be blank"
    } else if value.chars().any(char::is_control) {
        "it must not contain control characters"
    } else {
        return Ok(());
    };
    Err(Error::InvalidId {
        kind,
        value: value.to_owned(),
        rule,
    })
}

macro_rules! name_type {
    ($(#[$meta:meta])* $name:ident, $kind:literal, $example:literal) => {
        $(#[$meta])*
        ///
        /// ```
        #[doc = concat!("use carekit::compensation::", stringify!($name), ";")]
        #[doc = concat!("let n = ", stringify!($name), "::new(\"", $example, "\")?;")]
        #[doc = concat!("assert_eq!(n.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new(\" \").is_err());")]
        /// # Ok::<(), carekit::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(Arc<str>);

        impl $name {
            /// Validates a name: non-empty, not blank, no control characters.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidId`] otherwise.
            pub fn new(value: &str) -> Result<Self, Error> {
                validate_name($kind, value)?;
                Ok(Self(Arc::from(value)))
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                Self::new(&s)
            }
        }

        impl From<$name> for String {
            fn from(n: $name) -> String {
                n.0.as_ref().to_owned()
            }
        }
    };
}

name_type!(
    /// An agent's role, which is also the name of an authority level in a
    /// policy (`agent`, `senior`, `supervisor`, `manager`: names are data).
    Role,
    "role",
    "senior"
);
name_type!(
    /// Why compensation is offered (`late_delivery`, `damaged_item`,
    /// `service_outage_severe`): a reason or severity code the policy's
    /// filters can select on.
    Reason,
    "reason",
    "late_delivery"
);

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
    pub fn new(id: AgentId, role: Role) -> Self {
        Self { id, role }
    }

    /// The agent.
    pub fn id(&self) -> &AgentId {
        &self.id
    }

    /// The role.
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
    pub fn new(id: CustomerId, tier: TierId) -> Self {
        Self {
            id,
            tier,
            benefits: None,
        }
    }

    /// With the tier's benefits.
    #[must_use]
    pub fn with_benefits(mut self, benefits: Benefits) -> Self {
        self.benefits = Some(benefits);
        self
    }

    /// The customer.
    pub fn id(&self) -> &CustomerId {
        &self.id
    }

    /// The tier.
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// The tier's benefits, if given.
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
    pub fn new(interaction: InteractionId, channel: Channel) -> Self {
        Self {
            interaction,
            channel,
            reason: None,
            order_value: None,
        }
    }

    /// With a reason/severity code.
    #[must_use]
    pub fn with_reason(mut self, reason: Reason) -> Self {
        self.reason = Some(reason);
        self
    }

    /// With the value of the order concerned.
    #[must_use]
    pub fn with_order_value(mut self, value: Money) -> Self {
        self.order_value = Some(value);
        self
    }

    /// The interaction.
    pub fn interaction(&self) -> &InteractionId {
        &self.interaction
    }

    /// The channel.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The reason, if any.
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }

    /// The order value, if any.
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
                let v = order.checked_mul(p.ratio())?;
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
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Who asks.
    pub fn requester(&self) -> &Requester {
        &self.requester
    }

    /// Who receives.
    pub fn recipient(&self) -> &Recipient {
        &self.recipient
    }

    /// The interaction context.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// The offer as given.
    pub fn offer(&self) -> &Offer {
        &self.offer
    }

    /// The offer's kind.
    pub fn kind(&self) -> OfferKind {
        self.offer.kind()
    }

    /// The offer's value in money (resolved for percent coupons).
    pub fn value(&self) -> Money {
        self.value
    }

    /// The same request with another offer value (used by what-if and
    /// property tests).
    ///
    /// # Errors
    ///
    /// As [`Offer::new`] and [`Request::new`].
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
