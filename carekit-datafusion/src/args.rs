//! Reading arguments: constant conventions (read once, at planning), and
//! the value columns (rating and seconds columns, checked as they are read).

use std::borrow::Cow;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, Float64Array, PrimitiveArray, RecordBatch};
use datafusion::arrow::buffer::BooleanBuffer;
use datafusion::arrow::datatypes::{
    ArrowNativeType, ArrowPrimitiveType, DataType, Int8Type, Int16Type, Int32Type, Int64Type,
    Schema, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::ColumnarValue;
use datafusion::logical_expr::function::AccumulatorArgs;

use crate::engine::counts;

/// A planning error for argument `i` (0-based) of `func`.
pub(crate) fn plan_err(func: &str, msg: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Plan(format!("{func}: {msg}"))
}

/// The constant arguments of an aggregate call, read once.
pub(crate) struct Literals<'a> {
    func: &'static str,
    args: &'a AccumulatorArgs<'a>,
}

impl<'a> Literals<'a> {
    pub(crate) fn new(func: &'static str, args: &'a AccumulatorArgs<'a>) -> Self {
        Self { func, args }
    }

    /// The name of the first argument's column, for error messages.
    pub(crate) fn column(&self, i: usize) -> String {
        self.args
            .expr_fields
            .get(i)
            .map_or_else(|| format!("argument {}", i + 1), |f| f.name().clone())
    }

    pub(crate) fn len(&self) -> usize {
        self.args.exprs.len()
    }

    /// Argument `i` as a constant, `None` when absent.
    pub(crate) fn scalar(&self, i: usize) -> Result<Option<ScalarValue>> {
        let Some(expr) = self.args.exprs.get(i) else {
            return Ok(None);
        };
        let batch = RecordBatch::new_empty(Arc::new(Schema::empty()));
        match expr.evaluate(&batch) {
            Ok(ColumnarValue::Scalar(s)) => Ok(Some(s)),
            _ => Err(plan_err(
                self.func,
                format!("argument {} must be a constant (a literal)", i + 1),
            )),
        }
    }

    fn what(&self, i: usize, expected: &str, found: &ScalarValue) -> DataFusionError {
        plan_err(
            self.func,
            format!("argument {} must be {expected}, found {found}", i + 1),
        )
    }

