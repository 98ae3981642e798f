//! What scripts add to the attachments page: the files chosen in an upload or replace form (one
//! or several at once) are sent one request each, with a progress bar and an outcome per file,
//! and the page's content is then replaced with the page the server answered, without a
//! reload. The requests are the form's own posts, so the server checks them as it checks a form
//! sent without scripts, and words every outcome; this only shows them. Without scripts the
//! form posts as usual and the server redirects back.

use super::{UploadScript, TOO_LARGE_FIELD};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{
    Document, DomParser, Element, Event, File, FormData, HtmlElement, HtmlFormElement, HtmlInputElement,
    HtmlProgressElement, ProgressEvent, SupportedType, XmlHttpRequest,
};

/// One form's files on their way: sent in turn, each with its row in the progress list.
struct Batch {
    script: Rc<UploadScript>,
    form: HtmlFormElement,
    /// The `aria-labelledby` of the form's section, to find it again in the new page.
    section: Option<String>,
    files: Vec<File>,
    list: Element,
    rows: Vec<Row>,
    /// The page the server answered last.
    last_page: RefCell<Option<Document>>,
}

/// A file's row: its bar and what became of it.
struct Row {
    bar: HtmlProgressElement,
    status: Element,
}

/// Attaches the uploads to every upload form, including those of the content that replaces the
/// page after an upload (the listener is the document's).
pub fn enhance(script: UploadScript) {
    let document = leptos::prelude::document();
    let script = Rc::new(script);
    let on_submit = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        if !form.has_attribute("data-upload") {
            return;
        }
        let input = form.query_selector("input[type=file]").ok().flatten();
        let Some(chosen) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()).and_then(|i| i.files()) else {
            return;
        };
        // Nothing chosen: the form goes as it is, and the server asks for a file.
        if chosen.length() == 0 {
            return;
        }
        event.prevent_default();
        let files = (0..chosen.length()).filter_map(|i| chosen.item(i)).collect();
        if let Some(batch) = Batch::start(script.clone(), &form, files) {
            send(Rc::new(batch), 0);
        }
    });
    let _ = document.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

/// `template` with the file's name in place of `%NAME%`.
fn named(template: &str, file: &File) -> String {
    template.replace("%NAME%", &file.name())
}

impl Batch {
    /// The progress list after `form`, a row per file, and the form's buttons disabled until
    /// the new page comes.
    fn start(script: Rc<UploadScript>, form: &HtmlFormElement, files: Vec<File>) -> Option<Batch> {
        let document = form.owner_document()?;
        let list = document.create_element("ul").ok()?;
        list.set_class_name("pt-upload-progress");
        let _ = list.set_attribute("aria-live", "polite");
        let _ = list.set_attribute("tabindex", "-1");
        let mut rows = Vec::new();
        for file in &files {
            let item = document.create_element("li").ok()?;
            item.set_class_name("pt-upload-progress__file");
            let status = document.create_element("span").ok()?;
            status.set_class_name("pt-upload-progress__status");
            status.set_text_content(Some(&named(&script.uploading, file)));
            let bar = document.create_element("progress").ok()?.dyn_into::<HtmlProgressElement>().ok()?;
            bar.set_class_name("pt-upload-progress__bar");
            bar.set_max(100.0);
            bar.set_value(0.0);
            let _ = bar.set_attribute("aria-label", &named(&script.uploading, file));
            let _ = item.append_child(&status);
            let _ = item.append_child(&bar);
            let _ = list.append_child(&item);
            rows.push(Row { bar, status });
        }
        let _ = form.after_with_node_1(&list);
        set_buttons_disabled(form, true);
        let section = form.closest("section").ok().flatten().and_then(|s| s.get_attribute("aria-labelledby"));
        Some(Batch { script, form: form.clone(), section, files, list, rows, last_page: RefCell::new(None) })
    }

    /// Shows what became of file `index`: the server's page says, as it would without scripts.
    fn settle(&self, index: usize, request: &XmlHttpRequest) {
        let (row, file) = (&self.rows[index], &self.files[index]);
        let page = request.response_text().ok().flatten().and_then(|html| parse(&html));
        let problem = match (request.status().unwrap_or(0), &page) {
            (0, _) | (_, None) => Some(self.script.broken.clone()),
            (200, Some(page)) => error_text(page),
            // An error page ("too large", "too many tries"): its heading says what happened.
            (_, Some(page)) => Some(heading(page)),
        };
        row.bar.set_value(100.0);
        match problem {
            None => row.status.set_text_content(Some(&named(&self.script.done, file))),
            Some(problem) => {
                row.status.set_text_content(Some(&format!("{} {problem}", named(&self.script.failed, file))));
                let _ = row.status.class_list().add_1("pt-upload-progress__status--error");
            }
        }
        if let Some(page) = page.filter(|_| request.status() == Ok(200)) {
            *self.last_page.borrow_mut() = Some(page);
        }
    }

