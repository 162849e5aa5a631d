//! carekit: customer-care domain logic that every service computes the same
//! way.
//!
//! ```
//! use carekit::{Currency, Money, NpsScore, RoundingStrategy};
//! use rust_decimal::Decimal;
//!
//! let answers = [10, 9, 9, 8, 7, 6, 10, 3];
//! let scores = answers.iter().map(|&s| NpsScore::new(s)).collect::<Result<Vec<_>, _>>()?;
//! let promoters = scores.iter().filter(|s| s.get() >= 9).count();
//! let refund = Money::new(Decimal::new(4000, 2), Currency::EUR).checked_mul(Decimal::new(125, 3))?;
//! assert_eq!(promoters, 4);
//! assert_eq!(refund.round_to_minor_units(RoundingStrategy::HalfEven).to_string(), "5.00 EUR");
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Overview
//!
//! carekit models what a support organisation reasons with and computes
//! what it is judged by:
//!
//! | concept | module | main types |
//! |---|---|---|
//! | identifiers | [`id`] | [`CustomerId`], [`AgentId`], [`InteractionId`], [`TierId`], [`Segment`] |
//! | money | [`money`] | [`Money`], [`Currency`], [`RoundingStrategy`] |
//! | customers | [`customer`] | [`Customer`], [`Preferences`], [`LanguageTag`] |
//! | interactions | [`interaction`] | [`Interaction`], [`Event`], [`Channel`], [`Priority`], [`Status`] |
//! | feedback | [`feedback`] | [`Feedback`], [`NpsScore`], [`CsatRating`], [`CesRating`], [`Weight`] |
//! | scores | [`metrics`] | mergeable accumulators for NPS, CSAT, CES, durations, FCR, retention, health |
//! | statistics | [`stats`] | intervals, tests, sample sizes |
//! | business time | [`calendar`] | business calendars over any time zone |
//! | service levels | [`sla`] | SLA policy books and their evaluation |
//! | loyalty | [`loyalty`] | programmes, tiers, points, [`Benefits`](loyalty::Benefits) |
//! | compensation | [`compensation`] | [`Policy`], [`CompiledPolicy`], [`Request`], [`Decision`], [`GrantHistory`], headroom, what-if |
//!
//! Data flows one way: domain records → accumulators → results, and policy
//! data → compiled policy → decisions. Lower modules never depend on higher
//! ones.
//!
//! # Promises
//!
//! These hold for every public item and are checked by the build, the tests
//! or both.
//!
//! - **Pure.** carekit does no file, network, clock, environment, thread or
//!   random access and keeps no global state. "Now" is always a parameter.
//!   chrono is used without its `clock` feature, and `clippy.toml` forbids
//!   the I/O, clock, environment, process and thread APIs in the library.
//! - **Total.** Every function either cannot fail or returns
//!   `Result<_, `[`Error`]`>` (or `Option` where "no value" is the honest
//!   answer, such as the NPS of zero responses). Bad input gets an error
//!   naming the field, the value and the rule; nothing is silently clamped
//!   or dropped.
//! - **No panics.** The library denies `unwrap`, `expect`, `panic!`, slice
//!   indexing and unchecked arithmetic on money and durations (clippy's
//!   `unwrap_used`, `expect_used`, `panic`, `indexing_slicing` and
//!   `arithmetic_side_effects`). Any local exception says why it cannot
//!   fire. A panic from carekit is a bug: please report it.
//! - **Exact where it matters.** Money is a [`Decimal`](rust_decimal::Decimal)
//!   with an ISO 4217 [`Currency`]; currencies never mix silently; money
//!   arithmetic is checked (`checked_*`), and rounding is always named.
//!   Counts are integers; rates are derived from counts at the end.
//! - **Explicit conventions.** Where vendors disagree (CSAT as top-2-box or
//!   as mean, CES on 5 or 7 points, FCR as one-touch or as no-reopen) the
//!   convention is a value with a documented default, and results record it.
//! - **Mergeable.** Every aggregate has an empty value, `merge`, and (with
//!   `serde`) a serialised form; merging the partials of any split equals
//!   the whole.
//! - **Explainable.** Every decision says which rule decided, its limit, the
//!   observed value and the headroom.
//! - **Deterministic.** Same input, same output on every platform; the
//!   conformance vectors in `tests/vectors` pin the numbers for ports.
//!
//! # Cookbook
//!
//! ## Validate a survey answer
//!
//! ```
//! use carekit::{CsatRating, RatingScale};
//!
//! let ok = CsatRating::new(4, RatingScale::CSAT_DEFAULT)?;
//! assert_eq!(ok.get(), 4);
//! let err = CsatRating::new(6, RatingScale::CSAT_DEFAULT).unwrap_err();
//! assert_eq!(err.to_string(), "csat rating 6 is outside the scale 1..=5");
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Add money without mixing currencies
//!
//! ```
//! use carekit::{Currency, Money};
//!
//! let a = Money::from_minor_units(1999, Currency::EUR);
//! let b = Money::from_minor_units(501, Currency::EUR);
//! assert_eq!(a.checked_add(&b)?.to_string(), "25.00 EUR");
//! assert!(a.checked_add(&Money::from_minor_units(1, Currency::USD)).is_err());
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Read a ticket's timeline
//!
//! ```
//! use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
//! use chrono::{TimeZone, Utc};
//!
//! let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
//! let case = Interaction::builder(InteractionId::new("T-1")?, CustomerId::new("c-1")?, Channel::Chat, t(9, 0))
//!     .agent_reply(t(9, 4), AgentId::new("ana")?, Visibility::Public)
//!     .status(t(9, 10), Status::Solved)
//!     .build()?;
//! let first_reply = case.first_public_agent_reply().map(|r| r - case.created_at());
//! assert_eq!(first_reply, Some(chrono::TimeDelta::minutes(4)));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! <!-- cookbook: scores -->
//!
//! <!-- cookbook: calendar and sla -->
//!
//! <!-- cookbook: loyalty -->
//!
//! ## Can this agent refund 40 EUR?
//!
//! ```
//! use carekit::compensation::*;
//! use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
//! use chrono::{TimeZone, Utc};
//!
//! let eur = |c| Money::from_minor_units(c, Currency::EUR);
//! let policy = Policy::new("2024-07", Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap(), Currency::EUR)
//!     .level(Role::new("agent")?)
//!     .level(Role::new("supervisor")?)
//!     .approval_threshold(Role::new("agent")?, eur(2500)) // agents: up to 25 EUR alone
//!     .compile()?;
//! let request = Request::new(
//!     Utc.with_ymd_and_hms(2024, 7, 3, 10, 0, 0).unwrap(),
//!     Requester::new(AgentId::new("ana")?, Role::new("agent")?),
//!     Recipient::new(CustomerId::new("c-42")?, TierId::new("silver")?),
//!     Context::new(InteractionId::new("T-7")?, Channel::Chat),
//!     Offer::new(OfferKind::Refund, eur(4000))?,
//! )?;
//! let decision = policy.evaluate(&request, &GrantHistory::empty())?;
//! assert_eq!(decision.outcome(), &Outcome::Escalate(Role::new("supervisor")?));
//! assert!(decision.reason().starts_with(
//!     "escalate to supervisor: refund 40.00 EUR exceeds limit \"approval_thresholds.agent\""));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## What may I offer this customer?
//!
//! ```
//! use carekit::compensation::*;
//! use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
//! use chrono::{TimeZone, Utc};
//!
//! let eur = |c| Money::from_minor_units(c, Currency::EUR);
//! let policy = Policy::new("2024-07", Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap(), Currency::EUR)
//!     .level(Role::new("agent")?)
//!     .limit(Limit::new("per-offer", Scope::Offer, Measure::MaxAmount(eur(5000)), Action::Deny))
//!     .limit(Limit::new("goodwill-90d", Scope::Customer { days: 90 }, Measure::MaxAmount(eur(6000)), Action::Deny)
//!         .when(Filters::default().kinds([OfferKind::Credit, OfferKind::Gift])))
//!     .compile()?;
//! let now = Utc.with_ymd_and_hms(2024, 7, 3, 10, 0, 0).unwrap();
//! let customer = Recipient::new(CustomerId::new("c-42")?, TierId::new("silver")?);
//! let history = GrantHistory::new(vec![Grant::new(
//!     Utc.with_ymd_and_hms(2024, 6, 20, 9, 0, 0).unwrap(), AgentId::new("bo")?,
//!     customer.id().clone(), InteractionId::new("T-1")?, OfferKind::Credit, eur(4500))?])?;
//! let room = policy.headroom(
//!     &Requester::new(AgentId::new("ana")?, Role::new("agent")?),
//!     &customer,
//!     &Context::new(InteractionId::new("T-7")?, Channel::Phone),
//!     now,
//!     &history,
//! )?;
//! // refunds: 50 per offer; credit: 60 − 45 already given = 15
//! assert_eq!(room.of(OfferKind::Refund).and_then(KindHeadroom::max), Some(eur(5000)));
//! assert_eq!(room.of(OfferKind::Credit).and_then(KindHeadroom::max), Some(eur(1500)));
//! assert_eq!(room.of(OfferKind::Credit).and_then(KindHeadroom::binding_limit), Some("goodwill-90d"));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## What changes if we raise the agent cap?
//!
//! ```
//! use carekit::compensation::*;
//! use carekit::{AgentId, Channel, Currency, CustomerId, InteractionId, Money, TierId};
//! use chrono::{TimeZone, Utc};
//!
//! let eur = |c| Money::from_minor_units(c, Currency::EUR);
//! let with_cap = |cents| {
//!     Policy::new("cap", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), Currency::EUR)
//!         .level(Role::new("agent").unwrap())
//!         .level(Role::new("supervisor").unwrap())
//!         .approval_threshold(Role::new("agent").unwrap(), eur(cents))
//!         .compile()
//! };
//! let (today, proposed) = (with_cap(2500)?, with_cap(5000)?);
//! let asks: Vec<Request> = [1500, 3000, 4500, 7000]
//!     .into_iter()
//!     .map(|cents| Request::new(
//!         Utc.with_ymd_and_hms(2024, 7, 3, 10, 0, 0).unwrap(),
//!         Requester::new(AgentId::new("ana").unwrap(), Role::new("agent").unwrap()),
//!         Recipient::new(CustomerId::new("c-1").unwrap(), TierId::new("gold").unwrap()),
//!         Context::new(InteractionId::new("T-1").unwrap(), Channel::Email),
//!         Offer::new(OfferKind::Credit, eur(cents)).unwrap(),
//!     ))
//!     .collect::<Result<_, _>>()?;
//! let history = GrantHistory::empty();
//! let report = what_if(&today, &proposed, asks.iter().map(|r| (r, &history)))?;
//! // 30 and 45 no longer need a supervisor; 70 still does.
//! assert_eq!(report.transition("escalate", "approve"), 2);
//! assert_eq!(report.transition("escalate", "escalate"), 1);
//! assert_eq!(report.total().approved_before(), eur(1500));
//! assert_eq!(report.total().approved_after(), eur(9000)); // 15 + 30 + 45
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Crate features
//!
//! - `serde` (off by default): `Serialize`/`Deserialize` for every public
//!   type. Deserialisation validates exactly like the constructors (JSON
//!   cannot bypass them) and rejects unknown fields. It enables chrono's and
//!   `rust_decimal`'s serde support; decimals are written as strings so no
//!   precision is lost, and `rust_decimal`'s global `serde-float`/`serde-str`
//!   features are never enabled.
//!
//! # Dependencies
//!
//! serde (optional), thiserror, chrono (without `clock`) and `rust_decimal`.
//! Nothing else at run time.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(clippy::arithmetic_side_effects)]

pub mod calendar;
pub mod compensation;
pub mod customer;
mod error;
pub mod feedback;
pub mod id;
pub mod interaction;
pub mod loyalty;
pub mod metrics;
pub mod money;
pub mod sla;
pub mod stats;

pub use compensation::{
    CompiledPolicy, Decision, Grant, GrantHistory, Headroom, Offer, OfferKind, Outcome, Policy,
    PolicySet, Request,
};
pub use customer::{Customer, CustomerBuilder, LanguageTag, Preferences};
pub use error::Error;
pub use feedback::{
    Answer, CesRating, CsatRating, Feedback, FeedbackBuilder, NpsCategory, NpsScore, RatingScale,
    Weight,
};
pub use id::{AgentId, CustomerId, InteractionId, Segment, TierId};
pub use interaction::{
    Channel, Direction, Event, EventKind, Interaction, InteractionBuilder, Priority, Status,
    StatusDurations, StatusPeriod, TimelineError, Visibility,
};
pub use money::{Currency, Money, RoundingStrategy};

/// The README's code blocks, compiled and run as doctests so the quickstart
/// cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
