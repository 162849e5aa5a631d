//! The care report in SQL: NPS, CSAT and CES with confidence intervals,
//! first-reply percentiles by channel and ISO week, and resolution time in
//! business hours, with carekit's definitions run by DataFusion.
//!
//! ```sh
//! cargo run -p carekit-datafusion --example care_report            # bundled sample
//! cargo run -p carekit-datafusion --example care_report -- my/tickets.parquet more.csv \
//!     --calendar my/calendar.json
//! ```
//!
//! Each input file (CSV with a header, or Parquet) holds tickets with the
//! columns `channel` (text), `created_at`, `solved_at` (timestamps or
//! RFC 3339 text), `first_reply_s` (seconds), `nps` (0..=10), `csat`
//! (1..=5) and `ces` (1..=7); empty cells are nulls and are skipped.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "an example: it reads the files it is given"
)]

use std::path::{Path, PathBuf};

use datafusion::arrow::datatypes::{DataType, Schema};
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionContext};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// Whether a column type fits.
type Fits = fn(&DataType) -> bool;

/// Column name, what it must be, and whether a type fits.
const COLUMNS: [(&str, &str, Fits); 7] = [
    ("channel", "text", |t| {
        matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
    }),
    ("created_at", "a timestamp", is_time),
    ("solved_at", "a timestamp", is_time),
    ("first_reply_s", "numeric seconds", |t| {
        t.is_numeric() || *t == DataType::Null
    }),
    ("nps", "an integer score", is_int),
    ("csat", "an integer rating", is_int),
    ("ces", "an integer rating", is_int),
];

fn is_int(t: &DataType) -> bool {
    t.is_integer() || *t == DataType::Null
}

fn is_time(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Timestamp(..)
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Null
    )
}

fn check_schema(path: &Path, schema: &Schema) -> Result<(), String> {
    for (name, what, fits) in COLUMNS {
        let field = schema.field_with_name(name).map_err(|_| {
            format!(
                "{}: no column {name:?} (found {:?})",
                path.display(),
                schema
                    .fields()
                    .iter()
                    .map(|f| f.name().as_str())
                    .collect::<Vec<_>>()
            )
        })?;
        if !fits(field.data_type()) {
            return Err(format!(
                "{}: column {name} must be {what}, found {}",
                path.display(),
                field.data_type()
            ));
        }
    }
    Ok(())
}

async fn register_file(ctx: &SessionContext, path: &Path, table: &str) -> Result<(), String> {
    if !path.is_file() {
        return Err(format!("{}: no such file", path.display()));
    }
    let name = path.to_string_lossy();
    let is_parquet = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    let res = if is_parquet {
        ctx.register_parquet(table, name.as_ref(), ParquetReadOptions::default())
            .await
    } else {
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        ctx.register_csv(
            table,
            name.as_ref(),
            CsvReadOptions::new().file_extension(&ext),
        )
        .await
    };
    res.map_err(|e| format!("{}: {e}", path.display()))?;
    let df = ctx.table(table).await.map_err(|e| e.to_string())?;
    check_schema(path, df.schema().as_arrow())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("care_report: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut calendar = PathBuf::from(DATA).join("support_calendar.json");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--calendar" {
            calendar = args
                .next()
                .map(PathBuf::from)
                .ok_or("--calendar needs a file")?;
        } else {
            files.push(PathBuf::from(a));
        }
    }
    if files.is_empty() {
        files.push(PathBuf::from(DATA).join("tickets.csv"));
    }

    let ctx = SessionContext::new();
    carekit_datafusion::register(&ctx);
    let cal_text =
        std::fs::read_to_string(&calendar).map_err(|e| format!("{}: {e}", calendar.display()))?;
    let cal = serde_json::from_str(&cal_text)
        .map_err(|e| format!("{}: not a carekit calendar: {e}", calendar.display()))?;
    carekit_datafusion::register_calendar(&ctx, "support", cal).map_err(|e| e.to_string())?;

    let mut parts = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let t = format!("input_{i}");
        register_file(&ctx, f, &t).await?;
        parts.push(format!(
            "SELECT CAST(channel AS TEXT) AS channel, CAST(created_at AS TIMESTAMP) AS created_at,
                    CAST(solved_at AS TIMESTAMP) AS solved_at, CAST(first_reply_s AS DOUBLE) AS first_reply_s,
                    CAST(nps AS BIGINT) AS nps, CAST(csat AS BIGINT) AS csat, CAST(ces AS BIGINT) AS ces
             FROM {t}"
        ));
    }
    let union = parts.join(" UNION ALL ");
    ctx.sql(&format!("CREATE VIEW tickets AS {union}"))
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "carekit care report over {}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let reports = [
        (
            "Scores by channel (95 % intervals)",
            "SELECT channel, n.n AS answers,
                    round(n.score, 1) AS nps, round(n.ci_low, 1) AS nps_low, round(n.ci_high, 1) AS nps_high,
                    round(c.percent, 1) AS csat_pct, round(c.ci_low, 1) AS csat_low, round(c.ci_high, 1) AS csat_high,
                    round(e.mean, 2) AS ces_mean, round(e.ci_low, 2) AS ces_low, round(e.ci_high, 2) AS ces_high
             FROM (SELECT channel, nps_summary(nps) AS n, csat_summary(csat) AS c, ces_summary(ces) AS e
                   FROM tickets GROUP BY channel)
             ORDER BY channel",
        ),
        (
            "NPS and first reply by channel and ISO week",
            "SELECT channel, to_char(created_at, '%G-W%V') AS week, count(*) AS tickets,
                    round(nps(nps), 1) AS nps,
                    round(duration_percentile(first_reply_s, 0.5), 1) AS first_reply_p50_s,
                    round(duration_percentile(first_reply_s, 0.9), 1) AS first_reply_p90_s,
                    round(duration_quantile_sketch(first_reply_s, 0.9), 1) AS p90_sketch_s
             FROM tickets GROUP BY channel, week ORDER BY channel, week",
        ),
        (
            "Resolution time in business hours (calendar 'support')",
            "SELECT channel, count(solved_at) AS solved,
                    round(avg(b) / 3600, 2) AS mean_business_h,
                    round(duration_percentile(b, 0.5) / 3600, 2) AS p50_business_h,
                    round(duration_percentile(b, 0.9) / 3600, 2) AS p90_business_h,
                    round(duration_percentile(wall, 0.9) / 3600, 2) AS p90_wall_clock_h
             FROM (SELECT channel, solved_at,
                          business_seconds_between(created_at, solved_at, 'support') AS b,
                          date_part('epoch', solved_at) - date_part('epoch', created_at) AS wall
                   FROM tickets WHERE solved_at IS NOT NULL)
             GROUP BY channel ORDER BY channel",
        ),
    ];
    for (title, sql) in reports {
        println!("\n{title}");
        let df = ctx.sql(sql).await.map_err(|e| e.to_string())?;
        df.show().await.map_err(|e| e.to_string())?;
    }
    Ok(())
}
