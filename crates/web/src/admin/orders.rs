//! Every order for admins (`orders.manage`): filters by status and number,
//! an order's page with its history, payments and refunds, forcing a status
//! with a reason (audited by the order service), and refunds
//! (`finance.manage`, one `Idempotency-Key` per rendered form).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::admin::permissions::Permission;
use app::auth::Caller;
use app::idempotency::IdempotencyKey;
use app::orders::model::{ForceRequest, OrderDetail, OrderQuery, RefundRequest};
use app::orders::service::{self as orders, Viewer};
use app::orders::status::{Actor, OrderStatus};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_sar, urlencode};
use crate::partner::orders::{
    OrderView, PER_PAGE, StepView, history, next_steps, sar, status_choices, when,
};
use crate::shared::Pager;
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "admin/orders.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    number: String,
    status: &'static str,
    statuses: Vec<(&'static str, bool)>,
    all_selected: bool,
    total: i64,
    rows: Vec<OrderView>,
    sorts: Vec<crate::shared::SortHeader>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    sort: String,
    page: Option<u32>,
}

/// The columns the list sorts by (the API's whitelist), newest first by default.
const SORTS: [&str; 6] = [
    "createdAt",
    "-createdAt",
    "total",
    "-total",
    "number",
    "-number",
];

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let status = OrderStatus::parse(&f.status);
    let number = f.number.trim().to_owned();
    let q = OrderQuery {
        status,
        store_id: None,
        customer_id: None,
        number: Some(number.clone()).filter(|n| !n.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: SORTS.contains(&f.sort.as_str()).then(|| f.sort.clone()),
    };
    let (items, meta) = match orders::list(&state, &caller, Viewer::Admin, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let status_param = status.map_or("", OrderStatus::as_str);
    let number_param = urlencode(&number);
    let sort = q.sort.clone().unwrap_or_default();
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/orders?status={status_param}&number={number_param}&sort={sort}&page={p}")
    });
    let t = |k: &str| kernel::i18n::t(ctx.locale, k);
    let sorts = crate::shared::sort_headers(
        &format!("{base}/orders?status={status_param}&number={number_param}"),
        q.sort.as_deref().unwrap_or("-createdAt"),
        &[
            ("number", t("web-orders-number"), false),
            ("createdAt", t("web-orders-date"), false),
            ("total", t("web-orders-amount-due"), true),
        ],
    );
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "orders",
        number,
        status: status_param,
        sorts,
        statuses: status_choices(status),
        all_selected: status.is_none(),
        total: meta.total,
        rows: items.iter().map(|o| OrderView::of(o, ctx.locale)).collect(),
        pager,
    }
    .into_response()
}

pub struct PaymentView {
    method: String,
    amount: String,
    refunded: String,
    state: String,
    captured: String,
}

pub struct RefundView {
    amount: String,
    destination: String,
    reason: String,
    state: String,
    at: String,
}

/// The force-status form as sent, shown again next to its errors.
#[derive(Default)]
pub struct ForceDraft {
    status: String,
    reason: String,
    errors: Errors,
}

/// The refund form: its amount in SAR as typed, and its own key.
pub struct RefundDraft {
    amount: String,
    reason: String,
    key: String,
    errors: Errors,
}

impl RefundDraft {
    fn fresh() -> RefundDraft {
        RefundDraft {
            amount: String::new(),
            reason: String::new(),
            key: Uuid::new_v4().to_string(),
            errors: Errors::none(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/order.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    order: OrderView,
    status: String,
    customer_id: String,
    history: Vec<StepView>,
    payments: Vec<PaymentView>,
    refunds: Vec<RefundView>,
    /// Statuses an admin may move the order to now.
    targets: Vec<&'static str>,
    force: ForceDraft,
    /// Shown to holders of `finance.manage` only.
    can_refund: bool,
    refund: RefundDraft,
    /// What was just done (`status`, `refund`), for the notice.
    done: String,
}

fn detail_page(
    ctx: &WebCtx,
    csrf: &str,
    d: &OrderDetail,
    can_refund: bool,
    force: ForceDraft,
    refund: RefundDraft,
    done: String,
) -> DetailPage {
    let locale: Locale = ctx.locale;
    DetailPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "orders",
        order: OrderView::of(&d.order, locale),
        status: d.order.status.clone(),
        customer_id: d.order.customer_id.to_string(),
        history: history(d),
        payments: d
            .payments
            .iter()
            .map(|p| PaymentView {
                method: p.method.clone(),
                amount: sar(locale, p.amount),
                refunded: sar(locale, p.refunded_amount),
                state: p.state.clone(),
                captured: p.captured_at.map(when).unwrap_or_default(),
            })
            .collect(),
        refunds: d
            .refunds
            .iter()
            .map(|r| RefundView {
                amount: sar(locale, r.amount),
                destination: r.destination.clone(),
                reason: r.reason.clone(),
                state: r.state.clone(),
                at: when(r.created_at),
            })
            .collect(),
        targets: next_steps(&d.order.status, &OrderStatus::ALL, Actor::Admin),
        force,
        can_refund,
        refund,
        done,
    }
}

/// Loads the order and renders its page with the forms as given.
#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    force: ForceDraft,
    refund: RefundDraft,
    done: String,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let d = orders::detail(state, caller, Viewer::Admin, id).await?;
        let can_refund = app::admin::permissions::held(state, caller)
            .await?
            .contains(&Permission::FinanceManage);
        Ok::<_, ApiError>((d, can_refund))
    }
    .await;
    match loaded {
        Ok((d, can_refund)) => (
            status,
            detail_page(ctx, csrf, &d, can_refund, force, refund, done),
        )
            .into_response(),
        Err(e) => error_page(ctx, e),
    }
}

