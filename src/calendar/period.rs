//! Periods and windows: the crate's one model of "which day, week, month,
//! quarter or year" and of "the last 90 days" or "this month so far", in
//! any time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc,
};

use super::CalendarError;
use super::tz::{first_instant_at, local_of, monotone_local_of};
use crate::error::Error;

/// A calendar period: a local day, ISO week, month, quarter or year.
///
/// Periods are read on the wall clock of a time zone and start at the first
/// instant of their first local day (local midnight, or the end of a DST
/// gap that swallows midnight).
///
/// With `serde`: `"day"`, `"iso_week"`, `"month"`, `"quarter"`, `"year"`.
///
/// ```
/// use carekit::calendar::Period;
/// assert_eq!(Period::IsoWeek.to_string(), "iso week");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Period {
    /// A calendar day (`2024-03-04`).
    Day,
    /// An ISO 8601 week, Monday to Sunday, numbered within its ISO year
    /// (`2024-W10`; 2024-12-30 is in `2025-W01`).
    IsoWeek,
    /// A calendar month (`2024-03`).
    Month,
    /// A calendar quarter (`2024-Q1` = January to March).
    Quarter,
    /// A calendar year (`2024`).
    Year,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

impl Period {
    /// The period in words (`"iso week"`), as it displays.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::IsoWeek => "iso week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// The first local day of the period containing `date`, `None` only at
    /// chrono's first dates.
    fn first_day(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => Some(date),
            Period::IsoWeek => date.week(chrono::Weekday::Mon).checked_first_day(),
            Period::Month => date.with_day(1),
            Period::Quarter => {
                let first_month = (date.month0() / 3).saturating_mul(3).saturating_add(1);
                NaiveDate::from_ymd_opt(date.year(), first_month, 1)
            }
            Period::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
        }
    }

    /// The first local day of the next period after the one starting on
    /// `first`.
    fn next_first_day(self, first: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => first.checked_add_days(Days::new(1)),
            Period::IsoWeek => first.checked_add_days(Days::new(7)),
            Period::Month => first.checked_add_months(Months::new(1)),
            Period::Quarter => first.checked_add_months(Months::new(3)),
            Period::Year => first.checked_add_months(Months::new(12)),
        }
    }

    /// The first instant of the period containing `at`, on the wall clock
    /// of `tz`.
    ///
    /// ```
    /// use carekit::calendar::{Period, Zone};
    /// use chrono::{TimeZone, Utc};
    /// let berlin: Zone = "Europe/Berlin".parse()?;
    /// // 2024-03-31T22:30Z is 00:30 on 1 April in Berlin (CEST, +2): April
    /// // began at 2024-03-31T22:00Z.
    /// let at = Utc.with_ymd_and_hms(2024, 3, 31, 22, 30, 0).unwrap();
    /// assert_eq!(Period::Month.start_of(at, &berlin)?, Utc.with_ymd_and_hms(2024, 3, 31, 22, 0, 0).unwrap());
    /// // In UTC the same instant is still in March.
    /// assert_eq!(Period::Month.start_of(at, &Zone::UTC)?, Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] within hours of the ends of
    /// chrono's range, where the local date or the period's start does not
    /// exist.
    pub fn start_of<Tz: TimeZone>(
        self,
        at: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<DateTime<Utc>, Error> {
        PeriodKey::of(at, self, tz)?.start_instant(tz)
    }
}

/// The period an instant falls in, in a time zone: a breakdown key that
/// sorts chronologically and displays as `2024-03-04`, `2024-W10`,
/// `2024-03`, `2024-Q1` or `2024`.
///
/// With `serde` it reads and writes as that text.
///
/// # Example
///
/// ```
/// use carekit::calendar::{Period, PeriodKey, Zone};
/// use chrono::{TimeZone, Utc};
///
/// // Sunday 23:30 UTC is already Monday in UTC+2.
/// let at = Utc.with_ymd_and_hms(2024, 3, 10, 23, 30, 0).unwrap();
/// let plus2: Zone = "+02:00".parse()?;
/// assert_eq!(PeriodKey::of(at, Period::IsoWeek, &Utc)?.to_string(), "2024-W10");
/// assert_eq!(PeriodKey::of(at, Period::IsoWeek, &plus2)?.to_string(), "2024-W11");
/// assert_eq!(PeriodKey::of(at, Period::Quarter, &Utc)?.to_string(), "2024-Q1");
/// assert_eq!("2024-W11".parse::<PeriodKey>()?, PeriodKey::of(at, Period::IsoWeek, &plus2)?);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct PeriodKey {
    start: NaiveDate,
    period: Period,
}

