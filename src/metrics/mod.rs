//! Metrics: mergeable accumulators for the scores support teams are judged
//! by.
//!
//! The scores come in three groups, by what they read: **survey scores**
//! from answers on a scale (NPS, weighted NPS, CSAT, CES), **service
//! scores** from the clocks of cases (durations and percentiles, the
//! quantile sketch, one case's clocks, first-contact resolution, clocks
//! over many cases) and **customer scores** from customers and their
//! purchases (retention and churn, repeat purchase, peak-end, health). All
//! are at this module's path (`carekit::metrics::Nps`); [`Breakdown`]
//! groups any of them by channel, agent, tier, direction, period or a key
//! of the caller's.
//!
//! # One accumulator contract
//!
//! Every aggregate here — [`Nps`], [`WeightedNps`], [`Csat`], [`Ces`],
//! [`Durations`], [`QuantileSketch`], [`Fcr`], [`ClockSummary`],
//! [`SlaAttainment`](crate::sla::SlaAttainment), [`Retention`],
//! [`RepeatPurchaseRate`] and [`Breakdown`] — speaks the same vocabulary:
//!
//! | verb | meaning |
//! |---|---|
//! | `new(config)` / `Default` / [`empty_like`](Accumulator::empty_like) | an empty value with a convention |
//! | [`push`](Push::push) | add one observation (of any type the accumulator takes) |
//! | [`extend`](Push::extend) | add many, all or nothing |
//! | `extend_u8`, `extend_f64` | add a whole column: the fast path |
//! | [`merge`](Accumulator::merge) | add another accumulator's data; refuses other conventions |
//! | `n()` | the number of observations counted |
//! | `from_parts` / `to_parts` / `into_parts` | the data, field for field as the serde form |
//!
//! Each is a commutative monoid ([`Accumulator`], [`Push`]): merging the
//! accumulators of any split of the data gives exactly the accumulator of
//! the whole, so shards, services and days combine without re-reading raw
//! answers. Merging accumulators built with different conventions is an
//! error ([`MetricsError::ConventionsDiffer`], naming both), never a silent
//! mix; a count that would pass `u64::MAX` is an error
//! ([`MetricsError::CountOverflow`]), never a saturation. Results are
//! computed from integer counts at the end, and an empty accumulator gives
//! `None`, never `NaN`.
//!
//! ```
//! use carekit::metrics::{Accumulator, Ces, Csat, Nps, Push};
//!
//! // Generic code: any accumulator that takes `u8` answers, split in two
//! // shards and merged, equals one pass over all answers.
//! fn sharded<A: Push<u8> + PartialEq + std::fmt::Debug>(empty: A, answers: &[u8]) -> Result<A, carekit::Error> {
//!     let (left, right) = answers.split_at(answers.len() / 2);
//!     let mut a = empty.empty_like();
//!     a.extend(left.iter().copied())?;
//!     let mut b = empty.empty_like();
//!     b.extend(right.iter().copied())?;
//!     a.merge(&b)?;
//!     let mut whole = empty.empty_like();
//!     whole.extend(answers.iter().copied())?;
//!     assert_eq!(a, whole);
//!     Ok(a)
//! }
//! assert_eq!(sharded(Nps::default(), &[10, 9, 3, 7])?.score(), Some(25.0));
//! assert_eq!(sharded(Csat::default(), &[5, 4, 3, 1])?.percent(), Some(50.0));
//! assert_eq!(sharded(Ces::default(), &[7, 5, 4, 2])?.mean(), Some(4.5));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Survey scores
//!
//! | score | accumulator | convention (default) | result |
//! |---|---|---|---|
//! | NPS | [`Nps`] | [`NpsConfig`] (detractors 0–6, promoters 9–10) | [`NpsSummary`] |
//! | weighted NPS | [`WeightedNps`] | [`NpsConfig`] | [`WeightedNpsSummary`] |
//! | CSAT | [`Csat`] | [`CsatConfig`] (1..=5, satisfied ≥ 4, no neutral) | [`CsatSummary`] |
//! | CES | [`Ces`] | [`CesConfig`] (1..=7, easy ≥ 5, difficult ≤ 3, higher is easier) | [`CesSummary`] |
//!
//! Each accumulator takes (with `push` and `extend`) the crate's answer
//! types ([`NpsScore`](crate::NpsScore), [`CsatRating`](crate::CsatRating),
//! [`CesRating`](crate::CesRating)), [`Feedback`](crate::Feedback) records
//! (answers of another survey are skipped) and plain `u8` values; whole
//! `&[u8]` columns go through `extend_u8` (the fast path), a field of the
//! caller's own structs through `extend_by` (and
//! [`Breakdown::extend_grouped_by`] for a key field too), and per-row
//! group indices from a query engine's grouped aggregation through
//! `extend_grouped` (`extend_grouped_masked` with a [`RowMask`] for null or
//! filtered rows). CSAT and CES share one rating-scale accumulator (a
//! count per point of the scale). A rejected column names the first bad
//! value and its index and leaves the accumulator (or every group)
//! unchanged.
//!
//! ## NPS
//!
//! An answer 0..=10 is a detractor when `≤ detractor_max` (6), a promoter
//! when `≥ promoter_min` (9), a passive otherwise; cut-offs are validated
//! `detractor_max < promoter_min ≤ 10`. With P promoters, D detractors and
//! N answers, **NPS = 100 · (P − D) / N** points, in [−100, 100]; `None`
//! for N = 0. The interval ([`stats::nps_interval`](crate::stats::nps_interval))
//! is Wald on the trinomial variance p + d − (p − d)² (default) or
//! adjusted Wald (N + 3, P + ¾, D + ¾), clamped to [−100, 100]; the
//! summary records the method and the confidence.
//!
//! **Weighted NPS** ([`WeightedNps`]) uses weight sums: NPS = 100 · (Σw
//! over promoters − Σw over detractors) / Σw, and the interval uses
//! Kish's effective sample size `n_eff` = (Σw)² / Σw². A feedback record
//! without a weight counts with weight 1. Weight sums are compensated
//! (Neumaier), so a merge equals the whole up to floating-point rounding
//! (float addition is not associative); the answer count merges exactly.
//!
//! ## CSAT
//!
//! A scale `min..=max` (1..=5; a binary good/bad survey is 0..=1), a
//! satisfied threshold (4: top-2-box) and an optional set of neutral
//! ratings:
//!
//! - **percent satisfied** = 100 · #(rating ≥ `satisfied_from`) /
//!   #(ratings that are not neutral), `None` when that count is 0;
//! - **mean** = the arithmetic mean of all ratings, neutral ones included
//!   (so "CSAT as a mean" is [`CsatSummary::mean`]);
//! - the **distribution** of every point of the scale;
//! - a **Wilson interval** for the percentage, in percent.
//!
//! Presets: [`CsatConfig::top_two_box`] (the default),
//! [`CsatConfig::binary`] and [`CsatConfig::zendesk`] (good / (good +
//! bad), the same counting as binary). Neutral ratings must lie on the
//! scale below `satisfied_from`.
//!
//! ## CES
//!
//! A scale (1..=7), a polarity ([`CesPolarity::HigherIsEasier`] by
//! default; [`CesPolarity::LowerIsEasier`] for "how much effort" scales),
//! `easy_from` (5) and `difficult_to` (3). Higher is easier: easy means
//! rating ≥ `easy_from`, difficult means rating ≤ `difficult_to`; lower is
//! easier: easy means rating ≤ `easy_from`, difficult means rating ≥
//! `difficult_to`. Thresholds lie on the scale and never overlap.
//! Outputs: **mean**, **percent easy**, **percent difficult**, **net easy**
//! = percent easy − percent difficult (in [−100, 100]), and a
//! normal-approximation interval for the mean
//! ([`stats::mean_interval`](crate::stats::mean_interval), sample variance
//! with divisor n − 1).
//!
//! ## Breakdowns and periods
//!
//! [`Breakdown<K, A>`](Breakdown) holds one accumulator per key in key
//! order: keys are [`Channel`](crate::Channel), [`Priority`](crate::Priority),
//! [`TierId`](crate::TierId), [`AgentId`](crate::AgentId),
//! [`Segment`](crate::Segment), a [`PeriodKey`](crate::calendar::PeriodKey), a tuple of those or any
//! caller key. [`PeriodKey::of`](crate::calendar::PeriodKey::of) puts an instant in its day, ISO week,
//! month, quarter or year ([`Period`](crate::calendar::Period)) as seen in a caller-given
//! [`chrono::TimeZone`], displayed `2024-03-04`, `2024-W10`, `2024-03`,
//! `2024-Q1`, `2024`. A breakdown merges group by group. Every
//! accumulator can be grouped, and a breakdown is an accumulator itself
//! (a `(key, observation)` pair is one observation), so breakdowns nest.
//!
//! ## Speed
//!
//! The column kernels need neither `unsafe` nor `target-cpu=native`. They
//! walk the column in blocks of 255 × 32 bytes, keeping one `u8` counter
//! per byte lane for each question asked of a byte (`x ≤ detractor_max`,
//! `x ≥ promoter_min`, `x == v`); a lane counter is bumped at most 255
//! times per block, so it cannot wrap, and LLVM compiles these loops to
//! SSE2 byte compares (16 bytes per instruction, part of the x86-64
//! baseline). After each block the lanes are added into `u64` totals.
//! Validity is a lane-wise maximum (and minimum) per block; only a block
//! that holds a bad value is scanned again for its index. NPS keeps three
//! class counts, not eleven score counts, because that is what lets its
//! kernel ask three questions per byte instead of eleven. CSAT and CES
//! count up to four scale points per pass (scales above 16 points use
//! four interleaved per-value tables). Grouped NPS over a `u8` key column
//! counts up to 12 key values with lane counters over per-block class
//! masks and more with four interleaved count tables; `u16` keys use the
//! tables. On the reference 2-core machine (single thread): NPS ≈ 29 G
//! rows/s on a cache-resident column and at memory bandwidth (13–26 GB/s
//! there) on a 100 M-row one, CSAT ≈ 14–18 G rows/s, grouped NPS ≈ 3–5 G
//! rows/s for 4–6 key values (see `benches/scores.rs` and
//! `examples/bench_report`).
//!
//! Records are read once, in order, with one projection call each. A
//! record costs a whole cache line whatever is read from it, so records
//! wider than 16 bytes are counted as they are read, with a
//! branch-free class or histogram update per record and a predictable
//! branch for an invalid value; on the reference machine NPS, CSAT and
//! CES over 64-byte structs, plain or grouped by a key field, run at the
//! speed of a plain loop that reads one field per record (the memory
//! ceiling, about 300 M records/s there). Narrow records are gathered
//! into a buffer and counted with the column kernels. The group-index
//! kernels update each row's group in place (each group with its own
//! convention) and, on a bad row, take back the rows already added;
//! a [`RowMask`] is read 64 rows at a time, so a batch without nulls costs
//! the same as one without a mask.
//!
//! ## Conformance kinds
//!
//! The conformance runner (`examples/conformance`) handles, for these
//! scores:
//!
//! | kind | input | output |
//! |---|---|---|
//! | `nps` | `scores` (0..=10), optional `weights`, `confidence` (0.95), `interval` (`wald` default, `adjusted_wald`) | `n`, `promoters`, `passives`, `detractors` (weight sums when weighted), `score`, `ci_low`, `ci_high`, `effective_n` |
//! | `csat` | `ratings`, `scale` `{min, max}`, `satisfied_from`, optional `exclude_neutral` (list), `confidence` | `n` (neutral excluded), `responses`, `satisfied`, `percent`, `mean` (all ratings), `ci_low`, `ci_high` (Wilson, percent) |
//! | `ces` | `ratings`, `scale`, `easy_from`, `difficult_to`, `higher_is_easier` (default true), optional `confidence` | `n`, `mean`, `percent_easy`, `percent_difficult`, `net`, `ci_low`, `ci_high` (mean) |
//!
//! With no answers, `score`/`percent`/`mean` and the interval bounds are
//! `null`.
//!
//! # Example
//!
//! ```
//! use carekit::metrics::{Csat, Nps};
//! use carekit::stats::{Confidence, NpsIntervalMethod};
//!
//! let mut monday = Nps::default();
//! monday.extend_u8(&[10, 9, 7, 3])?;
//! let mut tuesday = Nps::default();
//! tuesday.extend_u8(&[9, 6])?;
//! monday.merge(&tuesday)?;
//! // P = 3, D = 2, N = 6: 100 · (3 − 2) / 6
//! let s = monday.summary(Confidence::NINETY_FIVE, NpsIntervalMethod::Wald)?;
//! assert_eq!(s.score(), Some(100.0 / 6.0));
//!
//! let mut csat = Csat::default();
//! csat.extend_u8(&[5, 4, 2])?;
//! assert_eq!(csat.summary(Confidence::NINETY_FIVE)?.satisfied(), 2);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Service and customer scores
//!
//! How fast and how well a support team serves, and what its customers do
//! after, as mergeable accumulators and per-interaction measurements. Every duration is in seconds (`f64`)
//! or a [`chrono::TimeDelta`]; every rate is a proportion in `0..=1`.
//!
//! | type | what it answers |
//! |---|---|
//! | [`Durations`] | count, sum, mean, min, max, variance, exact percentiles, mean interval |
//! | [`QuantileSketch`] | percentiles within a relative error α in bounded memory (`DDSketch`) |
//! | [`InteractionClocks`] | one interaction's first reply, resolution, wait and work times, reopens, FCR verdict |
//! | [`Fcr`], [`ClockSummary`] | first-contact resolution rate (Wilson interval); clocks over many interactions |
//! | [`Retention`], [`RepeatPurchaseRate`] | retention, churn and repeat purchase of a cohort |
//! | [`peak_end`] → [`PeakEnd`] | a customer's remembered experience, 0–100 |
//! | [`HealthModel`] → [`HealthScore`] | an explainable customer health score, 0–100, with a band |
//!
//! ```
//! use carekit::metrics::{Durations, PercentileMethod, QuantileSketch, Retention};
//!
//! let first_reply = Durations::from_seconds(&[42.0, 300.0, 95.0, 61.0])?;
//! let p = first_reply.percentiles(&[0.5, 0.9], PercentileMethod::Linear)?.unwrap();
//! assert_eq!(p[0], 78.0); // h = 1.5: 61 + 0.5·(95 − 61)
//! assert!((p[1] - 238.5).abs() < 1e-9); // h = 2.7: 95 + 0.7·(300 − 95)
//!
//! let mut sketch = QuantileSketch::new(0.01)?;
//! sketch.extend_f64(first_reply.values())?;
//! let median = sketch.quantile(0.5)?.unwrap(); // within 1 % of 61 (the lower median)
//! assert!((median - 61.0).abs() <= 0.01 * 61.0);
//!
//! assert_eq!(Retention::from_counts(200, 40, 180)?.churn_rate(), Some(0.3));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! ## Durations and percentiles
//!
//! For durations `x₁ … xₙ` (finite, `0 ≤ x ≤ 1e15` s):
//!
//! - sum `S = Σ xᵢ`, computed **exactly** and rounded once (the same bits
//!   as Python's `math.fsum`), so it is independent of order and merging
//!   any split gives the whole's result bit for bit;
//! - mean `S / n`; sample variance `s² = Σ (xᵢ − mean)² / (n − 1)` (each
//!   square split exactly and summed exactly); mean interval
//!   `mean ± z·√(s²/n)` ([`stats::mean_interval`](crate::stats::mean_interval));
//! - percentiles of the sorted `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎` at `q ∈ [0, 1]`
//!   ([`PercentileMethod`]):
//!   - `Linear` (default; Hyndman–Fan type 7, numpy `"linear"`):
//!     `h = (n − 1)q`, `x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`;
//!   - `NearestRank` (type 1, numpy `"inverted_cdf"`): `x₍⌈nq⌉−1₎`
//!     (the first value for `q = 0`).
//!
//! Empty accumulators answer `None`.
//!
//! A column of seconds is validated in one branch-free pass (SSE2 lanes
//! for the minimum, the maximum and a NaN check), at memory speed.
//! [`Durations::from_seconds`] copies the caller's slice, and a large copy
//! mostly pays for fresh memory; [`Durations::from_parts`] takes over the
//! caller's `Vec` instead and only reads it, which is the fast way from a
//! column of seconds to percentiles (on the reference machine, 10 M
//! durations to p50 and p90 in about 23 ms, 3× polars' `quantile`).
//!
//! ## Quantile sketch (`DDSketch`)
//!
//! With relative accuracy `α ∈ [1e-12, 1)`: `γ = (1 + α)/(1 − α)`; a value
//! `x > 0` goes to bucket `k = ⌈log_γ x⌉` (bucket `k` covers
//! `(γ^(k−1), γ^k]`), zeros to a zero bucket; the quantile at `q` is read
//! at rank `q·(n − 1)` as the first bucket whose cumulative count exceeds
//! the rank and reported as `2γᵏ/(1 + γ)`. It is within `α·x` of the
//! `⌊q(n − 1)⌋`-th smallest value `x`, matches the reference Python
//! `ddsketch` bit for bit, merges exactly (same buckets), and refuses to
//! merge sketches of different α.
//!
//! ## Interaction clocks and first-contact resolution
//!
//! [`InteractionClocks::measure`] reads an interaction's timeline as known
//! at an instant `until` and measures each status period with an
//! [`ElapsedTime`](crate::calendar::ElapsedTime): calendar time, or a
//! business calendar for business-time clocks.
//!
//! - first reply = creation → first public agent reply; for an outbound
//!   interaction whose first public agent reply precedes every customer
//!   message (the agent opened it), the second public agent reply;
//! - full resolution = creation → last solve, if solved at `until`;
//! - requester wait = time in `New + Open + OnHold`; agent work = `New +
//!   Open`; on hold = `OnHold`; agent wait = `Pending`;
//! - reopens (`Solved` → unsolved) and public agent replies;
//! - first-contact resolution by [`FcrConvention`] (default `OneTouch`:
//!   solved with at most one public agent reply and never reopened;
//!   `NoCustomerFollowUp`: no customer message after the first reply;
//!   `NoReopen`), `None` while unsolved. FCR rate = resolved / eligible
//!   with a Wilson interval ([`Fcr`]).
//!
//! ## Retention, churn, repeat purchase
//!
//! With `S` customers at the period's start (the cohort), `N` new customers
//! still active at its end and `E` customers at the end: retention
//! `(E − N)/S`, churn `(S − (E − N))/S` — never the naive `(S − E)/S`.
//! From [`Customer`](crate::Customer) records: the cohort is who was
//! active at the start, lost are its members not active at the end, new are
//! those who joined after the start and are active at the end. Repeat
//! purchase rate = cohort customers who bought again / cohort.
//!
//! ## Peak-end score
//!
//! Each answer is normalised to 0–100 on its scale, `(v − min)/(max − min)
//! · 100`; the peak is the answer furthest from 50 (ties: the latest), the
//! end is the latest answer; score = `(peak + end)/2`.
//!
//! ## Customer health
//!
//! Components normalised to 0–100 (higher = healthier; table at
//! [`HealthComponent`]) are weighted by [`HealthWeights`] (each in
//! `0..=1`, summing to 1 within 1e-9). Missing components do not count:
//! the weights of the present ones are re-normalised, `w'ᵢ = wᵢ / Σ_present
//! w`, and score = `Σ w'ᵢ·vᵢ`. Bands ([`HealthBands`]): at risk below 40,
//! needs attention below 70, healthy otherwise. Each
//! [`HealthContribution`] shows weight, effective weight, value and points.
//!
//! ## Conformance kinds
//!
//! | kind | input | output |
//! |---|---|---|
//! | `percentile` | `values` (seconds, ≥ 0), `q` (list in 0..=1), `method` (`"linear"` default, `"nearest_rank"`) | `values` (`null` when `values` is empty) |
//! | `sketch_quantile` | `values` (≥ 0), `relative_accuracy`, `q` (list) | `values` |
//! | `retention` | `start`, `new`, `end` (counts), or `customers` (carekit `Customer` JSON) and `period` `{start, end}` (RFC 3339) | `start`, `new`, `end`, `retention_rate`, `churn_rate` |
//! | `interaction_clocks` | `interaction` (carekit `Interaction` JSON), optional `until` (RFC 3339, default: the last event's instant, or creation), optional `fcr` (`"one_touch"` default, `"no_customer_follow_up"`, `"no_reopen"`), optional `calendar` (the [`Calendar`](crate::calendar::Calendar) JSON form `{"time_zone", "week", "holidays", "special"}`: every clock then counts business time only) | `first_reply`, `full_resolution` (seconds or `null`), `requester_wait`, `agent_work`, `on_hold`, `agent_wait` (seconds), `reopens`, `agent_replies`, `first_contact_resolved` (`true`/`false`/`null`), `fcr` |

