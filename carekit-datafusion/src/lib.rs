//! carekit's customer-care metrics as [Apache DataFusion] SQL functions:
//! the same NPS, CSAT, CES, percentiles, sketches and business hours as the
//! [`carekit`] crate, run where the data is — in-process, or unchanged on a
//! [Ballista] cluster.
//!
//! ```
//! use datafusion::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! carekit_datafusion::register(&ctx);
//! ctx.sql("CREATE TABLE answers (channel TEXT, score INT) AS VALUES
//!          ('chat', 10), ('chat', 9), ('chat', 3), ('mail', 7), ('mail', 10)")
//!     .await?;
//! let df = ctx
//!     .sql("SELECT channel, nps(score) AS nps FROM answers GROUP BY channel ORDER BY channel")
//!     .await?;
//! let batches = df.collect().await?;
//! let expected = [
//!     "+---------+--------------------+",
//!     "| channel | nps                |",
//!     "+---------+--------------------+",
//!     "| chat    | 33.333333333333336 |",
//!     "| mail    | 50.0               |",
//!     "+---------+--------------------+",
//! ];
//! datafusion::assert_batches_eq!(expected, &batches);
//! # Ok(())
//! # }
//! ```
//!
//! # Why the answers are the core's answers
//!
//! Every aggregate keeps the core accumulator itself as its partial state:
//! `state_fields` are the accumulator's `Parts`, field for field as its
//! serde form (counts as `UInt64`, the sketch's `offset` and `bins`), read
//! back through the core's validated `from_parts`. `DataFusion`'s
//! partial/final aggregation and a Ballista shuffle therefore merge with the
//! core's own `merge`: the SQL answer equals the core's answer on the same
//! rows, for any partitioning. The grouped path (`GroupsAccumulator`) runs
//! the core's grouped kernels (`Nps::extend_grouped` and friends) on
//! `DataFusion`'s group indices.
//!
//! # Conventions are constants; nulls are skipped
//!
//! Cut-offs, scales, confidence levels, accuracies and `q` are constant
//! arguments, read once when the query is planned; a column there is a
//! planning error. States built with different conventions (for example
//! two stored daily `nps_state` rows with different cut-offs) do not mix:
//! merging them is an error, never a silent blend. Null values are skipped,
//! as SQL's own aggregates do; a group with no values gives `NULL` scores
//! (and `n = 0` in summaries). A value outside the scale is an error naming
//! the function, the column, the value and its row in the batch.
//!
//! # Functions
//!
//! | function | returns |
//! |---|---|
//! | `nps(score [, detractor_max, promoter_min])` | Float64 points, −100..=100 |
//! | `nps_summary(score [, detractor_max, promoter_min [, confidence [, 'wald' \| 'adjusted_wald']]])` | struct `{n, promoters, passives, detractors, score, ci_low, ci_high}` |
//! | `nps_weighted(score, weight [, confidence [, method [, detractor_max, promoter_min]]])` | struct `{n, promoters, passives, detractors, total_weight, effective_n, score, ci_low, ci_high}` |
//! | `csat(rating [, scale_min, scale_max, satisfied_from [, neutral]])` | Float64 percent satisfied (`neutral`: a list such as `'3'` or `'3,4'`) |
//! | `csat_summary(rating [, scale_min, scale_max, satisfied_from [, neutral [, confidence]]])` | struct `{responses, n, satisfied, percent, mean, ci_low, ci_high}` |
//! | `ces(rating [, scale_min, scale_max, easy_from, difficult_to [, 'higher_is_easier' \| 'lower_is_easier']])` | Float64 mean |
//! | `ces_summary(rating [, …as ces… [, confidence]])` | struct `{n, mean, percent_easy, percent_difficult, net, ci_low, ci_high}` |
//! | `duration_percentile(seconds, q [, 'linear' \| 'nearest_rank'])` | Float64, exact (the core's `Linear` method by default) |
//! | `duration_quantile_sketch(seconds, q [, relative_accuracy])` | Float64 from the core's `DDSketch` (α = 0.01 by default) |
//! | `duration_sketch(seconds [, relative_accuracy])` | the sketch as a struct, to store and merge later |
//! | `sketch_merge(sketch)` | the merged sketch struct |
//! | `sketch_quantile(sketch, q)` (scalar) | Float64 |
//! | `nps_state(score [, cut-offs])`, `csat_state(…)`, `ces_state(…)` | the accumulator's state as a struct |
//! | `nps_merge(state)`, `csat_merge(state)`, `ces_merge(state)` | the merged state struct |
//! | `nps_score(state)`, `csat_score(state)`, `ces_score(state)` (scalar) | Float64 |
//! | `business_seconds_between(from, to, calendar)` (scalar) | Float64 business seconds in `[from, to)` |
//! | `business_deadline(start, seconds, calendar)` (scalar) | Timestamp (UTC): `start` plus `seconds` of business time |
//!
//! `calendar` is a constant string: a name registered with
//! [`register_calendar`], or the core calendar's JSON form
//! (`{"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}}`),
//! parsed once per query, not per row.
//!
//! # Rollups: store daily partials, merge them later, exactly
//!
//! ```
//! use datafusion::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! carekit_datafusion::register(&ctx);
//! ctx.sql("CREATE TABLE answers (day TEXT, score INT) AS VALUES
//!          ('mon', 10), ('mon', 3), ('tue', 9), ('tue', 9)").await?;
//! ctx.sql("CREATE TABLE daily AS SELECT day, nps_state(score) AS state FROM answers GROUP BY day")
//!     .await?;
//! let df = ctx.sql("SELECT nps_score(nps_merge(state)) AS week FROM daily").await?;
//! let batches = df.collect().await?;
//! // P = 3, D = 1, n = 4: 100 · (3 − 1) / 4 = 50, as if computed from the answers.
//! datafusion::assert_batches_eq!(
//!     ["+------+", "| week |", "+------+", "| 50.0 |", "+------+"],
//!     &batches
//! );
//! # Ok(())
//! # }
//! ```
//!
//! # Business hours
//!
//! ```
//! use datafusion::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let ctx = SessionContext::new();
//! carekit_datafusion::register(&ctx);
//! let desk: carekit::calendar::Calendar = serde_json::from_str(
//!     r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}}"#,
//! )?;
//! carekit_datafusion::register_calendar(&ctx, "desk", desk)?;
//! let df = ctx
//!     .sql("SELECT business_seconds_between(
//!             TIMESTAMP '2024-03-04 16:00:00', TIMESTAMP '2024-03-05 10:00:00', 'desk') AS s")
//!     .await?;
//! let batches = df.collect().await?;
//! // 1 h on Monday and 1 h on Tuesday.
//! datafusion::assert_batches_eq!(
//!     ["+--------+", "| s      |", "+--------+", "| 7200.0 |", "+--------+"],
//!     &batches
//! );
//! # Ok(())
//! # }
//! ```
//!
//! # Ballista
//!
//! Ballista resolves functions by name on every node, so each scheduler and
//! executor must register carekit's functions (and the same named
//! calendars): see [`session_state`], the `ballista` module (feature
//! `ballista`) and the `carekit-ballista-scheduler`
//! and `carekit-ballista-executor` examples, and the README for starting a
//! cluster.
//!
//! # Panics
//!
//! No function of this crate panics on any input; every rule breach is a
//! `DataFusion` error.
//!
//! [Apache DataFusion]: https://datafusion.apache.org
//! [Ballista]: https://datafusion.apache.org/ballista/

