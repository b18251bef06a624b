//! The macOS menu bar, built on the mock runtime: the app menu has About, Preferences…, Hide and
//! Quit, Edit keeps copy and paste in text fields, and About and Preferences… (Settings) reach the
//! window.

mod common;

use std::sync::{Arc, Mutex};

use bucketdesk_lib::menu::{self, app_menu, on_menu_event};
use common::Fixture;
use tauri::menu::{MenuEvent, MenuItemKind};
use tauri::{Listener, Runtime};

/// An item's text without its mnemonic marks (separators have none).
fn text<R: Runtime>(item: &MenuItemKind<R>) -> String {
    let text = match item {
        MenuItemKind::MenuItem(i) => i.text().unwrap(),
        MenuItemKind::Submenu(i) => i.text().unwrap(),
        MenuItemKind::Predefined(i) => i.text().unwrap(),
        MenuItemKind::Check(i) => i.text().unwrap(),
        MenuItemKind::Icon(i) => i.text().unwrap(),
    };
    text.replace('&', "")
}

fn submenu_texts<R: Runtime>(item: &MenuItemKind<R>) -> Vec<String> {
    let MenuItemKind::Submenu(submenu) = item else {
        panic!("{} is not a submenu", text(item));
    };
    submenu
        .items()
        .unwrap()
        .iter()
        .map(text)
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_app_menu_has_about_preferences_hide_and_quit_and_edit_has_copy_and_paste() {
    let app = Fixture::new("menu");
    let bar = app_menu(app.app.handle()).unwrap();
    let menus = bar.items().unwrap();
    assert_eq!(
        menus.iter().map(text).collect::<Vec<_>>(),
        ["Bucketdesk", "Edit", "Window"]
    );

    let first = submenu_texts(&menus[0]);
    for wanted in ["About Bucketdesk", "Preferences…", "Hide", "Quit"] {
        assert!(
            first.iter().any(|t| t.starts_with(wanted)),
            "{wanted} in {first:?}"
        );
    }
    let edit = submenu_texts(&menus[1]);
    for wanted in ["Cut", "Copy", "Paste", "Select All"] {
        assert!(edit.iter().any(|t| t == wanted), "{wanted} in {edit:?}");
    }
}

#[test]
fn about_and_preferences_ask_the_window_for_their_views() {
    let app = Fixture::new("menu-event");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    app.window.listen(menu::MENU_EVENT, move |event| {
        sink.lock().unwrap().push(event.payload().to_owned());
    });
    let handle = app.app.handle();
    for id in [menu::ABOUT, menu::PREFERENCES, "something-else"] {
        on_menu_event(handle, MenuEvent { id: id.into() });
    }
    assert_eq!(*seen.lock().unwrap(), [r#""about""#, r#""preferences""#]);
}
