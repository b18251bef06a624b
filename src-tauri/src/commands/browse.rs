//! Commands for browsing a project: buckets, pages of files, a file's details and its thumbnail.

use appwrite_rest::{Bucket, File, ListOptions, PreviewOptions, Query};
use base64::Engine;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::{AppState, CommandError};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketRow {
    id: String,
    name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    enabled: bool,
    file_security: bool,
    transformations: bool,
    maximum_file_size: u64,
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

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketList {
    profile_id: String,
    total: usize,
    buckets: Vec<BucketRow>,
}

/// A project's buckets (all of them, walked by cursor), matching `search` when given.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_buckets(
    state: State<'_, AppState>,
    profile_id: String,
    search: Option<String>,
) -> Result<BucketList, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let mut options = ListOptions::new().total(false);
    if let Some(text) = search.filter(|s| !s.trim().is_empty()) {
        options = options.search(text.trim());
    }
    let buckets: Vec<BucketRow> = connection
        .client
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

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRow {
    id: String,
    name: String,
    mime_type: String,
    size: u64,
    created_at: DateTime<Utc>,
    /// An upload that has not finished.
    pending: bool,
}

impl From<File> for FileRow {
    fn from(f: File) -> Self {
        FileRow {
            pending: f.chunks_uploaded < f.chunks_total,
            id: f.id,
            name: f.name,
            mime_type: f.mime_type,
            size: f.size_original,
            created_at: f.created_at,
        }
    }
}

/// The file list's sort column.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileSort {
    Name,
    Size,
    #[default]
    Created,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilePage {
    profile_id: String,
    bucket_id: String,
    /// The server's count (capped at 5000 by Appwrite).
    total: u64,
    files: Vec<FileRow>,
    /// Pass back to get the next page; `None` at the end.
    next_cursor: Option<String>,
}

/// Largest page the list asks for.
const MAX_PAGE: u64 = 100;

/// One page of a bucket's files, sorted and searched on the server, continued by cursor.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip(state), err)]
pub async fn list_files(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    search: Option<String>,
    sort: Option<FileSort>,
    order: Option<Order>,
    cursor: Option<String>,
    limit: Option<u64>,
) -> Result<FilePage, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let limit = limit.unwrap_or(50).clamp(1, MAX_PAGE);
    let attribute = match sort.unwrap_or_default() {
        FileSort::Name => "name",
        FileSort::Size => "sizeOriginal",
        FileSort::Created => "$createdAt",
    };
    let order_query = match order.unwrap_or_default() {
        Order::Asc => Query::order_asc(attribute),
        Order::Desc => Query::order_desc(attribute),
    };
    let mut options = ListOptions::new().limit(limit).query(order_query);
    if let Some(cursor) = cursor {
        options = options.cursor_after(cursor);
    }
    if let Some(text) = search.filter(|s| !s.trim().is_empty()) {
        options = options.search(text.trim());
    }
    let page = connection.client.files(&bucket_id).list(&options).await?;
    let next_cursor = (page.items.len() as u64 == limit)
        .then(|| page.items.last().map(|f| f.id.clone()))
        .flatten();
    Ok(FilePage {
        profile_id,
        bucket_id,
        total: page.total,
        files: page.items.into_iter().map(FileRow::from).collect(),
        next_cursor,
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileDetails {
    profile_id: String,
    id: String,
    bucket_id: String,
    name: String,
    mime_type: String,
    size: u64,
    signature: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    pending: bool,
    chunks_uploaded: u64,
    chunks_total: u64,
}

/// A file's details for the detail pane.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn get_file(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
) -> Result<FileDetails, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let f = connection.client.files(&bucket_id).get(&file_id).await?;
    Ok(FileDetails {
        profile_id,
        pending: f.chunks_uploaded < f.chunks_total,
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
    })
}

/// Images larger than this are not downloaded whole for a thumbnail when previews are off.
const THUMBNAIL_DOWNLOAD_LIMIT: u64 = 2_000_000;

/// A small image of an image file as a `data:` URL (fetched here, with the key, so the web view never
/// needs it); `None` for other files. Uses the server's preview, or the file itself when the bucket has
/// image transformations off and the file is small.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn file_thumbnail(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
) -> Result<Option<String>, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let files = connection.client.files(&bucket_id);
    let file = files.get(&file_id).await?;
    if !file.mime_type.starts_with("image/") || file.chunks_uploaded < file.chunks_total {
        return Ok(None);
    }
    let options = PreviewOptions {
        width: Some(320),
        height: Some(240),
        output: Some(appwrite_rest::ImageFormat::Png),
        ..PreviewOptions::default()
    };
    let (mime, bytes) = match files.preview(&file_id, &options).await {
        Ok(bytes) => ("image/png".to_string(), bytes.to_vec()),
        Err(e) if e.api_kind() == Some("storage_bucket_transformations_disabled") => {
            if file.size_original > THUMBNAIL_DOWNLOAD_LIMIT {
                return Ok(None);
            }
            let mut bytes = Vec::new();
            files.view(&file_id, None, &mut bytes).await?;
            (file.mime_type.clone(), bytes)
        }
        Err(e) => return Err(e.into()),
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(Some(format!("data:{mime};base64,{encoded}")))
}
