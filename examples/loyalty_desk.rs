//! What an agent's screen shows about a customer's loyalty standing: the
//! tier and why, how far the next tier is, what keeps the current one, and
//! the points available, pending and about to expire.
//!
//! ```text
//! cargo run --example loyalty_desk
//! ```
//!
//! The programme and the customer's ledger are JSON, as a service would
//! receive them.

use carekit::loyalty::{Evaluation, LoyaltyEvent, LoyaltyProgramme, Membership};
use chrono::{DateTime, TimeDelta, Utc};

const PROGRAMME: &str = r#"{
    "currency": "EUR", "measure": "spend", "window": "calendar_year",
    "downgrade": {"rule": "soft_landing", "grace": {"days": 30}},
    "tiers": [
        {"id": "blue", "threshold": "0"},
        {"id": "silver", "threshold": "500", "points_multiplier": "1.25",
         "benefits": {"perks": ["free_returns"]}},
        {"id": "gold", "threshold": "1000", "points_multiplier": "1.5",
         "benefits": {"priority_boost": 1, "sla_target_multiplier": "0.5",
                      "perks": ["free_returns", "expedited_shipping"]}}
    ],
    "points": {"earn_rate": "1", "expiry_months": 12}
}"#;

const LEDGER: &str = r#"[
    {"id": "o-1001", "at": "2024-02-03T14:10:00Z", "type": "purchase",
     "amount": {"amount": "420.00", "currency": "EUR"}},
    {"id": "o-1002", "at": "2024-05-20T09:00:00Z", "type": "purchase",
     "amount": {"amount": "690.00", "currency": "EUR"}, "matures_at": "2024-06-19T09:00:00Z"},
    {"id": "r-1002", "at": "2024-05-25T16:30:00Z", "type": "return", "purchase": "o-1002",
     "amount": {"amount": "90.00", "currency": "EUR"}},
    {"id": "x-1", "at": "2024-11-28T12:00:00Z", "type": "redemption", "points": 300},
    {"id": "o-1003", "at": "2025-01-12T10:00:00Z", "type": "purchase",
     "amount": {"amount": "180.00", "currency": "EUR"}}
]"#;

fn show(programme: &LoyaltyProgramme, e: &Evaluation) {
    println!("as of {}", e.as_of());
    println!("  tier {} since {}", e.tier(), e.since());
    for change in e.history() {
        println!("    {change}");
    }
    if let Some(b) = programme.benefits(e.tier()) {
        let perks: Vec<&str> = b.perks().map(carekit::loyalty::Perk::as_str).collect();
        println!(
            "  benefits: priority +{}, SLA targets {}, perks [{}]",
            b.priority_boost(),
            b.sla_target_multiplier(),
            perks.join(", ")
        );
    }
    println!(
        "  qualifying spend this year {} EUR (pending {})",
        e.qualifying_value(),
        e.pending_value()
    );
    if let Some(next) = e.next() {
        let by = next.by().map_or("any time".to_owned(), |b| b.to_string());
        println!(
            "  {} EUR more before {by} reaches {}",
            next.missing(),
            next.tier()
        );
    }
    if let Some(keep) = e.keep() {
        println!(
            "  {} EUR more before {} keeps {}",
            keep.needed(),
            keep.by(),
            keep.tier()
        );
    }
    if let Some(p) = e.pending_downgrade() {
        println!(
            "  downgrade to {} on {} unless re-qualified",
            p.to(),
            p.at()
        );
    }
    if let Some(points) = e.points() {
        let balance = points.balance_within(TimeDelta::days(30));
        println!(
            "  points: {} available, {} pending (not yet matured), {} expiring within 30 days",
            balance.available(),
            balance.pending(),
            balance.expiring_soon()
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let programme: LoyaltyProgramme = serde_json::from_str(PROGRAMME)?;
    let events: Vec<LoyaltyEvent> = serde_json::from_str(LEDGER)?;
    let member = Membership::new("2024-01-15T00:00:00Z".parse::<DateTime<Utc>>()?);
    for at in [
        "2024-06-01T00:00:00Z",
        "2024-07-01T00:00:00Z",
        "2025-01-20T00:00:00Z",
    ] {
        let e = programme.evaluate(&member, &events, at.parse()?)?;
        show(&programme, &e);
    }
    Ok(())
}
