//! File token routes: create, list, get, update (expiry), delete (`/tokens/...`).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{cursor_not_found, json, no_content};
use crate::auth;
use crate::error::ApiError;
use crate::ids;
use crate::model::{Token, TokenJson};
use crate::params::{Body, Params};
use crate::query::{self, Attr, Queryable};
use crate::server::{App, Shared};
use crate::time;

impl Queryable for Token {
    /// `expire` is documented as queryable, but the real server rejects it.
    const ATTRS: &'static [Attr<Self>] = &[
        Attr::str("$id", |t| &t.id),
        Attr::date("$createdAt", |t| t.created_at),
        Attr::date("$updatedAt", |t| t.updated_at),
    ];

    fn seq(&self) -> u64 {
        self.seq
    }

    fn search_text(&self) -> String {
        self.id.clone()
    }
}

/// `expire`: null, omitted or `""` = never; else a date in the future.
fn parse_expire(body: &Body) -> Result<Option<DateTime<Utc>>, ApiError> {
    let bad = || {
        ApiError::param(
            "expire",
            "Value must be valid date in the future and between 0000-01-01 00:00:00 and 9999-12-31 00:00:00.",
        )
    };
    match body.str("expire").map_err(|_| bad())? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => match time::parse(&s) {
            Some(t) if t > Utc::now() => Ok(Some(t)),
            _ => Err(bad()),
        },
    }
}

fn answer(app: &Shared, status: StatusCode, token: &Token) -> Response {
    json(status, &token.to_json(app.signer.sign(token)))
}

/// The bucket and file of a token route, as sequences; 404s for unknown ones.
fn bucket_and_file(app: &Shared, bucket_id: &str, file_id: &str) -> Result<(u64, u64), ApiError> {
    ids::check("bucketId", bucket_id)?;
    ids::check("fileId", file_id)?;
    let t = app.tables();
    let bucket = t.bucket(bucket_id).ok_or_else(ApiError::bucket_not_found)?;
    let file = t
        .file_table(bucket.seq)
        .and_then(|f| f.get(file_id))
        .ok_or_else(ApiError::file_not_found)?;
    Ok((bucket.seq, file.seq))
}

pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    Path((bucket_id, file_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "tokens.write")?;
    let expire = parse_expire(&Body::parse(&body)?)?;
    let (bucket_seq, file_seq) = bucket_and_file(&app, &bucket_id, &file_id)?;
    let now = time::now();
    let mut t = app.tables();
    let token = Token {
        id: ids::generate(),
        seq: t.take_seq(),
        bucket_id,
        bucket_seq,
        file_id,
        file_seq,
        created_at: now,
        updated_at: now,
        expire,
        accessed_at: None,
    };
    t.insert_token(token.clone());
    drop(t);
    app.saved_tokens(bucket_seq);
    Shared::count(&app.counters.tokens_created);
    Ok(answer(&app, StatusCode::CREATED, &token))
}

#[derive(Serialize)]
struct TokenList {
    total: u64,
    tokens: Vec<TokenJson>,
}

pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    Path((bucket_id, file_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "tokens.read")?;
    let (bucket_seq, file_seq) = bucket_and_file(&app, &bucket_id, &file_id)?;
    let params = Params::parse(raw.as_deref());
    let q = query::parse::<Token>(&params.queries(), app.emulate)?;
    let count = params.total()?;
    let t = app.tables();
    let cursor = match q.cursor_id() {
        Some(id) => Some(t.token(id).ok_or_else(|| cursor_not_found("Token", id))?),
        None => None,
    };
    let docs = t
        .tokens
        .values()
        .filter(|tk| tk.bucket_seq == bucket_seq && tk.file_seq == file_seq);
    let (page, total) = q.run(docs, "", cursor, count);
    let tokens = page
        .iter()
        .map(|tk| tk.to_json(app.signer.sign(tk)))
        .collect();
    Ok(json(StatusCode::OK, &TokenList { total, tokens }))
}

pub async fn get(
    State(app): State<App>,
    headers: HeaderMap,
    Path(token_id): Path<String>,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "tokens.read")?;
    ids::check("tokenId", &token_id)?;
    let token = app
        .tables()
        .token(&token_id)
        .cloned()
        .ok_or_else(ApiError::token_not_found)?;
    Ok(answer(&app, StatusCode::OK, &token))
}

pub async fn update(
    State(app): State<App>,
    headers: HeaderMap,
    Path(token_id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "tokens.write")?;
    ids::check("tokenId", &token_id)?;
    // PATCH sets `expire` unconditionally: omitted or null clears it.
    let expire = parse_expire(&Body::parse(&body)?)?;
    let token = {
        let mut t = app.tables();
        let token = t
            .token_mut(&token_id)
            .ok_or_else(ApiError::token_not_found)?;
        token.expire = expire;
        token.updated_at = time::now();
        token.clone()
    };
    app.saved_tokens(token.bucket_seq);
    Ok(answer(&app, StatusCode::OK, &token))
}

pub async fn delete(
    State(app): State<App>,
    headers: HeaderMap,
    Path(token_id): Path<String>,
) -> Result<Response, ApiError> {
    auth::api(&app, &headers, "tokens.write")?;
    ids::check("tokenId", &token_id)?;
    let removed = app
        .tables()
        .remove_token(&token_id)
        .ok_or_else(ApiError::token_not_found)?;
    app.saved_tokens(removed.bucket_seq);
    Ok(no_content())
}
