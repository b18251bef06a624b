//! Export (every profile, no key, no last place) and import (each entry on its own, with a fresh
//! id and no certificate trust), and the report an import gives.

use serde::Serialize;

use super::error::{Result, StoreError};
use super::format::{self, Contents, Document, FormatError, Source};
use crate::profile::{new_profile_id, Profile};

/// The reason given for an entry whose endpoint and project id the store already has.
pub const ALREADY_PRESENT: &str = "already present";

/// A profile read by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    /// Always a fresh id, so no keychain entry left under an old id is ever picked up.
    pub id: String,
    pub name: String,
    /// The id the entry had in the imported file, if any.
    pub id_in_file: Option<String>,
}

/// An entry an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedEntry {
    /// 1-based position in the imported list.
    pub position: usize,
    /// The entry's name, when it had one.
    pub name: Option<String>,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: Vec<ImportedProfile>,
    pub skipped: Vec<SkippedEntry>,
    /// Names of imported projects that trusted a certificate in the file (a pinned fingerprint, or
    /// the old "accept any certificate"): they come in with the usual checks, and Test connection
    /// offers the certificate again.
    pub trust_reset: Vec<String>,
    /// Names of imported projects that send their key over plain HTTP to another host, as the
    /// file chose: the user should know.
    pub insecure_http: Vec<String>,
}

/// Every profile as an export's text (`{"version":1,"profiles":[…]}`).
pub(super) fn export_text(profiles: &[Profile]) -> String {
    format::to_text(profiles, None)
}

/// Reads an import's text: nothing is applied yet.
pub(super) fn read_import(text: &str) -> Result<Document> {
    format::parse(text.as_bytes(), Source::Import).map_err(|e| match e {
        FormatError::Newer(v) => StoreError::ImportNewerVersion(v),
        FormatError::Invalid(why) => StoreError::ImportInvalid(why),
    })
}

/// Adds the document's valid entries to `contents` and says what happened to each.
pub(super) fn import(contents: &mut Contents, document: Document) -> ImportReport {
    let mut report = ImportReport::default();
    for entry in document.entries {
        let skip = |reason: String| SkippedEntry {
            position: entry.position,
            name: entry.name.clone(),
            reason,
        };
        let mut input = match entry.input {
            Ok(input) => input,
            Err(reason) => {
                report.skipped.push(skip(reason));
                continue;
            }
        };
        input.pinned_certificate = None;
        let id = loop {
            let id = new_profile_id();
            if !contents.profiles.iter().any(|p| p.id == id) {
                break id;
            }
        };
        let profile = match Profile::with_id(id, input) {
            Ok(profile) => profile,
            Err(e) => {
                report.skipped.push(skip(format::reason(&e)));
                continue;
            }
        };
        let present = contents
            .profiles
            .iter()
            .any(|p| p.endpoint == profile.endpoint && p.project_id == profile.project_id);
        if present {
            report.skipped.push(skip(ALREADY_PRESENT.to_owned()));
            continue;
        }
        if entry.trusted_certificate {
            report.trust_reset.push(profile.name.clone());
        }
        if profile.allow_insecure_http {
            report.insecure_http.push(profile.name.clone());
        }
        report.imported.push(ImportedProfile {
            id: profile.id.clone(),
            name: profile.name.clone(),
            id_in_file: entry.id,
        });
        contents.profiles.push(profile);
    }
    report
}
