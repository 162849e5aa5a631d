//! Durations: count, sum, mean, min, max, variance and exact percentiles.

use std::fmt;

use chrono::TimeDelta;

use crate::error::Error;
use crate::error::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::metrics::kernels;
use crate::stats::{Confidence, Interval, mean_interval};

use exact_sum::{ExactSum, exact_square};

/// How a percentile is read from a sample (Hyndman & Fan 1996).
///
/// With the `n` values sorted as `x[0] <= … <= x[n-1]`:
///
/// - [`Linear`](Self::Linear) (type 7, numpy's default `method="linear"`,
///   R's default, Excel's `PERCENTILE.INC`): `h = (n − 1)·q`,
///   `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])` — interpolates between the
///   two neighbouring values. The default.
/// - [`NearestRank`](Self::NearestRank) (type 1, numpy's
///   `method="inverted_cdf"`): the `⌈n·q⌉`-th smallest value (at least the
///   first) — always a value that was observed.
///
/// Both are computed as numpy computes them (the same floating-point
/// steps), so results agree with numpy to the last bit or within a few ulp.
///
/// ```
/// use carekit::metrics::{Durations, PercentileMethod};
///
/// let d = Durations::from_seconds(&[10.0, 20.0])?;
/// assert_eq!(d.percentile(0.25, PercentileMethod::Linear)?, Some(12.5));
/// assert_eq!(d.percentile(0.25, PercentileMethod::NearestRank)?, Some(10.0));
/// assert_eq!(PercentileMethod::default(), PercentileMethod::Linear);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PercentileMethod {
    /// Hyndman–Fan type 7: linear interpolation between order statistics.
    #[default]
    Linear,
    /// Hyndman–Fan type 1: the nearest rank `⌈n·q⌉`.
    NearestRank,
}

impl fmt::Display for PercentileMethod {
    /// `"linear"` or `"nearest_rank"` (the JSON names).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Linear => "linear",
            Self::NearestRank => "nearest_rank",
        })
    }
}

/// A mergeable accumulator of durations in seconds, with exact
/// percentiles.
///
/// Durations are `f64` seconds, finite, at least 0 and at most
/// [`MAX_SECONDS`](Self::MAX_SECONDS) (about 31.7 million years: the cap
/// keeps every sum and square finite). `-0.0` is stored as `0.0`.
///
/// Exact percentiles need every value, so the accumulator keeps them (8
/// bytes per duration); use a [`QuantileSketch`](crate::metrics::QuantileSketch)
/// when a bounded relative error and bounded memory are preferred.
///
/// - `count`, `min` and `max` are kept as values arrive (O(1) to read).
/// - `sum`, `mean` and `sample_variance` are computed when asked, in one
///   pass, with an **exact** sum (Shewchuk's algorithm, as Python's
///   `math.fsum`): the result is the correctly rounded value of the exact
///   real sum, so it does not depend on the order of the values, and
///   merging the partials of any split gives bit-for-bit the whole's
///   result. The variance is `Σ (xᵢ − m)² / (n − 1)` with `m` the rounded
///   mean, each square split exactly (Dekker) and summed exactly.
/// - [`percentiles`](Self::percentiles) selects (never sorts) on a scratch
///   copy: a radix pass over the top 16 bits of each value finds the bucket
///   of every requested rank, then only those buckets are selected in.
///
/// # Example
///
/// ```
/// use carekit::metrics::{Durations, PercentileMethod};
///
/// let mut first_reply = Durations::new();
/// first_reply.extend_f64(&[300.0, 12.0, 45.5, 7.0])?;
/// let mut shard = Durations::new();
/// shard.push(chrono::TimeDelta::minutes(2))?;
/// first_reply.merge(&shard);
///
/// assert_eq!(first_reply.n(), 5);
/// assert_eq!(first_reply.mean(), Some(96.9)); // (300+12+45.5+7+120)/5
/// assert_eq!(first_reply.min(), Some(7.0));
/// assert_eq!(first_reply.max(), Some(300.0));
/// let p = first_reply.percentiles(&[0.5, 0.9], PercentileMethod::Linear)?;
/// assert_eq!(p, Some(vec![45.5, 228.0])); // 120 + 0.6·(300 − 120)
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature it reads and writes as `{"seconds": [300.0,
/// 12.0]}`, validated like [`extend_f64`](Self::extend_f64).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "DurationsParts", into = "DurationsParts")
)]
pub struct Durations {
    values: Vec<f64>,
    min: f64,
    max: f64,
}

/// The data of a [`Durations`], field for field as its serialised form:
/// every value in seconds, in the order pushed.
///
/// [`Durations::from_parts`] checks it exactly like deserialisation does.
///
/// ```
/// use carekit::metrics::{Durations, DurationsParts};
/// let d = Durations::from_seconds(&[30.0, 12.5])?;
/// assert_eq!(d.to_parts(), DurationsParts { seconds: vec![30.0, 12.5] });
/// assert_eq!(Durations::from_parts(d.to_parts())?, d);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DurationsParts {
    /// The durations in seconds.
    pub seconds: Vec<f64>,
}

