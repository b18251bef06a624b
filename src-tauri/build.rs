//! Generates the Tauri context and one `allow-<command>` permission per app command, so each
//! command must be granted explicitly in `capabilities/`.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "about",
        "start_screen",
        "list_projects",
        "save_project",
        "duplicate_project",
        "delete_project",
        "select_project",
        "remember_last",
        "test_connection",
        "test_draft_connection",
        "export_projects_file",
        "import_projects",
        "reset_demo",
        "list_buckets",
        "list_files",
        "list_subfolders",
        "bucket_details",
        "get_file",
        "file_thumbnail",
        "list_tokens",
        "resolve_expiry",
        "create_token",
        "update_token_expiry",
        "delete_tokens",
        "copy_link",
        "copy_secret",
        "open_link",
        "create_links",
        "copy_links",
        "get_settings",
        "save_settings",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
