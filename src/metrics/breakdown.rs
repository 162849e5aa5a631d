//! Breakdowns: any accumulator grouped by a key ([`Breakdown`]).

use crate::error::Error;
use crate::metrics::accumulator::{Accumulator, Push};
use crate::metrics::kernels;
use crate::metrics::{Ces, Csat, MetricsError, Nps};
use crate::scale::RatingScale;
use std::collections::BTreeMap;

/// One accumulator per key, all with the same convention.
///
/// Keys are whatever the caller groups by: [`Channel`](crate::Channel),
/// [`Priority`](crate::Priority), [`TierId`](crate::TierId),
/// [`AgentId`](crate::AgentId), [`Segment`](crate::Segment), a
/// [`PeriodKey`](crate::calendar::PeriodKey), a tuple of those, or a column code (`u8`, `u16`). Groups
/// are kept in key order (a `BTreeMap`), so iteration and serialised forms
/// are deterministic.
///
/// A breakdown is itself mergeable: merging the breakdowns of any split of
/// the data equals the breakdown of the whole.
///
/// With `serde`: `{"template": <empty accumulator>, "groups": [[key,
/// accumulator], ...]}` (keys ascending and unique; every group must use
/// the template's convention).
///
/// # Example
///
/// ```
/// use carekit::{Channel, metrics::{Breakdown, Csat}};
///
/// let mut by_channel = Breakdown::new(Csat::default());
/// for (channel, rating) in [(Channel::Chat, 5), (Channel::Email, 2), (Channel::Chat, 4)] {
///     by_channel.push(channel, rating)?;
/// }
/// assert_eq!(by_channel.get(&Channel::Chat).and_then(Csat::percent), Some(100.0));
/// assert_eq!(by_channel.get(&Channel::Email).and_then(Csat::percent), Some(0.0));
/// assert_eq!(by_channel.len(), 2);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Breakdown<K: Ord + Clone, A: Accumulator> {
    template: A,
    groups: BTreeMap<K, A>,
}

impl<K: Ord + Clone, A: Accumulator + Default> Default for Breakdown<K, A> {
    fn default() -> Self {
        Self::new(A::default())
    }
}

