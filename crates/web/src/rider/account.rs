//! The rep's earnings (`/rider/earnings`: a date range, its totals and the
//! ledger's lines) and profile (`/rider/profile`: who, the figures, the
//! language and signing out).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::content::{Audience, PageSlug};
use app::repairs::model::{EarningLine, Earnings, EarningsQuery};
use app::repairs::service::jobs;
use kernel::i18n::{t, try_t};
use kernel::{ApiError, Locale};

use super::{Session, Ui, error_page, ui};
use crate::chrome::WebCtx;
use crate::forms::Errors;
use crate::shared;
use crate::signin;

// ---------------------------------------------------------------- earnings

#[derive(Deserialize)]
pub struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub struct LineView {
    pub kind: String,
    pub label: String,
    pub job: String,
    pub amount: i64,
    /// More owed to the rep (earned) rather than less (kept cash, paid out).
    pub credit: bool,
    pub at: String,
}

impl LineView {
    fn new(locale: Locale, l: &EarningLine) -> LineView {
        LineView {
            kind: l.kind.clone(),
            label: try_t(locale, &format!("rd-kind-{}", l.kind))
                .unwrap_or_else(|| t(locale, "rd-kind-other")),
            job: l.job_number.clone().unwrap_or_default(),
            amount: l.amount,
            credit: l.amount >= 0,
            at: shared::when(locale, l.at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rider/earnings.html")]
struct EarningsPage {
    u: Ui,
    from: String,
    to: String,
    /// The range's figures; none when the dates were refused.
    totals: Option<Totals>,
    lines: Vec<LineView>,
    errors: Errors,
}

pub struct Totals {
    pub jobs: i64,
    pub gross: i64,
    pub net: i64,
    pub balance: i64,
}

fn present(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// `GET /rider/earnings?from=YYYY-MM-DD&to=YYYY-MM-DD` (the last 30 days by default).
pub async fn earnings(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
    Query(range): Query<Range>,
) -> Response {
    let q = EarningsQuery {
        from: present(&range.from),
        to: present(&range.to),
    };
    let u = ui(&ctx, &csrf, "earnings");
    match jobs::earnings(&state, &caller, &q).await {
        Ok(e) => {
            let Earnings {
                from,
                to,
                jobs,
                gross,
                net,
                balance,
                lines,
            } = e;
            EarningsPage {
                u,
                from,
                to,
                totals: Some(Totals {
                    jobs,
                    gross,
                    net,
                    balance,
                }),
                lines: lines.iter().map(|l| LineView::new(ctx.locale, l)).collect(),
                errors: Errors::none(),
            }
            .into_response()
        }
        Err(e @ ApiError::Validation(_)) => {
            let status = e.status();
            let page = EarningsPage {
                u,
                from: range.from.trim().to_owned(),
                to: range.to.trim().to_owned(),
                totals: None,
                lines: Vec::new(),
                errors: Errors::from_api(&e, ctx.locale),
            };
            (status, page).into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- profile

#[derive(Template, WebTemplate)]
#[template(path = "rider/profile.html")]
struct ProfilePage {
    u: Ui,
    name: String,
    initial: String,
    phone: String,
    online: bool,
    jobs: i64,
    completed: i64,
    offers: i64,
    acceptance_rate: i64,
    earned: i64,
    /// Average stars from customers, empty while unrated.
    rating: String,
    ratings: i64,
}

/// `GET /rider/profile`.
pub async fn profile(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
) -> Response {
    let s = match jobs::my_stats(&state, &caller).await {
        Ok(s) => s,
        Err(e) => return error_page(&ctx, e),
    };
    let name = s
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_default();
    ProfilePage {
        u: ui(&ctx, &csrf, "profile"),
        initial: name.chars().next().map(String::from).unwrap_or_default(),
        name,
        phone: shared::phone(&s.phone),
        online: s.online,
        jobs: s.jobs,
        completed: s.completed,
        offers: s.offers,
        acceptance_rate: s.acceptance_rate,
        earned: s.earned,
        rating: shared::rating(ctx.locale, s.rating),
        ratings: i64::from(s.rating_count),
    }
    .into_response()
}

// ---------------------------------------------------------------- terms, privacy

#[derive(Template, WebTemplate)]
#[template(path = "rider/legal.html")]
struct LegalPage {
    u: Ui,
    doc: crate::content_view::DocView,
}

/// The representatives' terms or privacy, as an admin published them last.
async fn legal(state: &AppState, ctx: &WebCtx, csrf: &str, slug: PageSlug) -> Response {
    let u = ui(ctx, csrf, "profile");
    let doc = crate::content_view::doc(state, &u.c, u.base, slug, Audience::Representative).await;
    LegalPage { u, doc }.into_response()
}

/// `GET /rider/terms`.
pub async fn terms(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { csrf, .. }: Session,
) -> Response {
    legal(&state, &ctx, &csrf, PageSlug::Terms).await
}

/// `GET /rider/privacy`.
pub async fn privacy(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { csrf, .. }: Session,
) -> Response {
    legal(&state, &ctx, &csrf, PageSlug::Privacy).await
}
