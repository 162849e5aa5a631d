//! Confidence levels and intervals.

use std::fmt;

use super::StatsError;
use super::normal::quantile_in_unit;
use crate::error::Error;

/// A confidence level, strictly between 0 and 1 (default 0.95).
///
/// With the `serde` feature it reads and writes as the bare number
/// (`0.95`), validated on the way in.
///
/// # Example
///
/// ```
/// use carekit::stats::Confidence;
///
/// let c = Confidence::new(0.99)?;
/// assert_eq!(c.get(), 0.99);
/// assert!((c.z() - 2.575_829_303_548_900_4).abs() < 1e-12);
/// assert_eq!(Confidence::default(), Confidence::NINETY_FIVE);
/// assert!(Confidence::new(1.0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "f64", into = "f64"))]
pub struct Confidence(f64);

impl Confidence {
    /// 95 %, the default.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// assert_eq!(Confidence::NINETY_FIVE.get(), 0.95);
    /// // scipy.stats.norm.ppf(0.975) = 1.959963984540054
    /// assert!((Confidence::NINETY_FIVE.z() - 1.959_963_984_540_054).abs() < 1e-12);
    /// assert_eq!(Confidence::default(), Confidence::NINETY_FIVE);
    /// ```
    pub const NINETY_FIVE: Confidence = Confidence(0.95);
    /// 90 %.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// assert_eq!(Confidence::NINETY.get(), 0.90);
    /// // scipy.stats.norm.ppf(0.95) = 1.6448536269514722: narrower than at 95 %
    /// assert!((Confidence::NINETY.z() - 1.644_853_626_951_472_2).abs() < 1e-12);
    /// ```
    pub const NINETY: Confidence = Confidence(0.90);
    /// 99 %.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// assert_eq!(Confidence::NINETY_NINE.get(), 0.99);
    /// // scipy.stats.norm.ppf(0.995) = 2.5758293035489004: wider than at 95 %
    /// assert!((Confidence::NINETY_NINE.z() - 2.575_829_303_548_900_4).abs() < 1e-12);
    /// ```
    pub const NINETY_NINE: Confidence = Confidence(0.99);

    /// Validates a confidence level.
    ///
    /// # Errors
    ///
    /// [`StatsError::ConfidenceOutOfRange`] unless `0 < level < 1` (`NaN`
    /// is rejected too).
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::stats::Confidence;
    ///
    /// assert_eq!(Confidence::new(0.9)?.get(), 0.9);
    /// let err = Confidence::new(1.5).unwrap_err();
    /// assert_eq!(err.to_string(), "confidence level 1.5 is outside the open interval (0, 1)");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(level: f64) -> Result<Self, Error> {
        if level > 0.0 && level < 1.0 {
            Ok(Self(level))
        } else {
            Err(StatsError::ConfidenceOutOfRange { value: level }.into())
        }
    }

    /// The level, e.g. `0.95`.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// assert_eq!(Confidence::NINETY_FIVE.get(), 0.95);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.0
    }

    /// The two-sided critical value z = Φ⁻¹(1 − (1 − level)/2), e.g.
    /// 1.959 963 984 540 054 for 95 %.
    ///
    /// Computed as −Φ⁻¹((1 − level)/2), which is the same number without
    /// the rounding of `1 − small`.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// // scipy.stats.norm.ppf(0.975) = 1.959963984540054
    /// assert!((Confidence::NINETY_FIVE.z() - 1.959_963_984_540_054).abs() < 1e-14);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn z(self) -> f64 {
        -quantile_in_unit((1.0 - self.0) / 2.0)
    }

    /// The significance level α = 1 − level: a two-sided test is
    /// significant when its p-value is below it.
    ///
    /// ```
    /// use carekit::stats::Confidence;
    /// assert!((Confidence::NINETY_FIVE.alpha() - 0.05).abs() < 1e-15);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }
}

impl Default for Confidence {
    fn default() -> Self {
        Self::NINETY_FIVE
    }
}

impl TryFrom<f64> for Confidence {
    type Error = Error;
    fn try_from(level: f64) -> Result<Self, Error> {
        Self::new(level)
    }
}

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.0
    }
}

