//! Validation, static analysis and indexing of a policy document.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::CompensationError;
use super::offer::OfferKind;
use super::policy::{Action, Filters, Limit, Measure, Policy, Quantity, Scope};
use super::words;
use crate::calendar::{Span, Window, Zone};
use crate::error::Error;
use crate::error::{Problem, ProblemKind, Warning, WarningKind};
use crate::id::TierId;
use crate::id::{Reason, Role};
use crate::interaction::Channel;
use crate::money::{Currency, Money};

/// A limit's measure, ready to evaluate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Bound {
    /// A maximum amount in the policy currency (before the tier multiplier).
    Amount(Decimal),
    /// A maximum number of grants.
    Count(u32),
    /// A maximum ratio of the order value (0.5 for 50 %).
    Ratio(Decimal),
}

/// What a compiled limit does when exceeded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Act {
    Deny,
    Cap,
    /// Escalate to this level index, or to the next level up.
    Escalate(Option<usize>),
}

/// A limit's id and description, shared by every check it makes.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct LimitInfo {
    pub(crate) id: Box<str>,
    pub(crate) text: LimitText,
}

/// How a limit is described: the author's words, or words made from its
/// measure and scope with the limit that applied to the request (tier
/// multiplier included), rendered only when asked for.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) enum LimitText {
    /// The limit's own `description`.
    Given(Box<str>),
    /// `at most {limit} {scope}` (amounts show the applied limit).
    Measure(Measure, Scope),
    /// `{role} approves at most {limit} per offer without escalating`.
    Threshold(Role),
    /// The synthetic check of a role that is not an authority level.
    NotALevel,
}

/// The description of the synthetic `levels` check.
const NOT_A_LEVEL: &str = "only the policy's authority levels may compensate";

impl LimitInfo {
    pub(crate) fn new(id: &str, text: LimitText) -> Arc<Self> {
        Arc::new(Self {
            id: Box::from(id),
            text,
        })
    }

    /// Writes the description of this limit as it applied with `limit`.
    pub(crate) fn write_description<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        limit: Quantity,
    ) -> fmt::Result {
        match &self.text {
            LimitText::Given(text) => out.write_str(text),
            LimitText::NotALevel => out.write_str(NOT_A_LEVEL),
            LimitText::Measure(Measure::MaxAmount(_), scope) => {
                out.write_str("at most ")?;
                words::quantity(out, limit)?;
                write!(out, " {scope}")
            }
            LimitText::Measure(measure, scope) => write!(out, "{measure} {scope}"),
            LimitText::Threshold(role) => {
                out.write_str(role.as_str())?;
                out.write_str(" approves at most ")?;
                words::quantity(out, limit)?;
                out.write_str(" per offer without escalating")
            }
        }
    }

    /// The description as it applied with `limit`: borrowed when the
    /// author wrote it, rendered otherwise.
    pub(crate) fn description(&self, limit: Quantity) -> Cow<'_, str> {
        match &self.text {
            LimitText::Given(text) => Cow::Borrowed(text),
            LimitText::NotALevel => Cow::Borrowed(NOT_A_LEVEL),
            _ => {
                let mut out = String::new();
                // Writing to a String cannot fail.
                let _ = self.write_description(&mut out, limit);
                Cow::Owned(out)
            }
        }
    }
}

/// A limit ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) info: Arc<LimitInfo>,
    pub(crate) scope: Scope,
    pub(crate) bound: Bound,
    pub(crate) kinds: u8,
    pub(crate) tiers: Option<Vec<TierId>>,
    pub(crate) channels: Option<Vec<Channel>>,
    pub(crate) reasons: Option<Vec<Reason>>,
    pub(crate) act: Act,
    pub(crate) action: Action,
}

