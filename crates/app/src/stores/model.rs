//! Stored rows, API shapes and their validation rules of the supply side:
//! companies, store types and services, stores (branches), employees.

mod branches;
mod catalog;
mod companies;
mod hours;
mod queries;
mod team;

pub use branches::*;
pub use catalog::*;
pub use companies::*;
pub use hours::*;
pub use queries::*;
pub use team::*;

use kernel::FieldErrors;
use kernel::i18n::Message;
use kernel::phone::ascii_digit;

pub use super::access::StorePermission;

pub const CR_DIGITS: usize = 10;
pub const VAT_DIGITS: usize = 15;
pub const MAX_DOCUMENTS: usize = 10;

/// Digits typed in any script (Arabic-Indic included) as ASCII; spaces and
/// dashes are dropped. `None` when anything else is in the way.
pub fn ascii_digits(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        match c {
            ' ' | '-' | '\u{200e}' | '\u{200f}' => {}
            _ => out.push(ascii_digit(c)?),
        }
    }
    Some(out)
}

pub fn cr_number(raw: &str) -> Option<String> {
    ascii_digits(raw).filter(|d| d.len() == CR_DIGITS)
}

/// 15 digits, first and last `3` (ZATCA's format).
pub fn vat_number(raw: &str) -> Option<String> {
    ascii_digits(raw).filter(|d| d.len() == VAT_DIGITS && d.starts_with('3') && d.ends_with('3'))
}

fn text(e: &mut FieldErrors, field: &str, value: &str, max: usize) {
    if e.required(field, value) {
        e.max_chars(field, value, max);
    }
}

fn opt_text(e: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) {
    if let Some(v) = value {
        text(e, field, v, max);
    }
}

fn too_many(e: &mut FieldErrors, field: &str, len: usize, max: usize) {
    if len > max {
        e.add(
            field,
            Message::new("stores-validation-too-many").arg("max", max),
        );
    }
}

/// Trimmed text of a validated field.
pub fn clean(v: &str) -> String {
    v.trim().to_owned()
}

fn check_lat_lng(e: &mut FieldErrors, lat: Option<f64>, lng: Option<f64>, required: bool) {
    for (field, v, max) in [("lat", lat, 90i64), ("lng", lng, 180i64)] {
        match v {
            Some(v) if !(v.is_finite() && v.abs() <= max as f64) => {
                e.add(
                    field,
                    Message::new("validation-range")
                        .arg("min", -max)
                        .arg("max", max),
                );
            }
            None if required => {
                e.add(field, Message::new("validation-required"));
            }
            _ => {}
        }
    }
}
