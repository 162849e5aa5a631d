//! Feedback: survey responses (NPS, CSAT, CES) tied to a customer.
//!
//! A [`Feedback`] is one answer a customer gave at an instant, optionally
//! about one interaction, with an optional comment and an optional weight
//! (for survey re-weighting). The answer's value is validated on its scale
//! when it is built, so an NPS of 11 or a CSAT of 0 on a 1..=5 scale can
//! never reach a metric:
//!
//! - [`NpsScore`]: 0..=10, "how likely are you to recommend us?";
//! - [`CsatRating`]: a rating on a [`RatingScale`], 1..=5 by default (a
//!   binary good/bad survey is the scale 0..=1);
//! - [`CesRating`]: a rating on a [`RatingScale`], 1..=7 by default.
//!
//! # Example
//!
//! ```
//! use carekit::{CsatRating, CustomerId, Feedback, NpsScore, RatingScale};
//! use chrono::{TimeZone, Utc};
//!
//! let at = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
//! let nps = Feedback::builder(CustomerId::new("c-1")?, at, NpsScore::new(9)?)
//!     .comment("quick and friendly")?
//!     .build();
//! assert_eq!(nps.answer().nps().map(NpsScore::get), Some(9));
//!
//! let csat = CsatRating::new(4, RatingScale::CSAT_DEFAULT)?;
//! assert!(CsatRating::new(6, RatingScale::CSAT_DEFAULT).is_err());
//! # let _ = csat;
//! # Ok::<(), carekit::Error>(())
//! ```
//!
//! With the `serde` feature a feedback record reads and writes as
//!
//! ```json
//! {"customer": "c-1", "interaction": "T-9", "at": "2024-05-01T12:00:00Z",
//!  "answer": {"csat": {"value": 4, "scale": {"min": 1, "max": 5}}},
//!  "comment": "thanks", "weight": 1.5}
//! ```
//!
//! (`interaction`, `comment` and `weight` may be omitted; unknown fields are
//! rejected.)

use std::fmt;

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::id::{CustomerId, InteractionId};
pub use crate::scale::RatingScale;

/// Validated ratings on a scale (the error for an off-scale rating).
trait CheckOnScale {
    fn check(self, field: &'static str, value: u8) -> Result<u8, Error>;
}

impl CheckOnScale for RatingScale {
    fn check(self, field: &'static str, value: u8) -> Result<u8, Error> {
        if self.contains(value) {
            Ok(value)
        } else {
            Err(Error::RatingOutOfScale {
                field,
                value: i64::from(value),
                scale: self,
            })
        }
    }
}

/// A Net Promoter Score answer, 0..=10.
///
/// # Example
///
/// ```
/// use carekit::{NpsCategory, NpsScore};
///
/// let s = NpsScore::new(9)?;
/// assert_eq!(s.get(), 9);
/// assert_eq!(s.category(), NpsCategory::Promoter);
/// assert_eq!(NpsScore::try_from(6)?.category(), NpsCategory::Detractor);
/// assert_eq!(
///     NpsScore::new(11).unwrap_err().to_string(),
///     "nps score 11 is outside the scale 0..=10"
/// );
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct NpsScore(u8);

impl NpsScore {
    /// Validates a 0..=10 answer.
    ///
    /// # Errors
    ///
    /// [`Error::RatingOutOfScale`] if `value > 10`.
    ///
    /// ```
    /// assert!(carekit::NpsScore::new(10).is_ok());
    /// assert!(carekit::NpsScore::new(11).is_err());
    /// ```
    pub fn new(value: u8) -> Result<Self, Error> {
        RatingScale::NPS.check("nps score", value).map(Self)
    }

    /// The answer, 0..=10.
    ///
    /// ```
    /// assert_eq!(carekit::NpsScore::new(7)?.get(), 7);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(self) -> u8 {
        self.0
    }

    /// The standard bucket: detractor 0–6, passive 7–8, promoter 9–10.
    /// Metrics with other cut-offs take them as configuration.
    ///
    /// ```
    /// use carekit::{NpsCategory, NpsScore};
    /// assert_eq!(NpsScore::new(8)?.category(), NpsCategory::Passive);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn category(self) -> NpsCategory {
        match self.0 {
            0..=6 => NpsCategory::Detractor,
            7 | 8 => NpsCategory::Passive,
            _ => NpsCategory::Promoter,
        }
    }
}

