//! Business time on the local (wall-clock) time line, where every day has
//! 86 400 seconds: prefix sums over the week and the sorted exception dates
//! (holidays and special hours).
//!
//! Local instants are `i64` seconds since 1970-01-01T00:00 local; day `d`
//! covers `[d·86400, (d+1)·86400)`. Day 0 is a Thursday.

use chrono::{Datelike, NaiveDate};

use super::spec::{CalendarSpec, DAY, OpenInterval};

/// One date's opening intervals as `(start, end)` seconds from its local
/// midnight, sorted and disjoint; an overnight end exceeds 86 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Day {
    intervals: Vec<(i64, i64)>,
    /// Open seconds of all intervals (overnight ones in full).
    total: i64,
    /// Seconds the last interval runs into the next day.
    spill: i64,
}

static CLOSED: Day = Day {
    intervals: Vec::new(),
    total: 0,
    spill: 0,
};

impl Day {
    fn new(ivs: &[OpenInterval]) -> Self {
        let intervals: Vec<(i64, i64)> = ivs.iter().map(|iv| iv.local_seconds()).collect();
        let total = intervals.iter().fold(0_i64, |acc, &(s, e)| {
            acc.saturating_add(e.saturating_sub(s))
        });
        let spill = intervals
            .last()
            .map_or(0, |&(_, e)| e.saturating_sub(DAY).max(0));
        Self {
            intervals,
            total,
            spill,
        }
    }

    /// Open seconds of this day's intervals before second `x` of the day.
    #[inline]
    fn partial(&self, x: i64) -> i64 {
        let mut acc = 0_i64;
        for &(s, e) in &self.intervals {
            if s >= x {
                break;
            }
            acc = acc.saturating_add(e.min(x).saturating_sub(s));
        }
        acc
    }

    /// Counts `rem` open seconds from second `x` of the day: `Ok(second of
    /// the day where they are reached)` or `Err(seconds still to count)`.
    #[inline]
    fn consume(&self, x: i64, mut rem: i64) -> Result<i64, i64> {
        for &(s, e) in &self.intervals {
            if e <= x {
                continue;
            }
            let from = s.max(x);
            let avail = e.saturating_sub(from);
            if rem <= avail {
                return Ok(from.saturating_add(rem));
            }
            rem = rem.saturating_sub(avail);
        }
        Err(rem)
    }

    /// Whether second `x` of the day is inside one of its intervals.
    #[inline]
    fn contains(&self, x: i64) -> bool {
        self.intervals.iter().any(|&(s, e)| s <= x && x < e)
    }

    /// The first second `>= x` of the day inside one of its intervals.
    #[inline]
    fn next_open(&self, x: i64) -> Option<i64> {
        self.intervals
            .iter()
            .find(|&&(_, e)| e > x)
            .map(|&(s, _)| s.max(x))
    }
}

/// The outcome of a search on the local time line, bounded by a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Found at this local second (at or before the limit).
    Reached(i64),
    /// Not reached by the limit.
    Beyond,
    /// Never reached: the calendar has no open time left.
    Never,
}

/// The calendar's hours, compiled for arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Schedule {
    /// Monday first.
    week: [Day; 7],
    /// `week_prefix[i]` = open seconds of weekdays `0..i` (Monday = 0).
    week_prefix: [i64; 8],
    week_total: i64,
    /// Local day numbers with a holiday or special hours, sorted.
    exception_days: Vec<i64>,
    /// Their effective hours (a holiday is closed).
    exceptions: Vec<Day>,
    /// `exception_prefix[i]` = Σ over exceptions `0..i` of (its open
    /// seconds − its weekday's open seconds).
    exception_prefix: Vec<i64>,
    /// The last day with open time when the week itself has none.
    last_open_day: Option<i64>,
}

/// The local day number of a date (1970-01-01 is day 0).
pub(super) fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()).saturating_sub(719_163)
}

/// Monday = 0 for local day number `d`.
#[inline]
fn weekday_index(d: i64) -> usize {
    usize::try_from(d.saturating_add(3).rem_euclid(7)).unwrap_or(0)
}

