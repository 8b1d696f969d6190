//! The admin home: KPIs over a chosen period against the one before it, the
//! revenue chart, orders by status and by payment channel, and what waits
//! for an admin. Admins without `finance.manage` go to their first page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use app::AppState;
use app::stats::{AdminOverview, PeriodQuery};

use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::{ChartSpec, KpiCard, PeriodPicker, day_labels, sar_grouped};
use crate::signin;

pub struct Row {
    pub label: String,
    pub count: String,
    pub amount: String,
    /// Share of the largest row, 0–100, for the bar.
    pub share: i64,
    pub badge: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/home.html")]
struct HomePage {
    c: Chrome,
    section: &'static str,
    picker: PeriodPicker,
    kpis: Vec<KpiCard>,
    attention: Vec<KpiCard>,
    revenue: ChartSpec,
    revenue_rows: Vec<(String, String)>,
    statuses: Vec<Row>,
    channels: Vec<Row>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<PeriodQuery>,
) -> Response {
    let base = ctx.admin_base();
    if let Some(nav) = ctx.nav.get().filter(|n| !n.has("home"))
        && let Some(first) = nav.first()
    {
        return Redirect::to(&first.href).into_response();
    }
    match app::stats::service::admin_overview(&state, &caller, &q).await {
        Ok(o) => render(chrome(&ctx, &csrf), base, o).into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

fn render(c: Chrome, base: &'static str, o: AdminOverview) -> HomePage {
    let home = crate::shared::home_url(base);
    let kpis = vec![
        KpiCard::of(
            &c,
            "kpi-orders",
            "ds-kpi-orders",
            "receipt",
            &o.orders,
            false,
        )
        .link(format!("{base}/orders")),
        KpiCard::of(&c, "kpi-gmv", "ds-kpi-gmv", "chart-line", &o.gmv, true),
        KpiCard::of(
            &c,
            "kpi-commission",
            "ds-kpi-commission",
            "coin",
            &o.commission,
            true,
        )
        .link(format!("{base}/finance")),
        KpiCard::of(
            &c,
            "kpi-customers",
            "ds-kpi-new-customers",
            "users",
            &o.new_customers,
            false,
        )
        .link(format!("{base}/users?role=CUSTOMER")),
        KpiCard::of(
            &c,
            "kpi-stores",
            "ds-kpi-new-stores",
            "building-store",
            &o.new_stores,
            false,
        ),
    ];
    let attention = vec![
        KpiCard::now(
            &c,
            "kpi-approvals",
            "ds-kpi-pending-approvals",
            "shield-check",
            c.num(&o.pending_approvals.total),
        )
        .link(format!("{base}/companies")),
        KpiCard::now(
            &c,
            "kpi-support",
            "ds-kpi-open-support",
            "headset",
            c.num(&o.open_support_threads),
        )
        .link(format!("{base}/support")),
    ];
    let revenue = ChartSpec::new(&c, "line", day_labels(&c, &o.period))
        .series(
            c.t("ds-kpi-gmv"),
            o.gmv.daily.iter().map(|h| *h as f64 / 100.0).collect(),
        )
        .money(&c);
    let revenue_rows = o
        .period
        .days
        .iter()
        .zip(&o.gmv.daily)
        .map(|(d, v)| (d.clone(), sar_grouped(&c, *v)))
        .collect();
    let max_status = o
        .by_status
        .iter()
        .map(|s| s.orders)
        .max()
        .unwrap_or(0)
        .max(1);
    let statuses = o
        .by_status
        .iter()
        .map(|s| Row {
            label: c.t(&format!("web-orders-status-{}", s.status)),
            count: c.num(&s.orders),
            amount: String::new(),
            share: s.orders * 100 / max_status,
            badge: s.status.clone(),
        })
        .collect();
    let max_gmv = o.by_channel.iter().map(|m| m.gmv).max().unwrap_or(0).max(1);
    let channels = o
        .by_channel
        .iter()
        .map(|m| Row {
            label: c.t(&format!("web-orders-method-{}", m.method)),
            count: c.num(&m.orders),
            amount: sar_grouped(&c, m.gmv),
            share: m.gmv * 100 / max_gmv,
            badge: m.method.clone(),
        })
        .collect();
    HomePage {
        picker: PeriodPicker::of(&c, &home, &o.period),
        c,
        section: "home",
        kpis,
        attention,
        revenue,
        revenue_rows,
        statuses,
        channels,
    }
}
