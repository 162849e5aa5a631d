//! Evaluating a book against one interaction at an instant.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

use super::SlaError;
use super::book::{MAX_TARGET_SECONDS, SlaBook, Target, TargetKind, TimeBasis};
use crate::calendar::{CalendarTime, ElapsedTime};
use crate::error::Error;
use crate::error::rfc3339;
use crate::id::{Segment, TierId};
use crate::interaction::{Interaction, Priority, ReplyCycle, Status, Timeline};
use crate::loyalty::Benefits;

/// Who the customer is, for policy matching and tier benefits.
///
/// ```
/// use carekit::TierId;
/// use carekit::loyalty::Benefits;
/// use carekit::sla::SlaContext;
///
/// let gold = Benefits::default().with_priority_boost(1);
/// let ctx = SlaContext::new().with_tier(TierId::new("gold")?).with_benefits(&gold);
/// assert_eq!(ctx.tier().map(TierId::as_str), Some("gold"));
/// assert!(ctx.segment().is_none());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SlaContext<'a> {
    tier: Option<TierId>,
    segment: Option<Segment>,
    benefits: Option<&'a Benefits>,
}

impl<'a> SlaContext<'a> {
    /// No tier, no segment, no benefits.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// let eval = book.evaluate(&case, &SlaContext::new(), t(10, 0), &CalendarTime)?;
    /// assert_eq!(eval.policy(), Some("standard")); // no tier, normal priority
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The customer's tier, for [`Conditions`](super::Conditions) on tiers.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// let ctx = SlaContext::new().with_tier(TierId::new("gold")?);
    /// assert_eq!(book.evaluate(&case, &ctx, t(10, 0), &CalendarTime)?.policy(), Some("gold"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_tier(mut self, tier: TierId) -> Self {
        self.tier = Some(tier);
        self
    }

    /// The customer's segment.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// let ctx = SlaContext::new().with_segment(Segment::new("enterprise")?);
    /// assert_eq!(ctx.segment().map(Segment::as_str), Some("enterprise"));
    /// assert_eq!(book.evaluate(&case, &ctx, t(10, 0), &CalendarTime)?.policy(), Some("standard")); // no segment condition
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_segment(mut self, segment: Segment) -> Self {
        self.segment = Some(segment);
        self
    }

    /// The benefits of the customer's tier: the priority boost raises the
    /// priority used for matching; the SLA target multiplier scales every
    /// target.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// // boost 1: normal → high matches "high"; ×0.5: 3h → 1h30m
    /// let perks = Benefits::default().with_priority_boost(1).with_sla_target_multiplier(Multiplier::new(rust_decimal::Decimal::new(5, 1))?);
    /// let eval = book.evaluate(&case, &SlaContext::new().with_benefits(&perks), t(10, 0), &CalendarTime)?;
    /// assert_eq!((eval.policy(), eval.priority()), (Some("high"), Priority::High));
    /// assert_eq!(eval.targets()[0].limit(), TimeDelta::minutes(90));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_benefits(mut self, benefits: &'a Benefits) -> Self {
        self.benefits = Some(benefits);
        self
    }

    /// The tier, if known.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::sla::SlaContext;
    /// assert_eq!(SlaContext::new().tier(), None);
    /// assert_eq!(SlaContext::new().with_tier(TierId::new("gold")?).tier().map(TierId::as_str), Some("gold"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> Option<&TierId> {
        self.tier.as_ref()
    }

    /// The segment, if known.
    ///
    /// ```
    /// # use carekit::Segment;
    /// # use carekit::sla::SlaContext;
    /// assert_eq!(SlaContext::new().segment(), None);
    /// assert_eq!(SlaContext::new().with_segment(Segment::new("smb")?).segment().map(Segment::as_str), Some("smb"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn segment(&self) -> Option<&Segment> {
        self.segment.as_ref()
    }

    /// The tier's benefits, if given.
    ///
    /// ```
    /// # use carekit::loyalty::Benefits;
    /// # use carekit::sla::SlaContext;
    /// let gold = Benefits::default().with_priority_boost(1);
    /// assert_eq!(SlaContext::new().with_benefits(&gold).benefits().map(Benefits::priority_boost), Some(1));
    /// assert!(SlaContext::new().benefits().is_none());
    /// ```
    pub fn benefits(&self) -> Option<&'a Benefits> {
        self.benefits
    }
}