impl PeriodKey {
    /// The period of `period` kind containing `at`, with `at` read as a
    /// local date in `tz`.
    ///
    /// ```
    /// use carekit::calendar::{Period, PeriodKey};
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 12, 30, 12, 0, 0).unwrap();
    /// let week = PeriodKey::of(at, Period::IsoWeek, &Utc)?;
    /// assert_eq!(week.to_string(), "2025-W01");
    /// assert_eq!(week.start(), NaiveDate::from_ymd_opt(2024, 12, 30).unwrap());
    /// assert_eq!(PeriodKey::of(at, Period::Month, &Utc)?.to_string(), "2024-12");
    /// assert_eq!(PeriodKey::of(at, Period::Year, &Utc)?.to_string(), "2024");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] when the local date (or the
    /// period's first day) lies outside the dates chrono represents, which
    /// happens only within hours of the ends of its range.
    pub fn of<Tz: TimeZone>(at: DateTime<Utc>, period: Period, tz: &Tz) -> Result<Self, Error> {
        let out = || CalendarError::PeriodOutOfRange {
            instant: at,
            period: period.words(),
        };
        let date = local_of(tz, at).ok_or_else(out)?.date();
        Self::containing(date, period).ok_or_else(|| out().into())
    }

    /// The period of `period` kind containing a local date; `None` when its
    /// first day is before chrono's first date.
    ///
    /// ```
    /// use carekit::calendar::{Period, PeriodKey};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 8, 15).unwrap();
    /// assert_eq!(PeriodKey::containing(d, Period::Quarter).unwrap().to_string(), "2024-Q3");
    /// assert_eq!(PeriodKey::containing(d, Period::Day).unwrap().to_string(), "2024-08-15");
    /// ```
    pub fn containing(date: NaiveDate, period: Period) -> Option<Self> {
        Some(Self {
            start: period.first_day(date)?,
            period,
        })
    }

    /// The kind of period.
    ///
    /// ```
    /// use carekit::calendar::{Period, PeriodKey};
    /// let key: PeriodKey = "2024-Q2".parse()?;
    /// assert_eq!(key.period(), Period::Quarter);
    /// assert_eq!("2024-W07".parse::<PeriodKey>()?.period(), Period::IsoWeek);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn period(&self) -> Period {
        self.period
    }

    /// The period's first local day (the Monday of an ISO week).
    ///
    /// ```
    /// use carekit::calendar::PeriodKey;
    /// use chrono::NaiveDate;
    /// let key: PeriodKey = "2024-Q2".parse()?;
    /// assert_eq!(key.start(), NaiveDate::from_ymd_opt(2024, 4, 1).unwrap());
    /// let week: PeriodKey = "2025-W01".parse()?; // ISO week 1 of 2025 starts in 2024
    /// assert_eq!(week.start(), NaiveDate::from_ymd_opt(2024, 12, 30).unwrap());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The period's first instant in `tz`: the first instant whose wall
    /// clock reads its first day's midnight or later.
    ///
    /// ```
    /// use carekit::calendar::{PeriodKey, Zone};
    /// use chrono::{TimeZone, Utc};
    /// let berlin: Zone = "Europe/Berlin".parse()?;
    /// let april: PeriodKey = "2024-04".parse()?;
    /// assert_eq!(april.start_instant(&berlin)?, Utc.with_ymd_and_hms(2024, 3, 31, 22, 0, 0).unwrap());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] at the ends of chrono's range.
    pub fn start_instant<Tz: TimeZone>(&self, tz: &Tz) -> Result<DateTime<Utc>, Error> {
        self.instant_of(self.start, tz)
    }

    /// The first instant of the next period in `tz` (the end of this one,
    /// exclusive).
    ///
    /// ```
    /// use carekit::calendar::{PeriodKey, Zone};
    /// use chrono::{TimeZone, Utc};
    /// let q1: PeriodKey = "2024-Q1".parse()?;
    /// assert_eq!(q1.end_instant(&Zone::UTC)?, Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] at the ends of chrono's range.
    pub fn end_instant<Tz: TimeZone>(&self, tz: &Tz) -> Result<DateTime<Utc>, Error> {
        let next = self.period.next_first_day(self.start).ok_or_else(|| {
            Error::from(CalendarError::PeriodOutOfRange {
                instant: DateTime::<Utc>::MAX_UTC,
                period: self.period.words(),
            })
        })?;
        self.instant_of(next, tz)
    }

    /// The next period of the same kind.
    ///
    /// ```
    /// use carekit::calendar::PeriodKey;
    /// let dec: PeriodKey = "2024-12".parse()?;
    /// assert_eq!(dec.next().map(|k| k.to_string()), Some("2025-01".to_owned()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn next(&self) -> Option<Self> {
        Some(Self {
            start: self.period.next_first_day(self.start)?,
            period: self.period,
        })
    }

    fn instant_of<Tz: TimeZone>(self, day: NaiveDate, tz: &Tz) -> Result<DateTime<Utc>, Error> {
        first_instant_at(tz, day.and_time(chrono::NaiveTime::MIN)).ok_or_else(|| {
            CalendarError::PeriodOutOfRange {
                instant: day.and_time(chrono::NaiveTime::MIN).and_utc(),
                period: self.period.words(),
            }
            .into()
        })
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.start;
        match self.period {
            Period::Day => write!(f, "{}", d.format("%Y-%m-%d")),
            Period::IsoWeek => {
                let w = d.iso_week();
                write!(f, "{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Period::Quarter => write!(f, "{:04}-Q{}", d.year(), (d.month0() / 3).saturating_add(1)),
            Period::Year => write!(f, "{:04}", d.year()),
        }
    }
}

impl FromStr for PeriodKey {
    type Err = Error;

    /// Parses `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::from(CalendarError::InvalidPeriodKey {
                value: s.to_owned(),
            })
        };
        let (year, rest) = s.split_once('-').unwrap_or((s, ""));
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number = |t: &str| -> Option<u32> {
            (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let key = |start: Option<NaiveDate>, period| start.map(|start| Self { start, period });
        let key = if !s.contains('-') {
            key(NaiveDate::from_ymd_opt(year, 1, 1), Period::Year)
        } else if let Some(w) = rest.strip_prefix('W') {
            let week = number(w).filter(|_| w.len() == 2).ok_or_else(bad)?;
            key(
                NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon),
                Period::IsoWeek,
            )
        } else if let Some(q) = rest.strip_prefix('Q') {
            let quarter = number(q)
                .filter(|&n| q.len() == 1 && (1..=4).contains(&n))
                .ok_or_else(bad)?;
            let month = quarter
                .saturating_sub(1)
                .saturating_mul(3)
                .saturating_add(1);
            key(NaiveDate::from_ymd_opt(year, month, 1), Period::Quarter)
        } else if let Some((m, d)) = rest.split_once('-') {
            let (m, d) = (
                number(m).filter(|_| m.len() == 2),
                number(d).filter(|_| d.len() == 2),
            );
            key(
                m.zip(d)
                    .and_then(|(m, d)| NaiveDate::from_ymd_opt(year, m, d)),
                Period::Day,
            )
        } else {
            key(
                number(rest)
                    .filter(|_| rest.len() == 2)
                    .and_then(|m| NaiveDate::from_ymd_opt(year, m, 1)),
                Period::Month,
            )
        };
        key.ok_or_else(bad)
    }
}

