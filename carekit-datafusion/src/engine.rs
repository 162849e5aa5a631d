//! The one aggregation engine behind every carekit UDAF: a vector of core
//! accumulators (one per group), fed either by raw values or by partial
//! states, merged with the core's own `merge`, finished by a metric-specific
//! function. [`Groups`] adapts it to `DataFusion`'s `GroupsAccumulator` and
//! [`Single`] to its row-at-a-time `Accumulator`.

use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, StructArray};
use datafusion::arrow::buffer::{BooleanBuffer, NullBuffer};
use datafusion::arrow::datatypes::{DataType, Fields};
use datafusion::common::cast::as_struct_array;
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{Accumulator, EmitTo, GroupsAccumulator};

/// A core accumulator as `DataFusion` partial state: its `Parts`, field for
/// field, as Arrow columns.
pub(crate) trait Core: Clone + Send + Sync + fmt::Debug + 'static {
    /// The state columns (the children of the state struct).
    fn fields() -> Fields;
    /// One row per accumulator; a row whose `set` flag is false is null in
    /// every column.
    fn columns(accs: &[Self], set: &[bool]) -> Result<Vec<ArrayRef>>;
    /// The accumulator of one state row (checked by the core's
    /// `from_parts`), or `None` for a null row.
    fn from_row(cols: &[ArrayRef], row: usize) -> Result<Option<Self>>;
    /// The core's exact merge.
    fn merge(&mut self, other: &Self) -> std::result::Result<(), carekit::Error>;
    /// Heap bytes held (an estimate).
    fn heap_size(&self) -> usize {
        0
    }
}

/// The state struct type of a core accumulator.
pub(crate) fn state_type<A: Core>() -> DataType {
    DataType::Struct(A::fields())
}

/// Adds raw rows to groups: `(groups, group_indices, arguments, filter)`.
pub(crate) type FeedFn<A> =
    Arc<dyn Fn(&mut [A], &[usize], &[ArrayRef], Option<&BooleanArray>) -> Result<()> + Send + Sync>;
/// Produces the output column from the groups (and their `set` flags).
pub(crate) type FinishFn<A> = Arc<dyn Fn(&[A], &[bool]) -> Result<ArrayRef> + Send + Sync>;

/// How an aggregate reads its input and what it returns.
pub(crate) struct Plan<A: Core> {
    /// A new group: the empty accumulator of the query's conventions.
    pub(crate) empty: A,
    /// `None`: the input is itself a state struct (a `*_merge` rollup); the
    /// groups then start unset and take the first state's conventions.
    pub(crate) feed: Option<FeedFn<A>>,
    pub(crate) finish: FinishFn<A>,
    /// The function name, for error messages.
    pub(crate) name: &'static str,
}

impl<A: Core> Clone for Plan<A> {
    fn clone(&self) -> Self {
        Self {
            empty: self.empty.clone(),
            feed: self.feed.clone(),
            finish: Arc::clone(&self.finish),
            name: self.name,
        }
    }
}

/// Wraps a core error as a `DataFusion` execution error naming the function.
pub(crate) fn exec(name: &str, e: &carekit::Error) -> DataFusionError {
    DataFusionError::Execution(format!("{name}: {e}"))
}

struct Engine<A: Core> {
    plan: Plan<A>,
    accs: Vec<A>,
    set: Vec<bool>,
}

impl<A: Core> Engine<A> {
    fn new(plan: Plan<A>) -> Self {
        Self {
            plan,
            accs: Vec::new(),
            set: Vec::new(),
        }
    }

    fn resize(&mut self, total: usize) {
        if self.accs.len() < total {
            let starts_set = self.plan.feed.is_some();
            self.accs.resize(total, self.plan.empty.clone());
            self.set.resize(total, starts_set);
        }
    }

    fn update(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        filter: Option<&BooleanArray>,
        total: usize,
    ) -> Result<()> {
        self.resize(total);
        if let Some(feed) = &self.plan.feed {
            feed(&mut self.accs, group_indices, values, filter)
        } else {
            let Some(states) = values.first() else {
                return Err(DataFusionError::Plan(format!(
                    "{} expects one state argument",
                    self.plan.name
                )));
            };
            let st = as_struct_array(states)?;
            let mask = row_mask(states, filter);
            self.merge_columns(st.columns(), group_indices, mask.as_ref())
        }
    }

    fn merge_columns(
        &mut self,
        cols: &[ArrayRef],
        group_indices: &[usize],
        mask: Option<&BooleanBuffer>,
    ) -> Result<()> {
        for (row, &g) in group_indices.iter().enumerate() {
            if !counts(mask, row) {
                continue;
            }
            let Some(state) = A::from_row(cols, row).map_err(|e| self.context(e))? else {
                continue;
            };
            let (Some(acc), Some(set)) = (self.accs.get_mut(g), self.set.get_mut(g)) else {
                return Err(DataFusionError::Internal(format!(
                    "{}: group index {g} out of range",
                    self.plan.name
                )));
            };
            if *set {
                acc.merge(&state).map_err(|e| exec(self.plan.name, &e))?;
            } else {
                *acc = state;
                *set = true;
            }
        }
        Ok(())
    }

