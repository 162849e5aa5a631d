//! `SELECT k, nps(score) FROM t GROUP BY k` with the carekit UDAF against
//! the same query hand-written in SQL (`SUM(CASE WHEN …)`), in the same
//! process, at 1 and 2 partitions, on a 6-value key.
//!
//! ```sh
//! cargo bench -p carekit-datafusion --bench sql_bench                 # 10 M rows
//! CAREKIT_SQL_BENCH_ROWS=100000000 cargo bench -p carekit-datafusion --bench sql_bench
//! ```
//!
//! `cargo test --benches` runs each query once on a small table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_wrap,
    clippy::disallowed_methods,
    clippy::indexing_slicing,
    clippy::many_single_char_names,
    missing_docs,
    reason = "a benchmark: setup panics, reads its size from the environment"
)]

use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use datafusion::arrow::array::{Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};

const UDAF: &str = "SELECT k, nps(score) FROM t GROUP BY k";
const HAND: &str = "SELECT k, 100.0 * (SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) \
                    - SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) / COUNT(score) FROM t GROUP BY k";

fn rows() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        std::env::var("CAREKIT_SQL_BENCH_ROWS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000_000)
    } else {
        100_000
    }
}

fn context(n: usize, partitions: usize) -> SessionContext {
    let schema = Arc::new(Schema::new(vec![
        Field::new("k", DataType::Int64, false),
        Field::new("score", DataType::Int64, true),
    ]));
    let batch_rows = 8192;
    let mut parts = vec![Vec::new(); partitions];
    let mut start = 0;
    let mut b = 0;
    while start < n {
        let len = batch_rows.min(n - start);
        let k: Int64Array = (start..start + len).map(|i| ((i * 7) % 6) as i64).collect();
        let s: Int64Array = (start..start + len)
            .map(|i| ((i * 13 + i / 7) % 11) as i64)
            .collect();
        let batch =
            RecordBatch::try_new(Arc::clone(&schema), vec![Arc::new(k), Arc::new(s)]).unwrap();
        parts[b % partitions].push(batch);
        start += len;
        b += 1;
    }
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    carekit_datafusion::register(&ctx);
    ctx.register_table("t", Arc::new(MemTable::try_new(schema, parts).unwrap()))
        .unwrap();
    ctx
}

fn bench(c: &mut Criterion) {
    let n = rows();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let mut g = c.benchmark_group("nps_group_by_6_keys");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    for partitions in [1, 2] {
        let ctx = context(n, partitions);
        // Same answer first: the benchmark compares equal work.
        let (a, h) = rt.block_on(async {
            let a = ctx
                .sql(&format!("{UDAF} ORDER BY k"))
                .await
                .unwrap()
                .collect()
                .await
                .unwrap();
            let h = ctx
                .sql(&format!("{HAND} ORDER BY k"))
                .await
                .unwrap()
                .collect()
                .await
                .unwrap();
            (a, h)
        });
        let show = |b: &[RecordBatch]| {
            datafusion::arrow::util::pretty::pretty_format_columns("v", &[b[0].column(1).clone()])
                .unwrap()
                .to_string()
        };
        assert_eq!(
            show(&a),
            show(&h),
            "the UDAF and the hand-written SQL disagree"
        );
        for (name, sql) in [("udaf", UDAF), ("hand_sql", HAND)] {
            g.bench_function(format!("{name}/{partitions}_partitions"), |b| {
                b.to_async(&rt)
                    .iter(|| async { ctx.sql(sql).await.unwrap().collect().await.unwrap() });
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
