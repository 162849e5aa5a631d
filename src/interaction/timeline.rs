//! The one reading of a case's timeline: [`Timeline`], and the facts
//! [`Interaction`] derives from it.
//!
//! Every fact that metrics clocks, first-contact resolution and SLA targets
//! are built on is derived here, in one walk over the events, by the rules
//! in the [module docs](super#reading-the-timeline).

use chrono::{DateTime, TimeDelta, Utc};

use super::{Direction, Event, EventKind, Interaction, Status, Visibility};
use crate::error::Error;
use crate::id::AgentId;

/// When the customer-facing clocks of an **outbound** (proactive) case
/// start: first reply, full resolution and requester wait. Inbound cases
/// always start at creation.
///
/// The default is [`FirstCustomerMessage`](Self::FirstCustomerMessage):
/// before the customer has written, nobody is waiting for an answer.
///
/// With `serde`: `"first_customer_message"` or `"creation"`.
///
/// ```
/// use carekit::interaction::OutboundStart;
/// assert_eq!(OutboundStart::default(), OutboundStart::FirstCustomerMessage);
/// assert_eq!(OutboundStart::Creation.to_string(), "creation");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OutboundStart {
    /// The clocks start at the customer's first message; until then they
    /// have not started (no first reply, no resolution time, no requester
    /// wait is counted).
    #[default]
    FirstCustomerMessage,
    /// The clocks start when the case is created, as for an inbound case.
    Creation,
}

impl std::fmt::Display for OutboundStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::FirstCustomerMessage => "first customer message",
            Self::Creation => "creation",
        })
    }
}

/// A stretch during which the customer waits for an agent: it starts (at a
/// customer message, or at the clock start for the first reply) and stops
/// at the next public agent reply or solve, or is still open at the
/// instant the timeline was read.
///
/// ```
/// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
/// use chrono::{TimeZone, Utc};
/// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public)
///     .build()?;
/// let cycle = case.timeline(t(12))?.first_reply_cycle().unwrap();
/// assert_eq!((cycle.start(), cycle.stop()), (t(9), Some(t(10))));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReplyCycle {
    start: DateTime<Utc>,
    stop: Option<DateTime<Utc>>,
}

impl ReplyCycle {
    /// A wait from `start`, stopped at `stop` or still open.
    ///
    /// ```
    /// use carekit::interaction::ReplyCycle;
    /// use chrono::DateTime;
    /// let t = |s| DateTime::from_timestamp(s, 0).unwrap();
    /// let c = ReplyCycle::new(t(0), Some(t(60)));
    /// assert_eq!((c.start(), c.stop()), (t(0), Some(t(60))));
    /// ```
    pub fn new(start: DateTime<Utc>, stop: Option<DateTime<Utc>>) -> Self {
        Self { start, stop }
    }

    /// When the wait began.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.first_reply_cycle().map(|c| c.start()), Some(t(9)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// When it was answered (or the case solved); `None` while it is still
    /// open.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.first_reply_cycle().and_then(|c| c.stop()), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn stop(&self) -> Option<DateTime<Utc>> {
        self.stop
    }
}

/// A stretch of time spent in one status.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
///     .status(t(10), Status::Open)
///     .build()?;
/// let timeline = case.timeline(t(12))?;
/// let p = timeline.status_periods()[1];
/// assert_eq!((p.status(), p.start(), p.end()), (Status::Open, t(10), t(12)));
/// assert_eq!(p.duration(), TimeDelta::hours(2));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusPeriod {
    status: Status,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl StatusPeriod {
    /// The status.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.status_periods()[0].status(), Status::New);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status(&self) -> Status {
        self.status
    }

    /// Its first instant.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.status_periods()[0].start(), t(9));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// Its end (exclusive).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.status_periods()[0].end(), t(10));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// Its length in calendar time.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(11))?.status_periods()[0].duration(), chrono::TimeDelta::hours(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn duration(&self) -> TimeDelta {
        self.end.signed_duration_since(self.start)
    }
}

