//! `policy`: a compensation policy from JSON, compiled, then arbitrary
//! requests evaluated against arbitrary grant histories, plus `headroom`.
//!
//! Input: `policy JSON \0 parameter bytes` (see `common::split_nul`). The
//! parameter bytes drive `arbitrary::Unstructured` to build the history and
//! the requests. Nothing may panic; besides, for every decision:
//! - `fingerprint` agrees with `evaluate`;
//! - the decision does not depend on the order the history was given in;
//! - an `approve_up_to` amount is positive and below the amount asked;
//! - the policy's JSON form round-trips.
#![no_main]
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a fuzz harness: libFuzzer's entry point writes crash files, the trace mode reads the environment and the clock"
)]

#[path = "common.rs"]
mod common;

use arbitrary::{Result, Unstructured};
use carekit::compensation::{
    Context, Grant, GrantHistory, Offer, OfferKind, Outcome, Percent, Policy, Reason, Recipient,
    Request, Requester, Role,
};
use carekit::loyalty::{Benefits, Multiplier};
use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const AGENTS: &[&str] = &["ana", "bo", "cy"];
const CUSTOMERS: &[&str] = &["c-1", "c-2"];
const INTERACTIONS: &[&str] = &["T-1", "T-2", "T-3"];
const ROLES: &[&str] = &[
    "agent",
    "senior",
    "supervisor",
    "manager",
    "team_leader",
    "intern",
];
const TIERS: &[&str] = &["bronze", "silver", "gold", "platinum", "none"];
const REASONS: &[&str] = &["outage", "late_delivery", "damaged", "goodwill"];
const CHANNELS: &[Channel] = &[
    Channel::Phone,
    Channel::Email,
    Channel::Chat,
    Channel::Messaging,
    Channel::SocialMedia,
    Channel::InPerson,
    Channel::SelfService,
];
const OTHER_CURRENCIES: &[Currency] = &[Currency::USD, Currency::JPY, Currency::KWD, Currency::CLF];

fn name<T, E>(
    u: &mut Unstructured<'_>,
    pool: &[&str],
    make: fn(&str) -> Result<T, E>,
) -> Result<T> {
    let s = common::pick(u, pool)?;
    make(s).map_err(|_| arbitrary::Error::IncorrectFormat)
}

fn money(u: &mut Unstructured<'_>, currency: Currency) -> Result<Money> {
    let currency = if u.ratio(1, 16)? {
        *common::pick(u, OTHER_CURRENCIES)?
    } else {
        currency
    };
    let minor: i64 = match u.arbitrary::<u8>()? % 8 {
        0..=4 => i64::from(u.int_in_range(0_u32..=20_000)?),
        5 => i64::from(u.arbitrary::<u32>()?),
        6 => -i64::from(u.arbitrary::<u16>()?),
        _ => u.arbitrary()?,
    };
    if u.ratio(1, 8)? {
        // a non-minor-unit amount (more decimals than the currency has)
        let scale = u.int_in_range(0..=28)?;
        Ok(Money::new(Decimal::new(minor, scale), currency))
    } else {
        Ok(Money::from_minor_units(minor, currency))
    }
}

fn grant(u: &mut Unstructured<'_>, at: DateTime<Utc>, currency: Currency) -> Result<Option<Grant>> {
    let when = if u.ratio(1, 16)? {
        common::instant(u, at)?
    } else {
        let back: u32 = u.int_in_range(0..=120 * 86_400)?;
        at.checked_sub_signed(chrono::TimeDelta::seconds(i64::from(back)))
            .unwrap_or(at)
    };
    let g = Grant::new(
        when,
        name(u, AGENTS, AgentId::new)?,
        name(u, CUSTOMERS, CustomerId::new)?,
        name(u, INTERACTIONS, InteractionId::new)?,
        *common::pick(u, OfferKind::ALL)?,
        money(u, currency)?,
    );
    Ok(g.ok())
}

struct Who {
    requester: Requester,
    recipient: Recipient,
    context: Context,
}

