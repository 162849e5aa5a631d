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
//! the downgrade policy). Calendar arithmetic follows the wall clock of the
//! programme's time zone ([`LoyaltyProgrammeBuilder::time_zone`], UTC by
//! default); local readings resolve by the crate's one rule (a time in a
//! DST gap is reached when the gap ends, a repeated time at its first
//! instant).
//!
//! | window | value at `t` sums events in | reviews at |
//! |---|---|---|
//! | rolling `N` days | `(t − N × 24 h, t]` | `member_since + k·N × 24 h`, k = 1, 2, … |
//! | rolling `N` months | `(start, t]`, `start` the same local date and time `N` months before `t`, or the first instant of the next month if that month lacks the day | `member_since + k·N` months |
//! | calendar year | `[local midnight on 1 January of t's year, t]` | every local 1 January 00:00 |
//! | anniversary year | `[last anniversary ≤ t, t]` | `member_since + 12·k months` |
//! | lifetime | everything up to `t` | never |
//!
//! The start of a rolling window is
//! [`calendar::Window::start`](crate::calendar::Window::start): it never
//! moves backwards as `t` advances. 31 March − 1 month starts the window
//! on 1 March 00:00, and 29 February 2024 − 12 months on 1 March 2023
//! 00:00, so an event enters the window at its instant and leaves it once,
//! at the first instant whose window start reaches it (a purchase of
//! 31 January 2024 at 12:00 in a rolling month counts through 29 February
//! and leaves on 1 March 00:00).
//!
//! A rolling window is reviewed once per window length, counted from
//! joining on the local calendar (a rolling 12-month window is reviewed on
//! membership anniversaries). Review dates never drift: the k-th is counted
//! from joining, and a day the month lacks is its last day (an anniversary
//! of 29 February falls on 28 February in other years; monthly reviews from
//! 31 January 2024 fall on 29 February, 31 March, 30 April).
//!
//! A review at `R` looks at the period that closes there, `[previous review
//! (or joining), R)`: events exactly at `R` belong to the next period.
//!
//! Evaluation time grows with the number of events and floors, not with
//! the length of the membership: a run of reviews that cannot change
//! anything (an empty period at a tier the rule keeps, no grace period
//! running) is passed in one step, so a member since chrono's first year
//! with a daily window evaluates as fast as a new one.
//!
//! # Upgrades, reviews and downgrade policies
//!
//! - **Upgrades are immediate**: at the instant an event takes the
//!   qualifying value to a higher tier's threshold, the customer holds that
//!   tier (several tiers may be skipped at once). That includes the
//!   instant a negative event (a return after maturity, a negative
//!   adjustment) leaves a rolling window and the value rises. The tier held
//!   is therefore never below the tier the value meets: no review or grace
//!   end drops below the tier the window meets at that instant (before the
//!   instant's own events).
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
//!   to be added before [`Progress::by`], which is derived from window
//!   starts and is always after `as_of`: the end of the window for
//!   calendar and anniversary years (the next review, where the next
//!   window starts); for a rolling window the instant the oldest counted
//!   event leaves it (the first instant whose window start reaches it),
//!   `None` if the rolling window is empty; `None` for a lifetime window.
//! - [`Keep`] (current tier, not the base tier): at the next review the
//!   period `[previous review, review)` must reach the tier's threshold, so
//!   `needed = threshold − value of that period so far`, floored at 0, by
//!   the review. `needed` is 0 under [`DowngradeRule::Never`] or when a
//!   manual floor at least as high is active at the review. While a
//!   downgrade is pending, `needed = threshold − window value` by the end
//!   of the grace period, or, in a rolling window, by the instant the
//!   oldest counted event leaves it if that is earlier. A lifetime window
//!   has no reviews: no `Keep`.
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
//! `expiry_months` calendar months after they were earned, on the local
//! calendar of the programme's zone (at that instant; a day the month
//! lacks is its last). A redemption consumes the oldest live points first (first in,
//! first out); redeeming more than the balance at that instant is an error
//! ([`LoyaltyError::InsufficientPoints`]), so the balance never goes
//! negative. A return after maturity takes back `floor(before × rate) −
//! floor(after × rate)` from its purchase's points, at most what is left of
//! them (points already redeemed or expired are not taken back). At any
//! instant: earned = balance + redeemed + expired + clawed back.
//!
//! A [`PointsStatement`] reports the balance available to redeem, the
//! points still *pending* (what purchases in their return window earn when
//! they mature, less returns so far, at the current tier's multiplier),
//! and, for a horizon the caller chooses, the points of the balance that
//! expire soon: [`PointsStatement::balance_within`] (`TimeDelta::days(30)`)
//! or [`PointsStatement::balance_until`] (an instant), both a
//! [`PointsBalance`].
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
//!  "window": {"rolling": {"months": 12}}, "time_zone": "Europe/Berlin",
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
//! `"calendar_year"`, `"anniversary_year"` or `"lifetime"`; `time_zone`
//! (a [`Zone`](crate::calendar::Zone): `"UTC"`, `"+02:00"` or an IANA
//! name with the `tz` feature; default UTC), `downgrade` (default
//! `{"rule": "requalify"}`), `benefits`, `points_multiplier` (default 1)
//! and `points` are optional. Events are flat objects with a
//! `type` (see [`LoyaltyEvent`]); a membership is
//! `{"since": "...", "floors": [{"tier": "gold", "from": "...", "until": "..."}]}`.
//!
//! # Conformance kind `loyalty`
//!
//! Input: `programme` (as above), `events` (list), `as_of` (RFC 3339),
//! optional `member_since` (default: the earliest event's `at`, or `as_of`
//! without events), optional `floor` (one manual floor) and/or `floors`,
//! optional `points_soon_until` (RFC 3339).
//! Output: `tier`, `since`, `qualifying_value` (decimal string in the
//! measure's unit), `met_tier`, `next_tier` and `missing` (`null` at the
//! top), `missing_by`, `keep_needed` and `keep_by` (`null` when there is
//! nothing to keep), `pending_value`, `pending_downgrade_to`/`_at`,
//! `next_review`, `history` (`[{"at", "tier", "reason"}]`, reasons
//! `joined`, `qualified`, `review`, `grace_ended`, `return_reversed`,
//! `manual_floor`) and, with points, `points_balance`, `points_pending`,
//! `points_expired`, `next_expiry_points`, `next_expiry_at` and (with
//! `points_soon_until`) `points_expiring_soon`.
//!
//! [`Benefits`] is the small type through which the SLA book and the
//! compensation engine read what a tier is entitled to
//! ([`LoyaltyProgramme::benefits`]), without depending on how the tier was
//! earned.

mod benefits;
mod change;
mod evaluate;
mod event;
mod ledger;
mod points;
mod programme;
mod progress;
mod qualifying;
mod report;
mod reviews;
mod schedule;

pub use crate::error::LoyaltyError;
pub use crate::id::EventId;
pub use benefits::{Benefits, CustomPerk, Multiplier, Perk};
pub use change::{ChangeReason, TierChange};
pub use event::{LoyaltyEvent, LoyaltyEventKind, ManualFloor, Membership};
pub use points::{Expiry, PointsBalance, PointsLot, PointsStatement};
pub use programme::{
    DowngradePolicy, DowngradeRule, LoyaltyProgramme, LoyaltyProgrammeBuilder, Measure, PointsRule,
    Tier, Window,
};
pub use progress::{Keep, Progress};
pub use report::{Evaluation, PendingDowngrade};
