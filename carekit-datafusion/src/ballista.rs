//! Ballista nodes that know carekit's functions (feature `ballista`).
//!
//! Ballista ships logical and physical plans between nodes with functions
//! referenced by name, so every node resolves `nps`, `business_deadline`
//! and the rest from its own registry: the scheduler through its session
//! builder ([`scheduler_config`]), each executor through its function
//! registry ([`executor_config`]), and the client through its session
//! ([`crate::register`] after `SessionContext::remote`). Named calendars
//! travel the same way: give every node the same set.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! let calendars = Default::default();
//! let config = carekit_datafusion::ballista::scheduler_config(calendars);
//! let cluster = ballista_scheduler::cluster::BallistaCluster::new_from_config(&config).await?;
//! let addr = format!("{}:{}", config.bind_host, config.bind_port).parse()?;
//! ballista_scheduler::scheduler_process::start_server(cluster, addr, Arc::new(config)).await?;
//! # Ok(())
//! # }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::utils::default_session_builder;
use ballista_executor::executor_process::ExecutorProcessConfig;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_server::SessionBuilder;
use carekit::calendar::Calendar;
use datafusion::common::Result;
use datafusion::prelude::SessionConfig;

/// Ballista's default scheduler session, plus carekit's functions and
/// `calendars`.
///
/// ```
/// let build = carekit_datafusion::ballista::session_builder(Default::default());
/// let state = build(datafusion::prelude::SessionConfig::new())?;
/// assert!(state.aggregate_functions().contains_key("nps"));
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn session_builder(calendars: BTreeMap<String, Calendar>) -> SessionBuilder {
    Arc::new(move |config: SessionConfig| {
        let mut state = default_session_builder(config)?;
        crate::register_state(&mut state, calendars.clone())?;
        Ok(state)
    })
}

/// An executor's function registry: DataFusion's and Ballista's defaults,
/// carekit's functions and `calendars`.
///
/// # Errors
///
/// Errors of the session's function registry.
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// let registry = carekit_datafusion::ballista::function_registry(Default::default())?;
/// assert!(registry.udaf("duration_percentile").is_ok());
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn function_registry(
    calendars: BTreeMap<String, Calendar>,
) -> Result<Arc<BallistaFunctionRegistry>> {
    let state = crate::session_state(calendars)?;
    Ok(Arc::new(BallistaFunctionRegistry::from(&state)))
}

/// A scheduler configuration (Ballista's defaults: bind 0.0.0.0:50050)
/// whose sessions know carekit's functions.
///
/// ```
/// let config = carekit_datafusion::ballista::scheduler_config(Default::default());
/// assert!(config.override_session_builder.is_some());
/// ```
pub fn scheduler_config(calendars: BTreeMap<String, Calendar>) -> SchedulerConfig {
    SchedulerConfig {
        override_session_builder: Some(session_builder(calendars)),
        ..SchedulerConfig::default()
    }
}

/// An executor configuration (Ballista's defaults: scheduler at
/// localhost:50050) whose registry knows carekit's functions.
///
/// # Errors
///
/// Errors of [`function_registry`].
///
/// ```
/// let config = carekit_datafusion::ballista::executor_config(Default::default())?;
/// assert!(config.override_function_registry.is_some());
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn executor_config(calendars: BTreeMap<String, Calendar>) -> Result<ExecutorProcessConfig> {
    Ok(ExecutorProcessConfig {
        override_function_registry: Some(function_registry(calendars)?),
        ..ExecutorProcessConfig::default()
    })
}
