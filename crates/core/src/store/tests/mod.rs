//! The store's tests, one file per concern, and the helpers they share.

mod changes;
mod recovery;
mod transfer;
mod two_stores;

use std::fs;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use super::*;
use crate::expiry::ExpiryPreset;
use appwrite_rest::LinkKind;

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        endpoint: "https://appwrite.example.com/v1".into(),
        project_id: "proj".into(),
        ..ProfileInput::default()
    }
}

/// A profile of its own project, so imports never take it for one already present.
fn project(name: &str) -> ProfileInput {
    ProfileInput {
        project_id: name.to_lowercase().replace(' ', "-"),
        ..input(name)
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap()
}

fn fresh() -> (tempfile::TempDir, ProfileStore) {
    let dir = tempfile::tempdir().unwrap();
    let loaded = ProfileStore::load(dir.path());
    assert!(loaded.recovered.is_none());
    (dir, loaded.store)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn names(store: &ProfileStore) -> Vec<&str> {
    store.profiles().iter().map(|p| p.name.as_str()).collect()
}
