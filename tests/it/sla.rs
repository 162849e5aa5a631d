//! SLA books: scenarios with hand-worked expectations, laws and bad inputs.
//!
//! Business time uses `Office`, a test double written here independently
//! of carekit's calendar: open 09:00–17:00 UTC Monday to Friday. 2024-03-04
//! is a Monday.

use carekit::calendar::{
    BusinessCalendar, CalendarSpec, CalendarTime, ElapsedTime, OpenInterval, WeekSchedule,
};
use carekit::interaction::OutboundStart;
use carekit::loyalty::{Benefits, Multiplier};
use carekit::sla::{
    AttainmentCounts, Conditions, SlaAttainment, SlaBook, SlaContext, SlaOutcome, SlaPolicy,
    SlaState, Target, TargetKind, TimeBasis,
};
use carekit::{
    AgentId, Channel, CustomerId, Direction, Interaction, InteractionBuilder, InteractionId,
    Priority, Status, TierId, Visibility,
};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Open 09:00–17:00 UTC on weekdays; walks day by day.
#[derive(Debug, Clone, Copy)]
struct Office;

impl Office {
    fn window(day: chrono::NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return None;
        }
        let at =
            |h| Utc.from_utc_datetime(&day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap()));
        Some((at(9), at(17)))
    }
}

impl ElapsedTime for Office {
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, carekit::Error> {
        assert!(from <= to);
        let mut total = TimeDelta::zero();
        let mut day = from.date_naive();
        while day <= to.date_naive() {
            if let Some((open, close)) = Self::window(day) {
                let (s, e) = (open.max(from), close.min(to));
                if e > s {
                    total += e - s;
                }
            }
            day = day.succ_opt().unwrap();
        }
        Ok(total)
    }

    fn advance(&self, start: DateTime<Utc>, d: TimeDelta) -> Result<DateTime<Utc>, carekit::Error> {
        assert!(d >= TimeDelta::zero());
        if d.is_zero() {
            return Ok(start);
        }
        let mut left = d;
        let mut day = start.date_naive();
        loop {
            if let Some((open, close)) = Self::window(day) {
                let s = open.max(start);
                if close > s {
                    if close - s >= left {
                        return Ok(s + left);
                    }
                    left -= close - s;
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}

/// 2024-03-04 (Monday) + `day` days, at `h:m`.
fn t(day: i64, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap() + Duration::days(day)
}

fn case(created: DateTime<Utc>) -> InteractionBuilder {
    Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c-1").unwrap(),
        Channel::Email,
        created,
    )
}

fn ana() -> AgentId {
    AgentId::new("ana").unwrap()
}

fn one_policy(targets: Vec<Target>) -> SlaBook {
    SlaBook::new(vec![
        SlaPolicy::new("std", Conditions::any(), targets).unwrap(),
    ])
    .unwrap()
}

fn target(kind: TargetKind, within: TimeDelta, basis: TimeBasis) -> Target {
    Target::new(kind, within).unwrap().with_basis(basis)
}

fn hm(h: i64, m: i64) -> TimeDelta {
    TimeDelta::hours(h) + TimeDelta::minutes(m)
}

#[test]
fn first_reply_achieved_with_margin() {
    // Created Mon 09:00, reply 10:12; 4h business. Counted 09:00–10:12 =
    // 1h12m; margin 4h − 1h12m = 2h48m; deadline 10:12 + 2h48m = 13:00
    // (all inside Monday's 09:00–17:00).
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(4, 0),
        TimeBasis::Business,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 10, 12), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 15, 0), &Office)
        .unwrap();
    let fr = e.target(TargetKind::FirstReply).unwrap();
    assert_eq!(fr.state(), SlaState::Achieved { margin: hm(2, 48) });
    assert_eq!(fr.counted(), hm(1, 12));
    assert_eq!(fr.limit(), hm(4, 0));
    assert_eq!(fr.deadline(), Some(t(0, 13, 0)));
    assert_eq!(
        fr.to_string(),
        "first reply due 2024-03-04T13:00:00Z (4h business time); achieved at 2024-03-04T10:12:00Z with 2h48m to spare"
    );
    // The serialised form shown in the module docs.
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({"policy": "std", "priority": "normal", "at": "2024-03-04T15:00:00Z",
          "targets": [{"kind": "first_reply", "basis": "business", "clock": "business", "state": "achieved",
            "margin": 10080, "deadline": "2024-03-04T13:00:00Z", "counted": 4320,
            "limit": 14400, "within": 14400, "multiplier": "1",
            "started": "2024-03-04T09:00:00Z", "stopped": "2024-03-04T10:12:00Z",
            "earlier_achieved": 0, "earlier_breached": 0,
            "reason": "first reply due 2024-03-04T13:00:00Z (4h business time); achieved at 2024-03-04T10:12:00Z with 2h48m to spare"}]})
    );
}

#[test]
fn internal_notes_do_not_stop_the_reply_clock() {
    // A note at 09:30 is not a reply; the 10:00 public reply is: 1h counted.
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(2, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 30), ana(), Visibility::Internal)
        .agent_reply(t(0, 10, 0), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].counted(), hm(1, 0));
}

#[test]
fn breach_reports_by_how_much() {
    // Created Mon 15:00; 4h business. Mon 15:00–17:00 counts 2h; the other
    // 2h run Tue 09:00–11:00, so the limit is reached Tue 11:00.
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(4, 0),
        TimeBasis::Business,
    )]);
    // Replied Tue 11:30: counted 2h + 2h30m = 4h30m, breached by 30m.
    let replied = case(t(0, 15, 0))
        .agent_reply(t(1, 11, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&replied, &SlaContext::new(), t(1, 12, 0), &Office)
        .unwrap();
    let fr = &e.targets()[0];
    assert_eq!(fr.state(), SlaState::Breached { by: hm(0, 30) });
    assert_eq!(fr.deadline(), Some(t(1, 11, 0)));
    assert_eq!(fr.counted(), hm(4, 30));
    assert!(e.is_breached());
    assert_eq!(
        fr.to_string(),
        "first reply due 2024-03-05T11:00:00Z (4h business time); breached by 30m: stopped at 2024-03-05T11:30:00Z"
    );
    // Still unanswered Tue 12:00: 2h + 3h = 5h, breached by 1h and running.
    let open = case(t(0, 15, 0)).build().unwrap();
    let e = book
        .evaluate(&open, &SlaContext::new(), t(1, 12, 0), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(1, 0) });
    // Mon 20:00 (closed): 2h counted, 2h left, next due Tue 11:00.
    let e = book
        .evaluate(&open, &SlaContext::new(), t(0, 20, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(2, 0)
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(1, 11, 0)));
}

