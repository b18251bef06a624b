//! `GET /v1/health/version`: the emulated server version, for anyone who asks (no project, no key),
//! as the real server answers it. The official CLI calls it before it accepts an endpoint; other
//! tools use it to probe that an address is an Appwrite server.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::json;
use crate::server::App;

pub async fn version(State(app): State<App>) -> Response {
    json(StatusCode::OK, &json!({ "version": app.emulate.version() }))
}
