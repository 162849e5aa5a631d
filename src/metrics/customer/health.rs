//! Customer health: an explainable weighted composite.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};

use crate::error::MetricsError;
use crate::metrics::CesPolarity;
use crate::{error::Error, feedback::NpsScore, scale::RatingScale};

/// A component of the customer health score. Each is normalised to 0–100,
/// higher = healthier:
///
/// | component | input | normalised value |
/// |---|---|---|
/// | `Nps` | latest NPS answer `s` (0..=10) | `s / 10 · 100` |
/// | `Csat` | CSAT average `m` on `min..=max` | `(m − min)/(max − min) · 100` |
/// | `Ces` | CES average `m` on `min..=max` | as CSAT if higher = easier, else `100 −` that |
/// | `PeakEnd` | [`PeakEnd`](crate::metrics::PeakEnd) score | as is |
/// | `Recency` | last contact, age `a` at the scoring instant, horizon `H` | `100 · max(0, 1 − a/H)` |
/// | `Escalations` | open escalations `e`, cap `c` | `100 · (1 − min(e, c)/c)` |
/// | `ReopenRate` | reopens per interaction `r` in `0..=1` | `100 · (1 − r)` |
/// | `Tier` | tier rank `k` of `t` tiers (1 = base) | `k / t · 100` |
///
/// ```
/// use carekit::metrics::HealthComponent;
/// assert_eq!(HealthComponent::ReopenRate.to_string(), "reopen_rate");
/// assert_eq!(HealthComponent::ALL.len(), 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HealthComponent {
    /// The latest NPS answer.
    Nps,
    /// The CSAT average.
    Csat,
    /// The CES average.
    Ces,
    /// The peak-end experience score.
    PeakEnd,
    /// How recently the customer was in contact.
    Recency,
    /// Open escalations (fewer is better).
    Escalations,
    /// Reopen rate (lower is better).
    ReopenRate,
    /// Loyalty tier rank.
    Tier,
}

impl HealthComponent {
    /// Every component, in order.
    ///
    /// ```
    /// use carekit::metrics::HealthComponent;
    /// assert_eq!(HealthComponent::ALL.len(), 8);
    /// assert_eq!(HealthComponent::ALL[0], HealthComponent::Nps);
    /// assert_eq!(HealthComponent::ALL[7], HealthComponent::Tier);
    /// ```
    pub const ALL: [HealthComponent; 8] = [
        Self::Nps,
        Self::Csat,
        Self::Ces,
        Self::PeakEnd,
        Self::Recency,
        Self::Escalations,
        Self::ReopenRate,
        Self::Tier,
    ];

    /// The `snake_case` name used in JSON and messages.
    ///
    /// ```
    /// use carekit::metrics::HealthComponent;
    /// assert_eq!(HealthComponent::PeakEnd.name(), "peak_end");
    /// assert_eq!(HealthComponent::Nps.name(), HealthComponent::Nps.to_string());
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Nps => "nps",
            Self::Csat => "csat",
            Self::Ces => "ces",
            Self::PeakEnd => "peak_end",
            Self::Recency => "recency",
            Self::Escalations => "escalations",
            Self::ReopenRate => "reopen_rate",
            Self::Tier => "tier",
        }
    }

    fn slot(self) -> usize {
        match self {
            Self::Nps => 0,
            Self::Csat => 1,
            Self::Ces => 2,
            Self::PeakEnd => 3,
            Self::Recency => 4,
            Self::Escalations => 5,
            Self::ReopenRate => 6,
            Self::Tier => 7,
        }
    }
}

