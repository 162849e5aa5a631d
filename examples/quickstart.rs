//! The main job on bundled sample data: load customers, interactions and
//! survey answers, validate them, and print a care summary.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! The data (`examples/data/sample_care.json`, 30 customers, 40 interactions,
//! 60 survey answers) is embedded with `include_str!`, so the example runs
//! from any directory.

use std::collections::BTreeMap;

use carekit::{Customer, Feedback, Interaction, NpsCategory};
use chrono::TimeDelta;

#[derive(serde::Deserialize)]
struct SampleData {
    customers: Vec<Customer>,
    interactions: Vec<Interaction>,
    feedback: Vec<Feedback>,
}

const SAMPLE: &str = include_str!("data/sample_care.json");

fn minutes(d: TimeDelta) -> String {
    format!("{:.0} min", d.num_seconds() as f64 / 60.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Every record is validated while it is read: a bad currency, an NPS of
    // 11 or an out-of-order timeline would stop here with a message naming
    // the value.
    let data: SampleData = serde_json::from_str(SAMPLE)?;
    println!(
        "carekit quickstart: {} customers, {} interactions, {} survey answers\n",
        data.customers.len(),
        data.interactions.len(),
        data.feedback.len()
    );

    let mut by_tier: BTreeMap<String, usize> = BTreeMap::new();
    for c in &data.customers {
        let tier = c.tier().map_or("none", |t| t.as_str()).to_owned();
        *by_tier.entry(tier).or_default() += 1;
    }
    println!("customers by tier:");
    for (tier, n) in &by_tier {
        println!("  {tier:<10} {n:>3}");
    }

    println!("\ninteractions by channel (first reply in calendar time):");
    let mut by_channel: BTreeMap<String, Vec<TimeDelta>> = BTreeMap::new();
    let (mut reopened, mut solved) = (0, 0);
    for i in &data.interactions {
        let entry = by_channel.entry(i.channel().to_string()).or_default();
        if let Some(first) = i.first_public_agent_reply() {
            entry.push(first - i.created_at());
        }
        solved += usize::from(i.first_solve().is_some());
        reopened += usize::from(i.reopen_count() > 0);
    }
    for (channel, mut waits) in by_channel {
        waits.sort();
        let median = waits.get(waits.len() / 2).copied().unwrap_or_default();
        println!(
            "  {channel:<13} {:>3} cases, median first reply {}",
            waits.len(),
            minutes(median)
        );
    }
    println!(
        "  solved: {solved} of {}, reopened at least once: {reopened}",
        data.interactions.len()
    );

    let (mut p, mut d, mut n) = (0_i32, 0_i32, 0_i32);
    for f in &data.feedback {
        if let Some(s) = f.answer().nps() {
            n += 1;
            match s.category() {
                NpsCategory::Promoter => p += 1,
                NpsCategory::Detractor => d += 1,
                NpsCategory::Passive => {}
            }
        }
    }
    if n > 0 {
        println!(
            "\nNPS: {:+.1} from {n} answers ({p} promoters, {d} detractors)",
            100.0 * f64::from(p - d) / f64::from(n)
        );
    }
    let comments: Vec<&str> = data.feedback.iter().filter_map(Feedback::comment).collect();
    println!("comments: {}", comments.join(" | "));
    Ok(())
}