impl TryFrom<DurationsParts> for Durations {
    type Error = Error;
    fn try_from(parts: DurationsParts) -> Result<Self, Error> {
        Durations::from_parts(parts)
    }
}

impl From<Durations> for DurationsParts {
    fn from(d: Durations) -> Self {
        d.into_parts()
    }
}

/// A duration in seconds: `f64` seconds or a [`chrono::TimeDelta`].
pub(crate) trait DurationValue {
    /// The duration in seconds (not yet validated).
    fn seconds(self) -> f64;
}

impl DurationValue for f64 {
    fn seconds(self) -> f64 {
        self
    }
}

impl DurationValue for TimeDelta {
    /// Whole seconds plus nanoseconds, as `f64` (exact below 2^53 ns, about
    /// 104 days; beyond that rounded to the nearest representable value).
    fn seconds(self) -> f64 {
        self.num_seconds() as f64 + f64::from(self.subsec_nanos()) * 1e-9
    }
}

fn check(index: usize, value: f64) -> Result<f64, MetricsError> {
    if (0.0..=Durations::MAX_SECONDS).contains(&value) {
        // `-0.0 + 0.0` is `+0.0`: one bit pattern for zero keeps the
        // bit-pattern ordering used by the percentile selection valid.
        Ok(value + 0.0)
    } else {
        Err(MetricsError::InvalidDuration { index, value })
    }
}

impl Accumulator for Durations {
    fn empty_like(&self) -> Self {
        Self::new()
    }
    fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Durations::merge(self, other)
    }
}

/// One duration in seconds: finite, at least 0 and at most
/// [`Durations::MAX_SECONDS`].
impl Push<f64> for Durations {
    fn push(&mut self, seconds: f64) -> Result<(), Error> {
        self.push_seconds(seconds)
    }
}

/// One duration (whole seconds plus nanoseconds; exact below 2^53 ns,
/// about 104 days, rounded to the nearest `f64` beyond).
impl Push<TimeDelta> for Durations {
    fn push(&mut self, duration: TimeDelta) -> Result<(), Error> {
        self.push_seconds(duration.seconds())
    }
}

