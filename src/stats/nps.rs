//! Net Promoter Score statistics: trinomial variance, intervals and the
//! difference test.

use std::fmt;

use super::normal::normal_sf;
use super::proportion::invalid;
use super::{Confidence, Interval, StatsError};
use crate::error::Error;

/// How [`nps_interval`] builds the interval.
///
/// With the `serde` feature it reads and writes as `"wald"` or
/// `"adjusted_wald"`.
///
/// # Example
///
/// ```
/// use carekit::stats::NpsIntervalMethod;
///
/// assert_eq!(NpsIntervalMethod::default(), NpsIntervalMethod::Wald);
/// assert_eq!(NpsIntervalMethod::AdjustedWald.to_string(), "adjusted_wald");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NpsIntervalMethod {
    /// (p − d) ± z·√(Var/n) on the observed shares (the default: the
    /// textbook interval, and the one most vendors report).
    #[default]
    Wald,
    /// Adds ¾ of a response to each of promoters and detractors (3 to n)
    /// before the Wald formula, which pulls the centre towards 0 and keeps
    /// the interval from collapsing to a point at 100 or −100; better
    /// coverage for small samples (Rocks 2016).
    AdjustedWald,
}

impl fmt::Display for NpsIntervalMethod {
    /// The serde name: `wald` or `adjusted_wald`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Wald => "wald",
            Self::AdjustedWald => "adjusted_wald",
        })
    }
}

/// Counts of promoters, passives and detractors.
///
/// With the `serde` feature it reads and writes as
/// `{"promoters": 260, "passives": 140, "detractors": 100}`; the total
/// must fit in a `u64`.
///
/// # Example
///
/// ```
/// use carekit::stats::NpsCounts;
///
/// let c = NpsCounts::new(5, 2, 3)?;
/// assert_eq!((c.promoters(), c.passives(), c.detractors(), c.total()), (5, 2, 3, 10));
/// assert_eq!(c.score(), Some(20.0)); // 100·(5 − 3)/10
/// assert_eq!(NpsCounts::new(0, 0, 0)?.score(), None);
/// assert!(NpsCounts::new(u64::MAX, 1, 0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawNpsCounts", into = "RawNpsCounts")
)]
pub struct NpsCounts {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNpsCounts {
    promoters: u64,
    passives: u64,
    detractors: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNpsCounts> for NpsCounts {
    type Error = Error;
    fn try_from(raw: RawNpsCounts) -> Result<Self, Error> {
        Self::new(raw.promoters, raw.passives, raw.detractors)
    }
}

#[cfg(feature = "serde")]
impl From<NpsCounts> for RawNpsCounts {
    fn from(c: NpsCounts) -> Self {
        Self {
            promoters: c.promoters,
            passives: c.passives,
            detractors: c.detractors,
        }
    }
}

impl NpsCounts {
    /// Counts of the three classes.
    ///
    /// # Errors
    ///
    /// [`StatsError::CountOverflow`] when the total does not fit in a `u64`.
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(260, 140, 100)?.total(), 500);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(promoters: u64, passives: u64, detractors: u64) -> Result<Self, Error> {
        match promoters
            .checked_add(passives)
            .and_then(|s| s.checked_add(detractors))
        {
            Some(_) => Ok(Self {
                promoters,
                passives,
                detractors,
            }),
            None => Err(StatsError::CountOverflow {
                promoters,
                passives,
                detractors,
            }
            .into()),
        }
    }

    /// Responses scoring 9–10 (by default).
    ///
    /// ```
    /// # use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(5, 2, 3)?.promoters(), 5);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn promoters(self) -> u64 {
        self.promoters
    }

