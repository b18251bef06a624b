//! Browsing a project: its buckets, a bucket's files one sorted page at a time (the sort columns,
//! the page-size bound and the next-cursor rule), and a file's details, as the shapes the UI
//! receives. Ids of the project, bucket and file asked about are echoed back, so the UI can drop
//! answers for something it no longer shows.

use appwrite_rest::{Bucket, Client, File, ListOptions, Query};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

/// One bucket in the sidebar.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketRow {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub enabled: bool,
    pub file_security: bool,
    pub transformations: bool,
    pub maximum_file_size: u64,
}

impl From<Bucket> for BucketRow {
    fn from(b: Bucket) -> Self {
        BucketRow {
            id: b.id,
            name: b.name,
            created_at: b.created_at,
            updated_at: b.updated_at,
            enabled: b.enabled,
            file_security: b.file_security,
            transformations: b.transformations,
            maximum_file_size: b.maximum_file_size,
        }
    }
}

/// A project's buckets.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketList {
    pub profile_id: String,
    pub total: usize,
    pub buckets: Vec<BucketRow>,
}

/// Every bucket of the project (walked by cursor), matching `search` when it has any text.
pub async fn list_buckets(
    client: &Client,
    profile_id: String,
    search: Option<&str>,
) -> appwrite_rest::Result<BucketList> {
    let mut options = ListOptions::new().total(false);
    if let Some(text) = search_text(search) {
        options = options.search(text);
    }
    let buckets: Vec<BucketRow> = client
        .buckets()
        .stream(options, 100)
        .map_ok(BucketRow::from)
        .try_collect()
        .await?;
    Ok(BucketList {
        profile_id,
        total: buckets.len(),
        buckets,
    })
}

/// One file in the list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRow {
    pub id: String,
    pub name: String,
    pub mime_type: String,
    pub size: u64,
    pub created_at: DateTime<Utc>,
    /// An upload that has not finished.
    pub pending: bool,
}

impl From<File> for FileRow {
    fn from(f: File) -> Self {
        FileRow {
            pending: !f.is_complete(),
            id: f.id,
            name: f.name,
            mime_type: f.mime_type,
            size: f.size_original,
            created_at: f.created_at,
        }
    }
}

/// The file list's sort column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileSort {
    Name,
    Size,
    #[default]
    Created,
}

impl FileSort {
    /// The file attribute the server orders by.
    pub fn attribute(self) -> &'static str {
        match self {
            FileSort::Name => "name",
            FileSort::Size => "sizeOriginal",
            FileSort::Created => "$createdAt",
        }
    }
}

/// Which way the list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

/// Largest page the list asks for.
pub const MAX_PAGE: u64 = 100;
/// The page size when none is given.
pub const DEFAULT_PAGE: u64 = 50;

/// What the file list asks for: a search, a sort, where to continue and how many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileQuery {
    pub search: Option<String>,
    pub sort: FileSort,
    pub order: Order,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

impl FileQuery {
    /// The page size asked for, kept within 1..=[`MAX_PAGE`].
    pub fn page_size(&self) -> u64 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }

    /// The list options for the server: the order, the page size, the cursor and the search.
    pub fn options(&self) -> ListOptions {
        let attribute = self.sort.attribute();
        let order = match self.order {
            Order::Asc => Query::order_asc(attribute),
            Order::Desc => Query::order_desc(attribute),
        };
        let mut options = ListOptions::new().limit(self.page_size()).query(order);
        if let Some(cursor) = &self.cursor {
            options = options.cursor_after(cursor.clone());
        }
        if let Some(text) = search_text(self.search.as_deref()) {
            options = options.search(text);
        }
        options
    }
}

/// One page of a bucket's files.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilePage {
    pub profile_id: String,
    pub bucket_id: String,
    /// The server's count (capped at 5000 by Appwrite).
    pub total: u64,
    pub files: Vec<FileRow>,
    /// Pass back to get the next page; `None` at the end.
    pub next_cursor: Option<String>,
}

