//! The app's window on the demo's 10,000-file bucket, for `make bench`: how long the first page
//! takes, how long paging to the last of the files at its root takes when flung to the end again
//! and again, frame times while scrolling back through loaded rows, how many rows stay in the DOM,
//! the memory of the app and its web view, and how long opening a folder takes to show its first
//! rows and its subfolders, against opening the bucket's root in the same run. Prints figures to
//! compare between changes; asserts only that the walk reached the end.
//!
//! Runs the binary in `BUCKETDESK_APP` (the Makefile points it at the release build) under
//! `scripts/headless.sh`.

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::AppSession;
use serde_json::Value;
use std::time::{Duration, Instant};

const GRID: &str = "[role=grid][aria-label=Files]";

/// `settled(grid)`: once the rows in view are drawn with data (no placeholders, nothing loading),
/// what the list holds: rows in the DOM, all DOM elements and the file drawn lowest; else null.
const SETTLED_FN: &str = "function settled(grid) {
      const viewport = grid.querySelector('.viewport');
      const rows = [...viewport.querySelectorAll('.file-row')];
      if (grid.hasAttribute('aria-busy') || viewport.querySelector('.skeleton') || !rows.length) return null;
      const y = (r) => new DOMMatrix(getComputedStyle(r).transform).m42;
      const lowest = rows.reduce((a, r) => (y(r) > y(a) ? r : a));
      return { rows: rows.length, nodes: document.getElementsByTagName('*').length, lowest: lowest.dataset.fileId };
    }";

/// Flings the list to its end, waits (checking every frame, in the page) until what is in view is
/// drawn, and again, until the row of the last file is the lowest drawn; leaves the figures in
/// `window.__benchWalk`. (The list fetches the last page from the end, so this is one round trip
/// rather than a walk of every page.)
const WALK: &str = "const [css, lastId] = arguments;
    const grid = document.querySelector(css);
    const viewport = grid.querySelector('.viewport');
    window.__benchWalk = null;
    const started = performance.now();
    let flings = 0, mostRows = 0, mostNodes = 0;
    function step() {
      const state = settled(grid);
      if (!state) { requestAnimationFrame(step); return; }
      mostRows = Math.max(mostRows, state.rows);
      mostNodes = Math.max(mostNodes, state.nodes);
      const atEnd = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1;
      if (state.lowest === lastId && atEnd) {
        window.__benchWalk = { ms: performance.now() - started, flings, mostRows, mostNodes };
        return;
      }
      if (flings >= 500) { window.__benchWalk = { stuck: state }; return; }
      viewport.scrollTop = viewport.scrollHeight;
      flings += 1;
      // The scroll event is handled before the next frame's callbacks.
      requestAnimationFrame(() => requestAnimationFrame(step));
    }
    step();
    return true;";

/// Fetches `pages` pages of the bucket through the app's own command, as the file list does; leaves
/// each call's time in `window.__benchIpc` (or the error's text).
const IPC_PAGES: &str = "const [bucketId, pages] = arguments;
    window.__benchIpc = null;
    (async () => {
      const times = [];
      let cursor = null;
      for (let i = 0; i < pages; i += 1) {
        const started = performance.now();
        const answer = await window.__TAURI__.core.invoke('list_files', { profileId: 'demo', bucketId,
          folder: null, search: null, sort: 'name', order: 'asc', cursor, limit: 100 });
        times.push(performance.now() - started);
        cursor = answer.nextCursor;
      }
      window.__benchIpc = { times };
    })().catch((e) => { window.__benchIpc = { error: String(e?.message ?? e) }; });
    return true;";

/// Scrolls by `step` pixels a frame (negative: up) until an end or `limit` frames, keeping each
/// frame's interval.
const SMOOTH: &str = "const [css, step, limit] = arguments;
    const target = document.querySelector(css);
    const viewport = target.querySelector('.viewport') ?? target;
    window.__benchFrames = null;
    const frames = [];
    let previous = performance.now();
    function tick(now) {
      frames.push(now - previous);
      previous = now;
      viewport.scrollTop += step;
      const atEnd = step < 0 ? viewport.scrollTop <= 0
        : viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight;
      if (!atEnd && frames.length < limit) requestAnimationFrame(tick);
      else window.__benchFrames = { times: frames.slice(1) };
    }
    requestAnimationFrame(tick);
    return true;";

