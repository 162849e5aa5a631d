//! Survey-score workloads: NPS and CSAT over `u8` columns; NPS, CSAT and
//! CES over 64-byte caller structs and over `Feedback` records, plain and
//! grouped by a key field; NPS grouped by a key column; and the
//! query-engine kernels that take one group index per row.
//!
//! Columns come from `--data DIR` (`score.u8`, `channel.u8`, `tier.u8`)
//! when given, otherwise from `SplitMix` with fixed seeds: scores uniform
//! in 0..=10, channels in 0..6, tiers in 0..4, CSAT ratings in 1..=5, CES
//! ratings in 1..=7.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark on generated, valid data: a panic is a failed run"
)]

use carekit::metrics::{Breakdown, Ces, Csat, Nps, RowMask};
use carekit::{CsatRating, CustomerId, Feedback, NpsScore};

use super::{Config, SplitMix, report};

pub(crate) fn generated(seed: u64, n: usize, modulo: u64, offset: u8) -> Vec<u8> {
    let mut g = SplitMix::new(seed);
    (0..n).map(|_| g.below(modulo) as u8 + offset).collect()
}

/// A raw column from `--data` (cut or cycled to `n` rows), or generated.
pub(crate) fn column(
    cfg: &Config,
    name: &str,
    n: usize,
    seed: u64,
    modulo: u64,
    offset: u8,
) -> Vec<u8> {
    match cfg.raw(name) {
        Some(raw) if !raw.is_empty() => raw.iter().copied().cycle().take(n).collect(),
        _ => generated(seed, n, modulo, offset),
    }
}

/// A 64-byte record like a caller's survey row.
#[derive(Clone, Copy)]
#[repr(C)]
struct Row {
    id: u64,
    at: i64,
    agent: u32,
    channel: u8,
    score: u8,
    csat: u8,
    ces: u8,
    pad: [u8; 40],
}

/// The memory-bandwidth yardstick for a record path: a plain sum of one
/// `u64` per record (every cache line read once), printed as a `std` line
/// so that a record path can be read as a fraction of it.
fn memory_reference<T>(cfg: &Config, what: &str, rows: &[T], field: impl Fn(&T) -> u64) -> f64 {
    let mut best = std::time::Duration::MAX;
    for _ in 0..cfg.reps() {
        let t = std::time::Instant::now();
        let sum = rows.iter().fold(0_u64, |a, r| a.wrapping_add(field(r)));
        std::hint::black_box(sum);
        best = best.min(t.elapsed());
    }
    let secs = best.as_secs_f64();
    let rate = rows.len() as f64 / secs / 1e6;
    println!(
        "# memory reference: {:.1} GB/s",
        rows.len() as f64 * size_of::<T>() as f64 / secs / 1e9
    );
    let work = format!("read {what}");
    println!("{work} | std | 1 | {:.3} | {rate:.1}", secs * 1e3);
    cfg.record(&work, "std", rate);
    rate
}

/// Prints this concept's report lines.
pub(crate) fn run(cfg: &Config) {
    let n10 = cfg.rows(10_000_000);
    let scores = column(cfg, "score.u8", n10, 1, 11, 0);
    report(cfg, "nps u8 column 10M", n10, || {
        let mut nps = Nps::default();
        nps.extend_u8(&scores).map(|()| nps)
    });

    let n100 = cfg.rows(100_000_000);
    let big = column(cfg, "score.u8", n100, 1, 11, 0);
    report(cfg, "nps u8 column 100M", n100, || {
        let mut nps = Nps::default();
        nps.extend_u8(&big).map(|()| nps)
    });
    drop(big);

    let channels = column(cfg, "channel.u8", n10, 2, 6, 0);
    report(cfg, "nps by 6-value key 10M", n10, || {
        let mut by = Breakdown::<u8, Nps>::default();
        by.extend_grouped(&channels, &scores).map(|()| by)
    });
    let tiers = column(cfg, "tier.u8", n10, 3, 4, 0);
    report(cfg, "nps by 4-value key 10M", n10, || {
        let mut by = Breakdown::<u8, Nps>::default();
        by.extend_grouped(&tiers, &scores).map(|()| by)
    });
    drop(tiers);

    let ratings = generated(4, n10, 5, 1);
    report(cfg, "csat u8 column 10M", n10, || {
        let mut csat = Csat::default();
        csat.extend_u8(&ratings).map(|()| csat)
    });
    let efforts = generated(5, n10, 7, 1);
    report(cfg, "ces u8 column 10M", n10, || {
        let mut ces = Ces::default();
        ces.extend_u8(&efforts).map(|()| ces)
    });

    structs(cfg, &scores, &channels, &ratings, &efforts);
    feedback(cfg, &scores);
    group_indices(cfg, &scores, &channels, &ratings);
}

