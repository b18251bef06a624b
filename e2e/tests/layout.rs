//! The window's layout holds from its minimum size up, in the light and the dark theme: at 800 × 500,
//! 1280 × 800 and 1920 × 1080 the demo's photo with a token in every state is open, nothing runs off
//! the window, and every token action (copy link, edit expiry, copy secret, delete) is a button in
//! view and not covered, or in the row's "…" menu; a right click and Shift+F10 open the same menu. At
//! 800 × 500 each action is carried out from where it is. The screenshots `layout-<size>-<theme>*`
//! are the proof the issue asks for.
//!
//! The dark theme is chosen by starting the app with `GTK_THEME=Adwaita:dark`, which WebKitGTK reads
//! as `prefers-color-scheme: dark`; if the page does not see it that way the dark test says so and
//! stops (the harness of the UI covers dark then).

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::{AppSession, Session, WindowRect};
use serde_json::json;

const SIZES: [(i64, i64); 3] = [(800, 500), (1280, 800), (1920, 1080)];

/// The token actions and the `data-action` of their item in the row's menu.
const ACTIONS: [(&str, &str); 4] = [
    ("Copy link", "copy"),
    ("Edit expiry", "edit"),
    ("Copy secret", "secret"),
    ("Delete token", "delete"),
];

/// For each token row: where each action is reachable, "button" (in view, not covered), "menu" (the
/// row's "…" button is) or "none". Scrolls what it checks into view, as a user would.
const REACH: &str = "const [names] = arguments;
const section = document.querySelector('.tokens');
const hit = (el) => {
  if (!el || !el.offsetParent) return false;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return false;
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top === el || el.contains(top);
};
return [...document.querySelectorAll('tr[data-token-id]')].map((row) => {
  const buttons = [...row.querySelectorAll('button')];
  const menu = hit(row.querySelector('.row-menu-button'));
  const actions = {};
  for (const name of names) {
    const button = buttons.find((b) => b.getAttribute('aria-label') === name);
    actions[name] = hit(button) ? 'button' : (menu ? 'menu' : 'none');
  }
  return { id: row.dataset.tokenId, layout: section.dataset.layout ?? '', actions };
});";

/// The open menu's item labels and whether all of it is inside the window; null when none is open.
const MENU: &str = "const menu = document.querySelector('.menu');
if (!menu) return null;
const r = menu.getBoundingClientRect();
return {
  labels: [...menu.querySelectorAll('[role=menuitem]')].map((b) => b.querySelector('.menu-label').textContent),
  inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
};";

/// What runs off the window or out of its pane sideways (the page, the token table, the panes).
const OVERFLOW: &str = "const out = [];
const root = document.documentElement;
if (root.scrollWidth > innerWidth + 1) out.push(`page ${root.scrollWidth} > ${innerWidth}`);
for (const css of ['.table-wrap', '.files-pane', '.detail-pane', '.sidebar', '.topbar']) {
  const el = document.querySelector(css);
  if (el && el.offsetParent && el.scrollWidth > el.clientWidth + 1) out.push(`${css} ${el.scrollWidth} > ${el.clientWidth}`);
}
return out;";

fn theme_name(dark: bool) -> &'static str {
    if dark {
        "dark"
    } else {
        "light"
    }
}

