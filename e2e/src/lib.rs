//! Helpers for the end-to-end tests: start `tauri-driver`, open a WebDriver session on the real
//! app, and find, read and click elements by their accessible names.

pub mod app;
pub mod scenario;
pub mod wait;
pub mod webdriver;

pub use app::{read_clipboard, AppSession};
pub use webdriver::{Element, Session, WindowRect};
