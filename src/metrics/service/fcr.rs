//! First-contact resolution: the mergeable rate ([`Fcr`]) of the per-case
//! verdicts.

use super::clocks::InteractionClocks;
use super::first_contact::FcrConvention;
use crate::error::Error;
use crate::error::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::stats::{Confidence, Interval, proportion_interval};

/// First-contact resolution rate: resolved / judged, under one
/// [`FcrConvention`].
///
/// Each observation is a verdict: `Some(true)` resolved at first contact,
/// `Some(false)` not, `None` not judged yet (the interaction is not solved)
/// and skipped. [`n`](Self::n) counts the judged interactions; the rate is
/// `None` while there is none.
///
/// ```
/// use carekit::metrics::{Fcr, FcrConvention};
/// let mut fcr = Fcr::new(FcrConvention::OneTouch);
/// fcr.extend([Some(true), Some(false), Some(true), None])?; // `None`: unsolved, skipped
/// assert_eq!((fcr.resolved(), fcr.n()), (2, 3));
/// assert_eq!(fcr.rate(), Some(2.0 / 3.0));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"convention": "one_touch", "resolved": 2,
/// "eligible": 3}` ([`FcrParts`]; resolved may not exceed eligible).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "FcrParts", into = "FcrParts"))]
pub struct Fcr {
    convention: FcrConvention,
    resolved: u64,
    judged: u64,
}

/// The data of an [`Fcr`], field for field as its serialised form.
///
/// ```
/// use carekit::metrics::{Fcr, FcrConvention, FcrParts};
/// let parts = FcrParts { convention: FcrConvention::NoReopen, resolved: 3, eligible: 4 };
/// assert_eq!(Fcr::from_parts(parts)?.rate(), Some(0.75));
/// assert!(Fcr::from_parts(FcrParts { resolved: 5, ..parts }).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FcrParts {
    /// The convention.
    pub convention: FcrConvention,
    /// Interactions resolved at first contact.
    pub resolved: u64,
    /// Interactions judged ([`Fcr::n`]).
    pub eligible: u64,
}

impl TryFrom<FcrParts> for Fcr {
    type Error = Error;
    fn try_from(parts: FcrParts) -> Result<Self, Error> {
        Fcr::from_parts(parts)
    }
}

impl From<Fcr> for FcrParts {
    fn from(f: Fcr) -> Self {
        f.to_parts()
    }
}

impl Fcr {
    /// An empty accumulator for `convention`.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let f = Fcr::new(FcrConvention::NoReopen);
    /// assert_eq!((f.rate(), f.n(), f.convention()), (None, 0, FcrConvention::NoReopen));
    /// ```
    pub fn new(convention: FcrConvention) -> Self {
        Self {
            convention,
            resolved: 0,
            judged: 0,
        }
    }

    /// An accumulator from counts: `resolved` of `judged` solved
    /// interactions resolved at first contact.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// assert_eq!(Fcr::from_counts(FcrConvention::NoReopen, 3, 4)?.rate(), Some(0.75));
    /// assert!(Fcr::from_counts(FcrConvention::NoReopen, 5, 4).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::AboveCohort`] when `resolved > judged`.
    pub fn from_counts(
        convention: FcrConvention,
        resolved: u64,
        judged: u64,
    ) -> Result<Self, Error> {
        Self::from_parts(FcrParts {
            convention,
            resolved,
            eligible: judged,
        })
    }

    /// An accumulator from its parts, checked like deserialisation.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention, FcrParts};
    /// let fcr = Fcr::from_parts(FcrParts { convention: FcrConvention::OneTouch, resolved: 42, eligible: 60 })?;
    /// assert_eq!(fcr.rate(), Some(0.7));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::AboveCohort`] when `resolved > eligible`.
    pub fn from_parts(parts: FcrParts) -> Result<Self, Error> {
        if parts.resolved > parts.eligible {
            return Err(MetricsError::AboveCohort {
                field: "resolved",
                value: parts.resolved,
                cohort: parts.eligible,
            }
            .into());
        }
        Ok(Self {
            convention: parts.convention,
            resolved: parts.resolved,
            judged: parts.eligible,
        })
    }

