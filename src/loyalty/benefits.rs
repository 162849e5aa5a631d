use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::LoyaltyError;
use crate::error::Error;

/// A positive scaling factor, exact (a [`Decimal`]).
///
/// For SLA targets a multiplier below 1 makes targets shorter (0.5: answer
/// twice as fast); for compensation limits a multiplier above 1 makes limits
/// larger (1.5: fifty percent more authority).
///
/// ```
/// use carekit::loyalty::Multiplier;
/// use rust_decimal::Decimal;
/// let m = Multiplier::new(Decimal::new(15, 1))?;
/// assert_eq!(m.get(), Decimal::new(15, 1));
/// assert_eq!(Multiplier::ONE.get(), Decimal::ONE);
/// assert!(Multiplier::new(Decimal::ZERO).is_err());
/// assert!(Multiplier::new(Decimal::NEGATIVE_ONE).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Decimal", into = "Decimal"))]
pub struct Multiplier(Decimal);

impl Multiplier {
    /// The neutral multiplier.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// assert_eq!(Multiplier::default(), Multiplier::ONE);
    /// // benefits scale nothing unless told to
    /// assert_eq!(Benefits::default().sla_target_multiplier(), Multiplier::ONE);
    /// ```
    pub const ONE: Multiplier = Multiplier(Decimal::ONE);

    /// Validates a multiplier.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::InvalidMultiplier`] unless `value > 0`.
    ///
    /// ```
    /// # use carekit::loyalty::Multiplier;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(Multiplier::new(Decimal::new(5, 1))?.to_string(), "×0.5"); // SLA targets halved
    /// assert_eq!(Multiplier::new(Decimal::ZERO).unwrap_err().to_string(),
    ///     "multiplier 0 is invalid: a multiplier must be greater than 0");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(value: Decimal) -> Result<Self, Error> {
        Self::checked("multiplier", value)
    }

    fn checked(field: &'static str, value: Decimal) -> Result<Self, Error> {
        if value > Decimal::ZERO {
            Ok(Self(value))
        } else {
            Err(LoyaltyError::InvalidMultiplier { field, value }.into())
        }
    }

    /// The factor.
    ///
    /// ```
    /// # use carekit::loyalty::Multiplier;
    /// # use rust_decimal::Decimal;
    /// let m = Multiplier::new(Decimal::new(15, 1))?;
    /// assert_eq!(Decimal::from(40) * m.get(), Decimal::from(60)); // a 40 limit becomes 60
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl Default for Multiplier {
    fn default() -> Self {
        Self::ONE
    }
}

impl TryFrom<Decimal> for Multiplier {
    type Error = Error;
    fn try_from(value: Decimal) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Multiplier> for Decimal {
    fn from(m: Multiplier) -> Decimal {
        m.0
    }
}

impl fmt::Display for Multiplier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "×{}", self.0)
    }
}

/// A perk a tier grants: one of the named benefits carekit knows, or a
/// [`Custom`](Perk::Custom) one of the business's own.
///
/// Each perk has a name: non-empty, lower-case ASCII letters, digits and
/// `_`. The named ones are `free_returns`, `expedited_shipping`,
/// `free_shipping` and `priority_support`; [`Perk::new`] maps those names
/// to their variants and any other valid name to `Custom`, so each perk
/// has exactly one value (`Perk::new("free_returns")` *is*
/// `Perk::FreeReturns`, never a custom perk of that name). Perks compare
/// and sort by name.
///
/// With `serde` a perk reads and writes as its name (`"free_returns"`,
/// `"lounge_access"`), validated like [`Perk::new`].
///
/// ```
/// use carekit::loyalty::Perk;
/// assert_eq!(Perk::new("free_returns")?, Perk::FreeReturns);
/// assert_eq!(Perk::PrioritySupport.as_str(), "priority_support");
/// let lounge = Perk::new("lounge_access")?;
/// assert!(matches!(&lounge, Perk::Custom(c) if c.as_str() == "lounge_access"));
/// assert!(Perk::new("Free Returns").is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[non_exhaustive]
pub enum Perk {
    /// Returns without a shipping or restocking fee (`free_returns`).
    FreeReturns,
    /// Faster delivery at no extra cost (`expedited_shipping`).
    ExpeditedShipping,
    /// Delivery at no cost (`free_shipping`).
    FreeShipping,
    /// A dedicated or front-of-queue support line (`priority_support`).
    PrioritySupport,
    /// A perk of the business's own, by name.
    Custom(CustomPerk),
}

