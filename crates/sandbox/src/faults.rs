//! Fault injection: a seedable share of API requests is answered, before it is processed, with
//! 503, 429 + `Retry-After`, or a dropped connection; and a share of changes (POST, PUT, PATCH,
//! DELETE) is carried out and then loses its answer: the connection closes before any byte of
//! it. File content routes (view, download, preview: what share links open) and CORS
//! preflights are never faulted that way. Three behaviours of some servers can be asked for too:
//! upload chunks refused unless they come in order, whole-file content answers broken off
//! after a number of bytes (a dropped download; a `Range` request is answered whole), and
//! content answers that stop after a number of bytes and hold the connection (a stalled
//! download, released when the sandbox stops). Upload chunks after a file's first can be held
//! unanswered while the test running the sandbox says so, and are then dropped, never carried out.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::error::ApiError;
use crate::server::{route_template, App, Shared};

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 503 with an error body.
    Unavailable,
    /// 429 `general_rate_limit_exceeded` with `Retry-After`.
    RateLimited,
    /// The connection is closed before a complete answer is sent.
    Dropped,
}

pub struct Faults {
    rate: f64,
    /// Refuse an upload chunk that is not the one the file waits for.
    in_order_chunks: bool,
    /// Break off whole-file content answers after this many bytes.
    cut_content_after: Option<u64>,
    /// Hold content answers after this many bytes.
    stall_content_after: Option<u64>,
    /// Set when the sandbox stops: stalled answers end then.
    stopping: tokio::sync::watch::Sender<bool>,
    /// While set, upload chunks after a file's first wait, then are dropped unanswered.
    holding_chunks: tokio::sync::watch::Sender<bool>,
    /// Share of changes whose answer is lost, as `f64` bits (changeable while running).
    lost_rate: AtomicU64,
    retry_after: Duration,
    rng: Mutex<StdRng>,
}

impl Faults {
    pub fn new(rate: f64, lost_rate: f64, seed: Option<u64>, retry_after: Duration) -> Self {
        let rng = match seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Faults {
            rate: rate.clamp(0.0, 1.0),
            in_order_chunks: false,
            cut_content_after: None,
            stall_content_after: None,
            stopping: tokio::sync::watch::Sender::new(false),
            holding_chunks: tokio::sync::watch::Sender::new(false),
            lost_rate: AtomicU64::new(lost_rate.clamp(0.0, 1.0).to_bits()),
            retry_after,
            rng: Mutex::new(rng),
        }
    }

    /// Refuses upload chunks sent before their turn (see `Config::in_order_chunks`).
    pub fn with_chunk_order(mut self, in_order: bool) -> Self {
        self.in_order_chunks = in_order;
        self
    }

    /// Breaks off whole-file content answers after `bytes` (see `Config::cut_content_after`).
    pub fn with_content_cut(mut self, bytes: Option<u64>) -> Self {
        self.cut_content_after = bytes;
        self
    }

    /// Holds content answers after `bytes` (see `Config::stall_content_after`).
    pub fn with_content_stall(mut self, bytes: Option<u64>) -> Self {
        self.stall_content_after = bytes;
        self
    }

    /// Ends every stalled answer (the sandbox is stopping: its connections must close).
    pub fn release_stalls(&self) {
        self.stopping.send_replace(true);
    }

    /// Holds upload chunks after a file's first (`true`), or lets the next ones through (those
    /// held are then dropped, never carried out).
    pub fn hold_chunks(&self, on: bool) {
        self.holding_chunks.send_replace(on);
    }

    /// Waits while chunks are held (or until the sandbox stops).
    async fn wait_while_held(&self) {
        let mut held = self.holding_chunks.subscribe();
        let mut stopping = self.stopping.subscribe();
        tokio::select! {
            _ = held.wait_for(|on| !*on) => {}
            _ = stopping.wait_for(|stop| *stop) => {}
        }
    }

