//! The built-in test server of Suomi.fi e-Authorizations' Web API, on the portal's own address
//! (`/test-mandates/…`), on by default in development and refused in production (see
//! `Config::mandates`). The portal's client ([`super::client::Valtuudet`]) talks to it as to
//! the real service: every call's checksum checked (±5 minutes), the OAuth code and token
//! each good once, the session ending after [`SESSION_SECONDS`]. Its authorisation page lists
//! the organisations its [`REGISTER`] gives the person, and lets the tester choose the answer:
//! allowed, disallowed, the session expired, or the service failing.

use super::protocol::{self, Authorization, OrganizationRole, Registered, Token};
use crate::server::AppState;
use axum::extract::{Path, Query, RawQuery, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

/// The client the test server knows, and its keys (derived from the portal's secret key).
#[derive(Clone, Debug)]
pub struct Keys {
    pub client_id: String,
    pub key: String,
    pub oauth_password: String,
}

/// How long a session lasts.
const SESSION_SECONDS: i64 = 30 * 60;

/// The basic register the test server answers from: a person (by identity code) and the
/// organisations they hold a role in. The demonstration employer is the first.
pub const REGISTER: &[Person] = &[
    Person {
        identity_code: "131052-308T",
        holds: &[role("Demo Oy", "2077474-0", "NIMKO"), role("Esimerkki Osuuskunta", "0737546-2", "PJ")],
    },
    Person { identity_code: "100190Y999P", holds: &[role("Toinen Yritys Oy", "1572860-0", "NIMKO")] },
];

/// A person of the test register, and the roles they hold.
pub struct Person {
    pub identity_code: &'static str,
    pub holds: &'static [Role],
}

/// A role in an organisation (`NIMKO`: a managing director's, `PJ`: a chair's).
pub struct Role {
    pub name: &'static str,
    pub business_id: &'static str,
    pub role: &'static str,
}

const fn role(name: &'static str, business_id: &'static str, role: &'static str) -> Role {
    Role { name, business_id, role }
}

/// The outcomes the tester can choose on the authorisation page.
const OUTCOMES: [&str; 4] = ["allowed", "disallowed", "expired", "failing"];

/// The test server's routes (each answers 404 unless it is the service).
pub fn routes() -> Vec<crate::server::web::Route> {
    use crate::server::web::{Access::Anyone, Route};
    use axum::routing::{get, post};
    vec![
        Route::action("/test-mandates/service/ypa/user/register/{client}/{identity}", Anyone, get(register)),
        Route::action("/test-mandates/oauth/authorize", Anyone, get(authorize_page).post(authorize)),
        Route::action("/test-mandates/oauth/token", Anyone, post(token)),
        Route::action("/test-mandates/service/ypa/api/organizationRoles/{session}", Anyone, get(organization_roles)),
        Route::action("/test-mandates/service/ypa/api/authorization/{session}/{business}", Anyone, get(authorization)),
    ]
}

fn keys(state: &AppState) -> Option<&Keys> {
    state.test_mandates.as_deref()
}

/// Whether the call of `path` (and `query`) carries the client's checksum.
fn checked(state: &AppState, keys: &Keys, headers: &HeaderMap, path: &str, query: Option<&str>) -> bool {
    let full = match query {
        Some(query) => format!("/test-mandates{path}?{query}"),
        None => format!("/test-mandates{path}"),
    };
    let header = headers.get(protocol::HEADER).and_then(|value| value.to_str().ok());
    protocol::verify(header, &keys.client_id, &keys.key, &full, state.clock.now()).is_ok()
}

/// `GET /test-mandates/service/ypa/user/register/{client}/{identity code}`: a new session.
pub async fn register(
    State(state): State<AppState>,
    Path((client, identity_code)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(keys) = keys(&state) else { return StatusCode::NOT_FOUND.into_response() };
    let path = format!("/service/ypa/user/register/{client}/{identity_code}");
    if client != keys.client_id || !checked(&state, keys, &headers, &path, query.as_deref()) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let registered = Registered {
        session_id: hex::encode(rand::random::<[u8; 12]>()),
        user_id: hex::encode(rand::random::<[u8; 12]>()),
    };
    let stored = sqlx::query(
        "INSERT INTO test_mandate_sessions (session_id, user_id, identity_code, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&registered.session_id)
    .bind(&registered.user_id)
    .bind(&identity_code)
    .bind(state.clock.now() + SESSION_SECONDS)
    .execute(&state.db)
    .await;
    match stored {
        Ok(_) => Json(registered).into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

#[derive(Deserialize)]
pub struct AuthorizeQuery {
    client_id: String,
    redirect_uri: String,
    user: String,
    #[serde(default)]
    state: String,
}

/// The organisations the person of the session `user_id` holds a role in.
async fn organisations(state: &AppState, user_id: &str) -> Option<&'static [Role]> {
    let identity_code: Option<String> =
        sqlx::query_scalar("SELECT identity_code FROM test_mandate_sessions WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&state.db)
            .await
            .ok()
            .flatten();
    let identity_code = identity_code?;
    Some(REGISTER.iter().find(|person| person.identity_code == identity_code).map_or(&[][..], |person| person.holds))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `GET /test-mandates/oauth/authorize`: the person chooses the organisation, and the tester
/// the answer.
pub async fn authorize_page(State(state): State<AppState>, Query(query): Query<AuthorizeQuery>) -> Response {
    let Some(keys) = keys(&state) else { return StatusCode::NOT_FOUND.into_response() };
    if query.client_id != keys.client_id {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let Some(held) = organisations(&state, &query.user).await else { return StatusCode::NOT_FOUND.into_response() };
    let choices: String = held
        .iter()
        .enumerate()
        .map(|(n, held)| {
            let checked = if n == 0 { " checked" } else { "" };
            let Role { name, business_id, role } = held;
            format!(
                "<div><input type=\"radio\" id=\"org-{n}\" name=\"organisation\" value=\"{business_id}\"{checked}> \
                 <label for=\"org-{n}\">{} ({business_id}, {role})</label></div>",
                escape(name)
            )
        })
        .collect();
    let outcomes: String = OUTCOMES
        .iter()
        .enumerate()
        .map(|(n, outcome)| {
            let checked = if n == 0 { " checked" } else { "" };
            format!(
                "<div><input type=\"radio\" id=\"outcome-{outcome}\" name=\"outcome\" value=\"{outcome}\"{checked}> \
                 <label for=\"outcome-{outcome}\">{outcome}</label></div>"
            )
        })
        .collect();
    let hidden =
        |name: &str, value: &str| format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", escape(value));
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test e-Authorizations</title></head>\
         <body><main><h1>Test e-Authorizations</h1><p>No real mandate is checked here.</p>\
         <form method=\"post\" action=\"/test-mandates/oauth/authorize\">\
         <fieldset><legend>Act on behalf of</legend>{choices}</fieldset>\
         <fieldset><legend>The answer the service gets</legend>{outcomes}</fieldset>{}{}{}\
         <button>Continue to the service</button></form></main></body></html>",
        hidden("user", &query.user),
        hidden("redirect_uri", &query.redirect_uri),
        hidden("state", &query.state),
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct Chosen {
    user: String,
    redirect_uri: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    organisation: String,
    outcome: String,
}

/// `POST /test-mandates/oauth/authorize`: back to the service with a code.
pub async fn authorize(State(state): State<AppState>, Form(chosen): Form<Chosen>) -> Response {
    if keys(&state).is_none() || !OUTCOMES.contains(&chosen.outcome.as_str()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let Some(held) = organisations(&state, &chosen.user).await else { return StatusCode::NOT_FOUND.into_response() };
    let organisation = held.iter().find(|held| held.business_id == chosen.organisation).map(|held| held.business_id);
    let code = hex::encode(rand::random::<[u8; 12]>());
    let stored = sqlx::query(
        "UPDATE test_mandate_sessions SET code = $2, business_id = $3, outcome = $4 WHERE user_id = $1 AND code IS NULL",
    )
    .bind(&chosen.user)
    .bind(&code)
    .bind(organisation)
    .bind(&chosen.outcome)
    .execute(&state.db)
    .await;
    if !stored.is_ok_and(|done| done.rows_affected() == 1) {
        return StatusCode::CONFLICT.into_response();
    }
    let Ok(mut back) = url::Url::parse(&chosen.redirect_uri) else { return StatusCode::BAD_REQUEST.into_response() };
    back.query_pairs_mut().append_pair("code", &code).append_pair("state", &chosen.state);
    Redirect::to(back.as_str()).into_response()
}

#[derive(Deserialize)]
pub struct TokenForm {
    code: String,
}

/// `POST /test-mandates/oauth/token`: the code (good once) for a token, to the client that
/// gives its OAuth password.
pub async fn token(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<TokenForm>) -> Response {
    let Some(keys) = keys(&state) else { return StatusCode::NOT_FOUND.into_response() };
    let basic = headers.get(http::header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let expected = format!("{}:{}", keys.client_id, keys.oauth_password);
    use base64::Engine;
    let given = basic
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|value| base64::engine::general_purpose::STANDARD.decode(value).ok());
    let given_ok = given.is_some_and(|given| protocol::same(&given, expected.as_bytes()));
    if !given_ok || !checked(&state, keys, &headers, "/oauth/token", None) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let access_token = hex::encode(rand::random::<[u8; 16]>());
    let outcome: Option<String> = sqlx::query_scalar(
        "UPDATE test_mandate_sessions SET token = $2 WHERE code = $1 AND token IS NULL RETURNING outcome",
    )
    .bind(&form.code)
    .bind(&access_token)
    .fetch_optional(&state.db)
    .await
    .ok()
    .flatten();
    match outcome.as_deref() {
        None => StatusCode::BAD_REQUEST.into_response(),
        Some("failing") => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Some(_) => Json(Token { access_token, token_type: "Bearer".into() }).into_response(),
    }
}

/// A session API call of `path` (with `query`): carrying the client's checksum and the token of
/// the session `session_id`; its organisation and the answer chosen, or the refusal (an
/// expired session among them).
async fn bearing(
    state: &AppState,
    path: &str,
    query: Option<&str>,
    session_id: &str,
    headers: &HeaderMap,
) -> Result<(Option<String>, String), StatusCode> {
    let keys = keys(state).ok_or(StatusCode::NOT_FOUND)?;
    if !checked(state, keys, headers, path, query) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let token = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let row: Option<(Option<String>, String, i64)> = sqlx::query_as(
        "SELECT business_id, outcome, expires_at FROM test_mandate_sessions WHERE session_id = $1 AND token = $2",
    )
    .bind(session_id)
    .bind(token)
    .fetch_optional(&state.db)
    .await
    .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let (business_id, outcome, expires_at) = row.ok_or(StatusCode::UNAUTHORIZED)?;
    if outcome == "expired" || expires_at < state.clock.now() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok((business_id, outcome))
}

/// `GET /test-mandates/service/ypa/api/organizationRoles/{session}`: the organisation chosen.
pub async fn organization_roles(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let path = format!("/service/ypa/api/organizationRoles/{session_id}");
    let (business_id, _) = match bearing(&state, &path, query.as_deref(), &session_id, &headers).await {
        Ok(found) => found,
        Err(status) => return status.into_response(),
    };
    let roles: Vec<OrganizationRole> = REGISTER
        .iter()
        .flat_map(|person| person.holds.iter())
        .filter(|held| Some(held.business_id) == business_id.as_deref())
        .take(1)
        .map(|held| OrganizationRole {
            name: held.name.to_string(),
            identifier: held.business_id.to_string(),
            roles: vec![held.role.to_string()],
        })
        .collect();
    Json(roles).into_response()
}

/// `GET /test-mandates/service/ypa/api/authorization/{session}/{Business ID}`: the answer
/// chosen, for the organisation chosen; `DISALLOWED` for any other.
pub async fn authorization(
    State(state): State<AppState>,
    Path((session_id, business_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let path = format!("/service/ypa/api/authorization/{session_id}/{business_id}");
    let (chosen, outcome) = match bearing(&state, &path, query.as_deref(), &session_id, &headers).await {
        Ok(found) => found,
        Err(status) => return status.into_response(),
    };
    let allowed = outcome == "allowed" && chosen.as_deref() == Some(business_id.as_str());
    Json(Authorization { result: if allowed { "ALLOWED" } else { "DISALLOWED" }.into() }).into_response()
}
