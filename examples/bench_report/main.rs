//! Side-by-side speed report.
//!
//! ```text
//! cargo run --release --example bench_report              # generated data, fixed seed
//! cargo run --release --example bench_report -- --quick   # small sizes (CI smoke run)
//! cargo run --release --example bench_report -- --data DIR
//! cargo run --release --example bench_report -- score.u8 channel.u8 tier.u8 dur.f64
//! ```
//!
//! Prints `work | tool | threads | ms | M rows/s` lines, one per workload,
//! so carekit can be compared with other tools (polars, numpy, pandas,
//! zen-engine) run on the same data. The raw columns `score.u8`,
//! `channel.u8`, `tier.u8` (one byte per row) and `dur.f64` (little-endian
//! f64 per row), given as arguments (matched by file name) or found in
//! `--data DIR`, replace the generated columns.
//!
//! Timing is wall-clock, best of several repetitions, single-threaded.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    reason = "a benchmark program: it reads files, times with Instant and does index arithmetic on generated data"
)]

mod calendar;
mod compensation;
mod durations;
mod scores;

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Run settings.
pub(crate) struct Config {
    /// Small sizes and few repetitions (CI smoke run).
    pub(crate) quick: bool,
    /// Directory with raw columns, if given.
    pub(crate) data: Option<PathBuf>,
    /// Raw column files given as arguments.
    pub(crate) files: Vec<PathBuf>,
}

impl Config {
    /// `full` rows normally, `full / 1000` (at least 1000) when quick.
    pub(crate) fn rows(&self, full: usize) -> usize {
        if self.quick {
            (full / 1000).max(1000)
        } else {
            full
        }
    }

    /// Repetitions per measurement.
    pub(crate) fn reps(&self) -> usize {
        if self.quick { 1 } else { 5 }
    }

    /// Reads a raw column named `name` (`score.u8`, ...) from the files
    /// given as arguments or from `--data`, if present.
    pub(crate) fn raw(&self, name: &str) -> Option<Vec<u8>> {
        if let Some(path) = self
            .files
            .iter()
            .find(|p| p.file_name().is_some_and(|f| f == name))
        {
            return std::fs::read(path).ok();
        }
        let dir = self.data.as_ref()?;
        std::fs::read(dir.join(name)).ok()
    }
}

/// Times `f` (best of `reps`) and prints one report line.
pub(crate) fn report<T>(cfg: &Config, work: &str, rows: usize, mut f: impl FnMut() -> T) {
    let mut best = Duration::MAX;
    for _ in 0..cfg.reps() {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    let ms = best.as_secs_f64() * 1e3;
    let mrows = rows as f64 / best.as_secs_f64() / 1e6;
    println!("{work} | carekit | 1 | {ms:.3} | {mrows:.1}");
}

/// A small deterministic generator (`SplitMix64`), so every run and every
/// tool sees the same data.
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }
}

fn main() {
    let mut cfg = Config {
        quick: false,
        data: None,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => cfg.quick = true,
            "--data" => cfg.data = args.next().map(PathBuf::from),
            other if !other.starts_with("--") => cfg.files.push(PathBuf::from(other)),
            other => {
                eprintln!(
                    "unknown argument {other:?}; expected --quick, --data DIR or raw column files"
                );
                std::process::exit(2);
            }
        }
    }
    println!("work | tool | threads | ms | M rows/s");
    scores::run(&cfg);
    durations::run(&cfg);
    calendar::run(&cfg);
    compensation::run(&cfg);
}
