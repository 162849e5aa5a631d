//! Business calendars: opening hours, holidays and business-time arithmetic
//! across time zones and DST.
//!
//! A [`BusinessCalendar`] is a [`CalendarSpec`] (the week's opening
//! intervals, holidays and special hours, all in local wall-clock time)
//! placed in a time zone. It answers four questions:
//!
//! | method | answers |
//! |---|---|
//! | [`add(start, d)`](BusinessCalendar::add) | the deadline: the earliest instant by which `d` of business time has elapsed |
//! | [`between(a, b)`](BusinessCalendar::between) | the business time in `[a, b)` |
//! | [`is_open(t)`](BusinessCalendar::is_open) | whether `t` is inside opening hours |
//! | [`next_open(t)`](BusinessCalendar::next_open) | `t` if open, else the next opening |
//!
//! It implements [`ElapsedTime`], the trait the service clocks in
//! [`metrics`](crate::metrics) and the SLA policies in [`sla`](crate::sla)
//! measure with; [`CalendarTime`] is the other implementation, counting
//! every second.
//!
//! ```
//! use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
//! use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
//!
//! let spec = CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?))
//!     .with_holidays([NaiveDate::from_ymd_opt(2024, 12, 25).unwrap()])?;
//! let cal = BusinessCalendar::new(chrono_tz::Europe::Berlin, spec)?;
//! // Tue 2024-12-24 16:00 CET (15:00Z) + 2 business hours: one hour on the
//! // 24th, the 25th is a holiday, one hour on the 26th: 10:00 CET = 09:00Z.
//! let due = cal.add(Utc.with_ymd_and_hms(2024, 12, 24, 15, 0, 0).unwrap(), TimeDelta::hours(2))?;
//! assert_eq!(due, Utc.with_ymd_and_hms(2024, 12, 26, 9, 0, 0).unwrap());
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # The open time
//!
//! Each local date gets its opening intervals: a **holiday** has none;
//! else **special hours** for that date replace the week's (an empty list
//! closes the date); else the **weekday**'s intervals apply. A date that is
//! both a holiday and has special hours is closed: the holiday wins.
//!
//! An interval `[start, end)` is half-open: open at its opening time, closed
//! at its closing time. When the end is not after the start (`22:00`–`06:00`,
//! or `09:00`–`09:00` for 24 hours) the interval runs overnight into the next
//! day, and it **belongs to the day it starts on**: a holiday closes the
//! intervals that start on it, so the night shift from the evening before
//! still runs into the holiday morning.
//!
//! ```text
//!             Tue 12-24 (normal)      Wed 12-25 (holiday)      Thu 12-26
//! 22:00-06:00       [22:00 ──────────── 06:00)  (no shift)      [22:00 ──
//! ```
//!
//! Intervals of a day may touch (`09:00`–`12:00`, `12:00`–`17:00`) but not
//! overlap, and an overnight interval may not run into the next day's first
//! interval; both are rejected when the spec is built or deserialised.
//!
//! # Counting
//!
//! Business time is **real elapsed time** while open. `add` starts counting
//! at `start` if open, else at the next opening, and returns the earliest
//! instant at which the duration is used up; so a deadline that uses up the
//! last open second of an interval **is the closing time**:
//!
//! ```text
//!  Mon  09:00 ─────────── 13:00 ──────────── 17:00 | closed | Tue 09:00 ──
//!                         start ── 4 h ───── ^deadline = Mon 17:00
//! ```
//!
//! pandas' `CustomBusinessHour` would answer Tue 09:00 here (it rolls a
//! result at a closing time forward to the next opening); carekit does not.
//! A zero duration returns `start` itself, even when closed. A negative
//! duration, `between` with `b` before `a`, a calendar with no open time
//! left, an instant outside the [supported range](supported_range) and a
//! deadline after its end are errors ([`CalendarError`]); no input loops.
//!
//! Instants keep sub-second precision: interval boundaries fall on whole
//! seconds, so a fraction of a second is simply carried along.
//!
//! # Time zones and DST
//!
//! Opening times are wall-clock readings, so they follow the zone's offset
//! changes. A local time is **reached at the first instant the wall clock
//! reads that time or later**:
//!
//! - **Nonexistent times** (in a spring-forward gap) are reached when the gap
//!   ends. New York, 2024-03-10, interval `02:30`–`05:00`: it opens at 03:00
//!   EDT (07:00Z), so it lasts 2 h, not 2.5 h; an interval lying wholly in
//!   the gap (`02:00`–`02:45`) is empty that day.
//! - **Ambiguous times** (in a fall-back repeated hour) take the earlier
//!   instant, for openings and closings alike. New York, 2024-11-03,
//!   interval `00:00`–`01:30`: it closes at the first 01:30 (EDT, 05:30Z),
//!   1.5 h. During the repeated hour the calendar keeps the state it had when
//!   the clocks went back.
//! - **Business time is real time**: a 24-hour calendar counts 23 h on the
//!   spring-forward day and 25 h on the fall-back day, and an overnight
//!   `22:00`–`06:00` shift lasts 7 h or 9 h on those nights.
//!
//! ```text
//!  New York 2024-11-03, interval 00:30-02:30
//!  UTC     04:30      05:00      06:00      07:00      07:30
//!  wall    00:30 EDT  01:00 EDT  01:00 EST  02:00 EST  02:30 EST
//!          [opens ───────────────────────────────────── closes)  = 3 h
//! ```
//!
//! Holidays and special dates are **local dates** of the calendar's zone: in
//! Auckland, 2024-12-24T20:00Z is 09:00 on Christmas Day.
//!
//! Instants are `DateTime<Utc>`; an RFC 3339 input with any offset is just
//! an instant and is never reinterpreted as wall-clock time.
//!
//! # Cost model
//!
//! On construction the week is compiled into per-weekday open seconds with
//! prefix sums, and the holiday and special dates into one sorted list with
//! prefix sums of how much they change the usual week. Business time over
//! any run of days with one UTC offset is then a constant number of
//! look-ups plus two binary searches in that list, however long the run;
//! `add` skips whole weeks the same way. Only the stretches between offset
//! changes are visited, so the cost grows with the holidays and the DST
//! changes in the span, not with its length. Spans of more than about two
//! months (or `add` counts of more than eight weeks of open time) skip
//! even those: the open time of each ~388-day block of UTC time, and its
//! running count at each offset change inside the block, is computed once
//! per calendar on first use and memoised, so a ten-year span in a DST
//! zone walks two partial offset stretches and sums ten block totals, at
//! about the cost of the same span in UTC. On a 22-holiday New York
//! calendar (2-core machine, `cargo run --release --example bench_report`):
//! about 17 M `add`/s for 4 business hours, 15 M/s for 3 business days or a
//! 3-day `between`; a one-year `add` costs 3.4× a one-day `add`, a one-year
//! `between` 2.5× a one-day `between`.
//!
//! The zone's offset changes are found once per ~388 days of UTC time, on
//! first use, by probing the zone once a day and bisecting to the second
//! where the offset differs, and memoised inside the calendar (shared by its
//! clones; thread-safe; no global state). After that, `add` and `between`
//! call the time zone not at all. The probe finds every offset change that
//! is not undone within the same day; in every zone of chrono-tz 0.10 from
//! 1900 to 2100 the closest two changes are 6.96 days apart.
//!
//! # Supported range
//!
//! `add`, `between` and `next_open` answer for instants from
//! 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z ([`supported_range`]),
//! exactly the years whose offset changes are memoised, and return
//! [`CalendarError::OutsideSupportedRange`] for an instant outside it (a
//! deadline after its end is [`CalendarError::OutOfRange`]). The bound keeps
//! every call cheap whatever a user typed: before it existed, an instant
//! outside was recomputed for each year it crossed, and the fuzzer found an
//! SLA on a ticket "created" in year −262141 that took 69 seconds. A support
//! case dated before 1900 or after 2200 is a data error, now reported as
//! one. `is_open` answers at any instant (there it costs one scan of a
//! year of the zone per call), and [`CalendarTime`] covers all of chrono's
//! range.
//!
//! # JSON
//!
//! With the `serde` feature a [`CalendarSpec`] reads and writes:
//!
//! ```json
//! {"week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "sun": [["22:00", "06:00"]]},
//!  "holidays": ["2024-12-25"],
//!  "special": {"2024-12-24": [["09:00", "13:00"]]}}
//! ```
//!
//! A missing weekday is closed; `holidays` and `special` are optional;
//! unknown fields are rejected; every rule above is checked on the way in.
//! Times are `"HH:MM"` or `"HH:MM:SS"` ([`LocalTime`]).
//!
//! # Conformance vectors
//!
//! `tests/vectors/calendar.json` (curated, with the three cases where the
//! spec left a choice) and `tests/vectors/calendar_random.json` (300 random
//! cases) come from an independent Python minute-by-minute reference
//! (`tests/vectors/refs/calendar/`). Their `calendar` input is the JSON
//! above plus `"time_zone"`: an IANA name, a fixed offset such as `"+02:00"`
//! or `"-05:30"`, or `"UTC"`.
//!
//! | kind | input | output |
//! |---|---|---|
//! | `business_time_add` | `calendar`, `start` (RFC 3339), `seconds` (integer ≥ 0) | `deadline` (RFC 3339, `Z`) |
//! | `business_time_between` | `calendar`, `from`, `to` (RFC 3339) | `seconds` |
//!
//! Errors: an unknown zone name (quoted), a malformed time (quoted), an
//! overlap (naming the day and both intervals), a repeated holiday (naming
//! the date), `to` before `from` ("before"), no open time ("no open").