    pub(crate) fn u8_or(&self, i: usize, default: u8) -> Result<u8> {
        match self.scalar(i)? {
            None => Ok(default),
            Some(s) => {
                let v = match &s {
                    ScalarValue::Int64(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::Int32(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::Int16(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::Int8(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::UInt64(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::UInt32(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::UInt16(Some(v)) => u8::try_from(*v).ok(),
                    ScalarValue::UInt8(Some(v)) => Some(*v),
                    _ => None,
                };
                v.ok_or_else(|| self.what(i, "an integer constant 0..=255", &s))
            }
        }
    }

    pub(crate) fn f64_or(&self, i: usize, default: f64) -> Result<f64> {
        match self.scalar(i)? {
            None => Ok(default),
            Some(s) => match &s {
                ScalarValue::Float64(Some(v)) => Ok(*v),
                ScalarValue::Float32(Some(v)) => Ok(f64::from(*v)),
                ScalarValue::Int64(Some(v)) => Ok(*v as f64),
                ScalarValue::Int32(Some(v)) => Ok(f64::from(*v)),
                ScalarValue::Decimal128(Some(v), _, scale) => {
                    Ok(*v as f64 / 10f64.powi(i32::from(*scale)))
                }
                _ => Err(self.what(i, "a numeric constant", &s)),
            },
        }
    }

    pub(crate) fn str_or(&self, i: usize, default: &str) -> Result<String> {
        match self.scalar(i)? {
            None => Ok(default.to_owned()),
            Some(s) => match &s {
                ScalarValue::Utf8(Some(v))
                | ScalarValue::LargeUtf8(Some(v))
                | ScalarValue::Utf8View(Some(v)) => Ok(v.clone()),
                _ => Err(self.what(i, "a string constant", &s)),
            },
        }
    }

    /// A list of small integers written as a string: `'3'`, `'3,4'`, `''`.
    pub(crate) fn u8_list_or_empty(&self, i: usize) -> Result<Vec<u8>> {
        let text = self.str_or(i, "")?;
        text.split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<u8>().map_err(|_| {
                    plan_err(
                        self.func,
                        format!("argument {}: {t:?} is not a rating 0..=255", i + 1),
                    )
                })
            })
            .collect()
    }
}

/// Whether a type is an integer type (a rating column).
pub(crate) fn is_integer(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Null
    )
}

/// Whether a type is numeric (a seconds or weight column).
pub(crate) fn is_numeric(dt: &DataType) -> bool {
    is_integer(dt) || dt.is_floating() || matches!(dt, DataType::Decimal128(..))
}

fn narrow<T>(
    arr: &ArrayRef,
    mask: Option<&BooleanBuffer>,
    func: &str,
    column: &str,
) -> Result<Vec<u8>>
where
    T: ArrowPrimitiveType,
    T::Native: TryInto<u8> + std::fmt::Display + ArrowNativeType,
{
    let arr = arr
        .as_any()
        .downcast_ref::<PrimitiveArray<T>>()
        .ok_or_else(|| DataFusionError::Internal(format!("{func}: unexpected column type")))?;
    // Two branch-free (vectorisable) passes: a range check, then the
    // narrowing. `as_usize` wraps negative values to huge ones, so one
    // unsigned comparison covers both ends. Only if a value is out of range
    // does the slow pass below find the first counted row holding one.
    let values = arr.values();
    if values.iter().all(|v| u8::try_from(v.as_usize()).is_ok()) {
        #[allow(clippy::cast_possible_truncation, reason = "range checked above")]
        return Ok(values.iter().map(|v| v.as_usize() as u8).collect());
    }
    let mut out = Vec::with_capacity(arr.len());
    for (i, &v) in arr.values().iter().enumerate() {
        if counts(mask, i) {
            let Ok(x) = v.try_into() else {
                return Err(DataFusionError::Execution(format!(
                    "{func}: column {column}: rating {v} at row {i} of the batch is not a rating of the scale"
                )));
            };
            out.push(x);
        } else {
            out.push(0);
        }
    }
    Ok(out)
}

/// A rating column as bytes (rows outside `mask` read as 0), borrowing a
/// `UInt8` column as it is.
pub(crate) fn ratings<'a>(
    arr: &'a ArrayRef,
    mask: Option<&BooleanBuffer>,
    func: &str,
    column: &str,
) -> Result<Cow<'a, [u8]>> {
    Ok(match arr.data_type() {
        DataType::UInt8 => {
            let a = arr
                .as_any()
                .downcast_ref::<PrimitiveArray<UInt8Type>>()
                .ok_or_else(|| DataFusionError::Internal(format!("{func}: not UInt8")))?;
            Cow::Borrowed(a.values().as_ref())
        }
        DataType::Int8 => Cow::Owned(narrow::<Int8Type>(arr, mask, func, column)?),
        DataType::Int16 => Cow::Owned(narrow::<Int16Type>(arr, mask, func, column)?),
        DataType::Int32 => Cow::Owned(narrow::<Int32Type>(arr, mask, func, column)?),
        DataType::Int64 => Cow::Owned(narrow::<Int64Type>(arr, mask, func, column)?),
        DataType::UInt16 => Cow::Owned(narrow::<UInt16Type>(arr, mask, func, column)?),
        DataType::UInt32 => Cow::Owned(narrow::<UInt32Type>(arr, mask, func, column)?),
        DataType::UInt64 => Cow::Owned(narrow::<UInt64Type>(arr, mask, func, column)?),
        DataType::Null => Cow::Owned(vec![0; arr.len()]),
        other => {
            return Err(DataFusionError::Execution(format!(
                "{func}: column {column} must hold integer ratings, found {other}"
            )));
        }
    })
}

/// A Float64 column (the coerced seconds or weights).
pub(crate) fn floats<'a>(arr: &'a ArrayRef, func: &str, column: &str) -> Result<&'a Float64Array> {
    arr.as_any().downcast_ref::<Float64Array>().ok_or_else(|| {
        DataFusionError::Execution(format!(
            "{func}: column {column} must be numeric, found {}",
            arr.data_type()
        ))
    })
}
