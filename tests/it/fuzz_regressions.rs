//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`),
//! pinned with independently worked expectations.

use carekit::calendar::{
    BusinessCalendar, CalendarError, CalendarSpec, OpenInterval, WeekSchedule,
};
use carekit::metrics::QuantileSketch;
use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};

/// `calendar` target (the calendar of one of its slowest inputs, there in
/// `Europe/Dublin` and queried from 1760; here in UTC from 2090, inside the
/// zone cache's years): a calendar whose only open time is one special
/// date, queried years before it. The
/// expectations follow from the module docs by hand: the only open time is
/// 2100-10-22 09:00–14:00 UTC (5 h); a deadline that uses up the last open
/// second is the closing time; asking for more is `NoOpenTime`.
#[test]
fn sparse_calendar_counts_its_only_open_date() {
    let spec = CalendarSpec::new(WeekSchedule::closed())
        .with_special(
            NaiveDate::from_ymd_opt(2100, 10, 22).unwrap(),
            [OpenInterval::parse("09:00", "14:00").unwrap()],
        )
        .unwrap();
    let cal = BusinessCalendar::new(Utc, spec).unwrap();
    let start = Utc.with_ymd_and_hms(2090, 1, 1, 0, 0, 0).unwrap();
    let opens = Utc.with_ymd_and_hms(2100, 10, 22, 9, 0, 0).unwrap();
    let closes = Utc.with_ymd_and_hms(2100, 10, 22, 14, 0, 0).unwrap();

    assert_eq!(cal.next_open(start).unwrap(), Some(opens));
    assert_eq!(cal.next_open(closes).unwrap(), None);
    assert_eq!(cal.add(start, TimeDelta::hours(5)).unwrap(), closes);
    let err = cal
        .add(start, TimeDelta::hours(5) + TimeDelta::seconds(1))
        .unwrap_err();
    assert!(
        matches!(
            err,
            carekit::Error::Calendar(CalendarError::NoOpenTime { after }) if after == start
        ),
        "{err}"
    );
    let end = Utc.with_ymd_and_hms(2101, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(cal.between(start, end).unwrap(), TimeDelta::hours(5));
    // The law the target checks: between(a, add(a, d)) == d.
    let d = TimeDelta::minutes(137);
    assert_eq!(cal.between(start, cal.add(start, d).unwrap()).unwrap(), d);
}

/// `metrics` target: `f64::MIN_POSITIVE` lies below `MIN_POSITIVE·γ`, so
/// the sketch counts it as zero and a low quantile answers 0, not a value
/// near the smallest input. Expected values from the reference package:
///
/// ```text
/// /work/refs/venv/bin/python -c "from ddsketch import DDSketch; import sys
/// s = DDSketch(relative_accuracy=0.6898956298828125)
/// s.add(sys.float_info.min); s.add(45213000000000.0)
/// print(s.get_quantile_value(0.18), s.get_quantile_value(1.0))"
/// 0 30352594273629.1
/// ```
#[test]
fn sketch_counts_min_positive_as_zero_like_ddsketch() {
    let mut s = QuantileSketch::new(0.689_895_629_882_812_5).unwrap();
    s.push(f64::MIN_POSITIVE).unwrap();
    s.push(45_213_000_000_000.0).unwrap();
    assert_eq!(s.quantile(0.18).unwrap(), Some(0.0));
    let top = s.quantile(1.0).unwrap().unwrap();
    assert!(
        (top - 30_352_594_273_629.1).abs() <= 30_352_594_273_629.1 * 1e-12,
        "{top}"
    );
}