/// Where a target stands. Durations are on the clock that measured the
/// target ([`TargetEvaluation::clock`]: business time for business targets
/// measured with a business calendar).
///
/// ```
/// use carekit::sla::SlaState;
/// use chrono::TimeDelta;
/// let s = SlaState::Breached { by: TimeDelta::minutes(5) };
/// assert!(s.is_final());
/// assert_eq!(s.margin(), TimeDelta::minutes(-5));
/// assert_eq!(s.to_string(), "breached");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SlaState {
    /// The clock stopped within the limit.
    Achieved {
        /// Time to spare (limit − counted, ≥ 0).
        margin: TimeDelta,
    },
    /// The limit was passed (whether or not the clock has stopped).
    Breached {
        /// counted − limit (≥ 0; 0 when the deadline passed at a closing
        /// time and no business time has run since).
        by: TimeDelta,
    },
    /// The clock is running and the deadline is ahead.
    Active {
        /// Time left (limit − counted, ≥ 0).
        remaining: TimeDelta,
    },
    /// The clock is stopped by a pausing status; the deadline is undefined
    /// until it runs again.
    Paused {
        /// Time left (limit − counted, ≥ 0).
        remaining: TimeDelta,
    },
}

impl SlaState {
    /// Achieved or breached: it can no longer change for this cycle.
    ///
    /// ```
    /// # use carekit::sla::SlaState;
    /// # use chrono::TimeDelta;
    /// assert!(SlaState::Achieved { margin: TimeDelta::minutes(20) }.is_final());
    /// assert!(!SlaState::Paused { remaining: TimeDelta::hours(1) }.is_final()); // may still breach
    /// ```
    pub fn is_final(self) -> bool {
        matches!(self, Self::Achieved { .. } | Self::Breached { .. })
    }

    /// The signed headroom: positive for time to spare or left, negative by
    /// how much it was breached.
    ///
    /// ```
    /// # use carekit::sla::SlaState;
    /// # use chrono::TimeDelta;
    /// assert_eq!(SlaState::Active { remaining: TimeDelta::hours(3) }.margin(), TimeDelta::hours(3));
    /// assert_eq!(SlaState::Breached { by: TimeDelta::minutes(10) }.margin(), TimeDelta::minutes(-10));
    /// ```
    pub fn margin(self) -> TimeDelta {
        match self {
            Self::Achieved { margin } => margin,
            Self::Active { remaining } | Self::Paused { remaining } => remaining,
            Self::Breached { by } => TimeDelta::zero().checked_sub(&by).unwrap_or(TimeDelta::MIN),
        }
    }

    /// `"achieved"`, `"breached"`, `"active"` or `"paused"`.
    ///
    /// ```
    /// # use carekit::sla::SlaState;
    /// # use chrono::TimeDelta;
    /// assert_eq!(SlaState::Paused { remaining: TimeDelta::zero() }.name(), "paused");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Achieved { .. } => "achieved",
            Self::Breached { .. } => "breached",
            Self::Active { .. } => "active",
            Self::Paused { .. } => "paused",
        }
    }
}

impl fmt::Display for SlaState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The evaluation of one target: the cycle reported (the open one, or the
/// latest that finished), its limit, counted time, deadline and state, and
/// how earlier cycles ended. [`Display`](fmt::Display) gives the reason in
/// words.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId};
/// use carekit::calendar::CalendarTime;
/// use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, SlaState, Target, TargetKind, TimeBasis};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
///     Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?.with_basis(TimeBasis::Calendar),
/// ])?])?;
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
/// let eval = book.evaluate(&case, &SlaContext::new(), t(10, 0), &CalendarTime)?;
/// let fr = eval.target(TargetKind::FirstReply).unwrap();
/// assert_eq!(fr.state(), SlaState::Active { remaining: TimeDelta::hours(3) });
/// assert_eq!(fr.deadline(), Some(t(13, 0)));
/// assert_eq!(fr.to_string(), "first reply due 2024-03-04T13:00:00Z (4h calendar time); 3h left at 2024-03-04T10:00:00Z");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TargetEvaluation {
    kind: TargetKind,
    basis: TimeBasis,
    clock: TimeBasis,
    within: TimeDelta,
    limit: TimeDelta,
    multiplier: Decimal,
    started: DateTime<Utc>,
    stopped: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
    counted: TimeDelta,
    deadline: Option<DateTime<Utc>>,
    state: SlaState,
    paused_by: Option<Status>,
    earlier_achieved: u64,
    earlier_breached: u64,
}

