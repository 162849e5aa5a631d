//! Conformance cases of kind `sla` (see the `carekit::sla` module docs).

use carekit::calendar::{CalendarTime, ElapsedTime};
use carekit::loyalty::Benefits;
use carekit::sla::{SlaBook, SlaContext};
use carekit::{Interaction, Segment, TierId};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::calendar::parse_calendar;
use super::common::{CaseResult, str_field, typed};

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    match kind {
        "sla" => sla(input),
        other => Err(format!("unknown case kind {other:?}")),
    }
}

fn optional<T: serde::de::DeserializeOwned>(
    input: &Value,
    name: &str,
) -> Result<Option<T>, String> {
    match input.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => typed(input, name).map(Some),
    }
}

fn sla(input: &Value) -> CaseResult {
    // The vectors' default for outbound cases is to start the clocks at
    // creation (they were written before the convention was a value); a
    // book may name `outbound_start` itself.
    let mut book_json = input.get("book").cloned().unwrap_or(Value::Null);
    if let Some(obj) = book_json.as_object_mut() {
        obj.entry("outbound_start")
            .or_insert_with(|| Value::from("creation"));
    }
    let book: SlaBook =
        serde_json::from_value(book_json).map_err(|e| format!("input.book: {e}"))?;
    let interaction: Interaction = typed(input, "interaction")?;
    let at = DateTime::parse_from_rfc3339(str_field(input, "at")?)
        .map_err(|e| format!("input.at: {e}"))?
        .with_timezone(&Utc);
    let tier: Option<TierId> = optional(input, "tier")?;
    let segment: Option<Segment> = optional(input, "segment")?;
    let benefits: Option<Benefits> = optional(input, "benefits")?;
    let mut context = SlaContext::new();
    if let Some(tier) = tier {
        context = context.with_tier(tier);
    }
    if let Some(segment) = segment {
        context = context.with_segment(segment);
    }
    if let Some(b) = &benefits {
        context = context.with_benefits(b);
    }
    match input.get("calendar") {
        None | Some(Value::Null) => evaluate(&book, &interaction, &context, at, &CalendarTime),
        Some(v) => {
            let calendar = parse_calendar(v).map_err(|e| format!("input.{e}"))?;
            evaluate(&book, &interaction, &context, at, &calendar)
        }
    }
}

fn evaluate(
    book: &SlaBook,
    interaction: &Interaction,
    context: &SlaContext<'_>,
    at: DateTime<Utc>,
    business: &impl ElapsedTime,
) -> CaseResult {
    let eval = book
        .evaluate(interaction, context, at, business)
        .map_err(|e| e.to_string())?;
    let targets: Vec<Value> = eval
        .targets()
        .iter()
        .map(|t| {
            json!({
                "kind": t.kind().name(),
                "deadline": t.deadline().map(|d| d.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
                "state": t.state().name(),
                "margin": t.state().margin().num_seconds(),
                "counted": t.counted().num_seconds(),
                "limit": t.limit().num_seconds(),
            })
        })
        .collect();
    Ok(json!({"policy": eval.policy(), "targets": targets}))
}