impl fmt::Display for Confidence {
    /// The level as given, e.g. `0.95`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A closed interval `[low, high]` with finite bounds and `low <= high`.
///
/// Units are those of the function that produced it, and its name says
/// which: proportions 0–1 for
/// [`proportion_interval`](super::proportion_interval), percent 0–100 for
/// [`CsatSummary::percent_interval`](crate::CsatSummary::percent_interval),
/// NPS points for [`nps_interval`](super::nps_interval). With the `serde` feature it reads
/// and writes as `{"low": 0.25, "high": 0.37}`, validated on the way in.
///
/// # Example
///
/// ```
/// use carekit::stats::Interval;
///
/// let i = Interval::new(0.25, 0.375)?;
/// assert_eq!((i.low(), i.high(), i.width()), (0.25, 0.375, 0.125));
/// assert!(i.contains(0.3) && i.contains(0.25) && !i.contains(0.4));
/// assert_eq!(i.to_string(), "[0.25, 0.375]");
/// assert!(Interval::new(1.0, 0.0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawInterval", into = "RawInterval")
)]
pub struct Interval {
    low: f64,
    high: f64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterval {
    low: f64,
    high: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawInterval> for Interval {
    type Error = Error;
    fn try_from(raw: RawInterval) -> Result<Self, Error> {
        Self::new(raw.low, raw.high)
    }
}

#[cfg(feature = "serde")]
impl From<Interval> for RawInterval {
    fn from(i: Interval) -> Self {
        Self {
            low: i.low,
            high: i.high,
        }
    }
}

impl Interval {
    /// An interval from its bounds.
    ///
    /// # Errors
    ///
    /// [`StatsError::InvalidInterval`] when a bound is not finite or
    /// `low > high`.
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::stats::Interval;
    /// assert_eq!(Interval::new(-3.0, 7.5)?.width(), 10.5);
    /// assert!(Interval::new(0.0, f64::NAN).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(low: f64, high: f64) -> Result<Self, Error> {
        if low.is_finite() && high.is_finite() && low <= high {
            Ok(Self { low, high })
        } else {
            Err(StatsError::InvalidInterval { low, high }.into())
        }
    }

    /// The lower bound.
    ///
    /// ```
    /// # use carekit::stats::Interval;
    /// assert_eq!(Interval::new(1.0, 2.0)?.low(), 1.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn low(self) -> f64 {
        self.low
    }

    /// The upper bound.
    ///
    /// ```
    /// # use carekit::stats::Interval;
    /// assert_eq!(Interval::new(1.0, 2.0)?.high(), 2.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn high(self) -> f64 {
        self.high
    }

    /// `high − low`.
    ///
    /// ```
    /// # use carekit::stats::Interval;
    /// assert_eq!(Interval::new(1.0, 2.5)?.width(), 1.5);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn width(self) -> f64 {
        self.high - self.low
    }

    /// Whether `low <= x <= high`.
    ///
    /// ```
    /// # use carekit::stats::Interval;
    /// let i = Interval::new(1.0, 2.0)?;
    /// assert!(i.contains(1.0) && i.contains(2.0) && !i.contains(2.5));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn contains(self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

impl fmt::Display for Interval {
    /// `[low, high]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {}]", self.low, self.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_is_closed_at_both_ends() {
        let i = Interval::new(-0.5, 0.25).unwrap();
        for inside in [-0.5, 0.0, 0.25] {
            assert!(i.contains(inside), "{inside}");
        }
        for outside in [-0.500_001, 0.250_001, f64::NAN, f64::INFINITY] {
            assert!(!i.contains(outside), "{outside}");
        }
        assert_eq!(i.to_string(), "[-0.5, 0.25]");
    }

    #[test]
    fn named_levels_are_valid_levels() {
        for c in [
            Confidence::NINETY,
            Confidence::NINETY_FIVE,
            Confidence::NINETY_NINE,
        ] {
            assert_eq!(Confidence::new(c.get()).unwrap(), c);
        }
        assert_eq!(Confidence::NINETY_NINE.to_string(), "0.99");
    }

    #[test]
    fn higher_confidence_means_a_larger_critical_value() {
        assert!(Confidence::NINETY.z() < Confidence::NINETY_FIVE.z());
        assert!(Confidence::NINETY_FIVE.z() < Confidence::NINETY_NINE.z());
    }
}
