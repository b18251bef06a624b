//! Folders in the real window, against sandboxes over HTTP: browsing into a nested folder (Photos →
//! 2026 → summer) by a double-click, a click and the keyboard, sharing a file there (its link, copied by the
//! app to the real clipboard, gives the file to a stranger), and going back up with Backspace,
//! Alt+↑ and a breadcrumb click; a search in a folder finds only what lies under it; a server
//! that emulates Appwrite 1.8.1 shows the same bucket flat, with no folder rows; a file aimed at
//! the moment it shows is the one a click opens, even when the subfolders come after it; the
//! folder open at quit is listed again, with its breadcrumb, at the next start; and one whose
//! files were all deleted before quitting is gone at the next start, for the folder above it.

use appwrite_sandbox::{seed, Config, Emulation, Sandbox, Seed};
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::{AppSession, Session};
use serde_json::{json, Value};

const GRID: &str = "[role=grid][aria-label=Files]";
/// A word in the names of Photos' files at its root, in 2025/, in 2026/ and in 2026/summer/.
const SEARCH_TERM: &str = "png";

/// A sandbox seeded with the demo data, emulating `emulate`.
async fn demo_sandbox(emulate: Emulation) -> Sandbox {
    appwrite_sandbox::start(Config {
        seed: Seed::Demo,
        emulate,
        ..Config::default()
    })
    .await
    .expect("the sandbox starts")
}

/// The app switched to a project on `sandbox`, added by typing its key.
async fn app_on(sandbox: &Sandbox, name: &str) -> AppSession {
    let app = AppSession::launch().await;
    scenario::wait_ready(&app.session).await;
    scenario::add_and_open(&app.session, name, sandbox).await;
    app
}

