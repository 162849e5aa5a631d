use crate::scale::RatingScale;

/// Why an accumulator rejected input or a merge.
///
/// ```
/// use carekit::metrics::MetricsError;
/// let e = MetricsError::ConventionMismatch { accumulator: "csat" };
/// assert_eq!(e.to_string(), "cannot merge csat accumulators built with different conventions");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// Two accumulators with different conventions cannot be merged.
    #[error("cannot merge {accumulator} accumulators built with different conventions")]
    ConventionMismatch {
        /// Which accumulator.
        accumulator: &'static str,
    },
    // service metrics
    /// A duration that is not a finite number of seconds in
    /// `0..=`[`Durations::MAX_SECONDS`](crate::metrics::Durations::MAX_SECONDS).
    #[error(
        "duration {value} at index {index} is invalid: a duration must be finite, at least 0 and at most 1e15 seconds"
    )]
    InvalidDuration {
        /// Position of the value in the input (for a single push: the
        /// position it would have taken).
        index: usize,
        /// The rejected value, in seconds.
        value: f64,
    },
    /// A quantile outside `0..=1`.
    #[error("quantile {value} is outside 0..=1")]
    QuantileOutOfRange {
        /// The rejected quantile.
        value: f64,
    },
    /// A sketch relative accuracy outside `[1e-12, 1)`.
    #[error("relative accuracy {value} is invalid: it must be at least 1e-12 and below 1")]
    RelativeAccuracyOutOfRange {
        /// The rejected accuracy.
        value: f64,
    },
    /// A value a quantile sketch cannot hold.
    #[error(
        "sketch value {value} at index {index} is invalid: values must be finite, at least 0 and at most {max}"
    )]
    InvalidSketchValue {
        /// Position of the value in the input.
        index: usize,
        /// The rejected value.
        value: f64,
        /// The largest value the sketch can hold (`f64::MAX / γ`).
        max: f64,
    },
    /// Inserting would make a sketch's dense bucket array longer than
    /// [`QuantileSketch::MAX_BUCKETS`](crate::metrics::QuantileSketch::MAX_BUCKETS).
    #[error(
        "sketch buckets {low}..={high} would exceed the limit of {limit} buckets: use a larger relative accuracy"
    )]
    SketchTooWide {
        /// The lowest key needed.
        low: i64,
        /// The highest key needed.
        high: i64,
        /// The bucket limit.
        limit: usize,
    },
    /// Two sketches with different relative accuracies cannot be merged.
    #[error("cannot merge quantile sketches with relative accuracy {left} and {right}")]
    RelativeAccuracyMismatch {
        /// The accuracy of the sketch merged into.
        left: f64,
        /// The accuracy of the other sketch.
        right: f64,
    },
    /// A serialised sketch whose parts disagree.
    #[error("quantile sketch is inconsistent: {rule}")]
    InconsistentSketch {
        /// The broken rule.
        rule: &'static str,
    },
    /// Fewer customers at the end than new customers.
    #[error(
        "end count {end} is below new count {new}: every new customer still active is counted at the end"
    )]
    EndBelowNew {
        /// Customers at the end.
        end: u64,
        /// New customers during the period.
        new: u64,
    },
    /// More customers of the cohort kept (or repeating) than the cohort has.
    #[error("{field} {value} exceeds the cohort of {cohort} customers")]
    AboveCohort {
        /// Which count (`"end - new"`, `"repeat buyers"`).
        field: &'static str,
        /// Its value.
        value: u64,
        /// The cohort size.
        cohort: u64,
    },
    /// A health weight outside `0..=1`, or given twice.
    #[error("health weight {component} = {value} is invalid: {rule}")]
    InvalidHealthWeight {
        /// The component (`"nps"`, `"csat"`, ...).
        component: &'static str,
        /// The rejected weight.
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// Health weights that do not sum to 1.
    #[error("health weights sum to {sum}, not 1 (within 1e-9)")]
    HealthWeightsSum {
        /// Their sum.
        sum: f64,
    },
    /// A health input outside its range.
    #[error("health input {component} = {value} is invalid: {rule}")]
    InvalidHealthInput {
        /// The component (`"csat"`, `"reopen_rate"`, ...).
        component: &'static str,
        /// The rejected value.
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// A health model setting outside its range.
    #[error("health setting {setting} = {value} is invalid: {rule}")]
    InvalidHealthSetting {
        /// The setting (`"at_risk_below"`, `"recency_horizon"`, ...).
        setting: &'static str,
        /// The rejected value.
        value: f64,
        /// The rule it broke.
        rule: &'static str,
    },
    /// Two accumulators with different conventions cannot be merged; both
    /// conventions are named.
    ///
    /// ```
    /// use carekit::metrics::{Nps, NpsConfig};
    /// let mut a = Nps::default();
    /// let b = Nps::new(NpsConfig::new(5, 9)?);
    /// assert_eq!(
    ///     a.merge(&b).unwrap_err().to_string(),
    ///     "cannot merge nps accumulators with different conventions: \
    ///      detractors 0..=6, promoters 9..=10 vs detractors 0..=5, promoters 9..=10"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[error(
        "cannot merge {accumulator} accumulators with different conventions: {left} vs {right}"
    )]
    ConventionsDiffer {
        /// Which accumulator.
        accumulator: &'static str,
        /// The receiving accumulator's convention, as displayed.
        left: String,
        /// The other accumulator's convention, as displayed.
        right: String,
    },
    /// NPS cut-offs that do not satisfy `detractor_max < promoter_min <= 10`.
    ///
    /// ```
    /// use carekit::metrics::NpsConfig;
    /// assert_eq!(
    ///     NpsConfig::new(9, 9).unwrap_err().to_string(),
    ///     "nps cut-offs detractor_max 9, promoter_min 9 are invalid: \
    ///      detractor_max < promoter_min <= 10 is required"
    /// );
    /// ```
    #[error(
        "nps cut-offs detractor_max {detractor_max}, promoter_min {promoter_min} are invalid: \
         detractor_max < promoter_min <= 10 is required"
    )]
    NpsCutoffs {
        /// The given highest detractor score.
        detractor_max: u8,
        /// The given lowest promoter score.
        promoter_min: u8,
    },
    /// A value in a column lies outside its scale; the accumulator was left
    /// unchanged.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut nps = Nps::default();
    /// assert_eq!(
    ///     nps.extend_u8(&[9, 10, 12]).unwrap_err().to_string(),
    ///     "nps score 12 at index 2 is outside the scale 0..=10"
    /// );
    /// assert_eq!(nps.n(), 0);
    /// ```
    #[error("{field} {value} at index {index} is outside the scale {scale}")]
    ColumnValueOutOfScale {
        /// Which rating (`"nps score"`, `"csat rating"`, `"ces rating"`).
        field: &'static str,
        /// The rejected value.
        value: u8,
        /// Its position in the column.
        index: usize,
        /// The scale it had to lie on.
        scale: RatingScale,
    },
    /// A threshold of a convention (CSAT `satisfied_from`, CES `easy_from`
    /// or `difficult_to`, a neutral rating) lies outside the scale.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::CsatConfig};
    /// assert_eq!(
    ///     CsatConfig::new(RatingScale::CSAT_DEFAULT, 6).unwrap_err().to_string(),
    ///     "csat satisfied_from 6 is outside the scale 1..=5"
    /// );
    /// ```
    #[error("{field} {value} is outside the scale {scale}")]
    ThresholdOutOfScale {
        /// Which threshold (`"csat satisfied_from"`, ...).
        field: &'static str,
        /// The rejected value.
        value: u8,
        /// The scale it had to lie on.
        scale: RatingScale,
    },
    /// A neutral CSAT rating at or above `satisfied_from`: a rating cannot
    /// both count as satisfied and be excluded as neutral.
    ///
    /// ```
    /// use carekit::metrics::CsatConfig;
    /// assert_eq!(
    ///     CsatConfig::top_two_box().with_neutral(&[4]).unwrap_err().to_string(),
    ///     "csat neutral rating 4 is invalid: neutral ratings must be below satisfied_from 4"
    /// );
    /// ```
    #[error(
        "csat neutral rating {value} is invalid: neutral ratings must be below satisfied_from {satisfied_from}"
    )]
    NeutralSatisfied {
        /// The rejected neutral rating.
        value: u8,
        /// The configured satisfied threshold.
        satisfied_from: u8,
    },
    /// CES thresholds in the wrong order for their polarity.
    ///
    /// ```
    /// use carekit::{RatingScale, metrics::{CesConfig, CesPolarity}};
    /// assert_eq!(
    ///     CesConfig::new(RatingScale::CES_DEFAULT, 3, 5, CesPolarity::HigherIsEasier)
    ///         .unwrap_err()
    ///         .to_string(),
    ///     "ces thresholds easy_from 3, difficult_to 5 are invalid: \
    ///      with higher-is-easier ratings difficult_to must be below easy_from"
    /// );
    /// ```
    #[error(
        "ces thresholds easy_from {easy_from}, difficult_to {difficult_to} are invalid: {rule}"
    )]
    CesThresholds {
        /// The given `easy_from`.
        easy_from: u8,
        /// The given `difficult_to`.
        difficult_to: u8,
        /// The rule for the polarity.
        rule: &'static str,
    },
    /// A rating given on another scale than the accumulator's.
    ///
    /// ```
    /// use carekit::{CsatRating, RatingScale, metrics::Csat};
    /// let mut csat = Csat::default();
    /// let r = CsatRating::new(8, RatingScale::new(1, 10)?)?;
    /// assert_eq!(
    ///     csat.push(r).unwrap_err().to_string(),
    ///     "csat rating on the scale 1..=10 cannot be added to an accumulator on the scale 1..=5"
    /// );
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[error(
        "{field} on the scale {found} cannot be added to an accumulator on the scale {expected}"
    )]
    ScaleMismatch {
        /// Which rating.
        field: &'static str,
        /// The accumulator's scale.
        expected: RatingScale,
        /// The rating's scale.
        found: RatingScale,
    },
    /// Two columns that must be read row by row have different lengths.
    ///
    /// ```
    /// use carekit::metrics::{Breakdown, Nps};
    /// let mut by = Breakdown::<u8, Nps>::default();
    /// assert_eq!(
    ///     by.extend_grouped(&[0, 1], &[9]).unwrap_err().to_string(),
    ///     "keys has 2 rows but scores has 1"
    /// );
    /// ```
    #[error("{left} has {left_len} rows but {right} has {right_len}")]
    LengthMismatch {
        /// The first column.
        left: &'static str,
        /// Its length.
        left_len: usize,
        /// The second column.
        right: &'static str,
        /// Its length.
        right_len: usize,
    },
    /// A row's group index is not below the number of groups given.
    ///
    /// ```
    /// use carekit::metrics::Nps;
    /// let mut groups = vec![Nps::default(); 2];
    /// assert_eq!(
    ///     Nps::extend_grouped(&mut groups, &[1, 2], &[9, 9]).unwrap_err().to_string(),
    ///     "group index 2 at row 1 is out of range for 2 groups"
    /// );
    /// ```
    #[error("group index {index} at row {row} is out of range for {groups} groups")]
    GroupIndexOutOfRange {
        /// The row.
        row: usize,
        /// Its group index.
        index: usize,
        /// The number of groups.
        groups: usize,
    },
    /// A count would exceed `u64::MAX` (only reachable by merging forged
    /// serialised states).
    ///
    /// ```
    /// use carekit::metrics::MetricsError;
    /// let e = MetricsError::CountOverflow { accumulator: "nps" };
    /// assert_eq!(e.to_string(), "nps counts would overflow u64");
    /// ```
    #[error("{accumulator} counts would overflow u64")]
    CountOverflow {
        /// Which accumulator.
        accumulator: &'static str,
    },
    /// A sum of weights that no longer fits a finite `f64`.
    ///
    /// ```
    /// use carekit::metrics::MetricsError;
    /// let e = MetricsError::WeightSumOverflow { accumulator: "weighted nps", sum: "total weight" };
    /// assert_eq!(e.to_string(), "weighted nps total weight would overflow f64 (above 1.7976931348623157e308)");
    /// ```
    #[error("{accumulator} {sum} would overflow f64 (above {max:e})", max = f64::MAX)]
    WeightSumOverflow {
        /// Which accumulator.
        accumulator: &'static str,
        /// Which sum (`"total weight"`, `"sum of squared weights"`).
        sum: &'static str,
    },
    /// A breakdown key could not be derived from a record: a feedback
    /// record that rates no case, a case missing from the caller's lookup.
    ///
    /// ```
    /// use carekit::metrics::MetricsError;
    /// let e = MetricsError::MissingKey { key: "channel", record: "feedback 7".to_owned() };
    /// assert_eq!(e.to_string(), "no channel can be derived for feedback 7: it cannot be grouped");
    /// ```
    #[error("no {key} can be derived for {record}: it cannot be grouped")]
    MissingKey {
        /// The kind of key (`"channel"`, `"agent"`, ...).
        key: &'static str,
        /// The record, as the caller names it.
        record: String,
    },
    /// A serialised accumulator or breakdown that breaks a rule.
    ///
    /// ```
    /// use carekit::metrics::MetricsError;
    /// let e = MetricsError::InvalidState { accumulator: "breakdown", rule: "each key may appear once" };
    /// assert_eq!(e.to_string(), "breakdown state is invalid: each key may appear once");
    /// ```
    #[error("{accumulator} state is invalid: {rule}")]
    InvalidState {
        /// Which accumulator.
        accumulator: &'static str,
        /// The rule it broke.
        rule: &'static str,
    },
}