#[test]
fn deadline_at_friday_close_is_breached_over_the_weekend_by_zero() {
    // Created Fri 13:00 (day 4); 4h business: limit reached Fri 17:00.
    // Saturday 10:00: counted 4h = limit, but the clock ran past the
    // breach instant, so it is breached by 0s of business time.
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(4, 0),
        TimeBasis::Business,
    )]);
    let i = case(t(4, 13, 0)).build().unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(5, 10, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Breached {
            by: TimeDelta::zero()
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(4, 17, 0)));
    // At exactly 17:00 Friday it is still active with 0s left.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(4, 17, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: TimeDelta::zero()
        }
    );
    // A reply exactly at 17:00 achieves with 0s to spare.
    let i = case(t(4, 13, 0))
        .agent_reply(t(4, 17, 0), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(5, 10, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved {
            margin: TimeDelta::zero()
        }
    );
}

fn pending_case() -> Interaction {
    case(t(0, 9, 0))
        .status(t(0, 9, 10), Status::Open)
        .status(t(0, 10, 0), Status::Pending)
        .customer_message(t(0, 13, 0))
        .status(t(0, 13, 0), Status::Open)
        .status(t(0, 16, 0), Status::Solved)
        .build()
        .unwrap()
}

#[test]
fn pending_pauses_resolution_clock() {
    // Resolution 8h calendar, default pause in pending.
    // New/open 09:00–10:00 (1h), pending 10:00–13:00 (paused), open
    // 13:00–16:00 (3h), solved 16:00.
    let book = one_policy(vec![target(
        TargetKind::Resolution,
        hm(8, 0),
        TimeBasis::Calendar,
    )]);
    let i = pending_case();
    let at = |h| {
        book.evaluate(&i, &SlaContext::new(), t(0, h, 0), &Office)
            .unwrap()
    };
    // 11:00: 1h counted, paused, 7h left, no deadline.
    let e = at(11);
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Paused {
            remaining: hm(7, 0)
        }
    );
    assert_eq!(e.targets()[0].deadline(), None);
    assert_eq!(
        e.targets()[0].to_string(),
        "resolution within 8h calendar time; paused in pending at 2024-03-04T11:00:00Z with 7h left"
    );
    // 14:00: 1h + 1h = 2h, 6h left: due 14:00 + 6h = 20:00 (= resumed
    // 13:00 + the 7h left then).
    let e = at(14);
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(6, 0)
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(0, 20, 0)));
    // 17:00: solved at 16:00 after 1h + 3h = 4h: 4h to spare.
    let e = at(17);
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(4, 0) }
    );
    assert_eq!(e.targets()[0].counted(), hm(4, 0));
    // Without the pause the clock runs 09:00–16:00 = 7h: 1h to spare.
    let strict = one_policy(vec![
        target(TargetKind::Resolution, hm(8, 0), TimeBasis::Calendar).with_paused_in([]),
    ]);
    let e = strict
        .evaluate(&i, &SlaContext::new(), t(0, 17, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(1, 0) }
    );
}

#[test]
fn tier_multiplier_halves_targets() {
    // First reply 4h calendar; reply after 2h30m. Plain: 1h30m to spare.
    // Gold ×0.5: limit 2h, breached by 30m, breach instant 09:00 + 2h.
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(4, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 11, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    let plain = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(
        plain.targets()[0].state(),
        SlaState::Achieved { margin: hm(1, 30) }
    );
    let gold = Benefits::default()
        .with_sla_target_multiplier(Multiplier::new(Decimal::new(5, 1)).unwrap());
    let ctx = SlaContext::new().with_benefits(&gold);
    let e = book.evaluate(&i, &ctx, t(0, 12, 0), &Office).unwrap();
    let fr = &e.targets()[0];
    assert_eq!(fr.limit(), hm(2, 0));
    assert_eq!(fr.within(), hm(4, 0));
    assert_eq!(fr.state(), SlaState::Breached { by: hm(0, 30) });
    assert_eq!(fr.deadline(), Some(t(0, 11, 0)));
    assert_eq!(
        fr.to_string(),
        "first reply due 2024-03-04T11:00:00Z (2h calendar time: 4h × 0.5); breached by 30m: stopped at 2024-03-04T11:30:00Z"
    );
    assert_eq!(fr.reason(), fr.to_string());
    assert_eq!(fr.multiplier(), Decimal::new(5, 1));
    assert_eq!(plain.targets()[0].multiplier(), Decimal::ONE);
    assert_eq!((fr.earlier_achieved(), fr.earlier_breached()), (0, 0));
    assert_eq!(
        ctx.benefits().map(Benefits::sla_target_multiplier),
        Some(gold.sla_target_multiplier())
    );
    assert!(SlaContext::new().benefits().is_none());
}

#[test]
fn only_achieved_and_breached_states_are_final() {
    let d = hm(0, 10);
    assert!(SlaState::Achieved { margin: d }.is_final());
    assert!(SlaState::Breached { by: d }.is_final());
    assert!(!SlaState::Active { remaining: d }.is_final());
    assert!(!SlaState::Paused { remaining: d }.is_final());
}

#[test]
fn multiplier_rounds_half_away_from_zero_and_rejects_zero() {
    // 5401s × 0.5 = 2700.5s → 2701s.
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        TimeDelta::seconds(5401),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0)).build().unwrap();
    let half = Benefits::default()
        .with_sla_target_multiplier(Multiplier::new(Decimal::new(5, 1)).unwrap());
    let e = book
        .evaluate(
            &i,
            &SlaContext::new().with_benefits(&half),
            t(0, 9, 0),
            &Office,
        )
        .unwrap();
    assert_eq!(e.targets()[0].limit(), TimeDelta::seconds(2701));
    // 5401s × 0.0001 = 0.5401s → 1s; × 0.00001 = 0.05401s → 0s: an error.
    let tiny = Benefits::default()
        .with_sla_target_multiplier(Multiplier::new(Decimal::new(1, 4)).unwrap());
    let e = book
        .evaluate(
            &i,
            &SlaContext::new().with_benefits(&tiny),
            t(0, 9, 0),
            &Office,
        )
        .unwrap();
    assert_eq!(e.targets()[0].limit(), TimeDelta::seconds(1));
    let tinier = Benefits::default()
        .with_sla_target_multiplier(Multiplier::new(Decimal::new(1, 5)).unwrap());
    let err = book
        .evaluate(
            &i,
            &SlaContext::new().with_benefits(&tinier),
            t(0, 9, 0),
            &Office,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy \"std\", target first_reply: 5401s × 0.00001 rounds to 0s: a scaled target must be at least 1s and at most 3162240000s"
    );
}

