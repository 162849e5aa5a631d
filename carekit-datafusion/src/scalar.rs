//! Scalar functions: scores of stored rollup states, and business time on
//! a carekit calendar.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use carekit::calendar::Calendar;
use carekit::metrics::{Ces, Csat, Nps, QuantileSketch};
use chrono::{DateTime, TimeDelta, Utc};
use datafusion::arrow::array::{
    Array, ArrayRef, Float64Array, StructArray, TimestampNanosecondArray,
};
use datafusion::arrow::datatypes::{DataType, TimeUnit};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use crate::args::{is_numeric, plan_err};
use crate::engine::Core;

fn utc_nanos() -> DataType {
    DataType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into()))
}

fn is_time(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Timestamp(..)
            | DataType::Date32
            | DataType::Date64
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Null
    )
}

fn is_text(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// A scalar answer when every argument was a scalar (the arrays then have
/// one row), a column otherwise.
fn shaped(args: &[ColumnarValue], out: ArrayRef) -> Result<ColumnarValue> {
    if args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_))) {
        Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
    } else {
        Ok(ColumnarValue::Array(out))
    }
}

// ---------------------------------------------------------------- rollup scores

/// Which stored state a [`StateScore`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ScoreKind {
    Nps,
    Csat,
    Ces,
    SketchQuantile,
}

/// `nps_score(state)`, `csat_score(state)`, `ces_score(state)`,
/// `sketch_quantile(sketch, q)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct StateScore {
    kind: ScoreKind,
    signature: Signature,
}

impl StateScore {
    pub(crate) fn udf(kind: ScoreKind) -> ScalarUDF {
        ScalarUDF::from(Self {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        })
    }

    fn name_of(kind: ScoreKind) -> &'static str {
        match kind {
            ScoreKind::Nps => "nps_score",
            ScoreKind::Csat => "csat_score",
            ScoreKind::Ces => "ces_score",
            ScoreKind::SketchQuantile => "sketch_quantile",
        }
    }
}

fn scores<A: Core>(
    st: &StructArray,
    name: &str,
    score: impl Fn(&A, usize) -> Result<Option<f64>>,
) -> Result<Float64Array> {
    (0..st.len())
        .map(|row| {
            if st.is_null(row) {
                return Ok(None);
            }
            match A::from_row(st.columns(), row).map_err(|e| e.context(name.to_owned()))? {
                Some(a) => score(&a, row),
                None => Ok(None),
            }
        })
        .collect()
}

impl ScalarUDFImpl for StateScore {
    fn name(&self) -> &str {
        Self::name_of(self.kind)
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let name = self.name();
        let want = if self.kind == ScoreKind::SketchQuantile {
            2
        } else {
            1
        };
        if arg_types.len() != want {
            return Err(plan_err(
                name,
                format!("expects {want} arguments, found {}", arg_types.len()),
            ));
        }
        let mut out = arg_types.to_vec();
        if !matches!(
            arg_types.first(),
            Some(DataType::Struct(_) | DataType::Null)
        ) {
            return Err(plan_err(
                name,
                "expects a state struct (from the matching *_state or duration_sketch)",
            ));
        }
        if let Some(q) = out.get_mut(1) {
            if !is_numeric(q) {
                return Err(plan_err(name, format!("q must be numeric, found {q}")));
            }
            *q = DataType::Float64;
        }
        Ok(out)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let name = self.name();
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(state) = arrays.first() else {
            return Err(plan_err(name, "missing the state argument"));
        };
        if state.data_type() == &DataType::Null {
            return Ok(ColumnarValue::Scalar(ScalarValue::Float64(None)));
        }
        let st = state
            .as_any()
            .downcast_ref::<StructArray>()
            .ok_or_else(|| plan_err(name, "expects a state struct"))?;
        let out = match self.kind {
            ScoreKind::Nps => scores::<Nps>(st, name, |a, _| Ok(a.score()))?,
            ScoreKind::Csat => scores::<Csat>(st, name, |a, _| Ok(a.percent()))?,
            ScoreKind::Ces => scores::<Ces>(st, name, |a, _| Ok(a.mean()))?,
            ScoreKind::SketchQuantile => {
                let qs = arrays
                    .get(1)
                    .and_then(|q| q.as_any().downcast_ref::<Float64Array>())
                    .ok_or_else(|| plan_err(name, "q must be Float64"))?;
                scores::<QuantileSketch>(st, name, |s, row| {
                    if qs.is_null(row) {
                        return Ok(None);
                    }
                    s.quantile(qs.value(row))
                        .map_err(|e| DataFusionError::Execution(format!("{name}: {e}")))
                })?
            }
        };
        shaped(&args.args, Arc::new(out))
    }
}

// ---------------------------------------------------------------- business time

/// `business_seconds_between` or `business_deadline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimeKind {
    Between,
    Deadline,
}

/// A business-time function with the calendars registered by name.
#[derive(Debug)]
pub(crate) struct BusinessTime {
    kind: TimeKind,
    signature: Signature,
    calendars: Arc<BTreeMap<String, Arc<Calendar>>>,
    /// The last calendar compiled from JSON: one parse per query.
    compiled: Mutex<Option<(String, Arc<Calendar>)>>,
}

impl PartialEq for BusinessTime {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.calendars == other.calendars
    }
}

impl Eq for BusinessTime {}

impl Hash for BusinessTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        for k in self.calendars.keys() {
            k.hash(state);
        }
    }
}

impl BusinessTime {
    pub(crate) fn udf(
        kind: TimeKind,
        calendars: Arc<BTreeMap<String, Arc<Calendar>>>,
    ) -> ScalarUDF {
        ScalarUDF::from(Self {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
            calendars,
            compiled: Mutex::new(None),
        })
    }

