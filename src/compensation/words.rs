//! Writing an explanation's words cheaply: amounts, counts and quoted ids
//! straight into the output, the same text `Display` and `Debug` give,
//! without formatting each value through `fmt` twice.

use std::fmt::{self, Write};

use super::policy::Quantity;
use crate::money::Money;

/// Writes `money` exactly as its `Display` does (`"19.99 EUR"`: the amount
/// with at least the currency's minor-unit digits, a space, the code).
///
/// Amounts whose digits fit a `u64` are written digit by digit from the
/// mantissa; larger ones go through `Display`.
pub(crate) fn money<W: Write + ?Sized>(out: &mut W, money: Money) -> fmt::Result {
    let amount = money.amount();
    let currency = money.currency();
    let minor = u32::from(currency.minor_units());
    let mut digits = amount.mantissa().unsigned_abs();
    let mut scale = amount.scale();
    if scale < minor {
        let Some(scaled) = 10_u128
            .checked_pow(minor.saturating_sub(scale))
            .and_then(|f| digits.checked_mul(f))
        else {
            return write!(out, "{money}");
        };
        digits = scaled;
        scale = minor;
    }
    let Ok(mut rest) = u64::try_from(digits) else {
        return write!(out, "{money}");
    };
    // Digits of the mantissa, least significant first, padded with zeros
    // to at least `scale + 1` digits ("0.05" has the digits 5, 0, 0).
    let mut buf = [b'0'; 48];
    let mut len = 0_usize;
    while rest > 0 || len == 0 {
        let Some(slot) = buf.get_mut(len) else {
            return write!(out, "{money}");
        };
        // `rest % 10` is below 10.
        *slot = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or(0));
        rest /= 10;
        len = len.saturating_add(1);
    }
    let scale = usize::try_from(scale).unwrap_or(usize::MAX);
    let whole = len.max(scale.saturating_add(1)).saturating_sub(scale);
    let shown = whole.saturating_add(scale);
    if shown > buf.len() {
        return write!(out, "{money}");
    }
    if amount.is_sign_negative() {
        out.write_char('-')?;
    }
    let mut text = [0_u8; 50];
    let mut at = 0_usize;
    for i in (0..shown).rev() {
        if i.saturating_add(1) == scale {
            if let Some(slot) = text.get_mut(at) {
                *slot = b'.';
            }
            at = at.saturating_add(1);
        }
        if let (Some(slot), Some(d)) = (text.get_mut(at), buf.get(i)) {
            *slot = *d;
        }
        at = at.saturating_add(1);
    }
    // Only ASCII digits and a point were written.
    out.write_str(std::str::from_utf8(text.get(..at).unwrap_or(&[])).unwrap_or(""))?;
    out.write_char(' ')?;
    out.write_str(currency.code())
}

/// Writes a quantity as its `Display` does (`"2.50 EUR"`, `"1 grant"`,
/// `"3 grants"`).
pub(crate) fn quantity<W: Write + ?Sized>(out: &mut W, q: Quantity) -> fmt::Result {
    match q {
        Quantity::Money(m) => money(out, m),
        Quantity::Count(1) => out.write_str("1 grant"),
        Quantity::Count(n) => write!(out, "{n} grants"),
    }
}

/// Writes `text` as `{:?}` does: quoted, escaped. Printable ASCII without
/// quotes or backslashes, what ids and versions are, needs no escaping.
pub(crate) fn quoted<W: Write + ?Sized>(out: &mut W, text: &str) -> fmt::Result {
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        out.write_char('"')?;
        out.write_str(text)?;
        out.write_char('"')
    } else {
        write!(out, "{text:?}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::money::Currency;
    use rust_decimal::Decimal;

    fn shown(m: Money) -> String {
        let mut s = String::new();
        money(&mut s, m).unwrap();
        s
    }

    #[test]
    fn money_is_written_as_its_display() {
        let currencies = [Currency::EUR, Currency::JPY, Currency::KWD, Currency::CLF];
        let mantissas: [i64; 12] = [
            0,
            1,
            5,
            9,
            10,
            99,
            100,
            1_234,
            -1_234,
            1_000_000_007,
            i64::MAX,
            i64::MIN + 1,
        ];
        for c in currencies {
            for m in mantissas {
                for scale in 0..=28 {
                    let money = Money::new(Decimal::new(m, scale), c);
                    assert_eq!(shown(money), money.to_string(), "{m} e-{scale} {c}");
                }
            }
            // Beyond u64, and the largest values: through Display.
            for d in [
                Decimal::MAX,
                Decimal::MIN,
                Decimal::from(u64::MAX).checked_mul(Decimal::TEN).unwrap(),
            ] {
                let money = Money::new(d, c);
                assert_eq!(shown(money), money.to_string());
            }
            // Negative zero keeps its sign, as Display does.
            let neg_zero = Money::new(Decimal::new(-0, 2).neg_zero(), c);
            assert_eq!(shown(neg_zero), neg_zero.to_string());
        }
    }

    trait NegZero {
        fn neg_zero(self) -> Self;
    }

    impl NegZero for Decimal {
        fn neg_zero(mut self) -> Self {
            self.set_sign_negative(true);
            self
        }
    }

    #[test]
    fn quantities_and_quoted_text_are_written_as_display_and_debug() {
        let mut s = String::new();
        for q in [Quantity::Count(0), Quantity::Count(1), Quantity::Count(12)] {
            s.clear();
            quantity(&mut s, q).unwrap();
            assert_eq!(s, q.to_string());
        }
        for text in [
            "agent-month",
            "v 2024",
            "",
            "a\"b",
            "tab\there",
            "é",
            "x\\y",
            "\u{7f}",
        ] {
            s.clear();
            quoted(&mut s, text).unwrap();
            assert_eq!(s, format!("{text:?}"));
        }
    }
}
