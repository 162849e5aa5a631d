//! Interactions: support cases, tickets and conversations, with a validated
//! timeline.
//!
//! An [`Interaction`] is created at an instant (in status [`Status::New`])
//! and carries a chronological list of [`Event`]s: customer messages, agent
//! replies (public or internal notes), status changes, transfers and
//! escalations. The timeline is validated when the interaction is built:
//!
//! - no event before the creation instant;
//! - events in chronological order (equal instants keep their given order);
//! - nothing after a change to [`Status::Closed`] (closed is final);
//! - no change back to [`Status::New`] (new means "never touched").
//!
//! A status change to the status the interaction already has is accepted
//! and changes nothing: helpdesk exports repeat them, and rejecting them
//! would make real data unusable without adding safety.
//!
//! From a valid timeline the interaction derives the facts that metrics are
//! built on: the first public agent reply, first and last solve, the number
//! of reopens and of public agent replies, and the time spent in each status
//! ([`Interaction::status_periods`]), which the service clocks in
//! [`metrics`](crate::metrics) measure in calendar or business time.
//!
//! A *solve* is a change into `Solved`, or into `Closed` from a status other
//! than `Solved` (closing an unsolved case also ends it). A *reopen* is a
//! change from `Solved` back to `New`, `Open`, `Pending` or `On-hold`.
//!
//! # Example
//!
//! ```
//! use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
//! use chrono::{TimeZone, Utc};
//!
//! let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
//! let ana = AgentId::new("ana")?;
//! let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
//!     .status(t(9, 5), Status::Open)
//!     .agent_reply(t(9, 30), ana.clone(), Visibility::Public)
//!     .status(t(9, 31), Status::Solved)
//!     .customer_message(t(10, 0))
//!     .status(t(10, 0), Status::Open)
//!     .agent_reply(t(10, 20), ana, Visibility::Public)
//!     .status(t(10, 21), Status::Solved)
//!     .build()?;
//!
//! assert_eq!(case.first_public_agent_reply(), Some(t(9, 30)));
//! assert_eq!(case.first_solve(), Some(t(9, 31)));
//! assert_eq!(case.last_solve(), Some(t(10, 21)));
//! assert_eq!(case.reopen_count(), 1);
//! assert_eq!(case.public_agent_reply_count(), 2);
//! assert_eq!(case.status(), Status::Solved);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! With the `serde` feature an interaction reads and writes as
//!
//! ```json
//! {"id": "T-1", "customer": "c-1", "channel": "email", "priority": "high",
//!  "direction": "inbound", "created_at": "2024-03-04T09:00:00Z",
//!  "events": [
//!    {"type": "status_change", "at": "2024-03-04T09:05:00Z", "to": "open"},
//!    {"type": "agent_reply", "at": "2024-03-04T09:30:00Z", "agent": "ana", "visibility": "public"},
//!    {"type": "customer_message", "at": "2024-03-04T09:40:00Z"},
//!    {"type": "transfer", "at": "2024-03-04T09:45:00Z", "to": "bo"},
//!    {"type": "escalation", "at": "2024-03-04T09:50:00Z"}
//!  ]}
//! ```
//!
//! `priority` (default `normal`), `direction` (default `inbound`), `events`
//! (default empty) and an agent reply's `visibility` (default `public`) may
//! be omitted; unknown fields are rejected and the timeline is validated.

mod kinds;

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};

use crate::{AgentId, CustomerId, Error, InteractionId};

pub use kinds::{Channel, Direction, Priority, Status, Visibility};

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
        /// The status before.
        from: Status,
        /// The status asked for.
        to: Status,
        /// The rule.
        rule: &'static str,
    },
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// What happened at an [`Event`].
///
/// ```
/// use carekit::{AgentId, EventKind, Visibility};
/// let k = EventKind::AgentReply { agent: AgentId::new("ana")?, visibility: Visibility::Public };
/// assert!(k.is_public_agent_reply());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventKind {
    /// The customer wrote, called or otherwise contacted the business.
    CustomerMessage,
    /// An agent replied publicly or left an internal note.
    AgentReply {
        /// Who replied.
        agent: AgentId,
        /// Public reply or internal note.
        visibility: Visibility,
    },
    /// The status changed.
    StatusChange {
        /// The new status.
        to: Status,
    },
    /// The interaction was handed to another agent.
    Transfer {
        /// The receiving agent.
        to: AgentId,
    },
    /// The interaction was escalated (to a specialist, a supervisor, a
    /// higher support tier).
    Escalation,
}

