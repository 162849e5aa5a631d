//! Proportions: the Wilson score interval and the two-proportion test.

use super::normal::normal_sf;
use super::{Confidence, Interval, StatsError};
use crate::error::Error;

/// Rejects `successes > trials`, naming both fields.
fn check_counts(
    successes: u64,
    trials: u64,
    field: &'static str,
    trials_field: &'static str,
) -> Result<(), Error> {
    if successes > trials {
        Err(StatsError::SuccessesExceedTrials {
            field,
            successes,
            trials_field,
            trials,
        }
        .into())
    } else {
        Ok(())
    }
}

/// The Wilson bounds for `k` of `n > 0`, clamped to [0, 1] (the clamp only
/// removes rounding: the exact bounds are always inside).
fn wilson_bounds(k: u64, n: u64, z: f64) -> (f64, f64) {
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The Wilson score interval for a proportion `successes / trials`, in
/// proportion units (0–1), without continuity correction.
///
/// (Named for its unit, like every share in carekit: a percentage would be
/// `percent_…`. Wilson's is the method; it was `wilson_interval` before
/// 0.2.)
///
/// With p̂ = k/n and z = [`Confidence::z`]:
///
/// ```text
/// centre = (p̂ + z²/2n) / (1 + z²/n)
/// half   = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)
/// ```
///
/// It stays inside [0, 1], is never degenerate at p̂ = 0 or 1, and keeps
/// close to its nominal coverage for small n — unlike the Wald interval
/// p̂ ± z√(p̂(1−p̂)/n). Same numbers as statsmodels'
/// `proportion_confint(k, n, method="wilson")`.
///
/// # Errors
///
/// [`StatsError::SuccessesExceedTrials`] when `successes > trials`.
///
/// # Example
///
/// Newcombe (1998), Statistics in Medicine 17:873–890, Table I: 81 of 263
/// gives 0.2553 to 0.3662 with the Wilson score method.
///
/// ```
/// use carekit::stats::{proportion_interval, Confidence};
///
/// let i = proportion_interval(81, 263, Confidence::NINETY_FIVE)?.expect("263 trials");
/// assert_eq!((format!("{:.4}", i.low()), format!("{:.4}", i.high())), ("0.2553".into(), "0.3662".into()));
/// assert_eq!(proportion_interval(0, 0, Confidence::NINETY_FIVE)?, None);
/// assert!(proportion_interval(5, 4, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[doc(alias = "wilson_interval")]
#[doc(alias = "wilson")]
pub fn proportion_interval(
    successes: u64,
    trials: u64,
    confidence: Confidence,
) -> Result<Option<Interval>, Error> {
    check_counts(successes, trials, "successes", "trials")?;
    if trials == 0 {
        return Ok(None);
    }
    let (low, high) = wilson_bounds(successes, trials, confidence.z());
    // The Wilson interval always contains p̂; at p̂ = 0 or 1 rounding can
    // leave a bound one ulp short of it (33/33 gave 1 − 2⁻⁵³), so widen to it.
    #[allow(
        clippy::cast_precision_loss,
        reason = "counts above 2^53 lose only digits far below the interval's width"
    )]
    let p = successes as f64 / trials as f64;
    Interval::new(low.min(p), high.max(p)).map(Some)
}

