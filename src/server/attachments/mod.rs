//! Attachments: the documents an application's answers call for (`forms::derive`), uploaded,
//! checked (`content`), stored (`storage`) and listed per application (`files`).

pub mod content;
