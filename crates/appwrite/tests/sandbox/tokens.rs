//! File tokens: create (never, future, past refused), list, get, update (set, clear), delete, and
//! share links used with no credentials.

use std::time::Duration;

use appwrite_rest::{Client, FileToken, LinkKind, ListOptions, PreviewOptions, Query};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;

use crate::common;

const CONTENT: &[u8] = b"shared with a token\n";

async fn setup(client: &Client) {
    common::bucket(client, "share").await;
    common::small_file(client, "share", "doc", "doc.txt", CONTENT).await;
    common::small_file(
        client,
        "share",
        "other",
        "other.txt",
        b"someone else's file",
    )
    .await;
}

/// Fetches a link with a plain client that sends no key, no project header, no cookie.
async fn fetch(url: &url::Url) -> (u16, Vec<u8>) {
    let response = reqwest::get(url.as_str())
        .await
        .expect("the sandbox answers");
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

fn millis(d: Option<DateTime<Utc>>) -> Option<i64> {
    d.map(|d| d.timestamp_millis())
}

#[tokio::test]
async fn token_lifecycle_create_list_get_update_delete() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    setup(&client).await;
    let tokens = client.tokens();

    let never = tokens.create("share", "doc", None).await.unwrap();
    assert_eq!(never.expire, None);
    assert_eq!(never.accessed_at, None);
    assert_eq!((never.bucket_id(), never.file_id()), ("share", "doc"));
    assert_eq!(never.resource_type, "files");
    assert!(!never.secret.expose().is_empty());
    assert!(!format!("{never:?}").contains(never.secret.expose().as_str()));

    let in_a_week = Utc::now() + chrono::Duration::days(7);
    let future = tokens
        .create("share", "doc", Some(in_a_week))
        .await
        .unwrap();
    assert_eq!(millis(future.expire), Some(in_a_week.timestamp_millis()));

    let past = tokens
        .create(
            "share",
            "doc",
            Some(Utc::now() - chrono::Duration::hours(1)),
        )
        .await
        .unwrap_err();
    assert_eq!(past.api_kind(), Some("general_argument_invalid"));
    assert_eq!(past.status(), Some(400));

    let page = tokens
        .list("share", "doc", &ListOptions::new())
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let ids: Vec<&str> = page.items.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, [never.id.as_str(), future.id.as_str()]);
    let newest_first = tokens
        .list(
            "share",
            "doc",
            &ListOptions::new()
                .query(Query::order_desc("$createdAt"))
                .limit(1),
        )
        .await
        .unwrap();
    assert_eq!(newest_first.items.len(), 1);
    let streamed: Vec<FileToken> = tokens
        .stream("share", "doc", ListOptions::new(), 1)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed.len(), 2);
    assert_eq!(
        tokens
            .list("share", "other", &ListOptions::new())
            .await
            .unwrap()
            .total,
        0
    );

    let by_expiry = tokens
        .list(
            "share",
            "doc",
            &ListOptions::new().query(Query::is_null("expire")),
        )
        .await
        .unwrap_err();
    assert_eq!(
        by_expiry.api_kind(),
        Some("general_argument_invalid"),
        "the real server can't filter tokens on expire"
    );

    let got = tokens.get(&future.id).await.unwrap();
    assert_eq!(got.id, future.id);
    assert_eq!(got.expire, future.expire);

    let tomorrow = Utc::now() + chrono::Duration::days(1);
    let set = tokens.update(&never.id, Some(tomorrow)).await.unwrap();
    assert_eq!(millis(set.expire), Some(tomorrow.timestamp_millis()));
    let cleared = tokens.update(&future.id, None).await.unwrap();
    assert_eq!(cleared.expire, None);
    assert_eq!(tokens.get(&future.id).await.unwrap().expire, None);
    let err = tokens
        .update(&never.id, Some(Utc::now() - chrono::Duration::minutes(5)))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some("general_argument_invalid"));

    tokens.delete(&never.id).await.unwrap();
    assert_eq!(
        tokens.get(&never.id).await.unwrap_err().api_kind(),
        Some("token_not_found")
    );
    assert_eq!(
        tokens.delete(&never.id).await.unwrap_err().api_kind(),
        Some("token_not_found")
    );
    assert_eq!(
        tokens
            .list("share", "doc", &ListOptions::new())
            .await
            .unwrap()
            .total,
        1
    );

    common::finish(sandbox).await;
}

