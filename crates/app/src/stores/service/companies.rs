//! A supplier's one company: registration, edits while under review, and the
//! admins' review queue (approve, reject with a reason).

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::conflict_on;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;
use crate::identity::model::Role;
use crate::stores::model::{
    AdminCompany, COMPANY_DEFAULT_ORDER, COMPANY_SORTS, Company, CompanyDocument, CompanyPatch,
    CompanyQuery, CompanyRow, CompanyStatus, DocumentKind, NewCompany, clean, cr_number,
    requested_documents, vat_number,
};
use crate::stores::repo::{self, CompanyFields};

const CONFLICTS: [(&str, &str, &str); 2] = [
    ("companies_owner", "COMPANY_EXISTS", "stores-company-exists"),
    ("companies_cr", "CR_NUMBER_TAKEN", "stores-cr-number-taken"),
];

fn cr_taken() -> ApiError {
    ApiError::conflict("CR_NUMBER_TAKEN", "stores-cr-number-taken")
}

/// Companies are registered by supplier accounts only.
fn supplier_only(caller: &Caller) -> ApiResult<()> {
    if caller.role == Role::Supplier {
        Ok(())
    } else {
        Err(ApiError::Denied {
            code: "SUPPLIER_ONLY",
            message: Message::new("stores-supplier-only"),
        })
    }
}

async fn view(db: &mut PgConnection, row: CompanyRow) -> ApiResult<Company> {
    let docs = repo::documents_of(&mut *db, &[row.id]).await?;
    Ok(Company::from_row(
        row,
        docs.into_iter().map(CompanyDocument::from).collect(),
    ))
}

/// Every document must be a live file the caller uploaded.
async fn check_documents(
    db: &mut PgConnection,
    caller: &Caller,
    docs: &[(Uuid, DocumentKind)],
) -> ApiResult<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = docs.iter().map(|(id, _)| *id).collect();
    let owned = repo::owned_media(&mut *db, caller.user_id, &ids).await?;
    let mut e = FieldErrors::new();
    for id in ids.iter().filter(|id| !owned.contains(id)) {
        e.add(
            "documentIds",
            Message::new("stores-validation-document-unknown").arg("id", id.to_string()),
        );
    }
    e.into_result()
}

pub async fn create(state: &AppState, caller: &Caller, req: &NewCompany) -> ApiResult<Company> {
    supplier_only(caller)?;
    let cr = cr_number(&req.cr_number).expect("validated");
    let vat = vat_number(&req.vat_number).expect("validated");
    let (name_ar, name_en) = (clean(&req.legal_name_ar), clean(&req.legal_name_en));
    let (city, address) = (clean(&req.city), clean(&req.address));
    let mut tx = state.db.begin().await?;
    if repo::lock_company_of_owner(&mut tx, caller.user_id)
        .await?
        .is_some()
    {
        return Err(ApiError::conflict(
            "COMPANY_EXISTS",
            "stores-company-exists",
        ));
    }
    if repo::cr_taken(&mut *tx, &cr, None).await? {
        return Err(cr_taken());
    }
    let docs = requested_documents(&req.document_ids, &req.documents).unwrap_or_default();
    check_documents(&mut tx, caller, &docs).await?;
    let fields = CompanyFields {
        legal_name_ar: &name_ar,
        legal_name_en: &name_en,
        cr_number: &cr,
        vat_number: &vat,
        city: &city,
        address: &address,
    };
    let row = repo::insert_company(&mut tx, caller.user_id, &fields)
        .await
        .map_err(|e| conflict_on(e, &CONFLICTS))?;
    repo::replace_documents(&mut tx, row.id, &docs, caller.user_id).await?;
    let company = view(&mut tx, row).await?;
    audit::record(
        &mut *tx,
        caller,
        "company.create",
        "company",
        company.id,
        None::<&()>,
        Some(&company),
    )
    .await?;
    tx.commit().await?;
    Ok(company)
}

