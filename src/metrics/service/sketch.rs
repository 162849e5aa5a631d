//! A mergeable quantile sketch with relative accuracy (`DDSketch`).

use crate::error::Error;
use crate::error::MetricsError;
use crate::metrics::accumulator::{Accumulator, Push, push_vocabulary};
use crate::metrics::kernels;

/// A `DDSketch` quantile sketch: mergeable, bounded memory, every quantile
/// within a relative error α of an exact order statistic.
///
/// It answers exactly as `DataDog`'s reference Python package `ddsketch`
/// (`DDSketch(relative_accuracy=α)`, logarithmic mapping, unbounded dense
/// store) does for non-negative values:
///
/// - γ = 1 + 2α/(1 − α) = (1 + α)/(1 − α); `multiplier = ln 2 / ln_1p(2α/(1 − α))`.
/// - A value `x` goes to bucket `key(x) = ⌈(ln x / ln 2)·multiplier⌉ = ⌈log_γ x⌉`
///   (computed with exactly these floating-point steps, so it lands in the
///   same bucket as the reference); bucket `k` covers `(γ^(k−1), γ^k]`.
/// - Values from 0 up to `f64::MIN_POSITIVE·γ` are counted in a zero
///   bucket (as the reference does); negative values are rejected (service
///   durations are never negative).
/// - `quantile(q)`: `rank = q·(count − 1)` (not rounded); 0 if `rank <
///   zero count`; otherwise the first bucket (ascending) whose cumulative
///   count exceeds `rank − zero count`, reported as
///   `value(k) = 2^(k / multiplier) · 2/(1 + γ)` = `2γᵏ/(1 + γ)`, the point of
///   the bucket with relative error α to both ends. The result is therefore
///   within α (relative) of the `⌊q·(n − 1)⌋`-th smallest value (0-based),
///   and is not clamped to the exact min/max.
/// - `count`, `min` and `max` are exact.
/// - Buckets are a dense `Vec<u64>` with a key offset, grown as needed (at
///   most [`MAX_BUCKETS`](Self::MAX_BUCKETS) from the lowest to the
///   highest key: at α = 0.01 the whole `f64` range needs about 74 000).
/// - [`merge`](Self::merge) adds bucket counts; the merged sketch equals
///   the sketch of the combined data exactly. Sketches of different α
///   refuse to merge.
///
/// # Example
///
/// ```
/// use carekit::metrics::QuantileSketch;
///
/// let mut a = QuantileSketch::new(0.01)?;
/// a.extend_f64(&[2.0, 2.0, 2.0])?;
/// let mut b = QuantileSketch::new(0.01)?;
/// b.extend_f64(&[7.0, 7.0, 50.0])?;
/// a.merge(&b)?;
/// // ddsketch 3.0.1: DDSketch(0.01) over [2, 2, 2, 7, 7, 50]
/// assert_eq!(a.quantile(0.5)?, Some(1.993661701417351));
/// assert_eq!(a.quantile(0.6)?, Some(7.028793021534833));
/// assert_eq!(a.n(), 6);
/// assert_eq!(a.max(), Some(50.0));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature a sketch reads and writes as
///
/// ```json
/// {"relative_accuracy": 0.01, "count": 6, "zero_count": 0, "min": 2.0,
///  "max": 50.0, "offset": 35, "bins": [3, 0, ..., 2, 0, ..., 1]}
/// ```
///
/// (`bins[i]` counts key `offset + i`; trimmed to the first and last
/// non-empty bucket), and deserialisation checks that the parts agree.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "QuantileSketchParts", into = "QuantileSketchParts")
)]
pub struct QuantileSketch {
    alpha: f64,
    gamma: f64,
    multiplier: f64,
    min_possible: f64,
    max_possible: f64,
    /// Counts of keys `offset..offset + bins.len()` (may have empty slack
    /// at both ends).
    bins: Vec<u64>,
    offset: i64,
    /// Lowest and highest key holding a value (meaningless when no bucket
    /// holds one).
    lo_key: i64,
    hi_key: i64,
    zero_count: u64,
    count: u64,
    min: f64,
    max: f64,
}

impl PartialEq for QuantileSketch {
    /// Same accuracy, counts, min, max and bucket contents (slack ignored).
    fn eq(&self, other: &Self) -> bool {
        self.alpha.to_bits() == other.alpha.to_bits()
            && self.count == other.count
            && self.zero_count == other.zero_count
            && self.min().map(f64::to_bits) == other.min().map(f64::to_bits)
            && self.max().map(f64::to_bits) == other.max().map(f64::to_bits)
            && self.used() == other.used()
    }
}

