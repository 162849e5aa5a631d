/// Why a compensation policy, request or history is invalid.
///
/// ```
/// use carekit::compensation::CompensationError;
/// let e = CompensationError::NoPolicyInForce { at: "2024-01-01T00:00:00Z".into() };
/// assert_eq!(e.to_string(), "no policy version is in force at 2024-01-01T00:00:00Z");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CompensationError {
    /// A policy set has no version in force at the request instant.
    #[error("no policy version is in force at {at}")]
    NoPolicyInForce {
        /// The request instant (RFC 3339).
        at: String,
    },
}
