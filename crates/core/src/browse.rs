//! Browsing a project: its buckets, a bucket's files one sorted page at a time (the sort columns,
//! the page-size bound and the next-cursor rule), in one folder or its subtree, and a file's
//! details, as the shapes the UI receives. Ids of the project, bucket, folder and file asked
//! about are echoed back, so the UI can drop answers for something it no longer shows.

use appwrite_rest::{Bucket, Client, File, ListOptions, Query, FOLDER_ATTRIBUTE};
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

use crate::folders::{normalise, Folders};

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
    /// What the bucket is for; `None` when the server has none to say (or it is blank).
    pub description: Option<String>,
    /// Bytes stored; `None` when the server does not say (before Appwrite 1.9).
    pub total_size: Option<u64>,
}

/// A description worth showing: blank is none.
fn description(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

impl From<Bucket> for BucketRow {
    fn from(b: Bucket) -> Self {
        BucketRow {
            description: description(b.description),
            total_size: b.total_size,
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

/// What the bucket details show: the bucket's settings, how many files it holds and, where the
/// server says (Appwrite 1.9+), how many bytes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketDetails {
    pub profile_id: String,
    pub id: String,
    pub name: String,
    /// What the bucket is for; `None` when the server has none to say (or it is blank).
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub enabled: bool,
    /// The server's count of files, capped at [`TOTAL_CAP`].
    pub file_count: u64,
    /// `file_count` is the cap: the bucket holds at least that many.
    pub file_count_capped: bool,
    /// Bytes stored; `None` when the server does not say (before Appwrite 1.9).
    pub total_size: Option<u64>,
    pub maximum_file_size: u64,
    /// Empty: any extension.
    pub allowed_file_extensions: Vec<String>,
    pub file_security: bool,
    pub encryption: bool,
    pub antivirus: bool,
    pub transformations: bool,
    /// `none`, `gzip` or `zstd`.
    pub compression: String,
}

impl BucketDetails {
    /// The details of `bucket` holding `file_count` files as the server counted them.
    pub fn new(profile_id: String, bucket: Bucket, file_count: u64) -> Self {
        BucketDetails {
            profile_id,
            description: description(bucket.description),
            id: bucket.id,
            name: bucket.name,
            created_at: bucket.created_at,
            updated_at: bucket.updated_at,
            enabled: bucket.enabled,
            file_count,
            file_count_capped: file_count >= TOTAL_CAP,
            total_size: bucket.total_size,
            maximum_file_size: bucket.maximum_file_size,
            allowed_file_extensions: bucket.allowed_file_extensions,
            file_security: bucket.file_security,
            encryption: bucket.encryption,
            antivirus: bucket.antivirus,
            transformations: bucket.transformations,
            compression: bucket.compression,
        }
    }
}

/// The bucket and its file count, asked together.
pub async fn bucket_details(
    client: &Client,
    profile_id: String,
    bucket_id: &str,
) -> appwrite_rest::Result<BucketDetails> {
    let buckets = client.buckets();
    let files = client.files(bucket_id);
    let count = ListOptions::new().limit(1);
    let (bucket, page) =
        futures_util::future::try_join(buckets.get(bucket_id), files.list(&count)).await?;
    Ok(BucketDetails::new(profile_id, bucket, page.total))
}

/// One file in the list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRow {
    pub id: String,
    pub name: String,
    /// The folder followed by the name (`"2026/summer/beach.jpg"`); the name on a server
    /// without folders.
    pub key: String,
    /// The file's folder (`"2026/summer/"`); `""` at the root and on a server without folders.
    pub folder: String,
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
            key: f.full_key(),
            folder: f.folder_path().to_owned(),
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
/// Appwrite counts at most this many files for a list's `total`: a bigger bucket answers this too.
pub const TOTAL_CAP: u64 = 5000;

/// What the file list asks for: a folder, a search, a sort, where to continue and how many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileQuery {
    /// The folder listed (`"2026/summer/"`; `None` or `""`: the root). Without a search only its
    /// own files; with one, its whole subtree (at the root: the whole bucket).
    pub folder: Option<String>,
    pub search: Option<String>,
    pub sort: FileSort,
    pub order: Order,
    /// Continue after this file (before it, with `from_end`).
    pub cursor: Option<String>,
    pub limit: Option<u64>,
    /// Skip this many files first: a page anywhere in the list in one request, without walking
    /// to it (the list pages this way within the first [`TOTAL_CAP`] files).
    pub offset: Option<u64>,
    /// Page from the end of the list: the last page, or with `cursor` the page just before that
    /// file. Asked of the server in the opposite order, answered in the list's order.
    pub from_end: bool,
}

impl FileQuery {
    /// The page size asked for, kept within 1..=[`MAX_PAGE`].
    pub fn page_size(&self) -> u64 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }

    /// The server-side order: the list's, or its opposite when paging from the end.
    fn server_order(&self) -> Query {
        let attribute = self.sort.attribute();
        let ascending = (self.order == Order::Asc) != self.from_end;
        if ascending {
            Query::order_asc(attribute)
        } else {
            Query::order_desc(attribute)
        }
    }

    /// The folder asked for, in Appwrite's form (`""`: the root).
    pub fn folder(&self) -> String {
        normalise(self.folder.as_deref().unwrap_or(""))
    }

    /// The folder filter for a server with folders: the folder's own files (`equal`), or with a
    /// search its subtree (`startsWith`; nothing at the root, which is the whole bucket).
    fn folder_filter(&self) -> Option<Query> {
        let folder = self.folder();
        if search_text(self.search.as_deref()).is_none() {
            Some(Query::in_folder(folder))
        } else if folder.is_empty() {
            None
        } else {
            Some(Query::under_folder(folder))
        }
    }

    /// The list options for a server with folders: [`FileQuery::options_for`] with them.
    pub fn options(&self) -> ListOptions {
        self.options_for(true)
    }

    /// The list options for the server: the folder filter (for a server with `folders`), the
    /// order, the page size, the cursor, the offset and the search.
    pub fn options_for(&self, folders: bool) -> ListOptions {
        let mut options = ListOptions::new()
            .limit(self.page_size())
            .query(self.server_order());
        if let Some(filter) = self.folder_filter().filter(|_| folders) {
            options = options.query(filter);
        }
        if let Some(cursor) = &self.cursor {
            options = options.cursor_after(cursor.clone());
        }
        if let Some(offset) = self.offset.filter(|n| *n > 0) {
            options = options.offset(offset);
        }
        if let Some(text) = search_text(self.search.as_deref()) {
            options = options.search(text);
        }
        options
    }

    /// The name queries of a search's first page on a server with folders:
    /// [`FileQuery::name_options_for`] with them.
    pub fn name_options(&self) -> Vec<ListOptions> {
        self.name_options_for(true)
    }

    /// The name queries a search's first page adds: files named exactly what was typed, then
    /// names that start with it, then names that end with it (`07777.txt` finds
    /// `file-07777.txt`), within the folder's subtree on a server with `folders`. Each is one
    /// page in the list's order; none is counted.
    pub fn name_options_for(&self, folders: bool) -> Vec<ListOptions> {
        let Some(text) = search_text(self.search.as_deref()) else {
            return Vec::new();
        };
        let subtree = self.folder_filter().filter(|_| folders);
        [
            Query::equal("name", vec![text]),
            Query::starts_with("name", text),
            Query::ends_with("name", text),
        ]
        .into_iter()
        .map(|filter| {
            let mut options = ListOptions::new()
                .limit(self.page_size())
                .query(self.server_order())
                .query(filter)
                .total(false);
            if let Some(subtree) = &subtree {
                options = options.query(subtree.clone());
            }
            options
        })
        .collect()
    }

    /// Whether this is the first page of a search, which puts name matches first.
    fn is_first_search_page(&self) -> bool {
        search_text(self.search.as_deref()).is_some()
            && self.cursor.is_none()
            && self.offset.unwrap_or(0) == 0
            && !self.from_end
    }
}

/// One page of a bucket's files.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilePage {
    pub profile_id: String,
    pub bucket_id: String,
    /// The folder asked for, normalised (`""`: the root).
    pub folder: String,
    /// The server has folders. `false` (Appwrite 1.8.1): the folder was ignored and the list is
    /// the flat bucket.
    pub folders_supported: bool,
    /// The server's count: of the bucket's files, or of a search's matches.
    pub total: u64,
    /// `total` is Appwrite's cap ([`TOTAL_CAP`]): there are at least that many, maybe more.
    pub total_capped: bool,
    /// In the list's order (also when paged from the end).
    pub files: Vec<FileRow>,
    /// How many of `files`, at the start, matched the search by name (a search's first page
    /// only); the rest are the server's full-text matches, without those.
    pub name_matches: usize,
    /// Pass back to get the next page in the same direction (after the last file, or before the
    /// first one from the end); `None` at that end of the list.
    pub next_cursor: Option<String>,
    /// Whether this page was counted from the end.
    pub from_end: bool,
}