impl fmt::Display for HealthComponent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The weights of the health components: each in `0..=1`, summing to 1
/// (within 1e-9). Components not listed weigh 0.
///
/// The default: NPS 0.20, CSAT 0.15, CES 0.10, peak-end 0.15, recency
/// 0.10, escalations 0.10, reopen rate 0.10, tier 0.10.
///
/// ```
/// use carekit::metrics::{HealthComponent as C, HealthWeights};
/// let w = HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.3), (C::Recency, 0.2)])?;
/// assert_eq!(w.get(C::Csat), 0.3);
/// assert_eq!(w.get(C::Tier), 0.0);
/// let err = HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.4)]).unwrap_err();
/// assert_eq!(err.to_string(), "health weights sum to 0.9, not 1 (within 1e-9)");
/// let err = HealthWeights::new(&[(C::Nps, 1.5)]).unwrap_err();
/// assert_eq!(err.to_string(), "health weight nps = 1.5 is invalid: a weight must be in 0..=1");
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"nps": 0.5, "csat": 0.3, "recency": 0.2}`
/// (omitted components weigh 0), validated like [`new`](Self::new).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawWeights", into = "RawWeights"))]
pub struct HealthWeights {
    weights: [f64; 8],
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawWeights {
    nps: f64,
    csat: f64,
    ces: f64,
    peak_end: f64,
    recency: f64,
    escalations: f64,
    reopen_rate: f64,
    tier: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawWeights> for HealthWeights {
    type Error = Error;
    fn try_from(r: RawWeights) -> Result<Self, Error> {
        use HealthComponent as C;
        HealthWeights::new(&[
            (C::Nps, r.nps),
            (C::Csat, r.csat),
            (C::Ces, r.ces),
            (C::PeakEnd, r.peak_end),
            (C::Recency, r.recency),
            (C::Escalations, r.escalations),
            (C::ReopenRate, r.reopen_rate),
            (C::Tier, r.tier),
        ])
    }
}

#[cfg(feature = "serde")]
impl From<HealthWeights> for RawWeights {
    fn from(w: HealthWeights) -> Self {
        use HealthComponent as C;
        Self {
            nps: w.get(C::Nps),
            csat: w.get(C::Csat),
            ces: w.get(C::Ces),
            peak_end: w.get(C::PeakEnd),
            recency: w.get(C::Recency),
            escalations: w.get(C::Escalations),
            reopen_rate: w.get(C::ReopenRate),
            tier: w.get(C::Tier),
        }
    }
}

impl Default for HealthWeights {
    fn default() -> Self {
        Self {
            weights: [0.20, 0.15, 0.10, 0.15, 0.10, 0.10, 0.10, 0.10],
        }
    }
}

impl HealthWeights {
    /// Weights from `(component, weight)` pairs.
    ///
    /// ```
    /// use carekit::metrics::{HealthComponent as C, HealthWeights};
    /// let w = HealthWeights::new(&[(C::Nps, 0.6), (C::Csat, 0.4)])?;
    /// assert_eq!((w.get(C::Nps), w.get(C::Ces)), (0.6, 0.0));
    /// assert!(HealthWeights::new(&[(C::Nps, 0.5), (C::Nps, 0.5)]).is_err()); // listed twice
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthWeight`] for a weight outside `0..=1`
    /// (NaN included) or a component listed twice;
    /// [`MetricsError::HealthWeightsSum`] when the weights do not sum to 1
    /// within 1e-9.
    pub fn new(weights: &[(HealthComponent, f64)]) -> Result<Self, Error> {
        let mut w = [0.0; 8];
        let mut seen = [false; 8];
        for &(c, v) in weights {
            let rule = if !(0.0..=1.0).contains(&v) {
                Some("a weight must be in 0..=1")
            } else if seen.get(c.slot()).copied().unwrap_or(false) {
                Some("the component is listed twice")
            } else {
                None
            };
            if let Some(rule) = rule {
                return Err(MetricsError::InvalidHealthWeight {
                    component: c.name(),
                    value: v,
                    rule,
                }
                .into());
            }
            if let (Some(slot), Some(s)) = (w.get_mut(c.slot()), seen.get_mut(c.slot())) {
                *slot = v;
                *s = true;
            }
        }
        let sum: f64 = w.iter().sum();
        if (sum - 1.0).abs() > 1e-9 {
            return Err(MetricsError::HealthWeightsSum { sum }.into());
        }
        Ok(Self { weights: w })
    }

    /// The weight of `component`.
    ///
    /// ```
    /// use carekit::metrics::{HealthComponent as C, HealthWeights};
    /// let w = HealthWeights::default();
    /// assert_eq!((w.get(C::Nps), w.get(C::Csat), w.get(C::Tier)), (0.20, 0.15, 0.10));
    /// ```
    pub fn get(&self, component: HealthComponent) -> f64 {
        self.weights.get(component.slot()).copied().unwrap_or(0.0)
    }
}

/// The health band of a score.
///
/// ```
/// use carekit::metrics::HealthBand;
/// assert_eq!(HealthBand::AtRisk.to_string(), "at_risk");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HealthBand {
    /// Below the at-risk threshold (default 40).
    AtRisk,
    /// Below the needs-attention threshold (default 70).
    NeedsAttention,
    /// At or above the needs-attention threshold.
    Healthy,
}

impl fmt::Display for HealthBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AtRisk => "at_risk",
            Self::NeedsAttention => "needs_attention",
            Self::Healthy => "healthy",
        })
    }
}

