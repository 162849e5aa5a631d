//! The zone-free description of a calendar: local times, opening
//! intervals, the week, holidays and special hours.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::CalendarError;
use crate::error::Error;

/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;

/// A local wall-clock time of day from `00:00` to `24:00` (the end of the
/// day, allowed only as the end of an [`OpenInterval`]), to the second.
///
/// Written `"HH:MM"` or `"HH:MM:SS"` (two digits each); it displays as
/// `HH:MM` when the seconds are zero.
///
/// ```
/// use carekit::calendar::LocalTime;
///
/// let t: LocalTime = "09:30".parse()?;
/// assert_eq!(t.seconds_from_midnight(), 9 * 3600 + 30 * 60);
/// assert_eq!(LocalTime::from_hms(17, 0, 5)?.to_string(), "17:00:05");
/// assert!(LocalTime::parse("24:00")?.is_end_of_day());
/// let err = LocalTime::parse("9am").unwrap_err();
/// assert!(err.to_string().contains("\"9am\""));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct LocalTime(u32);

impl LocalTime {
    /// `00:00`, the start of the day.
    ///
    /// ```
    /// use carekit::calendar::{LocalTime, OpenInterval};
    /// assert_eq!(LocalTime::MIDNIGHT.to_string(), "00:00");
    /// assert_eq!(LocalTime::MIDNIGHT.seconds_from_midnight(), 0);
    /// // a round-the-clock day
    /// let all_day = OpenInterval::new(LocalTime::MIDNIGHT, LocalTime::END_OF_DAY)?;
    /// assert_eq!(all_day.wall_length(), chrono::TimeDelta::hours(24));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const MIDNIGHT: Self = Self(0);
    /// `24:00`, the end of the day (only valid as an interval's end).
    ///
    /// ```
    /// use carekit::calendar::{LocalTime, OpenInterval};
    /// assert_eq!(LocalTime::END_OF_DAY.to_string(), "24:00");
    /// assert_eq!(LocalTime::END_OF_DAY.seconds_from_midnight(), 86_400); // 24 · 3600
    /// let evening = OpenInterval::new(LocalTime::parse("18:00")?, LocalTime::END_OF_DAY)?;
    /// assert_eq!(evening.wall_length(), chrono::TimeDelta::hours(6));
    /// assert!(OpenInterval::new(LocalTime::END_OF_DAY, LocalTime::MIDNIGHT).is_err()); // not a start
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub const END_OF_DAY: Self = Self(86_400);

    /// A time from hours, minutes and seconds; `24:00:00` is the end of the
    /// day.
    ///
    /// ```
    /// use carekit::calendar::LocalTime;
    /// assert_eq!(LocalTime::from_hms(24, 0, 0)?, LocalTime::END_OF_DAY);
    /// assert!(LocalTime::from_hms(24, 0, 1).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::MalformedTime`] when the hour exceeds 24, the minute
    /// or second exceeds 59, or the time is after `24:00`.
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Result<Self, Error> {
        let ok =
            minute < 60 && second < 60 && (hour < 24 || (hour == 24 && minute == 0 && second == 0));
        if !ok {
            return Err(CalendarError::MalformedTime {
                text: format!("{hour:02}:{minute:02}:{second:02}"),
            }
            .into());
        }
        Ok(Self(
            hour.saturating_mul(3600)
                .saturating_add(minute.saturating_mul(60))
                .saturating_add(second),
        ))
    }

