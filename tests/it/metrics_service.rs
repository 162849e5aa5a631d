//! Service metrics: durations, the quantile sketch, interaction clocks and
//! FCR, retention, peak-end and customer health.
//!
//! Expected values come from a naive reference written here (sorting), from
//! Python (`math.fsum`, `statistics.variance`, numpy; commands quoted), or
//! from hand arithmetic shown next to each assertion.
#![allow(
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "tests compare exact floats and index sorted copies"
)]

use carekit::calendar::{CalendarTime, ElapsedTime};
use carekit::interaction::OutboundStart;
use carekit::metrics::{
    ClockSummary, Durations, Fcr, FcrConvention, HealthBand, HealthBands, HealthComponent as C,
    HealthInputs, HealthModel, HealthWeights, InteractionClocks, MetricsError, PercentileMethod,
    QuantileSketch, RepeatPurchaseRate, Retention, peak_end,
};
use carekit::*;
use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Utc, Weekday};
use proptest::prelude::*;

// ------------------------------------------------------------ references

/// Hyndman–Fan type 7 on a sorted copy: h = (n−1)q, x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
fn naive_linear(values: &[f64], q: f64) -> f64 {
    let mut x = values.to_vec();
    x.sort_by(f64::total_cmp);
    let h = (x.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(x.len() - 1);
    x[lo] + (h - lo as f64) * (x[hi] - x[lo])
}

/// Hyndman–Fan type 1 on a sorted copy: the ⌈nq⌉-th smallest (at least the first).
fn naive_nearest_rank(values: &[f64], q: f64) -> f64 {
    let mut x = values.to_vec();
    x.sort_by(f64::total_cmp);
    let k = ((x.len() as f64 * q).ceil() as usize).max(1);
    x[k - 1]
}

fn durations_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![
            0.0..1e6_f64,
            (0_u32..100_000).prop_map(|ms| f64::from(ms) / 1000.0),
            Just(0.0),
            1e-9..1.0_f64,
        ],
        0..300,
    )
}

fn split(values: &[f64], mask: &[bool]) -> (Vec<f64>, Vec<f64>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (i, &v) in values.iter().enumerate() {
        if mask.get(i).copied().unwrap_or(false) {
            a.push(v);
        } else {
            b.push(v);
        }
    }
    (a, b)
}

const QS: [f64; 7] = [0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0];

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

proptest! {
    #[test]
    fn durations_merge_of_any_split_equals_the_whole(
        values in durations_strategy(),
        mask in prop::collection::vec(any::<bool>(), 300),
    ) {
        let whole = Durations::from_seconds(&values).unwrap();
        let (a, b) = split(&values, &mask);
        let mut merged = Durations::from_seconds(&b).unwrap();
        merged.merge(&Durations::from_seconds(&a).unwrap()).unwrap();
        prop_assert_eq!(merged.n(), whole.n());
        // Exact sums: bit-for-bit equal although the order differs.
        prop_assert_eq!(merged.sum().to_bits(), whole.sum().to_bits());
        prop_assert_eq!(bits(merged.mean()), bits(whole.mean()));
        prop_assert_eq!(bits(merged.sample_variance()), bits(whole.sample_variance()));
        prop_assert_eq!(bits(merged.min()), bits(whole.min()));
        prop_assert_eq!(bits(merged.max()), bits(whole.max()));
        for method in [PercentileMethod::Linear, PercentileMethod::NearestRank] {
            prop_assert_eq!(merged.percentiles(&QS, method).unwrap(), whole.percentiles(&QS, method).unwrap());
        }
    }

    #[test]
    fn percentiles_match_a_sort_based_reference(
        values in prop::collection::vec(0.0..1e5_f64, 1..400),
        q in 0.0..=1.0_f64,
    ) {
        let d = Durations::from_seconds(&values).unwrap();
        let lin = d.percentile(q, PercentileMethod::Linear).unwrap().unwrap();
        let reference = naive_linear(&values, q);
        prop_assert!((lin - reference).abs() <= 1e-9 * reference.abs().max(1.0), "{} vs {}", lin, reference);
        let nr = d.percentile(q, PercentileMethod::NearestRank).unwrap().unwrap();
        prop_assert_eq!(nr, naive_nearest_rank(&values, q));
        // Bounds.
        prop_assert!(d.min().unwrap() <= lin && lin <= d.max().unwrap());
    }

    #[test]
    fn sketch_merge_of_any_split_equals_the_sketch_of_the_whole(
        values in prop::collection::vec(prop_oneof![1e-3..1e7_f64, Just(0.0)], 0..300),
        mask in prop::collection::vec(any::<bool>(), 300),
        alpha in prop::sample::select(vec![0.005, 0.01, 0.02, 0.05]),
    ) {
        let mut whole = QuantileSketch::new(alpha).unwrap();
        whole.extend_f64(&values).unwrap();
        let (a, b) = split(&values, &mask);
        let mut sa = QuantileSketch::new(alpha).unwrap();
        sa.extend_f64(&a).unwrap();
        let mut merged = QuantileSketch::new(alpha).unwrap();
        for &v in &b {
            merged.push(v).unwrap();
        }
        merged.merge(&sa).unwrap();
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(merged.quantiles(&QS).unwrap(), whole.quantiles(&QS).unwrap());
    }

    #[test]
    fn sketch_quantiles_are_within_alpha_of_the_exact_lower_quantile(
        values in prop::collection::vec(1e-3..1e7_f64, 1..400),
        q in 0.0..=1.0_f64,
        alpha in prop::sample::select(vec![0.001, 0.01, 0.05, 0.2]),
    ) {
        let mut s = QuantileSketch::new(alpha).unwrap();
        s.extend_f64(&values).unwrap();
        let got = s.quantile(q).unwrap().unwrap();
        // DDSketch's guarantee: the ⌊q·(n−1)⌋-th smallest value (0-based).
        let mut x = values.clone();
        x.sort_by(f64::total_cmp);
        let exact = x[(q * (x.len() - 1) as f64).floor() as usize];
        prop_assert!((got - exact).abs() <= alpha * exact * (1.0 + 1e-12), "{} vs {}", got, exact);
        prop_assert_eq!(s.min(), Some(x[0]));
        prop_assert_eq!(s.max(), x.last().copied());
        prop_assert_eq!(s.n(), values.len() as u64);
    }

    #[test]
    fn retention_from_customers_agrees_with_its_counts(
        people in prop::collection::vec((0_i64..400, prop::option::of(0_i64..400)), 1..60),
    ) {
        let day = |d: i64| Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap() + TimeDelta::days(d);
        let customers: Vec<Customer> = people
            .iter()
            .enumerate()
            .map(|(i, &(since, churn))| {
                let b = Customer::builder(CustomerId::new(&format!("c{i}")).unwrap(), day(since));
                match churn {
                    Some(c) => b.churned_at(day(since + c)),
                    None => b,
                }
                .build()
                .unwrap()
            })
            .collect();
        let (start, end) = (day(100), day(200));
        // Independent count, straight from the definitions.
        let s = customers.iter().filter(|c| c.is_active_at(start)).count() as u64;
        let kept = customers.iter().filter(|c| c.is_active_at(start) && c.is_active_at(end)).count() as u64;
        let n = customers.iter().filter(|c| c.customer_since() > start && c.is_active_at(end)).count() as u64;
        let r = Retention::from_customers(&customers, start, end).unwrap();
        prop_assert_eq!((r.start(), r.kept(), r.new_customers()), (s, kept, n));
        match (r.retention_rate(), r.churn_rate()) {
            (Some(kept), Some(churn)) => prop_assert!((kept + churn - 1.0).abs() < 1e-12),
            (None, None) => prop_assert_eq!(s, 0), // no cohort, no rate
            other => prop_assert!(false, "rates {other:?}"),
        }
    }
}

