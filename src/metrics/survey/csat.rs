//! Customer satisfaction: [`CsatConfig`], [`Csat`] and [`CsatSummary`].

use std::fmt;

use super::ratings::{RatingConvention, Ratings};
use crate::metrics::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::metrics::kernels::{self, RowMask};
use crate::stats::{self, Confidence, Interval};
use crate::{error::Error, feedback::CsatRating, feedback::Feedback, scale::RatingScale};

/// A set of ratings 0..=255 (a 256-bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct RatingSet([u64; 4]);

impl RatingSet {
    fn insert(&mut self, r: u8) {
        if let Some(w) = self.0.get_mut(usize::from(r >> 6)) {
            *w |= 1_u64 << (r & 63);
        }
    }
    fn contains(self, r: u8) -> bool {
        self.0
            .get(usize::from(r >> 6))
            .is_some_and(|w| w & (1_u64 << (r & 63)) != 0)
    }
    fn iter(self) -> impl Iterator<Item = u8> {
        (0_u8..=255).filter(move |&r| self.contains(r))
    }
    fn is_empty(self) -> bool {
        self.0 == [0; 4]
    }
}

/// How CSAT is counted: the scale, the lowest satisfied rating, and the
/// neutral ratings left out of the denominator.
///
/// - percent satisfied = 100 · #(rating ≥ `satisfied_from`) / #(ratings
///   that are not neutral);
/// - mean = the arithmetic mean of all ratings, neutral ones included.
///
/// The default is [`CsatConfig::top_two_box`]: 1..=5, satisfied from 4, no
/// neutral ratings. With `serde`: `{"scale": {"min": 1, "max": 5},
/// "satisfied_from": 4, "neutral": [3]}` (`neutral` may be omitted),
/// validated like the constructors.
///
/// # Example
///
/// ```
/// use carekit::{RatingScale, metrics::CsatConfig};
///
/// let ten = CsatConfig::new(RatingScale::new(1, 10)?, 8)?.with_neutral(&[5, 6])?;
/// assert!(ten.is_satisfied(9) && !ten.is_satisfied(7));
/// assert!(ten.is_neutral(5));
/// assert_eq!(ten.to_string(), "satisfied 8..=10 on 1..=10, neutral [5, 6]");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawCsatConfig", into = "RawCsatConfig")
)]
pub struct CsatConfig {
    scale: RatingScale,
    satisfied_from: u8,
    neutral: RatingSet,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCsatConfig {
    scale: RatingScale,
    satisfied_from: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    neutral: Vec<u8>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCsatConfig> for CsatConfig {
    type Error = Error;
    fn try_from(raw: RawCsatConfig) -> Result<Self, Error> {
        Self::new(raw.scale, raw.satisfied_from)?.with_neutral(&raw.neutral)
    }
}

#[cfg(feature = "serde")]
impl From<CsatConfig> for RawCsatConfig {
    fn from(c: CsatConfig) -> Self {
        Self {
            scale: c.scale,
            satisfied_from: c.satisfied_from,
            neutral: c.neutral(),
        }
    }
}

impl CsatConfig {
    /// A scale and the lowest satisfied rating, no neutral ratings.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// let c = CsatConfig::new(RatingScale::new(1, 7)?, 6)?;
    /// assert_eq!((c.scale(), c.satisfied_from()), (RatingScale::new(1, 7)?, 6));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ThresholdOutOfScale`] if `satisfied_from` is not on
    /// the scale.
    pub fn new(scale: RatingScale, satisfied_from: u8) -> Result<Self, Error> {
        if !scale.contains(satisfied_from) {
            return Err(MetricsError::ThresholdOutOfScale {
                field: "csat satisfied_from",
                value: satisfied_from,
                scale,
            }
            .into());
        }
        Ok(Self {
            scale,
            satisfied_from,
            neutral: RatingSet::default(),
        })
    }

    /// The same convention with these ratings excluded from the
    /// denominator of the percentage (replacing any earlier set; they still
    /// count in the mean and the distribution).
    ///
    /// ```
    /// use carekit::metrics::CsatConfig;
    /// let c = CsatConfig::top_two_box().with_neutral(&[3])?;
    /// assert_eq!(c.neutral(), vec![3]);
    /// assert!(CsatConfig::top_two_box().with_neutral(&[0]).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ThresholdOutOfScale`] for a rating off the scale,
    /// [`MetricsError::NeutralSatisfied`] for a rating at or above
    /// `satisfied_from`.
    pub fn with_neutral(mut self, ratings: &[u8]) -> Result<Self, Error> {
        let mut set = RatingSet::default();
        for &r in ratings {
            if !self.scale.contains(r) {
                return Err(MetricsError::ThresholdOutOfScale {
                    field: "csat neutral rating",
                    value: r,
                    scale: self.scale,
                }
                .into());
            }
            if r >= self.satisfied_from {
                return Err(MetricsError::NeutralSatisfied {
                    value: r,
                    satisfied_from: self.satisfied_from,
                }
                .into());
            }
            set.insert(r);
        }
        self.neutral = set;
        Ok(self)
    }

    /// Top-2-box on 1..=5: satisfied = 4 or 5, nothing neutral (the
    /// default).
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// let c = CsatConfig::top_two_box();
    /// assert_eq!((c.scale(), c.satisfied_from()), (RatingScale::CSAT_DEFAULT, 4));
    /// ```
    pub fn top_two_box() -> Self {
        Self {
            scale: RatingScale::CSAT_DEFAULT,
            satisfied_from: 4,
            neutral: RatingSet::default(),
        }
    }

    /// A binary survey: 0 = bad, 1 = good; satisfied = 1.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// assert_eq!(CsatConfig::binary().scale(), RatingScale::BINARY);
    /// ```
    pub fn binary() -> Self {
        Self {
            scale: RatingScale::BINARY,
            satisfied_from: 1,
            neutral: RatingSet::default(),
        }
    }

    /// CSAT the way Zendesk counts it: a good/bad survey scored as
    /// good / (good + bad), which is [`CsatConfig::binary`] with 1 = good
    /// and 0 = bad. (Zendesk's help centre defines the satisfaction score
    /// as the share of good ratings among all good and bad ratings
    /// received; unrated tickets are not ratings and are simply not fed to
    /// the accumulator.)
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// let mut csat = Csat::new(CsatConfig::zendesk());
    /// csat.extend_u8(&[1, 1, 1, 0])?; // 3 good, 1 bad
    /// assert_eq!(csat.percent(), Some(75.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn zendesk() -> Self {
        Self::binary()
    }

    /// The rating scale.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// assert_eq!(CsatConfig::default().scale(), RatingScale::new(1, 5)?);
    /// assert_eq!(CsatConfig::binary().scale().to_string(), "0..=1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn scale(&self) -> RatingScale {
        self.scale
    }

