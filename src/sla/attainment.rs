//! SLA attainment: achieved / (achieved + breached) per target kind.

use std::collections::BTreeMap;

use super::{SlaEvaluation, SlaState, TargetKind};
use crate::error::Error;
use crate::metrics::{Accumulator, MetricsError, Push, push_vocabulary};
use crate::stats::{Confidence, Interval, proportion_interval};

/// How a finished target (or cycle) ended, for feeding
/// [`SlaAttainment`] from plain values.
///
/// ```
/// use carekit::sla::SlaOutcome;
/// assert_eq!(SlaOutcome::Achieved.to_string(), "achieved");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SlaOutcome {
    /// Within the limit.
    Achieved,
    /// Over the limit.
    Breached,
}

impl std::fmt::Display for SlaOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Achieved => "achieved",
            Self::Breached => "breached",
        })
    }
}

/// Achieved and breached counts of one target kind.
///
/// ```
/// use carekit::sla::AttainmentCounts;
/// let c = AttainmentCounts::new(3, 1);
/// assert_eq!(c.n(), 4);
/// assert_eq!(c.rate(), Some(0.75));
/// assert_eq!(AttainmentCounts::default().rate(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AttainmentCounts {
    achieved: u64,
    breached: u64,
}

impl AttainmentCounts {
    /// Counts from plain values.
    ///
    /// ```
    /// # use carekit::sla::AttainmentCounts;
    /// let c = AttainmentCounts::new(45, 5);
    /// assert_eq!(c.rate(), Some(0.9)); // 45 / 50
    /// ```
    pub fn new(achieved: u64, breached: u64) -> Self {
        Self { achieved, breached }
    }

    /// Targets achieved.
    ///
    /// ```
    /// # use carekit::sla::AttainmentCounts;
    /// assert_eq!(AttainmentCounts::new(45, 5).achieved(), 45);
    /// ```
    pub fn achieved(&self) -> u64 {
        self.achieved
    }

    /// Targets breached.
    ///
    /// ```
    /// # use carekit::sla::AttainmentCounts;
    /// assert_eq!(AttainmentCounts::new(45, 5).breached(), 5);
    /// ```
    pub fn breached(&self) -> u64 {
        self.breached
    }

    /// achieved + breached (saturating).
    ///
    /// ```
    /// # use carekit::sla::AttainmentCounts;
    /// assert_eq!(AttainmentCounts::new(45, 5).n(), 50);
    /// assert_eq!(AttainmentCounts::new(u64::MAX, 1).n(), u64::MAX); // saturates
    /// ```
    pub fn n(&self) -> u64 {
        self.achieved.saturating_add(self.breached)
    }

    /// achieved / (achieved + breached), a proportion 0–1; `None` with
    /// nothing counted.
    ///
    /// ```
    /// # use carekit::sla::AttainmentCounts;
    /// assert_eq!(AttainmentCounts::new(3, 1).rate(), Some(0.75)); // 3 / 4
    /// assert_eq!(AttainmentCounts::new(0, 0).rate(), None); // nothing to rate
    /// ```
    pub fn rate(&self) -> Option<f64> {
        let total = self.n();
        (total > 0).then(|| self.achieved as f64 / total as f64)
    }

    /// The Wilson score interval for the attainment rate, in proportion
    /// units 0–1 (see [`proportion_interval`]); `None` with nothing
    /// counted.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// use carekit::sla::AttainmentCounts;
    /// // statsmodels: proportion_confint(45, 50, method="wilson")
    /// //   = (0.786397..., 0.956524...)
    /// let i = AttainmentCounts::new(45, 5).proportion_interval(Confidence::NINETY_FIVE)?.unwrap();
    /// assert!((i.low() - 0.786_397_685_625).abs() < 1e-9);
    /// assert!((i.high() - 0.956_524_235_068).abs() < 1e-9);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None in practice: the counts always satisfy the interval's rules
    /// (achieved ≤ total). Totals beyond `u64::MAX` saturate.
    pub fn proportion_interval(&self, confidence: Confidence) -> Result<Option<Interval>, Error> {
        proportion_interval(self.achieved, self.n(), confidence)
    }

    /// The sum, `None` if a count or the total would pass `u64::MAX`.
    fn checked_add(&self, other: &Self) -> Option<Self> {
        let sum = Self {
            achieved: self.achieved.checked_add(other.achieved)?,
            breached: self.breached.checked_add(other.breached)?,
        };
        sum.achieved.checked_add(sum.breached)?;
        Some(sum)
    }
}