// ------------------------------------------------------------ durations

#[test]
fn durations_sum_and_mean_match_python_fsum() {
    // python3 -c "import math, statistics; v=[i*0.37 + 1.0/(i+1) for i in range(10000)];
    //   print(repr(math.fsum(v)), repr(math.fsum(v)/10000), repr(statistics.variance(v)))"
    // -> 18498159.787606034 1849.8159787606035 1140944.5347656272
    // (the naive left-to-right sum gives 18498159.787606087)
    let v: Vec<f64> = (0..10_000)
        .map(|i| f64::from(i) * 0.37 + 1.0 / f64::from(i + 1))
        .collect();
    let d = Durations::from_seconds(&v).unwrap();
    assert_eq!(d.sum(), 18_498_159.787_606_034);
    assert_eq!(d.mean(), Some(1_849.815_978_760_603_5));
    let var = d.sample_variance().unwrap();
    assert!((var - 1_140_944.534_765_627_2).abs() <= 1e-12 * var);
}

#[test]
fn durations_reject_bad_values_and_stay_unchanged() {
    let mut d = Durations::from_seconds(&[1.0, 2.0]).unwrap();
    let err = d.extend_f64(&[3.0, f64::NAN]).unwrap_err();
    assert!(matches!(
        err,
        Error::Metrics(MetricsError::InvalidDuration { index: 1, value }) if value.is_nan()
    ));
    assert!(
        err.to_string()
            .starts_with("duration NaN at index 1 is invalid")
    );
    assert_eq!(d.n(), 2);
    assert!(
        d.push(-0.5)
            .unwrap_err()
            .to_string()
            .contains("-0.5 at index 2")
    );
    assert!(d.push(f64::INFINITY).is_err());
    assert!(d.push(1e16).is_err());
    assert!(d.push(TimeDelta::milliseconds(-1)).is_err());
    d.push(TimeDelta::milliseconds(1500)).unwrap();
    assert_eq!(d.values(), &[1.0, 2.0, 1.5]);
    assert_eq!(
        d.percentiles(&[f64::NAN], PercentileMethod::Linear)
            .unwrap_err()
            .to_string(),
        "quantile NaN is outside 0..=1"
    );
}

#[test]
fn empty_durations_have_no_statistics() {
    let d = Durations::new();
    assert_eq!(
        (d.mean(), d.min(), d.max(), d.sample_variance()),
        (None, None, None, None)
    );
    assert_eq!(d.sum(), 0.0);
    assert_eq!(
        d.percentiles(&[0.5], PercentileMethod::Linear).unwrap(),
        None
    );
    // q is still checked on an empty accumulator.
    assert!(d.percentiles(&[2.0], PercentileMethod::Linear).is_err());
    let one = Durations::from_seconds(&[7.0]).unwrap();
    assert_eq!(one.sample_variance(), None);
}

#[test]
fn linear_percentiles_round_bit_for_bit_like_numpy() {
    // numpy interpolates with a + (b − a)·t below t = 0.5 and with
    // b − (b − a)·(1 − t) from 0.5 up; the two differ in the last bit on
    // these inputs. References from numpy 2.4.6:
    //   numpy.quantile([9.2, 61.4], 0.1)                     -> 14.42
    //   numpy.quantile([7.665, 11.469, 22.4, 78.19], 0.95)   -> 69.82149999999997
    // (the other formula gives 14.419999999999995 and 69.82149999999999).
    let q = |values: &[f64], q: f64| {
        Durations::from_seconds(values)
            .unwrap()
            .percentile(q, PercentileMethod::Linear)
            .unwrap()
            .unwrap()
    };
    assert_eq!(q(&[9.2, 61.4], 0.1), 14.42);
    assert_eq!(
        q(&[7.665, 11.469, 22.4, 78.19], 0.95),
        69.821_499_999_999_97
    );
}

