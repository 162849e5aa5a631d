//! [`BusinessCalendar`]: a [`CalendarSpec`] placed in a time zone.

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::schedule::{Schedule, Step};
use super::zone::{self, SUPPORTED_FIRST, SUPPORTED_LAST, ZoneCache};
use super::{CalendarError, CalendarSpec, ElapsedTime};
use crate::error::Error;

/// Nanoseconds per second.
const NANOS: u32 = 1_000_000_000;

/// Business hours in a time zone: answers "when is this due" ([`add`]) and
/// "how much business time passed" ([`between`]).
///
/// `Tz` is any chrono [`TimeZone`]: [`Utc`], [`FixedOffset`], an IANA
/// zone such as `chrono_tz::Tz`, or carekit's own [`Zone`](super::Zone)
/// (see [`Calendar`], the whole calendar as one value). See the [module page](super) for the exact
/// rules (closing times, DST, holidays) and the cost model.
///
/// Clones share the memoised offset table of the zone and the memoised
/// open time of each stretch of about a year, so that spans of years cost
/// little more than spans of weeks, in any zone.
///
/// ```
/// use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
/// let cal = BusinessCalendar::new(Utc, CalendarSpec::new(week))?;
/// // Friday 16:00 + 2 business hours: one hour on Friday, one on Monday.
/// let fri = Utc.with_ymd_and_hms(2024, 3, 8, 16, 0, 0).unwrap();
/// let due = cal.add(fri, TimeDelta::hours(2))?;
/// assert_eq!(due, Utc.with_ymd_and_hms(2024, 3, 11, 10, 0, 0).unwrap());
/// assert_eq!(cal.between(fri, due)?, TimeDelta::hours(2));
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// [`add`]: Self::add
/// [`between`]: Self::between
/// [`FixedOffset`]: chrono::FixedOffset
#[derive(Clone)]
pub struct BusinessCalendar<Tz: TimeZone> {
    tz: Tz,
    spec: CalendarSpec,
    schedule: Schedule,
    zone: ZoneCache,
    open: OpenIndex,
}

/// Spans longer than this (real seconds) are counted with the
/// [`OpenIndex`] rather than by walking every offset stretch.
const LONG_SPAN: i64 = 60 * 86_400;

/// Counts of more than this many weeks of open time skip whole blocks
/// with the [`OpenIndex`] before walking.
const LONG_WEEKS: i64 = 8;

/// Open seconds per memoised block of UTC time (about 388 days), with the
/// running count at each offset change inside the block, built per
/// calendar on first use and shared by clones. A long span then skips
/// whole blocks and finds the stretch it ends in by binary search, instead
/// of walking every offset stretch (two a year in a DST zone).
#[derive(Clone)]
struct OpenIndex {
    blocks: Arc<[OnceLock<BlockOpen>]>,
}

impl OpenIndex {
    fn new() -> Self {
        Self {
            blocks: (0..zone::BLOCKS).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// The open time of one block.
#[derive(Debug)]
struct BlockOpen {
    /// `(instant, open seconds from the block's start to it)`: the block's
    /// start first, then each offset change inside the block.
    points: Vec<(i64, i64)>,
    /// Open seconds in the whole block.
    total: i64,
}

impl<Tz: TimeZone + fmt::Debug> fmt::Debug for BusinessCalendar<Tz> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BusinessCalendar")
            .field("tz", &self.tz)
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

impl<Tz: TimeZone + PartialEq> PartialEq for BusinessCalendar<Tz> {
    fn eq(&self, other: &Self) -> bool {
        self.tz == other.tz && self.spec == other.spec
    }
}

impl<Tz: TimeZone + Eq> Eq for BusinessCalendar<Tz> {}

/// A business calendar in a [`Zone`](super::Zone): the calendar as a whole
/// value, as configuration files, conformance vectors and SQL functions
/// give it.
///
/// With the `serde` feature it reads and writes as its
/// [`CalendarSpec`] with the zone beside it (IANA names need the `tz`
/// feature):
///
/// ```json
/// {"time_zone": "America/New_York",
///  "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
///  "holidays": ["2024-12-25"],
///  "special": {"2024-12-24": [["09:00", "13:00"]]}}
/// ```
///
/// ```
/// use carekit::calendar::Calendar;
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let desk: Calendar = serde_json::from_str(r#"{
///     "time_zone": "Europe/Berlin",
///     "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}
/// }"#)?;
/// // Monday 2024-03-04 16:00 CET (15:00Z) + 2 h: 1 h Monday, 1 h Tuesday.
/// let due = desk.add(Utc.with_ymd_and_hms(2024, 3, 4, 15, 0, 0).unwrap(), TimeDelta::hours(2))?;
/// assert_eq!(due, Utc.with_ymd_and_hms(2024, 3, 5, 9, 0, 0).unwrap());
/// assert_eq!(desk.time_zone().to_string(), "Europe/Berlin");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type Calendar = BusinessCalendar<super::Zone>;

#[cfg(feature = "serde")]
impl serde::Serialize for BusinessCalendar<super::Zone> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::spec::RawCalendar::new(self.tz, self.spec.clone()).serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for BusinessCalendar<super::Zone> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = super::spec::RawCalendar::deserialize(deserializer)?;
        let zone = raw.time_zone;
        raw.spec()
            .and_then(|spec| BusinessCalendar::new(zone, spec))
            .map_err(serde::de::Error::custom)
    }
}

/// Splits an instant into whole seconds and nanoseconds.
fn split(t: DateTime<Utc>) -> (i64, u32) {
    (t.timestamp(), t.timestamp_subsec_nanos())
}

fn instant(secs: i64, nanos: u32) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, nanos)
}

