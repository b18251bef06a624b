//! Bucket routes: list, get, create, update, delete (`/storage/buckets`).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

use super::{cursor_not_found, json, no_content};
use crate::auth::{self, is_valid_permission};
use crate::config::Emulation;
use crate::error::ApiError;
use crate::ids;
use crate::model::{Bucket, BucketJson, MAX_FILE_SIZE};
use crate::params::{group, Body, Params};
use crate::query::{self, Attr, Queryable};
use crate::server::App;
use crate::state::Tables;
use crate::time;

impl Queryable for Bucket {
    const ATTRS: &'static [Attr<Self>] = &[
        Attr::bool("enabled", |b| b.enabled),
        Attr::str("name", |b| &b.name),
        Attr::bool("fileSecurity", |b| b.file_security),
        Attr::int("maximumFileSize", |b| b.maximum_file_size as i64),
        Attr::bool("encryption", |b| b.encryption),
        Attr::bool("antivirus", |b| b.antivirus),
        Attr::bool("transformations", |b| b.transformations),
        Attr::bool("stripMetadata", |b: &Self| b.strip_metadata).newest_only(),
        Attr::str("$id", |b| &b.id),
        Attr::date("$createdAt", |b| b.created_at),
        Attr::date("$updatedAt", |b| b.updated_at),
    ];

    fn seq(&self) -> u64 {
        self.seq
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.id, self.name)
    }
}

#[derive(Serialize)]
struct BucketList<'a> {
    total: u64,
    buckets: Vec<BucketJson<'a>>,
}

fn total_size(t: &Tables, bucket: &Bucket) -> u64 {
    t.total_size(bucket.seq)
}

pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "buckets.read")?;
    let params = Params::parse(raw.as_deref());
    let q = query::parse::<Bucket>(&params.queries(), app.emulate)?;
    let search = params.search()?;
    let count = params.total()?;
    let t = app.tables();
    let cursor = match q.cursor_id() {
        Some(id) => Some(t.bucket(id).ok_or_else(|| cursor_not_found("Bucket", id))?),
        None => None,
    };
    let (page, total) = q.run(t.buckets.values(), &search, cursor, count);
    let buckets = page
        .iter()
        .map(|b| b.to_json(total_size(&t, b), app.emulate))
        .collect();
    Ok(json(StatusCode::OK, &BucketList { total, buckets }))
}

pub async fn get(
    State(app): State<App>,
    headers: HeaderMap,
    Path(bucket_id): Path<String>,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "buckets.read")?;
    ids::check("bucketId", &bucket_id)?;
    let t = app.tables();
    let bucket = t
        .bucket(&bucket_id)
        .ok_or_else(ApiError::bucket_not_found)?;
    Ok(json(
        StatusCode::OK,
        &bucket.to_json(total_size(&t, bucket), app.emulate),
    ))
}

/// The settings a create or update sends; omitted ones take the server defaults.
struct Settings {
    name: String,
    permissions: Option<Vec<String>>,
    file_security: bool,
    enabled: bool,
    maximum_file_size: u64,
    allowed_file_extensions: Vec<String>,
    compression: String,
    encryption: bool,
    antivirus: bool,
    transformations: bool,
    /// The newest server's `description` and `stripMetadata`; `None` on a 1.8.1 server, which
    /// ignores them (they stay as they were).
    newest: Option<(String, bool)>,
}

/// The longest bucket description, in characters. Not documented for buckets: the limit the real
/// server puts on a project's description.
pub const DESCRIPTION_MAX: usize = 256;

