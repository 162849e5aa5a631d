//! Extreme inputs: every public constructor and operation gets zero, the
//! largest and smallest decimals, the limits of chrono's range, empty
//! collections, a million identical observations, NaN/infinite/negative
//! floats and `u8::MAX`, and must answer or return an error — never panic
//! (SPEC §1.1 "total"; a panic from carekit is a bug).
//!
//! Expected values are worked out by hand next to each assertion. Where the
//! honest answer is "either a value or an error" (for example a deadline
//! that would fall past year 262 143), the test checks that no panic
//! happened and that a returned value is consistent with the input.
#![allow(
    clippy::float_cmp,
    clippy::many_single_char_names,
    reason = "exact float results are the point; short names for throwaway results"
)]

use carekit::calendar::{
    BusinessCalendar, CalendarError, CalendarSpec, CalendarTime, ElapsedTime, OpenInterval,
    WeekSchedule,
};
use carekit::calendar::{Period, PeriodKey};
use carekit::stats::{
    NpsCounts, NpsIntervalMethod, mean_interval, normal_cdf, normal_quantile, nps_difference_test,
    nps_interval, proportion_interval, sample_size, two_proportion_test,
};
use carekit::{
    Breakdown, Ces, CesConfig, CesPolarity, CesRating, ClockSummary, Confidence, Csat, CsatConfig,
    CsatRating, Currency, Durations, Fcr, FcrConvention, Money, Nps, NpsConfig, NpsScore,
    PercentileMethod, QuantileSketch, RatingScale, RoundingStrategy, Weight, WeightedNps,
};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};
use rust_decimal::Decimal;

const MILLION: usize = 1_000_000;

fn cc() -> Confidence {
    Confidence::NINETY_FIVE
}

// ---------------------------------------------------------------- money

#[test]
fn money_at_the_decimal_limits_errors_instead_of_overflowing() {
    let max = Money::new(Decimal::MAX, Currency::EUR);
    let min = Money::new(Decimal::MIN, Currency::EUR);
    let one = Money::from_minor_units(100, Currency::EUR);
    let zero = Money::zero(Currency::EUR);

    assert!(max.checked_add(&one).is_err());
    assert!(min.checked_sub(&one).is_err());
    assert!(max.checked_mul(Decimal::TWO).is_err());
    assert!(min.checked_mul(Decimal::TWO).is_err());
    assert!(max.checked_div(Decimal::ZERO).is_err());
    assert!(zero.checked_div(Decimal::ZERO).is_err());
    // MAX / 0.5 = 2·MAX overflows.
    assert!(max.checked_div(Decimal::new(5, 1)).is_err());
    // MAX + MIN = 0 exactly (the mantissas are equal and opposite).
    assert!(max.checked_add(&min).unwrap().is_zero());
    assert_eq!(max.checked_sub(&max).unwrap(), zero);
    assert_eq!(
        max.checked_mul(Decimal::ZERO).unwrap().amount(),
        Decimal::ZERO
    );
    assert_eq!(max.checked_cmp(&min).unwrap(), std::cmp::Ordering::Greater);
    assert_eq!(max.checked_min(&min).unwrap(), min);
    assert!(max.checked_cmp(&Money::zero(Currency::USD)).is_err());

    // Rounding MAX (an integer) to cents keeps it; the display does not panic.
    for strategy in [
        RoundingStrategy::HalfEven,
        RoundingStrategy::HalfAwayFromZero,
        RoundingStrategy::HalfTowardZero,
        RoundingStrategy::TowardZero,
        RoundingStrategy::AwayFromZero,
        RoundingStrategy::Floor,
        RoundingStrategy::Ceiling,
    ] {
        assert_eq!(max.round_to_minor_units(strategy).amount(), Decimal::MAX);
        assert_eq!(min.round_to_minor_units(strategy).amount(), Decimal::MIN);
    }
    assert!(!max.to_string().is_empty() && !min.to_string().is_empty());

    // Allocation: no weights, zero weights and u32::MAX weights on the extremes.
    assert!(max.allocate(&[]).is_err());
    assert!(max.allocate(&[0, 0]).is_err());
    for m in [&max, &min, &zero] {
        if let Ok(parts) = m.allocate(&[u32::MAX, u32::MAX, 1]) {
            let mut sum = Money::zero(Currency::EUR);
            for p in &parts {
                sum = sum.checked_add(p).unwrap();
            }
            assert_eq!(&sum, m, "allocation keeps every cent");
        }
        if let Ok(parts) = m.allocate(&[1]) {
            assert_eq!(parts, vec![*m]);
        }
    }
    // i64 extremes in minor units are representable exactly.
    let big = Money::from_minor_units(i64::MAX, Currency::JPY);
    assert_eq!(big.amount(), Decimal::from(i64::MAX));
    let small = Money::from_minor_units(i64::MIN, Currency::BHD);
    assert_eq!(
        small.amount(),
        Decimal::from(i64::MIN) / Decimal::from(1000)
    );
}

// ---------------------------------------------------------------- answers and weights

#[test]
fn u8_max_and_bad_floats_are_rejected_by_answer_constructors() {
    assert!(NpsScore::new(u8::MAX).is_err());
    assert!(CsatRating::on_default_scale(u8::MAX).is_err());
    assert!(CesRating::on_default_scale(u8::MAX).is_err());
    // The widest scale 0..=255 holds u8::MAX; 256 points fit a u16.
    let wide = RatingScale::new(0, u8::MAX).unwrap();
    assert_eq!(wide.points(), 256);
    assert_eq!(wide.midpoint(), 127.5); // (0 + 255) / 2
    assert_eq!(CsatRating::new(u8::MAX, wide).unwrap().get(), u8::MAX);
    assert!(RatingScale::new(u8::MAX, u8::MAX).is_err());
    assert!(RatingScale::new(u8::MAX, 0).is_err());

    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        -f64::MIN_POSITIVE,
    ] {
        assert!(Weight::new(bad).is_err(), "weight {bad}");
    }
    assert!(Weight::new(f64::MAX).is_ok());
    assert!(Weight::new(f64::MIN_POSITIVE).is_ok());
}

// ---------------------------------------------------------------- empty accumulators

