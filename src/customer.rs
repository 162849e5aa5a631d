//! Customers: who the business cares for.
//!
//! A [`Customer`] has an id, the instant they became a customer, a current
//! loyalty tier, an optional segment, an optional churn instant, an optional
//! lifetime value and [`Preferences`] that personalise care (preferred
//! channel and language).
//!
//! # Example
//!
//! ```
//! use carekit::{Channel, Currency, Customer, CustomerId, LanguageTag, Money, Segment, TierId};
//! use chrono::{TimeZone, Utc};
//!
//! let since = Utc.with_ymd_and_hms(2021, 6, 1, 0, 0, 0).unwrap();
//! let c = Customer::builder(CustomerId::new("c-1")?, since)
//!     .tier(TierId::new("gold")?)
//!     .segment(Segment::new("smb")?)
//!     .lifetime_value(Money::from_minor_units(152_000, Currency::EUR))
//!     .preferred_channel(Channel::Chat)
//!     .language(LanguageTag::new("de-AT")?)
//!     .build()?;
//! assert_eq!(c.tier().map(|t| t.as_str()), Some("gold"));
//! assert!(c.is_active_at(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! With the `serde` feature:
//!
//! ```json
//! {"id": "c-1", "customer_since": "2021-06-01T00:00:00Z", "tier": "gold",
//!  "segment": "smb", "churned_at": null,
//!  "lifetime_value": {"amount": "1520.00", "currency": "EUR"},
//!  "preferences": {"channel": "chat", "language": "de-AT"}}
//! ```
//!
//! Everything but `id` and `customer_since` may be omitted; unknown fields
//! are rejected and `churned_at` may not precede `customer_since`.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::{
    error::Error, id::CustomerId, id::Segment, id::TierId, interaction::Channel, money::Money,
};

/// A BCP 47 language tag such as `en`, `de-AT` or `zh-Hant-TW`.
///
/// Validation is structural (ASCII letters and digits in `-`-separated
/// subtags of 1–8 characters, the first 2–3 letters), which catches typos
/// without shipping the IANA registry.
///
/// ```
/// use carekit::LanguageTag;
/// assert_eq!(LanguageTag::new("pt-BR")?.as_str(), "pt-BR");
/// assert!(LanguageTag::new("english!").is_err());
/// assert!(LanguageTag::new("").is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct LanguageTag(String);

impl LanguageTag {
    /// Validates a language tag.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidText`] if the tag is not of the BCP 47 shape.
    ///
    /// ```
    /// assert!(carekit::LanguageTag::new("en-GB").is_ok());
    /// assert!(carekit::LanguageTag::new("e").is_err());
    /// ```
    pub fn new(tag: &str) -> Result<Self, Error> {
        let mut parts = tag.split('-');
        let primary_ok = parts.next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
        });
        let rest_ok = parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(Self(tag.to_owned()))
        } else {
            Err(Error::InvalidText {
                field: "language tag",
                value: tag.to_owned(),
                rule: "expected a BCP 47 tag such as \"en\" or \"de-AT\"",
            })
        }
    }

    /// The tag as given.
    ///
    /// ```
    /// assert_eq!(carekit::LanguageTag::new("fr")?.as_str(), "fr");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(&s)
    }
}

impl From<LanguageTag> for String {
    fn from(t: LanguageTag) -> String {
        t.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a customer likes to be served.
///
/// ```
/// use carekit::{Channel, Preferences};
/// let p = Preferences::default().with_channel(Channel::Email);
/// assert_eq!(p.channel(), Some(Channel::Email));
/// assert!(p.language().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Preferences {
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    channel: Option<Channel>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    language: Option<LanguageTag>,
}

impl Preferences {
    /// The preferred channel.
    ///
    /// ```
    /// use carekit::{Channel, Preferences};
    /// assert_eq!(Preferences::default().with_channel(Channel::Phone).channel(), Some(Channel::Phone));
    /// ```
    pub fn channel(&self) -> Option<Channel> {
        self.channel
    }

    /// The preferred language.
    ///
    /// ```
    /// use carekit::{LanguageTag, Preferences};
    /// let p = Preferences::default().with_language(LanguageTag::new("es")?);
    /// assert_eq!(p.language().map(LanguageTag::as_str), Some("es"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn language(&self) -> Option<&LanguageTag> {
        self.language.as_ref()
    }

