//! Loyalty programmes: scenario tests named after what they prove, and
//! proptest laws. Every expected tier, value and date is worked out by hand
//! from the programme rules in the comments.

use carekit::calendar::Span;
use carekit::loyalty::*;
use carekit::{Currency, Error, Money, TierId};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

fn eur(cents: i64) -> Money {
    Money::from_minor_units(cents, Currency::EUR)
}

fn id(s: &str) -> EventId {
    EventId::new(s).unwrap()
}

fn tier(s: &str) -> TierId {
    TierId::new(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// blue 0, silver 500, gold 1000, platinum 2000 EUR of spend.
fn spend_programme(window: Window, policy: DowngradePolicy) -> LoyaltyProgramme {
    LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, window)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .tier(Tier::new(tier("silver"), Decimal::from(500)))
        .tier(Tier::new(tier("gold"), Decimal::from(1000)))
        .tier(Tier::new(tier("platinum"), Decimal::from(2000)))
        .downgrade(policy)
        .build()
        .unwrap()
}

fn buy(name: &str, at: DateTime<Utc>, cents: i64) -> LoyaltyEvent {
    LoyaltyEvent::purchase(id(name), at, eur(cents)).unwrap()
}

fn tiers_in_history(e: &Evaluation) -> Vec<(DateTime<Utc>, &str)> {
    e.history()
        .iter()
        .map(|c| (c.at(), c.to().as_str()))
        .collect()
}

#[test]
fn soft_landing_drops_one_tier_per_review() {
    let p = spend_programme(
        Window::CalendarYear,
        DowngradePolicy::new(DowngradeRule::SoftLanding),
    );
    let member = Membership::new(t(2022, 1, 1));
    // 2500 ≥ 2000: platinum on 1 March 2022, the purchase's instant.
    let events = [buy("p-1", t(2022, 3, 1), 250_000)];
    let e = p.evaluate(&member, &events, t(2026, 6, 1)).unwrap();
    // Reviews every 1 January:
    //   2023-01-01: 2022 value 2500 meets platinum → stays platinum;
    //   2024-01-01: 2023 value 0 meets blue → soft landing: one down, gold;
    //   2025-01-01: 2024 value 0 → silver;
    //   2026-01-01: 2025 value 0 → blue.
    assert_eq!(
        tiers_in_history(&e),
        [
            (t(2022, 1, 1), "blue"),
            (t(2022, 3, 1), "platinum"),
            (t(2024, 1, 1), "gold"),
            (t(2025, 1, 1), "silver"),
            (t(2026, 1, 1), "blue"),
        ]
    );
    assert!(matches!(
        e.history()[2].reason(),
        ChangeReason::Review {
            rule: DowngradeRule::SoftLanding,
            ..
        }
    ));
    // In mid-2024 the customer is gold and must spend 1000 in 2024 to keep it.
    let mid = p.evaluate(&member, &events, t(2024, 6, 1)).unwrap();
    assert_eq!(mid.tier().as_str(), "gold");
    assert_eq!(mid.since(), t(2024, 1, 1));
    let keep = mid.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("1000.00"), t(2025, 1, 1)));

    // The same ledger under re-qualification drops straight to blue.
    let hard = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let e = hard.evaluate(&member, &events, t(2026, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [
            (t(2022, 1, 1), "blue"),
            (t(2022, 3, 1), "platinum"),
            (t(2024, 1, 1), "blue"),
        ]
    );
}

#[test]
fn a_return_inside_the_window_undoes_an_upgrade() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 3, 1), 60_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 3, 10), id("p-1"), None).unwrap(),
    ];
    // 600 ≥ 500: silver on 1 March.
    let before = p.evaluate(&member, &events, t(2024, 3, 9)).unwrap();
    assert_eq!(before.tier().as_str(), "silver");
    // The full return brings the 2024 value to 600 − 600 = 0; the upgrade
    // was earned since the last review (joining), so it is undone at once.
    let after = p.evaluate(&member, &events, t(2024, 3, 10)).unwrap();
    assert_eq!(after.tier().as_str(), "blue");
    assert_eq!(after.qualifying_value(), dec("0.00"));
    assert_eq!(
        after.history().last().unwrap().reason(),
        &ChangeReason::ReturnReversed {
            event: id("r-1"),
            value: dec("0.00")
        }
    );
    // A partial return that leaves 500 keeps silver: 600 − 100 = 500 ≥ 500.
    let partial = [
        buy("p-1", t(2024, 3, 1), 60_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 3, 10), id("p-1"), Some(eur(10_000))).unwrap(),
    ];
    let e = p.evaluate(&member, &partial, t(2024, 4, 1)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value()),
        ("silver", dec("500.00"))
    );

    // A tier confirmed at a review is not undone by a later return: the
    // 2023 value 700 kept silver at the 2024-01-01 review; returning that
    // purchase in February 2024 makes the 2024 value −700 but silver holds
    // until the 2025 review.
    let member = Membership::new(t(2023, 1, 1));
    let events = [
        buy("p-0", t(2023, 6, 1), 70_000),
        LoyaltyEvent::return_of(id("r-0"), t(2024, 2, 1), id("p-0"), None).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 3, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "silver");
    assert_eq!(e.qualifying_value(), dec("-700.00"));
    assert_eq!(e.keep().unwrap().needed(), dec("1200.00")); // 500 − (−700)
}

#[test]
fn pending_purchases_do_not_qualify_until_they_mature() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        LoyaltyEvent::pending_purchase(id("p-1"), t(2024, 3, 1), eur(60_000), t(2024, 3, 31))
            .unwrap(),
        // Returned inside its return window: it never counts.
        LoyaltyEvent::pending_purchase(id("p-2"), t(2024, 5, 1), eur(80_000), t(2024, 5, 31))
            .unwrap(),
        LoyaltyEvent::return_of(id("r-2"), t(2024, 5, 10), id("p-2"), None).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 3, 15)).unwrap();
    assert_eq!(e.tier().as_str(), "blue");
    assert_eq!(e.qualifying_value(), dec("0.00"));
    assert_eq!(e.pending_value(), dec("600.00"));
    // It matures on 31 March: 600 ≥ 500, silver from that instant.
    let e = p.evaluate(&member, &events, t(2024, 3, 31)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("silver", t(2024, 3, 31)));
    assert_eq!(e.pending_value(), dec("0.00"));
    // p-2 is pending on 5 May (800), gone after its return on 10 May, and
    // never reaches gold: the value stays 600.
    let e = p.evaluate(&member, &events, t(2024, 5, 5)).unwrap();
    assert_eq!(e.pending_value(), dec("800.00"));
    // Between the return (10 May) and the date p-2 would have matured (31
    // May): nothing pending, and p-1's 600 still qualifies.
    let e = p.evaluate(&member, &events, t(2024, 5, 15)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value(), e.pending_value()),
        ("silver", dec("600.00"), dec("0.00"))
    );
    let e = p.evaluate(&member, &events, t(2024, 6, 30)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value(), e.pending_value()),
        ("silver", dec("600.00"), dec("0.00"))
    );
}

#[test]
fn calendar_year_and_anniversary_windows_disagree_on_31_december() {
    let member = Membership::new(t(2023, 7, 1));
    let events = [
        buy("p-1", t(2024, 3, 1), 40_000),
        buy("p-2", t(2024, 8, 1), 20_000),
    ];
    let at = Utc.with_ymd_and_hms(2024, 12, 31, 12, 0, 0).unwrap();

    // Calendar year 2024 so far: 400 + 200 = 600 ≥ 500 → silver since the
    // second purchase; the next window starts 2025-01-01.
    let cal = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let c = cal.evaluate(&member, &events, at).unwrap();
    assert_eq!(
        (c.tier().as_str(), c.qualifying_value()),
        ("silver", dec("600.00"))
    );
    assert_eq!(c.since(), t(2024, 8, 1));
    let next = c.next().unwrap();
    assert_eq!(
        (next.tier().as_str(), next.missing(), next.by()),
        ("gold", dec("400.00"), Some(t(2025, 1, 1)))
    );
    // Silver already secured for the 2025-01-01 review: 600 ≥ 500.
    assert_eq!(c.keep().unwrap().needed(), dec("0.00"));

    // Membership year from the anniversary 2024-07-01: only p-2 (200).
    // On 1 March the membership year [2023-07-01, 2024-07-01) held 400, on
    // 1 August the new year held 200: never silver.
    let anniv = spend_programme(Window::AnniversaryYear, DowngradePolicy::default());
    let a = anniv.evaluate(&member, &events, at).unwrap();
    assert_eq!(
        (a.tier().as_str(), a.qualifying_value()),
        ("blue", dec("200.00"))
    );
    let next = a.next().unwrap();
    assert_eq!(
        (next.tier().as_str(), next.missing(), next.by()),
        ("silver", dec("300.00"), Some(t(2025, 7, 1)))
    );

    // A day later the calendar window has restarted (value 0) while the
    // anniversary window still holds 200.
    let c = cal.evaluate(&member, &events, t(2025, 1, 1)).unwrap();
    assert_eq!(
        (c.tier().as_str(), c.qualifying_value()),
        ("silver", dec("0.00"))
    );
    let a = anniv.evaluate(&member, &events, t(2025, 1, 1)).unwrap();
    assert_eq!(a.qualifying_value(), dec("200.00"));
}

fn points_programme(expiry_months: u32) -> LoyaltyProgramme {
    LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .tier(
            Tier::new(tier("gold"), Decimal::from(1000))
                .with_points_multiplier(Multiplier::new(dec("1.5")).unwrap()),
        )
        .points(
            PointsRule::new(Decimal::ONE)
                .unwrap()
                .with_expiry_months(expiry_months)
                .unwrap(),
        )
        .build()
        .unwrap()
}