fn urgent_and_standard() -> SlaBook {
    SlaBook::new(vec![
        SlaPolicy::new(
            "urgent",
            Conditions::any().with_priorities([Priority::Urgent]),
            vec![target(
                TargetKind::FirstReply,
                hm(1, 0),
                TimeBasis::Calendar,
            )],
        )
        .unwrap(),
        SlaPolicy::new(
            "standard",
            Conditions::any(),
            vec![target(
                TargetKind::FirstReply,
                hm(8, 0),
                TimeBasis::Calendar,
            )],
        )
        .unwrap(),
    ])
    .unwrap()
}

#[test]
fn priority_boost_selects_urgent_policy() {
    // A normal ticket: Normal + 2 levels = Urgent → "urgent" (1h); + 1
    // level = High → "standard".
    let book = urgent_and_standard();
    let i = case(t(0, 9, 0)).build().unwrap();
    let two = Benefits::default().with_priority_boost(2);
    let one = Benefits::default().with_priority_boost(1);
    let e = book
        .evaluate(
            &i,
            &SlaContext::new().with_benefits(&two),
            t(0, 9, 30),
            &Office,
        )
        .unwrap();
    assert_eq!(e.policy(), Some("urgent"));
    assert_eq!(e.priority(), Priority::Urgent);
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(0, 30)
        }
    );
    let e = book
        .evaluate(
            &i,
            &SlaContext::new().with_benefits(&one),
            t(0, 9, 30),
            &Office,
        )
        .unwrap();
    assert_eq!(e.policy(), Some("standard"));
    assert_eq!(e.priority(), Priority::High);
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 9, 30), &Office)
        .unwrap();
    assert_eq!(e.policy(), Some("standard"));
}

#[test]
fn first_matching_policy_wins() {
    let fr = |h| {
        vec![target(
            TargetKind::FirstReply,
            hm(h, 0),
            TimeBasis::Calendar,
        )]
    };
    let gold = TierId::new("gold").unwrap();
    let book = SlaBook::new(vec![
        SlaPolicy::new(
            "chat",
            Conditions::any().with_channels([Channel::Chat]),
            fr(1),
        )
        .unwrap(),
        SlaPolicy::new("gold", Conditions::any().with_tiers([gold.clone()]), fr(2)).unwrap(),
        SlaPolicy::new("rest", Conditions::any(), fr(8)).unwrap(),
    ])
    .unwrap();
    let chat = Interaction::builder(
        InteractionId::new("C").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Chat,
        t(0, 9, 0),
    )
    .build()
    .unwrap();
    let email = case(t(0, 9, 0)).build().unwrap();
    let gold_ctx = SlaContext::new().with_tier(gold);
    let policy = |i: &Interaction, ctx: &SlaContext<'_>| {
        book.evaluate(i, ctx, t(0, 9, 0), &Office)
            .unwrap()
            .policy()
            .map(str::to_owned)
    };
    // Gold on chat matches both "chat" and "gold": the first listed wins.
    assert_eq!(policy(&chat, &gold_ctx).as_deref(), Some("chat"));
    assert_eq!(policy(&email, &gold_ctx).as_deref(), Some("gold"));
    // No tier: the tier condition does not match.
    assert_eq!(policy(&email, &SlaContext::new()).as_deref(), Some("rest"));
}

#[test]
fn next_reply_cycle_restarts_on_customer_message() {
    // Next reply 1h calendar. First reply 09:10. Customer 10:00 opens a
    // cycle; 10:20 does not restart it; reply 10:50 ends it (50m counted,
    // 10m to spare). Customer 11:00 opens the next cycle.
    let book = one_policy(vec![target(
        TargetKind::NextReply,
        hm(1, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 10), ana(), Visibility::Public)
        .customer_message(t(0, 10, 0))
        .customer_message(t(0, 10, 20))
        .agent_reply(t(0, 10, 50), ana(), Visibility::Public)
        .customer_message(t(0, 11, 0))
        .build()
        .unwrap();
    // Before any customer follow-up: no next reply owed, target left out.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 9, 30), &Office)
        .unwrap();
    assert!(e.targets().is_empty());
    // 10:30: cycle from 10:00, 30m left, due 11:00.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 10, 30), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].started(), t(0, 10, 0));
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(0, 30)
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(0, 11, 0)));
    // 10:55: the 10:00 cycle was answered at 10:50.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 10, 55), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(0, 10) }
    );
    // 11:30: the cycle restarted at 11:00: 30m left, due 12:00; one earlier
    // cycle achieved.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 11, 30), &Office)
        .unwrap();
    let nr = &e.targets()[0];
    assert_eq!(nr.started(), t(0, 11, 0));
    assert_eq!(
        nr.state(),
        SlaState::Active {
            remaining: hm(0, 30)
        }
    );
    assert_eq!(nr.deadline(), Some(t(0, 12, 0)));
    assert_eq!((nr.earlier_achieved(), nr.earlier_breached()), (1, 0));
    // 12:30: 1h30m counted, breached by 30m at 12:00. Attainment counts the
    // achieved earlier cycle and the breach: 1 / 2.
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 30), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(0, 30) });
    assert_eq!(e.targets()[0].deadline(), Some(t(0, 12, 0)));
    let mut att = SlaAttainment::new();
    att.push(&e).unwrap();
    assert_eq!(
        att.counts(TargetKind::NextReply),
        AttainmentCounts::new(1, 1)
    );
    assert_eq!(att.rate(TargetKind::NextReply), Some(0.5));
}

