//! Fault injection: a seedable share of API requests is answered, before it is processed, with
//! 503, 429 + `Retry-After`, or a dropped connection; and a share of changes (POST, PUT, PATCH,
//! DELETE) is carried out and then loses its answer: the connection closes before any byte of
//! it. File content routes (view, download, preview: what share links open) and CORS
//! preflights are never faulted.

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
            lost_rate: AtomicU64::new(lost_rate.clamp(0.0, 1.0).to_bits()),
            retry_after,
            rng: Mutex::new(rng),
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

/// Middleware: injects a fault before the request reaches its handler, or loses the answer of a
/// change after its handler has run.
pub async fn inject(State(app): State<App>, req: Request, next: Next) -> Response {
    if !is_faultable(&req) {
        return next.run(req).await;
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