impl TryFrom<String> for PeriodKey {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<PeriodKey> for String {
    fn from(k: PeriodKey) -> String {
        k.to_string()
    }
}

/// A length of time for rolling windows and grace periods: whole days of
/// 24 hours, or calendar months.
///
/// With the `serde` feature: `{"days": 90}` or `{"months": 12}`.
///
/// ```
/// use carekit::calendar::Span;
/// assert_eq!(Span::Months(12).to_string(), "12 months");
/// assert_eq!(Span::Days(1).to_string(), "1 day");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Span {
    /// Whole days of 24 hours.
    Days(u32),
    /// Calendar months.
    Months(u32),
}

impl Span {
    /// The number of days or months.
    ///
    /// ```
    /// use carekit::calendar::Span;
    /// assert_eq!(Span::Days(90).count(), 90);
    /// ```
    pub fn count(self) -> u32 {
        match self {
            Span::Days(n) | Span::Months(n) => n,
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Span::Days(1) => "day",
            Span::Days(_) => "days",
            Span::Months(1) => "month",
            Span::Months(_) => "months",
        }
    }

    /// Shortest possible length in days (a month is at least 28 days).
    pub(crate) fn min_days(self) -> u64 {
        match self {
            Span::Days(n) => u64::from(n),
            Span::Months(n) => u64::from(n).saturating_mul(28),
        }
    }

