//! A registration request's page (`users.view`): its details, documents and
//! history, where an admin holding `users.manage` approves it (asked first)
//! or rejects it with a reason (asked in the dialog). The review card comes
//! back by htmx with a toast.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

use app::AppState;
use app::registrations::model::{AdminRegistration, Kind, RejectRegistration, Status};
use app::registrations::review;
use kernel::ApiError;
use kernel::i18n::t;
use kernel::ids::parse_id;

use super::registrations::{Row, row};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, prompt};
use crate::shared;
use crate::signin;

/// A line of the request's facts; `class` isolates left-to-right values.
pub struct Fact {
    label: String,
    value: String,
    class: &'static str,
}

pub struct Document {
    media_id: String,
    kind: &'static str,
    name: String,
}

pub struct HistoryLine {
    event: String,
    when: String,
    reason: Option<String>,
}

/// The status card, swapped by the review actions.
pub struct Review {
    id: String,
    status: &'static str,
    reason: Option<String>,
    user_id: Option<String>,
    error: Option<String>,
}

impl Review {
    fn of(a: &AdminRegistration, error: Option<String>) -> Review {
        Review {
            id: a.registration.id.to_string(),
            status: a.registration.status.as_str(),
            reason: a
                .registration
                .rejection_reason
                .clone()
                .filter(|_| a.registration.status == Status::Rejected),
            user_id: a.user_id.map(|u| u.to_string()),
            error: error.filter(|e| !e.is_empty()),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/registration_review.html")]
struct ReviewFragment {
    c: Chrome,
    base: &'static str,
    review: Review,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/registration.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    row: Row,
    account: Vec<Fact>,
    details: Vec<Fact>,
    documents: Vec<Document>,
    history: Vec<HistoryLine>,
    review: Review,
}

fn fact(c: &Chrome, key: &str, value: &str, class: &'static str) -> Fact {
    Fact {
        label: c.t(key),
        value: value.to_owned(),
        class,
    }
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
    let a = match review::get(&state, &caller, id).await {
        Ok(a) => a,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let r = &a.registration;
    let account = vec![
        fact(
            &c,
            "reg-kind",
            &c.t(&format!("reg-kind-{}", r.kind.as_str())),
            "",
        ),
        fact(&c, "reg-full-name", &r.full_name, ""),
        fact(&c, "reg-phone", &shared::phone(&r.phone), "phone"),
        fact(&c, "reg-email", &r.email, "email"),
    ];
    let details = match r.kind {
        Kind::Supplier => vec![
            fact(&c, "reg-company-name-ar", &r.company_name_ar, ""),
            fact(&c, "reg-company-name-en", &r.company_name_en, ""),
            fact(&c, "reg-cr-number", &r.cr_number, "num-id"),
            fact(&c, "reg-vat-number", &r.vat_number, "num-id"),
            fact(&c, "reg-city", &r.city, ""),
            fact(&c, "reg-address", &r.address, ""),
        ],
        Kind::Representative => vec![
            fact(
                &c,
                "reg-vehicle-type",
                &r.vehicle_type
                    .map(|v| c.t(&format!("reg-vehicle-{}", v.as_str())))
                    .unwrap_or_default(),
                "",
            ),
            fact(&c, "reg-plate-number", &r.plate_number, "num-id"),
            fact(&c, "reg-national-id", &r.national_id, "num-id"),
            fact(&c, "reg-city", &r.city, ""),
        ],
    };
    DetailPage {
        base: ctx.admin_base(),
        section: "registrations",
        row: row(&ctx, &a),
        account,
        details,
        documents: r
            .documents
            .iter()
            .map(|d| Document {
                media_id: d.media_id.to_string(),
                kind: d.kind.as_str(),
                name: d
                    .original_name
                    .clone()
                    .unwrap_or_else(|| d.content_type.clone()),
            })
            .collect(),
        history: r
            .history
            .iter()
            .map(|h| HistoryLine {
                event: c.t(&format!("reg-event-{}", h.event)),
                when: shared::when(ctx.locale, h.at),
                reason: h.reason.clone(),
            })
            .collect(),
        review: Review::of(&a, None),
        c,
    }
    .into_response()
}

async fn decide(
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
        review::approve(state, &caller, id).await
    } else {
        let body = RejectRegistration {
            reason: prompt(headers),
        };
        review::reject(state, &caller, id, &body).await
    };
    let fragment = |review: Review| {
        ReviewFragment {
            c: chrome(ctx, &csrf),
            base: ctx.admin_base(),
            review,
        }
        .into_response()
    };
    match result {
        Ok(a) => shared::with_toast(
            fragment(Review::of(&a, None)),
            &t(
                ctx.locale,
                if approve {
                    "reg-admin-approved"
                } else {
                    "reg-admin-rejected"
                },
            ),
            "success",
        ),
        // The card as the request now stands, with why nothing changed.
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let message = Some(errors.of("reason"))
                .filter(|m| !m.is_empty())
                .or(errors.form);
            let toast = message.clone().unwrap_or_default();
            match review::get(state, &caller, id).await {
                Ok(a) => shared::with_toast(fragment(Review::of(&a, message)), &toast, "error"),
                Err(e) => error_page(ctx, e),
            }
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn approve(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    decide(&state, &ctx, &headers, &id, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    decide(&state, &ctx, &headers, &id, false).await
}
