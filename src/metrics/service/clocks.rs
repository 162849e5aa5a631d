//! The service clocks of one interaction ([`InteractionClocks`]), measured
//! on its [`Timeline`].

use chrono::{DateTime, TimeDelta, Utc};

use super::first_contact::FcrConvention;
use crate::calendar::ElapsedTime;
use crate::error::Error;
use crate::interaction::{Interaction, OutboundStart, StatusClock, Timeline};

/// The service clocks of one interaction, measured up to an instant in
/// calendar time or in business time.
///
/// Everything is read from the interaction's [`Timeline`] **as known at
/// `until`** (events after `until` are ignored and the status periods are
/// cut there), by the rules on the [`interaction`](crate::interaction)
/// page — the same facts the SLA targets are judged on.
///
/// | clock | from → to |
/// |---|---|
/// | `first_reply` | clock start → first reply (an agent's opening message is not one); `None` without one |
/// | `full_resolution` | clock start → last solve; `None` unless solved at `until` |
/// | `requester_wait` | time in `New`, `Open` and `OnHold` from the clock start |
/// | `agent_work` | time in `New` and `Open` |
/// | `on_hold` | time in `OnHold` |
/// | `agent_wait` | time in `Pending` |
/// | `reopens` | changes from `Solved` back to an unsolved status |
/// | `agent_replies` | public agent messages, the opening one included (internal notes excluded) |
/// | `first_contact_resolved` | the [`FcrConvention`]'s verdict; `None` unless solved at `until` |
///
/// The clock start is the creation of an inbound case; for an outbound
/// case it follows the timeline's
/// [`OutboundStart`](crate::interaction::OutboundStart) (by default the
/// customer's first message: before it, no customer-facing clock runs).
///
/// Each status period is measured with the given [`ElapsedTime`]:
/// [`CalendarTime`](crate::calendar::CalendarTime) counts every second; a
/// business calendar counts open hours only, which makes every clock a
/// business-time clock.
///
/// # Example
///
/// ```
/// use carekit::calendar::CalendarTime;
/// use carekit::metrics::{FcrConvention, InteractionClocks};
/// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// let ana = AgentId::new("ana")?;
/// let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
///     .status(t(9, 10), Status::Open)
///     .agent_reply(t(9, 30), ana.clone(), Visibility::Public)
///     .status(t(9, 30), Status::Pending)
///     .customer_message(t(11, 0))
///     .status(t(11, 0), Status::Open)
///     .agent_reply(t(11, 15), ana, Visibility::Public)
///     .status(t(11, 20), Status::Solved)
///     .build()?;
/// let c = InteractionClocks::measure(&case, t(12, 0), &CalendarTime, FcrConvention::OneTouch)?;
/// assert_eq!(c.first_reply(), Some(TimeDelta::minutes(30)));
/// assert_eq!(c.full_resolution(), Some(TimeDelta::minutes(140)));
/// assert_eq!(c.agent_work(), TimeDelta::minutes(30 + 20)); // 9:00–9:30, 11:00–11:20
/// assert_eq!(c.agent_wait(), TimeDelta::minutes(90)); // pending 9:30–11:00
/// assert_eq!(c.requester_wait(), TimeDelta::minutes(50));
/// assert_eq!(c.agent_replies(), 2);
/// assert_eq!(c.first_contact_resolved(), Some(false)); // two replies
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InteractionClocks {
    convention: FcrConvention,
    outbound_start: OutboundStart,
    until: DateTime<Utc>,
    opened_by_agent: bool,
    first_reply: Option<TimeDelta>,
    full_resolution: Option<TimeDelta>,
    requester_wait: TimeDelta,
    agent_work: TimeDelta,
    on_hold: TimeDelta,
    agent_wait: TimeDelta,
    reopens: u32,
    agent_replies: u32,
    first_contact_resolved: Option<bool>,
}

fn add(total: &mut TimeDelta, d: TimeDelta) {
    *total = total.checked_add(&d).unwrap_or(TimeDelta::MAX);
}

