//! Customer effort: [`CesConfig`], [`CesPolarity`], [`Ces`] and
//! [`CesSummary`].

use std::fmt;

use super::ratings::{RatingConvention, Ratings};
use crate::metrics::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::metrics::kernels::{self, RowMask};
use crate::stats::{self, Confidence, Interval};
use crate::{error::Error, feedback::CesRating, feedback::Feedback, scale::RatingScale};

/// Which end of a CES scale means "easy". A closed set.
///
/// ```
/// use carekit::metrics::CesPolarity;
/// assert_eq!(CesPolarity::default(), CesPolarity::HigherIsEasier);
/// assert_eq!(CesPolarity::LowerIsEasier.to_string(), "lower is easier");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CesPolarity {
    /// "The company made it easy for me" agreement scales: 7 = easiest
    /// (the default).
    #[default]
    HigherIsEasier,
    /// "How much effort did it take?" scales: 1 = very low effort.
    LowerIsEasier,
}

impl fmt::Display for CesPolarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HigherIsEasier => "higher is easier",
            Self::LowerIsEasier => "lower is easier",
        })
    }
}

/// How CES is counted: the scale, its polarity, and the "easy" and
/// "difficult" thresholds.
///
/// With [`CesPolarity::HigherIsEasier`] (the default) a rating is easy when
/// `rating >= easy_from` and difficult when `rating <= difficult_to`; with
/// [`CesPolarity::LowerIsEasier`], easy when `rating <= easy_from` and
/// difficult when `rating >= difficult_to`. Net easy = percent easy −
/// percent difficult. Defaults: scale 1..=7, easy from 5, difficult to 3,
/// higher is easier.
///
/// With `serde`: `{"scale": {"min": 1, "max": 7}, "easy_from": 5,
/// "difficult_to": 3, "polarity": "higher_is_easier"}`, validated like
/// [`CesConfig::new`].
///
/// # Example
///
/// ```
/// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
///
/// let effort = CesConfig::new(RatingScale::new(1, 5)?, 2, 4, CesPolarity::LowerIsEasier)?;
/// assert!(effort.is_easy(1) && effort.is_difficult(5));
/// assert!(!effort.is_easy(3) && !effort.is_difficult(3));
/// assert_eq!(CesConfig::default().to_string(), "easy 5..=7, difficult 1..=3 on 1..=7");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawCesConfig", into = "RawCesConfig")
)]
pub struct CesConfig {
    scale: RatingScale,
    easy_from: u8,
    difficult_to: u8,
    polarity: CesPolarity,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCesConfig {
    scale: RatingScale,
    easy_from: u8,
    difficult_to: u8,
    #[serde(default)]
    polarity: CesPolarity,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCesConfig> for CesConfig {
    type Error = Error;
    fn try_from(r: RawCesConfig) -> Result<Self, Error> {
        Self::new(r.scale, r.easy_from, r.difficult_to, r.polarity)
    }
}

#[cfg(feature = "serde")]
impl From<CesConfig> for RawCesConfig {
    fn from(c: CesConfig) -> Self {
        Self {
            scale: c.scale,
            easy_from: c.easy_from,
            difficult_to: c.difficult_to,
            polarity: c.polarity,
        }
    }
}

impl CesConfig {
    /// A validated convention.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// let c = CesConfig::new(RatingScale::new(1, 5)?, 4, 2, CesPolarity::HigherIsEasier)?;
    /// assert_eq!((c.easy_from(), c.difficult_to()), (4, 2));
    /// assert!(CesConfig::new(RatingScale::new(1, 5)?, 6, 2, CesPolarity::HigherIsEasier).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::ThresholdOutOfScale`] if a threshold is off the
    /// scale; [`MetricsError::CesThresholds`] unless `difficult_to <
    /// easy_from` (higher is easier) or `easy_from < difficult_to` (lower
    /// is easier), so no rating is both easy and difficult.
    pub fn new(
        scale: RatingScale,
        easy_from: u8,
        difficult_to: u8,
        polarity: CesPolarity,
    ) -> Result<Self, Error> {
        for (field, value) in [
            ("ces easy_from", easy_from),
            ("ces difficult_to", difficult_to),
        ] {
            if !scale.contains(value) {
                return Err(MetricsError::ThresholdOutOfScale {
                    field,
                    value,
                    scale,
                }
                .into());
            }
        }
        let (ordered, rule) = match polarity {
            CesPolarity::HigherIsEasier => (
                difficult_to < easy_from,
                "with higher-is-easier ratings difficult_to must be below easy_from",
            ),
            CesPolarity::LowerIsEasier => (
                easy_from < difficult_to,
                "with lower-is-easier ratings easy_from must be below difficult_to",
            ),
        };
        if !ordered {
            return Err(MetricsError::CesThresholds {
                easy_from,
                difficult_to,
                rule,
            }
            .into());
        }
        Ok(Self {
            scale,
            easy_from,
            difficult_to,
            polarity,
        })
    }

    /// The rating scale.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// assert_eq!(CesConfig::default().scale(), RatingScale::new(1, 7)?);
    /// let five = CesConfig::new(RatingScale::new(1, 5)?, 4, 2, CesPolarity::HigherIsEasier)?;
    /// assert_eq!(five.scale().to_string(), "1..=5");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn scale(&self) -> RatingScale {
        self.scale
    }
    /// The easy threshold.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// assert_eq!(CesConfig::default().easy_from(), 5);
    /// let effort = CesConfig::new(RatingScale::new(1, 5)?, 2, 4, CesPolarity::LowerIsEasier)?;
    /// assert_eq!(effort.easy_from(), 2); // 1 and 2 are easy
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn easy_from(&self) -> u8 {
        self.easy_from
    }
    /// The difficult threshold.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// assert_eq!(CesConfig::default().difficult_to(), 3); // 1, 2 and 3 are difficult
    /// let effort = CesConfig::new(RatingScale::new(1, 5)?, 2, 4, CesPolarity::LowerIsEasier)?;
    /// assert_eq!(effort.difficult_to(), 4); // 4 and 5 are difficult
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn difficult_to(&self) -> u8 {
        self.difficult_to
    }
    /// Which end means easy.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// assert_eq!(CesConfig::default().polarity(), CesPolarity::HigherIsEasier);
    /// let effort = CesConfig::new(RatingScale::new(1, 5)?, 2, 4, CesPolarity::LowerIsEasier)?;
    /// assert_eq!(effort.polarity(), CesPolarity::LowerIsEasier);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn polarity(&self) -> CesPolarity {
        self.polarity
    }