const LN_2: f64 = std::f64::consts::LN_2;

impl QuantileSketch {
    /// The most buckets a sketch may span, lowest to highest key: 2^20
    /// (8 MiB of counts).
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(1e-6)?; // γ ≈ 1 + 2e-6
    /// s.push(1.0)?;
    /// // 1 to 10⁶ needs ln(10⁶) / ln(γ) ≈ 13.8 / 2e-6 ≈ 6.9 million buckets > 2^20
    /// assert!(s.push(1e6).is_err());
    /// assert_eq!(s.n(), 1); // unchanged
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const MAX_BUCKETS: usize = 1 << 20;

    /// The smallest relative accuracy accepted.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// assert!(QuantileSketch::new(QuantileSketch::MIN_RELATIVE_ACCURACY).is_ok());
    /// assert!(QuantileSketch::new(1e-13).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const MIN_RELATIVE_ACCURACY: f64 = 1e-12;

    /// An empty sketch with relative accuracy `alpha` (e.g. 0.01 for 1 %).
    ///
    /// # Errors
    ///
    /// [`MetricsError::RelativeAccuracyOutOfRange`] unless
    /// `1e-12 <= alpha < 1`.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// assert_eq!(QuantileSketch::new(0.02)?.relative_accuracy(), 0.02);
    /// assert!(QuantileSketch::new(0.0).is_err());
    /// assert!(QuantileSketch::new(1.0).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(alpha: f64) -> Result<Self, Error> {
        if !(Self::MIN_RELATIVE_ACCURACY..1.0).contains(&alpha) {
            return Err(MetricsError::RelativeAccuracyOutOfRange { value: alpha }.into());
        }
        // ddsketch KeyMapping.__init__ + LogarithmicMapping.__init__.
        let gamma_mantissa = 2.0 * alpha / (1.0 - alpha);
        let gamma = 1.0 + gamma_mantissa;
        let multiplier = (1.0 / gamma_mantissa.ln_1p()) * LN_2;
        Ok(Self {
            alpha,
            gamma,
            multiplier,
            min_possible: f64::MIN_POSITIVE * gamma,
            max_possible: f64::MAX / gamma,
            bins: Vec::new(),
            offset: 0,
            lo_key: 0,
            hi_key: 0,
            zero_count: 0,
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        })
    }

    /// The relative accuracy α.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let s = QuantileSketch::new(0.01)?;
    /// assert_eq!(s.relative_accuracy(), 0.01); // quantiles within ±1 % of a true value
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn relative_accuracy(&self) -> f64 {
        self.alpha
    }

    /// γ = (1 + α)/(1 − α), the ratio between bucket bounds.
    ///
    /// ```
    /// let s = carekit::metrics::QuantileSketch::new(0.01)?;
    /// assert!((s.gamma() - 101.0 / 99.0).abs() < 1e-15);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// The number of values added (exact).
    ///
    /// ```
    /// let mut s = carekit::metrics::QuantileSketch::new(0.01)?;
    /// s.extend_f64(&[4.0, 0.0, 250.0])?;
    /// assert_eq!((s.n(), s.min(), s.max()), (3, Some(0.0), Some(250.0)));
    /// assert!(!s.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.count
    }

    /// Whether no value was added.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.01)?;
    /// assert!(s.is_empty());
    /// s.push(0.0)?; // zero is a value too
    /// assert!(!s.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The exact smallest value added; `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.01)?;
    /// assert_eq!(s.min(), None);
    /// s.extend_f64(&[30.5, 2.25, 7.0])?;
    /// assert_eq!(s.min(), Some(2.25)); // exact, not a bucket estimate
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn min(&self) -> Option<f64> {
        (self.count > 0).then_some(self.min)
    }

    /// The exact largest value added; `None` when empty.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.01)?;
    /// assert_eq!(s.max(), None);
    /// s.extend_f64(&[30.5, 2.25, 7.0])?;
    /// assert_eq!(s.max(), Some(30.5)); // exact, not a bucket estimate
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn max(&self) -> Option<f64> {
        (self.count > 0).then_some(self.max)
    }

    /// The bucket key of a value (`⌈log_γ x⌉` computed as the reference
    /// does).
    ///
    /// ```
    /// let s = carekit::metrics::QuantileSketch::new(0.01)?;
    /// assert_eq!(s.key(1.0), 0);
    /// assert_eq!(s.key(1.02), 1); // 1 < 1.02 <= γ = 1.0202…
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn key(&self, value: f64) -> i64 {
        key_of(self.multiplier, value)
    }

    /// The value reported for a bucket key: `2γᵏ/(1 + γ)`.
    ///
    /// ```
    /// let s = carekit::metrics::QuantileSketch::new(0.01)?;
    /// assert!((s.bucket_value(0) - 0.99).abs() < 1e-15); // 2/(1+γ) = 1 − α
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn bucket_value(&self, key: i64) -> f64 {
        2f64.powf(key as f64 / self.multiplier) * (2.0 / (1.0 + self.gamma))
    }

    /// Adds a column of values, all or nothing: the fast path.
    ///
    /// The slice is validated and its key range reserved first, so the
    /// insertion loop cannot fail: one logarithm and one increment per
    /// value.
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidSketchValue`] for NaN, negative, infinite or
    /// values above `f64::MAX / γ`, naming the first and its index;
    /// [`MetricsError::SketchTooWide`] when the buckets would span more
    /// than [`MAX_BUCKETS`](Self::MAX_BUCKETS). The sketch is unchanged on
    /// error.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.05)?;
    /// s.extend_f64(&[1.0, 10.0, 100.0])?;
    /// let err = s.extend_f64(&[3.0, f64::NAN]).unwrap_err();
    /// assert!(err.to_string().starts_with("sketch value NaN at index 1 is invalid"));
    /// assert_eq!(s.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn extend_f64(&mut self, values: &[f64]) -> Result<(), Error> {
        let (min_possible, max_possible) = (self.min_possible, self.max_possible);
        // One pass: validity, min, max, and the smallest value above the
        // zero bucket.
        let Some((lo, hi, pos_lo)) =
            kernels::float_range_above::<true>(values, max_possible, min_possible)
        else {
            let (index, &value) = values
                .iter()
                .enumerate()
                .find(|(_, v)| !(0.0..=max_possible).contains(*v))
                .unwrap_or((0, &f64::NAN));
            return Err(MetricsError::InvalidSketchValue {
                index,
                value,
                max: max_possible,
            }
            .into());
        };
        let pos_hi = hi;
        if pos_lo <= pos_hi {
            let (klo, khi) = (self.key(pos_lo), self.key(pos_hi));
            self.reserve_keys(klo, khi)?;
        }
        let offset = self.offset;
        let mut zeros = 0_u64;
        if values.len() >= KeyCache::MIN_BATCH && self.multiplier <= KeyCache::MAX_MULTIPLIER {
            let mut cache = KeyCache::new(self);
            let bins = &mut self.bins;
            for &v in values {
                if v > min_possible {
                    if let Some(c) = bins.get_mut(cache.bin(v)) {
                        *c = c.wrapping_add(1);
                    }
                } else {
                    zeros = zeros.wrapping_add(1);
                }
            }
        } else {
            for &v in values {
                if v > min_possible {
                    let idx = self.key(v).wrapping_sub(offset);
                    if let Some(c) = usize::try_from(idx).ok().and_then(|i| self.bins.get_mut(i)) {
                        *c = c.wrapping_add(1);
                    }
                } else {
                    zeros = zeros.wrapping_add(1);
                }
            }
        }
        self.zero_count = self.zero_count.saturating_add(zeros);
        self.count = self.count.saturating_add(values.len() as u64);
        self.min = self.min.min(lo);
        self.max = self.max.max(hi);
        Ok(())
    }

    /// Makes keys `low..=high` addressable and records them as used.
    fn reserve_keys(&mut self, low: i64, high: i64) -> Result<(), MetricsError> {
        let has_keys = self.bins_used();
        let (want_lo, want_hi) = if has_keys {
            (low.min(self.lo_key), high.max(self.hi_key))
        } else {
            (low, high)
        };
        let span = want_hi
            .checked_sub(want_lo)
            .and_then(|d| usize::try_from(d).ok())
            .and_then(|d| d.checked_add(1))
            .filter(|&s| s <= Self::MAX_BUCKETS)
            .ok_or(MetricsError::SketchTooWide {
                low: want_lo,
                high: want_hi,
                limit: Self::MAX_BUCKETS,
            })?;
        let len = i64::try_from(self.bins.len()).unwrap_or(i64::MAX);
        let end = self.offset.saturating_add(len);
        if self.bins.is_empty() || want_lo < self.offset || want_hi >= end {
            // Re-allocate with slack on both sides (a quarter of the span,
            // at least 32 keys) so that drifting data does not re-allocate
            // on every call.
            let slack = i64::try_from((span / 4).max(32)).unwrap_or(32);
            let new_lo = want_lo.saturating_sub(slack);
            let new_hi = want_hi.saturating_add(slack);
            let new_len = new_hi
                .checked_sub(new_lo)
                .and_then(|d| usize::try_from(d).ok())
                .map_or(span, |d| d.saturating_add(1));
            let mut bins = vec![0_u64; new_len];
            if has_keys {
                let shift = self.offset.saturating_sub(new_lo);
                if let Some(dst) = usize::try_from(shift)
                    .ok()
                    .and_then(|s| bins.get_mut(s..s.saturating_add(self.bins.len())))
                {
                    dst.copy_from_slice(&self.bins);
                }
            }
            self.bins = bins;
            self.offset = new_lo;
        }
        self.lo_key = want_lo;
        self.hi_key = want_hi;
        Ok(())
    }

    /// Whether any bucket (other than zero) holds a value.
    fn bins_used(&self) -> bool {
        self.count > self.zero_count
    }

    /// The used part of the buckets: `(first key, counts)`.
    fn used(&self) -> (i64, &[u64]) {
        if !self.bins_used() {
            return (0, &[]);
        }
        let from = usize::try_from(self.lo_key.wrapping_sub(self.offset)).unwrap_or(0);
        let to = usize::try_from(self.hi_key.wrapping_sub(self.offset))
            .unwrap_or(0)
            .saturating_add(1);
        (self.lo_key, self.bins.get(from..to).unwrap_or(&[]))
    }

    /// Adds another sketch's counts.
    ///
    /// # Errors
    ///
    /// [`MetricsError::RelativeAccuracyMismatch`] naming both accuracies
    /// when they differ; [`MetricsError::SketchTooWide`] when the combined
    /// key range is too wide. `self` is unchanged on error.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut a = QuantileSketch::new(0.01)?;
    /// let b = QuantileSketch::new(0.02)?;
    /// assert_eq!(
    ///     a.merge(&b).unwrap_err().to_string(),
    ///     "cannot merge quantile sketches with relative accuracy 0.01 and 0.02"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn merge(&mut self, other: &QuantileSketch) -> Result<(), Error> {
        if self.alpha.to_bits() != other.alpha.to_bits() {
            return Err(MetricsError::RelativeAccuracyMismatch {
                left: self.alpha,
                right: other.alpha,
            }
            .into());
        }
        let (first, counts) = other.used();
        if let Some(last) = i64::try_from(counts.len())
            .ok()
            .filter(|&l| l > 0)
            .and_then(|l| l.checked_sub(1))
            .and_then(|l| first.checked_add(l))
        {
            self.reserve_keys(first, last)?;
            let start = usize::try_from(first.wrapping_sub(self.offset)).unwrap_or(0);
            if let Some(dst) = self.bins.get_mut(start..start.saturating_add(counts.len())) {
                for (d, c) in dst.iter_mut().zip(counts) {
                    *d = d.saturating_add(*c);
                }
            }
        }
        self.zero_count = self.zero_count.saturating_add(other.zero_count);
        self.count = self.count.saturating_add(other.count);
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        Ok(())
    }

    /// The value at quantile `q` (see the type docs); `None` when empty.
    ///
    /// # Errors
    ///
    /// [`MetricsError::QuantileOutOfRange`] when `q` is not in `0..=1`.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.01)?;
    /// assert_eq!(s.quantile(0.5)?, None);
    /// s.push(123.456)?;
    /// // ddsketch 3.0.1 returns 122.74516052680153 for every q.
    /// assert_eq!(s.quantile(0.0)?, Some(122.74516052680153));
    /// assert_eq!(s.quantile(1.0)?, Some(122.74516052680153));
    /// assert!(s.quantile(-0.1).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn quantile(&self, q: f64) -> Result<Option<f64>, Error> {
        if !(0.0..=1.0).contains(&q) {
            return Err(MetricsError::QuantileOutOfRange { value: q }.into());
        }
        if self.count == 0 {
            return Ok(None);
        }
        let rank = q * (self.count as f64 - 1.0);
        if rank < self.zero_count as f64 {
            return Ok(Some(0.0));
        }
        let rank = rank - self.zero_count as f64;
        let (first, counts) = self.used();
        let mut running = 0_u64;
        let mut key = self.hi_key;
        for (i, &c) in counts.iter().enumerate() {
            running = running.saturating_add(c);
            if running as f64 > rank {
                key = first.saturating_add(i64::try_from(i).unwrap_or(i64::MAX));
                break;
            }
        }
        Ok(Some(self.bucket_value(key)))
    }

    /// [`quantile`](Self::quantile) at each `q`, in order; `None` when
    /// empty.
    ///
    /// # Errors
    ///
    /// [`MetricsError::QuantileOutOfRange`] naming the first `q` outside
    /// `0..=1`.
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.02)?;
    /// s.extend_f64(&[0.5, 1.0, 2.5, 3.7, 12.0, 15.5, 60.0, 61.0, 300.0, 1800.0])?;
    /// // ddsketch 3.0.1, DDSketch(0.02)
    /// assert_eq!(s.quantiles(&[0.5, 1.0])?, Some(vec![12.184118889038542, 1809.4897891182518]));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn quantiles(&self, qs: &[f64]) -> Result<Option<Vec<f64>>, Error> {
        if let Some(&bad) = qs.iter().find(|q| !(0.0..=1.0).contains(*q)) {
            return Err(MetricsError::QuantileOutOfRange { value: bad }.into());
        }
        if self.count == 0 {
            return Ok(None);
        }
        qs.iter()
            .map(|&q| self.quantile(q).map(|v| v.unwrap_or(0.0)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// `⌈(ln x / ln 2)·multiplier⌉`, as the reference computes it.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "|log_γ x| <= 1075·multiplier < 2^62 for every accepted α and finite x; `as` saturates anyway"
)]
#[inline]
fn key_of(multiplier: f64, value: f64) -> i64 {
    let y = value.ln() / LN_2 * multiplier;
    // `ceil` without a libm call on baseline x86-64 (no SSE4.1
    // `roundsd`): truncate, then step up when truncation went down.
    // Exact for |y| < 2^63, which holds for every accepted α.
    let t = y as i64;
    if (t as f64) < y {
        t.saturating_add(1)
    } else {
        t
    }
}

/// A per-batch shortcut for [`QuantileSketch::key`] that gives the same
/// keys with fewer logarithms.
///
/// Each binary exponent is cut into 4096 cells by the top 12 mantissa bits
/// (a cell spans a factor of at most 2^(1/4096) ≈ 1.00017, far narrower
/// than a bucket). The key expression is evaluated at every cell edge; a
/// cell whose two edges lie in the same bucket, each more than a safety
/// margin (1e-9 relative, a million times the expression's rounding error)
/// from the bucket's bounds, maps every value inside it to that bucket,
/// because the logarithm is monotone. Values in the few cells that straddle
/// a bound (about `multiplier` of 4096 per exponent) take the exact path.
/// A table is built for an exponent only once it has been seen 2048 times
/// in the batch, so small or scattered batches never pay for it.
///
/// The tables hold bucket indices (key − offset of the sketch being filled)
/// rather than keys, so that a hit is one look-up and one increment.
struct KeyCache {
    multiplier: f64,
    /// The key of bucket index 0 and the number of buckets.
    offset: i64,
    len: usize,
    hits: Vec<u32>,
    tables: Vec<Option<Box<[u32; 4096]>>>,
}

impl Accumulator for QuantileSketch {
    fn empty_like(&self) -> Self {
        Self {
            bins: Vec::new(),
            offset: 0,
            lo_key: 0,
            hi_key: 0,
            zero_count: 0,
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            ..*self
        }
    }
    fn is_empty(&self) -> bool {
        self.count == 0
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        QuantileSketch::merge(self, other)
    }
}

/// One value: finite, at least 0 and at most `f64::MAX / γ`.
impl Push<f64> for QuantileSketch {
    fn push(&mut self, value: f64) -> Result<(), Error> {
        self.extend_f64(std::slice::from_ref(&value))
    }
}

push_vocabulary!(
    QuantileSketch,
    "```