#[tokio::test]
async fn share_links_open_the_file_without_credentials_until_expired_or_deleted() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    setup(&client).await;
    let tokens = client.tokens();
    let token = tokens.create("share", "doc", None).await.unwrap();
    let secret = token.secret.expose();

    for kind in [LinkKind::View, LinkKind::Download] {
        let url = client.share_link("share", "doc", kind, secret, None);
        assert_eq!(fetch(&url).await, (200, CONTENT.to_vec()), "{kind:?}");
    }
    let preview = client.share_link(
        "share",
        "doc",
        LinkKind::Preview,
        secret,
        Some(&PreviewOptions::new().size(40, 40)),
    );
    let (status, icon) = fetch(&preview).await;
    assert_eq!(status, 200);
    assert!(
        image::load_from_memory(&icon).is_ok(),
        "a non-image previews as an icon image"
    );

    // Without a token, with a garbage token, or without the project: anonymous, so 401.
    let mut anonymous = client.share_link("share", "doc", LinkKind::View, secret, None);
    anonymous.set_query(Some(&format!("project={}", sandbox.project_id())));
    assert_eq!(fetch(&anonymous).await.0, 401);
    let garbage = client.share_link("share", "doc", LinkKind::View, "header.payload.sig", None);
    assert_eq!(fetch(&garbage).await.0, 401);
    let mut no_project = client.share_link("share", "doc", LinkKind::View, secret, None);
    no_project.set_query(Some(&format!("token={secret}")));
    assert_ne!(fetch(&no_project).await.0, 200);

    // The token opens only its own file.
    let elsewhere = client.share_link("share", "other", LinkKind::View, secret, None);
    assert_eq!(fetch(&elsewhere).await.0, 401);

    // Expired: a token that lives two seconds stops working once the time is past.
    let soon = tokens
        .create(
            "share",
            "doc",
            Some(Utc::now() + chrono::Duration::seconds(2)),
        )
        .await
        .unwrap();
    let short = client.share_link("share", "doc", LinkKind::View, soon.secret.expose(), None);
    assert_eq!(fetch(&short).await.0, 200);
    let expiry = soon.expire.unwrap();
    let status = common::wait_for("the short token to expire", Duration::from_secs(15), || {
        let short = short.clone();
        async move {
            if Utc::now() <= expiry {
                return None;
            }
            let (status, _) = fetch(&short).await;
            (status != 200).then_some(status)
        }
    })
    .await;
    assert_eq!(status, 401);

    // Deleted: the same link stops working at once.
    let doomed = tokens.create("share", "doc", None).await.unwrap();
    let link = client.share_link(
        "share",
        "doc",
        LinkKind::Download,
        doomed.secret.expose(),
        None,
    );
    assert_eq!(fetch(&link).await.0, 200);
    tokens.delete(&doomed.id).await.unwrap();
    assert_eq!(fetch(&link).await.0, 401);

    // A token whose file is deleted opens nothing, and survives the file.
    let orphan = tokens.create("share", "other", None).await.unwrap();
    let orphan_link = client.share_link(
        "share",
        "other",
        LinkKind::View,
        orphan.secret.expose(),
        None,
    );
    client.files("share").delete("other").await.unwrap();
    assert_eq!(fetch(&orphan_link).await.0, 401);
    assert_eq!(tokens.get(&orphan.id).await.unwrap().id, orphan.id);

    common::finish(sandbox).await;
}

#[tokio::test]
async fn accessed_at_is_set_on_first_use_and_not_again_within_the_interval() {
    let sandbox = common::start(appwrite_sandbox::Config {
        access_interval: Duration::from_secs(2),
        ..common::config()
    })
    .await;
    let client = common::client(&sandbox);
    setup(&client).await;
    let tokens = client.tokens();
    let token = tokens.create("share", "doc", None).await.unwrap();
    assert_eq!(tokens.get(&token.id).await.unwrap().accessed_at, None);

    let link = client.share_link("share", "doc", LinkKind::View, token.secret.expose(), None);
    let before = Utc::now();
    assert_eq!(fetch(&link).await.0, 200);
    let first = tokens
        .get(&token.id)
        .await
        .unwrap()
        .accessed_at
        .expect("set on first use");
    assert!(first >= before - chrono::Duration::seconds(1));

    assert_eq!(fetch(&link).await.0, 200);
    let second = tokens.get(&token.id).await.unwrap().accessed_at;
    assert_eq!(second, Some(first), "not refreshed inside the interval");

    // Once the interval has passed, the next use refreshes it.
    let refreshed = common::wait_for(
        "accessedAt to be refreshed",
        Duration::from_secs(15),
        || {
            let (link, tokens, id) = (link.clone(), tokens.clone(), token.id.clone());
            async move {
                if Utc::now() < first + chrono::Duration::seconds(2) {
                    return None;
                }
                fetch(&link).await;
                let now = tokens.get(&id).await.ok()?.accessed_at?;
                (now > first).then_some(now)
            }
        },
    )
    .await;
    assert!(refreshed > first);

    common::finish(sandbox).await;
}