    /// Whether `rating` counts as easy.
    ///
    /// ```
    /// use carekit::metrics::CesConfig;
    /// let c = CesConfig::default(); // 1..=7, easy from 5
    /// assert!(c.is_easy(5) && c.is_easy(7));
    /// assert!(!c.is_easy(4));
    /// assert!(!c.is_easy(8)); // off the scale
    /// ```
    pub fn is_easy(&self, rating: u8) -> bool {
        self.scale.contains(rating)
            && match self.polarity {
                CesPolarity::HigherIsEasier => rating >= self.easy_from,
                CesPolarity::LowerIsEasier => rating <= self.easy_from,
            }
    }

    /// Whether `rating` counts as difficult.
    ///
    /// ```
    /// use carekit::metrics::CesConfig;
    /// let c = CesConfig::default(); // 1..=7, difficult up to 3
    /// assert!(c.is_difficult(1) && c.is_difficult(3));
    /// assert!(!c.is_difficult(4)); // 4 is neither easy nor difficult
    /// assert!(!c.is_difficult(0)); // off the scale
    /// ```
    pub fn is_difficult(&self, rating: u8) -> bool {
        self.scale.contains(rating)
            && match self.polarity {
                CesPolarity::HigherIsEasier => rating <= self.difficult_to,
                CesPolarity::LowerIsEasier => rating >= self.difficult_to,
            }
    }
}

impl Default for CesConfig {
    fn default() -> Self {
        Self {
            scale: RatingScale::CES_DEFAULT,
            easy_from: 5,
            difficult_to: 3,
            polarity: CesPolarity::HigherIsEasier,
        }
    }
}

