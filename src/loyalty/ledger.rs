//! The customer's ledger, validated and resolved: purchases with their
//! returns, what each event contributes to the qualifying value and when,
//! and the timeline of steps the evaluation walks.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::LoyaltyError;
use super::event::{LoyaltyEvent, LoyaltyEventKind, ManualFloor, Membership};
use super::programme::{LoyaltyProgramme, Measure};
use super::qualifying::{Contribution, add, leaves_at, sub};
use super::schedule::Reviews;
use crate::error::rfc3339;
use crate::{error::Error, money::Money};

/// A purchase with its returns, resolved.
pub(super) struct Purchase<'a> {
    pub(super) event: &'a LoyaltyEvent,
    pub(super) amount: Decimal,
    pub(super) effective: DateTime<Utc>,
    /// Amount left when it matures (returns before maturity deducted).
    pub(super) matured: Decimal,
}

/// A return after maturity, resolved.
pub(super) struct LateReturn {
    /// Position of the return among the events.
    pub(super) event: usize,
    /// Position of its purchase among the purchases.
    pub(super) purchase: usize,
    pub(super) before: Decimal,
    pub(super) after: Decimal,
}

/// What happens at one instant, in processing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Floor { tier: usize, floor: usize },
    Earn { purchase: usize },
    ClawBack { ret: usize },
    Redeem { event: usize },
    Qualify { ret: Option<usize> },
}

/// The ledger up to `as_of`, ready to walk.
pub(super) struct Resolved<'a> {
    pub(super) events: &'a [LoyaltyEvent],
    /// Manual floors with their tier's position.
    pub(super) floors: Vec<(usize, &'a ManualFloor)>,
    pub(super) purchases: Vec<Purchase<'a>>,
    pub(super) late_returns: Vec<LateReturn>,
    /// Every change of the qualifying value up to `as_of`.
    pub(super) contributions: Vec<Contribution>,
    /// Qualifying value of purchases made but not matured at `as_of`.
    pub(super) pending_value: Decimal,
    /// Purchases made but not matured at `as_of` (position among the
    /// purchases), with the amount left after the returns so far.
    pub(super) pending: Vec<(usize, Decimal)>,
    /// The steps up to `as_of` in canonical order.
    pub(super) steps: Vec<(DateTime<Utc>, Step)>,
}

impl Resolved<'_> {
    /// The highest floor tier in force at `t` (the base tier if none).
    pub(super) fn floor_at(&self, t: DateTime<Utc>) -> usize {
        self.floors
            .iter()
            .filter(|(_, f)| f.is_active_at(t))
            .map(|(i, _)| *i)
            .max()
            .unwrap_or(0)
    }
}

impl LoyaltyProgramme {
    fn money_of(&self, event: &LoyaltyEvent, m: &Money) -> Result<Decimal, Error> {
        if m.currency() == self.currency() {
            Ok(m.amount())
        } else {
            Err(LoyaltyError::CurrencyMismatch {
                event: event.id().clone(),
                amount: *m,
                expected: self.currency(),
            }
            .into())
        }
    }

