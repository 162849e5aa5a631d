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
//! # Reading the timeline
//!
//! Every fact that service clocks, first-contact resolution and SLA targets
//! are measured on is derived in one place, [`Timeline`] (read with
//! [`Interaction::timeline`] at an instant; later events are ignored), by
//! these rules:
//!
//! - **Clock start.** The customer-facing clocks (first reply, full
//!   resolution, requester wait) of an *inbound* case start at its
//!   creation. An *outbound* (proactive) case was opened by the business,
//!   so nobody waits until the customer writes: by default its clocks start
//!   at the customer's first message and have not started before it
//!   ([`OutboundStart::FirstCustomerMessage`]); [`OutboundStart::Creation`]
//!   starts them at creation, as for inbound cases. Agent work, on-hold and
//!   agent-wait time always count from creation.
//! - **Opening message.** An agent's public message that comes before any
//!   customer message and either belongs to an outbound case or sits at
//!   the creation instant (a case an agent logged on the customer's behalf)
//!   opened the case: it is not a reply and not a "touch".
//! - **First reply**: the first public agent message after the clock start
//!   that is not the opening message. Internal notes never count.
//! - **Reply waits** ([`ReplyCycle`]). The first-reply wait runs from the
//!   clock start to the first reply or the first solve. After it, each
//!   customer message on an unsolved case that finds no wait open starts a
//!   next-reply wait (the oldest unanswered message), and each public agent
//!   reply on an unsolved case starts an update wait; both stop at the next
//!   public agent reply or solve. "Unsolved" is the status once every change
//!   at that instant is applied, so a message that reopens a case starts a
//!   wait.
//! - A **solve** is a change into `Solved`, or into `Closed` from a status
//!   other than `Solved` (closing an unsolved case also ends it). A
//!   **reopen** is a change from `Solved` back to `New`, `Open`, `Pending`
//!   or `On-hold`.
//! - **Status periods** cover creation to the instant read without gaps;
//!   nothing runs after `Closed`. The **split** ([`StatusClock`]): requester
//!   wait = new + open + on-hold (from the clock start), agent work = new +
//!   open, on hold, agent wait = pending; solved time counts in none.
//!
//! [`metrics::InteractionClocks`](crate::metrics::InteractionClocks) and
//! [`sla::SlaBook::evaluate`](crate::sla::SlaBook::evaluate) read these
//! facts and nothing else, so the first reply a dashboard reports is the one
//! an SLA is judged on.
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
mod timeline;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::{error::Error, id::AgentId, id::CustomerId, id::InteractionId};

pub use kinds::{Channel, Direction, Priority, Status, Visibility};
pub use timeline::{
    OutboundStart, ReplyCycle, StatusClock, StatusDurations, StatusPeriod, Timeline,
};

pub use crate::error::TimelineError;

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
                        from: status.name(),
                        to: to.name(),
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
    use chrono::TimeDelta;
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
        let p: Vec<_> = i.status_periods(t(13, 0));
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
        let p: Vec<_> = i.status_periods(t(10, 30));
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].end(), t(10, 30));
        // Until before creation: nothing.
        assert_eq!(i.status_periods(t(8, 0)).len(), 0);
    }

    #[test]
    fn closed_period_has_no_length() {
        let i = builder().status(t(10, 0), Status::Closed).build().unwrap();
        let p: Vec<_> = i.status_periods(t(20, 0));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].status(), Status::New);
        assert_eq!(
            i.time_in_status(t(20, 0)).get(Status::Closed),
            TimeDelta::zero()
        );
    }
}
