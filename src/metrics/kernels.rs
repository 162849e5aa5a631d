//! Column kernels: counting survey answers in `&[u8]` columns fast, without
//! `unsafe` and without `target-cpu=native`.
//!
//! The trick is narrow counters. A block of at most `255 × LANES` bytes is
//! walked `LANES` bytes at a time; each lane keeps a `u8` counter per
//! question asked of the byte (`x <= detractor_max`, `x == v`, ...), which
//! cannot wrap because it is incremented at most 255 times per block. LLVM
//! turns these fixed-width lane loops into SSE2 byte compares and
//! subtractions (16 bytes per instruction, part of the x86-64 baseline).
//! After each block the lanes are flushed into `u64` totals. Validity is
//! checked per block with lane-wise minimum and maximum; only when a block
//! holds a bad value is it scanned again to find the first offender's index.
//!
//! Every kernel returns totals for the whole input or the first bad value,
//! and never writes into an accumulator itself, so a rejected column leaves
//! the caller's state unchanged.

use crate::RatingScale;

/// Bytes per lane group (two SSE2 registers).
const LANES: usize = 32;
/// Bytes per block: each `u8` lane counter is bumped at most 255 times.
const BLOCK: usize = LANES * 255;
/// Largest scale (in points) counted with lane counters; wider scales use a
/// per-value table.
const LANE_HISTOGRAM_MAX_POINTS: u16 = 16;
/// Rows per block of the grouped kernel: its `u32` counters cannot wrap.
const GROUP_BLOCK: usize = 1 << 30;

/// The first value of a column outside its scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadValue {
    /// Its position in the column.
    pub(crate) index: usize,
    /// The value.
    pub(crate) value: u8,
}

/// Sums `u8` lane counters.
fn flush(lanes: &[u8; LANES]) -> u64 {
    lanes.iter().map(|&c| u64::from(c)).sum()
}

/// Finds the first value outside `min..=max` in `block`, reporting its
/// index offset by `base`.
fn first_bad(block: &[u8], base: usize, min: u8, max: u8) -> Option<BadValue> {
    block
        .iter()
        .position(|&x| x < min || x > max)
        .and_then(|i| {
            block.get(i).map(|&value| BadValue {
                index: base.saturating_add(i),
                value,
            })
        })
}

/// Lane-wise minimum and maximum of a block (at most [`BLOCK`] bytes).
fn block_min_max(block: &[u8]) -> (u8, u8) {
    let mut lo = [u8::MAX; LANES];
    let mut hi = [0_u8; LANES];
    let mut it = block.chunks_exact(LANES);
    for chunk in &mut it {
        let Ok(chunk) = <&[u8; LANES]>::try_from(chunk) else {
            continue;
        };
        for ((l, h), &x) in lo.iter_mut().zip(hi.iter_mut()).zip(chunk) {
            *l = (*l).min(x);
            *h = (*h).max(x);
        }
    }
    let rest = it.remainder();
    (
        lo.iter().chain(rest).copied().min().unwrap_or(u8::MAX),
        hi.iter().chain(rest).copied().max().unwrap_or(0),
    )
}

