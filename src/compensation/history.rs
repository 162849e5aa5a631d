//! Grants already made, and the in-memory history the engine reads.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use chrono::{DateTime, Utc};

use super::CompensationError;
use super::grant::{Fnv, Grant};
use super::index::{Index, Start, Tally};
use crate::error::Error;
use crate::id::{AgentId, CustomerId, InteractionId};
use crate::money::Currency;

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// For a grant being added: how many grants at the same instant that sort
/// before it belong to its customer, agent and interaction, for all kinds
/// and for its own kind (where it goes among equal instants).
#[derive(Debug, Clone, Copy, Default)]
struct Ties {
    customer: (usize, usize),
    agent: (usize, usize),
    interaction: (usize, usize),
}

impl Ties {
    fn of(grant: &Grant, earlier: &[Grant]) -> Self {
        let mut t = Self::default();
        let count = |slot: &mut (usize, usize), g: &Grant| {
            slot.0 = slot.0.saturating_add(1);
            if g.kind == grant.kind {
                slot.1 = slot.1.saturating_add(1);
            }
        };
        for g in earlier {
            if g.customer == grant.customer {
                count(&mut t.customer, g);
            }
            if g.agent == grant.agent {
                count(&mut t.agent, g);
            }
            if g.interaction == grant.interaction {
                count(&mut t.interaction, g);
            }
        }
        t
    }
}

/// An in-memory history of grants, indexed once for the window queries
/// the engine needs: per customer and per agent over a time range, per
/// interaction up to an instant.
///
/// Building it sorts the grants into a canonical order (time first) and
/// indexes each customer's, agent's and interaction's grants as
/// time-sorted series with running totals, per offer kind too. What a
/// limit counts in a window (the amount, the number of grants, the
/// fingerprint of which grants) is then two binary searches and a
/// subtraction, so a decision over 10,000 prior grants costs little more
/// than one over 100. Build the history once and evaluate every request
/// against it; [`push`](Self::push) adds a committed grant without
/// rebuilding.
///
/// The engine never stores state: the caller loads the relevant grants
/// (typically the customer's last N days, the agent's current period and
/// the interaction's grants) from its own store.
///
/// ```
/// use carekit::{AgentId, Currency, CustomerId, InteractionId, Money};
/// use carekit::compensation::{Grant, GrantHistory, OfferKind};
/// use chrono::{TimeZone, Utc};
/// let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
/// let g = |d, c: &str| Grant::new(t(d), AgentId::new("ana").unwrap(), CustomerId::new(c).unwrap(),
///     InteractionId::new("T-1").unwrap(), OfferKind::Credit, Money::from_minor_units(500, Currency::EUR));
/// let history = GrantHistory::new(vec![g(3, "c-1")?, g(1, "c-1")?, g(2, "c-2")?])?;
/// let c1 = CustomerId::new("c-1")?;
/// assert_eq!(history.len(), 3);
/// assert_eq!(history.for_customer(&c1, t(1), t(3)).count(), 1); // (t1, t3]
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrantHistory {
    /// The grants in canonical order.
    grants: Vec<Grant>,
    /// The id of each canonical grant: its position in the caller's input
    /// (pushed grants continue the numbering), for messages and the store.
    ids: Vec<u32>,
    /// Every grant by id, with the FNV-1a of its canonical encoding.
    store: Vec<(Grant, u64)>,
    by_customer: FnvMap<CustomerId, Index>,
    by_agent: FnvMap<AgentId, Index>,
    by_interaction: FnvMap<InteractionId, Index>,
    currency: Option<Currency>,
}

impl GrantHistory {
    /// An empty history.
    ///
    /// ```
    /// assert!(carekit::compensation::GrantHistory::empty().is_empty());
    /// ```
    pub fn empty() -> Self {
        Self::default()
    }

