//! Deleting a draft: this page asks to be sure, its form deletes. A confirmed application
//! cannot be deleted here.

use super::{application, ApplicationFrame, ConfirmedBanner, NoSuchApplication};
use crate::components::{Button, ButtonKind};
use crate::i18n::{t, t_args};
use leptos::prelude::*;

/// `…/delete`: are you sure?
#[component]
pub fn DeleteDraftPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let title = t("delete-draft-title");
    let form = t(&format!("form-{}-title", def.kind));
    let question = if view.state.is_editable() {
        view! {
            <p class="pt-body">{t_args("delete-draft-body", &[("form", &form)])}</p>
            <p class="pt-body"><strong>{t("delete-draft-warning")}</strong></p>
            <form method="post" action=format!("{}/delete", view.base)>
                <div class="pt-button-group">
                    <Button text=t("delete-draft-submit") kind=ButtonKind::Warning/>
                    <a class="pt-link" href=view.base.clone()>{t("delete-draft-keep")}</a>
                </div>
            </form>
        }
        .into_any()
    } else {
        view! { <ConfirmedBanner view=view.clone()/> }.into_any()
    };
    view! {
        <ApplicationFrame view=view.clone() title=title.clone() back=view.base.clone()>
            <h1 class="pt-heading-xl">{title}</h1>
            {question}
        </ApplicationFrame>
    }
    .into_any()
}