#[test]
fn empty_accumulators_answer_none_not_nan() {
    let nps = Nps::default();
    assert_eq!(nps.score(), None);
    let s = nps.summary(cc(), NpsIntervalMethod::Wald).unwrap();
    assert_eq!((s.n(), s.score(), s.interval()), (0, None, None));
    let s = nps.summary(cc(), NpsIntervalMethod::AdjustedWald).unwrap();
    assert_eq!(s.score(), None);

    let w = WeightedNps::default();
    assert_eq!((w.score(), w.effective_n()), (None, None));
    assert!(w.summary(cc(), NpsIntervalMethod::Wald).is_ok());

    let csat = Csat::default();
    assert_eq!((csat.percent(), csat.mean()), (None, None));
    let s = csat.summary(cc()).unwrap();
    assert_eq!((s.percent(), s.percent_interval()), (None, None));

    let ces = Ces::default();
    assert_eq!((ces.mean(), ces.net()), (None, None));
    assert_eq!(ces.summary(cc()).unwrap().interval(), None);

    let d = Durations::new();
    assert_eq!((d.mean(), d.min(), d.max()), (None, None, None));
    assert_eq!((d.sample_variance(), d.std_dev()), (None, None));
    assert_eq!(d.sum(), 0.0);
    assert_eq!(d.mean_interval(cc()).unwrap(), None);
    assert_eq!(d.percentile(0.5, PercentileMethod::Linear).unwrap(), None);
    assert_eq!(
        d.percentiles(&[], PercentileMethod::NearestRank).unwrap(),
        None
    );
    assert_eq!(Durations::from_seconds(&[]).unwrap(), d);

    let q = QuantileSketch::new(0.01).unwrap();
    assert_eq!((q.min(), q.max(), q.n()), (None, None, 0));
    assert_eq!(q.quantile(0.5).unwrap(), None);
    assert_eq!(q.quantiles(&[]).unwrap(), None);

    let fcr = Fcr::new(FcrConvention::OneTouch);
    assert_eq!(fcr.rate(), None);
    assert_eq!(fcr.proportion_interval(cc()).unwrap(), None);
    let clocks = ClockSummary::new(FcrConvention::NoReopen);
    assert_eq!((clocks.n(), clocks.reopens_per_interaction()), (0, None));

    // Merging empties with empties stays empty.
    let mut n = Nps::default();
    n.merge(&Nps::default()).unwrap();
    assert_eq!(n, Nps::default());
    let mut d2 = Durations::new();
    d2.merge(&Durations::new()).unwrap();
    assert!(d2.is_empty());
    let mut q2 = QuantileSketch::new(0.01).unwrap();
    q2.merge(&q).unwrap();
    assert!(q2.is_empty());

    // Empty columns.
    let mut n = Nps::default();
    n.extend_u8(&[]).unwrap();
    assert_eq!(n.n(), 0);
    let mut w = WeightedNps::default();
    w.extend_u8(&[], &[]).unwrap();
    assert_eq!(w.n(), 0);

    // Empty breakdowns.
    let b: Breakdown<u8, Nps> = Breakdown::new(Nps::default());
    assert!(b.is_empty());
    assert_eq!(b.total().unwrap(), Nps::default());
    let mut g: Breakdown<u8, Nps> = Breakdown::new(Nps::default());
    g.extend_grouped(&[], &[]).unwrap();
    g.merge(&b).unwrap();
    assert!(g.is_empty());
    let mut g16: Breakdown<u16, Nps> = Breakdown::new(Nps::default());
    assert!(g16.extend_grouped(&[1], &[]).is_err()); // lengths differ
}

// ---------------------------------------------------------------- a million identical answers

#[test]
fn a_million_nines_is_nps_100_exactly() {
    let column = vec![9_u8; MILLION];
    let mut nps = Nps::default();
    nps.extend_u8(&column).unwrap();
    // 1 000 000 promoters, 0 detractors: 100 · (1e6 − 0) / 1e6 = 100.
    assert_eq!(
        (nps.promoters(), nps.passives(), nps.detractors()),
        (1_000_000, 0, 0)
    );
    assert_eq!(nps.score(), Some(100.0));
    // Wald variance p(1−p)·… is 0 at p = 1: the interval collapses to [100, 100].
    let s = nps.summary(cc(), NpsIntervalMethod::Wald).unwrap();
    let ci = s.interval().unwrap();
    assert_eq!((ci.low(), ci.high()), (100.0, 100.0));
    // Adjusted Wald stays inside [−100, 100] and below 100 at the low end.
    let ci = nps
        .summary(cc(), NpsIntervalMethod::AdjustedWald)
        .unwrap()
        .interval()
        .unwrap();
    assert!(ci.low() < 100.0 && ci.high() <= 100.0 && ci.low() > 99.0);

    // Same through push_u8, one at a time, and through the grouped kernel.
    let mut one = Nps::default();
    for &v in &column {
        one.push(v).unwrap();
    }
    assert_eq!(one, nps);
    let mut g: Breakdown<u8, Nps> = Breakdown::new(Nps::default());
    g.extend_grouped(&vec![u8::MAX; MILLION], &column).unwrap();
    assert_eq!(g.get(&u8::MAX), Some(&nps));
    let mut g16: Breakdown<u16, Nps> = Breakdown::new(Nps::default());
    g16.extend_grouped(&vec![u16::MAX; MILLION], &column)
        .unwrap();
    assert_eq!(g16.total().unwrap(), nps);

    // A million zeros: NPS −100.
    let mut zeros = Nps::default();
    zeros.extend_u8(&vec![0_u8; MILLION]).unwrap();
    assert_eq!(zeros.score(), Some(-100.0));

    // A million weighted nines with weight 2: Σw = 2e6 promoters, NPS 100,
    // Kish n_eff = (Σw)² / Σw² = 4e12 / 4e6 = 1e6.
    let mut w = WeightedNps::default();
    w.extend_u8(&column, &vec![2.0; MILLION]).unwrap();
    assert_eq!(w.score(), Some(100.0));
    assert_eq!(w.total_weight(), 2_000_000.0);
    assert_eq!(w.effective_n(), Some(1_000_000.0));
}

#[test]
fn a_million_identical_csat_and_ces_ratings_are_exact() {
    let mut csat = Csat::default();
    csat.extend_u8(&vec![5_u8; MILLION]).unwrap();
    // 1e6 of 1e6 satisfied: 100 %; mean 5.
    assert_eq!(csat.percent(), Some(100.0));
    assert_eq!(csat.mean(), Some(5.0));
    let ci = csat.summary(cc()).unwrap().percent_interval().unwrap();
    // Wilson at p̂ = 1: upper bound exactly 100, lower 100·n/(n + z²) ≈ 99.9996.
    assert_eq!(ci.high(), 100.0);
    let z = cc().z();
    let low = 100.0 * 1e6 / (1e6 + z * z);
    assert!((ci.low() - low).abs() < 1e-9, "{} vs {low}", ci.low());

    let mut csat = Csat::default();
    csat.extend_u8(&vec![1_u8; MILLION]).unwrap();
    assert_eq!(csat.percent(), Some(0.0));
    // Wilson at p̂ = 0: low 0 (up to float rounding), high 100·z²/(n + z²).
    let ci = csat.summary(cc()).unwrap().percent_interval().unwrap();
    assert!(ci.low().abs() < 1e-12, "{}", ci.low());
    assert!((ci.high() - 100.0 * z * z / (1e6 + z * z)).abs() < 1e-9);

    let mut ces = Ces::default();
    ces.extend_u8(&vec![7_u8; MILLION]).unwrap();
    // Default CES: 1..=7, higher is easier; all 7s: mean 7, all easy, net +100.
    assert_eq!(ces.mean(), Some(7.0));
    assert_eq!(ces.easy(), 1_000_000);
    assert_eq!(ces.net(), Some(100.0));
    // Sample variance 0: the mean interval is the point [7, 7].
    let ci = ces.summary(cc()).unwrap().interval().unwrap();
    assert_eq!((ci.low(), ci.high()), (7.0, 7.0));
}

