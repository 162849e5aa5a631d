//! [`ClockSummary`]: many interactions' clocks, mergeable, with exact
//! durations or quantile sketches.

use chrono::TimeDelta;

use super::clocks::InteractionClocks;
use super::durations::{DurationValue, Durations};
use super::fcr::Fcr;
use super::first_contact::FcrConvention;
use super::sketch::QuantileSketch;
use crate::error::Error;
use crate::error::MetricsError;
use crate::interaction::OutboundStart;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};

/// A summary of many interactions' clocks: one duration accumulator per
/// clock, the [`Fcr`] rate, and reopen and reply totals. Mergeable.
///
/// The duration accumulator `D` is the caller's choice: [`Durations`] (the
/// default) keeps every value, for exact means and percentiles;
/// [`QuantileSketch`] keeps buckets, so a shard's state (and its JSON)
/// stays bounded however many interactions it saw, with percentiles within
/// the sketch's relative accuracy.
///
/// Absent clocks (no first reply yet, not solved) are not counted in that
/// clock's durations. The summary records its conventions — the
/// [`FcrConvention`] and the timeline's
/// [`OutboundStart`] — and refuses clocks or summaries
/// measured under others.
///
/// ```
/// use carekit::calendar::CalendarTime;
/// use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, PercentileMethod, QuantileSketch};
/// use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
/// use chrono::{TimeZone, Utc};
///
/// let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
/// let mut exact = ClockSummary::new(FcrConvention::OneTouch);
/// let mut bounded = ClockSummary::with_durations(FcrConvention::OneTouch, QuantileSketch::new(0.01)?);
/// for (i, minutes) in [4_u32, 10, 31].into_iter().enumerate() {
///     let case = Interaction::builder(InteractionId::new(&format!("T-{i}"))?, CustomerId::new("c")?, Channel::Chat, t(9, 0))
///         .agent_reply(t(9, minutes), AgentId::new("ana")?, Visibility::Public)
///         .status(t(9, 40), Status::Solved)
///         .build()?;
///     let clocks = InteractionClocks::measure(&case, t(10, 0), &CalendarTime, FcrConvention::OneTouch)?;
///     exact.push(&clocks)?;
///     bounded.push(&clocks)?;
/// }
/// assert_eq!(exact.n(), 3);
/// assert_eq!(exact.first_reply().percentile(0.5, PercentileMethod::Linear)?, Some(600.0));
/// let median = bounded.first_reply().quantile(0.5)?.unwrap(); // within 1 % of 600 s
/// assert!((median - 600.0).abs() <= 6.0);
/// assert_eq!(exact.fcr().rate(), Some(1.0));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With `serde`: `{"outbound_start": "first_customer_message",
/// "interactions": 3, "reopens": 0, "agent_replies": 3, "first_reply":
/// <D>, "full_resolution": <D>, "requester_wait": <D>, "agent_work": <D>,
/// "on_hold": <D>, "agent_wait": <D>, "fcr": <Fcr>}`; a missing
/// `outbound_start` reads as `"creation"` (summaries written before the
/// convention existed counted outbound cases from creation).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ClockSummary<D = Durations> {
    #[cfg_attr(feature = "serde", serde(default = "creation"))]
    outbound_start: OutboundStart,
    #[cfg_attr(feature = "serde", serde(rename = "interactions"))]
    n: u64,
    reopens: u64,
    agent_replies: u64,
    first_reply: D,
    full_resolution: D,
    requester_wait: D,
    agent_work: D,
    on_hold: D,
    agent_wait: D,
    fcr: Fcr,
}

#[cfg(feature = "serde")]
fn creation() -> OutboundStart {
    OutboundStart::Creation
}

impl Default for ClockSummary<Durations> {
    /// Exact durations, one-touch FCR, the default outbound convention.
    fn default() -> Self {
        Self::new(FcrConvention::default())
    }
}

impl ClockSummary<Durations> {
    /// An empty summary with exact durations, for clocks judged by
    /// `convention` (and read with the default [`OutboundStart`]).
    ///
    /// ```
    /// use carekit::metrics::{ClockSummary, FcrConvention};
    /// let s = ClockSummary::new(FcrConvention::NoReopen);
    /// assert_eq!((s.n(), s.fcr().convention()), (0, FcrConvention::NoReopen));
    /// ```
    pub fn new(convention: FcrConvention) -> Self {
        Self::with_durations(convention, Durations::new())
    }
}