#[test]
fn large_percentiles_match_numpy() {
    // 200_000 values i*0.5 for i in 0..200_000 (exactly representable):
    // numpy.quantile(np.arange(200000)*0.5, [0.5, 0.9, 0.999]) ->
    // [49999.75, 89999.55, 99899.5005]; h = 199999·q:
    // 0.5 -> 99999.5 -> 49999.5 + 0.5·0.5 = 49999.75; 0.9 -> 179999.1 -> 89999.5 + 0.1·0.5 = 89999.55.
    let mut v: Vec<f64> = (0..200_000).map(|i| f64::from(i) * 0.5).collect();
    v.reverse(); // order does not matter
    let d = Durations::from_seconds(&v).unwrap();
    let p = d
        .percentiles(&[0.5, 0.9, 0.999], PercentileMethod::Linear)
        .unwrap()
        .unwrap();
    assert!((p[0] - 49_999.75).abs() < 1e-9);
    assert!((p[1] - 89_999.55).abs() < 1e-9);
    assert!((p[2] - 99_899.500_5).abs() < 1e-9); // h = 199799.001 -> 99899.5 + 0.001·0.5
    // numpy ... method='inverted_cdf' -> [49999.5, 89999.5, 99899.5]
    // (ceil(200000·q) − 1 = 99999, 179999, 199799).
    let p = d
        .percentiles(&[0.5, 0.9, 0.999], PercentileMethod::NearestRank)
        .unwrap()
        .unwrap();
    assert_eq!(p, vec![49_999.5, 89_999.5, 99_899.5]);
}

// ------------------------------------------------------------ sketch

#[test]
fn sketch_rejects_bad_inputs_and_mismatched_merges() {
    assert!(QuantileSketch::new(f64::NAN).is_err());
    assert!(QuantileSketch::new(-0.1).is_err());
    let mut s = QuantileSketch::new(0.01).unwrap();
    s.push(5.0).unwrap();
    let before = s.clone();
    let err = s.extend_f64(&[1.0, 2.0, -3.0]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("sketch value -3 at index 2 is invalid")
    );
    assert!(s.push(f64::INFINITY).is_err());
    assert_eq!(s, before);
    let other = QuantileSketch::new(0.05).unwrap();
    assert_eq!(
        s.merge(&other).unwrap_err(),
        Error::Metrics(MetricsError::RelativeAccuracyMismatch {
            left: 0.01,
            right: 0.05
        })
    );
    assert!(s.quantile(1.01).is_err());
}

#[test]
fn sketch_matches_ddsketch_on_a_large_batch() {
    // /work/refs/venv/bin/python -c "from ddsketch import DDSketch; s=DDSketch(0.01);
    //   [s.add(i*0.5+0.25) for i in range(100000)];
    //   print([repr(s.get_quantile_value(q)) for q in (0, 0.5, 0.9, 0.99, 1)])"
    let values: Vec<f64> = (0..100_000).map(|i| f64::from(i) * 0.5 + 0.25).collect();
    let mut s = QuantileSketch::new(0.01).unwrap();
    s.extend_f64(&values).unwrap();
    let got = s.quantiles(&[0.0, 0.5, 0.9, 0.99, 1.0]).unwrap().unwrap();
    // -> ['0.24905131021792623', '25091.5818506065', '44815.395948095764',
    //     '49528.83738963652', '49528.83738963652']
    let expected = [
        0.249_051_310_217_926_23,
        25_091.581_850_606_5,
        44_815.395_948_095_764,
        49_528.837_389_636_52,
        49_528.837_389_636_52,
    ];
    for (g, e) in got.iter().zip(expected) {
        assert!((g - e).abs() <= 1e-12 * e, "{g} vs {e}");
    }
}

// ------------------------------------------------------------ clocks

fn t(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, day, h, m, 0).unwrap()
}

/// A toy business calendar for the tests: Monday to Friday, 09:00–17:00
/// UTC. Written independently of carekit's calendars: it walks day by day.
struct NineToFive;

impl ElapsedTime for NineToFive {
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, Error> {
        let mut total = TimeDelta::zero();
        let mut day = from.date_naive();
        while day <= to.date_naive() {
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                let open = day.and_hms_opt(9, 0, 0).unwrap().and_utc();
                let close = day.and_hms_opt(17, 0, 0).unwrap().and_utc();
                let (a, b) = (open.max(from), close.min(to));
                if b > a {
                    total += b - a;
                }
            }
            day = day.succ_opt().unwrap();
        }
        Ok(total)
    }

    fn advance(&self, _start: DateTime<Utc>, _d: TimeDelta) -> Result<DateTime<Utc>, Error> {
        unimplemented!("not needed by the clocks")
    }
}

fn ana() -> AgentId {
    AgentId::new("ana").unwrap()
}

fn case(created: DateTime<Utc>) -> InteractionBuilder {
    Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c-1").unwrap(),
        Channel::Email,
        created,
    )
}

