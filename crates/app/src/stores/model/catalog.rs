//! Store types and the services they offer.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{text, too_many};

fn check_slug(e: &mut FieldErrors, v: &str) {
    let ok = !v.is_empty()
        && v.len() <= 50
        && v.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if e.required("slug", v) && !ok {
        e.add("slug", Message::new("stores-validation-slug"));
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreTypeView {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    /// The services stores of this type may offer.
    pub services: Vec<ServiceView>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceInput {
    /// Lowercase words of `a-z` and `0-9` joined by `-`, at most 50.
    #[schema(max_length = 50, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
}

impl ServiceInput {
    /// On create every field is required; on patch only the present ones count.
    pub fn check(&self, creating: bool) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        for (field, value, max) in [
            ("slug", &self.slug, 50),
            ("nameAr", &self.name_ar, 100),
            ("nameEn", &self.name_en, 100),
        ] {
            match value {
                Some(v) if field == "slug" => check_slug(&mut e, v.trim()),
                Some(v) => text(&mut e, field, v, max),
                None if creating => {
                    e.add(field, Message::new("validation-required"));
                }
                None => {}
            }
        }
        e.into_result()
    }
}

impl Validate for ServiceInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.check(false)
    }
}

/// A new service: every field required.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct NewService(pub ServiceInput);

crate::doc::requiring!(
    NewService,
    ServiceInput,
    "A new service: every field required.",
    ["slug": String, "nameAr": String, "nameEn": String]
);

impl Validate for NewService {
    fn validate(&self) -> Result<(), ApiError> {
        self.0.check(true)
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoreTypeInput {
    /// Lowercase words of `a-z` and `0-9` joined by `-`, at most 50.
    #[schema(max_length = 50, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    /// Replaces the type's services when present.
    #[schema(max_items = 50)]
    pub service_ids: Option<Vec<Uuid>>,
}

impl StoreTypeInput {
    pub fn check(&self, creating: bool) -> Result<(), ApiError> {
        let mut errors = match (ServiceInput {
            slug: self.slug.clone(),
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
        })
        .check(creating)
        {
            Err(ApiError::Validation(e)) => e,
            _ => FieldErrors::new(),
        };
        if let Some(ids) = &self.service_ids {
            too_many(&mut errors, "serviceIds", ids.len(), 50);
        }
        errors.into_result()
    }
}

impl Validate for StoreTypeInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.check(false)
    }
}

/// A new store type: slug and names required.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct NewStoreType(pub StoreTypeInput);

crate::doc::requiring!(
    NewStoreType,
    StoreTypeInput,
    "A new store type: slug and names required.",
    ["slug": String, "nameAr": String, "nameEn": String]
);

impl Validate for NewStoreType {
    fn validate(&self) -> Result<(), ApiError> {
        self.0.check(true)
    }
}
