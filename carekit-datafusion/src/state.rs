//! The core accumulators' `Parts` as Arrow columns, field for field as
//! their serde form (counts as `UInt64`, the sketch's offset and bins), and
//! back through the core's validated `from_parts`.

use std::sync::Arc;

use carekit::RatingScale;
use carekit::metrics::{
    Ces, CesConfig, CesParts, CesPolarity, CompensatedSum, Csat, CsatConfig, CsatParts, Durations,
    DurationsParts, Nps, NpsConfig, NpsParts, QuantileSketch, QuantileSketchParts, WeightedNps,
    WeightedNpsParts,
};
use datafusion::arrow::array::{
    Array, ArrayRef, ListArray, PrimitiveArray, StringArray, StructArray,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Field, Fields, Float64Type, Int64Type, UInt8Type, UInt64Type,
};
use datafusion::common::{DataFusionError, Result};

use crate::engine::Core;

fn bad(what: &str) -> DataFusionError {
    DataFusionError::Execution(format!("invalid partial state: {what}"))
}

fn core_err(e: &carekit::Error) -> DataFusionError {
    DataFusionError::Execution(format!("invalid partial state: {e}"))
}

fn col<'a>(cols: &'a [ArrayRef], i: usize, name: &str) -> Result<&'a ArrayRef> {
    cols.get(i)
        .ok_or_else(|| bad(&format!("missing column {name}")))
}

fn struct_col<'a>(cols: &'a [ArrayRef], i: usize, name: &str) -> Result<&'a StructArray> {
    col(cols, i, name)?
        .as_any()
        .downcast_ref::<StructArray>()
        .ok_or_else(|| bad(&format!("column {name} is not a struct")))
}

fn prim<T: ArrowPrimitiveType>(
    cols: &[ArrayRef],
    i: usize,
    row: usize,
    name: &str,
) -> Result<T::Native> {
    let arr = col(cols, i, name)?
        .as_any()
        .downcast_ref::<PrimitiveArray<T>>()
        .ok_or_else(|| bad(&format!("column {name} is not {}", T::DATA_TYPE)))?;
    if row >= arr.len() || arr.is_null(row) {
        return Err(bad(&format!("column {name} is null")));
    }
    Ok(arr.value(row))
}

fn opt_prim<T: ArrowPrimitiveType>(
    cols: &[ArrayRef],
    i: usize,
    row: usize,
    name: &str,
) -> Result<Option<T::Native>> {
    let arr = col(cols, i, name)?;
    if row < arr.len() && arr.is_null(row) {
        return Ok(None);
    }
    prim::<T>(cols, i, row, name).map(Some)
}

fn list_prim<T: ArrowPrimitiveType>(
    cols: &[ArrayRef],
    i: usize,
    row: usize,
    name: &str,
) -> Result<Vec<T::Native>> {
    let arr = col(cols, i, name)?
        .as_any()
        .downcast_ref::<ListArray>()
        .ok_or_else(|| bad(&format!("column {name} is not a list")))?;
    if row >= arr.len() || arr.is_null(row) {
        return Err(bad(&format!("column {name} is null")));
    }
    let items = arr.value(row);
    let items = items
        .as_any()
        .downcast_ref::<PrimitiveArray<T>>()
        .ok_or_else(|| bad(&format!("column {name} holds no {}", T::DATA_TYPE)))?;
    if items.null_count() > 0 {
        return Err(bad(&format!("column {name} holds a null")));
    }
    Ok(items.values().to_vec())
}

fn nulls(set: &[bool]) -> Option<NullBuffer> {
    if set.iter().all(|&s| s) {
        None
    } else {
        Some(NullBuffer::from(set.to_vec()))
    }
}

fn prim_col<T: ArrowPrimitiveType>(values: impl Iterator<Item = Option<T::Native>>) -> ArrayRef {
    Arc::new(values.collect::<PrimitiveArray<T>>())
}

fn list_type(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(item, true)))
}

