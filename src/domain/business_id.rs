//! The Finnish Business ID (Y-tunnus), `NNNNNNN-C`.

const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];

/// The check digit of seven digits, or `None` when no digit fits (remainder 1).
fn check_digit(digits: &[u32]) -> Option<u32> {
    let remainder = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11;
    match remainder {
        0 => Some(0),
        1 => None,
        r => Some(11 - r),
    }
}

/// A valid Business ID in its written form, or `None`. Old six-digit IDs are written with a
/// leading zero, as the trade register does.
pub fn parse(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let (number, check) = typed.split_once('-')?;
    let number = if number.len() == 6 { format!("0{number}") } else { number.to_string() };
    let digits: Vec<u32> = number.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    let check: u32 = match check.chars().collect::<Vec<_>>().as_slice() {
        [c] => c.to_digit(10)?,
        _ => return None,
    };
    (digits.len() == 7 && check_digit(&digits) == Some(check)).then(|| format!("{number}-{check}"))
}

/// A valid Business ID, small enough to copy: what an organisation is known by, in the
/// session that acts for it and on the applications it owns.
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BusinessId([u8; 9]);

impl BusinessId {
    /// The written form of a valid `typed` Business ID (see [`parse`]).
    pub fn parse(typed: &str) -> Option<BusinessId> {
        let written = parse(typed)?;
        Some(BusinessId(written.as_bytes().try_into().ok()?))
    }

    pub fn as_str(&self) -> &str {
        // Made only from a parsed Business ID: ASCII digits and a hyphen.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::fmt::Display for BusinessId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for BusinessId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BusinessId({})", self.as_str())
    }
}

impl TryFrom<String> for BusinessId {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        BusinessId::parse(&text).ok_or("not a valid Business ID")
    }
}

impl From<BusinessId> for String {
    fn from(id: BusinessId) -> String {
        id.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_vector_of_the_domain_notes() {
        assert_eq!(parse("2077474-0").as_deref(), Some("2077474-0"));
        assert_eq!(parse("2077474-1"), None);
        assert_eq!(parse("737546-2").as_deref(), Some("0737546-2"), "an old six-digit ID");
        assert_eq!(BusinessId::parse(" 737546-2").map(|id| id.to_string()).as_deref(), Some("0737546-2"));
        assert_eq!(BusinessId::parse("2077474-1"), None);
        for bad in ["", "2077474", "2077474-", "207747a-0", "2077474-00", "20774740"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    fn valid_id() -> impl Strategy<Value = String> {
        prop::collection::vec(0u32..10, 7).prop_filter_map("remainder 1 has no check digit", |digits| {
            let check = check_digit(&digits)?;
            Some(format!("{}-{check}", digits.iter().map(u32::to_string).collect::<String>()))
        })
    }

    proptest! {
        #[test]
        fn every_valid_id_parses_to_itself(id in valid_id()) {
            prop_assert_eq!(parse(&id), Some(id.clone()));
        }

        #[test]
        fn changing_one_digit_is_noticed(id in valid_id(), at in 0usize..9, digit in 0u32..10) {
            prop_assume!(at != 7);
            let mut chars: Vec<char> = id.chars().collect();
            let new = char::from_digit(digit, 10).unwrap();
            prop_assume!(chars[at] != new);
            chars[at] = new;
            let corrupted: String = chars.into_iter().collect();
            prop_assert_eq!(parse(&corrupted), None);
        }
    }
}
