use chrono::{DateTime, TimeDelta, Utc};

/// Why a business calendar is invalid or cannot answer.
///
/// ```
/// use carekit::calendar::CalendarError;
/// use chrono::DateTime;
/// let e = CalendarError::EndBeforeStart {
///     from: DateTime::from_timestamp(100, 0).unwrap(),
///     to: DateTime::from_timestamp(40, 0).unwrap(),
/// };
/// assert_eq!(e.to_string(), "end 1970-01-01T00:00:40Z is before start 1970-01-01T00:01:40Z");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A span whose end precedes its start.
    #[error("end {} is before start {}", .to.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true), .from.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))]
    EndBeforeStart {
        /// The start.
        from: DateTime<Utc>,
        /// The end.
        to: DateTime<Utc>,
    },
    /// A negative duration where only forward time makes sense.
    #[error("duration {duration} is negative")]
    NegativeDuration {
        /// The rejected duration.
        duration: TimeDelta,
    },
    /// A result beyond the instants chrono can represent.
    #[error("{duration} after {} is beyond the representable range of instants", .start.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))]
    OutOfRange {
        /// The start.
        start: DateTime<Utc>,
        /// The duration added.
        duration: TimeDelta,
    },
}
