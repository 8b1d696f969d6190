use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Longest message body, in characters.
pub const MAX_BODY: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadKind {
    CustomerStore,
    CustomerRep,
    Negotiation,
    Support,
}

impl ThreadKind {
    pub fn from_db(s: &str) -> ThreadKind {
        match s {
            "customer_store" => ThreadKind::CustomerStore,
            "customer_rep" => ThreadKind::CustomerRep,
            "negotiation" => ThreadKind::Negotiation,
            _ => ThreadKind::Support,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: Uuid,
    pub kind: String,
    pub customer_id: Uuid,
    pub store_id: Option<Uuid>,
    pub rep_id: Option<Uuid>,
    /// What a negotiation is about (its store request).
    pub subject_id: Option<Uuid>,
}

impl ThreadRow {
    pub fn kind(&self) -> ThreadKind {
        ThreadKind::from_db(&self.kind)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub sender_id: Uuid,
    pub sender_name: Option<String>,
    pub kind: String,
    pub body: String,
    pub attachment_url: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: time::OffsetDateTime,
}

/// A thread in the caller's list: its last message and how many the caller has not read.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadSummary {
    pub id: Uuid,
    pub kind: String,
    pub customer_id: Uuid,
    pub store_id: Option<Uuid>,
    pub rep_id: Option<Uuid>,
    /// The other side's name (store, representative, customer, or "support").
    pub title: Option<String>,
    pub last_message: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_message_at: Option<time::OffsetDateTime>,
    pub unread: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewMessage {
    /// Required (not blank) unless there is an attachment.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub body: Option<String>,
    /// An uploaded file (`POST /media` with purpose `chat_attachment`) of the sender.
    #[serde(default)]
    pub attachment_id: Option<Uuid>,
    /// `invoice` marks an uploaded invoice in a negotiation thread.
    #[serde(default)]
    #[schema(value_type = Option<MessageKind>)]
    pub kind: Option<String>,
}

/// The kinds a message may name.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum MessageKind {
    Text,
    Attachment,
    Invoice,
}

impl Validate for NewMessage {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let body = self.body.as_deref().map(str::trim).unwrap_or("");
        if body.is_empty() && self.attachment_id.is_none() {
            e.add("body", Message::new("chat-message-empty"));
        }
        e.max_chars("body", body, MAX_BODY);
        if let Some(k) = &self.kind
            && !matches!(k.as_str(), "text" | "attachment" | "invoice")
        {
            e.add("kind", Message::new("chat-kind-invalid"));
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ReadRequest {
    /// The newest message read; the thread's newest when left out.
    #[serde(default)]
    pub message_id: Option<Uuid>,
}

impl Validate for ReadRequest {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StoreThreadRequest {
    pub store_id: Uuid,
}

impl Validate for StoreThreadRequest {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct MessagesQuery {
    /// Cursor: messages older than this one.
    pub before: Option<Uuid>,
    /// At most 100, default 30.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl Validate for MessagesQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(l) = self.limit
            && !(1..=100).contains(&l)
        {
            e.add(
                "limit",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 100i64),
            );
        }
        e.into_result()
    }
}