fn who(u: &mut Unstructured<'_>, currency: Currency) -> Result<Who> {
    let requester = Requester::new(name(u, AGENTS, AgentId::new)?, name(u, ROLES, Role::new)?);
    let mut recipient = Recipient::new(
        name(u, CUSTOMERS, CustomerId::new)?,
        name(u, TIERS, TierId::new)?,
    );
    if u.ratio(1, 4)? {
        let m = Decimal::new(i64::from(u.arbitrary::<u16>()?), u.int_in_range(0..=4)?);
        if let Ok(m) = Multiplier::new(m) {
            recipient =
                recipient.with_benefits(Benefits::default().with_compensation_limit_multiplier(m));
        }
    }
    let mut context = Context::new(
        name(u, INTERACTIONS, InteractionId::new)?,
        *common::pick(u, CHANNELS)?,
    );
    if u.arbitrary()? {
        context = context.with_reason(name(u, REASONS, Reason::new)?);
    }
    if u.arbitrary()? {
        context = context.with_order_value(money(u, currency)?);
    }
    Ok(Who {
        requester,
        recipient,
        context,
    })
}

fn offer(u: &mut Unstructured<'_>, currency: Currency) -> Result<Option<Offer>> {
    let kind = *common::pick(u, OfferKind::ALL)?;
    if kind == OfferKind::Coupon && u.ratio(1, 3)? {
        let p = Decimal::new(i64::from(u.arbitrary::<i32>()?), u.int_in_range(0..=6)?);
        return Ok(Percent::new(p).ok().map(Offer::coupon_percent));
    }
    Ok(Offer::new(kind, money(u, currency)?).ok())
}

/// With `FUZZ_TRACE` set, prints each decision or evaluation error.
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_TRACE").is_some())
}

fn run(data: &[u8]) -> Result<()> {
    let (json, params) = common::split_nul(data);
    let Ok(policy) = serde_json::from_slice::<Policy>(json) else {
        return Ok(());
    };
    // The JSON form round-trips.
    let text = serde_json::to_string(&policy).expect("a parsed policy serialises");
    let back: Policy = serde_json::from_str(&text).expect("a serialised policy parses");
    assert_eq!(back, policy, "policy JSON round trip: {text}");

    let Ok(compiled) = policy.compile() else {
        return Ok(());
    };
    let mut u = Unstructured::new(params);
    let currency = compiled.currency();
    let base = compiled.effective_from();
    let at0 = common::instant(&mut u, base)?;

    let n = u.int_in_range(0..=24)?;
    let mut grants = Vec::with_capacity(n);
    for _ in 0..n {
        if let Some(g) = grant(&mut u, at0, currency)? {
            grants.push(g);
        }
    }
    let Ok(history) = GrantHistory::new(grants.clone()) else {
        return Ok(());
    };
    grants.reverse();
    let reversed = GrantHistory::new(grants).expect("the same grants in reverse order are valid");

    for _ in 0..u.int_in_range(1..=4)? {
        let at = if u.ratio(1, 4)? {
            common::instant(&mut u, at0)?
        } else {
            at0
        };
        let w = who(&mut u, currency)?;
        let _ = compiled.headroom(&w.requester, &w.recipient, &w.context, at, &history);
        let Some(offer) = offer(&mut u, currency)? else {
            continue;
        };
        let Ok(request) = Request::new(at, w.requester, w.recipient, w.context, offer) else {
            continue;
        };
        let decision = match compiled.evaluate(&request, &history) {
            Ok(d) => d,
            Err(e) => {
                if tracing() {
                    eprintln!("evaluate error: {e}");
                }
                continue;
            }
        };
        let reason = decision.reason();
        if tracing() {
            eprintln!("decision {}: {reason}", decision.outcome().name());
        }
        assert_eq!(
            compiled.fingerprint(&request, &history).ok(),
            Some(decision.fingerprint()),
            "fingerprint disagrees with evaluate"
        );
        assert_eq!(
            compiled.evaluate(&request, &reversed).as_ref().ok(),
            Some(&decision),
            "decision depends on the history's order"
        );
        if let Outcome::ApproveUpTo(m) = decision.outcome() {
            assert!(
                m.amount() > Decimal::ZERO,
                "approve_up_to {m} is not positive"
            );
            assert!(
                m.amount() < request.value().amount(),
                "approve_up_to {m} is not below the amount asked {}",
                request.value()
            );
        }
        // Round-trip the request too (it is what a caller stores).
        let text = serde_json::to_string(&request).expect("a request serialises");
        let back: Request = serde_json::from_str(&text).expect("a serialised request parses");
        assert_eq!(back, request, "request JSON round trip: {text}");
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
