//! IBAN account numbers (ISO 13616): the country's length, and the mod-97 check. Finnish and
//! Åland accounts (`FI`, `AX`) have 18 characters.

/// The length of an IBAN in the countries the portal's applicants and employers bank in most.
/// Other countries are checked by the mod-97 rule and the general limits (15–34).
fn length_of(country: &str) -> Option<usize> {
    match country {
        "FI" | "AX" => Some(18),
        "SE" => Some(24),
        "EE" => Some(20),
        "DE" => Some(22),
        "NO" => Some(15),
        "DK" => Some(18),
        _ => None,
    }
}

/// The IBAN in groups of four (as printed), or `None`. Spaces may be typed anywhere.
pub fn parse(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if !(15..=34).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (country, check) = (&compact[..2], &compact[2..4]);
    if !country.chars().all(|c| c.is_ascii_uppercase()) || !check.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if length_of(country).is_some_and(|length| length != compact.len()) {
        return None;
    }
    // Move the first four characters to the end, letters become 10–35, then mod 97 must be 1.
    let rearranged = compact[4..].chars().chain(compact[..4].chars());
    let remainder = rearranged.fold(0u32, |acc, c| {
        let value = c.to_digit(36).expect("alphanumeric");
        if value < 10 {
            (acc * 10 + value) % 97
        } else {
            (acc * 100 + value) % 97
        }
    });
    (remainder == 1).then(|| {
        compact
            .as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_accounts() {
        assert_eq!(parse("FI2112345600000785").as_deref(), Some("FI21 1234 5600 0007 85"));
        assert_eq!(parse("fi21 1234 5600 0007 85").as_deref(), Some("FI21 1234 5600 0007 85"));
        assert!(parse("GB82 WEST 1234 5698 7654 32").is_some());
        assert_eq!(parse("FI2112345600000786"), None, "check digits");
        assert_eq!(parse("FI21123456000007"), None, "a Finnish IBAN has 18 characters");
        assert_eq!(parse(""), None);
    }

    /// A Finnish IBAN with its check digits computed.
    fn finnish(bban: &str) -> String {
        let rearranged = format!("{bban}151800");
        let remainder = rearranged.chars().fold(0u32, |acc, c| (acc * 10 + c.to_digit(10).unwrap()) % 97);
        format!("FI{:02}{bban}", 98 - remainder)
    }

    proptest! {
        #[test]
        fn every_valid_finnish_iban_parses(bban in "[0-9]{14}") {
            let iban = finnish(&bban);
            prop_assert!(parse(&iban).is_some(), "{}", iban);
        }

        #[test]
        fn changing_one_digit_is_noticed(bban in "[0-9]{14}", at in 2usize..18, digit in 0u32..10) {
            let mut chars: Vec<char> = finnish(&bban).chars().collect();
            let new = char::from_digit(digit, 10).unwrap();
            prop_assume!(chars[at] != new);
            chars[at] = new;
            let corrupted: String = chars.into_iter().collect();
            prop_assert_eq!(parse(&corrupted), None);
        }
    }
}
