//! A Ballista scheduler whose sessions know carekit's functions.
//!
//! ```sh
//! cargo run -p carekit-datafusion --features ballista --example carekit-ballista-scheduler -- \
//!     --bind 0.0.0.0:50050 [--calendars calendars.json]
//! ```
//!
//! `calendars.json` maps names to calendars, e.g.
//! `{"emea_support": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}}}`;
//! give every node (scheduler, executors, client) the same file.

use std::net::SocketAddr;
use std::sync::Arc;

use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::scheduler_process::start_server;

mod ballista_cli;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let calendars = ballista_cli::calendars(&args)?;
    let mut config = carekit_datafusion::ballista::scheduler_config(calendars);
    if let Some(bind) = ballista_cli::flag(&args, "--bind") {
        let (host, port) = ballista_cli::host_port(&bind, "--bind")?;
        config.bind_host = host;
        config.bind_port = port;
    }
    let addr: SocketAddr = format!("{}:{}", config.bind_host, config.bind_port).parse()?;
    println!("carekit Ballista scheduler on {addr}");
    let cluster = BallistaCluster::new_from_config(&config).await?;
    start_server(cluster, addr, Arc::new(config)).await?;
    Ok(())
}
