//! A banner saved together with its picture (the admin page's one form):
//! the permission is decided before the upload is stored, so a refused
//! caller leaves no file, and a refused picture is named as the banner's
//! `imageId` field beside the others.

use bytes::Bytes;
use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{Banner, BannerInput};
use super::service::save_banner;
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;
use crate::media::model::Purpose;

/// A picture sent with the form: its file name and bytes.
pub struct Picture {
    pub name: Option<String>,
    pub bytes: Bytes,
}

/// Creates (`id` none) or replaces a banner; a `picture` replaces
/// `b.image_id` once stored through the media pipeline (type from the
/// bytes, size and pixel caps, re-encoded, thumbnail).
pub async fn save_with_picture(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    mut b: BannerInput,
    picture: Option<Picture>,
) -> ApiResult<Banner> {
    permissions::require(state, caller, Permission::ContentManage).await?;
    if let Some(p) = picture {
        let file = crate::media::service::store_upload(
            state,
            caller,
            Purpose::ProductImage,
            p.name.as_deref(),
            p.bytes,
        )
        .await
        .map_err(|e| match e {
            ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::UnsupportedMediaType
            | ApiError::PayloadTooLarge => {
                ApiError::Validation(FieldErrors::single("imageId", e.message()))
            }
            other => other,
        })?;
        b.image_id = file.id;
    }
    save_banner(state, caller, id, &b).await
}
