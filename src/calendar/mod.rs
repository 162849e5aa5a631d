//! Business calendars: opening hours, holidays and business-time arithmetic
//! across time zones and DST.
//!
//! (Module page: see below.) The [`ElapsedTime`] trait
//! is how the service clocks in [`metrics`](crate::metrics) measure time:
//! [`CalendarTime`] counts every second; a [`BusinessCalendar`] counts only
//! open hours.

mod business;
mod error;
mod schedule;
mod spec;
mod zone;

use chrono::{DateTime, TimeDelta, Utc};

pub use business::BusinessCalendar;
pub use error::CalendarError;
pub use spec::{CalendarSpec, LocalTime, OpenInterval, WeekSchedule};

/// A way of measuring the time between two instants: calendar time (every
/// second counts) or business time (only open hours count).
///
/// Service clocks are generic over this trait, so the same code measures
/// "first reply time" in calendar time and in business hours.
///
/// ```
/// use carekit::calendar::{CalendarTime, ElapsedTime};
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let a = Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap();
/// let b = Utc.with_ymd_and_hms(2024, 1, 1, 17, 30, 0).unwrap();
/// assert_eq!(CalendarTime.elapsed(a, b)?, TimeDelta::minutes(510));
/// # Ok::<(), carekit::Error>(())
/// ```
pub trait ElapsedTime {
    /// Time counted in `[from, to)`.
    ///
    /// # Errors
    ///
    /// An implementation returns an error when it cannot measure (for
    /// example `to` before `from`, or a calendar with no open time).
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, crate::Error>;

    /// The instant at which `duration` of counted time has elapsed from
    /// `start`: a deadline. A zero duration gives `start` itself.
    ///
    /// # Errors
    ///
    /// An implementation returns an error for a negative duration, a
    /// result beyond the representable range, or (for calendars) when
    /// there is no open time to count.
    fn advance(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, crate::Error>;
}

/// Calendar (wall-clock elapsed) time: every second counts.
///
/// ```
/// use carekit::calendar::{CalendarTime, ElapsedTime};
/// use chrono::DateTime;
/// let a = DateTime::from_timestamp(100, 0).unwrap();
/// let b = DateTime::from_timestamp(40, 0).unwrap();
/// assert!(CalendarTime.elapsed(a, b).is_err()); // end before start
/// assert_eq!(CalendarTime.advance(b, chrono::TimeDelta::seconds(60))?, a);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CalendarTime;

impl ElapsedTime for CalendarTime {
    fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta, crate::Error> {
        if to < from {
            return Err(CalendarError::EndBeforeStart { from, to }.into());
        }
        Ok(to.signed_duration_since(from))
    }

    fn advance(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, crate::Error> {
        if duration < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration { duration }.into());
        }
        start
            .checked_add_signed(duration)
            .ok_or_else(|| CalendarError::OutOfRange { start, duration }.into())
    }
}
