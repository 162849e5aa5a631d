//! Loyalty: programmes, tiers, qualification, downgrades and points.

mod benefits;
mod error;
mod evaluate;
mod event;
mod points;
mod programme;

pub use benefits::{Benefits, Multiplier, Perk};
pub use error::LoyaltyError;
pub use evaluate::{ChangeReason, Evaluation, Keep, PendingDowngrade, Progress, TierChange};
pub use event::{EventId, LoyaltyEvent, LoyaltyEventKind, ManualFloor, Membership};
pub use points::{Expiry, PointsLot, PointsStatement};
pub use programme::{
    DowngradePolicy, DowngradeRule, LoyaltyProgramme, LoyaltyProgrammeBuilder, Measure, PointsRule,
    Span, Tier, Window,
};
