//! A metrics service fed by shards: two regional services each compute
//! partial scores over their own customers (NPS, CSAT, CES, service clocks
//! with first-contact resolution, and a first-reply quantile sketch), ship
//! them as JSON, and a third service deserialises, merges and reports them
//! with 95% confidence intervals.
//!
//! ```text
//! cargo run --example metrics_service
//! ```
//!
//! The data is the bundled sample (`examples/data/sample_care.json`,
//! embedded with `include_str!`): customers with an odd number are served
//! by the "north" shard, the others by "south". At the end the service
//! checks that the merged partials give exactly the numbers of one pass
//! over all the data: merging is exact, not an approximation.

use std::collections::HashSet;

use carekit::calendar::CalendarTime;
use carekit::metrics::{ClockSummary, FcrConvention, InteractionClocks, PercentileMethod};
use carekit::stats::{Interval, NpsIntervalMethod};
use carekit::{
    Ces, Confidence, Csat, Customer, CustomerId, Feedback, Interaction, Nps, QuantileSketch,
};
use chrono::{DateTime, Utc};

const SAMPLE: &str = include_str!("data/sample_care.json");

/// The sample file.
#[derive(serde::Deserialize)]
struct SampleData {
    customers: Vec<Customer>,
    interactions: Vec<Interaction>,
    feedback: Vec<Feedback>,
}

/// What a shard ships: every accumulator in its serde form. The service
/// needs nothing else to merge and report.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Partial {
    shard: String,
    as_of: DateTime<Utc>,
    nps: Nps,
    csat: Csat,
    ces: Ces,
    clocks: ClockSummary,
    first_reply_sketch: QuantileSketch,
}

impl Partial {
    fn empty(shard: &str, as_of: DateTime<Utc>) -> Result<Self, carekit::Error> {
        Ok(Self {
            shard: shard.to_owned(),
            as_of,
            nps: Nps::default(),
            csat: Csat::default(),
            ces: Ces::default(),
            clocks: ClockSummary::new(FcrConvention::OneTouch),
            // 1% relative accuracy: p90 of 600 s is reported within ±6 s.
            first_reply_sketch: QuantileSketch::new(0.01)?,
        })
    }

    /// One shard's work: scores over the feedback and clocks over the
    /// interactions of the customers it serves.
    fn compute(
        shard: &str,
        data: &SampleData,
        serves: &HashSet<&CustomerId>,
        as_of: DateTime<Utc>,
    ) -> Result<Self, carekit::Error> {
        let mut p = Self::empty(shard, as_of)?;
        let feedback: Vec<&Feedback> = data
            .feedback
            .iter()
            .filter(|f| serves.contains(f.customer()))
            .collect();
        p.nps.extend(feedback.iter().copied())?;
        p.csat.extend(feedback.iter().copied())?;
        p.ces.extend(feedback.iter().copied())?;
        for i in data
            .interactions
            .iter()
            .filter(|i| serves.contains(i.customer()))
        {
            let clocks =
                InteractionClocks::measure(i, as_of, &CalendarTime, FcrConvention::OneTouch)?;
            if let Some(first) = clocks.first_reply() {
                p.first_reply_sketch.push(first.as_seconds_f64())?;
            }
            p.clocks.push(&clocks)?;
        }
        Ok(p)
    }

    /// The service's merge: conventions that differ are refused, not mixed.
    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        self.nps.merge(&other.nps)?;
        self.csat.merge(&other.csat)?;
        self.ces.merge(&other.ces)?;
        self.clocks.merge(&other.clocks)?;
        self.first_reply_sketch.merge(&other.first_reply_sketch)?;
        self.as_of = self.as_of.max(other.as_of);
        Ok(())
    }
}

fn range(ci: Option<Interval>, fmt: fn(f64) -> String) -> String {
    ci.map_or_else(
        || "no interval".to_owned(),
        |ci| format!("95% CI {} to {}", fmt(ci.low()), fmt(ci.high())),
    )
}

fn minutes(seconds: f64) -> String {
    format!("{:.0} min", seconds / 60.0)
}

