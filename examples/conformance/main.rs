//! The conformance runner: runs a vector file of `tests/vectors/`.
//!
//! ```text
//! cargo run --release --example conformance -- tests/vectors/scores.json
//! ```
//!
//! Reads a vector file `{"cases": [{"id", "kind", "input", "expect"?}]}`,
//! ignores `expect`, and prints one JSON line per case:
//! `{"id": "...", "output": {...}}` or `{"id": "...", "error": "..."}`.
//! The kinds and their fields are documented in `runner/mod.rs` and in the
//! crate docs of each module.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the runner is a command-line program: it reads the file it is given"
)]

mod runner;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: conformance FILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match runner::run_file(&text) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(2)
        }
    }
}
