//! Languages and translated text, shared by the server and the browser bundle.
//!
//! The Fluent files under `locales/` are compiled into both builds, so a page renders the same
//! words on the server and after hydration. Which language a request gets is decided once, by
//! the server (see `server::i18n`); the browser reads it back from `<html lang>`.
//!
//! Each language's messages are parsed when it is first used: parsed, the three languages take
//! 3.4 MiB, most of a server's memory at rest, and a browser needs one of them.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use unic_langid::{langid, LanguageIdentifier};

/// The Fluent files of each language, in the order of [`Lang::ALL`]; each language has the same
/// files (`the_fluent_files_are_all_listed` checks that none is left out).
macro_rules! fluent_files {
    ($($name:literal),* $(,)?) => {
        [
            &[$(include_str!(concat!("../locales/fi/", $name, ".ftl"))),*],
            &[$(include_str!(concat!("../locales/sv/", $name, ".ftl"))),*],
            &[$(include_str!(concat!("../locales/en/", $name, ".ftl"))),*],
        ]
    };
}

static FLUENT_FILES: [&[&str]; 3] = fluent_files!(
    "account",
    "applications",
    "common",
    "design-system",
    "employer",
    "forms",
    "pages",
    "pre-check",
    "questions",
    "residence",
    "sending",
    "settings",
    "trust",
);

/// The language a message missing from another is taken from.
const FALLBACK: Lang = Lang::Fi;

/// The messages of `lang`, parsed on first use.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [LazyLock<FluentBundle<FluentResource>>; 3] =
        [LazyLock::new(|| parse(Lang::Fi)), LazyLock::new(|| parse(Lang::Sv)), LazyLock::new(|| parse(Lang::En))];
    &BUNDLES[lang.index()]
}

fn parse(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid().clone()]);
    // Unicode isolation marks around arguments confuse screen readers and copy-paste.
    bundle.set_use_isolating(false);
    for source in FLUENT_FILES[lang.index()] {
        // The files are compiled in and every message of every language is read by the tests,
        // so a file that does not parse, or defines a message twice, never gets past them.
        let resource = FluentResource::try_new(source.to_string()).expect("a Fluent file that parses");
        bundle.add_resource(resource).expect("Fluent files that define each message once");
    }
    bundle
}

/// The message `id` of `lang`'s, with `args`; `None` when it is not there or cannot be
/// formatted (an argument missing).
fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The three languages of the service. Finnish is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

static FI: LanguageIdentifier = langid!("fi");
static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

impl Lang {
    /// An amount in euros as this language writes it: `750,00 €` in Finnish and Swedish,
    /// `€750.00` in English.
    pub fn euros(self, cents: u32) -> String {
        let (whole, part) = (cents / 100, cents % 100);
        match self {
            Lang::En => format!("€{whole}.{part:02}"),
            Lang::Fi | Lang::Sv => format!("{whole},{part:02}\u{a0}€"),
        }
    }

