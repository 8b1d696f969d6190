//! ZATCA phase-1 QR code of a simplified tax invoice (Saudi e-invoicing).
//!
//! The QR content is standard Base64 (with `=` padding) of five TLV records in tag order:
//! tag (1 byte), length (1 byte: the number of UTF-8 bytes of the value), value (UTF-8).
//! The encoded text is at most 700 characters. See `shared/reference/providers.md` §5.
//!
//! | tag | field |
//! |---|---|
//! | 1 | seller name |
//! | 2 | seller VAT registration number |
//! | 3 | invoice timestamp, ISO 8601 (`…Z` only for UTC) |
//! | 4 | invoice total including VAT, e.g. `"115.00"` |
//! | 5 | VAT total, e.g. `"15.00"` |

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Longest Base64 text allowed in the QR code.
pub const MAX_QR_CHARS: usize = 700;

/// Longest value of one record: its length must fit in one byte.
pub const MAX_VALUE_BYTES: usize = 255;

/// The phase-1 fields, written as given (no reformatting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrFields<'a> {
    /// Tag 1. Arabic allowed; its length counts UTF-8 bytes.
    pub seller_name: &'a str,
    /// Tag 2. The 15-digit VAT registration number.
    pub vat_number: &'a str,
    /// Tag 3. ISO 8601: `2021-07-12T14:25:09Z` for UTC, without `Z` for KSA local time.
    pub timestamp: String,
    /// Tag 4. Total including VAT with two decimals, e.g. `"115.00"` (see [`crate::money::decimal`]).
    pub total_with_vat: &'a str,
    /// Tag 5. VAT total with two decimals, e.g. `"15.00"`.
    pub vat_total: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// A value is longer than the one-byte length allows.
    #[error("ZATCA QR field {tag} is {bytes} bytes long; at most 255 are allowed")]
    ValueTooLong { tag: u8, bytes: usize },
    /// The Base64 text is longer than the QR allows.
    #[error("ZATCA QR content is {chars} characters long; at most 700 are allowed")]
    TooLong { chars: usize },
    /// [`decode`] was given text that is not standard Base64.
    #[error("ZATCA QR content is not valid Base64: {0}")]
    InvalidBase64(String),
    /// [`decode`] found bytes that are not well-formed TLV records of UTF-8 text.
    #[error("ZATCA QR content is malformed: {0}")]
    Malformed(String),
}

/// The Base64 QR content of `fields` (tags 1 to 5).
pub fn qr_base64(fields: &QrFields<'_>) -> Result<String, QrError> {
    let records: [(u8, &str); 5] = [
        (1, fields.seller_name),
        (2, fields.vat_number),
        (3, &fields.timestamp),
        (4, fields.total_with_vat),
        (5, fields.vat_total),
    ];
    let mut tlv = Vec::with_capacity(records.iter().map(|(_, v)| v.len() + 2).sum());
    for (tag, value) in records {
        let len = u8::try_from(value.len()).map_err(|_| QrError::ValueTooLong {
            tag,
            bytes: value.len(),
        })?;
        tlv.push(tag);
        tlv.push(len);
        tlv.extend_from_slice(value.as_bytes());
    }
    let encoded = STANDARD.encode(&tlv);
    if encoded.len() > MAX_QR_CHARS {
        return Err(QrError::TooLong {
            chars: encoded.len(),
        });
    }
    Ok(encoded)
}