impl TargetEvaluation {
    /// The clock.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// let kinds: Vec<TargetKind> = eval.targets().iter().map(|t| t.kind()).collect();
    /// assert_eq!(kinds, [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> TargetKind {
        self.kind
    }

    /// How the book says its time is counted (the target's basis). See
    /// [`clock`](Self::clock) for the clock that actually measured it.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.basis(), TimeBasis::Calendar);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn basis(&self) -> TimeBasis {
        self.basis
    }

    /// The clock that measured this target: its [`basis`](Self::basis),
    /// except that a business-time target evaluated with a clock that
    /// counts every second ([`CalendarTime`] passed as the business clock,
    /// see [`ElapsedTime::counts_every_second`]) was measured in
    /// [`TimeBasis::Calendar`] time, and says so. Counted time, margins and
    /// deadlines are on this clock.
    ///
    /// ```
    /// use carekit::{Channel, CustomerId, Interaction, InteractionId};
    /// use carekit::calendar::CalendarTime;
    /// use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
    /// // A business-time target (the default basis), evaluated without a business calendar.
    /// let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    ///     Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?,
    /// ])?])?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9)).build()?;
    /// let eval = book.evaluate(&case, &SlaContext::new(), t(10), &CalendarTime)?;
    /// let fr = eval.target(TargetKind::FirstReply).unwrap();
    /// assert_eq!((fr.basis(), fr.clock()), (TimeBasis::Business, TimeBasis::Calendar));
    /// assert_eq!(fr.to_string(), "first reply due 2024-03-04T13:00:00Z (4h calendar time: \
    ///     a business-time target measured without a business calendar); 3h left at 2024-03-04T10:00:00Z");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn clock(&self) -> TimeBasis {
        self.clock
    }

    /// The limit applied: the book's duration times the tier multiplier.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(nr.limit(), TimeDelta::hours(2)); // no tier multiplier: limit = within
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn limit(&self) -> TimeDelta {
        self.limit
    }

    /// The book's duration, before the tier multiplier.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(res.within(), TimeDelta::hours(8));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn within(&self) -> TimeDelta {
        self.within
    }

    /// The tier multiplier applied (1 without benefits).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.multiplier(), rust_decimal::Decimal::ONE); // no benefits in the context
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn multiplier(&self) -> Decimal {
        self.multiplier
    }

    /// When the reported cycle's clock started.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!((fr.started(), nr.started()), (t(9, 0), t(10, 0))); // creation; the customer's message
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn started(&self) -> DateTime<Utc> {
        self.started
    }

    /// When the reported cycle's clock stopped for good (the reply, the
    /// solve), if it has.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.stopped(), Some(t(9, 40))); // the first public reply
    /// assert_eq!(nr.stopped(), None); // nobody answered the 10:00 message yet
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn stopped(&self) -> Option<DateTime<Utc>> {
        self.stopped
    }

    /// Time counted so far (or until the stop), on the target's basis.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.counted(), TimeDelta::minutes(40)); // 09:00 → 09:40
    /// assert_eq!(res.counted(), TimeDelta::hours(4)); // 09:00 → 13:00, still running
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn counted(&self) -> TimeDelta {
        self.counted
    }

    /// The instant the limit is (or was) reached: known while the clock
    /// runs, for breaches (the instant of the breach) and for achievements
    /// whose clock was running when it stopped; `None` while paused.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.deadline(), Some(t(10, 0))); // 09:00 + 1h
    /// assert_eq!(nr.deadline(), Some(t(12, 0))); // 10:00 + 2h: the breach instant
    /// assert_eq!(res.deadline(), Some(t(17, 0))); // 09:00 + 8h
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.deadline
    }

    /// The state.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(fr.state(), SlaState::Achieved { margin: TimeDelta::minutes(20) }); // 1h − 40m
    /// assert_eq!(nr.state(), SlaState::Breached { by: TimeDelta::hours(1) }); // 3h − 2h
    /// assert_eq!(res.state(), SlaState::Active { remaining: TimeDelta::hours(4) }); // 8h − 4h
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn state(&self) -> SlaState {
        self.state
    }

    /// For cyclic kinds, how many earlier cycles were achieved.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     Target::new(TargetKind::NextReply, TimeDelta::hours(2))?.with_basis(TimeBasis::Calendar),
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-2")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    /// #     .agent_reply(t(9, 30), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(10, 0)).agent_reply(t(10, 30), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(11, 0)).agent_reply(t(14, 0), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(15, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(16, 0), &CalendarTime)?;
    /// # let nr = eval.target(TargetKind::NextReply).expect("a cycle is open");
    /// // Next reply within 2h (calendar time). Customer messages at 10:00, 11:00 and 15:00,
    /// // answered at 10:30 (achieved), 14:00 (3h: breached) and not yet; evaluated at 16:00.
    /// assert_eq!(nr.earlier_achieved(), 1); // 10:00 → 10:30
    /// assert_eq!(nr.started(), t(15, 0)); // the open cycle is the one reported
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earlier_achieved(&self) -> u64 {
        self.earlier_achieved
    }

    /// For cyclic kinds, how many earlier cycles were breached.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let ana = AgentId::new("ana")?;
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     Target::new(TargetKind::NextReply, TimeDelta::hours(2))?.with_basis(TimeBasis::Calendar),
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-2")?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
    /// #     .agent_reply(t(9, 30), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(10, 0)).agent_reply(t(10, 30), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(11, 0)).agent_reply(t(14, 0), ana.clone(), Visibility::Public)
    /// #     .customer_message(t(15, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(16, 0), &CalendarTime)?;
    /// # let nr = eval.target(TargetKind::NextReply).expect("a cycle is open");
    /// // Next reply within 2h (calendar time). Customer messages at 10:00, 11:00 and 15:00,
    /// // answered at 10:30 (achieved), 14:00 (3h: breached) and not yet; evaluated at 16:00.
    /// assert_eq!(nr.earlier_breached(), 1); // 11:00 → 14:00 is 3h > 2h
    /// assert_eq!(nr.state(), SlaState::Active { remaining: TimeDelta::hours(1) }); // 15:00 → 16:00
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn earlier_breached(&self) -> u64 {
        self.earlier_breached
    }

    /// The reason in words (the same as [`Display`](fmt::Display)).
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(nr.reason(), "next reply (cycle from 2024-03-04T10:00:00Z) due 2024-03-04T12:00:00Z \
    ///     (2h calendar time); breached by 1h, still running at 2024-03-04T13:00:00Z");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn reason(&self) -> String {
        self.to_string()
    }
}

