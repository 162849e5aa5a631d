//! `calendar`: business calendars (built from arbitrary weekday intervals,
//! holidays and special dates, or read from JSON) in UTC, a fixed offset and
//! several IANA zones with unusual DST rules, queried at arbitrary instants
//! with arbitrary durations.
//!
//! Input: first byte even → the calendar is built from the bytes with the
//! `carekit::calendar` builders; odd → `CalendarSpec JSON \0 parameter
//! bytes`. Nothing may panic, and:
//! - `add(a, d) = b` ⇒ `b ≥ a` and `between(a, b) = d` (the law of the brief);
//! - `0 ≤ between(a, b) ≤ b − a`;
//! - `between(a, c) = between(a, b) + between(b, c)` for `a ≤ b ≤ c`;
//! - `next_open(t) = Some(x)` ⇒ `x ≥ t`, `is_open(x)`, `between(t, x) = 0`,
//!   and `x = t` when `is_open(t)`.
//!
//! - an instant outside `calendar::supported_range()` (1900–2200) is refused
//!   by `add`, `between` and `next_open`.
//!
//! Instants range over chrono's whole range, mostly near a base instant
//! inside the supported range. Spans are not bounded: since the range guard
//! (finding 1 in `fuzz/README.md`) no query travels outside 1900–2200.
#![no_main]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a fuzz harness: libFuzzer's entry point writes crash files, the trace mode reads the environment and the clock"
)]

#[path = "common.rs"]
mod common;

use arbitrary::{Result, Unstructured};
use carekit::calendar::{
    BusinessCalendar, CalendarSpec, LocalTime, OpenInterval, WeekSchedule, supported_range,
};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};
use libfuzzer_sys::fuzz_target;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Zones with unusual rules: 30-minute DST (Lord Howe), a 2-hour DST
/// (Troll), a skipped date (Apia 2011-12-30), negative DST (Dublin,
/// Casablanca), large offsets (Kiritimati +14), southern hemisphere.
const ZONES: &[chrono_tz::Tz] = &[
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Antarctica::Troll,
    chrono_tz::Pacific::Apia,
    chrono_tz::Europe::Dublin,
    chrono_tz::Africa::Casablanca,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::America::Santiago,
    chrono_tz::Asia::Kathmandu,
];

/// With `FUZZ_TRACE` set, prints each call and its time (to study a slow
/// or crashing input: `FUZZ_TRACE=1 target/.../calendar artifact`).
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_TRACE").is_some())
}

macro_rules! timed {
    ($what:expr, $e:expr) => {{
        let t0 = std::time::Instant::now();
        let r = $e;
        if tracing() {
            eprintln!("{} = {:?} in {:?}", $what, r, t0.elapsed());
        }
        r
    }};
}

fn local_time(u: &mut Unstructured<'_>) -> Result<LocalTime> {
    let h = u.int_in_range(0..=24)?;
    let (m, s) = match u.arbitrary::<u8>()? % 4 {
        0 | 1 => (0, 0),
        2 => (u.int_in_range(0..=3)? * 15, 0),
        _ => (u.int_in_range(0..=59)?, u.int_in_range(0..=59)?),
    };
    LocalTime::from_hms(h, m, s)
        .or_else(|_| LocalTime::from_hms(h.min(23), m, s))
        .map_err(|_| arbitrary::Error::IncorrectFormat)
}

fn intervals(u: &mut Unstructured<'_>) -> Result<Vec<OpenInterval>> {
    let n = u.int_in_range(0..=3)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if let Ok(iv) = OpenInterval::new(local_time(u)?, local_time(u)?) {
            out.push(iv);
        }
    }
    Ok(out)
}

