//! The compensation rules engine (SPEC §8, §10.1): the reference table,
//! scenarios for every scope and action, bad input, and laws.
//!
//! Every expected value is worked by hand in a comment, or (the 64
//! reference outcomes) produced by `tests/vectors/compensation_reference.py`,
//! an independent evaluation of the SPEC §10.1 decision table that never
//! reads carekit's policy file.

use carekit::calendar::{Period, Span, Window};
use carekit::compensation::*;
use carekit::loyalty::{Benefits, Multiplier};
use carekit::*;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;

const REFERENCE: &str = include_str!("../../examples/policies/reference_10_1.json");
const CONTACT_CENTRE: &str = include_str!("../../examples/policies/contact_centre.json");
const DISCRETION: &str = include_str!("../../examples/policies/discretion_budget.json");

fn eur(s: &str) -> Money {
    Money::new(s.parse().unwrap(), Currency::EUR)
}

fn usd(s: &str) -> Money {
    Money::new(s.parse().unwrap(), Currency::USD)
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// The decision on `request` for a customer and agent with no grants yet.
fn decide_fresh(policy: &CompiledPolicy, request: &Request) -> Decision {
    policy.evaluate(request, &GrantHistory::empty()).unwrap()
}

fn role(r: &str) -> Role {
    Role::new(r).unwrap()
}

fn compiled(json: &str) -> CompiledPolicy {
    serde_json::from_str::<Policy>(json)
        .unwrap()
        .compile()
        .unwrap()
}

/// A request builder for tests.
#[derive(Clone, Debug)]
struct Ask {
    at: DateTime<Utc>,
    agent: &'static str,
    role: &'static str,
    customer: &'static str,
    tier: &'static str,
    interaction: &'static str,
    channel: Channel,
    reason: Option<&'static str>,
    order: Option<Money>,
    benefits: Option<Benefits>,
    kind: OfferKind,
    value: Money,
}

impl Ask {
    fn new(kind: OfferKind, value: Money) -> Self {
        Self {
            at: at(2024, 6, 10, 12, 0),
            agent: "ana",
            role: "agent",
            customer: "c-1",
            tier: "bronze",
            interaction: "T-1",
            channel: Channel::Chat,
            reason: None,
            order: None,
            benefits: None,
            kind,
            value,
        }
    }

    fn build(&self) -> Request {
        let mut ctx = Context::new(InteractionId::new(self.interaction).unwrap(), self.channel);
        if let Some(r) = self.reason {
            ctx = ctx.with_reason(Reason::new(r).unwrap());
        }
        if let Some(o) = self.order {
            ctx = ctx.with_order_value(o);
        }
        let mut recipient = Recipient::new(
            CustomerId::new(self.customer).unwrap(),
            TierId::new(self.tier).unwrap(),
        );
        if let Some(b) = &self.benefits {
            recipient = recipient.with_benefits(b.clone());
        }
        Request::new(
            self.at,
            Requester::new(AgentId::new(self.agent).unwrap(), role(self.role)),
            recipient,
            ctx,
            Offer::new(self.kind, self.value).unwrap(),
        )
        .unwrap()
    }
}

fn grant(
    when: DateTime<Utc>,
    agent: &str,
    customer: &str,
    interaction: &str,
    kind: OfferKind,
    value: Money,
) -> Grant {
    Grant::new(
        when,
        AgentId::new(agent).unwrap(),
        CustomerId::new(customer).unwrap(),
        InteractionId::new(interaction).unwrap(),
        kind,
        value,
    )
    .unwrap()
}

fn base(version: &str) -> Policy {
    Policy::new(version, at(2024, 1, 1, 0, 0), Currency::EUR)
        .level(role("agent"))
        .level(role("senior"))
        .level(role("supervisor"))
}

fn limit(id: &str, scope: Scope, measure: Measure, action: Action) -> Limit {
    Limit::new(id, scope, measure, action)
}

fn amount(s: &str) -> Measure {
    Measure::MaxAmount(eur(s))
}

// ---------------------------------------------------------------------------
// SPEC §10.1 reference table

/// `(i, role, tier, kind, amount, outcome, cap, escalate_to)` from
/// `python3 tests/vectors/compensation_reference.py` (the table evaluated
/// independently: cap = min(max, 120 × max %); amount > cap → deny;
/// amount > approval-above → escalate; else approve).
/// `(i, role, tier, kind, amount, outcome, cap, escalate_to)`.
type ReferenceRow = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const REFERENCE_OUTCOMES: [ReferenceRow; 64] = [
    (0, "agent", "bronze", "refund", "5.0", "approve", "25", None),
    (
        1, "agent", "bronze", "credit", "12.5", "approve", "25", None,
    ),
    (
        2, "agent", "bronze", "coupon", "20.0", "approve", "20", None,
    ),
    (3, "agent", "bronze", "shipping", "27.5", "deny", "20", None),
    (
        4,
        "agent",
        "silver",
        "refund",
        "35.0",
        "escalate",
        "40",
        Some("senior"),
    ),
    (5, "agent", "silver", "credit", "42.5", "deny", "40", None),
    (6, "agent", "silver", "coupon", "50.0", "deny", "20", None),
    (7, "agent", "silver", "shipping", "57.5", "deny", "20", None),
    (8, "agent", "gold", "refund", "65.0", "deny", "60", None),
    (9, "agent", "gold", "credit", "72.5", "deny", "60", None),
    (10, "agent", "gold", "coupon", "80.0", "deny", "20", None),
    (11, "agent", "gold", "shipping", "87.5", "deny", "20", None),
    (
        12,
        "agent",
        "platinum",
        "refund",
        "95.0",
        "escalate",
        "100",
        Some("senior"),
    ),
    (
        13, "agent", "platinum", "credit", "102.5", "deny", "100", None,
    ),
    (
        14, "agent", "platinum", "coupon", "110.0", "deny", "20", None,
    ),
    (
        15, "agent", "platinum", "shipping", "117.5", "deny", "20", None,
    ),
    (
        16, "senior", "bronze", "refund", "125.0", "deny", "75", None,
    ),
    (
        17, "senior", "bronze", "credit", "132.5", "deny", "75", None,
    ),
    (
        18, "senior", "bronze", "coupon", "140.0", "deny", "75", None,
    ),
    (
        19, "senior", "bronze", "shipping", "147.5", "deny", "75", None,
    ),
    (
        20, "senior", "silver", "refund", "155.0", "deny", "75", None,
    ),
    (
        21, "senior", "silver", "credit", "162.5", "deny", "75", None,
    ),
    (
        22, "senior", "silver", "coupon", "170.0", "deny", "75", None,
    ),
    (
        23, "senior", "silver", "shipping", "177.5", "deny", "75", None,
    ),
    (24, "senior", "gold", "refund", "185.0", "deny", "120", None),
    (25, "senior", "gold", "credit", "192.5", "deny", "120", None),
    (26, "senior", "gold", "coupon", "200.0", "deny", "120", None),
    (
        27, "senior", "gold", "shipping", "207.5", "deny", "120", None,
    ),
    (
        28, "senior", "platinum", "refund", "215.0", "deny", "120", None,
    ),
    (
        29, "senior", "platinum", "credit", "222.5", "deny", "120", None,
    ),
    (
        30, "senior", "platinum", "coupon", "230.0", "deny", "120", None,
    ),
    (
        31, "senior", "platinum", "shipping", "237.5", "deny", "120", None,
    ),
    (
        32,
        "supervisor",
        "bronze",
        "refund",
        "245.0",
        "deny",
        "120",
        None,
    ),
    (
        33,
        "supervisor",
        "bronze",
        "credit",
        "252.5",
        "deny",
        "120",
        None,
    ),
    (
        34,
        "supervisor",
        "bronze",
        "coupon",
        "260.0",
        "deny",
        "120",
        None,
    ),
    (
        35,
        "supervisor",
        "bronze",
        "shipping",
        "267.5",
        "deny",
        "120",
        None,
    ),
    (
        36,
        "supervisor",
        "silver",
        "refund",
        "275.0",
        "deny",
        "120",
        None,
    ),
    (
        37,
        "supervisor",
        "silver",
        "credit",
        "282.5",
        "deny",
        "120",
        None,
    ),
    (
        38,
        "supervisor",
        "silver",
        "coupon",
        "290.0",
        "deny",
        "120",
        None,
    ),
    (
        39,
        "supervisor",
        "silver",
        "shipping",
        "297.5",
        "deny",
        "120",
        None,
    ),
    (
        40,
        "supervisor",
        "gold",
        "refund",
        "305.0",
        "deny",
        "120",
        None,
    ),
    (
        41,
        "supervisor",
        "gold",
        "credit",
        "312.5",
        "deny",
        "120",
        None,
    ),
    (
        42,
        "supervisor",
        "gold",
        "coupon",
        "320.0",
        "deny",
        "120",
        None,
    ),
    (
        43,
        "supervisor",
        "gold",
        "shipping",
        "327.5",
        "deny",
        "120",
        None,
    ),
    (
        44,
        "supervisor",
        "platinum",
        "refund",
        "335.0",
        "deny",
        "120",
        None,
    ),
    (
        45,
        "supervisor",
        "platinum",
        "credit",
        "342.5",
        "deny",
        "120",
        None,
    ),
    (
        46,
        "supervisor",
        "platinum",
        "coupon",
        "350.0",
        "deny",
        "120",
        None,
    ),
    (
        47,
        "supervisor",
        "platinum",
        "shipping",
        "357.5",
        "deny",
        "120",
        None,
    ),
    (48, "intern", "bronze", "refund", "365.0", "deny", "0", None),
    (49, "intern", "bronze", "credit", "372.5", "deny", "0", None),
    (50, "intern", "bronze", "coupon", "380.0", "deny", "0", None),
    (
        51, "intern", "bronze", "shipping", "387.5", "deny", "0", None,
    ),
    (52, "intern", "silver", "refund", "395.0", "deny", "0", None),
    (53, "intern", "silver", "credit", "402.5", "deny", "0", None),
    (54, "intern", "silver", "coupon", "410.0", "deny", "0", None),
    (
        55, "intern", "silver", "shipping", "417.5", "deny", "0", None,
    ),
    (56, "intern", "gold", "refund", "425.0", "deny", "0", None),
    (57, "intern", "gold", "credit", "432.5", "deny", "0", None),
    (58, "intern", "gold", "coupon", "440.0", "deny", "0", None),
    (59, "intern", "gold", "shipping", "447.5", "deny", "0", None),
    (
        60, "intern", "platinum", "refund", "455.0", "deny", "0", None,
    ),
    (
        61, "intern", "platinum", "credit", "462.5", "deny", "0", None,
    ),
    (
        62, "intern", "platinum", "coupon", "470.0", "deny", "0", None,
    ),
    (
        63, "intern", "platinum", "shipping", "477.5", "deny", "0", None,
    ),
];

fn reference_request(i: usize) -> Request {
    let roles = ["agent", "senior", "supervisor", "intern"];
    let tiers = ["bronze", "silver", "gold", "platinum"];
    let kinds = [
        OfferKind::Refund,
        OfferKind::Credit,
        OfferKind::Coupon,
        OfferKind::Shipping,
    ];
    let mut a = Ask::new(kinds[i % 4], eur(&format!("{}", 5.0 + 7.5 * i as f64)));
    a.role = roles[i / 16];
    a.tier = tiers[(i / 4) % 4];
    a.order = Some(eur("120"));
    a.at = at(2024, 6, 1, 0, 0);
    a.build()
}

#[test]
fn reference_table_gives_the_64_outcomes_and_caps_of_spec_10_1() {
    let policy = compiled(REFERENCE);
    let history = GrantHistory::empty();
    for (i, r, tier, kind, amt, outcome, cap, to) in REFERENCE_OUTCOMES {
        let req = reference_request(i);
        assert_eq!(req.requester().role().as_str(), r);
        assert_eq!(req.recipient().tier().as_str(), tier);
        assert_eq!(req.kind().name(), kind);
        assert_eq!(req.value(), eur(amt), "request {i}");
        let d = policy.evaluate(&req, &history).unwrap();
        assert_eq!(d.outcome().name(), outcome, "request {i}: {}", d.reason());
        if let Outcome::Escalate(level) = d.outcome() {
            assert_eq!(Some(level.as_str()), to, "request {i}");
        } else {
            assert_eq!(to, None, "request {i}");
        }
        assert_eq!(
            d.headroom().map(|m| m.amount().normalize()),
            Some(cap.parse::<Decimal>().unwrap()),
            "request {i}: the headroom is the cap"
        );
        assert_eq!(d.grant().is_some(), outcome == "approve");
    }
}

#[test]
fn reference_decisions_explain_themselves() {
    let policy = compiled(REFERENCE);
    let h = GrantHistory::empty();
    // i = 4: agent, silver, refund 35: max 40 pass, 50 % × 120 = 60 pass,
    // approval above 25: 35 > 25 → escalate to senior.
    let d = policy.evaluate(&reference_request(4), &h).unwrap();
    let ids: Vec<_> = d.checks().iter().map(Check::limit_id).collect();
    assert_eq!(
        ids,
        [
            "agent-silver-max",
            "agent-silver-order",
            "agent-silver-approval"
        ]
    );
    assert_eq!(d.checks()[1].limit(), Quantity::Money(eur("60")));
    assert_eq!(
        d.reason(),
        "escalate to senior: refund 35.00 EUR exceeds limit \"agent-silver-approval\" \
         (agent, silver customer, refund or credit: approval needed above 25 EUR): \
         0.00 EUR before, 35.00 EUR after, limit 25.00 EUR, headroom 25.00 EUR"
    );
    // i = 48: an intern is not an authority level.
    let d = policy.evaluate(&reference_request(48), &h).unwrap();
    assert_eq!(d.checks().len(), 1);
    assert_eq!(d.checks()[0].limit_id(), "levels");
    assert!(
        d.reason()
            .starts_with("deny: role \"intern\" is not an authority level")
    );
}

#[test]
fn reference_policy_static_analysis_flags_what_the_table_implies() {
    let policy = compiled(REFERENCE);
    let shown: Vec<String> = policy.warnings().iter().map(ToString::to_string).collect();
    // Row 5: approval above 20 with a max of 20 can never escalate.
    assert!(
        shown.iter().any(|w| w.starts_with(
            "limits[14]: escalates above 20.00 EUR but limits[12] denies above 20.00 EUR"
        )),
        "{shown:#?}"
    );
    // Managers have no row at all: unlimited authority (they decide escalations).
    assert!(shown.iter().any(|w| w
        == "levels[3]: role \"manager\" has no limit on refund, credit, coupon, free_product, shipping, gift: unlimited authority"));
    assert_eq!(shown.len(), 2, "{shown:#?}");
}

// ---------------------------------------------------------------------------
// Scopes

#[test]
fn per_interaction_limit_counts_only_that_interactions_grants() {
    let policy = base("v")
        .limit(limit(
            "case",
            Scope::Interaction,
            amount("30"),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let t = at(2024, 6, 10, 9, 0);
    let history = GrantHistory::new(vec![
        grant(t, "bo", "c-1", "T-1", OfferKind::Refund, eur("20")),
        grant(t, "bo", "c-1", "T-2", OfferKind::Refund, eur("50")),
    ])
    .unwrap();
    // 20 (T-1) + 15 = 35 > 30 → deny; headroom 30 − 20 = 10.
    let d = policy
        .evaluate(&Ask::new(OfferKind::Credit, eur("15")).build(), &history)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::Deny);
    let c = &d.checks()[0];
    assert_eq!(
        (c.observed(), c.after(), c.headroom()),
        (
            Quantity::Money(eur("20")),
            Quantity::Money(eur("35")),
            Quantity::Money(eur("10"))
        )
    );
    // 20 + 10 = 30 ≤ 30 → approve.
    let d = policy
        .evaluate(&Ask::new(OfferKind::Credit, eur("10")).build(), &history)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::Approve);
}

#[test]
fn per_customer_window_drops_a_grant_exactly_n_days_old() {
    let policy = base("v")
        .limit(limit(
            "30d",
            Scope::customer_days(30),
            amount("50"),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let now = at(2024, 6, 10, 12, 0);
    let history = GrantHistory::new(vec![
        // exactly 30 × 24 h before: outside (at − 30 d < t is false)
        grant(
            now - TimeDelta::days(30),
            "bo",
            "c-1",
            "T-0",
            OfferKind::Gift,
            eur("40"),
        ),
        // 29 days before: inside
        grant(
            now - TimeDelta::days(29),
            "bo",
            "c-1",
            "T-0",
            OfferKind::Gift,
            eur("20"),
        ),
        // another customer: ignored
        grant(
            now - TimeDelta::days(1),
            "bo",
            "c-2",
            "T-9",
            OfferKind::Gift,
            eur("45"),
        ),
    ])
    .unwrap();
    // 20 + 30 = 50 ≤ 50 → approve; 20 + 31 = 51 > 50 → deny.
    let ok = policy
        .evaluate(&Ask::new(OfferKind::Refund, eur("30")).build(), &history)
        .unwrap();
    assert_eq!(ok.outcome(), &Outcome::Approve);
    let no = policy
        .evaluate(&Ask::new(OfferKind::Refund, eur("31")).build(), &history)
        .unwrap();
    assert_eq!(no.outcome(), &Outcome::Deny);
    assert_eq!(no.checks()[0].observed(), Quantity::Money(eur("20")));
}

#[test]
fn per_agent_month_starts_at_local_midnight_in_the_policy_time_zone() {
    let policy = base("v")
        .time_zone("+02:00".parse().unwrap())
        .limit(limit(
            "month",
            Scope::Agent {
                period: Period::Month,
            },
            amount("100"),
            Action::Cap,
        ))
        .compile()
        .unwrap();
    let history = GrantHistory::new(vec![
        // 2024-05-31 22:30 UTC is 2024-06-01 00:30 at +02:00: June.
        grant(
            at(2024, 5, 31, 22, 30),
            "ana",
            "c-7",
            "T-7",
            OfferKind::Refund,
            eur("60"),
        ),
        // 2024-05-31 21:00 UTC is 23:00 on May 31st locally: May, not counted.
        grant(
            at(2024, 5, 31, 21, 0),
            "ana",
            "c-8",
            "T-8",
            OfferKind::Refund,
            eur("30"),
        ),
        // another agent in June: not counted.
        grant(
            at(2024, 6, 2, 9, 0),
            "bo",
            "c-8",
            "T-8",
            OfferKind::Refund,
            eur("30"),
        ),
    ])
    .unwrap();
    // June so far: 60; asking 50 → 110 > 100 → cap to 100 − 60 = 40.
    let d = policy
        .evaluate(&Ask::new(OfferKind::Refund, eur("50")).build(), &history)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur("40")));
    assert_eq!(d.grant().unwrap().value(), eur("40"));
}

#[test]
fn per_agent_week_is_the_iso_week() {
    let policy = base("v")
        .limit(limit(
            "week",
            Scope::Agent {
                period: Period::IsoWeek,
            },
            Measure::MaxCount(2),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    // 2024-06-10 is a Monday. Grants on Sunday 9th (previous week) and on
    // Monday 10th 08:00 (this week).
    let history = GrantHistory::new(vec![
        grant(
            at(2024, 6, 9, 23, 0),
            "ana",
            "c",
            "T",
            OfferKind::Gift,
            eur("1"),
        ),
        grant(
            at(2024, 6, 10, 8, 0),
            "ana",
            "c",
            "T",
            OfferKind::Gift,
            eur("1"),
        ),
    ])
    .unwrap();
    // this week: 1 before, 2 after ≤ 2 → approve.
    let d = policy
        .evaluate(&Ask::new(OfferKind::Gift, eur("1")).build(), &history)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::Approve);
    assert_eq!(d.checks()[0].observed(), Quantity::Count(1));
    assert_eq!(d.checks()[0].headroom(), Quantity::Count(1));
}

#[test]
fn only_grants_of_the_filtered_kinds_count() {
    let policy = base("v")
        .limit(
            limit(
                "goodwill",
                Scope::customer_days(90),
                Measure::MaxCount(1),
                Action::Escalate,
            )
            .when(Filters::default().kinds([OfferKind::Credit, OfferKind::Gift])),
        )
        .compile()
        .unwrap();
    let t = at(2024, 6, 1, 0, 0);
    let refunds_only = GrantHistory::new(vec![grant(
        t,
        "bo",
        "c-1",
        "T",
        OfferKind::Refund,
        eur("9"),
    )])
    .unwrap();
    let with_gift =
        GrantHistory::new(vec![grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("9"))]).unwrap();
    let ask = Ask::new(OfferKind::Credit, eur("5")).build();
    // a refund is not goodwill: count 0 + 1 = 1 ≤ 1 → approve
    assert_eq!(
        policy.evaluate(&ask, &refunds_only).unwrap().outcome(),
        &Outcome::Approve
    );
    // a gift is: 1 + 1 = 2 > 1 → escalate to the next level (senior)
    assert_eq!(
        policy.evaluate(&ask, &with_gift).unwrap().outcome(),
        &Outcome::Escalate(role("senior"))
    );
}

// ---------------------------------------------------------------------------
// Actions and their combination

#[test]
fn escalation_goes_to_the_next_level_or_the_named_one() {
    let policy = base("v")
        .limit(limit("next", Scope::Offer, amount("10"), Action::Escalate))
        .limit(
            limit("named", Scope::Offer, amount("100"), Action::Escalate)
                .escalate_to(role("supervisor")),
        )
        .compile()
        .unwrap();
    let h = GrantHistory::empty();
    let mut a = Ask::new(OfferKind::Refund, eur("20"));
    // 20 > 10 → next level above agent: senior
    assert_eq!(
        policy.evaluate(&a.build(), &h).unwrap().outcome(),
        &Outcome::Escalate(role("senior"))
    );
    // 120 > 10 and > 100: the higher level wins
    a.value = eur("120");
    assert_eq!(
        policy.evaluate(&a.build(), &h).unwrap().outcome(),
        &Outcome::Escalate(role("supervisor"))
    );
    // a supervisor is at the named level: "named" does not apply to them;
    // "next" has no level above supervisor → deny
    a.role = "supervisor";
    let d = policy.evaluate(&a.build(), &h).unwrap();
    assert_eq!(d.outcome(), &Outcome::Deny);
    assert_eq!(d.checks().len(), 1);
    assert!(
        d.reason()
            .ends_with("there is no authority level above supervisor to escalate to")
    );
}

#[test]
fn deny_beats_escalate_beats_cap_and_the_smallest_cap_wins() {
    let customer = Scope::customer_days(7);
    let policy = base("v")
        .limit(limit("cap-60", customer, amount("60"), Action::Cap))
        .limit(limit("cap-45", customer, amount("45"), Action::Cap))
        .limit(limit(
            "esc-70",
            Scope::Offer,
            amount("70"),
            Action::Escalate,
        ))
        .limit(limit("deny-90", Scope::Offer, amount("90"), Action::Deny))
        .compile()
        .unwrap();
    let h = GrantHistory::empty();
    let ask = |v| {
        policy
            .evaluate(&Ask::new(OfferKind::Refund, eur(v)).build(), &h)
            .unwrap()
    };
    assert_eq!(ask("40").outcome(), &Outcome::Approve);
    // 50 > 45 → cap 45; 50 ≤ 60
    assert_eq!(ask("50").outcome(), &Outcome::ApproveUpTo(eur("45")));
    // 65 > 60 and > 45: the smaller cap, 45
    let d = ask("65");
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur("45")));
    assert_eq!(d.deciding_check().unwrap().limit_id(), "cap-45");
    // 80 > 70 → escalate beats both caps
    assert_eq!(ask("80").outcome(), &Outcome::Escalate(role("senior")));
    // 95 > 90 → deny beats everything
    assert_eq!(ask("95").outcome(), &Outcome::Deny);
}

