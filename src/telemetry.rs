use tracing_subscriber::EnvFilter;

/// Logs to stderr; `RUST_LOG` overrides the default level.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn,tracing_actix_web=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
