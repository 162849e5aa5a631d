//! The readers of the metrics types give back what went in.
//!
//! Doctests show each accessor once, but the mutation run does not execute
//! doctests; these tests pin the same facts where it does. Expected values
//! are worked by hand in the comments.

use carekit::calendar::{Period, PeriodKey};
use carekit::metrics::{
    Accumulator, Breakdown, Ces, CesConfig, CesPolarity, Csat, CsatConfig, Nps, NpsConfig, Push,
    WeightedNps,
};
use carekit::stats::Confidence;
use carekit::{CesRating, CsatRating, NpsScore, RatingScale, Weight};

#[test]
fn a_breakdown_counts_its_groups_and_iterates_them_in_key_order() {
    let mut by: Breakdown<u8, Csat> = Breakdown::default();
    assert_eq!((by.len(), by.is_empty()), (0, true));
    assert_eq!((&by).into_iter().count(), 0);

    by.push(3, 5_u8).unwrap();
    assert_eq!((by.len(), by.is_empty()), (1, false));
    by.push(1, 4_u8).unwrap();
    by.push(3, 1_u8).unwrap();
    assert_eq!((by.len(), by.is_empty()), (2, false));

    // `&Breakdown` is `IntoIterator`: keys ascending, with each group's n.
    let mut seen = Vec::new();
    for (key, group) in &by {
        seen.push((*key, group.n()));
    }
    assert_eq!(seen, [(1, 1), (3, 2)]);
}

#[test]
fn a_breakdown_observes_key_value_pairs_like_push() {
    // Generic code that feeds any `Push<V>` can feed a breakdown with
    // `(key, value)` pairs.
    fn feed<V: Copy, A: Push<V>>(acc: &mut A, values: &[V]) {
        for &v in values {
            acc.push(v).unwrap();
        }
    }
    let mut by: Breakdown<char, Nps> = Breakdown::default();
    feed(&mut by, &[('a', 10_u8), ('b', 3), ('a', 9), ('a', 0)]);
    let a = by.get(&'a').unwrap();
    // a: promoters {10, 9}, detractors {0}
    assert_eq!((a.n(), a.promoters(), a.detractors()), (3, 2, 1));
    assert_eq!(by.get(&'b').unwrap().detractors(), 1);

    // A rejected value is reported and leaves the breakdown as it was.
    let before = by.clone();
    assert!(Push::push(&mut by, ('c', 11_u8)).is_err());
    assert_eq!(by, before);
}

#[test]
fn breakdowns_merge_through_the_accumulator_trait() {
    // Generic code merges partials without knowing they are breakdowns.
    fn combine<A: Accumulator>(mut total: A, part: &A) -> A {
        Accumulator::merge(&mut total, part).unwrap();
        total
    }
    let mut left: Breakdown<u8, Nps> = Breakdown::default();
    left.extend([(1, 10_u8), (2, 0)]).unwrap();
    let mut right: Breakdown<u8, Nps> = Breakdown::default();
    right.extend([(2, 10_u8), (3, 7)]).unwrap();

    let total = combine(left, &right);
    // groups 1: {10}; 2: {0, 10}; 3: {7}
    assert_eq!(total.len(), 3);
    assert_eq!(total.get(&1).unwrap().promoters(), 1);
    let two = total.get(&2).unwrap();
    assert_eq!((two.n(), two.promoters(), two.detractors()), (2, 1, 1));
    assert_eq!(total.get(&3).unwrap().passives(), 1);

    // Different conventions do not merge, through the trait either.
    let strict = Breakdown::<u8, Nps>::new(Nps::new(NpsConfig::new(5, 10).unwrap()));
    let mut mine = total.clone();
    assert!(Accumulator::merge(&mut mine, &strict).is_err());
    assert_eq!(mine, total);
}

