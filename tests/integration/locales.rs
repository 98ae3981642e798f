//! The translations are complete: every message exists in Finnish, Swedish and English, every
//! file parses, and every message id the code names is defined.

use fluent_templates::fluent_bundle::FluentResource;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const LANGS: [&str; 3] = ["fi", "sv", "en"];

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The message ids defined in one language, after checking that each file parses.
fn defined_ids(lang: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for path in files_under(&Path::new("locales").join(lang), "ftl") {
        let text = fs::read_to_string(&path).unwrap();
        if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
            panic!("{} does not parse: {errors:?}", path.display());
        }
        for line in text.lines() {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim();
            let is_id = line.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id && !ids.insert(id.to_string()) {
                panic!("{id} is defined twice in locales/{lang}");
            }
        }
    }
    ids
}

/// Where code names a message: the first argument of `t`/`t_args` (as a function or a method),
/// a text block of a page (`Para`, `Heading`, `List`), or a field ending in `_msg`.
fn referenced_ids(source: &str) -> Vec<String> {
    const CALLS: [&str; 6] = ["t(\"", "t_args(\"", "Para(\"", "Heading(\"", "_msg: \"", "_msg=\""];
    let literal_at = |start: usize| source[start..].split('"').next().unwrap_or_default().to_string();
    let mut ids = Vec::new();
    for call in CALLS {
        for (at, _) in source.match_indices(call) {
            let before = source[..at].chars().next_back().unwrap_or(' ');
            let is_call_start = call.starts_with('_') || !(before.is_alphanumeric() || before == '_');
            if is_call_start {
                ids.push(literal_at(at + call.len()));
            }
        }
    }
    for (at, _) in source.match_indices("List(&[") {
        let list = &source[at + 7..];
        let list = &list[..list.find(']').unwrap_or(list.len())];
        ids.extend(list.split('"').skip(1).step_by(2).map(str::to_string));
    }
    ids
}

#[test]
fn every_message_exists_in_every_language() {
    let fi = defined_ids("fi");
    assert!(fi.len() > 50, "locales/fi looks empty");
    for lang in ["sv", "en"] {
        let other = defined_ids(lang);
        let missing: Vec<_> = fi.difference(&other).collect();
        let extra: Vec<_> = other.difference(&fi).collect();
        assert!(missing.is_empty(), "in locales/fi but not locales/{lang}: {missing:?}");
        assert!(extra.is_empty(), "in locales/{lang} but not locales/fi: {extra:?}");
    }
}

