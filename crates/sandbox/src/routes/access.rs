//! File content routes (view, download, preview) and the share-link rules: a `token` query
//! parameter is resolved (signature, `exp` with leeway, token still stored, stored expiry not
//! passed) and otherwise the request is anonymous; `accessedAt` is refreshed at most once per
//! interval while a token is resolved.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use chrono::Utc;

use super::files::{file_allows, reach, visible_bucket, Reach};
use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::ids;
use crate::model::{Bucket, Content, FileDoc, Token};
use crate::params::Params;
use crate::preview::{self, PreviewOptions};
use crate::server::{App, Shared};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    Download,
    Preview,
}

type Ids = Path<(String, String)>;

pub async fn view(
    State(app): State<App>,
    headers: HeaderMap,
    Path(p): Ids,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    serve(app, headers, p, q, Mode::View).await
}

pub async fn download(
    State(app): State<App>,
    headers: HeaderMap,
    Path(p): Ids,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    serve(app, headers, p, q, Mode::Download).await
}

pub async fn preview(
    State(app): State<App>,
    headers: HeaderMap,
    Path(p): Ids,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    serve(app, headers, p, q, Mode::Preview).await
}

/// Resolves a token secret; any failure is `None` (the request stays anonymous).
pub fn resolve_token(app: &Shared, secret: &str) -> Option<Token> {
    let claims = app.signer.verify(secret)?;
    if claims.resource_type != "files" {
        return None;
    }
    let now = crate::time::now();
    let (token, touched) = {
        let mut t = app.tables();
        let token = t.token_mut(&claims.token_id)?;
        if token.resource_internal_id() != claims.resource_internal_id
            || token.expire.is_some_and(|e| e <= Utc::now())
        {
            return None;
        }
        let stale = match token.accessed_at {
            None => true,
            Some(at) => now.signed_duration_since(at) >= app.access_interval,
        };
        if stale {
            token.accessed_at = Some(now);
        }
        (token.clone(), stale)
    };
    if touched {
        app.saved_tokens(token.bucket_seq);
    }
    Some(token)
}

/// The bucket and the file a request may read, per the real server's rules.
fn authorize(
    app: &Shared,
    caller: Caller,
    token: Option<&Token>,
    bucket_id: &str,
    file_id: &str,
) -> Result<(Bucket, FileDoc), ApiError> {
    let t = app.tables();
    let bucket = visible_bucket(&t, bucket_id, caller)?;
    let table = t.file_table(bucket.seq);
    let mut file = table.and_then(|f| f.get(file_id));
    if caller == Caller::Guest {
        let by_token = token.is_some_and(|tk| tk.bucket_seq == bucket.seq);
        let reach = if by_token {
            Reach::All
        } else {
            reach(bucket, caller, "read")?
        };
        file = file.filter(|f| file_allows(reach, f, "read"));
        // A token only ever opens its own file.
        if let Some(tk) = token {
            if file.map(|f| f.seq) != Some(tk.file_seq) || !by_token {
                return Err(ApiError::user_unauthorized());
            }
        }
    }
    let file = file
        .filter(|f| f.is_complete())
        .ok_or_else(ApiError::file_not_found)?;
    Ok((bucket.clone(), file.clone()))
}

/// A file's bytes: from the blob store, or made on demand for generated seed files.
pub async fn content(app: &Shared, file: &FileDoc) -> Result<Bytes, ApiError> {
    match file.content {
        Content::Generated(index) => Ok(Bytes::from(crate::seed::scale_file_bytes(index))),
        Content::Stored => app
            .blobs
            .get(file.bucket_seq, file.seq)
            .await
            .map_err(|_| ApiError::file_not_found()),
    }
}

