//! Uploading in the real window: files dropped on the file list (through the same Tauri events a
//! desktop drop emits, see `scenario::drop_files`) are uploaded by Rust with progress in the
//! uploads panel and appear in the list; with "Upload and share" on, or dropped on the share zone,
//! their links land on the real clipboard and a stranger gets the same bytes with them; a file too
//! big for its bucket says the bucket's limit; a slow upload shows its progress, is cancelled and
//! resumes from what the server has; Cancel all stops two uploads half on the server, and retried
//! (from the panel, or from the pending row the cancel left) each is made once; a pending row's
//! Resume is reached with Tab from the list, and Enter resumes.

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, DropOn, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::AppSession;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The X11 clipboard is one per display, and these tests copy to it: they take turns.
static CLIPBOARD: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Bytes no other file has: `len` of them from a small generator seeded with `seed`.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The demo project on a server that waits half a second before every answer: a file of a few
/// chunks takes a while, in steps a test can see and act between.
async fn slow_demo_sandbox() -> appwrite_sandbox::Sandbox {
    appwrite_sandbox::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        latency: std::time::Duration::from_millis(500),
        ..Default::default()
    })
    .await
    .unwrap()
}

/// Writes `files` ([(name, bytes)]) into `dir`; gives their paths.
fn write_files(dir: &Path, files: &[(&str, &[u8])]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, data)| {
            let path = dir.join(name);
            std::fs::write(&path, data).unwrap();
            path
        })
        .collect()
}

/// Opens a bucket of the current project and waits for its first rows.
async fn open_bucket(s: &bucketdesk_e2e::Session, bucket_id: &str) {
    scenario::click_css(s, &format!("[data-bucket-id='{bucket_id}']")).await;
    s.wait_for("[data-file-id]", STEP).await.unwrap();
}

/// Whether the uploads panel's "Upload and share" is ticked.
async fn share_ticked(s: &bucketdesk_e2e::Session) -> bool {
    let value = s
        .wait_until(
            "the share toggle, once the project's choice is read",
            "const box = document.getElementById('share-on-upload');
             return box && !box.disabled ? { on: box.checked } : null;",
            vec![],
            STEP,
        )
        .await
        .unwrap();
    value["on"] == json!(true)
}

/// Starts recording every upload line's state and label the panel shows, from now on.
async fn record_upload_lines(s: &bucketdesk_e2e::Session) {
    s.execute(
        "window.__seenUploads = [];
         const note = () => {
           for (const l of document.querySelectorAll('li.transfer[data-kind=upload]')) {
             window.__seenUploads.push({
               name: l.querySelector('.transfer-name').textContent, state: l.dataset.state,
               label: l.querySelector('.transfer-label').textContent, detail: l.querySelector('.transfer-detail').textContent,
             });
           }
         };
         new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
         return true;",
        vec![],
    )
    .await
    .unwrap();
}

