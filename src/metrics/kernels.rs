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

use crate::scale::RatingScale;

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

    /// Adds one rating if it lies on the scale; `false` (and no change)
    /// otherwise. For per-row grouped updates: the count saturates rather
    /// than re-adding the total (2^64 ratings are out of reach).
    #[inline]
    pub(crate) fn try_add(&mut self, rating: u8) -> bool {
        match self
            .counts
            .get_mut(usize::from(rating.wrapping_sub(self.scale.min())))
        {
            Some(c) => {
                *c = c.saturating_add(1);
                true
            }
            None => false,
        }
    }

    /// Takes back one rating added by [`try_add`](Self::try_add).
    pub(crate) fn undo(&mut self, rating: u8) {
        if let Some(c) = self
            .counts
            .get_mut(usize::from(rating.wrapping_sub(self.scale.min())))
        {
            *c = c.saturating_sub(1);
        }
    }

    /// Adds a histogram over the same scale (`h[i]` counts `scale.min() +
    /// i`); `None` (and no change) on overflow.
    pub(crate) fn add_histogram(&mut self, h: Vec<u64>) -> Option<()> {
        let other = Self {
            scale: self.scale,
            counts: h,
        };
        self.merge(&other)
    }

    /// Adds projected records; on a bad rating nothing is added (`Err`),
    /// and on an overflow of the number of ratings nothing either
    /// (`Ok(None)`).
    pub(crate) fn extend_by<T>(
        &mut self,
        records: &[T],
        rating: impl FnMut(&T) -> u8,
    ) -> Result<Option<()>, BadValue> {
        let h = histogram_by(records, rating, self.scale)?;
        Ok(self.add_histogram(h))
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

// ---- float columns -----------------------------------------------------

/// Lanes of [`float_range`]: two SSE2 registers per accumulator (with
/// four accumulators, more lanes spill registers).
const FLOAT_LANES: usize = 4;

/// The smallest and largest value of a column whose every value lies in
/// `0..=max`; `None` when some value does not (NaN, negative, above `max`;
/// find it with a plain scan). An empty column gives `(+∞, −∞)`.
///
/// Branch-free lane loops that LLVM keeps in SSE2 registers: per lane a
/// minimum and a maximum written as comparisons (`minpd`/`maxpd`
/// semantics: a NaN never replaces the running value) and a sum of
/// `x · 0`, which stays 0 for finite values and turns NaN for good at the
/// first NaN or infinity. `-0.0` counts as 0 (the minimum is then 0).
pub(crate) fn float_range(values: &[f64], max: f64) -> Option<(f64, f64)> {
    float_range_above::<false>(values, max, 0.0).map(|(lo, hi, _)| (lo, hi))
}

/// [`float_range`], and (when `ABOVE`) the smallest value above
/// `threshold` (+∞ when none) from the same pass.
pub(crate) fn float_range_above<const ABOVE: bool>(
    values: &[f64],
    max: f64,
    threshold: f64,
) -> Option<(f64, f64, f64)> {
    let mut lo = [f64::INFINITY; FLOAT_LANES];
    let mut hi = [f64::NEG_INFINITY; FLOAT_LANES];
    let mut above = [f64::INFINITY; FLOAT_LANES];
    let mut poison = [0.0_f64; FLOAT_LANES];
    let mut it = values.chunks_exact(FLOAT_LANES);
    for chunk in &mut it {
        let Ok(chunk) = <&[f64; FLOAT_LANES]>::try_from(chunk) else {
            continue;
        };
        for ((((l, h), a), p), &x) in lo
            .iter_mut()
            .zip(hi.iter_mut())
            .zip(above.iter_mut())
            .zip(poison.iter_mut())
            .zip(chunk)
        {
            *l = if x < *l { x } else { *l };
            *h = if x > *h { x } else { *h };
            if ABOVE {
                // Two selects rather than `&&`, which LLVM would branch on.
                let candidate = if x > threshold { x } else { f64::INFINITY };
                *a = if candidate < *a { candidate } else { *a };
            }
            *p += x * 0.0;
        }
    }
    let mut low = f64::INFINITY;
    let mut high = f64::NEG_INFINITY;
    let mut least_above = f64::INFINITY;
    let mut clean = true;
    for &x in it.remainder() {
        low = if x < low { x } else { low };
        high = if x > high { x } else { high };
        least_above = if x > threshold && x < least_above {
            x
        } else {
            least_above
        };
        clean &= !(x * 0.0).is_nan();
    }
    for (((&l, &h), &a), &p) in lo.iter().zip(&hi).zip(&above).zip(&poison) {
        low = if l < low { l } else { low };
        high = if h > high { h } else { high };
        least_above = if a < least_above { a } else { least_above };
        clean &= !p.is_nan();
    }
    (clean && (values.is_empty() || (low >= 0.0 && high <= max))).then_some((
        low,
        high,
        least_above,
    ))
}

// ---- record kernels ---------------------------------------------------
//
// Scoring a slice of the caller's structs reads one byte (or two) per
// record, but the memory system delivers whole cache lines: a 64-byte
// record costs a line whatever is read from it, so these loops are bound
// by memory bandwidth as soon as records are a line or so wide. They visit
// records strictly in ascending order with one projection call each, so
// the hardware prefetcher sees one forward stream. (Gathering the bytes
// into a buffer first and counting the buffer with the column kernel is
// fine for small records, but LLVM vectorises the gather as 16-record
// groups loaded back to front, which halves the bandwidth on wide ones.)

/// Records at most this wide are gathered into a buffer and counted with
/// the column kernels; wider ones are counted as they are read.
pub(crate) const GATHER_MAX_RECORD: usize = 16;

/// Records gathered per batch on the gather path.
const GATHER: usize = 4096;

/// The [`BadValue`] of a record kernel, re-based onto the record index.
fn rebase(bad: BadValue, base: usize) -> BadValue {
    BadValue {
        index: bad.index.saturating_add(base),
        value: bad.value,
    }
}

/// Counts, over projected records, the scores `<= detractor_max` and the
/// scores `>= promoter_min`; fails on the first score above 10 (its
/// record index). `score` is called at most once per record, in order
/// (the gather path reads the rest of a batch before checking it).
pub(crate) fn nps_classes_by<T>(
    records: &[T],
    mut score: impl FnMut(&T) -> u8,
    detractor_max: u8,
    promoter_min: u8,
) -> Result<(u64, u64), BadValue> {
    let (mut low, mut high) = (0_u64, 0_u64);
    if size_of::<T>() <= GATHER_MAX_RECORD {
        let mut buf = [0_u8; GATHER];
        let mut base = 0_usize;
        for batch in records.chunks(GATHER) {
            for (slot, r) in buf.iter_mut().zip(batch) {
                *slot = score(r);
            }
            let filled = buf.get(..batch.len()).unwrap_or(&[]);
            let (l, h) = nps_classes(filled, detractor_max, promoter_min)
                .map_err(|bad| rebase(bad, base))?;
            low = low.wrapping_add(l);
            high = high.wrapping_add(h);
            base = base.saturating_add(batch.len());
        }
        return Ok((low, high));
    }
    for (index, r) in records.iter().enumerate() {
        let x = score(r);
        if x > 10 {
            return Err(BadValue { index, value: x });
        }
        // At most one per record: bounded by the slice length.
        low = low.wrapping_add(u64::from(x <= detractor_max));
        high = high.wrapping_add(u64::from(x >= promoter_min));
    }
    Ok((low, high))
}

/// The histogram over `scale` of projected records (index 0 counts
/// `scale.min()`); fails on the first rating off the scale (its record
/// index). `rating` is called at most once per record, in order.
pub(crate) fn histogram_by<T>(
    records: &[T],
    mut rating: impl FnMut(&T) -> u8,
    scale: RatingScale,
) -> Result<Vec<u64>, BadValue> {
    let points = usize::from(scale.points());
    if size_of::<T>() <= GATHER_MAX_RECORD {
        let mut out = vec![0_u64; points];
        let mut buf = [0_u8; GATHER];
        let mut base = 0_usize;
        for batch in records.chunks(GATHER) {
            for (slot, r) in buf.iter_mut().zip(batch) {
                *slot = rating(r);
            }
            let filled = buf.get(..batch.len()).unwrap_or(&[]);
            let h = histogram(filled, scale).map_err(|bad| rebase(bad, base))?;
            for (o, c) in out.iter_mut().zip(h) {
                *o = o.wrapping_add(c);
            }
            base = base.saturating_add(batch.len());
        }
        return Ok(out);
    }
    let min = scale.min();
    // Four tables, one per record position mod 4, so that equal ratings in
    // consecutive records do not wait on each other's increments. Indexed
    // by `rating - min` as a u8: always in bounds.
    let mut tables = [[0_u64; 256]; 4];
    let mut index = 0_usize;
    let mut quads = records.chunks_exact(4);
    for quad in &mut quads {
        for (table, r) in tables.iter_mut().zip(quad) {
            let x = rating(r);
            let off = x.wrapping_sub(min);
            if usize::from(off) >= points {
                return Err(BadValue { index, value: x });
            }
            if let Some(c) = table.get_mut(usize::from(off)) {
                *c = c.wrapping_add(1);
            }
            index = index.wrapping_add(1);
        }
    }
    for r in quads.remainder() {
        let x = rating(r);
        let off = x.wrapping_sub(min);
        if usize::from(off) >= points {
            return Err(BadValue { index, value: x });
        }
        if let Some(c) = tables.first_mut().and_then(|t| t.get_mut(usize::from(off))) {
            *c = c.wrapping_add(1);
        }
        index = index.wrapping_add(1);
    }
    Ok((0..points)
        .map(|v| {
            tables
                .iter()
                .fold(0_u64, |a, t| a.wrapping_add(t.get(v).copied().unwrap_or(0)))
        })
        .collect())
}

/// Grouped NPS classes of projected `(key, score)` records: `out[k]` =
/// (detractors, passives, promoters) of key `k`, for every key up to the
/// largest seen. Fails on the first score above 10 (its record index).
/// `f` is called once per record, in order, up to the first bad score.
pub(crate) fn grouped_nps_by<T, K: Copy + Into<usize>>(
    records: &[T],
    mut f: impl FnMut(&T) -> (K, u8),
    classes: &[u8; 256],
) -> Result<Vec<[u64; 3]>, BadValue> {
    // One row of four counters per key (the fourth is never used; it keeps
    // rows a power of two apart), grown to the largest key seen.
    let mut table: Vec<[u64; 4]> = Vec::new();
    for (index, r) in records.iter().enumerate() {
        let (k, s) = f(r);
        let class = classes.get(usize::from(s)).copied().unwrap_or(3);
        if class > 2 {
            return Err(BadValue { index, value: s });
        }
        let k: usize = k.into();
        if k >= table.len() {
            table.resize(k.saturating_add(1), [0; 4]);
        }
        if let Some(c) = table
            .get_mut(k)
            .and_then(|row| row.get_mut(usize::from(class)))
        {
            *c = c.wrapping_add(1);
        }
    }
    Ok(table.into_iter().map(|[d, m, p, _]| [d, m, p]).collect())
}

/// Grouped histograms of projected `(key, rating)` records: `out[k]` is
/// the histogram over `scale` of key `k` (flattened, `points` entries per
/// key), for every key up to the largest seen. Fails on the first rating
/// off the scale (its record index).
pub(crate) fn grouped_histogram_by<T, K: Copy + Into<usize>>(
    records: &[T],
    mut f: impl FnMut(&T) -> (K, u8),
    scale: RatingScale,
) -> Result<Vec<u64>, BadValue> {
    let points = usize::from(scale.points());
    let min = scale.min();
    let mut table: Vec<u64> = Vec::new();
    for (index, r) in records.iter().enumerate() {
        let (k, x) = f(r);
        let off = usize::from(x.wrapping_sub(min));
        if off >= points {
            return Err(BadValue { index, value: x });
        }
        // k · points + off < 65 536 · 256: no overflow.
        let slot = k.into().saturating_mul(points).saturating_add(off);
        if slot >= table.len() {
            let rows = k.into().saturating_add(1);
            table.resize(rows.saturating_mul(points), 0);
        }
        if let Some(c) = table.get_mut(slot) {
            *c = c.wrapping_add(1);
        }
    }
    Ok(table)
}

// ---- grouped updates by row group index (query engines) ----------------

/// Which rows of a batch count, as a bitmap in Arrow's layout: row `i`
/// counts when bit `offset + i` is set, bit `j` being bit `j % 8` (least
/// significant first) of byte `j / 8`. Use it for a validity bitmap (null
/// values are skipped), a filter, or both combined.
///
/// ```
/// use carekit::metrics::RowMask;
/// // Rows 0 and 2 count, row 1 does not: 0b101.
/// let mask = RowMask::new(&[0b0000_0101], 0);
/// assert!(mask.counts(0) && !mask.counts(1) && mask.counts(2));
/// // The same bits read from bit 1 on: row 0 is bit 1.
/// assert!(!RowMask::new(&[0b0000_0101], 1).counts(0));
/// assert_eq!(mask.rows(), 8); // the bitmap covers 8 rows
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowMask<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> RowMask<'a> {
    /// A mask over `bits`, whose row 0 is bit `offset`.
    ///
    /// ```
    /// use carekit::metrics::RowMask;
    /// let mask = RowMask::new(&[0xFF, 0x01], 3);
    /// assert_eq!(mask.rows(), 13); // 16 bits less the 3 skipped
    /// // Row 4 is bit 7 (set), row 5 bit 8 (bit 0 of the second byte, set),
    /// // row 6 bit 9 (clear).
    /// assert!(mask.counts(4) && mask.counts(5) && !mask.counts(6));
    /// ```
    pub fn new(bits: &'a [u8], offset: usize) -> Self {
        Self { bits, offset }
    }

    /// Whether row `row` counts (`false` beyond the bitmap).
    ///
    /// ```
    /// use carekit::metrics::RowMask;
    /// let mask = RowMask::new(&[0b10], 0);
    /// assert_eq!((mask.counts(0), mask.counts(1), mask.counts(8)), (false, true, false));
    /// ```
    #[inline]
    pub fn counts(&self, row: usize) -> bool {
        let bit = self.offset.saturating_add(row);
        self.bits
            .get(bit >> 3)
            .is_some_and(|&b| (b >> (bit & 7)) & 1 == 1)
    }

    /// The 64 bits of rows `row..row + 64` (bit `j` for row `row + j`;
    /// rows beyond the bitmap read as 0).
    #[inline]
    fn word(&self, row: usize) -> u64 {
        let bit = self.offset.saturating_add(row);
        let start = bit >> 3;
        let mut bytes = [0_u8; 16];
        if let Some(src) = self.bits.get(start..) {
            for (d, s) in bytes.iter_mut().zip(src.iter().take(9)) {
                *d = *s;
            }
        }
        // Truncation keeps the 64 bits wanted.
        #[allow(
            clippy::cast_possible_truncation,
            reason = "the low 64 bits after the shift are the rows wanted"
        )]
        let w = (u128::from_le_bytes(bytes) >> (bit & 7)) as u64;
        w
    }

    /// The number of rows the bitmap covers (its bits less the offset).
    ///
    /// ```
    /// use carekit::metrics::RowMask;
    /// assert_eq!(RowMask::new(&[0, 0], 0).rows(), 16);
    /// assert_eq!(RowMask::new(&[0], 9).rows(), 0);
    /// ```
    pub fn rows(&self) -> usize {
        self.bits
            .len()
            .saturating_mul(8)
            .saturating_sub(self.offset)
    }
}

