//! The data of an SLA book: policies, conditions and targets.

use std::collections::BTreeSet;
use std::fmt;

use chrono::TimeDelta;

use super::SlaError;
use crate::interaction::OutboundStart;
use crate::{
    error::Error, id::Segment, id::TierId, interaction::Channel, interaction::Priority,
    interaction::Status,
};

/// The longest target duration a book accepts: 100 years of 366 days, in
/// seconds.
///
/// ```
/// # use carekit::sla::{MAX_TARGET_SECONDS, Target, TargetKind};
/// # use chrono::TimeDelta;
/// assert_eq!(MAX_TARGET_SECONDS, 3_162_240_000); // 100 × 366 × 86 400
/// assert!(Target::new(TargetKind::Resolution, TimeDelta::seconds(MAX_TARGET_SECONDS)).is_ok());
/// assert!(Target::new(TargetKind::Resolution, TimeDelta::seconds(MAX_TARGET_SECONDS + 1)).is_err());
/// ```
pub const MAX_TARGET_SECONDS: i64 = 100 * 366 * 86_400;

/// What a target measures. See the [module docs](super) for each clock's
/// timeline.
///
/// ```
/// use carekit::sla::TargetKind;
/// assert_eq!(TargetKind::FirstReply.to_string(), "first_reply");
/// assert_eq!(TargetKind::FirstReply.words(), "first reply");
/// assert_eq!(TargetKind::ALL.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TargetKind {
    /// Creation → first public agent reply.
    FirstReply,
    /// Oldest unanswered customer message → next public agent reply.
    NextReply,
    /// Public agent reply → next public agent reply, while unsolved.
    PeriodicUpdate,
    /// Creation → (last) solve.
    Resolution,
    /// Time the customer waits on the business (new, open, on-hold).
    RequesterWait,
    /// Time agents have the case in hand (new, open).
    AgentWork,
}

impl TargetKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// # use carekit::sla::TargetKind;
    /// let cyclic: Vec<&str> = TargetKind::ALL.iter().filter(|k| k.is_cyclic()).map(|k| k.name()).collect();
    /// assert_eq!(cyclic, ["next_reply", "periodic_update"]);
    /// ```
    pub const ALL: &'static [TargetKind] = &[
        Self::FirstReply,
        Self::NextReply,
        Self::PeriodicUpdate,
        Self::Resolution,
        Self::RequesterWait,
        Self::AgentWork,
    ];

    /// The `snake_case` name used in JSON and [`Display`](fmt::Display).
    ///
    /// ```
    /// # use carekit::sla::TargetKind;
    /// assert_eq!(TargetKind::RequesterWait.name(), "requester_wait");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::FirstReply => "first_reply",
            Self::NextReply => "next_reply",
            Self::PeriodicUpdate => "periodic_update",
            Self::Resolution => "resolution",
            Self::RequesterWait => "requester_wait",
            Self::AgentWork => "agent_work",
        }
    }

    /// The name in words, as reasons use it (`"first reply"`).
    ///
    /// ```
    /// # use carekit::sla::TargetKind;
    /// assert_eq!(TargetKind::PeriodicUpdate.words(), "periodic update");
    /// ```
    pub fn words(self) -> &'static str {
        match self {
            Self::FirstReply => "first reply",
            Self::NextReply => "next reply",
            Self::PeriodicUpdate => "periodic update",
            Self::Resolution => "resolution",
            Self::RequesterWait => "requester wait",
            Self::AgentWork => "agent work",
        }
    }

    /// The statuses that pause this kind's clock unless a target says
    /// otherwise (see the table in the [module docs](super)).
    ///
    /// ```
    /// use carekit::Status;
    /// use carekit::sla::TargetKind;
    /// assert!(TargetKind::FirstReply.default_paused_in().is_empty());
    /// assert_eq!(TargetKind::AgentWork.default_paused_in(), &[Status::Pending, Status::OnHold]);
    /// ```
    pub fn default_paused_in(self) -> &'static [Status] {
        match self {
            Self::FirstReply | Self::NextReply => &[],
            Self::PeriodicUpdate | Self::Resolution | Self::RequesterWait => &[Status::Pending],
            Self::AgentWork => &[Status::Pending, Status::OnHold],
        }
    }

    /// Whether the kind runs in repeated cycles (next reply, periodic
    /// update) rather than once per interaction.
    ///
    /// ```
    /// # use carekit::sla::TargetKind;
    /// assert!(TargetKind::NextReply.is_cyclic()); // one cycle per customer message
    /// assert!(!TargetKind::FirstReply.is_cyclic()); // once per interaction
    /// ```
    pub fn is_cyclic(self) -> bool {
        matches!(self, Self::NextReply | Self::PeriodicUpdate)
    }
}