/// Calendar time spent in each status.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
/// use chrono::{TimeDelta, TimeZone, Utc};
/// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
///     .status(t(10), Status::Pending)
///     .build()?;
/// let d = case.time_in_status(t(13));
/// assert_eq!((d.get(Status::New), d.get(Status::Pending)), (TimeDelta::hours(1), TimeDelta::hours(3)));
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
    /// use carekit::{Status, StatusDurations};
    /// assert_eq!(StatusDurations::default().get(Status::Open), chrono::TimeDelta::zero());
    /// ```
    pub fn get(&self, status: Status) -> TimeDelta {
        self.by_status
            .get(status_slot(status))
            .copied()
            .unwrap_or_default()
    }
}

/// Which statuses a service clock counts.
///
/// | clock | counts time in |
/// |---|---|
/// | `RequesterWait` | new, open, on-hold (the customer is waiting on the business) |
/// | `AgentWork` | new, open (an agent has the next move) |
/// | `OnHold` | on-hold (waiting on a third party) |
/// | `AgentWait` | pending (waiting on the customer) |
///
/// Solved and closed time counts in none of them.
///
/// ```
/// use carekit::Status;
/// use carekit::interaction::StatusClock;
/// assert!(StatusClock::RequesterWait.counts(Status::OnHold));
/// assert!(!StatusClock::AgentWork.counts(Status::OnHold));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusClock {
    /// New, open and on-hold time.
    RequesterWait,
    /// New and open time.
    AgentWork,
    /// On-hold time.
    OnHold,
    /// Pending time.
    AgentWait,
}

impl StatusClock {
    /// Whether the clock runs in `status`.
    ///
    /// ```
    /// use carekit::Status;
    /// use carekit::interaction::StatusClock;
    /// assert!(StatusClock::AgentWait.counts(Status::Pending));
    /// assert!(!StatusClock::RequesterWait.counts(Status::Solved));
    /// ```
    pub fn counts(self, status: Status) -> bool {
        match self {
            StatusClock::RequesterWait => {
                matches!(status, Status::New | Status::Open | Status::OnHold)
            }
            StatusClock::AgentWork => matches!(status, Status::New | Status::Open),
            StatusClock::OnHold => status == Status::OnHold,
            StatusClock::AgentWait => status == Status::Pending,
        }
    }

    /// Whether this clock is customer-facing (it starts at the clock start
    /// of an outbound case, see [`OutboundStart`]).
    fn customer_facing(self) -> bool {
        self == StatusClock::RequesterWait
    }
}

/// A solve: a change into `Solved`, or into `Closed` from a status other
/// than `Solved`.
fn is_solve(from: Status, to: Status) -> bool {
    to == Status::Solved || (to == Status::Closed && from != Status::Solved)
}

/// An interaction's timeline as known at an instant, read once: the facts
/// every service clock, first-contact-resolution verdict and SLA target is
/// measured on. See the [module docs](super#reading-the-timeline) for the
/// rules.
///
/// Built by [`Interaction::timeline`] (the default [`OutboundStart`]) or
/// [`Interaction::timeline_with`]; events after the instant are ignored.
///
/// ```
/// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
/// use chrono::{TimeZone, Utc};
///
/// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// let ana = AgentId::new("ana")?;
/// // An agent logged the case with a public message at creation; the
/// // customer wrote at 09:30 and got the answer at 10:00.
/// let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
///     .agent_reply(t(9, 0), ana.clone(), Visibility::Public)
///     .customer_message(t(9, 30))
///     .agent_reply(t(10, 0), ana, Visibility::Public)
///     .status(t(10, 5), Status::Solved)
///     .build()?;
/// let timeline = case.timeline(t(12, 0))?;
/// assert_eq!(timeline.opening_message(), Some(t(9, 0))); // not a reply
/// assert_eq!(timeline.first_reply(), Some(t(10, 0)));
/// assert_eq!(timeline.clock_start(), Some(t(9, 0))); // inbound: creation
/// assert_eq!(timeline.last_solve(), Some(t(10, 5)));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    created_at: DateTime<Utc>,
    until: DateTime<Utc>,
    direction: Direction,
    outbound_start: OutboundStart,
    clock_start: Option<DateTime<Utc>>,
    opening_message: Option<DateTime<Utc>>,
    first_reply: Option<DateTime<Utc>>,
    first_reply_cycle: Option<ReplyCycle>,
    next_reply_cycles: Vec<ReplyCycle>,
    update_cycles: Vec<ReplyCycle>,
    public_replies: u32,
    customer_messages: u32,
    customer_follow_up: bool,
    solves: Vec<DateTime<Utc>>,
    reopens: u32,
    status: Status,
    periods: Vec<StatusPeriod>,
}

