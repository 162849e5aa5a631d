//! Opaque identifiers: [`CustomerId`], [`AgentId`], [`InteractionId`],
//! [`TierId`], [`EventId`], compensation's [`Role`] and [`Reason`], and
//! the [`Segment`] label.
//!
//! Identifiers are what the caller's systems already use (a CRM key, an
//! e-mail address, a ticket number as text). carekit only promises that an
//! identifier is non-empty, not blank and free of control characters, and
//! that cloning one is cheap (a reference-counted string), so accumulators
//! keyed by agent or customer do not copy strings.
//!
//! With the `serde` feature an identifier is a JSON string, validated on
//! deserialisation:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use carekit::CustomerId;
//!
//! let id: CustomerId = serde_json::from_str(r#""cust-42""#)?;
//! assert_eq!(id.as_str(), "cust-42");
//! assert!(serde_json::from_str::<CustomerId>(r#""""#).is_err());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::Arc;

/// Why an identifier was rejected: which identifier, the text, the rule.
/// It converts into [`Error::InvalidId`](crate::Error::InvalidId) with the
/// same fields.
///
/// ```
/// use carekit::{AgentId, id::IdError};
/// let e: IdError = AgentId::new(" ").unwrap_err();
/// assert_eq!((e.kind(), e.value(), e.rule()), ("agent id", " ", "it must not be blank"));
/// assert_eq!(e.to_string(), r#"agent id " " is not a valid identifier: it must not be blank"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind} {value:?} is not a valid identifier: {rule}")]
pub struct IdError {
    kind: &'static str,
    value: String,
    rule: &'static str,
}

impl IdError {
    /// Which identifier (`"customer id"`, `"agent id"`, ...).
    ///
    /// ```
    /// assert_eq!(carekit::TierId::new("").unwrap_err().kind(), "tier id");
    /// ```
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The rejected text.
    ///
    /// ```
    /// assert_eq!(carekit::TierId::new("\t").unwrap_err().value(), "\t");
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The rule it broke.
    ///
    /// ```
    /// assert_eq!(carekit::TierId::new("").unwrap_err().rule(), "it must not be empty");
    /// ```
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// The parts, for the crate error.
    pub(crate) fn into_parts(self) -> (&'static str, String, &'static str) {
        (self.kind, self.value, self.rule)
    }
}

/// The rule every name-like identifier follows (also the compensation
/// engine's roles and reasons): non-empty, not blank, no control characters.
pub(crate) fn validate_identifier(kind: &'static str, value: &str) -> Result<(), IdError> {
    let rule = if value.is_empty() {
        "it must not be empty"
    } else if value.trim().is_empty() {
        "it must not be blank"
    } else if value.chars().any(char::is_control) {
        "it must not contain control characters"
    } else {
        return Ok(());
    };
    Err(IdError {
        kind,
        value: value.to_owned(),
        rule,
    })
}

macro_rules! identifier {
    ($(#[$meta:meta])* $name:ident, $kind:literal, $example:literal) => {
        $(#[$meta])*
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use carekit::id::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\")?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new(\"\").is_err());")]
        /// # Ok::<(), carekit::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(Arc<str>);

        impl $name {
            /// Validates and wraps an identifier.
            ///
            /// # Errors
            ///
            /// [`IdError`] (which converts into
            /// [`Error::InvalidId`](crate::Error::InvalidId)) if `value` is
            /// empty, blank, or contains a control character.
            ///
            /// ```
            #[doc = concat!("assert!(carekit::id::", stringify!($name), "::new(\"", $example, "\").is_ok());")]
            #[doc = concat!("assert!(carekit::id::", stringify!($name), "::new(\"\\n\").is_err());")]
            /// ```
            pub fn new(value: &str) -> Result<Self, IdError> {
                validate_identifier($kind, value)?;
                Ok(Self(Arc::from(value)))
            }

            /// The identifier as text.
            ///
            /// ```
            #[doc = concat!("let id = carekit::id::", stringify!($name), "::new(\"", $example, "\")?;")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            /// # Ok::<(), carekit::Error>(())
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                validate_identifier($kind, &s)?;
                Ok(Self(Arc::from(s)))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_ref().to_owned()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

identifier!(
    /// Identifies a customer (an account, a person, a household: whatever the
    /// caller's CRM keys on).
    CustomerId,
    "customer id",
    "cust-42"
);
identifier!(
    /// Identifies an agent (or bot) who acts on interactions.
    AgentId,
    "agent id",
    "agent-7"
);
identifier!(
    /// Identifies an interaction: a support case, ticket or conversation.
    InteractionId,
    "interaction id",
    "T-1001"
);
identifier!(
    /// Identifies a loyalty tier by name (`"gold"`), as a loyalty programme
    /// defines it.
    TierId,
    "tier id",
    "gold"
);
identifier!(
    /// Identifies a loyalty event (an order number, a ledger key).
    EventId,
    "event id",
    "order-1001"
);
identifier!(
    /// An agent's role, which is also the name of an authority level in a
    /// compensation policy (`agent`, `senior`, `supervisor`, `manager`:
    /// names are data).
    Role,
    "role",
    "senior"
);
identifier!(
    /// Why compensation is offered (`late_delivery`, `damaged_item`,
    /// `service_outage_severe`): a reason or severity code a policy's
    /// filters can select on.
    Reason,
    "reason",
    "late_delivery"
);
identifier!(
    /// A customer segment label (`"enterprise"`, `"smb"`), used to pick SLA
    /// policies and to break metrics down.
    Segment,
    "segment",
    "enterprise"
);

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_identifiers() {
        assert_eq!(CustomerId::new("c-1").unwrap().as_str(), "c-1");
        assert_eq!(
            AgentId::new("ana@example.com").unwrap().as_str(),
            "ana@example.com"
        );
        assert_eq!(InteractionId::new(" 12 ").unwrap().as_str(), " 12 ");
    }

    #[test]
    fn rejects_empty_blank_and_control() {
        let e = CustomerId::new("").unwrap_err();
        assert_eq!(
            e.to_string(),
            "customer id \"\" is not a valid identifier: it must not be empty"
        );
        assert!(matches!(
            crate::error::Error::from(TierId::new("   ").unwrap_err()),
            crate::error::Error::InvalidId {
                kind: "tier id",
                rule: "it must not be blank",
                ..
            }
        ));
        assert!(AgentId::new("a\nb").is_err());
        assert!(InteractionId::try_from(String::new()).is_err());
    }

    #[test]
    fn clone_shares_the_text() {
        let a = CustomerId::new("c").unwrap();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.0, &b.0));
    }
}
