//! Sharing a file in the real window: a 7-day token is created, its view link and then its secret
//! copied by the app to the real X11 clipboard and each used with no credentials, made permanent,
//! then deleted and refused; and links for three files are made at once.

use appwrite_sandbox::{seed, Sandbox};
use base64::Engine;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::AppSession;

/// The X11 clipboard is one per display, and both tests copy to it: they take turns.
static CLIPBOARD: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The app, opened on a second project (a seeded sandbox the test holds) added by typing its key.
async fn app_on_second_project() -> (Sandbox, AppSession) {
    let second = scenario::seeded_sandbox().await;
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::add_and_open(s, "Staging", &second).await;
    (second, app)
}

/// Whether `text` looks like a token secret: a JWT, three dot-separated base64url parts.
fn is_jwt(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The claims a JWT carries (its middle part), unverified.
fn jwt_claims(jwt: &str) -> serde_json::Value {
    let payload = jwt.split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_else(|e| panic!("the secret's claims are not base64url: {e}"));
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("the secret's claims are not JSON: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_is_created_its_link_and_secret_copied_made_permanent_and_revoked() {
    let _clipboard = CLIPBOARD.lock().await;
    let (second, app) = app_on_second_project().await;
    let s = &app.session;
    let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
    scenario::open_file(s, bucket, file).await;
    let before = scenario::token_ids(s).await;

    // Create a token that expires in 7 days: its row appears with the expiry.
    scenario::click(s, "Create token").await;
    scenario::choose_expiry(s, "7 days").await;
    s.wait_until(
        "the resulting date is shown",
        "return document.querySelector('dialog[open] [aria-label=\"Resulting expiry\"]')?.textContent.trim();",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    app.save_screenshot("04-create-token").await;
    scenario::click(s, "Create token").await;
    let token = scenario::wait_new_token(s, &before).await;
    // A fresh 7-day link is active: it expires soon only in the last fifth of its lifetime.
    scenario::wait_token(s, &token, Some("active")).await;
    let row = s
        .wait_for(&format!("tr[data-token-id='{token}']"), STEP)
        .await
        .unwrap();
    let row_text = s.text(&row).await.unwrap();
    assert!(
        row_text.contains("in 7 days") || row_text.contains("in 6 days"),
        "the row shows: {row_text}"
    );
    // The server answered, so the row carries no "answer lost" badge.
    assert!(
        !row_text.contains("answer lost"),
        "the row shows: {row_text}"
    );
    app.save_screenshot("05-token-created").await;

    // Copy its view link with one keystroke from where the new row is: the app puts it on the real
    // clipboard, and a stranger gets the file with it.
    s.wait_until(
        "the new row has the focus",
        "return document.activeElement?.dataset?.tokenId === arguments[0];",
        vec![serde_json::json!(token)],
        STEP,
    )
    .await
    .unwrap();
    s.press(&["c"]).await.unwrap();
    scenario::wait_toast(s, "link copied").await;
    let link = scenario::wait_clipboard("the view link", |t| t.contains("/view?")).await;
    assert!(
        link.contains(&format!("/storage/buckets/{bucket}/files/{file}/view?")),
        "{link}"
    );
    let expected = scenario::file_bytes(&second, bucket, file).await;
    assert_eq!(scenario::fetch_link(&link).await, (200, expected.clone()));

    // Copy its secret: Rust puts the token's JWT on the clipboard, not a link, and the web view never
    // holds it; with it a stranger gets the file too.
    scenario::click_in_row(s, &token, "Copy secret").await;
    scenario::wait_toast(s, "Secret copied").await;
    let secret = scenario::wait_clipboard("the token's secret", is_jwt).await;
    assert_eq!(jwt_claims(&secret)["tokenId"], serde_json::json!(token));
    assert!(!scenario::page_and_storage(s).await.contains(&secret));
    let by_secret = format!(
        "{}/storage/buckets/{bucket}/files/{file}/view?project={}&token={secret}",
        second.endpoint(),
        second.project_id()
    );
    assert_eq!(
        scenario::fetch_link(&by_secret).await,
        (200, expected.clone())
    );

    // Change its expiry to Never: the status follows.
    scenario::click_in_row(s, &token, "Edit expiry").await;
    // The dialog opens on the preset the token was made with.
    let checked = s
        .execute(
            "const input = document.querySelector('dialog[open] label.choice input:checked');
             return input ? input.parentElement.textContent.trim() : null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(checked, serde_json::json!("7 days"));
    scenario::choose_expiry(s, "Never").await;
    scenario::click(s, "Save").await;
    scenario::wait_token(s, &token, Some("neverExpires")).await;

    // Delete it: the row goes, and the old link is refused.
    scenario::click_in_row(s, &token, "Delete token").await;
    scenario::click(s, "Delete").await;
    scenario::wait_token(s, &token, None).await;
    assert_eq!(scenario::fetch_link(&link).await.0, 401);
    app.save_screenshot("06-token-deleted").await;

    second.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn links_for_three_files_are_created_at_once() {
    let _clipboard = CLIPBOARD.lock().await;
    let (second, app) = app_on_second_project().await;
    let s = &app.session;
    scenario::click_css(
        s,
        &format!("[data-bucket-id='{}']", seed::DOCUMENTS_BUCKET_ID),
    )
    .await;
    let files = [
        seed::NOTES_TXT_FILE_ID,
        seed::SALES_CSV_FILE_ID,
        seed::REPORT_PDF_FILE_ID,
    ];
    scenario::tick_files(s, &files).await;
    scenario::click(s, "Create links").await;
    scenario::choose_expiry(s, "1 day").await;
    app.save_screenshot("07-create-links").await;
    scenario::click(s, "Create links").await;
    scenario::wait_toast(s, "3 links copied").await;
    app.save_screenshot("08-links-created").await;

    let text = scenario::wait_clipboard("three links", |t| t.lines().count() == 3).await;
    for (line, file) in text.lines().zip(files) {
        assert!(
            line.contains(&format!("/files/{file}/")),
            "{line} is not {file}'s link"
        );
        let expected = scenario::file_bytes(&second, seed::DOCUMENTS_BUCKET_ID, file).await;
        assert_eq!(scenario::fetch_link(line).await, (200, expected), "{line}");
    }
    second.shutdown().await;
}
