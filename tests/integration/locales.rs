//! The translations are complete: every message exists in Finnish, Swedish and English, every
//! file parses, and every message id the code names is defined.

use fluent_bundle::FluentResource;
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

/// Every message the portal e-mails (`server::mail::Kind`), rendered in every language with
/// exactly the values the code gives it (`Letter::new` stops on any other), the service's
/// address and a message code, carries no personal data and nothing to click: no address of a
/// site but the plain public one (no scheme, no path: never a login page), no e-mail address,
/// not the recipient's name, no date but the one it tells of (never a date of birth), no
/// reference. The templates define exactly the kinds, and take no other value.
#[test]
fn every_message_mailed_in_every_language_carries_no_personal_data_or_link() {
    use portal::i18n::Lang;
    use portal::server::mail::{Kind, Letter};
    const ADDRESS: &str = "portal.example.fi";
    const CODE: &str = "K7MX-43RN-CWPA";
    const DAY: &str = "6.12.2026";
    let sample = |name: &str| match name {
        "code" => "483920",
        "minutes" => "15",
        "date" => DAY,
        other => panic!("a message takes ${other}"),
    };
    let templates: BTreeSet<String> = defined_ids("en")
        .into_iter()
        .filter_map(|id| id.strip_prefix("mail-")?.strip_suffix("-subject").map(str::to_string))
        .collect();
    let kinds: BTreeSet<String> = Kind::ALL.iter().map(|kind| kind.name().to_string()).collect();
    assert_eq!(templates, kinds, "a template for each kind of message, and none besides");
    let sources: String = LANGS
        .iter()
        .flat_map(|lang| files_under(&Path::new("locales").join(lang), "ftl"))
        .map(|path| fs::read_to_string(path).unwrap())
        .collect();
    for kind in Kind::ALL {
        for part in ["subject", "body"] {
            let message = format!("mail-{}-{part}", kind.name());
            for variable in variables_of(&sources, &message) {
                assert!(
                    variable == "address" || kind.values().contains(&variable.as_str()),
                    "{message} takes ${variable}"
                );
            }
        }
    }
    assert_eq!(variables_of(&sources, "mail-message-code"), BTreeSet::from(["address".into(), "code".into()]));
    let mut rendered = 0;
    for kind in Kind::ALL {
        let values: Vec<(&'static str, &str)> = kind.values().iter().map(|name| (*name, sample(name))).collect();
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            let mail = Letter::new("maria.virtanen@example.com", lang, kind, &values).render(ADDRESS, CODE);
            assert!(mail.body.contains(CODE) && mail.body.contains(ADDRESS), "{kind:?} ({lang:?}): {}", mail.body);
            for text in [&mail.subject, &mail.body] {
                if let Some(problem) = personal_data_or_link(text, ADDRESS, DAY) {
                    panic!("{kind:?} ({lang:?}) has {problem}: {text}");
                }
            }
            rendered += 1;
        }
    }
    assert_eq!(rendered, 36);
    // The check finds what it looks for.
    for (text, problem) in [
        ("Kirjaudu: https://portal.example.fi/login", "a link"),
        ("Kirjaudu: portal.example.fi/login", "a path"),
        ("Kirjaudu: portaali-example.fi", "another site"),
        ("Hei maria.virtanen@example.com", "an e-mail address"),
        ("Hei Maria", "the recipient's name"),
        ("Syntymäaika 13.10.1952", "another date"),
        ("Viite ACEFH-KMNPR", "a reference"),
        ("Hei { $name }", "a value left out"),
    ] {
        assert!(personal_data_or_link(text, ADDRESS, DAY).is_some(), "{problem} is found in {text:?}");
    }
}

/// What of personal data or a link `text` has, if anything: a message may name the site only
/// as `address` and a day only as `day`.
fn personal_data_or_link(text: &str, address: &str, day: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if ["http", "://", "www.", "<a "].iter().any(|link| lower.contains(link)) {
        return Some("a link");
    }
    if lower.contains('@') {
        return Some("an e-mail address");
    }
    if lower.contains("maria") || lower.contains("virtanen") {
        return Some("the recipient's name");
    }
    if text.contains("{$") || text.contains("{ $") {
        return Some("a value left out");
    }
    let words = text.split_whitespace().map(|word| word.trim_matches(|c: char| ".,;:!?\"'()«»”“".contains(c)));
    for word in words {
        let host = word.split('/').next().unwrap_or(word);
        let letters_around_a_dot = host.char_indices().any(|(at, c)| {
            c == '.' && host[..at].ends_with(char::is_alphabetic) && host[at + 1..].starts_with(char::is_alphabetic)
        });
        if letters_around_a_dot && word != address {
            return Some(if host == address { "a path" } else { "another site" });
        }
        let is_date = word.split('.').count() == 3
            && word.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
        if is_date && word != day {
            return Some("another date");
        }
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() == 2
            && parts.iter().all(|part| part.len() == 5 && part.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Some("a reference");
        }
    }
    None
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
