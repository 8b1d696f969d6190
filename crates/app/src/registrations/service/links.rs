//! The e-mailed links: confirming the address (which sends the request to
//! the admins) and resuming a rejected request. Each works while its nonce
//! is the one stored on the request.

use time::OffsetDateTime;

use kernel::{ApiError, ApiResult};

use super::{draft_hash, view};
use crate::AppState;
use crate::identity::tokens::random_token;
use crate::registrations::model::{Registration, RegistrationDraft, Status};
use crate::registrations::repo;
use crate::registrations::tokens::{self, Link, LinkPurpose};

/// A link's contents: 404 when its signature fails, 410 with `expired`
/// when its time is over.
fn link(
    state: &AppState,
    purpose: LinkPurpose,
    token: &str,
    expired: &'static str,
    key: &'static str,
) -> ApiResult<Link> {
    let link = tokens::verify(&state.keys, purpose, token).ok_or(ApiError::NotFound)?;
    if link.expires <= OffsetDateTime::now_utc().unix_timestamp() {
        return Err(ApiError::gone(expired, key));
    }
    Ok(link)
}

/// Uses a confirmation link (`consume`), or only checks it for the page
/// that offers the button: 410 `CONFIRM_LINK_EXPIRED`, 409
/// `CONFIRM_LINK_USED` once used (or replaced by a newer one).
pub async fn confirm(state: &AppState, token: &str, consume: bool) -> ApiResult<Registration> {
    let link = link(
        state,
        LinkPurpose::Confirm,
        token,
        "CONFIRM_LINK_EXPIRED",
        "registrations-confirm-expired",
    )?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock(&mut tx, link.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.status() != Status::Submitted
        || row.confirm_nonce.as_deref() != Some(link.nonce.as_str())
    {
        return Err(ApiError::conflict(
            "CONFIRM_LINK_USED",
            "registrations-confirm-used",
        ));
    }
    if consume {
        repo::set_confirmed(&mut tx, row.id, false).await?;
        repo::add_event(&mut tx, row.id, "confirmed", None, None).await?;
    }
    let row = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let out = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(out)
}

/// Opens a rejected request again from its resume link: a new draft token
/// (the old one stops working) and the request with the rejection's reason.
/// 410 `RESUME_LINK_EXPIRED`; 409 `RESUME_LINK_USED` once it was sent again.
pub async fn resume(state: &AppState, token: &str) -> ApiResult<RegistrationDraft> {
    let link = link(
        state,
        LinkPurpose::Resume,
        token,
        "RESUME_LINK_EXPIRED",
        "registrations-resume-expired",
    )?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock(&mut tx, link.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.status() != Status::Rejected || row.resume_nonce.as_deref() != Some(link.nonce.as_str())
    {
        return Err(ApiError::conflict(
            "RESUME_LINK_USED",
            "registrations-resume-used",
        ));
    }
    let draft = random_token();
    repo::rotate_draft(&mut tx, row.id, &draft_hash(state, &draft)).await?;
    let registration = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(RegistrationDraft {
        registration,
        draft_token: draft,
    })
}
