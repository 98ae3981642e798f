//! The application pages' data: an application as its pages show it (with its files, its
//! payment and its way to the immigration service), the applicant's list, a kept step.

use serde::{Deserialize, Serialize};

/// An application as its pages show it: a draft of the signed-in applicant, or a staff preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    /// The address of the application's overview; its pages are under it.
    pub base: String,
    /// A staff preview: nothing is stored, paid or forwarded.
    pub preview: bool,
    pub kind: String,
    /// The version of the form the application was started on.
    pub version: u32,
    pub state: crate::domain::application_state::ApplicationState,
    /// The day the draft will be deleted if it is not saved again (`5.2.2027`).
    pub expires_on: Option<String>,
    pub reference: Option<String>,
    pub answers: crate::forms::answers::Answers,
    /// The server's today, so the page renders the same in the browser.
    pub today: crate::domain::date::Date,
    /// The step the page shows, on a step's page.
    pub step: Option<String>,
    /// What the last submit of a step left to show again.
    pub kept: Option<KeptStep>,
    /// The files added for its attachments (none on a step's page, which shows none, or in a
    /// preview).
    pub files: Vec<AttachedFile>,
    /// The largest file, and the most all of its files may take, in bytes.
    pub file_limit_bytes: u64,
    pub application_limit_bytes: u64,
    /// Its current payment attempt, if one was made (not on a step's page, nor in a preview).
    pub payment: Option<PaymentView>,
    /// When it was sent, once it was.
    pub sending: Option<SendingView>,
    /// Whether its employer can be asked to pay the fee: declared, unpaid, shared with the
    /// employer (on the payment page only).
    pub employer_payment: Option<EmployerPaymentView>,
}

/// The employer's paying of an applicant's fee, as the payment page offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerPaymentView {
    pub business_id: String,
    /// The applicant has asked the employer to pay.
    pub asked: bool,
    /// On the fast track, where the employer cannot pay.
    pub fast_track: bool,
}

/// A sent application's way to the immigration service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingView {
    /// The day it was sent (`5.2.2026`).
    pub sent_on: String,
    /// The day the case backend confirmed it received it.
    pub received_on: Option<String>,
    /// The day by which the identity visit is due unless the immigration service names
    /// another: three months from the sending.
    pub visit_by: String,
    /// What the case backend has reported since, in the order it happened.
    pub events: Vec<CaseEventView>,
    /// The requests for additional information made of the applicant, oldest first.
    pub requests: Vec<RequestView>,
    /// The case backend's id of its case, once its receipt came.
    pub case_id: Option<String>,
    /// The decision, once one was made.
    pub decision: Option<DecisionView>,
    /// The employer's part, when the applicant shared the application with the employer.
    pub employer: Option<EmployerPartView>,
}

/// The employer's part of a sent application, as its applicant follows it: whom it was shared
/// with, and how far the employer is (never what the employer answered).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerPartView {
    pub business_id: String,
    /// The employer has started its part: the consent can no longer be withdrawn here.
    pub started: bool,
    /// The day the case backend received the employer's part, once it did.
    pub arrived_on: Option<String>,
}

/// A decision on a sent application, as its pages show it: that it was made, and once opened
/// (or served by post), when it was served and until when it can be appealed; never its
/// content, which only its own page gives, once opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// The day it was made (`5.2.2026`).
    pub made_on: String,
    /// Its document is in the portal, to open.
    pub available: bool,
    /// The day the applicant first opened it.
    pub opened_on: Option<String>,
    /// The day it was served: first opened, or by post on the seventh day unopened.
    pub served_on: Option<String>,
    pub served_by_post: bool,
    /// The last day of the 30-day appeal period, which runs from the day after it was served.
    pub appeal_until: Option<String>,
    /// The last day it and its application are in the service.
    pub kept_until: Option<String>,
}