/// The thresholds between health bands: a score below `at_risk_below`
/// (default 40) is at risk, below `needs_attention_below` (default 70)
/// needs attention, otherwise healthy.
///
/// ```
/// use carekit::metrics::{HealthBand, HealthBands};
/// let b = HealthBands::default();
/// assert_eq!(b.band(39.9), HealthBand::AtRisk);
/// assert_eq!(b.band(40.0), HealthBand::NeedsAttention);
/// assert_eq!(b.band(70.0), HealthBand::Healthy);
/// assert_eq!(HealthBands::new(50.0, 80.0)?.band(75.0), HealthBand::NeedsAttention);
/// assert!(HealthBands::new(80.0, 50.0).is_err());
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"at_risk_below": 40.0,
/// "needs_attention_below": 70.0}`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawBands", into = "RawBands"))]
pub struct HealthBands {
    at_risk_below: f64,
    needs_attention_below: f64,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBands {
    at_risk_below: f64,
    needs_attention_below: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawBands> for HealthBands {
    type Error = Error;
    fn try_from(r: RawBands) -> Result<Self, Error> {
        HealthBands::new(r.at_risk_below, r.needs_attention_below)
    }
}

#[cfg(feature = "serde")]
impl From<HealthBands> for RawBands {
    fn from(b: HealthBands) -> Self {
        Self {
            at_risk_below: b.at_risk_below,
            needs_attention_below: b.needs_attention_below,
        }
    }
}

impl Default for HealthBands {
    fn default() -> Self {
        Self {
            at_risk_below: 40.0,
            needs_attention_below: 70.0,
        }
    }
}

impl HealthBands {
    /// Bands with thresholds `0 <= at_risk_below <= needs_attention_below <= 100`.
    ///
    /// ```
    /// use carekit::metrics::{HealthBand, HealthBands};
    /// let b = HealthBands::new(50.0, 80.0)?;
    /// assert_eq!(b.band(49.0), HealthBand::AtRisk);
    /// assert!(HealthBands::new(-1.0, 80.0).is_err());
    /// assert!(HealthBands::new(50.0, 40.0).is_err()); // below at_risk_below
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthSetting`] naming the threshold that
    /// breaks the order.
    pub fn new(at_risk_below: f64, needs_attention_below: f64) -> Result<Self, Error> {
        if !(0.0..=100.0).contains(&at_risk_below) {
            return Err(MetricsError::InvalidHealthSetting {
                setting: "at_risk_below",
                value: at_risk_below,
                rule: "it must be in 0..=100",
            }
            .into());
        }
        if !(at_risk_below..=100.0).contains(&needs_attention_below) {
            return Err(MetricsError::InvalidHealthSetting {
                setting: "needs_attention_below",
                value: needs_attention_below,
                rule: "it must be in at_risk_below..=100",
            }
            .into());
        }
        Ok(Self {
            at_risk_below,
            needs_attention_below,
        })
    }

    /// The at-risk threshold.
    ///
    /// ```
    /// use carekit::metrics::HealthBands;
    /// assert_eq!(HealthBands::default().at_risk_below(), 40.0);
    /// assert_eq!(HealthBands::new(30.0, 60.0)?.at_risk_below(), 30.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn at_risk_below(&self) -> f64 {
        self.at_risk_below
    }

    /// The needs-attention threshold.
    ///
    /// ```
    /// use carekit::metrics::HealthBands;
    /// assert_eq!(HealthBands::default().needs_attention_below(), 70.0);
    /// assert_eq!(HealthBands::new(30.0, 60.0)?.needs_attention_below(), 60.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn needs_attention_below(&self) -> f64 {
        self.needs_attention_below
    }

    /// The band of `score`.
    ///
    /// ```
    /// use carekit::metrics::{HealthBand, HealthBands};
    /// let b = HealthBands::default(); // 40 and 70
    /// assert_eq!(b.band(12.5), HealthBand::AtRisk);
    /// assert_eq!(b.band(69.9), HealthBand::NeedsAttention);
    /// assert_eq!(b.band(70.0), HealthBand::Healthy); // thresholds are exclusive upper bounds
    /// ```
    pub fn band(&self, score: f64) -> HealthBand {
        if score < self.at_risk_below {
            HealthBand::AtRisk
        } else if score < self.needs_attention_below {
            HealthBand::NeedsAttention
        } else {
            HealthBand::Healthy
        }
    }
}