/// What the recorder saw of the line of `name`.
async fn seen_lines(s: &bucketdesk_e2e::Session, name: &str) -> Vec<Value> {
    let value = s
        .execute(
            "return window.__seenUploads.filter((l) => l.name.endsWith(arguments[0]));",
            vec![json!(name)],
        )
        .await
        .unwrap();
    value.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn three_files_dropped_on_the_demos_documents_with_share_on_give_three_working_links() {
    let _clipboard = CLIPBOARD.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let contents = [
        ("drop-notes.txt", bytes(1, 3_000)),
        ("drop-table.csv", bytes(2, 200_000)),
        // Two chunks of 5 MiB and a bit: sent in parts.
        ("drop-video.bin", bytes(3, 6 * 1024 * 1024 + 123)),
    ];
    let names: Vec<&str> = contents.iter().map(|(n, _)| *n).collect();
    let paths = write_files(
        dir.path(),
        &contents
            .iter()
            .map(|(n, b)| (*n, b.as_slice()))
            .collect::<Vec<_>>(),
    );

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;

    // "Upload and share" is off in a new project; tick it (Rust keeps it for the project).
    assert!(!share_ticked(s).await);
    scenario::click(s, "Upload and share").await;
    assert!(share_ticked(s).await);

    record_upload_lines(s).await;
    scenario::drop_files(s, &paths, DropOn::List).await;

    // Each file's line in the uploads panel ends uploaded, and the list shows the three files.
    let lines = scenario::wait_uploads(s, &names, "done").await;
    for line in &lines {
        assert!(line.contains("Uploaded"), "{line}");
    }
    let ids = scenario::wait_file_rows(s, &names).await;
    for name in &names {
        let seen = seen_lines(s, name).await;
        assert!(
            seen.iter().any(|l| l["state"] == json!("done")),
            "{name}: {seen:?}"
        );
    }
    let video = seen_lines(s, "drop-video.bin").await;
    assert!(
        video
            .iter()
            .any(|l| l["label"] == json!("100%") || l["state"] == json!("done")),
        "{video:?}"
    );

    // When the batch ends, a toast names the links copied and their expiry, and the clipboard
    // holds three links, one per line, each giving a stranger the bytes that were dropped.
    let toast = scenario::wait_toast(s, "3 links copied").await;
    assert!(toast.contains("expire"), "{toast}");
    app.save_screenshot("20-uploaded-and-shared").await;
    let text = scenario::wait_clipboard("three links", |t| t.lines().count() == 3).await;
    let mut got = Vec::new();
    for line in text.lines() {
        assert!(
            line.contains(&format!(
                "/storage/buckets/{}/files/",
                seed::DOCUMENTS_BUCKET_ID
            )),
            "{line}"
        );
        assert!(
            ids.iter().any(|id| line.contains(&format!("/files/{id}/"))),
            "{line} is not one of {ids:?}"
        );
        let (status, body) = scenario::fetch_link(line).await;
        assert_eq!(status, 200, "{line}");
        got.push(body);
    }
    let mut expected: Vec<Vec<u8>> = contents.iter().map(|(_, b)| b.clone()).collect();
    got.sort();
    expected.sort();
    assert!(got == expected, "the links give back the bytes dropped");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drop_on_the_share_zone_shares_in_one_gesture_and_the_toggle_is_kept_for_the_project() {
    let _clipboard = CLIPBOARD.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let data = bytes(4, 50_000);
    let paths = write_files(dir.path(), &[("zone-drop.txt", &data)]);

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    assert!(!share_ticked(s).await);

    // While dragging, the target shows both zones; with the toggle off, plain Upload is the one a
    // drop elsewhere would take.
    s.execute(
        "window.__TAURI__.event.emit('tauri://drag-enter', { paths: arguments[0], position: { x: 1, y: 1 } }); return true;",
        vec![json!([paths[0].display().to_string()])],
    )
    .await
    .unwrap();
    s.wait_for(
        ".drop-target:not([hidden]) [data-zone='upload'].active",
        STEP,
    )
    .await
    .unwrap();
    app.save_screenshot("21-drop-target").await;
    s.execute(
        "window.__TAURI__.event.emit('tauri://drag-leave', null); return true;",
        vec![],
    )
    .await
    .unwrap();
    s.wait_until(
        "the drop target to go when the drag leaves",
        "return document.querySelector('.drop-target')?.hidden === true;",
        vec![],
        STEP,
    )
    .await
    .unwrap();

    // Dropped on "Upload and share": shared though the toggle is off.
    scenario::drop_files(s, &paths, DropOn::ShareZone).await;
    scenario::wait_uploads(s, &["zone-drop.txt"], "done").await;
    scenario::wait_toast(s, "1 link copied").await;
    let link = scenario::wait_clipboard("the zone's link", |t| t.contains("/files/")).await;
    assert_eq!(scenario::fetch_link(link.trim()).await, (200, data));
    assert!(
        !share_ticked(s).await,
        "the zone does not change the toggle"
    );

    // The toggle is the project's: on after a restart.
    scenario::click(s, "Upload and share").await;
    assert!(share_ticked(s).await);
    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    assert!(
        share_ticked(s).await,
        "Upload and share is kept for the project"
    );
}

/// Which of the controls named (by accessible name or CSS) are not in reach: off the window, or
/// covered by something else where a click would land. Scrolls each into view first, as a user
/// would.
const OUT_OF_REACH: &str = "const [names] = arguments;
const named = (name) => document.querySelector(name.startsWith('css:') ? name.slice(4) : `[aria-label=\"${name}\"]`)
  ?? [...document.querySelectorAll('button, label')].find((b) => b.textContent.trim() === name);
return names.filter((name) => {
  const el = named(name);
  if (!el || !el.offsetParent) return true;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return true;
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !(top === el || el.contains(top));
});";

#[tokio::test(flavor = "multi_thread")]
async fn a_file_too_big_for_its_bucket_says_the_buckets_limit_in_reach_at_800_by_500() {
    let dir = tempfile::tempdir().unwrap();
    // The demo's Photos take images up to 10 MB.
    let paths = write_files(dir.path(), &[("too-big.png", &bytes(5, 10_500_000))]);

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    // The window at its smallest, a photo open beside the list, another ticked.
    scenario::resize(s, 800, 500).await;
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    scenario::tick_files(s, &[seed::MOUNTAINS_JPG_FILE_ID]).await;
    scenario::drop_files(s, &paths, DropOn::UploadZone).await;

    let lines = scenario::wait_uploads(s, &["too-big.png"], "failed").await;
    assert!(
        lines[0].contains("takes files of at most 10 MB"),
        "the line names the bucket's limit: {}",
        lines[0]
    );
    let line = s
        .execute(
            "const l = document.querySelector('li.transfer[data-state=failed]');
             return { code: l.dataset.code, retry: [...l.querySelectorAll('button')].some((b) => b.textContent === 'Retry') };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(line["code"], json!("too_large"));
    assert_eq!(
        line["retry"],
        json!(false),
        "sending the same file again would be refused again"
    );
    app.save_screenshot("22-too-big-at-800x500").await;

    // Everything the uploads add is within reach at this size.
    let out = s
        .execute(
            OUT_OF_REACH,
            vec![json!([
                "Upload",
                "css:#share-on-upload",
                "Download selected files",
                "Delete selected files",
                "Clear finished transfers",
                "Hide the transfers",
                "css:li.transfer[data-state=failed] .transfer-detail",
            ])],
        )
        .await
        .unwrap();
    assert_eq!(out, json!([]), "out of reach at 800 × 500");
    // And the list's toolbar stays inside the list's pane, a file ticked or not.
    let outside = s
        .execute(
            "const pane = document.getElementById('files-pane').getBoundingClientRect();
             return [...document.querySelectorAll('.files-toolbar button')].filter((b) => b.offsetParent)
               .filter((b) => { const r = b.getBoundingClientRect(); return r.left < pane.left || r.right > pane.right + 0.5; })
               .map((b) => b.getAttribute('aria-label') ?? b.textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        outside,
        json!([]),
        "toolbar buttons outside the list's pane"
    );

    // Nothing was created: the list has no such file.
    let listed = s
        .execute(
            "return [...document.querySelectorAll('.file-name')].some((n) => n.textContent === 'too-big.png');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(listed, json!(false));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_upload_shows_its_progress_is_cancelled_and_resumes_from_the_servers_chunks() {
    // Every request waits half a second: a file of four chunks takes a while, in steps.
    let slow = slow_demo_sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let data = bytes(6, 16 * 1024 * 1024 + 77);
    let paths = write_files(dir.path(), &[("slow-upload.bin", &data)]);

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::add_and_open(s, "Slow", &slow).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    scenario::drop_files(s, &paths, DropOn::UploadZone).await;

    // Past the first chunk (5 MiB of 16, which must land alone, first), the line shows how far it is,
    // in bytes and percent, and once its speed is known (from progress over a quarter of a second
    // at least), how fast it goes and how long it has left.
    let shown = s
        .wait_until(
            "the upload part way, with its speed",
            "const l = document.querySelector('li.transfer[data-kind=upload]');
             if (!l || l.dataset.state !== 'uploading') return null;
             const pct = parseInt(l.querySelector('.transfer-label').textContent, 10);
             const detail = l.querySelector('.transfer-detail').textContent;
             return pct > 35 && pct < 100 && detail.includes('/s') ? detail : null;",
            vec![],
            STEP,
        )
        .await
        .unwrap();
    let shown = shown.as_str().unwrap().to_string();
    assert!(shown.contains(" of 16.8 MB"), "{shown}");
    let pace = shown
        .split(" · ")
        .find(|part| part.ends_with("/s"))
        .unwrap_or_else(|| panic!("a speed: {shown}"));
    let (amount, unit) = pace.trim_end_matches("/s").split_once(' ').unwrap();
    assert!(
        amount.parse::<f64>().unwrap() > 0.0 && ["B", "kB", "MB", "GB"].contains(&unit),
        "a speed above nothing: {shown}"
    );
    assert!(shown.ends_with(" left"), "the time left after it: {shown}");
    app.save_screenshot("23-upload-progress").await;

    // Cancel it: the line says so and offers Retry.
    scenario::click(s, "Cancel the upload of slow-upload.bin").await;
    scenario::wait_uploads(s, &["slow-upload.bin"], "cancelled").await;
    // Retry continues from the chunks the server has, and says it resumed.
    scenario::click(s, "Retry the upload of slow-upload.bin").await;
    let lines = scenario::wait_uploads(s, &["slow-upload.bin"], "done").await;
    assert!(lines[0].contains("resumed"), "{}", lines[0]);
    let [id] = scenario::wait_file_rows(s, &["slow-upload.bin"])
        .await
        .try_into()
        .unwrap();

    // The server holds the file once, with the bytes dropped.
    assert!(scenario::file_bytes(&slow, seed::DOCUMENTS_BUCKET_ID, &id).await == data);
    let same_name = s
        .execute(
            "return [...document.querySelectorAll('.file-name')].filter((n) => n.textContent === 'slow-upload.bin').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(same_name, json!(1), "the file was created once");
    slow.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_u_uploads_the_files_chosen_in_the_dialog_into_the_open_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let data = bytes(7, 20_000);
    let paths = write_files(dir.path(), &[("picked.txt", &data)]);
    // The test hook stands in for the platform's file dialog: these are the files "chosen".
    let app =
        AppSession::launch_with_env(&[("BUCKETDESK_UPLOAD_PICK", paths[0].to_str().unwrap())])
            .await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    // From the keyboard, wherever the focus is outside a field.
    s.execute("document.activeElement?.blur(); return true;", vec![])
        .await
        .unwrap();
    s.press(&[bucketdesk_e2e::webdriver::keys::CONTROL, "u"])
        .await
        .unwrap();
    scenario::wait_uploads(s, &["picked.txt"], "done").await;
    scenario::wait_file_rows(s, &["picked.txt"]).await;
    scenario::wait_toast(s, "1 file uploaded").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upload_cut_short_by_quitting_is_pending_and_resumes_at_the_next_start() {
    let slow = slow_demo_sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let data = bytes(8, 16 * 1024 * 1024 + 5);
    let paths = write_files(dir.path(), &[("cut-short.bin", &data)]);

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let project = scenario::add_and_open(s, "Slow", &slow).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    scenario::drop_files(s, &paths, DropOn::UploadZone).await;
    // Quit past the first chunk (31%: the server has it), as a logout would.
    s.wait_until(
        "the upload part way",
        "const l = document.querySelector('li.transfer[data-kind=upload]');
         return l?.dataset.state === 'uploading' && parseInt(l.querySelector('.transfer-label').textContent, 10) > 35;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    let app = app.restart().await;
    let s = &app.session;
    // It opens where it was left: on that project.
    scenario::wait_current(s, &project).await;
    s.wait_for("[data-bucket-id]", STEP).await.unwrap();

    // The panel offers what did not finish, and the list shows the file as pending.
    s.wait_for_text(".transfers-pending:not([hidden])", STEP, |t| {
        t.contains("1 upload from an earlier session did not finish: cut-short.bin")
    })
    .await
    .unwrap();
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    let [id] = scenario::wait_file_rows(s, &["cut-short.bin"])
        .await
        .try_into()
        .unwrap();
    let row = format!("[data-file-id='{id}']");
    s.wait_for(&format!("{row} .badge.pending"), STEP)
        .await
        .unwrap();
    app.save_screenshot("27-pending-upload").await;

    // From the keyboard: the list's cursor on the row, which says Tab reaches its buttons; Tab
    // goes to Resume, the list's own keys lead back to the list, and Enter on Resume resumes it.
    let key = format!("file:{id}");
    s.execute(
        "document.querySelector('.file-grid').focus(); return true;",
        vec![],
    )
    .await
    .unwrap();
    s.press(&[keys::HOME]).await.unwrap();
    let mut at = keyboard(s).await;
    for _ in 0..20 {
        if at["cursor"] == json!(key) {
            break;
        }
        s.press(&[keys::ARROW_DOWN]).await.unwrap();
        at = keyboard(s).await;
    }
    assert_eq!(at["cursor"], json!(key), "{at}");
    assert_eq!(at["focus"], json!("list"), "{at}");
    let told = at["description"].as_str().unwrap_or_default();
    assert!(told.contains("Tab reaches Resume and Delete"), "{at}");
    s.press(&[keys::TAB]).await.unwrap();
    wait_keyboard(s, &key, "Resume the upload of cut-short.bin").await;
    s.press(&[keys::TAB]).await.unwrap();
    wait_keyboard(s, &key, "Delete cut-short.bin").await;
    s.press(&[keys::SHIFT, keys::TAB]).await.unwrap();
    wait_keyboard(s, &key, "Resume the upload of cut-short.bin").await;
    s.press(&[keys::ARROW_UP]).await.unwrap();
    let above = s
        .wait_until(
            "the list's cursor a row up, the keyboard back in the list",
            "const [key] = arguments;
             const cursor = document.querySelector('.file-row.cursor')?.dataset.rowKey;
             return document.activeElement?.classList.contains('file-grid') && cursor && cursor !== key ? cursor : null;",
            vec![json!(key)],
            STEP,
        )
        .await
        .unwrap();
    assert_ne!(above, json!(key));
    s.press(&[keys::ARROW_DOWN]).await.unwrap();
    wait_keyboard(s, &key, "list").await;
    s.press(&[keys::TAB]).await.unwrap();
    wait_keyboard(s, &key, "Resume the upload of cut-short.bin").await;
    app.save_screenshot("29-pending-resume-by-keyboard").await;
    s.press(&[keys::ENTER]).await.unwrap();
    // It continues from the server's chunks, and the row is no longer pending.
    let lines = scenario::wait_uploads(s, &["cut-short.bin"], "done").await;
    assert!(lines[0].contains("resumed"), "{}", lines[0]);
    s.wait_until(
        "the row no longer pending",
        "const row = document.querySelector(arguments[0]);
         return !!row && !row.querySelector('.badge.pending');",
        vec![json!(row)],
        STEP,
    )
    .await
    .unwrap();
    assert!(scenario::file_bytes(&slow, seed::DOCUMENTS_BUCKET_ID, &id).await == data);
    slow.shutdown().await;
}

/// Where the file list's keyboard is: the cursor row's key and description, and what has the
/// focus (`list`, or a control's accessible name).
async fn keyboard(s: &bucketdesk_e2e::Session) -> Value {
    s.execute(KEYBOARD, vec![]).await.unwrap()
}

const KEYBOARD: &str = "const cursor = document.querySelector('.file-row.cursor');
const active = document.activeElement;
return {
  cursor: cursor?.dataset.rowKey ?? null,
  description: cursor?.getAttribute('aria-description') ?? null,
  focus: active?.classList.contains('file-grid') ? 'list' : (active?.getAttribute('aria-label') ?? active?.tagName ?? null),
};";

/// Waits until the list's cursor is on `key` and `focus` (see [`keyboard`]) has the keyboard.
async fn wait_keyboard(s: &bucketdesk_e2e::Session, key: &str, focus: &str) {
    bucketdesk_e2e::wait::until(
        &format!("the cursor on {key}, {focus} focused"),
        STEP,
        || async move {
            let at = keyboard(s).await;
            if at["cursor"] == json!(key) && at["focus"] == json!(focus) {
                Ok(())
            } else {
                Err(at.to_string())
            }
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The files of `bucket_id` named `name` on the server, as its API lists them to the key.
async fn files_named(
    server: &appwrite_sandbox::Sandbox,
    bucket_id: &str,
    name: &str,
) -> Vec<Value> {
    let query = json!({"method": "equal", "attribute": "name", "values": [name]}).to_string();
    let response = reqwest::Client::new()
        .get(format!(
            "{}/storage/buckets/{bucket_id}/files",
            server.endpoint()
        ))
        .query(&[("queries[0]", query)])
        .header("X-Appwrite-Project", server.project_id())
        .header("X-Appwrite-Key", server.api_key())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let page: Value = response.json().await.unwrap();
    page["files"].as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_all_stops_two_uploads_half_on_the_server_and_retried_each_is_made_once() {
    let server = appwrite_sandbox::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Three chunks each.
    let contents = [
        ("held-one.bin", bytes(11, 12 * 1024 * 1024 + 11)),
        ("held-two.bin", bytes(12, 12 * 1024 * 1024 + 12)),
    ];
    let names = ["held-one.bin", "held-two.bin"];
    let paths = write_files(
        dir.path(),
        &contents
            .iter()
            .map(|(n, b)| (*n, b.as_slice()))
            .collect::<Vec<_>>(),
    );

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::add_and_open(s, "Held", &server).await;
    open_bucket(s, seed::DOCUMENTS_BUCKET_ID).await;
    // Each file's first chunk lands (the file is made); the server holds the rest.
    server.hold_upload_chunks(true);
    // Two drops: two batches.
    scenario::drop_files(s, &paths[..1], DropOn::UploadZone).await;
    scenario::drop_files(s, &paths[1..], DropOn::UploadZone).await;
    scenario::wait_uploads(s, &names, "uploading").await;
    bucketdesk_e2e::wait::until("both files part way on the server", STEP, || async {
        let mut parts = Vec::new();
        for name in names {
            let found = files_named(&server, seed::DOCUMENTS_BUCKET_ID, name).await;
            parts.push(
                found
                    .first()
                    .map(|f| (f["chunksUploaded"].clone(), f["chunksTotal"].clone())),
            );
        }
        if parts
            .iter()
            .all(|p| matches!(p, Some((up, total)) if up == &json!(1) && total == &json!(3)))
        {
            Ok(())
        } else {
            Err(format!("{parts:?}"))
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));

    // Cancel all stops both batches.
    scenario::click(s, "Cancel all uploads").await;
    let lines = scenario::wait_uploads(s, &names, "cancelled").await;
    for line in &lines {
        assert!(line.contains("Cancelled"), "{line}");
    }
    s.wait_until(
        "Cancel all gone with nothing left on its way",
        "const b = [...document.querySelectorAll('.transfers-bar button')].find((b) => b.textContent === 'Cancel all');
         return !!b && b.hidden;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    app.save_screenshot("30-cancel-all").await;

    // Retried, each continues the file the server has: none is made twice. One from its line in
    // the panel, the other from its row in the list, pending since the cancel.
    server.hold_upload_chunks(false);
    scenario::click(s, "Retry the upload of held-one.bin").await;
    let [two] = scenario::wait_file_rows(s, &["held-two.bin"])
        .await
        .try_into()
        .unwrap();
    s.wait_for(&format!("[data-file-id='{two}'] .badge.pending"), STEP)
        .await
        .unwrap();
    scenario::click(s, "Resume the upload of held-two.bin").await;
    let lines = scenario::wait_uploads(s, &names, "done").await;
    for line in &lines {
        assert!(line.contains("resumed"), "{line}");
    }
    for (name, data) in &contents {
        let found = files_named(&server, seed::DOCUMENTS_BUCKET_ID, name).await;
        assert_eq!(found.len(), 1, "{name} is made once: {found:?}");
        let id = found[0]["$id"].as_str().unwrap();
        let body = scenario::file_bytes(&server, seed::DOCUMENTS_BUCKET_ID, id).await;
        assert!(&body == data, "{name}'s bytes");
    }
    scenario::wait_file_rows(s, &names).await;
    let listed = s
        .execute(
            "return arguments[0].map((n) => [...document.querySelectorAll('.file-name')].filter((e) => e.textContent === n).length);",
            vec![json!(names)],
        )
        .await
        .unwrap();
    assert_eq!(listed, json!([1, 1]), "each listed once");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_dropped_into_the_open_folder_keeps_its_files_relative_paths_below_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("trip/day2")).unwrap();
    write_files(
        dir.path(),
        &[
            ("trip/beach.png", &bytes(9, 4_000)),
            ("trip/day2/dunes.jpg", &bytes(10, 6_000)),
        ],
    );

    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    for folder in [seed::PHOTOS_2026_FOLDER, seed::PHOTOS_SUMMER_FOLDER] {
        scenario::wait_folders(s).await;
        scenario::click_css(s, &format!(".folder-row[data-folder-path='{folder}']")).await;
    }
    scenario::wait_folders(s).await;

    // The drop target names where the files go, and they go there, under the folder dropped.
    scenario::drop_files(s, &[dir.path().join("trip")], DropOn::List).await;
    let lines = scenario::wait_uploads(s, &["beach.png", "dunes.jpg"], "done").await;
    assert!(
        lines[0].contains("2026/summer/trip/beach.png"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("2026/summer/trip/day2/dunes.jpg"),
        "{}",
        lines[1]
    );
    // The open folder lists the new subfolder, and in it the file and its own subfolder.
    let trip = format!("{}trip/", seed::PHOTOS_SUMMER_FOLDER);
    scenario::click_css(s, &format!(".folder-row[data-folder-path='{trip}']")).await;
    scenario::wait_folders(s).await;
    scenario::wait_file_rows(s, &["beach.png"]).await;
    s.wait_for(
        &format!(".folder-row[data-folder-path='{trip}day2/']"),
        STEP,
    )
    .await
    .unwrap();
}