#[test]
fn a_million_identical_durations_are_exact() {
    let mut d = Durations::new();
    d.extend_f64(&vec![42.5; MILLION]).unwrap();
    // Σ = 42.5 · 1e6 = 42 500 000 exactly; variance 0.
    assert_eq!(d.n(), 1_000_000);
    assert_eq!(d.sum(), 42_500_000.0);
    assert_eq!(d.mean(), Some(42.5));
    assert_eq!(d.sample_variance(), Some(0.0));
    assert_eq!((d.min(), d.max()), (Some(42.5), Some(42.5)));
    for method in [PercentileMethod::Linear, PercentileMethod::NearestRank] {
        assert_eq!(
            d.percentiles(&[0.0, 0.5, 0.9, 1.0], method).unwrap(),
            Some(vec![42.5; 4])
        );
    }
    let ci = d.mean_interval(cc()).unwrap().unwrap();
    assert_eq!((ci.low(), ci.high()), (42.5, 42.5));

    let mut q = QuantileSketch::new(0.01).unwrap();
    q.extend_f64(&vec![42.5; MILLION]).unwrap();
    assert_eq!(q.n(), 1_000_000);
    // Every quantile is the one bucket's representative, within 1 % of 42.5,
    // and min/max are exact.
    for p in [0.0, 0.5, 0.99, 1.0] {
        let v = q.quantile(p).unwrap().unwrap();
        assert!((v - 42.5).abs() <= 0.01 * 42.5, "q{p} = {v}");
    }
    assert_eq!((q.min(), q.max()), (Some(42.5), Some(42.5)));

    // A million zeros: everything is 0.
    let mut z = QuantileSketch::new(0.01).unwrap();
    z.extend_f64(&vec![0.0; MILLION]).unwrap();
    assert_eq!(z.quantile(0.5).unwrap(), Some(0.0));
    let zd = Durations::from_seconds(&vec![0.0; MILLION]).unwrap();
    assert_eq!((zd.sum(), zd.mean()), (0.0, Some(0.0)));
}

// ---------------------------------------------------------------- bad floats

#[test]
fn nan_infinite_and_negative_durations_are_errors() {
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        -f64::MIN_POSITIVE,
    ] {
        let mut d = Durations::new();
        assert!(d.push(bad).is_err(), "push {bad}");
        assert!(d.extend_f64(&[1.0, bad]).is_err(), "extend {bad}");
        assert!(Durations::from_seconds(&[bad]).is_err(), "from {bad}");
        let mut q = QuantileSketch::new(0.02).unwrap();
        assert!(q.push(bad).is_err(), "sketch add {bad}");
        assert!(q.extend_f64(&[3.0, bad]).is_err(), "sketch extend {bad}");
    }
    let mut d = Durations::new();
    assert!(d.push(TimeDelta::seconds(-1)).is_err());
    // The longest TimeDelta (≈ 9.2e15 s) is above MAX_SECONDS = 1e15.
    assert!(d.push(TimeDelta::MAX).is_err());
    assert!(d.push(Durations::MAX_SECONDS.next_up()).is_err());
    d.push(Durations::MAX_SECONDS).unwrap();
    d.push(TimeDelta::zero()).unwrap();
    assert_eq!(d.n(), 2);
    // Quantiles outside [0, 1] or NaN are errors, also on empty values.
    for q in [f64::NAN, -0.1, 1.1, f64::INFINITY] {
        assert!(d.percentile(q, PercentileMethod::Linear).is_err(), "q {q}");
        assert!(
            Durations::new()
                .percentile(q, PercentileMethod::Linear)
                .is_err()
        );
        assert!(QuantileSketch::new(0.01).unwrap().quantile(q).is_err());
    }
    for alpha in [f64::NAN, 0.0, 1.0, -0.5, f64::INFINITY] {
        assert!(QuantileSketch::new(alpha).is_err(), "alpha {alpha}");
    }
}

#[test]
fn the_largest_finite_durations_stay_finite() {
    // f64::MAX is above the cap; a million values at the cap sum to
    // 1e15 · 1e6 = 1e21 (exactly representable? no, but Σ is correctly
    // rounded, and 1e21 is the nearest double to itself).
    assert!(Durations::from_seconds(&[f64::MAX]).is_err());
    let cap = Durations::MAX_SECONDS;
    let mut d = Durations::from_seconds(&vec![cap; MILLION]).unwrap();
    assert_eq!(d.sum(), 1e21);
    assert_eq!(d.mean(), Some(cap));
    assert_eq!(d.sample_variance(), Some(0.0));
    let ci = d.mean_interval(cc()).unwrap().unwrap();
    assert_eq!((ci.low(), ci.high()), (cap, cap));
    assert_eq!(
        d.percentile(0.5, PercentileMethod::Linear).unwrap(),
        Some(cap)
    );
    // Half at 0, half at the cap: variance = n/(n−1) · cap²/4, finite.
    let mut half = Durations::from_seconds(&[0.0, cap]).unwrap();
    half.merge(&half.clone()).unwrap();
    assert!(half.sample_variance().is_some_and(f64::is_finite));
    assert_eq!(half.mean(), Some(cap / 2.0));
    d.push(f64::MIN_POSITIVE).unwrap();
    d.push(5e-324).unwrap(); // the smallest subnormal
    assert_eq!(d.min(), Some(5e-324));

    let mut q = QuantileSketch::new(0.01).unwrap();
    if q.push(f64::MAX).is_ok() {
        assert_eq!(q.max(), Some(f64::MAX));
    }
    q.extend_f64(&[cap, 5e-324, f64::MIN_POSITIVE, 0.0])
        .unwrap();
    assert_eq!(q.min(), Some(0.0));
    let top = q.quantile(1.0).unwrap().unwrap();
    assert!(top.is_finite() && top > 0.0);
    assert!(q.key(f64::MAX) > q.key(1.0));
    assert!(q.bucket_value(i64::MAX).is_finite() || q.bucket_value(i64::MAX).is_infinite());
    let _ = q.bucket_value(i64::MIN);
    let _ = q.key(0.0);
    let _ = q.key(f64::NAN);
    let _ = q.key(-1.0);
}

#[test]
fn weighted_nps_rejects_bad_weights_and_survives_huge_ones() {
    let mut w = WeightedNps::default();
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        assert!(w.extend_u8(&[9], &[bad]).is_err(), "weight {bad}");
    }
    assert!(w.extend_u8(&[9, 0], &[1.0]).is_err()); // lengths differ
    assert!(w.extend_u8(&[u8::MAX], &[1.0]).is_err());
    assert_eq!(w.n(), 0, "a rejected column adds nothing");
    // Two answers of weight f64::MAX: Σw overflows to infinity in f64, an
    // error that leaves the accumulator as it was.
    assert!(w.extend_u8(&[9, 0], &[f64::MAX, f64::MAX]).is_err());
    assert_eq!(w.n(), 0);
    // Pushed one at a time, f64::MAX is refused already (its square
    // overflows Σw²), and nothing changes.
    assert!(
        w.push((NpsScore::new(9).unwrap(), Weight::new(f64::MAX).unwrap()))
            .is_err()
    );
    assert_eq!((w.n(), w.score()), (0, None));
    // 1e150 squares to 1e300, still finite: accepted.
    w.push((NpsScore::new(9).unwrap(), Weight::new(1e150).unwrap()))
        .unwrap();
    assert_eq!(w.score(), Some(100.0));
    assert!(w.summary(cc(), NpsIntervalMethod::Wald).is_ok());
    // Zero weights are refused (a weight must be positive).
    let mut z = WeightedNps::default();
    assert!(z.extend_u8(&[9, 9], &[0.0, 0.0]).is_err());
    assert_eq!(z.score(), None);
    // The smallest positive weights: Σw = 2·5e-324 is still positive.
    z.extend_u8(&[9, 0], &[5e-324, 5e-324]).unwrap();
    if let Some(s) = z.score() {
        assert!((-100.0..=100.0).contains(&s), "score {s}");
    }
    assert!(z.summary(cc(), NpsIntervalMethod::Wald).is_ok());
}

// ---------------------------------------------------------------- u8::MAX in columns

