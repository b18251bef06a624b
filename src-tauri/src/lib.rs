//! The Tauri shell: builds the app, holds its state and registers the thin commands the UI may
//! call.

mod clipboard;
mod commands;
mod demo;
mod error;
pub mod menu;
mod opener;
mod state;

pub use error::CommandError;
pub use opener::{LinkOpener, OpenUrl};
pub use state::{AppState, Settings};

use tauri::{Manager, Runtime};

/// Builds and runs the desktop app. `main.rs` calls only this.
pub fn run() {
    init_tracing();
    // First among the plugins: a second launch hands over to the running window and exits before
    // anything else starts.
    let builder = tauri::Builder::default()
        .plugin(single_instance())
        .plugin(window_state());
    // macOS expects a menu bar; elsewhere the window's own controls do.
    #[cfg(target_os = "macos")]
    let builder = builder
        .menu(menu::app_menu)
        .on_menu_event(menu::on_menu_event);
    let app = app(builder)
        .build(tauri::generate_context!())
        .expect("Bucketdesk could not start its window");
    tauri::async_runtime::spawn(quit_on_signal(app.handle().clone()));
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // Let the demo server save what is pending, and hand copied text to the clipboard
            // manager, before the process ends.
            let state = app.state::<AppState>();
            // Uploads on their way stay in the journal, to continue at the next start.
            app.state::<bucketdesk_core::upload::Uploads>().suspend();
            tauri::async_runtime::block_on(state.demo.stop());
            state.clipboard.release();
        }
    });
}

/// Quits as closing the window would when the session ends the app (SIGTERM at logout, SIGINT from
/// a terminal), so everything kept on exit (the window's place, the demo's pending writes, the
/// clipboard) is kept. A second signal ends the process at once.
async fn quit_on_signal<R: Runtime>(app: tauri::AppHandle<R>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            tracing::warn!("no signal handler: a SIGTERM ends Bucketdesk without saving");
            return;
        };
        tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        tracing::info!("asked to quit by a signal");
        app.exit(0);
        tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        std::process::exit(1);
    }
    #[cfg(not(unix))]
    {
        if tokio::signal::ctrl_c().await.is_ok() {
            app.exit(0);
        }
    }
}

/// Everything the app registers, generic over the runtime so tests can build it on Tauri's mock
/// runtime.
pub fn app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        // Export's save dialog, opened from Rust; the web view is granted none of its commands.
        .plugin(tauri_plugin_dialog::init())
        // Its Rust API opens links in the browser; the web view gets none of its commands.
        .plugin(
            tauri_plugin_opener::Builder::new()
                .open_js_links_on_click(false)
                .build(),
        )
        .setup(|app| Ok(setup(app)?))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::about,
            commands::app::start_screen,
            commands::projects::list_projects,
            commands::projects::save_project,
            commands::projects::duplicate_project,
            commands::projects::delete_project,
            commands::projects::select_project,
            commands::projects::remember_last,
            commands::projects::test_connection,
            commands::projects::test_draft_connection,
            commands::projects::export_projects_file,
            commands::projects::import_projects,
            commands::projects::reset_demo,
            commands::browse::list_buckets,
            commands::browse::list_files,
            commands::browse::list_subfolders,
            commands::browse::bucket_details,
            commands::browse::get_file,
            commands::browse::file_thumbnail,
            commands::tokens::list_tokens,
            commands::tokens::resolve_expiry,
            commands::tokens::create_token,
            commands::tokens::update_token_expiry,
            commands::tokens::delete_tokens,
            commands::tokens::copy_link,
            commands::tokens::copy_secret,
            commands::tokens::open_link,
            commands::tokens::create_links,
            commands::tokens::copy_links,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::uploads::upload_files,
            commands::uploads::choose_upload_files,
            commands::uploads::cancel_upload,
            commands::uploads::retry_upload,
            commands::uploads::pending_uploads,
            commands::uploads::resume_uploads,
            commands::uploads::get_share_on_upload,
            commands::uploads::set_share_on_upload,
            commands::files::download_files,
            commands::files::cancel_download,
            commands::files::delete_summary,
            commands::files::delete_files,
            commands::files::link_qr,
        ])
}

