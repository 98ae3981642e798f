//! Running text made of translated messages: headings, paragraphs and bulleted lists.

use crate::i18n::t;
use leptos::prelude::*;

/// One block of a text page; each names its Fluent message(s).
#[derive(Clone, Copy, Debug)]
pub enum Block {
    Heading(&'static str),
    Para(&'static str),
    List(&'static [&'static str]),
}

#[component]
pub fn Prose(blocks: &'static [Block]) -> impl IntoView {
    blocks
        .iter()
        .map(|block| match *block {
            Block::Heading(id) => view! { <h2 class="pt-heading-m">{t(id)}</h2> }.into_any(),
            Block::Para(id) => view! { <p class="pt-body">{t(id)}</p> }.into_any(),
            Block::List(ids) => {
                let items = ids.iter().map(|id| view! { <li>{t(id)}</li> }).collect_view();
                view! { <ul class="pt-list pt-list--bullet">{items}</ul> }.into_any()
            }
        })
        .collect_view()
}
