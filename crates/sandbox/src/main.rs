//! The `appwrite-sandbox` binary: parses options, starts the server, prints the endpoint (and a
//! made key) on stdout, logs to stderr, and stops cleanly on Ctrl+C or SIGTERM.

use std::io::Write;

use appwrite_sandbox::cli::{self, Command};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("appwrite-sandbox: {e}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    // Listen for Ctrl+C and SIGTERM before anyone learns the endpoint: a caller that stops the
    // server right after reading it must get a clean exit, not the default signal death.
    let stop = StopSignals::install();
    let printed_key = config.key.is_none();
    let sandbox = match appwrite_sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("appwrite-sandbox: {e}");
            std::process::exit(1);
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "APPWRITE_ENDPOINT={}", sandbox.endpoint());
        if printed_key {
            let _ = writeln!(out, "APPWRITE_KEY={}", sandbox.api_key());
        }
        let _ = writeln!(out, "APPWRITE_PROJECT={}", sandbox.project_id());
        let _ = out.flush();
    }
    stop.wait().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
}

/// Ctrl+C and SIGTERM, listened for from the moment they are installed.
struct StopSignals {
    #[cfg(unix)]
    signals: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl StopSignals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let signals = signal(SignalKind::interrupt())
                .and_then(|int| Ok((int, signal(SignalKind::terminate())?)))
                .ok();
            StopSignals { signals }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    async fn wait(self) {
        #[cfg(unix)]
        if let Some((mut int, mut term)) = self.signals {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}
