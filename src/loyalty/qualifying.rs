//! The qualifying value: what each event contributes in the programme's
//! measure, and the value summed over the window at an instant.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::programme::{LoyaltyProgramme, Measure, PointsRule, Window};
use super::schedule::{Reviews, out_of_range};
use super::{EventId, LoyaltyError};
use crate::calendar::{self, Period};
use crate::{error::Error, money::Money};

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
    currency: crate::money::Currency,
}

impl Values {
    pub(super) fn new(
        mut items: Vec<Contribution>,
        currency: crate::money::Currency,
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

    /// Position of the first contribution the window from `start` counts.
    fn first_counted(&self, start: Start) -> usize {
        match start {
            Start::After(s) => self.idx_le(s),
            Start::From(s) => self.idx_lt(s),
            Start::Everything => 0,
        }
    }

    /// The qualifying value in the window starting at `start`, up to and
    /// including `t`.
    pub(super) fn window_value(&self, start: Start, t: DateTime<Utc>) -> Result<Decimal, Error> {
        let lo = self.first_counted(start);
        self.between(lo, self.idx_le(t).max(lo))
    }

    /// The same, without the contributions at `t` itself.
    pub(super) fn window_value_before(
        &self,
        start: Start,
        t: DateTime<Utc>,
    ) -> Result<Decimal, Error> {
        let lo = self.first_counted(start);
        self.between(lo, self.idx_lt(t).max(lo))
    }

    /// The instant of the oldest contribution in the window starting at
    /// `start` up to `t`, if any.
    pub(super) fn oldest_counted(&self, start: Start, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let lo = self.first_counted(start);
        (lo < self.idx_le(t))
            .then(|| self.at.get(lo).copied())
            .flatten()
    }
}

/// Where the window at an instant starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// Contributions after this instant count (rolling windows).
    After(DateTime<Utc>),
    /// Contributions at or after this instant count (calendar and
    /// anniversary years).
    From(DateTime<Utc>),
    /// Every contribution counts (a lifetime window, or a window reaching
    /// back before the first instant chrono represents, where no event can
    /// be).
    Everything,
}

/// The start of the window at `t`, in the programme's zone. A rolling
/// window starts with [`calendar::Window::start`] (so it never moves
/// backwards) and holds what came after its start: `(start, t]`. A
/// calendar year starts at local midnight on 1 January, an anniversary
/// year at the last review.
pub(super) fn window_start(reviews: &Reviews, t: DateTime<Utc>) -> Result<Start, Error> {
    // A start chrono cannot represent lies before its first instant (the
    // window then holds everything), unless `t` itself is at the end of the
    // range, where its local reading may not exist.
    let before_time = |err: Error| {
        if t.checked_add_signed(TimeDelta::days(2)).is_some() {
            Ok(Start::Everything)
        } else {
            Err(err)
        }
    };
    match reviews.window() {
        Window::Lifetime => Ok(Start::Everything),
        Window::AnniversaryYear => Ok(Start::From(reviews.last_at_or_before(t))),
        Window::CalendarYear => calendar::Window::Calendar(Period::Year)
            .start(t, &reviews.tz())
            .map(Start::From)
            .or_else(before_time),
        Window::Rolling(span) => calendar::Window::Rolling(span)
            .start(t, &reviews.tz())
            .map(Start::After)
            .or_else(before_time),
    }
}

/// When a contribution at `at` leaves a rolling window (`None` for other
/// windows, and when it stays beyond chrono's range): the first instant
/// whose window start is at or after `at`, so that `(start, t]` no longer
/// holds it. That is [`calendar::Window::exit`] of the instant just
/// before; at chrono's first instant, which nothing precedes, the exit of
/// `at` itself (at most a nanosecond late).
pub(super) fn leaves_at(
    reviews: &Reviews,
    at: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, Error> {
    let Window::Rolling(span) = reviews.window() else {
        return Ok(None);
    };
    let just_before = at
        .checked_sub_signed(TimeDelta::nanoseconds(1))
        .unwrap_or(at);
    match calendar::Window::Rolling(span).exit(just_before, &reviews.tz()) {
        Ok(exit) => Ok(Some(exit)),
        // Unless `at` has no local reading (within a day of chrono's first
        // instant), the exit lies past the end of the range: it never
        // leaves.
        Err(_) if at.checked_sub_signed(TimeDelta::days(2)).is_some() => Ok(None),
        Err(_) => Err(out_of_range("window exit", at)),
    }
}

pub(super) fn add(
    a: Decimal,
    b: Decimal,
    currency: crate::money::Currency,
) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_add(&Money::new(b, currency))?
        .amount())
}

pub(super) fn sub(
    a: Decimal,
    b: Decimal,
    currency: crate::money::Currency,
) -> Result<Decimal, Error> {
    Ok(Money::new(a, currency)
        .checked_sub(&Money::new(b, currency))?
        .amount())
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

impl LoyaltyProgramme {
    /// Points per unit of currency at tier `tier`: the earn rate times the
    /// tier's points multiplier.
    pub(super) fn earn_rate_at(
        &self,
        rule: &PointsRule,
        tier: usize,
        event: Option<&EventId>,
    ) -> Result<Decimal, Error> {
        let multiplier = self.tier_at(tier).points_multiplier().get();
        rule.earn_rate().checked_mul(multiplier).ok_or_else(|| {
            LoyaltyError::Overflow {
                what: "points earn rate",
                value: rule.earn_rate(),
                factor: multiplier,
                event: event.cloned(),
            }
            .into()
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "tests: offsets from the ends of the range, by hand"
)]
mod tests {
    use super::*;
    use crate::calendar::{Span, Zone};
    use chrono::TimeZone;

    #[test]
    fn windows_at_the_ends_of_time() {
        let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        let h = TimeDelta::hours;
        let daily = Reviews::new(Window::Rolling(Span::Days(1)), Zone::UTC, min).unwrap();
        // 12 h after the first instant a day's window reaches before it.
        assert_eq!(
            window_start(&daily, min + h(12)).unwrap(),
            Start::Everything
        );
        assert_eq!(
            window_start(&daily, min + h(36)).unwrap(),
            Start::After(min + h(12))
        );
        // In UTC the first year starts at the first instant.
        let yearly = Reviews::new(Window::CalendarYear, Zone::UTC, min).unwrap();
        assert_eq!(window_start(&yearly, min + h(1)).unwrap(), Start::From(min));
        // A purchase a day before the end never leaves a rolling year.
        let since = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let year = Reviews::new(Window::Rolling(Span::Months(12)), Zone::UTC, since).unwrap();
        assert_eq!(leaves_at(&year, max - h(24)).unwrap(), None);
        // 29 February 2024 at noon leaves a rolling year on 1 March 2025.
        let leap = Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap();
        assert_eq!(
            leaves_at(&year, leap).unwrap(),
            Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).single()
        );
        // Only rolling windows have events leaving.
        assert_eq!(leaves_at(&yearly, leap).unwrap(), None);
    }
}
