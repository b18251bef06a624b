//! The app's own settings, kept in `settings.json` in the config folder: the window's theme, what a
//! new project starts with (link kind and expiry), how "Create links" puts many links on the
//! clipboard, and, per project, whether uploads also share (a link for each file). Written atomically, as the profiles are; a damaged file gives the defaults (each
//! setting that can still be read is kept) and a notice saying so, and is replaced at the next
//! save.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::links::LinksFormat;

use crate::expiry::ExpiryPreset;
use crate::store::atomic_write;
use appwrite_rest::LinkKind;

/// The settings file's name in the config folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// The window's colours: the system's choice, or always light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Everything the Settings view holds. Serialized with camelCase names, as the UI sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSettings {
    pub theme: Theme,
    /// The link kind a new project starts with.
    pub default_link: LinkKind,
    /// The expiry a new project starts with: a length of time, never a fixed date.
    pub default_expiry: ExpiryPreset,
    /// The clipboard format of "Create links".
    pub links_format: LinksFormat,
}

impl AppSettings {
    /// Refuses what a setting may not hold: a fixed date as the default expiry (it would be past
    /// soon after it was chosen).
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.default_expiry.is_relative() {
            Ok(())
        } else {
            Err(SettingsError::FixedDefaultExpiry)
        }
    }
}

/// Why settings were not saved.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("The default expiry must be a length of time (1 hour to 1 year, or Never), not a date: choose one of those.")]
    FixedDefaultExpiry,
    #[error("Bucketdesk could not save the settings to {path} ({source}). Check that the folder can be written to, then choose again.")]
    Write { path: PathBuf, source: io::Error },
}

impl SettingsError {
    /// A stable machine code: `invalid_settings` or `settings_not_saved`.
    pub fn code(&self) -> &'static str {
        match self {
            SettingsError::FixedDefaultExpiry => "invalid_settings",
            SettingsError::Write { .. } => "settings_not_saved",
        }
    }

    /// The setting the error is about, as the UI names it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            SettingsError::FixedDefaultExpiry => Some("defaultExpiry"),
            SettingsError::Write { .. } => None,
        }
    }
}

/// The settings as last read from or written to `settings.json`.
#[derive(Debug)]
pub struct SettingsStore {
    path: PathBuf,
    current: AppSettings,
    /// Projects whose uploads also share (`shareOnUpload` in the file), by profile id.
    share_on_upload: BTreeMap<String, bool>,
    notice: Option<String>,
}

impl SettingsStore {
    /// Reads `settings.json` from `config_dir`. A missing file gives the defaults; an unreadable
    /// or damaged one gives the defaults too, keeping each setting that can still be read, and a
    /// notice for the user. Never fails and never writes.
    pub fn load(config_dir: &Path) -> SettingsStore {
        let path = config_dir.join(SETTINGS_FILE);
        let mut share_on_upload = BTreeMap::new();
        let (current, notice) = match std::fs::read_to_string(&path) {
            Ok(text) => {
                share_on_upload = read_share_on_upload(&text);
                read(&text, &path)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => (AppSettings::default(), None),
            Err(e) => (
                AppSettings::default(),
                Some(format!(
                    "The settings file {} could not be read ({e}), so Bucketdesk uses the default settings. \
                     Choosing a setting saves a new file in its place.",
                    path.display()
                )),
            ),
        };
        if let Some(notice) = &notice {
            tracing::warn!(path = %path.display(), "{notice}");
        }
        SettingsStore {
            path,
            current,
            share_on_upload,
            notice,
        }
    }

    /// The settings in use.
    pub fn get(&self) -> AppSettings {
        self.current
    }

    /// What the user should know about the file read at start (damaged, unreadable), until a
    /// save replaces it.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Where the settings are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `next` to disk (atomically) and only then uses it. Invalid settings and a failed
    /// write change nothing.
    pub fn save(&mut self, next: AppSettings) -> Result<AppSettings, SettingsError> {
        next.validate()?;
        self.write(&next, &self.share_on_upload)?;
        self.current = next;
        self.notice = None;
        Ok(next)
    }

    /// Whether uploads to `profile_id`'s project also share (off until chosen).
    pub fn share_on_upload(&self, profile_id: &str) -> bool {
        self.share_on_upload
            .get(profile_id)
            .copied()
            .unwrap_or(false)
    }

    /// Remembers whether uploads to `profile_id`'s project also share: written to disk first,
    /// then used.
    pub fn set_share_on_upload(
        &mut self,
        profile_id: &str,
        on: bool,
    ) -> Result<bool, SettingsError> {
        let mut next = self.share_on_upload.clone();
        next.insert(profile_id.to_owned(), on);
        self.write(&self.current, &next)?;
        self.share_on_upload = next;
        Ok(on)
    }

    fn write(
        &self,
        settings: &AppSettings,
        share: &BTreeMap<String, bool>,
    ) -> Result<(), SettingsError> {
        let mut value = serde_json::to_value(settings).expect("settings always serialize");
        if !share.is_empty() {
            value["shareOnUpload"] = serde_json::to_value(share).expect("a map of bools");
        }
        let bytes = serde_json::to_vec_pretty(&value).expect("settings always serialize");
        atomic_write(&self.path, &bytes).map_err(|source| SettingsError::Write {
            path: self.path.clone(),
            source,
        })
    }
}

/// The projects' share-on-upload choices in `text` (none when they can't be read).
fn read_share_on_upload(text: &str) -> BTreeMap<String, bool> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::from_value(v.get("shareOnUpload")?.clone()).ok())
        .unwrap_or_default()
}

