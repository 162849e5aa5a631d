//! Money: an exact decimal amount in one ISO 4217 currency.
//!
//! [`Money`] pairs a [`rust_decimal::Decimal`] amount with a [`Currency`].
//! Amounts of different currencies never mix: every arithmetic operation
//! checks the currencies and returns [`MoneyError::CurrencyMismatch`] rather
//! than a wrong number. Every operation is checked: overflow is an error,
//! never a panic and never a wrapped value.
//!
//! Amounts keep whatever precision the computation produced (a 12.5 % credit
//! on 19.99 EUR is 2.49875 EUR); rounding to the currency's minor unit is an
//! explicit step with a named [`RoundingStrategy`], because rounding rules
//! are business rules (banker's rounding for ledgers, away from zero for
//! invoices, down for "at most" caps).
//!
//! # Example
//!
//! ```
//! use carekit::{Currency, Money, RoundingStrategy};
//! use rust_decimal::Decimal;
//!
//! let order = Money::new(Decimal::new(1999, 2), Currency::EUR); // 19.99 EUR
//! let credit = order.checked_mul(Decimal::new(125, 3))?; // 12.5 %
//! assert_eq!(credit.amount(), Decimal::new(249875, 5));
//! let credit = credit.round_to_minor_units(RoundingStrategy::HalfEven);
//! assert_eq!(credit.to_string(), "2.50 EUR");
//!
//! let yen = Money::new(Decimal::from(500), Currency::JPY);
//! assert!(order.checked_add(&yen).is_err()); // EUR + JPY is an error
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! With the `serde` feature, money is `{"amount": "19.99", "currency":
//! "EUR"}`; the amount is a decimal string (a JSON number is also accepted
//! when reading) so no precision is lost to binary floating point.

mod currency;
mod table;

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

pub use currency::Currency;

/// Errors from money arithmetic and currency codes.
///
/// # Example
///
/// ```
/// use carekit::{Currency, Money, money::MoneyError};
/// use rust_decimal::Decimal;
///
/// let eur = Money::new(Decimal::ONE, Currency::EUR);
/// let usd = Money::new(Decimal::ONE, Currency::USD);
/// let err = eur.checked_add(&usd).unwrap_err();
/// assert_eq!(err, MoneyError::CurrencyMismatch { expected: Currency::EUR, found: Currency::USD });
/// assert_eq!(err.to_string(), "currency mismatch: expected EUR, found USD");
/// // With `?` it becomes the crate's error.
/// assert_eq!(carekit::Error::from(err.clone()), carekit::Error::Money(err));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The code is not three upper-case ASCII letters.
    #[error("currency code {code:?} is malformed: expected three upper-case letters")]
    MalformedCurrency {
        /// The rejected code.
        code: String,
    },
    /// The code is well formed but not an active ISO 4217 code.
    #[error("currency code {code:?} is not an active iso 4217 code")]
    UnknownCurrency {
        /// The rejected code.
        code: String,
    },
    /// Two amounts in different currencies met in one operation.
    #[error("currency mismatch: expected {expected}, found {found}")]
    CurrencyMismatch {
        /// The currency of the left operand (or of the policy, programme...).
        expected: Currency,
        /// The other currency.
        found: Currency,
    },
    /// The exact result does not fit in a `Decimal` (about ±7.9 × 10²⁸).
    #[error("{operation} of {left} and {right} overflows the decimal range")]
    Overflow {
        /// `"addition"`, `"subtraction"`, `"multiplication"` or `"division"`.
        operation: &'static str,
        /// The left operand.
        left: Decimal,
        /// The right operand.
        right: Decimal,
    },
    /// Division by a zero ratio.
    #[error("division of {amount} by zero")]
    DivisionByZero {
        /// The dividend.
        amount: Decimal,
    },
}

/// How to round an amount to a currency's minor unit.
///
/// # Example
///
/// ```
/// use carekit::{Currency, Money, RoundingStrategy};
/// use rust_decimal::Decimal;
///
/// let m = Money::new(Decimal::new(2345, 3), Currency::EUR); // 2.345
/// let r = |s| m.round_to_minor_units(s).amount().to_string();
/// assert_eq!(r(RoundingStrategy::HalfEven), "2.34");
/// assert_eq!(r(RoundingStrategy::HalfAwayFromZero), "2.35");
/// assert_eq!(r(RoundingStrategy::TowardZero), "2.34");
/// assert_eq!(r(RoundingStrategy::AwayFromZero), "2.35");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RoundingStrategy {
    /// Round half to even (banker's rounding): 2.345 → 2.34, 2.355 → 2.36.
    /// The default, because it does not bias sums of many rounded amounts.
    #[default]
    HalfEven,
    /// Round half away from zero (commercial rounding): 2.345 → 2.35.
    HalfAwayFromZero,
    /// Round half toward zero: 2.345 → 2.34, 2.346 → 2.35.
    HalfTowardZero,
    /// Truncate toward zero: 2.349 → 2.34. Use for "at most" caps.
    TowardZero,
    /// Away from zero: 2.341 → 2.35.
    AwayFromZero,
    /// Toward negative infinity: −2.341 → −2.35.
    Floor,
    /// Toward positive infinity: 2.341 → 2.35.
    Ceiling,
}