#[test]
fn u8_max_in_a_column_is_an_error_naming_its_index() {
    let mut column = vec![9_u8; 1000];
    column[777] = u8::MAX;
    let mut nps = Nps::default();
    let err = nps.extend_u8(&column).unwrap_err();
    assert!(err.to_string().contains("255"), "{err}");
    assert_eq!(nps.n(), 0, "a rejected column adds nothing");
    assert!(nps.push(u8::MAX).is_err());
    let mut csat = Csat::default();
    assert!(csat.extend_u8(&column).is_err());
    assert!(csat.push(u8::MAX).is_err());
    let mut ces = Ces::default();
    assert!(ces.extend_u8(&column).is_err());
    assert!(ces.push(u8::MAX).is_err());
    let mut g: Breakdown<u8, Nps> = Breakdown::new(Nps::default());
    assert!(g.extend_grouped(&vec![u8::MAX; 1000], &column).is_err());

    // On the 0..=255 scale, u8::MAX is a rating like any other.
    let wide = RatingScale::new(0, u8::MAX).unwrap();
    let mut csat = Csat::new(CsatConfig::new(wide, u8::MAX).unwrap());
    csat.extend_u8(&[u8::MAX, 0, u8::MAX, 254]).unwrap();
    // Satisfied = ratings ≥ 255: 2 of 4 = 50 %; mean (255+0+255+254)/4 = 191.
    assert_eq!(csat.percent(), Some(50.0));
    assert_eq!(csat.mean(), Some(191.0));
    assert!(csat.summary(cc()).is_ok());
    let ces = CesConfig::new(wide, u8::MAX, 0, CesPolarity::HigherIsEasier).unwrap();
    let mut ces = Ces::new(ces);
    ces.extend_u8(&[u8::MAX, 0]).unwrap();
    assert_eq!(
        (ces.easy(), ces.difficult(), ces.mean()),
        (1, 1, Some(127.5))
    );
    assert!(NpsConfig::new(u8::MAX, u8::MAX).is_err());
    assert!(NpsConfig::new(0, u8::MAX).is_err());
}

// ---------------------------------------------------------------- huge merges

#[test]
fn merges_near_u64_max_refuse_never_wrap() {
    // Build an NPS with 2^63 promoters through serde (the only way to get
    // there without 2^63 pushes) and merge it with itself.
    let half: u64 = 1 << 63;
    let json = format!(
        r#"{{"config":{{"detractor_max":6,"promoter_min":9}},"detractors":0,"passives":0,"promoters":{half}}}"#
    );
    let big: Nps = serde_json::from_str(&json).unwrap();
    let mut sum = big.clone();
    assert!(sum.merge(&big).is_err(), "2^63 + 2^63 overflows u64");
    assert_eq!(sum, big, "a failed merge leaves the accumulator unchanged");
    assert_eq!(big.score(), Some(100.0));
    assert!(big.summary(cc(), NpsIntervalMethod::AdjustedWald).is_ok());
    // One more answer into u64::MAX promoters is refused, like a merge,
    // and leaves the counts as they were (they once saturated silently).
    let full = format!(
        r#"{{"config":{{"detractor_max":6,"promoter_min":9}},"detractors":0,"passives":0,"promoters":{}}}"#,
        u64::MAX
    );
    let mut full: Nps = serde_json::from_str(&full).unwrap();
    let before = full.clone();
    assert!(full.push(10).is_err());
    assert!(full.push(0).is_err()); // the total would pass u64::MAX too
    assert!(full.extend_u8(&[10, 10]).is_err());
    assert_eq!(full, before);
    assert_eq!(full.score(), Some(100.0));

    // Csat counts.
    let json = format!(
        r#"{{"config":{{"scale":{{"min":1,"max":5}},"satisfied_from":4}},"counts":[0,0,0,0,{}]}}"#,
        u64::MAX
    );
    if let Ok(mut c) = serde_json::from_str::<Csat>(&json) {
        // push is checked like merge: refused, counts unchanged.
        assert!(c.push(5).is_err());
        assert_eq!(c.count(5), u64::MAX);
        let copy = c.clone();
        assert!(c.merge(&copy).is_err());
        assert_eq!(c.percent(), Some(100.0));
        assert!(c.mean().is_some_and(f64::is_finite));
        assert!(c.summary(cc()).is_ok());
    }

    // NpsCounts near u64::MAX: the total overflows, so construction fails.
    assert!(NpsCounts::new(u64::MAX, 1, 0).is_err());
    let c = NpsCounts::new(u64::MAX, 0, 0).unwrap();
    assert_eq!(c.score(), Some(100.0));
    assert!(c.interval(NpsIntervalMethod::Wald, cc()).is_ok());
    assert!(nps_difference_test(c, c, cc()).is_ok());

    // Fcr and retention counts.
    let f = Fcr::from_counts(FcrConvention::OneTouch, u64::MAX, u64::MAX).unwrap();
    let mut f2 = f;
    // Fcr::merge refuses an overflowing merge, like Nps/Csat/Ces::merge,
    // and leaves the accumulator as it was.
    assert!(f2.merge(&f).is_err());
    assert_eq!((f2.resolved(), f2.n()), (u64::MAX, u64::MAX));
    assert_eq!(f.rate(), Some(1.0));
    assert!(Fcr::from_counts(FcrConvention::OneTouch, 1, 0).is_err());
    let mut r = carekit::Retention::from_counts(u64::MAX, u64::MAX, u64::MAX).unwrap();
    let copy = r;
    assert!(r.merge(&copy).is_err()); // refused, not saturated
    assert_eq!(r, copy);
    let _ = (r.retention_rate(), r.churn_rate(), r.kept(), r.lost());
    let mut rp = carekit::RepeatPurchaseRate::from_counts(u64::MAX, u64::MAX).unwrap();
    let copy = rp;
    assert!(rp.merge(&copy).is_err());
    assert_eq!(rp, copy);
    let _ = rp.rate();
    // An empty cohort is the empty accumulator, with no rate.
    assert_eq!(
        carekit::RepeatPurchaseRate::from_counts(0, 0)
            .unwrap()
            .rate(),
        None
    );

    // Durations and sketches merged with themselves many times.
    let mut d = Durations::from_seconds(&[1.0, 2.0, 3.0]).unwrap();
    for _ in 0..20 {
        let copy = d.clone();
        d.merge(&copy).unwrap();
    }
    // 3 · 2^20 values with mean 2.
    assert_eq!(d.n(), 3 << 20);
    assert_eq!(d.mean(), Some(2.0));
    let mut q = QuantileSketch::new(0.01).unwrap();
    q.extend_f64(&[1.0, 2.0, 3.0]).unwrap();
    for _ in 0..62 {
        let copy = q.clone();
        q.merge(&copy).unwrap();
    }
    // 3 · 2^62 overflows u64 on the next doubling.
    assert_eq!(q.n(), 3 << 62);
    let copy = q.clone();
    let _ = q.merge(&copy);
    assert!(q.quantile(0.5).unwrap().is_some());
}

// ---------------------------------------------------------------- stats

