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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency {
    code: &'static str,
    minor_units: u8,
}

impl Currency {
    /// Australian dollar: `AUD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::AUD.code(), "AUD");
    /// ```
    pub const AUD: Currency = Currency {
        code: "AUD",
        minor_units: 2,
    };
    /// Bahraini dinar (three decimals): `BHD`, 3 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::BHD.code(), "BHD");
    /// ```
    pub const BHD: Currency = Currency {
        code: "BHD",
        minor_units: 3,
    };
    /// Brazilian real: `BRL`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::BRL.code(), "BRL");
    /// ```
    pub const BRL: Currency = Currency {
        code: "BRL",
        minor_units: 2,
    };
    /// Canadian dollar: `CAD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CAD.code(), "CAD");
    /// ```
    pub const CAD: Currency = Currency {
        code: "CAD",
        minor_units: 2,
    };
    /// Swiss franc: `CHF`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CHF.code(), "CHF");
    /// ```
    pub const CHF: Currency = Currency {
        code: "CHF",
        minor_units: 2,
    };
    /// Unidad de Fomento (four decimals): `CLF`, 4 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CLF.code(), "CLF");
    /// ```
    pub const CLF: Currency = Currency {
        code: "CLF",
        minor_units: 4,
    };
    /// Chinese yuan renminbi: `CNY`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::CNY.code(), "CNY");
    /// ```
    pub const CNY: Currency = Currency {
        code: "CNY",
        minor_units: 2,
    };
    /// euro: `EUR`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::EUR.code(), "EUR");
    /// ```
    pub const EUR: Currency = Currency {
        code: "EUR",
        minor_units: 2,
    };
    /// pound sterling: `GBP`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::GBP.code(), "GBP");
    /// ```
    pub const GBP: Currency = Currency {
        code: "GBP",
        minor_units: 2,
    };
    /// Indian rupee: `INR`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::INR.code(), "INR");
    /// ```
    pub const INR: Currency = Currency {
        code: "INR",
        minor_units: 2,
    };
    /// Japanese yen (no minor unit): `JPY`, 0 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::JPY.code(), "JPY");
    /// ```
    pub const JPY: Currency = Currency {
        code: "JPY",
        minor_units: 0,
    };
    /// South Korean won (no minor unit): `KRW`, 0 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::KRW.code(), "KRW");
    /// ```
    pub const KRW: Currency = Currency {
        code: "KRW",
        minor_units: 0,
    };
    /// Kuwaiti dinar (three decimals): `KWD`, 3 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::KWD.code(), "KWD");
    /// ```
    pub const KWD: Currency = Currency {
        code: "KWD",
        minor_units: 3,
    };
    /// Mexican peso: `MXN`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::MXN.code(), "MXN");
    /// ```
    pub const MXN: Currency = Currency {
        code: "MXN",
        minor_units: 2,
    };
    /// Swedish krona: `SEK`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::SEK.code(), "SEK");
    /// ```
    pub const SEK: Currency = Currency {
        code: "SEK",
        minor_units: 2,
    };
    /// US dollar: `USD`, 2 minor-unit digits.
    ///
    /// ```
    /// assert_eq!(carekit::Currency::USD.code(), "USD");
    /// ```
    pub const USD: Currency = Currency {
        code: "USD",
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
            Ok(i) => ISO_4217
                .get(i)
                .map(|&(code, minor_units)| Self { code, minor_units })
                .ok_or_else(|| MoneyError::UnknownCurrency {
                    code: code.to_owned(),
                }),
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
        self.code
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
            .map(|&(code, minor_units)| Self { code, minor_units })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
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
        c.code.to_owned()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
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
