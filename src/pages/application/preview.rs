//! The staff's index of previews: every form, to walk in any language.

use crate::components::BackLink;
use crate::forms::catalogue::use_catalogue;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/preview`: every form, to walk in any language.
#[component]
pub fn PreviewIndexPage() -> impl IntoView {
    let forms = use_catalogue()
        .current()
        .map(|def| {
            let links = crate::i18n::Lang::ALL
                .iter()
                .map(|lang| {
                    let href = format!("/staff/preview/{}?lang={}", def.kind, lang.code());
                    view! { <li><a class="pt-link" href=href lang=lang.code()>{lang.native_name()}</a></li> }
                })
                .collect_view();
            let flow = format!("/staff/forms/{}", def.kind);
            view! {
                <h2 class="pt-heading-m">{t(&format!("form-{}-title", def.kind))}</h2>
                <p class="pt-body">{t("preview-walk")}</p>
                <ul class="pt-list pt-preview-languages">{links}</ul>
                <p class="pt-body"><a class="pt-link" href=flow>{t("flow-title")}</a></p>
            }
        })
        .collect_view();
    view! {
        <Title text=t("preview-title")/>
        <BackLink href="/staff"/>
        <h1 class="pt-heading-xl">{t("preview-title")}</h1>
        <p class="pt-body">{t("preview-intro")}</p>
        {forms}
    }
}
