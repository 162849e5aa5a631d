use std::fmt;

use rust_decimal::Decimal;

use super::offer::OfferKind;
use crate::calendar::Span;
use crate::{Currency, Money};

/// Why a compensation policy, request or history is invalid.
///
/// ```
/// use carekit::compensation::CompensationError;
/// let e = CompensationError::NoPolicyInForce { at: "2024-01-01T00:00:00Z".into() };
/// assert_eq!(e.to_string(), "no policy version is in force at 2024-01-01T00:00:00Z");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CompensationError {
    /// A policy set has no version in force at the request instant.
    #[error("no policy version is in force at {at}")]
    NoPolicyInForce {
        /// The request instant (RFC 3339).
        at: String,
    },
    /// A policy document failed validation; every problem is listed.
    #[error("policy {version:?} is invalid: {}", join(problems))]
    InvalidPolicy {
        /// The policy's version label.
        version: String,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// Two versions of a policy set are in force at the same instant.
    #[error("policy versions {first:?} and {second:?} overlap: both are in force at {at}")]
    OverlappingVersions {
        /// The earlier version.
        first: String,
        /// The later version.
        second: String,
        /// An instant at which both are in force (RFC 3339).
        at: String,
    },
    /// A percentage outside `0..=100`.
    #[error("percentage {} is outside 0..=100", value.normalize())]
    PercentOutOfRange {
        /// The rejected value.
        value: Decimal,
    },
    /// A negative amount where only amounts ≥ 0 make sense.
    #[error("{path}: expected a non-negative amount, found {value}")]
    NegativeAmount {
        /// Where (`request.offer.value`, `history[3].value`).
        path: String,
        /// The amount.
        value: Money,
    },
    /// An amount in another currency than expected.
    #[error("{path}: currency mismatch: expected {expected}, found {found}")]
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
    MissingOrderValue {
        /// Where.
        path: String,
    },
    /// An offer kind name that does not exist.
    #[error(
        "offer kind {value:?} is unknown: expected one of refund, credit, coupon, free_product, shipping, gift"
    )]
    UnknownOfferKind {
        /// The rejected name.
        value: String,
    },
    /// An offer with neither or both of `value` and `percent_of_order`, or
    /// a percent value on another kind than a coupon.
    #[error(
        "offer of kind {kind}: expected exactly one of value or percent_of_order (percent only for coupons)"
    )]
    OfferValueShape {
        /// The offer's kind.
        kind: OfferKind,
    },
    /// A grant of the history is later than the request it should precede.
    #[error("history[{index}].at {at} is after the request instant {request_at}")]
    GrantAfterRequest {
        /// The grant's position in the caller's history.
        index: usize,
        /// The grant's instant (RFC 3339).
        at: String,
        /// The request's instant (RFC 3339).
        request_at: String,
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
    HistoryTooLarge {
        /// The number of grants.
        len: usize,
    },
    /// A what-if report over two policies in different currencies.
    #[error("what-if: {rule}")]
    WhatIf {
        /// The rule broken.
        rule: &'static str,
    },
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
/// use carekit::compensation::{Problem, ProblemKind};
/// use carekit::{Currency, Money};
/// let p = Problem::new("limits[3].measure", ProblemKind::NegativeAmount {
///     value: Money::from_minor_units(-500, Currency::EUR),
/// });
/// assert_eq!(p.to_string(), "limits[3].measure: negative amount -5.00 EUR");
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
    /// # use carekit::compensation::{Problem, ProblemKind};
    /// # use carekit::calendar::Span;
    /// let p = Problem::new("limits[2].scope.days", ProblemKind::EmptyWindow { span: Span::Days(0) });
    /// assert_eq!(p.path(), "limits[2].scope.days");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }
    /// What is wrong.
    ///
    /// ```
    /// # use carekit::compensation::{Problem, ProblemKind};
    /// let p = Problem::new("limits[0].id", ProblemKind::DuplicateLimitId { id: "cap".into() });
    /// assert!(matches!(p.kind(), ProblemKind::DuplicateLimitId { id } if id == "cap"));
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
/// ```
/// use carekit::compensation::ProblemKind;
/// use carekit::calendar::Span;
/// assert_eq!(ProblemKind::EmptyWindow { span: Span::Days(0) }.to_string(), "a rolling window of 0 days is empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The version label is empty or blank.
    #[error("the version label must not be empty")]
    EmptyVersion,
    /// `effective_until` is not after `effective_from`.
    #[error("effective_until {until} is not after effective_from {from}")]
    EffectiveRange {
        /// `effective_from` (RFC 3339).
        from: String,
        /// `effective_until` (RFC 3339).
        until: String,
    },
    /// No authority levels.
    #[error("a policy needs at least one authority level")]
    NoLevels,
    /// A level listed twice.
    #[error("level {name:?} is listed twice")]
    DuplicateLevel {
        /// The level.
        name: String,
    },
    /// A level name that is not one of the policy's levels.
    #[error("{name:?} is not one of the authority levels ({levels})")]
    UnknownLevel {
        /// The name.
        name: String,
        /// The levels, comma-separated.
        levels: String,
    },
    /// Two limits with the same id.
    #[error("limit id {id:?} is used twice")]
    DuplicateLimitId {
        /// The id.
        id: String,
    },
    /// An empty limit id.
    #[error("a limit id must not be empty")]
    EmptyLimitId,
    /// A negative amount.
    #[error("negative amount {value}")]
    NegativeAmount {
        /// The amount.
        value: Money,
    },
    /// An amount in another currency than the policy's. (carekit cannot
    /// convert currencies, so a policy that mixes them cannot be evaluated:
    /// it is rejected rather than reported as a warning.)
    #[error("currency mismatch: expected {expected}, found {found}")]
    CurrencyMismatch {
        /// The policy currency.
        expected: Currency,
        /// The currency found.
        found: Currency,
    },
    /// A percentage outside `0..=100`.
    #[error("percentage {} is outside 0..=100", value.normalize())]
    PercentOutOfRange {
        /// The value.
        value: Decimal,
    },
    /// A percent-of-order measure on a customer or agent scope, where there
    /// is no single order to measure against.
    #[error("a percent-of-order measure applies per offer or per interaction, not {scope}")]
    PercentScope {
        /// The scope, in words.
        scope: String,
    },
    /// A rolling window of zero days or months.
    #[error("a rolling window of {span} is empty")]
    EmptyWindow {
        /// The window's length.
        span: Span,
    },
    /// `escalate_to` on a limit whose action is not `escalate`.
    #[error("escalate_to is only meaningful with \"exceeded\": \"escalate\", not {action:?}")]
    EscalateToWithoutEscalate {
        /// The limit's action.
        action: String,
    },
    /// More limits than the compiled index holds (65,535).
    #[error("{count} limits are too many: at most 65535")]
    TooManyLimits {
        /// The number of limits.
        count: usize,
    },
}

