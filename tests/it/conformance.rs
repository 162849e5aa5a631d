//! Runs every vector file in `tests/vectors/` through the conformance
//! runner and compares each case's output with its `expect`.
//!
//! Comparison: every key of `expect` must be present in the output. Numbers
//! match within the case's `tolerance` (absolute, default 1e-9) or the same
//! relative tolerance; strings, booleans and `null` match exactly; arrays
//! element by element; objects key by key (extra output keys are allowed).
//! `"expect": {"error": "text"}` requires an error whose message contains
//! `text`.

#[path = "../../examples/conformance/runner/mod.rs"]
pub(crate) mod runner;

use serde_json::Value;

fn compare(path: &str, expected: &Value, actual: &Value, tol: f64) -> Result<(), String> {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            let diff = (e - a).abs();
            if diff <= tol || diff <= tol * e.abs() {
                Ok(())
            } else {
                Err(format!(
                    "{path}: expected {e}, found {a} (difference {diff:e})"
                ))
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: expected {} elements, found {}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}[{i}]"), e, a, tol)?;
            }
            Ok(())
        }
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a
                    .get(k)
                    .ok_or_else(|| format!("{path}.{k}: missing in output"))?;
                compare(&format!("{path}.{k}"), ev, av, tol)?;
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, found {a}")),
    }
}

/// Checks every case of one vector file; returns the number of cases.
fn check_file(name: &str, text: &str) -> usize {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let cases = doc["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no cases"));
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        let tol = case
            .get("tolerance")
            .and_then(Value::as_f64)
            .unwrap_or(1e-9);
        let expect = &case["expect"];
        let result = runner::run_case(kind, &case["input"]);
        let verdict = match (expect.get("error").and_then(Value::as_str), result) {
            (Some(needle), Err(msg)) if msg.contains(needle) => Ok(()),
            (Some(needle), Err(msg)) => Err(format!("error {msg:?} does not contain {needle:?}")),
            (Some(needle), Ok(out)) => Err(format!(
                "expected an error containing {needle:?}, got {out}"
            )),
            (None, Err(msg)) => Err(format!("unexpected error: {msg}")),
            (None, Ok(out)) => compare("output", expect, &out, tol),
        };
        if let Err(why) = verdict {
            failures.push(format!("{name} / {id} ({kind}): {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
#[allow(clippy::disallowed_methods, reason = "the test reads the vector files")]
fn all_vector_files_pass() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut total = 0;
    for path in &names {
        let text = std::fs::read_to_string(path).unwrap();
        total += check_file(&path.display().to_string(), &text);
    }
    eprintln!("{total} conformance cases in {} files", names.len());
}

#[test]
fn runner_rejects_malformed_files() {
    assert!(runner::run_file("[]").is_err());
    assert!(runner::run_file(r#"{"cases": [{"kind": "nps"}]}"#).is_err());
    let lines =
        runner::run_file(r#"{"cases": [{"id": "x", "kind": "nope", "input": {}}]}"#).unwrap();
    assert_eq!(
        lines,
        [r#"{"error":"unknown case kind \"nope\"","id":"x"}"#]
    );
}
