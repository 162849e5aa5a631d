//! An independent minute-by-minute reference for business time, checked
//! against `BusinessCalendar::add` and `between` on random calendars.
//!
//! The reference shares no code with carekit's engine. It keeps the calendar
//! as plain minutes and dates, walks UTC one minute at a time, reads the
//! local wall clock at each minute with chrono-tz, and decides openness from
//! the wall clock with `NaiveDateTime` arithmetic:
//!
//! - A local time is *reached* at the first minute at which the wall clock
//!   reads at least that time (so a time inside a spring-forward gap is
//!   reached when the gap ends, and an ambiguous fall-back time at its first
//!   occurrence). Equivalently, the reference tracks the running maximum of
//!   the wall clock, `reached`, and a minute is open when `reached` lies in
//!   an interval `[date + start, date + end)` of its own date or of the date
//!   before (overnight intervals), after the holiday and special-hours rules
//!   are applied to the date the interval starts on.
//! - `between(a, b)` counts open minutes in `[a, b)`; `add(a, d)` counts
//!   open minutes from `a` until `d` is reached and answers the end of the
//!   last counted minute (so a deadline at a close is the close).
//!
//! This is the same model as the Python reference in
//! `tests/vectors/refs/calendar/bruteforce.py` (`MinuteSweep`), written
//! again in Rust so that the property tests can draw thousands of calendars.

use std::collections::BTreeMap;

use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc, Weekday};
use proptest::prelude::*;

