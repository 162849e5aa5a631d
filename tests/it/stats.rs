//! `carekit::stats`: the normal distribution against scipy, intervals and
//! tests against published examples and statsmodels, laws with proptest,
//! and the error rules.
//!
//! Reference values were produced outside carekit with the venv at
//! /work/refs/venv (numpy 2.4, scipy 1.17, statsmodels 0.15); each block
//! names the command.

#![allow(
    clippy::float_cmp,
    reason = "exact results (0, 1, clamped bounds, z = 0) are compared exactly on purpose"
)]

use carekit::Error;
use carekit::stats::{
    Confidence, Interval, NPS_WORST_CASE_VARIANCE, NpsCounts, NpsIntervalMethod,
    PROPORTION_WORST_CASE_VARIANCE, StatsError, mean_interval, normal_cdf, normal_quantile,
    nps_difference_test, nps_interval, nps_variance, proportion_interval, sample_size,
    two_proportion_test,
};
use proptest::prelude::*;

const C95: Confidence = Confidence::NINETY_FIVE;

fn conf(level: f64) -> Confidence {
    Confidence::new(level).unwrap()
}

fn wilson(k: u64, n: u64, level: f64) -> Interval {
    proportion_interval(k, n, conf(level)).unwrap().unwrap()
}

/// |a − b| within `abs`, or within `rel` of |b|.
fn close(a: f64, b: f64, abs: f64, rel: f64) -> bool {
    let d = (a - b).abs();
    d <= abs || d <= rel * b.abs()
}

// ------------------------------------------------------------ normal

/// `python -c "import scipy.stats as st; [print(x, repr(st.norm.cdf(x))) for x in XS]"`
const CDF_SCIPY: [(f64, f64); 24] = [
    (-8.3, 5.205_569_744_890_246_5e-17),
    (-6.0, 9.865_876_450_376_946e-10),
    (-5.656_854_249_492_38, 7.708_628_950_140_01e-9),
    (-5.0, 2.866_515_718_791_933e-7),
    (-3.0, 0.001_349_898_031_630_093_3),
    (-2.5, 0.006_209_665_325_776_132),
    (-1.959_963_984_540_054, 0.025),
    (-1.0, 0.158_655_253_931_457_07),
    (-0.674_489_7, 0.250_000_015_951_139_1),
    (-0.5, 0.308_537_538_725_986_9),
    (-1e-10, 0.499_999_999_960_105_75),
    (0.0, 0.5),
    (0.3, 0.617_911_422_188_952_6),
    (0.674_489_750_196_082, 0.750_000_000_000_000_1),
    (0.7, 0.758_036_347_776_927),
    (1.0, 0.841_344_746_068_542_9),
    (1.5, 0.933_192_798_731_141_9),
    (2.0, 0.977_249_868_051_820_8),
    (3.5, 0.999_767_370_920_964_5),
    (5.5, 0.999_999_981_010_437_5),
    (5.7, 0.999_999_994_009_628_6),
    (7.0, 0.999_999_999_998_720_1),
    (8.0, 0.999_999_999_999_999_3),
    (9.0, 1.0),
];

/// `python -c "import scipy.stats as st; [print(p, repr(st.norm.ppf(p))) for p in PS]"`
const PPF_SCIPY: [(f64, f64); 27] = [
    (1e-300, -37.047_096_299_361_2),
    (1e-100, -21.273_453_560_965_322),
    (1e-20, -9.262_340_089_798_409),
    (1e-12, -7.034_483_825_301_131),
    (1e-9, -5.997_807_015_007_686_5),
    (1e-6, -4.753_424_308_822_899),
    (0.001, -3.090_232_306_167_813),
    (0.01, -2.326_347_874_040_840_8),
    (0.025, -1.959_963_984_540_054_5),
    (0.05, -1.644_853_626_951_472_9),
    (0.1, -1.281_551_565_544_600_4),
    (0.2, -0.841_621_233_572_914_2),
    (0.3, -0.524_400_512_708_040_9),
    (0.4, -0.253_347_103_135_799_7),
    (0.425, -0.189_118_426_272_792_52),
    (0.45, -0.125_661_346_855_074_02),
    (0.5, 0.0),
    (0.55, 0.125_661_346_855_074_16),
    (0.6, 0.253_347_103_135_799_7),
    (0.75, 0.674_489_750_196_081_7),
    (0.8, 0.841_621_233_572_914_3),
    (0.9, 1.281_551_565_544_600_4),
    (0.95, 1.644_853_626_951_472_2),
    (0.975, 1.959_963_984_540_054),
    (0.99, 2.326_347_874_040_840_8),
    (0.999, 3.090_232_306_167_813),
    (0.999_999, 4.753_424_308_817_087),
];

