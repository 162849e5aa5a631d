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
