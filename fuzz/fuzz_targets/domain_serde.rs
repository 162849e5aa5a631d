//! `domain_serde`: the serde forms of the domain types.
//!
//! Input: one selector byte, then JSON. The selector picks the type:
//! `Feedback`, `Money`, `Currency`, `Interaction`, `Customer`, `SlaBook`,
//! `LoyaltyProgramme`, or an evaluation case (a loyalty programme with a
//! membership and events; an SLA book with an interaction). Nothing may
//! panic; anything that parses must serialise, and parse back equal; the
//! evaluation cases are then evaluated (errors are fine, panics are not).
#![no_main]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a fuzz harness: libFuzzer's entry point writes crash files, the trace mode reads the environment and the clock"
)]

use carekit::calendar::CalendarTime;
use carekit::loyalty::{Benefits, LoyaltyEvent, Membership};
use carekit::sla::{SlaBook, SlaContext};
use carekit::{
    Currency, Customer, Feedback, Interaction, LoyaltyProgramme, Money, Segment, TierId,
};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// Parses `json` as `T`; if it parses, checks the JSON round trip and
/// returns the value.
fn round_trip<T>(json: &[u8]) -> Option<T>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_slice(json).ok()?;
    let text = serde_json::to_string(&value).expect("a parsed value serialises");
    let back: T = match serde_json::from_str(&text) {
        Ok(b) => b,
        Err(e) => panic!(
            "{} does not parse back from its own JSON {text}: {e}",
            std::any::type_name::<T>()
        ),
    };
    assert_eq!(
        back,
        value,
        "{} JSON round trip: {text}",
        std::any::type_name::<T>()
    );
    Some(value)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LoyaltyCase {
    programme: LoyaltyProgramme,
    membership: Membership,
    events: Vec<LoyaltyEvent>,
    as_of: DateTime<Utc>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SlaCase {
    book: SlaBook,
    interaction: Interaction,
    at: DateTime<Utc>,
    #[serde(default)]
    tier: Option<TierId>,
    #[serde(default)]
    segment: Option<Segment>,
    #[serde(default)]
    benefits: Option<Benefits>,
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, json)) = data.split_first() else {
        return;
    };
    match selector % 9 {
        0 => {
            round_trip::<Feedback>(json);
        }
        1 => {
            round_trip::<Money>(json);
        }
        2 => {
            round_trip::<Currency>(json);
        }
        3 => {
            round_trip::<Interaction>(json);
        }
        4 => {
            round_trip::<Customer>(json);
        }
        5 => {
            round_trip::<SlaBook>(json);
        }
        6 => {
            round_trip::<LoyaltyProgramme>(json);
        }
        7 => {
            if let Some(case) = round_trip::<LoyaltyCase>(json)
                && let Ok(eval) =
                    case.programme
                        .evaluate(&case.membership, &case.events, case.as_of)
            {
                let _ = serde_json::to_string(&eval).expect("an evaluation serialises");
            }
        }
        _ => {
            if let Some(case) = round_trip::<SlaCase>(json) {
                let mut context = SlaContext::new();
                if let Some(t) = case.tier.clone() {
                    context = context.with_tier(t);
                }
                if let Some(s) = case.segment.clone() {
                    context = context.with_segment(s);
                }
                if let Some(b) = &case.benefits {
                    context = context.with_benefits(b);
                }
                let _ = case
                    .book
                    .evaluate(&case.interaction, &context, case.at, &CalendarTime);
            }
        }
    }
});