impl<D: Accumulator> ClockSummary<D> {
    /// An empty summary keeping each clock in an accumulator like
    /// `durations` (only its convention is kept, e.g. a sketch's relative
    /// accuracy).
    ///
    /// ```
    /// use carekit::metrics::{ClockSummary, FcrConvention, QuantileSketch};
    /// let s = ClockSummary::with_durations(FcrConvention::OneTouch, QuantileSketch::new(0.02)?);
    /// assert_eq!(s.first_reply().relative_accuracy(), 0.02);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[allow(
        clippy::needless_pass_by_value,
        reason = "`with_durations(c, QuantileSketch::new(0.01)?)` reads naturally; only the convention is kept"
    )]
    pub fn with_durations(convention: FcrConvention, durations: D) -> Self {
        let empty = durations.empty_like();
        Self {
            outbound_start: OutboundStart::default(),
            n: 0,
            reopens: 0,
            agent_replies: 0,
            first_reply: empty.clone(),
            full_resolution: empty.clone(),
            requester_wait: empty.clone(),
            agent_work: empty.clone(),
            on_hold: empty.clone(),
            agent_wait: empty,
            fcr: Fcr::new(convention),
        }
    }

    /// The same summary for clocks read with another outbound convention.
    ///
    /// ```
    /// use carekit::interaction::OutboundStart;
    /// use carekit::metrics::{ClockSummary, FcrConvention};
    /// let s = ClockSummary::new(FcrConvention::OneTouch).with_outbound_start(OutboundStart::Creation);
    /// assert_eq!(s.outbound_start(), OutboundStart::Creation);
    /// ```
    #[must_use]
    pub fn with_outbound_start(mut self, outbound_start: OutboundStart) -> Self {
        self.outbound_start = outbound_start;
        self
    }

    /// The outbound convention of the clocks summarised.
    ///
    /// ```
    /// use carekit::interaction::OutboundStart;
    /// use carekit::metrics::ClockSummary;
    /// assert_eq!(ClockSummary::default().outbound_start(), OutboundStart::FirstCustomerMessage);
    /// ```
    pub fn outbound_start(&self) -> OutboundStart {
        self.outbound_start
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
    /// [`MetricsError::ConventionsDiffer`] when the FCR or outbound
    /// conventions (or the duration accumulators' conventions) differ;
    /// [`MetricsError::CountOverflow`] past `u64::MAX`. `self` is then
    /// unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.outbound_start != other.outbound_start {
            return Err(MetricsError::ConventionsDiffer {
                accumulator: "clock summary",
                left: self.outbound_start.to_string(),
                right: other.outbound_start.to_string(),
            }
            .into());
        }
        let overflow = || MetricsError::CountOverflow {
            accumulator: "clock summary",
        };
        // Everything is merged into a copy first, so a failed merge leaves
        // `self` as it was.
        let mut next = self.clone();
        next.fcr.merge(&other.fcr)?;
        next.n = self.n.checked_add(other.n).ok_or_else(overflow)?;
        next.reopens = self
            .reopens
            .checked_add(other.reopens)
            .ok_or_else(overflow)?;
        next.agent_replies = self
            .agent_replies
            .checked_add(other.agent_replies)
            .ok_or_else(overflow)?;
        next.first_reply.merge(&other.first_reply)?;
        next.full_resolution.merge(&other.full_resolution)?;
        next.requester_wait.merge(&other.requester_wait)?;
        next.agent_work.merge(&other.agent_work)?;
        next.on_hold.merge(&other.on_hold)?;
        next.agent_wait.merge(&other.agent_wait)?;
        *self = next;
        Ok(())
    }

    /// Interactions summarised.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert_eq!(ClockSummary::default().n(), 0);
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Reopens over all interactions.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert_eq!(ClockSummary::default().reopens(), 0);
    /// ```
    pub fn reopens(&self) -> u64 {
        self.reopens
    }

    /// Reopens per interaction (a mean count, not a share: it exceeds 1
    /// when cases reopen more than once); `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert_eq!(ClockSummary::default().reopens_per_interaction(), None);
    /// ```
    pub fn reopens_per_interaction(&self) -> Option<f64> {
        (self.n > 0).then(|| self.reopens as f64 / self.n as f64)
    }

    /// Public agent replies over all interactions.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert_eq!(ClockSummary::default().agent_replies(), 0);
    /// ```
    pub fn agent_replies(&self) -> u64 {
        self.agent_replies
    }

    /// First reply times, in seconds (interactions with a first reply).
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().first_reply().is_empty());
    /// ```
    pub fn first_reply(&self) -> &D {
        &self.first_reply
    }

    /// Full resolution times, in seconds (solved interactions).
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().full_resolution().is_empty());
    /// ```
    pub fn full_resolution(&self) -> &D {
        &self.full_resolution
    }

    /// Requester wait times, in seconds.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().requester_wait().is_empty());
    /// ```
    pub fn requester_wait(&self) -> &D {
        &self.requester_wait
    }

    /// Agent work times, in seconds.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().agent_work().is_empty());
    /// ```
    pub fn agent_work(&self) -> &D {
        &self.agent_work
    }

    /// On-hold times, in seconds.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().on_hold().is_empty());
    /// ```
    pub fn on_hold(&self) -> &D {
        &self.on_hold
    }

    /// Agent wait (pending) times, in seconds.
    ///
    /// ```
    /// use carekit::metrics::ClockSummary;
    /// assert!(ClockSummary::default().agent_wait().is_empty());
    /// ```
    pub fn agent_wait(&self) -> &D {
        &self.agent_wait
    }

    /// The first-contact resolution rate.
    ///
    /// ```
    /// use carekit::metrics::{ClockSummary, FcrConvention};
    /// assert_eq!(ClockSummary::new(FcrConvention::NoReopen).fcr().convention(), FcrConvention::NoReopen);
    /// ```
    pub fn fcr(&self) -> &Fcr {
        &self.fcr
    }
}