#[test]
fn business_time_clocks_skip_nights_and_weekends() {
    // 2024-03-08 is a Friday. Created Fri 16:00, open at once, replied and
    // solved Mon 2024-03-11 10:00.
    let i = case(t(8, 16, 0))
        .status(t(8, 16, 0), Status::Open)
        .agent_reply(t(11, 10, 0), ana(), Visibility::Public)
        .status(t(11, 10, 0), Status::Solved)
        .build()
        .unwrap();
    let cal = InteractionClocks::measure(&i, t(11, 12, 0), &CalendarTime, FcrConvention::OneTouch)
        .unwrap();
    // Calendar: Fri 16:00 -> Mon 10:00 = 8 h + 24 h + 24 h + 10 h = 66 h.
    assert_eq!(cal.first_reply(), Some(TimeDelta::hours(66)));
    let biz =
        InteractionClocks::measure(&i, t(11, 12, 0), &NineToFive, FcrConvention::OneTouch).unwrap();
    // Business: Fri 16–17 (1 h) + Mon 9–10 (1 h) = 2 h, for every clock.
    assert_eq!(biz.first_reply(), Some(TimeDelta::hours(2)));
    assert_eq!(biz.full_resolution(), Some(TimeDelta::hours(2)));
    assert_eq!(biz.agent_work(), TimeDelta::hours(2));
    assert_eq!(biz.requester_wait(), TimeDelta::hours(2));
    assert_eq!(biz.first_contact_resolved(), Some(true));
}

#[test]
fn pending_time_is_agent_wait_and_on_hold_is_requester_wait() {
    // New 9:00–9:10 (10 min), pending 9:10–10:10 (60), on-hold 10:10–10:40
    // (30), open 10:40–11:00 (20), solved 11:00.
    let i = case(t(4, 9, 0))
        .agent_reply(t(4, 9, 10), ana(), Visibility::Public)
        .status(t(4, 9, 10), Status::Pending)
        .status(t(4, 10, 10), Status::OnHold)
        .status(t(4, 10, 40), Status::Open)
        .status(t(4, 11, 0), Status::Solved)
        .build()
        .unwrap();
    let c = InteractionClocks::measure(&i, t(4, 12, 0), &CalendarTime, FcrConvention::NoReopen)
        .unwrap();
    assert_eq!(c.agent_wait(), TimeDelta::minutes(60));
    assert_eq!(c.on_hold(), TimeDelta::minutes(30));
    assert_eq!(c.agent_work(), TimeDelta::minutes(10 + 20));
    assert_eq!(c.requester_wait(), TimeDelta::minutes(10 + 30 + 20));
    assert_eq!(c.full_resolution(), Some(TimeDelta::minutes(120)));
    assert_eq!(c.convention(), FcrConvention::NoReopen);
}

#[test]
fn outbound_case_opened_by_an_agent_counts_the_second_reply() {
    let i = case(t(4, 9, 0))
        .direction(Direction::Outbound)
        .agent_reply(t(4, 9, 0), ana(), Visibility::Public)
        .customer_message(t(4, 9, 30))
        .agent_reply(t(4, 9, 45), ana(), Visibility::Public)
        .build()
        .unwrap();
    // By default the clock starts at the customer's message: 09:30 → 09:45.
    let c = InteractionClocks::measure(&i, t(4, 10, 0), &CalendarTime, FcrConvention::OneTouch)
        .unwrap();
    assert!(c.opened_by_agent());
    assert_eq!(c.first_reply(), Some(TimeDelta::minutes(15)));
    // From creation: 09:00 → 09:45.
    let from_creation = i
        .timeline_with(t(4, 10, 0), OutboundStart::Creation)
        .unwrap();
    let c =
        InteractionClocks::from_timeline(&from_creation, &CalendarTime, FcrConvention::OneTouch)
            .unwrap();
    assert_eq!(c.first_reply(), Some(TimeDelta::minutes(45)));
    assert_eq!(c.outbound_start(), OutboundStart::Creation);
    // Inbound, an agent's public message at the creation instant opened
    // the case (logged on the customer's behalf): not a reply either.
    let inbound = case(t(4, 9, 0))
        .agent_reply(t(4, 9, 0), ana(), Visibility::Public)
        .build()
        .unwrap();
    let c = InteractionClocks::measure(
        &inbound,
        t(4, 10, 0),
        &CalendarTime,
        FcrConvention::OneTouch,
    )
    .unwrap();
    assert!(c.opened_by_agent());
    assert_eq!(c.first_reply(), None);
    // A reply one second after creation is a reply.
    let quick = case(t(4, 9, 0))
        .agent_reply(
            t(4, 9, 0) + TimeDelta::seconds(1),
            ana(),
            Visibility::Public,
        )
        .build()
        .unwrap();
    let c = InteractionClocks::measure(&quick, t(4, 10, 0), &CalendarTime, FcrConvention::OneTouch)
        .unwrap();
    assert!(!c.opened_by_agent());
    assert_eq!(c.first_reply(), Some(TimeDelta::seconds(1)));
}

#[test]
fn fcr_conventions_disagree_on_a_follow_up() {
    // One reply, then the customer writes again and the agent solves
    // without another reply: one-touch yes, no-follow-up no, no-reopen yes.
    let i = case(t(4, 9, 0))
        .agent_reply(t(4, 9, 5), ana(), Visibility::Public)
        .customer_message(t(4, 9, 20))
        .status(t(4, 9, 30), Status::Solved)
        .build()
        .unwrap();
    let verdict = |conv| {
        InteractionClocks::measure(&i, t(4, 10, 0), &CalendarTime, conv)
            .unwrap()
            .first_contact_resolved()
    };
    assert_eq!(verdict(FcrConvention::OneTouch), Some(true));
    assert_eq!(verdict(FcrConvention::NoCustomerFollowUp), Some(false));
    assert_eq!(verdict(FcrConvention::NoReopen), Some(true));
}