mod business;
mod period;
mod schedule;
mod spec;
mod tz;
mod zone;

use chrono::{DateTime, TimeDelta, Utc};

pub use crate::error::CalendarError;
pub use business::{BusinessCalendar, Calendar};
pub use period::{Period, PeriodKey, Span, Window};
pub use spec::{CalendarSpec, LocalTime, OpenInterval, WeekSchedule};
pub use tz::{Zone, ZoneOffset};
#[allow(
    unused_imports,
    reason = "the one local-time rule, for the compensation and loyalty windows"
)]
pub(crate) use tz::{first_instant_at, local_of};

/// A way of measuring the time between two instants: calendar time (every
/// second counts) or business time (only open hours count).
///
/// Service clocks are generic over this trait, so the same code measures
/// "first reply time" in calendar time and in business hours.
///
/// ```
/// use carekit::calendar::{CalendarTime, ElapsedTime};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let a = Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap();
/// let b = Utc.with_ymd_and_hms(2024, 1, 1, 17, 30, 0).unwrap();
/// assert_eq!(CalendarTime.elapsed(a, b)?, TimeDelta::minutes(510));
/// # Ok::<(), carekit::Error>(())
/// ```
pub trait ElapsedTime {
    /// Time counted in `[from, to)`.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, CalendarTime, ElapsedTime, OpenInterval, WeekSchedule};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// let business = BusinessCalendar::new(Utc, CalendarSpec::new(week))?;
    /// let fri = Utc.with_ymd_and_hms(2024, 3, 8, 16, 0, 0).unwrap();
    /// let mon = Utc.with_ymd_and_hms(2024, 3, 11, 10, 0, 0).unwrap();
    /// assert_eq!(CalendarTime.elapsed(fri, mon)?, TimeDelta::hours(66)); // 8 + 48 + 10
    /// assert_eq!(business.elapsed(fri, mon)?, TimeDelta::hours(2)); // Fri 16–17, Mon 9–10
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An implementation returns an error when it cannot measure (for
    /// example `to` before `from`, or a calendar with no open time).
    fn elapsed(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<TimeDelta, crate::error::Error>;

    /// The instant at which `duration` of counted time has elapsed from
    /// `start`: a deadline. A zero duration gives `start` itself.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, CalendarTime, ElapsedTime, OpenInterval, WeekSchedule};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// let business = BusinessCalendar::new(Utc, CalendarSpec::new(week))?;
    /// let fri = Utc.with_ymd_and_hms(2024, 3, 8, 16, 0, 0).unwrap();
    /// assert_eq!(CalendarTime.advance(fri, TimeDelta::hours(2))?, Utc.with_ymd_and_hms(2024, 3, 8, 18, 0, 0).unwrap());
    /// // 1 hour left on Friday, the second on Monday morning
    /// assert_eq!(business.advance(fri, TimeDelta::hours(2))?, Utc.with_ymd_and_hms(2024, 3, 11, 10, 0, 0).unwrap());
    /// assert!(CalendarTime.advance(fri, TimeDelta::hours(-1)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An implementation returns an error for a negative duration, a
    /// result beyond the representable range, or (for business calendars)
    /// when there is no open time to count or an instant is outside the
    /// [supported range](supported_range).
    fn advance(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, crate::error::Error>;

    /// Whether this clock counts every second (calendar time) rather than
    /// open hours only. Reports use it to say which clock measured a
    /// figure: an SLA target meant for business hours but measured with a
    /// clock that counts every second is reported as measured in calendar
    /// time.
    ///
    /// `false` by default; [`CalendarTime`] answers `true`. A
    /// [`BusinessCalendar`] answers `false` even when it is open around the
    /// clock: it is still a business calendar.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, CalendarTime, ElapsedTime, OpenInterval, WeekSchedule};
    /// use chrono::Utc;
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// let business = BusinessCalendar::new(Utc, CalendarSpec::new(week))?;
    /// assert!(CalendarTime.counts_every_second());
    /// assert!(!business.counts_every_second());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    fn counts_every_second(&self) -> bool {
        false
    }
}

/// The instants a [`BusinessCalendar`] answers for: 1900-01-01T00:00:00Z to
/// 2200-01-01T00:00:00Z, both included.
///
/// See [Supported range](self#supported-range) for why there is a bound.
///
/// ```
/// use carekit::calendar::supported_range;
/// use chrono::{TimeZone, Utc};
/// let range = supported_range();
/// assert_eq!(*range.start(), Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap());
/// assert_eq!(*range.end(), Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0).unwrap());
/// assert!(range.contains(&Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()));
/// ```
#[must_use]
pub fn supported_range() -> std::ops::RangeInclusive<DateTime<Utc>> {
    // Both are whole seconds well inside chrono's range, so the fallbacks
    // are never taken; they keep the function free of panics.
    let first =
        DateTime::from_timestamp(zone::SUPPORTED_FIRST, 0).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let last =
        DateTime::from_timestamp(zone::SUPPORTED_LAST, 0).unwrap_or(DateTime::<Utc>::MAX_UTC);
    first..=last
}

/// Calendar (wall-clock elapsed) time: every second counts.
///
/// ```
/// use carekit::calendar::{CalendarTime, ElapsedTime};
/// use chrono::DateTime;
/// let a = DateTime::from_timestamp(100, 0).unwrap();
/// let b = DateTime::from_timestamp(40, 0).unwrap();
/// assert!(CalendarTime.elapsed(a, b).is_err()); // end before start
/// assert_eq!(CalendarTime.advance(b, chrono::TimeDelta::seconds(60))?, a);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CalendarTime;

impl ElapsedTime for CalendarTime {
    fn elapsed(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<TimeDelta, crate::error::Error> {
        if to < from {
            return Err(CalendarError::EndBeforeStart { from, to }.into());
        }
        Ok(to.signed_duration_since(from))
    }

    fn advance(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, crate::error::Error> {
        if duration < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration { duration }.into());
        }
        start
            .checked_add_signed(duration)
            .ok_or_else(|| CalendarError::OutOfRange { start, duration }.into())
    }

    /// `true`: every second counts.
    fn counts_every_second(&self) -> bool {
        true
    }
}