#[test]
fn period_keys_accept_only_unsigned_digits() {
    // `u32::from_str` accepts a leading `+`; a period key does not.
    for text in [
        "2024-+1",
        "2024-W+1",
        "2024-+1-05",
        "2024-05-+1",
        "2024-Q+",
        "+024-05",
    ] {
        assert!(text.parse::<PeriodKey>().is_err(), "{text} parsed");
    }
    // The same keys without the sign parse: January, week 1, May 1st.
    let jan: PeriodKey = "2024-01".parse().unwrap();
    assert_eq!(
        (jan.period(), jan.start().to_string()),
        (Period::Month, "2024-01-01".into())
    );
    let w1: PeriodKey = "2024-W01".parse().unwrap();
    // ISO week 1 of 2024 starts on Monday 2024-01-01.
    assert_eq!(
        (w1.period(), w1.start().to_string()),
        (Period::IsoWeek, "2024-01-01".into())
    );
    let may1: PeriodKey = "2024-05-01".parse().unwrap();
    assert_eq!(may1.period(), Period::Day);
}

#[test]
fn ces_configuration_reports_its_scale_thresholds_and_polarity() {
    let scale = RatingScale::new(1, 5).unwrap();
    let config = CesConfig::new(scale, 2, 4, CesPolarity::LowerIsEasier).unwrap();
    assert_eq!(config.scale(), scale);
    assert_eq!(config.easy_from(), 2);
    assert_eq!(config.difficult_to(), 4);
    assert_eq!(config.polarity(), CesPolarity::LowerIsEasier);

    // The default is the 1..=7 "easy to handle my issue" scale: easy from
    // 5 up, difficult up to 3, higher is easier.
    let default = CesConfig::default();
    assert_eq!(
        (
            default.scale(),
            default.easy_from(),
            default.difficult_to(),
            default.polarity()
        ),
        (RatingScale::CES_DEFAULT, 5, 3, CesPolarity::HigherIsEasier)
    );

    // An accumulator keeps the configuration it was made with.
    assert_eq!(Ces::new(config).config(), config);
}

#[test]
fn ces_counts_each_rating() {
    let mut ces = Ces::default();
    ces.extend_u8(&[7, 7, 1, 4, 7]).unwrap();
    assert_eq!(
        (1..=7).map(|r| ces.count(r)).collect::<Vec<_>>(),
        [1, 0, 0, 1, 0, 0, 3]
    );
    // Off the scale nothing is counted.
    assert_eq!((ces.count(0), ces.count(8)), (0, 0));
}

#[test]
fn a_ces_summary_reports_every_figure() {
    // Default scale 1..=7, easy ≥ 5, difficult ≤ 3. Ratings 1 1 2 3 4 5:
    // n = 6, easy = {5} = 1, difficult = {1, 1, 2, 3} = 4
    // mean = 16 / 6 = 8 / 3; net = 100 · (1 − 4) / 6 = −50
    // sample variance = (2·(5/3)² + (2/3)² + (1/3)² + (4/3)² + (7/3)²) / 5
    //                 = (120 / 9) / 5 = 8 / 3; se = √((8/3) / 6) = 2 / 3
    // 90 %: z = 1.6448536269514722, 8/3 ± z · 2/3 = 1.57009758… ..= 3.76323575…
    let mut ces = Ces::default();
    ces.extend_u8(&[1, 1, 2, 3, 4, 5]).unwrap();
    let s = ces.summary(Confidence::NINETY).unwrap();
    assert_eq!(s.n(), 6);
    assert!((s.mean().unwrap() - 8.0 / 3.0).abs() < 1e-12);
    assert!((s.percent_easy().unwrap() - 100.0 / 6.0).abs() < 1e-12);
    assert!((s.percent_difficult().unwrap() - 400.0 / 6.0).abs() < 1e-12);
    assert!((s.net().unwrap() + 50.0).abs() < 1e-12);
    assert_eq!(
        s.distribution(),
        [(1, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 0), (7, 0)]
    );
    let ci = s.interval().unwrap();
    assert!((ci.low() - 1.570_097_582_032_351_7).abs() < 1e-9);
    assert!((ci.high() - 3.763_235_751_300_981).abs() < 1e-9);
    assert_eq!(s.confidence(), Confidence::NINETY);
    assert_eq!(s.config(), CesConfig::default());
}

