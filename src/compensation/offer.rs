//! Offers: what an agent proposes to give a customer, valued in money.

use std::fmt;

use rust_decimal::Decimal;

use super::CompensationError;
use crate::error::Error;
use crate::money::Money;

/// The kind of an offer. Names (`Display`, JSON) are `snake_case`:
/// `refund`, `credit`, `coupon`, `free_product`, `shipping`, `gift`.
///
/// ```
/// use carekit::compensation::OfferKind;
/// assert_eq!(OfferKind::FreeProduct.to_string(), "free_product");
/// assert_eq!("credit".parse::<OfferKind>()?, OfferKind::Credit);
/// assert_eq!(OfferKind::ALL.len(), 6);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OfferKind {
    /// Money back to the customer's payment method.
    Refund,
    /// Account credit (store credit, a balance the customer can spend).
    Credit,
    /// A discount coupon, worth an amount or a percent of an order.
    Coupon,
    /// A free product, valued at its price.
    FreeProduct,
    /// Free or expedited shipping, valued at its cost.
    Shipping,
    /// A gift (flowers, a voucher, merchandise), valued at its cost.
    Gift,
}

impl OfferKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// # use carekit::compensation::OfferKind;
    /// let names: Vec<&str> = OfferKind::ALL.iter().map(|k| k.name()).collect();
    /// assert_eq!(names, ["refund", "credit", "coupon", "free_product", "shipping", "gift"]);
    /// ```
    pub const ALL: &'static [OfferKind] = &[
        Self::Refund,
        Self::Credit,
        Self::Coupon,
        Self::FreeProduct,
        Self::Shipping,
        Self::Gift,
    ];

    /// Number of kinds (for dense per-kind tables).
    pub(crate) const COUNT: usize = 6;

    /// The `snake_case` name.
    ///
    /// ```
    /// # use carekit::compensation::OfferKind;
    /// assert_eq!(OfferKind::FreeProduct.name(), "free_product");
    /// assert_eq!(OfferKind::Shipping.name(), OfferKind::Shipping.to_string());
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Refund => "refund",
            Self::Credit => "credit",
            Self::Coupon => "coupon",
            Self::FreeProduct => "free_product",
            Self::Shipping => "shipping",
            Self::Gift => "gift",
        }
    }

    /// Dense index `0..COUNT`.
    pub(crate) fn index(self) -> usize {
        match self {
            Self::Refund => 0,
            Self::Credit => 1,
            Self::Coupon => 2,
            Self::FreeProduct => 3,
            Self::Shipping => 4,
            Self::Gift => 5,
        }
    }

    /// Bit of this kind in a kind mask.
    pub(crate) fn bit(self) -> u8 {
        1_u8 << self.index()
    }
}

impl fmt::Display for OfferKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl std::str::FromStr for OfferKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                CompensationError::UnknownOfferKind {
                    value: s.to_owned(),
                }
                .into()
            })
    }
}

/// A percentage in `0..=100`, exact.
///
/// ```
/// use carekit::compensation::Percent;
/// use rust_decimal::Decimal;
/// let p = Percent::new(Decimal::from(15))?;
/// assert_eq!(p.proportion(), Decimal::new(15, 2));
/// assert_eq!(
///     Percent::new(Decimal::from(150)).unwrap_err().to_string(),
///     "percentage 150 is outside 0..=100"
/// );
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Decimal", into = "Decimal"))]
pub struct Percent(Decimal);

impl Percent {
    /// Validates a percentage.
    ///
    /// # Errors
    ///
    /// [`CompensationError::PercentOutOfRange`] unless `0 <= value <= 100`.
    ///
    /// ```
    /// # use carekit::compensation::Percent;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Percent::new(Decimal::new(125, 1))?.to_string(), "12.5%");
    /// assert!(Percent::new(Decimal::ONE_HUNDRED).is_ok()); // bounds included
    /// assert!(Percent::new(Decimal::NEGATIVE_ONE).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(value: Decimal) -> Result<Self, Error> {
        if value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED {
            Ok(Self(value))
        } else {
            Err(CompensationError::PercentOutOfRange { value }.into())
        }
    }

    /// The percentage (`15` for 15 %).
    ///
    /// ```
    /// # use carekit::compensation::Percent;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Percent::new(Decimal::from(15))?.get(), Decimal::from(15));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(self) -> Decimal {
        self.0
    }

    /// As a proportion, 0–1 (`0.15` for 15 %).
    ///
    /// ```
    /// # use carekit::compensation::Percent;
    /// # use rust_decimal::Decimal;
    /// // 12.5 % = 12.5 / 100 = 0.125
    /// assert_eq!(Percent::new(Decimal::new(125, 1))?.proportion(), Decimal::new(125, 3));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn proportion(self) -> Decimal {
        // Cannot fail: |value| <= 100, dividing by 100 only shifts the scale.
        self.0
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or(Decimal::ZERO)
    }
}

