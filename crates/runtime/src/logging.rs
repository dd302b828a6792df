/// The AWS SDK warns about every credential source it tries in vain; in auto mode that is
/// the normal state of an offline-first user, and the transcript already says it in words.
const QUIET_AWS: &str = "aws_config=error,aws_smithy_runtime=error";

/// Logs to stderr, filtered by `AIRA_LOG` (e.g. `info`, `aira_speech=debug`), else by
/// `default_filter`: the CLI keeps quiet by default, the app says more.
pub fn init_logging(default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("AIRA_LOG")
        .unwrap_or_else(|_| format!("{default_filter},{QUIET_AWS}").into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