impl Perk {
    /// The named perks, in declaration order.
    ///
    /// ```
    /// # use carekit::loyalty::Perk;
    /// let names: Vec<&str> = Perk::NAMED.iter().map(Perk::as_str).collect();
    /// assert_eq!(names, ["free_returns", "expedited_shipping", "free_shipping", "priority_support"]);
    /// ```
    pub const NAMED: &'static [Perk] = &[
        Perk::FreeReturns,
        Perk::ExpeditedShipping,
        Perk::FreeShipping,
        Perk::PrioritySupport,
    ];

    /// The perk of that name: a named variant for a known name, otherwise
    /// [`Perk::Custom`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidText`] unless the name is non-empty `[a-z0-9_]+`.
    ///
    /// ```
    /// # use carekit::loyalty::Perk;
    /// assert_eq!(Perk::new("expedited_shipping")?, Perk::ExpeditedShipping);
    /// assert_eq!(Perk::new("lounge_access")?.as_str(), "lounge_access");
    /// assert_eq!(Perk::new("").unwrap_err().to_string(),
    ///     "perk \"\" is invalid: expected lower-case letters, digits and '_'");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(name: &str) -> Result<Self, Error> {
        if let Some(named) = Self::NAMED.iter().find(|p| p.as_str() == name) {
            return Ok(named.clone());
        }
        check_name(name)?;
        Ok(Self::Custom(CustomPerk(name.to_owned())))
    }

    /// The name.
    ///
    /// ```
    /// # use carekit::loyalty::Perk;
    /// assert_eq!(Perk::FreeReturns.as_str(), "free_returns");
    /// assert_eq!(Perk::FreeReturns.to_string(), "free_returns");
    /// assert_eq!(Perk::new("lounge_access")?.as_str(), "lounge_access");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Self::FreeReturns => "free_returns",
            Self::ExpeditedShipping => "expedited_shipping",
            Self::FreeShipping => "free_shipping",
            Self::PrioritySupport => "priority_support",
            Self::Custom(c) => c.as_str(),
        }
    }
}

fn check_name(name: &str) -> Result<(), Error> {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(())
    } else {
        Err(Error::InvalidText {
            field: "perk",
            value: name.to_owned(),
            rule: "expected lower-case letters, digits and '_'",
        })
    }
}

impl PartialOrd for Perk {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Perk {
    /// By name (each perk has one name, and each name one perk).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl TryFrom<String> for Perk {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(&s)
    }
}

impl From<Perk> for String {
    fn from(p: Perk) -> String {
        match p {
            Perk::Custom(c) => c.0,
            named => named.as_str().to_owned(),
        }
    }
}

impl fmt::Display for Perk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of a [`Perk::Custom`]: valid (`[a-z0-9_]+`) and not one of the
/// named perks.
///
/// ```
/// use carekit::loyalty::{CustomPerk, Perk};
/// let lounge = CustomPerk::new("lounge_access")?;
/// assert_eq!(Perk::Custom(lounge.clone()), Perk::new("lounge_access")?);
/// assert_eq!(lounge.to_string(), "lounge_access");
/// // a named perk is its variant, not a custom one
/// assert!(CustomPerk::new("free_returns").is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomPerk(String);

impl CustomPerk {
    /// Validates a custom perk name.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidText`] unless the name is non-empty `[a-z0-9_]+` and
    /// not the name of a named perk ([`Perk::NAMED`]).
    ///
    /// ```
    /// # use carekit::loyalty::CustomPerk;
    /// assert_eq!(CustomPerk::new("birthday_gift")?.as_str(), "birthday_gift");
    /// assert_eq!(CustomPerk::new("priority_support").unwrap_err().to_string(),
    ///     "perk \"priority_support\" is invalid: a named perk, use its Perk variant");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(name: &str) -> Result<Self, Error> {
        if Perk::NAMED.iter().any(|p| p.as_str() == name) {
            return Err(Error::InvalidText {
                field: "perk",
                value: name.to_owned(),
                rule: "a named perk, use its Perk variant",
            });
        }
        check_name(name)?;
        Ok(Self(name.to_owned()))
    }

    /// The name.
    ///
    /// ```
    /// # use carekit::loyalty::CustomPerk;
    /// assert_eq!(CustomPerk::new("lounge_access")?.as_str(), "lounge_access");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomPerk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a loyalty tier entitles a customer to, as data.