/// Scores from 64-byte caller structs, plain and grouped by a key field.
fn structs(cfg: &Config, scores: &[u8], channels: &[u8], ratings: &[u8], efforts: &[u8]) {
    let n10 = scores.len();
    let rows: Vec<Row> = (0..n10)
        .map(|i| Row {
            id: i as u64,
            at: i64::try_from(i).unwrap_or(i64::MAX),
            agent: (i % 97) as u32,
            channel: channels[i],
            score: scores[i],
            csat: ratings[i],
            ces: efforts[i],
            pad: [0; 40],
        })
        .collect();
    assert_eq!(size_of::<Row>(), 64);
    memory_reference(cfg, "64-byte structs 10M", &rows, |r| r.id);
    report(cfg, "nps 64-byte structs 10M, extend_by", n10, || {
        let mut nps = Nps::default();
        nps.extend_by(&rows, |r| r.score).map(|()| nps)
    });
    // Again right after, so that the ceiling is read in the same machine
    // state as the path (the table takes the better of the two).
    memory_reference(cfg, "64-byte structs 10M", &rows, |r| r.id);
    report(cfg, "csat 64-byte structs 10M, extend_by", n10, || {
        let mut csat = Csat::default();
        csat.extend_by(&rows, |r| r.csat).map(|()| csat)
    });
    report(cfg, "ces 64-byte structs 10M, extend_by", n10, || {
        let mut ces = Ces::default();
        ces.extend_by(&rows, |r| r.ces).map(|()| ces)
    });
    report(
        cfg,
        "nps by channel 64-byte structs 10M, extend(pairs)",
        n10,
        || {
            let mut by = Breakdown::<u8, Nps>::default();
            by.extend(rows.iter().map(|r| (r.channel, r.score)))
                .map(|()| by)
        },
    );
    report(
        cfg,
        "nps by channel 64-byte structs 10M, extend_grouped_by",
        n10,
        || {
            let mut by = Breakdown::<u8, Nps>::default();
            by.extend_grouped_by(&rows, |r| (r.channel, r.score))
                .map(|()| by)
        },
    );
    report(
        cfg,
        "csat by channel 64-byte structs 10M, extend_grouped_by",
        n10,
        || {
            let mut by = Breakdown::<u8, Csat>::default();
            by.extend_grouped_by(&rows, |r| (r.channel, r.csat))
                .map(|()| by)
        },
    );
    report(
        cfg,
        "ces by channel 64-byte structs 10M, extend_grouped_by",
        n10,
        || {
            let mut by = Breakdown::<u8, Ces>::default();
            by.extend_grouped_by(&rows, |r| (r.channel, r.ces))
                .map(|()| by)
        },
    );
    std::hint::black_box(rows.first().map(|r| (r.id, r.at, r.agent, r.pad)));
}

/// Scores from `Feedback` records.
fn feedback(cfg: &Config, scores: &[u8]) {
    let n = cfg.rows(5_000_000);
    let at = chrono::DateTime::from_timestamp(1_704_067_200, 0).unwrap();
    let customers: Vec<CustomerId> = (0..1000)
        .map(|i| CustomerId::new(&format!("c-{i}")).unwrap())
        .collect();
    let nps: Vec<Feedback> = (0..n)
        .map(|i| {
            let s = NpsScore::new(scores[i % scores.len()]).unwrap();
            Feedback::builder(customers[i % 1000].clone(), at, s).build()
        })
        .collect();
    let what = format!("{}-byte Feedback 5M", size_of::<Feedback>());
    memory_reference(cfg, &what, &nps, |f| f.customer().as_str().len() as u64);
    report(cfg, &format!("nps {what}, extend"), n, || {
        let mut acc = Nps::default();
        acc.extend(&nps).map(|()| acc)
    });
    memory_reference(cfg, &what, &nps, |f| f.customer().as_str().len() as u64);
    drop(nps);
    let mut g = SplitMix::new(6);
    let csat: Vec<Feedback> = (0..n)
        .map(|i| {
            let r = CsatRating::on_default_scale(g.below(5) as u8 + 1).unwrap();
            Feedback::builder(customers[i % 1000].clone(), at, r).build()
        })
        .collect();
    report(cfg, &format!("csat {what}, extend"), n, || {
        let mut acc = Csat::default();
        acc.extend(&csat).map(|()| acc)
    });
}

/// The query-engine kernels: one group index per row, in batches of 8192
/// rows (`DataFusion`'s default batch size), 6 or 10,000 groups.
fn group_indices(cfg: &Config, scores: &[u8], channels: &[u8], ratings: &[u8]) {
    const BATCH: usize = 8192;
    let n = scores.len();
    let mut g = SplitMix::new(7);
    for groups_n in [6_usize, 10_000] {
        let indices: Vec<usize> = if groups_n == 6 {
            channels.iter().map(|&c| usize::from(c)).collect()
        } else {
            (0..n).map(|_| g.below(groups_n as u64) as usize).collect()
        };
        report(
            cfg,
            &format!("nps grouped by row index 10M, {groups_n} groups"),
            n,
            || {
                let mut groups = vec![Nps::default(); groups_n];
                for (ix, sc) in indices.chunks(BATCH).zip(scores.chunks(BATCH)) {
                    Nps::extend_grouped(&mut groups, ix, sc).unwrap();
                }
                groups
            },
        );
        // Every 16th row null.
        let mask: Vec<u8> = (0..n.div_ceil(8))
            .map(|i| if i % 2 == 0 { 0xFE } else { 0xFF })
            .collect();
        report(
            cfg,
            &format!("nps grouped by row index 10M, {groups_n} groups, validity mask"),
            n,
            || {
                let mut groups = vec![Nps::default(); groups_n];
                for (b, (ix, sc)) in indices.chunks(BATCH).zip(scores.chunks(BATCH)).enumerate() {
                    let rows = RowMask::new(&mask, b * BATCH);
                    Nps::extend_grouped_masked(&mut groups, ix, sc, rows).unwrap();
                }
                groups
            },
        );
        report(
            cfg,
            &format!("csat grouped by row index 10M, {groups_n} groups"),
            n,
            || {
                let mut groups = vec![Csat::default(); groups_n];
                for (ix, r) in indices.chunks(BATCH).zip(ratings.chunks(BATCH)) {
                    Csat::extend_grouped(&mut groups, ix, r).unwrap();
                }
                groups
            },
        );
    }
}