/// Why a grouped update stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupedStop {
    /// The columns (or the mask) are shorter than the group indices.
    Length {
        /// Which column (`"scores"`, `"row mask"`).
        column: &'static str,
        /// Its length in rows.
        len: usize,
        /// The number of group indices.
        rows: usize,
    },
    /// A group index past the groups.
    Group {
        /// The row.
        row: usize,
        /// Its group index.
        index: usize,
        /// The number of groups.
        groups: usize,
    },
    /// A value the row's group does not accept.
    Value(BadValue),
}

impl GroupedStop {
    /// The public error, naming the value as `field` on `scale`.
    pub(crate) fn into_error(self, field: &'static str, scale: RatingScale) -> crate::error::Error {
        use crate::metrics::MetricsError;
        match self {
            Self::Length { column, len, rows } => MetricsError::LengthMismatch {
                left: "group indices",
                left_len: rows,
                right: column,
                right_len: len,
            },
            Self::Group { row, index, groups } => {
                MetricsError::GroupIndexOutOfRange { row, index, groups }
            }
            Self::Value(bad) => MetricsError::ColumnValueOutOfScale {
                field,
                value: bad.value,
                index: bad.index,
                scale,
            },
        }
        .into()
    }
}

/// Adds row `i`'s value `values[i]` to `groups[group_indices[i]]` for every
/// row that `mask` lets count (every row without a mask), with `add`,
/// which returns `false` (changing nothing) for a value its group does not
/// accept. On the first bad row (group index out of range, value refused)
/// every row added before it is taken back with `undo`, so the groups end
/// as they started, and the row is named.
pub(crate) fn update_groups<G>(
    groups: &mut [G],
    group_indices: &[usize],
    values: &[u8],
    mask: Option<RowMask<'_>>,
    mut add: impl FnMut(&mut G, u8) -> bool,
    undo: impl FnMut(&mut G, u8),
) -> Result<(), GroupedStop> {
    check_rows(group_indices.len(), values.len(), mask)?;
    let n_groups = groups.len();
    let mut stop = None;
    match mask {
        None => {
            for (row, (&g, &v)) in group_indices.iter().zip(values).enumerate() {
                let Some(group) = groups.get_mut(g) else {
                    stop = Some((
                        row,
                        GroupedStop::Group {
                            row,
                            index: g,
                            groups: n_groups,
                        },
                    ));
                    break;
                };
                if !add(group, v) {
                    stop = Some((
                        row,
                        GroupedStop::Value(BadValue {
                            index: row,
                            value: v,
                        }),
                    ));
                    break;
                }
            }
        }
        Some(m) => {
            // 64 rows at a time: a full word (no null, the common case)
            // takes the plain loop, a partial one visits its set bits.
            let mut visit = |row: usize, g: usize, v: u8| -> Option<(usize, GroupedStop)> {
                let Some(group) = groups.get_mut(g) else {
                    return Some((
                        row,
                        GroupedStop::Group {
                            row,
                            index: g,
                            groups: n_groups,
                        },
                    ));
                };
                if add(group, v) {
                    None
                } else {
                    Some((
                        row,
                        GroupedStop::Value(BadValue {
                            index: row,
                            value: v,
                        }),
                    ))
                }
            };
            let mut first = 0_usize;
            'words: for (ix, vs) in group_indices.chunks(64).zip(values.chunks(64)) {
                let word = m.word(first);
                if word == u64::MAX && ix.len() == 64 {
                    for (j, (&g, &v)) in ix.iter().zip(vs).enumerate() {
                        if let Some(s) = visit(first.wrapping_add(j), g, v) {
                            stop = Some(s);
                            break 'words;
                        }
                    }
                } else {
                    let mut bits = word;
                    while bits != 0 {
                        let j = bits.trailing_zeros() as usize;
                        bits &= bits.wrapping_sub(1);
                        let (Some(&g), Some(&v)) = (ix.get(j), vs.get(j)) else {
                            break;
                        };
                        if let Some(s) = visit(first.wrapping_add(j), g, v) {
                            stop = Some(s);
                            break 'words;
                        }
                    }
                }
                first = first.wrapping_add(64);
            }
        }
    }
    let Some((bad_row, why)) = stop else {
        return Ok(());
    };
    take_back(groups, group_indices, values, mask, bad_row, undo);
    Err(why)
}

