//! The harness's one poll-with-deadline loop: ask again every 50 ms until the answer is there or
//! the time is up, and then say what was awaited and what was seen last.

use std::future::Future;
use std::time::{Duration, Instant};

/// How long the loop waits between two probes.
pub const POLL: Duration = Duration::from_millis(50);

/// Runs `probe` until it answers `Ok(value)`, and returns that value; probes at least once, then
/// every [`POLL`] for `timeout`. `Err(seen)` means "not yet": the last `seen` goes into the error
/// `timed out after {timeout} waiting for {what}; last seen: {seen}`. A probe that meets a failure
/// no waiting can mend panics, as the tests do.
pub async fn until<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> Result<T, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        let seen = match probe().await {
            Ok(value) => return Ok(value),
            Err(seen) => seen,
        };
        if Instant::now() >= deadline {
            return Err(format!(
                "timed out after {timeout:?} waiting for {what}; last seen: {seen}"
            ));
        }
        tokio::time::sleep(POLL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn returns_the_first_ready_answer() {
        let probes = &AtomicUsize::new(0);
        let answer = until("the third probe", Duration::from_secs(20), || async move {
            match probes.fetch_add(1, Ordering::SeqCst) {
                n if n < 2 => Err(format!("probe {n}")),
                n => Ok(n),
            }
        })
        .await;
        assert_eq!(answer, Ok(2));
    }

    #[tokio::test]
    async fn says_what_it_waited_for_and_what_it_saw_last() {
        let probes = &AtomicUsize::new(0);
        let error = until::<(), _, _>("the moon", Duration::ZERO, || async move {
            Err(format!("probe {}", probes.fetch_add(1, Ordering::SeqCst)))
        })
        .await
        .unwrap_err();
        assert_eq!(
            probes.load(Ordering::SeqCst),
            1,
            "probed once, at the deadline"
        );
        assert_eq!(
            error,
            "timed out after 0ns waiting for the moon; last seen: probe 0"
        );
    }
}
