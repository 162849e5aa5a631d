//! The policy document: levels, limits, multipliers and thresholds as data.
//!
//! A [`Policy`] is what the business writes (by hand, in JSON, from an
//! admin screen). It may contain mistakes; [`Policy::compile`] checks the
//! whole document at once and reports every problem with its path.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::offer::OfferKind;
use crate::calendar::{Period, Span, Window, Zone};
use crate::id::TierId;
use crate::id::{Reason, Role};
use crate::interaction::Channel;
use crate::loyalty::Multiplier;
use crate::money::{Currency, Money};

/// What a limit adds up: which grants count besides this offer.
///
/// | scope | JSON | grants counted besides this offer |
/// |---|---|---|
/// | per offer | `{"per": "offer"}` | none |
/// | per interaction | `{"per": "interaction"}` | the interaction's grants up to the request |
/// | per customer, rolling days | `{"per": "customer", "days": 90}` | the customer's grants in the last `days` × 24 h: `at − days < t ≤ at` |
/// | per customer, rolling months | `{"per": "customer", "months": 3}` | the customer's grants after the same local date and time `months` earlier (a day the earlier month lacks starts the window at the first instant of the month after it) up to `at` |
/// | per customer, calendar period | `{"per": "customer", "period": "month"}` | the customer's grants from the first instant of the current period to `at`, both included |
/// | per agent | `{"per": "agent", "period": "month"}` | the agent's grants from the first instant of the current period to `at`, both included |
///
/// Windows and periods are the crate's one model of time
/// ([`Window`], [`Period`]): a rolling window of days is elapsed time; months
/// and calendar periods are read on the wall clock of the policy's
/// [`time_zone`](Policy::time_zone) (default UTC), so a monthly quota in
/// `Europe/Berlin` starts at local midnight on the 1st, whatever the DST
/// offset. A rolling window leaves out a grant exactly at its start (the
/// last 30 days do not include the instant 30 × 24 h ago); a calendar period
/// includes a grant at its first instant. Periods are `"day"`, `"week"`
/// (the ISO week, Monday to Sunday; `"iso_week"` is read as the same),
/// `"month"`, `"quarter"` and `"year"`.
///
/// Only grants whose kind passes the limit's `kinds` filter count.
///
/// ```
/// use carekit::calendar::{Period, Span, Window};
/// use carekit::compensation::Scope;
/// assert_eq!(Scope::customer_days(90), Scope::Customer { window: Window::Rolling(Span::Days(90)) });
/// assert_eq!(Scope::customer_days(90).to_string(), "per customer over 90 days");
/// assert_eq!(Scope::Agent { period: Period::Month }.to_string(), "per agent per month");
/// assert_eq!(Scope::Agent { period: Period::IsoWeek }.to_string(), "per agent per week");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawScope", into = "RawScope"))]
#[non_exhaustive]
pub enum Scope {
    /// This offer alone.
    Offer,
    /// Every grant in the request's interaction.
    Interaction,
    /// The customer's grants in a window ending at the request: rolling
    /// days or months, or the current calendar period.
    Customer {
        /// The window.
        window: Window,
    },
    /// The agent's grants in the current calendar period.
    Agent {
        /// The period.
        period: Period,
    },
}

impl Scope {
    /// The customer's grants over the last `days` × 24 h.
    ///
    /// ```
    /// use carekit::calendar::{Span, Window};
    /// use carekit::compensation::Scope;
    /// let Scope::Customer { window } = Scope::customer_days(30) else { unreachable!() };
    /// assert_eq!(window, Window::Rolling(Span::Days(30)));
    /// ```
    pub fn customer_days(days: u32) -> Self {
        Self::Customer {
            window: Window::Rolling(Span::Days(days)),
        }
    }
}

/// The name of a period in a scope: `day`, `week`, `month`, `quarter`,
/// `year` (the ISO week keeps the name policies have always used).
pub(crate) fn period_name(period: Period) -> &'static str {
    match period {
        Period::Day => "day",
        Period::IsoWeek => "week",
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Offer => f.write_str("per offer"),
            Self::Interaction => f.write_str("per interaction"),
            Self::Customer {
                window: Window::Rolling(span),
            } => write!(f, "per customer over {span}"),
            Self::Customer {
                window: Window::Calendar(period),
            } => write!(f, "per customer per {}", period_name(*period)),
            Self::Agent { period } => write!(f, "per agent per {}", period_name(*period)),
        }
    }
}

