//! Every user-facing text comes from the Fluent files under `locales/`, so
//! Arabic plural rules and word order are the translator's, not the code's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::Locale;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "ar",
        // Bidi isolation marks would leak into JSON messages and SMS bodies.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static AR: LazyLock<LanguageIdentifier> = LazyLock::new(|| langid!("ar"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| langid!("en"));

fn lang(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::Ar => &AR,
        Locale::En => &EN,
    }
}

/// An argument of a message: numbers keep their type so plural rules apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Halalas, written as [`crate::money::format`] writes them in the
    /// message's language.
    Money(i64),
}

impl From<crate::money::Money> for Arg {
    fn from(v: crate::money::Money) -> Self {
        Arg::Money(v.0)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Number(v)
    }
}
impl From<u64> for Arg {
    fn from(v: u64) -> Self {
        Arg::Number(v as i64)
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Number(v as i64)
    }
}

/// A message not yet rendered: it is translated at the edge, once the
/// request's language is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: Cow<'static, str>,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Self {
        Message {
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn render(&self, locale: Locale) -> String {
        translate(locale, &self.key, &self.args)
    }
}

pub fn t(locale: Locale, key: &str) -> String {
    translate(locale, key, &[])
}

/// The text of `key`, or `None` where neither language has it (for labels
/// of open-ended values, which then fall back to a generic label).
pub fn try_t(locale: Locale, key: &str) -> Option<String> {
    LOCALES.try_lookup(lang(locale), key)
}

pub fn translate(locale: Locale, key: &str, args: &[(&'static str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Money(h) => FluentValue::from(crate::money::format(locale, *h)),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES
        .try_lookup_complete(lang(locale), key, Some(&map))
        .unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            key.to_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_both_languages_with_arabic_plurals() {
        let m = Message::new("validation-too-long").arg("max", 2i64);
        let ar = m.render(Locale::Ar);
        let en = m.render(Locale::En);
        assert!(en.contains("2 characters"), "{en}");
        assert!(ar.contains("حرفين"), "{ar}");
        let ar11 = Message::new("validation-too-long")
            .arg("max", 11i64)
            .render(Locale::Ar);
        assert!(ar11.contains("11 حرفًا"), "{ar11}");
    }

    /// Each feature keeps its messages in its own file; both languages must
    /// have the same files and the same keys.
    #[test]
    fn every_key_exists_in_both_languages() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales");
        let keys = |lang: &str| -> std::collections::BTreeSet<String> {
            let mut out = std::collections::BTreeSet::new();
            for entry in std::fs::read_dir(format!("{dir}/{lang}")).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                for l in std::fs::read_to_string(&path).unwrap().lines() {
                    if !l.starts_with([' ', '#', '\t', '*', '[']) && l.contains(" =") {
                        out.insert(format!("{file}:{}", l.split(" =").next().unwrap()));
                    }
                }
            }
            out
        };
        let (ar, en) = (keys("ar"), keys("en"));
        assert!(!ar.is_empty());
        assert_eq!(ar, en);
    }
}