impl TryFrom<u8> for NpsScore {
    type Error = Error;
    fn try_from(value: u8) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<NpsScore> for u8 {
    fn from(s: NpsScore) -> u8 {
        s.0
    }
}

impl fmt::Display for NpsScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The NPS bucket of an answer. A closed set, so not `non_exhaustive`.
///
/// ```
/// use carekit::NpsCategory;
/// assert_eq!(NpsCategory::Passive.to_string(), "passive");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NpsCategory {
    /// Unlikely to recommend (0–6 by default).
    Detractor,
    /// Satisfied but unenthusiastic (7–8 by default).
    Passive,
    /// Likely to recommend (9–10 by default).
    Promoter,
}

impl fmt::Display for NpsCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Detractor => "detractor",
            Self::Passive => "passive",
            Self::Promoter => "promoter",
        })
    }
}

macro_rules! scaled_rating {
    ($(#[$meta:meta])* $name:ident, $field:literal, $default:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "RawRating", into = "RawRating"))]
        pub struct $name {
            value: u8,
            scale: RatingScale,
        }

        impl $name {
            /// Validates a rating on a scale.
            ///
            /// # Errors
            ///
            /// [`Error::RatingOutOfScale`] if `value` is not on `scale`.
            ///
            /// ```
            /// use carekit::RatingScale;
            #[doc = concat!("assert!(carekit::", stringify!($name), "::new(3, RatingScale::new(1, 5)?).is_ok());")]
            #[doc = concat!("assert!(carekit::", stringify!($name), "::new(9, RatingScale::new(1, 5)?).is_err());")]
            /// # Ok::<(), carekit::Error>(())
            /// ```
            pub fn new(value: u8, scale: RatingScale) -> Result<Self, Error> {
                scale.check($field, value).map(|value| Self { value, scale })
            }

            /// Validates a rating on the default scale
            #[doc = concat!("([`RatingScale::", stringify!($default), "`]).")]
            ///
            /// # Errors
            ///
            /// [`Error::RatingOutOfScale`] if `value` is not on the scale.
            ///
            /// ```
            #[doc = concat!("let r = carekit::", stringify!($name), "::on_default_scale(2)?;")]
            #[doc = concat!("assert_eq!(r.scale(), carekit::RatingScale::", stringify!($default), ");")]
            /// # Ok::<(), carekit::Error>(())
            /// ```
            pub fn on_default_scale(value: u8) -> Result<Self, Error> {
                Self::new(value, RatingScale::$default)
            }

            /// The rating.
            ///
            /// ```
            #[doc = concat!("assert_eq!(carekit::", stringify!($name), "::on_default_scale(2)?.get(), 2);")]
            /// # Ok::<(), carekit::Error>(())
            /// ```
            pub fn get(self) -> u8 {
                self.value
            }

            /// The scale it was given on.
            ///
            /// ```
            /// use carekit::RatingScale;
            #[doc = concat!("let r = carekit::", stringify!($name), "::new(1, RatingScale::BINARY)?;")]
            /// assert_eq!(r.scale(), RatingScale::BINARY);
            /// # Ok::<(), carekit::Error>(())
            /// ```
            pub fn scale(self) -> RatingScale {
                self.scale
            }
        }

        #[cfg(feature = "serde")]
        impl TryFrom<RawRating> for $name {
            type Error = Error;
            fn try_from(raw: RawRating) -> Result<Self, Error> {
                Self::new(raw.value, raw.scale)
            }
        }

        #[cfg(feature = "serde")]
        impl From<$name> for RawRating {
            fn from(r: $name) -> Self {
                Self { value: r.value, scale: r.scale }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} on {}", self.value, self.scale)
            }
        }
    };
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRating {
    value: u8,
    scale: RatingScale,
}

scaled_rating!(
    /// A customer-satisfaction rating on a [`RatingScale`] (1..=5 by
    /// default).
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::{CsatRating, RatingScale};
    ///
    /// let r = CsatRating::on_default_scale(5)?;
    /// assert_eq!((r.get(), r.scale()), (5, RatingScale::CSAT_DEFAULT));
    /// assert_eq!(
    ///     CsatRating::on_default_scale(0).unwrap_err().to_string(),
    ///     "csat rating 0 is outside the scale 1..=5"
    /// );
    /// let thumbs_up = CsatRating::new(1, RatingScale::BINARY)?;
    /// assert_eq!(thumbs_up.to_string(), "1 on 0..=1");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    CsatRating,
    "csat rating",
    CSAT_DEFAULT
);
scaled_rating!(
    /// A customer-effort rating on a [`RatingScale`] (1..=7 by default;
    /// whether high means easy is a metric convention, not part of the
    /// rating).
    ///
    /// # Example
    ///
    /// ```
    /// use carekit::{CesRating, RatingScale};
    ///
    /// let r = CesRating::on_default_scale(6)?;
    /// assert_eq!(r.get(), 6);
    /// assert!(CesRating::new(6, RatingScale::new(1, 5)?).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    CesRating,
    "ces rating",
    CES_DEFAULT
);

/// A response weight: finite and greater than zero.
///
/// # Example
///
/// ```
/// use carekit::Weight;
///
/// assert_eq!(Weight::new(1.5)?.get(), 1.5);
/// for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
///     assert!(Weight::new(bad).is_err());
/// }
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "f64", into = "f64"))]
pub struct Weight(f64);

