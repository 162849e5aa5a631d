use std::fmt;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::id::Role;
use crate::money::{Currency, Money};

/// Why a compensation policy, request or history is invalid.
///
/// Fields keep their values typed (instants, amounts, currencies, roles);
/// the message quotes them. Every variant is `#[non_exhaustive]`: it may
/// gain fields that name more of the context, so match with `..`.
///
/// ```
/// use carekit::compensation::{CompensationError, Policy, PolicySet, Role};
/// use carekit::{Currency, Error};
/// use chrono::{TimeZone, Utc};
/// let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
/// let set = PolicySet::new(&[Policy::new("2024", t(2024), Currency::EUR).level(Role::new("agent")?)])?;
/// let err = set.in_force(t(2023)).unwrap_err();
/// assert_eq!(err.to_string(), "no policy version is in force at 2023-01-01T00:00:00+00:00");
/// assert!(matches!(err, Error::Compensation(CompensationError::NoPolicyInForce { at, .. }) if at == t(2023)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CompensationError {
    /// A policy set has no version in force at the request instant.
    #[error("no policy version is in force at {}", at.to_rfc3339())]
    #[non_exhaustive]
    NoPolicyInForce {
        /// The request instant.
        at: DateTime<Utc>,
    },
    /// A policy document failed validation; every problem is listed.
    #[error("policy {version:?} is invalid: {}", join(problems))]
    #[non_exhaustive]
    InvalidPolicy {
        /// The policy's version label.
        version: String,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// Two versions of a policy set are in force at the same instant.
    #[error(
        "policy versions {first:?} and {second:?} overlap: both are in force at {}",
        at.to_rfc3339()
    )]
    #[non_exhaustive]
    OverlappingVersions {
        /// The earlier version.
        first: String,
        /// The later version.
        second: String,
        /// An instant at which both are in force (the later one's start).
        at: DateTime<Utc>,
    },
    /// A percentage outside `0..=100`.
    #[error("percentage {} is outside 0..=100", value.normalize())]
    #[non_exhaustive]
    PercentOutOfRange {
        /// The rejected value.
        value: Decimal,
    },
    /// A negative amount where only amounts ≥ 0 make sense.
    #[error("{path}: expected a non-negative amount, found {value}")]
    #[non_exhaustive]
    NegativeAmount {
        /// Where (`request.offer.value`, `history[3].value`).
        path: String,
        /// The amount.
        value: Money,
    },
    /// An amount in another currency than expected.
    #[error("{path}: currency mismatch: expected {expected}, found {found}")]
    #[non_exhaustive]
    CurrencyMismatch {
        /// Where.
        path: String,
        /// The expected currency (the policy's, or the history's).
        expected: Currency,
        /// The currency found.
        found: Currency,
    },
    /// A percent-of-order coupon without an order value.
    #[error("{path}: a percent-of-order coupon needs the order value in the context")]
    #[non_exhaustive]
    MissingOrderValue {
        /// Where.
        path: String,
    },
    /// An offer kind name that does not exist.
    #[error(
        "offer kind {value:?} is unknown: expected one of refund, credit, coupon, free_product, shipping, gift"
    )]
    #[non_exhaustive]
    UnknownOfferKind {
        /// The rejected name.
        value: String,
    },
    /// An offer with neither or both of `value` and `percent_of_order`, or
    /// a percent value on another kind than a coupon.
    #[error(
        "offer of kind {kind}: expected exactly one of value or percent_of_order (percent only for coupons)"
    )]
    #[non_exhaustive]
    OfferValueShape {
        /// The offer's kind, by name (`"coupon"`).
        kind: &'static str,
    },
    /// A grant of the history is later than the request it should precede.
    #[error(
        "history[{index}].at {} is after the request instant {}",
        at.to_rfc3339(),
        request_at.to_rfc3339()
    )]
    #[non_exhaustive]
    GrantAfterRequest {
        /// The grant's position in the caller's history.
        index: usize,
        /// The grant's instant.
        at: DateTime<Utc>,
        /// The request's instant.
        request_at: DateTime<Utc>,
    },
    /// A fingerprint that is not 16 hex digits.
    ///
    /// ```
    /// use carekit::compensation::Fingerprint;
    /// let err = "12345".parse::<Fingerprint>().unwrap_err();
    /// assert_eq!(err.to_string(), "fingerprint \"12345\" is invalid: expected 16 hex digits");
    /// ```
    #[error("fingerprint {value:?} is invalid: expected 16 hex digits")]
    InvalidFingerprint {
        /// The rejected text.
        value: String,
    },
    /// More grants than an in-memory history indexes (`u32::MAX`).
    #[error("a history of {len} grants is too large: at most 4294967295")]
    #[non_exhaustive]
    HistoryTooLarge {
        /// The number of grants.
        len: usize,
    },
    /// A what-if report over two policies in different currencies.
    #[error("what-if: both policies must use the same currency, found {before} and {after}")]
    #[non_exhaustive]
    WhatIfCurrencies {
        /// The first policy's currency.
        before: Currency,
        /// The second policy's currency.
        after: Currency,
    },
}