/// Starts the app in the theme and opens the demo's sunset photo, which has a token in every state.
/// None when the dark theme was asked for and the page does not see it.
async fn app_on_the_photo(dark: bool) -> Option<AppSession> {
    let env: &[(&str, &str)] = if dark {
        &[("GTK_THEME", "Adwaita:dark")]
    } else {
        &[]
    };
    let app = AppSession::launch_with_env(env).await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let is_dark = s
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await
        .unwrap();
    if is_dark != json!(dark) {
        let seen = theme_name(is_dark == json!(true));
        let asked = theme_name(dark);
        eprintln!(
            "the page sees the {seen} theme where {asked} was asked for: no {asked} screenshots"
        );
        return None;
    }
    scenario::open_file(s, seed::PHOTOS_BUCKET_ID, seed::SUNSET_PNG_FILE_ID).await;
    s.wait_until(
        "the photo's tokens",
        "return document.querySelectorAll('tr[data-token-id]').length >= 4;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
    Some(app)
}

/// Resizes the window and waits until the page has that size (give or take window decorations).
async fn resize(s: &Session, width: i64, height: i64) {
    let rect = WindowRect {
        x: 0,
        y: 0,
        width,
        height,
    };
    s.set_window_rect(rect).await.unwrap();
    let seen = s
        .wait_until(
            "the page to take the window's new size",
            "const [w, h] = arguments;
             const ok = Math.abs(innerWidth - w) <= 40 && Math.abs(innerHeight - h) <= 60
               && !!document.querySelector('.tokens[data-layout]');
             return ok ? [innerWidth, innerHeight] : null;",
            vec![json!(width), json!(height)],
            STEP,
        )
        .await
        .unwrap();
    eprintln!("window {width}×{height}: page {seen}");
    s.settle().await.unwrap();
}

/// Where each token action of each row is reachable now.
async fn reach(s: &Session) -> Vec<(String, String, Vec<(String, String)>)> {
    let names: Vec<&str> = ACTIONS.iter().map(|(name, _)| *name).collect();
    let value = s.execute(REACH, vec![json!(names)]).await.unwrap();
    value
        .as_array()
        .expect("a list of rows")
        .iter()
        .map(|row| {
            let actions = ACTIONS
                .iter()
                .map(|(name, _)| {
                    let place = row["actions"][*name].as_str().unwrap_or("none");
                    (name.to_string(), place.to_string())
                })
                .collect();
            (
                row["id"].as_str().unwrap_or_default().to_string(),
                row["layout"].as_str().unwrap_or_default().to_string(),
                actions,
            )
        })
        .collect()
}

/// Waits for the open menu and returns its item labels, checking that all of it is on screen.
async fn open_menu_labels(s: &Session, what: &str) -> Vec<String> {
    let menu = s
        .wait_until(what, MENU, vec![], STEP)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        menu["inside"],
        json!(true),
        "{what}: the menu runs off the window"
    );
    serde_json::from_value(menu["labels"].clone()).unwrap()
}

/// Presses Esc and waits until no menu is open.
async fn escape_closes_the_menu(s: &Session) {
    s.press(&[keys::ESCAPE]).await.unwrap();
    s.wait_until(
        "the menu to close",
        "return document.querySelector('.menu') === null;",
        vec![],
        STEP,
    )
    .await
    .unwrap();
}

/// Opens the row's "…" menu with a real click.
async fn open_row_menu(s: &Session, token: &str) {
    let css = format!("tr[data-token-id='{token}'] .row-menu-button");
    let button = s.wait_for(&css, STEP).await.unwrap();
    s.click(&button).await.unwrap();
}

/// Every token action of every row is a button in view or an item of the row's menu, the same menu
/// opens on a right click and on Shift+F10, and nothing runs off sideways.
async fn every_action_is_within_reach(app: &AppSession, label: &str) {
    let s = &app.session;
    let overflow = s.execute(OVERFLOW, vec![]).await.unwrap();
    assert_eq!(overflow, json!([]), "{label}: something runs off sideways");
    let rows = reach(s).await;
    assert!(rows.len() >= 4, "{label}: {rows:?}");
    let mut menu_shot = false;
    for (token, layout, actions) in &rows {
        let nowhere: Vec<&String> = actions
            .iter()
            .filter(|(_, place)| place == "none")
            .map(|(name, _)| name)
            .collect();
        assert!(
            nowhere.is_empty(),
            "{label} ({layout}): {token} has no way to {nowhere:?}"
        );
        let in_menu: Vec<&String> = actions
            .iter()
            .filter(|(_, place)| place == "menu")
            .map(|(name, _)| name)
            .collect();
        eprintln!("{label} ({layout}) {token}: by the row's menu {in_menu:?}, the rest by buttons");
        if in_menu.is_empty() {
            continue;
        }
        open_row_menu(s, token).await;
        let labels = open_menu_labels(s, "the row's … menu").await;
        for name in &in_menu {
            assert!(
                labels.iter().any(|l| l == *name),
                "{label}: {name} not in {token}'s menu {labels:?}"
            );
        }
        if !menu_shot {
            app.save_screenshot(&format!("{label}-menu")).await;
            menu_shot = true;
        }
        escape_closes_the_menu(s).await;
    }

    // A right click on the first row, and Shift+F10 on it, open its menu with every action.
    let first = &rows[0].0;
    s.execute(
        "document.querySelector(`tr[data-token-id='${arguments[0]}']`)
           .scrollIntoView({ block: 'nearest' });
         return true;",
        vec![json!(first)],
    )
    .await
    .unwrap();
    // On its status cell: WebKitWebDriver finds no point to press on a table row itself.
    let cell = s
        .wait_for(&format!("tr[data-token-id='{first}'] td.col-status"), STEP)
        .await
        .unwrap();
    s.context_click(&cell).await.unwrap();
    every_action_in_the_menu(s, label, "the right-click menu").await;
    escape_closes_the_menu(s).await;
    s.release_buttons().await.unwrap();
    s.execute(
        "document.querySelector(`tr[data-token-id='${arguments[0]}']`).focus(); return true;",
        vec![json!(first)],
    )
    .await
    .unwrap();
    s.press(&[keys::SHIFT, keys::F10]).await.unwrap();
    every_action_in_the_menu(s, label, "the menu of Shift+F10").await;
    escape_closes_the_menu(s).await;
}