/// SLA attainment per target kind: achieved / (achieved + breached), a
/// mergeable accumulator.
///
/// Pushing an [`SlaEvaluation`] counts each target whose state is final: achieved, or breached (a breach is final even while the case is
/// still open: counted time only grows). Active and paused targets are not
/// counted: they have no outcome yet. For cyclic kinds (next reply,
/// periodic update) the earlier cycles of the evaluation count too, so an
/// interaction with three answered customer messages contributes three next
/// reply outcomes.
///
/// Evaluate each interaction once, when it is finished (or at the end of
/// the reporting period), and push that evaluation: pushing several
/// evaluations of one interaction counts it several times.
///
/// Other observations: a `(kind, outcome)` pair, or a `(kind,
/// AttainmentCounts)` pair of counts kept elsewhere. Counts are exact `u64`
/// (an overflow is an error), so [`merge`](Self::merge) is exact: merging
/// the partials of any split gives the counts of the whole.
///
/// ```
/// use carekit::sla::{SlaAttainment, SlaOutcome, TargetKind};
///
/// let mut a = SlaAttainment::new();
/// a.push((TargetKind::FirstReply, SlaOutcome::Achieved))?;
/// a.push((TargetKind::FirstReply, SlaOutcome::Achieved))?;
/// let mut b = SlaAttainment::new();
/// b.push((TargetKind::FirstReply, SlaOutcome::Breached))?;
/// a.merge(&b)?;
/// assert_eq!(a.counts(TargetKind::FirstReply).n(), 3);
/// assert_eq!(a.rate(TargetKind::FirstReply), Some(2.0 / 3.0));
/// assert_eq!(a.rate(TargetKind::Resolution), None);
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature it reads and writes as
/// `{"first_reply": {"achieved": 2, "breached": 1}}` (kinds without
/// outcomes are left out).
///
/// Pushing an evaluation:
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
/// let mut att = SlaAttainment::new();
/// att.push(&eval)?;
/// // the two finished cycles count; the open one has no outcome yet
/// assert_eq!(att.counts(TargetKind::NextReply), AttainmentCounts::new(1, 1));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "AttainmentMap",
        into = "BTreeMap<TargetKind, AttainmentCounts>"
    )
)]
pub struct SlaAttainment {
    by_kind: BTreeMap<TargetKind, AttainmentCounts>,
}

/// The serialised form read back: a kind given twice is refused.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct AttainmentMap(
    #[serde(deserialize_with = "unique_kinds")] BTreeMap<TargetKind, AttainmentCounts>,
);

#[cfg(feature = "serde")]
fn unique_kinds<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<TargetKind, AttainmentCounts>, D::Error> {
    crate::serde_map::unique_keys(
        deserializer,
        "an object from target kinds to counts",
        |kind: &TargetKind| crate::error::Error::DuplicateKey {
            map: "attainment",
            key: kind.name().to_owned(),
        },
    )
}

#[cfg(feature = "serde")]
impl TryFrom<AttainmentMap> for SlaAttainment {
    type Error = Error;
    fn try_from(map: AttainmentMap) -> Result<Self, Error> {
        Self::try_from(map.0)
    }
}

impl TryFrom<BTreeMap<TargetKind, AttainmentCounts>> for SlaAttainment {
    type Error = Error;
    /// Keeps the kinds with at least one outcome.
    fn try_from(map: BTreeMap<TargetKind, AttainmentCounts>) -> Result<Self, Error> {
        let mut a = Self::new();
        for (kind, counts) in map {
            a.push((kind, counts))?;
        }
        Ok(a)
    }
}

impl From<SlaAttainment> for BTreeMap<TargetKind, AttainmentCounts> {
    fn from(a: SlaAttainment) -> Self {
        a.by_kind
    }
}

