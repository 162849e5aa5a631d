//! The history's index: for each customer, agent and interaction, its grants
//! as time-sorted series with running totals, so what a window holds (the
//! amount, the number of grants and the fingerprint of the set) is two
//! binary searches and a subtraction, however many grants the window holds.
//!
//! Each entity has one series of all its grants (in canonical order, with
//! the grants' ids for the exact walk) and one series per offer kind, so a
//! limit that counts some kinds only sums those series.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::grant::Grant;
use super::offer::OfferKind;
use crate::error::Error;
use crate::money::MoneyError;

/// A bit mask with every offer kind set.
pub(crate) const ALL_KINDS: u8 = (1 << OfferKind::COUNT) - 1;

/// A second, independent 64-bit mix of a grant's hash (the `SplitMix64`
/// finaliser), summed beside the hash itself so the fingerprint of a set
/// of grants carries 128 bits of it.
pub(crate) fn mix(hash: u64) -> u64 {
    let mut z = hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Where a window of grants starts (it ends at an instant, included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// No start: every grant up to the end.
    Open,
    /// After this instant, excluded (a rolling window).
    After(DateTime<Utc>),
    /// At this instant, included (a calendar period).
    From(DateTime<Utc>),
}

/// What a window of grants holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    /// The sum of the amounts, exactly as adding them one by one in
    /// canonical order gives it (value and scale).
    pub(crate) amount: Decimal,
    /// The number of grants.
    pub(crate) count: u32,
    /// The wrapping sum of the grants' canonical hashes.
    pub(crate) hash: u64,
    /// The wrapping sum of [`mix`] of those hashes.
    pub(crate) mix: u64,
}

impl Tally {
    pub(crate) const ZERO: Tally = Tally {
        amount: Decimal::ZERO,
        count: 0,
        hash: 0,
        mix: 0,
    };
}

/// Running totals of a series over the entries before some position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sums {
    /// The amounts' mantissas (all at the series' one scale), saturating:
    /// `i128::MAX` marks a total too large to be exact.
    amount: i128,
    hash: u64,
    mix: u64,
}

/// The scale the amounts of a series share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Scale {
    /// No amounts yet.
    #[default]
    Empty,
    /// Every amount has this scale.
    One(u32),
    /// Amounts with different scales: totals come from the exact walk.
    Mixed,
}

/// One entity's grants (of one kind, or of every kind) in canonical order.
#[derive(Debug, Clone, Default, PartialEq)]
struct Series {
    /// The grants' instants, non-decreasing.
    at: Vec<DateTime<Utc>>,
    /// `sums[i]` totals the entries before `i` (`at.len() + 1` entries
    /// once the series is not empty).
    sums: Vec<Sums>,
    scale: Scale,
    /// The latest instant and the totals of every entry, kept beside the
    /// arrays: most windows end at the request, after every grant, and so
    /// read these instead of the arrays' far ends.
    last: Option<DateTime<Utc>>,
    total: Sums,
}

/// A window's totals from running sums, before they become a `Tally`.
#[derive(Debug, Clone, Copy)]
struct Partial {
    /// The amounts' mantissas at `scale`.
    mantissa: i128,
    scale: u32,
    count: u32,
    hash: u64,
    mix: u64,
}

impl Series {
    /// The positions `lo..hi` of the entries from `start` to `until`
    /// (included).
    fn window(&self, start: Start, until: DateTime<Utc>) -> (usize, usize) {
        let lo = match start {
            Start::Open => 0,
            Start::After(after) => self.at.partition_point(|t| *t <= after),
            Start::From(from) => self.at.partition_point(|t| *t < from),
        };
        // Windows usually end at the request, after every grant: no search.
        let hi = match self.last {
            Some(last) if last <= until => self.at.len(),
            _ => self.at.partition_point(|t| *t <= until),
        };
        (lo, hi.max(lo))
    }

    /// Where a grant at `at` goes, given how many grants of this series
    /// at the same instant come before it in canonical order.
    fn position(&self, at: DateTime<Utc>, ties_before: usize) -> usize {
        self.at
            .partition_point(|t| *t < at)
            .saturating_add(ties_before)
            .min(self.at.len())
    }