/// The open menu lists every token action.
async fn every_action_in_the_menu(s: &Session, label: &str, what: &str) {
    let labels = open_menu_labels(s, what).await;
    for (name, _) in ACTIONS {
        assert!(
            labels.iter().any(|l| l == name),
            "{label}: {name} not in {what} {labels:?}"
        );
    }
}

/// Carries out each token action on `token` from where it is at this size: a button, or its menu.
async fn carry_out_every_action(s: &Session, token: &str) {
    let rows = reach(s).await;
    let (_, _, actions) = rows
        .iter()
        .find(|(id, _, _)| id == token)
        .unwrap_or_else(|| panic!("no row for {token}"));
    for ((name, place), (_, action)) in actions.iter().zip(ACTIONS) {
        if place == "button" {
            let css = format!("tr[data-token-id='{token}'] button[aria-label='{name}']");
            let button = s.wait_for(&css, STEP).await.unwrap();
            s.click(&button).await.unwrap();
        } else {
            open_row_menu(s, token).await;
            scenario::click_css(s, &format!(".menu [data-action='{action}']")).await;
        }
        match action {
            "copy" => {
                scenario::wait_toast(s, "link copied").await;
            }
            "secret" => {
                scenario::wait_toast(s, "Secret copied").await;
            }
            "edit" | "delete" => {
                let title = s
                    .wait_for_text("dialog[open] .dialog-title", STEP, |t| !t.is_empty())
                    .await
                    .unwrap();
                let expected = if action == "edit" {
                    "Edit expiry"
                } else {
                    "Delete token"
                };
                assert_eq!(title, expected);
                // Leave it as it was: Esc cancels.
                scenario::escape_closes_the_dialog(s).await;
            }
            _ => unreachable!(),
        }
        eprintln!("{token}: {name} done by its {place}");
    }
    // Nothing was deleted: the delete was cancelled.
    s.wait_for(&format!("tr[data-token-id='{token}']"), STEP)
        .await
        .unwrap();
}

async fn layout_holds(dark: bool) {
    let Some(app) = app_on_the_photo(dark).await else {
        return;
    };
    let s = &app.session;
    let theme = theme_name(dark);
    for (width, height) in SIZES {
        resize(s, width, height).await;
        let label = format!("layout-{width}x{height}-{theme}");
        s.execute(
            "document.querySelector('.detail-pane').scrollTop = 0; return true;",
            vec![],
        )
        .await
        .unwrap();
        app.save_screenshot(&label).await;
        s.execute(
            "document.querySelector('.tokens').scrollIntoView({ block: 'start' }); return true;",
            vec![],
        )
        .await
        .unwrap();
        app.save_screenshot(&format!("{label}-tokens")).await;
        every_action_is_within_reach(&app, &label).await;
        if width == 800 && !dark {
            carry_out_every_action(s, seed::TOKEN_EXPIRES_SOON).await;
        }
    }

    // With no file open the list takes the width: no empty detail pane beside it.
    resize(s, 800, 500).await;
    scenario::click(s, "Close file").await;
    let widths = s
        .wait_until(
            "the list to take the width",
            "const detail = document.querySelector('.detail-pane');
             const files = document.querySelector('.files-pane').getBoundingClientRect().width;
             const content = document.querySelector('#content').getBoundingClientRect().width;
             return getComputedStyle(detail).display === 'none' && files >= content - 1 ? [files, content] : null;",
            vec![],
            STEP,
        )
        .await;
    assert!(widths.is_ok(), "{widths:?}");
    app.save_screenshot(&format!("layout-800x500-{theme}-no-file"))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_token_action_is_within_reach_at_every_size_in_the_light_theme() {
    layout_holds(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_token_action_is_within_reach_at_every_size_in_the_dark_theme() {
    layout_holds(true).await;
}
