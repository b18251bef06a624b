//! Steps the end-to-end tests share, written the way a person works the window: by labels and
//! names.

use crate::wait;
use crate::webdriver::{Element, Session};
use serde_json::{json, Value};
use std::future::Future;
use std::time::Duration;

/// How long any one step may take on a slow machine.
pub const STEP: Duration = Duration::from_secs(20);

/// Clicks the control named `name` (found again if it was redrawn in between, like [`click_css`]).
pub async fn click(s: &Session, name: &str) {
    click_found(s, &format!("a click on {name:?}"), || s.control(name)).await;
}

/// Types `text` into the field labelled `label`, replacing what it held.
pub async fn fill(s: &Session, label: &str, text: &str) {
    let field = s.wait_field(label, STEP).await.unwrap();
    s.clear(&field).await.unwrap();
    s.type_text(&field, text).await.unwrap();
}

/// Clicks the first element matching `css`. Lists redraw their rows as data arrives, so an element
/// found a moment ago may be gone: then it is found again (a stale element was never clicked).
pub async fn click_css(s: &Session, css: &str) {
    click_found(s, &format!("a click on {css}"), || s.find(css)).await;
}

/// Clicks what `find` finds, once it finds it; finds it again while the click meets a stale
/// element.
async fn click_found<F, Fut>(s: &Session, what: &str, find: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<Option<Element>, String>>,
{
    let find = &find;
    wait::until(what, STEP, || async move {
        // While the page is still settling WebKit may refuse a script; that is "not yet".
        let element = find().await?.ok_or("not found")?;
        match s.click(&element).await {
            Ok(()) => Ok(()),
            Err(e) if e.contains("stale element") => Err(e),
            Err(e) => panic!("{what}: {e}"),
        }
    })
    .await
    .unwrap();
}

/// Adds `sandbox` as the project `name` with its key and switches to it; gives its id.
pub async fn add_and_open(s: &Session, name: &str, sandbox: &appwrite_sandbox::Sandbox) -> String {
    let id = add_project(
        s,
        name,
        sandbox.endpoint(),
        sandbox.project_id(),
        sandbox.api_key(),
    )
    .await;
    switch_to(s, &id).await;
    id
}

/// A second Appwrite for a test to add as a project: a sandbox seeded with the demo data.
pub async fn seeded_sandbox() -> appwrite_sandbox::Sandbox {
    appwrite_sandbox::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        ..Default::default()
    })
    .await
    .expect("the second sandbox starts")
}

