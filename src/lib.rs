//! The portal: residence permit and citizenship applications online.
//!
//! One crate, two builds: feature `ssr` is the server (`src/main.rs`), feature `hydrate` the
//! browser bundle that makes the server-rendered pages interactive. `domain`-style code and
//! components are shared; `server` exists only in the server build.

pub mod app;
pub mod components;
pub mod domain;
pub mod forms;
pub mod i18n;
pub mod page_data;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod session_timeout;

/// The browser bundle's entry point, called by the hydration script in the page's `<head>`.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