fn list_col<T: ArrowPrimitiveType>(items: &[Option<Vec<T::Native>>]) -> Result<ArrayRef> {
    let lengths = items.iter().map(|i| i.as_ref().map_or(0, Vec::len));
    let offsets = OffsetBuffer::<i32>::from_lengths(lengths);
    let values: Vec<T::Native> = items.iter().flatten().flatten().copied().collect();
    let valid: Vec<bool> = items.iter().map(Option::is_some).collect();
    let list = ListArray::try_new(
        Arc::new(Field::new_list_field(T::DATA_TYPE, true)),
        offsets,
        Arc::new(PrimitiveArray::<T>::from_iter_values(values)),
        nulls(&valid),
    )?;
    Ok(Arc::new(list))
}

fn struct_array(fields: Fields, cols: Vec<ArrayRef>, set: &[bool]) -> Result<ArrayRef> {
    Ok(Arc::new(StructArray::try_new(fields, cols, nulls(set))?))
}

fn f(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, true)
}

fn each<A, T>(accs: &[A], set: &[bool], g: impl Fn(&A) -> T) -> impl Iterator<Item = Option<T>> {
    accs.iter().zip(set).map(move |(a, &s)| s.then(|| g(a)))
}

// ---------------------------------------------------------------- scales

fn scale_fields() -> Fields {
    Fields::from(vec![f("min", DataType::UInt8), f("max", DataType::UInt8)])
}

fn scale_col(scales: &[Option<RatingScale>]) -> Result<ArrayRef> {
    let set: Vec<bool> = scales.iter().map(Option::is_some).collect();
    struct_array(
        scale_fields(),
        vec![
            prim_col::<UInt8Type>(scales.iter().map(|s| s.map(RatingScale::min))),
            prim_col::<UInt8Type>(scales.iter().map(|s| s.map(RatingScale::max))),
        ],
        &set,
    )
}

fn scale_at(cfg: &StructArray, i: usize, row: usize) -> Result<RatingScale> {
    let scale = struct_col(cfg.columns(), i, "config.scale")?;
    let min = prim::<UInt8Type>(scale.columns(), 0, row, "config.scale.min")?;
    let max = prim::<UInt8Type>(scale.columns(), 1, row, "config.scale.max")?;
    RatingScale::new(min, max).map_err(|e| bad(&e.to_string()))
}

// ---------------------------------------------------------------- NPS

fn nps_config_fields() -> Fields {
    Fields::from(vec![
        f("detractor_max", DataType::UInt8),
        f("promoter_min", DataType::UInt8),
    ])
}

fn nps_config_col(cfgs: &[Option<NpsConfig>]) -> Result<ArrayRef> {
    let set: Vec<bool> = cfgs.iter().map(Option::is_some).collect();
    struct_array(
        nps_config_fields(),
        vec![
            prim_col::<UInt8Type>(cfgs.iter().map(|c| c.map(NpsConfig::detractor_max))),
            prim_col::<UInt8Type>(cfgs.iter().map(|c| c.map(NpsConfig::promoter_min))),
        ],
        &set,
    )
}

/// `None` for a null row.
fn nps_config_at(cols: &[ArrayRef], row: usize) -> Result<Option<NpsConfig>> {
    let cfg = struct_col(cols, 0, "config")?;
    if row >= cfg.len() || cfg.is_null(row) {
        return Ok(None);
    }
    let d = prim::<UInt8Type>(cfg.columns(), 0, row, "config.detractor_max")?;
    let p = prim::<UInt8Type>(cfg.columns(), 1, row, "config.promoter_min")?;
    NpsConfig::new(d, p).map(Some).map_err(|e| core_err(&e))
}

