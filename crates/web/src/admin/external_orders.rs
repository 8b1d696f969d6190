//! Orders of outside merchants' parts (`external.manage`): the pipeline by
//! status, each order with the steps an admin may take from where it
//! stands (confirm, order from the merchant, ship, deliver, cancel,
//! refund; the service applies each step's effects and audits it).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::external::model::ListQuery;
use app::external::orders::{self, ExternalOrder, Step, StepRequest};
use kernel::Locale;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;

use super::common::{self, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// The index's tab and page, from the query string (or a step's form, so
/// that the admin comes back where they were).
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

impl Filter {
    fn step(&self) -> Option<Step> {
        Step::parse(&self.status)
    }

    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        let current = self.step().map_or("", Step::as_str);
        format!(
            "{base}/external-orders{}",
            common::query(&[
                ("status", status.unwrap_or(current)),
                ("page", page.as_str()),
            ])
        )
    }
}

/// A step an order can take now, as its button.
pub struct StepButton {
    to: &'static str,
    /// Cancelling and refunding move money back: asked first.
    confirm: bool,
}

pub struct Row {
    id: String,
    number: String,
    part: String,
    sku: String,
    quantity: i64,
    total: i64,
    method: String,
    status: String,
    badge: &'static str,
    created: String,
    steps: Vec<StepButton>,
}

/// The badge's colour of a status: the design system's tone for the stage.
fn badge(status: &str) -> &'static str {
    match status {
        "placed" => "pending",
        "confirmed" => "confirmed",
        "ordered" => "info",
        "shipped" => "shipped",
        "delivered" => "delivered",
        "cancelled" => "cancelled",
        "refunded" => "refunded",
        _ => "plain",
    }
}

impl Row {
    fn of(locale: Locale, o: &ExternalOrder) -> Row {
        let steps = Step::parse(&o.status)
            .map(Step::next)
            .unwrap_or_default()
            .iter()
            .map(|s| StepButton {
                to: s.as_str(),
                confirm: matches!(s, Step::Cancelled | Step::Refunded),
            })
            .collect();
        Row {
            id: o.id.to_string(),
            number: o.number.clone(),
            part: match locale {
                Locale::Ar => o.name_ar.clone(),
                Locale::En => o.name_en.clone(),
            },
            sku: o.sku.clone(),
            quantity: i64::from(o.quantity),
            total: o.total,
            method: o.payment_method.clone(),
            status: o.status.clone(),
            badge: badge(&o.status),
            created: shared::when(locale, o.created_at),
            steps,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/external_orders.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The tab shown (empty: every order) and the page, for the steps'
    /// forms to come back to.
    status: &'static str,
    page: String,
    /// (link, label, current)
    tabs: Vec<(String, String, bool)>,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let current = f.step().map_or("", Step::as_str);
    let q = ListQuery {
        status: Some(current.to_owned()).filter(|s| !s.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match orders::admin_list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let mut tabs = vec![(
        f.link(base, None, Some("")),
        c.t("web-admin-all"),
        current.is_empty(),
    )];
    tabs.extend(Step::ALL.iter().map(|s| {
        (
            f.link(base, None, Some(s.as_str())),
            c.label("adm-ext-order-status-", s.as_str()),
            current == s.as_str(),
        )
    }));
    ListPage {
        base,
        section: "external-orders",
        status: current,
        page: meta.page.to_string(),
        tabs,
        total: c.t_count("adm-ext-orders-count", &meta.total),
        rows: items.iter().map(|o| Row::of(ctx.locale, o)).collect(),
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None)),
        c,
    }
    .into_response()
}

/// Moves an order one step, then shows the same tab and page again with a
/// toast; a step the pipeline refuses (409) is the error page with its
/// message.
pub async fn step(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    let back = Filter {
        status: f.get("tab"),
        page: f.get("page").parse().ok(),
    };
    let req = StepRequest {
        status: f.get("status"),
        note: None,
    };
    match orders::step(&state, &caller, id, &req).await {
        Ok(o) => {
            let message = Message::new("adm-ext-toast-step")
                .arg("number", o.number.clone())
                .arg(
                    "status",
                    t(ctx.locale, &format!("adm-ext-order-status-{}", o.status)),
                )
                .render(ctx.locale);
            shared::redirect_with_toast(&back.link(ctx.admin_base(), back.page, None), &message)
        }
        Err(e) => refused(&ctx, e),
    }
}
