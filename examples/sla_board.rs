//! An SLA board: a queue of open tickets with their deadlines and states in
//! business time, as a team lead's screen would show them.
//!
//! Run with `cargo run --example sla_board`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "an example: fixed, valid data"
)]

use carekit::calendar::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
use carekit::loyalty::{Benefits, Multiplier};
use carekit::sla::{
    Conditions, SlaBook, SlaContext, SlaPolicy, SlaState, Target, TargetEvaluation, TargetKind,
};
use carekit::{
    AgentId, Channel, CustomerId, Interaction, InteractionBuilder, InteractionId, Priority, Status,
    TierId, Visibility,
};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::America::New_York;
use rust_decimal::Decimal;

/// New York local time on a day of the week of 2024-03-04 (Monday = 0).
fn ny(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    New_York
        .with_ymd_and_hms(2024, 3, 4 + day, h, m, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn ticket(id: &str, priority: Priority, created: DateTime<Utc>) -> InteractionBuilder {
    Interaction::builder(
        InteractionId::new(id).unwrap(),
        CustomerId::new(&format!("c-{id}")).unwrap(),
        Channel::Email,
        created,
    )
    .priority(priority)
}

fn book() -> SlaBook {
    let target = |kind, hours| Target::new(kind, TimeDelta::hours(hours)).unwrap();
    let policy = |name, conditions, targets| SlaPolicy::new(name, conditions, targets).unwrap();
    SlaBook::new(vec![
        policy(
            "urgent",
            Conditions::any().with_priorities([Priority::Urgent]),
            vec![
                target(TargetKind::FirstReply, 1),
                target(TargetKind::NextReply, 2),
                target(TargetKind::Resolution, 8),
            ],
        ),
        policy(
            "vip",
            Conditions::any().with_tiers([TierId::new("gold").unwrap()]),
            vec![
                target(TargetKind::FirstReply, 2),
                target(TargetKind::NextReply, 4),
                target(TargetKind::Resolution, 16),
            ],
        ),
        policy(
            "standard",
            Conditions::any(),
            vec![
                target(TargetKind::FirstReply, 4),
                target(TargetKind::NextReply, 8),
                target(TargetKind::Resolution, 24),
            ],
        ),
    ])
    .unwrap()
}

/// The team's business hours: 09:00–17:00 New York time, Monday to
/// Friday.
fn business_hours() -> BusinessCalendar<chrono_tz::Tz> {
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    BusinessCalendar::new(New_York, CalendarSpec::new(week)).unwrap()
}

/// The open queue: each ticket, and whether its customer is gold.
fn queue() -> Vec<(Interaction, bool)> {
    let ana = AgentId::new("ana").unwrap();
    vec![
        (
            ticket("T-101", Priority::Urgent, ny(2, 13, 0))
                .build()
                .unwrap(),
            false,
        ),
        (
            ticket("T-102", Priority::Normal, ny(2, 11, 0))
                .agent_reply(ny(2, 11, 45), ana.clone(), Visibility::Public)
                .customer_message(ny(2, 14, 0))
                .build()
                .unwrap(),
            false,
        ),
        (
            ticket("T-103", Priority::High, ny(1, 16, 0))
                .agent_reply(ny(2, 9, 30), ana.clone(), Visibility::Public)
                .status(ny(2, 9, 30), Status::Pending)
                .build()
                .unwrap(),
            false,
        ),
        (
            ticket("T-104", Priority::Normal, ny(2, 14, 0))
                .build()
                .unwrap(),
            true,
        ),
        (
            ticket("T-105", Priority::Low, ny(0, 10, 0))
                .agent_reply(ny(0, 11, 0), ana.clone(), Visibility::Public)
                .status(ny(0, 11, 0), Status::Open)
                .build()
                .unwrap(),
            false,
        ),
        (
            ticket("T-106", Priority::Normal, ny(1, 9, 0))
                .agent_reply(ny(1, 10, 0), ana.clone(), Visibility::Public)
                .status(ny(1, 12, 0), Status::OnHold)
                .build()
                .unwrap(),
            false,
        ),
        (
            ticket("T-107", Priority::High, ny(2, 14, 15))
                .build()
                .unwrap(),
            true,
        ),
        (
            ticket("T-108", Priority::Normal, ny(2, 8, 0))
                .build()
                .unwrap(),
            false,
        ),
    ]
}

fn main() {
    let now = ny(2, 14, 30); // Wednesday 14:30 in New York
    let gold = Benefits::default()
        .with_priority_boost(1)
        .with_sla_target_multiplier(Multiplier::new(Decimal::new(75, 2)).unwrap());
    let gold_tier = TierId::new("gold").unwrap();
    let queue = queue();
    let book = book();
    let business = business_hours();
    println!(
        "SLA board at {} New York time; business hours Mon-Fri 09:00-17:00\n",
        now.with_timezone(&New_York).format("%a %Y-%m-%d %H:%M")
    );
    println!(
        "{:<6} {:<7} {:<5} {:<9} {:<12} {:<9} {:<15} {:>8}",
        "ticket", "prio", "tier", "policy", "target", "state", "deadline", "margin"
    );
    let mut rows: Vec<(String, TargetEvaluation)> = Vec::new();
    for (case, is_gold) in &queue {
        let mut ctx = SlaContext::new();
        if *is_gold {
            ctx = ctx.with_tier(gold_tier.clone()).with_benefits(&gold);
        }
        let eval = book.evaluate(case, &ctx, now, &business).unwrap();
        for t in eval.targets() {
            let head = format!(
                "{:<6} {:<7} {:<5} {:<9}",
                case.id().as_str(),
                eval.priority().name(),
                if *is_gold { "gold" } else { "-" },
                eval.policy().unwrap_or("-"),
            );
            rows.push((head, t.clone()));
        }
    }
    // Breaches first, then the nearest deadline, paused and done last.
    let rank = |t: &TargetEvaluation| match t.state() {
        SlaState::Breached { .. } => 0,
        SlaState::Active { .. } => 1,
        SlaState::Paused { .. } => 2,
        _ => 3,
    };
    rows.sort_by_key(|(_, t)| (rank(t), t.deadline()));
    for (head, t) in &rows {
        let deadline = t.deadline().map_or_else(
            || "-".to_owned(),
            |d| d.with_timezone(&New_York).format("%a %H:%M").to_string(),
        );
        let margin = t.state().margin();
        let sign = if margin < TimeDelta::zero() { "-" } else { "" };
        let m = margin.num_minutes().abs();
        println!(
            "{head} {:<12} {:<9} {:<15} {:>8}",
            t.kind().name(),
            t.state().name(),
            deadline,
            format!("{sign}{}h{:02}m", m / 60, m % 60),
        );
    }
    if let Some((_, top)) = rows.first() {
        println!("\nWhy the first row is on top:\n  {top}");
    }
}
