use std::collections::BTreeMap;

use crate::i18n::{Arg, Message};

/// Every failing field of a request, collected before answering, so the
/// client learns all its mistakes in one 422 rather than one at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    fields: BTreeMap<String, Vec<Message>>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: Message) -> &mut Self {
        self.fields.entry(field.into()).or_default().push(message);
        self
    }

    pub fn single(field: impl Into<String>, message: Message) -> Self {
        let mut e = Self::new();
        e.add(field, message);
        e
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn contains(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<Message>)> {
        self.fields.iter()
    }

    pub fn merge(&mut self, other: FieldErrors) {
        for (k, v) in other.fields {
            self.fields.entry(k).or_default().extend(v);
        }
    }

    /// `Ok(())` when nothing failed, so a validator ends with `errors.into_result()`.
    pub fn into_result(self) -> Result<(), crate::ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(crate::ApiError::Validation(self))
        }
    }

    // Small rule helpers shared by every request type.

    pub fn required(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.add(field, Message::new("validation-required"));
            false
        } else {
            true
        }
    }

    pub fn max_chars(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(
                field,
                Message::new("validation-too-long").arg("max", Arg::from(max)),
            );
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        let ok = value.len() <= 254
            && value.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.contains(char::is_whitespace)
            });
        if !ok {
            self.add(field, Message::new("validation-email"));
        }
    }
}

/// Request bodies check their own rules after they are parsed.
pub trait Validate {
    fn validate(&self) -> Result<(), crate::ApiError>;
}
