//! The aggregate functions: one [`CareAggregate`] per SQL name, each a
//! [`Plan`](crate::engine::Plan) over a core accumulator.

use std::sync::Arc;

use carekit::RatingScale;
use carekit::metrics::{
    Ces, CesConfig, Csat, CsatConfig, Durations, Nps, NpsConfig, PercentileMethod, QuantileSketch,
    RowMask, WeightedNps,
};
use carekit::stats::{Confidence, Interval, NpsIntervalMethod};
use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, StructArray, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, Signature, Volatility,
};

use crate::args::{Literals, floats, is_integer, is_numeric, plan_err, ratings};
use crate::engine::{
    Core, FeedFn, FinishFn, Groups, Plan, Single, counts, exec, row_mask, state_struct, state_type,
};
use crate::state::polarity_from;

/// Which carekit aggregate a [`CareAggregate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Nps,
    NpsSummary,
    NpsWeighted,
    NpsState,
    NpsMerge,
    Csat,
    CsatSummary,
    CsatState,
    CsatMerge,
    Ces,
    CesSummary,
    CesState,
    CesMerge,
    DurationPercentile,
    DurationQuantileSketch,
    DurationSketch,
    SketchMerge,
}

impl Kind {
    pub(crate) const ALL: [Kind; 17] = [
        Kind::Nps,
        Kind::NpsSummary,
        Kind::NpsWeighted,
        Kind::NpsState,
        Kind::NpsMerge,
        Kind::Csat,
        Kind::CsatSummary,
        Kind::CsatState,
        Kind::CsatMerge,
        Kind::Ces,
        Kind::CesSummary,
        Kind::CesState,
        Kind::CesMerge,
        Kind::DurationPercentile,
        Kind::DurationQuantileSketch,
        Kind::DurationSketch,
        Kind::SketchMerge,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Nps => "nps",
            Kind::NpsSummary => "nps_summary",
            Kind::NpsWeighted => "nps_weighted",
            Kind::NpsState => "nps_state",
            Kind::NpsMerge => "nps_merge",
            Kind::Csat => "csat",
            Kind::CsatSummary => "csat_summary",
            Kind::CsatState => "csat_state",
            Kind::CsatMerge => "csat_merge",
            Kind::Ces => "ces",
            Kind::CesSummary => "ces_summary",
            Kind::CesState => "ces_state",
            Kind::CesMerge => "ces_merge",
            Kind::DurationPercentile => "duration_percentile",
            Kind::DurationQuantileSketch => "duration_quantile_sketch",
            Kind::DurationSketch => "duration_sketch",
            Kind::SketchMerge => "sketch_merge",
        }
    }

    /// `(minimum, maximum)` argument counts.
    fn arity(self) -> (usize, usize) {
        match self {
            Kind::Nps | Kind::NpsState => (1, 3),
            Kind::NpsSummary | Kind::Csat | Kind::CsatState => (1, 5),
            Kind::NpsWeighted => (2, 6),
            Kind::CsatSummary | Kind::Ces | Kind::CesState => (1, 6),
            Kind::CesSummary => (1, 7),
            Kind::NpsMerge | Kind::CsatMerge | Kind::CesMerge | Kind::SketchMerge => (1, 1),
            Kind::DurationPercentile | Kind::DurationQuantileSketch => (2, 3),
            Kind::DurationSketch => (1, 2),
        }
    }

    fn state_fields(self) -> Fields {
        match self {
            Kind::Nps | Kind::NpsSummary | Kind::NpsState | Kind::NpsMerge => Nps::fields(),
            Kind::NpsWeighted => WeightedNps::fields(),
            Kind::Csat | Kind::CsatSummary | Kind::CsatState | Kind::CsatMerge => Csat::fields(),
            Kind::Ces | Kind::CesSummary | Kind::CesState | Kind::CesMerge => Ces::fields(),
            Kind::DurationPercentile => Durations::fields(),
            Kind::DurationQuantileSketch | Kind::DurationSketch | Kind::SketchMerge => {
                QuantileSketch::fields()
            }
        }
    }

    fn return_type(self) -> DataType {
        match self {
            Kind::Nps
            | Kind::Csat
            | Kind::Ces
            | Kind::DurationPercentile
            | Kind::DurationQuantileSketch => DataType::Float64,
            Kind::NpsSummary => DataType::Struct(nps_summary_fields()),
            Kind::NpsWeighted => DataType::Struct(weighted_summary_fields()),
            Kind::CsatSummary => DataType::Struct(csat_summary_fields()),
            Kind::CesSummary => DataType::Struct(ces_summary_fields()),
            Kind::NpsState | Kind::NpsMerge => state_type::<Nps>(),
            Kind::CsatState | Kind::CsatMerge => state_type::<Csat>(),
            Kind::CesState | Kind::CesMerge => state_type::<Ces>(),
            Kind::DurationSketch | Kind::SketchMerge => state_type::<QuantileSketch>(),
        }
    }

    /// The coerced argument types: ratings stay integers, seconds and
    /// weights become Float64, states stay structs, constants stay as
    /// written.
    fn coerce(self, types: &[DataType]) -> Result<Vec<DataType>> {
        let name = self.name();
        let (min, max) = self.arity();
        if types.len() < min || types.len() > max {
            return Err(plan_err(
                name,
                format!("expects {min} to {max} arguments, found {}", types.len()),
            ));
        }
        let mut out = types.to_vec();
        let first = types.first().cloned().unwrap_or(DataType::Null);
        match self {
            Kind::NpsMerge | Kind::CsatMerge | Kind::CesMerge | Kind::SketchMerge => {
                if !matches!(first, DataType::Struct(_)) {
                    return Err(plan_err(
                        name,
                        format!("expects a state struct, found {first}"),
                    ));
                }
            }
            Kind::DurationPercentile | Kind::DurationQuantileSketch | Kind::DurationSketch => {
                if !is_numeric(&first) {
                    return Err(plan_err(
                        name,
                        format!("expects numeric seconds, found {first}"),
                    ));
                }
                if let Some(t) = out.first_mut() {
                    *t = DataType::Float64;
                }
            }
            _ => {
                if !is_integer(&first) {
                    return Err(plan_err(
                        name,
                        format!("expects an integer rating column, found {first}"),
                    ));
                }
                if self == Kind::NpsWeighted {
                    let w = types.get(1).cloned().unwrap_or(DataType::Null);
                    if !is_numeric(&w) {
                        return Err(plan_err(
                            name,
                            format!("expects numeric weights, found {w}"),
                        ));
                    }
                    if let Some(t) = out.get_mut(1) {
                        *t = DataType::Float64;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A carekit aggregate function (see the crate docs for the list).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CareAggregate {
    kind: Kind,
    signature: Signature,
}

impl CareAggregate {
    pub(crate) fn udaf(kind: Kind) -> AggregateUDF {
        AggregateUDF::from(Self {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        })
    }
}

impl AggregateUDFImpl for CareAggregate {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.kind.coerce(arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.kind.return_type())
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        // Named after the call, as DataFusion's own aggregates do, so two
        // calls in one query never share a state column name.
        Ok(self
            .kind
            .state_fields()
            .iter()
            .map(|f| {
                Arc::new(
                    f.as_ref()
                        .clone()
                        .with_name(format!("{}[{}]", args.name, f.name())),
                )
            })
            .collect())
    }

    fn accumulator(&self, acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        match build(self.kind, &acc_args, false)? {
            Built::Single(s) => Ok(s),
            Built::Groups(_) => Err(DataFusionError::Internal(
                "expected a single-group accumulator".into(),
            )),
        }
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        match build(self.kind, &args, true)? {
            Built::Groups(g) => Ok(g),
            Built::Single(_) => Err(DataFusionError::Internal(
                "expected a groups accumulator".into(),
            )),
        }
    }
}

enum Built {
    Single(Box<dyn Accumulator>),
    Groups(Box<dyn GroupsAccumulator>),
}

fn boxed<A: Core>(plan: Plan<A>, grouped: bool) -> Built {
    if grouped {
        Built::Groups(Box::new(Groups::new(plan)))
    } else {
        Built::Single(Box::new(Single::new(plan)))
    }
}

#[allow(clippy::too_many_lines, reason = "one arm per SQL function: a table")]
fn build(kind: Kind, args: &AccumulatorArgs, grouped: bool) -> Result<Built> {
    let lit = Literals::new(kind.name(), args);
    let name = kind.name();
    Ok(match kind {
        Kind::Nps | Kind::NpsState | Kind::NpsSummary => {
            let config = nps_config(&lit, 1)?;
            let finish: FinishFn<Nps> = match kind {
                Kind::Nps => Arc::new(|accs: &[Nps], _: &[bool]| {
                    Ok(Arc::new(accs.iter().map(Nps::score).collect::<Float64Array>()) as ArrayRef)
                }),
                Kind::NpsState => Arc::new(|accs: &[Nps], set: &[bool]| state_struct(accs, set)),
                _ => {
                    let conf = confidence(&lit, 3)?;
                    let method = nps_method(&lit, 4)?;
                    Arc::new(move |accs: &[Nps], _: &[bool]| nps_summaries(accs, conf, method))
                }
            };
            boxed(
                Plan {
                    empty: Nps::new(config),
                    feed: Some(rating_feed(
                        name,
                        lit.column(0),
                        (Nps::extend_grouped, Nps::extend_grouped_masked),
                    )),
                    finish,
                    name,
                },
                grouped,
            )
        }
        Kind::NpsWeighted => {
            let conf = confidence(&lit, 2)?;
            let method = nps_method(&lit, 3)?;
            let config = nps_config(&lit, 4)?;
            boxed(
                Plan {
                    empty: WeightedNps::new(config),
                    feed: Some(weighted_feed(name, lit.column(0), lit.column(1))),
                    finish: Arc::new(move |accs: &[WeightedNps], _: &[bool]| {
                        weighted_summaries(accs, conf, method)
                    }),
                    name,
                },
                grouped,
            )
        }
        Kind::Csat | Kind::CsatState | Kind::CsatSummary => {
            let config = csat_config(&lit)?;
            let finish: FinishFn<Csat> = match kind {
                Kind::Csat => Arc::new(|accs: &[Csat], _: &[bool]| {
                    Ok(
                        Arc::new(accs.iter().map(Csat::percent).collect::<Float64Array>())
                            as ArrayRef,
                    )
                }),
                Kind::CsatState => Arc::new(|accs: &[Csat], set: &[bool]| state_struct(accs, set)),
                _ => {
                    let conf = confidence(&lit, 5)?;
                    Arc::new(move |accs: &[Csat], _: &[bool]| csat_summaries(accs, conf))
                }
            };
            boxed(
                Plan {
                    empty: Csat::new(config),
                    feed: Some(rating_feed(
                        name,
                        lit.column(0),
                        (Csat::extend_grouped, Csat::extend_grouped_masked),
                    )),
                    finish,
                    name,
                },
                grouped,
            )
        }
        Kind::Ces | Kind::CesState | Kind::CesSummary => {
            let config = ces_config(&lit)?;
            let finish: FinishFn<Ces> = match kind {
                Kind::Ces => Arc::new(|accs: &[Ces], _: &[bool]| {
                    Ok(Arc::new(accs.iter().map(Ces::mean).collect::<Float64Array>()) as ArrayRef)
                }),
                Kind::CesState => Arc::new(|accs: &[Ces], set: &[bool]| state_struct(accs, set)),
                _ => {
                    let conf = confidence(&lit, 6)?;
                    Arc::new(move |accs: &[Ces], _: &[bool]| ces_summaries(accs, conf))
                }
            };
            boxed(
                Plan {
                    empty: Ces::new(config),
                    feed: Some(rating_feed(
                        name,
                        lit.column(0),
                        (Ces::extend_grouped, Ces::extend_grouped_masked),
                    )),
                    finish,
                    name,
                },
                grouped,
            )
        }
        Kind::NpsMerge => boxed(merge_plan(Nps::default(), name), grouped),
        Kind::CsatMerge => boxed(merge_plan(Csat::default(), name), grouped),
        Kind::CesMerge => boxed(merge_plan(Ces::default(), name), grouped),
        Kind::SketchMerge => {
            let empty = QuantileSketch::new(0.01).map_err(|e| exec(name, &e))?;
            boxed(merge_plan(empty, name), grouped)
        }
        Kind::DurationPercentile => {
            let q = lit.f64_or(1, 0.5)?;
            let method = match lit.str_or(2, "linear")?.as_str() {
                "linear" => PercentileMethod::Linear,
                "nearest_rank" => PercentileMethod::NearestRank,
                other => {
                    return Err(plan_err(
                        name,
                        format!("method must be 'linear' or 'nearest_rank', found {other:?}"),
                    ));
                }
            };
            // The core checks q (0..=1) exactly as it will when answering.
            Durations::from_seconds(&[0.0])
                .and_then(|d| d.percentile(q, method))
                .map_err(|e| plan_err(name, e))?;
            boxed(
                Plan {
                    empty: Durations::new(),
                    feed: Some(seconds_feed(name, lit.column(0), |d: &mut Durations, s| {
                        d.extend_f64(s)
                    })),
                    finish: Arc::new(move |accs: &[Durations], _: &[bool]| {
                        let out = accs
                            .iter()
                            .map(|d| d.percentile(q, method))
                            .collect::<std::result::Result<Vec<_>, _>>()
                            .map_err(|e| exec(name, &e))?;
                        Ok(Arc::new(Float64Array::from(out)) as ArrayRef)
                    }),
                    name,
                },
                grouped,
            )
        }
        Kind::DurationQuantileSketch | Kind::DurationSketch => {
            let (q, alpha_at) = if kind == Kind::DurationSketch {
                (None, 1)
            } else {
                (Some(lit.f64_or(1, 0.5)?), 2)
            };
            let alpha = lit.f64_or(alpha_at, 0.01)?;
            let empty = QuantileSketch::new(alpha).map_err(|e| plan_err(name, e))?;
            if let Some(q) = q {
                empty.quantile(q).map_err(|e| plan_err(name, e))?;
            }
            let finish: FinishFn<QuantileSketch> = match q {
                None => Arc::new(|accs: &[QuantileSketch], set: &[bool]| state_struct(accs, set)),
                Some(q) => Arc::new(move |accs: &[QuantileSketch], _: &[bool]| {
                    let out = accs
                        .iter()
                        .map(|s| s.quantile(q))
                        .collect::<std::result::Result<Vec<_>, _>>()
                        .map_err(|e| exec(name, &e))?;
                    Ok(Arc::new(Float64Array::from(out)) as ArrayRef)
                }),
            };
            boxed(
                Plan {
                    empty,
                    feed: Some(seconds_feed(
                        name,
                        lit.column(0),
                        |s: &mut QuantileSketch, v| s.extend_f64(v),
                    )),
                    finish,
                    name,
                },
                grouped,
            )
        }
    })
}

fn merge_plan<A: Core>(empty: A, name: &'static str) -> Plan<A> {
    Plan {
        empty,
        feed: None,
        finish: Arc::new(|accs: &[A], set: &[bool]| state_struct(accs, set)),
        name,
    }
}

// ---------------------------------------------------------------- conventions

fn nps_config(lit: &Literals<'_>, at: usize) -> Result<NpsConfig> {
    let d = lit.u8_or(at, NpsConfig::STANDARD.detractor_max())?;
    let p = lit.u8_or(at + 1, NpsConfig::STANDARD.promoter_min())?;
    NpsConfig::new(d, p).map_err(|e| plan_err("nps", e))
}

fn confidence(lit: &Literals<'_>, at: usize) -> Result<Confidence> {
    if at >= lit.len() {
        return Ok(Confidence::default());
    }
    Confidence::new(lit.f64_or(at, 0.95)?).map_err(|e| plan_err("confidence", e))
}

fn nps_method(lit: &Literals<'_>, at: usize) -> Result<NpsIntervalMethod> {
    match lit.str_or(at, "wald")?.as_str() {
        "wald" => Ok(NpsIntervalMethod::Wald),
        "adjusted_wald" => Ok(NpsIntervalMethod::AdjustedWald),
        other => Err(plan_err(
            "nps",
            format!("interval method must be 'wald' or 'adjusted_wald', found {other:?}"),
        )),
    }
}

fn scale(lit: &Literals<'_>, default: RatingScale) -> Result<RatingScale> {
    let min = lit.u8_or(1, default.min())?;
    let max = lit.u8_or(2, default.max())?;
    RatingScale::new(min, max).map_err(|e| plan_err("scale", e))
}

fn csat_config(lit: &Literals<'_>) -> Result<CsatConfig> {
    let d = CsatConfig::default();
    let s = scale(lit, d.scale())?;
    let satisfied_from = lit.u8_or(3, d.satisfied_from())?;
    let neutral = lit.u8_list_or_empty(4)?;
    CsatConfig::new(s, satisfied_from)
        .and_then(|c| c.with_neutral(&neutral))
        .map_err(|e| plan_err("csat", e))
}

fn ces_config(lit: &Literals<'_>) -> Result<CesConfig> {
    let d = CesConfig::default();
    let s = scale(lit, d.scale())?;
    let easy = lit.u8_or(3, d.easy_from())?;
    let difficult = lit.u8_or(4, d.difficult_to())?;
    let p = lit.str_or(5, "higher_is_easier")?;
    let polarity = polarity_from(&p).ok_or_else(|| {
        plan_err(
            "ces",
            format!("polarity must be 'higher_is_easier' or 'lower_is_easier', found {p:?}"),
        )
    })?;
    CesConfig::new(s, easy, difficult, polarity).map_err(|e| plan_err("ces", e))
}

// ---------------------------------------------------------------- feeds

type Grouped<A> =
    fn(&mut [A], &[usize], &[u8], RowMask<'_>) -> std::result::Result<(), carekit::Error>;
type GroupedAll<A> = fn(&mut [A], &[usize], &[u8]) -> std::result::Result<(), carekit::Error>;

/// Ratings through the core's grouped kernel (nulls and filtered rows
/// masked out).
fn rating_feed<A: Core>(
    name: &'static str,
    column: String,
    (all_rows, kernel): (GroupedAll<A>, Grouped<A>),
) -> FeedFn<A> {
    Arc::new(
        move |groups: &mut [A],
              gi: &[usize],
              values: &[ArrayRef],
              filter: Option<&BooleanArray>| {
            let Some(arr) = values.first() else {
                return Err(plan_err(name, "missing the rating argument"));
            };
            let mask = row_mask(arr, filter);
            let bytes = ratings(arr, mask.as_ref(), name, &column)?;
            match &mask {
                Some(m) => kernel(groups, gi, &bytes, RowMask::new(m.values(), m.offset())),
                None => all_rows(groups, gi, &bytes),
            }
            .map_err(|e| DataFusionError::Execution(format!("{name}: column {column}: {e}")))
        },
    )
}

type Extend<A> = fn(&mut A, &[f64]) -> std::result::Result<(), carekit::Error>;

/// Seconds, gathered per group and added with the core's `extend_f64`.
fn seconds_feed<A: Core>(name: &'static str, column: String, extend: Extend<A>) -> FeedFn<A> {
    Arc::new(
        move |groups: &mut [A],
              gi: &[usize],
              values: &[ArrayRef],
              filter: Option<&BooleanArray>| {
            let Some(arr) = values.first() else {
                return Err(plan_err(name, "missing the seconds argument"));
            };
            let mask = row_mask(arr, filter);
            let secs = floats(arr, name, &column)?;
            let mut per_group: Vec<Vec<f64>> = Vec::new();
            for (row, (&g, &v)) in gi.iter().zip(secs.values().iter()).enumerate() {
                if !counts(mask.as_ref(), row) {
                    continue;
                }
                if per_group.len() <= g {
                    per_group.resize_with(g + 1, Vec::new);
                }
                if let Some(slot) = per_group.get_mut(g) {
                    slot.push(v);
                }
            }
            for (g, vals) in per_group.iter().enumerate() {
                if vals.is_empty() {
                    continue;
                }
                let Some(acc) = groups.get_mut(g) else {
                    return Err(DataFusionError::Internal(format!(
                        "{name}: group {g} out of range"
                    )));
                };
                extend(acc, vals).map_err(|e| {
                    DataFusionError::Execution(format!("{name}: column {column}: {e}"))
                })?;
            }
            Ok(())
        },
    )
}

fn weighted_feed(name: &'static str, scores: String, weights: String) -> FeedFn<WeightedNps> {
    Arc::new(
        move |groups: &mut [WeightedNps],
              gi: &[usize],
              values: &[ArrayRef],
              filter: Option<&BooleanArray>| {
            let (Some(s), Some(w)) = (values.first(), values.get(1)) else {
                return Err(plan_err(name, "expects (score, weight)"));
            };
            let ms = row_mask(s, filter);
            let mw = row_mask(w, None);
            let bytes = ratings(s, ms.as_ref(), name, &scores)?;
            let wv = floats(w, name, &weights)?;
            for (row, ((&g, &x), &wt)) in gi
                .iter()
                .zip(bytes.iter())
                .zip(wv.values().iter())
                .enumerate()
            {
                if !counts(ms.as_ref(), row) || !counts(mw.as_ref(), row) {
                    continue;
                }
                let Some(acc) = groups.get_mut(g) else {
                    return Err(DataFusionError::Internal(format!(
                        "{name}: group {g} out of range"
                    )));
                };
                acc.extend_u8(&[x], &[wt]).map_err(|e| {
                    DataFusionError::Execution(format!(
                        "{name}: columns {scores}, {weights} at row {row} of the batch: {e}"
                    ))
                })?;
            }
            Ok(())
        },
    )
}

// ---------------------------------------------------------------- summaries

fn nf(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, true)
}

fn u64s(names: &[&str]) -> Vec<Field> {
    names.iter().map(|n| nf(n, DataType::UInt64)).collect()
}

fn f64s(names: &[&str]) -> Vec<Field> {
    names.iter().map(|n| nf(n, DataType::Float64)).collect()
}

fn nps_summary_fields() -> Fields {
    let mut v = u64s(&["n", "promoters", "passives", "detractors"]);
    v.extend(f64s(&["score", "ci_low", "ci_high"]));
    Fields::from(v)
}

fn weighted_summary_fields() -> Fields {
    let mut v = u64s(&["n"]);
    v.extend(f64s(&[
        "promoters",
        "passives",
        "detractors",
        "total_weight",
        "effective_n",
        "score",
        "ci_low",
        "ci_high",
    ]));
    Fields::from(v)
}

fn csat_summary_fields() -> Fields {
    let mut v = u64s(&["responses", "n", "satisfied"]);
    v.extend(f64s(&["percent", "mean", "ci_low", "ci_high"]));
    Fields::from(v)
}

fn ces_summary_fields() -> Fields {
    let mut v = u64s(&["n"]);
    v.extend(f64s(&[
        "mean",
        "percent_easy",
        "percent_difficult",
        "net",
        "ci_low",
        "ci_high",
    ]));
    Fields::from(v)
}

/// Columns of a summary struct, in field order.
enum Col {
    U(Vec<Option<u64>>),
    F(Vec<Option<f64>>),
}

fn summary_struct(fields: Fields, cols: Vec<Col>) -> Result<ArrayRef> {
    let arrays: Vec<ArrayRef> = cols
        .into_iter()
        .map(|c| match c {
            Col::U(v) => Arc::new(UInt64Array::from(v)) as ArrayRef,
            Col::F(v) => Arc::new(Float64Array::from(v)) as ArrayRef,
        })
        .collect();
    Ok(Arc::new(StructArray::try_new(fields, arrays, None)?))
}

fn lows(iv: &[Option<Interval>]) -> Col {
    Col::F(iv.iter().map(|i| i.map(Interval::low)).collect())
}

fn highs(iv: &[Option<Interval>]) -> Col {
    Col::F(iv.iter().map(|i| i.map(Interval::high)).collect())
}

fn nps_summaries(accs: &[Nps], conf: Confidence, method: NpsIntervalMethod) -> Result<ArrayRef> {
    let s = accs
        .iter()
        .map(|a| a.summary(conf, method))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| exec("nps_summary", &e))?;
    let iv: Vec<Option<Interval>> = s.iter().map(carekit::NpsSummary::interval).collect();
    summary_struct(
        nps_summary_fields(),
        vec![
            Col::U(s.iter().map(|s| Some(s.n())).collect()),
            Col::U(s.iter().map(|s| Some(s.promoters())).collect()),
            Col::U(s.iter().map(|s| Some(s.passives())).collect()),
            Col::U(s.iter().map(|s| Some(s.detractors())).collect()),
            Col::F(s.iter().map(carekit::NpsSummary::score).collect()),
            lows(&iv),
            highs(&iv),
        ],
    )
}

fn weighted_summaries(
    accs: &[WeightedNps],
    conf: Confidence,
    method: NpsIntervalMethod,
) -> Result<ArrayRef> {
    let s = accs
        .iter()
        .map(|a| a.summary(conf, method))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| exec("nps_weighted", &e))?;
    let iv: Vec<Option<Interval>> = s
        .iter()
        .map(carekit::WeightedNpsSummary::interval)
        .collect();
    summary_struct(
        weighted_summary_fields(),
        vec![
            Col::U(s.iter().map(|s| Some(s.n())).collect()),
            Col::F(s.iter().map(|s| Some(s.promoters())).collect()),
            Col::F(s.iter().map(|s| Some(s.passives())).collect()),
            Col::F(s.iter().map(|s| Some(s.detractors())).collect()),
            Col::F(s.iter().map(|s| Some(s.total_weight())).collect()),
            Col::F(
                s.iter()
                    .map(carekit::WeightedNpsSummary::effective_n)
                    .collect(),
            ),
            Col::F(s.iter().map(carekit::WeightedNpsSummary::score).collect()),
            lows(&iv),
            highs(&iv),
        ],
    )
}

fn csat_summaries(accs: &[Csat], conf: Confidence) -> Result<ArrayRef> {
    let s = accs
        .iter()
        .map(|a| a.summary(conf))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| exec("csat_summary", &e))?;
    let iv: Vec<Option<Interval>> = s
        .iter()
        .map(carekit::CsatSummary::percent_interval)
        .collect();
    summary_struct(
        csat_summary_fields(),
        vec![
            Col::U(s.iter().map(|s| Some(s.responses())).collect()),
            Col::U(s.iter().map(|s| Some(s.n())).collect()),
            Col::U(s.iter().map(|s| Some(s.satisfied())).collect()),
            Col::F(s.iter().map(carekit::CsatSummary::percent).collect()),
            Col::F(s.iter().map(carekit::CsatSummary::mean).collect()),
            lows(&iv),
            highs(&iv),
        ],
    )
}

fn ces_summaries(accs: &[Ces], conf: Confidence) -> Result<ArrayRef> {
    let s = accs
        .iter()
        .map(|a| a.summary(conf))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| exec("ces_summary", &e))?;
    let iv: Vec<Option<Interval>> = s.iter().map(carekit::CesSummary::interval).collect();
    summary_struct(
        ces_summary_fields(),
        vec![
            Col::U(s.iter().map(|s| Some(s.n())).collect()),
            Col::F(s.iter().map(carekit::CesSummary::mean).collect()),
            Col::F(s.iter().map(carekit::CesSummary::percent_easy).collect()),
            Col::F(
                s.iter()
                    .map(carekit::CesSummary::percent_difficult)
                    .collect(),
            ),
            Col::F(s.iter().map(carekit::CesSummary::net).collect()),
            lows(&iv),
            highs(&iv),
        ],
    )
}