use carekit::metrics::QuantileSketch;
let mut s = QuantileSketch::new(0.01)?;
s.push(12.5)?;
s.push(0.0)?; // counted in the zero bucket
assert!(s.push(-1.0).is_err());
assert_eq!(s.n(), 2);
# Ok::<(), carekit::Error>(())
```",
    "```
use carekit::metrics::QuantileSketch;
let mut s = QuantileSketch::new(0.01)?;
s.extend([1.0, 2.0, 4.0])?;
assert_eq!(s.n(), 3);
# Ok::<(), carekit::Error>(())
```"
);

impl KeyCache {
    /// Batches smaller than this use the exact path only.
    const MIN_BATCH: usize = 1 << 16;
    /// Above this many buckets per octave (α below about 0.0017) too many
    /// cells straddle bounds for the tables to pay.
    const MAX_MULTIPLIER: f64 = 400.0;
    /// Marks a cell that straddles a bucket bound (or whose bucket is
    /// outside the sketch's buckets, so that no value of the batch is in it).
    const MIXED: u32 = u32::MAX;

    /// A cache for filling `sketch`'s buckets as they are now.
    fn new(sketch: &QuantileSketch) -> Self {
        Self {
            multiplier: sketch.multiplier,
            offset: sketch.offset,
            len: sketch.bins.len(),
            hits: vec![0; 2048],
            tables: (0..2048).map(|_| None).collect(),
        }
    }

    /// The bucket index of `value` (above the zero bucket), computed
    /// exactly as [`QuantileSketch::key`] − offset; `usize::MAX` for a key
    /// outside the buckets.
    #[inline]
    fn bin(&mut self, value: f64) -> usize {
        let bits = value.to_bits();
        let exponent = usize::from(((bits >> 52) & 0x7FF) as u16);
        let cell = usize::from(((bits >> 40) & 0xFFF) as u16);
        if let Some(Some(table)) = self.tables.get(exponent) {
            let b = table.get(cell).copied().unwrap_or(Self::MIXED);
            if b != Self::MIXED {
                return b as usize;
            }
            return self.exact(value);
        }
        if let Some(h) = self.hits.get_mut(exponent) {
            *h = h.saturating_add(1);
            if *h >= 2048 {
                let table = self.build(bits & !((1_u64 << 52) - 1));
                if let Some(slot) = self.tables.get_mut(exponent) {
                    *slot = Some(table);
                }
            }
        }
        self.exact(value)
    }

    /// The bucket index by the logarithm.
    fn exact(&self, value: f64) -> usize {
        usize::try_from(key_of(self.multiplier, value).wrapping_sub(self.offset))
            .unwrap_or(usize::MAX)
    }

    /// The table of the exponent whose smallest value has bits `base`.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "expression values are below 2^31 whenever multiplier <= 400 (|log2 x| <= 1075), so the key fits an i32; bucket indices are below MAX_BUCKETS = 2^20"
    )]
    fn build(&self, base: u64) -> Box<[u32; 4096]> {
        let mut table = Box::new([Self::MIXED; 4096]);
        let expr = |bits: u64| f64::from_bits(bits).ln() / LN_2 * self.multiplier;
        let mut lo = expr(base);
        for (i, slot) in (1_u64..=4096).zip(table.iter_mut()) {
            // The next cell's first value (for the last cell: the next
            // exponent's first value, or infinity at the top).
            let hi = expr(base.wrapping_add(i << 40));
            let k = lo.ceil();
            let margin = 1e-9 * lo.abs().max(hi.abs()).max(1.0);
            if lo - (k - 1.0) > margin && k - hi > margin && hi.is_finite() {
                let index = i64::from(k as i32).wrapping_sub(self.offset);
                if let Some(index) = usize::try_from(index).ok().filter(|&x| x < self.len) {
                    *slot = index as u32;
                }
            }
            lo = hi;
        }
        table
    }
}

/// The data of a [`QuantileSketch`], field for field as its serialised
/// form: `bins[i]` counts the values of key `offset + i`, trimmed to the
/// first and last non-empty bucket (`offset: 0, bins: []` when no value is
/// above the zero bucket).
///
/// [`QuantileSketch::from_parts`] checks that the parts agree, exactly
/// like deserialisation does.
///
/// ```
/// use carekit::metrics::{QuantileSketch, QuantileSketchParts};
/// let mut s = QuantileSketch::new(0.01)?;
/// s.extend_f64(&[1.0, 1.0, 0.0])?;
/// let parts = s.to_parts();
/// // 1.0 is in bucket ⌈log_γ 1⌉ = 0.
/// assert_eq!((parts.count, parts.zero_count, parts.offset, parts.bins.clone()), (3, 1, 0, vec![2]));
/// assert_eq!(QuantileSketch::from_parts(parts)?, s);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct QuantileSketchParts {
    /// The relative accuracy α.
    pub relative_accuracy: f64,
    /// Number of values.
    pub count: u64,
    /// Number of values in the zero bucket.
    pub zero_count: u64,
    /// The smallest value (`None` when empty).
    pub min: Option<f64>,
    /// The largest value (`None` when empty).
    pub max: Option<f64>,
    /// The key of `bins[0]`.
    pub offset: i64,
    /// Bucket counts from key `offset` up.
    pub bins: Vec<u64>,
}

