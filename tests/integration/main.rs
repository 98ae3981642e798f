//! The integration tests: the real router, listener and command, driven as their users drive
//! them. One test binary, not one per file: each binary links the whole portal, and a dozen of
//! them cost a dozen links and gigabytes of disk.

mod support;

mod access;
mod account_security;
mod accounts;
mod admin_cli;
mod applications;
mod attachments;
mod case_events;
mod decisions;
mod dkim;
mod employer;
mod fees;
mod hardening;
mod http;
mod locales;
mod mandates;
mod payments;
mod pre_check;
mod requests;
mod residence;
mod routes;
mod schema;
mod sending;
mod slow_clients;
mod source;
mod trust;
