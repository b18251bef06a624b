//! Generates the Tauri context and one `allow-<command>` permission per app command, so each command must
//! be granted explicitly in `capabilities/`.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&["app_info"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
