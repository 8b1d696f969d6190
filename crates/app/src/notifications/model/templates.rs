//! The events templates exist for, and the templates: what one event says
//! on one channel in one language, with its placeholders checked.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{Category, Channel, locale_from_db, locale_of, one_of};

/// The events templates exist for, their category and the variables their
/// templates may use (`name`, the recipient's name, is always there).
#[derive(Debug, Clone, Copy)]
pub struct EventSpec {
    pub name: &'static str,
    pub category: Category,
    pub vars: &'static [&'static str],
}

pub const EVENTS: [EventSpec; 15] = [
    EventSpec {
        name: "order.status",
        category: Category::Orders,
        vars: &["orderNumber", "status", "name"],
    },
    EventSpec {
        name: "order.new",
        category: Category::Orders,
        vars: &["orderNumber", "storeName", "amount", "name"],
    },
    EventSpec {
        name: "chat.message",
        category: Category::Chat,
        vars: &["senderName", "preview", "name"],
    },
    EventSpec {
        name: "request.new",
        category: Category::Orders,
        vars: &[
            "requestNumber",
            "storeName",
            "part",
            "car",
            "distance",
            "name",
        ],
    },
    EventSpec {
        name: "request.offer",
        category: Category::Orders,
        vars: &["requestNumber", "storeName", "amount", "name"],
    },
    EventSpec {
        name: "request.won",
        category: Category::Orders,
        vars: &["requestNumber", "storeName", "orderNumber", "name"],
    },
    EventSpec {
        name: "request.lost",
        category: Category::Orders,
        vars: &["requestNumber", "storeName", "name"],
    },
    EventSpec {
        name: "request.expired",
        category: Category::Orders,
        vars: &["requestNumber", "name"],
    },
    EventSpec {
        name: "booking.confirmed",
        category: Category::Orders,
        vars: &["bookingNumber", "storeName", "date", "time", "name"],
    },
    EventSpec {
        name: "booking.rejected",
        category: Category::Orders,
        vars: &[
            "bookingNumber",
            "storeName",
            "date",
            "time",
            "reason",
            "name",
        ],
    },
    EventSpec {
        name: "booking.reminder",
        category: Category::Orders,
        vars: &["bookingNumber", "storeName", "date", "time", "name"],
    },
    EventSpec {
        name: "repair.new",
        category: Category::Orders,
        vars: &["requestNumber", "problem", "name"],
    },
    EventSpec {
        name: "referral.rewarded",
        category: Category::Orders,
        vars: &["amount", "name"],
    },
    EventSpec {
        name: "referral.welcome",
        category: Category::Orders,
        vars: &["amount", "name"],
    },
    EventSpec {
        name: "broadcast",
        category: Category::Marketing,
        vars: &["title", "body", "name"],
    },
];

pub fn event_spec(name: &str) -> Option<&'static EventSpec> {
    EVENTS.iter().find(|e| e.name == name)
}

/// The event of admin broadcasts.
pub const BROADCAST_EVENT: &str = "broadcast";

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 4000;
pub const MAX_SMS_CHARS: usize = 500;
pub const MAX_HTML_CHARS: usize = 50_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateRow {
    pub event: String,
    pub channel: String,
    pub locale: String,
    pub title: String,
    pub body: String,
    pub html: Option<String>,
    pub enabled: bool,
    pub updated_at: OffsetDateTime,
}

/// What one event says on one channel in one language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub event: String,
    pub channel: Channel,
    pub locale: Locale,
    /// Push and in-app title, email subject; empty for SMS.
    pub title: String,
    /// Push, in-app and SMS text, the email's text part.
    pub body: String,
    /// The email's HTML part (placeholders are HTML-escaped); without it the
    /// HTML part is made from `body`.
    pub html: Option<String>,
    /// A disabled template means the event does not use the channel.
    pub enabled: bool,
    /// The `{placeholders}` this event's templates may use.
    pub variables: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<TemplateRow> for Template {
    fn from(r: TemplateRow) -> Self {
        Template {
            variables: event_spec(&r.event)
                .map(|s| s.vars.iter().map(|v| (*v).to_owned()).collect())
                .unwrap_or_default(),
            channel: Channel::parse(&r.channel).unwrap_or(Channel::Push),
            locale: locale_from_db(&r.locale),
            event: r.event,
            title: r.title,
            body: r.body,
            html: r.html,
            enabled: r.enabled,
            updated_at: r.updated_at,
        }
    }
}

