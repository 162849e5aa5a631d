//! [`Zone`]: the one time-zone value carekit reads from data (UTC, a fixed
//! offset, or an IANA name), and the crate's single rule for turning local
//! wall-clock readings into instants.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone,
    Timelike, Utc,
};

use super::CalendarError;
use crate::error::Error;

/// A time zone given as data: UTC, a fixed offset from UTC, or (with the
/// `tz` feature) an IANA zone such as `Europe/Berlin`.
///
/// A `Zone` is a [`chrono::TimeZone`], so it works wherever carekit takes a
/// time zone (business calendars, period keys, windows, compensation
/// policies), and it reads and writes as text:
///
/// | text | zone |
/// |---|---|
/// | `"UTC"` or `"Z"` | UTC |
/// | `"+02:00"`, `"-05:30"` | a fixed offset (`±HH:MM`, below 24 h) |
/// | `"Europe/Berlin"` | the IANA zone, DST included (feature `tz`) |
///
/// Without the `tz` feature an IANA name is refused with
/// [`CalendarError::TimeZoneNamesDisabled`]; with it, a name the IANA
/// database does not know is [`CalendarError::UnknownTimeZone`]. Names are
/// matched exactly (`"europe/berlin"` is unknown), as the IANA database
/// spells them.
///
/// # Example
///
/// ```
/// use carekit::calendar::Zone;
/// use chrono::{TimeZone, Utc};
///
/// let plus2: Zone = "+02:00".parse()?;
/// let at = Utc.with_ymd_and_hms(2024, 3, 10, 23, 30, 0).unwrap();
/// assert_eq!(at.with_timezone(&plus2).to_string(), "2024-03-11 01:30:00 +02:00");
/// assert_eq!(plus2.to_string(), "+02:00");
/// assert_eq!("UTC".parse::<Zone>()?, Zone::UTC);
/// assert!("+25:00".parse::<Zone>().is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Zone(Kind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Utc,
    Fixed(FixedOffset),
    #[cfg(feature = "tz")]
    Named(chrono_tz::Tz),
}

impl Zone {
    /// UTC.
    ///
    /// ```
    /// use carekit::calendar::Zone;
    /// assert_eq!(Zone::UTC.to_string(), "UTC");
    /// ```
    pub const UTC: Zone = Zone(Kind::Utc);

    /// A fixed offset from UTC.
    ///
    /// ```
    /// use carekit::calendar::Zone;
    /// use chrono::FixedOffset;
    /// let z = Zone::fixed(FixedOffset::west_opt(5 * 3600 + 1800).unwrap());
    /// assert_eq!(z.to_string(), "-05:30");
    /// ```
    pub fn fixed(offset: FixedOffset) -> Self {
        Zone(Kind::Fixed(offset))
    }

    /// An IANA zone of `chrono-tz`.
    ///
    /// ```
    /// use carekit::calendar::Zone;
    /// let berlin = Zone::named(chrono_tz::Europe::Berlin);
    /// assert_eq!(berlin.to_string(), "Europe/Berlin");
    /// assert_eq!("Europe/Berlin".parse::<Zone>()?, berlin);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[cfg(feature = "tz")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tz")))]
    pub fn named(tz: chrono_tz::Tz) -> Self {
        Zone(Kind::Named(tz))
    }

    /// The offset from UTC in force at `at`.
    ///
    /// ```
    /// use carekit::calendar::Zone;
    /// use chrono::{TimeZone, Utc};
    /// let berlin: Zone = "Europe/Berlin".parse()?;
    /// let summer = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
    /// assert_eq!(berlin.offset_at(summer).local_minus_utc(), 2 * 3600);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        self.offset_from_utc_datetime(&at.naive_utc()).fix()
    }
}

impl Default for Zone {
    /// UTC.
    fn default() -> Self {
        Zone::UTC
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Kind::Utc => f.write_str("UTC"),
            Kind::Fixed(o) => write!(f, "{o}"),
            #[cfg(feature = "tz")]
            Kind::Named(tz) => f.write_str(tz.name()),
        }
    }
}

