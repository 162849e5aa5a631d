//! A Ballista executor whose function registry knows carekit's functions.
//!
//! ```sh
//! cargo run -p carekit-datafusion --features ballista --example carekit-ballista-executor -- \
//!     --scheduler localhost:50050 --bind 0.0.0.0:50051 --grpc-port 50052 [--calendars calendars.json]
//! ```

use std::sync::Arc;

use ballista_executor::executor_process::start_executor_process;

mod ballista_cli;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let calendars = ballista_cli::calendars(&args)?;
    let mut config = carekit_datafusion::ballista::executor_config(calendars)?;
    if let Some(s) = ballista_cli::flag(&args, "--scheduler") {
        let (host, port) = ballista_cli::host_port(&s, "--scheduler")?;
        config.scheduler_host = host;
        config.scheduler_port = port;
    }
    if let Some(b) = ballista_cli::flag(&args, "--bind") {
        let (host, port) = ballista_cli::host_port(&b, "--bind")?;
        config.bind_host = host;
        config.port = port;
    }
    if let Some(g) = ballista_cli::flag(&args, "--grpc-port") {
        config.grpc_port = g
            .parse()
            .map_err(|_| format!("--grpc-port: {g:?} is not a port"))?;
    }
    println!(
        "carekit Ballista executor on {}:{} (scheduler {}:{})",
        config.bind_host, config.port, config.scheduler_host, config.scheduler_port
    );
    start_executor_process(Arc::new(config)).await?;
    Ok(())
}
