//! One reading of a case's timeline: the metrics clocks, the SLA targets and
//! the interaction's own accessors report the same first reply, and the SLA
//! reply cycles are measured in linear time.

use std::cell::Cell;

use carekit::calendar::{CalendarTime, ElapsedTime};
use carekit::interaction::OutboundStart;
use carekit::metrics::{FcrConvention, InteractionClocks};
use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
use carekit::{
    AgentId, Channel, CustomerId, Direction, Error, Event, EventKind, Interaction, InteractionId,
    Status, Visibility,
};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap()
}

fn ana() -> AgentId {
    AgentId::new("ana").unwrap()
}

fn book(kinds: &[TargetKind], outbound: OutboundStart) -> SlaBook {
    let targets = kinds
        .iter()
        .map(|&k| {
            Target::new(k, TimeDelta::hours(1))
                .unwrap()
                .with_basis(TimeBasis::Calendar)
                .with_paused_in([])
        })
        .collect();
    SlaBook::new(vec![
        SlaPolicy::new("std", Conditions::any(), targets).unwrap(),
    ])
    .unwrap()
    .with_outbound_start(outbound)
}

/// The case that once had three first replies: an inbound case whose
/// agent message sits at the creation instant (09:00), a customer message
/// at 09:30 and an agent reply at 10:00. The metrics clock said 0 s, the SLA
/// 10:00 and `Interaction::first_public_agent_reply` 09:00; the 09:00
/// message opened the case (an agent logged it), so the first reply is the
/// 10:00 one, 1 h after creation, for all three.
#[test]
fn the_three_first_replies_agree() {
    let case = Interaction::builder(
        InteractionId::new("T-1").unwrap(),
        CustomerId::new("c-1").unwrap(),
        Channel::Email,
        t(9, 0),
    )
    .agent_reply(t(9, 0), ana(), Visibility::Public)
    .customer_message(t(9, 30))
    .agent_reply(t(10, 0), ana(), Visibility::Public)
    .build()
    .unwrap();
    let at = t(12, 0);

    assert_eq!(case.first_public_agent_reply(), Some(t(10, 0)));

    let clocks =
        InteractionClocks::measure(&case, at, &CalendarTime, FcrConvention::OneTouch).unwrap();
    assert_eq!(clocks.first_reply(), Some(TimeDelta::hours(1)));

    let eval = book(&[TargetKind::FirstReply], OutboundStart::default())
        .evaluate(&case, &SlaContext::new(), at, &CalendarTime)
        .unwrap();
    let first = eval.target(TargetKind::FirstReply).unwrap();
    assert_eq!(first.started(), t(9, 0));
    assert_eq!(first.stopped(), Some(t(10, 0)));
    // 1 h of a 1 h target: achieved with nothing to spare, not breached.
    assert_eq!(first.counted(), TimeDelta::hours(1));
    assert!(!eval.is_breached());
}

fn kind_of(code: u8) -> EventKind {
    match code % 9 {
        0 | 1 => EventKind::CustomerMessage,
        2 | 3 => EventKind::AgentReply {
            agent: ana(),
            visibility: Visibility::Public,
        },
        4 => EventKind::AgentReply {
            agent: ana(),
            visibility: Visibility::Internal,
        },
        5 => EventKind::StatusChange { to: Status::Open },
        6 => EventKind::StatusChange {
            to: Status::Pending,
        },
        7 => EventKind::StatusChange { to: Status::Solved },
        _ => EventKind::StatusChange { to: Status::OnHold },
    }
}

/// A random valid timeline: gaps of 0–90 minutes (zero gaps put events at
/// one instant, including the creation instant), random kinds, and a
/// random direction.
fn random_case(gaps: &[u8], kinds: &[u8], outbound: bool) -> Interaction {
    let mut b = Interaction::builder(
        InteractionId::new("T").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Chat,
        t(9, 0),
    )
    .direction(if outbound {
        Direction::Outbound
    } else {
        Direction::Inbound
    });
    let mut at = t(9, 0);
    for (g, k) in gaps.iter().zip(kinds) {
        at += TimeDelta::minutes(i64::from(*g % 91));
        b = b.event(Event::new(at, kind_of(*k)));
    }
    b.build().unwrap()
}

