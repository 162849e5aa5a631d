//! Laws of money arithmetic (proptest).

use carekit::money::MoneyError;
use carekit::{Currency, Money, RoundingStrategy};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        // Ordinary amounts with up to 6 decimals.
        (any::<i64>(), 0_u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        // Anywhere in the representable range.
        (any::<i128>(), 0_u32..=28).prop_map(|(m, s)| {
            Decimal::try_from_i128_with_scale(m % 79_228_162_514_264_337_593_543_950_335, s)
                .unwrap_or(Decimal::ZERO)
        }),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
    ]
}

fn any_currency() -> impl Strategy<Value = Currency> {
    let all: Vec<Currency> = Currency::all().collect();
    proptest::sample::select(all)
}

fn any_strategy() -> impl Strategy<Value = RoundingStrategy> {
    proptest::sample::select(vec![
        RoundingStrategy::HalfEven,
        RoundingStrategy::HalfAwayFromZero,
        RoundingStrategy::HalfTowardZero,
        RoundingStrategy::TowardZero,
        RoundingStrategy::AwayFromZero,
        RoundingStrategy::Floor,
        RoundingStrategy::Ceiling,
    ])
}

proptest! {
    #[test]
    fn addition_commutes(a in any_decimal(), b in any_decimal(), c in any_currency()) {
        let (x, y) = (Money::new(a, c), Money::new(b, c));
        // Same sum, or both an error (the payload names the operands in order).
        prop_assert_eq!(x.checked_add(&y).ok(), y.checked_add(&x).ok());
        prop_assert_eq!(x.checked_add(&y).is_err(), y.checked_add(&x).is_err());
    }

    #[test]
    fn overflow_is_an_error_and_agrees_with_decimal(a in any_decimal(), b in any_decimal()) {
        let (x, y) = (Money::new(a, Currency::EUR), Money::new(b, Currency::EUR));
        // Sums that would drop digits (the scale shrinks) are errors too.
        let exact_sum = a.checked_add(b).filter(|s| s.checked_sub(a) == Some(b) && s.checked_sub(b) == Some(a));
        if let Some(sum) = exact_sum {
            prop_assert_eq!(x.checked_add(&y).unwrap().amount(), sum);
        } else {
                let overflowed = matches!(
                    x.checked_add(&y),
                    Err(MoneyError::Overflow { operation: "addition", .. })
                );
                prop_assert!(overflowed);
        }
        match a.checked_mul(b) {
            Some(p) => prop_assert_eq!(x.checked_mul(b).unwrap().amount(), p),
            None => prop_assert!(x.checked_mul(b).is_err()),
        }
        let exact_diff = a.checked_sub(b).filter(|d| d.checked_add(b) == Some(a) && a.checked_sub(*d) == Some(b));
        prop_assert_eq!(x.checked_sub(&y).ok().map(|m| m.amount()), exact_diff);
    }

    #[test]
    fn currency_mismatch_is_always_an_error(
        a in any_decimal(), b in any_decimal(), c1 in any_currency(), c2 in any_currency()
    ) {
        prop_assume!(c1 != c2);
        let (x, y) = (Money::new(a, c1), Money::new(b, c2));
        let mismatch = Err(MoneyError::CurrencyMismatch { expected: c1, found: c2 });
        prop_assert_eq!(x.checked_add(&y), mismatch.clone());
        prop_assert_eq!(x.checked_sub(&y), mismatch.clone());
        prop_assert_eq!(x.checked_cmp(&y).map(|_| x), mismatch);
    }

    #[test]
    fn rounding_moves_at_most_half_a_minor_unit(
        m in any::<i64>(), s in 0_u32..=10, c in any_currency()
    ) {
        let amount = Decimal::new(m, s);
        let money = Money::new(amount, c);
        let unit = Decimal::new(1, u32::from(c.minor_units()));
        let half = unit / Decimal::TWO;
        let rounded = money.round_to_minor_units(RoundingStrategy::HalfEven);
        prop_assert!((rounded.amount() - amount).abs() <= half);
        prop_assert!(rounded.amount().scale() == u32::from(c.minor_units()));
        let rounded = money.round_to_minor_units(RoundingStrategy::HalfAwayFromZero);
        prop_assert!((rounded.amount() - amount).abs() <= half);
    }

    #[test]
    fn any_rounding_moves_less_than_one_minor_unit(
        m in any::<i64>(), s in 0_u32..=10, c in any_currency(), strategy in any_strategy()
    ) {
        let amount = Decimal::new(m, s);
        let unit = Decimal::new(1, u32::from(c.minor_units()));
        let rounded = Money::new(amount, c).round_to_minor_units(strategy);
        prop_assert!((rounded.amount() - amount).abs() < unit);
    }

    #[test]
    fn allocation_sums_to_the_rounded_amount(
        m in -1_000_000_000_i64..1_000_000_000, weights in proptest::collection::vec(0_u32..1000, 1..12)
    ) {
        prop_assume!(weights.iter().any(|&w| w > 0));
        let money = Money::new(Decimal::new(m, 3), Currency::EUR);
        let parts = money.allocate(&weights).unwrap();
        let sum = parts.iter().try_fold(Money::zero(Currency::EUR), |acc, p| acc.checked_add(p)).unwrap();
        prop_assert_eq!(sum, money.round_to_minor_units(RoundingStrategy::HalfEven));
        prop_assert_eq!(parts.len(), weights.len());
    }
}

#[test]
fn published_rounding_examples() {
    // Banker's rounding examples (IEEE 754 roundTiesToEven): 2.345 -> 2.34,
    // 2.355 -> 2.36; commercial rounding 2.345 -> 2.35.
    let m = |v, s| Money::new(Decimal::new(v, s), Currency::EUR);
    assert_eq!(
        m(2345, 3)
            .round_to_minor_units(RoundingStrategy::HalfEven)
            .amount(),
        Decimal::new(234, 2)
    );
    assert_eq!(
        m(2355, 3)
            .round_to_minor_units(RoundingStrategy::HalfEven)
            .amount(),
        Decimal::new(236, 2)
    );
    assert_eq!(
        m(2345, 3)
            .round_to_minor_units(RoundingStrategy::HalfAwayFromZero)
            .amount(),
        Decimal::new(235, 2)
    );
    assert_eq!(
        m(-2341, 3)
            .round_to_minor_units(RoundingStrategy::Floor)
            .amount(),
        Decimal::new(-235, 2)
    );
}
