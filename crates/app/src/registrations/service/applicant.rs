//! The applicant's side: a draft opened by its token, saved step by step,
//! its documents uploaded and submitted; confirmed from the e-mailed link
//! and resumed from the link of a rejection (`service/links.rs`). Public, so every entry is bounded:
//! per-address hourly caps, field sizes, upload size and types, a honeypot.

use bytes::Bytes;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, ApiResult, FieldErrors};

pub use super::links::{confirm, resume};
use super::message::{self, Channel, Mail};
use super::{draft_hash, limit, missing, view};
use crate::AppState;
use crate::auth::ClientInfo;
use crate::identity::tokens::random_token;
use crate::media::model::{FileKind, Purpose};
use crate::registrations::model::{
    DocumentKind, Kind, NewRegistration, Registration, RegistrationDocument, RegistrationDraft,
    RegistrationRow, RegistrationStep, Status, Step, national_id, plate,
};
use crate::registrations::repo::{self, Account, BusinessRow};
use crate::registrations::tokens;
use crate::stores::model::{cr_number, vat_number};

fn clean(v: &Option<String>) -> String {
    v.as_deref().unwrap_or("").trim().to_owned()
}

fn e164(raw: &str) -> String {
    Phone::parse(raw)
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default()
}

/// Opens a draft with the account step; answers its token once.
pub async fn create(
    state: &AppState,
    client: &ClientInfo,
    req: &NewRegistration,
) -> ApiResult<RegistrationDraft> {
    req.validate()?;
    limit(state, &format!("registration:create:{}", client.ip)).await?;
    let token = random_token();
    let phone = e164(&req.phone);
    let email = req.email.trim().to_lowercase();
    let mut tx = state.db.begin().await?;
    let row = repo::insert(
        &mut tx,
        &draft_hash(state, &token),
        client.locale.code(),
        &Account {
            kind: req.kind.as_str(),
            full_name: req.full_name.trim(),
            phone: &phone,
            email: &email,
        },
        &client.ip,
    )
    .await?;
    let registration = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(RegistrationDraft {
        registration,
        draft_token: token,
    })
}

/// The draft a token opens, locked; `id` (the API's path) must be its id.
/// Anything else is 404, so a token's existence is not revealed.
async fn open(
    state: &AppState,
    tx: &mut PgConnection,
    id: Option<Uuid>,
    token: &str,
) -> ApiResult<RegistrationRow> {
    repo::lock_by_draft(tx, &draft_hash(state, token))
        .await?
        .filter(|r| id.is_none_or(|id| r.id == id))
        .ok_or(ApiError::NotFound)
}

fn editable(row: &RegistrationRow) -> ApiResult<()> {
    if row.status().editable() {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "REGISTRATION_LOCKED",
            "registrations-locked",
        ))
    }
}

/// The request a draft token opens.
pub async fn get(state: &AppState, id: Option<Uuid>, token: &str) -> ApiResult<Registration> {
    let mut conn = state.db.acquire().await?;
    let row = repo::by_draft(&mut *conn, &draft_hash(state, token))
        .await?
        .filter(|r| id.is_none_or(|id| r.id == id))
        .ok_or(ApiError::NotFound)?;
    view(&mut conn, &row).await
}

/// Saves one step. A step of the other kind (a business for a
/// representative) is refused on `step`; changing the kind drops the
/// documents the new kind does not take.
pub async fn update(
    state: &AppState,
    id: Option<Uuid>,
    token: &str,
    req: &RegistrationStep,
) -> ApiResult<Registration> {
    req.validate()?;
    let mut tx = state.db.begin().await?;
    let row = open(state, &mut tx, id, token).await?;
    editable(&row)?;
    let wrong_kind = || {
        ApiError::Validation(FieldErrors::single(
            "step",
            Message::new("registrations-step-kind"),
        ))
    };
    match req.step {
        Step::Account => {
            let kind = req.kind.unwrap_or(row.kind());
            let (phone, email) = (e164(&clean(&req.phone)), clean(&req.email).to_lowercase());
            repo::save_account(
                &mut tx,
                row.id,
                &Account {
                    kind: kind.as_str(),
                    full_name: &clean(&req.full_name),
                    phone: &phone,
                    email: &email,
                },
            )
            .await?;
            if kind != row.kind() {
                let keep: Vec<&str> = kind.documents().iter().map(|d| d.as_str()).collect();
                repo::drop_documents_except(&mut tx, row.id, &keep).await?;
            }
        }
        Step::Business => {
            if row.kind() != Kind::Supplier {
                return Err(wrong_kind());
            }
            let cr = cr_number(&clean(&req.cr_number)).unwrap_or_default();
            let vat = vat_number(&clean(&req.vat_number)).unwrap_or_default();
            repo::save_business(
                &mut tx,
                row.id,
                &BusinessRow {
                    company_name_ar: &clean(&req.company_name_ar),
                    company_name_en: &clean(&req.company_name_en),
                    cr_number: &cr,
                    vat_number: &vat,
                    city: &clean(&req.city),
                    address: &clean(&req.address),
                },
            )
            .await?;
        }
        Step::Vehicle => {
            if row.kind() != Kind::Representative {
                return Err(wrong_kind());
            }
            let vehicle = req.vehicle_type.map(|v| v.as_str()).unwrap_or_default();
            let national = national_id(&clean(&req.national_id)).unwrap_or_default();
            repo::save_vehicle(
                &mut tx,
                row.id,
                vehicle,
                &plate(&clean(&req.plate_number)),
                &national,
                &clean(&req.city),
            )
            .await?;
        }
    }
    let row = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let out = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(out)
}

