//! The Finnish personal identity code, `DDMMYYCZZZQ`.
//!
//! The century sign is part of the identity: since 2023 the 1900s have `-` and `Y X W V U`,
//! the 2000s `A` and `B C D E F`, so `100190-999P` and `100190Y999P` are two different people.
//! The sign is therefore never normalised; only surrounding spaces go and letters are
//! upper-cased.

use super::date::Date;

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityCodeError {
    /// Not eleven characters of the right kinds in the right places.
    Format,
    /// The date part is not a real date.
    Date,
    /// The check character does not match.
    Checksum,
}

/// The century a sign stands for.
fn century(sign: char) -> Option<i32> {
    match sign {
        '+' => Some(1800),
        '-' | 'Y' | 'X' | 'W' | 'V' | 'U' => Some(1900),
        'A' | 'B' | 'C' | 'D' | 'E' | 'F' => Some(2000),
        _ => None,
    }
}

/// The check character of the nine digits `DDMMYYZZZ`.
fn check_char(digits: u64) -> char {
    CHECK_CHARS[(digits % 31) as usize] as char
}

/// A valid identity code as it should be stored, and the date of birth it holds.
pub fn parse(typed: &str) -> Result<(String, Date), IdentityCodeError> {
    let code = typed.trim().to_uppercase();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 11 {
        return Err(IdentityCodeError::Format);
    }
    let digits_at = |range: std::ops::Range<usize>| -> Option<u64> {
        chars[range].iter().try_fold(0u64, |n, c| c.to_digit(10).map(|d| n * 10 + u64::from(d)))
    };
    let (Some(ddmmyy), Some(individual), Some(century)) = (digits_at(0..6), digits_at(7..10), century(chars[6])) else {
        return Err(IdentityCodeError::Format);
    };
    // 002–899 for people, 900–999 for temporary codes.
    if individual < 2 {
        return Err(IdentityCodeError::Format);
    }
    let (day, month, year) = (ddmmyy / 10_000, ddmmyy / 100 % 100, ddmmyy % 100);
    let date = Date::new(century + year as i32, month as u32, day as u32).ok_or(IdentityCodeError::Date)?;
    if check_char(ddmmyy * 1000 + individual) != chars[10] {
        return Err(IdentityCodeError::Checksum);
    }
    Ok((code, date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_vectors_of_the_domain_notes() {
        assert_eq!(parse("131052-308T").unwrap(), ("131052-308T".into(), Date::new(1952, 10, 13).unwrap()));
        assert_eq!(parse(" 100190y999p ").unwrap().0, "100190Y999P", "trimmed and upper-cased, the sign kept");
        assert_eq!(parse("131052-308U"), Err(IdentityCodeError::Checksum));
    }

    #[test]
    fn the_century_sign_is_part_of_the_identity() {
        let old = parse("100190-999P").unwrap();
        let new = parse("100190Y999P").unwrap();
        assert_ne!(old.0, new.0, "never normalised to one another");
        assert_eq!(old.1, new.1);
        assert_eq!(parse("010101A123N").unwrap().1, Date::new(2001, 1, 1).unwrap());
        assert_eq!(parse("010101+123N").unwrap().1, Date::new(1801, 1, 1).unwrap());
    }

    #[test]
    fn impossible_dates_and_shapes_are_refused() {
        assert_eq!(parse("310290-123A"), Err(IdentityCodeError::Date), "no 31 February");
        assert_eq!(parse("131052-308"), Err(IdentityCodeError::Format));
        assert_eq!(parse("131052Z308T"), Err(IdentityCodeError::Format), "Z is no century sign");
        assert_eq!(parse("131052-001T"), Err(IdentityCodeError::Format), "individual numbers start at 002");
    }

    /// A valid code made from its parts.
    fn make(day: u32, month: u32, year: u32, sign: char, individual: u64) -> String {
        let ddmmyy = u64::from(day) * 10_000 + u64::from(month) * 100 + u64::from(year);
        format!("{day:02}{month:02}{year:02}{sign}{individual:03}{}", check_char(ddmmyy * 1000 + individual))
    }

    fn valid_code() -> impl Strategy<Value = String> {
        (
            1u32..=28,
            1u32..=12,
            0u32..=99,
            prop::sample::select(vec!['+', '-', 'Y', 'X', 'W', 'V', 'U', 'A', 'B', 'C', 'D', 'E', 'F']),
            2u64..=999,
        )
            .prop_map(|(d, m, y, s, n)| make(d, m, y, s, n))
    }

    proptest! {
        #[test]
        fn every_valid_code_parses_to_itself(code in valid_code()) {
            prop_assert_eq!(parse(&code).map(|(c, _)| c), Ok(code.clone()));
        }

        #[test]
        fn changing_one_character_is_noticed(code in valid_code(), at in 0usize..11, replacement in "[0-9A-Y+-]") {
            let mut chars: Vec<char> = code.chars().collect();
            let new = replacement.chars().next().unwrap();
            prop_assume!(chars[at] != new);
            // Another century sign makes another person's code, valid on its own.
            prop_assume!(!(at == 6 && century(new).is_some()));
            chars[at] = new;
            let corrupted: String = chars.into_iter().collect();
            prop_assert!(parse(&corrupted).is_err(), "{} accepted", corrupted);
        }
    }
}