    /// Indexes grants given in any order.
    ///
    /// # Errors
    ///
    /// [`CompensationError::CurrencyMismatch`] naming `history[i].value`
    /// if the grants are not all in one currency;
    /// [`CompensationError::HistoryTooLarge`] beyond `u32::MAX` grants.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// // any order in, canonical (time) order out
    /// let h = GrantHistory::new(vec![grant(3, "ana", "c-1", "T-2", 500)?, grant(1, "bo", "c-1", "T-1", 700)?])?;
    /// assert_eq!(h.grants()[0].at(), t(1));
    /// let usd = Grant::new(t(2), AgentId::new("ana")?, CustomerId::new("c-2")?, InteractionId::new("T-3")?,
    ///     OfferKind::Gift, Money::from_minor_units(100, Currency::USD))?;
    /// assert_eq!(GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?, usd]).unwrap_err().to_string(),
    ///     "history[1].value: currency mismatch: expected EUR, found USD");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(grants: Vec<Grant>) -> Result<Self, Error> {
        if u32::try_from(grants.len()).is_err() {
            return Err(CompensationError::HistoryTooLarge { len: grants.len() }.into());
        }
        let mut currency = None;
        for (i, g) in grants.iter().enumerate() {
            let c = g.value.currency();
            match currency {
                None => currency = Some(c),
                Some(expected) if expected != c => {
                    return Err(CompensationError::CurrencyMismatch {
                        path: format!("history[{i}].value"),
                        expected,
                        found: c,
                    }
                    .into());
                }
                Some(_) => {}
            }
        }
        let store: Vec<(Grant, u64)> = grants
            .into_iter()
            .map(|g| {
                let hash = g.canonical_hash();
                (g, hash)
            })
            .collect();
        let mut order: Vec<(u32, &Grant)> = (0_u32..).zip(store.iter().map(|(g, _)| g)).collect();
        order.sort_by(|a, b| a.1.canonical_cmp(b.1).then(a.0.cmp(&b.0)));
        let order: Vec<(u32, Grant)> = order.into_iter().map(|(id, g)| (id, g.clone())).collect();
        let mut out = Self {
            currency,
            ..Self::default()
        };
        out.grants.reserve(order.len());
        out.ids.reserve(order.len());
        for (id, g) in order {
            let hash = usize::try_from(id)
                .ok()
                .and_then(|i| store.get(i))
                .map_or(0, |(_, h)| *h);
            // In canonical order every grant goes after the ones before it:
            // no ties to place.
            out.index(id, &g, hash, Ties::default());
            out.ids.push(id);
            out.grants.push(g);
        }
        out.store = store;
        Ok(out)
    }

    /// Adds grant `id` to the customer, agent and interaction indexes.
    fn index(&mut self, id: u32, g: &Grant, hash: u64, ties: Ties) {
        self.by_customer
            .entry(g.customer.clone())
            .or_default()
            .insert(id, g, hash, ties.customer);
        self.by_agent
            .entry(g.agent.clone())
            .or_default()
            .insert(id, g, hash, ties.agent);
        self.by_interaction
            .entry(g.interaction.clone())
            .or_default()
            .insert(id, g, hash, ties.interaction);
    }

    /// Adds a grant (for example the one a decision returned, once
    /// committed) without rebuilding the index: O(log n) for a grant at or
    /// after the latest one, as a committed decision's grant always is (the
    /// engine refuses histories with grants after the request); a
    /// back-dated grant also moves the grants after it.
    ///
    /// # Errors
    ///
    /// As [`GrantHistory::new`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let mut h = GrantHistory::new(vec![grant(3, "ana", "c-1", "T-2", 500)?])?;
    /// h.push(grant(4, "bo", "c-1", "T-1", 700)?)?; // the usual case: the newest grant
    /// h.push(grant(2, "bo", "c-1", "T-1", 900)?)?; // earlier: sorted in
    /// assert_eq!(h.grants().iter().map(|g| g.at()).collect::<Vec<_>>(), [t(2), t(3), t(4)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn push(&mut self, grant: Grant) -> Result<(), Error> {
        if let Some(expected) = self.currency {
            if expected != grant.value.currency() {
                return Err(CompensationError::CurrencyMismatch {
                    path: format!("history[{}].value", self.store.len()),
                    expected,
                    found: grant.value.currency(),
                }
                .into());
            }
        }
        let Ok(id) = u32::try_from(self.store.len()) else {
            return Err(CompensationError::HistoryTooLarge {
                len: self.store.len(),
            }
            .into());
        };
        if id == u32::MAX {
            return Err(CompensationError::HistoryTooLarge {
                len: self.store.len(),
            }
            .into());
        }
        self.currency = Some(grant.value.currency());
        // After every grant that sorts before or equal to it (ties keep the
        // order they were given in), as `new` orders them.
        let at = self
            .grants
            .partition_point(|g| g.canonical_cmp(&grant).is_le());
        let same_instant = self.grants.partition_point(|g| g.at < grant.at);
        let earlier = self.grants.get(same_instant..at).unwrap_or(&[]);
        let ties = Ties::of(&grant, earlier);
        let hash = grant.canonical_hash();
        self.index(id, &grant, hash, ties);
        self.store.push((grant.clone(), hash));
        self.ids.insert(at, id);
        self.grants.insert(at, grant);
        Ok(())
    }

    /// Number of grants.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let h = GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?, grant(2, "ana", "c-2", "T-2", 500)?])?;
    /// assert_eq!(h.len(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.grants.len()
    }

    /// Whether there are no grants.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// assert!(GrantHistory::new(Vec::new())?.is_empty());
    /// assert!(!GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?])?.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.grants.is_empty()
    }

    /// The grants in canonical order (time first).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let h = GrantHistory::new(vec![grant(5, "ana", "c-1", "T-1", 500)?, grant(4, "bo", "c-2", "T-2", 900)?])?;
    /// let total: i64 = h.grants().iter().map(|g| g.value().amount().mantissa() as i64).sum();
    /// assert_eq!(total, 1400); // 5.00 + 9.00 EUR, in cents
    /// assert_eq!(h.grants()[0].agent().as_str(), "bo"); // May 4th comes first
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// The currency of the grants (`None` when empty).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// assert_eq!(GrantHistory::empty().currency(), None);
    /// assert_eq!(GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?])?.currency(), Some(Currency::EUR));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }

    /// The latest grant and its position in the caller's input.
    pub(crate) fn latest(&self) -> Option<(usize, &Grant)> {
        let id = usize::try_from(*self.ids.last()?).ok()?;
        Some((id, self.grants.last()?))
    }

    /// A customer's index.
    pub(crate) fn customer_index(&self, customer: &CustomerId) -> Option<&Index> {
        self.by_customer.get(customer)
    }

    /// An agent's index.
    pub(crate) fn agent_index(&self, agent: &AgentId) -> Option<&Index> {
        self.by_agent.get(agent)
    }

    /// An interaction's index.
    pub(crate) fn interaction_index(&self, interaction: &InteractionId) -> Option<&Index> {
        self.by_interaction.get(interaction)
    }

    /// What `index` holds of `kinds` from `start` to `until`.
    pub(crate) fn tally(
        &self,
        index: Option<&Index>,
        kinds: u8,
        start: Start,
        until: DateTime<Utc>,
    ) -> Result<Tally, Error> {
        index.map_or(Ok(Tally::ZERO), |ix| {
            ix.tally(&self.store, kinds, start, until)
        })
    }

    fn grants_of<'a>(
        &'a self,
        index: Option<&'a Index>,
        start: Start,
        until: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        index
            .map_or(&[][..], |ix| ix.ids(start, until))
            .iter()
            .filter_map(|&id| {
                usize::try_from(id)
                    .ok()
                    .and_then(|i| self.store.get(i))
                    .map(|(g, _)| g)
            })
    }

    /// A customer's grants with `after < at <= until`, in canonical order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let h = GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?, grant(8, "bo", "c-1", "T-2", 700)?,
    ///     grant(9, "ana", "c-2", "T-3", 900)?])?;
    /// let c1 = CustomerId::new("c-1")?;
    /// // the last 7 days before May 9th 09:00: (May 2nd 09:00, May 9th 09:00]
    /// let week: Vec<_> = h.for_customer(&c1, t(2), t(9)).map(Grant::value).collect();
    /// assert_eq!(week, [eur(700)]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn for_customer<'a>(
        &'a self,
        customer: &CustomerId,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants_of(self.customer_index(customer), Start::After(after), until)
    }

    /// An agent's grants with `after < at <= until`, in canonical order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let h = GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?, grant(2, "ana", "c-2", "T-2", 700)?,
    ///     grant(2, "bo", "c-3", "T-3", 900)?])?;
    /// // ana's grants after May 1st 09:00 up to May 2nd 09:00: the start is excluded
    /// assert_eq!(h.for_agent(&AgentId::new("ana")?, t(1), t(2)).count(), 1);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn for_agent<'a>(
        &'a self,
        agent: &AgentId,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants_of(self.agent_index(agent), Start::After(after), until)
    }

    /// An interaction's grants with `at <= until`, in canonical order.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let grant = |d, agent: &str, customer: &str, interaction: &str, cents| Grant::new(t(d),
    /// #     AgentId::new(agent).unwrap(), CustomerId::new(customer).unwrap(),
    /// #     InteractionId::new(interaction).unwrap(), OfferKind::Credit, eur(cents));
    /// let h = GrantHistory::new(vec![grant(1, "ana", "c-1", "T-1", 500)?, grant(3, "bo", "c-1", "T-1", 700)?])?;
    /// let t1 = InteractionId::new("T-1")?;
    /// assert_eq!(h.for_interaction(&t1, t(2)).count(), 1); // only May 1st is ≤ May 2nd
    /// assert_eq!(h.for_interaction(&t1, t(3)).count(), 2); // the bound is included
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn for_interaction<'a>(
        &'a self,
        interaction: &InteractionId,
        until: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants_of(self.interaction_index(interaction), Start::Open, until)
    }
}

