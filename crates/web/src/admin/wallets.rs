//! Finance pages (`finance.manage`): a user's wallet with its movements and
//! the credit and debit forms (reason required, audited, one
//! `Idempotency-Key` per rendered form), the CSV export of every wallet
//! movement under the cookie session, and the ledger reconciliation report.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::identity::model::User;
use app::wallet::model::{Adjustment, HistoryQuery};
use app::wallet::service::{self as wallet, Whose};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::orders::{amount_of, form_key};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, validated};
use crate::partner::orders::{sar, when};
use crate::shared::Pager;
use crate::signin;

/// Ledger transaction kinds with a translated name.
const KINDS: [&str; 11] = [
    "wallet_credit",
    "wallet_debit",
    "cashback",
    "referral_reward",
    "payment_captured",
    "refund",
    "payout",
    "cash_collected",
    "cash_retained",
    "target_settled",
    "settlement_reversed",
];

/// Ledger account kinds with a translated name.
const ACCOUNTS: [&str; 12] = [
    "customer_wallet",
    "order_escrow",
    "store_payable",
    "rep_payable",
    "gateway_clearing",
    "cash_in_transit",
    "platform_revenue",
    "vat_payable",
    "promotions_expense",
    "cashback_expense",
    "adjustments",
    "bank",
];

/// The name of a value from a fixed list, or the value itself when it is new.
fn named(locale: Locale, prefix: &str, known: &[&str], value: &str) -> String {
    if known.contains(&value) {
        kernel::i18n::t(locale, &format!("{prefix}{value}"))
    } else {
        value.to_owned()
    }
}

pub struct Movement {
    at: String,
    kind: String,
    amount: String,
    credit: bool,
    balance_after: String,
    memo: String,
}

/// A credit or debit form as sent, with its own key.
pub struct AdjustDraft {
    amount: String,
    reason: String,
    key: String,
    errors: Errors,
}

