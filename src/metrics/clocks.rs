//! Interaction clocks and first-contact resolution.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};

use super::{Durations, MetricsError};
use crate::calendar::ElapsedTime;
use crate::error::Error;
use crate::interaction::{Interaction, OutboundStart, StatusClock, Timeline};
use crate::stats::{Confidence, Interval, proportion_interval};

/// Which interactions count as resolved at first contact.
///
/// Vendors disagree, so the convention is a value and every result records
/// it. Only interactions that are solved (`Solved` or `Closed`) at the
/// measuring instant are eligible; the others have no verdict yet.
///
/// | convention | resolved at first contact when the solved interaction … |
/// |---|---|
/// | [`OneTouch`](Self::OneTouch) (default) | got at most one public agent reply and was never reopened |
/// | [`NoCustomerFollowUp`](Self::NoCustomerFollowUp) | has no customer message after the first reply |
/// | [`NoReopen`](Self::NoReopen) | was never reopened |
///
/// For an interaction an agent opened (see
/// [`Timeline::opening_message`]), the opening message is not a reply:
/// one-touch allows one reply after it.
///
/// ```
/// use carekit::metrics::FcrConvention;
/// assert_eq!(FcrConvention::default(), FcrConvention::OneTouch);
/// assert_eq!(FcrConvention::NoCustomerFollowUp.to_string(), "no_customer_follow_up");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FcrConvention {
    /// Solved with at most one public agent reply and never reopened.
    #[default]
    OneTouch,
    /// Solved with no customer message after the first public agent reply.
    NoCustomerFollowUp,
    /// Solved and never reopened.
    NoReopen,
}

impl fmt::Display for FcrConvention {
    /// The JSON name: `one_touch`, `no_customer_follow_up`, `no_reopen`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OneTouch => "one_touch",
            Self::NoCustomerFollowUp => "no_customer_follow_up",
            Self::NoReopen => "no_reopen",
        })
    }
}

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

