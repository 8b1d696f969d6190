//! Shipments (`orders.manage`, `/admin/shipments`): every store order's
//! shipment, last moved first, filtered by status, with its carrier, the
//! carrier's own status word, tracking number, attempts and last error. A
//! shipment OTO has not accepted yet is asked for again with its row's
//! Retry button (htmx; the `shipment.create` job runs again), and one not
//! finished is cancelled at the carrier with Cancel (asked first). The
//! webhook log is its own page (`shipping_webhooks.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::shipping::model::{AdminShipment, OTO};
use app::shipping::service::admin as shipping_admin;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::common::{self, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::{self, Pager};
use crate::shipping;
use crate::signin;

/// How many shipments the service answers per page.
pub(super) const PER_PAGE: usize = 50;

/// The list's status and page, from the query string (or a row's button,
/// so that the admin comes back where they were).
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

impl Filter {
    /// The chosen status; empty for every shipment (an unknown one too).
    fn status(&self) -> &'static str {
        shipping::STATUSES
            .iter()
            .copied()
            .find(|s| *s == self.status.trim())
            .unwrap_or("")
    }

    fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    fn link(&self, base: &str, page: u32) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        format!(
            "{base}/shipments{}",
            common::query(&[("status", self.status()), ("page", page.as_str())])
        )
    }
}

/// Previous and next links of a list the service answers a page at a time
/// without a total: there is a next page when this one is full.
pub(super) fn pager(locale: Locale, page: u32, full: bool, link: impl Fn(u32) -> String) -> Pager {
    Pager {
        label: Message::new("shp-page")
            .arg("page", i64::from(page))
            .render(locale),
        prev: (page > 1).then(|| link(page - 1)),
        next: full.then(|| link(page + 1)),
    }
}

/// One shipment as its row shows it.
pub struct Row {
    order_id: String,
    number: String,
    /// The carrier in words.
    carrier: String,
    status: &'static str,
    badge: &'static str,
    /// The carrier's own word; may be empty.
    raw_status: String,
    /// Empty while the carrier has given none.
    tracking: String,
    attempts: i64,
    /// Empty when the last attempt did not fail.
    last_error: String,
    updated: String,
    /// OTO has not accepted it yet (no tracking) and it is not cancelled.
    retryable: bool,
    /// Not delivered, returned or cancelled.
    cancellable: bool,
}

impl Row {
    fn of(locale: Locale, s: &AdminShipment) -> Row {
        let status = shipping::status(&s.status);
        Row {
            order_id: s.order_id.to_string(),
            number: s.order_number.clone(),
            carrier: t(
                locale,
                &format!("shp-carrier-{}", shipping::carrier(&s.carrier)),
            ),
            status,
            badge: shipping::status_badge(status),
            raw_status: s.raw_status.trim().to_owned(),
            tracking: s
                .tracking_number
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .to_owned(),
            attempts: i64::from(s.attempts),
            last_error: s
                .last_error
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .to_owned(),
            updated: shared::when(locale, s.updated_at),
            retryable: s.carrier == OTO && !s.at_carrier && status != "cancelled",
            cancellable: !shipping::finished(status),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/shipments.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The status shown (empty: every shipment) and the page, for the rows'
    /// buttons to come back to.
    status: &'static str,
    page: String,
    /// (value, label, chosen)
    statuses: Vec<(&'static str, String, bool)>,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let status = f.status();
    let page = f.page();
    let items = match shipping_admin::shipments(
        &state,
        &caller,
        Some(status).filter(|s| !s.is_empty()),
        i64::from(page),
    )
    .await
    {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    ListPage {
        base,
        section: "shipments",
        status,
        page: page.to_string(),
        statuses: shipping::STATUSES
            .iter()
            .map(|s| (*s, c.label("shp-status-", s), *s == status))
            .collect(),
        pager: pager(ctx.locale, page, items.len() >= PER_PAGE, |p| {
            f.link(base, p)
        }),
        rows: items.iter().map(|s| Row::of(ctx.locale, s)).collect(),
        c,
    }
    .into_response()
}

/// What takes the Retry button's place once the job is queued again.
#[derive(Template, WebTemplate)]
#[template(
    source = r#"<span class="notice shipment-retried" id="retried-{{ id }}">{{ c.icon("circle-check")|safe }}{{ c.t("shp-retried") }}</span>"#,
    ext = "html"
)]
struct Retried {
    c: Chrome,
    id: String,
}

/// A refusal the row can say (the shipment moved on, the carrier is down),
/// shown in its error cell; anything else is the error page with a toast.
fn refusal(ctx: &WebCtx, id: uuid::Uuid, e: ApiError) -> Response {
    match e {
        ApiError::Conflict { .. } | ApiError::Unavailable | ApiError::NotFound => {
            shared::inline_error(
                &format!("#shipment-{id} .row-error"),
                &e.message().render(ctx.locale),
            )
        }
        e => refused(ctx, e),
    }
}

/// `POST /admin/shipments/{orderId}/retry`: asks OTO for the shipment
/// again; the button becomes a "queued again" note, with a toast.
pub async fn retry(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    match shipping_admin::retry(&state, &caller, id).await {
        Ok(()) => shared::with_toast(
            Retried {
                c: chrome(&ctx, &csrf),
                id: id.to_string(),
            }
            .into_response(),
            &t(ctx.locale, "shp-toast-retried"),
            "success",
        ),
        Err(e) => refusal(&ctx, id, e),
    }
}

/// `POST /admin/shipments/{orderId}/cancel`: cancels the shipment at the
/// carrier, then shows the same status and page again with a toast.
pub async fn cancel(
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
    match shipping_admin::cancel(&state, &caller, id).await {
        Ok(()) => shared::htmx_redirect_with_toast(
            &back.link(ctx.admin_base(), back.page()),
            &t(ctx.locale, "shp-toast-cancelled"),
        ),
        Err(e) => refusal(&ctx, id, e),
    }
}