push_vocabulary!(
    Durations,
    "```
use carekit::metrics::Durations;
let mut d = Durations::new();
d.push(1.5)?;
d.push(chrono::TimeDelta::seconds(3))?;
assert!(d.push(f64::NAN).is_err());
assert!(d.push(chrono::TimeDelta::seconds(-1)).is_err());
assert_eq!(d.n(), 2);
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::Durations;
use chrono::TimeDelta;
let mut d = Durations::new();
d.extend([TimeDelta::minutes(1), TimeDelta::seconds(30)])?;
d.extend([12.0, 18.0])?;
assert_eq!(d.mean(), Some(30.0)); // (60 + 30 + 12 + 18) / 4
# Ok::<(), carekit::Error>(())
```"
);

/// The bits of `-0.0`.
const NEGATIVE_ZERO: u64 = 1 << 63;

/// The smallest and largest of `seconds` (`(+∞, −∞)` when empty), or the
/// error naming the first invalid value. Validation runs at memory speed;
/// only a column holding a bad value is scanned again to find it.
fn valid_range(seconds: &[f64]) -> Result<(f64, f64), MetricsError> {
    if let Some(range) = kernels::float_range(seconds, Durations::MAX_SECONDS) {
        return Ok(range);
    }
    for (index, &v) in seconds.iter().enumerate() {
        check(index, v)?;
    }
    // Unreachable: some value failed the range check above.
    Ok((f64::INFINITY, f64::NEG_INFINITY))
}

impl Default for Durations {
    /// The empty accumulator, as [`Durations::new`].
    fn default() -> Self {
        Self::new()
    }
}

impl Durations {
    /// Durations from their parts, checked like deserialisation (and like
    /// [`extend_f64`](Self::extend_f64)).
    ///
    /// ```
    /// use carekit::metrics::{Durations, DurationsParts};
    /// let d = Durations::from_parts(DurationsParts { seconds: vec![60.0, 120.0] })?;
    /// assert_eq!(d.mean(), Some(90.0));
    /// assert!(Durations::from_parts(DurationsParts { seconds: vec![-1.0] }).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`extend_f64`](Self::extend_f64): a value that
    /// is not finite, negative or above the largest duration.
    pub fn from_parts(parts: DurationsParts) -> Result<Self, Error> {
        let mut values = parts.seconds;
        let (lo, hi) = valid_range(&values)?;
        if lo == 0.0 {
            // Only a zero minimum can hide a -0.0: normalise it, as `push`
            // does (written only where needed, so a column without zeros
            // is read once and never written).
            for v in &mut values {
                if v.to_bits() == NEGATIVE_ZERO {
                    *v = 0.0;
                }
            }
        }
        Ok(Self {
            values,
            min: lo + 0.0,
            max: hi + 0.0,
        })
    }

    /// The parts (see [`DurationsParts`]); this copies the values.
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let d = Durations::from_seconds(&[5.0])?;
    /// assert_eq!(d.to_parts().seconds, [5.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> DurationsParts {
        DurationsParts {
            seconds: self.values.clone(),
        }
    }

    /// The parts, consuming the accumulator (no copy).
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let d = Durations::from_seconds(&[5.0, 1.0])?;
    /// assert_eq!(d.into_parts().seconds, [5.0, 1.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn into_parts(self) -> DurationsParts {
        DurationsParts {
            seconds: self.values,
        }
    }

    /// The largest duration accepted: 1e15 seconds (about 31.7 million
    /// years). It keeps every sum and square far from overflow.
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let mut d = Durations::new();
    /// d.push(Durations::MAX_SECONDS)?; // the limit itself is accepted
    /// assert!(d.push(2e15).is_err());
    /// assert!(d.push(-1.0).is_err()); // durations are never negative
    /// assert_eq!(d.n(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const MAX_SECONDS: f64 = 1e15;

    /// An empty accumulator.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::new();
    /// assert_eq!(d.n(), 0);
    /// assert_eq!(d.mean(), None);
    /// ```
    pub fn new() -> Self {
        Self {
            values: Vec::new(),
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// An accumulator holding `seconds` (a copy: to hand over a `Vec`
    /// without copying it, use [`from_parts`](Self::from_parts)).
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidDuration`] naming the first value (and its
    /// index) that is NaN, infinite, negative or above
    /// [`MAX_SECONDS`](Self::MAX_SECONDS).
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let err = Durations::from_seconds(&[1.0, -1.0, 3.0]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "duration -1 at index 1 is invalid: a duration must be finite, at least 0 and at most 1e15 seconds"
    /// );
    /// assert_eq!(Durations::from_seconds(&[1.0, 3.0])?.n(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from_seconds(seconds: &[f64]) -> Result<Self, Error> {
        let mut d = Self::new();
        d.extend_f64(seconds)?;
        Ok(d)
    }

    /// Adds one duration already converted to seconds.
    fn push_seconds(&mut self, seconds: f64) -> Result<(), Error> {
        let v = check(self.values.len(), seconds)?;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        self.values.push(v);
        Ok(())
    }

    /// Adds a column of durations in seconds, all or nothing: the fast
    /// path.
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidDuration`] naming the first bad value and its
    /// index in `seconds`; nothing is added then.
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let mut d = Durations::from_seconds(&[4.0])?;
    /// assert!(d.extend_f64(&[1.0, f64::INFINITY]).is_err());
    /// assert_eq!(d.n(), 1); // unchanged
    /// d.extend_f64(&[1.0, 2.0])?;
    /// assert_eq!(d.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn extend_f64(&mut self, seconds: &[f64]) -> Result<(), Error> {
        // One pass that both validates and finds min/max; the values are
        // only appended once all are known to be valid.
        let (lo, hi) = valid_range(seconds)?;
        self.values.reserve(seconds.len());
        self.values.extend(seconds.iter().map(|&v| v + 0.0));
        // `min`/`max` of -0.0 and 0.0 compare equal; normalise the sign.
        self.min = self.min.min(lo) + 0.0;
        self.max = self.max.max(hi) + 0.0;
        Ok(())
    }

    /// Adds every duration of `other` (concatenation; all statistics of the
    /// result equal those of the combined data exactly).
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// let mut a = Durations::from_seconds(&[0.1, 0.2])?;
    /// let b = Durations::from_seconds(&[0.3])?;
    /// a.merge(&b)?;
    /// assert_eq!(a.sum(), 0.6); // exact sum, correctly rounded
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None today (durations have no convention to differ in); the
    /// `Result` is the accumulator contract's.
    pub fn merge(&mut self, other: &Durations) -> Result<(), Error> {
        self.values.extend_from_slice(&other.values);
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        Ok(())
    }

    /// The number of durations.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[1.0, 9.0, 4.0])?;
    /// assert_eq!((d.n(), d.min(), d.max()), (3, Some(1.0), Some(9.0)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.values.len() as u64
    }

    /// Whether no duration was added.
    ///
    /// ```
    /// assert!(carekit::metrics::Durations::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The durations in the order they were added.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[3.0, 1.0])?;
    /// assert_eq!(d.values(), &[3.0, 1.0]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The exact sum of the durations, correctly rounded (0 when empty).
    /// Costs one pass over the values.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[0.1; 10])?;
    /// assert_eq!(d.sum(), 1.0); // a naive loop gives 0.9999999999999999
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn sum(&self) -> f64 {
        let mut s = ExactSum::default();
        for &v in &self.values {
            s.add(v);
        }
        s.value()
    }

    /// The arithmetic mean, `sum / count`; `None` when empty.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[1.0, 2.0, 6.0])?;
    /// assert_eq!(d.mean(), Some(3.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        (!self.values.is_empty()).then(|| self.sum() / self.values.len() as f64)
    }

    /// The smallest duration; `None` when empty (O(1): kept as values
    /// arrive).
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[3.0, 0.5])?;
    /// assert_eq!(d.min(), Some(0.5));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn min(&self) -> Option<f64> {
        (!self.values.is_empty()).then_some(self.min)
    }

    /// The largest duration; `None` when empty (O(1)).
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[3.0, 0.5])?;
    /// assert_eq!(d.max(), Some(3.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn max(&self) -> Option<f64> {
        (!self.values.is_empty()).then_some(self.max)
    }

    /// The sample variance `Σ (xᵢ − mean)² / (n − 1)` (Bessel's
    /// correction); `None` for fewer than 2 durations.
    ///
    /// ```
    /// // numpy.var([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) == 32/7
    /// let d = carekit::metrics::Durations::from_seconds(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])?;
    /// assert_eq!(d.sample_variance(), Some(32.0 / 7.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn sample_variance(&self) -> Option<f64> {
        let n = self.values.len();
        if n < 2 {
            return None;
        }
        let mean = self.mean()?;
        let mut s = ExactSum::default();
        for &v in &self.values {
            let (p, e) = exact_square(v - mean);
            s.add(p);
            s.add(e);
        }
        Some(s.value() / (n as f64 - 1.0))
    }

    /// The sample standard deviation, `√sample_variance`.
    ///
    /// ```
    /// let d = carekit::metrics::Durations::from_seconds(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])?;
    /// assert!((d.std_dev().unwrap() - 2.138089935299395).abs() < 1e-15);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn std_dev(&self) -> Option<f64> {
        self.sample_variance().map(f64::sqrt)
    }

    /// A normal-approximation confidence interval for the mean,
    /// `mean ± z·√(s²/n)` ([`stats::mean_interval`](crate::stats::mean_interval),
    /// which explains its limits: z rather than Student's t, so prefer
    /// n ≥ 30; duration data are often skewed). `None` for fewer than 2
    /// durations.
    ///
    /// # Errors
    ///
    /// None in practice (the mean and variance of valid durations are
    /// finite); the signature passes on [`stats::mean_interval`](crate::stats::mean_interval)'s.
    ///
    /// ```
    /// use carekit::metrics::Durations;
    /// use carekit::stats::Confidence;
    /// // mean 5, s² = 32/7, n = 8: 5 ± 1.959964·√(32/56)
    /// let d = Durations::from_seconds(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])?;
    /// let ci = d.mean_interval(Confidence::NINETY_FIVE)?.unwrap();
    /// assert!((ci.low() - 3.518_406_490_932_507).abs() < 1e-12); // scipy norm.ppf(0.975)
    /// assert!((ci.high() - 6.481_593_509_067_493).abs() < 1e-12);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mean_interval(&self, confidence: Confidence) -> Result<Option<Interval>, Error> {
        match (self.mean(), self.sample_variance()) {
            (Some(mean), Some(var)) => mean_interval(mean, var, self.n(), confidence),
            _ => Ok(None),
        }
    }

    /// One percentile; see [`percentiles`](Self::percentiles).
    ///
    /// # Errors
    ///
    /// [`MetricsError::QuantileOutOfRange`] when `q` is not in `0..=1`.
    ///
    /// ```
    /// use carekit::metrics::{Durations, PercentileMethod};
    /// let d = Durations::from_seconds(&[5.0, 1.0, 3.0])?;
    /// assert_eq!(d.percentile(0.5, PercentileMethod::Linear)?, Some(3.0));
    /// assert_eq!(Durations::new().percentile(0.5, PercentileMethod::Linear)?, None);
    /// assert!(d.percentile(1.5, PercentileMethod::Linear).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percentile(&self, q: f64, method: PercentileMethod) -> Result<Option<f64>, Error> {
        Ok(self
            .percentiles(&[q], method)?
            .and_then(|v| v.first().copied()))
    }

    /// Exact percentiles at each `q` of `qs` (each in `0..=1`), in the order
    /// asked; `None` when there are no durations (after `qs` is checked).
    ///
    /// The values are not sorted: a scratch copy is partitioned only as
    /// far as the requested ranks need (a 16-bit radix histogram, then a
    /// selection inside the buckets that hold the ranks).
    ///
    /// # Errors
    ///
    /// [`MetricsError::QuantileOutOfRange`] naming the first `q` that is
    /// not in `0..=1` (NaN included).
    ///
    /// ```
    /// use carekit::metrics::{Durations, PercentileMethod};
    /// // numpy.quantile([300, 12, 45.5, 7, 120, 60, 3.25], [0.1, 0.5], method=...)
    /// let d = Durations::from_seconds(&[300.0, 12.0, 45.5, 7.0, 120.0, 60.0, 3.25])?;
    /// assert_eq!(d.percentiles(&[0.1, 0.5], PercentileMethod::Linear)?, Some(vec![5.5, 45.5]));
    /// assert_eq!(d.percentiles(&[0.1, 0.5], PercentileMethod::NearestRank)?, Some(vec![3.25, 45.5]));
    /// let err = d.percentiles(&[0.5, 1.5], PercentileMethod::Linear).unwrap_err();
    /// assert_eq!(err.to_string(), "quantile 1.5 is outside 0..=1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn percentiles(
        &self,
        qs: &[f64],
        method: PercentileMethod,
    ) -> Result<Option<Vec<f64>>, Error> {
        if let Some(&bad) = qs.iter().find(|q| !(0.0..=1.0).contains(*q)) {
            return Err(MetricsError::QuantileOutOfRange { value: bad }.into());
        }
        let n = self.values.len();
        let Some(last) = n.checked_sub(1) else {
            return Ok(None);
        };
        let nf = n as f64;
        // Per q: the order statistics needed and how to combine them.
        let plans: Vec<(usize, usize, f64)> = qs
            .iter()
            .map(|&q| match method {
                PercentileMethod::Linear => {
                    // numpy: virtual index (n-1)·q; below = floor, above =
                    // below + 1 clipped; weight = index − below.
                    let h = (nf - 1.0) * q;
                    let lo = h.floor();
                    if h >= nf - 1.0 {
                        (last, last, 0.0)
                    } else {
                        let below = float_index(lo, last);
                        (below, below.saturating_add(1).min(last), h - lo)
                    }
                }
                PercentileMethod::NearestRank => {
                    // numpy 'inverted_cdf': index ceil(n·q − 1), clipped.
                    let k = float_index((nf * q - 1.0).ceil(), last);
                    (k, k, 0.0)
                }
            })
            .collect();
        let mut ranks: Vec<usize> = plans.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let stats = select::order_statistics(&self.values, &ranks);
        let at = |k: usize| {
            ranks
                .binary_search(&k)
                .ok()
                .and_then(|i| stats.get(i))
                .copied()
                .unwrap_or(f64::NAN)
        };
        Ok(Some(
            plans
                .iter()
                .map(|&(below, above, t)| {
                    let (a, b) = (at(below), at(above));
                    if below == above { a } else { lerp(a, b, t) }
                })
                .collect(),
        ))
    }
}

