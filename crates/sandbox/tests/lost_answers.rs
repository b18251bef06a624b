//! The lost-answer fault: a change is carried out, then the connection closes before any answer,
//! so a client can test what it does when it cannot know whether its request took effect.

mod common;

use appwrite_sandbox::{seed, Config, Seed, StartError};
use common::Api;
use reqwest::Method;
use serde_json::{json, Value};

fn tokens_path() -> String {
    format!(
        "/tokens/buckets/{}/files/{}",
        seed::DOCUMENTS_BUCKET_ID,
        seed::NOTES_TXT_FILE_ID
    )
}

fn token_ids(list: &Value) -> Vec<String> {
    list["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["$id"].as_str().unwrap().to_string())
        .collect()
}

/// Sends a request and expects the connection to close without any HTTP answer.
async fn expect_lost(req: reqwest::RequestBuilder) {
    match req.send().await {
        Ok(r) => panic!("an answer arrived: {}", r.status()),
        Err(e) => assert!(e.status().is_none() && !e.is_timeout(), "{e:?}"),
    }
}

#[tokio::test]
async fn a_token_create_whose_answer_is_lost_still_creates_the_token() {
    let api = Api::demo().await;
    let created = api
        .create_token(
            seed::DOCUMENTS_BUCKET_ID,
            seed::NOTES_TXT_FILE_ID,
            Value::Null,
        )
        .await;
    let (_, before) = api.get(&tokens_path()).await;
    assert_eq!(
        token_ids(&before)
            .iter()
            .filter(|id| **id == created["$id"])
            .count(),
        1
    );

    api.sb.set_lost_answer_rate(1.0);
    expect_lost(api.req(Method::POST, &tokens_path()).json(&json!({}))).await;
    let (s, after) = api.get(&tokens_path()).await;
    assert_eq!(s, 200, "reads are answered under the lost-answer fault");
    let new: Vec<String> = token_ids(&after)
        .into_iter()
        .filter(|id| !token_ids(&before).contains(id))
        .collect();
    assert_eq!(
        new.len(),
        1,
        "the lost create made exactly one token: {after}"
    );
    assert_eq!(api.sb.stats().answers_lost, 1);
    assert_eq!(api.sb.stats().tokens_created, 2);

    api.sb.set_lost_answer_rate(0.0);
    let again = api
        .create_token(
            seed::DOCUMENTS_BUCKET_ID,
            seed::NOTES_TXT_FILE_ID,
            Value::Null,
        )
        .await;
    assert!(again["secret"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(api.sb.stats().answers_lost, 1);
}

#[tokio::test]
async fn a_configured_rate_of_one_loses_every_change_answer_after_acting() {
    let api = Api::start(Config {
        seed: Seed::Demo,
        lost_answer_rate: 1.0,
        fault_seed: Some(5),
        ..Config::default()
    })
    .await;
    expect_lost(
        api.req(Method::POST, "/storage/buckets")
            .json(&json!({"bucketId": "kept", "name": "Kept"})),
    )
    .await;
    let (s, b) = api.get("/storage/buckets/kept").await;
    assert_eq!((s, &b["name"]), (200, &json!("Kept")), "{b}");

    expect_lost(
        api.req(Method::PUT, "/storage/buckets/kept")
            .json(&json!({"name": "Renamed"})),
    )
    .await;
    let (_, b) = api.get("/storage/buckets/kept").await;
    assert_eq!(b["name"], "Renamed");

    expect_lost(api.req(Method::POST, &tokens_path()).json(&json!({}))).await;
    let (_, list) = api.get(&tokens_path()).await;
    let made = token_ids(&list);
    assert_eq!(made.len(), 1, "{list}");
    let token = made[0].clone();
    expect_lost(
        api.req(Method::PATCH, &format!("/tokens/{token}"))
            .json(&json!({"expire": "2999-01-01T00:00:00.000+00:00"})),
    )
    .await;
    let (_, t) = api.get(&format!("/tokens/{token}")).await;
    assert_eq!(t["expire"], "2999-01-01T00:00:00.000+00:00", "{t}");

    expect_lost(api.req(Method::DELETE, &format!("/tokens/{token}"))).await;
    let (s, _) = api.get(&format!("/tokens/{token}")).await;
    assert_eq!(s, 404);
    expect_lost(api.req(Method::DELETE, "/storage/buckets/kept")).await;
    let (s, _) = api.get("/storage/buckets/kept").await;
    assert_eq!(s, 404);

    let stats = api.sb.stats();
    assert_eq!(
        (stats.answers_lost, stats.faults_injected),
        (6, 0),
        "{stats:?}"
    );
}

#[tokio::test]
async fn a_lost_answer_rate_outside_zero_to_one_does_not_start() {
    for rate in [-0.1, 1.5, f64::NAN] {
        let started = appwrite_sandbox::start(Config {
            lost_answer_rate: rate,
            ..Config::default()
        })
        .await;
        assert!(matches!(started, Err(StartError::Config(_))), "{rate}");
    }
}
