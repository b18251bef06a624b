//! File upload (`POST /storage/buckets/{bucketId}/files`): single requests and 5 MiB chunks with
//! `Content-Range`, which may arrive in parallel and in any order; the request that brings the
//! last missing chunk joins them, computes the MD5 signature and the MIME type.
//!
//! On the newest server a `folder` form field places the file in a virtual folder (see
//! `folder`). Every chunk of a chunked upload carries it; a chunk naming another folder than the
//! one the upload began in is refused (400 `general_argument_invalid`) and stores nothing. (The
//! real server keeps the first chunk's folder and ignores the others'; refusing makes a client
//! that loses the folder on a resume fail here rather than put the file at the root.) A 1.8.1
//! server ignores the field.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use md5::{Digest, Md5};

use super::files::visible_bucket;
use super::json;
use crate::auth::{self, guest_can, is_valid_permission, Caller};
use crate::error::ApiError;
use crate::ids;
use crate::model::{Content, FileDoc, CHUNK_SIZE};
use crate::server::{App, Shared};
use crate::time;

#[derive(Default)]
struct Form {
    file_id: Option<String>,
    permissions: Option<Vec<String>>,
    name: Option<String>,
    data: Option<Bytes>,
    folder: Option<String>,
}

async fn read_form(req: Request) -> Result<Form, ApiError> {
    let bad = |e: String| {
        ApiError::new(
            400,
            "general_argument_invalid",
            format!("Invalid multipart body: {e}"),
        )
    };
    let mut multipart = Multipart::from_request(req, &())
        .await
        .map_err(|e| bad(e.body_text()))?;
    let mut form = Form::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            form.name = field.file_name().map(str::to_string);
            form.data = Some(field.bytes().await.map_err(|e| bad(e.body_text()))?);
        } else if name == "fileId" {
            form.file_id = Some(field.text().await.map_err(|e| bad(e.body_text()))?);
        } else if name == "folder" {
            form.folder = Some(field.text().await.map_err(|e| bad(e.body_text()))?);
        } else if name == "permissions" || name.starts_with("permissions[") {
            let value = field.text().await.map_err(|e| bad(e.body_text()))?;
            form.permissions.get_or_insert_with(Vec::new).push(value);
        }
    }
    Ok(form)
}

/// Where this request's bytes go: chunk `index` of `total`, for a file of `size` bytes.
struct Piece {
    size: u64,
    index: u64,
    total: u64,
}

fn invalid_range() -> ApiError {
    ApiError::new(
        400,
        "storage_invalid_content_range",
        "The content range is invalid. Please verify the content range and try again.",
    )
}

/// `bytes <start>-<end>/<total>`, on 5 MiB boundaries.
fn parse_content_range(value: &str, len: u64) -> Result<Piece, ApiError> {
    let rest = value
        .trim()
        .strip_prefix("bytes ")
        .ok_or_else(invalid_range)?;
    let (range, size) = rest.split_once('/').ok_or_else(invalid_range)?;
    let (start, end) = range.split_once('-').ok_or_else(invalid_range)?;
    let parse = |s: &str| s.trim().parse::<u64>().map_err(|_| invalid_range());
    let (start, end, size) = (parse(start)?, parse(end)?, parse(size)?);
    if start > end || end >= size || start % CHUNK_SIZE != 0 || end - start + 1 != len {
        return Err(invalid_range());
    }
    let total = size.div_ceil(CHUNK_SIZE);
    let index = start / CHUNK_SIZE;
    let expected = if index + 1 == total {
        size - start
    } else {
        CHUNK_SIZE
    };
    if len != expected {
        return Err(invalid_range());
    }
    Ok(Piece { size, index, total })
}

fn extension_allowed(allowed: &[String], name: &str) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    allowed
        .iter()
        .any(|a| a.trim_start_matches('.').eq_ignore_ascii_case(&ext))
}

