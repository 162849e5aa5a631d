//! Durations, exact percentiles and the quantile sketch.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    reason = "a benchmark program: a panic is a failed run"
)]

use carekit::metrics::{Durations, DurationsParts, PercentileMethod, QuantileSketch};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Deterministic exponential durations (mean 300 s), `SplitMix64`.
fn durations(n: usize) -> Vec<f64> {
    let mut state = 0x00D0_0A71_0005_u64;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let u = (z >> 11) as f64 / (1_u64 << 53) as f64;
            -(1.0 - u).ln() * 300.0
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("durations");
    for n in [10_000_usize, 1_000_000] {
        let values = durations(n);
        let d = Durations::from_seconds(&values).unwrap();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("p50+p90", n), &d, |b, d| {
            b.iter(|| {
                d.percentiles(&[0.5, 0.9], PercentileMethod::Linear)
                    .unwrap()
            });
        });
        g.bench_with_input(BenchmarkId::new("mean", n), &d, |b, d| b.iter(|| d.mean()));
        g.bench_with_input(
            BenchmarkId::new("from_parts + p50+p90", n),
            &values,
            |b, v| {
                b.iter_batched(
                    || v.clone(),
                    |seconds| {
                        Durations::from_parts(DurationsParts { seconds })
                            .unwrap()
                            .percentiles(&[0.5, 0.9], PercentileMethod::Linear)
                            .unwrap()
                    },
                    criterion::BatchSize::LargeInput,
                );
            },
        );
        g.bench_with_input(BenchmarkId::new("sketch insert", n), &values, |b, v| {
            b.iter(|| {
                let mut s = QuantileSketch::new(0.01).unwrap();
                s.extend_f64(v).unwrap();
                s
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
