//! Message codes: the short code every message of the service carries, which anyone can check
//! on the public page "Is this message from us?". Twelve characters of the references'
//! alphabet (no look-alikes, so a code read off a phone's screen is typed right), written in
//! three groups of four: `K7MX-43RN-CWPA`. 12 × log2(19) ≈ 51 bits: guessing one of the codes
//! alive is hopeless within the page's rate limits (docs/security.md works it out).

use super::reference::ALPHABET;

/// Characters in a code.
pub const LENGTH: usize = 12;

/// How many characters each place can be.
pub const RADIX: u32 = ALPHABET.len() as u32;

/// A code from twelve random numbers (each taken modulo the alphabet's length).
pub fn from_numbers(numbers: [u32; LENGTH]) -> String {
    let chars: String = numbers.iter().map(|n| ALPHABET[(*n % RADIX) as usize] as char).collect();
    grouped(&chars)
}

/// The code in `typed` (any case; spaces and dashes anywhere), canonical, or `None` when it is
/// not a code's shape.
pub fn parse(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let valid = compact.len() == LENGTH && compact.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| grouped(&compact))
}

/// How many bits a code carries, rounded down.
pub fn bits() -> u32 {
    (LENGTH as f64 * f64::from(RADIX).log2()) as u32
}

fn grouped(compact: &str) -> String {
    format!("{}-{}-{}", &compact[..4], &compact[4..8], &compact[8..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_carries_at_least_fifty_bits_and_reads_back_however_typed() {
        assert!(bits() >= 50, "{} bits", bits());
        let code = from_numbers([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]);
        assert_eq!(code.len(), 14);
        assert_eq!(parse(&code), Some(code.clone()));
        assert_eq!(parse(&format!(" {} ", code.to_lowercase().replace('-', " "))), Some(code.clone()));
        assert_eq!(parse(&code.replace('-', "")), Some(code));
    }

    #[test]
    fn only_a_codes_shape_is_a_code() {
        for typed in ["", "ACEF-HKMN-PRT", "ACEF-HKMN-PRTWX", "ACEF-HKMN-PRT0", "ACEF-HKMN-PRTÄ", "ACEFH-KMNPR"] {
            assert_eq!(parse(typed), None, "{typed}");
        }
    }
}