#[test]
fn thanks_on_a_solved_case_owes_no_reply_but_a_reopen_does() {
    // Next reply 1h calendar. Reply 09:10, solved 09:20, "thanks!" 10:00:
    // nothing owed. Reopened by a message at 11:00 (message first, then the
    // status change at the same instant): a cycle from 11:00; at 11:40
    // 40m counted, 20m left, due 12:00.
    let book = one_policy(vec![target(
        TargetKind::NextReply,
        hm(1, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 10), ana(), Visibility::Public)
        .status(t(0, 9, 20), Status::Solved)
        .customer_message(t(0, 10, 0))
        .customer_message(t(0, 11, 0))
        .status(t(0, 11, 0), Status::Open)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 10, 30), &Office)
        .unwrap();
    assert!(e.targets().is_empty());
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 11, 40), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].started(), t(0, 11, 0));
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(0, 20)
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(0, 12, 0)));
}

#[test]
fn periodic_updates_run_between_public_replies() {
    // Periodic update 2h calendar. Replies 09:30 and 11:00: first cycle
    // 1h30m (30m to spare). At 14:00 the cycle from 11:00 has run 3h:
    // breached by 1h, breach instant 13:00.
    let book = one_policy(vec![target(
        TargetKind::PeriodicUpdate,
        hm(2, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 30), ana(), Visibility::Public)
        .agent_reply(t(0, 11, 0), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 14, 0), &Office)
        .unwrap();
    let pu = &e.targets()[0];
    assert_eq!(pu.state(), SlaState::Breached { by: hm(1, 0) });
    assert_eq!(pu.deadline(), Some(t(0, 13, 0)));
    assert_eq!((pu.earlier_achieved(), pu.earlier_breached()), (1, 0));
}

#[test]
fn requester_wait_and_agent_work_sum_status_periods() {
    // new 09:00–09:30, open 09:30–10:00, on-hold 10:00–11:00,
    // open 11:00–12:00, pending 12:00–13:00, solved 13:00.
    // Requester wait (new, open, on-hold) = 3h: within 4h, 1h to spare.
    // Agent work (new, open) = 1h + 1h = 2h: over 1h30m by 30m; the limit
    // was reached at 1h (10:00) + 30m into the 11:00 stretch = 11:30.
    let book = one_policy(vec![
        target(TargetKind::RequesterWait, hm(4, 0), TimeBasis::Calendar),
        target(TargetKind::AgentWork, hm(1, 30), TimeBasis::Calendar),
    ]);
    let i = case(t(0, 9, 0))
        .status(t(0, 9, 30), Status::Open)
        .status(t(0, 10, 0), Status::OnHold)
        .status(t(0, 11, 0), Status::Open)
        .status(t(0, 12, 0), Status::Pending)
        .status(t(0, 13, 0), Status::Solved)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 18, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(1, 0) }
    );
    assert_eq!(e.targets()[0].counted(), hm(3, 0));
    assert_eq!(e.targets()[1].state(), SlaState::Breached { by: hm(0, 30) });
    assert_eq!(e.targets()[1].deadline(), Some(t(0, 11, 30)));
    assert_eq!(e.targets()[1].stopped(), Some(t(0, 13, 0)));
}

#[test]
fn reopen_resumes_resolution_and_solved_gap_counts_unless_paused() {
    // Created 09:00, solved 10:00, reopened 12:00, solved 13:00; 3h
    // calendar. Full resolution counts 09:00–13:00 = 4h: breached by 1h
    // (limit reached at 12:00). With `solved` pausing: 1h + 1h = 2h, 1h to
    // spare. Between the solves (11:00) it stood achieved after 1h.
    let i = case(t(0, 9, 0))
        .status(t(0, 10, 0), Status::Solved)
        .customer_message(t(0, 12, 0))
        .status(t(0, 12, 0), Status::Open)
        .status(t(0, 13, 0), Status::Solved)
        .build()
        .unwrap();
    let full = one_policy(vec![target(
        TargetKind::Resolution,
        hm(3, 0),
        TimeBasis::Calendar,
    )]);
    let e = full
        .evaluate(&i, &SlaContext::new(), t(0, 14, 0), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(1, 0) });
    assert_eq!(e.targets()[0].deadline(), Some(t(0, 12, 0)));
    let e = full
        .evaluate(&i, &SlaContext::new(), t(0, 11, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(2, 0) }
    );
    let gaps_paused = one_policy(vec![
        target(TargetKind::Resolution, hm(3, 0), TimeBasis::Calendar)
            .with_paused_in([Status::Pending, Status::Solved]),
    ]);
    let e = gaps_paused
        .evaluate(&i, &SlaContext::new(), t(0, 14, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(1, 0) }
    );
}

#[test]
fn solve_without_reply_ends_the_first_reply_clock_and_opening_is_not_a_reply() {
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(1, 0),
        TimeBasis::Calendar,
    )]);
    // Solved at 09:45 with no reply: 45m, 15m to spare.
    let i = case(t(0, 9, 0))
        .status(t(0, 9, 45), Status::Solved)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(0, 15) }
    );
    // Outbound: the 09:00 opening message is not a reply; the reply at
    // 10:30 is. By default the clock starts at the customer's 10:00
    // message: 30m counted, 30m to spare. Started at creation: 1h30m
    // counted, breached by 30m.
    let i = case(t(0, 9, 0))
        .direction(Direction::Outbound)
        .agent_reply(t(0, 9, 0), ana(), Visibility::Public)
        .customer_message(t(0, 10, 0))
        .agent_reply(t(0, 10, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(0, 30) }
    );
    assert_eq!(e.targets()[0].started(), t(0, 10, 0));
    let book = book.with_outbound_start(OutboundStart::Creation);
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(0, 30) });
    // Outbound, the opening message five minutes after creation: still an
    // opening, not a reply. Inbound, an agent message at the very instant
    // of creation (a greeting): an opening too. Both, counted from
    // creation: breached by 30m.
    let outbound_later = case(t(0, 9, 0))
        .direction(Direction::Outbound)
        .agent_reply(t(0, 9, 5), ana(), Visibility::Public)
        .customer_message(t(0, 10, 0))
        .agent_reply(t(0, 10, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    let inbound_greeting = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 0), ana(), Visibility::Public)
        .customer_message(t(0, 10, 0))
        .agent_reply(t(0, 10, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    for i in [outbound_later, inbound_greeting] {
        let e = book
            .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &Office)
            .unwrap();
        assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(0, 30) });
    }
}