    /// Responses scoring 7–8 (by default).
    ///
    /// ```
    /// # use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(5, 2, 3)?.passives(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn passives(self) -> u64 {
        self.passives
    }

    /// Responses scoring 0–6 (by default).
    ///
    /// ```
    /// # use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(5, 2, 3)?.detractors(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn detractors(self) -> u64 {
        self.detractors
    }

    /// All responses, P + passives + D.
    ///
    /// ```
    /// # use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(5, 2, 3)?.total(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn total(self) -> u64 {
        // `new` proved the sum fits; saturating keeps the no-panic promise.
        self.promoters
            .saturating_add(self.passives)
            .saturating_add(self.detractors)
    }

    /// NPS = 100·(P − D)/N in points (−100 to 100); `None` when N = 0.
    ///
    /// ```
    /// # use carekit::stats::NpsCounts;
    /// assert_eq!(NpsCounts::new(1, 2, 1)?.score(), Some(0.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(self) -> Option<f64> {
        self.shares().map(|(p, d)| 100.0 * (p - d))
    }

    /// The promoter and detractor shares (p, d) = (P/N, D/N); `None` when
    /// N = 0.
    fn shares(self) -> Option<(f64, f64)> {
        let n = self.total();
        (n > 0).then(|| {
            let n = n as f64;
            (self.promoters as f64 / n, self.detractors as f64 / n)
        })
    }

    /// The interval for this NPS: [`nps_interval`] with the counts as
    /// weights and n as the effective sample size.
    ///
    /// # Errors
    ///
    /// None in practice (counts are valid weights); the `Result` is that of
    /// [`nps_interval`].
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::stats::{Confidence, NpsCounts, NpsIntervalMethod};
    ///
    /// let ci = NpsCounts::new(5, 2, 3)?.interval(NpsIntervalMethod::Wald, Confidence::NINETY_FIVE)?;
    /// let ci = ci.expect("10 responses");
    /// assert!(ci.contains(20.0));
    /// assert_eq!(NpsCounts::default().interval(NpsIntervalMethod::Wald, Confidence::NINETY_FIVE)?, None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(
        self,
        method: NpsIntervalMethod,
        confidence: Confidence,
    ) -> Result<Option<Interval>, Error> {
        let n = self.total() as f64;
        nps_interval(
            self.promoters as f64,
            self.detractors as f64,
            n,
            n,
            method,
            confidence,
        )
    }
}

/// The variance of one response's NPS contribution (+1 promoter, 0
/// passive, −1 detractor), in proportion units: Var = p + d − (p − d)².
///
/// It is 0 when everyone is in one class, and at most 1 (half promoters,
/// half detractors). Tiny negative results from rounding are returned as 0.
///
/// # Example
///
/// ```
/// use carekit::stats::nps_variance;
///
/// assert_eq!(nps_variance(0.5, 0.5), 1.0);
/// assert!((nps_variance(0.5, 0.3) - 0.76).abs() < 1e-15); // 0.8 − 0.2²
/// assert_eq!(nps_variance(1.0, 0.0), 0.0);
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn nps_variance(promoter_share: f64, detractor_share: f64) -> f64 {
    let net = promoter_share - detractor_share;
    (promoter_share + detractor_share - net * net).max(0.0)
}

fn check_non_negative(field: &'static str, value: f64) -> Result<(), Error> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(invalid(field, value, "must be finite and non-negative"))
    }
}

/// Relative slack allowed when checking P + D <= W, for weights summed in a
/// different order than their total.
const WEIGHT_SLACK: f64 = 1e-9;

