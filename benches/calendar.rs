//! Business-time `add` and `between` on a 22-holiday `America/New_York`
//! calendar (targets: ≥ 10 M/s for spans of a few days; a one-year span at
//! most 5× a one-day span).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "a benchmark: panics are failures"
)]

use std::hint::black_box;

use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const HOLIDAYS: [&str; 22] = [
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

fn calendar() -> BusinessCalendar<chrono_tz::Tz> {
    in_zone(chrono_tz::America::New_York)
}

fn in_zone(tz: chrono_tz::Tz) -> BusinessCalendar<chrono_tz::Tz> {
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    let spec = CalendarSpec::new(week)
        .with_holidays(HOLIDAYS.iter().map(|d| d.parse::<NaiveDate>().unwrap()))
        .unwrap();
    BusinessCalendar::new(tz, spec).unwrap()
}

/// 1024 starts spread over 2024 (a fixed multiplicative sequence).
fn starts() -> Vec<DateTime<Utc>> {
    (0..1024_i64)
        .map(|i| {
            DateTime::from_timestamp(1_704_067_200 + (i * 2_654_435_761) % (366 * 86_400), 0)
                .unwrap()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cal = calendar();
    let starts = starts();
    let mut g = c.benchmark_group("calendar");
    for (name, d) in [
        ("business add 4h span", TimeDelta::hours(4)),
        ("business add 1 day span", TimeDelta::hours(8)),
        ("business add 3 day span", TimeDelta::hours(24)),
        ("business add 1 year span", TimeDelta::hours(2000)),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for &s in &starts {
                    black_box(cal.add(black_box(s), d).unwrap());
                }
            });
        });
    }
    for (name, d) in [
        ("business between 3 day span", TimeDelta::days(3)),
        ("business between 1 year span", TimeDelta::days(365)),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for &s in &starts {
                    black_box(cal.between(black_box(s), s + d).unwrap());
                }
            });
        });
    }
    // Ten years of business time (10 × 52 weeks × 40 h), in a DST zone
    // and in UTC.
    for (zone, c) in [
        ("America/New_York", cal.clone()),
        ("UTC", in_zone(chrono_tz::UTC)),
    ] {
        g.bench_function(format!("business add 10 year span {zone}"), |b| {
            b.iter(|| {
                for &s in &starts {
                    black_box(c.add(black_box(s), TimeDelta::hours(20_800)).unwrap());
                }
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