impl Schedule {
    pub(super) fn new(spec: &CalendarSpec) -> Self {
        let week: [Day; 7] = std::array::from_fn(|i| Day::new(spec.week().intervals_of(i)));
        let mut week_prefix = [0_i64; 8];
        let mut acc = 0_i64;
        for (slot, day) in week_prefix.iter_mut().skip(1).zip(&week) {
            acc = acc.saturating_add(day.total);
            *slot = acc;
        }
        let mut exc: std::collections::BTreeMap<i64, Day> = spec
            .special()
            .map(|(date, ivs)| (day_number(date), Day::new(ivs)))
            .collect();
        // A holiday wins over special hours on the same date.
        for &date in spec.holidays() {
            exc.insert(day_number(date), CLOSED.clone());
        }
        let mut exception_prefix = Vec::with_capacity(exc.len().saturating_add(1));
        exception_prefix.push(0_i64);
        let mut running = 0_i64;
        let mut last_open_day = None;
        for (&d, day) in &exc {
            let usual = week.get(weekday_index(d)).map_or(0, |w| w.total);
            running = running.saturating_add(day.total.saturating_sub(usual));
            exception_prefix.push(running);
            if day.total > 0 {
                last_open_day = Some(d);
            }
        }
        let (exception_days, exceptions) = exc.into_iter().unzip();
        Self {
            week,
            week_prefix,
            week_total: acc,
            exception_days,
            exceptions,
            exception_prefix,
            last_open_day,
        }
    }

    /// Whether the calendar has any open time at all.
    pub(super) fn has_open_time(&self) -> bool {
        self.week_total > 0 || self.last_open_day.is_some()
    }

    /// Whether counting `rem` seconds needs more than a week of open time
    /// (false when the week has none: then only exception dates count).
    #[inline]
    pub(super) fn more_than_a_week(&self, rem: i64) -> bool {
        self.week_total > 0 && rem > self.week_total
    }

    /// Whether counting `rem` seconds needs more than `weeks` weeks of open
    /// time (false when the week has none).
    #[inline]
    pub(super) fn more_than_weeks(&self, rem: i64, weeks: i64) -> bool {
        self.week_total > 0 && rem > self.week_total.saturating_mul(weeks)
    }

    /// Index of the first exception on or after day `d`.
    #[inline]
    fn cursor(&self, d: i64) -> usize {
        self.exception_days.partition_point(|&x| x < d)
    }

    /// The hours of day `d`, given `p = cursor(d)`.
    #[inline]
    fn day_at(&self, d: i64, p: usize) -> &Day {
        if self.exception_days.get(p) == Some(&d) {
            self.exceptions.get(p).unwrap_or(&CLOSED)
        } else {
            self.week.get(weekday_index(d)).unwrap_or(&CLOSED)
        }
    }

    /// The hours of day `d - 1`, given `p = cursor(d)`.
    #[inline]
    fn day_before(&self, d: i64, p: usize) -> &Day {
        let prev = d.saturating_sub(1);
        match p.checked_sub(1) {
            Some(q) if self.exception_days.get(q) == Some(&prev) => {
                self.exceptions.get(q).unwrap_or(&CLOSED)
            }
            _ => self.week.get(weekday_index(prev)).unwrap_or(&CLOSED),
        }
    }

    /// Open seconds of the intervals starting on days before `d`, from an
    /// arbitrary fixed origin (only differences are meaningful); `p =
    /// cursor(d)`.
    #[inline]
    fn cumulative(&self, d: i64, p: usize) -> i64 {
        let q = d.saturating_add(3);
        let weeks = q.div_euclid(7).saturating_mul(self.week_total);
        let part = usize::try_from(q.rem_euclid(7))
            .ok()
            .and_then(|i| self.week_prefix.get(i))
            .copied()
            .unwrap_or(0);
        let exc = self.exception_prefix.get(p).copied().unwrap_or(0);
        weeks.saturating_add(part).saturating_add(exc)
    }

    /// Open local seconds before local second `l`, from an arbitrary fixed
    /// origin: `open(l1, l2) = f(l2) - f(l1)`.
    #[inline]
    pub(super) fn f(&self, l: i64) -> i64 {
        let d = l.div_euclid(DAY);
        let x = l.rem_euclid(DAY);
        let p = self.cursor(d);
        // The previous day's overnight interval is counted in full by
        // `cumulative`; take off the part still to come.
        let spill_left = self.day_before(d, p).spill.saturating_sub(x).max(0);
        self.cumulative(d, p)
            .saturating_sub(spill_left)
            .saturating_add(self.day_at(d, p).partial(x))
    }

    /// Whether local second `l` is open.
    #[inline]
    pub(super) fn is_open(&self, l: i64) -> bool {
        let d = l.div_euclid(DAY);
        let x = l.rem_euclid(DAY);
        let p = self.cursor(d);
        x < self.day_before(d, p).spill || self.day_at(d, p).contains(x)
    }