    /// Whole euros as this language writes a salary or a limit, thousands grouped: `3 937 €`
    /// in Finnish and Swedish (a no-break space), `€3,937` in English.
    pub fn whole_euros(self, euros: u32) -> String {
        let digits = euros.to_string();
        let separator = if self == Lang::En { ',' } else { '\u{a0}' };
        let mut grouped = String::new();
        for (n, digit) in digits.chars().enumerate() {
            if n > 0 && (digits.len() - n).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        match self {
            Lang::En => format!("€{grouped}"),
            Lang::Fi | Lang::Sv => format!("{grouped}\u{a0}€"),
        }
    }

    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code, as used in `<html lang>`, URLs and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The place of this language in [`Lang::ALL`], for tables made once per language.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's name in that language itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fi => "Suomi",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fi => &FI,
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// The message `id` in this language.
    pub fn t(self, id: &str) -> String {
        match self.find(id) {
            Some(message) => message,
            None => missing(id),
        }
    }

    /// The message `id` in this language, with named arguments.
    pub fn t_args(self, id: &str, args: &[(&'static str, &str)]) -> String {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent.set(*name, value.to_string());
        }
        self.lookup(id, Some(&fluent)).unwrap_or_else(|| missing(id))
    }

    /// The message `id` in this language, if it is defined: for messages that are optional.
    /// A message without arguments reads the same every time, so each is resolved once.
    pub fn find(self, id: &str) -> Option<String> {
        static RESOLVED: LazyLock<[RwLock<Resolved>; 3]> = LazyLock::new(|| Lang::ALL.map(|_| RwLock::default()));
        let resolved = &RESOLVED[self.index()];
        if let Some(found) = resolved.read().unwrap_or_else(|e| e.into_inner()).get(id) {
            return found.as_deref().map(str::to_string);
        }
        let found = self.lookup(id, None);
        let mut resolved = resolved.write().unwrap_or_else(|e| e.into_inner());
        // Ids come from the code, so there are a few thousand at most; the bound only guards.
        if resolved.len() < RESOLVED_MAX {
            resolved.insert(id.into(), found.as_deref().map(Box::from));
        }
        found
    }

    /// The message `id` in this language, or in the fallback language when this one has none.
    fn lookup(self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        self.looked_up_in().find_map(|lang| format(lang, id, args))
    }

    /// The languages a message is looked up in, in turn.
    fn looked_up_in(self) -> impl Iterator<Item = Lang> {
        std::iter::once(self).chain((self != FALLBACK).then_some(FALLBACK))
    }
}

/// Messages of one language resolved so far: id → the message, or none when it is not defined.
type Resolved = HashMap<Box<str>, Option<Box<str>>>;

/// The most messages kept resolved per language.
const RESOLVED_MAX: usize = 10_000;

/// What a missing message shows. It must be noticed, not papered over: tests search rendered
/// pages for this marker, and the locale tests fail on any id that is not defined.
fn missing(id: &str) -> String {
    format!("[missing message: {id}]")
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The message `id` in the page's language.
pub fn t(id: &str) -> String {
    use_lang().t(id)
}

/// The message `id` in the page's language, with named arguments.
pub fn t_args(id: &str, args: &[(&'static str, &str)]) -> String {
    use_lang().t_args(id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_euros_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::En.whole_euros(3937), "€3,937");
        assert_eq!(Lang::Fi.whole_euros(3937), "3\u{a0}937\u{a0}€");
        assert_eq!(Lang::Sv.whole_euros(40_000), "40\u{a0}000\u{a0}€");
        assert_eq!(Lang::En.whole_euros(1_234_567), "€1,234,567");
        assert_eq!(Lang::En.whole_euros(600), "€600");
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(Lang::ALL[lang.index()], lang);
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code("FI"), None);
    }

    #[test]
    fn each_language_has_its_own_words() {
        let names: Vec<String> = Lang::ALL.iter().map(|l| l.t("service-name")).collect();
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), Lang::ALL.len(), "each language names the service in its own words: {names:?}");
        assert!(names.iter().all(|name| !name.starts_with("[missing")), "{names:?}");
    }

    /// Every Fluent file of every language is compiled in.
    #[test]
    fn the_fluent_files_are_all_listed() {
        for lang in Lang::ALL {
            let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.code());
            let mut files: Vec<String> = std::fs::read_dir(&directory)
                .unwrap()
                .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
                .collect();
            let mut listed: Vec<String> = FLUENT_FILES[lang.index()].iter().map(|file| file.to_string()).collect();
            files.sort();
            listed.sort();
            assert!(files == listed, "{}: each file in {} is listed in FLUENT_FILES", lang.code(), directory.display());
        }
    }

    /// A language without a message takes it from Finnish.
    #[test]
    fn a_message_falls_back_to_finnish() {
        assert_eq!(Lang::En.looked_up_in().collect::<Vec<_>>(), [Lang::En, Lang::Fi]);
        assert_eq!(Lang::Sv.looked_up_in().collect::<Vec<_>>(), [Lang::Sv, Lang::Fi]);
        assert_eq!(Lang::Fi.looked_up_in().collect::<Vec<_>>(), [Lang::Fi]);
    }

    #[test]
    fn a_missing_message_is_visible() {
        assert_eq!(Lang::En.t("no-such-message"), "[missing message: no-such-message]");
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let text = Lang::En.t_args("safe-use-address", &[("address", "https://example.test")]);
        assert!(text.contains("https://example.test"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }
}
