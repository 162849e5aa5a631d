//! Statistics: confidence intervals, tests and sample sizes for the scores
//! carekit computes.
//!
//! ```
//! use carekit::stats::{proportion_interval, two_proportion_test, Confidence};
//!
//! // CSAT: 412 of 500 satisfied last month, 445 of 510 this month.
//! let now = proportion_interval(445, 510, Confidence::NINETY_FIVE)?.expect("510 answers");
//! assert!(now.low() > 0.84 && now.high() < 0.90);
//! let change = two_proportion_test(412, 500, 445, 510, Confidence::NINETY_FIVE)?;
//! // +4.85 points, z = 2.15, p = 0.031 (statsmodels proportions_ztest)
//! assert!(change.significant() && (change.p_value() - 0.031_423_569_219_397_97).abs() < 1e-12);
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Conventions
//!
//! - **Units.** Proportions are 0–1 ([`proportion_interval`],
//!   [`TwoProportionTest`]); NPS and its intervals are in points, −100 to
//!   100 ([`nps_interval`], [`NpsDifferenceTest::difference`]); variances
//!   and sample-size margins are in proportion units (a margin of `0.05` is
//!   ±5 points).
//! - **Confidence** is a validated [`Confidence`] (0 < level < 1, default
//!   0.95). Its critical value is two-sided: z = Φ⁻¹(1 − (1 − level)/2).
//!   Tests are two-sided and *significant* when p < 1 − level.
//! - **"No value" is `None`.** An interval of zero trials or zero
//!   responses is `Ok(None)`, not an error and not NaN. Inputs that break a
//!   rule (more successes than trials, negative weights, a level of 1.5)
//!   are errors ([`StatsError`]) that quote the value.
//! - **Direction.** Comparisons are "B minus A": A is the baseline (last
//!   month), B the new period, so a positive difference is an improvement.
//!
//! # Formulas
//!
//! **Normal distribution.** [`normal_cdf`] is W. J. Cody's rational
//! Chebyshev approximation (ACM TOMS 715, the algorithm of R's `pnorm`;
//! relative error below 1e-15), [`normal_quantile`] is Wichura's AS 241
//! (`PPND16`, about 1e-16 relative). Both are written out in this crate
//! (no dependency). The tests hold Φ to 1e-15 absolute against scipy and
//! to 1e-14 relative down to Φ(−37) ≈ 6e-300 against a 60-digit
//! evaluation, and Φ⁻¹ to 1e-14 relative against scipy from p = 1e-300 —
//! far inside the 1e-9 the specification asks for. Tails are computed
//! directly, so p-values of 1e-20 keep their digits.
//!
//! **Proportion interval: Wilson score** (the default and only method).
//! With p̂ = k/n: centre (p̂ + z²/2n)/(1 + z²/n), half-width
//! z·√(p̂(1 − p̂)/n + z²/4n²)/(1 + z²/n). Why Wilson and not the textbook
//! Wald p̂ ± z√(p̂(1 − p̂)/n): Wald collapses to a zero-width interval at
//! 0 % or 100 % satisfied (common for a small team's week), leaves [0, 1],
//! and under-covers badly for small n; Wilson does none of these and is
//! what Newcombe (1998) and Agresti & Coull (1998) recommend.
//!
//! **NPS interval.** Each response contributes +1 (promoter), 0 (passive)
//! or −1 (detractor); with shares p and d the variance of one response is
//! Var = p + d − (p − d)² ([`nps_variance`]). *Wald* uses
//! (p − d) ± z·√(Var/n). *Adjusted Wald* first adds ¾ of a response to
//! promoters and to detractors (3 responses in all, so passives get 1.5):
//! n' = n + 3, p' = (P + ¾)/n', d' = (D + ¾)/n', interval
//! (p' − d') ± z·√(Var(p', d')/n'). Like Agresti–Coull for proportions,
//! the adjustment keeps the interval from shrinking to a point when every
//! response is a promoter, and covers better for small samples (B. Rocks,
//! "Interval estimation for the 'net promoter score'", The American
//! Statistician 70(4), 2016). Weighted NPS uses weight shares and Kish's effective sample size
//! `n_eff` = (Σw)²/Σw² in place of n. Both intervals are *clamped* to
//! [−100, 100]: the normal approximation can reach past the ends of the
//! scale near ±100, and a bound of 104 would only say the approximation is
//! poor there; the clamp is applied to the interval's bounds, never to the
//! score.
//!
//! **Period over period.** [`two_proportion_test`] (CSAT, FCR, any rate):
//! pooled z = (`p_B` − `p_A`)/√(p̄(1 − p̄)(1/`n_A` + 1/`n_B`)), two-sided p-value,
//! and Newcombe's hybrid score interval (his method 10) for `p_B` − `p_A`,
//! built from the two Wilson intervals. [`nps_difference_test`]:
//! z = (`nps_B` − `nps_A`)/√(`Var_A`/`n_A` + `Var_B`/`n_B`) in proportion units, and
//! the matching Wald interval for the difference in points.
//!
//! **Means.** [`mean_interval`] is mean ± z·√(s²/n), the normal
//! approximation (z, not Student's t): fine from a few dozen responses,
//! slightly too narrow below that, and optimistic for skewed data such as
//! durations.
//!
//! **Sample size.** [`sample_size`] is n = ⌈z²·Var/E²⌉ for a margin E
//! (half-width); worst cases are [`PROPORTION_WORST_CASE_VARIANCE`] = 0.25
//! and [`NPS_WORST_CASE_VARIANCE`] = 1.
//!
//! **Caveats of the normal approximation.** Every interval and test here
//! except Wilson's relies on the central limit theorem: samples should be
//! independent responses, not repeated answers of the same customers, and
//! not too small (as a rule of thumb at least 5 of each class or outcome in
//! each sample). None of them corrects for running many tests at once.
//!
//! # Conformance kinds
//!
//! The conformance runner (`examples/conformance`) handles these kinds with this module;
//! numbers are compared within each case's tolerance.
//!
//! | kind | input | output |
//! |---|---|---|
//! | `proportion_interval` | `successes`, `trials` (integers), `confidence`, `method` (`"wilson"`) | `low`, `high` (proportions) |
//! | `two_proportion_test` | `a`, `b` as `{"successes", "trials"}`, `confidence` | `z`, `p_value`, `diff_low`, `diff_high` (interval for `p_b − p_a`, proportions); also `difference`, `significant` |
//! | `nps_compare` | `a`, `b` as [`NpsCounts`] `{"promoters", "passives", "detractors"}`, `confidence` | `difference` (points, b − a), `z`, `p_value`, `significant`; also `diff_low`, `diff_high` (points) |
//! | `sample_size` | `metric` (`"proportion"` or `"nps"`), `margin` (points; E = margin/100), `confidence`, optional `variance` (default 0.25 or 1.0) | `n` |
//!
//! `confidence` defaults to 0.95 when absent. A `proportion_interval` of
//! zero trials outputs `null` bounds. Bad input (more successes than
//! trials, an empty sample, a margin of 0) is an error whose message quotes
//! the value.

mod confidence;
mod normal;
mod nps;
mod proportion;
mod sample;

pub use crate::error::StatsError;
pub use confidence::{Confidence, Interval};
pub use normal::{normal_cdf, normal_quantile};
pub use nps::{
    NpsCounts, NpsDifferenceTest, NpsIntervalMethod, nps_difference_test, nps_interval,
    nps_variance,
};
pub use proportion::{TwoProportionTest, proportion_interval, two_proportion_test};
pub use sample::{
    NPS_WORST_CASE_VARIANCE, PROPORTION_WORST_CASE_VARIANCE, mean_interval, sample_size,
};
