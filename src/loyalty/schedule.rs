//! When reviews happen: the review instants of a qualifying window in the
//! programme's zone, and the local-calendar steps (months and spans later)
//! that reviews, grace periods and expiries are measured in.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::LoyaltyError;
use super::programme::Window;
use crate::calendar::{Span, Zone, first_instant_at, local_of};
use crate::error::Error;

/// Review instants of a window in the programme's zone: the k-th review
/// (k ≥ 1) after joining.
///
/// | window | k-th review |
/// |---|---|
/// | rolling `n` days | `since + k·n × 24 h` |
/// | rolling `n` months | the local date and time of joining `k·n` months later (a missing day: the month's last) |
/// | anniversary year | the same, `12·k` months later |
/// | calendar year | local midnight on 1 January of the `k`-th year after joining's |
/// | lifetime | none |
pub(super) struct Reviews {
    window: Window,
    tz: Zone,
    since: DateTime<Utc>,
    /// The wall-clock reading of joining, for the windows that count
    /// local months or years.
    since_local: Option<NaiveDateTime>,
}

pub(super) fn out_of_range(what: &'static str, at: DateTime<Utc>) -> Error {
    LoyaltyError::DateOutOfRange { what, at }.into()
}

/// `months` calendar months after `t` on the wall clock of `tz` (a day the
/// month lacks becomes its last day), resolved by the crate's one rule for
/// local readings; `None` beyond chrono's range.
pub(super) fn months_later(tz: Zone, t: DateTime<Utc>, months: u32) -> Option<DateTime<Utc>> {
    first_instant_at(
        &tz,
        local_of(&tz, t)?.checked_add_months(Months::new(months))?,
    )
}

/// `span` after `t`: elapsed days, or local calendar months.
pub(super) fn span_later(tz: Zone, t: DateTime<Utc>, span: Span) -> Option<DateTime<Utc>> {
    match span {
        Span::Days(n) => t.checked_add_signed(TimeDelta::try_days(i64::from(n))?),
        Span::Months(n) => months_later(tz, t, n),
    }
}

impl Reviews {
    /// The schedule of a window in `tz` for a member since `since`.
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::DateOutOfRange`] when the window counts local
    /// months or years and joining has no local reading (within a day of
    /// the ends of chrono's range).
    pub(super) fn new(window: Window, tz: Zone, since: DateTime<Utc>) -> Result<Self, Error> {
        let since_local = local_of(&tz, since);
        let local_needed = matches!(
            window,
            Window::Rolling(Span::Months(_)) | Window::AnniversaryYear | Window::CalendarYear
        );
        if local_needed && since_local.is_none() {
            return Err(out_of_range("the local time of member_since", since));
        }
        Ok(Self {
            window,
            tz,
            since,
            since_local,
        })
    }

    pub(super) fn window(&self) -> Window {
        self.window
    }

    pub(super) fn tz(&self) -> Zone {
        self.tz
    }

    pub(super) fn since(&self) -> DateTime<Utc> {
        self.since
    }

    /// The k-th review (k ≥ 1); `None` for a lifetime window and beyond
    /// chrono's range.
    pub(super) fn nth(&self, k: u32) -> Option<DateTime<Utc>> {
        let months_after = |months: u32| {
            first_instant_at(
                &self.tz,
                self.since_local?.checked_add_months(Months::new(months))?,
            )
        };
        match self.window {
            Window::Lifetime => None,
            Window::Rolling(Span::Days(n)) => {
                let days = i64::from(n).checked_mul(i64::from(k))?;
                self.since.checked_add_signed(TimeDelta::try_days(days)?)
            }
            Window::Rolling(Span::Months(n)) => months_after(n.checked_mul(k)?),
            Window::AnniversaryYear => months_after(k.checked_mul(12)?),
            Window::CalendarYear => {
                let year = self
                    .since_local?
                    .year()
                    .checked_add(i32::try_from(k).ok()?)?;
                first_instant_at(
                    &self.tz,
                    NaiveDate::from_ymd_opt(year, 1, 1)?.and_time(NaiveTime::MIN),
                )
            }
        }
    }

    /// Number of reviews at instants in `(since, t]`.
    pub(super) fn count_up_to(&self, t: DateTime<Utc>) -> u32 {
        if t <= self.since {
            return 0;
        }
        let local_t = local_of(&self.tz, t).unwrap_or_else(|| t.naive_utc());
        let months = || {
            self.since_local
                .map_or(0, |since| months_between(since, local_t))
        };
        let estimate: i64 = match self.window {
            Window::Lifetime => return 0,
            Window::CalendarYear => i64::from(local_t.year())
                .saturating_sub(self.since_local.map_or(0, |s| i64::from(s.year()))),
            Window::Rolling(Span::Days(n)) => {
                let secs = t.signed_duration_since(self.since).num_seconds();
                secs.checked_div(i64::from(n).saturating_mul(86_400))
                    .unwrap_or(0)
            }
            Window::Rolling(Span::Months(n)) => months().checked_div(i64::from(n)).unwrap_or(0),
            Window::AnniversaryYear => months().checked_div(12).unwrap_or(0),
        };
        let mut k = u32::try_from(estimate.max(0)).unwrap_or(u32::MAX);
        // The estimate is within one step; settle it exactly.
        while k > 0 && self.nth(k).is_none_or(|r| r > t) {
            k = k.saturating_sub(1);
        }
        while k < u32::MAX && self.nth(k.saturating_add(1)).is_some_and(|r| r <= t) {
            k = k.saturating_add(1);
        }
        k
    }

    /// The first review strictly after `t` (`None` for a lifetime window).
    ///
    /// # Errors
    ///
    /// [`LoyaltyError::DateOutOfRange`] when it lies beyond chrono's range.
    pub(super) fn next_after(&self, t: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        if self.window == Window::Lifetime {
            return Ok(None);
        }
        self.count_up_to(t)
            .checked_add(1)
            .and_then(|k| self.nth(k))
            .map(Some)
            .ok_or_else(|| out_of_range("next review", t))
    }

    /// The last review at or before `t`, or joining.
    pub(super) fn last_at_or_before(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        match self.count_up_to(t) {
            0 => self.since,
            k => self.nth(k).unwrap_or(self.since),
        }
    }
}

/// Calendar months from `a`'s month to `b`'s, ignoring the days.
fn months_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let years = i64::from(b.year()).saturating_sub(i64::from(a.year()));
    let months = i64::from(b.month()).saturating_sub(i64::from(a.month()));
    years.saturating_mul(12).saturating_add(months)
}