/// The result of [`two_proportion_test`]: is sample B's proportion
/// different from sample A's?
///
/// With the `serde` feature it reads and writes as
/// `{"difference": 0.2, "z": 2.5, "p_value": 0.012, "interval": {"low":
/// 0.05, "high": 0.33}, "significant": true}` (validated on the way in).
///
/// # Example
///
/// ```
/// use carekit::stats::{two_proportion_test, Confidence};
///
/// let t = two_proportion_test(48, 80, 56, 70, Confidence::NINETY_FIVE)?;
/// assert!((t.difference() - 0.2).abs() < 1e-12); // 56/70 − 48/80
/// assert!(t.significant() && t.p_value() < 0.05 && t.z() > 0.0);
/// assert!(t.interval().contains(t.difference()));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawTwoProportionTest", into = "RawTwoProportionTest")
)]
pub struct TwoProportionTest {
    difference: f64,
    z: f64,
    p_value: f64,
    interval: Interval,
    significant: bool,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTwoProportionTest {
    difference: f64,
    z: f64,
    p_value: f64,
    interval: Interval,
    significant: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<RawTwoProportionTest> for TwoProportionTest {
    type Error = Error;
    fn try_from(raw: RawTwoProportionTest) -> Result<Self, Error> {
        if !(-1.0..=1.0).contains(&raw.difference) {
            return Err(invalid(
                "difference",
                raw.difference,
                "a difference of proportions lies in [-1, 1]",
            ));
        }
        if !raw.z.is_finite() {
            return Err(invalid("z", raw.z, "must be finite"));
        }
        check_p_value(raw.p_value)?;
        Ok(Self {
            difference: raw.difference,
            z: raw.z,
            p_value: raw.p_value,
            interval: raw.interval,
            significant: raw.significant,
        })
    }
}

#[cfg(feature = "serde")]
impl From<TwoProportionTest> for RawTwoProportionTest {
    fn from(t: TwoProportionTest) -> Self {
        Self {
            difference: t.difference,
            z: t.z,
            p_value: t.p_value,
            interval: t.interval,
            significant: t.significant,
        }
    }
}

pub(crate) fn invalid(field: &'static str, value: f64, rule: &'static str) -> Error {
    StatsError::InvalidValue { field, value, rule }.into()
}

#[cfg(feature = "serde")]
pub(crate) fn check_p_value(p: f64) -> Result<(), Error> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(invalid("p_value", p, "a p-value lies in [0, 1]"))
    }
}

impl TwoProportionTest {
    /// `p_B` − `p_A` in proportion units (−1 to 1): positive when B is higher.
    ///
    /// ```
    /// # use carekit::stats::{two_proportion_test, Confidence};
    /// let t = two_proportion_test(40, 100, 30, 100, Confidence::NINETY_FIVE)?;
    /// assert!((t.difference() + 0.1).abs() < 1e-15);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn difference(&self) -> f64 {
        self.difference
    }

    /// The pooled z statistic, (`p_B` − `p_A`)/√(p̄(1 − p̄)(1/`n_A` + 1/`n_B`)).
    ///
    /// ```
    /// # use carekit::stats::{two_proportion_test, Confidence};
    /// // p̄ = 0.5, se = √(0.25·(1/50 + 1/50)) = 0.1, z = 0.2/0.1 = 2
    /// let t = two_proportion_test(20, 50, 30, 50, Confidence::NINETY_FIVE)?;
    /// assert!((t.z() - 2.0).abs() < 1e-12);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn z(&self) -> f64 {
        self.z
    }

    /// The two-sided p-value 2·(1 − Φ(|z|)).
    ///
    /// ```
    /// # use carekit::stats::{two_proportion_test, Confidence};
    /// let t = two_proportion_test(20, 50, 30, 50, Confidence::NINETY_FIVE)?;
    /// // scipy: 2 * norm.sf(2) = 0.04550026389635842
    /// assert!((t.p_value() - 0.045_500_263_896_358_42).abs() < 1e-15);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Newcombe's hybrid score interval (his method 10) for `p_B` − `p_A`.
    ///
    /// ```
    /// # use carekit::stats::{two_proportion_test, Confidence};
    /// // Newcombe (1998) Table II: 56/70 − 48/80 → 0.0524 to 0.3339
    /// let t = two_proportion_test(48, 80, 56, 70, Confidence::NINETY_FIVE)?;
    /// assert_eq!(format!("{:.4} {:.4}", t.interval().low(), t.interval().high()), "0.0524 0.3339");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// Whether `p_value < 1 − confidence`.
    ///
    /// ```
    /// # use carekit::stats::{two_proportion_test, Confidence};
    /// let t = two_proportion_test(20, 50, 30, 50, Confidence::NINETY_FIVE)?;
    /// assert!(t.significant()); // p = 0.0455 < 0.05
    /// let t = two_proportion_test(20, 50, 30, 50, Confidence::NINETY_NINE)?;
    /// assert!(!t.significant()); // p = 0.0455 ≥ 0.01
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn significant(&self) -> bool {
        self.significant
    }
}