/// First-contact resolution rate: resolved / eligible, under one
/// [`FcrConvention`].
///
/// Eligible interactions are those solved when measured (a verdict of
/// `Some(_)`); unsolved ones are skipped. The rate is `None` with no
/// eligible interaction.
///
/// ```
/// use carekit::metrics::{Fcr, FcrConvention};
/// let mut fcr = Fcr::new(FcrConvention::OneTouch);
/// fcr.push_verdict(Some(true));
/// fcr.push_verdict(Some(false));
/// fcr.push_verdict(Some(true));
/// fcr.push_verdict(None); // unsolved: not eligible
/// assert_eq!((fcr.resolved(), fcr.eligible()), (2, 3));
/// assert_eq!(fcr.rate(), Some(2.0 / 3.0));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"convention": "one_touch", "resolved": 2,
/// "eligible": 3}` (resolved may not exceed eligible).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawFcr", into = "RawFcr"))]
pub struct Fcr {
    convention: FcrConvention,
    resolved: u64,
    eligible: u64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFcr {
    convention: FcrConvention,
    resolved: u64,
    eligible: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFcr> for Fcr {
    type Error = Error;
    fn try_from(r: RawFcr) -> Result<Self, Error> {
        Fcr::from_counts(r.convention, r.resolved, r.eligible)
    }
}

#[cfg(feature = "serde")]
impl From<Fcr> for RawFcr {
    fn from(f: Fcr) -> Self {
        Self {
            convention: f.convention,
            resolved: f.resolved,
            eligible: f.eligible,
        }
    }
}

impl Fcr {
    /// An empty accumulator for `convention`.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let f = Fcr::new(FcrConvention::NoReopen);
    /// assert_eq!((f.rate(), f.eligible(), f.convention()), (None, 0, FcrConvention::NoReopen));
    /// ```
    pub fn new(convention: FcrConvention) -> Self {
        Self {
            convention,
            resolved: 0,
            eligible: 0,
        }
    }

    /// An accumulator from counts.
    ///
    /// # Errors
    ///
    /// [`MetricsError::AboveCohort`] when `resolved > eligible`.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// assert_eq!(Fcr::from_counts(FcrConvention::NoReopen, 3, 4)?.rate(), Some(0.75));
    /// assert!(Fcr::from_counts(FcrConvention::NoReopen, 5, 4).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_counts(
        convention: FcrConvention,
        resolved: u64,
        eligible: u64,
    ) -> Result<Self, Error> {
        if resolved > eligible {
            return Err(MetricsError::AboveCohort {
                field: "resolved",
                value: resolved,
                cohort: eligible,
            }
            .into());
        }
        Ok(Self {
            convention,
            resolved,
            eligible,
        })
    }

    /// Counts one verdict (`None`: not eligible, skipped).
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let mut fcr = Fcr::new(FcrConvention::OneTouch);
    /// for verdict in [Some(true), Some(false), None, Some(true)] {
    ///     fcr.push_verdict(verdict);
    /// }
    /// assert_eq!((fcr.resolved(), fcr.eligible()), (2, 3)); // `None` is skipped
    /// ```
    pub fn push_verdict(&mut self, verdict: Option<bool>) {
        if let Some(resolved) = verdict {
            self.eligible = self.eligible.saturating_add(1);
            self.resolved = self.resolved.saturating_add(u64::from(resolved));
        }
    }

    /// Counts an interaction's verdict.
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionMismatch`] when the clocks were measured
    /// under another convention.
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::metrics::{Fcr, FcrConvention, InteractionClocks};
    /// use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(9))
    ///     .status(t(10), Status::Solved)
    ///     .build()?;
    /// let clocks = InteractionClocks::measure(&case, t(11), &CalendarTime, FcrConvention::NoReopen)?;
    /// let mut fcr = Fcr::new(FcrConvention::NoReopen);
    /// fcr.push(&clocks)?;
    /// assert_eq!(fcr.rate(), Some(1.0));
    /// assert!(Fcr::new(FcrConvention::OneTouch).push(&clocks).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn push(&mut self, clocks: &InteractionClocks) -> Result<(), Error> {
        if clocks.convention != self.convention {
            return Err(MetricsError::ConventionMismatch { accumulator: "fcr" }.into());
        }
        self.push_verdict(clocks.first_contact_resolved);
        Ok(())
    }

    /// The counts of `self` and `other` added, checked.
    fn merged_counts(&self, other: &Fcr) -> Result<(u64, u64), Error> {
        let overflow = || MetricsError::CountOverflow { accumulator: "fcr" };
        let resolved = self
            .resolved
            .checked_add(other.resolved)
            .ok_or_else(overflow)?;
        let eligible = self
            .eligible
            .checked_add(other.eligible)
            .ok_or_else(overflow)?;
        Ok((resolved, eligible))
    }

    /// Adds another accumulator's counts.
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionMismatch`] when the conventions differ.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let mut a = Fcr::from_counts(FcrConvention::OneTouch, 1, 2)?;
    /// a.merge(&Fcr::from_counts(FcrConvention::OneTouch, 2, 2)?)?;
    /// assert_eq!(a.rate(), Some(0.75));
    /// assert!(a.merge(&Fcr::new(FcrConvention::NoReopen)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Fcr) -> Result<(), Error> {
        if other.convention != self.convention {
            return Err(MetricsError::ConventionMismatch { accumulator: "fcr" }.into());
        }
        let (resolved, eligible) = self.merged_counts(other)?;
        (self.resolved, self.eligible) = (resolved, eligible);
        Ok(())
    }

    /// The convention.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// assert_eq!(Fcr::default().convention(), FcrConvention::OneTouch);
    /// assert_eq!(Fcr::new(FcrConvention::NoReopen).convention(), FcrConvention::NoReopen);
    /// ```
    pub fn convention(&self) -> FcrConvention {
        self.convention
    }

    /// Interactions resolved at first contact.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let fcr = Fcr::from_counts(FcrConvention::OneTouch, 42, 60)?;
    /// assert_eq!(fcr.resolved(), 42);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn resolved(&self) -> u64 {
        self.resolved
    }

    /// Solved interactions judged.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let mut fcr = Fcr::new(FcrConvention::OneTouch);
    /// fcr.push_verdict(Some(false));
    /// fcr.push_verdict(None); // still open: not eligible
    /// assert_eq!(fcr.eligible(), 1);
    /// ```
    pub fn eligible(&self) -> u64 {
        self.eligible
    }

    /// `resolved / eligible` as a proportion in `0..=1`; `None` when
    /// nothing is eligible.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// assert_eq!(Fcr::new(FcrConvention::OneTouch).rate(), None);
    /// let fcr = Fcr::from_counts(FcrConvention::OneTouch, 42, 60)?;
    /// assert_eq!(fcr.rate(), Some(0.7)); // 42 / 60
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn rate(&self) -> Option<f64> {
        (self.eligible > 0).then(|| self.resolved as f64 / self.eligible as f64)
    }

    /// The Wilson score interval of the [rate](Self::rate), in proportion
    /// units 0–1 ([`stats::proportion_interval`](crate::stats::proportion_interval));
    /// `None` when nothing is eligible.
    ///
    /// # Errors
    ///
    /// None in practice (`resolved <= eligible` always holds); the
    /// signature passes on the interval function's.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// use carekit::stats::Confidence;
    /// // Newcombe (1998) Table I: 81 of 263 -> 0.2553 to 0.3662 (Wilson).
    /// let fcr = Fcr::from_counts(FcrConvention::OneTouch, 81, 263)?;
    /// let ci = fcr.proportion_interval(Confidence::NINETY_FIVE)?.unwrap();
    /// assert_eq!(format!("{:.4}..{:.4}", ci.low(), ci.high()), "0.2553..0.3662");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn proportion_interval(&self, confidence: Confidence) -> Result<Option<Interval>, Error> {
        proportion_interval(self.resolved, self.eligible, confidence)
    }
}