/// A static-analysis finding: the policy is valid but probably not what
/// its author meant.
///
/// ```
/// use carekit::compensation::{Warning, WarningKind};
/// let w = Warning::new("limits[2].when.roles[0]", WarningKind::RoleNotALevel { role: "intern".into() });
/// assert!(w.to_string().starts_with("limits[2].when.roles[0]: role \"intern\""));
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
    /// # use carekit::compensation::{Warning, WarningKind};
    /// let w = Warning::new("limits[0]", WarningKind::NeverApplies { why: "its roles filter is empty" });
    /// assert_eq!(w.to_string(), "limits[0]: the limit can never apply: its roles filter is empty");
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
    /// # use carekit::compensation::{Warning, WarningKind};
    /// let w = Warning::new("levels[1]", WarningKind::RoleNotALevel { role: "intern".into() });
    /// assert_eq!(w.path(), "levels[1]");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The finding.
    ///
    /// ```
    /// # use carekit::compensation::{OfferKind, Warning, WarningKind};
    /// let w = Warning::new("levels[0]", WarningKind::UnlimitedAuthority {
    ///     role: "agent".into(), kinds: vec![OfferKind::Gift] });
    /// assert_eq!(w.kind().to_string(), "role \"agent\" has no limit on gift: unlimited authority");
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
/// ```
/// use carekit::compensation::WarningKind;
/// let w = WarningKind::NeverApplies { why: "its kinds filter is empty" };
/// assert_eq!(w.to_string(), "the limit can never apply: its kinds filter is empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WarningKind {
    /// A role filter names a role that is not an authority level (requests
    /// from roles outside the levels are always denied, so the entry never
    /// matters).
    #[error(
        "role {role:?} is not an authority level: this filter entry never matches an authorised request"
    )]
    RoleNotALevel {
        /// The role.
        role: String,
    },
    /// The limit's filters can never all match.
    #[error("the limit can never apply: {why}")]
    NeverApplies {
        /// Why.
        why: &'static str,
    },
    /// An escalation threshold at or above a deny cap that always applies
    /// with it: amounts that would escalate are denied first.
    #[error(
        "escalates above {threshold} but {deny} denies above {cap}: the escalation can never fire"
    )]
    EscalationAboveDeny {
        /// The escalation threshold.
        threshold: Money,
        /// Path of the deny limit.
        deny: String,
        /// Its cap.
        cap: Money,
    },
    /// A role with no limit at all on some offer kinds.
    #[error("role {role:?} has no limit on {}: unlimited authority", kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(", "))]
    UnlimitedAuthority {
        /// The role.
        role: String,
        /// The unlimited kinds.
        kinds: Vec<OfferKind>,
    },
}
