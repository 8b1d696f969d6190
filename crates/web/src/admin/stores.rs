//! Stores (`stores.manage`): the index with search, status tabs and a
//! company filter, bulk activate or suspend; a store's page with its facts,
//! owner and figures, activate or suspend (with a reason) and its commission.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::stores::model::{AdminStoreQuery, Commission, Reason, StoreDetail, StoreStatus};
use app::stores::service::{branches, companies};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::common::{self, company_names, percent, percent_input, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Fields, prompt};
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;
const STATUSES: [StoreStatus; 3] = [
    StoreStatus::Active,
    StoreStatus::Pending,
    StoreStatus::Suspended,
];

/// The index's filters, from the query string (or a bulk action's form).
#[derive(Deserialize, Default, Clone)]
pub struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    company: String,
    page: Option<u32>,
}

impl Filter {
    fn of(f: &Fields) -> Filter {
        Filter {
            q: f.get("q"),
            status: f.get("status"),
            company: f.get("company"),
            page: f.get("page").parse().ok(),
        }
    }

    fn status(&self) -> Option<StoreStatus> {
        STATUSES.into_iter().find(|s| s.as_str() == self.status)
    }

    fn company(&self) -> Option<Uuid> {
        Uuid::parse_str(self.company.trim()).ok()
    }

    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{base}/stores{}",
            common::query(&[
                ("q", &self.q),
                ("status", status.unwrap_or(&self.status)),
                ("company", &self.company),
                ("page", &page),
            ])
        )
    }
}

pub struct Row {
    id: String,
    name: String,
    store_type: String,
    company: String,
    city: String,
    commission: String,
    status: &'static str,
    rating: String,
    created: String,
}

fn row(c: &Chrome, s: &StoreDetail, companies: &HashMap<Uuid, (String, String)>) -> Row {
    Row {
        id: s.id.to_string(),
        name: c.pick(&s.name_ar, &s.name_en).to_owned(),
        store_type: c
            .pick(&s.store_type.name_ar, &s.store_type.name_en)
            .to_owned(),
        company: companies
            .get(&s.company_id)
            .map(|(ar, en)| c.pick(ar, en).to_owned())
            .unwrap_or_default(),
        city: s.city.clone(),
        commission: percent(c.locale, i64::from(s.commission_bp)),
        status: s.status.as_str(),
        rating: rating(c, s),
        created: shared::when(c.locale, s.created_at),
    }
}

fn rating(c: &Chrome, s: &StoreDetail) -> String {
    shared::rating(c.locale, s.rating_average)
}