/// One page of `bucket_id`'s files as `query` asks, sorted and searched on the server, in the
/// query's folder (its own files; with a search its subtree). The first page of a search puts the
/// files whose name is, starts with or ends with what was typed first, each once, then the
/// full-text matches; the requests go out together.
///
/// `folders` is the connection's folder knowledge: a server found to have no folders (it refuses
/// the folder filter, as Appwrite 1.8.1 does) is asked again without it and remembered, and the
/// list is the flat bucket.
pub async fn list_files(
    client: &Client,
    folders: &Folders,
    profile_id: String,
    bucket_id: String,
    query: &FileQuery,
) -> appwrite_rest::Result<FilePage> {
    let support = folders.support();
    let asked_with_folders = support.worth_asking();
    let (page, name_pages) = match fetch(client, &bucket_id, query, asked_with_folders).await {
        Err(e) if asked_with_folders && e.unknown_attribute() == Some(FOLDER_ATTRIBUTE) => {
            tracing::info!("the server has no folders; listing the bucket flat");
            support.learn(false);
            fetch(client, &bucket_id, query, false).await?
        }
        other => other?,
    };
    if asked_with_folders && query.folder_filter().is_some() && support.worth_asking() {
        // The folder filter was taken.
        support.learn(true);
    } else {
        support.learn_from(page.items.iter().map(|f| f.folder.as_deref()));
    }
    let page_size = query.page_size();

    let mut items = page.items;
    let next_cursor = next_cursor(&items, page_size);
    if query.from_end {
        items.reverse();
    }
    let complete = next_cursor.is_none();
    let mut total = page.total;
    let mut name_matches = 0;
    if !name_pages.is_empty() {
        let mut hits = Vec::new();
        for named in name_pages {
            match named {
                Ok(named) => hits.extend(named.items),
                // A server that does not take one of these queries still answers the search.
                Err(e) if e.api_kind() == Some("general_argument_invalid") => {
                    tracing::warn!(error = %e, "a name query of the search was refused");
                }
                Err(e) => return Err(e),
            }
        }
        let merged = name_matches_first(hits, items);
        // Name matches the full-text search did not find (it skips short and common words)
        // count too, when the whole answer is known.
        if complete {
            let extra = merged.files.len() as u64 - merged.loose_found;
            total = total.max(merged.loose_found) + extra;
        }
        name_matches = merged.name_matches;
        items = merged.files;
    }
    Ok(FilePage {
        profile_id,
        bucket_id,
        folder: query.folder(),
        folders_supported: support.worth_asking(),
        total: total.max(items.len() as u64),
        total_capped: page.total >= TOTAL_CAP,
        files: items.into_iter().map(FileRow::from).collect(),
        name_matches,
        next_cursor,
        from_end: query.from_end,
    })
}

