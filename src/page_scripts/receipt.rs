//! What scripts add to the sent page while the immigration service has not yet confirmed
//! receipt: the page asks the server again now and then and puts the new status in place, so
//! the applicant sees "received" without reloading (B25). Without scripts the page has a link
//! that asks again. The request is the page's own, the same the link makes.

use super::ReceiptWatch;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;
use web_sys::{Document, DomParser, Event, SupportedType, XmlHttpRequest};

/// The parts of the page that change on receipt, by id; the first says the status (and is a
/// live region, so the change is announced).
const CHANGING: [&str; 3] = ["sent-status", "sent-timeline", "sent-check-again"];

/// Asks again in `watch.every_seconds`, at most `watch.times` times.
pub fn watch(watch: ReceiptWatch) {
    if watch.times == 0 {
        return;
    }
    let every = Duration::from_secs(u64::from(watch.every_seconds));
    leptos::prelude::set_timeout(move || ask(watch), every);
}

/// One request for the page; its answer puts the new status in place, or asks again later.
fn ask(watch: ReceiptWatch) {
    let Ok(request) = XmlHttpRequest::new() else { return };
    let page = watch.page.clone();
    let on_end = {
        let request = request.clone();
        Closure::once(move |_: Event| {
            let page = (request.status() == Ok(200))
                .then(|| request.response_text().ok().flatten())
                .flatten()
                .and_then(|html| DomParser::new().ok()?.parse_from_string(&html, SupportedType::TextHtml).ok());
            match page {
                // Not the sent page (the session ended: the login page): nothing changes here,
                // and the page's own link asks again after logging in.
                Some(page) if page.get_element_by_id("sent-status").is_none() => {}
                Some(page) if page.get_element_by_id("sent-check-again").is_none() => {
                    update(&leptos::prelude::document(), &page)
                }
                _ => self::watch(ReceiptWatch { times: watch.times - 1, ..watch }),
            }
        })
    };
    request.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    // A request that cannot even be made ends the watch: the page's link still asks again.
    let _ = request.open("GET", &page).and_then(|_| request.send());
}

/// Each changing part of `page` in place of this document's; a part `page` no longer has goes.
fn update(document: &Document, page: &Document) {
    for id in CHANGING {
        let Some(old) = document.get_element_by_id(id) else { continue };
        match page.get_element_by_id(id) {
            // Only the text changes: the live region stays the same element, so it is announced.
            Some(new) if old.inner_html() != new.inner_html() => old.set_inner_html(&new.inner_html()),
            Some(_) => {}
            None => old.remove(),
        }
    }
}
