//! What an agent's screen shows: how much this agent may offer this
//! customer right now, then a decision on what the agent proposes, with its
//! explanation.
//!
//! ```text
//! cargo run --example agent_desk
//! ```
//!
//! The policy is `examples/policies/contact_centre.json`; the history is a
//! few grants the desk would load from its own store.

use carekit::compensation::{
    Context, Decision, Explanation, Grant, GrantHistory, Offer, OfferKind, Outcome, Policy, Reason,
    Recipient, Request, Requester, Role,
};
use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
use chrono::{TimeDelta, TimeZone, Utc};

const POLICY: &str = include_str!("policies/contact_centre.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy: Policy = serde_json::from_str(POLICY)?;
    let policy = policy.compile()?;
    let eur = |cents| Money::from_minor_units(cents, Currency::EUR);
    let now = Utc
        .with_ymd_and_hms(2024, 10, 14, 15, 30, 0)
        .single()
        .ok_or("invalid instant")?;

    let agent = Requester::new(AgentId::new("ana.k")?, Role::new("agent")?);
    let customer = Recipient::new(CustomerId::new("cust-2093")?, TierId::new("gold")?);
    let context = Context::new(InteractionId::new("CASE-88121")?, Channel::Phone)
        .with_reason(Reason::new("late_delivery")?)
        .with_order_value(eur(8_990));

    // What the store returns for this customer, agent and case.
    let history = GrantHistory::new(vec![
        Grant::new(
            now - TimeDelta::days(41),
            AgentId::new("li.w")?,
            customer.id().clone(),
            InteractionId::new("CASE-80433")?,
            OfferKind::Coupon,
            eur(1_000),
        )?,
        Grant::new(
            now - TimeDelta::hours(5),
            agent.id().clone(),
            CustomerId::new("cust-1177")?,
            InteractionId::new("CASE-88003")?,
            OfferKind::Refund,
            eur(4_500),
        )?,
    ])?;

    println!(
        "Policy {} — {} on {} ({} tier), case {} via {}, order {}",
        policy.version(),
        agent.id(),
        customer.id(),
        customer.tier(),
        context.interaction(),
        context.channel(),
        context
            .order_value()
            .map_or("none".into(), |m| m.to_string()),
    );
    println!();
    println!("You may offer now, without asking anyone:");
    let room = policy.headroom(&agent, &customer, &context, now, &history)?;
    for entry in room.kinds() {
        match (entry.max(), entry.binding_limit()) {
            (Some(max), Some(limit)) if max.is_zero() => {
                println!(
                    "  {:<13} nothing on your own       (because of {limit})",
                    entry.kind()
                );
            }
            (Some(max), Some(limit)) => {
                let max = max.to_string();
                println!("  {:<13} up to {max:>12}   (set by {limit})", entry.kind());
            }
            _ => println!("  {:<13} no limit", entry.kind()),
        }
    }

    for offer in [
        Offer::new(OfferKind::Refund, eur(6_000))?,
        Offer::new(OfferKind::Credit, eur(1_500))?,
    ] {
        println!();
        println!("Proposed: {offer}");
        let request = Request::new(now, agent.clone(), customer.clone(), context.clone(), offer)?;
        let decision = policy.evaluate(&request, &history)?;
        show(&decision);
    }
    Ok(())
}

/// Prints a decision the way an agent reads it.
fn show(decision: &Decision) {
    let verdict = match decision.outcome() {
        Outcome::Approve => "APPROVED".to_owned(),
        Outcome::ApproveUpTo(m) => format!("APPROVED UP TO {m}"),
        Outcome::Escalate(level) => {
            format!("ASK A {}", level.as_str().replace('_', " ").to_uppercase())
        }
        Outcome::Deny => "DENIED".to_owned(),
    };
    // The decision displays as its reason; the explanation is also data,
    // for a screen that highlights the limit that decided.
    println!("  {verdict}: {decision}");
    if let Explanation::Exceeded { check, .. } = decision.explanation() {
        println!(
            "  Decided by {} ({} left before this offer).",
            check.limit_id(),
            check.headroom()
        );
    }
    println!("  Checks:");
    for check in decision.checks() {
        println!(
            "    {:<16} {:<48} before {:>11}  after {:>11}  limit {:>11}  -> {}",
            check.limit_id(),
            check.description(),
            check.observed().to_string(),
            check.after().to_string(),
            check.limit().to_string(),
            check.verdict()
        );
    }
    match decision.grant() {
        Some(grant) => println!(
            "  Record {} {} for {} (commit only if the history fingerprint is still {}).",
            grant.kind(),
            grant.value(),
            grant.customer(),
            decision.fingerprint()
        ),
        None => println!("  Nothing to record."),
    }
}