/// numpy's `_lerp`: `a + (b − a)·t`, or `b − (b − a)·(1 − t)` when
/// `t >= 0.5` (more accurate near `b`).
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// A non-negative whole float as an index, clipped to `0..=last`.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the float is whole and clamped to 0..=last first, so the cast is exact"
)]
fn float_index(x: f64, last: usize) -> usize {
    if x.is_nan() || x <= 0.0 {
        0
    } else if x >= last as f64 {
        last
    } else {
        x as usize
    }
}

/// Order statistics by selection.
mod select {
    /// Below this many values a scratch copy plus `select_nth_unstable` is
    /// cheaper than a histogram.
    const SMALL: usize = 1 << 14;
    const BUCKETS: usize = 1 << 16;

    /// The `ranks[i]`-th smallest (0-based) of `values`, for `ranks` sorted
    /// ascending, deduplicated and each `< values.len()`. Values are finite
    /// and non-negative with `+0.0` for zero, so their bit patterns order
    /// like the values.
    pub(super) fn order_statistics(values: &[f64], ranks: &[usize]) -> Vec<f64> {
        if values.len() <= SMALL || u32::try_from(values.len()).is_err() {
            let mut scratch: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            return sequential(&mut scratch, ranks);
        }
        // Pass 1: histogram of the top 16 bits (sign, exponent, 4 mantissa
        // bits) — monotone in the value.
        let mut hist = vec![0_u32; BUCKETS].into_boxed_slice();
        for v in values {
            if let Some(c) = hist.get_mut(top(*v)) {
                *c = c.wrapping_add(1);
            }
        }
        // The bucket of each rank, and its rank inside the bucket.
        let mut targets: Vec<(usize, usize)> = Vec::with_capacity(ranks.len());
        let mut before = 0_usize;
        let mut r = ranks.iter().peekable();
        for (bucket, &c) in hist.iter().enumerate() {
            let end = before.saturating_add(c as usize);
            while let Some(&&rank) = r.peek() {
                if rank < end {
                    targets.push((bucket, rank.saturating_sub(before)));
                    r.next();
                } else {
                    break;
                }
            }
            before = end;
        }
        // Pass 2: gather the (few) buckets holding a rank.
        let mut wanted: Vec<usize> = targets.iter().map(|t| t.0).collect();
        wanted.dedup();
        let mut slot = vec![u8::MAX; BUCKETS].into_boxed_slice();
        let mut gathered: Vec<Vec<u64>> = Vec::with_capacity(wanted.len());
        for (i, &b) in wanted.iter().enumerate() {
            if let (Some(s), Ok(i)) = (slot.get_mut(b), u8::try_from(i)) {
                *s = i;
                gathered.push(Vec::with_capacity(hist.get(b).map_or(0, |&c| c as usize)));
            }
        }
        if gathered.len() != wanted.len() {
            // More than 255 distinct buckets asked for: plain selection.
            let mut scratch: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            return sequential(&mut scratch, ranks);
        }
        for v in values {
            let s = slot.get(top(*v)).copied().unwrap_or(u8::MAX);
            if s != u8::MAX {
                if let Some(g) = gathered.get_mut(usize::from(s)) {
                    g.push(v.to_bits());
                }
            }
        }
        // Select inside each bucket.
        let mut out = Vec::with_capacity(ranks.len());
        let mut i = 0;
        for (k, g) in wanted.iter().zip(gathered.iter_mut()) {
            let local: Vec<usize> = targets
                .iter()
                .skip(i)
                .take_while(|t| t.0 == *k)
                .map(|t| t.1)
                .collect();
            i = i.saturating_add(local.len());
            out.extend(sequential(g, &local));
        }
        out
    }

