//! One grant already made ([`Grant`]), the canonical hash of grants
//! ([`Fnv`]) and the [`Fingerprint`] of a history it yields.

use std::cmp::Ordering;
use std::fmt;
use std::hash::Hasher;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::CompensationError;
use super::offer::OfferKind;
use crate::error::Error;
use crate::id::{AgentId, CustomerId, InteractionId};
use crate::money::Money;

/// One compensation granted: who gave what to whom, when, in which
/// interaction.
///
/// With the `serde` feature:
///
/// ```json
/// {"at": "2024-05-01T09:00:00Z", "agent": "ana", "customer": "c-1",
///  "interaction": "T-1", "kind": "refund", "value": {"amount": "20.00", "currency": "EUR"}}
/// ```
///
/// ```
/// use carekit::{AgentId, Currency, CustomerId, InteractionId, Money};
/// use carekit::compensation::{Grant, OfferKind};
/// use chrono::{TimeZone, Utc};
/// let g = Grant::new(
///     Utc.with_ymd_and_hms(2024, 5, 1, 9, 0, 0).unwrap(),
///     AgentId::new("ana")?, CustomerId::new("c-1")?, InteractionId::new("T-1")?,
///     OfferKind::Refund, Money::from_minor_units(2000, Currency::EUR),
/// )?;
/// assert_eq!(g.value().to_string(), "20.00 EUR");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawGrant", into = "RawGrant"))]
pub struct Grant {
    pub(crate) at: DateTime<Utc>,
    pub(crate) agent: AgentId,
    pub(crate) customer: CustomerId,
    pub(crate) interaction: InteractionId,
    pub(crate) kind: OfferKind,
    pub(crate) value: Money,
}

