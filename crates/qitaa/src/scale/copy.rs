//! PostgreSQL's COPY text format, and the statements the load streams into.

use std::fmt::Write as _;

use sqlx::PgConnection;
use time::OffsetDateTime;

/// A value in PostgreSQL's COPY text format.
pub(super) fn text(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            _ => buf.push(c),
        }
    }
}

/// A text[] literal in COPY text format; every element quoted.
pub(super) fn text_array(buf: &mut String, items: &[String]) {
    buf.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        buf.push('"');
        for c in item.chars() {
            match c {
                // A backslash inside the literal, itself escaped for COPY.
                '"' | '\\' => {
                    buf.push_str("\\\\");
                    buf.push(c);
                }
                _ => text(buf, c.encode_utf8(&mut [0; 4])),
            }
        }
        buf.push('"');
    }
    buf.push('}');
}

pub(super) fn opt<T: std::fmt::Display>(buf: &mut String, v: Option<T>) {
    match v {
        Some(v) => write!(buf, "{v}").expect("writing to a String"),
        None => buf.push_str("\\N"),
    }
}

pub(super) fn timestamp(buf: &mut String, t: OffsetDateTime) {
    let t = t.to_offset(time::UtcOffset::UTC);
    write!(
        buf,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
    .expect("writing to a String");
}

pub(super) async fn copy(
    conn: &mut PgConnection,
    statement: &str,
    data: &str,
) -> anyhow::Result<u64> {
    if data.is_empty() {
        return Ok(0);
    }
    let mut copy = conn.copy_in_raw(statement).await?;
    // Sent in pieces so the server starts on the first rows early.
    let bytes = data.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + (1 << 20)).min(bytes.len());
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        copy.send(&bytes[start..end]).await?;
        start = end;
    }
    Ok(copy.finish().await?)
}

pub(super) const COPY_USERS: &str =
    "COPY users (id, phone, role, status, name, locale, created_at, updated_at) FROM STDIN";
pub(super) const COPY_COMPANIES: &str = "COPY companies (id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, \
     city, address, status, reviewed_at, created_at, updated_at, created_by, updated_by) FROM STDIN";
pub(super) const COPY_STORES: &str = "COPY stores (id, company_id, store_type_id, name_ar, name_en, phone, city, address, \
     lat, lng, working_hours, status, commission_bp, rating_sum, rating_count, created_at, updated_at, \
     created_by, updated_by) FROM STDIN";
pub(super) const COPY_PRODUCTS: &str = "COPY products (id, store_id, category_id, name_ar, name_en, description_ar, \
     description_en, condition, brand, oem_numbers, oem_compact, price, stock, sku, status, submitted_at, \
     reviewed_at, search_text, fitment_keys, rating_sum, rating_count, created_at, updated_at, created_by, updated_by) FROM STDIN";
pub(super) const COPY_CHECKOUTS: &str =
    "COPY checkouts (id, user_id, payment_method, amount_due, created_at) FROM STDIN";
pub(super) const COPY_ORDERS: &str = "COPY orders (id, number, checkout_id, customer_id, store_id, status, \
     payment_method, address, subtotal, delivery_fee, vat, total, amount_due, commission_bp, commission, \
     commission_vat, paid_at, delivered_at, created_at, updated_at) FROM STDIN";
pub(super) const COPY_FITMENTS: &str = "COPY product_fitments (id, product_id, make_id, model_id, year_from, year_to, \
     created_at, created_by) FROM STDIN";
pub(super) const COPY_IMAGES: &str = "COPY product_images (id, product_id, media_id, sort_order, created_at, updated_at, \
     created_by, updated_by) FROM STDIN";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes() {
        let mut b = String::new();
        text(&mut b, "a\tb\\c\nd");
        assert_eq!(b, "a\\tb\\\\c\\nd");
        let mut b = String::new();
        text_array(&mut b, &["04152-YZZA1".into(), "x\"y".into()]);
        assert_eq!(b, "{\"04152-YZZA1\",\"x\\\\\"y\"}");
    }
}
