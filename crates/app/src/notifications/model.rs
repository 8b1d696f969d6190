//! Notifications' stored rows, API shapes and their validation rules, one
//! file per part (devices, templates, preferences, inbox, broadcasts,
//! deliveries); the channels, categories and shared checks are here.

mod broadcasts;
mod deliveries;
mod devices;
mod inbox;
mod preferences;
mod templates;

pub use broadcasts::*;
pub use deliveries::*;
pub use devices::*;
pub use inbox::*;
pub use preferences::*;
pub use templates::*;

use serde::{Deserialize, Serialize};

use kernel::i18n::Message;
use kernel::{FieldErrors, Locale};

/// How a notification reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// FCM to the apps, Web Push to the PWAs.
    Push,
    Sms,
    Email,
    /// The in-app inbox.
    InApp,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Push, Channel::Sms, Channel::Email, Channel::InApp];
    /// The channels a `notify.deliver` job sends on.
    pub const EXTERNAL: [Channel; 3] = [Channel::Push, Channel::Sms, Channel::Email];
    pub const ALLOWED: &'static str = "push, sms, email, in_app";

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Push => "push",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::InApp => "in_app",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a notification is about; users opt in per category and channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = NotificationCategory)]
pub enum Category {
    Orders,
    Chat,
    Marketing,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Orders, Category::Chat, Category::Marketing];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Orders => "orders",
            Category::Chat => "chat",
            Category::Marketing => "marketing",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether a user who never chose is opted in: everything but marketing
    /// by SMS and email.
    pub fn default_on(self, channel: Channel) -> bool {
        !(self == Category::Marketing && matches!(channel, Channel::Sms | Channel::Email))
    }
}

fn one_of<T>(
    e: &mut FieldErrors,
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &'static str,
) -> Option<T> {
    let v = value.trim();
    if v.is_empty() {
        e.add(field, Message::new("validation-required"));
        return None;
    }
    let parsed = parse(v);
    if parsed.is_none() {
        e.add(
            field,
            Message::new("validation-one-of").arg("allowed", allowed),
        );
    }
    parsed
}

fn locale_of(e: &mut FieldErrors, field: &str, value: &str) -> Option<Locale> {
    match value.trim() {
        "ar" => Some(Locale::Ar),
        "en" => Some(Locale::En),
        _ => {
            e.add(
                field,
                Message::new("validation-one-of").arg("allowed", "ar, en"),
            );
            None
        }
    }
}

pub fn locale_from_db(s: &str) -> Locale {
    if s == "en" { Locale::En } else { Locale::Ar }
}

/// Text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(default)]
    pub ar: String,
    #[serde(default)]
    pub en: String,
}

impl Localized {
    pub fn get(&self, locale: Locale) -> &str {
        let (want, other) = match locale {
            Locale::Ar => (&self.ar, &self.en),
            Locale::En => (&self.en, &self.ar),
        };
        if want.is_empty() { other } else { want }
    }

    pub fn from_json(v: &serde_json::Value) -> Localized {
        serde_json::from_value(v.clone()).unwrap_or_default()
    }
}

/// The fields a validation error names, for the tests of every part.
#[cfg(test)]
fn fields(r: Result<impl std::fmt::Debug, kernel::ApiError>) -> Vec<String> {
    match r {
        Err(kernel::ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
        other => panic!("{other:?}"),
    }
}
