//! Workloads of this concept (added as the capability lands).

use super::Config;

/// Prints this concept's report lines.
pub(crate) fn run(_cfg: &Config) {}
