/// Logs to stderr, filtered by `AIRA_LOG` (e.g. `info`, `aira_speech=debug`), else by
/// `default_filter`: the CLI keeps quiet by default, the app says more.
pub fn init_logging(default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("AIRA_LOG")
        .unwrap_or_else(|_| default_filter.into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