#[test]
fn points_expire_first_in_first_out() {
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        // floor(100.00 × 1) = 100 points, expiring 2025-01-15.
        buy("p-1", t(2024, 1, 15), 10_000),
        // floor(50.99 × 1) = 50 points, expiring 2025-06-01.
        buy("p-2", t(2024, 6, 1), 5_099),
        // 120 points: 100 from p-1 (oldest), 20 from p-2 → p-2 has 30 left.
        LoyaltyEvent::redemption(id("x-1"), t(2024, 12, 1), 120).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2025, 2, 1)).unwrap();
    let pts = e.points().unwrap();
    // Newest-first would have left 30 in p-1, expired on 2025-01-15 → 0.
    assert_eq!(pts.balance(), 30);
    assert_eq!(pts.expired(), 0);
    assert_eq!(pts.lots().len(), 1);
    assert_eq!(pts.lots()[0].source(), &id("p-2"));
    assert_eq!(pts.lots()[0].expires_at(), Some(t(2025, 6, 1)));
    let next = pts.next_expiry().unwrap();
    assert_eq!((next.points(), next.at()), (30, t(2025, 6, 1)));
    assert_eq!(pts.expiring_by(t(2025, 5, 31)), 0);
    assert_eq!(pts.expiring_by(t(2025, 6, 30)), 30);
    // On 2025-06-01 the 30 expire: balance 0, expired 30; 150 earned =
    // 120 redeemed + 30 expired.
    let e = p.evaluate(&member, &events, t(2025, 6, 1)).unwrap();
    let pts = e.points().unwrap();
    assert_eq!((pts.balance(), pts.expired(), pts.earned()), (0, 30, 150));
    assert!(pts.next_expiry().is_none());

    // Redeeming 31 when 30 are left is an error naming both numbers.
    let mut too_much = events.to_vec();
    too_much.push(LoyaltyEvent::redemption(id("x-2"), t(2025, 2, 1), 31).unwrap());
    let err = p.evaluate(&member, &too_much, t(2025, 3, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "redemption \"x-2\" of 31 points at 2025-02-01T00:00:00Z exceeds the balance of 30 points"
    );
}

#[test]
fn tier_multiplier_applies_at_earning_time() {
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        // Earns at blue (×1): floor(1200 × 1) = 1200; then gold (1200 ≥ 1000).
        buy("p-1", t(2024, 2, 1), 120_000),
        // Earns at gold (×1.5): floor(33.33 × 1.5) = floor(49.995) = 49.
        buy("p-2", t(2024, 3, 1), 3_333),
    ];
    let e = p.evaluate(&member, &events, t(2024, 4, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    let pts = e.points().unwrap();
    assert_eq!(
        pts.lots().iter().map(PointsLot::earned).collect::<Vec<_>>(),
        [1200, 49]
    );
    assert_eq!(pts.balance(), 1249);
}

#[test]
fn returns_claw_back_the_points_of_their_purchase() {
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 2, 1), 10_000), // 100 points
        LoyaltyEvent::redemption(id("x-1"), t(2024, 2, 2), 70).unwrap(), // 30 left
        LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 3), id("p-1"), Some(eur(4_000))).unwrap(),
    ];
    // The return removes floor(100 × 1) − floor(60 × 1) = 40 points, but
    // only 30 are left: 30 clawed back, 70 redeemed points are not.
    let pts = p
        .evaluate(&member, &events, t(2024, 3, 1))
        .unwrap()
        .points()
        .cloned()
        .unwrap();
    assert_eq!(
        (pts.balance(), pts.clawed_back(), pts.redeemed()),
        (0, 30, 70)
    );
}

#[test]
fn grace_period_delays_downgrade() {
    let policy = DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60));
    let p = spend_programme(Window::CalendarYear, policy);
    let member = Membership::new(t(2023, 1, 1));
    let events = [buy("p-1", t(2023, 4, 1), 120_000)];
    // Gold from 2023-04-01 (1200 ≥ 1000); kept at the 2024-01-01 review
    // (2023 value 1200); the 2025-01-01 review sees 2024 value 0 → blue,
    // but only at 2025-01-01 + 60 days = 2025-03-02.
    let e = p.evaluate(&member, &events, t(2025, 2, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    let pending = e.pending_downgrade().unwrap();
    assert_eq!(
        (pending.to().as_str(), pending.at(), pending.review_at()),
        ("blue", t(2025, 3, 2), t(2025, 1, 1))
    );
    let keep = e.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("1000.00"), t(2025, 3, 2)));
    let e = p.evaluate(&member, &events, t(2025, 3, 2)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2025, 3, 2)));
    assert!(matches!(
        e.history().last().unwrap().reason(),
        ChangeReason::GraceEnded { review_at, .. } if *review_at == t(2025, 1, 1)
    ));

    // Re-qualifying inside the grace period cancels the downgrade: 1000 in
    // 2025 by 15 February ≥ gold's 1000.
    let mut requalified = events.to_vec();
    requalified.push(buy("p-2", t(2025, 2, 15), 100_000));
    let e = p.evaluate(&member, &requalified, t(2025, 4, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("gold", t(2023, 4, 1)));
    assert!(e.pending_downgrade().is_none());

    // Without grace the downgrade happens at the review itself.
    let strict = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let e = strict.evaluate(&member, &events, t(2025, 2, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2025, 1, 1)));
}

#[test]
fn manual_floor_holds_tier() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let floor = ManualFloor::new(tier("gold"), t(2024, 2, 1), Some(t(2025, 6, 1))).unwrap();
    let member = Membership::new(t(2024, 1, 1)).with_floor(floor);
    let events: [LoyaltyEvent; 0] = [];
    // Granted gold on 2024-02-01 with no spend at all.
    let e = p.evaluate(&member, &events, t(2024, 2, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.met_tier().as_str()), ("gold", "blue"));
    // The 2025-01-01 review sees 2024 value 0 (→ blue) but the floor is
    // active: gold stays, and nothing is needed to keep it then.
    let e = p.evaluate(&member, &events, t(2025, 3, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("gold", t(2024, 2, 1)));
    // The floor ends 2025-06-01; gold holds until the 2026-01-01 review,
    // which needs 1000 in 2025.
    let e = p.evaluate(&member, &events, t(2025, 12, 31)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    let keep = e.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("1000.00"), t(2026, 1, 1)));
    let e = p.evaluate(&member, &events, t(2026, 1, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [
            (t(2024, 1, 1), "blue"),
            (t(2024, 2, 1), "gold"),
            (t(2026, 1, 1), "blue"),
        ]
    );
}

#[test]
fn rolling_windows_review_every_window_length_from_joining() {
    // Rolling 90 days; reviews at joining + 90·k days.
    let p = spend_programme(Window::Rolling(Span::Days(90)), DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [buy("p-1", t(2024, 1, 11), 60_000)];
    // 2024-01-01 + 90 days = 2024-03-31 (31 + 29 + 30 = 90): the period
    // [01-01, 03-31) holds 600 → silver kept. Next review 03-31 + 90 days
    // = 06-29 (30 + 31 + 29 = 90): the period holds 0 → blue.
    let e = p.evaluate(&member, &events, t(2024, 5, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "silver");
    // p-1 left the rolling window at 01-11 + 90 days = 04-10: value 0.
    assert_eq!(e.qualifying_value(), dec("0.00"));
    assert_eq!(e.next_review(), Some(t(2024, 6, 29)));
    let e = p.evaluate(&member, &events, t(2024, 6, 29)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2024, 6, 29)));
    // At 02-01 the oldest counted purchase leaves the window on 04-10: gold
    // needs 1000 − 600 = 400 more before then.
    let e = p.evaluate(&member, &events, t(2024, 2, 1)).unwrap();
    let next = e.next().unwrap();
    assert_eq!(
        (next.missing(), next.by()),
        (dec("400.00"), Some(t(2024, 4, 10)))
    );
}

#[test]
fn purchases_and_points_measures_count_their_units() {
    let purchases = LoyaltyProgramme::builder(Currency::EUR, Measure::Purchases, Window::Lifetime)
        .tier(Tier::new(tier("member"), Decimal::ZERO))
        .tier(Tier::new(tier("regular"), Decimal::from(3)))
        .build()
        .unwrap();
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 1, 2), 1_000),
        buy("p-2", t(2024, 1, 3), 1_000),
        buy("p-3", t(2024, 1, 4), 1_000),
        // Partial return: p-3 still counts; 3 purchases → regular.
        LoyaltyEvent::return_of(id("r-3"), t(2024, 1, 5), id("p-3"), Some(eur(500))).unwrap(),
    ];
    let e = purchases.evaluate(&member, &events, t(2024, 2, 1)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value().to_string()),
        ("regular", "3".to_owned())
    );
    assert!(e.keep().is_none()); // lifetime: no reviews

    let points = LoyaltyProgramme::builder(Currency::EUR, Measure::Points, Window::Lifetime)
        .tier(Tier::new(tier("member"), Decimal::ZERO))
        .tier(
            Tier::new(tier("star"), Decimal::from(100))
                .with_points_multiplier(Multiplier::new(Decimal::from(2)).unwrap()),
        )
        .points(PointsRule::new(dec("2")).unwrap())
        .build()
        .unwrap();
    // Qualifying points at the base rate: floor(10.00 × 2) × 3 = 60, the
    // 5.00 return removes floor(10 × 2) − floor(5 × 2) = 10 → 50.
    let e = points.evaluate(&member, &events, t(2024, 2, 1)).unwrap();
    assert_eq!(e.qualifying_value().to_string(), "50");
    assert_eq!(e.next().unwrap().missing().to_string(), "50");
}