impl<K: Ord + Clone, A: Accumulator> Breakdown<K, A> {
    /// An empty breakdown whose groups start as `template.empty_like()`
    /// (any data in `template` itself is ignored).
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps, NpsConfig};
    /// let by: Breakdown<&str, Nps> = Breakdown::new(Nps::new(NpsConfig::new(6, 10)?));
    /// assert!(by.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[allow(
        clippy::needless_pass_by_value,
        reason = "`Breakdown::new(Nps::default())` reads naturally; only the convention is kept"
    )]
    pub fn new(template: A) -> Self {
        Self {
            template: template.empty_like(),
            groups: BTreeMap::new(),
        }
    }

    /// The empty accumulator new groups start from.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps, NpsConfig};
    /// let mut seeded = Nps::new(NpsConfig::new(6, 10)?);
    /// seeded.extend_u8(&[10, 3])?;
    /// let by: Breakdown<&str, Nps> = Breakdown::new(seeded);
    /// assert_eq!(by.template().n(), 0); // only the convention is kept, not the data
    /// assert_eq!(by.template().config().promoter_min(), 10);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn template(&self) -> &A {
        &self.template
    }

    /// Adds one value to the group of `key`.
    ///
    /// ```
    /// use carekit::{Priority, metrics::{Breakdown, Nps}};
    /// let mut by = Breakdown::new(Nps::default());
    /// by.push(Priority::Urgent, 3_u8)?;
    /// assert!(by.push(Priority::Low, 11_u8).is_err());
    /// assert_eq!(by.len(), 1); // a rejected value creates no group
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The accumulator's error for an invalid value; nothing changes then.
    pub fn push<V>(&mut self, key: K, value: V) -> Result<(), Error>
    where
        A: Push<V>,
    {
        if let Some(group) = self.groups.get_mut(&key) {
            return group.push(value);
        }
        let mut group = self.template.empty_like();
        group.push(value)?;
        self.groups.insert(key, group);
        Ok(())
    }

    /// Adds `(key, value)` pairs.
    ///
    /// ```
    /// use carekit::{AgentId, metrics::{Breakdown, Ces}};
    /// let (ana, bo) = (AgentId::new("ana")?, AgentId::new("bo")?);
    /// let mut by_agent = Breakdown::new(Ces::default());
    /// by_agent.extend([(ana.clone(), 7_u8), (bo, 2), (ana.clone(), 5)])?;
    /// assert_eq!(by_agent.get(&ana).and_then(Ces::mean), Some(6.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first invalid value's error; the breakdown is then unchanged.
    pub fn extend<V>(&mut self, pairs: impl IntoIterator<Item = (K, V)>) -> Result<(), Error>
    where
        A: Push<V>,
    {
        let mut part = Self::new(self.template.clone());
        for (k, v) in pairs {
            part.push(k, v)?;
        }
        self.merge(&part)
    }

    /// The accumulator of `key`, created empty if missing: use it to feed a
    /// group with the accumulator's own fast paths.
    ///
    /// Unlike [`push`](Self::push), this creates the group before anything
    /// is written to it, so a write that is then rejected leaves an empty
    /// group behind (it counts in [`len`](Self::len) and answers `None` for
    /// its scores). Use `push`/`extend` when a rejected value must leave no
    /// trace.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let mut by = Breakdown::new(Nps::default());
    /// by.group_mut("web").extend_u8(&[10, 9, 2])?;
    /// assert_eq!(by.get(&"web").map(Nps::n), Some(3));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn group_mut(&mut self, key: K) -> &mut A {
        let template = &self.template;
        self.groups
            .entry(key)
            .or_insert_with(|| template.empty_like())
    }

    /// The accumulator of `key`, if the group exists (a value was added
    /// under it, or [`group_mut`](Self::group_mut) created it).
    ///
    /// ```
    /// use carekit::{Channel, metrics::{Breakdown, Nps}};
    /// let mut by = Breakdown::new(Nps::default());
    /// by.push(Channel::Chat, 9_u8)?;
    /// by.push(Channel::Chat, 0_u8)?;
    /// assert_eq!(by.get(&Channel::Chat).and_then(Nps::score), Some(0.0)); // 100 · (1 − 1) / 2
    /// assert!(by.get(&Channel::Email).is_none());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(&self, key: &K) -> Option<&A> {
        self.groups.get(key)
    }

    /// Groups in key order.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let mut by = Breakdown::new(Nps::default());
    /// by.push(2_u8, 10_u8)?;
    /// by.push(1_u8, 0_u8)?;
    /// let keys: Vec<u8> = by.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, [1, 2]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, K, A> {
        self.groups.iter()
    }

    /// Number of groups.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Csat};
    /// let mut by = Breakdown::new(Csat::default());
    /// by.extend([("web", 5_u8), ("app", 4), ("web", 1)])?;
    /// assert_eq!(by.len(), 2); // "app" and "web"
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there is no group.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Csat};
    /// let mut by = Breakdown::new(Csat::default());
    /// assert!(by.is_empty());
    /// by.push("web", 5_u8)?;
    /// assert!(!by.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// All groups merged into one accumulator.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let mut by = Breakdown::new(Nps::default());
    /// by.push("a", 10_u8)?;
    /// by.push("b", 0_u8)?;
    /// assert_eq!(by.total()?.n(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::CountOverflow`] if a total would pass `u64::MAX`.
    pub fn total(&self) -> Result<A, Error> {
        let mut total = self.template.empty_like();
        for g in self.groups.values() {
            total.merge(g)?;
        }
        Ok(total)
    }

    /// Merges another breakdown group by group.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let (mut a, mut b) = (Breakdown::new(Nps::default()), Breakdown::new(Nps::default()));
    /// a.push("web", 10_u8)?;
    /// b.push("web", 0_u8)?;
    /// b.push("app", 9_u8)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.get(&"web").map(Nps::n), Some(2));
    /// assert_eq!(a.len(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The accumulator's merge error (differing conventions, overflow);
    /// `self` is then unchanged.
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut template = self.template.clone();
        template.merge(&other.template)?;
        let mut changed: Vec<(K, A)> = Vec::with_capacity(other.groups.len());
        for (k, g) in &other.groups {
            let mut mine = self
                .groups
                .get(k)
                .cloned()
                .unwrap_or_else(|| self.template.empty_like());
            mine.merge(g)?;
            changed.push((k.clone(), mine));
        }
        self.groups.extend(changed);
        Ok(())
    }
}