/// The JSON form of a scope.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    per: Per,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<PeriodName>,
}

#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Per {
    Offer,
    Interaction,
    Customer,
    Agent,
}

/// A period as a scope names it.
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum PeriodName {
    Day,
    #[serde(alias = "iso_week")]
    Week,
    Month,
    Quarter,
    Year,
}

#[cfg(feature = "serde")]
impl From<PeriodName> for Period {
    fn from(p: PeriodName) -> Self {
        match p {
            PeriodName::Day => Period::Day,
            PeriodName::Week => Period::IsoWeek,
            PeriodName::Month => Period::Month,
            PeriodName::Quarter => Period::Quarter,
            PeriodName::Year => Period::Year,
        }
    }
}

#[cfg(feature = "serde")]
impl From<Period> for PeriodName {
    fn from(p: Period) -> Self {
        match p {
            Period::Day => PeriodName::Day,
            Period::IsoWeek => PeriodName::Week,
            Period::Month => PeriodName::Month,
            Period::Quarter => PeriodName::Quarter,
            Period::Year => PeriodName::Year,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RawScope> for Scope {
    type Error = String;
    fn try_from(raw: RawScope) -> Result<Self, String> {
        let per = match raw.per {
            Per::Offer => "offer",
            Per::Interaction => "interaction",
            Per::Customer => "customer",
            Per::Agent => "agent",
        };
        let shape = |expected: &str| format!("a scope per {per} takes {expected}");
        match (raw.per, raw.days, raw.months, raw.period) {
            (Per::Offer, None, None, None) => Ok(Self::Offer),
            (Per::Interaction, None, None, None) => Ok(Self::Interaction),
            (Per::Offer | Per::Interaction, ..) => Err(shape("no days, months or period")),
            (Per::Customer, Some(days), None, None) => Ok(Self::Customer {
                window: Window::Rolling(Span::Days(days)),
            }),
            (Per::Customer, None, Some(months), None) => Ok(Self::Customer {
                window: Window::Rolling(Span::Months(months)),
            }),
            (Per::Customer, None, None, Some(period)) => Ok(Self::Customer {
                window: Window::Calendar(period.into()),
            }),
            (Per::Customer, ..) => Err(shape("exactly one of days, months or period")),
            (Per::Agent, None, None, Some(period)) => Ok(Self::Agent {
                period: period.into(),
            }),
            (Per::Agent, ..) => Err(shape("a period and nothing else")),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Scope> for RawScope {
    fn from(scope: Scope) -> Self {
        let raw = |per| Self {
            per,
            days: None,
            months: None,
            period: None,
        };
        match scope {
            Scope::Offer => raw(Per::Offer),
            Scope::Interaction => raw(Per::Interaction),
            Scope::Customer {
                window: Window::Rolling(Span::Days(days)),
            } => Self {
                days: Some(days),
                ..raw(Per::Customer)
            },
            Scope::Customer {
                window: Window::Rolling(Span::Months(months)),
            } => Self {
                months: Some(months),
                ..raw(Per::Customer)
            },
            Scope::Customer {
                window: Window::Calendar(period),
            } => Self {
                period: Some(period.into()),
                ..raw(Per::Customer)
            },
            Scope::Agent { period } => Self {
                period: Some(period.into()),
                ..raw(Per::Agent)
            },
        }
    }
}

/// What a limit measures and its maximum. In JSON:
/// `{"max_amount": {"amount": "25", "currency": "EUR"}}`, `{"max_count": 3}`
/// or `{"max_percent_of_order": "50"}`.
///
/// A percent-of-order limit is `order value × percent`; a request without
/// an order value is measured against an order value of zero (so the limit
/// fires for any positive offer: it fails closed).
///
/// ```
/// use carekit::compensation::Measure;
/// use carekit::{Currency, Money};
/// let m = Measure::MaxAmount(Money::from_minor_units(2500, Currency::EUR));
/// assert_eq!(m.to_string(), "at most 25.00 EUR");
/// assert_eq!(Measure::MaxCount(2).to_string(), "at most 2 grants");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Measure {
    /// A total amount (scaled by the tier multiplier).
    MaxAmount(Money),
    /// A number of grants (this offer included).
    MaxCount(u32),
    /// A total as a percent of the order value (`0..=100`).
    MaxPercentOfOrder(Decimal),
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MaxAmount(m) => write!(f, "at most {m}"),
            Self::MaxCount(n) => write!(f, "at most {n} grants"),
            Self::MaxPercentOfOrder(p) => {
                write!(f, "at most {}% of the order value", p.normalize())
            }
        }
    }
}

/// What happens when a limit is exceeded. In JSON, a limit's
/// `"exceeded"` is `"deny"`, `"cap"` or `"escalate"` (with an optional
/// `"escalate_to": "level"`; without it, the next level above the
/// requester's role).
///
/// ```
/// use carekit::compensation::Action;
/// assert_eq!(Action::Cap.to_string(), "cap");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Action {
    /// Refuse the offer.
    Deny,
    /// Ask a higher authority level.
    Escalate,
    /// Approve up to the headroom (deny when there is none, or for counts).
    Cap,
}

impl Action {
    /// The JSON name: `deny`, `escalate`, `cap`.
    ///
    /// ```
    /// assert_eq!(carekit::compensation::Action::Cap.name(), "cap");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Deny => "deny",
            Self::Escalate => "escalate",
            Self::Cap => "cap",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// When a limit applies: each present list must contain the request's
/// value; an absent list matches anything; an empty list matches nothing.
///
/// ```
/// use carekit::compensation::{Filters, OfferKind, Role};
/// let f = Filters::default()
///     .kinds([OfferKind::Refund, OfferKind::Credit])
///     .roles([Role::new("agent")?]);
/// assert_eq!(f.kind_list().map(<[_]>::len), Some(2));
/// assert!(f.tier_list().is_none());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Filters {
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    kinds: Option<Vec<OfferKind>>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    roles: Option<Vec<Role>>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    tiers: Option<Vec<TierId>>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    channels: Option<Vec<Channel>>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    reasons: Option<Vec<Reason>>,
}

impl Filters {
    /// Only these offer kinds.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, OfferKind};
    /// let refunds = Filters::default().kinds([OfferKind::Refund]);
    /// assert_eq!(refunds.kind_list(), Some(&[OfferKind::Refund][..]));
    /// assert_eq!(Filters::default().kind_list(), None); // absent: every kind
    /// ```
    #[must_use]
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = OfferKind>) -> Self {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }
    /// Only these roles.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, Role};
    /// let juniors = Filters::default().roles([Role::new("agent")?, Role::new("trainee")?]);
    /// assert_eq!(juniors.role_list().map(<[_]>::len), Some(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn roles(mut self, roles: impl IntoIterator<Item = Role>) -> Self {
        self.roles = Some(roles.into_iter().collect());
        self
    }
    /// Only these tiers.
    ///
    /// ```
    /// # use carekit::compensation::Filters;
    /// # use carekit::TierId;
    /// let premium = Filters::default().tiers([TierId::new("gold")?]);
    /// assert_eq!(premium.tier_list(), Some(&[TierId::new("gold")?][..]));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn tiers(mut self, tiers: impl IntoIterator<Item = TierId>) -> Self {
        self.tiers = Some(tiers.into_iter().collect());
        self
    }
    /// Only these channels.
    ///
    /// ```
    /// # use carekit::compensation::Filters;
    /// # use carekit::Channel;
    /// let live = Filters::default().channels([Channel::Phone, Channel::Chat]);
    /// assert_eq!(live.channel_list(), Some(&[Channel::Phone, Channel::Chat][..]));
    /// ```
    #[must_use]
    pub fn channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        self.channels = Some(channels.into_iter().collect());
        self
    }
    /// Only these reasons.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, Reason};
    /// let outages = Filters::default().reasons([Reason::new("service_outage_severe")?]);
    /// assert_eq!(outages.reason_list().map(|r| r[0].as_str()), Some("service_outage_severe"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn reasons(mut self, reasons: impl IntoIterator<Item = Reason>) -> Self {
        self.reasons = Some(reasons.into_iter().collect());
        self
    }
    /// The kinds filter.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, OfferKind};
    /// let f = Filters::default().kinds([OfferKind::Coupon, OfferKind::Gift]);
    /// assert_eq!(f.kind_list(), Some(&[OfferKind::Coupon, OfferKind::Gift][..]));
    /// // an empty list is present, and matches nothing
    /// assert_eq!(Filters::default().kinds(Vec::new()).kind_list(), Some(&[][..]));
    /// ```
    pub fn kind_list(&self) -> Option<&[OfferKind]> {
        self.kinds.as_deref()
    }
    /// The roles filter.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, Role};
    /// assert_eq!(Filters::default().role_list(), None); // any role
    /// let f = Filters::default().roles([Role::new("agent")?]);
    /// assert_eq!(f.role_list(), Some(&[Role::new("agent")?][..]));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn role_list(&self) -> Option<&[Role]> {
        self.roles.as_deref()
    }
    /// The tiers filter.
    ///
    /// ```
    /// # use carekit::compensation::Filters;
    /// # use carekit::TierId;
    /// assert_eq!(Filters::default().tier_list(), None); // any tier
    /// let f = Filters::default().tiers([TierId::new("silver")?, TierId::new("gold")?]);
    /// assert_eq!(f.tier_list().map(<[_]>::len), Some(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier_list(&self) -> Option<&[TierId]> {
        self.tiers.as_deref()
    }
    /// The channels filter.
    ///
    /// ```
    /// # use carekit::compensation::Filters;
    /// # use carekit::Channel;
    /// assert_eq!(Filters::default().channel_list(), None); // any channel
    /// let f = Filters::default().channels([Channel::Email]);
    /// assert_eq!(f.channel_list(), Some(&[Channel::Email][..]));
    /// ```
    pub fn channel_list(&self) -> Option<&[Channel]> {
        self.channels.as_deref()
    }
    /// The reasons filter.
    ///
    /// ```
    /// # use carekit::compensation::{Filters, Reason};
    /// assert_eq!(Filters::default().reason_list(), None); // any reason, or none
    /// let f = Filters::default().reasons([Reason::new("late_delivery")?]);
    /// assert_eq!(f.reason_list().map(<[_]>::len), Some(1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reason_list(&self) -> Option<&[Reason]> {
        self.reasons.as_deref()
    }
}

