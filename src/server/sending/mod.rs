//! Sending an application to the immigration service: what goes, and when.
//!
//! An application is sent when it is declared and its fee is paid: the payment that is
//! confirmed sends it on its own transaction (`payments::apply`), and the Send button sends one
//! paid before that rule. Either way, [`send_held`] freezes the document that is forwarded
//! ([`ApplicationDocument`]) and, in that one transaction, moves the application to `sent`,
//! queues its delivery to the case backend (`server::case_backend`) and the applicant's
//! message: all of it happens, or none of it. This module writes no table of its own: each
//! change goes through the feature that owns the table.

use crate::domain::application_state::ApplicationState as State;
use crate::domain::date::iso_time;
use crate::forms::answers::Answers;
use crate::i18n::Lang;
use crate::server::applications::drafts::{self, Held};
use crate::server::applications::links;
use crate::server::attachments::files::{self, StoredFile};
use crate::server::case_backend::{
    self,
    contract::{self, ApplicationDocument},
};
use crate::server::db;
use crate::server::AppState;

/// What became of sending.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// Sent now: its delivery is queued.
    Now,
    /// It had been sent already (a second click, another tab).
    Already,
    /// It is not declared yet, or no payment counts for it.
    NotReady,
    /// No such application of this applicant.
    NotFound,
}

/// The paid fee an application is sent with, as the payment that counts for it records it.
#[derive(Clone, Debug)]
pub struct PaidRecord {
    pub provider: String,
    /// The provider's id of the payment: None only in a record damaged by hand, since a paid
    /// state is taken only from the provider's signed word, which names it.
    pub transaction_id: Option<String>,
    pub reference: String,
    pub amount_cents: i64,
    pub currency: String,
    pub fee_category: String,
    /// Unix seconds; set in the update that records the payment paid.
    pub paid_at: Option<i64>,
    /// The Business ID of the organisation whose user paid, when not the applicant.
    pub organisation: Option<String>,
    /// The language the applicant was using when they paid.
    pub language: Option<Lang>,
}

/// Sends the application `held` (held in `tx`) with its fee `paid`: freezes its document,
/// moves it to sent and queues its delivery and the applicant's message, when it is declared.
/// The document is in `lang`, or else the language its fee was paid in, or else the owner's.
/// The caller commits, then rings the queue's bell.
pub async fn send_held(
    state: &AppState,
    tx: &mut db::Tx,
    held: Held,
    paid: PaidRecord,
    lang: Option<Lang>,
) -> anyhow::Result<Sent> {
    if held.state == State::Sent {
        return Ok(Sent::Already);
    }
    let application = drafts::read(tx, held.id).await?;
    let (Some(reference), true) = (application.reference.clone(), held.state.can_move_to(State::Sent)) else {
        return Ok(Sent::NotReady);
    };
    // The owner: the message goes to them, in the language of their messages.
    // The applicant's account; an organisation's document (the terms of employment) has no
    // one person to tell: its users see it sent in the service.
    let contact = match held.owner.and_then(crate::server::applications::Owner::person) {
        Some(user_id) => Some(crate::server::accounts::users::contact(tx, user_id).await?),
        None => None,
    };
    let lang = lang.or(paid.language).or(contact.as_ref().map(|(_, language)| *language)).unwrap_or_default();
    let files = files::list_in(tx, held.id).await?;
    let Some(def) = state.catalogue.form(&application.kind, u32::try_from(application.version)?) else {
        anyhow::bail!("application {} names a form that is not in the catalogue", held.id);
    };
    let now = state.clock.now();
    let parts = Parts {
        public_id: &application.public_id,
        reference: &reference,
        lang,
        answers: application.answers.clone(),
        now,
    };
    let document = document(state, def, parts, paid, files);
    drafts::mark_sent(tx, &state.clock, held).await?;
    case_backend::queue_delivery(state, tx, &document).await?;
    // The applicant's mailbox confirms it too: no reference, name or link in it, as in every
    // message of the portal; what was sent is in the service.
    if let Some((email, language)) = contact {
        let day = crate::domain::date::Date::from_unix_seconds(now).display();
        let mail = crate::server::mail::Letter::new(
            &email,
            language,
            crate::server::mail::Kind::ApplicationSent,
            &[("date", &day)],
        );
        crate::server::mail::queue_on(tx, state, mail).await?;
    }
    tracing::info!(
        application = held.id,
        "an application was sent; its delivery and the applicant's message are queued"
    );
    Ok(Sent::Now)
}

/// What the document is made of besides the rows.
struct Parts<'a> {
    public_id: &'a str,
    reference: &'a str,
    lang: Lang,
    answers: Answers,
    /// Unix seconds of the sending.
    now: i64,
}