#[derive(Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let done = match q.done.as_str() {
        "status" | "refund" => q.done,
        _ => String::new(),
    };
    let (force, refund) = (ForceDraft::default(), RefundDraft::fresh());
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        id,
        force,
        refund,
        done,
        StatusCode::OK,
    )
    .await
}

fn back_to(ctx: &WebCtx, id: Uuid, done: &str) -> Response {
    Redirect::to(&format!("{}/orders/{id}?done={done}", ctx.admin_base())).into_response()
}

/// A refusal a form shows next to its fields; anything else is the error page.
fn shown_on_form(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::Unprocessable { .. }
            | ApiError::BadRequest(_)
    )
}

/// Moves the order to the chosen status with the admin's reason.
pub async fn force(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let draft_status = f.get("status");
    let reason = f.get("reason");
    let result = match OrderStatus::parse(&draft_status) {
        Some(to) => {
            let req = ForceRequest {
                status: to,
                reason: reason.clone(),
            };
            match req.validate() {
                Ok(()) => {
                    orders::transition(&state, &caller, Viewer::Admin, id, to, req.reason.trim())
                        .await
                        .map(|_| ())
                }
                Err(e) => Err(e),
            }
        }
        None => {
            let mut e = FieldErrors::new();
            e.add("status", Message::new("validation-required"));
            if reason.is_empty() {
                e.add("reason", Message::new("validation-required"));
            }
            Err(ApiError::Validation(e))
        }
    };
    match result {
        Ok(()) => back_to(&ctx, id, "status"),
        Err(e) if shown_on_form(&e) => {
            let force = ForceDraft {
                status: draft_status,
                reason,
                errors: Errors::from_api(&e, ctx.locale),
            };
            let status = e.status();
            let refund = RefundDraft::fresh();
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                id,
                force,
                refund,
                String::new(),
                status,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Refunds the amount typed in SAR (exactly, as halalas) with a reason.
pub async fn refund(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let draft = RefundDraft {
        amount: f.get("amount"),
        reason: f.get("reason"),
        key: f.get("idempotencyKey"),
        errors: Errors::none(),
    };
    let result = refund_of(&state, &caller, id, &draft).await;
    match result {
        Ok(()) => back_to(&ctx, id, "refund"),
        Err(e) if shown_on_form(&e) => {
            let status = e.status();
            let refund = RefundDraft {
                errors: Errors::from_api(&e, ctx.locale),
                ..draft
            };
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                id,
                ForceDraft::default(),
                refund,
                String::new(),
                status,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The key a form carries: what the API's `Idempotency-Key` header accepts.
pub fn form_key(raw: &str) -> Result<IdempotencyKey, ApiError> {
    let valid = !raw.is_empty() && raw.len() <= 200 && raw.bytes().all(|b| b.is_ascii_graphic());
    if valid {
        Ok(IdempotencyKey(raw.to_owned()))
    } else {
        Err(ApiError::BadRequest(Message::new(
            "web-orders-form-expired",
        )))
    }
}

/// An amount typed in SAR as halalas, or the field's error.
pub fn amount_of(raw: &str, e: &mut FieldErrors) -> i64 {
    match parse_sar(raw) {
        Some(h) => h,
        None => {
            e.add("amount", Message::new("web-orders-amount-invalid"));
            0
        }
    }
}

async fn refund_of(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    draft: &RefundDraft,
) -> Result<(), ApiError> {
    let key = form_key(&draft.key)?;
    let mut shape = FieldErrors::new();
    let amount = amount_of(&draft.amount, &mut shape);
    let req = RefundRequest {
        amount,
        reason: draft.reason.clone(),
    };
    crate::forms::validated(&req, shape)?;
    orders::admin_refund(state, caller, &key, id, &req).await?;
    Ok(())
}