#[test]
fn closing_without_solving_is_a_solve_but_closing_a_solved_case_is_not() {
    // Resolution 4h calendar time, created 09:00.
    let book = one_policy(vec![target(
        TargetKind::Resolution,
        hm(4, 0),
        TimeBasis::Calendar,
    )]);
    // Open → Closed at 11:00: resolved after 2h, 2h to spare.
    let closed = case(t(0, 9, 0))
        .status(t(0, 9, 0), Status::Open)
        .status(t(0, 11, 0), Status::Closed)
        .build()
        .unwrap();
    let e = book
        .evaluate(&closed, &SlaContext::new(), t(0, 16, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(2, 0) }
    );
    // The first reply clock (1h) ends at a solve without a reply: closing
    // an open case at 09:40 is one (20m to spare); opening it at 09:10 is
    // not (the reply at 10:30 is 30m late).
    let first_reply = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(1, 0),
        TimeBasis::Calendar,
    )]);
    let closed_early = case(t(0, 9, 0))
        .status(t(0, 9, 40), Status::Closed)
        .build()
        .unwrap();
    let e = first_reply
        .evaluate(&closed_early, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(0, 20) }
    );
    let opened = case(t(0, 9, 0))
        .status(t(0, 9, 10), Status::Open)
        .agent_reply(t(0, 10, 30), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = first_reply
        .evaluate(&opened, &SlaContext::new(), t(0, 12, 0), &Office)
        .unwrap();
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(0, 30) });
    // Solved at 10:00, closed at 15:00: resolved at 10:00, 3h to spare.
    let solved = case(t(0, 9, 0))
        .status(t(0, 9, 0), Status::Open)
        .status(t(0, 10, 0), Status::Solved)
        .status(t(0, 15, 0), Status::Closed)
        .build()
        .unwrap();
    let e = book
        .evaluate(&solved, &SlaContext::new(), t(0, 16, 0), &Office)
        .unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Achieved { margin: hm(3, 0) }
    );
}

fn office_calendar() -> BusinessCalendar<Utc> {
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    BusinessCalendar::new(Utc, CalendarSpec::new(week)).unwrap()
}

fn pause_interleaved_with_off_hours_on(business: &impl ElapsedTime) {
    // Resolution 8h business, paused in pending. Created Mon 14:00.
    // Counts Mon 14:00–16:00 (2h); pending Mon 16:00 → Tue 10:00; counts
    // again from Tue 10:00.
    let book = one_policy(vec![target(
        TargetKind::Resolution,
        hm(8, 0),
        TimeBasis::Business,
    )]);
    let i = case(t(0, 14, 0))
        .status(t(0, 14, 0), Status::Open)
        .status(t(0, 16, 0), Status::Pending)
        .customer_message(t(1, 10, 0))
        .status(t(1, 10, 0), Status::Open)
        .build()
        .unwrap();
    let at = |at| book.evaluate(&i, &SlaContext::new(), at, business).unwrap();
    // Mon 20:00: pending (and closed): 6h left, paused.
    assert_eq!(
        at(t(0, 20, 0)).targets()[0].state(),
        SlaState::Paused {
            remaining: hm(6, 0)
        }
    );
    // Tue 09:30: open hours but still pending: nothing more counted.
    assert_eq!(at(t(1, 9, 30)).targets()[0].counted(), hm(2, 0));
    // Tue 15:00: 2h + 5h = 7h, 1h left: due Tue 16:00.
    let e = at(t(1, 15, 0));
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(1, 0)
        }
    );
    assert_eq!(e.targets()[0].deadline(), Some(t(1, 16, 0)));
    // Wed 10:00: 2h + 7h (Tue 10–17) + 1h (Wed 9–10) = 10h: breached by 2h
    // at Tue 16:00.
    let e = at(t(2, 10, 0));
    assert_eq!(e.targets()[0].state(), SlaState::Breached { by: hm(2, 0) });
    assert_eq!(e.targets()[0].deadline(), Some(t(1, 16, 0)));
}

#[test]
fn pause_interleaved_with_off_hours() {
    pause_interleaved_with_off_hours_on(&Office);
    pause_interleaved_with_off_hours_on(&office_calendar());
}

#[test]
fn first_reply_on_a_new_york_calendar_across_dst() {
    // New York 09:00–17:00 weekdays. Created Fri 2024-03-08 16:00 EST
    // (21:00Z); 4h business: Fri 16–17 EST = 1h; DST starts Sunday, so
    // Monday opens 09:00 EDT = 13:00Z; 3h more → 12:00 EDT = 16:00Z.
    let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00").unwrap());
    let ny = BusinessCalendar::new(chrono_tz::America::New_York, CalendarSpec::new(week)).unwrap();
    let book = one_policy(vec![target(
        TargetKind::FirstReply,
        hm(4, 0),
        TimeBasis::Business,
    )]);
    let created = Utc.with_ymd_and_hms(2024, 3, 8, 21, 0, 0).unwrap();
    let i = case(created).build().unwrap();
    let at = Utc.with_ymd_and_hms(2024, 3, 11, 14, 0, 0).unwrap();
    let e = book.evaluate(&i, &SlaContext::new(), at, &ny).unwrap();
    assert_eq!(
        e.targets()[0].state(),
        SlaState::Active {
            remaining: hm(2, 0)
        }
    );
    assert_eq!(
        e.targets()[0].deadline(),
        Some(Utc.with_ymd_and_hms(2024, 3, 11, 16, 0, 0).unwrap())
    );
}

