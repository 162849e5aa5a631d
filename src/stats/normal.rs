//! The standard normal distribution: CDF (W. J. Cody's rational Chebyshev
//! approximations) and quantile (M. J. Wichura's AS 241, `PPND16`).
#![allow(
    clippy::excessive_precision,
    reason = "published coefficients are kept digit for digit so they can be checked against the papers"
)]

use super::StatsError;
use crate::error::Error;

// W. J. Cody (1969), "Rational Chebyshev approximations for the error
// function", Math. Comp. 23:631-637, as packaged in Cody (1993), ACM TOMS
// Algorithm 715 (SPECFUN, `ANORM`). Three ranges of |x|.

/// `|x| <= 0.674 489 75` (the upper quartile): Φ(x) = 1/2 + x·A(x²)/B(x²).
const A_LOOP: [f64; 3] = [
    2.235_252_035_460_683_928_7,
    161.028_231_068_555_878_81,
    1_067.689_485_460_370_958_2,
];
const A3: f64 = 18_154.981_253_343_561_249;
const A4: f64 = 0.065_682_337_918_207_449_113;
const B_LOOP: [f64; 3] = [
    47.202_581_904_688_241_87,
    976.098_551_737_776_693_22,
    10_260.932_208_618_978_205,
];
const B3: f64 = 45_507.789_335_026_729_956;

/// `0.674 < |x| <= √32`: Q(|x|) = exp(−x²/2)·C(|x|)/D(|x|).
const C_LOOP: [f64; 7] = [
    0.398_941_512_088_134_667_64,
    8.883_149_794_388_375_941_2,
    93.506_656_132_177_855_979,
    597.270_276_394_800_262_26,
    2_494.537_585_290_372_671_1,
    6_848.190_450_536_282_332_3,
    11_602.651_437_647_350_124,
];
const C7: f64 = 9_842.714_838_383_978_021_8;
const C8: f64 = 1.076_557_677_372_019_231_7e-8;
const D_LOOP: [f64; 7] = [
    22.266_688_044_328_115_691,
    235.387_901_782_624_998_61,
    1_519.377_599_407_554_805,
    6_485.558_298_266_760_755,
    18_615.571_640_885_098_091,
    34_900.952_721_145_977_266,
    38_912.003_286_093_271_411,
];
const D7: f64 = 19_685.429_676_859_990_727;

/// `|x| > √32`: Q(|x|) = exp(−x²/2)·(1/√(2π) − P(1/x²)/Q(1/x²)/x²)/|x|.
const P_LOOP: [f64; 4] = [
    0.215_898_534_057_956_99,
    0.127_401_161_160_247_363_9,
    0.022_235_277_870_649_807,
    0.001_421_619_193_227_893_466,
];
const P4: f64 = 2.911_287_495_116_879_2e-5;
const P5: f64 = 0.023_073_441_764_940_173_03;
const Q_LOOP: [f64; 4] = [
    1.284_260_096_144_911_21,
    0.468_238_212_480_865_118,
    0.065_988_137_868_928_551_5,
    0.003_782_396_332_027_582_44,
];
const Q4: f64 = 7.297_515_550_839_662_05e-5;

const UPPER_QUARTILE: f64 = 0.674_489_75;
const SQRT_32: f64 = 5.656_854_249_492_380_195_206_754_896_838;
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_677_939_946_059_934;
/// Beyond this |x| the tail is below the smallest subnormal `f64`.
const TAIL_UNDERFLOW: f64 = 40.0;

/// exp(−y²/2) computed as exp(−s²/2)·exp(−(y−s)(y+s)/2) with `s` = `y`
/// truncated to a multiple of 1/16, so the large part `s²` is exact and the
/// rounding error of `y²` does not get amplified by `exp` (Cody's trick).
fn exp_half_square(y: f64) -> f64 {
    let s = (y * 16.0).trunc() / 16.0;
    let del = (y - s) * (y + s);
    (-s * s * 0.5).exp() * (-del * 0.5).exp()
}

/// The upper tail Q(y) = 1 − Φ(y) for `y > UPPER_QUARTILE`.
fn upper_tail(y: f64) -> f64 {
    if y <= SQRT_32 {
        let (num, den) = C_LOOP
            .iter()
            .zip(D_LOOP.iter())
            .fold((C8 * y, y), |(n, d), (c, dd)| ((n + c) * y, (d + dd) * y));
        exp_half_square(y) * (num + C7) / (den + D7)
    } else if y < TAIL_UNDERFLOW {
        let r = 1.0 / (y * y);
        let (num, den) = P_LOOP
            .iter()
            .zip(Q_LOOP.iter())
            .fold((P5 * r, r), |(n, d), (p, q)| ((n + p) * r, (d + q) * r));
        let t = r * (num + P4) / (den + Q4);
        exp_half_square(y) * (FRAC_1_SQRT_2PI - t) / y
    } else {
        0.0
    }
}