impl EventKind {
    /// Whether this is an agent reply the customer sees.
    ///
    /// ```
    /// use carekit::EventKind;
    /// assert!(!EventKind::CustomerMessage.is_public_agent_reply());
    /// ```
    pub fn is_public_agent_reply(&self) -> bool {
        matches!(
            self,
            Self::AgentReply {
                visibility: Visibility::Public,
                ..
            }
        )
    }
}

/// One entry of an interaction's timeline.
///
/// ```
/// use carekit::{Event, EventKind};
/// use chrono::DateTime;
/// let e = Event::new(DateTime::from_timestamp(0, 0).unwrap(), EventKind::Escalation);
/// assert_eq!(e.kind(), &EventKind::Escalation);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawEvent", into = "RawEvent"))]
pub struct Event {
    at: DateTime<Utc>,
    kind: EventKind,
}

impl Event {
    /// An event at an instant. Order is checked when the interaction is
    /// built.
    ///
    /// ```
    /// use carekit::{Event, EventKind, Status};
    /// let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let e = Event::new(at, EventKind::StatusChange { to: Status::Open });
    /// assert_eq!(e.at(), at);
    /// ```
    pub fn new(at: DateTime<Utc>, kind: EventKind) -> Self {
        Self { at, kind }
    }

    /// When it happened.
    ///
    /// ```
    /// use carekit::{Event, EventKind};
    /// let at = chrono::DateTime::from_timestamp(60, 0).unwrap();
    /// assert_eq!(Event::new(at, EventKind::CustomerMessage).at(), at);
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// What happened.
    ///
    /// ```
    /// use carekit::{Event, EventKind};
    /// let at = chrono::DateTime::from_timestamp(60, 0).unwrap();
    /// assert_eq!(Event::new(at, EventKind::Escalation).kind(), &EventKind::Escalation);
    /// ```
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum RawEvent {
    CustomerMessage {
        at: DateTime<Utc>,
    },
    AgentReply {
        at: DateTime<Utc>,
        agent: AgentId,
        #[serde(default)]
        visibility: Visibility,
    },
    StatusChange {
        at: DateTime<Utc>,
        to: Status,
    },
    Transfer {
        at: DateTime<Utc>,
        to: AgentId,
    },
    Escalation {
        at: DateTime<Utc>,
    },
}

#[cfg(feature = "serde")]
impl TryFrom<RawEvent> for Event {
    type Error = Error;
    fn try_from(raw: RawEvent) -> Result<Self, Error> {
        Ok(match raw {
            RawEvent::CustomerMessage { at } => Event::new(at, EventKind::CustomerMessage),
            RawEvent::AgentReply {
                at,
                agent,
                visibility,
            } => Event::new(at, EventKind::AgentReply { agent, visibility }),
            RawEvent::StatusChange { at, to } => Event::new(at, EventKind::StatusChange { to }),
            RawEvent::Transfer { at, to } => Event::new(at, EventKind::Transfer { to }),
            RawEvent::Escalation { at } => Event::new(at, EventKind::Escalation),
        })
    }
}

#[cfg(feature = "serde")]
impl From<Event> for RawEvent {
    fn from(e: Event) -> Self {
        let at = e.at;
        match e.kind {
            EventKind::CustomerMessage => RawEvent::CustomerMessage { at },
            EventKind::AgentReply { agent, visibility } => RawEvent::AgentReply {
                at,
                agent,
                visibility,
            },
            EventKind::StatusChange { to } => RawEvent::StatusChange { at, to },
            EventKind::Transfer { to } => RawEvent::Transfer { at, to },
            EventKind::Escalation => RawEvent::Escalation { at },
        }
    }
}

/// A stretch of time an interaction spent in one status: `[start, end)`.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// let t = |h| Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap();
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
///     .status(t(10), Status::Pending)
///     .build()?;
/// let periods: Vec<_> = case.status_periods(t(12)).collect();
/// assert_eq!(periods.len(), 2);
/// assert_eq!(periods[0].status(), Status::New);
/// assert_eq!(periods[1].duration(), TimeDelta::hours(2));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusPeriod {
    status: Status,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl StatusPeriod {
    /// The status held.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    ///     .status(t(9, 30), Status::Pending)
    ///     .build()?;
    /// let periods: Vec<_> = case.status_periods(t(10, 0)).collect();
    /// assert_eq!(periods[1].status(), Status::Pending);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status(&self) -> Status {
        self.status
    }

