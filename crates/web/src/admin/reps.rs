//! Representatives (Tashlih, `reps.manage`): the index with each rep's
//! figures and a strip of the five with the most completed jobs, and a
//! rep's page with their figures and rating, their latest jobs and
//! reviews, the last 30 days' earnings from the ledger and the payout form (`finance.manage`, one
//! `Idempotency-Key` per rendered form). Suspending or reactivating a rep
//! is the user page's action (`/admin/users/{id}`), linked from here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::admin::permissions::{self, Permission};
use app::auth::Caller;
use app::repairs::model::{EarningLine, EarningsQuery, RepPayout, RepStats};
use app::repairs::service::jobs;
use app::reviews::model::{AdminReview, ReviewStatus};
use app::reviews::service as reviews;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::common::percent;
use super::orders::{amount_of, form_key};
use super::repair_jobs::JobRow;
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, validated};
use crate::shared::{self, Pager};
use crate::signin;

/// Reps per page, as the service reads them.
const PER_PAGE: usize = 50;
/// How many reps the "top reps" strip shows.
const TOP: usize = 5;
/// How many of a rep's jobs their page lists (the jobs index has the rest).
const RECENT_JOBS: usize = 10;
/// How many of a rep's reviews their page lists (the reviews queue,
/// filtered to reps, has the rest).
const RECENT_REVIEWS: u32 = 5;
/// How many earning lines a rep's page lists.
const LINES: usize = 50;

/// A name people typed, or empty.
fn named(name: Option<&str>) -> String {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_default()
}

// ---------------------------------------------------------------- index

#[derive(Deserialize, Default)]
pub struct Filter {
    page: Option<u32>,
}

pub struct RepRow {
    id: String,
    /// Empty when the rep has no name yet.
    name: String,
    phone: String,
    status: String,
    online: bool,
    jobs: i64,
    completed: i64,
    offers: i64,
    accepted: i64,
    /// Offers accepted, as a percentage in the page's digits.
    rate: String,
    /// What the platform owes the rep now (the rep payable's balance).
    earned: i64,
    /// Average stars, one decimal in the page's digits; empty while unrated.
    rating: String,
    ratings: i64,
}

impl RepRow {
    fn of(locale: Locale, s: &RepStats) -> RepRow {
        RepRow {
            id: s.rep_id.to_string(),
            name: named(s.name.as_deref()),
            phone: shared::phone(&s.phone),
            status: s.status.clone(),
            online: s.online,
            jobs: s.jobs,
            completed: s.completed,
            offers: s.offers,
            accepted: s.accepted,
            rate: percent(locale, s.acceptance_rate * 100),
            earned: s.earned,
            rating: shared::rating(locale, s.rating),
            ratings: i64::from(s.rating_count),
        }
    }
}

/// The five reps with the most completed jobs (none without one).
fn top_reps(locale: Locale, reps: &[RepStats]) -> Vec<RepRow> {
    let mut busiest: Vec<&RepStats> = reps.iter().filter(|s| s.completed > 0).collect();
    busiest.sort_by_key(|s| std::cmp::Reverse(s.completed));
    busiest
        .into_iter()
        .take(TOP)
        .map(|s| RepRow::of(locale, s))
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/reps.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    page: i64,
    /// On the first page only.
    top: Vec<RepRow>,
    rows: Vec<RepRow>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let page = f.page.unwrap_or(1).clamp(1, 10_000);
    let reps = match jobs::admin_reps(&state, &caller, i64::from(page)).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    // The service reads the busiest first, so the first page's five are
    // everyone's five.
    let top = if page == 1 {
        top_reps(ctx.locale, &reps)
    } else {
        Vec::new()
    };
    let pager = Pager {
        label: Message::new("arp-page")
            .arg("page", i64::from(page))
            .render(ctx.locale),
        prev: (page > 1).then(|| format!("{base}/reps?page={}", page - 1)),
        next: (reps.len() >= PER_PAGE).then(|| format!("{base}/reps?page={}", page + 1)),
    };
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "reps",
        page: i64::from(page),
        top,
        rows: reps.iter().map(|s| RepRow::of(ctx.locale, s)).collect(),
        pager,
    }
    .into_response()
}

// ---------------------------------------------------------------- page

/// One line of the rep's earnings: what changed what the platform owes.
pub struct LineView {
    at: String,
    /// The label's suffix (`arp-line-…`).
    kind: &'static str,
    /// Empty for a line of no job (a payout).
    job: String,
    amount: i64,
}

/// A ledger kind as its label's suffix; kinds not named here are "other".
fn line_kind(kind: &str) -> &'static str {
    match kind {
        "target_settled" => "target_settled",
        "cash_retained" => "cash_retained",
        "rep_payout" | "payout" => "rep_payout",
        "settlement_reversed" => "settlement_reversed",
        "refund" => "refund",
        _ => "other",
    }
}

impl LineView {
    fn of(locale: Locale, l: &EarningLine) -> LineView {
        LineView {
            at: shared::when(locale, l.at),
            kind: line_kind(&l.kind),
            job: l.job_number.clone().unwrap_or_default(),
            amount: l.amount,
        }
    }
}

/// The earnings card: the range, its figures and lines.
pub struct EarningsView {
    from: String,
    to: String,
    jobs: i64,
    gross: i64,
    net: i64,
    balance: i64,
    lines: Vec<LineView>,
    /// More lines than the page lists.
    more: bool,
}

/// The payout form: its amount in SAR as typed, and its own key.
pub struct PayoutDraft {
    amount: String,
    reference: String,
    key: String,
    errors: Errors,
}

