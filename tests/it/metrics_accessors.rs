//! The readers of the metrics types give back what went in.
//!
//! Doctests show each accessor once, but the mutation run does not execute
//! doctests; these tests pin the same facts where it does. Expected values
//! are worked by hand in the comments.

use carekit::RatingScale;
use carekit::metrics::{
    Accumulator, Breakdown, Ces, CesConfig, CesPolarity, Csat, Nps, Observe, Period, PeriodKey,
};

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
    // Generic code that feeds any `Observe<V>` can feed a breakdown with
    // `(key, value)` pairs.
    fn feed<V: Copy, A: Observe<V>>(acc: &mut A, values: &[V]) {
        for &v in values {
            acc.observe(v).unwrap();
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
    assert!(by.observe(('c', 11_u8)).is_err());
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
    let strict =
        Breakdown::<u8, Nps>::new(Nps::new(carekit::metrics::NpsConfig::new(5, 10).unwrap()));
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
