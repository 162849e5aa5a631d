//! The peak-end experience score.

use std::ops::RangeBounds;

use chrono::{DateTime, Utc};

use crate::metrics::CesPolarity;
use crate::{feedback::Answer, feedback::Feedback, id::CustomerId};

/// A customer's peak-end experience score over a window, 0–100.
///
/// People remember an experience by its most intense moment and by its end
/// (Kahneman's peak-end rule), so the score is the mean of two answers:
///
/// - every feedback answer (NPS, CSAT or CES) is normalised to 0–100 on its
///   own scale, 100 being the best answer: `(value − min) / (max − min) ·
///   100`; a CES answer on a [`CesPolarity::LowerIsEasier`] scale (1 = very
///   low effort) is turned around first, `(max − value) / (max − min) ·
///   100`, so the easiest answer is 100 whatever the scale's direction;
/// - the **peak** is the answer furthest from its scale's midpoint, i.e.
///   with the largest `|normalised − 50|` (so an NPS 0 and a CSAT 1 are
///   equally extreme); ties go to the latest of them (by instant, then by
///   position in the input);
/// - the **end** is the latest answer (by instant, then position);
/// - score = `(peak + end) / 2`. With one answer, peak and end are the
///   same.
///
/// Only the customer's feedback with an instant inside the window counts;
/// `None` when there is none.
///
/// # Example
///
/// ```
/// use carekit::metrics::{CesPolarity, peak_end};
/// use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
/// use chrono::{TimeZone, Utc};
///
/// let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
/// let c = CustomerId::new("c-1")?;
/// let feedback = [
///     Feedback::builder(c.clone(), d(1), CsatRating::on_default_scale(4)?).build(), // 75
///     Feedback::builder(c.clone(), d(3), NpsScore::new(1)?).build(),               // 10: the peak
///     Feedback::builder(c.clone(), d(9), CsatRating::on_default_scale(4)?).build(), // 75: the end
/// ];
/// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
/// assert_eq!(pe.peak(), 10.0); // |10 − 50| = 40 beats |75 − 50| = 25
/// assert_eq!(pe.end(), 75.0);
/// assert_eq!(pe.score(), 42.5);
/// assert_eq!(pe.answers(), 3);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PeakEnd {
    score: f64,
    peak: f64,
    peak_at: DateTime<Utc>,
    end: f64,
    end_at: DateTime<Utc>,
    answers: u64,
    #[cfg_attr(feature = "serde", serde(default))]
    ces_polarity: CesPolarity,
}

impl PeakEnd {
    /// `(peak + end) / 2`, 0–100.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.score(), 70.0); // (90 + 50) / 2
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> f64 {
        self.score
    }

    /// The most extreme answer, normalised to 0–100.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.peak(), 90.0); // |90 − 50| = 40 beats |50 − 50| = 0
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn peak(&self) -> f64 {
        self.peak
    }

    /// When the peak answer was given.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.peak_at(), d(2));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn peak_at(&self) -> DateTime<Utc> {
        self.peak_at
    }

    /// The latest answer, normalised to 0–100.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.end(), 50.0); // CSAT 3 on 1..=5: (3 − 1) / (5 − 1) · 100
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end(&self) -> f64 {
        self.end
    }

    /// When the latest answer was given.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.end_at(), d(5));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn end_at(&self) -> DateTime<Utc> {
        self.end_at
    }

    /// How many answers were in the window.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CsatRating, CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let d = |day| Utc.with_ymd_and_hms(2024, 5, day, 12, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let feedback = [
    ///     Feedback::builder(c.clone(), d(2), NpsScore::new(9)?).build(),               // 90: the peak
    ///     Feedback::builder(c.clone(), d(5), CsatRating::on_default_scale(3)?).build(), // 50: the end
    /// ];
    /// let pe = peak_end(&feedback, &c, d(1)..=d(31), CesPolarity::HigherIsEasier).unwrap();
    /// assert_eq!(pe.answers(), 2);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn answers(&self) -> u64 {
        self.answers
    }

    /// The CES polarity the answers were read with.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, peak_end};
    /// # use carekit::{CustomerId, Feedback, NpsScore};
    /// # use chrono::{TimeZone, Utc};
    /// # let at = Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap();
    /// # let c = CustomerId::new("c-1")?;
    /// let f = [Feedback::builder(c.clone(), at, NpsScore::new(9)?).build()];
    /// let pe = peak_end(&f, &c, .., CesPolarity::LowerIsEasier).unwrap();
    /// assert_eq!(pe.ces_polarity(), CesPolarity::LowerIsEasier);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn ces_polarity(&self) -> CesPolarity {
        self.ces_polarity
    }
}

