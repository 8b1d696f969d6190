use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Longest review or reply text, in characters.
pub const MAX_TEXT: usize = 2000;
/// Longest moderation reason, in characters.
pub const MAX_REASON: usize = 500;
/// Most product reviews in one request.
pub const MAX_PRODUCTS: usize = 100;
pub const MIN_STARS: i64 = 1;
pub const MAX_STARS: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TargetType {
    Store,
    Product,
    /// A representative, reviewed after a repair job.
    Rep,
}

impl TargetType {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetType::Store => "store",
            TargetType::Product => "product",
            TargetType::Rep => "rep",
        }
    }
}

/// What a review is of: a delivered order, a completed booking or a
/// completed repair job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Order(Uuid),
    Booking(Uuid),
    Job(Uuid),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// Counted in the rating and shown publicly.
    Visible,
    /// Taken down by a moderator: neither counted nor shown.
    Hidden,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Visible => "visible",
            ReviewStatus::Hidden => "hidden",
        }
    }
}

// ---------------------------------------------------------------- requests

/// Stars and optional text of one review.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RatingInput {
    /// 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    pub stars: i64,
    /// At most 2,000 characters.
    #[schema(max_length = 2000)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductRatingInput {
    /// A product among the order's items.
    pub product_id: Uuid,
    /// 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    pub stars: i64,
    /// At most 2,000 characters.
    #[schema(max_length = 2000)]
    pub text: Option<String>,
}

/// The store review and/or product reviews of one delivered order (at
/// least one of them; each product once).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewReviews {
    pub store_rating: Option<RatingInput>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub products: Vec<ProductRatingInput>,
}

fn check_rating(e: &mut FieldErrors, prefix: &str, stars: i64, text: Option<&str>) {
    if !(MIN_STARS..=MAX_STARS).contains(&stars) {
        e.add(
            format!("{prefix}.stars"),
            Message::new("validation-range")
                .arg("min", MIN_STARS)
                .arg("max", MAX_STARS),
        );
    }
    if let Some(t) = text {
        e.max_chars(&format!("{prefix}.text"), t.trim(), MAX_TEXT);
    }
}

/// One review of a completed booking (its store) or repair job (its rep).
impl Validate for RatingInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !(MIN_STARS..=MAX_STARS).contains(&self.stars) {
            e.add(
                "stars",
                Message::new("validation-range")
                    .arg("min", MIN_STARS)
                    .arg("max", MAX_STARS),
            );
        }
        if let Some(t) = &self.text {
            e.max_chars("text", t.trim(), MAX_TEXT);
        }
        e.into_result()
    }
}

impl Validate for NewReviews {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.store_rating.is_none() && self.products.is_empty() {
            e.add("storeRating", Message::new("reviews-nothing-to-review"));
        }
        if let Some(s) = &self.store_rating {
            check_rating(&mut e, "storeRating", s.stars, s.text.as_deref());
        }
        if self.products.len() > MAX_PRODUCTS {
            e.add(
                "products",
                Message::new("reviews-too-many").arg("max", MAX_PRODUCTS as i64),
            );
        }
        let mut seen = HashSet::new();
        for (i, p) in self.products.iter().enumerate() {
            check_rating(
                &mut e,
                &format!("products[{i}]"),
                p.stars,
                p.text.as_deref(),
            );
            if !seen.insert(p.product_id) {
                e.add(
                    format!("products[{i}].productId"),
                    Message::new("reviews-duplicate-product"),
                );
            }
        }
        e.into_result()
    }
}

/// The store's answer to a review; replying again replaces it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplyRequest {
    /// At most 2,000 characters.
    #[schema(min_length = 1, max_length = 2000, pattern = "\\S")]
    pub text: String,
}

impl Validate for ReplyRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("text", &self.text) {
            e.max_chars("text", self.text.trim(), MAX_TEXT);
        }
        e.into_result()
    }
}

/// Why a moderator takes a review down.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HideRequest {
    /// At most 500 characters.
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for HideRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("reason", &self.reason) {
            e.max_chars("reason", self.reason.trim(), MAX_REASON);
        }
        e.into_result()
    }
}

