//! Business-time workloads: `add` and `between` on a 22-holiday
//! `America/New_York` calendar (Mon–Fri 09:00–17:00, the US federal holidays
//! of 2024 and early 2025 plus Christmas Eve, New Year's Eve and the day
//! after Thanksgiving), from starts spread over 2024 (fixed seed).
//!
//! Reference figures: pandas `CustomBusinessHour` 10 k deadlines/s,
//! numpy `busday_offset` 20 M/s (days only, no hours or zones).
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_wrap,
    reason = "a benchmark on fixed, valid data: a panic is a failed run; offsets are below 2^25"
)]

use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{Config, SplitMix, report};

/// The 22 holidays of the benchmark calendar (the same list as the
/// `us_22_holidays_*` conformance vectors).
pub(crate) const US_22_HOLIDAYS: [&str; 22] = [
    "2024-01-01",
    "2024-01-15",
    "2024-02-19",
    "2024-05-27",
    "2024-06-19",
    "2024-07-04",
    "2024-09-02",
    "2024-10-14",
    "2024-11-11",
    "2024-11-28",
    "2024-12-25",
    "2024-11-29",
    "2024-12-24",
    "2024-12-31",
    "2025-01-01",
    "2025-01-20",
    "2025-02-17",
    "2025-05-26",
    "2025-06-19",
    "2025-07-04",
    "2025-09-01",
    "2025-11-27",
];

/// The benchmark calendar.
pub(crate) fn new_york_22() -> BusinessCalendar<chrono_tz::Tz> {
    in_zone_22(chrono_tz::America::New_York)
}

/// The benchmark calendar's hours and holidays in another zone.
pub(crate) fn in_zone_22(tz: chrono_tz::Tz) -> BusinessCalendar<chrono_tz::Tz> {
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    let holidays = US_22_HOLIDAYS
        .iter()
        .map(|d| d.parse::<NaiveDate>().unwrap());
    let spec = CalendarSpec::new(week).with_holidays(holidays).unwrap();
    BusinessCalendar::new(tz, spec).unwrap()
}

/// Start instants spread uniformly over 2024, on whole seconds.
fn starts(n: usize) -> Vec<DateTime<Utc>> {
    let mut rng = SplitMix::new(0x00ca_1e0d);
    let lo = 1_704_067_200_i64; // 2024-01-01T00:00:00Z
    (0..n)
        .map(|_| DateTime::from_timestamp(lo + rng.below(366 * 86_400) as i64, 0).unwrap())
        .collect()
}

/// Prints this concept's report lines.
pub(crate) fn run(cfg: &Config) {
    let cal = new_york_22();
    let n = cfg.rows(1_000_000);
    let starts = starts(n);
    let adds: [(&str, TimeDelta); 4] = [
        ("business add 4h span", TimeDelta::hours(4)),
        ("business add 1 day span", TimeDelta::hours(8)),
        ("business add 3 day span", TimeDelta::hours(24)),
        ("business add 1 year span", TimeDelta::hours(2000)),
    ];
    for (name, d) in adds {
        report(cfg, name, n, || {
            starts
                .iter()
                .fold(0_i64, |acc, &s| acc ^ cal.add(s, d).unwrap().timestamp())
        });
    }
    let spans: [(&str, TimeDelta); 3] = [
        ("business between 1 day span", TimeDelta::days(1)),
        ("business between 3 day span", TimeDelta::days(3)),
        ("business between 1 year span", TimeDelta::days(365)),
    ];
    for (name, d) in spans {
        report(cfg, name, n, || {
            starts.iter().fold(0_i64, |acc, &s| {
                acc ^ cal.between(s, s + d).unwrap().num_seconds()
            })
        });
    }
    // Ten years of business time (10 × 52 weeks × 40 h) from the same
    // starts, in a DST zone and in UTC, interleaved so that both see the
    // same machine state.
    let long = &starts[..cfg.rows(200_000).min(starts.len())];
    let utc = in_zone_22(chrono_tz::UTC);
    let ten_years = TimeDelta::hours(10 * 52 * 40);
    for (zone, c) in [("America/New_York", &cal), ("UTC", &utc)] {
        report(
            cfg,
            &format!("business add 10 year span, {zone}"),
            long.len(),
            || {
                long.iter().fold(0_i64, |acc, &s| {
                    acc ^ c.add(s, ten_years).unwrap().timestamp()
                })
            },
        );
        report(
            cfg,
            &format!("business between 10 year span, {zone}"),
            long.len(),
            || {
                long.iter().fold(0_i64, |acc, &s| {
                    acc ^ c
                        .between(s, s + TimeDelta::days(3652))
                        .unwrap()
                        .num_seconds()
                })
            },
        );
    }
}