/// The settings in `text`: each one that reads as valid, the default for the others, and a notice
/// when any could not be read.
fn read(text: &str, path: &Path) -> (AppSettings, Option<String>) {
    let object = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => return damaged(path, "it does not hold a JSON object".into()),
        Err(e) => return damaged(path, format!("it is not valid JSON: {e}")),
    };
    let mut settings = AppSettings::default();
    let mut unread = Vec::new();
    fn take<T: serde::de::DeserializeOwned>(
        object: &serde_json::Map<String, serde_json::Value>,
        name: &'static str,
        slot: &mut T,
        unread: &mut Vec<&'static str>,
    ) {
        if let Some(value) = object.get(name) {
            match serde_json::from_value(value.clone()) {
                Ok(read) => *slot = read,
                Err(_) => unread.push(name),
            }
        }
    }
    take(&object, "theme", &mut settings.theme, &mut unread);
    take(
        &object,
        "defaultLink",
        &mut settings.default_link,
        &mut unread,
    );
    take(
        &object,
        "defaultExpiry",
        &mut settings.default_expiry,
        &mut unread,
    );
    take(
        &object,
        "linksFormat",
        &mut settings.links_format,
        &mut unread,
    );
    if !settings.default_expiry.is_relative() {
        settings.default_expiry = ExpiryPreset::default();
        unread.push("defaultExpiry");
    }
    if unread.is_empty() {
        return (settings, None);
    }
    let notice = format!(
        "Some settings in {} could not be read ({}), so they are back to their defaults. \
         Choosing a setting saves a new file in its place.",
        path.display(),
        unread.join(", ")
    );
    (settings, Some(notice))
}

