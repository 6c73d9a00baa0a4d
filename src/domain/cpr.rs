//! Spotting CPR numbers in free text. Social Sundhed never stores one, and
//! people type them out of habit, in any field and in any of the ways word
//! processors and phones write them: `010203-1234`, `01.02.03-1234`,
//! `01 02 03-1234`, `010203–1234` (an en dash), `010203/1234`,
//! `CPR: 010203 - 1234`, or with full-width digits. One detector serves
//! every free-text field of every form (`validation::required_text` and
//! `optional_text`), so no form can forget it.

/// Characters that may stand between the digit groups of a number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '.' | '-' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}'
    )
}

/// The value of a decimal digit as people type them: ASCII or full width.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{ff10}'..='\u{ff19}' => Some(c as u32 - 0xff10),
        _ => None,
    }
}

/// At most this many separators between two digits ("010203 - 1234").
const MAX_GAP: usize = 3;

/// Whether `text` holds something that reads as a CPR number: a real day
/// and month (ddmmyy) and four digits, ten digits in all, whatever the
/// separators between them, and not part of a longer number.
pub fn contains(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| digit(chars[i]).is_some() && (i == 0 || digit(chars[i - 1]).is_none()))
        .any(|start| reads_as_cpr(&chars[start..]))
}

/// Whether the number starting at the first of `chars` is a CPR number.
fn reads_as_cpr(chars: &[char]) -> bool {
    let mut digits = Vec::with_capacity(10);
    let mut gap = 0;
    let mut rest = chars.iter();
    for &c in rest.by_ref() {
        if let Some(d) = digit(c) {
            digits.push(d);
            gap = 0;
            if digits.len() == 10 {
                break;
            }
        } else if is_separator(c) && gap < MAX_GAP {
            gap += 1;
        } else {
            return false;
        }
    }
    // Ten digits, and not the first ten of a longer number.
    if digits.len() != 10 || rest.next().and_then(|&c| digit(c)).is_some() {
        return false;
    }
    let day = digits[0] * 10 + digits[1];
    let month = digits[2] * 10 + digits[3];
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn every_way_of_writing_a_cpr_number_is_spotted() {
        for text in [
            "0101901234",
            "010190-1234",
            "Mit cpr er 311299 1234.",
            "(231185-4321)",
            "01.02.03-1234",
            "01 02 03-1234",
            "010203\u{2013}1234",
            "010203/1234",
            "CPR: 010203 - 1234",
            "\u{ff10}\u{ff11}\u{ff10}\u{ff12}\u{ff10}\u{ff13}-\u{ff11}\u{ff12}\u{ff13}\u{ff14}",
            "Anna 010203-1234 Berg",
        ] {
            assert!(contains(text), "{text}");
        }
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for text in [
            "Jeg læser medicin, 5. semester",
            "Telefon 70 70 20 25",
            "+45 20 30 40 50",
            "991399-1234",
            "12345678901",
            "2026",
            "4012345678901234",
            "5798000416604",
            "Mødet 01.02.2026 kl. 14",
            "CVR 29189404",
            "PO-1",
        ] {
            assert!(!contains(text), "{text}");
        }
    }
}
