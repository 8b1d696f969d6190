//! Request bodies and queries of site content, each with its rule; a rule
//! names every failing field.

use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::*;

fn text(e: &mut FieldErrors, field: &str, value: &str, max: usize) {
    if e.required(field, value) {
        e.max_chars(field, value.trim(), max);
    }
}

fn default_true() -> bool {
    true
}

/// A banner, whole: creating and replacing take the same body.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BannerInput {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title_ar: String,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title_en: String,
    /// An uploaded image of a public purpose (`POST /api/v1/media`).
    pub image_id: Uuid,
    /// Where a tap leads: an `https://` address or an in-app path (`/…`).
    #[schema(max_length = 500)]
    pub link: Option<String>,
    pub app: BannerApp,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    /// After `startsAt` when both are given.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    #[serde(default)]
    #[schema(minimum = -100000, maximum = 100000)]
    pub sort_order: i32,
    #[serde(default = "default_true")]
    pub active: bool,
}

fn sort(e: &mut FieldErrors, field: &str, n: i32) {
    if !(-100_000..=100_000).contains(&n) {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", -100_000i64)
                .arg("max", 100_000i64),
        );
    }
}

impl Validate for BannerInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "titleAr", &self.title_ar, MAX_TITLE);
        text(&mut e, "titleEn", &self.title_en, MAX_TITLE);
        if let Some(l) = &self.link {
            let l = l.trim();
            e.max_chars("link", l, MAX_LINK);
            let in_app = l.starts_with('/') && !l.starts_with("//");
            if !(l.starts_with("https://") || in_app) || l.chars().any(char::is_whitespace) {
                e.add("link", Message::new("content-link-invalid"));
            }
        }
        if let (Some(s), Some(t)) = (self.starts_at, self.ends_at)
            && s >= t
        {
            e.add("endsAt", Message::new("content-ends-before-start"));
        }
        sort(&mut e, "sortOrder", self.sort_order);
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaqInput {
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub question_ar: String,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub question_en: String,
    #[schema(min_length = 1, max_length = 5000, pattern = "\\S")]
    pub answer_ar: String,
    #[schema(min_length = 1, max_length = 5000, pattern = "\\S")]
    pub answer_en: String,
    pub audience: Audience,
    #[serde(default)]
    #[schema(minimum = -100000, maximum = 100000)]
    pub sort_order: i32,
    #[serde(default = "default_true")]
    pub active: bool,
}

impl Validate for FaqInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "questionAr", &self.question_ar, MAX_QUESTION);
        text(&mut e, "questionEn", &self.question_en, MAX_QUESTION);
        text(&mut e, "answerAr", &self.answer_ar, MAX_ANSWER);
        text(&mut e, "answerEn", &self.answer_en, MAX_ANSWER);
        sort(&mut e, "sortOrder", self.sort_order);
        e.into_result()
    }
}

/// A new version of a static page: plain text, paragraphs split by blank lines.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishPage {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title_ar: String,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title_en: String,
    #[schema(min_length = 1, max_length = 50000, pattern = "\\S")]
    pub body_ar: String,
    #[schema(min_length = 1, max_length = 50000, pattern = "\\S")]
    pub body_en: String,
}

impl Validate for PublishPage {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "titleAr", &self.title_ar, MAX_TITLE);
        text(&mut e, "titleEn", &self.title_en, MAX_TITLE);
        text(&mut e, "bodyAr", &self.body_ar, MAX_BODY);
        text(&mut e, "bodyEn", &self.body_en, MAX_BODY);
        e.into_result()
    }
}

/// A message of the public contact form.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactInput {
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    /// A phone number or an e-mail address to answer at.
    #[schema(min_length = 1, max_length = 254, pattern = "\\S")]
    pub contact: String,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub subject: String,
    #[schema(min_length = 1, max_length = 5000, pattern = "\\S")]
    pub message: String,
    /// Left empty by people; a bot that fills it is answered as if heard.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub website: Option<String>,
}

impl ContactInput {
    pub fn is_bot(&self) -> bool {
        self.website
            .as_deref()
            .is_some_and(|w| !w.trim().is_empty())
    }
}

impl Validate for ContactInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "name", &self.name, MAX_NAME);
        text(&mut e, "subject", &self.subject, MAX_SUBJECT);
        text(&mut e, "message", &self.message, MAX_MESSAGE);
        let c = self.contact.trim();
        if e.required("contact", c) {
            if c.contains('@') {
                e.email("contact", c);
            } else {
                let digits = c.chars().filter(char::is_ascii_digit).count();
                let plausible = c
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch));
                if !plausible || !(7..=15).contains(&digits) {
                    e.add("contact", Message::new("content-contact-invalid"));
                }
            }
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SocialLinkInput {
    pub kind: LinkKind,
    #[schema(min_length = 1, max_length = 300, pattern = "\\S")]
    pub value: String,
    #[serde(default = "default_true")]
    pub active: bool,
}

/// The whole list, in display order; it replaces the stored one.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SocialLinksInput {
    #[schema(max_items = 30)]
    pub links: Vec<SocialLinkInput>,
}

impl Validate for SocialLinksInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.links.len() > MAX_LINKS {
            e.add(
                "links",
                Message::new("content-too-many-links").arg("max", MAX_LINKS as i64),
            );
        }
        for (i, l) in self.links.iter().enumerate() {
            let f = format!("links[{i}].value");
            text(&mut e, &f, &l.value, MAX_LINK_VALUE);
            let v = l.value.trim();
            let is_url = matches!(
                l.kind,
                LinkKind::X | LinkKind::Instagram | LinkKind::Snapchat | LinkKind::Tiktok
            );
            if is_url && !v.is_empty() && !v.starts_with("https://") {
                e.add(f.clone(), Message::new("content-link-invalid"));
            }
            if l.kind == LinkKind::Email && !v.is_empty() {
                e.email(&f, v);
            }
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusRequest {
    pub status: MessageStatus,
}

impl Validate for StatusRequest {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BannerQuery {
    /// The app asking; its live banners, in order.
    pub app: BannerApp,
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AudienceQuery {
    /// `customer` when absent.
    pub audience: Option<Audience>,
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    pub status: Option<MessageStatus>,
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

macro_rules! no_rule {
    ($($t:ty),+) => { $(impl Validate for $t { fn validate(&self) -> Result<(), ApiError> { Ok(()) } })+ };
}
no_rule!(BannerQuery, AudienceQuery);

impl Validate for InboxQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}