/// A page of files and, on a search's first page, its name queries' pages.
type Fetched = (
    appwrite_rest::Page<File>,
    Vec<appwrite_rest::Result<appwrite_rest::Page<File>>>,
);

/// Sends the page's request (with the folder filter when `with_folders`) and, on a search's first
/// page, its name queries, all at once.
async fn fetch(
    client: &Client,
    bucket_id: &str,
    query: &FileQuery,
    with_folders: bool,
) -> appwrite_rest::Result<Fetched> {
    let files = client.files(bucket_id);
    let options = query.options_for(with_folders);
    let main = files.list(&options);
    if !query.is_first_search_page() {
        return Ok((main.await?, Vec::new()));
    }
    let named = join_all(
        query
            .name_options_for(with_folders)
            .into_iter()
            .map(|options| {
                let files = files.clone();
                async move { files.list(&options).await }
            }),
    );
    let (page, named) = futures_util::future::join(main, named).await;
    Ok((page?, named))
}

/// A search's first page put together.
struct Merged {
    files: Vec<File>,
    /// Leading files that matched by name.
    name_matches: usize,
    /// Files of the full-text page (name matches among them included).
    loose_found: u64,
}

/// `hits` (name matches, best first) then the full-text `loose` page, each file once.
fn name_matches_first(hits: Vec<File>, loose: Vec<File>) -> Merged {
    let mut seen = std::collections::HashSet::new();
    let loose_found = loose.len() as u64;
    let mut files: Vec<File> = hits
        .into_iter()
        .filter(|f| seen.insert(f.id.clone()))
        .collect();
    let name_matches = files.len();
    files.extend(loose.into_iter().filter(|f| seen.insert(f.id.clone())));
    Merged {
        files,
        name_matches,
        loose_found,
    }
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
    /// The folder followed by the name; the name on a server without folders.
    pub key: String,
    /// The file's folder; `""` at the root and on a server without folders.
    pub folder: String,
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
            key: f.full_key(),
            folder: f.folder_path().to_owned(),
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
            ..FileQuery::default()
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

    #[test]
    fn from_the_end_asks_in_the_opposite_order_and_an_offset_skips() {
        let query = |order, from_end, offset| {
            let pairs = FileQuery {
                sort: FileSort::Name,
                order,
                from_end,
                offset,
                ..FileQuery::default()
            }
            .options()
            .to_pairs();
            format!("{pairs:?}")
        };
        assert!(query(Order::Asc, true, None).contains("orderDesc"));
        assert!(query(Order::Desc, true, None).contains("orderAsc"));
        assert!(query(Order::Asc, false, None).contains("orderAsc"));
        assert!(query(Order::Asc, false, Some(4900))
            .contains(r#"{\"method\":\"offset\",\"values\":[4900]}"#));
        assert!(!query(Order::Asc, false, Some(0)).contains("offset"));
    }

    #[test]
    fn a_search_adds_exact_prefix_and_suffix_name_queries_in_the_lists_order() {
        let query = FileQuery {
            search: Some(" 07777.txt ".into()),
            order: Order::Desc,
            sort: FileSort::Size,
            limit: Some(100),
            ..FileQuery::default()
        };
        let named: Vec<String> = query
            .name_options()
            .iter()
            .map(|o| format!("{:?}", o.to_pairs()))
            .collect();
        assert_eq!(named.len(), 3);
        for (pairs, method) in named.iter().zip(["equal", "startsWith", "endsWith"]) {
            assert!(pairs.contains(method), "{pairs}");
            assert!(
                pairs.contains("07777.txt") && !pairs.contains(" 07777"),
                "{pairs}"
            );
            assert!(
                pairs.contains("sizeOriginal") && pairs.contains("orderDesc"),
                "{pairs}"
            );
            assert!(pairs.contains(r#"("total", "0")"#), "{pairs}");
        }
        assert!(FileQuery::default().name_options().is_empty());
    }

    /// The folder queries among `options`.
    fn folder_queries(options: &ListOptions) -> Vec<String> {
        options
            .queries
            .iter()
            .map(Query::to_json)
            .filter(|q| q.contains(r#""attribute":"folder""#))
            .collect()
    }

    #[test]
    fn a_folder_lists_its_own_files_and_a_search_in_it_its_subtree() {
        let own = FileQuery {
            folder: Some("/2026/summer".into()),
            ..FileQuery::default()
        };
        assert_eq!(own.folder(), "2026/summer/");
        assert_eq!(
            folder_queries(&own.options()),
            [r#"{"method":"equal","attribute":"folder","values":["2026/summer/"]}"#]
        );
        // The root's own files, when no folder is given.
        assert_eq!(
            folder_queries(&FileQuery::default().options()),
            [r#"{"method":"equal","attribute":"folder","values":[""]}"#]
        );
        let searched = FileQuery {
            search: Some("beach".into()),
            ..own.clone()
        };
        let subtree = r#"{"method":"startsWith","attribute":"folder","values":["2026/summer/"]}"#;
        assert_eq!(folder_queries(&searched.options()), [subtree]);
        let named = searched.name_options();
        assert_eq!(named.len(), 3);
        for options in &named {
            assert_eq!(folder_queries(options), [subtree]);
        }
        // A search at the root is the whole bucket; a server without folders gets no folder query.
        let everywhere = FileQuery {
            search: Some("beach".into()),
            ..FileQuery::default()
        };
        assert!(folder_queries(&everywhere.options()).is_empty());
        assert!(everywhere
            .name_options()
            .iter()
            .all(|o| folder_queries(o).is_empty()));
        assert!(folder_queries(&own.options_for(false)).is_empty());
        assert!(folder_queries(&searched.options_for(false)).is_empty());
        assert!(searched
            .name_options_for(false)
            .iter()
            .all(|o| folder_queries(o).is_empty()));
    }

    #[test]
    fn rows_and_details_carry_the_key_and_folder_or_the_name_on_a_flat_server() {
        let flat = FileRow::from(file("a.txt"));
        assert_eq!((flat.key.as_str(), flat.folder.as_str()), ("a.txt", ""));
        let mut nested = file("b.txt");
        nested.folder = Some("x/y/".into());
        nested.key = Some("x/y/b.txt".into());
        let row = serde_json::to_value(FileRow::from(nested.clone())).unwrap();
        assert_eq!(row["key"], "x/y/b.txt");
        assert_eq!(row["folder"], "x/y/");
        let details = serde_json::to_value(FileDetails::new("p".into(), nested)).unwrap();
        assert_eq!(details["key"], "x/y/b.txt");
        assert_eq!(details["folder"], "x/y/");
    }

    #[test]
    fn name_matches_come_first_and_each_file_once() {
        let merged = name_matches_first(
            vec![file("exact"), file("prefix"), file("exact")],
            vec![file("loose"), file("prefix"), file("other")],
        );
        let ids: Vec<&str> = merged.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["exact", "prefix", "loose", "other"]);
        assert_eq!(merged.name_matches, 2);
        assert_eq!(merged.loose_found, 3);
    }
}
