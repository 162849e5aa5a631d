/// Why a loyalty programme, event or evaluation is invalid.
///
/// Every message is lowercase, quotes the offending value and states the
/// rule it broke.
///
/// ```
/// use carekit::loyalty::LoyaltyError;
/// let e = LoyaltyError::InvalidMultiplier { field: "sla_target_multiplier", value: "-1".into() };
/// assert_eq!(e.to_string(), "sla_target_multiplier -1 is invalid: a multiplier must be greater than 0");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LoyaltyError {
    /// A multiplier that is not greater than zero.
    #[error("{field} {value} is invalid: a multiplier must be greater than 0")]
    InvalidMultiplier {
        /// Which multiplier.
        field: &'static str,
        /// The rejected value, as given.
        value: String,
    },
    /// A points earn rate that is not greater than zero.
    #[error("points earn_rate {value} is invalid: it must be greater than 0")]
    InvalidEarnRate {
        /// The rejected rate, as given.
        value: String,
    },
    /// A programme without tiers.
    #[error("a loyalty programme needs at least one tier, found none")]
    NoTiers,
    /// The first (base) tier's threshold is not zero.
    #[error(
        "tiers[0] {tier:?} threshold {threshold} is invalid: the base tier must have threshold 0"
    )]
    BaseThresholdNotZero {
        /// The base tier.
        tier: String,
        /// Its threshold.
        threshold: String,
    },
    /// A tier's threshold is not above the previous tier's.
    #[error(
        "tiers[{index}] {tier:?} threshold {threshold} is not above tiers[{previous_index}] {previous_tier:?} threshold {previous}: thresholds must be strictly increasing"
    )]
    ThresholdsNotIncreasing {
        /// Position of the offending tier.
        index: usize,
        /// The offending tier.
        tier: String,
        /// Its threshold.
        threshold: String,
        /// Position of the tier before it.
        previous_index: usize,
        /// The tier before it.
        previous_tier: String,
        /// That tier's threshold.
        previous: String,
    },
    /// Two tiers with the same id.
    #[error("tiers[{first}] and tiers[{second}] are both named {tier:?}: tier ids must be unique")]
    DuplicateTier {
        /// The repeated id.
        tier: String,
        /// First position.
        first: usize,
        /// Second position.
        second: usize,
    },
    /// A points or purchases threshold that is not a whole number.
    #[error(
        "tiers[{index}] {tier:?} threshold {threshold} is invalid: a {measure} threshold must be a whole number"
    )]
    FractionalThreshold {
        /// Position of the tier.
        index: usize,
        /// The tier.
        tier: String,
        /// The threshold.
        threshold: String,
        /// `"points"` or `"purchases"`.
        measure: &'static str,
    },
    /// A window, grace period or expiry of zero length.
    #[error("{field} of 0 {unit} is invalid: it must be at least 1")]
    ZeroSpan {
        /// Which span (`"rolling window"`, `"grace period"`, `"points expiry"`).
        field: &'static str,
        /// `"days"` or `"months"`.
        unit: &'static str,
    },
    /// A grace period that reaches the next review.
    #[error(
        "grace period of {grace} is invalid: it must be shorter than the review cadence of {cadence}"
    )]
    GraceTooLong {
        /// The grace period (`"13 months"`).
        grace: String,
        /// The cadence (`"12 months"`).
        cadence: String,
    },
    /// The points measure without a points rule to count them with.
    #[error("the points measure needs a points rule (earn_rate), but the programme has none")]
    PointsMeasureWithoutRule,
    /// Two events with one id.
    #[error("event id {id:?} appears twice: event ids must be unique")]
    DuplicateEventId {
        /// The repeated id.
        id: String,
    },
    /// An amount in another currency than the programme's.
    #[error(
        "event {event:?} amount {amount} is in another currency than the programme's {expected}"
    )]
    CurrencyMismatch {
        /// The event.
        event: String,
        /// Its amount with currency.
        amount: String,
        /// The programme's currency.
        expected: crate::Currency,
    },
    /// A purchase or return amount that is not greater than zero.
    #[error("event {event:?} amount {amount} is invalid: it must be greater than 0")]
    NonPositiveAmount {
        /// The event.
        event: String,
        /// The amount.
        amount: String,
    },
    /// A redemption of zero points.
    #[error("redemption {event:?} of 0 points is invalid: it must redeem at least 1 point")]
    ZeroRedemption {
        /// The event.
        event: String,
    },
    /// A purchase that matures before it happens.
    #[error("purchase {event:?} matures_at {matures_at} is before its instant {at}")]
    MaturityBeforePurchase {
        /// The purchase.
        event: String,
        /// Its maturity (RFC 3339).
        matures_at: String,
        /// Its instant (RFC 3339).
        at: String,
    },
    /// A return whose purchase is not among the events.
    #[error("return {event:?} refers to {purchase:?}, which is not a purchase among the events")]
    UnknownPurchase {
        /// The return.
        event: String,
        /// The id it refers to.
        purchase: String,
    },
    /// A return before the purchase it reverses.
    #[error("return {event:?} at {at} is before purchase {purchase:?} at {purchase_at}")]
    ReturnBeforePurchase {
        /// The return.
        event: String,
        /// Its instant (RFC 3339).
        at: String,
        /// The purchase.
        purchase: String,
        /// The purchase's instant (RFC 3339).
        purchase_at: String,
    },
    /// Returns that add up to more than the purchase.
    #[error(
        "return {event:?} brings the returned total of purchase {purchase:?} to {returned}, more than its {amount}"
    )]
    ReturnExceedsPurchase {
        /// The return that crossed the purchase amount.
        event: String,
        /// The purchase.
        purchase: String,
        /// Total returned including this return.
        returned: String,
        /// The purchase amount.
        amount: String,
    },
    /// A return of "what is left" of a purchase already returned in full.
    #[error("return {event:?} refers to purchase {purchase:?}, which has nothing left to return")]
    NothingLeftToReturn {
        /// The return.
        event: String,
        /// The purchase.
        purchase: String,
    },
    /// A qualifying adjustment that is not a whole number for a count measure.
    #[error(
        "adjustment {event:?} value {value} is invalid: a {measure} adjustment must be a whole number"
    )]
    FractionalAdjustment {
        /// The adjustment.
        event: String,
        /// Its value.
        value: String,
        /// `"points"` or `"purchases"`.
        measure: &'static str,
    },
    /// An event before the customer joined.
    #[error("event {event:?} at {at} is before member_since {since}")]
    EventBeforeMembership {
        /// The event.
        event: String,
        /// Its instant (RFC 3339).
        at: String,
        /// The membership start (RFC 3339).
        since: String,
    },
    /// A tier id that the programme does not define.
    #[error("{field} {tier:?} is not a tier of the programme")]
    UnknownTier {
        /// Where it was named (`"floor tier"`).
        field: &'static str,
        /// The id.
        tier: String,
    },
    /// A manual floor that ends before it starts.
    #[error("manual floor until {until} is not after its from {from}")]
    FloorEndsBeforeStart {
        /// Start (RFC 3339).
        from: String,
        /// End (RFC 3339).
        until: String,
    },
    /// A redemption in a programme without points.
    #[error("redemption {event:?} needs a points rule, but the programme has none")]
    NoPointsRule {
        /// The redemption.
        event: String,
    },
    /// A redemption beyond the balance.
    #[error(
        "redemption {event:?} of {requested} points at {at} exceeds the balance of {balance} points"
    )]
    InsufficientPoints {
        /// The redemption.
        event: String,
        /// Points asked for.
        requested: u64,
        /// Points available at that instant.
        balance: u64,
        /// The instant (RFC 3339).
        at: String,
    },
    /// A count or points total that does not fit its integer type.
    #[error("{what} overflows: {detail}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
        /// The values involved.
        detail: String,
    },
    /// A date computation beyond chrono's range.
    #[error("{what} from {at} is outside the supported date range")]
    DateOutOfRange {
        /// What was being computed (`"next review"`).
        what: &'static str,
        /// The starting instant (RFC 3339).
        at: String,
    },
}