impl Compiled {
    /// Whether the tier, channel and reason filters match (kind and role
    /// are resolved by the index).
    pub(crate) fn matches(&self, tier: &TierId, channel: Channel, reason: Option<&Reason>) -> bool {
        self.tiers.as_ref().is_none_or(|t| t.contains(tier))
            && self.channels.as_ref().is_none_or(|c| c.contains(&channel))
            && self
                .reasons
                .as_ref()
                .is_none_or(|r| reason.is_some_and(|x| r.contains(x)))
    }
}

/// A validated, indexed policy: what [`evaluate`](CompiledPolicy::evaluate)
/// and [`headroom`](CompiledPolicy::headroom) run on. Limits are grouped by
/// (role, offer kind) at compile time, so a decision only visits the limits
/// that can apply to it.
///
/// ```
/// use carekit::compensation::{Action, Limit, Measure, Policy, Role, Scope};
/// use carekit::{Currency, Money};
/// use chrono::{TimeZone, Utc};
///
/// let compiled = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
///     .level(Role::new("agent")?)
///     .compile()?;
/// // No limit at all: the static analysis says so.
/// assert_eq!(compiled.warnings().len(), 1);
/// assert!(compiled.warnings()[0].to_string().contains("unlimited authority"));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledPolicy {
    pub(crate) version: Arc<str>,
    pub(crate) effective_from: DateTime<Utc>,
    pub(crate) effective_until: Option<DateTime<Utc>>,
    pub(crate) currency: Currency,
    pub(crate) zone: Zone,
    pub(crate) levels: Vec<Role>,
    pub(crate) limits: Vec<Compiled>,
    /// Limit indices per `role × OfferKind::COUNT + kind`, in policy order.
    pub(crate) index: Vec<Vec<u16>>,
    pub(crate) tier_multipliers: Vec<(TierId, Decimal)>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) document: Policy,
    /// The synthetic check for roles outside the levels.
    pub(crate) levels_info: Arc<LimitInfo>,
}

/// A rolling window of zero days or months holds nothing.
fn empty_window(problems: &mut Vec<Problem>, path: &str, scope: Scope) {
    if let Scope::Customer {
        window: Window::Rolling(span),
    } = scope
    {
        if span.count() == 0 {
            let field = match span {
                Span::Days(_) => "days",
                Span::Months(_) => "months",
            };
            problems.push(Problem::new(
                format!("{path}.scope.{field}"),
                ProblemKind::EmptyWindow {
                    span: span.to_string(),
                },
            ));
        }
    }
}

fn covers<T: PartialEq>(wide: Option<&[T]>, narrow: Option<&[T]>) -> bool {
    match (wide, narrow) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(w), Some(n)) => n.iter().all(|x| w.contains(x)),
    }
}

fn money_check(problems: &mut Vec<Problem>, path: &str, value: Money, currency: Currency) -> bool {
    let mut ok = true;
    if value.currency() != currency {
        problems.push(Problem::new(
            path,
            ProblemKind::CurrencyMismatch {
                expected: currency,
                found: value.currency(),
            },
        ));
        ok = false;
    }
    if value.is_negative() {
        problems.push(Problem::new(path, ProblemKind::NegativeAmount { value }));
        ok = false;
    }
    ok
}

