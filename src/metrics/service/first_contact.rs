//! The first-contact resolution convention: which solved case counts as
//! resolved at first contact. The per-case clocks give the verdict and the
//! [`Fcr`](super::Fcr) rate counts it, so the rule sits below both.

use std::fmt;

/// Which interactions count as resolved at first contact.
///
/// Vendors disagree, so the convention is a value and every result records
/// it. Only interactions that are solved (`Solved` or `Closed`) at the
/// measuring instant are eligible; the others have no verdict yet.
///
/// | convention | resolved at first contact when the solved interaction … |
/// |---|---|
/// | [`OneTouch`](Self::OneTouch) (default) | got at most one public agent reply and was never reopened |
/// | [`NoCustomerFollowUp`](Self::NoCustomerFollowUp) | has no customer message after the first reply |
/// | [`NoReopen`](Self::NoReopen) | was never reopened |
///
/// For an interaction an agent opened (see
/// [`Timeline::opening_message`](crate::interaction::Timeline::opening_message)), the opening message is not a reply:
/// one-touch allows one reply after it.
///
/// ```
/// use carekit::metrics::FcrConvention;
/// assert_eq!(FcrConvention::default(), FcrConvention::OneTouch);
/// assert_eq!(FcrConvention::NoCustomerFollowUp.to_string(), "no_customer_follow_up");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FcrConvention {
    /// Solved with at most one public agent reply and never reopened.
    #[default]
    OneTouch,
    /// Solved with no customer message after the first public agent reply.
    NoCustomerFollowUp,
    /// Solved and never reopened.
    NoReopen,
}

impl fmt::Display for FcrConvention {
    /// The JSON name: `one_touch`, `no_customer_follow_up`, `no_reopen`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OneTouch => "one_touch",
            Self::NoCustomerFollowUp => "no_customer_follow_up",
            Self::NoReopen => "no_reopen",
        })
    }
}