/// Counts, in an NPS column, the values `<= detractor_max` and the values
/// `>= promoter_min`; fails on the first value above 10.
pub(crate) fn nps_classes(
    data: &[u8],
    detractor_max: u8,
    promoter_min: u8,
) -> Result<(u64, u64), BadValue> {
    let (mut low, mut high) = (0_u64, 0_u64);
    let mut base = 0_usize;
    for block in data.chunks(BLOCK) {
        let mut lo = [0_u8; LANES];
        let mut hi = [0_u8; LANES];
        let mut mx = [0_u8; LANES];
        let mut it = block.chunks_exact(LANES);
        for chunk in &mut it {
            let Ok(chunk) = <&[u8; LANES]>::try_from(chunk) else {
                continue;
            };
            for (((l, h), m), &x) in lo
                .iter_mut()
                .zip(hi.iter_mut())
                .zip(mx.iter_mut())
                .zip(chunk)
            {
                // At most 255 increments per block (BLOCK = 255 × LANES):
                // the u8 lane counters never wrap.
                *l = l.wrapping_add(u8::from(x <= detractor_max));
                *h = h.wrapping_add(u8::from(x >= promoter_min));
                *m = (*m).max(x);
            }
        }
        let rest = it.remainder();
        if mx.iter().chain(rest).any(|&x| x > 10) {
            if let Some(bad) = first_bad(block, base, 0, 10) {
                return Err(bad);
            }
        }
        let rest_low = rest.iter().filter(|&&x| x <= detractor_max).count();
        let rest_high = rest.iter().filter(|&&x| x >= promoter_min).count();
        // Totals are bounded by the slice length, itself below u64::MAX.
        low = low
            .saturating_add(flush(&lo))
            .saturating_add(rest_low as u64);
        high = high
            .saturating_add(flush(&hi))
            .saturating_add(rest_high as u64);
        base = base.saturating_add(block.len());
    }
    Ok((low, high))
}

/// Counts four values at once in a block (at most [`BLOCK`] bytes).
fn count_four(block: &[u8], v: [u8; 4]) -> [u64; 4] {
    let [v0, v1, v2, v3] = v;
    let mut c0 = [0_u8; LANES];
    let mut c1 = [0_u8; LANES];
    let mut c2 = [0_u8; LANES];
    let mut c3 = [0_u8; LANES];
    let mut it = block.chunks_exact(LANES);
    for chunk in &mut it {
        let Ok(chunk) = <&[u8; LANES]>::try_from(chunk) else {
            continue;
        };
        for ((((a, b), c), d), &x) in c0
            .iter_mut()
            .zip(c1.iter_mut())
            .zip(c2.iter_mut())
            .zip(c3.iter_mut())
            .zip(chunk)
        {
            // At most 255 increments per block: never wraps.
            *a = a.wrapping_add(u8::from(x == v0));
            *b = b.wrapping_add(u8::from(x == v1));
            *c = c.wrapping_add(u8::from(x == v2));
            *d = d.wrapping_add(u8::from(x == v3));
        }
    }
    let rest = it.remainder();
    let tail = |v: u8| rest.iter().map(|&x| u64::from(x == v)).sum::<u64>();
    [
        flush(&c0).saturating_add(tail(v0)),
        flush(&c1).saturating_add(tail(v1)),
        flush(&c2).saturating_add(tail(v2)),
        flush(&c3).saturating_add(tail(v3)),
    ]
}

/// The histogram of a column over `scale` (index 0 counts `scale.min()`);
/// fails on the first value off the scale.
pub(crate) fn histogram(data: &[u8], scale: RatingScale) -> Result<Vec<u64>, BadValue> {
    let points = usize::from(scale.points());
    let mut out = vec![0_u64; points];
    if scale.points() > LANE_HISTOGRAM_MAX_POINTS {
        histogram_table(data, scale, &mut out)?;
        return Ok(out);
    }
    let (min, max) = (scale.min(), scale.max());
    let mut base = 0_usize;
    for block in data.chunks(BLOCK) {
        let (lo, hi) = block_min_max(block);
        if lo < min || hi > max {
            if let Some(bad) = first_bad(block, base, min, max) {
                return Err(bad);
            }
        }
        // Count every point but the last in groups of four; the last is
        // what remains of the (now validated) block.
        let mut counted = 0_u64;
        let Some((last, others)) = out.split_last_mut() else {
            // A scale has at least two points.
            continue;
        };
        for (group, slots) in others.chunks_mut(4).enumerate() {
            // group < 4 because points <= 16; the offsets stay below 256.
            let first = min.wrapping_add(u8::try_from(group.saturating_mul(4)).unwrap_or(0));
            let vals = [
                first,
                first.wrapping_add(1),
                first.wrapping_add(2),
                first.wrapping_add(3),
            ];
            for (slot, c) in slots.iter_mut().zip(count_four(block, vals)) {
                *slot = slot.saturating_add(c);
                counted = counted.saturating_add(c);
            }
        }
        *last = last.saturating_add((block.len() as u64).saturating_sub(counted));
        base = base.saturating_add(block.len());
    }
    Ok(out)
}

