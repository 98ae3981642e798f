//! The application pages' forms and data. An applicant's draft lives in the database; a staff
//! preview keeps its answers in the session, so nothing is stored, paid or forwarded.
//!
//! Every step posts to its own address, is checked and saved, and redirects (to the next step,
//! back to the task list, or back to itself with the problems), so the forms work without
//! JavaScript. The server enforces the state: nothing changes after the declaration, and the
//! declaration needs every step that applies.

use super::drafts::{self, Draft, State};
use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::catalogue;
use crate::forms::definition::FormDef;
use crate::forms::validate::{check_step, field_name, Submitted};
use crate::page_data::{ApplicationSummary, ApplicationView, KeptStep, MyApplications};
use crate::server::accounts::web::Ctx;
use crate::server::error_page::{error_response, ErrorKind};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use rand::Rng;

/// Today in Finland's calendar (the server's clock, UTC; the date is what matters here).
pub fn today() -> Date {
    Date::from_unix_seconds(drafts::now())
}

fn display_date(unix_seconds: i64) -> String {
    Date::from_unix_seconds(unix_seconds).display()
}

/// Where an application is kept.
enum Store {
    Draft(Draft),
    Preview(&'static str),
}

/// An application loaded for a request.
struct Loaded {
    def: &'static FormDef,
    answers: Answers,
    base: String,
    store: Store,
}

impl Loaded {
    fn editable(&self) -> bool {
        match &self.store {
            Store::Draft(draft) => draft.state == State::Draft,
            Store::Preview(_) => true,
        }
    }

    fn view(&self, step: Option<&str>, kept: Option<KeptStep>) -> ApplicationView {
        let (state, expires_on, reference) = match &self.store {
            Store::Draft(draft) => (
                draft.state.as_str().to_string(),
                (draft.state == State::Draft).then(|| display_date(draft.expires_at)),
                draft.reference.clone(),
            ),
            Store::Preview(_) => ("draft".to_string(), None, None),
        };
        ApplicationView {
            base: self.base.clone(),
            preview: matches!(self.store, Store::Preview(_)),
            kind: self.def.kind.to_string(),
            state,
            expires_on,
            reference,
            answers: self.answers.clone(),
            today: today(),
            step: step.map(str::to_string),
            kept,
        }
    }
}

fn preview_key(kind: &str) -> String {
    format!("preview.{kind}")
}

fn kept_key(base: &str, step: &str) -> String {
    format!("kept.{base}.{step}")
}

/// The application at `/applications/{id}` of the signed-in user, or the preview at
/// `/staff/preview/{kind}` (the access table lets only staff there).
async fn load(ctx: &Ctx, area: &str, key: &str) -> anyhow::Result<Option<Loaded>> {
    match area {
        "applications" => {
            let Some(user) = &ctx.user else { return Ok(None) };
            let Some(draft) = drafts::find(&ctx.state.db, user.id, key).await? else { return Ok(None) };
            let Some(def) = catalogue::form(&draft.kind) else { return Ok(None) };
            Ok(Some(Loaded {
                def,
                answers: draft.answers.clone(),
                base: format!("/applications/{}", draft.public_id),
                store: Store::Draft(draft),
            }))
        }
        "preview" => {
            let Some(def) = catalogue::form(key) else { return Ok(None) };
            let answers = ctx.session.get::<Answers>(&preview_key(def.kind)).await?.unwrap_or_default();
            Ok(Some(Loaded {
                def,
                answers,
                base: format!("/staff/preview/{}", def.kind),
                store: Store::Preview(def.kind),
            }))
        }
        _ => Ok(None),
    }
}

async fn store(ctx: &Ctx, loaded: &Loaded, answers: &Answers) -> anyhow::Result<bool> {
    match &loaded.store {
        Store::Draft(draft) => drafts::save(&ctx.state.db, draft, answers).await,
        Store::Preview(kind) => {
            ctx.session.insert(&preview_key(kind), answers).await?;
            Ok(true)
        }
    }
}

/// The page data of the application pages: the applicant's list, or one application.
pub async fn page_data(ctx: &Ctx, path: &str, extensions: &mut http::Extensions) -> anyhow::Result<()> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (area, key, rest) = match segments.as_slice() {
        ["applications"] => {
            if let Some(user) = &ctx.user {
                let items = drafts::list(&ctx.state.db, user.id).await?.into_iter().map(summary).collect();
                extensions.insert(MyApplications { items });
            }
            return Ok(());
        }
        ["applications", id, rest @ ..] => ("applications", *id, rest),
        ["staff", "preview", kind, rest @ ..] => ("preview", *kind, rest),
        _ => return Ok(()),
    };
    let Some(loaded) = load(ctx, area, key).await? else { return Ok(()) };
    let (step, kept) = match rest {
        ["steps", step] => (Some(*step), ctx.take::<KeptStep>(&kept_key(&loaded.base, step)).await?),
        _ => (None, None),
    };
    extensions.insert(loaded.view(step, kept));
    Ok(())
}

