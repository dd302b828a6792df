//! The Tauri config lives at the workspace root (one source of truth for every platform);
//! pointing the build at it, rather than linking it here, also works on Windows checkouts,
//! where git symlinks are unreliable.

fn main() {
    let attributes = tauri_build::Attributes::new().config_path("../tauri.conf.json");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}