#[test]
fn csat_configuration_reports_its_scale_threshold_and_neutral_ratings() {
    let config = CsatConfig::new(RatingScale::CSAT_DEFAULT, 4)
        .unwrap()
        .with_neutral(&[3])
        .unwrap();
    assert_eq!(config.scale(), RatingScale::CSAT_DEFAULT);
    assert_eq!(config.satisfied_from(), 4);
    assert_eq!(config.neutral(), [3]);
    assert!(config.is_neutral(3));
    assert!(!config.is_neutral(2) && !config.is_neutral(4));
    // The presets: top-two-box is 4 and 5 of 1..=5; binary is 1 of 0..=1.
    let top = CsatConfig::top_two_box();
    assert_eq!(
        (top.scale(), top.satisfied_from()),
        (RatingScale::CSAT_DEFAULT, 4)
    );
    assert!(top.neutral().is_empty());
    let binary = CsatConfig::binary();
    assert_eq!(
        (binary.scale(), binary.satisfied_from()),
        (RatingScale::BINARY, 1)
    );
    assert_eq!(CsatConfig::zendesk(), binary);
    assert_eq!(CsatConfig::default(), top);
    assert_eq!(Csat::new(config).config(), config);
}

#[test]
fn a_csat_summary_leaves_neutral_answers_out_of_the_percentage() {
    // 1..=5, satisfied ≥ 4, 3 neutral. Ratings 5 4 3 3 2 1 5:
    // responses 7, n = 7 − 2 neutral = 5, satisfied = {5, 4, 5} = 3
    // percent = 60; mean of all responses = 23 / 7
    // Wilson 95 % for 3 of 5 (published: 0.2307 ..= 0.8824), in percent:
    // 23.0724281… ..= 88.2379225…
    let config = CsatConfig::new(RatingScale::CSAT_DEFAULT, 4)
        .unwrap()
        .with_neutral(&[3])
        .unwrap();
    let mut csat = Csat::new(config);
    csat.extend_u8(&[5, 4, 3, 3, 2, 1, 5]).unwrap();
    assert_eq!((csat.responses(), csat.n(), csat.satisfied()), (7, 5, 3));
    assert_eq!(
        (1..=5).map(|r| csat.count(r)).collect::<Vec<_>>(),
        [1, 1, 2, 1, 2]
    );
    let s = csat.summary(Confidence::NINETY_FIVE).unwrap();
    assert_eq!((s.responses(), s.n(), s.satisfied()), (7, 5, 3));
    assert!((s.percent().unwrap() - 60.0).abs() < 1e-12);
    assert!((s.mean().unwrap() - 23.0 / 7.0).abs() < 1e-12);
    assert_eq!(s.distribution(), [(1, 1), (2, 1), (3, 2), (4, 1), (5, 2)]);
    assert_eq!((s.count(3), s.count(5), s.count(6)), (2, 2, 0));
    let ci = s.percent_interval().unwrap();
    assert!((ci.low() - 23.072_428_127_601_28).abs() < 1e-9);
    assert!((ci.high() - 88.237_922_576_735_2).abs() < 1e-9);
    assert_eq!(s.confidence(), Confidence::NINETY_FIVE);
    assert_eq!(s.config(), config);
    // The summary records the confidence it was asked for.
    let ninety = csat.summary(Confidence::NINETY).unwrap();
    assert_eq!(ninety.confidence(), Confidence::NINETY);
}

/// Feeds `values` through the `Push` trait, as generic code would.
fn observe_all<V: Copy, A: Push<V>>(acc: &mut A, values: &[V]) -> Result<(), carekit::Error> {
    values.iter().try_for_each(|&v| acc.push(v))
}

