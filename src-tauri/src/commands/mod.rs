//! The commands the web view may invoke; each is a few lines that call `bucketdesk-core`.

pub mod app;
