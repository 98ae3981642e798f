//! The form engine: applications are data. A [`definition::FormDef`] lists sections, steps
//! and questions with their conditions; one generic renderer (`pages::application`) turns any
//! definition into pages, and the code here — shared by the server and the browser — decides
//! which steps and questions apply, checks answers, and derives what follows from them
//! (attachments, fee category, the document that is forwarded).
//!
//! Message ids follow from ids: a section's title is `section-{id}`, a step's heading
//! `step-{id}` (and `step-{id}-intro` when it has one), a question's label `q-{id}`, its hint
//! `q-{id}-hint`, an option's label `q-{id}-{option}`, an attachment's name `attachment-{id}`.
//! [`check::problems`] makes sure every one exists in every language.

pub mod answers;
pub mod catalogue;
pub mod check;
pub mod definition;
pub mod derive;
pub mod display;
pub mod link;
pub mod pre_check;
pub mod residence;
pub mod validate;
