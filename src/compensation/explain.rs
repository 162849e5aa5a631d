//! Why a decision came out as it did: the explanation as data, rendered in
//! words only when displayed.

use std::fmt::{self, Write};

use super::compile::LimitText;
use super::decision::{Check, Decision, Outcome};
use super::offer::OfferKind;
use super::policy::Action;
use super::words;
use crate::id::Role;
use crate::money::Money;

/// Why a [`Decision`] came out as it did, as data: which case applies and
/// the values it names, borrowed from the decision. Nothing is formatted
/// until the explanation is displayed, so a decision costs the same
/// whether or not its reason is read; `Display` writes the words (the text
/// of [`Decision::reason`]) straight into the formatter.
///
/// | case | words |
/// |---|---|
/// | [`NoLimitApplies`](Self::NoLimitApplies) | `approve: no limit of policy "v" applies to refund 5.00 EUR by agent` |
/// | [`WithinLimits`](Self::WithinLimits) | `approve: refund 5.00 EUR is within all 2 applicable limits; the tightest is "max" (at most 20.00 EUR per offer) with headroom 20.00 EUR` |
/// | [`NotAnAuthorityLevel`](Self::NotAnAuthorityLevel) | `deny: role "intern" is not an authority level of policy "v", so it has no authority to grant refund 5.00 EUR` |
/// | [`Exceeded`](Self::Exceeded) | `deny: refund 50.00 EUR exceeds limit "max" (at most 20.00 EUR per offer): 0.00 EUR before, 50.00 EUR after, limit 20.00 EUR, headroom 20.00 EUR` |
///
/// An escalation that finds no level above the requester is denied; its
/// words end with `; there is no authority level above <role> to escalate
/// to`.
///
/// ```
/// use carekit::compensation::*;
/// use carekit::*;
/// use chrono::{TimeZone, Utc};
/// use std::fmt::Write;
///
/// let eur = |c| Money::from_minor_units(c, Currency::EUR);
/// let policy = Policy::new("v", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .limit(Limit::new("max", Scope::Offer, Measure::MaxAmount(eur(2000)), Action::Deny))
///     .compile()?;
/// let ask = Request::new(Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap(),
///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
///     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?),
///     Context::new(InteractionId::new("T")?, Channel::Chat),
///     Offer::new(OfferKind::Refund, eur(5000))?)?;
/// let d = policy.evaluate(&ask, &GrantHistory::empty())?;
/// // As data: which limit, and its numbers.
/// let Explanation::Exceeded { check, .. } = d.explanation() else { unreachable!() };
/// assert_eq!((check.limit_id(), check.headroom()), ("max", Quantity::Money(eur(2000))));
/// // As words, written into a buffer the caller reuses.
/// let mut line = String::new();
/// write!(line, "{}", d.explanation()).expect("a String takes any text");
/// assert_eq!(line, "deny: refund 50.00 EUR exceeds limit \"max\" (at most 20.00 EUR per offer): \
///     0.00 EUR before, 50.00 EUR after, limit 20.00 EUR, headroom 20.00 EUR");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Explanation<'a> {
    /// Approved: no limit of the policy applies to this role, kind, tier,
    /// channel and reason.
    #[non_exhaustive]
    NoLimitApplies {
        /// The policy version that decided.
        policy_version: &'a str,
        /// The kind of the offer.
        kind: OfferKind,
        /// The amount asked for.
        asked: Money,
        /// The requester's role.
        role: &'a Role,
    },
    /// Approved: within every applicable limit.
    #[non_exhaustive]
    WithinLimits {
        /// The kind of the offer.
        kind: OfferKind,
        /// The amount asked for.
        asked: Money,
        /// How many limits applied.
        applied: usize,
        /// The money check leaving the least headroom (the first in policy
        /// order among equals), if any check is on money.
        tightest: Option<&'a Check>,
    },
    /// Denied: the requester's role is not one of the policy's authority
    /// levels.
    #[non_exhaustive]
    NotAnAuthorityLevel {
        /// The role.
        role: &'a Role,
        /// The policy version that decided.
        policy_version: &'a str,
        /// The kind of the offer.
        kind: OfferKind,
        /// The amount asked for.
        asked: Money,
    },
    /// A limit was exceeded and its verdict decided the outcome (approve up
    /// to, escalate or deny).
    #[non_exhaustive]
    Exceeded {
        /// The outcome.
        outcome: &'a Outcome,
        /// The kind of the offer.
        kind: OfferKind,
        /// The amount asked for.
        asked: Money,
        /// The deciding check: the limit with its numbers.
        check: &'a Check,
        /// When an escalation found no level above the requester (so the
        /// request is denied): the requester's role.
        no_level_above: Option<&'a Role>,
    },
}

