//! Evaluation: which limits apply, what each scope observed, the checks,
//! the deciding verdict, the grant to record and the fingerprint; and the
//! per-kind headroom. The report types live in `decision` and `headroom`.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::CompensationError;
use super::compile::{Act, Bound, Compiled, CompiledPolicy, LimitInfo, PolicySet};
use super::decision::{Check, Decision, Outcome, Values, Verdict};
use super::grant::{Fingerprint, Fnv, Grant};
use super::headroom::{Headroom, KindHeadroom};
use super::history::GrantHistory;
use super::index::{Index, Start, Tally};
use super::offer::OfferKind;
use super::policy::Quantity;
use super::policy::{Action, Scope};
use super::request::{Context, Recipient, Request, Requester};
use crate::calendar::{Span, Window, local_of};
use crate::error::Error;
use crate::money::MoneyError;
use crate::money::{Money, RoundingStrategy};

fn overflow(op: &'static str, left: Decimal, right: Decimal) -> Error {
    MoneyError::Overflow {
        operation: op,
        left,
        right,
    }
    .into()
}

/// The history's indexes of one request's customer, agent and
/// interaction, looked up at most once each.
struct Lists<'h> {
    history: &'h GrantHistory,
    requester: &'h Requester,
    recipient: &'h Recipient,
    context: &'h Context,
    customer: Lookup<'h>,
    agent: Lookup<'h>,
    interaction: Lookup<'h>,
}

/// An index looked up lazily: not yet, or found (or absent).
#[derive(Clone, Copy)]
enum Lookup<'h> {
    NotYet,
    Done(Option<&'h Index>),
}

impl<'h> Lookup<'h> {
    fn get(&mut self, find: impl FnOnce() -> Option<&'h Index>) -> Option<&'h Index> {
        match *self {
            Lookup::Done(found) => found,
            Lookup::NotYet => {
                let found = find();
                *self = Lookup::Done(found);
                found
            }
        }
    }
}

impl<'h> Lists<'h> {
    fn new(
        history: &'h GrantHistory,
        requester: &'h Requester,
        recipient: &'h Recipient,
        context: &'h Context,
    ) -> Self {
        Self {
            history,
            requester,
            recipient,
            context,
            customer: Lookup::NotYet,
            agent: Lookup::NotYet,
            interaction: Lookup::NotYet,
        }
    }

    fn customer(&mut self) -> Option<&'h Index> {
        let (history, customer) = (self.history, self.recipient.id());
        self.customer.get(|| history.customer_index(customer))
    }

    fn agent(&mut self) -> Option<&'h Index> {
        let (history, agent) = (self.history, self.requester.id());
        self.agent.get(|| history.agent_index(agent))
    }

    fn interaction(&mut self) -> Option<&'h Index> {
        let (history, interaction) = (self.history, self.context.interaction());
        self.interaction
            .get(|| history.interaction_index(interaction))
    }
}

impl CompiledPolicy {
    fn multiplier(&self, recipient: &Recipient) -> Decimal {
        self.tier_multipliers
            .iter()
            .find(|(t, _)| t == recipient.tier())
            .map(|(_, m)| *m)
            .or_else(|| {
                recipient
                    .benefits()
                    .map(|b| b.compensation_limit_multiplier().get())
            })
            .unwrap_or(Decimal::ONE)
    }

    /// Where a scope's window starts when it ends at `at`: rolling windows
    /// leave out a grant exactly at their start, calendar periods include
    /// one at their first instant. A rolling start before the first instant
    /// chrono represents means every grant up to `at` is inside.
    ///
    /// # Errors
    ///
    /// [`CalendarError::PeriodOutOfRange`](crate::calendar::CalendarError::PeriodOutOfRange)
    /// where the local calendar period of `at` does not exist (within hours
    /// of the ends of chrono's range).
    pub(crate) fn window_start(&self, scope: Scope, at: DateTime<Utc>) -> Result<Start, Error> {
        let period = match scope {
            Scope::Offer | Scope::Interaction => return Ok(Start::Open),
            Scope::Customer {
                window: Window::Rolling(span),
            } => {
                return match Window::Rolling(span).start(at, &self.zone) {
                    Ok(start) => Ok(Start::After(start)),
                    // Days are elapsed time: only an underflow fails. Months
                    // also fail where `at` has no local reading (within
                    // hours of the ends of chrono's range): that is an
                    // error, not a window.
                    Err(_) if matches!(span, Span::Days(_)) => Ok(Start::Open),
                    Err(_) if local_of(&self.zone, at).is_some() => Ok(Start::Open),
                    Err(e) => Err(e),
                };
            }
            Scope::Customer {
                window: Window::Calendar(period),
            }
            | Scope::Agent { period } => period,
        };
        Ok(Start::From(period.start_of(at, &self.zone)?))
    }

