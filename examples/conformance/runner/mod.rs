//! Case dispatch for the conformance runner, shared by
//! `examples/conformance/main.rs` and the `tests/it/conformance.rs` test.
//!
//! Each kind is handled in the file of the concept it tests;
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
mod strict;

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
/// string `id` and `kind`, or repeats a key outside the cases. A key
/// repeated inside a case (anywhere in its `input`, or `id`/`kind`
/// themselves) makes that case's line an error naming the path and the key:
/// keeping the last value silently would answer a question nobody asked.
pub(crate) fn run_file(text: &str) -> Result<Vec<String>, String> {
    let (doc, duplicates) = strict::parse(text).map_err(|e| format!("not JSON: {e}"))?;
    let in_case = |d: &strict::Duplicate| match d.path.as_slice() {
        [strict::Step::Key(cases), strict::Step::Index(i), ..] if cases == "cases" => Some(*i),
        _ => None,
    };
    if let Some(d) = duplicates.iter().find(|d| in_case(d).is_none()) {
        return Err(d.message(0));
    }
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
        let repeated = duplicates.iter().find(|d| in_case(d) == Some(i));
        let result = match repeated {
            Some(d) => Err(d.message(2)),
            None => run_case(kind, input),
        };
        let line = match result {
            Ok(output) => json!({"id": id, "output": output}),
            Err(error) => json!({"id": id, "error": error}),
        };
        lines.push(line.to_string());
    }
    Ok(lines)
}
