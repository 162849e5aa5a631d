//! The walk along the timeline that applies upgrades, reviews, grace
//! periods, manual floors and reversals, recording each change with its
//! reason. When reviews happen is the schedule's ([`Reviews`]).

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::change::{ChangeReason, TierChange};
use super::event::LoyaltyEventKind;
use super::ledger::{Resolved, Step};
use super::points::Ledger;
use super::programme::{DowngradeRule, LoyaltyProgramme};
use super::qualifying::{Values, window_start};
use super::schedule::{Reviews, months_later, out_of_range, span_later};
use crate::error::Error;

/// Whether the walk passes runs of idle reviews in one step (always, but
/// for the test that checks it changes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Idle {
    Passed,
    #[cfg(test)]
    Walked,
}

/// A downgrade decided at a review, waiting for its grace period.
pub(super) struct Pending {
    pub(super) to: usize,
    pub(super) at: DateTime<Utc>,
    pub(super) review_at: DateTime<Utc>,
    pub(super) value: Decimal,
}

/// The state of the walk along the timeline; at its end, the standing at
/// `as_of`.
pub(super) struct Walk<'a> {
    programme: &'a LoyaltyProgramme,
    ledger_in: &'a Resolved<'a>,
    values: &'a Values,
    reviews: &'a Reviews,
    /// The tier held (position in the programme's tiers).
    pub(super) current: usize,
    /// The tier confirmed by the last review (or floor), which a return
    /// cannot undo.
    secured: usize,
    pub(super) history: Vec<TierChange>,
    pub(super) pending: Option<Pending>,
    pub(super) previous_review: DateTime<Utc>,
    pub(super) next_review: Option<DateTime<Utc>>,
    pub(super) points: Ledger,
    /// Instants visited, for the tests that bound the work.
    #[cfg(test)]
    visited: usize,
}

impl<'a> Walk<'a> {
    /// Walks every step and review up to `as_of`.
    pub(super) fn run(
        programme: &'a LoyaltyProgramme,
        ledger_in: &'a Resolved<'a>,
        values: &'a Values,
        reviews: &'a Reviews,
        as_of: DateTime<Utc>,
    ) -> Result<Self, Error> {
        Self::run_with(programme, ledger_in, values, reviews, as_of, Idle::Passed)
    }

    fn run_with(
        programme: &'a LoyaltyProgramme,
        ledger_in: &'a Resolved<'a>,
        values: &'a Values,
        reviews: &'a Reviews,
        as_of: DateTime<Utc>,
        idle: Idle,
    ) -> Result<Self, Error> {
        let since = reviews.since();
        let mut walk = Walk {
            programme,
            ledger_in,
            values,
            reviews,
            current: 0,
            secured: 0,
            history: vec![TierChange {
                at: since,
                from: None,
                to: programme.tier_at(0).id().clone(),
                reason: ChangeReason::Joined,
            }],
            pending: None,
            previous_review: since,
            next_review: reviews.next_after(since)?,
            points: Ledger::default(),
            #[cfg(test)]
            visited: 0,
        };
        let steps = &ledger_in.steps;
        let mut cursor = 0_usize;
        loop {
            if idle == Idle::Passed {
                walk.skip_idle_reviews(steps.get(cursor).map(|s| s.0), as_of)?;
            }
            let candidates = [
                steps.get(cursor).map(|s| s.0),
                walk.next_review.filter(|&r| r <= as_of),
                walk.pending.as_ref().map(|p| p.at).filter(|&a| a <= as_of),
            ];
            let Some(t) = candidates.into_iter().flatten().min() else {
                break;
            };
            #[cfg(test)]
            {
                walk.visited = walk.visited.saturating_add(1);
            }
            walk.grace_end(t)?;
            if walk.next_review == Some(t) {
                walk.review(t)?;
            }
            let mut qualify = false;
            let mut reversed: Option<usize> = None;
            while let Some(&(at, step)) = steps.get(cursor) {
                if at != t {
                    break;
                }
                if let Step::Qualify { ret } = step {
                    qualify = true;
                    if reversed.is_none() {
                        reversed = ret;
                    }
                } else {
                    walk.apply(t, step)?;
                }
                cursor = cursor.saturating_add(1);
            }
            if qualify {
                walk.qualify(t, reversed)?;
            }
        }
        Ok(walk)
    }

