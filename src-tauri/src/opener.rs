//! Opens a share link in the system's browser, from Rust. The link holds a token secret, so the
//! web view never gets it and has no opener permission of its own: it asks `open_link`, which
//! builds the link and hands it to the opener plugin's Rust API. The opener sits behind a small
//! trait, so tests record the link instead of launching a browser.

use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::CommandError;

/// Something that opens a URL outside the app.
pub trait OpenUrl: Send + Sync + 'static {
    /// Opens `url`; the error says why not (it must not repeat the URL).
    fn open_url(&self, url: &str) -> Result<(), String>;
}

/// How the app opens links, managed as state: the opener plugin, or what a test put there first.
pub struct LinkOpener(Box<dyn OpenUrl>);

impl LinkOpener {
    pub fn new(opener: impl OpenUrl) -> Self {
        LinkOpener(Box::new(opener))
    }

    /// The official opener plugin (registered in `app()`): the platform's default browser.
    pub(crate) fn plugin<R: Runtime>(app: AppHandle<R>) -> Self {
        LinkOpener::new(PluginOpener(app))
    }

    /// Opens `url` in the default browser.
    pub fn open(&self, url: &str) -> Result<(), CommandError> {
        self.0.open_url(url).map_err(|why| {
            // Whatever the platform said, the link (and its secret) is not repeated.
            let why = why.replace(url, "the link");
            CommandError::new(
                "browser_unavailable",
                format!("The link could not be opened in a browser ({why}). Copy it and paste it into one instead."),
            )
        })
    }
}

struct PluginOpener<R: Runtime>(AppHandle<R>);

impl<R: Runtime> OpenUrl for PluginOpener<R> {
    fn open_url(&self, url: &str) -> Result<(), String> {
        self.0
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    }
}