/// One limit: an id, a scope, a measure, filters and an action.
///
/// ```json
/// {"id": "agent-refund", "description": "agents refund at most 50 EUR",
///  "scope": {"per": "offer"}, "measure": {"max_amount": {"amount": "50", "currency": "EUR"}},
///  "when": {"roles": ["agent"], "kinds": ["refund"]}, "exceeded": "escalate"}
/// ```
///
/// ```
/// use carekit::compensation::{Action, Filters, Limit, Measure, OfferKind, Scope};
/// use carekit::{Currency, Money};
/// let l = Limit::new("agent-refund", Scope::Offer,
///         Measure::MaxAmount(Money::from_minor_units(5000, Currency::EUR)), Action::Escalate)
///     .when(Filters::default().kinds([OfferKind::Refund]));
/// assert_eq!(l.id(), "agent-refund");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Limit {
    id: String,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    description: Option<String>,
    scope: Scope,
    measure: Measure,
    #[cfg_attr(feature = "serde", serde(default))]
    when: Filters,
    exceeded: Action,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    escalate_to: Option<Role>,
}

impl Limit {
    /// A limit that applies to every request (narrow it with
    /// [`Limit::when`]).
    ///
    /// ```
    /// # use carekit::compensation::{Action, Filters, Limit, Measure, Scope};
    /// let l = Limit::new("one-per-interaction", Scope::Interaction, Measure::MaxCount(1), Action::Deny);
    /// assert_eq!(l.filters(), &Filters::default()); // applies to every request
    /// assert_eq!(l.description(), None);
    /// assert_eq!(l.escalation_level(), None);
    /// ```
    pub fn new(id: &str, scope: Scope, measure: Measure, exceeded: Action) -> Self {
        Self {
            id: id.to_owned(),
            description: None,
            scope,
            measure,
            when: Filters::default(),
            exceeded,
            escalate_to: None,
        }
    }
    /// With filters.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Filters, Limit, Measure, OfferKind, Scope};
    /// let l = Limit::new("gifts", Scope::Offer, Measure::MaxCount(1), Action::Deny)
    ///     .when(Filters::default().kinds([OfferKind::Gift]));
    /// assert_eq!(l.filters().kind_list(), Some(&[OfferKind::Gift][..]));
    /// ```
    #[must_use]
    pub fn when(mut self, filters: Filters) -> Self {
        self.when = filters;
        self
    }
    /// With a description (shown in decisions).
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// let l = Limit::new("repeat", Scope::customer_days(90), Measure::MaxCount(2), Action::Escalate)
    ///     .described("at most two goodwill gestures per quarter");
    /// assert_eq!(l.description(), Some("at most two goodwill gestures per quarter"));
    /// ```
    #[must_use]
    pub fn described(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }
    /// Escalate to this level instead of the next one up.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Role, Scope};
    /// let l = Limit::new("repeat", Scope::customer_days(90), Measure::MaxCount(1), Action::Escalate)
    ///     .escalate_to(Role::new("supervisor")?); // skip "senior"
    /// assert_eq!(l.escalation_level().map(Role::as_str), Some("supervisor"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn escalate_to(mut self, level: Role) -> Self {
        self.escalate_to = Some(level);
        self
    }
    /// The id.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// let l = Limit::new("offer-max", Scope::Offer, Measure::MaxCount(1), Action::Deny);
    /// assert_eq!(l.id(), "offer-max"); // the check id in decisions
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The description, if any.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// let l = Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny);
    /// assert_eq!(l.description(), None);
    /// assert_eq!(l.described("one gesture per offer").description(), Some("one gesture per offer"));
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// The scope.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// use carekit::calendar::Period;
    /// let l = Limit::new("x", Scope::Agent { period: Period::IsoWeek }, Measure::MaxCount(20), Action::Deny);
    /// assert_eq!(l.scope(), Scope::Agent { period: Period::IsoWeek });
    /// assert_eq!(l.scope().to_string(), "per agent per week");
    /// ```
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// The measure.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// let l = Limit::new("x", Scope::Interaction, Measure::MaxPercentOfOrder(50.into()), Action::Cap);
    /// assert_eq!(l.measure().to_string(), "at most 50% of the order value");
    /// ```
    pub fn measure(&self) -> Measure {
        self.measure
    }
    /// The filters.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Filters, Limit, Measure, Scope};
    /// # use carekit::Channel;
    /// let l = Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
    ///     .when(Filters::default().channels([Channel::SocialMedia]));
    /// assert_eq!(l.filters().channel_list(), Some(&[Channel::SocialMedia][..]));
    /// assert_eq!(l.filters().kind_list(), None);
    /// ```
    pub fn filters(&self) -> &Filters {
        &self.when
    }
    /// The action when exceeded.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Scope};
    /// let l = Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Cap);
    /// assert_eq!(l.action(), Action::Cap);
    /// ```
    pub fn action(&self) -> Action {
        self.exceeded
    }
    /// The explicit escalation level, if any.
    ///
    /// ```
    /// # use carekit::compensation::{Action, Limit, Measure, Role, Scope};
    /// let l = Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Escalate);
    /// assert_eq!(l.escalation_level(), None); // the next level above the requester
    /// let l = l.escalate_to(Role::new("manager")?);
    /// assert_eq!(l.escalation_level(), Some(&Role::new("manager")?));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn escalation_level(&self) -> Option<&Role> {
        self.escalate_to.as_ref()
    }
}