impl PayoutDraft {
    fn fresh() -> PayoutDraft {
        PayoutDraft {
            amount: String::new(),
            reference: String::new(),
            key: Uuid::new_v4().to_string(),
            errors: Errors::none(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/rep.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    rep: RepRow,
    jobs: Vec<JobRow>,
    /// The rep has more jobs than the page lists.
    more_jobs: bool,
    earnings: EarningsView,
    /// Shown to holders of `finance.manage` only.
    can_payout: bool,
    payout: PayoutDraft,
    /// The latest reviews of the rep (hidden ones too), and how many.
    reviews: Vec<ReviewView>,
    reviews_total: i64,
}

/// One review of the rep as admins see it.
pub struct ReviewView {
    stars: Vec<&'static str>,
    stars_label: String,
    text: String,
    reviewer: String,
    job: String,
    when: String,
    hidden: bool,
}

impl ReviewView {
    fn of(locale: Locale, r: &AdminReview) -> ReviewView {
        let v = &r.review;
        ReviewView {
            stars: (1..=5)
                .map(|i| if i <= v.stars { "star-filled" } else { "star" })
                .collect(),
            stars_label: Message::new("adm-stars")
                .arg("count", i64::from(v.stars))
                .render(locale),
            text: v.text.clone().unwrap_or_default(),
            reviewer: r.reviewer_name.clone().unwrap_or_default(),
            job: v.repair_job_id.map(|j| j.to_string()).unwrap_or_default(),
            when: shared::when(locale, v.created_at),
            hidden: v.status == ReviewStatus::Hidden,
        }
    }
}

/// Loads the rep and renders their page with the payout form as given,
/// answering `status`.
async fn render_detail(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    payout: Option<PayoutDraft>,
    status: StatusCode,
) -> Response {
    let loaded = async {
        // First: it decides who may see reps (`reps.manage`), and that
        // the id is a rep's, before anything else is read.
        let rep = jobs::admin_rep(state, caller, id).await?;
        let list = jobs::admin_jobs(state, caller, Some(id), None).await?;
        let earnings = jobs::earnings_of(
            state,
            id,
            &EarningsQuery {
                from: None,
                to: None,
            },
        )
        .await?;
        let can_payout = permissions::held(state, caller)
            .await?
            .contains(&Permission::FinanceManage);
        let reviews = reviews::of_rep(state, caller, id, RECENT_REVIEWS).await?;
        Ok::<_, ApiError>((rep, list, earnings, can_payout, reviews))
    }
    .await;
    let (rep, list, earnings, can_payout, (reviews, reviews_total)) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let locale = ctx.locale;
    let digits = kernel::money::digits_of(locale);
    let page = DetailPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "reps",
        rep: RepRow::of(locale, &rep),
        jobs: list
            .iter()
            .take(RECENT_JOBS)
            .map(|j| JobRow::of(locale, j))
            .collect(),
        more_jobs: list.len() > RECENT_JOBS,
        earnings: EarningsView {
            from: kernel::money::with_digits(&earnings.from, digits),
            to: kernel::money::with_digits(&earnings.to, digits),
            jobs: earnings.jobs,
            gross: earnings.gross,
            net: earnings.net,
            balance: earnings.balance,
            lines: earnings
                .lines
                .iter()
                .take(LINES)
                .map(|l| LineView::of(locale, l))
                .collect(),
            more: earnings.lines.len() > LINES,
        },
        can_payout,
        payout: payout.unwrap_or_else(PayoutDraft::fresh),
        reviews: reviews.iter().map(|r| ReviewView::of(locale, r)).collect(),
        reviews_total,
    };
    (status, page).into_response()
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
    render_detail(&state, &ctx, &caller, &csrf, id, None, StatusCode::OK).await
}

/// The payout's errors: more than owed is the amount field's, in a rep's
/// words.
fn payout_errors(ctx: &WebCtx, e: &ApiError) -> Errors {
    if let ApiError::Unprocessable { code, .. } = e
        && *code == "PAYOUT_EXCEEDS_BALANCE"
    {
        let more = Message::new("arp-payout-exceeds");
        let mut errors = Errors::none();
        errors.merge(&FieldErrors::single("amount", more.clone()), ctx.locale);
        errors.form = Some(more.render(ctx.locale));
        return errors;
    }
    Errors::from_api(e, ctx.locale)
}

/// Records a bank transfer to the rep: the amount typed in SAR (exactly,
/// as halalas) and the transfer's reference. The service checks
/// `finance.manage` and that the platform owes at least that much.
pub async fn payout(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let amount_raw = f.get("amount");
    let reference = f.get("reference");
    let result = async {
        let key = form_key(&f.get("idempotencyKey"))?;
        let mut shape = FieldErrors::new();
        let amount = amount_of(&amount_raw, &mut shape);
        let req = RepPayout {
            amount,
            reference: reference.trim().to_owned(),
        };
        validated(&req, shape)?;
        jobs::payout(&state, &caller, &key, id, &req).await?;
        Ok::<_, ApiError>(amount)
    }
    .await;
    match result {
        Ok(amount) => shared::redirect_with_toast(
            &format!("{}/reps/{id}", ctx.admin_base()),
            &Message::new("arp-toast-paid")
                .arg("amount", kernel::money::format(ctx.locale, amount))
                .render(ctx.locale),
        ),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::Conflict { .. }
            | ApiError::BadRequest(_)),
        ) => {
            // A fresh key: the refused attempt stored nothing under the old one.
            let draft = PayoutDraft {
                amount: amount_raw,
                reference,
                errors: payout_errors(&ctx, &e),
                ..PayoutDraft::fresh()
            };
            render_detail(&state, &ctx, &caller, &csrf, id, Some(draft), e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