pub async fn create(
    State(app): State<App>,
    Path(bucket_id): Path<String>,
    headers: HeaderMap,
    req: Request,
) -> Result<Response, ApiError> {
    let caller = auth::api(&app, &headers, "files.write")?;
    ids::check("bucketId", &bucket_id)?;
    let bucket = visible_bucket(&app.tables(), &bucket_id, caller)?.clone();
    if caller == Caller::Guest && !guest_can(&bucket.permissions, "create") {
        return Err(ApiError::user_unauthorized());
    }
    let form = read_form(req).await?;
    let file_id_param = form
        .file_id
        .ok_or_else(|| ApiError::missing_param("fileId"))?;
    let data = form.data.ok_or_else(|| {
        ApiError::new(
            400,
            "storage_file_empty",
            "Empty file passed to the endpoint.",
        )
    })?;
    let name = form.name.unwrap_or_default();
    let folder = match (app.emulate.has_folders(), form.folder.as_deref()) {
        (true, Some(raw)) => crate::folder::parse(raw)?,
        _ => String::new(),
    };
    if let Some(perms) = &form.permissions {
        if let Some(bad) = perms.iter().find(|p| !is_valid_permission(p)) {
            return Err(ApiError::param(
                "permissions",
                format!("Permission \"{bad}\" is not allowed."),
            ));
        }
    }

    let content_range = headers
        .get(header::CONTENT_RANGE)
        .and_then(|v| v.to_str().ok());
    let (piece, file_id) = match content_range {
        Some(range) => {
            let piece = parse_content_range(range, data.len() as u64)?;
            let header_id = headers
                .get("x-appwrite-id")
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty());
            let id = match header_id {
                Some(id) if ids::is_valid(id) => id.to_string(),
                Some(_) => {
                    return Err(ApiError::new(400, "storage_invalid_appwrite_id", "The value for x-appwrite-id header is invalid. Please check the value of the x-appwrite-id header is a valid id and not unique()."))
                }
                None => ids::resolve_new("fileId", &file_id_param)?,
            };
            (piece, id)
        }
        None => {
            let size = data.len() as u64;
            let piece = Piece {
                size,
                index: 0,
                total: 1,
            };
            (piece, ids::resolve_new("fileId", &file_id_param)?)
        }
    };
    if piece.size == 0 || data.is_empty() {
        return Err(ApiError::new(
            400,
            "storage_file_empty",
            "Empty file passed to the endpoint.",
        ));
    }
    if piece.size > bucket.maximum_file_size {
        return Err(ApiError::new(
            400,
            "storage_invalid_file_size",
            "The file size is either not valid or exceeds the maximum allowed size.",
        ));
    }
    if !extension_allowed(&bucket.allowed_file_extensions, &name) {
        return Err(ApiError::new(
            400,
            "storage_file_type_unsupported",
            "The given file extension is not supported.",
        ));
    }

    let file_seq = register(
        &app,
        &bucket_id,
        &file_id,
        NewFile {
            name: &name,
            folder,
            permissions: form.permissions,
        },
        &piece,
    )?;
    let bucket_seq = bucket.seq;
    if piece.total == 1 {
        finish(&app, bucket_seq, file_seq, data).await?;
    } else {
        app.blobs
            .put_chunk(bucket_seq, file_seq, piece.index, data)
            .await
            .map_err(|e| ApiError::internal(e.to_string()))?;
        if mark_received(&app, bucket_seq, file_seq, piece.index)? {
            let whole = app
                .blobs
                .take_chunks(bucket_seq, file_seq, piece.total)
                .await
                .map_err(|e| ApiError::internal(e.to_string()))?;
            finish(&app, bucket_seq, file_seq, whole).await?;
        }
    }
    let t = app.tables();
    let bucket = t
        .bucket(&bucket_id)
        .ok_or_else(ApiError::bucket_not_found)?;
    let file = t
        .file_table(bucket_seq)
        .and_then(|table| table.files.get(&file_seq))
        .ok_or_else(ApiError::file_not_found)?;
    Ok(json(
        StatusCode::CREATED,
        &file.to_json(bucket, app.emulate),
    ))
}

/// What the request says of the file it uploads (a later chunk's name and permissions are not
/// looked at: the first request's stay).
struct NewFile<'a> {
    name: &'a str,
    /// Stored form; `""` at the root and always on a 1.8.1 server.
    folder: String,
    permissions: Option<Vec<String>>,
}

