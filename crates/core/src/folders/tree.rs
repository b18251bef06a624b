//! The folder tree of a bucket, derived from its files' `folder` values: how many files each
//! folder holds itself, with every folder above one implied (`"a/b/"` implies `"a/"`), and a
//! folder's immediate subfolders with the files in each one's subtree.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

use serde::Serialize;

use super::path::normalise;

/// Files per folder, from the files' `folder` values. Files at the root are not counted: the
/// root is never anyone's subfolder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderTree {
    /// Files directly in each folder that holds any (normalised paths, never `""`).
    own: BTreeMap<String, u64>,
}

/// A subfolder as the file list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subfolder {
    /// Its own name (`"summer"`).
    pub name: String,
    /// Its full path (`"2026/summer/"`).
    pub path: String,
    /// Files anywhere in its subtree.
    pub files: u64,
}

impl FolderTree {
    /// The tree of files whose folders are `folders` (one value per file, as the server sends).
    pub fn from_folders<'a>(folders: impl IntoIterator<Item = &'a str>) -> Self {
        let mut tree = FolderTree::default();
        for folder in folders {
            tree.add(folder);
        }
        tree
    }

    /// Counts one file in `folder` (the root's files are left out).
    pub fn add(&mut self, folder: &str) {
        if folder.is_empty() {
            return;
        }
        // The server's values are already in this form; anything else is put in it.
        let tidy = folder.ends_with('/') && !folder.starts_with('/') && !folder.contains("//");
        let key = if tidy {
            folder.to_owned()
        } else {
            normalise(folder)
        };
        if !key.is_empty() {
            *self.own.entry(key).or_insert(0) += 1;
        }
    }

    /// How many folders hold files themselves.
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// No file is in any folder.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// The folders at or under `folder` that hold files themselves, with their counts.
    fn within<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a String, &'a u64)> + 'a {
        self.own
            .range::<str, _>((Bound::Included(folder), Bound::Unbounded))
            .take_while(move |(path, _)| path.starts_with(folder))
    }

    /// Whether `folder` exists: some file is in it or below it (the root always does).
    pub fn contains(&self, folder: &str) -> bool {
        let folder = normalise(folder);
        folder.is_empty() || self.within(&folder).next().is_some()
    }

    /// Files in `folder`'s whole subtree (for the root: every file in some folder).
    pub fn subtree_files(&self, folder: &str) -> u64 {
        let folder = normalise(folder);
        self.within(&folder).map(|(_, n)| n).sum()
    }

    /// `folder`'s immediate subfolders, each with the files in its subtree, sorted by name
    /// (case-insensitively, then exactly).
    pub fn children(&self, folder: &str) -> Vec<Subfolder> {
        let folder = normalise(folder);
        let mut children: BTreeMap<&str, u64> = BTreeMap::new();
        for (path, files) in self.within(&folder) {
            let rest = &path[folder.len()..];
            if let Some((name, _)) = rest.split_once('/') {
                *children.entry(name).or_insert(0) += files;
            }
        }
        let mut list: Vec<Subfolder> = children
            .into_iter()
            .map(|(name, files)| Subfolder {
                name: name.to_owned(),
                path: format!("{folder}{name}/"),
                files,
            })
            .collect();
        list.sort_by(|a, b| by_name(&a.name, &b.name));
        list
    }
}

fn by_name(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_and_counts(list: &[Subfolder]) -> Vec<(&str, &str, u64)> {
        list.iter()
            .map(|s| (s.name.as_str(), s.path.as_str(), s.files))
            .collect()
    }

    #[test]
    fn intermediate_folders_are_implied_and_counted_with_their_subtree() {
        // Files only in deep folders: "2026/" holds none itself but is there.
        let tree = FolderTree::from_folders([
            "",
            "",
            "2025/",
            "2026/summer/",
            "2026/summer/",
            "2026/winter/x/",
            "reports/2026/Q1/",
        ]);
        assert_eq!(
            names_and_counts(&tree.children("")),
            [
                ("2025", "2025/", 1),
                ("2026", "2026/", 3),
                ("reports", "reports/", 1)
            ]
        );
        assert_eq!(
            names_and_counts(&tree.children("2026/")),
            [("summer", "2026/summer/", 2), ("winter", "2026/winter/", 1)]
        );
        assert_eq!(
            names_and_counts(&tree.children("2026/winter")),
            [("x", "2026/winter/x/", 1)]
        );
        assert!(tree.children("2026/summer/").is_empty());
        assert!(tree.children("nowhere/").is_empty());
        assert!(tree.contains("reports/2026/") && tree.contains("") && !tree.contains("2027/"));
        assert_eq!(
            tree.subtree_files(""),
            5,
            "the root's own files are not walked"
        );
        assert_eq!(tree.subtree_files("2026/"), 3);
    }

    #[test]
    fn a_folder_is_not_confused_with_one_whose_name_starts_the_same() {
        let tree = FolderTree::from_folders(["a/", "ab/", "a/b/", "a b/"]);
        assert_eq!(names_and_counts(&tree.children("a/")), [("b", "a/b/", 1)]);
        assert_eq!(tree.subtree_files("a/"), 2);
        assert_eq!(
            names_and_counts(&tree.children("")),
            [("a", "a/", 2), ("a b", "a b/", 1), ("ab", "ab/", 1)]
        );
    }

    #[test]
    fn subfolders_sort_by_name_ignoring_case() {
        let tree = FolderTree::from_folders(["b/", "B/", "a/", "C/", "10/", "9/"]);
        let names: Vec<String> = tree.children("").into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["10", "9", "a", "B", "b", "C"]);
    }

    #[test]
    fn untidy_values_are_put_in_appwrites_form() {
        let tree = FolderTree::from_folders(["x", "/x/y", "x//y/"]);
        assert_eq!(names_and_counts(&tree.children("")), [("x", "x/", 3)]);
        assert_eq!(names_and_counts(&tree.children("x/")), [("y", "x/y/", 2)]);
        assert!(FolderTree::from_folders(["", "/"]).is_empty());
    }
}
