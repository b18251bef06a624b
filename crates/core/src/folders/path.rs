//! Folder paths as Appwrite writes them: names joined by `/` with a trailing slash
//! (`"2026/summer/"`), `""` for the bucket root.

use serde::Serialize;

/// A folder path in Appwrite's form: `"a/b"`, `"/a//b/"` and `"a/./b/"` are all `"a/b/"`; `..`
/// goes up a level (never above the root); empty is the root, `""`. Names are kept as they are,
/// spaces included, as the server keeps them.
pub fn normalise(folder: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in folder.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            name => segments.push(name),
        }
    }
    let mut out = String::with_capacity(folder.len() + 1);
    for segment in segments {
        out.push_str(segment);
        out.push('/');
    }
    out
}

/// The folder holding `folder` (`"a/b/"` → `"a/"`, `"a/"` → `""`); `None` for the root.
pub fn parent(folder: &str) -> Option<String> {
    let folder = normalise(folder);
    let inner = folder.strip_suffix('/')?;
    Some(match inner.rfind('/') {
        Some(at) => inner[..=at].to_owned(),
        None => String::new(),
    })
}

/// The last name of a folder path (`"a/b/"` → `"b"`); `""` for the root.
pub fn folder_name(folder: &str) -> &str {
    let inner = folder.trim_end_matches('/');
    inner.rsplit('/').next().unwrap_or("")
}

/// One step of a breadcrumb: a folder's name and its full path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crumb {
    pub name: String,
    pub path: String,
}

/// The folders from the root down to `folder`, each with its path (`"a/b/"` → `a` at `"a/"`,
/// `b` at `"a/b/"`); empty at the root, which the bucket itself stands for.
pub fn breadcrumb(folder: &str) -> Vec<Crumb> {
    let folder = normalise(folder);
    let mut crumbs = Vec::new();
    let mut end = 0;
    for name in folder.split_terminator('/') {
        end += name.len() + 1;
        crumbs.push(Crumb {
            name: name.to_owned(),
            path: folder[..end].to_owned(),
        });
    }
    crumbs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_take_appwrites_form_with_a_trailing_slash_and_blank_is_the_root() {
        for (given, expected) in [
            ("", ""),
            ("/", ""),
            (" a b /c ", " a b /c /"),
            ("photos", "photos/"),
            ("photos/", "photos/"),
            ("/photos//2026", "photos/2026/"),
            ("a/./b/", "a/b/"),
            ("a/b/../c", "a/c/"),
            ("../../a", "a/"),
            ("Ünïcode dir/sub dir/", "Ünïcode dir/sub dir/"),
        ] {
            assert_eq!(normalise(given), expected, "{given:?}");
        }
    }

    #[test]
    fn a_folders_parent_and_name() {
        assert_eq!(parent("2026/summer/").as_deref(), Some("2026/"));
        assert_eq!(parent("2026/").as_deref(), Some(""));
        assert_eq!(parent("2026").as_deref(), Some(""));
        assert_eq!(parent(""), None);
        assert_eq!(folder_name("2026/summer/"), "summer");
        assert_eq!(folder_name("2026/"), "2026");
        assert_eq!(folder_name(""), "");
    }

    #[test]
    fn the_breadcrumb_names_each_level_with_its_path() {
        let crumbs = breadcrumb("reports/2026/Q1/");
        let pairs: Vec<(&str, &str)> = crumbs
            .iter()
            .map(|c| (c.name.as_str(), c.path.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("reports", "reports/"),
                ("2026", "reports/2026/"),
                ("Q1", "reports/2026/Q1/")
            ]
        );
        assert!(breadcrumb("").is_empty());
        assert_eq!(breadcrumb("/x//y").last().unwrap().path, "x/y/");
    }
}
