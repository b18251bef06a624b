//! The HTTP routes under `/v1`, their middleware stack, and small answer helpers.

pub mod access;
pub mod buckets;
pub mod files;
pub mod health;
pub mod tokens;
pub mod upload;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tower_http::cors::{Any, CorsLayer};

use crate::error::ApiError;
use crate::server::{self, App};

/// Largest request body: a whole file of the largest allowed size, plus multipart overhead.
const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// The API; with `cors`, any web origin may call it.
///
/// `X-Appwrite-Response-Format` is read by no route, whatever its value (1.8.0 from the CLI, 1.9.5
/// from node-appwrite, 2.3.0 and 2.5.0 from the newest Web and Python SDKs, or anything newer): the
/// real server's response filters only rewrite models that changed incompatibly between formats,
/// and none of them touches File, Bucket or ResourceToken up to 1.9.6, so every format gets the
/// same answers.
pub fn router(app: App, cors: bool) -> Router {
    let router = Router::new()
        .route("/v1/health/version", get(health::version))
        .route(
            "/v1/storage/buckets",
            get(buckets::list).post(buckets::create),
        )
        .route(
            "/v1/storage/buckets/{bucketId}",
            get(buckets::get)
                .put(buckets::update)
                .delete(buckets::delete),
        )
        .route(
            "/v1/storage/buckets/{bucketId}/files",
            get(files::list)
                .post(upload::create)
                .layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route(
            "/v1/storage/buckets/{bucketId}/files/{fileId}",
            get(files::get).put(files::update).delete(files::delete),
        )
        .route(
            "/v1/storage/buckets/{bucketId}/files/{fileId}/view",
            get(access::view),
        )
        .route(
            "/v1/storage/buckets/{bucketId}/files/{fileId}/download",
            get(access::download),
        )
        .route(
            "/v1/storage/buckets/{bucketId}/files/{fileId}/preview",
            get(access::preview),
        )
        .route(
            "/v1/tokens/buckets/{bucketId}/files/{fileId}",
            get(tokens::list).post(tokens::create),
        )
        .route(
            "/v1/tokens/{tokenId}",
            get(tokens::get)
                .patch(tokens::update)
                .delete(tokens::delete),
        )
        .fallback(route_not_found)
        .method_not_allowed_fallback(route_not_found)
        .layer(from_fn_with_state(
            app.clone(),
            crate::cold::load_for_request,
        ))
        .layer(from_fn_with_state(app.clone(), crate::faults::inject))
        .layer(from_fn_with_state(app.clone(), server::record))
        .layer(from_fn_with_state(app.clone(), server::count_and_delay));
    let router = match cors {
        true => router.layer(any_origin()),
        false => router,
    };
    router
        .layer(from_fn_with_state(app.clone(), crate::host::only_allowed))
        .layer(from_fn_with_state(app.clone(), server::report_version))
        .layer(axum::middleware::map_response(always_content_type))
        .with_state(app)
}

/// What the real server's HTTP layer sends when a route set no `Content-Type` (its 204s, CORS
/// preflights).
const FALLBACK_CONTENT_TYPE: &str = "text/html; charset=UTF-8";

/// Outermost: every answer carries a `Content-Type`, as the real server's do (the official
/// Python SDK reads it on every answer, deletes included, and fails without it). A 204 gets
/// `text/html` like the real server's, never JSON: an SDK would then parse its empty body.
async fn always_content_type(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(header::CONTENT_TYPE)
        .or_insert(HeaderValue::from_static(FALLBACK_CONTENT_TYPE));
    response
}

/// Any origin may call, with any header (the Appwrite ones included), so a web SDK can use it.
fn any_origin() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
        .expose_headers([
            header::CONTENT_RANGE,
            header::CONTENT_DISPOSITION,
            header::CONTENT_LENGTH,
            header::RETRY_AFTER,
        ])
}

async fn route_not_found() -> ApiError {
    ApiError::route_not_found()
}

/// A JSON answer.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut r = (status, bytes).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=UTF-8"),
            );
            r
        }
        Err(e) => ApiError::internal(e.to_string()).into_response(),
    }
}

/// 204 with an empty body.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// 400 `general_cursor_not_found`.
pub fn cursor_not_found(what: &str, id: &str) -> ApiError {
    ApiError::new(
        400,
        "general_cursor_not_found",
        format!("{what} '{id}' for the 'cursor' value not found."),
    )
}

#[cfg(test)]
mod tests {
    use crate::config::Emulation;
    use crate::model::{Bucket, FileDoc, Token};
    use crate::query::{self, Queryable};

    fn assert_table<D: Queryable>(what: &str) {
        let names: Vec<&str> = D::ATTRS.iter().map(|a| a.name()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{what} names an attribute twice");
        for name in names {
            let order = format!(r#"{{"method":"orderAsc","attribute":"{name}"}}"#);
            assert!(
                query::parse::<D>(&[order], Emulation::Newest).is_ok(),
                "{what}.{name}"
            );
        }
    }

    #[test]
    fn each_document_type_lists_each_queryable_attribute_once() {
        assert_table::<Bucket>("bucket");
        assert_table::<FileDoc>("file");
        assert_table::<Token>("token");
        assert!(query::parse::<Token>(
            &[r#"{"method":"equal","attribute":"expire","values":["x"]}"#.to_string()],
            Emulation::Newest
        )
        .is_err());
    }
}