/// The standard normal cumulative distribution function Φ(x) = P(Z ≤ x).
///
/// Method: W. J. Cody's rational Chebyshev approximations (Math. Comp. 23,
/// 1969; ACM TOMS Algorithm 715, 1993) — the algorithm behind R's `pnorm`.
/// Cody states a maximal relative error below 1e-15 in each of the three
/// ranges. The tests check it against `scipy.stats.norm.cdf` to 1e-15
/// absolute (and 1e-13 relative below 0.5) for |x| ≤ 9, and in the lower
/// tail down to x = −37 (Φ ≈ 6e-300) to 1e-14 relative against a 60-digit
/// evaluation. The lower tail is computed directly, never as `1 − upper`,
/// so small probabilities keep their relative accuracy; below x ≈ −38.5 the
/// result underflows to 0. `NaN` gives `NaN`; ±∞ give 1 and 0.
///
/// # Example
///
/// ```
/// use carekit::stats::normal_cdf;
///
/// assert_eq!(normal_cdf(0.0), 0.5);
/// assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-15);
/// // Φ(−10) = 7.619853024160525e-24 (60-digit continued fraction)
/// assert!((normal_cdf(-10.0) / 7.619_853_024_160_525e-24 - 1.0).abs() < 1e-14);
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.abs();
    if y <= UPPER_QUARTILE {
        let sq = x * x;
        let (num, den) = A_LOOP
            .iter()
            .zip(B_LOOP.iter())
            .fold((A4 * sq, sq), |(n, d), (a, b)| ((n + a) * sq, (d + b) * sq));
        return 0.5 + x * (num + A3) / (den + B3);
    }
    let tail = upper_tail(y);
    if x > 0.0 { 1.0 - tail } else { tail }
}

/// The upper tail `1 − Φ(x)` without cancellation (used for p-values).
pub(crate) fn normal_sf(x: f64) -> f64 {
    normal_cdf(-x)
}

// M. J. Wichura (1988), "Algorithm AS 241: The percentage points of the
// normal distribution", Applied Statistics 37(3):477-484, PPND16
// (relative accuracy about 1e-16). Coefficients in ascending powers.
const PA: [f64; 8] = [
    3.387_132_872_796_366_608,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
const PB: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561e3,
];
const PC: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_7e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_4e-4,
];
const PD: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    6.897_673_349_851_000_045_5e-1,
    1.481_039_764_274_800_745_9e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
const PE: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    2.965_605_718_285_048_912_3e-1,
    2.653_218_952_657_612_309_3e-2,
    1.242_660_947_388_078_438_6e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
const PF: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_9e-1,
    1.369_298_809_227_358_053_1e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

fn horner(coefficients: &[f64; 8], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

/// AS 241 for a `p` already known to be in (0, 1).
pub(crate) fn quantile_in_unit(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * horner(&PA, r) / horner(&PB, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        horner(&PC, r) / horner(&PD, r)
    } else {
        let r = r - 5.0;
        horner(&PE, r) / horner(&PF, r)
    };
    if q < 0.0 { -x } else { x }
}

/// The standard normal quantile Φ⁻¹(p): the `x` with Φ(x) = `p`.
///
/// Method: M. J. Wichura's Algorithm AS 241 (`PPND16`, Applied Statistics
/// 37, 1988), relative accuracy about 1e-16. The tests check it against
/// `scipy.stats.norm.ppf` to 1e-14 relative from p = 1e-300 to
/// 1 − 1e-6, and that Φ(Φ⁻¹(p)) = p to 1e-13 relative. Note that `p` close to 1 carries only the absolute precision
/// of an `f64` near 1; for an upper tail pass the small lower-tail
/// probability and negate (`-normal_quantile(1e-12)`).
///
/// # Errors
///
/// [`StatsError::ProbabilityOutOfRange`] unless `0 < p < 1`.
///
/// # Example
///
/// ```
/// use carekit::stats::normal_quantile;
///
/// assert!((normal_quantile(0.975)? - 1.959_963_984_540_054).abs() < 1e-15);
/// assert_eq!(normal_quantile(0.5)?, 0.0);
/// assert!(normal_quantile(1.0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn normal_quantile(p: f64) -> Result<f64, Error> {
    if p > 0.0 && p < 1.0 {
        Ok(quantile_in_unit(p))
    } else {
        Err(StatsError::ProbabilityOutOfRange { value: p }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdf_is_symmetric() {
        // Φ(x) + Φ(−x) = 1 exactly in theory; here to an ulp of 1.
        for i in -800..=800 {
            let x = f64::from(i) / 100.0;
            assert!(
                (normal_cdf(x) + normal_cdf(-x) - 1.0).abs() <= 2.0 * f64::EPSILON,
                "{x}"
            );
        }
    }

    #[test]
    fn quantile_is_antisymmetric_and_continuous_at_its_splits() {
        for p in [0.001, 0.025, 0.1, 0.25, 0.4] {
            assert!(
                (quantile_in_unit(p) + quantile_in_unit(1.0 - p)).abs() < 1e-12,
                "{p}"
            );
        }
        // AS 241 switches at |p − ½| = 0.425 and at √(−ln p) = 5 (p = e^−25).
        for split in [0.075, (-25.0f64).exp()] {
            let (a, b) = (
                quantile_in_unit(split.next_down()),
                quantile_in_unit(split.next_up()),
            );
            // Equal to within rounding (the two formulas may differ by an ulp).
            assert!((b - a).abs() < 1e-12, "{split}: {a} {b}");
        }
    }

    #[test]
    fn quantile_of_the_upper_quartile_is_cody_first_split() {
        // Φ⁻¹(0.75) = 0.6744897501960817 (scipy.stats.norm.ppf(0.75)); Cody's
        // first range ends at its 8-digit rounding 0.67448975.
        assert!((quantile_in_unit(0.75) - 0.674_489_750_196_081_7).abs() < 1e-15);
    }
}
