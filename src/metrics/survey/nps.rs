//! Net Promoter Score: [`NpsConfig`], [`Nps`], [`WeightedNps`] and their
//! summaries.

use std::fmt;

use crate::metrics::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::metrics::kernels::{self, RowMask};
use crate::stats::{self, Confidence, Interval, NpsIntervalMethod};
use crate::{
    error::Error, feedback::Feedback, feedback::NpsCategory, feedback::NpsScore, feedback::Weight,
    scale::RatingScale,
};

/// NPS cut-offs: scores `0..=detractor_max` are detractors, scores
/// `promoter_min..=10` promoters, the rest passives.
///
/// The default is the standard 0–6 / 7–8 / 9–10 split
/// ([`NpsConfig::STANDARD`]). With `serde` it reads and writes as
/// `{"detractor_max": 6, "promoter_min": 9}` and is validated like
/// [`NpsConfig::new`].
///
/// # Example
///
/// ```
/// use carekit::{NpsCategory, NpsScore, metrics::NpsConfig};
///
/// let strict = NpsConfig::new(6, 10)?;
/// assert_eq!(strict.category(NpsScore::new(9)?), NpsCategory::Passive);
/// assert_eq!(NpsConfig::default(), NpsConfig::STANDARD);
/// assert_eq!(strict.to_string(), "detractors 0..=6, promoters 10..=10");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawNpsConfig", into = "RawNpsConfig")
)]
pub struct NpsConfig {
    detractor_max: u8,
    promoter_min: u8,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNpsConfig {
    detractor_max: u8,
    promoter_min: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNpsConfig> for NpsConfig {
    type Error = Error;
    fn try_from(raw: RawNpsConfig) -> Result<Self, Error> {
        Self::new(raw.detractor_max, raw.promoter_min)
    }
}

#[cfg(feature = "serde")]
impl From<NpsConfig> for RawNpsConfig {
    fn from(c: NpsConfig) -> Self {
        Self {
            detractor_max: c.detractor_max,
            promoter_min: c.promoter_min,
        }
    }
}

impl NpsConfig {
    /// Detractors 0–6, passives 7–8, promoters 9–10.
    ///
    /// ```
    /// use carekit::{NpsCategory, NpsScore, metrics::NpsConfig};
    /// let c = NpsConfig::STANDARD;
    /// assert_eq!((c.detractor_max(), c.promoter_min()), (6, 9));
    /// assert_eq!(c.category(NpsScore::new(8)?), NpsCategory::Passive);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const STANDARD: NpsConfig = NpsConfig {
        detractor_max: 6,
        promoter_min: 9,
    };

    /// Cut-offs with `detractor_max < promoter_min <= 10`.
    ///
    /// ```
    /// use carekit::metrics::NpsConfig;
    /// let c = NpsConfig::new(5, 9)?;
    /// assert_eq!((c.detractor_max(), c.promoter_min()), (5, 9));
    /// assert!(NpsConfig::new(6, 11).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::NpsCutoffs`] unless `detractor_max < promoter_min <= 10`.
    pub fn new(detractor_max: u8, promoter_min: u8) -> Result<Self, Error> {
        if detractor_max < promoter_min && promoter_min <= 10 {
            Ok(Self {
                detractor_max,
                promoter_min,
            })
        } else {
            Err(MetricsError::NpsCutoffs {
                detractor_max,
                promoter_min,
            }
            .into())
        }
    }

    /// The highest detractor score (6 by default).
    ///
    /// ```
    /// use carekit::metrics::NpsConfig;
    /// assert_eq!(NpsConfig::STANDARD.detractor_max(), 6);
    /// assert_eq!(NpsConfig::new(4, 9)?.detractor_max(), 4);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractor_max(self) -> u8 {
        self.detractor_max
    }

    /// The lowest promoter score (9 by default).
    ///
    /// ```
    /// use carekit::metrics::NpsConfig;
    /// assert_eq!(NpsConfig::STANDARD.promoter_min(), 9);
    /// assert_eq!(NpsConfig::new(6, 10)?.promoter_min(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoter_min(self) -> u8 {
        self.promoter_min
    }

    /// The bucket of a score under these cut-offs.
    ///
    /// ```
    /// use carekit::{NpsCategory, NpsScore, metrics::NpsConfig};
    /// assert_eq!(NpsConfig::STANDARD.category(NpsScore::new(7)?), NpsCategory::Passive);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn category(self, score: NpsScore) -> NpsCategory {
        let s = score.get();
        if s <= self.detractor_max {
            NpsCategory::Detractor
        } else if s >= self.promoter_min {
            NpsCategory::Promoter
        } else {
            NpsCategory::Passive
        }
    }
}

impl Default for NpsConfig {
    fn default() -> Self {
        Self::STANDARD
    }
}

impl fmt::Display for NpsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "detractors 0..={}, promoters {}..=10",
            self.detractor_max, self.promoter_min
        )
    }
}

fn nps_error(bad: kernels::BadValue) -> Error {
    MetricsError::ColumnValueOutOfScale {
        field: "nps score",
        value: bad.value,
        index: bad.index,
        scale: RatingScale::NPS,
    }
    .into()
}

/// A mergeable NPS accumulator: detractor, passive and promoter counts
/// under its [`NpsConfig`].
///
/// NPS = 100·(P − D)/N in points, `None` when N = 0. Feed it with
/// [`push`](Nps::push) and [`extend`](Nps::extend): [`NpsScore`]s, plain
/// `u8` answers, or [`Feedback`] records (answers that are not NPS answers
/// are skipped, and weights are ignored: use [`WeightedNps`] to honour
/// them); a `&[u8]` column goes through [`Nps::extend_u8`] (the fast path)
/// and a field of the caller's structs through [`Nps::extend_by`].
///
/// The state is the three class counts (not the eleven score counts): that
/// is all the score and its interval need, merging requires equal cut-offs
/// anyway, and counting three classes is what lets the column kernel run at
/// memory speed. For the distribution of the eleven answers use a
/// [`Csat`](crate::metrics::Csat) on the scale 0..=10.
///
/// With `serde`: `{"config": {"detractor_max": 6, "promoter_min": 9},
/// "detractors": 3, "passives": 2, "promoters": 5}`.
///
/// # Example
///
/// ```
/// use carekit::metrics::Nps;
/// use carekit::stats::{Confidence, NpsIntervalMethod};
///
/// let mut nps = Nps::default();
/// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
/// // P = 5, D = 3, N = 10: 100 · (5 − 3) / 10 = 20
/// assert_eq!(nps.score(), Some(20.0));
/// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
/// let ci = s.interval().unwrap();
/// assert!(ci.low() < 20.0 && 20.0 < ci.high());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "NpsParts", into = "NpsParts"))]
pub struct Nps {
    config: NpsConfig,
    detractors: u64,
    passives: u64,
    promoters: u64,
}

