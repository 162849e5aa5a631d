//! JSON helpers for case handlers: each error names the field.

use serde_json::Value;

/// A case's output object, or an error message.
pub(crate) type CaseResult = Result<Value, String>;

/// A required field.
pub(crate) fn field<'a>(input: &'a Value, name: &str) -> Result<&'a Value, String> {
    input
        .get(name)
        .ok_or_else(|| format!("input.{name}: missing field"))
}

/// A required number.
pub(crate) fn f64_field(input: &Value, name: &str) -> Result<f64, String> {
    field(input, name)?
        .as_f64()
        .ok_or_else(|| format!("input.{name}: expected a number"))
}

/// An optional number with a default.
pub(crate) fn f64_or(input: &Value, name: &str, default: f64) -> Result<f64, String> {
    match input.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| format!("input.{name}: expected a number")),
    }
}

/// A required non-negative integer.
pub(crate) fn u64_field(input: &Value, name: &str) -> Result<u64, String> {
    field(input, name)?
        .as_u64()
        .ok_or_else(|| format!("input.{name}: expected a non-negative integer"))
}

/// A required string.
pub(crate) fn str_field<'a>(input: &'a Value, name: &str) -> Result<&'a str, String> {
    field(input, name)?
        .as_str()
        .ok_or_else(|| format!("input.{name}: expected a string"))
}

/// A required array.
pub(crate) fn array_field<'a>(input: &'a Value, name: &str) -> Result<&'a Vec<Value>, String> {
    field(input, name)?
        .as_array()
        .ok_or_else(|| format!("input.{name}: expected an array"))
}

/// A required array of numbers.
pub(crate) fn f64_array(input: &Value, name: &str) -> Result<Vec<f64>, String> {
    array_field(input, name)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_f64()
                .ok_or_else(|| format!("input.{name}[{i}]: expected a number"))
        })
        .collect()
}

/// A required array of integers in `0..=255`.
pub(crate) fn u8_array(input: &Value, name: &str) -> Result<Vec<u8>, String> {
    array_field(input, name)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(|| format!("input.{name}[{i}]: expected an integer 0..=255, found {v}"))
        })
        .collect()
}

/// Deserialises a field with the crate's serde form.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(
    input: &Value,
    name: &str,
) -> Result<T, String> {
    T::deserialize(field(input, name)?).map_err(|e| format!("input.{name}: {e}"))
}

/// A JSON number that is `null` when not finite (JSON has no NaN).
pub(crate) fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}
