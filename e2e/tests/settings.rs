//! The Settings view in the real window: it opens from the header at 800 × 500 and with Ctrl+,;
//! choosing Dark darkens the page at once and still does after a restart with the same config
//! folder; the default link kind and expiry chosen there are what a new project's editor starts
//! with; and the clipboard format is one setting the bulk links dialog shares.

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::{AppSession, Session, WindowRect};
use serde_json::{json, Value};

/// The page's background colour as drawn (`rgb(…)`), and the theme on <html>.
const BACKGROUND: &str = "return [getComputedStyle(document.documentElement).backgroundColor,
    document.documentElement.dataset.theme ?? null];";

/// The light and dark `--bg` of ui/styles.css.
const LIGHT_BG: &str = "rgb(246, 247, 251)";
const DARK_BG: &str = "rgb(21, 23, 30)";

async fn background(s: &Session) -> Value {
    s.execute(BACKGROUND, vec![]).await.unwrap()
}

/// Waits until the page's background is `rgb` with `theme` on <html>.
async fn wait_background(s: &Session, rgb: &str, theme: &str) {
    s.wait_until(
        &format!("the {theme} background"),
        "const [rgb, theme] = arguments;
         const bg = getComputedStyle(document.documentElement).backgroundColor;
         return bg === rgb && document.documentElement.dataset.theme === theme ? bg : null;",
        vec![json!(rgb), json!(theme)],
        STEP,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Waits until the Settings dialog is open.
async fn settings_open(s: &Session) {
    s.wait_for_text("dialog[open] .dialog-title", STEP, |t| t == "Settings")
        .await
        .unwrap();
}

/// Chooses `value` in the open dialog's select labelled `label`, as a user's pick does (the
/// change event), and answers the value it then holds.
async fn choose(s: &Session, label: &str, value: &str) -> Value {
    s.execute(
        "const [label, value] = arguments;
         const found = [...document.querySelectorAll('dialog[open] label')]
           .find((l) => l.textContent.trim() === label);
         const select = found?.control;
         if (!select) return null;
         select.value = value;
         select.dispatchEvent(new Event('change', { bubbles: true }));
         return select.value;",
        vec![json!(label), json!(value)],
    )
    .await
    .unwrap()
}

/// The value of the open dialog's select labelled `label`.
async fn chosen(s: &Session, label: &str) -> Value {
    s.execute(
        "const found = [...document.querySelectorAll('dialog[open] label')]
           .find((l) => l.textContent.trim() === arguments[0]);
         return found?.control?.value ?? null;",
        vec![json!(label)],
    )
    .await
    .unwrap()
}

/// Waits until the open Settings dialog says the last choice was saved.
async fn saved(s: &Session) {
    s.wait_for_text("dialog[open] [role=status]", STEP, |t| t == "Saved")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn dark_is_shown_at_once_and_kept_across_a_restart() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let smallest = WindowRect {
        x: 0,
        y: 0,
        width: 800,
        height: 500,
    };
    s.set_window_rect(smallest).await.unwrap();
    wait_background(s, LIGHT_BG, "system").await;

    // Ctrl+, opens Settings; so does the header's button, in view at the smallest window.
    s.press(&[keys::CONTROL, ","]).await.unwrap();
    settings_open(s).await;
    scenario::escape_closes_the_dialog(s).await;
    let in_view = s
        .execute(
            "const b = document.getElementById('open-settings');
             const r = b.getBoundingClientRect();
             const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
               && (top === b || b.contains(top));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_view, json!(true), "the Settings button is out of reach");
    scenario::click(s, "Settings").await;
    settings_open(s).await;

    scenario::click_css(s, "dialog[open] input[data-theme-choice='dark']").await;
    wait_background(s, DARK_BG, "dark").await;
    saved(s).await;
    app.save_screenshot("settings-dark-800x500").await;
    let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))
        .expect("the choice is kept in the config folder");
    let kept: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(kept["theme"], "dark", "{file}");
    scenario::escape_closes_the_dialog(s).await;

    // Forget the page's own copy (kept for the first frame only): the choice must come back
    // from the config folder.
    s.execute(
        "localStorage.removeItem('bucketdesk.theme'); return true;",
        vec![],
    )
    .await
    .unwrap();
    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    wait_background(s, DARK_BG, "dark").await;
    assert_eq!(background(s).await, json!([DARK_BG, "dark"]));

    // Leave the next test's first frame to the system's theme.
    s.execute(
        "localStorage.removeItem('bucketdesk.theme'); return true;",
        vec![],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn new_projects_start_with_the_defaults_and_bulk_links_share_the_format() {
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;

    // Before any choice, a new project starts on View and 7 days.
    scenario::click(s, "Add project").await;
    s.wait_for("dialog[open]", STEP).await.unwrap();
    assert_eq!(chosen(s, "Default link").await, json!("view"));
    scenario::escape_closes_the_dialog(s).await;

    s.press(&[keys::CONTROL, ","]).await.unwrap();
    settings_open(s).await;
    assert_eq!(choose(s, "Link kind", "download").await, json!("download"));
    saved(s).await;
    assert_eq!(choose(s, "Expiry", "thirtyDays").await, json!("thirtyDays"));
    saved(s).await;
    assert_eq!(choose(s, "Copy as", "markdown").await, json!("markdown"));
    saved(s).await;
    scenario::escape_closes_the_dialog(s).await;

    scenario::click(s, "Add project").await;
    s.wait_for("dialog[open]", STEP).await.unwrap();
    assert_eq!(chosen(s, "Default link").await, json!("download"));
    assert_eq!(chosen(s, "Default expiry").await, json!("thirtyDays"));
    scenario::escape_closes_the_dialog(s).await;

    // The bulk links dialog starts on the format chosen in Settings, and a choice there is the
    // setting from then on.
    scenario::click_css(
        s,
        &format!("[data-bucket-id='{}']", seed::DOCUMENTS_BUCKET_ID),
    )
    .await;
    // Its folders' rows come in above the files: the row is clicked once they are there.
    scenario::wait_folders(s).await;
    scenario::click_css(
        s,
        &format!(
            "[data-file-id='{}'] input[type=checkbox]",
            seed::NOTES_TXT_FILE_ID
        ),
    )
    .await;
    scenario::click(s, "Create links").await;
    s.wait_for("dialog[open] #bulk-format", STEP).await.unwrap();
    assert_eq!(chosen(s, "Copy as").await, json!("markdown"));
    assert_eq!(choose(s, "Copy as", "nameLink").await, json!("nameLink"));
    let path = app.config_dir.path().join("settings.json");
    bucketdesk_e2e::wait::until("the format to be kept", STEP, || async {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if text.contains("\"nameLink\"") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await
    .unwrap();
    scenario::escape_closes_the_dialog(s).await;
    s.press(&[keys::CONTROL, ","]).await.unwrap();
    settings_open(s).await;
    assert_eq!(chosen(s, "Copy as").await, json!("nameLink"));
    assert_eq!(chosen(s, "Link kind").await, json!("download"));
    scenario::escape_closes_the_dialog(s).await;
}
