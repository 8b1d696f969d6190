//! The account's lists: favorites (saved parts and stores, removed through
//! htmx), the wallet (balance and its movements, credits and debits apart)
//! and the notification centre (the in-app inbox, unread marked, read one
//! by one or all at once through htmx). htmx actions answer with the page
//! (the client swaps the list) and a toast.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::customer::model::{Favorite, FavoriteQuery, FavoriteType};
use app::customer::service as customer;
use app::idempotency::IdempotencyKey;
use app::ledger::model::EntryLine;
use app::notifications::model::{InboxItem, InboxQuery};
use app::notifications::service as notifications;
use app::wallet::model::HistoryQuery;
use app::wallet::service::{self as wallet, Whose};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, Locale, Meta};

use super::account::{account_ui, account_url, date, htmx_error};
use super::{Ui, acting, app_base, error_page, is_htmx};
use crate::chrome::WebCtx;
use crate::forms::{Fields, parse_int};
use crate::shared;
use crate::signin;

const PER_PAGE: u32 = 20;

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: String,
}

impl PageQuery {
    fn page(&self) -> u32 {
        parse_int::<u32>(&self.page)
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }
}

/// Previous/next links of an account list, with "page 2 of 5".
pub struct Paging {
    pub page: u32,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub label: String,
}

impl Paging {
    fn of(ctx: &WebCtx, meta: &Meta, path: &str) -> Paging {
        let pages = meta.total_pages.max(1);
        let link = |p: u32| format!("{}?page={p}", account_url(ctx, path));
        Paging {
            page: meta.page,
            prev: (meta.page > 1).then(|| link(meta.page - 1)),
            next: (i64::from(meta.page) < pages).then(|| link(meta.page + 1)),
            label: Message::new("app-page-of")
                .arg("page", i64::from(meta.page))
                .arg("pages", pages)
                .render(ctx.locale),
        }
    }

    pub fn shown(&self) -> bool {
        self.prev.is_some() || self.next.is_some()
    }
}

/// The form of an htmx action: its CSRF token is checked by [`acting`].
async fn acting_with(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    fields: Vec<(String, String)>,
) -> Result<(Caller, String), Response> {
    let f = Fields(fields);
    acting(state, ctx, headers, Some(&f.get("_csrf"))).await
}

/// An htmx action's answer: the page again with a toast; a plain form
/// goes back to the page.
fn answered(
    ctx: &WebCtx,
    headers: &HeaderMap,
    page: Response,
    path: &str,
    message: &str,
) -> Response {
    if is_htmx(headers) {
        shared::with_toast(page, message, "success")
    } else {
        shared::redirect_with_toast(&account_url(ctx, path), message)
    }
}

// ---------------------------------------------------------------- favorites

pub struct FavoriteView {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    pub price: Option<i64>,
    pub link: Option<String>,
    pub saved: String,
}

