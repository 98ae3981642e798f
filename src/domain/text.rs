//! Checks of short typed answers: names as in a passport, e-mail, phone, postal code.

/// A name as in the passport's machine-readable zone: letters A–Z, with spaces, hyphens and
/// apostrophes between parts. Returned upper-cased with single spaces.
pub fn passport_name(typed: &str) -> Option<String> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
    let allowed = |c: char| c.is_ascii_uppercase() || c == ' ' || c == '-' || c == '\'';
    let starts_and_ends_with_letter = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().last().is_some_and(|c| c.is_ascii_uppercase());
    (name.chars().all(allowed) && starts_and_ends_with_letter).then_some(name)
}

/// A phone number in international form, `+` and 7–15 digits; spaces, hyphens and brackets
/// typed between digits are dropped.
pub fn international_phone(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    let digits = compact.strip_prefix('+')?;
    let valid =
        (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0');
    valid.then_some(compact)
}

/// A Finnish postal code: five digits.
pub fn postal_code(typed: &str) -> Option<String> {
    let code = typed.trim();
    (code.len() == 5 && code.chars().all(|c| c.is_ascii_digit())).then(|| code.to_string())
}

/// The longest e-mail address there can be (RFC 5321: a 256-octet path less its `<>`).
pub const EMAIL_MAX: usize = 254;

/// `typed` when it is a path of this site to return to after logging in: absolute, without a
/// host (`//host` and `/\host` lead elsewhere), without spaces or control characters, not too
/// long, and not the login itself. Anything else is no destination at all.
pub fn local_path(typed: &str) -> Option<&str> {
    let login = ["/login", "/logout"]
        .iter()
        .any(|p| typed.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with(['?', '/'])));
    (typed.len() <= 512 && is_site_path(typed) && !typed.contains(' ') && !login).then_some(typed)
}

/// Whether `typed` is a path on this site: absolute, with no host (`//host`, `/\host`), and no
/// control characters or backslashes that a browser might read as something else.
pub fn is_site_path(typed: &str) -> bool {
    typed.strip_prefix('/').is_some_and(|rest| !rest.starts_with('/'))
        && !typed.chars().any(|c| c.is_control() || c == '\\')
}

/// A bare e-mail address, trimmed and lower-cased: `local@domain` and nothing else, so a
/// display name (`Jane <jane@example.fi>`), a quoted local part, an address literal
/// (`x@[127.0.0.1]`) or a control character is refused rather than read as some other
/// address. The local part is a dot-atom (letters, digits and ``!#$%&'*+/=?^_`{|}~-``, dots
/// between); the domain has at least two labels of letters, digits and inner hyphens.
pub fn email(typed: &str) -> Option<String> {
    let address = typed.trim().to_lowercase();
    if address.len() > EMAIL_MAX {
        return None;
    }
    let (local, domain) = address.split_once('@')?;
    let atom_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_valid = local.len() <= 64 && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char));
    let label_valid = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let domain_valid = domain.split('.').count() >= 2 && domain.split('.').all(label_valid);
    (local_valid && domain_valid).then_some(address)
}

/// Whether `typed` holds a character that displays otherwise than it reads, or not at all:
/// a control character (C0, DEL, C1 such as NEL), a bidirectional control (which can make text
/// show in another order than it is stored: "Trojan source"), or a noncharacter. Line breaks
/// and tabs are text where the answer has several lines (`multiline`).
pub fn has_hidden_characters(typed: &str, multiline: bool) -> bool {
    typed.chars().any(|c| {
        let line_break_or_tab = matches!(c, '\n' | '\r' | '\t');
        let control = c.is_control() && !(multiline && line_break_or_tab);
        let bidi =
            matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (u32::from(c) & 0xFFFE) == 0xFFFE;
        control || bidi || noncharacter
    })
}

/// A whole number of euros, with spaces as thousands separators allowed.
pub fn euros(typed: &str) -> Option<u32> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.strip_suffix('€').unwrap_or(&compact);
    compact.parse().ok()
}

/// A number with at most one decimal, with a comma (as Finnish and Swedish write it) or a
/// point, in tenths: `37,5` → 375. Spaces are ignored.
pub fn tenths(typed: &str) -> Option<u32> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let (whole, tenth) = match compact.split_once([',', '.']) {
        Some((whole, tenth)) if tenth.len() == 1 => (whole, tenth),
        Some(_) => return None,
        None => (compact.as_str(), "0"),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !tenth.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.parse::<u32>().ok()?.checked_mul(10)?.checked_add(tenth.parse::<u32>().ok()?)
}