/// One customer's health inputs; every component is optional.
///
/// ```
/// use carekit::metrics::{CesPolarity, HealthInputs};
/// use carekit::{NpsScore, RatingScale};
/// let inputs = HealthInputs::new()
///     .latest_nps(NpsScore::new(9)?)
///     .csat_average(4.5, RatingScale::CSAT_DEFAULT)?
///     .ces_average(2.0, RatingScale::new(1, 5)?, CesPolarity::LowerIsEasier)?
///     .open_escalations(1)
///     .reopen_rate(0.1)?;
/// assert!(HealthInputs::new().csat_average(6.0, RatingScale::CSAT_DEFAULT).is_err());
/// # let _ = inputs;
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HealthInputs {
    nps: Option<NpsScore>,
    csat: Option<(f64, RatingScale)>,
    ces: Option<(f64, RatingScale, CesPolarity)>,
    peak_end: Option<f64>,
    last_contact: Option<DateTime<Utc>>,
    open_escalations: Option<u32>,
    reopen_rate: Option<f64>,
    tier: Option<(u32, u32)>,
}

fn bad_input(component: &'static str, value: f64, rule: &'static str) -> Error {
    MetricsError::InvalidHealthInput {
        component,
        value,
        rule,
    }
    .into()
}

fn on_scale(component: &'static str, mean: f64, scale: RatingScale) -> Result<f64, Error> {
    let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
    if (min..=max).contains(&mean) {
        Ok((mean - min) / (max - min) * 100.0)
    } else {
        Err(bad_input(
            component,
            mean,
            "an average must lie on its scale",
        ))
    }
}

impl HealthInputs {
    /// No inputs yet.
    ///
    /// ```
    /// use carekit::metrics::{HealthInputs, HealthModel};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let empty = HealthInputs::new();
    /// assert_eq!(empty, HealthInputs::default());
    /// assert_eq!(HealthModel::default().score(&empty, now)?, None); // nothing to score
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The customer's latest NPS answer.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().latest_nps(NpsScore::new(8)?);
    /// assert_eq!(value(&inputs, C::Nps)?, 80.0); // 8 / 10 · 100
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn latest_nps(mut self, score: NpsScore) -> Self {
        self.nps = Some(score);
        self
    }

    /// The customer's CSAT average on `scale`.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().csat_average(4.0, RatingScale::CSAT_DEFAULT)?;
    /// assert_eq!(value(&inputs, C::Csat)?, 75.0); // (4 − 1) / (5 − 1) · 100
    /// assert!(HealthInputs::new().csat_average(0.5, RatingScale::CSAT_DEFAULT).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthInput`] when `mean` is not on the scale.
    pub fn csat_average(mut self, mean: f64, scale: RatingScale) -> Result<Self, Error> {
        on_scale("csat", mean, scale)?;
        self.csat = Some((mean, scale));
        Ok(self)
    }

    /// The customer's CES average on `scale` with its polarity.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let effort = RatingScale::new(1, 5)?;
    /// let inputs = HealthInputs::new().ces_average(2.0, effort, CesPolarity::LowerIsEasier)?;
    /// assert_eq!(value(&inputs, C::Ces)?, 75.0); // 100 − (2 − 1) / (5 − 1) · 100
    /// assert!(HealthInputs::new().ces_average(7.0, effort, CesPolarity::LowerIsEasier).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthInput`] when `mean` is not on the scale.
    pub fn ces_average(
        mut self,
        mean: f64,
        scale: RatingScale,
        polarity: CesPolarity,
    ) -> Result<Self, Error> {
        on_scale("ces", mean, scale)?;
        self.ces = Some((mean, scale, polarity));
        Ok(self)
    }

    /// The customer's [peak-end score](crate::metrics::PeakEnd) (0–100).
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().peak_end(62.5)?;
    /// assert_eq!(value(&inputs, C::PeakEnd)?, 62.5); // taken as is
    /// assert!(HealthInputs::new().peak_end(101.0).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthInput`] outside `0..=100`.
    pub fn peak_end(mut self, score: f64) -> Result<Self, Error> {
        if !(0.0..=100.0).contains(&score) {
            return Err(bad_input("peak_end", score, "a score must be in 0..=100"));
        }
        self.peak_end = Some(score);
        Ok(self)
    }