    fn id_of(&self, i: usize) -> crate::id::TierId {
        self.programme.tier_at(i).id().clone()
    }

    fn threshold(&self, i: usize) -> Decimal {
        self.programme.tier_at(i).threshold()
    }

    fn change(&mut self, at: DateTime<Utc>, to: usize, reason: ChangeReason) {
        self.history.push(TierChange {
            at,
            from: Some(self.id_of(self.current)),
            to: self.id_of(to),
            reason,
        });
        self.current = to;
    }

    /// The tier the qualifying value meets at `t`, before the events at
    /// `t` itself: no downgrade at `t` goes below it (the customer would
    /// qualify again at once).
    fn met_before(&self, t: DateTime<Utc>) -> Result<usize, Error> {
        let value = self
            .values
            .window_value_before(window_start(self.reviews, t)?, t)?;
        Ok(self.programme.met_index(value))
    }

    /// A grace period that ends at `t` (or is overtaken by the review at
    /// `t`) applies its downgrade, no lower than a floor in force or the
    /// tier the qualifying value meets.
    fn grace_end(&mut self, t: DateTime<Utc>) -> Result<(), Error> {
        let Some(p) = self
            .pending
            .as_ref()
            .filter(|p| p.at == t || self.next_review == Some(t))
        else {
            return Ok(());
        };
        let floor = self.ledger_in.floor_at(t);
        let target = p.to.max(floor).max(self.met_before(t)?);
        let reason = ChangeReason::GraceEnded {
            review_at: p.review_at,
            value: self.programme.present(p.value),
        };
        if target < self.current {
            self.change(t, target, reason);
        }
        self.secured = self.current;
        self.pending = None;
        Ok(())
    }

    /// The tier the downgrade rule decides at a review whose period meets
    /// tier `met`, with `floor` the highest floor in force.
    fn decide(&self, met: usize, floor: usize) -> usize {
        let current = self.current;
        match self.programme.downgrade().rule() {
            DowngradeRule::Never => current.max(met),
            DowngradeRule::SoftLanding => met.max(current.saturating_sub(1)).max(floor),
            DowngradeRule::Requalify => met.max(floor),
        }
    }

    /// Passes, in one step, the run of reviews from the next one that
    /// cannot change anything: no grace period running, the tier already
    /// confirmed, no event in their periods, a tier the rule keeps for an
    /// empty period, and the same floors in force. The run ends before the
    /// next step (`next_step`) and the next floor end, and at `as_of`.
    /// Without it, a member since chrono's first year with a daily window
    /// would take a step per day.
    fn skip_idle_reviews(
        &mut self,
        next_step: Option<DateTime<Utc>>,
        as_of: DateTime<Utc>,
    ) -> Result<(), Error> {
        let Some(review) = self.next_review else {
            return Ok(());
        };
        let idle = self.pending.is_none()
            && self.secured == self.current
            && review <= as_of
            && next_step.is_none_or(|s| review <= s)
            && self.values.idx_lt(self.previous_review) == self.values.idx_lt(review)
            && self.decide(0, self.ledger_in.floor_at(review)) == self.current;
        if !idle {
            return Ok(());
        }
        // Every contribution has a step at its instant, so none lies in
        // [review, next step); floors change only at steps and floor ends.
        let floor_end = self
            .ledger_in
            .floors
            .iter()
            .filter_map(|(_, f)| f.until())
            .filter(|&u| u > review)
            .min()
            .and_then(|u| u.checked_sub_signed(TimeDelta::nanoseconds(1)));
        // A review at the instant of the next step is not idle if a floor
        // starts there: stop just before it.
        let before_step = next_step.and_then(|s| s.checked_sub_signed(TimeDelta::nanoseconds(1)));
        let limit = [Some(as_of), before_step, floor_end]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(as_of);
        let last = self.reviews.nth(self.reviews.count_up_to(limit));
        if let Some(last) = last.filter(|&r| r > review) {
            self.previous_review = last;
            self.next_review = self.reviews.next_after(last)?;
        }
        Ok(())
    }

