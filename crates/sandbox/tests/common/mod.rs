//! Test helpers: a started sandbox with a raw HTTP client, request shortcuts, the one deadline wait
//! of these tests, and a check of recorded answers against the OpenAPI response schemas.
#![allow(dead_code)]

use std::future::Future;
use std::time::{Duration, Instant};

use appwrite_sandbox::{Config, Emulation, Sandbox};
use reqwest::{Method, RequestBuilder};
use serde_json::Value;

pub struct Api {
    pub sb: Sandbox,
    pub http: reqwest::Client,
}

impl Api {
    pub async fn start(config: Config) -> Api {
        let sb = appwrite_sandbox::start(config)
            .await
            .expect("sandbox starts");
        Api {
            sb,
            http: reqwest::Client::new(),
        }
    }

    pub async fn empty() -> Api {
        Self::start(Config {
            record_responses: true,
            ..Config::default()
        })
        .await
    }

    pub async fn demo() -> Api {
        Self::start(Config {
            seed: appwrite_sandbox::Seed::Demo,
            record_responses: true,
            ..Config::default()
        })
        .await
    }

    /// An empty sandbox answering as `emulate`.
    pub async fn empty_as(emulate: Emulation) -> Api {
        Self::start(Config {
            emulate,
            record_responses: true,
            ..Config::default()
        })
        .await
    }

    /// The demo project, answered as `emulate`.
    pub async fn demo_as(emulate: Emulation) -> Api {
        Self::start(Config {
            emulate,
            seed: appwrite_sandbox::Seed::Demo,
            record_responses: true,
            ..Config::default()
        })
        .await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sb.endpoint(), path)
    }

    /// A request with the project and the key.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("X-Appwrite-Project", self.sb.project_id())
            .header("X-Appwrite-Key", self.sb.api_key())
            .header("X-Appwrite-Response-Format", "1.8.0")
    }

    /// A request with no headers at all (as a browser opening a share link).
    pub fn bare(&self, path: &str) -> RequestBuilder {
        self.http.get(self.url(path))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        send(self.req(Method::GET, path)).await
    }

    pub async fn list(&self, path: &str, queries: &[Value]) -> (u16, Value) {
        send(self.req(Method::GET, path).query(&queries_param(queries))).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.req(Method::POST, path).json(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.req(Method::PATCH, path).json(&body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, String) {
        let r = self.req(Method::DELETE, path).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    pub async fn create_bucket(&self, id: &str, extra: Value) -> Value {
        let mut body = serde_json::json!({"bucketId": id, "name": format!("Bucket {id}")});
        if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
            b.extend(e);
        }
        let (status, json) = self.post("/storage/buckets", body).await;
        assert_eq!(status, 201, "{json}");
        json
    }

    /// Uploads `data` in one request.
    pub async fn upload(
        &self,
        bucket: &str,
        file_id: &str,
        name: &str,
        data: Vec<u8>,
    ) -> (u16, Value) {
        let form = reqwest::multipart::Form::new()
            .text("fileId", file_id.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(data).file_name(name.to_string()),
            );
        send(
            self.req(Method::POST, &format!("/storage/buckets/{bucket}/files"))
                .multipart(form),
        )
        .await
    }

    /// Uploads `data` in one request into `folder` (the `folder` form field).
    pub async fn upload_in(
        &self,
        bucket: &str,
        file_id: &str,
        folder: &str,
        name: &str,
        data: Vec<u8>,
    ) -> (u16, Value) {
        let form = reqwest::multipart::Form::new()
            .text("fileId", file_id.to_string())
            .text("folder", folder.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(data).file_name(name.to_string()),
            );
        send(
            self.req(Method::POST, &format!("/storage/buckets/{bucket}/files"))
                .multipart(form),
        )
        .await
    }

    /// Uploads one chunk with `Content-Range` (and `x-appwrite-id` when given).
    pub async fn upload_chunk(
        &self,
        bucket: &str,
        file_id: &str,
        upload_id: Option<&str>,
        name: &str,
        whole: &[u8],
        index: usize,
    ) -> (u16, Value) {
        self.upload_chunk_in(bucket, file_id, upload_id, None, name, whole, index)
            .await
    }

    /// [`Api::upload_chunk`] with a `folder` form field when `folder` is given.
    #[allow(clippy::too_many_arguments)]
    pub async fn upload_chunk_in(
        &self,
        bucket: &str,
        file_id: &str,
        upload_id: Option<&str>,
        folder: Option<&str>,
        name: &str,
        whole: &[u8],
        index: usize,
    ) -> (u16, Value) {
        send(self.chunk_request(bucket, file_id, upload_id, folder, name, whole, index)).await
    }

    /// The request [`Api::upload_chunk_in`] sends, not sent yet.
    #[allow(clippy::too_many_arguments)]
    pub fn chunk_request(
        &self,
        bucket: &str,
        file_id: &str,
        upload_id: Option<&str>,
        folder: Option<&str>,
        name: &str,
        whole: &[u8],
        index: usize,
    ) -> RequestBuilder {
        const CHUNK: usize = 5 * 1024 * 1024;
        let start = index * CHUNK;
        let end = (start + CHUNK).min(whole.len());
        let mut form = reqwest::multipart::Form::new().text("fileId", file_id.to_string());
        if let Some(folder) = folder {
            form = form.text("folder", folder.to_string());
        }
        let form = form.part(
            "file",
            reqwest::multipart::Part::bytes(whole[start..end].to_vec()).file_name(name.to_string()),
        );
        let mut req = self
            .req(Method::POST, &format!("/storage/buckets/{bucket}/files"))
            .header(
                "Content-Range",
                format!("bytes {start}-{}/{}", end - 1, whole.len()),
            )
            .multipart(form);
        if let Some(id) = upload_id {
            req = req.header("x-appwrite-id", id);
        }
        req
    }

    pub async fn create_token(&self, bucket: &str, file: &str, expire: Value) -> Value {
        let (status, json) = self
            .post(
                &format!("/tokens/buckets/{bucket}/files/{file}"),
                serde_json::json!({"expire": expire}),
            )
            .await;
        assert_eq!(status, 201, "{json}");
        json
    }

    pub fn share_link(&self, bucket: &str, file: &str, kind: &str, secret: &str) -> String {
        format!(
            "/storage/buckets/{bucket}/files/{file}/{kind}?project={}&token={secret}",
            self.sb.project_id()
        )
    }
}

pub async fn send(req: RequestBuilder) -> (u16, Value) {
    let r = req.send().await.expect("request sent");
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, json)
}

