//! Means and sample sizes.

use super::proportion::invalid;
use super::{Confidence, Interval, StatsError};
use crate::error::Error;

/// The largest variance of a proportion, p(1 − p) at p = ½: use it for
/// [`sample_size`] when nothing is known about the proportion.
///
/// ```
/// use carekit::stats::{sample_size, Confidence, PROPORTION_WORST_CASE_VARIANCE};
/// // ±5 points at 95 %: ⌈1.96² · 0.25 / 0.05²⌉ = ⌈384.15⌉ = 385, the classic figure
/// assert_eq!(sample_size(0.05, PROPORTION_WORST_CASE_VARIANCE, Confidence::NINETY_FIVE)?, 385);
/// # Ok::<(), carekit::Error>(())
/// ```
pub const PROPORTION_WORST_CASE_VARIANCE: f64 = 0.25;

/// The largest variance of an NPS response, p + d − (p − d)² at
/// p = d = ½: use it for [`sample_size`] when nothing is known about the
/// NPS. An NPS needs four times the responses of a proportion for the same
/// margin.
///
/// ```
/// use carekit::stats::{sample_size, Confidence, NPS_WORST_CASE_VARIANCE};
/// // ±5 NPS points at 95 %: ⌈1.96² · 1 / 0.05²⌉ = ⌈1536.58⌉ = 1537
/// assert_eq!(sample_size(0.05, NPS_WORST_CASE_VARIANCE, Confidence::NINETY_FIVE)?, 1537);
/// # Ok::<(), carekit::Error>(())
/// ```
pub const NPS_WORST_CASE_VARIANCE: f64 = 1.0;

/// A normal-approximation confidence interval for a mean:
/// mean ± z·√(s²/n), with `sample_variance` s² (divisor n − 1).
///
/// Used for CES and CSAT means and for durations. It uses z rather than
/// Student's t, so it is slightly too narrow for small n (at 95 % and
/// n = 10, t = 2.262 against z = 1.960); prefer n ≥ 30, and be wary with
/// heavily skewed data such as resolution times. The interval is not
/// clamped to the rating scale. `None` for n < 2, where s² is undefined.
///
/// # Errors
///
/// [`StatsError::InvalidValue`] when `mean` is not finite or
/// `sample_variance` is negative or not finite.
///
/// # Example
///
/// ```
/// use carekit::stats::{mean_interval, Confidence};
///
/// // mean 4.2, s² = 1.0, n = 100: 4.2 ± 1.959964·0.1
/// let ci = mean_interval(4.2, 1.0, 100, Confidence::NINETY_FIVE)?.expect("n ≥ 2");
/// assert!((ci.low() - 4.004_003_601_545_995).abs() < 1e-12);
/// assert!((ci.high() - 4.395_996_398_454_005).abs() < 1e-12);
/// assert_eq!(mean_interval(4.2, 0.0, 1, Confidence::NINETY_FIVE)?, None);
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn mean_interval(
    mean: f64,
    sample_variance: f64,
    n: u64,
    confidence: Confidence,
) -> Result<Option<Interval>, Error> {
    if !mean.is_finite() {
        return Err(invalid("mean", mean, "must be finite"));
    }
    if !(sample_variance.is_finite() && sample_variance >= 0.0) {
        return Err(invalid(
            "sample_variance",
            sample_variance,
            "must be finite and non-negative",
        ));
    }
    if n < 2 {
        return Ok(None);
    }
    let half = confidence.z() * (sample_variance / n as f64).sqrt();
    Interval::new(mean - half, mean + half).map(Some)
}

