//! The one rating-scale accumulator behind [`Csat`](crate::metrics::Csat) and
//! [`Ces`](crate::metrics::Ces): a convention and a count per point of its scale.
//! Each score is a thin type over it that adds its own readings
//! (satisfaction, ease).

use std::fmt;

use crate::error::Error;
use crate::error::MetricsError;
use crate::metrics::kernels::{BadValue, ScaleCounts};
use crate::scale::RatingScale;

/// What a rating-scale score needs to know about its convention.
pub(crate) trait RatingConvention: Copy + PartialEq + fmt::Display {
    /// The accumulator's name in errors (`"csat"`).
    const ACCUMULATOR: &'static str;
    /// The rating's name in errors (`"csat rating"`).
    const FIELD: &'static str;
    /// The scale the ratings lie on.
    fn scale(&self) -> RatingScale;
}

/// A convention and the count of each point of its scale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Ratings<C> {
    config: C,
    counts: ScaleCounts,
}

impl<C: RatingConvention> Ratings<C> {
    pub(crate) fn new(config: C) -> Self {
        Self {
            config,
            counts: ScaleCounts::new(config.scale()),
        }
    }

    /// From stored counts, checked like deserialisation.
    pub(crate) fn from_counts(config: C, counts: Vec<u64>) -> Result<Self, Error> {
        let counts =
            ScaleCounts::from_counts(config.scale(), counts).ok_or(MetricsError::InvalidState {
                accumulator: C::ACCUMULATOR,
                rule: "counts must have one entry per point of the scale and a total below 2^64",
            })?;
        Ok(Self { config, counts })
    }

    pub(crate) fn config(&self) -> C {
        self.config
    }

    /// The count of each point, lowest first.
    pub(crate) fn counts(&self) -> &[u64] {
        self.counts.counts()
    }

    pub(crate) fn scale_counts(&self) -> &ScaleCounts {
        &self.counts
    }

    /// A rating given with its scale: refused unless the scale is the
    /// convention's.
    pub(crate) fn push_on(&mut self, rating: u8, scale: RatingScale) -> Result<(), Error> {
        if scale != self.config.scale() {
            return Err(MetricsError::ScaleMismatch {
                field: C::FIELD,
                expected: self.config.scale(),
                found: scale,
            }
            .into());
        }
        self.push_u8(rating)
    }

    /// A plain rating, checked to lie on the scale.
    pub(crate) fn push_u8(&mut self, rating: u8) -> Result<(), Error> {
        let scale = self.config.scale();
        if !scale.contains(rating) {
            return Err(Error::RatingOutOfScale {
                field: C::FIELD,
                value: i64::from(rating),
                scale,
            });
        }
        self.counts.add(rating).ok_or_else(|| Self::overflow())
    }

    /// A column of plain ratings: the fast path; nothing is added on error.
    pub(crate) fn extend_u8(&mut self, ratings: &[u8]) -> Result<(), Error> {
        let scale = self.config.scale();
        self.counts
            .extend(ratings)
            .map_err(|bad| column_error(C::FIELD, bad, scale))?
            .ok_or_else(|| Self::overflow())
    }

    /// Projected records; nothing is added on error.
    pub(crate) fn extend_by<T>(
        &mut self,
        records: &[T],
        rating: impl FnMut(&T) -> u8,
    ) -> Result<(), Error> {
        let scale = self.config.scale();
        self.counts
            .extend_by(records, rating)
            .map_err(|bad| column_error(C::FIELD, bad, scale))?
            .ok_or_else(|| Self::overflow())
    }

    /// A histogram over the scale computed elsewhere; nothing is added on
    /// overflow.
    pub(crate) fn add_histogram(&mut self, h: Vec<u64>) -> Result<(), Error> {
        self.counts.add_histogram(h).ok_or_else(|| Self::overflow())
    }

    /// One rating if it lies on the scale (`false`, and no change,
    /// otherwise), for the per-row grouped kernels.
    #[inline]
    pub(crate) fn try_add(&mut self, rating: u8) -> bool {
        self.counts.try_add(rating)
    }

    /// Takes back a rating added by [`try_add`](Self::try_add).
    pub(crate) fn undo(&mut self, rating: u8) {
        self.counts.undo(rating);
    }

    pub(crate) fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.config != other.config {
            return Err(MetricsError::ConventionsDiffer {
                accumulator: C::ACCUMULATOR,
                left: self.config.to_string(),
                right: other.config.to_string(),
            }
            .into());
        }
        self.counts
            .merge(&other.counts)
            .ok_or_else(|| Self::overflow())
    }

    fn overflow() -> Error {
        MetricsError::CountOverflow {
            accumulator: C::ACCUMULATOR,
        }
        .into()
    }

    /// Number of ratings.
    pub(crate) fn total(&self) -> u64 {
        self.counts.total()
    }

    /// Number of ratings for which `pick` holds.
    pub(crate) fn count_where(&self, pick: impl Fn(u8) -> bool) -> u64 {
        self.counts.count_where(pick)
    }

    pub(crate) fn mean(&self) -> Option<f64> {
        self.counts.mean()
    }
}

/// The error for the first off-scale value of a column.
pub(crate) fn column_error(field: &'static str, bad: BadValue, scale: RatingScale) -> Error {
    MetricsError::ColumnValueOutOfScale {
        field,
        value: bad.value,
        index: bad.index,
        scale,
    }
    .into()
}