impl Policy {
    /// Validates the whole document and indexes it for evaluation.
    ///
    /// Every problem is reported at once, each with its path; the
    /// static-analysis findings of a valid policy are in
    /// [`CompiledPolicy::warnings`]:
    ///
    /// - limits that can never apply (an empty filter list, roles that are
    ///   not levels, an escalation target at or below every selected role);
    /// - escalation thresholds at or above a per-offer deny cap that always
    ///   applies with them;
    /// - roles with no limit at all on some offer kinds (unlimited
    ///   authority).
    ///
    /// # Errors
    ///
    /// [`CompensationError::InvalidPolicy`] listing every [`Problem`]:
    /// empty version, `effective_until` not after `effective_from`, no or
    /// duplicate levels, empty or duplicate limit
    /// ids, negative amounts, amounts in another currency than the policy's,
    /// percentages outside `0..=100`, percent-of-order measures on customer
    /// or agent scopes, rolling windows of zero days or months, unknown escalation or threshold
    /// levels, `escalate_to` without `escalate`.
    ///
    /// ```
    /// use carekit::compensation::{Action, Limit, Measure, Policy, Role, Scope};
    /// use carekit::{Currency, Money};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let bad = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("a", Scope::Offer, Measure::MaxAmount(Money::from_minor_units(-500, Currency::EUR)), Action::Deny))
    ///     .limit(Limit::new("b", Scope::Offer, Measure::MaxPercentOfOrder(150.into()), Action::Deny));
    /// let err = bad.compile().unwrap_err().to_string();
    /// assert_eq!(err, "policy \"v1\" is invalid: 2 problems: \
    ///     limits[0].measure: negative amount -5.00 EUR; \
    ///     limits[1].measure: percentage 150 is outside 0..=100");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[allow(
        clippy::too_many_lines,
        reason = "one pass over the document in document order keeps every rule next to its path"
    )]
    pub fn compile(&self) -> Result<CompiledPolicy, Error> {
        let mut problems = Vec::new();
        if self.version.trim().is_empty() {
            problems.push(Problem::new("version", ProblemKind::EmptyVersion));
        }
        if let Some(until) = self.effective_until {
            if until <= self.effective_from {
                problems.push(Problem::new(
                    "effective_until",
                    ProblemKind::EffectiveRange {
                        from: self.effective_from,
                        until,
                    },
                ));
            }
        }
        if self.levels.is_empty() {
            problems.push(Problem::new("levels", ProblemKind::NoLevels));
        }
        let mut seen = HashSet::new();
        for (i, l) in self.levels.iter().enumerate() {
            if !seen.insert(l.as_str()) {
                problems.push(Problem::new(
                    format!("levels[{i}]"),
                    ProblemKind::DuplicateLevel { name: l.clone() },
                ));
            }
        }
        let level_of = |r: &Role| self.levels.iter().position(|l| l == r);
        let total = self
            .limits
            .len()
            .saturating_add(self.approval_thresholds.len());
        if u16::try_from(total).is_err() {
            problems.push(Problem::new(
                "limits",
                ProblemKind::TooManyLimits { count: total },
            ));
        }

        let mut ids = HashSet::new();
        let mut compiled = Vec::with_capacity(total);
        for (i, l) in self.limits.iter().enumerate() {
            compiled.push(self.compile_limit(i, l, &mut problems, &mut ids));
        }
        for (role, above) in &self.approval_thresholds {
            let path = format!("approval_thresholds.{role}");
            if level_of(role).is_none() {
                problems.push(Problem::new(
                    &path,
                    ProblemKind::UnknownLevel {
                        name: role.clone(),
                        levels: self.levels.clone(),
                    },
                ));
            }
            money_check(&mut problems, &path, *above, self.currency);
            compiled.push((
                path.clone(),
                Filters::default().roles([role.clone()]),
                Compiled {
                    info: LimitInfo::new(&path, LimitText::Threshold(role.clone())),
                    scope: Scope::Offer,
                    bound: Bound::Amount(above.amount()),
                    kinds: u8::MAX,
                    tiers: None,
                    channels: None,
                    reasons: None,
                    act: Act::Escalate(None),
                    action: Action::Escalate,
                },
            ));
        }
        if !problems.is_empty() {
            return Err(CompensationError::InvalidPolicy {
                version: self.version.clone(),
                problems,
            }
            .into());
        }

        let (index, warnings) = self.analyse(&compiled);
        Ok(CompiledPolicy {
            version: Arc::from(self.version.as_str()),
            effective_from: self.effective_from,
            effective_until: self.effective_until,
            currency: self.currency,
            zone: self.zone(),
            levels: self.levels.clone(),
            limits: compiled.into_iter().map(|(_, _, c)| c).collect(),
            index,
            tier_multipliers: self
                .tier_multipliers
                .iter()
                .map(|(t, m)| (t.clone(), m.get()))
                .collect(),
            warnings,
            document: self.clone(),
            levels_info: LimitInfo::new("levels", LimitText::NotALevel),
        })
    }

    fn compile_limit<'a>(
        &self,
        i: usize,
        l: &'a Limit,
        problems: &mut Vec<Problem>,
        ids: &mut HashSet<&'a str>,
    ) -> (String, Filters, Compiled) {
        let level_of = |r: &Role| self.levels.iter().position(|l| l == r);
        let path = format!("limits[{i}]");
        if l.id().trim().is_empty() {
            problems.push(Problem::new(
                format!("{path}.id"),
                ProblemKind::EmptyLimitId,
            ));
        } else if !ids.insert(l.id()) {
            problems.push(Problem::new(
                format!("{path}.id"),
                ProblemKind::DuplicateLimitId {
                    id: l.id().to_owned(),
                },
            ));
        }
        let mpath = format!("{path}.measure");
        let bound = match l.measure() {
            Measure::MaxAmount(m) => {
                money_check(problems, &mpath, m, self.currency);
                Bound::Amount(m.amount())
            }
            Measure::MaxCount(n) => Bound::Count(n),
            Measure::MaxPercentOfOrder(p) => {
                if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                    problems.push(Problem::new(
                        &mpath,
                        ProblemKind::PercentOutOfRange { value: p },
                    ));
                }
                if matches!(l.scope(), Scope::Customer { .. } | Scope::Agent { .. }) {
                    problems.push(Problem::new(
                        format!("{path}.scope"),
                        ProblemKind::PercentScope {
                            scope: l.scope().to_string(),
                        },
                    ));
                }
                Bound::Ratio(p.checked_div(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ZERO))
            }
        };
        empty_window(problems, &path, l.scope());
        let act = match (l.action(), l.escalation_level()) {
            (Action::Escalate, Some(level)) => {
                let idx = level_of(level);
                if idx.is_none() {
                    problems.push(Problem::new(
                        format!("{path}.escalate_to"),
                        ProblemKind::UnknownLevel {
                            name: level.clone(),
                            levels: self.levels.clone(),
                        },
                    ));
                }
                Act::Escalate(idx)
            }
            (Action::Escalate, None) => Act::Escalate(None),
            (other, Some(_)) => {
                problems.push(Problem::new(
                    format!("{path}.escalate_to"),
                    ProblemKind::EscalateToWithoutEscalate {
                        action: other.name(),
                    },
                ));
                Act::Deny
            }
            (Action::Deny, None) => Act::Deny,
            (Action::Cap, None) => Act::Cap,
        };
        let text = l.description().map_or_else(
            || LimitText::Measure(l.measure(), l.scope()),
            |d| LimitText::Given(Box::from(d)),
        );
        (
            path,
            l.filters().clone(),
            Compiled {
                info: LimitInfo::new(l.id(), text),
                scope: l.scope(),
                bound,
                kinds: l
                    .filters()
                    .kind_list()
                    .map_or(u8::MAX, |ks| ks.iter().fold(0, |m, k| m | k.bit())),
                tiers: l.filters().tier_list().map(<[_]>::to_vec),
                channels: l.filters().channel_list().map(<[_]>::to_vec),
                reasons: l.filters().reason_list().map(<[_]>::to_vec),
                act,
                action: l.action(),
            },
        )
    }

    /// Indexes limits by (role, kind) and collects static-analysis findings.
    #[allow(
        clippy::too_many_lines,
        reason = "the four analyses share the index they build"
    )]
    fn analyse(&self, compiled: &[(String, Filters, Compiled)]) -> (Vec<Vec<u16>>, Vec<Warning>) {
        let level_of = |r: &Role| self.levels.iter().position(|l| l == r);
        let mut warnings = Vec::new();
        let nk = OfferKind::COUNT;
        let mut index = vec![Vec::new(); self.levels.len().saturating_mul(nk)];
        for (li, (path, filters, c)) in compiled.iter().enumerate() {
            let li = u16::try_from(li).unwrap_or(u16::MAX);
            if let Some(roles) = filters.role_list() {
                for (j, r) in roles.iter().enumerate() {
                    if level_of(r).is_none() {
                        warnings.push(Warning::new(
                            format!("{path}.when.roles[{j}]"),
                            WarningKind::RoleNotALevel { role: r.clone() },
                        ));
                    }
                }
            }
            let mut placed = false;
            for (r, level) in self.levels.iter().enumerate() {
                let role_ok = filters.role_list().is_none_or(|rs| rs.contains(level));
                let rank_ok = match c.act {
                    Act::Escalate(Some(t)) => r < t,
                    _ => true,
                };
                if !(role_ok && rank_ok) {
                    continue;
                }
                for k in OfferKind::ALL {
                    if c.kinds & k.bit() != 0 {
                        let cell = r.saturating_mul(nk).saturating_add(k.index());
                        if let Some(v) = index.get_mut(cell) {
                            v.push(li);
                            placed = true;
                        }
                    }
                }
            }
            let why = if filters.kind_list().is_some_and(<[_]>::is_empty) {
                Some("its kinds filter is empty")
            } else if filters.role_list().is_some_and(<[_]>::is_empty) {
                Some("its roles filter is empty")
            } else if filters.tier_list().is_some_and(<[_]>::is_empty) {
                Some("its tiers filter is empty")
            } else if filters.channel_list().is_some_and(<[_]>::is_empty) {
                Some("its channels filter is empty")
            } else if filters.reason_list().is_some_and(<[_]>::is_empty) {
                Some("its reasons filter is empty")
            } else if !placed && matches!(c.act, Act::Escalate(Some(_))) {
                Some("every role it selects is at or above its escalation level")
            } else if !placed {
                Some("none of its roles is an authority level")
            } else {
                None
            };
            if let Some(why) = why {
                warnings.push(Warning::new(
                    path.clone(),
                    WarningKind::NeverApplies { why },
                ));
            }
        }
        // Escalation thresholds that a deny cap always pre-empts.
        for (epath, ef, e) in compiled {
            let (Act::Escalate(_), Scope::Offer, Bound::Amount(threshold)) =
                (e.act, e.scope, e.bound)
            else {
                continue;
            };
            for (dpath, df, d) in compiled {
                let (Act::Deny, Scope::Offer, Bound::Amount(cap)) = (d.act, d.scope, d.bound)
                else {
                    continue;
                };
                if threshold >= cap
                    && covers(df.kind_list(), ef.kind_list())
                    && covers(df.role_list(), ef.role_list())
                    && covers(df.tier_list(), ef.tier_list())
                    && covers(df.channel_list(), ef.channel_list())
                    && covers(df.reason_list(), ef.reason_list())
                {
                    warnings.push(Warning::new(
                        epath.clone(),
                        WarningKind::EscalationAboveDeny {
                            threshold: Money::new(threshold, self.currency),
                            deny: dpath.clone(),
                            cap: Money::new(cap, self.currency),
                        },
                    ));
                    break;
                }
            }
        }
        for (r, level) in self.levels.iter().enumerate() {
            let kinds: Vec<&'static str> = OfferKind::ALL
                .iter()
                .copied()
                .filter(|k| {
                    index
                        .get(r.saturating_mul(nk).saturating_add(k.index()))
                        .is_none_or(Vec::is_empty)
                })
                .map(OfferKind::name)
                .collect();
            if !kinds.is_empty() {
                warnings.push(Warning::new(
                    format!("levels[{r}]"),
                    WarningKind::UnlimitedAuthority {
                        role: level.clone(),
                        kinds,
                    },
                ));
            }
        }
        (index, warnings)
    }
}

