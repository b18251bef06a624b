//! The profiles file format, `{"version":1,"profiles":[…],"last":{…}}`: one reader of the version
//! and the entries for the store's own file and for an import, one writer for the file and exports.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::profile::{Profile, ProfileError, ProfileInput, DEMO_PROFILE_ID};

/// The file's name inside the config folder.
pub const PROFILES_FILE: &str = "profiles.json";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// The last project, bucket, folder and file the user had open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LastOpened {
    pub profile_id: String,
    #[serde(default)]
    pub bucket_id: Option<String>,
    /// The bucket's folder listed, in Appwrite's form (`"2026/summer/"`); none at the bucket's
    /// root (and in files written before folders).
    #[serde(default)]
    pub folder: Option<String>,
    #[serde(default)]
    pub file_id: Option<String>,
}

impl LastOpened {
    /// The place as it is kept: the folder in Appwrite's form, none at the root or without a
    /// bucket to hold it.
    pub fn tidy(mut self) -> Self {
        self.folder = self
            .folder
            .take()
            .map(|f| crate::folders::normalise(&f))
            .filter(|f| !f.is_empty() && self.bucket_id.is_some());
        self
    }
}

/// What the store's file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Contents {
    pub profiles: Vec<Profile>,
    pub last: Option<LastOpened>,
}

/// Where a text comes from, which decides how strict the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The store's own file: an object with a version number.
    File,
    /// A file to import: also a bare list, or an object without a version.
    Import,
}

/// Why a text is not a profiles file at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FormatError {
    /// Written by a newer Bucketdesk, in this format version.
    Newer(u64),
    /// Anything else, said in a few words.
    Invalid(String),
}

/// One entry of the list, read but not yet given an id or checked against the others.
#[derive(Debug)]
pub(super) struct Entry {
    /// 1-based position in the list.
    pub position: usize,
    pub name: Option<String>,
    pub id: Option<String>,
    /// The entry trusted a certificate: a pin, or the old switch that accepted any certificate.
    pub trusted_certificate: bool,
    /// The fields, or why they are not a profile.
    pub input: Result<ProfileInput, String>,
}

impl Entry {
    /// "\"Name\"" or "entry 3", to say which entry a problem is about.
    pub fn label(&self) -> String {
        self.name
            .as_ref()
            .map_or_else(|| format!("entry {}", self.position), |n| format!("{n:?}"))
    }
}

/// A parsed text: its entries, and the last-opened place when the text had one.
#[derive(Debug)]
pub(super) struct Document {
    pub entries: Vec<Entry>,
    pub last: Option<Value>,
}

/// Reads the version and the entry list of a profiles text.
pub(super) fn parse(bytes: &[u8], source: Source) -> Result<Document, FormatError> {
    let invalid = |why: &str| FormatError::Invalid(why.to_owned());
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| FormatError::Invalid(format!("it is not valid JSON ({e})")))?;
    let (list, last) = match value {
        Value::Array(list) if source == Source::Import => (list, None),
        Value::Object(mut map) => {
            match map.get("version") {
                None if source == Source::Import => {}
                None => return Err(invalid("it has no \"version\" number")),
                Some(version) => match version.as_u64() {
                    Some(v) if v > FORMAT_VERSION => return Err(FormatError::Newer(v)),
                    Some(v) if v >= 1 => {}
                    _ => {
                        return Err(FormatError::Invalid(format!(
                            "it has an unknown format version {version}"
                        )))
                    }
                },
            }
            let Some(Value::Array(list)) = map.remove("profiles") else {
                return Err(invalid("it has no \"profiles\" list"));
            };
            (list, map.remove("last"))
        }
        _ => return Err(invalid("it is not an object with a \"profiles\" list")),
    };
    let entries = list
        .into_iter()
        .enumerate()
        .map(|(i, value)| entry(i + 1, value))
        .collect();
    Ok(Document { entries, last })
}

fn entry(position: usize, value: Value) -> Entry {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let trusted_certificate = text("pinnedCertificate").is_some_and(|p| !p.trim().is_empty())
        || value.get("acceptInvalidCerts") == Some(&Value::Bool(true));
    let (name, id) = (text("name"), text("id"));
    let input =
        serde_json::from_value::<ProfileInput>(value).map_err(|e| format!("not a profile: {e}"));
    Entry {
        position,
        name,
        id,
        trusted_certificate,
        input,
    }
}