#[test]
fn a_cap_without_headroom_or_on_a_count_denies() {
    let policy = base("v")
        .limit(limit(
            "budget",
            Scope::customer_days(30),
            amount("50"),
            Action::Cap,
        ))
        .limit(limit(
            "twice",
            Scope::customer_days(30),
            Measure::MaxCount(2),
            Action::Cap,
        ))
        .compile()
        .unwrap();
    let t = at(2024, 6, 9, 0, 0);
    let spent =
        GrantHistory::new(vec![grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("50"))]).unwrap();
    // 50 + 1 > 50 with headroom 0 → deny, not "approve up to 0"
    let d = policy
        .evaluate(&Ask::new(OfferKind::Gift, eur("1")).build(), &spent)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::Deny);
    let twice = GrantHistory::new(vec![
        grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("1")),
        grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("1")),
    ])
    .unwrap();
    // 2 + 1 = 3 > 2 grants: a count cannot be partly granted → deny
    let d = policy
        .evaluate(&Ask::new(OfferKind::Gift, eur("1")).build(), &twice)
        .unwrap();
    assert_eq!(d.outcome(), &Outcome::Deny);
    assert_eq!(d.deciding_check().unwrap().limit_id(), "twice");
}

#[test]
fn caps_round_down_to_the_minor_unit() {
    // 33 % of 19.99 = 6.5967 → cap 6.59 (an "at most" amount rounds down).
    let policy = base("v")
        .limit(limit(
            "share",
            Scope::Offer,
            Measure::MaxPercentOfOrder(33.into()),
            Action::Cap,
        ))
        .compile()
        .unwrap();
    let mut a = Ask::new(OfferKind::Refund, eur("10"));
    a.order = Some(eur("19.99"));
    let d = decide_fresh(&policy, &a.build());
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur("6.59")));
    // The check reports the limit it applied: the "at most" already rounded.
    assert_eq!(d.checks()[0].limit(), Quantity::Money(eur("6.59")));
}