    /// The instant of the customer's last contact.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().last_contact(now - TimeDelta::days(45));
    /// assert_eq!(value(&inputs, C::Recency)?, 50.0); // 100 · (1 − 45/90), default horizon 90 days
    /// let future = HealthInputs::new().last_contact(now + TimeDelta::days(1));
    /// assert!(HealthModel::default().score(&future, now).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn last_contact(mut self, at: DateTime<Utc>) -> Self {
        self.last_contact = Some(at);
        self
    }

    /// The customer's open escalations.
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().open_escalations(1);
    /// let model = HealthModel::default().with_escalation_cap(4)?;
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.score(), 75.0); // 100 · (1 − 1/4)
    /// assert_eq!(value(&HealthInputs::new().open_escalations(5), C::Escalations)?, 0.0); // at or past the cap of 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn open_escalations(mut self, count: u32) -> Self {
        self.open_escalations = Some(count);
        self
    }

    /// The customer's reopen rate: the share of their interactions that
    /// were reopened, a proportion `0..=1`. (Not
    /// [`ClockSummary::reopens_per_interaction`](crate::metrics::ClockSummary::reopens_per_interaction),
    /// a mean that exceeds 1 when cases reopen more than once.)
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().reopen_rate(0.25)?;
    /// assert_eq!(value(&inputs, C::ReopenRate)?, 75.0); // 100 · (1 − 0.25)
    /// assert!(HealthInputs::new().reopen_rate(1.5).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthInput`] outside `0..=1`.
    pub fn reopen_rate(mut self, rate: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&rate) {
            return Err(bad_input("reopen_rate", rate, "a rate must be in 0..=1"));
        }
        self.reopen_rate = Some(rate);
        Ok(self)
    }

    /// The customer's tier rank `rank` of `tiers` (1 = base tier, `tiers` =
    /// top tier).
    ///
    /// ```
    /// # use carekit::metrics::{CesPolarity, HealthComponent as C, HealthInputs, HealthModel};
    /// # use carekit::{NpsScore, RatingScale};
    /// # use chrono::{TimeDelta, TimeZone, Utc};
    /// # let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
    /// # let value = |inputs: &HealthInputs, c: C| -> Result<f64, carekit::Error> {
    /// #     Ok(HealthModel::default().score(inputs, now)?.unwrap().contribution(c).unwrap().value())
    /// # };
    /// let inputs = HealthInputs::new().tier_rank(3, 4)?;
    /// assert_eq!(value(&inputs, C::Tier)?, 75.0); // 3 / 4 · 100
    /// assert!(HealthInputs::new().tier_rank(0, 4).is_err()); // ranks start at 1
    /// assert!(HealthInputs::new().tier_rank(5, 4).is_err());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthInput`] unless `1 <= rank <= tiers`.
    pub fn tier_rank(mut self, rank: u32, tiers: u32) -> Result<Self, Error> {
        if rank == 0 || rank > tiers {
            return Err(bad_input(
                "tier",
                f64::from(rank),
                "a tier rank must be in 1..=number of tiers",
            ));
        }
        self.tier = Some((rank, tiers));
        Ok(self)
    }
}

/// One component's share of a [`HealthScore`].
///
/// ```
/// # use carekit::metrics::{HealthComponent, HealthInputs, HealthModel};
/// # use carekit::NpsScore;
/// # let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
/// let s = HealthModel::default().score(&HealthInputs::new().latest_nps(NpsScore::new(7)?), at)?.unwrap();
/// let c = s.contribution(HealthComponent::Nps).unwrap();
/// assert_eq!((c.weight(), c.effective_weight(), c.value(), c.contribution()), (0.2, 1.0, 70.0, 70.0));
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HealthContribution {
    component: HealthComponent,
    weight: f64,
    effective_weight: f64,
    value: f64,
    contribution: f64,
}

impl HealthContribution {
    /// The component.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// let components: Vec<C> = s.contributions().iter().map(|c| c.component()).collect();
    /// assert_eq!(components, [C::Nps, C::Csat, C::Tier]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn component(&self) -> HealthComponent {
        self.component
    }

    /// Its configured weight.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.contribution(C::Csat).unwrap().weight(), 0.25);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Its weight re-normalised over the components present.
    ///
    /// ```
    /// use carekit::metrics::{HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.5)])?);
    /// let inputs = HealthInputs::new().latest_nps(carekit::NpsScore::new(6)?); // no CSAT
    /// let nps = *model.score(&inputs, now)?.unwrap().contribution(C::Nps).unwrap();
    /// assert_eq!((nps.weight(), nps.effective_weight()), (0.5, 1.0)); // 0.5 / 0.5 present
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn effective_weight(&self) -> f64 {
        self.effective_weight
    }

    /// Its normalised value, 0–100.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.contribution(C::Csat).unwrap().value(), 75.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn value(&self) -> f64 {
        self.value
    }

    /// `effective_weight × value`: its points of the score.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.contribution(C::Csat).unwrap().contribution(), 18.75); // 0.25 · 75
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn contribution(&self) -> f64 {
        self.contribution
    }
}

