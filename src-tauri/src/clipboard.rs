//! Writes to the system clipboard from Rust. The clipboard handle lives as long as the app: on X11
//! the copied text belongs to the process that set it and would vanish with a short-lived handle.

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

    /// Closes the handle. On X11 that offers the copied text to the desktop's clipboard manager
    /// (when one runs), so a link copied just before quitting can still be pasted afterwards.
    /// Called when the app exits: Tauri ends the process without dropping its state.
    pub fn release(&self) {
        let handle = self.inner.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(handle);
    }
}

fn unavailable(error: arboard::Error) -> CommandError {
    // arboard's errors never contain the text being copied.
    CommandError::new(
        "clipboard_unavailable",
        format!("Bucketdesk could not use the system clipboard ({error}). Try again; if it keeps failing, restart Bucketdesk."),
    )
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::Command;

    /// The X11 clipboard as another program reads it (run inside scripts/headless.sh, as `make
    /// test` does, so there is a display and `xclip`).
    fn paste() -> Result<String, String> {
        let output = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .output()
            .map_err(|e| format!("xclip did not run: {e}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    #[test]
    fn copied_text_is_served_until_the_handle_is_released() {
        let clipboard = AppClipboard::default();
        clipboard
            .set_text("https://appwrite.example.com/v1/link".into())
            .expect("the clipboard opens (run under scripts/headless.sh)");
        assert_eq!(
            paste().as_deref(),
            Ok("https://appwrite.example.com/v1/link")
        );
        // Released as on exit: with no clipboard manager on this display the text goes with the
        // handle, which shows the handle (and arboard's hand-over on drop) really ended.
        clipboard.release();
        let after = paste();
        assert!(after.is_err(), "still served after release: {after:?}");
        // The app can copy again after a release.
        clipboard.set_text("again".into()).unwrap();
        assert_eq!(paste().as_deref(), Ok("again"));
        clipboard.release();
    }
}
