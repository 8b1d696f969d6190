//! Phone numbers as customers type them, stored as E.164.

use serde::{Deserialize, Serialize};

/// A phone number in E.164 (`+9665XXXXXXXX`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Accepts the common Saudi forms (`05XXXXXXXX`, `5XXXXXXXX`, `9665…`,
    /// `+9665…`, `009665…`), other countries with `+` or `00`, spaces, dashes,
    /// brackets and Arabic-Indic digits. Saudi numbers must be mobiles
    /// (`5` + 8 digits) since codes go out by SMS.
    pub fn parse(input: &str) -> Option<Phone> {
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        for (i, c) in input.trim().chars().enumerate() {
            match c {
                '+' if i == 0 => plus = true,
                ' ' | '-' | '(' | ')' | '.' | '\u{200e}' | '\u{200f}' => {}
                _ => digits.push(ascii_digit(c)?),
            }
        }
        let international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if digits.len() == 10 && digits.starts_with("05") {
            format!("966{}", &digits[1..])
        } else if digits.len() == 9 && digits.starts_with('5') {
            format!("966{digits}")
        } else if digits.len() == 12 && digits.starts_with("9665") {
            digits
        } else {
            return None;
        };
        if let Some(national) = international.strip_prefix("966") {
            // A leading trunk zero after the country code is a common slip.
            let national = national.strip_prefix('0').unwrap_or(national);
            if national.len() != 9 || !national.starts_with('5') {
                return None;
            }
            return Some(Phone(format!("+966{national}")));
        }
        if !(8..=15).contains(&international.len()) || international.starts_with('0') {
            return None;
        }
        Some(Phone(format!("+{international}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Trusted value read back from the database.
    pub fn from_stored(e164: String) -> Phone {
        Phone(e164)
    }

    /// For logs: keeps the country code and the last two digits.
    pub fn masked(&self) -> String {
        let n = self.0.len();
        if n <= 6 {
            return "***".into();
        }
        format!("{}***{}", &self.0[..4], &self.0[n - 2..])
    }
}

impl std::fmt::Display for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// ASCII digit for Western, Arabic-Indic and Eastern Arabic-Indic digits.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn saudi_forms_become_e164() {
        for input in [
            "0501234567",
            "501234567",
            "+966501234567",
            "00966501234567",
            "966501234567",
            "+966 50 123 4567",
            "٠٥٠١٢٣٤٥٦٧",
            "+9660501234567",
        ] {
            assert_eq!(
                Phone::parse(input).map(|p| p.to_string()).as_deref(),
                Some("+966501234567"),
                "{input}"
            );
        }
    }

    #[test]
    fn other_countries_and_garbage() {
        assert_eq!(
            Phone::parse("+201001234567").unwrap().as_str(),
            "+201001234567"
        );
        assert_eq!(
            Phone::parse("00971501234567").unwrap().as_str(),
            "+971501234567"
        );
        for bad in [
            "abc",
            "",
            "123",
            "0112345678",
            "+966112345678",
            "+96650123456",
            "05012345678",
        ] {
            assert!(Phone::parse(bad).is_none(), "{bad}");
        }
    }
}