impl FavoriteView {
    fn of(f: Favorite, ctx: &WebCtx) -> FavoriteView {
        let base = app_base(ctx);
        let link = match f.kind {
            FavoriteType::Product => Some(format!("{base}/products/{}", f.id)),
            FavoriteType::Store => None,
        };
        FavoriteView {
            kind: f.kind.as_str(),
            id: f.id.to_string(),
            name: match ctx.locale {
                Locale::Ar => f.name_ar,
                Locale::En => f.name_en,
            },
            price: f.price,
            link,
            saved: date(ctx, f.created_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/favorites.html")]
struct FavoritesPage {
    u: Ui,
    products: Vec<FavoriteView>,
    stores: Vec<FavoriteView>,
    paging: Paging,
}

async fn render_favorites(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    page: u32,
) -> Response {
    let q = FavoriteQuery {
        kind: None,
        page: Some(page),
        per_page: Some(PER_PAGE),
    };
    let (rows, meta) = match customer::favorites(state, caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (products, stores): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .map(|f| FavoriteView::of(f, ctx))
        .partition(|f| f.kind == "product");
    FavoritesPage {
        u: account_ui(state, ctx, caller, csrf).await,
        products,
        stores,
        paging: Paging::of(ctx, &meta, "/favorites"),
    }
    .into_response()
}

/// `GET /app/account/favorites`.
pub async fn favorites(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<PageQuery>,
) -> Response {
    render_favorites(&state, &ctx, &caller, &csrf, q.page()).await
}

/// `POST /app/account/favorites/{type}/{id}/remove`.
pub async fn remove_favorite(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf) = match acting_with(&state, &ctx, &headers, fields).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let removed = async {
        let kind = FavoriteType::from_path(&kind)?;
        customer::remove_favorite(&state, &caller, kind, parse_id(&id)?).await
    }
    .await;
    match removed {
        Ok(()) => {
            let page = render_favorites(&state, &ctx, &caller, &csrf, 1).await;
            let message = Message::new("web-account-favorite-removed").render(ctx.locale);
            answered(&ctx, &headers, page, "/favorites", &message)
        }
        Err(e) if is_htmx(&headers) => htmx_error(&ctx, e),
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- wallet

pub struct EntryView {
    pub kind: String,
    pub credit: bool,
    /// Without its sign (the sign is written by the template, apart).
    pub amount: i64,
    pub balance_after: i64,
    pub at: String,
    pub memo: String,
    pub order: Option<String>,
}

/// Wallet movements customers meet, in their words; anything else is a
/// "wallet movement".
fn entry_kind(locale: Locale, kind: &str) -> String {
    let key = match kind {
        "wallet_credit" | "wallet_debit" | "cashback" | "referral_reward" | "payment_captured"
        | "refund" => {
            format!("web-account-wallet-kind-{kind}")
        }
        _ => "web-account-wallet-kind-other".to_owned(),
    };
    kernel::i18n::t(locale, &key)
}

impl EntryView {
    fn of(e: EntryLine, ctx: &WebCtx) -> EntryView {
        let order = match (e.target_kind.as_deref(), e.target_id) {
            (Some("order"), Some(id)) => Some(format!("{}/orders/{id}", app_base(ctx))),
            _ => None,
        };
        EntryView {
            kind: entry_kind(ctx.locale, &e.kind),
            credit: e.amount >= 0,
            amount: e.amount.abs(),
            balance_after: e.balance_after,
            at: date(ctx, e.created_at),
            memo: e.memo.trim().to_owned(),
            order,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/wallet.html")]
struct WalletPage {
    u: Ui,
    balance: i64,
    total: i64,
    entries: Vec<EntryView>,
    paging: Paging,
    /// The top-up form: the amount typed (SAR), its error, and the key a
    /// double submit replays.
    topup_amount: String,
    topup_error: String,
    topup_key: String,
    /// Card top-ups need a card gateway.
    can_top_up: bool,
}

/// `GET /app/account/wallet`.
pub async fn wallet_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<PageQuery>,
) -> Response {
    render_wallet(&state, &ctx, &caller, &csrf, q.page(), None).await
}

/// The wallet page; `topup` is a refused top-up form (its amount and error).
pub(super) async fn render_wallet(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    page: u32,
    topup: Option<(String, String, http::StatusCode)>,
) -> Response {
    let history = HistoryQuery {
        page: Some(page),
        per_page: Some(PER_PAGE),
    };
    let loaded = async {
        let w = wallet::wallet(state, caller, Whose::Own).await?;
        let (rows, meta) = wallet::history(state, caller, Whose::Own, &history).await?;
        Ok::<_, ApiError>((w.balance, rows, meta))
    }
    .await;
    let (balance, rows, meta) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (topup_amount, topup_error, status) =
        topup.unwrap_or((String::new(), String::new(), http::StatusCode::OK));
    let page = WalletPage {
        u: account_ui(state, ctx, caller, csrf).await,
        balance,
        total: meta.total,
        paging: Paging::of(ctx, &meta, "/wallet"),
        entries: rows.into_iter().map(|e| EntryView::of(e, ctx)).collect(),
        topup_amount,
        topup_error,
        topup_key: Uuid::new_v4().to_string(),
        can_top_up: state.gateway.is_configured(),
    };
    (status, page).into_response()
}

// ---------------------------------------------------------------- notifications

pub struct NoticeView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub read: bool,
    pub at: String,
    pub order: Option<String>,
}

impl NoticeView {
    fn of(n: InboxItem, ctx: &WebCtx) -> NoticeView {
        let order = n.data["orderId"]
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .map(|id| format!("{}/orders/{id}", app_base(ctx)));
        NoticeView {
            id: n.id.to_string(),
            title: n.title,
            body: n.body,
            read: n.read,
            at: date(ctx, n.created_at),
            order,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/notifications.html")]
struct InboxPage {
    u: Ui,
    notices: Vec<NoticeView>,
    unread: i64,
    paging: Paging,
}

async fn render_inbox(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    page: u32,
) -> Response {
    let q = InboxQuery {
        unread: None,
        page: Some(page),
        per_page: Some(PER_PAGE),
    };
    let (rows, meta) = match notifications::inbox(state, caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    InboxPage {
        u: account_ui(state, ctx, caller, csrf).await,
        unread: meta
            .extra
            .get("unread")
            .and_then(|v| v.as_i64())
            .unwrap_or(0),
        paging: Paging::of(ctx, &meta, "/notifications"),
        notices: rows.into_iter().map(|n| NoticeView::of(n, ctx)).collect(),
    }
    .into_response()
}

/// `GET /app/account/notifications`.
pub async fn inbox(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<PageQuery>,
) -> Response {
    render_inbox(&state, &ctx, &caller, &csrf, q.page()).await
}

/// `POST /app/account/notifications/{id}/read`.
pub async fn mark_read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let page_no = Fields(fields.clone()).get("page");
    let (caller, csrf) = match acting_with(&state, &ctx, &headers, fields).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let marked = match parse_id(&id) {
        Ok(id) => notifications::mark_read(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match marked {
        Ok(_) => {
            let page_no = PageQuery { page: page_no }.page();
            let page = render_inbox(&state, &ctx, &caller, &csrf, page_no).await;
            let message = Message::new("web-account-notification-marked").render(ctx.locale);
            answered(&ctx, &headers, page, "/notifications", &message)
        }
        Err(e) if is_htmx(&headers) => htmx_error(&ctx, e),
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /app/account/notifications/read-all`.
pub async fn mark_all_read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf) = match acting_with(&state, &ctx, &headers, fields).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match notifications::mark_all_read(&state, &caller).await {
        Ok(done) => {
            let page = render_inbox(&state, &ctx, &caller, &csrf, 1).await;
            let message = Message::new("web-account-notifications-marked-all")
                .arg("count", done.marked)
                .render(ctx.locale);
            answered(&ctx, &headers, page, "/notifications", &message)
        }
        Err(e) if is_htmx(&headers) => htmx_error(&ctx, e),
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- top-up

/// `POST /app/account/wallet/top-up`: an amount in SAR goes to the card
/// gateway's hosted page (its return lands on the wallet); the form's own
/// `Idempotency-Key` makes a double submit one top-up.
pub async fn top_up(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let typed = f.get("amount");
    let key = f.get("key");
    let key = if !key.is_empty() && key.len() <= 200 && key.bytes().all(|b| b.is_ascii_graphic()) {
        key
    } else {
        Uuid::new_v4().to_string()
    };
    let result = async {
        let Some(amount) = crate::forms::parse_sar(&typed) else {
            return Err(ApiError::Validation(kernel::FieldErrors::single(
                "amount",
                Message::new("validation-type"),
            )));
        };
        let req = app::wallet::model::TopUpInput { amount };
        kernel::validation::Validate::validate(&req)?;
        app::wallet::topup::create(&state, &caller, &IdempotencyKey(key), &req).await
    }
    .await;
    match result {
        Ok(replay) => match replay.body["data"]["paymentUrl"].as_str() {
            Some(url) if replay.status.is_success() => super::see_other(url),
            _ => super::see_other(&format!("{}/account/wallet", app_base(&ctx))),
        },
        Err(e @ ApiError::Internal(_)) => error_page(&ctx, e),
        Err(e) => {
            let errors = crate::forms::Errors::from_api(&e, ctx.locale);
            let message = Some(errors.of("amount"))
                .filter(|m| !m.is_empty())
                .or(errors.form)
                .unwrap_or_default();
            render_wallet(
                &state,
                &ctx,
                &caller,
                &csrf,
                1,
                Some((typed, message, e.status())),
            )
            .await
        }
    }
}
