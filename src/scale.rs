//! Rating scales: the inclusive range of integers a survey answer lies on
//! ([`RatingScale`]). A foundation value type, like money and identifiers:
//! it imports nothing of the crate, and its one error ([`ScaleError`])
//! converts into the crate's [`Error`](crate::Error).

use std::fmt;

/// A scale whose minimum is not below its maximum.
///
/// ```
/// use carekit::scale::{RatingScale, ScaleError};
/// let e: ScaleError = RatingScale::new(5, 5).unwrap_err();
/// assert_eq!((e.min(), e.max()), (5, 5));
/// assert_eq!(e.to_string(), "rating scale 5..=5 is invalid: the minimum must be below the maximum");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("rating scale {min}..={max} is invalid: the minimum must be below the maximum")]
pub struct ScaleError {
    min: u8,
    max: u8,
}

impl ScaleError {
    /// The given minimum.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::new(9, 2).unwrap_err().min(), 9);
    /// ```
    pub fn min(&self) -> u8 {
        self.min
    }

    /// The given maximum.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::new(9, 2).unwrap_err().max(), 2);
    /// ```
    pub fn max(&self) -> u8 {
        self.max
    }
}

/// An inclusive integer scale `min..=max` with `min < max`.
///
/// # Example
///
/// ```
/// use carekit::RatingScale;
///
/// let s = RatingScale::new(1, 7)?;
/// assert_eq!((s.min(), s.max()), (1, 7));
/// assert!(s.contains(4));
/// assert_eq!(s.to_string(), "1..=7");
/// assert!(RatingScale::new(5, 5).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawScale", into = "RawScale"))]
pub struct RatingScale {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<RawScale> for RatingScale {
    type Error = ScaleError;
    fn try_from(raw: RawScale) -> Result<Self, ScaleError> {
        Self::new(raw.min, raw.max)
    }
}

#[cfg(feature = "serde")]
impl From<RatingScale> for RawScale {
    fn from(s: RatingScale) -> Self {
        Self {
            min: s.min,
            max: s.max,
        }
    }
}

impl RatingScale {
    /// The NPS scale, 0..=10.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::NPS.to_string(), "0..=10");
    /// ```
    pub const NPS: RatingScale = RatingScale { min: 0, max: 10 };
    /// The default CSAT scale, 1..=5.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::CSAT_DEFAULT.to_string(), "1..=5");
    /// ```
    pub const CSAT_DEFAULT: RatingScale = RatingScale { min: 1, max: 5 };
    /// A binary good/bad scale, 0..=1.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::BINARY.points(), 2);
    /// ```
    pub const BINARY: RatingScale = RatingScale { min: 0, max: 1 };
    /// The default CES scale, 1..=7.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::CES_DEFAULT.max(), 7);
    /// ```
    pub const CES_DEFAULT: RatingScale = RatingScale { min: 1, max: 7 };

    /// A scale `min..=max`.
    ///
    /// # Errors
    ///
    /// [`ScaleError`] (which converts into
    /// [`Error::InvalidScale`](crate::Error::InvalidScale)) unless
    /// `min < max`.
    ///
    /// ```
    /// let s = carekit::RatingScale::new(0, 10)?;
    /// assert_eq!(s, carekit::RatingScale::NPS);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(min: u8, max: u8) -> Result<Self, ScaleError> {
        if min < max {
            Ok(Self { min, max })
        } else {
            Err(ScaleError { min, max })
        }
    }

    /// The lowest rating.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::CSAT_DEFAULT.min(), 1);
    /// ```
    pub fn min(self) -> u8 {
        self.min
    }

    /// The highest rating.
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::CSAT_DEFAULT.max(), 5);
    /// ```
    pub fn max(self) -> u8 {
        self.max
    }

    /// Whether `value` lies on the scale.
    ///
    /// ```
    /// assert!(!carekit::RatingScale::CSAT_DEFAULT.contains(0));
    /// ```
    pub fn contains(self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Number of points on the scale (`max − min + 1`).
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::NPS.points(), 11);
    /// ```
    pub fn points(self) -> u16 {
        u16::from(self.max)
            .saturating_sub(u16::from(self.min))
            .saturating_add(1)
    }

    /// The midpoint of the scale (3 on 1..=5, 5 on 0..=10).
    ///
    /// ```
    /// assert_eq!(carekit::RatingScale::CSAT_DEFAULT.midpoint(), 3.0);
    /// ```
    pub fn midpoint(self) -> f64 {
        f64::midpoint(f64::from(self.min), f64::from(self.max))
    }
}

impl fmt::Display for RatingScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.min, self.max)
    }
}