#[test]
fn bad_inputs_are_rejected_with_paths() {
    assert_eq!(
        SlaBook::new(vec![]).unwrap_err().to_string(),
        "policies: an sla book needs at least one policy"
    );
    assert!(Target::new(TargetKind::FirstReply, TimeDelta::seconds(-1)).is_err());
    let book = urgent_and_standard();
    let i = case(t(0, 9, 0)).build().unwrap();
    assert_eq!(
        book.evaluate(&i, &SlaContext::new(), t(0, 8, 0), &Office)
            .unwrap_err()
            .to_string(),
        "evaluation instant 2024-03-04T08:00:00Z is before the interaction was created at 2024-03-04T09:00:00Z"
    );
    let json = |s: &str| serde_json::from_str::<SlaBook>(s).unwrap_err().to_string();
    assert!(
        json(r#"{"policies": []}"#).starts_with("policies: an sla book needs at least one policy")
    );
    assert!(
        json(r#"{"policies": [{"name": "a", "targets": []}]}"#)
            .starts_with("policies[0].targets: a policy needs at least one target")
    );
    assert!(json(
        r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 60}]},
                          {"name": "b", "targets": [{"kind": "resolution", "within": 60},
                                                    {"kind": "first_reply", "within": -60}]}]}"#
    )
    .starts_with(
        "policies[1].targets[1].within: -60s is not a valid target duration: expected a whole number of seconds from 1 to 3162240000 (100 years)"
    ));
    assert!(
        json(
            r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 60},
                                                    {"kind": "first_reply", "within": 90}]}]}"#
        )
        .starts_with("policies[0].targets[1].kind: target kind first_reply appears more than once")
    );
    assert!(
        json(
            r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 60}]},
                          {"name": "b", "targets": [{"kind": "first_reply", "within": 60}]},
                          {"name": "a", "targets": [{"kind": "first_reply", "within": 60}]}]}"#
        )
        .starts_with("policies[2].name: policy name \"a\" is already used by policies[0]")
    );
    assert!(json(r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 60, "soon": true}]}]}"#)
        .contains("unknown field `soon`"));
    assert!(json(r#"{"policies": [{"name": "a", "conditions": {"colour": ["red"]}, "targets": [{"kind": "first_reply", "within": 60}]}]}"#)
        .contains("unknown field `colour`"));
    assert!(
        json(
            r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 1.5}]}]}"#
        )
        .contains("invalid type")
    );
}

#[test]
fn book_json_form_reads_defaults() {
    let book: SlaBook = serde_json::from_str(
        r#"{"policies": [{"name": "std", "targets": [
            {"kind": "agent_work", "within": 3600},
            {"kind": "resolution", "within": 7200, "basis": "calendar", "paused_in": []}]}]}"#,
    )
    .unwrap();
    let p = &book.policies()[0];
    let aw = p.target(TargetKind::AgentWork).unwrap();
    assert_eq!(aw.basis(), TimeBasis::Business);
    assert_eq!(
        aw.paused_in().collect::<Vec<_>>(),
        [Status::Pending, Status::OnHold]
    );
    let r = p.target(TargetKind::Resolution).unwrap();
    assert_eq!(r.basis(), TimeBasis::Calendar);
    assert_eq!(r.paused_in().count(), 0);
    assert_eq!(r.within(), TimeDelta::hours(2));
}

#[test]
fn module_doc_book_json_reads_and_applies() {
    // The JSON form shown in the `sla` module docs, verbatim.
    let book: SlaBook = serde_json::from_str(
        r#"{"policies": [
          {"name": "urgent",
           "conditions": {"priorities": ["urgent"], "channels": ["chat", "phone"],
                          "tiers": ["gold"], "segments": ["enterprise"]},
           "targets": [
             {"kind": "first_reply", "within": 1800},
             {"kind": "resolution", "within": 28800, "basis": "calendar",
              "paused_in": ["pending", "on_hold"]}]},
          {"name": "standard",
           "targets": [{"kind": "first_reply", "within": 14400}]}
        ]}"#,
    )
    .unwrap();
    let gold = TierId::new("gold").unwrap();
    let ent = carekit::Segment::new("enterprise").unwrap();
    let urgent = book.policy_for(Priority::Urgent, Channel::Chat, Some(&gold), Some(&ent));
    assert_eq!(urgent.map(SlaPolicy::name), Some("urgent"));
    let other = book.policy_for(Priority::Urgent, Channel::Email, Some(&gold), Some(&ent));
    assert_eq!(other.map(SlaPolicy::name), Some("standard"));
    // Round trip keeps the book.
    let back: SlaBook = serde_json::from_str(&serde_json::to_string(&book).unwrap()).unwrap();
    assert_eq!(back, book);
}

#[test]
fn next_deadline_is_the_nearest_running_one() {
    // First reply 1h and resolution 8h, calendar: at 09:30 first reply is
    // due 10:00 and resolution 17:00: the board shows 10:00.
    let book = one_policy(vec![
        target(TargetKind::Resolution, hm(8, 0), TimeBasis::Calendar),
        target(TargetKind::FirstReply, hm(1, 0), TimeBasis::Calendar),
    ]);
    let i = case(t(0, 9, 0)).build().unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 9, 30), &Office)
        .unwrap();
    let next = e.next_deadline().unwrap();
    assert_eq!(
        (next.kind(), next.deadline()),
        (TargetKind::FirstReply, Some(t(0, 10, 0)))
    );
    assert!(!e.is_breached());
}

#[test]
fn attainment_serde_form() {
    let mut a = SlaAttainment::new();
    a.push((TargetKind::FirstReply, SlaOutcome::Achieved))
        .unwrap();
    a.push((TargetKind::FirstReply, SlaOutcome::Breached))
        .unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, r#"{"first_reply":{"achieved":1,"breached":1}}"#);
    let back: SlaAttainment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert_eq!(a.overall(), AttainmentCounts::new(1, 1));
}

#[test]
fn attainment_counts_final_states_and_lists_only_kinds_with_counts() {
    // First reply at 10:00 within 2 h of 09:00: achieved; resolution (8 h)
    // still running at 12:00: not counted.
    let book = one_policy(vec![
        target(TargetKind::FirstReply, hm(2, 0), TimeBasis::Calendar),
        target(TargetKind::Resolution, hm(8, 0), TimeBasis::Calendar),
    ]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 10, 0), ana(), Visibility::Public)
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 12, 0), &CalendarTime)
        .unwrap();
    let mut att = SlaAttainment::new();
    att.push(&e).unwrap();
    assert_eq!(
        att.counts(TargetKind::FirstReply),
        AttainmentCounts::new(1, 0)
    );
    assert_eq!(att.iter().count(), 1);
    // Zero counts add nothing and list nothing.
    att.push((TargetKind::AgentWork, AttainmentCounts::new(0, 0)))
        .unwrap();
    assert_eq!(att.iter().count(), 1);
    let c = AttainmentCounts::new(45, 5);
    assert_eq!((c.achieved(), c.breached(), c.n()), (45, 5, 50));
}