    fn top(v: f64) -> usize {
        usize::from((v.to_bits() >> 48) as u16)
    }

    /// Selects each rank (ascending) in turn, each on the part of the slice
    /// to the right of the previous one.
    fn sequential(scratch: &mut [u64], ranks: &[usize]) -> Vec<f64> {
        let mut out = Vec::with_capacity(ranks.len());
        let mut base = 0_usize;
        for &rank in ranks {
            let Some(part) = scratch.get_mut(base..) else {
                break;
            };
            let local = rank.saturating_sub(base);
            if local >= part.len() {
                break;
            }
            let (_, x, _) = part.select_nth_unstable(local);
            out.push(f64::from_bits(*x));
            base = rank.saturating_add(1);
        }
        out
    }
}

mod exact_sum {
    //! Exact, order-independent floating-point sums.
    //!
    //! Every finite `f64` is `m · 2^(e − 1075)` with an integer mantissa
    //! `m < 2^53` and a biased exponent `e` in `1..=2046` (subnormals use
    //! `e = 1`). The sum keeps, per exponent and sign, the integer sum of the
    //! mantissas in a `u128` (room for 2^75 terms), so adding is exact and
    //! one integer addition per value. [`ExactSum::value`] assembles the
    //! exact total as a big integer in units of 2^-1074 and rounds it once,
    //! to nearest with ties to even — the same result as Python's
    //! `math.fsum`. The result is the correctly rounded exact sum, so it does
    //! not depend on the order of the additions: merging the partials of any
    //! split gives bit-for-bit the whole's sum.