/// A compensation policy document (see the [module docs](super) for the
/// JSON form and the decision model). Build it in code or read it from
/// JSON, then [`compile`](Policy::compile) it.
///
/// ```
/// use carekit::compensation::{Action, Limit, Measure, Policy, Role, Scope};
/// use carekit::{Currency, Money};
/// use chrono::{TimeZone, Utc};
///
/// let policy = Policy::new("2024-07", Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .level(Role::new("supervisor")?)
///     .limit(Limit::new("offer-cap", Scope::Offer,
///         Measure::MaxAmount(Money::from_minor_units(10000, Currency::EUR)), Action::Deny));
/// let compiled = policy.compile()?;
/// assert_eq!(compiled.version(), "2024-07");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Policy {
    pub(crate) version: String,
    pub(crate) effective_from: DateTime<Utc>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) effective_until: Option<DateTime<Utc>>,
    pub(crate) currency: Currency,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) time_zone: Option<Zone>,
    pub(crate) levels: Vec<Role>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) limits: Vec<Limit>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "unique_tiers"
        )
    )]
    pub(crate) tier_multipliers: BTreeMap<TierId, Multiplier>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "unique_roles"
        )
    )]
    pub(crate) approval_thresholds: BTreeMap<Role, Money>,
}

/// Reads `tier_multipliers`, refusing a tier given twice.
#[cfg(feature = "serde")]
fn unique_tiers<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<TierId, Multiplier>, D::Error> {
    crate::serde_map::unique_keys(
        deserializer,
        "an object from tier ids to multipliers",
        |tier: &TierId| crate::error::Error::DuplicateKey {
            map: "tier_multipliers",
            key: tier.as_str().to_owned(),
        },
    )
}

