//! The built-in "Demo (local sandbox)" project: an `appwrite-sandbox` started inside the app's own
//! process on a loopback port, seeded with the demo project and kept in the app's data folder.
//! It starts in the background as the app starts when the demo is the project the window opens,
//! so the first list of buckets does not wait for it; else on first use.
//!
//! Its port is chosen once and kept next to its store (`bucketdesk_core::demo_port`), so the
//! links copied from the demo keep working after a restart (the store keeps the secret that signs
//! them); only when that port is taken does the demo take another, keep it, and log that older
//! links stopped working.

use appwrite_rest::ApiKey;
use appwrite_sandbox::{Config, Sandbox, Seed, StartError};
use bucketdesk_core::{demo_port, DEMO_PROFILE_ID};
use std::net::{Ipv4Addr, SocketAddr};
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
    /// Stops the demo, deletes its data and starts it again freshly seeded, on the same port.
    pub async fn reset(&self) -> Result<DemoConnection, CommandError> {
        {
            let mut running = self.running.lock().await;
            if let Some(sandbox) = running.take() {
                sandbox.shutdown().await;
            }
            let port = demo_port::stored_port(&self.data_dir);
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
            // The demo's address is not part of its data: keep it for the fresh store.
            if let Some(port) = port {
                self.keep_port(port);
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

    /// Starts the sandbox on the port kept from last time, or on a free one (kept for next time)
    /// when none is kept or it is taken.
    async fn start(&self) -> Result<Sandbox, CommandError> {
        let kept = demo_port::stored_port(&self.data_dir);
        let sandbox = match kept {
            Some(port) => match appwrite_sandbox::start(self.config(port)).await {
                Err(StartError::Bind { source, .. }) => {
                    tracing::warn!(
                        port,
                        error = %source,
                        "the demo's port is taken by another program: the demo moves to a new \
                         port, and links copied from it before no longer work"
                    );
                    appwrite_sandbox::start(self.config(0)).await
                }
                started => started,
            },
            None => appwrite_sandbox::start(self.config(0)).await,
        }
        .map_err(|e| {
            CommandError::new(
                "demo_unavailable",
                format!(
                    "The demo project could not start ({e}). Use \"Reset demo data\" to start it afresh."
                ),
            )
        })?;
        let port = sandbox.addr().port();
        if kept != Some(port) {
            self.keep_port(port);
        }
        tracing::info!(endpoint = sandbox.endpoint(), "demo sandbox started");
        Ok(sandbox)
    }

    /// The demo on loopback `port` (0: a free one), with its store in the demo's folder.
    fn config(&self, port: u16) -> Config {
        Config {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            data_dir: Some(self.data_dir.clone()),
            seed: Seed::Demo,
            ..Config::default()
        }
    }

    /// Keeps `port` for the next start; a failure only costs the links' life past a restart.
    fn keep_port(&self, port: u16) {
        match demo_port::store_port(&self.data_dir, port) {
            Ok(()) => tracing::info!(port, "the demo keeps this port for its next starts"),
            Err(e) => tracing::warn!(
                port,
                error = %e,
                "the demo's port could not be kept: it may get another at the next start, and its links with it"
            ),
        }
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

    /// The port in a demo endpoint (`http://127.0.0.1:<port>/v1`).
    fn port_of(endpoint: &str) -> u16 {
        url::Url::parse(endpoint).unwrap().port().unwrap()
    }

    /// Starts the demo kept in `dir` as a new launch of the app would, and stops it; its port.
    fn launch_and_quit(dir: &std::path::Path) -> u16 {
        tauri::async_runtime::block_on(async {
            let demo = Demo::new(dir.to_owned());
            let connection = demo.connection().await.expect("the demo starts");
            demo.stop().await;
            port_of(&connection.endpoint)
        })
    }

    #[test]
    fn two_starts_with_the_same_data_folder_listen_on_the_same_port() {
        let folders = tempfile::tempdir().unwrap();
        let dir = folders.path().join("demo-sandbox");
        let first = launch_and_quit(&dir);
        assert_eq!(
            demo_port::stored_port(&dir),
            Some(first),
            "the port is kept"
        );
        assert_eq!(launch_and_quit(&dir), first);
        assert_eq!(launch_and_quit(&dir), first);
    }

    #[test]
    fn a_taken_port_gives_a_new_port_that_is_kept_for_the_next_start() {
        let folders = tempfile::tempdir().unwrap();
        let dir = folders.path().join("demo-sandbox");
        let first = launch_and_quit(&dir);
        // Another program listens on the demo's port while the app is closed.
        let squatter = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, first))
            .expect("the port is free again once the demo stopped");
        let second = launch_and_quit(&dir);
        assert_ne!(second, first, "the demo can't share the port");
        assert_eq!(demo_port::stored_port(&dir), Some(second), "kept anew");
        drop(squatter);
        assert_eq!(
            launch_and_quit(&dir),
            second,
            "the new port is the demo's now, even with the old one free"
        );
    }

    #[test]
    fn a_reset_keeps_the_port() {
        let folders = tempfile::tempdir().unwrap();
        let dir = folders.path().join("demo-sandbox");
        let first = launch_and_quit(&dir);
        tauri::async_runtime::block_on(async {
            let demo = Demo::new(dir.clone());
            let reset = demo.reset().await.expect("the demo resets");
            assert_eq!(port_of(&reset.endpoint), first);
            demo.stop().await;
        });
        assert_eq!(launch_and_quit(&dir), first);
    }

    #[test]
    fn a_link_made_before_a_restart_still_opens_the_file_after_it() {
        use appwrite_sandbox::seed;
        use bucketdesk_core::projects::client_for;
        use bucketdesk_core::{share_link_for, LinkKind, Profile};
        let folders = tempfile::tempdir().unwrap();
        let dir = folders.path().join("demo-sandbox");
        let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
        let fetch = |link: String| async move {
            let response = reqwest::get(link).await.unwrap();
            (response.status().as_u16(), response.bytes().await.unwrap())
        };
        let (link, before) = tauri::async_runtime::block_on(async {
            let demo = Demo::new(dir.clone());
            let c = demo.connection().await.unwrap();
            let client = client_for(&Profile::demo(&c.endpoint, &c.project_id), c.key).unwrap();
            let token = client.tokens().create(bucket, file, None).await.unwrap();
            let link = share_link_for(client.endpoint(), &c.project_id, &token, LinkKind::Download);
            let before = fetch(link.to_string()).await;
            demo.stop().await;
            (link, before)
        });
        assert_eq!(before.0, 200, "the link works before the restart");
        let after = tauri::async_runtime::block_on(async {
            let demo = Demo::new(dir.clone());
            demo.connection().await.unwrap();
            let after = fetch(link.to_string()).await;
            demo.stop().await;
            after
        });
        assert_eq!(
            after, before,
            "the same link gives the same file after the restart"
        );
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
                folder: None,
                file_id: None,
            })
            .unwrap();
        drop(store);
        assert!(!start_early(app.handle()));
    }
}
