/// Why an SLA book is invalid or cannot be applied.
///
/// ```
/// use carekit::sla::SlaError;
/// let e = SlaError::EmptyBook;
/// assert_eq!(e.to_string(), "an sla book needs at least one policy");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SlaError {
    /// A book without policies.
    #[error("an sla book needs at least one policy")]
    EmptyBook,
}
