//! Step 4: review and submit. What follows ("check your e-mail" and the
//! pages the e-mailed links open) is in `links.rs`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use app::AppState;
use app::registrations::applicant;
use app::registrations::model::{Kind, Registration, Status};
use kernel::ApiError;

use super::{StepLink, csrf_ok, detail_fields, editable, frame, respond, steps, to_start};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Errors;
use crate::shared::{self, error_page};

/// A line of the review: a label, the value and how it reads (`phone`,
/// `num-id`, `email` for left-to-right values, else empty).
pub struct Fact {
    pub label: String,
    pub value: String,
    pub class: &'static str,
}

/// A step of the request's history.
pub struct HistoryLine {
    pub label: String,
    pub when: String,
    pub reason: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "landing/register_review.html")]
pub struct ReviewPage {
    c: Chrome,
    foot: crate::landing::content::Footer,
    page: &'static str,
    csrf: String,
    steps: Vec<StepLink>,
    kind: String,
    account: Vec<Fact>,
    details: Vec<Fact>,
    documents: Vec<Fact>,
    rejection: Option<String>,
    history: Vec<HistoryLine>,
    /// What is still missing, by step: (step's path, label of the field).
    missing: Vec<(&'static str, String)>,
    errors: Errors,
}

fn fact(c: &Chrome, key: &str, value: &str, class: &'static str) -> Fact {
    Fact {
        label: c.t(key),
        value: value.to_owned(),
        class,
    }
}

fn review_page(ctx: &WebCtx, reg: &Registration, errors: Errors, status: StatusCode) -> Response {
    let f = frame(ctx);
    let cookie = f.cookie.clone();
    let c = &f.c;
    let account = vec![
        fact(c, "reg-full-name", &reg.full_name, ""),
        fact(c, "reg-phone", &shared::phone(&reg.phone), "phone"),
        fact(c, "reg-email", &reg.email, "email"),
    ];
    let details = match reg.kind {
        Kind::Supplier => vec![
            fact(c, "reg-company-name-ar", &reg.company_name_ar, ""),
            fact(c, "reg-company-name-en", &reg.company_name_en, ""),
            fact(c, "reg-cr-number", &reg.cr_number, "num-id"),
            fact(c, "reg-vat-number", &reg.vat_number, "num-id"),
            fact(c, "reg-city", &reg.city, ""),
            fact(c, "reg-address", &reg.address, ""),
        ],
        Kind::Representative => vec![
            Fact {
                label: c.t("reg-vehicle-type"),
                value: reg
                    .vehicle_type
                    .map(|v| c.t(&format!("reg-vehicle-{}", v.as_str())))
                    .unwrap_or_default(),
                class: "",
            },
            fact(c, "reg-plate-number", &reg.plate_number, "num-id"),
            fact(c, "reg-national-id", &reg.national_id, "num-id"),
            fact(c, "reg-city", &reg.city, ""),
        ],
    };
    let documents = reg
        .documents
        .iter()
        .map(|d| Fact {
            label: c.t(&format!("reg-doc-{}", d.kind.as_str())),
            value: d
                .original_name
                .clone()
                .unwrap_or_else(|| d.content_type.clone()),
            class: "",
        })
        .collect();
    let missing = reg
        .missing
        .iter()
        .map(|m| {
            let (href, key) = if let Some(doc) = m.strip_prefix("documents.") {
                ("/register/documents", format!("reg-doc-{doc}"))
            } else if detail_fields(reg.kind).contains(&m.as_str()) {
                ("/register/details", format!("reg-field-{m}"))
            } else {
                ("/register", format!("reg-field-{m}"))
            };
            (href, c.t(&key))
        })
        .collect();
    let history = reg
        .history
        .iter()
        .map(|h| HistoryLine {
            label: c.t(&format!("reg-event-{}", h.event)),
            when: shared::when(ctx.locale, h.at),
            reason: h.reason.clone(),
        })
        .collect();
    let page = ReviewPage {
        steps: steps(c, "review", Some(reg)),
        kind: c.t(&format!("reg-kind-{}", reg.kind.as_str())),
        account,
        details,
        documents,
        rejection: reg
            .rejection_reason
            .clone()
            .filter(|_| reg.status == Status::Rejected),
        history,
        missing,
        errors,
        c: f.c,
        foot: f.foot,
        page: "register",
        csrf: f.csrf,
    };
    respond((status, page), [cookie])
}

pub async fn review(State(state): State<AppState>, ctx: WebCtx) -> Response {
    match editable(&state, &ctx).await {
        Some((_, reg)) => review_page(&ctx, &reg, Errors::none(), StatusCode::OK),
        None => to_start(),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &form.csrf) {
        return error_page(&ctx, shared::csrf_error(), "/register/review".into());
    }
    let Some((token, reg)) = editable(&state, &ctx).await else {
        return to_start();
    };
    match applicant::submit(&state, &ctx.client, None, &token).await {
        Ok(_) => Redirect::to("/register/sent").into_response(),
        Err(e @ (ApiError::Unprocessable { .. } | ApiError::Conflict { .. })) => {
            let status = e.status();
            review_page(&ctx, &reg, Errors::from_api(&e, ctx.locale), status)
        }
        Err(e) => error_page(&ctx, e, "/register/review".into()),
    }
}