    const EXPONENTS: usize = 2048;
    /// 36 limbs of 64 bits cover 2^0 .. 2^2304 units of 2^-1074 (the
    /// largest finite value is below 2^2098 units, times at most 2^75
    /// terms).
    const LIMBS: usize = 36;

    /// An exact running sum of finite values.
    #[derive(Debug, Clone)]
    pub(crate) struct ExactSum {
        pos: Box<[u128]>,
        neg: Box<[u128]>,
    }

    impl Default for ExactSum {
        fn default() -> Self {
            Self {
                pos: vec![0; EXPONENTS].into_boxed_slice(),
                neg: vec![0; EXPONENTS].into_boxed_slice(),
            }
        }
    }

    impl ExactSum {
        /// Adds one finite term.
        pub(crate) fn add(&mut self, value: f64) {
            let bits = value.to_bits();
            let biased = usize::from(((bits >> 52) & 0x7FF) as u16);
            let frac = bits & ((1_u64 << 52) - 1);
            let (slot, mantissa) = if biased == 0 {
                (1, frac)
            } else {
                (biased, frac | (1_u64 << 52))
            };
            let side = if bits >> 63 == 0 {
                &mut self.pos
            } else {
                &mut self.neg
            };
            if let Some(acc) = side.get_mut(slot) {
                *acc = acc.wrapping_add(u128::from(mantissa));
            }
        }

        /// The exact sum, correctly rounded to the nearest `f64` (ties to
        /// even).
        pub(crate) fn value(&self) -> f64 {
            let p = assemble(&self.pos);
            let n = assemble(&self.neg);
            match compare(&p, &n) {
                std::cmp::Ordering::Equal => 0.0,
                std::cmp::Ordering::Greater => round(&subtract(&p, &n)),
                std::cmp::Ordering::Less => -round(&subtract(&n, &p)),
            }
        }
    }

