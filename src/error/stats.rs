/// Why a statistic could not be computed.
///
/// Every message quotes the offending value and the rule it broke.
///
/// ```
/// use carekit::stats::StatsError;
/// let e = StatsError::ConfidenceOutOfRange { value: 1.5 };
/// assert_eq!(e.to_string(), "confidence level 1.5 is outside the open interval (0, 1)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// A confidence level not strictly between 0 and 1 (or not a number).
    #[error("confidence level {value} is outside the open interval (0, 1)")]
    ConfidenceOutOfRange {
        /// The rejected level.
        value: f64,
    },
    /// A probability passed to [`normal_quantile`](crate::stats::normal_quantile)
    /// not strictly between 0 and 1 (or not a number).
    #[error("probability {value} is outside the open interval (0, 1)")]
    ProbabilityOutOfRange {
        /// The rejected probability.
        value: f64,
    },
    /// A numeric input that is not finite, negative where it must not be,
    /// or otherwise outside its domain.
    #[error("{field} {value} is invalid: {rule}")]
    InvalidValue {
        /// Which input (`"margin"`, `"variance"`, `"promoter_weight"`, ...).
        field: &'static str,
        /// The rejected value.
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// More successes than trials.
    #[error(
        "{field} {successes} exceeds {trials_field} {trials}: successes cannot outnumber trials"
    )]
    SuccessesExceedTrials {
        /// Which successes count (`"successes"`, `"a_successes"`, ...).
        field: &'static str,
        /// The rejected count.
        successes: u64,
        /// Which trials count.
        trials_field: &'static str,
        /// The trials it exceeds.
        trials: u64,
    },
    /// A test was given a sample with no observations.
    #[error("{field} is 0: each sample of a test needs at least one observation")]
    EmptySample {
        /// Which count is zero (`"a_trials"`, `"b"` total, ...).
        field: &'static str,
    },
    /// Promoter and detractor weights that add up to more than the total.
    #[error(
        "promoter_weight {promoter_weight} + detractor_weight {detractor_weight} exceeds total_weight {total_weight}: the classes are parts of the total"
    )]
    WeightsExceedTotal {
        /// The promoters' weight.
        promoter_weight: f64,
        /// The detractors' weight.
        detractor_weight: f64,
        /// The total weight.
        total_weight: f64,
    },
    /// NPS class counts whose total does not fit in a `u64`.
    #[error("nps counts {promoters} + {passives} + {detractors} overflow a u64 total")]
    CountOverflow {
        /// Promoters.
        promoters: u64,
        /// Passives.
        passives: u64,
        /// Detractors.
        detractors: u64,
    },
    /// Interval bounds that are not finite or not ordered.
    #[error("interval [{low}, {high}] is invalid: bounds must be finite with low <= high")]
    InvalidInterval {
        /// The lower bound.
        low: f64,
        /// The upper bound.
        high: f64,
    },
    /// A required sample size too large to count.
    #[error("required sample size {value} does not fit in a u64")]
    SampleSizeOverflow {
        /// The (rounded-up) size that was needed.
        value: f64,
    },
}
