//! Conformance cases for this concept (filled in as the capability lands).

use serde_json::Value;

use super::common::CaseResult;

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, _input: &Value) -> CaseResult {
    Err(format!(
        "case kind {kind:?} is not supported by this version of carekit"
    ))
}