    /// Longest possible length in days (a month is at most 31 days).
    pub(crate) fn max_days(self) -> u64 {
        match self {
            Span::Days(n) => u64::from(n),
            Span::Months(n) => u64::from(n).saturating_mul(31),
        }
    }

    /// The local wall-clock reading `self` before `local`. Days are 24 h of
    /// wall-clock time here; months follow the calendar, and a day that the
    /// earlier month does not have (31 March − 1 month) moves to the first
    /// instant of the following month (1 March 00:00), so the result never
    /// goes backwards as `local` advances.
    fn before_local(self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        match self {
            Span::Days(n) => local.checked_sub_days(Days::new(u64::from(n))),
            Span::Months(n) => {
                let date = local.date();
                let first = date.with_day(1)?.checked_sub_months(Months::new(n))?;
                match first.with_day(date.day()) {
                    Some(same_day) => Some(same_day.and_time(local.time())),
                    None => Some(
                        first
                            .checked_add_months(Months::new(1))?
                            .and_time(chrono::NaiveTime::MIN),
                    ),
                }
            }
        }
    }
}

/// The smallest local reading whose `n`-month window start is after
/// `local`: the same day and time `n` months later, one nanosecond on; if
/// that month has no such day, the first instant of the month after it.
/// Every earlier reading starts the window at or before `local`.
fn months_after_local(n: u32, local: NaiveDateTime) -> Option<NaiveDateTime> {
    let date = local.date();
    let target = date.with_day(1)?.checked_add_months(Months::new(n))?;
    match target.with_day(date.day()) {
        Some(same_day) => same_day
            .and_time(local.time())
            .checked_add_signed(TimeDelta::nanoseconds(1)),
        None => Some(
            target
                .checked_add_months(Months::new(1))?
                .and_time(chrono::NaiveTime::MIN),
        ),
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.count(), self.unit())
    }
}

/// A window of time ending at an instant of evaluation: the last `span`
/// (rolling), or the calendar period so far.
///
/// | window | start for evaluation at `t` |
/// |---|---|
/// | `Rolling(Days(n))` | `t − n × 24 h` |
/// | `Rolling(Months(n))` | the same local date and time `n` months earlier; if that month has no such day, the first instant of the month after it |
/// | `Calendar(period)` | the first instant of the period containing `t` |
///
/// Local readings are taken in the zone the window is evaluated in, and
/// resolve by the crate's one rule: the first instant at which the wall
/// clock reads that time or later (so a time in a DST gap starts when the
/// gap ends, and a repeated time at its earlier instant). The start never
/// moves backwards as `t` advances — not at month ends (31 March − 1
/// month starts 1 March 00:00; 29 February 2024 − 12 months starts 1 March
/// 2023 00:00), and not in a fall-back hour, where a month-rolling window
/// holds the start it had when the clocks went back.
///
/// With the `serde` feature: `{"rolling": {"days": 90}}` or
/// `{"calendar": "month"}`.
///
/// ```
/// use carekit::calendar::{Period, Span, Window, Zone};
/// use chrono::{TimeZone, Utc};
///
/// let t = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
/// let month = Window::Rolling(Span::Months(1));
/// assert_eq!(month.start(t(2024, 3, 31, 12), &Zone::UTC)?, t(2024, 3, 1, 0));
/// assert_eq!(month.start(t(2024, 3, 29, 12), &Zone::UTC)?, t(2024, 2, 29, 12));
/// let quota = Window::Calendar(Period::Month);
/// assert_eq!(quota.start(t(2024, 3, 31, 22), &"Europe/Berlin".parse::<Zone>()?)?, t(2024, 3, 31, 22));
/// assert_eq!(quota.to_string(), "calendar month");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Window {
    /// The last `span` up to the instant of evaluation.
    Rolling(Span),
    /// The calendar period containing the instant of evaluation, so far.
    Calendar(Period),
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Rolling(s) => write!(f, "rolling {s}"),
            Window::Calendar(p) => write!(f, "calendar {p}"),
        }
    }
}