impl DecisionView {
    /// There to open, and not opened yet.
    pub fn waiting(&self) -> bool {
        self.available && self.opened_on.is_none()
    }
}

/// A decision's page: its application and the decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPage {
    /// The application's address.
    pub base: String,
    pub kind: String,
    pub reference: Option<String>,
    pub case_id: Option<String>,
    pub decision: DecisionView,
}

impl SendingView {
    /// The furthest of its events (the case's stage).
    pub fn furthest(&self) -> Option<&CaseEventView> {
        furthest(&self.events)
    }

    /// The newest event of `kind`.
    pub fn last(&self, kind: &str) -> Option<&CaseEventView> {
        self.events.iter().rev().find(|event| event.kind == kind)
    }
}

/// The furthest of `events` (the case's stage; the newest of the furthest kind): an event that
/// arrives late never moves the case back.
pub fn furthest(events: &[CaseEventView]) -> Option<&CaseEventView> {
    events.iter().rev().max_by_key(|event| event.stage)
}

/// One event of the case backend about a sent application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEventView {
    /// Its kind's code (`received`, `identity-visit-needed`, `in-processing`).
    pub kind: String,
    /// How far along the case it is (higher is further).
    pub stage: u8,
    /// The day it happened (`5.2.2026`), and as a date.
    pub on: String,
    pub date: crate::domain::date::Date,
    /// Where and by when the applicant proves their identity, when it asks for that.
    pub visit: Option<IdentityVisitView>,
}

/// A request for additional information, as the application's pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Its address under the application (`…/requests/{public_id}`).
    pub public_id: String,
    /// The last day (`5.2.2026`), and how many days are left until it (negative once past).
    pub due_on: String,
    pub days_left: i64,
    /// What is asked: each question's text by language code.
    pub questions: Vec<Vec<(String, String)>>,
    /// The documents asked for, by attachment id (`attachment-{id}` names them).
    pub documents: Vec<String>,
    /// The day the reply was sent, once it was.
    pub answered_on: Option<String>,
    /// The days the case has waited for it: from the day it was made until the reply, or
    /// today.
    pub waited_days: i64,
    /// Information the applicant sends on their own initiative: asked for by nobody, no task.
    pub own: bool,
}

/// What a request's upload slot's name starts with.
pub const REQUEST_SLOT: &str = "request-";

/// The name of the upload slot of `document` of the request `request` (its public id), as
/// its files' rows record it.
pub fn request_slot(request: &str, document: &str) -> String {
    format!("{REQUEST_SLOT}{request}-{document}")
}

/// A request's page: its application, the request, and the reply once sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPage {
    /// The application's address.
    pub base: String,
    pub kind: String,
    pub reference: Option<String>,
    pub request: RequestView,
    /// The text sent in reply, once it was, and the day the immigration service confirmed it
    /// received it.
    pub reply: Option<String>,
    pub reply_received_on: Option<String>,
    /// The longest reply, in characters.
    pub reply_max: usize,
    /// A reply typed and posted after the session ended: shown again to be sent.
    pub typed: Option<String>,
    /// The files added for the documents asked for (each names its slot).
    pub files: Vec<AttachedFile>,
}

/// The identity visit the immigration service asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityVisitView {
    /// The service point's code (`q-service-point-{place}` names it).
    pub place: String,
    /// The last day (`5.2.2026`).
    pub by: String,
}

/// The pre-check's result page: the answers given and the day, from which its offers follow
/// (`forms::pre_check::offers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreCheckAnswers {
    pub answers: crate::forms::answers::Answers,
    pub today: crate::domain::date::Date,
}

/// The identity-visit pack's page: the sent application, and its reference as a QR code (an
/// SVG element, made by the server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityVisitPack {
    pub view: ApplicationView,
    pub qr_svg: String,
}

/// Something to bring to the identity visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Original {
    /// The passport the application names.
    Passport,
    /// The card of the residence permit the applicant holds.
    PermitCard,
    /// The original of an attached document (`attachment-{id}` names it).
    Document(String),
}

