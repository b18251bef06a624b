//! What an upload batch will send, decided before anything is sent: the files a drop names
//! (a folder's files keep their relative paths as Appwrite folders under the target folder), and
//! which of them the bucket would refuse (too big, extension not allowed, bucket disabled).

use std::path::{Path, PathBuf};

use appwrite_rest::Bucket;

use super::ItemError;

/// One file found under the paths given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub name: String,
    /// The Appwrite folder: `""` at the root, else with a trailing slash.
    pub folder: String,
    pub size: u64,
    /// Last modification, in nanoseconds since the epoch (part of the file's identity).
    pub modified: u128,
}

/// A path that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub error: ItemError,
}

/// A folder path as Appwrite keeps it: `""` for the root, else segments joined by `/` with a
/// trailing slash (`"2026/summer/"`); empty segments and backslashes are tidied away.
pub fn normalize_folder(folder: &str) -> String {
    let segments: Vec<&str> = folder
        .split(['/', '\\'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments.is_empty() {
        String::new()
    } else {
        format!("{}/", segments.join("/"))
    }
}

/// Every file under `paths`: a file as itself in `folder`; a folder's files (at any depth, in
/// name order) in `folder` + the folder's name + their relative folder. Symbolic links to
/// folders are not followed (no loops); hidden files are kept.
pub fn expand(paths: &[PathBuf], folder: &str) -> (Vec<Found>, Vec<Unreadable>) {
    let folder = normalize_folder(folder);
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let name = display_name(path);
                let inner = normalize_folder(&format!("{folder}{name}"));
                walk(path, &inner, &mut found, &mut unreadable);
            }
            Ok(meta) => match file_entry(path, &folder, &meta) {
                Ok(entry) => found.push(entry),
                Err(error) => unreadable.push(Unreadable {
                    path: path.clone(),
                    error,
                }),
            },
            Err(e) => unreadable.push(Unreadable {
                path: path.clone(),
                error: cannot_read(path, &e),
            }),
        }
    }
    (found, unreadable)
}

fn walk(dir: &Path, folder: &str, found: &mut Vec<Found>, unreadable: &mut Vec<Unreadable>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            unreadable.push(Unreadable {
                path: dir.to_owned(),
                error: cannot_read(dir, &e),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                if link_meta.file_type().is_symlink() {
                    continue;
                }
                let inner = normalize_folder(&format!("{folder}{}", display_name(&path)));
                walk(&path, &inner, found, unreadable);
            }
            Ok(meta) if meta.is_file() => match file_entry(&path, folder, &meta) {
                Ok(entry) => found.push(entry),
                Err(error) => unreadable.push(Unreadable { path, error }),
            },
            Ok(_) => {}
            Err(e) => {
                let error = cannot_read(&path, &e);
                unreadable.push(Unreadable { path, error });
            }
        }
    }
}

fn file_entry(path: &Path, folder: &str, meta: &std::fs::Metadata) -> Result<Found, ItemError> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Err(ItemError::new(
            "unreadable",
            format!(
                "{} has a name that is not valid text, which Appwrite cannot store. Rename it, then upload it again.",
                path.display()
            ),
        ));
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(Found {
        path: path.to_owned(),
        name: name.to_owned(),
        folder: folder.to_owned(),
        size: meta.len(),
        modified,
    })
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cannot_read(path: &Path, error: &std::io::Error) -> ItemError {
    ItemError::new(
        "unreadable",
        format!(
            "Bucketdesk could not read {} ({error}). Check that it is still there and may be read, then upload it again.",
            path.display()
        ),
    )
}

/// What the bucket says about uploads into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketRules {
    pub name: String,
    pub enabled: bool,
    pub maximum_file_size: u64,
    pub allowed_file_extensions: Vec<String>,
}

impl From<&Bucket> for BucketRules {
    fn from(bucket: &Bucket) -> Self {
        BucketRules {
            name: bucket.name.clone(),
            enabled: bucket.enabled,
            maximum_file_size: bucket.maximum_file_size,
            allowed_file_extensions: bucket.allowed_file_extensions.clone(),
        }
    }
}

impl BucketRules {
    /// Why the bucket would refuse a file named `name` of `size` bytes, or `None`.
    pub fn refusal(&self, name: &str, size: u64) -> Option<ItemError> {
        if !self.enabled {
            return Some(ItemError::new(
                "bucket_disabled",
                format!(
                    "The bucket \"{}\" is disabled, so it takes no uploads. Enable it in the Appwrite console (Storage > the bucket > Settings), then retry.",
                    self.name
                ),
            ));
        }
        if size == 0 {
            return Some(ItemError::new(
                "empty_file",
                format!("{name} is empty, and Appwrite does not store empty files."),
            ));
        }
        if self.maximum_file_size > 0 && size > self.maximum_file_size {
            return Some(too_large(name, size, &self.name, self.maximum_file_size));
        }
        if !extension_allowed(&self.allowed_file_extensions, name) {
            return Some(extension_not_allowed(
                name,
                &self.name,
                &self.allowed_file_extensions,
            ));
        }
        None
    }
}

/// The refusal of a file too big for its bucket, naming the bucket's limit.
pub fn too_large(name: &str, size: u64, bucket: &str, limit: u64) -> ItemError {
    ItemError::new(
        "too_large",
        format!(
            "{name} is {}, and the bucket \"{bucket}\" takes files of at most {}. Raise the bucket's maximum file size in the Appwrite console, or upload it to another bucket.",
            size_text(size),
            size_text(limit)
        ),
    )
}