/// `2h48m`, `4h`, `45s`, `0s`; negative durations get a leading `-`.
pub(crate) fn human(d: TimeDelta) -> String {
    let total = d.num_seconds();
    let sign = if total < 0 { "-" } else { "" };
    let s = total.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let hours = if h > 0 {
        format!("{h}h")
    } else {
        String::new()
    };
    let minutes = if m > 0 {
        format!("{m}m")
    } else {
        String::new()
    };
    let seconds = if sec > 0 || (h == 0 && m == 0) {
        format!("{sec}s")
    } else {
        String::new()
    };
    format!("{sign}{hours}{minutes}{seconds}")
}

impl fmt::Display for TargetEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.words())?;
        if self.kind.is_cyclic() {
            write!(f, " (cycle from {})", rfc3339(self.started))?;
        }
        let mut limit = format!("{} {} time", human(self.limit), self.clock);
        let mut notes = Vec::new();
        if self.multiplier != Decimal::ONE {
            notes.push(format!(
                "{} × {}",
                human(self.within),
                self.multiplier.normalize()
            ));
        }
        if self.clock != self.basis {
            notes.push(format!(
                "a {}-time target measured without a {} calendar",
                self.basis, self.basis
            ));
        }
        if !notes.is_empty() {
            limit.push_str(": ");
            limit.push_str(&notes.join("; "));
        }
        match self.deadline {
            Some(d) => write!(f, " due {} ({limit}); ", rfc3339(d))?,
            None => write!(f, " within {limit}; ")?,
        }
        match (self.state, self.stopped) {
            (SlaState::Achieved { margin }, Some(s)) => {
                write!(
                    f,
                    "achieved at {} with {} to spare",
                    rfc3339(s),
                    human(margin)
                )?;
            }
            (SlaState::Breached { by }, Some(s)) => {
                write!(f, "breached by {}: stopped at {}", human(by), rfc3339(s))?;
            }
            (SlaState::Breached { by }, None) => {
                write!(
                    f,
                    "breached by {}, still running at {}",
                    human(by),
                    rfc3339(self.at)
                )?;
            }
            (SlaState::Active { remaining }, _) => {
                write!(f, "{} left at {}", human(remaining), rfc3339(self.at))?;
            }
            (SlaState::Paused { remaining }, _) => {
                let status = self.paused_by.map_or("a paused status", Status::name);
                write!(
                    f,
                    "paused in {status} at {} with {} left",
                    rfc3339(self.at),
                    human(remaining)
                )?;
            }
            (state, _) => write!(f, "{state}")?,
        }
        if self.earlier_achieved > 0 || self.earlier_breached > 0 {
            write!(
                f,
                "; earlier cycles: {} achieved, {} breached",
                self.earlier_achieved, self.earlier_breached
            )?;
        }
        Ok(())
    }
}