impl SlaAttainment {
    /// Nothing counted.
    ///
    /// ```
    /// # use carekit::sla::SlaAttainment;
    /// let a = SlaAttainment::new();
    /// assert_eq!(a.overall().n(), 0);
    /// assert_eq!(a.iter().count(), 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds another accumulator's counts.
    ///
    /// ```
    /// # use carekit::sla::{AttainmentCounts, SlaAttainment, TargetKind};
    /// let (mut monday, mut tuesday) = (SlaAttainment::new(), SlaAttainment::new());
    /// monday.push((TargetKind::FirstReply, AttainmentCounts::new(40, 2)))?;
    /// tuesday.push((TargetKind::FirstReply, AttainmentCounts::new(35, 3)))?;
    /// monday.merge(&tuesday)?;
    /// assert_eq!(monday.counts(TargetKind::FirstReply), AttainmentCounts::new(75, 5)); // 40 + 35, 2 + 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::CountOverflow`] if a count would pass `u64::MAX`;
    /// `self` is then unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut next = self.by_kind.clone();
        for (kind, counts) in &other.by_kind {
            let mine = next.get(kind).copied().unwrap_or_default();
            let sum = mine
                .checked_add(counts)
                .ok_or(MetricsError::CountOverflow {
                    accumulator: "sla attainment",
                })?;
            if sum.n() > 0 {
                next.insert(*kind, sum);
            }
        }
        self.by_kind = next;
        Ok(())
    }

    /// The counts of one kind (zero when none).
    ///
    /// ```
    /// # use carekit::sla::{AttainmentCounts, SlaAttainment, SlaOutcome, TargetKind};
    /// let mut a = SlaAttainment::new();
    /// a.push((TargetKind::NextReply, SlaOutcome::Breached))?;
    /// assert_eq!(a.counts(TargetKind::NextReply), AttainmentCounts::new(0, 1));
    /// assert_eq!(a.counts(TargetKind::Resolution), AttainmentCounts::default()); // zero
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn counts(&self, kind: TargetKind) -> AttainmentCounts {
        self.by_kind.get(&kind).copied().unwrap_or_default()
    }

    /// achieved / (achieved + breached) for one kind, a proportion 0–1;
    /// `None` with nothing counted.
    ///
    /// ```
    /// # use carekit::sla::{AttainmentCounts, SlaAttainment, TargetKind};
    /// let mut a = SlaAttainment::new();
    /// a.push((TargetKind::FirstReply, AttainmentCounts::new(45, 5)))?;
    /// assert_eq!(a.rate(TargetKind::FirstReply), Some(0.9)); // 45 / 50
    /// assert_eq!(a.rate(TargetKind::NextReply), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn rate(&self, kind: TargetKind) -> Option<f64> {
        self.counts(kind).rate()
    }

    /// The Wilson score interval of one kind's rate, in proportion units
    /// 0–1; `None` with nothing counted.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// use carekit::sla::{SlaAttainment, SlaOutcome, TargetKind};
    /// let mut a = SlaAttainment::new();
    /// for _ in 0..9 { a.push((TargetKind::Resolution, SlaOutcome::Achieved))?; }
    /// a.push((TargetKind::Resolution, SlaOutcome::Breached))?;
    /// let i = a.proportion_interval(TargetKind::Resolution, Confidence::NINETY_FIVE)?.unwrap();
    /// assert!(i.low() < 0.9 && 0.9 < i.high());
    /// assert_eq!(a.proportion_interval(TargetKind::FirstReply, Confidence::NINETY_FIVE)?, None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`AttainmentCounts::proportion_interval`].
    pub fn proportion_interval(
        &self,
        kind: TargetKind,
        confidence: Confidence,
    ) -> Result<Option<Interval>, Error> {
        self.counts(kind).proportion_interval(confidence)
    }

    /// The counts over every kind together.
    ///
    /// ```
    /// # use carekit::sla::{AttainmentCounts, SlaAttainment, TargetKind};
    /// let mut a = SlaAttainment::new();
    /// a.push((TargetKind::FirstReply, AttainmentCounts::new(45, 5)))?;
    /// a.push((TargetKind::Resolution, AttainmentCounts::new(15, 15)))?;
    /// assert_eq!(a.overall(), AttainmentCounts::new(60, 20));
    /// assert_eq!(a.overall().rate(), Some(0.75)); // 60 / 80, not the mean of 0.9 and 0.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn overall(&self) -> AttainmentCounts {
        // Saturating: the overall view of counts that are each exact.
        self.by_kind
            .values()
            .fold(AttainmentCounts::default(), |all, c| AttainmentCounts {
                achieved: all.achieved.saturating_add(c.achieved),
                breached: all.breached.saturating_add(c.breached),
            })
    }

    /// Kinds with at least one outcome, with their counts.
    ///
    /// ```
    /// # use carekit::sla::{AttainmentCounts, SlaAttainment, TargetKind};
    /// let mut a = SlaAttainment::new();
    /// a.push((TargetKind::Resolution, AttainmentCounts::new(9, 1)))?;
    /// a.push((TargetKind::FirstReply, AttainmentCounts::new(4, 0)))?;
    /// let kinds: Vec<TargetKind> = a.iter().map(|(k, _)| k).collect();
    /// assert_eq!(kinds, [TargetKind::FirstReply, TargetKind::Resolution]); // declaration order
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (TargetKind, AttainmentCounts)> + '_ {
        self.by_kind.iter().map(|(k, c)| (*k, *c))
    }
}