#[test]
fn attainment_interval_is_wilson() {
    // /work/refs/venv/bin/python -c "from statsmodels.stats.proportion import
    //   proportion_confint; print(proportion_confint(45, 50, alpha=0.10, method='wilson'))"
    // → (0.8084624858484291, 0.950470965522555)
    let mut a = SlaAttainment::new();
    a.push((TargetKind::FirstReply, AttainmentCounts::new(45, 5)))
        .unwrap();
    let i = a
        .proportion_interval(TargetKind::FirstReply, carekit::Confidence::NINETY)
        .unwrap()
        .unwrap();
    assert!((i.low() - 0.808_462_485_848_429_1).abs() < 1e-12);
    assert!((i.high() - 0.950_470_965_522_555).abs() < 1e-12);
}

// ---- laws ----

fn all_kinds_book() -> SlaBook {
    let b = TimeBasis::Business;
    let c = TimeBasis::Calendar;
    one_policy(vec![
        target(TargetKind::FirstReply, hm(1, 0), b),
        target(TargetKind::NextReply, hm(0, 45), c),
        target(TargetKind::PeriodicUpdate, hm(3, 0), b),
        target(TargetKind::Resolution, hm(6, 0), b),
        target(TargetKind::RequesterWait, hm(5, 0), c),
        target(TargetKind::AgentWork, hm(2, 0), b).with_paused_in([Status::Pending]),
    ])
}

/// A random valid timeline: `(gap in minutes, event code)`.
fn timeline() -> impl Strategy<Value = Interaction> {
    (
        0_i64..3,
        prop::collection::vec((0_i64..400, 0_u8..8), 0..14),
    )
        .prop_map(|(start_day, steps)| {
            let created = t(start_day, 8, 0);
            let mut b = case(created);
            let mut now = created;
            for (gap, code) in steps {
                now += TimeDelta::minutes(gap);
                b = match code {
                    0 => b.customer_message(now),
                    1 => b.agent_reply(now, ana(), Visibility::Public),
                    2 => b.agent_reply(now, ana(), Visibility::Internal),
                    3 => b.status(now, Status::Open),
                    4 => b.status(now, Status::Pending),
                    5 => b.status(now, Status::OnHold),
                    _ => b.status(now, Status::Solved),
                };
            }
            b.build().unwrap()
        })
}

fn last_event(i: &Interaction) -> DateTime<Utc> {
    i.events().last().map_or(i.created_at(), carekit::Event::at)
}

