//! The native menu bar macOS expects: the app menu (About, Preferences…, Services, Hide, Quit),
//! Edit (so Cmd+C/V/X/A/Z work in text fields) and Window. Linux and Windows keep the in-window
//! controls and get no menu bar. Built on every platform so it is compiled and tested everywhere.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// The event the web view gets when a menu item asks it for a view; the payload is the item's id.
pub const MENU_EVENT: &str = "menu";
/// Opens the About view.
pub const ABOUT: &str = "about";
/// Opens the Settings view (theme, new projects' defaults, links format).
pub const PREFERENCES: &str = "preferences";

/// The menu bar: the platform's own items plus About and Preferences… (Settings), which the page
/// shows.
pub fn app_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let about = MenuItemBuilder::with_id(ABOUT, "About Bucketdesk").build(app)?;
    let preferences = MenuItemBuilder::with_id(PREFERENCES, "Preferences…")
        .accelerator("CmdOrCtrl+,")
        .build(app)?;
    let app_menu = SubmenuBuilder::new(app, "Bucketdesk")
        .item(&about)
        .separator()
        .item(&preferences)
        .separator()
        .services()
        .separator()
        .hide()
        .hide_others()
        .show_all()
        .separator()
        .quit()
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let window = SubmenuBuilder::new(app, "Window")
        .minimize()
        .maximize()
        .separator()
        .close_window()
        .build()?;
    MenuBuilder::new(app)
        .items(&[&app_menu, &edit, &window])
        .build()
}

/// Hands About and Preferences… to the web view; the platform's items act by themselves.
pub fn on_menu_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if id == ABOUT || id == PREFERENCES {
        if let Err(e) = app.emit_to("main", MENU_EVENT, id) {
            tracing::warn!(item = id, error = %e, "the menu item could not reach the window");
        }
    }
}
