//! Business-calendar cases: `business_time_add` and
//! `business_time_between`.
//!
//! A `calendar` input is carekit's [`Calendar`] serde form: a calendar spec
//! plus `time_zone` (`"UTC"`, a fixed offset `"+02:00"`/`"-05:30"`, or an
//! IANA name). [`parse_calendar`] is shared with the SLA and
//! interaction-clock handlers.

use carekit::calendar::{Calendar, ElapsedTime};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde_json::{Value, json};

use super::common::{CaseResult, field, str_field};

/// The calendar of a case: carekit's whole-calendar value, read from its
/// serde form.
pub(crate) type AnyCalendar = Calendar;

/// Builds a calendar from its vector form: `{"time_zone", "week",
/// "holidays"?, "special"?}`, carekit's own serde form of a [`Calendar`].
pub(crate) fn parse_calendar(v: &Value) -> Result<AnyCalendar, String> {
    Calendar::deserialize(v).map_err(|e| format!("calendar: {e}"))
}

use serde::Deserialize as _;

fn instant(input: &Value, name: &str) -> Result<DateTime<Utc>, String> {
    let text = str_field(input, name)?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("input.{name}: {text:?} is not an RFC 3339 instant: {e}"))
}

/// Runs one case of a kind this file handles.
pub(crate) fn run(kind: &str, input: &Value) -> CaseResult {
    let cal = parse_calendar(field(input, "calendar")?)?;
    match kind {
        "business_time_add" => {
            let start = instant(input, "start")?;
            let seconds = field(input, "seconds")?
                .as_i64()
                .ok_or("input.seconds: expected an integer")?;
            // `TimeDelta::seconds` panics beyond ±i64::MAX milliseconds
            // (about ±9.2e15 s); answer with an error line instead.
            let duration = TimeDelta::try_seconds(seconds).ok_or_else(|| {
                format!(
                    "input.seconds: {seconds} is outside the range of a duration \
                     (at most {} seconds either way)",
                    TimeDelta::MAX.num_seconds()
                )
            })?;
            let deadline = cal.advance(start, duration).map_err(|e| e.to_string())?;
            Ok(json!({"deadline": deadline.to_rfc3339_opts(SecondsFormat::AutoSi, true)}))
        }
        "business_time_between" => {
            let from = instant(input, "from")?;
            let to = instant(input, "to")?;
            let d = cal.elapsed(from, to).map_err(|e| e.to_string())?;
            let seconds = d.as_seconds_f64();
            Ok(json!({"seconds": seconds}))
        }
        other => Err(format!(
            "case kind {other:?} is not handled by the calendar runner"
        )),
    }
}
