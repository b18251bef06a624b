//! Actions do what they say, in the real window: saving a token leaves the ticks as they were, the
//! delete confirmation names the token and Enter cancels it, an extended token offers its new link
//! (whose secret carries the new expiry), a capped count reads "5,000+", a new 7-day link is not
//! "expires soon", Esc closes the quick switcher, `/` type ↓ Enter opens the first match, F5
//! fetches the view again without reloading the page, and bulk links retry a failed file in place
//! and copy a Markdown list.

use appwrite_sandbox::{seed, Sandbox};
use base64::Engine;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::{AppSession, Session};
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The X11 clipboard is one per display: the tests that read it take turns.
static CLIPBOARD: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The app on the demo project, its first screen ready.
async fn demo_app() -> AppSession {
    let app = AppSession::launch().await;
    scenario::wait_ready(&app.session).await;
    app
}

/// Seconds since the Unix epoch, now.
fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is past 1970")
        .as_secs() as i64
}

/// Runs `script` (a function body) and returns its answer.
async fn eval(s: &Session, script: &str, args: Vec<Value>) -> Value {
    s.execute(script, args).await.unwrap()
}

/// Whether a modal dialog is open now.
async fn dialog_open(s: &Session) -> bool {
    eval(
        s,
        "return document.querySelector('dialog[open]') !== null;",
        vec![],
    )
    .await
        == json!(true)
}