fn damaged(path: &Path, why: String) -> (AppSettings, Option<String>) {
    let notice = format!(
        "The settings file {} is damaged ({why}), so Bucketdesk uses the default settings. \
         Choosing a setting saves a new file in its place.",
        path.display()
    );
    (AppSettings::default(), Some(notice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn chosen() -> AppSettings {
        AppSettings {
            theme: Theme::Dark,
            default_link: LinkKind::Download,
            default_expiry: ExpiryPreset::ThirtyDays,
            links_format: LinksFormat::Markdown,
        }
    }

    #[test]
    fn no_file_gives_the_defaults_without_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::load(dir.path());
        assert_eq!(store.get(), AppSettings::default());
        assert_eq!(
            store.get(),
            AppSettings {
                theme: Theme::System,
                default_link: LinkKind::View,
                default_expiry: ExpiryPreset::SevenDays,
                links_format: LinksFormat::Links,
            }
        );
        assert_eq!(store.notice(), None);
        assert!(
            !dir.path().join(SETTINGS_FILE).exists(),
            "loading writes nothing"
        );
    }

    #[test]
    fn saved_settings_are_read_back_by_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let mut store = SettingsStore::load(&config);
        assert_eq!(store.save(chosen()).unwrap(), chosen());
        assert_eq!(store.get(), chosen());
        let again = SettingsStore::load(&config);
        assert_eq!(again.get(), chosen());
        assert_eq!(again.notice(), None);
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(config.join(SETTINGS_FILE)).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"theme": "dark", "defaultLink": "download",
                "defaultExpiry": {"kind": "thirtyDays"}, "linksFormat": "markdown"})
        );
        let names: Vec<_> = fs::read_dir(&config)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [SETTINGS_FILE], "no temporary file is left");
    }

    #[test]
    fn a_damaged_file_gives_the_defaults_and_says_so_until_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        for junk in ["{\"theme\": \"dark\"", "[1, 2]", "\u{0}\u{1}binary"] {
            fs::write(&path, junk).unwrap();
            let mut store = SettingsStore::load(dir.path());
            assert_eq!(store.get(), AppSettings::default(), "{junk:?}");
            let notice = store.notice().expect("a notice").to_owned();
            assert!(notice.contains("damaged"), "{notice}");
            assert!(notice.contains(&path.display().to_string()), "{notice}");
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                junk,
                "left as it was until a save"
            );
            store.save(chosen()).unwrap();
            assert_eq!(store.notice(), None);
            assert_eq!(SettingsStore::load(dir.path()).get(), chosen());
        }
    }

    #[test]
    fn a_setting_that_cannot_be_read_falls_back_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(SETTINGS_FILE),
            r#"{"theme": "sepia", "defaultLink": "download", "linksFormat": "markdown",
                "defaultExpiry": {"kind": "custom", "at": "2020-01-01T00:00:00+00:00"},
                "somethingNewer": true}"#,
        )
        .unwrap();
        let store = SettingsStore::load(dir.path());
        assert_eq!(
            store.get(),
            AppSettings {
                theme: Theme::System,
                default_link: LinkKind::Download,
                default_expiry: ExpiryPreset::SevenDays,
                links_format: LinksFormat::Markdown,
            }
        );
        let notice = store.notice().unwrap();
        assert!(notice.contains("theme, defaultExpiry"), "{notice}");
    }

    #[test]
    fn share_on_upload_is_remembered_per_project_beside_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SettingsStore::load(dir.path());
        assert!(!store.share_on_upload("p1"), "off until chosen");
        store.set_share_on_upload("p1", true).unwrap();
        store.save(chosen()).unwrap();
        let again = SettingsStore::load(dir.path());
        assert!(again.share_on_upload("p1"));
        assert!(!again.share_on_upload("p2"));
        assert_eq!(
            again.get(),
            chosen(),
            "saving settings keeps the choices and back"
        );
        let mut again = again;
        again.set_share_on_upload("p1", false).unwrap();
        assert!(!SettingsStore::load(dir.path()).share_on_upload("p1"));
    }

    #[test]
    fn a_fixed_date_is_refused_as_the_default_expiry() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SettingsStore::load(dir.path());
        let date = "2030-01-01T10:00:00+01:00".parse().unwrap();
        let error = store
            .save(AppSettings {
                default_expiry: ExpiryPreset::Custom(date),
                ..chosen()
            })
            .unwrap_err();
        assert_eq!(
            (error.code(), error.field()),
            ("invalid_settings", Some("defaultExpiry"))
        );
        assert_eq!(store.get(), AppSettings::default(), "nothing changed");
        assert!(!dir.path().join(SETTINGS_FILE).exists());
    }

    #[test]
    fn a_failed_write_keeps_the_settings_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SettingsStore::load(dir.path());
        store.save(chosen()).unwrap();
        // A folder with content stands where the file goes: no rename can replace it.
        fs::remove_file(dir.path().join(SETTINGS_FILE)).unwrap();
        fs::create_dir(dir.path().join(SETTINGS_FILE)).unwrap();
        fs::write(dir.path().join(SETTINGS_FILE).join("keep"), b"x").unwrap();
        let error = store.save(AppSettings::default()).unwrap_err();
        assert_eq!(error.code(), "settings_not_saved");
        assert!(error.to_string().contains(SETTINGS_FILE), "{error}");
        assert_eq!(store.get(), chosen(), "what is in use is what was saved");
        let unreadable = SettingsStore::load(dir.path());
        assert_eq!(unreadable.get(), AppSettings::default());
        assert!(unreadable.notice().unwrap().contains("could not be read"));
    }
}
