//! Survey-score accumulators: laws (proptest) and scenarios.
//!
//! Oracles are written out here, independently of carekit: a plain count
//! of each class (`naive_*`), and hand-worked arithmetic in comments.
#![allow(
    clippy::naive_bytecount,
    reason = "the naive count is the point: an oracle independent of the kernels"
)]

use carekit::calendar::{Period, PeriodKey};
use carekit::metrics::{
    Accumulator, Breakdown, Ces, CesConfig, CesPolarity, Csat, CsatConfig, MetricsError, Nps,
    NpsConfig, WeightedNps,
};
use carekit::stats::{Confidence, NpsIntervalMethod};
use carekit::{
    CesRating, Channel, CsatRating, CustomerId, Error, Feedback, NpsScore, RatingScale, Weight,
};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

/// (detractors, passives, promoters) by direct counting.
fn naive_nps(scores: &[u8], d: u8, p: u8) -> (u64, u64, u64) {
    let det = scores.iter().filter(|&&s| s <= d).count() as u64;
    let pro = scores.iter().filter(|&&s| s >= p).count() as u64;
    (det, scores.len() as u64 - det - pro, pro)
}

fn nps_of(scores: &[u8]) -> Nps {
    let mut n = Nps::default();
    n.extend_u8(scores).unwrap();
    n
}

/// Cut `data` into parts at the given (sorted, deduplicated) points.
fn split<'a, T>(data: &'a [T], cuts: &[usize]) -> Vec<&'a [T]> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
    points.sort_unstable();
    let mut parts = Vec::new();
    let mut start = 0;
    for p in points {
        parts.push(&data[start..p]);
        start = p;
    }
    parts.push(&data[start..]);
    parts
}

