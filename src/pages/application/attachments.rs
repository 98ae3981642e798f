//! `…/attachments`: every attachment the answers call for, why, what is accepted and how large
//! (said before anything is uploaded), the files added to each, and a form per attachment that
//! uploads one or more files without JavaScript. Files of attachments the answers no longer call
//! for are shown apart: they are not sent.

use super::{application, ApplicationFrame, NoSuchApplication};
use crate::components::{Button, ButtonKind, ErrorMessage, ErrorSummary};
use crate::forms::derive;
use crate::i18n::{t, t_args};
use crate::page_data::{request_path, ApplicationView, AttachedFile};
use crate::page_scripts::UploadScript;
use crate::pages::account::form_state;
use leptos::prelude::*;

/// What the file inputs offer to choose (the server decides from the content).
pub(super) const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/// Megabytes, as the page states limits and sizes.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0}")
    } else {
        format!("{mb:.1}")
    }
}

/// A file's size as shown beside it.
fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        t_args("attachments-size-kb", &[("size", &(bytes.div_ceil(1024)).to_string())])
    } else {
        t_args("attachments-size-mb", &[("size", &megabytes(bytes))])
    }
}

/// One added file: its name, type and size, a preview for an image, and its actions.
#[component]
fn FileRow(view: ApplicationView, file: AttachedFile) -> impl IntoView {
    let href = format!("{}/files/{}", view.base, file.public_id);
    let kind = if file.content_type == "application/pdf" {
        "PDF"
    } else if file.content_type == "image/png" {
        "PNG"
    } else {
        "JPEG"
    };
    let preview = file.content_type.starts_with("image/").then(|| {
        let src = format!("{href}?view=inline");
        let alt = t_args("attachments-preview-alt", &[("name", &file.name)]);
        view! { <img class="pt-attachment__preview" src=src alt=alt loading="lazy"/> }
    });
    let actions = (view.state.is_editable() && !view.preview).then(|| {
        let delete = format!("{href}/delete");
        let label = t_args("attachments-delete", &[("name", &file.name)]);
        let replace = format!("{href}/replace");
        let input = format!("replace-{}", file.public_id);
        view! {
            <details class="pt-details pt-attachment__replace">
                <summary class="pt-details__summary">{t_args("attachments-replace", &[("name", &file.name)])}</summary>
                <form method="post" action=replace enctype="multipart/form-data" class="pt-details__text" data-upload="" novalidate>
                    <label class="pt-label" for=input.clone()>{t("attachments-replace-label")}</label>
                    <input class="pt-file-upload" id=input name="file" type="file" accept=ACCEPT/>
                    <Button text=t("attachments-replace-short") kind=ButtonKind::Secondary/>
                </form>
            </details>
            <form method="post" action=delete class="pt-attachment__delete">
                <button type="submit" class="pt-button pt-button--secondary" aria-label=label>{t("attachments-delete-short")}</button>
            </form>
        }
    });
    view! {
        <li class="pt-attachment">
            {preview}
            <p class="pt-body pt-attachment__name">
                <a class="pt-link" href=href.clone() download="">{file.name.clone()}</a>
                " " <span class="pt-hint">{format!("({kind}, {})", size(file.size_bytes))}</span>
            </p>
            {actions}
        </li>
    }
    .into_any()
}

