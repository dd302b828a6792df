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
mod state;

fn main() {
    // Panics otherwise surface as an opaque "unreachable" trap in the webview console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