impl Weight {
    /// Validates a weight.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] unless `value` is finite and `> 0`.
    ///
    /// ```
    /// assert!(carekit::Weight::new(0.5).is_ok());
    /// assert!(carekit::Weight::new(f64::NAN).is_err());
    /// ```
    pub fn new(value: f64) -> Result<Self, Error> {
        if value.is_finite() && value > 0.0 {
            Ok(Self(value))
        } else {
            Err(Error::InvalidWeight { value })
        }
    }

    /// The weight.
    ///
    /// ```
    /// assert_eq!(carekit::Weight::new(2.0)?.get(), 2.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Weight {
    type Error = Error;
    fn try_from(value: f64) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Weight> for f64 {
    fn from(w: Weight) -> f64 {
        w.0
    }
}

/// What the customer answered.
///
/// ```
/// use carekit::{Answer, NpsScore};
/// let a = Answer::from(NpsScore::new(10)?);
/// assert_eq!(a.nps().map(NpsScore::get), Some(10));
/// assert!(a.csat().is_none());
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Answer {
    /// A 0..=10 recommendation score.
    Nps(NpsScore),
    /// A satisfaction rating.
    Csat(CsatRating),
    /// An effort rating.
    Ces(CesRating),
}

impl Answer {
    /// The NPS score, if this is an NPS answer.
    ///
    /// ```
    /// use carekit::{Answer, NpsScore};
    /// assert_eq!(Answer::from(NpsScore::new(3)?).nps(), Some(NpsScore::new(3)?));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn nps(self) -> Option<NpsScore> {
        match self {
            Self::Nps(s) => Some(s),
            _ => None,
        }
    }

    /// The CSAT rating, if this is a CSAT answer.
    ///
    /// ```
    /// use carekit::{Answer, CsatRating};
    /// let r = CsatRating::on_default_scale(5)?;
    /// assert_eq!(Answer::from(r).csat(), Some(r));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn csat(self) -> Option<CsatRating> {
        match self {
            Self::Csat(r) => Some(r),
            _ => None,
        }
    }

    /// The CES rating, if this is a CES answer.
    ///
    /// ```
    /// use carekit::{Answer, CesRating};
    /// let r = CesRating::on_default_scale(2)?;
    /// assert_eq!(Answer::from(r).ces(), Some(r));
    /// assert_eq!(Answer::from(r).nps(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn ces(self) -> Option<CesRating> {
        match self {
            Self::Ces(r) => Some(r),
            _ => None,
        }
    }

    /// The answer's value and scale, whatever the survey.
    ///
    /// ```
    /// use carekit::{Answer, CsatRating, RatingScale};
    /// let a = Answer::from(CsatRating::on_default_scale(4)?);
    /// assert_eq!(a.value_on_scale(), (4, RatingScale::CSAT_DEFAULT));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn value_on_scale(self) -> (u8, RatingScale) {
        match self {
            Self::Nps(s) => (s.get(), RatingScale::NPS),
            Self::Csat(r) => (r.get(), r.scale()),
            Self::Ces(r) => (r.get(), r.scale()),
        }
    }
}