/// Asks the sandbox with its key, as a script would: the JSON of `GET {path}` with `queries`.
async fn server_get(sandbox: &Sandbox, path: &str, queries: &[&str]) -> Value {
    let params: Vec<(String, &str)> = queries
        .iter()
        .enumerate()
        .map(|(i, q)| (format!("queries[{i}]"), *q))
        .collect();
    let response = reqwest::Client::new()
        .get(format!("{}{path}", sandbox.endpoint()))
        .query(&params)
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// Opens the bucket and waits until its root is listed, subfolders included.
async fn open_bucket(s: &Session, bucket_id: &str) {
    scenario::click_css(s, &format!("[data-bucket-id='{bucket_id}']")).await;
    scenario::wait_folders(s).await;
}

/// Waits until the breadcrumb reads `trail` (the last segment the current one) and the folder it
/// ends in is listed: its subfolders known and its first files in.
async fn wait_in(s: &Session, trail: &[&str]) {
    s.wait_until(
        &format!("the list of {}", trail.join(" / ")),
        "const [trail, css] = arguments;
         const crumbs = [...document.querySelectorAll('nav[aria-label=Folder] .crumb-button')];
         const grid = document.querySelector(css);
         return JSON.stringify(crumbs.map((b) => b.textContent)) === JSON.stringify(trail)
           && crumbs.at(-1).getAttribute('aria-current') === 'location'
           && ['known', 'flat'].includes(grid.dataset.folders)
           && !grid.hasAttribute('aria-busy') && !grid.querySelector('.file-row.skeleton');",
        vec![json!(trail), json!(GRID)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The rows in view from the top: `["folder:2026/summer/", "file:beach-jpg", …]`.
async fn rows(s: &Session) -> Vec<String> {
    let value = s
        .execute(
            "const grid = document.querySelector(arguments[0]);
             const y = (r) => new DOMMatrix(getComputedStyle(r).transform).m42;
             return [...grid.querySelectorAll('.viewport .file-row[data-row-key]')]
               .sort((a, b) => y(a) - y(b)).map((r) => r.dataset.rowKey);",
            vec![json!(GRID)],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// The folder paths among `rows`, in order; asserts they all come before the first file.
fn folders_first(rows: &[String]) -> Vec<String> {
    let folders: Vec<String> = rows
        .iter()
        .filter_map(|r| r.strip_prefix("folder:").map(str::to_string))
        .collect();
    assert!(
        rows.iter()
            .take(folders.len())
            .all(|r| r.starts_with("folder:")),
        "folders are not listed first: {rows:?}"
    );
    folders
}

/// Puts the keyboard in the file list.
async fn focus_list(s: &Session) {
    s.execute(
        "document.querySelector(arguments[0]).focus(); return true;",
        vec![json!(GRID)],
    )
    .await
    .unwrap();
}

/// Waits until the keyboard cursor is on the row `key` (e.g. `folder:2026/`) and the list has the
/// focus.
async fn wait_cursor(s: &Session, key: &str) {
    s.wait_until(
        &format!("the cursor on {key}"),
        "const [css, key] = arguments;
         const grid = document.querySelector(css);
         return document.activeElement === grid
           && grid.querySelector('.viewport .cursor')?.dataset.rowKey === key;",
        vec![json!(GRID), json!(key)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The ids of the files listed (all loaded: the demo's folders are small).
async fn file_ids(s: &Session) -> Vec<String> {
    rows(s)
        .await
        .into_iter()
        .filter_map(|r| r.strip_prefix("file:").map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nested_folder_is_browsed_into_a_link_copied_there_and_left_by_backspace_alt_up_and_the_breadcrumb(
) {
    let sandbox = demo_sandbox(Emulation::Newest).await;
    let app = app_on(&sandbox, "Folders").await;
    let s = &app.session;
    let summer = seed::PHOTOS_SUMMER_FOLDER;
    let (year, _) = summer.split_once('/').unwrap();
    let year_folder = format!("{year}/");

    // The sidebar says what the server says about the bucket.
    let line = s
        .wait_until(
            "Photos' description and size in the sidebar",
            "const option = document.querySelector(`[data-bucket-id='${arguments[0]}']`);
             const d = option?.querySelector('.bucket-description')?.textContent;
             const size = option?.querySelector('.bucket-size')?.textContent;
             return d && size ? [d, size] : null;",
            vec![json!(seed::PHOTOS_BUCKET_ID)],
            STEP,
        )
        .await
        .unwrap();
    assert!(
        line[1].as_str().unwrap().ends_with('B'),
        "a size in bytes: {line}"
    );

    // The bucket's root: its folders first, then its own files.
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    wait_in(s, &["Photos"]).await;
    let root = rows(s).await;
    let folders = folders_first(&root);
    assert!(folders.contains(&year_folder), "{root:?}");
    assert!(
        root.contains(&format!("file:{}", seed::SUNSET_PNG_FILE_ID)),
        "the root's own files stay: {root:?}"
    );
    assert!(
        !root.contains(&format!("file:{}", seed::SUMMER_BEACH_FILE_ID)),
        "a file of a subfolder is listed at the root: {root:?}"
    );
    let placeholder = s
        .execute(
            "return document.querySelector('input[aria-label=\"Search files\"]').placeholder;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(placeholder, json!("Search files"));

    // A folder's row says how many files lie under it.
    let count = s
        .execute(
            "return document.querySelector(`.folder-row[data-folder-path='${arguments[0]}'] .folder-count`).textContent;",
            vec![json!(year_folder)],
        )
        .await
        .unwrap();
    assert!(
        count.as_str().unwrap().ends_with(" files"),
        "the folder's file count: {count}"
    );
    // A double-click opens it as well: its second click, landing on whatever the folder opened
    // shows under the pointer, opens nothing more.
    let row = s
        .wait_for(
            &format!(".folder-row[data-folder-path='{year_folder}']"),
            STEP,
        )
        .await
        .unwrap();
    s.double_click(&row).await.unwrap();
    wait_in(s, &["Photos", year]).await;
    let opened = s
        .execute(
            "return document.querySelector('.file-detail, .file-row.open')?.className ?? null;",
            vec![],
        )
        .await
        .unwrap();
    // (A file opened shows its pane and marks its row at once, before its details arrive.)
    assert_eq!(opened, Value::Null, "the double-click opened a file too");
    let in_year = rows(s).await;
    let subfolders = folders_first(&in_year);
    assert!(subfolders.contains(&summer.to_string()), "{in_year:?}");

    // Enter opens the folder under the cursor.
    focus_list(s).await;
    s.press(&[keys::HOME]).await.unwrap();
    let at = subfolders.iter().position(|f| f == summer).unwrap();
    for _ in 0..at {
        s.press(&[keys::ARROW_DOWN]).await.unwrap();
    }
    wait_cursor(s, &format!("folder:{summer}")).await;
    s.press(&[keys::ENTER]).await.unwrap();
    wait_in(s, &["Photos", year, "summer"]).await;
    let in_summer = file_ids(s).await;
    assert!(
        in_summer.contains(&seed::SUMMER_BEACH_FILE_ID.to_string()),
        "{in_summer:?}"
    );
    let listed = server_get(
        &sandbox,
        &format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID),
        &[&format!(
            r#"{{"method":"equal","attribute":"folder","values":["{summer}"]}}"#
        )],
    )
    .await;
    let mut expected: Vec<String> = listed["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["$id"].as_str().unwrap().to_string())
        .collect();
    let mut shown = in_summer.clone();
    expected.sort();
    shown.sort();
    assert_eq!(shown, expected, "the folder's own files, and only those");
    app.save_screenshot("folders-summer").await;

    // Its file's details show the full key; a token made there gives the file to a stranger.
    scenario::click_css(
        s,
        &format!("[data-file-id='{}']", seed::SUMMER_BEACH_FILE_ID),
    )
    .await;
    s.wait_for("section[aria-labelledby='tokens-heading']", STEP)
        .await
        .unwrap();
    let name = listed["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["$id"] == json!(seed::SUMMER_BEACH_FILE_ID))
        .map(|f| f["name"].as_str().unwrap().to_string())
        .unwrap();
    s.wait_for_text("[data-field=key]", STEP, |t| t == format!("{summer}{name}"))
        .await
        .unwrap_or_else(|e| panic!("the file's key: {e}"));
    let before = scenario::token_ids(s).await;
    scenario::click(s, "Create token").await;
    scenario::choose_expiry(s, "7 days").await;
    scenario::click(s, "Create token").await;
    let token = scenario::wait_new_token(s, &before).await;
    s.wait_until(
        "the new row has the focus",
        "return document.activeElement?.dataset?.tokenId === arguments[0];",
        vec![json!(token)],
        STEP,
    )
    .await
    .unwrap();
    s.press(&["c"]).await.unwrap();
    scenario::wait_toast(s, "link copied").await;
    let beach = seed::SUMMER_BEACH_FILE_ID;
    let link = scenario::wait_clipboard("the file's link", |t| {
        t.contains(&format!("/files/{beach}/"))
    })
    .await;
    assert!(link.starts_with(sandbox.endpoint()), "{link}");
    let expected = scenario::file_bytes(&sandbox, seed::PHOTOS_BUCKET_ID, beach).await;
    assert_eq!(scenario::fetch_link(&link).await, (200, expected), "{link}");
    app.save_screenshot("folders-summer-shared").await;

    // Backspace goes up, the cursor on the folder left; Alt+↑ up again, to the bucket's root.
    focus_list(s).await;
    s.press(&[keys::BACKSPACE]).await.unwrap();
    wait_in(s, &["Photos", year]).await;
    wait_cursor(s, &format!("folder:{summer}")).await;
    s.press(&[keys::ALT, keys::ARROW_UP]).await.unwrap();
    wait_in(s, &["Photos"]).await;
    wait_cursor(s, &format!("folder:{year_folder}")).await;
    // At the root there is no level above: Backspace keeps the list where it is.
    s.press(&[keys::BACKSPACE]).await.unwrap();
    wait_in(s, &["Photos"]).await;
    // The open file stayed open through all of it.
    let open = s
        .execute(
            "return document.querySelector('[data-field=id]')?.textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(open, json!(beach));

    // Down two levels by the keyboard again, then up to the bucket by its breadcrumb segment.
    s.press(&[keys::ENTER]).await.unwrap();
    wait_in(s, &["Photos", year]).await;
    wait_cursor(s, &format!("folder:{}", subfolders[0])).await;
    scenario::click_css(
        s,
        "nav[aria-label=Folder] .crumb-button[data-folder-path='']",
    )
    .await;
    wait_in(s, &["Photos"]).await;
    assert_eq!(rows(s).await, root, "the root, as first listed");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_in_a_folder_finds_only_what_lies_under_it() {
    let sandbox = demo_sandbox(Emulation::Newest).await;
    let app = app_on(&sandbox, "Folders").await;
    let s = &app.session;
    let summer = seed::PHOTOS_SUMMER_FOLDER;
    let (year, _) = summer.split_once('/').unwrap();
    let year_folder = format!("{year}/");
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    wait_in(s, &["Photos"]).await;
    scenario::click_css(s, &format!(".folder-row[data-folder-path='{year_folder}']")).await;
    wait_in(s, &["Photos", year]).await;
    let placeholder = s
        .execute(
            "return document.querySelector('input[aria-label=\"Search files\"]').placeholder;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        placeholder,
        json!(format!("Search in “{year}” and its subfolders"))
    );

    // The term matches files across the whole bucket; the server says which lie under 2026/.
    let term = SEARCH_TERM;
    let path = format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID);
    let ids = |page: &Value| -> Vec<String> {
        let mut ids: Vec<String> = page["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["$id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let everywhere = ids(&server_get(
        &sandbox,
        &path,
        &[&format!(
            r#"{{"method":"search","attribute":"name","values":["{term}"]}}"#
        )],
    )
    .await);
    let below = ids(&server_get(
        &sandbox,
        &path,
        &[
            &format!(r#"{{"method":"search","attribute":"name","values":["{term}"]}}"#),
            &format!(
                r#"{{"method":"startsWith","attribute":"folder","values":["{year_folder}"]}}"#
            ),
        ],
    )
    .await);
    assert!(
        below.contains(&seed::SUMMER_BEACH_FILE_ID.to_string()) && everywhere.len() > below.len(),
        "the seed no longer tells a folder's search from the bucket's: {everywhere:?} / {below:?}"
    );

    scenario::fill(s, "Search files", term).await;
    s.wait_until(
        "the folder's matches",
        "const [css, n] = arguments;
         const grid = document.querySelector(css);
         return !grid.hasAttribute('aria-busy')
           && grid.querySelectorAll('.viewport .file-row[data-file-id]').length === n
           && !grid.querySelector('.folder-row');",
        vec![json!(GRID), json!(below.len())],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut found = file_ids(s).await;
    found.sort();
    assert_eq!(found, below, "found outside {year_folder}, or missed");
    // A match in a subfolder says where it lies from the folder searched.
    let beach = s
        .execute(
            "return document.querySelector(`[data-file-id='${arguments[0]}'] .file-folder`)?.textContent;",
            vec![json!(seed::SUMMER_BEACH_FILE_ID)],
        )
        .await
        .unwrap();
    assert_eq!(beach, json!(&summer[year_folder.len()..]));
    app.save_screenshot("folders-search-2026").await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_like_appwrite_1_8_1_shows_the_bucket_flat_with_no_folder_rows() {
    let sandbox = demo_sandbox(Emulation::V1_8_1).await;
    let app = app_on(&sandbox, "Appwrite 1.8").await;
    let s = &app.session;
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    wait_in(s, &["Photos"]).await;
    let state = s
        .execute(
            "return document.querySelector(arguments[0]).dataset.folders;",
            vec![json!(GRID)],
        )
        .await
        .unwrap();
    assert_eq!(state, json!("flat"));
    let shown = rows(s).await;
    assert!(
        shown.iter().all(|r| r.starts_with("file:")),
        "folder rows on a server without folders: {shown:?}"
    );
    // Every file of the bucket is in the one list, those seeded into folders too.
    let all = server_get(
        &sandbox,
        &format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID),
        &[],
    )
    .await;
    assert_eq!(
        shown.len() as u64,
        all["total"].as_u64().unwrap(),
        "{shown:?}"
    );
    assert!(shown.contains(&format!("file:{}", seed::SUMMER_BEACH_FILE_ID)));
    // No description or size where the server sends none, and no key in a file's details.
    let extras = s
        .execute(
            "return document.querySelectorAll('.bucket-description, .bucket-size').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(extras, json!(0));
    scenario::click_css(
        s,
        &format!("[data-file-id='{}']", seed::SUMMER_BEACH_FILE_ID),
    )
    .await;
    s.wait_until(
        "the file's details",
        "return document.querySelector('[data-field=id]')?.textContent === arguments[0];",
        vec![json!(seed::SUMMER_BEACH_FILE_ID)],
        STEP,
    )
    .await
    .unwrap();
    assert!(s.find("[data-field=key]").await.unwrap().is_none());
    // Backspace has no level to go up to.
    focus_list(s).await;
    s.press(&[keys::BACKSPACE]).await.unwrap();
    wait_in(s, &["Photos"]).await;
    app.save_screenshot("folders-flat-1.8.1").await;
    sandbox.shutdown().await;
}

/// Which of `names` (CSS selectors) are not within reach: missing, outside the window, or covered
/// by something else at their middle.
const OUT_OF_REACH: &str = "const out = [];
for (const css of arguments[0]) {
  const els = [...document.querySelectorAll(css)];
  if (!els.length) { out.push(`${css}: none`); continue; }
  for (const el of els) {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.width < 8 || r.height < 8 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight
      || !(top === el || el.contains(top))) out.push(`${css}: ${el.textContent || el.getAttribute('aria-label')}`);
  }
}
const pane = document.querySelector('.files-pane');
if (pane.scrollWidth > pane.clientWidth + 1) out.push(`the list's pane ${pane.scrollWidth} > ${pane.clientWidth}`);
return out;";

#[tokio::test(flavor = "multi_thread")]
async fn at_800_by_500_beside_an_open_file_the_breadcrumb_and_the_lists_controls_stay_within_reach()
{
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    scenario::resize(s, 800, 500).await;
    let summer = seed::PHOTOS_SUMMER_FOLDER;
    let (year, _) = summer.split_once('/').unwrap();
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    wait_in(s, &["Photos"]).await;
    scenario::click_css(s, &format!(".folder-row[data-folder-path='{year}/']")).await;
    wait_in(s, &["Photos", year]).await;
    scenario::click_css(s, &format!(".folder-row[data-folder-path='{summer}']")).await;
    wait_in(s, &["Photos", year, "summer"]).await;
    scenario::click_css(
        s,
        &format!("[data-file-id='{}']", seed::SUMMER_BEACH_FILE_ID),
    )
    .await;
    s.wait_for("section[aria-labelledby='tokens-heading']", STEP)
        .await
        .unwrap();
    s.settle().await.unwrap();
    let controls = [
        "nav[aria-label=Folder] .crumb-button",
        "input[aria-label='Search files']",
        "button[aria-label='Bucket details']",
        "[data-file-id] input[type=checkbox]",
    ];
    let out = s
        .execute(OUT_OF_REACH, vec![json!(controls)])
        .await
        .unwrap();
    assert_eq!(out, json!([]), "out of reach at 800 × 500");
    app.save_screenshot("folders-800x500").await;

    // The breadcrumb's middle segment goes up to 2026, whose folder row is then in reach too.
    scenario::click_css(
        s,
        &format!("nav[aria-label=Folder] .crumb-button[data-folder-path='{year}/']"),
    )
    .await;
    wait_in(s, &["Photos", year]).await;
    let out = s
        .execute(
            OUT_OF_REACH,
            vec![json!([
                "nav[aria-label=Folder] .crumb-button",
                ".folder-row .folder-name"
            ])],
        )
        .await
        .unwrap();
    assert_eq!(out, json!([]), "out of reach at 800 × 500");
}

/// Opens `bucket_id` with the bucket's folder walk held by the sandbox, so its first files come
/// before its subfolders however fast the machine: the hold (let it go and they come) and the
/// first file shown, with its middle on screen.
async fn open_with_walk_held(
    s: &Session,
    sandbox: &Sandbox,
    bucket_id: &str,
) -> (appwrite_sandbox::HeldRequests, (String, i64, i64)) {
    let walk = sandbox.hold_requests(&["/files?", "notEqual"]);
    scenario::click_css(s, &format!("[data-bucket-id='{bucket_id}']")).await;
    let first = first_file_shown(s).await;
    bucketdesk_e2e::wait::until("the folder walk to be held", STEP, || async {
        if walk.held() == 1 {
            Ok(())
        } else {
            Err(format!("{} held", walk.held()))
        }
    })
    .await
    .unwrap();
    (walk, first)
}

/// The file row shown first from the top, once file rows are shown: its id and the middle of its
/// name, where a person aims to open it (viewport pixels).
async fn first_file_shown(s: &Session) -> (String, i64, i64) {
    let found = s
        .wait_until(
            "the first file row",
            "const grid = document.querySelector(arguments[0]);
             const rows = [...grid.querySelectorAll('.viewport .file-row[data-file-id]')];
             if (!rows.length) return null;
             const first = rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
             const r = first.querySelector('.file-name').getBoundingClientRect();
             return [first.dataset.fileId, Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            vec![json!(GRID)],
            STEP,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (
        found[0].as_str().unwrap().to_string(),
        found[1].as_i64().unwrap(),
        found[2].as_i64().unwrap(),
    )
}

/// The row key (`file:…`, `folder:…`) of the row at `(x, y)` of the viewport, if any.
async fn row_at(s: &Session, x: i64, y: i64) -> Option<String> {
    let key = s
        .execute(
            "return document.elementFromPoint(arguments[0], arguments[1])
               ?.closest('[data-row-key]')?.dataset.rowKey ?? null;",
            vec![json!(x), json!(y)],
        )
        .await
        .unwrap();
    key.as_str().map(str::to_string)
}

/// After a click on a file row: waits until a file's details or another folder are shown, and
/// says which (`file:<id>` or `folder:<path>`).
async fn what_opened(s: &Session) -> String {
    let opened = s
        .wait_until(
            "a file or a folder to open",
            "const id = document.querySelector('[data-field=id]')?.textContent;
             if (id) return `file:${id}`;
             const here = document.querySelector('nav[aria-label=Folder] .crumb-button[aria-current]');
             const path = here?.dataset.folderPath;
             return path ? `folder:${path}` : null;",
            vec![],
            STEP,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    opened.as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_aimed_at_the_moment_it_shows_is_the_one_opened_when_the_subfolders_come_after_it() {
    let sandbox = demo_sandbox(Emulation::Newest).await;
    let app = app_on(&sandbox, "Folders").await;
    let s = &app.session;
    let year_folder = seed::PHOTOS_2026_FOLDER;

    // The bucket's folder index, walked on its first open, answers only once let go: the root's
    // first files come before its subfolders, however fast the machine.
    let (walk, (file, x, y)) = open_with_walk_held(s, &sandbox, seed::PHOTOS_BUCKET_ID).await;
    // The person aims at the first file the moment it shows; then the subfolders come.
    s.move_pointer(x, y).await.unwrap();
    s.wait_until(
        "the pointer over the rows",
        "return document.querySelector(arguments[0]).querySelector('.viewport').matches(':hover');",
        vec![json!(GRID)],
        STEP,
    )
    .await
    .unwrap();
    walk.release();
    s.wait_until(
        "the subfolders listed",
        "const grid = document.querySelector(arguments[0]);
         return grid.dataset.folders === 'known' && !!grid.querySelector('.folder-row');",
        vec![json!(GRID)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        row_at(s, x, y).await,
        Some(format!("file:{file}")),
        "the rows moved under the pointer when the subfolders came"
    );
    s.click_at(x, y).await.unwrap();
    assert_eq!(what_opened(s).await, format!("file:{file}"));
    wait_in(s, &["Photos"]).await;

    // The subfolders went in above the files, out of view: the trail says so, and shows them.
    scenario::click_css(s, "nav[aria-label=Folder] .folders-above").await;
    s.wait_until(
        "the list back at its top",
        "return document.querySelector(arguments[0]).querySelector('.viewport').scrollTop === 0;",
        vec![json!(GRID)],
        STEP,
    )
    .await
    .unwrap();
    let root = rows(s).await;
    assert!(
        folders_first(&root).contains(&year_folder.to_string()),
        "{root:?}"
    );

    // The index is held now: a folder opened shows its first files with its subfolders above
    // them from the start, so the file first shown is where it stays.
    s.execute(
        "const [css, folder] = arguments;
         const grid = document.querySelector(css);
         window.firstFileShown = null;
         const look = () => {
           if (window.firstFileShown) return;
           const here = document.querySelector('nav[aria-label=Folder] [aria-current]');
           if (here?.dataset.folderPath !== folder) return;
           const file = [...grid.querySelectorAll('.viewport .file-row[data-file-id]')]
             .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
           if (!file) return;
           window.firstFileShown = {
             key: file.dataset.rowKey, top: Math.round(file.getBoundingClientRect().top),
             folders: grid.querySelectorAll('.viewport .folder-row').length,
           };
         };
         new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
         return true;",
        vec![json!(GRID), json!(year_folder)],
    )
    .await
    .unwrap();
    scenario::click_css(s, &format!(".folder-row[data-folder-path='{year_folder}']")).await;
    wait_in(s, &["Photos", year_folder.trim_end_matches('/')]).await;
    let first = s
        .execute("return window.firstFileShown;", vec![])
        .await
        .unwrap();
    let key = first["key"]
        .as_str()
        .expect("a file row was shown")
        .to_string();
    assert!(
        first["folders"].as_u64().unwrap() > 0,
        "files shown before their folder's subfolders: {first}"
    );
    let now = s
        .execute(
            "const row = document.querySelector(`.viewport [data-row-key='${arguments[0]}']`);
             return Math.round(row.getBoundingClientRect().top);",
            vec![json!(key)],
        )
        .await
        .unwrap();
    assert_eq!(now, first["top"], "{key} moved after it was first shown");

    // The keyboard too: the cursor put on the first file of another bucket, shown before its
    // subfolders, stays on it and where it is on screen when they come; Enter opens that file.
    let (walk, (file, _, _)) = open_with_walk_held(s, &sandbox, seed::DOCUMENTS_BUCKET_ID).await;
    focus_list(s).await;
    s.press(&[keys::ARROW_DOWN]).await.unwrap();
    wait_cursor(s, &format!("file:{file}")).await;
    let cursor_top =
        "const row = document.querySelector(arguments[0]).querySelector('.viewport .cursor');
         return [row.dataset.rowKey, Math.round(row.getBoundingClientRect().top)];";
    let before = s.execute(cursor_top, vec![json!(GRID)]).await.unwrap();
    walk.release();
    s.wait_until(
        "the subfolders listed",
        "const grid = document.querySelector(arguments[0]);
         return grid.dataset.folders === 'known' && !!grid.querySelector('.folder-row');",
        vec![json!(GRID)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let after = s.execute(cursor_top, vec![json!(GRID)]).await.unwrap();
    assert_eq!(
        after, before,
        "the cursor's row moved when the subfolders came"
    );
    s.press(&[keys::ENTER]).await.unwrap();
    assert_eq!(what_opened(s).await, format!("file:{file}"));
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_folder_open_at_quit_is_listed_again_with_its_breadcrumb_at_the_next_start() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let summer = seed::PHOTOS_SUMMER_FOLDER;
    let year = seed::PHOTOS_2026_FOLDER;
    let beach = seed::SUMMER_BEACH_FILE_ID;
    click_down_to_summer(s).await;
    let listed = file_ids(s).await;
    scenario::click_css(s, &format!("[data-file-id='{beach}']")).await;
    s.wait_until(
        "the file's details",
        "return document.querySelector('[data-field=id]')?.textContent === arguments[0];",
        vec![json!(beach)],
        STEP,
    )
    .await
    .unwrap();
    // The place is kept in the profiles file, folder included, before the app quits.
    let profiles = app.config_dir.path().join("profiles.json");
    let last = bucketdesk_e2e::wait::until("the place remembered", STEP, || async {
        let text = std::fs::read_to_string(&profiles).map_err(|e| e.to_string())?;
        let file: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let last = file["last"].clone();
        if last["fileId"] == json!(beach) && last["folder"] == json!(summer) {
            Ok(last)
        } else {
            Err(last.to_string())
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(last["bucketId"], json!(seed::PHOTOS_BUCKET_ID), "{last}");

    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    // The same folder, its breadcrumb and its files, with the file open and marked in the list.
    wait_in(s, &["Photos", "2026", "summer"]).await;
    assert_eq!(file_ids(s).await, listed);
    s.wait_until(
        "the file open again",
        "return document.querySelector('[data-field=id]')?.textContent === arguments[0]
           && !!document.querySelector(`.file-row.open[data-file-id='${arguments[0]}']`);",
        vec![json!(beach)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    // Its breadcrumb works as if browsed to: the middle segment goes up to 2026.
    scenario::click_css(
        s,
        &format!("nav[aria-label=Folder] .crumb-button[data-folder-path='{year}']"),
    )
    .await;
    wait_in(s, &["Photos", "2026"]).await;
    assert!(folders_first(&rows(s).await).contains(&summer.to_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_emptied_before_quit_is_left_for_the_folder_above_at_the_next_start() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let summer = seed::PHOTOS_SUMMER_FOLDER;
    let year = seed::PHOTOS_2026_FOLDER;
    let in_summer = [
        seed::SUMMER_BEACH_FILE_ID,
        seed::SUMMER_HARBOUR_FILE_ID,
        seed::SUMMER_SUNFLOWERS_FILE_ID,
    ];
    click_down_to_summer(s).await;
    let mut listed = file_ids(s).await;
    listed.sort();
    let mut expected: Vec<String> = in_summer.iter().map(|id| id.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected, "summer/ holds these three files");

    // Every file of summer/ deleted from the app: the folder is empty, and it is where the app is.
    scenario::tick_files(s, &in_summer).await;
    scenario::click(s, "Delete selected files").await;
    s.wait_for_text("dialog[open]", STEP, |t| t.contains("harbour.jpg"))
        .await
        .unwrap();
    scenario::click(s, "Delete 3 files").await;
    scenario::wait_toast(s, "3 files deleted").await;
    s.wait_for_text(".grid-message", STEP, |t| {
        t.contains("This folder is empty")
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    wait_remembered(&app, summer).await;

    // At the next start summer/ is no longer in the bucket (a folder lives only through its
    // files): the list is 2026/, said in a toast, and that is the place remembered now.
    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    wait_in(s, &["Photos", "2026"]).await;
    let said = scenario::wait_toast(s, "no longer in this bucket").await;
    assert!(
        said.contains("“summer”"),
        "the toast names the folder: {said}"
    );
    assert!(
        said.contains("Showing “2026”"),
        "and where the list is: {said}"
    );
    let shown = rows(s).await;
    assert!(
        !shown.iter().any(|r| r.starts_with("folder:")),
        "2026/ has no subfolder left: {shown:?}"
    );
    assert!(
        shown.iter().any(|r| r.starts_with("file:")),
        "2026/'s own files are listed: {shown:?}"
    );
    wait_remembered(&app, year).await;
}

/// Opens Photos and clicks down to 2026/summer/, waiting for each folder to be listed.
async fn click_down_to_summer(s: &Session) {
    open_bucket(s, seed::PHOTOS_BUCKET_ID).await;
    wait_in(s, &["Photos"]).await;
    for (path, trail) in [
        (seed::PHOTOS_2026_FOLDER, &["Photos", "2026"][..]),
        (
            seed::PHOTOS_SUMMER_FOLDER,
            &["Photos", "2026", "summer"][..],
        ),
    ] {
        scenario::click_css(s, &format!(".folder-row[data-folder-path='{path}']")).await;
        wait_in(s, trail).await;
    }
}

/// Waits until the profiles file keeps `folder` as the place to reopen.
async fn wait_remembered(app: &AppSession, folder: &str) {
    let profiles = app.config_dir.path().join("profiles.json");
    bucketdesk_e2e::wait::until(&format!("{folder} remembered"), STEP, || async {
        let text = std::fs::read_to_string(&profiles).map_err(|e| e.to_string())?;
        let file: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        if file["last"]["folder"] == json!(folder) {
            Ok(())
        } else {
            Err(file["last"].to_string())
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}