fn count_up(n: &mut u32) {
    *n = n.saturating_add(1);
}

impl Timeline {
    pub(super) fn read(
        interaction: &Interaction,
        until: DateTime<Utc>,
        outbound_start: OutboundStart,
    ) -> Result<Self, Error> {
        let created = interaction.created_at();
        if until < created {
            return Err(Error::InstantOrder {
                field: "until",
                value: until,
                other_field: "created_at",
                other: created,
            });
        }
        let known: &[Event] = {
            let n = interaction
                .events()
                .iter()
                .take_while(|e| e.at() <= until)
                .count();
            interaction.events().get(..n).unwrap_or(&[])
        };
        let mut reader = Reader::new(interaction, until, outbound_start);
        for (e, &settled) in known.iter().zip(&settled_statuses(known)) {
            match e.kind() {
                EventKind::CustomerMessage => reader.customer_message(e.at(), settled),
                EventKind::AgentReply {
                    visibility: Visibility::Public,
                    ..
                } => reader.public_reply(e.at(), settled),
                EventKind::StatusChange { to } => reader.status_change(e.at(), *to),
                _ => {}
            }
        }
        Ok(reader.finish())
    }

    /// When the interaction was created.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.created_at(), t(9));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// The instant the timeline was read at; later events are ignored.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.until(), t(10));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn until(&self) -> DateTime<Utc> {
        self.until
    }

    /// Inbound or outbound.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Direction, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline(t(10))?.direction(), Direction::Inbound);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The outbound convention the timeline was read with.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use carekit::interaction::OutboundStart;
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// assert_eq!(case.timeline_with(t(10), OutboundStart::Creation)?.outbound_start(), OutboundStart::Creation);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn outbound_start(&self) -> OutboundStart {
        self.outbound_start
    }

    /// When the customer-facing clocks start: creation for an inbound case;
    /// for an outbound one, by [`OutboundStart`] (`None` while the customer
    /// has not written yet).
    ///
    /// ```
    /// use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Visibility};
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let outreach = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .direction(Direction::Outbound)
    ///     .agent_reply(t(9), AgentId::new("ana")?, Visibility::Public) // "your order has shipped"
    ///     .customer_message(t(11))                                  // "it has not arrived"
    ///     .build()?;
    /// assert_eq!(outreach.timeline(t(10))?.clock_start(), None);
    /// assert_eq!(outreach.timeline(t(12))?.clock_start(), Some(t(11)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn clock_start(&self) -> Option<DateTime<Utc>> {
        self.clock_start
    }

    /// The agent's public message that opened the case, if one did: the
    /// first public agent message, before any customer message, of an
    /// outbound case or at the creation instant. It is not a reply.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Phone, t(9))
    ///     .agent_reply(t(9), AgentId::new("ana")?, Visibility::Public) // logged on the customer's behalf
    ///     .build()?;
    /// assert_eq!(case.timeline(t(10))?.opening_message(), Some(t(9)));
    /// assert_eq!(case.timeline(t(10))?.first_reply(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn opening_message(&self) -> Option<DateTime<Utc>> {
        self.opening_message
    }

    /// The first public agent reply: the first public agent message after
    /// the clock start that is not the opening message.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Internal) // a note, unseen by the customer
    ///     .agent_reply(t(11), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(12))?.first_reply(), Some(t(11)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_reply(&self) -> Option<DateTime<Utc>> {
        self.first_reply
    }

    /// The wait for the first reply: from the clock start to the first
    /// reply or the first solve, whichever comes first (`None` before the
    /// clock starts).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Solved) // solved without a reply
    ///     .build()?;
    /// let c = case.timeline(t(12))?.first_reply_cycle().unwrap();
    /// assert_eq!(c.stop(), Some(t(10)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_reply_cycle(&self) -> Option<ReplyCycle> {
        self.first_reply_cycle
    }

    /// The waits for the next reply, in order: each starts at the oldest
    /// customer message not yet answered (after the first-reply wait ended,
    /// and while the case is not solved) and stops at the next public agent
    /// reply or solve; the last may still be open.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(10), ana.clone(), Visibility::Public)
    ///     .customer_message(t(11))
    ///     .customer_message(t(12)) // the 11:00 message is still the oldest unanswered
    ///     .agent_reply(t(14), ana, Visibility::Public)
    ///     .build()?;
    /// let cycles = case.timeline(t(15))?.next_reply_cycles().to_vec();
    /// assert_eq!(cycles.len(), 1);
    /// assert_eq!((cycles[0].start(), cycles[0].stop()), (t(11), Some(t(14))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next_reply_cycles(&self) -> &[ReplyCycle] {
        &self.next_reply_cycles
    }

    /// The stretches between public agent replies while the case is not
    /// solved (for periodic-update targets): each starts at a public agent
    /// reply and stops at the next one or at a solve; the last may still be
    /// open.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(10), ana.clone(), Visibility::Public)
    ///     .agent_reply(t(13), ana, Visibility::Public)
    ///     .build()?;
    /// let cycles = case.timeline(t(15))?.update_cycles().to_vec();
    /// assert_eq!(cycles.iter().map(|c| (c.start(), c.stop())).collect::<Vec<_>>(),
    ///            [(t(10), Some(t(13))), (t(13), None)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn update_cycles(&self) -> &[ReplyCycle] {
        &self.update_cycles
    }

    /// Public agent messages, the opening message included.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(9), AgentId::new("ana")?, Visibility::Public)
    ///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(11))?.public_agent_replies(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn public_agent_replies(&self) -> u32 {
        self.public_replies
    }

    /// Public agent replies after the opening message (the "touches" of
    /// one-touch resolution).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(9), AgentId::new("ana")?, Visibility::Public)
    ///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(11))?.replies_after_opening(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn replies_after_opening(&self) -> u32 {
        self.public_replies
            .saturating_sub(u32::from(self.opening_message.is_some()))
    }

    /// Customer messages.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .customer_message(t(9))
    ///     .build()?;
    /// assert_eq!(case.timeline(t(11))?.customer_messages(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer_messages(&self) -> u32 {
        self.customer_messages
    }

    /// Whether the customer wrote again after the first reply.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public)
    ///     .customer_message(t(11)) // "that did not help"
    ///     .build()?;
    /// assert!(case.timeline(t(12))?.customer_followed_up());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer_followed_up(&self) -> bool {
        self.customer_follow_up
    }

    /// Instants of solves: changes into `Solved`, or into `Closed` from a
    /// status other than `Solved`.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Open)
    ///     .status(t(12), Status::Closed) // closing an unsolved case ends it too
    ///     .build()?;
    /// assert_eq!(case.timeline(t(13))?.solves(), [t(10), t(12)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn solves(&self) -> &[DateTime<Utc>] {
        &self.solves
    }

    /// The first solve.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(13))?.first_solve(), Some(t(10)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_solve(&self) -> Option<DateTime<Utc>> {
        self.solves.first().copied()
    }

    /// The last solve.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Open)
    ///     .status(t(12), Status::Solved)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(13))?.last_solve(), Some(t(12)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn last_solve(&self) -> Option<DateTime<Utc>> {
        self.solves.last().copied()
    }

    /// Reopens: changes from `Solved` back to new, open, pending or
    /// on-hold.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Open)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(13))?.reopens(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopens(&self) -> u32 {
        self.reopens
    }

    /// The status at the instant the timeline was read.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Pending)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(9))?.status(), Status::New);
    /// assert_eq!(case.timeline(t(10))?.status(), Status::Pending);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether the case is solved (or closed) at the instant it was read.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Closed)
    ///     .build()?;
    /// assert!(case.timeline(t(11))?.is_solved());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_solved(&self) -> bool {
        self.status.is_solved()
    }

    /// The periods spent in each status from creation to the instant read,
    /// in order, without gaps: the last one is cut at that instant, and
    /// nothing runs after a change to `Closed` (closed is final).
    /// Zero-length periods (two changes at one instant) are left out.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Open)
    ///     .status(t(11), Status::Closed)
    ///     .build()?;
    /// let periods = case.timeline(t(15))?.status_periods().to_vec();
    /// assert_eq!(periods.iter().map(|p| p.status()).collect::<Vec<_>>(), [Status::New, Status::Open]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status_periods(&self) -> &[StatusPeriod] {
        &self.periods
    }

    /// The status periods overlapping `[from, to)`, cut to it. Finding the
    /// first takes a binary search, so measuring many cycles costs time in
    /// proportion to the periods they cover, not to the whole timeline.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::Pending)
    ///     .status(t(12), Status::Open)
    ///     .build()?;
    /// let tl = case.timeline(t(14))?;
    /// let cut: Vec<_> = tl.periods_between(t(11), t(13)).map(|p| (p.status(), p.start(), p.end())).collect();
    /// assert_eq!(cut, [(Status::Pending, t(11), t(12)), (Status::Open, t(12), t(13))]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn periods_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = StatusPeriod> + '_ {
        let first = self.periods.partition_point(|p| p.end <= from);
        self.periods
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |p| p.start < to)
            .filter_map(move |p| {
                let (start, end) = (p.start.max(from), p.end.min(to));
                (end > start).then_some(StatusPeriod {
                    status: p.status,
                    start,
                    end,
                })
            })
    }

    /// The periods a status clock counts, in order. The customer-facing
    /// requester wait starts at the [clock start](Self::clock_start).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use carekit::interaction::StatusClock;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .status(t(10), Status::OnHold)
    ///     .status(t(12), Status::Open)
    ///     .build()?;
    /// let tl = case.timeline(t(13))?;
    /// let hold: TimeDelta = tl.clock_periods(StatusClock::OnHold).map(|p| p.duration()).sum();
    /// let wait: TimeDelta = tl.clock_periods(StatusClock::RequesterWait).map(|p| p.duration()).sum();
    /// assert_eq!((hold, wait), (TimeDelta::hours(2), TimeDelta::hours(4)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn clock_periods(&self, clock: StatusClock) -> impl Iterator<Item = StatusPeriod> + '_ {
        let from = if clock.customer_facing() {
            self.clock_start
        } else {
            Some(self.created_at)
        };
        // A clock that has not started counts nothing.
        let (from, to) = from.map_or((self.until, self.until), |f| (f, self.until));
        self.periods_between(from, to)
            .filter(move |p| clock.counts(p.status))
    }

    /// Calendar time spent in each status.
    fn time_in_status(&self) -> StatusDurations {
        let mut d = StatusDurations::default();
        for p in &self.periods {
            if let Some(slot) = d.by_status.get_mut(status_slot(p.status)) {
                *slot = slot.checked_add(&p.duration()).unwrap_or(TimeDelta::MAX);
            }
        }
        d
    }
}