/// The data of an [`Nps`], field for field as its serialised form: what a
/// storage layer or a query engine keeps as the partial state.
///
/// [`Nps::from_parts`] checks it exactly like deserialisation does.
///
/// ```
/// use carekit::metrics::{Nps, NpsConfig, NpsParts};
/// let mut nps = Nps::default();
/// nps.extend_u8(&[10, 9, 3])?;
/// let parts = nps.to_parts();
/// assert_eq!(parts, NpsParts { config: NpsConfig::STANDARD, detractors: 1, passives: 0, promoters: 2 });
/// assert_eq!(Nps::from_parts(parts)?, nps);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NpsParts {
    /// The cut-offs.
    pub config: NpsConfig,
    /// Answers `≤ detractor_max`.
    pub detractors: u64,
    /// Answers between the cut-offs.
    pub passives: u64,
    /// Answers `≥ promoter_min`.
    pub promoters: u64,
}

impl TryFrom<NpsParts> for Nps {
    type Error = Error;
    fn try_from(parts: NpsParts) -> Result<Self, Error> {
        Nps::from_parts(parts)
    }
}

impl From<Nps> for NpsParts {
    fn from(nps: Nps) -> Self {
        nps.into_parts()
    }
}

impl Nps {
    /// An empty accumulator with the given cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{Nps, NpsConfig};
    /// let nps = Nps::new(NpsConfig::new(6, 10)?);
    /// assert_eq!((nps.n(), nps.score()), (0, None));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(config: NpsConfig) -> Self {
        Self {
            config,
            detractors: 0,
            passives: 0,
            promoters: 0,
        }
    }

    /// An accumulator from its parts, checked like deserialisation: the
    /// three counts must add up to at most `u64::MAX`.
    ///
    /// ```
    /// use carekit::metrics::{Nps, NpsConfig, NpsParts};
    /// let nps = Nps::from_parts(NpsParts { config: NpsConfig::STANDARD, detractors: 2, passives: 1, promoters: 5 })?;
    /// assert_eq!(nps.score(), Some(37.5)); // 100 · (5 − 2) / 8
    /// let too_many = NpsParts { config: NpsConfig::STANDARD, detractors: u64::MAX, passives: 1, promoters: 0 };
    /// assert!(Nps::from_parts(too_many).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidState`] if the counts add up to more than
    /// `u64::MAX`.
    pub fn from_parts(parts: NpsParts) -> Result<Self, Error> {
        let NpsParts {
            config,
            detractors,
            passives,
            promoters,
        } = parts;
        detractors
            .checked_add(passives)
            .and_then(|n| n.checked_add(promoters))
            .ok_or(MetricsError::InvalidState {
                accumulator: "nps",
                rule: "the counts must add up to at most 2^64 - 1",
            })?;
        Ok(Self {
            config,
            detractors,
            passives,
            promoters,
        })
    }

    /// The accumulator's parts (see [`NpsParts`]).
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[8, 8])?;
    /// assert_eq!(nps.to_parts().passives, 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> NpsParts {
        NpsParts {
            config: self.config,
            detractors: self.detractors,
            passives: self.passives,
            promoters: self.promoters,
        }
    }

    /// The accumulator's parts, consuming it (see [`NpsParts`]).
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[0])?;
    /// assert_eq!(nps.into_parts().detractors, 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn into_parts(self) -> NpsParts {
        self.to_parts()
    }

    /// The cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{Nps, NpsConfig};
    /// assert_eq!(Nps::default().config(), NpsConfig::STANDARD);
    /// let strict = NpsConfig::new(6, 10)?;
    /// assert_eq!(Nps::new(strict).config(), strict);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> NpsConfig {
        self.config
    }

    /// Adds a column of plain answers: the fast path (tens of G rows/s on
    /// one core, see the [module docs](crate::metrics)).
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 0, 7])?;
    /// assert_eq!((nps.promoters(), nps.passives(), nps.detractors()), (2, 1, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ColumnValueOutOfScale`] naming the first value above
    /// 10 and its index; the accumulator is then unchanged.
    pub fn extend_u8(&mut self, scores: &[u8]) -> Result<(), Error> {
        let (low, high) =
            kernels::nps_classes(scores, self.config.detractor_max, self.config.promoter_min)
                .map_err(nps_error)?;
        // low + high <= len because the classes are disjoint.
        let mid = (scores.len() as u64)
            .saturating_sub(low)
            .saturating_sub(high);
        self.add_counts(low, mid, high)
    }

    /// Adds the score field of each of the caller's records, without
    /// converting them first: the records are read once, in order, and
    /// `score` is called at most once per record, in order. Records wider
    /// than 16 bytes are counted as they are read, at memory speed; narrower
    /// ones are gathered 4096 at a time and counted with the column kernel.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// struct Survey { ticket: u64, score: u8 }
    /// let rows = [Survey { ticket: 1, score: 10 }, Survey { ticket: 2, score: 4 }];
    /// let mut nps = Nps::default();
    /// nps.extend_by(&rows, |r| r.score)?;
    /// assert_eq!(nps.score(), Some(0.0));
    /// # let _ = rows[0].ticket;
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ColumnValueOutOfScale`] naming the first score above
    /// 10 and the index of its record; the accumulator is then unchanged.
    pub fn extend_by<T>(
        &mut self,
        records: &[T],
        score: impl FnMut(&T) -> u8,
    ) -> Result<(), Error> {
        let (low, high) = kernels::nps_classes_by(
            records,
            score,
            self.config.detractor_max,
            self.config.promoter_min,
        )
        .map_err(nps_error)?;
        // low + high <= len because the classes are disjoint.
        let mid = (records.len() as u64)
            .saturating_sub(low)
            .saturating_sub(high);
        self.add_counts(low, mid, high)
    }

    /// Adds a batch of scores to per-group accumulators: row `i` adds
    /// `scores[i]` to `groups[group_indices[i]]`, each group counting with
    /// its own cut-offs. This is the shape a query engine's grouped
    /// aggregation hands over (`DataFusion`'s `GroupsAccumulator`: one group
    /// index per row, below the number of groups); grow `groups` to that
    /// number first.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut groups = vec![Nps::default(); 2];
    /// Nps::extend_grouped(&mut groups, &[0, 1, 0, 1], &[10, 3, 9, 8])?;
    /// assert_eq!(groups[0].score(), Some(100.0)); // two promoters
    /// assert_eq!(groups[1].score(), Some(-50.0)); // 100 · (0 − 1) / 2
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::LengthMismatch`] if `scores` and `group_indices`
    /// differ in length; [`MetricsError::GroupIndexOutOfRange`] for a group
    /// index not below `groups.len()` and
    /// [`MetricsError::ColumnValueOutOfScale`] for a score above 10, each
    /// naming the first such row. On error every group is unchanged.
    pub fn extend_grouped(
        groups: &mut [Nps],
        group_indices: &[usize],
        scores: &[u8],
    ) -> Result<(), Error> {
        Self::update_grouped(groups, group_indices, scores, None)
    }

    /// [`extend_grouped`](Self::extend_grouped) for the rows that `rows`
    /// lets count: a validity bitmap (null scores are skipped), a filter,
    /// or both combined. Rows that do not count are not read at all: their
    /// score and group index may be anything.
    ///
    /// ```
    /// use carekit::metrics::{Nps, RowMask};
    /// let mut groups = vec![Nps::default(); 2];
    /// // Row 1 is null (bit 1 clear): its placeholder score 255 is skipped.
    /// let valid = RowMask::new(&[0b1101], 0);
    /// Nps::extend_grouped_masked(&mut groups, &[0, 1, 1, 0], &[10, 255, 0, 7], valid)?;
    /// assert_eq!((groups[0].n(), groups[1].n()), (2, 1));
    /// assert_eq!(groups[1].detractors(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`extend_grouped`](Self::extend_grouped), and
    /// [`MetricsError::LengthMismatch`] if the mask covers fewer rows than
    /// there are group indices. On error every group is unchanged.
    pub fn extend_grouped_masked(
        groups: &mut [Nps],
        group_indices: &[usize],
        scores: &[u8],
        rows: RowMask<'_>,
    ) -> Result<(), Error> {
        Self::update_grouped(groups, group_indices, scores, Some(rows))
    }

    fn update_grouped(
        groups: &mut [Nps],
        group_indices: &[usize],
        scores: &[u8],
        rows: Option<RowMask<'_>>,
    ) -> Result<(), Error> {
        kernels::update_groups(
            groups,
            group_indices,
            scores,
            rows,
            |g, x| {
                if x > 10 {
                    return false;
                }
                let slot = g.class_slot(x);
                // Counts saturate (2^64 answers are out of reach).
                *slot = slot.saturating_add(1);
                true
            },
            |g, x| {
                let slot = g.class_slot(x);
                *slot = slot.saturating_sub(1);
            },
        )
        .map_err(|stop| stop.into_error("nps score", RatingScale::NPS))
    }

    /// Adds another accumulator's counts (commutative and associative:
    /// merging the parts of any split gives exactly the whole).
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let (mut a, mut b) = (Nps::default(), Nps::default());
    /// a.extend_u8(&[10, 3])?;
    /// b.extend_u8(&[9])?;
    /// a.merge(&b)?;
    /// assert_eq!((a.n(), a.promoters()), (3, 2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionsDiffer`] if the cut-offs differ;
    /// [`MetricsError::CountOverflow`] if a count would pass `u64::MAX`.
    /// On error `self` is unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.config != other.config {
            return Err(MetricsError::ConventionsDiffer {
                accumulator: "nps",
                left: self.config.to_string(),
                right: other.config.to_string(),
            }
            .into());
        }
        let overflow = || Error::from(MetricsError::CountOverflow { accumulator: "nps" });
        let d = self
            .detractors
            .checked_add(other.detractors)
            .ok_or_else(overflow)?;
        let m = self
            .passives
            .checked_add(other.passives)
            .ok_or_else(overflow)?;
        let p = self
            .promoters
            .checked_add(other.promoters)
            .ok_or_else(overflow)?;
        // The answer count N must stay representable too.
        d.checked_add(m)
            .and_then(|n| n.checked_add(p))
            .ok_or_else(overflow)?;
        (self.detractors, self.passives, self.promoters) = (d, m, p);
        Ok(())
    }

    /// The counter of a score's class, chosen without a branch on the
    /// class (which is unpredictable from row to row).
    #[inline]
    fn class_slot(&mut self, score: u8) -> &mut u64 {
        let (d, p) = (self.config.detractor_max, self.config.promoter_min);
        let high = if score >= p {
            &mut self.promoters
        } else {
            &mut self.passives
        };
        if score <= d {
            &mut self.detractors
        } else {
            high
        }
    }

    /// Adds class counts computed elsewhere (kernels); nothing changes if
    /// the answer count would pass `u64::MAX`.
    pub(crate) fn add_counts(
        &mut self,
        detractors: u64,
        passives: u64,
        promoters: u64,
    ) -> Result<(), Error> {
        self.merge(&Self {
            config: self.config,
            detractors,
            passives,
            promoters,
        })
    }

    /// Number of answers N.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 8, 2])?;
    /// assert_eq!(nps.n(), 3); // one promoter, one passive, one detractor
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.detractors
            .saturating_add(self.passives)
            .saturating_add(self.promoters)
    }

    /// Number of promoters P.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 8, 2])?;
    /// assert_eq!(nps.promoters(), 2); // 10 and 9
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoters(&self) -> u64 {
        self.promoters
    }

    /// Number of passives.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 8, 7, 6])?;
    /// assert_eq!(nps.passives(), 2); // 8 and 7
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn passives(&self) -> u64 {
        self.passives
    }

    /// Number of detractors D.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 7, 6, 0])?;
    /// assert_eq!(nps.detractors(), 2); // 6 and 0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractors(&self) -> u64 {
        self.detractors
    }

    /// NPS = 100·(P − D)/N in points, `None` when N = 0.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// assert_eq!(nps.score(), None);
    /// nps.extend_u8(&[9, 9, 9, 0])?;
    /// assert_eq!(nps.score(), Some(50.0)); // 100 · (3 − 1) / 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> Option<f64> {
        let n = self.n();
        // Exact for counts below 2^46; beyond, the clamp keeps a rounding
        // overshoot inside [−100, 100].
        (n > 0).then(|| {
            (100.0 * (self.promoters as f64 - self.detractors as f64) / n as f64)
                .clamp(-100.0, 100.0)
        })
    }

    /// The score with its confidence interval (see
    /// [`stats::nps_interval`]; the effective n is N).
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[9, 9, 9, 9])?;
    /// let s = nps.summary(Confidence::new(0.9)?, NpsIntervalMethod::AdjustedWald)?;
    /// assert_eq!((s.n(), s.score()), (4, Some(100.0)));
    /// assert_eq!(s.method(), NpsIntervalMethod::AdjustedWald);
    /// assert!(s.interval().unwrap().low() < 100.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Errors of [`stats::nps_interval`].
    pub fn summary(
        &self,
        confidence: Confidence,
        method: NpsIntervalMethod,
    ) -> Result<NpsSummary, Error> {
        let n = self.n();
        let interval = if n == 0 {
            None
        } else {
            stats::nps_interval(
                self.promoters as f64,
                self.detractors as f64,
                n as f64,
                n as f64,
                method,
                confidence,
            )?
        };
        Ok(NpsSummary {
            n,
            promoters: self.promoters,
            passives: self.passives,
            detractors: self.detractors,
            score: self.score(),
            interval,
            method,
            confidence,
            config: self.config,
        })
    }
}

