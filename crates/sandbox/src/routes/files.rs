//! File metadata routes: list, get, update, delete (`/storage/buckets/{bucketId}/files`), and the
//! bucket/file permission rules for guests (callers without a key).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use super::{cursor_not_found, json, no_content};
use crate::auth::{self, guest_can, is_valid_permission, Caller};
use crate::config::Emulation;
use crate::error::ApiError;
use crate::ids;
use crate::model::{Bucket, FileDoc, FileJson, FILE_ATTRIBUTES};
use crate::params::{Body, Params};
use crate::query::{self, Attr, Queryable};
use crate::server::App;
use crate::state::Tables;
use crate::time;

impl Queryable for FileDoc {
    const ATTRS: &'static [Attr<Self>] = &[
        Attr::str("name", |f| &f.name),
        Attr::str("folder", |f: &Self| &f.folder).newest_only(),
        Attr::str("signature", |f| &f.signature),
        Attr::str("mimeType", |f| &f.mime_type),
        Attr::int("sizeOriginal", |f| f.size as i64),
        Attr::int("chunksTotal", |f| f.chunks_total as i64),
        Attr::int("chunksUploaded", |f| f.chunks_uploaded as i64),
        Attr::str("$id", |f| &f.id),
        Attr::date("$createdAt", |f| f.created_at),
        Attr::date("$updatedAt", |f| f.updated_at),
    ];

    const SELECTABLE: &'static [&'static str] = FILE_ATTRIBUTES;

    fn seq(&self) -> u64 {
        self.seq
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.id, self.name)
    }
}

/// The bucket, as the caller may see it: unknown, or disabled for a guest, is 404.
pub fn visible_bucket<'a>(t: &'a Tables, id: &str, caller: Caller) -> Result<&'a Bucket, ApiError> {
    match t.bucket(id) {
        Some(b) if b.enabled || caller == Caller::Key => Ok(b),
        _ => Err(ApiError::bucket_not_found()),
    }
}

/// How far a caller's rights reach in a bucket, for one action.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every file.
    All,
    /// Only files whose own permissions allow it (file security on, bucket does not allow).
    PerFile,
}

/// Bucket-level check: without file security and without a bucket permission, 401.
pub fn reach(bucket: &Bucket, caller: Caller, action: &str) -> Result<Reach, ApiError> {
    if caller == Caller::Key || guest_can(&bucket.permissions, action) {
        Ok(Reach::All)
    } else if bucket.file_security {
        Ok(Reach::PerFile)
    } else {
        Err(ApiError::user_unauthorized())
    }
}

pub fn file_allows(reach: Reach, file: &FileDoc, action: &str) -> bool {
    reach == Reach::All || guest_can(&file.permissions, action)
}

#[derive(Serialize)]
struct FileList<'a> {
    total: u64,
    files: Vec<Listed<'a>>,
}

/// A listed file: the whole File, or with `select` queries (newest server) only `$id`,
/// `bucketId` and the attributes they name.
// The whole File is the usual case: kept inline rather than boxed for the few selected answers.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
enum Listed<'a> {
    Whole(FileJson<'a>),
    Selected(Value),
}

fn listed<'a>(
    file: &'a FileDoc,
    bucket: &'a Bucket,
    emulate: Emulation,
    select: Option<&[String]>,
) -> Listed<'a> {
    let whole = file.to_json(bucket, emulate);
    let Some(names) = select else {
        return Listed::Whole(whole);
    };
    let mut value = serde_json::to_value(whole).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.retain(|key, _| key == "$id" || key == "bucketId" || names.iter().any(|n| n == key));
    }
    Listed::Selected(value)
}

pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    Path(bucket_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = auth::api(&app, &headers, "files.read")?;
    ids::check("bucketId", &bucket_id)?;
    let params = Params::parse(raw.as_deref());
    let q = query::parse::<FileDoc>(&params.queries(), app.emulate)?;
    let search = params.search()?;
    let count = params.total()?;
    let t = app.tables();
    let bucket = visible_bucket(&t, &bucket_id, caller)?;
    let reach = reach(bucket, caller, "read")?;
    let Some(table) = t.file_table(bucket.seq) else {
        return Ok(json(
            StatusCode::OK,
            &FileList {
                total: 0,
                files: vec![],
            },
        ));
    };
    let cursor = match q.cursor_id() {
        Some(id) => Some(table.get(id).ok_or_else(|| cursor_not_found("File", id))?),
        None => None,
    };
    let docs = table
        .files
        .values()
        .filter(|f| file_allows(reach, f, "read"));
    let (page, total) = q.run(docs, &search, cursor, count);
    let files = page
        .iter()
        .map(|f| listed(f, bucket, app.emulate, q.select.as_deref()))
        .collect();
    let mut answer = json(StatusCode::OK, &FileList { total, files });
    if q.select.is_some() {
        answer.extensions_mut().insert(crate::server::Partial);
    }
    Ok(answer)
}