/// A customer's health: score 0–100, band, and each component's
/// contribution (which sum to the score).
///
/// ```
/// # use carekit::metrics::{HealthBand, HealthInputs, HealthModel};
/// # use carekit::NpsScore;
/// # let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
/// let s = HealthModel::default().score(&HealthInputs::new().latest_nps(NpsScore::new(3)?), at)?.unwrap();
/// assert_eq!((s.score(), s.band()), (30.0, HealthBand::AtRisk));
/// assert_eq!(s.missing().len(), 7);
/// # Ok::<(), carekit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HealthScore {
    score: f64,
    band: HealthBand,
    contributions: Vec<HealthContribution>,
    missing: Vec<HealthComponent>,
}

impl HealthScore {
    /// The score, 0–100.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.score(), 71.25); // 0.5 · 80 + 0.25 · 75 + 0.25 · 50 = 40 + 18.75 + 12.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(&self) -> f64 {
        self.score
    }

    /// Its band.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.band(), HealthBand::Healthy); // 71.25 ≥ 70
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn band(&self) -> HealthBand {
        self.band
    }

    /// The contributions of the components present, in
    /// [`HealthComponent::ALL`] order.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// let points: f64 = s.contributions().iter().map(|c| c.contribution()).sum();
    /// assert_eq!(points, s.score()); // 40 + 18.75 + 12.5
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn contributions(&self) -> &[HealthContribution] {
        &self.contributions
    }

    /// The contribution of one component, if it was present.
    ///
    /// ```
    /// # use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # use carekit::{NpsScore, RatingScale};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.25), (C::Tier, 0.25)])?);
    /// let inputs = HealthInputs::new()
    ///     .latest_nps(NpsScore::new(8)?)                  // 80
    ///     .csat_average(4.0, RatingScale::CSAT_DEFAULT)?  // (4 − 1) / (5 − 1) · 100 = 75
    ///     .tier_rank(2, 4)?;                              // 2 / 4 · 100 = 50
    /// let s = model.score(&inputs, now)?.unwrap();
    /// assert_eq!(s.contribution(C::Nps).unwrap().contribution(), 40.0); // 0.5 · 80
    /// assert!(s.contribution(C::Recency).is_none()); // no input
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn contribution(&self, component: HealthComponent) -> Option<&HealthContribution> {
        self.contributions.iter().find(|c| c.component == component)
    }

    /// Components with a positive weight but no input (their weight was
    /// spread over the others).
    ///
    /// ```
    /// use carekit::metrics::{HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
    /// # let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Csat, 0.3), (C::Tier, 0.2)])?);
    /// let inputs = HealthInputs::new().latest_nps(carekit::NpsScore::new(9)?);
    /// assert_eq!(model.score(&inputs, now)?.unwrap().missing(), [C::Csat, C::Tier]);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn missing(&self) -> &[HealthComponent] {
        &self.missing
    }
}

/// How health is scored: weights, bands, the recency horizon (default 90
/// days) and the escalation cap (default 3).
///
/// **Formula.** For the components present (with an input), the weights
/// are re-normalised to sum to 1 — `w'ᵢ = wᵢ / Σ_present w` — so a missing
/// input neither counts as 0 nor as perfect; score = `Σ w'ᵢ · vᵢ` with `vᵢ`
/// the normalised values ([`HealthComponent`]). With no input of positive
/// weight there is no score (`None`).
///
/// ```
/// use carekit::metrics::{HealthBand, HealthComponent as C, HealthInputs, HealthModel, HealthWeights};
/// use carekit::NpsScore;
/// use chrono::{TimeDelta, TimeZone, Utc};
///
/// let now = Utc.with_ymd_and_hms(2024, 6, 30, 0, 0, 0).unwrap();
/// let model = HealthModel::new(HealthWeights::new(&[(C::Nps, 0.5), (C::Recency, 0.3), (C::Escalations, 0.2)])?)
///     .with_recency_horizon(TimeDelta::days(60))?;
/// let inputs = HealthInputs::new()
///     .latest_nps(NpsScore::new(8)?)           // 80
///     .last_contact(now - TimeDelta::days(15)) // 100 · (1 − 15/60) = 75
///     .open_escalations(1);                    // 100 · (1 − 1/3) = 66.66…
/// let s = model.score(&inputs, now)?.unwrap();
/// // 0.5·80 + 0.3·75 + 0.2·66.666… = 40 + 22.5 + 13.333… = 75.833…
/// assert!((s.score() - 75.833_333_333_333_33).abs() < 1e-9);
/// assert_eq!(s.band(), HealthBand::Healthy);
/// # Ok::<(), carekit::Error>(())
/// ```
///
/// With the `serde` feature: `{"weights": {...}, "bands": {...},
/// "recency_horizon_seconds": 7776000, "escalation_cap": 3}`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawModel", into = "RawModel"))]
pub struct HealthModel {
    weights: HealthWeights,
    bands: HealthBands,
    recency_horizon: TimeDelta,
    escalation_cap: u32,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    weights: HealthWeights,
    #[serde(default)]
    bands: HealthBands,
    #[serde(default = "default_horizon_seconds")]
    recency_horizon_seconds: i64,
    #[serde(default = "default_cap")]
    escalation_cap: u32,
}