use std::collections::BTreeMap;
use std::sync::Arc;

use carekit::calendar::Calendar;
use datafusion::common::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::execution::SessionState;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::prelude::SessionContext;

mod aggregates;
mod args;
#[cfg(feature = "ballista")]
pub mod ballista;
mod engine;
mod scalar;
mod state;

use aggregates::{CareAggregate, Kind};
use scalar::{BusinessTime, ScoreKind, StateScore, TimeKind};

/// Every carekit aggregate function (`nps`, `csat_summary`,
/// `duration_percentile`, …), ready to register on any function registry.
///
/// ```
/// let names: Vec<String> = carekit_datafusion::aggregate_functions()
///     .iter()
///     .map(|f| f.name().to_owned())
///     .collect();
/// assert!(names.contains(&"nps".to_owned()));
/// ```
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    Kind::ALL
        .iter()
        .map(|&k| Arc::new(CareAggregate::udaf(k)))
        .collect()
}

/// Every carekit scalar function, with `calendars` as the named calendars
/// of `business_seconds_between` and `business_deadline`.
///
/// ```
/// let fs = carekit_datafusion::scalar_functions(Default::default());
/// assert!(fs.iter().any(|f| f.name() == "business_deadline"));
/// ```
pub fn scalar_functions(calendars: BTreeMap<String, Calendar>) -> Vec<Arc<ScalarUDF>> {
    let calendars: Arc<BTreeMap<String, Arc<Calendar>>> = Arc::new(
        calendars
            .into_iter()
            .map(|(k, v)| (k, Arc::new(v)))
            .collect(),
    );
    let mut out: Vec<Arc<ScalarUDF>> = [
        ScoreKind::Nps,
        ScoreKind::Csat,
        ScoreKind::Ces,
        ScoreKind::SketchQuantile,
    ]
    .iter()
    .map(|&k| Arc::new(StateScore::udf(k)))
    .collect();
    for k in [TimeKind::Between, TimeKind::Deadline] {
        out.push(Arc::new(BusinessTime::udf(k, Arc::clone(&calendars))));
    }
    out
}

