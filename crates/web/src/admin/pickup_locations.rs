//! Pickup locations (`orders.manage`, `/admin/pickup-locations`, beside the
//! shipments in the sidebar): each store's place at the courier, searched
//! by store name, with the address the courier was told beside the store's
//! address now (a badge when they differ), its code and revision, and when
//! it was made and last synced. Re-sync (asked first, htmx) sends the
//! store's current address to the courier under a new code; the row comes
//! back with the new code and a toast, or shows the refusal in its error
//! cell.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::shipping::model::{AdminPickupLocation, PickupQuery};
use app::shipping::service::pickups;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::common::{self, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::{self, Pager};
use crate::shipping;
use crate::signin;

const PER_PAGE: u32 = 25;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

impl Filter {
    fn link(&self, base: &str, page: u32) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        format!(
            "{base}/pickup-locations{}",
            common::query(&[("q", self.q.trim()), ("page", page.as_str())])
        )
    }
}

/// One location as its row shows it.
pub struct Row {
    store_id: String,
    store: String,
    carrier: String,
    code: String,
    revision: String,
    /// What the courier was told; empty when it was not recorded.
    told_city: String,
    told_address: String,
    now_city: String,
    now_address: String,
    changed: bool,
    created: String,
    updated: String,
    /// Just re-synced: the row says so.
    resynced: bool,
}

impl Row {
    fn of(locale: Locale, p: &AdminPickupLocation) -> Row {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
        Row {
            store_id: p.store_id.to_string(),
            store: if locale == Locale::Ar {
                p.store_name_ar.clone()
            } else {
                p.store_name_en.clone()
            },
            carrier: t(
                locale,
                &format!("shp-carrier-{}", shipping::carrier(&p.carrier)),
            ),
            code: p.code.clone(),
            revision: Message::new("shp-revision")
                .arg("revision", i64::from(p.revision))
                .render(locale),
            told_city: text(&p.city),
            told_address: text(&p.address),
            now_city: p.store_city.trim().to_owned(),
            now_address: p.store_address.trim().to_owned(),
            changed: p.address_changed,
            created: shared::when(locale, p.created_at),
            updated: shared::when(locale, p.updated_at),
            resynced: false,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/pickup_locations.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    q: String,
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
    let q = f.q.trim().chars().take(100).collect::<String>();
    let query = PickupQuery {
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        page: Some(f.page.unwrap_or(1).clamp(1, 10_000)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match pickups::list(&state, &caller, &query).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "pickup-locations",
        total: Message::new("shp-pickups-total")
            .arg("count", meta.total)
            .render(ctx.locale),
        pager: Pager::new(&ctx, &meta, |p| f.link(base, p)),
        rows: items.iter().map(|p| Row::of(ctx.locale, p)).collect(),
        q,
    }
    .into_response()
}

/// A row alone: the answer to its Re-sync.
#[derive(Template, WebTemplate)]
#[template(path = "admin/pickup_location_row.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    r: Row,
}

/// `POST /admin/pickup-locations/{storeId}/resync`: the store's current
/// address to the courier under a new code; the row comes back with it.
pub async fn resync(
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
    match pickups::resync(&state, &caller, id).await {
        Ok(p) => {
            let mut r = Row::of(ctx.locale, &p);
            r.resynced = true;
            shared::with_toast(
                RowFragment {
                    c: chrome(&ctx, &csrf),
                    base: ctx.admin_base(),
                    r,
                }
                .into_response(),
                &t(ctx.locale, "shp-toast-resynced"),
                "success",
            )
        }
        Err(e @ (ApiError::Conflict { .. } | ApiError::Unavailable | ApiError::NotFound)) => {
            shared::inline_error(
                &format!("#pickup-{id} .row-error"),
                &e.message().render(ctx.locale),
            )
        }
        Err(e) => refused(&ctx, e),
    }
}