impl Window {
    /// The window's first instant when evaluated at `at` in `tz`
    /// (non-decreasing in `at`).
    ///
    /// ```
    /// use carekit::calendar::{Span, Window, Zone};
    /// use chrono::{TimeZone, Utc};
    /// let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// let year = Window::Rolling(Span::Months(12));
    /// assert_eq!(year.start(t(2024, 2, 29), &Zone::UTC)?, t(2023, 3, 1));
    /// assert_eq!(Window::Rolling(Span::Days(90)).start(t(2024, 3, 31), &Zone::UTC)?, t(2024, 1, 1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] when the start would lie before
    /// the first instant chrono represents.
    pub fn start<Tz: TimeZone>(&self, at: DateTime<Utc>, tz: &Tz) -> Result<DateTime<Utc>, Error> {
        match *self {
            Window::Calendar(period) => period.start_of(at, tz),
            Window::Rolling(span) => {
                let out = || {
                    Error::from(CalendarError::PeriodOutOfRange {
                        instant: at,
                        period: Period::Day.words(),
                    })
                };
                match span {
                    // Elapsed time: no wall clock involved.
                    Span::Days(n) => at
                        .checked_sub_signed(TimeDelta::try_days(i64::from(n)).ok_or_else(out)?)
                        .ok_or_else(out),
                    Span::Months(_) => {
                        let local = monotone_local_of(tz, at).ok_or_else(out)?;
                        let start = span.before_local(local).ok_or_else(out)?;
                        first_instant_at(tz, start).ok_or_else(out)
                    }
                }
            }
        }
    }

