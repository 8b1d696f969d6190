//! The partner home: the figures of the stores whose orders the user may see
//! (all of them, or one chosen), over a period against the one before it.
//! A supplier without a company starts with its registration; a user with
//! no store to see orders of goes to the stores page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::AppState;
use app::content::BannerApp;
use app::identity::model::Role;
use app::stats::{PeriodQuery, StoreOverview};
use app::stores::service::companies;
use kernel::ApiError;
use kernel::ids::parse_id;

use super::{Session, chrome, error_page, has_access, no_access};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::{ChartSpec, KpiCard, PeriodPicker, day_labels, sar_grouped};
use crate::signin::Signed;

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    store: Option<String>,
    range: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/home.html")]
struct HomePage {
    c: Chrome,
    section: &'static str,
    picker: PeriodPicker,
    /// (id, name, chosen) of the stores to choose from; empty with one store.
    stores: Vec<(String, String, bool)>,
    kpis: Vec<KpiCard>,
    sales: ChartSpec,
    sales_rows: Vec<(String, String)>,
    statuses: Vec<(String, String, String)>,
    orders_link: Option<String>,
    /// The live store banners, above the figures.
    strip: crate::content_view::BannerStrip,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Query(q): Query<HomeQuery>,
) -> Response {
    let base = ctx.partner_base();
    if caller.role == Role::Supplier {
        match companies::mine(&state, &caller).await {
            Ok(_) => {}
            Err(ApiError::NotFound) => {
                return Redirect::to(&format!("{base}/company")).into_response();
            }
            Err(e) => return error_page(&ctx, e),
        }
    } else {
        match has_access(&state, &caller).await {
            Ok(true) => {}
            Ok(false) => return no_access(&ctx, &csrf),
            Err(e) => return error_page(&ctx, e),
        }
    }
    let period = PeriodQuery {
        range: q.range.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
    };
    let only = match q.store.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => match parse_id(s) {
            Ok(id) => Some(id),
            Err(e) => return error_page(&ctx, e),
        },
        None => None,
    };
    let result = async {
        let stores = app::stats::service::order_stores(&state, &caller).await?;
        let overview =
            app::stats::service::partner_overview(&state, &caller, only, &period).await?;
        Ok::<_, ApiError>((stores, overview))
    }
    .await;
    match result {
        Ok((stores, _)) if stores.is_empty() => {
            Redirect::to(&format!("{base}/stores")).into_response()
        }
        Ok((stores, o)) => {
            let c = chrome(&ctx, &csrf);
            let chosen = only.map(|id| id.to_string()).unwrap_or_default();
            let list = if stores.len() > 1 {
                stores
                    .iter()
                    .map(|s| {
                        let id = s.store.id.to_string();
                        let on = id == chosen;
                        (
                            id,
                            c.pick(&s.store.name_ar, &s.store.name_en).to_owned(),
                            on,
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let orders_link = match (only, stores.len()) {
                (Some(id), _) => Some(format!("{base}/stores/{id}/orders")),
                (None, 1) => Some(format!("{base}/stores/{}/orders", stores[0].store.id)),
                _ => None,
            };
            let strip =
                crate::content_view::banners(&state, BannerApp::Store, &c, base, "strip").await;
            render(c, base, chosen, list, orders_link, o, strip).into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}

fn render(
    c: Chrome,
    base: &'static str,
    store: String,
    stores: Vec<(String, String, bool)>,
    orders_link: Option<String>,
    o: StoreOverview,
    strip: crate::content_view::BannerStrip,
) -> HomePage {
    let home = crate::shared::home_url(base);
    let rating = match o.rating_x100 {
        Some(r) => {
            let d = kernel::money::digits_of(c.locale);
            kernel::money::with_digits(&format!("{}.{:02}", r / 100, r % 100), d)
        }
        None => "—".to_owned(),
    };
    let mut kpis = vec![
        KpiCard::now(
            &c,
            "kpi-pending-orders",
            "ds-kpi-pending-orders",
            "bell-ringing",
            c.num(&o.pending_orders),
        ),
        KpiCard::of(
            &c,
            "kpi-sales",
            "ds-kpi-sales",
            "chart-line",
            &o.sales,
            true,
        ),
        KpiCard::of(
            &c,
            "kpi-orders",
            "ds-kpi-orders",
            "receipt",
            &o.orders,
            false,
        ),
        KpiCard::now(
            &c,
            "kpi-products",
            "ds-kpi-active-products",
            "package",
            c.num(&o.active_products),
        ),
        KpiCard::now(
            &c,
            "kpi-low-stock",
            "ds-kpi-low-stock",
            "alert-triangle",
            c.num(&o.low_stock),
        ),
        KpiCard::now(&c, "kpi-rating", "ds-kpi-rating", "star", rating),
    ];
    if let Some(link) = &orders_link {
        kpis[0].href = Some(link.clone());
    }
    let sales = ChartSpec::new(&c, "bar", day_labels(&c, &o.period))
        .series(
            c.t("ds-kpi-sales"),
            o.sales.daily.iter().map(|h| *h as f64 / 100.0).collect(),
        )
        .money(&c);
    let sales_rows = o
        .period
        .days
        .iter()
        .zip(&o.sales.daily)
        .map(|(d, v)| (d.clone(), sar_grouped(&c, *v)))
        .collect();
    let statuses = o
        .by_status
        .iter()
        .map(|s| {
            (
                s.status.clone(),
                c.t(&format!("web-orders-status-{}", s.status)),
                c.num(&s.orders),
            )
        })
        .collect();
    let picker = PeriodPicker::of(&c, &home, &o.period).keep("store", &store);
    HomePage {
        c,
        section: "home",
        picker,
        stores,
        kpis,
        sales,
        sales_rows,
        statuses,
        orders_link,
        strip,
    }
}