/// The walk over the events that [`Timeline::read`] makes, one method per
/// kind of event.
struct Reader {
    t: Timeline,
    outbound: bool,
    /// Where the first-reply wait stopped (a reply or a solve).
    first_stop: Option<DateTime<Utc>>,
    next_open: Option<DateTime<Utc>>,
    update_open: Option<DateTime<Utc>>,
    period_start: DateTime<Utc>,
}

fn close(open: &mut Option<DateTime<Utc>>, list: &mut Vec<ReplyCycle>, at: DateTime<Utc>) {
    if let Some(start) = open.take() {
        list.push(ReplyCycle {
            start,
            stop: Some(at),
        });
    }
}

impl Reader {
    fn new(interaction: &Interaction, until: DateTime<Utc>, outbound_start: OutboundStart) -> Self {
        let created = interaction.created_at();
        let outbound = interaction.direction() == Direction::Outbound;
        Self {
            t: Timeline {
                created_at: created,
                until,
                direction: interaction.direction(),
                outbound_start,
                clock_start: (!outbound || outbound_start == OutboundStart::Creation)
                    .then_some(created),
                opening_message: None,
                first_reply: None,
                first_reply_cycle: None,
                next_reply_cycles: Vec::new(),
                update_cycles: Vec::new(),
                public_replies: 0,
                customer_messages: 0,
                customer_follow_up: false,
                solves: Vec::new(),
                reopens: 0,
                status: Status::New,
                periods: Vec::new(),
            },
            outbound,
            first_stop: None,
            next_open: None,
            update_open: None,
            period_start: created,
        }
    }

