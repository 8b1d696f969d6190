//! Reading a JSON body so that one 422 names every failing field: type
//! errors, unknown fields, missing fields, NUL characters and the type's own
//! rules together, in the caller's language and with no parser internals.
//!
//! Serde stops at its first error. To learn the next one, the offending
//! value is set aside (an unknown key removed, a wrong value replaced by a
//! stand-in of a plausible type) and the body read again, a bounded number
//! of times. Rule failures of fields that were set aside are dropped: the
//! stand-in is not what the client sent.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::i18n::Message;
use crate::validation::Validate;
use crate::{ApiError, FieldErrors};

/// At most this many re-reads of one body; every round names one more field.
const MAX_ROUNDS: usize = 64;

/// Stand-ins tried, in order, for a value of unknown expected type.
fn stand_ins() -> [Value; 8] {
    [
        Value::String(String::new()),
        Value::from(0),
        Value::Bool(false),
        Value::Array(Vec::new()),
        Value::Object(Default::default()),
        Value::Null,
        Value::String("00000000-0000-0000-0000-000000000000".into()),
        Value::String("1970-01-01T00:00:00Z".into()),
    ]
}

/// Parses `bytes` as `T` and checks its rules; malformed JSON is 400.
pub fn parse_valid<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    let (value, mut errors, touched) = read::<T>(bytes)?;
    match value {
        Some(v) => {
            if let Err(e) = v.validate() {
                match e {
                    ApiError::Validation(rules) => {
                        for (field, messages) in rules.iter() {
                            if !covered(&touched, field) && !errors.contains(field) {
                                for m in messages {
                                    errors.add(field.clone(), m.clone());
                                }
                            }
                        }
                    }
                    other if errors.is_empty() => return Err(other),
                    _ => {}
                }
            }
            if errors.is_empty() {
                Ok(v)
            } else {
                Err(ApiError::Validation(errors))
            }
        }
        None => Err(ApiError::Validation(errors)),
    }
}

/// Parses `bytes` as `T` (no rules), naming every failing field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    match read::<T>(bytes)? {
        (Some(v), errors, _) if errors.is_empty() => Ok(v),
        (_, errors, _) => Err(ApiError::Validation(errors)),
    }
}

/// The value read with the stand-ins in place (if it could be read at all),
/// the errors found, and the fields that were set aside.
fn read<T: DeserializeOwned>(
    bytes: &[u8],
) -> Result<(Option<T>, FieldErrors, BTreeSet<String>), ApiError> {
    let mut value: Value = serde_json::from_slice(bytes)
        .map_err(|_| ApiError::BadRequest(Message::new("error-malformed-json")))?;
    let mut errors = FieldErrors::new();
    let mut touched = BTreeSet::new();
    strip_nul(&mut value, &mut Vec::new(), &mut errors, &mut touched);
    let mut tries: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..MAX_ROUNDS {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(v) => return Ok((Some(v), errors, touched)),
            Err(e) => e,
        };
        let mut path: Vec<Segment> = err.path().iter().cloned().collect();
        let text = without_position(&err.into_inner().to_string());
        let quoted = text.split('`').nth(1).map(str::to_owned);
        if text.starts_with("unknown field") {
            let name = quoted.unwrap_or_default();
            if !matches!(path.last(), Some(Segment::Map { key }) if *key == name) {
                path.push(Segment::Map { key: name });
            }
            let field = display(&path);
            note(
                &mut errors,
                &field,
                Message::new("validation-unknown-field"),
            );
            touched.insert(field);
            if !remove(&mut value, &path) {
                break;
            }
            continue;
        }
        let (candidates, message) = if text.starts_with("missing field") {
            path.push(Segment::Map {
                key: quoted.unwrap_or_default(),
            });
            (stand_ins().to_vec(), Message::new("validation-required"))
        } else if text.starts_with("unknown variant") {
            let allowed = allowed_variants(&text);
            let mut c: Vec<Value> = allowed
                .first()
                .map(|a| Value::String(a.clone()))
                .into_iter()
                .collect();
            c.extend(stand_ins());
            (
                c,
                Message::new("validation-one-of").arg("allowed", allowed.join(", ")),
            )
        } else if path.is_empty() {
            // The document itself is not an object: nothing further to learn.
            note(&mut errors, "body", Message::new("validation-type"));
            break;
        } else {
            (stand_ins().to_vec(), Message::new("validation-type"))
        };
        let field = display(&path);
        note(&mut errors, &field, message);
        touched.insert(field.clone());
        let n = tries.entry(field).or_insert(0);
        let Some(stand_in) = candidates.get(*n).cloned() else {
            break;
        };
        *n += 1;
        if !put(&mut value, &path, stand_in) {
            break;
        }
    }
    if errors.is_empty() {
        errors.add("body", Message::new("validation-type"));
    }
    Ok((None, errors, touched))
}

fn note(errors: &mut FieldErrors, field: &str, message: Message) {
    if !errors.contains(field) {
        errors.add(field.to_owned(), message);
    }
}

/// Whether a rule error on `field` concerns a value that was set aside (the
/// value itself, a part of it, or a whole that holds it).
fn covered(touched: &BTreeSet<String>, field: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    };
    touched.iter().any(|t| within(field, t) || within(t, field))
}

/// Serde's messages end with ` at line 1 column 80` when read from text.
fn without_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}

