//! Calling the app's commands through Tauri's IPC on the mock runtime, as the web view does. Each
//! test gets its own app with its own config and data folders and keychain service, so tests run
//! side by side without sharing anything but the keyring daemon.

#![allow(dead_code)]

use std::path::PathBuf;

use bucketdesk_lib::Settings;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The origin the app's own pages are served from: what the capability's "local" URL means here.
const LOCAL_ORIGIN: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

/// One app on the mock runtime with its real context (so the real capability file and its ACL
/// decide what the window may call), its main window, and a runtime for the sandboxes a test
/// starts.
pub struct Fixture {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub runtime: tokio::runtime::Runtime,
    pub service: String,
    pub config_dir: PathBuf,
    pub export_dir: PathBuf,
    _folders: tempfile::TempDir,
}

impl Fixture {
    /// A fresh app named after the test (its keychain service carries the name).
    pub fn new(test: &str) -> Self {
        let folders = tempfile::tempdir().unwrap();
        let config_dir = folders.path().join("config");
        Self::with_config_dir(test, folders, config_dir)
    }

    /// A fresh app whose config folder is `config_dir` (which the test may have broken on purpose).
    pub fn with_config_dir(test: &str, folders: tempfile::TempDir, config_dir: PathBuf) -> Self {
        Self::build(test, folders, config_dir, |_| {})
    }

    /// A fresh app that opens links with `opener` instead of the browser.
    pub fn with_opener(test: &str, opener: impl bucketdesk_lib::OpenUrl) -> Self {
        let folders = tempfile::tempdir().unwrap();
        let config_dir = folders.path().join("config");
        Self::build(test, folders, config_dir, |app| {
            // Managed before the app's own state, so the plugin's opener is not put in its place.
            app.manage(bucketdesk_lib::LinkOpener::new(opener));
        })
    }

    fn build(
        test: &str,
        folders: tempfile::TempDir,
        config_dir: PathBuf,
        before_setup: impl FnOnce(&App<MockRuntime>),
    ) -> Self {
        let service = format!("bucketdesk-test-{test}-{}", std::process::id());
        let export_dir = folders.path().join("exports");
        std::fs::create_dir_all(&export_dir).unwrap();
        let settings = Settings {
            config_dir: config_dir.clone(),
            data_dir: folders.path().join("data"),
            keyring_service: service.clone(),
            export_dir: Some(export_dir.clone()),
        };
        let app = bucketdesk_lib::app(mock_builder())
            .build(tauri::generate_context!())
            .expect("the app builds on the mock runtime");
        before_setup(&app);
        bucketdesk_lib::setup_with(&app, settings);
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Fixture {
            app,
            window,
            runtime: tokio::runtime::Runtime::new().unwrap(),
            service,
            config_dir,
            export_dir,
            _folders: folders,
        }
    }

    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: LOCAL_ORIGIN.parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|r| r.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    pub fn err(&self, cmd: &str, args: Value) -> Value {
        match self.invoke(cmd, args) {
            Ok(answer) => panic!("{cmd} answered {answer} instead of failing"),
            Err(e) => e,
        }
    }

    /// A sandbox of the demo project on loopback, kept running by this fixture's runtime.
    pub fn sandbox(&self, config: appwrite_sandbox::Config) -> appwrite_sandbox::Sandbox {
        self.runtime
            .block_on(appwrite_sandbox::start(appwrite_sandbox::Config {
                seed: appwrite_sandbox::Seed::Demo,
                ..config
            }))
            .expect("the sandbox starts")
    }

    /// Adds a project for `sandbox` with its key, and gives its profile id.
    pub fn add_project(&self, name: &str, sandbox: &appwrite_sandbox::Sandbox) -> String {
        let saved = self.ok(
            "save_project",
            json!({
                "profile": {"name": name, "endpoint": sandbox.endpoint(), "projectId": sandbox.project_id()},
                "apiKey": sandbox.api_key(),
            }),
        );
        saved["id"].as_str().unwrap().to_owned()
    }

    pub fn keys(&self) -> bucketdesk_core::KeyStore {
        bucketdesk_core::KeyStore::new(&self.service)
    }
}

impl Drop for Fixture {
    /// Leaves no keychain entry behind.
    fn drop(&mut self) {
        let Ok(list) = self.invoke("list_projects", json!({})) else {
            return;
        };
        let keys = self.keys();
        for project in list["projects"].as_array().into_iter().flatten() {
            if let Some(id) = project["id"].as_str().filter(|id| *id != "demo") {
                let _ = keys.delete_blocking(id);
            }
        }
    }
}

/// The X11 clipboard's text, read with xclip as another program would.
pub fn clipboard_text() -> String {
    let out = std::process::Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .expect("xclip runs (inside scripts/headless.sh)");
    String::from_utf8(out.stdout).unwrap()
}
