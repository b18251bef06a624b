//! Writes to the system clipboard from Rust. The clipboard handle lives as long as the app: on X11 the
//! copied text belongs to the process that set it and would vanish with a short-lived handle.

use std::sync::Mutex;

use crate::CommandError;

/// The app's one clipboard handle, opened on first use.
#[derive(Default)]
pub struct AppClipboard {
    inner: Mutex<Option<arboard::Clipboard>>,
}

impl AppClipboard {
    /// Replaces the clipboard's text.
    pub fn set_text(&self, text: String) -> Result<(), CommandError> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(arboard::Clipboard::new().map_err(unavailable)?);
        }
        let clipboard = guard.as_mut().expect("opened above");
        clipboard.set_text(text).map_err(unavailable)
    }
}

fn unavailable(error: arboard::Error) -> CommandError {
    // arboard's errors never contain the text being copied.
    CommandError::new(
        "clipboard_unavailable",
        format!("Bucketdesk could not use the system clipboard ({error}). Try again; if it keeps failing, restart Bucketdesk."),
    )
}