/// A calendar as plain data: minutes from midnight, `end <= start` meaning
/// overnight.
#[derive(Debug, Clone)]
struct RawCal {
    week: [Vec<(u32, u32)>; 7],
    holidays: Vec<NaiveDate>,
    special: BTreeMap<NaiveDate, Vec<(u32, u32)>>,
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn to_intervals(ivs: &[(u32, u32)]) -> Vec<OpenInterval> {
    ivs.iter()
        .map(|&(s, e)| OpenInterval::parse(&hhmm(s), &hhmm(e)).unwrap())
        .collect()
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Minutes an overnight interval list runs into the next day.
fn spill(ivs: &[(u32, u32)]) -> u32 {
    ivs.last().map_or(0, |&(s, e)| if e <= s { e } else { 0 })
}

/// Shortens overnight intervals (or drops intervals) so no interval runs
/// into the next day's first interval.
fn fit_after(ivs: &mut Vec<(u32, u32)>, prev_spill: u32) {
    ivs.retain(|&(s, _)| s >= prev_spill);
}

fn clamp_spill(ivs: &mut [(u32, u32)], next: &[(u32, u32)]) {
    if let (Some(last), Some(&(first, _))) = (ivs.last_mut(), next.first()) {
        if last.1 <= last.0 {
            last.1 = last.1.min(first);
        }
    }
}

impl RawCal {
    /// Makes the generated calendar valid: no overnight interval runs into
    /// the next day's first interval.
    fn repair(mut self) -> Self {
        for i in 0..7 {
            let next = self.week[(i + 1) % 7].clone();
            clamp_spill(&mut self.week[i], &next);
        }
        let dates: Vec<NaiveDate> = self.special.keys().copied().collect();
        for date in dates {
            let prev = date.pred_opt().unwrap();
            let next = date.succ_opt().unwrap();
            let prev_spill = spill(&self.hours_ignoring_holidays(prev));
            let next_hours = self.hours_ignoring_holidays(next);
            let ivs = self.special.get_mut(&date).unwrap();
            fit_after(ivs, prev_spill);
            clamp_spill(ivs, &next_hours);
        }
        self
    }

    fn hours_ignoring_holidays(&self, date: NaiveDate) -> Vec<(u32, u32)> {
        self.special
            .get(&date)
            .unwrap_or(&self.week[date.weekday().num_days_from_monday() as usize])
            .clone()
    }

    /// The carekit spec, or `None` when the calendar breaks a validation
    /// rule (the generator does not avoid every cross-day overlap).
    fn spec(&self) -> Option<CalendarSpec> {
        let mut week = WeekSchedule::closed();
        for (day, ivs) in WEEKDAYS.iter().zip(&self.week) {
            week = week.with_day(*day, to_intervals(ivs)).ok()?;
        }
        CalendarSpec::new(week)
            .with_holidays(self.holidays.iter().copied())
            .ok()?
            .with_special_hours(self.special.iter().map(|(d, ivs)| (*d, to_intervals(ivs))))
            .ok()
    }

    /// Intervals starting on `date`, as local date-times.
    fn intervals_on(&self, date: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let ivs = self
            .special
            .get(&date)
            .unwrap_or(&self.week[date.weekday().num_days_from_monday() as usize]);
        let midnight = date.and_hms_opt(0, 0, 0).unwrap();
        ivs.iter()
            .map(|&(s, e)| {
                let e = if e <= s { e + 1440 } else { e };
                (
                    midnight + TimeDelta::minutes(i64::from(s)),
                    midnight + TimeDelta::minutes(i64::from(e)),
                )
            })
            .collect()
    }

    fn open_at_wall(&self, wall: NaiveDateTime) -> bool {
        let date = wall.date();
        [date.pred_opt().unwrap(), date]
            .into_iter()
            .flat_map(|d| self.intervals_on(d))
            .any(|(s, e)| s <= wall && wall < e)
    }
}

/// Open flags per UTC minute over `[lo, lo + n minutes)`, with prefix sums
/// (or per step of `step` seconds, when every interval bound and offset
/// change lies on that grid).
struct Sweep {
    lo: i64,
    step: i64,
    prefix: Vec<i64>,
}

impl Sweep {
    fn new<Tz: TimeZone>(tz: &Tz, cal: &RawCal, lo: i64, minutes: usize) -> Self {
        Self::with_step(tz, cal, lo, minutes, 60)
    }

    fn with_step<Tz: TimeZone>(tz: &Tz, cal: &RawCal, lo: i64, steps: usize, step: i64) -> Self {
        let mut prefix = Vec::with_capacity(steps + 1);
        prefix.push(0);
        let mut reached: Option<NaiveDateTime> = None;
        for i in 0..steps {
            let t = DateTime::from_timestamp(lo + step * i64::try_from(i).unwrap(), 0).unwrap();
            let wall = t.with_timezone(tz).naive_local();
            let r = reached.map_or(wall, |r| r.max(wall));
            reached = Some(r);
            let open = cal.open_at_wall(r);
            prefix.push(prefix[i] + i64::from(open));
        }
        Self { lo, step, prefix }
    }

    fn index(&self, t: i64) -> usize {
        usize::try_from((t - self.lo) / self.step).unwrap()
    }

    /// Open seconds in `[a, b)`.
    fn between(&self, a: i64, b: i64) -> i64 {
        self.step * (self.prefix[self.index(b)] - self.prefix[self.index(a)])
    }

    /// The end of the step completing `seconds` of open time from `a`, if
    /// within the sweep.
    fn add(&self, a: i64, seconds: i64) -> Option<i64> {
        if seconds == 0 {
            return Some(a);
        }
        let base = self.prefix[self.index(a)];
        let target = base + seconds / self.step;
        let i = self.prefix.partition_point(|&c| c < target);
        (i < self.prefix.len()).then(|| self.lo + self.step * i64::try_from(i).unwrap())
    }

    fn is_open(&self, t: i64) -> bool {
        let i = self.index(t);
        self.prefix[i + 1] > self.prefix[i]
    }
}

/// One day: 0–3 intervals on a 15-minute grid, the last one possibly
/// overnight.
fn day_strategy() -> impl Strategy<Value = Vec<(u32, u32)>> {
    (
        0..=3usize,
        proptest::collection::vec(0u32..96, 6),
        any::<bool>(),
        0u32..40,
    )
        .prop_map(|(k, mut slots, overnight, night_end)| {
            slots.truncate(2 * k);
            slots.sort_unstable();
            slots.dedup();
            let mut ivs: Vec<(u32, u32)> = slots
                .chunks_exact(2)
                .map(|p| (p[0] * 15, p[1] * 15))
                .collect();
            if overnight {
                if let Some(last) = ivs.last_mut() {
                    // Runs past midnight to at most 10:00.
                    last.1 = (night_end * 15).min(last.0);
                }
            }
            ivs
        })
}

fn calendar_strategy(anchor: NaiveDate) -> impl Strategy<Value = RawCal> {
    let dates = move |n: usize| {
        proptest::collection::vec(0i64..16, 0..=n).prop_map(move |v| {
            v.into_iter()
                .map(|k| anchor + TimeDelta::days(k - 3))
                .collect::<Vec<_>>()
        })
    };
    (
        proptest::collection::vec(day_strategy(), 7),
        dates(3),
        dates(2),
        proptest::collection::vec(day_strategy(), 2),
    )
        .prop_map(|(week, mut holidays, special_dates, special_days)| {
            holidays.sort_unstable();
            holidays.dedup();
            let special = special_dates.into_iter().zip(special_days).collect();
            RawCal {
                week: week.try_into().unwrap(),
                holidays,
                special,
            }
            .repair()
        })
}

/// Zone and the local date the window centres on (a DST change or not).
fn zone_cases() -> Vec<(&'static str, NaiveDate)> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    vec![
        ("UTC", d(2024, 2, 26)),
        ("America/New_York", d(2024, 3, 8)),
        ("America/New_York", d(2024, 11, 1)),
        ("America/New_York", d(2024, 7, 1)),
        ("Europe/Berlin", d(2024, 3, 29)),
        ("Europe/Berlin", d(2024, 10, 25)),
        ("Australia/Lord_Howe", d(2024, 4, 5)),
        ("Australia/Lord_Howe", d(2024, 10, 4)),
    ]
}

/// Minutes swept: from 3 days before the anchor for 16 days.
const SWEEP_MINUTES: usize = 16 * 1440;

fn check_calendar<Tz: TimeZone>(
    tz: &Tz,
    raw: &RawCal,
    anchor: NaiveDate,
    queries: &[(u32, u32)],
) -> Result<(), TestCaseError> {
    let spec = raw
        .spec()
        .expect("the generator repairs calendars into valid ones");
    let cal = BusinessCalendar::new(tz.clone(), spec).unwrap();
    let lo = (anchor - TimeDelta::days(3))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let sweep = Sweep::new(tz, raw, lo, SWEEP_MINUTES);
    let at = |t: i64| DateTime::from_timestamp(t, 0).unwrap();
    let has_open = sweep.prefix[SWEEP_MINUTES] > 0;
    for &(start_min, span_min) in queries {
        // Starts in the first 6 days, spans up to ~10 days.
        let a = lo + 60 * i64::from(start_min % (6 * 1440));
        let b = (a + 60 * i64::from(span_min)).min(lo + 60 * i64::try_from(SWEEP_MINUTES).unwrap());
        let between = cal.between(at(a), at(b)).unwrap();
        prop_assert_eq!(
            between.num_seconds(),
            sweep.between(a, b),
            "between {} {}",
            at(a),
            at(b)
        );
        prop_assert_eq!(cal.is_open(at(a)), sweep.is_open(a), "is_open {}", at(a));
        // add: durations drawn from the open time actually available.
        let seconds = sweep.between(a, b);
        if let Some(expected) = sweep.add(a, seconds) {
            let got = cal.add(at(a), TimeDelta::seconds(seconds)).unwrap();
            prop_assert_eq!(got.timestamp(), expected, "add {} + {}s", at(a), seconds);
            // Law: the business time up to the deadline is the duration.
            prop_assert_eq!(cal.between(at(a), got).unwrap().num_seconds(), seconds);
            // Law: the deadline is the earliest such instant.
            if seconds > 0 {
                let before = got - TimeDelta::seconds(1);
                prop_assert!(cal.between(at(a), before).unwrap().num_seconds() < seconds);
            }
        }
        if has_open {
            if let Some(open) = cal.next_open(at(a)).unwrap() {
                let t = open.timestamp();
                if t < lo + 60 * i64::try_from(SWEEP_MINUTES).unwrap() {
                    prop_assert!(sweep.is_open(t), "next_open {} is closed", open);
                    prop_assert_eq!(sweep.between(a, t), 0, "open before next_open {}", open);
                }
            }
        }
    }
    Ok(())
}

fn zone_and_calendar() -> impl Strategy<Value = (usize, RawCal, Vec<(u32, u32)>)> {
    zone_and_calendar_in(0..zone_cases().len())
}

/// A zone case from `zones` (indices into [`zone_cases`]), a calendar around
/// its anchor and 16 queries.
fn zone_and_calendar_in(
    zones: std::ops::Range<usize>,
) -> impl Strategy<Value = (usize, RawCal, Vec<(u32, u32)>)> {
    zones.prop_flat_map(|z| {
        let anchor = zone_cases()[z].1;
        (
            Just(z),
            calendar_strategy(anchor),
            proptest::collection::vec((0u32..(6 * 1440), 1u32..(10 * 1440)), 16),
        )
    })
}

fn check_zone_case(z: usize, raw: &RawCal, queries: &[(u32, u32)]) -> Result<(), TestCaseError> {
    let (zone, anchor) = zone_cases()[z];
    if zone == "UTC" {
        check_calendar(&Utc, raw, anchor, queries)
    } else {
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        check_calendar(&tz, raw, anchor, queries)
    }
}

proptest! {
    // 2 × 128 cases × 16 queries = 4,096 checks, in two tests so that they
    // run on two threads.
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `add`, `between`, `is_open` and `next_open` agree with the minute
    /// sweep on random calendars in UTC and New York, around DST changes.
    #[test]
    fn business_time_matches_minute_sweep_utc_new_york((z, raw, queries) in zone_and_calendar_in(0..4)) {
        check_zone_case(z, &raw, &queries)?;
    }

    /// The same in Berlin and Lord Howe (a 30-minute DST shift).
    #[test]
    fn business_time_matches_minute_sweep_berlin_lord_howe((z, raw, queries) in zone_and_calendar_in(4..8)) {
        check_zone_case(z, &raw, &queries)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Monotonicity: a longer duration never gives an earlier deadline, and
    /// a later end never gives less business time.
    #[test]
    fn add_and_between_are_monotone(
        (z, raw, queries) in zone_and_calendar(),
        extra in 0i64..200_000,
    ) {
        let (zone, anchor) = zone_cases()[z];
        let tz: chrono_tz::Tz = if zone == "UTC" { chrono_tz::UTC } else { zone.parse().unwrap() };
        let spec = raw.spec().unwrap();
        let cal = BusinessCalendar::new(tz, spec).unwrap();
        let lo = anchor.and_hms_opt(0, 0, 0).unwrap().and_utc();
        for &(s, d) in &queries {
            let a = lo + TimeDelta::seconds(i64::from(s) * 37);
            let d1 = TimeDelta::seconds(i64::from(d) * 11);
            let d2 = d1 + TimeDelta::seconds(extra);
            match (cal.add(a, d1), cal.add(a, d2)) {
                (Ok(x), Ok(y)) => {
                    prop_assert!(x <= y);
                    prop_assert_eq!(cal.between(a, x).unwrap(), d1);
                }
                (Err(e), _) | (_, Err(e)) => prop_assert!(e.to_string().contains("no open"), "{}", e),
            }
            let b = a + d1;
            let c = b + TimeDelta::seconds(extra);
            prop_assert!(cal.between(a, b).unwrap() <= cal.between(a, c).unwrap());
        }
    }
}

/// Years swept by the long-span check, and its step: the calendars' hours
/// are on a 15-minute grid and every zone here changes its offset on the
/// half hour, so openness is constant within each quarter hour.
const LONG_YEARS: i64 = 11;
const QUARTER: i64 = 900;

fn check_long_spans<Tz: TimeZone>(
    tz: &Tz,
    raw: &RawCal,
    anchor: NaiveDate,
    queries: &[(u32, u32)],
) -> Result<(), TestCaseError> {
    let cal = BusinessCalendar::new(tz.clone(), raw.spec().unwrap()).unwrap();
    let lo = (anchor - TimeDelta::days(3))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    let steps = usize::try_from(LONG_YEARS * 365 * 96).unwrap();
    let sweep = Sweep::with_step(tz, raw, lo, steps, QUARTER);
    let end = lo + QUARTER * i64::try_from(steps).unwrap();
    let at = |t: i64| DateTime::from_timestamp(t, 0).unwrap();
    for &(start, span) in queries {
        // Starts in the first 200 days, spans of 60 days to 10 years.
        let a = lo + QUARTER * i64::from(start % (200 * 96));
        let b = (a + QUARTER * (60 * 96 + i64::from(span) % (3590 * 96))).min(end);
        let open = sweep.between(a, b);
        prop_assert_eq!(
            cal.between(at(a), at(b)).unwrap().num_seconds(),
            open,
            "between {} {}",
            at(a),
            at(b)
        );
        if let Some(expected) = sweep.add(a, open) {
            let got = cal.add(at(a), TimeDelta::seconds(open)).unwrap();
            prop_assert_eq!(got.timestamp(), expected, "add {} + {}s", at(a), open);
        }
        // A count that ends inside a quarter hour: the deadline lies in
        // the quarter that completes it.
        if open > QUARTER {
            let odd = open - 7 * 60 - 13;
            let got = cal.add(at(a), TimeDelta::seconds(odd)).unwrap().timestamp();
            let quarter_end = sweep.add(a, odd + (QUARTER - odd % QUARTER)).unwrap();
            prop_assert!(
                got < quarter_end && got > quarter_end - QUARTER,
                "add {} + {}s = {}",
                at(a),
                odd,
                at(got)
            );
            prop_assert_eq!(cal.between(at(a), at(got)).unwrap().num_seconds(), odd);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// `add` and `between` over spans of months to ten years agree with a
    /// quarter-hour sweep (so across every DST change and many years of
    /// memoised blocks), in UTC, New York, Berlin and Lord Howe.
    #[test]
    fn long_spans_match_a_quarter_hour_sweep(
        (z, raw, queries) in zone_and_calendar_in(0..8).prop_flat_map(|(z, raw, _)| {
            (Just(z), Just(raw), proptest::collection::vec((any::<u32>(), any::<u32>()), 6))
        })
    ) {
        let (zone, anchor) = zone_cases()[z];
        if zone == "UTC" {
            check_long_spans(&Utc, &raw, anchor, &queries)?;
        } else {
            let tz: chrono_tz::Tz = zone.parse().unwrap();
            check_long_spans(&tz, &raw, anchor, &queries)?;
        }
    }
}
