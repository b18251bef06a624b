//! The empty Tauri 2 app of `make bench`: one window on one static page, nothing else, so that
//! Bucketdesk's start and memory can be read against what Tauri itself costs.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app could not start its window");
}