impl Accumulator for Nps {
    fn empty_like(&self) -> Self {
        Self::new(self.config)
    }
    fn is_empty(&self) -> bool {
        self.n() == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Nps::merge(self, other)
    }
}

/// One answer.
impl Push<NpsScore> for Nps {
    fn push(&mut self, score: NpsScore) -> Result<(), Error> {
        match self.config.category(score) {
            NpsCategory::Detractor => self.add_counts(1, 0, 0),
            NpsCategory::Passive => self.add_counts(0, 1, 0),
            NpsCategory::Promoter => self.add_counts(0, 0, 1),
        }
    }
}

/// One plain answer, checked to be on 0..=10.
impl Push<u8> for Nps {
    fn push(&mut self, score: u8) -> Result<(), Error> {
        self.push(NpsScore::new(score)?)
    }
}

/// The NPS answer of a feedback record; an answer of another survey (CSAT,
/// CES) is skipped, and a weight is ignored (use [`WeightedNps`] to honour
/// it).
impl<'a> Push<&'a Feedback> for Nps {
    fn push(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match feedback.answer().nps() {
            Some(score) => self.push(score),
            None => Ok(()),
        }
    }

    /// Counts the classes without a branch on the class (which is
    /// unpredictable from record to record) and adds them in one merge, so
    /// that records are read at memory speed.
    fn extend<I: IntoIterator<Item = &'a Feedback>>(&mut self, values: I) -> Result<(), Error> {
        let (d, p) = (self.config.detractor_max, self.config.promoter_min);
        let (mut low, mut mid, mut high) = (0_u64, 0_u64, 0_u64);
        for f in values {
            if let Some(score) = f.answer().nps() {
                let x = score.get();
                low = low.saturating_add(u64::from(x <= d));
                mid = mid.saturating_add(u64::from(x > d && x < p));
                high = high.saturating_add(u64::from(x >= p));
            }
        }
        self.add_counts(low, mid, high)
    }
}