#[test]
fn bad_input_is_an_error_naming_the_value() {
    let build = |tiers: &[(&str, i64)]| {
        let mut b = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear);
        for (name, thr) in tiers {
            b = b.tier(Tier::new(tier(name), Decimal::from(*thr)));
        }
        b.build().unwrap_err().to_string()
    };
    assert_eq!(
        build(&[("blue", 0), ("gold", 1000), ("silver", 1000)]),
        "tiers[2] \"silver\" threshold 1000 is not above tiers[1] \"gold\" threshold 1000: thresholds must be strictly increasing"
    );
    assert_eq!(
        build(&[("blue", 0), ("gold", 1000), ("gold", 2000)]),
        "tiers[1] and tiers[2] are both named \"gold\": tier ids must be unique"
    );
    assert_eq!(
        build(&[("blue", 10)]),
        "tiers[0] \"blue\" threshold 10 is invalid: the base tier must have threshold 0"
    );
    assert_eq!(
        build(&[]),
        "a loyalty programme needs at least one tier, found none"
    );
    let zero = LoyaltyProgramme::builder(
        Currency::EUR,
        Measure::Spend,
        Window::Rolling(Span::Months(0)),
    )
    .tier(Tier::new(tier("blue"), Decimal::ZERO))
    .build()
    .unwrap_err();
    assert_eq!(
        zero.to_string(),
        "rolling window of 0 months is invalid: it must be at least 1"
    );
    let grace = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Months(12)))
        .build()
        .unwrap_err();
    assert_eq!(
        grace.to_string(),
        "grace period of 12 months is invalid: it must be shorter than the review cadence of 1 year"
    );
    assert_eq!(
        PointsRule::new(dec("-0.5")).unwrap_err().to_string(),
        "points earn_rate -0.5 is invalid: it must be greater than 0"
    );
    assert!(Multiplier::new(dec("-1")).is_err());

    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let eval = |events: &[LoyaltyEvent]| {
        p.evaluate(&member, events, t(2024, 12, 1))
            .unwrap_err()
            .to_string()
    };
    let usd = LoyaltyEvent::purchase(
        id("p-9"),
        t(2024, 2, 1),
        Money::from_minor_units(1000, Currency::USD),
    )
    .unwrap();
    assert_eq!(
        eval(&[usd]),
        "event \"p-9\" amount 10.00 USD is in another currency than the programme's EUR"
    );
    let ghost = LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 1), id("p-404"), None).unwrap();
    assert_eq!(
        eval(&[ghost]),
        "return \"r-1\" refers to \"p-404\", which is not a purchase among the events"
    );
    let over = [
        buy("p-1", t(2024, 2, 1), 10_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 2), id("p-1"), Some(eur(6_000))).unwrap(),
        LoyaltyEvent::return_of(id("r-2"), t(2024, 2, 3), id("p-1"), Some(eur(6_000))).unwrap(),
    ];
    assert_eq!(
        eval(&over),
        "return \"r-2\" brings the returned total of purchase \"p-1\" to 120.00 EUR, more than its 100.00 EUR"
    );
    let twice = [
        buy("p-1", t(2024, 2, 1), 10_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 2), id("p-1"), None).unwrap(),
        LoyaltyEvent::return_of(id("r-2"), t(2024, 2, 3), id("p-1"), None).unwrap(),
    ];
    assert_eq!(
        eval(&twice),
        "return \"r-2\" refers to purchase \"p-1\", which has nothing left to return"
    );
    let before = [
        buy("p-1", t(2024, 2, 2), 10_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 1), id("p-1"), None).unwrap(),
    ];
    assert_eq!(
        eval(&before),
        "return \"r-1\" at 2024-02-01T00:00:00Z is before purchase \"p-1\" at 2024-02-02T00:00:00Z"
    );
    let fractional = LoyaltyProgramme::builder(Currency::EUR, Measure::Purchases, Window::Lifetime)
        .tier(Tier::new(tier("member"), Decimal::ZERO))
        .build()
        .unwrap()
        .evaluate(
            &member,
            &[LoyaltyEvent::adjustment(id("a-1"), t(2024, 2, 1), dec("0.5")).unwrap()],
            t(2024, 3, 1),
        )
        .unwrap_err();
    assert_eq!(
        fractional.to_string(),
        "adjustment \"a-1\" value 0.5 is invalid: a purchases adjustment must be a whole number"
    );
    let dup = [
        buy("p-1", t(2024, 2, 1), 100),
        buy("p-1", t(2024, 2, 2), 100),
    ];
    assert_eq!(
        eval(&dup),
        "event id \"p-1\" appears twice: event ids must be unique"
    );
    let early = [buy("p-1", t(2023, 12, 31), 100)];
    assert_eq!(
        eval(&early),
        "event \"p-1\" at 2023-12-31T00:00:00Z is before member_since 2024-01-01T00:00:00Z"
    );
    let redeem = [LoyaltyEvent::redemption(id("x-1"), t(2024, 2, 1), 5).unwrap()];
    assert_eq!(
        eval(&redeem),
        "redemption \"x-1\" needs a points rule, but the programme has none"
    );
    let unknown = Membership::new(t(2024, 1, 1))
        .with_floor(ManualFloor::new(tier("diamond"), t(2024, 1, 1), None).unwrap());
    assert_eq!(
        p.evaluate(&unknown, &[], t(2024, 2, 1))
            .unwrap_err()
            .to_string(),
        "floor tier \"diamond\" is not a tier of the programme"
    );
    assert!(matches!(
        LoyaltyEvent::purchase(id("p-1"), t(2024, 1, 1), eur(-5)),
        Err(Error::Loyalty(LoyaltyError::NonPositiveAmount { .. }))
    ));
}

#[test]
fn future_events_are_validated_but_ignored() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 2, 1), 20_000),
        buy("p-2", t(2024, 9, 1), 90_000),
    ];
    // As of June only p-1 (200) counts; p-2 (September) is in the future.
    let e = p.evaluate(&member, &events, t(2024, 6, 1)).unwrap();
    assert_eq!(e.qualifying_value(), dec("200.00"));
    assert_eq!(e.tier().as_str(), "blue");
}

#[test]
fn benefits_are_read_through_the_programme() {
    let gold = Benefits::default()
        .with_priority_boost(1)
        .with_compensation_limit_multiplier(Multiplier::new(dec("1.5")).unwrap());
    let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .tier(Tier::new(tier("gold"), Decimal::from(1000)).with_benefits(gold.clone()))
        .build()
        .unwrap();
    assert_eq!(p.benefits(&tier("gold")), Some(&gold));
    assert_eq!(p.benefits(&tier("blue")), Some(&Benefits::default()));
    assert_eq!(p.benefits(&tier("platinum")), None);
}

// ----- laws -----

#[derive(Debug, Clone)]
enum Op {
    Buy {
        day: u32,
        cents: i64,
        pending_days: Option<u32>,
    },
    Return {
        day_after: u32,
        of: usize,
        percent: i64,
    },
    Redeem {
        day: u32,
        points: u64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..1500_u32, 1..200_000_i64, proptest::option::of(0..40_u32))
            .prop_map(|(day, cents, pending_days)| Op::Buy { day, cents, pending_days }),
        1 => (0..60_u32, 0..20_usize, 1..=100_i64)
            .prop_map(|(day_after, of, percent)| Op::Return { day_after, of, percent }),
        1 => (0..1500_u32, 1..3000_u64).prop_map(|(day, points)| Op::Redeem { day, points }),
    ]
}

fn day(n: u32) -> DateTime<Utc> {
    t(2022, 1, 1) + chrono::TimeDelta::days(i64::from(n))
}

/// Events from ops; returns of a missing purchase, or beyond what is left,
/// are skipped so the ledger is valid.
fn ledger(ops: &[Op], with_redemptions: bool) -> Vec<LoyaltyEvent> {
    let mut events = Vec::new();
    let mut bought: Vec<(String, DateTime<Utc>, i64, i64)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::Buy {
                day: d,
                cents,
                pending_days,
            } => {
                let name = format!("p-{i}");
                let at = day(d);
                let e = match pending_days {
                    Some(p) => LoyaltyEvent::pending_purchase(
                        id(&name),
                        at,
                        eur(cents),
                        at + chrono::TimeDelta::days(i64::from(p)),
                    ),
                    None => LoyaltyEvent::purchase(id(&name), at, eur(cents)),
                }
                .unwrap();
                events.push(e);
                bought.push((name, at, cents, cents));
            }
            Op::Return {
                day_after,
                of,
                percent,
            } => {
                if bought.is_empty() {
                    continue;
                }
                let k = of % bought.len();
                let (name, at, cents, left) = &mut bought[k];
                let take = (*cents * percent / 100).min(*left);
                if take == 0 {
                    continue;
                }
                *left -= take;
                events.push(
                    LoyaltyEvent::return_of(
                        id(&format!("r-{i}")),
                        *at + chrono::TimeDelta::days(i64::from(day_after)),
                        id(name),
                        Some(eur(take)),
                    )
                    .unwrap(),
                );
            }
            Op::Redeem { day: d, points } if with_redemptions => {
                events
                    .push(LoyaltyEvent::redemption(id(&format!("x-{i}")), day(d), points).unwrap());
            }
            Op::Redeem { .. } => {}
        }
    }
    // Each purchase's returns add up to at most its amount, so the ledger
    // is valid whatever order the evaluation reads the returns in.
    events
}

fn policy() -> impl Strategy<Value = (Window, DowngradePolicy)> {
    let window = prop_oneof![
        Just(Window::CalendarYear),
        Just(Window::AnniversaryYear),
        Just(Window::Lifetime),
        (1..400_u32).prop_map(|d| Window::Rolling(Span::Days(d))),
        (1..24_u32).prop_map(|m| Window::Rolling(Span::Months(m))),
    ];
    let rule = prop_oneof![
        Just(DowngradeRule::Never),
        Just(DowngradeRule::Requalify),
        Just(DowngradeRule::SoftLanding),
    ];
    (window, rule).prop_map(|(w, r)| (w, DowngradePolicy::new(r)))
}

