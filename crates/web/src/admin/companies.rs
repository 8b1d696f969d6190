//! The company review queue: list with a status filter, a company's
//! details and documents, approve or reject with a reason (htmx).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::stores::model::{AdminCompany, CompanyQuery, CompanyStatus, Reason};
use app::stores::service::companies;
use kernel::ApiError;
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, prompt};
use crate::shared::{self, Pager};
use crate::signin;

const STATUSES: [CompanyStatus; 3] = [
    CompanyStatus::Pending,
    CompanyStatus::Approved,
    CompanyStatus::Rejected,
];

pub struct Row {
    id: String,
    name_ar: String,
    name_en: String,
    cr_number: String,
    city: String,
    owner_phone: String,
    status: &'static str,
    submitted: String,
}

impl From<&AdminCompany> for Row {
    fn from(a: &AdminCompany) -> Row {
        let co = &a.company;
        Row {
            id: co.id.to_string(),
            name_ar: co.legal_name_ar.clone(),
            name_en: co.legal_name_en.clone(),
            cr_number: co.cr_number.clone(),
            city: co.city.clone(),
            owner_phone: a.owner.phone.clone(),
            status: co.status.as_str(),
            submitted: co.created_at.date().to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/companies.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    statuses: Vec<(&'static str, bool)>,
    all_selected: bool,
    total: i64,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
    /// Absent: the companies waiting for review; empty: every company.
    status: Option<String>,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let wanted = f.status.as_deref().unwrap_or("pending");
    let status = STATUSES.into_iter().find(|s| s.as_str() == wanted);
    let q = CompanyQuery {
        status,
        q: None,
        page: f.page,
        per_page: Some(20),
        sort: None,
    };
    let (items, meta) = match companies::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let status_param = status.map_or("", CompanyStatus::as_str);
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/companies?status={status_param}&page={p}")
    });
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "companies",
        statuses: STATUSES
            .iter()
            .map(|s| (s.as_str(), Some(*s) == status))
            .collect(),
        all_selected: status.is_none(),
        total: meta.total,
        rows: items.iter().map(Row::from).collect(),
        pager,
    }
    .into_response()
}

pub struct Document {
    media_id: String,
    kind: &'static str,
}

/// The status part of a company's page, swapped by the review actions.
pub struct Review {
    id: String,
    status: &'static str,
    reason: Option<String>,
    error: Option<String>,
}

impl Review {
    fn of(a: &AdminCompany, error: Option<String>) -> Review {
        Review {
            id: a.company.id.to_string(),
            status: a.company.status.as_str(),
            reason: a.company.rejection_reason.clone(),
            error: error.filter(|e| !e.is_empty()),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/company_review.html")]
struct ReviewFragment {
    c: Chrome,
    base: &'static str,
    review: Review,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/company.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    row: Row,
    vat_number: String,
    address: String,
    owner_name: String,
    owner_phone: String,
    documents: Vec<Document>,
    review: Review,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let a = match companies::get(&state, &caller, id).await {
        Ok(a) => a,
        Err(e) => return error_page(&ctx, e),
    };
    DetailPage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "companies",
        row: Row::from(&a),
        vat_number: a.company.vat_number.clone(),
        address: a.company.address.clone(),
        owner_name: a.owner.name.clone().unwrap_or_default(),
        owner_phone: crate::shared::phone(&a.owner.phone),
        documents: a
            .company
            .documents
            .iter()
            .map(|d| Document {
                media_id: d.media_id.to_string(),
                kind: d.kind.as_str(),
            })
            .collect(),
        review: Review::of(&a, None),
    }
    .into_response()
}

async fn review(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    approve: bool,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let result = if approve {
        companies::approve(state, &caller, id).await
    } else {
        let reason = Reason {
            reason: prompt(headers),
        };
        match reason.validate() {
            Ok(()) => companies::reject(state, &caller, id, &reason.reason).await,
            Err(e) => Err(e),
        }
    };
    match result {
        Ok(a) => shared::with_toast(
            fragment(ctx, &csrf, Review::of(&a, None)),
            &kernel::i18n::t(
                ctx.locale,
                if approve {
                    "ds-toast-company-approved"
                } else {
                    "ds-toast-company-rejected"
                },
            ),
            "success",
        ),
        // Shown in place of the buttons: the company as it now is, and why nothing changed.
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let message = Some(errors.of("reason"))
                .filter(|m| !m.is_empty())
                .or(errors.form);
            match companies::get(state, &caller, id).await {
                Ok(a) => fragment(ctx, &csrf, Review::of(&a, message)),
                Err(e) => error_page(ctx, e),
            }
        }
        Err(e) => error_page(ctx, e),
    }
}

fn fragment(ctx: &WebCtx, csrf: &str, review: Review) -> Response {
    ReviewFragment {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        review,
    }
    .into_response()
}

pub async fn approve(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    review(&state, &ctx, &headers, &id, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    review(&state, &ctx, &headers, &id, false).await
}
