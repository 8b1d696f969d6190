//! Vehicle identification numbers, read to narrow parts search to the buyer's car.

use std::time::{SystemTime, UNIX_EPOCH};

pub const VIN_LEN: usize = 17;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VinError {
    Length,
    /// I, O and Q are banned by ISO 3779 because they read as 1 and 0.
    Characters,
    CheckDigit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    NorthAmerica,
    Asia,
    Europe,
    Africa,
    Oceania,
    SouthAmerica,
    MiddleEast,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vin {
    pub vin: String,
    pub wmi: String,
    pub region: Region,
    pub maker: Option<&'static str>,
    pub model_year: Option<i32>,
    pub check_digit_verified: bool,
}

// Longest prefix wins, so a brand inside a wider family (JTH Lexus within JT
// Toyota) only needs its own longer entry. WMIs shared by several brands
// (2C3 Chrysler 300 / Dodge Charger, 3C4, 1C3) are left out on purpose: a
// wrong maker would filter out the parts that actually fit.
const MAKERS: &[(&str, &str)] = &[
    ("JT", "Toyota"),
    ("4T1", "Toyota"),
    ("4T3", "Toyota"),
    ("5TD", "Toyota"),
    ("5TF", "Toyota"),
    ("2T1", "Toyota"),
    ("MR0", "Toyota"),
    ("MR2", "Toyota"),
    ("AHT", "Toyota"),
    ("6T1", "Toyota"),
    ("JTH", "Lexus"),
    ("JTJ", "Lexus"),
    ("2T2", "Lexus"),
    ("58A", "Lexus"),
    ("KMH", "Hyundai"),
    ("KM8", "Hyundai"),
    ("5NP", "Hyundai"),
    ("5NM", "Hyundai"),
    ("MAL", "Hyundai"),
    ("NLH", "Hyundai"),
    ("KNA", "Kia"),
    ("KND", "Kia"),
    ("5XY", "Kia"),
    ("5XX", "Kia"),
    ("U5Y", "Kia"),
    ("JN1", "Nissan"),
    ("JN8", "Nissan"),
    ("1N4", "Nissan"),
    ("1N6", "Nissan"),
    ("3N1", "Nissan"),
    ("5N1", "Nissan"),
    ("JNK", "Infiniti"),
    ("JNR", "Infiniti"),
    ("5N3", "Infiniti"),
    ("JHM", "Honda"),
    ("1HG", "Honda"),
    ("2HG", "Honda"),
    ("5FN", "Honda"),
    ("5J6", "Honda"),
    ("19X", "Honda"),
    ("JA3", "Mitsubishi"),
    ("JA4", "Mitsubishi"),
    ("JMB", "Mitsubishi"),
    ("MMB", "Mitsubishi"),
    ("MMC", "Mitsubishi"),
    ("JM1", "Mazda"),
    ("JM3", "Mazda"),
    ("4F2", "Mazda"),
    ("JS1", "Suzuki"),
    ("JS2", "Suzuki"),
    ("JS3", "Suzuki"),
    ("MA3", "Suzuki"),
    ("JAA", "Isuzu"),
    ("JAL", "Isuzu"),
    ("MPA", "Isuzu"),
    ("1FA", "Ford"),
    ("1FB", "Ford"),
    ("1FD", "Ford"),
    ("1FM", "Ford"),
    ("1FT", "Ford"),
    ("1ZV", "Ford"),
    ("2FA", "Ford"),
    ("2FM", "Ford"),
    ("3FA", "Ford"),
    ("WF0", "Ford"),
    ("NM0", "Ford"),
    ("1LN", "Lincoln"),
    ("5LM", "Lincoln"),
    ("1G1", "Chevrolet"),
    ("1GC", "Chevrolet"),
    ("1GN", "Chevrolet"),
    ("2G1", "Chevrolet"),
    ("3G1", "Chevrolet"),
    ("KL1", "Chevrolet"),
    ("1GT", "GMC"),
    ("1GK", "GMC"),
    ("3GT", "GMC"),
    ("1G6", "Cadillac"),
    ("1GY", "Cadillac"),
    ("1B3", "Dodge"),
    ("2B3", "Dodge"),
    ("1C6", "Ram"),
    // Mostly Grand Cherokee / Wrangler, which dominate 1C4 in the Saudi market.
    ("1C4", "Jeep"),
    ("1J4", "Jeep"),
    ("1J8", "Jeep"),
    ("WBA", "BMW"),
    ("WBS", "BMW"),
    ("WBX", "BMW"),
    ("5UX", "BMW"),
    ("4US", "BMW"),
    ("WDB", "Mercedes-Benz"),
    ("WDC", "Mercedes-Benz"),
    ("WDD", "Mercedes-Benz"),
    ("W1K", "Mercedes-Benz"),
    ("W1N", "Mercedes-Benz"),
    ("4JG", "Mercedes-Benz"),
    ("55S", "Mercedes-Benz"),
    ("WAU", "Audi"),
    ("WA1", "Audi"),
    ("TRU", "Audi"),
    ("WVW", "Volkswagen"),
    ("WVG", "Volkswagen"),
    ("3VW", "Volkswagen"),
    ("1VW", "Volkswagen"),
    ("WP0", "Porsche"),
    ("WP1", "Porsche"),
    ("SAL", "Land Rover"),
    ("SAJ", "Jaguar"),
    ("YV1", "Volvo"),
    ("YV4", "Volvo"),
    ("VF1", "Renault"),
    ("VF3", "Peugeot"),
    ("L6T", "Geely"),
    ("LB3", "Geely"),
    ("LVV", "Chery"),
    ("LS5", "Changan"),
    ("LSJ", "MG"),
    ("LGW", "Great Wall"),
];

const WEIGHTS: [u32; VIN_LEN] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

// One 30-year cycle starting at 1980; the letters missing here look like
// digits or are reserved (0, U, Z) and never encode a year.
const YEAR_CODES: &str = "ABCDEFGHJKLMNPRSTVWXY123456789";

pub fn parse(input: &str) -> Result<Vin, VinError> {
    let trimmed = input.trim();
    if trimmed.chars().count() != VIN_LEN {
        return Err(VinError::Length);
    }
    if !trimmed.chars().all(allowed) {
        return Err(VinError::Characters);
    }
    let vin = trimmed.to_ascii_uppercase();
    let bytes = vin.as_bytes();
    let region = region(bytes[0] as char);
    let matched = check_digit(&vin) == Some(bytes[8] as char);
    // Only the US and Canada mandate the check digit; GCC and European
    // factories often leave position 9 as a plain serial character.
    if region == Region::NorthAmerica && !matched {
        return Err(VinError::CheckDigit);
    }
    Ok(Vin {
        wmi: vin[..3].to_owned(),
        region,
        maker: maker(&vin),
        model_year: model_year(bytes[9] as char, current_year()),
        check_digit_verified: matched,
        vin,
    })
}

/// The ISO 3779 / FMVSS 115 check digit (position 9) for a 17-character VIN.
pub fn check_digit(vin: &str) -> Option<char> {
    if vin.len() != VIN_LEN {
        return None;
    }
    let mut sum = 0;
    for (c, weight) in vin.chars().zip(WEIGHTS) {
        sum += transliterate(c)? * weight;
    }
    match sum % 11 {
        10 => Some('X'),
        n => char::from_digit(n, 10),
    }
}

/// Year encoded by position 10, taking the latest candidate no later than
/// `latest + 1`, since next year's models go on sale during `latest`.
pub fn model_year(code: char, latest: i32) -> Option<i32> {
    let base = 1980 + YEAR_CODES.find(code.to_ascii_uppercase())? as i32;
    let bound = latest + 1;
    (bound >= base).then(|| base + (bound - base) / 30 * 30)
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c.to_ascii_uppercase(), 'I' | 'O' | 'Q')
}

