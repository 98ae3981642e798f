//! Applications on the server: drafts in the database (or, for staff previews, in the
//! session), the step forms, and the background job that deletes expired drafts.

pub mod drafts;
pub mod web;
