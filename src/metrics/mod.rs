//! Metrics: mergeable accumulators for the scores support teams are judged
//! by.
//!
//! (Module page written below.)

mod error;

pub use error::MetricsError;

// survey scores
mod breakdown;
mod ces;
mod csat;
mod kernels;
mod nps;
pub use breakdown::{Accumulator, Breakdown, Observe, Period, PeriodKey};
pub use ces::{Ces, CesConfig, CesPolarity, CesSummary};
pub use csat::{Csat, CsatConfig, CsatSummary};
pub use nps::{Nps, NpsConfig, NpsSummary, WeightedNps, WeightedNpsSummary};
// end survey scores
