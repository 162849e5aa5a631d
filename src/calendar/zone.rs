//! The time zone's offset changes, found once per ~388-day block of UTC time
//! and memoised, so business-time arithmetic needs no time-zone look-ups in
//! the steady state.
//!
//! A block is probed once a day (plus a two-day lead-in); where the offset
//! differs between two probes the change is located to the second by
//! bisection. This finds every change that is not undone within a day; in
//! every zone of chrono-tz 0.10 from 1900 to 2100 the closest two changes
//! are 6.96 days apart (scanned at 15-minute steps).

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Offset, TimeZone, Utc};

use super::spec::DAY;

/// log2 of the block length in seconds (2^25 s is about 388 days).
const BLOCK_BITS: u32 = 25;
/// The block length in seconds.
const BLOCK: i64 = 1 << BLOCK_BITS;
/// 1900-01-01T00:00:00Z: the start of the first memoised block.
const BASE: i64 = -2_208_988_800;
/// Blocks memoised: 1900 to the end of 2200, so every block a supported
/// instant can reach, and the block after the last (a stretch running to a
/// block's end looks one block ahead), is memoised.
const CACHED_BLOCKS: usize = 284;
/// 1900-01-01T00:00:00Z: the first instant business calendars answer for.
pub(super) const SUPPORTED_FIRST: i64 = BASE;
/// 2200-01-01T00:00:00Z: the last instant business calendars answer for.
pub(super) const SUPPORTED_LAST: i64 = 7_258_118_400;
/// How far before a block its table starts, so that a change just before
/// the block (and its repeated hour) is visible from inside it. Offsets are
/// within ±24 h, so a repeated period is shorter than two days.
const LEAD_IN: i64 = 2 * DAY;

/// The first whole second chrono can represent.
pub(super) const fn min_ts() -> i64 {
    MIN_TS
}

/// The last whole second chrono can represent.
pub(super) const fn max_ts() -> i64 {
    MAX_TS
}

const MIN_TS: i64 = DateTime::<Utc>::MIN_UTC.timestamp();
const MAX_TS: i64 = DateTime::<Utc>::MAX_UTC.timestamp();

