//! Evaluation of a customer's tier and points at an instant: the ledger is
//! resolved ([`ledger`](super::ledger)), its contributions summed over the
//! window ([`qualifying`](super::qualifying)), the timeline walked through
//! reviews and tier changes ([`reviews`](super::reviews)), and the standing
//! at `as_of` reported with its progress ([`progress`](super::progress))
//! in an [`Evaluation`] ([`report`](super::report)).

use chrono::{DateTime, Utc};

use super::change::TierChange;
use super::event::{LoyaltyEvent, Membership};
use super::points::floor_points;
use super::programme::LoyaltyProgramme;
use super::qualifying::{Values, leaves_at, window_start};
use super::report::{Evaluation, PendingDowngrade};
use super::reviews::Walk;
use super::schedule::Reviews;
use crate::error::Error;

impl LoyaltyProgramme {
    /// Evaluates a customer's standing at `as_of` from their membership and
    /// their whole event ledger. A pure function: the same inputs give the
    /// same result whatever the order of `events`; evaluating at a later
    /// instant extends the history, never rewrites it.
    ///
    /// Every event is validated; events (and maturities) after `as_of` are
    /// then ignored, so a caller may pass the full ledger and ask about any
    /// instant.
    ///
    /// # Errors
    ///
    /// - [`LoyaltyError::DuplicateEventId`](super::LoyaltyError::DuplicateEventId) if two events share an id;
    /// - [`LoyaltyError::EventBeforeMembership`](super::LoyaltyError::EventBeforeMembership) for an event before
    ///   `membership.since()`;
    /// - [`LoyaltyError::CurrencyMismatch`](super::LoyaltyError::CurrencyMismatch) for a purchase or return in
    ///   another currency than the programme's (its spend thresholds);
    /// - [`LoyaltyError::UnknownPurchase`](super::LoyaltyError::UnknownPurchase), [`LoyaltyError::ReturnBeforePurchase`](super::LoyaltyError::ReturnBeforePurchase),
    ///   [`LoyaltyError::ReturnExceedsPurchase`](super::LoyaltyError::ReturnExceedsPurchase) for a return that refers
    ///   to no purchase, precedes it, or takes back more than was bought,
    ///   [`LoyaltyError::NothingLeftToReturn`](super::LoyaltyError::NothingLeftToReturn) for a whole-remainder return
    ///   of a purchase already returned in full;
    /// - [`LoyaltyError::FractionalAdjustment`](super::LoyaltyError::FractionalAdjustment) for a fractional adjustment
    ///   of a points or purchases measure;
    /// - [`LoyaltyError::NoPointsRule`](super::LoyaltyError::NoPointsRule) for a redemption without points,
    ///   [`LoyaltyError::InsufficientPoints`](super::LoyaltyError::InsufficientPoints) for one beyond the balance;
    /// - [`LoyaltyError::UnknownTier`](super::LoyaltyError::UnknownTier) for a floor of an unknown tier;
    /// - [`Error::InstantOrder`] if `as_of` is before `membership.since()`;
    /// - overflow and date-range errors for absurd inputs.
    ///
    /// ```
    /// use carekit::{Currency, Money, TierId};
    /// use carekit::loyalty::*;
    /// use chrono::{TimeZone, Utc};
    /// use rust_decimal::Decimal;
    ///
    /// let t = |m, d| Utc.with_ymd_and_hms(2024, m, d, 0, 0, 0).unwrap();
    /// let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
    ///     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
    ///     .tier(Tier::new(TierId::new("silver")?, Decimal::from(500)))
    ///     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
    ///     .build()?;
    /// let eur = |c| Money::from_minor_units(c, Currency::EUR);
    /// let events = [
    ///     LoyaltyEvent::purchase(EventId::new("p-1")?, t(2, 1), eur(30000))?,
    ///     LoyaltyEvent::purchase(EventId::new("p-2")?, t(4, 1), eur(35000))?,
    /// ];
    /// let eval = p.evaluate(&Membership::new(t(1, 1)), &events, t(6, 1))?;
    /// assert_eq!(eval.tier().as_str(), "silver"); // 300 + 350 = 650 ≥ 500
    /// assert_eq!(eval.since(), t(4, 1));
    /// let next = eval.next().unwrap();
    /// assert_eq!(next.missing(), Decimal::new(35000, 2)); // 1000 − 650
    /// assert_eq!(next.by(), Some(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()));
    /// # Ok::<(), carekit::Error>(())
    pub fn evaluate(
        &self,
        membership: &Membership,
        events: &[LoyaltyEvent],
        as_of: DateTime<Utc>,
    ) -> Result<Evaluation, Error> {
        let since = membership.since();
        if as_of < since {
            return Err(Error::InstantOrder {
                field: "as_of",
                value: as_of,
                other_field: "member_since",
                other: since,
            });
        }
        let reviews = Reviews::new(self.window(), self.time_zone(), since)?;
        let resolved = self.resolve(membership, events, as_of, &reviews)?;
        let values = Values::new(resolved.contributions.clone(), self.currency())?;
        let walk = Walk::run(self, &resolved, &values, &reviews, as_of)?;

        // The standing at `as_of`.
        let start = window_start(&reviews, as_of)?;
        let value = values.window_value(start, as_of)?;
        let met = self.met_index(value);
        // The instant the oldest counted event leaves a rolling window,
        // after which the value may fall.
        let first_exit = match values.oldest_counted(start, as_of) {
            Some(oldest) => leaves_at(&reviews, oldest)?,
            None => None,
        };
        let next = self.progress(&walk, value, first_exit)?;
        let keep = self.keep(&walk, &resolved, &values, value, first_exit, as_of)?;
        let since_current = walk.history.last().map_or(since, TierChange::at);
        Ok(Evaluation {
            as_of,
            tier: self.tier_at(walk.current).id().clone(),
            since: since_current,
            measure: self.measure(),
            qualifying_value: self.present(value),
            pending_value: self.present(resolved.pending_value),
            met_tier: self.tier_at(met).id().clone(),
            next,
            keep,
            pending_downgrade: walk.pending.as_ref().map(|p| PendingDowngrade {
                to: self.tier_at(p.to).id().clone(),
                at: p.at,
                review_at: p.review_at,
            }),
            next_review: walk.next_review,
            history: walk.history,
            points: match self.points() {
                Some(rule) => {
                    // Pending purchases earn when they mature; until then,
                    // what they would earn at the tier held now.
                    let mut pending = 0_u64;
                    for &(i, left) in &resolved.pending {
                        if let Some(p) = resolved.purchases.get(i) {
                            let id = p.event.id();
                            let rate = self.earn_rate_at(rule, walk.current, Some(id))?;
                            pending = pending.saturating_add(floor_points(left, rate, id)?);
                        }
                    }
                    Some(walk.points.statement(as_of, pending))
                }
                None => None,
            },
        })
    }
}
