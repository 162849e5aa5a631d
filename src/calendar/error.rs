use chrono::{DateTime, Utc};

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
}
