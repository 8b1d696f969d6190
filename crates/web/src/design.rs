//! The component sheet (`/design-system`): every component of the design
//! system on one page, in the page's language and direction. docs/DESIGN.md
//! shows its screenshots (`tools/design-shots.sh`). It holds no data.

use askama::Template;
use askama_web::WebTemplate;

use app::stats::{Kpi, Period};

use crate::chrome::{Chrome, Nav, NavGroup, NavItem, WebCtx};
use crate::dashboard::{ChartSpec, KpiCard, day_labels};

#[derive(Template, WebTemplate)]
#[template(path = "design.html")]
pub struct Sheet {
    c: Chrome,
    section: &'static str,
    kpis: Vec<KpiCard>,
    chart: ChartSpec,
    statuses: Vec<&'static str>,
    amounts: [String; 3],
    chart_rows: Vec<(String, String)>,
    selected: i64,
}

/// A sidebar to show the frame with (the sheet has no signed-in user).
fn sample_nav() -> Nav {
    let item = |key, icon, label_key| NavItem {
        key,
        href: format!("#{key}"),
        label_key,
        icon,
    };
    Nav {
        home: "/design-system".into(),
        title_key: "ds-sheet-title",
        groups: vec![
            NavGroup {
                title_key: "",
                items: vec![item("home", "dashboard", "ds-nav-home")],
            },
            NavGroup {
                title_key: "ds-group-marketplace",
                items: vec![
                    item("orders", "receipt", "web-orders-title"),
                    item("products", "package", "web-nav-products"),
                ],
            },
            NavGroup {
                title_key: "ds-group-system",
                items: vec![item("audit", "history", "ds-nav-audit")],
            },
        ],
        who: String::new(),
        sign_out: String::new(),
    }
}

pub async fn page(ctx: WebCtx) -> Sheet {
    let c = Chrome {
        locale: ctx.locale,
        csrf: String::new(),
        nav: Some(std::sync::Arc::new(sample_nav())),
    };
    let today = time::Date::from_calendar_date(2026, time::Month::December, 7).expect("a date");
    let period = Period::new("7d", today - time::Duration::days(6), today);
    let orders = Kpi::new(vec![12, 18, 9, 22, 30, 26, 35], 120);
    let gmv = Kpi::new(
        vec![120_000, 98_000, 143_500, 110_000, 160_250, 171_000, 188_900],
        1_080_000,
    );
    let flat = Kpi::new(vec![3, 1, 0, 2, 1, 0, 1], 8);
    let chart = ChartSpec::new(&c, "line", day_labels(&c, &period))
        .series(
            c.t("ds-kpi-gmv"),
            gmv.daily.iter().map(|h| *h as f64 / 100.0).collect(),
        )
        .money(&c);
    let kpis = vec![
        KpiCard::of(&c, "kpi-orders", "ds-kpi-orders", "receipt", &orders, false),
        KpiCard::of(&c, "kpi-gmv", "ds-kpi-gmv", "chart-line", &gmv, true),
        KpiCard::of(
            &c,
            "kpi-stores",
            "ds-kpi-new-stores",
            "building-store",
            &flat,
            false,
        ),
    ];
    let amounts = [c.sar(&1_234_550), c.sar(&98_000), c.sar(&0)];
    let chart_rows = chart
        .labels
        .iter()
        .zip(&gmv.daily)
        .map(|(l, v)| (l.clone(), c.sar(v)))
        .collect();
    Sheet {
        amounts,
        chart_rows,
        selected: 2,
        c,
        section: "home",
        kpis,
        chart,
        statuses: vec![
            "pending_payment",
            "confirmed",
            "accepted",
            "preparing",
            "shipped",
            "ready_for_pickup",
            "delivered",
            "cancelled",
            "rejected",
            "refunded",
        ],
    }
}
