//! Accounts: passwords, the users table, sessions, the account forms and their route table,
//! the audit log, and the administrator's commands.

pub mod admin;
pub mod codes;
pub mod limits;
pub mod password;
pub mod session;
pub mod two_factor;
pub mod users;
pub mod web;