impl fmt::Display for TargetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a target's time is counted: business hours of the calendar given to
/// [`SlaBook::evaluate`](super::SlaBook::evaluate), or every second.
///
/// ```
/// use carekit::sla::TimeBasis;
/// assert_eq!(TimeBasis::default(), TimeBasis::Business);
/// assert_eq!(TimeBasis::Calendar.to_string(), "calendar");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TimeBasis {
    /// Only open hours count (the default).
    #[default]
    Business,
    /// Every second counts (24/7).
    Calendar,
}

impl fmt::Display for TimeBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Business => "business",
            Self::Calendar => "calendar",
        })
    }
}

/// One target of a policy: a clock, the time it may run, how that time is
/// counted and the statuses that pause it.
///
/// ```
/// use carekit::Status;
/// use carekit::sla::{Target, TargetKind, TimeBasis};
/// use chrono::TimeDelta;
///
/// let t = Target::new(TargetKind::Resolution, TimeDelta::hours(24))?
///     .with_basis(TimeBasis::Calendar)
///     .with_paused_in([Status::Pending, Status::OnHold]);
/// assert_eq!(t.within(), TimeDelta::hours(24));
/// assert!(t.is_paused_in(Status::OnHold));
/// assert!(Target::new(TargetKind::FirstReply, TimeDelta::zero()).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    kind: TargetKind,
    within_seconds: i64,
    basis: TimeBasis,
    paused_in: BTreeSet<Status>,
}

