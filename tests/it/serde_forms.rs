//! serde forms: round trips of every public type, and deserialisation that
//! validates like the constructors.

use carekit::loyalty::{Benefits, Multiplier, Perk};
use carekit::*;
use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use serde::{Serialize, de::DeserializeOwned};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
}

fn rejects<T: DeserializeOwned + std::fmt::Debug>(json: &str, needle: &str) {
    let err = serde_json::from_str::<T>(json).unwrap_err().to_string();
    assert!(
        err.contains(needle),
        "{json}: {err:?} does not mention {needle:?}"
    );
}

fn sample_interaction() -> Interaction {
    let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c-1").unwrap(),
        Channel::Email,
        t(9, 0),
    )
    .priority(Priority::High)
    .direction(Direction::Outbound)
    .agent_reply(t(9, 1), AgentId::new("ana").unwrap(), Visibility::Public)
    .customer_message(t(9, 5))
    .agent_reply(t(9, 6), AgentId::new("ana").unwrap(), Visibility::Internal)
    .transfer(t(9, 7), AgentId::new("bo").unwrap())
    .escalation(t(9, 8))
    .status(t(9, 9), Status::Solved)
    .build()
    .unwrap()
}

#[test]
fn round_trips() {
    round_trip(&CustomerId::new("c").unwrap());
    round_trip(&AgentId::new("a").unwrap());
    round_trip(&InteractionId::new("i").unwrap());
    round_trip(&TierId::new("gold").unwrap());
    round_trip(&Segment::new("smb").unwrap());
    for c in Currency::all() {
        round_trip(&c);
    }
    round_trip(&Money::new(Decimal::new(-123_456, 4), Currency::BHD));
    round_trip(&RoundingStrategy::Ceiling);
    for c in Channel::ALL {
        round_trip(c);
    }
    for p in Priority::ALL {
        round_trip(p);
    }
    for s in Status::ALL {
        round_trip(s);
    }
    round_trip(&Direction::Outbound);
    round_trip(&Visibility::Internal);
    round_trip(&sample_interaction());
    round_trip(&sample_interaction().events()[0]);
    round_trip(&NpsScore::new(7).unwrap());
    round_trip(&NpsCategory::Promoter);
    round_trip(&CsatRating::new(1, RatingScale::BINARY).unwrap());
    round_trip(&CesRating::on_default_scale(7).unwrap());
    round_trip(&RatingScale::new(0, 10).unwrap());
    round_trip(&Weight::new(0.25).unwrap());
    let at = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
    let fb = Feedback::builder(
        CustomerId::new("c").unwrap(),
        at,
        CsatRating::on_default_scale(4).unwrap(),
    )
    .interaction(InteractionId::new("T").unwrap())
    .comment("fine")
    .unwrap()
    .weight(Weight::new(1.5).unwrap())
    .build();
    round_trip(&fb);
    round_trip(&Answer::Nps(NpsScore::new(0).unwrap()));
    let customer = Customer::builder(CustomerId::new("c").unwrap(), at)
        .tier(TierId::new("gold").unwrap())
        .segment(Segment::new("smb").unwrap())
        .churned_at(at)
        .lifetime_value(Money::from_minor_units(1, Currency::EUR))
        .preferred_channel(Channel::Phone)
        .language(LanguageTag::new("en-GB").unwrap())
        .build()
        .unwrap();
    round_trip(&customer);
    round_trip(&Preferences::default());
    round_trip(&LanguageTag::new("fr").unwrap());
    round_trip(
        &Benefits::default()
            .with_priority_boost(2)
            .with_sla_target_multiplier(Multiplier::new(Decimal::new(5, 1)).unwrap())
            .with_perk(Perk::FreeReturns),
    );
}

#[test]
fn documented_json_forms_parse() {
    let fb: Feedback = serde_json::from_str(
        r#"{"customer": "c-1", "interaction": "T-9", "at": "2024-05-01T12:00:00Z",
            "answer": {"csat": {"value": 4, "scale": {"min": 1, "max": 5}}},
            "comment": "thanks", "weight": 1.5}"#,
    )
    .unwrap();
    assert_eq!(fb.answer().csat().unwrap().get(), 4);
    let m: Money = serde_json::from_str(r#"{"amount": "19.99", "currency": "EUR"}"#).unwrap();
    assert_eq!(m, Money::from_minor_units(1999, Currency::EUR));
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        r#"{"amount":"19.99","currency":"EUR"}"#
    );
    let i: Interaction = serde_json::from_str(
        r#"{"id": "T-1", "customer": "c-1", "channel": "email", "priority": "high",
            "direction": "inbound", "created_at": "2024-03-04T09:00:00Z",
            "events": [
              {"type": "status_change", "at": "2024-03-04T09:05:00Z", "to": "open"},
              {"type": "agent_reply", "at": "2024-03-04T09:30:00Z", "agent": "ana", "visibility": "public"},
              {"type": "customer_message", "at": "2024-03-04T09:40:00Z"},
              {"type": "transfer", "at": "2024-03-04T09:45:00Z", "to": "bo"},
              {"type": "escalation", "at": "2024-03-04T09:50:00Z"}
            ]}"#,
    )
    .unwrap();
    assert_eq!(i.events().len(), 5);
    let c: Customer = serde_json::from_str(
        r#"{"id": "c-1", "customer_since": "2021-06-01T00:00:00Z", "tier": "gold",
            "segment": "smb", "churned_at": null,
            "lifetime_value": {"amount": "1520.00", "currency": "EUR"},
            "preferences": {"channel": "chat", "language": "de-AT"}}"#,
    )
    .unwrap();
    assert_eq!(c.preferences().channel(), Some(Channel::Chat));
    let b: Benefits = serde_json::from_str(
        r#"{"priority_boost": 1, "sla_target_multiplier": "0.5",
            "compensation_limit_multiplier": "1.5", "perks": ["free_returns"]}"#,
    )
    .unwrap();
    assert!(b.has_perk(&Perk::FreeReturns));
}