#[test]
fn every_message_the_code_names_is_defined() {
    let defined = defined_ids("fi");
    let mut named = 0;
    let mut undefined = Vec::new();
    for path in files_under(Path::new("src"), "rs") {
        let source = fs::read_to_string(&path).unwrap();
        // Tests name made-up ids on purpose.
        let source = source.split("#[cfg(test)]").next().unwrap();
        let source = source.split("#[cfg(all(test").next().unwrap();
        for id in referenced_ids(source) {
            named += 1;
            if !defined.contains(&id) {
                undefined.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(named > 100, "found only {named} message ids in src/: is the scan still right?");
    assert!(undefined.is_empty(), "named in code but not defined: {undefined:#?}");
}

#[test]
fn the_scan_finds_each_way_of_naming_a_message() {
    let source = r#"t("a-b") lang.t("c") t_args("d", &[]) Para("e") Heading("f") title_msg: "g" title_msg="h"
        List(&["i", "j"]) get("not-me") split("nor-me")"#;
    assert_eq!(referenced_ids(source), ["a-b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    for lang in LANGS {
        assert!(Path::new("locales").join(lang).is_dir(), "locales/{lang} is missing");
    }
}

/// The account handlers name messages as plain string literals (errors kept for a form,
/// notices, e-mail): every literal shaped like a message id there must be defined, an e-mail's
/// id with its `-subject` and `-body`.
#[test]
fn every_message_the_account_handlers_name_is_defined() {
    let defined = defined_ids("fi");
    let is_id = |text: &str| {
        text.contains('-')
            && text
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
    };
    let mut named = 0;
    let mut undefined = Vec::new();
    for path in files_under(Path::new("src/server/accounts/web"), "rs") {
        let source = fs::read_to_string(&path).unwrap();
        for id in source.split('"').skip(1).step_by(2).filter(|text| is_id(text)) {
            named += 1;
            let defined_as_mail = defined.contains(&format!("{id}-subject")) && defined.contains(&format!("{id}-body"));
            if !defined.contains(id) && !defined_as_mail {
                undefined.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(named > 30, "found only {named} message ids in the account handlers: is the scan still right?");
    assert!(undefined.is_empty(), "named in the account handlers but not defined: {undefined:#?}");
}

/// Every message the portal e-mails (`mail-*-subject` with its `-body`), rendered in every
/// language with every value it takes, carries no personal data and nothing to click: no
/// address of a site, no e-mail address, no name, no reference. The only values a message
/// may take are a one-time code, its minutes and a day; a message that took another (a name,
/// a reference, a link) fails here before it is rendered at all.
#[test]
fn every_message_mailed_in_every_language_carries_no_personal_data_or_link() {
    use portal::i18n::Lang;
    // The service's own address goes as text, without a scheme, so that no client makes it a
    // link to click.
    const ALLOWED: [(&str, &str); 4] =
        [("code", "483920"), ("minutes", "15"), ("date", "6.12.2026"), ("address", "portal.example.fi")];
    let ids: Vec<String> = defined_ids("en")
        .into_iter()
        .filter_map(|id| id.strip_prefix("mail-")?.strip_suffix("-subject").map(|name| format!("mail-{name}")))
        .collect();
    assert!(ids.len() >= 7, "the mailed messages: {ids:?}");
    let sources: String = LANGS
        .iter()
        .flat_map(|lang| files_under(&Path::new("locales").join(lang), "ftl"))
        .map(|path| fs::read_to_string(path).unwrap())
        .collect();
    let reference = |text: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).any(|word| {
            let parts: Vec<&str> = word.split('-').collect();
            parts.len() == 2
                && parts.iter().all(|part| part.len() == 5 && part.chars().all(|c| c.is_ascii_alphanumeric()))
        })
    };
    for id in &ids {
        for part in ["subject", "body"] {
            let message = format!("{id}-{part}");
            for variable in variables_of(&sources, &message) {
                assert!(ALLOWED.iter().any(|(name, _)| *name == variable), "{message} takes ${variable}");
            }
            for lang in [Lang::Fi, Lang::Sv, Lang::En] {
                let text = lang.t_args(&message, &ALLOWED);
                let lower = text.to_lowercase();
                for forbidden in ["http", "www.", "://", "@", ".fi/", ".com", "<a "] {
                    assert!(!lower.contains(forbidden), "{message} ({lang:?}) has {forbidden:?}: {text}");
                }
                assert!(!reference(&text), "{message} ({lang:?}) has a reference: {text}");
                assert!(!text.contains("{$") && !text.contains("{ $"), "{message} ({lang:?}) left a value out: {text}");
            }
        }
    }
}

/// The variables (`{ $name }`) the message `id` takes, in every language of `sources`.
fn variables_of(sources: &str, id: &str) -> BTreeSet<String> {
    let start = format!("{id} =");
    let mut found = BTreeSet::new();
    let mut inside = false;
    for line in sources.lines() {
        // A message is its first line and the indented (or empty) lines after it.
        inside = line.starts_with(&start) || (inside && (line.starts_with(' ') || line.is_empty()));
        if !inside {
            continue;
        }
        for (at, _) in line.match_indices('$') {
            let name = line[at + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_');
            found.insert(name.collect());
        }
    }
    found
}
