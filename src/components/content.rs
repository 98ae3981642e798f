//! Content components: summary list, task list, banners, back link, tags.

use crate::i18n::t;
use leptos::prelude::*;

/// One row of a summary list: a question, the answer, and where to change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: String,
    pub value: String,
    /// The page where the answer can be changed; `None` for answers that cannot be changed.
    pub change_href: Option<String>,
}

/// Questions and answers as a description list, as on a check-your-answers page. Each
/// "Change" link says which answer it changes to screen readers ("Change" + the key).
#[component]
pub fn SummaryList(rows: Vec<SummaryRow>) -> impl IntoView {
    let change = t("summary-change");
    let rows = rows
        .into_iter()
        .map(|row| {
            let action = row.change_href.map(|href| {
                view! {
                    <dd class="pt-summary-list__actions">
                        <a class="pt-link" href=href>
                            {change.clone()}
                            <span class="pt-visually-hidden">" " {row.key.clone()}</span>
                        </a>
                    </dd>
                }
            });
            view! {
                <div class="pt-summary-list__row">
                    <dt class="pt-summary-list__key">{row.key}</dt>
                    <dd class="pt-summary-list__value">{row.value}</dd>
                    {action}
                </div>
            }
        })
        .collect_view();
    view! { <dl class="pt-summary-list">{rows}</dl> }
}

/// Where a task of a task list stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Completed,
    /// Depends on another task that is not done yet.
    CannotStartYet,
}

impl TaskStatus {
    fn message_id(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "task-status-not-started",
            TaskStatus::InProgress => "task-status-in-progress",
            TaskStatus::Completed => "task-status-completed",
            TaskStatus::CannotStartYet => "task-status-cannot-start",
        }
    }
}

/// One task of a task list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub title: String,
    /// Where the task is done; `None` while it cannot be started.
    pub href: Option<String>,
    pub hint: Option<String>,
    pub status: TaskStatus,
}

