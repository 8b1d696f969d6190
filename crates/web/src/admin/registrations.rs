//! Registration requests (`users.view`, `/admin/registrations`): the queue by
//! status tab (to review, awaiting the e-mail link, rejected, approved), kind
//! and a search. A request's page is `registration.rs`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::registrations::model::{AdminRegistration, Kind, RegistrationQuery, Status};
use app::registrations::review;

use super::common::query;
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::{self, Pager};
use crate::signin;

const TABS: [&str; 5] = ["confirmed", "submitted", "rejected", "approved", "all"];

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

impl Filter {
    /// The tab: the queue to review unless another is chosen.
    fn tab(&self) -> &'static str {
        TABS.iter()
            .copied()
            .find(|t| *t == self.status.trim())
            .unwrap_or("confirmed")
    }

    fn link(&self, base: &str, tab: &str, page: u32) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        format!(
            "{base}/registrations{}",
            query(&[
                ("status", tab),
                ("kind", self.kind.trim()),
                ("q", self.q.trim()),
                ("page", page.as_str()),
            ])
        )
    }
}

pub struct Row {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub email: String,
    pub business: String,
    pub city: String,
    pub status: &'static str,
    pub submitted: String,
}

pub(super) fn row(ctx: &WebCtx, a: &AdminRegistration) -> Row {
    let r = &a.registration;
    Row {
        id: r.id.to_string(),
        name: r.full_name.clone(),
        kind: r.kind.as_str(),
        phone: shared::phone(&r.phone),
        email: r.email.clone(),
        business: match r.kind {
            Kind::Supplier => match ctx.locale {
                kernel::Locale::Ar => r.company_name_ar.clone(),
                kernel::Locale::En => r.company_name_en.clone(),
            },
            Kind::Representative => r.plate_number.clone(),
        },
        city: r.city.clone(),
        status: r.status.as_str(),
        submitted: r
            .submitted_at
            .map(|at| shared::when(ctx.locale, at))
            .unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/registrations.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tabs: Vec<(String, String, bool)>,
    tab: &'static str,
    kinds: Vec<(&'static str, String, bool)>,
    q: String,
    filtered: bool,
    total: i64,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let tab = f.tab();
    let kind = Kind::parse(f.kind.trim());
    let q = RegistrationQuery {
        status: Status::ALL.into_iter().find(|s| s.as_str() == tab),
        kind,
        q: Some(f.q.trim().chars().take(100).collect::<String>()).filter(|s| !s.is_empty()),
        page: f.page,
        per_page: Some(20),
    };
    let (items, meta) = match review::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let c = chrome(&ctx, &csrf);
    let pager = Pager::new(&ctx, &meta, |p| f.link(base, tab, p));
    ListPage {
        tabs: TABS
            .iter()
            .map(|t| {
                (
                    f.link(base, t, 1),
                    c.t(&format!("reg-admin-tab-{t}")),
                    *t == tab,
                )
            })
            .collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str(),
                    c.t(&format!("reg-kind-{}", k.as_str())),
                    Some(*k) == kind,
                )
            })
            .collect(),
        filtered: kind.is_some() || !f.q.trim().is_empty(),
        q: f.q.trim().to_owned(),
        tab,
        total: meta.total,
        rows: items.iter().map(|a| row(&ctx, a)).collect(),
        pager,
        c,
        base,
        section: "registrations",
    }
    .into_response()
}
