//! Rules about the source itself, checked like any behaviour.

use portal::domain::application_state::ApplicationState;
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The state enum is the only source of state names: a page, a service or a query that spells
/// a state out (`"draft"`, `'sent'` in SQL) would miss the next state that payment or sending
/// adds, and escape the enum's transitions.
#[test]
fn application_states_are_named_only_by_their_enum() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 50, "the sources were found");
    let home = Path::new("src").join("domain").join("application_state.rs").display().to_string();
    let mut found = Vec::new();
    for (path, text) in files.iter().filter(|(path, _)| !path.ends_with(&home)) {
        for state in ApplicationState::ALL {
            for quoted in [format!("\"{}\"", state.code()), format!("'{}'", state.code())] {
                if text.contains(&quoted) {
                    found.push(format!("{path}: {quoted}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "state names outside ApplicationState: {found:#?}");
}

/// The server's features, each a module of `src/server` (a file or a directory).
const FEATURES: [&str; 15] = [
    "accounts",
    "applications",
    "attachments",
    "audit",
    "case_backend",
    "case_events",
    "decisions",
    "jobs",
    "mail",
    "organisations",
    "payments",
    "queue",
    "requests",
    "sending",
    "trust",
];

/// Which feature owns each table: only its owner names it in SQL (issue 23).
const OWNERS: [(&str, &str); 21] = [
    ("users", "accounts"),
    ("sessions", "accounts"),
    ("email_codes", "accounts"),
    ("rate_limits", "accounts"),
    ("recovery_codes", "accounts"),
    ("applications", "applications"),
    ("attachment_files", "attachments"),
    ("payments", "payments"),
    ("test_provider_payments", "payments"),
    ("test_provider_nonces", "payments"),
    ("job_queue", "queue"),
    ("case_events", "case_events"),
    ("info_requests", "requests"),
    ("replies", "requests"),
    ("decisions", "decisions"),
    ("test_mandate_sessions", "organisations"),
    ("organisation_users", "organisations"),
    ("message_codes", "mail"),
    ("suspicious_reports", "trust"),
    ("audit_log", "audit"),
    ("scheduled_jobs", "jobs"),
];

/// A feature's sources, without their tests (`#[cfg(test)]` and what follows it), each with
/// its path under `src/server`.
fn feature_sources(feature: &str) -> Vec<(String, String)> {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("server");
    let mut files = Vec::new();
    if server.join(feature).is_dir() {
        sources(&server.join(feature), &mut files);
    } else {
        let path = server.join(format!("{feature}.rs"));
        files.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    assert!(!files.is_empty(), "{feature} has no sources");
    let base = server.display().to_string();
    files
        .into_iter()
        .map(|(path, text)| {
            let relative = path.strip_prefix(&base).unwrap_or(&path).trim_start_matches('/').to_string();
            (relative, text.split("#[cfg(test)]").next().unwrap().to_string())
        })
        .collect()
}

/// The server modules a file names: `crate::server::x`, `crate::server::{x, y::z}`, and the
/// `super::` paths that lead to `src/server` from where the file is (`relative` to it).
fn named_modules(relative: &str, text: &str) -> Vec<String> {
    let depth = relative.matches('/').count() - usize::from(relative.ends_with("/mod.rs"));
    let to_server = format!("{}::", vec!["super"; depth + 1].join("::"));
    let mut found = Vec::new();
    for prefix in ["crate::server::", "portal::server::", to_server.as_str()] {
        for (at, _) in text.match_indices(prefix) {
            let before = text[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || (prefix.starts_with("super") && before == ':') {
                continue;
            }
            let rest = &text[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                found.extend(group.split(',').map(|item| item.trim().split("::").next().unwrap_or("").to_string()));
            } else {
                found.push(rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_string());
            }
        }
    }
    found.retain(|name| !name.is_empty() && name != "super");
    found
}

/// Each feature's imports of the other features.
fn feature_imports() -> std::collections::BTreeMap<&'static str, std::collections::BTreeSet<&'static str>> {
    FEATURES
        .iter()
        .map(|feature| {
            let mut imports = std::collections::BTreeSet::new();
            for (relative, text) in feature_sources(feature) {
                for name in named_modules(&relative, &text) {
                    if let Some(other) = FEATURES.iter().find(|other| **other == name && *other != feature) {
                        imports.insert(*other);
                    }
                }
            }
            (*feature, imports)
        })
        .collect()
}

/// An import circle among `imports`, as the features along it, if there is one.
fn circle<'a>(
    imports: &std::collections::BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
) -> Option<Vec<&'a str>> {
    fn visit<'a>(
        at: &'a str,
        imports: &std::collections::BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(start) = path.iter().position(|seen| *seen == at) {
            let mut found = path[start..].to_vec();
            found.push(at);
            return Some(found);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at);
        for next in imports.get(at).into_iter().flatten() {
            if let Some(found) = visit(next, imports, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(at);
        None
    }
    let mut done = std::collections::BTreeSet::new();
    imports.keys().find_map(|start| visit(start, imports, &mut Vec::new(), &mut done))
}

/// No import circle among the features (issue 23): the queue imports none, mail only the
/// queue, and the features build on applications, never the other way. Run with
/// `cargo test --features ssr --test integration -- source::`.
#[test]
fn the_features_import_each_other_in_one_direction() {
    let imports = feature_imports();
    assert!(imports["queue"].is_empty(), "the queue imports a feature: {:?}", imports["queue"]);
    assert!(imports["payments"].contains("applications"), "the scan sees imports: {imports:?}");
    assert_eq!(circle(&imports), None, "{imports:#?}");
    // The check finds a circle when there is one.
    let mut with_circle = imports.clone();
    with_circle.get_mut("applications").unwrap().insert("payments");
    assert!(circle(&with_circle).is_some_and(|found| found.contains(&"payments")));
    assert_eq!(
        named_modules("sending/mod.rs", "use super::queue; use crate::server::{db, mail::Outgoing};"),
        ["db", "mail", "queue"]
    );
    assert_eq!(named_modules("payments/web.rs", "use super::Applied; use super::super::audit;"), ["audit"]);
}

/// The tables `text` names in SQL (after `FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`).
fn tables_named(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    words
        .windows(2)
        .filter(|pair| ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"].contains(&pair[0]))
        .map(|pair| pair[1].to_string())
        .collect()
}

/// Every table has one owner (issue 23): no feature's SQL names another feature's table.
#[test]
fn only_a_tables_owner_names_it() {
    let mut foreign = Vec::new();
    let mut named = 0;
    for feature in FEATURES {
        for (relative, text) in feature_sources(feature) {
            for table in tables_named(&text) {
                if let Some((_, owner)) = OWNERS.iter().find(|(name, _)| *name == table) {
                    named += 1;
                    if *owner != feature {
                        foreign.push(format!("{relative} names {table}, which is {owner}'s"));
                    }
                }
            }
        }
    }
    assert!(named > 50, "only {named} tables named: is the scan still right?");
    assert!(foreign.is_empty(), "{foreign:#?}");
    // The check fails on a foreign table.
    assert_eq!(
        tables_named("SELECT a.id FROM applications a JOIN payments p ON p.application_id = a.id"),
        ["applications", "payments"]
    );
}