impl Grant {
    /// A grant.
    ///
    /// # Errors
    ///
    /// [`CompensationError::NegativeAmount`] if `value` is below zero.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.kind(), OfferKind::Refund);
    /// let negative = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    ///     InteractionId::new("T-1")?, OfferKind::Refund, eur(-2000));
    /// assert_eq!(negative.unwrap_err().to_string(), "grant.value: expected a non-negative amount, found -20.00 EUR");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(
        at: DateTime<Utc>,
        agent: AgentId,
        customer: CustomerId,
        interaction: InteractionId,
        kind: OfferKind,
        value: Money,
    ) -> Result<Self, Error> {
        if value.is_negative() {
            return Err(CompensationError::NegativeAmount {
                path: "grant.value".into(),
                value,
            }
            .into());
        }
        Ok(Self {
            at,
            agent,
            customer,
            interaction,
            kind,
            value,
        })
    }

    /// When it was granted.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.at().to_rfc3339(), "2024-05-01T09:00:00+00:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
    /// The agent who granted it.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.agent().as_str(), "ana"); // counted by per-agent limits
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn agent(&self) -> &AgentId {
        &self.agent
    }
    /// The customer who received it.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.customer().as_str(), "c-1"); // counted by per-customer limits
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }
    /// The interaction it belongs to.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.interaction().as_str(), "T-1"); // counted by per-interaction limits
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interaction(&self) -> &InteractionId {
        &self.interaction
    }
    /// Its kind.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.kind(), OfferKind::Refund); // counted only by limits whose kinds include it
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> OfferKind {
        self.kind
    }
    /// Its value.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 9, 0, 0).unwrap();
    /// # let g = Grant::new(t(1), AgentId::new("ana")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(2000))?;
    /// assert_eq!(g.value(), eur(2000));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn value(&self) -> Money {
        self.value
    }

    /// The canonical order: time, then agent, customer, interaction, kind,
    /// amount. History order never matters because grants are kept in this
    /// order.
    pub(super) fn canonical_cmp(&self, other: &Self) -> Ordering {
        self.at
            .cmp(&other.at)
            .then_with(|| self.agent.cmp(&other.agent))
            .then_with(|| self.customer.cmp(&other.customer))
            .then_with(|| self.interaction.cmp(&other.interaction))
            .then_with(|| self.kind.cmp(&other.kind))
            .then_with(|| self.value.amount().cmp(&other.value.amount()))
            .then_with(|| self.value.currency().cmp(&other.value.currency()))
    }

    /// FNV-1a-64 of the canonical encoding.
    pub(crate) fn canonical_hash(&self) -> u64 {
        let mut h = Fnv::new();
        self.fingerprint_into(&mut h);
        h.finish().get()
    }

    /// Feeds the canonical encoding of this grant to a hasher.
    pub(crate) fn fingerprint_into(&self, h: &mut Fnv) {
        h.write_i64(self.at.timestamp());
        h.write_u32(self.at.timestamp_subsec_nanos());
        h.write_str(self.agent.as_str());
        h.write_str(self.customer.as_str());
        h.write_str(self.interaction.as_str());
        h.write_str(self.kind.name());
        h.write_decimal(self.value.amount());
        h.write_str(self.value.currency().code());
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrant {
    at: DateTime<Utc>,
    agent: AgentId,
    customer: CustomerId,
    interaction: InteractionId,
    kind: OfferKind,
    value: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<RawGrant> for Grant {
    type Error = Error;
    fn try_from(r: RawGrant) -> Result<Self, Error> {
        Self::new(r.at, r.agent, r.customer, r.interaction, r.kind, r.value)
    }
}

#[cfg(feature = "serde")]
impl From<Grant> for RawGrant {
    fn from(g: Grant) -> Self {
        Self {
            at: g.at,
            agent: g.agent,
            customer: g.customer,
            interaction: g.interaction,
            kind: g.kind,
            value: g.value,
        }
    }
}

/// 64-bit FNV-1a over a canonical byte encoding: integers little-endian,
/// strings as their UTF-8 length (u64 LE) then bytes, decimals normalised
/// (no trailing zeros) as mantissa (i128 LE) then scale (u32 LE). The same
/// bytes give the same hash on every platform.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub(crate) fn new() -> Self {
        Self(Self::OFFSET)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    pub(crate) fn write_u32(&mut self, v: u32) {
        self.write(&v.to_le_bytes());
    }

    pub(crate) fn write_u64(&mut self, v: u64) {
        self.write(&v.to_le_bytes());
    }

    pub(crate) fn write_i64(&mut self, v: i64) {
        self.write(&v.to_le_bytes());
    }

    pub(crate) fn write_str(&mut self, s: &str) {
        self.write_u64(s.len() as u64);
        self.write(s.as_bytes());
    }

    /// Folds a whole 64-bit word in one step, FNV-1a style:
    /// `h = (h ^ word) × prime`.
    pub(crate) fn write_word(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(Self::PRIME);
    }

    pub(crate) fn write_decimal(&mut self, d: Decimal) {
        let n = d.normalize();
        self.write(&n.mantissa().to_le_bytes());
        self.write_u32(n.scale());
    }

    pub(crate) fn finish(self) -> Fingerprint {
        Fingerprint(self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

/// FNV-1a as the hasher of the history's id indexes: a few nanoseconds per
/// short id instead of `SipHash`'s tens. The ids come from the caller's own
/// store, so hash flooding is not a concern here.
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        Fnv::write(self, bytes);
    }
}

/// A fingerprint of the history a decision relied on.
///
/// 64-bit FNV-1a over the policy version (u64 LE byte length, then
/// UTF-8); then, for each cumulative limit that applied (in policy order),
/// three 64-bit words folded in FNV-1a style (`h = (h ^ word) × prime`,
/// the FNV-64 prime): its position plus the number of grants it counted
/// shifted left by 32, the wrapping sum of those grants' hashes, and the
/// wrapping sum of the hashes' `SplitMix64` finaliser. A grant's hash is
/// FNV-1a-64 of its canonical encoding: instant (seconds i64 LE,
/// nanoseconds u32 LE), agent, customer, interaction, kind name (each as
/// u64 LE byte length then UTF-8), amount (normalised mantissa i128 LE,
/// scale u32 LE) and currency code.
///
/// So the fingerprint names exactly the set of grants each limit counted:
/// a grant added to, or taken from, a counted window changes the count and
/// so the fingerprint; a grant outside every counted window leaves it
/// unchanged. The sums make it cheap to compute from the history's running
/// totals, whatever the size of the windows. Equal histories give equal
/// fingerprints on every platform, whatever order the grants were given in.
///
/// Displays, parses ([`FromStr`](std::str::FromStr)) and serialises as 16
/// lower-case hex digits, `"cbf29ce484222325"`: a JSON string, because a
/// 64-bit number above 2⁵³ is rounded by JavaScript and by every parser
/// that reads numbers as doubles, and a rounded fingerprint never matches.
/// Store and compare it as that text (or as the `u64` of
/// [`get`](Self::get)). Reading accepts upper-case digits too and, for data
/// written by carekit 0.1.0, the bare JSON integer.
///
/// # Committing a grant with it
///
/// The fingerprint is the version of a compare-and-set: the grant of a
/// [`Decision`](super::Decision) is written only if the history the
/// decision counted is still the history.
///
/// 1. Load the grants, [`evaluate`](super::CompiledPolicy::evaluate) the
///    request, show the decision and keep its
///    [`fingerprint`](super::Decision::fingerprint).
/// 2. When the agent confirms, open a transaction that serialises writers
///    of the same customer and agent (a row lock on both, or serialisable
///    isolation), reload the grants and recompute
///    [`CompiledPolicy::fingerprint`](super::CompiledPolicy::fingerprint)
///    for the same request.
/// 3. Equal: insert the decision's grant and commit.
/// 4. Different: a concurrent grant changed a budget. Roll back,
///    re-evaluate and show the new decision; never commit the stale one.
/// 5. An error [`CompensationError::GrantAfterRequest`](super::CompensationError::GrantAfterRequest)
///    while recomputing is a conflict too: a concurrent grant was recorded
///    with an instant after the request's. Roll back and retry the whole
///    recipe with a request at a fresh instant ("now").
///
/// ```
/// use carekit::compensation::Fingerprint;
/// let f = Fingerprint::from_u64(0xcbf2_9ce4_8422_2325);
/// assert_eq!(f.to_string(), "cbf29ce484222325");
/// assert_eq!(f.get(), 0xcbf2_9ce4_8422_2325);
/// assert_eq!("cbf29ce484222325".parse::<Fingerprint>()?, f);
/// assert_eq!(serde_json::to_string(&f)?, r#""cbf29ce484222325""#);
/// assert_eq!(serde_json::from_str::<Fingerprint>(r#""CBF29CE484222325""#)?, f);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(u64);

impl std::str::FromStr for Fingerprint {
    type Err = Error;

    /// Exactly 16 hex digits (either case), the [`Display`](fmt::Display)
    /// form.
    ///
    /// # Errors
    ///
    /// [`CompensationError::InvalidFingerprint`](super::CompensationError::InvalidFingerprint)
    /// for anything else.
    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::from(super::CompensationError::InvalidFingerprint {
                value: s.to_owned(),
            })
        };
        if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        u64::from_str_radix(s, 16).map(Self).map_err(|_| invalid())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Fingerprint;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a fingerprint: a string of 16 hex digits")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Fingerprint, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Fingerprint, E> {
                Ok(Fingerprint(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Fingerprint {
    /// From a stored value.
    ///
    /// ```
    /// # use carekit::compensation::Fingerprint;
    /// // read back from the column where the decision's fingerprint was stored
    /// let stored: u64 = 0x0123_4567_89ab_cdef;
    /// assert_eq!(Fingerprint::from_u64(stored).to_string(), "0123456789abcdef");
    /// ```
    pub fn from_u64(v: u64) -> Self {
        Self(v)
    }

    /// The value.
    ///
    /// ```
    /// # use carekit::compensation::Fingerprint;
    /// assert_eq!(Fingerprint::from_u64(42).get(), 42);
    /// ```
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}