impl Target {
    /// A target of `kind` due `within` of business time, paused in the
    /// kind's [default statuses](TargetKind::default_paused_in).
    ///
    /// # Errors
    ///
    /// [`SlaError::InvalidDuration`] unless `within` is a whole number of
    /// seconds in `1..=`[`MAX_TARGET_SECONDS`].
    ///
    /// ```
    /// # use carekit::Status;
    /// # use carekit::sla::{Target, TargetKind, TimeBasis};
    /// # use chrono::TimeDelta;
    /// let t = Target::new(TargetKind::Resolution, TimeDelta::hours(24))?;
    /// assert_eq!((t.basis(), t.paused_in().collect::<Vec<_>>()), (TimeBasis::Business, vec![Status::Pending]));
    /// assert_eq!(Target::new(TargetKind::FirstReply, TimeDelta::milliseconds(1500)).unwrap_err().to_string(),
    ///     "within: 1.5s is not a valid target duration: expected a whole number of seconds from 1 to 3162240000 (100 years)");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(kind: TargetKind, within: TimeDelta) -> Result<Self, Error> {
        let seconds = within.num_seconds();
        if within.subsec_nanos() != 0 {
            return Err(SlaError::InvalidDuration {
                path: "within".to_owned(),
                value: format!("{}s", within.as_seconds_f64()),
            }
            .into());
        }
        Self::from_seconds(kind, seconds, "within")
    }

    fn from_seconds(kind: TargetKind, seconds: i64, path: &str) -> Result<Self, Error> {
        if !(1..=MAX_TARGET_SECONDS).contains(&seconds) {
            return Err(SlaError::InvalidDuration {
                path: path.to_owned(),
                value: format!("{seconds}s"),
            }
            .into());
        }
        Ok(Self {
            kind,
            within_seconds: seconds,
            basis: TimeBasis::default(),
            paused_in: kind.default_paused_in().iter().copied().collect(),
        })
    }

    /// Counts time on `basis` instead of business time.
    ///
    /// ```
    /// # use carekit::sla::{Target, TargetKind, TimeBasis};
    /// # use chrono::TimeDelta;
    /// // a chat answered within 5 minutes, nights and weekends included
    /// let t = Target::new(TargetKind::FirstReply, TimeDelta::minutes(5))?.with_basis(TimeBasis::Calendar);
    /// assert_eq!(t.basis(), TimeBasis::Calendar);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_basis(mut self, basis: TimeBasis) -> Self {
        self.basis = basis;
        self
    }

    /// Replaces the pausing statuses (an empty list: never paused).
    ///
    /// ```
    /// # use carekit::Status;
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let strict = Target::new(TargetKind::PeriodicUpdate, TimeDelta::hours(24))?.with_paused_in([]);
    /// assert!(!strict.is_paused_in(Status::Pending)); // the default would pause in pending
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_paused_in(mut self, statuses: impl IntoIterator<Item = Status>) -> Self {
        self.paused_in = statuses.into_iter().collect();
        self
    }

    /// The clock it measures.
    ///
    /// ```
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// assert_eq!(Target::new(TargetKind::AgentWork, TimeDelta::hours(2))?.kind(), TargetKind::AgentWork);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> TargetKind {
        self.kind
    }

    /// The time allowed, before any tier multiplier.
    ///
    /// ```
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let t = Target::new(TargetKind::FirstReply, TimeDelta::minutes(90))?;
    /// assert_eq!(t.within(), TimeDelta::seconds(5400));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn within(&self) -> TimeDelta {
        TimeDelta::seconds(self.within_seconds)
    }

    /// [`within`](Self::within) in whole seconds.
    ///
    /// ```
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// assert_eq!(Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?.within_seconds(), 14_400); // 4 × 3600
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn within_seconds(&self) -> i64 {
        self.within_seconds
    }

    /// How time is counted.
    ///
    /// ```
    /// # use carekit::sla::{Target, TargetKind, TimeBasis};
    /// # use chrono::TimeDelta;
    /// assert_eq!(Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?.basis(), TimeBasis::Business); // default
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn basis(&self) -> TimeBasis {
        self.basis
    }

    /// The statuses that pause the clock.
    ///
    /// ```
    /// # use carekit::Status;
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let t = Target::new(TargetKind::AgentWork, TimeDelta::hours(4))?;
    /// assert_eq!(t.paused_in().collect::<Vec<_>>(), [Status::Pending, Status::OnHold]); // the kind's default
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn paused_in(&self) -> impl Iterator<Item = Status> + '_ {
        self.paused_in.iter().copied()
    }

    /// Whether `status` pauses the clock.
    ///
    /// ```
    /// # use carekit::Status;
    /// # use carekit::sla::{Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let t = Target::new(TargetKind::Resolution, TimeDelta::hours(24))?;
    /// assert!(t.is_paused_in(Status::Pending)); // waiting on the customer
    /// assert!(!t.is_paused_in(Status::OnHold)); // waiting on a third party still counts
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_paused_in(&self, status: Status) -> bool {
        self.paused_in.contains(&status)
    }
}

/// When a policy applies: each list restricts one attribute; an empty list
/// matches anything. A tier or segment list does not match a customer
/// without a tier or segment.
///
/// ```
/// use carekit::{Channel, Priority, TierId};
/// use carekit::sla::Conditions;
///
/// let c = Conditions::any()
///     .with_priorities([Priority::Urgent, Priority::High])
///     .with_tiers([TierId::new("gold")?]);
/// let gold = TierId::new("gold")?;
/// assert!(c.matches(Priority::High, Channel::Chat, Some(&gold), None));
/// assert!(!c.matches(Priority::High, Channel::Chat, None, None));
/// assert!(Conditions::any().matches(Priority::Low, Channel::Email, None, None));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Conditions {
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "BTreeSet::is_empty"))]
    priorities: BTreeSet<Priority>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "BTreeSet::is_empty"))]
    channels: BTreeSet<Channel>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "BTreeSet::is_empty"))]
    tiers: BTreeSet<TierId>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "BTreeSet::is_empty"))]
    segments: BTreeSet<Segment>,
}

