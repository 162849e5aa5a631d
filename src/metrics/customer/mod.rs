//! Customer scores: retention, churn and repeat purchase of a cohort, the
//! peak-end experience score and customer health.

mod health;
mod peak_end;
mod retention;

pub use health::{
    HealthBand, HealthBands, HealthComponent, HealthContribution, HealthInputs, HealthModel,
    HealthScore, HealthWeights,
};
pub use peak_end::{PeakEnd, peak_end};
pub use retention::{
    CohortOutcome, RepeatPurchase, RepeatPurchaseParts, RepeatPurchaseRate, Retention,
    RetentionParts,
};
