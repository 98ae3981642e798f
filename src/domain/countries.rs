//! Countries (ISO 3166-1 alpha-2) with their names in the portal's languages.

use crate::i18n::Lang;

#[path = "countries_data.rs"]
mod data;

pub use data::COUNTRIES;

/// The name of the country `code` in `lang`.
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    COUNTRIES.iter().find(|(c, ..)| *c == code).map(|(_, fi, sv, en)| match lang {
        Lang::Fi => *fi,
        Lang::Sv => *sv,
        Lang::En => *en,
    })
}

/// Whether `code` is a country of the list.
pub fn is_country(code: &str) -> bool {
    COUNTRIES.iter().any(|(c, ..)| *c == code)
}

/// A key that sorts names as readers of `lang` expect: accents fold to their letter, except
/// that Finnish and Swedish put å, ä and ö after z.
fn sort_key(name: &str, lang: Lang) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' if lang != Lang::En => '{',
            'ä' | 'æ' if lang != Lang::En => '|',
            'ö' | 'ø' if lang != Lang::En => '}',
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Every country as `(code, name)` in `lang`, in that language's alphabetical order.
pub fn sorted(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<_> = COUNTRIES.iter().map(|(code, ..)| (*code, name(code, lang).expect("listed"))).collect();
    list.sort_by_cached_key(|(_, name)| sort_key(name, lang));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_a_name_in_every_language() {
        assert!(COUNTRIES.len() >= 249);
        for (code, fi, sv, en) in COUNTRIES {
            assert!(code.len() == 2 && !fi.is_empty() && !sv.is_empty() && !en.is_empty(), "{code}");
        }
        assert_eq!(name("SE", Lang::Fi), Some("Ruotsi"));
        assert!(is_country("FI") && !is_country("XX"));
    }

    #[test]
    fn names_sort_as_each_language_expects() {
        let sv: Vec<&str> = sorted(Lang::Sv).into_iter().map(|(_, n)| n).collect();
        let position = |name: &str| sv.iter().position(|n| *n == name).unwrap();
        assert!(position("Zambia") < position("Åland") && position("Åland") < position("Österrike"));
        let en: Vec<&str> = sorted(Lang::En).into_iter().map(|(_, n)| n).collect();
        assert_eq!(en.first(), Some(&"Afghanistan"));
    }
}