    /// Parses `"HH:MM"` or `"HH:MM:SS"`.
    ///
    /// ```
    /// use carekit::calendar::LocalTime;
    /// assert_eq!(LocalTime::parse("08:05:09")?.seconds_from_midnight(), 29_109);
    /// assert!(LocalTime::parse("25:00").is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::MalformedTime`], quoting the text, for anything else
    /// (`"25:00"`, `"9am"`, `"9:00"`, `"24:01"`).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let malformed = || -> Error {
            CalendarError::MalformedTime {
                text: text.to_owned(),
            }
            .into()
        };
        let b = text.as_bytes();
        let two = |i: usize| -> Option<u32> {
            let hi = b.get(i).copied().filter(u8::is_ascii_digit)?;
            let lo = b
                .get(i.checked_add(1)?)
                .copied()
                .filter(u8::is_ascii_digit)?;
            Some(
                u32::from(hi.wrapping_sub(b'0'))
                    .wrapping_mul(10)
                    .wrapping_add(u32::from(lo.wrapping_sub(b'0'))),
            )
        };
        let (h, m, s) = match b.len() {
            5 if b.get(2) == Some(&b':') => (two(0), two(3), Some(0)),
            8 if b.get(2) == Some(&b':') && b.get(5) == Some(&b':') => (two(0), two(3), two(6)),
            _ => return Err(malformed()),
        };
        match (h, m, s) {
            (Some(h), Some(m), Some(s)) => Self::from_hms(h, m, s).map_err(|_| malformed()),
            _ => Err(malformed()),
        }
    }

    /// Seconds since local midnight, `0..=86_400`.
    ///
    /// ```
    /// use carekit::calendar::LocalTime;
    /// assert_eq!(LocalTime::END_OF_DAY.seconds_from_midnight(), 86_400);
    /// ```
    pub fn seconds_from_midnight(self) -> u32 {
        self.0
    }

    /// Whether this is `24:00`.
    ///
    /// ```
    /// use carekit::calendar::LocalTime;
    /// assert!(!LocalTime::MIDNIGHT.is_end_of_day());
    /// ```
    pub fn is_end_of_day(self) -> bool {
        self.0 == 86_400
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl FromStr for LocalTime {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

impl TryFrom<String> for LocalTime {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<LocalTime> for String {
    fn from(t: LocalTime) -> Self {
        t.to_string()
    }
}

/// An opening interval `[start, end)` in local wall-clock time.
///
/// An interval whose end is not after its start (`22:00`–`06:00`) runs
/// overnight into the next day and belongs to the day it starts on. The end
/// may be `24:00`; the start may not. In JSON it is a pair of strings,
/// `["09:00", "17:00"]`.
///
/// ```
/// use carekit::calendar::OpenInterval;
///
/// let day = OpenInterval::parse("09:00", "17:30")?;
/// assert!(!day.is_overnight());
/// assert_eq!(day.wall_length(), chrono::TimeDelta::minutes(510));
/// let night = OpenInterval::parse("22:00", "06:00")?;
/// assert!(night.is_overnight());
/// assert_eq!(night.to_string(), "22:00-06:00");
/// assert!(OpenInterval::parse("24:00", "06:00").is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "(LocalTime, LocalTime)", into = "(LocalTime, LocalTime)")
)]
pub struct OpenInterval {
    start: LocalTime,
    end: LocalTime,
}

impl OpenInterval {
    /// An interval from `start` to `end` (overnight when `end <= start`).
    ///
    /// ```
    /// use carekit::calendar::{LocalTime, OpenInterval};
    /// let iv = OpenInterval::new(LocalTime::from_hms(20, 0, 0)?, LocalTime::END_OF_DAY)?;
    /// assert_eq!(iv.to_string(), "20:00-24:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::StartAtEndOfDay`] when `start` is `24:00`.
    pub fn new(start: LocalTime, end: LocalTime) -> Result<Self, Error> {
        if start.is_end_of_day() {
            return Err(CalendarError::StartAtEndOfDay {
                start: start.to_string().into(),
                end: end.to_string().into(),
            }
            .into());
        }
        Ok(Self { start, end })
    }

    /// Parses both ends (see [`LocalTime::parse`]).
    ///
    /// ```
    /// use carekit::calendar::OpenInterval;
    /// assert_eq!(OpenInterval::parse("09:00", "12:00")?.start().to_string(), "09:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A malformed time, or a start of `24:00`.
    pub fn parse(start: &str, end: &str) -> Result<Self, Error> {
        Self::new(LocalTime::parse(start)?, LocalTime::parse(end)?)
    }

    /// The opening time.
    ///
    /// ```
    /// use carekit::calendar::OpenInterval;
    /// assert_eq!(OpenInterval::parse("09:00", "12:00")?.start().seconds_from_midnight(), 32_400);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> LocalTime {
        self.start
    }

    /// The closing time (on the next day when [`is_overnight`](Self::is_overnight)).
    ///
    /// ```
    /// use carekit::calendar::OpenInterval;
    /// assert_eq!(OpenInterval::parse("22:00", "06:00")?.end().to_string(), "06:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end(&self) -> LocalTime {
        self.end
    }

    /// Whether the interval runs past midnight into the next day.
    ///
    /// ```
    /// use carekit::calendar::OpenInterval;
    /// assert!(OpenInterval::parse("09:00", "09:00")?.is_overnight()); // 24 hours
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_overnight(&self) -> bool {
        self.end <= self.start
    }

    /// The length on the wall clock (a DST change on the day makes the real
    /// elapsed time differ).
    ///
    /// ```
    /// use carekit::calendar::OpenInterval;
    /// assert_eq!(OpenInterval::parse("22:00", "06:00")?.wall_length(), chrono::TimeDelta::hours(8));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn wall_length(&self) -> TimeDelta {
        let (s, e) = self.local_seconds();
        TimeDelta::seconds(e.saturating_sub(s))
    }

    /// `(start, end)` in seconds from the midnight of the day it starts on;
    /// the end exceeds 86 400 for overnight intervals.
    pub(super) fn local_seconds(self) -> (i64, i64) {
        let s = i64::from(self.start.0);
        let e = i64::from(self.end.0);
        if e <= s {
            (s, e.saturating_add(DAY))
        } else {
            (s, e)
        }
    }
}