push_vocabulary!(
    Nps,
    "```
use carekit::{CsatRating, CustomerId, Feedback, NpsScore, metrics::Nps};
use chrono::DateTime;
let mut nps = Nps::default();
nps.push(NpsScore::new(9)?)?;  // a validated score
nps.push(3_u8)?;               // a plain answer, checked
assert_eq!(nps.push(11_u8).unwrap_err().to_string(), \"nps score 11 is outside the scale 0..=10\");
let at = DateTime::from_timestamp(0, 0).unwrap();
nps.push(&Feedback::builder(CustomerId::new(\"c\")?, at, NpsScore::new(10)?).build())?;
nps.push(&Feedback::builder(CustomerId::new(\"c\")?, at, CsatRating::on_default_scale(5)?).build())?; // skipped
assert_eq!((nps.promoters(), nps.detractors()), (2, 1));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::{NpsScore, metrics::Nps};
let mut nps = Nps::default();
nps.extend([10_u8, 9, 6])?;
nps.extend([NpsScore::new(7)?])?;
assert_eq!((nps.promoters(), nps.passives(), nps.detractors()), (2, 1, 1));
assert!(nps.extend([10_u8, 99]).is_err()); // all or nothing
assert_eq!(nps.n(), 4);
# Ok::<(), carekit::Error>(())
```"
);

/// An NPS result: counts, score, interval, and the convention, method and
/// confidence that produced them. Built by [`Nps::summary`].
///
/// With `serde` it serialises (for reports) as `{"n", "promoters",
/// "passives", "detractors", "score", "interval", "method", "confidence",
/// "config"}`; to ship partial results, serialise the [`Nps`] accumulator.
///
/// ```
/// use carekit::metrics::Nps;
/// use carekit::stats::{Confidence, NpsIntervalMethod};
/// let s = Nps::default().summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
/// assert_eq!((s.n(), s.score(), s.interval()), (0, None, None));
/// assert_eq!(s.confidence(), Confidence::NINETY_FIVE);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NpsSummary {
    n: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    score: Option<f64>,
    interval: Option<Interval>,
    method: NpsIntervalMethod,
    confidence: Confidence,
    config: NpsConfig,
}

impl NpsSummary {
    /// Number of answers.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.n(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Number of promoters.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.promoters(), 5); // 10, 9, 9, 10, 9
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoters(&self) -> u64 {
        self.promoters
    }
    /// Number of passives.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.passives(), 2); // 8, 7
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn passives(&self) -> u64 {
        self.passives
    }
    /// Number of detractors.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.detractors(), 3); // 6, 5, 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractors(&self) -> u64 {
        self.detractors
    }
    /// NPS in points (−100..=100), `None` with no answers.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.score(), Some(20.0)); // 100 · (5 − 3) / 10
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> Option<f64> {
        self.score
    }
    /// The interval in points, clamped to [−100, 100]; `None` with no
    /// answers.
    ///
    /// ```
    /// # use carekit::metrics::Nps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = Nps::default();
    /// nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
    /// let ci = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?.interval().unwrap();
    /// // Var = 0.5 + 0.3 − 0.2² = 0.76; 20 ± 100 · 1.959964 · √(0.76 / 10) = 20 ± 54.03
    /// assert!((ci.low() + 34.03).abs() < 0.01 && (ci.high() - 74.03).abs() < 0.01);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
    /// How the interval was computed.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let s = Nps::default().summary(Confidence::NINETY_FIVE, NpsIntervalMethod::AdjustedWald)?;
    /// assert_eq!(s.method(), NpsIntervalMethod::AdjustedWald);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn method(&self) -> NpsIntervalMethod {
        self.method
    }
    /// The interval's confidence level.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let s = Nps::default().summary(Confidence::NINETY, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.confidence().get(), 0.90);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    /// The cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{Nps, NpsConfig};
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let nps = Nps::new(NpsConfig::new(6, 10)?);
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.config().promoter_min(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> NpsConfig {
        self.config
    }
}

/// A compensated (Neumaier) running sum: `sum + compensation` carries the
/// rounding error of every addition, so long sums and merges lose far less
/// than plain `f64` addition. It is part of [`WeightedNpsParts`]; its value
/// is `sum + compensation`.
///
/// ```
/// use carekit::metrics::CompensatedSum;
/// let s = CompensatedSum { sum: 1.0, compensation: 1e-17 };
/// assert_eq!(s.value(), 1.0 + 1e-17);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CompensatedSum {
    /// The running sum.
    pub sum: f64,
    /// The rounding error the running sum has not absorbed yet.
    pub compensation: f64,
}

impl CompensatedSum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }
    fn add_sum(&mut self, other: CompensatedSum) {
        self.add(other.sum);
        self.add(other.compensation);
    }
    /// The sum's value, `sum + compensation`.
    ///
    /// ```
    /// # use carekit::metrics::CompensatedSum;
    /// assert_eq!(CompensatedSum { sum: 2.5, compensation: 0.0 }.value(), 2.5);
    /// ```
    pub fn value(self) -> f64 {
        self.sum + self.compensation
    }
}

/// A mergeable weighted NPS accumulator.
///
/// Shares are weight sums: NPS = 100·(`W_P` − `W_D`)/W with W = Σw; the
/// interval uses Kish's effective sample size `n_eff` = (Σw)²/Σw². Weights
/// come from [`Weight`] (finite, > 0); feedback records without a weight
/// count with weight 1.
///
/// Sums are kept with Neumaier compensation. Merging is exact for the
/// answer count and equals the whole-data result up to floating-point
/// rounding for the weight sums (float addition is not associative; the
/// compensation keeps the difference at the level of a few ulps).
///
/// The total weight Σw and the sum of squared weights Σw² must stay finite
/// `f64`s (below about 1.8e308, so no weight above about 1.3e154):
/// [`push`](Self::push), [`extend`](Self::extend),
/// [`extend_u8`](Self::extend_u8), [`merge`](Self::merge) and
/// deserialisation refuse an addition that would overflow with
/// [`MetricsError::WeightSumOverflow`] and leave the accumulator unchanged.
///
/// With `serde`: `{"config": {...}, "n": 2, "detractors": {"sum": 1.5,
/// "compensation": 0.0}, "passives": {...}, "promoters": {...},
/// "squares": {...}}`. The round trip is bit-exact with a correctly
/// rounding float parser (for `serde_json`, its `float_roundtrip`
/// feature); otherwise the last digit of a sum may differ.
///
/// # Example
///
/// ```
/// use carekit::{NpsScore, Weight, metrics::WeightedNps};
///
/// let mut nps = WeightedNps::default();
/// nps.push((NpsScore::new(10)?, Weight::new(3.0)?))?;
/// nps.push((NpsScore::new(2)?, Weight::new(1.0)?))?;
/// // W_P = 3, W_D = 1, W = 4: 100 · (3 − 1) / 4 = 50; n_eff = 16 / 10 = 1.6
/// assert_eq!(nps.score(), Some(50.0));
/// assert_eq!(nps.effective_n(), Some(1.6));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "WeightedNpsParts", into = "WeightedNpsParts")
)]
pub struct WeightedNps {
    config: NpsConfig,
    n: u64,
    detractors: CompensatedSum,
    passives: CompensatedSum,
    promoters: CompensatedSum,
    squares: CompensatedSum,
}

/// The data of a [`WeightedNps`], field for field as its serialised form.
///
/// [`WeightedNps::from_parts`] checks it like deserialisation does.
///
/// ```
/// use carekit::{NpsScore, Weight, metrics::{WeightedNps, WeightedNpsParts}};
/// let mut w = WeightedNps::default();
/// w.push((NpsScore::new(10)?, Weight::new(2.0)?))?;
/// let parts: WeightedNpsParts = w.to_parts();
/// assert_eq!((parts.n, parts.promoters.value(), parts.squares.value()), (1, 2.0, 4.0));
/// assert_eq!(WeightedNps::from_parts(parts)?, w);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct WeightedNpsParts {
    /// The cut-offs.
    pub config: NpsConfig,
    /// Number of answers.
    pub n: u64,
    /// Weight sum of detractors.
    pub detractors: CompensatedSum,
    /// Weight sum of passives.
    pub passives: CompensatedSum,
    /// Weight sum of promoters.
    pub promoters: CompensatedSum,
    /// Sum of squared weights (for the effective sample size).
    pub squares: CompensatedSum,
}

impl TryFrom<WeightedNpsParts> for WeightedNps {
    type Error = Error;
    fn try_from(parts: WeightedNpsParts) -> Result<Self, Error> {
        WeightedNps::from_parts(parts)
    }
}

impl From<WeightedNps> for WeightedNpsParts {
    fn from(w: WeightedNps) -> Self {
        w.to_parts()
    }
}

impl WeightedNps {
    /// An accumulator from its parts, checked like deserialisation: every
    /// sum and compensation finite, every sum's value at least 0.
    ///
    /// ```
    /// use carekit::metrics::{CompensatedSum, NpsConfig, WeightedNps, WeightedNpsParts};
    /// let w = |sum| CompensatedSum { sum, compensation: 0.0 };
    /// let parts = WeightedNpsParts {
    ///     config: NpsConfig::STANDARD, n: 2,
    ///     detractors: w(1.0), passives: w(0.0), promoters: w(3.0), squares: w(10.0),
    /// };
    /// assert_eq!(WeightedNps::from_parts(parts)?.score(), Some(50.0)); // 100 · (3 − 1) / 4
    /// assert!(WeightedNps::from_parts(WeightedNpsParts { promoters: w(f64::NAN), ..parts }).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] naming the first sum that is not finite or
    /// is negative; [`MetricsError::WeightSumOverflow`] when the total
    /// weight (the three class sums together) is not finite.
    pub fn from_parts(parts: WeightedNpsParts) -> Result<Self, Error> {
        let WeightedNpsParts {
            config,
            n,
            detractors,
            passives,
            promoters,
            squares,
        } = parts;
        for s in [detractors, passives, promoters, squares] {
            let v = s.value();
            if !(s.sum.is_finite() && s.compensation.is_finite() && v >= 0.0) {
                return Err(Error::InvalidWeight { value: v });
            }
        }
        let w = Self {
            config,
            n,
            detractors,
            passives,
            promoters,
            squares,
        };
        w.check_sums()?;
        Ok(w)
    }

    /// The accumulator's parts (see [`WeightedNpsParts`]).
    ///
    /// ```
    /// use carekit::{NpsScore, Weight, metrics::WeightedNps};
    /// let mut w = WeightedNps::default();
    /// w.push((NpsScore::new(0)?, Weight::new(0.5)?))?;
    /// assert_eq!(w.to_parts().detractors.value(), 0.5);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> WeightedNpsParts {
        WeightedNpsParts {
            config: self.config,
            n: self.n,
            detractors: self.detractors,
            passives: self.passives,
            promoters: self.promoters,
            squares: self.squares,
        }
    }

    /// The accumulator's parts, consuming it (see [`WeightedNpsParts`]).
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// assert_eq!(WeightedNps::default().into_parts().n, 0);
    /// ```
    pub fn into_parts(self) -> WeightedNpsParts {
        self.to_parts()
    }

    /// An empty accumulator with the given cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{NpsConfig, WeightedNps};
    /// assert_eq!(WeightedNps::new(NpsConfig::STANDARD).score(), None);
    /// ```
    pub fn new(config: NpsConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    /// The cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{NpsConfig, WeightedNps};
    /// assert_eq!(WeightedNps::default().config(), NpsConfig::STANDARD);
    /// let strict = NpsConfig::new(6, 10)?;
    /// assert_eq!(WeightedNps::new(strict).config(), strict);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> NpsConfig {
        self.config
    }

    /// Adds an answer with a weight already known to be finite and > 0.
    fn add(&mut self, score: NpsScore, w: f64) {
        match self.config.category(score) {
            NpsCategory::Detractor => self.detractors.add(w),
            NpsCategory::Passive => self.passives.add(w),
            NpsCategory::Promoter => self.promoters.add(w),
        }
        self.squares.add(w * w);
        self.n = self.n.saturating_add(1);
    }

    /// Adds a column of plain answers with a column of plain weights.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 3], &[1.5, 0.5])?;
    /// assert_eq!(nps.score(), Some(50.0)); // 100 · (1.5 − 0.5) / 2
    /// assert!(nps.extend_u8(&[10], &[0.0]).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::LengthMismatch`] if the columns differ in length,
    /// [`MetricsError::ColumnValueOutOfScale`] for a score above 10,
    /// [`Error::InvalidWeight`] for a weight that is not finite and
    /// positive, [`MetricsError::WeightSumOverflow`] when the weights (or
    /// their squares) sum beyond `f64::MAX`. On error the accumulator is
    /// unchanged.
    pub fn extend_u8(&mut self, scores: &[u8], weights: &[f64]) -> Result<(), Error> {
        if scores.len() != weights.len() {
            return Err(MetricsError::LengthMismatch {
                left: "scores",
                left_len: scores.len(),
                right: "weights",
                right_len: weights.len(),
            }
            .into());
        }
        let mut part = Self::new(self.config);
        for (index, (&s, &w)) in scores.iter().zip(weights).enumerate() {
            let score =
                NpsScore::new(s).map_err(|_| nps_error(kernels::BadValue { index, value: s }))?;
            part.add(score, Weight::new(w)?.get());
        }
        // The sums are checked once, for the column (merge checks them).
        part.check_sums()?;
        self.merge(&part)
    }

    /// Adds another accumulator (see the type docs on float rounding).
    ///
    /// ```
    /// use carekit::{NpsScore, Weight, metrics::WeightedNps};
    /// let (mut a, mut b) = (WeightedNps::default(), WeightedNps::default());
    /// a.push((NpsScore::new(10)?, Weight::new(2.0)?))?;
    /// b.push((NpsScore::new(0)?, Weight::new(2.0)?))?;
    /// a.merge(&b)?;
    /// assert_eq!(a.score(), Some(0.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionsDiffer`] if the cut-offs differ;
    /// [`MetricsError::CountOverflow`] if the answer count would pass
    /// `u64::MAX`; [`MetricsError::WeightSumOverflow`] if the merged total
    /// weight or sum of squared weights would not be a finite `f64`. On
    /// error `self` is unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.config != other.config {
            return Err(MetricsError::ConventionsDiffer {
                accumulator: "weighted nps",
                left: self.config.to_string(),
                right: other.config.to_string(),
            }
            .into());
        }
        let mut merged = self.clone();
        merged.n = self
            .n
            .checked_add(other.n)
            .ok_or(MetricsError::CountOverflow {
                accumulator: "weighted nps",
            })?;
        merged.detractors.add_sum(other.detractors);
        merged.passives.add_sum(other.passives);
        merged.promoters.add_sum(other.promoters);
        merged.squares.add_sum(other.squares);
        merged.check_sums()?;
        *self = merged;
        Ok(())
    }

    /// [`MetricsError::WeightSumOverflow`] unless Σw and Σw² are finite.
    fn check_sums(&self) -> Result<(), Error> {
        let sum = if !self.total_weight().is_finite() {
            "total weight"
        } else if !self.squares.value().is_finite() {
            "sum of squared weights"
        } else {
            return Ok(());
        };
        Err(MetricsError::WeightSumOverflow {
            accumulator: "weighted nps",
            sum,
        }
        .into())
    }

    /// Number of answers (unweighted).
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 3], &[2.5, 0.5])?;
    /// assert_eq!(nps.n(), 2); // answers, not weight (which is 3)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Σw over promoters.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 9, 3], &[1.5, 2.0, 0.5])?;
    /// assert_eq!(nps.promoters(), 3.5); // 1.5 + 2.0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoters(&self) -> f64 {
        self.promoters.value()
    }

    /// Σw over passives.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[8, 7, 3], &[1.5, 0.25, 0.5])?;
    /// assert_eq!(nps.passives(), 1.75); // 1.5 + 0.25
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn passives(&self) -> f64 {
        self.passives.value()
    }

    /// Σw over detractors.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 6, 0], &[1.0, 0.5, 2.0])?;
    /// assert_eq!(nps.detractors(), 2.5); // 0.5 + 2.0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractors(&self) -> f64 {
        self.detractors.value()
    }

    /// Σw over all answers.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 8, 0], &[1.0, 0.5, 2.0])?;
    /// assert_eq!(nps.total_weight(), 3.5); // 1.0 + 0.5 + 2.0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn total_weight(&self) -> f64 {
        let mut t = self.detractors;
        t.add_sum(self.passives);
        t.add_sum(self.promoters);
        t.value()
    }

    /// Kish's effective sample size (Σw)²/Σw², `None` with no answers.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// assert_eq!(nps.effective_n(), None);
    /// nps.extend_u8(&[10, 8, 0], &[1.0, 1.0, 2.0])?;
    /// assert_eq!(nps.effective_n(), Some(16.0 / 6.0)); // (1 + 1 + 2)² / (1 + 1 + 4)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_n(&self) -> Option<f64> {
        let w = self.total_weight();
        let w2 = self.squares.value();
        if self.check_sums().is_err() {
            return None;
        }
        (self.n > 0 && w2 > 0.0).then(|| {
            let ww = w * w;
            if ww.is_finite() {
                ww / w2
            } else {
                // (Σw)² alone overflows while the ratio does not (many
                // large weights): (Σw / √Σw²)² is the same ratio.
                let r = w / w2.sqrt();
                r * r
            }
        })
    }

    /// Weighted NPS = 100·(`W_P` − `W_D`)/W, `None` with no answers (or
    /// after a weight-sum overflow, see the type docs). A float-rounding
    /// overshoot past ±100 (one ulp, e.g. all weight on detractors) is
    /// clamped back to ±100.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// let mut nps = WeightedNps::default();
    /// assert_eq!(nps.score(), None);
    /// nps.extend_u8(&[10, 8, 0], &[3.0, 0.5, 0.5])?;
    /// assert_eq!(nps.score(), Some(62.5)); // 100 · (3 − 0.5) / 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> Option<f64> {
        let w = self.total_weight();
        if self.check_sums().is_err() {
            return None;
        }
        // |W_P − W_D| <= W, so only rounding (at most an ulp) can leave
        // [−100, 100]; the clamp absorbs exactly that.
        (self.n > 0 && w > 0.0).then(|| {
            let diff = self.promoters() - self.detractors();
            let score = 100.0 * diff / w;
            // 100·(W_P − W_D) can overflow when the sums are near f64::MAX;
            // dividing first cannot.
            let score = if score.is_finite() {
                score
            } else {
                diff / w * 100.0
            };
            score.clamp(-100.0, 100.0)
        })
    }

    /// The score with its interval on the weight shares and `n_eff`.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 9, 3], &[1.0, 2.0, 1.0])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.score(), Some(50.0)); // 100 · (3 − 1) / 4
    /// assert_eq!(s.effective_n(), Some(16.0 / 6.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::WeightSumOverflow`] when the total weight or the sum
    /// of squared weights is not finite (which the checked paths prevent;
    /// kept as a guard for parts built by hand); errors of
    /// [`stats::nps_interval`].
    pub fn summary(
        &self,
        confidence: Confidence,
        method: NpsIntervalMethod,
    ) -> Result<WeightedNpsSummary, Error> {
        self.check_sums()?;
        let effective_n = self.effective_n();
        let interval = match effective_n {
            Some(n_eff) => stats::nps_interval(
                self.promoters(),
                self.detractors(),
                self.total_weight(),
                n_eff,
                method,
                confidence,
            )?,
            None => None,
        };
        Ok(WeightedNpsSummary {
            n: self.n,
            promoters: self.promoters(),
            passives: self.passives(),
            detractors: self.detractors(),
            total_weight: self.total_weight(),
            effective_n,
            score: self.score(),
            interval,
            method,
            confidence,
            config: self.config,
        })
    }
}

