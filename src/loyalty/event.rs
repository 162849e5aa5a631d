//! Loyalty events (purchases, returns, adjustments, redemptions) and the
//! membership they belong to (joining instant, manual floors).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::LoyaltyError;
use crate::error::Error;
use crate::id::{EventId, TierId};
use crate::money::Money;

/// What happened in a [`LoyaltyEvent`].
///
/// ```
/// # use carekit::loyalty::{EventId, LoyaltyEvent, LoyaltyEventKind};
/// # use chrono::{TimeZone, Utc};
/// # use rust_decimal::Decimal;
/// let at = Utc.with_ymd_and_hms(2024, 3, 6, 0, 0, 0).unwrap();
/// // 50 EUR of goodwill spend credited by staff
/// let e = LoyaltyEvent::new(EventId::new("a-1")?, at, LoyaltyEventKind::Adjustment { value: Decimal::from(50) })?;
/// assert_eq!(e.kind(), &LoyaltyEventKind::Adjustment { value: Decimal::from(50) });
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoyaltyEventKind {
    /// A purchase of `amount`. With `matures_at` (the end of a return
    /// window) it is pending until then: it qualifies and earns points at
    /// `matures_at`, not before.
    Purchase {
        /// The amount paid (> 0).
        amount: Money,
        /// When it stops being returnable, if later than the purchase.
        matures_at: Option<DateTime<Utc>>,
    },
    /// A return of (part of) a purchase. Before the purchase matures it
    /// shrinks the purchase; after, it counts against the qualifying value
    /// at the return's instant and claws back the purchase's points.
    Return {
        /// The purchase it reverses.
        purchase: EventId,
        /// The amount returned (> 0); `None` returns what is left.
        amount: Option<Money>,
    },
    /// A manual change of the qualifying value, in the measure's unit
    /// (currency units, points or purchases), positive or negative.
    Adjustment {
        /// The change.
        value: Decimal,
    },
    /// Points spent.
    Redemption {
        /// How many (> 0).
        points: u64,
    },
}

/// One event of a customer's loyalty ledger.
///
/// With the `serde` feature, one flat object with a `type`:
///
/// ```json
/// {"id": "p-1", "at": "2024-03-01T10:00:00Z", "type": "purchase",
///  "amount": {"amount": "120.00", "currency": "EUR"}, "matures_at": "2024-03-31T10:00:00Z"}
/// {"id": "r-1", "at": "2024-03-05T09:00:00Z", "type": "return", "purchase": "p-1",
///  "amount": {"amount": "20.00", "currency": "EUR"}}
/// {"id": "a-1", "at": "2024-03-06T00:00:00Z", "type": "adjustment", "value": "50"}
/// {"id": "x-1", "at": "2024-04-01T00:00:00Z", "type": "redemption", "points": 100}
/// ```
///
/// (`matures_at` and a return's `amount` are optional.)
///
/// ```
/// use carekit::{Currency, Money};
/// use carekit::loyalty::{EventId, LoyaltyEvent};
/// use chrono::{TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
/// let p = LoyaltyEvent::purchase(EventId::new("p-1")?, at, Money::from_minor_units(12000, Currency::EUR))?;
/// assert_eq!(p.at(), at);
/// assert!(LoyaltyEvent::purchase(EventId::new("p-2")?, at, Money::zero(Currency::EUR)).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawEvent", into = "RawEvent"))]
pub struct LoyaltyEvent {
    id: EventId,
    at: DateTime<Utc>,
    kind: LoyaltyEventKind,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Purchase,
    Return,
    Adjustment,
    Redemption,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: EventId,
    at: DateTime<Utc>,
    #[serde(rename = "type")]
    kind: RawKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    matures_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    purchase: Option<EventId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<u64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawEvent> for LoyaltyEvent {
    type Error = Error;
    fn try_from(r: RawEvent) -> Result<Self, Error> {
        let misplaced = |field: &'static str, present: bool| -> Result<(), Error> {
            if present {
                Err(Error::InvalidText {
                    field: "loyalty event",
                    value: format!("{} ({field})", r.id),
                    rule: "this field does not belong to this event type",
                })
            } else {
                Ok(())
            }
        };
        let missing = |field: &'static str| Error::InvalidText {
            field: "loyalty event",
            value: format!("{} ({field})", r.id),
            rule: "this event type needs this field",
        };
        let kind = match r.kind {
            RawKind::Purchase => {
                misplaced("purchase", r.purchase.is_some())?;
                misplaced("value", r.value.is_some())?;
                misplaced("points", r.points.is_some())?;
                LoyaltyEventKind::Purchase {
                    amount: r.amount.ok_or_else(|| missing("amount"))?,
                    matures_at: r.matures_at,
                }
            }
            RawKind::Return => {
                misplaced("matures_at", r.matures_at.is_some())?;
                misplaced("value", r.value.is_some())?;
                misplaced("points", r.points.is_some())?;
                LoyaltyEventKind::Return {
                    purchase: r.purchase.clone().ok_or_else(|| missing("purchase"))?,
                    amount: r.amount,
                }
            }
            RawKind::Adjustment => {
                misplaced("amount", r.amount.is_some())?;
                misplaced("matures_at", r.matures_at.is_some())?;
                misplaced("purchase", r.purchase.is_some())?;
                misplaced("points", r.points.is_some())?;
                LoyaltyEventKind::Adjustment {
                    value: r.value.ok_or_else(|| missing("value"))?,
                }
            }
            RawKind::Redemption => {
                misplaced("amount", r.amount.is_some())?;
                misplaced("matures_at", r.matures_at.is_some())?;
                misplaced("purchase", r.purchase.is_some())?;
                misplaced("value", r.value.is_some())?;
                LoyaltyEventKind::Redemption {
                    points: r.points.ok_or_else(|| missing("points"))?,
                }
            }
        };
        LoyaltyEvent::new(r.id, r.at, kind)
    }
}