fn tier_index(p: &LoyaltyProgramme, e: &Evaluation) -> usize {
    p.tiers().iter().position(|t| t.id() == e.tier()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn more_qualifying_spend_never_yields_a_lower_tier(
        ops in proptest::collection::vec(op(), 0..20),
        (window, policy) in policy(),
        extra_day in 0..1500_u32,
        extra_cents in 1..300_000_i64,
        as_of in 0..1600_u32,
    ) {
        let p = spend_programme(window, policy);
        let member = Membership::new(day(0));
        let base = ledger(&ops, false);
        let mut more = base.clone();
        more.push(buy("extra", day(extra_day), extra_cents));
        let a = p.evaluate(&member, &base, day(as_of)).unwrap();
        let b = p.evaluate(&member, &more, day(as_of)).unwrap();
        prop_assert!(tier_index(&p, &b) >= tier_index(&p, &a), "{:?} then {:?}", a.history(), b.history());
    }

    #[test]
    fn evaluation_is_idempotent_and_independent_of_event_order(
        ops in proptest::collection::vec(op(), 0..20),
        (window, policy) in policy(),
        as_of in 0..1600_u32,
        seed in any::<u64>(),
    ) {
        let p = points_programme(6);
        let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, window)
            .tier(p.tiers()[0].clone())
            .tier(Tier::new(tier("silver"), Decimal::from(500)))
            .tier(p.tiers()[1].clone())
            .downgrade(policy)
            .points(*p.points().unwrap())
            .build()
            .unwrap();
        let member = Membership::new(day(0));
        let events = ledger(&ops, true);
        let first = p.evaluate(&member, &events, day(as_of));
        prop_assert_eq!(&first, &p.evaluate(&member, &events, day(as_of)));
        let mut shuffled = events.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let j = (state >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&first, &p.evaluate(&member, &shuffled, day(as_of)));
    }

    #[test]
    fn history_at_an_earlier_instant_is_a_prefix_of_later_history(
        ops in proptest::collection::vec(op(), 0..20),
        (window, policy) in policy(),
        a in 0..1600_u32,
        b in 0..1600_u32,
    ) {
        let p = spend_programme(window, policy);
        let member = Membership::new(day(0));
        let events = ledger(&ops, false);
        let (early, late) = (day(a.min(b)), day(a.max(b)));
        let e1 = p.evaluate(&member, &events, early).unwrap();
        let e2 = p.evaluate(&member, &events, late).unwrap();
        let upto: Vec<_> = e2.history().iter().filter(|c| c.at() <= early).cloned().collect();
        prop_assert_eq!(e1.history(), &upto[..]);
    }

    #[test]
    fn points_are_conserved_and_the_balance_never_goes_negative(
        ops in proptest::collection::vec(op(), 0..25),
        as_of in 0..1600_u32,
    ) {
        let p = points_programme(6);
        let member = Membership::new(day(0));
        let events = ledger(&ops, true);
        match p.evaluate(&member, &events, day(as_of)) {
            Ok(e) => {
                let pts = e.points().unwrap();
                // earned = balance + redeemed + expired + clawed back, all u64.
                prop_assert_eq!(
                    pts.earned(),
                    pts.balance() + pts.redeemed() + pts.expired() + pts.clawed_back()
                );
                prop_assert_eq!(pts.balance(), pts.lots().iter().map(PointsLot::remaining).sum::<u64>());
            }
            Err(err) => prop_assert!(
                matches!(err, Error::Loyalty(LoyaltyError::InsufficientPoints { .. })),
                "{err}"
            ),
        }
    }

    #[test]
    fn serde_round_trips(
        ops in proptest::collection::vec(op(), 0..12),
        (window, policy) in policy(),
        as_of in 0..1600_u32,
    ) {
        let p = spend_programme(window, policy);
        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(&serde_json::from_str::<LoyaltyProgramme>(&json).unwrap(), &p);
        let events = ledger(&ops, false);
        let json = serde_json::to_string(&events).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Vec<LoyaltyEvent>>(&json).unwrap(), &events);
        let e = p.evaluate(&Membership::new(day(0)), &events, day(as_of)).unwrap();
        let json = serde_json::to_string(&e).unwrap();
        prop_assert_eq!(serde_json::from_str::<Evaluation>(&json).unwrap(), e);
    }
}

#[test]
fn json_forms_are_validated() {
    let programme = r#"{
        "currency": "EUR", "measure": "spend", "window": {"rolling": {"months": 12}},
        "downgrade": {"rule": "soft_landing", "grace": {"days": 30}},
        "tiers": [
            {"id": "blue", "threshold": "0"},
            {"id": "gold", "threshold": "1000.00", "benefits": {"priority_boost": 1}, "points_multiplier": "1.5"}
        ],
        "points": {"earn_rate": "1", "expiry_months": 12}
    }"#;
    let p: LoyaltyProgramme = serde_json::from_str(programme).unwrap();
    assert_eq!(p.window(), Window::Rolling(Span::Months(12)));
    assert_eq!(p.benefits(&tier("gold")).unwrap().priority_boost(), 1);
    let bad = programme.replace("\"1000.00\"", "\"0\"");
    let err = serde_json::from_str::<LoyaltyProgramme>(&bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("thresholds must be strictly increasing"),
        "{err}"
    );
    let bad = programme.replace("\"earn_rate\": \"1\"", "\"earn_rate\": \"0\"");
    let err = serde_json::from_str::<LoyaltyProgramme>(&bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("earn_rate 0 is invalid"), "{err}");
    let bad = programme.replace(
        "\"points_multiplier\": \"1.5\"",
        "\"points_multiplier\": \"-2\"",
    );
    let err = serde_json::from_str::<LoyaltyProgramme>(&bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("multiplier -2 is invalid"), "{err}");

    let e: LoyaltyEvent = serde_json::from_str(
        r#"{"id": "p-1", "at": "2024-03-01T10:00:00Z", "type": "purchase",
            "amount": {"amount": "120.00", "currency": "EUR"}, "matures_at": "2024-03-31T10:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(
        e.effective_at(),
        Utc.with_ymd_and_hms(2024, 3, 31, 10, 0, 0).unwrap()
    );
    let err = serde_json::from_str::<LoyaltyEvent>(
        r#"{"id": "x-1", "at": "2024-03-01T10:00:00Z", "type": "redemption", "points": 0}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("of 0 points is invalid"), "{err}");
    let err = serde_json::from_str::<LoyaltyEvent>(
        r#"{"id": "x-1", "at": "2024-03-01T10:00:00Z", "type": "return"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("needs this field"), "{err}");
}

#[test]
fn the_order_of_floors_does_not_matter_and_as_of_precedes_nothing() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let silver = ManualFloor::new(tier("silver"), t(2024, 2, 1), None).unwrap();
    let gold = ManualFloor::new(tier("gold"), t(2024, 2, 1), Some(t(2024, 9, 1))).unwrap();
    let a = Membership::new(t(2024, 1, 1))
        .with_floor(silver.clone())
        .with_floor(gold.clone());
    let b = Membership::new(t(2024, 1, 1))
        .with_floor(gold)
        .with_floor(silver);
    let ea = p.evaluate(&a, &[], t(2025, 2, 1)).unwrap();
    assert_eq!(ea, p.evaluate(&b, &[], t(2025, 2, 1)).unwrap());
    // Gold from 2024-02-01 (the higher floor; silver changes nothing);
    // the gold floor ends 2024-09-01; the 2025-01-01 review sees 0 but the
    // open-ended silver floor holds: silver.
    assert_eq!(
        tiers_in_history(&ea),
        [
            (t(2024, 1, 1), "blue"),
            (t(2024, 2, 1), "gold"),
            (t(2025, 1, 1), "silver"),
        ]
    );
    let err = p.evaluate(&a, &[], t(2023, 12, 31)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "as_of 2023-12-31T00:00:00Z is before member_since 2024-01-01T00:00:00Z"
    );
}

#[test]
fn a_purchase_at_midnight_on_new_years_day_counts_in_the_new_year() {
    // Calendar-year window: the 2025 window is [2025-01-01T00:00Z, …), so a
    // 600 EUR purchase at exactly that instant qualifies for silver in 2025.
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [buy("p-1", t(2025, 1, 1), 60_000)];
    let e = p.evaluate(&member, &events, t(2025, 6, 1)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value()),
        ("silver", dec("600.00"))
    );
}

#[test]
fn evaluating_at_the_joining_instant_gives_the_base_tier() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let e = p.evaluate(&member, &[], t(2024, 1, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2024, 1, 1)));
    assert!(p.evaluate(&member, &[], t(2023, 12, 31)).is_err());
}

#[test]
fn spend_takes_fractional_adjustments_and_points_whole_ones() {
    let member = Membership::new(t(2024, 1, 1));
    let spend = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let cents = [LoyaltyEvent::adjustment(id("a-1"), t(2024, 2, 1), dec("12.50")).unwrap()];
    let e = spend.evaluate(&member, &cents, t(2024, 3, 1)).unwrap();
    assert_eq!(e.qualifying_value(), dec("12.50"));
    // Measured in points (one point per euro): adjustments are whole points.
    let points = LoyaltyProgramme::builder(Currency::EUR, Measure::Points, Window::Lifetime)
        .tier(Tier::new(tier("member"), Decimal::ZERO))
        .points(PointsRule::new(Decimal::ONE).unwrap())
        .build()
        .unwrap();
    let whole = [LoyaltyEvent::adjustment(id("a-1"), t(2024, 2, 1), dec("40")).unwrap()];
    let e = points.evaluate(&member, &whole, t(2024, 3, 1)).unwrap();
    assert_eq!(e.qualifying_value(), dec("40"));
    let half = [LoyaltyEvent::adjustment(id("a-1"), t(2024, 2, 1), dec("0.5")).unwrap()];
    assert!(points.evaluate(&member, &half, t(2024, 3, 1)).is_err());
}