impl Accumulator for WeightedNps {
    fn empty_like(&self) -> Self {
        Self::new(self.config)
    }
    fn is_empty(&self) -> bool {
        self.n == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        WeightedNps::merge(self, other)
    }
}

/// One answer with its weight; refused (the accumulator unchanged) if a
/// weight sum would overflow.
impl Push<(NpsScore, Weight)> for WeightedNps {
    fn push(&mut self, (score, weight): (NpsScore, Weight)) -> Result<(), Error> {
        let mut next = self.clone();
        next.add(score, weight.get());
        next.check_sums()?;
        *self = next;
        Ok(())
    }
}

/// The NPS answer of a feedback record, weighted by its weight (1 when it
/// has none); answers of other surveys are skipped.
impl Push<&Feedback> for WeightedNps {
    fn push(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match feedback.answer().nps() {
            Some(score) => {
                let mut next = self.clone();
                next.add(score, feedback.weight().map_or(1.0, Weight::get));
                next.check_sums()?;
                *self = next;
                Ok(())
            }
            None => Ok(()),
        }
    }
}

push_vocabulary!(
    WeightedNps,
    "```
use carekit::{NpsScore, Weight, metrics::WeightedNps};
let mut nps = WeightedNps::default();
nps.push((NpsScore::new(8)?, Weight::new(0.5)?))?;
assert_eq!((nps.n(), nps.passives()), (1, 0.5));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::{NpsScore, Weight, metrics::WeightedNps};
let mut nps = WeightedNps::default();
nps.extend([(NpsScore::new(10)?, Weight::new(3.0)?), (NpsScore::new(0)?, Weight::new(1.0)?)])?;
assert_eq!(nps.score(), Some(50.0)); // 100 · (3 − 1) / 4
# Ok::<(), carekit::Error>(())
```"
);

/// A weighted NPS result. Built by [`WeightedNps::summary`]; counts are
/// weight sums.
///
/// ```
/// use carekit::metrics::WeightedNps;
/// use carekit::stats::{Confidence, NpsIntervalMethod};
/// let s = WeightedNps::default().summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
/// assert_eq!((s.n(), s.score(), s.effective_n()), (0, None, None));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WeightedNpsSummary {
    n: u64,
    promoters: f64,
    passives: f64,
    detractors: f64,
    total_weight: f64,
    effective_n: Option<f64>,
    score: Option<f64>,
    interval: Option<Interval>,
    method: NpsIntervalMethod,
    confidence: Confidence,
    config: NpsConfig,
}