impl Conditions {
    /// Matches every interaction.
    ///
    /// ```
    /// # use carekit::{Channel, Priority};
    /// # use carekit::sla::Conditions;
    /// assert!(Conditions::any().matches(Priority::Urgent, Channel::Phone, None, None));
    /// assert_eq!(Conditions::any(), Conditions::default());
    /// ```
    pub fn any() -> Self {
        Self::default()
    }

    /// Restricts to these priorities (compared after any tier boost).
    ///
    /// ```
    /// # use carekit::{Channel, Priority};
    /// # use carekit::sla::Conditions;
    /// let urgent = Conditions::any().with_priorities([Priority::Urgent]);
    /// assert!(urgent.matches(Priority::Urgent, Channel::Email, None, None));
    /// assert!(!urgent.matches(Priority::High, Channel::Email, None, None));
    /// ```
    #[must_use]
    pub fn with_priorities(mut self, p: impl IntoIterator<Item = Priority>) -> Self {
        self.priorities = p.into_iter().collect();
        self
    }

    /// Restricts to these channels.
    ///
    /// ```
    /// # use carekit::{Channel, Priority};
    /// # use carekit::sla::Conditions;
    /// let live = Conditions::any().with_channels([Channel::Chat, Channel::Phone]);
    /// assert!(live.matches(Priority::Normal, Channel::Chat, None, None));
    /// assert!(!live.matches(Priority::Normal, Channel::Email, None, None));
    /// ```
    #[must_use]
    pub fn with_channels(mut self, c: impl IntoIterator<Item = Channel>) -> Self {
        self.channels = c.into_iter().collect();
        self
    }

    /// Restricts to customers in these tiers.
    ///
    /// ```
    /// # use carekit::{Channel, Priority, TierId};
    /// # use carekit::sla::Conditions;
    /// let gold = TierId::new("gold")?;
    /// let c = Conditions::any().with_tiers([gold.clone()]);
    /// assert!(c.matches(Priority::Normal, Channel::Chat, Some(&gold), None));
    /// assert!(!c.matches(Priority::Normal, Channel::Chat, None, None)); // unknown tier: no match
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_tiers(mut self, t: impl IntoIterator<Item = TierId>) -> Self {
        self.tiers = t.into_iter().collect();
        self
    }