/// Tenths as stored: `375` → `37.5`, `400` → `40`.
pub fn tenths_text(tenths: u32) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        tenth => format!("{}.{tenth}", tenths / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 37,5 hours: the standard Finnish full-time week, however it is typed.
    #[test]
    fn hours_are_read_to_a_tenth_with_a_comma_or_a_point() {
        for (typed, tenths) in [
            ("37,5", Some(375)),
            ("37.5", Some(375)),
            (" 40 ", Some(400)),
            ("7,25", None),
            ("", None),
            (",5", None),
            ("3,x", None),
            ("-1", None),
            ("1e3", None),
        ] {
            assert_eq!(super::tenths(typed), tenths, "{typed:?}");
        }
        assert_eq!((tenths_text(375), tenths_text(400)), ("37.5".to_string(), "40".to_string()));
    }

    #[test]
    fn only_a_path_of_this_site_is_a_place_to_return_to() {
        for good in ["/applications", "/applications/abc/steps/names?return=check", "/account"] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "",
            "applications",
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example/",
            "/a b",
            "/a\nb",
            "/login",
            "/login?next=/account",
            "/logout",
            &format!("/{}", "a".repeat(600)),
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hidden_characters_are_found_and_line_breaks_only_in_long_text() {
        for hidden in [
            "a\0b",
            "a\u{1}",
            "a\u{7F}",
            "a\u{85}b",
            "\u{202E}txt.exe",
            "a\u{2066}b\u{2069}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{1FFFF}",
            "\u{FDD0}",
            "\u{200F}",
        ] {
            assert!(has_hidden_characters(hidden, true), "{hidden:?}");
            assert!(has_hidden_characters(hidden, false), "{hidden:?}");
        }
        assert!(has_hidden_characters("a\nb", false) && has_hidden_characters("a\tb", false));
        for text in ["a\nb\r\n\tc", "Åland – Ünal, 北京 🙂", "ﬁ"] {
            assert!(!has_hidden_characters(text, true), "{text:?}");
        }
        assert!(!has_hidden_characters("Åland – Ünal, 北京 🙂", false));
    }

    #[test]
    fn passport_names_use_the_machine_readable_letters() {
        assert_eq!(passport_name("  anna-maria   o'neil ").as_deref(), Some("ANNA-MARIA O'NEIL"));
        for bad in ["", "Müller", "Ödön", "Li 3", "-ANNA", "ANNA-"] {
            assert_eq!(passport_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn phones_emails_postal_codes_and_sums() {
        assert_eq!(international_phone("+358 40 123 4567").as_deref(), Some("+358401234567"));
        assert_eq!(international_phone("040 123 4567"), None, "international form only");
        assert_eq!(international_phone("+0401234567"), None);
        assert_eq!(email(" Maria@Example.FI").as_deref(), Some("maria@example.fi"));
        assert_eq!(email("maria@localhost"), None);
        assert_eq!(email("o'neil+hakemus@sub.example.fi").as_deref(), Some("o'neil+hakemus@sub.example.fi"));
        for bad in [
            "Jane Doe <you@example.fi>",
            "<you@example.fi>",
            "\"a b\"@example.fi",
            "\"<script>\"@example.fi",
            "x@[127.0.0.1]",
            "a..b@example.fi",
            ".a@example.fi",
            "a@-example.fi",
            "a@example..fi",
            "a@b@example.fi",
            "a\r\nBcc: x@example.fi",
            "you@example.fi\r\nBcc: x@example.fi",
            "yöu@example.fi",
        ] {
            assert_eq!(email(bad), None, "{bad:?}");
        }
        assert_eq!(email(&format!("{}@example.fi", "a".repeat(64))).map(|a| a.len()), Some(75));
        assert_eq!(email(&format!("{}@example.fi", "a".repeat(65))), None, "a local part has 64 characters");
        let long = format!("a@{}.fi", ["b".repeat(63), "c".repeat(63), "d".repeat(63), "e".repeat(57)].join("."));
        assert_eq!(long.len(), 254);
        assert!(email(&long).is_some());
        assert_eq!(email(&format!("a{long}")), None, "at most 254 characters");
        assert_eq!(postal_code("00100").as_deref(), Some("00100"));
        assert_eq!(postal_code("0010"), None);
        assert_eq!(euros("3 937 €"), Some(3937));
        assert_eq!(euros("lots"), None);
    }
}