/// One page of `bucket_id`'s files as `query` asks, sorted and searched on the server.
pub async fn list_files(
    client: &Client,
    profile_id: String,
    bucket_id: String,
    query: &FileQuery,
) -> appwrite_rest::Result<FilePage> {
    let page = client.files(&bucket_id).list(&query.options()).await?;
    let next_cursor = next_cursor(&page.items, query.page_size());
    Ok(FilePage {
        profile_id,
        bucket_id,
        total: page.total,
        files: page.items.into_iter().map(FileRow::from).collect(),
        next_cursor,
    })
}

/// A full page may have more after it: continue after its last file. A short page is the end.
pub fn next_cursor(items: &[File], page_size: u64) -> Option<String> {
    if items.len() as u64 == page_size {
        items.last().map(|f| f.id.clone())
    } else {
        None
    }
}

fn search_text(search: Option<&str>) -> Option<&str> {
    search.map(str::trim).filter(|s| !s.is_empty())
}

/// A file's details for the detail pane.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileDetails {
    pub profile_id: String,
    pub id: String,
    pub bucket_id: String,
    pub name: String,
    pub mime_type: String,
    pub size: u64,
    pub signature: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub pending: bool,
    pub chunks_uploaded: u64,
    pub chunks_total: u64,
}

impl FileDetails {
    pub fn new(profile_id: String, f: File) -> Self {
        FileDetails {
            profile_id,
            pending: !f.is_complete(),
            id: f.id,
            bucket_id: f.bucket_id,
            name: f.name,
            mime_type: f.mime_type,
            size: f.size_original,
            signature: f.signature,
            created_at: f.created_at,
            updated_at: f.updated_at,
            chunks_uploaded: f.chunks_uploaded,
            chunks_total: f.chunks_total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: &str) -> File {
        serde_json::from_value(serde_json::json!({
            "$id": id, "bucketId": "b", "$createdAt": "2026-01-01T00:00:00.000+00:00",
            "$updatedAt": "2026-01-01T00:00:00.000+00:00", "$permissions": [], "name": id,
            "signature": "", "mimeType": "text/plain", "sizeOriginal": 1, "chunksTotal": 1,
            "chunksUploaded": 1
        }))
        .unwrap()
    }

    #[test]
    fn a_full_page_continues_after_its_last_file_and_a_short_one_ends() {
        let page = [file("a"), file("b")];
        assert_eq!(next_cursor(&page, 2).as_deref(), Some("b"));
        assert_eq!(next_cursor(&page, 3), None);
        assert_eq!(next_cursor(&[], 50), None);
    }

    #[test]
    fn the_page_size_stays_within_bounds() {
        let size = |limit| {
            FileQuery {
                limit,
                ..FileQuery::default()
            }
            .page_size()
        };
        assert_eq!(size(None), DEFAULT_PAGE);
        assert_eq!(size(Some(0)), 1);
        assert_eq!(size(Some(1000)), MAX_PAGE);
        assert_eq!(size(Some(20)), 20);
    }

    #[test]
    fn sort_columns_map_to_the_servers_attributes_and_blank_search_is_none() {
        let query = FileQuery {
            search: Some("  report ".into()),
            sort: FileSort::Size,
            order: Order::Desc,
            cursor: Some("f9".into()),
            limit: Some(10),
        };
        let pairs = format!("{:?}", query.options().to_pairs());
        assert!(
            pairs.contains("sizeOriginal") && pairs.contains("orderDesc"),
            "{pairs}"
        );
        assert!(
            pairs.contains("cursorAfter") && pairs.contains("f9"),
            "{pairs}"
        );
        assert!(pairs.contains("report"), "{pairs}");
        let blank = FileQuery {
            search: Some("   ".into()),
            ..FileQuery::default()
        };
        assert!(!format!("{:?}", blank.options().to_pairs()).contains("search"));
        assert_eq!(FileSort::Name.attribute(), "name");
        assert_eq!(FileSort::Created.attribute(), "$createdAt");
    }
}
