//! Rows, API shapes and rules of site content. The request types and their
//! rules are in `model/inputs.rs`.

mod inputs;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

pub use inputs::*;

/// Longest title or question, in characters.
pub const MAX_TITLE: usize = 200;
pub const MAX_QUESTION: usize = 500;
pub const MAX_ANSWER: usize = 5000;
/// Longest page body per language, in characters.
pub const MAX_BODY: usize = 50_000;
pub const MAX_LINK: usize = 500;
pub const MAX_LINK_VALUE: usize = 300;
pub const MAX_LINKS: usize = 30;
pub const MAX_NAME: usize = 100;
pub const MAX_CONTACT: usize = 254;
pub const MAX_SUBJECT: usize = 200;
pub const MAX_MESSAGE: usize = 5000;
/// Contact messages one client address may send per hour.
pub const CONTACT_PER_HOUR: i64 = 5;

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

text_enum!(
    /// Which app shows a banner.
    BannerApp { Customer => "customer", Store => "store", Rider => "rider", Landing => "landing" }
);
text_enum!(
    /// Who a FAQ or a static page is for.
    Audience { Customer => "customer", Supplier => "supplier", Representative => "representative" }
);
text_enum!(
    /// The static pages there are.
    PageSlug { Terms => "terms", Privacy => "privacy" }
);
text_enum!(
    /// Where a contact message stands in the inbox.
    MessageStatus { New => "new", Read => "read", Archived => "archived" }
);
text_enum!(
    /// What a social link or contact detail is.
    LinkKind {
        X => "x", Instagram => "instagram", Snapchat => "snapchat", Tiktok => "tiktok",
        Whatsapp => "whatsapp", Phone => "phone", Email => "email", Address => "address",
    }
);

// ---------------------------------------------------------------- rows

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BannerRow {
    pub id: Uuid,
    pub title_ar: String,
    pub title_en: String,
    pub media_id: Uuid,
    pub link: Option<String>,
    pub app: String,
    pub starts_at: Option<OffsetDateTime>,
    pub ends_at: Option<OffsetDateTime>,
    pub sort_order: i32,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FaqRow {
    pub id: Uuid,
    pub question_ar: String,
    pub question_en: String,
    pub answer_ar: String,
    pub answer_en: String,
    pub audience: String,
    pub sort_order: i32,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PageRow {
    pub id: Uuid,
    pub slug: String,
    pub audience: String,
    pub current_version: Option<i32>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct VersionRow {
    pub slug: String,
    pub audience: String,
    pub version: i32,
    pub title_ar: String,
    pub title_en: String,
    pub body_ar: String,
    pub body_en: String,
    pub published_at: OffsetDateTime,
    pub published_by: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub name: String,
    pub contact: String,
    pub subject: String,
    pub message: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LinkRow {
    pub kind: String,
    pub value: String,
    pub sort_order: i32,
    pub active: bool,
}

// ---------------------------------------------------------------- shapes

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Banner {
    pub id: Uuid,
    pub title_ar: String,
    pub title_en: String,
    pub image_id: Uuid,
    /// Where the image is served (`GET /api/v1/media/{id}`).
    pub image_url: String,
    pub link: Option<String>,
    pub app: BannerApp,
    #[serde(with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub sort_order: i32,
    pub active: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<&BannerRow> for Banner {
    fn from(r: &BannerRow) -> Self {
        Banner {
            id: r.id,
            title_ar: r.title_ar.clone(),
            title_en: r.title_en.clone(),
            image_id: r.media_id,
            image_url: format!("/api/v1/media/{}", r.media_id),
            link: r.link.clone(),
            app: BannerApp::parse(&r.app).unwrap_or(BannerApp::Customer),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            sort_order: r.sort_order,
            active: r.active,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Faq {
    pub id: Uuid,
    pub question_ar: String,
    pub question_en: String,
    pub answer_ar: String,
    pub answer_en: String,
    pub audience: Audience,
    pub sort_order: i32,
    pub active: bool,
}

impl From<&FaqRow> for Faq {
    fn from(r: &FaqRow) -> Self {
        Faq {
            id: r.id,
            question_ar: r.question_ar.clone(),
            question_en: r.question_en.clone(),
            answer_ar: r.answer_ar.clone(),
            answer_en: r.answer_en.clone(),
            audience: Audience::parse(&r.audience).unwrap_or(Audience::Customer),
            sort_order: r.sort_order,
            active: r.active,
        }
    }
}

/// A static page and the version it shows (none until first published).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminPage {
    pub id: Uuid,
    pub slug: PageSlug,
    pub audience: Audience,
    pub current_version: Option<i32>,
}

impl From<&PageRow> for AdminPage {
    fn from(r: &PageRow) -> Self {
        AdminPage {
            id: r.id,
            slug: PageSlug::parse(&r.slug).unwrap_or(PageSlug::Terms),
            audience: Audience::parse(&r.audience).unwrap_or(Audience::Customer),
            current_version: r.current_version,
        }
    }
}

/// One published version of a static page; never changed once published.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PageVersion {
    pub slug: PageSlug,
    pub audience: Audience,
    pub version: i32,
    pub title_ar: String,
    pub title_en: String,
    pub body_ar: String,
    pub body_en: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
}

impl From<&VersionRow> for PageVersion {
    fn from(r: &VersionRow) -> Self {
        PageVersion {
            slug: PageSlug::parse(&r.slug).unwrap_or(PageSlug::Terms),
            audience: Audience::parse(&r.audience).unwrap_or(Audience::Customer),
            version: r.version,
            title_ar: r.title_ar.clone(),
            title_en: r.title_en.clone(),
            body_ar: r.body_ar.clone(),
            body_en: r.body_en.clone(),
            published_at: r.published_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactMessage {
    pub id: Uuid,
    pub name: String,
    pub contact: String,
    pub subject: String,
    pub message: String,
    pub status: MessageStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<&MessageRow> for ContactMessage {
    fn from(r: &MessageRow) -> Self {
        ContactMessage {
            id: r.id,
            name: r.name.clone(),
            contact: r.contact.clone(),
            subject: r.subject.clone(),
            message: r.message.clone(),
            status: MessageStatus::parse(&r.status).unwrap_or(MessageStatus::New),
            created_at: r.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SocialLink {
    pub kind: LinkKind,
    pub value: String,
    pub sort_order: i32,
    pub active: bool,
}

impl From<&LinkRow> for SocialLink {
    fn from(r: &LinkRow) -> Self {
        SocialLink {
            kind: LinkKind::parse(&r.kind).unwrap_or(LinkKind::Address),
            value: r.value.clone(),
            sort_order: r.sort_order,
            active: r.active,
        }
    }
}

/// What the contact form's sender learns: the same whether the message was
/// kept or dropped as a bot's.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactReceipt {
    pub received: bool,
}