/// Clicks what `clickCss` finds (a folder's row, a breadcrumb segment) and times, frame by frame in
/// the page, until the folder's first rows are drawn (no row in view waits for its page) and until
/// its subfolders are (the list says they are known); leaves `{ rows, folders }` in ms in
/// `window.__benchOpen`.
const OPEN_FOLDER: &str = "const [clickCss, css] = arguments;
    window.__benchOpen = null;
    const grid = document.querySelector(css);
    const target = document.querySelector(clickCss);
    if (!target) { window.__benchOpen = { error: `nothing matches ${clickCss}` }; return true; }
    const started = performance.now();
    let rows = null, folders = null;
    target.click();
    function frame() {
      const t = performance.now() - started;
      if (rows === null && !grid.querySelector('.viewport .skeleton')) rows = t;
      if (folders === null && grid.dataset.folders === 'known') folders = t;
      if (rows !== null && folders !== null) window.__benchOpen = { rows, folders };
      else if (t > 120000) window.__benchOpen = { error: `stuck: rows ${rows}, folders ${folders}` };
      else requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
    return true;";

/// Opens what `click_css` finds with [`OPEN_FOLDER`]; the times to its first rows and to its
/// subfolders, in ms.
async fn open_folder(s: &bucketdesk_e2e::Session, click_css: &str) -> (f64, f64) {
    s.execute(OPEN_FOLDER, vec![click_css.into(), GRID.into()])
        .await
        .unwrap();
    let answer = s
        .wait_until(
            "the folder opened",
            "return window.__benchOpen;",
            vec![],
            Duration::from_secs(180),
        )
        .await
        .unwrap();
    match (answer["rows"].as_f64(), answer["folders"].as_f64()) {
        (Some(rows), Some(folders)) => (rows, folders),
        _ => panic!("{click_css}: {answer}"),
    }
}

/// The path and file count (its subtree's) of the first folder row in view.
async fn first_folder(s: &bucketdesk_e2e::Session) -> (String, String) {
    let folder = s
        .wait_until(
            "a folder row at the top",
            "const row = document.querySelector(arguments[0] + ' .folder-row');
             return row ? [row.dataset.folderPath, row.querySelector('.folder-count').textContent] : null;",
            vec![GRID.into()],
            STEP,
        )
        .await
        .unwrap();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (text(&folder[0]), text(&folder[1]))
}

/// `rounds` times: from the 10,000-file bucket's root, opens its first folder (only folders in
/// it), that folder's first and that one's first (a month: its own files and a subfolder), then
/// the root again by the breadcrumb; prints the medians, each folder's as ratios of the root's.
async fn folder_figures(s: &bucketdesk_e2e::Session, rounds: usize) {
    let root_crumb = "nav[aria-label=Folder] .crumb-button[data-folder-path='']";
    let row = |path: &str| format!(".folder-row[data-folder-path='{path}']");
    // Back to the top of the root, where its folder rows are.
    s.execute(
        "document.querySelector(arguments[0] + ' .viewport').scrollTop = 0; return true;",
        vec![GRID.into()],
    )
    .await
    .unwrap();
    let (top, top_files) = first_folder(s).await;
    let (mut root, mut upper, mut month) = (Vec::new(), Vec::new(), Vec::new());
    let mut deep = (String::new(), String::new());
    for _ in 0..rounds {
        upper.push(open_folder(s, &row(&top)).await);
        let (year, _) = first_folder(s).await;
        open_folder(s, &row(&year)).await;
        deep = first_folder(s).await;
        month.push(open_folder(s, &row(&deep.0)).await);
        root.push(open_folder(s, root_crumb).await);
    }
    let median = |pairs: &[(f64, f64)], pick: fn(&(f64, f64)) -> f64| {
        let mut v: Vec<f64> = pairs.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        percentile(&v, 0.5)
    };
    let (root_rows, root_folders) = (median(&root, |p| p.0), median(&root, |p| p.1));
    println!(
        "  open the bucket's root (reference: {} files and its folder): first rows p50 {root_rows:.0} ms, subfolders p50 {root_folders:.0} ms, {rounds} rounds",
        seed::SCALE_ROOT_FILE_COUNT
    );
    for (label, files, times) in [(&top, &top_files, &upper), (&deep.0, &deep.1, &month)] {
        let (rows, folders) = (median(times, |p| p.0), median(times, |p| p.1));
        println!(
            "  open {label} ({files} under it): first rows p50 {rows:.0} ms ({:.2} × the root's), subfolders p50 {folders:.0} ms ({:.2} ×)",
            rows / root_rows,
            folders / root_folders
        );
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn print_memory(label: &str, app: &AppSession) {
    let processes = app.process_memory();
    let mut total = 0;
    for (name, rss, peak) in &processes {
        // The app and the web view's processes; not the test's WebKitWebDriver.
        if name.starts_with("bucketdesk")
            || name.starts_with("WebKitWebProces")
            || name.starts_with("WebKitNetworkPr")
        {
            println!(
                "  {label}: {name:<16} resident {:>6.1} MiB, peak {:>6.1} MiB",
                mib(*rss),
                mib(*peak)
            );
            total += rss;
        }
    }
    println!(
        "  {label}: app and web view together: {:.1} MiB",
        mib(total)
    );
}

/// A scroller as tall as the file list's, with nothing in it, over the list.
const BASELINE: &str = "const grid = document.querySelector(arguments[0]);
    const viewport = grid.querySelector('.viewport');
    const box = viewport.getBoundingClientRect();
    const outer = document.createElement('div');
    outer.id = 'bench-baseline';
    Object.assign(outer.style, { position: 'fixed', left: box.left + 'px', top: box.top + 'px',
      width: box.width + 'px', height: box.height + 'px', overflow: 'auto', background: 'white', zIndex: 99 });
    const inner = document.createElement('div');
    inner.style.height = viewport.scrollHeight + 'px';
    outer.append(inner);
    document.body.append(outer);
    outer.scrollTop = outer.scrollHeight;
    return true;";

/// Runs `script`, which starts work in the page that ends by setting `window[var]` to
/// `{ times: [ms, …] }` or `{ error }`; the times, sorted.
async fn timed_in_page(
    s: &bucketdesk_e2e::Session,
    script: &str,
    args: Vec<Value>,
    var: &str,
) -> Vec<f64> {
    s.execute(script, args).await.unwrap();
    let answer = s
        .wait_until(
            var,
            "return window[arguments[0]];",
            vec![var.into()],
            Duration::from_secs(180),
        )
        .await
        .unwrap();
    let mut times: Vec<f64> = answer["times"]
        .as_array()
        .unwrap_or_else(|| panic!("{var}: {answer}"))
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// Scrolls the scroller in `css` (or the one inside it) by `step` pixels a frame to an end; the
/// frame intervals in milliseconds, sorted.
async fn smooth_scroll(s: &bucketdesk_e2e::Session, css: &str, step: i32) -> Vec<f64> {
    timed_in_page(
        s,
        SMOOTH,
        vec![css.into(), step.into(), 2000.into()],
        "__benchFrames",
    )
    .await
}

/// One line of figures: how many, then the p50, p95 and max of what each took.
fn report(what: &str, counted: &str, sorted: &[f64]) {
    if sorted.is_empty() {
        return;
    }
    println!(
        "  {what}: {} {counted} p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        sorted.len(),
        percentile(sorted, 0.5),
        percentile(sorted, 0.95),
        sorted[sorted.len() - 1]
    );
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    println!(
        "The demo's {} files ({} at the root) in the app's window:",
        seed::SCALE_FILE_COUNT,
        seed::SCALE_ROOT_FILE_COUNT
    );
    print_memory("at start", &app);

    // What the web view waits for per page: the list_files command over Tauri's IPC, cursor by cursor.
    let ipc = timed_in_page(
        s,
        IPC_PAGES,
        vec![seed::SCALE_BUCKET_ID.into(), 50.into()],
        "__benchIpc",
    )
    .await;
    report(
        "list_files over IPC, 100 files a page by cursor",
        "pages, time",
        &ipc,
    );

    let started = Instant::now();
    scenario::click_css(s, &format!("[data-bucket-id='{}']", seed::SCALE_BUCKET_ID)).await;
    s.wait_until(
        "the first page",
        &format!("{SETTLED_FN}\nreturn settled(document.querySelector(arguments[0]));"),
        vec![GRID.into()],
        STEP,
    )
    .await
    .unwrap();
    println!(
        "  first page shown: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    s.wait_until(
        "the root's subfolders",
        "return document.querySelector(arguments[0]).dataset.folders === 'known';",
        vec![GRID.into()],
        Duration::from_secs(180),
    )
    .await
    .unwrap();
    println!(
        "  its subfolders shown, the bucket's folders found on its first open: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    // In name order, the last of the files at the bucket's root.
    let last_id = seed::scale_file_id(seed::SCALE_ROOT_FILE_COUNT - 1);
    s.execute(
        &format!("{SETTLED_FN}\n{WALK}"),
        vec![GRID.into(), last_id.into()],
    )
    .await
    .unwrap();
    let walk = s
        .wait_until(
            "the walk to the last file",
            "return window.__benchWalk;",
            vec![],
            Duration::from_secs(300),
        )
        .await
        .unwrap();
    assert!(
        walk.get("stuck").is_none(),
        "the list never reached its last file: {walk}"
    );
    println!(
        "  flung to the last file: {:.0} ms over {} flings (measured in the page); at most {} rows and {} elements in the DOM",
        walk["ms"].as_f64().unwrap(),
        walk["flings"],
        walk["mostRows"],
        walk["mostNodes"]
    );
    print_memory("after the walk", &app);

    // The same scroll on an empty scroller laid over the list: what this display manages at all.
    s.execute(BASELINE, vec![GRID.into()]).await.unwrap();
    let frames = smooth_scroll(s, "#bench-baseline", -500).await;
    report(
        "empty scroller of the same size (baseline)",
        "frames, interval",
        &frames,
    );
    s.execute(
        "document.getElementById('bench-baseline').remove(); return true;",
        vec![],
    )
    .await
    .unwrap();

    // Up, down and up again through every loaded row: memory that keeps growing pass after pass
    // would be a leak; a plateau is the web view's caches.
    for (pass, step) in [(1, -500i32), (2, 500), (3, -500)] {
        let frames = smooth_scroll(s, GRID, step).await;
        report(
            &format!("pass {pass}, {} px a frame through all rows", step.abs()),
            "frames, interval",
            &frames,
        );
        print_memory(&format!("after pass {pass}"), &app);
    }

    // A folder of the big bucket against its root, both with the bucket's folders already found.
    folder_figures(s, 7).await;
}