impl CompiledPolicy {
    /// The version label.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("2024-07", t(2024), Currency::EUR).level(agent).compile()?;
    /// assert_eq!(p.version(), "2024-07"); // recorded in every decision
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Start of validity (inclusive).
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(agent).compile()?;
    /// assert_eq!(p.effective_from(), t(2024));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_from(&self) -> DateTime<Utc> {
        self.effective_from
    }

    /// End of validity (exclusive), if any.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(agent).until(t(2025)).compile()?;
    /// assert_eq!(p.effective_until(), Some(t(2025)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_until(&self) -> Option<DateTime<Utc>> {
        self.effective_until
    }

    /// Whether the policy is in force at `at`.
    ///
    /// ```
    /// use carekit::compensation::{Policy, Role};
    /// use carekit::Currency;
    /// use chrono::{TimeZone, Utc};
    /// let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(Role::new("agent")?).until(t(2025)).compile()?;
    /// assert!(p.in_force_at(t(2024)) && !p.in_force_at(t(2025)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn in_force_at(&self, at: DateTime<Utc>) -> bool {
        at >= self.effective_from && self.effective_until.is_none_or(|u| at < u)
    }

    /// The policy currency.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("v", t(2024), Currency::USD).level(agent).compile()?;
    /// assert_eq!(p.currency(), Currency::USD); // requests and histories must use it
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The time zone of calendar periods and rolling months.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::Currency;
    /// # use chrono::{TimeZone, Utc};
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(Role::new("agent")?)
    ///     .time_zone("Europe/Berlin".parse()?)
    ///     .compile()?;
    /// assert_eq!(p.zone().to_string(), "Europe/Berlin");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The authority levels, lowest first.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("v", t(2024), Currency::EUR).level(agent).level(Role::new("manager")?).compile()?;
    /// assert_eq!(p.levels().last().map(Role::as_str), Some("manager")); // highest last
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn levels(&self) -> &[Role] {
        &self.levels
    }

    /// The static-analysis findings.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let p = Policy::new("v", t(2024), Currency::EUR)
    ///     .level(agent.clone()).level(Role::new("senior")?)
    ///     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
    ///     .approval_threshold(agent, eur(15000)) // 150 EUR ≥ the 100 EUR deny cap
    ///     .compile()?;
    /// assert_eq!(p.warnings().len(), 1);
    /// assert_eq!(p.warnings()[0].to_string(), "approval_thresholds.agent: escalates above 150.00 EUR \
    ///     but limits[0] denies above 100.00 EUR: the escalation can never fire");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The document this was compiled from.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let doc = Policy::new("v", t(2024), Currency::EUR).level(agent);
    /// let compiled = doc.compile()?;
    /// assert_eq!(compiled.document(), &doc); // e.g. to store or display what was compiled
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn document(&self) -> &Policy {
        &self.document
    }

    /// Position of a role among the levels.
    pub(crate) fn level_of(&self, role: &Role) -> Option<usize> {
        self.levels.iter().position(|l| l == role)
    }

    /// The limits that can apply to a role and kind, in policy order.
    pub(crate) fn cell(&self, role: usize, kind: OfferKind) -> &[u16] {
        self.index
            .get(
                role.saturating_mul(OfferKind::COUNT)
                    .saturating_add(kind.index()),
            )
            .map_or(&[], Vec::as_slice)
    }
}