    /// The lowest satisfied rating.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// assert_eq!(CsatConfig::default().satisfied_from(), 4); // top-2-box: 4 and 5
    /// assert_eq!(CsatConfig::new(RatingScale::new(1, 10)?, 8)?.satisfied_from(), 8);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn satisfied_from(&self) -> u8 {
        self.satisfied_from
    }

    /// The neutral ratings, ascending.
    ///
    /// ```
    /// use carekit::metrics::CsatConfig;
    /// assert!(CsatConfig::default().neutral().is_empty());
    /// let c = CsatConfig::top_two_box().with_neutral(&[3, 2])?;
    /// assert_eq!(c.neutral(), [2, 3]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn neutral(&self) -> Vec<u8> {
        self.neutral.iter().collect()
    }

    /// Whether `rating` counts as satisfied.
    ///
    /// ```
    /// use carekit::metrics::CsatConfig;
    /// let c = CsatConfig::top_two_box(); // 1..=5, satisfied from 4
    /// assert!(c.is_satisfied(4) && c.is_satisfied(5));
    /// assert!(!c.is_satisfied(3));
    /// assert!(!c.is_satisfied(9)); // off the scale
    /// ```
    pub fn is_satisfied(&self, rating: u8) -> bool {
        self.scale.contains(rating) && rating >= self.satisfied_from
    }

    /// Whether `rating` is excluded from the percentage's denominator.
    ///
    /// ```
    /// use carekit::metrics::CsatConfig;
    /// let c = CsatConfig::top_two_box().with_neutral(&[3])?;
    /// assert!(c.is_neutral(3));
    /// assert!(!c.is_neutral(2) && !CsatConfig::top_two_box().is_neutral(3));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_neutral(&self, rating: u8) -> bool {
        self.neutral.contains(rating)
    }
}