/// Finds or creates the file document for this upload; returns its sequence.
fn register(
    app: &Shared,
    bucket_id: &str,
    file_id: &str,
    new: NewFile<'_>,
    piece: &Piece,
) -> Result<u64, ApiError> {
    let mut t = app.tables();
    let bucket_seq = t
        .bucket(bucket_id)
        .ok_or_else(ApiError::bucket_not_found)?
        .seq;
    if let Some(existing) = t.file_table(bucket_seq).and_then(|f| f.get(file_id)) {
        if existing.is_complete() {
            return Err(ApiError::new(
                409,
                "storage_file_already_exists",
                "A storage file with the requested ID already exists.",
            ));
        }
        if existing.chunks_total != piece.total || existing.size != piece.size {
            return Err(invalid_range());
        }
        if app.emulate.has_folders() && existing.folder != new.folder {
            return Err(ApiError::param(
                "folder",
                format!(
                    "The upload of file `{file_id}` began in {}, and every chunk must name that folder; this one names {}.",
                    crate::folder::describe(&existing.folder),
                    crate::folder::describe(&new.folder)
                ),
            ));
        }
        return Ok(existing.seq);
    }
    let now = time::now();
    let seq = t.take_seq();
    t.file_table_mut(bucket_seq).insert(FileDoc {
        id: file_id.to_string(),
        seq,
        bucket_id: bucket_id.to_string(),
        bucket_seq,
        created_at: now,
        updated_at: now,
        permissions: new.permissions.unwrap_or_default(),
        name: new.name.to_string(),
        folder: new.folder,
        signature: String::new(),
        mime_type: String::new(),
        size: piece.size,
        chunks_total: piece.total,
        chunks_uploaded: 0,
        received: Vec::new(),
        content: Content::Stored,
    });
    drop(t);
    app.saved_files(bucket_seq);
    Ok(seq)
}

fn file_mut(t: &mut crate::state::Tables, bucket_seq: u64, file_seq: u64) -> Option<&mut FileDoc> {
    t.files.get_mut(&bucket_seq)?.files.get_mut(&file_seq)
}

/// Counts a stored chunk; true when this request brought the last missing one.
fn mark_received(
    app: &Shared,
    bucket_seq: u64,
    file_seq: u64,
    index: u64,
) -> Result<bool, ApiError> {
    let mut t = app.tables();
    let file = file_mut(&mut t, bucket_seq, file_seq).ok_or_else(ApiError::file_not_found)?;
    if file.is_complete() || file.received.contains(&index) {
        return Ok(false);
    }
    file.received.push(index);
    file.received.sort_unstable();
    let received = file.received.len() as u64;
    let total = file.chunks_total;
    // The last chunk counts once the whole file is joined and stored.
    file.chunks_uploaded = received.min(total - 1);
    file.updated_at = time::now();
    drop(t);
    app.saved_files(bucket_seq);
    Ok(received == total)
}

/// Stores the whole file and completes its document.
async fn finish(app: &Shared, bucket_seq: u64, file_seq: u64, data: Bytes) -> Result<(), ApiError> {
    let name = {
        let mut t = app.tables();
        file_mut(&mut t, bucket_seq, file_seq)
            .ok_or_else(ApiError::file_not_found)?
            .name
            .clone()
    };
    let signature = md5_hex(&data);
    let mime = crate::mime::guess(&data, &name);
    app.blobs
        .put(bucket_seq, file_seq, data)
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let completed = {
        let mut t = app.tables();
        match file_mut(&mut t, bucket_seq, file_seq) {
            Some(file) => {
                file.signature = signature;
                file.mime_type = mime;
                file.chunks_uploaded = file.chunks_total;
                file.received.clear();
                file.updated_at = time::now();
                true
            }
            None => false,
        }
    };
    if !completed {
        // Deleted while uploading.
        app.blobs.remove(bucket_seq, file_seq).await;
        return Err(ApiError::file_not_found());
    }
    app.saved_files(bucket_seq);
    Shared::count(&app.counters.files_created);
    Ok(())
}

/// MD5 of `data` as 32 lowercase hex characters.
pub fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_must_sit_on_chunk_boundaries() {
        let size = CHUNK_SIZE * 2 + 10;
        let p =
            parse_content_range(&format!("bytes 0-{}/{size}", CHUNK_SIZE - 1), CHUNK_SIZE).unwrap();
        assert_eq!((p.index, p.total), (0, 3));
        let p = parse_content_range(&format!("bytes {}-{}/{size}", CHUNK_SIZE * 2, size - 1), 10)
            .unwrap();
        assert_eq!((p.index, p.total), (2, 3));
        assert!(parse_content_range("bytes 5-10/100", 6).is_err());
        assert!(parse_content_range("bytes 0-99/100", 99).is_err());
        assert!(parse_content_range("bytes 0-100/100", 101).is_err());
        assert!(parse_content_range("items 0-9/10", 10).is_err());
    }

    #[test]
    fn md5_matches_a_known_value() {
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn extension_rules() {
        assert!(extension_allowed(&[], "a.exe"));
        assert!(extension_allowed(&["png".into()], "A.PNG"));
        assert!(!extension_allowed(&["png".into()], "a.jpg"));
    }
}