#[test]
fn closing_a_solved_case_keeps_its_solve_time() {
    // Full resolution runs from creation to the last solve. Closing an
    // already solved case is housekeeping, not a second solve: solved
    // 10:00 and closed 12:00 is resolved in 60 minutes.
    let solved_then_closed = case(t(4, 9, 0))
        .status(t(4, 10, 0), Status::Solved)
        .status(t(4, 12, 0), Status::Closed)
        .build()
        .unwrap();
    let resolution = |i: &Interaction| {
        InteractionClocks::measure(i, t(4, 13, 0), &CalendarTime, FcrConvention::OneTouch)
            .unwrap()
            .full_resolution()
    };
    assert_eq!(
        resolution(&solved_then_closed),
        Some(TimeDelta::minutes(60))
    );
    // Closing a case that was never solved is its solve: 9:00 → 11:00.
    let closed_unsolved = case(t(4, 9, 0))
        .status(t(4, 9, 10), Status::Open)
        .status(t(4, 11, 0), Status::Closed)
        .build()
        .unwrap();
    assert_eq!(resolution(&closed_unsolved), Some(TimeDelta::minutes(120)));
}

#[test]
fn clock_summary_totals_reopens_replies_and_status_times() {
    // A: New 9:00, reply + Pending 9:10, OnHold 9:40, Open 10:00,
    //    reply + Solved 10:10, reopened 10:30, Solved 10:40; read at 11:00.
    //    Agent work (new + open) 10 + 10 + 10 = 30 min, on hold 20 min,
    //    agent wait (pending) 30 min; 1 reopen, 2 replies.
    // B: New since 9:00, nothing else: 120 min of agent work.
    let a = case(t(4, 9, 0))
        .agent_reply(t(4, 9, 10), ana(), Visibility::Public)
        .status(t(4, 9, 10), Status::Pending)
        .status(t(4, 9, 40), Status::OnHold)
        .status(t(4, 10, 0), Status::Open)
        .agent_reply(t(4, 10, 10), ana(), Visibility::Public)
        .status(t(4, 10, 10), Status::Solved)
        .status(t(4, 10, 30), Status::Open)
        .status(t(4, 10, 40), Status::Solved)
        .build()
        .unwrap();
    let b = case(t(4, 9, 0)).build().unwrap();
    let mut summary = ClockSummary::new(FcrConvention::NoReopen);
    for i in [&a, &b] {
        let c = InteractionClocks::measure(i, t(4, 11, 0), &CalendarTime, FcrConvention::NoReopen)
            .unwrap();
        summary.push(&c).unwrap();
    }
    let sorted = |d: &Durations| {
        let mut v = d.values().to_vec();
        v.sort_by(f64::total_cmp);
        v
    };
    assert_eq!(summary.n(), 2);
    assert_eq!(summary.reopens(), 1);
    assert_eq!(summary.reopens_per_interaction(), Some(0.5)); // 1 reopen / 2 interactions
    assert_eq!(summary.agent_replies(), 2);
    assert_eq!(sorted(summary.agent_work()), [1800.0, 7200.0]);
    assert_eq!(sorted(summary.on_hold()), [0.0, 1200.0]);
    assert_eq!(sorted(summary.agent_wait()), [0.0, 1800.0]);
    // A was reopened: not resolved under NoReopen; B is not solved yet.
    assert_eq!((summary.fcr().resolved(), summary.fcr().n()), (0, 1));
    assert_eq!(ClockSummary::default().reopens_per_interaction(), None);
    // A second copy of A: 2 reopens in 3 interactions.
    summary
        .push(
            &InteractionClocks::measure(&a, t(4, 11, 0), &CalendarTime, FcrConvention::NoReopen)
                .unwrap(),
        )
        .unwrap();
    assert_eq!((summary.reopens(), summary.agent_replies()), (2, 4));
    assert!((summary.reopens_per_interaction().unwrap() - 2.0 / 3.0).abs() < 1e-15);
}

#[test]
fn fcr_counts_merge_within_a_convention_and_give_a_wilson_interval() {
    let mut fcr = Fcr::from_counts(FcrConvention::NoReopen, 1, 2).unwrap();
    fcr.merge(&Fcr::from_counts(FcrConvention::NoReopen, 2, 3).unwrap())
        .unwrap();
    assert_eq!(fcr.convention(), FcrConvention::NoReopen);
    assert_eq!((fcr.resolved(), fcr.n()), (3, 5));
    assert_eq!(fcr.rate(), Some(0.6));
    // Wilson 95 % for 3 of 5; published: 0.2307 ..= 0.8824.
    let ci = fcr
        .proportion_interval(carekit::stats::Confidence::NINETY_FIVE)
        .unwrap()
        .unwrap();
    assert!((ci.low() - 0.230_724_281_276_012_8).abs() < 1e-12);
    assert!((ci.high() - 0.882_379_225_767_352).abs() < 1e-12);
    assert!(
        fcr.merge(&Fcr::new(FcrConvention::OneTouch)).is_err(),
        "conventions differ"
    );
    assert_eq!(fcr.n(), 5);
}

#[test]
fn clock_summary_merges_and_skips_absent_clocks() {
    let solved = case(t(4, 9, 0))
        .agent_reply(t(4, 9, 10), ana(), Visibility::Public)
        .status(t(4, 9, 20), Status::Solved)
        .build()
        .unwrap();
    let open = case(t(4, 9, 0)).build().unwrap();
    let m = |i: &Interaction| {
        InteractionClocks::measure(i, t(4, 10, 0), &CalendarTime, FcrConvention::OneTouch).unwrap()
    };
    let mut a = ClockSummary::new(FcrConvention::OneTouch);
    a.push(&m(&solved)).unwrap();
    let mut b = ClockSummary::new(FcrConvention::OneTouch);
    b.push(&m(&open)).unwrap();
    a.merge(&b).unwrap();
    assert_eq!(a.n(), 2);
    assert_eq!(a.first_reply().values(), &[600.0]); // only the solved case replied
    assert_eq!(a.full_resolution().values(), &[1200.0]);
    // requester wait: 20 min (solved case) and 60 min (open case).
    assert_eq!(a.requester_wait().values(), &[1200.0, 3600.0]);
    assert_eq!((a.fcr().resolved(), a.fcr().n()), (1, 1));
    assert!(
        a.merge(&ClockSummary::new(FcrConvention::NoReopen))
            .is_err()
    );
    let mut fcr = Fcr::new(FcrConvention::NoReopen);
    assert!(fcr.push(&m(&solved)).is_err());
}