/// A confidence interval for an NPS, in points, clamped to [−100, 100].
///
/// Unweighted: the weights are the counts P, D, N and `effective_n` = N.
/// Weighted: the sums of weights per class and in total, and Kish's
/// effective sample size (Σw)²/Σw².
///
/// - **Wald**: p = P/W, d = D/W, centre p − d, se = √(Var(p, d)/`n_eff`).
/// - **Adjusted Wald**: n' = `n_eff` + 3, p' = (p·`n_eff` + ¾)/n',
///   d' = (d·`n_eff` + ¾)/n', centre p' − d', se = √(Var(p', d')/n').
///
/// The interval is 100·(centre ∓ z·se), then clamped to [−100, 100]: a
/// normal approximation can reach past the scale's ends near ±100, and the
/// clamp states that an NPS cannot. Var = p + d − (p − d)² ([`nps_variance`]).
///
/// # Errors
///
/// - [`StatsError::InvalidValue`] when an input is negative or not finite,
///   or `effective_n` is 0 while `total_weight` is not;
/// - [`StatsError::WeightsExceedTotal`] when P + D > W (beyond a relative
///   rounding slack of 1e-9).
///
/// Returns `Ok(None)` when `total_weight` is 0 (no responses, no NPS).
///
/// # Example
///
/// ```
/// use carekit::stats::{nps_interval, Confidence, NpsIntervalMethod};
///
/// // 5 promoters, 3 detractors of 10: p − d = 0.2, Var = 0.8 − 0.04 = 0.76,
/// // se = √(0.76/10), so 20 ± 100·1.959964·0.275681 = 20 ± 54.03 points
/// // (python: 20 ∓ 100*scipy.stats.norm.ppf(0.975)*math.sqrt(0.76/10)).
/// let ci = nps_interval(5.0, 3.0, 10.0, 10.0, NpsIntervalMethod::Wald, Confidence::NINETY_FIVE)?
///     .expect("10 responses");
/// assert!((ci.low() + 34.032_478_230_482_22).abs() < 1e-9);
/// assert!((ci.high() - 74.032_478_230_482_21).abs() < 1e-9);
/// assert_eq!(nps_interval(0.0, 0.0, 0.0, 0.0, NpsIntervalMethod::Wald, Confidence::NINETY_FIVE)?, None);
/// assert!(nps_interval(6.0, 5.0, 10.0, 10.0, NpsIntervalMethod::Wald, Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn nps_interval(
    promoter_weight: f64,
    detractor_weight: f64,
    total_weight: f64,
    effective_n: f64,
    method: NpsIntervalMethod,
    confidence: Confidence,
) -> Result<Option<Interval>, Error> {
    check_non_negative("promoter_weight", promoter_weight)?;
    check_non_negative("detractor_weight", detractor_weight)?;
    check_non_negative("total_weight", total_weight)?;
    check_non_negative("effective_n", effective_n)?;
    if promoter_weight + detractor_weight > total_weight * (1.0 + WEIGHT_SLACK) {
        return Err(StatsError::WeightsExceedTotal {
            promoter_weight,
            detractor_weight,
            total_weight,
        }
        .into());
    }
    if total_weight == 0.0 {
        return Ok(None);
    }
    if effective_n == 0.0 {
        return Err(invalid(
            "effective_n",
            effective_n,
            "must be greater than 0 when total_weight is",
        ));
    }
    let (p, d) = (
        promoter_weight / total_weight,
        detractor_weight / total_weight,
    );
    let (p, d, n) = match method {
        NpsIntervalMethod::Wald => (p, d, effective_n),
        NpsIntervalMethod::AdjustedWald => {
            let n = effective_n + 3.0;
            (
                (p * effective_n + 0.75) / n,
                (d * effective_n + 0.75) / n,
                n,
            )
        }
    };
    let half = confidence.z() * (nps_variance(p, d) / n).sqrt();
    let centre = p - d;
    let low = (100.0 * (centre - half)).clamp(-100.0, 100.0);
    let high = (100.0 * (centre + half)).clamp(-100.0, 100.0);
    Interval::new(low, high).map(Some)
}

