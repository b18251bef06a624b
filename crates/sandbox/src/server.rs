//! The shared server state every handler sees, and the middleware that wraps every request
//! (request counting, latency, recording of JSON answers).

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::blobs::Blobs;
use crate::config::Emulation;
use crate::faults::Faults;
use crate::hold::Holds;
use crate::host::Hosts;
use crate::jwt::Signer;
use crate::persist::{Meta, Persister};
use crate::state::Tables;
use crate::{Recorded, Stats};

#[derive(Default)]
pub struct Counters {
    pub requests: AtomicU64,
    pub faults_injected: AtomicU64,
    pub answers_lost: AtomicU64,
    pub rejected: AtomicU64,
    pub tokens_created: AtomicU64,
    pub files_created: AtomicU64,
}

pub struct Shared {
    pub project: String,
    pub emulate: Emulation,
    /// The largest `maximumFileSize` a bucket may be given.
    pub storage_limit: u64,
    pub key: String,
    pub scopes: HashSet<String>,
    pub signer: Signer,
    pub meta: Meta,
    pub tables: Mutex<Tables>,
    pub blobs: Blobs,
    pub persister: Option<Persister>,
    pub access_interval: chrono::Duration,
    pub latency: Duration,
    pub holds: Holds,
    pub faults: Faults,
    pub hosts: Hosts,
    pub record: bool,
    pub recorded: Mutex<Vec<Recorded>>,
    pub counters: Counters,
}

pub type App = Arc<Shared>;

impl Shared {
    pub fn tables(&self) -> MutexGuard<'_, Tables> {
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn saved_buckets(&self) {
        if let Some(p) = &self.persister {
            p.mark_buckets();
        }
    }

    pub fn saved_files(&self, bucket_seq: u64) {
        if let Some(p) = &self.persister {
            p.mark_files(bucket_seq);
        }
    }

    pub fn saved_tokens(&self, bucket_seq: u64) {
        if let Some(p) = &self.persister {
            p.mark_tokens(bucket_seq);
        }
    }

    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        Stats {
            requests: c.requests.load(Ordering::Relaxed),
            faults_injected: c.faults_injected.load(Ordering::Relaxed),
            answers_lost: c.answers_lost.load(Ordering::Relaxed),
            rejected: c.rejected.load(Ordering::Relaxed),
            tokens_created: c.tokens_created.load(Ordering::Relaxed),
            files_created: c.files_created.load(Ordering::Relaxed),
        }
    }

    pub fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Writes every pending change to the data dir (no-op in memory).
    pub async fn flush(&self) {
        if let Some(p) = &self.persister {
            if let Err(e) = p.flush(&self.tables, &self.meta).await {
                tracing::error!(error = %e, "saving the store failed");
            }
        }
    }
}

/// Outermost: every answer, refusals included, is made knowing the version this sandbox reports
/// (error bodies name it).
pub async fn report_version(State(app): State<App>, req: Request, next: Next) -> Response {
    crate::error::reporting(app.emulate.version(), next.run(req)).await
}

/// Counts the request, adds the configured latency and waits while a test holds it back.
pub async fn count_and_delay(State(app): State<App>, req: Request, next: Next) -> Response {
    Shared::count(&app.counters.requests);
    if !app.latency.is_zero() {
        tokio::time::sleep(app.latency).await;
    }
    let held = app.holds.matching(&req);
    crate::hold::wait(held).await;
    next.run(req).await
}

/// The OpenAPI path template of a request (no `/v1`), or its path when no route matched.
pub fn route_template(req: &Request) -> String {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    path.strip_prefix("/v1").unwrap_or(&path).to_string()
}

/// Keeps a copy of every JSON answer of the Storage and Tokens API when recording is on.
pub async fn record(State(app): State<App>, req: Request, next: Next) -> Response {
    if !app.record {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let route = route_template(&req);
    if route.starts_with("/health/") {
        // Not part of the Storage and Tokens API the recorded answers are checked against.
        return next.run(req).await;
    }
    let response = next.run(req).await;
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    app.recorded
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Recorded {
            method,
            route,
            status: parts.status.as_u16(),
            body: value,
        });
    Response::from_parts(parts, Body::from(bytes))
}
