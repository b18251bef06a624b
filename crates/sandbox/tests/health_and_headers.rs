//! What every client relies on before and around the Storage and Tokens calls: the health route
//! that names the emulated server version, a `Content-Type` on every answer (204s included), and
//! answers that keep one shape whatever `X-Appwrite-Response-Format` a client sends.

mod common;

use appwrite_sandbox::{Config, Emulation};
use common::{assert_error, send, Api};
use reqwest::header::{CONTENT_TYPE, HOST};
use reqwest::Method;
use serde_json::{json, Map, Value};

const JSON: &str = "application/json; charset=UTF-8";

fn content_type(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
}

async fn api_with_file() -> Api {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let (s, f) = api.upload("b", "f", "hello.txt", b"hello".to_vec()).await;
    assert_eq!(s, 201, "{f}");
    api
}

#[tokio::test]
async fn health_version_answers_anyone_with_the_emulated_version() {
    for (emulate, version) in [(Emulation::Newest, "2.5.0"), (Emulation::V1_8_1, "1.8.1")] {
        let api = Api::empty_as(emulate).await;
        assert_eq!(api.sb.emulation(), emulate);
        // As the official CLI asks: no project, no key, nothing else.
        let r = api.bare("/health/version").send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(content_type(&r).as_deref(), Some(JSON));
        assert_eq!(
            r.json::<Value>().await.unwrap(),
            json!({ "version": version })
        );
        // As an SDK asks: with the project and the key, which change nothing.
        let (s, b) = api.get("/health/version").await;
        assert_eq!((s, b), (200, json!({ "version": version })));
        // Outside the Storage and Tokens API: not recorded, so the spec check still holds.
        assert_eq!(api.sb.take_recorded().len(), 0);
    }
    assert_eq!(Config::default().emulate, Emulation::Newest);
}

#[tokio::test]
async fn every_error_body_names_the_emulated_version() {
    for (emulate, version) in [(Emulation::Newest, "2.5.0"), (Emulation::V1_8_1, "1.8.1")] {
        let api = Api::empty_as(emulate).await;
        // From a route, from the router's fallback, from the key check and from the host check.
        let (_, route) = api.get("/storage/buckets/nope").await;
        let (_, fallback) = api.get("/nowhere").await;
        let (_, key) = send(api.bare("/storage/buckets")).await;
        let (_, host) = send(api.bare("/storage/buckets").header(HOST, "evil.example")).await;
        for body in [route, fallback, key, host] {
            assert_eq!(body["version"], version, "{emulate:?}: {body}");
        }
    }
    let api = Api::start(Config {
        fault_rate: 1.0,
        fault_seed: Some(1),
        emulate: Emulation::V1_8_1,
        ..Config::default()
    })
    .await;
    // An injected fault's answer (when it has one) names it too.
    for _ in 0..10 {
        if let Ok(r) = api.req(Method::GET, "/storage/buckets").send().await {
            if let Ok(body) = r.json::<Value>().await {
                assert_eq!(body["version"], "1.8.1", "{body}");
            }
        }
    }
}

