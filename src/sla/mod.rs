//! SLA policies: targets in business or calendar time, evaluated per
//! interaction with reasons, and attainment.
//!
//! An [`SlaBook`] is an ordered list of [`SlaPolicy`]s. The first policy
//! whose [`Conditions`] (priorities, channels, tiers, segments; an empty
//! list matches anything) fit an interaction applies; later ones are not
//! looked at. A policy has at most one [`Target`] per [`TargetKind`]: the
//! clock it measures, the time allowed (`within`), how that time is counted
//! ([`TimeBasis`]: business hours of a calendar, or every second) and the
//! statuses that pause it.
//!
//! [`SlaBook::evaluate`] looks at an interaction as it stood at an instant
//! `at` (events after `at` are ignored) and reports, per target, the
//! deadline, the [`SlaState`] (achieved with a margin, breached by how much,
//! active with time left, paused), the counted time, the limit and a reason
//! in words. [`SlaAttainment`] turns evaluations into achieved /
//! (achieved + breached) per kind.
//!
//! # The clocks, as timelines
//!
//! Every clock starts at an instant, runs while the interaction's status is
//! not a pausing status, and stops at an event. *Counted time* is the sum,
//! over the stretches where it ran, of the basis's
//! [`elapsed`](crate::calendar::ElapsedTime::elapsed); in business time only
//! open hours count. A *solve* is a change to `solved`, or to `closed` from
//! an unsolved status (see [`interaction`](crate::interaction)).
//!
//! | kind | starts | stops | pausing statuses by default |
//! |---|---|---|---|
//! | `first_reply` | at creation | first public agent reply, or the first solve | none |
//! | `next_reply` | a customer message after the first reply, when no cycle is open and the case is not solved | the next public agent reply, or a solve | none |
//! | `periodic_update` | each public agent reply while unsolved | the next public agent reply, or a solve | `pending` |
//! | `resolution` | at creation | the last solve (if solved at `at`) | `pending` |
//! | `requester_wait` | at creation; counts `new`, `open`, `on_hold` | the last solve (if solved at `at`) | `pending` |
//! | `agent_work` | at creation; counts `new`, `open` | the last solve (if solved at `at`) | `pending`, `on_hold` |
//!
//! In words:
//!
//! - **First reply**: the customer writes at creation; the clock runs until
//!   an agent's first public reply. When an agent opened the case (an
//!   outbound interaction, or a public reply at the creation instant before
//!   any customer message), that opening message is not a reply and the
//!   next public reply stops the clock. Solving the case without
//!   a reply also stops it: nothing is owed any more.
//! - **Next reply**: after the first reply, the oldest customer message not
//!   yet answered starts a cycle; more customer messages while it is open do
//!   not restart it; the next public agent reply (or a solve) ends it. A
//!   message on a solved case (a "thanks!") starts nothing; if the case is
//!   reopened at the same instant it does. Internal notes never stop a
//!   reply clock.
//! - **Periodic update**: each public agent reply on an unsolved case starts
//!   a cycle that the next public reply (or a solve) ends: "keep the
//!   customer informed at least every N hours". Paused in `pending` by
//!   default (Zendesk calls this variant a *pausable update*); set
//!   `paused_in: []` for the strict form.
//! - **Resolution**: creation → solve. The default pauses in `pending`
//!   (waiting on the customer is not held against the business, as in
//!   Freshdesk and Jira Service Management); `on_hold` counts, as the
//!   customer is still waiting. A **reopen restarts nothing**: the clock
//!   resumes where it stopped, and the time the case spent solved counts,
//!   so a resolution measures creation → *last* solve ("full resolution
//!   time"). Add `solved` to `paused_in` to leave those gaps out.
//! - **Requester wait** and **agent work** are sums over
//!   [`Interaction::status_periods`](crate::Interaction::status_periods):
//!   requester wait counts `new`, `open` and `on_hold` (Zendesk's
//!   definition), agent work counts `new` and `open`; solved and
//!   closed time never counts. A reopen resumes them.
//!
//! Targets whose clock has not started (no next reply owed, no public reply
//! yet for periodic updates) are left out of the evaluation. For cyclic
//! kinds the evaluation reports the open cycle, or else the latest finished
//! one; earlier cycles are summarised as achieved/breached counts, which
//! [`SlaAttainment::push`] counts too.
//!
//! # Pauses, deadlines and states
//!
//! `paused_in` lists statuses in which the clock does not run; the status
//! in force at an instant includes the changes at that instant. Pausing
//! never hides a breach: a paused target whose counted time is already over
//! the limit is breached.
//!
//! With `limit` the (scaled) target and `counted` the time counted up to the
//! stop (or up to `at` for a running clock):
//!
//! - **breached** by `counted − limit` when the clock ran past the instant
//!   the limit was reached (the *breach instant*, reported as the
//!   deadline). Usually `counted > limit`; in business time a case still
//!   open on Saturday whose deadline was 17:00 Friday is breached by 0s of
//!   business time. A clock that paused exactly at the limit is paused with
//!   0s left, and breached once it runs again. A breach is permanent for
//!   its cycle: later events and a later `at` only add counted time.
//! - **achieved** with margin `limit − counted` when the clock stopped
//!   without running past the limit (a reply exactly at the deadline
//!   achieves). The deadline
//!   reported is the one in force when it stopped (`None` if it stopped
//!   while paused).
//! - **active** with `remaining = limit − counted` when the clock runs at
//!   `at`; deadline = the basis's
//!   [`advance`](crate::calendar::ElapsedTime::advance)`(at, remaining)` (the
//!   same instant as advancing from the moment it last resumed by what was
//!   left then).
//! - **paused** with `remaining` when a pausing status holds at `at`; the
//!   deadline is `None`, because it depends on when the clock resumes.
//!
//! A later `at` never turns a final state (achieved, breached) back into
//! another for the same timeline: counted time only grows while the clock
//! runs, and a stop is final for its cycle. (A *new* event, such as a
//! reopen or a new customer message, can of course start new time.)
//!
//! # Which clock measured a target
//!
//! Business-basis targets are measured with the clock passed to
//! [`SlaBook::evaluate`], calendar-basis targets with
//! [`CalendarTime`](crate::calendar::CalendarTime). When the clock passed
//! for business targets counts every second (`&CalendarTime` itself, see
//! [`ElapsedTime::counts_every_second`](crate::calendar::ElapsedTime::counts_every_second)),
//! a business-time target is measured in calendar time, and the evaluation
//! says so rather than calling it business time:
//! [`TargetEvaluation::clock`] is [`TimeBasis::Calendar`] (while
//! [`TargetEvaluation::basis`] stays the book's `business`), and the reason
//! reads `(4h calendar time: a business-time target measured without a
//! business calendar)`.
//!
//! # Tier benefits
//!
//! [`SlaContext::with_benefits`] passes the customer's tier
//! [`Benefits`](crate::loyalty::Benefits):
//!
//! - `priority_boost` raises the interaction's priority before policies are
//!   matched ([`Benefits::boosted_priority`](crate::loyalty::Benefits::boosted_priority)):
//!   a gold customer's `normal` ticket with a boost of 2 matches an `urgent`
//!   policy.
//! - `sla_target_multiplier` scales every target: `limit = within ×
//!   multiplier`, computed exactly in `Decimal` and rounded to whole seconds
//!   half away from zero (`5401s × 0.5 = 2700.5s → 2701s`). A scaled target
//!   below 1s or above [`MAX_TARGET_SECONDS`] is an error, never clamped.
//!
//! # JSON form of a book (`serde` feature)
//!
//! ```json
//! {"policies": [
//!   {"name": "urgent",
//!    "conditions": {"priorities": ["urgent"], "channels": ["chat", "phone"],
//!                   "tiers": ["gold"], "segments": ["enterprise"]},
//!    "targets": [
//!      {"kind": "first_reply", "within": 1800},
//!      {"kind": "resolution", "within": 28800, "basis": "calendar",
//!       "paused_in": ["pending", "on_hold"]}]},
//!   {"name": "standard",
//!    "targets": [{"kind": "first_reply", "within": 14400}]}
//! ]}
//! ```
//!
//! `within` is a whole number of seconds in `1..=`[`MAX_TARGET_SECONDS`];
//! `basis` defaults to `"business"`; a missing `paused_in` takes the kind's
//! default (the table above), an explicit `[]` never pauses; `conditions`
//! and each of its lists may be left out (any). Unknown fields are
//! rejected. Validation reports the path of the first problem:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! let err = serde_json::from_str::<carekit::SlaBook>(
//!     r#"{"policies": [{"name": "a", "targets": [{"kind": "first_reply", "within": 0}]}]}"#,
//! ).unwrap_err();
//! assert!(err.to_string().starts_with(
//!     "policies[0].targets[0].within: 0s is not a valid target duration"
//! ));
//! # }
//! ```
//!
//! # Example
//!
//! ```
//! use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
//! use carekit::calendar::CalendarTime;
//! use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, SlaState, Target, TargetKind, TimeBasis};
//! use chrono::{TimeDelta, TimeZone, Utc};
//!
//! let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
//! let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
//!     Target::new(TargetKind::FirstReply, TimeDelta::hours(1))?.with_basis(TimeBasis::Calendar),
//!     Target::new(TargetKind::Resolution, TimeDelta::hours(4))?.with_basis(TimeBasis::Calendar),
//! ])?])?;
//! let case = Interaction::builder(InteractionId::new("T")?, CustomerId::new("c")?, Channel::Email, t(9, 0))
//!     .agent_reply(t(9, 40), AgentId::new("ana")?, Visibility::Public)
//!     .status(t(9, 40), Status::Pending)
//!     .build()?;
//! let eval = book.evaluate(&case, &SlaContext::new(), t(15, 0), &CalendarTime)?;
//! // Replied after 40 minutes of the hour.
//! assert_eq!(eval.targets()[0].state(), SlaState::Achieved { margin: TimeDelta::minutes(20) });
//! // 40 minutes counted before the case went pending: 3h20m left, clock stopped.
//! assert_eq!(eval.targets()[1].state(), SlaState::Paused { remaining: TimeDelta::minutes(200) });
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! With the `serde` feature an [`SlaEvaluation`] serialises (it is an
//! output and is not read back) as
//!
//! ```json
//! {"policy": "std", "priority": "normal", "at": "2024-03-04T15:00:00Z",
//!  "targets": [{"kind": "first_reply", "basis": "business", "clock": "business", "state": "achieved",
//!    "margin": 10080, "deadline": "2024-03-04T13:00:00Z", "counted": 4320,
//!    "limit": 14400, "within": 14400, "multiplier": "1",
//!    "started": "2024-03-04T09:00:00Z", "stopped": "2024-03-04T10:12:00Z",
//!    "earlier_achieved": 0, "earlier_breached": 0,
//!    "reason": "first reply due 2024-03-04T13:00:00Z (4h business time); achieved at 2024-03-04T10:12:00Z with 2h48m to spare"}]}
//! ```
//!
//! with durations in seconds and `margin` signed (negative: breached by).
//!
//! # Conformance kind `sla`
//!
//! Input: `book` (the JSON form above), `interaction` (the
//! [`Interaction`](crate::Interaction) JSON form), `at` (RFC 3339),
//! optional `calendar` (the [`Calendar`](crate::calendar::Calendar) JSON
//! form `{"time_zone", "week", "holidays", "special"}`, used for
//! business-basis targets;
//! without it business targets count calendar time), optional `tier`,
//! `segment` and `benefits` (the [`Benefits`](crate::loyalty::Benefits)
//! JSON form). Output: `policy` (name or `null`) and `targets`, one object
//! per evaluated target: `kind`, `deadline` (RFC 3339 or `null`), `state`
//! (`achieved`, `breached`, `active`, `paused`), `margin` (seconds:
//! positive = time to spare or left, negative = breached by), `counted` and
//! `limit` (seconds).

mod attainment;
mod book;
mod eval;

pub use crate::error::SlaError;
pub use attainment::{AttainmentCounts, SlaAttainment, SlaOutcome};
pub use book::{Conditions, MAX_TARGET_SECONDS, SlaBook, SlaPolicy, Target, TargetKind, TimeBasis};
pub use eval::{SlaContext, SlaEvaluation, SlaState, TargetEvaluation};
