//! Business-calendar scenarios, one per pitfall. Every expected instant is
//! worked out by hand in the comment next to it (UTC offsets: New York EST
//! −5 / EDT −4, Berlin CET +1 / CEST +2, Auckland NZDT +13, Lord Howe +11 /
//! +10:30; 2024 changes: New York 03-10 and 11-03 at 02:00, Berlin 03-31
//! 02:00 and 10-27 03:00, Lord Howe 04-07 02:00 and 10-06 02:00).

use carekit::Error;
use carekit::calendar::{
    BusinessCalendar, CalendarError, CalendarSpec, CalendarTime, ElapsedTime, LocalTime,
    OpenInterval, WeekSchedule,
};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn iv(a: &str, b: &str) -> OpenInterval {
    OpenInterval::parse(a, b).unwrap()
}

fn nine_to_five() -> WeekSchedule {
    WeekSchedule::mon_to_fri(iv("09:00", "17:00"))
}

fn every_day(interval: OpenInterval) -> WeekSchedule {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .fold(WeekSchedule::closed(), |w, d| {
        w.with_day(d, [interval]).unwrap()
    })
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap()
}

fn cal<T: TimeZone>(tz: T, spec: CalendarSpec) -> BusinessCalendar<T> {
    BusinessCalendar::new(tz, spec).unwrap()
}

fn new_york(week: WeekSchedule) -> BusinessCalendar<Tz> {
    cal(zone("America/New_York"), CalendarSpec::new(week))
}

#[test]
fn spring_forward_day_is_23_hours() {
    let c = new_york(every_day(iv("00:00", "24:00")));
    // 2024-03-10 00:00 EST = 05:00Z; 2024-03-11 00:00 EDT = 04:00Z: 23 h.
    assert_eq!(
        c.between(utc(2024, 3, 10, 5, 0), utc(2024, 3, 11, 4, 0))
            .unwrap(),
        TimeDelta::hours(23)
    );
    // Adding 23 h from local midnight lands on the next local midnight.
    assert_eq!(
        c.add(utc(2024, 3, 10, 5, 0), TimeDelta::hours(23)).unwrap(),
        utc(2024, 3, 11, 4, 0)
    );
}

#[test]
fn fall_back_day_is_25_hours() {
    let c = new_york(every_day(iv("00:00", "24:00")));
    // 2024-11-03 00:00 EDT = 04:00Z; 2024-11-04 00:00 EST = 05:00Z: 25 h.
    assert_eq!(
        c.between(utc(2024, 11, 3, 4, 0), utc(2024, 11, 4, 5, 0))
            .unwrap(),
        TimeDelta::hours(25)
    );
}

#[test]
fn nine_to_five_on_a_dst_day_is_still_eight_hours() {
    // The change happens at 02:00, far from the open hours.
    let c = new_york(every_day(iv("09:00", "17:00")));
    // 2024-03-10 09:00 EDT = 13:00Z .. 17:00 EDT = 21:00Z.
    assert_eq!(
        c.between(utc(2024, 3, 10, 0, 0), utc(2024, 3, 11, 0, 0))
            .unwrap(),
        TimeDelta::hours(8)
    );
}

