/// Why a statistic could not be computed.
///
/// ```
/// use carekit::stats::StatsError;
/// let e = StatsError::ConfidenceOutOfRange { value: 1.5 };
/// assert_eq!(e.to_string(), "confidence level 1.5 is outside the open interval (0, 1)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// A confidence level not strictly between 0 and 1.
    #[error("confidence level {value} is outside the open interval (0, 1)")]
    ConfidenceOutOfRange {
        /// The rejected level.
        value: f64,
    },
}
