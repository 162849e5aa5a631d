//! Timeline validation laws: any reordering of a valid timeline that breaks
//! chronological order is rejected; the valid order is accepted.

use carekit::{
    AgentId, Channel, CustomerId, Error, Event, EventKind, Interaction, InteractionId, Status,
    TimelineError, Visibility,
};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
}

fn kind(i: u8) -> EventKind {
    match i % 4 {
        0 => EventKind::CustomerMessage,
        1 => EventKind::AgentReply {
            agent: AgentId::new("a").unwrap(),
            visibility: Visibility::Public,
        },
        2 => EventKind::StatusChange { to: Status::Open },
        _ => EventKind::Escalation,
    }
}

fn build(events: Vec<Event>) -> Result<Interaction, Error> {
    events
        .into_iter()
        .fold(
            Interaction::builder(
                InteractionId::new("T").unwrap(),
                CustomerId::new("c").unwrap(),
                Channel::Chat,
                created(),
            ),
            carekit::InteractionBuilder::event,
        )
        .build()
}

proptest! {
    #[test]
    fn permutations_that_break_order_are_rejected(
        gaps in proptest::collection::vec(0_i64..10_000, 2..12),
        kinds in proptest::collection::vec(any::<u8>(), 12),
        perm_seed in any::<u64>(),
    ) {
        // A valid timeline: non-decreasing instants from creation.
        let mut at = created();
        let mut events = Vec::new();
        for (i, g) in gaps.iter().enumerate() {
            at += TimeDelta::seconds(*g);
            events.push(Event::new(at, kind(kinds[i])));
        }
        prop_assert!(build(events.clone()).is_ok());

        // A permutation (Fisher-Yates on a seeded LCG).
        let mut permuted = events.clone();
        let mut s = perm_seed;
        for i in (1..permuted.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = (s >> 33) as usize % (i + 1);
            permuted.swap(i, j);
        }
        let sorted = permuted.windows(2).all(|w| w[0].at() <= w[1].at());
        let result = build(permuted);
        if sorted {
            prop_assert!(result.is_ok());
        } else {
            let is_out_of_order = matches!(result, Err(Error::Timeline(TimelineError::OutOfOrder { .. })));
            prop_assert!(is_out_of_order);
        }
    }

    #[test]
    fn events_before_creation_are_rejected(secs in 1_i64..1_000_000) {
        let e = Event::new(created() - TimeDelta::seconds(secs), EventKind::CustomerMessage);
        let is_before = matches!(
            build(vec![e]),
            Err(Error::Timeline(TimelineError::BeforeCreation { index: 0, .. }))
        );
        prop_assert!(is_before);
    }

    #[test]
    fn nothing_follows_closed(gap in 0_i64..1000, k in any::<u8>()) {
        let close = Event::new(created(), EventKind::StatusChange { to: Status::Closed });
        let next = Event::new(created() + TimeDelta::seconds(gap), kind(k));
        let is_after = matches!(
            build(vec![close, next]),
            Err(Error::Timeline(TimelineError::AfterClosed { index: 1, .. }))
        );
        prop_assert!(is_after);
    }
}
