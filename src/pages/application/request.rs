//! A request for additional information: what the Finnish Immigration Service asks and by
//! when, and the reply form (a plain form, which works without JavaScript). Once answered, the
//! page shows the reply sent.

use super::NoSuchApplication;
use crate::components::{BackLink, Button, ButtonKind, ErrorMessage, Textarea};
use crate::i18n::{t, t_args, use_lang};
use crate::page_data::{from_request, RequestPage};
use crate::pages::account::{form_state, FormPage};
use leptos::prelude::*;

/// `/applications/{id}/requests/{request}`.
#[component]
pub fn RequestPageView() -> impl IntoView {
    let Some(page) = from_request::<RequestPage>() else { return view! { <NoSuchApplication/> }.into_any() };
    let state = form_state();
    let request = page.request.clone();
    let lang = use_lang().code();
    // Each question in the page's language, or else in the one the service wrote it in.
    let questions = request
        .questions
        .iter()
        .map(|texts| {
            let text = texts.iter().find(|(code, _)| code == lang).or(texts.first()).map(|(_, text)| text.clone());
            view! { <li>{text.unwrap_or_default()}</li> }
        })
        .collect_view();
    let open = request.answered_on.is_none();
    let documents = request
        .documents
        .iter()
        .map(|document| {
            let slot = crate::page_data::request_slot(&request.public_id, document);
            let files = page.files.iter().filter(|file| file.requirement == slot).map(|file| {
                let href = format!("{}/files/{}", page.base, file.public_id);
                // Until the reply goes, a file added by mistake can be taken out.
                let remove = open.then(|| {
                    let action = format!("{}/files/{}/delete", page.base, file.public_id);
                    let label = t_args("attachments-delete", &[("name", &file.name)]);
                    view! {
                        <form method="post" action=action class="pt-attachment__delete">
                            <button type="submit" class="pt-button pt-button--secondary" aria-label=label>
                                {t("attachments-delete-short")}
                            </button>
                        </form>
                    }
                });
                view! { <li><a class="pt-link" href=href download="">{file.name.clone()}</a>" "{remove}</li> }
            });
            let field = format!("file-{slot}");
            let error = state.error(&field);
            let upload = open.then(|| {
                let action = format!("{}/attachments/{slot}", page.base);
                let group = if error.is_some() { "pt-form-group pt-form-group--error" } else { "pt-form-group" };
                view! {
                    <form method="post" action=action enctype="multipart/form-data" novalidate>
                        <div class=group>
                            <label class="pt-label" for=field.clone()>{t("attachments-add-label")}</label>
                            <div id=format!("{field}-hint") class="pt-hint">{t("attachments-add-hint")}</div>
                            {error.clone().map(|message| view! { <ErrorMessage id=field.clone() message=message/> })}
                            <input class="pt-file-upload" id=field.clone() name="file" type="file" multiple
                                accept=super::attachments::ACCEPT aria-describedby=format!("{field}-hint")/>
                        </div>
                        <Button text=t("attachments-upload") kind=ButtonKind::Secondary/>
                    </form>
                }
            });
            view! {
                <section class="pt-attachment-requirement" aria-labelledby=format!("{slot}-title")>
                    <h3 class="pt-heading-s" id=format!("{slot}-title")>{t(&format!("attachment-{document}"))}</h3>
                    <ul class="pt-list">{files.collect_view()}</ul>
                    {upload}
                </section>
            }
        })
        .collect_view();
    let days = request.days_left.to_string();
    let when = if request.days_left >= 0 {
        t_args("request-due", &[("date", &request.due_on), ("days", &days)])
    } else {
        t_args("request-overdue", &[("date", &request.due_on)])
    };
    let action = format!("{}/requests/{}", page.base, request.public_id);
    let max = page.reply_max.to_string();
    // Information sent unasked: the same page, with no question, no last day, its own words.
    let own = request.own;
    let word = move |asked: &str, unasked: &str| if own { t(unasked) } else { t(asked) };
    let answer = match (&request.answered_on, &page.reply) {
        (Some(day), reply) => view! {
            <div class="pt-panel pt-panel--confirmation" id="reply-sent">
                <h2 class="pt-panel__title">{t_args(if own { "more-sent-on" } else { "request-answered-on" }, &[("date", day)])}</h2>
            </div>
            <p class="pt-body" id="reply-received">{match &page.reply_received_on {
                Some(on) => t_args("request-reply-received", &[("date", on)]),
                None => t("request-reply-on-its-way"),
            }}</p>
            <h2 class="pt-heading-m">{t("request-your-reply")}</h2>
            <p class="pt-body pt-reply">{reply.clone().unwrap_or_default()}</p>
        }
        .into_any(),
        (None, _) => view! {
            <form method="post" action=action novalidate>
                <Textarea id="reply" label=word("request-reply-label", "more-text-label")
                    hint=t_args(if own { "more-text-hint" } else { "request-reply-hint" }, &[("max", &max)])
                    value=page.typed.clone().unwrap_or_else(|| state.value("reply")) error=state.error("reply") rows=8/>
                <Button text=word("request-reply-submit", "more-submit")/>
            </form>
        }
        .into_any(),
    };
    view! {
        <BackLink href=format!("{}/sent", page.base)/>
        <FormPage title=word("request-page-title", "more-title") state=state.clone()>
            <p class="pt-body">{t(&format!("form-{}-title", page.kind))}" · "{page.reference.clone().unwrap_or_default()}</p>
            {match own {
                true => view! { <p class="pt-body" id="more-intro">{t("more-page-intro")}</p> }.into_any(),
                false => view! {
                    <p class="pt-body" id="request-due"><strong>{when}</strong></p>
                    <h2 class="pt-heading-m">{t("request-questions")}</h2>
                    <ul class="pt-list pt-list--bullet" id="request-questions">{questions}</ul>
                }
                .into_any(),
            }}
            {(!request.documents.is_empty()).then(|| view! {
                <h2 class="pt-heading-m">{word("request-documents", "more-documents")}</h2>
                <div id="request-documents">{documents}</div>
            })}
            {answer}
        </FormPage>
    }
    .into_any()
}
