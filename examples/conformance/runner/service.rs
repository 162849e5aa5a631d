//! Service-metric kinds: `percentile`, `sketch_quantile`, `retention`,
//! `interaction_clocks` (see the `# Service metrics` section of the
//! `carekit::metrics` docs for their fields).

use carekit::calendar::CalendarTime;
use carekit::interaction::OutboundStart;

use super::calendar::parse_calendar;
use carekit::metrics::{
    Durations, FcrConvention, InteractionClocks, PercentileMethod, QuantileSketch, Retention,
};
use carekit::{Customer, Interaction};
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use super::common::{CaseResult, f64_array, f64_field, field, num, str_field, typed, u64_field};

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    match kind {
        "percentile" => percentile(input),
        "sketch_quantile" => sketch_quantile(input),
        "retention" => retention(input),
        "interaction_clocks" => interaction_clocks(input),
        other => Err(format!(
            "case kind {other:?} is not supported by this version of carekit"
        )),
    }
}

fn nums(values: &[f64]) -> Value {
    Value::Array(values.iter().map(|&v| num(v)).collect())
}

fn percentile(input: &Value) -> CaseResult {
    let values = f64_array(input, "values")?;
    let qs = f64_array(input, "q")?;
    let method = match input.get("method").and_then(Value::as_str) {
        None | Some("linear") => PercentileMethod::Linear,
        Some("nearest_rank") => PercentileMethod::NearestRank,
        Some(other) => {
            return Err(format!(
                "input.method: expected \"linear\" or \"nearest_rank\", found {other:?}"
            ));
        }
    };
    let d = Durations::from_seconds(&values).map_err(|e| e.to_string())?;
    let out = d.percentiles(&qs, method).map_err(|e| e.to_string())?;
    Ok(json!({"values": out.map_or(Value::Null, |v| nums(&v))}))
}

fn sketch_quantile(input: &Value) -> CaseResult {
    let values = f64_array(input, "values")?;
    let alpha = f64_field(input, "relative_accuracy")?;
    let qs = f64_array(input, "q")?;
    let mut s = QuantileSketch::new(alpha).map_err(|e| e.to_string())?;
    s.extend_f64(&values).map_err(|e| e.to_string())?;
    let out = s.quantiles(&qs).map_err(|e| e.to_string())?;
    Ok(json!({"values": out.map_or(Value::Null, |v| nums(&v))}))
}

fn retention(input: &Value) -> CaseResult {
    let r = if input.get("customers").is_some() {
        let customers: Vec<Customer> = typed(input, "customers")?;
        let period = field(input, "period")?;
        let start: DateTime<Utc> = typed(period, "start").map_err(|e| format!("period.{e}"))?;
        let end: DateTime<Utc> = typed(period, "end").map_err(|e| format!("period.{e}"))?;
        Retention::from_customers(&customers, start, end)
    } else {
        Retention::from_counts(
            u64_field(input, "start")?,
            u64_field(input, "new")?,
            u64_field(input, "end")?,
        )
    }
    .map_err(|e| e.to_string())?;
    if r.retention_rate().is_none() {
        return Err(format!(
            "retention is undefined for an empty cohort (start {}, new {}, end {})",
            r.start(),
            r.new_customers(),
            r.end()
        ));
    }
    Ok(json!({
        "start": r.start(),
        "new": r.new_customers(),
        "end": r.end(),
        "retention_rate": r.retention_rate(),
        "churn_rate": r.churn_rate(),
    }))
}

fn seconds(d: TimeDelta) -> Value {
    num(d.as_seconds_f64())
}

fn opt_seconds(d: Option<TimeDelta>) -> Value {
    d.map_or(Value::Null, seconds)
}

fn interaction_clocks(input: &Value) -> CaseResult {
    let interaction: Interaction = typed(input, "interaction")?;
    let until = match input.get("until") {
        None | Some(Value::Null) => interaction
            .events()
            .last()
            .map_or(interaction.created_at(), carekit::Event::at),
        Some(_) => typed(input, "until")?,
    };
    let convention = match input.get("fcr") {
        None | Some(Value::Null) => FcrConvention::default(),
        Some(_) => match str_field(input, "fcr")? {
            "one_touch" => FcrConvention::OneTouch,
            "no_customer_follow_up" => FcrConvention::NoCustomerFollowUp,
            "no_reopen" => FcrConvention::NoReopen,
            other => {
                return Err(format!(
                    "input.fcr: expected \"one_touch\", \"no_customer_follow_up\" or \"no_reopen\", found {other:?}"
                ));
            }
        },
    };
    // The vectors' default for outbound cases: clocks from creation.
    let outbound_start = match input.get("outbound_start") {
        None | Some(Value::Null) => OutboundStart::Creation,
        Some(_) => typed(input, "outbound_start")?,
    };
    let timeline = interaction
        .timeline_with(until, outbound_start)
        .map_err(|e| e.to_string())?;
    // With a `calendar`, every clock counts business time only.
    let measured = match input.get("calendar") {
        None | Some(Value::Null) => {
            InteractionClocks::from_timeline(&timeline, &CalendarTime, convention)
        }
        Some(v) => {
            let calendar = parse_calendar(v).map_err(|e| format!("input.{e}"))?;
            InteractionClocks::from_timeline(&timeline, &calendar, convention)
        }
    };
    let c = measured.map_err(|e| e.to_string())?;
    Ok(json!({
        "first_reply": opt_seconds(c.first_reply()),
        "full_resolution": opt_seconds(c.full_resolution()),
        "requester_wait": seconds(c.requester_wait()),
        "agent_work": seconds(c.agent_work()),
        "on_hold": seconds(c.on_hold()),
        "agent_wait": seconds(c.agent_wait()),
        "reopens": c.reopens(),
        "agent_replies": c.agent_replies(),
        "first_contact_resolved": c.first_contact_resolved(),
        "fcr": convention.to_string(),
    }))
}