fn report(all: &Partial) -> Result<(), carekit::Error> {
    let confidence = Confidence::NINETY_FIVE;
    println!(
        "\nreport as of {} (calendar time)",
        all.as_of.format("%Y-%m-%d %H:%M UTC")
    );

    let s = all
        .nps
        .summary(confidence, NpsIntervalMethod::AdjustedWald)?;
    if let Some(score) = s.score() {
        println!(
            "  NPS            {score:+6.1}   {} (adjusted Wald), {} answers: {} promoters, {} passives, {} detractors",
            range(s.interval(), |v| format!("{v:+.1}")),
            s.n(),
            s.promoters(),
            s.passives(),
            s.detractors(),
        );
    }
    let s = all.csat.summary(confidence)?;
    if let Some(pct) = s.percent() {
        println!(
            "  CSAT           {pct:5.1}%   {} (Wilson), {} of {} ratings are 4 or 5",
            range(s.percent_interval(), |v| format!("{v:.1}%")),
            s.satisfied(),
            s.n(),
        );
    }
    let s = all.ces.summary(confidence)?;
    if let (Some(mean), Some(net)) = (s.mean(), s.net()) {
        println!(
            "  CES mean       {mean:6.2}   {} (normal), net easy {net:+.1} from {} ratings on 1..=7",
            range(s.interval(), |v| format!("{v:.2}")),
            s.n(),
        );
    }

    let clocks = &all.clocks;
    let first = clocks.first_reply();
    if let (Some(mean), Some(p)) = (
        first.mean(),
        first.percentiles(&[0.5, 0.9], PercentileMethod::Linear)?,
    ) {
        println!(
            "  first reply    {:>6}   mean, {} (normal); p50 {}, p90 {} over {} replies",
            minutes(mean),
            range(first.mean_interval(confidence)?, minutes),
            minutes(p.first().copied().unwrap_or_default()),
            minutes(p.get(1).copied().unwrap_or_default()),
            first.n(),
        );
    }
    if let Some(q) = all.first_reply_sketch.quantiles(&[0.5, 0.9])? {
        println!(
            "  sketch (±1%)             p50 {}, p90 {} from {} values (merged shard sketches)",
            minutes(q.first().copied().unwrap_or_default()),
            minutes(q.get(1).copied().unwrap_or_default()),
            all.first_reply_sketch.n(),
        );
    }
    let resolution = clocks.full_resolution();
    if let Some(p) = resolution.percentiles(&[0.5, 0.9], PercentileMethod::Linear)? {
        println!(
            "  resolution     p50 {}, p90 {} over {} solved cases",
            minutes(p.first().copied().unwrap_or_default()),
            minutes(p.get(1).copied().unwrap_or_default()),
            resolution.n(),
        );
    }
    let fcr = clocks.fcr();
    if let Some(rate) = fcr.rate() {
        println!(
            "  FCR            {:5.1}%   {} (Wilson, {}), {} of {} eligible cases",
            100.0 * rate,
            range(fcr.proportion_interval(confidence)?, |v| format!(
                "{:.1}%",
                100.0 * v
            )),
            fcr.convention(),
            fcr.resolved(),
            fcr.n(),
        );
    }
    if let Some(per) = clocks.reopens_per_interaction() {
        println!(
            "  reopens        {per:5.2}    per interaction, over {} interactions",
            clocks.n()
        );
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data: SampleData = serde_json::from_str(SAMPLE)?;
    // "Now" is a parameter: the last event in the sample.
    let as_of = data
        .interactions
        .iter()
        .filter_map(|i| i.events().last().map(carekit::Event::at))
        .max()
        .ok_or("the sample has no events")?;

    // Shards split the customers: north serves odd customer numbers.
    let odd = |c: &Customer| {
        c.id()
            .as_str()
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_digit() && (b - b'0') % 2 == 1)
    };
    let north: HashSet<&CustomerId> = data
        .customers
        .iter()
        .filter(|c| odd(c))
        .map(Customer::id)
        .collect();
    let south: HashSet<&CustomerId> = data
        .customers
        .iter()
        .filter(|c| !odd(c))
        .map(Customer::id)
        .collect();

    // 1. Each shard computes and ships its partial as JSON.
    let shipped = [
        serde_json::to_string(&Partial::compute("north", &data, &north, as_of)?)?,
        serde_json::to_string(&Partial::compute("south", &data, &south, as_of)?)?,
    ];
    println!("carekit metrics service: two shards ship partial scores as JSON");
    for json in &shipped {
        let p: Partial = serde_json::from_str(json)?;
        println!(
            "  {:<6} {:>5} bytes: {} NPS answers, {} CSAT, {} CES, {} interactions",
            p.shard,
            json.len(),
            p.nps.n(),
            p.csat.n(),
            p.ces.n(),
            p.clocks.n(),
        );
    }
    let preview: String = shipped[0].chars().take(96).collect();
    println!("  north starts: {preview}...");

    // 2. The service deserialises (validating every field) and merges.
    let mut merged = Partial::empty("service", as_of)?;
    for json in &shipped {
        merged.merge(&serde_json::from_str::<Partial>(json)?)?;
    }
    report(&merged)?;

    // 3. Merging is exact: one pass over every customer gives the same
    //    numbers (durations are compared through their statistics because
    //    their stored order depends on the merge order).
    let everyone: HashSet<&CustomerId> = north.union(&south).copied().collect();
    let one = Partial::compute("one pass", &data, &everyone, as_of)?;
    let same_durations =
        |a: &carekit::Durations, b: &carekit::Durations| -> Result<bool, carekit::Error> {
            let qs = [0.0, 0.1, 0.5, 0.9, 1.0];
            Ok(a.n() == b.n()
                && a.sum().to_bits() == b.sum().to_bits() // the sum is exact, in any order
                && a.percentiles(&qs, PercentileMethod::Linear)?
                    == b.percentiles(&qs, PercentileMethod::Linear)?)
        };
    let exact = merged.nps == one.nps
        && merged.csat == one.csat
        && merged.ces == one.ces
        && merged.clocks.fcr() == one.clocks.fcr()
        && merged.clocks.n() == one.clocks.n()
        && same_durations(merged.clocks.first_reply(), one.clocks.first_reply())?
        && same_durations(
            merged.clocks.full_resolution(),
            one.clocks.full_resolution(),
        )?
        && merged.first_reply_sketch == one.first_reply_sketch;
    println!(
        "\nmerged shards equal one pass over all data: {}",
        if exact { "yes" } else { "NO" }
    );
    if !exact {
        return Err("merged partials differ from one pass".into());
    }

    // 4. A shard with another convention is refused, not mixed in.
    let mut foreign = Partial::empty("foreign", as_of)?;
    foreign.nps = Nps::new(carekit::NpsConfig::new(5, 8)?);
    let refused = merged.clone().merge(&foreign);
    if let Err(e) = refused {
        println!("a shard counting promoters from 8 is refused: {e}");
    }
    Ok(())
}
