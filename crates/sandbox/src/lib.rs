//! `appwrite-sandbox`: a local Appwrite-compatible Storage and Tokens server, usable in-process
//! (`start(config)` returns a handle with its endpoint) and as the `appwrite-sandbox` binary.
//!
//! It follows `shared/docs/appwrite-api.md`: buckets, files (chunked uploads, Range, previews),
//! file tokens with HS256 secrets, share-link access rules, JSON queries, scopes and Appwrite's
//! error bodies. State lives in memory, or in a data dir with atomic writes.

mod auth;
mod blobs;
pub mod cli;
pub mod config;
mod demo_content;
pub mod error;
mod faults;
mod ids;
mod jwt;
mod mime;
mod model;
mod params;
mod persist;
mod preview;
mod query;
mod routes;
pub mod seed;
mod server;
mod state;
mod time;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{Config, Seed, ALL_SCOPES};
pub use error::SERVER_VERSION;

use crate::blobs::Blobs;
use crate::faults::Faults;
use crate::persist::{Meta, Persister};
use crate::server::{Counters, Shared};
use crate::state::Tables;

/// Counters since start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request received (faulted ones included).
    pub requests: u64,
    pub faults_injected: u64,
    pub tokens_created: u64,
    /// Files whose upload completed.
    pub files_created: u64,
}

/// One JSON answer, kept when `Config::record_responses` is on.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The OpenAPI path template, e.g. `/storage/buckets/{bucketId}/files/{fileId}` (no `/v1`);
    /// the request path when no route matched.
    pub route: String,
    pub status: u16,
    pub body: serde_json::Value,
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot open the data dir: {0}")]
    Store(std::io::Error),
}

/// A running sandbox. The server stops when [`Sandbox::shutdown`] is called or the handle is dropped.
pub struct Sandbox {
    app: Arc<Shared>,
    addr: SocketAddr,
    endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// `http://127.0.0.1:PORT/v1`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn project_id(&self) -> &str {
        &self.app.project
    }

    pub fn api_key(&self) -> &str {
        &self.app.key
    }

    /// The HMAC key that signs token secrets (for tests that check a secret's signature).
    pub fn token_signing_key(&self) -> &str {
        &self.app.meta.jwt_secret
    }

    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// The JSON answers recorded since the last call (needs `Config::record_responses`).
    pub fn take_recorded(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.app.recorded.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Stops accepting requests, lets running ones finish (up to 5 s) and saves pending changes.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
        self.app.flush().await;
        tracing::info!("appwrite sandbox stopped");
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn random_hex(len: usize) -> String {
    (0..len.div_ceil(20))
        .map(|_| ids::generate())
        .collect::<String>()[..len]
        .to_string()
}

/// A new API key, shaped like Appwrite's: `standard_` and 128 hex characters.
fn generate_key() -> String {
    format!("standard_{}", random_hex(128))
}

struct Store {
    meta: Meta,
    state: Tables,
    blobs: Blobs,
    persister: Option<Persister>,
}

async fn open_store(config: &Config) -> Result<Store, StartError> {
    let Some(dir) = config.data_dir.clone() else {
        let mut state = Tables::new();
        let blobs = Blobs::memory();
        if config.seed == Seed::Demo {
            for (b, f, data) in seed::demo(&mut state) {
                blobs
                    .put(b, f, data.into())
                    .await
                    .map_err(StartError::Store)?;
            }
        }
        let meta = Meta {
            format: 1,
            generated_key: None,
            jwt_secret: random_hex(64),
            next_seq: state.next_seq,
        };
        return Ok(Store {
            meta,
            state,
            blobs,
            persister: None,
        });
    };
    let seed_kind = config.seed;
    let want_key = config.key.is_none();
    let load_dir = dir.clone();
    let (meta, state) = tokio::task::spawn_blocking(move || -> std::io::Result<(Meta, Tables)> {
        std::fs::create_dir_all(&load_dir)?;
        if let Some((mut meta, state)) = persist::load(&load_dir)? {
            if want_key && meta.generated_key.is_none() {
                meta.generated_key = Some(generate_key());
                persist::write_atomic(
                    &load_dir.join("meta.json"),
                    &serde_json::to_vec_pretty(&meta)?,
                )?;
            }
            tracing::info!(dir = %load_dir.display(), "opened existing store");
            return Ok((meta, state));
        }
        let mut state = Tables::new();
        let mut blobs = Vec::new();
        if seed_kind == Seed::Demo {
            blobs = seed::demo(&mut state);
        }
        for (b, f, data) in blobs {
            let path = load_dir
                .join("blobs")
                .join(b.to_string())
                .join(f.to_string());
            persist::write_atomic(&path, &data)?;
        }
        let meta = Meta {
            format: 1,
            generated_key: want_key.then(generate_key),
            jwt_secret: random_hex(64),
            next_seq: state.next_seq,
        };
        // meta.json is written last: until it exists the store counts as new.
        persist::save_all(&load_dir, &state, &meta)?;
        tracing::info!(dir = %load_dir.display(), seed = ?seed_kind, "created new store");
        Ok((meta, state))
    })
    .await
    .map_err(|e| StartError::Store(std::io::Error::other(e)))?
    .map_err(StartError::Store)?;
    Ok(Store {
        meta,
        state,
        blobs: Blobs::Disk(dir.clone()),
        persister: Some(Persister::new(dir)),
    })
}

/// Opens or seeds the store, binds, spawns the server task and returns once it is listening.
pub async fn start(config: Config) -> Result<Sandbox, StartError> {
    if !(0.0..=1.0).contains(&config.fault_rate) {
        return Err(StartError::Config(format!(
            "fault rate must be between 0 and 1, got {}",
            config.fault_rate
        )));
    }
    if !ids::is_valid(&config.project) {
        return Err(StartError::Config(format!(
            "invalid project id `{}`",
            config.project
        )));
    }
    let scopes: HashSet<String> = match &config.scopes {
        Some(list) => list
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
    };
    let store = open_store(&config).await?;
    let key = config
        .key
        .clone()
        .or_else(|| store.meta.generated_key.clone())
        .unwrap_or_else(generate_key);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind {
        addr: config.listen,
        source,
    })?;
    let endpoint = format!("http://{addr}/v1");

    let app = Arc::new(Shared {
        project: config.project.clone(),
        key,
        scopes,
        signer: jwt::Signer::new(&store.meta.jwt_secret),
        meta: store.meta,
        tables: Mutex::new(store.state),
        blobs: store.blobs,
        persister: store.persister,
        access_interval: chrono::Duration::from_std(config.access_interval)
            .unwrap_or(chrono::Duration::MAX),
        latency: config.latency,
        faults: Faults::new(config.fault_rate, config.fault_seed, config.retry_after),
        record: config.record_responses,
        recorded: Mutex::new(Vec::new()),
        counters: Counters::default(),
    });

    let flusher = app.persister.as_ref().map(|_| {
        let app = app.clone();
        tokio::spawn(async move {
            loop {
                if let Some(p) = &app.persister {
                    p.changed().await;
                }
                // Debounce: gather a burst of changes into one write per table.
                tokio::time::sleep(Duration::from_millis(25)).await;
                app.flush().await;
            }
        })
    });

    let (stop, stopped) = oneshot::channel::<()>();
    let router = routes::router(app.clone());
    let server_app = app.clone();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
        if let Some(f) = flusher {
            f.abort();
        }
        server_app.flush().await;
    });
    tracing::info!(%endpoint, project = %config.project, "appwrite sandbox listening");
    Ok(Sandbox {
        app,
        addr,
        endpoint,
        stop: Some(stop),
        task: Some(task),
    })
}