/// The ids of the token rows that are ticked (selected).
async fn ticked(s: &Session) -> Vec<String> {
    let value = eval(
        s,
        "return [...document.querySelectorAll('tr[data-token-id][aria-selected=true]')]
           .map((r) => r.dataset.tokenId);",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap()
}

/// Whether the "Delete selected" button is disabled.
async fn delete_selected_disabled(s: &Session) -> bool {
    eval(
        s,
        "return document.querySelector('button[aria-label=\"Delete selected\"]').disabled;",
        vec![],
    )
    .await
        == json!(true)
}

/// The text of the open dialog, once one is open.
async fn dialog_text(s: &Session) -> String {
    s.wait_for_text("dialog[open]", STEP, |t| !t.is_empty())
        .await
        .unwrap()
}

/// The claims of the token secret a share link carries in its `token` parameter, unverified.
fn link_claims(link: &str) -> Value {
    let url = reqwest::Url::parse(link.trim()).unwrap_or_else(|e| panic!("{link:?}: {e}"));
    let secret = url
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no token in {link}"));
    let payload = secret.split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_else(|e| panic!("the secret's claims are not base64url: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("the claims are not JSON: {e}"))
}

/// Creates a token in the open file's table with the expiry labelled `preset`; returns its id.
async fn create_token(s: &Session, preset: &str) -> String {
    let before = scenario::token_ids(s).await;
    scenario::click(s, "Create token").await;
    scenario::choose_expiry(s, preset).await;
    s.wait_until(
        "the resulting date is shown",
        "return document.querySelector('dialog[open] [aria-label=\"Resulting expiry\"]')
           ?.textContent.startsWith('Expires');",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    scenario::click(s, "Create token").await;
    let id = scenario::wait_new_token(s, &before).await;
    scenario::wait_no_dialog(s).await;
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_a_token_leaves_it_unticked_so_delete_selected_does_not_take_it() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    let edited = seed::TOKEN_EXPIRES_IN_MONTHS;
    let chosen = seed::TOKEN_NEVER_EXPIRES;

    // Nothing ticked: edit one token's expiry. It is not ticked after the save, and "Delete
    // selected" stays off.
    scenario::click_in_row(s, edited, "Edit expiry").await;
    scenario::choose_expiry(s, "30 days").await;
    scenario::click(s, "Save").await;
    scenario::wait_no_dialog(s).await;
    scenario::wait_toast(s, "Token").await;
    assert_eq!(ticked(s).await, Vec::<String>::new());
    assert!(delete_selected_disabled(s).await);

    // The Delete key on the edited row (it has the focus) deletes nothing: nothing is ticked.
    s.wait_until(
        "the edited row has the focus",
        "return document.activeElement?.dataset?.tokenId === arguments[0];",
        vec![json!(edited)],
        STEP,
    )
    .await
    .unwrap();
    s.press(&[keys::DELETE]).await.unwrap();
    scenario::wait_toast(s, "Tick the tokens to delete first").await;
    assert!(
        !dialog_open(s).await,
        "Delete asked to delete a token nobody ticked"
    );

    // Tick another token, edit the first again: the tick stays where the user put it, and
    // "Delete selected" offers only the ticked token.
    scenario::click_css(
        s,
        &format!("tr[data-token-id='{chosen}'] input[type=checkbox]"),
    )
    .await;
    scenario::click_in_row(s, edited, "Edit expiry").await;
    scenario::choose_expiry(s, "90 days").await;
    scenario::click(s, "Save").await;
    scenario::wait_no_dialog(s).await;
    s.wait_until(
        "the edited token shows its new expiry",
        "const row = document.querySelector(`tr[data-token-id='${arguments[0]}']`);
         return row?.textContent.includes('in 90 days') || row?.textContent.includes('in 89 days');",
        vec![json!(edited)],
        STEP,
    )
    .await
    .unwrap();
    assert_eq!(ticked(s).await, vec![chosen.to_string()]);
    scenario::click(s, "Delete selected").await;
    let text = dialog_text(s).await;
    assert!(text.contains(chosen), "the confirmation shows: {text}");
    assert!(
        !text.contains(edited),
        "the confirmation takes the edited token too: {text}"
    );
    scenario::click(s, "Cancel").await;
    scenario::wait_no_dialog(s).await;
    for id in [edited, chosen] {
        assert!(scenario::token_ids(s).await.contains(&id.to_string()));
    }
    app.save_screenshot("actions-ticks-kept").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_delete_confirmation_names_the_token_and_enter_does_not_delete() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    let token = seed::TOKEN_EXPIRES_SOON;

    scenario::click_in_row(s, token, "Delete token").await;
    let text = dialog_text(s).await;
    // Its whole ID, its expiry and its last access.
    assert!(text.contains(token), "the confirmation shows: {text}");
    assert!(text.contains("expires "), "the confirmation shows: {text}");
    assert!(
        text.contains("never accessed"),
        "the confirmation shows: {text}"
    );
    let focused = eval(
        s,
        "const d = document.querySelector('dialog[open]');
         return d && d.contains(document.activeElement) ? document.activeElement.textContent.trim() : null;",
        vec![],
    )
    .await;
    assert_eq!(
        focused,
        json!("Cancel"),
        "the destructive button must not be the default"
    );
    app.save_screenshot("actions-delete-confirmation").await;

    // Enter on the dialog cancels: the token is still there, in the window and on the server.
    s.press(&[keys::ENTER]).await.unwrap();
    scenario::wait_no_dialog(s).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(scenario::token_ids(s).await.contains(&token.to_string()));
    s.press(&[keys::F5]).await.unwrap();
    scenario::wait_token(s, token, Some("expiresSoon")).await;

    // A click on Delete still deletes.
    scenario::click_in_row(s, token, "Delete token").await;
    scenario::click(s, "Delete").await;
    scenario::wait_token(s, token, None).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn extending_a_token_offers_its_new_link_whose_secret_carries_the_new_expiry() {
    let _clipboard = CLIPBOARD.lock().await;
    let app = demo_app().await;
    let s = &app.session;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    let token = seed::TOKEN_EXPIRES_SOON;

    // It expires in 5 days; extend it to 30 days from now.
    scenario::click_in_row(s, token, "Edit expiry").await;
    scenario::choose_expiry(s, "30 days").await;
    let before_save = unix_now();
    scenario::click(s, "Save").await;
    scenario::wait_no_dialog(s).await;
    let after_save = unix_now();
    let toast = scenario::wait_toast(s, "Token extended").await;
    assert!(
        toast.contains("Links you already shared still stop working at"),
        "the toast says: {toast}"
    );
    app.save_screenshot("actions-token-extended").await;

    // The same toast copies the link that carries the new expiry.
    scenario::click(s, "Copy the new link").await;
    scenario::wait_toast(s, "link copied").await;
    let link = scenario::wait_clipboard("the new link", |t| {
        t.contains(&format!(
            "/storage/buckets/{}/files/{}/",
            seed::PHOTOS_BUCKET_ID,
            seed::SUNSET_PNG_FILE_ID
        )) && t.contains("token=")
            && link_claims(t)["tokenId"] == json!(token)
    })
    .await;
    let exp = link_claims(&link)["exp"]
        .as_i64()
        .unwrap_or_else(|| panic!("the new link's secret has no exp: {link}"));
    let thirty_days = 30 * 24 * 3600;
    assert!(
        exp >= before_save + thirty_days - 5 && exp <= after_save + thirty_days + 5,
        "the new link's secret expires at {exp}, not 30 days after the save ({before_save}..{after_save})"
    );
}

/// Editing a token that has already expired opens on a choice that can be saved as it is (its past
/// date would only be refused), and saving it brings the token back.
#[tokio::test(flavor = "multi_thread")]
async fn editing_an_expired_token_opens_on_a_valid_choice_that_saves() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    let token = seed::TOKEN_EXPIRED;
    scenario::wait_token(s, token, Some("expired")).await;

    scenario::click_in_row(s, token, "Edit expiry").await;
    let chosen = s
        .wait_until(
            "the expiry editor's first choice",
            "const dialog = document.querySelector('dialog[open]');
             const checked = dialog?.querySelector('label.choice input:checked');
             if (!checked) return null;
             const error = dialog.querySelector('.field-error');
             return { kind: checked.value,
                      error: error && !error.hidden ? error.textContent : null };",
            vec![],
            STEP,
        )
        .await
        .unwrap();
    assert_eq!(
        chosen["error"],
        Value::Null,
        "the editor opens on an error: {chosen}"
    );
    assert_ne!(
        chosen["kind"],
        json!("custom"),
        "the editor opens on the token's past date: {chosen}"
    );
    scenario::click(s, "Save").await;
    scenario::wait_no_dialog(s).await;
    let back = s
        .wait_until(
            "the token to be live again",
            "const [id] = arguments;
             const row = document.querySelector(`tr[data-token-id='${id}']`);
             return row && row.dataset.status !== 'expired' ? row.dataset.status : null;",
            vec![json!(token)],
            STEP,
        )
        .await
        .unwrap();
    assert!(
        back == json!("active") || back == json!("neverExpires"),
        "after saving the editor's first choice the token is {back}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bucket_past_the_count_cap_shows_5000_plus_files() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::click_css(s, &format!("[data-bucket-id='{}']", seed::SCALE_BUCKET_ID)).await;
    s.wait_until(
        "the file count",
        "return document.querySelector('#files-pane')?.innerText.includes('5,000+ files');",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    let pane = eval(
        s,
        "return document.querySelector('#files-pane').innerText;",
        vec![],
    )
    .await;
    assert!(
        !pane.as_str().unwrap_or_default().contains("5,000 files"),
        "a 10,000-file bucket reads \"5,000 files\""
    );
    app.save_screenshot("actions-capped-count").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_seven_day_or_one_day_token_is_not_expiring_soon() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::open_file(s, seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID).await;

    let week = create_token(s, "7 days").await;
    scenario::wait_token(s, &week, Some("active")).await;
    let day = create_token(s, "1 day").await;
    scenario::wait_token(s, &day, Some("active")).await;

    // The rule is one hover away, on the Status column's header.
    let rule = eval(
        s,
        "return [...document.querySelectorAll('th')].find((th) => th.textContent.trim() === 'Status')?.title;",
        vec![],
    )
    .await;
    let rule = rule.as_str().unwrap_or_default();
    assert!(
        rule.contains("a fifth of the link’s lifetime"),
        "the tooltip says: {rule}"
    );
    // The seed's token that expires in 5 of its 33 days is still "expires soon".
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    scenario::wait_token(s, seed::TOKEN_EXPIRES_SOON, Some("expiresSoon")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn esc_closes_the_quick_switcher_from_its_search_field() {
    let app = demo_app().await;
    let s = &app.session;
    s.press(&[keys::CONTROL, "k"]).await.unwrap();
    scenario::fill(s, "Filter projects", "de").await;
    assert!(dialog_open(s).await);
    s.press(&[keys::ESCAPE]).await.unwrap();
    scenario::wait_no_dialog(s).await;

    // And with the field empty.
    scenario::click(s, "Switch project").await;
    s.wait_field("Filter projects", STEP).await.unwrap();
    s.press(&[keys::ESCAPE]).await.unwrap();
    scenario::wait_no_dialog(s).await;
}

/// Presses `/`, types `text`, then ↓ and Enter, all in one go: faster than the search answers.
async fn search_and_open_first(s: &Session, text: &str) {
    let letters: Vec<String> = text.chars().map(String::from).collect();
    let mut typed = vec!["/"];
    typed.extend(letters.iter().map(String::as_str));
    typed.extend([keys::ARROW_DOWN, keys::ENTER]);
    s.type_keys(&typed).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn slash_type_down_enter_opens_the_first_match_of_what_was_typed() {
    let app = demo_app().await;
    let s = &app.session;

    // Buckets: with no bucket open, `/` searches them; Documents is listed first, Photos is the
    // match. The keys come faster than the search's answer, as when a person types ahead.
    search_and_open_first(s, "photo").await;
    s.wait_for(
        &format!(
            "[data-bucket-id='{}'][aria-selected=true]",
            seed::PHOTOS_BUCKET_ID
        ),
        STEP,
    )
    .await
    .unwrap();

    // Files: Photos lists mountains.jpg first; with the focus in the file list, `/` searches its
    // files, and the first match of "sunset" is opened, not the first row shown before.
    s.wait_for(
        &format!("[data-file-id='{}']", seed::MOUNTAINS_JPG_FILE_ID),
        STEP,
    )
    .await
    .unwrap();
    eval(
        s,
        "document.querySelector('[role=grid][aria-label=Files]').focus(); return true;",
        vec![],
    )
    .await;
    search_and_open_first(s, "sunset").await;
    s.wait_until(
        "the first match is open",
        "return document.querySelector('[data-field=id]')?.textContent === arguments[0];",
        vec![json!(seed::SUNSET_PNG_FILE_ID)],
        STEP,
    )
    .await
    .unwrap();
    app.save_screenshot("actions-first-match-open").await;
}

/// Uploads a small text file to `bucket_id` on `sandbox` with the key, as another client would.
async fn upload(sandbox: &Sandbox, bucket_id: &str, file_id: &str, name: &str) {
    let form = reqwest::multipart::Form::new()
        .text("fileId", file_id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"added behind the app's back\n".to_vec())
                .file_name(name.to_string())
                .mime_str("text/plain")
                .unwrap(),
        );
    let response = reqwest::Client::new()
        .post(format!(
            "{}/storage/buckets/{bucket_id}/files",
            sandbox.endpoint()
        ))
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "upload: {}",
        response.status()
    );
}

/// Creates a never-expiring token for a file on `sandbox` with the key; returns its id.
async fn add_token(sandbox: &Sandbox, bucket_id: &str, file_id: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/tokens/buckets/{bucket_id}/files/{file_id}",
            sandbox.endpoint()
        ))
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "token: {}",
        response.status()
    );
    let token: Value = response.json().await.unwrap();
    token["$id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn f5_and_ctrl_r_fetch_the_view_again_without_reloading_the_page() {
    let second = scenario::seeded_sandbox().await;
    let app = demo_app().await;
    let s = &app.session;
    scenario::add_and_open(s, "Staging", &second).await;
    let bucket = seed::DOCUMENTS_BUCKET_ID;
    scenario::open_file(s, bucket, seed::NOTES_TXT_FILE_ID).await;
    // A mark the page keeps only as long as it is not reloaded.
    eval(
        s,
        "window.__bucketdeskNotReloaded = true; return true;",
        vec![],
    )
    .await;

    // A file added by another client appears on F5.
    upload(&second, bucket, "added-by-f5", "added-by-f5.txt").await;
    s.press(&[keys::F5]).await.unwrap();
    s.wait_for("[data-file-id='added-by-f5']", STEP)
        .await
        .unwrap();

    // A token made elsewhere for the open file appears in its table on Ctrl+R.
    let token = add_token(&second, bucket, seed::NOTES_TXT_FILE_ID).await;
    s.press(&[keys::CONTROL, "r"]).await.unwrap();
    scenario::wait_token(s, &token, Some("neverExpires")).await;

    // Both fetched again in the same page: the file and the token are there, and it never
    // reloaded (which would also have lost the open file's place).
    s.wait_for("[data-file-id='added-by-f5']", STEP)
        .await
        .unwrap();
    assert_eq!(
        eval(s, "return window.__bucketdeskNotReloaded === true;", vec![]).await,
        json!(true),
        "the page was reloaded"
    );
    app.save_screenshot("actions-refreshed").await;
    second.shutdown().await;
}

/// Deletes a file on `sandbox` with the key, as another client would.
async fn delete_file(sandbox: &Sandbox, bucket_id: &str, file_id: &str) {
    let response = reqwest::Client::new()
        .delete(format!(
            "{}/storage/buckets/{bucket_id}/files/{file_id}",
            sandbox.endpoint()
        ))
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "delete: {}",
        response.status()
    );
}

/// The text of the "Create links" result once it satisfies `accept`.
async fn wait_bulk_result(s: &Session, accept: impl Fn(&str) -> bool) -> String {
    s.wait_for_text(
        "dialog[open] [aria-label='Create links result']",
        STEP,
        accept,
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_links_retry_a_failed_file_in_place_and_copy_a_markdown_list() {
    let _clipboard = CLIPBOARD.lock().await;
    let second = scenario::seeded_sandbox().await;
    let app = demo_app().await;
    let s = &app.session;
    scenario::add_and_open(s, "Staging", &second).await;
    let bucket = seed::DOCUMENTS_BUCKET_ID;
    scenario::click_css(s, &format!("[data-bucket-id='{bucket}']")).await;
    let files = [
        (seed::NOTES_TXT_FILE_ID, "meeting-notes.txt"),
        (seed::SALES_CSV_FILE_ID, "sales-2025.csv"),
        (seed::REPORT_PDF_FILE_ID, "quarterly-report.pdf"),
    ];
    let ids: Vec<&str> = files.iter().map(|(id, _)| *id).collect();
    scenario::tick_files(s, &ids).await;
    // The sales sheet goes behind the app's back: its link will fail.
    delete_file(&second, bucket, seed::SALES_CSV_FILE_ID).await;

    scenario::click(s, "Create links").await;
    scenario::choose_expiry(s, "1 day").await;
    let chosen = eval(
        s,
        "const label = [...document.querySelectorAll('dialog[open] label')]
           .find((l) => l.textContent.trim() === 'Copy as');
         const select = label?.control;
         if (!select) return null;
         select.value = 'markdown';
         select.dispatchEvent(new Event('change', { bubbles: true }));
         return select.value;",
        vec![],
    )
    .await;
    assert_eq!(chosen, json!("markdown"), "no \"Copy as\" choice");
    scenario::click(s, "Create links").await;
    let first = wait_bulk_result(s, |t| t.contains("Created 2 links")).await;
    assert!(
        first.contains("sales-2025.csv"),
        "the result shows: {first}"
    );
    assert!(!first.contains("null"), "the result shows: {first}");
    s.wait_for(
        &format!(
            "dialog[open] li[data-file-id='{}'][data-code='not_found']",
            seed::SALES_CSV_FILE_ID
        ),
        STEP,
    )
    .await
    .unwrap();
    app.save_screenshot("actions-bulk-failed").await;

    // The file is back: retry only it, in the same dialog.
    upload(&second, bucket, seed::SALES_CSV_FILE_ID, "sales-2025.csv").await;
    scenario::click(s, "Retry 1 failed file").await;
    let after = wait_bulk_result(s, |t| t.contains("Created 3 links (1 on retry)")).await;
    assert!(
        after.contains("as a Markdown list"),
        "the result shows: {after}"
    );
    assert!(!dialog_text(s).await.contains("null"));
    app.save_screenshot("actions-bulk-retried").await;

    // Every link made, first run and retry, is on the clipboard as a Markdown list, in order.
    let text = scenario::wait_clipboard("three Markdown links", |t| {
        t.lines().count() == 3 && t.lines().all(|l| l.starts_with("- ["))
    })
    .await;
    for (line, (file, name)) in text.lines().zip(files) {
        let prefix = format!("- [{name}](");
        assert!(line.starts_with(&prefix), "{line} is not {name}'s");
        let link = line[prefix.len()..].trim_end_matches(')');
        assert!(link.contains(&format!("/files/{file}/")), "{line}");
        let status = reqwest::get(link).await.unwrap().status();
        assert!(status.is_success(), "{link}: {status}");
    }
    second.shutdown().await;
}
