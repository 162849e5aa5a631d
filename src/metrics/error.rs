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
    /// `0..=`[`Durations::MAX_SECONDS`](super::Durations::MAX_SECONDS).
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
    /// [`QuantileSketch::MAX_BUCKETS`](super::QuantileSketch::MAX_BUCKETS).
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
    /// Retention of an empty cohort.
    #[error("the cohort at the start of the period is empty: a rate over 0 customers is undefined")]
    EmptyCohort,
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
}
