//! The commands the web view may invoke; each is a few lines that call `bucketdesk-core` or the
//! client.

pub mod app;
pub mod browse;
pub mod files;
pub mod projects;
pub mod settings;
pub mod tokens;
pub mod uploads;