fn settings(body: &Body, emulate: Emulation, limit: u64) -> Result<Settings, ApiError> {
    let name = body.required_str("name")?;
    if name.is_empty() || name.chars().count() > 128 {
        return Err(ApiError::param(
            "name",
            "Value must be a valid string and at least 1 chars and no longer than 128 chars",
        ));
    }
    let permissions = body.str_list("permissions")?;
    if let Some(perms) = &permissions {
        if let Some(bad) = perms.iter().find(|p| !is_valid_permission(p)) {
            return Err(ApiError::param(
                "permissions",
                format!("Permission \"{bad}\" is not allowed. Must be one of: create, read, update, delete, write."),
            ));
        }
    }
    let maximum_file_size = match body.int("maximumFileSize")? {
        None => MAX_FILE_SIZE,
        Some(n) if (1..=limit as i64).contains(&n) => n as u64,
        Some(_) => {
            return Err(ApiError::param(
                "maximumFileSize",
                format!(
                    "Value must be a valid range between 1 and {}",
                    group(limit as i64)
                ),
            ))
        }
    };
    let allowed_file_extensions = body.str_list("allowedFileExtensions")?.unwrap_or_default();
    if allowed_file_extensions.len() > 100 || allowed_file_extensions.iter().any(|e| e.len() > 64) {
        return Err(ApiError::param(
            "allowedFileExtensions",
            "Value must a valid array no longer than 100 items and Value must be a valid string and no longer than 64 chars",
        ));
    }
    let compression = body.str("compression")?.unwrap_or_else(|| "none".into());
    if !matches!(compression.as_str(), "none" | "gzip" | "zstd") {
        return Err(ApiError::param(
            "compression",
            "Value must be one of (none, gzip, zstd)",
        ));
    }
    let newest = match emulate.has_folders() {
        false => None,
        true => {
            let description = body.str("description")?.unwrap_or_default();
            if description.chars().count() > DESCRIPTION_MAX {
                return Err(ApiError::param(
                    "description",
                    format!(
                        "Value must be a valid string and no longer than {DESCRIPTION_MAX} chars"
                    ),
                ));
            }
            Some((description, body.bool("stripMetadata")?.unwrap_or(false)))
        }
    };
    Ok(Settings {
        name,
        permissions,
        file_security: body.bool("fileSecurity")?.unwrap_or(false),
        enabled: body.bool("enabled")?.unwrap_or(true),
        maximum_file_size,
        allowed_file_extensions,
        compression,
        encryption: body.bool("encryption")?.unwrap_or(true),
        antivirus: body.bool("antivirus")?.unwrap_or(true),
        transformations: body.bool("transformations")?.unwrap_or(true),
        newest,
    })
}

fn apply(bucket: &mut Bucket, s: Settings) {
    bucket.name = s.name;
    if let Some(p) = s.permissions {
        bucket.permissions = p;
    }
    bucket.file_security = s.file_security;
    bucket.enabled = s.enabled;
    bucket.maximum_file_size = s.maximum_file_size;
    bucket.allowed_file_extensions = s.allowed_file_extensions;
    bucket.compression = s.compression;
    bucket.encryption = s.encryption;
    bucket.antivirus = s.antivirus;
    bucket.transformations = s.transformations;
    if let Some((description, strip_metadata)) = s.newest {
        bucket.description = description;
        bucket.strip_metadata = strip_metadata;
    }
}

pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "buckets.write")?;
    let body = Body::parse(&body)?;
    let id = ids::resolve_new("bucketId", &body.required_str("bucketId")?)?;
    let s = settings(&body, app.emulate, app.storage_limit)?;
    let mut t = app.tables();
    if t.bucket(&id).is_some() {
        return Err(ApiError::new(
            409,
            "storage_bucket_already_exists",
            "A storage bucket with the requested ID already exists. Try again with a different ID or use ID.unique() to generate a unique ID.",
        ));
    }
    let mut bucket = Bucket::new(id, t.take_seq(), String::new(), time::now());
    apply(&mut bucket, s);
    let answer = json(StatusCode::CREATED, &bucket.to_json(0, app.emulate));
    let seq = bucket.seq;
    t.insert_bucket(bucket);
    drop(t);
    app.saved_buckets();
    app.saved_files(seq);
    Ok(answer)
}

pub async fn update(
    State(app): State<App>,
    headers: HeaderMap,
    Path(bucket_id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "buckets.write")?;
    ids::check("bucketId", &bucket_id)?;
    let body = Body::parse(&body)?;
    let s = settings(&body, app.emulate, app.storage_limit)?;
    let mut t = app.tables();
    let bucket = t
        .bucket_mut(&bucket_id)
        .ok_or_else(ApiError::bucket_not_found)?;
    apply(bucket, s);
    bucket.updated_at = time::now();
    let bucket = bucket.clone();
    let answer = json(
        StatusCode::OK,
        &bucket.to_json(total_size(&t, &bucket), app.emulate),
    );
    drop(t);
    app.saved_buckets();
    Ok(answer)
}

pub async fn delete(
    State(app): State<App>,
    headers: HeaderMap,
    Path(bucket_id): Path<String>,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "buckets.write")?;
    ids::check("bucketId", &bucket_id)?;
    let removed = app
        .tables()
        .remove_bucket(&bucket_id)
        .ok_or_else(ApiError::bucket_not_found)?;
    app.blobs.remove_bucket(removed.seq).await;
    app.saved_buckets();
    app.saved_files(removed.seq);
    app.saved_tokens(removed.seq);
    Ok(no_content())
}
