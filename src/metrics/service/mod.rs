//! Service scores: durations with exact percentiles, the quantile sketch,
//! one interaction's clocks, first-contact resolution and the clocks of many
//! interactions.

mod clock_summary;
mod clocks;
mod durations;
mod fcr;
mod first_contact;
mod sketch;

pub use clock_summary::ClockSummary;
pub use clocks::InteractionClocks;
pub(crate) use durations::DurationValue;
pub use durations::{Durations, DurationsParts, PercentileMethod};
pub use fcr::{Fcr, FcrParts};
pub use first_contact::FcrConvention;
pub use sketch::{QuantileSketch, QuantileSketchParts};