fn cutoffs() -> impl Strategy<Value = NpsConfig> {
    (0_u8..10)
        .prop_flat_map(|d| (Just(d), d + 1..=10))
        .prop_map(|(d, p)| NpsConfig::new(d, p).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn nps_column_kernel_matches_a_direct_count(
        scores in prop::collection::vec(0_u8..=10, 0..20_000),
        config in cutoffs(),
    ) {
        let mut nps = Nps::new(config);
        nps.extend_u8(&scores).unwrap();
        let (d, m, p) = naive_nps(&scores, config.detractor_max(), config.promoter_min());
        prop_assert_eq!((nps.detractors(), nps.passives(), nps.promoters()), (d, m, p));
        let mut one_by_one = Nps::new(config);
        for &s in &scores {
            one_by_one.push(s).unwrap();
        }
        prop_assert_eq!(&one_by_one, &nps);
        let mut by_struct = Nps::new(config);
        by_struct.extend_by(&scores, |&s| s).unwrap();
        prop_assert_eq!(&by_struct, &nps);
    }

    #[test]
    fn nps_merge_of_any_split_equals_the_whole(
        scores in prop::collection::vec(0_u8..=10, 0..2_000),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let whole = nps_of(&scores);
        let mut merged = Nps::default();
        for part in split(&scores, &cuts).into_iter().rev() {
            merged.merge(&nps_of(part)).unwrap();
        }
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(merged.score(), whole.score());
    }

    #[test]
    fn nps_scores_and_intervals_stay_in_bounds(
        scores in prop::collection::vec(0_u8..=10, 0..500),
        adjusted in any::<bool>(),
        level in 0.5_f64..0.999,
    ) {
        let nps = nps_of(&scores);
        let method = if adjusted { NpsIntervalMethod::AdjustedWald } else { NpsIntervalMethod::Wald };
        let s = nps.summary(Confidence::new(level).unwrap(), method).unwrap();
        match s.score() {
            None => prop_assert!(scores.is_empty() && s.interval().is_none()),
            Some(v) => {
                prop_assert!((-100.0..=100.0).contains(&v));
                let ci = s.interval().unwrap();
                prop_assert!(-100.0 <= ci.low() && ci.low() <= ci.high() && ci.high() <= 100.0);
            }
        }
    }

    #[test]
    fn a_bad_score_leaves_the_accumulator_unchanged_and_is_named(
        scores in prop::collection::vec(0_u8..=10, 1..5_000),
        at in any::<usize>(),
        bad in 11_u8..=255,
    ) {
        let mut with_bad = scores.clone();
        let i = at % with_bad.len();
        with_bad[i] = bad;
        let mut nps = nps_of(&[10, 0]);
        let before = nps.clone();
        let err = nps.extend_u8(&with_bad).unwrap_err();
        prop_assert_eq!(
            err,
            Error::Metrics(MetricsError::ColumnValueOutOfScale {
                field: "nps score", value: bad, index: i, scale: RatingScale::NPS
            })
        );
        prop_assert_eq!(nps, before);
    }

    #[test]
    fn csat_and_ces_merge_of_any_split_equals_the_whole(
        ratings in prop::collection::vec(1_u8..=5, 0..2_000),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let config = CsatConfig::top_two_box().with_neutral(&[3]).unwrap();
        let ces_config = CesConfig::new(RatingScale::new(1, 5).unwrap(), 4, 2, CesPolarity::HigherIsEasier).unwrap();
        let mut whole = Csat::new(config);
        whole.extend_u8(&ratings).unwrap();
        let mut whole_ces = Ces::new(ces_config);
        whole_ces.extend_u8(&ratings).unwrap();
        let (mut merged, mut merged_ces) = (Csat::new(config), Ces::new(ces_config));
        for part in split(&ratings, &cuts) {
            let mut c = Csat::new(config);
            let mut e = Ces::new(ces_config);
            for &r in part {
                c.push(r).unwrap();
                e.push(r).unwrap();
            }
            merged.merge(&c).unwrap();
            merged_ces.merge(&e).unwrap();
        }
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(&merged_ces, &whole_ces);
        // direct counts
        let satisfied = ratings.iter().filter(|&&r| r >= 4).count() as u64;
        let neutral = ratings.iter().filter(|&&r| r == 3).count() as u64;
        prop_assert_eq!(whole.satisfied(), satisfied);
        prop_assert_eq!(whole.n(), ratings.len() as u64 - neutral);
        for p in [whole.percent(), whole_ces.net().map(|n| f64::midpoint(n, 100.0))].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&p));
        }
        prop_assert_eq!(whole.percent().is_none(), whole.n() == 0);
        prop_assert_eq!(whole_ces.mean().is_none(), ratings.is_empty());
    }

    #[test]
    fn histogram_kernel_matches_a_direct_count_on_any_scale(
        (min, max, ratings) in (0_u8..=250, 1_u8..=40).prop_flat_map(|(min, width)| {
            let max = min.saturating_add(width).max(min + 1);
            (Just(min), Just(max), prop::collection::vec(min..=max, 0..10_000))
        }),
    ) {
        let scale = RatingScale::new(min, max).unwrap();
        let mut csat = Csat::new(CsatConfig::new(scale, max).unwrap());
        csat.extend_u8(&ratings).unwrap();
        for r in min..=max {
            prop_assert_eq!(csat.count(r), ratings.iter().filter(|&&x| x == r).count() as u64);
        }
        let sum: u64 = ratings.iter().map(|&r| u64::from(r)).sum();
        prop_assert_eq!(csat.mean(), (!ratings.is_empty()).then(|| sum as f64 / ratings.len() as f64));
    }

    #[test]
    fn weighted_merge_equals_the_whole_up_to_rounding(
        rows in prop::collection::vec((0_u8..=10, 0.01_f64..100.0), 0..300),
        cuts in prop::collection::vec(any::<usize>(), 0..5),
    ) {
        let build = |rows: &[(u8, f64)]| {
            let mut w = WeightedNps::default();
            for &(s, x) in rows {
                w.push((NpsScore::new(s).unwrap(), Weight::new(x).unwrap())).unwrap();
            }
            w
        };
        let whole = build(&rows);
        let mut merged = WeightedNps::default();
        for part in split(&rows, &cuts) {
            merged.merge(&build(part)).unwrap();
        }
        prop_assert_eq!(merged.n(), whole.n());
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
        prop_assert!(close(merged.total_weight(), whole.total_weight()));
        prop_assert!(close(merged.promoters(), whole.promoters()));
        prop_assert!(close(merged.detractors(), whole.detractors()));
        match (merged.score(), whole.score()) {
            (Some(a), Some(b)) => prop_assert!(close(a, b) && (-100.0..=100.0).contains(&a)),
            (a, b) => prop_assert_eq!(a, b),
        }
        // Kish: 1 <= n_eff <= n
        if let Some(n_eff) = whole.effective_n() {
            prop_assert!(n_eff >= 1.0 - 1e-9 && n_eff <= whole.n() as f64 + 1e-9);
        }
    }

    #[test]
    fn grouped_kernel_equals_per_group_accumulators(
        rows in prop::collection::vec((0_u8..6, 0_u8..=10), 0..5_000),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
    ) {
        let keys: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let scores: Vec<u8> = rows.iter().map(|r| r.1).collect();
        let mut fast = Breakdown::<u8, Nps>::default();
        fast.extend_grouped(&keys, &scores).unwrap();
        let mut slow = Breakdown::<u8, Nps>::default();
        for &(k, s) in &rows {
            slow.push(k, s).unwrap();
        }
        prop_assert_eq!(&fast, &slow);
        let wide: Vec<u16> = keys.iter().map(|&k| u16::from(k) * 1000).collect();
        let mut fast16 = Breakdown::<u16, Nps>::default();
        fast16.extend_grouped(&wide, &scores).unwrap();
        for (k, g) in &slow {
            prop_assert_eq!(fast16.get(&(u16::from(*k) * 1000)), Some(g));
        }
        // a breakdown merged from parts equals the whole
        let mut merged = Breakdown::<u8, Nps>::default();
        for part in split(&rows, &cuts) {
            let mut b = Breakdown::<u8, Nps>::default();
            b.extend(part.iter().copied()).unwrap();
            merged.merge(&b).unwrap();
        }
        prop_assert_eq!(&merged, &slow);
    }

    #[test]
    fn accumulators_survive_a_serde_round_trip(
        scores in prop::collection::vec(0_u8..=10, 0..200),
        weights in prop::collection::vec(0.1_f64..10.0, 200),
    ) {
        let nps = nps_of(&scores);
        let back: Nps = serde_json::from_str(&serde_json::to_string(&nps).unwrap()).unwrap();
        prop_assert_eq!(back, nps);
        let mut w = WeightedNps::default();
        w.extend_u8(&scores, &weights[..scores.len()]).unwrap();
        let back: WeightedNps = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
        // serde_json parses floats exactly only with its `float_roundtrip`
        // feature (not enabled here); without it the last digit may differ.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-15 * a.abs().max(1.0);
        prop_assert_eq!((back.n(), back.config()), (w.n(), w.config()));
        prop_assert!(close(back.total_weight(), w.total_weight()));
        prop_assert!(close(back.promoters(), w.promoters()));
        prop_assert!(close(back.effective_n().unwrap_or(0.0), w.effective_n().unwrap_or(0.0)));
        let mut csat = Csat::new(CsatConfig::new(RatingScale::NPS, 9).unwrap().with_neutral(&[5]).unwrap());
        csat.extend_u8(&scores).unwrap();
        let back: Csat = serde_json::from_str(&serde_json::to_string(&csat).unwrap()).unwrap();
        prop_assert_eq!(back, csat);
        let mut ces = Ces::new(CesConfig::new(RatingScale::NPS, 3, 7, CesPolarity::LowerIsEasier).unwrap());
        ces.extend_u8(&scores).unwrap();
        let back: Ces = serde_json::from_str(&serde_json::to_string(&ces).unwrap()).unwrap();
        prop_assert_eq!(back, ces);
        let mut by = Breakdown::<u8, Nps>::default();
        by.extend_grouped(&scores, &scores).unwrap();
        let back: Breakdown<u8, Nps> = serde_json::from_str(&serde_json::to_string(&by).unwrap()).unwrap();
        prop_assert_eq!(back, by);
    }
}

