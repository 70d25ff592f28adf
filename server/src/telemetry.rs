//! Logging, filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// Logs to stderr at `default_filter` unless `RUST_LOG` says otherwise. Safe to call
/// more than once (tests do): later calls change nothing.
pub fn init(default_filter: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