/// `GET /admin/notification-templates`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    #[param(max_length = 100)]
    pub event: Option<String>,
    #[param(value_type = Option<Channel>)]
    pub channel: Option<String>,
    #[param(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

impl TemplateQuery {
    pub fn resolve(&self) -> Result<(Option<Channel>, Option<Locale>), ApiError> {
        let mut e = FieldErrors::new();
        let channel = self
            .channel
            .as_deref()
            .and_then(|c| one_of(&mut e, "channel", c, Channel::parse, Channel::ALLOWED));
        let locale = self
            .locale
            .as_deref()
            .and_then(|l| locale_of(&mut e, "locale", l));
        if let Some(ev) = &self.event {
            e.max_chars("event", ev, 100);
        }
        e.into_result()?;
        Ok((channel, locale))
    }
}

impl Validate for TemplateQuery {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

/// `PUT /admin/notification-templates/{event}/{channel}/{locale}`: the whole template.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateInput {
    /// Required except for SMS (which has none).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    /// At most 4000 characters (500 for SMS); `{name}` placeholders must be
    /// the event's variables.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 4000, pattern = "\\S")]
    pub body: String,
    /// Email only.
    #[schema(max_length = 50_000)]
    pub html: Option<String>,
    /// Default true.
    pub enabled: Option<bool>,
}

/// The `{name}` placeholders of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push(name);
                }
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

impl TemplateInput {
    /// Checks the template for `channel` (when known) and that it only uses
    /// `vars` (when known); every failing field is named.
    pub fn check(&self, channel: Option<Channel>, vars: Option<&[&str]>) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let needs_title = channel.is_some_and(|c| c != Channel::Sms);
        if needs_title {
            e.required("title", &self.title);
        }
        e.max_chars("title", &self.title, MAX_TITLE_CHARS);
        if e.required("body", &self.body) {
            let max = if channel == Some(Channel::Sms) {
                MAX_SMS_CHARS
            } else {
                MAX_BODY_CHARS
            };
            e.max_chars("body", &self.body, max);
        }
        if let Some(html) = &self.html {
            if channel.is_some_and(|c| c != Channel::Email) {
                e.add(
                    "html",
                    Message::new("notifications-validation-html-email-only"),
                );
            } else {
                e.max_chars("html", html, MAX_HTML_CHARS);
            }
        }
        if let Some(vars) = vars {
            let texts = [
                ("title", Some(self.title.as_str())),
                ("body", Some(self.body.as_str())),
                ("html", self.html.as_deref()),
            ];
            for (field, text) in texts {
                for name in placeholders(text.unwrap_or_default()) {
                    if !vars.contains(&name) {
                        e.add(
                            field,
                            Message::new("notifications-validation-placeholder")
                                .arg("name", name)
                                .arg("allowed", vars.join(", ")),
                        );
                    }
                }
            }
        }
        e.into_result()
    }
}

impl Validate for TemplateInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.check(None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::model::fields;

    #[test]
    fn templates_only_use_their_events_variables() {
        assert_eq!(placeholders("{a} x {b_1} {} {no-pe} {c"), ["a", "b_1"]);
        let t = TemplateInput {
            title: String::new(),
            body: "Hi {nme}".into(),
            html: Some("<p>{orderNumber}</p>".into()),
            enabled: None,
        };
        let vars = event_spec("order.status").unwrap().vars;
        assert_eq!(
            fields(t.check(Some(Channel::Push), Some(vars))),
            ["body", "html", "title"]
        );
        let sms = TemplateInput {
            body: "{orderNumber}".into(),
            ..Default::default()
        };
        sms.check(Some(Channel::Sms), Some(vars)).unwrap();
    }
}