impl Accumulator for SlaAttainment {
    fn empty_like(&self) -> Self {
        Self::new()
    }
    fn is_empty(&self) -> bool {
        self.by_kind.is_empty()
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        SlaAttainment::merge(self, other)
    }
}

/// Counts kept elsewhere for one kind (nothing is listed for zero counts).
impl Push<(TargetKind, AttainmentCounts)> for SlaAttainment {
    fn push(&mut self, (kind, counts): (TargetKind, AttainmentCounts)) -> Result<(), Error> {
        let mut one = Self::new();
        if counts.n() > 0 {
            one.by_kind.insert(kind, counts);
        }
        self.merge(&one)
    }
}

/// One outcome of one kind.
impl Push<(TargetKind, SlaOutcome)> for SlaAttainment {
    fn push(&mut self, (kind, outcome): (TargetKind, SlaOutcome)) -> Result<(), Error> {
        let counts = match outcome {
            SlaOutcome::Achieved => AttainmentCounts::new(1, 0),
            SlaOutcome::Breached => AttainmentCounts::new(0, 1),
        };
        self.push((kind, counts))
    }
}

/// The final outcomes of an evaluation, earlier cycles included (see the
/// type docs).
impl Push<&SlaEvaluation> for SlaAttainment {
    fn push(&mut self, evaluation: &SlaEvaluation) -> Result<(), Error> {
        let mut part = Self::new();
        for t in evaluation.targets() {
            let (achieved, breached) = match t.state() {
                SlaState::Achieved { .. } => (1, 0),
                SlaState::Breached { .. } => (0, 1),
                _ => (0, 0),
            };
            let counts = AttainmentCounts::new(
                t.earlier_achieved().saturating_add(achieved),
                t.earlier_breached().saturating_add(breached),
            );
            part.push((t.kind(), counts))?;
        }
        self.merge(&part)
    }
}

push_vocabulary!(
    SlaAttainment,
    "```
use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Visibility};
use carekit::calendar::CalendarTime;
use carekit::sla::{Conditions, SlaAttainment, SlaBook, SlaContext, SlaOutcome, SlaPolicy, Target, TargetKind};
use chrono::{TimeDelta, TimeZone, Utc};

let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let book = SlaBook::new(vec![SlaPolicy::new(\"std\", Conditions::any(), vec![
    Target::new(TargetKind::FirstReply, TimeDelta::hours(2))?,
    Target::new(TargetKind::Resolution, TimeDelta::hours(8))?,
])?])?;
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Email, t(9))
    .agent_reply(t(10), AgentId::new(\"ana\")?, Visibility::Public)
    .build()?;
let mut att = SlaAttainment::new();
att.push(&book.evaluate(&case, &SlaContext::new(), t(12), &CalendarTime)?)?;
assert_eq!(att.rate(TargetKind::FirstReply), Some(1.0));
assert_eq!(att.rate(TargetKind::Resolution), None); // still active: not counted
att.push((TargetKind::FirstReply, SlaOutcome::Breached))?;
assert_eq!(att.rate(TargetKind::FirstReply), Some(0.5));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::sla::{SlaAttainment, SlaOutcome, TargetKind};
let mut a = SlaAttainment::new();
a.extend([SlaOutcome::Achieved, SlaOutcome::Achieved, SlaOutcome::Breached, SlaOutcome::Achieved]
    .map(|o| (TargetKind::FirstReply, o)))?;
assert_eq!(a.rate(TargetKind::FirstReply), Some(0.75)); // 3 of 4
# Ok::<(), carekit::Error>(())
```"
);