impl Decision {
    /// Why the decision came out as it did, as data (see
    /// [`Explanation`]); display it for the words.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let role = |r: &str| Role::new(r).unwrap();
    /// # let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// # let policy = Policy::new("v1", t(1), Currency::EUR)
    /// #     .level(role("agent")).level(role("senior"))
    /// #     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    /// #     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
    /// #     .approval_threshold(role("agent"), eur(3000))
    /// #     .compile()?;
    /// # let ask = |who: &str, cents| Request::new(t(10),
    /// #     Requester::new(AgentId::new("ana").unwrap(), role(who)),
    /// #     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
    /// #     Context::new(InteractionId::new("T-9").unwrap(), Channel::Chat),
    /// #     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
    /// # let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    /// #     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
    /// // Policy: deny above 100 EUR per offer ("offer-max"), cap at 50 EUR per
    /// // customer per 30 days ("customer-30d"), agents escalate above 30 EUR.
    /// // c-1 already received 35 EUR on May 1st; requests are on May 10th.
    /// let d = policy.evaluate(&ask("agent", 1000), &history)?;
    /// match d.explanation() {
    ///     // 50 − 35 = 15 left of the customer budget, the least of the three
    ///     Explanation::WithinLimits { applied, tightest: Some(check), .. } => {
    ///         assert_eq!((applied, check.limit_id()), (3, "customer-30d"));
    ///     }
    ///     other => panic!("{other}"),
    /// }
    /// assert_eq!(d.explanation().to_string(), d.reason());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn explanation(&self) -> Explanation<'_> {
        let (kind, asked) = (self.kind, self.asked);
        let Some(check) = self.deciding_check() else {
            if self.checks.is_empty() {
                return Explanation::NoLimitApplies {
                    policy_version: &self.policy_version,
                    kind,
                    asked,
                    role: &self.role,
                };
            }
            let mut tightest: Option<(&Check, Money)> = None;
            for c in &self.checks {
                if let Some(h) = c.headroom().money() {
                    if tightest.is_none_or(|(_, best)| h.amount() < best.amount()) {
                        tightest = Some((c, h));
                    }
                }
            }
            return Explanation::WithinLimits {
                kind,
                asked,
                applied: self.checks.len(),
                tightest: tightest.map(|(c, _)| c),
            };
        };
        if matches!(check.info.text, LimitText::NotALevel) {
            return Explanation::NotAnAuthorityLevel {
                role: &self.role,
                policy_version: &self.policy_version,
                kind,
                asked,
            };
        }
        let no_level_above = (check.action == Action::Escalate && self.outcome == Outcome::Deny)
            .then_some(&self.role);
        Explanation::Exceeded {
            outcome: &self.outcome,
            kind,
            asked,
            check,
            no_level_above,
        }
    }
}

/// Writes `"refund 40.00 EUR"`.
fn asked(f: &mut fmt::Formatter<'_>, kind: OfferKind, asked: Money) -> fmt::Result {
    f.write_str(kind.name())?;
    f.write_char(' ')?;
    words::money(f, asked)
}

/// Writes the outcome as its `Display` does.
fn outcome(f: &mut fmt::Formatter<'_>, outcome: &Outcome) -> fmt::Result {
    match outcome {
        Outcome::ApproveUpTo(m) => {
            f.write_str("approve up to ")?;
            words::money(f, *m)
        }
        Outcome::Escalate(r) => {
            f.write_str("escalate to ")?;
            f.write_str(r.as_str())
        }
        Outcome::Approve | Outcome::Deny => f.write_str(outcome.name()),
    }
}

impl fmt::Display for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Explanation::NoLimitApplies {
                policy_version,
                kind,
                asked: value,
                role,
            } => {
                f.write_str("approve: no limit of policy ")?;
                words::quoted(f, policy_version)?;
                f.write_str(" applies to ")?;
                asked(f, kind, value)?;
                f.write_str(" by ")?;
                f.write_str(role.as_str())
            }
            Explanation::WithinLimits {
                kind,
                asked: value,
                applied,
                tightest,
            } => {
                f.write_str("approve: ")?;
                asked(f, kind, value)?;
                write!(f, " is within all {applied} applicable limits")?;
                match tightest {
                    Some(c) => {
                        f.write_str("; the tightest is ")?;
                        words::quoted(f, c.limit_id())?;
                        f.write_str(" (")?;
                        c.info.write_description(f, c.limit())?;
                        f.write_str(") with headroom ")?;
                        words::quantity(f, c.headroom())
                    }
                    None => Ok(()),
                }
            }
            Explanation::NotAnAuthorityLevel {
                role,
                policy_version,
                kind,
                asked: value,
            } => {
                f.write_str("deny: role ")?;
                words::quoted(f, role.as_str())?;
                f.write_str(" is not an authority level of policy ")?;
                words::quoted(f, policy_version)?;
                f.write_str(", so it has no authority to grant ")?;
                asked(f, kind, value)
            }
            Explanation::Exceeded {
                outcome: decided,
                kind,
                asked: value,
                check,
                no_level_above,
            } => {
                outcome(f, decided)?;
                f.write_str(": ")?;
                asked(f, kind, value)?;
                f.write_str(" exceeds limit ")?;
                words::quoted(f, check.limit_id())?;
                f.write_str(" (")?;
                check.info.write_description(f, check.limit())?;
                f.write_str("): ")?;
                words::quantity(f, check.observed())?;
                f.write_str(" before, ")?;
                words::quantity(f, check.after())?;
                f.write_str(" after, limit ")?;
                words::quantity(f, check.limit())?;
                f.write_str(", headroom ")?;
                words::quantity(f, check.headroom())?;
                match no_level_above {
                    Some(role) => {
                        f.write_str("; there is no authority level above ")?;
                        f.write_str(role.as_str())?;
                        f.write_str(" to escalate to")
                    }
                    None => Ok(()),
                }
            }
        }
    }
}

impl fmt::Display for Decision {
    /// The explanation in words (as [`Decision::reason`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.explanation().fmt(f)
    }
}