impl Default for CsatConfig {
    fn default() -> Self {
        Self::top_two_box()
    }
}

impl fmt::Display for CsatConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "satisfied {}..={} on {}",
            self.satisfied_from,
            self.scale.max(),
            self.scale
        )?;
        if !self.neutral.is_empty() {
            write!(f, ", neutral {:?}", self.neutral())?;
        }
        Ok(())
    }
}

impl RatingConvention for CsatConfig {
    const ACCUMULATOR: &'static str = "csat";
    const FIELD: &'static str = "csat rating";
    fn scale(&self) -> RatingScale {
        self.scale
    }
}

/// A mergeable CSAT accumulator: the count of each rating on the scale.
///
/// Feed it with [`push`](Csat::push) and [`extend`](Csat::extend):
/// [`CsatRating`]s, plain `u8` ratings, or [`Feedback`] records (answers
/// that are not CSAT answers are skipped); a `&[u8]` column goes through
/// [`Csat::extend_u8`], the fast path. See [`CsatConfig`] for the formulas.
///
/// With `serde`: `{"config": {...}, "counts": [1, 2, 2, 4, 3]}` (one count
/// per point of the scale, lowest first).
///
/// # Example
///
/// ```
/// use carekit::metrics::Csat;
/// use carekit::stats::Confidence;
///
/// let mut csat = Csat::default(); // top-2-box on 1..=5
/// csat.extend_u8(&[5, 4, 4, 3, 2, 5, 1, 4, 5, 3, 4, 2])?;
/// let s = csat.summary(Confidence::NINETY_FIVE)?;
/// // 7 of 12 ratings are 4 or 5: 100 · 7 / 12
/// assert_eq!(s.percent(), Some(100.0 * 7.0 / 12.0));
/// assert_eq!(s.mean(), Some(3.5)); // 42 / 12
/// assert_eq!(s.count(5), 3);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CsatParts", into = "CsatParts"))]
pub struct Csat {
    ratings: Ratings<CsatConfig>,
}

/// The data of a [`Csat`], field for field as its serialised form: the
/// convention and one count per point of the scale, lowest first.
///
/// [`Csat::from_parts`] checks it exactly like deserialisation does.
///
/// ```
/// use carekit::metrics::{Csat, CsatConfig, CsatParts};
/// let mut csat = Csat::default(); // 1..=5
/// csat.extend_u8(&[5, 4, 4, 1])?;
/// let parts = csat.to_parts();
/// assert_eq!(parts, CsatParts { config: CsatConfig::default(), counts: vec![1, 0, 0, 2, 1] });
/// assert_eq!(Csat::from_parts(parts)?, csat);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CsatParts {
    /// The convention.
    pub config: CsatConfig,
    /// The count of each point of the scale, lowest first.
    pub counts: Vec<u64>,
}

impl TryFrom<CsatParts> for Csat {
    type Error = Error;
    fn try_from(parts: CsatParts) -> Result<Self, Error> {
        Csat::from_parts(parts)
    }
}

impl From<Csat> for CsatParts {
    fn from(acc: Csat) -> Self {
        acc.into_parts()
    }
}

impl Default for Csat {
    fn default() -> Self {
        Self::new(CsatConfig::default())
    }
}

