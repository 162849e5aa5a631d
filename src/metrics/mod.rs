//! Metrics: mergeable accumulators for the scores support teams are judged
//! by.
//!
//! (Being built: see the scores-and-statistics issue.)

mod error;

pub use error::MetricsError;

// service metrics
mod clocks;
mod durations;
mod health;
mod peak_end;
mod retention;
mod sketch;

pub use clocks::{ClockSummary, Fcr, FcrConvention, InteractionClocks};
pub use durations::{DurationValue, Durations, PercentileMethod};
pub use health::{
    EffortPolarity, HealthBand, HealthBands, HealthComponent, HealthContribution, HealthInputs,
    HealthModel, HealthScore, HealthWeights,
};
pub use peak_end::{PeakEnd, peak_end};
pub use retention::{RepeatPurchaseRate, Retention};
pub use sketch::QuantileSketch;