pub async fn mine(state: &AppState, caller: &Caller) -> ApiResult<Company> {
    supplier_only(caller)?;
    let mut conn = state.db.acquire().await?;
    let row = repo::company_of_owner(&mut *conn, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    view(&mut conn, row).await
}

/// Edits a company under review or rejected; a rejected one goes back to review.
pub async fn update(state: &AppState, caller: &Caller, req: &CompanyPatch) -> ApiResult<Company> {
    supplier_only(caller)?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_company_of_owner(&mut tx, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if CompanyStatus::from_db(&before.status) == CompanyStatus::Approved {
        return Err(ApiError::conflict(
            "COMPANY_LOCKED",
            "stores-company-locked",
        ));
    }
    let pick =
        |new: &Option<String>, old: &str| new.as_deref().map_or_else(|| old.to_owned(), clean);
    let cr = req
        .cr_number
        .as_deref()
        .and_then(cr_number)
        .unwrap_or_else(|| before.cr_number.clone());
    let vat = req
        .vat_number
        .as_deref()
        .and_then(vat_number)
        .unwrap_or_else(|| before.vat_number.clone());
    let (name_ar, name_en) = (
        pick(&req.legal_name_ar, &before.legal_name_ar),
        pick(&req.legal_name_en, &before.legal_name_en),
    );
    let (city, address) = (
        pick(&req.city, &before.city),
        pick(&req.address, &before.address),
    );
    if cr != before.cr_number && repo::cr_taken(&mut *tx, &cr, Some(before.id)).await? {
        return Err(cr_taken());
    }
    let docs = requested_documents(&req.document_ids, &req.documents);
    if let Some(docs) = &docs {
        check_documents(&mut tx, caller, docs).await?;
    }
    let before_view = view(&mut tx, before.clone()).await?;
    let fields = CompanyFields {
        legal_name_ar: &name_ar,
        legal_name_en: &name_en,
        cr_number: &cr,
        vat_number: &vat,
        city: &city,
        address: &address,
    };
    let row = repo::update_company(&mut tx, before.id, &fields, caller.user_id)
        .await
        .map_err(|e| conflict_on(e, &CONFLICTS))?;
    if let Some(docs) = &docs {
        repo::replace_documents(&mut tx, row.id, docs, caller.user_id).await?;
    }
    let company = view(&mut tx, row).await?;
    audit::record(
        &mut *tx,
        caller,
        "company.update",
        "company",
        company.id,
        Some(&before_view),
        Some(&company),
    )
    .await?;
    tx.commit().await?;
    Ok(company)
}

// ------------------------------------------------------------------ admins

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &CompanyQuery,
) -> ApiResult<(Vec<AdminCompany>, Meta)> {
    require(state, caller, Permission::CompaniesManage).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(COMPANY_SORTS, COMPANY_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::list_companies(&state.db, q, page, &order).await?;
    let mut conn = state.db.acquire().await?;
    let out = admin_views(&mut conn, rows).await?;
    Ok((out, Meta::new(page.page, page.per_page, total)))
}

async fn admin_views(db: &mut PgConnection, rows: Vec<CompanyRow>) -> ApiResult<Vec<AdminCompany>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let owner_ids: Vec<Uuid> = rows.iter().map(|r| r.owner_id).collect();
    let mut docs = repo::documents_of(&mut *db, &ids).await?;
    let owners = repo::owners(&mut *db, &owner_ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let owner = owners
            .iter()
            .find(|o| o.id == row.owner_id)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("company {} without its owner", row.id))?;
        let (mine, rest): (Vec<_>, Vec<_>) = docs.into_iter().partition(|d| d.company_id == row.id);
        docs = rest;
        let company = Company::from_row(row, mine.into_iter().map(CompanyDocument::from).collect());
        out.push(AdminCompany { company, owner });
    }
    Ok(out)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminCompany> {
    require(state, caller, Permission::CompaniesManage).await?;
    let mut conn = state.db.acquire().await?;
    let row = repo::company(&mut *conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut views = admin_views(&mut conn, vec![row]).await?;
    Ok(views.remove(0))
}

async fn review(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: CompanyStatus,
    reason: Option<&str>,
) -> ApiResult<AdminCompany> {
    require(state, caller, Permission::CompaniesManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_company(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if CompanyStatus::from_db(&before.status) != CompanyStatus::Pending {
        return Err(ApiError::conflict(
            "COMPANY_NOT_PENDING",
            "stores-company-not-pending",
        ));
    }
    let row = repo::review_company(&mut tx, id, to.as_str(), reason, caller.user_id).await?;
    let action = match to {
        CompanyStatus::Approved => "company.approve",
        _ => "company.reject",
    };
    audit::record(
        &mut *tx,
        caller,
        action,
        "company",
        id,
        Some(&json!({"status": before.status, "rejectionReason": before.rejection_reason})),
        Some(&json!({"status": row.status, "rejectionReason": row.rejection_reason})),
    )
    .await?;
    // An approved company is what a supplier waits for: it opens the account too.
    if to == CompanyStatus::Approved
        && repo::activate_pending_user(&mut tx, row.owner_id, caller.user_id).await?
    {
        audit::record(
            &mut *tx,
            caller,
            "user.approve",
            "user",
            row.owner_id,
            Some(&json!({"status": "pending_approval"})),
            Some(&json!({"status": "active", "company": id})),
        )
        .await?;
    }
    let mut views = admin_views(&mut tx, vec![row]).await?;
    tx.commit().await?;
    Ok(views.remove(0))
}

pub async fn approve(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminCompany> {
    review(state, caller, id, CompanyStatus::Approved, None).await
}

pub async fn reject(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: &str,
) -> ApiResult<AdminCompany> {
    review(
        state,
        caller,
        id,
        CompanyStatus::Rejected,
        Some(reason.trim()),
    )
    .await
}

/// A supplier's company as an approved registration gives it.
pub struct ApprovedCompany<'a> {
    pub legal_name_ar: &'a str,
    pub legal_name_en: &'a str,
    pub cr_number: &'a str,
    pub vat_number: &'a str,
    pub city: &'a str,
    pub address: &'a str,
    pub documents: &'a [(Uuid, DocumentKind)],
}

/// Opens the company of a supplier whose registration an admin approved, in
/// the caller's transaction: created approved at once, with the
/// registration's documents, since the admin reviewed both there.
/// `COMPANY_EXISTS` when the owner has one, `CR_NUMBER_TAKEN` as on create.
pub async fn open_approved(
    tx: &mut PgConnection,
    caller: &Caller,
    _granted: &crate::admin::permissions::Granted,
    owner: Uuid,
    c: &ApprovedCompany<'_>,
) -> ApiResult<Company> {
    if repo::lock_company_of_owner(tx, owner).await?.is_some() {
        return Err(ApiError::conflict(
            "COMPANY_EXISTS",
            "stores-company-exists",
        ));
    }
    if repo::cr_taken(&mut *tx, c.cr_number, None).await? {
        return Err(cr_taken());
    }
    let fields = CompanyFields {
        legal_name_ar: c.legal_name_ar,
        legal_name_en: c.legal_name_en,
        cr_number: c.cr_number,
        vat_number: c.vat_number,
        city: c.city,
        address: c.address,
    };
    let row = repo::insert_company(tx, owner, &fields)
        .await
        .map_err(|e| conflict_on(e, &CONFLICTS))?;
    repo::replace_documents(tx, row.id, c.documents, caller.user_id).await?;
    let row = repo::review_company(
        tx,
        row.id,
        CompanyStatus::Approved.as_str(),
        None,
        caller.user_id,
    )
    .await?;
    let company = view(tx, row).await?;
    audit::record(
        &mut *tx,
        caller,
        "company.approve",
        "company",
        company.id,
        None::<&()>,
        Some(&company),
    )
    .await?;
    Ok(company)
}
