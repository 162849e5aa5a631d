//! The loyalty error type.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::rfc3339;
use crate::id::{EventId, TierId};
use crate::money::{Currency, Money};

/// Why a loyalty programme, event or evaluation is invalid.
///
/// Every message is lowercase, quotes the offending value and states the
/// rule it broke. The fields keep the values themselves (ids, amounts,
/// instants, spans), not their text, so a caller can act on them.
///
/// Every variant with fields is `#[non_exhaustive]`: a field may be added
/// (say, the position of an offending event) without a breaking release, so
/// match them with `..`.
///
/// ```
/// use carekit::loyalty::{LoyaltyError, Multiplier};
/// use rust_decimal::Decimal;
/// assert_eq!(Multiplier::new(Decimal::TWO)?.get(), Decimal::TWO);
/// let err = Multiplier::new(Decimal::NEGATIVE_ONE).unwrap_err();
/// assert_eq!(err.to_string(), "multiplier -1 is invalid: a multiplier must be greater than 0");
/// assert!(matches!(err,
///     carekit::Error::Loyalty(LoyaltyError::InvalidMultiplier { value, .. }) if value == Decimal::NEGATIVE_ONE));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LoyaltyError {
    /// A multiplier that is not greater than zero.
    #[error("{field} {value} is invalid: a multiplier must be greater than 0")]
    #[non_exhaustive]
    InvalidMultiplier {
        /// Which multiplier.
        field: &'static str,
        /// The rejected value.
        value: Decimal,
    },
    /// A points earn rate that is not greater than zero.
    #[error("points earn_rate {value} is invalid: it must be greater than 0")]
    #[non_exhaustive]
    InvalidEarnRate {
        /// The rejected rate.
        value: Decimal,
    },
    /// A programme without tiers.
    #[error("a loyalty programme needs at least one tier, found none")]
    NoTiers,
    /// The first (base) tier's threshold is not zero.
    #[error(
        "tiers[0] {:?} threshold {threshold} is invalid: the base tier must have threshold 0",
        tier.as_str()
    )]
    #[non_exhaustive]
    BaseThresholdNotZero {
        /// The base tier.
        tier: TierId,
        /// Its threshold.
        threshold: Decimal,
    },
    /// A tier's threshold is not above the previous tier's.
    #[error(
        "tiers[{index}] {:?} threshold {threshold} is not above tiers[{}] {:?} threshold {previous}: thresholds must be strictly increasing",
        tier.as_str(),
        index.saturating_sub(1),
        previous_tier.as_str()
    )]
    #[non_exhaustive]
    ThresholdsNotIncreasing {
        /// Position of the offending tier.
        index: usize,
        /// The offending tier.
        tier: TierId,
        /// Its threshold.
        threshold: Decimal,
        /// The tier before it (at `index - 1`).
        previous_tier: TierId,
        /// That tier's threshold.
        previous: Decimal,
    },
    /// Two tiers with the same id.
    #[error(
        "tiers[{first}] and tiers[{second}] are both named {:?}: tier ids must be unique",
        tier.as_str()
    )]
    #[non_exhaustive]
    DuplicateTier {
        /// The repeated id.
        tier: TierId,
        /// First position.
        first: usize,
        /// Second position.
        second: usize,
    },
    /// A points or purchases threshold that is not a whole number.
    #[error(
        "tiers[{index}] {:?} threshold {threshold} is invalid: a {measure} threshold must be a whole number",
        tier.as_str()
    )]
    #[non_exhaustive]
    FractionalThreshold {
        /// Position of the tier.
        index: usize,
        /// The tier.
        tier: TierId,
        /// The threshold.
        threshold: Decimal,
        /// The programme's measure (`"points"` or `"purchases"`, as
        /// [`Measure`](crate::loyalty::Measure) displays it).
        measure: &'static str,
    },
    /// A window, grace period or expiry of zero length.
    #[error("{field} of 0 {unit} is invalid: it must be at least 1")]
    #[non_exhaustive]
    ZeroSpan {
        /// Which span (`"rolling window"`, `"grace period"`, `"points expiry"`).
        field: &'static str,
        /// Its unit, `"days"` or `"months"`.
        unit: &'static str,
    },
    /// A grace period that reaches the next review.
    #[error(
        "grace period of {grace} is invalid: it must be shorter than the review cadence of {cadence}"
    )]
    #[non_exhaustive]
    GraceTooLong {
        /// The grace period, as written (`"12 months"`).
        grace: String,
        /// The review cadence the window sets, as written (`"1 year"` for
        /// calendar and anniversary years, the window's length for a
        /// rolling one).
        cadence: String,
    },
    /// The points measure without a points rule to count them with.
    #[error("the points measure needs a points rule (earn_rate), but the programme has none")]
    PointsMeasureWithoutRule,
    /// Two events with one id.
    #[error("event id {:?} appears twice: event ids must be unique", id.as_str())]
    #[non_exhaustive]
    DuplicateEventId {
        /// The repeated id.
        id: EventId,
    },
    /// An amount in another currency than the programme's.
    #[error(
        "event {:?} amount {amount} is in another currency than the programme's {expected}",
        event.as_str()
    )]
    #[non_exhaustive]
    CurrencyMismatch {
        /// The event.
        event: EventId,
        /// Its amount with currency.
        amount: Money,
        /// The programme's currency.
        expected: Currency,
    },
    /// A purchase or return amount that is not greater than zero.
    #[error(
        "event {:?} amount {amount} is invalid: it must be greater than 0",
        event.as_str()
    )]
    #[non_exhaustive]
    NonPositiveAmount {
        /// The event.
        event: EventId,
        /// The amount.
        amount: Money,
    },
    /// A redemption of zero points.
    #[error(
        "redemption {:?} of 0 points is invalid: it must redeem at least 1 point",
        event.as_str()
    )]
    #[non_exhaustive]
    ZeroRedemption {
        /// The event.
        event: EventId,
    },
    /// A purchase that matures before it happens.
    #[error(
        "purchase {:?} matures_at {} is before its instant {}",
        event.as_str(),
        rfc3339(*matures_at),
        rfc3339(*at)
    )]
    #[non_exhaustive]
    MaturityBeforePurchase {
        /// The purchase.
        event: EventId,
        /// Its maturity.
        matures_at: DateTime<Utc>,
        /// Its instant.
        at: DateTime<Utc>,
    },
    /// A return whose purchase is not among the events.
    #[error(
        "return {:?} refers to {:?}, which is not a purchase among the events",
        event.as_str(),
        purchase.as_str()
    )]
    #[non_exhaustive]
    UnknownPurchase {
        /// The return.
        event: EventId,
        /// The id it refers to.
        purchase: EventId,
    },
    /// A return before the purchase it reverses.
    #[error(
        "return {:?} at {} is before purchase {:?} at {}",
        event.as_str(),
        rfc3339(*at),
        purchase.as_str(),
        rfc3339(*purchase_at)
    )]
    #[non_exhaustive]
    ReturnBeforePurchase {
        /// The return.
        event: EventId,
        /// Its instant.
        at: DateTime<Utc>,
        /// The purchase.
        purchase: EventId,
        /// The purchase's instant.
        purchase_at: DateTime<Utc>,
    },
    /// Returns that add up to more than the purchase.
    #[error(
        "return {:?} brings the returned total of purchase {:?} to {returned}, more than its {amount}",
        event.as_str(),
        purchase.as_str()
    )]
    #[non_exhaustive]
    ReturnExceedsPurchase {
        /// The return that crossed the purchase amount.
        event: EventId,
        /// The purchase.
        purchase: EventId,
        /// Total returned including this return.
        returned: Money,
        /// The purchase amount.
        amount: Money,
    },
    /// A return of "what is left" of a purchase already returned in full.
    #[error(
        "return {:?} refers to purchase {:?}, which has nothing left to return",
        event.as_str(),
        purchase.as_str()
    )]
    #[non_exhaustive]
    NothingLeftToReturn {
        /// The return.
        event: EventId,
        /// The purchase.
        purchase: EventId,
    },
    /// A qualifying adjustment that is not a whole number for a count measure.
    #[error(
        "adjustment {:?} value {value} is invalid: a {measure} adjustment must be a whole number",
        event.as_str()
    )]
    #[non_exhaustive]
    FractionalAdjustment {
        /// The adjustment.
        event: EventId,
        /// Its value.
        value: Decimal,
        /// The programme's measure (`"points"` or `"purchases"`, as
        /// [`Measure`](crate::loyalty::Measure) displays it).
        measure: &'static str,
    },
    /// An event before the customer joined.
    #[error(
        "event {:?} at {} is before member_since {}",
        event.as_str(),
        rfc3339(*at),
        rfc3339(*since)
    )]
    #[non_exhaustive]
    EventBeforeMembership {
        /// The event.
        event: EventId,
        /// Its instant.
        at: DateTime<Utc>,
        /// The membership start.
        since: DateTime<Utc>,
    },
    /// A tier id that the programme does not define.
    #[error("{field} {:?} is not a tier of the programme", tier.as_str())]
    #[non_exhaustive]
    UnknownTier {
        /// Where it was named (`"floor tier"`).
        field: &'static str,
        /// The id.
        tier: TierId,
    },
    /// A manual floor that ends before it starts.
    #[error(
        "manual floor until {} is not after its from {}",
        rfc3339(*until),
        rfc3339(*from)
    )]
    #[non_exhaustive]
    FloorEndsBeforeStart {
        /// Start.
        from: DateTime<Utc>,
        /// End.
        until: DateTime<Utc>,
    },
    /// A redemption in a programme without points.
    #[error(
        "redemption {:?} needs a points rule, but the programme has none",
        event.as_str()
    )]
    #[non_exhaustive]
    NoPointsRule {
        /// The redemption.
        event: EventId,
    },
    /// A redemption beyond the balance.
    #[error(
        "redemption {:?} of {requested} points at {} exceeds the balance of {balance} points",
        event.as_str(),
        rfc3339(*at)
    )]
    #[non_exhaustive]
    InsufficientPoints {
        /// The redemption.
        event: EventId,
        /// Points asked for.
        requested: u64,
        /// Points available at that instant.
        balance: u64,
        /// The instant.
        at: DateTime<Utc>,
    },
    /// A product of an amount and a rate that does not fit: qualifying or
    /// earned points of a purchase, or the earn rate times a tier's points
    /// multiplier.
    #[error("{what} overflows: {value} × {factor}{}", for_event(event.as_ref()))]
    #[non_exhaustive]
    Overflow {
        /// What was being computed (`"points earned"`).
        what: &'static str,
        /// The amount (or rate) multiplied.
        value: Decimal,
        /// What it was multiplied by.
        factor: Decimal,
        /// The event concerned, if one.
        event: Option<EventId>,
    },
    /// A date computation beyond chrono's range.
    #[error("{what} from {} is outside the supported date range", rfc3339(*at))]
    #[non_exhaustive]
    DateOutOfRange {
        /// What was being computed (`"next review"`).
        what: &'static str,
        /// The starting instant.
        at: DateTime<Utc>,
    },
}

fn for_event(event: Option<&EventId>) -> String {
    event.map_or_else(String::new, |e| format!(" for {:?}", e.as_str()))
}