#[test]
fn a_full_return_removes_only_its_own_pending_purchase() {
    // Both pending; p-2 (800) is returned in full on 10 March: on 20 March
    // only p-1's 600 is pending.
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        LoyaltyEvent::pending_purchase(id("p-1"), t(2024, 3, 1), eur(60_000), t(2024, 3, 31))
            .unwrap(),
        LoyaltyEvent::pending_purchase(id("p-2"), t(2024, 3, 2), eur(80_000), t(2024, 4, 15))
            .unwrap(),
        LoyaltyEvent::return_of(id("r-2"), t(2024, 3, 10), id("p-2"), None).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 3, 20)).unwrap();
    assert_eq!(
        (e.qualifying_value(), e.pending_value()),
        (dec("0.00"), dec("600.00"))
    );
}

#[test]
fn events_count_from_their_instant_and_not_before() {
    // An adjustment at exactly `as_of` counts; one a second later does not.
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let as_of = t(2024, 3, 1);
    let events = [
        LoyaltyEvent::adjustment(id("a-1"), as_of, dec("550")).unwrap(),
        LoyaltyEvent::adjustment(id("a-2"), as_of + chrono::TimeDelta::seconds(1), dec("600"))
            .unwrap(),
    ];
    let e = p.evaluate(&member, &events, as_of).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value()),
        ("silver", dec("550.00"))
    );
}

#[test]
fn a_floor_applies_only_while_it_is_in_force() {
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let as_of = t(2024, 6, 1);
    // Starting after `as_of`: not yet.
    let later = Membership::new(t(2024, 1, 1))
        .with_floor(ManualFloor::new(tier("gold"), t(2024, 7, 1), None).unwrap());
    assert_eq!(
        p.evaluate(&later, &[], as_of).unwrap().tier().as_str(),
        "blue"
    );
    // Ended before the member joined: never.
    let over = Membership::new(t(2024, 1, 1))
        .with_floor(ManualFloor::new(tier("gold"), t(2023, 1, 1), Some(t(2023, 12, 1))).unwrap());
    assert_eq!(
        p.evaluate(&over, &[], as_of).unwrap().tier().as_str(),
        "blue"
    );
    // In force: gold.
    let now = Membership::new(t(2024, 1, 1))
        .with_floor(ManualFloor::new(tier("gold"), t(2024, 2, 1), None).unwrap());
    assert_eq!(
        p.evaluate(&now, &[], as_of).unwrap().tier().as_str(),
        "gold"
    );
}

#[test]
fn a_floor_is_in_force_from_its_start_until_just_before_its_end() {
    let f = ManualFloor::new(tier("gold"), t(2024, 2, 1), Some(t(2024, 5, 1))).unwrap();
    assert_eq!((f.from(), f.until()), (t(2024, 2, 1), Some(t(2024, 5, 1))));
    let second = chrono::TimeDelta::seconds(1);
    assert!(!f.is_active_at(t(2024, 2, 1) - second));
    assert!(f.is_active_at(t(2024, 2, 1)));
    assert!(f.is_active_at(t(2024, 5, 1) - second));
    assert!(!f.is_active_at(t(2024, 5, 1)));
}

#[test]
fn under_never_the_tier_needs_nothing_to_keep() {
    // Module docs: `needed` is 0 under DowngradeRule::Never. Silver after
    // 600 EUR in March 2024; in June nothing is needed by 2025-01-01.
    let p = spend_programme(
        Window::CalendarYear,
        DowngradePolicy::new(DowngradeRule::Never),
    );
    let member = Membership::new(t(2024, 1, 1));
    let events = [buy("p-1", t(2024, 3, 1), 60_000)];
    let e = p.evaluate(&member, &events, t(2025, 6, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "silver");
    let keep = e.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("0.00"), t(2026, 1, 1)));
}

#[test]
fn a_floor_at_the_tier_already_held_records_no_change() {
    // Gold by spend on 1 March; a gold floor from 1 April changes nothing,
    // so the history is joining (blue) then gold on 1 March only.
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1))
        .with_floor(ManualFloor::new(tier("gold"), t(2024, 4, 1), None).unwrap());
    let events = [buy("p-1", t(2024, 3, 1), 120_000)];
    let e = p.evaluate(&member, &events, t(2024, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [(t(2024, 1, 1), "blue"), (t(2024, 3, 1), "gold")]
    );
}

/// Gold by 1200 EUR of spend in March 2024; nothing spent in 2025, so the
/// review on 2026-01-01 starts a downgrade to blue with three months' grace
/// (ending 2026-04-01).
fn lapsing_gold(floor: Option<ManualFloor>) -> (LoyaltyProgramme, Membership, [LoyaltyEvent; 1]) {
    let p = spend_programme(
        Window::CalendarYear,
        DowngradePolicy::default().with_grace(Span::Months(3)),
    );
    let mut member = Membership::new(t(2024, 1, 1));
    if let Some(f) = floor {
        member = member.with_floor(f);
    }
    (p, member, [buy("p-1", t(2024, 3, 1), 120_000)])
}

#[test]
fn a_floor_at_the_current_tier_cancels_a_pending_downgrade() {
    let (p, member, events) = lapsing_gold(None);
    let e = p.evaluate(&member, &events, t(2026, 3, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    assert_eq!(e.pending_downgrade().unwrap().to().as_str(), "blue");
    // A gold floor from 1 February: nothing is pending any more, and gold
    // stays after the grace would have ended.
    let floor = ManualFloor::new(tier("gold"), t(2026, 2, 1), None).unwrap();
    let (p, member, events) = lapsing_gold(Some(floor));
    let e = p.evaluate(&member, &events, t(2026, 3, 1)).unwrap();
    assert!(e.pending_downgrade().is_none());
    let e = p.evaluate(&member, &events, t(2026, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [(t(2024, 1, 1), "blue"), (t(2024, 3, 1), "gold")]
    );
}

#[test]
fn a_floor_starting_as_the_grace_ends_keeps_the_tier_without_a_change() {
    let floor = ManualFloor::new(tier("gold"), t(2026, 4, 1), None).unwrap();
    let (p, member, events) = lapsing_gold(Some(floor));
    let e = p.evaluate(&member, &events, t(2026, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [(t(2024, 1, 1), "blue"), (t(2024, 3, 1), "gold")]
    );
}

#[test]
fn a_lower_floor_softens_a_pending_downgrade_to_its_tier() {
    // A silver floor from 1 February: the downgrade still happens when the
    // grace ends, but only to silver.
    let floor = ManualFloor::new(tier("silver"), t(2026, 2, 1), None).unwrap();
    let (p, member, events) = lapsing_gold(Some(floor));
    let e = p.evaluate(&member, &events, t(2026, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [
            (t(2024, 1, 1), "blue"),
            (t(2024, 3, 1), "gold"),
            (t(2026, 4, 1), "silver")
        ]
    );
}

#[test]
fn the_whole_balance_can_be_redeemed_and_empty_lots_are_not_listed() {
    // floor(100.00 × 1) = 100 points on 15 January 2024, expiring 12 months
    // later; all 100 redeemed on 1 March.
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 1, 15), 10_000),
        LoyaltyEvent::redemption(id("x-1"), t(2024, 3, 1), 100).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 4, 1)).unwrap();
    let pts = e.points().unwrap();
    assert_eq!((pts.balance(), pts.redeemed(), pts.expired()), (0, 100, 0));
    assert!(pts.lots().is_empty());
    assert!(pts.next_expiry().is_none());
    // One point more than the balance is refused.
    let greedy = [
        buy("p-1", t(2024, 1, 15), 10_000),
        LoyaltyEvent::redemption(id("x-1"), t(2024, 3, 1), 101).unwrap(),
    ];
    assert!(p.evaluate(&member, &greedy, t(2024, 4, 1)).is_err());
}

#[test]
fn a_return_at_the_instant_a_purchase_matures_is_a_late_return() {
    // A purchase counts from its maturity instant on, so a return at that
    // very instant comes after it: the 100 points are earned, then 40 are
    // clawed back (floor(100) − floor(60)).
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        LoyaltyEvent::pending_purchase(id("p-1"), t(2024, 3, 1), eur(10_000), t(2024, 3, 31))
            .unwrap(),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 3, 31), id("p-1"), Some(eur(4_000))).unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 4, 1)).unwrap();
    let pts = e.points().unwrap();
    assert_eq!(
        (pts.earned(), pts.clawed_back(), pts.balance()),
        (100, 40, 60)
    );
    assert_eq!(e.qualifying_value(), dec("60.00"));
}

#[test]
fn history_and_progress_name_their_tiers_and_thresholds() {
    // Calendar-year spend: 300 EUR on 1 Feb, 350 EUR on 1 Apr → silver
    // (500) on 1 Apr; next is gold at 1000, 350 missing.
    let p = spend_programme(Window::CalendarYear, DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 2, 1), 30_000),
        buy("p-2", t(2024, 4, 1), 35_000),
    ];
    let e = p.evaluate(&member, &events, t(2024, 6, 1)).unwrap();
    let h = e.history();
    assert_eq!(h[0].from(), None);
    assert_eq!(h[1].from(), Some(&tier("blue")));
    assert_eq!(h[1].to(), &tier("silver"));
    let next = e.next().unwrap();
    assert_eq!(next.tier(), &tier("gold"));
    assert_eq!(next.threshold(), Decimal::from(1000));
    assert_eq!(next.missing(), dec("350.00"));
}