pub fn queries_param(queries: &[Value]) -> Vec<(String, String)> {
    queries
        .iter()
        .enumerate()
        .map(|(i, q)| (format!("queries[{i}]"), q.to_string()))
        .collect()
}

/// Asserts an Appwrite error body: status, type, `code` equal to the status, and the version of
/// one of the emulated servers (`health_and_headers` checks which one each reports).
pub fn assert_error(status: u16, body: &Value, want_status: u16, want_type: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["type"], want_type, "{body}");
    assert_eq!(body["code"], want_status, "{body}");
    let versions = [Emulation::Newest.version(), Emulation::V1_8_1.version()];
    assert!(versions.iter().any(|v| body["version"] == *v), "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Asserts a 400 `general_argument_invalid` with exactly `message`.
pub fn assert_invalid(status: u16, body: &Value, message: &str) {
    assert_error(status, body, 400, "general_argument_invalid");
    assert_eq!(body["message"], message, "{body}");
}

/// Polls `check` until it returns true or `limit` passes (every wait in these tests goes here).
pub async fn wait_until<F, Fut>(limit: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    loop {
        if check().await {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Checks every recorded JSON answer against the spec's response schemas; returns how many were
/// checked.
pub fn validate_recorded(sb: &Sandbox) -> usize {
    let recorded = sb.take_recorded();
    appwrite_spec_check::check_answers(recorded.iter().map(|r| appwrite_spec_check::Answer {
        method: &r.method,
        route: &r.route,
        status: r.status,
        body: &r.body,
    }))
}
