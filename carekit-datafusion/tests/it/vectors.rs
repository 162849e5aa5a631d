//! Every `nps`, `csat`, `ces`, `percentile` and `sketch_quantile` case of
//! the core's conformance vectors (`tests/vectors/scores.json`, expected
//! values from independent references), answered through SQL. The values
//! are split over three partitions, so partial states merge on the way.

use serde_json::Value;

use crate::common::{close, ctx, f64_at, field_f64, floats, ints, rows, table};

fn lit_f64(v: &Value) -> String {
    let x = v.as_f64().unwrap();
    format!("{x:?}")
}

fn opt_conf(input: &Value) -> String {
    input
        .get("confidence")
        .map_or_else(|| "0.95".to_owned(), lit_f64)
}

fn ratings(input: &Value, key: &str) -> Vec<Option<i64>> {
    input[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Some(v.as_i64().unwrap()))
        .collect()
}

fn values(input: &Value, key: &str) -> Vec<Option<f64>> {
    input[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Some(v.as_f64().unwrap()))
        .collect()
}

/// The answer of one case as `(field, value)` pairs, or the error text.
///
/// `parts` partitions: 3 for values (states merge on the way), 1 for error
/// cases, whose messages quote the row index within the batch, which is
/// then the row index of the vector.
async fn answer(
    kind: &str,
    input: &Value,
    parts: usize,
) -> Result<Vec<(String, Option<f64>)>, String> {
    let ctx = ctx(parts);
    let go = |sql: String| {
        let ctx = ctx.clone();
        async move { rows(&ctx, &sql).await.map_err(|e| e.to_string()) }
    };
    let struct_fields = |b: &datafusion::arrow::array::RecordBatch, names: &[&str]| {
        names
            .iter()
            .map(|n| ((*n).to_owned(), field_f64(b, 0, n, 0)))
            .collect::<Vec<_>>()
    };
    match kind {
        "nps" => {
            let method = input
                .get("interval")
                .and_then(Value::as_str)
                .unwrap_or("wald");
            let conf = opt_conf(input);
            if let Some(w) = input.get("weights") {
                let s = ratings(input, "scores");
                let w: Vec<Option<f64>> = w
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(serde_json::Value::as_f64)
                    .collect();
                if s.len() != w.len() {
                    // Columns of one table always have equal lengths.
                    return Err(format!(
                        "scores has {} rows but weights has {}",
                        s.len(),
                        w.len()
                    ));
                }
                table(&ctx, "t", vec![("v", ints(&s)), ("w", floats(&w))], parts);
                let b = go(format!(
                    "SELECT nps_weighted(v, w, {conf}, '{method}') FROM t"
                ))
                .await?;
                Ok(struct_fields(
                    &b,
                    &[
                        "n",
                        "promoters",
                        "passives",
                        "detractors",
                        "score",
                        "ci_low",
                        "ci_high",
                        "effective_n",
                    ],
                ))
            } else {
                table(
                    &ctx,
                    "t",
                    vec![("v", ints(&ratings(input, "scores")))],
                    parts,
                );
                let b = go(format!(
                    "SELECT nps_summary(v, 6, 9, {conf}, '{method}'), nps(v), nps(v, 6, 9) FROM t"
                ))
                .await?;
                let mut out = struct_fields(
                    &b,
                    &[
                        "n",
                        "promoters",
                        "passives",
                        "detractors",
                        "score",
                        "ci_low",
                        "ci_high",
                    ],
                );
                out.push(("effective_n".into(), field_f64(&b, 0, "n", 0)));
                // `nps(v)` is the summary's score.
                assert_eq!(f64_at(&b, 1, 0), field_f64(&b, 0, "score", 0));
                assert_eq!(f64_at(&b, 2, 0), f64_at(&b, 1, 0));
                Ok(out)
            }
        }
        "csat" => {
            let min = input["scale"]["min"].as_i64().unwrap();
            let max = input["scale"]["max"].as_i64().unwrap();
            let from = input["satisfied_from"].as_i64().unwrap();
            let neutral = input.get("exclude_neutral").map_or_else(String::new, |n| {
                n.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_i64().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            });
            let conf = opt_conf(input);
            table(
                &ctx,
                "t",
                vec![("v", ints(&ratings(input, "ratings")))],
                parts,
            );
            let b = go(format!(
                "SELECT csat_summary(v, {min}, {max}, {from}, '{neutral}', {conf}), \
                 csat(v, {min}, {max}, {from}, '{neutral}') FROM t"
            ))
            .await?;
            assert_eq!(f64_at(&b, 1, 0), field_f64(&b, 0, "percent", 0));
            Ok(struct_fields(
                &b,
                &[
                    "responses",
                    "n",
                    "satisfied",
                    "percent",
                    "mean",
                    "ci_low",
                    "ci_high",
                ],
            ))
        }
        "ces" => {
            let min = input["scale"]["min"].as_i64().unwrap();
            let max = input["scale"]["max"].as_i64().unwrap();
            let easy = input["easy_from"].as_i64().unwrap();
            let difficult = input["difficult_to"].as_i64().unwrap();
            let polarity = if input.get("higher_is_easier").and_then(Value::as_bool) == Some(false)
            {
                "lower_is_easier"
            } else {
                "higher_is_easier"
            };
            let conf = opt_conf(input);
            table(
                &ctx,
                "t",
                vec![("v", ints(&ratings(input, "ratings")))],
                parts,
            );
            let args = format!("v, {min}, {max}, {easy}, {difficult}, '{polarity}'");
            let b = go(format!(
                "SELECT ces_summary({args}, {conf}), ces({args}) FROM t"
            ))
            .await?;
            assert_eq!(f64_at(&b, 1, 0), field_f64(&b, 0, "mean", 0));
            Ok(struct_fields(
                &b,
                &[
                    "n",
                    "mean",
                    "percent_easy",
                    "percent_difficult",
                    "net",
                    "ci_low",
                    "ci_high",
                ],
            ))
        }
        "percentile" | "sketch_quantile" => {
            table(
                &ctx,
                "t",
                vec![("v", floats(&values(input, "values")))],
                parts,
            );
            let qs = input["q"].as_array().unwrap();
            let calls: Vec<String> = qs
                .iter()
                .map(|q| {
                    let q = lit_f64(q);
                    if kind == "percentile" {
                        let m = input
                            .get("method")
                            .and_then(Value::as_str)
                            .unwrap_or("linear");
                        format!("duration_percentile(v, {q}, '{m}')")
                    } else {
                        let a = lit_f64(&input["relative_accuracy"]);
                        format!("duration_quantile_sketch(v, {q}, {a})")
                    }
                })
                .collect();
            let b = go(format!("SELECT {} FROM t", calls.join(", "))).await?;
            Ok((0..qs.len())
                .map(|i| (format!("values[{i}]"), f64_at(&b, i, 0)))
                .collect())
        }
        other => panic!("unexpected kind {other}"),
    }
}

