//! The law that makes SQL scale-out safe: for random data split into 1–8
//! partitions, grouped or not, every SQL answer equals the core
//! accumulator's answer on the same rows (exactly: the partial states are
//! the core's own and merge with its `merge`).

use carekit::metrics::{Csat, Durations, Nps, PercentileMethod, QuantileSketch};
use proptest::prelude::*;

use crate::common::{ctx, f64_at, floats, ints, rows, table};

#[derive(Debug, Clone)]
struct Row {
    key: i64,
    score: Option<i64>,
    rating: Option<i64>,
    secs: Option<f64>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0i64..4,
        proptest::option::weighted(0.9, 0i64..=10),
        proptest::option::weighted(0.9, 1i64..=5),
        proptest::option::weighted(0.9, 0.0f64..100_000.0),
    )
        .prop_map(|(key, score, rating, secs)| Row {
            key,
            score,
            rating,
            secs,
        })
}

struct Core {
    nps: Option<f64>,
    csat: Option<f64>,
    p90: Option<f64>,
    sketch_p50: Option<f64>,
}

fn core(rows: &[&Row]) -> Core {
    let mut nps = Nps::default();
    let mut csat = Csat::default();
    let mut sketch = QuantileSketch::new(0.01).unwrap();
    let scores: Vec<u8> = rows
        .iter()
        .filter_map(|r| r.score)
        .map(|s| s as u8)
        .collect();
    let ratings: Vec<u8> = rows
        .iter()
        .filter_map(|r| r.rating)
        .map(|s| s as u8)
        .collect();
    let secs: Vec<f64> = rows.iter().filter_map(|r| r.secs).collect();
    nps.extend_u8(&scores).unwrap();
    csat.extend_u8(&ratings).unwrap();
    sketch.extend_f64(&secs).unwrap();
    let d = Durations::from_seconds(&secs).unwrap();
    Core {
        nps: nps.score(),
        csat: csat.percent(),
        p90: d.percentile(0.9, PercentileMethod::Linear).unwrap(),
        sketch_p50: sketch.quantile(0.5).unwrap(),
    }
}

fn check(data: &[Row], parts: usize) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let ctx = ctx(parts);
        let col_i = |f: fn(&Row) -> Option<i64>| ints(&data.iter().map(f).collect::<Vec<_>>());
        table(
            &ctx,
            "t",
            vec![
                ("k", col_i(|r| Some(r.key))),
                ("score", col_i(|r| r.score)),
                ("rating", col_i(|r| r.rating)),
                (
                    "secs",
                    floats(&data.iter().map(|r| r.secs).collect::<Vec<_>>()),
                ),
            ],
            parts,
        );
        let select = "nps(score), csat(rating), duration_percentile(secs, 0.9), \
                      duration_quantile_sketch(secs, 0.5)";
        let grouped = rows(
            &ctx,
            &format!("SELECT k, {select} FROM t GROUP BY k ORDER BY k"),
        )
        .await
        .unwrap();
        let mut keys: Vec<i64> = data.iter().map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        prop_assert_eq!(grouped.num_rows(), keys.len());
        for (i, k) in keys.iter().enumerate() {
            let group: Vec<&Row> = data.iter().filter(|r| r.key == *k).collect();
            let want = core(&group);
            prop_assert_eq!(f64_at(&grouped, 1, i), want.nps, "nps of key {}", k);
            prop_assert_eq!(f64_at(&grouped, 2, i), want.csat, "csat of key {}", k);
            prop_assert_eq!(f64_at(&grouped, 3, i), want.p90, "p90 of key {}", k);
            prop_assert_eq!(
                f64_at(&grouped, 4, i),
                want.sketch_p50,
                "sketch p50 of key {}",
                k
            );
        }
        let all = rows(&ctx, &format!("SELECT {select} FROM t"))
            .await
            .unwrap();
        let want = core(&data.iter().collect::<Vec<_>>());
        prop_assert_eq!(f64_at(&all, 0, 0), want.nps);
        prop_assert_eq!(f64_at(&all, 1, 0), want.csat);
        prop_assert_eq!(f64_at(&all, 2, 0), want.p90);
        prop_assert_eq!(f64_at(&all, 3, 0), want.sketch_p50);
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn sql_on_any_partitioning_equals_the_core(
        data in proptest::collection::vec(row(), 0..300),
        parts in 1usize..=8,
    ) {
        check(&data, parts)?;
    }
}
