//! The portal: residence permit and citizenship applications online.
//!
//! One crate, two builds: feature `ssr` is the server (`src/main.rs`), which renders every
//! page; feature `hydrate` the browser bundle, which holds only the island of `page_scripts`
//! and the rules it shares with the server (`forms`, `domain`). `server` exists only in the
//! server build.

pub mod app;
pub mod components;
pub mod domain;
pub mod forms;
pub mod i18n;
pub mod page_data;
pub mod page_scripts;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// The browser bundle's entry point, called by the islands script in the page's `<head>`
/// before it hydrates the page's islands.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