    /// Whether `event` lies in the window evaluated at `at`: the start
    /// inclusive, `at` inclusive.
    ///
    /// ```
    /// use carekit::calendar::{Span, Window, Zone};
    /// use chrono::{TimeZone, Utc};
    /// let t = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
    /// let w = Window::Rolling(Span::Months(1));
    /// // Bought 31 January at noon; on 29 February at noon the window
    /// // starts 29 January at noon, so it still counts ...
    /// assert!(w.contains(t(2024, 1, 31, 12), t(2024, 2, 29, 12), &Zone::UTC)?);
    /// // ... and from 1 March 00:00 (window start 1 February) it does not.
    /// assert!(!w.contains(t(2024, 1, 31, 12), t(2024, 3, 1, 0), &Zone::UTC)?);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`start`](Self::start).
    pub fn contains<Tz: TimeZone>(
        &self,
        event: DateTime<Utc>,
        at: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<bool, Error> {
        Ok(self.start(at, tz)? <= event && event <= at)
    }

    /// The instant `event` leaves the window: the first instant of
    /// evaluation whose window start is after `event`. From then on
    /// [`contains`](Self::contains) is false for it, and since the start
    /// never moves backwards it stays false: an event enters the window at
    /// its instant and leaves it once, here.
    ///
    /// | window | exit of `event` |
    /// |---|---|
    /// | `Rolling(Days(n))` | `event + n × 24 h`, one nanosecond on |
    /// | `Rolling(Months(n))` | the wall-clock reading of `event` `n` months later, one nanosecond on; if that month has no such day, the first instant of the month after it |
    /// | `Calendar(period)` | the first instant of the next period |
    ///
    /// Local readings resolve as for [`start`](Self::start); in a fall-back
    /// hour `event` reads as the largest reading the clock has shown by
    /// then.
    ///
    /// ```
    /// use carekit::calendar::{Period, Span, Window, Zone};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let t = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
    /// let month = Window::Rolling(Span::Months(1));
    /// // Bought 31 January 2024 at noon: February has no 31st, and on
    /// // 29 February the window starts 29 January; on 1 March 00:00 it
    /// // starts 1 February, after the purchase.
    /// let exit = month.exit(t(2024, 1, 31, 12), &Zone::UTC)?;
    /// assert_eq!(exit, t(2024, 3, 1, 0));
    /// assert!(month.contains(t(2024, 1, 31, 12), exit - TimeDelta::nanoseconds(1), &Zone::UTC)?);
    /// assert!(!month.contains(t(2024, 1, 31, 12), exit, &Zone::UTC)?);
    /// // Bought 15 January at noon: it leaves a nanosecond after 15 February noon.
    /// assert_eq!(month.exit(t(2024, 1, 15, 12), &Zone::UTC)?, t(2024, 2, 15, 12) + TimeDelta::nanoseconds(1));
    /// let year = Window::Calendar(Period::Year);
    /// assert_eq!(year.exit(t(2024, 7, 1, 0), &Zone::UTC)?, t(2025, 1, 1, 0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`] when the exit (or the local
    /// reading of `event`) lies outside the instants chrono represents.
    pub fn exit<Tz: TimeZone>(
        &self,
        event: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<DateTime<Utc>, Error> {
        let out = |period| {
            Error::from(CalendarError::PeriodOutOfRange {
                instant: event,
                period,
            })
        };
        match *self {
            Window::Calendar(period) => PeriodKey::of(event, period, tz)?.end_instant(tz),
            Window::Rolling(Span::Days(n)) => TimeDelta::try_days(i64::from(n))
                .and_then(|d| d.checked_add(&TimeDelta::nanoseconds(1)))
                .and_then(|d| event.checked_add_signed(d))
                .ok_or_else(|| out(Period::Day.words())),
            Window::Rolling(Span::Months(n)) => {
                // The window starts after `event` once its local start reads
                // after the largest reading shown by `event`. That is the
                // monotone reading, except in a fall-back repeat, where the
                // monotone reading is the instant of the change under the
                // old offset and the clock showed up to a nanosecond less:
                // try that first, and keep it if the start agrees.
                let shown = monotone_local_of(tz, event).ok_or_else(|| out(Period::Day.words()))?;
                let exit_after = |reading: NaiveDateTime| {
                    months_after_local(n, reading).and_then(|l| first_instant_at(tz, l))
                };
                let late = exit_after(shown).ok_or_else(|| out(Period::Day.words()))?;
                match shown
                    .checked_sub_signed(TimeDelta::nanoseconds(1))
                    .and_then(exit_after)
                {
                    Some(early) if early < late && self.start(early, tz)? > event => Ok(early),
                    _ => Ok(late),
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::calendar::Zone;

    fn t(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
    }

    #[test]
    fn period_keys_round_trip_through_text() {
        for s in [
            "2024-03-04",
            "2024-W10",
            "2020-W53",
            "2024-03",
            "2024-Q4",
            "2024",
        ] {
            let k: PeriodKey = s.parse().unwrap();
            assert_eq!(k.to_string(), s);
        }
        for bad in [
            "202",
            "2024-W54",
            "2021-W53",
            "2024-Q5",
            "2024-Q01",
            "2024-3",
            "24-03",
            "2024-02-30",
            "2024-W1",
            "20245",
        ] {
            assert!(bad.parse::<PeriodKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn quarter_month_and_week_starts() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
        let start = |p| PeriodKey::containing(d, p).unwrap().start();
        assert_eq!(
            start(Period::Quarter),
            NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()
        );
        assert_eq!(
            start(Period::Month),
            NaiveDate::from_ymd_opt(2024, 11, 1).unwrap()
        );
        assert_eq!(
            start(Period::Year),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
        // 2024-11-30 is a Saturday; its ISO week starts Monday 2024-11-25.
        assert_eq!(
            start(Period::IsoWeek),
            NaiveDate::from_ymd_opt(2024, 11, 25).unwrap()
        );
    }

    #[test]
    fn periods_at_the_ends_of_chronos_range_are_named_errors() {
        // Regression: `PeriodKey::of(MIN_UTC, _, UTC−1)` once panicked in
        // chrono and later clamped; now it is an error naming the instant.
        let west = Zone::fixed(chrono::FixedOffset::west_opt(3600).unwrap());
        let east = Zone::fixed(chrono::FixedOffset::east_opt(3600).unwrap());
        for (at, tz) in [
            (DateTime::<Utc>::MIN_UTC, west),
            (DateTime::<Utc>::MAX_UTC, east),
        ] {
            let err = PeriodKey::of(at, Period::Day, &tz).unwrap_err();
            assert!(matches!(
                err,
                Error::Calendar(CalendarError::PeriodOutOfRange { instant, .. }) if instant == at
            ));
        }
        // Inside the range the local date is used as before.
        let inside = PeriodKey::of(DateTime::<Utc>::MAX_UTC, Period::Day, &west).unwrap();
        assert_eq!(inside.start(), NaiveDate::MAX);
    }

    #[test]
    fn rolling_months_start_at_the_first_of_the_next_month_when_the_day_is_missing() {
        let w = Window::Rolling(Span::Months(1));
        let utc = Zone::UTC;
        // 31 March − 1 month: February has no 31st → 1 March 00:00.
        assert_eq!(
            w.start(t(2023, 3, 31, 18, 0), &utc).unwrap(),
            t(2023, 3, 1, 0, 0)
        );
        // 28 March 18:00 − 1 month = 28 February 18:00; 29 March 00:00 →
        // 1 March 00:00 (2023 is not a leap year): later, not earlier.
        assert_eq!(
            w.start(t(2023, 3, 28, 18, 0), &utc).unwrap(),
            t(2023, 2, 28, 18, 0)
        );
        assert_eq!(
            w.start(t(2023, 3, 29, 0, 0), &utc).unwrap(),
            t(2023, 3, 1, 0, 0)
        );
        // 29 February 2024 − 12 months → 1 March 2023 00:00.
        let y = Window::Rolling(Span::Months(12));
        assert_eq!(
            y.start(t(2024, 2, 29, 12, 0), &utc).unwrap(),
            t(2023, 3, 1, 0, 0)
        );
    }

    /// The first instant whose window start is after `event`, by bisection
    /// on `start` alone (which is non-decreasing): an oracle for `exit`.
    #[allow(
        clippy::arithmetic_side_effects,
        clippy::trivially_copy_pass_by_ref,
        reason = "tests: instants well inside the range"
    )]
    fn exit_by_bisection(w: Window, event: DateTime<Utc>, tz: &Zone) -> DateTime<Utc> {
        let (mut lo, mut hi) = (event, event + TimeDelta::days(400));
        assert!(w.start(lo, tz).unwrap() <= event);
        assert!(w.start(hi, tz).unwrap() > event);
        while hi - lo > TimeDelta::nanoseconds(1) {
            let mid = lo + (hi - lo) / 2;
            if w.start(mid, tz).unwrap() > event {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    #[allow(
        clippy::arithmetic_side_effects,
        clippy::trivially_copy_pass_by_ref,
        reason = "tests: instants well inside the range"
    )]
    fn exits_agree_with_bisection(tz: &Zone) {
        let windows = [
            Window::Rolling(Span::Months(1)),
            Window::Rolling(Span::Months(12)),
            Window::Rolling(Span::Months(3)),
            Window::Rolling(Span::Days(90)),
            Window::Calendar(Period::Month),
            Window::Calendar(Period::Year),
        ];
        // Every 13 hours (and a few seconds) through 2023 and 2024, plus
        // the last instants of each month and midnight of its last days.
        let mut events: Vec<DateTime<Utc>> = (0..1350)
            .map(|k| t(2023, 1, 1, 0, 0) + TimeDelta::seconds(k * (13 * 3600 + 7)))
            .collect();
        // Two hours either side of the 2023 and 2024 DST changes of Berlin
        // and New York, every 7 minutes (and some seconds).
        for change in [
            t(2023, 3, 26, 1, 0),
            t(2023, 10, 29, 1, 0),
            t(2024, 3, 31, 1, 0),
            t(2024, 10, 27, 1, 0),
            t(2023, 3, 12, 7, 0),
            t(2023, 11, 5, 6, 0),
            t(2024, 3, 10, 7, 0),
            t(2024, 11, 3, 6, 0),
        ] {
            events.extend((-17..=17).map(|k| change + TimeDelta::seconds(k * (7 * 60 + 3))));
            events.push(change - TimeDelta::nanoseconds(1));
            events.push(change);
        }
        for y in [2023, 2024] {
            for m in 1..=12 {
                let next = if m == 12 {
                    t(y + 1, 1, 1, 0, 0)
                } else {
                    t(y, m + 1, 1, 0, 0)
                };
                events.push(next - TimeDelta::nanoseconds(1));
                for back in 1..=3 {
                    events.push(next - TimeDelta::days(back));
                }
            }
        }
        for w in windows {
            for &e in &events {
                let exit = w.exit(e, tz).unwrap();
                assert_eq!(exit, exit_by_bisection(w, e, tz), "{w} exit of {e} in {tz}");
                assert!(w.contains(e, exit - TimeDelta::nanoseconds(1), tz).unwrap());
                assert!(!w.contains(e, exit, tz).unwrap());
            }
        }
    }

    #[test]
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "tests: instants well inside the range"
    )]
    fn exits_are_the_first_instant_whose_start_is_after_the_event() {
        exits_agree_with_bisection(&Zone::UTC);
        exits_agree_with_bisection(&"-03:30".parse().unwrap());
        // The issue's case: bought 2024-01-31T12:00, a rolling month: still
        // counted on 29 February at noon (start 29 January noon), gone on
        // 1 March 00:00 (start 1 February 00:00).
        let w = Window::Rolling(Span::Months(1));
        assert_eq!(
            w.exit(t(2024, 1, 31, 12, 0), &Zone::UTC).unwrap(),
            t(2024, 3, 1, 0, 0)
        );
        // 29 February 2024 in a rolling year: 2025 has no 29 February, so
        // it leaves on 1 March 2025 00:00.
        let y = Window::Rolling(Span::Months(12));
        assert_eq!(
            y.exit(t(2024, 2, 29, 12, 0), &Zone::UTC).unwrap(),
            t(2025, 3, 1, 0, 0)
        );
        // 90 days: 2024-01-11 + 90 days = 2024-04-10 (20 + 29 + 31 + 10),
        // one nanosecond on.
        assert_eq!(
            Window::Rolling(Span::Days(90))
                .exit(t(2024, 1, 11, 0, 0), &Zone::UTC)
                .unwrap(),
            t(2024, 4, 10, 0, 0) + TimeDelta::nanoseconds(1)
        );
        // At the end of chrono's range there is no exit to name.
        assert!(matches!(
            y.exit(DateTime::<Utc>::MAX_UTC, &Zone::UTC),
            Err(Error::Calendar(CalendarError::PeriodOutOfRange { .. }))
        ));
    }

    #[cfg(feature = "tz")]
    #[test]
    fn exits_agree_with_bisection_across_dst() {
        exits_agree_with_bisection(&"Europe/Berlin".parse().unwrap());
        exits_agree_with_bisection(&"America/New_York".parse().unwrap());
    }

    #[cfg(feature = "tz")]
    #[test]
    fn a_berlin_month_starts_at_local_midnight_across_dst() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        // 2024-03-31T22:30Z is 00:30 CEST on 1 April: April started at
        // 22:00Z; the 30th of March 23:30Z is 00:30 CET on the 31st, still
        // March, which started at 2024-02-29T23:00Z (CET, +1).
        let april = Window::Calendar(Period::Month);
        assert_eq!(
            april.start(t(2024, 3, 31, 22, 30), &berlin).unwrap(),
            t(2024, 3, 31, 22, 0)
        );
        assert_eq!(
            april.start(t(2024, 3, 30, 23, 30), &berlin).unwrap(),
            t(2024, 2, 29, 23, 0)
        );
    }

    #[cfg(feature = "tz")]
    #[test]
    fn a_rolling_month_does_not_move_back_in_the_repeated_hour() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        let w = Window::Rolling(Span::Months(1));
        // Clocks go back at 01:00Z on 2024-10-27. Before: 00:50Z reads
        // 02:50 CEST → start 27 September 02:50 CEST = 00:50Z.
        let before = w.start(t(2024, 10, 27, 0, 50), &berlin).unwrap();
        assert_eq!(before, t(2024, 9, 27, 0, 50));
        // During the second 02:xx (01:20Z) the start holds at 27 September
        // 03:00 CEST = 01:00Z instead of going back to 00:20Z.
        let during = w.start(t(2024, 10, 27, 1, 20), &berlin).unwrap();
        assert_eq!(during, t(2024, 9, 27, 1, 0));
        let mut last = w.start(t(2024, 10, 26, 23, 0), &berlin).unwrap();
        for minute in 0..=180 {
            let at = t(2024, 10, 26, 23, 0) + TimeDelta::minutes(minute);
            let s = w.start(at, &berlin).unwrap();
            assert!(s >= last, "start went back at {at}");
            last = s;
        }
    }
}
