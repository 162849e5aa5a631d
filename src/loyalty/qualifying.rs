//! The qualifying value: what each event contributes in the programme's
//! measure, and the value summed over the window at an instant.

use chrono::{DateTime, Datelike, Months, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::programme::{LoyaltyProgramme, Measure, PointsRule, Window};
use super::reviews::{Reviews, new_year, out_of_range};
use super::{EventId, LoyaltyError};
use crate::calendar::Span;
use crate::{Error, Money};

/// One change of the qualifying value, at the instant it counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Contribution {
    pub(super) at: DateTime<Utc>,
    pub(super) delta: Decimal,
}

/// Qualifying value over sub-ranges of time, via prefix sums.
pub(super) struct Values {
    pub(super) at: Vec<DateTime<Utc>>,
    prefix: Vec<Decimal>,
    currency: crate::Currency,
}

impl Values {
    pub(super) fn new(
        mut items: Vec<Contribution>,
        currency: crate::Currency,
    ) -> Result<Self, Error> {
        items.sort_by_key(|c| c.at);
        let mut prefix = Vec::with_capacity(items.len().saturating_add(1));
        let mut acc = Decimal::ZERO;
        prefix.push(acc);
        for c in &items {
            acc = add(acc, c.delta, currency)?;
            prefix.push(acc);
        }
        Ok(Self {
            at: items.into_iter().map(|c| c.at).collect(),
            prefix,
            currency,
        })
    }

    /// Number of contributions at or before `t`.
    pub(super) fn idx_le(&self, t: DateTime<Utc>) -> usize {
        self.at.partition_point(|&a| a <= t)
    }

    /// Number of contributions before `t`.
    pub(super) fn idx_lt(&self, t: DateTime<Utc>) -> usize {
        self.at.partition_point(|&a| a < t)
    }

    /// Sum of the contributions `lo..hi` (by position).
    pub(super) fn between(&self, lo: usize, hi: usize) -> Result<Decimal, Error> {
        let a = self.prefix.get(lo).copied().unwrap_or(Decimal::ZERO);
        let b = self.prefix.get(hi).copied().unwrap_or(Decimal::ZERO);
        sub(b, a, self.currency)
    }

    /// The qualifying value in the window at `t`.
    pub(super) fn window_value(
        &self,
        window: Window,
        reviews: &Reviews,
        t: DateTime<Utc>,
    ) -> Result<Decimal, Error> {
        let hi = self.idx_le(t);
        let lo = match window {
            Window::Rolling(span) => {
                self.idx_le(sub_span(t, span).ok_or_else(|| out_of_range("window start", t))?)
            }
            Window::CalendarYear => self.idx_lt(new_year(t.year(), t)?),
            Window::AnniversaryYear => self.idx_lt(reviews.last_at_or_before(t)?),
            Window::Lifetime => 0,
        };
        self.between(lo, hi.max(lo))
    }
}

pub(super) fn add(a: Decimal, b: Decimal, currency: crate::Currency) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_add(&Money::new(b, currency))?
        .amount())
}

pub(super) fn sub(a: Decimal, b: Decimal, currency: crate::Currency) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_sub(&Money::new(b, currency))?
        .amount())
}

pub(super) fn sub_span(t: DateTime<Utc>, span: Span) -> Option<DateTime<Utc>> {
    match span {
        Span::Days(n) => t.checked_sub_signed(TimeDelta::try_days(i64::from(n))?),
        Span::Months(n) => t.checked_sub_months(Months::new(n)),
    }
}

impl LoyaltyProgramme {
    /// The qualifying value a purchase of `amount` contributes.
    pub(super) fn purchase_value(&self, amount: Decimal, id: &EventId) -> Result<Decimal, Error> {
        Ok(match self.measure() {
            Measure::Spend => amount,
            Measure::Points => {
                let rate = self.points().map_or(Decimal::ONE, PointsRule::earn_rate);
                amount
                    .checked_mul(rate)
                    .ok_or_else(|| LoyaltyError::Overflow {
                        what: "qualifying points",
                        value: amount,
                        factor: rate,
                        event: Some(id.clone()),
                    })?
                    .floor()
            }
            Measure::Purchases => {
                if amount > Decimal::ZERO {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                }
            }
        })
    }

    /// A value as reported: spend with at least the currency's minor-unit
    /// digits, counts and points as whole numbers.
    pub(super) fn present(&self, value: Decimal) -> Decimal {
        match self.measure() {
            Measure::Spend => {
                let mut v = value;
                let minor = u32::from(self.currency().minor_units());
                if v.scale() < minor {
                    v.rescale(minor);
                }
                v
            }
            Measure::Points | Measure::Purchases => value.normalize(),
        }
    }
}