impl RoundingStrategy {
    fn to_decimal(self) -> rust_decimal::RoundingStrategy {
        use rust_decimal::RoundingStrategy as R;
        match self {
            Self::HalfEven => R::MidpointNearestEven,
            Self::HalfAwayFromZero => R::MidpointAwayFromZero,
            Self::HalfTowardZero => R::MidpointTowardZero,
            Self::TowardZero => R::ToZero,
            Self::AwayFromZero => R::AwayFromZero,
            Self::Floor => R::ToNegativeInfinity,
            Self::Ceiling => R::ToPositiveInfinity,
        }
    }
}

/// `Decimal` addition silently drops trailing digits when the exact sum needs
/// more than 96 bits of mantissa (`MAX + 0.01 == MAX`). Money must not lose
/// cents silently, so a sum that does not give back both operands is
/// treated as an overflow.
fn exact(sum: Option<Decimal>, a: Decimal, b: Decimal) -> Option<Decimal> {
    sum.filter(|r| r.checked_sub(a) == Some(b) && r.checked_sub(b) == Some(a))
}

/// An exact amount of one currency.
///
/// Equality compares value and currency (`1.0 EUR == 1.00 EUR`). There is
/// deliberately no `Ord`: amounts in different currencies have no order, so
/// comparison is the fallible [`Money::checked_cmp`].
///
/// # Example
///
/// ```
/// use carekit::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let a = Money::new(Decimal::new(1050, 2), Currency::EUR);
/// let b = Money::from_minor_units(250, Currency::EUR);
/// assert_eq!(a.checked_add(&b)?.to_string(), "13.00 EUR");
/// assert_eq!(a.checked_sub(&b)?.amount(), Decimal::new(800, 2));
/// assert!(a.checked_cmp(&b)?.is_gt());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in a currency. Any precision is kept; see
    /// [`Money::round_to_minor_units`].
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let m = Money::new(Decimal::new(4000, 2), Currency::EUR);
    /// assert_eq!(m.to_string(), "40.00 EUR");
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    /// Zero in a currency.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert!(Money::zero(Currency::USD).is_zero());
    /// ```
    pub fn zero(currency: Currency) -> Self {
        Self::new(Decimal::ZERO, currency)
    }

    /// An amount given in minor units (cents): `from_minor_units(1999, EUR)`
    /// is 19.99 EUR, `from_minor_units(500, JPY)` is 500 JPY.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert_eq!(Money::from_minor_units(1999, Currency::EUR).to_string(), "19.99 EUR");
    /// assert_eq!(Money::from_minor_units(500, Currency::JPY).to_string(), "500 JPY");
    /// assert_eq!(Money::from_minor_units(1, Currency::BHD).to_string(), "0.001 BHD");
    /// ```
    pub fn from_minor_units(minor: i64, currency: Currency) -> Self {
        Self::new(
            Decimal::new(minor, u32::from(currency.minor_units())),
            currency,
        )
    }

    /// The amount.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert_eq!(Money::from_minor_units(250, Currency::EUR).amount(), rust_decimal::Decimal::new(250, 2));
    /// ```
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert_eq!(Money::zero(Currency::GBP).currency(), Currency::GBP);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert!(!Money::from_minor_units(1, Currency::EUR).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// assert!(Money::from_minor_units(-1, Currency::EUR).is_negative());
    /// assert!(!Money::zero(Currency::EUR).is_negative());
    /// ```
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    fn same_currency(&self, other: &Self) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                expected: self.currency,
                found: other.currency,
            })
        }
    }

    /// `self + other`, exactly.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] if the currencies differ,
    /// [`MoneyError::Overflow`] if the exact sum does not fit in a `Decimal`
    /// (including a sum that would lose its smallest digits).
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// let sum = Money::from_minor_units(150, Currency::EUR)
    ///     .checked_add(&Money::from_minor_units(275, Currency::EUR))?;
    /// assert_eq!(sum, Money::from_minor_units(425, Currency::EUR));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = exact(
            self.amount.checked_add(other.amount),
            self.amount,
            other.amount,
        )
        .ok_or(MoneyError::Overflow {
            operation: "addition",
            left: self.amount,
            right: other.amount,
        })?;
        Ok(Self::new(amount, self.currency))
    }

    /// `self − other`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] if the currencies differ,
    /// [`MoneyError::Overflow`] if the exact difference does not fit.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// let left = Money::from_minor_units(1000, Currency::USD)
    ///     .checked_sub(&Money::from_minor_units(1250, Currency::USD))?;
    /// assert_eq!(left.to_string(), "-2.50 USD");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .filter(|d| {
                d.checked_add(other.amount) == Some(self.amount)
                    && self.amount.checked_sub(*d) == Some(other.amount)
            })
            .ok_or(MoneyError::Overflow {
                operation: "subtraction",
                left: self.amount,
                right: other.amount,
            })?;
        Ok(Self::new(amount, self.currency))
    }

    /// `self × ratio`, e.g. a percentage of an order value (`ratio` 0.5 for
    /// 50 %). The result keeps full precision up to `Decimal`'s 28 decimal
    /// places (a ratio such as ⅓ is itself already rounded there); round it
    /// to the currency explicitly.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] if the product does not fit.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let half = Money::from_minor_units(12000, Currency::EUR).checked_mul(Decimal::new(5, 1))?;
    /// assert_eq!(half, Money::from_minor_units(6000, Currency::EUR));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_mul(&self, ratio: Decimal) -> Result<Self, MoneyError> {
        let amount = self.amount.checked_mul(ratio).ok_or(MoneyError::Overflow {
            operation: "multiplication",
            left: self.amount,
            right: ratio,
        })?;
        Ok(Self::new(amount, self.currency))
    }

    /// `self ÷ divisor`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::DivisionByZero`] for a zero divisor,
    /// [`MoneyError::Overflow`] if the quotient does not fit.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let third = Money::from_minor_units(1000, Currency::EUR).checked_div(Decimal::from(4))?;
    /// assert_eq!(third.to_string(), "2.50 EUR");
    /// assert!(third.checked_div(Decimal::ZERO).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_div(&self, divisor: Decimal) -> Result<Self, MoneyError> {
        if divisor.is_zero() {
            return Err(MoneyError::DivisionByZero {
                amount: self.amount,
            });
        }
        let amount = self
            .amount
            .checked_div(divisor)
            .ok_or(MoneyError::Overflow {
                operation: "division",
                left: self.amount,
                right: divisor,
            })?;
        Ok(Self::new(amount, self.currency))
    }

    /// Compares two amounts of the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] if the currencies differ.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// use std::cmp::Ordering;
    /// let a = Money::from_minor_units(100, Currency::EUR);
    /// assert_eq!(a.checked_cmp(&a)?, Ordering::Equal);
    /// assert!(a.checked_cmp(&Money::from_minor_units(100, Currency::USD)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_cmp(&self, other: &Self) -> Result<Ordering, MoneyError> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// The smaller of two amounts of the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] if the currencies differ.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// let a = Money::from_minor_units(100, Currency::EUR);
    /// let b = Money::from_minor_units(90, Currency::EUR);
    /// assert_eq!(a.checked_min(&b)?, b);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn checked_min(&self, other: &Self) -> Result<Self, MoneyError> {
        Ok(if self.checked_cmp(other)?.is_le() {
            *self
        } else {
            *other
        })
    }

    /// The amount rounded to the currency's minor unit (2 decimals for EUR,
    /// 0 for JPY) with the given strategy. The result never differs from the
    /// exact amount by more than one minor unit, nor by more than half of one
    /// with a `Half*` strategy.
    ///
    /// ```
    /// use carekit::{Currency, Money, RoundingStrategy};
    /// use rust_decimal::Decimal;
    /// let yen = Money::new(Decimal::new(1005, 1), Currency::JPY); // 100.5 JPY
    /// assert_eq!(yen.round_to_minor_units(RoundingStrategy::HalfEven).to_string(), "100 JPY");
    /// ```
    #[must_use]
    pub fn round_to_minor_units(&self, strategy: RoundingStrategy) -> Self {
        let mut amount = self.amount.round_dp_with_strategy(
            u32::from(self.currency.minor_units()),
            strategy.to_decimal(),
        );
        // Display always shows the minor unit ("2.50 EUR", not "2.5 EUR").
        amount.rescale(u32::from(self.currency.minor_units()));
        Self::new(amount, self.currency)
    }

    /// Splits the amount into parts proportional to `weights`, each a whole
    /// number of minor units, with no minor unit lost: the parts always add
    /// up to the amount rounded half-even to the minor unit (largest
    /// remainder method; ties go to the earlier part).
    ///
    /// # Errors
    ///
    /// [`MoneyError::DivisionByZero`] if `weights` is empty or sums to zero,
    /// [`MoneyError::Overflow`] if an intermediate product does not fit.
    ///
    /// ```
    /// use carekit::{Currency, Money};
    /// let parts = Money::from_minor_units(1000, Currency::EUR).allocate(&[1, 1, 1])?;
    /// let shown: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["3.34 EUR", "3.33 EUR", "3.33 EUR"]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn allocate(&self, weights: &[u32]) -> Result<Vec<Self>, MoneyError> {
        let total_minor = self
            .round_to_minor_units(RoundingStrategy::HalfEven)
            .amount
            .checked_mul(Decimal::from(
                10_u64.pow(u32::from(self.currency.minor_units())),
            ))
            .ok_or(MoneyError::Overflow {
                operation: "multiplication",
                left: self.amount,
                right: Decimal::ONE,
            })?;
        let weight_sum: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if weight_sum == 0 {
            return Err(MoneyError::DivisionByZero {
                amount: self.amount,
            });
        }
        let overflow = || MoneyError::Overflow {
            operation: "division",
            left: total_minor,
            right: Decimal::from(weight_sum),
        };
        let mut floors = Vec::with_capacity(weights.len());
        let mut remainders = Vec::with_capacity(weights.len());
        let mut allocated = Decimal::ZERO;
        for (i, &w) in weights.iter().enumerate() {
            let exact = total_minor
                .checked_mul(Decimal::from(w))
                .and_then(|p| p.checked_div(Decimal::from(weight_sum)))
                .ok_or_else(overflow)?;
            let floor = exact.trunc();
            let rem = exact.checked_sub(floor).ok_or_else(overflow)?.abs();
            allocated = allocated.checked_add(floor).ok_or_else(overflow)?;
            floors.push(floor);
            remainders.push((rem, i));
        }
        let mut left = total_minor.checked_sub(allocated).ok_or_else(overflow)?;
        let step = if left.is_sign_negative() {
            Decimal::NEGATIVE_ONE
        } else {
            Decimal::ONE
        };
        // Largest remainder first; stable on index so ties favour earlier parts.
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in &remainders {
            if left.is_zero() {
                break;
            }
            if let Some(f) = floors.get_mut(i) {
                *f = f.checked_add(step).ok_or_else(overflow)?;
                left = left.checked_sub(step).ok_or_else(overflow)?;
            }
        }
        Ok(floors
            .into_iter()
            .map(|minor| {
                let mut amount = minor;
                amount
                    .set_scale(u32::from(self.currency.minor_units()))
                    .ok();
                Self::new(amount, self.currency)
            })
            .collect())
    }
}

