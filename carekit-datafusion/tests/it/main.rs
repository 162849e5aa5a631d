//! carekit-datafusion's integration tests: one binary (link time on a
//! 2-core machine), one module per claim.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::too_many_lines,
    clippy::needless_pass_by_value,
    missing_docs,
    unreachable_pub,
    reason = "tests panic to fail and index fixtures they built"
)]

mod bad_input;
mod ballista;
mod business;
mod common;
mod partitions;
mod rollups;
mod vectors;