///
/// - `priority_boost`: how many priority levels to raise an interaction
///   (`Normal` + 1 = `High`), capped at `Urgent` by the reader;
/// - `sla_target_multiplier`: scales SLA targets (0.5 halves them);
/// - `compensation_limit_multiplier`: scales compensation limits (1.5 raises
///   them by half);
/// - `perks`: the [`Perk`]s (named ones such as free returns, or custom).
///
/// The SLA book and the compensation engine read these; the loyalty module
/// only attaches them to tiers. With the `serde` feature:
///
/// ```json
/// {"priority_boost": 1, "sla_target_multiplier": "0.5",
///  "compensation_limit_multiplier": "1.5", "perks": ["free_returns"]}
/// ```
///
/// (every field optional; the defaults are no boost, ×1, ×1, no perks).
///
/// ```
/// use carekit::Priority;
/// use carekit::loyalty::{Benefits, Multiplier, Perk};
/// use rust_decimal::Decimal;
///
/// let gold = Benefits::default()
///     .with_priority_boost(1)
///     .with_sla_target_multiplier(Multiplier::new(Decimal::new(5, 1))?)
///     .with_perk(Perk::FreeReturns);
/// assert_eq!(gold.boosted_priority(Priority::Normal), Priority::High);
/// assert_eq!(gold.boosted_priority(Priority::Urgent), Priority::Urgent);
/// assert!(gold.has_perk(&Perk::FreeReturns));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Benefits {
    priority_boost: u8,
    sla_target_multiplier: Multiplier,
    compensation_limit_multiplier: Multiplier,
    perks: BTreeSet<Perk>,
}

impl Benefits {
    /// Priority levels to raise by.
    ///
    /// ```
    /// # use carekit::loyalty::Benefits;
    /// assert_eq!(Benefits::default().priority_boost(), 0);
    /// assert_eq!(Benefits::default().with_priority_boost(2).priority_boost(), 2);
    /// ```
    pub fn priority_boost(&self) -> u8 {
        self.priority_boost
    }