#[test]
fn thresholds_may_have_cents_for_spend_only() {
    let with = |measure: Measure, threshold: &str| {
        LoyaltyProgramme::builder(Currency::EUR, measure, Window::CalendarYear)
            .tier(Tier::new(tier("blue"), Decimal::ZERO))
            .tier(Tier::new(tier("silver"), dec(threshold)))
            .build()
    };
    assert!(with(Measure::Spend, "499.50").is_ok());
    assert!(with(Measure::Purchases, "5").is_ok());
    let err = with(Measure::Points, "499.5").unwrap_err().to_string();
    assert!(err.contains("499.5"), "{err}");
    assert!(with(Measure::Purchases, "2.5").is_err());
}

/// Each file of `src/loyalty` keeps to one concern of the evaluation's data
/// flow (ledger, qualifying value, reviews, progress, report): none grows
/// back into a single file of a thousand lines of code. Counted: lines that
/// are neither blank nor comments, outside unit-test modules.
#[test]
#[allow(clippy::disallowed_methods, reason = "the test reads the sources")]
fn loyalty_sources_stay_split_along_the_data_flow() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/loyalty");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("\n#[cfg(test)]\n").next().unwrap_or("");
        let lines = code
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim().starts_with("//"))
            .count();
        assert!(lines <= 500, "{}: {lines} lines of code", path.display());
        names.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    for concern in [
        "ledger.rs",
        "qualifying.rs",
        "reviews.rs",
        "progress.rs",
        "report.rs",
    ] {
        assert!(names.iter().any(|n| n == concern), "no {concern}");
    }
}

/// Errors keep the values themselves (ids, amounts, instants, spans), so a
/// caller can act on them without parsing the message, and the messages
/// read as before.
#[test]
fn loyalty_errors_carry_typed_values() {
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    // p-1 earns floor(10.00 × 1) = 10 points; redeeming 11 on 2 February
    // exceeds them.
    let events = [
        buy("p-1", t(2024, 2, 1), 1_000),
        LoyaltyEvent::redemption(id("x-1"), t(2024, 2, 2), 11).unwrap(),
    ];
    let err = p.evaluate(&member, &events, t(2024, 3, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "redemption \"x-1\" of 11 points at 2024-02-02T00:00:00Z exceeds the balance of 10 points"
    );
    let Error::Loyalty(LoyaltyError::InsufficientPoints {
        event,
        requested,
        balance,
        at,
        ..
    }) = err
    else {
        panic!("{err}");
    };
    assert_eq!(
        (event, requested, balance, at),
        (id("x-1"), 11, 10, t(2024, 2, 2))
    );

    // 60.00 + 60.00 returned of a 100.00 purchase: both totals as money.
    let over = [
        buy("p-1", t(2024, 2, 1), 10_000),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 2, 2), id("p-1"), Some(eur(6_000))).unwrap(),
        LoyaltyEvent::return_of(id("r-2"), t(2024, 2, 3), id("p-1"), Some(eur(6_000))).unwrap(),
    ];
    let err = p.evaluate(&member, &over, t(2024, 3, 1)).unwrap_err();
    let Error::Loyalty(LoyaltyError::ReturnExceedsPurchase {
        event,
        purchase,
        returned,
        amount,
        ..
    }) = err
    else {
        panic!("{err}");
    };
    assert_eq!((event, purchase), (id("r-2"), id("p-1")));
    assert_eq!((returned, amount), (eur(12_000), eur(10_000)));

    let early = [buy("p-0", t(2023, 12, 31), 100)];
    let Err(Error::Loyalty(LoyaltyError::EventBeforeMembership { at, since, .. })) =
        p.evaluate(&member, &early, t(2024, 3, 1))
    else {
        panic!("an event before joining");
    };
    assert_eq!((at, since), (t(2023, 12, 31), t(2024, 1, 1)));

    let err = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .tier(Tier::new(tier("gold"), Decimal::from(1000)))
        .tier(Tier::new(tier("silver"), dec("999.99")))
        .build()
        .unwrap_err();
    let Error::Loyalty(LoyaltyError::ThresholdsNotIncreasing {
        tier: offending,
        threshold,
        previous_tier,
        previous,
        ..
    }) = err
    else {
        panic!("{err}");
    };
    assert_eq!((offending, threshold), (tier("silver"), dec("999.99")));
    assert_eq!(
        (previous_tier, previous),
        (tier("gold"), Decimal::from(1000))
    );

    let err = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
        .tier(Tier::new(tier("blue"), Decimal::ZERO))
        .downgrade(DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Months(12)))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "grace period of 12 months is invalid: it must be shorter than the review cadence of 1 year"
    );
    assert!(matches!(
        err,
        Error::Loyalty(LoyaltyError::GraceTooLong { grace, cadence, .. })
            if grace == "12 months" && cadence == "1 year"
    ));
    assert!(matches!(
        PointsRule::new(dec("-0.5")),
        Err(Error::Loyalty(LoyaltyError::InvalidEarnRate { value, .. })) if value == dec("-0.5")
    ));
}

fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
}

#[test]
fn a_purchase_leaves_a_rolling_month_when_the_window_start_passes_it() {
    // The issue's case: rolling 1 month, joined 2024-01-01, 300.00 bought
    // 2024-01-31T12:00, evaluated 2024-02-29T12:00.
    let p = spend_programme(Window::Rolling(Span::Months(1)), DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [buy("p-1", at(2024, 1, 31, 12, 0), 30_000)];
    // The window at 02-29T12:00 starts 29 January 12:00 (one month back on
    // the calendar): the purchase counts. Later on 29 February the start is
    // still on 29 January; at 1 March 00:00 it is 1 February 00:00 (30 and
    // 31 February do not exist), after the purchase: it leaves then.
    let e = p
        .evaluate(&member, &events, at(2024, 2, 29, 12, 0))
        .unwrap();
    assert_eq!(e.qualifying_value(), dec("300.00"));
    let next = e.next().unwrap();
    assert_eq!(
        (next.tier().as_str(), next.missing(), next.by()),
        ("silver", dec("200.00"), Some(t(2024, 3, 1)))
    );
    let last = at(2024, 3, 1, 0, 0) - chrono::TimeDelta::nanoseconds(1);
    let e = p.evaluate(&member, &events, last).unwrap();
    assert_eq!(e.qualifying_value(), dec("300.00"));
    let e = p.evaluate(&member, &events, t(2024, 3, 1)).unwrap();
    assert_eq!(e.qualifying_value(), dec("0.00"));
}

#[test]
fn a_purchase_that_left_a_rolling_month_does_not_come_back() {
    // 2023 is not a leap year. Joined 2023-01-28T18:00: reviews on the
    // 28th at 18:00 of each month. 600.00 on 2023-02-28T12:00 → silver.
    let p = spend_programme(Window::Rolling(Span::Months(1)), DowngradePolicy::default());
    let member = Membership::new(at(2023, 1, 28, 18, 0));
    let events = [buy("p-1", at(2023, 2, 28, 12, 0), 60_000)];
    // On 2023-03-28T18:00 the window starts 02-28T18:00: the purchase has
    // left (since 03-28T12:00), and the review finds [02-28T18:00,
    // 03-28T18:00) empty → blue.
    let e = p
        .evaluate(&member, &events, at(2023, 3, 28, 18, 0))
        .unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value()),
        ("blue", dec("0.00"))
    );
    // At 03-29T00:00 the start is 29 February 2023, which does not exist:
    // 1 March 00:00. It does not go back to 28 February (where the
    // purchase would count again and meet silver while blue is held).
    let e = p.evaluate(&member, &events, at(2023, 3, 29, 0, 0)).unwrap();
    assert_eq!(e.qualifying_value(), dec("0.00"));
    assert_eq!((e.tier().as_str(), e.met_tier().as_str()), ("blue", "blue"));
    assert_eq!(e.next().unwrap().missing(), dec("500.00"));
}

#[test]
fn a_leap_day_purchase_stays_in_a_rolling_year_until_the_first_of_march() {
    let p = spend_programme(
        Window::Rolling(Span::Months(12)),
        DowngradePolicy::default(),
    );
    let member = Membership::new(t(2024, 1, 1));
    let events = [buy("p-1", at(2024, 2, 29, 12, 0), 80_000)];
    // On 2025-02-28T23:00 the window starts 2024-02-28T23:00: 800.00
    // counts (silver). 2025 has no 29 February: from 2025-03-01T00:00 the
    // window starts 2024-03-01T00:00, so gold (1000) needs the missing
    // 200.00 before then — not 2025-02-28T12:00, which is already past.
    let e = p
        .evaluate(&member, &events, at(2025, 2, 28, 23, 0))
        .unwrap();
    assert_eq!(
        (e.tier().as_str(), e.qualifying_value()),
        ("silver", dec("800.00"))
    );
    let next = e.next().unwrap();
    assert_eq!(
        (next.missing(), next.by()),
        (dec("200.00"), Some(t(2025, 3, 1)))
    );
    // 29 February 2024 − 12 months: 29 February 2023 does not exist, the
    // window starts 1 March 2023: a purchase of 2023-02-28 is out.
    let member = Membership::new(t(2023, 2, 1));
    let events = [buy("p-0", at(2023, 2, 28, 12, 0), 70_000)];
    let e = p.evaluate(&member, &events, t(2024, 2, 29)).unwrap();
    assert_eq!(e.qualifying_value(), dec("0.00"));
}

#[test]
fn a_negative_adjustment_leaving_the_window_qualifies_at_once() {
    // Rolling 30 days. −600.00 on 01-10 and +600.00 on 01-20: 0 in the
    // window until the adjustment leaves it at 01-10 + 30 days = 02-09;
    // then 600 ≥ 500 → silver at 02-09, with no event then.
    let p = spend_programme(Window::Rolling(Span::Days(30)), DowngradePolicy::default());
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        LoyaltyEvent::adjustment(id("a-1"), t(2024, 1, 10), dec("-600")).unwrap(),
        buy("p-1", t(2024, 1, 20), 60_000),
    ];
    let e = p.evaluate(&member, &events, t(2024, 2, 15)).unwrap();
    assert_eq!(e.qualifying_value(), dec("600.00"));
    assert_eq!((e.tier().as_str(), e.since()), ("silver", t(2024, 2, 9)));
    assert!(matches!(
        e.history().last().unwrap().reason(),
        ChangeReason::Qualified { .. }
    ));
}