    /// Inserts a grant at `pos` and updates the running sums after it:
    /// O(1) amortised at the end, O(entries after `pos`) elsewhere.
    fn insert(&mut self, pos: usize, at: DateTime<Utc>, amount: Decimal, hash: u64) {
        self.scale = match self.scale {
            Scale::Empty => Scale::One(amount.scale()),
            Scale::One(s) if s == amount.scale() => Scale::One(s),
            Scale::One(_) | Scale::Mixed => Scale::Mixed,
        };
        if self.sums.is_empty() {
            self.sums.push(Sums::default());
        }
        let pos = pos.min(self.at.len());
        self.at.insert(pos, at);
        let delta = Sums {
            amount: amount.mantissa(),
            hash,
            mix: mix(hash),
        };
        let add = |s: Sums| Sums {
            amount: s.amount.saturating_add(delta.amount),
            hash: s.hash.wrapping_add(delta.hash),
            mix: s.mix.wrapping_add(delta.mix),
        };
        let before = self.sums.get(pos).copied().unwrap_or_default();
        let next = pos.saturating_add(1);
        self.sums.insert(next.min(self.sums.len()), add(before));
        for s in self.sums.iter_mut().skip(next.saturating_add(1)) {
            *s = add(*s);
        }
        self.total = add(self.total);
        self.last = Some(self.last.map_or(at, |l| l.max(at)));
    }

    /// The running sums before entry `i` (the ends read the totals kept
    /// beside the arrays).
    fn sums_before(&self, i: usize) -> Option<Sums> {
        if i == 0 {
            Some(Sums::default())
        } else if i == self.at.len() {
            Some(self.total)
        } else {
            self.sums.get(i).copied()
        }
    }

    /// The totals of `lo..hi` from the running sums, if they are exact.
    fn partial(&self, lo: usize, hi: usize) -> Option<Partial> {
        let count = u32::try_from(hi.checked_sub(lo)?).ok()?;
        if count == 0 {
            return Some(Partial {
                mantissa: 0,
                scale: 0,
                count: 0,
                hash: 0,
                mix: 0,
            });
        }
        let Scale::One(scale) = self.scale else {
            return None;
        };
        let (low, high) = (self.sums_before(lo)?, self.sums_before(hi)?);
        if high.amount == i128::MAX {
            return None;
        }
        Some(Partial {
            mantissa: high.amount.checked_sub(low.amount)?,
            scale,
            count,
            hash: high.hash.wrapping_sub(low.hash),
            mix: high.mix.wrapping_sub(low.mix),
        })
    }
}

/// Adds partials into one tally while they stay exact: the mantissas are
/// kept at the largest scale among the non-empty partials, which is the
/// scale a one-by-one sum has.
#[derive(Debug, Clone, Copy)]
struct Combined {
    mantissa: i128,
    scale: u32,
    tally: Tally,
}

impl Combined {
    const EMPTY: Combined = Combined {
        mantissa: 0,
        scale: 0,
        tally: Tally::ZERO,
    };

    fn add(mut self, p: Partial) -> Option<Self> {
        if p.count == 0 {
            return Some(self);
        }
        let rescale = |m: i128, by: u32| m.checked_mul(10_i128.checked_pow(by)?);
        let (mine, theirs) = if p.scale > self.scale && self.tally.count > 0 {
            (
                rescale(self.mantissa, p.scale.checked_sub(self.scale)?)?,
                p.mantissa,
            )
        } else {
            (
                self.mantissa,
                rescale(p.mantissa, self.scale.saturating_sub(p.scale))?,
            )
        };
        if self.tally.count == 0 || p.scale > self.scale {
            self.scale = p.scale;
        }
        self.mantissa = mine.checked_add(theirs)?;
        self.tally.count = self.tally.count.checked_add(p.count)?;
        self.tally.hash = self.tally.hash.wrapping_add(p.hash);
        self.tally.mix = self.tally.mix.wrapping_add(p.mix);
        Some(self)
    }

    fn finish(self) -> Option<Tally> {
        if self.tally.count == 0 {
            return Some(Tally::ZERO);
        }
        Some(Tally {
            amount: Decimal::try_from_i128_with_scale(self.mantissa, self.scale).ok()?,
            ..self.tally
        })
    }
}

/// One entity's grants: all of them, and per offer kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Index {
    all: Series,
    /// The id (position in the history's store) of each grant of `all`.
    ids: Vec<u32>,
    /// Behind a box: most limits count every kind and read `all` alone, so
    /// a lookup stays within a few cache lines.
    kinds: Box<[Series; OfferKind::COUNT]>,
}

