//! Money, in integer halalas (1 SAR = 100 halalas): the one rounding rule,
//! VAT, rate shares, and the one way an amount is written for people and for
//! machines. Every surface, message and invoice formats through here.

use std::sync::OnceLock;

use crate::i18n::Message;
use crate::locale::Locale;

/// VAT in basis points (15 %).
pub const VAT_BP: i64 = 1500;

/// Rounds `x * num / den` half away from zero, in integers (money never
/// touches floats). A zero denominator is no share.
pub fn share(x: i64, num: i64, den: i64) -> i64 {
    if den == 0 {
        return 0;
    }
    let p = i128::from(x) * i128::from(num);
    let d = i128::from(den);
    let (p, d) = if d < 0 { (-p, -d) } else { (p, d) };
    let half_up = |p: i128| (2 * p + d) / (2 * d);
    (if p < 0 { -half_up(-p) } else { half_up(p) }) as i64
}

/// The VAT on a net amount, rounded half up to the halala.
pub fn vat_of(net: i64) -> i64 {
    share(net, VAT_BP, 10_000)
}

/// A rate in basis points of an amount (commission, cashback), rounded half up.
pub fn rate_of(amount: i64, bp: i64) -> i64 {
    share(amount, bp, 10_000)
}

/// An amount as a message argument: `Message::new(k).arg("min", Money(100_000))`
/// renders `SAR 1000.00` or `1000.00 ر.س`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(pub i64);

/// The digits numbers are written with in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// 0123456789
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
}

impl Digits {
    pub fn parse(s: &str) -> Option<Digits> {
        match s {
            "latin" => Some(Digits::Latin),
            "arabic-indic" | "arabic" => Some(Digits::ArabicIndic),
            _ => None,
        }
    }
}

static ARABIC_DIGITS: OnceLock<Digits> = OnceLock::new();

/// Chooses, once at start, the digits of Arabic pages (`ARABIC_DIGITS`);
/// Latin until then. English always uses Latin digits.
pub fn set_arabic_digits(d: Digits) {
    let _ = ARABIC_DIGITS.set(d);
}

/// The digits `locale` writes numbers with.
pub fn digits_of(locale: Locale) -> Digits {
    match locale {
        Locale::En => Digits::Latin,
        Locale::Ar => *ARABIC_DIGITS.get().unwrap_or(&Digits::Latin),
    }
}

/// `s` with its ASCII digits (and decimal point) in the style `d`.
pub fn with_digits(s: &str, d: Digits) -> String {
    match d {
        Digits::Latin => s.to_owned(),
        Digits::ArabicIndic => s
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                '.' => '\u{066B}',
                c => c,
            })
            .collect(),
    }
}

/// An amount for machines and forms: `11500` → `115.00`, `-5` → `-0.05`
/// (ASCII digits, a point, the sign kept below one riyal).
pub fn decimal(halalas: i64) -> String {
    let sign = if halalas < 0 { "-" } else { "" };
    let abs = halalas.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// An amount for people, with the currency, in the language's order and
/// digits: `115.00 ر.س`, `SAR 115.00`, `-0.50 SAR`.
pub fn format(locale: Locale, halalas: i64) -> String {
    format_with(locale, digits_of(locale), halalas)
}

/// [`format`] with the digits given rather than configured.
pub fn format_with(locale: Locale, digits: Digits, halalas: i64) -> String {
    Message::new("money-sar")
        .arg("amount", with_digits(&decimal(halalas), digits))
        .render(locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fluent isolates placeables with FSI/PDI; the text is what matters here.
    fn plain(s: String) -> String {
        s.replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn signs_survive_below_one_riyal() {
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal(5), "0.05");
        assert_eq!(decimal(-1), "-0.01");
        assert_eq!(decimal(-99), "-0.99");
        assert_eq!(decimal(-100), "-1.00");
        assert_eq!(decimal(-12_345), "-123.45");
        assert_eq!(decimal(11_500), "115.00");
        assert_eq!(decimal(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn shares_round_half_away_from_zero() {
        assert_eq!(vat_of(10_000), 1_500);
        assert_eq!(vat_of(3), 0); // 0.45 halala
        assert_eq!(vat_of(10), 2); // 1.5 halalas rounds up
        assert_eq!(vat_of(33_333), 5_000); // 4999.95
        assert_eq!(vat_of(-10), -2, "a reversal mirrors its charge");
        assert_eq!(share(1, 1, 2), 1);
        assert_eq!(share(-1, 1, 2), -1);
        assert_eq!(share(1, 1, 3), 0);
        assert_eq!(share(5, 1, 0), 0);
        assert_eq!(rate_of(45_000, 1_000), 4_500);
    }

    #[test]
    fn both_languages_write_amounts_in_their_order_and_digits() {
        assert_eq!(
            plain(format_with(Locale::En, Digits::Latin, 11_550)),
            "SAR 115.50"
        );
        assert_eq!(
            plain(format_with(Locale::Ar, Digits::Latin, 11_550)),
            "115.50 ر.س"
        );
        assert_eq!(
            plain(format_with(Locale::Ar, Digits::ArabicIndic, 11_550)),
            "١١٥٫٥٠ ر.س"
        );
        assert_eq!(
            plain(format_with(Locale::En, Digits::Latin, -50)),
            "SAR -0.50"
        );
        assert_eq!(
            plain(format_with(Locale::Ar, Digits::ArabicIndic, -50)),
            "-٠٫٥٠ ر.س"
        );
        assert_eq!(digits_of(Locale::En), Digits::Latin);
    }
}