fn summary(draft: Draft) -> ApplicationSummary {
    ApplicationSummary {
        base: format!("/applications/{}", draft.public_id),
        kind: draft.kind,
        state: draft.state.as_str().to_string(),
        updated_on: display_date(draft.updated_at),
        expires_on: display_date(draft.expires_at),
        reference: draft.reference,
    }
}

fn not_found(ctx: &Ctx) -> Response {
    error_response(&ctx.state, ctx.lang, ErrorKind::NotFound)
}

/// `POST /apply/{kind}`: starts a draft and opens its first step.
pub async fn start(ctx: Ctx, Path(kind): Path<String>) -> Response {
    let result = async {
        let user = ctx.signed_in()?;
        let Some(def) = catalogue::form(&kind) else { return Ok(not_found(&ctx)) };
        let public_id = drafts::create(&ctx.state.db, user.id, def).await?;
        let first = def.steps().next().map(|(_, step)| step.id).expect("a form has steps");
        Ok(Redirect::to(&format!("/applications/{public_id}/steps/{first}")).into_response())
    };
    ctx.finish(result.await)
}

/// `POST /staff/preview/{kind}/restart`: forgets the preview's answers.
pub async fn restart_preview(ctx: Ctx, Path(kind): Path<String>) -> Response {
    let result = async {
        let Some(def) = catalogue::form(&kind) else { return Ok(not_found(&ctx)) };
        ctx.session.remove::<Answers>(&preview_key(def.kind)).await?;
        let first = def.steps().next().map(|(_, step)| step.id).expect("a form has steps");
        Ok(Redirect::to(&format!("/staff/preview/{kind}/steps/{first}")).into_response())
    };
    ctx.finish(result.await)
}

/// Runs a change to a draft again when another request saved the draft between this one
/// reading and writing it (the applicant has two tabs open): the change then applies to the
/// newer answers, and neither request loses what it saved. Requests that clashed wait a
/// random, growing moment before trying again, so that they do not clash again in step.
async fn again_if_changed<F, Fut>(mut change: F) -> anyhow::Result<Response>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Response>>,
{
    const TRIES: u32 = 8;
    for attempt in 1..TRIES {
        match change().await {
            Err(error) if error.is::<drafts::Changed>() => {
                let most = 1u64 << attempt.min(6);
                let wait = rand::rng().random_range(0..=most);
                tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            }
            done => return done,
        }
    }
    change().await
}