    /// When it began.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    ///     .status(t(9, 30), Status::Pending)
    ///     .build()?;
    /// let periods: Vec<_> = case.status_periods(t(10, 0)).collect();
    /// assert_eq!(periods[1].start(), t(9, 30));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// When it ended (exclusive).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    ///     .status(t(9, 30), Status::Pending)
    ///     .build()?;
    /// let periods: Vec<_> = case.status_periods(t(10, 0)).collect();
    /// assert_eq!(periods[1].end(), t(10, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// `end − start` in calendar (elapsed) time.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    ///     .status(t(9, 30), Status::Pending)
    ///     .build()?;
    /// let periods: Vec<_> = case.status_periods(t(10, 0)).collect();
    /// assert_eq!(periods[0].duration(), chrono::TimeDelta::minutes(30));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn duration(&self) -> TimeDelta {
        self.end.signed_duration_since(self.start)
    }
}

/// Calendar time an interaction spent in each status up to an instant.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// let t = |h| Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap();
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
///     .status(t(10), Status::Open)
///     .status(t(13), Status::OnHold)
///     .status(t(14), Status::Solved)
///     .build()?;
/// let d = case.time_in_status(t(15));
/// assert_eq!(d.get(Status::New), TimeDelta::hours(1));
/// assert_eq!(d.get(Status::Open), TimeDelta::hours(3));
/// assert_eq!(d.get(Status::OnHold), TimeDelta::hours(1));
/// assert_eq!(d.get(Status::Solved), TimeDelta::hours(1));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StatusDurations {
    by_status: [TimeDelta; 6],
}

fn status_slot(s: Status) -> usize {
    match s {
        Status::New => 0,
        Status::Open => 1,
        Status::Pending => 2,
        Status::OnHold => 3,
        Status::Solved => 4,
        Status::Closed => 5,
    }
}

impl StatusDurations {
    /// Time spent in `status`.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9, 0)).build()?;
    /// assert_eq!(case.time_in_status(t(9, 45)).get(Status::New), chrono::TimeDelta::minutes(45));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(&self, status: Status) -> TimeDelta {
        self.by_status
            .get(status_slot(status))
            .copied()
            .unwrap_or_default()
    }
}