fn transliterate(c: char) -> Option<u32> {
    let c = c.to_ascii_uppercase();
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='H' => Some(c as u32 - 'A' as u32 + 1),
        'J'..='N' => Some(c as u32 - 'J' as u32 + 1),
        'P' => Some(7),
        'R' => Some(9),
        'S'..='Z' => Some(c as u32 - 'S' as u32 + 2),
        _ => None,
    }
}

fn region(first: char) -> Region {
    match first {
        'A'..='H' => Region::Africa,
        'J'..='R' => Region::Asia,
        'S'..='Z' => Region::Europe,
        '1'..='5' => Region::NorthAmerica,
        '6' | '7' => Region::Oceania,
        '8' | '9' => Region::SouthAmerica,
        _ => Region::Unknown,
    }
}

fn maker(vin: &str) -> Option<&'static str> {
    MAKERS
        .iter()
        .filter(|(prefix, _)| vin.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|&(_, name)| name)
}

fn current_year() -> i32 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Average Gregorian year: off by at most a day around New Year, which the
    // one-year allowance in `model_year` already absorbs.
    1970 + (secs / 31_556_952) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_checked_before_characters() {
        assert_eq!(parse("1M8GDM9AXKP04278"), Err(VinError::Length));
        assert_eq!(parse("1M8GDM9AXKP0427888"), Err(VinError::Length));
        assert_eq!(parse("IOQ"), Err(VinError::Length));
        assert_eq!(
            parse("  1M8GDM9AXKP042788\n").unwrap().vin,
            "1M8GDM9AXKP042788"
        );
    }

    #[test]
    fn rejects_i_o_q_and_symbols() {
        for bad in [
            "IM8GDM9AXKP042788",
            "1M8GDM9AXKP04278O",
            "1M8GDM9AXKQ042788",
        ] {
            assert_eq!(parse(bad), Err(VinError::Characters));
        }
        assert_eq!(parse("1M8GDM9AXKP04278-"), Err(VinError::Characters));
        assert_eq!(parse("1m8gdm9axkp04278o"), Err(VinError::Characters));
    }

    #[test]
    fn north_american_check_digit_is_enforced() {
        assert_eq!(check_digit("1M8GDM9AXKP042788"), Some('X'));
        assert_eq!(check_digit("11111111111111111"), Some('1'));
        let vin = parse("1m8gdm9axkp042788").unwrap();
        assert_eq!(vin.vin, "1M8GDM9AXKP042788");
        assert_eq!(vin.wmi, "1M8");
        assert_eq!(vin.region, Region::NorthAmerica);
        assert!(vin.check_digit_verified);
        assert!(parse("11111111111111111").unwrap().check_digit_verified);
        assert_eq!(parse("1M8GDM9A5KP042788"), Err(VinError::CheckDigit));
        assert_eq!(parse("11111111211111111"), Err(VinError::CheckDigit));
    }

    #[test]
    fn gcc_toyota_without_check_digit_is_accepted() {
        let raw = "JTMHV05J6G4123456";
        assert_ne!(check_digit(raw), Some('6'));
        let vin = parse(raw).unwrap();
        assert_eq!(vin.maker, Some("Toyota"));
        assert_eq!(vin.region, Region::Asia);
        assert!(!vin.check_digit_verified);
        assert_eq!(model_year('G', 2027), Some(2016));
    }

    #[test]
    fn korean_hyundai() {
        let vin = parse("KMHE341DBGA123456").unwrap();
        assert_eq!(vin.wmi, "KMH");
        assert_eq!(vin.maker, Some("Hyundai"));
        assert_eq!(vin.region, Region::Asia);
        assert!(!vin.check_digit_verified);
        assert_eq!(model_year('G', 2026), Some(2016));
    }

    #[test]
    fn model_year_cycles() {
        assert_eq!(model_year('A', 2026), Some(2010));
        assert_eq!(model_year('Y', 2026), Some(2000));
        assert_eq!(model_year('Y', 2029), Some(2030));
        assert_eq!(model_year('1', 2026), Some(2001));
        assert_eq!(model_year('9', 2026), Some(2009));
        assert_eq!(model_year('T', 2026), Some(2026));
        assert_eq!(model_year('V', 2026), Some(2027));
        assert_eq!(model_year('s', 2026), Some(2025));
        for code in ['0', 'U', 'Z', 'I', 'O', 'Q'] {
            assert_eq!(model_year(code, 2026), None);
        }
    }

    #[test]
    fn longest_prefix_wins() {
        assert_eq!(maker("JTHBK1GG0G2123456"), Some("Lexus"));
        assert_eq!(maker("JTDKN3DU0A0123456"), Some("Toyota"));
        assert_eq!(maker("JNKCV51E63M123456"), Some("Infiniti"));
        assert_eq!(maker("ZZZ00000000000000"), None);
        assert_eq!(parse("JTHBK1GG0G2123456").unwrap().maker, Some("Lexus"));
    }

    #[test]
    fn regions() {
        assert_eq!(region('A'), Region::Africa);
        assert_eq!(region('W'), Region::Europe);
        assert_eq!(region('6'), Region::Oceania);
        assert_eq!(region('9'), Region::SouthAmerica);
        assert_eq!(region('0'), Region::Unknown);
    }
}