#[test]
fn percent_of_order_fails_closed_without_an_order_value() {
    let policy = base("v")
        .limit(limit(
            "share",
            Scope::Offer,
            Measure::MaxPercentOfOrder(50.into()),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let mut a = Ask::new(OfferKind::Refund, eur("10"));
    // no order: limit 0 × 50 % = 0 < 10 → deny
    assert_eq!(decide_fresh(&policy, &a.build()).outcome(), &Outcome::Deny);
    // order 120: limit 60 ≥ 10 → approve
    a.order = Some(eur("120"));
    assert_eq!(
        decide_fresh(&policy, &a.build()).outcome(),
        &Outcome::Approve
    );
}

#[test]
fn a_percent_coupon_is_valued_on_the_order() {
    let policy = base("v")
        .limit(limit("coupon", Scope::Offer, amount("20"), Action::Deny))
        .compile()
        .unwrap();
    let mut a = Ask::new(OfferKind::Coupon, eur("0"));
    a.order = Some(eur("120"));
    let base_req = a.build();
    let pct = |p: i64| {
        Request::new(
            base_req.at(),
            base_req.requester().clone(),
            base_req.recipient().clone(),
            base_req.context().clone(),
            Offer::coupon_percent(Percent::new(p.into()).unwrap()),
        )
        .unwrap()
    };
    // 15 % × 120 = 18 ≤ 20 → approve with a grant of 18
    let d = decide_fresh(&policy, &pct(15));
    assert_eq!(d.grant().unwrap().value(), eur("18"));
    // 20 % × 120 = 24 > 20 → deny
    assert_eq!(decide_fresh(&policy, &pct(20)).outcome(), &Outcome::Deny);
}

#[test]
fn tier_multipliers_scale_amount_limits_policy_first_then_benefits() {
    let policy = base("v")
        .tier_multiplier(
            TierId::new("gold").unwrap(),
            Multiplier::new("1.5".parse().unwrap()).unwrap(),
        )
        // "40.00": written with cents, as policies usually are.
        .limit(limit("max", Scope::Offer, amount("40.00"), Action::Deny))
        .limit(limit(
            "count",
            Scope::Offer,
            Measure::MaxCount(1),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let h = GrantHistory::empty();
    let mut a = Ask::new(OfferKind::Refund, eur("55"));
    // bronze: 55 > 40 → deny
    assert_eq!(
        policy.evaluate(&a.build(), &h).unwrap().outcome(),
        &Outcome::Deny
    );
    // gold: 40 × 1.5 = 60 ≥ 55 → approve
    a.tier = "gold";
    let d = policy.evaluate(&a.build(), &h).unwrap();
    assert_eq!(d.outcome(), &Outcome::Approve);
    assert_eq!(d.checks()[0].limit(), Quantity::Money(eur("60")));
    // The reason shows the scaled limit in minor units, not "60.000 EUR".
    assert!(d.reason().contains("60.00 EUR"), "{}", d.reason());
    assert!(!d.reason().contains("60.000"), "{}", d.reason());
    assert_eq!(d.checks()[1].limit(), Quantity::Count(1)); // counts are not scaled
    // silver has no policy multiplier: its benefits' ×1.25 applies: 50 < 55 → deny
    let benefits = Benefits::default()
        .with_compensation_limit_multiplier(Multiplier::new("1.25".parse().unwrap()).unwrap());
    a.tier = "silver";
    a.benefits = Some(benefits.clone());
    let d = policy.evaluate(&a.build(), &h).unwrap();
    assert_eq!(d.checks()[0].limit(), Quantity::Money(eur("50")));
    assert_eq!(d.outcome(), &Outcome::Deny);
    // gold with benefits ×1.25: the policy's ×1.5 wins → 60
    a.tier = "gold";
    let d = policy.evaluate(&a.build(), &h).unwrap();
    assert_eq!(d.checks()[0].limit(), Quantity::Money(eur("60")));
}

#[test]
fn filters_on_channel_tier_and_reason_select_limits() {
    let policy = base("v")
        .limit(
            limit("social", Scope::Offer, amount("5"), Action::Deny)
                .when(Filters::default().channels([Channel::SocialMedia])),
        )
        .limit(
            limit("outage", Scope::Offer, amount("100"), Action::Deny).when(
                Filters::default()
                    .reasons([Reason::new("outage").unwrap()])
                    .tiers([TierId::new("gold").unwrap()]),
            ),
        )
        .compile()
        .unwrap();
    let h = GrantHistory::empty();
    let mut a = Ask::new(OfferKind::Credit, eur("150"));
    // chat, bronze, no reason: no limit applies → approve with no checks
    let d = policy.evaluate(&a.build(), &h).unwrap();
    assert_eq!((d.outcome(), d.checks().len()), (&Outcome::Approve, 0));
    assert!(
        d.reason()
            .starts_with("approve: no limit of policy \"v\" applies")
    );
    a.channel = Channel::SocialMedia;
    assert_eq!(
        policy.evaluate(&a.build(), &h).unwrap().outcome(),
        &Outcome::Deny
    );
    a.channel = Channel::Chat;
    a.tier = "gold";
    a.reason = Some("outage");
    assert_eq!(
        policy.evaluate(&a.build(), &h).unwrap().checks()[0].limit_id(),
        "outage"
    );
}

// ---------------------------------------------------------------------------
// Example policies

#[test]
fn contact_centre_repeat_goodwill_within_90_days_escalates_to_a_team_leader() {
    let policy = compiled(CONTACT_CENTRE);
    let now = at(2024, 10, 1, 10, 0);
    let history = GrantHistory::new(vec![grant(
        now - TimeDelta::days(60),
        "bo",
        "c-1",
        "T-0",
        OfferKind::Coupon,
        eur("10"),
    )])
    .unwrap();
    let mut a = Ask::new(OfferKind::Credit, eur("20"));
    a.at = now;
    // credit 20 ≤ 25 for agents, but goodwill count 1 + 1 = 2 > 1 in 90 days
    // (order-share covers refunds only, so no order value is needed)
    let d = policy.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.outcome(), &Outcome::Escalate(role("team_leader")));
    // a team leader is at the named level: the repeat rule does not bind them
    a.role = "team_leader";
    assert_eq!(
        policy.evaluate(&a.build(), &history).unwrap().outcome(),
        &Outcome::Approve
    );
    // 95 days ago is outside the window
    let old = GrantHistory::new(vec![grant(
        now - TimeDelta::days(95),
        "bo",
        "c-1",
        "T-0",
        OfferKind::Coupon,
        eur("10"),
    )])
    .unwrap();
    a.role = "agent";
    assert_eq!(
        policy.evaluate(&a.build(), &old).unwrap().outcome(),
        &Outcome::Approve
    );
}

#[test]
fn contact_centre_gold_customers_get_one_and_a_half_times_the_refund_authority() {
    let policy = compiled(CONTACT_CENTRE);
    let mut a = Ask::new(OfferKind::Refund, eur("70"));
    a.at = at(2024, 10, 1, 10, 0);
    a.order = Some(eur("200"));
    // bronze: 70 > 50 → team leader
    assert_eq!(
        decide_fresh(&policy, &a.build()).outcome(),
        &Outcome::Escalate(role("team_leader"))
    );
    // gold: 50 × 1.5 = 75 ≥ 70; order share 70 ≤ 200 → approve
    a.tier = "gold";
    assert_eq!(
        decide_fresh(&policy, &a.build()).outcome(),
        &Outcome::Approve
    );
    // team leaders above 500 go to the manager
    a.role = "team_leader";
    a.value = eur("501");
    a.order = Some(eur("1000"));
    a.tier = "bronze";
    assert_eq!(
        decide_fresh(&policy, &a.build()).outcome(),
        &Outcome::Escalate(role("manager"))
    );
    assert!(policy.warnings().is_empty(), "{:?}", policy.warnings());
}

#[test]
fn discretion_budget_trims_to_what_is_left_of_the_employees_day() {
    let policy = compiled(DISCRETION);
    // America/New_York, still EST (-05:00) on 2025-03-04: the local day
    // starts at 05:00 UTC.
    let history = GrantHistory::new(vec![
        Grant::new(
            at(2025, 3, 4, 6, 0),
            AgentId::new("eve").unwrap(),
            CustomerId::new("g-1").unwrap(),
            InteractionId::new("room-12").unwrap(),
            OfferKind::Gift,
            usd("120"),
        )
        .unwrap(),
        Grant::new(
            at(2025, 3, 4, 9, 0),
            AgentId::new("eve").unwrap(),
            CustomerId::new("g-2").unwrap(),
            InteractionId::new("room-40").unwrap(),
            OfferKind::Credit,
            usd("100"),
        )
        .unwrap(),
        // the previous local day (04:59 UTC = 23:59 on March 3rd): not counted
        Grant::new(
            at(2025, 3, 4, 4, 59),
            AgentId::new("eve").unwrap(),
            CustomerId::new("g-3").unwrap(),
            InteractionId::new("room-2").unwrap(),
            OfferKind::Gift,
            usd("100"),
        )
        .unwrap(),
    ])
    .unwrap();
    let req = Request::new(
        at(2025, 3, 4, 15, 0),
        Requester::new(AgentId::new("eve").unwrap(), role("employee")),
        Recipient::new(
            CustomerId::new("g-9").unwrap(),
            TierId::new("member").unwrap(),
        ),
        Context::new(InteractionId::new("room-7").unwrap(), Channel::InPerson),
        Offer::new(OfferKind::FreeProduct, usd("95")).unwrap(),
    )
    .unwrap();
    // per gesture 95 ≤ 100; day: 220 + 95 = 315 > 300 → cap to 300 − 220 = 80
    let d = policy.evaluate(&req, &history).unwrap();
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(usd("80")));
}

// ---------------------------------------------------------------------------
// Headroom, fingerprints, what-if

#[test]
fn headroom_shows_the_most_an_agent_may_offer_per_kind() {
    let policy = compiled(CONTACT_CENTRE);
    let now = at(2024, 10, 1, 10, 0);
    // 07:00 UTC is 08:00 on October 1st at +01:00: this month.
    let history = GrantHistory::new(vec![grant(
        now - TimeDelta::hours(3),
        "ana",
        "c-9",
        "T-3",
        OfferKind::Refund,
        eur("1990"),
    )])
    .unwrap();
    let room = policy
        .headroom(
            &Requester::new(AgentId::new("ana").unwrap(), role("agent")),
            &Recipient::new(
                CustomerId::new("c-1").unwrap(),
                TierId::new("bronze").unwrap(),
            ),
            &Context::new(InteractionId::new("T-1").unwrap(), Channel::Phone)
                .with_order_value(eur("30")),
            now,
            &history,
        )
        .unwrap();
    // refund: min(50 agent-refund, 30 order-share, 2000 − 1990 = 10 agent-month) = 10
    let refund = room.of(OfferKind::Refund).unwrap();
    assert_eq!(refund.max(), Some(eur("10")));
    assert_eq!(refund.binding_limit(), Some("agent-month"));
    // gift: min(15, goodwill count 0 < 1: no bound, month 10) = 10
    assert_eq!(room.of(OfferKind::Gift).unwrap().max(), Some(eur("10")));
    assert_eq!(room.kinds().len(), 6);
    // `of` finds the asked kind, whatever its position.
    for kind in room.kinds().iter().map(KindHeadroom::kind) {
        assert_eq!(room.of(kind).unwrap().kind(), kind);
    }
}

#[test]
fn the_returned_grant_reduces_the_next_identical_requests_headroom() {
    let policy = compiled(CONTACT_CENTRE);
    let mut a = Ask::new(OfferKind::Refund, eur("30"));
    a.at = at(2024, 10, 1, 10, 0);
    a.order = Some(eur("100"));
    let req = a.build();
    let mut history = GrantHistory::empty();
    let first = policy.evaluate(&req, &history).unwrap();
    assert_eq!(first.outcome(), &Outcome::Approve);
    history.push(first.grant().unwrap().clone()).unwrap();
    let second = policy.evaluate(&req, &history).unwrap();
    // order share: 30 before, 60 after ≤ 100; month: 30 before
    let share = second
        .checks()
        .iter()
        .find(|c| c.limit_id() == "order-share")
        .unwrap();
    assert_eq!(share.observed(), Quantity::Money(eur("30")));
    assert_eq!(share.headroom(), Quantity::Money(eur("70")));
    assert_ne!(first.fingerprint(), second.fingerprint());
    // the stale decision is detected: recomputing on the new history differs
    assert_ne!(
        policy.fingerprint(&req, &history).unwrap(),
        first.fingerprint()
    );
    assert_eq!(
        policy.fingerprint(&req, &history).unwrap(),
        second.fingerprint()
    );
}

#[test]
fn what_if_raising_the_agent_cap_reports_transitions_and_money() {
    let now = compiled(REFERENCE);
    // Raise every agent refund/credit max and approval threshold to 200 EUR
    // and the order share to 100 %.
    let mut doc: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    for l in doc["limits"].as_array_mut().unwrap() {
        let id = l["id"].as_str().unwrap().to_owned();
        if id.starts_with("agent-") && !id.starts_with("agent-promo") && id != "agent-other-kinds" {
            if id.ends_with("-order") {
                l["measure"] = serde_json::json!({"max_percent_of_order": "100"});
            } else {
                l["measure"] =
                    serde_json::json!({"max_amount": {"amount": "200", "currency": "EUR"}});
            }
        }
    }
    let raised = serde_json::from_value::<Policy>(doc)
        .unwrap()
        .compile()
        .unwrap();
    let requests: Vec<Request> = (0..64).map(reference_request).collect();
    let h = GrantHistory::empty();
    let report = what_if(&now, &raised, requests.iter().map(|r| (r, &h))).unwrap();
    // Agent refund/credit requests (i in 0..16, kind refund or credit):
    // 0, 1 approve → approve; 4 escalate → approve; 5 deny → approve (42.5 ≤ 120);
    // 8, 9, 12, 13 deny/escalate → approve (65, 72.5, 95, 102.5 ≤ 120).
    assert_eq!(report.transition("approve", "approve"), 3); // 0, 1, 2 (coupon unchanged)
    assert_eq!(report.transition("escalate", "approve"), 2); // 4, 12
    assert_eq!(report.transition("deny", "approve"), 4); // 5, 8, 9, 13
    assert_eq!(report.transition("deny", "deny"), 55);
    // money: before 5 + 12.5 + 20 = 37.5; after + 35 + 42.5 + 65 + 72.5 + 95 + 102.5 = 450
    assert_eq!(report.total().requests(), 64);
    assert_eq!(report.total().changed(), 6);
    assert_eq!(report.total().approved_before(), eur("37.5"));
    assert_eq!(report.total().approved_after(), eur("450"));
    assert_eq!(report.by_role()[&role("agent")].changed(), 6);
    assert_eq!(report.by_role()[&role("senior")].changed(), 0);
    assert_eq!(
        report.by_tier()[&TierId::new("gold").unwrap()].approved_after(),
        eur("137.5")
    );
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn compile_reports_every_problem_with_its_path() {
    let json = r#"{
      "version": "bad", "effective_from": "2024-01-01T00:00:00Z",
      "effective_until": "2023-01-01T00:00:00Z", "currency": "EUR", "time_zone": "Europe/Berlin",
      "levels": ["agent", "agent"],
      "limits": [
        {"id": "a", "scope": {"per": "offer"}, "measure": {"max_amount": {"amount": "-5", "currency": "EUR"}}, "exceeded": "deny"},
        {"id": "a", "scope": {"per": "customer", "days": 0}, "measure": {"max_amount": {"amount": "5", "currency": "USD"}}, "exceeded": "escalate", "escalate_to": "boss"},
        {"id": "c", "scope": {"per": "agent", "period": "month"}, "measure": {"max_percent_of_order": "120"}, "exceeded": "cap", "escalate_to": "agent"}
      ],
      "approval_thresholds": {"boss": {"amount": "10", "currency": "EUR"}}
    }"#;
    let err = serde_json::from_str::<Policy>(json)
        .unwrap()
        .compile()
        .unwrap_err();
    let Error::Compensation(CompensationError::InvalidPolicy { problems, .. }) = &err else {
        panic!("{err:?}");
    };
    let paths: Vec<&str> = problems.iter().map(Problem::path).collect();
    assert_eq!(
        paths,
        [
            "effective_until",
            "levels[1]",
            "limits[0].measure",
            "limits[1].id",
            "limits[1].measure",
            "limits[1].scope.days",
            "limits[1].escalate_to",
            "limits[2].measure",
            "limits[2].scope",
            "limits[2].escalate_to",
            "approval_thresholds.boss",
        ]
    );
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "effective_until: effective_until 2023-01-01T00:00:00+00:00 is not after effective_from 2024-01-01T00:00:00+00:00",
            "levels[1]: level \"agent\" is listed twice",
            "limits[0].measure: negative amount -5.00 EUR",
            "limits[1].id: limit id \"a\" is used twice",
            "limits[1].measure: currency mismatch: expected EUR, found USD",
            "limits[1].scope.days: a rolling window of 0 days is empty",
            "limits[1].escalate_to: \"boss\" is not one of the authority levels (agent, agent)",
            "limits[2].measure: percentage 120 is outside 0..=100",
            "limits[2].scope: a percent-of-order measure applies per offer or per interaction, not per agent per month",
            "limits[2].escalate_to: escalate_to is only meaningful with \"exceeded\": \"escalate\", not \"cap\"",
            "approval_thresholds.boss: \"boss\" is not one of the authority levels (agent, agent)",
        ]
    );
    assert!(
        err.to_string()
            .starts_with("policy \"bad\" is invalid: 11 problems: effective_until")
    );
}

