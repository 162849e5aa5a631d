//! Side-by-side speed report.
//!
//! ```text
//! cargo run --release --example bench_report              # generated data, fixed seed
//! cargo run --release --example bench_report -- --quick   # small sizes (CI smoke run)
//! cargo run --release --example bench_report -- --data DIR
//! cargo run --release --example bench_report -- score.u8 channel.u8 tier.u8 dur.f64
//! cargo run --release --example bench_report -- --only scores --only durations
//! cargo run --release --example bench_report -- --write-data DIR   # the generated columns, for other tools
//! cargo run --release --example bench_report -- --anchors FILE     # other tools' lines, for the ratios
//! cargo run --release --example bench_report -- --table --anchors FILE  # only the table, from saved lines
//! ```
//!
//! Prints `work | tool | threads | ms | M rows/s` lines, one per workload,
//! so carekit can be compared with other tools (polars, numpy, pandas,
//! zen-engine) run on the same data. The raw columns `score.u8`,
//! `channel.u8`, `tier.u8` (one byte per row) and `dur.f64` (little-endian
//! f64 per row), given as arguments (matched by file name) or found in
//! `--data DIR`, replace the generated columns; `--write-data DIR` writes
//! the generated ones there and exits. `--only` runs one section
//! (`scores`, `durations`, `calendar`, `compensation`; repeatable).
//!
//! The report ends with the paths users take, each beside its anchor (a
//! plain Rust loop or another carekit line from this run, or another
//! tool's line read from `--anchors FILE`, in the same line format, as
//! printed by `benches/anchors/anchors.py`), the ratio and its target.
//! `benches/anchors/run.sh` runs both in interleaved rounds.
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

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Run settings.
pub(crate) struct Config {
    /// Small sizes and few repetitions (CI smoke run).
    pub(crate) quick: bool,
    /// Directory with raw columns, if given.
    pub(crate) data: Option<PathBuf>,
    /// Raw column files given as arguments.
    pub(crate) files: Vec<PathBuf>,
    /// Sections to run (all when empty).
    only: Vec<String>,
    /// Other tools' lines: `(work, tool, M rows/s)`.
    anchors: Vec<(String, String, f64)>,
    /// This run's lines: `(work, tool, M rows/s)`.
    results: RefCell<Vec<(String, String, f64)>>,
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

    /// Keeps a measured rate for the closing table.
    pub(crate) fn record(&self, work: &str, tool: &str, rate: f64) {
        self.results
            .borrow_mut()
            .push((work.to_owned(), tool.to_owned(), rate));
    }

    /// The best rate of `work` by `tool` measured in this run or read
    /// from `--anchors` (several rounds: the best of them).
    fn rate(&self, work: &str, tool: &str) -> Option<f64> {
        let results = self.results.borrow();
        results
            .iter()
            .chain(&self.anchors)
            .filter(|(w, t, _)| w == work && t == tool)
            .map(|r| r.2)
            .reduce(f64::max)
    }

    fn runs(&self, section: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == section)
    }
}

/// Times `f` (best of `reps`), prints one report line and returns the rate
/// in M rows/s.
pub(crate) fn report<T>(cfg: &Config, work: &str, rows: usize, mut f: impl FnMut() -> T) -> f64 {
    report_with(cfg, work, rows, || (), |()| f())
}

/// As [`report`], with a fresh input from `setup` for each repetition
/// (not timed): for work that consumes its input.
pub(crate) fn report_with<I, T>(
    cfg: &Config,
    work: &str,
    rows: usize,
    mut setup: impl FnMut() -> I,
    mut f: impl FnMut(I) -> T,
) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..cfg.reps() {
        let input = setup();
        let t = Instant::now();
        std::hint::black_box(f(input));
        best = best.min(t.elapsed());
    }
    let ms = best.as_secs_f64() * 1e3;
    let mrows = rows as f64 / best.as_secs_f64() / 1e6;
    println!("{work} | carekit | 1 | {ms:.3} | {mrows:.1}");
    cfg.record(work, "carekit", mrows);
    mrows
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

/// Parses `work | tool | threads | ms | M rows/s` lines.
fn read_anchors(path: &Path) -> Vec<(String, String, f64)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", path.display());
        std::process::exit(2);
    });
    text.lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split(" | ").collect();
            match parts.as_slice() {
                [work, tool, _, _, rate] => Some((
                    (*work).to_owned(),
                    (*tool).to_owned(),
                    rate.trim().parse().ok()?,
                )),
                _ => None,
            }
        })
        .collect()
}

/// One row of the closing table: a path users take, its anchor, and the
/// ratio the path must reach (`higher is better` for both rates).
struct Path14 {
    path: &'static str,
    work: &'static str,
    anchor: &'static str,
    anchor_work: &'static str,
    anchor_tool: &'static str,
    /// The ratio carekit ÷ anchor must reach.
    target: f64,
    /// How the target reads.
    target_text: &'static str,
}