#[test]
fn statistics_at_the_edges() {
    for bad in [f64::NAN, 0.0, 1.0, -1.0, f64::INFINITY] {
        assert!(Confidence::new(bad).is_err(), "confidence {bad}");
        assert!(
            normal_quantile(bad).is_err() || bad.is_finite(),
            "quantile {bad}"
        );
    }
    assert_eq!(normal_cdf(f64::INFINITY), 1.0);
    assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
    assert!(normal_cdf(f64::NAN).is_nan());
    // The closest levels to 0 and 1 give finite z.
    let nearly_one = Confidence::new(1.0_f64.next_down()).unwrap();
    assert!(nearly_one.z().is_finite() && nearly_one.z() > 8.0);
    let tiny = Confidence::new(f64::MIN_POSITIVE).unwrap();
    assert!(tiny.z().is_finite() && tiny.z() >= 0.0);

    assert_eq!(proportion_interval(0, 0, cc()).unwrap(), None);
    assert!(proportion_interval(1, 0, cc()).is_err());
    let ci = proportion_interval(u64::MAX, u64::MAX, cc())
        .unwrap()
        .unwrap();
    assert!(ci.low() <= 1.0 && ci.high() == 1.0);
    assert!(two_proportion_test(0, 0, 0, 0, cc()).is_err());
    assert!(two_proportion_test(u64::MAX, u64::MAX, 0, u64::MAX, cc()).is_ok());
    assert!(two_proportion_test(0, 10, 0, 10, cc()).is_ok());

    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        assert!(mean_interval(1.0, bad, 10, cc()).is_err(), "variance {bad}");
        assert!(sample_size(bad, 0.25, cc()).is_err(), "margin {bad}");
        assert!(sample_size(0.05, bad, cc()).is_err(), "variance {bad}");
        assert!(
            nps_interval(bad, 1.0, 2.0, 2.0, NpsIntervalMethod::Wald, cc()).is_err(),
            "weight {bad}"
        );
    }
    assert!(mean_interval(f64::NAN, 1.0, 10, cc()).is_err());
    assert_eq!(mean_interval(1.0, 1.0, 0, cc()).unwrap(), None);
    assert!(mean_interval(1.0, 1.0, 1, cc()).unwrap().is_none());
    assert!(mean_interval(f64::MAX, f64::MAX, u64::MAX, cc()).is_ok());
    // A margin of the smallest positive float needs more than u64::MAX answers.
    assert!(sample_size(f64::MIN_POSITIVE, 0.25, cc()).is_err());
    assert!(sample_size(0.0, 0.25, cc()).is_err());
    assert_eq!(sample_size(1.0, 0.0, cc()).unwrap(), 1);
    assert!(nps_interval(0.0, 0.0, 0.0, 0.0, NpsIntervalMethod::Wald, cc()).is_ok());
    assert!(
        nps_interval(
            f64::MAX,
            0.0,
            f64::MAX,
            f64::MAX,
            NpsIntervalMethod::AdjustedWald,
            cc()
        )
        .is_ok()
    );
}

// ---------------------------------------------------------------- periods

#[test]
fn period_keys_at_the_ends_of_time() {
    let zones = [
        FixedOffset::east_opt(0).unwrap(),
        FixedOffset::east_opt(23 * 3600 + 59 * 60).unwrap(),
        FixedOffset::west_opt(23 * 3600 + 59 * 60).unwrap(),
    ];
    for period in [
        Period::Day,
        Period::IsoWeek,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ] {
        for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            for tz in &zones {
                // Either a key of the right kind, or a named error: never a
                // panic, never a clamped date.
                match PeriodKey::of(at, period, tz) {
                    Ok(key) => {
                        assert_eq!(key.period(), period);
                        assert!(!key.to_string().is_empty());
                        let _ = key.start_instant(tz);
                        let _ = key.end_instant(tz);
                    }
                    Err(e) => assert!(
                        matches!(
                            e,
                            carekit::Error::Calendar(CalendarError::PeriodOutOfRange { .. })
                        ),
                        "{e}"
                    ),
                }
            }
        }
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            if let Some(key) = PeriodKey::containing(date, period) {
                assert!(key.start() <= date, "{period:?} {date}");
                assert!(!key.to_string().is_empty());
            }
        }
    }
}

// ---------------------------------------------------------------- calendars

fn utc_calendar() -> BusinessCalendar<Utc> {
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    BusinessCalendar::new(Utc, CalendarSpec::new(week)).unwrap()
}

fn always_open() -> BusinessCalendar<FixedOffset> {
    let day = OpenInterval::parse("00:00", "24:00").unwrap();
    let week = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .fold(WeekSchedule::closed(), |w, d| w.with_day(d, [day]).unwrap());
    BusinessCalendar::new(
        FixedOffset::west_opt(14 * 3600).unwrap(),
        CalendarSpec::new(week),
    )
    .unwrap()
}

const LIMITS: [DateTime<Utc>; 2] = [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC];

/// The first and last instants a business calendar answers for.
fn supported() -> [DateTime<Utc>; 2] {
    [
        Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0).unwrap(),
    ]
}

fn is_outside_range<T>(r: Result<T, carekit::Error>, at: DateTime<Utc>) -> bool {
    r.err().is_some_and(|e| {
        matches!(e, carekit::Error::Calendar(CalendarError::OutsideSupportedRange { instant }) if instant == at)
    })
}

#[test]
fn calendars_at_the_limits_of_chrono_answer_or_refuse() {
    let office = utc_calendar();
    let open = always_open();
    let mid = Utc.with_ymd_and_hms(2024, 3, 4, 12, 0, 0).unwrap();
    let spans = [
        TimeDelta::zero(),
        TimeDelta::seconds(1),
        TimeDelta::hours(8),
        TimeDelta::days(365),
        TimeDelta::MAX,
        TimeDelta::seconds(-1),
        TimeDelta::MIN,
    ];
    let [first, last] = supported();
    let just_outside = [
        first - TimeDelta::nanoseconds(1),
        last + TimeDelta::nanoseconds(1),
    ];
    for at in LIMITS.into_iter().chain(just_outside) {
        // Outside the supported range every question but is_open is refused
        // at once, naming the instant (a negative duration is refused first).
        for d in spans {
            for result in [office.add(at, d), open.add(at, d)] {
                if d < TimeDelta::zero() {
                    assert!(result.is_err());
                } else {
                    assert!(is_outside_range(result, at), "add({at}, {d})");
                }
            }
        }
        assert!(is_outside_range(office.next_open(at), at));
        assert!(is_outside_range(open.next_open(at), at));
        assert!(is_outside_range(office.between(at, at), at));
        assert!(is_outside_range(
            office.between(at.min(mid), at.max(mid)),
            at
        ));
        assert!(is_outside_range(
            ElapsedTime::elapsed(&open, at.min(mid), at.max(mid)),
            at
        ));
        // is_open has an answer everywhere: always open is open.
        let _ = office.is_open(at);
        assert!(open.is_open(at));
    }
    for at in [first, last, mid] {
        for d in spans {
            for (name, result) in [("office", office.add(at, d)), ("open", open.add(at, d))] {
                match result {
                    Ok(t) => {
                        assert!(d >= TimeDelta::zero(), "{name}: negative {d} accepted");
                        assert!(t >= at && t <= last, "{name}: add({at}, {d}) = {t}");
                        if name == "open" {
                            assert_eq!(t, at + d, "always open counts every second");
                        }
                    }
                    Err(carekit::Error::Calendar(CalendarError::OutOfRange {
                        start,
                        duration,
                    })) => {
                        assert_eq!((start, duration), (at, d));
                        assert!(
                            at.checked_add_signed(d).is_none_or(|t| t > last),
                            "{name}: add({at}, {d})"
                        );
                    }
                    Err(e) => assert!(d < TimeDelta::zero(), "{name}: add({at}, {d}): {e}"),
                }
            }
            let _ = CalendarTime.advance(at, d);
        }
        for (name, next) in [
            ("office", office.next_open(at)),
            ("open", open.next_open(at)),
        ] {
            if let Some(t) = next.unwrap() {
                assert!(t >= at && t <= last, "{name}: next_open({at}) = {t}");
            }
        }
    }
    // 2200-01-01 is a Wednesday at midnight: the office does not open again
    // within the range, and the last second cannot be added to.
    assert_eq!(office.next_open(last).unwrap(), None);
    assert_eq!(open.add(last, TimeDelta::zero()).unwrap(), last);
    assert!(
        open.add(last - TimeDelta::seconds(1), TimeDelta::seconds(1))
            .is_ok()
    );
    assert!(
        open.add(last - TimeDelta::seconds(1), TimeDelta::seconds(2))
            .is_err()
    );
    // between over the whole supported range, checked against a count of
    // weekdays made with chrono alone: Monday to Friday 09:00–17:00 in UTC.
    let weekdays = first
        .date_naive()
        .iter_days()
        .take_while(|d| *d < last.date_naive())
        .filter(|d| d.weekday().number_from_monday() <= 5)
        .count();
    let expected = TimeDelta::hours(8 * i64::try_from(weekdays).unwrap());
    assert_eq!(office.between(first, last).unwrap(), expected);
    assert_eq!(open.between(first, last).unwrap(), last - first);
    assert_eq!(
        CalendarTime.elapsed(LIMITS[0], LIMITS[1]).unwrap(),
        LIMITS[1] - LIMITS[0]
    );
    assert!(CalendarTime.elapsed(LIMITS[1], LIMITS[0]).is_err());
    for cal in [&office as &dyn ElapsedTime, &open] {
        assert_eq!(cal.elapsed(first, first).unwrap(), TimeDelta::zero());
        assert_eq!(cal.elapsed(last, last).unwrap(), TimeDelta::zero());
        assert!(cal.elapsed(last, first).is_err());
    }
    // A calendar that is never open answers None / an error, never loops.
    let closed = BusinessCalendar::new(Utc, CalendarSpec::new(WeekSchedule::closed())).unwrap();
    for at in [first, mid, last] {
        assert!(!closed.is_open(at));
        assert_eq!(closed.next_open(at).unwrap(), None);
        assert!(closed.add(at, TimeDelta::seconds(1)).is_err());
        assert_eq!(closed.between(first, at).unwrap(), TimeDelta::zero());
    }
}

