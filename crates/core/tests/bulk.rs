//! Bulk link creation against a real local Appwrite (`appwrite-sandbox` over loopback): input
//! order, progress, failures with reasons, no retried create, bounded concurrency, and links that
//! open the file with no credentials.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use appwrite_rest::{Client, LinkKind, RetryPolicy};
use appwrite_sandbox::{seed, Config, Sandbox, Seed};
use bucketdesk_core::bulk::{create_links, FileRef, Progress, DEFAULT_CONCURRENCY};
use bucketdesk_core::expiry::ExpiryPreset;
use chrono::Utc;

async fn sandbox(config: Config) -> Sandbox {
    appwrite_sandbox::start(Config {
        seed: Seed::Demo,
        ..config
    })
    .await
    .expect("the sandbox starts")
}

fn client(sandbox: &Sandbox) -> Client {
    Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

async fn file_bytes(client: &Client, file: &FileRef) -> Vec<u8> {
    let mut bytes = Vec::new();
    client
        .files(file.bucket_id.as_str())
        .download(&file.file_id, &mut bytes)
        .await
        .expect("the file downloads with the key");
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_links_in_input_order_and_lists_failures_with_their_reason() {
    let sandbox = sandbox(Config::default()).await;
    let client = client(&sandbox);
    let files = vec![
        FileRef::new(seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID),
        FileRef::new(seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID),
        FileRef::new(seed::PHOTOS_BUCKET_ID, "no-such-file"),
        FileRef::new(seed::PRIVATE_BUCKET_ID, seed::VAULT_NOTE_FILE_ID),
        FileRef::new("no-such-bucket", "x"),
        FileRef::new(seed::PUBLIC_BUCKET_ID, seed::WELCOME_TXT_FILE_ID),
    ];
    let expire = ExpiryPreset::SevenDays.resolve(Utc::now()).unwrap();
    let seen = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let record = seen.clone();
    let before = sandbox.stats();
    let outcome = create_links(
        &client,
        &files,
        expire,
        LinkKind::View,
        DEFAULT_CONCURRENCY,
        move |p| record.lock().unwrap().push(p),
    )
    .await;

    // One result per file, in the order given.
    let order: Vec<&FileRef> = outcome.items.iter().map(|i| &i.file).collect();
    assert_eq!(order, files.iter().collect::<Vec<_>>());
    assert_eq!(outcome.succeeded(), 4);

    // Failures carry the code the UI branches on, the same as for a single command, and the
    // server's own words about what is missing.
    let failures = outcome.failures();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].0.file_id, "no-such-file");
    assert_eq!(failures[0].1.code, "not_found");
    assert!(
        failures[0].1.message.contains("file could not be found"),
        "{}",
        failures[0].1.message
    );
    assert_eq!(failures[1].0.bucket_id, "no-such-bucket");
    assert_eq!(failures[1].1.code, "not_found");
    assert!(
        failures[1]
            .1
            .message
            .contains("bucket with the requested ID"),
        "{}",
        failures[1].1.message
    );

    // Progress starts at 0 and counts up to the total, one step per file.
    let seen = seen.lock().unwrap().clone();
    let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, (0..=files.len()).collect::<Vec<_>>());
    assert!(seen.iter().all(|p| p.total == files.len()));

    // Exactly one create per file, and a token only for the files that exist.
    let after = sandbox.stats();
    assert_eq!(after.requests - before.requests, files.len() as u64);
    assert_eq!(after.tokens_created - before.tokens_created, 4);

    // Each link opens its file with no credentials at all; the token has the chosen expiry.
    let anonymous = reqwest::Client::new();
    for item in &outcome.items {
        let Ok(created) = &item.result else { continue };
        assert_eq!(created.token.expire, expire);
        assert_eq!(created.token.file_id(), item.file.file_id);
        assert!(created.link.path().ends_with("/view"), "{}", created.link);
        let response = anonymous.get(created.link.clone()).send().await.unwrap();
        assert_eq!(response.status(), 200, "{}", item.file.file_id);
        let body = response.bytes().await.unwrap();
        assert_eq!(
            body.as_ref(),
            file_bytes(&client, &item.file).await.as_slice()
        );
    }

    // Printing the outcome (a log line, a panic) never shows a link or a secret.
    let printed = format!("{outcome:?}");
    assert!(!printed.contains("token="), "{printed}");
    for link in outcome.links() {
        let secret = link.query_pairs().find(|(k, _)| k == "token").unwrap().1;
        assert!(!printed.contains(secret.as_ref()), "{printed}");
    }

    // The clipboard text: the links made, one per line, in input order.
    let text = outcome.links_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].contains(seed::SUNSET_PNG_FILE_ID));
    assert!(lines[3].contains(seed::WELCOME_TXT_FILE_ID));
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_create_is_reported_and_sent_again_only_after_a_rate_limit() {
    let sandbox = sandbox(Config {
        fault_rate: 0.4,
        fault_seed: Some(7),
        retry_after: Duration::ZERO,
        record_responses: true,
        ..Config::default()
    })
    .await;
    let client = client(&sandbox);
    let files: Vec<FileRef> = (0..20)
        .map(|i| FileRef::new(seed::SCALE_BUCKET_ID, seed::scale_file_id(i)))
        .collect();
    let before = sandbox.stats();
    // One at a time, so the seeded faults fall on the same requests in every run.
    let outcome = create_links(&client, &files, None, LinkKind::Download, 1, |_| {}).await;
    let after = sandbox.stats();
    assert!(
        after.faults_injected > before.faults_injected,
        "the seed injects faults"
    );
    // One create per file; a create whose outcome is unknown (the connection broke) is followed by
    // one listing of that file's tokens to look for what it made, never by a second create. Only
    // a create refused with 429 (the server did nothing) is sent again.
    let looked_up = outcome
        .items
        .iter()
        .filter(|i| match &i.result {
            Ok(made) => made.answer_lost,
            Err(failure) => matches!(failure.code, "network" | "timeout"),
        })
        .count() as u64;
    let recorded = sandbox.take_recorded();
    let rate_limited = recorded
        .iter()
        .filter(|r| r.method == "POST" && r.status == 429)
        .count() as u64;
    let statuses: Vec<(String, u16)> = recorded
        .iter()
        .map(|r| (r.method.clone(), r.status))
        .collect();
    assert!(
        rate_limited > 0,
        "the seed rate-limits some creates: {statuses:?} {:?}",
        sandbox.stats()
    );
    assert_eq!(
        after.requests - before.requests,
        20 + looked_up + rate_limited,
        "one create per file, and one more per 429"
    );
    let failed = outcome.failures().len();
    assert!(failed > 0);
    assert_eq!(
        (after.tokens_created - before.tokens_created) as usize,
        outcome.succeeded()
    );
    assert_eq!(outcome.succeeded() + failed, 20);
    for (_, failure) in outcome.failures() {
        assert!(!failure.message.is_empty());
    }
    for link in outcome.links() {
        assert!(link.path().ends_with("/download"));
    }
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_the_given_number_of_creates_run_at_once() {
    let latency = Duration::from_millis(150);
    let sandbox = sandbox(Config {
        latency,
        ..Config::default()
    })
    .await;
    let client = client(&sandbox);
    let files: Vec<FileRef> = (0..8)
        .map(|i| FileRef::new(seed::SCALE_BUCKET_ID, seed::scale_file_id(i)))
        .collect();
    let started = Instant::now();
    let outcome = create_links(&client, &files, None, LinkKind::View, 4, |_| {}).await;
    let took = started.elapsed();
    assert_eq!(outcome.succeeded(), 8);
    // 8 creates, 4 at a time: at least two rounds of the server's latency.
    assert!(took >= latency * 2, "took {took:?}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pace_halves_on_429_and_waits_out_retry_after() {
    use bucketdesk_core::pace::AdaptiveLimit;
    use bucketdesk_core::tokens::create_token_paced;
    let retry_after = Duration::from_secs(1);
    let sandbox = sandbox(Config {
        fault_rate: 0.3,
        fault_seed: Some(5),
        retry_after,
        record_responses: true,
        ..Config::default()
    })
    .await;
    let client = client(&sandbox);
    let pace = AdaptiveLimit::new(16, 16);
    let started = Instant::now();
    let creates = (0..24).map(|i| {
        let (client, pace) = (client.clone(), pace.clone());
        async move {
            let id = seed::scale_file_id(i);
            create_token_paced(&client, seed::SCALE_BUCKET_ID, &id, None, &pace).await
        }
    });
    let results = futures_util::future::join_all(creates).await;
    let took = started.elapsed();
    let recorded = sandbox.take_recorded();
    // The seed's first 429 is among the first 16 draws: the first wave, all creates.
    let rate_limited = recorded
        .iter()
        .filter(|r| r.method == "POST" && r.status == 429)
        .count();
    let statuses: Vec<u16> = recorded.iter().map(|r| r.status).collect();
    assert!(
        rate_limited > 0,
        "the seed rate-limits some creates: {statuses:?}"
    );
    // Every 429 paused every request for the server's Retry-After.
    assert!(took >= retry_after, "took {took:?}");
    // The limit halved and has not grown all the way back in so few successes.
    assert!(pace.limit() < 16, "limit {}", pace.limit());
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(
        sandbox.stats().tokens_created as usize,
        ok,
        "no create made two tokens"
    );
    sandbox.shutdown().await;
}