impl fmt::Display for CesConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min, max) = (self.scale.min(), self.scale.max());
        match self.polarity {
            CesPolarity::HigherIsEasier => write!(
                f,
                "easy {}..={max}, difficult {min}..={} on {}",
                self.easy_from, self.difficult_to, self.scale
            ),
            CesPolarity::LowerIsEasier => write!(
                f,
                "easy {min}..={}, difficult {}..={max} on {} (lower is easier)",
                self.easy_from, self.difficult_to, self.scale
            ),
        }
    }
}

impl RatingConvention for CesConfig {
    const ACCUMULATOR: &'static str = "ces";
    const FIELD: &'static str = "ces rating";
    fn scale(&self) -> RatingScale {
        self.scale
    }
}

/// A mergeable CES accumulator: the count of each rating on the scale.
///
/// Feed it with [`push`](Ces::push) and [`extend`](Ces::extend):
/// [`CesRating`]s, plain `u8` ratings or [`Feedback`] records (other
/// answers are skipped); a `&[u8]` column goes through
/// [`Ces::extend_u8`]. See
/// [`CesConfig`] for the formulas; the mean's interval is the normal
/// approximation of [`stats::mean_interval`] with the sample variance.
///
/// With `serde`: `{"config": {...}, "counts": [0, 1, 3, 2, 5, 4, 1]}`.
///
/// # Example
///
/// ```
/// use carekit::metrics::Ces;
/// use carekit::stats::Confidence;
///
/// let mut ces = Ces::default(); // 1..=7, easy ≥ 5, difficult ≤ 3
/// ces.extend_u8(&[7, 6, 5, 5, 4, 3, 2, 1, 6, 7, 5, 4, 3])?;
/// let s = ces.summary(Confidence::NINETY_FIVE)?;
/// // easy: 7 of 13, difficult: 4 of 13 → net = 100 · 3 / 13
/// assert_eq!(s.percent_easy(), Some(100.0 * 7.0 / 13.0));
/// assert_eq!(s.net(), Some(100.0 * 7.0 / 13.0 - 100.0 * 4.0 / 13.0));
/// assert_eq!(s.mean(), Some(58.0 / 13.0));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CesParts", into = "CesParts"))]
pub struct Ces {
    ratings: Ratings<CesConfig>,
}

/// The data of a [`Ces`], field for field as its serialised form: the
/// convention and one count per point of the scale, lowest first.
///
/// [`Ces::from_parts`] checks it exactly like deserialisation does.
///
/// ```
/// use carekit::metrics::{Ces, CesConfig, CesParts};
/// let mut ces = Ces::default(); // 1..=7
/// ces.extend_u8(&[7, 5, 5, 1])?;
/// let parts = ces.to_parts();
/// assert_eq!(parts, CesParts { config: CesConfig::default(), counts: vec![1, 0, 0, 0, 2, 0, 1] });
/// assert_eq!(Ces::from_parts(parts)?, ces);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CesParts {
    /// The convention.
    pub config: CesConfig,
    /// The count of each point of the scale, lowest first.
    pub counts: Vec<u64>,
}

impl TryFrom<CesParts> for Ces {
    type Error = Error;
    fn try_from(parts: CesParts) -> Result<Self, Error> {
        Ces::from_parts(parts)
    }
}

impl From<Ces> for CesParts {
    fn from(acc: Ces) -> Self {
        acc.into_parts()
    }
}

impl Default for Ces {
    fn default() -> Self {
        Self::new(CesConfig::default())
    }
}

impl Ces {
    /// An accumulator from its parts, checked like deserialisation.
    ///
    /// ```
    /// use carekit::metrics::{Ces, CesConfig, CesParts};
    /// let ces = Ces::from_parts(CesParts { config: CesConfig::default(), counts: vec![0, 0, 0, 0, 1, 0, 1] })?;
    /// assert_eq!(ces.mean(), Some(6.0)); // (5 + 7) / 2
    /// assert!(Ces::from_parts(CesParts { config: CesConfig::default(), counts: vec![1; 8] }).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidState`] unless there is exactly one count per
    /// point of the scale and the counts add up to at most `u64::MAX`.
    pub fn from_parts(parts: CesParts) -> Result<Self, Error> {
        Ok(Self {
            ratings: Ratings::from_counts(parts.config, parts.counts)?,
        })
    }