    fn context(&self, e: DataFusionError) -> DataFusionError {
        e.context(format!("{}: reading a partial state", self.plan.name))
    }

    fn take(&mut self, emit_to: EmitTo) -> (Vec<A>, Vec<bool>) {
        (
            emit_to.take_needed(&mut self.accs),
            emit_to.take_needed(&mut self.set),
        )
    }

    fn size(&self) -> usize {
        self.accs.capacity() * std::mem::size_of::<A>()
            + self.set.capacity()
            + self.accs.iter().map(Core::heap_size).sum::<usize>()
    }
}

/// The rows that count: valid in `values` and selected by `filter`.
pub(crate) fn row_mask(values: &ArrayRef, filter: Option<&BooleanArray>) -> Option<BooleanBuffer> {
    let nulls = values.logical_nulls().map(NullBuffer::into_inner);
    let filter = filter.map(|f| match f.nulls() {
        Some(n) => f.values() & n.inner(),
        None => f.values().clone(),
    });
    match (nulls, filter) {
        (None, None) => None,
        (Some(a), None) | (None, Some(a)) => Some(a),
        (Some(a), Some(b)) => Some(&a & &b),
    }
}

/// Whether row `i` counts under `mask`.
pub(crate) fn counts(mask: Option<&BooleanBuffer>, i: usize) -> bool {
    mask.is_none_or(|m| i < m.len() && m.value(i))
}

/// The state columns as one struct array (null where unset).
pub(crate) fn state_struct<A: Core>(accs: &[A], set: &[bool]) -> Result<ArrayRef> {
    let cols = A::columns(accs, set)?;
    let nulls = if set.iter().all(|&s| s) {
        None
    } else {
        Some(NullBuffer::from(set.to_vec()))
    };
    Ok(Arc::new(StructArray::try_new(A::fields(), cols, nulls)?))
}

/// `DataFusion`'s grouped accumulator over the engine.
pub(crate) struct Groups<A: Core>(Engine<A>);

impl<A: Core> Groups<A> {
    pub(crate) fn new(plan: Plan<A>) -> Self {
        Self(Engine::new(plan))
    }
}

impl<A: Core> fmt::Debug for Groups<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Groups")
            .field("name", &self.0.plan.name)
            .field("groups", &self.0.accs.len())
            .finish_non_exhaustive()
    }
}

impl<A: Core> GroupsAccumulator for Groups<A> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.0
            .update(values, group_indices, opt_filter, total_num_groups)
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let (accs, set) = self.0.take(emit_to);
        (self.0.plan.finish)(&accs, &set)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let (accs, set) = self.0.take(emit_to);
        A::columns(&accs, &set)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.0.resize(total_num_groups);
        self.0.merge_columns(values, group_indices, None)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        // Each row its own group: the core accumulator of that one row.
        let n = values
            .first()
            .map_or(0, datafusion::arrow::array::Array::len);
        let mut one = Engine::new(self.0.plan.clone());
        let indices: Vec<usize> = (0..n).collect();
        one.update(values, &indices, opt_filter, n)?;
        A::columns(&one.accs, &one.set)
    }

    fn size(&self) -> usize {
        self.0.size()
    }
}

/// `DataFusion`'s single-group accumulator over the engine (one group).
pub(crate) struct Single<A: Core>(Engine<A>, Vec<usize>);

impl<A: Core> Single<A> {
    pub(crate) fn new(plan: Plan<A>) -> Self {
        let mut e = Engine::new(plan);
        e.resize(1);
        Self(e, Vec::new())
    }

    fn zeros(&mut self, n: usize) -> Vec<usize> {
        let mut z = std::mem::take(&mut self.1);
        z.clear();
        z.resize(n, 0);
        z
    }
}

impl<A: Core> fmt::Debug for Single<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Single")
            .field("name", &self.0.plan.name)
            .field("state", &self.0.accs.first())
            .finish_non_exhaustive()
    }
}

impl<A: Core> Accumulator for Single<A> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let n = values
            .first()
            .map_or(0, datafusion::arrow::array::Array::len);
        let z = self.zeros(n);
        let r = self.0.update(values, &z, None, 1);
        self.1 = z;
        r
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let out = (self.0.plan.finish)(&self.0.accs, &self.0.set)?;
        ScalarValue::try_from_array(&out, 0)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.0.size()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        A::columns(&self.0.accs, &self.0.set)?
            .iter()
            .map(|c| ScalarValue::try_from_array(c, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let n = states
            .first()
            .map_or(0, datafusion::arrow::array::Array::len);
        let z = self.zeros(n);
        let r = self.0.merge_columns(states, &z, None);
        self.1 = z;
        r
    }
}