    /// What a limit's scope holds before the offer, fed to the
    /// fingerprint as three words: the limit's position with the number of
    /// grants counted, and the wrapping sums of their hashes and of the
    /// hashes' mixes (a per-offer limit counts nothing and feeds nothing).
    fn observe(
        &self,
        limit: &Compiled,
        li: u16,
        at: DateTime<Utc>,
        lists: &mut Lists<'_>,
        fp: &mut Fnv,
    ) -> Result<Tally, Error> {
        let index = match limit.scope {
            Scope::Offer => return Ok(Tally::ZERO),
            Scope::Interaction => lists.interaction(),
            Scope::Customer { .. } => lists.customer(),
            Scope::Agent { .. } => lists.agent(),
        };
        let start = self.window_start(limit.scope, at)?;
        let tally = lists.history.tally(index, limit.kinds, start, at)?;
        fp.write_word(u64::from(li) | (u64::from(tally.count) << 32));
        fp.write_word(tally.hash);
        fp.write_word(tally.mix);
        Ok(tally)
    }

    /// The limit as money (tier multiplier on amounts, order × ratio on
    /// percentages), or the count. A derived money limit is rounded toward
    /// zero to the currency's minor unit: a limit is an "at most", so
    /// 33.33 EUR × 30 % allows 9.99 EUR, never 10.00, and the reason text
    /// shows "30.00 EUR" rather than "30.000 EUR" for 20 EUR × 1.5.
    fn bound(&self, limit: &Compiled, mult: Decimal, context: &Context) -> Result<Quantity, Error> {
        let at_most = |amount: Decimal| {
            Quantity::Money(
                Money::new(amount, self.currency)
                    .round_to_minor_units(RoundingStrategy::TowardZero),
            )
        };
        Ok(match limit.bound {
            Bound::Amount(a) if mult == Decimal::ONE => {
                Quantity::Money(Money::new(a, self.currency))
            }
            Bound::Amount(a) => at_most(
                a.checked_mul(mult)
                    .ok_or_else(|| overflow("multiplication", a, mult))?,
            ),
            Bound::Ratio(r) => {
                let order = context.order_value().map_or(Decimal::ZERO, |m| m.amount());
                at_most(
                    order
                        .checked_mul(r)
                        .ok_or_else(|| overflow("multiplication", order, r))?,
                )
            }
            Bound::Count(n) => Quantity::Count(n),
        })
    }

    fn validate(
        &self,
        value: Money,
        context: &Context,
        at: DateTime<Utc>,
        history: &GrantHistory,
    ) -> Result<(), Error> {
        let mismatch = |path: &str, found| -> Error {
            CompensationError::CurrencyMismatch {
                path: path.to_owned(),
                expected: self.currency,
                found,
            }
            .into()
        };
        if value.currency() != self.currency {
            return Err(mismatch("request.offer.value", value.currency()));
        }
        if let Some(o) = context.order_value() {
            if o.currency() != self.currency {
                return Err(mismatch("request.context.order_value", o.currency()));
            }
        }
        if let Some(c) = history.currency() {
            if c != self.currency {
                return Err(mismatch("history[0].value", c));
            }
        }
        if let Some((index, g)) = history.latest() {
            if g.at() > at {
                return Err(CompensationError::GrantAfterRequest {
                    index,
                    at: g.at(),
                    request_at: at,
                }
                .into());
            }
        }
        Ok(())
    }