/// A summary of many interactions' clocks: a [`Durations`] per clock, the
/// [`Fcr`] rate, and reopen and reply totals. Mergeable.
///
/// Absent clocks (no first reply yet, not solved) are not counted in that
/// clock's durations.
///
/// ```
/// use carekit::calendar::CalendarTime;
/// use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, PercentileMethod};
/// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
/// use chrono::{TimeZone, Utc};
///
/// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// let mut summary = ClockSummary::new(FcrConvention::OneTouch);
/// for (i, minutes) in [4_u32, 10, 31].into_iter().enumerate() {
///     let case = Interaction::builder(InteractionId::new(&format!("T-{i}"))?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
///         .agent_reply(t(9, minutes), AgentId::new("ana")?, Visibility::Public)
///         .status(t(9, 40), Status::Solved)
///         .build()?;
///     summary.push(&InteractionClocks::measure(&case, t(10, 0), &CalendarTime, FcrConvention::OneTouch)?)?;
/// }
/// assert_eq!(summary.interactions(), 3);
/// assert_eq!(summary.first_reply().percentile(0.5, PercentileMethod::Linear)?, Some(600.0));
/// assert_eq!(summary.fcr().rate(), Some(1.0));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ClockSummary {
    interactions: u64,
    reopens: u64,
    agent_replies: u64,
    first_reply: Durations,
    full_resolution: Durations,
    requester_wait: Durations,
    agent_work: Durations,
    on_hold: Durations,
    agent_wait: Durations,
    fcr: Fcr,
}

fn secs(d: TimeDelta) -> f64 {
    use super::DurationValue;
    d.seconds()
}

impl ClockSummary {
    /// An empty summary judging FCR by `convention`.
    ///
    /// ```
    /// use carekit::metrics::{ClockSummary, FcrConvention};
    /// let s = ClockSummary::new(FcrConvention::NoReopen);
    /// assert_eq!((s.interactions(), s.fcr().convention()), (0, FcrConvention::NoReopen));
    /// assert!(s.first_reply().is_empty());
    /// ```
    pub fn new(convention: FcrConvention) -> Self {
        Self {
            fcr: Fcr::new(convention),
            ..Self::default()
        }
    }