    fn customer_message(&mut self, at: DateTime<Utc>, settled: Status) {
        let t = &mut self.t;
        count_up(&mut t.customer_messages);
        if t.clock_start.is_none() {
            t.clock_start = Some(at);
        }
        if t.first_reply.is_some() {
            t.customer_follow_up = true;
        }
        if self.first_stop.is_some() && self.next_open.is_none() && !settled.is_solved() {
            self.next_open = Some(at);
        }
    }

    fn public_reply(&mut self, at: DateTime<Utc>, settled: Status) {
        let t = &mut self.t;
        let opening = t.customer_messages == 0
            && t.public_replies == 0
            && (self.outbound || at == t.created_at);
        count_up(&mut t.public_replies);
        if opening {
            t.opening_message = Some(at);
        } else if t.clock_start.is_some() {
            t.first_reply.get_or_insert(at);
            self.first_stop.get_or_insert(at);
        }
        close(&mut self.next_open, &mut t.next_reply_cycles, at);
        close(&mut self.update_open, &mut t.update_cycles, at);
        if !settled.is_solved() {
            self.update_open = Some(at);
        }
    }

    fn status_change(&mut self, at: DateTime<Utc>, to: Status) {
        let t = &mut self.t;
        if to == t.status {
            return;
        }
        if is_solve(t.status, to) {
            t.solves.push(at);
            if t.clock_start.is_some() {
                self.first_stop.get_or_insert(at);
            }
            close(&mut self.next_open, &mut t.next_reply_cycles, at);
            close(&mut self.update_open, &mut t.update_cycles, at);
        }
        if t.status == Status::Solved && !to.is_solved() {
            count_up(&mut t.reopens);
        }
        if at > self.period_start {
            t.periods.push(StatusPeriod {
                status: t.status,
                start: self.period_start,
                end: at,
            });
        }
        self.period_start = self.period_start.max(at);
        t.status = to;
    }