/// The variants serde lists after "expected": `card` or `wallet`, or one of
/// `card`, `wallet`, `cash`.
fn allowed_variants(text: &str) -> Vec<String> {
    let Some((_, expected)) = text.split_once("expected ") else {
        return Vec::new();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `items[0].productId`, or `body` for the whole document.
pub fn display(path: &[Segment]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            Segment::Unknown => {}
        }
    }
    if out.is_empty() { "body".into() } else { out }
}

fn parent_mut<'a>(value: &'a mut Value, path: &[Segment]) -> Option<&'a mut Value> {
    let mut cur = value;
    for s in path {
        cur = match s {
            Segment::Seq { index } => cur.get_mut(*index)?,
            Segment::Map { key } => cur.get_mut(key.as_str())?,
            Segment::Enum { .. } | Segment::Unknown => cur,
        };
    }
    Some(cur)
}

fn remove(value: &mut Value, path: &[Segment]) -> bool {
    let Some((Segment::Map { key }, parent)) = path.split_last() else {
        return false;
    };
    parent_mut(value, parent)
        .and_then(Value::as_object_mut)
        .and_then(|o| o.remove(key.as_str()))
        .is_some()
}

fn put(value: &mut Value, path: &[Segment], stand_in: Value) -> bool {
    match path.split_last() {
        None => {
            *value = stand_in;
            true
        }
        Some((Segment::Map { key }, parent)) => {
            match parent_mut(value, parent).and_then(Value::as_object_mut) {
                Some(o) => {
                    o.insert(key.clone(), stand_in);
                    true
                }
                None => false,
            }
        }
        Some((Segment::Seq { index }, parent)) => {
            match parent_mut(value, parent).and_then(|v| v.get_mut(*index)) {
                Some(slot) => {
                    *slot = stand_in;
                    true
                }
                None => false,
            }
        }
        Some(_) => false,
    }
}

/// NUL has no place in any text we keep (PostgreSQL refuses it in `text`):
/// each string holding one is named and set aside.
fn strip_nul(
    value: &mut Value,
    path: &mut Vec<Segment>,
    errors: &mut FieldErrors,
    touched: &mut BTreeSet<String>,
) {
    match value {
        Value::String(s) if s.contains('\0') => {
            let field = display(path);
            note(errors, &field, Message::new("validation-nul"));
            touched.insert(field);
            s.retain(|c| c != '\0');
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                path.push(Segment::Seq { index });
                strip_nul(item, path, errors, touched);
                path.pop();
            }
        }
        Value::Object(map) => {
            let bad: Vec<String> = map.keys().filter(|k| k.contains('\0')).cloned().collect();
            for k in bad {
                map.remove(&k);
                path.push(Segment::Map {
                    key: k.replace('\0', "\u{FFFD}"),
                });
                let field = display(path);
                note(errors, &field, Message::new("validation-nul"));
                touched.insert(field);
                path.pop();
            }
            for (key, item) in map.iter_mut() {
                path.push(Segment::Map { key: key.clone() });
                strip_nul(item, path, errors, touched);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Method {
        Card,
        Wallet,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        product_id: uuid::Uuid,
        quantity: i32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        payment_method: Method,
        note: Option<String>,
        name: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    impl Validate for Body {
        fn validate(&self) -> Result<(), ApiError> {
            let mut e = FieldErrors::new();
            e.required("name", &self.name);
            if self.items.iter().any(|i| i.quantity < 1) {
                e.add("items", Message::new("validation-type"));
            }
            e.into_result()
        }
    }

    fn fields(r: Result<Body, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_failing_field_is_named_at_once() {
        let f = fields(parse_valid(
            br#"{"paymentMethod":"bitcoin","extra":1,"note":5,"name":"",
                 "items":[{"productId":"nope","quantity":"2","more":true}]}"#,
        ));
        assert_eq!(
            f,
            [
                "extra",
                "items[0].more",
                "items[0].productId",
                "items[0].quantity",
                "name",
                "note",
                "paymentMethod"
            ],
        );
    }

    #[test]
    fn missing_fields_and_rules_together_and_no_parser_positions() {
        match parse_valid::<Body>(br#"{"paymentMethod":"bitcoin","extra":1}"#) {
            Err(ApiError::Validation(f)) => {
                let names: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
                assert_eq!(names, ["extra", "name", "paymentMethod"]);
                for (_, messages) in f.iter() {
                    for m in messages {
                        for (_, arg) in &m.args {
                            let text = format!("{arg:?}");
                            assert!(!text.contains("line"), "{text}");
                            assert!(!text.contains("column"), "{text}");
                        }
                    }
                }
                let allowed = f.iter().find(|(k, _)| *k == "paymentMethod").unwrap().1[0]
                    .render(crate::Locale::En);
                assert!(allowed.contains("card, wallet"), "{allowed}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_is_named_wherever_it_hides() {
        let f = fields(parse_valid(
            b"{\"paymentMethod\":\"card\",\"name\":\"a\\u0000b\",\"note\":\"\\u0000\"}",
        ));
        assert_eq!(f, ["name", "note"]);
    }

    #[test]
    fn a_good_body_passes_and_malformed_json_is_400() {
        let ok: Body = parse_valid(br#"{"paymentMethod":"wallet","name":"x"}"#).unwrap();
        assert!(matches!(ok.payment_method, Method::Wallet));
        assert!(matches!(
            parse_valid::<Body>(br#"{"paymentMethod":"#),
            Err(ApiError::BadRequest(_))
        ));
        assert!(!fields(parse_valid(br#"[1,2]"#)).is_empty());
        assert_eq!(fields(parse_valid(br#""text""#)), ["body"]);
    }
}
