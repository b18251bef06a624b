//! When and how long to wait before sending an idempotent read again (capped exponential backoff
//! with jitter, `Retry-After`).

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How GET requests are retried. Requests that change something (POST, PATCH, PUT, DELETE) are
/// never retried.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Tries in total, the first one included (1 = no retry).
    pub max_attempts: u32,
    /// Delay before the first retry; doubles for each further retry.
    pub base_delay: Duration,
    /// Upper bound for the computed backoff.
    pub max_delay: Duration,
    /// Upper bound for a server's `Retry-After`.
    pub max_retry_after: Duration,
    /// Randomise each delay within `[delay/2, delay]`.
    pub jitter: bool,
    /// Also retry reads that timed out.
    pub retry_timeouts: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
            retry_timeouts: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets the total number of tries.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the first backoff delay.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the backoff cap.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the cap on `Retry-After`.
    pub fn with_max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Turns jitter on or off.
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The backoff before retry number `retry` (1 for the first retry), before jitter:
    /// `base * 2^(retry-1)`, capped at `max_delay`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        let factor = 1u32 << exp;
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// The delay before retry number `retry`. A server's `Retry-After` wins (capped at
    /// `max_retry_after`); else the backoff, scaled into `[d/2, d]` by `unit` in `[0, 1)` when
    /// jitter is on.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_retry_after);
        }
        let backoff = self.backoff(retry);
        if !self.jitter {
            return backoff;
        }
        let unit = unit.clamp(0.0, 1.0);
        backoff.mul_f64(0.5 + 0.5 * unit)
    }

    /// [`RetryPolicy::delay`] with a random jitter.
    pub(crate) fn delay_random(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let unit: f64 = rand::random();
        self.delay(retry, retry_after, unit)
    }
}

/// `Retry-After` in seconds (HTTP dates are not used by Appwrite and are ignored).
pub(crate) fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    value
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(700),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff(1), Duration::from_millis(100));
        assert_eq!(policy.backoff(2), Duration::from_millis(200));
        assert_eq!(policy.backoff(3), Duration::from_millis(400));
        assert_eq!(policy.backoff(4), Duration::from_millis(700));
        assert_eq!(policy.backoff(200), Duration::from_millis(700));
    }

    #[test]
    fn jitter_stays_within_half_and_full_delay() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.delay(1, None, 0.0), Duration::from_millis(50));
        assert_eq!(policy.delay(1, None, 1.0), Duration::from_millis(100));
        assert_eq!(policy.delay(2, None, 0.5), Duration::from_millis(150));
        for _ in 0..100 {
            let d = policy.delay_random(2, None);
            assert!(d >= Duration::from_millis(100) && d <= Duration::from_millis(200));
        }
        let flat = policy.clone().with_jitter(false);
        assert_eq!(flat.delay(2, None, 0.0), Duration::from_millis(200));
    }

    #[test]
    fn retry_after_wins_but_is_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(2)), 0.3),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(3600)), 0.3),
            Duration::from_secs(30)
        );
    }

    #[test]
    fn retry_after_header_is_read_as_seconds() {
        let mut headers = HeaderMap::new();
        assert_eq!(parse_retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(parse_retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("0.5"));
        assert_eq!(
            parse_retry_after(&headers),
            Some(Duration::from_millis(500))
        );
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(parse_retry_after(&headers), None);
    }

    #[test]
    fn defaults_are_three_tries_and_none_is_one() {
        assert_eq!(RetryPolicy::default().max_attempts, 3);
        assert_eq!(RetryPolicy::none().max_attempts, 1);
        assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts, 1);
    }
}
