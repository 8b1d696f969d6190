//! Part requests for admins (`requests.manage`): every request customers
//! sent to the stores around them, by status or by number and words, each
//! row opening the request's page (`requests_detail.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::requests::model::{PartRequest, RequestListQuery, RequestStatus, Vehicle};
use app::requests::service::admin as requests;
use kernel::Locale;

use super::common;
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// The longest search the service accepts; a longer one is cut rather than
/// refused, as a search box has no field to show the error by.
const MAX_SEARCH: usize = 100;

/// How much of a description a row shows.
const EXCERPT: usize = 80;

/// The index's filters, from the query string.
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

impl Filter {
    fn status(&self) -> Option<RequestStatus> {
        RequestStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == self.status)
    }

    fn search(&self) -> String {
        self.q.trim().chars().take(MAX_SEARCH).collect()
    }

    /// The list under these filters, at `page` and with `status` when given
    /// (an empty status is every request).
    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let q = self.search();
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        let current = self.status().map_or("", RequestStatus::as_str);
        format!(
            "{base}/requests{}",
            common::query(&[
                ("q", q.as_str()),
                ("status", status.unwrap_or(current)),
                ("page", page.as_str()),
            ])
        )
    }
}

/// "Hyundai Sonata 2016", the year in the page's digits.
pub(super) fn vehicle(locale: Locale, v: &Vehicle) -> String {
    let year = kernel::money::with_digits(&v.year.to_string(), kernel::money::digits_of(locale));
    format!("{} {} {year}", v.make_name, v.model_name)
}

/// The start of a description on one line, with an ellipsis when cut.
fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(EXCERPT).collect();
    if flat.chars().count() > EXCERPT {
        out.push('…');
    }
    out
}

pub struct Row {
    id: String,
    number: String,
    vehicle: String,
    category: String,
    excerpt: String,
    city: String,
    district: String,
    stores: i64,
    offers: i64,
    status: &'static str,
    created: String,
}

impl Row {
    fn of(locale: Locale, r: &PartRequest) -> Row {
        Row {
            id: r.id.to_string(),
            number: r.number.clone(),
            vehicle: vehicle(locale, &r.vehicle),
            category: r.category.name.clone(),
            excerpt: excerpt(&r.description),
            city: r.location.city.clone(),
            district: r.location.district.clone().unwrap_or_default(),
            stores: r.stores_count,
            offers: r.offers_count,
            status: r.status.as_str(),
            created: shared::when(locale, r.created_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/requests.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    q: String,
    status: &'static str,
    /// (link, label, current)
    tabs: Vec<(String, String, bool)>,
    filtered: bool,
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
    let status = f.status();
    let q = RequestListQuery {
        status,
        q: Some(search.clone()).filter(|s| !s.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match requests::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let current = status.map_or("", RequestStatus::as_str);
    let mut tabs = vec![(
        f.link(base, None, Some("")),
        c.t("web-admin-all"),
        current.is_empty(),
    )];
    tabs.extend(RequestStatus::ALL.iter().map(|s| {
        (
            f.link(base, None, Some(s.as_str())),
            c.label("adm-req-status-", s.as_str()),
            current == s.as_str(),
        )
    }));
    ListPage {
        base,
        section: "requests",
        filtered: !search.is_empty(),
        q: search,
        status: current,
        tabs,
        total: c.t_count("adm-req-count", &meta.total),
        rows: items.iter().map(|r| Row::of(ctx.locale, r)).collect(),
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None)),
        c,
    }
    .into_response()
}