    /// Restricts to customers in these segments.
    ///
    /// ```
    /// # use carekit::{Channel, Priority, Segment};
    /// # use carekit::sla::Conditions;
    /// let enterprise = Segment::new("enterprise")?;
    /// let c = Conditions::any().with_segments([enterprise.clone()]);
    /// assert!(c.matches(Priority::Low, Channel::Email, None, Some(&enterprise)));
    /// assert!(!c.matches(Priority::Low, Channel::Email, None, Some(&Segment::new("smb")?)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_segments(mut self, s: impl IntoIterator<Item = Segment>) -> Self {
        self.segments = s.into_iter().collect();
        self
    }

    /// The priorities listed (empty: any).
    ///
    /// ```
    /// # use carekit::Priority;
    /// # use carekit::sla::Conditions;
    /// let c = Conditions::any().with_priorities([Priority::Urgent, Priority::High, Priority::Urgent]);
    /// assert_eq!(c.priorities().collect::<Vec<_>>(), [Priority::High, Priority::Urgent]); // a sorted set
    /// assert_eq!(Conditions::any().priorities().count(), 0); // any priority
    /// ```
    pub fn priorities(&self) -> impl Iterator<Item = Priority> + '_ {
        self.priorities.iter().copied()
    }

    /// The channels listed (empty: any).
    ///
    /// ```
    /// # use carekit::Channel;
    /// # use carekit::sla::Conditions;
    /// let c = Conditions::any().with_channels([Channel::Phone]);
    /// assert_eq!(c.channels().collect::<Vec<_>>(), [Channel::Phone]);
    /// ```
    pub fn channels(&self) -> impl Iterator<Item = Channel> + '_ {
        self.channels.iter().copied()
    }

    /// The tiers listed (empty: any).
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::sla::Conditions;
    /// let c = Conditions::any().with_tiers([TierId::new("gold")?, TierId::new("platinum")?]);
    /// assert_eq!(c.tiers().map(TierId::as_str).collect::<Vec<_>>(), ["gold", "platinum"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tiers(&self) -> impl Iterator<Item = &TierId> {
        self.tiers.iter()
    }

    /// The segments listed (empty: any).
    ///
    /// ```
    /// # use carekit::Segment;
    /// # use carekit::sla::Conditions;
    /// let c = Conditions::any().with_segments([Segment::new("enterprise")?]);
    /// assert_eq!(c.segments().count(), 1);
    /// assert_eq!(Conditions::any().segments().count(), 0); // any segment
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter()
    }

    /// Whether an interaction with these attributes matches.
    ///
    /// ```
    /// # use carekit::{Channel, Priority, TierId};
    /// # use carekit::sla::Conditions;
    /// let vip_chat = Conditions::any().with_channels([Channel::Chat]).with_tiers([TierId::new("gold")?]);
    /// let gold = TierId::new("gold")?;
    /// // every listed attribute must fit
    /// assert!(vip_chat.matches(Priority::Low, Channel::Chat, Some(&gold), None));
    /// assert!(!vip_chat.matches(Priority::Low, Channel::Phone, Some(&gold), None));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn matches(
        &self,
        priority: Priority,
        channel: Channel,
        tier: Option<&TierId>,
        segment: Option<&Segment>,
    ) -> bool {
        fn fits<T: Ord>(set: &BTreeSet<T>, value: Option<&T>) -> bool {
            set.is_empty() || value.is_some_and(|v| set.contains(v))
        }
        fits(&self.priorities, Some(&priority))
            && fits(&self.channels, Some(&channel))
            && fits(&self.tiers, tier)
            && fits(&self.segments, segment)
    }
}

/// A named policy: the conditions under which it applies and its targets
/// (at most one per [`TargetKind`]).
///
/// ```
/// use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
/// use chrono::TimeDelta;
///
/// let p = SlaPolicy::new(
///     "standard",
///     Conditions::any(),
///     vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?],
/// )?;
/// assert_eq!(p.name(), "standard");
/// assert!(p.target(TargetKind::FirstReply).is_some());
/// let twice = vec![
///     Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?,
///     Target::new(TargetKind::FirstReply, TimeDelta::hours(8))?,
/// ];
/// assert_eq!(
///     SlaPolicy::new("x", Conditions::any(), twice).unwrap_err().to_string(),
///     "targets[1].kind: target kind first_reply appears more than once in the policy: each kind may have one target"
/// );
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlaPolicy {
    name: String,
    conditions: Conditions,
    targets: Vec<Target>,
}