/// `Ok` when business calendars answer for `t`, else
/// [`CalendarError::OutsideSupportedRange`] naming it.
fn supported(t: DateTime<Utc>) -> Result<(), Error> {
    let (secs, nanos) = split(t);
    if !(SUPPORTED_FIRST..=SUPPORTED_LAST).contains(&secs) || (secs == SUPPORTED_LAST && nanos > 0)
    {
        return Err(CalendarError::OutsideSupportedRange { instant: t }.into());
    }
    Ok(())
}

/// Why a whole-second computation stopped.
enum Stop {
    NoOpenTime,
    OutOfRange,
}

/// A deadline found by the engine, if it is within the supported range.
fn within(end: i64) -> Result<i64, Stop> {
    if end > SUPPORTED_LAST {
        Err(Stop::OutOfRange)
    } else {
        Ok(end)
    }
}

impl<Tz: TimeZone> BusinessCalendar<Tz> {
    /// The calendar `spec` in time zone `tz`.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, WeekSchedule};
    /// use chrono::FixedOffset;
    /// let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    /// let cal = BusinessCalendar::new(tz, CalendarSpec::new(WeekSchedule::closed()))?;
    /// assert_eq!(cal.time_zone(), &tz);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None today: a [`CalendarSpec`] is validated when it is built. The
    /// `Result` leaves room for zone-dependent checks without a breaking
    /// change.
    pub fn new(tz: Tz, spec: CalendarSpec) -> Result<Self, Error> {
        Ok(Self {
            schedule: Schedule::new(&spec),
            tz,
            spec,
            zone: ZoneCache::new(),
            open: OpenIndex::new(),
        })
    }