impl<'a, K: Ord + Clone, A: Accumulator> IntoIterator for &'a Breakdown<K, A> {
    type Item = (&'a K, &'a A);
    type IntoIter = std::collections::btree_map::Iter<'a, K, A>;
    fn into_iter(self) -> Self::IntoIter {
        self.groups.iter()
    }
}

impl<K: Ord + Clone, A: Accumulator> Accumulator for Breakdown<K, A> {
    fn empty_like(&self) -> Self {
        Self::new(self.template.clone())
    }
    fn is_empty(&self) -> bool {
        self.groups.values().all(Accumulator::is_empty)
    }
    fn merge(&mut self, other: &Self) -> Result<(), Error> {
        Breakdown::merge(self, other)
    }
}

/// A `(key, observation)` pair: the observation goes to the key's group.
impl<K: Ord + Clone, A: Push<V>, V> Push<(K, V)> for Breakdown<K, A> {
    fn push(&mut self, (key, value): (K, V)) -> Result<(), Error> {
        Breakdown::push(self, key, value)
    }
}

#[cfg(feature = "serde")]
mod serde_form {
    use super::{Accumulator, Breakdown, MetricsError};
    use crate::error::Error;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawBreakdown<K, A> {
        template: A,
        groups: Vec<(K, A)>,
    }

    impl<K: Ord + Clone, A: Accumulator> TryFrom<RawBreakdown<K, A>> for Breakdown<K, A> {
        type Error = Error;
        fn try_from(raw: RawBreakdown<K, A>) -> Result<Self, Error> {
            let mut out = Breakdown::new(raw.template);
            for (k, g) in raw.groups {
                if out
                    .groups
                    .last_key_value()
                    .is_some_and(|(last, _)| *last >= k)
                {
                    return Err(MetricsError::InvalidState {
                        accumulator: "breakdown",
                        rule: "group keys must be unique and ascending",
                    }
                    .into());
                }
                // Merging into an empty copy of the template checks the
                // group's convention.
                let mut group = out.template.empty_like();
                group.merge(&g)?;
                out.groups.insert(k, group);
            }
            Ok(out)
        }
    }

    impl<K: Ord + Clone, A: Accumulator> From<Breakdown<K, A>> for RawBreakdown<K, A> {
        fn from(b: Breakdown<K, A>) -> Self {
            Self {
                template: b.template,
                groups: b.groups.into_iter().collect(),
            }
        }
    }

    impl<K, A> serde::Serialize for Breakdown<K, A>
    where
        K: Ord + Clone + serde::Serialize,
        A: Accumulator + serde::Serialize,
    {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            RawBreakdown::from(self.clone()).serialize(s)
        }
    }

    impl<'de, K, A> serde::Deserialize<'de> for Breakdown<K, A>
    where
        K: Ord + Clone + serde::Deserialize<'de>,
        A: Accumulator + serde::Deserialize<'de>,
    {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let raw = RawBreakdown::<K, A>::deserialize(d)?;
            Breakdown::try_from(raw).map_err(serde::de::Error::custom)
        }
    }
}

fn grouped_error(bad: kernels::BadValue) -> Error {
    MetricsError::ColumnValueOutOfScale {
        field: "nps score",
        value: bad.value,
        index: bad.index,
        scale: crate::scale::RatingScale::NPS,
    }
    .into()
}

fn check_lengths(keys: usize, scores: usize) -> Result<(), Error> {
    if keys == scores {
        Ok(())
    } else {
        Err(MetricsError::LengthMismatch {
            left: "keys",
            left_len: keys,
            right: "scores",
            right_len: scores,
        }
        .into())
    }
}

impl<K: Ord + Clone> Breakdown<K, Nps> {
    /// Folds per-key class counts into the groups (`keys[i]` is the key of
    /// `counts[i]`).
    fn add_grouped(&mut self, keyed: impl Iterator<Item = (K, [u64; 3])>) -> Result<(), Error> {
        let mut part = Self::new(self.template.clone());
        for (k, [d, m, p]) in keyed {
            if d == 0 && m == 0 && p == 0 {
                continue;
            }
            let g = part.group_mut(k);
            g.add_counts(d, m, p)?;
        }
        self.merge(&part)
    }
}