impl Csat {
    /// An accumulator from its parts, checked like deserialisation.
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig, CsatParts};
    /// let csat = Csat::from_parts(CsatParts { config: CsatConfig::default(), counts: vec![1, 1, 0, 3, 5] })?;
    /// assert_eq!(csat.percent(), Some(80.0)); // 100 · (3 + 5) / 10
    /// // One count per point of the 1..=5 scale, no more, no less:
    /// assert!(Csat::from_parts(CsatParts { config: CsatConfig::default(), counts: vec![1, 2] }).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidState`] unless there is exactly one count per
    /// point of the scale and the counts add up to at most `u64::MAX`.
    pub fn from_parts(parts: CsatParts) -> Result<Self, Error> {
        Ok(Self {
            ratings: Ratings::from_counts(parts.config, parts.counts)?,
        })
    }

    /// The accumulator's parts (see [`CsatParts`]).
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[2, 2, 5])?;
    /// assert_eq!(csat.to_parts().counts, [0, 2, 0, 0, 1]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> CsatParts {
        CsatParts {
            config: self.ratings.config(),
            counts: self.ratings.counts().to_vec(),
        }
    }

    /// The accumulator's parts, consuming it (see [`CsatParts`]).
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// assert_eq!(Csat::default().into_parts().counts, [0, 0, 0, 0, 0]);
    /// ```
    pub fn into_parts(self) -> CsatParts {
        self.to_parts()
    }

    /// An empty accumulator with a convention.
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// let csat = Csat::new(CsatConfig::binary());
    /// assert_eq!((csat.n(), csat.percent()), (0, None));
    /// ```
    pub fn new(config: CsatConfig) -> Self {
        Self {
            ratings: Ratings::new(config),
        }
    }

    /// The convention.
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// assert_eq!(Csat::default().config(), CsatConfig::top_two_box());
    /// assert_eq!(Csat::new(CsatConfig::binary()).config().satisfied_from(), 1);
    /// ```
    pub fn config(&self) -> CsatConfig {
        self.ratings.config()
    }

    /// Adds a column of plain ratings: the fast path.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 1])?;
    /// assert_eq!(csat.n(), 3);
    /// assert!(csat.extend_u8(&[5, 0]).is_err());
    /// assert_eq!(csat.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ColumnValueOutOfScale`] naming the first rating off
    /// the scale and its index; the accumulator is then unchanged.
    pub fn extend_u8(&mut self, ratings: &[u8]) -> Result<(), Error> {
        self.ratings.extend_u8(ratings)
    }

    /// Adds the rating field of each of the caller's records, without
    /// converting them first: the records are read once, in order, and
    /// `rating` is called at most once per record, in order. Records wider
    /// than 16 bytes are counted as they are read, at memory speed; narrower
    /// ones are gathered 4096 at a time and counted with the column kernel.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// struct Survey { ticket: u64, rating: u8 }
    /// let rows = [Survey { ticket: 1, rating: 5 }, Survey { ticket: 2, rating: 2 }];
    /// let mut csat = Csat::default(); // satisfied: 4 and 5
    /// csat.extend_by(&rows, |r| r.rating)?;
    /// assert_eq!(csat.percent(), Some(50.0));
    /// # let _ = rows[0].ticket;
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ColumnValueOutOfScale`] naming the first rating off
    /// the scale and the index of its record; the accumulator is then
    /// unchanged.
    pub fn extend_by<T>(
        &mut self,
        records: &[T],
        rating: impl FnMut(&T) -> u8,
    ) -> Result<(), Error> {
        self.ratings.extend_by(records, rating)
    }

    /// Adds a batch of ratings to per-group accumulators: row `i` adds
    /// `ratings[i]` to `groups[group_indices[i]]`, each group on its own
    /// scale. This is the shape a query engine's grouped aggregation hands
    /// over (`DataFusion`'s `GroupsAccumulator`: one group index per row,
    /// below the number of groups); grow `groups` to that number first.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut groups = vec![Csat::default(); 2];
    /// Csat::extend_grouped(&mut groups, &[0, 1, 0], &[5, 1, 4])?;
    /// assert_eq!(groups[0].percent(), Some(100.0)); // 5 and 4
    /// assert_eq!(groups[1].percent(), Some(0.0));
    /// let err = Csat::extend_grouped(&mut groups, &[1, 0], &[5, 6]).unwrap_err();
    /// assert_eq!(err.to_string(), "csat rating 6 at index 1 is outside the scale 1..=5");
    /// assert_eq!(groups[1].n(), 1); // unchanged: the 5 of row 0 was taken back
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::LengthMismatch`] if `ratings` and `group_indices`
    /// differ in length; [`MetricsError::GroupIndexOutOfRange`] for a group
    /// index not below `groups.len()` and
    /// [`MetricsError::ColumnValueOutOfScale`] for a rating off its group's
    /// scale, each naming the first such row. On error every group is
    /// unchanged.
    pub fn extend_grouped(
        groups: &mut [Csat],
        group_indices: &[usize],
        ratings: &[u8],
    ) -> Result<(), Error> {
        Self::update_grouped(groups, group_indices, ratings, None)
    }

    /// [`extend_grouped`](Self::extend_grouped) for the rows that `rows`
    /// lets count: a validity bitmap (null ratings are skipped), a filter,
    /// or both combined. Rows that do not count are not read at all.
    ///
    /// ```
    /// use carekit::metrics::{Csat, RowMask};
    /// let mut groups = vec![Csat::default(); 1];
    /// // Row 1 is null (bit 1 clear): its placeholder 0 is skipped.
    /// let valid = RowMask::new(&[0b101], 0);
    /// Csat::extend_grouped_masked(&mut groups, &[0, 0, 0], &[5, 0, 2], valid)?;
    /// assert_eq!((groups[0].n(), groups[0].satisfied()), (2, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`extend_grouped`](Self::extend_grouped), and
    /// [`MetricsError::LengthMismatch`] if the mask covers fewer rows than
    /// there are group indices. On error every group is unchanged.
    pub fn extend_grouped_masked(
        groups: &mut [Csat],
        group_indices: &[usize],
        ratings: &[u8],
        rows: RowMask<'_>,
    ) -> Result<(), Error> {
        Self::update_grouped(groups, group_indices, ratings, Some(rows))
    }

    /// Adds a histogram over the same scale computed elsewhere (grouped
    /// kernels; `h[i]` counts `scale.min() + i`).
    pub(crate) fn add_histogram(&mut self, h: Vec<u64>) -> Result<(), Error> {
        self.ratings.add_histogram(h)
    }

    fn update_grouped(
        groups: &mut [Csat],
        group_indices: &[usize],
        ratings: &[u8],
        rows: Option<RowMask<'_>>,
    ) -> Result<(), Error> {
        let mut bad_scale = None;
        kernels::update_groups(
            groups,
            group_indices,
            ratings,
            rows,
            |g, x| {
                let ok = g.ratings.try_add(x);
                if !ok {
                    bad_scale = Some(g.ratings.config().scale());
                }
                ok
            },
            |g, x| g.ratings.undo(x),
        )
        .map_err(|stop| {
            stop.into_error(
                "csat rating",
                bad_scale.unwrap_or(RatingScale::CSAT_DEFAULT),
            )
        })
    }

    /// Adds another accumulator's counts (exact, commutative, associative).
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// let mut a = Csat::default();
    /// a.extend_u8(&[5])?;
    /// assert!(a.merge(&Csat::new(CsatConfig::binary())).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ConventionsDiffer`] if the conventions differ;
    /// [`MetricsError::CountOverflow`] if a count would pass `u64::MAX`.
    /// On error `self` is unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        self.ratings.merge(&other.ratings)
    }

    /// All ratings received, neutral ones included.
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3])?);
    /// csat.extend_u8(&[5, 3, 3, 1])?;
    /// assert_eq!(csat.responses(), 4); // every rating, the two neutral 3s too
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn responses(&self) -> u64 {
        self.ratings.total()
    }

    /// Ratings counted in the percentage (neutral ones excluded).
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3])?);
    /// csat.extend_u8(&[5, 3, 3, 1])?;
    /// assert_eq!(csat.n(), 2); // 4 ratings − 2 neutral
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        let cfg = self.ratings.config();
        self.ratings.count_where(|r| !cfg.is_neutral(r))
    }

    /// Satisfied ratings.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default(); // satisfied: 4 and 5
    /// csat.extend_u8(&[5, 4, 3, 1])?;
    /// assert_eq!(csat.satisfied(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn satisfied(&self) -> u64 {
        let cfg = self.ratings.config();
        self.ratings.count_where(|r| cfg.is_satisfied(r))
    }

    /// How often `rating` was given (0 off the scale).
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 5, 2])?;
    /// assert_eq!((csat.count(5), csat.count(2), csat.count(4)), (2, 1, 0));
    /// assert_eq!(csat.count(0), 0); // off the 1..=5 scale
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn count(&self, rating: u8) -> u64 {
        self.ratings.count_where(|r| r == rating)
    }

    /// Percent satisfied, 0..=100; `None` when no rating counts.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default();
    /// assert_eq!(csat.percent(), None);
    /// csat.extend_u8(&[5, 4, 4, 2])?;
    /// assert_eq!(csat.percent(), Some(75.0)); // 3 of 4 are 4 or 5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percent(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| 100.0 * self.satisfied() as f64 / n as f64)
    }

    /// Mean of all ratings (neutral included); `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// let mut csat = Csat::default();
    /// assert_eq!(csat.mean(), None);
    /// csat.extend_u8(&[5, 4, 4, 2])?;
    /// assert_eq!(csat.mean(), Some(3.75)); // 15 / 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        self.ratings.mean()
    }

    /// The result with a Wilson interval for the percentage (see
    /// [`stats::proportion_interval`]), in percent.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 5, 4, 5])?;
    /// let s = csat.summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!(s.percent(), Some(100.0));
    /// let ci = s.percent_interval().unwrap();
    /// assert!(ci.low() > 50.0 && ci.high() == 100.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Errors of [`stats::proportion_interval`].
    pub fn summary(&self, confidence: Confidence) -> Result<CsatSummary, Error> {
        let (n, satisfied) = (self.n(), self.satisfied());
        let interval = stats::proportion_interval(satisfied, n, confidence)?
            .map(|i| percent_interval(&i))
            .transpose()?;
        Ok(CsatSummary {
            responses: self.responses(),
            n,
            satisfied,
            percent: self.percent(),
            mean: self.mean(),
            distribution: self.ratings.scale_counts().iter().collect(),
            interval,
            confidence,
            config: self.ratings.config(),
        })
    }
}