#[test]
fn static_analysis_finds_limits_that_never_apply() {
    let policy = base("v")
        .limit(
            limit("empty", Scope::Offer, amount("1"), Action::Deny)
                .when(Filters::default().kinds([])),
        )
        .limit(
            limit("intern", Scope::Offer, amount("1"), Action::Deny)
                .when(Filters::default().roles([role("intern")])),
        )
        .limit(
            limit("up", Scope::Offer, amount("1"), Action::Escalate)
                .escalate_to(role("senior"))
                .when(Filters::default().roles([role("supervisor")])),
        )
        .limit(limit("all", Scope::Offer, amount("1000"), Action::Deny))
        .compile()
        .unwrap();
    let shown: Vec<String> = policy.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "limits[0]: the limit can never apply: its kinds filter is empty",
            "limits[1].when.roles[0]: role \"intern\" is not an authority level: this filter entry never matches an authorised request",
            "limits[1]: the limit can never apply: none of its roles is an authority level",
            "limits[2]: the limit can never apply: every role it selects is at or above its escalation level",
        ]
    );
}

#[test]
fn overlapping_policy_versions_are_rejected() {
    let p = |v: &str, from, until: Option<DateTime<Utc>>| {
        let p = Policy::new(v, from, Currency::EUR).level(role("agent"));
        match until {
            Some(u) => p.until(u),
            None => p,
        }
    };
    let err = PolicySet::new(&[
        p("h2", at(2024, 7, 1, 0, 0), None),
        p("h1", at(2024, 1, 1, 0, 0), Some(at(2024, 7, 2, 0, 0))),
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy versions \"h1\" and \"h2\" overlap: both are in force at 2024-07-01T00:00:00+00:00"
    );
    let set = PolicySet::new(&[
        p("h2", at(2024, 7, 1, 0, 0), None),
        p("h1", at(2024, 1, 1, 0, 0), Some(at(2024, 7, 1, 0, 0))),
    ])
    .unwrap();
    assert_eq!(
        set.in_force(at(2024, 6, 30, 23, 59)).unwrap().version(),
        "h1"
    );
    assert_eq!(set.in_force(at(2024, 7, 1, 0, 0)).unwrap().version(), "h2");
    let d = set
        .evaluate(
            &Ask::new(OfferKind::Gift, eur("1")).build(),
            &GrantHistory::empty(),
        )
        .unwrap();
    assert_eq!(d.policy_version(), "h1"); // the ask is on 2024-06-10
    // The versions in start order, each with the dates it was given.
    let spans: Vec<_> = set
        .versions()
        .iter()
        .map(|v| (v.version(), v.effective_from(), v.effective_until()))
        .collect();
    assert_eq!(
        spans,
        [
            ("h1", at(2024, 1, 1, 0, 0), Some(at(2024, 7, 1, 0, 0))),
            ("h2", at(2024, 7, 1, 0, 0), None),
        ]
    );
}

#[test]
fn requests_and_histories_in_another_currency_or_the_future_are_errors() {
    let policy = base("v").compile().unwrap();
    let mut a = Ask::new(OfferKind::Refund, usd("5"));
    let err = policy
        .evaluate(&a.build(), &GrantHistory::empty())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "request.offer.value: currency mismatch: expected EUR, found USD"
    );
    a.value = eur("5");
    let later = GrantHistory::new(vec![
        grant(
            at(2024, 6, 1, 0, 0),
            "bo",
            "c",
            "T",
            OfferKind::Gift,
            eur("1"),
        ),
        grant(
            at(2024, 6, 11, 0, 0),
            "bo",
            "c",
            "T",
            OfferKind::Gift,
            eur("1"),
        ),
    ])
    .unwrap();
    let err = policy.evaluate(&a.build(), &later).unwrap_err();
    assert_eq!(
        err.to_string(),
        "history[1].at 2024-06-11T00:00:00+00:00 is after the request instant 2024-06-10T12:00:00+00:00"
    );
    let usd_history = GrantHistory::new(vec![grant(
        at(2024, 6, 1, 0, 0),
        "bo",
        "c",
        "T",
        OfferKind::Gift,
        usd("1"),
    )])
    .unwrap();
    assert!(
        policy
            .evaluate(&a.build(), &usd_history)
            .unwrap_err()
            .to_string()
            .contains("currency mismatch")
    );
    // mixed currencies inside a request
    a.order = Some(usd("100"));
    let ctx =
        Context::new(InteractionId::new("T").unwrap(), Channel::Chat).with_order_value(usd("100"));
    let err = Request::new(
        a.at,
        Requester::new(AgentId::new("ana").unwrap(), role("agent")),
        Recipient::new(CustomerId::new("c").unwrap(), TierId::new("gold").unwrap()),
        ctx,
        Offer::new(OfferKind::Refund, eur("5")).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "request.offer.value: currency mismatch: expected USD, found EUR"
    );
}