/// Histogram with four interleaved `u32` tables (for wide scales).
fn histogram_table(data: &[u8], scale: RatingScale, out: &mut [u64]) -> Result<(), BadValue> {
    let (min, max) = (scale.min(), scale.max());
    let mut base = 0_usize;
    for block in data.chunks(GROUP_BLOCK) {
        let mut tables = [[0_u32; 256]; 4];
        let mut it = block.chunks_exact(4);
        for quad in &mut it {
            for (table, &x) in tables.iter_mut().zip(quad) {
                // u8 index into a 256-entry table: always in bounds.
                if let Some(c) = table.get_mut(usize::from(x)) {
                    // At most 2^30 increments per block: never wraps.
                    *c = c.wrapping_add(1);
                }
            }
        }
        for &x in it.remainder() {
            if let Some(c) = tables[0].get_mut(usize::from(x)) {
                *c = c.wrapping_add(1);
            }
        }
        let total = |v: usize| -> u64 {
            tables
                .iter()
                .map(|t| u64::from(t.get(v).copied().unwrap_or(0)))
                .sum()
        };
        let off_scale = (0..usize::from(min)).chain(usize::from(max).saturating_add(1)..256);
        if off_scale.into_iter().any(|v| total(v) > 0) {
            if let Some(bad) = first_bad(block, base, min, max) {
                return Err(bad);
            }
        }
        for (slot, v) in out.iter_mut().zip(usize::from(min)..=usize::from(max)) {
            *slot = slot.saturating_add(total(v));
        }
        base = base.saturating_add(block.len());
    }
    Ok(())
}

/// NPS class of every byte value: 0 detractor, 1 passive, 2 promoter,
/// 3 invalid (above 10).
pub(crate) fn nps_class_table(detractor_max: u8, promoter_min: u8) -> [u8; 256] {
    let mut t = [3_u8; 256];
    for (v, slot) in (0_u8..=10).zip(t.iter_mut()) {
        *slot = if v <= detractor_max {
            0
        } else if v >= promoter_min {
            2
        } else {
            1
        };
    }
    t
}

/// Grouped NPS classes: for each key value `k < groups`, counts of
/// detractors, passives and promoters at `out[k]`. `keys` and `scores` have
/// equal lengths; every key is below `groups`.
pub(crate) fn grouped_nps<K: Copy + Into<usize>>(
    keys: &[K],
    scores: &[u8],
    groups: usize,
    classes: &[u8; 256],
) -> Result<Vec<[u64; 3]>, BadValue> {
    let mut out = vec![[0_u64; 3]; groups];
    let slots = groups.saturating_mul(4);
    let mut base = 0_usize;
    for (kb, sb) in keys.chunks(GROUP_BLOCK).zip(scores.chunks(GROUP_BLOCK)) {
        // Four interleaved tables so that consecutive rows with the same
        // key and class do not wait on each other's increments.
        let mut tables = vec![vec![0_u32; slots]; 4];
        let mut kq = kb.chunks_exact(4);
        let mut sq = sb.chunks_exact(4);
        for (k4, s4) in (&mut kq).zip(&mut sq) {
            for ((table, &k), &s) in tables.iter_mut().zip(k4).zip(s4) {
                let class = classes.get(usize::from(s)).copied().unwrap_or(3);
                let slot = k
                    .into()
                    .saturating_mul(4)
                    .saturating_add(usize::from(class));
                if let Some(c) = table.get_mut(slot) {
                    // At most 2^30 increments per block: never wraps.
                    *c = c.wrapping_add(1);
                }
            }
        }
        if let Some(table) = tables.first_mut() {
            for (&k, &s) in kq.remainder().iter().zip(sq.remainder()) {
                let class = classes.get(usize::from(s)).copied().unwrap_or(3);
                let slot = k
                    .into()
                    .saturating_mul(4)
                    .saturating_add(usize::from(class));
                if let Some(c) = table.get_mut(slot) {
                    *c = c.wrapping_add(1);
                }
            }
        }
        let sum = |slot: usize| -> u64 {
            tables
                .iter()
                .map(|t| u64::from(t.get(slot).copied().unwrap_or(0)))
                .sum()
        };
        if (0..groups).any(|g| sum(g.saturating_mul(4).saturating_add(3)) > 0) {
            if let Some(bad) = first_bad(sb, base, 0, 10) {
                return Err(bad);
            }
        }
        for (g, counts) in out.iter_mut().enumerate() {
            for (class, c) in counts.iter_mut().enumerate() {
                *c = c.saturating_add(sum(g.saturating_mul(4).saturating_add(class)));
            }
        }
        base = base.saturating_add(sb.len());
    }
    Ok(out)
}

