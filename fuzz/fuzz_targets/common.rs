//! Helpers shared by the fuzz targets (included with `#[path]`).

#![allow(dead_code, reason = "each target uses a subset")]

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, TimeDelta, Utc};

/// Splits `data` at its first NUL byte: JSON text before, raw parameters
/// after. JSON never contains a raw NUL, so seeds are `json \0 bytes`.
pub fn split_nul(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// Picks one of `items` (the first when out of bytes).
pub fn pick<'a, T>(u: &mut Unstructured<'_>, items: &'a [T]) -> Result<&'a T> {
    u.choose(items)
}

/// Seconds of chrono's full `DateTime<Utc>` range.
pub fn min_secs() -> i64 {
    DateTime::<Utc>::MIN_UTC.timestamp()
}
pub fn max_secs() -> i64 {
    DateTime::<Utc>::MAX_UTC.timestamp()
}

/// An instant: usually within a few years of `base`, sometimes anywhere in
/// chrono's range (edges included), with an occasional sub-second part.
pub fn instant(u: &mut Unstructured<'_>, base: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let mode: u8 = u.arbitrary()?;
    let secs = match mode % 8 {
        // near base: ±~4 years, minute-aligned for more boundary hits
        0..=3 => {
            let minutes: i32 = u.int_in_range(-2_200_000..=2_200_000)?;
            base.timestamp().saturating_add(i64::from(minutes) * 60)
        }
        // near base, to the second
        4 | 5 => {
            let s: i32 = u.arbitrary()?;
            base.timestamp().saturating_add(i64::from(s))
        }
        // anywhere chrono can represent
        6 => u.int_in_range(min_secs()..=max_secs())?,
        // the extreme edges
        _ => {
            let off: u16 = u.arbitrary()?;
            if u.arbitrary()? {
                max_secs() - i64::from(off) * 3600
            } else {
                min_secs() + i64::from(off) * 3600
            }
        }
    };
    let secs = secs.clamp(min_secs(), max_secs());
    let nanos: u32 = if u.ratio(1, 8)? {
        u.int_in_range(0..=999_999_999)?
    } else {
        0
    };
    Ok(DateTime::from_timestamp(secs, nanos)
        .or_else(|| DateTime::from_timestamp(secs, 0))
        .unwrap_or(base))
}

/// A duration: usually hours to weeks, sometimes anything a `TimeDelta`
/// holds (negative included).
pub fn duration(u: &mut Unstructured<'_>) -> Result<TimeDelta> {
    let mode: u8 = u.arbitrary()?;
    let d = match mode % 6 {
        0 | 1 => TimeDelta::seconds(i64::from(u.int_in_range(0_u32..=400 * 3600)?)),
        2 => TimeDelta::minutes(i64::from(u.int_in_range(0_u32..=60 * 24 * 400)?)),
        3 => TimeDelta::seconds(u.arbitrary::<i64>()? % (1_i64 << 40)),
        4 => TimeDelta::new(
            u.arbitrary::<i64>()? % (1_i64 << 43),
            u.int_in_range(0..=999_999_999)?,
        )
        .unwrap_or(TimeDelta::MAX),
        _ => {
            if u.arbitrary()? {
                TimeDelta::MAX
            } else {
                // `milliseconds` panics for i64::MIN (the range is ±i64::MAX ms).
                TimeDelta::try_milliseconds(u.arbitrary()?).unwrap_or(TimeDelta::MIN)
            }
        }
    };
    Ok(d)
}