/// Several versions of a policy over time; picks the one in force at a
/// request's instant.
///
/// ```
/// use carekit::compensation::{Policy, PolicySet, Role};
/// use carekit::Currency;
/// use chrono::{TimeZone, Utc};
/// let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
/// let agent = Role::new("agent")?;
/// let set = PolicySet::new(&[
///     Policy::new("2024", t(2024), Currency::EUR).level(agent.clone()).until(t(2025)),
///     Policy::new("2025", t(2025), Currency::EUR).level(agent.clone()),
/// ])?;
/// assert_eq!(set.in_force(t(2025))?.version(), "2025");
/// assert!(set.in_force(t(2023)).is_err());
/// let overlap = PolicySet::new(&[
///     Policy::new("a", t(2024), Currency::EUR).level(agent.clone()),
///     Policy::new("b", t(2025), Currency::EUR).level(agent),
/// ]);
/// assert_eq!(overlap.unwrap_err().to_string(),
///     "policy versions \"a\" and \"b\" overlap: both are in force at 2025-01-01T00:00:00+00:00");
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySet {
    versions: Vec<CompiledPolicy>,
}

impl PolicySet {
    /// Compiles every version and checks that no two are in force at once.
    ///
    /// # Errors
    ///
    /// The first version's [`CompensationError::InvalidPolicy`], or
    /// [`CompensationError::OverlappingVersions`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let v1 = Policy::new("2024", t(2024), Currency::EUR).level(agent.clone()).until(t(2025));
    /// let v2 = Policy::new("2025", t(2025), Currency::EUR).level(agent.clone());
    /// assert_eq!(PolicySet::new(&[v2.clone(), v1])?.versions().len(), 2); // any order
    /// let broken = Policy::new("", t(2026), Currency::EUR).level(agent);
    /// assert!(PolicySet::new(&[v2, broken]).is_err()); // every version must compile
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(policies: &[Policy]) -> Result<Self, Error> {
        let mut versions = policies
            .iter()
            .map(Policy::compile)
            .collect::<Result<Vec<_>, _>>()?;
        versions.sort_by_key(|p| p.effective_from);
        for pair in versions.windows(2) {
            if let [a, b] = pair {
                if a.effective_until.is_none_or(|u| u > b.effective_from) {
                    return Err(CompensationError::OverlappingVersions {
                        first: a.version.to_string(),
                        second: b.version.to_string(),
                        at: b.effective_from,
                    }
                    .into());
                }
            }
        }
        Ok(Self { versions })
    }