/// The sections of an application and how far each is. Statuses are text, not colour alone;
/// the link to a task is described by its status.
#[component]
pub fn TaskList(#[prop(into)] id: String, tasks: Vec<Task>) -> impl IntoView {
    let items = tasks
        .into_iter()
        .enumerate()
        .map(|(index, task)| {
            let status_id = format!("{id}-{}-status", index + 1);
            let hint_id = format!("{id}-{}-hint", index + 1);
            let described = match task.hint {
                Some(_) => format!("{hint_id} {status_id}"),
                None => status_id.clone(),
            };
            let status_text = t(task.status.message_id());
            let status = match task.status {
                TaskStatus::Completed => view! { {status_text} }.into_any(),
                TaskStatus::CannotStartYet => {
                    view! { <span class="pt-task-list__status--cannot-start">{status_text}</span> }.into_any()
                }
                TaskStatus::InProgress => {
                    view! { <strong class="pt-tag pt-tag--light-blue">{status_text}</strong> }.into_any()
                }
                TaskStatus::NotStarted => {
                    view! { <strong class="pt-tag pt-tag--blue">{status_text}</strong> }.into_any()
                }
            };
            let item_class = if task.href.is_some() {
                "pt-task-list__item pt-task-list__item--with-link"
            } else {
                "pt-task-list__item"
            };
            let name = match task.href {
                Some(href) => view! {
                    <a class="pt-link pt-task-list__link" href=href aria-describedby=described>{task.title}</a>
                }
                .into_any(),
                None => view! { <span>{task.title}</span> }.into_any(),
            };
            view! {
                <li class=item_class>
                    <div class="pt-task-list__name-and-hint">
                        {name}
                        {task.hint.map(|hint| view! { <div id=hint_id class="pt-task-list__hint">{hint}</div> })}
                    </div>
                    <div class="pt-task-list__status" id=status_id>{status}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="pt-task-list">{items}</ul> }
}

/// A message for the whole page: "Important" information, or the success of what the user
/// just did (announced to screen readers at once).
#[component]
pub fn NotificationBanner(
    #[prop(optional)] success: bool,
    #[prop(into, default = "notification-banner".to_string())] id: String,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let (class, role, title) = if success {
        ("pt-notification-banner pt-notification-banner--success", "alert", t("banner-success"))
    } else {
        ("pt-notification-banner", "region", t("banner-important"))
    };
    let labelled_by = title_id.clone();
    view! {
        <div class=class role=role aria-labelledby=labelled_by id=id>
            <div class="pt-notification-banner__header">
                <h2 class="pt-notification-banner__title" id=title_id>{title}</h2>
            </div>
            <div class="pt-notification-banner__content">{children()}</div>
        </div>
    }
}

/// A link back to the previous step of a journey.
#[component]
pub fn BackLink(#[prop(into)] href: String) -> impl IntoView {
    view! { <a href=href class="pt-back-link">{t("back")}</a> }
}

/// Tells users how far the service is from being finished; on a development instance that
/// others can reach, that it is not the real service.
#[component]
pub fn PhaseBanner() -> impl IntoView {
    let site = use_context::<crate::pages::SiteInfo>();
    let exposed = site.as_ref().is_some_and(|site| site.exposed_development);
    // Reached at an address that is not the service's: said first, in words, with the real one.
    let foreign = use_context::<crate::pages::ForeignHost>().map(|_| {
        let official = site.as_ref().map(|site| site.official_host().to_string()).unwrap_or_default();
        view! {
            <p class="pt-phase-banner__content pt-phase-banner__warning" id="foreign-host">
                <strong>{crate::i18n::t_args("foreign-host-warning", &[("address", &official)])}</strong>
            </p>
        }
    });
    view! {
        <div class="pt-phase-banner">
            <p class="pt-phase-banner__content">
                <strong class="pt-tag pt-phase-banner__tag">{t("phase-tag")}</strong>
                <span class="pt-phase-banner__text">{t("phase-text")}</span>
            </p>
            {foreign}
            {exposed.then(|| view! { <p class="pt-phase-banner__content pt-phase-banner__warning" id="development-instance"><strong>{t("phase-development-instance")}</strong></p> })}
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::components::test_support::render;

    #[test]
    fn change_links_say_what_they_change() {
        let rows = vec![
            SummaryRow { key: "Name".into(), value: "Maria".into(), change_href: Some("/step/1".into()) },
            SummaryRow { key: "Reference".into(), value: "ABC".into(), change_href: None },
        ];
        let html = render(move || view! { <SummaryList rows=rows/> });
        assert!(html.contains(r#"href="/step/1""#), "{html}");
        assert!(html.contains(r#"Change<span class="pt-visually-hidden"> Name</span></a>"#), "{html}");
        assert_eq!(html.matches("pt-summary-list__actions").count(), 1, "{html}");
    }

    #[test]
    fn tasks_are_described_by_their_status_in_words() {
        let tasks = vec![
            Task {
                title: "Personal details".into(),
                href: Some("/a".into()),
                hint: Some("Names".into()),
                status: TaskStatus::Completed,
            },
            Task { title: "Payment".into(), href: None, hint: None, status: TaskStatus::CannotStartYet },
        ];
        let html = render(move || view! { <TaskList id="tasks" tasks=tasks/> });
        assert!(html.contains(r#"aria-describedby="tasks-1-hint tasks-1-status""#), "{html}");
        assert!(html.contains(r#"id="tasks-1-status" class="pt-task-list__status">Completed<"#), "{html}");
        assert!(html.contains("Cannot start yet") && !html.contains(r#"href="None""#), "{html}");
    }

    #[test]
    fn a_success_banner_is_announced_and_labelled_by_its_title() {
        let html = render(|| view! { <NotificationBanner success=true id="saved"><p>"Saved"</p></NotificationBanner> });
        assert!(html.contains(r#"role="alert" aria-labelledby="saved-title""#), "{html}");
        assert!(html.contains(r#"<h2 id="saved-title""#) && html.contains(">Success</h2>"), "{html}");
    }
}
