//! Statistics: confidence intervals and tests for the scores carekit
//! computes.
//!
//! (Being built: see the scores-and-statistics issue.)

mod error;

pub use error::StatsError;
