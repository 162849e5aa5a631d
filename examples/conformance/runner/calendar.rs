//! Business-calendar cases (SPEC §9): `business_time_add` and
//! `business_time_between`.
//!
//! A `calendar` input is a [`CalendarSpec`] JSON object plus `time_zone`:
//! `"UTC"`, a fixed offset `"+02:00"`/`"-05:30"`, or an IANA name resolved
//! with chrono-tz. [`parse_calendar`] and [`AnyCalendar`] are shared with the
//! SLA and interaction-clock handlers.

use carekit::calendar::{BusinessCalendar, CalendarSpec, ElapsedTime};
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta, Utc};
use serde_json::{Value, json};

use super::common::{CaseResult, field, str_field};

/// A business calendar in whichever kind of zone the case names.
#[derive(Debug, Clone)]
pub(crate) enum AnyCalendar {
    /// `"UTC"`.
    Utc(BusinessCalendar<Utc>),
    /// `"+02:00"`, `"-05:30"`, ...
    Fixed(BusinessCalendar<FixedOffset>),
    /// An IANA zone name.
    Iana(BusinessCalendar<chrono_tz::Tz>),
}

impl ElapsedTime for AnyCalendar {
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, carekit::Error> {
        match self {
            Self::Utc(c) => c.between(from, to),
            Self::Fixed(c) => c.between(from, to),
            Self::Iana(c) => c.between(from, to),
        }
    }

    fn advance(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, carekit::Error> {
        match self {
            Self::Utc(c) => c.add(start, duration),
            Self::Fixed(c) => c.add(start, duration),
            Self::Iana(c) => c.add(start, duration),
        }
    }
}

/// Builds a calendar from its vector form: `{"time_zone", "week",
/// "holidays"?, "special"?}`.
pub(crate) fn parse_calendar(v: &Value) -> Result<AnyCalendar, String> {
    let obj = v
        .as_object()
        .ok_or("calendar: expected an object with \"time_zone\" and \"week\"")?;
    let zone = obj
        .get("time_zone")
        .and_then(Value::as_str)
        .ok_or("calendar.time_zone: expected a string")?;
    let mut rest = obj.clone();
    rest.remove("time_zone");
    let spec =
        CalendarSpec::deserialize(Value::Object(rest)).map_err(|e| format!("calendar: {e}"))?;
    let built = if zone == "UTC" {
        BusinessCalendar::new(Utc, spec).map(AnyCalendar::Utc)
    } else if zone.starts_with(['+', '-']) {
        let tz: FixedOffset = zone
            .parse()
            .map_err(|_| format!("calendar.time_zone: malformed offset {zone:?}"))?;
        BusinessCalendar::new(tz, spec).map(AnyCalendar::Fixed)
    } else {
        let tz: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| format!("calendar.time_zone: unknown time zone {zone:?}"))?;
        BusinessCalendar::new(tz, spec).map(AnyCalendar::Iana)
    };
    built.map_err(|e| format!("calendar: {e}"))
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
            let deadline = cal
                .advance(start, TimeDelta::seconds(seconds))
                .map_err(|e| e.to_string())?;
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
