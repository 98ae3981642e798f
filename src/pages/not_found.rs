//! The page for an address that leads nowhere, answered with status 404.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// Answers the request being rendered with 404 (on the server; the browser has no status).
pub fn answer_not_found() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    answer_not_found();
    view! {
        <Title text=t("not-found-title")/>
        <h1 class="pt-heading-xl">{t("not-found-title")}</h1>
        <p class="pt-body">{t("not-found-typed")}</p>
        <p class="pt-body">{t("not-found-pasted")}</p>
        <p class="pt-body"><a class="pt-link" href="/">{t("error-go-home")}</a></p>
    }
}
