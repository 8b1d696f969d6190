//! The in-app inbox as the caller reads it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{Category, Localized};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: Uuid,
    pub event: String,
    pub category: String,
    pub title: serde_json::Value,
    pub body: serde_json::Value,
    pub data: serde_json::Value,
    pub read_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// One notification of the caller's inbox, in the request's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboxItem {
    pub id: Uuid,
    /// e.g. `order.status`, `chat.message`, `broadcast`.
    pub event: String,
    pub category: Category,
    pub title: String,
    pub body: String,
    /// The event's variables, for the app to open what it is about.
    pub data: serde_json::Value,
    pub read: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl NotificationRow {
    pub fn into_item(self, locale: Locale) -> InboxItem {
        InboxItem {
            id: self.id,
            category: Category::parse(&self.category).unwrap_or(Category::Orders),
            title: Localized::from_json(&self.title).get(locale).to_owned(),
            body: Localized::from_json(&self.body).get(locale).to_owned(),
            event: self.event,
            data: self.data,
            read: self.read_at.is_some(),
            read_at: self.read_at,
            created_at: self.created_at,
        }
    }
}

/// `GET /notifications`: newest first.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread ones.
    pub unread: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl InboxQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for InboxQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnreadCount {
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkedRead {
    /// Notifications this call marked read.
    pub marked: i64,
}