/// The documented rules, walked over the events independently of the
/// library: `(clock start, first reply, where the first-reply wait stops)`.
fn reference(
    case: &Interaction,
    at: DateTime<Utc>,
    convention: OutboundStart,
) -> [Option<DateTime<Utc>>; 3] {
    let outbound = case.direction() == Direction::Outbound;
    let mut start =
        (!outbound || convention == OutboundStart::Creation).then_some(case.created_at());
    let (mut customers, mut publics) = (0, 0);
    let (mut reply, mut stop) = (None, None);
    let mut status = Status::New;
    for e in case.events().iter().take_while(|e| e.at() <= at) {
        match e.kind() {
            EventKind::CustomerMessage => {
                customers += 1;
                start = start.or(Some(e.at()));
            }
            EventKind::AgentReply {
                visibility: Visibility::Public,
                ..
            } => {
                let opening =
                    customers == 0 && publics == 0 && (outbound || e.at() == case.created_at());
                publics += 1;
                if !opening && start.is_some() {
                    reply = reply.or(Some(e.at()));
                    stop = stop.or(Some(e.at()));
                }
            }
            EventKind::StatusChange { to } if *to != status => {
                let solve =
                    *to == Status::Solved || (*to == Status::Closed && status != Status::Solved);
                if solve && start.is_some() {
                    stop = stop.or(Some(e.at()));
                }
                status = *to;
            }
            _ => {}
        }
    }
    [start, reply, stop]
}

proptest! {
    /// Over random timelines, the metrics first reply and the SLA
    /// first-reply target measure the same instant: both start where the
    /// documented rules start the clock, the metrics reply is the rules'
    /// first reply, and the SLA clock stops at it (or at a solve while the
    /// clock runs, if that comes first).
    #[test]
    fn metrics_and_sla_measure_the_same_first_reply(
        gaps in proptest::collection::vec(any::<u8>(), 0..24),
        kinds in proptest::collection::vec(any::<u8>(), 24),
        outbound in any::<bool>(),
        from_creation in any::<bool>(),
        read_after in 0_i64..2_000,
    ) {
        let case = random_case(&gaps, &kinds, outbound);
        let convention = if from_creation { OutboundStart::Creation } else { OutboundStart::FirstCustomerMessage };
        let last = case.events().last().map_or(case.created_at(), Event::at);
        let at = last + TimeDelta::minutes(read_after);
        let timeline = case.timeline_with(at, convention).unwrap();
        let clocks = InteractionClocks::from_timeline(&timeline, &CalendarTime, FcrConvention::OneTouch).unwrap();
        let eval = book(&[TargetKind::FirstReply], convention)
            .evaluate(&case, &SlaContext::new(), at, &CalendarTime)
            .unwrap();
        let sla = eval.target(TargetKind::FirstReply);
        let [start, reply, stop] = reference(&case, at, convention);

        prop_assert_eq!(timeline.clock_start(), start);
        let metrics_reply = start.zip(clocks.first_reply()).map(|(s, d)| s + d);
        prop_assert_eq!(metrics_reply, reply);
        match (start, sla) {
            (None, None) => {}
            (Some(start), Some(target)) => {
                prop_assert_eq!(target.started(), start);
                prop_assert_eq!(target.stopped(), stop);
                if let Some(reply) = reply {
                    // Whenever the reply ended the wait, both measure it.
                    if stop == Some(reply) {
                        prop_assert_eq!(target.stopped(), metrics_reply);
                    }
                }
            }
            (start, target) => prop_assert!(false, "clock start {start:?} but SLA target {target:?}"),
        }
        // The whole-timeline accessor reads the same rules (default
        // convention, read at the last event).
        if at == last && convention == OutboundStart::default() {
            prop_assert_eq!(case.first_public_agent_reply(), timeline.first_reply());
        }
    }
}