    fn finish(mut self) -> Timeline {
        let t = &mut self.t;
        // The last period runs to `until`, except that nothing runs after
        // closed (closed is final).
        let end = if t.status == Status::Closed {
            self.period_start
        } else {
            t.until
        };
        if end > self.period_start {
            t.periods.push(StatusPeriod {
                status: t.status,
                start: self.period_start,
                end,
            });
        }
        t.first_reply_cycle = t.clock_start.map(|start| ReplyCycle {
            start,
            stop: self.first_stop,
        });
        if let Some(start) = self.next_open {
            t.next_reply_cycles.push(ReplyCycle { start, stop: None });
        }
        if let Some(start) = self.update_open {
            t.update_cycles.push(ReplyCycle { start, stop: None });
        }
        self.t
    }
}

/// For each event, the status once every change at its instant is applied
/// (a customer message and the reopen it causes share an instant). One
/// forward pass for the status after each event, one backward pass to
/// spread each instant's final status over it: linear in the events.
fn settled_statuses(events: &[Event]) -> Vec<Status> {
    let mut status = Status::New;
    let mut after: Vec<Status> = events
        .iter()
        .map(|e| {
            if let EventKind::StatusChange { to } = e.kind() {
                status = *to;
            }
            status
        })
        .collect();
    let mut later: Option<(DateTime<Utc>, Status)> = None;
    for (e, s) in events.iter().zip(after.iter_mut()).rev() {
        match later {
            Some((at, settled)) if at == e.at() => *s = settled,
            _ => later = Some((e.at(), *s)),
        }
    }
    after
}

