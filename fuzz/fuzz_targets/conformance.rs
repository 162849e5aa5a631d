//! `conformance`: the conformance runner's case parser for every kind, fed
//! arbitrary JSON.
//!
//! Input: one selector byte, then JSON text. Selector `s`: when
//! `s % (KINDS.len() + 1) == KINDS.len()` the text is a whole vector file
//! for `runner::run_file`; otherwise it is one case's `input` for
//! `runner::run_case(KINDS[s % (KINDS.len() + 1)], input)`. Nothing may
//! panic: malformed input must come back as an error message.
#![no_main]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the runner module is shared with the conformance example"
)]

#[path = "../../examples/conformance/runner/mod.rs"]
mod runner;

use libfuzzer_sys::fuzz_target;

/// Every kind of SPEC §9 the runner dispatches (keep in sync with
/// `runner::run_case`; the seed generator in README.md uses this order).
const KINDS: &[&str] = &[
    "nps",
    "csat",
    "ces",
    "percentile",
    "sketch_quantile",
    "retention",
    "interaction_clocks",
    "nps_compare",
    "proportion_interval",
    "two_proportion_test",
    "sample_size",
    "business_time_add",
    "business_time_between",
    "sla",
    "loyalty",
    "compensation",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let i = usize::from(selector) % (KINDS.len() + 1);
    match KINDS.get(i) {
        None => {
            let _ = runner::run_file(text);
        }
        Some(kind) => {
            if let Ok(input) = serde_json::from_str::<serde_json::Value>(text) {
                let _ = runner::run_case(kind, &input);
            }
        }
    }
});