impl From<NpsScore> for Answer {
    fn from(s: NpsScore) -> Self {
        Self::Nps(s)
    }
}
impl From<CsatRating> for Answer {
    fn from(r: CsatRating) -> Self {
        Self::Csat(r)
    }
}
impl From<CesRating> for Answer {
    fn from(r: CesRating) -> Self {
        Self::Ces(r)
    }
}

/// The longest comment kept, in characters. Free text beyond this is almost
/// always a paste accident; rejecting it keeps records bounded.
///
/// ```
/// assert_eq!(carekit::feedback::MAX_COMMENT_CHARS, 10_000);
/// ```
pub const MAX_COMMENT_CHARS: usize = 10_000;

/// One survey response.
///
/// Build with [`Feedback::builder`]. See the [module docs](self) for the
/// JSON form.
///
/// # Example
///
/// ```
/// use carekit::{CesRating, CustomerId, Feedback, InteractionId, Weight};
/// use chrono::{TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
/// let f = Feedback::builder(CustomerId::new("c-1")?, at, CesRating::on_default_scale(6)?)
///     .interaction(InteractionId::new("T-9")?)
///     .weight(Weight::new(2.0)?)
///     .build();
/// assert_eq!(f.interaction().map(|i| i.as_str()), Some("T-9"));
/// assert_eq!(f.weight().map(Weight::get), Some(2.0));
/// assert_eq!(f.at(), at);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawFeedback", into = "RawFeedback")
)]
pub struct Feedback {
    customer: CustomerId,
    interaction: Option<InteractionId>,
    at: DateTime<Utc>,
    answer: Answer,
    comment: Option<String>,
    weight: Option<Weight>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeedback {
    customer: CustomerId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interaction: Option<InteractionId>,
    at: DateTime<Utc>,
    answer: Answer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<Weight>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFeedback> for Feedback {
    type Error = Error;
    fn try_from(raw: RawFeedback) -> Result<Self, Error> {
        let mut b = Feedback::builder(raw.customer, raw.at, raw.answer);
        if let Some(i) = raw.interaction {
            b = b.interaction(i);
        }
        if let Some(c) = raw.comment {
            b = b.comment(&c)?;
        }
        if let Some(w) = raw.weight {
            b = b.weight(w);
        }
        Ok(b.build())
    }
}

#[cfg(feature = "serde")]
impl From<Feedback> for RawFeedback {
    fn from(f: Feedback) -> Self {
        Self {
            customer: f.customer,
            interaction: f.interaction,
            at: f.at,
            answer: f.answer,
            comment: f.comment,
            weight: f.weight,
        }
    }
}

impl Feedback {
    /// Starts a response from a customer at an instant.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, NpsScore};
    /// use chrono::DateTime;
    /// let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(3)?).build();
    /// assert!(f.comment().is_none());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn builder(
        customer: CustomerId,
        at: DateTime<Utc>,
        answer: impl Into<Answer>,
    ) -> FeedbackBuilder {
        FeedbackBuilder {
            inner: Feedback {
                customer,
                interaction: None,
                at,
                answer: answer.into(),
                comment: None,
                weight: None,
            },
        }
    }

    /// Who answered.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c-9")?, at, NpsScore::new(9)?).build();
    /// assert_eq!(f.customer().as_str(), "c-9");
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn customer(&self) -> &CustomerId {
        &self.customer
    }

    /// The interaction the survey was about, if any.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?)
    ///     .interaction(InteractionId::new("T-2")?)
    ///     .build();
    /// assert_eq!(f.interaction().map(InteractionId::as_str), Some("T-2"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn interaction(&self) -> Option<&InteractionId> {
        self.interaction.as_ref()
    }