impl Breakdown<u8, Nps> {
    /// NPS grouped by a `u8` key column: the fast grouped path (lane
    /// counters for up to 12 distinct key values, four interleaved count
    /// tables above; no allocation per row).
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let channels = [0, 1, 0, 2, 1];
    /// let scores = [10, 3, 9, 7, 10];
    /// let mut by = Breakdown::<u8, Nps>::default();
    /// by.extend_grouped(&channels, &scores)?;
    /// assert_eq!(by.get(&0).and_then(Nps::score), Some(100.0));
    /// assert_eq!(by.get(&1).and_then(Nps::score), Some(0.0));
    /// assert_eq!(by.get(&2).and_then(Nps::score), Some(0.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::LengthMismatch`] if the columns differ in length;
    /// [`MetricsError::ColumnValueOutOfScale`] naming the first score above
    /// 10 and its index. On error the breakdown is unchanged.
    pub fn extend_grouped(&mut self, keys: &[u8], scores: &[u8]) -> Result<(), Error> {
        check_lengths(keys.len(), scores.len())?;
        let cfg = self.template.config();
        let counts = kernels::grouped_nps_u8(keys, scores, cfg.detractor_max(), cfg.promoter_min())
            .map_err(grouped_error)?;
        self.add_grouped((0_u8..=255).zip(counts))
    }
}

impl Breakdown<u16, Nps> {
    /// NPS grouped by a `u16` key column (tables sized to the largest key).
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let mut by = Breakdown::<u16, Nps>::default();
    /// by.extend_grouped(&[1000, 1000, 7], &[9, 0, 8])?;
    /// assert_eq!(by.get(&1000).and_then(Nps::score), Some(0.0));
    /// assert_eq!(by.get(&7).map(Nps::passives), Some(1));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for the `u8` key column.
    pub fn extend_grouped(&mut self, keys: &[u16], scores: &[u8]) -> Result<(), Error> {
        check_lengths(keys.len(), scores.len())?;
        let cfg = self.template.config();
        let classes = kernels::nps_class_table(cfg.detractor_max(), cfg.promoter_min());
        let groups = keys
            .iter()
            .copied()
            .max()
            .map_or(0, |m| usize::from(m).saturating_add(1));
        let counts = kernels::grouped_nps(keys, scores, groups, &classes).map_err(grouped_error)?;
        self.add_grouped((0_u16..=u16::MAX).zip(counts))
    }
}

impl<K: Ord + Clone> Breakdown<K, Csat> {
    /// Folds per-key histograms (`points` counts per key, key `k` at
    /// `hists[k·points..]`) into the groups.
    fn add_histograms(
        &mut self,
        keys: impl Iterator<Item = K>,
        hists: &[u64],
    ) -> Result<(), Error> {
        let points = usize::from(self.template.config().scale().points());
        let mut part = Self::new(self.template.clone());
        for (k, h) in keys.zip(hists.chunks(points.max(1))) {
            if h.iter().any(|&c| c > 0) {
                part.group_mut(k).add_histogram(h.to_vec())?;
            }
        }
        self.merge(&part)
    }
}

impl<K: Ord + Clone> Breakdown<K, Ces> {
    /// Folds per-key histograms into the groups (as for CSAT).
    fn add_histograms(
        &mut self,
        keys: impl Iterator<Item = K>,
        hists: &[u64],
    ) -> Result<(), Error> {
        let points = usize::from(self.template.config().scale().points());
        let mut part = Self::new(self.template.clone());
        for (k, h) in keys.zip(hists.chunks(points.max(1))) {
            if h.iter().any(|&c| c > 0) {
                part.group_mut(k).add_histogram(h.to_vec())?;
            }
        }
        self.merge(&part)
    }
}

fn rating_error(bad: kernels::BadValue, field: &'static str, scale: RatingScale) -> Error {
    MetricsError::ColumnValueOutOfScale {
        field,
        value: bad.value,
        index: bad.index,
        scale,
    }
    .into()
}