async fn serve(
    app: App,
    headers: HeaderMap,
    (bucket_id, file_id): (String, String),
    raw: Option<String>,
    mode: Mode,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref());
    let caller = auth::file_route(&app, &headers, params.get("project"), "files.read")?;
    ids::check("bucketId", &bucket_id)?;
    ids::check("fileId", &file_id)?;
    let options = if mode == Mode::Preview {
        Some(PreviewOptions::from_params(&params)?)
    } else {
        None
    };
    let token = match (caller, params.get("token")) {
        (Caller::Guest, Some(secret)) if !secret.is_empty() => resolve_token(&app, secret),
        _ => None,
    };
    let (bucket, file) = authorize(&app, caller, token.as_ref(), &bucket_id, &file_id)?;
    if let Some(options) = options {
        if !bucket.transformations {
            return Err(ApiError::new(
                403,
                "storage_bucket_transformations_disabled",
                "Image transformations are disabled for the requested bucket.",
            ));
        }
        let data = content(&app, &file).await?;
        let mime = file.mime_type.clone();
        let name = file.name.clone();
        let (image, content_type) =
            tokio::task::spawn_blocking(move || preview::render(&data, &mime, &name, &options))
                .await
                .map_err(|e| ApiError::internal(e.to_string()))?
                .map_err(ApiError::internal)?;
        let mut r = (StatusCode::OK, image).into_response();
        set(&mut r, header::CONTENT_TYPE, content_type);
        set(&mut r, header::CACHE_CONTROL, "private, max-age=2592000");
        return Ok(r);
    }
    let data = content(&app, &file).await?;
    let mut r = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        Some(range) => {
            let size = data.len() as u64;
            let (start, end) = parse_range(range, size).ok_or_else(|| ApiError::new(416, "storage_invalid_range", "The requested range is not satisfiable. Please verify the range and try again."))?;
            let mut r = (
                StatusCode::PARTIAL_CONTENT,
                data.slice(start as usize..=end as usize),
            )
                .into_response();
            set(
                &mut r,
                header::CONTENT_RANGE,
                &format!("bytes {start}-{end}/{size}"),
            );
            r
        }
        None => (StatusCode::OK, data).into_response(),
    };
    let disposition = if mode == Mode::View {
        "inline"
    } else {
        "attachment"
    };
    set(&mut r, header::CONTENT_TYPE, &file.mime_type);
    set(
        &mut r,
        header::CONTENT_DISPOSITION,
        &content_disposition(disposition, &file.name),
    );
    set(&mut r, header::ACCEPT_RANGES, "bytes");
    set(&mut r, header::CACHE_CONTROL, "private, max-age=3888000");
    if mode == Mode::View {
        set(&mut r, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    }
    Ok(r)
}

fn set(r: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
}

/// `inline; filename="a.png"` (non-ASCII names also get an RFC 5987 `filename*`).
fn content_disposition(kind: &str, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ascii == name {
        format!("{kind}; filename=\"{name}\"")
    } else {
        let encoded: String = name
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
    }
}

/// One `bytes=` range within `size`: `a-b`, `a-` or `-n`. The end must lie inside the file.
fn parse_range(value: &str, size: u64) -> Option<(u64, u64)> {
    let spec = value.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || size == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = match (a.is_empty(), b.is_empty()) {
        (false, false) => (a.parse().ok()?, b.parse().ok()?),
        (false, true) => (a.parse().ok()?, size - 1),
        (true, false) => {
            let n: u64 = b.parse().ok()?;
            if n == 0 {
                return None;
            }
            (size.saturating_sub(n), size - 1)
        }
        (true, true) => return None,
    };
    (start <= end && end < size).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(parse_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=10-5", 100), None);
        assert_eq!(parse_range("bytes=0-100", 100), None);
        assert_eq!(parse_range("bytes=0-1,5-6", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
    }

    #[test]
    fn dispositions() {
        assert_eq!(
            content_disposition("inline", "a b.png"),
            "inline; filename=\"a b.png\""
        );
        assert!(content_disposition("attachment", "é.txt").contains("filename*=UTF-8''%C3%A9.txt"));
    }
}