    /// The review at `t` applies the downgrade rule to the period that
    /// closes there, `[previous review, t)`.
    fn review(&mut self, t: DateTime<Utc>) -> Result<(), Error> {
        let lo = self.values.idx_lt(self.previous_review);
        let hi = self.values.idx_lt(t);
        let value = self.values.between(lo, hi.max(lo))?;
        let rule = self.programme.downgrade().rule();
        let current = self.current;
        let mut decided = self.decide(self.programme.met_index(value), self.ledger_in.floor_at(t));
        if decided < current {
            decided = decided.max(self.met_before(t)?);
        }
        let reason = ChangeReason::Review {
            value: self.programme.present(value),
            rule,
        };
        if decided > current {
            self.change(t, decided, reason);
        } else if decided < current {
            match self.programme.downgrade().grace() {
                Some(grace) => {
                    self.pending = Some(Pending {
                        to: decided,
                        at: span_later(self.reviews.tz(), t, grace)
                            .ok_or_else(|| out_of_range("grace end", t))?,
                        review_at: t,
                        value,
                    });
                }
                None => self.change(t, decided, reason),
            }
        }
        self.secured = self.current;
        self.previous_review = t;
        self.next_review = self.reviews.next_after(t)?;
        Ok(())
    }

    /// A step other than a qualification: a floor starting, points earned,
    /// clawed back or redeemed.
    fn apply(&mut self, t: DateTime<Utc>, step: Step) -> Result<(), Error> {
        let programme = self.programme;
        let ledger_in = self.ledger_in;
        match step {
            Step::Floor { tier, floor } => {
                self.secured = self.secured.max(tier);
                if tier > self.current {
                    let reason =
                        ledger_in
                            .floors
                            .get(floor)
                            .map_or(ChangeReason::Joined, |(_, f)| ChangeReason::ManualFloor {
                                from: f.from(),
                                until: f.until(),
                            });
                    self.change(t, tier, reason);
                }
                if tier >= self.current {
                    self.pending = None;
                }
            }
            Step::Earn { purchase } => {
                if let (Some(rule), Some(p)) =
                    (programme.points(), ledger_in.purchases.get(purchase))
                {
                    let rate = programme.earn_rate_at(rule, self.current, Some(p.event.id()))?;
                    let expires_at = match rule.expiry_months() {
                        Some(m) => Some(
                            months_later(self.reviews.tz(), t, m)
                                .ok_or_else(|| out_of_range("points expiry", t))?,
                        ),
                        None => None,
                    };
                    self.points
                        .earn(purchase, p.event.id(), t, p.matured, rate, expires_at)?;
                }
            }
            Step::ClawBack { ret } => {
                if let Some(r) = ledger_in.late_returns.get(ret) {
                    self.points.claw_back(r.purchase, t, r.before, r.after)?;
                }
            }
            Step::Redeem { event } => {
                if let Some(e) = ledger_in.events.get(event) {
                    if let LoyaltyEventKind::Redemption { points } = e.kind() {
                        self.points.redeem(e.id(), t, *points)?;
                    }
                }
            }
            Step::Qualify { .. } => {}
        }
        Ok(())
    }