impl fmt::Display for OpenInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl TryFrom<(LocalTime, LocalTime)> for OpenInterval {
    type Error = Error;
    fn try_from((start, end): (LocalTime, LocalTime)) -> Result<Self, Error> {
        Self::new(start, end)
    }
}

impl From<OpenInterval> for (LocalTime, LocalTime) {
    fn from(iv: OpenInterval) -> Self {
        (iv.start, iv.end)
    }
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Sorts one day's intervals and rejects overlaps (touching is fine:
/// intervals are half-open).
fn normalise_day(label: &str, mut ivs: Vec<OpenInterval>) -> Result<Vec<OpenInterval>, Error> {
    ivs.sort_unstable_by_key(|iv| iv.local_seconds());
    for pair in ivs.windows(2) {
        if let [a, b] = pair {
            if b.local_seconds().0 < a.local_seconds().1 {
                return Err(CalendarError::OverlappingIntervals {
                    day: label.into(),
                    first: a.to_string().into(),
                    second: b.to_string().into(),
                }
                .into());
            }
        }
    }
    Ok(ivs)
}

/// Rejects an overnight spill of `day` that runs into `next`'s first interval.
fn check_spill(
    label: &str,
    day: &[OpenInterval],
    next_label: &str,
    next: &[OpenInterval],
) -> Result<(), Error> {
    let (Some(last), Some(first)) = (day.last(), next.first()) else {
        return Ok(());
    };
    let spill = last.local_seconds().1.saturating_sub(DAY);
    if first.local_seconds().0 < spill {
        return Err(CalendarError::OvernightOverlap {
            day: label.into(),
            interval: last.to_string().into(),
            next_day: next_label.into(),
            next: first.to_string().into(),
        }
        .into());
    }
    Ok(())
}

/// Opening intervals for each weekday, in local time. A weekday without
/// intervals is closed.
///
/// Intervals of one day may touch (`09:00`–`12:00`, `12:00`–`17:00`) but not
/// overlap, and an overnight interval may not run into the next day's first
/// interval. Each day's list is kept sorted by opening time.
///
/// JSON (with the `serde` feature; a missing weekday is closed, unknown keys
/// are rejected):
///
/// ```json
/// {"mon": [["09:00", "17:00"]], "sat": [["10:00", "14:00"]], "sun": [["22:00", "06:00"]]}
/// ```
///
/// ```
/// use carekit::calendar::{OpenInterval, WeekSchedule};
/// use chrono::Weekday;
///
/// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?)
///     .with_day(Weekday::Sat, [OpenInterval::parse("10:00", "14:00")?])?;
/// assert_eq!(week.day(Weekday::Sat).len(), 1);
/// assert!(week.day(Weekday::Sun).is_empty());
/// let err = WeekSchedule::closed()
///     .with_day(Weekday::Mon, [OpenInterval::parse("09:00", "12:00")?, OpenInterval::parse("11:00", "17:00")?])
///     .unwrap_err();
/// assert_eq!(err.to_string(), "mon: opening intervals 09:00-12:00 and 11:00-17:00 overlap");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawWeek", into = "RawWeek"))]
pub struct WeekSchedule {
    days: [Vec<OpenInterval>; 7],
}

impl WeekSchedule {
    /// A week with no opening hours (add days with [`with_day`](Self::with_day)).
    ///
    /// ```
    /// use carekit::calendar::WeekSchedule;
    /// assert!(WeekSchedule::closed().day(chrono::Weekday::Mon).is_empty());
    /// ```
    pub fn closed() -> Self {
        Self::default()
    }

