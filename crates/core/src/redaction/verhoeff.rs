//! The Verhoeff checksum that ends every Aadhaar number. It tells a real Aadhaar number from
//! another 12-digit number (an order id, a bank account) nine times in ten.

const MULTIPLICATION: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const PERMUTATION: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Whether the digits in `text` (other characters ignored) end in a valid Verhoeff check digit.
pub fn is_valid(text: &str) -> bool {
    let digits: Vec<u8> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|digit| digit - b'0')
        .collect();
    if digits.is_empty() {
        return false;
    }
    let check = digits
        .iter()
        .rev()
        .enumerate()
        .fold(0_u8, |check, (position, &digit)| {
            MULTIPLICATION[usize::from(check)]
                [usize::from(PERMUTATION[position % 8][usize::from(digit)])]
        });
    check == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_pass_and_one_changed_digit_fails() {
        assert!(is_valid("2341 2341 2346"));
        assert!(is_valid("4987-6543-2102"));
        assert!(!is_valid("2341 2341 2347"));
        assert!(
            !is_valid("2341 2341 2364"),
            "a swap of neighbours is caught"
        );
        assert!(!is_valid(""));
    }
}