/// An [`ElapsedTime`] that counts how often it is asked.
struct Counting {
    calls: Cell<u64>,
}

impl ElapsedTime for Counting {
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, Error> {
        self.calls.set(self.calls.get() + 1);
        CalendarTime.elapsed(from, to)
    }

    fn advance(&self, start: DateTime<Utc>, d: TimeDelta) -> Result<DateTime<Utc>, Error> {
        self.calls.set(self.calls.get() + 1);
        CalendarTime.advance(start, d)
    }
}

/// A case of `exchanges` customer messages, each answered a minute later.
fn chatty_case(exchanges: u32) -> (Interaction, DateTime<Utc>) {
    let mut b = Interaction::builder(
        InteractionId::new("T").unwrap(),
        CustomerId::new("c").unwrap(),
        Channel::Chat,
        t(0, 0),
    );
    let mut at = t(0, 0);
    for _ in 0..exchanges {
        // customer writes and the case opens; the agent answers and waits
        // on the customer: one next-reply and one update cycle, two status
        // periods per exchange.
        at += TimeDelta::minutes(1);
        b = b.customer_message(at).status(at, Status::Open);
        at += TimeDelta::minutes(1);
        b = b
            .agent_reply(at, ana(), Visibility::Public)
            .status(at, Status::Pending);
    }
    (b.build().unwrap(), at + TimeDelta::minutes(1))
}

/// Regression: next-reply and periodic-update targets walked the whole list
/// of status periods for every earlier cycle, so the work grew with the
/// square of the events (1k events 0.23 ms, 16k 41 ms, 200k 5.8 s in a
/// release build; a debug build of that code needs minutes for this
/// case). 200,000 events (50,000 exchanges) now evaluate in a fraction of
/// a second even unoptimised.
#[test]
fn two_hundred_thousand_events_evaluate_without_quadratic_work() {
    let (case, at) = chatty_case(50_000);
    assert_eq!(case.events().len(), 200_000);
    let eval = book(
        &[TargetKind::NextReply, TargetKind::PeriodicUpdate],
        OutboundStart::default(),
    )
    .evaluate(&case, &SlaContext::new(), at, &CalendarTime)
    .unwrap();
    let next = eval.target(TargetKind::NextReply).unwrap();
    // 49,999 next-reply cycles (the first exchange is the first reply):
    // the last is judged, the others counted as earlier, all achieved.
    assert_eq!(next.earlier_achieved(), 49_998);
    assert_eq!(next.earlier_breached(), 0);
}

/// The same law without a clock: the business-time clock is asked about
/// each cycle's own periods only, so its work grows linearly too.
#[test]
fn reply_cycles_are_measured_in_linear_work() {
    let calls_for = |exchanges: u32| {
        let (case, at) = chatty_case(exchanges);
        let clock = Counting {
            calls: Cell::new(0),
        };
        let eval = book(
            &[TargetKind::NextReply, TargetKind::PeriodicUpdate],
            OutboundStart::default(),
        )
        .evaluate(&case, &SlaContext::new(), at, &clock)
        .unwrap();
        let next = eval.target(TargetKind::NextReply).unwrap();
        // Every exchange but the first (which is the first reply) left a
        // next-reply cycle, all answered within the hour.
        assert_eq!(next.earlier_achieved() + 1, u64::from(exchanges - 1));
        clock.calls.get()
    };
    let small = calls_for(200);
    let large = calls_for(2_000);
    // Linear: ten times the events, about ten times the work (the
    // quadratic version did about a hundred times).
    assert!(
        large <= small * 12,
        "{small} clock calls for 200 exchanges, {large} for 2000"
    );
}