/// Deep lower tail, Φ(−x) = φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))) (the
/// Laplace continued fraction for Mills' ratio) evaluated with Python's
/// `decimal` at 60 digits and 2000 terms (the snippet below, run with
/// `python3`). scipy's `norm.cdf` loses about x²·ε here
/// (1e-13 relative at x = −37: it rounds x/√2 before `erfc`), so it is not
/// the reference in the tail.
///
/// ```text
/// from decimal import Decimal as D, getcontext; getcontext().prec = 60
/// PI = D('3.14159265358979323846264338327950288419716939937510582097494')
/// def Q(x):
///     x = D(x); t = x
///     for k in range(2000, 0, -1): t = x + D(k) / t
///     return (-(x * x) / 2).exp() / (2 * PI).sqrt() / t
/// ```
const CDF_DEEP_TAIL: [(f64, f64); 7] = [
    (-5.0, 2.866_515_718_791_939e-7),
    (-6.0, 9.865_876_450_376_98e-10),
    (-8.3, 5.205_569_744_890_254e-17),
    (-12.0, 1.776_482_112_077_679e-33),
    (-20.0, 2.753_624_118_606_233_7e-89),
    (-30.0, 4.906_713_927_148_187e-198),
    (-37.0, 5.725_571_222_524_577e-300),
];

#[test]
fn normal_cdf_keeps_relative_accuracy_in_the_deep_tail() {
    for (x, expected) in CDF_DEEP_TAIL {
        let got = normal_cdf(x);
        assert!(
            close(got, expected, 0.0, 1e-14),
            "cdf({x}) = {got:e}, reference {expected:e}"
        );
    }
    // Φ(−38) = 2.885e-316 is subnormal: only its magnitude is meaningful.
    assert!(close(normal_cdf(-38.0), 2.885_428_35e-316, 0.0, 1e-6));
    assert_eq!(normal_cdf(-40.0), 0.0);
}

/// Φ(x) at the exact f64 values of these inputs, 60 digits, rounded to f64:
/// `python3 tests/vectors/refs/stats/normal_tail.py` (decimal module only).
const CDF_FAR_TAIL: [(f64, f64); 5] = [
    (-12.3, 4.528_706_956_158_784_6e-35),
    (-20.7, 1.731_851_879_019_737_8e-95),
    (-26.1, 1.822_897_875_755_477e-150),
    (-30.9, 5.972_288_641_838_264e-210),
    (-37.2, 3.412_054_343_470_239e-303),
];

#[test]
fn normal_cdf_is_within_1e_15_relative_far_in_the_tail() {
    // exp(−x²/2) is evaluated with Cody's split so that the rounding of x²
    // is not amplified: without it the error here grows to ~3e-14.
    for (x, expected) in CDF_FAR_TAIL {
        let got = normal_cdf(x);
        assert!(
            close(got, expected, 0.0, 1e-15),
            "cdf({x}) = {got:e}, reference {expected:e}"
        );
    }
}

#[test]
fn normal_cdf_matches_scipy_to_1e_15_absolute_and_1e_13_relative() {
    for (x, expected) in CDF_SCIPY {
        let got = normal_cdf(x);
        assert!(
            (got - expected).abs() <= 1e-15,
            "cdf({x}) = {got}, scipy {expected}"
        );
        // Lower-tail values keep their relative accuracy too.
        if expected < 0.5 {
            assert!(
                close(got, expected, 0.0, 1e-13),
                "cdf({x}) = {got:e}, scipy {expected:e}"
            );
        }
    }
}

#[test]
fn normal_cdf_handles_infinities_and_nan() {
    assert_eq!(normal_cdf(f64::INFINITY), 1.0);
    assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
    assert_eq!(normal_cdf(1e300), 1.0);
    assert!(normal_cdf(f64::NAN).is_nan());
}

#[test]
fn normal_cdf_is_continuous_at_the_range_boundaries() {
    // Cody switches formulas at 0.67448975 and √32; the two sides must
    // agree to within the local slope times the step (density ≤ 0.4).
    for b in [0.674_489_75_f64, 32f64.sqrt(), 40.0] {
        for s in [-1.0, 1.0] {
            let x = s * b;
            let (lo, hi) = (normal_cdf(x.next_down()), normal_cdf(x.next_up()));
            assert!(lo <= hi, "not monotone at {x}");
            assert!(hi - lo < 1e-15, "jump {} at {x}", hi - lo);
        }
    }
}

#[test]
fn normal_quantile_matches_scipy_to_1e_14_relative() {
    for (p, expected) in PPF_SCIPY {
        let got = normal_quantile(p).unwrap();
        assert!(
            close(got, expected, 1e-15, 1e-14),
            "ppf({p}) = {got}, scipy {expected}"
        );
    }
}

#[test]
fn normal_quantile_reaches_the_tails_at_p_1e_12() {
    // scipy.stats.norm.ppf(1e-12) = -7.034483825301131, norm.isf(1e-12) = 7.034483825301131
    let lower = normal_quantile(1e-12).unwrap();
    assert!(close(lower, -7.034_483_825_301_131, 0.0, 1e-14));
    assert!(close(normal_cdf(lower), 1e-12, 0.0, 1e-12));
    // The f64 nearest 1 − 1e-12 is 0.999999999999 (its tail is
    // 1.00009e-12), so the upper quantile is that of the rounded input:
    // scipy.stats.norm.ppf(1 - 1e-12) = 7.0344869100478356, against the
    // exact isf(1e-12) = 7.034483825301131.
    let upper = normal_quantile(1.0 - 1e-12).unwrap();
    assert!(close(upper, 7.034_486_910_047_835_6, 0.0, 1e-12), "{upper}");
    assert!((upper - 7.034_483_825_301_131).abs() < 1e-5);
}