/// The store's own file: the valid profiles, the last place (dropped if it names an unknown
/// profile) and a description of every invalid entry.
pub(super) fn read_file(bytes: &[u8]) -> Result<(Contents, Vec<String>), FormatError> {
    let document = parse(bytes, Source::File)?;
    let mut profiles: Vec<Profile> = Vec::new();
    let mut invalid = Vec::new();
    for entry in document.entries {
        let label = entry.label();
        let checked = entry.input.and_then(|input| match entry.id {
            Some(id) => Profile::with_id(id, input).map_err(|e| reason(&e)),
            None => Err("it has no id".to_owned()),
        });
        match checked {
            Ok(p) if profiles.iter().any(|q| q.id == p.id) => {
                invalid.push(format!("{label}: the id {:?} is used twice", p.id))
            }
            Ok(p) => profiles.push(p),
            Err(e) => invalid.push(format!("{label}: {e}")),
        }
    }
    let last = document
        .last
        .and_then(|v| serde_json::from_value::<LastOpened>(v).ok())
        .map(LastOpened::tidy)
        .filter(|l| {
            l.profile_id == DEMO_PROFILE_ID || profiles.iter().any(|p| p.id == l.profile_id)
        });
    Ok((Contents { profiles, last }, invalid))
}

/// "field: message" for an entry that failed validation.
pub(super) fn reason(e: &ProfileError) -> String {
    let field = serde_json::to_value(e.field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!("{field}: {}", e.message)
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    profiles: &'a [Profile],
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a LastOpened>,
}

/// The file's text for `profiles` and `last` (an export passes no last place).
pub(super) fn to_text(profiles: &[Profile], last: Option<&LastOpened>) -> String {
    let out = FileOut {
        version: FORMAT_VERSION,
        profiles,
        last,
    };
    serde_json::to_string_pretty(&out).expect("profiles serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_rule(text: &str) -> (Result<(), FormatError>, Result<(), FormatError>) {
        let file = parse(text.as_bytes(), Source::File).map(|_| ());
        let import = parse(text.as_bytes(), Source::Import).map(|_| ());
        (file, import)
    }

    #[test]
    fn the_file_and_an_import_read_versions_by_one_rule() {
        let ok = r#"{"version":1,"profiles":[]}"#;
        assert_eq!(version_rule(ok), (Ok(()), Ok(())));
        let newer = r#"{"version":7,"profiles":[]}"#;
        assert_eq!(
            version_rule(newer),
            (Err(FormatError::Newer(7)), Err(FormatError::Newer(7)))
        );
        for bad in [
            r#"{"version":0,"profiles":[]}"#,
            r#"{"version":"one","profiles":[]}"#,
            r#"{"version":1}"#,
            r#"{"version":1,"profiles":{}}"#,
            "42",
            "not json",
        ] {
            let (file, import) = version_rule(bad);
            assert!(matches!(file, Err(FormatError::Invalid(_))), "{bad}");
            assert_eq!(file, import, "{bad}");
        }
        // Only an import may leave the version out, or be a bare list.
        for lenient in [r#"{"profiles":[]}"#, "[]"] {
            let (file, import) = version_rule(lenient);
            assert!(file.is_err(), "{lenient}");
            assert_eq!(import, Ok(()), "{lenient}");
        }
    }

    #[test]
    fn an_entry_says_whether_it_trusted_a_certificate() {
        let text = r#"[
            {"name":"Pinned","pinnedCertificate":"AB:CD"},
            {"name":"Any","acceptInvalidCerts":true},
            {"name":"Checked","acceptInvalidCerts":false,"pinnedCertificate":null},
            {"name":"Blank","pinnedCertificate":" "},
            {"name":5}
        ]"#;
        let document = parse(text.as_bytes(), Source::Import).unwrap();
        let trusted: Vec<bool> = document
            .entries
            .iter()
            .map(|e| e.trusted_certificate)
            .collect();
        assert_eq!(trusted, [true, true, false, false, false]);
        assert_eq!(document.entries[4].label(), "entry 5");
        assert!(document.entries[4]
            .input
            .as_ref()
            .unwrap_err()
            .starts_with("not a profile:"));
    }
}
