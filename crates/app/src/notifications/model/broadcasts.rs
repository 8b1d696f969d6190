//! Admin broadcasts: the segment, the body an admin posts, the stored row
//! and its progress.

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{Channel, Localized};

/// Longest broadcast title and body, per language.
pub const MAX_BROADCAST_TITLE_CHARS: usize = 120;
pub const MAX_BROADCAST_BODY_CHARS: usize = 1000;

/// The roles a broadcast may target.
pub const SEGMENT_ROLES: [&str; 3] = ["CUSTOMER", "SUPPLIER", "REPRESENTATIVE"];

/// Who a broadcast goes to: every active user (`all`), or those of a role,
/// of a city (their default address's), or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Segment {
    /// `CUSTOMER`, `SUPPLIER` or `REPRESENTATIVE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::identity::model::PublicRole>)]
    pub role: Option<String>,
    /// The city of the user's default address (any case).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
}

fn deserialize_channels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Option::<Vec<String>>::deserialize(d).map(Option::unwrap_or_default)
}

/// `POST /admin/broadcasts`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BroadcastInput {
    #[serde(default)]
    #[schema(required = true, value_type = BroadcastTitle)]
    pub title: Localized,
    #[serde(default)]
    #[schema(required = true, value_type = BroadcastBody)]
    pub body: Localized,
    /// `all`, or a role, a city or both.
    #[serde(default)]
    #[schema(required = true)]
    pub segment: Segment,
    /// Some of `push`, `sms`, `email`, `in_app`.
    #[serde(default, deserialize_with = "deserialize_channels")]
    #[schema(required = true, value_type = Vec<Channel>, min_items = 1)]
    pub channels: Vec<String>,
}

/// A broadcast's title in both languages, each required.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct BroadcastTitle {
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    ar: String,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    en: String,
}

/// A broadcast's body in both languages, each required.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct BroadcastBody {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    ar: String,
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    en: String,
}

/// A checked broadcast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBroadcast {
    pub title: Localized,
    pub body: Localized,
    pub segment: Segment,
    pub channels: Vec<Channel>,
}

impl BroadcastInput {
    pub fn resolve(&self) -> Result<NewBroadcast, ApiError> {
        let mut e = FieldErrors::new();
        let texts = [
            ("title.ar", &self.title.ar, MAX_BROADCAST_TITLE_CHARS),
            ("title.en", &self.title.en, MAX_BROADCAST_TITLE_CHARS),
            ("body.ar", &self.body.ar, MAX_BROADCAST_BODY_CHARS),
            ("body.en", &self.body.en, MAX_BROADCAST_BODY_CHARS),
        ];
        for (field, text, max) in texts {
            if e.required(field, text) {
                e.max_chars(field, text, max);
            }
        }
        let s = &self.segment;
        let role = s.role.as_deref().map(str::trim);
        let city = s.city.as_deref().map(str::trim);
        let all = s.all == Some(true);
        if let Some(r) = role
            && !SEGMENT_ROLES.contains(&r)
        {
            e.add(
                "segment.role",
                Message::new("validation-one-of").arg("allowed", SEGMENT_ROLES.join(", ")),
            );
        }
        if let Some(c) = city
            && e.required("segment.city", c)
        {
            e.max_chars("segment.city", c, 100);
        }
        if all && (role.is_some() || city.is_some()) {
            e.add(
                "segment",
                Message::new("notifications-validation-segment-all"),
            );
        } else if !all && role.is_none() && city.is_none() {
            e.add(
                "segment",
                Message::new("notifications-validation-segment-required"),
            );
        }
        let mut channels = Vec::new();
        if self.channels.is_empty() {
            e.add("channels", Message::new("validation-required"));
        }
        for c in &self.channels {
            match Channel::parse(c.trim()) {
                Some(c) if !channels.contains(&c) => channels.push(c),
                Some(_) => {}
                None => {
                    e.add(
                        "channels",
                        Message::new("validation-one-of").arg("allowed", Channel::ALLOWED),
                    );
                }
            }
        }
        e.into_result()?;
        Ok(NewBroadcast {
            title: Localized {
                ar: self.title.ar.trim().to_owned(),
                en: self.title.en.trim().to_owned(),
            },
            body: Localized {
                ar: self.body.ar.trim().to_owned(),
                en: self.body.en.trim().to_owned(),
            },
            segment: Segment {
                role: role.map(str::to_owned),
                city: city.map(str::to_owned),
                all: all.then_some(true),
            },
            channels,
        })
    }
}

impl Validate for BroadcastInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BroadcastRow {
    pub id: Uuid,
    pub title: serde_json::Value,
    pub body: serde_json::Value,
    pub segment: serde_json::Value,
    pub channels: Vec<String>,
    pub cursor_id: Option<Uuid>,
    pub batches: i32,
    pub planned_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub created_by: Option<Uuid>,
}

impl BroadcastRow {
    pub fn segment(&self) -> Segment {
        serde_json::from_value(self.segment.clone()).unwrap_or_default()
    }

    pub fn channels(&self) -> Vec<Channel> {
        self.channels
            .iter()
            .filter_map(|c| Channel::parse(c))
            .collect()
    }
}

/// Deliveries of a broadcast by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Not sent yet (a batch is queued or retrying).
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// Opted out, or nothing to send to (no device, no email).
    pub skipped: i64,
}

impl StatusCounts {
    pub fn add(&mut self, status: &str, n: i64) {
        match status {
            "pending" => self.pending += n,
            "sent" => self.sent += n,
            "failed" => self.failed += n,
            _ => self.skipped += n,
        }
    }
}

/// A broadcast with its progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Broadcast {
    pub id: Uuid,
    pub title: Localized,
    pub body: Localized,
    pub segment: Segment,
    pub channels: Vec<Channel>,
    /// Batches planned so far.
    pub batches: i32,
    /// Whether every recipient is in a batch.
    pub planned: bool,
    /// Recipients in batches so far.
    pub recipients: i64,
    /// Deliveries (one per recipient and channel) by status.
    pub deliveries: StatusCounts,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Broadcast {
    pub fn from_row(r: BroadcastRow, recipients: i64, deliveries: StatusCounts) -> Broadcast {
        Broadcast {
            title: Localized::from_json(&r.title),
            body: Localized::from_json(&r.body),
            segment: r.segment(),
            channels: r.channels(),
            id: r.id,
            batches: r.batches,
            planned: r.planned_at.is_some(),
            recipients,
            deliveries,
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

/// `GET /admin/broadcasts`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BroadcastQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl BroadcastQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for BroadcastQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::model::fields;

    #[test]
    fn a_broadcast_needs_one_kind_of_segment() {
        let b = BroadcastInput {
            title: Localized {
                ar: "عرض".into(),
                en: String::new(),
            },
            body: Localized {
                ar: "x".into(),
                en: "x".into(),
            },
            segment: Segment {
                role: Some("ADMIN".into()),
                city: None,
                all: Some(true),
            },
            channels: vec!["push".into(), "fax".into()],
        };
        assert_eq!(
            fields(b.resolve()),
            ["channels", "segment", "segment.role", "title.en"]
        );
    }
}