/// The result of [`SlaBook::evaluate`]: the policy that applied (if any),
/// the priority used to match it, and one [`TargetEvaluation`] per target
/// whose clock has started.
///
/// ```
/// use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority};
/// use carekit::calendar::CalendarTime;
/// use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
/// let book = SlaBook::new(vec![SlaPolicy::new(
///     "urgent only",
///     Conditions::any().with_priorities([Priority::Urgent]),
///     vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?],
/// )?])?;
/// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9)).build()?;
/// let eval = book.evaluate(&case, &SlaContext::new(), t(10), &CalendarTime)?;
/// assert_eq!(eval.policy(), None); // a normal-priority case: no policy applies
/// assert!(eval.targets().is_empty());
/// assert_eq!(eval.priority(), Priority::Normal);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlaEvaluation {
    policy: Option<String>,
    priority: Priority,
    at: DateTime<Utc>,
    targets: Vec<TargetEvaluation>,
}

impl SlaEvaluation {
    /// The name of the policy that applied; `None` when none matched.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(eval.policy(), Some("std"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn policy(&self) -> Option<&str> {
        self.policy.as_deref()
    }

    /// The priority used for matching (the interaction's, raised by the
    /// tier's boost).
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// let boost = Benefits::default().with_priority_boost(2);
    /// let eval = book.evaluate(&case, &SlaContext::new().with_benefits(&boost), t(10, 0), &CalendarTime)?;
    /// assert_eq!(eval.priority(), Priority::Urgent); // normal + 2
    /// assert_eq!(eval.policy(), Some("standard")); // "high" lists high only
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// The evaluation instant.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(eval.at(), t(13, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// One entry per target whose clock has started, in the policy's order.
    ///
    /// ```
    /// # use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority, Segment, TierId};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![
    /// #     SlaPolicy::new("gold", Conditions::any().with_tiers([TierId::new("gold")?]), vec![first_reply(2)?])?,
    /// #     SlaPolicy::new("high", Conditions::any().with_priorities([Priority::High]), vec![first_reply(3)?])?,
    /// #     SlaPolicy::new("standard", Conditions::any(), vec![first_reply(8)?])?,
    /// # ])?;
    /// # let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0)).build()?;
    /// // Policies in order: "gold" (gold tier, 2h), "high" (high priority, 3h), "standard" (8h).
    /// // A normal-priority e-mail opened at 09:00 and not yet answered.
    /// // a policy with a next-reply target reports nothing until a cycle starts
    /// let book = SlaBook::new(vec![SlaPolicy::new("nr", Conditions::any(), vec![
    ///     Target::new(TargetKind::NextReply, TimeDelta::hours(2))?])?])?;
    /// assert!(book.evaluate(&case, &SlaContext::new(), t(10, 0), &CalendarTime)?.targets().is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn targets(&self) -> &[TargetEvaluation] {
        &self.targets
    }

    /// The entry for one kind.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert_eq!(eval.target(TargetKind::Resolution).map(|t| t.state().name()), Some("active"));
    /// assert!(eval.target(TargetKind::AgentWork).is_none()); // not in the policy
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn target(&self, kind: TargetKind) -> Option<&TargetEvaluation> {
        self.targets.iter().find(|t| t.kind == kind)
    }

    /// Whether any target is breached.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// assert!(eval.is_breached()); // the next reply is 1h late
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_breached(&self) -> bool {
        self.targets
            .iter()
            .any(|t| matches!(t.state, SlaState::Breached { .. }))
    }

    /// The running target with the nearest deadline: what to work on next.
    ///
    /// ```
    /// # use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Priority, Visibility};
    /// # use carekit::calendar::CalendarTime;
    /// # use carekit::sla::*;
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// # let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).map(|t| t.with_basis(TimeBasis::Calendar));
    /// # let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    /// #     target(TargetKind::FirstReply, 1)?, target(TargetKind::NextReply, 2)?, target(TargetKind::Resolution, 8)?,
    /// # ])?])?;
    /// # let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    /// #     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
    /// #     .customer_message(t(10, 0))
    /// #     .build()?;
    /// # let eval = book.evaluate(&case, &SlaContext::new(), t(13, 0), &CalendarTime)?;
    /// # let [fr, nr, res] = [TargetKind::FirstReply, TargetKind::NextReply, TargetKind::Resolution]
    /// #     .map(|k| eval.target(k).expect("started"));
    /// // Calendar-time targets: first reply 1h, next reply 2h, resolution 8h. Case opened
    /// // at 09:00, answered at 09:40; the customer wrote again at 10:00. Evaluated at 13:00.
    /// // the breached next reply is not "next": only running targets ahead of their deadline
    /// assert_eq!(eval.next_deadline().map(|t| (t.kind(), t.deadline())), Some((TargetKind::Resolution, Some(t(17, 0)))));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next_deadline(&self) -> Option<&TargetEvaluation> {
        self.targets
            .iter()
            .filter(|t| matches!(t.state, SlaState::Active { .. }))
            .filter(|t| t.deadline.is_some())
            .min_by_key(|t| t.deadline)
    }
}