#[test]
fn empty_accumulators_give_none_never_nan() {
    let c = Confidence::NINETY_FIVE;
    let s = Nps::default()
        .summary(c, NpsIntervalMethod::AdjustedWald)
        .unwrap();
    assert_eq!((s.n(), s.score(), s.interval()), (0, None, None));
    let s = WeightedNps::default()
        .summary(c, NpsIntervalMethod::Wald)
        .unwrap();
    assert_eq!(
        (s.score(), s.effective_n(), s.interval()),
        (None, None, None)
    );
    let s = Csat::default().summary(c).unwrap();
    assert_eq!(
        (s.percent(), s.mean(), s.percent_interval()),
        (None, None, None)
    );
    let s = Ces::default().summary(c).unwrap();
    assert_eq!(
        (s.mean(), s.percent_easy(), s.net(), s.interval()),
        (None, None, None, None)
    );
    // all ratings neutral: counted n is 0, but the mean exists
    let mut only_neutral = Csat::new(CsatConfig::top_two_box().with_neutral(&[3]).unwrap());
    only_neutral.extend_u8(&[3, 3]).unwrap();
    assert_eq!(
        (only_neutral.percent(), only_neutral.mean()),
        (None, Some(3.0))
    );
}

#[test]
fn weighted_scores_stay_in_bounds_when_all_weight_is_on_one_class() {
    // 100 · (0 − w) / w is −100.00000000000001 in f64 for this w; the
    // score is clamped back to the bound.
    let mut w = WeightedNps::default();
    w.push((
        NpsScore::new(0).unwrap(),
        Weight::new(11.613_470_285_822_574).unwrap(),
    ))
    .unwrap();
    assert_eq!(w.score(), Some(-100.0));
}

