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

/// An e-mail address, trimmed and lower-cased, with a dot in its domain.
pub fn email(typed: &str) -> Option<String> {
    let address = typed.trim().to_lowercase();
    let (local, domain) = address.rsplit_once('@')?;
    let valid_part = |part: &str| !part.is_empty() && !part.chars().any(|c| c.is_whitespace() || c == '@');
    let valid = valid_part(local)
        && valid_part(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    valid.then_some(address)
}

/// A whole number of euros, with spaces as thousands separators allowed.
pub fn euros(typed: &str) -> Option<u32> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.strip_suffix('€').unwrap_or(&compact);
    compact.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(postal_code("00100").as_deref(), Some("00100"));
        assert_eq!(postal_code("0010"), None);
        assert_eq!(euros("3 937 €"), Some(3937));
        assert_eq!(euros("lots"), None);
    }
}