#[test]
fn no_review_drops_below_the_tier_the_window_meets() {
    // Rolling 1 month from joining on 2024-03-31: reviews on 04-30 and
    // 05-31 (the 31st, or the month's last day). The window at 05-31
    // starts 1 May 00:00 (31 April does not exist).
    // 600.00 on 04-29: the review on 04-30 keeps silver ([03-31, 04-30)
    // holds 600); on 05-31 the period [04-30, 05-31) and the window
    // (05-01, 05-31) are both empty: blue.
    let p = spend_programme(Window::Rolling(Span::Months(1)), DowngradePolicy::default());
    let member = Membership::new(t(2024, 3, 31));
    let events = [buy("p-1", t(2024, 4, 29), 60_000)];
    let e = p.evaluate(&member, &events, t(2024, 5, 31)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2024, 5, 31)));
    // A purchase on 04-30 at 12:00, after the first review, is in the
    // period [04-30, 05-31) and keeps silver at 05-31.
    let events = [buy("p-2", at(2024, 4, 30, 12, 0), 60_000)];
    let e = p.evaluate(&member, &events, t(2024, 5, 31)).unwrap();
    assert_eq!(e.tier().as_str(), "silver");
    // With a −600 adjustment at the review instant 04-30 itself (in the
    // period [04-30, 05-31) but not in the window (04-30, ...]) and 600.00
    // on 05-15: the period sums to 0, so re-qualification would drop to
    // blue, but the window before 05-31, (05-01, 05-31), holds 600: the
    // customer meets silver and keeps it.
    let events = [
        buy("p-0", t(2024, 4, 10), 60_000),
        LoyaltyEvent::adjustment(id("a-1"), t(2024, 4, 30), dec("-600")).unwrap(),
        buy("p-3", t(2024, 5, 15), 60_000),
    ];
    let e = p.evaluate(&member, &events, t(2024, 5, 31)).unwrap();
    assert_eq!(
        (e.tier().as_str(), e.met_tier().as_str()),
        ("silver", "silver")
    );
}

/// Instants from 2023 to mid-2025; a third of them in the last days of a
/// month, some on 1 March (after 28 or 29 February), at any hour.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let month_end = (
        2023..=2025_i32,
        1..=12_u32,
        26..=31_u32,
        0..24_u32,
        0..60_u32,
    )
        .prop_map(|(y, m, d, h, mi)| {
            // The last valid day at or before `d`.
            let day = (26..=d)
                .rev()
                .find(|&d| Utc.with_ymd_and_hms(y, m, d, h, mi, 0).single().is_some())
                .unwrap();
            at(y, m, day, h, mi)
        });
    prop_oneof![
        3 => (0..(900 * 24 * 60_i64)).prop_map(|m| t(2023, 1, 1) + chrono::TimeDelta::minutes(m)),
        2 => month_end,
        1 => (2023..=2025_i32, 0..24_u32, 0..60_u32).prop_map(|(y, h, mi)| at(y, 3, 1, h, mi)),
    ]
}

fn zone() -> impl Strategy<Value = carekit::calendar::Zone> {
    prop_oneof![
        Just("UTC"),
        Just("Europe/Berlin"),
        Just("America/New_York"),
        Just("+05:30"),
        Just("-09:30"),
    ]
    .prop_map(|z| z.parse().unwrap())
}

fn any_window() -> impl Strategy<Value = Window> {
    prop_oneof![
        (1..=13_u32).prop_map(|m| Window::Rolling(Span::Months(m))),
        (1..120_u32).prop_map(|d| Window::Rolling(Span::Days(d))),
        Just(Window::CalendarYear),
        Just(Window::AnniversaryYear),
        Just(Window::Lifetime),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Purchases of 1, 2, 4, … cents: the qualifying value in cents is the
    /// set of purchases in the window, one bit each. As `as_of` increases,
    /// each bit goes 0 → 1 (at the purchase) → 0 (when it leaves) at most
    /// once: nothing that left comes back.
    #[test]
    fn an_event_enters_the_window_once_and_leaves_it_once(
        window in any_window(),
        zone in zone(),
        buys in proptest::collection::vec(instant(), 1..16),
        checks in proptest::collection::vec(instant(), 1..40),
    ) {
        let p = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, window)
            .tier(Tier::new(tier("blue"), Decimal::ZERO))
            .time_zone(zone)
            .build()
            .unwrap();
        let member = Membership::new(t(2023, 1, 1));
        let events: Vec<LoyaltyEvent> = buys
            .iter()
            .enumerate()
            .map(|(i, &b)| buy(&format!("p-{i}"), b, 1 << i))
            .collect();
        let mut as_ofs: Vec<DateTime<Utc>> = checks.iter().chain(&buys).copied().collect();
        // Around the instants the window's length after each purchase,
        // where it leaves (and where a start clamped to a month's end
        // would bring it back).
        let span_months = match window {
            Window::Rolling(Span::Months(n)) => n,
            _ => 12,
        };
        for b in &buys {
            let later = b.checked_add_months(chrono::Months::new(span_months)).unwrap();
            for hours in [-18, -6, 0, 6, 12, 18, 24, 30, 48, 72, 96] {
                as_ofs.push(later + chrono::TimeDelta::hours(hours));
            }
        }
        as_ofs.sort();
        as_ofs.dedup();
        // 0: not yet in, 1: in, 2: left.
        let mut state = vec![0_u8; buys.len()];
        for &as_of in &as_ofs {
            let e = p.evaluate(&member, &events, as_of).unwrap();
            let cents: u64 = (e.qualifying_value() * Decimal::from(100)).normalize().to_string().parse().unwrap();
            for (i, s) in state.iter_mut().enumerate() {
                let inside = cents >> i & 1 == 1;
                prop_assert!(!inside || buys[i] <= as_of, "p-{i} counts before it happens");
                *s = match (*s, inside) {
                    (0 | 1, true) => 1,
                    (0, false) => 0,
                    (1 | 2, false) => 2,
                    (2, true) => {
                        return Err(TestCaseError::fail(format!(
                            "p-{i} at {} came back into the {window} window at {as_of} in {zone}",
                            buys[i]
                        )));
                    }
                    _ => unreachable!(),
                };
            }
        }
    }

    /// With returns, adjustments of either sign, pending purchases, every
    /// downgrade rule and grace periods: at every instant the tier held is
    /// at least the tier the qualifying value meets, and no "by" instant
    /// is already past.
    #[test]
    fn the_held_tier_covers_the_met_tier_and_no_deadline_is_past(
        window in any_window(),
        zone in zone(),
        rule in prop_oneof![
            Just(DowngradeRule::Never),
            Just(DowngradeRule::Requalify),
            Just(DowngradeRule::SoftLanding),
        ],
        grace in proptest::option::of(1..28_u32),
        ops in proptest::collection::vec(
            (instant(), -80_000..120_000_i64, 0..4_u8, 0..20_u32), 1..14),
        checks in proptest::collection::vec(instant(), 1..30),
    ) {
        let mut policy = DowngradePolicy::new(rule);
        if let Some(g) = grace {
            policy = policy.with_grace(Span::Days(g));
        }
        let Ok(p) = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, window)
            .tier(Tier::new(tier("blue"), Decimal::ZERO))
            .tier(Tier::new(tier("silver"), Decimal::from(500)))
            .tier(Tier::new(tier("gold"), Decimal::from(1000)))
            .downgrade(policy)
            .time_zone(zone)
            .build()
        else {
            return Ok(()); // a grace period not shorter than the cadence
        };
        let member = Membership::new(t(2023, 1, 1));
        let mut events = Vec::new();
        let mut bought: Vec<(String, DateTime<Utc>, i64)> = Vec::new();
        for (i, &(when, cents, kind, days)) in ops.iter().enumerate() {
            let later = when + chrono::TimeDelta::days(i64::from(days));
            match kind {
                // A purchase, pending for `days` when odd.
                0 | 1 if cents > 0 => {
                    let name = format!("p-{i}");
                    events.push(if kind == 1 {
                        LoyaltyEvent::pending_purchase(id(&name), when, eur(cents), later).unwrap()
                    } else {
                        buy(&name, when, cents)
                    });
                    bought.push((name, when, cents));
                }
                // A full return of an earlier purchase, `days` after it.
                2 if !bought.is_empty() => {
                    let (name, bought_at, _) = bought.remove(i % bought.len());
                    let r = LoyaltyEvent::return_of(
                        id(&format!("r-{i}")),
                        bought_at + chrono::TimeDelta::days(i64::from(days)),
                        id(&name),
                        None,
                    );
                    events.push(r.unwrap());
                }
                _ => {
                    let value = Decimal::new(cents, 2);
                    events.push(LoyaltyEvent::adjustment(id(&format!("a-{i}")), when, value).unwrap());
                }
            }
        }
        let mut as_ofs = checks.clone();
        as_ofs.extend(events.iter().map(LoyaltyEvent::at));
        as_ofs.sort();
        for as_of in as_ofs {
            let e = p.evaluate(&member, &events, as_of).unwrap();
            let met = p.tiers().iter().position(|t| t.id() == e.met_tier()).unwrap();
            prop_assert!(
                tier_index(&p, &e) >= met,
                "{window} in {zone} at {as_of}: holds {} but meets {}; {:?}",
                e.tier(), e.met_tier(), e.history()
            );
            if let Some(by) = e.next().and_then(Progress::by) {
                prop_assert!(by > as_of, "{window} in {zone}: missing by {by}, as of {as_of}");
            }
            if let Some(k) = e.keep() {
                prop_assert!(k.by() > as_of, "{window} in {zone}: keep by {}, as of {as_of}", k.by());
            }
        }
    }
}

