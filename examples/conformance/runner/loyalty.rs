//! Conformance cases of kind `loyalty`.
//!
//! Input:
//! - `programme`: a `LoyaltyProgramme` in its serde form;
//! - `events`: `LoyaltyEvent`s in their serde form;
//! - `as_of`: RFC 3339 instant;
//! - `member_since` (optional): RFC 3339; default the earliest event's `at`,
//!   or `as_of` without events;
//! - `floor` (optional, one `ManualFloor`) and/or `floors` (a list);
//! - `points_soon_until` (optional, RFC 3339): the end of "soon" for
//!   `points_expiring_soon`.
//!
//! Output: `tier`, `since`, `qualifying_value` (decimal string in the
//! measure's unit: `"1250.00"` for spend with the currency's minor units,
//! `"3"` for purchases or points), `met_tier`, `next_tier` and `missing`
//! (string, or `null` at the top tier), `missing_by` (RFC 3339 or `null`),
//! `keep_needed`/`keep_by` (`null` when there is nothing to keep),
//! `pending_value`, `pending_downgrade_to`/`pending_downgrade_at`,
//! `next_review`, `history` (`[{"at", "tier", "reason"}]` with reasons
//! `joined`, `qualified`, `review`, `grace_ended`, `return_reversed`,
//! `manual_floor`) and, for programmes with points, `points_balance`,
//! `points_pending` (points of purchases not matured yet),
//! `points_expired`, `next_expiry_points`, `next_expiry_at` and, with
//! `points_soon_until`, `points_expiring_soon` (points of the balance
//! expiring after `as_of` and at or before it).

use carekit::loyalty::{
    ChangeReason, LoyaltyEvent, LoyaltyProgramme, ManualFloor, Membership, Progress,
};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::common::{CaseResult, typed};

fn instant(input: &Value, name: &str) -> Result<DateTime<Utc>, String> {
    typed::<DateTime<Utc>>(input, name)
}

fn text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn reason(r: &ChangeReason) -> &'static str {
    match r {
        ChangeReason::Joined => "joined",
        ChangeReason::Qualified { .. } => "qualified",
        ChangeReason::Review { .. } => "review",
        ChangeReason::GraceEnded { .. } => "grace_ended",
        ChangeReason::ReturnReversed { .. } => "return_reversed",
        ChangeReason::ManualFloor { .. } => "manual_floor",
        _ => "other",
    }
}

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    if kind != "loyalty" {
        return Err(format!("case kind {kind:?} is not handled by loyalty"));
    }
    let programme: LoyaltyProgramme = typed(input, "programme")?;
    let events: Vec<LoyaltyEvent> = typed(input, "events")?;
    let as_of = instant(input, "as_of")?;
    let since = match input.get("member_since") {
        Some(_) => instant(input, "member_since")?,
        None => events.iter().map(LoyaltyEvent::at).min().unwrap_or(as_of),
    };
    let mut membership = Membership::new(since);
    if input.get("floor").is_some() {
        membership = membership.with_floor(typed::<ManualFloor>(input, "floor")?);
    }
    if input.get("floors").is_some() {
        for f in typed::<Vec<ManualFloor>>(input, "floors")? {
            membership = membership.with_floor(f);
        }
    }
    let e = programme
        .evaluate(&membership, &events, as_of)
        .map_err(|err| err.to_string())?;
    let history: Vec<Value> = e
        .history()
        .iter()
        .map(|c| json!({"at": text(c.at()), "tier": c.to().as_str(), "reason": reason(c.reason())}))
        .collect();
    let mut out = json!({
        "tier": e.tier().as_str(),
        "since": text(e.since()),
        "qualifying_value": e.qualifying_value().to_string(),
        "met_tier": e.met_tier().as_str(),
        "next_tier": e.next().map(|n| n.tier().as_str()),
        "missing": e.next().map(|n| n.missing().to_string()),
        "missing_by": e.next().and_then(Progress::by).map(text),
        "keep_needed": e.keep().map(|k| k.needed().to_string()),
        "keep_by": e.keep().map(|k| text(k.by())),
        "pending_value": e.pending_value().to_string(),
        "pending_downgrade_to": e.pending_downgrade().map(|p| p.to().as_str()),
        "pending_downgrade_at": e.pending_downgrade().map(|p| text(p.at())),
        "next_review": e.next_review().map(text),
        "history": history,
    });
    let soon = match input.get("points_soon_until") {
        Some(_) => Some(instant(input, "points_soon_until")?),
        None => None,
    };
    if let (Some(points), Some(obj)) = (e.points(), out.as_object_mut()) {
        obj.insert("points_balance".into(), json!(points.balance()));
        obj.insert("points_pending".into(), json!(points.pending()));
        if let Some(until) = soon {
            obj.insert(
                "points_expiring_soon".into(),
                json!(points.balance_until(until).expiring_soon()),
            );
        }
        obj.insert("points_expired".into(), json!(points.expired()));
        obj.insert(
            "next_expiry_points".into(),
            json!(points.next_expiry().map(|x| x.points())),
        );
        obj.insert(
            "next_expiry_at".into(),
            json!(points.next_expiry().map(|x| text(x.at()))),
        );
    }
    Ok(out)
}