/// Prepares the app's state. Tauri runs it once the event loop is ready; tests on the mock runtime,
/// whose event loop never runs, call it themselves.
pub fn setup<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let config_dir = bucketdesk_core::paths::config_dir(&app.path().app_config_dir()?);
    let data_dir = bucketdesk_core::paths::data_dir(&app.path().app_data_dir()?);
    tracing::info!(config_dir = %config_dir.display(), data_dir = %data_dir.display(), "starting Bucketdesk");
    // The window-state plugin writes into the folder on exit but only makes the platform's one.
    if let Err(e) = std::fs::create_dir_all(&config_dir) {
        tracing::warn!(
            config_dir = %config_dir.display(),
            error = %e,
            "the config folder could not be made; the window's place will not be kept"
        );
    }
    let webview_data = data_dir.join(WEBVIEW_DATA_DIR);
    setup_with(app, Settings::from_env(config_dir, data_dir));
    demo::start_early(app.handle());
    main_window(app, webview_data)?;
    Ok(())
}

/// The web view's own storage (the panes' sizes, its caches) in the app's data folder, beside the
/// demo's: a moved data folder (`BUCKETDESK_DATA_DIR`) moves it too, so two copies of the app with
/// different folders never share it.
pub const WEBVIEW_DATA_DIR: &str = "webview";

/// Opens the main window as `tauri.conf.json` describes it (the config does not create it itself,
/// so its web view's storage can follow the data folder).
fn main_window<R: Runtime>(app: &tauri::App<R>, data: std::path::PathBuf) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .expect("tauri.conf.json describes the main window");
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .data_directory(data)
        .build()?;
    Ok(())
}

/// Manages the app's state made from `settings` (tests give each app its own folders and keychain
/// service this way).
pub fn setup_with<R: Runtime>(app: &tauri::App<R>, settings: Settings) {
    // Uploads keep their journal in the data folder and report through the app's events.
    app.manage(commands::uploads::uploads(app.handle(), &settings.data_dir));
    // Downloads running, so they can be cancelled.
    app.manage(bucketdesk_core::download::Downloads::default());
    app.manage(AppState::new(settings));
    // Links open through the opener plugin, unless a test already put its own opener here.
    app.manage(LinkOpener::plugin(app.handle().clone()));
}

/// One running Bucketdesk per config folder: a second launch with the same folder focuses the first
/// window and exits, so two instances never write one profiles file or share one demo folder. A
/// folder moved with `BUCKETDESK_CONFIG_DIR` is a separate instance.
fn single_instance<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let mut id = IDENTIFIER.to_owned();
    if let Some(dir) =
        std::env::var_os(bucketdesk_core::paths::CONFIG_DIR_ENV).filter(|d| !d.is_empty())
    {
        id.push_str(&format!(".c{:016x}", fnv1a(dir.as_encoded_bytes())));
    }
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(id)
        .callback(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

/// The main window comes back where, and as big as, the user left it. The plugin joins its file
/// name to the platform's config folder; with `BUCKETDESK_CONFIG_DIR` set the name is an absolute
/// path into that folder instead, which the join keeps as it is. A window saved hidden still opens
/// shown. The web view gets none of the plugin's commands.
fn window_state<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_window_state::{Builder, StateFlags};
    // An empty default: the moved folder, or nothing, which leaves the bare file name.
    let folder = bucketdesk_core::paths::config_dir(std::path::Path::new(""));
    let file = folder.join(WINDOW_STATE_FILE);
    let mut builder = Builder::new().with_state_flags(
        StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED | StateFlags::FULLSCREEN,
    );
    match file.to_str() {
        Some(file) => builder = builder.with_filename(file),
        None => tracing::warn!(
            "the config folder is not UTF-8: the window's place is kept in the platform's one"
        ),
    }
    builder.build()
}

/// The window-state file's name in the config folder.
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// The bundle identifier in tauri.conf.json.
const IDENTIFIER: &str = "app.bucketdesk.desktop";

/// A stable 64-bit FNV-1a hash (the same in every build, unlike std's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
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