    /// The smallest local second `end <= limit` with `count > 0` open
    /// seconds in `[from, end)`.
    pub(super) fn add(&self, from: i64, count: i64, limit: i64) -> Step {
        let within = |end: i64| {
            if end <= limit {
                Step::Reached(end)
            } else {
                Step::Beyond
            }
        };
        let mut day = from.div_euclid(DAY);
        let mut second = from.rem_euclid(DAY);
        let mut rem = count;
        let mut cur = self.cursor(day);
        let spill = self.day_before(day, cur).spill;
        if second < spill {
            let avail = spill.saturating_sub(second);
            if rem <= avail {
                return within(from.saturating_add(rem));
            }
            rem = rem.saturating_sub(avail);
            second = spill;
        }
        match self.day_at(day, cur).consume(second, rem) {
            Ok(at) => return within(day.saturating_mul(DAY).saturating_add(at)),
            Err(left) => rem = left,
        }
        let last_day = limit.div_euclid(DAY);
        if self.exception_days.get(cur) == Some(&day) {
            cur = cur.saturating_add(1);
        }
        day = day.saturating_add(1);
        // Skip whole weeks with the prefix sums while more than a week of
        // open time remains.
        if self.week_total > 0 {
            let mut weeks = rem.saturating_sub(1).div_euclid(self.week_total);
            while weeks >= 1 {
                let room = last_day.saturating_sub(day).div_euclid(7);
                let jump = weeks.min(room);
                if jump < 1 {
                    break;
                }
                let to_day = day.saturating_add(jump.saturating_mul(7));
                let to_cur = self.cursor(to_day);
                let gained = self
                    .cumulative(to_day, to_cur)
                    .saturating_sub(self.cumulative(day, cur));
                if gained < rem {
                    rem = rem.saturating_sub(gained);
                    day = to_day;
                    cur = to_cur;
                    weeks = rem.saturating_sub(1).div_euclid(self.week_total);
                } else {
                    weeks = jump.div_euclid(2);
                }
            }
        }
        loop {
            if day > last_day {
                return Step::Beyond;
            }
            let hours = self.day_at(day, cur);
            if rem <= hours.total {
                if let Ok(at) = hours.consume(0, rem) {
                    return within(day.saturating_mul(DAY).saturating_add(at));
                }
            }
            rem = rem.saturating_sub(hours.total);
            if self.exception_days.get(cur) == Some(&day) {
                cur = cur.saturating_add(1);
            }
            day = day.saturating_add(1);
            if self.week_total == 0 {
                // Only exception dates can be open: jump to the next one.
                match self.exception_days.get(cur) {
                    Some(&next) if self.last_open_day.is_some_and(|last| next <= last) => {
                        day = next;
                    }
                    _ => return Step::Never,
                }
            }
        }
    }

    /// The first open local second `>= l` and `< limit`.
    pub(super) fn next_open(&self, l: i64, limit: i64) -> Step {
        let within = |l2: i64| {
            if l2 < limit {
                Step::Reached(l2)
            } else {
                Step::Beyond
            }
        };
        let mut d = l.div_euclid(DAY);
        let x = l.rem_euclid(DAY);
        let mut p = self.cursor(d);
        if x < self.day_before(d, p).spill {
            return within(l);
        }
        if let Some(at) = self.day_at(d, p).next_open(x) {
            return within(d.saturating_mul(DAY).saturating_add(at));
        }
        let last_day = limit.div_euclid(DAY);
        loop {
            if self.exception_days.get(p) == Some(&d) {
                p = p.saturating_add(1);
            }
            d = d.saturating_add(1);
            if self.week_total == 0 {
                match self.exception_days.get(p) {
                    Some(&next) if self.last_open_day.is_some_and(|last| next <= last) => d = next,
                    _ => return Step::Never,
                }
            }
            if d > last_day {
                return Step::Beyond;
            }
            if let Some(&(s, _)) = self.day_at(d, p).intervals.first() {
                return within(d.saturating_mul(DAY).saturating_add(s));
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "tests: small hand-picked values that cannot overflow"
)]
mod tests {
    use super::*;
    use crate::calendar::{OpenInterval, WeekSchedule};

    fn schedule(spec: &CalendarSpec) -> Schedule {
        Schedule::new(spec)
    }

    fn nine_to_five() -> CalendarSpec {
        CalendarSpec::new(WeekSchedule::mon_to_fri(
            OpenInterval::parse("09:00", "17:00").unwrap(),
        ))
    }

    /// Local second of `date` at `h:00`.
    fn at(y: i32, m: u32, d: u32, h: i64) -> i64 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap()) * DAY + h * 3600
    }

    #[test]
    fn day_numbers_and_weekdays() {
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        // 2024-03-04 is a Monday.
        let d = day_number(NaiveDate::from_ymd_opt(2024, 3, 4).unwrap());
        assert_eq!(weekday_index(d), 0);
        assert_eq!(weekday_index(-1), 2); // 1969-12-31 was a Wednesday
    }

