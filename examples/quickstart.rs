//! The main job on bundled sample data: load customers, interactions and
//! survey answers, validate them, and print a care summary: service clocks
//! and first-contact resolution by channel and by direction (inbound and
//! outbound cases apart), NPS, CSAT and CES with 95% intervals, and NPS and
//! CSAT broken down by the channel of the case each answer rates.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! The data (`examples/data/sample_care.json`, 30 customers, 40 interactions,
//! 60 survey answers) is embedded with `include_str!`, so the example runs
//! from any directory.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, PercentileMethod};
use carekit::stats::NpsIntervalMethod;
use carekit::{
    Breakdown, Ces, Channel, Confidence, Csat, Customer, Feedback, Interaction, InteractionId, Nps,
};

#[derive(serde::Deserialize)]
struct SampleData {
    customers: Vec<Customer>,
    interactions: Vec<Interaction>,
    feedback: Vec<Feedback>,
}

const SAMPLE: &str = include_str!("data/sample_care.json");

fn minutes(seconds: Option<f64>) -> String {
    seconds.map_or_else(|| "-".to_owned(), |s| format!("{:.0} min", s / 60.0))
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", 100.0 * r))
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

    // Service clocks per channel and per direction, in calendar time,
    // measured as of the last event in the sample. A `Breakdown` keeps one
    // mergeable `ClockSummary` per key (durations per clock and the
    // one-touch FCR rate). Outbound (proactive) cases are kept apart: their
    // clocks start at the customer's first message.
    let as_of = data
        .interactions
        .iter()
        .filter_map(|i| i.events().last().map(carekit::Event::at))
        .max()
        .unwrap_or_default();
    let template = ClockSummary::new(FcrConvention::OneTouch);
    let mut by_channel = Breakdown::new(template.clone());
    let mut by_direction = Breakdown::new(template);
    for i in &data.interactions {
        let clocks = InteractionClocks::measure(i, as_of, &CalendarTime, FcrConvention::OneTouch)?;
        by_channel.push(i.channel(), &clocks)?;
        by_direction.push(i.direction(), &clocks)?;
    }
    println!("\nservice clocks by channel (calendar time):");
    for (channel, summary) in &by_channel {
        print_clocks(channel.name(), summary)?;
    }
    println!("service clocks by direction:");
    for (direction, summary) in &by_direction {
        print_clocks(&direction.to_string(), summary)?;
    }
    let all = by_channel.total()?;
    let fcr = all.fcr();
    let fcr_ci = fcr.proportion_interval(Confidence::NINETY_FIVE)?;
    println!(
        "  all           {:>3} cases, FCR {} (95% CI {}–{}), {} reopens per case",
        all.n(),
        percent(fcr.rate()),
        percent(fcr_ci.map(carekit::stats::Interval::low)),
        percent(fcr_ci.map(carekit::stats::Interval::high)),
        all.reopens_per_interaction()
            .map_or_else(|| "-".to_owned(), |r| format!("{r:.2}")),
    );

    survey_scores(&data.feedback)?;
    scores_by_channel(&data)?;
    let comments: Vec<&str> = data.feedback.iter().filter_map(Feedback::comment).collect();
    println!("comments: {}", comments.join(" | "));
    Ok(())
}

/// One line of clocks: cases, first reply p50 and p90, FCR.
fn print_clocks(label: &str, summary: &ClockSummary) -> Result<(), carekit::Error> {
    let p = summary
        .first_reply()
        .percentiles(&[0.5, 0.9], PercentileMethod::Linear)?
        .unwrap_or_default();
    println!(
        "  {:<13} {:>3} cases, first reply p50 {} p90 {}, FCR {}",
        label,
        summary.n(),
        minutes(p.first().copied()),
        minutes(p.get(1).copied()),
        percent(summary.fcr().rate()),
    );
    Ok(())
}

/// NPS, CSAT and CES with 95% intervals.
fn survey_scores(feedback: &[Feedback]) -> Result<(), carekit::Error> {
    // Survey scores: one accumulator per score, fed straight from the
    // feedback records (each skips the other surveys' answers).
    let confidence = Confidence::NINETY_FIVE;
    let mut nps = Nps::default();
    nps.extend(feedback)?;
    let s = nps.summary(confidence, NpsIntervalMethod::Wald)?;
    if let (Some(score), Some(ci)) = (s.score(), s.interval()) {
        println!(
            "\nNPS {score:+.1} (95% CI {:+.1} to {:+.1}) from {} answers: {} promoters, {} passives, {} detractors",
            ci.low(),
            ci.high(),
            s.n(),
            s.promoters(),
            s.passives(),
            s.detractors()
        );
    }
    let mut csat = Csat::default();
    csat.extend(feedback)?;
    let s = csat.summary(confidence)?;
    if let (Some(pct), Some(mean), Some(ci)) = (s.percent(), s.mean(), s.percent_interval()) {
        println!(
            "CSAT {pct:.1}% satisfied (top-2-box, 95% CI {:.1}–{:.1}%), mean {mean:.2} of {} ratings",
            ci.low(),
            ci.high(),
            s.n()
        );
    }
    let mut ces = Ces::default();
    ces.extend(feedback)?;
    let s = ces.summary(confidence)?;
    if let (Some(mean), Some(net), Some(ci)) = (s.mean(), s.net(), s.interval()) {
        println!(
            "CES mean {mean:.2} on 1..=7 (95% CI {:.2}–{:.2}), net easy {net:+.1} from {} ratings",
            ci.low(),
            ci.high(),
            s.n()
        );
    }

    Ok(())
}

/// NPS and CSAT by the channel of the case each answer rates.
fn scores_by_channel(data: &SampleData) -> Result<(), carekit::Error> {
    // The same scores broken down by the channel of the case they rate.
    let channel_of: HashMap<&InteractionId, Channel> = data
        .interactions
        .iter()
        .map(|i| (i.id(), i.channel()))
        .collect();
    let mut nps_by = Breakdown::new(Nps::default());
    let mut csat_by = Breakdown::new(Csat::default());
    for f in &data.feedback {
        let Some(channel) = f.interaction().and_then(|i| channel_of.get(i)).copied() else {
            continue;
        };
        if let Some(score) = f.answer().nps() {
            nps_by.push(channel, score)?;
        }
        if let Some(rating) = f.answer().csat() {
            csat_by.push(channel, rating)?;
        }
    }
    println!("\nby channel:");
    let channels: BTreeSet<Channel> = nps_by
        .iter()
        .map(|(c, _)| *c)
        .chain(csat_by.iter().map(|(c, _)| *c))
        .collect();
    let show = |x: Option<f64>, fmt: fn(f64) -> String| x.map_or_else(|| "-".to_owned(), fmt);
    for channel in channels {
        let n = nps_by.get(&channel);
        let c = csat_by.get(&channel);
        println!(
            "  {:<13} NPS {:>4} (n={:>2})   CSAT {:>4} satisfied (n={:>2})",
            channel.to_string(),
            show(n.and_then(Nps::score), |v| format!("{v:+.0}")),
            n.map_or(0, Nps::n),
            show(c.and_then(Csat::percent), |v| format!("{v:.0}%")),
            c.map_or(0, Csat::n),
        );
    }
    Ok(())
}