/// A support case, ticket or conversation with a validated timeline.
///
/// Build with [`Interaction::builder`]; see the [module docs](self) for the
/// rules, derived facts and JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawInteraction", into = "RawInteraction")
)]
///
/// ```
/// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
/// # use chrono::{TimeZone, Utc};
/// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// # let ana = AgentId::new("ana")?;
/// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
///     .priority(Priority::High)
///     .customer_message(t(9, 0))
///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
///     .status(t(9, 6), Status::Solved)
///     .customer_message(t(9, 30))
///     .status(t(9, 30), Status::Open)
///     .escalation(t(9, 31))
///     .transfer(t(9, 32), AgentId::new("bo")?)
///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
///     .status(t(9, 41), Status::Solved)
///     .status(t(10, 0), Status::Closed)
///     .build()?;
/// assert_eq!(case.to_string(), "T-7 (chat, high, closed)");
/// # Ok::<(), carekit::Error>(())
/// ```
pub struct Interaction {
    id: InteractionId,
    customer: CustomerId,
    channel: Channel,
    priority: Priority,
    direction: Direction,
    created_at: DateTime<Utc>,
    events: Vec<Event>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInteraction {
    id: InteractionId,
    customer: CustomerId,
    channel: Channel,
    #[serde(default)]
    priority: Priority,
    #[serde(default)]
    direction: Direction,
    created_at: DateTime<Utc>,
    #[serde(default)]
    events: Vec<Event>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawInteraction> for Interaction {
    type Error = Error;
    fn try_from(raw: RawInteraction) -> Result<Self, Error> {
        let mut b = Interaction::builder(raw.id, raw.customer, raw.channel, raw.created_at)
            .priority(raw.priority)
            .direction(raw.direction);
        b.events = raw.events;
        b.build()
    }
}

#[cfg(feature = "serde")]
impl From<Interaction> for RawInteraction {
    fn from(i: Interaction) -> Self {
        Self {
            id: i.id,
            customer: i.customer,
            channel: i.channel,
            priority: i.priority,
            direction: i.direction,
            created_at: i.created_at,
            events: i.events,
        }
    }
}

impl Interaction {
    /// Starts an interaction created at `created_at` on `channel`, with
    /// priority `Normal` and direction `Inbound` unless set.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// assert_eq!(case.priority(), Priority::Normal);
    /// assert_eq!(case.direction(), Direction::Inbound);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn builder(
        id: InteractionId,
        customer: CustomerId,
        channel: Channel,
        created_at: DateTime<Utc>,
    ) -> InteractionBuilder {
        InteractionBuilder {
            id,
            customer,
            channel,
            priority: Priority::default(),
            direction: Direction::default(),
            created_at,
            events: Vec::new(),
        }
    }

    /// The interaction's id.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.id().as_str(), "T-7");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &InteractionId {
        &self.id
    }

    /// The customer it is about.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.customer().as_str(), "c-1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }

