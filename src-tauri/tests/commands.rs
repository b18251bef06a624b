//! The app's commands, invoked through Tauri's IPC on the mock runtime (no window, no display).

use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

/// The origin the app's own pages are served from: what the capability's "local" URL means here.
const LOCAL_ORIGIN: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

#[test]
fn app_info_reports_the_version_and_the_overridden_config_dir() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(bucketdesk_core::paths::CONFIG_DIR_ENV, dir.path());

    let app = bucketdesk_lib::app(mock_builder())
        // The real context, so the real capability file (and its ACL) decides what the window may call.
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    bucketdesk_lib::setup(&app).expect("the app's state is set up");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();

    let response = get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: "app_info".into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: LOCAL_ORIGIN.parse().unwrap(),
            body: tauri::ipc::InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .expect("app_info succeeds");
    let info: serde_json::Value = response.deserialize().unwrap();

    assert_eq!(info["name"], "Bucketdesk");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["configDir"], dir.path().display().to_string());
}
