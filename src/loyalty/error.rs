/// Why a loyalty programme, event or evaluation is invalid.
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
}
