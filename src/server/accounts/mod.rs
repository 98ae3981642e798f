//! Accounts: passwords, the users table, the audit log, and the administrator's commands.

pub mod admin;
pub mod audit;
pub mod password;
pub mod users;