#[test]
fn bad_values_are_errors_naming_the_value() {
    assert_eq!(
        Offer::new(OfferKind::Refund, eur("-1"))
            .unwrap_err()
            .to_string(),
        "offer.value: expected a non-negative amount, found -1.00 EUR"
    );
    assert_eq!(
        Percent::new(Decimal::from(-1)).unwrap_err().to_string(),
        "percentage -1 is outside 0..=100"
    );
    assert_eq!(
        "voucher".parse::<OfferKind>().unwrap_err().to_string(),
        "offer kind \"voucher\" is unknown: expected one of refund, credit, coupon, free_product, shipping, gift"
    );
    assert!(Role::new("").is_err());
    let mut a = Ask::new(OfferKind::Coupon, eur("1"));
    a.order = None;
    let r = a.build();
    let err = Request::new(
        r.at(),
        r.requester().clone(),
        r.recipient().clone(),
        r.context().clone(),
        Offer::coupon_percent(Percent::new(10.into()).unwrap()),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "request.offer.percent_of_order: a percent-of-order coupon needs the order value in the context"
    );
}

#[test]
fn policy_json_rejects_unknown_fields_and_unknown_kinds() {
    let mut doc: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    doc["limits"][0]["colour"] = serde_json::json!("red");
    let err = serde_json::from_value::<Policy>(doc)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `colour`"), "{err}");
    let mut doc: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    doc["limits"][0]["when"]["kinds"] = serde_json::json!(["voucher"]);
    let err = serde_json::from_value::<Policy>(doc)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown variant `voucher`"), "{err}");
    let mut doc: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    doc["limits"][0]["scope"] = serde_json::json!({"per": "customer", "days": 3, "hours": 2});
    assert!(serde_json::from_value::<Policy>(doc).is_err());
    let err = serde_json::from_str::<Offer>(r#"{"kind": "refund", "percent_of_order": "5"}"#)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("expected exactly one of value or percent_of_order")
    );
}

#[test]
fn policy_request_and_grant_round_trip_through_json() {
    let doc: Policy = serde_json::from_str(CONTACT_CENTRE).unwrap();
    let back: Policy = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_eq!(back, doc);
    let req = reference_request(5);
    let back: Request = serde_json::from_str(&serde_json::to_string(&req).unwrap()).unwrap();
    assert_eq!(back, req);
    let g = grant(
        at(2024, 1, 2, 3, 4),
        "a",
        "c",
        "T",
        OfferKind::FreeProduct,
        eur("3.5"),
    );
    let back: Grant = serde_json::from_str(&serde_json::to_string(&g).unwrap()).unwrap();
    assert_eq!(back, g);
    assert!(serde_json::from_str::<Grant>(
        r#"{"at":"2024-01-01T00:00:00Z","agent":"a","customer":"c","interaction":"T","kind":"gift","value":{"amount":"-1","currency":"EUR"}}"#
    )
    .is_err());
}

// ---------------------------------------------------------------------------
// Laws

const AGENTS: [&str; 3] = ["ana", "bo", "cy"];
const CUSTOMERS: [&str; 3] = ["c-1", "c-2", "c-3"];
const INTERACTIONS: [&str; 3] = ["T-1", "T-2", "T-3"];
const ROLES: [&str; 4] = ["agent", "team_leader", "manager", "intern"];
const TIERS: [&str; 3] = ["bronze", "gold", "platinum"];

fn kind_strategy() -> impl Strategy<Value = OfferKind> {
    (0..OfferKind::ALL.len()).prop_map(|i| OfferKind::ALL[i])
}

fn history_strategy() -> impl Strategy<Value = Vec<Grant>> {
    prop::collection::vec(
        (
            0..3_usize,
            0..3_usize,
            0..3_usize,
            kind_strategy(),
            0..20_000_i64,
            1..(120 * 24_i64),
        ),
        0..30,
    )
    .prop_map(|rows| {
        let now = at(2024, 10, 15, 12, 0);
        rows.into_iter()
            .map(|(a, c, i, kind, cents, hours_ago)| {
                grant(
                    now - TimeDelta::hours(hours_ago),
                    AGENTS[a],
                    CUSTOMERS[c],
                    INTERACTIONS[i],
                    kind,
                    Money::from_minor_units(cents, Currency::EUR),
                )
            })
            .collect()
    })
}

fn ask_strategy() -> impl Strategy<Value = Ask> {
    (
        0..3_usize,
        0..4_usize,
        0..3_usize,
        0..3_usize,
        0..3_usize,
        kind_strategy(),
        prop::option::of(0..50_000_i64),
    )
        .prop_map(|(a, r, c, t, i, kind, order)| {
            let mut ask = Ask::new(kind, eur("0"));
            ask.at = at(2024, 10, 15, 12, 0);
            ask.agent = AGENTS[a];
            ask.role = ROLES[r];
            ask.customer = CUSTOMERS[c];
            ask.tier = TIERS[t];
            ask.interaction = INTERACTIONS[i];
            ask.order = order.map(|o| Money::from_minor_units(o, Currency::EUR));
            ask
        })
}

fn extra_limit_strategy() -> impl Strategy<Value = Limit> {
    (
        0..4_usize,
        prop::bool::ANY,
        0..30_000_i64,
        0..4_u32,
        0..3_usize,
        prop::option::of(kind_strategy()),
    )
        .prop_map(|(scope, by_count, cents, count, action, kind)| {
            let scope = match scope {
                0 => Scope::Offer,
                1 => Scope::Interaction,
                2 => Scope::customer_days(30),
                _ => Scope::Agent {
                    period: Period::Month,
                },
            };
            let measure = if by_count {
                Measure::MaxCount(count)
            } else {
                Measure::MaxAmount(Money::from_minor_units(cents, Currency::EUR))
            };
            let action = [Action::Deny, Action::Escalate, Action::Cap][action];
            let l = Limit::new("extra", scope, measure, action);
            match kind {
                Some(k) => l.when(Filters::default().kinds([k])),
                None => l,
            }
        })
}

fn severity(o: &Outcome) -> u8 {
    match o {
        Outcome::Approve => 0,
        Outcome::ApproveUpTo(_) => 1,
        Outcome::Escalate(_) => 2,
        Outcome::Deny => 3,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn raising_the_amount_never_loosens_the_outcome(
        grants in history_strategy(), ask in ask_strategy(), a in 0..40_000_i64, b in 0..40_000_i64,
    ) {
        let policy = compiled(CONTACT_CENTRE);
        let history = GrantHistory::new(grants).unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        let mut ask = ask;
        ask.value = Money::from_minor_units(lo, Currency::EUR);
        let low = policy.evaluate(&ask.build(), &history).unwrap();
        ask.value = Money::from_minor_units(hi, Currency::EUR);
        let high = policy.evaluate(&ask.build(), &history).unwrap();
        prop_assert!(severity(low.outcome()) <= severity(high.outcome()),
            "{} then {}", low.reason(), high.reason());
        prop_assert!(!(low.outcome() == &Outcome::Deny && high.outcome() == &Outcome::Approve));
    }

    #[test]
    fn adding_a_limit_never_loosens_a_decision(
        grants in history_strategy(), ask in ask_strategy(), cents in 0..40_000_i64, extra in extra_limit_strategy(),
    ) {
        let doc: Policy = serde_json::from_str(CONTACT_CENTRE).unwrap();
        let before = doc.clone().compile().unwrap();
        let after = doc.limit(extra).compile().unwrap();
        let history = GrantHistory::new(grants).unwrap();
        let mut ask = ask;
        ask.value = Money::from_minor_units(cents, Currency::EUR);
        let req = ask.build();
        let b = before.evaluate(&req, &history).unwrap();
        let a = after.evaluate(&req, &history).unwrap();
        prop_assert!(severity(b.outcome()) <= severity(a.outcome()), "{} then {}", b.reason(), a.reason());
        if let (Some(gb), Some(ga)) = (b.grant(), a.grant()) {
            prop_assert!(ga.value().amount() <= gb.value().amount());
        }
    }

    #[test]
    fn approved_amounts_never_exceed_an_applicable_limit(
        grants in history_strategy(), ask in ask_strategy(), cents in 0..40_000_i64, extra in extra_limit_strategy(),
    ) {
        let doc: Policy = serde_json::from_str(CONTACT_CENTRE).unwrap();
        let policy = doc.limit(extra).compile().unwrap();
        let history = GrantHistory::new(grants).unwrap();
        let mut ask = ask;
        ask.value = Money::from_minor_units(cents, Currency::EUR);
        let d = policy.evaluate(&ask.build(), &history).unwrap();
        if let Some(g) = d.grant() {
            for c in d.checks() {
                match (c.observed(), c.limit()) {
                    (Quantity::Money(before), Quantity::Money(max)) => {
                        prop_assert!(before.checked_add(&g.value()).unwrap().amount() <= max.amount(),
                            "{}: {} + {} > {}", c.limit_id(), before, g.value(), max);
                    }
                    (Quantity::Count(before), Quantity::Count(max)) => prop_assert!(before < max),
                    _ => prop_assert!(false, "mixed quantities"),
                }
            }
        }
    }

    #[test]
    fn evaluation_is_deterministic_and_ignores_history_order(
        grants in history_strategy(), ask in ask_strategy(), cents in 0..40_000_i64, seed in any::<u64>(),
    ) {
        let policy = compiled(CONTACT_CENTRE);
        let mut shuffled = grants.clone();
        // Fisher–Yates with a fixed LCG: a different order, same grants.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut ask = ask;
        ask.value = Money::from_minor_units(cents, Currency::EUR);
        let req = ask.build();
        let a = policy.evaluate(&req, &GrantHistory::new(grants).unwrap()).unwrap();
        let b = policy.evaluate(&req, &GrantHistory::new(shuffled).unwrap()).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.fingerprint(), b.fingerprint());
    }

    #[test]
    fn a_recorded_grant_reduces_the_next_identical_requests_headroom(
        grants in history_strategy(), ask in ask_strategy(), cents in 1..40_000_i64,
    ) {
        let policy = compiled(CONTACT_CENTRE);
        let mut history = GrantHistory::new(grants).unwrap();
        let mut ask = ask;
        ask.value = Money::from_minor_units(cents, Currency::EUR);
        let req = ask.build();
        let first = policy.evaluate(&req, &history).unwrap();
        if let Some(g) = first.grant() {
            history.push(g.clone()).unwrap();
            let second = policy.evaluate(&req, &history).unwrap();
            prop_assert_eq!(first.checks().len(), second.checks().len());
            for (c1, c2) in first.checks().iter().zip(second.checks()) {
                match (c1.scope(), c1.observed(), c2.observed(), c1.headroom(), c2.headroom()) {
                    (Scope::Offer, ..) => prop_assert_eq!(c1, c2),
                    (_, Quantity::Money(o1), Quantity::Money(o2), Quantity::Money(h1), Quantity::Money(h2)) => {
                        prop_assert_eq!(o2, o1.checked_add(&g.value()).unwrap());
                        prop_assert!(h2.amount() <= h1.amount());
                        prop_assert_eq!(h2.amount(), (h1.amount() - g.value().amount()).max(Decimal::ZERO));
                    }
                    (_, Quantity::Count(o1), Quantity::Count(o2), ..) => prop_assert_eq!(o2, o1 + 1),
                    _ => prop_assert!(false),
                }
            }
        }
    }
}

#[test]
fn decisions_headroom_and_what_if_serialise_for_audit_logs() {
    let policy = compiled(REFERENCE);
    let d = decide_fresh(&policy, &reference_request(4));
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["outcome"], serde_json::json!({"escalate": "senior"}));
    assert_eq!(v["deciding"], "agent-silver-approval");
    assert_eq!(v["checks"].as_array().unwrap().len(), 3);
    assert_eq!(
        v["checks"][2]["verdict"],
        serde_json::json!({"escalate_to": "senior"})
    );
    assert_eq!(v["checks"][0]["verdict"], "pass");
    assert_eq!(v["grant"], serde_json::Value::Null);
    assert_eq!(
        v["fingerprint"],
        serde_json::json!(d.fingerprint().to_string())
    );
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .starts_with("escalate to senior")
    );
    let outcome: Outcome = serde_json::from_value(v["outcome"].clone()).unwrap();
    assert_eq!(&outcome, d.outcome());
    let room = policy
        .headroom(
            reference_request(0).requester(),
            reference_request(0).recipient(),
            reference_request(0).context(),
            reference_request(0).at(),
            &GrantHistory::empty(),
        )
        .unwrap();
    let v = serde_json::to_value(&room).unwrap();
    // agent, bronze, refund: min(25, 50 % × 120 = 60, approval 15) = 15
    assert_eq!(v["kinds"][0]["kind"], "refund");
    assert_eq!(v["kinds"][0]["binding"], "agent-bronze-approval");
    assert_eq!(room.of(OfferKind::Refund).unwrap().max(), Some(eur("15")));
    let h = GrantHistory::empty();
    let r = reference_request(0);
    let report = what_if(&policy, &policy, [(&r, &h)]).unwrap();
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(
        v["transitions"],
        serde_json::json!([{"from": "approve", "to": "approve", "count": 1}])
    );
}