/// Paging of a public review list (newest first).
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReviewListQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl ReviewListQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for ReviewListQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// The moderation queue's filters (newest first).
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ModerationQuery {
    pub status: Option<ReviewStatus>,
    pub target_type: Option<TargetType>,
    pub store_id: Option<Uuid>,
    pub product_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub rep_id: Option<Uuid>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl ModerationQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for ModerationQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

// ---------------------------------------------------------------- rows and shapes

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRow {
    pub id: Uuid,
    pub order_id: Option<Uuid>,
    pub booking_id: Option<Uuid>,
    pub repair_job_id: Option<Uuid>,
    pub customer_id: Uuid,
    pub store_id: Option<Uuid>,
    pub target_type: String,
    pub product_id: Option<Uuid>,
    pub rep_id: Option<Uuid>,
    pub stars: i16,
    pub body: Option<String>,
    pub reply: Option<String>,
    pub replied_at: Option<OffsetDateTime>,
    pub replied_by: Option<Uuid>,
    pub status: String,
    pub moderation_reason: Option<String>,
    pub moderated_by: Option<Uuid>,
    pub moderated_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// The reviewer's full name, as the account holds it.
    pub reviewer_name: Option<String>,
}

impl ReviewRow {
    pub fn target(&self) -> TargetType {
        match self.target_type.as_str() {
            "product" => TargetType::Product,
            "rep" => TargetType::Rep,
            _ => TargetType::Store,
        }
    }

    pub fn review_status(&self) -> ReviewStatus {
        if self.status == "hidden" {
            ReviewStatus::Hidden
        } else {
            ReviewStatus::Visible
        }
    }

    fn store_reply(&self) -> Option<StoreReply> {
        match (&self.reply, self.replied_at) {
            (Some(text), Some(at)) => Some(StoreReply {
                text: text.clone(),
                replied_at: at,
            }),
            _ => None,
        }
    }
}

/// Only the first word of the name, never the phone.
pub fn first_name(full: Option<&str>) -> Option<String> {
    full.and_then(|n| n.split_whitespace().next())
        .map(str::to_owned)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreReply {
    pub text: String,
    #[serde(with = "time::serde::rfc3339")]
    pub replied_at: OffsetDateTime,
}

/// A review as its author and the reviewed store see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub id: Uuid,
    /// What was reviewed: exactly one of an order, a booking or a repair job.
    pub order_id: Option<Uuid>,
    pub booking_id: Option<Uuid>,
    pub repair_job_id: Option<Uuid>,
    /// The store reviewed or selling; none for rep reviews.
    pub store_id: Option<Uuid>,
    pub target_type: TargetType,
    /// Product reviews only.
    pub product_id: Option<Uuid>,
    /// Rep reviews only.
    pub rep_id: Option<Uuid>,
    pub stars: i16,
    pub text: Option<String>,
    pub reply: Option<StoreReply>,
    pub status: ReviewStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<&ReviewRow> for Review {
    fn from(r: &ReviewRow) -> Self {
        Review {
            id: r.id,
            order_id: r.order_id,
            booking_id: r.booking_id,
            repair_job_id: r.repair_job_id,
            store_id: r.store_id,
            target_type: r.target(),
            product_id: r.product_id,
            rep_id: r.rep_id,
            stars: r.stars,
            text: r.body.clone(),
            reply: r.store_reply(),
            status: r.review_status(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A visible review on a store's or product's page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicReview {
    pub id: Uuid,
    /// Product reviews only.
    pub product_id: Option<Uuid>,
    pub stars: i16,
    pub text: Option<String>,
    /// The reviewer's first name only; none when the account has no name.
    pub reviewer_name: Option<String>,
    pub reply: Option<StoreReply>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<&ReviewRow> for PublicReview {
    fn from(r: &ReviewRow) -> Self {
        PublicReview {
            id: r.id,
            product_id: r.product_id,
            stars: r.stars,
            text: r.body.clone(),
            reviewer_name: first_name(r.reviewer_name.as_deref()),
            reply: r.store_reply(),
            created_at: r.created_at,
        }
    }
}

/// A review in the moderation queue, with who wrote and who moderated it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminReview {
    #[serde(flatten)]
    pub review: Review,
    pub customer_id: Uuid,
    pub reviewer_name: Option<String>,
    pub replied_by: Option<Uuid>,
    pub moderation_reason: Option<String>,
    pub moderated_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub moderated_at: Option<OffsetDateTime>,
}

impl From<&ReviewRow> for AdminReview {
    fn from(r: &ReviewRow) -> Self {
        AdminReview {
            review: Review::from(r),
            customer_id: r.customer_id,
            reviewer_name: r.reviewer_name.clone(),
            replied_by: r.replied_by,
            moderation_reason: r.moderation_reason.clone(),
            moderated_by: r.moderated_by,
            moderated_at: r.moderated_at,
        }
    }
}

/// Rating average to one decimal, none before the first visible review.
pub fn rating_average(sum: i64, count: i32) -> Option<f64> {
    (count > 0).then(|| (sum as f64 / f64::from(count) * 10.0).round() / 10.0)
}

/// Optional text as stored: trimmed, none when empty.
pub fn optional(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_have_one_decimal() {
        assert_eq!(rating_average(0, 0), None);
        assert_eq!(rating_average(14, 3), Some(4.7));
        assert_eq!(rating_average(5, 1), Some(5.0));
    }

    #[test]
    fn only_the_first_name_is_public() {
        assert_eq!(first_name(Some("  سارة  العتيبي ")), Some("سارة".into()));
        assert_eq!(first_name(Some("   ")), None);
        assert_eq!(first_name(None), None);
    }

    #[test]
    fn every_failing_field_is_named() {
        let body = NewReviews {
            store_rating: Some(RatingInput {
                stars: 0,
                text: Some("x".repeat(MAX_TEXT + 1)),
            }),
            products: vec![
                ProductRatingInput {
                    product_id: Uuid::nil(),
                    stars: 6,
                    text: None,
                },
                ProductRatingInput {
                    product_id: Uuid::nil(),
                    stars: 3,
                    text: None,
                },
            ],
        };
        let Err(ApiError::Validation(f)) = body.validate() else {
            panic!("invalid");
        };
        for field in [
            "storeRating.stars",
            "storeRating.text",
            "products[0].stars",
            "products[1].productId",
        ] {
            assert!(f.contains(field), "{field}: {f:?}");
        }
        assert!(NewReviews::default().validate().is_err());
    }
}