/// Merges through the `Accumulator` trait, as generic code would.
fn merge_generic<A: Accumulator>(into: &mut A, part: &A) -> Result<(), carekit::Error> {
    Accumulator::merge(into, part)
}

#[test]
fn survey_accumulators_observe_typed_and_raw_answers_through_the_trait() {
    let mut ces = Ces::default();
    observe_all(&mut ces, &[CesRating::on_default_scale(6).unwrap()]).unwrap();
    observe_all(&mut ces, &[2_u8, 7]).unwrap();
    assert_eq!((ces.n(), ces.easy(), ces.difficult()), (3, 2, 1));
    assert!(observe_all(&mut ces, &[0_u8]).is_err());
    assert_eq!(ces.n(), 3);

    let mut csat = Csat::default();
    observe_all(&mut csat, &[CsatRating::on_default_scale(5).unwrap()]).unwrap();
    observe_all(&mut csat, &[1_u8, 4]).unwrap();
    assert_eq!((csat.n(), csat.satisfied()), (3, 2));
    assert!(observe_all(&mut csat, &[6_u8]).is_err());
    assert_eq!(csat.n(), 3);

    let mut nps = Nps::default();
    observe_all(&mut nps, &[NpsScore::new(10).unwrap()]).unwrap();
    observe_all(&mut nps, &[0_u8, 8]).unwrap();
    assert_eq!(
        (nps.promoters(), nps.passives(), nps.detractors()),
        (1, 1, 1)
    );
    assert!(observe_all(&mut nps, &[11_u8]).is_err());
    assert_eq!(nps.n(), 3);

    // Weighted: 10 with weight 3, 0 with weight 1: 100 · (3 − 1) / 4 = 50.
    let mut weighted = WeightedNps::default();
    observe_all(
        &mut weighted,
        &[
            (NpsScore::new(10).unwrap(), Weight::new(3.0).unwrap()),
            (NpsScore::new(0).unwrap(), Weight::new(1.0).unwrap()),
        ],
    )
    .unwrap();
    assert_eq!(weighted.n(), 2);
    assert!((weighted.score().unwrap() - 50.0).abs() < 1e-12);
}

#[test]
fn survey_accumulators_merge_through_the_trait_and_refuse_other_conventions() {
    let mut ces = Ces::default();
    ces.extend_u8(&[7]).unwrap();
    let mut other = Ces::default();
    other.extend_u8(&[1, 2]).unwrap();
    merge_generic(&mut ces, &other).unwrap();
    assert_eq!((ces.n(), ces.easy(), ces.difficult()), (3, 1, 2));
    let lower = Ces::new(
        CesConfig::new(RatingScale::CES_DEFAULT, 3, 5, CesPolarity::LowerIsEasier).unwrap(),
    );
    assert!(merge_generic(&mut ces, &lower).is_err());
    assert_eq!(ces.n(), 3);

    let mut csat = Csat::default();
    csat.extend_u8(&[5]).unwrap();
    let mut other = Csat::default();
    other.extend_u8(&[1, 4]).unwrap();
    merge_generic(&mut csat, &other).unwrap();
    assert_eq!((csat.n(), csat.satisfied()), (3, 2));
    assert!(merge_generic(&mut csat, &Csat::new(CsatConfig::binary())).is_err());
    assert_eq!(csat.n(), 3);

    let mut nps = Nps::default();
    nps.extend_u8(&[10]).unwrap();
    let mut other = Nps::default();
    other.extend_u8(&[0, 0]).unwrap();
    merge_generic(&mut nps, &other).unwrap();
    assert_eq!((nps.promoters(), nps.detractors()), (1, 2));
    let strict = Nps::new(NpsConfig::new(5, 10).unwrap());
    assert!(merge_generic(&mut nps, &strict).is_err());
    assert_eq!(nps.n(), 3);

    let mut weighted = WeightedNps::default();
    weighted
        .push((NpsScore::new(10).unwrap(), Weight::new(1.0).unwrap()))
        .unwrap();
    let mut other = WeightedNps::default();
    other
        .push((NpsScore::new(0).unwrap(), Weight::new(3.0).unwrap()))
        .unwrap();
    merge_generic(&mut weighted, &other).unwrap();
    // 100 · (1 − 3) / 4 = −50
    assert!((weighted.score().unwrap() + 50.0).abs() < 1e-12);
    assert!(
        merge_generic(
            &mut weighted,
            &WeightedNps::new(NpsConfig::new(5, 10).unwrap())
        )
        .is_err()
    );
    assert_eq!(weighted.n(), 2);
}