#[test]
fn deserialisation_validates() {
    rejects::<Currency>(r#""usd""#, "malformed");
    rejects::<Currency>(r#""XYZ""#, "XYZ");
    rejects::<Currency>(r#""""#, "malformed");
    rejects::<NpsScore>("11", "nps score 11 is outside the scale 0..=10");
    rejects::<CsatRating>(
        r#"{"value": 0, "scale": {"min": 1, "max": 5}}"#,
        "csat rating 0",
    );
    rejects::<RatingScale>(r#"{"min": 5, "max": 5}"#, "scale 5..=5 is invalid");
    rejects::<Weight>("0.0", "weight 0 is invalid");
    rejects::<Weight>("-1.0", "weight -1 is invalid");
    rejects::<CustomerId>(r#""""#, "must not be empty");
    rejects::<Money>(
        r#"{"amount": "1", "currency": "EUR", "note": 1}"#,
        "unknown field",
    );
    rejects::<Money>(r#"{"amount": "1"}"#, "missing field");
    rejects::<Feedback>(
        r#"{"customer": "c", "at": "2024-05-01T12:00:00Z", "answer": {"nps": 9}, "mood": "ok"}"#,
        "unknown field",
    );
    rejects::<Feedback>(
        r#"{"customer": "c", "answer": {"nps": 9}}"#,
        "missing field",
    );
    rejects::<Interaction>(
        r#"{"id": "T", "customer": "c", "channel": "chat", "created_at": "2024-03-04T09:00:00Z",
            "events": [{"type": "customer_message", "at": "2024-03-04T08:00:00Z"}]}"#,
        "is before the interaction was created",
    );
    rejects::<Interaction>(
        r#"{"id": "T", "customer": "c", "channel": "fax", "created_at": "2024-03-04T09:00:00Z"}"#,
        "unknown variant",
    );
    rejects::<Customer>(
        r#"{"id": "c", "customer_since": "2024-01-01T00:00:00Z", "churned_at": "2023-01-01T00:00:00Z"}"#,
        "churned_at 2023-01-01T00:00:00Z is before customer_since",
    );
    rejects::<Multiplier>(r#""-1""#, "multiplier -1 is invalid");
    rejects::<Perk>(r#""Free""#, "perk");
}

#[test]
fn health_bands_deserialise_through_their_validating_constructor() {
    use carekit::metrics::HealthBands;
    let bands: HealthBands =
        serde_json::from_str(r#"{"at_risk_below": 30.0, "needs_attention_below": 60.0}"#).unwrap();
    assert_eq!(bands, HealthBands::new(30.0, 60.0).unwrap());
    rejects::<HealthBands>(
        r#"{"at_risk_below": 80.0, "needs_attention_below": 60.0}"#,
        "needs_attention_below",
    );
    rejects::<HealthBands>(
        r#"{"at_risk_below": -1.0, "needs_attention_below": 60.0}"#,
        "at_risk_below",
    );
}

#[test]
fn a_health_model_without_settings_takes_the_documented_defaults() {
    use carekit::metrics::{HealthComponent as C, HealthModel, HealthWeights};
    // Documented defaults: a 90-day recency horizon, an escalation cap of 3.
    let model: HealthModel =
        serde_json::from_str(r#"{"weights": {"recency": 0.5, "escalations": 0.5}}"#).unwrap();
    let w = HealthWeights::new(&[(C::Recency, 0.5), (C::Escalations, 0.5)]).unwrap();
    assert_eq!(model, HealthModel::new(w));
    let json = serde_json::to_value(model).unwrap();
    assert_eq!(json["recency_horizon_seconds"], 7_776_000); // 90 · 86,400
    assert_eq!(json["escalation_cap"], 3);
}

#[test]
fn a_sketch_with_an_empty_end_bucket_is_rejected() {
    use carekit::metrics::QuantileSketch;
    // The serialised bins run from the first to the last non-empty bucket,
    // so an empty bucket at either end is not a form carekit writes.
    for bins in ["[1, 0]", "[0, 1]"] {
        rejects::<QuantileSketch>(
            &format!(
                r#"{{"relative_accuracy": 0.01, "count": 1, "zero_count": 0,
                    "min": 1.0, "max": 1.0, "offset": 0, "bins": {bins}}}"#
            ),
            "non-empty bucket",
        );
    }
}

#[test]
fn sketch_deserialisation_checks_emptiness_and_the_order_of_min_and_max() {
    use carekit::metrics::QuantileSketch;
    let sketch = |count, min: &str, max: &str, bins: &str| {
        format!(
            r#"{{"relative_accuracy": 0.01, "count": {count}, "zero_count": 0,
                "min": {min}, "max": {max}, "offset": 0, "bins": {bins}}}"#
        )
    };
    // No data, yet a min and a max: not a form carekit writes.
    rejects::<QuantileSketch>(
        &sketch(0, "0.0", "0.0", "[]"),
        "an empty sketch has no min or max",
    );
    // A max below the min is named as such (not as a bucket mismatch).
    rejects::<QuantileSketch>(&sketch(2, "2.0", "1.0", "[1, 1]"), "0 <= min <= max");
}

#[test]
fn a_sketch_may_span_exactly_the_bucket_limit() {
    use carekit::metrics::QuantileSketch;
    // Buckets 0 ..= 2^20 − 1: exactly MAX_BUCKETS of them, with one value
    // in the first (1.0, key 0) and one in the last.
    let template = QuantileSketch::new(1e-4).unwrap();
    let last_key = i64::try_from(QuantileSketch::MAX_BUCKETS).unwrap() - 1;
    let max = template.bucket_value(last_key);
    assert_eq!((template.key(1.0), template.key(max)), (0, last_key));
    let mut bins = vec!["0"; QuantileSketch::MAX_BUCKETS];
    bins[0] = "1";
    *bins.last_mut().unwrap() = "1";
    let json = format!(
        r#"{{"relative_accuracy": 0.0001, "count": 2, "zero_count": 0,
            "min": 1.0, "max": {max:?}, "offset": 0, "bins": [{}]}}"#,
        bins.join(",")
    );
    let s: QuantileSketch = serde_json::from_str(&json).unwrap();
    assert_eq!((s.n(), s.min(), s.max()), (2, Some(1.0), Some(max)));
    // One bucket more is too wide.
    bins.push("1");
    bins[QuantileSketch::MAX_BUCKETS - 1] = "0";
    let json = format!(
        r#"{{"relative_accuracy": 0.0001, "count": 2, "zero_count": 0,
            "min": 1.0, "max": {:?}, "offset": 0, "bins": [{}]}}"#,
        template.bucket_value(last_key + 1),
        bins.join(",")
    );
    rejects::<QuantileSketch>(&json, "would exceed the limit of 1048576 buckets");
}

#[test]
fn sketch_deserialisation_checks_min_and_max_against_the_buckets() {
    use carekit::metrics::QuantileSketch;
    let s = QuantileSketch::new(0.01).unwrap();
    let form = |count, zero_count, min: f64, max: f64, bins: &str| {
        format!(
            r#"{{"relative_accuracy": 0.01, "count": {count}, "zero_count": {zero_count},
                "min": {min:?}, "max": {max:?}, "offset": 0, "bins": {bins}}}"#
        )
    };
    // Buckets 0 and 1: 1.0 has key 0 and bucket_value(1) key 1.
    let top = s.bucket_value(1);
    assert_eq!((s.key(1.0), s.key(top)), (0, 1));
    assert!(serde_json::from_str::<QuantileSketch>(&form(2, 0, 1.0, top, "[1, 1]")).is_ok());
    // A min outside the first bucket is refused even when the max fits.
    rejects::<QuantileSketch>(
        &form(2, 0, 0.5, top, "[1, 1]"),
        "min and max must fall in the first and last buckets",
    );
    // Only zeros (no buckets): the max may be 0 or anything up to the zero
    // threshold MIN_POSITIVE · γ, which counts as zero; above it, not.
    let threshold = f64::MIN_POSITIVE * s.gamma();
    for max in [0.0, threshold] {
        let json = form(1, 1, 0.0, max, "[]");
        let parsed = serde_json::from_str::<QuantileSketch>(&json);
        assert!(parsed.is_ok(), "{json}: {parsed:?}");
    }
    rejects::<QuantileSketch>(
        &form(1, 1, 0.0, 1.0, "[]"),
        "values above the zero bucket need buckets",
    );
    // Regression: a sketch holding only zeros did not read back its own
    // serialised form (its empty bins were checked as if they ended at
    // key −1).
    let mut zeros = QuantileSketch::new(0.01).unwrap();
    zeros.extend_f64(&[0.0, 0.0]).unwrap();
    round_trip(&zeros);
    // Buckets that would run past i64::MAX are refused, not dropped.
    rejects::<QuantileSketch>(
        &format!(
            r#"{{"relative_accuracy": 0.01, "count": 2, "zero_count": 0,
                "min": 1.0, "max": 1.0, "offset": {}, "bins": [1, 1]}}"#,
            i64::MAX
        ),
        "the buckets run past the largest key",
    );
}