    /// The same interval Monday to Friday, weekends closed.
    ///
    /// ```
    /// use carekit::calendar::{OpenInterval, WeekSchedule};
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// assert_eq!(week.day(chrono::Weekday::Fri).len(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn mon_to_fri(interval: OpenInterval) -> Self {
        let mut days: [Vec<OpenInterval>; 7] = Default::default();
        for day in days.iter_mut().take(5) {
            day.push(interval);
        }
        // An overnight interval ends no later than it starts, so one day's
        // spill never reaches the same interval on the next day.
        Self { days }
    }

    /// Replaces one weekday's intervals.
    ///
    /// ```
    /// use carekit::calendar::{OpenInterval, WeekSchedule};
    /// use chrono::Weekday;
    /// let week = WeekSchedule::closed().with_day(Weekday::Sun, [OpenInterval::parse("22:00", "06:00")?])?;
    /// let err = week.with_day(Weekday::Mon, [OpenInterval::parse("05:00", "09:00")?]).unwrap_err();
    /// assert_eq!(err.to_string(), "sun: overnight interval 22:00-06:00 runs into mon interval 05:00-09:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OverlappingIntervals`] when two of the intervals
    /// overlap, [`CalendarError::OvernightOverlap`] when an overnight
    /// interval runs into the next day's first interval (in either
    /// direction).
    pub fn with_day(
        mut self,
        weekday: Weekday,
        intervals: impl IntoIterator<Item = OpenInterval>,
    ) -> Result<Self, Error> {
        let i = weekday.num_days_from_monday() as usize;
        let label = DAY_NAMES.get(i).copied().unwrap_or("?");
        let ivs = normalise_day(label, intervals.into_iter().collect())?;
        if let Some(slot) = self.days.get_mut(i) {
            *slot = ivs;
        }
        self.check_spills()?;
        Ok(self)
    }