/// `±HH:MM` with hours below 24 and minutes below 60.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let b = text.as_bytes();
    if b.len() != 6 || b.get(3) != Some(&b':') {
        return None;
    }
    let sign: i32 = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let t = text.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (h, m) = (digits(1..3)?, digits(4..6)?);
    if h > 23 || m > 59 {
        return None;
    }
    // Bounded: at most 23 · 3600 + 59 · 60 seconds.
    let secs = h.checked_mul(3600)?.checked_add(m.checked_mul(60)?)?;
    FixedOffset::east_opt(sign.checked_mul(secs)?)
}

impl FromStr for Zone {
    type Err = Error;

    /// Parses `"UTC"`, `"Z"`, `"±HH:MM"` or an IANA name.
    fn from_str(text: &str) -> Result<Self, Error> {
        if text == "UTC" || text == "Z" {
            return Ok(Zone::UTC);
        }
        if text.starts_with(['+', '-']) {
            return parse_offset(text).map(Zone::fixed).ok_or_else(|| {
                CalendarError::MalformedOffset {
                    value: text.to_owned(),
                }
                .into()
            });
        }
        named(text)
    }
}

#[cfg(feature = "tz")]
fn named(text: &str) -> Result<Zone, Error> {
    text.parse::<chrono_tz::Tz>().map(Zone::named).map_err(|_| {
        CalendarError::UnknownTimeZone {
            name: text.to_owned(),
        }
        .into()
    })
}

#[cfg(not(feature = "tz"))]
fn named(text: &str) -> Result<Zone, Error> {
    Err(CalendarError::TimeZoneNamesDisabled {
        name: text.to_owned(),
    }
    .into())
}

impl TryFrom<String> for Zone {
    type Error = Error;
    fn try_from(text: String) -> Result<Self, Error> {
        text.parse()
    }
}

impl TryFrom<&str> for Zone {
    type Error = Error;
    fn try_from(text: &str) -> Result<Self, Error> {
        text.parse()
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> Self {
        zone.to_string()
    }
}

impl From<Utc> for Zone {
    fn from(_: Utc) -> Self {
        Zone::UTC
    }
}

impl From<FixedOffset> for Zone {
    fn from(offset: FixedOffset) -> Self {
        Zone::fixed(offset)
    }
}

#[cfg(feature = "tz")]
impl From<chrono_tz::Tz> for Zone {
    fn from(tz: chrono_tz::Tz) -> Self {
        Zone::named(tz)
    }
}

/// The offset of a [`Zone`] at some instant: the zone and its UTC offset
/// there (what chrono's [`TimeZone`] needs).
///
/// ```
/// use carekit::calendar::Zone;
/// use chrono::{Offset, TimeZone, Utc};
/// let berlin: Zone = "Europe/Berlin".parse()?;
/// let winter = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap().with_timezone(&berlin);
/// assert_eq!(winter.offset().fix().local_minus_utc(), 3600);
/// assert_eq!(winter.offset().to_string(), "+01:00");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneOffset {
    zone: Zone,
    fix: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fix
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fix)
    }
}

