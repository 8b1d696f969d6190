//! The admins' queue (`users.view` to read, `users.manage` to decide):
//! approval opens the account and its company or rep profile in one
//! transaction, rejection records the reason and sends the applicant a link
//! to resume. Both are audited.

use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::validation::Validate;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::message::{self, Channel, Mail};
use super::{view, views};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;
use crate::identity::service::{RegisteredAccount, open_registered_account};
use crate::registrations::model::{
    AdminRegistration, Kind, RegistrationQuery, RegistrationRow, RejectRegistration, Status,
};
use crate::registrations::repo;
use crate::registrations::tokens;
use crate::stores::service::companies::{ApprovedCompany, open_approved};

fn admin_view(
    row: &RegistrationRow,
    registration: crate::registrations::model::Registration,
) -> AdminRegistration {
    AdminRegistration {
        registration,
        confirmed_at: row.confirmed_at,
        reviewed_at: row.reviewed_at,
        user_id: row.user_id,
        company_id: row.company_id,
    }
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &RegistrationQuery,
) -> ApiResult<(Vec<AdminRegistration>, Meta)> {
    require(state, caller, Permission::UsersView).await?;
    q.validate()?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (rows, total) = repo::list(&state.db, q, page).await?;
    let mut conn = state.db.acquire().await?;
    let out = views(&mut conn, &rows).await?;
    Ok((
        rows.iter()
            .zip(out)
            .map(|(row, v)| admin_view(row, v))
            .collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminRegistration> {
    require(state, caller, Permission::UsersView).await?;
    let mut conn = state.db.acquire().await?;
    let row = repo::get(&mut *conn, id)
        .await?
        .filter(|r| r.status() != Status::Draft)
        .ok_or(ApiError::NotFound)?;
    let v = view(&mut conn, &row).await?;
    Ok(admin_view(&row, v))
}

async fn lock_queued(tx: &mut sqlx::PgConnection, id: Uuid) -> ApiResult<RegistrationRow> {
    let row = repo::lock(tx, id)
        .await?
        .filter(|r| r.status() != Status::Draft)
        .ok_or(ApiError::NotFound)?;
    if row.status() != Status::Confirmed {
        return Err(ApiError::conflict(
            "REGISTRATION_NOT_IN_QUEUE",
            "registrations-not-in-queue",
        ));
    }
    Ok(row)
}

/// Opens the applicant's account (active, with the role of the request's
/// kind; a user of that role waiting since a first sign-in is the one
/// opened), gives it the documents, and opens a supplier's company approved
/// or a representative's profile. `PHONE_TAKEN` when the phone holds
/// another account; `COMPANY_EXISTS`, `CR_NUMBER_TAKEN`, `PROFILE_EXISTS`
/// from what it opens. Nothing is kept when any of it fails.
pub async fn approve(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminRegistration> {
    let granted = require(state, caller, Permission::UsersManage).await?;
    let mut tx = state.db.begin().await?;
    let row = lock_queued(&mut tx, id).await?;
    let kind = row.kind();
    let account = RegisteredAccount {
        phone: &row.phone,
        role: kind.role(),
        name: &row.full_name,
        email: &row.email,
        locale: row.locale(),
    };
    let (user, before) = open_registered_account(&mut tx, &account, caller.user_id)
        .await?
        .ok_or_else(|| ApiError::conflict("PHONE_TAKEN", "registrations-phone-taken"))?;
    let docs = repo::documents(&mut *tx, &[row.id]).await?;
    let media: Vec<Uuid> = docs.iter().map(|d| d.media_id).collect();
    crate::media::service::adopt(&mut tx, &media, user.id).await?;
    let company = match kind {
        Kind::Supplier => {
            let documents: Vec<_> = docs
                .iter()
                .map(|d| {
                    let k = crate::registrations::model::DocumentKind::parse(&d.kind)
                        .unwrap_or(crate::registrations::model::DocumentKind::Other);
                    (d.media_id, k.company_kind())
                })
                .collect();
            let c = ApprovedCompany {
                legal_name_ar: &row.company_name_ar,
                legal_name_en: &row.company_name_en,
                cr_number: &row.cr_number,
                vat_number: &row.vat_number,
                city: &row.city,
                address: &row.address,
                documents: &documents,
            };
            Some(
                open_approved(&mut tx, caller, &granted, user.id, &c)
                    .await?
                    .id,
            )
        }
        Kind::Representative => {
            let p = crate::repairs::RepProfile {
                vehicle_type: row.vehicle_type.as_deref().unwrap_or_default(),
                plate_number: &row.plate_number,
                national_id: &row.national_id,
                city: &row.city,
                registration_id: Some(row.id),
            };
            crate::repairs::open_profile(&mut tx, &granted, user.id, &p).await?;
            None
        }
    };
    repo::set_approved(&mut tx, row.id, user.id, company, caller.user_id).await?;
    repo::add_event(&mut tx, row.id, "approved", None, Some(caller.user_id)).await?;
    audit::record(
        &mut *tx,
        caller,
        "registration.approve",
        "registration",
        row.id,
        Some(&json!({"status": row.status})),
        Some(&json!({"status": "approved", "userId": user.id, "companyId": company})),
    )
    .await?;
    audit::record(
        &mut *tx,
        caller,
        "user.approve",
        "user",
        user.id,
        before
            .as_ref()
            .map(|b| json!({"status": b.status, "role": b.role}))
            .as_ref(),
        Some(&json!({"status": user.status, "role": user.role, "registration": row.id})),
    )
    .await?;
    message::enqueue(&mut tx, row.id, Mail::Approved, Channel::Email).await?;
    let after = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let v = view(&mut tx, &after).await?;
    tx.commit().await?;
    Ok(admin_view(&after, v))
}

/// Rejects a request in the queue with a reason the applicant reads; they
/// get an e-mail and an SMS with the reason and a link to resume it.
pub async fn reject(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &RejectRegistration,
) -> ApiResult<AdminRegistration> {
    require(state, caller, Permission::UsersManage).await?;
    req.validate()?;
    let reason = req.reason.trim();
    let mut tx = state.db.begin().await?;
    let row = lock_queued(&mut tx, id).await?;
    let expires = OffsetDateTime::now_utc() + state.config.registrations.resume_ttl;
    repo::set_rejected(
        &mut tx,
        row.id,
        reason,
        &tokens::nonce(),
        expires,
        caller.user_id,
    )
    .await?;
    repo::add_event(
        &mut tx,
        row.id,
        "rejected",
        Some(reason),
        Some(caller.user_id),
    )
    .await?;
    audit::record(
        &mut *tx,
        caller,
        "registration.reject",
        "registration",
        row.id,
        Some(&json!({"status": row.status})),
        Some(&json!({"status": "rejected", "reason": reason})),
    )
    .await?;
    message::enqueue(&mut tx, row.id, Mail::Rejected, Channel::Email).await?;
    message::enqueue(&mut tx, row.id, Mail::Rejected, Channel::Sms).await?;
    let after = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let v = view(&mut tx, &after).await?;
    tx.commit().await?;
    Ok(admin_view(&after, v))
}