    /// `Σ acc[e] · 2^(e − 1)` as a little-endian big integer (units of
    /// 2^-1074).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "splitting a u128 into 64-bit limbs keeps the low bits on purpose"
    )]
    fn assemble(acc: &[u128]) -> [u64; LIMBS] {
        let mut big = [0_u64; LIMBS];
        for (e, &v) in acc.iter().enumerate() {
            if v == 0 {
                continue;
            }
            let shift = e.saturating_sub(1);
            let (limb, off) = (shift / 64, shift % 64);
            // v << off spans up to three limbs.
            let lo = (v << off) as u64;
            let mid = ((v << off) >> 64) as u64;
            let hi = if off == 0 {
                0
            } else {
                (v >> 128_usize.wrapping_sub(off)) as u64
            };
            let mut carry = false;
            for (i, part) in [lo, mid, hi].into_iter().enumerate() {
                if let Some(l) = big.get_mut(limb.saturating_add(i)) {
                    let (s1, c1) = l.overflowing_add(part);
                    let (s2, c2) = s1.overflowing_add(u64::from(carry));
                    *l = s2;
                    carry = c1 || c2;
                }
            }
            let mut i = limb.saturating_add(3);
            while carry {
                let Some(l) = big.get_mut(i) else { break };
                let (s, c) = l.overflowing_add(1);
                *l = s;
                carry = c;
                i = i.saturating_add(1);
            }
        }
        big
    }

    fn compare(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> std::cmp::Ordering {
        a.iter().rev().cmp(b.iter().rev())
    }

    /// `a − b` for `a >= b`.
    fn subtract(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> [u64; LIMBS] {
        let mut out = [0_u64; LIMBS];
        let mut borrow = false;
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            let (d1, b1) = x.overflowing_sub(y);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
        out
    }

    /// Bit `i` of a big integer.
    fn bit(a: &[u64; LIMBS], i: usize) -> bool {
        a.get(i / 64).is_some_and(|l| (l >> (i % 64)) & 1 == 1)
    }

    /// Whether any bit below `i` is set.
    fn any_below(a: &[u64; LIMBS], i: usize) -> bool {
        let (limb, off) = (i / 64, i % 64);
        a.iter().take(limb).any(|&l| l != 0)
            || a.get(limb)
                .is_some_and(|&l| off > 0 && l & (1_u64 << off).wrapping_sub(1) != 0)
    }

    /// A positive big integer (units of 2^-1074) rounded to the nearest
    /// `f64`, ties to even.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "`top` has at most 54 bits (exact in f64) and the exponent is bounded by the limb count"
    )]
    fn round(a: &[u64; LIMBS]) -> f64 {
        let Some(high) = (0..LIMBS * 64).rev().find(|&i| bit(a, i)) else {
            return 0.0;
        };
        if high < 53 {
            // At most 53 bits: exact, scaled by 2^-1074.
            let m = a.first().copied().unwrap_or(0);
            return m as f64 * pow2(-1074);
        }
        let shift = high.saturating_sub(52);
        let mut top = 0_u64;
        for i in (shift..=high).rev() {
            top = (top << 1) | u64::from(bit(a, i));
        }
        // `shift >= 1` here since `high >= 53`.
        let half = bit(a, shift.saturating_sub(1));
        let sticky = any_below(a, shift.saturating_sub(1));
        if half && (sticky || top & 1 == 1) {
            top = top.saturating_add(1);
        }
        let exponent = i32::try_from(shift)
            .unwrap_or(i32::MAX)
            .saturating_sub(1074);
        if exponent > 971 {
            // top · 2^exponent >= 2^1024.
            return f64::INFINITY;
        }
        top as f64 * pow2(exponent)
    }

    /// 2^k for k in -1074..=1023, built from its bits (exact).
    fn pow2(k: i32) -> f64 {
        if k >= -1022 {
            f64::from_bits(u64::from(k.saturating_add(1023).unsigned_abs()) << 52)
        } else {
            f64::from_bits(1_u64 << k.saturating_add(1074).unsigned_abs().min(63))
        }
    }

    /// Splits `a` into two halves whose sum is `a` and whose product terms are
    /// exact (Dekker / Veltkamp split with 2^27 + 1).
    fn split(a: f64) -> (f64, f64) {
        let c = 134_217_729.0 * a;
        let hi = c - (c - a);
        (hi, a - hi)
    }

    /// `a * a` as an exact pair `(product, error)` with `product + error == a²`
    /// exactly (Dekker's two-product; no FMA needed, so every platform gives
    /// the same bits). Valid while `|a|` is far below `1e150`.
    pub(crate) fn exact_square(a: f64) -> (f64, f64) {
        let p = a * a;
        let (h, l) = split(a);
        let err = ((h * h - p) + 2.0 * h * l) + l * l;
        (p, err)
    }

    #[cfg(test)]
    #[allow(clippy::float_cmp, reason = "tests: exact float results are the point")]
    mod tests {
        use super::*;

        fn fsum(values: &[f64]) -> f64 {
            let mut s = ExactSum::default();
            for &v in values {
                s.add(v);
            }
            s.value()
        }

        #[test]
        fn matches_python_fsum_examples() {
            // Python: math.fsum([0.1] * 10) == 1.0 (the docs' example), while
            // the naive sum is 0.9999999999999999.
            assert_eq!(fsum(&[0.1; 10]), 1.0);
            // math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]) == 1e-100
            // (from CPython's test_math fsum cases).
            assert_eq!(
                fsum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]),
                1e-100
            );
            // 2**53 + 1 + 1 rounds to 2**53 + 2 exactly (CPython test_math:
            // ([2.0**53, 1.0, 1.0], 2.0**53+2.0)).
            assert_eq!(
                fsum(&[9_007_199_254_740_992.0, 1.0, 1.0]),
                9_007_199_254_740_994.0
            );
            // ([2.0**53, -0.5, -2.0**-54], 2.0**53-1.0) from CPython test_math.
            assert_eq!(
                fsum(&[9_007_199_254_740_992.0, -0.5, -(2f64.powi(-54))]),
                9_007_199_254_740_991.0
            );
            assert_eq!(fsum(&[]), 0.0);
        }

        #[test]
        fn rounds_ties_to_even_and_keeps_the_sign() {
            // Python's math.fsum is the reference for each line:
            // math.fsum([2.0**53, 1.0]) == 2.0**53: a tie, to even.
            assert_eq!(
                fsum(&[9_007_199_254_740_992.0, 1.0]),
                9_007_199_254_740_992.0
            );
            // math.fsum([2.0**53, 1.0, 2.0**-30]) == 2.0**53 + 2: just above
            // the tie (a bit set far below the rounding position), so up.
            assert_eq!(
                fsum(&[9_007_199_254_740_992.0, 1.0, 2f64.powi(-30)]),
                9_007_199_254_740_994.0
            );
            // The same with the low bit in a lower 64-bit limb:
            // math.fsum([2.0**53, 1.0, 2.0**-1000]) == 2.0**53 + 2.
            assert_eq!(
                fsum(&[9_007_199_254_740_992.0, 1.0, 2f64.powi(-1000)]),
                9_007_199_254_740_994.0
            );
            // A negative total: math.fsum([1e100, 1.0, -1e100, -3.5]) == -2.5.
            assert_eq!(fsum(&[1e100, 1.0, -1e100, -3.5]), -2.5);
            // A tie with an odd last bit rounds up, to even:
            // math.fsum([2.0**53 + 2, 1.0]) == 2.0**53 + 4.
            assert_eq!(
                fsum(&[9_007_199_254_740_994.0, 1.0]),
                9_007_199_254_740_996.0
            );
        }

        #[test]
        fn handles_the_ends_of_the_f64_range() {
            // The smallest subnormal alone: math.fsum([5e-324]) == 5e-324.
            assert_eq!(fsum(&[5e-324]), 5e-324);
            // A small total assembled with a subnormal scale factor (2^-1051):
            // math.fsum([2.0**-1000] * 2) == 2.0**-999.
            assert_eq!(fsum(&[2f64.powi(-1000); 2]), 2f64.powi(-999));
            // The largest finite value is reached, not overflowed:
            // math.fsum([sys.float_info.max / 2] * 2) == sys.float_info.max.
            assert_eq!(fsum(&[f64::MAX / 2.0; 2]), f64::MAX);
            // Beyond it: math.fsum raises OverflowError; here infinity.
            assert_eq!(fsum(&[f64::MAX; 2]), f64::INFINITY);
        }

        #[test]
        fn order_does_not_matter() {
            let values = [0.1, 0.7, 1e10, 3.3, 1e-7, 42.0, 0.3];
            let mut reversed = values;
            reversed.reverse();
            assert_eq!(fsum(&values), fsum(&reversed));
        }

        #[test]
        fn exact_square_is_exact() {
            // The residual of a product of two doubles is itself a double,
            // so p + e is a² exactly. References from Python's exact
            // rationals: Fraction(a)**2 - Fraction(a*a), as a float.
            // 0.1² rounds to 0.010000000000000002, residual
            // -8.326672684688674e-19; 123.456² rounds to 15241.383936,
            // residual 5.817710189148784e-13.
            assert_eq!(
                exact_square(0.1),
                (0.010_000_000_000_000_002, -8.326_672_684_688_674e-19)
            );
            assert_eq!(
                exact_square(123.456),
                (15_241.383_936, 5.817_710_189_148_784e-13)
            );
            let (p, e) = exact_square(3.0);
            assert_eq!((p, e), (9.0, 0.0));
            let (p, e) = exact_square(1.0 + f64::EPSILON);
            // (1 + 2^-52)^2 = 1 + 2^-51 + 2^-104: p = 1 + 2^-51, e = 2^-104.
            assert_eq!(p, 1.0 + 2.0 * f64::EPSILON);
            assert_eq!(e, 2f64.powi(-104));
        }
    }
}
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::indexing_slicing,
    reason = "tests: exact float results are the point"
)]
mod tests {
    use super::*;