/// Reads `approval_thresholds`, refusing a role given twice.
#[cfg(feature = "serde")]
fn unique_roles<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Role, Money>, D::Error> {
    crate::serde_map::unique_keys(
        deserializer,
        "an object from roles to amounts",
        |role: &Role| crate::error::Error::DuplicateKey {
            map: "approval_thresholds",
            key: role.as_str().to_owned(),
        },
    )
}

impl Policy {
    /// An empty policy (no levels yet) in force from `effective_from`, with
    /// limits in `currency`.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("2024-07", t(2024), Currency::EUR);
    /// assert!(p.levels().is_empty() && p.limits().is_empty());
    /// assert!(p.compile().is_err()); // a policy needs at least one level
    /// assert!(p.level(Role::new("agent")?).compile().is_ok());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(version: &str, effective_from: DateTime<Utc>, currency: Currency) -> Self {
        Self {
            version: version.to_owned(),
            effective_from,
            effective_until: None,
            currency,
            time_zone: None,
            levels: Vec::new(),
            limits: Vec::new(),
            tier_multipliers: BTreeMap::new(),
            approval_thresholds: BTreeMap::new(),
        }
    }
    /// In force until (exclusive).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let agent = Role::new("agent")?;
    /// let p = Policy::new("2024", t(2024), Currency::EUR).level(agent.clone()).until(t(2025));
    /// assert_eq!(p.effective_until(), Some(t(2025)));
    /// // the end must come after the start
    /// assert!(Policy::new("bad", t(2025), Currency::EUR).level(agent).until(t(2024)).compile().is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn until(mut self, effective_until: DateTime<Utc>) -> Self {
        self.effective_until = Some(effective_until);
        self
    }
    /// The time zone whose wall clock reads calendar periods and rolling
    /// months: UTC, a fixed offset, or (feature `tz`) an IANA zone, whose
    /// periods follow its DST changes. Default UTC. In JSON, `"time_zone":
    /// "Europe/Berlin"`, `"+02:00"`, `"Z"` or `"UTC"`.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// use carekit::calendar::Zone;
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(Role::new("agent")?);
    /// assert_eq!(p.zone(), Zone::UTC); // the default
    /// let berlin = p.clone().time_zone("Europe/Berlin".parse()?);
    /// assert_eq!(berlin.zone().to_string(), "Europe/Berlin");
    /// assert_eq!(p.time_zone("+02:00".parse()?).compile()?.zone().to_string(), "+02:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn time_zone(mut self, zone: Zone) -> Self {
        self.time_zone = Some(zone);
        self
    }
    /// The time zone of calendar periods and rolling months (UTC unless
    /// set).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::Currency;
    /// # use chrono::{TimeZone, Utc};
    /// use carekit::calendar::Zone;
    /// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR);
    /// assert_eq!(p.zone(), Zone::UTC);
    /// assert_eq!(p.time_zone("-05:00".parse()?).zone().to_string(), "-05:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn zone(&self) -> Zone {
        self.time_zone.unwrap_or_default()
    }
    /// Appends the next authority level (lowest first).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .level(Role::new("supervisor")?); // higher than agent
    /// let names: Vec<&str> = p.levels().iter().map(Role::as_str).collect();
    /// assert_eq!(names, ["agent", "supervisor"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn level(mut self, level: Role) -> Self {
        self.levels.push(level);
        self
    }
    /// Appends a limit.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    ///     .limit(Limit::new("one-per-interaction", Scope::Interaction, Measure::MaxCount(1), Action::Escalate));
    /// assert_eq!(p.limits()[1].id(), "one-per-interaction");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn limit(mut self, limit: Limit) -> Self {
        self.limits.push(limit);
        self
    }
    /// Sets a tier's multiplier on amount limits.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # use carekit::*;
    /// # let ask = |who: &str, tier: &str, cents| Request::new(t(2024),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// # use carekit::loyalty::Multiplier;
    /// let policy = Policy::new("v", t(2024), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(2000)), Action::Deny))
    ///     .tier_multiplier(TierId::new("gold")?, Multiplier::new(rust_decimal::Decimal::new(15, 1))?)
    ///     .compile()?;
    /// // 25 EUR: over 20 for silver, within 20 × 1.5 = 30 for gold
    /// assert_eq!(policy.evaluate(&ask("agent", "silver", 2500), &none)?.outcome(), &Outcome::Deny);
    /// assert_eq!(policy.evaluate(&ask("agent", "gold", 2500), &none)?.outcome(), &Outcome::Approve);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn tier_multiplier(mut self, tier: TierId, m: Multiplier) -> Self {
        self.tier_multipliers.insert(tier, m);
        self
    }
    /// Sets the amount per offer above which a role must escalate to the
    /// next level.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # use carekit::*;
    /// # let ask = |who: &str, tier: &str, cents| Request::new(t(2024),
    /// #     Requester::new(AgentId::new("ana").unwrap(), Role::new(who).unwrap()),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new(tier).unwrap()),
    /// #     Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let none = GrantHistory::empty();
    /// let policy = Policy::new("v", t(2024), Currency::EUR)
    ///     .level(Role::new("agent")?).level(Role::new("senior")?)
    ///     .approval_threshold(Role::new("agent")?, eur(3000))
    ///     .compile()?;
    /// // 40 EUR > 30 EUR: an agent must ask a senior; the senior has no threshold
    /// let d = policy.evaluate(&ask("agent", "silver", 4000), &none)?;
    /// assert_eq!(d.outcome(), &Outcome::Escalate(Role::new("senior")?));
    /// assert_eq!(d.checks()[0].limit_id(), "approval_thresholds.agent");
    /// assert_eq!(policy.evaluate(&ask("senior", "silver", 4000), &none)?.outcome(), &Outcome::Approve);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn approval_threshold(mut self, role: Role, above: Money) -> Self {
        self.approval_thresholds.insert(role, above);
        self
    }
    /// The version label.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(Policy::new("2024-07", t(2024), Currency::EUR).version(), "2024-07");
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }
    /// Start of validity (inclusive).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(Policy::new("v", t(2024), Currency::EUR).effective_from(), t(2024));
    /// ```
    pub fn effective_from(&self) -> DateTime<Utc> {
        self.effective_from
    }
    /// End of validity (exclusive), if any.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR);
    /// assert_eq!(p.effective_until(), None); // open-ended
    /// assert_eq!(p.until(t(2025)).effective_until(), Some(t(2025)));
    /// ```
    pub fn effective_until(&self) -> Option<DateTime<Utc>> {
        self.effective_until
    }
    /// The policy currency.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(Policy::new("v", t(2024), Currency::GBP).currency(), Currency::GBP);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }
    /// The authority levels, lowest first.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(Role::new("agent")?).level(Role::new("manager")?);
    /// assert_eq!(p.levels().first().map(Role::as_str), Some("agent")); // lowest first
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn levels(&self) -> &[Role] {
        &self.levels
    }
    /// The limits, in document order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR)
    ///     .limit(Limit::new("b", Scope::Offer, Measure::MaxCount(1), Action::Deny))
    ///     .limit(Limit::new("a", Scope::Offer, Measure::MaxCount(2), Action::Deny));
    /// let ids: Vec<&str> = p.limits().iter().map(Limit::id).collect();
    /// assert_eq!(ids, ["b", "a"]); // document order, not sorted
    /// ```
    pub fn limits(&self) -> &[Limit] {
        &self.limits
    }
}
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