impl SlaBook {
    /// Evaluates the interaction as it stood at `at` (events after `at` are
    /// ignored) under the first policy that matches it.
    ///
    /// Business-basis targets count time with `business`; calendar-basis
    /// targets with [`CalendarTime`]. Pass `&CalendarTime` as `business` to
    /// run every target 24/7: business-basis targets are then reported as
    /// measured in calendar time ([`TargetEvaluation::clock`], and in the
    /// reason), never as business time. See the [module docs](super) for
    /// each clock.
    ///
    /// ```
    /// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
    /// use carekit::calendar::CalendarTime;
    /// use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, SlaState, Target, TargetKind};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    /// let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
    ///     Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?,
    /// ])?])?;
    /// let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
    ///     .agent_reply(t(10, 12), AgentId::new("ana")?, Visibility::Public)
    ///     .build()?;
    /// let eval = book.evaluate(&case, &SlaContext::new(), t(12, 0), &CalendarTime)?;
    /// let fr = eval.target(TargetKind::FirstReply).unwrap();
    /// // 09:00 → 10:12 is 1h12m of the 4h: 2h48m to spare.
    /// assert_eq!(fr.state(), SlaState::Achieved { margin: TimeDelta::minutes(168) });
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// - [`SlaError::BeforeCreation`] when `at` is before the interaction
    ///   was created;
    /// - [`SlaError::ScaledTargetOutOfRange`] when the tier multiplier
    ///   scales a target below 1s or above
    ///   [`MAX_TARGET_SECONDS`](super::MAX_TARGET_SECONDS);
    /// - any error of `business` (for example a calendar with no open
    ///   time).
    pub fn evaluate(
        &self,
        interaction: &Interaction,
        context: &SlaContext<'_>,
        at: DateTime<Utc>,
        business: &impl ElapsedTime,
    ) -> Result<SlaEvaluation, Error> {
        if at < interaction.created_at() {
            return Err(SlaError::BeforeCreation {
                at,
                created_at: interaction.created_at(),
            }
            .into());
        }
        let priority = context.benefits.map_or(interaction.priority(), |b| {
            b.boosted_priority(interaction.priority())
        });
        let Some(policy) = self.policy_for(
            priority,
            interaction.channel(),
            context.tier.as_ref(),
            context.segment.as_ref(),
        ) else {
            return Ok(SlaEvaluation {
                policy: None,
                priority,
                at,
                targets: Vec::new(),
            });
        };
        let multiplier = context
            .benefits
            .map_or(Decimal::ONE, |b| b.sla_target_multiplier().get());
        let timeline = interaction.timeline_with(at, self.outbound_start())?;
        let mut targets = Vec::with_capacity(policy.targets().len());
        for target in policy.targets() {
            let limit = scale(policy.name(), target, multiplier)?;
            let clock: &dyn ElapsedTime = match target.basis() {
                TimeBasis::Business => business,
                TimeBasis::Calendar => &CalendarTime,
            };
            let spec = Spec {
                timeline: &timeline,
                target,
                clock,
                limit,
                at,
            };
            if let Some(mut evaluation) = spec.evaluate()? {
                evaluation.multiplier = multiplier;
                evaluation.clock = measured_in(target.basis(), clock);
                targets.push(evaluation);
            }
        }
        Ok(SlaEvaluation {
            policy: Some(policy.name().to_owned()),
            priority,
            at,
            targets,
        })
    }
}

/// The clock that actually measured a target of `basis` with `clock`: a
/// business-time target measured with a clock that counts every second
/// (such as [`CalendarTime`]) was measured in calendar time.
fn measured_in(basis: TimeBasis, clock: &dyn ElapsedTime) -> TimeBasis {
    if clock.counts_every_second() {
        TimeBasis::Calendar
    } else {
        basis
    }
}

