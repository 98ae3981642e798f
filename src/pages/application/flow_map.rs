//! The flow map of a form: every step, question and condition, and what each branch
//! requires, in any of the form's versions, to review a change before it goes live.

use super::NoSuchApplication;
use crate::components::{BackLink, Button, ButtonKind};
use crate::forms::catalogue::use_catalogue;
use crate::forms::display;
use crate::i18n::{t, t_args, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/forms/{kind}`: every step, question and condition of a form, and what each branch
/// requires, to review a change before it goes live.
#[component]
pub fn FlowMapPage() -> impl IntoView {
    let kind = leptos_router::hooks::use_params_map().get_untracked().get("kind").unwrap_or_default();
    let asked = leptos_router::hooks::use_query_map().get_untracked().get("version").and_then(|v| v.parse().ok());
    let catalogue = use_catalogue();
    let def = match asked {
        Some(version) => catalogue.form(&kind, version),
        None => catalogue.latest(&kind),
    };
    let Some(def) = def else { return view! { <NoSuchApplication/> }.into_any() };
    let lang = use_lang();
    let others = catalogue
        .versions(def.kind)
        .filter(|other| other.version != def.version)
        .map(|other| {
            let href = format!("/staff/forms/{}?version={}", other.kind, other.version);
            view! { <li><a class="pt-link" href=href>{t_args("flow-version", &[("version", &other.version.to_string())])}</a></li> }
        })
        .collect::<Vec<_>>();
    let others = (!others.is_empty()).then(|| {
        view! {
            <h2 class="pt-heading-m">{t("flow-other-versions")}</h2>
            <ul class="pt-list">{others}</ul>
        }
    });
    let restart = format!("/staff/preview/{}/restart", def.kind);
    let version = def.version.to_string();
    let title = t(&format!("form-{}-title", def.kind));
    let sections = def
        .sections
        .iter()
        .map(|section| {
            let steps = section
                .steps
                .iter()
                .map(|step| {
                    let when = display::condition(def, &step.when, lang);
                    let questions = step
                        .questions
                        .iter()
                        .map(|q| {
                            let required = t(if q.required { "flow-required" } else { "flow-optional" });
                            let when = (q.when != crate::forms::definition::Cond::Always)
                                .then(|| format!(" — {}: {}", t("flow-asked-when"), display::condition(def, &q.when, lang)));
                            view! {
                                <li>
                                    {display::label(q.id, lang)} " " <code>{q.id}</code> " (" {required} ")" {when}
                                </li>
                            }
                        })
                        .collect_view();
                    let kind_text = if step.exit {
                        t("flow-exit")
                    } else if step.repeat.is_some() {
                        t("flow-repeating")
                    } else {
                        String::new()
                    };
                    view! {
                        <h4 class="pt-heading-s">{t(&format!("step-{}", step.id))} " " <span class="pt-hint">{kind_text}</span></h4>
                        <p class="pt-body">{t("flow-asked-when")} ": " {when}</p>
                        <ul class="pt-list pt-list--bullet">{questions}</ul>
                    }
                })
                .collect_view();
            view! {
                <h3 class="pt-heading-m">{t(&format!("section-{}", section.id))}</h3>
                {steps}
            }
        })
        .collect_view();
    let rules = |rules: &'static [crate::forms::definition::Rule], prefix: &'static str| {
        rules
            .iter()
            .map(|rule| {
                view! { <li>{t(&format!("{prefix}-{}", rule.id))} ": " {display::condition(def, &rule.when, lang)}</li> }
            })
            .collect_view()
    };
    view! {
        <Title text=format!("{} – {title}", t("flow-title"))/>
        <BackLink href="/staff/preview"/>
        <span class="pt-caption-l">{t("flow-title")}</span>
        <h1 class="pt-heading-xl">{title}</h1>
        <p class="pt-body">{t_args("flow-version", &[("version", &version)])}</p>
        <form method="post" action=restart>
            <input type="hidden" name="version" value=version.clone()/>
            <Button text=t_args("flow-preview-version", &[("version", &version)]) kind=ButtonKind::Secondary/>
        </form>
        {others}
        <h2 class="pt-heading-l">{t("flow-steps")}</h2>
        {sections}
        <h2 class="pt-heading-l">{t("attachments-title")}</h2>
        <ul class="pt-list pt-list--bullet">{rules(def.attachments, "attachment")}</ul>
        <h2 class="pt-heading-l">{t("flow-fees")}</h2>
        <ul class="pt-list pt-list--bullet">{rules(def.fees, "fee")}</ul>
    }
    .into_any()
}