#[tokio::test]
async fn every_score_vector_through_sql_matches_its_expected_value() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/scores.json"
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let kind = case["kind"].as_str().unwrap();
        if !["nps", "csat", "ces", "percentile", "sketch_quantile"].contains(&kind) {
            continue;
        }
        checked += 1;
        let id = case["id"].as_str().unwrap();
        let tol = case
            .get("tolerance")
            .and_then(Value::as_f64)
            .unwrap_or(1e-9);
        let expect = &case["expect"];
        let needle = expect.get("error").and_then(Value::as_str);
        let parts = if needle.is_some() { 1 } else { 3 };
        match (needle, answer(kind, &case["input"], parts).await) {
            (Some(needle), Err(msg)) if msg.contains(needle) => {}
            (Some(needle), other) => {
                failures.push(format!(
                    "{id}: expected an error containing {needle:?}, got {other:?}"
                ));
            }
            (None, Err(msg)) => failures.push(format!("{id}: unexpected error {msg}")),
            (None, Ok(got)) => {
                let mut expected: Vec<(String, Option<f64>)> = Vec::new();
                for (k, v) in expect.as_object().unwrap() {
                    if k == "values" {
                        if let Some(vs) = v.as_array() {
                            for (i, x) in vs.iter().enumerate() {
                                expected.push((format!("values[{i}]"), x.as_f64()));
                            }
                        } else {
                            // `null`: no values, every quantile is null.
                            for (name, _) in &got {
                                expected.push((name.clone(), None));
                            }
                        }
                    } else {
                        expected.push((k.clone(), v.as_f64()));
                    }
                }
                for (k, e) in expected {
                    let a = got.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
                    match a {
                        Some(a) if close(a, e, tol) => {}
                        _ => failures.push(format!("{id}: {k} = {a:?}, expected {e:?}")),
                    }
                }
            }
        }
    }
    assert!(checked >= 60, "only {checked} cases found");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
