use super::validation::{Invalid, required_text};

/// A person's full name as they write it.
pub fn person_name(input: &str) -> Result<String, Invalid> {
    crate::domain::validation::single_line(input.trim())?;
    required_text(input, 200)
}

/// A URL-friendly form of a Danish name: "Nykøbing Falster" becomes
/// "nykoebing-falster", following the Danish transliteration of æ, ø and å.
pub fn slugify(input: &str) -> String {
    let mut slug = String::with_capacity(input.len());
    for c in input.trim().to_lowercase().chars() {
        match c {
            'æ' => slug.push_str("ae"),
            'ø' => slug.push_str("oe"),
            'å' => slug.push_str("aa"),
            'é' | 'è' => slug.push('e'),
            'ü' => slug.push('u'),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ => {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_are_transliterated() {
        assert_eq!(slugify("Nykøbing Falster"), "nykoebing-falster");
        assert_eq!(slugify("Sjælland"), "sjaelland");
        assert_eq!(slugify("  Århus -- Midt "), "aarhus-midt");
        assert_eq!(slugify("LGBT+ venlig praksis"), "lgbt-venlig-praksis");
    }

    #[test]
    fn names_are_required() {
        assert_eq!(
            person_name("  Mette Frederiksen "),
            Ok("Mette Frederiksen".into())
        );
        assert!(person_name("").is_err());
    }
}
