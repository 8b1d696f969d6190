//! Arabic-aware text normalisation for search. The indexed text and the
//! query go through the same function, so spelling variants meet:
//! `فِلْتَر الزّيت - تويوتا كامرى` and `فلتر زيت تويوتا كامري` both become
//! `فلتر زيت تويوتا كامري`.

/// Article and conjunction-plus-article prefixes stripped from Arabic words
/// (light stemming), longest first.
const PREFIXES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

fn fold(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' | 'ئ' => Some('ي'),
        'ؤ' => Some('و'),
        // Harakat, tanween, shadda, sukun, superscript alef, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => Some(c),
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// The search tokens of `text`: folded, lower-cased, split on anything that
/// is not a letter or digit, Arabic articles removed.
pub fn search_tokens(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .filter_map(fold)
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(strip_article)
        .collect()
}

fn strip_article(word: &str) -> String {
    if word.chars().all(is_arabic_letter) {
        for p in PREFIXES {
            if let Some(rest) = word.strip_prefix(p)
                && rest.chars().count() >= 2
            {
                return rest.to_owned();
            }
        }
    }
    word.to_owned()
}

/// Tokens joined by spaces: the form stored for indexing.
pub fn normalize(text: &str) -> String {
    search_tokens(text).join(" ")
}

/// A part number without separators, upper case: `04152-YZZA1` and
/// `04152 yzza1` are the same number.
pub fn compact_code(code: &str) -> String {
    code.chars()
        .filter_map(fold)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_variants_meet() {
        assert_eq!(
            normalize("فِلْتَر الزّيت - تويوتا كامرى"),
            "فلتر زيت تويوتا كامري"
        );
        assert_eq!(normalize("فلتر زيت تويوتا كامري"), "فلتر زيت تويوتا كامري");
        assert_eq!(normalize("إطار أمامي"), normalize("اطار امامي"));
        assert_eq!(normalize("بطارية"), normalize("بطاريه"));
        assert_eq!(normalize("مؤشر"), "موشر");
        assert_eq!(normalize("ـــزيـــت"), "زيت");
        assert_eq!(normalize("موديل ٢٠١٨"), "موديل 2018");
        assert_eq!(normalize("Oil FILTER, Camry"), "oil filter camry");
        // Short words keep their letters.
        assert_eq!(normalize("الى"), "الي");
    }

    #[test]
    fn part_numbers_compact() {
        assert_eq!(compact_code("04152-YZZA1"), "04152YZZA1");
        assert_eq!(compact_code("04152 yzza1"), "04152YZZA1");
    }
}