impl TryFrom<Decimal> for Percent {
    type Error = Error;
    fn try_from(value: Decimal) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Percent> for Decimal {
    fn from(p: Percent) -> Decimal {
        p.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

/// How an offer is valued: an amount of money, or (coupons only) a percent
/// of the order, turned into money by the [`Request`](super::Request) that
/// carries the order value.
///
/// ```
/// use carekit::compensation::{OfferValue, Percent};
/// use carekit::{Currency, Money};
/// let a = OfferValue::Amount(Money::from_minor_units(500, Currency::EUR));
/// let p = OfferValue::PercentOfOrder(Percent::new(10.into())?);
/// assert_ne!(a, p);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfferValue {
    /// A fixed amount.
    Amount(Money),
    /// A percent of the request's order value.
    PercentOfOrder(Percent),
}

/// An offer: a kind and a value, with an optional free-text description
/// ("SKU-123 replacement", "expedited shipping").
///
/// With the `serde` feature:
///
/// ```json
/// {"kind": "refund", "value": {"amount": "40.00", "currency": "EUR"}}
/// {"kind": "coupon", "percent_of_order": "10", "description": "sorry coupon"}
/// ```
///
/// ```
/// use carekit::compensation::{Offer, OfferKind, Percent};
/// use carekit::{Currency, Money};
///
/// let refund = Offer::new(OfferKind::Refund, Money::from_minor_units(4000, Currency::EUR))?;
/// assert_eq!(refund.to_string(), "refund 40.00 EUR");
/// let coupon = Offer::coupon_percent(Percent::new(10.into())?);
/// assert_eq!(coupon.to_string(), "coupon 10% of the order");
/// assert!(Offer::new(OfferKind::Gift, Money::from_minor_units(-1, Currency::EUR)).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawOffer", into = "RawOffer"))]
pub struct Offer {
    kind: OfferKind,
    value: OfferValue,
    description: Option<String>,
}

impl Offer {
    /// An offer of `kind` worth `value`.
    ///
    /// # Errors
    ///
    /// [`CompensationError::NegativeAmount`] if `value` is below zero.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, OfferKind, OfferValue};
    /// # use carekit::{Currency, Money};
    /// let ship = Offer::new(OfferKind::Shipping, Money::from_minor_units(499, Currency::EUR))?;
    /// assert_eq!(ship.value(), OfferValue::Amount(Money::from_minor_units(499, Currency::EUR)));
    /// assert_eq!(
    ///     Offer::new(OfferKind::Refund, Money::from_minor_units(-100, Currency::EUR)).unwrap_err().to_string(),
    ///     "offer.value: expected a non-negative amount, found -1.00 EUR"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(kind: OfferKind, value: Money) -> Result<Self, Error> {
        if value.is_negative() {
            return Err(CompensationError::NegativeAmount {
                path: "offer.value".into(),
                value,
            }
            .into());
        }
        Ok(Self {
            kind,
            value: OfferValue::Amount(value),
            description: None,
        })
    }

    /// A coupon worth a percent of the request's order value.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, OfferKind, OfferValue, Percent};
    /// let c = Offer::coupon_percent(Percent::new(20.into())?);
    /// assert_eq!(c.kind(), OfferKind::Coupon);
    /// assert_eq!(c.value(), OfferValue::PercentOfOrder(Percent::new(20.into())?));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn coupon_percent(percent: Percent) -> Self {
        Self {
            kind: OfferKind::Coupon,
            value: OfferValue::PercentOfOrder(percent),
            description: None,
        }
    }

    /// With a description.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, OfferKind};
    /// # use carekit::{Currency, Money};
    /// let o = Offer::new(OfferKind::FreeProduct, Money::from_minor_units(1999, Currency::EUR))?
    ///     .with_description("SKU-123 replacement");
    /// assert_eq!(o.to_string(), "free_product 19.99 EUR (SKU-123 replacement)");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    /// The kind.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, OfferKind};
    /// # use carekit::{Currency, Money};
    /// let o = Offer::new(OfferKind::Gift, Money::from_minor_units(3000, Currency::EUR))?;
    /// assert_eq!(o.kind(), OfferKind::Gift);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn kind(&self) -> OfferKind {
        self.kind
    }

    /// The value as given.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, OfferValue, Percent};
    /// // a percent coupon keeps its percent: the request turns it into money
    /// let o = Offer::coupon_percent(Percent::new(10.into())?);
    /// assert!(matches!(o.value(), OfferValue::PercentOfOrder(p) if p.get() == 10.into()));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn value(&self) -> OfferValue {
        self.value
    }

    /// The description, if any.
    ///
    /// ```
    /// # use carekit::compensation::{Offer, Percent};
    /// let o = Offer::coupon_percent(Percent::new(10.into())?);
    /// assert_eq!(o.description(), None);
    /// assert_eq!(o.with_description("sorry coupon").description(), Some("sorry coupon"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

impl fmt::Display for Offer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            OfferValue::Amount(m) => write!(f, "{} {m}", self.kind)?,
            OfferValue::PercentOfOrder(p) => write!(f, "{} {p} of the order", self.kind)?,
        }
        if let Some(d) = &self.description {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffer {
    kind: OfferKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percent_of_order: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawOffer> for Offer {
    type Error = Error;
    fn try_from(raw: RawOffer) -> Result<Self, Error> {
        let offer = match (raw.value, raw.percent_of_order) {
            (Some(v), None) => Self::new(raw.kind, v)?,
            (None, Some(p)) if raw.kind == OfferKind::Coupon => {
                Self::coupon_percent(Percent::new(p)?)
            }
            _ => {
                return Err(CompensationError::OfferValueShape {
                    kind: raw.kind.name(),
                }
                .into());
            }
        };
        Ok(Self {
            description: raw.description,
            ..offer
        })
    }
}

#[cfg(feature = "serde")]
impl From<Offer> for RawOffer {
    fn from(o: Offer) -> Self {
        let (value, percent_of_order) = match o.value {
            OfferValue::Amount(m) => (Some(m), None),
            OfferValue::PercentOfOrder(p) => (None, Some(p.get())),
        };
        Self {
            kind: o.kind,
            value,
            percent_of_order,
            description: o.description,
        }
    }
}
