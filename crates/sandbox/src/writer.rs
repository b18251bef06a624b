//! The debounced writer of a data dir: after a change it waits a moment, so that a burst of
//! changes becomes one write per table, then saves. Stopping it is a request, not an abort: it
//! finishes the write under way, saves what is still pending, and only then reports done.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::server::App;

/// How long the writer gathers changes before it saves them.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// The running writer task.
pub struct Writer {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Writer {
    /// Starts saving `app`'s changes; `None` for an in-memory sandbox.
    pub fn spawn(app: &App) -> Option<Writer> {
        app.persister.as_ref()?;
        let (stop, stopping) = watch::channel(false);
        let task = tokio::spawn(run(app.clone(), stopping));
        Some(Writer { stop, task })
    }

    /// Asks the writer to stop and waits until every change marked so far is on disk.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the store writer failed");
        }
    }
}

/// Resolves once a stop is asked for (or the handle that could ask is gone).
async fn stop_asked(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

async fn run(app: App, mut stopping: watch::Receiver<bool>) {
    let Some(persister) = app.persister.as_ref() else {
        return;
    };
    loop {
        let mut stop = tokio::select! {
            _ = persister.changed() => false,
            _ = stop_asked(&mut stopping) => true,
        };
        if !stop {
            stop = tokio::select! {
                _ = tokio::time::sleep(DEBOUNCE) => false,
                _ = stop_asked(&mut stopping) => true,
            };
        }
        // Never raced against the stop: a write, once begun, is finished.
        app.flush().await;
        if stop {
            return;
        }
    }
}