impl SlaPolicy {
    /// Validates a policy.
    ///
    /// # Errors
    ///
    /// - [`SlaError::InvalidPolicyName`] for a blank name or one with
    ///   control characters;
    /// - [`SlaError::NoTargets`] for an empty target list;
    /// - [`SlaError::DuplicateTargetKind`] when a kind appears twice.
    ///
    /// ```
    /// # use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let fr = Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?;
    /// assert!(SlaPolicy::new("standard", Conditions::any(), vec![fr.clone()]).is_ok());
    /// assert_eq!(SlaPolicy::new(" ", Conditions::any(), vec![fr]).unwrap_err().to_string(),
    ///     "name: policy name \" \" is invalid: expected non-blank text without control characters");
    /// assert_eq!(SlaPolicy::new("empty", Conditions::any(), vec![]).unwrap_err().to_string(),
    ///     "targets: a policy needs at least one target");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(name: &str, conditions: Conditions, targets: Vec<Target>) -> Result<Self, Error> {
        Self::validated(name, conditions, targets, "")
    }

    fn validated(
        name: &str,
        conditions: Conditions,
        targets: Vec<Target>,
        prefix: &str,
    ) -> Result<Self, Error> {
        if name.trim().is_empty() || name.chars().any(char::is_control) {
            return Err(SlaError::InvalidPolicyName {
                path: format!("{prefix}name"),
                name: name.to_owned(),
            }
            .into());
        }
        if targets.is_empty() {
            return Err(SlaError::NoTargets {
                path: format!("{prefix}targets"),
            }
            .into());
        }
        let mut seen = BTreeSet::new();
        for (i, t) in targets.iter().enumerate() {
            if !seen.insert(t.kind) {
                return Err(SlaError::DuplicateTargetKind {
                    path: format!("{prefix}targets[{i}].kind"),
                    kind: t.kind.name(),
                }
                .into());
            }
        }
        Ok(Self {
            name: name.to_owned(),
            conditions,
            targets,
        })
    }

    /// The policy's name.
    ///
    /// ```
    /// # use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let p = SlaPolicy::new("vip", Conditions::any(), vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?])?;
    /// assert_eq!(p.name(), "vip"); // reported by SlaEvaluation::policy
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// When it applies.
    ///
    /// ```
    /// # use carekit::Channel;
    /// # use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let p = SlaPolicy::new("chat", Conditions::any().with_channels([Channel::Chat]),
    ///     vec![Target::new(TargetKind::FirstReply, TimeDelta::minutes(5))?])?;
    /// assert_eq!(p.conditions().channels().collect::<Vec<_>>(), [Channel::Chat]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn conditions(&self) -> &Conditions {
        &self.conditions
    }

    /// Its targets, in the order given.
    ///
    /// ```
    /// # use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let p = SlaPolicy::new("std", Conditions::any(), vec![
    ///     Target::new(TargetKind::Resolution, TimeDelta::hours(24))?,
    ///     Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?,
    /// ])?;
    /// let kinds: Vec<TargetKind> = p.targets().iter().map(Target::kind).collect();
    /// assert_eq!(kinds, [TargetKind::Resolution, TargetKind::FirstReply]); // as given
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The target of one kind, if the policy has one.
    ///
    /// ```
    /// # use carekit::sla::{Conditions, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let p = SlaPolicy::new("std", Conditions::any(), vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?])?;
    /// assert_eq!(p.target(TargetKind::FirstReply).map(Target::within), Some(TimeDelta::hours(4)));
    /// assert!(p.target(TargetKind::Resolution).is_none()); // no resolution target
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn target(&self, kind: TargetKind) -> Option<&Target> {
        self.targets.iter().find(|t| t.kind == kind)
    }
}

/// An ordered list of policies; the first whose [`Conditions`] match an
/// interaction applies. See the [module docs](super) for the JSON form and
/// the evaluation semantics.
///
/// ```
/// use carekit::Priority;
/// use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
/// use chrono::TimeDelta;
///
/// let urgent = SlaPolicy::new(
///     "urgent",
///     Conditions::any().with_priorities([Priority::Urgent]),
///     vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?],
/// )?;
/// let standard = SlaPolicy::new(
///     "standard",
///     Conditions::any(),
///     vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(8))?],
/// )?;
/// let book = SlaBook::new(vec![urgent, standard])?;
/// assert_eq!(book.policies().len(), 2);
/// assert!(SlaBook::new(vec![]).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawBook", into = "RawBook"))]
pub struct SlaBook {
    policies: Vec<SlaPolicy>,
    outbound_start: OutboundStart,
}