/// `extend_grouped_by` for breakdowns keyed by a small integer code.
macro_rules! grouped_by {
    ($key:ty) => {
        impl Breakdown<$key, Nps> {
            #[doc = concat!("NPS grouped by a `", stringify!($key), "` key field of the caller's records:")]
            /// `key_and_score` projects each record to its key and score.
            /// The records are read once, in order, with one call each (up
            /// to the first bad score), and counted into one table row per
            /// key value, without converting them first; wide records (a
            /// cache line, say) are counted at memory speed.
            ///
            /// ```
            /// use carekit::metrics::{Breakdown, Nps};
            /// struct Survey { channel: u8, score: u8 }
            /// let rows = [
            ///     Survey { channel: 0, score: 10 },
            ///     Survey { channel: 1, score: 3 },
            ///     Survey { channel: 0, score: 9 },
            /// ];
            #[doc = concat!("let mut by = Breakdown::<", stringify!($key), ", Nps>::default();")]
            #[doc = concat!("by.extend_grouped_by(&rows, |r| (", stringify!($key), "::from(r.channel), r.score))?;")]
            /// assert_eq!(by.get(&0).and_then(Nps::score), Some(100.0));
            /// assert_eq!(by.get(&1).and_then(Nps::score), Some(-100.0));
            /// # Ok::<(), carekit::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`MetricsError::ColumnValueOutOfScale`] naming the first
            /// score above 10 and the index of its record; the breakdown
            /// is then unchanged.
            pub fn extend_grouped_by<T>(
                &mut self,
                records: &[T],
                key_and_score: impl FnMut(&T) -> ($key, u8),
            ) -> Result<(), Error> {
                let cfg = self.template.config();
                let classes = kernels::nps_class_table(cfg.detractor_max(), cfg.promoter_min());
                let counts = kernels::grouped_nps_by(records, key_and_score, &classes)
                    .map_err(grouped_error)?;
                self.add_grouped((0..=<$key>::MAX).zip(counts))
            }
        }

        impl Breakdown<$key, Csat> {
            #[doc = concat!("CSAT grouped by a `", stringify!($key), "` key field of the caller's records")]
            /// (see the NPS form for how records are read).
            ///
            /// ```
            /// use carekit::metrics::{Breakdown, Csat};
            /// struct Survey { queue: u8, rating: u8 }
            /// let rows = [Survey { queue: 2, rating: 5 }, Survey { queue: 2, rating: 1 }];
            #[doc = concat!("let mut by = Breakdown::<", stringify!($key), ", Csat>::default();")]
            #[doc = concat!("by.extend_grouped_by(&rows, |r| (", stringify!($key), "::from(r.queue), r.rating))?;")]
            /// assert_eq!(by.get(&2).and_then(Csat::percent), Some(50.0));
            /// assert_eq!(by.len(), 1);
            /// # Ok::<(), carekit::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`MetricsError::ColumnValueOutOfScale`] naming the first
            /// rating off the scale and the index of its record; the
            /// breakdown is then unchanged.
            pub fn extend_grouped_by<T>(
                &mut self,
                records: &[T],
                key_and_rating: impl FnMut(&T) -> ($key, u8),
            ) -> Result<(), Error> {
                let scale = self.template.config().scale();
                let hists = kernels::grouped_histogram_by(records, key_and_rating, scale)
                    .map_err(|bad| rating_error(bad, "csat rating", scale))?;
                self.add_histograms(0..=<$key>::MAX, &hists)
            }
        }

        impl Breakdown<$key, Ces> {
            #[doc = concat!("CES grouped by a `", stringify!($key), "` key field of the caller's records")]
            /// (see the NPS form for how records are read).
            ///
            /// ```
            /// use carekit::metrics::{Breakdown, Ces};
            /// struct Survey { queue: u8, rating: u8 }
            /// let rows = [Survey { queue: 1, rating: 7 }, Survey { queue: 1, rating: 3 }];
            #[doc = concat!("let mut by = Breakdown::<", stringify!($key), ", Ces>::default();")]
            #[doc = concat!("by.extend_grouped_by(&rows, |r| (", stringify!($key), "::from(r.queue), r.rating))?;")]
            /// assert_eq!(by.get(&1).and_then(Ces::mean), Some(5.0)); // (7 + 3) / 2
            /// # Ok::<(), carekit::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// [`MetricsError::ColumnValueOutOfScale`] naming the first
            /// rating off the scale and the index of its record; the
            /// breakdown is then unchanged.
            pub fn extend_grouped_by<T>(
                &mut self,
                records: &[T],
                key_and_rating: impl FnMut(&T) -> ($key, u8),
            ) -> Result<(), Error> {
                let scale = self.template.config().scale();
                let hists = kernels::grouped_histogram_by(records, key_and_rating, scale)
                    .map_err(|bad| rating_error(bad, "ces rating", scale))?;
                self.add_histograms(0..=<$key>::MAX, &hists)
            }
        }
    };
}

grouped_by!(u8);
grouped_by!(u16);