fn map_local<O: Offset>(zone: Zone, r: MappedLocalTime<O>) -> MappedLocalTime<ZoneOffset> {
    let wrap = |o: O| ZoneOffset { zone, fix: o.fix() };
    match r {
        MappedLocalTime::Single(o) => MappedLocalTime::Single(wrap(o)),
        MappedLocalTime::Ambiguous(a, b) => MappedLocalTime::Ambiguous(wrap(a), wrap(b)),
        MappedLocalTime::None => MappedLocalTime::None,
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        match self.0 {
            Kind::Utc => map_local(*self, Utc.offset_from_local_date(local)),
            Kind::Fixed(o) => map_local(*self, o.offset_from_local_date(local)),
            #[cfg(feature = "tz")]
            Kind::Named(tz) => map_local(*self, tz.offset_from_local_date(local)),
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        match self.0 {
            Kind::Utc => map_local(*self, Utc.offset_from_local_datetime(local)),
            Kind::Fixed(o) => map_local(*self, o.offset_from_local_datetime(local)),
            #[cfg(feature = "tz")]
            Kind::Named(tz) => map_local(*self, tz.offset_from_local_datetime(local)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        let fix = match self.0 {
            Kind::Utc => Utc.offset_from_utc_date(utc).fix(),
            Kind::Fixed(o) => o,
            #[cfg(feature = "tz")]
            Kind::Named(tz) => tz.offset_from_utc_date(utc).fix(),
        };
        ZoneOffset { zone: *self, fix }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let fix = match self.0 {
            Kind::Utc => Utc.offset_from_utc_datetime(utc).fix(),
            Kind::Fixed(o) => o,
            #[cfg(feature = "tz")]
            Kind::Named(tz) => tz.offset_from_utc_datetime(utc).fix(),
        };
        ZoneOffset { zone: *self, fix }
    }
}

/// The wall-clock reading of `at` in `tz`, or `None` within hours of the
/// ends of chrono's range, where the local reading does not exist (chrono's
/// own conversions panic there).
pub(crate) fn local_of<Tz: TimeZone>(tz: &Tz, at: DateTime<Utc>) -> Option<NaiveDateTime> {
    let utc = at.naive_utc();
    utc.checked_add_offset(tz.offset_from_utc_datetime(&utc).fix())
}

/// The crate's one rule for a local wall-clock reading: the first instant
/// at which the wall clock reads `local` or later. An ambiguous reading
/// (fall-back repeat) is its earlier instant; a nonexistent one (in a
/// spring-forward gap) is the instant the gap ends. `None` only at the ends
/// of chrono's range.
pub(crate) fn first_instant_at<Tz: TimeZone>(
    tz: &Tz,
    local: NaiveDateTime,
) -> Option<DateTime<Utc>> {
    match tz.offset_from_local_datetime(&local) {
        MappedLocalTime::Single(o) | MappedLocalTime::Ambiguous(o, _) => {
            local.checked_sub_offset(o.fix()).map(|u| u.and_utc())
        }
        MappedLocalTime::None => gap_end(tz, local),
    }
}

/// For a `local` reading inside a gap: the first instant whose wall-clock
/// reading is after it, found by bisection between the instants the
/// reading would have under the offsets around the gap (offsets lie within
/// ±26 h, so two days bracket it).
fn gap_end<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let reads_at_or_after = |t: DateTime<Utc>| local_of(tz, t).is_none_or(|l| l >= local);
    let guess = local.and_utc();
    let mut lo = guess.checked_sub_signed(TimeDelta::days(2))?;
    let mut hi = guess.checked_add_signed(TimeDelta::days(2))?;
    if reads_at_or_after(lo) || !reads_at_or_after(hi) {
        return None;
    }
    // Invariant: `lo` reads before `local`, `hi` at or after it. Offsets
    // change on whole seconds, so bisect to the second.
    while hi.signed_duration_since(lo) > TimeDelta::seconds(1) {
        let half = hi.signed_duration_since(lo).num_seconds() / 2;
        let mid = lo.checked_add_signed(TimeDelta::seconds(half))?;
        if reads_at_or_after(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // The bisection kept the fraction of a second `local` has; the gap ends
    // on the whole second at or before `hi`.
    let whole = hi.with_nanosecond(0)?;
    Some(if reads_at_or_after(whole) { whole } else { hi })
}

/// The largest wall-clock reading `tz` showed at any instant up to `at`
/// (within the last two days): the reading of `at` itself, except during a
/// fall-back repeat, where it stays at the reading the clock had when it
/// went back. Windows measured in local calendar units use it so that their
/// start never moves backwards as `at` advances.
pub(crate) fn monotone_local_of<Tz: TimeZone>(tz: &Tz, at: DateTime<Utc>) -> Option<NaiveDateTime> {
    let now = local_of(tz, at)?;
    let offset_now = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
    let Some(earlier) = at.checked_sub_signed(TimeDelta::days(2)) else {
        return Some(now);
    };
    let offset_before = tz.offset_from_utc_datetime(&earlier.naive_utc()).fix();
    if offset_before.local_minus_utc() <= offset_now.local_minus_utc() {
        return Some(now);
    }
    // The offset went down in the last two days: find the last instant with
    // the larger offset and the reading it showed.
    let (mut lo, mut hi) = (earlier, at);
    while hi.signed_duration_since(lo) > TimeDelta::seconds(1) {
        let half = hi.signed_duration_since(lo).num_seconds() / 2;
        let mid = lo.checked_add_signed(TimeDelta::seconds(half))?;
        if tz.offset_from_utc_datetime(&mid.naive_utc()).fix() == offset_now {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // `hi` is the change; the clock read up to `hi` under the old offset.
    let before_change = hi.naive_utc().checked_add_offset(offset_before)?;
    Some(now.max(before_change))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn offsets_parse_strictly() {
        for (text, secs) in [("+02:00", 7200), ("-05:30", -19800), ("+00:00", 0)] {
            let z: Zone = text.parse().unwrap();
            assert_eq!(z.offset_at(utc(2024, 1, 1, 0, 0)).local_minus_utc(), secs);
            assert_eq!(z.to_string(), text);
        }
        for bad in [
            "+2:00", "+02:0", "+24:00", "+02:60", "02:00", "+0a:00", "+02-00",
        ] {
            assert!(bad.parse::<Zone>().is_err(), "{bad}");
        }
    }

    #[cfg(feature = "tz")]
    #[test]
    fn named_zones_and_unknown_names() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        // Berlin: CET (+1) in January, CEST (+2) in July.
        assert_eq!(
            berlin.offset_at(utc(2024, 1, 15, 12, 0)).local_minus_utc(),
            3600
        );
        assert_eq!(
            berlin.offset_at(utc(2024, 7, 15, 12, 0)).local_minus_utc(),
            7200
        );
        let err = "Europe/Atlantis".parse::<Zone>().unwrap_err();
        assert!(matches!(
            err,
            Error::Calendar(CalendarError::UnknownTimeZone { .. })
        ));
    }

    #[cfg(feature = "tz")]
    #[test]
    fn local_readings_resolve_by_the_one_rule() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        // 2024-03-31 02:30 does not exist in Berlin (02:00 CET → 03:00
        // CEST at 01:00Z): reached when the gap ends, 01:00Z.
        assert_eq!(
            first_instant_at(&berlin, local(2024, 3, 31, 2, 30)),
            Some(utc(2024, 3, 31, 1, 0))
        );
        // 2024-10-27 02:30 happens twice (00:30Z CEST, 01:30Z CET): the
        // earlier.
        assert_eq!(
            first_instant_at(&berlin, local(2024, 10, 27, 2, 30)),
            Some(utc(2024, 10, 27, 0, 30))
        );
        // An ordinary reading.
        assert_eq!(
            first_instant_at(&berlin, local(2024, 4, 1, 0, 0)),
            Some(utc(2024, 3, 31, 22, 0))
        );
        // A reading with a fraction of a second inside the gap is reached
        // when the gap ends too, on the whole second (regression: the
        // fraction was kept, 01:00:00.5Z, so window starts in the gap could
        // move back by part of a second).
        let half = local(2024, 3, 31, 2, 30) + TimeDelta::milliseconds(500);
        assert_eq!(
            first_instant_at(&berlin, half),
            Some(utc(2024, 3, 31, 1, 0))
        );
    }

    #[cfg(feature = "tz")]
    #[test]
    fn the_monotone_reading_holds_during_a_repeat() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        // Clocks go back at 01:00Z on 2024-10-27 (03:00 CEST → 02:00 CET).
        // At 01:20Z the wall clock reads 02:20 again; the largest reading so
        // far is 03:00.
        assert_eq!(
            monotone_local_of(&berlin, utc(2024, 10, 27, 1, 20)),
            Some(local(2024, 10, 27, 3, 0))
        );
        // Once the second pass passes 03:00 the reading is the clock's own.
        assert_eq!(
            monotone_local_of(&berlin, utc(2024, 10, 27, 2, 10)),
            Some(local(2024, 10, 27, 3, 10))
        );
        assert_eq!(
            monotone_local_of(&berlin, utc(2024, 10, 27, 0, 50)),
            Some(local(2024, 10, 27, 2, 50))
        );
    }
}
