//! Conformance cases for `carekit::stats`: `nps_compare`,
//! `proportion_interval`, `two_proportion_test`, `sample_size`.

use carekit::stats::{
    Confidence, NPS_WORST_CASE_VARIANCE, NpsCounts, PROPORTION_WORST_CASE_VARIANCE,
    nps_difference_test, proportion_interval, sample_size, two_proportion_test,
};
use serde_json::{Value, json};

use super::common::{CaseResult, f64_or, field, num, str_field, typed, u64_field};

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    match kind {
        "nps_compare" => nps_compare(input),
        "proportion_interval" => proportion_case(input),
        "two_proportion_test" => two_proportion(input),
        "sample_size" => sample(input),
        other => Err(format!(
            "case kind {other:?} is not supported by this version of carekit"
        )),
    }
}

/// `confidence`, default 0.95, validated by carekit.
fn confidence(input: &Value) -> Result<Confidence, String> {
    let level = f64_or(input, "confidence", Confidence::NINETY_FIVE.get())?;
    Confidence::new(level).map_err(|e| format!("input.confidence: {e}"))
}

fn nps_compare(input: &Value) -> CaseResult {
    let a: NpsCounts = typed(input, "a")?;
    let b: NpsCounts = typed(input, "b")?;
    let t = nps_difference_test(a, b, confidence(input)?).map_err(|e| e.to_string())?;
    Ok(json!({
        "difference": num(t.difference()),
        "z": num(t.z()),
        "p_value": num(t.p_value()),
        "significant": t.significant(),
        "diff_low": num(t.interval().low()),
        "diff_high": num(t.interval().high()),
    }))
}

fn proportion_case(input: &Value) -> CaseResult {
    let method = str_field(input, "method")?;
    if method != "wilson" {
        return Err(format!(
            "input.method: unknown interval method {method:?} (expected \"wilson\")"
        ));
    }
    let interval = proportion_interval(
        u64_field(input, "successes")?,
        u64_field(input, "trials")?,
        confidence(input)?,
    )
    .map_err(|e| e.to_string())?;
    Ok(match interval {
        Some(i) => json!({"low": num(i.low()), "high": num(i.high())}),
        None => json!({"low": null, "high": null}),
    })
}

fn two_proportion(input: &Value) -> CaseResult {
    let sample = |name: &str| -> Result<(u64, u64), String> {
        let s = field(input, name)?;
        let count = |key: &str| {
            u64_field(s, key).map_err(|e| e.replacen("input.", &format!("input.{name}."), 1))
        };
        Ok((count("successes")?, count("trials")?))
    };
    let (a_s, a_n) = sample("a")?;
    let (b_s, b_n) = sample("b")?;
    let t =
        two_proportion_test(a_s, a_n, b_s, b_n, confidence(input)?).map_err(|e| e.to_string())?;
    Ok(json!({
        "difference": num(t.difference()),
        "z": num(t.z()),
        "p_value": num(t.p_value()),
        "diff_low": num(t.interval().low()),
        "diff_high": num(t.interval().high()),
        "significant": t.significant(),
    }))
}

fn sample(input: &Value) -> CaseResult {
    let default_variance = match str_field(input, "metric")? {
        "proportion" => PROPORTION_WORST_CASE_VARIANCE,
        "nps" => NPS_WORST_CASE_VARIANCE,
        other => {
            return Err(format!(
                "input.metric: unknown metric {other:?} (expected \"proportion\" or \"nps\")"
            ));
        }
    };
    let margin_points = super::common::f64_field(input, "margin")?;
    let variance = f64_or(input, "variance", default_variance)?;
    let n = sample_size(margin_points / 100.0, variance, confidence(input)?)
        .map_err(|e| e.to_string())?;
    Ok(json!({ "n": n }))
}