impl Accumulator for Csat {
    fn empty_like(&self) -> Self {
        Self::new(self.ratings.config())
    }
    fn is_empty(&self) -> bool {
        self.ratings.total() == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Csat::merge(self, other)
    }
}

/// One validated rating; refused unless it is on the convention's scale.
impl Push<CsatRating> for Csat {
    fn push(&mut self, rating: CsatRating) -> Result<(), Error> {
        self.ratings.push_on(rating.get(), rating.scale())
    }
}

/// One plain rating, checked to lie on the convention's scale.
impl Push<u8> for Csat {
    fn push(&mut self, rating: u8) -> Result<(), Error> {
        self.ratings.push_u8(rating)
    }
}

/// The CSAT answer of a feedback record; answers of other surveys are
/// skipped.
impl Push<&Feedback> for Csat {
    fn push(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match feedback.answer().csat() {
            Some(rating) => self.push(rating),
            None => Ok(()),
        }
    }
}

push_vocabulary!(
    Csat,
    "```
use carekit::{CsatRating, RatingScale, metrics::Csat};
let mut csat = Csat::default(); // 1..=5
csat.push(CsatRating::on_default_scale(5)?)?;
csat.push(2_u8)?;
assert!(csat.push(6_u8).is_err()); // off the scale
assert!(csat.push(CsatRating::new(1, RatingScale::BINARY)?).is_err()); // another scale
assert_eq!((csat.n(), csat.satisfied()), (2, 1));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::{CsatRating, CustomerId, Feedback, NpsScore, metrics::Csat};
use chrono::DateTime;
let at = DateTime::from_timestamp(0, 0).unwrap();
let records = [
    Feedback::builder(CustomerId::new(\"c-1\")?, at, CsatRating::on_default_scale(5)?).build(),
    Feedback::builder(CustomerId::new(\"c-2\")?, at, NpsScore::new(9)?).build(), // not CSAT: skipped
];
let mut csat = Csat::default();
csat.extend(&records)?;
csat.extend([4_u8, 1])?;
assert_eq!((csat.n(), csat.satisfied()), (3, 2));
# Ok::<(), carekit::Error>(())
```"
);

/// A proportion interval (0..=1) in percent.
fn percent_interval(i: &Interval) -> Result<Interval, Error> {
    Interval::new(100.0 * i.low(), 100.0 * i.high())
}

/// A CSAT result. Built by [`Csat::summary`].
///
/// With `serde` it serialises (for reports); ship the [`Csat`]
/// accumulator to combine partial results.
///
/// ```
/// use carekit::metrics::{Csat, CsatConfig};
/// use carekit::stats::Confidence;
/// let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3])?);
/// csat.extend_u8(&[5, 3, 1])?;
/// let s = csat.summary(Confidence::NINETY_FIVE)?;
/// assert_eq!((s.responses(), s.n(), s.satisfied()), (3, 2, 1));
/// assert_eq!(s.percent(), Some(50.0)); // 1 of the 2 non-neutral ratings
/// assert_eq!(s.mean(), Some(3.0)); // (5 + 3 + 1) / 3, neutral included
/// assert_eq!(s.distribution(), &[(1, 1), (2, 0), (3, 1), (4, 0), (5, 1)]);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CsatSummary {
    responses: u64,
    n: u64,
    satisfied: u64,
    percent: Option<f64>,
    mean: Option<f64>,
    distribution: Vec<(u8, u64)>,
    interval: Option<Interval>,
    confidence: Confidence,
    config: CsatConfig,
}

impl CsatSummary {
    /// All ratings, neutral included.
    ///
    /// ```
    /// # use carekit::metrics::{Csat, CsatConfig};
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3])?);
    /// csat.extend_u8(&[5, 3, 2])?;
    /// assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.responses(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn responses(&self) -> u64 {
        self.responses
    }
    /// Ratings counted in the percentage (neutral excluded).
    ///
    /// ```
    /// # use carekit::metrics::{Csat, CsatConfig};
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3])?);
    /// csat.extend_u8(&[5, 3, 2])?;
    /// assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.n(), 2); // the neutral 3 is left out
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Satisfied ratings.
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 2])?;
    /// assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.satisfied(), 2); // 5 and 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn satisfied(&self) -> u64 {
        self.satisfied
    }
    /// Percent satisfied (0..=100), `None` when no rating counts.
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 4, 2, 1])?;
    /// assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.percent(), Some(60.0)); // 3 of 5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percent(&self) -> Option<f64> {
        self.percent
    }
    /// Mean of all ratings, neutral included; `None` when empty.
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 4, 2, 1])?;
    /// assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.mean(), Some(3.2)); // 16 / 5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        self.mean
    }
    /// `(rating, count)` for every point of the scale, lowest first.
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 4])?;
    /// let s = csat.summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!(s.distribution(), &[(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn distribution(&self) -> &[(u8, u64)] {
        &self.distribution
    }
    /// How often `rating` was given.
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 4, 4])?;
    /// let s = csat.summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!((s.count(4), s.count(1), s.count(9)), (2, 0, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn count(&self, rating: u8) -> u64 {
        self.distribution
            .iter()
            .find(|(r, _)| *r == rating)
            .map_or(0, |&(_, c)| c)
    }
    /// Wilson interval for the percentage, in percent (0..=100).
    ///
    /// ```
    /// # use carekit::metrics::Csat;
    /// # use carekit::stats::Confidence;
    /// let mut csat = Csat::default();
    /// csat.extend_u8(&[5, 1])?;
    /// let ci = csat.summary(Confidence::NINETY_FIVE)?.percent_interval().unwrap();
    /// // Wilson for 1 of 2 (statsmodels proportion_confint(1, 2, method="wilson")):
    /// // [0.094531, 0.905469]
    /// assert!((ci.low() - 9.4531).abs() < 1e-4 && (ci.high() - 90.5469).abs() < 1e-4);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percent_interval(&self) -> Option<Interval> {
        self.interval
    }
    /// The interval's confidence level.
    ///
    /// ```
    /// use carekit::metrics::Csat;
    /// use carekit::stats::Confidence;
    /// let s = Csat::default().summary(Confidence::NINETY_NINE)?;
    /// assert_eq!(s.confidence(), Confidence::NINETY_NINE);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    /// The convention.
    ///
    /// ```
    /// use carekit::metrics::{Csat, CsatConfig};
    /// use carekit::stats::Confidence;
    /// let s = Csat::new(CsatConfig::zendesk()).summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!(s.config(), CsatConfig::binary());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> CsatConfig {
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
    fn rating_set_holds_every_byte() {
        let mut s = RatingSet::default();
        for r in [0, 63, 64, 127, 128, 255] {
            s.insert(r);
        }
        assert_eq!(s.iter().collect::<Vec<_>>(), [0, 63, 64, 127, 128, 255]);
        assert!(!s.contains(1));
    }

    #[test]
    fn neutral_ratings_leave_the_denominator_but_not_the_mean() {
        let mut c = Csat::new(CsatConfig::top_two_box().with_neutral(&[3]).unwrap());
        c.extend_u8(&[5, 4, 4, 3, 2, 5, 1, 4, 5, 3, 4, 2]).unwrap();
        // 12 ratings, two 3s neutral: n = 10, satisfied = 7 → 70 %
        // mean over all 12: (5+4+4+3+2+5+1+4+5+3+4+2) / 12 = 42 / 12 = 3.5
        assert_eq!((c.responses(), c.n(), c.satisfied()), (12, 10, 7));
        assert_eq!(c.percent(), Some(70.0));
        assert_eq!(c.mean(), Some(3.5));
    }
}