impl Core for Nps {
    fn fields() -> Fields {
        Fields::from(vec![
            f("config", DataType::Struct(nps_config_fields())),
            f("detractors", DataType::UInt64),
            f("passives", DataType::UInt64),
            f("promoters", DataType::UInt64),
        ])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let cfgs: Vec<Option<NpsConfig>> = each(accs, set, Nps::config).collect();
        Ok(vec![
            nps_config_col(&cfgs)?,
            prim_col::<UInt64Type>(each(accs, set, Nps::detractors)),
            prim_col::<UInt64Type>(each(accs, set, Nps::passives)),
            prim_col::<UInt64Type>(each(accs, set, Nps::promoters)),
        ])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let Some(config) = nps_config_at(cols, row)? else {
            return Ok(None);
        };
        Nps::from_parts(NpsParts {
            config,
            detractors: prim::<UInt64Type>(cols, 1, row, "detractors")?,
            passives: prim::<UInt64Type>(cols, 2, row, "passives")?,
            promoters: prim::<UInt64Type>(cols, 3, row, "promoters")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        Nps::merge(self, other)
    }
}

fn sum_fields() -> Fields {
    Fields::from(vec![
        f("sum", DataType::Float64),
        f("compensation", DataType::Float64),
    ])
}

fn sum_col(sums: &[Option<CompensatedSum>]) -> Result<ArrayRef> {
    let set: Vec<bool> = sums.iter().map(Option::is_some).collect();
    struct_array(
        sum_fields(),
        vec![
            prim_col::<Float64Type>(sums.iter().map(|s| s.map(|s| s.sum))),
            prim_col::<Float64Type>(sums.iter().map(|s| s.map(|s| s.compensation))),
        ],
        &set,
    )
}

fn sum_at(cols: &[ArrayRef], i: usize, row: usize, name: &str) -> Result<CompensatedSum> {
    let s = struct_col(cols, i, name)?;
    Ok(CompensatedSum {
        sum: prim::<Float64Type>(s.columns(), 0, row, name)?,
        compensation: prim::<Float64Type>(s.columns(), 1, row, name)?,
    })
}

impl Core for WeightedNps {
    fn fields() -> Fields {
        let s = DataType::Struct(sum_fields());
        Fields::from(vec![
            f("config", DataType::Struct(nps_config_fields())),
            f("n", DataType::UInt64),
            f("detractors", s.clone()),
            f("passives", s.clone()),
            f("promoters", s.clone()),
            f("squares", s),
        ])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let parts: Vec<Option<WeightedNpsParts>> = each(accs, set, WeightedNps::to_parts).collect();
        let pick = |g: fn(&WeightedNpsParts) -> CompensatedSum| -> Vec<Option<CompensatedSum>> {
            parts.iter().map(|p| p.as_ref().map(g)).collect()
        };
        let cfgs: Vec<Option<NpsConfig>> = parts.iter().map(|p| p.map(|p| p.config)).collect();
        Ok(vec![
            nps_config_col(&cfgs)?,
            prim_col::<UInt64Type>(parts.iter().map(|p| p.map(|p| p.n))),
            sum_col(&pick(|p| p.detractors))?,
            sum_col(&pick(|p| p.passives))?,
            sum_col(&pick(|p| p.promoters))?,
            sum_col(&pick(|p| p.squares))?,
        ])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let Some(config) = nps_config_at(cols, row)? else {
            return Ok(None);
        };
        WeightedNps::from_parts(WeightedNpsParts {
            config,
            n: prim::<UInt64Type>(cols, 1, row, "n")?,
            detractors: sum_at(cols, 2, row, "detractors")?,
            passives: sum_at(cols, 3, row, "passives")?,
            promoters: sum_at(cols, 4, row, "promoters")?,
            squares: sum_at(cols, 5, row, "squares")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        WeightedNps::merge(self, other)
    }
}

// ---------------------------------------------------------------- CSAT

fn csat_config_fields() -> Fields {
    Fields::from(vec![
        f("scale", DataType::Struct(scale_fields())),
        f("satisfied_from", DataType::UInt8),
        f("neutral", list_type(DataType::UInt8)),
    ])
}

impl Core for Csat {
    fn fields() -> Fields {
        Fields::from(vec![
            f("config", DataType::Struct(csat_config_fields())),
            f("counts", list_type(DataType::UInt64)),
        ])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let parts: Vec<Option<CsatParts>> = each(accs, set, Csat::to_parts).collect();
        let scales: Vec<Option<RatingScale>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.config.scale()))
            .collect();
        let neutral: Vec<Option<Vec<u8>>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.config.neutral()))
            .collect();
        let counts: Vec<Option<Vec<u64>>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.counts.clone()))
            .collect();
        let config = struct_array(
            csat_config_fields(),
            vec![
                scale_col(&scales)?,
                prim_col::<UInt8Type>(
                    parts
                        .iter()
                        .map(|p| p.as_ref().map(|p| p.config.satisfied_from())),
                ),
                list_col::<UInt8Type>(&neutral)?,
            ],
            set,
        )?;
        Ok(vec![config, list_col::<UInt64Type>(&counts)?])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let cfg = struct_col(cols, 0, "config")?;
        if row >= cfg.len() || cfg.is_null(row) {
            return Ok(None);
        }
        let scale = scale_at(cfg, 0, row)?;
        let satisfied_from = prim::<UInt8Type>(cfg.columns(), 1, row, "config.satisfied_from")?;
        let neutral = list_prim::<UInt8Type>(cfg.columns(), 2, row, "config.neutral")?;
        let config = CsatConfig::new(scale, satisfied_from)
            .and_then(|c| c.with_neutral(&neutral))
            .map_err(|e| core_err(&e))?;
        Csat::from_parts(CsatParts {
            config,
            counts: list_prim::<UInt64Type>(cols, 1, row, "counts")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        Csat::merge(self, other)
    }

    fn heap_size(&self) -> usize {
        usize::from(self.config().scale().points()) * 8
    }
}