impl SlaBook {
    /// Validates a book.
    ///
    /// # Errors
    ///
    /// - [`SlaError::EmptyBook`] without policies;
    /// - [`SlaError::DuplicatePolicyName`] when two policies share a name.
    ///
    /// ```
    /// # use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// let p = SlaPolicy::new("std", Conditions::any(), vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(4))?])?;
    /// assert!(SlaBook::new(vec![p.clone()]).is_ok());
    /// assert_eq!(SlaBook::new(vec![p.clone(), p]).unwrap_err().to_string(),
    ///     "policies[1].name: policy name \"std\" is already used by policies[0]: names must be unique");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(policies: Vec<SlaPolicy>) -> Result<Self, Error> {
        if policies.is_empty() {
            return Err(SlaError::EmptyBook.into());
        }
        for (i, p) in policies.iter().enumerate() {
            if let Some(first) = policies
                .iter()
                .take(i)
                .position(|earlier| earlier.name == p.name)
            {
                return Err(SlaError::DuplicatePolicyName {
                    path: format!("policies[{i}].name"),
                    name: p.name.clone(),
                    first,
                }
                .into());
            }
        }
        Ok(Self {
            policies,
            outbound_start: OutboundStart::default(),
        })
    }

    /// When the customer-facing targets (first reply, resolution, requester
    /// wait) of an outbound case start: at the customer's first message
    /// (the default) or at creation. Inbound cases always start at
    /// creation; see [`OutboundStart`].
    ///
    /// ```
    /// use carekit::interaction::OutboundStart;
    /// use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
    /// use chrono::TimeDelta;
    /// let policy = SlaPolicy::new("std", Conditions::any(), vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?])?;
    /// let book = SlaBook::new(vec![policy])?.with_outbound_start(OutboundStart::Creation);
    /// assert_eq!(book.outbound_start(), OutboundStart::Creation);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_outbound_start(mut self, outbound_start: OutboundStart) -> Self {
        self.outbound_start = outbound_start;
        self
    }

    /// The outbound convention (see [`with_outbound_start`](Self::with_outbound_start)).
    ///
    /// ```
    /// use carekit::interaction::OutboundStart;
    /// use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
    /// use chrono::TimeDelta;
    /// let policy = SlaPolicy::new("std", Conditions::any(), vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?])?;
    /// assert_eq!(SlaBook::new(vec![policy])?.outbound_start(), OutboundStart::FirstCustomerMessage);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn outbound_start(&self) -> OutboundStart {
        self.outbound_start
    }

    /// The policies, in matching order.
    ///
    /// ```
    /// # use carekit::Priority;
    /// # use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
    /// # use chrono::TimeDelta;
    /// # let fr = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h));
    /// let book = SlaBook::new(vec![
    ///     SlaPolicy::new("urgent", Conditions::any().with_priorities([Priority::Urgent]), vec![fr(1)?])?,
    ///     SlaPolicy::new("rest", Conditions::any(), vec![fr(8)?])?,
    /// ])?;
    /// let names: Vec<&str> = book.policies().iter().map(SlaPolicy::name).collect();
    /// assert_eq!(names, ["urgent", "rest"]); // matching order: the first match wins
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn policies(&self) -> &[SlaPolicy] {
        &self.policies
    }

    /// The first policy whose conditions match, with the priority used for
    /// matching (after the tier's boost).
    ///
    /// ```
    /// use carekit::{Channel, Priority};
    /// use carekit::sla::{Conditions, SlaBook, SlaPolicy, Target, TargetKind};
    /// use chrono::TimeDelta;
    ///
    /// let first_reply = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h));
    /// let book = SlaBook::new(vec![
    ///     SlaPolicy::new("chat", Conditions::any().with_channels([Channel::Chat]), vec![first_reply(1)?])?,
    ///     SlaPolicy::new("rest", Conditions::any(), vec![first_reply(8)?])?,
    /// ])?;
    /// let p = book.policy_for(Priority::Normal, Channel::Email, None, None);
    /// assert_eq!(p.map(|p| p.name()), Some("rest"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn policy_for(
        &self,
        priority: Priority,
        channel: Channel,
        tier: Option<&TierId>,
        segment: Option<&Segment>,
    ) -> Option<&SlaPolicy> {
        self.policies
            .iter()
            .find(|p| p.conditions.matches(priority, channel, tier, segment))
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    policies: Vec<RawPolicy>,
    #[serde(default, skip_serializing_if = "is_default_start")]
    outbound_start: OutboundStart,
}