#[test]
fn stricter_cutoffs_move_nines_to_passives() {
    // scores 10, 9, 9, 8, 7, 6, 5, 10, 3, 9 with promoters only at 10:
    // P = 2 (the two 10s), D = 3 (6, 5, 3), N = 10 → 100 · (2 − 3) / 10 = −10
    let mut nps = Nps::new(NpsConfig::new(6, 10).unwrap());
    nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9]).unwrap();
    assert_eq!(
        (nps.promoters(), nps.passives(), nps.detractors()),
        (2, 5, 3)
    );
    assert_eq!(nps.score(), Some(-10.0));
}

#[test]
fn merging_different_conventions_is_an_error_naming_both() {
    let mut a = Csat::default();
    let b = Csat::new(CsatConfig::top_two_box().with_neutral(&[3]).unwrap());
    assert_eq!(
        a.merge(&b).unwrap_err().to_string(),
        "cannot merge csat accumulators with different conventions: \
         satisfied 4..=5 on 1..=5 vs satisfied 4..=5 on 1..=5, neutral [3]"
    );
    let mut c = Ces::default();
    let d = Ces::new(
        CesConfig::new(RatingScale::CES_DEFAULT, 3, 5, CesPolarity::LowerIsEasier).unwrap(),
    );
    assert!(matches!(
        c.merge(&d),
        Err(Error::Metrics(MetricsError::ConventionsDiffer {
            accumulator: "ces",
            ..
        }))
    ));
    let mut by = Breakdown::<u8, Nps>::default();
    let other = Breakdown::<u8, Nps>::new(Nps::new(NpsConfig::new(5, 9).unwrap()));
    assert!(by.merge(&other).is_err());
}

#[test]
fn zendesk_csat_is_good_over_good_plus_bad() {
    // 12 good, 3 bad → 100 · 12 / 15 = 80 %
    let mut csat = Csat::new(CsatConfig::zendesk());
    csat.extend_u8(&[1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1])
        .unwrap();
    assert_eq!(csat.percent(), Some(80.0));
    assert_eq!(CsatConfig::zendesk(), CsatConfig::binary());
}

#[test]
fn lower_is_easier_ces_counts_from_the_low_end() {
    // 1..=5 effort scale, easy ≤ 2, difficult ≥ 4; ratings 5 4 4 3 2 1 5 4 3:
    // easy = {2, 1} = 2, difficult = {5, 4, 4, 5, 4} = 5, n = 9
    // net = 100 · (2 − 5) / 9 = −33.3…; mean = 31 / 9
    let config = CesConfig::new(
        RatingScale::new(1, 5).unwrap(),
        2,
        4,
        CesPolarity::LowerIsEasier,
    )
    .unwrap();
    let mut ces = Ces::new(config);
    ces.extend_u8(&[5, 4, 4, 3, 2, 1, 5, 4, 3]).unwrap();
    assert_eq!((ces.easy(), ces.difficult()), (2, 5));
    let s = ces.summary(Confidence::NINETY_FIVE).unwrap();
    assert!((s.net().unwrap() - (-300.0 / 9.0)).abs() < 1e-12);
    assert!((s.mean().unwrap() - 31.0 / 9.0).abs() < 1e-12);
}

#[test]
fn ces_mean_interval_matches_the_normal_approximation_by_hand() {
    // ratings 1, 2, 3, 1: mean 7/4 = 1.75; squared deviations
    // 0.5625 + 0.0625 + 1.5625 + 0.5625 = 2.75; sample variance 2.75 / 3;
    // se = sqrt((2.75 / 3) / 4) = 0.478713…; z(0.95) = 1.959963984540054
    let mut ces = Ces::default();
    ces.extend_u8(&[1, 2, 3, 1]).unwrap();
    let ci = ces
        .summary(Confidence::NINETY_FIVE)
        .unwrap()
        .interval()
        .unwrap();
    let se = (2.75_f64 / 3.0 / 4.0).sqrt();
    assert!((ci.low() - (1.75 - 1.959_963_984_540_054 * se)).abs() < 1e-9);
    assert!((ci.high() - (1.75 + 1.959_963_984_540_054 * se)).abs() < 1e-9);
}

