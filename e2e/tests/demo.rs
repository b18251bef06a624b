//! The built-in demo in the real window: its entry says its links work only on this computer, and
//! a link copied from it still opens the file after the app is quit and started again (the demo
//! keeps its port and the secret that signs its links).

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::{read_clipboard, wait, AppSession};

/// Fetches a share link as a stranger on this computer would: no key, no cookies.
async fn fetch(link: &str) -> Result<(u16, Vec<u8>), String> {
    let response = reqwest::get(link).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, bytes.to_vec()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_copied_from_the_demo_still_opens_the_file_after_a_restart() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let note = s
        .wait_for_text("[data-current-project-id='demo'] .demo-note", STEP, |t| {
            !t.is_empty()
        })
        .await
        .unwrap();
    assert_eq!(note, "Demo links work only on this computer.");

    let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
    scenario::open_file(s, bucket, file).await;
    let before = scenario::token_ids(s).await;
    scenario::click(s, "Create token").await;
    scenario::choose_expiry(s, "7 days").await;
    scenario::click(s, "Create token").await;
    let token = scenario::wait_new_token(s, &before).await;

    scenario::click_in_row(s, &token, "Copy link").await;
    let toast = scenario::wait_toast(s, "link copied").await;
    assert!(
        toast.contains("Demo links work only on this computer."),
        "the toast says: {toast}"
    );
    let link = wait::until("the demo's link on the clipboard", STEP, || async {
        let text = read_clipboard().unwrap_or_default();
        if text.contains(&format!("/files/{file}/")) && text.contains("token=") {
            Ok(text)
        } else {
            Err(format!("the clipboard holds {text:?}"))
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
    let opened = fetch(&link).await.expect("the demo answers");
    assert_eq!(opened.0, 200, "the link works before the restart");

    let app = app.restart().await;
    scenario::wait_ready(&app.session).await;
    // The demo serves the first screen's buckets, so it is up: the old link opens the same file.
    assert_eq!(fetch(&link).await, Ok(opened));
}