/// The offset (local minus UTC, seconds) at UTC second `t`.
fn offset_at<Tz: TimeZone>(tz: &Tz, t: i64) -> i64 {
    let t = t.clamp(min_ts(), max_ts());
    DateTime::from_timestamp(t, 0).map_or(0, |dt| {
        i64::from(
            tz.offset_from_utc_datetime(&dt.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// The offset changes in one block.
#[derive(Debug, Clone)]
struct Block {
    /// End of the block (exclusive).
    end: i64,
    /// Offset before the first change.
    start_offset: i64,
    /// `(instant of change, offset from then on)`, sorted.
    changes: Vec<(i64, i64)>,
}

impl Block {
    fn build<Tz: TimeZone>(tz: &Tz, index: i64) -> Self {
        let start = BASE.saturating_add(index.saturating_mul(BLOCK));
        let end = start.saturating_add(BLOCK);
        let lo_limit = start.saturating_sub(LEAD_IN).max(min_ts());
        let hi_limit = end.saturating_sub(1).min(max_ts());
        let start_offset = offset_at(tz, lo_limit);
        let mut changes = Vec::new();
        let mut current = start_offset;
        let mut lo = lo_limit;
        while lo < hi_limit {
            let hi = lo.saturating_add(DAY).min(hi_limit);
            // Invariant: offset(lo) == current.
            while offset_at(tz, hi) != current {
                let (mut l, mut h) = (lo, hi);
                while h.saturating_sub(l) > 1 {
                    let m = l.saturating_add(h.saturating_sub(l).div_euclid(2));
                    if offset_at(tz, m) == current {
                        l = m;
                    } else {
                        h = m;
                    }
                }
                current = offset_at(tz, h);
                changes.push((h, current));
                lo = h;
            }
            lo = hi;
        }
        Self {
            end,
            start_offset,
            changes,
        }
    }

    fn regime(&self, t: i64) -> Regime {
        let i = self.changes.partition_point(|&(at, _)| at <= t);
        let offset_of = |k: usize| {
            k.checked_sub(1)
                .and_then(|j| self.changes.get(j))
                .map_or(self.start_offset, |c| c.1)
        };
        let offset = offset_of(i);
        let end = self.changes.get(i).map_or(self.end, |c| c.0);
        let mut regime = Regime {
            offset,
            end,
            stuck_end: i64::MIN,
            stuck_wall: 0,
        };
        if let Some(&(at, _)) = i.checked_sub(1).and_then(|j| self.changes.get(j)) {
            let before = offset_of(i.saturating_sub(1));
            if before > offset {
                // Clocks went back at `at`: until the wall clock again
                // passes its reading just before `at`, no new local time is
                // reached and the calendar stays as it was then.
                regime.stuck_end = at.saturating_add(before.saturating_sub(offset));
                regime.stuck_wall = at.saturating_sub(1).saturating_add(before);
            }
        }
        regime
    }
}

/// A stretch of UTC time with one offset.
#[derive(Debug, Clone, Copy)]
pub(super) struct Regime {
    /// Local minus UTC, seconds.
    pub(super) offset: i64,
    /// The instant the stretch ends (exclusive): the next offset change or
    /// the end of the memoised block.
    pub(super) end: i64,
    /// After a backward change, the end of the repeated period (else
    /// `i64::MIN`).
    pub(super) stuck_end: i64,
    /// The local second whose openness holds during the repeated period.
    pub(super) stuck_wall: i64,
}

/// The number of memoised blocks (indices `0..BLOCKS`).
pub(super) const BLOCKS: usize = CACHED_BLOCKS;

/// The index of the memoised block holding UTC second `t` (negative or
/// past [`BLOCKS`] outside the memoised range).
pub(super) fn block_index(t: i64) -> i64 {
    t.saturating_sub(BASE).div_euclid(BLOCK)
}

/// The first UTC second of block `index`.
pub(super) fn block_start(index: i64) -> i64 {
    BASE.saturating_add(index.saturating_mul(BLOCK))
}

/// Memoised offset changes of one zone, shared by clones of a calendar.
#[derive(Clone)]
pub(super) struct ZoneCache {
    blocks: Arc<[OnceLock<Block>]>,
}

impl std::fmt::Debug for ZoneCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let filled = self.blocks.iter().filter(|b| b.get().is_some()).count();
        write!(f, "ZoneCache({filled} blocks)")
    }
}

impl ZoneCache {
    pub(super) fn new() -> Self {
        Self {
            blocks: (0..CACHED_BLOCKS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The offset stretch containing UTC second `t`. When the stretch runs
    /// to the end of its block it is extended to the next change in the
    /// following block, so that a year-long span crosses few stretches.
    #[inline]
    pub(super) fn regime<Tz: TimeZone>(&self, tz: &Tz, t: i64) -> Regime {
        let index = t.saturating_sub(BASE).div_euclid(BLOCK);
        let mut regime = self.with_block(tz, index, |b| b.regime(t));
        if regime.end == BASE.saturating_add(index.saturating_add(1).saturating_mul(BLOCK)) {
            regime.end = self.with_block(tz, index.saturating_add(1), |b| {
                let i = b.changes.partition_point(|&(at, _)| at <= t);
                b.changes.get(i).map_or(b.end, |c| c.0)
            });
        }
        regime
    }

    /// The instants strictly inside block `index` at which the offset
    /// changes, ascending.
    pub(super) fn changes_within<Tz: TimeZone>(&self, tz: &Tz, index: i64) -> Vec<i64> {
        let start = block_start(index);
        self.with_block(tz, index, |b| {
            b.changes
                .iter()
                .map(|&(at, _)| at)
                .filter(|&at| at > start && at < b.end)
                .collect()
        })
    }

    fn with_block<Tz: TimeZone, R>(&self, tz: &Tz, index: i64, f: impl FnOnce(&Block) -> R) -> R {
        let slot = usize::try_from(index).ok().and_then(|i| self.blocks.get(i));
        match slot {
            Some(cell) => f(cell.get_or_init(|| Block::build(tz, index))),
            None => f(&Block::build(tz, index)),
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

    /// The offset straight from the zone (not through `offset_at`, which
    /// is under test).
    fn direct(tz: chrono_tz::Tz, t: i64) -> i64 {
        let utc = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
        i64::from(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
    }

    /// A zone with one offset change at UTC second `at`.
    #[derive(Debug, Clone, Copy)]
    struct OneChange {
        at: i64,
        before: chrono::FixedOffset,
        after: chrono::FixedOffset,
    }

    impl TimeZone for OneChange {
        type Offset = chrono::FixedOffset;
        fn from_offset(offset: &chrono::FixedOffset) -> Self {
            Self {
                at: i64::MAX,
                before: *offset,
                after: *offset,
            }
        }
        fn offset_from_local_date(
            &self,
            _: &chrono::NaiveDate,
        ) -> chrono::LocalResult<chrono::FixedOffset> {
            chrono::LocalResult::Single(self.before)
        }
        fn offset_from_local_datetime(
            &self,
            _: &chrono::NaiveDateTime,
        ) -> chrono::LocalResult<chrono::FixedOffset> {
            chrono::LocalResult::Single(self.before)
        }
        fn offset_from_utc_date(&self, utc: &chrono::NaiveDate) -> chrono::FixedOffset {
            self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).unwrap())
        }
        fn offset_from_utc_datetime(&self, utc: &chrono::NaiveDateTime) -> chrono::FixedOffset {
            if utc.and_utc().timestamp() < self.at {
                self.before
            } else {
                self.after
            }
        }
    }

    #[test]
    fn a_change_in_the_lead_in_is_seen_from_the_next_block() {
        // Clocks go back 46 hours (+23:00 to -23:00, the widest jump
        // chrono's offsets allow is just under 48 h) 36 hours before a block
        // starts: the repeated period runs 10 hours into the block, and only
        // a lead-in of two days lets the block know it is inside it.
        let start = BASE + 100 * BLOCK;
        let at = start - 36 * 3600;
        let tz = OneChange {
            at,
            before: chrono::FixedOffset::east_opt(23 * 3600).unwrap(),
            after: chrono::FixedOffset::west_opt(23 * 3600).unwrap(),
        };
        let cache = ZoneCache::new();
        let r = cache.regime(&tz, start + 3600);
        assert_eq!(r.offset, -23 * 3600);
        assert_eq!(r.stuck_end, at + 46 * 3600);
        assert_eq!(r.stuck_end, start + 10 * 3600);
        assert_eq!(r.stuck_wall, at - 1 + 23 * 3600);
        // No more changes: the stretch runs to the end of the next block.
        assert_eq!(r.end, start + 2 * BLOCK);
        // Just before the change, the old offset; the change is found to
        // the second.
        let r = cache.regime(&tz, at - 1);
        assert_eq!((r.offset, r.end), (23 * 3600, at));
    }

    #[test]
    fn finds_new_york_changes_to_the_second() {
        let tz = chrono_tz::America::New_York;
        let cache = ZoneCache::new();
        // 2024-03-10 07:00:00Z: 02:00 EST becomes 03:00 EDT.
        let spring = 1_710_054_000;
        let before = cache.regime(&tz, spring - 1);
        assert_eq!(before.offset, -5 * 3600);
        assert_eq!(before.end, spring);
        assert_eq!(cache.regime(&tz, spring).offset, -4 * 3600);
        // 2024-11-03 06:00:00Z: 02:00 EDT becomes 01:00 EST; the repeated
        // hour ends at 07:00Z and holds the state of 01:59:59 EDT.
        let fall = 1_730_613_600;
        let r = cache.regime(&tz, fall + 10);
        assert_eq!(r.offset, -5 * 3600);
        assert_eq!(r.stuck_end, fall + 3600);
        assert_eq!(r.stuck_wall, fall - 1 - 4 * 3600);
    }

    #[test]
    fn memoised_offsets_match_the_zone() {
        let cache_for = |_: &chrono_tz::Tz| ZoneCache::new();
        for tz in [
            chrono_tz::America::New_York,
            chrono_tz::Europe::Berlin,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Pacific::Apia,
            chrono_tz::Africa::Casablanca,
            chrono_tz::Asia::Kolkata,
        ] {
            let cache = cache_for(&tz);
            // Every 7919 s (prime, so all times of day) over 1990-2030, plus
            // instants before 1900 and after 2200 (computed on the fly).
            let mut t = 631_152_000_i64;
            while t < 1_893_456_000 {
                assert_eq!(cache.regime(&tz, t).offset, direct(tz, t), "{tz} at {t}");
                t += 7919;
            }
            for t in [-3_000_000_000_i64, 8_000_000_000] {
                assert_eq!(cache.regime(&tz, t).offset, direct(tz, t), "{tz} at {t}");
            }
        }
    }

    #[test]
    fn the_supported_range_is_memoised() {
        let first = DateTime::from_timestamp(SUPPORTED_FIRST, 0).unwrap();
        let last = DateTime::from_timestamp(SUPPORTED_LAST, 0).unwrap();
        assert_eq!(first.to_rfc3339(), "1900-01-01T00:00:00+00:00");
        assert_eq!(last.to_rfc3339(), "2200-01-01T00:00:00+00:00");
        // The last instant's block and the one after it (looked at when a
        // stretch runs to its block's end) are both in the table.
        let index = (SUPPORTED_LAST - BASE).div_euclid(BLOCK);
        assert_eq!(usize::try_from(index + 1).unwrap(), CACHED_BLOCKS - 1);
    }

    #[test]
    fn fixed_offsets_have_no_changes() {
        let tz = chrono::FixedOffset::west_opt(5 * 3600 + 1800).unwrap();
        let r = ZoneCache::new().regime(&tz, 0);
        assert_eq!(r.offset, -(5 * 3600 + 1800));
        assert_eq!(r.stuck_end, i64::MIN);
    }
}
