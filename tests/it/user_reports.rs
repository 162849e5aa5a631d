//! Regressions for defects new users reported (wrong answers, panics and
//! silent data loss), one test or group per report. Each expected value is
//! worked by hand in a comment.

use carekit::metrics::{CesPolarity, peak_end};
use carekit::*;
use chrono::{DateTime, TimeZone, Utc};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap()
}

// ------------------------------------------------------------ peak-end polarity

#[test]
fn peak_end_reads_a_lower_is_easier_ces_the_right_way_round() {
    let c = CustomerId::new("c-1").unwrap();
    let effort = RatingScale::new(1, 5).unwrap();
    let ces = |v| Answer::from(CesRating::new(v, effort).unwrap());
    // "How much effort did it take?" 1 = very low effort: the best answer.
    // Turned around: (5 − 1) / (5 − 1) · 100 = 100.
    let best = [Feedback::builder(c.clone(), day(1), ces(1)).build()];
    let pe = peak_end(&best, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.end(), pe.score()), (100.0, 100.0, 100.0));
    // 5 = very high effort, the worst: (5 − 5) / 4 · 100 = 0.
    let worst = [Feedback::builder(c.clone(), day(1), ces(5)).build()];
    let pe = peak_end(&worst, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!(pe.score(), 0.0);
    // Mixed with CSAT: CES 2 on day 1 → (5 − 2) / 4 · 100 = 75 (extremity
    // 25); CSAT 3 on 1..=5 on day 2 → 50 (extremity 0), the end. Peak 75,
    // score (75 + 50) / 2 = 62.5.
    let mixed = [
        Feedback::builder(c.clone(), day(1), ces(2)).build(),
        Feedback::builder(c.clone(), day(2), CsatRating::on_default_scale(3).unwrap()).build(),
    ];
    let pe = peak_end(&mixed, &c, .., CesPolarity::LowerIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.end(), pe.score()), (75.0, 50.0, 62.5));
    assert_eq!(pe.ces_polarity(), CesPolarity::LowerIsEasier);
    // The same answers on a higher-is-easier survey: CES 2 → 25.
    let pe = peak_end(&mixed, &c, .., CesPolarity::HigherIsEasier).unwrap();
    assert_eq!((pe.peak(), pe.score()), (25.0, 37.5));
}

// ------------------------------------------------------------ SLA clock label

#[test]
fn a_business_target_measured_on_calendar_time_says_calendar_time() {
    use carekit::calendar::CalendarTime;
    use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
    use chrono::TimeDelta;
    let t = |h| Utc.with_ymd_and_hms(2024, 3, 9, h, 0, 0).unwrap(); // a Saturday
    // A 4h business-time first-reply target (the default basis), evaluated
    // with CalendarTime as the business clock: every hour counts.
    let book = SlaBook::new(vec![
        SlaPolicy::new(
            "std",
            Conditions::any(),
            vec![Target::new(TargetKind::FirstReply, TimeDelta::hours(4)).unwrap()],
        )
        .unwrap(),
    ])
    .unwrap();
    let case = Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Email,
        t(9),
    )
    .build()
    .unwrap();
    let eval = book
        .evaluate(&case, &SlaContext::new(), t(15), &CalendarTime)
        .unwrap();
    let fr = eval.target(TargetKind::FirstReply).unwrap();
    // 09:00 → 15:00 on a Saturday is 6 h of calendar time: breached by
    // 6 − 4 = 2 h at the 13:00 deadline.
    assert_eq!(fr.counted(), TimeDelta::hours(6));
    assert_eq!(fr.deadline(), Some(t(13)));
    assert_eq!(fr.basis(), TimeBasis::Business);
    assert_eq!(fr.clock(), TimeBasis::Calendar);
    let reason = fr.to_string();
    assert!(!reason.contains("business time"), "{reason}");
    assert_eq!(
        reason,
        "first reply due 2024-03-09T13:00:00Z (4h calendar time: a business-time target \
         measured without a business calendar); breached by 2h, still running at 2024-03-09T15:00:00Z"
    );
    let json = serde_json::to_value(&eval).unwrap();
    assert_eq!(json["targets"][0]["basis"], "business");
    assert_eq!(json["targets"][0]["clock"], "calendar");
}