    /// Factor applied to SLA targets.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use rust_decimal::Decimal;
    /// let gold = Benefits::default().with_sla_target_multiplier(Multiplier::new(Decimal::new(5, 1))?);
    /// // a 4-hour first-reply target becomes 4 × 0.5 = 2 hours
    /// assert_eq!(Decimal::from(4) * gold.sla_target_multiplier().get(), Decimal::from(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn sla_target_multiplier(&self) -> Multiplier {
        self.sla_target_multiplier
    }

    /// Factor applied to compensation limits.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use rust_decimal::Decimal;
    /// let gold = Benefits::default().with_compensation_limit_multiplier(Multiplier::new(Decimal::new(15, 1))?);
    /// assert_eq!(gold.compensation_limit_multiplier().get(), Decimal::new(15, 1));
    /// assert_eq!(Benefits::default().compensation_limit_multiplier(), Multiplier::ONE);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn compensation_limit_multiplier(&self) -> Multiplier {
        self.compensation_limit_multiplier
    }

    /// The perks, sorted by name.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Perk};
    /// let b = Benefits::default()
    ///     .with_perk(Perk::new("lounge")?)
    ///     .with_perk(Perk::FreeReturns)
    ///     .with_perk(Perk::new("lounge")?); // a set: added once
    /// let names: Vec<&str> = b.perks().map(Perk::as_str).collect();
    /// assert_eq!(names, ["free_returns", "lounge"]); // sorted
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn perks(&self) -> impl Iterator<Item = &Perk> {
        self.perks.iter()
    }

    /// Whether a perk is included.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Perk};
    /// let b = Benefits::default().with_perk(Perk::FreeReturns).with_perk(Perk::new("lounge")?);
    /// assert!(b.has_perk(&Perk::FreeReturns));
    /// assert!(b.has_perk(&Perk::new("lounge")?));
    /// assert!(!b.has_perk(&Perk::ExpeditedShipping));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn has_perk(&self, perk: &Perk) -> bool {
        self.perks.contains(perk)
    }

    /// `priority` raised by the boost, at most to `Urgent`.
    ///
    /// ```
    /// # use carekit::Priority;
    /// # use carekit::loyalty::Benefits;
    /// let two = Benefits::default().with_priority_boost(2);
    /// assert_eq!(two.boosted_priority(Priority::Low), Priority::High); // Low + 2
    /// assert_eq!(two.boosted_priority(Priority::High), Priority::Urgent); // capped
    /// assert_eq!(Benefits::default().boosted_priority(Priority::Normal), Priority::Normal);
    /// ```
    pub fn boosted_priority(
        &self,
        priority: crate::interaction::Priority,
    ) -> crate::interaction::Priority {
        use crate::interaction::Priority::{High, Low, Normal, Urgent};
        let level = match priority {
            Low => 0_u8,
            Normal => 1,
            High => 2,
            Urgent => 3,
        };
        match level.saturating_add(self.priority_boost) {
            0 => Low,
            1 => Normal,
            2 => High,
            _ => Urgent,
        }
    }

    /// With a priority boost.
    ///
    /// ```
    /// # use carekit::Priority;
    /// # use carekit::loyalty::Benefits;
    /// let gold = Benefits::default().with_priority_boost(1);
    /// assert_eq!(gold.boosted_priority(Priority::Normal), Priority::High);
    /// ```
    #[must_use]
    pub fn with_priority_boost(mut self, levels: u8) -> Self {
        self.priority_boost = levels;
        self
    }

    /// With an SLA target multiplier.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// # use rust_decimal::Decimal;
    /// let b = Benefits::default().with_sla_target_multiplier(Multiplier::new(Decimal::new(75, 2))?);
    /// assert_eq!(b.sla_target_multiplier().get(), Decimal::new(75, 2)); // targets at 75 %
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_sla_target_multiplier(mut self, m: Multiplier) -> Self {
        self.sla_target_multiplier = m;
        self
    }

    /// With a compensation limit multiplier.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Multiplier};
    /// let b = Benefits::default().with_compensation_limit_multiplier(Multiplier::new(2.into())?);
    /// assert_eq!(b.compensation_limit_multiplier().to_string(), "×2"); // limits doubled
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_compensation_limit_multiplier(mut self, m: Multiplier) -> Self {
        self.compensation_limit_multiplier = m;
        self
    }

    /// With one more perk.
    ///
    /// ```
    /// # use carekit::loyalty::{Benefits, Perk};
    /// let b = Benefits::default().with_perk(Perk::ExpeditedShipping);
    /// assert!(b.has_perk(&Perk::ExpeditedShipping));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_perk(mut self, perk: Perk) -> Self {
        self.perks.insert(perk);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction::Priority::{High, Low, Normal, Urgent};

    #[test]
    fn a_multiplier_must_be_positive() {
        assert!(Multiplier::new(Decimal::ZERO).is_err());
        assert!(Multiplier::new(Decimal::NEGATIVE_ONE).is_err());
        let tiny = Decimal::new(1, 28);
        assert_eq!(Multiplier::new(tiny).unwrap().get(), tiny);
        assert_eq!(Multiplier::default().get(), Decimal::ONE);
    }

    #[test]
    fn boosts_move_up_the_priority_ladder_and_stop_at_urgent() {
        // Low, Normal, High, Urgent are levels 0..=3; a boost adds levels.
        let ladder = [Low, Normal, High, Urgent];
        for boost in 0_u8..=5 {
            let b = Benefits::default().with_priority_boost(boost);
            assert_eq!(b.priority_boost(), boost);
            for (level, p) in ladder.iter().enumerate() {
                let expected = ladder[(level + usize::from(boost)).min(3)];
                assert_eq!(b.boosted_priority(*p), expected, "{p:?} + {boost}");
            }
        }
        let max = Benefits::default().with_priority_boost(u8::MAX);
        assert_eq!(max.boosted_priority(Urgent), Urgent);
    }

    #[test]
    fn builders_set_only_their_own_field() {
        let half = Multiplier::new(Decimal::new(5, 1)).unwrap();
        let double = Multiplier::new(Decimal::TWO).unwrap();
        let returns = Perk::FreeReturns;
        let b = Benefits::default()
            .with_priority_boost(1)
            .with_sla_target_multiplier(half)
            .with_compensation_limit_multiplier(double)
            .with_perk(returns.clone());
        assert_eq!(b.priority_boost(), 1);
        assert_eq!(b.sla_target_multiplier(), half);
        assert_eq!(b.compensation_limit_multiplier(), double);
        assert_eq!(b.perks().collect::<Vec<_>>(), [&returns]);
        assert!(b.has_perk(&Perk::FreeReturns));
        assert!(!b.has_perk(&Perk::new("lounge").unwrap()));
        assert!(!Benefits::default().has_perk(&Perk::FreeReturns));
        assert_eq!(Benefits::default().perks().count(), 0);
    }
}
