//! The built-in "Demo (local sandbox)" project: an `appwrite-sandbox` started inside the app's own
//! process on a free loopback port, seeded with the demo project and kept in the app's data folder.
//! It starts in the background as the app starts when the demo is the project the window opens,
//! so the first list of buckets does not wait for it; else on first use.

use appwrite_rest::ApiKey;
use appwrite_sandbox::{Config, Sandbox, Seed};
use bucketdesk_core::DEMO_PROFILE_ID;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;

use crate::{AppState, CommandError};

/// Where and how to reach the running demo server. The key stays in Rust memory.
#[derive(Debug, Clone)]
pub struct DemoConnection {
    pub endpoint: String,
    pub project_id: String,
    pub key: ApiKey,
}

/// The demo server, started early or on first use.
pub struct Demo {
    data_dir: PathBuf,
    running: Mutex<Option<Sandbox>>,
}

/// When the window will open the demo, starts its server and client now, in the background, and
/// says so: a command that needs them meanwhile waits for this start instead of making its own,
/// and a start that fails is logged and tried again by the next command.
pub fn start_early<R: Runtime>(app: &AppHandle<R>) -> bool {
    let state = app.state::<AppState>();
    let last = state.projects.store().last().map(|l| l.profile_id.clone());
    let opens_demo =
        last.is_none_or(|id| id == DEMO_PROFILE_ID || state.projects.profile(&id).is_err());
    if !opens_demo {
        return false;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = app.state::<AppState>().connect(DEMO_PROFILE_ID).await {
            tracing::warn!(code = e.code, error = %e, "the demo did not start early; it starts on first use");
        }
    });
    true
}

impl Demo {
    /// A demo kept in `data_dir` (created on first start).
    pub fn new(data_dir: PathBuf) -> Self {
        Demo {
            data_dir,
            running: Mutex::new(None),
        }
    }

    /// The running demo's connection, starting it if needed.
    pub async fn connection(&self) -> Result<DemoConnection, CommandError> {
        let mut running = self.running.lock().await;
        if running.is_none() {
            *running = Some(self.start().await?);
        }
        let sandbox = running.as_ref().expect("started above");
        Ok(DemoConnection {
            endpoint: sandbox.endpoint().to_string(),
            project_id: sandbox.project_id().to_string(),
            key: ApiKey::from(sandbox.api_key().to_string()),
        })
    }
    /// Stops the demo, deletes its data and starts it again freshly seeded.
    pub async fn reset(&self) -> Result<DemoConnection, CommandError> {
        {
            let mut running = self.running.lock().await;
            if let Some(sandbox) = running.take() {
                sandbox.shutdown().await;
            }
            if self.data_dir.exists() {
                std::fs::remove_dir_all(&self.data_dir).map_err(|e| {
                    CommandError::new(
                        "demo_unavailable",
                        format!(
                            "Could not delete the demo data in {}: {e}. Close other programs using it and try again.",
                            self.data_dir.display()
                        ),
                    )
                })?;
            }
        }
        self.connection().await
    }

    /// Stops the demo server (on app exit), saving what is pending.
    pub async fn stop(&self) {
        if let Some(sandbox) = self.running.lock().await.take() {
            sandbox.shutdown().await;
        }
    }

    async fn start(&self) -> Result<Sandbox, CommandError> {
        let config = Config {
            data_dir: Some(self.data_dir.clone()),
            seed: Seed::Demo,
            ..Config::default()
        };
        let sandbox = appwrite_sandbox::start(config).await.map_err(|e| {
            CommandError::new(
                "demo_unavailable",
                format!(
                    "The demo project could not start ({e}). Use \"Reset demo data\" to start it afresh."
                ),
            )
        })?;
        tracing::info!(endpoint = sandbox.endpoint(), "demo sandbox started");
        Ok(sandbox)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bucketdesk_core::{LastOpened, ProfileInput};
    use std::time::{Duration, Instant};
    use tauri::test::{mock_builder, MockRuntime};

    /// An app on the mock runtime with its own folders; the demo's store is `data/demo-sandbox`.
    fn app(folders: &tempfile::TempDir) -> tauri::App<MockRuntime> {
        let app = crate::app(mock_builder())
            .build(tauri::generate_context!())
            .expect("the app builds on the mock runtime");
        let settings = crate::Settings {
            config_dir: folders.path().join("config"),
            data_dir: folders.path().join("data"),
            keyring_service: format!("bucketdesk-test-demo-{}", std::process::id()),
            export_dir: None,
        };
        crate::setup_with(&app, settings);
        app
    }

    #[test]
    fn starts_in_the_background_when_the_window_opens_the_demo() {
        let folders = tempfile::tempdir().unwrap();
        let app = app(&folders);
        assert!(start_early(app.handle()));
        // No command has asked for the demo: only the early start can make its store.
        let meta = folders.path().join("data/demo-sandbox/meta.json");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !meta.exists() {
            assert!(Instant::now() < deadline, "the demo store was never made");
            std::thread::sleep(Duration::from_millis(20));
        }
        tauri::async_runtime::block_on(app.state::<AppState>().demo.stop());
    }

    #[test]
    fn waits_for_first_use_when_the_window_opens_another_project() {
        let folders = tempfile::tempdir().unwrap();
        let app = app(&folders);
        let state = app.state::<AppState>();
        let mut store = state.projects.store();
        let input = ProfileInput {
            name: "Work".into(),
            endpoint: "https://appwrite.example.com/v1".into(),
            project_id: "work".into(),
            ..Default::default()
        };
        let profile = store.add(input).unwrap();
        store
            .remember(LastOpened {
                profile_id: profile.id,
                bucket_id: None,
                file_id: None,
            })
            .unwrap();
        drop(store);
        assert!(!start_early(app.handle()));
    }
}