/// A feedback answer normalised to 0–100 on its scale, 100 the best.
fn normalised(f: &Feedback, ces: CesPolarity) -> f64 {
    let answer = f.answer();
    let (value, scale) = answer.value_on_scale();
    let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
    let value = f64::from(value);
    match (answer, ces) {
        (Answer::Ces(_), CesPolarity::LowerIsEasier) => (max - value) / (max - min) * 100.0,
        _ => (value - min) / (max - min) * 100.0,
    }
}

/// The peak-end score of `customer` from `feedback` with instants in
/// `window` (any range of instants: `a..b`, `a..=b`, `a..`); see
/// [`PeakEnd`]. Feedback of other customers is ignored.
///
/// `ces` is the polarity of the CES survey the answers come from (a
/// [`CesRating`](crate::CesRating) does not carry it): with
/// [`CesPolarity::LowerIsEasier`] a CES of 1 is the best answer and
/// normalises to 100. NPS and CSAT answers are unaffected.
///
/// ```
/// use carekit::metrics::{CesPolarity, peak_end};
/// use carekit::{CesRating, CustomerId, Feedback, NpsScore, RatingScale};
/// use chrono::{TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap();
/// let c = CustomerId::new("c")?;
/// let f = [Feedback::builder(c.clone(), at, NpsScore::new(8)?).build()];
/// assert_eq!(peak_end(&f, &c, at.., CesPolarity::HigherIsEasier).map(|p| p.score()), Some(80.0));
/// assert_eq!(peak_end(&f, &c, ..at, CesPolarity::HigherIsEasier), None); // the window excludes `at`
///
/// // "How much effort did it take?" on 1..=5, 1 = very low effort: the best answer.
/// let effort = [Feedback::builder(c.clone(), at, CesRating::new(1, RatingScale::new(1, 5)?)?).build()];
/// assert_eq!(peak_end(&effort, &c, .., CesPolarity::LowerIsEasier).map(|p| p.score()), Some(100.0));
/// # Ok::<(), carekit::Error>(())
/// ```
pub fn peak_end<'a>(
    feedback: impl IntoIterator<Item = &'a Feedback>,
    customer: &CustomerId,
    window: impl RangeBounds<DateTime<Utc>>,
    ces: CesPolarity,
) -> Option<PeakEnd> {
    let mut peak: Option<(f64, DateTime<Utc>)> = None;
    let mut end: Option<(f64, DateTime<Utc>)> = None;
    let mut answers = 0_u64;
    for f in feedback {
        if f.customer() != customer || !window.contains(&f.at()) {
            continue;
        }
        answers = answers.saturating_add(1);
        let v = normalised(f, ces);
        let at = f.at();
        // `>=` on instants: a later or equally timed (later listed) answer
        // takes over.
        if end.is_none_or(|(_, t)| at >= t) {
            end = Some((v, at));
        }
        let extremity = (v - 50.0).abs();
        #[allow(
            clippy::float_cmp,
            reason = "a tie is two answers with the same normalised value, computed by the same formula"
        )]
        let takes_peak = peak.is_none_or(|(p, t)| {
            let e = (p - 50.0).abs();
            extremity > e || (extremity == e && at >= t)
        });
        if takes_peak {
            peak = Some((v, at));
        }
    }
    let ((peak, peak_at), (end, end_at)) = (peak?, end?);
    Some(PeakEnd {
        score: f64::midpoint(peak, end),
        peak,
        peak_at,
        end,
        end_at,
        answers,
        ces_polarity: ces,
    })
}
