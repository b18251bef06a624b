//! The file list of a big bucket in the real window: a search for a file's name (or its end) lists
//! that file first; End shows the real last of the 9,000 files at the bucket's root in a few
//! requests, without walking the pages, and Home goes back to the top (its folder); the bucket
//! details show the count ("5,000+"), the size and every setting, from the keyboard, at the
//! window's smallest size; and on a slow server, rows scrolled to say which files are loading while
//! the pages ahead come too.

use std::sync::Mutex;
use std::time::Duration;

use appwrite_sandbox::{seed, Config, Sandbox, Seed};
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::{wait, AppSession, Session};
use serde_json::{json, Value};

const GRID: &str = "[role=grid][aria-label=Files]";
/// The route of a page of files, as the sandbox records it.
const LIST_ROUTE: &str = "/storage/buckets/{bucketId}/files";

/// The app on the demo project, its first screen ready.
async fn demo_app() -> AppSession {
    let app = AppSession::launch().await;
    scenario::wait_ready(&app.session).await;
    app
}

/// A sandbox seeded with the demo data that keeps its answers (to count them), `latency` slow.
async fn recording_sandbox(latency: Duration) -> Sandbox {
    appwrite_sandbox::start(Config {
        seed: Seed::Demo,
        record_responses: true,
        latency,
        ..Config::default()
    })
    .await
    .expect("the sandbox starts")
}

/// The app switched to a project on `sandbox`, added by typing its key.
async fn app_on(sandbox: &Sandbox) -> AppSession {
    let app = demo_app().await;
    let s = &app.session;
    scenario::add_and_open(s, "Big bucket", sandbox).await;
    app
}