/// The derived facts of an interaction, read from its [`Timeline`].
impl Interaction {
    /// The timeline as known at `until`, read with the default
    /// [`OutboundStart`].
    ///
    /// ```
    /// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .agent_reply(t(11), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// assert_eq!(case.timeline(t(10))?.first_reply(), None); // not yet
    /// assert_eq!(case.timeline(t(12))?.first_reply(), Some(t(11)));
    /// assert!(case.timeline(t(8)).is_err()); // before creation
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `until` is before the creation.
    pub fn timeline(&self, until: DateTime<Utc>) -> Result<Timeline, Error> {
        Timeline::read(self, until, OutboundStart::default())
    }

    /// The timeline as known at `until`, with an explicit outbound
    /// convention.
    ///
    /// ```
    /// use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Visibility};
    /// use carekit::interaction::OutboundStart;
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9))
    ///     .direction(Direction::Outbound)
    ///     .customer_message(t(10))
    ///     .agent_reply(t(11), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// let from_message = case.timeline_with(t(12), OutboundStart::FirstCustomerMessage)?;
    /// let from_creation = case.timeline_with(t(12), OutboundStart::Creation)?;
    /// assert_eq!((from_message.clock_start(), from_creation.clock_start()), (Some(t(10)), Some(t(9))));
    /// assert_eq!(from_message.first_reply(), from_creation.first_reply()); // same reply, 11:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `until` is before the creation.
    pub fn timeline_with(
        &self,
        until: DateTime<Utc>,
        outbound_start: OutboundStart,
    ) -> Result<Timeline, Error> {
        Timeline::read(self, until, outbound_start)
    }

    /// The whole timeline (every event), with the default convention.
    fn whole(&self) -> Timeline {
        let end = self.events().last().map_or(self.created_at(), Event::at);
        // `end` is at or after the creation for a validated timeline, so
        // this cannot fail; an empty reading is the safe fallback.
        Timeline::read(self, end, OutboundStart::default()).unwrap_or_else(|_| Timeline {
            created_at: self.created_at(),
            until: self.created_at(),
            direction: self.direction(),
            outbound_start: OutboundStart::default(),
            clock_start: None,
            opening_message: None,
            first_reply: None,
            first_reply_cycle: None,
            next_reply_cycles: Vec::new(),
            update_cycles: Vec::new(),
            public_replies: 0,
            customer_messages: 0,
            customer_follow_up: false,
            solves: Vec::new(),
            reopens: 0,
            status: Status::New,
            periods: Vec::new(),
        })
    }

    /// Status changes that change the status, as `(instant, from, to)`
    /// (a repeated status is not a change).
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
        self.events().iter().filter_map(move |e| match e.kind() {
            EventKind::StatusChange { to } if *to != current => {
                let from = current;
                current = *to;
                Some((e.at(), from, *to))
            }
            _ => None,
        })
    }

    /// The status after the whole timeline.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 1, 1, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Closed)
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

    /// Public agent replies, in order, as `(instant, agent)`: every public
    /// agent message, the opening message included.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .agent_reply(t(10), ana.clone(), Visibility::Public)
    ///     .agent_reply(t(11), ana.clone(), Visibility::Internal)
    ///     .build()?;
    /// let replies: Vec<_> = case.public_agent_replies().collect();
    /// assert_eq!(replies, [(t(10), &ana)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn public_agent_replies(&self) -> impl Iterator<Item = (DateTime<Utc>, &AgentId)> + '_ {
        self.events().iter().filter_map(|e| match e.kind() {
            EventKind::AgentReply {
                agent,
                visibility: Visibility::Public,
            } => Some((e.at(), agent)),
            _ => None,
        })
    }

    /// The first public agent reply over the whole timeline, by the
    /// timeline's rules: an agent's message that opened the case (see
    /// [`Timeline::opening_message`]) is not a reply.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// let ana = AgentId::new("ana")?;
    /// // Logged by an agent at 09:00 with a public message; the customer
    /// // wrote at 09:30, the answer came at 10:00.
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    ///     .agent_reply(t(9, 0), ana.clone(), Visibility::Public)
    ///     .customer_message(t(9, 30))
    ///     .agent_reply(t(10, 0), ana, Visibility::Public)
    ///     .build()?;
    /// assert_eq!(case.first_public_agent_reply(), Some(t(10, 0)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_public_agent_reply(&self) -> Option<DateTime<Utc>> {
        self.whole().first_reply()
    }

    /// How many public agent messages the customer received (the opening
    /// message included).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public)
    ///     .agent_reply(t(11), AgentId::new("bo")?, Visibility::Public)
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
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .customer_message(t(9))
    ///     .customer_message(t(10))
    ///     .build()?;
    /// assert_eq!(case.customer_messages().collect::<Vec<_>>(), [t(9), t(10)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer_messages(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.events()
            .iter()
            .filter(|e| *e.kind() == EventKind::CustomerMessage)
            .map(Event::at)
    }

    /// Instants of solves over the whole timeline (see
    /// [`Timeline::solves`]).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Closed) // closing a solved case is not another solve
    ///     .build()?;
    /// assert_eq!(case.solves().collect::<Vec<_>>(), [t(10)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn solves(&self) -> impl Iterator<Item = DateTime<Utc>> {
        self.whole().solves.into_iter()
    }

    /// The first solve.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .build()?;
    /// assert_eq!(case.first_solve(), Some(t(10)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_solve(&self) -> Option<DateTime<Utc>> {
        self.whole().first_solve()
    }

    /// The last solve.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Open)
    ///     .status(t(12), Status::Solved)
    ///     .build()?;
    /// assert_eq!(case.last_solve(), Some(t(12)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn last_solve(&self) -> Option<DateTime<Utc>> {
        self.whole().last_solve()
    }

    /// How many times a solved interaction was reopened.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .status(t(11), Status::Pending)
    ///     .build()?;
    /// assert_eq!(case.reopen_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopen_count(&self) -> usize {
        usize::try_from(self.whole().reopens()).unwrap_or(usize::MAX)
    }

    /// How many escalations the timeline records.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .escalation(t(10))
    ///     .build()?;
    /// assert_eq!(case.escalation_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn escalation_count(&self) -> usize {
        self.events()
            .iter()
            .filter(|e| *e.kind() == EventKind::Escalation)
            .count()
    }

    /// How many transfers the timeline records.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .transfer(t(10), AgentId::new("bo")?)
    ///     .build()?;
    /// assert_eq!(case.transfer_count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn transfer_count(&self) -> usize {
        self.events()
            .iter()
            .filter(|e| matches!(e.kind(), EventKind::Transfer { .. }))
            .count()
    }

    /// The instant the interaction was closed, if it was.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Closed)
    ///     .build()?;
    /// assert_eq!(case.closed_at(), Some(t(10)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.transitions()
            .find(|(_, _, to)| *to == Status::Closed)
            .map(|(t, _, _)| t)
    }

    /// The periods spent in each status from creation up to `until` (see
    /// [`Timeline::status_periods`]); empty when `until` is before the
    /// creation.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Open)
    ///     .status(t(11), Status::Closed)
    ///     .build()?;
    /// let total: chrono::TimeDelta = case.status_periods(t(12)).iter().map(|p| p.duration()).sum();
    /// assert_eq!(total, chrono::TimeDelta::hours(2)); // nothing runs after closed
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn status_periods(&self, until: DateTime<Utc>) -> Vec<StatusPeriod> {
        self.timeline(until).map(|t| t.periods).unwrap_or_default()
    }

    /// Calendar time spent in each status from creation up to `until`
    /// (zero everywhere when `until` is before the creation).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(11), Status::Open)
    ///     .build()?;
    /// let d = case.time_in_status(t(12));
    /// assert_eq!((d.get(Status::New), d.get(Status::Open)), (TimeDelta::hours(2), TimeDelta::hours(1)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn time_in_status(&self, until: DateTime<Utc>) -> StatusDurations {
        self.timeline(until)
            .map(|t| t.time_in_status())
            .unwrap_or_default()
    }
}