/// `POST /applications/{id}/steps/{step}`.
pub async fn save_step(
    ctx: Ctx,
    Path((id, step)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let result = again_if_changed(|| handle_step(&ctx, "applications", &id, &step, pairs.clone()));
    ctx.finish(result.await)
}

/// `POST /staff/preview/{kind}/steps/{step}`.
pub async fn save_preview_step(
    ctx: Ctx,
    Path((kind, step)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let result = again_if_changed(|| handle_step(&ctx, "preview", &kind, &step, pairs.clone()));
    ctx.finish(result.await)
}

/// The form's controls that are not answers.
const ACTION: &str = "action";
const RETURN: &str = "return";
const REMOVE: &str = "remove";

async fn handle_step(
    ctx: &Ctx,
    area: &str,
    key: &str,
    step_id: &str,
    pairs: Vec<(String, String)>,
) -> anyhow::Result<Response> {
    let Some(loaded) = load(ctx, area, key).await? else { return Ok(not_found(ctx)) };
    let today = today();
    let Some((_, step)) = loaded.def.step(step_id).filter(|(_, step)| !step.exit) else { return Ok(not_found(ctx)) };
    let overview = loaded.base.clone();
    if !loaded.editable() {
        return ctx.inform(&overview, "application-locked").await;
    }
    if !loaded.answers.applies(step, today) {
        return Ok(Redirect::to(&overview).into_response());
    }
    let value = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let action = value(ACTION).unwrap_or_default();
    let back_to_check = value(RETURN).as_deref() == Some("check");
    let remove = value(REMOVE).and_then(|i| i.parse::<usize>().ok());
    let submitted =
        Submitted(pairs.into_iter().filter(|(n, _)| ![ACTION, RETURN, REMOVE].contains(&n.as_str())).collect());
    let here = format!("{}/steps/{}", loaded.base, step.id);
    let here_again = if back_to_check { format!("{here}?return=check") } else { here.clone() };

    // Adding or removing an item of a repeating step only changes the form shown.
    if let Some(max) = step.repeat {
        let items = submitted.item_count().max(1);
        let kept = match (action.as_str(), remove) {
            ("add", _) => Some(KeptStep {
                step: step.id.into(),
                typed: submitted.clone(),
                problems: Vec::new(),
                items: (items + 1).min(max.into()),
            }),
            (_, Some(index)) => Some(KeptStep {
                step: step.id.into(),
                typed: without_item(&submitted, step.questions.iter().map(|q| q.id), index),
                problems: Vec::new(),
                items: items.saturating_sub(1).max(1),
            }),
            _ => None,
        };
        if let Some(kept) = kept {
            ctx.session.insert(&kept_key(&loaded.base, step.id), kept).await?;
            return Ok(Redirect::to(&here_again).into_response());
        }
    }

    let checked = check_step(step, &submitted, &loaded.answers, today);
    let mut answers = loaded.answers.clone();
    for question in step.questions {
        answers.values.remove(question.id);
    }
    if step.repeat.is_some() {
        answers.items.insert(step.id.to_string(), checked.items.clone());
    } else {
        answers.values.extend(checked.values.clone());
    }
    let complete = checked.problems.is_empty();
    if complete {
        answers.done.insert(step.id.to_string());
    } else {
        answers.done.remove(step.id);
    }
    let later = action == "later";
    // A step with problems keeps what passed only when the user chose to come back later.
    if (complete || later) && !store(ctx, &loaded, &answers).await? {
        return ctx.inform(&overview, "application-locked").await;
    }
    if later {
        return ctx.done(&overview, "application-saved").await;
    }
    if !complete {
        let items = submitted.item_count().max(1);
        let kept = KeptStep { step: step.id.into(), typed: submitted, problems: checked.problems, items };
        ctx.session.insert(&kept_key(&loaded.base, step.id), kept).await?;
        return Ok(Redirect::to(&here_again).into_response());
    }
    let next = match answers.next_after(loaded.def, step.id, today) {
        Some(next) if next.exit => format!("{}/steps/{}", loaded.base, next.id),
        _ if back_to_check => format!("{}/check", loaded.base),
        Some(next) => format!("{}/steps/{}", loaded.base, next.id),
        None => overview,
    };
    Ok(Redirect::to(&next).into_response())
}

/// The typed values without item `index` of a repeating step; later items move up one.
fn without_item<'a>(
    submitted: &Submitted,
    questions: impl Iterator<Item = &'a str> + Clone,
    index: usize,
) -> Submitted {
    let renamed = submitted.0.iter().filter_map(|(name, value)| {
        for question in questions.clone() {
            let prefix = format!("{question}--");
            if let Some(rest) = name.strip_prefix(&prefix) {
                let (number, suffix) = rest.split_once('-').map_or((rest, ""), |(n, s)| (n, s));
                let Ok(item) = number.parse::<usize>() else { continue };
                let suffix = if suffix.is_empty() { String::new() } else { format!("-{suffix}") };
                return match item.cmp(&index) {
                    std::cmp::Ordering::Less => Some((name.clone(), value.clone())),
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Greater => {
                        Some((format!("{}{suffix}", field_name(question, Some(item - 1))), value.clone()))
                    }
                };
            }
        }
        Some((name.clone(), value.clone()))
    });
    Submitted(renamed.collect())
}

/// `POST /applications/{id}/declaration`: with the box ticked and every step done, the
/// application is ready to pay and gets its reference.
pub async fn declare(ctx: Ctx, Path(id): Path<String>, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let result = again_if_changed(|| handle_declaration(&ctx, "applications", &id, pairs.clone()));
    ctx.finish(result.await)
}

/// `POST /staff/preview/{kind}/declaration`: the same checks; nothing is stored.
pub async fn declare_preview(ctx: Ctx, Path(kind): Path<String>, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let result = again_if_changed(|| handle_declaration(&ctx, "preview", &kind, pairs.clone()));
    ctx.finish(result.await)
}

async fn handle_declaration(
    ctx: &Ctx,
    area: &str,
    key: &str,
    pairs: Vec<(String, String)>,
) -> anyhow::Result<Response> {
    let Some(loaded) = load(ctx, area, key).await? else { return Ok(not_found(ctx)) };
    let declaration = format!("{}/declaration", loaded.base);
    if !loaded.editable() {
        return ctx.inform(&loaded.base, "application-locked").await;
    }
    if !loaded.answers.is_complete(loaded.def, today()) {
        return ctx.inform(&loaded.base, "application-incomplete").await;
    }
    if !pairs.iter().any(|(name, value)| name == "confirm" && value == "yes") {
        return ctx.refuse(&declaration, &[], "confirm", "declaration-missing").await;
    }
    match &loaded.store {
        Store::Draft(draft) => {
            if drafts::declare(&ctx.state.db, draft).await?.is_none() {
                return ctx.inform(&loaded.base, "application-locked").await;
            }
        }
        Store::Preview(_) => {}
    }
    Ok(Redirect::to(&format!("{}/payment", loaded.base)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_an_item_moves_the_later_ones_up() {
        let typed = Submitted(
            [("a--0", "x"), ("a--1", "y"), ("b--1-day", "5"), ("a--2", "z"), ("b--2-day", "6"), ("other", "k")]
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        );
        let left = without_item(&typed, ["a", "b"].into_iter(), 1);
        let pairs: Vec<(&str, &str)> = left.0.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("a--0", "x"), ("a--1", "z"), ("b--1-day", "6"), ("other", "k")]);
    }
}