impl InteractionClocks {
    /// Measures `interaction` up to `until` with `time` (calendar or
    /// business time), judging first-contact resolution by `convention`.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when `until` is before the interaction's
    /// creation; any error of `time` (for example a business calendar with
    /// no open time).
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::metrics::{FcrConvention, InteractionClocks};
    /// use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// let c = InteractionClocks::measure(&case, t(10), &CalendarTime, FcrConvention::default())?;
    /// assert_eq!(c.first_reply(), None);
    /// assert_eq!(c.requester_wait(), chrono::TimeDelta::hours(1));
    /// assert_eq!(c.first_contact_resolved(), None); // not solved
    /// assert!(InteractionClocks::measure(&case, t(8), &CalendarTime, FcrConvention::default()).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn measure<T: ElapsedTime + ?Sized>(
        interaction: &Interaction,
        until: DateTime<Utc>,
        time: &T,
        convention: FcrConvention,
    ) -> Result<Self, Error> {
        Self::from_timeline(&interaction.timeline(until)?, time, convention)
    }

    /// Measures an interaction's [`Timeline`] (read at an instant, with an
    /// explicit [`OutboundStart`](crate::interaction::OutboundStart)) with
    /// `time`, judging first-contact resolution by `convention`.
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::interaction::OutboundStart;
    /// use carekit::metrics::{FcrConvention, InteractionClocks};
    /// use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Visibility};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// let ana = AgentId::new("ana")?;
    /// let outreach = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    ///     .direction(Direction::Outbound)
    ///     .agent_reply(t(9, 0), ana.clone(), Visibility::Public) // the opening message
    ///     .customer_message(t(10, 0))
    ///     .agent_reply(t(10, 30), ana, Visibility::Public)
    ///     .build()?;
    /// let at = t(11, 0);
    /// let customer_first = outreach.timeline_with(at, OutboundStart::FirstCustomerMessage)?;
    /// let c = InteractionClocks::from_timeline(&customer_first, &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.first_reply(), Some(TimeDelta::minutes(30))); // 10:00 → 10:30
    /// let from_creation = outreach.timeline_with(at, OutboundStart::Creation)?;
    /// let c = InteractionClocks::from_timeline(&from_creation, &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.first_reply(), Some(TimeDelta::minutes(90))); // 09:00 → 10:30
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of `time` (for example a business calendar with no open
    /// time).
    pub fn from_timeline<T: ElapsedTime + ?Sized>(
        timeline: &Timeline,
        time: &T,
        convention: FcrConvention,
    ) -> Result<Self, Error> {
        let start = timeline.clock_start();
        let since_start = |end: Option<DateTime<Utc>>| -> Result<Option<TimeDelta>, Error> {
            match (start, end) {
                (Some(s), Some(e)) if e >= s => time.elapsed(s, e).map(Some),
                _ => Ok(None),
            }
        };
        let first_reply = since_start(timeline.first_reply())?;
        let solved = timeline.is_solved();
        let full_resolution = if solved {
            since_start(timeline.last_solve())?
        } else {
            None
        };
        let mut clocks = [TimeDelta::zero(); 4];
        let kinds = [
            StatusClock::RequesterWait,
            StatusClock::AgentWork,
            StatusClock::OnHold,
            StatusClock::AgentWait,
        ];
        for (total, clock) in clocks.iter_mut().zip(kinds) {
            for p in timeline.clock_periods(clock) {
                add(total, time.elapsed(p.start(), p.end())?);
            }
        }
        let [requester_wait, agent_work, on_hold, agent_wait] = clocks;
        let reopens = timeline.reopens();
        let first_contact_resolved = solved.then(|| match convention {
            FcrConvention::OneTouch => timeline.replies_after_opening() <= 1 && reopens == 0,
            FcrConvention::NoCustomerFollowUp => !timeline.customer_followed_up(),
            FcrConvention::NoReopen => reopens == 0,
        });
        Ok(Self {
            convention,
            outbound_start: timeline.outbound_start(),
            until: timeline.until(),
            opened_by_agent: timeline.opening_message().is_some(),
            first_reply,
            full_resolution,
            requester_wait,
            agent_work,
            on_hold,
            agent_wait,
            reopens,
            agent_replies: timeline.public_agent_replies(),
            first_contact_resolved,
        })
    }

    /// The outbound convention the timeline was read with.
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::interaction::OutboundStart;
    /// use carekit::metrics::{FcrConvention, InteractionClocks};
    /// use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9)).build()?;
    /// let c = InteractionClocks::measure(&case, t(10), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.outbound_start(), OutboundStart::FirstCustomerMessage);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn outbound_start(&self) -> OutboundStart {
        self.outbound_start
    }

    /// The FCR convention used.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.convention(), FcrConvention::OneTouch);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn convention(&self) -> FcrConvention {
        self.convention
    }

    /// The instant the clocks were read at.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.until(), t(13, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn until(&self) -> DateTime<Utc> {
        self.until
    }

    /// Whether an agent opened the interaction (see the type docs).
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::metrics::{FcrConvention, InteractionClocks};
    /// use carekit::{AgentId, Channel, CustomerId, Direction, Interaction, InteractionId, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(0))
    ///     .direction(Direction::Outbound)
    ///     .agent_reply(t(0), ana.clone(), Visibility::Public) // the opening message
    ///     .customer_message(t(30))
    ///     .agent_reply(t(45), ana, Visibility::Public)
    ///     .build()?;
    /// let c = InteractionClocks::measure(&case, t(60), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert!(c.opened_by_agent());
    /// // The clock starts at the customer's message: 00:30 → 00:45.
    /// assert_eq!(c.first_reply(), Some(chrono::TimeDelta::minutes(15)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn opened_by_agent(&self) -> bool {
        self.opened_by_agent
    }

    /// Creation → first public agent reply (the second for an interaction
    /// an agent opened); `None` without one by `until`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.first_reply(), Some(TimeDelta::minutes(20))); // 9:00 → 9:20
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_reply(&self) -> Option<TimeDelta> {
        self.first_reply
    }

    /// Creation → last solve; `None` unless solved at `until`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.full_resolution(), Some(TimeDelta::minutes(210))); // 9:00 → last solve 12:30
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn full_resolution(&self) -> Option<TimeDelta> {
        self.full_resolution
    }

    /// Time in `New`, `Open` and `OnHold`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// // New 20 + Open 30 + OnHold 30 + Open 15 + Open again 30 minutes
    /// assert_eq!(c.requester_wait(), TimeDelta::minutes(125));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn requester_wait(&self) -> TimeDelta {
        self.requester_wait
    }

    /// Time in `New` and `Open`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// // New 20 + Open 30 + Open 15 + Open again 30 minutes
    /// assert_eq!(c.agent_work(), TimeDelta::minutes(95));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_work(&self) -> TimeDelta {
        self.agent_work
    }

    /// Time in `OnHold`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.on_hold(), TimeDelta::minutes(30)); // 10:30–11:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn on_hold(&self) -> TimeDelta {
        self.on_hold
    }

    /// Time in `Pending`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.agent_wait(), TimeDelta::minutes(40)); // Pending 9:20–10:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_wait(&self) -> TimeDelta {
        self.agent_wait
    }

    /// Reopens by `until`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.reopens(), 1); // Solved → Open at 12:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopens(&self) -> u32 {
        self.reopens
    }

    /// Public agent replies by `until`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.agent_replies(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_replies(&self) -> u32 {
        self.agent_replies
    }

    /// The FCR verdict under [`convention`](Self::convention); `None`
    /// unless solved at `until`.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    /// #     .status(t(9, 20), Status::Pending)
    /// #     .customer_message(t(10, 0))
    /// #     .status(t(10, 0), Status::Open)
    /// #     .status(t(10, 30), Status::OnHold)
    /// #     .status(t(11, 0), Status::Open)
    /// #     .agent_reply(t(11, 15), ana, Visibility::Public)
    /// #     .status(t(11, 15), Status::Solved)
    /// #     .status(t(12, 0), Status::Open)
    /// #     .status(t(12, 30), Status::Solved)
    /// #     .build()?;
    /// // New 9:00, reply + Pending 9:20, customer + Open 10:00, OnHold 10:30, Open 11:00,
    /// // reply + Solved 11:15, reopened 12:00, Solved 12:30; read at 13:00
    /// let c = InteractionClocks::measure(&case, t(13, 0), &CalendarTime, FcrConvention::OneTouch)?;
    /// assert_eq!(c.first_contact_resolved(), Some(false)); // two replies and a reopen
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_contact_resolved(&self) -> Option<bool> {
        self.first_contact_resolved
    }
}
