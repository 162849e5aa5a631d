/// Why an accumulator rejected input or a merge.
///
/// ```
/// use carekit::metrics::MetricsError;
/// let e = MetricsError::ConventionMismatch { accumulator: "csat" };
/// assert_eq!(e.to_string(), "cannot merge csat accumulators built with different conventions");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// Two accumulators with different conventions cannot be merged.
    #[error("cannot merge {accumulator} accumulators built with different conventions")]
    ConventionMismatch {
        /// Which accumulator.
        accumulator: &'static str,
    },
}
