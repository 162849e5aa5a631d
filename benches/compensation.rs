//! Compensation decisions: the reference role × tier table round-robin
//! without the text, with the explanation as data and with the reason text
//! rendered; a 10-limit policy over 100, 1,000 and 10,000 prior grants;
//! pushing the newest grant onto a history.
//! `cargo run --release --example bench_report` prints the same workloads
//! as report lines.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::cast_possible_wrap,
    clippy::cast_possible_truncation,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    clippy::too_many_lines,
    reason = "a benchmark on generated, valid inputs"
)]

use std::fmt::Write;
use std::hint::black_box;

use carekit::calendar::Period;
use carekit::compensation::{
    Action, CompiledPolicy, Context, Explanation, Grant, GrantHistory, Limit, Measure, Offer,
    OfferKind, Policy, Recipient, Request, Requester, Role, Scope,
};
use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
use chrono::{TimeDelta, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const REFERENCE: &str = include_str!("../examples/policies/reference_10_1.json");

fn eur(cents: i64) -> Money {
    Money::from_minor_units(cents, Currency::EUR)
}

fn reference() -> (CompiledPolicy, Vec<Request>) {
    let policy = serde_json::from_str::<Policy>(REFERENCE)
        .unwrap()
        .compile()
        .unwrap();
    let roles = ["agent", "senior", "supervisor", "intern"];
    let tiers = ["bronze", "silver", "gold", "platinum"];
    let kinds = [
        OfferKind::Refund,
        OfferKind::Credit,
        OfferKind::Coupon,
        OfferKind::Shipping,
    ];
    let at = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let requests = (0..64_usize)
        .map(|i| {
            Request::new(
                at,
                Requester::new(
                    AgentId::new("ana").unwrap(),
                    Role::new(roles[i / 16]).unwrap(),
                ),
                Recipient::new(
                    CustomerId::new("c-1").unwrap(),
                    TierId::new(tiers[(i / 4) % 4]).unwrap(),
                ),
                Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat)
                    .with_order_value(eur(12_000)),
                Offer::new(kinds[i % 4], eur(500 + 750 * i as i64)).unwrap(),
            )
            .unwrap()
        })
        .collect();
    (policy, requests)
}

/// A deterministic generator (`SplitMix64`).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn ten_limits(grants: usize) -> (CompiledPolicy, GrantHistory, Vec<Request>) {
    let role = |r: &str| Role::new(r).unwrap();
    let policy = Policy::new(
        "bench-10",
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Currency::EUR,
    )
    .level(role("agent"))
    .level(role("senior"))
    .level(role("manager"))
    .limit(Limit::new(
        "offer-max",
        Scope::Offer,
        Measure::MaxAmount(eur(20_000)),
        Action::Deny,
    ))
    .limit(Limit::new(
        "share",
        Scope::Offer,
        Measure::MaxPercentOfOrder(100.into()),
        Action::Deny,
    ))
    .limit(Limit::new(
        "case",
        Scope::Interaction,
        Measure::MaxAmount(eur(30_000)),
        Action::Cap,
    ))
    .limit(Limit::new(
        "c30",
        Scope::customer_days(30),
        Measure::MaxAmount(eur(25_000)),
        Action::Cap,
    ))
    .limit(Limit::new(
        "c90",
        Scope::customer_days(90),
        Measure::MaxCount(5),
        Action::Escalate,
    ))
    .limit(Limit::new(
        "c365",
        Scope::customer_days(365),
        Measure::MaxAmount(eur(40_000)),
        Action::Deny,
    ))
    .limit(Limit::new(
        "day",
        Scope::Agent {
            period: Period::Day,
        },
        Measure::MaxAmount(eur(50_000)),
        Action::Escalate,
    ))
    .limit(Limit::new(
        "month",
        Scope::Agent {
            period: Period::Month,
        },
        Measure::MaxAmount(eur(300_000)),
        Action::Deny,
    ))
    .approval_threshold(role("agent"), eur(5_000))
    .approval_threshold(role("senior"), eur(15_000))
    .compile()
    .unwrap();
    let mut rng = Rng(42);
    let now = Utc.with_ymd_and_hms(2024, 7, 1, 12, 0, 0).unwrap();
    let agent = |n: u64| AgentId::new(&format!("agent-{n}")).unwrap();
    let customer = |n: u64| CustomerId::new(&format!("cust-{n}")).unwrap();
    let interaction = |n: u64| InteractionId::new(&format!("T-{n}")).unwrap();
    let kinds = OfferKind::ALL;
    let history = (0..grants)
        .map(|_| {
            Grant::new(
                now - TimeDelta::seconds(1 + rng.below(180 * 86_400) as i64),
                agent(rng.below(50)),
                customer(rng.below(200)),
                interaction(rng.below(400)),
                kinds[rng.below(6) as usize],
                eur(100 + rng.below(10_000) as i64),
            )
            .unwrap()
        })
        .collect();
    let roles = ["agent", "agent", "senior", "manager"];
    let requests = (0..256)
        .map(|_| {
            Request::new(
                now,
                Requester::new(agent(rng.below(50)), role(roles[rng.below(4) as usize])),
                Recipient::new(customer(rng.below(200)), TierId::new("gold").unwrap()),
                Context::new(interaction(rng.below(400)), Channel::Phone)
                    .with_order_value(eur(2_000 + rng.below(30_000) as i64)),
                Offer::new(
                    kinds[rng.below(6) as usize],
                    eur(100 + rng.below(20_000) as i64),
                )
                .unwrap(),
            )
            .unwrap()
        })
        .collect();
    (policy, GrantHistory::new(history).unwrap(), requests)
}

fn bench(c: &mut Criterion) {
    let (policy, requests) = reference();
    let empty = GrantHistory::empty();
    let mut i = 0_usize;
    c.bench_function("compensation decision without the text", |b| {
        b.iter(|| {
            i = (i + 1) % 64;
            black_box(policy.evaluate(black_box(&requests[i]), &empty).unwrap())
        });
    });
    c.bench_function(
        "compensation decision with its explanation (data, words on display)",
        |b| {
            b.iter(|| {
                i = (i + 1) % 64;
                let d = policy.evaluate(black_box(&requests[i]), &empty).unwrap();
                black_box(matches!(d.explanation(), Explanation::Exceeded { .. }))
            });
        },
    );
    let mut text = String::new();
    c.bench_function("compensation decision with its reason text", |b| {
        b.iter(|| {
            i = (i + 1) % 64;
            let d = policy.evaluate(black_box(&requests[i]), &empty).unwrap();
            text.clear();
            write!(text, "{}", d.explanation()).unwrap();
            black_box(text.len())
        });
    });
    let mut history = GrantHistory::empty();
    let (_, pushes, _) = ten_limits(10_000);
    let pushes = pushes.grants().to_vec();
    let mut k = 0_usize;
    c.bench_function("compensation history push of the newest grant", |b| {
        b.iter(|| {
            if k == pushes.len() {
                history = GrantHistory::empty();
                k = 0;
            }
            history.push(pushes[k].clone()).unwrap();
            k += 1;
        });
    });
    for (grants, name) in [(100, "100"), (1_000, "1,000"), (10_000, "10,000")] {
        let (policy, history, requests) = ten_limits(grants);
        let mut j = 0_usize;
        c.bench_function(&format!("compensation with {name} prior grants"), |b| {
            b.iter(|| {
                j = (j + 1) % requests.len();
                black_box(policy.evaluate(black_box(&requests[j]), &history).unwrap())
            });
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