/// `agent, senior, supervisor`.
fn join_roles(roles: &[Role]) -> String {
    roles
        .iter()
        .map(Role::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn join(problems: &[Problem]) -> String {
    let mut out = format!("{} problem", problems.len());
    if problems.len() != 1 {
        out.push('s');
    }
    for (i, p) in problems.iter().enumerate() {
        out.push_str(if i == 0 { ": " } else { "; " });
        out.push_str(&p.to_string());
    }
    out
}

/// One problem in a policy document: where it is and what is wrong.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::{Currency, Error, Money};
/// # use chrono::{TimeZone, Utc};
/// // 0 days of window and a negative cap: two problems.
/// let bad = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("a", Scope::customer_days(0), Measure::MaxCount(1), Action::Deny))
///     .limit(Limit::new("b", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(-500, Currency::EUR)), Action::Deny));
/// let Err(Error::Compensation(CompensationError::InvalidPolicy { problems, .. })) = bad.compile() else {
///     unreachable!("the policy is invalid")
/// };
/// assert_eq!(problems[1].to_string(), "limits[1].measure: negative amount -5.00 EUR");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    path: String,
    kind: ProblemKind,
}

impl Problem {
    /// A problem at a path.
    ///
    /// ```
    /// # use carekit::compensation::{Problem, ProblemKind};
    /// let p = Problem::new("levels", ProblemKind::NoLevels);
    /// assert_eq!(p.to_string(), "levels: a policy needs at least one authority level");
    /// ```
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Self {
        Self {
            path: path.into(),
            kind,
        }
    }
    /// The path in the document (`limits[3].measure`).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Error, Money};
    /// # use chrono::{TimeZone, Utc};
    /// // 0 days of window and a negative cap: two problems.
    /// let bad = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("a", Scope::customer_days(0), Measure::MaxCount(1), Action::Deny))
    ///     .limit(Limit::new("b", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(-500, Currency::EUR)), Action::Deny));
    /// let Err(Error::Compensation(CompensationError::InvalidPolicy { problems, .. })) = bad.compile() else {
    ///     unreachable!("the policy is invalid")
    /// };
    /// assert_eq!(problems[0].path(), "limits[0].scope.days");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }
    /// What is wrong.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Error, Money};
    /// # use chrono::{TimeZone, Utc};
    /// // 0 days of window and a negative cap: two problems.
    /// let bad = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("a", Scope::customer_days(0), Measure::MaxCount(1), Action::Deny))
    ///     .limit(Limit::new("b", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(-500, Currency::EUR)), Action::Deny));
    /// let Err(Error::Compensation(CompensationError::InvalidPolicy { problems, .. })) = bad.compile() else {
    ///     unreachable!("the policy is invalid")
    /// };
    /// assert!(matches!(problems[0].kind(), ProblemKind::EmptyWindow { span, .. } if span == "0 days"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// What is wrong with one part of a policy document.
///
/// Variants with fields are `#[non_exhaustive]`: they may gain fields
/// that name more of the context, so match with `..`.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::{Currency, Error, Money};
/// # use chrono::{TimeZone, Utc};
/// // 0 days of window and a negative cap: two problems.
/// let bad = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("a", Scope::customer_days(0), Measure::MaxCount(1), Action::Deny))
///     .limit(Limit::new("b", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(-500, Currency::EUR)), Action::Deny));
/// let Err(Error::Compensation(CompensationError::InvalidPolicy { problems, .. })) = bad.compile() else {
///     unreachable!("the policy is invalid")
/// };
/// assert_eq!(problems[0].kind().to_string(), "a rolling window of 0 days is empty");
/// assert!(matches!(problems[1].kind(), ProblemKind::NegativeAmount { value, .. } if value.is_negative()));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The version label is empty or blank.
    #[error("the version label must not be empty")]
    EmptyVersion,
    /// `effective_until` is not after `effective_from`.
    #[error(
        "effective_until {} is not after effective_from {}",
        until.to_rfc3339(),
        from.to_rfc3339()
    )]
    #[non_exhaustive]
    EffectiveRange {
        /// `effective_from`.
        from: DateTime<Utc>,
        /// `effective_until`.
        until: DateTime<Utc>,
    },
    /// No authority levels.
    #[error("a policy needs at least one authority level")]
    NoLevels,
    /// A level listed twice.
    #[error("level {:?} is listed twice", name.as_str())]
    #[non_exhaustive]
    DuplicateLevel {
        /// The level.
        name: Role,
    },
    /// A level name that is not one of the policy's levels.
    #[error("{:?} is not one of the authority levels ({})", name.as_str(), join_roles(levels))]
    #[non_exhaustive]
    UnknownLevel {
        /// The name.
        name: Role,
        /// The policy's levels, lowest first.
        levels: Vec<Role>,
    },
    /// Two limits with the same id.
    #[error("limit id {id:?} is used twice")]
    #[non_exhaustive]
    DuplicateLimitId {
        /// The id.
        id: String,
    },
    /// An empty limit id.
    #[error("a limit id must not be empty")]
    EmptyLimitId,
    /// A negative amount.
    #[error("negative amount {value}")]
    #[non_exhaustive]
    NegativeAmount {
        /// The amount.
        value: Money,
    },
    /// An amount in another currency than the policy's. (carekit cannot
    /// convert currencies, so a policy that mixes them cannot be evaluated:
    /// it is rejected rather than reported as a warning.)
    #[error("currency mismatch: expected {expected}, found {found}")]
    #[non_exhaustive]
    CurrencyMismatch {
        /// The policy currency.
        expected: Currency,
        /// The currency found.
        found: Currency,
    },
    /// A percentage outside `0..=100`.
    #[error("percentage {} is outside 0..=100", value.normalize())]
    #[non_exhaustive]
    PercentOutOfRange {
        /// The value.
        value: Decimal,
    },
    /// A percent-of-order measure on a customer or agent scope, where there
    /// is no single order to measure against.
    #[error("a percent-of-order measure applies per offer or per interaction, not {scope}")]
    #[non_exhaustive]
    PercentScope {
        /// The scope, in words (`"per customer over 90 days"`).
        scope: String,
    },
    /// A rolling window of zero days or months.
    #[error("a rolling window of {span} is empty")]
    #[non_exhaustive]
    EmptyWindow {
        /// The window's length, as written (`"0 days"`).
        span: String,
    },
    /// `escalate_to` on a limit whose action is not `escalate`.
    #[error("escalate_to is only meaningful with \"exceeded\": \"escalate\", not \"{action}\"")]
    #[non_exhaustive]
    EscalateToWithoutEscalate {
        /// The limit's action, by name (`"deny"`).
        action: &'static str,
    },
    /// More limits than the compiled index holds (65,535).
    #[error("{count} limits are too many: at most 65535")]
    #[non_exhaustive]
    TooManyLimits {
        /// The number of limits.
        count: usize,
    },
}