    /// Puts the last attachments page the server answered in place of this one's content, with
    /// the progress list kept in the form's section, and moves the focus to what to read next.
    fn finish(&self) {
        let document = leptos::prelude::document();
        if let Some(page) = self.last_page.borrow_mut().take() {
            replace_main(&document, &page);
            document.set_title(&page.title());
            let section = self
                .section
                .as_ref()
                .and_then(|id| document.query_selector(&format!("section[aria-labelledby=\"{id}\"]")).ok().flatten());
            if let Some(section) = section {
                let files = section.query_selector(".pt-attachment-list").ok().flatten();
                let _ = match files {
                    Some(files) => files.after_with_node_1(&self.list),
                    None => section.append_child(&self.list).map(|_| ()),
                };
            }
        } else {
            // No page came (the connection broke): the form stays, to try again.
            set_buttons_disabled(&self.form, false);
        }
        let summary = document.query_selector(".pt-error-summary").ok().flatten();
        let target = summary.unwrap_or_else(|| self.list.clone());
        if let Some(target) = target.dyn_ref::<HtmlElement>() {
            let _ = target.focus();
        }
    }
}

/// Sends file `index` of `batch`, then the next; the last one finishes the batch.
fn send(batch: Rc<Batch>, index: usize) {
    if index == batch.files.len() {
        batch.finish();
        return;
    }
    let Ok(request) = XmlHttpRequest::new() else { return };
    let Ok(form) = FormData::new() else { return };
    let file = &batch.files[index];
    if file.size() > batch.script.file_limit_bytes as f64 {
        // Not worth sending: the server says it is too large, on the page, as without scripts.
        let _ = form.append_with_str(TOO_LARGE_FIELD, &file.name());
    } else {
        let _ = form.append_with_blob_and_filename("file", file, &file.name());
    }
    let on_progress = {
        let batch = batch.clone();
        Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                // The last percent is the server's checks, shown when it answers.
                batch.rows[index].bar.set_value((event.loaded() / event.total() * 99.0).floor());
            }
        })
    };
    let on_end = {
        let (batch, request) = (batch.clone(), request.clone());
        Closure::<dyn Fn(Event)>::new(move |_: Event| {
            batch.settle(index, &request);
            send(batch.clone(), index + 1);
        })
    };
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    request.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    // Each request's handlers live until it ends; a page has a few uploads.
    on_progress.forget();
    on_end.forget();
    if request.open("POST", &batch.form.action()).is_err() || request.send_with_opt_form_data(Some(&form)).is_err() {
        batch.settle(index, &request);
        send(batch, index + 1);
    }
}

fn set_buttons_disabled(form: &HtmlFormElement, disabled: bool) {
    let Ok(buttons) = form.query_selector_all("button") else { return };
    for button in (0..buttons.length()).filter_map(|i| buttons.item(i)?.dyn_into::<Element>().ok()) {
        let _ = if disabled { button.set_attribute("disabled", "") } else { button.remove_attribute("disabled") };
    }
}

fn parse(html: &str) -> Option<Document> {
    DomParser::new().ok()?.parse_from_string(html, SupportedType::TextHtml).ok()
}

/// The error the server put on the page, without its "Error:" prefix for screen readers.
fn error_text(page: &Document) -> Option<String> {
    let error = page.query_selector(".pt-error-message").ok()??;
    Some(super::step::message_text(&error).trim().to_string())
}

fn heading(page: &Document) -> String {
    page.query_selector("h1").ok().flatten().and_then(|h| h.text_content()).unwrap_or_default()
}

/// The main content of `page` in place of this page's, but for the island, which stays.
fn replace_main(document: &Document, page: &Document) {
    let (Some(main), Some(new)) = (document.get_element_by_id("main-content"), page.get_element_by_id("main-content"))
    else {
        return;
    };
    let is_island = |node: &Element| node.tag_name().eq_ignore_ascii_case("leptos-island");
    let old: Vec<Element> = children(&main).into_iter().filter(|child| !is_island(child)).collect();
    for child in old {
        child.remove();
    }
    for child in children(&new).into_iter().filter(|child| !is_island(child)) {
        if let Ok(adopted) = document.adopt_node(&child) {
            let _ = main.append_child(&adopted);
        }
    }
}

fn children(parent: &Element) -> Vec<Element> {
    let list = parent.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
