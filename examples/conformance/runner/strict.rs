//! Parsing a vector file so that a key given twice is an error, not a
//! silent "the last one wins" (which `serde_json::Value` does).
//!
//! The file is read into an ordinary [`Value`] while every repeated key is
//! recorded with its path; the caller turns a repeat inside a case into
//! that case's error line.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A key that appeared twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// Where the object is.
    pub(crate) path: Vec<Step>,
    /// The repeated key.
    pub(crate) key: String,
}

/// `a.b[3].c` (empty for the document itself).
pub(crate) fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

impl Duplicate {
    /// `path: key "k" is given twice`, the path shown from `skip` steps in.
    pub(crate) fn message(&self, skip: usize) -> String {
        let path = show(self.path.get(skip..).unwrap_or_default());
        let at = if path.is_empty() {
            String::new()
        } else {
            format!("{path}: ")
        };
        format!("{at}key {:?} is given twice", self.key)
    }
}

/// Parses `text`, returning the document and every repeated key.
///
/// # Errors
///
/// When `text` is not JSON.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<Duplicate>), serde_json::Error> {
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Node {
        path: Vec::new(),
        found: &found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, found.into_inner()))
}

struct Node<'a> {
    path: Vec<Step>,
    found: &'a RefCell<Vec<Duplicate>>,
}

impl Node<'_> {
    fn child(&self, step: Step) -> Self {
        let mut path = self.path.clone();
        path.push(step);
        Node {
            path,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(self.child(Step::Index(out.len())))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.child(Step::Key(key.clone())))?;
            if out.contains_key(&key) {
                self.found.borrow_mut().push(Duplicate {
                    path: self.path.clone(),
                    key: key.clone(),
                });
            }
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}