/// Largest number of groups counted with lane counters by
/// [`grouped_nps_u8`]; above it the four-table path is faster.
const LANE_GROUPS_MAX: usize = 12;

/// Grouped NPS classes over a `u8` key column: for each key value `k`,
/// `out[k]` = (detractors, passives, promoters); `out` has one entry per key
/// value up to the largest key present.
///
/// With few groups (at most [`LANE_GROUPS_MAX`]) each block is counted
/// with lane counters, one pass per group over byte masks computed once
/// per block; with more groups, with four interleaved count tables.
pub(crate) fn grouped_nps_u8(
    keys: &[u8],
    scores: &[u8],
    detractor_max: u8,
    promoter_min: u8,
) -> Result<Vec<[u64; 3]>, BadValue> {
    let groups = keys
        .chunks(BLOCK)
        .map(|b| block_min_max(b).1)
        .max()
        .map_or(0, |m| usize::from(m).saturating_add(1));
    if groups > LANE_GROUPS_MAX {
        let classes = nps_class_table(detractor_max, promoter_min);
        return grouped_nps_tables_u8(keys, scores, groups, &classes);
    }
    let mut out = vec![[0_u64; 3]; groups];
    let mut low_mask = [0_u8; BLOCK];
    let mut high_mask = [0_u8; BLOCK];
    let mut base = 0_usize;
    for (kb, sb) in keys.chunks(BLOCK).zip(scores.chunks(BLOCK)) {
        if block_min_max(sb).1 > 10 {
            if let Some(bad) = first_bad(sb, base, 0, 10) {
                return Err(bad);
            }
        }
        for ((l, h), &s) in low_mask.iter_mut().zip(high_mask.iter_mut()).zip(sb) {
            *l = if s <= detractor_max { 0xFF } else { 0 };
            *h = if s >= promoter_min { 0xFF } else { 0 };
        }
        let lm = low_mask.get(..sb.len()).unwrap_or(&[]);
        let hm = high_mask.get(..sb.len()).unwrap_or(&[]);
        for (g, slot) in (0_u8..=u8::MAX).zip(out.iter_mut()) {
            let [low, mid, high] = count_group(kb, lm, hm, g);
            let [sd, sm, sp] = slot;
            *sd = sd.saturating_add(low);
            *sm = sm.saturating_add(mid);
            *sp = sp.saturating_add(high);
        }
        base = base.saturating_add(sb.len());
    }
    Ok(out)
}