proptest! {
    #[test]
    fn attainment_merge_of_any_split_equals_whole(
        outcomes in prop::collection::vec((0_usize..6, any::<bool>()), 0..60),
        cut in 0_usize..60,
    ) {
        let record = |part: &[(usize, bool)]| {
            let mut a = SlaAttainment::new();
            for &(k, ok) in part {
                let o = if ok { SlaOutcome::Achieved } else { SlaOutcome::Breached };
                a.push((TargetKind::ALL[k], o)).unwrap();
            }
            a
        };
        let cut = cut.min(outcomes.len());
        let whole = record(&outcomes);
        let mut left = record(&outcomes[..cut]);
        let right = record(&outcomes[cut..]);
        let mut right_first = right.clone();
        left.merge(&right).unwrap();
        right_first.merge(&record(&outcomes[..cut])).unwrap();
        prop_assert_eq!(&left, &whole);
        prop_assert_eq!(&right_first, &whole);
        // Independent count of achieved first replies.
        let achieved = outcomes.iter().filter(|(k, ok)| *k == 0 && *ok).count() as u64;
        prop_assert_eq!(whole.counts(TargetKind::FirstReply).achieved(), achieved);
    }

    #[test]
    fn later_at_never_undoes_a_final_state(i in timeline(), d1 in 0_i64..3000, d2 in 0_i64..6000) {
        let book = all_kinds_book();
        let at1 = last_event(&i) + TimeDelta::minutes(d1);
        let at2 = at1 + TimeDelta::minutes(d2);
        let e1 = book.evaluate(&i, &SlaContext::new(), at1, &Office).unwrap();
        let e2 = book.evaluate(&i, &SlaContext::new(), at2, &Office).unwrap();
        for t1 in e1.targets() {
            let t2 = e2.target(t1.kind()).unwrap();
            match t1.state() {
                // A stopped clock is frozen; an achieved one is stopped.
                _ if t1.stopped().is_some() => {
                    prop_assert_eq!(t1.state(), t2.state(), "{}", t1);
                    prop_assert_eq!(t1.deadline(), t2.deadline());
                }
                // Breached and still running: stays breached, by more.
                SlaState::Breached { by } => {
                    let SlaState::Breached { by: by2 } = t2.state() else {
                        return Err(TestCaseError::fail(format!("{t1} then {t2}")));
                    };
                    prop_assert!(by2 >= by);
                    prop_assert_eq!(t1.deadline(), t2.deadline());
                }
                SlaState::Achieved { .. } => prop_assert!(false, "achieved but not stopped: {}", t1),
                _ => {}
            }
            // Counted time never shrinks.
            prop_assert!(t2.counted() >= t1.counted());
        }
    }

    #[test]
    fn breach_of_a_one_off_clock_is_permanent(i in timeline(), m1 in 0_i64..3000, d in 0_i64..3000) {
        // Even with events between the two instants.
        let book = all_kinds_book();
        let at1 = i.created_at() + TimeDelta::minutes(m1);
        let at2 = at1 + TimeDelta::minutes(d);
        let e1 = book.evaluate(&i, &SlaContext::new(), at1, &Office).unwrap();
        let e2 = book.evaluate(&i, &SlaContext::new(), at2, &Office).unwrap();
        for t1 in e1.targets().iter().filter(|t| !t.kind().is_cyclic()) {
            if matches!(t1.state(), SlaState::Breached { .. }) {
                let t2 = e2.target(t1.kind()).unwrap();
                prop_assert!(matches!(t2.state(), SlaState::Breached { .. }), "{} then {}", t1, t2);
            }
        }
    }

    #[test]
    fn active_deadline_is_where_remaining_time_runs_out(i in timeline(), m in 0_i64..3000) {
        // Evaluating at the reported deadline of an active target (no
        // events in between) finds it active with nothing left.
        let book = all_kinds_book();
        let at = last_event(&i) + TimeDelta::minutes(m);
        let e = book.evaluate(&i, &SlaContext::new(), at, &Office).unwrap();
        for tg in e.targets() {
            if let (SlaState::Active { .. }, Some(deadline)) = (tg.state(), tg.deadline()) {
                let later = book.evaluate(&i, &SlaContext::new(), deadline, &Office).unwrap();
                let tl = later.target(tg.kind()).unwrap();
                prop_assert_eq!(tl.state(), SlaState::Active { remaining: TimeDelta::zero() });
                prop_assert_eq!(tl.counted(), tg.limit());
            }
        }
    }

    #[test]
    fn office_double_and_business_calendar_give_the_same_evaluation(i in timeline(), m in 0_i64..6000) {
        // Two independent implementations of 09:00–17:00 UTC weekdays.
        let book = all_kinds_book();
        let at = i.created_at() + TimeDelta::minutes(m);
        let a = book.evaluate(&i, &SlaContext::new(), at, &Office).unwrap();
        let b = book.evaluate(&i, &SlaContext::new(), at, &office_calendar()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn book_serde_round_trip(mins in prop::collection::vec(1_i64..100_000, 1..6), pause in any::<bool>()) {
        let targets: Vec<Target> = mins
            .iter()
            .zip(TargetKind::ALL)
            .map(|(m, k)| {
                let t = Target::new(*k, TimeDelta::seconds(*m)).unwrap();
                if pause { t.with_paused_in([Status::OnHold]) } else { t.with_basis(TimeBasis::Calendar) }
            })
            .collect();
        let book = SlaBook::new(vec![
            SlaPolicy::new(
                "p",
                Conditions::any().with_priorities([Priority::High]).with_tiers([TierId::new("gold").unwrap()]),
                targets.clone(),
            ).unwrap(),
            SlaPolicy::new("q", Conditions::any(), targets).unwrap(),
        ]).unwrap();
        let json = serde_json::to_string(&book).unwrap();
        let back: SlaBook = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, book);
    }
}

#[test]
fn calendar_time_and_business_double_agree_inside_office_hours() {
    // Sanity check of the test double against CalendarTime: inside one
    // open day they count the same.
    let (a, b) = (t(0, 9, 30), t(0, 16, 15));
    assert_eq!(
        Office.elapsed(a, b).unwrap(),
        CalendarTime.elapsed(a, b).unwrap()
    );
    assert_eq!(Office.advance(t(0, 16, 0), hm(2, 0)).unwrap(), t(1, 10, 0));
    assert_eq!(Office.advance(t(4, 16, 0), hm(2, 0)).unwrap(), t(7, 10, 0));
}

#[test]
fn conditions_keep_what_they_list_and_each_list_must_fit() {
    use carekit::{Priority, Segment, TierId};
    let gold = TierId::new("gold").unwrap();
    let vip = Segment::new("vip").unwrap();
    let c = Conditions::any()
        .with_priorities([Priority::Urgent, Priority::High])
        .with_channels([Channel::Chat])
        .with_tiers([gold.clone()])
        .with_segments([vip.clone()]);
    // Listed in their order (sets): High before Urgent.
    assert_eq!(
        c.priorities().collect::<Vec<_>>(),
        [Priority::High, Priority::Urgent]
    );
    assert_eq!(c.channels().collect::<Vec<_>>(), [Channel::Chat]);
    assert_eq!(c.tiers().collect::<Vec<_>>(), [&gold]);
    assert_eq!(c.segments().collect::<Vec<_>>(), [&vip]);
    let fits = |p, ch, t: Option<&TierId>, s: Option<&Segment>| c.matches(p, ch, t, s);
    assert!(fits(
        Priority::Urgent,
        Channel::Chat,
        Some(&gold),
        Some(&vip)
    ));
    // Each listed attribute must fit; a missing tier or segment does not.
    let other = Segment::new("smb").unwrap();
    assert!(!fits(
        Priority::Urgent,
        Channel::Chat,
        Some(&gold),
        Some(&other)
    ));
    assert!(!fits(Priority::Urgent, Channel::Chat, Some(&gold), None));
    assert!(!fits(
        Priority::Normal,
        Channel::Chat,
        Some(&gold),
        Some(&vip)
    ));
    assert!(!fits(
        Priority::High,
        Channel::Email,
        Some(&gold),
        Some(&vip)
    ));
    assert!(!fits(Priority::High, Channel::Chat, None, Some(&vip)));
    // Only segments listed: everything else is free.
    let vip_only = Conditions::any().with_segments([vip.clone()]);
    assert!(vip_only.matches(Priority::Low, Channel::Phone, None, Some(&vip)));
    assert!(!vip_only.matches(Priority::Low, Channel::Phone, None, None));
}

#[test]
fn earlier_next_reply_cycles_are_counted_by_outcome() {
    // Next reply within 2h (calendar). The customer writes at 10:00, 11:00
    // and 15:00; answers at 10:30 (30m: achieved) and 14:00 (3h from 11:00:
    // breached); at 16:00 the 15:00 cycle is open with 1h left.
    let book = one_policy(vec![target(
        TargetKind::NextReply,
        hm(2, 0),
        TimeBasis::Calendar,
    )]);
    let i = case(t(0, 9, 0))
        .agent_reply(t(0, 9, 30), ana(), Visibility::Public)
        .customer_message(t(0, 10, 0))
        .agent_reply(t(0, 10, 30), ana(), Visibility::Public)
        .customer_message(t(0, 11, 0))
        .agent_reply(t(0, 14, 0), ana(), Visibility::Public)
        .customer_message(t(0, 15, 0))
        .build()
        .unwrap();
    let e = book
        .evaluate(&i, &SlaContext::new(), t(0, 16, 0), &Office)
        .unwrap();
    let nr = &e.targets()[0];
    assert_eq!((nr.earlier_achieved(), nr.earlier_breached()), (1, 1));
    assert_eq!(nr.started(), t(0, 15, 0));
    assert_eq!(
        nr.state(),
        SlaState::Active {
            remaining: hm(1, 0)
        }
    );
    let mut att = SlaAttainment::new();
    att.push(&e).unwrap();
    assert_eq!(
        att.counts(TargetKind::NextReply),
        AttainmentCounts::new(1, 1)
    );
}
