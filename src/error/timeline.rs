//! [`TimelineError`]: why an interaction's timeline was rejected.

use super::rfc3339;
use chrono::{DateTime, Utc};

/// Why a timeline was rejected. `index` is the event's position (from 0) in
/// the list given.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId};
/// use chrono::{TimeZone, Utc};
///
/// let created = Utc.with_ymd_and_hms(2024, 3, 4, 9, 0, 0).unwrap();
/// let err = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, created)
///     .customer_message(Utc.with_ymd_and_hms(2024, 3, 4, 8, 59, 0).unwrap())
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "timeline event 0 at 2024-03-04T08:59:00Z is before the interaction was created at 2024-03-04T09:00:00Z"
/// );
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimelineError {
    /// An event before the interaction's creation.
    #[error("timeline event {index} at {} is before the interaction was created at {}", rfc3339(*.at), rfc3339(*.created_at))]
    BeforeCreation {
        /// Position of the event.
        index: usize,
        /// Its instant.
        at: DateTime<Utc>,
        /// The creation instant.
        created_at: DateTime<Utc>,
    },
    /// An event earlier than the one before it.
    #[error("timeline event {index} at {} is before the previous event at {}", rfc3339(*.at), rfc3339(*.previous))]
    OutOfOrder {
        /// Position of the event.
        index: usize,
        /// Its instant.
        at: DateTime<Utc>,
        /// The previous event's instant.
        previous: DateTime<Utc>,
    },
    /// An event after the interaction was closed.
    #[error("timeline event {index} at {} follows the close at {}: closed is final", rfc3339(*.at), rfc3339(*.closed_at))]
    AfterClosed {
        /// Position of the event.
        index: usize,
        /// Its instant.
        at: DateTime<Utc>,
        /// When the interaction was closed.
        closed_at: DateTime<Utc>,
    },
    /// A status change that is not allowed.
    #[error(
        "timeline event {index} changes status from {from} to {to}, which is not allowed: {rule}"
    )]
    InvalidTransition {
        /// Position of the event.
        index: usize,
        /// The status before (its `snake_case` name, as
        /// [`Status::name`](crate::interaction::Status::name) gives it).
        from: &'static str,
        /// The status asked for (its name).
        to: &'static str,
        /// The rule.
        rule: &'static str,
    },
}