// ---------------------------------------------------------------- interactions and clocks

fn case_at(created: DateTime<Utc>) -> carekit::InteractionBuilder {
    carekit::Interaction::builder(
        carekit::InteractionId::new("T-x").unwrap(),
        carekit::CustomerId::new("c-x").unwrap(),
        carekit::Channel::Email,
        created,
    )
}

fn ana() -> carekit::AgentId {
    carekit::AgentId::new("ana").unwrap()
}

/// An interaction spanning chrono's whole range: created at `MIN_UTC`,
/// answered, solved and reopened at `MAX_UTC`.
fn whole_range() -> carekit::Interaction {
    use carekit::{Status, Visibility};
    let (lo, hi) = (LIMITS[0], LIMITS[1]);
    case_at(lo)
        .customer_message(lo)
        .status(lo, Status::Open)
        .agent_reply(hi, ana(), Visibility::Public)
        .status(hi, Status::Solved)
        .build()
        .unwrap()
}

/// Two interactions lasting a decade, at the start and at the end of
/// chrono's range.
fn edge_cases() -> [carekit::Interaction; 2] {
    use carekit::{Status, Visibility};
    let decade = TimeDelta::days(3653);
    let [lo, hi] = supported();
    [(lo, lo + decade), (hi - decade, hi)].map(|(from, to)| {
        case_at(from)
            .customer_message(from)
            .agent_reply(to, ana(), Visibility::Public)
            .status(to, Status::Solved)
            .build()
            .unwrap()
    })
}

#[test]
fn interactions_spanning_chronos_range_measure_without_panicking() {
    use carekit::{InteractionClocks, Status};
    let (lo, hi) = (LIMITS[0], LIMITS[1]);
    let i = whole_range();
    // MAX_UTC − MIN_UTC ≈ 524 287 years ≈ 1.65e13 s fits a TimeDelta (±2.9e11 years).
    let span = hi - lo;
    assert_eq!(i.first_public_agent_reply(), Some(hi));
    assert_eq!(i.first_solve(), Some(hi));
    let periods: Vec<_> = i.status_periods(hi);
    assert!(!periods.is_empty());
    let total: TimeDelta = periods.iter().map(carekit::StatusPeriod::duration).sum();
    assert_eq!(total, span);
    assert_eq!(i.time_in_status(hi).get(Status::Open), span);
    assert_eq!(i.status_at(hi), Status::Solved);
    assert_eq!(i.status_at(lo), Status::Open);

    for convention in [
        FcrConvention::OneTouch,
        FcrConvention::NoCustomerFollowUp,
        FcrConvention::NoReopen,
    ] {
        let c = InteractionClocks::measure(&i, hi, &CalendarTime, convention).unwrap();
        assert_eq!(c.first_reply(), Some(span));
        assert_eq!(c.full_resolution(), Some(span));
        assert_eq!(c.first_contact_resolved(), Some(true));
        // The span in seconds, ≈ 1.65e13, is below Durations::MAX_SECONDS.
        let mut summary = ClockSummary::new(convention);
        summary.push(&c).unwrap();
        assert_eq!(summary.first_reply().max(), Some(span.as_seconds_f64()));
        let mut fcr = Fcr::new(convention);
        fcr.push(&c).unwrap();
        assert_eq!(fcr.rate(), Some(1.0));
        // In business time the interaction over chrono's whole range is
        // refused (its creation is outside the supported range); the first
        // and last decade of the supported range are measured.
        assert!(is_outside_range(
            InteractionClocks::measure(&i, hi, &utc_calendar(), convention),
            lo
        ));
        for edge in edge_cases() {
            let until = edge.last_solve().unwrap();
            for c in [
                InteractionClocks::measure(&edge, until, &utc_calendar(), convention).unwrap(),
                InteractionClocks::measure(&edge, until, &always_open(), convention).unwrap(),
            ] {
                assert!(c.first_reply().unwrap() <= until - edge.created_at());
                summary.push(&c).unwrap();
            }
        }
    }
    // `until` before creation is an error.
    let late = case_at(hi).build().unwrap();
    assert!(InteractionClocks::measure(&late, lo, &CalendarTime, FcrConvention::OneTouch).is_err());
    let c = InteractionClocks::measure(&late, hi, &CalendarTime, FcrConvention::OneTouch).unwrap();
    assert_eq!(
        (c.first_reply(), c.requester_wait()),
        (None, TimeDelta::zero())
    );
    // An event before creation is refused by the builder.
    assert!(case_at(hi).customer_message(lo).build().is_err());
    // No events at all: a valid, empty timeline.
    let empty = case_at(lo).build().unwrap();
    assert_eq!(empty.public_agent_reply_count(), 0);
    assert_eq!(empty.reopen_count(), 0);
    assert!(empty.time_in_status(hi).get(Status::Solved).is_zero());
}

// ---------------------------------------------------------------- SLA

/// Evaluates and reads every part of the result; an error is an answer too.
fn check_evaluation<T: ElapsedTime>(
    book: &carekit::SlaBook,
    i: &carekit::Interaction,
    ctx: &carekit::SlaContext<'_>,
    at: DateTime<Utc>,
    time: &T,
) -> usize {
    let Ok(e) = book.evaluate(i, ctx, at, time) else {
        return 0;
    };
    let mut a = carekit::SlaAttainment::new();
    a.push(&e).unwrap();
    for t in e.targets() {
        assert!(!t.reason().is_empty());
        let _ = t.state().margin();
        assert!(t.counted() >= TimeDelta::zero());
    }
    let _ = e.next_deadline();
    let _ = e.is_breached();
    let _ = a.proportion_interval(carekit::TargetKind::FirstReply, cc());
    1
}