#[cfg(feature = "serde")]
impl From<LoyaltyEvent> for RawEvent {
    fn from(e: LoyaltyEvent) -> Self {
        let mut raw = RawEvent {
            id: e.id,
            at: e.at,
            kind: RawKind::Purchase,
            amount: None,
            matures_at: None,
            purchase: None,
            value: None,
            points: None,
        };
        match e.kind {
            LoyaltyEventKind::Purchase { amount, matures_at } => {
                raw.amount = Some(amount);
                raw.matures_at = matures_at;
            }
            LoyaltyEventKind::Return { purchase, amount } => {
                raw.kind = RawKind::Return;
                raw.purchase = Some(purchase);
                raw.amount = amount;
            }
            LoyaltyEventKind::Adjustment { value } => {
                raw.kind = RawKind::Adjustment;
                raw.value = Some(value);
            }
            LoyaltyEventKind::Redemption { points } => {
                raw.kind = RawKind::Redemption;
                raw.points = Some(points);
            }
        }
        raw
    }
}

impl LoyaltyEvent {
    /// Validates an event of any kind.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::NonPositiveAmount`] for a purchase or return amount
    /// that is not above 0, [`LoyaltyError::MaturityBeforePurchase`] when
    /// `matures_at < at`, [`LoyaltyError::ZeroRedemption`] for a
    /// redemption of 0 points.
    ///
    /// ```
    /// use carekit::loyalty::{EventId, LoyaltyEvent, LoyaltyEventKind};
    /// use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
    /// let e = LoyaltyEvent::new(EventId::new("x-1")?, at, LoyaltyEventKind::Redemption { points: 100 })?;
    /// assert!(matches!(e.kind(), LoyaltyEventKind::Redemption { points: 100 }));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(id: EventId, at: DateTime<Utc>, kind: LoyaltyEventKind) -> Result<Self, Error> {
        let positive = |amount: &Money| -> Result<(), Error> {
            if amount.amount() > Decimal::ZERO {
                Ok(())
            } else {
                Err(LoyaltyError::NonPositiveAmount {
                    event: id.clone(),
                    amount: *amount,
                }
                .into())
            }
        };
        match &kind {
            LoyaltyEventKind::Purchase { amount, matures_at } => {
                positive(amount)?;
                if let Some(m) = matures_at {
                    if *m < at {
                        return Err(LoyaltyError::MaturityBeforePurchase {
                            event: id.clone(),
                            matures_at: *m,
                            at,
                        }
                        .into());
                    }
                }
            }
            LoyaltyEventKind::Return { amount, .. } => {
                if let Some(a) = amount {
                    positive(a)?;
                }
            }
            LoyaltyEventKind::Adjustment { .. } => {}
            LoyaltyEventKind::Redemption { points } => {
                if *points == 0 {
                    return Err(LoyaltyError::ZeroRedemption { event: id.clone() }.into());
                }
            }
        }
        Ok(Self { id, at, kind })
    }

    /// A purchase that counts at once.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::NonPositiveAmount`] unless `amount > 0`.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
    /// let p = LoyaltyEvent::purchase(EventId::new("p-1")?, at, Money::from_minor_units(5000, Currency::EUR))?;
    /// assert_eq!(p.id().as_str(), "p-1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn purchase(id: EventId, at: DateTime<Utc>, amount: Money) -> Result<Self, Error> {
        Self::new(
            id,
            at,
            LoyaltyEventKind::Purchase {
                amount,
                matures_at: None,
            },
        )
    }

    /// A purchase pending until `matures_at` (the end of its return window).
    ///
    /// # Errors
    ///
    /// As [`LoyaltyEvent::new`].
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
    /// let matures = Utc.with_ymd_and_hms(2024, 3, 31, 0, 0, 0).unwrap();
    /// let p = LoyaltyEvent::pending_purchase(EventId::new("p-1")?, at, Money::from_minor_units(5000, Currency::EUR), matures)?;
    /// assert_eq!(p.effective_at(), matures);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn pending_purchase(
        id: EventId,
        at: DateTime<Utc>,
        amount: Money,
        matures_at: DateTime<Utc>,
    ) -> Result<Self, Error> {
        Self::new(
            id,
            at,
            LoyaltyEventKind::Purchase {
                amount,
                matures_at: Some(matures_at),
            },
        )
    }

    /// A return of `amount` of `purchase` (`None`: all that is left).
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::NonPositiveAmount`] for an amount not above 0.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 5, 0, 0, 0).unwrap();
    /// let r = LoyaltyEvent::return_of(EventId::new("r-1")?, at, EventId::new("p-1")?, None)?;
    /// assert_eq!(r.at(), at);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn return_of(
        id: EventId,
        at: DateTime<Utc>,
        purchase: EventId,
        amount: Option<Money>,
    ) -> Result<Self, Error> {
        Self::new(id, at, LoyaltyEventKind::Return { purchase, amount })
    }

    /// A manual adjustment of the qualifying value.
    ///
    /// # Errors
    ///
    /// None at construction; a fractional value for a count measure is
    /// rejected at evaluation ([`LoyaltyError::FractionalAdjustment`]).
    ///
    /// ```
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// let at = Utc.with_ymd_and_hms(2024, 3, 5, 0, 0, 0).unwrap();
    /// let a = LoyaltyEvent::adjustment(EventId::new("a-1")?, at, Decimal::from(-50))?;
    /// assert_eq!(a.id().as_str(), "a-1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn adjustment(id: EventId, at: DateTime<Utc>, value: Decimal) -> Result<Self, Error> {
        Self::new(id, at, LoyaltyEventKind::Adjustment { value })
    }

    /// A redemption of points.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::ZeroRedemption`] for 0 points.
    ///
    /// ```
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 5, 0, 0, 0).unwrap();
    /// assert!(LoyaltyEvent::redemption(EventId::new("x-1")?, at, 0).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn redemption(id: EventId, at: DateTime<Utc>, points: u64) -> Result<Self, Error> {
        Self::new(id, at, LoyaltyEventKind::Redemption { points })
    }

    /// The id.
    ///
    /// ```
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let x = LoyaltyEvent::redemption(EventId::new("x-1")?, Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), 100)?;
    /// assert_eq!(x.id(), &EventId::new("x-1")?);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &EventId {
        &self.id
    }

    /// When it happened.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap();
    /// let p = LoyaltyEvent::purchase(EventId::new("p-1")?, at, Money::from_minor_units(4000, Currency::EUR))?;
    /// assert_eq!(p.at(), at);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// When it counts: `matures_at` for a pending purchase, otherwise `at`.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 3, d, 0, 0, 0).unwrap();
    /// # let eur = Money::from_minor_units(4000, Currency::EUR);
    /// let now = LoyaltyEvent::purchase(EventId::new("p-1")?, t(1), eur)?;
    /// let later = LoyaltyEvent::pending_purchase(EventId::new("p-2")?, t(1), eur, t(31))?;
    /// assert_eq!((now.effective_at(), later.effective_at()), (t(1), t(31)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_at(&self) -> DateTime<Utc> {
        match &self.kind {
            LoyaltyEventKind::Purchase {
                matures_at: Some(m),
                ..
            } => *m,
            _ => self.at,
        }
    }

    /// What happened.
    ///
    /// ```
    /// # use carekit::{Currency, Money};
    /// # use carekit::loyalty::{EventId, LoyaltyEvent, LoyaltyEventKind};
    /// # use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2024, 3, 5, 0, 0, 0).unwrap();
    /// let r = LoyaltyEvent::return_of(EventId::new("r-1")?, at, EventId::new("p-1")?, None)?;
    /// assert!(matches!(r.kind(), LoyaltyEventKind::Return { purchase, amount: None } if purchase.as_str() == "p-1"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> &LoyaltyEventKind {
        &self.kind
    }
}