impl<D: Accumulator> Accumulator for ClockSummary<D> {
    fn empty_like(&self) -> Self {
        Self::with_durations(self.fcr.convention(), self.first_reply.empty_like())
            .with_outbound_start(self.outbound_start)
    }
    fn is_empty(&self) -> bool {
        self.n == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        ClockSummary::merge(self, other)
    }
}

/// One interaction's clocks; refused when they were measured under another
/// FCR or outbound convention, or a duration is refused by `D`.
impl<D: Accumulator + Push<f64>> Push<&InteractionClocks> for ClockSummary<D> {
    fn push(&mut self, clocks: &InteractionClocks) -> Result<(), Error> {
        if clocks.convention() != self.fcr.convention()
            || clocks.outbound_start() != self.outbound_start
        {
            return Err(MetricsError::ConventionMismatch {
                accumulator: "clock summary",
            }
            .into());
        }
        // One interaction as a summary of its own, merged in: all or
        // nothing, without copying the (possibly large) summary.
        let mut one = self.empty_like();
        let pairs = [
            (&mut one.first_reply, clocks.first_reply()),
            (&mut one.full_resolution, clocks.full_resolution()),
            (&mut one.requester_wait, Some(clocks.requester_wait())),
            (&mut one.agent_work, Some(clocks.agent_work())),
            (&mut one.on_hold, Some(clocks.on_hold())),
            (&mut one.agent_wait, Some(clocks.agent_wait())),
        ];
        for (d, v) in pairs {
            if let Some(v) = v {
                d.push(secs(v))?;
            }
        }
        one.fcr.push(clocks.first_contact_resolved())?;
        one.n = 1;
        one.reopens = u64::from(clocks.reopens());
        one.agent_replies = u64::from(clocks.agent_replies());
        self.merge(&one)
    }
}

fn secs(d: TimeDelta) -> f64 {
    d.seconds()
}

push_vocabulary!(
    ClockSummary<Durations>,
    "```
use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
use carekit::{Channel, CustomerId, Interaction, InteractionId};
use chrono::{TimeZone, Utc};
let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Chat, t(9)).build()?;
let mut s = ClockSummary::new(FcrConvention::OneTouch);
s.push(&InteractionClocks::measure(&case, t(10), &CalendarTime, FcrConvention::OneTouch)?)?;
assert_eq!((s.n(), s.requester_wait().mean()), (1, Some(3600.0)));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks};
use carekit::{Channel, CustomerId, Interaction, InteractionId};
use chrono::{TimeZone, Utc};
let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Chat, t(9)).build()?;
let clocks = [1, 2].map(|h| InteractionClocks::measure(&case, t(9 + h), &CalendarTime, FcrConvention::OneTouch));
let mut s = ClockSummary::new(FcrConvention::OneTouch);
s.extend(clocks.iter().flatten())?;
assert_eq!(s.requester_wait().mean(), Some(5400.0)); // (3600 + 7200) / 2
# Ok::<(), carekit::Error>(())
```"
);

push_vocabulary!(
    ClockSummary<QuantileSketch>,
    "```
use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, QuantileSketch};
use carekit::{Channel, CustomerId, Interaction, InteractionId};
use chrono::{TimeZone, Utc};
let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Chat, t(9)).build()?;
let mut s = ClockSummary::with_durations(FcrConvention::OneTouch, QuantileSketch::new(0.01)?);
s.push(&InteractionClocks::measure(&case, t(10), &CalendarTime, FcrConvention::OneTouch)?)?;
assert_eq!(s.requester_wait().n(), 1);
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, QuantileSketch};
use carekit::{Channel, CustomerId, Interaction, InteractionId};
use chrono::{TimeZone, Utc};
let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Chat, t(9)).build()?;
let clocks = [1, 2].map(|h| InteractionClocks::measure(&case, t(9 + h), &CalendarTime, FcrConvention::OneTouch));
let mut s = ClockSummary::with_durations(FcrConvention::OneTouch, QuantileSketch::new(0.01)?);
s.extend(clocks.iter().flatten())?;
assert_eq!(s.requester_wait().n(), 2);
# Ok::<(), carekit::Error>(())
```"
);