#[test]
fn a_ces_summary_keeps_a_custom_convention() {
    let config = CesConfig::new(
        RatingScale::new(1, 5).unwrap(),
        2,
        4,
        CesPolarity::LowerIsEasier,
    )
    .unwrap();
    let mut ces = Ces::new(config);
    ces.extend_u8(&[1, 5]).unwrap();
    let s = ces.summary(Confidence::NINETY_NINE).unwrap();
    assert_eq!(s.config(), config);
    assert_eq!(s.confidence(), Confidence::NINETY_NINE);
    assert_eq!(s.distribution(), [(1, 1), (2, 0), (3, 0), (4, 0), (5, 1)]);
}

#[test]
fn empty_like_keeps_the_convention_and_drops_the_data() {
    fn check<A: Accumulator + PartialEq + std::fmt::Debug>(full: &A, expected_empty: &A) {
        assert_eq!(&full.empty_like(), expected_empty);
    }
    let binary = CsatConfig::binary();
    let mut csat = Csat::new(binary);
    csat.extend_u8(&[1, 0]).unwrap();
    check(&csat, &Csat::new(binary));

    let lower = CesConfig::new(RatingScale::CES_DEFAULT, 3, 5, CesPolarity::LowerIsEasier).unwrap();
    let mut ces = Ces::new(lower);
    ces.extend_u8(&[1, 7]).unwrap();
    check(&ces, &Ces::new(lower));

    let strict = NpsConfig::new(5, 10).unwrap();
    let mut nps = Nps::new(strict);
    nps.extend_u8(&[10, 3]).unwrap();
    check(&nps, &Nps::new(strict));

    let mut weighted = WeightedNps::new(strict);
    weighted
        .push((NpsScore::new(10).unwrap(), Weight::new(2.0).unwrap()))
        .unwrap();
    check(&weighted, &WeightedNps::new(strict));

    let mut by = Breakdown::new(Csat::new(binary));
    by.push('x', 1_u8).unwrap();
    check(&by, &Breakdown::new(Csat::new(binary)));
}

#[test]
fn a_bad_answer_is_found_even_when_every_value_or_group_holds_one() {
    // The column kernels first ask "is anything off the scale?" of their
    // counts, then look for the first offender. These columns make every
    // off-scale count non-zero, so a screen that asked the wrong question
    // would miss them.

    // A wide scale (21 points, counted with tables) and every byte value:
    // the first off the scale 0..=20 is 21, at index 21.
    let wide = RatingScale::new(0, 20).unwrap();
    let mut csat = Csat::new(CsatConfig::new(wide, 15).unwrap());
    let every_byte: Vec<u8> = (0..=255).collect();
    assert_eq!(
        csat.extend_u8(&every_byte).unwrap_err().to_string(),
        "csat rating 21 at index 21 is outside the scale 0..=20"
    );
    assert_eq!(csat.n(), 0);

    // 13 groups (`u8` keys, counted with tables) and 200 groups (`u16`
    // keys), each holding one score of 11 after a valid 10: the first bad
    // score is the second row.
    let mut keys8 = Vec::new();
    let mut keys16 = Vec::new();
    let mut scores = Vec::new();
    for k in 0..200_u16 {
        keys16.extend([k, k]);
        scores.extend([10_u8, 11]);
    }
    for k in 0..13_u8 {
        keys8.extend([k, k]);
    }
    let mut by8 = Breakdown::<u8, Nps>::default();
    assert_eq!(
        by8.extend_grouped(&keys8, &scores[..26])
            .unwrap_err()
            .to_string(),
        "nps score 11 at index 1 is outside the scale 0..=10"
    );
    assert!(by8.is_empty());
    let mut by16 = Breakdown::<u16, Nps>::default();
    assert_eq!(
        by16.extend_grouped(&keys16, &scores)
            .unwrap_err()
            .to_string(),
        "nps score 11 at index 1 is outside the scale 0..=10"
    );
    assert!(by16.is_empty());
}