#[test]
fn normal_quantile_rejects_probabilities_outside_the_open_unit_interval() {
    for p in [0.0, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
        let err = normal_quantile(p).unwrap_err();
        assert!(
            matches!(err, Error::Stats(StatsError::ProbabilityOutOfRange { .. })),
            "{p}: {err:?}"
        );
    }
    assert_eq!(
        normal_quantile(1.5).unwrap_err().to_string(),
        "probability 1.5 is outside the open interval (0, 1)"
    );
}

#[test]
fn confidence_critical_values_match_scipy() {
    // scipy.stats.norm.ppf(1 - (1 - c)/2) for c in (0.8, 0.9, 0.95, 0.99, 0.999)
    for (level, z) in [
        (0.80, 1.281_551_565_544_600_4),
        (0.90, 1.644_853_626_951_472_2),
        (0.95, 1.959_963_984_540_054),
        (0.99, 2.575_829_303_548_900_4),
        (0.999, 3.290_526_731_491_926),
    ] {
        let got = conf(level).z();
        assert!(close(got, z, 1e-14, 1e-14), "{level}: {got} vs {z}");
    }
}

#[test]
fn confidence_rejects_levels_outside_the_open_unit_interval() {
    for bad in [0.0, 1.0, -0.5, 1.5, 95.0, f64::NAN, f64::INFINITY] {
        assert!(Confidence::new(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Confidence::new(95.0).unwrap_err().to_string(),
        "confidence level 95 is outside the open interval (0, 1)"
    );
}

// ------------------------------------------------------------ Wilson

#[test]
fn wilson_matches_newcombe_1998_table_i() {
    // Newcombe R.G. (1998) "Two-sided confidence intervals for the single
    // proportion: comparison of seven methods", Statistics in Medicine
    // 17:857-872, Table I, method 3 (Wilson score, no continuity
    // correction); confirmed with statsmodels proportion_confint(k, n,
    // method='wilson'), full precision in the comments.
    for (k, n, low, high) in [
        (81, 263, "0.2553", "0.3662"), // 0.2552885198782742, 0.36620957698280004
        (15, 148, "0.0624", "0.1605"), // 0.06238639953073628, 0.16048724172330803
        (0, 20, "0.0000", "0.1611"),   // 0.0, 0.1611251580528194
        (1, 29, "0.0061", "0.1718"),   // 0.006113214292762667, 0.17175521879320294
    ] {
        let i = wilson(k, n, 0.95);
        assert_eq!(format!("{:.4}", i.low()), low, "{k}/{n}");
        assert_eq!(format!("{:.4}", i.high()), high, "{k}/{n}");
    }
    let i = wilson(81, 263, 0.95);
    assert!(close(i.low(), 0.255_288_519_878_274_2, 1e-14, 0.0));
    assert!(close(i.high(), 0.366_209_576_982_800_04, 1e-14, 0.0));
}

#[test]
fn wilson_of_zero_trials_is_none_and_of_too_many_successes_an_error() {
    assert_eq!(proportion_interval(0, 0, C95).unwrap(), None);
    let err = proportion_interval(11, 10, C95).unwrap_err();
    assert_eq!(
        err.to_string(),
        "successes 11 exceeds trials 10: successes cannot outnumber trials"
    );
}

#[test]
fn wilson_bounds_are_exact_at_the_ends() {
    // 0 of n: the lower bound is exactly 0; n of n: the upper is exactly 1.
    assert_eq!(wilson(0, 7, 0.95).low(), 0.0);
    assert_eq!(wilson(7, 7, 0.95).high(), 1.0);
    // Hand: 1 of 1 at z: low = (1 + z²/2 − z·√(z²/4))/(1 + z²) = 1/(1 + z²)
    let z = C95.z();
    assert!(close(
        wilson(1, 1, 0.95).low(),
        1.0 / (1.0 + z * z),
        1e-15,
        0.0
    ));
}

// ------------------------------------------------------------ two proportions

#[test]
fn newcombe_interval_matches_newcombe_1998_table_ii() {
    // Newcombe R.G. (1998) "Interval estimation for the difference between
    // independent proportions: comparison of eleven methods", Statistics in
    // Medicine 17:873-890, Table II, method 10; confirmed with statsmodels
    // confint_proportions_2indep(x1, n1, x2, n2, method='newcomb',
    // compare='diff'). Sample B is Newcombe's first sample.
    for (b, nb, a, na, low, high) in [
        (56, 70, 48, 80, "0.0524", "0.3339"),
        (9, 10, 3, 10, "0.1705", "0.8090"),
        (6, 7, 2, 7, "0.0582", "0.8062"),
        (5, 56, 0, 29, "-0.0381", "0.1926"),
        (0, 10, 0, 20, "-0.1611", "0.2775"),
        (0, 10, 0, 10, "-0.2775", "0.2775"),
        (10, 10, 0, 20, "0.6791", "1.0000"),
        (10, 10, 0, 10, "0.6075", "1.0000"),
    ] {
        let t = two_proportion_test(a, na, b, nb, C95).unwrap();
        assert_eq!(
            format!("{:.4}", t.interval().low()),
            low,
            "{b}/{nb} − {a}/{na}"
        );
        assert_eq!(
            format!("{:.4}", t.interval().high()),
            high,
            "{b}/{nb} − {a}/{na}"
        );
    }
}

#[test]
fn pooled_z_test_by_hand() {
    // A = 20/50, B = 30/50: p̄ = 0.5, se = √(0.25·(1/50 + 1/50)) = 0.1,
    // z = (0.6 − 0.4)/0.1 = 2; p = 2·norm.sf(2) = 0.04550026389635842 (scipy).
    let t = two_proportion_test(20, 50, 30, 50, C95).unwrap();
    assert!(close(t.z(), 2.0, 1e-12, 0.0));
    assert!(close(t.p_value(), 0.045_500_263_896_358_42, 1e-15, 0.0));
    assert!(t.significant());
    assert!(
        !two_proportion_test(20, 50, 30, 50, conf(0.99))
            .unwrap()
            .significant()
    );
}

#[test]
fn zero_pooled_variance_reports_no_difference() {
    // Both samples all successes: p̄ = 1, variance 0 → z = 0, p = 1.
    let t = two_proportion_test(10, 10, 4, 4, C95).unwrap();
    assert_eq!((t.difference(), t.z(), t.p_value()), (0.0, 0.0, 1.0));
    assert!(!t.significant());
    let t = two_proportion_test(0, 10, 0, 4, C95).unwrap();
    assert_eq!((t.z(), t.p_value()), (0.0, 1.0));
}

#[test]
fn two_proportion_test_rejects_empty_samples_and_impossible_counts() {
    assert_eq!(
        two_proportion_test(0, 0, 1, 2, C95)
            .unwrap_err()
            .to_string(),
        "a_trials is 0: each sample of a test needs at least one observation"
    );
    assert_eq!(
        two_proportion_test(1, 2, 0, 0, C95)
            .unwrap_err()
            .to_string(),
        "b_trials is 0: each sample of a test needs at least one observation"
    );
    assert_eq!(
        two_proportion_test(3, 2, 0, 1, C95)
            .unwrap_err()
            .to_string(),
        "a_successes 3 exceeds a_trials 2: successes cannot outnumber trials"
    );
    assert_eq!(
        two_proportion_test(1, 2, 7, 5, C95)
            .unwrap_err()
            .to_string(),
        "b_successes 7 exceeds b_trials 5: successes cannot outnumber trials"
    );
}

// ------------------------------------------------------------ NPS

#[test]
fn nps_variance_by_hand() {
    // p + d − (p − d)²
    assert_eq!(nps_variance(0.5, 0.5), 1.0); // 1 − 0
    assert!(close(nps_variance(0.5, 0.3), 0.76, 1e-15, 0.0)); // 0.8 − 0.04
    assert!(close(nps_variance(0.2, 0.0), 0.16, 1e-15, 0.0)); // 0.2 − 0.04 = p(1 − p)
    assert_eq!(nps_variance(0.0, 0.0), 0.0);
    assert_eq!(nps_variance(0.0, 1.0), 0.0);
}

#[test]
fn nps_intervals_by_hand() {
    // P = 5, D = 3, n = 10 (scores.json case nps-hand-10): p − d = 0.2.
    // Wald: Var = 0.76, half = z·√0.076.
    // Adjusted: n' = 13, p' = 5.75/13, d' = 3.75/13, centre 2/13,
    // Var' = 9.5/13 − (2/13)², half = z·√(Var'/13).
    // python: z = scipy.stats.norm.ppf(0.975); values below.
    let z = 1.959_963_984_540_054;
    let wald = nps_interval(5.0, 3.0, 10.0, 10.0, NpsIntervalMethod::Wald, C95)
        .unwrap()
        .unwrap();
    let half = 100.0 * z * (0.076f64).sqrt();
    assert!(close(wald.low(), 20.0 - half, 1e-12, 0.0));
    assert!(close(wald.high(), 20.0 + half, 1e-12, 0.0));
    // -34.03247823048222, 74.03247823048221 (python, see nps_interval docs)
    assert!(close(wald.low(), -34.032_478_230_482_22, 1e-9, 0.0));

    let adj = nps_interval(5.0, 3.0, 10.0, 10.0, NpsIntervalMethod::AdjustedWald, C95)
        .unwrap()
        .unwrap();
    let (p, d) = (5.75 / 13.0, 3.75 / 13.0);
    let half = 100.0 * z * ((p + d - (p - d) * (p - d)) / 13.0f64).sqrt();
    let centre = 100.0 * 2.0 / 13.0;
    assert!(close(adj.low(), centre - half, 1e-12, 0.0));
    assert!(close(adj.high(), centre + half, 1e-12, 0.0));
}

#[test]
fn nps_interval_is_clamped_to_the_scale() {
    // 9 promoters, 1 detractor: Wald upper = 100·(0.8 + 1.96·√(0.36/10)) = 117 → 100.
    let i = nps_interval(9.0, 1.0, 10.0, 10.0, NpsIntervalMethod::Wald, C95)
        .unwrap()
        .unwrap();
    assert_eq!(i.high(), 100.0);
    // All promoters: Wald is the point 100; adjusted Wald is not a point.
    let w = nps_interval(10.0, 0.0, 10.0, 10.0, NpsIntervalMethod::Wald, C95)
        .unwrap()
        .unwrap();
    assert_eq!((w.low(), w.high()), (100.0, 100.0));
    let a = nps_interval(10.0, 0.0, 10.0, 10.0, NpsIntervalMethod::AdjustedWald, C95)
        .unwrap()
        .unwrap();
    assert!(a.low() < 100.0 && a.high() == 100.0);
}

#[test]
fn nps_interval_uses_the_effective_sample_size() {
    // Same shares, n_eff 40 instead of 10: half-width halves (√4 = 2).
    let small = nps_interval(5.0, 3.0, 10.0, 10.0, NpsIntervalMethod::Wald, C95)
        .unwrap()
        .unwrap();
    let large = nps_interval(5.0, 3.0, 10.0, 40.0, NpsIntervalMethod::Wald, C95)
        .unwrap()
        .unwrap();
    assert!(close(small.width(), 2.0 * large.width(), 1e-12, 0.0));
}

#[test]
fn nps_interval_rules() {
    let w = NpsIntervalMethod::Wald;
    assert_eq!(nps_interval(0.0, 0.0, 0.0, 0.0, w, C95).unwrap(), None);
    assert_eq!(
        nps_interval(-1.0, 0.0, 10.0, 10.0, w, C95)
            .unwrap_err()
            .to_string(),
        "promoter_weight -1 is invalid: must be finite and non-negative"
    );
    assert_eq!(
        nps_interval(1.0, f64::NAN, 10.0, 10.0, w, C95)
            .unwrap_err()
            .to_string(),
        "detractor_weight NaN is invalid: must be finite and non-negative"
    );
    assert_eq!(
        nps_interval(1.0, 1.0, f64::INFINITY, 10.0, w, C95)
            .unwrap_err()
            .to_string(),
        "total_weight inf is invalid: must be finite and non-negative"
    );
    assert_eq!(
        nps_interval(6.0, 5.0, 10.0, 10.0, w, C95)
            .unwrap_err()
            .to_string(),
        "promoter_weight 6 + detractor_weight 5 exceeds total_weight 10: the classes are parts of the total"
    );
    assert_eq!(
        nps_interval(1.0, 1.0, 10.0, 0.0, w, C95)
            .unwrap_err()
            .to_string(),
        "effective_n 0 is invalid: must be greater than 0 when total_weight is"
    );
    // A class weight with the rounding of a differently ordered sum is fine.
    assert!(nps_interval(0.1 + 0.2, 0.0, 0.3, 1.0, w, C95).is_ok());
}

#[test]
fn nps_counts_rules() {
    assert_eq!(
        NpsCounts::new(u64::MAX, 1, 0).unwrap_err().to_string(),
        format!("nps counts {} + 1 + 0 overflow a u64 total", u64::MAX)
    );
    let c = NpsCounts::new(u64::MAX - 1, 1, 0).unwrap();
    assert_eq!(c.total(), u64::MAX);
    assert_eq!(NpsCounts::new(1, 2, 1).unwrap().score(), Some(0.0));
}

#[test]
fn nps_difference_test_by_hand() {
    // A = 200/150/150 (n 500, NPS 10), B = 260/140/100 (n 500, NPS 32).
    // Var_A = 0.7 − 0.01 = 0.69, Var_B = 0.72 − 0.1024 = 0.6176,
    // se = √((0.69 + 0.6176)/500), z = 0.22/se.
    let t = nps_difference_test(
        NpsCounts::new(200, 150, 150).unwrap(),
        NpsCounts::new(260, 140, 100).unwrap(),
        C95,
    )
    .unwrap();
    let se = ((0.69 + 0.6176) / 500.0f64).sqrt();
    assert!(close(t.difference(), 22.0, 1e-12, 0.0));
    assert!(close(t.z(), 0.22 / se, 1e-12, 0.0));
    // interval = 100·(0.22 ∓ z_c·se)
    assert!(close(
        t.interval().low(),
        100.0 * (0.22 - C95.z() * se),
        1e-10,
        0.0
    ));
    assert!(close(
        t.interval().high(),
        100.0 * (0.22 + C95.z() * se),
        1e-10,
        0.0
    ));
}

#[test]
fn nps_difference_with_zero_standard_error() {
    let promoters = NpsCounts::new(10, 0, 0).unwrap();
    let passives = NpsCounts::new(0, 7, 0).unwrap();
    // Equal degenerate sides: no difference.
    let same = nps_difference_test(promoters, NpsCounts::new(3, 0, 0).unwrap(), C95).unwrap();
    assert_eq!(
        (same.z(), same.p_value(), same.significant()),
        (0.0, 1.0, false)
    );
    // Different degenerate sides: certain difference, z = −∞, p = 0.
    let t = nps_difference_test(promoters, passives, C95).unwrap();
    assert!(close(t.difference(), -100.0, 1e-12, 0.0));
    assert_eq!(
        (t.z(), t.p_value(), t.significant()),
        (f64::NEG_INFINITY, 0.0, true)
    );
    assert_eq!((t.interval().low(), t.interval().high()), (-100.0, -100.0));
}

#[test]
fn nps_difference_test_rejects_empty_sides() {
    let c = NpsCounts::new(1, 1, 1).unwrap();
    assert_eq!(
        nps_difference_test(NpsCounts::default(), c, C95)
            .unwrap_err()
            .to_string(),
        "a is 0: each sample of a test needs at least one observation"
    );
    assert_eq!(
        nps_difference_test(c, NpsCounts::default(), C95)
            .unwrap_err()
            .to_string(),
        "b is 0: each sample of a test needs at least one observation"
    );
}

// ------------------------------------------------------------ means, sample size

#[test]
fn mean_interval_by_hand_and_rules() {
    // 3.5 ± 1.959964·√(2.25/36) = 3.5 ± 1.959964·0.25
    let i = mean_interval(3.5, 2.25, 36, C95).unwrap().unwrap();
    assert!(close(
        i.low(),
        3.5 - 0.25 * 1.959_963_984_540_054,
        1e-14,
        0.0
    ));
    assert!(close(
        i.high(),
        3.5 + 0.25 * 1.959_963_984_540_054,
        1e-14,
        0.0
    ));
    assert_eq!(mean_interval(3.5, 0.0, 1, C95).unwrap(), None);
    assert_eq!(mean_interval(3.5, 0.0, 0, C95).unwrap(), None);
    assert_eq!(
        mean_interval(3.5, -1.0, 10, C95).unwrap_err().to_string(),
        "sample_variance -1 is invalid: must be finite and non-negative"
    );
    assert_eq!(
        mean_interval(f64::NAN, 1.0, 10, C95)
            .unwrap_err()
            .to_string(),
        "mean NaN is invalid: must be finite"
    );
}

#[test]
fn sample_sizes_by_hand() {
    // ⌈z²·Var/E²⌉ with z = scipy.stats.norm.ppf(0.975):
    // 3.841458820694124·0.25/0.0025 = 384.15 → 385 (the classic figure);
    // ·1/0.0025 = 1536.58 → 1537; ·0.25/0.0001 = 9603.65 → 9604.
    assert_eq!(
        sample_size(0.05, PROPORTION_WORST_CASE_VARIANCE, C95).unwrap(),
        385
    );
    assert_eq!(
        sample_size(0.05, NPS_WORST_CASE_VARIANCE, C95).unwrap(),
        1537
    );
    assert_eq!(
        sample_size(0.01, PROPORTION_WORST_CASE_VARIANCE, C95).unwrap(),
        9604
    );
    // No variance still needs one response.
    assert_eq!(sample_size(0.05, 0.0, C95).unwrap(), 1);
}

#[test]
fn sample_size_rules() {
    assert_eq!(
        sample_size(-0.05, 0.25, C95).unwrap_err().to_string(),
        "margin -0.05 is invalid: must be finite and greater than 0"
    );
    assert_eq!(
        sample_size(0.05, f64::NAN, C95).unwrap_err().to_string(),
        "variance NaN is invalid: must be finite and non-negative"
    );
    let err = sample_size(1e-200, 0.25, C95).unwrap_err();
    assert!(
        matches!(err, Error::Stats(StatsError::SampleSizeOverflow { .. })),
        "{err:?}"
    );
}

// ------------------------------------------------------------ laws

fn level() -> impl Strategy<Value = f64> {
    0.5f64..0.999
}

/// `(k, n)` with `1 <= n < max` and `k <= n`.
fn counts(max: u64) -> impl Strategy<Value = (u64, u64)> {
    (1..max).prop_flat_map(|n| (0..=n, Just(n)))
}

proptest! {
    #[test]
    fn wilson_lies_in_the_unit_interval_and_contains_the_estimate(
        (k, n) in counts(1_000_000), c in level()
    ) {
        let i = wilson(k, n, c);
        prop_assert!(0.0 <= i.low() && i.high() <= 1.0, "{i}");
        prop_assert!(i.contains(k as f64 / n as f64), "{k}/{n}: {i}");
    }

    #[test]
    fn wilson_narrows_with_more_trials_at_the_same_proportion(
        (k, n) in counts(100_000), m in 2u64..50, c in level()
    ) {
        let small = wilson(k, n, c);
        let large = wilson(k * m, n * m, c);
        prop_assert!(large.width() < small.width(), "{k}/{n}: {small} vs ×{m}: {large}");
    }

    #[test]
    fn wilson_widens_with_confidence(
        (k, n) in counts(100_000), c in 0.5f64..0.98, step in 0.01f64..0.019
    ) {
        prop_assert!(wilson(k, n, c).width() < wilson(k, n, c + step).width());
    }

    #[test]
    fn nps_interval_stays_on_the_scale(
        p in 0u64..500, pa in 0u64..500, d in 0u64..500, c in level(), adjusted: bool
    ) {
        let counts = NpsCounts::new(p, pa, d).unwrap();
        let method = if adjusted { NpsIntervalMethod::AdjustedWald } else { NpsIntervalMethod::Wald };
        match counts.interval(method, conf(c)).unwrap() {
            None => prop_assert_eq!(counts.total(), 0),
            Some(i) => {
                prop_assert!(-100.0 <= i.low() && i.high() <= 100.0, "{i}");
                if method == NpsIntervalMethod::Wald {
                    prop_assert!(i.contains(counts.score().unwrap()));
                }
            }
        }
    }

    #[test]
    fn two_proportion_test_is_consistent(
        (a, na) in counts(10_000), (b, nb) in counts(10_000), c in level()
    ) {
        let t = two_proportion_test(a, na, b, nb, conf(c)).unwrap();
        let i = t.interval();
        prop_assert!(-1.0 <= i.low() && i.high() <= 1.0);
        prop_assert!(i.contains(t.difference()), "{} not in {i}", t.difference());
        prop_assert!((0.0..=1.0).contains(&t.p_value()));
        prop_assert!(t.z() == 0.0 || (t.z() > 0.0) == (t.difference() > 0.0));
        // Swapping the samples mirrors the test.
        let s = two_proportion_test(b, nb, a, na, conf(c)).unwrap();
        prop_assert_eq!(s.difference(), -t.difference());
        prop_assert_eq!(s.p_value(), t.p_value());
        prop_assert!((s.interval().low() + i.high()).abs() < 1e-12);
    }

    #[test]
    fn nps_difference_test_is_antisymmetric(
        a in (0u64..300, 0u64..300, 1u64..300), b in (0u64..300, 0u64..300, 1u64..300), c in level()
    ) {
        let a = NpsCounts::new(a.0, a.1, a.2).unwrap();
        let b = NpsCounts::new(b.0, b.1, b.2).unwrap();
        let t = nps_difference_test(a, b, conf(c)).unwrap();
        let s = nps_difference_test(b, a, conf(c)).unwrap();
        prop_assert!((t.difference() + s.difference()).abs() < 1e-9);
        prop_assert!((t.z() + s.z()).abs() < 1e-9);
        prop_assert!((t.p_value() - s.p_value()).abs() < 1e-15);
        prop_assert!((0.0..=1.0).contains(&t.p_value()));
        prop_assert!(t.interval().contains(t.difference()));
    }

    #[test]
    fn normal_quantile_inverts_the_cdf(p in 1e-300f64..1.0) {
        let x = normal_quantile(p).unwrap();
        let back = normal_cdf(x);
        // Relative in the lower tail; absolute near 1, where p itself is coarse.
        prop_assert!(close(back, p, 2e-16, 1e-13), "p {p:e}: x {x}, cdf {back:e}");
    }

    #[test]
    fn normal_cdf_inverts_the_quantile(x in -37.0f64..7.0) {
        let back = normal_quantile(normal_cdf(x)).unwrap();
        // dx = dp/φ(x): absolute error grows in the upper tail, where the
        // cdf rounds to a few ulps of 1.
        let tol = if x > 0.0 { 1e-15 / (-(x * x) / 2.0).exp() } else { 1e-12 };
        prop_assert!(close(back, x, tol, 1e-13), "x {x}: {back}");
    }

    #[test]
    fn normal_cdf_is_monotone(x in -40.0f64..40.0, dx in 0.0f64..1.0) {
        prop_assert!(normal_cdf(x) <= normal_cdf(x + dx));
    }

    #[test]
    fn sample_size_meets_the_margin_and_is_the_smallest(
        margin in 0.005f64..0.5, variance in 0.01f64..1.0, c in level()
    ) {
        let c = conf(c);
        let n = sample_size(margin, variance, c).unwrap();
        let achieved = |n: u64| c.z() * (variance / n as f64).sqrt();
        prop_assert!(achieved(n) <= margin * (1.0 + 1e-12));
        if n > 1 {
            prop_assert!(achieved(n - 1) > margin * (1.0 - 1e-12));
        }
    }
}

// ------------------------------------------------------------ serde

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use carekit::stats::{NpsDifferenceTest, TwoProportionTest};

    #[test]
    fn forms_round_trip() {
        assert_eq!(serde_json::to_string(&C95).unwrap(), "0.95");
        assert_eq!(
            serde_json::from_str::<Confidence>("0.9").unwrap(),
            conf(0.9)
        );
        let i = Interval::new(0.25, 0.5).unwrap();
        assert_eq!(
            serde_json::to_string(&i).unwrap(),
            r#"{"low":0.25,"high":0.5}"#
        );
        assert_eq!(
            serde_json::from_str::<Interval>(r#"{"low":0.25,"high":0.5}"#).unwrap(),
            i
        );
        assert_eq!(
            serde_json::to_string(&NpsIntervalMethod::AdjustedWald).unwrap(),
            r#""adjusted_wald""#
        );
        assert_eq!(
            serde_json::from_str::<NpsIntervalMethod>(r#""wald""#).unwrap(),
            NpsIntervalMethod::Wald
        );
        let c = NpsCounts::new(5, 2, 3).unwrap();
        let json = r#"{"promoters":5,"passives":2,"detractors":3}"#;
        assert_eq!(serde_json::to_string(&c).unwrap(), json);
        assert_eq!(serde_json::from_str::<NpsCounts>(json).unwrap(), c);

        // serde_json without its `float_roundtrip` feature may parse a
        // float one ulp off, so the test results compare within 1e-15.
        let t = two_proportion_test(48, 80, 56, 70, C95).unwrap();
        let back: TwoProportionTest =
            serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        let pairs = [
            (back.difference(), t.difference()),
            (back.z(), t.z()),
            (back.p_value(), t.p_value()),
            (back.interval().low(), t.interval().low()),
            (back.interval().high(), t.interval().high()),
        ];
        assert!(
            pairs.iter().all(|&(a, b)| close(a, b, 0.0, 1e-15)),
            "{pairs:?}"
        );
        assert_eq!(back.significant(), t.significant());
        let t = nps_difference_test(c, NpsCounts::new(2, 2, 6).unwrap(), C95).unwrap();
        let back: NpsDifferenceTest =
            serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        let pairs = [
            (back.difference(), t.difference()),
            (back.z(), t.z()),
            (back.p_value(), t.p_value()),
            (back.interval().low(), t.interval().low()),
            (back.interval().high(), t.interval().high()),
        ];
        assert!(
            pairs.iter().all(|&(a, b)| close(a, b, 0.0, 1e-15)),
            "{pairs:?}"
        );
        assert_eq!(back.significant(), t.significant());
    }

    fn rejects<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str, needle: &str) {
        let err = serde_json::from_str::<T>(json).unwrap_err().to_string();
        assert!(err.contains(needle), "{json}: {err:?} lacks {needle:?}");
    }

    #[test]
    fn deserialisation_validates() {
        rejects::<Confidence>("1.5", "confidence level 1.5 is outside");
        rejects::<Interval>(r#"{"low":2,"high":1}"#, "interval [2, 1] is invalid");
        rejects::<Interval>(r#"{"low":0,"high":1,"mid":0.5}"#, "unknown field");
        rejects::<NpsCounts>(
            &format!(
                r#"{{"promoters":{},"passives":1,"detractors":0}}"#,
                u64::MAX
            ),
            "overflow",
        );
        rejects::<NpsCounts>(r#"{"promoters":1,"passives":1}"#, "detractors");
        rejects::<NpsIntervalMethod>(r#""wilson""#, "unknown variant");
        rejects::<TwoProportionTest>(
            r#"{"difference":0.1,"z":1,"p_value":1.5,"interval":{"low":0,"high":0.2},"significant":false}"#,
            "p_value 1.5 is invalid",
        );
        rejects::<TwoProportionTest>(
            r#"{"difference":2,"z":1,"p_value":0.5,"interval":{"low":0,"high":0.2},"significant":false}"#,
            "difference 2 is invalid",
        );
        rejects::<NpsDifferenceTest>(
            r#"{"difference":250,"z":1,"p_value":0.5,"interval":{"low":0,"high":1},"significant":false}"#,
            "difference 250 is invalid",
        );
    }
}

#[test]
fn nps_counts_give_back_their_three_classes() {
    // 60 promoters, 25 passives, 15 detractors: 100 answers, NPS 45.
    let c = NpsCounts::new(60, 25, 15).unwrap();
    assert_eq!(
        (c.promoters(), c.passives(), c.detractors(), c.total()),
        (60, 25, 15, 100)
    );
    assert!((c.score().unwrap() - 45.0).abs() < 1e-12);
}

#[test]
fn wilson_contains_the_estimate_at_all_or_nothing() {
    // Regression (proptest, 2026-11-22): 33/33 at c ≈ 0.675 gave an upper
    // bound of 1 − 2⁻⁵³, just below p̂ = 1.
    let c = Confidence::new(0.675_149_993_669_162_7).unwrap();
    let i = proportion_interval(33, 33, c).unwrap().unwrap();
    assert_eq!(i.high(), 1.0);
    let i = proportion_interval(0, 33, c).unwrap().unwrap();
    assert_eq!(i.low(), 0.0);
}

#[test]
#[allow(clippy::float_cmp, reason = "α must equal the p-value bit for bit")]
fn a_p_value_equal_to_alpha_is_not_significant() {
    // Significant means p < α, strictly. Use the test's own p-value as α:
    // for 0.5 ≤ p ≤ 1 both 1 − p and 1 − (1 − p) are exact (Sterbenz), so a
    // confidence of 1 − p has α = p bit for bit.
    let p = two_proportion_test(10, 20, 11, 20, Confidence::NINETY_FIVE)
        .unwrap()
        .p_value();
    assert!((0.5..=1.0).contains(&p), "p = {p}");
    let confidence = Confidence::new(1.0 - p).unwrap();
    assert_eq!(confidence.alpha(), p);
    let t = two_proportion_test(10, 20, 11, 20, confidence).unwrap();
    assert_eq!(t.p_value(), p);
    assert!(!t.significant());
}
