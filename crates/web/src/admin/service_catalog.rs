//! The service catalog for admins (`bookings.manage`): every store's
//! bookable service items across the platform, by store then the store's
//! order, searchable by item or store name and filtered to active or
//! inactive items; each row names its service, its store (opening that
//! store's bookings), its duration, its price range over the body types and
//! its active add-ons.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::bookings::model::{CatalogQuery, CatalogRow, pick};
use app::bookings::service::menu;
use kernel::Locale;
use kernel::i18n::Message;

use super::common;
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::Pager;
use crate::signin;

const PER_PAGE: u32 = 20;
/// The longest search the service takes.
const MAX_SEARCH: usize = 100;

/// `s` with its digits in the page's style.
fn digits(locale: Locale, s: &str) -> String {
    kernel::money::with_digits(s, kernel::money::digits_of(locale))
}

/// A duration in minutes, in the page's digits; empty for none.
fn minutes(locale: Locale, m: i32) -> String {
    if m <= 0 {
        return String::new();
    }
    digits(
        locale,
        &Message::new("abk-minutes")
            .arg("count", i64::from(m))
            .render(locale),
    )
}

/// The price range over the body types as SAR, as the other pages write an
/// amount (`SAR 30.00–45.00`, `30.00–45.00 ر.س`), one amount when every
/// body type costs the same; empty when the item has no price.
fn price_range(locale: Locale, min: i64, max: i64) -> String {
    if max <= 0 {
        return String::new();
    }
    let d = kernel::money::digits_of(locale);
    let amount = |h: i64| kernel::money::with_digits(&kernel::money::decimal(h), d);
    let text = if min <= 0 || min == max {
        amount(max)
    } else {
        format!("{}–{}", amount(min), amount(max))
    };
    Message::new("money-sar").arg("amount", text).render(locale)
}

/// The search, the active/inactive tab and the page, from the query string.
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    /// `active`, `inactive` or empty for both.
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

impl Filter {
    /// The search as the service takes it: trimmed, at most 100 characters.
    fn search(&self) -> String {
        self.q.trim().chars().take(MAX_SEARCH).collect()
    }

    fn status(&self) -> &'static str {
        match self.status.trim() {
            "active" => "active",
            "inactive" => "inactive",
            _ => "",
        }
    }

    fn active(&self) -> Option<bool> {
        match self.status() {
            "active" => Some(true),
            "inactive" => Some(false),
            _ => None,
        }
    }

    /// The catalog under this search, at `page`, with `status` when given.
    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        let q = self.search();
        format!(
            "{base}/service-catalog{}",
            common::query(&[
                ("q", q.as_str()),
                ("status", status.unwrap_or(self.status())),
                ("page", page.as_str()),
            ])
        )
    }
}

pub struct Row {
    id: String,
    name: String,
    service: String,
    store: String,
    /// The store's bookings.
    store_link: String,
    /// The store's status when it is not active (empty when it is).
    store_status: String,
    duration: String,
    /// Empty when the item has no price.
    price: String,
    addons: i64,
    active: bool,
}

impl Row {
    fn of(locale: Locale, base: &str, r: &CatalogRow) -> Row {
        Row {
            id: r.id.to_string(),
            name: pick(locale, &r.name_ar, &r.name_en),
            service: pick(locale, &r.service_ar, &r.service_en),
            store: pick(locale, &r.store_name_ar, &r.store_name_en),
            store_link: format!("{base}/bookings?store={}", r.store_id),
            store_status: if r.store_status == "active" {
                String::new()
            } else {
                r.store_status.clone()
            },
            duration: minutes(locale, r.duration_minutes),
            price: price_range(locale, r.min_price, r.max_price),
            addons: r.addons,
            active: r.active,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/service_catalog.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The search applied, as the box shows it.
    q: String,
    /// The tab shown (empty: every item).
    status: &'static str,
    /// (link, label, current)
    tabs: Vec<(String, String, bool)>,
    /// A search narrows the list.
    filtered: bool,
    /// The list without the search (the tab kept).
    clear: String,
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
    let search = f.search();
    let q = CatalogQuery {
        q: Some(search.clone()).filter(|s| !s.is_empty()),
        active: f.active(),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match menu::admin_catalog(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let status = f.status();
    let tabs = [
        ("", "web-admin-all"),
        ("active", "asc-tab-active"),
        ("inactive", "asc-tab-inactive"),
    ]
    .into_iter()
    .map(|(s, key)| (f.link(base, None, Some(s)), c.t(key), status == s))
    .collect();
    let rows = items.iter().map(|r| Row::of(ctx.locale, base, r)).collect();
    let clear = format!(
        "{base}/service-catalog{}",
        common::query(&[("status", status)])
    );
    ListPage {
        base,
        section: "service-catalog",
        filtered: !search.is_empty(),
        q: search,
        status,
        tabs,
        clear,
        total: c.t_count("asc-count", &meta.total),
        rows,
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None)),
        c,
    }
    .into_response()
}