    /// One weekday's intervals, sorted by opening time.
    ///
    /// ```
    /// use carekit::calendar::{OpenInterval, WeekSchedule};
    /// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
    /// assert_eq!(week.day(chrono::Weekday::Mon)[0].to_string(), "09:00-17:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn day(&self, weekday: Weekday) -> &[OpenInterval] {
        self.days
            .get(weekday.num_days_from_monday() as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether no weekday has any interval.
    ///
    /// ```
    /// use carekit::calendar::WeekSchedule;
    /// assert!(WeekSchedule::closed().is_closed());
    /// ```
    pub fn is_closed(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    fn check_spills(&self) -> Result<(), Error> {
        for i in 0_usize..7 {
            let j = i.wrapping_add(1).rem_euclid(7);
            let (Some(day), Some(next)) = (self.days.get(i), self.days.get(j)) else {
                continue;
            };
            let (a, b) = (
                DAY_NAMES.get(i).copied().unwrap_or("?"),
                DAY_NAMES.get(j).copied().unwrap_or("?"),
            );
            check_spill(a, day, b, next)?;
        }
        Ok(())
    }

    pub(super) fn intervals_of(&self, index: usize) -> &[OpenInterval] {
        self.days.get(index).map_or(&[], Vec::as_slice)
    }
}

/// The serde form of [`WeekSchedule`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeek {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mon: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tue: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    wed: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    thu: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fri: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sat: Vec<OpenInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sun: Vec<OpenInterval>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawWeek> for WeekSchedule {
    type Error = Error;
    fn try_from(raw: RawWeek) -> Result<Self, Error> {
        let days = [
            raw.mon, raw.tue, raw.wed, raw.thu, raw.fri, raw.sat, raw.sun,
        ];
        let mut week = Self::closed();
        for (slot, (ivs, label)) in week.days.iter_mut().zip(days.into_iter().zip(DAY_NAMES)) {
            *slot = normalise_day(label, ivs)?;
        }
        week.check_spills()?;
        Ok(week)
    }
}

#[cfg(feature = "serde")]
impl From<WeekSchedule> for RawWeek {
    fn from(w: WeekSchedule) -> Self {
        let [mon, tue, wed, thu, fri, sat, sun] = w.days;
        Self {
            mon,
            tue,
            wed,
            thu,
            fri,
            sat,
            sun,
        }
    }
}

/// A business calendar without its time zone: the week, holidays and
/// special hours, all in local (wall-clock) dates and times.
///
/// - A **holiday** closes the intervals that *start* on that local date (an
///   overnight interval from the evening before still runs into it).
/// - **Special hours** replace the week's intervals for one date; an empty
///   list closes the date. When a date is both a holiday and has special
///   hours, **the holiday wins** (the special hours are kept but unused).
///
/// Validation: holidays may not repeat; special hours follow the week's rules
/// (no overlap within the date, no overnight interval running into the next
/// date's first interval, checked against the neighbouring dates' own
/// special or weekly hours, ignoring holidays).
///
/// JSON (with the `serde` feature; `holidays` and `special` are optional,
/// unknown fields are rejected):
///
/// ```json
/// {"week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
///  "holidays": ["2024-12-25"],
///  "special": {"2024-12-24": [["09:00", "13:00"]]}}
/// ```
///
/// ```
/// use carekit::calendar::{CalendarSpec, OpenInterval, WeekSchedule};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let spec = CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?))
///     .with_holidays([d(12, 25), d(12, 26)])?
///     .with_special(d(12, 24), [OpenInterval::parse("09:00", "13:00")?])?;
/// assert_eq!(spec.holidays().len(), 2);
/// let err = spec.clone().with_holidays([d(12, 25)]).unwrap_err();
/// assert_eq!(err.to_string(), "holiday 2024-12-25 is listed twice");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawSpec", into = "RawSpec"))]
pub struct CalendarSpec {
    week: WeekSchedule,
    holidays: Vec<NaiveDate>,
    special: BTreeMap<NaiveDate, Vec<OpenInterval>>,
}

impl CalendarSpec {
    /// A calendar with this week and no holidays or special hours.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// assert!(CalendarSpec::new(WeekSchedule::closed()).holidays().is_empty());
    /// ```
    pub fn new(week: WeekSchedule) -> Self {
        Self {
            week,
            holidays: Vec::new(),
            special: BTreeMap::new(),
        }
    }