fn document(
    state: &AppState,
    def: &crate::forms::definition::FormDef,
    parts: Parts,
    paid: PaidRecord,
    files: Vec<StoredFile>,
) -> ApplicationDocument {
    let today = crate::domain::date::Date::from_unix_seconds(parts.now);
    let answer = |question: &str| parts.answers.get(question).unwrap_or_default().to_string();
    let files_base = case_backend::files_base(state);
    ApplicationDocument {
        contract: contract::VERSION,
        id: parts.public_id.to_string(),
        reference: parts.reference.to_string(),
        kind: def.kind.to_string(),
        form: contract::FormVersion { kind: def.kind.to_string(), version: def.version },
        language: parts.lang.code().to_string(),
        sent_at: iso_time(parts.now),
        applicant: contract::Applicant {
            surname: answer("surname"),
            given_names: answer("given-names"),
            birth_date: answer("birth-date"),
            citizenship: answer("citizenship"),
            identity_code: parts.answers.get("identity-code").map(str::to_string),
            email: answer("email"),
            service_point: answer("service-point"),
        },
        sections: crate::forms::derive::document(def, &parts.answers, today).sections,
        fee: contract::Fee { category: paid.fee_category, amount_cents: paid.amount_cents, currency: paid.currency },
        // Never made up: what the record lacks stays empty, and the delivery waits with the
        // reason for staff (case_backend::deliver) rather than send a stand-in.
        payment: contract::PaymentRecord {
            provider: paid.provider,
            transaction_id: paid.transaction_id.unwrap_or_default(),
            reference: paid.reference,
            amount_cents: paid.amount_cents,
            paid_at: paid.paid_at.map(iso_time).unwrap_or_default(),
            payer: if paid.organisation.is_some() { "organisation" } else { "applicant" }.to_string(),
            organisation: paid.organisation,
        },
        attachments: attachments(&files_base, files),
    }
}

/// The files as the document lists them, each with the address the backend fetches it from.
fn attachments(files_base: &str, files: Vec<StoredFile>) -> Vec<contract::Attachment> {
    files
        .into_iter()
        .map(|file| contract::Attachment {
            href: format!("{files_base}/{}", file.public_id),
            id: file.public_id,
            requirement: file.requirement,
            name: file.display_name,
            content_type: file.content_type,
            size_bytes: file.size_bytes,
            sha256: file.sha256,
        })
        .collect()
}

/// Sends the employer's part `id` (the terms of employment; declared, and without a fee) in
/// `lang`, and the parts that follow it (terms given for several employees at once), each with
/// its answers and files: freezes each one's document, moves it to sent and queues its
/// delivery, in one transaction, then rings the queue's bell. A document names the
/// application it belongs to; its case is added at delivery, from the application's receipt.
pub async fn send_terms(state: &AppState, id: i64, lang: Lang) -> anyhow::Result<Sent> {
    let mut tx = db::begin_write(&state.db).await?;
    let Some(held) = drafts::hold(&mut tx, id).await? else { return Ok(Sent::NotFound) };
    if held.state == State::Sent {
        return Ok(Sent::Already);
    }
    let lead = drafts::read(&mut tx, id).await?;
    if lead.reference.is_none() || !held.state.can_move_to(State::Sent) {
        return Ok(Sent::NotReady);
    }
    let Some(def) = state.catalogue.form(&lead.kind, u32::try_from(lead.version)?) else {
        anyhow::bail!("application {id} names a form that is not in the catalogue");
    };
    let files = attachments(&case_backend::files_base(state), files::list_in(&mut tx, id).await?);
    let terms = TermsParts { def, lang, now: state.clock.now(), files };
    if !send_one_terms(state, &mut tx, held, &terms).await? {
        return Ok(Sent::NotFound);
    }
    for follower in links::followers(&mut tx, id).await? {
        if !links::follow_lead(&mut tx, &state.clock, follower, &lead.answers).await? {
            continue;
        }
        if let Some(held) = drafts::hold(&mut tx, follower).await? {
            send_one_terms(state, &mut tx, held, &terms).await?;
        }
    }
    tx.commit().await?;
    state.queue.ring();
    tracing::info!(application = id, "an employer's part was sent; its deliveries are queued");
    Ok(Sent::Now)
}

/// What every document of one sending of terms shares: the form, the language, the time and
/// the files (the lead's).
struct TermsParts {
    def: &'static crate::forms::definition::FormDef,
    lang: Lang,
    /// Unix seconds.
    now: i64,
    files: Vec<contract::Attachment>,
}

/// Freezes the document of the declared employer's part `held` and queues its delivery, in
/// `tx`. False when it links to no application.
async fn send_one_terms(state: &AppState, tx: &mut db::Tx, held: Held, parts: &TermsParts) -> anyhow::Result<bool> {
    let terms = drafts::read(tx, held.id).await?;
    let Some(link) = links::linked_to(tx, held.id).await? else { return Ok(false) };
    let today = crate::domain::date::Date::from_unix_seconds(parts.now);
    let document = contract::TermsDocument {
        contract: contract::VERSION,
        id: terms.public_id.clone(),
        reference: terms.reference.clone().unwrap_or_default(),
        form: contract::FormVersion { kind: parts.def.kind.to_string(), version: parts.def.version },
        language: parts.lang.code().to_string(),
        sent_at: iso_time(parts.now),
        application_id: link.application_id,
        application_reference: link.application_reference,
        case_id: String::new(),
        organisation: link.organisation,
        sections: crate::forms::derive::document(parts.def, &terms.answers, today).sections,
        attachments: parts.files.clone(),
    };
    drafts::mark_sent(tx, &state.clock, held).await?;
    case_backend::queue_terms_delivery(state, tx, &document).await?;
    Ok(true)
}

/// Sends a declared application that has no fee (see `applications::Parts`).
pub const SEND_PART: crate::server::applications::SendPart =
    |state, id, lang| Box::pin(async move { Ok(send_terms(state, id, lang).await? != Sent::NotReady) });