/// Opens the bucket and waits until its first row is drawn.
async fn open_bucket(s: &Session, bucket_id: &str) {
    scenario::click_css(s, &format!("[data-bucket-id='{bucket_id}']")).await;
    s.wait_until(
        "the bucket's first row",
        "return document.querySelector('#file-row-0')?.dataset.fileId ?? null;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Waits until the list's first row is the file `file_id`; returns the row's text.
async fn wait_first_row(s: &Session, file_id: &str) -> String {
    let text = s
        .wait_until(
            &format!("{file_id} as the first row"),
            "const row = document.querySelector('#file-row-0');
             return row?.dataset.fileId === arguments[0] ? row.textContent : null;",
            vec![json!(file_id)],
            STEP,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    text.as_str().unwrap_or_default().to_string()
}

/// The id of the last file by name at the bucket's root, as the server lists it.
async fn last_by_name(sandbox: &Sandbox, bucket_id: &str) -> String {
    let response = reqwest::Client::new()
        .get(format!(
            "{}/storage/buckets/{bucket_id}/files",
            sandbox.endpoint()
        ))
        .query(&[
            ("queries[0]", r#"{"method":"orderDesc","attribute":"name"}"#),
            ("queries[1]", r#"{"method":"limit","values":[1]}"#),
            (
                "queries[2]",
                r#"{"method":"equal","attribute":"folder","values":[""]}"#,
            ),
        ])
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .send()
        .await
        .unwrap();
    let page: Value = response.json().await.unwrap();
    page["files"][0]["$id"]
        .as_str()
        .expect("the bucket has files")
        .to_string()
}

/// How many pages of files the sandbox answered since the last call (not counting the walk that
/// finds the bucket's folders, whose answers hold only each file's folder).
fn pages_answered(sandbox: &Sandbox) -> usize {
    sandbox
        .take_recorded()
        .iter()
        .filter(|r| r.method == "GET" && r.route == LIST_ROUTE)
        .filter(|r| {
            r.body["files"]
                .as_array()
                .and_then(|files| files.first())
                .is_none_or(|file| file.get("name").is_some())
        })
        .count()
}

/// Waits until the list has no request under way.
async fn wait_idle(s: &Session) {
    s.wait_until(
        "the list to be idle",
        "const grid = document.querySelector(arguments[0]);
         return !grid.hasAttribute('aria-busy') && !grid.querySelector('.file-row.skeleton[data-placeholder^=Loading]');",
        vec![json!(GRID)],
        STEP,
    )
    .await
    .unwrap();
}

async fn focus_list(s: &Session) {
    s.execute(
        "document.querySelector(arguments[0]).focus(); return true;",
        vec![json!(GRID)],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn searching_a_file_name_or_its_end_lists_that_file_first() {
    let app = demo_app().await;
    let s = &app.session;
    open_bucket(s, seed::SCALE_BUCKET_ID).await;
    let wanted = seed::scale_file_id(7777);
    // Both of these match all 10,000 names as full text ("file", "txt"): the file named so
    // comes first, once.
    for typed in ["07777.txt", "file-07777"] {
        scenario::fill(s, "Search files", typed).await;
        let text = wait_first_row(s, &wanted).await;
        assert!(text.contains("file-07777.txt"), "{typed:?}: {text:?}");
        let shown = s
            .execute(
                "return [document.querySelectorAll(`[data-file-id='${arguments[0]}']`).length,
                   document.querySelector('#file-row-0').classList.contains('name-match'),
                   document.querySelector('.files-toolbar .count').textContent];",
                vec![json!(wanted)],
            )
            .await
            .unwrap();
        assert_eq!(shown[0], json!(1), "{typed:?}: the file is listed twice");
        assert_eq!(
            shown[1],
            json!(true),
            "{typed:?}: not marked as a name match"
        );
        assert!(
            shown[2].as_str().unwrap_or_default().contains("matches"),
            "{typed:?}: {shown}"
        );
        if typed == "file-07777" {
            app.save_screenshot("files-search-name-first").await;
        }
        // Back to the whole bucket before the next search, so its answer is the one seen.
        let field = s.wait_field("Search files", STEP).await.unwrap();
        s.clear(&field).await.unwrap();
        s.click(&field).await.unwrap();
        s.press(&[keys::ENTER]).await.unwrap();
        wait_first_row(s, &seed::scale_file_id(0)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn end_shows_the_real_last_of_9000_root_files_in_a_few_requests_and_home_the_top() {
    let sandbox = recording_sandbox(Duration::ZERO).await;
    let last = last_by_name(&sandbox, seed::SCALE_BUCKET_ID).await;
    assert_eq!(last, seed::scale_file_id(seed::SCALE_ROOT_FILE_COUNT - 1));
    let app = app_on(&sandbox).await;
    let s = &app.session;
    open_bucket(s, seed::SCALE_BUCKET_ID).await;
    scenario::wait_folders(s).await;
    wait_idle(s).await;
    focus_list(s).await;
    pages_answered(&sandbox);

    s.press(&[keys::END]).await.unwrap();
    let seen = s
        .wait_until(
            "the last file under the cursor",
            "return !!document.querySelector(`[data-file-id='${arguments[0]}'].cursor`);",
            vec![json!(last)],
            STEP,
        )
        .await;
    if let Err(e) = seen {
        let state = s
            .execute(
                "const g = document.querySelector(arguments[0]);
                 return { active: document.activeElement?.className, rowcount: g.getAttribute('aria-rowcount'),
                   top: g.querySelector('.viewport').scrollTop, height: g.querySelector('.viewport').scrollHeight,
                   rows: [...g.querySelectorAll('.viewport .file-row')].map((r) => [r.id, r.dataset.fileId ?? r.dataset.placeholder, r.className]) };",
                vec![json!(GRID)],
            )
            .await;
        panic!("End: {e}; {state:?}");
    }
    // Walking there a page at a time would be 100 pages. End asks for the last page from the
    // end, with a few pages above it (ahead of where the user goes next); counted once the list
    // is idle, so whatever timing, every request End led to is in.
    wait_idle(s).await;
    let pages = pages_answered(&sandbox);
    assert!(
        pages <= 12,
        "End fetched {pages} pages to show the last file"
    );
    // It is the list's last row: nothing is drawn below it.
    let below = s
        .execute(
            "const [css, id] = arguments;
             const rows = [...document.querySelector(css).querySelectorAll('.file-row:not(.head)')];
             const y = (r) => new DOMMatrix(getComputedStyle(r).transform).m42;
             const lastRow = rows.find((r) => r.dataset.fileId === id);
             return rows.filter((r) => y(r) > y(lastRow)).length;",
            vec![json!(GRID), json!(last)],
        )
        .await
        .unwrap();
    assert_eq!(below, json!(0), "rows drawn below the last file");
    app.save_screenshot("files-end-of-10000").await;

    // Home: back to the top, the root's folder first; ↓ is its first file.
    s.press(&[keys::HOME]).await.unwrap();
    s.wait_until(
        "the first row under the cursor, at the top",
        "const row = document.querySelector(arguments[1] + ' .viewport .cursor');
         const top = document.querySelector(arguments[1] + ' .viewport').scrollTop;
         return row?.dataset.rowKey === arguments[0] && top === 0;",
        vec![
            json!(format!("folder:{}", seed::SCALE_ARCHIVE_FOLDER)),
            json!(GRID),
        ],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("Home: {e}"));
    s.press(&[keys::ARROW_DOWN]).await.unwrap();
    s.wait_until(
        "the first file under the cursor",
        "return document.querySelector('#file-row-0.cursor')?.dataset.fileId === arguments[0];",
        vec![json!(seed::scale_file_id(0))],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("↓ from the top: {e}"));
    // Ctrl+End goes to the same last file.
    s.press(&[keys::CONTROL, keys::END]).await.unwrap();
    s.wait_until(
        "the last file under the cursor again",
        "return !!document.querySelector(`[data-file-id='${arguments[0]}'].cursor`);",
        vec![json!(last)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("Ctrl+End: {e}"));
    sandbox.shutdown().await;
}

/// The facts the details dialog shows, by name.
async fn facts(s: &Session) -> Value {
    s.wait_until(
        "the bucket's details",
        "const dl = document.querySelector('dialog[open] .bucket-facts');
         if (!dl) return null;
         return Object.fromEntries([...dl.querySelectorAll('dd[data-fact]')]
           .map((d) => [d.dataset.fact, d.querySelector('.fact-value').textContent]));",
        vec![],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn bucket_details_show_the_count_size_and_settings_from_the_keyboard_at_800_by_500() {
    let app = demo_app().await;
    let s = &app.session;
    scenario::resize(s, 800, 500).await;
    open_bucket(s, seed::SCALE_BUCKET_ID).await;

    // From the search field, Tab reaches Details and Enter opens it.
    let search = s.wait_field("Search files", STEP).await.unwrap();
    s.click(&search).await.unwrap();
    s.press(&[keys::TAB]).await.unwrap();
    let focused = s
        .execute(
            "return document.activeElement?.getAttribute('aria-label');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, json!("Bucket details"));
    s.press(&[keys::ENTER]).await.unwrap();
    let scale = facts(s).await;
    assert_eq!(scale["id"], json!(seed::SCALE_BUCKET_ID));
    assert_eq!(scale["files"], json!("5,000+"));
    let size = scale["total-size"].as_str().unwrap_or_default();
    assert!(
        size.ends_with("B") && size != "Not reported",
        "total size {size:?}"
    );
    assert_eq!(scale["maximum-file-size"], json!("30 MB"));
    assert_eq!(scale["extensions"], json!("Any"));
    assert_eq!(scale["file-security"], json!("Off"));
    assert_eq!(scale["encryption"], json!("On"));
    assert_eq!(scale["antivirus"], json!("Off"));
    assert_eq!(scale["transformations"], json!("On"));
    // All of it inside the window, its Close button in view and on top.
    let fits = s
        .execute(
            "const d = document.querySelector('dialog[open]').getBoundingClientRect();
             const close = [...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent === 'Close');
             close.scrollIntoView({ block: 'nearest' });
             const c = close.getBoundingClientRect();
             const top = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
             return d.left >= 0 && d.top >= 0 && d.right <= innerWidth && d.bottom <= innerHeight
               && (top === close || close.contains(top));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "the details do not fit at 800 × 500");
    app.save_screenshot("files-bucket-details-800x500").await;
    s.press(&[keys::ESCAPE]).await.unwrap();
    s.wait_until(
        "the details to close, the focus back on Details",
        "return !document.querySelector('dialog[open]')
           && document.activeElement?.getAttribute('aria-label') === 'Bucket details';",
        vec![],
        STEP,
    )
    .await
    .unwrap();

    // Another bucket's own settings.
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    scenario::click(s, "Bucket details").await;
    let photos = facts(s).await;
    assert_eq!(photos["id"], json!(seed::PHOTOS_BUCKET_ID));
    // Its two files at the root and those in its folders: the count is the whole bucket's.
    let in_folders = seed::FOLDER_FILES
        .iter()
        .filter(|f| f.bucket_id == seed::PHOTOS_BUCKET_ID)
        .count();
    assert_eq!(photos["files"], json!((2 + in_folders).to_string()));
    assert_eq!(photos["extensions"], json!("png, jpg, jpeg, gif, webp"));
    assert_eq!(photos["maximum-file-size"], json!("10 MB"));
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_slow_server_rows_scrolled_to_say_which_files_are_loading_and_pages_ahead_come_too() {
    let sandbox = recording_sandbox(Duration::from_millis(1000)).await;
    let app = app_on(&sandbox).await;
    let s = &app.session;
    open_bucket(s, seed::SCALE_BUCKET_ID).await;
    sandbox.take_recorded();

    // Far down at once, as a drag of the scrollbar does.
    s.execute(
        "const viewport = document.querySelector(arguments[0] + ' .viewport');
         viewport.scrollTop = 3000 * document.querySelector('#file-row-0').offsetHeight;
         return true;",
        vec![json!(GRID)],
    )
    .await
    .unwrap();
    let label = s
        .wait_until(
            "rows saying which files are loading",
            "return [...document.querySelectorAll('.file-row.skeleton')]
               .map((r) => r.textContent).find((t) => t.startsWith('Loading files 3,001–3,100')) ?? null;",
            vec![],
            STEP,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(label, json!("Loading files 3,001–3,100…"));
    app.save_screenshot("files-loading-placeholders").await;
    s.wait_for(
        &format!("[data-file-id='{}']", seed::scale_file_id(3000)),
        STEP,
    )
    .await
    .unwrap();

    // Without scrolling further, the pages below the screen come too (fetched with the visible
    // one, not a round trip after it).
    let seen = Mutex::new(Vec::<String>::new());
    let seen = &seen;
    let sandbox = &sandbox;
    wait::until("a page ahead of the screen", STEP, || async move {
        let mut firsts = seen.lock().unwrap();
        firsts.extend(
            sandbox
                .take_recorded()
                .into_iter()
                .filter(|r| r.route == LIST_ROUTE)
                .filter_map(|r| r.body["files"][0]["$id"].as_str().map(str::to_string)),
        );
        if firsts.contains(&seed::scale_file_id(3200)) {
            Ok(())
        } else {
            Err(format!("pages starting at {firsts:?}"))
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}