// ------------------------------------------------------------ retention

#[test]
fn peak_end_takes_the_most_extreme_answer_and_breaks_ties_by_time() {
    let c = CustomerId::new("c").unwrap();
    let f = |day, score| {
        Feedback::builder(c.clone(), t(day, 12, 0), NpsScore::new(score).unwrap()).build()
    };
    // NPS 10 (100, extremity 50) on day 1, 0 (0, extremity 50) on day 2,
    // 5 (50, extremity 0) on day 3: the peak is the later of the two
    // equally extreme answers, 0; the end is 50; score (0 + 50) / 2 = 25.
    let in_order = [f(1, 10), f(2, 0), f(3, 5)];
    let pe = peak_end(&in_order, &c, .., CesPolarity::HigherIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.end(), pe.score()), (0.0, 50.0, 25.0));
    // Listed out of time order, the tie still goes to the later instant:
    // day 2's 0 is the peak, not day 1's 100 listed after it.
    let shuffled = [f(2, 0), f(1, 10)];
    let pe = peak_end(&shuffled, &c, .., CesPolarity::HigherIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.peak_at()), (0.0, t(2, 12, 0)));
    assert_eq!((pe.end(), pe.score()), (0.0, 0.0));
    // A more extreme answer takes over from a milder one.
    let pe = peak_end(&[f(1, 5), f(2, 1)], &c, .., CesPolarity::HigherIsEasier).unwrap();
    assert_eq!(pe.peak(), 10.0);
}

#[test]
fn retention_periods_may_be_empty_but_not_reversed() {
    let d = |day| t(day, 0, 0);
    let customers = [Customer::builder(CustomerId::new("a").unwrap(), d(1))
        .build()
        .unwrap()];
    // An empty period: the one customer is there at its start and its end.
    let r = Retention::from_customers(&customers, d(5), d(5)).unwrap();
    assert_eq!((r.start(), r.new_customers(), r.end()), (1, 0, 1));
    let err = Retention::from_customers(&customers, d(6), d(5)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "period end 2024-03-05T00:00:00Z is before period start 2024-03-06T00:00:00Z"
    );
}

#[test]
fn retention_never_uses_the_naive_formula() {
    // S = 150, N = 60, E = 170: the naive (S − E)/S = −13 % "churn"; the
    // real churn is (150 − (170 − 60))/150 = 40/150.
    let r = Retention::from_counts(150, 60, 170).unwrap();
    assert_eq!(r.lost(), 40);
    assert!((r.churn_rate().unwrap() - 40.0 / 150.0).abs() < 1e-15);
    let mut shards = Retention::from_counts(100, 30, 90).unwrap();
    shards
        .merge(&Retention::from_counts(50, 30, 80).unwrap())
        .unwrap();
    assert_eq!(shards, r);
    assert!(RepeatPurchaseRate::from_counts(5, 4).is_err());
}

// ------------------------------------------------------------ peak-end

#[test]
fn peak_end_ties_go_to_the_latest_extreme() {
    let c = CustomerId::new("c").unwrap();
    let other = CustomerId::new("x").unwrap();
    let f =
        |who: &CustomerId, day, a: Answer| Feedback::builder(who.clone(), t(day, 12, 0), a).build();
    let csat = |v| Answer::from(CsatRating::on_default_scale(v).unwrap());
    let nps = |v| Answer::from(NpsScore::new(v).unwrap());
    let feedback = [
        f(&c, 1, nps(0)),      // 0: extremity 50
        f(&c, 2, csat(5)),     // 100: extremity 50, later -> the peak
        f(&c, 3, nps(6)),      // 60: the end
        f(&other, 4, nps(10)), // another customer: ignored
        f(&c, 20, nps(10)),    // outside the window
    ];
    let pe = peak_end(
        &feedback,
        &c,
        t(1, 0, 0)..t(10, 0, 0),
        CesPolarity::HigherIsEasier,
    )
    .unwrap();
    assert_eq!(pe.peak(), 100.0);
    assert_eq!(pe.peak_at(), t(2, 12, 0));
    assert_eq!(pe.end(), 60.0);
    assert_eq!(pe.score(), 80.0); // (100 + 60) / 2
    assert_eq!(pe.answers(), 3);
}

// ------------------------------------------------------------ health

