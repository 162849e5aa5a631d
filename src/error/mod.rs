//! The crate's error type.
//!
//! # Why this shape
//!
//! carekit has one public error type, [`Error`], so that every fallible
//! function composes with `?` into `Result<T, carekit::Error>`. Errors that
//! belong to one concept live in that concept's module as a small, precise
//! enum ([`MoneyError`](crate::money::MoneyError),
//! [`TimelineError`](crate::interaction::TimelineError),
//! [`StatsError`](crate::stats::StatsError), ...) and [`Error`] unifies them,
//! so a caller can match as coarsely or as finely as it needs.
//!
//! Every error:
//!
//! - is `Clone + PartialEq + Send + Sync + 'static`, so it can be stored,
//!   compared in tests and sent across threads;
//! - carries the offending value and the rule it broke as data, never as a
//!   pre-formatted `String` catch-all;
//! - displays as a lowercase message without a trailing period that quotes
//!   the value, e.g. `csat rating 6 is outside the scale 1..=5`, so it reads
//!   well when wrapped by `anyhow` or logged.
//!
//! Both enums are `#[non_exhaustive]`: new rules bring new variants without a
//! breaking release.

mod calendar;
mod compensation;
mod loyalty;
mod metrics;
mod sla;
mod stats;
mod timeline;

pub use calendar::CalendarError;
pub use compensation::{CompensationError, Problem, ProblemKind, Warning, WarningKind};
pub use loyalty::LoyaltyError;
pub use metrics::MetricsError;
pub use sla::SlaError;
pub use stats::StatsError;
pub use timeline::TimelineError;

use chrono::{DateTime, Utc};

use crate::scale::RatingScale;

/// An instant as messages quote it: RFC 3339 in UTC, fractions only when
/// present.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Any error carekit returns.
///
/// # Example
///
/// ```
/// use carekit::{Error, NpsScore};
///
/// let err = NpsScore::new(11).unwrap_err();
/// assert!(matches!(err, Error::RatingOutOfScale { .. }));
/// assert_eq!(err.to_string(), "nps score 11 is outside the scale 0..=10");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier was empty, blank, or contained a control character.
    #[error("{kind} {value:?} is not a valid identifier: {rule}")]
    InvalidId {
        /// Which identifier (`"customer id"`, `"agent id"`, ...).
        kind: &'static str,
        /// The rejected text.
        value: String,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A text field (segment, language tag, comment) broke its rule.
    #[error("{field} {value:?} is invalid: {rule}")]
    InvalidText {
        /// Which field.
        field: &'static str,
        /// The rejected text.
        value: String,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A rating or score fell outside its scale.
    #[error("{field} {value} is outside the scale {scale}")]
    RatingOutOfScale {
        /// Which rating (`"nps score"`, `"csat rating"`, `"ces rating"`).
        field: &'static str,
        /// The rejected value.
        value: i64,
        /// The scale it had to lie on.
        scale: RatingScale,
    },
    /// A rating scale whose minimum is not below its maximum.
    #[error("{field} scale {min}..={max} is invalid: the minimum must be below the maximum")]
    InvalidScale {
        /// Which scale.
        field: &'static str,
        /// The given minimum.
        min: i64,
        /// The given maximum.
        max: i64,
    },
    /// A response weight that is not finite and positive.
    #[error("weight {value} is invalid: a weight must be finite and greater than 0")]
    InvalidWeight {
        /// The rejected weight.
        value: f64,
    },
    /// Two instants in the wrong order (e.g. churned before becoming a
    /// customer).
    #[error("{field} {} is before {other_field} {}", rfc3339(*.value), rfc3339(*.other))]
    InstantOrder {
        /// The field that is too early.
        field: &'static str,
        /// Its value.
        value: DateTime<Utc>,
        /// The field it must not precede.
        other_field: &'static str,
        /// That field's value.
        other: DateTime<Utc>,
    },
    /// A key given twice in a map of a serialised form (a JSON object
    /// such as `tier_multipliers`); without the check the last value would
    /// silently win.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let err = serde_json::from_str::<carekit::sla::SlaAttainment>(
    ///     r#"{"first_reply": {"achieved": 1, "breached": 0}, "first_reply": {"achieved": 2, "breached": 0}}"#,
    /// ).unwrap_err();
    /// assert!(err.to_string().starts_with("attainment: key \"first_reply\" is given twice"));
    /// # }
    /// ```
    #[error("{map}: key {key:?} is given twice")]
    DuplicateKey {
        /// Which map (the field name in the serialised form).
        map: &'static str,
        /// The repeated key.
        key: String,
    },
    /// Money arithmetic, currency or rounding failed.
    #[error(transparent)]
    Money(#[from] crate::money::MoneyError),
    /// An interaction's timeline broke a rule.
    #[error(transparent)]
    Timeline(#[from] TimelineError),
    /// A statistic could not be computed from its inputs.
    #[error(transparent)]
    Stats(#[from] StatsError),
    /// A metric accumulator rejected its input or a merge.
    #[error(transparent)]
    Metrics(#[from] MetricsError),
    /// A business calendar is invalid or cannot answer.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// An SLA book is invalid or cannot be applied.
    #[error(transparent)]
    Sla(#[from] SlaError),
    /// A loyalty programme, event or evaluation is invalid.
    #[error(transparent)]
    Loyalty(#[from] LoyaltyError),
    /// A compensation policy, request or history is invalid.
    #[error(transparent)]
    Compensation(#[from] CompensationError),
}

impl From<crate::id::IdError> for Error {
    fn from(e: crate::id::IdError) -> Self {
        let (kind, value, rule) = e.into_parts();
        Error::InvalidId { kind, value, rule }
    }
}

impl From<crate::scale::ScaleError> for Error {
    fn from(e: crate::scale::ScaleError) -> Self {
        Error::InvalidScale {
            field: "rating",
            min: i64::from(e.min()),
            max: i64::from(e.max()),
        }
    }
}
