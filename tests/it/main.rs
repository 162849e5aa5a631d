//! Integration tests: one binary (see `autotests = false`) to keep link
//! times low.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::too_many_lines,
    reason = "tests may panic: a panic is a failed test"
)]

mod calendar;
mod calendar_bruteforce;
#[cfg(feature = "serde")]
mod compensation;
mod conformance;
mod domain;
mod extremes;
mod fuzz_regressions;
mod layering;
mod loyalty;
mod metrics_accessors;
mod metrics_records;
mod metrics_scores;
mod metrics_service;
mod money_laws;
#[cfg(feature = "serde")]
mod serde_forms;
mod sla;
mod stats;
mod timeline;
mod timeline_laws;
mod traits;
mod user_reports;
