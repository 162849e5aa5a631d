//! The compensation rules engine: how much an agent may offer, decided from
//! policy data, with reasons.
//!
//! (Being built: see the compensation issue.)

mod error;

pub use error::CompensationError;