#[test]
fn feedback_records_feed_only_their_own_survey() {
    let at = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
    let c = CustomerId::new("c-1").unwrap();
    let records = vec![
        Feedback::builder(c.clone(), at, NpsScore::new(10).unwrap())
            .weight(Weight::new(2.0).unwrap())
            .build(),
        Feedback::builder(c.clone(), at, NpsScore::new(4).unwrap()).build(),
        Feedback::builder(c.clone(), at, CsatRating::on_default_scale(5).unwrap()).build(),
        Feedback::builder(c.clone(), at, CesRating::on_default_scale(2).unwrap()).build(),
    ];
    let mut nps = Nps::default();
    nps.extend(&records).unwrap();
    assert_eq!(nps.n(), 2);
    let mut w = WeightedNps::default();
    w.extend(&records).unwrap();
    // W_P = 2, W_D = 1, W = 3 → 100 / 3; n_eff = 9 / 5
    assert!((w.score().unwrap() - 100.0 / 3.0).abs() < 1e-12);
    assert_eq!(w.effective_n(), Some(1.8));
    let mut csat = Csat::default();
    csat.extend(&records).unwrap();
    assert_eq!(csat.satisfied(), 1);
    let mut ces = Ces::default();
    ces.extend(&records).unwrap();
    assert_eq!(ces.difficult(), 1);
    // a CSAT answer on another scale is an error and changes nothing
    let ten = Feedback::builder(
        c,
        at,
        CsatRating::new(9, RatingScale::new(1, 10).unwrap()).unwrap(),
    )
    .build();
    assert!(csat.extend([&records[2], &ten]).is_err());
    assert_eq!(csat.n(), 1);
}

#[test]
fn periods_are_computed_in_the_callers_time_zone() {
    let ny = chrono_tz::America::New_York;
    // 2024-04-01 02:30 UTC is still 2024-03-31 22:30 in New York (EDT, −4):
    // March and Q1 there, April and Q2 in UTC.
    let at = Utc.with_ymd_and_hms(2024, 4, 1, 2, 30, 0).unwrap();
    assert_eq!(
        PeriodKey::of(at, Period::Month, &ny).unwrap().to_string(),
        "2024-03"
    );
    assert_eq!(
        PeriodKey::of(at, Period::Quarter, &ny).unwrap().to_string(),
        "2024-Q1"
    );
    assert_eq!(
        PeriodKey::of(at, Period::Quarter, &Utc)
            .unwrap()
            .to_string(),
        "2024-Q2"
    );
    assert_eq!(
        PeriodKey::of(at, Period::Day, &ny).unwrap().to_string(),
        "2024-03-31"
    );
    // 2024-03-31 is a Sunday: ISO week 13 in New York; Monday 2024-04-01 is week 14.
    assert_eq!(
        PeriodKey::of(at, Period::IsoWeek, &ny).unwrap().to_string(),
        "2024-W13"
    );
    assert_eq!(
        PeriodKey::of(at, Period::IsoWeek, &Utc)
            .unwrap()
            .to_string(),
        "2024-W14"
    );
    // 2021-01-03 (a Sunday) belongs to ISO week 53 of 2020.
    let d = Utc.with_ymd_and_hms(2021, 1, 3, 12, 0, 0).unwrap();
    assert_eq!(
        PeriodKey::of(d, Period::IsoWeek, &Utc).unwrap().to_string(),
        "2020-W53"
    );
}

#[test]
fn breakdown_by_period_and_channel() {
    let ny = chrono_tz::America::New_York;
    let rows = [
        (
            Utc.with_ymd_and_hms(2024, 3, 31, 23, 0, 0).unwrap(),
            Channel::Chat,
            10,
        ),
        (
            Utc.with_ymd_and_hms(2024, 4, 2, 12, 0, 0).unwrap(),
            Channel::Chat,
            2,
        ),
        (
            Utc.with_ymd_and_hms(2024, 4, 3, 12, 0, 0).unwrap(),
            Channel::Email,
            9,
        ),
    ];
    let mut by = Breakdown::new(Nps::default());
    for (at, channel, score) in rows {
        by.push(
            (PeriodKey::of(at, Period::Month, &ny).unwrap(), channel),
            score,
        )
        .unwrap();
    }
    let keys: Vec<String> = by.iter().map(|((p, c), _)| format!("{p} {c}")).collect();
    // 2024-03-31 23:00 UTC is 19:00 in New York: still March.
    assert_eq!(keys.len(), 3);
    assert!(keys[0].starts_with("2024-03"));
    assert_eq!(by.total().unwrap().score(), Some(100.0 / 3.0));
}