// ---------------------------------------------------------------- CES

fn ces_config_fields() -> Fields {
    Fields::from(vec![
        f("scale", DataType::Struct(scale_fields())),
        f("easy_from", DataType::UInt8),
        f("difficult_to", DataType::UInt8),
        f("polarity", DataType::Utf8),
    ])
}

/// The serde name of a polarity.
pub(crate) fn polarity_name(p: CesPolarity) -> &'static str {
    match p {
        CesPolarity::LowerIsEasier => "lower_is_easier",
        CesPolarity::HigherIsEasier => "higher_is_easier",
    }
}

/// A polarity from its serde name.
pub(crate) fn polarity_from(name: &str) -> Option<CesPolarity> {
    match name {
        "higher_is_easier" => Some(CesPolarity::HigherIsEasier),
        "lower_is_easier" => Some(CesPolarity::LowerIsEasier),
        _ => None,
    }
}

impl Core for Ces {
    fn fields() -> Fields {
        Fields::from(vec![
            f("config", DataType::Struct(ces_config_fields())),
            f("counts", list_type(DataType::UInt64)),
        ])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let parts: Vec<Option<CesParts>> = each(accs, set, Ces::to_parts).collect();
        let cfgs: Vec<Option<CesConfig>> =
            parts.iter().map(|p| p.as_ref().map(|p| p.config)).collect();
        let scales: Vec<Option<RatingScale>> = cfgs.iter().map(|c| c.map(|c| c.scale())).collect();
        let counts: Vec<Option<Vec<u64>>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.counts.clone()))
            .collect();
        let polarity: StringArray = cfgs
            .iter()
            .map(|c| c.map(|c| polarity_name(c.polarity())))
            .collect();
        let config = struct_array(
            ces_config_fields(),
            vec![
                scale_col(&scales)?,
                prim_col::<UInt8Type>(cfgs.iter().map(|c| c.map(|c| c.easy_from()))),
                prim_col::<UInt8Type>(cfgs.iter().map(|c| c.map(|c| c.difficult_to()))),
                Arc::new(polarity),
            ],
            set,
        )?;
        Ok(vec![config, list_col::<UInt64Type>(&counts)?])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let cfg = struct_col(cols, 0, "config")?;
        if row >= cfg.len() || cfg.is_null(row) {
            return Ok(None);
        }
        let scale = scale_at(cfg, 0, row)?;
        let easy = prim::<UInt8Type>(cfg.columns(), 1, row, "config.easy_from")?;
        let difficult = prim::<UInt8Type>(cfg.columns(), 2, row, "config.difficult_to")?;
        let polarity = cfg
            .column(3)
            .as_any()
            .downcast_ref::<StringArray>()
            .filter(|p| row < p.len() && p.is_valid(row))
            .and_then(|p| polarity_from(p.value(row)))
            .ok_or_else(|| bad("config.polarity"))?;
        let config = CesConfig::new(scale, easy, difficult, polarity).map_err(|e| core_err(&e))?;
        Ces::from_parts(CesParts {
            config,
            counts: list_prim::<UInt64Type>(cols, 1, row, "counts")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        Ces::merge(self, other)
    }

    fn heap_size(&self) -> usize {
        usize::from(self.config().scale().points()) * 8
    }
}