#[test]
fn health_renormalises_over_present_components_and_explains_itself() {
    // Default weights; present: NPS 9 (90), CSAT 4.5 on 1..=5 ((4.5−1)/4 = 87.5),
    // CES 2 on 1..=5 lower-is-easier (100 − 25 = 75), reopen rate 0.2 (80),
    // tier 2 of 4 (50). Present weight 0.2 + 0.15 + 0.1 + 0.1 + 0.1 = 0.65.
    // score = (0.2·90 + 0.15·87.5 + 0.1·75 + 0.1·80 + 0.1·50) / 0.65
    //       = (18 + 13.125 + 7.5 + 8 + 5) / 0.65 = 51.625 / 0.65 = 79.42307692…
    let inputs = HealthInputs::new()
        .latest_nps(NpsScore::new(9).unwrap())
        .csat_average(4.5, RatingScale::CSAT_DEFAULT)
        .unwrap()
        .ces_average(
            2.0,
            RatingScale::new(1, 5).unwrap(),
            CesPolarity::LowerIsEasier,
        )
        .unwrap()
        .reopen_rate(0.2)
        .unwrap()
        .tier_rank(2, 4)
        .unwrap();
    let s = HealthModel::default()
        .score(&inputs, t(4, 0, 0))
        .unwrap()
        .unwrap();
    assert!((s.score() - 51.625 / 0.65).abs() < 1e-12);
    assert_eq!(s.band(), HealthBand::Healthy);
    assert_eq!(s.missing(), &[C::PeakEnd, C::Recency, C::Escalations]);
    let total: f64 = s
        .contributions()
        .iter()
        .map(carekit::metrics::HealthContribution::contribution)
        .sum();
    assert!((total - s.score()).abs() < 1e-12);
    let ces = s.contribution(C::Ces).unwrap();
    assert_eq!(ces.value(), 75.0);
    assert!((ces.effective_weight() - 0.1 / 0.65).abs() < 1e-15);
    // Stricter bands move the same score.
    let strict = HealthModel::default().with_bands(HealthBands::new(50.0, 90.0).unwrap());
    assert_eq!(
        strict.score(&inputs, t(4, 0, 0)).unwrap().unwrap().band(),
        HealthBand::NeedsAttention
    );
}

#[test]
fn health_inputs_take_peak_end_and_tier_at_their_limits() {
    // Only the peak-end score (taken as is) and the top tier of four
    // (4 / 4 · 100 = 100) are present: default weights 0.15 and 0.10, so
    // the score is (0.15 · 62.5 + 0.1 · 100) / 0.25 = 19.375 / 0.25 = 77.5.
    let inputs = HealthInputs::new()
        .peak_end(62.5)
        .unwrap()
        .tier_rank(4, 4)
        .unwrap();
    let s = HealthModel::default()
        .score(&inputs, t(4, 0, 0))
        .unwrap()
        .unwrap();
    let peak_end = s.contribution(C::PeakEnd).unwrap();
    assert_eq!(peak_end.value(), 62.5);
    assert_eq!(peak_end.weight(), 0.15); // the default weight, before renormalising
    assert!((peak_end.effective_weight() - 0.6).abs() < 1e-15); // 0.15 / 0.25
    assert_eq!(s.contribution(C::Tier).unwrap().value(), 100.0);
    assert!((s.score() - 77.5).abs() < 1e-12);
    // Both ends of 0..=100 are scores; beyond them is an error.
    assert!(HealthInputs::new().peak_end(0.0).is_ok());
    assert!(HealthInputs::new().peak_end(100.0).is_ok());
    assert!(HealthInputs::new().peak_end(-0.5).is_err());
    assert!(HealthInputs::new().peak_end(100.5).is_err());
    // Ranks run from 1 to the number of tiers.
    assert!(HealthInputs::new().tier_rank(1, 4).is_ok());
    assert!(HealthInputs::new().tier_rank(5, 4).is_err());
    assert!(HealthInputs::new().tier_rank(0, 4).is_err());
}

#[test]
fn health_recency_and_escalations_scale_with_the_model_settings() {
    let w = HealthWeights::new(&[(C::Recency, 0.5), (C::Escalations, 0.5)]).unwrap();
    let now = t(31, 0, 0);
    let inputs = HealthInputs::new()
        .last_contact(now - TimeDelta::days(30))
        .open_escalations(1);
    let values = |model: &HealthModel| {
        let s = model.score(&inputs, now).unwrap().unwrap();
        (
            s.contribution(C::Recency).unwrap().value(),
            s.contribution(C::Escalations).unwrap().value(),
        )
    };
    // Defaults: 90-day horizon, cap 3. Contact 30 days ago:
    // 100 · (1 − 30/90) = 66.66…; one escalation: 100 · (1 − 1/3) = 66.66…
    let (recency, escalations) = values(&HealthModel::new(w));
    assert!((recency - 200.0 / 3.0).abs() < 1e-9);
    assert!((escalations - 200.0 / 3.0).abs() < 1e-9);
    // A 60-day horizon and a cap of 2: 100 · (1 − 30/60) = 50 and
    // 100 · (1 − 1/2) = 50.
    let model = HealthModel::new(w)
        .with_recency_horizon(TimeDelta::days(60))
        .unwrap()
        .with_escalation_cap(2)
        .unwrap();
    assert_eq!(values(&model), (50.0, 50.0));
    assert!(
        HealthModel::new(w)
            .with_recency_horizon(TimeDelta::zero())
            .is_err()
    );
    assert!(HealthModel::new(w).with_escalation_cap(0).is_err());
    // The model gives back its settings.
    let bands = HealthBands::new(30.0, 60.0).unwrap();
    let model = model.with_bands(bands);
    assert_eq!((model.weights(), model.bands()), (&w, &bands));
}

#[test]
fn health_contact_at_the_scoring_instant_is_fully_recent() {
    let w = HealthWeights::new(&[(C::Recency, 0.5), (C::Escalations, 0.5)]).unwrap();
    let now = t(31, 0, 0);
    // Contact at `as_of` itself: age 0, recency 100. Escalations carry
    // weight but are not known: listed as missing, while components of
    // weight 0 (NPS, CSAT, ...) are not.
    let s = HealthModel::new(w)
        .score(&HealthInputs::new().last_contact(now), now)
        .unwrap()
        .unwrap();
    assert_eq!(s.contribution(C::Recency).unwrap().value(), 100.0);
    assert_eq!(s.missing(), &[C::Escalations]);
    // A contact one second after `as_of` is an error naming both instants.
    let err = HealthModel::new(w)
        .score(
            &HealthInputs::new().last_contact(now + TimeDelta::seconds(1)),
            now,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "as_of 2024-03-31T00:00:00Z is before last contact 2024-03-31T00:00:01Z"
    );
}

