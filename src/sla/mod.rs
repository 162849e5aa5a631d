//! SLA policies: targets in business or calendar time, evaluated per
//! interaction with reasons.
//!
//! (Being built: see the calendars-and-SLA issue.)

mod error;

pub use error::SlaError;