    /// The version in force at `at`.
    ///
    /// # Errors
    ///
    /// [`CompensationError::NoPolicyInForce`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let set = PolicySet::new(&[
    ///     Policy::new("2024", t(2024), Currency::EUR).level(agent.clone()).until(t(2025)),
    ///     Policy::new("2025", t(2025), Currency::EUR).level(agent),
    /// ])?;
    /// let june = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    /// assert_eq!(set.in_force(june)?.version(), "2024");
    /// assert_eq!(set.in_force(t(2025))?.version(), "2025"); // the end is exclusive
    /// assert_eq!(set.in_force(t(2023)).unwrap_err().to_string(),
    ///     "no policy version is in force at 2023-01-01T00:00:00+00:00");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn in_force(&self, at: DateTime<Utc>) -> Result<&CompiledPolicy, Error> {
        self.versions
            .iter()
            .find(|p| p.in_force_at(at))
            .ok_or_else(|| CompensationError::NoPolicyInForce { at }.into())
    }

    /// The versions, by start date.
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// let set = PolicySet::new(&[
    ///     Policy::new("2025", t(2025), Currency::EUR).level(agent.clone()),
    ///     Policy::new("2024", t(2024), Currency::EUR).level(agent).until(t(2025)),
    /// ])?;
    /// let names: Vec<&str> = set.versions().iter().map(CompiledPolicy::version).collect();
    /// assert_eq!(names, ["2024", "2025"]); // sorted by start date
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn versions(&self) -> &[CompiledPolicy] {
        &self.versions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_means_every_narrow_value_is_in_the_wide_list() {
        assert!(covers::<u8>(None, None));
        assert!(covers(None, Some(&[1_u8][..])));
        assert!(!covers(Some(&[1_u8][..]), None));
        assert!(covers(Some(&[1_u8, 2][..]), Some(&[2_u8][..])));
        assert!(!covers(Some(&[1_u8][..]), Some(&[2_u8][..])));
    }
}
