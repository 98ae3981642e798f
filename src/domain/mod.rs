//! The rules of the domain that need no I/O, shared by the server and the browser: identifiers
//! and the other checks a form answer must pass. Each check says what is wrong with a typed
//! value, or gives the value back in its canonical form.

pub mod application_state;
pub mod business_id;
pub mod countries;
pub mod date;
pub mod fees;
pub mod iban;
pub mod identity_code;
pub mod income_thresholds;
pub mod message_code;
pub mod occupations;
pub mod payment_state;
pub mod processing_time;
pub mod reference;
pub mod residence;
pub mod text;
