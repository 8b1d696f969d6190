//! Cashback rules (the permission the cashback service asks, `coupons.manage`):
//! the rules with where each stands, a new rule's form (errors next to its
//! fields) and delete behind a confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use time::OffsetDateTime;

use app::AppState;
use app::auth::Caller;
use app::cashback::model::{CashbackRule, NewCashbackRule};
use app::cashback::service as cashback;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::common::{self, percent, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::sar_grouped;
use crate::forms::{Errors, Fields, parse_sar, validated};
use crate::shared;
use crate::signin;

pub struct Row {
    id: String,
    name: String,
    percent: String,
    max_amount: String,
    min_order: String,
    starts: String,
    ends: String,
    state: &'static str,
    badge: &'static str,
}

fn row(c: &Chrome, r: &CashbackRule, now: OffsetDateTime) -> Row {
    let (state, badge) = if !r.active {
        ("inactive", "plain")
    } else if r.starts_at.is_some_and(|s| now < s) {
        ("scheduled", "scheduled")
    } else if r.ends_at.is_some_and(|e| now >= e) {
        ("expired", "bad")
    } else {
        ("active", "active")
    };
    Row {
        id: r.id.to_string(),
        name: r.name.clone(),
        percent: percent(c.locale, i64::from(r.percent_bp)),
        max_amount: sar_grouped(c, r.max_amount),
        min_order: if r.min_order > 0 {
            sar_grouped(c, r.min_order)
        } else {
            String::new()
        },
        starts: r
            .starts_at
            .map(|t| shared::when(c.locale, t))
            .unwrap_or_default(),
        ends: r
            .ends_at
            .map(|t| shared::when(c.locale, t))
            .unwrap_or_default(),
        state,
        badge,
    }
}

/// The new rule's form as typed.
pub struct Draft {
    name: String,
    percent: String,
    max_amount: String,
    min_order: String,
    starts_at: String,
    ends_at: String,
    errors: Errors,
}

impl Draft {
    fn fresh() -> Draft {
        Draft {
            name: String::new(),
            percent: String::new(),
            max_amount: String::new(),
            min_order: String::new(),
            starts_at: String::new(),
            ends_at: String::new(),
            errors: Errors::none(),
        }
    }

    fn of(f: &Fields) -> Draft {
        Draft {
            name: f.get("name"),
            percent: f.get("percent"),
            max_amount: f.get("max_amount"),
            min_order: f.get("min_order"),
            starts_at: f.get("starts_at"),
            ends_at: f.get("ends_at"),
            errors: Errors::none(),
        }
    }

    /// The rule the service is asked for, and the fields that could not be read.
    fn input(&self) -> (NewCashbackRule, FieldErrors) {
        let mut e = FieldErrors::new();
        let percent_bp = match common::parse_percent(&self.percent) {
            _ if self.percent.is_empty() => {
                e.add("percentBp", Message::new("validation-required"));
                0
            }
            Some(bp) if (1..=10_000).contains(&bp) => bp as i32,
            _ => {
                e.add("percentBp", Message::new("adm-percent-invalid"));
                0
            }
        };
        let max_amount = match parse_sar(&self.max_amount) {
            _ if self.max_amount.is_empty() => {
                e.add("maxAmount", Message::new("validation-required"));
                0
            }
            Some(h) => h,
            None => {
                e.add("maxAmount", Message::new("web-price-invalid"));
                0
            }
        };
        let min_order = match parse_sar(&self.min_order) {
            _ if self.min_order.is_empty() => 0,
            Some(h) => h,
            None => {
                e.add("minOrder", Message::new("web-price-invalid"));
                0
            }
        };
        let mut date = |field: &str, raw: &str| match common::local_moment(raw) {
            Ok(v) => v,
            Err(()) => {
                e.add(field, Message::new("adm-date-invalid"));
                None
            }
        };
        let starts_at = date("startsAt", &self.starts_at);
        let ends_at = date("endsAt", &self.ends_at);
        (
            NewCashbackRule {
                name: self.name.clone(),
                percent_bp,
                max_amount,
                min_order,
                starts_at,
                ends_at,
            },
            e,
        )
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/cashback.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    total: String,
    rows: Vec<Row>,
    form: Draft,
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: Draft,
    status: StatusCode,
) -> Response {
    let rules = match cashback::list(state, caller).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let c = chrome(ctx, csrf);
    let now = OffsetDateTime::now_utc();
    let page = ListPage {
        base: ctx.admin_base(),
        section: "cashback",
        total: c.t_count("adm-rules-count", &(rules.len() as i64)),
        rows: rules.iter().map(|r| row(&c, r, now)).collect(),
        form,
        c,
    };
    (status, page).into_response()
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(&state, &ctx, &caller, &csrf, Draft::fresh(), StatusCode::OK).await
}

/// Creates the rule and shows the list again with a toast; a refused form
/// comes back with its errors.
pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::of(&f);
    let (body, shape) = draft.input();
    let result = match validated(&body, shape) {
        Ok(()) => cashback::create(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(rule) => shared::redirect_with_toast(
            &format!("{}/cashback", ctx.admin_base()),
            &Message::new("adm-toast-rule-created")
                .arg("name", rule.name)
                .render(ctx.locale),
        ),
        Err(e @ ApiError::Validation(_)) => {
            let status = e.status();
            let form = Draft {
                errors: Errors::from_api(&e, ctx.locale),
                ..draft
            };
            render(&state, &ctx, &caller, &csrf, form, status).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Deletes a rule (htmx, after a confirmation): its row goes, a toast says so.
pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    match cashback::delete(&state, &caller, id).await {
        Ok(()) => shared::with_toast(
            axum::response::Html("").into_response(),
            &kernel::i18n::t(ctx.locale, "adm-toast-rule-deleted"),
            "success",
        ),
        Err(e) => refused(&ctx, e),
    }
}
