//! Survey-score kernels: NPS over a `u8` column, over 64-byte
//! caller structs, grouped by a key column, and CSAT over a column.
//!
//! ```text
//! cargo bench --bench scores
//! ```
#![allow(
    missing_docs,
    clippy::cast_possible_truncation,
    clippy::unwrap_used,
    reason = "a benchmark program: criterion's macros generate undocumented items; data generation truncates on purpose"
)]

use std::hint::black_box;

use carekit::metrics::{Breakdown, Csat, Nps, RowMask};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ROWS: usize = 1_000_000;

/// `SplitMix64` with a fixed seed, so runs are comparable.
fn column(seed: u64, n: usize, modulo: u64, offset: u8) -> Vec<u8> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % modulo) as u8 + offset
        })
        .collect()
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
    _pad: [u8; 42],
}

fn scores(c: &mut Criterion) {
    let nps_col = column(1, ROWS, 11, 0);
    let keys = column(2, ROWS, 6, 0);
    let csat_col = column(3, ROWS, 5, 1);
    let rows: Vec<Row> = nps_col
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(i, (&score, &channel))| Row {
            id: i as u64,
            at: 0,
            agent: 0,
            channel,
            score,
            _pad: [0; 42],
        })
        .collect();

    let mut g = c.benchmark_group("scores");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("nps u8 column 1M", |b| {
        b.iter(|| {
            let mut n = Nps::default();
            n.extend_u8(black_box(&nps_col)).unwrap();
            n
        });
    });
    g.bench_function("nps 64-byte structs 1M", |b| {
        b.iter(|| {
            let mut n = Nps::default();
            n.extend_by(black_box(&rows), |r| r.score).unwrap();
            n
        });
    });
    g.bench_function("nps by 6-value key 1M", |b| {
        b.iter(|| {
            let mut by = Breakdown::<u8, Nps>::default();
            by.extend_grouped(black_box(&keys), black_box(&nps_col))
                .unwrap();
            by
        });
    });
    g.bench_function("csat 64-byte structs 1M", |b| {
        b.iter(|| {
            let mut s = Csat::default();
            s.extend_by(black_box(&rows), |r| r.channel % 5 + 1)
                .unwrap();
            s
        });
    });
    g.bench_function("nps by channel 64-byte structs 1M", |b| {
        b.iter(|| {
            let mut by = Breakdown::<u8, Nps>::default();
            by.extend_grouped_by(black_box(&rows), |r| (r.channel, r.score))
                .unwrap();
            by
        });
    });
    let indices: Vec<usize> = keys.iter().map(|&k| usize::from(k)).collect();
    g.bench_function("nps by row group index 1M, 6 groups", |b| {
        b.iter(|| {
            let mut groups = vec![Nps::default(); 6];
            for (ix, sc) in indices.chunks(8192).zip(nps_col.chunks(8192)) {
                Nps::extend_grouped(&mut groups, ix, sc).unwrap();
            }
            groups
        });
    });
    // Every 16th row null.
    let valid: Vec<u8> = (0..ROWS.div_ceil(8))
        .map(|i| if i % 2 == 0 { 0xFE } else { 0xFF })
        .collect();
    g.bench_function("nps by row group index 1M, 6 groups, validity mask", |b| {
        b.iter(|| {
            let mut groups = vec![Nps::default(); 6];
            for (i, (ix, sc)) in indices.chunks(8192).zip(nps_col.chunks(8192)).enumerate() {
                let rows = RowMask::new(&valid, i * 8192);
                Nps::extend_grouped_masked(&mut groups, ix, sc, rows).unwrap();
            }
            groups
        });
    });
    g.bench_function("csat u8 column 1M", |b| {
        b.iter(|| {
            let mut s = Csat::default();
            s.extend_u8(black_box(&csat_col)).unwrap();
            s
        });
    });
    g.finish();
    black_box(rows.first().map(|r| (r.id, r.at, r.agent, r.channel)));
}

criterion_group!(benches, scores);
criterion_main!(benches);