    /// Decides a request against a history of prior grants.
    ///
    /// Every limit that applies (role and kind by the compiled index; tier,
    /// channel and reason by its filters) is checked; the most restrictive
    /// verdict wins: deny > escalate > cap > approve; among escalations the
    /// highest level, among caps the smallest amount, otherwise the first
    /// in policy order. The policy's effective dates are not checked here
    /// (a what-if replays old requests under a new policy); a
    /// [`PolicySet`](super::PolicySet) picks the version in force.
    ///
    /// # Errors
    ///
    /// - [`CompensationError::CurrencyMismatch`] if the offer, the order
    ///   value or the history is in another currency than the policy;
    /// - [`CompensationError::GrantAfterRequest`] if the history holds a
    ///   grant later than the request;
    /// - [`CalendarError::PeriodOutOfRange`](crate::calendar::CalendarError::PeriodOutOfRange)
    ///   if a calendar-period or rolling-month scope applies at an instant
    ///   whose local reading in the policy's zone does not exist (within
    ///   hours of the ends of chrono's range);
    /// - a money overflow error if a sum does not fit in a `Decimal`.
    ///
    /// ```
    /// use carekit::compensation::*;
    /// use carekit::*;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let policy = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .level(Role::new("senior")?)
    ///     .limit(Limit::new("refund-max", Scope::Offer, Measure::MaxAmount(eur(5000)), Action::Deny))
    ///     .compile()?;
    /// let req = Request::new(
    ///     Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap(),
    ///     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
    ///     Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?),
    ///     Context::new(InteractionId::new("T-1")?, Channel::Phone),
    ///     Offer::new(OfferKind::Refund, eur(4000))?,
    /// )?;
    /// let d = policy.evaluate(&req, &GrantHistory::empty())?;
    /// assert_eq!(d.outcome(), &Outcome::Approve);
    /// assert_eq!(d.grant().map(|g| g.value()), Some(eur(4000)));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn evaluate(&self, request: &Request, history: &GrantHistory) -> Result<Decision, Error> {
        let value = request.value();
        let context = request.context();
        let requester = request.requester();
        let recipient = request.recipient();
        let at = request.at();
        self.validate(value, context, at, history)?;
        let mut fp = Fnv::new();
        fp.write_str(&self.version);
        let Some(rank) = self.level_of(requester.role()) else {
            let check = Check {
                info: Arc::clone(&self.levels_info),
                scope: Scope::Offer,
                action: Action::Deny,
                currency: self.currency,
                values: Values::Money {
                    observed: Decimal::ZERO,
                    after: value.amount(),
                    limit: Decimal::ZERO,
                    headroom: Decimal::ZERO,
                },
                verdict: Verdict::Deny,
            };
            return Ok(self.decide(request, vec![check], fp));
        };
        let mult = self.multiplier(recipient);
        let cell = self.cell(rank, request.kind());
        let mut checks = Vec::with_capacity(cell.len());
        let mut lists = Lists::new(history, requester, recipient, context);
        for &li in cell {
            let Some(limit) = self.limits.get(usize::from(li)) else {
                continue;
            };
            if !limit.matches(recipient.tier(), context.channel(), context.reason()) {
                continue;
            }
            let obs = self.observe(limit, li, at, &mut lists, &mut fp)?;
            self.check(limit, rank, mult, context, value, &obs, &mut checks)?;
        }
        Ok(self.decide(request, checks, fp))
    }

    /// One limit's check, given what its scope observed, appended to
    /// `checks` (built in place: checks are moved once, not twice).
    #[allow(
        clippy::too_many_arguments,
        reason = "an internal step of evaluate taking its locals"
    )]
    fn check(
        &self,
        limit: &Compiled,
        rank: usize,
        mult: Decimal,
        context: &Context,
        value: Money,
        obs: &Tally,
        checks: &mut Vec<Check>,
    ) -> Result<(), Error> {
        let bound = self.bound(limit, mult, context)?;
        let (values, exceeded) = match bound {
            Quantity::Money(lim) => {
                let lim = lim.amount();
                let after = obs
                    .amount
                    .checked_add(value.amount())
                    .ok_or_else(|| overflow("addition", obs.amount, value.amount()))?;
                let mut room = lim
                    .checked_sub(obs.amount)
                    .ok_or_else(|| overflow("subtraction", lim, obs.amount))?;
                if room.is_sign_negative() {
                    room = Decimal::ZERO;
                }
                (
                    Values::Money {
                        observed: obs.amount,
                        after,
                        limit: lim,
                        headroom: room,
                    },
                    after > lim,
                )
            }
            Quantity::Count(n) => {
                let after = obs.count.saturating_add(1);
                (
                    Values::Count {
                        observed: obs.count,
                        after,
                        limit: n,
                        headroom: n.saturating_sub(obs.count),
                    },
                    after > n,
                )
            }
        };
        let verdict = if exceeded {
            match (limit.act, values) {
                (Act::Deny, _) | (Act::Cap, Values::Count { .. }) => Verdict::Deny,
                (Act::Cap, Values::Money { headroom, .. }) => {
                    let room = Money::new(headroom, self.currency)
                        .round_to_minor_units(RoundingStrategy::TowardZero);
                    if room.is_zero() {
                        Verdict::Deny
                    } else {
                        Verdict::CapTo(room)
                    }
                }
                (Act::Escalate(target), _) => {
                    let target = target.or_else(|| rank.checked_add(1));
                    match target.and_then(|t| self.levels.get(t)) {
                        Some(level) => Verdict::EscalateTo(level.clone()),
                        None => Verdict::Deny,
                    }
                }
            }
        } else {
            Verdict::Pass
        };
        checks.push(Check {
            info: Arc::clone(&limit.info),
            scope: limit.scope,
            action: limit.action,
            currency: self.currency,
            values,
            verdict,
        });
        Ok(())
    }

    fn decide(&self, request: &Request, checks: Vec<Check>, fp: Fnv) -> Decision {
        let mut deciding: Option<usize> = None;
        for (i, c) in checks.iter().enumerate() {
            if c.verdict == Verdict::Pass {
                continue;
            }
            let better = match deciding.and_then(|d| checks.get(d)) {
                None => true,
                Some(best) => {
                    let (s, b) = (c.verdict.severity(), best.verdict.severity());
                    s > b
                        || (s == b
                            && match (&c.verdict, &best.verdict) {
                                (Verdict::CapTo(x), Verdict::CapTo(y)) => x.amount() < y.amount(),
                                (Verdict::EscalateTo(x), Verdict::EscalateTo(y)) => {
                                    self.level_of(x) > self.level_of(y)
                                }
                                _ => false,
                            })
                }
            };
            if better {
                deciding = Some(i);
            }
        }
        let outcome = match deciding.and_then(|d| checks.get(d)).map(|c| &c.verdict) {
            None | Some(Verdict::Pass) => Outcome::Approve,
            Some(Verdict::CapTo(m)) => Outcome::ApproveUpTo(*m),
            Some(Verdict::EscalateTo(r)) => Outcome::Escalate(r.clone()),
            Some(Verdict::Deny) => Outcome::Deny,
        };
        let granted = match &outcome {
            Outcome::Approve => Some(request.value()),
            Outcome::ApproveUpTo(m) => Some(*m),
            Outcome::Escalate(_) | Outcome::Deny => None,
        };
        let grant = granted.map(|value| Grant {
            at: request.at(),
            agent: request.requester().id().clone(),
            customer: request.recipient().id().clone(),
            interaction: request.context().interaction().clone(),
            kind: request.kind(),
            value,
        });
        Decision {
            outcome,
            checks,
            deciding,
            grant,
            fingerprint: fp.finish(),
            policy_version: Arc::clone(&self.version),
            kind: request.kind(),
            asked: request.value(),
            role: request.requester().role().clone(),
        }
    }

    /// The fingerprint `evaluate` would return for this request and
    /// history: what a committer recomputes inside its transaction to detect
    /// a stale decision (see the module docs).
    ///
    /// # Errors
    ///
    /// As [`CompiledPolicy::evaluate`].
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
    /// // inside the commit transaction: reload, recompute, compare
    /// let mut reloaded = history.clone();
    /// assert_eq!(policy.fingerprint(&ask("agent", 1000), &reloaded)?, d.fingerprint()); // commit
    /// // a concurrent 5 EUR grant to c-1 changes the customer budget: re-evaluate
    /// reloaded.push(Grant::new(t(9), AgentId::new("bo")?, CustomerId::new("c-1")?,
    ///     InteractionId::new("T-2")?, OfferKind::Gift, eur(500))?)?;
    /// assert_ne!(policy.fingerprint(&ask("agent", 1000), &reloaded)?, d.fingerprint());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn fingerprint(
        &self,
        request: &Request,
        history: &GrantHistory,
    ) -> Result<Fingerprint, Error> {
        Ok(self.evaluate(request, history)?.fingerprint())
    }

    /// The most `requester` may grant `recipient` alone, now, per offer
    /// kind: for each kind, the smallest money headroom over the limits that
    /// apply (every action counts, escalation thresholds included, since
    /// they bound what the agent approves without asking; a count limit
    /// already reached gives zero). A role that is not an authority level
    /// gets zero everywhere.
    ///
    /// # Errors
    ///
    /// As [`CompiledPolicy::evaluate`] (currencies, future grants, periods
    /// at the ends of chrono's range).
    ///
    /// ```
    /// use carekit::compensation::*;
    /// use carekit::*;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let policy = Policy::new("v1", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
    ///     .level(Role::new("agent")?)
    ///     .limit(Limit::new("goodwill", Scope::customer_days(90), Measure::MaxAmount(eur(5000)), Action::Deny))
    ///     .compile()?;
    /// let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
    /// let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
    ///     InteractionId::new("T-0")?, OfferKind::Credit, eur(2000))?])?;
    /// let room = policy.headroom(
    ///     &Requester::new(AgentId::new("ana")?, Role::new("agent")?),
    ///     &Recipient::new(CustomerId::new("c-1")?, TierId::new("gold")?),
    ///     &Context::new(InteractionId::new("T-1")?, Channel::Chat),
    ///     t(2), &history)?;
    /// assert_eq!(room.of(OfferKind::Refund).and_then(KindHeadroom::max), Some(eur(3000))); // 50 − 20
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn headroom(
        &self,
        requester: &Requester,
        recipient: &Recipient,
        context: &Context,
        at: DateTime<Utc>,
        history: &GrantHistory,
    ) -> Result<Headroom, Error> {
        self.validate(Money::zero(self.currency), context, at, history)?;
        let mut kinds = Vec::with_capacity(OfferKind::ALL.len());
        let Some(rank) = self.level_of(requester.role()) else {
            for &kind in OfferKind::ALL {
                kinds.push(KindHeadroom {
                    kind,
                    max: Some(Money::zero(self.currency)),
                    binding: Some(Arc::clone(&self.levels_info)),
                });
            }
            return Ok(Headroom { kinds });
        };
        let mult = self.multiplier(recipient);
        let mut fp = Fnv::new();
        let mut lists = Lists::new(history, requester, recipient, context);
        for &kind in OfferKind::ALL {
            let mut best: Option<(Decimal, Arc<LimitInfo>)> = None;
            for &li in self.cell(rank, kind) {
                let Some(limit) = self.limits.get(usize::from(li)) else {
                    continue;
                };
                if !limit.matches(recipient.tier(), context.channel(), context.reason()) {
                    continue;
                }
                let obs = self.observe(limit, li, at, &mut lists, &mut fp)?;
                let room = match self.bound(limit, mult, context)? {
                    Quantity::Money(lim) => {
                        let room = lim
                            .amount()
                            .checked_sub(obs.amount)
                            .ok_or_else(|| overflow("subtraction", lim.amount(), obs.amount))?;
                        if room.is_sign_negative() {
                            Decimal::ZERO
                        } else {
                            room
                        }
                    }
                    Quantity::Count(n) if obs.count >= n => Decimal::ZERO,
                    Quantity::Count(_) => continue,
                };
                if best.as_ref().is_none_or(|(b, _)| room < *b) {
                    best = Some((room, Arc::clone(&limit.info)));
                }
            }
            kinds.push(match best {
                Some((room, id)) => KindHeadroom {
                    kind,
                    max: Some(
                        Money::new(room, self.currency)
                            .round_to_minor_units(RoundingStrategy::TowardZero),
                    ),
                    binding: Some(id),
                },
                None => KindHeadroom {
                    kind,
                    max: None,
                    binding: None,
                },
            });
        }
        Ok(Headroom { kinds })
    }
}