impl Index {
    /// Inserts grant `id`; `ties` counts, for all kinds and for the grant's
    /// own kind, this entity's grants at the same instant that come before
    /// it in canonical order.
    pub(crate) fn insert(&mut self, id: u32, grant: &Grant, hash: u64, ties: (usize, usize)) {
        let (at, amount) = (grant.at, grant.value.amount());
        let pos = self.all.position(at, ties.0);
        self.all.insert(pos, at, amount, hash);
        self.ids.insert(pos.min(self.ids.len()), id);
        if let Some(kind) = self.kinds.get_mut(grant.kind.index()) {
            let pos = kind.position(at, ties.1);
            kind.insert(pos, at, amount, hash);
        }
    }

    /// The ids of the grants from `start` to `until`, in canonical order.
    pub(crate) fn ids(&self, start: Start, until: DateTime<Utc>) -> &[u32] {
        let (lo, hi) = self.all.window(start, until);
        self.ids.get(lo..hi).unwrap_or(&[])
    }

    /// What the grants from `start` to `until` whose kind is in `kinds`
    /// (a mask of [`OfferKind::bit`]) hold.
    ///
    /// From the running sums when they are exact (every amount of a series
    /// at one scale, totals within `Decimal`); otherwise by adding the
    /// grants one by one in canonical order (`store` maps ids to grants
    /// and their hashes), which is also what the running sums reproduce.
    ///
    /// # Errors
    ///
    /// A money overflow when the one-by-one sum does not fit a `Decimal`.
    pub(crate) fn tally(
        &self,
        store: &[(Grant, u64)],
        kinds: u8,
        start: Start,
        until: DateTime<Utc>,
    ) -> Result<Tally, Error> {
        let (lo, hi) = self.all.window(start, until);
        if lo == hi {
            return Ok(Tally::ZERO);
        }
        if kinds & ALL_KINDS == ALL_KINDS {
            let whole = self.all.partial(lo, hi);
            if let Some(t) = whole.and_then(|p| Combined::EMPTY.add(p)?.finish()) {
                return Ok(t);
            }
        }
        let mut combined = Some(Combined::EMPTY);
        for (kind, series) in OfferKind::ALL.iter().zip(self.kinds.iter()) {
            if kinds & kind.bit() == 0 {
                continue;
            }
            let (lo, hi) = series.window(start, until);
            combined = combined.and_then(|c| c.add(series.partial(lo, hi)?));
            if combined.is_none() {
                break;
            }
        }
        if let Some(t) = combined.and_then(Combined::finish) {
            return Ok(t);
        }
        self.walk(store, kinds, lo, hi)
    }

