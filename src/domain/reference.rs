//! Application references: short, unambiguous when read aloud or copied from paper.

/// Letters and digits without look-alikes: no 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 8/B, 6/G, U/V.
pub const ALPHABET: &[u8] = b"ACEFHKMNPRTWXY34679";

/// A reference from ten random numbers (each taken modulo the alphabet's length), written
/// `XXXXX-XXXXX`: about 42 bits.
pub fn from_numbers(numbers: [u32; 10]) -> String {
    let chars: String = numbers.iter().map(|n| ALPHABET[*n as usize % ALPHABET.len()] as char).collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// Whether `typed` (any case, spaces allowed) is a reference's shape; returns it canonical.
pub fn parse(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let valid = compact.len() == 10 && compact.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| format!("{}-{}", &compact[..5], &compact[5..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_have_no_look_alikes_and_read_back() {
        let reference = from_numbers([0, 1, 2, 3, 4, 5, 6, 7, 8, 100]);
        assert_eq!(reference.len(), 11);
        for confusable in ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B'] {
            assert!(!ALPHABET.contains(&(confusable as u8)), "{confusable}");
        }
        assert_eq!(parse(&reference.to_lowercase().replace('-', " ")), Some(reference));
        assert_eq!(parse("AAAAA-0AAAA"), None);
    }
}
