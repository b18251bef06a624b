//! Downloading, deleting and a token's QR code in the real window: chosen files are saved by Rust
//! into the folder picked (the test names it with `BUCKETDESK_DOWNLOAD_DIR` instead of the dialog)
//! with their bytes, a second copy under a safe name; a download the server holds in the middle
//! of its body is cancelled from its line and with Cancel all, says so, and leaves nothing under
//! its name; a delete asks with each file's tokens, takes the rows away and its links answer 401
//! from then on; the QR code of a token's link is shown as an image, never as the link's text,
//! and Esc closes it.

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::AppSession;
use serde_json::json;

/// The X11 clipboard is one per display, and the delete test reads a link from it.
static CLIPBOARD: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Waits until `dir` holds a file named `name` with `size` bytes (a download renames its part
/// file into place when it is whole); gives its bytes.
async fn wait_saved(dir: &std::path::Path, name: &str, size: usize) -> Vec<u8> {
    let path = dir.join(name);
    bucketdesk_e2e::wait::until(&format!("{name} saved"), STEP, || {
        let path = path.clone();
        async move {
            match std::fs::read(&path) {
                Ok(data) if data.len() == size => Ok(data),
                Ok(data) => Err(format!("{} bytes", data.len())),
                Err(e) => Err(e.to_string()),
            }
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Starts the app with downloads going to a new folder, adds `server` as project `name`, and
/// downloads the sales CSV and the report from its Documents: the app and the folder.
async fn download_csv_and_pdf(
    server: &appwrite_sandbox::Sandbox,
    name: &str,
) -> (AppSession, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app =
        AppSession::launch_with_env(&[("BUCKETDESK_DOWNLOAD_DIR", dir.path().to_str().unwrap())])
            .await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::add_and_open(s, name, server).await;
    scenario::click_css(
        s,
        &format!("[data-bucket-id='{}']", seed::DOCUMENTS_BUCKET_ID),
    )
    .await;
    scenario::tick_files(s, &[seed::SALES_CSV_FILE_ID, seed::REPORT_PDF_FILE_ID]).await;
    scenario::click(s, "Download selected files").await;
    (app, dir)
}

/// Puts the keyboard in the file list (its cursor stays on the row clicked last).
async fn focus_list(s: &bucketdesk_e2e::Session) {
    s.execute(
        "document.querySelector('.file-grid').focus(); return true;",
        vec![],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn chosen_files_download_with_their_bytes_and_a_second_copy_gets_a_safe_name() {
    let second = scenario::seeded_sandbox().await;
    let (app, dir) = download_csv_and_pdf(&second, "Staging").await;
    let s = &app.session;
    let (csv, pdf) = (seed::SALES_CSV_FILE_ID, seed::REPORT_PDF_FILE_ID);

    // The panel lists both downloads until they are saved; then a toast says where.
    s.wait_until(
        "both downloads done",
        "return document.querySelectorAll('li.transfer[data-kind=download][data-state=done]').length === 2;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    scenario::wait_toast(s, "2 files downloaded").await;
    app.save_screenshot("24-downloaded").await;
    let csv_bytes = scenario::file_bytes(&second, seed::DOCUMENTS_BUCKET_ID, csv).await;
    let pdf_bytes = scenario::file_bytes(&second, seed::DOCUMENTS_BUCKET_ID, pdf).await;
    assert!(wait_saved(dir.path(), "sales-2025.csv", csv_bytes.len()).await == csv_bytes);
    assert!(wait_saved(dir.path(), "quarterly-report.pdf", pdf_bytes.len()).await == pdf_bytes);

    // The report again, from its row's menu by keyboard: saved beside the first under a new name.
    scenario::click(s, "Clear selection").await;
    scenario::click_css(s, &format!("[data-file-id='{pdf}']")).await;
    focus_list(s).await;
    s.wait_until(
        "the report under the cursor",
        "return document.querySelector('.file-row.cursor')?.dataset.fileId === arguments[0];",
        vec![json!(pdf)],
        STEP,
    )
    .await
    .unwrap();
    s.press(&[keys::SHIFT, keys::F10]).await.unwrap();
    scenario::click_css(s, ".menu [data-action='download']").await;
    assert!(wait_saved(dir.path(), "quarterly-report (1).pdf", pdf_bytes.len()).await == pdf_bytes);
    second.shutdown().await;
}

/// The names in `dir`, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits until the download line of `file_id` is cancelled; gives its text.
async fn wait_cancelled(s: &bucketdesk_e2e::Session, file_id: &str) -> String {
    let text = s
        .wait_until(
            "the download's line to say it was cancelled",
            "const l = document.querySelector(`li.transfer[data-kind=download][data-file-id='${arguments[0]}']`);
             return l?.dataset.state === 'cancelled' ? l.textContent : null;",
            vec![json!(file_id)],
            STEP,
        )
        .await
        .unwrap();
    text.as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_download_held_mid_body_is_cancelled_and_leaves_nothing_under_its_name() {
    // A server that sends the first 16 bytes of every download and then holds the rest back.
    let held = appwrite_sandbox::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        stall_content_after: Some(16),
        ..Default::default()
    })
    .await
    .unwrap();
    let (app, dir) = download_csv_and_pdf(&held, "Held").await;
    let s = &app.session;
    let (csv, pdf) = (seed::SALES_CSV_FILE_ID, seed::REPORT_PDF_FILE_ID);

    // Both on their way, their first bytes in their part files, the rest not coming.
    s.wait_until(
        "both downloads under way",
        "return document.querySelectorAll('li.transfer[data-kind=download][data-state=downloading]').length === 2;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    let parts = ["quarterly-report.pdf", "sales-2025.csv"]
        .map(|n| dir.path().join(format!("{n}.bucketdesk-part")));
    bucketdesk_e2e::wait::until("the first bytes on disk", STEP, || {
        let parts = parts.clone();
        async move {
            let sizes: Vec<u64> = parts
                .iter()
                .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
                .collect();
            if sizes.iter().all(|n| *n > 0) {
                Ok(())
            } else {
                Err(format!("part files of {sizes:?} bytes"))
            }
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.save_screenshot("28-download-held").await;

    // One from its line: the line says so, and nothing of it is left in the folder.
    scenario::click(s, "Cancel the download of quarterly-report.pdf").await;
    let line = wait_cancelled(s, pdf).await;
    assert!(
        line.contains("Cancelled") && line.contains("Nothing was saved"),
        "{line}"
    );
    assert_eq!(names_in(dir.path()), ["sales-2025.csv.bucketdesk-part"]);

    // The other with Cancel all: the batch ends with nothing saved, and says so.
    scenario::click(s, "Cancel all downloads").await;
    wait_cancelled(s, csv).await;
    scenario::wait_toast(s, "2 downloads cancelled").await;
    s.wait_until(
        "the panel's summary to count them cancelled",
        "return document.querySelector('.transfers-summary')?.textContent === '2 cancelled';",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    assert_eq!(
        names_in(dir.path()),
        Vec::<String>::new(),
        "nothing under their names, no part files"
    );
    held.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delete_names_each_files_tokens_removes_the_rows_and_its_links_answer_401() {
    let _clipboard = CLIPBOARD.lock().await;
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let (pdf, notes) = (seed::REPORT_PDF_FILE_ID, seed::NOTES_TXT_FILE_ID);

    // The report's shared link works before the delete.
    scenario::open_file(s, seed::DOCUMENTS_BUCKET_ID, pdf).await;
    scenario::wait_token(s, seed::TOKEN_REPORT_SHARED, Some("neverExpires")).await;
    scenario::click_in_row(s, seed::TOKEN_REPORT_SHARED, "Copy link").await;
    let link = scenario::wait_clipboard("the report's link", |t| {
        t.contains(&format!("/files/{pdf}/"))
    })
    .await;
    assert_eq!(reqwest::get(&link).await.unwrap().status().as_u16(), 200);

    // The Delete key on a file asks first; Esc keeps it.
    scenario::click_css(s, &format!("[data-file-id='{notes}']")).await;
    focus_list(s).await;
    s.wait_until(
        "the notes under the cursor",
        "return document.querySelector('.file-row.cursor')?.dataset.fileId === arguments[0];",
        vec![json!(notes)],
        STEP,
    )
    .await
    .unwrap();
    s.press(&[keys::DELETE]).await.unwrap();
    let asked = s
        .wait_for_text("dialog[open]", STEP, |t| t.contains("meeting-notes.txt"))
        .await
        .unwrap();
    assert!(asked.contains("no tokens"), "{asked}");
    scenario::escape_closes_the_dialog(s).await;
    s.wait_for(&format!("[data-file-id='{notes}']"), STEP)
        .await
        .unwrap();

    // Both ticked and deleted from the toolbar: the question names each file's tokens and says
    // their links stop working.
    scenario::tick_files(s, &[pdf, notes]).await;
    scenario::click(s, "Delete selected files").await;
    let asked = s
        .wait_for_text("dialog[open]", STEP, |t| t.contains("quarterly-report.pdf"))
        .await
        .unwrap();
    assert!(asked.contains("quarterly-report.pdf: 1 token"), "{asked}");
    assert!(asked.contains("meeting-notes.txt: no tokens"), "{asked}");
    assert!(asked.contains("stops working"), "{asked}");
    app.save_screenshot("25-delete-question").await;
    scenario::click(s, "Delete 2 files").await;
    scenario::wait_toast(s, "2 files deleted").await;
    s.wait_until(
        "the rows to go",
        "return !document.querySelector(`[data-file-id='${arguments[0]}']`) && !document.querySelector(`[data-file-id='${arguments[1]}']`);",
        vec![json!(pdf), json!(notes)],
        STEP,
    )
    .await
    .unwrap();
    // The open file was one of them: the file pane closes.
    s.wait_until(
        "no file open",
        "return !document.querySelector('.file-detail');",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    assert_eq!(reqwest::get(&link).await.unwrap().status().as_u16(), 401);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tokens_qr_code_is_shown_as_an_image_and_esc_closes_it() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    let token = seed::TOKEN_NEVER_EXPIRES;
    scenario::wait_token(s, token, Some("neverExpires")).await;

    // From the keyboard: the token's row, then q.
    scenario::click_css(s, &format!("tr[data-token-id='{token}'] .col-created")).await;
    s.press(&["q"]).await.unwrap();
    let drawn = "const img = document.querySelector('dialog[open] img.qr-image');
         return img && !img.hidden && img.complete && img.naturalWidth > 0
           && img.src.startsWith('data:image/svg+xml;base64,') ? img.src : null;";
    let first = s
        .wait_until("the QR code", drawn, vec![], STEP)
        .await
        .unwrap();
    app.save_screenshot("26-qr-code").await;
    // The page holds the image, not the link.
    let page = scenario::page_and_storage(s).await;
    assert!(!page.contains("token="), "the link's text reached the page");

    // Another kind of link draws another code.
    s.execute(
        "const select = document.getElementById('qr-kind');
         select.value = 'download';
         select.dispatchEvent(new Event('change'));
         return true;",
        vec![],
    )
    .await
    .unwrap();
    s.wait_until("the download link's code", drawn, vec![], STEP)
        .await
        .unwrap();
    s.wait_until(
        "a different code",
        "const img = document.querySelector('dialog[open] img.qr-image');
         return img && !img.hidden && img.src !== arguments[0];",
        vec![first],
        STEP,
    )
    .await
    .unwrap();
    scenario::escape_closes_the_dialog(s).await;

    // From the link kinds menu of the row, too.
    scenario::click_in_row(s, token, "Choose link kind").await;
    scenario::click_css(s, ".menu [data-action='qr']").await;
    s.wait_until("the QR code again", drawn, vec![], STEP)
        .await
        .unwrap();
    scenario::escape_closes_the_dialog(s).await;
}
