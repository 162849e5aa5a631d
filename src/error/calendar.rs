use super::rfc3339;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// Why a business calendar is invalid or cannot answer.
///
/// ```
/// use carekit::calendar::CalendarError;
/// use chrono::DateTime;
/// let e = CalendarError::EndBeforeStart {
///     from: DateTime::from_timestamp(100, 0).unwrap(),
///     to: DateTime::from_timestamp(40, 0).unwrap(),
/// };
/// assert_eq!(e.to_string(), "end 1970-01-01T00:00:40Z is before start 1970-01-01T00:01:40Z");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A span whose end precedes its start.
    #[error("end {} is before start {}", rfc3339(*.to), rfc3339(*.from))]
    EndBeforeStart {
        /// The start.
        from: DateTime<Utc>,
        /// The end.
        to: DateTime<Utc>,
    },
    /// A negative duration where only forward time makes sense.
    #[error("duration {duration} is negative")]
    NegativeDuration {
        /// The rejected duration.
        duration: TimeDelta,
    },
    /// A result out of range: for [`CalendarTime`](crate::calendar::CalendarTime)
    /// beyond the instants chrono represents; for a
    /// [`BusinessCalendar`](crate::calendar::BusinessCalendar) after the end of its
    /// [supported range](crate::calendar::supported_range), 2200-01-01T00:00:00Z.
    #[error("{duration} after {} is beyond the supported range of instants", rfc3339(*.start))]
    OutOfRange {
        /// The start.
        start: DateTime<Utc>,
        /// The duration added.
        duration: TimeDelta,
    },
    /// A local time of day that is not `HH:MM` or `HH:MM:SS` between
    /// `00:00` and `24:00`.
    #[error("local time {text:?} is malformed: expected HH:MM or HH:MM:SS from 00:00 to 24:00")]
    MalformedTime {
        /// The rejected text.
        text: String,
    },
    /// An opening interval that starts at `24:00` (the end of the day can
    /// only close an interval).
    #[error("opening interval {start}-{end} is invalid: an interval cannot start at 24:00")]
    StartAtEndOfDay {
        /// The start as written.
        start: Box<str>,
        /// The end as written.
        end: Box<str>,
    },
    /// Two opening intervals of the same day overlap.
    #[error("{day}: opening intervals {first} and {second} overlap")]
    OverlappingIntervals {
        /// The weekday (`"mon"`) or date (`"2024-12-24"`).
        day: Box<str>,
        /// The earlier interval.
        first: Box<str>,
        /// The interval that starts before `first` ends.
        second: Box<str>,
    },
    /// An overnight interval runs into an interval of the next day.
    #[error("{day}: overnight interval {interval} runs into {next_day} interval {next}")]
    OvernightOverlap {
        /// The weekday or date the overnight interval starts on.
        day: Box<str>,
        /// The overnight interval.
        interval: Box<str>,
        /// The next weekday or date.
        next_day: Box<str>,
        /// The next day's interval it overlaps.
        next: Box<str>,
    },
    /// A holiday given more than once.
    #[error("holiday {date} is listed twice")]
    DuplicateHoliday {
        /// The repeated date.
        date: NaiveDate,
    },
    /// Special hours given more than once for one date.
    #[error("special hours for {date} are given twice")]
    DuplicateSpecialHours {
        /// The repeated date.
        date: NaiveDate,
    },
    /// A business calendar was asked about an instant outside its
    /// [supported range](crate::calendar::supported_range), 1900-01-01T00:00:00Z to
    /// 2200-01-01T00:00:00Z.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarError, CalendarSpec, OpenInterval, WeekSchedule};
    /// use carekit::Error;
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// let cal = BusinessCalendar::new(Utc, CalendarSpec::new(week))?;
    /// let typo = Utc.with_ymd_and_hms(224, 3, 4, 9, 0, 0).unwrap(); // meant 2024
    /// let err = cal.add(typo, TimeDelta::hours(4)).unwrap_err();
    /// assert!(matches!(err, Error::Calendar(CalendarError::OutsideSupportedRange { instant }) if instant == typo));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "instant 0224-03-04T09:00:00Z is outside the supported range of business calendars, 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z",
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[error(
        "instant {} is outside the supported range of business calendars, 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z",
        rfc3339(*.instant)
    )]
    OutsideSupportedRange {
        /// The rejected instant.
        instant: DateTime<Utc>,
    },
    /// A time-zone offset that is not `±HH:MM` below 24 hours.
    ///
    /// ```
    /// use carekit::calendar::Zone;
    /// let err = "+2:00".parse::<Zone>().unwrap_err();
    /// assert_eq!(err.to_string(), r#"time zone offset "+2:00" is malformed: expected ±HH:MM below 24:00"#);
    /// ```
    #[error("time zone offset {value:?} is malformed: expected ±HH:MM below 24:00")]
    MalformedOffset {
        /// The rejected text.
        value: String,
    },
    /// A time-zone name the IANA database does not know.
    #[error(
        "unknown time zone {name:?}: expected \"UTC\", an offset such as \"+02:00\" or an IANA name such as \"Europe/Berlin\""
    )]
    UnknownTimeZone {
        /// The rejected name.
        name: String,
    },
    /// An IANA time-zone name, read without carekit's `tz` feature (which
    /// brings the zone database).
    #[error("time zone {name:?} is an IANA name: enable carekit's `tz` feature to use named zones")]
    TimeZoneNamesDisabled {
        /// The name.
        name: String,
    },
    /// A period or window boundary that lies outside the dates chrono can
    /// represent (within hours of its ends), so no period key or start can
    /// be given.
    ///
    /// ```
    /// use carekit::calendar::{Period, PeriodKey, Zone};
    /// use chrono::{DateTime, FixedOffset, Utc};
    /// let west = Zone::fixed(FixedOffset::west_opt(3600).unwrap());
    /// let err = PeriodKey::of(DateTime::<Utc>::MIN_UTC, Period::Day, &west).unwrap_err();
    /// assert!(err.to_string().starts_with("the day of -262143-01-01T00:00:00Z is outside"));
    /// ```
    #[error(
        "the {period} of {} is outside the dates this library can represent",
        rfc3339(*.instant)
    )]
    PeriodOutOfRange {
        /// The instant.
        instant: DateTime<Utc>,
        /// The kind of period, in words (`"iso week"`, as a
        /// [`Period`](crate::calendar::Period) displays).
        period: &'static str,
    },
    /// A period key that is not `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`,
    /// `YYYY-Qn` or `YYYY` naming an existing period.
    ///
    /// ```
    /// use carekit::calendar::PeriodKey;
    /// let err = "2024-W54".parse::<PeriodKey>().unwrap_err();
    /// assert_eq!(err.to_string(), r#"period key "2024-W54" is malformed: expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY"#);
    /// ```
    #[error(
        "period key {value:?} is malformed: expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY"
    )]
    InvalidPeriodKey {
        /// The rejected text.
        value: String,
    },
    /// Business time was asked of a calendar that is never open (again).
    #[error("the calendar has no open time at or after {}", rfc3339(*.after))]
    NoOpenTime {
        /// The instant from which no open time exists.
        after: DateTime<Utc>,
    },
}
