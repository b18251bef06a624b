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
    wait_for_stop().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
