//! Shared argument reading for the two Ballista examples.

use std::collections::BTreeMap;

use carekit::calendar::Calendar;

/// `--name value` pairs.
pub(crate) fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Named calendars from `--calendars FILE` (a JSON object of calendar
/// name to the core calendar JSON form), or none.
pub(crate) fn calendars(args: &[String]) -> Result<BTreeMap<String, Calendar>, String> {
    let Some(path) = flag(args, "--calendars") else {
        return Ok(BTreeMap::new());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("--calendars {path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("--calendars {path}: {e}"))
}

/// `host:port` split.
pub(crate) fn host_port(text: &str, what: &str) -> Result<(String, u16), String> {
    let (h, p) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("{what}: expected host:port, found {text:?}"))?;
    let p = p
        .parse()
        .map_err(|_| format!("{what}: {p:?} is not a port number"))?;
    Ok((h.to_owned(), p))
}