    /// Adds holidays (local dates).
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// let spec = CalendarSpec::new(WeekSchedule::closed())
    ///     .with_holidays([chrono::NaiveDate::from_ymd_opt(2024, 7, 4).unwrap()])?;
    /// assert_eq!(spec.holidays()[0].to_string(), "2024-07-04");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::DuplicateHoliday`] when a date is already a holiday
    /// or given twice.
    pub fn with_holidays(
        mut self,
        dates: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, Error> {
        for date in dates {
            match self.holidays.binary_search(&date) {
                Ok(_) => return Err(CalendarError::DuplicateHoliday { date }.into()),
                Err(i) => self.holidays.insert(i, date),
            }
        }
        Ok(self)
    }

    /// Sets special hours for one local date (an empty list closes it).
    ///
    /// The overnight checks look at the neighbouring dates' hours as they are
    /// now; to set neighbouring dates whose hours only fit together, use
    /// [`with_special_hours`](Self::with_special_hours).
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, OpenInterval, WeekSchedule};
    /// let date = chrono::NaiveDate::from_ymd_opt(2024, 12, 24).unwrap();
    /// let spec = CalendarSpec::new(WeekSchedule::closed()).with_special(date, [])?;
    /// assert!(spec.special_hours(date).is_some_and(<[_]>::is_empty));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`with_special_hours`](Self::with_special_hours).
    pub fn with_special(
        self,
        date: NaiveDate,
        intervals: impl IntoIterator<Item = OpenInterval>,
    ) -> Result<Self, Error> {
        self.with_special_hours([(date, intervals.into_iter().collect())])
    }

    /// Sets special hours for several dates at once; the checks run after
    /// all are set, so the order of the dates does not matter.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, OpenInterval, WeekSchedule};
    /// use chrono::{NaiveDate, Weekday};
    /// let d = |day| NaiveDate::from_ymd_opt(2024, 12, day).unwrap();
    /// let week = WeekSchedule::closed().with_day(Weekday::Wed, [OpenInterval::parse("00:00", "08:00")?])?;
    /// // Tue 12-24 runs overnight into Wed 12-25, which is closed that day.
    /// let spec = CalendarSpec::new(week).with_special_hours([
    ///     (d(24), vec![OpenInterval::parse("20:00", "02:00")?]),
    ///     (d(25), vec![]),
    /// ])?;
    /// assert_eq!(spec.special().count(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::DuplicateSpecialHours`] when a date already has
    /// special hours or is given twice; [`CalendarError::OverlappingIntervals`]
    /// or [`CalendarError::OvernightOverlap`] as for a weekday.
    pub fn with_special_hours(
        mut self,
        dates: impl IntoIterator<Item = (NaiveDate, Vec<OpenInterval>)>,
    ) -> Result<Self, Error> {
        let mut added = Vec::new();
        for (date, ivs) in dates {
            if self.special.contains_key(&date) {
                return Err(CalendarError::DuplicateSpecialHours { date }.into());
            }
            let ivs = normalise_day(&date.to_string(), ivs)?;
            self.special.insert(date, ivs);
            added.push(date);
        }
        for date in added {
            self.check_special_spills(date)?;
        }
        Ok(self)
    }

    /// The weekly hours.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// assert!(CalendarSpec::new(WeekSchedule::closed()).week().is_closed());
    /// ```
    pub fn week(&self) -> &WeekSchedule {
        &self.week
    }

    /// The holidays, sorted.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// assert!(CalendarSpec::new(WeekSchedule::closed()).holidays().is_empty());
    /// ```
    pub fn holidays(&self) -> &[NaiveDate] {
        &self.holidays
    }

