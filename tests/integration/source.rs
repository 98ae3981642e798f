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
