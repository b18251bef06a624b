//! Requests a test holds back until it lets them go (`Sandbox::hold_requests`), so that one kind
//! of request answers after another whatever the machine's speed: e.g. a bucket's folder walk
//! after a folder's first page of files.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use tokio::sync::watch;

/// One hold: the texts a request must all contain, and whether it is let go.
pub struct Hold {
    matching: Vec<String>,
    open: watch::Sender<bool>,
    held: AtomicU64,
}

impl Hold {
    /// How many requests it has held back so far.
    pub fn held(&self) -> u64 {
        self.held.load(Ordering::Relaxed)
    }
}

/// The holds in force.
#[derive(Default)]
pub struct Holds(Mutex<Vec<Arc<Hold>>>);

impl Holds {
    fn list(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Hold>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Holds back every request whose method, path and decoded query contain each of `matching`.
    pub fn add(&self, matching: Vec<String>) -> Arc<Hold> {
        let hold = Arc::new(Hold {
            matching,
            open: watch::channel(false).0,
            held: AtomicU64::new(0),
        });
        self.list().push(hold.clone());
        hold
    }

    /// Lets the requests `hold` holds go, and the next ones through.
    pub fn release(&self, hold: &Arc<Hold>) {
        self.list().retain(|h| !Arc::ptr_eq(h, hold));
        hold.open.send_replace(true);
    }

    /// The holds in force that match `req` (none, at once, when no hold is in force).
    pub fn matching(&self, req: &Request) -> Vec<Arc<Hold>> {
        let holds = self.list();
        if holds.is_empty() {
            return Vec::new();
        }
        let text = request_text(req);
        holds
            .iter()
            .filter(|h| h.matching.iter().all(|m| text.contains(m.as_str())))
            .cloned()
            .collect()
    }
}

/// Waits until every one of `holds` is released.
pub async fn wait(holds: Vec<Arc<Hold>>) {
    for hold in holds {
        let mut open = hold.open.subscribe();
        hold.held.fetch_add(1, Ordering::Relaxed);
        // An error means the hold is gone: nothing to wait for.
        let _ = open.wait_for(|open| *open).await;
    }
}

/// `GET /v1/storage/buckets/b/files?queries[0]={"method":"notEqual",…}`: the method, path and
/// query with its values percent-decoded.
fn request_text(req: &Request) -> String {
    let uri = req.uri();
    let mut text = format!("{} {}", req.method(), uri.path());
    if let Some(query) = uri.query() {
        text.push('?');
        for (i, (key, value)) in url::form_urlencoded::parse(query.as_bytes()).enumerate() {
            if i > 0 {
                text.push('&');
            }
            text.push_str(&format!("{key}={value}"));
        }
    }
    text
}