    /// The qualifying value changed at `t`: an upgrade if it meets a higher
    /// tier, the end of a pending downgrade if it meets the current one,
    /// and, after a return, the undoing of an unconfirmed upgrade.
    fn qualify(&mut self, t: DateTime<Utc>, reversed: Option<usize>) -> Result<(), Error> {
        let value = self
            .values
            .window_value(window_start(self.reviews, t)?, t)?;
        let met = self.programme.met_index(value);
        if met > self.current {
            let reason = ChangeReason::Qualified {
                value: self.programme.present(value),
                threshold: self.threshold(met),
            };
            self.change(t, met, reason);
            self.pending = None;
            return Ok(());
        }
        if self.pending.is_some() && value >= self.threshold(self.current) {
            self.pending = None;
            self.secured = self.current;
        }
        if let Some(ret) = reversed {
            let target = self.secured.max(met).max(self.ledger_in.floor_at(t));
            if target < self.current {
                let event = self
                    .ledger_in
                    .late_returns
                    .get(ret)
                    .and_then(|r| self.ledger_in.events.get(r.event))
                    .map(|e| e.id().clone());
                if let Some(event) = event {
                    let reason = ChangeReason::ReturnReversed {
                        event,
                        value: self.programme.present(value),
                    };
                    self.change(t, target, reason);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "tests: instants and day counts well inside the range"
)]
mod tests {
    use super::*;
    use crate::calendar::{Span, Zone};
    use crate::loyalty::programme::Window;
    use chrono::TimeZone;

    fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn reviews(window: Window, since: DateTime<Utc>) -> Reviews {
        Reviews::new(window, Zone::UTC, since).unwrap()
    }

    #[test]
    fn calendar_year_reviews_every_first_of_january() {
        let r = reviews(Window::CalendarYear, t(2023, 7, 1));
        assert_eq!(r.nth(1), Some(t(2024, 1, 1)));
        assert_eq!(r.count_up_to(t(2023, 12, 31)), 0);
        assert_eq!(r.count_up_to(t(2024, 1, 1)), 1);
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2025, 1, 1)));
        assert_eq!(r.last_at_or_before(t(2023, 8, 1)), t(2023, 7, 1));
        // Joining exactly on 1 January: the first review is a year later.
        let r = reviews(Window::CalendarYear, t(2024, 1, 1));
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2025, 1, 1)));
    }

    #[test]
    fn anniversaries_of_29_february_fall_on_28_february_without_drift() {
        let r = reviews(Window::AnniversaryYear, t(2024, 2, 29));
        assert_eq!(r.nth(1), Some(t(2025, 2, 28)));
        assert_eq!(r.nth(4), Some(t(2028, 2, 29)));
        assert_eq!(r.count_up_to(t(2025, 2, 27)), 0);
        assert_eq!(r.count_up_to(t(2025, 2, 28)), 1);
        assert_eq!(r.last_at_or_before(t(2028, 3, 1)), t(2028, 2, 29));
    }

    #[test]
    fn rolling_reviews_step_by_the_window_length() {
        // 90 days from 2024-01-01: 03-31 (31 + 29 + 30), 06-29.
        let r = reviews(Window::Rolling(Span::Days(90)), t(2024, 1, 1));
        assert_eq!(r.next_after(t(2024, 1, 1)).unwrap(), Some(t(2024, 3, 31)));
        assert_eq!(r.next_after(t(2024, 3, 31)).unwrap(), Some(t(2024, 6, 29)));
        assert_eq!(r.count_up_to(t(2024, 6, 28)), 1);
        // Months from 31 January: 29 February (clamped), 31 March.
        let r = reviews(Window::Rolling(Span::Months(1)), t(2024, 1, 31));
        assert_eq!(r.nth(1), Some(t(2024, 2, 29)));
        assert_eq!(r.nth(2), Some(t(2024, 3, 31)));
        assert_eq!(r.count_up_to(t(2024, 3, 30)), 1);
        let r = reviews(Window::Lifetime, t(2024, 1, 31));
        assert_eq!(r.next_after(t(2030, 1, 1)).unwrap(), None);
    }

    #[cfg(feature = "tz")]
    #[test]
    fn reviews_follow_the_local_calendar() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
        let at = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
        // Joined 2023-06-15T22:00Z, 00:00 CEST on 16 June: the calendar
        // year turns at local midnight, 2023-12-31T23:00Z (CET, +1).
        let r = Reviews::new(Window::CalendarYear, berlin, at(2023, 6, 15, 22)).unwrap();
        assert_eq!(r.nth(1), Some(at(2023, 12, 31, 23)));
        // Anniversaries on 16 June 00:00 local, in summer time: 22:00Z.
        let r = Reviews::new(Window::AnniversaryYear, berlin, at(2023, 6, 15, 22)).unwrap();
        assert_eq!(r.nth(1), Some(at(2024, 6, 15, 22)));
        // Monthly from 15 October 00:00 CEST (14 October 22:00Z): the
        // next one is 15 November 00:00 CET, 14 November 23:00Z.
        let r = Reviews::new(
            Window::Rolling(Span::Months(1)),
            berlin,
            at(2024, 10, 14, 22),
        )
        .unwrap();
        assert_eq!(
            r.next_after(at(2024, 10, 20, 0)).unwrap(),
            Some(at(2024, 11, 14, 23))
        );
    }

    #[test]
    fn idle_reviews_are_passed_in_one_step() {
        use crate::loyalty::{LoyaltyEvent, Membership, Tier};
        use crate::{id::TierId, money::Currency, money::Money};
        let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
        let p = LoyaltyProgramme::builder(
            Currency::EUR,
            crate::loyalty::Measure::Spend,
            Window::Rolling(Span::Days(1)),
        )
        .tier(tier("blue", 0))
        .tier(tier("silver", 500))
        .build()
        .unwrap();
        // A member since chrono's first day with a daily window: about
        // 96 million reviews up to 2024, all idle but those around the
        // one purchase (the review that confirms silver, the next that
        // drops it).
        let since = DateTime::<Utc>::MIN_UTC;
        let buy = LoyaltyEvent::purchase(
            crate::loyalty::EventId::new("p-1").unwrap(),
            t(2024, 5, 31),
            Money::from_minor_units(60_000, Currency::EUR),
        )
        .unwrap();
        let events = [buy];
        let membership = Membership::new(since);
        let as_of = t(2024, 6, 10);
        let reviews = Reviews::new(p.window(), p.time_zone(), since).unwrap();
        let resolved = p.resolve(&membership, &events, as_of, &reviews).unwrap();
        let values = Values::new(resolved.contributions.clone(), p.currency()).unwrap();
        let walk = Walk::run(&p, &resolved, &values, &reviews, as_of).unwrap();
        // The steps at 05-31 (earn, qualify), the reviews of 06-01 (keeps
        // silver) and 06-02 (drops it), then the idle reviews up to as_of
        // in one step, and the last one: a handful of instants.
        assert!(walk.visited <= 8, "{} instants visited", walk.visited);
        assert_eq!(walk.current, 0);
        assert_eq!(walk.previous_review, t(2024, 6, 10));
        assert_eq!(walk.next_review, Some(t(2024, 6, 11)));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Passing idle reviews in one step gives the walk every review
        /// would: the same history, tier, pending downgrade and reviews.
        #[test]
        fn passing_idle_reviews_changes_nothing(
            window in prop_oneof![
                (1..12_u32).prop_map(|d| Window::Rolling(Span::Days(d))),
                (1..3_u32).prop_map(|m| Window::Rolling(Span::Months(m))),
                Just(Window::CalendarYear),
                Just(Window::AnniversaryYear),
            ],
            rule in 0..3_u8,
            grace in proptest::option::of(1..5_u32),
            ops in proptest::collection::vec((0..900_i64, -70_000..150_000_i64), 0..8),
            floor in proptest::option::of((0..900_i64, 1..300_i64, 1..3_usize)),
            as_of_day in 0..1000_i64,
        ) {
            use crate::loyalty::{DowngradePolicy, EventId, LoyaltyEvent, ManualFloor, Membership, Tier};
            use crate::{money::Currency, money::Money, id::TierId};
            let tier = |id: &str, th: i64| Tier::new(TierId::new(id).unwrap(), Decimal::from(th));
            let rule = [DowngradeRule::Never, DowngradeRule::Requalify, DowngradeRule::SoftLanding][usize::from(rule)];
            let mut policy = DowngradePolicy::new(rule);
            if let Some(g) = grace {
                policy = policy.with_grace(Span::Days(g));
            }
            let Ok(p) = LoyaltyProgramme::builder(Currency::EUR, crate::loyalty::Measure::Spend, window)
                .tier(tier("blue", 0))
                .tier(tier("silver", 500))
                .tier(tier("gold", 1000))
                .downgrade(policy)
                .build()
            else {
                return Ok(());
            };
            let since = t(2023, 1, 1);
            let day = |d: i64| since + TimeDelta::days(d);
            let events: Vec<LoyaltyEvent> = ops
                .iter()
                .enumerate()
                .map(|(i, &(d, cents))| {
                    let id = EventId::new(&format!("e-{i}")).unwrap();
                    if cents > 0 {
                        LoyaltyEvent::purchase(id, day(d), Money::from_minor_units(cents, Currency::EUR))
                    } else {
                        LoyaltyEvent::adjustment(id, day(d), Decimal::new(cents, 2))
                    }
                    .unwrap()
                })
                .collect();
            let mut membership = Membership::new(since);
            if let Some((from, days, level)) = floor {
                let id = TierId::new(["blue", "silver", "gold"][level]).unwrap();
                let f = ManualFloor::new(id, day(from), Some(day(from + days))).unwrap();
                membership = membership.with_floor(f);
            }
            let as_of = day(as_of_day);
            let reviews = Reviews::new(p.window(), p.time_zone(), since).unwrap();
            let resolved = p.resolve(&membership, &events, as_of, &reviews).unwrap();
            let values = Values::new(resolved.contributions.clone(), p.currency()).unwrap();
            let passed = Walk::run_with(&p, &resolved, &values, &reviews, as_of, Idle::Passed).unwrap();
            let walked = Walk::run_with(&p, &resolved, &values, &reviews, as_of, Idle::Walked).unwrap();
            prop_assert_eq!(&passed.history, &walked.history);
            prop_assert_eq!(passed.current, walked.current);
            prop_assert_eq!(passed.secured, walked.secured);
            prop_assert_eq!(passed.previous_review, walked.previous_review);
            prop_assert_eq!(passed.next_review, walked.next_review);
            prop_assert_eq!(
                passed.pending.as_ref().map(|p| (p.to, p.at)),
                walked.pending.as_ref().map(|p| (p.to, p.at))
            );
            prop_assert!(passed.visited <= walked.visited);
        }
    }

    #[test]
    fn absurd_dates_are_errors_not_panics() {
        let r = reviews(Window::Rolling(Span::Months(u32::MAX)), t(2024, 1, 1));
        assert!(r.next_after(t(2024, 1, 2)).is_err());
        let r = reviews(Window::CalendarYear, DateTime::<Utc>::MAX_UTC);
        assert!(r.next_after(DateTime::<Utc>::MAX_UTC).is_err());
        // Joining has no local reading a day before chrono's first instant.
        let west = Zone::fixed(chrono::FixedOffset::west_opt(3600).unwrap());
        assert!(Reviews::new(Window::CalendarYear, west, DateTime::<Utc>::MIN_UTC).is_err());
        assert!(
            Reviews::new(
                Window::Rolling(Span::Days(1)),
                west,
                DateTime::<Utc>::MIN_UTC
            )
            .is_ok()
        );
    }
}