    pub fn set_lost_rate(&self, rate: f64) {
        self.lost_rate
            .store(rate.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
    }

    /// Draws whether the answer to a change that was just carried out is lost.
    fn draw_lost(&self) -> bool {
        let rate = f64::from_bits(self.lost_rate.load(Ordering::Relaxed));
        if rate <= 0.0 {
            return false;
        }
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        rng.random::<f64>() < rate
    }

    /// Draws whether (and how) to fault the next request.
    pub fn draw(&self) -> Option<Fault> {
        if self.rate <= 0.0 {
            return None;
        }
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        if rng.random::<f64>() >= self.rate {
            return None;
        }
        Some(match rng.random_range(0..3) {
            0 => Fault::Unavailable,
            1 => Fault::RateLimited,
            _ => Fault::Dropped,
        })
    }

    fn answer(&self, fault: Fault) -> Response {
        match fault {
            Fault::Unavailable => ApiError::new(
                503,
                "general_server_error",
                "Service unavailable (fault injected by the sandbox).",
            )
            .into_response(),
            Fault::RateLimited => {
                let mut r = ApiError::new(
                    429,
                    "general_rate_limit_exceeded",
                    "Rate limit for the current endpoint has been exceeded. Please try again after some time.",
                )
                .into_response();
                let secs = self.retry_after.as_secs_f64().ceil().max(0.0) as u64;
                if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                r
            }
            Fault::Dropped => {
                // Promise a body, then fail it: hyper closes the connection mid-answer.
                let stream = futures_util::stream::once(async {
                    Err::<Bytes, std::io::Error>(std::io::Error::other("fault: dropped connection"))
                });
                let mut r = Response::new(Body::from_stream(stream));
                r.headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from_static("4096"));
                r
            }
        }
    }
}

fn is_faultable(req: &Request) -> bool {
    if req.method() == Method::OPTIONS {
        return false;
    }
    let route = route_template(req);
    let api = route.starts_with("/storage/") || route.starts_with("/tokens/");
    let content =
        route.ends_with("/view") || route.ends_with("/download") || route.ends_with("/preview");
    api && !content
}