#[tokio::test]
async fn health_version_is_never_faulted() {
    let api = Api::start(Config {
        fault_rate: 1.0,
        fault_seed: Some(3),
        ..Config::default()
    })
    .await;
    for _ in 0..5 {
        let r = api.bare("/health/version").send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
    assert_eq!(api.sb.stats().faults_injected, 0);
}

#[tokio::test]
async fn health_version_is_refused_for_another_host_like_everything_else() {
    let api = Api::empty().await;
    let r = api
        .bare("/health/version")
        .header(HOST, "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(content_type(&r).as_deref(), Some(JSON));
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    assert_error(status, &body, 403, "general_unknown_origin");
    let stats = api.sb.stats();
    assert_eq!((stats.requests, stats.rejected), (0, 1), "{stats:?}");
}

#[tokio::test]
async fn a_delete_answered_with_204_has_a_content_type_that_is_not_json() {
    let api = api_with_file().await;
    let r = api
        .req(Method::DELETE, "/storage/buckets/b/files/f")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    // The real server's fallback; JSON would make an SDK parse the empty body.
    assert_eq!(
        content_type(&r).as_deref(),
        Some("text/html; charset=UTF-8")
    );
    assert_eq!(r.text().await.unwrap(), "");
}

#[tokio::test]
async fn every_answer_has_a_content_type() {
    let api = api_with_file().await;
    let token = api.create_token("b", "f", Value::Null).await;
    let id = token["$id"].as_str().unwrap().to_string();
    let secret = token["secret"].as_str().unwrap().to_string();
    let later = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT%H:%M:%S%.3f+00:00")
        .to_string();

    let project = api.sb.project_id().to_string();
    let cases: Vec<(&str, reqwest::RequestBuilder, u16, &str)> = vec![
        (
            "list buckets",
            api.req(Method::GET, "/storage/buckets"),
            200,
            JSON,
        ),
        (
            "list files",
            api.req(Method::GET, "/storage/buckets/b/files"),
            200,
            JSON,
        ),
        (
            "get file",
            api.req(Method::GET, "/storage/buckets/b/files/f"),
            200,
            JSON,
        ),
        (
            "download",
            api.req(Method::GET, "/storage/buckets/b/files/f/download"),
            200,
            "text/plain",
        ),
        (
            "view",
            api.req(Method::GET, "/storage/buckets/b/files/f/view"),
            200,
            "text/plain",
        ),
        (
            "share link",
            api.bare(&api.share_link("b", "f", "view", &secret)),
            200,
            "text/plain",
        ),
        (
            "create token",
            api.req(Method::POST, "/tokens/buckets/b/files/f")
                .json(&json!({})),
            201,
            JSON,
        ),
        (
            "list tokens",
            api.req(Method::GET, "/tokens/buckets/b/files/f"),
            200,
            JSON,
        ),
        (
            "update token",
            api.req(Method::PATCH, &format!("/tokens/{id}"))
                .json(&json!({"expire": later})),
            200,
            JSON,
        ),
        (
            "delete token",
            api.req(Method::DELETE, &format!("/tokens/{id}")),
            204,
            "text/html; charset=UTF-8",
        ),
        (
            "a file that is not there",
            api.req(Method::GET, "/storage/buckets/b/files/nope"),
            404,
            JSON,
        ),
        (
            "a route that is not there",
            api.req(Method::GET, "/storage/everything"),
            404,
            JSON,
        ),
        (
            "a wrong key",
            api.http
                .get(api.url("/storage/buckets"))
                .header("X-Appwrite-Project", project.as_str())
                .header("X-Appwrite-Key", "wrong"),
            401,
            JSON,
        ),
        (
            "a share link with no token",
            api.bare(&format!(
                "/storage/buckets/b/files/f/view?project={project}"
            )),
            401,
            JSON,
        ),
        (
            "a preflight without CORS",
            api.http
                .request(Method::OPTIONS, api.url("/storage/buckets"))
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"),
            404,
            JSON,
        ),
        (
            "another host",
            api.req(Method::GET, "/storage/buckets")
                .header(HOST, "evil.example"),
            403,
            JSON,
        ),
    ];
    for (what, req, status, want) in cases {
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{what}");
        let got = content_type(&r).unwrap_or_else(|| panic!("{what}: no Content-Type"));
        assert!(got.starts_with(want), "{what}: {got}");
    }
}

#[tokio::test]
async fn a_cors_preflight_has_a_content_type() {
    let api = Api::start(Config {
        cors: true,
        ..Config::default()
    })
    .await;
    let r = api
        .http
        .request(Method::OPTIONS, api.url("/storage/buckets"))
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "DELETE")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert!(content_type(&r).is_some());
}

/// The answer's structure: every key, and the JSON type of every value.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::Null => json!("null"),
        Value::Bool(_) => json!("bool"),
        Value::Number(_) => json!("number"),
        Value::String(_) => json!("string"),
    }
}

async fn answers_with_format(api: &Api, format: Option<&str>) -> Vec<(u16, Value)> {
    let request = |method: Method, path: &str| {
        let r = api
            .http
            .request(method, api.url(path))
            .header("X-Appwrite-Project", api.sb.project_id())
            .header("X-Appwrite-Key", api.sb.api_key());
        match format {
            Some(f) => r.header("X-Appwrite-Response-Format", f),
            None => r,
        }
    };
    let mut answers = Vec::new();
    for path in [
        "/storage/buckets",
        "/storage/buckets/b",
        "/storage/buckets/b/files",
        "/storage/buckets/b/files/f",
        "/tokens/buckets/b/files/f",
        "/storage/buckets/b/files/nope",
    ] {
        answers.push(send(request(Method::GET, path)).await);
    }
    let (s, token) =
        send(request(Method::POST, "/tokens/buckets/b/files/f").json(&json!({"expire": null})))
            .await;
    assert_eq!(s, 201, "{token}");
    let id = token["$id"].as_str().unwrap().to_string();
    answers.push((s, token));
    answers.push(send(request(Method::GET, &format!("/tokens/{id}"))).await);
    answers.push(send(request(Method::PATCH, &format!("/tokens/{id}")).json(&json!({}))).await);
    answers.push(send(request(Method::DELETE, &format!("/tokens/{id}"))).await);
    answers
        .into_iter()
        .map(|(status, body)| (status, shape(&body)))
        .collect()
}

#[tokio::test]
async fn every_response_format_gets_answers_of_the_same_shape() {
    for emulate in [Emulation::Newest, Emulation::V1_8_1] {
        every_response_format_gets_answers_of_the_same_shape_as(emulate).await;
    }
}

async fn every_response_format_gets_answers_of_the_same_shape_as(emulate: Emulation) {
    let api = Api::empty_as(emulate).await;
    api.create_bucket("b", json!({})).await;
    let (s, f) = api.upload("b", "f", "hello.txt", b"hello".to_vec()).await;
    assert_eq!(s, 201, "{f}");
    let plain = answers_with_format(&api, None).await;
    let statuses: Vec<u16> = plain.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        statuses,
        [200, 200, 200, 200, 200, 404, 201, 200, 200, 204],
        "{plain:?}"
    );
    // The CLI, node-appwrite, the newest Web and Python SDKs, and formats no server knows yet.
    for format in [
        "1.8.0",
        "1.9.5",
        "2.3.0",
        "2.5.0",
        "9.0.0",
        "not-a-version",
        "",
    ] {
        let answers = answers_with_format(&api, Some(format)).await;
        assert_eq!(answers, plain, "X-Appwrite-Response-Format: {format}");
    }
    assert!(common::validate_recorded(&api.sb) > 0);
}