const PATHS: [Path14; 7] = [
    Path14 {
        path: "NPS over 64-byte caller structs, extend_by",
        work: "nps 64-byte structs 10M, extend_by",
        anchor: "a plain fold over the same structs (the DRAM ceiling)",
        anchor_work: "read 64-byte structs 10M",
        anchor_tool: "std",
        target: 0.8,
        target_text: ">= 0.80x",
    },
    Path14 {
        path: "NPS by channel from 64-byte structs, extend_grouped_by",
        work: "nps by channel 64-byte structs 10M, extend_grouped_by",
        anchor: "numpy 2-D bincount over the key and score columns",
        anchor_work: "nps by 6-value key 10M",
        anchor_tool: "numpy",
        target: 3.0,
        target_text: ">= 3x",
    },
    Path14 {
        path: "p50+p90 of 10M f64 seconds, from_parts + percentiles",
        work: "p50+p90 10M f64 seconds, from_parts + percentiles",
        anchor: "polars quantile (p50 and p90)",
        anchor_work: "p50+p90 10M f64",
        anchor_tool: "polars",
        target: 3.0,
        target_text: ">= 3x",
    },
    Path14 {
        path: "p50+p90 of 10M f64 seconds, sketch extend_f64 + quantiles",
        work: "p50+p90 10M f64 seconds, sketch",
        anchor: "polars quantile (p50 and p90)",
        anchor_work: "p50+p90 10M f64",
        anchor_tool: "polars",
        target: 2.0,
        target_text: ">= 2x",
    },
    Path14 {
        path: "compensation decision with its reason text",
        work: "compensation reference 64 round-robin + reason text",
        anchor: "the same decision without the text",
        anchor_work: "compensation reference 64 round-robin",
        anchor_tool: "carekit",
        target: 1.0 / 1.3,
        target_text: "cost <= 1.3x",
    },
    Path14 {
        path: "compensation with 10,000 prior grants",
        work: "compensation 10-limit 10000 grants",
        anchor: "the same with 100 grants",
        anchor_work: "compensation 10-limit 100 grants",
        anchor_tool: "carekit",
        target: 0.5,
        target_text: "cost <= 2x",
    },
    Path14 {
        path: "business-time add over a 10-year span in America/New_York",
        work: "business add 10 year span, America/New_York",
        anchor: "the same span in UTC",
        anchor_work: "business add 10 year span, UTC",
        anchor_tool: "carekit",
        target: 1.0 / 1.5,
        target_text: "cost <= 1.5x",
    },
];

/// Prints the closing table.
fn paths_table(cfg: &Config) {
    println!();
    println!("path | carekit M/s | anchor | anchor M/s | ratio | target | met");
    for p in &PATHS {
        let ours = cfg.rate(p.work, "carekit");
        let theirs = cfg.rate(p.anchor_work, p.anchor_tool);
        let show = |r: Option<f64>| r.map_or_else(|| "-".to_owned(), |r| format!("{r:.1}"));
        let ratio = ours.zip(theirs).map(|(a, b)| a / b);
        let met = ratio.map_or("not measured", |r| if r >= p.target { "yes" } else { "NO" });
        println!(
            "{} | {} | {} ({} {}) | {} | {} | {} | {met}",
            p.path,
            show(ours),
            p.anchor,
            p.anchor_tool,
            p.anchor_work,
            show(theirs),
            ratio.map_or_else(|| "-".to_owned(), |r| format!("{r:.2}x")),
            p.target_text,
        );
    }
}

fn main() {
    let mut cfg = Config {
        quick: false,
        data: None,
        files: Vec::new(),
        only: Vec::new(),
        anchors: Vec::new(),
        results: RefCell::new(Vec::new()),
    };
    let mut write_data = None;
    let mut table_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => cfg.quick = true,
            "--data" => cfg.data = args.next().map(PathBuf::from),
            "--only" => cfg.only.extend(args.next()),
            "--table" => table_only = true,
            "--write-data" => write_data = args.next().map(PathBuf::from),
            "--anchors" => {
                let file = args.next().map(PathBuf::from).unwrap_or_default();
                cfg.anchors.extend(read_anchors(&file));
            }
            other if !other.starts_with("--") => cfg.files.push(PathBuf::from(other)),
            other => {
                eprintln!(
                    "unknown argument {other:?}; expected --quick, --data DIR, --only SECTION, \
                     --write-data DIR, --anchors FILE, --table or raw column files"
                );
                std::process::exit(2);
            }
        }
    }
    if let Some(dir) = write_data {
        write_columns(&cfg, &dir);
        return;
    }
    if table_only {
        // Only the closing table, from the lines given with `--anchors`
        // (carekit's and other tools', any number of rounds).
        paths_table(&cfg);
        return;
    }
    println!("work | tool | threads | ms | M rows/s");
    if cfg.runs("scores") {
        scores::run(&cfg);
    }
    if cfg.runs("durations") {
        durations::run(&cfg);
    }
    if cfg.runs("calendar") {
        calendar::run(&cfg);
    }
    if cfg.runs("compensation") {
        compensation::run(&cfg);
    }
    paths_table(&cfg);
}

/// Writes the generated columns (`score.u8`, `channel.u8`, `tier.u8`,
/// `dur.f64`) into `dir`, so that other tools read the very same data.
fn write_columns(cfg: &Config, dir: &Path) {
    let n = cfg.rows(10_000_000);
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| {
            eprintln!("cannot write {name} in {}: {e}", dir.display());
            std::process::exit(2);
        });
    };
    write("score.u8", &scores::generated(1, n, 11, 0));
    write("channel.u8", &scores::generated(2, n, 6, 0));
    write("tier.u8", &scores::generated(3, n, 4, 0));
    let dur: Vec<u8> = durations::data(cfg)
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    write("dur.f64", &dur);
}
