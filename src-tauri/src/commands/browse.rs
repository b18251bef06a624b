//! Commands for browsing a project: buckets, pages of a folder's files, a folder's subfolders, a
//! file's details and its thumbnail.

use bucketdesk_core::browse::{
    self, BucketDetails, BucketList, FileDetails, FilePage, FileQuery, FileSort, Order,
};
use bucketdesk_core::folders::SubfolderList;
use tauri::State;

use crate::{AppState, CommandError};

/// A project's buckets (all of them, walked by cursor), matching `search` when given.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_buckets(
    state: State<'_, AppState>,
    profile_id: String,
    search: Option<String>,
) -> Result<BucketList, CommandError> {
    bucket_list(&state, &profile_id, search.as_deref()).await
}

/// The buckets as `list_buckets` answers them; the first screen reads them too.
pub(crate) async fn bucket_list(
    state: &AppState,
    profile_id: &str,
    search: Option<&str>,
) -> Result<BucketList, CommandError> {
    let connection = state.connect(profile_id).await?;
    Ok(browse::list_buckets(&connection.client, profile_id.to_owned(), search).await?)
}

/// One page of a folder's files (`folder` with a trailing slash; none: the bucket root), sorted
/// and searched on the server (a search covers the folder's subtree): continued by cursor, at an
/// offset, or from the end. On a server without folders the folder is ignored.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip(state), err)]
pub async fn list_files(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    folder: Option<String>,
    search: Option<String>,
    sort: Option<FileSort>,
    order: Option<Order>,
    cursor: Option<String>,
    limit: Option<u64>,
    offset: Option<u64>,
    from_end: Option<bool>,
) -> Result<FilePage, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let (sort, order) = (sort.unwrap_or_default(), order.unwrap_or_default());
    let query = FileQuery {
        folder,
        search,
        sort,
        order,
        cursor,
        limit,
        offset,
        from_end: from_end.unwrap_or(false),
    };
    let folders = &connection.folders;
    Ok(browse::list_files(&connection.client, folders, profile_id, bucket_id, &query).await?)
}

/// A folder's subfolders (none: the bucket root), each with the files in its subtree, from the
/// bucket's folder index (walked in the background, kept per project and bucket; `refresh`
/// walks it again). `supported: false` and none on a server without folders.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_subfolders(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    folder: Option<String>,
    refresh: Option<bool>,
) -> Result<SubfolderList, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let refresh = refresh.unwrap_or(false);
    let folders = &connection.folders;
    let folder = folder.as_deref();
    Ok(folders
        .subfolders(&connection.client, profile_id, bucket_id, folder, refresh)
        .await?)
}

/// The bucket's settings, file count and size, for its details.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn bucket_details(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
) -> Result<BucketDetails, CommandError> {
    let connection = state.connect(&profile_id).await?;
    Ok(browse::bucket_details(&connection.client, profile_id, &bucket_id).await?)
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
    let file = connection.client.files(&bucket_id).get(&file_id).await?;
    Ok(FileDetails::new(profile_id, file))
}

/// A small image of an image file as a `data:` URL (fetched here, with the key, so the web view
/// never needs it); `None` for other files.
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
    Ok(bucketdesk_core::thumbnail::thumbnail(&files, &file_id).await?)
}