/// Registers every carekit function on `ctx` (see the crate docs for the
/// list). Calling it again is harmless; it keeps the named calendars
/// already registered.
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
/// let ctx = SessionContext::new();
/// carekit_datafusion::register(&ctx);
/// assert!(ctx.udaf("nps").is_ok());
/// assert!(ctx.udf("business_seconds_between").is_ok());
/// ```
pub fn register(ctx: &SessionContext) {
    for f in aggregate_functions() {
        ctx.register_udaf(f.as_ref().clone());
    }
    let calendars = registered_calendars(ctx);
    for f in scalar_functions(calendars) {
        ctx.register_udf(f.as_ref().clone());
    }
}

/// Registers every carekit function on a [`SessionState`] (for builders
/// that hand a state to Ballista's scheduler and executors), keeping its
/// named calendars and adding `calendars`.
///
/// # Errors
///
/// Errors of the state's function registry.
///
/// ```
/// use datafusion::execution::SessionStateBuilder;
/// let mut state = SessionStateBuilder::new().with_default_features().build();
/// carekit_datafusion::register_state(&mut state, Default::default())?;
/// assert!(state.aggregate_functions().contains_key("nps"));
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn register_state(
    state: &mut SessionState,
    calendars: BTreeMap<String, Calendar>,
) -> Result<()> {
    for f in aggregate_functions() {
        state.register_udaf(f)?;
    }
    let mut all = calendars_of(state.udf(BusinessTime::name_of(TimeKind::Between)).ok());
    all.extend(calendars);
    for f in scalar_functions(all) {
        state.register_udf(f)?;
    }
    Ok(())
}

/// A session state with `DataFusion`'s defaults, carekit's functions and the
/// named `calendars`: what a Ballista scheduler's session builder and an
/// executor's function registry start from.
///
/// ```
/// let state = carekit_datafusion::session_state(Default::default())?;
/// assert!(state.scalar_functions().contains_key("nps_score"));
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
///
/// # Errors
///
/// Errors of the state's function registry.
pub fn session_state(calendars: BTreeMap<String, Calendar>) -> Result<SessionState> {
    let ctx = SessionContext::new();
    register(&ctx);
    for (name, cal) in calendars {
        register_calendar(&ctx, &name, cal)?;
    }
    Ok(ctx.state())
}

fn calendars_of(f: Option<Arc<ScalarUDF>>) -> BTreeMap<String, Calendar> {
    f.and_then(|f| {
        f.inner().downcast_ref::<BusinessTime>().map(|b| {
            b.calendars()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_ref().clone()))
                .collect()
        })
    })
    .unwrap_or_default()
}

fn registered_calendars(ctx: &SessionContext) -> BTreeMap<String, Calendar> {
    calendars_of(ctx.udf(BusinessTime::name_of(TimeKind::Between)).ok())
}

/// Registers `calendar` under `name`, so that SQL can say
/// `business_seconds_between(created_at, solved_at, 'emea_support')`.
/// Registers carekit's functions first if they are not there yet.
///
/// # Errors
///
/// [`DataFusionError::Plan`] when `name` is empty or starts with `{` (it
/// would read as calendar JSON).
///
/// ```
/// use datafusion::prelude::SessionContext;
/// let ctx = SessionContext::new();
/// let cal: carekit::calendar::Calendar =
///     serde_json::from_str(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#).unwrap();
/// carekit_datafusion::register_calendar(&ctx, "emea_support", cal.clone())?;
/// assert!(carekit_datafusion::register_calendar(&ctx, "", cal).is_err());
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn register_calendar(ctx: &SessionContext, name: &str, calendar: Calendar) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.starts_with('{') {
        return Err(DataFusionError::Plan(format!(
            "register_calendar: {name:?} is not a calendar name (names are non-empty and do not start with '{{')"
        )));
    }
    if ctx.udaf("nps").is_err() {
        register(ctx);
    }
    let mut calendars = registered_calendars(ctx);
    calendars.insert(name.to_owned(), calendar);
    let calendars: Arc<BTreeMap<String, Arc<Calendar>>> = Arc::new(
        calendars
            .into_iter()
            .map(|(k, v)| (k, Arc::new(v)))
            .collect(),
    );
    for k in [TimeKind::Between, TimeKind::Deadline] {
        ctx.register_udf(BusinessTime::udf(k, Arc::clone(&calendars)));
    }
    Ok(())
}
