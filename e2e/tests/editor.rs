//! The project editor in the real window: Test connection tests what is typed and saves nothing,
//! so Cancel after failed tests leaves the projects as they were and the demo current; an endpoint
//! without /v1 gets "Did you mean …/v1?" and a button that fixes it; a web page is named as the
//! wrong address it is, never shown as HTML; a malformed endpoint is explained in words.

use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::{AppSession, Session};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The ids of the projects in the sidebar, in order.
async fn project_ids(s: &Session) -> Value {
    s.execute(
        "return [...document.querySelectorAll('nav [data-project-id]')].map((e) => e.dataset.projectId);",
        vec![],
    )
    .await
    .unwrap()
}

/// Clicks Test connection and waits for its verdict: `[code, text]` of the result's first line.
async fn test_connection(s: &Session) -> (String, String) {
    scenario::click(s, "Test connection").await;
    let verdict = s
        .wait_until(
            "the test's verdict",
            "const line = document.querySelector('dialog[open] .test-result > p');
             return line ? [line.dataset.code ?? '', line.textContent] : null;",
            vec![],
            STEP,
        )
        .await
        .unwrap();
    let part = |i: usize| verdict[i].as_str().unwrap_or_default().to_string();
    (part(0), part(1))
}

/// Clicks Test connection and waits for the message under the field labelled `label`.
async fn field_error_after_test(s: &Session, label: &str) -> String {
    scenario::click(s, "Test connection").await;
    let text = s
        .wait_until(
            "the field's message",
            "const [label] = arguments;
             const found = [...document.querySelectorAll('dialog[open] label')]
               .find((l) => l.textContent.trim() === label);
             const error = found && document.getElementById(`${found.htmlFor}-error`);
             return error && !error.hidden && error.textContent ? error.textContent : null;",
            vec![json!(label)],
            STEP,
        )
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

/// A loopback web server that answers every request with an nginx-style 404 page.
async fn web_page_server() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/v1", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tcp.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let page = "<html><head><title>404 Not Found</title></head><body><h1>404 Not \
                            Found</h1><hr><center>nginx</center></body></html>";
                let answer = format!(
                    "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = tcp.write_all(answer.as_bytes()).await;
                let _ = tcp.shutdown().await;
            });
        }
    });
    (endpoint, task)
}

#[tokio::test(flavor = "multi_thread")]
async fn test_connection_saves_nothing_and_explains_a_wrong_endpoint() {
    let server = appwrite_sandbox::start(appwrite_sandbox::Config::default())
        .await
        .expect("the sandbox starts");
    let (web_page, web_server) = web_page_server().await;
    // A port held by a socket that never listens: connecting to it is refused.
    let held = tokio::net::TcpSocket::new_v4().unwrap();
    held.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let closed = format!("http://{}/v1", held.local_addr().unwrap());

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let before = project_ids(s).await;

    scenario::click(s, "Add project").await;
    s.wait_for("dialog[open]", STEP).await.unwrap();
    scenario::fill(s, "Name", "Broken").await;
    scenario::fill(s, "Endpoint", server.endpoint()).await;
    scenario::fill(s, "Project ID", server.project_id()).await;
    scenario::fill(s, "API key", "standard_this-is-not-the-key").await;

    // A wrong key, then a closed port: each failure is shown in the dialog.
    let (code, text) = test_connection(s).await;
    assert_eq!(code, "invalid_key", "{text}");
    assert!(text.contains("API key"), "{text}");
    app.save_screenshot("editor-01-wrong-key").await;
    scenario::fill(s, "Endpoint", &closed).await;
    let (code, text) = test_connection(s).await;
    assert_eq!(code, "network", "{text}");

    // A web server that is not Appwrite: named as the wrong address, without its HTML.
    scenario::fill(s, "Endpoint", &web_page).await;
    let (code, text) = test_connection(s).await;
    assert_eq!(code, "bad_response", "{text}");
    assert!(
        text.starts_with(
            "This address answered, but not as Appwrite does (it sent a web page). Check the \
             endpoint: it usually ends in /v1."
        ),
        "{text}"
    );
    assert!(!text.contains('<') && !text.contains("nginx"), "{text}");

    // The sandbox's address without /v1: "Did you mean …/v1?", and a button that fixes it.
    let root = server.endpoint().trim_end_matches("/v1").to_string();
    scenario::fill(s, "Endpoint", &root).await;
    scenario::fill(s, "API key", server.api_key()).await;
    let (_, text) = test_connection(s).await;
    assert!(
        text.ends_with(&format!("Did you mean {}?", server.endpoint())),
        "{text}"
    );
    app.save_screenshot("editor-02-did-you-mean-v1").await;
    scenario::click(s, &format!("Use {}", server.endpoint())).await;
    s.wait_for("dialog[open] .test-result > p.ok-text", STEP)
        .await
        .unwrap();
    let typed = s
        .execute(
            "const label = [...document.querySelectorAll('dialog[open] label')]
               .find((l) => l.textContent.trim() === 'Endpoint');
             return document.getElementById(label.htmlFor).value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        typed,
        server.endpoint(),
        "the endpoint was fixed in the field"
    );

    // Malformed endpoints are explained in words, under the field.
    for (endpoint, words) in [
        (
            "127.0.0.1:8080/v1",
            "The endpoint needs to start with https://",
        ),
        (
            "http://127.0.0.1:99999/v1",
            "The port must be a number from 1 to 65535",
        ),
    ] {
        scenario::fill(s, "Endpoint", endpoint).await;
        let message = field_error_after_test(s, "Endpoint").await;
        assert!(message.starts_with(words), "{endpoint}: {message}");
        for parser in ["relative URL", "without a base", "invalid port number"] {
            assert!(!message.contains(parser), "{endpoint}: {message}");
        }
    }
    app.save_screenshot("editor-03-malformed-endpoint").await;

    // Cancel: the projects are as before, the demo still current, and nothing was saved.
    scenario::click(s, "Cancel").await;
    s.wait_until(
        "the editor to close",
        "return !document.querySelector('dialog[open]');",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    assert_eq!(project_ids(s).await, before);
    scenario::wait_current(s, "demo").await;
    let profiles = app.config_dir.path().join("profiles.json");
    let saved = std::fs::read_to_string(&profiles).unwrap_or_default();
    assert!(!saved.contains("Broken"), "{saved}");

    web_server.abort();
    server.shutdown().await;
}
