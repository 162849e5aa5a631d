//! The accumulator contract every mergeable score speaks: [`Accumulator`]
//! (an empty value, emptiness, `merge`) and [`Push`] (`push` one
//! observation, `extend` with many).

use crate::error::Error;

/// A mergeable accumulator: the monoid behind every score.
///
/// Every accumulator in carekit implements it — [`Nps`](super::Nps),
/// [`WeightedNps`](super::WeightedNps), [`Csat`](super::Csat),
/// [`Ces`](super::Ces), [`Durations`](super::Durations),
/// [`QuantileSketch`](super::QuantileSketch), [`Fcr`](super::Fcr),
/// [`ClockSummary`](super::ClockSummary),
/// [`SlaAttainment`](crate::sla::SlaAttainment),
/// [`Retention`](super::Retention),
/// [`RepeatPurchaseRate`](super::RepeatPurchaseRate) and
/// [`Breakdown`](super::Breakdown) — with the same laws:
///
/// - `empty_like()` has the same convention and no data;
/// - `merge` is commutative and associative, with the empty value as
///   identity: merging the accumulators of any split of the data gives the
///   accumulator of the whole (exactly for counts and exact durations;
///   within the stated bound for sketches; up to float rounding for weight
///   sums);
/// - `merge` refuses other conventions with a named error
///   ([`MetricsError::ConventionsDiffer`](super::MetricsError::ConventionsDiffer))
///   and leaves `self` unchanged on any error;
/// - with `serde`, the serialised form reads back to an equal accumulator
///   and is validated like the constructors.
///
/// ```
/// use carekit::metrics::{Accumulator, Nps, NpsConfig};
/// let mut a = Nps::new(NpsConfig::new(6, 10)?);
/// a.extend_u8(&[10])?;
/// let empty = a.empty_like();
/// assert_eq!((empty.n(), empty.config()), (0, a.config()));
/// assert!(empty.is_empty() && !a.is_empty());
/// # Ok::<(), carekit::Error>(())
/// ```
pub trait Accumulator: Clone {
    /// An empty accumulator with the same convention.
    ///
    /// ```
    /// use carekit::metrics::{Accumulator, Csat, CsatConfig};
    /// let mut binary = Csat::new(CsatConfig::binary());
    /// binary.extend_u8(&[1, 0, 1])?;
    /// let fresh = binary.empty_like();
    /// assert_eq!(fresh.n(), 0); // no data ...
    /// assert_eq!(fresh.config(), CsatConfig::binary()); // ... same convention
    /// # Ok::<(), carekit::Error>(())
    /// ```
    #[must_use]
    fn empty_like(&self) -> Self;

    /// Whether no observation was added.
    ///
    /// ```
    /// use carekit::metrics::{Accumulator, Durations};
    /// assert!(Durations::new().is_empty());
    /// assert!(!Durations::from_seconds(&[1.0])?.is_empty());
    /// # Ok::<(), carekit::Error>(())
    /// ```
    fn is_empty(&self) -> bool;

    /// Adds another accumulator's data.
    ///
    /// ```
    /// use carekit::metrics::{Accumulator, Nps};
    /// // Generic code can combine per-shard partials of any accumulator.
    /// fn combine<A: Accumulator>(first: &A, rest: &[A]) -> Result<A, carekit::Error> {
    ///     let mut total = first.clone();
    ///     for part in rest {
    ///         Accumulator::merge(&mut total, part)?;
    ///     }
    ///     Ok(total)
    /// }
    /// let (mut a, mut b) = (Nps::default(), Nps::default());
    /// a.extend_u8(&[10, 9])?;
    /// b.extend_u8(&[2])?;
    /// assert_eq!(combine(&a, &[b])?.score(), Some(100.0 / 3.0)); // 100 · (2 − 1) / 3
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the conventions differ or a count would overflow; `self` is
    /// then unchanged.
    fn merge(&mut self, other: &Self) -> Result<(), Error>;
}

/// An accumulator that takes observations of type `V`: `push` one,
/// `extend` with many.
///
/// Every accumulator also has inherent `push` and `extend` methods that
/// take any `V` it implements `Push<V>` for, so callers need not import
/// this trait; generic code uses it as a bound.
///
/// ```
/// use carekit::metrics::{Ces, Push};
/// // Generic code can feed any accumulator that takes `u8` answers.
/// fn feed<A: Push<u8>>(acc: &mut A, answers: &[u8]) -> Result<(), carekit::Error> {
///     acc.extend(answers.iter().copied())
/// }
/// let mut ces = Ces::default();
/// feed(&mut ces, &[7, 5])?;
/// assert_eq!(ces.mean(), Some(6.0)); // (7 + 5) / 2
/// assert!(feed(&mut ces, &[6, 0]).is_err()); // 0 is off the 1..=7 scale ...
/// assert_eq!(ces.n(), 2); // ... and nothing of that batch was added
/// # Ok::<(), carekit::Error>(())
/// ```
pub trait Push<V>: Accumulator {
    /// Adds one observation.
    ///
    /// ```
    /// use carekit::metrics::{Csat, Push};
    /// let mut csat = Csat::default();
    /// Push::push(&mut csat, 5_u8)?;
    /// assert_eq!(csat.n(), 1);
    /// assert!(Push::push(&mut csat, 9_u8).is_err()); // off the 1..=5 scale
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the value is invalid for the accumulator or a count would
    /// overflow; `self` is then unchanged.
    fn push(&mut self, value: V) -> Result<(), Error>;

    /// Adds many observations, all or nothing: on the first invalid one,
    /// nothing of the batch is kept.
    ///
    /// ```
    /// use carekit::metrics::{Nps, Push};
    /// let mut nps = Nps::default();
    /// Push::extend(&mut nps, [10_u8, 9, 3])?;
    /// assert_eq!(nps.n(), 3);
    /// assert!(Push::extend(&mut nps, [10_u8, 11]).is_err());
    /// assert_eq!(nps.n(), 3);
    /// # Ok::<(), carekit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first invalid observation's error; `self` is then unchanged.
    fn extend<I: IntoIterator<Item = V>>(&mut self, values: I) -> Result<(), Error> {
        let mut part = self.empty_like();
        for v in values {
            part.push(v)?;
        }
        self.merge(&part)
    }
}

/// The inherent `push` and `extend` of an accumulator: the [`Push`]
/// vocabulary without importing the trait.
macro_rules! push_vocabulary {
    ($acc:ty, $push_example:literal, $extend_example:literal) => {
        impl $acc {
            /// Adds one observation of any type the accumulator takes (see
            /// its [`Push`](crate::metrics::Push) implementations).
            ///
            #[doc = $push_example]
            ///
            /// # Errors
            ///
            /// When the value is invalid for the accumulator or a count
            /// would overflow; `self` is then unchanged.
            pub fn push<V>(&mut self, value: V) -> Result<(), crate::error::Error>
            where
                Self: crate::metrics::Push<V>,
            {
                <Self as crate::metrics::Push<V>>::push(self, value)
            }

            /// Adds many observations, all or nothing (see
            /// [`Push::extend`](crate::metrics::Push::extend)).
            ///
            #[doc = $extend_example]
            ///
            /// # Errors
            ///
            /// The first invalid observation's error; `self` is then
            /// unchanged.
            pub fn extend<V, I>(&mut self, values: I) -> Result<(), crate::error::Error>
            where
                Self: crate::metrics::Push<V>,
                I: IntoIterator<Item = V>,
            {
                <Self as crate::metrics::Push<V>>::extend(self, values)
            }
        }
    };
}

pub(crate) use push_vocabulary;
