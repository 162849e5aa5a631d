use super::rfc3339;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// Why an SLA book is invalid or cannot be applied.
///
/// Book errors name the path of the offending field in the book's JSON
/// form (`policies[2].targets[0].within`), the value and the rule.
///
/// ```
/// use carekit::sla::SlaError;
/// let e = SlaError::EmptyBook;
/// assert_eq!(e.to_string(), "policies: an sla book needs at least one policy");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SlaError {
    /// A book without policies.
    #[error("policies: an sla book needs at least one policy")]
    EmptyBook,
    /// A policy without targets.
    #[error("{path}: a policy needs at least one target")]
    NoTargets {
        /// Path of the targets list (`policies[1].targets`).
        path: String,
    },
    /// A policy name that is empty, blank or holds control characters.
    #[error(
        "{path}: policy name {name:?} is invalid: expected non-blank text without control characters"
    )]
    InvalidPolicyName {
        /// Path of the name (`policies[1].name`).
        path: String,
        /// The rejected name.
        name: String,
    },
    /// Two policies with one name.
    #[error(
        "{path}: policy name {name:?} is already used by policies[{first}]: names must be unique"
    )]
    DuplicatePolicyName {
        /// Path of the second use (`policies[2].name`).
        path: String,
        /// The name.
        name: String,
        /// Index of the first policy with that name.
        first: usize,
    },
    /// A target kind that appears twice in one policy.
    #[error(
        "{path}: target kind {kind} appears more than once in the policy: each kind may have one target"
    )]
    DuplicateTargetKind {
        /// Path of the second occurrence (`policies[0].targets[3].kind`).
        path: String,
        /// The repeated kind.
        kind: &'static str,
    },
    /// A target duration that is not a whole number of seconds from 1 to
    /// [`MAX_TARGET_SECONDS`](crate::sla::MAX_TARGET_SECONDS).
    #[error(
        "{path}: {value} is not a valid target duration: expected a whole number of seconds from 1 to 3162240000 (100 years)"
    )]
    InvalidDuration {
        /// Path of the duration (`policies[0].targets[1].within`).
        path: String,
        /// The rejected duration, in seconds.
        value: String,
    },
    /// A tier's SLA target multiplier scaled a target out of range: below
    /// 1 s or above [`MAX_TARGET_SECONDS`](crate::sla::MAX_TARGET_SECONDS).
    #[error(
        "policy {policy:?}, target {kind}: {seconds}s × {} rounds to {}: a scaled target must be at least 1s and at most 3162240000s",
        multiplier.normalize(),
        scaled.map_or_else(|| "a number too large".to_owned(), |s| format!("{}s", s.normalize()))
    )]
    ScaledTargetOutOfRange {
        /// The policy's name.
        policy: Box<str>,
        /// The target.
        kind: &'static str,
        /// The book's duration, in seconds.
        seconds: i64,
        /// The multiplier.
        multiplier: Decimal,
        /// The scaled value in seconds, rounded; `None` when the product
        /// overflows the decimal range.
        scaled: Option<Decimal>,
    },
    /// Evaluation asked for an instant before the interaction existed.
    #[error("evaluation instant {} is before the interaction was created at {}", rfc3339(*.at), rfc3339(*.created_at))]
    BeforeCreation {
        /// The evaluation instant.
        at: DateTime<Utc>,
        /// The creation instant.
        created_at: DateTime<Utc>,
    },
    /// A time sum did not fit a duration.
    #[error("{what} overflows the duration range")]
    Overflow {
        /// What was being summed.
        what: &'static str,
    },
}