/// `within × multiplier`, rounded half away from zero to whole seconds.
fn scale(policy: &str, target: &Target, multiplier: Decimal) -> Result<TimeDelta, Error> {
    let seconds = target.within_seconds();
    let out_of_range = |scaled: Option<Decimal>| SlaError::ScaledTargetOutOfRange {
        policy: policy.into(),
        kind: target.kind().name(),
        seconds,
        multiplier,
        scaled,
    };
    let scaled = Decimal::from(seconds)
        .checked_mul(multiplier)
        .ok_or_else(|| out_of_range(None))?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let whole = i64::try_from(scaled)
        .ok()
        .filter(|s| (1..=MAX_TARGET_SECONDS).contains(s))
        .ok_or_else(|| out_of_range(Some(scaled)))?;
    Ok(TimeDelta::seconds(whole))
}

/// Counted time over a window, and when it reached the limit.
struct Measured {
    counted: TimeDelta,
    /// The instant counted time reached the limit.
    crossing: Option<DateTime<Utc>>,
    /// The end of the last stretch in which the clock ran.
    last_run_end: Option<DateTime<Utc>>,
}

impl Measured {
    /// The clock ran past the instant it reached the limit.
    fn ran_past_limit(&self) -> bool {
        self.crossing
            .zip(self.last_run_end)
            .is_some_and(|(crossing, run_end)| run_end > crossing)
    }
}

struct Spec<'a> {
    timeline: &'a Timeline,
    target: &'a Target,
    clock: &'a dyn ElapsedTime,
    limit: TimeDelta,
    at: DateTime<Utc>,
}