    #[test]
    fn open_seconds_over_a_week_and_a_year() {
        let s = schedule(&nine_to_five());
        // Mon 2024-03-04 00:00 to Mon 03-11 00:00: 5 × 8 h.
        assert_eq!(s.f(at(2024, 3, 11, 0)) - s.f(at(2024, 3, 4, 0)), 40 * 3600);
        // Mon 10:00 to Mon 12:00 the same day: 2 h.
        assert_eq!(s.f(at(2024, 3, 4, 12)) - s.f(at(2024, 3, 4, 10)), 2 * 3600);
        // 2024 has 262 weekdays.
        assert_eq!(
            s.f(at(2025, 1, 1, 0)) - s.f(at(2024, 1, 1, 0)),
            262 * 8 * 3600
        );
    }

    #[test]
    fn add_skips_weeks_and_stops_at_closing_time() {
        let s = schedule(&nine_to_five());
        let far = at(2030, 1, 1, 0);
        // Mon 13:00 + 4 h = Mon 17:00 (the close).
        assert_eq!(
            s.add(at(2024, 3, 4, 13), 4 * 3600, far),
            Step::Reached(at(2024, 3, 4, 17))
        );
        // Mon 09:00 + 10 weeks of open time (400 h) = Fri 05-10 17:00.
        assert_eq!(
            s.add(at(2024, 3, 4, 9), 400 * 3600, far),
            Step::Reached(at(2024, 5, 10, 17))
        );
        // Not reached before the limit.
        assert_eq!(
            s.add(at(2024, 3, 4, 9), 400 * 3600, at(2024, 5, 1, 0)),
            Step::Beyond
        );
    }

    #[test]
    fn overnight_spill_is_counted_on_the_next_morning() {
        let spec = CalendarSpec::new(
            WeekSchedule::closed()
                .with_day(
                    chrono::Weekday::Sun,
                    [OpenInterval::parse("22:00", "06:00").unwrap()],
                )
                .unwrap(),
        );
        let s = schedule(&spec);
        // Sun 2024-03-03 22:00 .. Mon 03-04 06:00; Mon 03:00 is open.
        assert!(s.is_open(at(2024, 3, 4, 3)));
        assert!(!s.is_open(at(2024, 3, 4, 6)));
        assert_eq!(s.f(at(2024, 3, 4, 3)) - s.f(at(2024, 3, 3, 0)), 5 * 3600);
        assert_eq!(
            s.next_open(at(2024, 3, 4, 6), at(2030, 1, 1, 0)),
            Step::Reached(at(2024, 3, 10, 22))
        );
    }

    #[test]
    fn holidays_and_special_hours_shift_the_prefix_sums() {
        let date = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let spec = nine_to_five()
            .with_holidays([date(12, 25)])
            .unwrap()
            .with_special(
                date(12, 24),
                [OpenInterval::parse("09:00", "13:00").unwrap()],
            )
            .unwrap()
            .with_special(
                date(12, 28),
                [OpenInterval::parse("10:00", "12:00").unwrap()],
            )
            .unwrap();
        let s = schedule(&spec);
        // Mon 12-23 8 h, Tue 12-24 4 h, Wed 12-25 0, Thu 8 h, Fri 8 h, Sat 2 h.
        assert_eq!(
            s.f(at(2024, 12, 29, 0)) - s.f(at(2024, 12, 23, 0)),
            30 * 3600
        );
        // Tue 12:00 + 2 h: 1 h on the 24th, then Thu 10:00.
        assert_eq!(
            s.add(at(2024, 12, 24, 12), 2 * 3600, at(2030, 1, 1, 0)),
            Step::Reached(at(2024, 12, 26, 10))
        );
    }

    #[test]
    fn a_closed_week_with_one_special_date_runs_out() {
        let date = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let spec = CalendarSpec::new(WeekSchedule::closed())
            .with_special(date, [OpenInterval::parse("10:00", "11:00").unwrap()])
            .unwrap();
        let s = schedule(&spec);
        let far = at(2100, 1, 1, 0);
        assert_eq!(
            s.add(at(2024, 1, 1, 0), 3600, far),
            Step::Reached(at(2024, 6, 1, 11))
        );
        assert_eq!(s.add(at(2024, 1, 1, 0), 3601, far), Step::Never);
        assert_eq!(s.next_open(at(2024, 6, 1, 11), far), Step::Never);
        assert!(!schedule(&CalendarSpec::new(WeekSchedule::closed())).has_open_time());
    }
}
