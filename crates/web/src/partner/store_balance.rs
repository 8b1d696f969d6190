//! A store's balance with the platform and the entries that made it (sales
//! settled, commission and its VAT, cash collected, payouts), for its owner.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use kernel::i18n::try_t;

use super::{Session, StoreNav, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::sar_grouped;
use crate::shared::{Pager, when};
use crate::signin::Signed;

pub struct Line {
    pub when: String,
    pub kind: String,
    pub memo: String,
    pub amount: String,
    pub credit: bool,
    pub after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/store_balance.html")]
struct BalancePage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    balance: String,
    owed_to_store: bool,
    lines: Vec<Line>,
    pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<u32>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let page = q.page.unwrap_or(1).clamp(1, 10_000);
    match app::ledger::service::owner_statement(&state, &caller, id, page, 25).await {
        Ok((balance, entries, meta)) => {
            let c = chrome(&ctx, &csrf);
            let base = ctx.partner_base();
            let lines = entries
                .iter()
                .map(|e| Line {
                    when: when(ctx.locale, e.created_at),
                    // A movement with no label of its own shows its memo alone.
                    kind: try_t(
                        ctx.locale,
                        &format!("ds-ledger-{}", e.kind.replace('_', "-")),
                    )
                    .unwrap_or_default(),
                    memo: e.memo.clone(),
                    amount: sar_grouped(&c, e.amount),
                    credit: e.amount >= 0,
                    after: sar_grouped(&c, e.balance_after),
                })
                .collect();
            BalancePage {
                balance: sar_grouped(&c, balance.balance),
                owed_to_store: balance.balance >= 0,
                c,
                base,
                section: "stores",
                tab: "balance",
                store: nav,
                lines,
                pager: Pager::new(&ctx, &meta, |p| {
                    format!("{base}/stores/{id}/balance?page={p}")
                }),
            }
            .into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}
