//! Aira's user interface: a Leptos app compiled to WebAssembly and shown in the Tauri
//! window. It talks to the backend only through `ipc`.

mod actions;
mod app;
mod components;
mod focus;
mod format;
mod i18n;
mod ipc;
mod pages;
mod preferences;
mod shortcuts;
mod state;

fn main() {
    // Panics otherwise surface as an opaque "unreachable" trap in the webview console.
    console_error_panic_hook::set_once();
    // The preferences first, so the first draw is already in the user's language, theme
    // and text size (a screen reader would otherwise read the page twice).
    // wasm-bindgen's own spawner: Leptos' is only set up by `mount_to_body`.
    wasm_bindgen_futures::spawn_local(async {
        let preferences = match ipc::preferences().await {
            Ok(preferences) => Some(preferences),
            Err(error) => {
                leptos::logging::warn!("preferences not read, defaults apply: {error}");
                None
            }
        };
        leptos::mount::mount_to_body(move || leptos::view! { <app::App preferences /> });
    });
}