#[test]
fn a_grace_period_ends_no_lower_than_the_tier_the_window_meets() {
    // Calendar year, re-qualify with 60 days' grace. 1200.00 in June 2023:
    // gold, kept at the 2024 review. The 2025 review finds 2024 empty:
    // blue decided, in effect 2025-01-01 + 60 days = 2025-03-02. 600.00 on
    // 2025-02-01 meets silver (not gold, so the downgrade stands): at the
    // grace end the customer lands on silver, the tier 2025 already meets.
    let p = spend_programme(
        Window::CalendarYear,
        DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(60)),
    );
    let member = Membership::new(t(2023, 1, 1));
    let events = [
        buy("p-1", t(2023, 6, 1), 120_000),
        buy("p-2", t(2025, 2, 1), 60_000),
    ];
    let e = p.evaluate(&member, &events, t(2025, 4, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("silver", t(2025, 3, 2)));
    assert!(matches!(
        e.history().last().unwrap().reason(),
        ChangeReason::GraceEnded { .. }
    ));
}

#[test]
fn keeping_a_tier_in_grace_is_due_before_the_oldest_counted_event_leaves() {
    // Rolling 90 days, re-qualify with 30 days' grace, joined 2024-01-01:
    // reviews 03-31 and 06-29. 1200.00 on 01-11 → gold, kept at 03-31
    // ([01-01, 03-31) holds 1200). 300.00 on 04-15. The 06-29 review finds
    // 300 in [03-31, 06-29): blue, in effect 06-29 + 30 days = 07-29.
    let p = spend_programme(
        Window::Rolling(Span::Days(90)),
        DowngradePolicy::new(DowngradeRule::Requalify).with_grace(Span::Days(30)),
    );
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 1, 11), 120_000),
        buy("p-2", t(2024, 4, 15), 30_000),
    ];
    let e = p.evaluate(&member, &events, t(2024, 7, 1)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    assert_eq!(e.pending_downgrade().unwrap().at(), t(2024, 7, 29));
    // Re-qualifying needs 1000 − 300 = 700 in the window while p-2 still
    // counts: it leaves at 04-15 + 90 days = 07-14 (15 + 31 + 30 + 14).
    let keep = e.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("700.00"), t(2024, 7, 14)));
}

#[test]
fn a_member_since_chronos_first_day_evaluates_at_once() {
    // Joined at chrono's first instant, -262143-01-01T00:00:00Z, with a
    // daily window: reviews every day at 00:00 UTC, about 96 million of
    // them up to 2024 (it took 13.5 s in release when every review was
    // walked). Idle reviews (nothing in the period, nothing to lose) pass
    // in one step.
    let since = DateTime::<Utc>::MIN_UTC;
    assert_eq!(since.to_rfc3339(), "-262143-01-01T00:00:00+00:00");
    let member = Membership::new(since);
    let p = spend_programme(Window::Rolling(Span::Days(1)), DowngradePolicy::default());
    let events = [buy("p-1", at(2024, 5, 31, 12, 0), 60_000)];
    // As of 2024-06-01T00:00: the window (05-31T00:00, 06-01T00:00] holds
    // 600 → silver since the purchase; the review at 06-01T00:00 looks at
    // [05-31, 06-01), 600 → kept. Keeping it needs 500 by 06-02.
    let e = p.evaluate(&member, &events, t(2024, 6, 1)).unwrap();
    assert_eq!(
        tiers_in_history(&e),
        [(since, "blue"), (at(2024, 5, 31, 12, 0), "silver")]
    );
    assert_eq!(e.next_review(), Some(t(2024, 6, 2)));
    let keep = e.keep().unwrap();
    assert_eq!((keep.needed(), keep.by()), (dec("500.00"), t(2024, 6, 2)));
    // Without events, as of the last full day chrono represents: blue,
    // with the next review a day later.
    let end = Utc.with_ymd_and_hms(262_142, 12, 30, 0, 0, 0).unwrap();
    let e = p.evaluate(&member, &[], end).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", since));
    assert_eq!(
        e.next_review(),
        Some(Utc.with_ymd_and_hms(262_142, 12, 31, 0, 0, 0).unwrap())
    );
    // The same member with the purchase, decades later: silver was dropped
    // by the review of 2024-06-02 ([06-01, 06-02) empty).
    let e = p.evaluate(&member, &events, t(2090, 1, 1)).unwrap();
    assert_eq!((e.tier().as_str(), e.since()), ("blue", t(2024, 6, 2)));
    // Calendar years and anniversaries from the first year: 264,167 reviews.
    for window in [Window::CalendarYear, Window::AnniversaryYear] {
        let p = spend_programme(window, DowngradePolicy::new(DowngradeRule::SoftLanding));
        let e = p.evaluate(&member, &events, t(2025, 6, 1)).unwrap();
        // Silver from 2024-05-31; the review of 1 January 2025 finds 600 in
        // 2024 (both windows review on 1 January: the anniversary of
        // -262143-01-01 is every 1 January).
        assert_eq!(
            (e.tier().as_str(), e.next_review()),
            ("silver", Some(t(2026, 1, 1)))
        );
    }
}

#[test]
fn a_points_balance_shows_available_pending_and_expiring_soon() {
    // 1 point per EUR, expiry 12 months; gold (×1.5) from 1000 EUR spend.
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        // 100 points on 2024-01-15, expiring 2025-01-15.
        buy("p-1", t(2024, 1, 15), 10_000),
        // 250.75 on 2024-12-20, returnable until 2025-01-19; 50.00 of it
        // returned on 12-22: floor(200.75) = 200 points when it matures.
        LoyaltyEvent::pending_purchase(id("p-2"), t(2024, 12, 20), eur(25_075), t(2025, 1, 19))
            .unwrap(),
        LoyaltyEvent::return_of(id("r-1"), t(2024, 12, 22), id("p-2"), Some(eur(5_000))).unwrap(),
    ];
    let pts = p
        .evaluate(&member, &events, t(2025, 1, 1))
        .unwrap()
        .points()
        .cloned()
        .unwrap();
    assert_eq!((pts.balance(), pts.pending()), (100, 200));
    // "Soon" as a horizon: 30 days from 2025-01-01 is 01-31, after p-1's
    // expiry on 01-15; 14 days (01-15) includes that instant; 7 do not.
    let b = pts.balance_within(chrono::TimeDelta::days(30));
    assert_eq!(
        (b.available(), b.pending(), b.expiring_soon()),
        (100, 200, 100)
    );
    assert_eq!(b.soon_until(), t(2025, 1, 31));
    assert_eq!(
        pts.balance_within(chrono::TimeDelta::days(14))
            .expiring_soon(),
        100
    );
    assert_eq!(
        pts.balance_within(chrono::TimeDelta::days(7))
            .expiring_soon(),
        0
    );
    // ... or as an instant; one before as_of expires nothing.
    assert_eq!(pts.balance_until(t(2025, 1, 15)).expiring_soon(), 100);
    assert_eq!(pts.balance_until(t(2024, 6, 1)).expiring_soon(), 0);
    assert_eq!(
        pts.balance_within(chrono::TimeDelta::MAX).soon_until(),
        DateTime::<Utc>::MAX_UTC
    );
    // Once p-2 matures its points move from pending to the balance; p-1's
    // have expired: balance 200, nothing pending.
    let later = p
        .evaluate(&member, &events, t(2025, 2, 1))
        .unwrap()
        .points()
        .cloned()
        .unwrap();
    assert_eq!(
        (later.balance(), later.pending(), later.expired()),
        (200, 0, 100)
    );
}

#[test]
fn pending_points_count_at_the_tier_held_now() {
    // Gold earns ×1.5. 1200.00 on 2024-02-01 reaches gold (earning 1200 at
    // blue's ×1). 100.00 bought 2024-03-01, returnable until 03-31: as of
    // 03-10 it would earn floor(100 × 1 × 1.5) = 150 at gold.
    let p = points_programme(12);
    let member = Membership::new(t(2024, 1, 1));
    let events = [
        buy("p-1", t(2024, 2, 1), 120_000),
        LoyaltyEvent::pending_purchase(id("p-2"), t(2024, 3, 1), eur(10_000), t(2024, 3, 31))
            .unwrap(),
    ];
    let e = p.evaluate(&member, &events, t(2024, 3, 10)).unwrap();
    assert_eq!(e.tier().as_str(), "gold");
    let pts = e.points().unwrap();
    assert_eq!((pts.balance(), pts.pending()), (1200, 150));
}

#[test]
fn points_balances_are_send_sync_and_statements_without_pending_still_read() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<PointsBalance>();
    let p = points_programme(12);
    let events =
        [
            LoyaltyEvent::pending_purchase(id("p-1"), t(2024, 3, 1), eur(10_000), t(2024, 3, 31))
                .unwrap(),
        ];
    let e = p
        .evaluate(&Membership::new(t(2024, 1, 1)), &events, t(2024, 3, 10))
        .unwrap();
    let mut json = serde_json::to_value(e.points().unwrap()).unwrap();
    assert_eq!(json["pending"], 100); // floor(100.00 × 1)
    // A statement written before pending points existed reads as 0 pending.
    json.as_object_mut().unwrap().remove("pending");
    let old: PointsStatement = serde_json::from_value(json).unwrap();
    assert_eq!((old.balance(), old.pending()), (0, 0));
    let b = e.points().unwrap().balance_until(t(2024, 12, 31));
    let back: PointsBalance = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(back, b);
}