#[test]
fn breakdown_deserialisation_validates_keys_and_conventions() {
    let ok = r#"{"template": {"config": {"detractor_max": 6, "promoter_min": 9},
                 "detractors": 0, "passives": 0, "promoters": 0},
                "groups": [[1, {"config": {"detractor_max": 6, "promoter_min": 9},
                 "detractors": 1, "passives": 0, "promoters": 2}]]}"#;
    let by: Breakdown<u8, Nps> = serde_json::from_str(ok).unwrap();
    assert_eq!(by.get(&1).and_then(Nps::score), Some(100.0 / 3.0));
    let dup = ok.replace(
        r#""groups": [[1, "#,
        r#""groups": [[1, {"config": {"detractor_max": 6, "promoter_min": 9}, "detractors": 1, "passives": 0, "promoters": 0}], [1, "#,
    );
    let err = serde_json::from_str::<Breakdown<u8, Nps>>(&dup).unwrap_err();
    assert!(err.to_string().contains("keys must be unique"), "{err}");
    let other = ok.replacen(
        r#""detractor_max": 6, "promoter_min": 9},
                 "detractors": 1"#,
        r#""detractor_max": 5, "promoter_min": 9},
                 "detractors": 1"#,
        1,
    );
    let err = serde_json::from_str::<Breakdown<u8, Nps>>(&other).unwrap_err();
    assert!(err.to_string().contains("different conventions"), "{err}");
    let bad_counts =
        r#"{"config": {"scale": {"min": 1, "max": 5}, "satisfied_from": 4}, "counts": [1, 2]}"#;
    assert!(serde_json::from_str::<Csat>(bad_counts).is_err());
    let bad_cutoffs = r#"{"config": {"detractor_max": 9, "promoter_min": 9}, "detractors": 0, "passives": 0, "promoters": 0}"#;
    assert!(serde_json::from_str::<Nps>(bad_cutoffs).is_err());
}

#[test]
fn grouped_kernel_rejects_bad_input_without_changing_the_breakdown() {
    let mut by = Breakdown::<u8, Nps>::default();
    by.extend_grouped(&[1, 2], &[10, 0]).unwrap();
    let before = by.clone();
    assert_eq!(
        by.extend_grouped(&[1, 2, 3], &[10, 0, 12])
            .unwrap_err()
            .to_string(),
        "nps score 12 at index 2 is outside the scale 0..=10"
    );
    assert!(by.extend_grouped(&[1], &[]).is_err());
    assert_eq!(by, before);
    assert_eq!(by.template().empty_like(), Nps::default());
}