impl WeightedNpsSummary {
    /// Number of answers (unweighted).
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 0], &[3.0, 1.0])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.n(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Σw over promoters.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 9, 0], &[2.0, 1.0, 1.0])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.promoters(), 3.0); // 2 + 1
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoters(&self) -> f64 {
        self.promoters
    }
    /// Σw over passives.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 8, 7], &[2.0, 1.0, 0.5])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.passives(), 1.5); // 1 + 0.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn passives(&self) -> f64 {
        self.passives
    }
    /// Σw over detractors.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 6, 1], &[2.0, 1.0, 0.5])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.detractors(), 1.5); // 1 + 0.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractors(&self) -> f64 {
        self.detractors
    }
    /// Σw.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 8, 1], &[2.0, 1.0, 0.5])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.total_weight(), 3.5); // 2 + 1 + 0.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn total_weight(&self) -> f64 {
        self.total_weight
    }
    /// Kish's effective sample size, `None` with no answers.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 0], &[3.0, 1.0])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.effective_n(), Some(1.6)); // (3 + 1)² / (9 + 1)
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_n(&self) -> Option<f64> {
        self.effective_n
    }
    /// Weighted NPS in points, `None` with no answers.
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 0], &[3.0, 1.0])?;
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.score(), Some(50.0)); // 100 · (3 − 1) / 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> Option<f64> {
        self.score
    }
    /// The interval in points, clamped to [−100, 100].
    ///
    /// ```
    /// # use carekit::metrics::WeightedNps;
    /// # use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let mut nps = WeightedNps::default();
    /// nps.extend_u8(&[10, 0], &[3.0, 1.0])?;
    /// let ci = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?.interval().unwrap();
    /// // p = 0.75, d = 0.25, Var = 1 − 0.5² = 0.75, n_eff = 1.6:
    /// // 50 ± 100 · 1.959964 · √(0.75 / 1.6) = 50 ± 134.19, clamped to [−100, 100]
    /// assert!((ci.low() + 84.19).abs() < 0.01 && ci.high() == 100.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
    /// How the interval was computed.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let s = WeightedNps::default().summary(Confidence::NINETY_FIVE, NpsIntervalMethod::AdjustedWald)?;
    /// assert_eq!(s.method(), NpsIntervalMethod::AdjustedWald);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn method(&self) -> NpsIntervalMethod {
        self.method
    }
    /// The interval's confidence level.
    ///
    /// ```
    /// use carekit::metrics::WeightedNps;
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let s = WeightedNps::default().summary(Confidence::NINETY_NINE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.confidence().get(), 0.99);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    /// The cut-offs.
    ///
    /// ```
    /// use carekit::metrics::{NpsConfig, WeightedNps};
    /// use carekit::stats::{Confidence, NpsIntervalMethod};
    /// let nps = WeightedNps::new(NpsConfig::new(5, 9)?);
    /// let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
    /// assert_eq!(s.config().detractor_max(), 5);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> NpsConfig {
        self.config
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::float_cmp,
    reason = "tests: overflow panics fail the test; expected values are exact"
)]
mod tests {
    use super::*;