/// One attachment the answers call for: why, its status, its files and its upload form.
#[component]
fn Requirement(view: ApplicationView, id: &'static str, why: String, error: Option<String>) -> impl IntoView {
    let files: Vec<AttachedFile> = view.files.iter().filter(|file| file.requirement == id).cloned().collect();
    let (tag, tag_class) = if files.is_empty() {
        (t("attachments-status-missing"), "pt-tag pt-tag--light-blue")
    } else {
        (t("attachments-status-added"), "pt-tag")
    };
    let field = format!("file-{id}");
    let upload = (view.state.is_editable() && !view.preview).then(|| {
        let action = format!("{}/attachments/{id}", view.base);
        let group = if error.is_some() { "pt-form-group pt-form-group--error" } else { "pt-form-group" };
        let described = if error.is_some() { format!("{field}-hint {field}-error") } else { format!("{field}-hint") };
        view! {
            <form method="post" action=action enctype="multipart/form-data" class="pt-attachment__upload" data-upload="" novalidate>
                <div class=group>
                    <label class="pt-label" for=field.clone()>{t("attachments-add-label")}</label>
                    <div id=format!("{field}-hint") class="pt-hint">{t("attachments-add-hint")}</div>
                    {error.map(|message| view! { <ErrorMessage id=field.clone() message=message/> })}
                    <input class="pt-file-upload" id=field.clone() name="file" type="file" multiple
                        accept=ACCEPT
                        aria-describedby=described/>
                </div>
                <Button text=t("attachments-upload") kind=ButtonKind::Secondary/>
            </form>
        }
    });
    let list = (!files.is_empty()).then(|| {
        let rows = files.into_iter().map(|file| view! { <FileRow view=view.clone() file=file/> }).collect_view();
        view! { <ul class="pt-attachment-list">{rows}</ul> }
    });
    view! {
        <section class="pt-attachment-requirement" aria-labelledby=format!("{id}-title")>
            <h2 class="pt-heading-m" id=format!("{id}-title")>
                {t(&format!("attachment-{id}"))} " " <strong class=tag_class>{tag}</strong>
            </h2>
            <p class="pt-body" id=format!("{id}-why")>{t(&why)}</p>
            {list}
            {upload}
        </section>
    }
    .into_any()
}

/// The uploads' words for scripts, on a draft's own attachments page.
pub fn upload_script() -> Option<UploadScript> {
    let (view, _) = application()?;
    let here = request_path()? == format!("{}/attachments", view.base);
    let name = [("name", "%NAME%")];
    (here && view.state.is_editable() && !view.preview).then(|| UploadScript {
        uploading: t_args("attachments-uploading", &name),
        done: t_args("attachments-upload-done", &name),
        failed: t_args("attachments-upload-failed", &name),
        broken: t("attachments-upload-broken"),
        file_limit_bytes: view.file_limit_bytes,
    })
}

#[component]
pub fn AttachmentsPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let state = form_state();
    // The limits, for the page and for an error that names one.
    let (file, total) = (megabytes(view.file_limit_bytes), megabytes(view.application_limit_bytes));
    let limit_args = [("file", file.as_str()), ("total", total.as_str())];
    let errors = state.field_errors_with(&limit_args);
    let has_errors = !errors.is_empty();
    let needed = derive::attachments(def, &view.answers, view.today);
    let limits = t_args("attachments-limits", &limit_args);
    let requirements = needed
        .iter()
        .map(|id| {
            let error = state.error_with(&format!("file-{id}"), &limit_args);
            let why = derive::attachment_reason(def, &view.answers, view.today, id);
            view! { <Requirement view=view.clone() id=*id why=why error=error/> }
        })
        .collect_view();
    let unneeded: Vec<AttachedFile> =
        view.files.iter().filter(|file| !needed.contains(&file.requirement.as_str())).cloned().collect();
    let unneeded = (!unneeded.is_empty()).then(|| {
        let rows = unneeded.into_iter().map(|file| view! { <FileRow view=view.clone() file=file/> }).collect_view();
        view! {
            <section aria-labelledby="not-needed-title">
                <h2 class="pt-heading-m" id="not-needed-title">{t("attachments-not-needed-title")}</h2>
                <p class="pt-body">{t("attachments-not-needed-body")}</p>
                <ul class="pt-attachment-list">{rows}</ul>
            </section>
        }
        .into_any()
    });
    let preview = view.preview.then(|| view! { <p class="pt-inset-text">{t("attachments-preview-note")}</p> });
    let back = view.base.clone();
    view! {
        <ApplicationFrame view=view.clone() title=t("attachments-title") has_errors back=back.clone()>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                <h1 class="pt-heading-xl">{t("attachments-title")}</h1>
                <p class="pt-body">{t("attachments-lead")}</p>
                <p class="pt-body" id="attachment-limits">{limits}</p>
                {preview}
                {requirements}
                {unneeded}
                <p class="pt-body"><a class="pt-button" href=back>{t("attachments-done")}</a></p>
            </div>
        </div>
        </ApplicationFrame>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_whole_megabytes() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20");
        assert_eq!(megabytes(1536 * 1024), "1.5");
        assert_eq!(megabytes(100 * 1024 * 1024), "100");
    }
}
