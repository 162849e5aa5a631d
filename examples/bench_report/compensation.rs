//! Compensation decisions: the reference role × tier table evaluated
//! round-robin (compare with zen-engine's ~110 k decisions/s on the same
//! table) without the text, with the explanation as data, with the reason
//! text rendered into a reused buffer and with the allocating `reason()`;
//! and a 10-limit policy over histories of 100, 1,000 and 10,000 grants.
//!
//! Every decision carries the full explanation: each check with its
//! observed, after, limit, headroom and verdict, the deciding check, the
//! grant to record and the history fingerprint; the explanation is data
//! and its words are formatted only when displayed.
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_wrap,
    reason = "generated inputs are valid and small by construction; a failure is a bug worth a panic in a benchmark"
)]

use carekit::calendar::Period;
use carekit::compensation::{
    Action, CompiledPolicy, Context, Explanation, Filters, Grant, GrantHistory, Limit, Measure,
    Offer, OfferKind, Policy, Recipient, Request, Requester, Role, Scope,
};
use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use std::fmt::Write;

use super::{Config, SplitMix, report};

const REFERENCE: &str = include_str!("../policies/reference_10_1.json");

/// The 64 requests of the reference table, in order `i = 16·role + 4·tier + kind`.
pub(crate) fn reference_requests() -> Vec<Request> {
    let roles = ["agent", "senior", "supervisor", "intern"];
    let tiers = ["bronze", "silver", "gold", "platinum"];
    let kinds = [
        OfferKind::Refund,
        OfferKind::Credit,
        OfferKind::Coupon,
        OfferKind::Shipping,
    ];
    let at = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    (0..64_i64)
        .map(|i| {
            let i_us = i as usize;
            // amount = 5 + 7.5·i EUR = 500 + 750·i cents
            let amount = Money::from_minor_units(500 + 750 * i, Currency::EUR);
            Request::new(
                at,
                Requester::new(
                    AgentId::new("ana").unwrap(),
                    Role::new(roles[i_us / 16]).unwrap(),
                ),
                Recipient::new(
                    CustomerId::new("c-1").unwrap(),
                    TierId::new(tiers[(i_us / 4) % 4]).unwrap(),
                ),
                Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat)
                    .with_order_value(Money::from_minor_units(12_000, Currency::EUR)),
                Offer::new(kinds[i_us % 4], amount).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

/// The reference policy, compiled.
pub(crate) fn reference_policy() -> CompiledPolicy {
    serde_json::from_str::<Policy>(REFERENCE)
        .unwrap()
        .compile()
        .unwrap()
}

fn eur(cents: i64) -> Money {
    Money::from_minor_units(cents, Currency::EUR)
}

/// A 10-limit policy touching every scope.
pub(crate) fn ten_limit_policy() -> CompiledPolicy {
    let role = |r: &str| Role::new(r).unwrap();
    let goodwill = [OfferKind::Credit, OfferKind::Coupon, OfferKind::Gift];
    Policy::new(
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
    .limit(
        Limit::new(
            "refund-share",
            Scope::Offer,
            Measure::MaxPercentOfOrder(100.into()),
            Action::Deny,
        )
        .when(Filters::default().kinds([OfferKind::Refund])),
    )
    .limit(Limit::new(
        "case",
        Scope::Interaction,
        Measure::MaxAmount(eur(30_000)),
        Action::Cap,
    ))
    .limit(Limit::new(
        "customer-30d",
        Scope::customer_days(30),
        Measure::MaxAmount(eur(25_000)),
        Action::Cap,
    ))
    .limit(Limit::new(
        "customer-90d-count",
        Scope::customer_days(90),
        Measure::MaxCount(5),
        Action::Escalate,
    ))
    .limit(
        Limit::new(
            "goodwill-year",
            Scope::customer_days(365),
            Measure::MaxAmount(eur(40_000)),
            Action::Deny,
        )
        .when(Filters::default().kinds(goodwill)),
    )
    .limit(
        Limit::new(
            "agent-day",
            Scope::Agent {
                period: Period::Day,
            },
            Measure::MaxAmount(eur(50_000)),
            Action::Escalate,
        )
        .when(Filters::default().roles([role("agent")])),
    )
    .limit(Limit::new(
        "agent-month",
        Scope::Agent {
            period: Period::Month,
        },
        Measure::MaxAmount(eur(300_000)),
        Action::Deny,
    ))
    .approval_threshold(role("agent"), eur(5_000))
    .approval_threshold(role("senior"), eur(15_000))
    .compile()
    .unwrap()
}

/// `grants` prior grants over the 180 days before `now` (50 agents, 200
/// customers, 400 interactions), and 1,000 requests at `now` by the same
/// population.
pub(crate) fn history_workload(grants: usize, seed: u64) -> (GrantHistory, Vec<Request>) {
    let mut rng = SplitMix::new(seed);
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2024, 7, 1, 12, 0, 0).unwrap();
    let agent = |n: u64| AgentId::new(&format!("agent-{n}")).unwrap();
    let customer = |n: u64| CustomerId::new(&format!("cust-{n}")).unwrap();
    let interaction = |n: u64| InteractionId::new(&format!("T-{n}")).unwrap();
    let kinds = OfferKind::ALL;
    let history: Vec<Grant> = (0..grants)
        .map(|_| {
            let seconds_ago = 1 + rng.below(180 * 86_400) as i64;
            Grant::new(
                now - TimeDelta::seconds(seconds_ago),
                agent(rng.below(50)),
                customer(rng.below(200)),
                interaction(rng.below(400)),
                kinds[rng.below(kinds.len() as u64) as usize],
                eur(100 + rng.below(10_000) as i64),
            )
            .unwrap()
        })
        .collect();
    let roles = ["agent", "agent", "agent", "senior", "manager"];
    let tiers = ["bronze", "silver", "gold", "platinum"];
    let requests = (0..1_000)
        .map(|_| {
            Request::new(
                now,
                Requester::new(
                    agent(rng.below(50)),
                    Role::new(roles[rng.below(5) as usize]).unwrap(),
                ),
                Recipient::new(
                    customer(rng.below(200)),
                    TierId::new(tiers[rng.below(4) as usize]).unwrap(),
                ),
                Context::new(interaction(rng.below(400)), Channel::Phone)
                    .with_order_value(eur(2_000 + rng.below(30_000) as i64)),
                Offer::new(
                    kinds[rng.below(kinds.len() as u64) as usize],
                    eur(100 + rng.below(20_000) as i64),
                )
                .unwrap(),
            )
            .unwrap()
        })
        .collect();
    (GrantHistory::new(history).unwrap(), requests)
}

/// Prints this concept's report lines. The closing table of `main.rs`
/// reads "+ reason text" against the plain round-robin (the words of every
/// decision rendered into a reused buffer) and 10,000 grants against 100;
/// "+ explanation" is the decision with its explanation as data, words not
/// yet rendered, and "+ `reason()` string" the allocating convenience.
pub(crate) fn run(cfg: &Config) {
    let policy = reference_policy();
    let requests = reference_requests();
    let empty = GrantHistory::empty();
    let n = cfg.rows(2_000_000);
    report(cfg, "compensation reference 64 round-robin", n, || {
        let mut approved = 0_usize;
        for i in 0..n {
            let d = policy.evaluate(&requests[i % 64], &empty).unwrap();
            approved += usize::from(d.grant().is_some()) + d.checks().len();
        }
        approved
    });
    // The explanation is data, borrowed from the decision: nothing is
    // formatted until it is displayed.
    report(
        cfg,
        "compensation reference 64 round-robin + explanation",
        n,
        || {
            let mut named = 0_usize;
            for i in 0..n {
                let d = policy.evaluate(&requests[i % 64], &empty).unwrap();
                named += match d.explanation() {
                    Explanation::Exceeded { check, .. } => check.limit_id().len(),
                    Explanation::WithinLimits { applied, .. } => applied,
                    _ => 1,
                };
            }
            named
        },
    );
    // The words rendered into a buffer the caller reuses
    // (`Decision::reason` allocates a new `String` each time).
    let mut text = String::new();
    report(
        cfg,
        "compensation reference 64 round-robin + reason text",
        n,
        || {
            let mut chars = 0_usize;
            for i in 0..n {
                let d = policy.evaluate(&requests[i % 64], &empty).unwrap();
                text.clear();
                write!(text, "{}", d.explanation()).unwrap();
                chars += text.len();
            }
            chars
        },
    );
    report(
        cfg,
        "compensation reference 64 round-robin + reason() string",
        n,
        || {
            let mut chars = 0_usize;
            for i in 0..n {
                chars += policy
                    .evaluate(&requests[i % 64], &empty)
                    .unwrap()
                    .reason()
                    .len();
            }
            chars
        },
    );
    let ten = ten_limit_policy();
    for grants in [100, 1_000, 10_000] {
        let (history, asks) = history_workload(grants, 42);
        let k = cfg.rows(1_000_000);
        let work = format!("compensation 10-limit {grants} grants");
        report(cfg, &work, k, || {
            let mut checks = 0_usize;
            for i in 0..k {
                checks += ten
                    .evaluate(&asks[i % asks.len()], &history)
                    .unwrap()
                    .checks()
                    .len();
            }
            checks
        });
    }
}
