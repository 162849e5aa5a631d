//! carekit: customer-care domain logic that every service computes the same
//! way.
//!
//! ```
//! use carekit::{Confidence, Csat, Nps, stats::NpsIntervalMethod};
//!
//! let mut nps = Nps::default(); // detractors 0–6, passives 7–8, promoters 9–10
//! nps.extend_u8(&[10, 9, 9, 8, 7, 6, 10, 3])?;
//! let s = nps.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
//! assert_eq!(s.score(), Some(25.0)); // 100 · (4 promoters − 2 detractors) / 8
//! assert!(s.interval().is_some_and(|ci| ci.low() < 25.0 && 25.0 < ci.high()));
//!
//! let mut csat = Csat::default(); // top-2-box on 1..=5
//! csat.extend_u8(&[5, 4, 3, 5, 1])?;
//! assert_eq!(csat.percent(), Some(60.0)); // 3 of 5 answers are 4 or 5
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
//! - **Bounded.** No input makes a call loop or run for long. Business
//!   calendars answer for instants from 1900 to 2200
//!   ([`calendar::supported_range`]) and refuse others by name, so a
//!   mistyped year costs an error, not minutes of zone arithmetic.
//! - **Exact where it matters.** Money is a [`Decimal`](rust_decimal::Decimal)
//!   with an ISO 4217 [`Currency`]; currencies never mix silently; money
//!   arithmetic is checked (`checked_*`), and rounding is always named.
//!   Counts are integers; rates are derived from counts at the end.
//! - **One convention for shares.** A percentage is 0–100 and its name
//!   says `percent` ([`Csat::percent`], [`CsatSummary::percent_interval`],
//!   [`CesSummary::percent_easy`]); a proportion is 0–1 and its name says
//!   `rate` or `proportion` ([`Fcr::rate`], [`Fcr::proportion_interval`],
//!   [`Retention::retention_rate`], [`sla::AttainmentCounts::rate`],
//!   [`stats::proportion_interval`],
//!   [`compensation::Percent::proportion`]). Scores on their own scale say
//!   so too: NPS is in points from −100 to 100, health and peak-end scores
//!   are 0–100 scores, and a mean count such as
//!   [`ClockSummary::reopens_per_interaction`] is neither (it can exceed 1).
//!   The conformance vectors keep their own field names (`percent`,
//!   `retention_rate`, `low`/`high`, ...) in the same units.
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
//! # Errors and semver
//!
//! [`Error`] is one enum with a variant per concept
//! ([`Error::Money`], [`Error::Calendar`], [`Error::Loyalty`], ...) around
//! small precise enums ([`money::MoneyError`], [`calendar::CalendarError`],
//! ...). Their fields keep the data (instants, decimals, [`Money`], ids),
//! so a caller can act on an error without parsing its message. The rules
//! for changing them:
//!
//! - [`Error`] and every per-concept enum are `#[non_exhaustive]`: a minor
//!   release may add variants, so a `match` needs a wildcard arm.
//! - Variants that may gain context are `#[non_exhaustive]` too: a minor
//!   release may add fields, so patterns name the fields they need and end
//!   with `..`. Existing fields keep their names and types within a major
//!   version.
//! - The [`Display`](std::fmt::Display) text is for people: it names the
//!   value and the rule, and its wording may improve in any release. Match
//!   on variants and fields, never on the text.
//! - [`Error`] stays small (at most 88 bytes, checked by a test), so
//!   `Result<T, Error>` costs little on the success path: long texts are
//!   boxed and a [`Currency`] is four bytes.
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
//! ## Compare this month with last month
//!
//! Did CSAT really go up, or is it noise? A two-proportion test on the
//! satisfied counts, and a z-test on the NPS difference (see [`stats`] for
//! the formulas).
//!
//! ```
//! use carekit::Confidence;
//! use carekit::stats::{nps_difference_test, two_proportion_test, NpsCounts};
//!
//! // CSAT: 412 of 500 satisfied last month (82.4 %), 445 of 510 this month (87.3 %).
//! let csat = two_proportion_test(412, 500, 445, 510, Confidence::NINETY_FIVE)?;
//! assert!(csat.significant()); // z = 2.15, p = 0.031 (statsmodels proportions_ztest)
//! let change = csat.interval(); // Newcombe: +0.4 to +9.3 points
//! assert!(change.low() > 0.0 && change.contains(csat.difference()));
//!
//! // NPS: 200/150/150 promoters/passives/detractors (NPS 10), then 260/140/100 (NPS 32).
//! let last = NpsCounts::new(200, 150, 150)?;
//! let this = NpsCounts::new(260, 140, 100)?;
//! let nps = nps_difference_test(last, this, Confidence::NINETY_FIVE)?;
//! assert!((nps.difference() - 22.0).abs() < 1e-9 && nps.significant()); // z = 4.30
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## NPS with a confidence interval
//!
//! ```
//! use carekit::{Confidence, Nps, NpsConfig, stats::NpsIntervalMethod};
//!
//! let mut nps = Nps::new(NpsConfig::STANDARD);
//! nps.extend_u8(&[10, 9, 9, 8, 7, 6, 5, 10, 3, 9])?;
//! let s = nps.summary(Confidence::new(0.9)?, NpsIntervalMethod::AdjustedWald)?;
//! // P = 5, D = 3, N = 10: NPS = 100 · (5 − 3) / 10 = 20 points
//! assert_eq!((s.promoters(), s.passives(), s.detractors()), (5, 2, 3));
//! assert_eq!(s.score(), Some(20.0));
//! let ci = s.interval().expect("ten answers give an interval");
//! println!("NPS {:+.0} (90% CI {:+.0} to {:+.0})", s.score().unwrap_or(0.0), ci.low(), ci.high());
//! assert!(-100.0 <= ci.low() && ci.high() <= 100.0);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Combine partial results from two services
//!
//! Each service counts its own answers and ships the accumulator as JSON;
//! merging the shards gives exactly the numbers of one pass over all
//! answers.
//!
//! ```
//! use carekit::{Csat, Nps};
//!
//! let mut web = Nps::default();
//! web.extend_u8(&[10, 9, 3])?;
//! let mut app = Nps::default();
//! app.extend_u8(&[9, 7, 0, 10])?;
//! let shards = [serde_json::to_string(&web)?, serde_json::to_string(&app)?];
//! assert_eq!(shards[0], r#"{"config":{"detractor_max":6,"promoter_min":9},"detractors":1,"passives":0,"promoters":2}"#);
//!
//! let mut all = Nps::default();
//! for json in &shards {
//!     all.merge(&serde_json::from_str::<Nps>(json)?)?;
//! }
//! let mut one_pass = Nps::default();
//! one_pass.extend_u8(&[10, 9, 3, 9, 7, 0, 10])?;
//! assert_eq!(all, one_pass);
//! assert_eq!(all.score(), Some(100.0 * 2.0 / 7.0)); // (4 − 2) / 7
//!
//! // Shards built with another convention are refused, not mixed.
//! let mut csat = Csat::default();
//! assert!(csat.merge(&serde_json::from_str(
//!     r#"{"config": {"scale": {"min": 0, "max": 1}, "satisfied_from": 1}, "counts": [1, 4]}"#,
//! )?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## CSAT the way Zendesk counts it
//!
//! Zendesk's satisfaction score is the share of "good" ratings among all
//! good and bad ratings: good / (good + bad). Feed good as 1 and bad as 0
//! into [`CsatConfig::zendesk`] (unrated tickets are not ratings: leave
//! them out).
//!
//! ```
//! use carekit::{Confidence, Csat, CsatConfig};
//!
//! let mut csat = Csat::new(CsatConfig::zendesk());
//! csat.extend_u8(&[1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1])?; // 12 good, 3 bad
//! let s = csat.summary(Confidence::NINETY_FIVE)?;
//! assert_eq!(s.percent(), Some(80.0)); // 100 · 12 / 15
//! let ci = s.percent_interval().expect("15 ratings");
//! assert!(ci.low() < 80.0 && 80.0 < ci.high()); // Wilson, in percent
//!
//! // The same answers on a 1..=5 survey read as top-2-box or as a mean:
//! let mut five = Csat::new(CsatConfig::top_two_box());
//! five.extend_u8(&[5, 4, 2, 3])?;
//! assert_eq!((five.percent(), five.mean()), (Some(50.0), Some(3.5)));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Break scores down by channel
//!
//! ```
//! use std::collections::HashMap;
//! use carekit::metrics::MetricsError;
//! use carekit::{Breakdown, Channel, Csat, CsatRating, CustomerId, Feedback, InteractionId};
//! use chrono::{TimeZone, Utc};
//!
//! let at = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
//! let channel_of: HashMap<InteractionId, Channel> = HashMap::from([
//!     (InteractionId::new("T-1")?, Channel::Chat),
//!     (InteractionId::new("T-2")?, Channel::Email),
//!     (InteractionId::new("T-3")?, Channel::Chat),
//! ]);
//! let mut feedback = Vec::new();
//! for (ticket, rating) in [("T-1", 5), ("T-2", 2), ("T-3", 3)] {
//!     let f = Feedback::builder(CustomerId::new("c-1")?, at, CsatRating::on_default_scale(rating)?)
//!         .interaction(InteractionId::new(ticket)?)
//!         .build();
//!     feedback.push(f);
//! }
//!
//! let mut by_channel = Breakdown::new(Csat::default());
//! for (i, f) in feedback.iter().enumerate() {
//!     // A record whose channel cannot be derived is a named error, not a
//!     // silent drop.
//!     let channel = f.interaction().and_then(|t| channel_of.get(t)).copied().ok_or_else(|| {
//!         MetricsError::MissingKey { key: "channel", record: format!("feedback {i}") }
//!     })?;
//!     by_channel.push(channel, f)?; // the CSAT answer of the record
//! }
//! for (channel, csat) in &by_channel {
//!     println!("{channel}: {:?}% satisfied of {}", csat.percent(), csat.n());
//! }
//! assert_eq!(by_channel.get(&Channel::Chat).and_then(Csat::percent), Some(50.0));
//! assert_eq!(by_channel.get(&Channel::Email).and_then(Csat::percent), Some(0.0));
//! assert_eq!(by_channel.total()?.n(), 3);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Clocks, FCR and SLA attainment per channel and per week
//!
//! One [`Breakdown`] groups any accumulator by any key: here the service
//! clocks, first-contact resolution and SLA attainment of three cases, per
//! channel and per ISO week as seen in Berlin. A breakdown merges like the
//! accumulators it holds, so shards or days combine exactly.
//!
//! ```
//! use carekit::calendar::{CalendarTime, Period, PeriodKey, Zone};
//! use carekit::metrics::{Breakdown, ClockSummary, Fcr, FcrConvention, InteractionClocks};
//! use carekit::sla::{Conditions, SlaAttainment, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
//! use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
//! use chrono::{TimeDelta, TimeZone, Utc};
//!
//! let t = |d, h| Utc.with_ymd_and_hms(2024, 3, d, h, 0, 0).unwrap();
//! let case = |id: &str, channel, d, replied_after: u32| {
//!     Interaction::builder(InteractionId::new(id)?, CustomerId::new("c")?, channel, t(d, 9))
//!         .agent_reply(t(d, 9 + replied_after), AgentId::new("ana")?, Visibility::Public)
//!         .status(t(d, 10 + replied_after), Status::Solved)
//!         .build()
//! };
//! // Sunday 10 March 09:00Z and Monday 11 March: ISO weeks 10 and 11 in Berlin.
//! let cases = [case("T-1", Channel::Chat, 10, 1)?, case("T-2", Channel::Chat, 11, 3)?, case("T-3", Channel::Email, 11, 1)?];
//! let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
//!     Target::new(TargetKind::FirstReply, TimeDelta::hours(2))?.with_basis(TimeBasis::Calendar),
//! ])?])?;
//! let berlin: Zone = "Europe/Berlin".parse()?;
//! let at = t(12, 0);
//!
//! let mut clocks = Breakdown::new(ClockSummary::new(FcrConvention::OneTouch));
//! let mut fcr = Breakdown::new(Fcr::new(FcrConvention::OneTouch));
//! let mut sla = Breakdown::new(SlaAttainment::new());
//! let mut weekly_sla = Breakdown::new(SlaAttainment::new());
//! for case in &cases {
//!     let measured = InteractionClocks::measure(case, at, &CalendarTime, FcrConvention::OneTouch)?;
//!     let judged = book.evaluate(case, &SlaContext::new(), at, &CalendarTime)?;
//!     clocks.push(case.channel(), &measured)?;
//!     fcr.push(case.channel(), &measured)?;
//!     sla.push(case.channel(), &judged)?;
//!     let week = PeriodKey::of(case.created_at(), Period::IsoWeek, &berlin)?;
//!     weekly_sla.push(week, &judged)?;
//! }
//! let chat = clocks.get(&Channel::Chat).unwrap();
//! assert_eq!((chat.n(), chat.first_reply().mean()), (2, Some(7200.0))); // 1 h and 3 h
//! assert_eq!(fcr.get(&Channel::Email).and_then(Fcr::rate), Some(1.0));
//! // Chat: 1 h achieved, 3 h breached against 2 h.
//! assert_eq!(sla.get(&Channel::Chat).and_then(|a| a.rate(TargetKind::FirstReply)), Some(0.5));
//! let weeks: Vec<String> = weekly_sla.iter().map(|(k, _)| k.to_string()).collect();
//! assert_eq!(weeks, ["2024-W10", "2024-W11"]);
//! assert_eq!(weekly_sla.total()?.overall().n(), 3);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## First reply due by
//!
//! A first reply is due within 4 business hours; the support desk in New
//! York is open Monday to Friday, 09:00–17:00, closed on public holidays.
//!
//! ```
//! use carekit::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
//! use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
//!
//! let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
//! let july_4 = NaiveDate::from_ymd_opt(2024, 7, 4).unwrap();
//! let desk = BusinessCalendar::new(chrono_tz::America::New_York, CalendarSpec::new(week).with_holidays([july_4])?)?;
//!
//! // Opened Wed 2024-07-03 at 15:00 EDT (19:00Z): 2 h that day, the 4th is
//! // a holiday, 2 h on Friday: due Fri 11:00 EDT = 15:00Z.
//! let opened = Utc.with_ymd_and_hms(2024, 7, 3, 19, 0, 0).unwrap();
//! let due = desk.add(opened, TimeDelta::hours(4))?;
//! assert_eq!(due, Utc.with_ymd_and_hms(2024, 7, 5, 15, 0, 0).unwrap());
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## How long did we really take, in business hours
//!
//! ```
//! use carekit::{BusinessCalendar, CalendarSpec, OpenInterval, WeekSchedule};
//! use chrono::{TimeDelta, TimeZone, Utc};
//!
//! let week = WeekSchedule::mon_to_fri(OpenInterval::parse("09:00", "17:00")?);
//! let desk = BusinessCalendar::new(chrono_tz::Europe::Berlin, CalendarSpec::new(week))?;
//!
//! // Asked Fri 2024-03-29 at 16:30 CET (15:30Z), answered Mon 04-01 at
//! // 09:45 CEST (07:45Z; DST began on Sunday): 30 min + 45 min.
//! let asked = Utc.with_ymd_and_hms(2024, 3, 29, 15, 30, 0).unwrap();
//! let answered = Utc.with_ymd_and_hms(2024, 4, 1, 7, 45, 0).unwrap();
//! assert_eq!(desk.between(asked, answered)?, TimeDelta::minutes(75));
//! assert_eq!(answered - asked, TimeDelta::minutes(64 * 60 + 15)); // wall-clock: 2 days 16 h 15 min
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Pause while waiting on the customer
//!
//! A resolution target pauses in `pending` by default: time spent waiting on
//! the customer is not held against the team, and the deadline is undefined
//! until the clock runs again.
//!
//! ```
//! use carekit::calendar::CalendarTime;
//! use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, SlaState, Target, TargetKind, TimeBasis};
//! use carekit::{AgentId, Channel, CustomerId, Interaction, InteractionId, Status, Visibility};
//! use chrono::{TimeDelta, TimeZone, Utc};
//!
//! let t = |h| Utc.with_ymd_and_hms(2024, 3, 4, h, 0, 0).unwrap();
//! let book = SlaBook::new(vec![SlaPolicy::new("std", Conditions::any(), vec![
//!     Target::new(TargetKind::Resolution, TimeDelta::hours(8))?
//!         .with_basis(TimeBasis::Calendar)
//!         .with_paused_in([carekit::Status::Pending]),
//! ])?])?;
//! let case = Interaction::builder(InteractionId::new("T-7")?, CustomerId::new("c-7")?, Channel::Email, t(9))
//!     .agent_reply(t(10), AgentId::new("ana")?, Visibility::Public) // "can you send a screenshot?"
//!     .status(t(10), Status::Pending)
//!     .customer_message(t(14))
//!     .status(t(14), Status::Open)
//!     .build()?;
//! let at = |h| book.evaluate(&case, &SlaContext::new(), t(h), &CalendarTime);
//! // 12:00: 1h counted (09:00–10:00), paused while pending.
//! let noon = at(12)?;
//! assert_eq!(noon.targets()[0].state(), SlaState::Paused { remaining: TimeDelta::hours(7) });
//! assert_eq!(noon.targets()[0].deadline(), None);
//! // 15:00: running again since 14:00: 2h counted, due 15:00 + 6h = 21:00.
//! let later = at(15)?;
//! assert_eq!(later.targets()[0].deadline(), Some(t(21)));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Is this ticket breaching its SLA?
//!
//! Evaluate at "now" and read the states; each target explains itself.
//! Pass a business calendar instead of [`CalendarTime`]
//! to count only open hours.
//!
//! ```
//! use carekit::calendar::CalendarTime;
//! use carekit::sla::{Conditions, SlaBook, SlaContext, SlaPolicy, Target, TargetKind, TimeBasis};
//! use carekit::{Channel, CustomerId, Interaction, InteractionId, Priority};
//! use chrono::{TimeDelta, TimeZone, Utc};
//!
//! let t = |h, m| Utc.with_ymd_and_hms(2024, 3, 4, h, m, 0).unwrap();
//! let hours = |h| Target::new(TargetKind::FirstReply, TimeDelta::hours(h)).map(|t| t.with_basis(TimeBasis::Calendar));
//! let book = SlaBook::new(vec![
//!     SlaPolicy::new("urgent", Conditions::any().with_priorities([Priority::Urgent]), vec![hours(1)?])?,
//!     SlaPolicy::new("standard", Conditions::any(), vec![hours(8)?])?,
//! ])?;
//! let case = Interaction::builder(InteractionId::new("T-9")?, CustomerId::new("c-9")?, Channel::Chat, t(9, 0))
//!     .priority(Priority::Urgent)
//!     .build()?;
//! let now = t(10, 20);
//! let eval = book.evaluate(&case, &SlaContext::new(), now, &CalendarTime)?;
//! assert_eq!(eval.policy(), Some("urgent"));
//! assert!(eval.is_breached());
//! assert_eq!(
//!     eval.targets()[0].to_string(),
//!     "first reply due 2024-03-04T10:00:00Z (1h calendar time); breached by 20m, still running at 2024-03-04T10:20:00Z"
//! );
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## What tier is this customer and why
//!
//! ```
//! use carekit::loyalty::{DowngradePolicy, DowngradeRule, EventId, Measure, Tier, Window};
//! use carekit::{Currency, LoyaltyEvent, LoyaltyProgramme, Membership, Money, TierId};
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//!
//! let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
//! let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
//!     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
//!     .tier(Tier::new(TierId::new("silver")?, Decimal::from(500)))
//!     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
//!     .downgrade(DowngradePolicy::new(DowngradeRule::SoftLanding))
//!     .build()?;
//! let eur = |cents| Money::from_minor_units(cents, Currency::EUR);
//! let events = [
//!     LoyaltyEvent::purchase(EventId::new("o-1")?, t(2023, 3, 1), eur(70_000))?,
//!     LoyaltyEvent::purchase(EventId::new("o-2")?, t(2023, 9, 1), eur(45_000))?,
//! ];
//! let eval = programme.evaluate(&Membership::new(t(2023, 1, 1)), &events, t(2025, 2, 1))?;
//! let why: Vec<String> = eval.history().iter().map(ToString::to_string).collect();
//! assert_eq!(why, [
//!     "2023-01-01T00:00:00Z: blue (joined)",
//!     "2023-03-01T00:00:00Z: blue → silver (qualifying value 700.00 reached threshold 500)",
//!     "2023-09-01T00:00:00Z: silver → gold (qualifying value 1150.00 reached threshold 1000)",
//!     "2025-01-01T00:00:00Z: gold → silver (review (soft landing) of a period with qualifying value 0.00)",
//! ]);
//! assert_eq!(eval.tier().as_str(), "silver");
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## How much more to reach Gold
//!
//! ```
//! use carekit::loyalty::{EventId, Measure, Tier, Window};
//! use carekit::{Currency, LoyaltyEvent, LoyaltyProgramme, Membership, Money, TierId};
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//!
//! let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
//! let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::AnniversaryYear)
//!     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
//!     .tier(Tier::new(TierId::new("gold")?, Decimal::from(1000)))
//!     .build()?;
//! let order = LoyaltyEvent::purchase(EventId::new("o-1")?, t(2024, 8, 1), Money::from_minor_units(61_250, Currency::EUR))?;
//! let eval = programme.evaluate(&Membership::new(t(2023, 7, 1)), &[order], t(2024, 11, 20))?;
//! let gold = eval.next().unwrap();
//! assert_eq!(gold.tier().as_str(), "gold");
//! assert_eq!(gold.missing(), Decimal::new(38_750, 2)); // 1000 − 612.50 = 387.50 EUR
//! assert_eq!(gold.by(), Some(t(2025, 7, 1)));          // before the membership year ends
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Points expiring this month
//!
//! ```
//! use carekit::loyalty::{EventId, Measure, PointsRule, Tier, Window};
//! use carekit::{Currency, LoyaltyEvent, LoyaltyProgramme, Membership, Money, TierId};
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//!
//! let t = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
//! let programme = LoyaltyProgramme::builder(Currency::EUR, Measure::Spend, Window::CalendarYear)
//!     .tier(Tier::new(TierId::new("blue")?, Decimal::ZERO))
//!     .points(PointsRule::new(Decimal::ONE)?.with_expiry_months(12)?)
//!     .build()?;
//! let eur = |cents| Money::from_minor_units(cents, Currency::EUR);
//! let events = [
//!     LoyaltyEvent::purchase(EventId::new("o-1")?, t(2024, 3, 10), eur(8_000))?,  // 80 points
//!     LoyaltyEvent::purchase(EventId::new("o-2")?, t(2024, 4, 2), eur(2_550))?,   // 25 points
//!     LoyaltyEvent::redemption(EventId::new("x-1")?, t(2024, 12, 1), 30)?,        // oldest first
//! ];
//! let now = t(2025, 3, 5);
//! let points = programme.evaluate(&Membership::new(t(2024, 1, 1)), &events, now)?;
//! let points = points.points().unwrap();
//! assert_eq!(points.balance(), 75);                     // 80 + 25 − 30
//! assert_eq!(points.expiring_by(t(2025, 4, 1)), 50);    // o-1's 80 − 30, on 10 March
//! let next = points.next_expiry().unwrap();
//! assert_eq!((next.points(), next.at()), (50, t(2025, 3, 10)));
//! # Ok::<(), carekit::Error>(())
//! ```
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
//!     .limit(Limit::new("goodwill-90d", Scope::customer_days(90), Measure::MaxAmount(eur(6000)), Action::Deny)
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
//! # Conformance vectors
//!
//! `tests/vectors/*.json` holds cases that any implementation of these
//! definitions can run, in the form `{"cases": [{"id", "kind", "input",
//! "expect"}]}`; `cargo run --release --example conformance -- FILE` prints
//! one JSON line per case (`{"id", "output"}` or `{"id", "error"}`).
//! Percentages are 0–100, proportions 0–1, durations seconds, instants
//! RFC 3339; inputs use carekit's serde forms. Each kind is documented, with
//! its input and output fields, on the page of the module it tests:
//!
//! | kinds | documented in |
//! |---|---|
//! | `nps`, `csat`, `ces` | [`metrics`] (survey scores) |
//! | `percentile`, `sketch_quantile`, `retention`, `interaction_clocks` | [`metrics`] (service metrics) |
//! | `nps_compare`, `proportion_interval`, `two_proportion_test`, `sample_size` | [`stats`] |
//! | `business_time_add`, `business_time_between` | [`calendar`] |
//! | `sla` | [`sla`] |
//! | `loyalty` | [`loyalty`] |
//! | `compensation` | [`compensation`] |
//!
//! A `calendar` input (in `business_time_*`, `sla` and `interaction_clocks`
//! cases) is `{"time_zone": "America/New_York" | "+02:00" | "UTC", "week":
//! {"mon": [["09:00", "17:00"]], ...}, "holidays": [...], "special": {...}}`.
//!
//! # Crate features
//!
//! - `serde` (off by default): `Serialize`/`Deserialize` for every public
//!   input, configuration and accumulator type; reports (summaries,
//!   evaluations, decisions) are `Serialize` only, because they are results
//!   to show or store, not inputs. Deserialisation validates exactly like
//!   the constructors (JSON cannot bypass them) and rejects unknown fields. It enables chrono's and
//!   `rust_decimal`'s serde support; decimals are written as strings so no
//!   precision is lost, and `rust_decimal`'s global `serde-float`/`serde-str`
//!   features are never enabled.
//!
//! - `tz` (off by default): IANA time zones by name in
//!   [`calendar::Zone`] (`"Europe/Berlin"`), and with it in whole
//!   calendars ([`calendar::Calendar`]), period keys, windows and
//!   compensation policies read from data. It brings the zone database
//!   (`chrono-tz`); without it a zone is UTC or a fixed offset, and any
//!   chrono [`TimeZone`](chrono::TimeZone) a caller supplies still works
//!   with [`BusinessCalendar`].
//!
//! # Dependencies
//!
//! serde (optional), thiserror, chrono (without `clock`) and `rust_decimal`;
//! `chrono-tz` with the optional `tz` feature, because a correct zone
//! database is a dataset to track, not code to write here. Nothing else at
//! run time.
//!
//! carekit's API speaks chrono's instants and durations and
//! `rust_decimal`'s decimals, so the crate re-exports both:
//! [`carekit::chrono`](chrono) and [`carekit::rust_decimal`](rust_decimal)
//! are exactly the versions carekit was built with. Use them and there is
//! no version to match by hand:
//!
//! ```
//! use carekit::chrono::{TimeDelta, TimeZone, Utc};
//! use carekit::rust_decimal::Decimal;
//! use carekit::{Currency, Money};
//!
//! let at = Utc.with_ymd_and_hms(2024, 3, 4, 9, 0, 0).unwrap();
//! assert_eq!(at + TimeDelta::hours(4), Utc.with_ymd_and_hms(2024, 3, 4, 13, 0, 0).unwrap());
//! let refund = Money::new(Decimal::new(1999, 2), Currency::EUR);
//! assert_eq!(refund.to_string(), "19.99 EUR");
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! Depending on chrono (0.4.38 or later 0.4) and `rust_decimal` (1.36 or
//! later 1.x) yourself works too: Cargo then builds one copy of each. The
//! re-exported chrono has no `clock` feature (no `Utc::now()`); a service
//! that wants one adds chrono with `clock` and Cargo unifies the features.
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
pub mod scale;
#[cfg(feature = "serde")]
mod serde_map;
pub mod sla;
pub mod stats;

pub use calendar::{
    BusinessCalendar, Calendar, CalendarSpec, CalendarTime, ElapsedTime, LocalTime, OpenInterval,
    WeekSchedule, Zone,
};
pub use compensation::{
    CompiledPolicy, Decision, Grant, GrantHistory, Headroom, Offer, OfferKind, Outcome, Policy,
    PolicySet, Request,
};
pub use customer::{Customer, CustomerBuilder, LanguageTag, Preferences};
pub use error::Error;
pub use feedback::{
    Answer, CesRating, CsatRating, Feedback, FeedbackBuilder, NpsCategory, NpsScore, Weight,
};
pub use id::{AgentId, CustomerId, EventId, InteractionId, Segment, TierId};
pub use interaction::{
    Channel, Direction, Event, EventKind, Interaction, InteractionBuilder, OutboundStart, Priority,
    Status, StatusDurations, StatusPeriod, Timeline, TimelineError, Visibility,
};
pub use loyalty::{LoyaltyEvent, LoyaltyProgramme, ManualFloor, Membership};
pub use metrics::{
    Accumulator, Breakdown, Ces, CesConfig, CesPolarity, CesSummary, ClockSummary, Csat,
    CsatConfig, CsatSummary, Durations, Fcr, FcrConvention, HealthModel, HealthScore,
    InteractionClocks, Nps, NpsConfig, NpsSummary, PercentileMethod, Push, QuantileSketch,
    RepeatPurchaseRate, Retention, WeightedNps, WeightedNpsSummary,
};
pub use money::{Currency, Money, RoundingStrategy};
pub use scale::RatingScale;
pub use sla::{
    SlaAttainment, SlaBook, SlaContext, SlaEvaluation, SlaPolicy, SlaState, Target, TargetKind,
    TimeBasis,
};
pub use stats::Confidence;

/// The chrono crate carekit is built with: instants (`DateTime<Utc>`),
/// durations (`TimeDelta`) and time zones in carekit's API are its types.
///
/// ```
/// let four_hours = carekit::chrono::TimeDelta::hours(4);
/// assert_eq!(four_hours.num_minutes(), 240);
/// ```
pub use chrono;
/// The `rust_decimal` crate carekit is built with: every amount of
/// [`Money`] and every multiplier is its `Decimal`.
///
/// ```
/// use carekit::rust_decimal::Decimal;
/// assert_eq!(carekit::Money::new(Decimal::new(250, 2), carekit::Currency::EUR).amount(), Decimal::new(25, 1));
/// ```
pub use rust_decimal;

/// The README's code blocks, compiled and run as doctests so the quickstart
/// cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