#[test]
fn sla_evaluation_at_the_limits_of_chrono() {
    use carekit::sla::{Conditions, SlaContext, TargetKind, TimeBasis};
    use carekit::{SlaAttainment, SlaBook, SlaPolicy, Target};

    // Empty books are refused or match nothing.
    if let Ok(empty) = SlaBook::new(vec![]) {
        let e = empty
            .evaluate(&whole_range(), &SlaContext::new(), LIMITS[1], &CalendarTime)
            .unwrap();
        assert_eq!(e.policy(), None);
        assert!(e.targets().is_empty());
    }
    let _ = SlaPolicy::new("p", Conditions::any(), vec![]);
    assert!(Target::new(TargetKind::FirstReply, TimeDelta::zero()).is_err());
    assert!(Target::new(TargetKind::FirstReply, TimeDelta::seconds(-1)).is_err());
    assert!(Target::new(TargetKind::FirstReply, TimeDelta::MIN).is_err());

    let mut answered = 0;
    let kinds = [
        TargetKind::FirstReply,
        TargetKind::NextReply,
        TargetKind::PeriodicUpdate,
        TargetKind::Resolution,
        TargetKind::RequesterWait,
        TargetKind::AgentWork,
    ];
    for within in [TimeDelta::seconds(1), TimeDelta::days(1), TimeDelta::MAX] {
        for basis in [TimeBasis::Business, TimeBasis::Calendar] {
            let targets: Vec<Target> = kinds
                .iter()
                .filter_map(|&k| Target::new(k, within).ok())
                .map(|t| t.with_basis(basis))
                .collect();
            if targets.is_empty() {
                continue;
            }
            let Ok(policy) = SlaPolicy::new("edge", Conditions::any(), targets) else {
                continue;
            };
            let book = SlaBook::new(vec![policy]).unwrap();
            let huge = carekit::loyalty::Multiplier::new(Decimal::from(1_000_000)).unwrap();
            let benefits = carekit::loyalty::Benefits::default()
                .with_priority_boost(u8::MAX)
                .with_sla_target_multiplier(huge);
            let tiny = carekit::loyalty::Benefits::default().with_sla_target_multiplier(
                carekit::loyalty::Multiplier::new(Decimal::new(1, 28)).unwrap(),
            );
            let interactions = [
                whole_range(),
                case_at(LIMITS[0]).build().unwrap(),
                case_at(LIMITS[1]).build().unwrap(),
            ];
            for i in &interactions {
                for at in [i.created_at(), LIMITS[1]] {
                    for ctx in [
                        SlaContext::new(),
                        SlaContext::new().with_benefits(&benefits),
                        SlaContext::new().with_benefits(&tiny),
                    ] {
                        answered += check_evaluation(&book, i, &ctx, at, &CalendarTime);
                    }
                }
            }
            for i in &edge_cases() {
                for at in [i.created_at(), i.last_solve().unwrap()] {
                    answered += check_evaluation(&book, i, &SlaContext::new(), at, &utc_calendar());
                    answered += check_evaluation(
                        &book,
                        i,
                        &SlaContext::new().with_benefits(&benefits),
                        at,
                        &always_open(),
                    );
                    answered += check_evaluation(
                        &book,
                        i,
                        &SlaContext::new().with_benefits(&tiny),
                        at,
                        &utc_calendar(),
                    );
                }
            }
            // Evaluating before creation is an error, not a panic.
            let late = case_at(LIMITS[1]).build().unwrap();
            assert!(
                book.evaluate(&late, &SlaContext::new(), LIMITS[0], &CalendarTime)
                    .is_err()
            );
        }
    }
    eprintln!("sla evaluations answered: {answered}");
    assert!(answered > 0);
    // Attainment counts at u64::MAX.
    let mut a = SlaAttainment::new();
    // u64::MAX achieved and u64::MAX breached do not fit in a u64 total:
    // refused, not saturated.
    assert!(
        a.push((
            TargetKind::Resolution,
            carekit::sla::AttainmentCounts::new(u64::MAX, u64::MAX),
        ))
        .is_err()
    );
    a.push((
        TargetKind::Resolution,
        carekit::sla::AttainmentCounts::new(u64::MAX - 1, 1),
    ))
    .unwrap();
    let copy = a.clone();
    assert!(a.merge(&copy).is_err());
    assert_eq!(a, copy);
    let _ = a.rate(TargetKind::Resolution);
    let _ = a.overall();
    let _ = a.proportion_interval(TargetKind::Resolution, cc());
    assert_eq!(SlaAttainment::new().rate(TargetKind::FirstReply), None);
}

// ---------------------------------------------------------------- loyalty

#[test]
fn loyalty_at_the_limits_answers_or_refuses() {
    use carekit::TierId;
    use carekit::calendar::Span;
    use carekit::loyalty::{
        DowngradePolicy, DowngradeRule, EventId, LoyaltyEvent, LoyaltyProgramme, Measure,
        Membership, PointsRule, Tier, Window,
    };
    let (lo, hi) = (LIMITS[0], LIMITS[1]);
    let tier = |s: &str| TierId::new(s).unwrap();
    let id = |s: &str| EventId::new(s).unwrap();
    let eur = |d: Decimal| Money::new(d, Currency::EUR);

    // A programme needs tiers.
    assert!(
        LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::Lifetime)
            .build()
            .is_err()
    );
    // Event constructors on extreme values.
    assert!(LoyaltyEvent::purchase(id("p"), hi, eur(Decimal::MAX)).is_ok());
    assert!(LoyaltyEvent::purchase(id("p"), lo, eur(Decimal::MIN)).is_err());
    let _ = LoyaltyEvent::purchase(id("p"), lo, eur(Decimal::ZERO));
    assert!(LoyaltyEvent::pending_purchase(id("p"), hi, eur(Decimal::ONE), lo).is_err());
    let _ = LoyaltyEvent::adjustment(id("a"), lo, Decimal::MIN);
    let _ = LoyaltyEvent::redemption(id("r"), hi, u64::MAX);
    let _ = LoyaltyEvent::redemption(id("r"), hi, 0);
    assert!(carekit::ManualFloor::new(tier("gold"), hi, Some(lo)).is_err());
    assert!(PointsRule::new(Decimal::MIN).is_err());

    let windows = [
        Window::Lifetime,
        Window::Rolling(Span::Days(u32::MAX)),
        Window::Rolling(Span::Months(u32::MAX)),
        Window::Rolling(Span::Days(1)),
        Window::CalendarYear,
        Window::AnniversaryYear,
    ];
    let policies = [
        DowngradePolicy::new(DowngradeRule::Never),
        DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Months(u32::MAX)),
        DowngradePolicy::new(DowngradeRule::SoftLanding).with_grace(Span::Days(u32::MAX)),
    ];
    let decade = TimeDelta::days(3653);
    let mut answered = 0;
    for window in windows {
        for policy in policies {
            let Ok(points) =
                PointsRule::new(Decimal::MAX).and_then(|p| p.with_expiry_months(u32::MAX))
            else {
                panic!("a huge earn rate is a valid rule");
            };
            let Ok(p) = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, window)
                .tier(Tier::new(tier("base"), Decimal::ZERO))
                .tier(Tier::new(tier("top"), Decimal::MAX))
                .downgrade(policy)
                .points(points)
                .build()
            else {
                continue;
            };
            // Members at both ends of time, evaluated over a decade (calendar
            // and anniversary windows review once a year).
            for (since, as_of) in [(lo, lo + decade), (hi - decade, hi), (hi, hi)] {
                let member = Membership::new(since)
                    .with_floor(carekit::ManualFloor::new(tier("top"), since, None).unwrap());
                let event_sets: [Vec<LoyaltyEvent>; 4] = [
                    vec![],
                    vec![
                        LoyaltyEvent::purchase(id("p1"), since, eur(Decimal::MAX)).unwrap(),
                        LoyaltyEvent::purchase(id("p2"), as_of, eur(Decimal::MAX)).unwrap(),
                    ],
                    vec![
                        LoyaltyEvent::pending_purchase(id("p1"), since, eur(Decimal::MAX), hi)
                            .unwrap(),
                        LoyaltyEvent::return_of(id("r1"), as_of, id("p1"), None).unwrap(),
                    ],
                    [
                        LoyaltyEvent::adjustment(id("a1"), since, Decimal::MAX).ok(),
                        LoyaltyEvent::adjustment(id("a2"), as_of, Decimal::MIN).ok(),
                        LoyaltyEvent::redemption(id("x1"), as_of, u64::MAX).ok(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                ];
                for events in &event_sets {
                    match p.evaluate(&member, events, as_of) {
                        Ok(e) => {
                            answered += 1;
                            assert!(e.since() <= as_of);
                            assert!(!e.history().is_empty());
                            let _ = (e.next(), e.keep(), e.pending_downgrade(), e.next_review());
                            if let Some(s) = e.points() {
                                let _ = (s.balance(), s.earned());
                            }
                        }
                        Err(err) => assert!(!err.to_string().is_empty()),
                    }
                }
                // Evaluating before membership is an error.
                if since > lo {
                    assert!(p.evaluate(&member, &[], lo).is_err());
                }
            }
        }
    }
    eprintln!("loyalty evaluations answered: {answered}");
    assert!(answered > 0);
}