/// Finds a file the caller may act on; per-file denial is 404 (the file is invisible).
fn find_file<'a>(
    t: &'a Tables,
    bucket: &Bucket,
    file_id: &str,
    caller: Caller,
    action: &str,
) -> Result<&'a FileDoc, ApiError> {
    let reach = reach(bucket, caller, action)?;
    t.file_table(bucket.seq)
        .and_then(|table| table.get(file_id))
        .filter(|f| {
            file_allows(reach, f, action) || (action != "read" && file_allows(reach, f, "read"))
        })
        .ok_or_else(ApiError::file_not_found)
}

pub async fn get(
    State(app): State<App>,
    headers: HeaderMap,
    Path((bucket_id, file_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let caller = auth::api(&app, &headers, "files.read")?;
    ids::check("bucketId", &bucket_id)?;
    ids::check("fileId", &file_id)?;
    let t = app.tables();
    let bucket = visible_bucket(&t, &bucket_id, caller)?;
    let file = find_file(&t, bucket, &file_id, caller, "read")?;
    Ok(json(StatusCode::OK, &file.to_json(bucket, app.emulate)))
}

pub async fn update(
    State(app): State<App>,
    headers: HeaderMap,
    Path((bucket_id, file_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let caller = auth::api(&app, &headers, "files.write")?;
    ids::check("bucketId", &bucket_id)?;
    ids::check("fileId", &file_id)?;
    let body = Body::parse(&body)?;
    let name = body.str("name")?;
    if name
        .as_ref()
        .is_some_and(|n| n.is_empty() || n.chars().count() > 255)
    {
        return Err(ApiError::param(
            "name",
            "Value must be a valid string and at least 1 chars and no longer than 255 chars",
        ));
    }
    let permissions = body.str_list("permissions")?;
    if permissions
        .as_ref()
        .is_some_and(|p| p.iter().any(|p| !is_valid_permission(p)))
    {
        return Err(ApiError::param("permissions", "Permission is not allowed."));
    }
    let mut t = app.tables();
    let bucket = visible_bucket(&t, &bucket_id, caller)?.clone();
    let file = find_file(&t, &bucket, &file_id, caller, "update")?;
    if caller == Caller::Guest
        && !(guest_can(&bucket.permissions, "update") || guest_can(&file.permissions, "update"))
    {
        return Err(ApiError::user_unauthorized());
    }
    let file = t
        .file_table_mut(bucket.seq)
        .get_mut(&file_id)
        .ok_or_else(ApiError::file_not_found)?;
    if let Some(name) = name {
        file.name = name;
    }
    if let Some(p) = permissions {
        file.permissions = p;
    }
    file.updated_at = time::now();
    let answer = json(StatusCode::OK, &file.to_json(&bucket, app.emulate));
    drop(t);
    app.saved_files(bucket.seq);
    Ok(answer)
}

pub async fn delete(
    State(app): State<App>,
    headers: HeaderMap,
    Path((bucket_id, file_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let caller = auth::api(&app, &headers, "files.write")?;
    ids::check("bucketId", &bucket_id)?;
    ids::check("fileId", &file_id)?;
    let (bucket_seq, file_seq) = {
        let mut t = app.tables();
        let bucket = visible_bucket(&t, &bucket_id, caller)?.clone();
        let file = find_file(&t, &bucket, &file_id, caller, "delete")?;
        if caller == Caller::Guest
            && !(guest_can(&bucket.permissions, "delete") || guest_can(&file.permissions, "delete"))
        {
            return Err(ApiError::user_unauthorized());
        }
        // Tokens of the file stay: the real server does not delete them either.
        let removed = t
            .file_table_mut(bucket.seq)
            .remove(&file_id)
            .ok_or_else(ApiError::file_not_found)?;
        (bucket.seq, removed.seq)
    };
    app.blobs.remove(bucket_seq, file_seq).await;
    app.saved_files(bucket_seq);
    Ok(no_content())
}