#[cfg(feature = "serde")]
fn default_horizon_seconds() -> i64 {
    90 * 86_400
}

#[cfg(feature = "serde")]
fn default_cap() -> u32 {
    3
}

#[cfg(feature = "serde")]
impl TryFrom<RawModel> for HealthModel {
    type Error = Error;
    fn try_from(r: RawModel) -> Result<Self, Error> {
        let horizon = TimeDelta::try_seconds(r.recency_horizon_seconds).ok_or(
            MetricsError::InvalidHealthSetting {
                setting: "recency_horizon",
                value: r.recency_horizon_seconds as f64,
                rule: "it must be a positive duration",
            },
        )?;
        HealthModel::new(r.weights)
            .with_bands(r.bands)
            .with_recency_horizon(horizon)?
            .with_escalation_cap(r.escalation_cap)
    }
}

#[cfg(feature = "serde")]
impl From<HealthModel> for RawModel {
    fn from(m: HealthModel) -> Self {
        Self {
            weights: m.weights,
            bands: m.bands,
            recency_horizon_seconds: m.recency_horizon.num_seconds(),
            escalation_cap: m.escalation_cap,
        }
    }
}

impl Default for HealthModel {
    fn default() -> Self {
        Self::new(HealthWeights::default())
    }
}

impl HealthModel {
    /// A model with `weights`, default bands, a 90-day recency horizon and
    /// an escalation cap of 3.
    ///
    /// ```
    /// use carekit::metrics::{HealthBands, HealthComponent as C, HealthModel, HealthWeights};
    /// let m = HealthModel::new(HealthWeights::new(&[(C::Nps, 1.0)])?);
    /// assert_eq!(m.weights().get(C::Nps), 1.0);
    /// assert_eq!(*m.bands(), HealthBands::default());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn new(weights: HealthWeights) -> Self {
        Self {
            weights,
            bands: HealthBands::default(),
            recency_horizon: TimeDelta::days(90),
            escalation_cap: 3,
        }
    }

    /// Replaces the bands.
    ///
    /// ```
    /// use carekit::metrics::{HealthBands, HealthModel};
    /// let m = HealthModel::default().with_bands(HealthBands::new(30.0, 60.0)?);
    /// assert_eq!(m.bands().at_risk_below(), 30.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    pub fn with_bands(mut self, bands: HealthBands) -> Self {
        self.bands = bands;
        self
    }

    /// Sets the recency horizon: a contact this old or older scores 0.
    ///
    /// ```
    /// use carekit::metrics::HealthModel;
    /// use chrono::TimeDelta;
    /// assert!(HealthModel::default().with_recency_horizon(TimeDelta::days(30)).is_ok());
    /// assert!(HealthModel::default().with_recency_horizon(TimeDelta::zero()).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthSetting`] unless positive.
    pub fn with_recency_horizon(mut self, horizon: TimeDelta) -> Result<Self, Error> {
        if horizon <= TimeDelta::zero() {
            return Err(MetricsError::InvalidHealthSetting {
                setting: "recency_horizon",
                value: horizon.num_seconds() as f64,
                rule: "it must be a positive duration",
            }
            .into());
        }
        self.recency_horizon = horizon;
        Ok(self)
    }

    /// Sets the escalation cap: this many open escalations or more score 0.
    ///
    /// ```
    /// use carekit::metrics::HealthModel;
    /// assert!(HealthModel::default().with_escalation_cap(5).is_ok());
    /// assert_eq!(
    ///     HealthModel::default().with_escalation_cap(0).unwrap_err().to_string(),
    ///     "health setting escalation_cap = 0 is invalid: it must be at least 1"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`MetricsError::InvalidHealthSetting`] when 0.
    pub fn with_escalation_cap(mut self, cap: u32) -> Result<Self, Error> {
        if cap == 0 {
            return Err(MetricsError::InvalidHealthSetting {
                setting: "escalation_cap",
                value: 0.0,
                rule: "it must be at least 1",
            }
            .into());
        }
        self.escalation_cap = cap;
        Ok(self)
    }

    /// The weights.
    ///
    /// ```
    /// use carekit::metrics::{HealthComponent as C, HealthModel, HealthWeights};
    /// assert_eq!(*HealthModel::default().weights(), HealthWeights::default());
    /// assert_eq!(HealthModel::default().weights().get(C::PeakEnd), 0.15);
    /// ```
    pub fn weights(&self) -> &HealthWeights {
        &self.weights
    }

    /// The bands.
    ///
    /// ```
    /// use carekit::metrics::{HealthBands, HealthModel};
    /// let m = HealthModel::default().with_bands(HealthBands::new(25.0, 50.0)?);
    /// assert_eq!(m.bands().needs_attention_below(), 50.0);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn bands(&self) -> &HealthBands {
        &self.bands
    }

    /// Scores `inputs` at instant `as_of` (used for recency); `None` when
    /// no component with a positive weight has an input.
    ///
    /// # Errors
    ///
    /// [`Error::InstantOrder`] when the last contact is after `as_of`.
    ///
    /// ```
    /// use carekit::metrics::{HealthInputs, HealthModel};
    /// # let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
    /// assert_eq!(HealthModel::default().score(&HealthInputs::new(), at)?, None);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    pub fn score(
        &self,
        inputs: &HealthInputs,
        as_of: DateTime<Utc>,
    ) -> Result<Option<HealthScore>, Error> {
        let values = self.normalised(inputs, as_of)?;
        let present_weight: f64 = HealthComponent::ALL
            .iter()
            .zip(values.iter())
            .filter(|(_, v)| v.is_some())
            .map(|(c, _)| self.weights.get(*c))
            .sum();
        if present_weight <= 0.0 {
            return Ok(None);
        }
        let mut contributions = Vec::new();
        let mut missing = Vec::new();
        let mut score = 0.0;
        for (c, v) in HealthComponent::ALL.iter().zip(values.iter()) {
            let weight = self.weights.get(*c);
            match v {
                Some(value) => {
                    let effective_weight = weight / present_weight;
                    let contribution = effective_weight * value;
                    score += contribution;
                    contributions.push(HealthContribution {
                        component: *c,
                        weight,
                        effective_weight,
                        value: *value,
                        contribution,
                    });
                }
                None if weight > 0.0 => missing.push(*c),
                None => {}
            }
        }
        // Rounding can push a sum of values in 0..=100 a hair outside.
        let score = score.clamp(0.0, 100.0);
        Ok(Some(HealthScore {
            score,
            band: self.bands.band(score),
            contributions,
            missing,
        }))
    }

    /// Each component's normalised value, `None` where there is no input.
    fn normalised(
        &self,
        inputs: &HealthInputs,
        as_of: DateTime<Utc>,
    ) -> Result<[Option<f64>; 8], Error> {
        let mut values: [Option<f64>; 8] = [None; 8];
        let mut set = |c: HealthComponent, v: Option<f64>| {
            if let Some(slot) = values.get_mut(c.slot()) {
                *slot = v;
            }
        };
        set(
            HealthComponent::Nps,
            inputs.nps.map(|s| f64::from(s.get()) / 10.0 * 100.0),
        );
        set(
            HealthComponent::Csat,
            inputs
                .csat
                .map(|(m, scale)| on_scale("csat", m, scale))
                .transpose()?,
        );
        set(
            HealthComponent::Ces,
            inputs
                .ces
                .map(|(m, scale, p)| {
                    on_scale("ces", m, scale).map(|v| match p {
                        CesPolarity::HigherIsEasier => v,
                        CesPolarity::LowerIsEasier => 100.0 - v,
                    })
                })
                .transpose()?,
        );
        set(HealthComponent::PeakEnd, inputs.peak_end);
        let recency = match inputs.last_contact {
            Some(at) if at > as_of => {
                return Err(Error::InstantOrder {
                    field: "as_of",
                    value: as_of,
                    other_field: "last contact",
                    other: at,
                });
            }
            Some(at) => {
                let age = secs(as_of.signed_duration_since(at));
                let horizon = secs(self.recency_horizon);
                Some(100.0 * (1.0 - age / horizon).max(0.0))
            }
            None => None,
        };
        set(HealthComponent::Recency, recency);
        let cap = f64::from(self.escalation_cap);
        set(
            HealthComponent::Escalations,
            inputs
                .open_escalations
                .map(|e| 100.0 * (1.0 - f64::from(e).min(cap) / cap)),
        );
        set(
            HealthComponent::ReopenRate,
            inputs.reopen_rate.map(|r| 100.0 * (1.0 - r)),
        );
        set(
            HealthComponent::Tier,
            inputs
                .tier
                .map(|(k, t)| f64::from(k) / f64::from(t) * 100.0),
        );

        Ok(values)
    }
}

fn secs(d: TimeDelta) -> f64 {
    use crate::metrics::DurationValue;
    d.seconds()
}
