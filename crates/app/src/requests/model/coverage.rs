//! What a store declares it serves when asked for a part.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::Named;

pub const MAX_COVERAGE: usize = 200;

/// A store's coverage: the makes and categories (with their subcategories)
/// it is asked about.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub makes: Vec<Named>,
    pub categories: Vec<Named>,
}

/// `PUT /partner/stores/{storeId}/coverage`: replaces the whole coverage.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageInput {
    #[schema(max_items = 200)]
    pub make_ids: Vec<Uuid>,
    #[schema(max_items = 200)]
    pub category_ids: Vec<Uuid>,
}

impl Validate for CoverageInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        for (field, ids) in [
            ("makeIds", &self.make_ids),
            ("categoryIds", &self.category_ids),
        ] {
            if ids.len() > MAX_COVERAGE {
                e.add(
                    field,
                    Message::new("requests-coverage-too-many").arg("max", MAX_COVERAGE),
                );
            }
        }
        e.into_result()
    }
}