/// The JSON form shown in the module docs reads and compiles.
#[test]
fn the_documented_json_form_compiles_without_warnings() {
    let json = r#"{
      "version": "2024-07",
      "effective_from": "2024-07-01T00:00:00Z",
      "effective_until": "2025-01-01T00:00:00Z",
      "currency": "EUR",
      "time_zone": "Europe/Berlin",
      "levels": ["agent", "senior", "supervisor", "manager"],
      "limits": [
        {"id": "agent-refund", "description": "agents refund at most 50 EUR",
         "scope": {"per": "offer"},
         "measure": {"max_amount": {"amount": "50", "currency": "EUR"}},
         "when": {"roles": ["agent"], "kinds": ["refund"]},
         "exceeded": "escalate"},
        {"id": "repeat-goodwill", "scope": {"per": "customer", "days": 90},
         "measure": {"max_count": 1}, "when": {"kinds": ["credit", "coupon", "gift"]},
         "exceeded": "escalate", "escalate_to": "supervisor"},
        {"id": "order-share", "scope": {"per": "interaction"},
         "measure": {"max_percent_of_order": "100"}, "exceeded": "cap"},
        {"id": "agent-month", "scope": {"per": "agent", "period": "month"},
         "measure": {"max_amount": {"amount": "2000", "currency": "EUR"}},
         "when": {"roles": ["agent"]}, "exceeded": "deny"}
      ],
      "tier_multipliers": {"gold": "1.5", "platinum": "2"},
      "approval_thresholds": {"senior": {"amount": "300", "currency": "EUR"}}
    }"#;
    let policy = serde_json::from_str::<Policy>(json)
        .unwrap()
        .compile()
        .unwrap();
    assert!(policy.warnings().is_empty(), "{:?}", policy.warnings());
    assert_eq!(policy.levels().len(), 4);
}

// ---------------------------------------------------------------- edges found by mutation testing

#[test]
fn a_limit_with_more_decimals_than_the_currency_is_kept_exactly() {
    // "at most 10.005 EUR" per offer, capped: 10.003 EUR is within it and
    // approved as asked; only limits derived by a multiplier or a
    // percentage are rounded (toward zero) to the cent.
    let policy = base("v")
        .limit(limit(
            "offer",
            Scope::Offer,
            Measure::MaxAmount(Money::new(Decimal::new(10_005, 3), Currency::EUR)),
            Action::Cap,
        ))
        .compile()
        .unwrap();
    let asked = Money::new(Decimal::new(10_003, 3), Currency::EUR);
    let d = decide_fresh(&policy, &Ask::new(OfferKind::Refund, asked).build());
    assert_eq!(d.outcome(), &Outcome::Approve);
}

#[test]
fn a_kind_listed_twice_in_a_filter_still_counts_once() {
    // Filters may repeat a kind; the limit still applies to that kind.
    let filters = Filters::default().kinds([OfferKind::Refund, OfferKind::Refund]);
    let policy = base("v")
        .limit(limit("refunds", Scope::Offer, amount("20"), Action::Deny).when(filters))
        .compile()
        .unwrap();
    let d = decide_fresh(&policy, &Ask::new(OfferKind::Refund, eur("25")).build());
    assert_eq!(d.outcome(), &Outcome::Deny);
    assert_eq!(d.deciding_check().unwrap().limit_id(), "refunds");
}

#[test]
fn percent_limits_accept_zero_and_refuse_below_zero() {
    let with = |p: Decimal| {
        base("v")
            .limit(limit(
                "share",
                Scope::Offer,
                Measure::MaxPercentOfOrder(p),
                Action::Deny,
            ))
            .compile()
    };
    assert!(with(Decimal::ZERO).is_ok());
    assert!(with(Decimal::ONE_HUNDRED).is_ok());
    for bad in [Decimal::NEGATIVE_ONE, Decimal::new(10_001, 2)] {
        let err = with(bad).unwrap_err().to_string();
        assert!(err.contains("percent"), "{bad}: {err}");
    }
}