#[test]
fn a_single_ces_rating_has_a_mean_but_no_interval() {
    // One rating: mean 4; a sample variance needs two ratings, so there is
    // no interval (and no error).
    let mut ces = Ces::default();
    ces.push(4).unwrap();
    let s = ces.summary(Confidence::NINETY_FIVE).unwrap();
    assert_eq!(s.mean(), Some(4.0));
    assert_eq!(s.interval(), None);
}

#[test]
fn nps_reports_its_cut_offs() {
    let strict = NpsConfig::new(5, 10).unwrap();
    assert_eq!((strict.detractor_max(), strict.promoter_min()), (5, 10));
    assert_eq!(Nps::new(strict).config(), strict);
    assert_eq!(WeightedNps::new(strict).config(), strict);
    // The standard cut-offs: 0..=6 detractors, 9..=10 promoters.
    let standard = NpsConfig::default();
    assert_eq!((standard.detractor_max(), standard.promoter_min()), (6, 9));
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "the exact sum is representable; exactness is the point"
)]
fn weighted_sums_keep_small_weights_next_to_a_huge_one() {
    // Four weights of 1 added to 1e16 one by one vanish in plain f64
    // arithmetic (1e16 + 1 rounds back to 1e16); the exact sum,
    // 10_000_000_000_000_004, is representable (Python: math.fsum gives
    // 1.0000000000000004e+16).
    let ten = NpsScore::new(10).unwrap();
    let mut weighted = WeightedNps::default();
    weighted.push((ten, Weight::new(1e16).unwrap())).unwrap();
    for _ in 0..4 {
        weighted.push((ten, Weight::new(1.0).unwrap())).unwrap();
    }
    assert_eq!(weighted.promoters(), 1.000_000_000_000_000_4e16);
    assert_eq!(weighted.total_weight(), 1.000_000_000_000_000_4e16);

    // A small weight first, then a huge one, then a small one: 3 + 1e16
    // rounds up to 1e16 + 4 and 1e16 + 4 + 3 up to 1e16 + 8, while the exact
    // sum is 1e16 + 6 (math.fsum([3.0, 1e16, 3.0]) == 1.0000000000000006e16;
    // the plain sum gives 1.0000000000000008e16).
    let mut weighted = WeightedNps::default();
    for w in [3.0, 1e16, 3.0] {
        weighted.push((ten, Weight::new(w).unwrap())).unwrap();
    }
    assert_eq!(weighted.promoters(), 1.000_000_000_000_000_6e16);
}