impl fmt::Display for Money {
    /// `"19.99 EUR"`: the amount with at least the currency's minor-unit
    /// digits, a space, the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.amount;
        if shown.scale() < u32::from(self.currency.minor_units()) {
            shown.rescale(u32::from(self.currency.minor_units()));
        }
        write!(f, "{shown} {}", self.currency)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    fn eur(minor: i64) -> Money {
        Money::from_minor_units(minor, Currency::EUR)
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Money::new(Decimal::MAX, Currency::EUR);
        let err = max.checked_add(&eur(1)).unwrap_err();
        assert!(matches!(
            err,
            MoneyError::Overflow {
                operation: "addition",
                ..
            }
        ));
        assert!(max.checked_mul(Decimal::from(2)).is_err());
        assert!(
            Money::new(Decimal::MIN, Currency::EUR)
                .checked_sub(&eur(1))
                .is_err()
        );
    }

    #[test]
    fn allocation_loses_no_cent() {
        let parts = eur(100).allocate(&[1, 2, 3]).unwrap();
        assert_eq!(parts, vec![eur(17), eur(33), eur(50)]);
        let parts = eur(-1000).allocate(&[1, 1, 1]).unwrap();
        assert_eq!(parts, vec![eur(-334), eur(-333), eur(-333)]);
        assert!(eur(100).allocate(&[]).is_err());
        assert!(eur(100).allocate(&[0, 0]).is_err());
    }

    #[test]
    fn display_pads_minor_units() {
        assert_eq!(
            Money::new(Decimal::new(25, 1), Currency::EUR).to_string(),
            "2.50 EUR"
        );
        assert_eq!(
            Money::new(Decimal::new(2501, 3), Currency::EUR).to_string(),
            "2.501 EUR"
        );
    }
}