/// (detractors, passives, promoters) of key `g` in a block, given the
/// block's low and high byte masks.
fn count_group(keys: &[u8], low_mask: &[u8], high_mask: &[u8], group: u8) -> [u64; 3] {
    let mut all = [0_u8; LANES];
    let mut lo = [0_u8; LANES];
    let mut hi = [0_u8; LANES];
    let mut kit = keys.chunks_exact(LANES);
    let mut lit = low_mask.chunks_exact(LANES);
    let mut hit = high_mask.chunks_exact(LANES);
    for ((kc, lc), hc) in (&mut kit).zip(&mut lit).zip(&mut hit) {
        let (Ok(kc), Ok(lc), Ok(hc)) = (
            <&[u8; LANES]>::try_from(kc),
            <&[u8; LANES]>::try_from(lc),
            <&[u8; LANES]>::try_from(hc),
        ) else {
            continue;
        };
        for (((((cn, ln), hn), &kx), &lx), &hx) in all
            .iter_mut()
            .zip(lo.iter_mut())
            .zip(hi.iter_mut())
            .zip(kc)
            .zip(lc)
            .zip(hc)
        {
            let m = if kx == group { 0xFF_u8 } else { 0 };
            // Subtracting 0xFF adds one; at most 255 times per block, so
            // the u8 lane counters never wrap.
            *cn = cn.wrapping_sub(m);
            *ln = ln.wrapping_sub(m & lx);
            *hn = hn.wrapping_sub(m & hx);
        }
    }
    let (mut n, mut low, mut high) = (flush(&all), flush(&lo), flush(&hi));
    for ((&kx, &lx), &hx) in kit
        .remainder()
        .iter()
        .zip(lit.remainder())
        .zip(hit.remainder())
    {
        if kx == group {
            n = n.saturating_add(1);
            low = low.saturating_add(u64::from(lx & 1));
            high = high.saturating_add(u64::from(hx & 1));
        }
    }
    // low + high <= n: the classes are disjoint.
    [low, n.saturating_sub(low).saturating_sub(high), high]
}

/// The four-table grouped kernel for `u8` keys, with fixed-size tables
/// (256 keys × 4 classes) so that no index needs a bounds check.
fn grouped_nps_tables_u8(
    keys: &[u8],
    scores: &[u8],
    groups: usize,
    classes: &[u8; 256],
) -> Result<Vec<[u64; 3]>, BadValue> {
    let mut out = vec![[0_u64; 3]; groups];
    let mut base = 0_usize;
    for (kb, sb) in keys.chunks(GROUP_BLOCK).zip(scores.chunks(GROUP_BLOCK)) {
        let mut tables = Box::new([[0_u32; 1024]; 4]);
        let slot = |k: u8, s: u8| -> usize {
            let class = classes.get(usize::from(s)).copied().unwrap_or(3);
            (usize::from(k) << 2) | usize::from(class & 3)
        };
        let mut kq = kb.chunks_exact(4);
        let mut sq = sb.chunks_exact(4);
        for (k4, s4) in (&mut kq).zip(&mut sq) {
            for ((table, &k), &s) in tables.iter_mut().zip(k4).zip(s4) {
                // slot < 1024 by construction; at most 2^30 increments per
                // block, so the u32 counters never wrap.
                if let Some(c) = table.get_mut(slot(k, s)) {
                    *c = c.wrapping_add(1);
                }
            }
        }
        for (&k, &s) in kq.remainder().iter().zip(sq.remainder()) {
            if let Some(c) = tables.first_mut().and_then(|t| t.get_mut(slot(k, s))) {
                *c = c.wrapping_add(1);
            }
        }
        let sum = |slot: usize| -> u64 {
            tables
                .iter()
                .map(|t| u64::from(t.get(slot).copied().unwrap_or(0)))
                .sum()
        };
        if (0..groups).any(|g| sum((g << 2) | 3) > 0) {
            if let Some(bad) = first_bad(sb, base, 0, 10) {
                return Err(bad);
            }
        }
        for (g, counts) in out.iter_mut().enumerate() {
            for (class, c) in counts.iter_mut().enumerate() {
                *c = c.saturating_add(sum((g << 2) | class));
            }
        }
        base = base.saturating_add(sb.len());
    }
    Ok(out)
}

/// Counts per point of a rating scale: the mergeable state of CSAT and CES.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ScaleCounts {
    scale: RatingScale,
    /// `counts[i]` counts the rating `scale.min() + i`.
    counts: Vec<u64>,
}