    /// Checks every event, whatever its instant, and the floors.
    fn validate<'a>(
        &self,
        membership: &'a Membership,
        events: &[LoyaltyEvent],
    ) -> Result<Vec<(usize, &'a ManualFloor)>, Error> {
        let since = membership.since();
        let mut ids = BTreeSet::new();
        for e in events {
            if !ids.insert(e.id().as_str()) {
                return Err(LoyaltyError::DuplicateEventId { id: e.id().clone() }.into());
            }
            if e.at() < since {
                return Err(LoyaltyError::EventBeforeMembership {
                    event: e.id().clone(),
                    at: e.at(),
                    since,
                }
                .into());
            }
            match e.kind() {
                LoyaltyEventKind::Purchase { amount, .. } => {
                    self.money_of(e, amount)?;
                }
                LoyaltyEventKind::Return { amount, .. } => {
                    if let Some(a) = amount {
                        self.money_of(e, a)?;
                    }
                }
                LoyaltyEventKind::Adjustment { value } => {
                    if self.measure() != Measure::Spend && !value.is_integer() {
                        return Err(LoyaltyError::FractionalAdjustment {
                            event: e.id().clone(),
                            value: *value,
                            measure: self.measure().name(),
                        }
                        .into());
                    }
                }
                LoyaltyEventKind::Redemption { .. } => {
                    if self.points().is_none() {
                        return Err(LoyaltyError::NoPointsRule {
                            event: e.id().clone(),
                        }
                        .into());
                    }
                }
            }
        }
        let mut floors = Vec::new();
        for f in membership.floors() {
            let idx = self
                .tier_index(f.tier())
                .ok_or_else(|| LoyaltyError::UnknownTier {
                    field: "floor tier",
                    tier: f.tier().clone(),
                })?;
            floors.push((idx, f));
        }
        Ok(floors)
    }

    /// Validates the ledger and resolves it up to `as_of`: returns against
    /// their purchases, the contributions to the qualifying value, and the
    /// timeline of steps in canonical order (instant, step kind, ids), so
    /// that the order of `events` does not matter.
    #[allow(
        clippy::too_many_lines,
        reason = "one pass per kind of event, in the order they resolve"
    )]
    pub(super) fn resolve<'a>(
        &self,
        membership: &'a Membership,
        events: &'a [LoyaltyEvent],
        as_of: DateTime<Utc>,
        reviews: &Reviews,
    ) -> Result<Resolved<'a>, Error> {
        let since = membership.since();
        let currency = self.currency();
        let floors = self.validate(membership, events)?;

        // Purchases, and returns in a canonical order (instant, id).
        let mut purchases: Vec<Purchase<'_>> = Vec::new();
        let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
        for e in events {
            if let LoyaltyEventKind::Purchase { amount, .. } = e.kind() {
                by_id.insert(e.id().as_str(), purchases.len());
                purchases.push(Purchase {
                    event: e,
                    amount: amount.amount(),
                    effective: e.effective_at(),
                    matured: amount.amount(),
                });
            }
        }
        let mut returns: Vec<(usize, &LoyaltyEvent)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind(), LoyaltyEventKind::Return { .. }))
            .collect();
        returns.sort_by(|a, b| (a.1.at(), a.1.id()).cmp(&(b.1.at(), b.1.id())));
        let mut remaining: Vec<Decimal> = purchases.iter().map(|p| p.amount).collect();
        let mut late_returns: Vec<LateReturn> = Vec::new();
        let mut contributions: Vec<Contribution> = Vec::new();
        for &(index, e) in &returns {
            let LoyaltyEventKind::Return { purchase, amount } = e.kind() else {
                continue;
            };
            let pi =
                *by_id
                    .get(purchase.as_str())
                    .ok_or_else(|| LoyaltyError::UnknownPurchase {
                        event: e.id().clone(),
                        purchase: purchase.clone(),
                    })?;
            let (Some(p), Some(rem)) = (purchases.get_mut(pi), remaining.get_mut(pi)) else {
                continue;
            };
            if e.at() < p.event.at() {
                return Err(LoyaltyError::ReturnBeforePurchase {
                    event: e.id().clone(),
                    at: e.at(),
                    purchase: purchase.clone(),
                    purchase_at: p.event.at(),
                }
                .into());
            }
            let taken = match amount {
                Some(a) => a.amount(),
                None => *rem,
            };
            if taken.is_zero() {
                return Err(LoyaltyError::NothingLeftToReturn {
                    event: e.id().clone(),
                    purchase: purchase.clone(),
                }
                .into());
            }
            let after = sub(*rem, taken, currency)?;
            if after < Decimal::ZERO {
                let returned = add(sub(p.amount, *rem, currency)?, taken, currency)?;
                return Err(LoyaltyError::ReturnExceedsPurchase {
                    event: e.id().clone(),
                    purchase: purchase.clone(),
                    returned: Money::new(returned, currency),
                    amount: Money::new(p.amount, currency),
                }
                .into());
            }
            if e.at() < p.effective {
                p.matured = after;
            } else if e.at() <= as_of {
                let delta = sub(
                    self.purchase_value(after, e.id())?,
                    self.purchase_value(*rem, e.id())?,
                    currency,
                )?;
                contributions.push(Contribution { at: e.at(), delta });
                late_returns.push(LateReturn {
                    event: index,
                    purchase: pi,
                    before: *rem,
                    after,
                });
            }
            *rem = after;
        }

        // The timeline of steps up to `as_of`.
        let mut steps: Vec<(DateTime<Utc>, Step)> = Vec::new();
        let mut pending_value = Decimal::ZERO;
        let mut pending = Vec::new();
        for (i, p) in purchases.iter().enumerate() {
            if p.event.at() > as_of {
                continue;
            }
            if p.effective > as_of {
                // Pending: what it would add, less returns made so far.
                let left = returned_left(p, &returns, as_of, currency)?;
                pending_value = add(
                    pending_value,
                    self.purchase_value(left, p.event.id())?,
                    currency,
                )?;
                pending.push((i, left));
                continue;
            }
            if p.matured <= Decimal::ZERO {
                continue;
            }
            let delta = self.purchase_value(p.matured, p.event.id())?;
            contributions.push(Contribution {
                at: p.effective,
                delta,
            });
            steps.push((p.effective, Step::Earn { purchase: i }));
            steps.push((p.effective, Step::Qualify { ret: None }));
        }
        for (i, r) in late_returns.iter().enumerate() {
            if let Some(e) = events.get(r.event) {
                steps.push((e.at(), Step::ClawBack { ret: i }));
                steps.push((e.at(), Step::Qualify { ret: Some(i) }));
            }
        }
        for (i, e) in events.iter().enumerate() {
            if e.at() > as_of {
                continue;
            }
            match e.kind() {
                LoyaltyEventKind::Adjustment { value } => {
                    contributions.push(Contribution {
                        at: e.at(),
                        delta: *value,
                    });
                    steps.push((e.at(), Step::Qualify { ret: None }));
                }
                LoyaltyEventKind::Redemption { .. } => {
                    steps.push((e.at(), Step::Redeem { event: i }));
                }
                _ => {}
            }
        }
        // A negative contribution leaving a rolling window raises the
        // value: the customer may qualify then, with no event.
        for c in &contributions {
            if c.delta < Decimal::ZERO {
                if let Some(exit) = leaves_at(reviews, c.at)?.filter(|&x| x <= as_of) {
                    steps.push((exit, Step::Qualify { ret: None }));
                }
            }
        }
        for (i, &(tier, f)) in floors.iter().enumerate() {
            let start = f.from().max(since);
            if start <= as_of && f.is_active_at(start) {
                steps.push((start, Step::Floor { tier, floor: i }));
            }
        }
        let mut resolved = Resolved {
            events,
            floors,
            purchases,
            late_returns,
            contributions,
            pending_value,
            pending,
            steps,
        };
        resolved.sort_steps();
        Ok(resolved)
    }
}

