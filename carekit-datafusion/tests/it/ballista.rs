//! The same functions on a Ballista cluster: an in-process scheduler and
//! two executors on the loopback interface, every node with carekit's
//! functions (and the named calendar) registered, over Parquet files. The
//! cluster's answer equals the in-process DataFusion answer and the core's.
#![cfg(feature = "ballista")]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use carekit::metrics::{Durations, Nps, PercentileMethod};
use datafusion::arrow::array::{
    ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray, TimestampNanosecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

use crate::common::{f64_at, rows};

const CHANNELS: [&str; 3] = ["chat", "mail", "phone"];

struct Answers {
    channel: Vec<&'static str>,
    score: Vec<Option<i64>>,
    first_reply_s: Vec<Option<f64>>,
    created_at: Vec<i64>,
}

fn answers(n: usize) -> Answers {
    let mut a = Answers {
        channel: Vec::new(),
        score: Vec::new(),
        first_reply_s: Vec::new(),
        created_at: Vec::new(),
    };
    // 2024-03-04 (a Monday) 00:00Z, in ns.
    let monday = 1_709_510_400_000_000_000_i64;
    for i in 0..n {
        a.channel.push(CHANNELS[i % 3]);
        a.score.push((i % 13 != 0).then_some(((i * 7) % 11) as i64));
        a.first_reply_s
            .push((i % 17 != 0).then_some(((i * 131) % 5000) as f64 + 0.25));
        a.created_at
            .push(monday + (i as i64 % 200) * 1_800_000_000_000);
    }
    a
}

fn write_parquet(dir: &std::path::Path, a: &Answers, files: usize) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("channel", DataType::Utf8, false),
        Field::new("score", DataType::Int64, true),
        Field::new("first_reply_s", DataType::Float64, true),
        Field::new(
            "created_at",
            DataType::Timestamp(TimeUnit::Nanosecond, None),
            false,
        ),
    ]));
    let n = a.channel.len();
    for f in 0..files {
        let (start, end) = (n * f / files, n * (f + 1) / files);
        let cols: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(a.channel[start..end].to_vec())),
            Arc::new(Int64Array::from(a.score[start..end].to_vec())),
            Arc::new(Float64Array::from(a.first_reply_s[start..end].to_vec())),
            Arc::new(TimestampNanosecondArray::from(
                a.created_at[start..end].to_vec(),
            )),
        ];
        let batch = RecordBatch::try_new(Arc::clone(&schema), cols).unwrap();
        let file = std::fs::File::create(dir.join(format!("part-{f}.parquet"))).unwrap();
        let mut w = ArrowWriter::try_new(file, Arc::clone(&schema), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }
}

fn calendars() -> BTreeMap<String, carekit::calendar::Calendar> {
    let cal = serde_json::from_str(
        r#"{"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
            "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}"#,
    )
    .unwrap();
    BTreeMap::from([("emea_support".to_owned(), cal)])
}

fn log_retry(e: &dyn std::fmt::Display) {
    eprintln!("waiting for the scheduler: {e}");
}

const QUERY: &str = "SELECT channel, nps(score), duration_percentile(first_reply_s, 0.9) \
                     FROM answers GROUP BY channel ORDER BY channel";
const CALENDAR_QUERY: &str = "SELECT channel, \
       SUM(business_seconds_between(created_at, created_at + INTERVAL '3 hours', 'emea_support')) \
     FROM answers GROUP BY channel ORDER BY channel";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_of_two_executors_answers_like_datafusion_and_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let data = answers(3000);
    write_parquet(dir.path(), &data, 4);
    let path = dir.path().to_str().unwrap();

    // Every node starts from the same registration.
    let ctx0 = SessionContext::new_with_config(
        SessionConfig::new_with_ballista().with_target_partitions(2),
    );
    carekit_datafusion::register(&ctx0);
    for (name, cal) in calendars() {
        carekit_datafusion::register_calendar(&ctx0, &name, cal).unwrap();
    }
    let state = ctx0.state();
    let addr = ballista_scheduler::standalone::new_standalone_scheduler_from_state(&state)
        .await
        .unwrap();
    let url = format!("http://localhost:{}", addr.port());
    let mut attempts = 0;
    let scheduler = loop {
        match SchedulerGrpcClient::connect(url.clone()).await {
            Ok(c) => break c,
            Err(e) if attempts < 100 => {
                attempts += 1;
                log_retry(&e);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("scheduler at {url} unreachable: {e}"),
        }
    };
    for _ in 0..2 {
        ballista_executor::new_standalone_executor_from_state(scheduler.clone(), 1, &state)
            .await
            .unwrap();
    }
    let remote =
        SessionContext::remote_with_state(&format!("df://localhost:{}", addr.port()), state)
            .await
            .unwrap();
    // `remote_with_state` resets the function lists to Ballista's own:
    // register on the client session too (it plans the query).
    carekit_datafusion::register(&remote);
    for (name, cal) in calendars() {
        carekit_datafusion::register_calendar(&remote, &name, cal).unwrap();
    }
    remote
        .register_parquet("answers", path, ParquetReadOptions::default())
        .await
        .unwrap();
    let cluster = rows(&remote, QUERY).await.unwrap();
    let cluster_cal = rows(&remote, CALENDAR_QUERY).await.unwrap();

    // The same query in-process.
    let local = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(3));
    carekit_datafusion::register(&local);
    for (name, cal) in calendars() {
        carekit_datafusion::register_calendar(&local, &name, cal).unwrap();
    }
    local
        .register_parquet("answers", path, ParquetReadOptions::default())
        .await
        .unwrap();
    let single = rows(&local, QUERY).await.unwrap();
    let single_cal = rows(&local, CALENDAR_QUERY).await.unwrap();

    assert_eq!(cluster.num_rows(), 3);
    for (i, ch) in CHANNELS.iter().enumerate() {
        let idx: Vec<usize> = (0..data.channel.len())
            .filter(|&r| data.channel[r] == *ch)
            .collect();
        let mut nps = Nps::default();
        let scores: Vec<u8> = idx
            .iter()
            .filter_map(|&r| data.score[r])
            .map(|s| s as u8)
            .collect();
        nps.extend_u8(&scores).unwrap();
        let secs: Vec<f64> = idx.iter().filter_map(|&r| data.first_reply_s[r]).collect();
        let p90 = Durations::from_seconds(&secs)
            .unwrap()
            .percentile(0.9, PercentileMethod::Linear)
            .unwrap();
        assert_eq!(f64_at(&cluster, 1, i), nps.score(), "nps of {ch}");
        assert_eq!(f64_at(&cluster, 2, i), p90, "p90 of {ch}");
        assert_eq!(f64_at(&single, 1, i), f64_at(&cluster, 1, i));
        assert_eq!(f64_at(&single, 2, i), f64_at(&cluster, 2, i));
        assert!(f64_at(&cluster_cal, 1, i).is_some());
        assert_eq!(
            f64_at(&single_cal, 1, i),
            f64_at(&cluster_cal, 1, i),
            "business seconds of {ch}"
        );
    }
}
