//! Pieces of the OpenAPI document that the derives cannot say.

use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};

/// The schema of a create body that is its patch shape (`base`) with some
/// fields required and not null: `allOf` the base and those requirements.
pub fn all_of_requiring(base: &str, description: &str, fields: &[(&str, Type)]) -> RefOr<Schema> {
    let mut required = ObjectBuilder::new();
    for (name, kind) in fields {
        required = required
            .property(*name, ObjectBuilder::new().schema_type(kind.clone()))
            .required(*name);
    }
    AllOfBuilder::new()
        .description(Some(description))
        .item(Ref::from_schema_name(base))
        .item(required)
        .into()
}

/// `ToSchema` for `$ty`, a `#[serde(transparent)]` wrapper of `$base` whose
/// validation requires some of its fields (see [`all_of_requiring`]).
macro_rules! requiring {
    ($ty:ty, $base:ty, $description:literal, [$($field:literal: $kind:ident),+ $(,)?]) => {
        impl utoipa::PartialSchema for $ty {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::doc::all_of_requiring(
                    &<$base as utoipa::ToSchema>::name(),
                    $description,
                    &[$(($field, utoipa::openapi::schema::Type::$kind)),+],
                )
            }
        }

        impl utoipa::ToSchema for $ty {
            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                schemas.push((
                    <$base as utoipa::ToSchema>::name().into(),
                    <$base as utoipa::PartialSchema>::schema(),
                ));
                <$base as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}
pub(crate) use requiring;
