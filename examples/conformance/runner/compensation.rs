//! Conformance cases of kind `compensation`: a policy, a
//! history and a request in, the decision out.

use carekit::compensation::{Grant, GrantHistory, Policy, Quantity, Request, Verdict};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::common::{CaseResult, typed};

/// A normalised decimal string (no trailing zeros).
fn dec(d: Decimal) -> Value {
    Value::String(d.normalize().to_string())
}

fn quantity(q: Quantity) -> Value {
    match q {
        Quantity::Money(m) => dec(m.amount()),
        Quantity::Count(n) => json!(n),
    }
}

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    if kind != "compensation" {
        return Err(format!("case kind {kind:?} is not handled here"));
    }
    let policy: Policy = typed(input, "policy")?;
    let grants: Vec<Grant> = typed(input, "history")?;
    let request: Request = typed(input, "request")?;
    let compiled = policy.compile().map_err(|e| e.to_string())?;
    let history = GrantHistory::new(grants).map_err(|e| e.to_string())?;
    let decision = compiled
        .evaluate(&request, &history)
        .map_err(|e| e.to_string())?;
    let outcome = decision.outcome();
    let checks: Vec<Value> = decision
        .checks()
        .iter()
        .map(|c| {
            json!({
                "limit": c.limit_id(),
                "observed": quantity(c.observed()),
                "after": quantity(c.after()),
                "max": quantity(c.limit()),
                "headroom": quantity(c.headroom()),
                "verdict": match c.verdict() {
                    Verdict::Pass => "pass",
                    Verdict::CapTo(_) => "cap",
                    Verdict::EscalateTo(_) => "escalate",
                    Verdict::Deny => "deny",
                },
            })
        })
        .collect();
    Ok(json!({
        "outcome": outcome.name(),
        "amount": decision.grant().map_or(Value::Null, |g| dec(g.value().amount())),
        "escalate_to": match outcome {
            carekit::compensation::Outcome::Escalate(level) => json!(level.as_str()),
            _ => Value::Null,
        },
        "headroom": decision.headroom().map_or(Value::Null, |m| dec(m.amount())),
        "checks": checks,
    }))
}
