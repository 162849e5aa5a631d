//! Rollups: daily states stored in a table and re-merged later give the
//! answer of the raw rows, exactly.

use crate::common::{ctx, f64_at, floats, ints, rows, table};

#[tokio::test]
async fn stored_daily_states_remerge_to_the_raw_answer() {
    let ctx = ctx(3);
    let n = 500;
    let day: Vec<Option<i64>> = (0..n).map(|i| Some(i % 7)).collect();
    let score: Vec<Option<i64>> = (0..n).map(|i| Some((i * 7 + 3) % 11)).collect();
    let rating: Vec<Option<i64>> = (0..n).map(|i| Some(1 + (i * 3) % 5)).collect();
    let effort: Vec<Option<i64>> = (0..n).map(|i| Some(1 + (i * 5) % 7)).collect();
    let secs: Vec<Option<f64>> = (0..n).map(|i| Some((i * 37 % 1000) as f64 + 0.5)).collect();
    table(
        &ctx,
        "answers",
        vec![
            ("day", ints(&day)),
            ("score", ints(&score)),
            ("rating", ints(&rating)),
            ("effort", ints(&effort)),
            ("secs", floats(&secs)),
        ],
        3,
    );
    rows(
        &ctx,
        "CREATE TABLE daily AS SELECT day, nps_state(score) AS n, csat_state(rating) AS c,
                ces_state(effort) AS e, duration_sketch(secs) AS s
         FROM answers GROUP BY day",
    )
    .await
    .unwrap();
    let merged = rows(
        &ctx,
        "SELECT nps_score(nps_merge(n)), csat_score(csat_merge(c)), ces_score(ces_merge(e)),
                sketch_quantile(sketch_merge(s), 0.9)
         FROM daily",
    )
    .await
    .unwrap();
    let raw = rows(
        &ctx,
        "SELECT nps(score), csat(rating), ces(effort), duration_quantile_sketch(secs, 0.9) FROM answers",
    )
    .await
    .unwrap();
    for c in 0..4 {
        assert!(f64_at(&raw, c, 0).is_some());
        assert_eq!(f64_at(&merged, c, 0), f64_at(&raw, c, 0), "column {c}");
    }
    // Grouped re-merge (the GroupsAccumulator path of *_merge).
    let weekly = rows(
        &ctx,
        "SELECT day % 2 AS half, nps_score(nps_merge(n)) FROM daily GROUP BY day % 2 ORDER BY half",
    )
    .await
    .unwrap();
    let direct = rows(
        &ctx,
        "SELECT day % 2 AS half, nps(score) FROM answers GROUP BY day % 2 ORDER BY half",
    )
    .await
    .unwrap();
    for r in 0..2 {
        assert_eq!(f64_at(&weekly, 1, r), f64_at(&direct, 1, r));
    }
}

#[tokio::test]
async fn state_columns_are_the_core_parts() {
    let ctx = ctx(1);
    table(
        &ctx,
        "t",
        vec![("score", ints(&[Some(10), Some(9), Some(3)]))],
        1,
    );
    let b = rows(
        &ctx,
        "SELECT s['config']['detractor_max'], s['config']['promoter_min'], s['detractors'],
                s['passives'], s['promoters']
         FROM (SELECT nps_state(score) AS s FROM t)",
    )
    .await
    .unwrap();
    let got: Vec<Option<f64>> = (0..5).map(|c| f64_at(&b, c, 0)).collect();
    assert_eq!(got, [Some(6.0), Some(9.0), Some(1.0), Some(0.0), Some(2.0)]);
}