impl Spec<'_> {
    /// Whether the clock runs in `status`.
    fn counts(&self, status: Status) -> bool {
        if self.target.is_paused_in(status) {
            return false;
        }
        match self.target.kind() {
            // Full resolution: time between a solve and a reopen counts
            // unless `solved` is listed as pausing; closed has no length.
            TargetKind::Resolution => true,
            _ => !status.is_solved(),
        }
    }

    /// The cycle to judge and the earlier ones of the same kind; `None`
    /// when the target's clock has not started.
    fn cycles(&self) -> Option<(ReplyCycle, &[ReplyCycle])> {
        let tl = self.timeline;
        let kind = self.target.kind();
        match kind {
            TargetKind::FirstReply => tl.first_reply_cycle().map(|c| (c, &[][..])),
            TargetKind::NextReply | TargetKind::PeriodicUpdate => {
                let all = if kind == TargetKind::NextReply {
                    tl.next_reply_cycles()
                } else {
                    tl.update_cycles()
                };
                all.split_last().map(|(last, older)| (*last, older))
            }
            _ => {
                // Customer-facing clocks start at the clock start; agent
                // work at creation.
                let start = if kind == TargetKind::AgentWork {
                    Some(tl.created_at())
                } else {
                    tl.clock_start()
                }?;
                let stop = if tl.is_solved() {
                    tl.last_solve()
                } else {
                    None
                };
                Some((
                    ReplyCycle::new(start, stop.filter(|s| *s >= start)),
                    &[][..],
                ))
            }
        }
    }

    fn evaluate(&self) -> Result<Option<TargetEvaluation>, Error> {
        let kind = self.target.kind();
        let Some((cycle, earlier)) = self.cycles() else {
            return Ok(None);
        };
        let mut earlier_achieved = 0_u64;
        let mut earlier_breached = 0_u64;
        for c in earlier {
            match self.judge(*c)?.1 {
                SlaState::Breached { .. } => {
                    earlier_breached = earlier_breached.saturating_add(1);
                }
                _ => earlier_achieved = earlier_achieved.saturating_add(1),
            }
        }
        let (measured, state, deadline) = self.judge(cycle)?;
        let paused_by = matches!(state, SlaState::Paused { .. }).then(|| self.timeline.status());
        Ok(Some(TargetEvaluation {
            kind,
            basis: self.target.basis(),
            clock: self.target.basis(),
            within: self.target.within(),
            limit: self.limit,
            multiplier: Decimal::ONE,
            started: cycle.start(),
            stopped: cycle.stop(),
            at: self.at,
            counted: measured.counted,
            deadline,
            state,
            paused_by,
            earlier_achieved,
            earlier_breached,
        }))
    }

    fn measure(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Measured, Error> {
        let overflow = || SlaError::Overflow {
            what: "counted time",
        };
        let mut counted = TimeDelta::zero();
        let mut crossing = None;
        let mut last_run_end = None;
        for p in self.timeline.periods_between(start, end) {
            let (s, e) = (p.start(), p.end());
            if !self.counts(p.status()) {
                continue;
            }
            let d = self.clock.elapsed(s, e)?;
            let after = counted.checked_add(&d).ok_or_else(overflow)?;
            if crossing.is_none() && after >= self.limit {
                let rest = self.limit.checked_sub(&counted).ok_or_else(overflow)?;
                crossing = Some(self.clock.advance(s, rest)?);
            }
            counted = after;
            last_run_end = Some(e);
        }
        Ok(Measured {
            counted,
            crossing,
            last_run_end,
        })
    }

    fn judge(
        &self,
        cycle: ReplyCycle,
    ) -> Result<(Measured, SlaState, Option<DateTime<Utc>>), Error> {
        let end = cycle.stop().unwrap_or(self.at);
        let m = self.measure(cycle.start(), end)?;
        let overflow = || SlaError::Overflow { what: "sla margin" };
        if m.ran_past_limit() {
            let by = m.counted.checked_sub(&self.limit).ok_or_else(overflow)?;
            let deadline = m.crossing;
            return Ok((m, SlaState::Breached { by }, deadline));
        }
        let left = self.limit.checked_sub(&m.counted).ok_or_else(overflow)?;
        if cycle.stop().is_some() {
            let deadline = if m.last_run_end == Some(end) {
                Some(self.clock.advance(end, left)?)
            } else {
                None
            };
            return Ok((m, SlaState::Achieved { margin: left }, deadline));
        }
        if self.counts(self.timeline.status()) {
            let deadline = self.clock.advance(self.at, left)?;
            Ok((m, SlaState::Active { remaining: left }, Some(deadline)))
        } else {
            Ok((m, SlaState::Paused { remaining: left }, None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human(TimeDelta::seconds(0)), "0s");
        assert_eq!(human(TimeDelta::minutes(168)), "2h48m");
        assert_eq!(human(TimeDelta::hours(52)), "52h");
        assert_eq!(human(TimeDelta::seconds(3605)), "1h5s");
        assert_eq!(human(TimeDelta::seconds(-90)), "-1m30s");
    }

    #[test]
    fn scaling_rounds_half_away_from_zero() {
        let t = Target::new(TargetKind::FirstReply, TimeDelta::seconds(3)).unwrap();
        // 3 × 0.5 = 1.5 → 2
        assert_eq!(
            scale("p", &t, Decimal::new(5, 1)).unwrap(),
            TimeDelta::seconds(2)
        );
        // 3 × 0.1 = 0.3 → 0: rejected
        assert!(scale("p", &t, Decimal::new(1, 1)).is_err());
        // 3 × 0.49 = 1.47 → 1
        assert_eq!(
            scale("p", &t, Decimal::new(49, 2)).unwrap(),
            TimeDelta::seconds(1)
        );
    }
}

#[cfg(feature = "serde")]
mod ser {
    //! Evaluations are outputs: they serialise (for logs, APIs and boards)
    //! but are not read back, so they need no validating `Deserialize`.

    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{SlaEvaluation, SlaState, TargetEvaluation};

    impl Serialize for SlaState {
        /// `{"state": "breached", "margin": -900}` (seconds, signed as
        /// [`SlaState::margin`]).
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("SlaState", 2)?;
            s.serialize_field("state", self.name())?;
            s.serialize_field("margin", &self.margin().num_seconds())?;
            s.end()
        }
    }

    impl Serialize for TargetEvaluation {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("TargetEvaluation", 15)?;
            s.serialize_field("kind", &self.kind)?;
            s.serialize_field("basis", &self.basis)?;
            s.serialize_field("clock", &self.clock)?;
            s.serialize_field("state", self.state.name())?;
            s.serialize_field("margin", &self.state.margin().num_seconds())?;
            s.serialize_field("deadline", &self.deadline)?;
            s.serialize_field("counted", &self.counted.num_seconds())?;
            s.serialize_field("limit", &self.limit.num_seconds())?;
            s.serialize_field("within", &self.within.num_seconds())?;
            s.serialize_field("multiplier", &self.multiplier)?;
            s.serialize_field("started", &self.started)?;
            s.serialize_field("stopped", &self.stopped)?;
            s.serialize_field("earlier_achieved", &self.earlier_achieved)?;
            s.serialize_field("earlier_breached", &self.earlier_breached)?;
            s.serialize_field("reason", &self.to_string())?;
            s.end()
        }
    }

    impl Serialize for SlaEvaluation {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("SlaEvaluation", 4)?;
            s.serialize_field("policy", &self.policy)?;
            s.serialize_field("priority", &self.priority)?;
            s.serialize_field("at", &self.at)?;
            s.serialize_field("targets", &self.targets)?;
            s.end()
        }
    }
}
