//! The compensation rules engine: how much an agent may offer, decided from
//! policy data, with reasons.
//!
//! The business sets boundaries; within them agents act without asking.
//! A [`Policy`] (data: JSON, or built in code) is [compiled](Policy::compile)
//! once into a [`CompiledPolicy`]; each [`Request`] is then
//! [evaluated](CompiledPolicy::evaluate) against the caller's
//! [`GrantHistory`] into a [`Decision`]. The engine keeps no state.
//!
//! # The decision model
//!
//! - **Authority levels** are ordered names, lowest first (`agent < senior
//!   < supervisor < manager`). A request's [`Role`] must be one of them: a
//!   role outside the levels has no authority and is **denied** (check id
//!   `levels`, limit 0).
//! - **Limits** are `scope × measure × filters × action`:
//!   - scope ([`Scope`]): per offer; per interaction; per customer over a
//!     rolling window of N days (grants with `at − N·24h < t ≤ at`), of N
//!     months, or in the current calendar period; per agent per calendar
//!     day / ISO week / month / quarter / year (from the period's first
//!     instant to `at`, both included). Windows and periods are the crate's
//!     [`Window`](crate::calendar::Window) and
//!     [`Period`](crate::calendar::Period), read on the wall clock of the
//!     policy's `time_zone` (a [`Zone`](crate::calendar::Zone): UTC by
//!     default, a fixed offset, or an IANA name such as `Europe/Berlin`,
//!     whose periods start at local midnight whatever the DST offset);
//!   - measure ([`Measure`]): an amount, a count of grants (this offer
//!     included), or a percent of the order value (per offer or per
//!     interaction only; a request without an order value is measured
//!     against zero, so the limit fails closed);
//!   - filters ([`Filters`]): offer kinds, roles, tiers, channels, reasons;
//!     an absent list matches anything. Only history grants whose kind
//!     passes the kinds filter are counted;
//!   - action ([`Action`]) when `after this offer > limit`: `deny`;
//!     `escalate` to `escalate_to` or, by default, the next level above the
//!     requester (at the top level there is nobody to ask: deny; a limit
//!     whose `escalate_to` is at or below the requester's level does not
//!     apply to them); `cap`: approve up to the headroom, rounded down to
//!     the currency's minor unit (deny when the headroom is zero, and for
//!     count limits, which cannot be partly granted).
//! - **Tier multipliers** scale every amount limit (approval thresholds
//!   included, counts and percentages not): the policy's
//!   `tier_multipliers[tier]` if present, otherwise the
//!   `compensation_limit_multiplier` of the [`Benefits`](crate::loyalty::Benefits)
//!   the request's [`Recipient`] carries, otherwise ×1.
//! - **Approval thresholds** (`approval_thresholds: {role: amount}`) are
//!   shorthand for a per-offer amount limit on that role that escalates to
//!   the next level; their check id is `approval_thresholds.<role>`.
//! - **All applicable limits apply; the most restrictive wins**: deny >
//!   escalate > cap > approve; among escalations the highest level, among
//!   caps the smallest amount, otherwise the first in policy order. Every
//!   [`Check`] is reported: limit, observed before, after this offer, the
//!   limit (multiplier applied, percentages as money), the headroom
//!   (`max(0, limit − observed)`) and the verdict.
//! - The [`Decision`] also carries the [`Grant`] to record (approve: the
//!   amount asked; approve up to: the cap), its [`Explanation`] as data
//!   (which case, which check, which numbers; rendered in words only when
//!   displayed, [`Decision::reason`] being the allocating shorthand) and a
//!   [`Fingerprint`] of the history relied on.
//!
//! # Every action, worked
//!
//! ```
//! use carekit::compensation::*;
//! use carekit::*;
//! use chrono::{TimeZone, Utc};
//!
//! let eur = |c| Money::from_minor_units(c, Currency::EUR);
//! let role = |r: &str| Role::new(r).unwrap();
//! let policy = Policy::new("demo", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
//!     .level(role("agent")).level(role("senior"))
//!     // deny any single offer above 100 EUR
//!     .limit(Limit::new("offer-max", Scope::Offer, Measure::MaxAmount(eur(10000)), Action::Deny))
//!     // agents escalate above 30 EUR
//!     .approval_threshold(role("agent"), eur(3000))
//!     // at most 50 EUR per customer per 30 days: cap to what is left
//!     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
//!     .compile()?;
//! let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
//! let ask = |cents, who: &str| Request::new(t(10),
//!     Requester::new(AgentId::new("ana").unwrap(), role(who)),
//!     Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("silver").unwrap()),
//!     Context::new(InteractionId::new("T-9").unwrap(), Channel::Email),
//!     Offer::new(OfferKind::Credit, eur(cents)).unwrap()).unwrap();
//! // 35 EUR already granted to c-1 on May 1st.
//! let history = GrantHistory::new(vec![Grant::new(t(1), AgentId::new("bo")?, CustomerId::new("c-1")?,
//!     InteractionId::new("T-1")?, OfferKind::Refund, eur(3500))?])?;
//!
//! // approve: 10 ≤ 100, 10 ≤ 30, 35 + 10 = 45 ≤ 50
//! assert_eq!(policy.evaluate(&ask(1000, "agent"), &history)?.outcome(), &Outcome::Approve);
//! // approve up to: a senior (no threshold) asks 20: 35 + 20 = 55 > 50, headroom 50 − 35 = 15
//! assert_eq!(policy.evaluate(&ask(2000, "senior"), &history)?.outcome(), &Outcome::ApproveUpTo(eur(1500)));
//! // escalate: an agent asks 40 > 30 (escalate beats cap)
//! assert_eq!(policy.evaluate(&ask(4000, "agent"), &history)?.outcome(), &Outcome::Escalate(role("senior")));
//! // deny: 120 > 100 (deny beats everything)
//! let d = policy.evaluate(&ask(12000, "agent"), &history)?;
//! assert_eq!(d.outcome(), &Outcome::Deny);
//! assert_eq!(d.checks().len(), 3);
//! assert!(d.reason().starts_with("deny: credit 120.00 EUR exceeds limit \"offer-max\""));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # The JSON form
//!
//! With the `serde` feature a [`Policy`] reads from (and writes to) JSON;
//! unknown fields are errors. Amounts are [`Money`](crate::Money) objects so
//! a currency mismatch is caught by [`Policy::compile`]:
//!
//! ```json
//! {
//!   "version": "2024-07",
//!   "effective_from": "2024-07-01T00:00:00Z",
//!   "effective_until": "2025-01-01T00:00:00Z",
//!   "currency": "EUR",
//!   "time_zone": "Europe/Berlin",
//!   "levels": ["agent", "senior", "supervisor", "manager"],
//!   "limits": [
//!     {"id": "agent-refund", "description": "agents refund at most 50 EUR",
//!      "scope": {"per": "offer"},
//!      "measure": {"max_amount": {"amount": "50", "currency": "EUR"}},
//!      "when": {"roles": ["agent"], "kinds": ["refund"]},
//!      "exceeded": "escalate"},
//!     {"id": "repeat-goodwill", "scope": {"per": "customer", "days": 90},
//!      "measure": {"max_count": 1}, "when": {"kinds": ["credit", "coupon", "gift"]},
//!      "exceeded": "escalate", "escalate_to": "supervisor"},
//!     {"id": "order-share", "scope": {"per": "interaction"},
//!      "measure": {"max_percent_of_order": "100"}, "exceeded": "cap"},
//!     {"id": "agent-month", "scope": {"per": "agent", "period": "month"},
//!      "measure": {"max_amount": {"amount": "2000", "currency": "EUR"}},
//!      "when": {"roles": ["agent"]}, "exceeded": "deny"}
//!   ],
//!   "tier_multipliers": {"gold": "1.5", "platinum": "2"},
//!   "approval_thresholds": {"senior": {"amount": "300", "currency": "EUR"}}
//! }
//! ```
//!
//! The same policy rendered as TOML (carekit has no TOML dependency: parse
//! it with the `toml` crate into a `serde_json::Value` or straight into
//! [`Policy`]):
//!
//! ```toml
//! version = "2024-07"
//! effective_from = "2024-07-01T00:00:00Z"
//! effective_until = "2025-01-01T00:00:00Z"
//! currency = "EUR"
//! time_zone = "Europe/Berlin"
//! levels = ["agent", "senior", "supervisor", "manager"]
//!
//! [[limits]]
//! id = "agent-refund"
//! description = "agents refund at most 50 EUR"
//! scope = { per = "offer" }
//! measure = { max_amount = { amount = "50", currency = "EUR" } }
//! when = { roles = ["agent"], kinds = ["refund"] }
//! exceeded = "escalate"
//!
//! [[limits]]
//! id = "repeat-goodwill"
//! scope = { per = "customer", days = 90 }
//! measure = { max_count = 1 }
//! when = { kinds = ["credit", "coupon", "gift"] }
//! exceeded = "escalate"
//! escalate_to = "supervisor"
//!
//! # ... the other limits likewise
//!
//! [tier_multipliers]
//! gold = "1.5"
//! platinum = "2"
//!
//! [approval_thresholds]
//! senior = { amount = "300", currency = "EUR" }
//! ```
//!
//! Requests and grants have JSON forms too (see [`Request`], [`Grant`]).
//! Example policies ship in `examples/policies/`: `reference_10_1.json`
//! (a role × tier table of maximum amounts, approval thresholds and order
//! shares, the benchmark's reference policy), `contact_centre.json` (an authority matrix) and
//! `discretion_budget.json` (a per-employee, per-guest, per-day allowance).
//!
//! # Compile-time checks
//!
//! [`Policy::compile`] reports **every** problem with its path
//! (`limits[3].measure: negative amount -5.00 EUR`) in one
//! [`CompensationError::InvalidPolicy`], and the static-analysis findings of
//! a valid policy as [`Warning`]s: limits that can never apply, escalation
//! thresholds at or above a deny cap that always applies with them, and
//! roles with no limit on some offer kinds (unlimited authority). Amounts in
//! another currency than the policy's are errors, not warnings: without
//! exchange rates carekit cannot evaluate them.
//!
//! A [`PolicySet`] holds dated versions and picks the one in force at the
//! request instant (`effective_from ≤ at < effective_until`); overlapping
//! versions are an error.
//!
//! # Committing a grant atomically
//!
//! Budgets must not be overspent by concurrent requests: two agents may
//! both see 40 EUR of headroom and both grant 40. The decision therefore
//! carries a [`Fingerprint`] of exactly the grants it counted (64-bit
//! FNV-1a, limit by limit in policy order, over how many grants each limit
//! counted and sums of their canonical hashes; identical on every platform
//! and independent of the order the history was given in). To commit:
//!
//! 1. load the relevant grants, build a [`GrantHistory`], `evaluate`;
//! 2. show the outcome; when the agent confirms, open a transaction in the
//!    store that serialises writers of the same customer and agent (a row
//!    lock on both, or serialisable isolation);
//! 3. inside it, reload the grants and recompute
//!    [`CompiledPolicy::fingerprint`] for the same request;
//! 4. if it equals [`Decision::fingerprint`], insert
//!    [`Decision::grant`] and commit; otherwise a concurrent grant changed
//!    a budget: roll back, re-evaluate and show the new decision — never
//!    commit the stale one;
//! 5. if recomputing fails with [`CompensationError::GrantAfterRequest`],
//!    a concurrent grant was recorded with an instant after the request's:
//!    that is a conflict too. Roll back and start again at step 1 with the
//!    request at a fresh instant.
//!
//! This is compare-and-set on the fingerprint: the grant is written only if
//! the history the decision relied on is still the history.
//!
//! When the fingerprint travels between services or is stored, keep it as
//! the 16-hex-digit text it displays and serialises as
//! (`"cbf29ce484222325"`), or as a 64-bit integer column
//! ([`Fingerprint::get`]); never as a JSON number or a double, which rounds
//! values above 2⁵³ so that no recomputed fingerprint equals it.
//!
//! ```
//! use carekit::compensation::*;
//! use carekit::*;
//! use chrono::{TimeZone, Utc};
//!
//! let eur = |c| Money::from_minor_units(c, Currency::EUR);
//! let t = |d| Utc.with_ymd_and_hms(2024, 5, d, 12, 0, 0).unwrap();
//! let policy = Policy::new("v1", t(1), Currency::EUR)
//!     .level(Role::new("agent")?)
//!     .limit(Limit::new("customer-30d", Scope::customer_days(30), Measure::MaxAmount(eur(5000)), Action::Cap))
//!     .compile()?;
//! let ask = Request::new(t(10),
//!     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
//!     Recipient::new(CustomerId::new("c-1")?, TierId::new("silver")?),
//!     Context::new(InteractionId::new("T-9")?, Channel::Chat),
//!     Offer::new(OfferKind::Credit, eur(1000))?)?;
//! let grant = |day, ticket: &str| Grant::new(t(day), AgentId::new("bo").unwrap(), CustomerId::new("c-1").unwrap(),
//!     InteractionId::new(ticket).unwrap(), OfferKind::Refund, eur(500));
//!
//! // 1. Evaluate on the grants loaded from the store; keep the fingerprint as text.
//! let history = GrantHistory::new(vec![grant(1, "T-1")?])?;
//! let decision = policy.evaluate(&ask, &history)?;
//! let kept: String = decision.fingerprint().to_string(); // 16 hex digits
//!
//! // 2.–3. In the transaction: reload, recompute, compare. Unchanged: commit.
//! let mut reloaded = history.clone();
//! assert_eq!(policy.fingerprint(&ask, &reloaded)?, kept.parse()?);
//!
//! // 4. A colleague granted 5 EUR meanwhile: the fingerprint differs; retry.
//! reloaded.push(grant(9, "T-2")?)?;
//! assert_ne!(policy.fingerprint(&ask, &reloaded)?, kept.parse()?);
//!
//! // 5. A grant recorded after the request's instant: a conflict as well;
//! //    retry with a request made now.
//! reloaded.push(grant(11, "T-3")?)?;
//! let err = policy.fingerprint(&ask, &reloaded).unwrap_err();
//! assert!(matches!(err, Error::Compensation(CompensationError::GrantAfterRequest { .. })));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Headroom and what-if
//!
//! [`CompiledPolicy::headroom`] gives, per offer kind, the most an agent
//! may grant a customer alone right now and the limit that binds: what an
//! agent's screen shows. [`what_if`] replays `(request, history)` pairs
//! under two policies and reports outcome transitions, money approved under
//! each, per role and per tier.
//!
//! # Conformance kind `compensation`
//!
//! Input: `policy` ([`Policy`] JSON), `history` (array of [`Grant`] JSON),
//! `request` ([`Request`] JSON). Output: `outcome` (`approve`,
//! `approve_up_to`, `escalate`, `deny`), `amount` (the approved amount as a
//! normalised decimal string — no trailing zeros — or `null`),
//! `escalate_to` (a level or `null`), `headroom` (decimal string or `null`,
//! [`Decision::headroom`]), and `checks`: one object per check with `limit`
//! (id), `observed`, `after`, `max`, `headroom` (normalised decimal strings
//! for money, integers for counts) and `verdict` (`pass`, `cap`,
//! `escalate`, `deny`).
//!
//! # Speed
//!
//! Compilation groups limits by (role, offer kind); evaluation visits only
//! those and filters by tier, channel and reason. A [`GrantHistory`] is
//! indexed once: each customer's, agent's and interaction's grants are
//! time-sorted series with running totals (per offer kind too), so what a
//! limit counts in its window is two binary searches and a subtraction,
//! not a walk over the grants: 10,000 prior grants cost about what 100 do.
//! The explanation is data, formatted only when displayed. `cargo run
//! --release --example bench_report` measures the reference policy
//! (`reference_10_1.json`) with and without the reason text, and a
//! 10-limit policy over 100, 1,000 and 10,000 grants.

mod compile;
mod decision;
mod engine;
mod explain;
mod grant;
mod headroom;
mod history;
mod index;
mod offer;
mod policy;
mod request;
mod whatif;
mod words;

pub use crate::error::{CompensationError, Problem, ProblemKind, Warning, WarningKind};
pub use crate::id::{Reason, Role};
pub use compile::{CompiledPolicy, PolicySet};
pub use decision::{Check, Decision, Outcome, Verdict};
pub use explain::Explanation;
pub use grant::{Fingerprint, Grant};
pub use headroom::{Headroom, KindHeadroom};
pub use history::GrantHistory;
pub use offer::{Offer, OfferKind, OfferValue, Percent};
pub use policy::{Action, Filters, Limit, Measure, Policy, Quantity, Scope};
pub use request::{Context, Recipient, Request, Requester};
pub use whatif::{WhatIf, WhatIfGroup, what_if};