#[test]
fn nps_summaries_report_their_method_confidence_and_cut_offs() {
    use carekit::stats::NpsIntervalMethod;
    let strict = NpsConfig::new(5, 10).unwrap();
    let mut nps = Nps::default();
    nps.extend([10_u8, 7, 3].map(|s| NpsScore::new(s).unwrap()))
        .unwrap();
    // The default uses the standard cut-offs: 10 promoter, 7 passive, 3 detractor.
    assert_eq!(
        (nps.promoters(), nps.passives(), nps.detractors()),
        (1, 1, 1)
    );
    let mut strict_nps = Nps::new(strict);
    strict_nps.extend_u8(&[10, 7, 3]).unwrap();
    let s = strict_nps
        .summary(Confidence::NINETY, NpsIntervalMethod::AdjustedWald)
        .unwrap();
    assert_eq!(s.method(), NpsIntervalMethod::AdjustedWald);
    assert_eq!(s.confidence(), Confidence::NINETY);
    assert_eq!(s.config(), strict);
    // Strict: 10 promoter, 7 passive (6..=9), 3 detractor: score 0.
    assert_eq!(s.score(), Some(0.0));
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "the weights are small integers: every sum is exact"
)]
fn a_weighted_nps_summary_reports_every_figure() {
    use carekit::stats::NpsIntervalMethod;
    // Strict cut-offs (detractors ≤ 5, promoters 10). Scores 10, 7, 3 with
    // weights 2, 1, 1: W_P = 2, W_0 = 1, W_D = 1, W = 4, n = 3
    // effective n = W² / Σw² = 16 / 6; score = 100 · (2 − 1) / 4 = 25
    let strict = NpsConfig::new(5, 10).unwrap();
    let mut weighted = WeightedNps::new(strict);
    weighted.extend_u8(&[10, 7, 3], &[2.0, 1.0, 1.0]).unwrap();
    let s = weighted
        .summary(Confidence::NINETY, NpsIntervalMethod::AdjustedWald)
        .unwrap();
    assert_eq!(s.n(), 3);
    assert_eq!(
        (s.promoters(), s.passives(), s.detractors()),
        (2.0, 1.0, 1.0)
    );
    assert_eq!(s.total_weight(), 4.0);
    assert!((s.effective_n().unwrap() - 16.0 / 6.0).abs() < 1e-12);
    assert_eq!(s.score(), Some(25.0));
    assert!(s.interval().is_some());
    assert_eq!(s.method(), NpsIntervalMethod::AdjustedWald);
    assert_eq!(s.confidence(), Confidence::NINETY);
    assert_eq!(s.config(), strict);
}

#[test]
fn durations_are_empty_until_the_first_value() {
    use carekit::metrics::Durations;
    let mut d = Durations::new();
    assert!(d.is_empty());
    d.push(90.0).unwrap();
    assert!(!d.is_empty());
    assert_eq!(d.n(), 1);
}

#[test]
fn two_durations_have_a_sample_variance_and_a_standard_deviation() {
    use carekit::metrics::Durations;
    // 60 s and 180 s: mean 120, squared deviations 3600 + 3600, divisor
    // n − 1 = 1: variance 7200, standard deviation √7200 = 84.8528…
    let d = Durations::from_seconds(&[60.0, 180.0]).unwrap();
    assert_eq!(d.sample_variance(), Some(7200.0));
    assert_eq!(d.std_dev(), Some(7200.0_f64.sqrt()));
    // One value has neither.
    let one = Durations::from_seconds(&[60.0]).unwrap();
    assert_eq!((one.sample_variance(), one.std_dev()), (None, None));
}

#[test]
fn health_components_are_named_in_snake_case() {
    use carekit::metrics::HealthComponent;
    let names: Vec<&str> = HealthComponent::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(
        names,
        [
            "nps",
            "csat",
            "ces",
            "peak_end",
            "recency",
            "escalations",
            "reopen_rate",
            "tier"
        ]
    );
}

#[test]
fn health_band_limits_belong_to_the_better_band() {
    use carekit::metrics::{HealthBand, HealthBands};
    // "At risk below 40, needs attention below 70": 40 itself needs
    // attention and 70 itself is healthy.
    let bands = HealthBands::default();
    assert_eq!(
        (bands.at_risk_below(), bands.needs_attention_below()),
        (40.0, 70.0)
    );
    assert_eq!(bands.band(39.999), HealthBand::AtRisk);
    assert_eq!(bands.band(40.0), HealthBand::NeedsAttention);
    assert_eq!(bands.band(69.999), HealthBand::NeedsAttention);
    assert_eq!(bands.band(70.0), HealthBand::Healthy);
}