impl ScaleCounts {
    pub(crate) fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            counts: vec![0; usize::from(scale.points())],
        }
    }

    /// Rebuilds from stored counts, which must match the scale.
    pub(crate) fn from_counts(scale: RatingScale, counts: Vec<u64>) -> Option<Self> {
        let total = counts.iter().try_fold(0_u64, |a, &c| a.checked_add(c));
        (counts.len() == usize::from(scale.points()) && total.is_some())
            .then_some(Self { scale, counts })
    }

    pub(crate) fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Adds one rating already known to lie on the scale; `None` (and no
    /// change) if the number of ratings would pass `u64::MAX`.
    pub(crate) fn add(&mut self, rating: u8) -> Option<()> {
        self.total().checked_add(1)?;
        let c = self
            .counts
            .get_mut(usize::from(rating.wrapping_sub(self.scale.min())))?;
        *c = c.checked_add(1)?;
        Some(())
    }

    /// Adds a column; on a bad value nothing is added (`Err`), and on an
    /// overflow of the number of ratings nothing either (`Ok(None)`).
    pub(crate) fn extend(&mut self, data: &[u8]) -> Result<Option<()>, BadValue> {
        let h = histogram(data, self.scale)?;
        let other = Self {
            scale: self.scale,
            counts: h,
        };
        Ok(self.merge(&other))
    }

    /// Adds another histogram on the same scale; `None` (and no change) on
    /// overflow.
    pub(crate) fn merge(&mut self, other: &Self) -> Option<()> {
        let merged = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| a.checked_add(*b))
            .collect::<Option<Vec<u64>>>()?;
        merged.iter().try_fold(0_u64, |a, &c| a.checked_add(c))?;
        self.counts = merged;
        Some(())
    }

    /// `(rating, count)` pairs, lowest rating first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u8, u64)> + '_ {
        (self.scale.min()..=self.scale.max()).zip(self.counts.iter().copied())
    }

    /// Number of ratings for which `pick` holds.
    pub(crate) fn count_where(&self, pick: impl Fn(u8) -> bool) -> u64 {
        self.iter()
            .filter(|&(r, _)| pick(r))
            .fold(0_u64, |a, (_, c)| a.saturating_add(c))
    }

    /// Number of ratings.
    pub(crate) fn total(&self) -> u64 {
        self.counts.iter().fold(0_u64, |a, &c| a.saturating_add(c))
    }

    /// Arithmetic mean of all ratings (`None` when empty). The sum is
    /// exact in `u128` before the one division.
    pub(crate) fn mean(&self) -> Option<f64> {
        let n = self.total();
        let sum = self.iter().fold(0_u128, |a, (r, c)| {
            a.saturating_add(u128::from(r).saturating_mul(u128::from(c)))
        });
        (n > 0).then(|| sum as f64 / n as f64)
    }

    /// Sample variance (divisor n − 1), two-pass over the histogram;
    /// `None` below two ratings.
    pub(crate) fn sample_variance(&self) -> Option<f64> {
        let n = self.total();
        let mean = self.mean()?;
        (n > 1).then(|| {
            let ss: f64 = self
                .iter()
                .map(|(r, c)| {
                    let d = f64::from(r) - mean;
                    c as f64 * d * d
                })
                .sum();
            ss / (n as f64 - 1.0)
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::float_cmp,
    reason = "tests: overflow panics fail the test; expected values are exact"
)]
mod tests {
    use super::*;

    fn naive_hist(data: &[u8], scale: RatingScale) -> Result<Vec<u64>, BadValue> {
        let mut out = vec![0; usize::from(scale.points())];
        for (index, &x) in data.iter().enumerate() {
            if !scale.contains(x) {
                return Err(BadValue { index, value: x });
            }
            out[usize::from(x - scale.min())] += 1;
        }
        Ok(out)
    }

    fn data(n: usize, modulo: u64, offset: u8) -> Vec<u8> {
        let mut s = 7_u64;
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                u8::try_from((s >> 33) % modulo).unwrap() + offset
            })
            .collect()
    }

    #[test]
    fn nps_classes_match_a_naive_count_across_block_boundaries() {
        for n in [
            0,
            1,
            31,
            32,
            33,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            3 * BLOCK + 17,
        ] {
            let d = data(n, 11, 0);
            let low = d.iter().filter(|&&x| x <= 6).count() as u64;
            let high = d.iter().filter(|&&x| x >= 9).count() as u64;
            assert_eq!(nps_classes(&d, 6, 9), Ok((low, high)), "n = {n}");
        }
    }

    #[test]
    fn nps_classes_report_the_first_bad_index() {
        let mut d = data(3 * BLOCK, 11, 0);
        d[2 * BLOCK + 5] = 11;
        d[2 * BLOCK + 9] = 200;
        assert_eq!(
            nps_classes(&d, 6, 9),
            Err(BadValue {
                index: 2 * BLOCK + 5,
                value: 11
            })
        );
        let mut tail = data(BLOCK + 3, 11, 0);
        let last = tail.len() - 1;
        tail[last] = 255;
        assert_eq!(
            nps_classes(&tail, 6, 9),
            Err(BadValue {
                index: last,
                value: 255
            })
        );
    }

    #[test]
    fn histograms_match_a_naive_count() {
        for (min, max) in [(1, 5), (0, 1), (1, 7), (0, 10), (1, 16), (0, 100), (0, 255)] {
            let scale = RatingScale::new(min, max).unwrap();
            let modulo = u64::from(max - min) + 1;
            for n in [0, 5, BLOCK + 3, 2 * BLOCK] {
                let d = data(n, modulo, min);
                assert_eq!(histogram(&d, scale), naive_hist(&d, scale), "{scale} n={n}");
            }
        }
    }

    #[test]
    fn histograms_report_the_first_off_scale_value() {
        for (min, max) in [(1, 5), (1, 100)] {
            let scale = RatingScale::new(min, max).unwrap();
            let mut d = data(2 * BLOCK, u64::from(max - min) + 1, min);
            d[BLOCK + 2] = 0;
            assert_eq!(
                histogram(&d, scale),
                Err(BadValue {
                    index: BLOCK + 2,
                    value: 0
                })
            );
        }
    }

    #[test]
    fn both_u8_grouped_paths_match_a_naive_count() {
        let classes = nps_class_table(6, 9);
        for groups in [1, 6, 12, 13, 64, 256] {
            let keys = data(2 * BLOCK + 77, groups, 0);
            let scores = data(2 * BLOCK + 77, 11, 0);
            let got = grouped_nps_u8(&keys, &scores, 6, 9).unwrap();
            let n = usize::from(*keys.iter().max().unwrap()) + 1;
            let mut want = vec![[0_u64; 3]; n];
            for (&k, &s) in keys.iter().zip(&scores) {
                want[usize::from(k)][usize::from(classes[usize::from(s)])] += 1;
            }
            assert_eq!(got, want, "{groups} groups");
            let mut bad = scores.clone();
            bad[BLOCK + 3] = 11;
            assert_eq!(
                grouped_nps_u8(&keys, &bad, 6, 9),
                Err(BadValue {
                    index: BLOCK + 3,
                    value: 11
                })
            );
        }
    }

    #[test]
    fn grouped_counts_match_a_naive_count() {
        let classes = nps_class_table(6, 9);
        let keys = data(10_003, 6, 0);
        let scores = data(10_003, 11, 0);
        let got = grouped_nps(&keys, &scores, 6, &classes).unwrap();
        let mut want = vec![[0_u64; 3]; 6];
        for (&k, &s) in keys.iter().zip(&scores) {
            want[usize::from(k)][usize::from(classes[usize::from(s)])] += 1;
        }
        assert_eq!(got, want);
        let mut bad = scores.clone();
        bad[10_001] = 42;
        assert_eq!(
            grouped_nps(&keys, &bad, 6, &classes),
            Err(BadValue {
                index: 10_001,
                value: 42
            })
        );
    }
}
