//! Conformance cases for survey scores: kinds `nps`, `csat` and `ces`
//! (fields documented on the `carekit::metrics` module page).

use carekit::RatingScale;
use carekit::metrics::{Ces, CesConfig, CesPolarity, Csat, CsatConfig, Nps, WeightedNps};
use carekit::stats::{Confidence, Interval, NpsIntervalMethod};
use serde_json::{Value, json};

use super::common::{CaseResult, f64_array, field, num, typed, u8_array, u64_field};

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    match kind {
        "nps" => nps(input),
        "csat" => csat(input),
        "ces" => ces(input),
        other => Err(format!("case kind {other:?} is not a survey score")),
    }
}

#[allow(clippy::needless_pass_by_value, reason = "used as `map_err(err)`")]
fn err(e: carekit::Error) -> String {
    e.to_string()
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, num)
}

fn confidence(input: &Value) -> Result<Confidence, String> {
    match input.get("confidence") {
        None | Some(Value::Null) => Ok(Confidence::default()),
        Some(v) => {
            let c = v.as_f64().ok_or("input.confidence: expected a number")?;
            Confidence::new(c).map_err(err)
        }
    }
}

fn small(input: &Value, name: &str) -> Result<u8, String> {
    let v = u64_field(input, name)?;
    u8::try_from(v).map_err(|_| format!("input.{name}: expected an integer 0..=255, found {v}"))
}

/// `nps`: `scores`, optional `weights`, `confidence` (0.95), `interval`
/// (`wald` default, `adjusted_wald`) → `n`, `promoters`, `passives`,
/// `detractors` (weight sums when weighted), `score`, `ci_low`, `ci_high`,
/// `effective_n`.
fn nps(input: &Value) -> CaseResult {
    let scores = u8_array(input, "scores")?;
    let conf = confidence(input)?;
    let method: NpsIntervalMethod = match input.get("interval") {
        None | Some(Value::Null) => NpsIntervalMethod::default(),
        Some(_) => typed(input, "interval")?,
    };
    if input.get("weights").is_some_and(|w| !w.is_null()) {
        let weights = f64_array(input, "weights")?;
        let mut acc = WeightedNps::default();
        acc.extend_u8(&scores, &weights).map_err(err)?;
        let s = acc.summary(conf, method).map_err(err)?;
        let iv = s.interval();
        return Ok(json!({
            "n": s.n(),
            "promoters": num(s.promoters()),
            "passives": num(s.passives()),
            "detractors": num(s.detractors()),
            "score": opt(s.score()),
            "ci_low": opt(iv.map(Interval::low)),
            "ci_high": opt(iv.map(Interval::high)),
            "effective_n": opt(s.effective_n()),
        }));
    }
    let mut acc = Nps::default();
    acc.extend_u8(&scores).map_err(err)?;
    let s = acc.summary(conf, method).map_err(err)?;
    let iv = s.interval();
    Ok(json!({
        "n": s.n(),
        "promoters": s.promoters(),
        "passives": s.passives(),
        "detractors": s.detractors(),
        "score": opt(s.score()),
        "ci_low": opt(iv.map(Interval::low)),
        "ci_high": opt(iv.map(Interval::high)),
        "effective_n": s.n(),
    }))
}

/// `csat`: `ratings`, `scale` `{min, max}`, `satisfied_from`, optional
/// `exclude_neutral` (list), `confidence` → `n` (neutral excluded),
/// `satisfied`, `percent`, `mean` (all ratings), `ci_low`, `ci_high`
/// (Wilson, percent).
fn csat(input: &Value) -> CaseResult {
    let scale: RatingScale = typed(input, "scale")?;
    let mut config = CsatConfig::new(scale, small(input, "satisfied_from")?).map_err(err)?;
    if input.get("exclude_neutral").is_some_and(|v| !v.is_null()) {
        config = config
            .with_neutral(&u8_array(input, "exclude_neutral")?)
            .map_err(err)?;
    }
    let mut acc = Csat::new(config);
    acc.extend_u8(&u8_array(input, "ratings")?).map_err(err)?;
    let s = acc.summary(confidence(input)?).map_err(err)?;
    let iv = s.percent_interval();
    Ok(json!({
        "n": s.n(),
        "responses": s.responses(),
        "satisfied": s.satisfied(),
        "percent": opt(s.percent()),
        "mean": opt(s.mean()),
        "ci_low": opt(iv.map(Interval::low)),
        "ci_high": opt(iv.map(Interval::high)),
    }))
}

/// `ces`: `ratings`, `scale`, `easy_from`, `difficult_to`,
/// `higher_is_easier` (default true), optional `confidence` → `n`, `mean`,
/// `percent_easy`, `percent_difficult`, `net`, `ci_low`, `ci_high` (mean).
fn ces(input: &Value) -> CaseResult {
    let scale: RatingScale = typed(input, "scale")?;
    let polarity = match field(input, "higher_is_easier").ok() {
        None | Some(Value::Null | Value::Bool(true)) => CesPolarity::HigherIsEasier,
        Some(Value::Bool(false)) => CesPolarity::LowerIsEasier,
        Some(v) => {
            return Err(format!(
                "input.higher_is_easier: expected a boolean, found {v}"
            ));
        }
    };
    let config = CesConfig::new(
        scale,
        small(input, "easy_from")?,
        small(input, "difficult_to")?,
        polarity,
    )
    .map_err(err)?;
    let mut acc = Ces::new(config);
    acc.extend_u8(&u8_array(input, "ratings")?).map_err(err)?;
    let s = acc.summary(confidence(input)?).map_err(err)?;
    let iv = s.interval();
    Ok(json!({
        "n": s.n(),
        "mean": opt(s.mean()),
        "percent_easy": opt(s.percent_easy()),
        "percent_difficult": opt(s.percent_difficult()),
        "net": opt(s.net()),
        "ci_low": opt(iv.map(Interval::low)),
        "ci_high": opt(iv.map(Interval::high)),
    }))
}