/// The result of [`nps_difference_test`]: did the NPS change from A to B?
///
/// With the `serde` feature it reads and writes as `{"difference": 12.0,
/// "z": 2.9, "p_value": 0.0037, "interval": {"low": 3.9, "high": 20.1},
/// "significant": true}` (validated on the way in; an infinite `z`, see
/// [`nps_difference_test`], has no JSON form).
///
/// # Example
///
/// ```
/// use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
///
/// let t = nps_difference_test(NpsCounts::new(200, 150, 150)?, NpsCounts::new(260, 140, 100)?, Confidence::NINETY_FIVE)?;
/// assert!((t.difference() - 22.0).abs() < 1e-12); // 32 − 10 points
/// assert!(t.significant() && t.z() > 0.0 && t.interval().contains(22.0));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawNpsDifferenceTest", into = "RawNpsDifferenceTest")
)]
pub struct NpsDifferenceTest {
    difference: f64,
    z: f64,
    p_value: f64,
    interval: Interval,
    significant: bool,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNpsDifferenceTest {
    difference: f64,
    z: f64,
    p_value: f64,
    interval: Interval,
    significant: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNpsDifferenceTest> for NpsDifferenceTest {
    type Error = Error;
    fn try_from(raw: RawNpsDifferenceTest) -> Result<Self, Error> {
        if !(-200.0..=200.0).contains(&raw.difference) {
            return Err(invalid(
                "difference",
                raw.difference,
                "a difference of two NPS lies in [-200, 200]",
            ));
        }
        if raw.z.is_nan() {
            return Err(invalid("z", raw.z, "must be a number"));
        }
        super::proportion::check_p_value(raw.p_value)?;
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
impl From<NpsDifferenceTest> for RawNpsDifferenceTest {
    fn from(t: NpsDifferenceTest) -> Self {
        Self {
            difference: t.difference,
            z: t.z,
            p_value: t.p_value,
            interval: t.interval,
            significant: t.significant,
        }
    }
}

impl NpsDifferenceTest {
    /// `NPS_B` − `NPS_A` in points (−200 to 200).
    ///
    /// ```
    /// # use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
    /// let t = nps_difference_test(NpsCounts::new(5, 2, 3)?, NpsCounts::new(3, 2, 5)?, Confidence::NINETY_FIVE)?;
    /// assert!((t.difference() + 40.0).abs() < 1e-12); // −20 − 20
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn difference(&self) -> f64 {
        self.difference
    }

    /// z = (`nps_B` − `nps_A`)/√(`Var_A`/`n_A` + `Var_B`/`n_B`), shares in proportion
    /// units.
    ///
    /// ```
    /// # use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
    /// // Var = 1 on both sides (half promoters, half detractors) and
    /// // n = 50: se = √(1/50 + 1/50) = 0.2; B − A = 0.4 − 0 → z = 2.
    /// let a = NpsCounts::new(25, 0, 25)?;
    /// let b = NpsCounts::new(35, 0, 15)?; // p − d = 0.4, Var = 1 − 0.16 = 0.84
    /// let t = nps_difference_test(a, b, Confidence::NINETY_FIVE)?;
    /// assert!((t.z() - 0.4 / (1.0f64 / 50.0 + 0.84 / 50.0).sqrt()).abs() < 1e-12);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn z(&self) -> f64 {
        self.z
    }

    /// The two-sided p-value 2·(1 − Φ(|z|)).
    ///
    /// ```
    /// # use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
    /// let t = nps_difference_test(NpsCounts::new(5, 2, 3)?, NpsCounts::new(5, 2, 3)?, Confidence::NINETY_FIVE)?;
    /// assert_eq!(t.p_value(), 1.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// The Wald interval for the difference in points,
    /// 100·((`nps_B` − `nps_A`) ∓ z·se), clamped to [−200, 200].
    ///
    /// ```
    /// # use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
    /// let t = nps_difference_test(NpsCounts::new(5, 2, 3)?, NpsCounts::new(5, 2, 3)?, Confidence::NINETY_FIVE)?;
    /// assert!(t.interval().contains(0.0) && t.interval().low() < 0.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// Whether `p_value < 1 − confidence`.
    ///
    /// ```
    /// # use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
    /// let t = nps_difference_test(NpsCounts::new(40, 30, 30)?, NpsCounts::new(45, 30, 25)?, Confidence::NINETY_FIVE)?;
    /// assert!(!t.significant()); // +10 points on 100 responses each is noise
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn significant(&self) -> bool {
        self.significant
    }
}

/// Tests whether NPS changed between two periods or groups (A = before,
/// B = after): a two-sample z-test on the difference of NPS.
///
/// With shares `p_X` = `P_X`/`n_X`, `d_X` = `D_X`/`n_X` and
/// `Var_X` = `p_X` + `d_X` − (`p_X` − `d_X`)² (proportion units):
///
/// ```text
/// difference = 100·((p_B − d_B) − (p_A − d_A))      (points)
/// se         = √(Var_A/n_A + Var_B/n_B)
/// z          = ((p_B − d_B) − (p_A − d_A)) / se
/// p_value    = 2·(1 − Φ(|z|))
/// interval   = 100·(diff ∓ z_c·se), clamped to [−200, 200]
/// ```
///
/// The normal approximation is poor for small samples or NPS near ±100;
/// treat p-values from fewer than about 30 responses per side as rough.
///
/// **Zero standard error.** se = 0 only when each side has all its
/// responses in one class. If the two NPS are then equal, the test reports
/// z = 0, p = 1, not significant. If they differ (e.g. all promoters
/// against all passives), the difference is certain under the model: z is
/// ±∞ with the sign of the difference, p = 0, significant, and the interval
/// is the single point of the difference.
///
/// # Errors
///
/// [`StatsError::EmptySample`] when either side has no responses
/// (`field` is `"a"` or `"b"`).
///
/// # Example
///
/// ```
/// use carekit::stats::{nps_difference_test, Confidence, NpsCounts};
///
/// let before = NpsCounts::new(500, 300, 200)?; // NPS 30
/// let after = NpsCounts::new(450, 300, 250)?; // NPS 20
/// let t = nps_difference_test(before, after, Confidence::NINETY_NINE)?;
/// assert!((t.difference() + 10.0).abs() < 1e-12);
/// assert!(t.z() < 0.0);
/// assert!(nps_difference_test(before, NpsCounts::default(), Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn nps_difference_test(
    a: NpsCounts,
    b: NpsCounts,
    confidence: Confidence,
) -> Result<NpsDifferenceTest, Error> {
    let (pa, da) = a.shares().ok_or(StatsError::EmptySample { field: "a" })?;
    let (pb, db) = b.shares().ok_or(StatsError::EmptySample { field: "b" })?;
    let (na, nb) = (a.total() as f64, b.total() as f64);
    let diff = (pb - db) - (pa - da);
    let se = (nps_variance(pa, da) / na + nps_variance(pb, db) / nb).sqrt();
    let (z, p_value) = if se > 0.0 {
        let z = diff / se;
        (z, (2.0 * normal_sf(z.abs())).min(1.0))
    } else if diff == 0.0 {
        (0.0, 1.0)
    } else {
        (f64::INFINITY.copysign(diff), 0.0)
    };
    let half = confidence.z() * se;
    let low = (100.0 * (diff - half)).clamp(-200.0, 200.0);
    let high = (100.0 * (diff + half)).clamp(-200.0, 200.0);
    Ok(NpsDifferenceTest {
        difference: 100.0 * diff,
        z,
        p_value,
        interval: Interval::new(low, high)?,
        significant: p_value < confidence.alpha(),
    })
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the clamped bound is exactly 100")]
mod tests {
    use super::*;

    #[test]
    fn adjusted_wald_for_all_promoters_by_hand() {
        // n = 10 promoters: n' = 13, p' = 10.75/13, d' = 0.75/13, centre 10/13,
        // Var' = 11.5/13 − (10/13)² = (149.5 − 100)/169 = 49.5/169,
        // half = z·√(49.5/169/13); the upper bound 76.9 + 55.3 clamps to 100.
        let z = Confidence::NINETY_FIVE.z();
        let i = nps_interval(
            10.0,
            0.0,
            10.0,
            10.0,
            NpsIntervalMethod::AdjustedWald,
            Confidence::NINETY_FIVE,
        )
        .unwrap()
        .unwrap();
        let half = z * (49.5f64 / 169.0 / 13.0).sqrt();
        assert!((i.low() - 100.0 * (10.0 / 13.0 - half)).abs() < 1e-12);
        assert_eq!(i.high(), 100.0);
    }

    #[test]
    fn counts_interval_equals_the_weighted_form_with_unit_weights() {
        let c = NpsCounts::new(7, 4, 9).unwrap();
        for m in [NpsIntervalMethod::Wald, NpsIntervalMethod::AdjustedWald] {
            let a = c.interval(m, Confidence::NINETY).unwrap();
            let b = nps_interval(7.0, 9.0, 20.0, 20.0, m, Confidence::NINETY).unwrap();
            assert_eq!(a, b);
        }
    }
}