/// The refusal of a file whose extension its bucket does not allow, naming those it does.
pub fn extension_not_allowed(name: &str, bucket: &str, allowed: &[String]) -> ItemError {
    let ext = extension(name);
    let what = if ext.is_empty() {
        format!("{name} has no extension")
    } else {
        format!("{name} has the extension .{ext}")
    };
    let list = if allowed.is_empty() {
        "none listed".to_owned()
    } else {
        allowed
            .iter()
            .map(|a| format!(".{}", a.trim_start_matches('.')))
            .collect::<Vec<_>>()
            .join(", ")
    };
    ItemError::new(
        "extension_not_allowed",
        format!(
            "{what}, which the bucket \"{bucket}\" does not allow (it takes {list}). Allow it in the bucket's settings in the Appwrite console, or upload it to another bucket."
        ),
    )
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Appwrite's rule: no list allows everything; else the name's extension must be listed
/// (case-insensitive, a leading dot in the list ignored).
pub fn extension_allowed(allowed: &[String], name: &str) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let ext = extension(name);
    allowed
        .iter()
        .any(|a| a.trim_start_matches('.').eq_ignore_ascii_case(&ext))
}

/// A size as people read it, in decimal units as the Appwrite console shows them: `30 MB`,
/// `17.8 MB`, `512 bytes`.
pub fn size_text(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return if bytes == 1 {
            "1 byte".to_owned()
        } else {
            format!("{bytes} bytes")
        };
    }
    let mut value = bytes as f64;
    let mut unit = "";
    for u in UNITS {
        value /= 1000.0;
        unit = u;
        if value < 1000.0 {
            break;
        }
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {unit}")
    } else {
        format!("{rounded:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> BucketRules {
        BucketRules {
            name: "Documents".into(),
            enabled: true,
            maximum_file_size: 30_000_000,
            allowed_file_extensions: vec!["pdf".into(), ".TXT".into()],
        }
    }

    #[test]
    fn folders_are_kept_with_one_trailing_slash() {
        assert_eq!(normalize_folder(""), "");
        assert_eq!(normalize_folder("/"), "");
        assert_eq!(normalize_folder("2026/summer"), "2026/summer/");
        assert_eq!(normalize_folder("/2026//summer/"), "2026/summer/");
        assert_eq!(normalize_folder("a\\b"), "a/b/");
    }

    #[test]
    fn a_folders_files_keep_their_relative_paths_under_the_target_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("trip");
        std::fs::create_dir_all(root.join("day 1/raw")).unwrap();
        std::fs::write(root.join("notes.txt"), b"n").unwrap();
        std::fs::write(root.join("day 1/a.jpg"), b"aa").unwrap();
        std::fs::write(root.join("day 1/raw/b.cr2"), b"bbb").unwrap();
        let single = dir.path().join("alone.pdf");
        std::fs::write(&single, b"p").unwrap();
        let missing = dir.path().join("gone.txt");
        let (found, unreadable) = expand(&[root, single, missing.clone()], "2026/");
        let placed: Vec<(String, String, u64)> = found
            .iter()
            .map(|f| (f.folder.clone(), f.name.clone(), f.size))
            .collect();
        assert_eq!(
            placed,
            [
                ("2026/trip/day 1/".into(), "a.jpg".into(), 2),
                ("2026/trip/day 1/raw/".into(), "b.cr2".into(), 3),
                ("2026/trip/".into(), "notes.txt".into(), 1),
                ("2026/".into(), "alone.pdf".into(), 1),
            ]
        );
        assert_eq!(unreadable.len(), 1);
        assert_eq!(unreadable[0].path, missing);
        assert_eq!(unreadable[0].error.code, "unreadable");
    }

    #[test]
    fn the_bucket_refuses_what_it_would_refuse_and_says_its_limit() {
        assert_eq!(rules().refusal("a.pdf", 1000), None);
        assert_eq!(rules().refusal("b.txt", 30_000_000), None);
        let big = rules().refusal("big.pdf", 40_000_000).unwrap();
        assert_eq!(big.code, "too_large");
        assert!(big.message.contains("40 MB"), "{}", big.message);
        assert!(big.message.contains("at most 30 MB"), "{}", big.message);
        let exe = rules().refusal("setup.exe", 10).unwrap();
        assert_eq!(exe.code, "extension_not_allowed");
        assert!(exe.message.contains(".exe"), "{}", exe.message);
        assert!(exe.message.contains(".pdf, .TXT"), "{}", exe.message);
        assert_eq!(rules().refusal("empty.pdf", 0).unwrap().code, "empty_file");
        let off = BucketRules {
            enabled: false,
            ..rules()
        };
        assert_eq!(off.refusal("a.pdf", 1).unwrap().code, "bucket_disabled");
    }

    #[test]
    fn sizes_read_in_decimal_units() {
        assert_eq!(size_text(1), "1 byte");
        assert_eq!(size_text(512), "512 bytes");
        assert_eq!(size_text(30_000_000), "30 MB");
        assert_eq!(size_text(17 * 1024 * 1024), "17.8 MB");
        assert_eq!(size_text(5_000_000_000), "5 GB");
    }
}