impl TryFrom<Vec<Grant>> for GrantHistory {
    type Error = Error;
    fn try_from(grants: Vec<Grant>) -> Result<Self, Error> {
        Self::new(grants)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compensation::offer::OfferKind;
    use crate::money::Money;
    use chrono::TimeZone;

    fn g(day: u32, agent: &str, customer: &str) -> Grant {
        Grant::new(
            Utc.with_ymd_and_hms(2024, 5, day, 9, 0, 0).unwrap(),
            AgentId::new(agent).unwrap(),
            CustomerId::new(customer).unwrap(),
            InteractionId::new("T").unwrap(),
            OfferKind::Refund,
            Money::from_minor_units(100, Currency::EUR),
        )
        .unwrap()
    }

    #[test]
    fn windows_are_half_open_after_and_closed_until() {
        let history = GrantHistory::new(vec![
            g(5, "a", "c"),
            g(1, "a", "c"),
            g(3, "b", "c"),
            g(3, "a", "d"),
        ])
        .unwrap();
        let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
        let c = CustomerId::new("c").unwrap();
        let days: Vec<_> = history.for_customer(&c, t(1), t(5)).map(|g| g.at).collect();
        assert_eq!(days, vec![t(3), t(5)]);
        let a = AgentId::new("a").unwrap();
        assert_eq!(
            history
                .for_agent(&a, t(1) - chrono::TimeDelta::seconds(1), t(3))
                .count(),
            2
        );
        let i = InteractionId::new("T").unwrap();
        assert_eq!(history.for_interaction(&i, t(3)).count(), 3);
        assert_eq!(history.latest().unwrap().0, 0);
    }

    #[test]
    fn history_order_does_not_matter() {
        let a = GrantHistory::new(vec![g(1, "a", "c"), g(2, "b", "c")]).unwrap();
        let b = GrantHistory::new(vec![g(2, "b", "c"), g(1, "a", "c")]).unwrap();
        assert_eq!(a.grants(), b.grants());
        let mut c = GrantHistory::empty();
        c.push(g(2, "b", "c")).unwrap();
        c.push(g(1, "a", "c")).unwrap();
        assert_eq!(a.grants(), c.grants());
    }

    #[test]
    fn mixed_currencies_are_rejected_with_their_path() {
        let mut usd = g(2, "a", "c");
        usd.value = Money::from_minor_units(1, Currency::USD);
        let err = GrantHistory::new(vec![g(1, "a", "c"), usd]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "history[1].value: currency mismatch: expected EUR, found USD"
        );
    }

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        // FNV-1a 64 test vectors from the reference (isthe.com/chongo/tech/comp/fnv):
        // "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
        assert_eq!(Fnv::new().finish().get(), 0xcbf2_9ce4_8422_2325);
        let mut h = Fnv::new();
        h.write(b"a");
        assert_eq!(h.finish().get(), 0xaf63_dc4c_8601_ec8c);
        let mut h = Fnv::new();
        h.write(b"foobar");
        assert_eq!(h.finish().get(), 0x8594_4171_f739_67e8);
    }
}
