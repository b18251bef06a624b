//! Generates the Tauri context of the empty app (no commands, no capabilities).

fn main() {
    tauri_build::build();
}