/// Compares two proportions (e.g. CSAT last month = A, this month = B):
/// pooled two-proportion z-test and Newcombe's interval for `p_B` − `p_A`.
///
/// With `p_A` = `a_s`/`a_n`, `p_B` = `b_s`/`b_n` and the pooled p̄ = (`a_s` + `b_s`)/(`a_n` + `b_n`):
///
/// ```text
/// z       = (p_B − p_A) / √(p̄(1 − p̄)(1/a_n + 1/b_n))
/// p_value = 2·(1 − Φ(|z|))
/// [l_X, u_X] = Wilson interval of sample X at the same confidence
/// low     = (p_B − p_A) − √((p_B − l_B)² + (u_A − p_A)²)
/// high    = (p_B − p_A) + √((u_B − p_B)² + (p_A − l_A)²)
/// ```
///
/// The interval is Newcombe's (1998) method 10, the same numbers as
/// statsmodels' `confint_proportions_2indep(..., method="newcomb")`;
/// `z` and `p_value` match statsmodels' `proportions_ztest`. When the pooled
/// variance is 0 (both samples all successes or all failures) the
/// proportions are equal and the test reports z = 0, p = 1, not
/// significant.
///
/// # Errors
///
/// - [`StatsError::EmptySample`] when `a_trials` or `b_trials` is 0;
/// - [`StatsError::SuccessesExceedTrials`] when a sample has more
///   successes than trials.
///
/// # Example
///
/// ```
/// use carekit::stats::{two_proportion_test, Confidence};
///
/// // Last month 412 of 500 satisfied, this month 445 of 510.
/// let t = two_proportion_test(412, 500, 445, 510, Confidence::NINETY_FIVE)?;
/// assert!(t.difference() > 0.0 && t.significant()); // p = 0.031 (statsmodels)
/// assert!(two_proportion_test(0, 0, 1, 2, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn two_proportion_test(
    a_successes: u64,
    a_trials: u64,
    b_successes: u64,
    b_trials: u64,
    confidence: Confidence,
) -> Result<TwoProportionTest, Error> {
    if a_trials == 0 {
        return Err(StatsError::EmptySample { field: "a_trials" }.into());
    }
    if b_trials == 0 {
        return Err(StatsError::EmptySample { field: "b_trials" }.into());
    }
    check_counts(a_successes, a_trials, "a_successes", "a_trials")?;
    check_counts(b_successes, b_trials, "b_successes", "b_trials")?;
    let (na, nb) = (a_trials as f64, b_trials as f64);
    let (pa, pb) = (a_successes as f64 / na, b_successes as f64 / nb);
    let difference = pb - pa;
    let pooled = (a_successes as f64 + b_successes as f64) / (na + nb);
    let variance = pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb);
    let (z, p_value) = if variance > 0.0 {
        let z = difference / variance.sqrt();
        (z, (2.0 * normal_sf(z.abs())).min(1.0))
    } else {
        (0.0, 1.0)
    };
    let zc = confidence.z();
    let (la, ua) = wilson_bounds(a_successes, a_trials, zc);
    let (lb, ub) = wilson_bounds(b_successes, b_trials, zc);
    let low = difference - ((pb - lb).powi(2) + (ua - pa).powi(2)).sqrt();
    let high = difference + ((ub - pb).powi(2) + (pa - la).powi(2)).sqrt();
    Ok(TwoProportionTest {
        difference,
        z,
        p_value,
        interval: Interval::new(low.max(-1.0), high.min(1.0))?,
        significant: p_value < confidence.alpha(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_bounds_by_hand_with_z_2() {
        // k = 2, n = 4, z = 2: p̂ = ½, 1 + z²/n = 2, centre = (½ + ½)/2 = ½,
        // half = 2·√(¼/4 + 4/64)/2 = √0.125 = 0.353553…
        let (lo, hi) = wilson_bounds(2, 4, 2.0);
        assert!((lo - (0.5 - 0.125f64.sqrt())).abs() < 1e-15);
        assert!((hi - (0.5 + 0.125f64.sqrt())).abs() < 1e-15);
    }

    #[test]
    fn newcombe_interval_by_hand_for_identical_samples() {
        // Same sample twice: difference 0 and a symmetric interval
        // ±√((p − l)² + (u − p)²).
        let t = two_proportion_test(3, 10, 3, 10, Confidence::NINETY_FIVE).unwrap();
        let (l, u) = wilson_bounds(3, 10, Confidence::NINETY_FIVE.z());
        let half = ((0.3 - l).powi(2) + (u - 0.3).powi(2)).sqrt();
        assert!((t.interval().low() + half).abs() < 1e-15);
        assert!((t.interval().high() - half).abs() < 1e-15);
        assert_eq!((t.z(), t.p_value()), (0.0, 1.0));
    }
}