    /// The accumulator's parts (see [`CesParts`]).
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[1, 7])?;
    /// assert_eq!(ces.to_parts().counts, [1, 0, 0, 0, 0, 0, 1]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> CesParts {
        CesParts {
            config: self.ratings.config(),
            counts: self.ratings.counts().to_vec(),
        }
    }

    /// The accumulator's parts, consuming it (see [`CesParts`]).
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// assert_eq!(Ces::default().into_parts().counts.len(), 7);
    /// ```
    pub fn into_parts(self) -> CesParts {
        self.to_parts()
    }

    /// An empty accumulator with a convention.
    ///
    /// ```
    /// use carekit::metrics::{Ces, CesConfig};
    /// assert_eq!(Ces::new(CesConfig::default()).mean(), None);
    /// ```
    pub fn new(config: CesConfig) -> Self {
        Self {
            ratings: Ratings::new(config),
        }
    }

    /// The convention.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{Ces, CesConfig, CesPolarity}};
    /// assert_eq!(Ces::default().config(), CesConfig::default());
    /// let effort = CesConfig::new(RatingScale::new(1, 5)?, 2, 4, CesPolarity::LowerIsEasier)?;
    /// assert_eq!(Ces::new(effort).config().polarity(), CesPolarity::LowerIsEasier);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> CesConfig {
        self.ratings.config()
    }

    /// Adds a column of plain ratings: the fast path.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[7, 1])?;
    /// assert_eq!(ces.extend_u8(&[7, 9]).unwrap_err().to_string(),
    ///            "ces rating 9 at index 1 is outside the scale 1..=7");
    /// assert_eq!(ces.n(), 2);
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
    /// use carekit::metrics::Ces;
    /// struct Survey { ticket: u64, rating: u8 }
    /// let rows = [Survey { ticket: 1, rating: 7 }, Survey { ticket: 2, rating: 2 }];
    /// let mut ces = Ces::default(); // 1..=7, easy from 5
    /// ces.extend_by(&rows, |r| r.rating)?;
    /// assert_eq!(ces.mean(), Some(4.5)); // (7 + 2) / 2
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
    /// use carekit::metrics::Ces;
    /// let mut groups = vec![Ces::default(); 2];
    /// Ces::extend_grouped(&mut groups, &[0, 1, 0], &[7, 1, 5])?;
    /// assert_eq!(groups[0].mean(), Some(6.0)); // (7 + 5) / 2
    /// assert_eq!(groups[1].mean(), Some(1.0));
    /// let err = Ces::extend_grouped(&mut groups, &[1, 0], &[7, 8]).unwrap_err();
    /// assert_eq!(err.to_string(), "ces rating 8 at index 1 is outside the scale 1..=7");
    /// assert_eq!(groups[1].n(), 1); // unchanged: the 7 of row 0 was taken back
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
        groups: &mut [Ces],
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
    /// use carekit::metrics::{Ces, RowMask};
    /// let mut groups = vec![Ces::default(); 1];
    /// // Row 1 is null (bit 1 clear): its placeholder 0 is skipped.
    /// let valid = RowMask::new(&[0b101], 0);
    /// Ces::extend_grouped_masked(&mut groups, &[0, 0, 0], &[7, 0, 3], valid)?;
    /// assert_eq!(groups[0].mean(), Some(5.0)); // (7 + 3) / 2
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`extend_grouped`](Self::extend_grouped), and
    /// [`MetricsError::LengthMismatch`] if the mask covers fewer rows than
    /// there are group indices. On error every group is unchanged.
    pub fn extend_grouped_masked(
        groups: &mut [Ces],
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
        groups: &mut [Ces],
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
            stop.into_error("ces rating", bad_scale.unwrap_or(RatingScale::CES_DEFAULT))
        })
    }

    /// Adds another accumulator's counts (exact, commutative, associative).
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let (mut a, mut b) = (Ces::default(), Ces::default());
    /// a.extend_u8(&[7])?;
    /// b.extend_u8(&[1])?;
    /// a.merge(&b)?;
    /// assert_eq!(a.mean(), Some(4.0));
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

    /// Number of ratings.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[7, 4, 1])?;
    /// assert_eq!(ces.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.ratings.total()
    }

    /// Easy ratings.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default(); // easy: 5..=7
    /// ces.extend_u8(&[7, 5, 4, 1])?;
    /// assert_eq!(ces.easy(), 2); // 7 and 5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn easy(&self) -> u64 {
        let c = self.ratings.config();
        self.ratings.count_where(|r| c.is_easy(r))
    }

    /// Difficult ratings.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default(); // difficult: 1..=3
    /// ces.extend_u8(&[7, 4, 3, 1])?;
    /// assert_eq!(ces.difficult(), 2); // 3 and 1
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn difficult(&self) -> u64 {
        let c = self.ratings.config();
        self.ratings.count_where(|r| c.is_difficult(r))
    }

    /// How often `rating` was given (0 off the scale).
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[6, 6, 2])?;
    /// assert_eq!((ces.count(6), ces.count(2), ces.count(7)), (2, 1, 0));
    /// assert_eq!(ces.count(9), 0); // off the 1..=7 scale
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn count(&self, rating: u8) -> u64 {
        self.ratings.count_where(|r| r == rating)
    }

    /// Mean rating, `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default();
    /// assert_eq!(ces.mean(), None);
    /// ces.extend_u8(&[7, 6, 2])?;
    /// assert_eq!(ces.mean(), Some(5.0)); // (7 + 6 + 2) / 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        self.ratings.mean()
    }

    /// Percent easy minus percent difficult, `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// let mut ces = Ces::default(); // easy ≥ 5, difficult ≤ 3
    /// ces.extend_u8(&[7, 6, 5, 4, 1])?;
    /// assert_eq!(ces.net(), Some(40.0)); // 100 · 3/5 − 100 · 1/5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn net(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| {
            100.0 * self.easy() as f64 / n as f64 - 100.0 * self.difficult() as f64 / n as f64
        })
    }

    /// The result, with a normal-approximation interval for the mean.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[1, 2, 3, 1])?;
    /// let s = ces.summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!((s.percent_easy(), s.percent_difficult(), s.net()), (Some(0.0), Some(100.0), Some(-100.0)));
    /// assert_eq!(s.mean(), Some(1.75)); // 7 / 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Errors of [`stats::mean_interval`].
    pub fn summary(&self, confidence: Confidence) -> Result<CesSummary, Error> {
        let n = self.n();
        let mean = self.mean();
        let interval = match (mean, self.ratings.scale_counts().sample_variance()) {
            (Some(m), Some(v)) => stats::mean_interval(m, v, n, confidence)?,
            _ => None,
        };
        let pct = |k: u64| (n > 0).then(|| 100.0 * k as f64 / n as f64);
        Ok(CesSummary {
            n,
            mean,
            percent_easy: pct(self.easy()),
            percent_difficult: pct(self.difficult()),
            net: self.net(),
            distribution: self.ratings.scale_counts().iter().collect(),
            interval,
            confidence,
            config: self.ratings.config(),
        })
    }
}