    /// With a preferred channel.
    ///
    /// ```
    /// use carekit::{Channel, Preferences};
    /// let p = Preferences::default().with_channel(Channel::Chat);
    /// assert_eq!(p.channel(), Some(Channel::Chat));
    /// ```
    #[must_use]
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// With a preferred language.
    ///
    /// ```
    /// use carekit::{LanguageTag, Preferences};
    /// let p = Preferences::default().with_language(LanguageTag::new("de")?);
    /// assert!(p.language().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_language(mut self, language: LanguageTag) -> Self {
        self.language = Some(language);
        self
    }
}

/// A customer. Build with [`Customer::builder`].
#[allow(
    clippy::struct_field_names,
    reason = "`customer_since` is the support-team term"
)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawCustomer", into = "RawCustomer")
)]
///
/// ```
/// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
/// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
/// let c = Customer::builder(CustomerId::new("c-1")?, since).tier(TierId::new("silver")?).build()?;
/// assert_eq!(c.id().as_str(), "c-1");
/// # Ok::<(), carekit::Error>(())
/// ```
pub struct Customer {
    id: CustomerId,
    customer_since: DateTime<Utc>,
    tier: Option<TierId>,
    segment: Option<Segment>,
    churned_at: Option<DateTime<Utc>>,
    lifetime_value: Option<Money>,
    preferences: Preferences,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomer {
    id: CustomerId,
    customer_since: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tier: Option<TierId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    segment: Option<Segment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    churned_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifetime_value: Option<Money>,
    #[serde(default)]
    preferences: Preferences,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCustomer> for Customer {
    type Error = Error;
    fn try_from(r: RawCustomer) -> Result<Self, Error> {
        CustomerBuilder {
            inner: Customer {
                id: r.id,
                customer_since: r.customer_since,
                tier: r.tier,
                segment: r.segment,
                churned_at: r.churned_at,
                lifetime_value: r.lifetime_value,
                preferences: r.preferences,
            },
        }
        .build()
    }
}

#[cfg(feature = "serde")]
impl From<Customer> for RawCustomer {
    fn from(c: Customer) -> Self {
        Self {
            id: c.id,
            customer_since: c.customer_since,
            tier: c.tier,
            segment: c.segment,
            churned_at: c.churned_at,
            lifetime_value: c.lifetime_value,
            preferences: c.preferences,
        }
    }
}

impl Customer {
    /// Starts a customer who became one at `customer_since`.
    ///
    /// ```
    /// use carekit::{Customer, CustomerId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).build()?;
    /// assert_eq!(c.customer_since(), since);
    /// assert!(c.tier().is_none());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn builder(id: CustomerId, customer_since: DateTime<Utc>) -> CustomerBuilder {
        CustomerBuilder {
            inner: Customer {
                id,
                customer_since,
                tier: None,
                segment: None,
                churned_at: None,
                lifetime_value: None,
                preferences: Preferences::default(),
            },
        }
    }

    /// The id.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c-1")?, since).build()?;
    /// assert_eq!(c.id().as_str(), "c-1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn id(&self) -> &CustomerId {
        &self.id
    }