fn is_change(req: &Request) -> bool {
    matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// A whole-file view or download (no `Range`), whose answer a content cut breaks off.
fn is_whole_content(req: &Request) -> bool {
    let route = route_template(req);
    req.method() == Method::GET
        && (route.ends_with("/view") || route.ends_with("/download"))
        && !req.headers().contains_key(header::RANGE)
}

/// A view or download, `Range` or not, whose answer a content stall holds.
fn is_content(req: &Request) -> bool {
    let route = route_template(req);
    req.method() == Method::GET && (route.ends_with("/view") || route.ends_with("/download"))
}

/// Where an upload chunk starts in its file (`None`: not an upload chunk).
fn chunk_start(req: &Request) -> Option<u64> {
    if req.method() != Method::POST || !route_template(req).ends_with("/buckets/{bucketId}/files") {
        return None;
    }
    let range = req.headers().get(header::CONTENT_RANGE)?.to_str().ok()?;
    range
        .trim()
        .strip_prefix("bytes ")?
        .split('-')
        .next()?
        .trim()
        .parse()
        .ok()
}

/// The refusal of an upload chunk that is not the one its file waits for (the first chunk, or
/// the next after those received), when chunks must come in order.
fn out_of_order(app: &App, req: &Request) -> Option<Response> {
    let start = chunk_start(req)?;
    let index = start / crate::model::CHUNK_SIZE;
    let bucket_id = req.uri().path().split('/').rev().nth(1)?.to_owned();
    let file_id = req
        .headers()
        .get("x-appwrite-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    let expected = {
        let t = app.tables();
        let bucket = t.bucket(&bucket_id)?;
        file_id
            .and_then(|id| t.file_table(bucket.seq)?.get(id))
            .map_or(0, |f| f.received.len() as u64)
    };
    (index != expected).then(|| {
        ApiError::new(
            400,
            "storage_invalid_content_range",
            "The content range is invalid. Please verify the content range and try again.",
        )
        .into_response()
    })
}

/// Breaks the body off after `limit` bytes: the rest of what the headers promise never comes.
fn cut_after(response: Response, limit: u64) -> Response {
    use futures_util::StreamExt;
    let (parts, body) = response.into_parts();
    let mut left = limit;
    let stream = body.into_data_stream().flat_map(move |chunk| {
        let pieces: Vec<Result<Bytes, std::io::Error>> = match chunk {
            Ok(_) if left == 0 => vec![Err(std::io::Error::other("fault: download cut"))],
            Ok(bytes) if (bytes.len() as u64) < left => {
                left -= bytes.len() as u64;
                vec![Ok(bytes)]
            }
            Ok(bytes) => {
                let head = bytes.slice(..left as usize);
                left = 0;
                vec![Ok(head), Err(std::io::Error::other("fault: download cut"))]
            }
            Err(e) => vec![Err(std::io::Error::other(e))],
        };
        futures_util::stream::iter(pieces)
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

/// Sends the first `limit` bytes of the body, then holds the rest back until `release` says the
/// sandbox is stopping (the connection then fails, as a broken one does). A body no longer than
/// `limit` is sent whole.
fn stall_after(
    response: Response,
    limit: u64,
    release: tokio::sync::watch::Receiver<bool>,
) -> Response {
    use futures_util::StreamExt;
    struct Sending {
        data: axum::body::BodyDataStream,
        left: u64,
        release: tokio::sync::watch::Receiver<bool>,
        /// Bytes are held back: the next poll waits.
        held: bool,
        ended: bool,
    }
    let (parts, body) = response.into_parts();
    let start = Sending {
        data: body.into_data_stream(),
        left: limit,
        release,
        held: false,
        ended: false,
    };
    let stream = futures_util::stream::unfold(start, |mut s| async move {
        if s.ended {
            return None;
        }
        if !s.held {
            match s.data.next().await {
                None => return None,
                Some(Err(e)) => {
                    s.ended = true;
                    return Some((Err(std::io::Error::other(e)), s));
                }
                Some(Ok(bytes)) if s.left > 0 => {
                    let take = s.left.min(bytes.len() as u64);
                    s.left -= take;
                    s.held = take < bytes.len() as u64;
                    return Some((Ok(bytes.slice(..take as usize)), s));
                }
                Some(Ok(_)) => s.held = true,
            }
        }
        // Whatever comes of the wait (a stop, or the sandbox gone), the answer ends broken.
        let _ = s.release.wait_for(|stopping| *stopping).await;
        s.ended = true;
        Some((
            Err(std::io::Error::other("fault: stalled download released")),
            s,
        ))
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

/// Middleware: injects a fault before the request reaches its handler, or loses the answer of a
/// change after its handler has run; refuses chunks out of order and cuts downloads when asked.
pub async fn inject(State(app): State<App>, req: Request, next: Next) -> Response {
    if let Some(limit) = app.faults.stall_content_after {
        if is_content(&req) {
            let response = next.run(req).await;
            if response.status().is_success() {
                return stall_after(response, limit, app.faults.stopping.subscribe());
            }
            return response;
        }
    }
    if let Some(limit) = app.faults.cut_content_after {
        if is_whole_content(&req) {
            let response = next.run(req).await;
            if response.status().is_success() {
                return cut_after(response, limit);
            }
            return response;
        }
    }
    if *app.faults.holding_chunks.borrow() && chunk_start(&req).is_some_and(|start| start > 0) {
        app.faults.wait_while_held().await;
        // Whether its client is still there or not, what the server holds stays as it was.
        return app.faults.answer(Fault::Dropped);
    }
    if !is_faultable(&req) {
        return next.run(req).await;
    }
    if app.faults.in_order_chunks {
        if let Some(refusal) = out_of_order(&app, &req) {
            return refusal;
        }
    }
    if let Some(fault) = app.faults.draw() {
        Shared::count(&app.counters.faults_injected);
        tracing::debug!(?fault, path = %req.uri().path(), "injecting fault");
        return app.faults.answer(fault);
    }
    let change = is_change(&req).then(|| req.uri().path().to_string());
    let response = next.run(req).await;
    match change {
        Some(path) if app.faults.draw_lost() => {
            Shared::count(&app.counters.answers_lost);
            tracing::debug!(%path, status = response.status().as_u16(), "losing the answer");
            // The body fails before its first byte, so the head is never sent either.
            app.faults.answer(Fault::Dropped)
        }
        _ => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults() {
        let draws = |seed| {
            let f = Faults::new(0.5, 0.0, Some(seed), Duration::from_secs(1));
            (0..200).map(|_| f.draw()).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        let faults = draws(7).iter().filter(|f| f.is_some()).count();
        assert!((60..140).contains(&faults), "{faults}");
    }

    #[test]
    fn zero_rate_never_faults() {
        let f = Faults::new(0.0, 0.0, Some(1), Duration::from_secs(1));
        assert!((0..100).all(|_| f.draw().is_none() && !f.draw_lost()));
        f.set_lost_rate(1.0);
        assert!((0..100).all(|_| f.draw().is_none() && f.draw_lost()));
    }
}