/// The `(tag, value)` records of a QR content, in order. Accepts any tags, so phase-2 codes
/// decode too, as long as every value is UTF-8 text.
pub fn decode(b64: &str) -> Result<Vec<(u8, String)>, QrError> {
    let bytes = STANDARD
        .decode(b64.trim())
        .map_err(|e| QrError::InvalidBase64(e.to_string()))?;
    let mut records = Vec::new();
    let mut rest = bytes.as_slice();
    while let [tag, len, tail @ ..] = rest {
        let len = usize::from(*len);
        if tail.len() < len {
            return Err(QrError::Malformed(format!(
                "tag {tag} declares {len} bytes but only {} remain",
                tail.len()
            )));
        }
        let (value, next) = tail.split_at(len);
        let value = String::from_utf8(value.to_vec())
            .map_err(|_| QrError::Malformed(format!("tag {tag} is not UTF-8 text")))?;
        records.push((*tag, value));
        rest = next;
    }
    if !rest.is_empty() {
        return Err(QrError::Malformed(
            "a trailing byte is not a whole record".to_owned(),
        ));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(seller: &str) -> QrFields<'_> {
        QrFields {
            seller_name: seller,
            vat_number: "1234567891",
            timestamp: "2021-07-12T14:25:09Z".to_owned(),
            total_with_vat: "100.00",
            vat_total: "15.00",
        }
    }

    #[test]
    fn matches_the_salla_vector() {
        assert_eq!(
            qr_base64(&fields("Salla")).unwrap(),
            "AQVTYWxsYQIKMTIzNDU2Nzg5MQMUMjAyMS0wNy0xMlQxNDoyNTowOVoEBjEwMC4wMAUFMTUuMDA="
        );
    }

    #[test]
    fn matches_the_arabic_vector_counting_utf8_bytes() {
        let b64 = qr_base64(&fields("سلة")).unwrap();
        assert_eq!(
            b64,
            "AQbYs9mE2KkCCjEyMzQ1Njc4OTEDFDIwMjEtMDctMTJUMTQ6MjU6MDlaBAYxMDAuMDAFBTE1LjAw"
        );
        let bytes = STANDARD.decode(&b64).unwrap();
        assert_eq!(&bytes[..8], &[1, 6, 0xd8, 0xb3, 0xd9, 0x84, 0xd8, 0xa9]);
    }

    #[test]
    fn round_trips() {
        let f = QrFields {
            seller_name: "مؤسسة قطع الغيار - Qitaa",
            vat_number: "300000000000003",
            timestamp: "2024-03-01T09:30:00".to_owned(),
            total_with_vat: &crate::money::decimal(11500),
            vat_total: &crate::money::decimal(1500),
        };
        let decoded = decode(&qr_base64(&f).unwrap()).unwrap();
        assert_eq!(
            decoded,
            vec![
                (1, f.seller_name.to_owned()),
                (2, "300000000000003".to_owned()),
                (3, "2024-03-01T09:30:00".to_owned()),
                (4, "115.00".to_owned()),
                (5, "15.00".to_owned()),
            ]
        );
    }

    #[test]
    fn refuses_a_value_over_255_bytes() {
        // 128 Arabic letters: 128 characters but 256 bytes.
        let seller = "ق".repeat(128);
        assert_eq!(
            qr_base64(&fields(&seller)),
            Err(QrError::ValueTooLong { tag: 1, bytes: 256 })
        );
        let seller = "ق".repeat(127);
        assert!(qr_base64(&fields(&seller)).is_ok());

        let vat = "1".repeat(256);
        let f = QrFields {
            vat_number: &vat,
            ..fields("Salla")
        };
        assert_eq!(
            qr_base64(&f),
            Err(QrError::ValueTooLong { tag: 2, bytes: 256 })
        );
    }

    #[test]
    fn refuses_content_over_700_chars() {
        // 2 + 255 bytes for the seller and 49 for the other records: 306 bytes → 408 chars.
        let seller = "s".repeat(255);
        assert_eq!(qr_base64(&fields(&seller)).unwrap().len(), 408);

        // Two long values: 2 + 255 + 2 + 255 + 37 bytes = 551 bytes → 736 chars.
        let vat = "1".repeat(255);
        let f = QrFields {
            vat_number: &vat,
            ..fields(&seller)
        };
        assert_eq!(qr_base64(&f), Err(QrError::TooLong { chars: 736 }));
    }

    #[test]
    fn decode_refuses_bad_input() {
        assert!(matches!(
            decode("not base64!"),
            Err(QrError::InvalidBase64(_))
        ));
        // Tag 1 declares 5 bytes, only 2 follow.
        let truncated = STANDARD.encode([1u8, 5, b'a', b'b']);
        assert!(matches!(decode(&truncated), Err(QrError::Malformed(_))));
        // A lone trailing byte.
        let trailing = STANDARD.encode([1u8, 1, b'a', 2]);
        assert!(matches!(decode(&trailing), Err(QrError::Malformed(_))));
        // Invalid UTF-8.
        let latin1 = STANDARD.encode([1u8, 1, 0xe9]);
        assert!(matches!(decode(&latin1), Err(QrError::Malformed(_))));
        assert_eq!(decode("").unwrap(), vec![]);
    }

    #[test]
    fn formats_halalas() {
        assert_eq!(crate::money::decimal(11500), "115.00");
        assert_eq!(crate::money::decimal(1500), "15.00");
        assert_eq!(crate::money::decimal(1), "0.01");
        assert_eq!(crate::money::decimal(0), "0.00");
        assert_eq!(crate::money::decimal(123_456), "1234.56");
        assert_eq!(crate::money::decimal(-5), "-0.05");
        assert_eq!(crate::money::decimal(-11_550), "-115.50");
        assert_eq!(crate::money::decimal(i64::MIN), "-92233720368547758.08");
    }
}
