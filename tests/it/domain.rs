//! Accepted and rejected inputs of every domain constructor, with the exact
//! messages users see (SPEC §2: lowercase, no trailing period, quoting the
//! value and the rule).

use carekit::*;
use chrono::{TimeZone, Utc};

#[test]
fn currency_rejections_name_the_value() {
    assert_eq!(
        Currency::new("usd").unwrap_err().to_string(),
        "currency code \"usd\" is malformed: expected three upper-case letters"
    );
    assert_eq!(
        Currency::new("XYZ").unwrap_err().to_string(),
        "currency code \"XYZ\" is not an active iso 4217 code"
    );
    assert_eq!(
        Currency::new("").unwrap_err().to_string(),
        "currency code \"\" is malformed: expected three upper-case letters"
    );
}

#[test]
fn every_iso_code_round_trips_through_its_text() {
    for c in Currency::all() {
        assert_eq!(Currency::new(c.code()).unwrap(), c);
        assert!(c.minor_units() <= 4);
    }
}

#[test]
fn rating_rejections() {
    assert_eq!(
        NpsScore::new(11).unwrap_err().to_string(),
        "nps score 11 is outside the scale 0..=10"
    );
    assert_eq!(
        CsatRating::new(0, RatingScale::CSAT_DEFAULT)
            .unwrap_err()
            .to_string(),
        "csat rating 0 is outside the scale 1..=5"
    );
    assert_eq!(
        CesRating::on_default_scale(8).unwrap_err().to_string(),
        "ces rating 8 is outside the scale 1..=7"
    );
    for (min, max) in [(5, 5), (5, 1), (10, 0)] {
        assert!(matches!(
            RatingScale::new(min, max).map_err(Error::from),
            Err(Error::InvalidScale { .. })
        ));
    }
}

#[test]
fn weight_rejections() {
    for bad in [0.0, -0.0, -2.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = Weight::new(bad).unwrap_err();
        assert!(matches!(e, Error::InvalidWeight { .. }), "{bad}");
        assert!(
            e.to_string()
                .starts_with(&format!("weight {bad} is invalid"))
        );
    }
}

#[test]
fn identifier_rejections() {
    assert_eq!(
        CustomerId::new("").unwrap_err().to_string(),
        "customer id \"\" is not a valid identifier: it must not be empty"
    );
    assert_eq!(
        AgentId::new(" \t").unwrap_err().to_string(),
        "agent id \" \\t\" is not a valid identifier: it must not be blank"
    );
    assert!(InteractionId::new("a\u{0}b").is_err());
    assert!(TierId::new("").is_err());
    assert!(Segment::new("").is_err());
}

#[test]
fn customer_rules() {
    let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    let c = Customer::builder(CustomerId::new("c").unwrap(), t(2020))
        .churned_at(t(2020))
        .build()
        .unwrap();
    assert!(!c.is_active_at(t(2020)));
    assert!(
        Customer::builder(CustomerId::new("c").unwrap(), t(2021))
            .churned_at(t(2020))
            .build()
            .is_err()
    );
    assert!(LanguageTag::new("9x").is_err());
    assert!(LanguageTag::new("en-").is_err());
    assert!(LanguageTag::new("zh-Hant-TW").is_ok());
}

#[test]
fn timeline_rejections_name_the_event() {
    let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    let b = || {
        Interaction::builder(
            InteractionId::new("T").unwrap(),
            CustomerId::new("c").unwrap(),
            Channel::Email,
            t(9, 0),
        )
    };
    assert_eq!(
        b().customer_message(t(8, 0))
            .build()
            .unwrap_err()
            .to_string(),
        "timeline event 0 at 2024-03-04T08:00:00Z is before the interaction was created at 2024-03-04T09:00:00Z"
    );
    assert_eq!(
        b().customer_message(t(10, 0))
            .escalation(t(9, 30))
            .build()
            .unwrap_err()
            .to_string(),
        "timeline event 1 at 2024-03-04T09:30:00Z is before the previous event at 2024-03-04T10:00:00Z"
    );
    assert_eq!(
        b().status(t(10, 0), Status::Closed)
            .status(t(11, 0), Status::Open)
            .build()
            .unwrap_err()
            .to_string(),
        "timeline event 1 at 2024-03-04T11:00:00Z follows the close at 2024-03-04T10:00:00Z: closed is final"
    );
}

#[test]
fn derived_facts_of_a_reopened_case() {
    // Worked by hand: created 09:00, internal note 09:10 (not a reply),
    // public reply 09:20, solved 09:30, customer writes back 10:00 and the
    // case reopens, second public reply 10:15, solved 10:20, closed 12:00.
    let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
    let ana = AgentId::new("ana").unwrap();
    let case = Interaction::builder(
        InteractionId::new("T").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Email,
        t(9, 0),
    )
    .agent_reply(t(9, 10), ana.clone(), Visibility::Internal)
    .status(t(9, 15), Status::Open)
    .agent_reply(t(9, 20), ana.clone(), Visibility::Public)
    .status(t(9, 30), Status::Solved)
    .customer_message(t(10, 0))
    .status(t(10, 0), Status::Open)
    .agent_reply(t(10, 15), ana, Visibility::Public)
    .status(t(10, 20), Status::Solved)
    .status(t(12, 0), Status::Closed)
    .build()
    .unwrap();
    assert_eq!(case.first_public_agent_reply(), Some(t(9, 20)));
    assert_eq!(case.public_agent_reply_count(), 2);
    assert_eq!(case.first_solve(), Some(t(9, 30)));
    assert_eq!(case.last_solve(), Some(t(10, 20)));
    assert_eq!(case.reopen_count(), 1);
    assert_eq!(case.closed_at(), Some(t(12, 0)));
    let d = case.time_in_status(t(23, 0));
    assert_eq!(d.get(Status::New), chrono::TimeDelta::minutes(15));
    assert_eq!(d.get(Status::Open), chrono::TimeDelta::minutes(15 + 20));
    assert_eq!(d.get(Status::Solved), chrono::TimeDelta::minutes(30 + 100));
    assert_eq!(d.get(Status::Closed), chrono::TimeDelta::zero());
}