    #[test]
    fn standard_cutoffs_bucket_like_nps_score_category() {
        for v in 0..=10 {
            let s = NpsScore::new(v).unwrap();
            assert_eq!(NpsConfig::STANDARD.category(s), s.category());
        }
    }

    #[test]
    fn cutoff_validation() {
        assert!(NpsConfig::new(0, 1).is_ok());
        assert!(NpsConfig::new(9, 10).is_ok());
        assert!(NpsConfig::new(7, 7).is_err());
        assert!(NpsConfig::new(8, 7).is_err());
        assert!(NpsConfig::new(6, 11).is_err());
    }

    #[test]
    fn extend_by_reports_the_record_index_across_batches() {
        const GATHER: usize = 4096;
        let mut rows = vec![5_u8; 3 * GATHER + 10];
        rows[2 * GATHER + 7] = 11;
        let mut nps = Nps::default();
        let err = nps.extend_by(&rows, |&r| r).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "nps score 11 at index {} is outside the scale 0..=10",
                2 * GATHER + 7
            )
        );
        assert_eq!(nps.n(), 0);
    }

    #[test]
    fn weighted_with_unit_weights_equals_unweighted() {
        let scores = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
        let mut w = WeightedNps::default();
        w.extend_u8(&scores, &[1.0; 10]).unwrap();
        // P = 5, D = 3, N = 10 → 20; n_eff = 100 / 10 = 10
        assert_eq!(w.score(), Some(20.0));
        assert_eq!(w.effective_n(), Some(10.0));
    }

    #[test]
    fn compensated_sum_recovers_small_addends() {
        let mut s = CompensatedSum::default();
        s.add(1e16);
        for _ in 0..10 {
            s.add(1.0);
        }
        s.add(-1e16);
        // plain f64 addition gives 0 (each 1.0 is lost against 1e16)
        assert_eq!(s.value(), 10.0);
    }
}