    pub(crate) fn calendars(&self) -> &BTreeMap<String, Arc<Calendar>> {
        &self.calendars
    }

    pub(crate) fn name_of(kind: TimeKind) -> &'static str {
        match kind {
            TimeKind::Between => "business_seconds_between",
            TimeKind::Deadline => "business_deadline",
        }
    }

    fn calendar(&self, arg: &ColumnarValue) -> Result<Arc<Calendar>> {
        let name = Self::name_of(self.kind);
        let ColumnarValue::Scalar(
            ScalarValue::Utf8(Some(text))
            | ScalarValue::LargeUtf8(Some(text))
            | ScalarValue::Utf8View(Some(text)),
        ) = arg
        else {
            return Err(plan_err(
                name,
                "calendar must be a constant string: a registered name or the calendar's JSON",
            ));
        };
        if let Some(c) = self.calendars.get(text.trim()) {
            return Ok(Arc::clone(c));
        }
        if !text.trim_start().starts_with('{') {
            let known: Vec<&str> = self.calendars.keys().map(String::as_str).collect();
            return Err(plan_err(
                name,
                format!("no calendar named {text:?} is registered (registered: {known:?})"),
            ));
        }
        let mut cache = self
            .compiled
            .lock()
            .map_err(|_| DataFusionError::Internal(format!("{name}: calendar cache poisoned")))?;
        if let Some((t, c)) = cache.as_ref()
            && t == text
        {
            return Ok(Arc::clone(c));
        }
        let cal: Calendar = serde_json::from_str(text)
            .map_err(|e| plan_err(name, format!("calendar JSON: {e}")))?;
        let cal = Arc::new(cal);
        *cache = Some((text.clone(), Arc::clone(&cal)));
        Ok(cal)
    }
}

fn instant(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

impl ScalarUDFImpl for BusinessTime {
    fn name(&self) -> &str {
        Self::name_of(self.kind)
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let name = self.name();
        let [a, b, c] = arg_types else {
            return Err(plan_err(
                name,
                format!("expects 3 arguments, found {}", arg_types.len()),
            ));
        };
        if !is_text(c) {
            return Err(plan_err(
                name,
                format!("calendar must be a string, found {c}"),
            ));
        }
        if !is_time(a) {
            return Err(plan_err(name, format!("expects a timestamp, found {a}")));
        }
        let second = match self.kind {
            TimeKind::Between if is_time(b) => utc_nanos(),
            TimeKind::Deadline if is_numeric(b) => DataType::Float64,
            _ => {
                return Err(plan_err(
                    name,
                    format!("unexpected second argument type {b}"),
                ));
            }
        };
        Ok(vec![utc_nanos(), second, c.clone()])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            TimeKind::Between => DataType::Float64,
            TimeKind::Deadline => utc_nanos(),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let name = self.name();
        let [a, b, c] = args.args.as_slice() else {
            return Err(plan_err(name, "expects 3 arguments"));
        };
        let cal = self.calendar(c)?;
        let arrays = ColumnarValue::values_to_arrays(&[a.clone(), b.clone()])?;
        let (Some(first), Some(second)) = (arrays.first(), arrays.get(1)) else {
            return Err(plan_err(name, "expects 3 arguments"));
        };
        let starts = first
            .as_any()
            .downcast_ref::<TimestampNanosecondArray>()
            .ok_or_else(|| plan_err(name, "expects a timestamp"))?;
        let err = |row: usize, e: &carekit::Error| {
            DataFusionError::Execution(format!("{name}: row {row} of the batch: {e}"))
        };
        let out: ArrayRef = match self.kind {
            TimeKind::Between => {
                let ends = second
                    .as_any()
                    .downcast_ref::<TimestampNanosecondArray>()
                    .ok_or_else(|| plan_err(name, "expects a timestamp"))?;
                let v: Float64Array = (0..starts.len())
                    .map(|row| {
                        if starts.is_null(row) || ends.is_null(row) {
                            return Ok(None);
                        }
                        let d = cal
                            .between(instant(starts.value(row)), instant(ends.value(row)))
                            .map_err(|e| err(row, &e))?;
                        Ok(Some(d.as_seconds_f64()))
                    })
                    .collect::<Result<_>>()?;
                Arc::new(v)
            }
            TimeKind::Deadline => {
                let secs = second
                    .as_any()
                    .downcast_ref::<Float64Array>()
                    .ok_or_else(|| plan_err(name, "expects numeric seconds"))?;
                let v: TimestampNanosecondArray = (0..starts.len())
                    .map(|row| {
                        if starts.is_null(row) || secs.is_null(row) {
                            return Ok(None);
                        }
                        let s = secs.value(row);
                        let micros = (s * 1e6).round();
                        if !micros.is_finite() || micros.abs() > 9.0e18 {
                            return Err(DataFusionError::Execution(format!(
                                "{name}: row {row} of the batch: {s} seconds is outside the range of a duration"
                            )));
                        }
                        #[allow(clippy::cast_possible_truncation, reason = "range checked above")]
                        let delta = TimeDelta::microseconds(micros as i64);
                        let due = cal
                            .add(instant(starts.value(row)), delta)
                            .map_err(|e| err(row, &e))?;
                        due.timestamp_nanos_opt().map(Some).ok_or_else(|| {
                            DataFusionError::Execution(format!(
                                "{name}: row {row} of the batch: deadline {due} is outside the nanosecond timestamp range"
                            ))
                        })
                    })
                    .collect::<Result<_>>()?;
                Arc::new(v.with_timezone("UTC"))
            }
        };
        shaped(&args.args, out)
    }
}
