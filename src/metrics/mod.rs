//! Metrics: mergeable accumulators for the scores support teams are judged
//! by.
//!
//! (Being built: see the scores-and-statistics issue.)

mod error;

pub use error::MetricsError;
