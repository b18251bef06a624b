//! Appwrite error answers: `{message, code, type, version}` with the right HTTP status.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

tokio::task_local! {
    /// The version the answering sandbox reports (see [`crate::Emulation::version`]), set around
    /// every request, so an error made anywhere (a route, a middleware) names it.
    static VERSION: &'static str;
}

/// Runs `answer` with error bodies naming `version`.
pub async fn reporting<F: std::future::Future>(version: &'static str, answer: F) -> F::Output {
    VERSION.scope(version, answer).await
}

/// The version error bodies name: the answering sandbox's, or the default emulation's outside a
/// request.
fn version() -> &'static str {
    VERSION
        .try_with(|v| *v)
        .unwrap_or_else(|_| crate::Emulation::default().version())
}

/// An error answer as the real server sends it.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'a str,
    code: u16,
    #[serde(rename = "type")]
    kind: &'a str,
    version: &'a str,
}

impl ApiError {
    pub fn new(status: u16, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            kind,
            message: message.into(),
        }
    }

    /// 400 `general_argument_invalid` for a named parameter: "Invalid `name` param: ...".
    pub fn param(name: &str, detail: impl AsRef<str>) -> Self {
        Self::new(
            400,
            "general_argument_invalid",
            format!("Invalid `{name}` param: {}", detail.as_ref()),
        )
    }

    /// 400 `general_argument_invalid` for a required parameter that is absent.
    pub fn missing_param(name: &str) -> Self {
        Self::new(
            400,
            "general_argument_invalid",
            format!("Param \"{name}\" is not optional."),
        )
    }

    pub fn route_not_found() -> Self {
        Self::new(
            404,
            "general_route_not_found",
            "The requested route was not found. Please refer to the API docs and try again.",
        )
    }

    pub fn user_unauthorized() -> Self {
        Self::new(
            401,
            "user_unauthorized",
            "The current user is not authorized to perform the requested action.",
        )
    }

    pub fn bucket_not_found() -> Self {
        Self::new(
            404,
            "storage_bucket_not_found",
            "Storage bucket with the requested ID could not be found.",
        )
    }

    pub fn file_not_found() -> Self {
        Self::new(
            404,
            "storage_file_not_found",
            "The requested file could not be found.",
        )
    }

    pub fn token_not_found() -> Self {
        Self::new(
            404,
            "token_not_found",
            "The requested token could not be found.",
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, "general_server_error", message)
    }

    /// The JSON body as bytes.
    pub fn body_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&ErrorBody {
            message: &self.message,
            code: self.status.as_u16(),
            kind: self.kind,
            version: version(),
        })
        .unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body_bytes()).into_response();
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=UTF-8"),
        );
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.kind,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}
