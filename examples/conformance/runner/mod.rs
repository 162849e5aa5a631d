//! Case dispatch for the conformance runner, shared by
//! `examples/conformance/main.rs` and the `tests/it/conformance.rs` test.
//!
//! Each kind of SPEC §9 is handled in the file of the concept it tests;
//! each handler takes the case's `input` and returns the `output` object or
//! an error message.

#![allow(
    dead_code,
    reason = "shared with the integration test, which uses a subset"
)]

mod calendar;
mod common;
mod compensation;
mod loyalty;
mod scores;
mod service;
mod sla;
mod stats;

use serde_json::{Value, json};

pub(crate) use common::CaseResult;

/// Runs one case's input.
pub(crate) fn run_case(kind: &str, input: &Value) -> CaseResult {
    match kind {
        "nps" | "csat" | "ces" => scores::run(kind, input),
        "percentile" | "sketch_quantile" | "retention" | "interaction_clocks" => {
            service::run(kind, input)
        }
        "nps_compare" | "proportion_interval" | "two_proportion_test" | "sample_size" => {
            stats::run(kind, input)
        }
        "business_time_add" | "business_time_between" => calendar::run(kind, input),
        "sla" => sla::run(kind, input),
        "loyalty" => loyalty::run(kind, input),
        "compensation" => compensation::run(kind, input),
        other => Err(format!("unknown case kind {other:?}")),
    }
}

/// Runs every case of a vector file and returns one JSON line per case.
///
/// # Errors
///
/// When the file is not a JSON object with a `cases` array of objects with
/// string `id` and `kind`.
pub(crate) fn run_file(text: &str) -> Result<Vec<String>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let cases = doc
        .get("cases")
        .and_then(Value::as_array)
        .ok_or("expected an object with a \"cases\" array")?;
    let mut lines = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let id = case
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("cases[{i}].id: expected a string"))?;
        let kind = case
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("cases[{i}].kind: expected a string"))?;
        let input = case.get("input").unwrap_or(&Value::Null);
        let line = match run_case(kind, input) {
            Ok(output) => json!({"id": id, "output": output}),
            Err(error) => json!({"id": id, "error": error}),
        };
        lines.push(line.to_string());
    }
    Ok(lines)
}