#[test]
fn an_approval_with_only_count_limits_names_how_many_applied() {
    // One count limit applies and leaves room: no money headroom to name,
    // so the reason counts the limits instead of saying none applied.
    let policy = base("v")
        .limit(limit(
            "once",
            Scope::customer_days(30),
            Measure::MaxCount(3),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let d = decide_fresh(&policy, &Ask::new(OfferKind::Gift, eur("5")).build());
    assert_eq!(d.outcome(), &Outcome::Approve);
    assert_eq!(d.checks().len(), 1);
    assert_eq!(
        d.reason(),
        "approve: gift 5.00 EUR is within all 1 applicable limits"
    );
}

#[test]
fn the_fingerprint_is_fnv_1a_of_the_documented_encoding() {
    // Expected values from tests/vectors/refs/compensation/fingerprint.py,
    // which implements the encoding documented on `Fingerprint` in Python.
    let policy = base("v")
        .limit(limit("offer", Scope::Offer, amount("100"), Action::Deny))
        .limit(limit(
            "budget",
            Scope::customer_days(30),
            amount("500"),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let g2_at = at(2024, 6, 5, 8, 30) + TimeDelta::milliseconds(250);
    let history = GrantHistory::new(vec![
        grant(g2_at, "ana", "c-1", "T-8", OfferKind::Credit, eur("5")),
        grant(
            at(2024, 6, 3, 9, 0),
            "bo",
            "c-2",
            "T-9",
            OfferKind::Gift,
            eur("7"),
        ),
        grant(
            at(2024, 6, 1, 10, 0),
            "bo",
            "c-1",
            "T-7",
            OfferKind::Refund,
            eur("12.50"),
        ),
    ])
    .unwrap();
    let req = Ask::new(OfferKind::Refund, eur("1")).build();
    let d = policy.evaluate(&req, &history).unwrap();
    assert_eq!(d.outcome(), &Outcome::Approve);
    assert_eq!(d.fingerprint().to_string(), "c8a80f61f3187a0f");
    assert_eq!(policy.fingerprint(&req, &history).unwrap(), d.fingerprint());
    // Without history only the version and the limit's position count.
    let empty = decide_fresh(&policy, &req);
    assert_eq!(empty.fingerprint().to_string(), "26d891b944d20c9d");
}

#[test]
fn equal_caps_and_equal_escalations_go_to_the_first_in_policy_order() {
    // SPEC/module docs: among caps the smallest amount, among escalations
    // the highest level, "otherwise the first in policy order".
    let t = at(2024, 6, 9, 0, 0);
    let caps = base("v")
        .limit(limit("cap-a", Scope::Offer, amount("20"), Action::Cap))
        .limit(limit("cap-b", Scope::Offer, amount("20"), Action::Cap))
        .compile()
        .unwrap();
    let d = decide_fresh(&caps, &Ask::new(OfferKind::Refund, eur("30")).build());
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur("20")));
    assert_eq!(d.deciding_check().unwrap().limit_id(), "cap-a");
    let escalations = base("v")
        .limit(
            limit("esc-a", Scope::Offer, amount("20"), Action::Escalate)
                .escalate_to(role("supervisor")),
        )
        .limit(
            limit("esc-b", Scope::Offer, amount("10"), Action::Escalate)
                .escalate_to(role("supervisor")),
        )
        .compile()
        .unwrap();
    let d = decide_fresh(
        &escalations,
        &Ask::new(OfferKind::Refund, eur("30")).build(),
    );
    assert_eq!(d.outcome(), &Outcome::Escalate(role("supervisor")));
    assert_eq!(d.deciding_check().unwrap().limit_id(), "esc-a");
    // Headroom: two limits leaving the same room bind in policy order; a
    // spent count limit leaves no room at all.
    let policy = base("v")
        .limit(limit(
            "room-a",
            Scope::customer_days(30),
            amount("50"),
            Action::Cap,
        ))
        .limit(limit("room-b", Scope::Offer, amount("40"), Action::Cap))
        .limit(
            limit(
                "one-gift",
                Scope::customer_days(30),
                Measure::MaxCount(1),
                Action::Deny,
            )
            .when(Filters::default().kinds([OfferKind::Gift])),
        )
        .compile()
        .unwrap();
    let history =
        GrantHistory::new(vec![grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("10"))]).unwrap();
    let room = policy
        .headroom(
            &Requester::new(AgentId::new("ana").unwrap(), role("agent")),
            &Recipient::new(
                CustomerId::new("c-1").unwrap(),
                TierId::new("bronze").unwrap(),
            ),
            &Context::new(InteractionId::new("T-1").unwrap(), Channel::Chat),
            at(2024, 6, 10, 12, 0),
            &history,
        )
        .unwrap();
    // refund: room-a 50 − 10 = 40, room-b 40 → tie, room-a first.
    let refund = room.of(OfferKind::Refund).unwrap();
    assert_eq!(refund.max(), Some(eur("40")));
    assert_eq!(refund.binding_limit(), Some("room-a"));
    // gift: one gift already given → 0, bound by the count limit.
    let gift = room.of(OfferKind::Gift).unwrap();
    assert_eq!(gift.max(), Some(eur("0")));
    assert_eq!(gift.binding_limit(), Some("one-gift"));
}

#[test]
fn reason_filters_select_only_their_reasons() {
    let late = Reason::new("late_delivery").unwrap();
    let filters = Filters::default().reasons([late.clone()]);
    assert_eq!(filters.reason_list(), Some(&[late][..]));
    let policy = base("v")
        .limit(limit("late", Scope::Offer, amount("5"), Action::Deny).when(filters))
        .compile()
        .unwrap();
    let mut ask = Ask::new(OfferKind::Credit, eur("8"));
    ask.reason = Some("late_delivery");
    let d = decide_fresh(&policy, &ask.build());
    assert_eq!(d.outcome(), &Outcome::Deny);
    ask.reason = Some("damaged");
    let d = decide_fresh(&policy, &ask.build());
    assert_eq!(d.outcome(), &Outcome::Approve);
    ask.reason = None;
    let d = decide_fresh(&policy, &ask.build());
    assert_eq!(d.outcome(), &Outcome::Approve);
}

#[test]
fn policies_offers_and_histories_give_back_what_they_were_built_with() {
    let from = at(2024, 1, 1, 0, 0);
    let until = at(2025, 1, 1, 0, 0);
    let cap = limit("cap", Scope::Offer, amount("20"), Action::Cap);
    let policy = Policy::new("2024-h1", from, Currency::EUR)
        .level(role("agent"))
        .level(role("senior"))
        .limit(cap.clone())
        .until(until);
    assert_eq!(policy.version(), "2024-h1");
    assert_eq!(policy.effective_until(), Some(until));
    assert_eq!(policy.levels(), [role("agent"), role("senior")]);
    assert_eq!(policy.limits(), [cap]);
    // A warning names its path.
    let warned = base("v")
        .limit(
            limit("never", Scope::Offer, amount("1"), Action::Deny)
                .when(Filters::default().kinds([])),
        )
        .compile()
        .unwrap();
    assert_eq!(warned.warnings()[0].path(), "limits[0]");

    let p = Percent::new(Decimal::new(125, 1)).unwrap();
    assert_eq!(p.get(), Decimal::new(125, 1));
    assert_eq!(Decimal::from(p), Decimal::new(125, 1));

    let offer = Offer::new(OfferKind::Gift, eur("15"))
        .unwrap()
        .with_description("flowers");
    assert_eq!(offer.description(), Some("flowers"));
    let json = serde_json::to_string(&offer).unwrap();
    let back: Offer = serde_json::from_str(&json).unwrap();
    assert_eq!(back.description(), Some("flowers"));
    assert_eq!(back, offer);

    let t = at(2024, 6, 1, 0, 0);
    let grants = vec![
        grant(t, "bo", "c-1", "T", OfferKind::Gift, eur("10")),
        grant(
            t - TimeDelta::days(1),
            "bo",
            "c-1",
            "T",
            OfferKind::Refund,
            eur("5"),
        ),
    ];
    let history = GrantHistory::try_from(grants.clone()).unwrap();
    assert_eq!(history.len(), 2);
    assert!(!history.is_empty());
    // Sorted by time: the refund of the day before comes first.
    assert_eq!(history.grants(), [grants[1].clone(), grants[0].clone()]);
    assert_eq!(GrantHistory::empty().len(), 0);
    assert!(GrantHistory::empty().is_empty());
}

#[test]
fn only_approvals_grant_anything() {
    assert!(Outcome::Approve.grants());
    assert!(Outcome::ApproveUpTo(eur("15")).grants());
    assert!(!Outcome::Escalate(role("senior")).grants());
    assert!(!Outcome::Deny.grants());
}

// ---------------------------------------------------------------------------
// Regressions (issue reports)

#[test]
fn an_explanation_quotes_the_limit_that_applied_after_the_tier_multiplier() {
    // Regression: a gold customer (×1.5) asking 50 EUR against "at most
    // 30 EUR per offer" was told "at most 30.00 EUR ... headroom 45.00 EUR".
    // By hand: 30 × 1.5 = 45; 50 > 45 → deny with headroom 45 − 0 = 45.
    let policy = base("v")
        .tier_multiplier(
            TierId::new("gold").unwrap(),
            Multiplier::new("1.5".parse().unwrap()).unwrap(),
        )
        .limit(limit("offer-max", Scope::Offer, amount("30"), Action::Deny))
        .approval_threshold(role("agent"), eur("20"))
        .compile()
        .unwrap();
    let mut a = Ask::new(OfferKind::Refund, eur("50"));
    a.tier = "gold";
    let d = decide_fresh(&policy, &a.build());
    assert_eq!(d.outcome(), &Outcome::Deny);
    assert_eq!(
        d.reason(),
        "deny: refund 50.00 EUR exceeds limit \"offer-max\" (at most 45.00 EUR per offer): \
         0.00 EUR before, 50.00 EUR after, limit 45.00 EUR, headroom 45.00 EUR"
    );
    assert_eq!(d.checks()[0].description(), "at most 45.00 EUR per offer");
    // The approval threshold scales too: 20 × 1.5 = 30.
    assert_eq!(
        d.checks()[1].description(),
        "agent approves at most 30.00 EUR per offer without escalating"
    );
    // Bronze has no multiplier: the policy's own numbers.
    a.tier = "bronze";
    let d = decide_fresh(&policy, &a.build());
    assert_eq!(d.checks()[0].description(), "at most 30.00 EUR per offer");
    assert_eq!(
        d.checks()[1].description(),
        "agent approves at most 20.00 EUR per offer without escalating"
    );
}

#[test]
fn the_explanation_is_data_and_displays_as_the_reason() {
    let policy = base("v")
        .limit(limit("max", Scope::Offer, amount("20"), Action::Deny))
        .limit(limit(
            "budget",
            Scope::customer_days(30),
            amount("50"),
            Action::Cap,
        ))
        .approval_threshold(role("supervisor"), eur("10"))
        .compile()
        .unwrap();
    let h = GrantHistory::new(vec![grant(
        at(2024, 6, 1, 9, 0),
        "bo",
        "c-1",
        "T-0",
        OfferKind::Gift,
        eur("42"),
    )])
    .unwrap();
    let decide = |a: &Ask| policy.evaluate(&a.build(), &h).unwrap();
    // Within: max leaves 20, the budget 50 − 42 = 8: the budget is tightest.
    let d = decide(&Ask::new(OfferKind::Refund, eur("5")));
    let Explanation::WithinLimits {
        applied, tightest, ..
    } = d.explanation()
    else {
        panic!("{}", d.explanation());
    };
    assert_eq!(applied, 2);
    assert_eq!(tightest.map(Check::limit_id), Some("budget"));
    assert_eq!(
        d.to_string(),
        "approve: refund 5.00 EUR is within all 2 applicable limits; the tightest is \"budget\" \
         (at most 50.00 EUR per customer over 30 days) with headroom 8.00 EUR"
    );
    // Exceeded, capped: 42 + 10 = 52 > 50 → up to 8.
    let d = decide(&Ask::new(OfferKind::Refund, eur("10")));
    let Explanation::Exceeded {
        outcome,
        check,
        no_level_above,
        asked,
        kind,
        ..
    } = d.explanation()
    else {
        panic!("{}", d.explanation());
    };
    assert_eq!(outcome, &Outcome::ApproveUpTo(eur("8")));
    assert_eq!((check.limit_id(), no_level_above), ("budget", None));
    assert_eq!((kind, asked), (OfferKind::Refund, eur("10")));
    // The top level escalating finds nobody above: denied, and it says so.
    let mut a = Ask::new(OfferKind::Refund, eur("15"));
    a.role = "supervisor";
    let d = decide(&a);
    let Explanation::Exceeded { no_level_above, .. } = d.explanation() else {
        panic!("{}", d.explanation());
    };
    assert_eq!(no_level_above, Some(&role("supervisor")));
    assert!(
        d.reason()
            .ends_with("; there is no authority level above supervisor to escalate to"),
        "{}",
        d.reason()
    );
    // A role that is not a level; a role no limit applies to.
    a.role = "intern";
    assert!(matches!(
        decide(&a).explanation(),
        Explanation::NotAnAuthorityLevel { role, policy_version: "v", .. } if role.as_str() == "intern"
    ));
    let open = base("open").compile().unwrap();
    let d = open
        .evaluate(&Ask::new(OfferKind::Gift, eur("1")).build(), &h)
        .unwrap();
    assert!(matches!(
        d.explanation(),
        Explanation::NoLimitApplies { .. }
    ));
    assert_eq!(
        d.reason(),
        "approve: no limit of policy \"open\" applies to gift 1.00 EUR by agent"
    );
}

#[test]
fn a_limit_whose_id_is_levels_is_explained_as_a_limit() {
    // Regression: the explanation recognised the role check by the id
    // "levels", so a policy limit of that name, exceeded by an authorised
    // agent, was explained as "role ... is not an authority level".
    let policy = base("v")
        .limit(limit("levels", Scope::Offer, amount("20"), Action::Deny))
        .compile()
        .unwrap();
    let d = decide_fresh(&policy, &Ask::new(OfferKind::Refund, eur("30")).build());
    assert_eq!(d.outcome(), &Outcome::Deny);
    assert!(
        d.reason()
            .starts_with("deny: refund 30.00 EUR exceeds limit \"levels\" (at most 20.00 EUR"),
        "{}",
        d.reason()
    );
}

// ---------------------------------------------------------------------------
// Scopes on the crate's model of time

#[test]
fn a_berlin_monthly_agent_quota_decided_at_half_past_midnight_on_1_april_counts_april() {
    // Europe/Berlin went to summer time (+02:00) at 2024-03-31T01:00Z, so
    // 2024-03-31T22:30Z is 00:30 on 1 April locally and April began at
    // 2024-03-31T22:00Z. Grants up to 21:59:59Z are 31 March local (March);
    // from 22:00Z on they are April.
    let json = r#"{
      "version": "berlin", "effective_from": "2024-01-01T00:00:00Z", "currency": "EUR",
      "time_zone": "Europe/Berlin", "levels": ["agent", "senior"],
      "limits": [{"id": "agent-month", "scope": {"per": "agent", "period": "month"},
                  "measure": {"max_amount": {"amount": "100", "currency": "EUR"}}, "exceeded": "cap"}]
    }"#;
    let berlin = compiled(json);
    assert_eq!(berlin.zone().to_string(), "Europe/Berlin");
    let g = |when, value| grant(when, "ana", "c-9", "T-9", OfferKind::Refund, eur(value));
    let history = GrantHistory::new(vec![
        g(at(2024, 3, 31, 0, 30), "50"), // 01:30 CET, 31 March
        g(at(2024, 3, 31, 21, 59) + TimeDelta::seconds(59), "40"), // 23:59:59 CEST, 31 March
        g(at(2024, 3, 31, 22, 0), "30"), // 00:00 CEST, 1 April
        g(at(2024, 3, 31, 22, 15), "20"), // 00:15 CEST, 1 April
    ])
    .unwrap();
    let mut a = Ask::new(OfferKind::Refund, eur("60"));
    a.at = at(2024, 3, 31, 22, 30);
    // April so far: 30 + 20 = 50; 50 + 60 = 110 > 100 → cap to 100 − 50 = 50.
    let d = berlin.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.checks()[0].observed(), Quantity::Money(eur("50")));
    assert_eq!(d.outcome(), &Outcome::ApproveUpTo(eur("50")));
    // In UTC the same instant is still 31 March: all four grants are March:
    // 50 + 40 + 30 + 20 = 140 ≥ 100 → no headroom → deny.
    let utc = compiled(&json.replace("Europe/Berlin", "UTC"));
    let d = utc.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.checks()[0].observed(), Quantity::Money(eur("140")));
    assert_eq!(d.outcome(), &Outcome::Deny);
    // The winter offset +01:00 all year reads 23:30 on 31 March: still
    // March (from 2024-02-29T23:00Z), the four grants count, 140 → deny; the
    // fixed offset is an hour off across DST.
    let fixed = compiled(&json.replace("Europe/Berlin", "+01:00"));
    let d = fixed.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.checks()[0].observed(), Quantity::Money(eur("140")));
    assert_eq!(d.outcome(), &Outcome::Deny);
}

