//! Metrics: mergeable accumulators for the scores support teams are judged
//! by.
//!
//! (Being built: see the scores-and-statistics issue.)
//!
//! # Service metrics
//!
//! How fast and how well a support team serves, as mergeable accumulators
//! and per-interaction measurements. Every duration is in seconds (`f64`)
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
//! sketch.extend_from_slice(first_reply.values())?;
//! let median = sketch.quantile(0.5)?.unwrap(); // within 1 % of 61 (the lower median)
//! assert!((median - 61.0).abs() <= 0.01 * 61.0);
//!
//! assert_eq!(Retention::from_counts(200, 40, 180)?.churn_rate(), 0.3);
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
//! ## Conformance kinds (SPEC §9)
//!
//! | kind | input | output |
//! |---|---|---|
//! | `percentile` | `values` (seconds, ≥ 0), `q` (list in 0..=1), `method` (`"linear"` default, `"nearest_rank"`) | `values` (`null` when `values` is empty) |
//! | `sketch_quantile` | `values` (≥ 0), `relative_accuracy`, `q` (list) | `values` |
//! | `retention` | `start`, `new`, `end` (counts), or `customers` (carekit `Customer` JSON) and `period` `{start, end}` (RFC 3339) | `start`, `new`, `end`, `retention_rate`, `churn_rate` |
//! | `interaction_clocks` | `interaction` (carekit `Interaction` JSON), optional `until` (RFC 3339, default: the last event's instant, or creation), optional `fcr` (`"one_touch"` default, `"no_customer_follow_up"`, `"no_reopen"`), optional `calendar` (not supported yet: an error) | `first_reply`, `full_resolution` (seconds or `null`), `requester_wait`, `agent_work`, `on_hold`, `agent_wait` (seconds), `reopens`, `agent_replies`, `first_contact_resolved` (`true`/`false`/`null`), `fcr` |

mod error;

pub use error::MetricsError;

// service metrics
mod clocks;
mod durations;
mod health;
mod peak_end;
mod retention;
mod sketch;

pub use clocks::{ClockSummary, Fcr, FcrConvention, InteractionClocks};
pub use durations::{DurationValue, Durations, PercentileMethod};
pub use health::{
    EffortPolarity, HealthBand, HealthBands, HealthComponent, HealthContribution, HealthInputs,
    HealthModel, HealthScore, HealthWeights,
};
pub use peak_end::{PeakEnd, peak_end};
pub use retention::{RepeatPurchaseRate, Retention};
pub use sketch::QuantileSketch;
