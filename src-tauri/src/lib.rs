//! The Tauri shell: builds the app, holds its state and registers the thin commands the UI may call.

mod commands;
mod error;
mod state;

pub use error::CommandError;
pub use state::AppState;

use tauri::{Manager, Runtime};

/// Builds and runs the desktop app. `main.rs` calls only this.
pub fn run() {
    init_tracing();
    app(tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("Bucketdesk could not start its window");
}

/// Everything the app registers, generic over the runtime so tests can build it on Tauri's mock runtime.
pub fn app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .setup(|app| Ok(setup(app)?))
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
}

/// Prepares the app's state. Tauri runs it once the event loop is ready; tests on the mock runtime, whose
/// event loop never runs, call it themselves.
pub fn setup<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let platform_default = app.path().app_config_dir()?;
    let config_dir = bucketdesk_core::paths::config_dir(&platform_default);
    tracing::info!(config_dir = %config_dir.display(), "starting Bucketdesk");
    app.manage(AppState::new(config_dir));
    Ok(())
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("BUCKETDESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (e.g. from a test) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