// ---------------------------------------------------------------- compensation

#[test]
fn compensation_at_the_limits_answers_or_refuses() {
    use carekit::compensation::{
        Action, Context, Limit, Measure, Recipient, Requester, Role, Scope, what_if,
    };
    use carekit::{
        AgentId, Channel, CustomerId, Grant, GrantHistory, InteractionId, Offer, OfferKind, Policy,
        PolicySet, Request, TierId,
    };
    let (lo, hi) = (LIMITS[0], LIMITS[1]);
    let eur = |d: Decimal| Money::new(d, Currency::EUR);
    let role = |s: &str| Role::new(s).unwrap();

    // Empty things.
    assert!(PolicySet::new(&[]).map_or(true, |set| set.in_force(hi).is_err()));
    let empty = GrantHistory::empty();
    assert!(empty.is_empty() && empty.currency().is_none());
    assert_eq!(GrantHistory::new(vec![]).unwrap(), empty);
    let bare = Policy::new("bare", lo, Currency::EUR).compile();
    assert!(bare.is_err(), "a policy needs at least one authority level");

    // Offers and grants on extreme money.
    assert!(Offer::new(OfferKind::Refund, eur(Decimal::MIN)).is_err());
    assert!(Offer::new(OfferKind::Refund, Money::new(Decimal::ONE, Currency::USD)).is_ok());
    let grant = |at, v| {
        Grant::new(
            at,
            AgentId::new("ana").unwrap(),
            CustomerId::new("c-1").unwrap(),
            InteractionId::new("T-1").unwrap(),
            OfferKind::Refund,
            eur(v),
        )
    };
    assert!(grant(lo, Decimal::MIN).is_err());

    let limits = |m: Measure| {
        [
            Limit::new("offer", Scope::Offer, m, Action::Escalate),
            Limit::new("ticket", Scope::Interaction, m, Action::Cap),
            Limit::new("customer", Scope::customer_days(u32::MAX), m, Action::Deny),
            Limit::new(
                "day",
                Scope::Agent {
                    period: Period::Day,
                },
                m,
                Action::Deny,
            ),
            Limit::new(
                "week",
                Scope::Agent {
                    period: Period::IsoWeek,
                },
                m,
                Action::Escalate,
            ),
            Limit::new(
                "month",
                Scope::Agent {
                    period: Period::Month,
                },
                m,
                Action::Cap,
            ),
        ]
    };
    let measures = [
        Measure::MaxAmount(eur(Decimal::MAX)),
        Measure::MaxAmount(eur(Decimal::ZERO)),
        Measure::MaxCount(u32::MAX),
        Measure::MaxCount(0),
        Measure::MaxPercentOfOrder(Decimal::MAX),
        Measure::MaxPercentOfOrder(Decimal::from(100)),
    ];
    let mut decided = 0;
    for zone in ["+14:00", "-12:00", "+00:00"] {
        for measure in measures {
            let mut policy = Policy::new("edge", lo, Currency::EUR)
                .time_zone(zone.parse().unwrap())
                .level(role("agent"))
                .level(role("supervisor"))
                .tier_multiplier(
                    TierId::new("vip").unwrap(),
                    carekit::loyalty::Multiplier::new(Decimal::MAX).unwrap(),
                )
                .approval_threshold(role("agent"), eur(Decimal::MAX));
            for l in limits(measure) {
                let percent = matches!(measure, Measure::MaxPercentOfOrder(_));
                if percent && !matches!(l.scope(), Scope::Offer | Scope::Interaction) {
                    continue; // percent-of-order limits are per offer or interaction
                }
                policy = policy.limit(if l.action() == Action::Escalate {
                    l.escalate_to(role("supervisor"))
                } else {
                    l
                });
            }
            let compiled = match policy.compile() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("{zone} {measure:?}: {e}");
                    continue;
                }
            };
            for at in [lo, hi] {
                let histories = [
                    GrantHistory::empty(),
                    GrantHistory::new(vec![
                        grant(lo, Decimal::MAX).unwrap(),
                        grant(at, Decimal::MAX).unwrap(),
                    ])
                    .unwrap(),
                ];
                for tier in ["vip", "base"] {
                    let requester = Requester::new(AgentId::new("ana").unwrap(), role("agent"));
                    let recipient =
                        Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new(tier).unwrap());
                    let ctx = Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat)
                        .with_order_value(eur(Decimal::MAX));
                    for value in [Decimal::MAX, Decimal::ZERO, Decimal::new(1, 28)] {
                        let Ok(offer) = Offer::new(OfferKind::Refund, eur(value)) else {
                            continue;
                        };
                        let request = Request::new(
                            at,
                            requester.clone(),
                            recipient.clone(),
                            ctx.clone(),
                            offer,
                        )
                        .unwrap();
                        for history in &histories {
                            match compiled.evaluate(&request, history) {
                                Ok(d) => {
                                    decided += 1;
                                    assert!(!d.reason().is_empty());
                                    let _ = (d.headroom(), d.deciding_check(), d.fingerprint());
                                }
                                Err(e) => assert!(!e.to_string().is_empty()),
                            }
                            let _ = compiled.headroom(&requester, &recipient, &ctx, at, history);
                        }
                        let _ = what_if(&compiled, &compiled, [(&request, &histories[1])]);
                    }
                }
            }
            // No cases: an empty report.
            assert!(what_if(&compiled, &compiled, []).is_ok());
        }
    }
    eprintln!("compensation decisions: {decided}");
    assert!(decided > 0);
}
