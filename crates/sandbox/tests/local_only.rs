//! The sandbox answers only the machine it runs on: requests addressed to another host are refused
//! before they touch anything, web origins get no CORS answer unless asked for, and the data dir
//! (which holds the key and the token signing secret) is private to the user.

mod common;

use appwrite_sandbox::{Config, Seed, StartError};
use common::{assert_error, send, Api};
use reqwest::header::HOST;
use reqwest::Method;
use serde_json::json;

fn cors_headers(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

#[tokio::test]
async fn a_request_for_another_host_is_refused_and_creates_nothing() {
    let api = Api::empty().await;
    let port = api.sb.addr().port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
        String::new(),
    ] {
        let (s, b) = send(
            api.req(Method::POST, "/storage/buckets")
                .header(HOST, host.as_str())
                .json(&json!({"bucketId": "planted", "name": "Planted"})),
        )
        .await;
        assert_error(s, &b, 403, "general_unknown_origin");
        let message = b["message"].as_str().unwrap();
        assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    }
    let (s, b) = send(
        api.req(Method::OPTIONS, "/storage/buckets")
            .header(HOST, "evil.example")
            .header("Origin", "http://evil.example")
            .header("Access-Control-Request-Method", "POST"),
    )
    .await;
    assert_error(s, &b, 403, "general_unknown_origin");
    let stats = api.sb.stats();
    assert_eq!((stats.requests, stats.rejected), (0, 9), "{stats:?}");

    let (s, l) = api.get("/storage/buckets").await;
    assert_eq!((s, &l["total"]), (200, &json!(0)), "{l}");
    assert_eq!(api.sb.stats().requests, 1);
    let recorded = api.sb.take_recorded();
    assert_eq!(
        recorded.len(),
        1,
        "refused requests are not answered by a route"
    );
}

#[tokio::test]
async fn loopback_names_for_the_listening_port_are_answered() {
    let api = Api::empty().await;
    let port = api.sb.addr().port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let (s, b) = send(
            api.req(Method::GET, "/storage/buckets")
                .header(HOST, host.as_str()),
        )
        .await;
        assert_eq!(s, 200, "{host}: {b}");
    }
    assert_eq!(api.sb.stats().rejected, 0);
}