#[test]
fn scope_json_forms_read_as_before_and_name_the_new_windows() {
    let read = |j: &str| serde_json::from_str::<Scope>(j);
    let show = |s: Scope| serde_json::to_string(&s).unwrap();
    // Today's forms, unchanged in both directions.
    for (text, scope) in [
        (r#"{"per":"offer"}"#, Scope::Offer),
        (r#"{"per":"interaction"}"#, Scope::Interaction),
        (r#"{"per":"customer","days":30}"#, Scope::customer_days(30)),
        (
            r#"{"per":"agent","period":"day"}"#,
            Scope::Agent {
                period: Period::Day,
            },
        ),
        (
            r#"{"per":"agent","period":"week"}"#,
            Scope::Agent {
                period: Period::IsoWeek,
            },
        ),
        (
            r#"{"per":"agent","period":"month"}"#,
            Scope::Agent {
                period: Period::Month,
            },
        ),
        (
            r#"{"per":"customer","months":3}"#,
            Scope::Customer {
                window: Window::Rolling(Span::Months(3)),
            },
        ),
        (
            r#"{"per":"customer","period":"quarter"}"#,
            Scope::Customer {
                window: Window::Calendar(Period::Quarter),
            },
        ),
        (
            r#"{"per":"agent","period":"year"}"#,
            Scope::Agent {
                period: Period::Year,
            },
        ),
    ] {
        assert_eq!(read(text).unwrap(), scope, "{text}");
        assert_eq!(show(scope), text);
    }
    // "iso_week", the crate's own name of the period, reads as "week".
    assert_eq!(
        read(r#"{"per":"agent","period":"iso_week"}"#).unwrap(),
        Scope::Agent {
            period: Period::IsoWeek
        }
    );
    // Shapes that say too much or too little.
    for bad in [
        r#"{"per":"customer"}"#,
        r#"{"per":"customer","days":30,"months":1}"#,
        r#"{"per":"agent"}"#,
        r#"{"per":"agent","days":7}"#,
        r#"{"per":"offer","days":1}"#,
        r#"{"per":"agent","period":"fortnight"}"#,
        r#"{"per":"customer","days":30,"hours":2}"#,
    ] {
        assert!(read(bad).is_err(), "{bad}");
    }
    assert!(
        read(r#"{"per":"customer"}"#)
            .unwrap_err()
            .to_string()
            .contains("a scope per customer takes exactly one of days, months or period")
    );
}

#[test]
fn rolling_months_and_calendar_periods_bound_a_customers_grants() {
    // Rolling 1 month at 2024-03-31T12:00Z (UTC): February has no 31st, so
    // the window starts at 1 March 00:00, exclusive: the grant at that very
    // instant and the one on 29 February are out, 1 March 00:00:01 is in.
    let months = base("v")
        .limit(limit(
            "month",
            Scope::Customer {
                window: Window::Rolling(Span::Months(1)),
            },
            Measure::MaxCount(10),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let g = |when| grant(when, "bo", "c-1", "T-0", OfferKind::Gift, eur("1"));
    let history = GrantHistory::new(vec![
        g(at(2024, 2, 29, 13, 0)),
        g(at(2024, 3, 1, 0, 0)),
        g(at(2024, 3, 1, 0, 0) + TimeDelta::seconds(1)),
        g(at(2024, 3, 31, 11, 0)),
    ])
    .unwrap();
    let mut a = Ask::new(OfferKind::Refund, eur("1"));
    a.at = at(2024, 3, 31, 12, 0);
    let d = months.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.checks()[0].observed(), Quantity::Count(2));
    // The calendar month in -05:00: March began at 2024-03-01T05:00Z,
    // inclusive; the grants at 00:00Z and 00:00:01Z are still February
    // locally (19:00 on the 29th): only 2024-03-31T11:00Z counts.
    let calendar = base("v")
        .time_zone("-05:00".parse().unwrap())
        .limit(limit(
            "this-month",
            Scope::Customer {
                window: Window::Calendar(Period::Month),
            },
            Measure::MaxCount(10),
            Action::Deny,
        ))
        .compile()
        .unwrap();
    let history = GrantHistory::new(vec![
        g(at(2024, 3, 1, 0, 0)),
        g(at(2024, 3, 1, 5, 0)), // local midnight, 1 March: the first instant counts
        g(at(2024, 3, 31, 11, 0)),
    ])
    .unwrap();
    let d = calendar.evaluate(&a.build(), &history).unwrap();
    assert_eq!(d.checks()[0].observed(), Quantity::Count(2));
    assert_eq!(
        d.checks()[0].description(),
        "at most 10 grants per customer per month"
    );
}

#[test]
fn a_policy_time_zone_is_an_offset_or_a_known_iana_name() {
    let json = |tz: &str| {
        format!(
            r#"{{"version": "v", "effective_from": "2024-01-01T00:00:00Z", "currency": "EUR",
                 "time_zone": "{tz}", "levels": ["agent"]}}"#
        )
    };
    for ok in ["UTC", "Z", "+05:30", "-03:00", "America/New_York"] {
        let p: Policy = serde_json::from_str(&json(ok)).unwrap();
        assert_eq!(
            p.compile().unwrap().zone().to_string(),
            if ok == "Z" { "UTC" } else { ok }
        );
    }
    for bad in ["Europe/Atlantis", "+25:00", "berlin"] {
        let err = serde_json::from_str::<Policy>(&json(bad)).unwrap_err();
        assert!(err.to_string().contains(bad), "{bad}: {err}");
    }
    // A rolling window of no months is empty, like one of no days.
    let err = base("v")
        .limit(limit(
            "none",
            Scope::Customer {
                window: Window::Rolling(Span::Months(0)),
            },
            amount("1"),
            Action::Deny,
        ))
        .compile()
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("limits[0].scope.months: a rolling window of 0 months is empty"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// The indexed history against brute force

/// Grants with instants on a coarse grid (so several share an instant) and
/// amounts with 0 to 3 decimals (so series mix scales).
fn tied_history_strategy() -> impl Strategy<Value = Vec<Grant>> {
    prop::collection::vec(
        (
            0..3_usize,
            0..3_usize,
            0..3_usize,
            kind_strategy(),
            0..20_000_i64,
            0..4_u32,
            0..40_i64,
        ),
        0..40,
    )
    .prop_map(|rows| {
        let now = at(2024, 10, 15, 12, 0);
        rows.into_iter()
            .map(|(a, c, i, kind, mantissa, scale, days_ago)| {
                grant(
                    now - TimeDelta::days(days_ago),
                    AGENTS[a],
                    CUSTOMERS[c],
                    INTERACTIONS[i],
                    kind,
                    Money::new(Decimal::new(mantissa, scale), Currency::EUR),
                )
            })
            .collect()
    })
}

/// The sum a one-by-one addition gives: the value, at the largest scale
/// among the amounts (0 for none).
fn brute_sum<'a>(grants: impl Iterator<Item = &'a Grant>) -> (Decimal, u32, usize) {
    let mut total = Decimal::ZERO;
    let mut scale = 0;
    let mut n = 0;
    for g in grants {
        total += g.value().amount();
        scale = scale.max(g.value().amount().scale());
        n += 1;
    }
    (total, scale, n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn indexed_windows_equal_a_brute_force_sum(
        grants in tied_history_strategy(), ask in ask_strategy(), days in 1..45_u32,
        kinds in prop::option::of(prop::collection::vec(kind_strategy(), 0..4)),
    ) {
        let history = GrantHistory::new(grants.clone()).unwrap();
        let mut ask = ask;
        ask.role = "agent";
        ask.value = eur("0");
        let req = ask.build();
        let counts = |g: &&Grant| kinds.as_ref().is_none_or(|k| k.contains(&g.kind()));
        let start = req.at() - TimeDelta::days(i64::from(days));
        // at − days < t ≤ at for the request's customer; t ≤ at for its
        // interaction; only the filtered kinds.
        let customer = brute_sum(grants.iter().filter(counts).filter(|g| {
            g.customer().as_str() == ask.customer && g.at() > start && g.at() <= req.at()
        }));
        let case = brute_sum(grants.iter().filter(counts).filter(|g| {
            g.interaction().as_str() == ask.interaction && g.at() <= req.at()
        }));
        let applies = kinds.as_ref().is_none_or(|k| k.contains(&req.kind()));
        for by_count in [true, false] {
            let measure = if by_count { Measure::MaxCount(1_000) } else { amount("1000000") };
            let filters = kinds.clone().map_or_else(Filters::default, |k| Filters::default().kinds(k));
            let policy = base("v")
                .limit(limit("customer", Scope::customer_days(days), measure, Action::Deny)
                    .when(filters.clone()))
                .limit(limit("case", Scope::Interaction, measure, Action::Deny).when(filters))
                .compile()
                .unwrap();
            let d = policy.evaluate(&req, &history).unwrap();
            prop_assert_eq!(d.checks().len(), if applies { 2 } else { 0 });
            for (c, (total, scale, n)) in d.checks().iter().zip([customer, case]) {
                match c.observed() {
                    Quantity::Count(got) => prop_assert_eq!(got, u32::try_from(n).unwrap()),
                    Quantity::Money(got) => {
                        prop_assert_eq!(got.amount(), total);
                        prop_assert_eq!(got.amount().scale(), scale, "{}: {}", c.limit_id(), got);
                    }
                }
            }
        }
    }

    #[test]
    fn pushing_grants_one_by_one_decides_as_building_at_once(
        grants in tied_history_strategy(), asks in prop::collection::vec(ask_strategy(), 1..4),
        seed in any::<u64>(), cents in 0..40_000_i64,
    ) {
        let policy = compiled(CONTACT_CENTRE);
        let built = GrantHistory::new(grants.clone()).unwrap();
        let mut shuffled = grants;
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut pushed = GrantHistory::empty();
        for g in shuffled {
            pushed.push(g).unwrap();
        }
        prop_assert_eq!(built.grants(), pushed.grants());
        for mut ask in asks {
            ask.value = Money::from_minor_units(cents, Currency::EUR);
            let req = ask.build();
            let a = policy.evaluate(&req, &built).unwrap();
            let b = policy.evaluate(&req, &pushed).unwrap();
            prop_assert_eq!(a.checks(), b.checks());
            prop_assert_eq!(a.fingerprint(), b.fingerprint());
        }
    }

    #[test]
    fn the_fingerprint_changes_with_a_counted_window_and_only_then(
        grants in tied_history_strategy(), ask in ask_strategy(), days_ago in 0..40_i64,
    ) {
        let policy = base("v")
            .limit(limit("customer", Scope::customer_days(30), amount("1000000"), Action::Deny))
            .compile()
            .unwrap();
        let mut ask = ask;
        ask.role = "agent";
        ask.value = eur("1");
        let req = ask.build();
        let mut history = GrantHistory::new(grants).unwrap();
        let before = policy.fingerprint(&req, &history).unwrap();
        let when = req.at() - TimeDelta::days(days_ago);
        // Another customer's grant is in no counted window.
        let other = CUSTOMERS.iter().find(|c| **c != ask.customer).unwrap();
        history.push(grant(when, "ana", other, "T-9", OfferKind::Gift, eur("3"))).unwrap();
        prop_assert_eq!(policy.fingerprint(&req, &history).unwrap(), before);
        // The customer's own grant: inside the 30 days it changes the count.
        history.push(grant(when, "ana", ask.customer, "T-9", OfferKind::Gift, eur("3"))).unwrap();
        let after = policy.fingerprint(&req, &history).unwrap();
        prop_assert_eq!(after != before, days_ago < 30, "{} days ago", days_ago);
    }
}

#[test]
fn compensation_errors_keep_their_values_typed() {
    // A grant after the request names both instants as instants.
    let policy = base("v").compile().unwrap();
    let later = at(2024, 6, 11, 0, 0);
    let history = GrantHistory::new(vec![grant(
        later,
        "bo",
        "c-1",
        "T-1",
        OfferKind::Gift,
        eur("1"),
    )])
    .unwrap();
    let req = Ask::new(OfferKind::Refund, eur("5")).build();
    let err = policy.evaluate(&req, &history).unwrap_err();
    let Error::Compensation(CompensationError::GrantAfterRequest {
        index,
        at: grant_at,
        request_at,
        ..
    }) = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!((*index, *grant_at, *request_at), (0, later, req.at()));
    assert_eq!(
        err.to_string(),
        "history[0].at 2024-06-11T00:00:00+00:00 is after the request instant 2024-06-10T12:00:00+00:00"
    );
    // Problems name roles, levels, scopes and actions as values.
    let err = base("v")
        .limit(limit("x", Scope::Offer, amount("1"), Action::Cap).escalate_to(role("boss")))
        .limit(limit(
            "y",
            Scope::Agent {
                period: Period::IsoWeek,
            },
            Measure::MaxPercentOfOrder(50.into()),
            Action::Deny,
        ))
        .compile()
        .unwrap_err();
    let Error::Compensation(CompensationError::InvalidPolicy { problems, .. }) = &err else {
        panic!("{err:?}");
    };
    let kinds: Vec<&ProblemKind> = problems.iter().map(Problem::kind).collect();
    assert!(
        matches!(
            kinds[..],
            [
                ProblemKind::EscalateToWithoutEscalate { action: "cap", .. },
                ProblemKind::PercentScope { scope, .. },
            ] if scope == "per agent per week"
        ),
        "{kinds:?}"
    );
    assert_eq!(
        err.to_string(),
        "policy \"v\" is invalid: 2 problems: \
         limits[0].escalate_to: escalate_to is only meaningful with \"exceeded\": \"escalate\", not \"cap\"; \
         limits[1].scope: a percent-of-order measure applies per offer or per interaction, not per agent per week"
    );
    let err = base("v")
        .approval_threshold(role("boss"), eur("10"))
        .compile()
        .unwrap_err();
    let Error::Compensation(CompensationError::InvalidPolicy { problems, .. }) = &err else {
        panic!("{err:?}");
    };
    let ProblemKind::UnknownLevel { name, levels, .. } = problems[0].kind() else {
        panic!("{problems:?}");
    };
    assert_eq!(name, &role("boss"));
    assert_eq!(levels, &[role("agent"), role("senior"), role("supervisor")]);
    // What-if over two currencies names both.
    let usd = Policy::new("usd", at(2024, 1, 1, 0, 0), Currency::USD)
        .level(role("agent"))
        .compile()
        .unwrap();
    let err = what_if(&policy, &usd, []).unwrap_err();
    assert!(matches!(
        err,
        Error::Compensation(CompensationError::WhatIfCurrencies {
            before: Currency::EUR,
            after: Currency::USD,
            ..
        })
    ));
    assert_eq!(
        err.to_string(),
        "what-if: both policies must use the same currency, found EUR and USD"
    );
}