#[test]
fn overnight_shift_across_dst() {
    let sat_night = WeekSchedule::closed()
        .with_day(Weekday::Sat, [iv("22:00", "06:00")])
        .unwrap();
    let c = new_york(sat_night.clone());
    // Spring: Sat 03-09 22:00 EST = 03-10 03:00Z to Sun 06:00 EDT = 10:00Z: 7 h.
    assert_eq!(
        c.between(utc(2024, 3, 9, 0, 0), utc(2024, 3, 11, 0, 0))
            .unwrap(),
        TimeDelta::hours(7)
    );
    // 23:00 EST = 04:00Z + 3 h of real time = 07:00Z = 03:00 EDT.
    assert_eq!(
        c.add(utc(2024, 3, 10, 4, 0), TimeDelta::hours(3)).unwrap(),
        utc(2024, 3, 10, 7, 0)
    );
    // Autumn: Sat 11-02 22:00 EDT = 11-03 02:00Z to Sun 06:00 EST = 11:00Z: 9 h.
    assert_eq!(
        c.between(utc(2024, 11, 2, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap(),
        TimeDelta::hours(9)
    );
}

#[test]
fn nonexistent_opening_time_moves_to_the_end_of_the_gap() {
    let c = new_york(
        WeekSchedule::closed()
            .with_day(Weekday::Sun, [iv("02:30", "05:00")])
            .unwrap(),
    );
    // 02:30 does not exist on 2024-03-10: opening at 03:00 EDT = 07:00Z,
    // closing 05:00 EDT = 09:00Z: 2 h (not 1.5 h by shifting 02:30 to 03:30).
    assert_eq!(
        c.next_open(utc(2024, 3, 10, 0, 0)).unwrap(),
        Some(utc(2024, 3, 10, 7, 0))
    );
    assert_eq!(
        c.between(utc(2024, 3, 10, 0, 0), utc(2024, 3, 11, 0, 0))
            .unwrap(),
        TimeDelta::hours(2)
    );
}

#[test]
fn an_interval_inside_the_gap_is_empty_that_day() {
    let c = new_york(
        WeekSchedule::closed()
            .with_day(Weekday::Sun, [iv("02:00", "02:45")])
            .unwrap(),
    );
    assert_eq!(
        c.between(utc(2024, 3, 10, 0, 0), utc(2024, 3, 11, 0, 0))
            .unwrap(),
        TimeDelta::zero()
    );
    // The next Sunday (03-17, EDT) opens 02:00 EDT = 06:00Z; + 30 min.
    assert_eq!(
        c.add(utc(2024, 3, 10, 0, 0), TimeDelta::minutes(30))
            .unwrap(),
        utc(2024, 3, 17, 6, 30)
    );
}

#[test]
fn ambiguous_times_take_the_earlier_instant() {
    // Closing at 01:30 on 2024-11-03 means the first 01:30 (EDT, 05:30Z):
    // 00:00 EDT = 04:00Z .. 05:30Z = 1.5 h, not 2.5 h.
    let c = new_york(
        WeekSchedule::closed()
            .with_day(Weekday::Sun, [iv("00:00", "01:30")])
            .unwrap(),
    );
    assert_eq!(
        c.between(utc(2024, 11, 3, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap(),
        TimeDelta::minutes(90)
    );
    // Opening at 01:30: the first 01:30 EDT = 05:30Z .. 03:00 EST = 08:00Z: 2.5 h.
    let c = new_york(
        WeekSchedule::closed()
            .with_day(Weekday::Sun, [iv("01:30", "03:00")])
            .unwrap(),
    );
    assert_eq!(
        c.between(utc(2024, 11, 3, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap(),
        TimeDelta::minutes(150)
    );
    // During the repeated hour (01:15 EST = 06:15Z) it is still open.
    assert!(c.is_open(utc(2024, 11, 3, 6, 15)));
}

#[test]
fn repeated_hour_counts_as_real_time() {
    // 00:30 EDT = 04:30Z .. 02:30 EST = 07:30Z: 3 h of real time.
    let c = new_york(
        WeekSchedule::closed()
            .with_day(Weekday::Sun, [iv("00:30", "02:30")])
            .unwrap(),
    );
    assert_eq!(
        c.between(utc(2024, 11, 3, 0, 0), utc(2024, 11, 4, 0, 0))
            .unwrap(),
        TimeDelta::hours(3)
    );
    // 04:30Z + 2 h = 06:30Z, which reads 01:30 EST (the second 01:30).
    assert_eq!(
        c.add(utc(2024, 11, 3, 4, 30), TimeDelta::hours(2)).unwrap(),
        utc(2024, 11, 3, 6, 30)
    );
}

#[test]
fn half_hour_dst_in_lord_howe() {
    let c = cal(
        zone("Australia/Lord_Howe"),
        CalendarSpec::new(
            WeekSchedule::closed()
                .with_day(Weekday::Sun, [iv("01:00", "03:00")])
                .unwrap(),
        ),
    );
    // 2024-04-07: 01:00 +11 = 04-06 14:00Z; 03:00 +10:30 = 16:30Z: 2.5 h.
    assert_eq!(
        c.between(utc(2024, 4, 6, 0, 0), utc(2024, 4, 8, 0, 0))
            .unwrap(),
        TimeDelta::minutes(150)
    );
    // 2024-10-06: 01:00 +10:30 = 10-05 14:30Z; 03:00 +11 = 16:00Z: 1.5 h.
    assert_eq!(
        c.between(utc(2024, 10, 5, 0, 0), utc(2024, 10, 7, 0, 0))
            .unwrap(),
        TimeDelta::minutes(90)
    );
}

#[test]
fn holiday_in_calendar_zone_not_utc() {
    let spec = CalendarSpec::new(nine_to_five())
        .with_holidays([date(2024, 12, 25)])
        .unwrap();
    let c = cal(zone("Pacific/Auckland"), spec);
    // 2024-12-24T20:00Z is Wed 12-25 09:00 NZDT: a local holiday, although
    // the UTC date is the 24th. Counting starts Thu 12-26 09:00 NZDT =
    // 12-25 20:00Z; + 1 h = 21:00Z.
    assert!(!c.is_open(utc(2024, 12, 24, 20, 0)));
    assert_eq!(
        c.add(utc(2024, 12, 24, 20, 0), TimeDelta::hours(1))
            .unwrap(),
        utc(2024, 12, 25, 21, 0)
    );
    // And Tue 12-24 local is a normal day: 12-23 20:00Z is 09:00 NZDT, open.
    assert!(c.is_open(utc(2024, 12, 23, 20, 0)));
}

#[test]
fn holiday_keeps_the_overnight_shift_from_the_evening_before() {
    let spec = CalendarSpec::new(every_day(iv("22:00", "06:00")))
        .with_holidays([date(2024, 12, 25)])
        .unwrap();
    let c = cal(Utc, spec);
    // 12-24 22:00 .. 12-25 06:00 runs (it starts on the 24th); the 25th's
    // own shift is closed; the 26th's shift opens at 22:00.
    assert!(c.is_open(utc(2024, 12, 25, 5, 0)));
    assert!(!c.is_open(utc(2024, 12, 25, 23, 0)));
    // 05:00 + 2 h: 1 h to 06:00, then 12-26 22:00 + 1 h.
    assert_eq!(
        c.add(utc(2024, 12, 25, 5, 0), TimeDelta::hours(2)).unwrap(),
        utc(2024, 12, 26, 23, 0)
    );
}

#[test]
fn ticket_opened_at_night_starts_at_next_opening() {
    let c = new_york(nine_to_five());
    // Tue 2024-03-05 23:30 EST = 03-06 04:30Z; Wed 09:00 EST = 14:00Z; + 1 h.
    assert_eq!(
        c.add(utc(2024, 3, 6, 4, 30), TimeDelta::hours(1)).unwrap(),
        utc(2024, 3, 6, 15, 0)
    );
    // Friday evening: Fri 03-08 18:00 EST = 23:00Z; next opening Mon 03-11
    // 09:00 EDT (DST began on Sunday) = 13:00Z; + 30 min.
    assert_eq!(
        c.add(utc(2024, 3, 8, 23, 0), TimeDelta::minutes(30))
            .unwrap(),
        utc(2024, 3, 11, 13, 30)
    );
}

#[test]
fn deadline_exactly_at_closing_time_is_that_time() {
    let c = new_york(nine_to_five());
    // Mon 2024-03-04 13:00 EST = 18:00Z + 4 h = 17:00 EST = 22:00Z (pandas'
    // CustomBusinessHour would answer Tue 09:00).
    assert_eq!(
        c.add(utc(2024, 3, 4, 18, 0), TimeDelta::hours(4)).unwrap(),
        utc(2024, 3, 4, 22, 0)
    );
    // One second more goes to Tue 09:00:01 EST = 14:00:01Z.
    assert_eq!(
        c.add(utc(2024, 3, 4, 18, 0), TimeDelta::seconds(4 * 3600 + 1))
            .unwrap(),
        utc(2024, 3, 5, 14, 0) + TimeDelta::seconds(1)
    );
    // And a start exactly at closing time waits for the next opening.
    assert!(!c.is_open(utc(2024, 3, 4, 22, 0)));
    assert_eq!(
        c.add(utc(2024, 3, 4, 22, 0), TimeDelta::hours(1)).unwrap(),
        utc(2024, 3, 5, 15, 0)
    );
}

#[test]
fn touching_intervals_deadline_at_the_junction() {
    let week = WeekSchedule::closed()
        .with_day(Weekday::Mon, [iv("09:00", "12:00"), iv("12:00", "17:00")])
        .unwrap();
    let c = cal(Utc, CalendarSpec::new(week));
    // Mon 2024-03-04 09:00 + 3 h = 12:00, the junction.
    assert_eq!(
        c.add(utc(2024, 3, 4, 9, 0), TimeDelta::hours(3)).unwrap(),
        utc(2024, 3, 4, 12, 0)
    );
    assert_eq!(
        c.between(utc(2024, 3, 4, 0, 0), utc(2024, 3, 5, 0, 0))
            .unwrap(),
        TimeDelta::hours(8)
    );
}

#[test]
fn single_open_hour_per_week() {
    let week = WeekSchedule::closed()
        .with_day(Weekday::Wed, [iv("10:00", "11:00")])
        .unwrap();
    let c = cal(Utc, CalendarSpec::new(week));
    // From Mon 2024-01-01: Wednesdays 01-03, 01-10, 01-17: ends 01-17 11:00.
    assert_eq!(
        c.add(utc(2024, 1, 1, 0, 0), TimeDelta::hours(3)).unwrap(),
        utc(2024, 1, 17, 11, 0)
    );
    // Q1 2024 has 13 Wednesdays (Jan 5, Feb 4, Mar 4).
    assert_eq!(
        c.between(utc(2024, 1, 1, 0, 0), utc(2024, 4, 1, 0, 0))
            .unwrap(),
        TimeDelta::hours(13)
    );
    // 52 hours from 2024-01-01: the 52nd Wednesday of 2024 is 12-25.
    assert_eq!(
        c.add(utc(2024, 1, 1, 0, 0), TimeDelta::hours(52)).unwrap(),
        utc(2024, 12, 25, 11, 0)
    );
}

#[test]
fn no_open_time_is_an_error_not_a_loop() {
    let c = new_york(WeekSchedule::closed());
    let err = c
        .add(utc(2024, 3, 4, 0, 0), TimeDelta::hours(1))
        .unwrap_err();
    assert!(err.to_string().contains("no open"), "{err}");
    assert!(matches!(
        err,
        Error::Calendar(CalendarError::NoOpenTime { .. })
    ));
    assert_eq!(c.next_open(utc(2024, 3, 4, 0, 0)).unwrap(), None);
    assert_eq!(
        c.between(utc(2024, 1, 1, 0, 0), utc(2025, 1, 1, 0, 0))
            .unwrap(),
        TimeDelta::zero()
    );
    // Open only on one special date: time runs out after it.
    let spec = CalendarSpec::new(WeekSchedule::closed())
        .with_special(date(2024, 6, 1), [iv("10:00", "12:00")])
        .unwrap();
    let c = cal(Utc, spec);
    // 2 h exist: the deadline is 06-01 12:00; a third hour never comes.
    assert_eq!(
        c.add(utc(2024, 1, 1, 0, 0), TimeDelta::hours(2)).unwrap(),
        utc(2024, 6, 1, 12, 0)
    );
    let err = c
        .add(utc(2024, 1, 1, 0, 0), TimeDelta::hours(3))
        .unwrap_err();
    assert!(err.to_string().contains("no open"), "{err}");
    assert_eq!(c.next_open(utc(2024, 6, 2, 0, 0)).unwrap(), None);
}

#[test]
fn zero_duration_gives_the_start_even_when_closed() {
    let c = new_york(WeekSchedule::closed());
    let sat = utc(2024, 3, 9, 12, 0);
    assert_eq!(c.add(sat, TimeDelta::zero()).unwrap(), sat);
}

#[test]
fn negative_duration_and_reversed_span_are_errors() {
    let c = new_york(nine_to_five());
    let t = utc(2024, 3, 4, 15, 0);
    let err = c.add(t, TimeDelta::seconds(-1)).unwrap_err();
    assert_eq!(err.to_string(), "duration -PT1S is negative");
    let err = c.between(t, t - TimeDelta::minutes(1)).unwrap_err();
    assert!(err.to_string().contains("before"), "{err}");
    assert_eq!(c.between(t, t).unwrap(), TimeDelta::zero());
}

#[test]
fn special_hours_replace_the_day_and_holiday_wins() {
    let spec = CalendarSpec::new(nine_to_five())
        .with_special(date(2024, 12, 24), [iv("09:00", "13:00")])
        .unwrap()
        .with_special(date(2024, 12, 28), [iv("10:00", "14:00")])
        .unwrap()
        .with_special(date(2024, 12, 27), [])
        .unwrap();
    let c = cal(Utc, spec.clone());
    // Tue 12-24: 4 h; Wed 12-25 normal 8 h; Thu 12-26 8 h; Fri 12-27 closed;
    // Sat 12-28 4 h: 24 h from 12-24 00:00 to 12-29 00:00.
    assert_eq!(
        c.between(utc(2024, 12, 24, 0, 0), utc(2024, 12, 29, 0, 0))
            .unwrap(),
        TimeDelta::hours(24)
    );
    // Declaring 12-24 a holiday as well closes it (the holiday wins): 20 h.
    let c = cal(Utc, spec.with_holidays([date(2024, 12, 24)]).unwrap());
    assert_eq!(
        c.between(utc(2024, 12, 24, 0, 0), utc(2024, 12, 29, 0, 0))
            .unwrap(),
        TimeDelta::hours(20)
    );
}

#[test]
fn fixed_offset_calendar_has_no_dst() {
    let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
    let c = cal(plus2, CalendarSpec::new(nine_to_five()));
    // Fri 2024-03-29 18:00 +02:00 (16:00Z) is closed; Mon 04-01 09:00
    // +02:00 = 07:00Z; + 1 h = 08:00Z.
    assert_eq!(
        c.add(utc(2024, 3, 29, 16, 0), TimeDelta::hours(1)).unwrap(),
        utc(2024, 4, 1, 8, 0)
    );
}

#[test]
fn fractional_seconds_are_kept() {
    let c = cal(Utc, CalendarSpec::new(nine_to_five()));
    let start = utc(2024, 3, 4, 16, 59) + TimeDelta::milliseconds(59_500);
    // 0.5 s left on Monday; 1.5 s total: Tue 09:00:01.
    assert_eq!(
        c.add(start, TimeDelta::milliseconds(1500)).unwrap(),
        utc(2024, 3, 5, 9, 0) + TimeDelta::seconds(1)
    );
    // From a closed instant with a fraction: Sat 12:00:00.25 + 0.5 s =
    // Mon 09:00:00.5.
    let sat = utc(2024, 3, 9, 12, 0) + TimeDelta::milliseconds(250);
    assert_eq!(
        c.add(sat, TimeDelta::milliseconds(500)).unwrap(),
        utc(2024, 3, 11, 9, 0) + TimeDelta::milliseconds(500)
    );
    // between 16:59:59.5 and Tue 09:00:00.75: 0.5 s + 0.75 s.
    assert_eq!(
        c.between(start, utc(2024, 3, 5, 9, 0) + TimeDelta::milliseconds(750))
            .unwrap(),
        TimeDelta::milliseconds(1250)
    );
}

#[test]
fn deadlines_after_the_supported_range_are_errors() {
    let c = cal(Utc, CalendarSpec::new(every_day(iv("00:00", "24:00"))));
    let end = utc(2200, 1, 1, 0, 0);
    let near_end = end - TimeDelta::days(1);
    assert_eq!(c.add(near_end, TimeDelta::days(1)).unwrap(), end);
    let err = c.add(near_end, TimeDelta::days(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "PT172800S after 2199-12-31T00:00:00Z is beyond the supported range of instants"
    );
    let err = c.add(utc(2024, 1, 1, 0, 0), TimeDelta::MAX).unwrap_err();
    assert!(matches!(
        err,
        Error::Calendar(CalendarError::OutOfRange { .. })
    ));
}

#[test]
fn instants_outside_the_supported_range_are_refused_by_name() {
    let c = cal(Utc, CalendarSpec::new(every_day(iv("09:00", "17:00"))));
    let before = utc(1899, 12, 31, 23, 59);
    let after = utc(2200, 1, 1, 0, 0) + TimeDelta::seconds(1);
    for t in [
        before,
        after,
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
    ] {
        let outside = |r: Result<_, Error>| matches!(r, Err(Error::Calendar(CalendarError::OutsideSupportedRange { instant })) if instant == t);
        assert!(outside(c.add(t, TimeDelta::hours(1)).map(|_| ())));
        assert!(outside(c.add(t, TimeDelta::zero()).map(|_| ())));
        assert!(outside(c.next_open(t).map(|_| ())));
        assert!(outside(c.between(t, t).map(|_| ())));
    }
    // One end inside is not enough.
    let inside = utc(2024, 3, 4, 9, 0);
    assert!(c.between(before, inside).is_err());
    assert!(c.between(inside, after).is_err());
    // is_open answers anywhere: 1899-12-31 was a Sunday, open 09:00–17:00
    // every day here.
    assert!(c.is_open(utc(1899, 12, 31, 9, 0)));
    assert!(!c.is_open(utc(1899, 12, 31, 8, 59)));
}

#[test]
fn year_long_add_counts_business_days() {
    // 2024 has 262 weekdays; the 22-holiday list has 14 weekday holidays in
    // 2024 (01-01, 01-15, 02-19, 05-27, 06-19, 07-04, 09-02, 10-14, 11-11,
    // 11-28, 11-29, 12-24, 12-25, 12-31): 248 business days × 8 h.
    let holidays = [
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
    ];
    let spec = CalendarSpec::new(nine_to_five())
        .with_holidays(holidays.iter().map(|d| d.parse().unwrap()))
        .unwrap();
    let c = cal(zone("America/New_York"), spec);
    let year = c
        .between(utc(2024, 1, 1, 5, 0), utc(2025, 1, 1, 5, 0))
        .unwrap();
    assert_eq!(year, TimeDelta::hours(248 * 8));
    // Adding exactly that from 2024-01-01 ends at the last close of 2024:
    // Mon 12-30 17:00 EST = 22:00Z.
    assert_eq!(
        c.add(utc(2024, 1, 1, 5, 0), year).unwrap(),
        utc(2024, 12, 30, 22, 0)
    );
}

#[test]
fn elapsed_time_trait_is_between_and_add() {
    let c = new_york(nine_to_five());
    let a = utc(2024, 3, 8, 20, 0); // Fri 15:00 EST
    let b = utc(2024, 3, 11, 14, 0); // Mon 10:00 EDT
    // 2 h Friday + 1 h Monday.
    assert_eq!(c.elapsed(a, b).unwrap(), TimeDelta::hours(3));
    assert_eq!(c.advance(a, TimeDelta::hours(3)).unwrap(), b);
}

#[test]
fn validation_errors_quote_the_offending_text() {
    let e = LocalTime::parse("25:00").unwrap_err().to_string();
    assert!(e.contains("\"25:00\""), "{e}");
    let e = OpenInterval::parse("9am", "17:00").unwrap_err().to_string();
    assert!(e.contains("\"9am\""), "{e}");
    assert!(LocalTime::parse("24:01").is_err());
    assert!(LocalTime::parse("9:00").is_err());
    let e = OpenInterval::parse("24:00", "06:00")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "opening interval 24:00-06:00 is invalid: an interval cannot start at 24:00"
    );
    let e = WeekSchedule::closed()
        .with_day(Weekday::Tue, [iv("11:00", "17:00"), iv("09:00", "12:00")])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "tue: opening intervals 09:00-12:00 and 11:00-17:00 overlap"
    );
    let e = CalendarSpec::new(nine_to_five())
        .with_holidays([date(2024, 12, 25), date(2024, 7, 4), date(2024, 12, 25)])
        .unwrap_err()
        .to_string();
    assert_eq!(e, "holiday 2024-12-25 is listed twice");
    let e = CalendarSpec::new(nine_to_five())
        .with_special(date(2024, 3, 3), [iv("20:00", "10:00")])
        .unwrap_err()
        .to_string();
    // 2024-03-03 is a Sunday; Monday opens 09:00.
    assert_eq!(
        e,
        "2024-03-03: overnight interval 20:00-10:00 runs into mon interval 09:00-17:00"
    );
}

#[cfg(feature = "serde")]
#[test]
fn json_form_round_trips_and_validates() {
    let json = r#"{"week": {"mon": [["09:00", "17:00"]], "sat": [["22:00", "02:00"]]},
                   "holidays": ["2024-12-25"],
                   "special": {"2024-12-24": [["09:00", "13:00"]]}}"#;
    let spec: CalendarSpec = serde_json::from_str(json).unwrap();
    assert_eq!(spec.week().day(Weekday::Tue), &[]);
    assert_eq!(spec.holidays(), &[date(2024, 12, 25)]);
    let back: CalendarSpec = serde_json::from_str(&serde_json::to_string(&spec).unwrap()).unwrap();
    assert_eq!(back, spec);
    for (bad, needle) in [
        (r#"{"week": {"mon": [["09:00", "25:00"]]}}"#, "25:00"),
        (r#"{"week": {"mon": [["9am", "17:00"]]}}"#, "9am"),
        (
            r#"{"week": {"mon": [["09:00", "12:00"], ["11:00", "17:00"]]}}"#,
            "overlap",
        ),
        (
            r#"{"week": {}, "holidays": ["2024-12-25", "2024-12-25"]}"#,
            "2024-12-25",
        ),
        (r#"{"week": {"monday": []}}"#, "monday"),
        (r#"{"week": {}, "timezone": "UTC"}"#, "timezone"),
        (r#"{"week": {"mon": [["24:00", "06:00"]]}}"#, "24:00"),
        (
            r#"{"week": {}, "special": {"2024-12-24": [], "2024-12-24": [["09:00", "12:00"]]}}"#,
            "special hours for 2024-12-24 are given twice",
        ),
        (
            r#"{"week": {"sun": [["22:00", "06:00"]], "mon": [["05:00", "09:00"]]}}"#,
            "runs into mon",
        ),
        (
            r#"{"week": {}, "special": [["2024-12-24", []]]}"#,
            "an object from dates to lists of opening intervals",
        ),
    ] {
        let err = serde_json::from_str::<CalendarSpec>(bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{bad}: {err}");
    }
}

#[test]
fn calendar_parts_report_what_they_were_built_from() {
    // Local times: seconds from midnight, 24:00 as the end of the day.
    let t = LocalTime::from_hms(9, 30, 15).unwrap();
    assert_eq!(t.seconds_from_midnight(), 9 * 3600 + 30 * 60 + 15);
    assert!(!t.is_end_of_day());
    let end = LocalTime::parse("24:00").unwrap();
    assert_eq!(end.seconds_from_midnight(), 86_400);
    assert!(end.is_end_of_day());
    assert!(LocalTime::from_hms(24, 0, 1).is_err());
    assert!(LocalTime::from_hms(9, 60, 0).is_err());
    // Intervals: an end at or before the start runs overnight.
    let day = iv("09:00", "17:30");
    assert!(!day.is_overnight());
    assert_eq!(day.wall_length(), TimeDelta::minutes(8 * 60 + 30));
    let night = iv("22:00", "06:00");
    assert!(night.is_overnight());
    assert_eq!(night.wall_length(), TimeDelta::hours(8));
    assert_eq!(iv("00:00", "24:00").wall_length(), TimeDelta::hours(24));
    // A week keeps each day's intervals.
    let week = WeekSchedule::mon_to_fri(iv("09:00", "17:00"));
    assert_eq!(week.day(Weekday::Wed), [iv("09:00", "17:00")]);
    assert!(week.day(Weekday::Sat).is_empty());
    // A week with nothing open is closed; one open hour is not.
    assert!(WeekSchedule::closed().is_closed());
    assert!(!WeekSchedule::mon_to_fri(iv("09:00", "10:00")).is_closed());
    // Special hours are found by their date only.
    let eve = NaiveDate::from_ymd_opt(2024, 12, 24).unwrap();
    let spec = CalendarSpec::new(WeekSchedule::mon_to_fri(iv("09:00", "17:00")))
        .with_special(eve, [iv("09:00", "12:00")])
        .unwrap();
    assert_eq!(spec.special_hours(eve), Some(&[iv("09:00", "12:00")][..]));
    assert_eq!(spec.special_hours(eve.succ_opt().unwrap()), None);
}

#[test]
fn calendars_are_equal_when_zone_and_spec_are() {
    let spec = CalendarSpec::new(WeekSchedule::mon_to_fri(iv("09:00", "17:00")));
    let other = CalendarSpec::new(WeekSchedule::mon_to_fri(iv("08:00", "17:00")));
    let paris = FixedOffset::east_opt(3600).unwrap();
    let utc_fixed = FixedOffset::east_opt(0).unwrap();
    let a = cal(paris, spec.clone());
    assert_eq!(a, cal(paris, spec.clone()));
    assert_eq!(a, a.clone());
    assert_ne!(a, cal(paris, other.clone()));
    assert_ne!(a, cal(utc_fixed, spec));
    assert_ne!(a, cal(utc_fixed, other));
}

#[test]
fn calendar_time_between_an_instant_and_itself_is_zero() {
    let at = utc(2024, 3, 4, 9, 0);
    assert_eq!(CalendarTime.elapsed(at, at).unwrap(), TimeDelta::zero());
    assert!(
        CalendarTime
            .elapsed(at, at - TimeDelta::nanoseconds(1))
            .is_err()
    );
}

#[test]
fn fractions_of_closed_seconds_count_for_nothing() {
    // Mon–Fri 09:00–17:00 UTC.
    let c = cal(
        Utc,
        CalendarSpec::new(WeekSchedule::mon_to_fri(iv("09:00", "17:00"))),
    );
    let ms = TimeDelta::milliseconds;
    // From Saturday 12:00:00.250 (closed) to Monday 09:00:00.750: only the
    // 750 ms after the opening count.
    let sat = utc(2024, 3, 9, 12, 0) + ms(250);
    let mon = utc(2024, 3, 11, 9, 0) + ms(750);
    assert_eq!(c.between(sat, mon).unwrap(), ms(750));
    // From Friday 16:59:59.500 to 17:00:00.250 (closed from 17:00): 500 ms.
    let before_close = utc(2024, 3, 8, 16, 59) + TimeDelta::seconds(59) + ms(500);
    let after_close = utc(2024, 3, 8, 17, 0) + ms(250);
    assert_eq!(c.between(before_close, after_close).unwrap(), ms(500));
    // next_open from inside a closed second is the next opening.
    assert_eq!(c.next_open(sat).unwrap(), Some(utc(2024, 3, 11, 9, 0)));
    assert_eq!(
        c.next_open(after_close).unwrap(),
        Some(utc(2024, 3, 11, 9, 0))
    );
    // The spec given is the spec kept.
    let spec = CalendarSpec::new(WeekSchedule::mon_to_fri(iv("09:00", "17:00")));
    assert_eq!(c.spec(), &spec);
}

#[test]
fn a_calendar_opening_at_two_opens_when_the_repeated_hour_ends() {
    // New York, 2024-11-03: at 06:00Z clocks go from 02:00 EDT back to
    // 01:00 EST. Module docs: the repeated hour keeps the state of 01:59:59
    // EDT (closed, for 02:00–03:00 opening hours), and the calendar opens at
    // 02:00 EST = 07:00Z, for one hour (to 03:00 EST = 08:00Z).
    let c = new_york(every_day(iv("02:00", "03:00")));
    let s = TimeDelta::seconds(1);
    assert!(!c.is_open(utc(2024, 11, 3, 6, 30)));
    assert!(!c.is_open(utc(2024, 11, 3, 7, 0) - s));
    assert!(c.is_open(utc(2024, 11, 3, 7, 0)));
    assert!(!c.is_open(utc(2024, 11, 3, 8, 0)));
    assert_eq!(
        c.between(utc(2024, 11, 3, 4, 0), utc(2024, 11, 3, 12, 0))
            .unwrap(),
        TimeDelta::hours(1)
    );
}

#[test]
fn local_times_parse_only_hh_mm_and_hh_mm_ss() {
    let secs = |s: &str| LocalTime::parse(s).map(LocalTime::seconds_from_midnight);
    assert_eq!(secs("09:30").unwrap(), 9 * 3600 + 30 * 60);
    assert_eq!(secs("09:30:15").unwrap(), 9 * 3600 + 30 * 60 + 15);
    assert_eq!(secs("24:00:00").unwrap(), 86_400);
    for bad in [
        "09-30", "09:30-15", "09-30:15", "09:3015", "0930:15", "9:30", "09:30:", "09:30:5",
        "09:30:60", "24:00:01", "ab:cd",
    ] {
        assert!(LocalTime::parse(bad).is_err(), "{bad}");
    }
    assert!(LocalTime::from_hms(9, 0, 60).is_err());
    assert!(LocalTime::from_hms(9, 0, 59).is_ok());
}