impl PolicySet {
    /// Evaluates a request under the version in force at its instant.
    ///
    /// # Errors
    ///
    /// [`CompensationError::NoPolicyInForce`], or the errors of
    /// [`CompiledPolicy::evaluate`].
    ///
    /// ```
    /// # use carekit::compensation::*;
    /// # use carekit::{Currency, Money};
    /// # use chrono::{TimeZone, Utc};
    /// # let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// # let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    /// # let agent = Role::new("agent")?;
    /// # use carekit::*;
    /// let cap = |cents| Limit::new("cap", Scope::Offer, Measure::MaxAmount(eur(cents)), Action::Deny);
    /// let set = PolicySet::new(&[
    ///     Policy::new("2024", t(2024), Currency::EUR).level(agent.clone()).limit(cap(2000)).until(t(2025)),
    ///     Policy::new("2025", t(2025), Currency::EUR).level(agent.clone()).limit(cap(5000)),
    /// ])?;
    /// let ask = |y| Request::new(t(y) + chrono::TimeDelta::days(30), Requester::new(AgentId::new("ana")?, agent.clone()),
    ///     Recipient::new(CustomerId::new("c")?, TierId::new("gold")?), Context::new(InteractionId::new("T")?, Channel::Chat),
    ///     Offer::new(OfferKind::Refund, eur(3000))?);
    /// // 30 EUR: over the 2024 cap of 20, within the 2025 cap of 50
    /// assert_eq!(set.evaluate(&ask(2024)?, &GrantHistory::empty())?.outcome(), &Outcome::Deny);
    /// assert_eq!(set.evaluate(&ask(2025)?, &GrantHistory::empty())?.policy_version(), "2025");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn evaluate(&self, request: &Request, history: &GrantHistory) -> Result<Decision, Error> {
        self.in_force(request.at())?.evaluate(request, history)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Period, Zone};
    use crate::compensation::{Policy, Role};
    use crate::money::Currency;
    use chrono::{NaiveDate, TimeZone};

    fn policy(tz: &str) -> CompiledPolicy {
        Policy::new(
            "v",
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
            Currency::EUR,
        )
        .level(Role::new("agent").unwrap())
        .time_zone(tz.parse::<Zone>().unwrap())
        .compile()
        .unwrap()
    }

    fn agent(period: Period) -> Scope {
        Scope::Agent { period }
    }

    #[test]
    fn periods_start_at_local_midnight() {
        // 2024-06-12 (a Wednesday) 01:30 UTC is 2024-06-11 21:30 at -04:00.
        let at = Utc.with_ymd_and_hms(2024, 6, 12, 1, 30, 0).unwrap();
        let p = policy("-04:00");
        let start = |period| match p.window_start(agent(period), at).unwrap() {
            Start::From(start) => start,
            other => panic!("{other:?}"),
        };
        // local day June 11 starts 04:00 UTC
        assert_eq!(
            start(Period::Day),
            Utc.with_ymd_and_hms(2024, 6, 11, 4, 0, 0).unwrap()
        );
        // ISO week of Tuesday June 11 starts Monday June 10, 04:00 UTC
        assert_eq!(
            start(Period::IsoWeek),
            Utc.with_ymd_and_hms(2024, 6, 10, 4, 0, 0).unwrap()
        );
        // month starts June 1, 04:00 UTC
        assert_eq!(
            start(Period::Month),
            Utc.with_ymd_and_hms(2024, 6, 1, 4, 0, 0).unwrap()
        );
        // a rolling window is exclusive at its start: 30 × 24 h earlier
        assert_eq!(
            p.window_start(Scope::customer_days(30), at).unwrap(),
            Start::After(Utc.with_ymd_and_hms(2024, 5, 13, 1, 30, 0).unwrap())
        );
    }

    #[test]
    fn verdict_severity_orders_pass_cap_escalate_deny() {
        let eur = Money::from_minor_units(1, Currency::EUR);
        let v = [
            Verdict::Pass,
            Verdict::CapTo(eur),
            Verdict::EscalateTo(Role::new("x").unwrap()),
            Verdict::Deny,
        ];
        assert!(v.windows(2).all(|w| w[0].severity() < w[1].severity()));
    }

    #[test]
    fn windows_at_the_ends_of_chronos_range_are_named_errors_or_everything() {
        // Regression: a per-agent period limit evaluated at
        // `DateTime::<Utc>::MAX_UTC` with a policy at +01:00 (or at
        // `MIN_UTC` with -01:00) once panicked in chrono's `date_naive`
        // ("Local time out of range"), then counted the whole history. The
        // local date does not exist there, so the period is a named error.
        for (offset, at) in [
            ("+01:00", DateTime::<Utc>::MAX_UTC),
            ("-01:00", DateTime::<Utc>::MIN_UTC),
        ] {
            let p = policy(offset);
            for period in [Period::Day, Period::IsoWeek, Period::Month] {
                assert!(matches!(
                    p.window_start(agent(period), at),
                    Err(Error::Calendar(
                        crate::calendar::CalendarError::PeriodOutOfRange { .. }
                    ))
                ));
            }
        }
        // Inside the range: MAX_UTC is 23:59:59 UTC on NaiveDate::MAX
        // (+262142-12-31); at -01:00 that local day starts 01:00 UTC.
        let p = policy("-01:00");
        assert_eq!(
            p.window_start(agent(Period::Day), DateTime::<Utc>::MAX_UTC)
                .unwrap(),
            Start::From(NaiveDate::MAX.and_hms_opt(1, 0, 0).unwrap().and_utc())
        );
        // A rolling window reaching before chrono's first instant holds
        // every grant: no lower bound.
        let p = policy("+00:00");
        let early = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            p.window_start(Scope::customer_days(u32::MAX), early)
                .unwrap(),
            Start::Open
        );
        let months = Scope::Customer {
            window: Window::Rolling(Span::Months(u32::MAX)),
        };
        assert_eq!(p.window_start(months, early).unwrap(), Start::Open);
    }
}
