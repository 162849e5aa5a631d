//! Survey-score workloads: NPS and CSAT over `u8` columns, NPS
//! over 64-byte caller structs, and NPS grouped by a key column.
//!
//! Columns come from `--data DIR` (`score.u8`, `channel.u8`, `tier.u8`)
//! when given, otherwise from `SplitMix` with fixed seeds: scores uniform
//! in 0..=10, channels in 0..6, tiers in 0..4, CSAT ratings in 1..=5.

use carekit::metrics::{Breakdown, Csat, Nps};

use super::{Config, SplitMix, report};

fn generated(seed: u64, n: usize, modulo: u64, offset: u8) -> Vec<u8> {
    let mut g = SplitMix::new(seed);
    (0..n).map(|_| g.below(modulo) as u8 + offset).collect()
}

/// A raw column from `--data` (cut or cycled to `n` rows), or generated.
fn column(cfg: &Config, name: &str, n: usize, seed: u64, modulo: u64, offset: u8) -> Vec<u8> {
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
    pad: [u8; 42],
}

/// The memory-bandwidth yardstick for the struct path: a plain sum of one
/// `u64` per 64-byte record (every cache line read once), printed as a
/// `std` line so the struct path can be read as a fraction of it.
fn memory_reference(cfg: &Config, rows: &[Row]) {
    let mut best = std::time::Duration::MAX;
    for _ in 0..cfg.reps() {
        let t = std::time::Instant::now();
        let sum = rows.iter().fold(0_u64, |a, r| a.wrapping_add(r.id));
        std::hint::black_box(sum);
        best = best.min(t.elapsed());
    }
    let secs = best.as_secs_f64();
    println!(
        "read 64-byte structs 10M (memory reference, {:.1} GB/s) | std | 1 | {:.3} | {:.1}",
        rows.len() as f64 * 64.0 / secs / 1e9,
        secs * 1e3,
        rows.len() as f64 / secs / 1e6
    );
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

    let rows: Vec<Row> = scores
        .iter()
        .enumerate()
        .map(|(i, &score)| Row {
            id: i as u64,
            at: i64::try_from(i).unwrap_or(i64::MAX),
            agent: (i % 97) as u32,
            channel: (i % 6) as u8,
            score,
            pad: [0; 42],
        })
        .collect();
    assert_eq!(std::mem::size_of::<Row>(), 64);
    report(cfg, "nps 64-byte structs 10M", n10, || {
        let mut nps = Nps::default();
        nps.extend_by(&rows, |r| r.score).map(|()| nps)
    });
    memory_reference(cfg, &rows);
    std::hint::black_box(
        rows.first()
            .map(|r| (r.id, r.at, r.agent, r.channel, r.pad)),
    );
    drop(rows);

    let channels = column(cfg, "channel.u8", n10, 2, 6, 0);
    report(cfg, "nps by 6-value key", n10, || {
        let mut by = Breakdown::<u8, Nps>::default();
        by.extend_grouped(&channels, &scores).map(|()| by)
    });
    let tiers = column(cfg, "tier.u8", n10, 3, 4, 0);
    report(cfg, "nps by 4-value key", n10, || {
        let mut by = Breakdown::<u8, Nps>::default();
        by.extend_grouped(&tiers, &scores).map(|()| by)
    });

    let ratings = generated(4, n10, 5, 1);
    report(cfg, "csat u8 column 10M", n10, || {
        let mut csat = Csat::default();
        csat.extend_u8(&ratings).map(|()| csat)
    });
}