/// What is left of a pending purchase after the returns made up to `as_of`.
fn returned_left(
    p: &Purchase<'_>,
    returns: &[(usize, &LoyaltyEvent)],
    as_of: DateTime<Utc>,
    currency: crate::money::Currency,
) -> Result<Decimal, Error> {
    let returned_so_far = returns
        .iter()
        .filter(|(_, r)| r.at() <= as_of)
        .filter_map(|(_, r)| match r.kind() {
            LoyaltyEventKind::Return { purchase, amount } if purchase == p.event.id() => {
                Some(amount.map_or(p.amount, |a| a.amount()))
            }
            _ => None,
        })
        .try_fold(Decimal::ZERO, |acc, a| add(acc, a, currency))?;
    Ok(sub(p.amount, returned_so_far, currency)?.max(Decimal::ZERO))
}

impl Resolved<'_> {
    /// Canonical order: instant, then step kind, then the events' ids.
    fn sort_steps(&mut self) {
        let key = |s: &Step| -> (u8, String) {
            match *s {
                // Highest tier first (a lower floor at the same instant then
                // changes nothing), ties by end: the order floors are
                // listed in does not matter.
                Step::Floor { tier, floor } => (
                    0,
                    format!(
                        "{:020}{}",
                        usize::MAX.saturating_sub(tier),
                        self.floors
                            .get(floor)
                            .and_then(|(_, f)| f.until())
                            .map_or_else(|| "~".to_owned(), rfc3339)
                    ),
                ),
                Step::Earn { purchase } => (
                    1,
                    self.purchases
                        .get(purchase)
                        .map(|p| p.event.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::ClawBack { ret } | Step::Qualify { ret: Some(ret) } => (
                    if matches!(s, Step::ClawBack { .. }) {
                        2
                    } else {
                        4
                    },
                    self.late_returns
                        .get(ret)
                        .and_then(|r| self.events.get(r.event))
                        .map(|e| e.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::Redeem { event } => (
                    3,
                    self.events
                        .get(event)
                        .map(|e| e.id().to_string())
                        .unwrap_or_default(),
                ),
                Step::Qualify { ret: None } => (4, String::new()),
            }
        };
        let mut keyed: Vec<(DateTime<Utc>, (u8, String), Step)> =
            self.steps.iter().map(|&(t, s)| (t, key(&s), s)).collect();
        keyed.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        self.steps = keyed.into_iter().map(|(t, _, s)| (t, s)).collect();
    }
}