push_vocabulary!(
    Ces,
    "```
use carekit::{CesRating, metrics::Ces};
let mut ces = Ces::default(); // 1..=7, higher is easier
ces.push(CesRating::on_default_scale(6)?)?;
ces.push(2_u8)?;
assert!(ces.push(0_u8).is_err());
assert_eq!((ces.n(), ces.easy(), ces.difficult()), (2, 1, 1));
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::Ces;
let mut ces = Ces::default();
ces.extend([7_u8, 5, 1])?;
assert_eq!(ces.mean(), Some(13.0 / 3.0));
# Ok::<(), carekit::Error>(())
```"
);

impl Accumulator for Ces {
    fn empty_like(&self) -> Self {
        Self::new(self.ratings.config())
    }
    fn is_empty(&self) -> bool {
        self.ratings.total() == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Ces::merge(self, other)
    }
}

/// One validated rating; refused unless it is on the convention's scale.
impl Push<CesRating> for Ces {
    fn push(&mut self, rating: CesRating) -> Result<(), Error> {
        self.ratings.push_on(rating.get(), rating.scale())
    }
}

/// One plain rating, checked to lie on the convention's scale.
impl Push<u8> for Ces {
    fn push(&mut self, rating: u8) -> Result<(), Error> {
        self.ratings.push_u8(rating)
    }
}

/// The CES answer of a feedback record; answers of other surveys are
/// skipped.
impl Push<&Feedback> for Ces {
    fn push(&mut self, feedback: &Feedback) -> Result<(), Error> {
        match feedback.answer().ces() {
            Some(rating) => self.push(rating),
            None => Ok(()),
        }
    }
}

/// A CES result. Built by [`Ces::summary`].
///
/// ```
/// use carekit::metrics::Ces;
/// use carekit::stats::Confidence;
/// let s = Ces::default().summary(Confidence::NINETY_FIVE)?;
/// assert_eq!((s.n(), s.mean(), s.net(), s.interval()), (0, None, None, None));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CesSummary {
    n: u64,
    mean: Option<f64>,
    percent_easy: Option<f64>,
    percent_difficult: Option<f64>,
    net: Option<f64>,
    distribution: Vec<(u8, u64)>,
    interval: Option<Interval>,
    confidence: Confidence,
    config: CesConfig,
}