/// Uploads a document of `kind` (PDF, JPEG or PNG, within the upload
/// limit), replacing the draft's earlier one of that kind. The file is
/// stored by the media feature with no owner until approval.
pub async fn upload(
    state: &AppState,
    client: &ClientInfo,
    id: Option<Uuid>,
    token: &str,
    kind: DocumentKind,
    file_name: Option<&str>,
    bytes: Bytes,
) -> ApiResult<RegistrationDocument> {
    let row = repo::by_draft(&state.db, &draft_hash(state, token))
        .await?
        .filter(|r| id.is_none_or(|id| r.id == id))
        .ok_or(ApiError::NotFound)?;
    editable(&row)?;
    let allowed = row.kind().documents();
    if !allowed.contains(&kind) {
        let list: Vec<&str> = allowed.iter().map(|d| d.as_str()).collect();
        return Err(ApiError::field(
            "kind",
            Message::new("validation-one-of").arg("allowed", list.join(", ")),
        ));
    }
    limit(state, &format!("registration:upload:{}", client.ip)).await?;
    if !bytes.is_empty()
        && !matches!(
            FileKind::sniff(&bytes),
            Some(FileKind::Pdf | FileKind::Jpeg | FileKind::Png)
        )
    {
        return Err(ApiError::UnsupportedMediaType);
    }
    let file =
        crate::media::service::store_unowned(state, Purpose::CompanyDocument, file_name, bytes)
            .await?;
    let mut tx = state.db.begin().await?;
    let row = open(state, &mut tx, Some(row.id), token).await?;
    editable(&row)?;
    let doc = repo::put_document(&mut tx, row.id, kind.as_str(), file.id).await?;
    tx.commit().await?;
    Ok(RegistrationDocument {
        id: doc,
        kind,
        media_id: file.id,
        content_type: file.content_type,
        size_bytes: file.size_bytes,
        original_name: file.original_name,
    })
}

/// Sends the request: every step complete (422 `REGISTRATION_INCOMPLETE`
/// naming what is missing), then a confirmation link to the e-mail address;
/// a rejected request sent again to the address already confirmed goes
/// straight back to the queue.
pub async fn submit(
    state: &AppState,
    client: &ClientInfo,
    id: Option<Uuid>,
    token: &str,
) -> ApiResult<Registration> {
    limit(state, &format!("registration:submit:{}", client.ip)).await?;
    let mut tx = state.db.begin().await?;
    let row = open(state, &mut tx, id, token).await?;
    editable(&row)?;
    let docs = repo::documents(&mut *tx, &[row.id]).await?;
    let lacking = missing(&row, &docs);
    if !lacking.is_empty() {
        return Err(ApiError::Unprocessable {
            code: "REGISTRATION_INCOMPLETE",
            message: Message::new("registrations-incomplete"),
            fields: lacking,
        });
    }
    let again = row.status() == Status::Rejected;
    if again && row.confirmed_email.as_deref() == Some(row.email.as_str()) {
        repo::set_confirmed(&mut tx, row.id, true).await?;
        repo::add_event(&mut tx, row.id, "resubmitted", None, None).await?;
    } else {
        let expires = OffsetDateTime::now_utc() + state.config.registrations.confirm_ttl;
        repo::set_submitted(&mut tx, row.id, &tokens::nonce(), expires).await?;
        let event = if again { "resubmitted" } else { "submitted" };
        repo::add_event(&mut tx, row.id, event, None, None).await?;
        message::enqueue(&mut tx, row.id, Mail::Confirm, Channel::Email).await?;
    }
    let row = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let out = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(out)
}
