//! The residence-time calculators, for citizenship and for the permanent residence permit:
//! open to everyone, working without scripts. What is typed is kept in the session (never in
//! the address: periods of residence are personal data) until the session ends; the answer
//! is reckoned on each showing, on the service's today.

use crate::domain::residence::Goal;
use crate::page_data::{residence, FormState, ResidenceCalculator, ResidenceEntries};
use crate::server::web::{Access, Answer, Ctx, Params, Route};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use axum::Form;

/// The calculator's page.
pub fn path(goal: Goal) -> &'static str {
    match goal {
        Goal::Citizenship => "/calculators/citizenship",
        Goal::Permanent => "/calculators/permanent",
    }
}

/// The session's key of what was typed into a calculator.
fn entries_key(goal: Goal) -> String {
    format!("residence.{}", goal.code())
}

pub fn routes() -> Vec<Route> {
    Goal::ALL
        .into_iter()
        .map(|goal| {
            Route::page(path(goal), Access::Anyone)
                .load(move |ctx, _: Params| calculator(ctx, goal))
                .form(post(move |ctx: Ctx, Form(fields): Form<Vec<(String, String)>>| calculate(ctx, goal, fields)))
        })
        .collect()
}

/// The page's data: what was typed, and its answer when it adds up.
async fn calculator(ctx: Ctx, goal: Goal) -> anyhow::Result<Option<ResidenceCalculator>> {
    let entries: ResidenceEntries = ctx.session.get(&entries_key(goal)).await?.unwrap_or_default();
    let answer = residence::answer(goal, &entries, ctx.state.clock.today());
    Ok(Some(ResidenceCalculator { goal: goal.code().to_string(), entries, answer }))
}

/// `POST /calculators/{goal}`: keeps what was typed; adds a row when asked (the page comes back
/// at it), or shows the answer, or says at each field what is wrong.
async fn calculate(ctx: Ctx, goal: Goal, fields: Vec<(String, String)>) -> Answer {
    let mut entries = ResidenceEntries::from_fields(&fields);
    let action = fields.iter().find(|(name, _)| name == "action").map(|(_, value)| value.as_str());
    let here = path(goal);
    let added = match action {
        Some("add-period") => Some(format!("period-{}", entries.add_period())),
        Some("add-trip") => Some(format!("trip-{}", entries.add_trip())),
        _ => None,
    };
    let problems = entries.parse().err();
    ctx.session.insert(&entries_key(goal), &entries).await?;
    if let Some(row) = added {
        return Ok(Redirect::to(&format!("{here}#{row}")).into_response());
    }
    match problems {
        Some(problems) => {
            let errors: Vec<(&str, &str)> = problems.iter().map(|(field, id)| (field.as_str(), *id)).collect();
            ctx.back_to_form(here, FormState::refused(&[], &errors)).await
        }
        None => Ok(Redirect::to(&format!("{here}#answer")).into_response()),
    }
}