/// The number of responses needed for a margin of error:
/// n = ⌈z²·Var/E²⌉, at least 1.
///
/// `margin` E is in the units of √Var: proportion units for proportions
/// and NPS, so `0.05` means ±5 percentage points or ±5 NPS points. Use
/// [`PROPORTION_WORST_CASE_VARIANCE`] or [`NPS_WORST_CASE_VARIANCE`] when
/// you have no estimate, or a past period's p(1 − p) or
/// [`nps_variance`](super::nps_variance). The result assumes simple random
/// sampling; for weighted surveys multiply it by the design effect
/// n/`n_eff` (Kish).
///
/// # Errors
///
/// - [`StatsError::InvalidValue`] when `margin` is not finite and `> 0`,
///   or `variance` is not finite and `>= 0`;
/// - [`StatsError::SampleSizeOverflow`] when n does not fit in a `u64`.
///
/// # Example
///
/// ```
/// use carekit::stats::{sample_size, Confidence, PROPORTION_WORST_CASE_VARIANCE};
///
/// // ±3 points at 95 %: ⌈1.959964² · 0.25 / 0.03²⌉ = ⌈1067.07⌉ = 1068
/// assert_eq!(sample_size(0.03, PROPORTION_WORST_CASE_VARIANCE, Confidence::NINETY_FIVE)?, 1068);
/// let err = sample_size(0.0, 0.25, Confidence::NINETY_FIVE).unwrap_err();
/// assert_eq!(err.to_string(), "margin 0 is invalid: must be finite and greater than 0");
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn sample_size(margin: f64, variance: f64, confidence: Confidence) -> Result<u64, Error> {
    if !(margin.is_finite() && margin > 0.0) {
        return Err(invalid(
            "margin",
            margin,
            "must be finite and greater than 0",
        ));
    }
    if !(variance.is_finite() && variance >= 0.0) {
        return Err(invalid(
            "variance",
            variance,
            "must be finite and non-negative",
        ));
    }
    let z = confidence.z();
    let needed = (z * z * variance / (margin * margin)).ceil().max(1.0);
    // 2^64 is exactly representable; anything below it converts exactly
    // (it is an integer-valued f64 below 2^64).
    if needed < 18_446_744_073_709_551_616.0 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "needed is an integer in [1, 2^64), so the cast is exact"
        )]
        Ok(needed as u64)
    } else {
        Err(StatsError::SampleSizeOverflow { value: needed }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_values_are_enough_for_a_mean_interval() {
        // Ratings 1 and 3: mean 2, s² = 2, n = 2, so 2 ± 1.959964·√(2/2).
        let ci = mean_interval(2.0, 2.0, 2, Confidence::NINETY_FIVE)
            .unwrap()
            .unwrap();
        assert!((ci.low() - 0.040_036_015_459_946).abs() < 1e-12, "{ci}");
        assert!((ci.high() - 3.959_963_984_540_054).abs() < 1e-12, "{ci}");
        assert_eq!(
            mean_interval(2.0, 2.0, 1, Confidence::NINETY_FIVE).unwrap(),
            None
        );
    }

    #[test]
    fn a_sample_size_of_exactly_two_to_the_64_does_not_fit() {
        // With E = z the formula is z²·Var/z², exactly Var for a power of
        // two: Var = 2^64 needs n = 2^64, one more than u64::MAX.
        let z = Confidence::NINETY_FIVE.z();
        assert!(matches!(
            sample_size(z, 18_446_744_073_709_551_616.0, Confidence::NINETY_FIVE),
            Err(Error::Stats(StatsError::SampleSizeOverflow { .. }))
        ));
        assert_eq!(
            sample_size(z, 9_223_372_036_854_775_808.0, Confidence::NINETY_FIVE).unwrap(),
            1_u64 << 63
        );
    }

    #[test]
    fn sample_size_rounds_up_and_overflows_cleanly() {
        // z(0.95)² · 0.25 / 0.1² = 96.04 → 97
        assert_eq!(sample_size(0.1, 0.25, Confidence::NINETY_FIVE).unwrap(), 97);
        // 1e-9 margin at variance 1: 3.84e18 fits in a u64 (< 1.8e19) ...
        assert!(sample_size(1e-9, 1.0, Confidence::NINETY_FIVE).is_ok());
        // ... 1e-10 needs 3.84e20, which does not.
        assert!(matches!(
            sample_size(1e-10, 1.0, Confidence::NINETY_FIVE),
            Err(Error::Stats(StatsError::SampleSizeOverflow { value })) if value > 3.8e20
        ));
    }
}
