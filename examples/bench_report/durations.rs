//! Durations and quantile sketch workloads (exact p50+p90 of 10 M
//! f64 against polars; sketch insert ≥ 100 M values/s).
//!
//! Data: `dur.f64` from `--data` (little-endian f64 per row) when given,
//! else 10 M generated durations: exponential with mean 300 s (fixed seed),
//! rounded to milliseconds like helpdesk exports.
//!
//! The paths that start from `f64` seconds include building the
//! accumulator: `from_seconds` copies the caller's slice (and so pays for
//! fresh memory), `from_parts` takes over the caller's `Vec` and only
//! validates it.
#![allow(
    clippy::expect_used,
    reason = "a benchmark program: invalid data is a failed run"
)]

use carekit::metrics::{Durations, DurationsParts, PercentileMethod, QuantileSketch};

use super::{Config, SplitMix, report, report_with};

pub(crate) fn data(cfg: &Config) -> Vec<f64> {
    if let Some(raw) = cfg.raw("dur.f64") {
        return raw
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
    }
    let n = cfg.rows(10_000_000);
    let mut rng = SplitMix::new(0x00D0_0A71_0005);
    (0..n)
        .map(|_| (-(1.0 - rng.unit()).ln() * 300.0 * 1000.0).round() / 1000.0)
        .collect()
}

/// Prints this concept's report lines.
pub(crate) fn run(cfg: &Config) {
    let values = data(cfg);
    let rows = values.len();
    let durations = Durations::from_seconds(&values).expect("valid durations");
    let qs = [0.5, 0.9];
    report(cfg, "p50+p90 10M f64", rows, || {
        durations
            .percentiles(&qs, PercentileMethod::Linear)
            .expect("valid quantiles")
    });
    report(cfg, "mean 10M f64", rows, || durations.mean());
    drop(durations);
    report(cfg, "durations from_seconds 10M f64 (copies)", rows, || {
        Durations::from_seconds(&values).expect("valid durations")
    });
    report_with(
        cfg,
        "durations from_parts 10M f64 (takes the Vec)",
        rows,
        || values.clone(),
        |v| Durations::from_parts(DurationsParts { seconds: v }).expect("valid durations"),
    );
    report(
        cfg,
        "p50+p90 10M f64 seconds, from_seconds + percentiles",
        rows,
        || {
            Durations::from_seconds(&values)
                .expect("valid durations")
                .percentiles(&qs, PercentileMethod::Linear)
                .expect("valid quantiles")
        },
    );
    report_with(
        cfg,
        "p50+p90 10M f64 seconds, from_parts + percentiles",
        rows,
        || values.clone(),
        |v| {
            Durations::from_parts(DurationsParts { seconds: v })
                .expect("valid durations")
                .percentiles(&qs, PercentileMethod::Linear)
                .expect("valid quantiles")
        },
    );
    report(cfg, "sketch insert 10M", rows, || {
        let mut s = QuantileSketch::new(0.01).expect("valid accuracy");
        s.extend_f64(&values).expect("valid values");
        s
    });
    report(cfg, "p50+p90 10M f64 seconds, sketch", rows, || {
        let mut s = QuantileSketch::new(0.01).expect("valid accuracy");
        s.extend_f64(&values).expect("valid values");
        s.quantiles(&qs).expect("valid quantiles")
    });
}