impl AdjustDraft {
    fn fresh() -> AdjustDraft {
        AdjustDraft {
            amount: String::new(),
            reason: String::new(),
            key: Uuid::new_v4().to_string(),
            errors: Errors::none(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/wallet.html")]
struct WalletPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    user_id: String,
    name: String,
    phone: String,
    role: &'static str,
    balance: String,
    total: i64,
    movements: Vec<Movement>,
    pager: Pager,
    credit: AdjustDraft,
    debit: AdjustDraft,
    done: String,
}

impl WalletPage {
    /// The credit and the debit form, in that order.
    fn forms(&self) -> [(&'static str, &AdjustDraft); 2] {
        [("credit", &self.credit), ("debit", &self.debit)]
    }
}

#[derive(Deserialize)]
pub struct WalletQuery {
    page: Option<u32>,
    #[serde(default)]
    done: String,
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    page: Option<u32>,
    credit: AdjustDraft,
    debit: AdjustDraft,
    done: String,
    status: StatusCode,
) -> Response {
    let loaded = async {
        // The balance first: it is what decides (finance.manage) who sees this.
        let balance = wallet::wallet(state, caller, Whose::User(id)).await?;
        let user = app::identity::service::user_by_id(&state.db, id)
            .await?
            .map(User::from)
            .ok_or(ApiError::NotFound)?;
        let q = HistoryQuery {
            page: Some(page.unwrap_or(1).max(1)),
            per_page: Some(20),
        };
        let (lines, meta) = wallet::history(state, caller, Whose::User(id), &q).await?;
        Ok::<_, ApiError>((user, balance, lines, meta))
    }
    .await;
    let (user, balance, lines, meta) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.admin_base();
    let locale = ctx.locale;
    let pager = Pager::new(ctx, &meta, |p| format!("{base}/wallets/{id}?page={p}"));
    let page = WalletPage {
        c: chrome(ctx, csrf),
        base,
        section: "finance",
        user_id: id.to_string(),
        name: user.name.clone().unwrap_or_default(),
        phone: user.phone.clone(),
        role: user.role.as_str(),
        balance: sar(locale, balance.balance),
        total: meta.total,
        movements: lines
            .into_iter()
            .map(|l| Movement {
                at: when(l.created_at),
                kind: named(locale, "web-orders-ledger-kind-", &KINDS, &l.kind),
                amount: sar(locale, l.amount),
                credit: l.amount >= 0,
                balance_after: sar(locale, l.balance_after),
                memo: l.memo,
            })
            .collect(),
        pager,
        credit,
        debit,
        done,
    };
    (status, page).into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
    Query(q): Query<WalletQuery>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let done = match q.done.as_str() {
        "credit" | "debit" => q.done,
        _ => String::new(),
    };
    let (credit, debit) = (AdjustDraft::fresh(), AdjustDraft::fresh());
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        id,
        q.page,
        credit,
        debit,
        done,
        StatusCode::OK,
    )
    .await
}

async fn adjust(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    fields: Vec<(String, String)>,
    credit: bool,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let draft = AdjustDraft {
        amount: f.get("amount"),
        reason: f.get("reason"),
        key: f.get("idempotencyKey"),
        errors: Errors::none(),
    };
    let result = async {
        let key = form_key(&draft.key)?;
        let mut shape = FieldErrors::new();
        let amount = amount_of(&draft.amount, &mut shape);
        let req = Adjustment {
            amount,
            reason: draft.reason.clone(),
        };
        validated(&req, shape)?;
        wallet::adjust(state, &caller, &key, id, credit, &req).await
    }
    .await;
    let which = if credit { "credit" } else { "debit" };
    match result {
        Ok(_) => {
            Redirect::to(&format!("{}/wallets/{id}?done={which}", ctx.admin_base())).into_response()
        }
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::Unprocessable { .. }
            | ApiError::BadRequest(_)),
        ) => {
            let status = e.status();
            let sent = AdjustDraft {
                errors: Errors::from_api(&e, ctx.locale),
                ..draft
            };
            let (credit_form, debit_form) = if credit {
                (sent, AdjustDraft::fresh())
            } else {
                (AdjustDraft::fresh(), sent)
            };
            render(
                state,
                ctx,
                &caller,
                &csrf,
                id,
                None,
                credit_form,
                debit_form,
                String::new(),
                status,
            )
            .await
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn credit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    adjust(&state, &ctx, &headers, &id, fields, true).await
}

pub async fn debit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    adjust(&state, &ctx, &headers, &id, fields, false).await
}

/// The CSV of every wallet movement, for the signed-in admin: the API's
/// own export (its permission check and its streamed rows), called in
/// process with a one-minute token of this web session, which never
/// leaves the server.
pub async fn export(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed {
        caller, csrf: _, ..
    }: super::Session,
) -> Response {
    match wallet::export(&state, &caller).await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"wallet-movements.csv\"",
                ),
                // Sent as it is streamed: the compression layer polls a body
                // once more after its end.
                (header::CONTENT_ENCODING, "identity"),
            ],
            Body::from_stream(rows),
        )
            .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

pub struct ReconRow {
    kind: String,
    accounts: i64,
    cached: String,
    entries: String,
    mismatched: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/finance.html")]
struct FinancePage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    ok: bool,
    unbalanced: i64,
    rows: Vec<ReconRow>,
}

/// The ledger reconciliation: cached balances against their entries, per
/// account kind, and transactions that do not balance.
pub async fn finance(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let report = match app::ledger::service::reconciliation(&state, &caller).await {
        Ok(r) => r,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    FinancePage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "finance",
        ok: report.ok,
        unbalanced: report.unbalanced_transactions,
        rows: report
            .rows
            .into_iter()
            .map(|r| ReconRow {
                kind: named(locale, "web-orders-account-", &ACCOUNTS, &r.kind),
                accounts: r.accounts,
                cached: sar(locale, r.cached_total),
                entries: sar(locale, r.entries_total),
                mismatched: r.mismatched_accounts,
            })
            .collect(),
    }
    .into_response()
}