fn date(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<NaiveDate> {
    let days: i16 = u.arbitrary()?;
    Ok(base + TimeDelta::days(i64::from(days / 8)))
}

fn built_spec(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<Option<CalendarSpec>> {
    let mut week = WeekSchedule::closed();
    for day in WEEKDAYS {
        if u.ratio(3, 4)? {
            match week.clone().with_day(day, intervals(u)?) {
                Ok(w) => week = w,
                Err(_) => {
                    if u.arbitrary()? {
                        return Ok(None);
                    }
                }
            }
        }
    }
    let mut spec = CalendarSpec::new(week);
    for _ in 0..u.int_in_range(0..=6)? {
        let d = date(u, base)?;
        spec = match spec.clone().with_holidays([d]) {
            Ok(s) => s,
            Err(_) => spec,
        };
    }
    for _ in 0..u.int_in_range(0..=4)? {
        let d = date(u, base)?;
        spec = match spec.clone().with_special(d, intervals(u)?) {
            Ok(s) => s,
            Err(_) => spec,
        };
    }
    Ok(Some(spec))
}

fn check<Tz: TimeZone>(
    cal: &BusinessCalendar<Tz>,
    u: &mut Unstructured<'_>,
    base: DateTime<Utc>,
) -> Result<()> {
    let range = supported_range();
    for _ in 0..u.int_in_range(1..=6)? {
        let a = common::instant(u, base)?;
        let d = common::duration(u)?;

        // add, and the law between(a, add(a, d)) == d.
        let added = timed!(format!("add({a}, {d})"), cal.add(a, d)).ok();
        if !range.contains(&a) {
            assert!(added.is_none(), "add({a}, {d}) answered outside the range");
            assert!(
                cal.next_open(a).is_err(),
                "next_open({a}) answered outside the range"
            );
        }
        if let Some(b) = added {
            assert!(b >= a, "add({a}, {d}) = {b} is before the start");
            let back = timed!(format!("between({a}, {b})"), cal.between(a, b));
            assert_eq!(
                back.as_ref().ok(),
                Some(&d),
                "between({a}, add({a}, {d}) = {b}) = {back:?}, expected {d}"
            );
        }

        // is_open / next_open
        let t = a;
        let open = cal.is_open(t);
        if let Ok(Some(x)) = timed!(format!("next_open({t})"), cal.next_open(t)) {
            assert!(x >= t, "next_open({t}) = {x} is before t");
            assert!(cal.is_open(x), "next_open({t}) = {x} is not open");
            if open {
                assert_eq!(x, t, "open at {t} but next_open = {x}");
            }
            if let Ok(gap) = cal.between(t, x) {
                assert_eq!(
                    gap,
                    TimeDelta::zero(),
                    "business time {gap} before next_open({t}) = {x}"
                );
            }
        }

        // between: bounds and additivity
        let b = common::instant(u, a)?;
        let c = common::instant(u, b)?;
        let mut v = [a, b, c];
        v.sort();
        let [a, b, c] = v;
        let ab = timed!(format!("between({a}, {b})"), cal.between(a, b));
        let bc = timed!(format!("between({b}, {c})"), cal.between(b, c));
        let ac = timed!(format!("between({a}, {c})"), cal.between(a, c));
        if !range.contains(&a) || !range.contains(&c) {
            assert!(ac.is_err(), "between({a}, {c}) answered outside the range");
        }
        if let Ok(x) = &ab {
            assert!(
                *x >= TimeDelta::zero() && *x <= b - a,
                "between({a}, {b}) = {x} outside [0, {}]",
                b - a
            );
        }
        if let (Ok(x), Ok(y), Ok(z)) = (&ab, &bc, &ac) {
            assert_eq!(
                *x + *y,
                *z,
                "between({a},{b}) + between({b},{c}) != between({a},{c})"
            );
        }
        assert!(
            a > c || cal.between(c, a).is_err() || a == c,
            "between with end before start accepted"
        );
    }
    Ok(())
}

fn run(data: &[u8]) -> Result<()> {
    let Some((&mode, rest)) = data.split_first() else {
        return Ok(());
    };
    let base = DateTime::from_timestamp(1_704_067_200, 0).expect("2024-01-01 is valid"); // 2024-01-01T00:00Z
    let (spec, params, base) = if mode % 2 == 0 {
        let mut u = Unstructured::new(rest);
        let year: i16 = u.arbitrary()?;
        let base_date = NaiveDate::from_ymd_opt(1900 + i32::from(year % 300), 1, 1)
            .unwrap_or(base.date_naive());
        let Some(spec) = built_spec(&mut u, base_date)? else {
            return Ok(());
        };
        let base = base_date.and_hms_opt(0, 0, 0).map_or(base, |d| d.and_utc());
        (spec, u.take_rest(), base)
    } else {
        let (json, params) = common::split_nul(rest);
        let Ok(spec) = serde_json::from_slice::<CalendarSpec>(json) else {
            return Ok(());
        };
        let text = serde_json::to_string(&spec).expect("a spec serialises");
        let back: CalendarSpec = serde_json::from_str(&text).expect("a serialised spec parses");
        assert_eq!(back, spec, "CalendarSpec JSON round trip: {text}");
        // Query near the spec's own dates.
        let date = spec
            .special()
            .next()
            .map(|(d, _)| d)
            .or(spec.holidays().first().copied());
        let base = date
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(base, |d| d.and_utc());
        (spec, params, base)
    };
    if tracing() {
        eprintln!("spec {}", serde_json::to_string(&spec).unwrap_or_default());
    }
    let mut u = Unstructured::new(params);
    let base = common::instant(&mut u, base)?;
    match u.arbitrary::<u8>()? % 4 {
        0 => {
            let Ok(cal) = BusinessCalendar::new(Utc, spec) else {
                return Ok(());
            };
            check(&cal, &mut u, base)
        }
        1 => {
            let secs = u.int_in_range(-86_399..=86_399)?;
            let tz = FixedOffset::east_opt(secs).expect("within ±24 h");
            let Ok(cal) = BusinessCalendar::new(tz, spec) else {
                return Ok(());
            };
            check(&cal, &mut u, base)
        }
        _ => {
            let tz = *common::pick(&mut u, ZONES)?;
            if tracing() {
                eprintln!("zone {tz:?}");
            }
            let Ok(cal) = BusinessCalendar::new(tz, spec) else {
                return Ok(());
            };
            check(&cal, &mut u, base)
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
