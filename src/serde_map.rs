//! Reading JSON objects into maps without losing a repeated key.
//!
//! A plain `BTreeMap` deserialiser keeps the last of two equal keys and
//! drops the first without a word. Every map in carekit's serde forms is
//! read with [`unique_keys`] instead, which refuses the repeat with a named
//! error.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};

/// Reads a map, refusing a key given twice with the error `duplicate`
/// builds from it. `expecting` describes the map for serde's type errors
/// ("an object from tier ids to multipliers").
pub(crate) fn unique_keys<'de, D, K, V, F>(
    deserializer: D,
    expecting: &'static str,
    duplicate: F,
) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
    F: Fn(&K) -> crate::error::Error,
{
    struct Unique<K, V, F> {
        expecting: &'static str,
        duplicate: F,
        kv: PhantomData<fn() -> (K, V)>,
    }
    impl<'de, K, V, F> Visitor<'de> for Unique<K, V, F>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        F: Fn(&K) -> crate::error::Error,
    {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<K>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom((self.duplicate)(&key)));
                }
                let value = map.next_value::<V>()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique {
        expecting,
        duplicate,
        kv: PhantomData,
    })
}