#[test]
fn serde_forms_are_the_documented_json() {
    let mut csat = Csat::new(CsatConfig::top_two_box().with_neutral(&[3]).unwrap());
    csat.extend_u8(&[5, 3, 1, 5]).unwrap();
    assert_eq!(
        serde_json::to_string(&csat).unwrap(),
        r#"{"config":{"scale":{"min":1,"max":5},"satisfied_from":4,"neutral":[3]},"counts":[1,0,1,0,2]}"#
    );
    let mut ces = Ces::default();
    ces.extend_u8(&[7, 1]).unwrap();
    assert_eq!(
        serde_json::to_string(&ces).unwrap(),
        r#"{"config":{"scale":{"min":1,"max":7},"easy_from":5,"difficult_to":3,"polarity":"higher_is_easier"},"counts":[1,0,0,0,0,0,1]}"#
    );
    let mut by = Breakdown::new(Nps::default());
    let key = PeriodKey::of(
        Utc.with_ymd_and_hms(2024, 3, 4, 12, 0, 0).unwrap(),
        Period::IsoWeek,
        &Utc,
    )
    .unwrap();
    by.push(key, 10_u8).unwrap();
    let json = serde_json::to_string(&by).unwrap();
    assert_eq!(
        json,
        r#"{"template":{"config":{"detractor_max":6,"promoter_min":9},"detractors":0,"passives":0,"promoters":0},"groups":[["2024-W10",{"config":{"detractor_max":6,"promoter_min":9},"detractors":0,"passives":0,"promoters":1}]]}"#
    );
    let back: Breakdown<PeriodKey, Nps> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, by);
    // unknown fields and invalid conventions are rejected
    assert!(
        serde_json::from_str::<NpsConfig>(r#"{"detractor_max":6,"promoter_min":9,"x":1}"#).is_err()
    );
    assert!(
        serde_json::from_str::<CsatConfig>(r#"{"scale":{"min":1,"max":5},"satisfied_from":9}"#)
            .is_err()
    );
    assert!(
        serde_json::from_str::<CesConfig>(
            r#"{"scale":{"min":1,"max":7},"easy_from":3,"difficult_to":5,"polarity":"higher_is_easier"}"#
        )
        .is_err()
    );
    assert!(serde_json::from_str::<PeriodKey>(r#""2024-W99""#).is_err());
    let w: Result<WeightedNps, _> = serde_json::from_str(
        r#"{"config":{"detractor_max":6,"promoter_min":9},"n":1,
            "detractors":{"sum":-1.0,"compensation":0.0},"passives":{"sum":0.0,"compensation":0.0},
            "promoters":{"sum":0.0,"compensation":0.0},"squares":{"sum":1.0,"compensation":0.0}}"#,
    );
    assert!(w.is_err());
}

#[test]
fn classifiers_follow_the_documented_cut_offs() {
    use carekit::metrics::{CesConfig, CsatConfig, HealthBands, NpsConfig};
    use carekit::{NpsCategory, NpsScore};
    // CES 1..=7: easy 5–7, difficult 1–3, 4 neither.
    let ces = CesConfig::default();
    let easy: Vec<u8> = (0..=8).filter(|&r| ces.is_easy(r)).collect();
    let hard: Vec<u8> = (0..=8).filter(|&r| ces.is_difficult(r)).collect();
    assert_eq!((easy, hard), (vec![5, 6, 7], vec![1, 2, 3]));
    // CSAT top-two-box on 1..=5: satisfied 4–5; neutral only when asked.
    let top2 = CsatConfig::top_two_box();
    let satisfied: Vec<u8> = (0..=9).filter(|&r| top2.is_satisfied(r)).collect();
    assert_eq!(satisfied, [4, 5]);
    assert!((0..=9).all(|r| !top2.is_neutral(r)));
    let with_neutral = top2.with_neutral(&[3]).unwrap();
    let neutral: Vec<u8> = (0..=9).filter(|&r| with_neutral.is_neutral(r)).collect();
    assert_eq!(neutral, [3]);
    // NPS with cut-offs 0–5 / 6–8 / 9–10 (detractor_max 5, promoter_min 9).
    let cfg = NpsConfig::new(5, 9).unwrap();
    let cats: Vec<NpsCategory> = [5, 6, 8, 9]
        .map(|s| cfg.category(NpsScore::new(s).unwrap()))
        .to_vec();
    assert_eq!(
        cats,
        [
            NpsCategory::Detractor,
            NpsCategory::Passive,
            NpsCategory::Passive,
            NpsCategory::Promoter
        ]
    );
    // Health bands keep their thresholds.
    let bands = HealthBands::new(30.0, 60.0).unwrap();
    assert_eq!(
        (bands.at_risk_below(), bands.needs_attention_below()),
        (30.0, 60.0)
    );
}

#[test]
fn sketch_and_repeat_purchase_accessors_report_their_inputs() {
    use carekit::metrics::{QuantileSketch, RepeatPurchaseRate};
    let s = QuantileSketch::new(0.02).unwrap();
    // γ = (1 + α)/(1 − α) = 1.02 / 0.98.
    assert!((s.gamma() - 1.02 / 0.98).abs() < 1e-15);
    let r = RepeatPurchaseRate::from_counts(18, 72).unwrap();
    assert_eq!(r.repeat_buyers(), 18);
    assert_eq!(r.cohort(), 72);
    assert!((r.rate().unwrap() - 0.25).abs() < 1e-15); // 18 / 72
}

#[test]
fn sketches_are_equal_only_with_the_same_accuracy_and_data() {
    use carekit::metrics::QuantileSketch;
    // Two empty sketches differ when their accuracies differ: merging them
    // would be an error, so they must not compare equal.
    let one_percent = QuantileSketch::new(0.01).unwrap();
    let two_percent = QuantileSketch::new(0.02).unwrap();
    assert!((one_percent.relative_accuracy() - 0.01).abs() < 1e-15);
    assert!(one_percent.is_empty());
    assert_ne!(one_percent, two_percent);
    assert_eq!(one_percent, QuantileSketch::new(0.01).unwrap());
    // Same accuracy: equal exactly when they hold the same data, in any order.
    let mut a = one_percent.clone();
    a.extend_f64(&[3.0, 0.0, 120.0]).unwrap();
    let mut b = one_percent.clone();
    b.extend_f64(&[120.0, 3.0, 0.0]).unwrap();
    assert_eq!(a, b);
    assert!(!a.is_empty());
    b.push(3.0).unwrap();
    assert_ne!(a, b);
}

#[test]
fn sketches_bucket_exactly_at_their_limits() {
    use carekit::metrics::QuantileSketch;
    let within = |got: Option<f64>, want: f64, alpha: f64| {
        let got = got.unwrap();
        // Relative error at most α (with a hair for rounding at the edge).
        assert!(
            (got - want).abs() <= alpha * want * (1.0 + 1e-9),
            "{got} vs {want}"
        );
    };
    // ⌈log_γ 1⌉ = 0: 1.0 is the upper edge of bucket 0, not in bucket 1.
    let s = QuantileSketch::new(0.01).unwrap();
    assert_eq!(s.key(1.0), 0);

    // As in ddsketch, only values above min_possible = f64::MIN_POSITIVE · γ
    // go to a bucket; min_possible itself counts as zero. With α = 1e-4 its
    // key would lie about 3.5 million buckets below key 0, too far to be
    // reserved next to 1.0, so counting it as a bucket would fail.
    let mut fine = QuantileSketch::new(1e-4).unwrap();
    let fine_zero = f64::MIN_POSITIVE * fine.gamma();
    fine.extend_f64(&[fine_zero, 1.0]).unwrap();
    assert_eq!(fine.quantile(0.0).unwrap(), Some(0.0));
    within(fine.quantile(1.0).unwrap(), 1.0, 1e-4);
    // The same in a large batch (the cached-key path).
    let mut batch = s.clone();
    batch
        .extend_f64(&vec![f64::MIN_POSITIVE * s.gamma(); 1 << 16])
        .unwrap();
    assert_eq!(batch.quantile(1.0).unwrap(), Some(0.0));

    // A fresh sketch reserves the keys of its data only: 1e10 at α = 1e-5
    // has key ⌈log_γ 1e10⌉ ≈ 1.15 million, more than 2^20 buckets above
    // key 0, and is accepted.
    let mut far = QuantileSketch::new(1e-5).unwrap();
    far.push(1e10).unwrap();
    within(far.quantile(0.5).unwrap(), 1e10, 1e-5);

    // A large batch at a fine accuracy is bucketed exactly too: 65,536
    // copies of 3.0 at α = 1e-9.
    let mut precise = QuantileSketch::new(1e-9).unwrap();
    precise.extend_f64(&vec![3.0; 1 << 16]).unwrap();
    within(precise.quantile(0.5).unwrap(), 3.0, 1e-9);

    // Zeros come first in rank order (ddsketch's get_quantile_value):
    // [0, 0, 10, 20] at q = 2/3 has rank 2/3 · 3 = 2, the first rank past
    // the two zeros, so the answer is 10 (within α).
    let mut with_zeros = QuantileSketch::new(0.01).unwrap();
    with_zeros.extend_f64(&[0.0, 0.0, 10.0, 20.0]).unwrap();
    within(with_zeros.quantile(2.0 / 3.0).unwrap(), 10.0, 0.01);
}

#[test]
fn a_sketch_is_the_same_however_its_values_are_batched() {
    use carekit::metrics::QuantileSketch;
    // 200,000 values spread over 1..1024 by a fixed linear congruential
    // generator: every exponent gets enough values to build its key table
    // in one large batch, and many values fall near bucket edges. Added in
    // batches of 1,000, the same values take the direct path; both sketches
    // must hold the same counts in the same buckets.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let values: Vec<f64> = (0..200_000)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            1.0 + (x >> 11) as f64 / (1_u64 << 53) as f64 * 1023.0
        })
        .collect();
    let mut batched = QuantileSketch::new(0.01).unwrap();
    batched.extend_f64(&values).unwrap();
    let mut one_by_one = QuantileSketch::new(0.01).unwrap();
    for chunk in values.chunks(1_000) {
        one_by_one.extend_f64(chunk).unwrap();
    }
    assert_eq!(batched, one_by_one);
}