/// A tier granted by staff: while active (`from <= t < until`), the
/// customer's tier is at least `tier`. When it ends the customer keeps the
/// tier until the next review, which applies the downgrade policy as usual.
///
/// With the `serde` feature:
/// `{"tier": "gold", "from": "2024-01-01T00:00:00Z", "until": "2024-07-01T00:00:00Z"}`
/// (`until` optional: open-ended).
///
/// ```
/// use carekit::TierId;
/// use carekit::loyalty::ManualFloor;
/// use chrono::{TimeZone, Utc};
/// let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
/// let until = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
/// let f = ManualFloor::new(TierId::new("gold")?, from, Some(until))?;
/// assert!(f.is_active_at(from));
/// assert!(!f.is_active_at(until));
/// assert!(ManualFloor::new(TierId::new("gold")?, until, Some(from)).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawFloor", into = "RawFloor"))]
pub struct ManualFloor {
    tier: TierId,
    from: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFloor {
    tier: TierId,
    from: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<DateTime<Utc>>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFloor> for ManualFloor {
    type Error = Error;
    fn try_from(r: RawFloor) -> Result<Self, Error> {
        ManualFloor::new(r.tier, r.from, r.until)
    }
}

#[cfg(feature = "serde")]
impl From<ManualFloor> for RawFloor {
    fn from(f: ManualFloor) -> Self {
        Self {
            tier: f.tier,
            from: f.from,
            until: f.until,
        }
    }
}

impl ManualFloor {
    /// A floor of `tier` from `from` until `until` (exclusive; `None`:
    /// open-ended).
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::FloorEndsBeforeStart`] unless `until > from`.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::ManualFloor;
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |m| Utc.with_ymd_and_hms(2024, m, 1, 0, 0, 0).unwrap();
    /// // gold for the first half of 2024, then open-ended silver
    /// let gold = ManualFloor::new(TierId::new("gold")?, t(1), Some(t(7)))?;
    /// let silver = ManualFloor::new(TierId::new("silver")?, t(7), None)?;
    /// assert_eq!((gold.until(), silver.until()), (Some(t(7)), None));
    /// assert_eq!(ManualFloor::new(TierId::new("gold")?, t(7), Some(t(7))).unwrap_err().to_string(),
    ///     "manual floor until 2024-07-01T00:00:00Z is not after its from 2024-07-01T00:00:00Z");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(
        tier: TierId,
        from: DateTime<Utc>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Self, Error> {
        if let Some(u) = until {
            if u <= from {
                return Err(LoyaltyError::FloorEndsBeforeStart { from, until: u }.into());
            }
        }
        Ok(Self { tier, from, until })
    }

    /// The tier granted.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::ManualFloor;
    /// # use chrono::{TimeZone, Utc};
    /// let f = ManualFloor::new(TierId::new("gold")?, Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), None)?;
    /// assert_eq!(f.tier().as_str(), "gold");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> &TierId {
        &self.tier
    }

    /// Start (inclusive).
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::ManualFloor;
    /// # use chrono::{TimeZone, Utc};
    /// let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(ManualFloor::new(TierId::new("gold")?, from, None)?.from(), from);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn from(&self) -> DateTime<Utc> {
        self.from
    }

    /// End (exclusive), if any.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::ManualFloor;
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |m| Utc.with_ymd_and_hms(2024, m, 1, 0, 0, 0).unwrap();
    /// assert_eq!(ManualFloor::new(TierId::new("gold")?, t(1), Some(t(4)))?.until(), Some(t(4)));
    /// assert_eq!(ManualFloor::new(TierId::new("gold")?, t(1), None)?.until(), None); // open-ended
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    /// Whether the floor holds at `t`.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::ManualFloor;
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |m| Utc.with_ymd_and_hms(2024, m, 1, 0, 0, 0).unwrap();
    /// let f = ManualFloor::new(TierId::new("gold")?, t(2), Some(t(5)))?;
    /// // [1 Feb, 1 May): start included, end excluded
    /// assert_eq!([t(1), t(2), t(4), t(5)].map(|m| f.is_active_at(m)), [false, true, true, false]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_active_at(&self, t: DateTime<Utc>) -> bool {
        self.from <= t && self.until.is_none_or(|u| t < u)
    }
}

/// One customer's membership: when they joined (the start of their first
/// window and of anniversary and rolling review cadences) and any manual
/// floors granted by staff.
///
/// ```
/// use carekit::TierId;
/// use carekit::loyalty::{ManualFloor, Membership};
/// use chrono::{TimeZone, Utc};
/// let since = Utc.with_ymd_and_hms(2023, 5, 10, 0, 0, 0).unwrap();
/// let m = Membership::new(since).with_floor(ManualFloor::new(TierId::new("gold")?, since, None)?);
/// assert_eq!(m.since(), since);
/// assert_eq!(m.floors().len(), 1);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Membership {
    since: DateTime<Utc>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    floors: Vec<ManualFloor>,
}

impl Membership {
    /// A member since `since`, without floors.
    ///
    /// ```
    /// # use carekit::loyalty::Membership;
    /// # use chrono::{TimeZone, Utc};
    /// let since = Utc.with_ymd_and_hms(2023, 5, 10, 0, 0, 0).unwrap();
    /// let m = Membership::new(since);
    /// assert_eq!((m.since(), m.floors().len()), (since, 0));
    /// ```
    pub fn new(since: DateTime<Utc>) -> Self {
        Self {
            since,
            floors: Vec::new(),
        }
    }

    /// With one more manual floor.
    ///
    /// ```
    /// # use carekit::{Currency, Money, TierId};
    /// # use carekit::loyalty::*;
    /// # use chrono::{TimeZone, Utc};
    /// # use rust_decimal::Decimal;
    /// # let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
    /// # let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    /// #     .tier(tier("blue", 0)).tier(tier("silver", 500)).tier(tier("gold", 1000))
    /// #     .build()?;
    /// # let events = [LoyaltyEvent::purchase(EventId::new("p-1")?, t(2024, 2, 1), eur(30000))?,
    /// #     LoyaltyEvent::purchase(EventId::new("p-2")?, t(2024, 4, 1), eur(35000))?];
    /// # let eval = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 6, 1))?;
    /// // Calendar-year spend; blue from 0, silver from 500, gold from 1000 EUR.
    /// // Joined 1 Jan 2024, spent 300 EUR on 1 Feb and 350 EUR on 1 Apr; as of 1 Jun 2024.
    /// // staff grant gold from 1 Jan to 1 Jul 2024 on top of the 650 EUR spent
    /// let vip = Membership::new(t(2024, 1, 1))
    ///     .with_floor(ManualFloor::new(TierId::new("gold")?, t(2024, 1, 1), Some(t(2024, 7, 1)))?);
    /// let e = programme.evaluate(&vip, &events, t(2024, 6, 1))?;
    /// assert_eq!((e.tier().as_str(), e.met_tier().as_str()), ("gold", "silver"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_floor(mut self, floor: ManualFloor) -> Self {
        self.floors.push(floor);
        self
    }

    /// When they joined.
    ///
    /// ```
    /// # use carekit::loyalty::Membership;
    /// # use chrono::{TimeZone, Utc};
    /// let since = Utc.with_ymd_and_hms(2023, 5, 10, 0, 0, 0).unwrap();
    /// assert_eq!(Membership::new(since).since(), since); // anniversary reviews count from here
    /// ```
    pub fn since(&self) -> DateTime<Utc> {
        self.since
    }

    /// Manual floors.
    ///
    /// ```
    /// # use carekit::TierId;
    /// # use carekit::loyalty::{ManualFloor, Membership};
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |m| Utc.with_ymd_and_hms(2024, m, 1, 0, 0, 0).unwrap();
    /// let m = Membership::new(t(1))
    ///     .with_floor(ManualFloor::new(TierId::new("gold")?, t(1), Some(t(4)))?)
    ///     .with_floor(ManualFloor::new(TierId::new("silver")?, t(4), None)?);
    /// assert_eq!(m.floors().iter().filter(|f| f.is_active_at(t(5))).count(), 1); // silver only
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn floors(&self) -> &[ManualFloor] {
        &self.floors
    }
}