/// A static-analysis finding: the policy is valid but probably not what
/// its author meant.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::{Currency, Money};
/// # use chrono::{TimeZone, Utc};
/// // A limit for interns, who are not an authority level; no limit at all
/// // on anything but refunds.
/// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
///         .when(Filters::default().kinds([OfferKind::Refund]).roles([Role::new("agent")?, Role::new("intern")?])))
///     .compile()?;
/// let w = p.warnings();
/// assert!(w[0].to_string().starts_with("limits[0].when.roles[1]: role \"intern\" is not an authority level"));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    path: String,
    kind: WarningKind,
}

impl Warning {
    /// A warning at a path.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// // A limit for interns, who are not an authority level; no limit at all
    /// // on anything but refunds.
    /// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
    ///         .when(Filters::default().kinds([OfferKind::Refund]).roles([Role::new("agent")?, Role::new("intern")?])))
    ///     .compile()?;
    /// let w = p.warnings();
    /// // a finding of one's own analysis, beside the compiler's
    /// let mine = Warning::new("limits[0]", w[0].kind().clone());
    /// assert_eq!(mine.to_string(), w[0].to_string().replace(".when.roles[1]", ""));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(path: impl Into<String>, kind: WarningKind) -> Self {
        Self {
            path: path.into(),
            kind,
        }
    }
    /// The path in the document.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// // A limit for interns, who are not an authority level; no limit at all
    /// // on anything but refunds.
    /// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
    ///         .when(Filters::default().kinds([OfferKind::Refund]).roles([Role::new("agent")?, Role::new("intern")?])))
    ///     .compile()?;
    /// let w = p.warnings();
    /// assert_eq!(w[1].path(), "levels[0]"); // the agent level, unlimited on other kinds
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The finding.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// // A limit for interns, who are not an authority level; no limit at all
    /// // on anything but refunds.
    /// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
    ///         .when(Filters::default().kinds([OfferKind::Refund]).roles([Role::new("agent")?, Role::new("intern")?])))
    ///     .compile()?;
    /// let w = p.warnings();
    /// assert_eq!(w[1].kind().to_string(),
    ///     "role \"agent\" has no limit on credit, coupon, free_product, shipping, gift: unlimited authority");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> &WarningKind {
        &self.kind
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// A static-analysis finding.
///
/// Every variant is `#[non_exhaustive]`: it may gain fields that name
/// more of the context, so match with `..`.
///
/// ```
/// # use carekit::compensation::*;
/// # use carekit::{Currency, Money};
/// # use chrono::{TimeZone, Utc};
/// // A limit for interns, who are not an authority level; no limit at all
/// // on anything but refunds.
/// let p = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("x", Scope::Offer, Measure::MaxCount(1), Action::Deny)
///         .when(Filters::default().kinds([OfferKind::Refund]).roles([Role::new("agent")?, Role::new("intern")?])))
///     .compile()?;
/// let w = p.warnings();
/// assert!(matches!(w[0].kind(), WarningKind::RoleNotALevel { role, .. } if role.as_str() == "intern"));
/// assert!(matches!(w[1].kind(), WarningKind::UnlimitedAuthority { kinds, .. } if kinds.len() == 5));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WarningKind {
    /// A role filter names a role that is not an authority level (requests
    /// from roles outside the levels are always denied, so the entry never
    /// matters).
    #[error(
        "role {:?} is not an authority level: this filter entry never matches an authorised request",
        role.as_str()
    )]
    #[non_exhaustive]
    RoleNotALevel {
        /// The role.
        role: Role,
    },
    /// The limit's filters can never all match.
    #[error("the limit can never apply: {why}")]
    #[non_exhaustive]
    NeverApplies {
        /// Why.
        why: &'static str,
    },
    /// An escalation threshold at or above a deny cap that always applies
    /// with it: amounts that would escalate are denied first.
    #[error(
        "escalates above {threshold} but {deny} denies above {cap}: the escalation can never fire"
    )]
    #[non_exhaustive]
    EscalationAboveDeny {
        /// The escalation threshold.
        threshold: Money,
        /// Path of the deny limit.
        deny: String,
        /// Its cap.
        cap: Money,
    },
    /// A role with no limit at all on some offer kinds.
    #[error("role {:?} has no limit on {}: unlimited authority", role.as_str(), kinds.join(", "))]
    #[non_exhaustive]
    UnlimitedAuthority {
        /// The role.
        role: Role,
        /// The unlimited kinds.
        kinds: Vec<&'static str>,
    },
}