/// The index card: tabs, filters, the bulk bar, the table and the pager
/// (the part a bulk action swaps).
pub struct List {
    q: String,
    status: String,
    page: String,
    tabs: Vec<(String, String, bool)>,
    companies: Vec<(String, String, bool)>,
    filtered: bool,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/stores.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    l: List,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/stores_card.html")]
struct ListCard {
    c: Chrome,
    base: &'static str,
    l: List,
}

async fn load(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    c: &Chrome,
    f: &Filter,
) -> Result<List, ApiError> {
    let q = AdminStoreQuery {
        status: f.status(),
        company_id: f.company(),
        q: Some(f.q.trim().to_owned()).filter(|q| !q.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (stores, meta) = branches::admin_list(state, caller, &q).await?;
    let names = company_names(state, caller).await;
    let base = ctx.admin_base();
    let mut companies: Vec<(String, String, bool)> = names
        .iter()
        .map(|(id, (ar, en))| {
            (
                id.to_string(),
                c.pick(ar, en).to_owned(),
                Some(*id) == f.company(),
            )
        })
        .collect();
    companies.sort_by(|a, b| a.1.cmp(&b.1));
    let status = f.status().map_or("", StoreStatus::as_str);
    let mut tabs = vec![(
        f.link(base, None, Some("")),
        c.t("web-admin-all"),
        status.is_empty(),
    )];
    tabs.extend(STATUSES.iter().map(|s| {
        (
            f.link(base, None, Some(s.as_str())),
            c.status(s.as_str()),
            status == s.as_str(),
        )
    }));
    Ok(List {
        q: f.q.clone(),
        status: status.to_owned(),
        page: meta.page.to_string(),
        tabs,
        companies,
        filtered: !f.q.is_empty() || f.company().is_some(),
        total: c.t_count("adm-stores-count", &meta.total),
        rows: stores.iter().map(|s| row(c, s, &names)).collect(),
        pager: Pager::new(ctx, &meta, |p| f.link(base, Some(p), None)),
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let c = chrome(&ctx, &csrf);
    match load(&state, &ctx, &caller, &c, &f).await {
        Ok(l) => ListPage {
            c,
            base: ctx.admin_base(),
            section: "stores",
            l,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// Activates or suspends the chosen stores (`ids`), then shows the index
/// card again under the same filters.
pub async fn bulk(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(action): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let fields = Fields(fields);
    let suspend = action == "suspend";
    let reason = Reason {
        reason: prompt(&headers),
    };
    if suspend && let Err(e) = reason.validate() {
        return refused(&ctx, e);
    }
    let ids: Vec<Uuid> = fields
        .all("id")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let mut changed = 0i64;
    let mut skipped = 0i64;
    for id in &ids {
        let done = if suspend {
            branches::suspend(&state, &caller, *id, &reason.reason).await
        } else {
            branches::activate(&state, &caller, *id).await
        };
        match done {
            Ok(_) => changed += 1,
            Err(ApiError::Conflict { .. } | ApiError::NotFound) => skipped += 1,
            Err(e) => return refused(&ctx, e),
        }
    }
    let c = chrome(&ctx, &csrf);
    let l = match load(&state, &ctx, &caller, &c, &Filter::of(&fields)).await {
        Ok(l) => l,
        Err(e) => return refused(&ctx, e),
    };
    let mut message = Message::new(if suspend {
        "adm-toast-stores-suspended"
    } else {
        "adm-toast-stores-activated"
    })
    .arg("count", changed)
    .render(ctx.locale);
    if skipped > 0 {
        message.push_str(" · ");
        message.push_str(
            &Message::new("adm-toast-skipped")
                .arg("count", skipped)
                .render(ctx.locale),
        );
    }
    shared::with_toast(
        ListCard {
            c,
            base: ctx.admin_base(),
            l,
        }
        .into_response(),
        &message,
        if changed == 0 { "error" } else { "success" },
    )
}

/// The status card of a store's page (swapped by activate and suspend,
/// with the title's badge out of band).
pub struct StatusView {
    id: String,
    status: &'static str,
    reason: String,
}

/// The commission card of a store's page.
pub struct CommissionView {
    id: String,
    current: String,
    value: String,
    error: String,
}

impl CommissionView {
    fn of(locale: Locale, s: &StoreDetail) -> CommissionView {
        CommissionView {
            id: s.id.to_string(),
            current: percent(locale, i64::from(s.commission_bp)),
            value: percent_input(i64::from(s.commission_bp)),
            error: String::new(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/store_status.html")]
struct StatusCard {
    c: Chrome,
    base: &'static str,
    st: StatusView,
    oob: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/store_commission.html")]
struct CommissionCard {
    c: Chrome,
    base: &'static str,
    cm: CommissionView,
    oob: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/store.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    name: String,
    name_ar: String,
    name_en: String,
    store_type: String,
    phone: String,
    city: String,
    address: String,
    location: String,
    created: String,
    company_id: String,
    company: String,
    owner_name: String,
    owner_phone: String,
    has_owner: bool,
    orders: String,
    rating: String,
    ratings: String,
    st: StatusView,
    oob: bool,
    cm: CommissionView,
}

fn status_view(s: &StoreDetail) -> StatusView {
    StatusView {
        id: s.id.to_string(),
        status: s.status.as_str(),
        reason: s.status_reason.clone().unwrap_or_default(),
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
    let s = match branches::admin_get(&state, &caller, id).await {
        Ok(s) => s,
        Err(e) => return error_page(&ctx, e),
    };
    // The owner and the order count come from the companies' and orders'
    // services; an admin without their permissions sees the store without them.
    let owner = companies::get(&state, &caller, s.company_id).await.ok();
    let orders = app::orders::service::list(
        &state,
        &caller,
        app::orders::service::Viewer::Admin,
        &app::orders::model::OrderQuery {
            status: None,
            store_id: Some(s.id),
            customer_id: None,
            number: None,
            page: Some(1),
            per_page: Some(1),
            sort: None,
        },
    )
    .await
    .ok()
    .map(|(_, meta)| meta.total);
    let c = chrome(&ctx, &csrf);
    DetailPage {
        base: ctx.admin_base(),
        section: "stores",
        name: c.pick(&s.name_ar, &s.name_en).to_owned(),
        name_ar: s.name_ar.clone(),
        name_en: s.name_en.clone(),
        store_type: c
            .pick(&s.store_type.name_ar, &s.store_type.name_en)
            .to_owned(),
        phone: s.phone.as_deref().map(shared::phone).unwrap_or_default(),
        city: s.city.clone(),
        address: s.address.clone(),
        location: format!("{:.5}, {:.5}", s.lat, s.lng),
        created: shared::when(ctx.locale, s.created_at),
        company_id: s.company_id.to_string(),
        company: owner
            .as_ref()
            .map(|a| {
                c.pick(&a.company.legal_name_ar, &a.company.legal_name_en)
                    .to_owned()
            })
            .unwrap_or_default(),
        owner_name: owner
            .as_ref()
            .and_then(|a| a.owner.name.clone())
            .unwrap_or_default(),
        owner_phone: owner
            .as_ref()
            .map(|a| shared::phone(&a.owner.phone))
            .unwrap_or_default(),
        has_owner: owner.is_some(),
        orders: orders.map(|n| c.num(&n)).unwrap_or_else(|| "—".into()),
        rating: Some(rating(&c, &s))
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "—".into()),
        ratings: c.t_count("adm-ratings-count", &i64::from(s.rating_count)),
        st: status_view(&s),
        oob: false,
        cm: CommissionView::of(ctx.locale, &s),
        c,
    }
    .into_response()
}

async fn change(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    suspend: bool,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(id) {
        Ok(id) => id,
        Err(e) => return refused(ctx, e),
    };
    let result = if suspend {
        let reason = Reason {
            reason: prompt(headers),
        };
        match reason.validate() {
            Ok(()) => branches::suspend(state, &caller, id, &reason.reason).await,
            Err(e) => Err(e),
        }
    } else {
        branches::activate(state, &caller, id).await
    };
    match result {
        Ok(s) => shared::with_toast(
            StatusCard {
                c: chrome(ctx, &csrf),
                base: ctx.admin_base(),
                st: status_view(&s),
                oob: true,
            }
            .into_response(),
            &kernel::i18n::t(
                ctx.locale,
                if suspend {
                    "adm-toast-store-suspended"
                } else {
                    "adm-toast-store-activated"
                },
            ),
            "success",
        ),
        Err(e) => refused(ctx, e),
    }
}

pub async fn activate(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    change(&state, &ctx, &headers, &id, false).await
}

pub async fn suspend(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    change(&state, &ctx, &headers, &id, true).await
}

/// Sets the commission typed as a percentage; a wrong value comes back in
/// the card next to the field.
pub async fn commission(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    let raw = Fields(fields).get("commission");
    let body = Commission {
        commission_bp: common::parse_percent(&raw),
    };
    let card = |cm: CommissionView| {
        CommissionCard {
            c: chrome(&ctx, &csrf),
            base: ctx.admin_base(),
            cm,
            oob: true,
        }
        .into_response()
    };
    let wrong = |raw: String| CommissionView {
        id: id.to_string(),
        current: String::new(),
        value: raw,
        error: kernel::i18n::t(ctx.locale, "adm-commission-invalid"),
    };
    if body.validate().is_err() {
        // The current value is shown again from the store.
        return match branches::admin_get(&state, &caller, id).await {
            Ok(s) => card(CommissionView {
                current: percent(ctx.locale, i64::from(s.commission_bp)),
                ..wrong(raw)
            }),
            Err(e) => refused(&ctx, e),
        };
    }
    match branches::set_commission(&state, &caller, id, body.commission_bp.unwrap_or(0)).await {
        Ok(s) => {
            let cm = CommissionView::of(ctx.locale, &s);
            let message = Message::new("adm-toast-commission")
                .arg("value", cm.current.clone())
                .render(ctx.locale);
            shared::with_toast(card(cm), &message, "success")
        }
        Err(ApiError::Validation(_)) => card(wrong(raw)),
        Err(e) => refused(&ctx, e),
    }
}
