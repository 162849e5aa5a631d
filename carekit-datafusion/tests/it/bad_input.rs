//! Bad input gets a clear error naming the function, the column and the
//! value; nulls follow SQL's rule (skipped).

use datafusion::arrow::array::{ArrayRef, StringArray};
use std::sync::Arc;

use crate::common::{ctx, f64_at, field_f64, ints, rows, table};

async fn error_of(sql: &str, cols: Vec<(&str, ArrayRef)>) -> String {
    let ctx = ctx(2);
    table(&ctx, "t", cols, 2);
    match rows(&ctx, sql).await {
        Ok(b) => panic!("{sql}: expected an error, got {b:?}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn score_above_the_scale_names_function_column_and_value() {
    let e = error_of(
        "SELECT nps(score) FROM t",
        vec![("score", ints(&[Some(10), Some(11), Some(3)]))],
    )
    .await;
    assert!(
        e.contains("nps") && e.contains("score") && e.contains("11"),
        "{e}"
    );
    assert!(e.contains("outside the scale 0..=10"), "{e}");
}

#[tokio::test]
async fn negative_rating_names_the_column_and_value() {
    let e = error_of(
        "SELECT csat(rating) FROM t",
        vec![("rating", ints(&[Some(5), Some(-1)]))],
    )
    .await;
    assert!(
        e.contains("csat") && e.contains("column rating") && e.contains("-1"),
        "{e}"
    );
}

#[tokio::test]
async fn grouped_out_of_scale_is_an_error_too() {
    let e = error_of(
        "SELECT k, csat(rating) FROM t GROUP BY k",
        vec![
            ("k", ints(&[Some(1), Some(2)])),
            ("rating", ints(&[Some(5), Some(6)])),
        ],
    )
    .await;
    assert!(
        e.contains("csat rating 6") && e.contains("outside the scale 1..=5"),
        "{e}"
    );
}

#[tokio::test]
async fn text_ratings_are_a_planning_error() {
    let text: ArrayRef = Arc::new(StringArray::from(vec![Some("ten")]));
    let e = error_of("SELECT nps(score) FROM t", vec![("score", text)]).await;
    assert!(
        e.contains("nps") && e.contains("integer rating column"),
        "{e}"
    );
}

#[tokio::test]
async fn conventions_must_be_constants() {
    let e = error_of(
        "SELECT nps(score, k, 9) FROM t",
        vec![("score", ints(&[Some(9)])), ("k", ints(&[Some(6)]))],
    )
    .await;
    assert!(e.contains("argument 2 must be a constant"), "{e}");
}

#[tokio::test]
async fn invalid_conventions_are_the_core_errors() {
    let e = error_of(
        "SELECT nps(score, 9, 6) FROM t",
        vec![("score", ints(&[Some(9)]))],
    )
    .await;
    assert!(e.contains("nps"), "{e}");
    let e = error_of(
        "SELECT duration_percentile(score, 1.5) FROM t",
        vec![("score", ints(&[Some(9)]))],
    )
    .await;
    assert!(e.contains("1.5"), "{e}");
    let e = error_of(
        "SELECT duration_quantile_sketch(score, 0.5, 1.5) FROM t",
        vec![("score", ints(&[Some(9)]))],
    )
    .await;
    assert!(e.contains("1.5"), "{e}");
}

#[tokio::test]
async fn negative_seconds_are_an_error_naming_the_column() {
    let e = error_of(
        "SELECT duration_percentile(secs, 0.5) FROM t",
        vec![("secs", ints(&[Some(5), Some(-3)]))],
    )
    .await;
    assert!(
        e.contains("duration_percentile") && e.contains("column secs"),
        "{e}"
    );
}

#[tokio::test]
async fn nulls_are_skipped_like_sql_aggregates() {
    let ctx = ctx(2);
    table(
        &ctx,
        "t",
        vec![("score", ints(&[Some(10), None, Some(3), None]))],
        2,
    );
    let b = rows(
        &ctx,
        "SELECT nps(score), nps_summary(score), count(score) FROM t",
    )
    .await
    .unwrap();
    assert_eq!(f64_at(&b, 0, 0), Some(0.0)); // one promoter, one detractor
    assert_eq!(field_f64(&b, 1, "n", 0), Some(2.0));
    assert_eq!(f64_at(&b, 2, 0), Some(2.0));
    // All null: n = 0 and no score.
    table(&ctx, "t", vec![("score", ints(&[None, None]))], 1);
    let b = rows(&ctx, "SELECT nps(score), nps_summary(score) FROM t")
        .await
        .unwrap();
    assert_eq!(f64_at(&b, 0, 0), None);
    assert_eq!(field_f64(&b, 1, "n", 0), Some(0.0));
    assert_eq!(field_f64(&b, 1, "score", 0), None);
}

#[tokio::test]
async fn filter_clause_counts_only_selected_rows() {
    let ctx = ctx(2);
    table(
        &ctx,
        "t",
        vec![
            ("k", ints(&[Some(1), Some(1), Some(2), Some(2)])),
            ("score", ints(&[Some(10), Some(0), Some(10), Some(10)])),
        ],
        2,
    );
    let b = rows(
        &ctx,
        "SELECT k, nps(score) FILTER (WHERE score > 5) FROM t GROUP BY k ORDER BY k",
    )
    .await
    .unwrap();
    assert_eq!(f64_at(&b, 1, 0), Some(100.0));
    assert_eq!(f64_at(&b, 1, 1), Some(100.0));
}

#[tokio::test]
async fn states_with_different_cut_offs_do_not_mix() {
    let ctx = ctx(2);
    table(&ctx, "t", vec![("score", ints(&[Some(10), Some(7)]))], 1);
    let e = rows(
        &ctx,
        "SELECT nps_score(nps_merge(s)) FROM (
            SELECT nps_state(score) AS s FROM t
            UNION ALL SELECT nps_state(score, 7, 9) AS s FROM t)",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(e.contains("nps_merge"), "{e}");
}

#[tokio::test]
async fn unknown_calendar_name_is_an_error_listing_the_registered_ones() {
    let ctx = ctx(1);
    let e = rows(
        &ctx,
        "SELECT business_seconds_between(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', 'nope')",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(e.contains("no calendar named \"nope\""), "{e}");
}