#[cfg(feature = "serde")]
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_default_start(start: &OutboundStart) -> bool {
    *start == OutboundStart::default()
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: String,
    #[serde(default)]
    conditions: Conditions,
    targets: Vec<RawTarget>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    kind: TargetKind,
    within: i64,
    #[serde(default)]
    basis: TimeBasis,
    #[serde(default)]
    paused_in: Option<BTreeSet<Status>>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawBook> for SlaBook {
    type Error = Error;
    fn try_from(raw: RawBook) -> Result<Self, Error> {
        let mut policies = Vec::with_capacity(raw.policies.len());
        for (i, p) in raw.policies.into_iter().enumerate() {
            let mut targets = Vec::with_capacity(p.targets.len());
            for (j, t) in p.targets.into_iter().enumerate() {
                let path = format!("policies[{i}].targets[{j}].within");
                let mut target = Target::from_seconds(t.kind, t.within, &path)?.with_basis(t.basis);
                if let Some(paused_in) = t.paused_in {
                    target.paused_in = paused_in;
                }
                targets.push(target);
            }
            let prefix = format!("policies[{i}].");
            policies.push(SlaPolicy::validated(
                &p.name,
                p.conditions,
                targets,
                &prefix,
            )?);
        }
        Ok(SlaBook::new(policies)?.with_outbound_start(raw.outbound_start))
    }
}

#[cfg(feature = "serde")]
impl From<SlaBook> for RawBook {
    fn from(book: SlaBook) -> Self {
        RawBook {
            outbound_start: book.outbound_start,
            policies: book
                .policies
                .into_iter()
                .map(|p| RawPolicy {
                    name: p.name,
                    conditions: p.conditions,
                    targets: p
                        .targets
                        .into_iter()
                        .map(|t| RawTarget {
                            kind: t.kind,
                            within: t.within_seconds,
                            basis: t.basis,
                            paused_in: Some(t.paused_in),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_must_be_whole_positive_seconds() {
        assert!(Target::new(TargetKind::FirstReply, TimeDelta::seconds(-5)).is_err());
        assert!(Target::new(TargetKind::FirstReply, TimeDelta::milliseconds(1500)).is_err());
        assert!(Target::new(TargetKind::FirstReply, TimeDelta::seconds(1)).is_ok());
        assert!(
            Target::new(
                TargetKind::FirstReply,
                TimeDelta::seconds(MAX_TARGET_SECONDS + 1)
            )
            .is_err()
        );
        let e = Target::new(TargetKind::FirstReply, TimeDelta::milliseconds(1500)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "within: 1.5s is not a valid target duration: expected a whole number of seconds from 1 to 3162240000 (100 years)"
        );
    }

    #[test]
    fn duplicate_policy_names_name_both_positions() {
        let t = || Target::new(TargetKind::Resolution, TimeDelta::hours(1)).unwrap();
        let p = |n: &str| SlaPolicy::new(n, Conditions::any(), vec![t()]).unwrap();
        let e = SlaBook::new(vec![p("a"), p("b"), p("a")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "policies[2].name: policy name \"a\" is already used by policies[0]: names must be unique"
        );
        assert!(SlaPolicy::new(" ", Conditions::any(), vec![t()]).is_err());
        assert!(SlaPolicy::new("x", Conditions::any(), vec![]).is_err());
    }
}
