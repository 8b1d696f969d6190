//! The admin's statistics (`finance.manage`): the five flows over a range
//! of platform days, period by period (day, week or month), with their
//! totals, the top stores, reps and products, and the same figures as a CSV
//! file. Everything comes from the statistics' roll-ups (`app::stats`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::header;
use serde::Deserialize;

use app::AppState;
use app::stats::model::figures::{FlowFigures, FlowStats, TopItem, TopList};
use app::stats::{Flow, FlowsQuery, TopQuery};

use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::sar_grouped;
use crate::signin;

/// How many of each top the page shows.
const TOP: i64 = 10;

/// The page's filter as the form sends it (empty fields: the defaults).
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    from: Option<String>,
    to: Option<String>,
    grain: Option<String>,
    flow: Option<String>,
}

fn kept(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl Filter {
    fn query(&self) -> FlowsQuery {
        FlowsQuery {
            from: kept(&self.from),
            to: kept(&self.to),
            // The page opens by week: thirty rows of days bury the trend.
            grain: kept(&self.grain).or_else(|| Some("week".to_owned())),
            flow: kept(&self.flow),
        }
    }

    fn top(&self, kind: &str) -> TopQuery {
        TopQuery {
            from: kept(&self.from),
            to: kept(&self.to),
            kind: Some(kind.to_owned()),
            flow: kept(&self.flow),
            limit: Some(TOP),
        }
    }
}

/// One flow's line of a table, formatted for the page.
pub struct Line {
    pub flow: &'static str,
    pub label: String,
    pub placed: String,
    pub completed: String,
    pub cancelled: String,
    pub refunded: String,
    pub gmv: String,
    pub net_gmv: String,
    pub net_commission: String,
    pub refunded_amount: String,
}

impl Line {
    fn of(c: &Chrome, f: &FlowFigures) -> Line {
        Line {
            flow: f.flow.as_str(),
            label: c.t(f.flow.label_key()),
            placed: c.num(&f.placed),
            completed: c.num(&f.completed),
            cancelled: c.num(&f.cancelled),
            refunded: c.num(&f.refunded),
            gmv: sar_grouped(c, f.gmv),
            net_gmv: sar_grouped(c, f.net_gmv),
            net_commission: sar_grouped(c, f.net_commission),
            refunded_amount: sar_grouped(c, f.refunded_amount),
        }
    }
}

pub struct PeriodView {
    /// `YYYY-MM-DD`, or `YYYY-MM-DD – YYYY-MM-DD` for a longer period.
    pub label: String,
    pub start: String,
    pub lines: Vec<Line>,
}

pub struct TopRow {
    pub name: String,
    pub href: String,
    pub placed: String,
    pub gmv: String,
}

pub struct TopView {
    pub id: &'static str,
    pub title: String,
    pub rows: Vec<TopRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/stats.html")]
struct StatsPage {
    c: Chrome,
    section: &'static str,
    base: &'static str,
    from: String,
    to: String,
    grain: String,
    flow: String,
    grains: Vec<(&'static str, String)>,
    flows: Vec<(&'static str, String)>,
    csv: String,
    totals: Vec<Line>,
    periods: Vec<PeriodView>,
    tops: Vec<TopView>,
}

fn top_view(c: &Chrome, base: &str, id: &'static str, title: &str, list: TopList) -> TopView {
    let path = match id {
        "top-stores" => "stores",
        "top-reps" => "reps",
        _ => "products",
    };
    TopView {
        id,
        title: c.t(title),
        rows: list
            .items
            .iter()
            .map(|i: &TopItem| TopRow {
                name: c.pick(&i.name_ar, &i.name_en).to_owned(),
                href: format!("{base}/{path}/{}", i.id),
                placed: c.num(i.units.as_ref().unwrap_or(&i.placed)),
                gmv: sar_grouped(c, i.gmv),
            })
            .collect(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let base = ctx.admin_base();
    let stats = match app::stats::service::flows::flows(&state, &caller, &f.query()).await {
        Ok(s) => s,
        Err(e) => return error_page(&ctx, e),
    };
    let mut lists = Vec::new();
    for kind in ["stores", "reps", "products"] {
        match app::stats::service::flows::top(&state, &caller, &f.top(kind)).await {
            Ok(l) => lists.push(l),
            Err(e) => return error_page(&ctx, e),
        }
    }
    let c = chrome(&ctx, &csrf);
    render(c, base, &f, stats, lists).into_response()
}

fn render(
    c: Chrome,
    base: &'static str,
    f: &Filter,
    s: FlowStats,
    lists: Vec<TopList>,
) -> StatsPage {
    let flow = kept(&f.flow).unwrap_or_default();
    let grain = s.grain.as_str().to_owned();
    let csv = format!(
        "{base}/stats/flows.csv?from={}&to={}&grain={grain}{}",
        s.from,
        s.to,
        if flow.is_empty() {
            String::new()
        } else {
            format!("&flow={flow}")
        }
    );
    let periods = s
        .periods
        .iter()
        .rev()
        .map(|p| PeriodView {
            label: if p.start == p.end {
                p.start.clone()
            } else {
                format!("{} – {}", p.start, p.end)
            },
            start: p.start.clone(),
            // A period lists only the flows that moved in it; a quiet
            // period is one muted row, not five rows of zeros.
            lines: p
                .flows
                .iter()
                .filter(|x| **x != FlowFigures::zero(x.flow))
                .map(|x| Line::of(&c, x))
                .collect(),
        })
        .collect();
    let mut lists = lists.into_iter();
    let mut next = |id, title| lists.next().map(|l| top_view(&c, base, id, title, l));
    let tops = [
        next("top-stores", "sts-top-stores"),
        next("top-reps", "sts-top-reps"),
        next("top-products", "sts-top-products"),
    ]
    .into_iter()
    .flatten()
    .collect();
    StatsPage {
        section: "stats",
        base,
        from: s.from.clone(),
        to: s.to.clone(),
        grain,
        flow,
        grains: ["day", "week", "month"]
            .into_iter()
            .map(|g| (g, c.t(&format!("sts-grain-{g}"))))
            .collect(),
        flows: Flow::ALL
            .into_iter()
            .map(|x| (x.as_str(), c.t(x.label_key())))
            .collect(),
        csv,
        totals: s.totals.iter().map(|x| Line::of(&c, x)).collect(),
        periods,
        tops,
        c,
    }
}

/// The same figures as a CSV file, for the signed-in admin (the API's own
/// service: its permission and its rules).
pub async fn export(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    match app::stats::service::flows::flows_csv(&state, &caller, &f.query()).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", csv.file_name),
                ),
            ],
            csv.body,
        )
            .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}
