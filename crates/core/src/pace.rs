//! How many requests run at once against one server: up to a maximum, halved when the server
//! says it is overloaded (429, 503) and paused for as long as its `Retry-After` asks, then grown
//! back by one after each run of successes as long as the limit (additive increase,
//! multiplicative decrease). Bulk links, uploads, downloads and deletes all go through one.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// The most requests the app sends at once to one server.
pub const MAX_IN_FLIGHT: usize = 16;

/// The pause after an overload answer that did not say how long to wait.
pub const DEFAULT_PAUSE: Duration = Duration::from_millis(500);

/// The longest pause a server's `Retry-After` may impose on one request.
pub const MAX_PAUSE: Duration = Duration::from_secs(60);

#[derive(Debug)]
struct State {
    limit: usize,
    in_flight: usize,
    /// Bumped at every decrease: overloads of requests started before it were already counted.
    epoch: u64,
    /// Successes since the limit last changed.
    streak: usize,
    paused_until: Option<Instant>,
}

/// A concurrency limit shared by the requests of one job (or one server).
#[derive(Debug)]
pub struct AdaptiveLimit {
    max: usize,
    state: Mutex<State>,
    changed: Notify,
}

impl AdaptiveLimit {
    /// A limit starting at `initial` requests at once, never above `max` (both at least 1).
    pub fn new(initial: usize, max: usize) -> Arc<Self> {
        let max = max.max(1);
        Arc::new(AdaptiveLimit {
            max,
            state: Mutex::new(State {
                limit: initial.clamp(1, max),
                in_flight: 0,
                epoch: 0,
                streak: 0,
                paused_until: None,
            }),
            changed: Notify::new(),
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many requests may run at once now.
    pub fn limit(&self) -> usize {
        self.state().limit
    }

    /// The most it may grow to.
    pub fn max(&self) -> usize {
        self.max
    }

    /// How many requests hold a permit now.
    pub fn in_flight(&self) -> usize {
        self.state().in_flight
    }

    /// Waits until a request may start (fewer than the limit in flight, and no pause asked for
    /// by the server in force), and takes a place.
    pub async fn acquire(self: &Arc<Self>) -> Permit {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wait = {
                let mut state = self.state();
                let now = Instant::now();
                match state.paused_until {
                    Some(until) if until > now => Some(until - now),
                    _ => {
                        state.paused_until = None;
                        if state.in_flight < state.limit {
                            state.in_flight += 1;
                            return Permit {
                                limit: self.clone(),
                                epoch: state.epoch,
                            };
                        }
                        None
                    }
                }
            };
            match wait {
                Some(wait) => {
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = &mut notified => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    fn release(&self) {
        let mut state = self.state();
        state.in_flight = state.in_flight.saturating_sub(1);
        drop(state);
        self.changed.notify_waiters();
    }
}

/// A place among the requests in flight; given back when dropped. Tell it how the request went
/// with [`Permit::success`] or [`Permit::overloaded`]; any other outcome leaves the limit as it
/// is.
#[derive(Debug)]
pub struct Permit {
    limit: Arc<AdaptiveLimit>,
    epoch: u64,
}

impl Permit {
    /// The request succeeded: after as many successes in a row as the limit, it grows by one.
    pub fn success(self) {
        let mut state = self.limit.state();
        state.streak += 1;
        if state.streak >= state.limit && state.limit < self.limit.max {
            state.limit += 1;
            state.streak = 0;
        }
    }

    /// The server said it is overloaded (429 or 503): the limit halves (once for all the
    /// requests that were already in flight when it happened) and no request starts before
    /// `retry_after` (or [`DEFAULT_PAUSE`] when the server did not say) has passed.
    pub fn overloaded(self, retry_after: Option<Duration>) {
        let mut state = self.limit.state();
        if self.epoch == state.epoch {
            state.limit = (state.limit / 2).max(1);
            state.epoch += 1;
            state.streak = 0;
        }
        let pause = retry_after.unwrap_or(DEFAULT_PAUSE).min(MAX_PAUSE);
        let until = Instant::now() + pause;
        if state.paused_until.is_none_or(|current| current < until) {
            state.paused_until = Some(until);
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.limit.release();
    }
}

/// Whether `error` is the server saying it is overloaded: 429 (rate limit) or 503.
pub fn is_overload(error: &appwrite_rest::Error) -> bool {
    matches!(error.status(), Some(429 | 503))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn halves_once_per_overload_and_grows_back_one_at_a_time() {
        let limit = AdaptiveLimit::new(16, 16);
        let permits: Vec<Permit> =
            futures_util::future::join_all((0..16).map(|_| limit.acquire())).await;
        assert_eq!(limit.in_flight(), 16);
        // Every request in flight comes back 429: one decrease, not sixteen.
        for permit in permits {
            permit.overloaded(Some(Duration::from_secs(2)));
        }
        assert_eq!(limit.limit(), 8);
        // Eight successes at 8 grow it to 9, nine more to 10.
        for _ in 0..8 {
            limit.acquire().await.success();
        }
        assert_eq!(limit.limit(), 9);
        for _ in 0..9 {
            limit.acquire().await.success();
        }
        assert_eq!(limit.limit(), 10);
        // Never above the maximum, never below one.
        for _ in 0..500 {
            limit.acquire().await.success();
        }
        assert_eq!(limit.limit(), 16);
        for _ in 0..10 {
            limit.acquire().await.overloaded(Some(Duration::ZERO));
        }
        assert_eq!(limit.limit(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn no_request_starts_before_retry_after_has_passed() {
        let limit = AdaptiveLimit::new(4, 16);
        let started = Instant::now();
        limit
            .acquire()
            .await
            .overloaded(Some(Duration::from_secs(3)));
        drop(limit.acquire().await);
        assert!(
            started.elapsed() >= Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        // A later, shorter Retry-After never shortens a pause already in force.
        let again = Instant::now();
        let a = limit.acquire().await;
        a.overloaded(Some(Duration::from_secs(5)));
        let b = limit.acquire().await;
        let elapsed = again.elapsed();
        assert!(elapsed >= Duration::from_secs(5), "{elapsed:?}");
        b.overloaded(Some(Duration::from_millis(10)));
    }

    #[tokio::test(start_paused = true)]
    async fn waits_for_a_place_when_the_limit_is_reached() {
        let limit = AdaptiveLimit::new(2, 2);
        let a = limit.acquire().await;
        let _b = limit.acquire().await;
        let waiting = tokio::spawn({
            let limit = limit.clone();
            async move { limit.acquire().await.success() }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        drop(a);
        waiting.await.unwrap();
        assert_eq!(limit.in_flight(), 1);
    }
}
