//! Amounts in Danish kroner, kept as whole øre so that no rounding ever
//! happens on the way to an invoice.

use super::validation::Invalid;

/// The highest price a course may have: 1.000.000,00 kr.
pub const MAX_ORE: i64 = 100_000_000;

/// Reads a price as people type it: "1250", "1.250", "1.250,00", "1250,5",
/// "1250 kr.". The comma is the decimal mark and the full stop groups
/// thousands, the Danish way. Empty is zero (a free course).
pub fn parse_kroner(input: &str) -> Result<i64, Invalid> {
    let invalid = Invalid("error-price");
    let v = input.trim();
    let v = v
        .strip_suffix("kr.")
        .or_else(|| v.strip_suffix("kr"))
        .unwrap_or(v)
        .trim();
    if v.is_empty() {
        return Ok(0);
    }
    let (whole, fraction) = match v.split_once(',') {
        Some((w, f)) => (w, f),
        None => (v, ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(invalid);
    }
    let kroner: i64 = whole.parse().map_err(|_| invalid)?;
    let ore: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| invalid)? * 10,
        _ => fraction.parse().map_err(|_| invalid)?,
    };
    let total = kroner
        .checked_mul(100)
        .and_then(|k| k.checked_add(ore))
        .ok_or(invalid)?;
    if total > MAX_ORE {
        return Err(invalid);
    }
    Ok(total)
}

fn grouped(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// "1.250,00 kr."
pub fn danish(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}{},{:02} kr.", grouped(abs / 100, '.'), abs % 100)
}

/// "DKK 1,250.00"
pub fn english(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}DKK {}.{:02}", grouped(abs / 100, ','), abs % 100)
}

/// For machines (UBL, the bookkeeping file): "1250.00", "-5.00".
pub fn decimal(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// For a form field: "1.250,00", or empty for zero.
pub fn to_form(ore: i64) -> String {
    if ore == 0 {
        return String::new();
    }
    danish(ore).trim_end_matches(" kr.").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_the_danish_way() {
        assert_eq!(danish(125_000), "1.250,00 kr.");
        assert_eq!(danish(0), "0,00 kr.");
        assert_eq!(danish(5), "0,05 kr.");
        assert_eq!(danish(123_456_789), "1.234.567,89 kr.");
        assert_eq!(english(125_000), "DKK 1,250.00");
        assert_eq!(to_form(125_050), "1.250,50");
        assert_eq!(to_form(0), "");
        assert_eq!(decimal(125_050), "1250.50");
        assert_eq!(decimal(-500), "-5.00");
        assert_eq!(decimal(0), "0.00");
    }

    #[test]
    fn typed_prices_become_ore() {
        assert_eq!(parse_kroner("1250"), Ok(125_000));
        assert_eq!(parse_kroner("1.250,00 kr."), Ok(125_000));
        assert_eq!(parse_kroner(" 1 250,5 "), Ok(125_050));
        assert_eq!(parse_kroner("0,05"), Ok(5));
        assert_eq!(parse_kroner(""), Ok(0));
        assert_eq!(parse_kroner("1250,505"), Err(Invalid("error-price")));
        assert_eq!(parse_kroner("-100"), Err(Invalid("error-price")));
        assert_eq!(parse_kroner("tusind"), Err(Invalid("error-price")));
        assert_eq!(parse_kroner("2000000"), Err(Invalid("error-price")));
        assert_eq!(parse_kroner(&to_form(98_765)), Ok(98_765));
    }
}