// ---------------------------------------------------------------- durations

impl Core for Durations {
    fn fields() -> Fields {
        Fields::from(vec![f("seconds", list_type(DataType::Float64))])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let items: Vec<Option<Vec<f64>>> = each(accs, set, |d| d.values().to_vec()).collect();
        Ok(vec![list_col::<Float64Type>(&items)?])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let c = col(cols, 0, "seconds")?;
        if row < c.len() && c.is_null(row) {
            return Ok(None);
        }
        Durations::from_parts(DurationsParts {
            seconds: list_prim::<Float64Type>(cols, 0, row, "seconds")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        Durations::merge(self, other)
    }

    fn heap_size(&self) -> usize {
        self.values().len() * 8
    }
}

// ---------------------------------------------------------------- sketch

impl Core for QuantileSketch {
    fn fields() -> Fields {
        Fields::from(vec![
            f("relative_accuracy", DataType::Float64),
            f("count", DataType::UInt64),
            f("zero_count", DataType::UInt64),
            f("min", DataType::Float64),
            f("max", DataType::Float64),
            f("offset", DataType::Int64),
            f("bins", list_type(DataType::UInt64)),
        ])
    }

    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>> {
        let parts: Vec<Option<QuantileSketchParts>> =
            each(accs, set, QuantileSketch::to_parts).collect();
        let bins: Vec<Option<Vec<u64>>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.bins.clone()))
            .collect();
        Ok(vec![
            prim_col::<Float64Type>(
                parts
                    .iter()
                    .map(|p| p.as_ref().map(|p| p.relative_accuracy)),
            ),
            prim_col::<UInt64Type>(parts.iter().map(|p| p.as_ref().map(|p| p.count))),
            prim_col::<UInt64Type>(parts.iter().map(|p| p.as_ref().map(|p| p.zero_count))),
            prim_col::<Float64Type>(parts.iter().map(|p| p.as_ref().and_then(|p| p.min))),
            prim_col::<Float64Type>(parts.iter().map(|p| p.as_ref().and_then(|p| p.max))),
            prim_col::<Int64Type>(parts.iter().map(|p| p.as_ref().map(|p| p.offset))),
            list_col::<UInt64Type>(&bins)?,
        ])
    }

    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>> {
        let c = col(cols, 0, "relative_accuracy")?;
        if row < c.len() && c.is_null(row) {
            return Ok(None);
        }
        QuantileSketch::from_parts(QuantileSketchParts {
            relative_accuracy: prim::<Float64Type>(cols, 0, row, "relative_accuracy")?,
            count: prim::<UInt64Type>(cols, 1, row, "count")?,
            zero_count: prim::<UInt64Type>(cols, 2, row, "zero_count")?,
            min: opt_prim::<Float64Type>(cols, 3, row, "min")?,
            max: opt_prim::<Float64Type>(cols, 4, row, "max")?,
            offset: prim::<Int64Type>(cols, 5, row, "offset")?,
            bins: list_prim::<UInt64Type>(cols, 6, row, "bins")?,
        })
        .map(Some)
        .map_err(|e| core_err(&e))
    }

    fn merge(&mut self, other: &Self) -> Result<(), carekit::Error> {
        QuantileSketch::merge(self, other)
    }

    fn heap_size(&self) -> usize {
        64
    }
}