    /// The channel.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.channel(), Channel::Chat);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The priority.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.priority(), Priority::High);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// Inbound or outbound.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.direction(), Direction::Inbound);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// When it was created.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.created_at(), t(9, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// The validated timeline, in order.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.events().len(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Status changes as `(instant, from, to)`, skipping no-op changes.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Open)
    ///     .status(t(11), Status::Open)
    ///     .build()?;
    /// let changes: Vec<_> = case.transitions().collect();
    /// assert_eq!(changes, vec![(t(10), Status::New, Status::Open)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn transitions(&self) -> impl Iterator<Item = (DateTime<Utc>, Status, Status)> + '_ {
        let mut current = Status::New;
        self.events.iter().filter_map(move |e| match e.kind {
            EventKind::StatusChange { to } if to != current => {
                let from = current;
                current = to;
                Some((e.at, from, to))
            }
            _ => None,
        })
    }

    /// The status after the whole timeline.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.status(), Status::Closed);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status(&self) -> Status {
        self.transitions()
            .last()
            .map_or(Status::New, |(_, _, to)| to)
    }

    /// The status in force at instant `at` (changes at `at` count).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Pending)
    ///     .build()?;
    /// assert_eq!(case.status_at(t(9)), Status::New);
    /// assert_eq!(case.status_at(t(10)), Status::Pending);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status_at(&self, at: DateTime<Utc>) -> Status {
        self.transitions()
            .take_while(|(t, _, _)| *t <= at)
            .last()
            .map_or(Status::New, |(_, _, to)| to)
    }

    /// Public agent replies, in order, as `(instant, agent)`.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// let replies: Vec<_> = case.public_agent_replies().map(|(at, _)| at).collect();
    /// assert_eq!(replies, [t(9, 5), t(9, 40)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn public_agent_replies(&self) -> impl Iterator<Item = (DateTime<Utc>, &AgentId)> + '_ {
        self.events.iter().filter_map(|e| match &e.kind {
            EventKind::AgentReply {
                agent,
                visibility: Visibility::Public,
            } => Some((e.at, agent)),
            _ => None,
        })
    }

    /// The first public agent reply's instant.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.first_public_agent_reply(), Some(t(9, 5)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_public_agent_reply(&self) -> Option<DateTime<Utc>> {
        self.public_agent_replies().next().map(|(t, _)| t)
    }

    /// How many public agent replies the customer received.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.public_agent_reply_count(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn public_agent_reply_count(&self) -> usize {
        self.public_agent_replies().count()
    }

    /// Customer messages' instants, in order.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.customer_messages().count(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer_messages(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.events
            .iter()
            .filter(|e| e.kind == EventKind::CustomerMessage)
            .map(|e| e.at)
    }

    /// Instants of solves (see the [module docs](self)).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// // solved at 9:06 and 9:41; closing a solved case is not another solve.
    /// assert_eq!(case.solves().collect::<Vec<_>>(), [t(9, 6), t(9, 41)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn solves(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.transitions().filter_map(|(t, from, to)| {
            (to == Status::Solved || (to == Status::Closed && from != Status::Solved)).then_some(t)
        })
    }

    /// The first solve.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.first_solve(), Some(t(9, 6)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_solve(&self) -> Option<DateTime<Utc>> {
        self.solves().next()
    }

    /// The last solve.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.last_solve(), Some(t(9, 41)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn last_solve(&self) -> Option<DateTime<Utc>> {
        self.solves().last()
    }

    /// How many times a solved interaction was reopened.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.reopen_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopen_count(&self) -> usize {
        self.transitions()
            .filter(|(_, from, to)| *from == Status::Solved && !to.is_solved())
            .count()
    }

    /// How many escalations the timeline records.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.escalation_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn escalation_count(&self) -> usize {
        self.events
            .iter()
            .filter(|e| e.kind == EventKind::Escalation)
            .count()
    }

    /// How many transfers the timeline records.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.transfer_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn transfer_count(&self) -> usize {
        self.events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Transfer { .. }))
            .count()
    }

    /// The instant the interaction was closed, if it was.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.closed_at(), Some(t(10, 0)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.transitions()
            .find(|(_, _, to)| *to == Status::Closed)
            .map(|(t, _, _)| t)
    }

    /// The periods spent in each status from creation up to `until`, in
    /// order. Periods that would start at or after `until` are left out and
    /// the last one is cut at `until`; a `Closed` period ends where it
    /// starts (closed is final, no clock runs after it). Zero-length periods
    /// (two changes at one instant) are left out.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// let total: chrono::TimeDelta = case.status_periods(t(12, 0)).map(|p| p.duration()).sum();
    /// // Creation to the close; nothing runs after closed.
    /// assert_eq!(total, chrono::TimeDelta::hours(1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status_periods(&self, until: DateTime<Utc>) -> impl Iterator<Item = StatusPeriod> + '_ {
        let mut start = self.created_at;
        let mut status = Status::New;
        let mut changes = self.transitions();
        let mut done = false;
        std::iter::from_fn(move || {
            loop {
                if done {
                    return None;
                }
                let (end, next) = if let Some((t, _, to)) = changes.next() {
                    (t.min(until), Some(to))
                } else {
                    done = true;
                    let end = if status == Status::Closed {
                        start
                    } else {
                        until
                    };
                    (end, None)
                };
                let period = StatusPeriod { status, start, end };
                if let Some(to) = next {
                    status = to;
                }
                if end >= until {
                    done = true;
                }
                start = end.max(start);
                if period.end > period.start {
                    return Some(period);
                }
            }
        })
    }

    /// Calendar time spent in each status from creation up to `until`.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
    ///     .priority(Priority::High)
    ///     .customer_message(t(9, 0))
    ///     .agent_reply(t(9, 5), ana.clone(), Visibility::Public)
    ///     .status(t(9, 6), Status::Solved)
    ///     .customer_message(t(9, 30))
    ///     .status(t(9, 30), Status::Open)
    ///     .escalation(t(9, 31))
    ///     .transfer(t(9, 32), AgentId::new("bo")?)
    ///     .agent_reply(t(9, 40), ana.clone(), Visibility::Public)
    ///     .status(t(9, 41), Status::Solved)
    ///     .status(t(10, 0), Status::Closed)
    ///     .build()?;
    /// let d = case.time_in_status(t(12, 0));
    /// assert_eq!(d.get(Status::Open), chrono::TimeDelta::minutes(11));
    /// assert_eq!(d.get(Status::Solved), chrono::TimeDelta::minutes(24 + 19));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn time_in_status(&self, until: DateTime<Utc>) -> StatusDurations {
        let mut d = StatusDurations::default();
        for p in self.status_periods(until) {
            if let Some(slot) = d.by_status.get_mut(status_slot(p.status)) {
                *slot = slot.checked_add(&p.duration()).unwrap_or(TimeDelta::MAX);
            }
        }
        d
    }
}

