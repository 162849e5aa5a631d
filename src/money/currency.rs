use std::fmt;
use std::str::FromStr;

use super::MoneyError;
use super::table::ISO_4217;

/// An ISO 4217 currency: its three-letter code and the number of digits of
/// its minor unit (USD 2, JPY 0, BHD 3).
///
/// Only active codes are accepted; the code must be three upper-case ASCII
/// letters. With the `serde` feature a currency is its code as a JSON string
/// (`"EUR"`), validated on deserialisation.
///
/// # Example
///
/// ```
/// use carekit::Currency;
///
/// let yen = Currency::new("JPY")?;
/// assert_eq!(yen.code(), "JPY");
/// assert_eq!(yen.minor_units(), 0);
/// assert_eq!(Currency::new("BHD")?.minor_units(), 3);
/// assert_eq!("EUR".parse::<Currency>()?, Currency::EUR);
///
/// assert!(Currency::new("usd").is_err()); // lower case
/// assert!(Currency::new("XYZ").is_err()); // not an ISO 4217 code
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency {
    // The position of the code in the ISO 4217 table, which is sorted by
    // code, so the derived order is the order of the codes. Four bytes in
    // all keep `Money` at 20 bytes and the errors that carry it small.
    index: u16,
    minor_units: u8,
}

/// The table position of `code`, at compile time: a code missing from the
/// table gives `u16::MAX`, which the constant's test then rejects.
#[allow(
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::arithmetic_side_effects,
    reason = "evaluated in constants only, where an out-of-range index or overflow fails the build; the table has fewer than 65 536 rows"
)]
const fn index_of(code: &str) -> u16 {
    let mut i = 0;
    while i < ISO_4217.len() {
        let row = ISO_4217[i].0.as_bytes();
        let wanted = code.as_bytes();
        if row.len() == wanted.len()
            && row[0] == wanted[0]
            && row[1] == wanted[1]
            && row[2] == wanted[2]
        {
            return i as u16;
        }
        i += 1;
    }
    u16::MAX
}

// The code stands for the table index, which means nothing to a reader.
#[allow(
    clippy::missing_fields_in_debug,
    reason = "the code replaces the index"
)]
impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Currency")
            .field("code", &self.code())
            .field("minor_units", &self.minor_units)
            .finish()
    }
}

impl Currency {
    /// Australian dollar: `AUD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::AUD.code(), "AUD");
    /// ```
    pub const AUD: Currency = Currency {
        index: index_of("AUD"),
        minor_units: 2,
    };
    /// Bahraini dinar (three decimals): `BHD`, 3 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::BHD.code(), "BHD");
    /// ```
    pub const BHD: Currency = Currency {
        index: index_of("BHD"),
        minor_units: 3,
    };
    /// Brazilian real: `BRL`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::BRL.code(), "BRL");
    /// ```
    pub const BRL: Currency = Currency {
        index: index_of("BRL"),
        minor_units: 2,
    };
    /// Canadian dollar: `CAD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CAD.code(), "CAD");
    /// ```
    pub const CAD: Currency = Currency {
        index: index_of("CAD"),
        minor_units: 2,
    };
    /// Swiss franc: `CHF`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CHF.code(), "CHF");
    /// ```
    pub const CHF: Currency = Currency {
        index: index_of("CHF"),
        minor_units: 2,
    };
    /// Unidad de Fomento (four decimals): `CLF`, 4 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CLF.code(), "CLF");
    /// ```
    pub const CLF: Currency = Currency {
        index: index_of("CLF"),
        minor_units: 4,
    };
    /// Chinese yuan renminbi: `CNY`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CNY.code(), "CNY");
    /// ```
    pub const CNY: Currency = Currency {
        index: index_of("CNY"),
        minor_units: 2,
    };
    /// euro: `EUR`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::EUR.code(), "EUR");
    /// ```
    pub const EUR: Currency = Currency {
        index: index_of("EUR"),
        minor_units: 2,
    };
    /// pound sterling: `GBP`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::GBP.code(), "GBP");
    /// ```
    pub const GBP: Currency = Currency {
        index: index_of("GBP"),
        minor_units: 2,
    };
    /// Indian rupee: `INR`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::INR.code(), "INR");
    /// ```
    pub const INR: Currency = Currency {
        index: index_of("INR"),
        minor_units: 2,
    };
    /// Japanese yen (no minor unit): `JPY`, 0 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::JPY.code(), "JPY");
    /// ```
    pub const JPY: Currency = Currency {
        index: index_of("JPY"),
        minor_units: 0,
    };
    /// South Korean won (no minor unit): `KRW`, 0 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::KRW.code(), "KRW");
    /// ```
    pub const KRW: Currency = Currency {
        index: index_of("KRW"),
        minor_units: 0,
    };
    /// Kuwaiti dinar (three decimals): `KWD`, 3 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::KWD.code(), "KWD");
    /// ```
    pub const KWD: Currency = Currency {
        index: index_of("KWD"),
        minor_units: 3,
    };
    /// Mexican peso: `MXN`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::MXN.code(), "MXN");
    /// ```
    pub const MXN: Currency = Currency {
        index: index_of("MXN"),
        minor_units: 2,
    };
    /// Swedish krona: `SEK`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::SEK.code(), "SEK");
    /// ```
    pub const SEK: Currency = Currency {
        index: index_of("SEK"),
        minor_units: 2,
    };
    /// US dollar: `USD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::USD.code(), "USD");
    /// ```
    pub const USD: Currency = Currency {
        index: index_of("USD"),
        minor_units: 2,
    };
    /// Looks up an active ISO 4217 code.
    ///
    /// # Errors
    ///
    /// [`MoneyError::MalformedCurrency`] if `code` is not three upper-case
    /// ASCII letters, [`MoneyError::UnknownCurrency`] if it is well formed but
    /// not an active ISO 4217 code.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::new("EUR")?, carekit::Currency::EUR);
    /// assert!(carekit::Currency::new("EU").is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(code: &str) -> Result<Self, MoneyError> {
        Self::lookup(code)
    }

    fn lookup(code: &str) -> Result<Self, MoneyError> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(MoneyError::MalformedCurrency {
                code: code.to_owned(),
            });
        }
        match ISO_4217.binary_search_by(|(c, _)| (*c).cmp(code)) {
            Ok(i) => match (ISO_4217.get(i), u16::try_from(i)) {
                (Some(&(_, minor_units)), Ok(index)) => Ok(Self { index, minor_units }),
                _ => Err(MoneyError::UnknownCurrency {
                    code: code.to_owned(),
                }),
            },
            Err(_) => Err(MoneyError::UnknownCurrency {
                code: code.to_owned(),
            }),
        }
    }

    /// The three-letter code, e.g. `"EUR"`.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::USD.code(), "USD");
    /// ```
    pub fn code(self) -> &'static str {
        // Every index comes from the table (by lookup, or by the constants'
        // compile-time search), so the fallback is never taken.
        ISO_4217
            .get(usize::from(self.index))
            .map_or("XXX", |&(code, _)| code)
    }

    /// Digits after the decimal point in the minor unit (cents): 2 for EUR,
    /// 0 for JPY, 3 for KWD.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::KWD.minor_units(), 3);
    /// ```
    pub fn minor_units(self) -> u8 {
        self.minor_units
    }

    /// Every active ISO 4217 currency carekit knows, sorted by code.
    ///
    /// ```
    /// let all: Vec<_> = carekit::Currency::all().collect();
    /// assert!(all.len() > 150);
    /// assert!(all.contains(&carekit::Currency::EUR));
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217
            .iter()
            .zip(0_u16..)
            .map(|(&(_, minor_units), index)| Self { index, minor_units })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, MoneyError> {
        Self::new(s)
    }
}