    /// The time zone.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, WeekSchedule};
    /// let cal = BusinessCalendar::new(chrono::Utc, CalendarSpec::new(WeekSchedule::closed()))?;
    /// assert_eq!(cal.time_zone(), &chrono::Utc);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn time_zone(&self) -> &Tz {
        &self.tz
    }

    /// The zone-free description.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, WeekSchedule};
    /// let cal = BusinessCalendar::new(chrono::Utc, CalendarSpec::new(WeekSchedule::closed()))?;
    /// assert!(cal.spec().week().is_closed());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    /// The deadline: the earliest instant by which `duration` of business
    /// time has elapsed since `start`.
    ///
    /// Counting starts at `start` if the calendar is open then, else at the
    /// next opening. A deadline that falls exactly at a closing time is that
    /// closing time. A zero duration gives `start` itself, open or not.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let cal = BusinessCalendar::new(
    ///     Utc,
    ///     CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?)),
    /// )?;
    /// let mon_1300 = Utc.with_ymd_and_hms(2024, 3, 4, 13, 0, 0).unwrap();
    /// // Exactly the rest of the day: due at the close, not next morning.
    /// assert_eq!(cal.add(mon_1300, TimeDelta::hours(4))?, Utc.with_ymd_and_hms(2024, 3, 4, 17, 0, 0).unwrap());
    /// assert!(cal.add(mon_1300, TimeDelta::seconds(-1)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::NegativeDuration`] for a negative duration,
    /// [`CalendarError::OutsideSupportedRange`] when `start` is outside the
    /// [supported range](super::supported_range),
    /// [`CalendarError::NoOpenTime`] when the calendar has no (more) open
    /// time to count, [`CalendarError::OutOfRange`] when the deadline would
    /// be after the end of the supported range.
    pub fn add(&self, start: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>, Error> {
        if duration < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration { duration }.into());
        }
        supported(start)?;
        if duration.is_zero() {
            return Ok(start);
        }
        let out_of_range = || -> Error { CalendarError::OutOfRange { start, duration }.into() };
        let stop = |s: Stop| -> Error {
            match s {
                Stop::NoOpenTime => CalendarError::NoOpenTime { after: start }.into(),
                Stop::OutOfRange => out_of_range(),
            }
        };
        let (s0, n0) = split(start);
        let mut secs = duration.num_seconds();
        let mut nanos = duration.subsec_nanos().unsigned_abs();
        // Within one second nothing opens or closes (every boundary is a
        // whole second), so a fractional start either counts its fraction
        // (open second) or waits for the next second (closed second).
        let from = if n0 == 0 {
            s0
        } else if self.is_open_second(s0) {
            nanos = nanos.saturating_add(n0);
            if nanos >= NANOS {
                nanos = nanos.saturating_sub(NANOS);
                secs = secs.checked_add(1).ok_or_else(out_of_range)?;
            }
            s0
        } else {
            s0.checked_add(1).ok_or_else(out_of_range)?
        };
        if nanos == 0 {
            let end = self.add_seconds(from, secs).map_err(stop)?;
            instant(end, 0).ok_or_else(out_of_range)
        } else {
            // The fraction lies in the open second after `secs` whole ones.
            let whole = secs.checked_add(1).ok_or_else(out_of_range)?;
            let end = self.add_seconds(from, whole).map_err(stop)?;
            instant(end.saturating_sub(1), nanos).ok_or_else(out_of_range)
        }
    }

    /// Business time in `[from, to)`: the real elapsed time during which the
    /// calendar was open.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let cal = BusinessCalendar::new(
    ///     Utc,
    ///     CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?)),
    /// )?;
    /// let fri_1600 = Utc.with_ymd_and_hms(2024, 3, 8, 16, 0, 0).unwrap();
    /// let mon_1000 = Utc.with_ymd_and_hms(2024, 3, 11, 10, 0, 0).unwrap();
    /// assert_eq!(cal.between(fri_1600, mon_1000)?, TimeDelta::hours(2));
    /// let err = cal.between(mon_1000, fri_1600).unwrap_err();
    /// assert!(err.to_string().contains("before"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::EndBeforeStart`] when `to` is before `from`,
    /// [`CalendarError::OutsideSupportedRange`] when either is outside the
    /// [supported range](super::supported_range).
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, Error> {
        if to < from {
            return Err(CalendarError::EndBeforeStart { from, to }.into());
        }
        supported(from)?;
        supported(to)?;
        let (sa, na) = split(from);
        let (sb, nb) = split(to);
        if sa == sb {
            return Ok(if self.is_open_second(sa) {
                to.signed_duration_since(from)
            } else {
                TimeDelta::zero()
            });
        }
        let mut total = TimeDelta::seconds(self.between_seconds(sa, sb));
        if na > 0 && self.is_open_second(sa) {
            total = total
                .checked_sub(&TimeDelta::nanoseconds(i64::from(na)))
                .unwrap_or(total);
        }
        if nb > 0 && self.is_open_second(sb) {
            total = total
                .checked_add(&TimeDelta::nanoseconds(i64::from(nb)))
                .unwrap_or(total);
        }
        Ok(total)
    }

    /// Whether the calendar is open at `t`.
    ///
    /// An interval is half-open: open at its opening time, closed at its
    /// closing time.
    ///
    /// This question has an answer at every instant, so it is answered
    /// outside the [supported range](super::supported_range) too; there it
    /// costs one scan of the zone's offsets (about a year's worth) per call.
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
    /// use chrono::{TimeZone, Utc};
    /// let cal = BusinessCalendar::new(
    ///     Utc,
    ///     CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?)),
    /// )?;
    /// assert!(cal.is_open(Utc.with_ymd_and_hms(2024, 3, 4, 9, 0, 0).unwrap()));
    /// assert!(!cal.is_open(Utc.with_ymd_and_hms(2024, 3, 4, 17, 0, 0).unwrap()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.is_open_second(t.timestamp())
    }

    /// The first instant at or after `t` at which the calendar is open:
    /// `t` itself when open, else the next opening. `None` when the
    /// calendar does not open again by the end of the
    /// [supported range](super::supported_range).
    ///
    /// ```
    /// use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
    /// use chrono::{TimeZone, Utc};
    /// let cal = BusinessCalendar::new(
    ///     Utc,
    ///     CalendarSpec::new(WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?)),
    /// )?;
    /// let sat = Utc.with_ymd_and_hms(2024, 3, 9, 12, 0, 0).unwrap();
    /// assert_eq!(cal.next_open(sat)?, Some(Utc.with_ymd_and_hms(2024, 3, 11, 9, 0, 0).unwrap()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutsideSupportedRange`] when `t` is outside the
    /// [supported range](super::supported_range).
    pub fn next_open(&self, t: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        supported(t)?;
        let s = t.timestamp();
        if self.is_open_second(s) {
            return Ok(Some(t));
        }
        // Closed during second `s`, so the first open second at or after
        // `s` is after `t` whatever its fraction.
        Ok(self.next_open_second(s).and_then(|x| instant(x, 0)))
    }

    // ---- whole-second engine -------------------------------------------

    fn is_open_second(&self, t: i64) -> bool {
        let r = self.zone.regime(&self.tz, t);
        if t < r.stuck_end {
            self.schedule.is_open(r.stuck_wall)
        } else {
            self.schedule.is_open(t.saturating_add(r.offset))
        }
    }

    /// The smallest `end` with `count > 0` open seconds in `[from, end)`.
    fn add_seconds(&self, from: i64, count: i64) -> Result<i64, Stop> {
        if !self.schedule.has_open_time() {
            return Err(Stop::NoOpenTime);
        }
        let max = SUPPORTED_LAST;
        if count > max.saturating_sub(from) {
            // Business time never runs faster than real time.
            return Err(Stop::OutOfRange);
        }
        let (mut now, mut rem) = if self.schedule.more_than_weeks(count, LONG_WEEKS) {
            self.skip_blocks(from, count).unwrap_or((from, count))
        } else {
            (from, count)
        };
        loop {
            if now > max {
                return Err(Stop::OutOfRange);
            }
            let regime = self.zone.regime(&self.tz, now);
            if now < regime.stuck_end {
                let until = regime.stuck_end.min(regime.end);
                if self.schedule.is_open(regime.stuck_wall) {
                    let avail = until.saturating_sub(now);
                    if rem <= avail {
                        return within(now.saturating_add(rem));
                    }
                    rem = rem.saturating_sub(avail);
                }
                now = until;
                continue;
            }
            let local = now.saturating_add(regime.offset);
            let limit = regime.end.saturating_add(regime.offset);
            if self.schedule.more_than_a_week(rem) {
                // A long count: first see whether it even ends in this
                // stretch (two prefix-sum look-ups) before searching it.
                let avail = self
                    .schedule
                    .f(limit)
                    .saturating_sub(self.schedule.f(local));
                if avail < rem {
                    rem = rem.saturating_sub(avail);
                    now = regime.end;
                    continue;
                }
            }
            match self.schedule.add(local, rem, limit) {
                Step::Reached(found) => return within(found.saturating_sub(regime.offset)),
                Step::Never => return Err(Stop::NoOpenTime),
                Step::Beyond => {
                    let used = self
                        .schedule
                        .f(limit)
                        .saturating_sub(self.schedule.f(local));
                    rem = rem.saturating_sub(used);
                    now = regime.end;
                }
            }
        }
    }

    /// Open seconds in `[from, to)`.
    fn between_seconds(&self, from: i64, to: i64) -> i64 {
        if to.saturating_sub(from) > LONG_SPAN {
            if let Some(open) = self.indexed_between(from, to) {
                return open;
            }
        }
        self.walk_between(from, to)
    }

    /// The open block `index` (`None` outside the memoised blocks).
    fn block_open(&self, index: i64) -> Option<&BlockOpen> {
        let cell = usize::try_from(index)
            .ok()
            .and_then(|i| self.open.blocks.get(i))?;
        Some(cell.get_or_init(|| self.build_block(index)))
    }

    fn build_block(&self, index: i64) -> BlockOpen {
        let start = zone::block_start(index);
        let end = zone::block_start(index.saturating_add(1));
        let mut points = vec![(start, 0_i64)];
        let (mut at, mut cum) = (start, 0_i64);
        for change in self.zone.changes_within(&self.tz, index) {
            cum = cum.saturating_add(self.walk_between(at, change));
            points.push((change, cum));
            at = change;
        }
        BlockOpen {
            total: cum.saturating_add(self.walk_between(at, end)),
            points,
        }
    }

    /// Open seconds from the start of `block` to `t`, an instant inside it:
    /// the count at the last offset change before `t`, plus a walk within
    /// one offset stretch.
    fn open_before(&self, block: &BlockOpen, t: i64) -> i64 {
        let i = block.points.partition_point(|&(at, _)| at <= t);
        let (at, cum) = i
            .checked_sub(1)
            .and_then(|j| block.points.get(j))
            .copied()
            .unwrap_or((t, 0));
        cum.saturating_add(self.walk_between(at, t))
    }

    /// Open seconds in `[from, to)` from whole blocks and the two partial
    /// ones (`None` outside the memoised blocks).
    fn indexed_between(&self, from: i64, to: i64) -> Option<i64> {
        let (first, last) = (zone::block_index(from), zone::block_index(to));
        let head = self.open_before(self.block_open(first)?, from);
        let mut total = self
            .open_before(self.block_open(last)?, to)
            .saturating_sub(head);
        let mut b = first;
        while b < last {
            total = total.saturating_add(self.block_open(b)?.total);
            b = b.saturating_add(1);
        }
        Some(total)
    }

    /// A later start for counting `count > 0` open seconds from `from`:
    /// the last block start or offset change before which fewer than
    /// `count` of them are open, and what remains to count from there
    /// (`None` past the memoised blocks: the walk then reports the end of
    /// the range).
    fn skip_blocks(&self, from: i64, count: i64) -> Option<(i64, i64)> {
        let mut index = zone::block_index(from);
        let mut block = self.block_open(index)?;
        // Open seconds from the block's start that reach the deadline.
        let mut target = self.open_before(block, from).saturating_add(count);
        while target > block.total {
            target = target.saturating_sub(block.total);
            index = index.saturating_add(1);
            block = self.block_open(index)?;
        }
        let i = block.points.partition_point(|&(_, cum)| cum < target);
        let (at, cum) = i
            .checked_sub(1)
            .and_then(|j| block.points.get(j))
            .copied()?;
        if at <= from {
            return Some((from, count));
        }
        Some((at, target.saturating_sub(cum)))
    }

    /// Open seconds in `[from, to)`, stretch by stretch of one offset.
    fn walk_between(&self, from: i64, to: i64) -> i64 {
        let mut now = from;
        let mut total = 0_i64;
        while now < to {
            let regime = self.zone.regime(&self.tz, now);
            if now < regime.stuck_end {
                let until = regime.stuck_end.min(regime.end).min(to);
                if self.schedule.is_open(regime.stuck_wall) {
                    total = total.saturating_add(until.saturating_sub(now));
                }
                now = until;
                continue;
            }
            let until = to.min(regime.end);
            let open = self
                .schedule
                .f(until.saturating_add(regime.offset))
                .saturating_sub(self.schedule.f(now.saturating_add(regime.offset)));
            total = total.saturating_add(open);
            now = until;
        }
        total
    }

    fn next_open_second(&self, from: i64) -> Option<i64> {
        let max = SUPPORTED_LAST;
        let mut now = from;
        while now <= max {
            let regime = self.zone.regime(&self.tz, now);
            if now < regime.stuck_end {
                if self.schedule.is_open(regime.stuck_wall) {
                    return Some(now);
                }
                now = regime.stuck_end.min(regime.end);
                continue;
            }
            let local = now.saturating_add(regime.offset);
            match self
                .schedule
                .next_open(local, regime.end.saturating_add(regime.offset))
            {
                Step::Reached(found) => {
                    let found = found.saturating_sub(regime.offset);
                    return (found <= max).then_some(found);
                }
                Step::Never => return None,
                Step::Beyond => now = regime.end,
            }
        }
        None
    }
}

impl<Tz: TimeZone> ElapsedTime for BusinessCalendar<Tz> {
    /// [`BusinessCalendar::between`].
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, Error> {
        self.between(from, to)
    }

    /// [`BusinessCalendar::add`].
    fn advance(&self, start: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>, Error> {
        self.add(start, duration)
    }
}