    /// The one-by-one sum over `lo..hi` of `all`.
    fn walk(
        &self,
        store: &[(Grant, u64)],
        kinds: u8,
        lo: usize,
        hi: usize,
    ) -> Result<Tally, Error> {
        let mut t = Tally::ZERO;
        for &id in self.ids.get(lo..hi).unwrap_or(&[]) {
            let Some((g, hash)) = usize::try_from(id).ok().and_then(|i| store.get(i)) else {
                continue;
            };
            if kinds & g.kind.bit() == 0 {
                continue;
            }
            let value = g.value.amount();
            t.amount = t.amount.checked_add(value).ok_or_else(|| {
                Error::from(MoneyError::Overflow {
                    operation: "addition",
                    left: t.amount,
                    right: value,
                })
            })?;
            t.count = t.count.saturating_add(1);
            t.hash = t.hash.wrapping_add(*hash);
            t.mix = t.mix.wrapping_add(mix(*hash));
        }
        Ok(t)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::id::{AgentId, CustomerId, InteractionId};
    use crate::money::{Currency, Money};
    use chrono::TimeZone;

    fn grant(day: u32, kind: OfferKind, amount: &str) -> Grant {
        Grant::new(
            Utc.with_ymd_and_hms(2024, 5, day, 9, 0, 0).unwrap(),
            AgentId::new("a").unwrap(),
            CustomerId::new("c").unwrap(),
            InteractionId::new("T").unwrap(),
            kind,
            Money::new(amount.parse().unwrap(), Currency::EUR),
        )
        .unwrap()
    }

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, day, 9, 0, 0).unwrap()
    }

    fn index(grants: &[Grant]) -> (Index, Vec<(Grant, u64)>) {
        let mut index = Index::default();
        let mut store = Vec::new();
        for (id, g) in (0_u32..).zip(grants) {
            let hash = u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
            index.insert(id, g, hash, (0, 0));
            store.push((g.clone(), hash));
        }
        (index, store)
    }

    #[test]
    fn running_sums_agree_with_the_walk_in_value_and_scale() {
        // Inserted out of time order: 3rd, 1st, 5th, 2nd of May.
        let grants = [
            grant(3, OfferKind::Refund, "10.50"),
            grant(1, OfferKind::Gift, "2.25"),
            grant(5, OfferKind::Refund, "7.00"),
            grant(2, OfferKind::Credit, "1.00"),
        ];
        let (index, store) = index(&grants);
        for mask in [
            ALL_KINDS,
            OfferKind::Refund.bit(),
            OfferKind::Gift.bit() | OfferKind::Credit.bit(),
        ] {
            for (start, until) in [
                (Start::Open, t(5)),
                (Start::After(t(1)), t(3)),
                (Start::After(t(5)), t(5)),
                (Start::From(t(3)), t(5)),
                (Start::Open, t(2)),
            ] {
                let (lo, hi) = index.all.window(start, until);
                let fast = index.tally(&store, mask, start, until).unwrap();
                let slow = index.walk(&store, mask, lo, hi).unwrap();
                assert_eq!(fast, slow, "{mask:b} {start:?} {until}");
                assert_eq!(fast.amount.scale(), slow.amount.scale());
            }
        }
        // By hand: refunds in (1 May, 5 May] are 10.50 + 7.00 = 17.50.
        let refunds = index
            .tally(&store, OfferKind::Refund.bit(), Start::After(t(1)), t(5))
            .unwrap();
        assert_eq!(
            (refunds.amount, refunds.count),
            ("17.50".parse().unwrap(), 2)
        );
        // Every kind in (1 May, 3 May]: 1.00 + 10.50.
        let all = index
            .tally(&store, ALL_KINDS, Start::After(t(1)), t(3))
            .unwrap();
        assert_eq!((all.amount.to_string().as_str(), all.count), ("11.50", 2));
    }

    #[test]
    fn mixed_scales_walk_and_keep_the_scale_of_what_was_counted() {
        // "5" (scale 0) and "12.50" (scale 2) in one series: a window of
        // the "5" alone sums to 5 (scale 0), as adding one by one gives.
        let (index, store) = index(&[
            grant(1, OfferKind::Gift, "5"),
            grant(2, OfferKind::Gift, "12.50"),
        ]);
        let first = index.tally(&store, ALL_KINDS, Start::Open, t(1)).unwrap();
        assert_eq!(first.amount.to_string(), "5");
        let both = index.tally(&store, ALL_KINDS, Start::Open, t(2)).unwrap();
        assert_eq!(both.amount.to_string(), "17.50");
        // Per kind, each series is uniform: the partials combine at scale 2.
        let (index, store) = index_of_two_kinds();
        let both = index.tally(&store, ALL_KINDS, Start::Open, t(2)).unwrap();
        assert_eq!(both.amount.to_string(), "17.50");
        let gifts = index
            .tally(&store, OfferKind::Gift.bit(), Start::Open, t(2))
            .unwrap();
        assert_eq!(gifts.amount.to_string(), "5");
    }

    fn index_of_two_kinds() -> (Index, Vec<(Grant, u64)>) {
        index(&[
            grant(1, OfferKind::Gift, "5"),
            grant(2, OfferKind::Refund, "12.50"),
        ])
    }

    #[test]
    fn totals_beyond_decimal_walk_and_overflow_like_adding_one_by_one() {
        let max = Decimal::MAX.to_string();
        let (index, store) = index(&[
            grant(1, OfferKind::Gift, &max),
            grant(2, OfferKind::Gift, &max),
        ]);
        assert!(index.tally(&store, ALL_KINDS, Start::Open, t(2)).is_err());
        assert_eq!(
            index
                .tally(&store, ALL_KINDS, Start::Open, t(1))
                .unwrap()
                .amount,
            Decimal::MAX
        );
    }

    #[test]
    fn the_mix_is_the_splitmix64_finaliser() {
        // SplitMix64 with state 0: the first output is the finaliser of
        // 0x9e3779b97f4a7c15, 0xe220a8397b1dcdaf (Vigna's reference
        // implementation, splitmix64.c).
        assert_eq!(mix(0x9e37_79b9_7f4a_7c15), 0xe220_a839_7b1d_cdaf);
    }
}
