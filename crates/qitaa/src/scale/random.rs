//! Seeded choices: ids for a moment, weighted picks, and the spellings made
//! from them (catalogue numbers, Arabic as people type it).

use rand::RngExt;
use rand::rngs::StdRng;
use time::OffsetDateTime;
use uuid::Uuid;

use super::SEED;

/// A version 7 id for a moment, its other bits from the generator.
pub(super) fn id_at(rng: &mut StdRng, at: OffsetDateTime) -> Uuid {
    let ms = (at.unix_timestamp_nanos() / 1_000_000) as u64;
    uuid::Builder::from_unix_timestamp_millis(ms, &rng.random::<[u8; 10]>()).into_uuid()
}

pub(super) fn weighted<'a, T>(
    rng: &mut StdRng,
    items: &'a [T],
    weight: impl Fn(&T) -> u32,
) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.random_range(0..total);
    for item in items {
        let w = weight(item);
        if pick < w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1]
}

/// A fixed hash for values that must repeat across listings (OEM numbers).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

/// One of the few OEM numbers of a part kind on a model, styled like the
/// make's catalogue: `04152-YZZA1`, `28113-F2000`, `D1060-1LB0A`.
pub(super) fn oem_number(kind: usize, model: usize, variant: u64, make_en: &str) -> String {
    let h = mix(((kind as u64) << 40) ^ ((model as u64) << 8) ^ variant ^ SEED);
    let digit = |i: u32| char::from(b'0' + ((h >> (i * 4)) % 10) as u8);
    let any = |i: u32| char::from(ALNUM[((h >> (i * 5)) % ALNUM.len() as u64) as usize]);
    let mut s = String::with_capacity(11);
    match make_en {
        "Toyota" | "Lexus" => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(any(i)));
        }
        "Hyundai" | "Kia" => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            s.push(any(5));
            (6..10).for_each(|i| s.push(digit(i)));
        }
        "Nissan" | "Infiniti" => {
            s.push(any(0));
            (1..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(any(i)));
        }
        _ => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(digit(i)));
        }
    }
    s
}

const HARAKAT: [char; 5] = ['\u{064E}', '\u{0650}', '\u{064F}', '\u{0652}', '\u{0651}'];

/// Arabic as people type it: sometimes with diacritics, sometimes with the
/// common spelling variants (final ه for ة, ى for ي, bare alef for hamza).
pub(super) fn arabic_variant(rng: &mut StdRng, s: &str) -> String {
    let roll: f64 = rng.random();
    if roll < 0.08 {
        let mut out = String::with_capacity(s.len() * 2);
        for c in s.chars() {
            out.push(c);
            if ('\u{0628}'..='\u{064A}').contains(&c) && rng.random_bool(0.35) {
                out.push(HARAKAT[rng.random_range(0..HARAKAT.len())]);
            }
        }
        out
    } else if roll < 0.25 {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            let word_end = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
            out.push(match c {
                'ة' if word_end => 'ه',
                'ي' if word_end => 'ى',
                'أ' | 'إ' => 'ا',
                _ => c,
            });
        }
        out
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oem_numbers_look_like_catalogue_numbers() {
        let n = oem_number(0, 3, 1, "Toyota");
        assert_eq!(n.len(), 11);
        assert_eq!(&n[5..6], "-");
        assert_eq!(n, oem_number(0, 3, 1, "Toyota"));
    }
}
