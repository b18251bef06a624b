//! `appwrite-sandbox`: a local Appwrite-compatible Storage and Tokens server, usable in-process
//! (`start(config)` returns a handle with its endpoint) and as the `appwrite-sandbox` binary.
//!
//! It follows `shared/docs/appwrite-api.md`: buckets, files (chunked uploads, Range, previews),
//! file tokens with HS256 secrets, share-link access rules, JSON queries, scopes and Appwrite's
//! error bodies. State lives in memory, or in a data dir with atomic writes.

mod auth;
mod blobs;
pub mod cli;
mod cold;
pub mod config;
mod demo_content;
pub mod error;
mod faults;
mod folder;
mod hold;
mod host;
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
mod store;
mod time;
mod writer;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{Config, Emulation, Seed, ALL_SCOPES};

use crate::faults::Faults;
use crate::host::Hosts;
use crate::server::{Counters, Shared};
use crate::writer::Writer;

/// Counters since start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request answered by the API (faulted ones included, refused ones not).
    pub requests: u64,
    /// Requests answered with an injected fault before they were carried out.
    pub faults_injected: u64,
    /// Changes carried out whose answer was then lost (see `Config::lost_answer_rate`).
    pub answers_lost: u64,
    /// Requests refused, untouched, because they were addressed to another host.
    pub rejected: u64,
    pub tokens_created: u64,
    /// Files whose upload completed.
    pub files_created: u64,
}

/// One JSON answer, kept when `Config::record_responses` is on (health answers are not kept: they
/// are outside the Storage and Tokens API).
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

/// A running sandbox. The server stops when [`Sandbox::shutdown`] is called or the handle is
/// dropped.
pub struct Sandbox {
    app: Arc<Shared>,
    addr: SocketAddr,
    endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    writer: Option<Writer>,
}

impl Sandbox {
    /// `http://127.0.0.1:PORT/v1`: the listening address, or loopback when listening on all
    /// addresses (the name a client on this machine reaches it by).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Appwrite server this sandbox answers as.
    pub fn emulation(&self) -> Emulation {
        self.app.emulate
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

    /// Changes the share (0.0..=1.0) of changes whose answer is lost, from the next request on
    /// (see [`Config::lost_answer_rate`]).
    ///
    /// # Panics
    /// When `rate` is not within 0.0..=1.0.
    pub fn set_lost_answer_rate(&self, rate: f64) {
        assert!(
            (0.0..=1.0).contains(&rate),
            "lost answer rate must be between 0 and 1, got {rate}"
        );
        self.app.faults.set_lost_rate(rate);
    }

    /// Holds every upload chunk after a file's first unanswered (`true`: the file exists, the
    /// rest of it waits), or lets the next ones through (`false`): those held are then dropped
    /// unanswered and never carried out, so the file stays as it was (a client still waiting
    /// sees a broken connection). For stopping uploads in the middle at a moment a test chooses.
    pub fn hold_upload_chunks(&self, on: bool) {
        self.app.faults.hold_chunks(on);
    }

    /// Holds back every request whose method, path and percent-decoded query contain each of
    /// `matching` (e.g. `["/files?", "notEqual"]`: a bucket's folder walk), until the answer is
    /// released or dropped. For tests where one request must answer after another whatever the
    /// machine's speed; requests that arrive before this call are not held.
    pub fn hold_requests(&self, matching: &[&str]) -> HeldRequests {
        let hold = self
            .app
            .holds
            .add(matching.iter().map(|m| m.to_string()).collect());
        HeldRequests {
            app: self.app.clone(),
            hold,
        }
    }

    /// Stops accepting requests, lets running ones finish (up to 5 s), then returns once every
    /// change answered so far is on disk (no write is left half done).
    pub async fn shutdown(mut self) {
        self.app.faults.release_stalls();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
            {
                tracing::warn!("requests still running after 5 s are cut off");
                task.abort();
            }
        }
        if let Some(writer) = self.writer.take() {
            writer.stop().await;
        }
        tracing::info!("appwrite sandbox stopped");
    }
}

impl Drop for Sandbox {
    /// Stops the server; once its running requests are done, the writer saves what is pending
    /// (in the background, while the runtime lives).
    fn drop(&mut self) {
        self.app.faults.release_stalls();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let (Some(task), Some(writer)) = (self.task.take(), self.writer.take()) else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = task.await;
                writer.stop().await;
            });
        }
    }
}

/// Requests held back by [`Sandbox::hold_requests`]; released by [`HeldRequests::release`] or
/// when dropped.
pub struct HeldRequests {
    app: Arc<Shared>,
    hold: Arc<hold::Hold>,
}

impl HeldRequests {
    /// How many requests have been held back so far (released ones included).
    pub fn held(&self) -> u64 {
        self.hold.held()
    }

    /// Lets the held requests go on, and the next matching ones through.
    pub fn release(self) {}
}

impl Drop for HeldRequests {
    fn drop(&mut self) {
        self.app.holds.release(&self.hold);
    }
}

/// Opens or seeds the store, binds, spawns the server task and returns once it is listening.
pub async fn start(config: Config) -> Result<Sandbox, StartError> {
    for (what, rate) in [
        ("fault rate", config.fault_rate),
        ("lost answer rate", config.lost_answer_rate),
    ] {
        if !(0.0..=1.0).contains(&rate) {
            return Err(StartError::Config(format!(
                "{what} must be between 0 and 1, got {rate}"
            )));
        }
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
    let store = store::open(&config).await?;
    let key = config
        .key
        .clone()
        .or_else(|| store.meta.generated_key.clone())
        .unwrap_or_else(store::generate_key);
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
    let reached_at = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv4Addr::LOCALHOST, addr.port()))
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, addr.port()))
        }
        _ => addr,
    };
    let endpoint = format!("http://{reached_at}/v1");
    let hosts = if config.allow_any_host {
        Hosts::Any
    } else {
        if !addr.ip().is_loopback() {
            tracing::warn!(
                %addr,
                "only requests addressed to 127.0.0.1 or localhost are answered; \
                 allow any host (--allow-any-host) to answer other names"
            );
        }
        Hosts::loopback(addr)
    };

    let app = Arc::new(Shared {
        project: config.project.clone(),
        emulate: config.emulate,
        storage_limit: config.storage_limit,
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
        holds: Default::default(),
        faults: Faults::new(
            config.fault_rate,
            config.lost_answer_rate,
            config.fault_seed,
            config.retry_after,
        )
        .with_chunk_order(config.in_order_chunks)
        .with_content_cut(config.cut_content_after)
        .with_content_stall(config.stall_content_after),
        hosts,
        record: config.record_responses,
        recorded: Mutex::new(Vec::new()),
        counters: Counters::default(),
    });

    let writer = Writer::spawn(&app);
    let (stop, stopped) = oneshot::channel::<()>();
    let router = routes::router(app.clone(), config.cors);
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    tracing::info!(
        %endpoint,
        project = %config.project,
        version = config.emulate.version(),
        "appwrite sandbox listening"
    );
    Ok(Sandbox {
        app,
        addr,
        endpoint,
        stop: Some(stop),
        task: Some(task),
        writer,
    })
}