impl fmt::Display for Interaction {
    /// `"T-1 (email, high, solved)"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}, {})",
            self.id,
            self.channel,
            self.priority,
            self.status()
        )
    }
}

/// Builds an [`Interaction`]; events are checked by [`build`](Self::build).
///
/// ```
/// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
/// # use chrono::{TimeZone, Utc};
/// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// # let ana = AgentId::new("ana")?;
/// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
/// assert!(b.status(t(9, 1), Status::Open).build().is_ok());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct InteractionBuilder {
    id: InteractionId,
    customer: CustomerId,
    channel: Channel,
    priority: Priority,
    direction: Direction,
    created_at: DateTime<Utc>,
    events: Vec<Event>,
}

impl InteractionBuilder {
    /// Sets the priority (default `Normal`).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.priority(Priority::Urgent).build()?.priority(), Priority::Urgent);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = priority;
        self
    }

    /// Sets the direction (default `Inbound`).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.direction(Direction::Outbound).build()?.direction(), Direction::Outbound);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Appends any event.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// use carekit::{Event, EventKind};
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// let case = b.event(Event::new(t(9, 1), EventKind::Escalation)).build()?;
    /// assert_eq!(case.escalation_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn event(mut self, event: Event) -> Self {
        self.events.push(event);
        self
    }

    /// Appends a customer message.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.customer_message(t(9, 2)).build()?.customer_messages().count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn customer_message(self, at: DateTime<Utc>) -> Self {
        self.event(Event::new(at, EventKind::CustomerMessage))
    }

    /// Appends an agent reply or internal note.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// let case = b.agent_reply(t(9, 2), ana, Visibility::Internal).build()?;
    /// assert_eq!(case.public_agent_reply_count(), 0); // an internal note is not a reply
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn agent_reply(self, at: DateTime<Utc>, agent: AgentId, visibility: Visibility) -> Self {
        self.event(Event::new(at, EventKind::AgentReply { agent, visibility }))
    }

    /// Appends a status change.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.status(t(9, 2), Status::OnHold).build()?.status(), Status::OnHold);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn status(self, at: DateTime<Utc>, to: Status) -> Self {
        self.event(Event::new(at, EventKind::StatusChange { to }))
    }

    /// Appends a transfer to another agent.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.transfer(t(9, 2), ana).build()?.transfer_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn transfer(self, at: DateTime<Utc>, to: AgentId) -> Self {
        self.event(Event::new(at, EventKind::Transfer { to }))
    }

    /// Appends an escalation.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// assert_eq!(b.escalation(t(9, 2)).build()?.escalation_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn escalation(self, at: DateTime<Utc>) -> Self {
        self.event(Event::new(at, EventKind::Escalation))
    }

    /// Validates the timeline and builds the interaction.
    ///
    /// # Errors
    ///
    /// [`Error::Timeline`] with
    /// - [`TimelineError::BeforeCreation`] for an event before `created_at`;
    /// - [`TimelineError::OutOfOrder`] for an event before its predecessor;
    /// - [`TimelineError::AfterClosed`] for any event after a change to
    ///   `Closed`;
    /// - [`TimelineError::InvalidTransition`] for a change back to `New`.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Priority, Status, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let b = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9, 0));
    /// let err = b.customer_message(t(8, 0)).build();
    /// assert!(err.is_err()); // before creation
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn build(self) -> Result<Interaction, Error> {
        let mut previous: Option<DateTime<Utc>> = None;
        let mut status = Status::New;
        let mut closed_at: Option<DateTime<Utc>> = None;
        for (index, e) in self.events.iter().enumerate() {
            if e.at < self.created_at {
                return Err(TimelineError::BeforeCreation {
                    index,
                    at: e.at,
                    created_at: self.created_at,
                }
                .into());
            }
            if let Some(previous) = previous.filter(|p| e.at < *p) {
                return Err(TimelineError::OutOfOrder {
                    index,
                    at: e.at,
                    previous,
                }
                .into());
            }
            if let Some(closed_at) = closed_at {
                return Err(TimelineError::AfterClosed {
                    index,
                    at: e.at,
                    closed_at,
                }
                .into());
            }
            if let EventKind::StatusChange { to } = e.kind {
                if to == Status::New && status != Status::New {
                    return Err(TimelineError::InvalidTransition {
                        index,
                        from: status,
                        to,
                        rule: "an interaction cannot become new again",
                    }
                    .into());
                }
                if to == Status::Closed {
                    closed_at = Some(e.at);
                }
                status = to;
            }
            previous = Some(e.at);
        }
        Ok(Interaction {
            id: self.id,
            customer: self.customer,
            channel: self.channel,
            priority: self.priority,
            direction: self.direction,
            created_at: self.created_at,
            events: self.events,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap()
    }

    fn builder() -> InteractionBuilder {
        Interaction::builder(
            InteractionId::new("T").unwrap(),
            CustomerId::new("c").unwrap(),
            Channel::Email,
            t(9, 0),
        )
    }

    #[test]
    fn rejects_out_of_order_and_after_close() {
        let e = builder()
            .customer_message(t(10, 0))
            .customer_message(t(9, 30))
            .build();
        assert!(matches!(
            e,
            Err(Error::Timeline(TimelineError::OutOfOrder { index: 1, .. }))
        ));
        let e = builder()
            .status(t(10, 0), Status::Closed)
            .customer_message(t(10, 0))
            .build();
        assert!(matches!(
            e,
            Err(Error::Timeline(TimelineError::AfterClosed { index: 1, .. }))
        ));
        let e = builder()
            .status(t(10, 0), Status::Open)
            .status(t(10, 1), Status::New)
            .build();
        assert_eq!(
            e.unwrap_err().to_string(),
            "timeline event 1 changes status from open to new, which is not allowed: an interaction cannot become new again"
        );
    }

    #[test]
    fn equal_instants_are_in_order() {
        let i = builder()
            .customer_message(t(9, 0))
            .status(t(9, 0), Status::Open)
            .build();
        assert!(i.is_ok());
    }

    #[test]
    fn closing_unsolved_counts_as_solve() {
        let i = builder()
            .status(t(10, 0), Status::Open)
            .status(t(11, 0), Status::Closed)
            .build()
            .unwrap();
        assert_eq!(i.first_solve(), Some(t(11, 0)));
        let i = builder()
            .status(t(10, 0), Status::Solved)
            .status(t(11, 0), Status::Closed)
            .build()
            .unwrap();
        assert_eq!(i.solves().count(), 1);
        assert_eq!(i.closed_at(), Some(t(11, 0)));
    }

    #[test]
    fn status_periods_cover_creation_to_until() {
        let i = builder()
            .status(t(10, 0), Status::Open)
            .status(t(11, 0), Status::Pending)
            .status(t(12, 0), Status::Open)
            .status(t(12, 30), Status::Solved)
            .build()
            .unwrap();
        let p: Vec<_> = i.status_periods(t(13, 0)).collect();
        let kinds: Vec<_> = p.iter().map(StatusPeriod::status).collect();
        assert_eq!(
            kinds,
            [
                Status::New,
                Status::Open,
                Status::Pending,
                Status::Open,
                Status::Solved
            ]
        );
        assert_eq!(p[0].start(), t(9, 0));
        assert_eq!(p[4].end(), t(13, 0));
        let total: TimeDelta = p.iter().map(StatusPeriod::duration).sum();
        assert_eq!(total, TimeDelta::hours(4));
        // Cut short.
        let p: Vec<_> = i.status_periods(t(10, 30)).collect();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].end(), t(10, 30));
        // Until before creation: nothing.
        assert_eq!(i.status_periods(t(8, 0)).count(), 0);
    }

    #[test]
    fn closed_period_has_no_length() {
        let i = builder().status(t(10, 0), Status::Closed).build().unwrap();
        let p: Vec<_> = i.status_periods(t(20, 0)).collect();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].status(), Status::New);
        assert_eq!(
            i.time_in_status(t(20, 0)).get(Status::Closed),
            TimeDelta::zero()
        );
    }
}