#[test]
fn health_recency_and_escalations_are_capped() {
    let w = HealthWeights::new(&[(C::Recency, 0.5), (C::Escalations, 0.5)]).unwrap();
    let model = HealthModel::new(w).with_escalation_cap(2).unwrap();
    let now = t(31, 0, 0);
    // Contact 120 days ago with a 90-day horizon -> 0; 5 escalations, cap 2 -> 0.
    let s = model
        .score(
            &HealthInputs::new()
                .last_contact(now - TimeDelta::days(120))
                .open_escalations(5),
            now,
        )
        .unwrap()
        .unwrap();
    assert_eq!((s.score(), s.band()), (0.0, HealthBand::AtRisk));
    // Contact in the future of `as_of` is an error.
    assert!(
        model
            .score(
                &HealthInputs::new().last_contact(now + TimeDelta::days(1)),
                now
            )
            .is_err()
    );
    // Weights must sum to 1; duplicates are rejected.
    assert!(HealthWeights::new(&[(C::Nps, 0.5), (C::Nps, 0.5)]).is_err());
    assert!(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.5 + 2e-9)]).is_err());
    assert!(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.5 + 1e-10)]).is_ok());
    assert!(HealthInputs::new().tier_rank(0, 3).is_err());
    assert!(HealthInputs::new().reopen_rate(1.5).is_err());
}

// ------------------------------------------------------------ serde

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;

    fn round_trip<T>(value: &T)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, value, "{json}");
    }

    #[test]
    fn service_metrics_round_trip() {
        round_trip(&Durations::from_seconds(&[1.5, 0.0, 3.25]).unwrap());
        let mut s = QuantileSketch::new(0.02).unwrap();
        s.extend_f64(&[0.0, 0.5, 1000.0, 3.0, 1e-6]).unwrap();
        round_trip(&s);
        round_trip(&QuantileSketch::new(0.02).unwrap());
        round_trip(&Retention::from_counts(200, 40, 180).unwrap());
        round_trip(&RepeatPurchaseRate::from_counts(3, 10).unwrap());
        round_trip(&Fcr::from_counts(FcrConvention::NoCustomerFollowUp, 3, 5).unwrap());
        round_trip(&HealthWeights::default());
        round_trip(&HealthModel::default().with_escalation_cap(5).unwrap());
        round_trip(&PercentileMethod::NearestRank);
        let mut summary = ClockSummary::new(FcrConvention::NoReopen);
        let i = case(t(4, 9, 0))
            .status(t(4, 9, 30), Status::Solved)
            .build()
            .unwrap();
        summary
            .push(
                &InteractionClocks::measure(
                    &i,
                    t(4, 10, 0),
                    &CalendarTime,
                    FcrConvention::NoReopen,
                )
                .unwrap(),
            )
            .unwrap();
        round_trip(&summary);
    }

    #[test]
    fn service_metrics_validate_on_deserialisation() {
        let bad = |json: &str| {
            serde_json::from_str::<QuantileSketch>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(bad(r#"{"relative_accuracy": 0.01, "count": 3, "zero_count": 0, "min": 2.0, "max": 2.0, "offset": 70, "bins": [2]}"#)
            .contains("count differs"));
        assert!(bad(r#"{"relative_accuracy": 0.01, "count": 1, "zero_count": 0, "min": 2.0, "max": 2.0, "offset": 0, "bins": [1]}"#)
            .contains("first and last buckets"));
        assert!(bad(r#"{"relative_accuracy": 2, "count": 0, "zero_count": 0, "min": null, "max": null, "offset": 0, "bins": []}"#)
            .contains("relative accuracy 2"));
        assert!(serde_json::from_str::<Durations>(r#"{"seconds": [1, -2]}"#).is_err());
        // No customer at all is the empty accumulator; keeping more than
        // the cohort had is not.
        let empty =
            serde_json::from_str::<Retention>(r#"{"start": 0, "new": 0, "end": 0}"#).unwrap();
        assert_eq!(
            (empty, empty.retention_rate()),
            (Retention::default(), None)
        );
        assert!(serde_json::from_str::<Retention>(r#"{"start": 1, "new": 0, "end": 2}"#).is_err());
        assert!(serde_json::from_str::<HealthWeights>(r#"{"nps": 0.4}"#).is_err());
        assert!(serde_json::from_str::<HealthWeights>(r#"{"nps": 1.0, "loyalty": 0.0}"#).is_err());
        assert!(
            serde_json::from_str::<Fcr>(
                r#"{"convention": "one_touch", "resolved": 3, "eligible": 2}"#
            )
            .is_err()
        );
        let w: HealthWeights = serde_json::from_str(r#"{"nps": 0.6, "tier": 0.4}"#).unwrap();
        assert_eq!(
            (w.get(C::Nps), w.get(C::Tier), w.get(C::Csat)),
            (0.6, 0.4, 0.0)
        );
    }
}

#[test]
fn merges_that_would_overflow_are_errors_and_change_nothing() {
    // Counts this large only arrive through deserialised partials; the
    // merge must refuse rather than saturate (nothing is silently clamped).
    let mut r = Retention::from_counts(u64::MAX, 0, u64::MAX).unwrap();
    let before = r;
    assert!(r.merge(&Retention::from_counts(1, 0, 1).unwrap()).is_err());
    assert_eq!(r, before);
    let mut fcr = Fcr::from_counts(FcrConvention::OneTouch, u64::MAX, u64::MAX).unwrap();
    let before = fcr;
    let one = Fcr::from_counts(FcrConvention::OneTouch, 1, 1).unwrap();
    assert!(fcr.merge(&one).is_err());
    assert_eq!(fcr, before);
}
