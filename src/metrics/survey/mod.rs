//! Survey scores: NPS (plain and weighted), CSAT and CES. CSAT and CES
//! share one rating-scale accumulator (`ratings.rs`).

mod ces;
mod csat;
mod nps;
mod ratings;

pub use ces::{Ces, CesConfig, CesParts, CesPolarity, CesSummary};
pub use csat::{Csat, CsatConfig, CsatParts, CsatSummary};
pub use nps::{
    CompensatedSum, Nps, NpsConfig, NpsParts, NpsSummary, WeightedNps, WeightedNpsParts,
    WeightedNpsSummary,
};