impl TryFrom<&str> for Currency {
    type Error = MoneyError;
    fn try_from(s: &str) -> Result<Self, MoneyError> {
        Self::new(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;
    fn try_from(s: String) -> Result<Self, MoneyError> {
        Self::new(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_owned()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        Self::new(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn constants_name_their_codes() {
        let constants = [
            (Currency::AUD, "AUD"),
            (Currency::BHD, "BHD"),
            (Currency::BRL, "BRL"),
            (Currency::CAD, "CAD"),
            (Currency::CHF, "CHF"),
            (Currency::CLF, "CLF"),
            (Currency::CNY, "CNY"),
            (Currency::EUR, "EUR"),
            (Currency::GBP, "GBP"),
            (Currency::INR, "INR"),
            (Currency::JPY, "JPY"),
            (Currency::KRW, "KRW"),
            (Currency::KWD, "KWD"),
            (Currency::MXN, "MXN"),
            (Currency::SEK, "SEK"),
            (Currency::USD, "USD"),
        ];
        for (c, code) in constants {
            assert_eq!(c.code(), code);
            assert_eq!(Currency::new(code).unwrap(), c);
        }
    }

    #[test]
    fn order_is_the_order_of_codes() {
        let all: Vec<Currency> = Currency::all().collect();
        assert!(
            all.windows(2)
                .all(|w| w[0] < w[1] && w[0].code() < w[1].code())
        );
        assert_eq!(
            format!("{:?}", Currency::EUR),
            r#"Currency { code: "EUR", minor_units: 2 }"#
        );
    }

    #[test]
    fn currency_and_money_are_small() {
        assert_eq!(std::mem::size_of::<Currency>(), 4);
        assert_eq!(std::mem::size_of::<crate::money::Money>(), 20);
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(ISO_4217.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn known_exponents() {
        // ISO 4217 list one: minor units column.
        for (code, exp) in [
            ("USD", 2),
            ("JPY", 0),
            ("BHD", 3),
            ("CLF", 4),
            ("ISK", 0),
            ("KRW", 0),
            ("TND", 3),
        ] {
            assert_eq!(Currency::new(code).unwrap().minor_units(), exp, "{code}");
        }
    }

    #[test]
    fn rejects_bad_codes() {
        for (code, msg) in [
            (
                "usd",
                "currency code \"usd\" is malformed: expected three upper-case letters",
            ),
            (
                "",
                "currency code \"\" is malformed: expected three upper-case letters",
            ),
            (
                "EURO",
                "currency code \"EURO\" is malformed: expected three upper-case letters",
            ),
            (
                "XYZ",
                "currency code \"XYZ\" is not an active iso 4217 code",
            ),
            (
                "XAU",
                "currency code \"XAU\" is not an active iso 4217 code",
            ),
        ] {
            assert_eq!(Currency::new(code).unwrap_err().to_string(), msg);
        }
    }
}
