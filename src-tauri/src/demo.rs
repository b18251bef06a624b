//! The built-in "Demo (local sandbox)" project: an `appwrite-sandbox` started inside the app's own
//! process on a free loopback port, seeded with the demo project and kept in the app's data folder.

use appwrite_rest::ApiKey;
use appwrite_sandbox::{Config, Sandbox, Seed};
use std::path::PathBuf;
use tokio::sync::Mutex;

use crate::CommandError;

/// Where and how to reach the running demo server. The key stays in Rust memory.
#[derive(Debug, Clone)]
pub struct DemoConnection {
    pub endpoint: String,
    pub project_id: String,
    pub key: ApiKey,
}

/// The demo server, started on first use.
pub struct Demo {
    data_dir: PathBuf,
    running: Mutex<Option<Sandbox>>,
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