    /// Adds one interaction's clocks.
    ///
    /// ```
    /// use carekit::calendar::CalendarTime;
    /// use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// let t = |h: i64| chrono::DateTime::from_timestamp(h * 3600, 0).unwrap();
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Chat, t(0)).build()?;
    /// let clocks = InteractionClocks::measure(&case, t(2), &CalendarTime, FcrConvention::NoReopen)?;
    /// let mut summary = ClockSummary::new(FcrConvention::NoReopen);
    /// summary.push(&clocks)?;
    /// assert_eq!(summary.requester_wait().values(), &[7200.0]);
    /// assert!(summary.first_reply().is_empty()); // no reply yet
    /// assert!(ClockSummary::new(FcrConvention::OneTouch).push(&clocks).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionMismatch`] when the clocks used another
    /// FCR convention; [`MetricsError::InvalidDuration`] for a negative
    /// clock (a business-time implementation returning one). The summary
    /// is unchanged on error.
    pub fn push(&mut self, clocks: &InteractionClocks) -> Result<(), Error> {
        if clocks.convention != self.fcr.convention {
            return Err(MetricsError::ConventionMismatch {
                accumulator: "clock summary",
            }
            .into());
        }
        let mut next = self.clone();
        let pairs = [
            (&mut next.first_reply, clocks.first_reply),
            (&mut next.full_resolution, clocks.full_resolution),
            (&mut next.requester_wait, Some(clocks.requester_wait)),
            (&mut next.agent_work, Some(clocks.agent_work)),
            (&mut next.on_hold, Some(clocks.on_hold)),
            (&mut next.agent_wait, Some(clocks.agent_wait)),
        ];
        for (d, v) in pairs {
            if let Some(v) = v {
                d.push(secs(v))?;
            }
        }
        next.fcr.push_verdict(clocks.first_contact_resolved);
        next.interactions = next.interactions.saturating_add(1);
        next.reopens = next.reopens.saturating_add(u64::from(clocks.reopens));
        next.agent_replies = next
            .agent_replies
            .saturating_add(u64::from(clocks.agent_replies));
        *self = next;
        Ok(())
    }

    /// Adds another summary.
    ///
    /// ```
    /// use carekit::metrics::{ClockSummary, FcrConvention};
    /// let mut a = ClockSummary::new(FcrConvention::OneTouch);
    /// a.merge(&ClockSummary::new(FcrConvention::OneTouch))?;
    /// assert!(a.merge(&ClockSummary::new(FcrConvention::NoReopen)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionMismatch`] when the FCR conventions differ.
    pub fn merge(&mut self, other: &ClockSummary) -> Result<(), Error> {
        // Every count is checked before anything changes, so a failed merge
        // leaves `self` as it was.
        let overflow = || MetricsError::CountOverflow {
            accumulator: "clock summary",
        };
        if other.fcr.convention != self.fcr.convention {
            return Err(MetricsError::ConventionMismatch { accumulator: "fcr" }.into());
        }
        let (resolved, eligible) = self.fcr.merged_counts(&other.fcr)?;
        let interactions = self
            .interactions
            .checked_add(other.interactions)
            .ok_or_else(overflow)?;
        let reopens = self
            .reopens
            .checked_add(other.reopens)
            .ok_or_else(overflow)?;
        let agent_replies = self
            .agent_replies
            .checked_add(other.agent_replies)
            .ok_or_else(overflow)?;
        (self.fcr.resolved, self.fcr.eligible) = (resolved, eligible);
        (self.interactions, self.reopens, self.agent_replies) =
            (interactions, reopens, agent_replies);
        self.first_reply.merge(&other.first_reply);
        self.full_resolution.merge(&other.full_resolution);
        self.requester_wait.merge(&other.requester_wait);
        self.agent_work.merge(&other.agent_work);
        self.on_hold.merge(&other.on_hold);
        self.agent_wait.merge(&other.agent_wait);
        Ok(())
    }

    /// Interactions summarised.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.interactions(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interactions(&self) -> u64 {
        self.interactions
    }

    /// Total reopens.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.reopens(), 1); // T-2 at 1:50
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopens(&self) -> u64 {
        self.reopens
    }

    /// Reopens per interaction (a mean count, not a share: it exceeds 1
    /// when cases reopen more than once); `None` when empty.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.reopens_per_interaction(), Some(0.5)); // 1 reopen / 2 interactions
    /// assert_eq!(ClockSummary::default().reopens_per_interaction(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reopens_per_interaction(&self) -> Option<f64> {
        (self.interactions > 0).then(|| self.reopens as f64 / self.interactions as f64)
    }

    /// Total public agent replies.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.agent_replies(), 2); // one each
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_replies(&self) -> u64 {
        self.agent_replies
    }

    /// First reply times (seconds) of interactions that had one.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.first_reply().values(), &[600.0, 1800.0]); // 10 and 30 minutes
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn first_reply(&self) -> &Durations {
        &self.first_reply
    }

    /// Full resolution times (seconds) of solved interactions.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// // T-2 is open again at 2:00, so only T-1 has a resolution time
    /// assert_eq!(summary.full_resolution().values(), &[1200.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn full_resolution(&self) -> &Durations {
        &self.full_resolution
    }

    /// Requester wait times (seconds).
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// // T-2: New 30 + Open 15 + OnHold 15 + Open 10 + Open 10 minutes = 80
    /// assert_eq!(summary.requester_wait().values(), &[1200.0, 4800.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn requester_wait(&self) -> &Durations {
        &self.requester_wait
    }

    /// Agent work times (seconds).
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// // T-2: New 30 + Open 15 + Open 10 + Open 10 minutes = 65
    /// assert_eq!(summary.agent_work().values(), &[1200.0, 3900.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_work(&self) -> &Durations {
        &self.agent_work
    }

    /// On-hold times (seconds).
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.on_hold().values(), &[0.0, 900.0]); // T-2: 1:15–1:30
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn on_hold(&self) -> &Durations {
        &self.on_hold
    }

    /// Agent wait (pending) times (seconds).
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// assert_eq!(summary.agent_wait().values(), &[0.0, 1800.0]); // T-2: Pending 0:30–1:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent_wait(&self) -> &Durations {
        &self.agent_wait
    }

    /// The first-contact resolution accumulator.
    ///
    /// ```
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
    /// # let t = |m: i64| chrono::DateTime::from_timestamp(m * 60, 0).unwrap();
    /// # let (ana, c) = (AgentId::new("ana")?, CustomerId::new("c")?);
    /// # let quick = Interaction::builder(InteractionId::new("T-1")?, c.clone(), Channel::Chat, t(0))
    /// #     .agent_reply(t(10), ana.clone(), Visibility::Public)
    /// #     .status(t(20), Status::Solved)
    /// #     .build()?;
    /// # let slow = Interaction::builder(InteractionId::new("T-2")?, c, Channel::Email, t(0))
    /// #     .agent_reply(t(30), ana, Visibility::Public)
    /// #     .status(t(30), Status::Pending)
    /// #     .customer_message(t(60))
    /// #     .status(t(60), Status::Open)
    /// #     .status(t(75), Status::OnHold)
    /// #     .status(t(90), Status::Open)
    /// #     .status(t(100), Status::Solved)
    /// #     .status(t(110), Status::Open)
    /// #     .build()?;
    /// # let mut summary = ClockSummary::new(FcrConvention::OneTouch);
    /// # for case in [&quick, &slow] {
    /// #     summary.push(&InteractionClocks::measure(case, t(120), &CalendarTime, FcrConvention::OneTouch)?)?;
    /// # }
    /// // T-1: reply at 0:10, solved at 0:20. T-2: reply + Pending at 0:30, customer + Open
    /// // 1:00, OnHold 1:15, Open 1:30, Solved 1:40, reopened 1:50. Both read at 2:00.
    /// // T-1 is solved with one reply; T-2 is not solved, so it has no verdict
    /// assert_eq!((summary.fcr().resolved(), summary.fcr().eligible()), (1, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn fcr(&self) -> &Fcr {
        &self.fcr
    }
}