pub use crate::error::MetricsError;

// The contract every accumulator speaks, the grouping of any of them, and
// the column kernels they share.
mod accumulator;
mod breakdown;
mod kernels;
pub(crate) use accumulator::push_vocabulary;
pub use accumulator::{Accumulator, Push};
pub use breakdown::Breakdown;
pub use kernels::RowMask;

// Survey scores: NPS, CSAT, CES (one rating-scale accumulator).
mod survey;
pub use survey::{Ces, CesConfig, CesPolarity, CesSummary, Csat, CsatConfig, CsatSummary};
pub use survey::{
    CesParts, CompensatedSum, CsatParts, NpsParts, NpsSummary, WeightedNps, WeightedNpsParts,
    WeightedNpsSummary,
};
pub use survey::{Nps, NpsConfig};

// Service scores: durations and sketches, one case's clocks, FCR, many
// cases' clocks.
mod service;
pub(crate) use service::DurationValue;
pub use service::{ClockSummary, Durations, DurationsParts, InteractionClocks, PercentileMethod};
pub use service::{Fcr, FcrConvention, FcrParts, QuantileSketch, QuantileSketchParts};

// Customer scores: retention and repeat purchase, peak-end, health.
mod customer;
pub use customer::{
    CohortOutcome, HealthBand, HealthBands, HealthComponent, HealthContribution, HealthInputs,
    HealthModel, HealthScore, HealthWeights, PeakEnd, RepeatPurchase, RepeatPurchaseParts,
    RepeatPurchaseRate, Retention, RetentionParts, peak_end,
};
