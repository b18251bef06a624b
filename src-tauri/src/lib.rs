//! The Tauri shell: builds the app, holds its state and registers the thin commands the UI may call.

mod clipboard;
mod commands;
mod demo;
mod error;
mod state;

pub use error::CommandError;
pub use state::{AppState, Settings};

use tauri::{Manager, Runtime};

/// Builds and runs the desktop app. `main.rs` calls only this.
pub fn run() {
    init_tracing();
    app(tauri::Builder::default())
        .build(tauri::generate_context!())
        .expect("Bucketdesk could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Let the demo server save what is pending, and hand copied text to the
                // clipboard manager, before the process ends.
                let state = app.state::<AppState>();
                tauri::async_runtime::block_on(state.demo.stop());
                state.clipboard.release();
            }
        });
}

/// Everything the app registers, generic over the runtime so tests can build it on Tauri's mock runtime.
pub fn app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .setup(|app| Ok(setup(app)?))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::projects::list_projects,
            commands::projects::save_project,
            commands::projects::duplicate_project,
            commands::projects::delete_project,
            commands::projects::select_project,
            commands::projects::remember_last,
            commands::projects::test_connection,
            commands::projects::export_projects_file,
            commands::projects::import_projects,
            commands::projects::reset_demo,
            commands::browse::list_buckets,
            commands::browse::list_files,
            commands::browse::get_file,
            commands::browse::file_thumbnail,
            commands::tokens::list_tokens,
            commands::tokens::resolve_expiry,
            commands::tokens::create_token,
            commands::tokens::update_token_expiry,
            commands::tokens::delete_tokens,
            commands::tokens::copy_link,
            commands::tokens::copy_secret,
            commands::tokens::create_links,
        ])
}

/// Prepares the app's state. Tauri runs it once the event loop is ready; tests on the mock runtime, whose
/// event loop never runs, call it themselves.
pub fn setup<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let config_dir = bucketdesk_core::paths::config_dir(&app.path().app_config_dir()?);
    let data_dir = bucketdesk_core::paths::data_dir(&app.path().app_data_dir()?);
    tracing::info!(config_dir = %config_dir.display(), data_dir = %data_dir.display(), "starting Bucketdesk");
    setup_with(app, Settings::from_env(config_dir, data_dir));
    Ok(())
}

/// Manages the app's state made from `settings` (tests give each app its own folders and keychain
/// service this way).
pub fn setup_with<R: Runtime>(app: &tauri::App<R>, settings: Settings) {
    app.manage(AppState::new(settings));
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