    /// The accumulator's parts (see [`FcrParts`]).
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let mut fcr = Fcr::new(FcrConvention::OneTouch);
    /// fcr.push(Some(true))?;
    /// assert_eq!((fcr.to_parts().resolved, fcr.to_parts().eligible), (1, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> FcrParts {
        FcrParts {
            convention: self.convention,
            resolved: self.resolved,
            eligible: self.judged,
        }
    }

    /// The accumulator's parts, consuming it.
    ///
    /// ```
    /// use carekit::metrics::Fcr;
    /// assert_eq!(Fcr::default().into_parts().eligible, 0);
    /// ```
    pub fn into_parts(self) -> FcrParts {
        self.to_parts()
    }

    /// Adds another accumulator's counts.
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionsDiffer`] when the conventions differ;
    /// [`MetricsError::CountOverflow`] past `u64::MAX`. `self` is then
    /// unchanged.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let (mut a, mut b) = (Fcr::new(FcrConvention::OneTouch), Fcr::new(FcrConvention::OneTouch));
    /// a.extend([Some(true), Some(false)])?;
    /// b.extend([Some(true), Some(true)])?;
    /// a.merge(&b)?;
    /// assert_eq!(a.rate(), Some(0.75));
    /// assert!(a.merge(&Fcr::new(FcrConvention::NoReopen)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Fcr) -> Result<(), Error> {
        if other.convention != self.convention {
            return Err(MetricsError::ConventionsDiffer {
                accumulator: "fcr",
                left: self.convention.to_string(),
                right: other.convention.to_string(),
            }
            .into());
        }
        let overflow = || MetricsError::CountOverflow { accumulator: "fcr" };
        let resolved = self
            .resolved
            .checked_add(other.resolved)
            .ok_or_else(overflow)?;
        let judged = self.judged.checked_add(other.judged).ok_or_else(overflow)?;
        (self.resolved, self.judged) = (resolved, judged);
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
    /// let mut fcr = Fcr::new(FcrConvention::OneTouch);
    /// fcr.extend([Some(true), Some(false)])?;
    /// assert_eq!(fcr.resolved(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn resolved(&self) -> u64 {
        self.resolved
    }

    /// Interactions judged (solved when measured).
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention};
    /// let mut fcr = Fcr::new(FcrConvention::OneTouch);
    /// fcr.extend([Some(false), None])?; // the second is still open: not judged
    /// assert_eq!(fcr.n(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.judged
    }

    /// `resolved / n` as a proportion in `0..=1`; `None` when nothing was
    /// judged.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention, FcrParts};
    /// assert_eq!(Fcr::new(FcrConvention::OneTouch).rate(), None);
    /// let fcr = Fcr::from_parts(FcrParts { convention: FcrConvention::OneTouch, resolved: 42, eligible: 60 })?;
    /// assert_eq!(fcr.rate(), Some(0.7)); // 42 / 60
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn rate(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.resolved as f64 / self.judged as f64)
    }

    /// The Wilson score interval of the [rate](Self::rate), in proportion
    /// units 0–1 ([`stats::proportion_interval`](crate::stats::proportion_interval));
    /// `None` when nothing was judged.
    ///
    /// # Errors
    ///
    /// None in practice (`resolved <= n` always holds); the signature
    /// passes on the interval function's.
    ///
    /// ```
    /// use carekit::metrics::{Fcr, FcrConvention, FcrParts};
    /// use carekit::stats::Confidence;
    /// // Newcombe (1998) Table I: 81 of 263 -> 0.2553 to 0.3662 (Wilson).
    /// let fcr = Fcr::from_parts(FcrParts { convention: FcrConvention::OneTouch, resolved: 81, eligible: 263 })?;
    /// let ci = fcr.proportion_interval(Confidence::NINETY_FIVE)?.unwrap();
    /// assert_eq!(format!("{:.4}..{:.4}", ci.low(), ci.high()), "0.2553..0.3662");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn proportion_interval(&self, confidence: Confidence) -> Result<Option<Interval>, Error> {
        proportion_interval(self.resolved, self.judged, confidence)
    }
}

impl Accumulator for Fcr {
    fn empty_like(&self) -> Self {
        Self::new(self.convention)
    }
    fn is_empty(&self) -> bool {
        self.judged == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Fcr::merge(self, other)
    }
}

/// A verdict: `Some(resolved)`, or `None` (not judged yet) which is skipped.
impl Push<Option<bool>> for Fcr {
    fn push(&mut self, verdict: Option<bool>) -> Result<(), Error> {
        match verdict {
            Some(resolved) => self.merge(&Self {
                convention: self.convention,
                resolved: u64::from(resolved),
                judged: 1,
            }),
            None => Ok(()),
        }
    }
}

/// An interaction's verdict; refused when its clocks were measured under
/// another convention.
impl Push<&InteractionClocks> for Fcr {
    fn push(&mut self, clocks: &InteractionClocks) -> Result<(), Error> {
        if clocks.convention() != self.convention {
            return Err(MetricsError::ConventionMismatch { accumulator: "fcr" }.into());
        }
        self.push(clocks.first_contact_resolved())
    }
}

push_vocabulary!(
    Fcr,
    "```
use carekit::calendar::CalendarTime;
use carekit::metrics::{Fcr, FcrConvention, InteractionClocks};
use carekit::{Channel, CustomerId, Interaction, InteractionId, Status};
use chrono::{TimeZone, Utc};
let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
let case = Interaction::builder(InteractionId::new(\"T\")?, CustomerId::new(\"c\")?, Channel::Chat, t(9))
    .status(t(10), Status::Solved)
    .build()?;
let clocks = InteractionClocks::measure(&case, t(11), &CalendarTime, FcrConvention::NoReopen)?;
let mut fcr = Fcr::new(FcrConvention::NoReopen);
fcr.push(&clocks)?;
fcr.push(Some(false))?;
assert_eq!(fcr.rate(), Some(0.5));
assert!(Fcr::new(FcrConvention::OneTouch).push(&clocks).is_err());
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::{Fcr, FcrConvention};
let mut fcr = Fcr::new(FcrConvention::OneTouch);
fcr.extend([Some(true), Some(true), Some(false), None])?;
assert_eq!((fcr.resolved(), fcr.n()), (2, 3));
# Ok::<(), carekit::Error>(())
```"
);