impl CesSummary {
    /// Number of ratings.
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[2, 4, 6])?;
    /// assert_eq!(ces.summary(Confidence::NINETY_FIVE)?.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Mean rating.
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[2, 4, 6])?;
    /// assert_eq!(ces.summary(Confidence::NINETY_FIVE)?.mean(), Some(4.0)); // 12 / 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        self.mean
    }
    /// Percent easy (0..=100).
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default(); // easy ≥ 5
    /// ces.extend_u8(&[2, 4, 6, 7])?;
    /// assert_eq!(ces.summary(Confidence::NINETY_FIVE)?.percent_easy(), Some(50.0)); // 2 of 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percent_easy(&self) -> Option<f64> {
        self.percent_easy
    }
    /// Percent difficult (0..=100).
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default(); // difficult ≤ 3
    /// ces.extend_u8(&[2, 4, 6, 7])?;
    /// assert_eq!(ces.summary(Confidence::NINETY_FIVE)?.percent_difficult(), Some(25.0)); // 1 of 4
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percent_difficult(&self) -> Option<f64> {
        self.percent_difficult
    }
    /// Net easy: percent easy − percent difficult (−100..=100).
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[2, 4, 6, 7])?;
    /// assert_eq!(ces.summary(Confidence::NINETY_FIVE)?.net(), Some(25.0)); // 50 % easy − 25 % difficult
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn net(&self) -> Option<f64> {
        self.net
    }
    /// `(rating, count)` for every point of the scale, lowest first.
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[2, 2, 7])?;
    /// let s = ces.summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!(s.distribution(), &[(1, 0), (2, 2), (3, 0), (4, 0), (5, 0), (6, 0), (7, 1)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn distribution(&self) -> &[(u8, u64)] {
        &self.distribution
    }
    /// Normal-approximation interval for the mean (`None` below two
    /// ratings).
    ///
    /// ```
    /// # use carekit::metrics::Ces;
    /// # use carekit::stats::Confidence;
    /// let mut ces = Ces::default();
    /// ces.extend_u8(&[2, 4, 6])?;
    /// let ci = ces.summary(Confidence::NINETY_FIVE)?.interval().unwrap();
    /// // mean 4, sample variance (4 + 0 + 4) / 2 = 4: 4 ± 1.959964 · √(4 / 3) = 4 ± 2.2632
    /// assert!((ci.low() - 1.7368).abs() < 1e-4 && (ci.high() - 6.2632).abs() < 1e-4);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
    /// The interval's confidence level.
    ///
    /// ```
    /// use carekit::metrics::Ces;
    /// use carekit::stats::Confidence;
    /// let s = Ces::default().summary(Confidence::NINETY)?;
    /// assert_eq!(s.confidence(), Confidence::NINETY);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    /// The convention.
    ///
    /// ```
    /// use carekit::metrics::{Ces, CesConfig};
    /// use carekit::stats::Confidence;
    /// let s = Ces::default().summary(Confidence::NINETY_FIVE)?;
    /// assert_eq!(s.config(), CesConfig::default());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn config(&self) -> CesConfig {
        self.config
    }
}
