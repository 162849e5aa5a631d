//! Shared helpers: a session with carekit registered, tables from columns,
//! reading single values out of results.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, Float64Array, Int64Array, RecordBatch, StructArray,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};

pub fn ctx(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    carekit_datafusion::register(&ctx);
    ctx
}

/// A table of named columns split into `parts` partitions of about equal
/// size (at least one partition, possibly empty).
pub fn table(ctx: &SessionContext, name: &str, cols: Vec<(&str, ArrayRef)>, parts: usize) {
    let schema = Arc::new(Schema::new(
        cols.iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let rows = cols.first().map_or(0, |(_, a)| a.len());
    let parts = parts.max(1);
    let mut partitions = Vec::new();
    for p in 0..parts {
        let start = rows * p / parts;
        let end = rows * (p + 1) / parts;
        let arrays: Vec<ArrayRef> = cols
            .iter()
            .map(|(_, a)| a.slice(start, end - start))
            .collect();
        partitions.push(vec![
            RecordBatch::try_new(Arc::clone(&schema), arrays).unwrap(),
        ]);
    }
    let t = MemTable::try_new(schema, partitions).unwrap();
    ctx.deregister_table(name).unwrap();
    ctx.register_table(name, Arc::new(t)).unwrap();
}

pub fn ints(v: &[Option<i64>]) -> ArrayRef {
    Arc::new(Int64Array::from(v.to_vec()))
}

pub fn floats(v: &[Option<f64>]) -> ArrayRef {
    Arc::new(Float64Array::from(v.to_vec()))
}

pub async fn rows(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    let batches = ctx.sql(sql).await?.collect().await?;
    let schema = batches
        .first()
        .map_or_else(|| Arc::new(Schema::empty()), RecordBatch::schema);
    Ok(datafusion::arrow::compute::concat_batches(
        &schema, &batches,
    )?)
}

/// Column `col`, row `row` as f64 (`None` for null).
pub fn f64_at(batch: &RecordBatch, col: usize, row: usize) -> Option<f64> {
    value_f64(batch.column(col), row)
}

pub fn value_f64(a: &ArrayRef, row: usize) -> Option<f64> {
    let c = cast(a, &DataType::Float64).unwrap();
    let c = c.as_any().downcast_ref::<Float64Array>().unwrap();
    c.is_valid(row).then(|| c.value(row))
}

/// Field `name` of the struct in column `col`, row `row`.
pub fn field_f64(batch: &RecordBatch, col: usize, name: &str, row: usize) -> Option<f64> {
    let s = batch
        .column(col)
        .as_any()
        .downcast_ref::<StructArray>()
        .unwrap();
    let c = s
        .column_by_name(name)
        .unwrap_or_else(|| panic!("no field {name} in {:?}", s.fields()));
    value_f64(c, row)
}

pub fn close(actual: Option<f64>, expected: Option<f64>, tol: f64) -> bool {
    match (actual, expected) {
        (None, None) => true,
        (Some(a), Some(e)) => a == e || (a - e).abs() <= tol || (a - e).abs() <= tol * e.abs(),
        _ => false,
    }
}