/// Waits until the first screen is fully there: the page loaded, the demo project current and its
/// buckets listed. Clicks before that can land while the window is still being filled.
pub async fn wait_ready(s: &Session) {
    s.wait_until(
        "the first screen is ready",
        "return document.readyState === 'complete'
            && !!document.querySelector(\"[data-current-project-id='demo']\")
            && !!document.querySelector('[data-bucket-id]');",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Adds a project through the editor, typing its key, and waits until it is in the sidebar; returns
/// its id.
pub async fn add_project(
    s: &Session,
    name: &str,
    endpoint: &str,
    project_id: &str,
    key: &str,
) -> String {
    click(s, "Add project").await;
    s.wait_for("dialog[open]", STEP).await.unwrap();
    fill(s, "Name", name).await;
    fill(s, "Endpoint", endpoint).await;
    fill(s, "Project ID", project_id).await;
    fill(s, "API key", key).await;
    click(s, "Save").await;
    let id = s
        .wait_until(
            "the new project is listed",
            "const [name] = arguments;
             const found = [...document.querySelectorAll('[data-project-id]')]
               .find((e) => e.textContent.includes(name));
             return found && !document.querySelector('dialog[open]') ? found.dataset.projectId : null;",
            vec![json!(name)],
            STEP,
        )
        .await
        .unwrap();
    id.as_str().unwrap().to_string()
}

/// Switches to a project by clicking it in the sidebar, and waits until it is the current one.
pub async fn switch_to(s: &Session, project_id: &str) {
    click_css(s, &format!("nav [data-project-id='{project_id}']")).await;
    wait_current(s, project_id).await;
}

/// Waits until `project_id` is the current project.
pub async fn wait_current(s: &Session, project_id: &str) {
    s.wait_for(&format!("[data-current-project-id='{project_id}']"), STEP)
        .await
        .unwrap();
}

/// Waits until the file list knows the open folder's subfolders (or that the server has none, or
/// that asking failed): the folder is then fully listed, its subfolders above its files.
pub async fn wait_folders(s: &Session) {
    s.wait_until(
        "the open folder's subfolders",
        "const grid = document.querySelector('[role=grid][aria-label=Files]');
         return ['known', 'flat', 'failed'].includes(grid?.dataset.folders);",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Opens a bucket, then a file in it, and waits for the file's details and its tokens section.
pub async fn open_file(s: &Session, bucket_id: &str, file_id: &str) {
    click_css(s, &format!("[data-bucket-id='{bucket_id}']")).await;
    wait_folders(s).await;
    click_css(s, &format!("[data-file-id='{file_id}']")).await;
    s.wait_for("section[aria-labelledby='tokens-heading']", STEP)
        .await
        .unwrap();
    s.wait_until(
        "the file's details are shown",
        "return document.querySelector('[data-field=id]')?.textContent.includes(arguments[0]);",
        vec![json!(file_id)],
        STEP,
    )
    .await
    .unwrap();
}

/// The ids of the token rows shown now.
pub async fn token_ids(s: &Session) -> Vec<String> {
    let value = s
        .execute(
            "return [...document.querySelectorAll('tr[data-token-id]')].map((r) => r.dataset.tokenId);",
            vec![],
        )
        .await
        .unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Waits until a token row with `status` (`active`, `expiresSoon`, `expired`, `neverExpires`) is
/// shown for `token_id`, or until the row is gone when `status` is `None`.
pub async fn wait_token(s: &Session, token_id: &str, status: Option<&str>) {
    s.wait_until(
        "the token row",
        "const [id, status] = arguments;
         const row = document.querySelector(`tr[data-token-id='${id}']`);
         return status === null ? !row : row?.dataset.status === status;",
        vec![json!(token_id), json!(status)],
        STEP,
    )
    .await
    .unwrap();
}

/// Clicks a control inside a token's row.
pub async fn click_in_row(s: &Session, token_id: &str, name: &str) {
    let element = s
        .execute(
            "const [id, name] = arguments;
             const row = document.querySelector(`tr[data-token-id='${id}']`);
             return row ? [...row.querySelectorAll('button')]
               .find((b) => b.getAttribute('aria-label') === name || b.textContent.trim() === name) : null;",
            vec![json!(token_id), json!(name)],
        )
        .await
        .unwrap();
    assert!(!element.is_null(), "no {name:?} in the row of {token_id}");
    s.execute("arguments[0].click(); return true;", vec![element])
        .await
        .unwrap();
}

/// Chooses an expiry in the open dialog's picker (by its label, e.g. "7 days" or "Never").
pub async fn choose_expiry(s: &Session, label: &str) {
    s.execute(
        "const [label] = arguments;
         const choice = [...document.querySelectorAll('dialog[open] label.choice')]
           .find((l) => l.textContent.trim() === label);
         choice.querySelector('input').click();
         return true;",
        vec![json!(label)],
    )
    .await
    .unwrap();
}

/// The text of the newest toast.
pub async fn wait_toast(s: &Session, contains: &str) -> String {
    let value = s
        .wait_until(
            "a toast",
            "const [text] = arguments;
             const toasts = [...document.querySelectorAll('#toasts > *')].map((t) => t.textContent);
             return toasts.find((t) => t.includes(text)) ?? null;",
            vec![json!(contains)],
            STEP,
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

/// Everything the web view holds that a script could read: the page and its storage.
pub async fn page_and_storage(s: &Session) -> String {
    s.execute(
        "return document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)
              + [...document.querySelectorAll('input, textarea')].map((i) => i.value).join('\\n');",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until no dialog is open.
pub async fn wait_no_dialog(s: &Session) {
    s.wait_until(
        "no dialog to be open",
        "return document.querySelector('dialog[open]') === null;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Presses Esc and waits until no dialog is open.
pub async fn escape_closes_the_dialog(s: &Session) {
    s.press(&[crate::webdriver::keys::ESCAPE]).await.unwrap();
    wait_no_dialog(s).await;
}

/// Waits for a token row whose id is not among `before` (the ids listed before a create); gives
/// its id.
pub async fn wait_new_token(s: &Session, before: &[String]) -> String {
    let id = s
        .wait_until(
            "a new token row",
            "const before = arguments[0];
             const ids = [...document.querySelectorAll('tr[data-token-id]')].map((r) => r.dataset.tokenId);
             return ids.find((id) => !before.includes(id)) ?? null;",
            vec![json!(before)],
            STEP,
        )
        .await
        .unwrap();
    id.as_str().unwrap().to_string()
}

/// Waits until the clipboard holds text that satisfies `accept`; gives that text.
pub async fn wait_clipboard(what: &str, accept: impl Fn(&str) -> bool) -> String {
    let accept = &accept;
    wait::until(what, STEP, || async move {
        let text = crate::read_clipboard().unwrap_or_default();
        if accept(&text) {
            Ok(text)
        } else {
            Err(format!("the clipboard holds {text:?}"))
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Ticks the rows of `file_ids` in the open bucket and waits until exactly those are selected.
pub async fn tick_files(s: &Session, file_ids: &[&str]) {
    wait_folders(s).await;
    for file in file_ids {
        click_css(s, &format!("[data-file-id='{file}'] input[type=checkbox]")).await;
    }
    s.wait_until(
        "the files to be selected",
        "return document.querySelectorAll('[data-file-id][aria-selected=true]').length === arguments[0];",
        vec![json!(file_ids.len())],
        STEP,
    )
    .await
    .unwrap();
}

/// Where a drop from the desktop lands on the drop target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropOn {
    /// Anywhere on the file list (not on a zone): the uploads panel's toggle decides about sharing.
    List,
    /// On the target's "Upload and share" zone: shares whatever the toggle says.
    ShareZone,
    /// On its "Upload" zone: never shares.
    UploadZone,
}

/// Drops `paths` on the window as the desktop would, and waits until the drop target has gone.
///
/// WebDriver cannot drag from the desktop, so the page emits the very events Tauri emits for a
/// native drag and drop: `tauri://drag-enter` with the paths and the pointer's place, then
/// `tauri://drag-drop` with the same paths where the drop lands (`window.__TAURI__.event.emit`,
/// which reaches every listener of the event, the app's drop handler among them). From there on
/// it is the path a real drop takes: the handler calls `upload_files` with the paths. Places are
/// the page's own pixels, as WebKitGTK gives them.
pub async fn drop_files(s: &Session, paths: &[std::path::PathBuf], on: DropOn) {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    // Enter over the middle of the file list: the target shows over it.
    s.execute(
        "const box = document.getElementById('files-pane').getBoundingClientRect();
         window.__TAURI__.event.emit('tauri://drag-enter',
           { paths: arguments[0], position: { x: box.left + box.width / 2, y: box.top + 12 } });
         return true;",
        vec![json!(paths)],
    )
    .await
    .unwrap();
    let what = if paths.len() == 1 {
        String::from("this item")
    } else {
        format!("these {} items", paths.len())
    };
    s.wait_until(
        "the drop target over the file list, counting what is dragged",
        "const t = document.querySelector('.drop-target');
         return !!t && !t.hidden && t.textContent.includes(`Drop ${arguments[0]} to upload`);",
        vec![json!(what)],
        STEP,
    )
    .await
    .unwrap();
    s.wait_for(".drop-target:not([hidden]) .drop-zone", STEP)
        .await
        .unwrap();
    let zone = match on {
        DropOn::List => None,
        DropOn::ShareZone => Some("share"),
        DropOn::UploadZone => Some("upload"),
    };
    s.execute(
        "const [paths, zone] = arguments;
         let point;
         if (zone) {
           const r = document.querySelector(`.drop-target [data-zone='${zone}']`).getBoundingClientRect();
           point = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
         } else {
           const r = document.getElementById('files-pane').getBoundingClientRect();
           point = { x: r.left + 8, y: r.bottom - 8 };
         }
         window.__TAURI__.event.emit('tauri://drag-drop', { paths, position: point });
         return true;",
        vec![json!(paths), json!(zone)],
    )
    .await
    .unwrap();
    s.wait_until(
        "the drop target to go",
        "return document.querySelector('.drop-target')?.hidden === true;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Waits until the transfers panel lists an upload of each of `names` in `state` (`done`,
/// `failed`, ...); gives each line's text, in the order of `names`.
pub async fn wait_uploads(s: &Session, names: &[&str], state: &str) -> Vec<String> {
    let value = s
        .wait_until(
            "the uploads to reach their state",
            "const [names, state] = arguments;
             const lines = [...document.querySelectorAll('li.transfer[data-kind=upload]')];
             const found = names.map((n) => lines.find((l) => l.querySelector('.transfer-name')?.textContent.endsWith(n)));
             if (found.some((l) => !l || l.dataset.state !== state)) {
               return null;
             }
             return found.map((l) => l.textContent);",
            vec![json!(names), json!(state)],
            STEP,
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// Waits until the file list shows a row named each of `names`; gives their file ids in that
/// order.
pub async fn wait_file_rows(s: &Session, names: &[&str]) -> Vec<String> {
    let value = s
        .wait_until(
            "the new files in the list",
            "const names = arguments[0];
             const rows = [...document.querySelectorAll('[data-file-id]')].filter((r) => r.querySelector('.file-name'));
             const ids = names.map((n) => rows.find((r) => r.querySelector('.file-name').textContent === n)?.dataset.fileId);
             return ids.every(Boolean) ? ids : null;",
            vec![json!(names)],
            STEP,
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// Sets the window to `width` × `height` (at the screen's corner) and waits until the page has
/// that size, give or take the window's frame.
pub async fn resize(s: &Session, width: i64, height: i64) {
    let rect = crate::WindowRect {
        x: 0,
        y: 0,
        width,
        height,
    };
    s.set_window_rect(rect).await.unwrap();
    s.wait_until(
        &format!("the page at {width} × {height}"),
        "return Math.abs(innerWidth - arguments[0]) <= 40 && Math.abs(innerHeight - arguments[1]) <= 60;",
        vec![json!(width), json!(height)],
        STEP,
    )
    .await
    .unwrap();
}

/// A file's bytes as the server holds them, read with the key: what a share link must give.
pub async fn file_bytes(
    sandbox: &appwrite_sandbox::Sandbox,
    bucket_id: &str,
    file_id: &str,
) -> Vec<u8> {
    let url = format!(
        "{}/storage/buckets/{bucket_id}/files/{file_id}/download",
        sandbox.endpoint()
    );
    let response = reqwest::Client::new()
        .get(url)
        .header("X-Appwrite-Project", sandbox.project_id())
        .header("X-Appwrite-Key", sandbox.api_key())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.bytes().await.unwrap().to_vec()
}

/// Fetches a share link as a stranger would (no key, no cookies): its status and bytes.
pub async fn fetch_link(link: &str) -> (u16, Vec<u8>) {
    let response = reqwest::get(link).await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}