    /// The special hours of `date`, if it has any.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// let date = chrono::NaiveDate::from_ymd_opt(2024, 12, 24).unwrap();
    /// assert!(CalendarSpec::new(WeekSchedule::closed()).special_hours(date).is_none());
    /// ```
    pub fn special_hours(&self, date: NaiveDate) -> Option<&[OpenInterval]> {
        self.special.get(&date).map(Vec::as_slice)
    }

    /// Every date with special hours, in date order.
    ///
    /// ```
    /// use carekit::calendar::{CalendarSpec, WeekSchedule};
    /// assert_eq!(CalendarSpec::new(WeekSchedule::closed()).special().count(), 0);
    /// ```
    pub fn special(&self) -> impl Iterator<Item = (NaiveDate, &[OpenInterval])> {
        self.special.iter().map(|(d, v)| (*d, v.as_slice()))
    }

    /// The hours of `date` ignoring holidays: special or weekly.
    fn hours_ignoring_holidays(&self, date: NaiveDate) -> (String, &[OpenInterval]) {
        if let Some(v) = self.special.get(&date) {
            (date.to_string(), v.as_slice())
        } else {
            let i = date.weekday().num_days_from_monday() as usize;
            (
                DAY_NAMES.get(i).copied().unwrap_or("?").to_owned(),
                self.week.intervals_of(i),
            )
        }
    }

    fn check_special_spills(&self, date: NaiveDate) -> Result<(), Error> {
        if let Some(prev) = date.pred_opt() {
            let (a, pa) = self.hours_ignoring_holidays(prev);
            let (b, pb) = self.hours_ignoring_holidays(date);
            check_spill(&a, pa, &b, pb)?;
        }
        if let Some(next) = date.succ_opt() {
            let (a, pa) = self.hours_ignoring_holidays(date);
            let (b, pb) = self.hours_ignoring_holidays(next);
            check_spill(&a, pa, &b, pb)?;
        }
        Ok(())
    }
}

/// The serde form of [`CalendarSpec`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    week: WeekSchedule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    holidays: Vec<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_dates"
    )]
    special: BTreeMap<NaiveDate, Vec<OpenInterval>>,
}

/// Reads the `special` object, rejecting a date given twice (a plain map
/// would silently keep the last).
#[cfg(feature = "serde")]
fn unique_dates<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<NaiveDate, Vec<OpenInterval>>, D::Error> {
    crate::serde_map::unique_keys(
        deserializer,
        "an object from dates to lists of opening intervals",
        |&date| CalendarError::DuplicateSpecialHours { date }.into(),
    )
}

/// The serde form of a whole calendar: a [`CalendarSpec`] with its
/// `time_zone`.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCalendar {
    pub(super) time_zone: super::Zone,
    week: WeekSchedule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    holidays: Vec<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_dates"
    )]
    special: BTreeMap<NaiveDate, Vec<OpenInterval>>,
}

#[cfg(feature = "serde")]
impl RawCalendar {
    pub(super) fn new(time_zone: super::Zone, spec: CalendarSpec) -> Self {
        let raw = RawSpec::from(spec);
        Self {
            time_zone,
            week: raw.week,
            holidays: raw.holidays,
            special: raw.special,
        }
    }

    pub(super) fn spec(self) -> Result<CalendarSpec, Error> {
        CalendarSpec::try_from(RawSpec {
            week: self.week,
            holidays: self.holidays,
            special: self.special,
        })
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RawSpec> for CalendarSpec {
    type Error = Error;
    fn try_from(raw: RawSpec) -> Result<Self, Error> {
        Self::new(raw.week)
            .with_holidays(raw.holidays)?
            .with_special_hours(raw.special)
    }
}

#[cfg(feature = "serde")]
impl From<CalendarSpec> for RawSpec {
    fn from(s: CalendarSpec) -> Self {
        Self {
            week: s.week,
            holidays: s.holidays,
            special: s.special,
        }
    }
}
