//! Bucketdesk's application rules, kept free of Tauri so they are tested without a window.

pub mod about;
pub mod paths;