/// The applications made by someone who already holds a Finnish residence permit.
const BY_A_PERMIT_HOLDER: [&str; 3] = ["extended", "permanent", "citizenship"];

impl ApplicationView {
    /// What to bring to the identity visit: the passport, the permit card of one who holds a
    /// permit, and the original of each document attached for what the answers called for
    /// (the passport's copy is the passport itself; documents sent later for a request are
    /// asked for by the request).
    pub fn originals(&self, def: &crate::forms::definition::FormDef) -> Vec<Original> {
        let mut originals = vec![Original::Passport];
        if BY_A_PERMIT_HOLDER.contains(&def.kind) {
            originals.push(Original::PermitCard);
        }
        for file in &self.files {
            let document = Original::Document(file.requirement.clone());
            let of_the_form = def.attachments.iter().any(|rule| rule.id == file.requirement);
            if of_the_form && file.requirement != "passport-copy" && !originals.contains(&document) {
                originals.push(document);
            }
        }
        originals
    }
}

/// An application's payment attempt as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub state: crate::domain::payment_state::PaymentState,
    pub amount_cents: u32,
    /// The fee category paid for (`fee-{category}`), and the legal basis of its price on the
    /// day it was paid.
    pub category: String,
    pub basis: Option<String>,
    /// The Business ID of the organisation that paid, when it was not the applicant.
    pub organisation: Option<String>,
    /// The day it was paid (`5.2.2026`).
    pub paid_on: Option<String>,
    /// Where the payer continues an open payment (the provider's page).
    pub href: Option<String>,
    /// Open, and reported by the provider as on its way: not to be paid again.
    pub confirming: bool,
}

impl ApplicationView {
    /// The attachments the answers call for that have no file yet.
    pub fn missing_attachments(&self, def: &crate::forms::definition::FormDef) -> Vec<&'static str> {
        crate::forms::derive::attachments(def, &self.answers, self.today)
            .into_iter()
            .filter(|id| !self.files.iter().any(|file| file.requirement == *id))
            .collect()
    }

    /// Whether the application may go on to the declaration as far as attachments go: every
    /// one it needs has a file (a staff preview stores none, and goes on).
    pub fn attachments_complete(&self, def: &crate::forms::definition::FormDef) -> bool {
        self.preview || self.missing_attachments(def).is_empty()
    }
}

/// A file added for one of an application's attachments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    pub public_id: String,
    /// The attachment it is for (`passport-copy`, …).
    pub requirement: String,
    /// The file's name as sent, cleaned for display.
    pub name: String,
    pub content_type: String,
    pub size_bytes: u64,
}

/// A step's form as the user left it: typed values, problems, and how many items it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptStep {
    pub step: String,
    pub typed: crate::forms::validate::Submitted,
    pub problems: Vec<crate::forms::validate::FieldProblem>,
    pub items: usize,
    /// Posted after the session ended, and kept across logging in again: not saved yet.
    #[serde(default)]
    pub resumed: bool,
}

/// The signed-in applicant's applications.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplications {
    pub items: Vec<ApplicationSummary>,
}

/// What the start page of one kind of application shows: the applicant's draft of that kind,
/// if there is one, and the server's today (for the fee).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyStart {
    pub draft: Option<ApplicationSummary>,
    pub today: crate::domain::date::Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub base: String,
    pub kind: String,
    pub state: crate::domain::application_state::ApplicationState,
    pub updated_on: String,
    pub expires_on: String,
    pub reference: Option<String>,
    /// Sent and confirmed received by the immigration service.
    pub received: bool,
    /// The kind of the case's furthest event, once the case backend reported one.
    pub stage: Option<String>,
    /// How many requests for additional information wait for the applicant's reply.
    pub open_requests: usize,
    /// A decision waits to be opened.
    pub decision_waiting: bool,
}