#[tokio::test]
async fn ipv6_loopback_is_answered_when_listening_on_it() {
    let api = match appwrite_sandbox::start(Config {
        listen: "[::1]:0".parse().unwrap(),
        ..Config::default()
    })
    .await
    {
        Ok(api) => api,
        // No IPv6 loopback on this machine: nothing to check.
        Err(StartError::Bind { .. }) => return,
        Err(e) => panic!("{e}"),
    };
    assert!(
        api.endpoint().starts_with("http://[::1]:"),
        "{}",
        api.endpoint()
    );
    let r = reqwest::Client::new()
        .get(format!("{}/storage/buckets", api.endpoint()))
        .header("X-Appwrite-Project", api.project_id())
        .header("X-Appwrite-Key", api.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    api.shutdown().await;
}

#[tokio::test]
async fn listening_on_every_address_names_the_loopback_endpoint() {
    let api = Api::start(Config {
        listen: "0.0.0.0:0".parse().unwrap(),
        ..Config::default()
    })
    .await;
    let port = api.sb.addr().port();
    assert_eq!(api.sb.endpoint(), format!("http://127.0.0.1:{port}/v1"));
    let (s, b) = api.get("/storage/buckets").await;
    assert_eq!(s, 200, "{b}");
}

#[tokio::test]
async fn any_host_is_answered_only_when_allowed() {
    let api = Api::start(Config {
        allow_any_host: true,
        ..Config::default()
    })
    .await;
    let (s, b) = send(
        api.req(Method::POST, "/storage/buckets")
            .header(HOST, "sandbox.lan:8080")
            .json(&json!({"bucketId": "b", "name": "B"})),
    )
    .await;
    assert_eq!(s, 201, "{b}");
}

#[tokio::test]
async fn a_web_origin_gets_no_cors_headers_by_default() {
    let api = Api::demo().await;
    let r = api
        .req(Method::GET, "/storage/buckets")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(cors_headers(&r), Vec::<String>::new());
    let r = api
        .http
        .request(Method::OPTIONS, api.url("/storage/buckets"))
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-appwrite-key")
        .send()
        .await
        .unwrap();
    assert!(!r.status().is_success(), "{}", r.status());
    assert_eq!(cors_headers(&r), Vec::<String>::new());
}

#[tokio::test]
async fn the_cors_option_answers_any_origin_with_the_appwrite_headers() {
    let api = Api::start(Config {
        cors: true,
        seed: Seed::Demo,
        ..Config::default()
    })
    .await;
    let r = api
        .http
        .request(Method::OPTIONS, api.url("/storage/buckets"))
        .header("Origin", "tauri://localhost")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "x-appwrite-project,x-appwrite-key,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let allowed = r.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        allowed.contains("x-appwrite-key") || allowed == "*",
        "{allowed}"
    );
    let r = api
        .req(Method::GET, "/storage/buckets")
        .header("Origin", "http://localhost:5173")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_binary_answers_web_origins_only_with_the_cors_flag() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_appwrite-sandbox"))
        .args(["--cors", "--key", "k"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut out = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let endpoint = out.next().unwrap().unwrap();
    let endpoint = endpoint.strip_prefix("APPWRITE_ENDPOINT=").unwrap();
    let r = reqwest::Client::new()
        .get(format!("{endpoint}/storage/buckets"))
        .header("X-Appwrite-Project", "demo")
        .header("X-Appwrite-Key", "k")
        .header("Origin", "http://localhost:5173")
        .send()
        .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let r = r.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
}

#[cfg(unix)]
mod private_files {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;

    use super::*;

    /// Every folder and file under `dir` (itself included) whose mode is not `dirs` / `files`.
    fn wrong_modes(dir: &Path, dirs: u32, files: u32) -> Vec<String> {
        let mut wrong = Vec::new();
        let mode = std::fs::metadata(dir).unwrap().mode() & 0o777;
        if mode != dirs {
            wrong.push(format!("{} {mode:o}", dir.display()));
        }
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                wrong.extend(wrong_modes(&path, dirs, files));
            } else {
                let mode = entry.metadata().unwrap().mode() & 0o777;
                if mode != files {
                    wrong.push(format!("{} {mode:o}", path.display()));
                }
            }
        }
        wrong
    }

    async fn fill(dir: &Path) {
        let api = Api::start(Config {
            data_dir: Some(dir.to_path_buf()),
            seed: Seed::Demo,
            ..Config::default()
        })
        .await;
        api.create_bucket("own", json!({})).await;
        let (s, _) = api.upload("own", "f", "f.txt", b"private".to_vec()).await;
        assert_eq!(s, 201);
        api.create_token("own", "f", serde_json::Value::Null).await;
        let data = vec![7u8; 5 * 1024 * 1024 + 1];
        let (s, _) = api
            .upload_chunk("own", "part", None, "p.bin", &data, 0)
            .await;
        assert_eq!(s, 201);
        api.sb.shutdown().await;
    }

    #[tokio::test]
    async fn the_data_dir_is_readable_by_the_user_only() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("store");
        fill(&dir).await;
        for part in [
            "meta.json",
            "buckets.json",
            "files",
            "tokens",
            "blobs",
            "chunks",
        ] {
            assert!(dir.join(part).exists(), "{part}");
        }
        assert_eq!(wrong_modes(&dir, 0o700, 0o600), Vec::<String>::new());
    }

    #[tokio::test]
    async fn an_open_store_made_readable_by_others_is_made_private_again() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("store");
        fill(&dir).await;
        let open = |p: &Path, mode| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
        };
        open(&dir, 0o755);
        open(&dir.join("meta.json"), 0o644);
        open(&dir.join("tokens"), 0o755);
        for entry in std::fs::read_dir(dir.join("tokens")).unwrap().flatten() {
            open(&entry.path(), 0o644);
        }
        let api = Api::start(Config {
            data_dir: Some(dir.clone()),
            ..Config::default()
        })
        .await;
        assert_eq!(wrong_modes(&dir, 0o700, 0o600), Vec::<String>::new());
        api.sb.shutdown().await;
    }
}