    /// When the answer was given.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?).build();
    /// assert_eq!(f.at(), at);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The answer.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?).build();
    /// assert_eq!(f.answer().nps().map(NpsScore::get), Some(9));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn answer(&self) -> Answer {
        self.answer
    }

    /// The free-text comment, if any.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(2)?).comment("slow")?.build();
    /// assert_eq!(f.comment(), Some("slow"));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    /// The survey weight, if any (metrics treat a missing weight as 1).
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(2)?).build();
    /// assert_eq!(f.weight(), None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn weight(&self) -> Option<Weight> {
        self.weight
    }
}

/// Builds a [`Feedback`]; see [`Feedback::builder`].
///
/// ```
/// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
/// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
/// let builder = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?);
/// let f = builder.weight(Weight::new(0.5)?).build();
/// assert_eq!(f.weight().map(Weight::get), Some(0.5));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FeedbackBuilder {
    inner: Feedback,
}

impl FeedbackBuilder {
    /// The interaction the survey was about.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?)
    ///     .interaction(InteractionId::new("T-1")?)
    ///     .build();
    /// assert!(f.interaction().is_some());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn interaction(mut self, id: InteractionId) -> Self {
        self.inner.interaction = Some(id);
        self
    }

    /// A free-text comment.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidText`] if the comment is longer than
    /// [`MAX_COMMENT_CHARS`] characters.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, NpsScore};
    /// # let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let b = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(3)?);
    /// assert!(b.clone().comment("slow").is_ok());
    /// assert!(b.comment(&"x".repeat(10_001)).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn comment(mut self, text: &str) -> Result<Self, Error> {
        if text.chars().count() > MAX_COMMENT_CHARS {
            return Err(Error::InvalidText {
                field: "comment",
                value: text.chars().take(40).chain("…".chars()).collect(),
                rule: "at most 10000 characters",
            });
        }
        self.inner.comment = Some(text.to_owned());
        Ok(self)
    }

    /// A survey weight.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?).weight(Weight::new(3.0)?).build();
    /// assert_eq!(f.weight().map(Weight::get), Some(3.0));
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn weight(mut self, weight: Weight) -> Self {
        self.inner.weight = Some(weight);
        self
    }

    /// The finished record.
    ///
    /// ```
    /// use carekit::{CustomerId, Feedback, InteractionId, NpsScore, Weight};
    /// let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    /// let f = Feedback::builder(CustomerId::new("c")?, at, NpsScore::new(9)?).build();
    /// assert_eq!(f.at(), at);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn build(self) -> Feedback {
        self.inner
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn nps_bounds() {
        for v in 0..=10 {
            assert_eq!(NpsScore::new(v).unwrap().get(), v);
        }
        assert!(NpsScore::new(11).is_err());
        assert!(NpsScore::new(255).is_err());
    }

    #[test]
    fn csat_scale_errors_quote_value_and_scale() {
        assert_eq!(
            CsatRating::on_default_scale(6).unwrap_err().to_string(),
            "csat rating 6 is outside the scale 1..=5"
        );
        assert_eq!(
            RatingScale::new(5, 1).unwrap_err().to_string(),
            "rating scale 5..=1 is invalid: the minimum must be below the maximum"
        );
        assert!(CsatRating::new(0, RatingScale::BINARY).is_ok());
        assert!(CsatRating::new(2, RatingScale::BINARY).is_err());
    }

    #[test]
    fn weights() {
        assert!(Weight::new(f64::MIN_POSITIVE).is_ok());
        assert_eq!(
            Weight::new(0.0).unwrap_err().to_string(),
            "weight 0 is invalid: a weight must be finite and greater than 0"
        );
        assert!(Weight::new(-0.0).is_err());
        assert!(Weight::new(f64::NEG_INFINITY).is_err());
    }

    #[test]
    fn nps_categories_follow_standard_cutoffs() {
        let cats: Vec<_> = (0..=10)
            .map(|v| NpsScore::new(v).unwrap().category())
            .collect();
        assert_eq!(
            cats.iter()
                .filter(|c| **c == NpsCategory::Detractor)
                .count(),
            7
        );
        assert_eq!(
            cats.iter().filter(|c| **c == NpsCategory::Passive).count(),
            2
        );
        assert_eq!(
            cats.iter().filter(|c| **c == NpsCategory::Promoter).count(),
            2
        );
    }
}