/// The columns and the mask must cover every row.
fn check_rows(rows: usize, values: usize, mask: Option<RowMask<'_>>) -> Result<(), GroupedStop> {
    if values != rows {
        return Err(GroupedStop::Length {
            column: "scores",
            len: values,
            rows,
        });
    }
    if let Some(m) = mask {
        if m.rows() < rows {
            return Err(GroupedStop::Length {
                column: "row mask",
                len: m.rows(),
                rows,
            });
        }
    }
    Ok(())
}

/// Takes back every counted row before `bad_row` (all of them were added).
fn take_back<G>(
    groups: &mut [G],
    group_indices: &[usize],
    values: &[u8],
    mask: Option<RowMask<'_>>,
    bad_row: usize,
    mut undo: impl FnMut(&mut G, u8),
) {
    for (row, (&g, &v)) in group_indices.iter().zip(values).enumerate().take(bad_row) {
        if mask.is_none_or(|m| m.counts(row)) {
            if let Some(group) = groups.get_mut(g) {
                undo(group, v);
            }
        }
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

    #[test]
    fn float_range_finds_every_bad_value_in_every_lane() {
        // Each bad value at each position of a 23-value column (5 full
        // lane groups of 4 and a remainder of 3), everything else valid.
        for bad in [f64::NAN, -f64::NAN, f64::INFINITY, -1.0, -1e-300, 11.0] {
            for at in 0..23 {
                let mut v: Vec<f64> = (0..23).map(|i| f64::from(i) / 4.0 + 0.5).collect();
                v[at] = bad;
                assert_eq!(float_range(&v, 10.0), None, "{bad} at {at}");
                assert_eq!(
                    float_range_above::<true>(&v, 10.0, 1.0),
                    None,
                    "{bad} at {at}"
                );
            }
        }
    }

    #[test]
    fn float_range_reports_min_max_and_the_least_value_above() {
        assert_eq!(
            float_range(&[], 1.0),
            Some((f64::INFINITY, f64::NEG_INFINITY))
        );
        // -0.0 and the limit itself are valid; -0.0 == 0.0 is the minimum.
        let v = [3.0, -0.0, 10.0, 2.5, 0.25, 7.0, 0.0, 9.5, 1.0];
        let (lo, hi) = float_range(&v, 10.0).unwrap();
        assert_eq!((lo, hi), (0.0, 10.0));
        for n in 0..=v.len() {
            let part = &v[..n];
            let want_lo = part.iter().copied().fold(f64::INFINITY, f64::min);
            let want_hi = part.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let want_above = part
                .iter()
                .copied()
                .filter(|&x| x > 0.5)
                .fold(f64::INFINITY, f64::min);
            assert_eq!(
                float_range_above::<true>(part, 10.0, 0.5),
                Some((want_lo, want_hi, want_above)),
                "first {n}"
            );
        }
        assert_eq!(float_range(&v, 9.75), None); // 10 is above the limit
    }
}