    #[test]
    fn numpy_linear_examples() {
        // numpy.quantile([300,12,45.5,7,120,60,3.25], [0.9, 0.95]) ==
        // [192.00000000000006, 245.9999999999999] (scores.json pct-unsorted-linear).
        let d = Durations::from_seconds(&[300.0, 12.0, 45.5, 7.0, 120.0, 60.0, 3.25]).unwrap();
        let p = d
            .percentiles(&[0.9, 0.95, 0.0, 1.0], PercentileMethod::Linear)
            .unwrap()
            .unwrap();
        assert_eq!(
            p,
            vec![192.000_000_000_000_06, 245.999_999_999_999_9, 3.25, 300.0]
        );
    }

    #[test]
    fn large_input_uses_histogram_and_agrees_with_sort() {
        // 100_000 values, deterministic; reference: full sort.
        let mut x = 0x1234_5678_u64;
        let values: Vec<f64> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 11) as f64 / (1_u64 << 53) as f64 * 1000.0
            })
            .collect();
        let d = Durations::from_seconds(&values).unwrap();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let qs = [0.0, 0.5, 0.9, 0.99, 0.999, 1.0];
        let got = d
            .percentiles(&qs, PercentileMethod::NearestRank)
            .unwrap()
            .unwrap();
        for (q, g) in qs.iter().zip(got) {
            let k = ((sorted.len() as f64 * q).ceil() as usize).max(1) - 1;
            assert_eq!(g, sorted[k], "q = {q}");
        }
    }

    #[test]
    fn negative_zero_is_zero() {
        let d = Durations::from_seconds(&[-0.0, 1.0]).unwrap();
        assert!(d.min().unwrap().is_sign_positive());
        assert_eq!(d.values()[0].to_bits(), 0);
        // Alone, -0.0 is also the maximum, and `push` takes the same care.
        let only = Durations::from_seconds(&[-0.0]).unwrap();
        assert_eq!(only.max().unwrap().to_bits(), 0);
        let mut pushed = Durations::new();
        pushed.push(-0.0).unwrap();
        assert_eq!(pushed.values()[0].to_bits(), 0);
        assert_eq!(pushed.max().unwrap().to_bits(), 0);
    }
}
