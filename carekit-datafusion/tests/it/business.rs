//! Business time in SQL: every case of the core's calendar vectors
//! (`tests/vectors/calendar.json`, expected values from a minute-stepping
//! reference) through `business_seconds_between` / `business_deadline`,
//! with the calendar given as its JSON literal; and named calendars.

use chrono::{DateTime, Utc};
use datafusion::arrow::array::{Array, TimestampNanosecondArray};
use serde_json::Value;

use crate::common::{ctx, f64_at, rows};

fn quote(s: &str) -> String {
    s.replace('\'', "''")
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn ts_literal(text: &str) -> String {
    // An RFC 3339 instant as a UTC timestamp literal (offset applied).
    let t = utc(text);
    format!("TIMESTAMP '{}'", t.format("%Y-%m-%dT%H:%M:%S%.9f"))
}

#[tokio::test]
async fn every_calendar_vector_through_sql_matches_its_expected_value() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/calendar.json"
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let ctx = ctx(1);
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let input = &case["input"];
        let cal = quote(&input["calendar"].to_string());
        let sql = match case["kind"].as_str().unwrap() {
            "business_time_between" => format!(
                "SELECT business_seconds_between({}, {}, '{cal}')",
                ts_literal(input["from"].as_str().unwrap()),
                ts_literal(input["to"].as_str().unwrap())
            ),
            _ => format!(
                "SELECT business_deadline({}, {}, '{cal}')",
                ts_literal(input["start"].as_str().unwrap()),
                input["seconds"]
            ),
        };
        let expect = &case["expect"];
        match (
            rows(&ctx, &sql).await,
            expect.get("error").and_then(Value::as_str),
        ) {
            (Err(e), Some(needle)) => {
                if !e.to_string().contains(needle) {
                    failures.push(format!("{id}: error {e} does not contain {needle:?}"));
                }
            }
            (Err(e), None) => failures.push(format!("{id}: unexpected error {e}")),
            (Ok(b), Some(needle)) => {
                failures.push(format!("{id}: expected error {needle:?}, got {b:?}"));
            }
            (Ok(b), None) => {
                if let Some(secs) = expect.get("seconds") {
                    let want = secs.as_f64().unwrap();
                    if f64_at(&b, 0, 0) != Some(want) {
                        failures.push(format!("{id}: {:?} s, expected {want}", f64_at(&b, 0, 0)));
                    }
                } else {
                    let want = utc(expect["deadline"].as_str().unwrap());
                    let col = b
                        .column(0)
                        .as_any()
                        .downcast_ref::<TimestampNanosecondArray>()
                        .unwrap();
                    let got = col
                        .is_valid(0)
                        .then(|| DateTime::from_timestamp_nanos(col.value(0)));
                    if got != Some(want) {
                        failures.push(format!("{id}: {got:?}, expected {want}"));
                    }
                }
            }
        }
    }
    assert!(cases.len() >= 90);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn named_calendar_over_a_column() {
    let ctx = ctx(2);
    let cal: carekit::calendar::Calendar = serde_json::from_str(
        r#"{"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}}"#,
    )
    .unwrap();
    carekit_datafusion::register_calendar(&ctx, "emea_support", cal).unwrap();
    // Registering again (e.g. a second `register`) keeps the calendar.
    carekit_datafusion::register(&ctx);
    rows(
        &ctx,
        "CREATE TABLE tickets (created_at TIMESTAMP, solved_at TIMESTAMP) AS VALUES
           (TIMESTAMP '2024-03-04 15:00:00', TIMESTAMP '2024-03-05 09:00:00'),
           (TIMESTAMP '2024-03-04 08:00:00', TIMESTAMP '2024-03-04 09:00:00'),
           (NULL, TIMESTAMP '2024-03-04 09:00:00')",
    )
    .await
    .unwrap();
    let b = rows(
        &ctx,
        "SELECT business_seconds_between(created_at, solved_at, 'emea_support'),
                business_deadline(created_at, 7200, 'emea_support')
         FROM tickets",
    )
    .await
    .unwrap();
    // 15:00Z is 16:00 CET: 1 h Monday, then Tuesday opens 09:00 CET = 08:00Z: 1 h.
    assert_eq!(f64_at(&b, 0, 0), Some(7200.0));
    // 08:00Z = 09:00 CET to 09:00Z = 10:00 CET: 1 h.
    assert_eq!(f64_at(&b, 0, 1), Some(3600.0));
    assert_eq!(f64_at(&b, 0, 2), None);
    let due = b
        .column(1)
        .as_any()
        .downcast_ref::<TimestampNanosecondArray>()
        .unwrap();
    assert_eq!(
        DateTime::from_timestamp_nanos(due.value(0)),
        utc("2024-03-05T09:00:00Z")
    );
}