impl From<QuantileSketch> for QuantileSketchParts {
    fn from(s: QuantileSketch) -> Self {
        s.to_parts()
    }
}

impl TryFrom<QuantileSketchParts> for QuantileSketch {
    type Error = Error;
    fn try_from(parts: QuantileSketchParts) -> Result<Self, Error> {
        QuantileSketch::from_parts(parts)
    }
}

impl QuantileSketch {
    /// The sketch's parts (see [`QuantileSketchParts`]).
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// let mut s = QuantileSketch::new(0.02)?;
    /// s.push(10.0)?;
    /// let p = s.to_parts();
    /// assert_eq!((p.relative_accuracy, p.count, p.min, p.max), (0.02, 1, Some(10.0), Some(10.0)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn to_parts(&self) -> QuantileSketchParts {
        let (offset, bins) = self.used();
        QuantileSketchParts {
            relative_accuracy: self.alpha,
            count: self.count,
            zero_count: self.zero_count,
            min: self.min(),
            max: self.max(),
            offset,
            bins: bins.to_vec(),
        }
    }

    /// The sketch's parts, consuming it (see [`QuantileSketchParts`]).
    ///
    /// ```
    /// use carekit::metrics::QuantileSketch;
    /// assert_eq!(QuantileSketch::new(0.01)?.into_parts().bins, Vec::<u64>::new());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn into_parts(self) -> QuantileSketchParts {
        self.to_parts()
    }

    /// A sketch from its parts, checked exactly like deserialisation.
    ///
    /// ```
    /// use carekit::metrics::{QuantileSketch, QuantileSketchParts};
    /// let parts = QuantileSketchParts {
    ///     relative_accuracy: 0.01, count: 2, zero_count: 0,
    ///     min: Some(1.0), max: Some(1.0), offset: 0, bins: vec![2],
    /// };
    /// let s = QuantileSketch::from_parts(parts.clone())?;
    /// assert_eq!(s.n(), 2);
    /// // The count must equal the zero count plus the bucket counts:
    /// assert!(QuantileSketch::from_parts(QuantileSketchParts { count: 3, ..parts }).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InconsistentSketch`] naming the rule the parts break
    /// (counts that do not add up, empty end buckets, min or max outside
    /// the first or last bucket); [`MetricsError::SketchTooWide`] for more
    /// than [`MAX_BUCKETS`](Self::MAX_BUCKETS) buckets; the errors of
    /// [`new`](Self::new) for an invalid accuracy.
    #[allow(
        clippy::needless_pass_by_value,
        reason = "parts are handed over, like `TryFrom`; the bins are copied into the sketch's own layout"
    )]
    pub fn from_parts(raw: QuantileSketchParts) -> Result<Self, Error> {
        let bad = |rule| -> Error { MetricsError::InconsistentSketch { rule }.into() };
        let mut s = QuantileSketch::new(raw.relative_accuracy)?;
        let total = raw
            .bins
            .iter()
            .try_fold(raw.zero_count, |a, &c| a.checked_add(c))
            .ok_or_else(|| bad("the counts overflow"))?;
        if total != raw.count {
            return Err(bad(
                "count differs from the zero count plus the bucket counts",
            ));
        }
        if raw.bins.first() == Some(&0) || raw.bins.last() == Some(&0) {
            return Err(bad("bins must start and end with a non-empty bucket"));
        }
        if raw.bins.len() > Self::MAX_BUCKETS {
            return Err(MetricsError::SketchTooWide {
                low: raw.offset,
                high: raw
                    .offset
                    .saturating_add(i64::try_from(raw.bins.len()).unwrap_or(i64::MAX)),
                limit: Self::MAX_BUCKETS,
            }
            .into());
        }
        let (min, max) = match (raw.count, raw.min, raw.max) {
            (0, None, None) => return Ok(s),
            (0, _, _) => return Err(bad("an empty sketch has no min or max")),
            (_, Some(min), Some(max)) => (min, max),
            _ => return Err(bad("a non-empty sketch needs min and max")),
        };
        if !(0.0..=s.max_possible).contains(&min) || !(min..=s.max_possible).contains(&max) {
            return Err(bad(
                "min and max must satisfy 0 <= min <= max <= f64::MAX / gamma",
            ));
        }
        if raw.bins.is_empty() {
            // Only zeros: what `used` writes for them is `offset: 0, bins: []`.
            if max > s.min_possible {
                return Err(bad("values above the zero bucket need buckets"));
            }
        } else {
            let high = i64::try_from(raw.bins.len())
                .ok()
                .and_then(|l| l.checked_sub(1))
                .and_then(|l| raw.offset.checked_add(l))
                .ok_or_else(|| bad("the buckets run past the largest key"))?;
            let min_key_ok = if raw.zero_count > 0 {
                min <= s.min_possible
            } else {
                s.key(min) == raw.offset
            };
            if !min_key_ok || s.key(max) != high {
                return Err(bad("min and max must fall in the first and last buckets"));
            }
            s.reserve_keys(raw.offset, high)?;
            let start = usize::try_from(raw.offset.wrapping_sub(s.offset)).unwrap_or(0);
            if let Some(dst) = s.bins.get_mut(start..start.saturating_add(raw.bins.len())) {
                dst.copy_from_slice(&raw.bins);
            }
        }
        s.count = raw.count;
        s.zero_count = raw.zero_count;
        s.min = min;
        s.max = max;
        Ok(s)
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
    fn key_cache_agrees_with_the_exact_path() {
        // Values packed around bucket bounds and spread over many
        // exponents; the batch path (cache) must equal value-by-value adds.
        for alpha in [0.01, 0.05, 0.002] {
            let s0 = QuantileSketch::new(alpha).unwrap();
            let mut values = Vec::new();
            let mut x = 0x9E37_79B9_u64;
            for i in 0..200_000_u64 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let v = if i % 3 == 0 {
                    // Near a bound: γ^k nudged by a few ulps.
                    let k = i64::try_from(x % 400).unwrap() - 200;
                    let b = s0.gamma.powf(k as f64);
                    f64::from_bits(b.to_bits().wrapping_add(x % 7).wrapping_sub(3))
                } else {
                    (x >> 11) as f64 / (1_u64 << 53) as f64 * 2000.0 + 1e-3
                };
                values.push(v);
            }
            let mut batch = s0.clone();
            batch.extend_f64(&values).unwrap();
            let mut single = s0.clone();
            for &v in &values {
                single.push(v).unwrap();
            }
            assert_eq!(batch, single, "alpha {alpha}");
        }
    }

    #[test]
    fn zero_bucket_answers_zero() {
        // Python: s = DDSketch(0.01); [s.push(v) for v in (0, 0, 5)];
        // s.get_quantile_value(0.5) == 0 (rank 1 < zero_count 2).
        let mut s = QuantileSketch::new(0.01).unwrap();
        s.extend_f64(&[0.0, 0.0, 5.0]).unwrap();
        assert_eq!(s.quantile(0.5).unwrap(), Some(0.0));
        assert_eq!(s.min(), Some(0.0));
    }

    #[test]
    fn growth_keeps_counts() {
        let mut s = QuantileSketch::new(0.01).unwrap();
        s.push(1000.0).unwrap();
        s.push(0.001).unwrap();
        s.push(1e9).unwrap();
        let (first, counts) = s.used();
        assert_eq!(first, s.key(0.001));
        assert_eq!(counts.iter().sum::<u64>(), 3);
        assert_eq!(counts.first(), Some(&1));
        assert_eq!(counts.last(), Some(&1));
    }

    #[test]
    fn too_wide_is_an_error_and_leaves_the_sketch() {
        let mut s = QuantileSketch::new(1e-9).unwrap();
        s.push(1.0).unwrap();
        let before = s.clone();
        assert!(matches!(
            s.push(1e6),
            Err(Error::Metrics(MetricsError::SketchTooWide { .. }))
        ));
        assert_eq!(s, before);
    }
}
