//! Loyalty: programmes, tiers, qualification, downgrades and points.
//!
//! (Being built: see the loyalty issue.) [`Benefits`] is the small type
//! through which the SLA book and the compensation engine read what a tier
//! is entitled to, without depending on how the tier was earned.

mod benefits;
mod error;

pub use benefits::{Benefits, Multiplier, Perk};
pub use error::LoyaltyError;