    /// When they became a customer.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).build()?;
    /// assert_eq!(c.customer_since(), since);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer_since(&self) -> DateTime<Utc> {
        self.customer_since
    }

    /// The current loyalty tier, if the business has tiers.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).tier(TierId::new("gold")?).build()?;
    /// assert_eq!(c.tier().map(TierId::as_str), Some("gold"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn tier(&self) -> Option<&TierId> {
        self.tier.as_ref()
    }

    /// The segment label, if any.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).segment(Segment::new("smb")?).build()?;
    /// assert_eq!(c.segment().map(Segment::as_str), Some("smb"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn segment(&self) -> Option<&Segment> {
        self.segment.as_ref()
    }

    /// When they churned, if they did.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).build()?;
    /// assert_eq!(c.churned_at(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn churned_at(&self) -> Option<DateTime<Utc>> {
        self.churned_at
    }

    /// Lifetime value, if known.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let ltv = Money::from_minor_units(12_345, Currency::EUR);
    /// let c = Customer::builder(CustomerId::new("c")?, since).lifetime_value(ltv).build()?;
    /// assert_eq!(c.lifetime_value(), Some(ltv));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn lifetime_value(&self) -> Option<Money> {
        self.lifetime_value
    }

    /// Care preferences.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).preferred_channel(Channel::Email).build()?;
    /// assert_eq!(c.preferences().channel(), Some(Channel::Email));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// Whether they were a customer at `at`: `customer_since <= at` and not
    /// churned at or before `at`.
    ///
    /// ```
    /// use carekit::{Customer, CustomerId};
    /// use chrono::{TimeZone, Utc};
    /// let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, t(2020)).churned_at(t(2022)).build()?;
    /// assert!(!c.is_active_at(t(2019)));
    /// assert!(c.is_active_at(t(2021)));
    /// assert!(!c.is_active_at(t(2022)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn is_active_at(&self, at: DateTime<Utc>) -> bool {
        self.customer_since <= at && self.churned_at.is_none_or(|c| c > at)
    }
}

/// Builds a [`Customer`]; see [`Customer::builder`].
///
/// ```
/// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
/// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
/// let builder = Customer::builder(CustomerId::new("c")?, since);
/// assert!(builder.build().is_ok());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CustomerBuilder {
    inner: Customer,
}

impl CustomerBuilder {
    /// The current tier.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).tier(TierId::new("bronze")?).build()?;
    /// assert!(c.tier().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn tier(mut self, tier: TierId) -> Self {
        self.inner.tier = Some(tier);
        self
    }

    /// The segment.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).segment(Segment::new("enterprise")?).build()?;
    /// assert!(c.segment().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn segment(mut self, segment: Segment) -> Self {
        self.inner.segment = Some(segment);
        self
    }

    /// When they churned.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let later = since + chrono::TimeDelta::days(30);
    /// let c = Customer::builder(CustomerId::new("c")?, since).churned_at(later).build()?;
    /// assert_eq!(c.churned_at(), Some(later));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn churned_at(mut self, at: DateTime<Utc>) -> Self {
        self.inner.churned_at = Some(at);
        self
    }

    /// Lifetime value.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since)
    ///     .lifetime_value(Money::from_minor_units(100, Currency::USD))
    ///     .build()?;
    /// assert!(c.lifetime_value().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn lifetime_value(mut self, value: Money) -> Self {
        self.inner.lifetime_value = Some(value);
        self
    }

    /// Preferred channel.
    ///
    /// ```
    /// use carekit::{Channel, Currency, Customer, CustomerId, Money, Segment, TierId};
    /// let since = chrono::DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).preferred_channel(Channel::Chat).build()?;
    /// assert_eq!(c.preferences().channel(), Some(Channel::Chat));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn preferred_channel(mut self, channel: Channel) -> Self {
        self.inner.preferences.channel = Some(channel);
        self
    }

    /// Preferred language.
    ///
    /// ```
    /// use carekit::{Customer, CustomerId, LanguageTag};
    /// let since = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let c = Customer::builder(CustomerId::new("c")?, since).language(LanguageTag::new("it")?).build()?;
    /// assert!(c.preferences().language().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn language(mut self, language: LanguageTag) -> Self {
        self.inner.preferences.language = Some(language);
        self
    }

    /// Validates and builds.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] if `churned_at` precedes `customer_since`.
    ///
    /// ```
    /// use carekit::{Customer, CustomerId};
    /// use chrono::{TimeZone, Utc};
    /// let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let err = Customer::builder(CustomerId::new("c")?, t(2022)).churned_at(t(2020)).build();
    /// assert_eq!(
    ///     err.unwrap_err().to_string(),
    ///     "churned_at 2020-01-01T00:00:00Z is before customer_since 2022-01-01T00:00:00Z"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn build(self) -> Result<Customer, Error> {
        if let Some(churned) = self.inner.churned_at {
            if churned < self.inner.customer_since {
                return Err(Error::InstantOrder {
                    field: "churned_at",
                    value: churned,
                    other_field: "customer_since",
                    other: self.inner.customer_since,
                });
            }
        }
        Ok(self.inner)
    }
}
