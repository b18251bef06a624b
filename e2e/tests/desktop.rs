//! Bucketdesk as a desktop app in the real window: it comes back where and as big as it was left,
//! the About view tells what it is and where its files live, and `?` lists the keyboard shortcuts.

use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::{wait, AppSession, Session, WindowRect};

#[tokio::test(flavor = "multi_thread")]
async fn the_window_comes_back_where_and_as_big_as_it_was_left() {
    let app = AppSession::launch().await;
    scenario::wait_ready(&app.session).await;
    let first = app.session.window_rect().await.unwrap();
    // Neither the default size nor the screen's corner, so a restore is told from no restore.
    let left = WindowRect {
        x: 40,
        y: 30,
        width: 900,
        height: 600,
    };
    assert_ne!(
        first, left,
        "the window must start elsewhere for this test to mean anything"
    );
    assert_eq!(app.session.set_window_rect(left).await.unwrap(), left);

    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let back = wait::until("the window to be put back", STEP, || async move {
        let rect = s.window_rect().await?;
        if rect == left {
            Ok(rect)
        } else {
            Err(format!("{rect:?}"))
        }
    })
    .await;
    assert_eq!(back, Ok(left));
    let saved = std::fs::read_to_string(app.config_dir.path().join("window-state.json"))
        .expect("the window's place is kept in the config folder");
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved["main"]["width"], 900, "{saved}");
    assert_eq!(saved["main"]["x"], 40, "{saved}");
}

/// The open dialog's `dd[data-fact=name]` text, once it is there.
async fn about_fact(s: &Session, name: &str) -> String {
    s.wait_for_text(&format!("dialog[open] dd[data-fact='{name}']"), STEP, |t| {
        !t.is_empty()
    })
    .await
    .unwrap()
}

/// The open dialog's heading, once a dialog is open.
async fn dialog_title(s: &Session) -> String {
    s.wait_for_text("dialog[open] .dialog-title", STEP, |t| !t.is_empty())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn about_says_what_the_app_is_where_its_files_live_and_that_the_keychain_works() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;

    scenario::click(s, "About Bucketdesk").await;
    assert_eq!(dialog_title(s).await, "About Bucketdesk");
    let version = format!("v{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(about_fact(s, "version").await, version);
    assert_eq!(about_fact(s, "licence").await, "MIT");
    let config_dir = app.config_dir.path().display().to_string();
    assert_eq!(about_fact(s, "config-dir").await, config_dir);
    let data_dir = app.data_dir.path().display().to_string();
    assert_eq!(about_fact(s, "data-dir").await, data_dir);
    assert!(about_fact(s, "logs").await.starts_with("Standard error"));
    let keychain = about_fact(s, "keychain").await;
    assert!(keychain.starts_with("Secret Service"), "{keychain}");
    assert!(keychain.contains(&app.keyring_service), "{keychain}");
    let status = about_fact(s, "keychain-status").await;
    assert!(status.starts_with("Working"), "{status}");
    app.save_screenshot("about").await;
    scenario::escape_closes_the_dialog(s).await;

    // From the keyboard too.
    s.press(&["i"]).await.unwrap();
    assert_eq!(dialog_title(s).await, "About Bucketdesk");
    assert_eq!(about_fact(s, "version").await, version);
    scenario::escape_closes_the_dialog(s).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn question_mark_lists_the_keyboard_shortcuts_and_esc_closes_the_list() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;

    s.press(&["?"]).await.unwrap();
    assert_eq!(dialog_title(s).await, "Keyboard shortcuts");
    let rows = s
        .execute(
            "return [...document.querySelectorAll('dialog[open] .shortcut-list dt')]
               .map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent]);",
            vec![],
        )
        .await
        .unwrap();
    let rows: Vec<(String, String)> = serde_json::from_value(rows).unwrap();
    for (keys, label) in [
        ("Ctrl K", "Switch project"),
        ("Ctrl 1 … 9", "Open the 1st … 9th project in the list"),
        ("/", "Search the buckets or the open bucket’s files"),
        ("?", "Show these keyboard shortcuts"),
        ("i", "About Bucketdesk"),
        ("Esc", "Close the open dialog or menu"),
        ("n", "New token"),
        ("c", "Copy the chosen token’s link"),
        ("Delete", "Delete the chosen tokens"),
        ("Enter", "Open the project, bucket, folder or file"),
    ] {
        assert!(
            rows.iter().any(|(k, l)| k == keys && l == label),
            "{keys} {label} in {rows:?}"
        );
    }
    assert!(
        rows.iter().any(|(k, l)| k.contains("Backspace")
            && k.contains("Alt ↑")
            && l == "Up to the folder above (in the file list)"),
        "going up a folder in {rows:?}"
    );
    app.save_screenshot("keyboard-shortcuts").await;
    scenario::escape_closes_the_dialog(s).await;

    // The header's button opens the same list.
    scenario::click(s, "Keyboard shortcuts").await;
    assert_eq!(dialog_title(s).await, "Keyboard shortcuts");
    scenario::escape_closes_the_dialog(s).await;
}

/// What the page keeps (the panes' sizes, the copy format) lives in the app's data folder, so two
/// copies of the app with different folders (two users' test runs, two profiles) never share it.
#[tokio::test(flavor = "multi_thread")]
async fn the_web_views_storage_lives_in_the_apps_data_folder() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let mark = format!("kept-{}", std::process::id());
    s.execute(
        "localStorage.setItem('bucketdesk.storage-test', arguments[0]); return true;",
        vec![serde_json::json!(mark)],
    )
    .await
    .unwrap();
    let folder = app.data_dir.path().join("webview");
    wait::until("the web view's storage in the data folder", STEP, || {
        let folder = folder.clone();
        let mark = mark.clone();
        async move {
            let found = files_under(&folder)
                .into_iter()
                .any(|f| std::fs::read(&f).is_ok_and(|b| contains(&b, mark.as_bytes())));
            if found {
                Ok(())
            } else {
                Err(format!(
                    "no file under {} holds the page's value yet",
                    folder.display()
                ))
            }
        }
    })
    .await
    .unwrap();
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// True when `text` (UTF-8 or UTF-16, as WebKit stores strings) holds `needle`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let wide: Vec<u8> = needle.iter().flat_map(|b| [*b, 0]).collect();
    haystack.windows(needle.len()).any(|w| w == needle)
        || haystack.windows(wide.len()).any(|w| w == wide)
}
