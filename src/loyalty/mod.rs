//! Loyalty: programmes, tiers, qualification, downgrades and points.
//!
//! A [`LoyaltyProgramme`] is data: ordered [`Tier`]s from a base tier up,
//! each with a threshold and [`Benefits`]; a [`Measure`] (spend, points or
//! purchases); a [`Window`] over which the measure is summed; a
//! [`DowngradePolicy`]; and optionally a [`PointsRule`]. A customer is a
//! [`Membership`] (when they joined, plus any [`ManualFloor`]s granted by
//! staff) and a ledger of [`LoyaltyEvent`]s. [`LoyaltyProgramme::evaluate`]
//! turns programme, membership and events into an [`Evaluation`] at an
//! instant: the tier and since when, the history of tier changes with the
//! reason for each, the qualifying value, the [`Progress`] to the next tier,
//! what it takes to [`Keep`] the current one, and a [`PointsStatement`].
//!
//! ```
//! use carekit::{Currency, Money, TierId};
//! use carekit::loyalty::*;
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
//! let events = [LoyaltyEvent::purchase(EventId::new("o-1")?, t(2023, 5, 1), Money::from_minor_units(120_000, Currency::EUR))?];
//! let eval = programme.evaluate(&Membership::new(t(2023, 1, 1)), &events, t(2025, 2, 1))?;
//! // Gold on 2023-05-01 (1200 ≥ 1000), kept at the 2024 review (2023 held
//! // 1200), one tier down at the 2025 review (2024 held nothing).
//! assert_eq!(eval.tier().as_str(), "silver");
//! assert_eq!(eval.since(), t(2025, 1, 1));
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! # Tiers and the qualifying value
//!
//! Tiers are listed base first. The base tier's threshold is 0 and every
//! threshold is strictly above the previous one; tier ids are unique. The
//! threshold is in the measure's unit:
//!
//! - [`Measure::Spend`]: an amount of the programme's currency. Purchases
//!   add their amount, returns subtract what they return, adjustments add
//!   their (signed) value.
//! - [`Measure::Points`]: qualifying points, `floor(amount × earn_rate)`
//!   per purchase at the *base* earn rate (tier multipliers make you earn
//!   more spendable points, not more status). A return removes
//!   `floor(before × rate) − floor(after × rate)`.
//! - [`Measure::Purchases`]: each purchase counts 1; a purchase returned in
//!   full no longer counts (a partial return leaves it counting).
//!
//! The customer *meets* the highest tier whose threshold the qualifying
//! value reaches ([`Evaluation::met_tier`]). The tier they *hold*
//! ([`Evaluation::tier`]) can be higher: tiers are kept until a review.
//!
//! # Windows and reviews
//!
//! The window decides which events count at an instant `t`, and when
//! reviews happen (the only instants at which a tier can be lost through
//! the downgrade policy). All calendar arithmetic is in UTC; months are
//! added with chrono's `checked_add_months`, which clamps to the end of a
//! shorter month.
//!
//! | window | value at `t` sums events in | reviews at |
//! |---|---|---|
//! | rolling `N` days/months | `(t − N, t]` | `member_since + k·N`, k = 1, 2, … |
//! | calendar year | `[1 January of t's year, t]` | every 1 January 00:00 UTC |
//! | anniversary year | `[last anniversary ≤ t, t]` | `member_since + 12·k months` |
//! | lifetime | everything up to `t` | never |
//!
//! A rolling window is reviewed once per window length, counted from
//! joining (a rolling 12-month window is reviewed on membership
//! anniversaries). An anniversary of 29 February falls on 28 February in
//! other years (`member_since + 12·k months`, clamped; never cumulative).
//!
//! A review at `R` looks at the period that closes there, `[previous review
//! (or joining), R)`: events exactly at `R` belong to the next period.
//!
//! # Upgrades, reviews and downgrade policies
//!
//! - **Upgrades are immediate**: at the instant an event takes the
//!   qualifying value to a higher tier's threshold, the customer holds that
//!   tier (several tiers may be skipped at once).
//! - **Reviews** apply the [`DowngradeRule`] to the period's value `v`:
//!   - `Never`: the tier is never lost at a review.
//!   - `Requalify` (default): the customer drops to the tier `v` meets.
//!     *Platinum in 2022, nothing in 2023: blue on 1 January 2024.*
//!   - `SoftLanding`: at most one tier per review.
//!     *Platinum in 2022, nothing since: gold on 1 January 2024, silver on
//!     1 January 2025, blue on 1 January 2026.*
//! - **Grace period** (optional, with either rule): a downgrade decided at
//!   `R` takes effect at `R + grace`; if the qualifying value reaches the
//!   current tier's threshold before then, it is cancelled.
//!   *Gold, the 1 January 2025 review finds 2024 empty, grace 60 days: still
//!   gold until 2 March 2025; spending 1000 in 2025 before then keeps gold.*
//!   The grace period must be shorter than the review cadence (a month
//!   counts as 31 days for the grace, 28 for the cadence; a year as 365
//!   days).
//! - **Returns undo unconfirmed upgrades**: a return after its purchase
//!   matured lowers the qualifying value at the return's instant. If that
//!   takes the value below the threshold of an upgrade earned since the last
//!   review, the upgrade is undone at once (reason
//!   [`ChangeReason::ReturnReversed`]), down to the tier held at that
//!   review (or the tier the value still meets). A tier confirmed by a
//!   review is only lost at a later review. *Silver on 1 March from a 600
//!   purchase, returned on 10 March: blue again on 10 March.*
//! - **Manual floors**: while a [`ManualFloor`] is active
//!   (`from <= t < until`) the tier is at least the floor's; the floor tier
//!   starts at `from` (or at joining, if earlier). When the floor ends the
//!   customer keeps the tier until the next review, which applies the
//!   downgrade policy as usual.
//!
//! # Progress and keeping a tier
//!
//! - [`Progress`] (next tier up): `missing = threshold − value at as_of`,
//!   to be added before [`Progress::by`]: the end of the window for
//!   calendar and anniversary years; for a rolling window the instant the
//!   oldest counted event leaves it (after which more is missing), `None`
//!   if the rolling window is empty; `None` for a lifetime window.
//! - [`Keep`] (current tier, not the base tier): at the next review the
//!   period `[previous review, review)` must reach the tier's threshold, so
//!   `needed = threshold − value of that period so far`, floored at 0, by
//!   the review. `needed` is 0 under [`DowngradeRule::Never`] or when a
//!   manual floor at least as high is active at the review. While a
//!   downgrade is pending, `needed = threshold − window value` by the end
//!   of the grace period. A lifetime window has no reviews: no `Keep`.
//!
//! # Pending purchases and returns
//!
//! A purchase with `matures_at` (the end of its return window) is pending
//! until then: it counts, and earns points, at `matures_at`, and is placed
//! in windows by that instant. A return before maturity shrinks the
//! purchase (a full return means it never counts); a return at or after
//! maturity counts against the value at the return's instant and claws back
//! points. A return refers to its purchase by event id; returns of one
//! purchase may not add up to more than it, nor precede it.
//!
//! # Points lifecycle
//!
//! With a [`PointsRule`], a purchase earns `floor(amount × earn_rate ×
//! multiplier)` points when it matures, where the multiplier is the
//! [`Tier::points_multiplier`] of the tier held *just before* the purchase
//! counts (the purchase that reaches gold earns at the silver rate).
//! Fractions are always floored, per purchase. Points expire
//! `expiry_months` calendar months after they were earned (at that
//! instant). A redemption consumes the oldest live points first (first in,
//! first out); redeeming more than the balance at that instant is an error
//! ([`LoyaltyError::InsufficientPoints`]), so the balance never goes
//! negative. A return after maturity takes back `floor(before × rate) −
//! floor(after × rate)` from its purchase's points, at most what is left of
//! them (points already redeemed or expired are not taken back). At any
//! instant: earned = balance + redeemed + expired + clawed back.
//!
//! # Validation and conventions
//!
//! - [`LoyaltyProgramme::evaluate`] validates every event (unique ids,
//!   currency, returns, events not before joining) and then ignores events
//!   after `as_of`, so a caller may pass a customer's whole ledger and ask
//!   about any instant. It is a pure function of its inputs: the order of
//!   `events` does not matter (events at the same instant are applied
//!   together), and evaluating at a later instant extends the history
//!   without rewriting it.
//! - Spend values are reported with at least the currency's minor-unit
//!   digits (`1250.00`); counts and points as whole numbers. The
//!   qualifying value may be negative (a December purchase returned in
//!   January lowers January's year).
//! - Money is added with [`Money::checked_add`](crate::Money::checked_add)
//!   and dates with chrono's checked operations: overflow is an error,
//!   never a panic.
//!
//! # JSON forms (feature `serde`)
//!
//! Programme:
//!
//! ```json
//! {"currency": "EUR", "measure": "spend",
//!  "window": {"rolling": {"months": 12}},
//!  "downgrade": {"rule": "soft_landing", "grace": {"days": 30}},
//!  "tiers": [
//!    {"id": "blue", "threshold": "0"},
//!    {"id": "gold", "threshold": "1000.00", "points_multiplier": "1.5",
//!     "benefits": {"priority_boost": 1, "perks": ["free_returns"]}}],
//!  "points": {"earn_rate": "1", "expiry_months": 12}}
//! ```
//!
//! `measure` is `"spend"`, `"points"` or `"purchases"`; `window` is
//! `{"rolling": {"days": N}}`, `{"rolling": {"months": N}}`,
//! `"calendar_year"`, `"anniversary_year"` or `"lifetime"`; `downgrade`
//! (default `{"rule": "requalify"}`), `benefits`, `points_multiplier`
//! (default 1) and `points` are optional. Events are flat objects with a
//! `type` (see [`LoyaltyEvent`]); a membership is
//! `{"since": "...", "floors": [{"tier": "gold", "from": "...", "until": "..."}]}`.
//!
//! # Conformance kind `loyalty`
//!
//! Input: `programme` (as above), `events` (list), `as_of` (RFC 3339),
//! optional `member_since` (default: the earliest event's `at`, or `as_of`
//! without events), optional `floor` (one manual floor) and/or `floors`.
//! Output: `tier`, `since`, `qualifying_value` (decimal string in the
//! measure's unit), `met_tier`, `next_tier` and `missing` (`null` at the
//! top), `missing_by`, `keep_needed` and `keep_by` (`null` when there is
//! nothing to keep), `pending_value`, `pending_downgrade_to`/`_at`,
//! `next_review`, `history` (`[{"at", "tier", "reason"}]`, reasons
//! `joined`, `qualified`, `review`, `grace_ended`, `return_reversed`,
//! `manual_floor`) and, with points, `points_balance`, `points_expired`,
//! `next_expiry_points`, `next_expiry_at`.
//!
//! [`Benefits`] is the small type through which the SLA book and the
//! compensation engine read what a tier is entitled to
//! ([`LoyaltyProgramme::benefits`]), without depending on how the tier was
//! earned.

mod benefits;
mod error;
mod evaluate;
mod event;
mod ledger;
mod points;
mod programme;
mod progress;
mod qualifying;
mod report;
mod reviews;

pub use benefits::{Benefits, CustomPerk, Multiplier, Perk};
pub use error::LoyaltyError;
pub use event::{EventId, LoyaltyEvent, LoyaltyEventKind, ManualFloor, Membership};
pub use points::{Expiry, PointsLot, PointsStatement};
pub use programme::{
    DowngradePolicy, DowngradeRule, LoyaltyProgramme, LoyaltyProgrammeBuilder, Measure, PointsRule,
    Tier, Window,
};
pub use progress::{Keep, Progress};
pub use report::{ChangeReason, Evaluation, PendingDowngrade, TierChange};
