//! Referrals (the permission the referrals service asks, `coupons.manage`):
//! every referral newest first with status tabs and a search by code or
//! phone, both parties, what each wallet received (the referrer's share
//! marked when the monthly cap stopped it) and Revoke with a reason (htmx,
//! the row comes back with a toast). Revoking a rewarded referral keeps its
//! money, which the confirmation says.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::referrals::model::{AdminReferral, AdminReferralQuery, ReferralStatus, RevokeReferral};
use app::referrals::service::admin as referrals;
use kernel::i18n::t;
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::common::{self, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::sar_grouped;
use crate::forms::prompt;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

impl Filter {
    fn status(&self) -> Option<ReferralStatus> {
        ReferralStatus::parse(self.status.trim())
    }

    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{base}/referrals{}",
            common::query(&[
                ("q", self.q.trim()),
                ("status", status.unwrap_or(self.status.trim())),
                ("page", &page),
            ])
        )
    }
}

/// One referral as its row shows it.
pub struct Row {
    id: String,
    code: String,
    status: &'static str,
    badge: &'static str,
    referrer: String,
    referrer_phone: String,
    referee: String,
    referee_phone: String,
    /// Empty before the reward.
    referrer_reward: String,
    referee_reward: String,
    capped: bool,
    rewarded: bool,
    reason: String,
    created: String,
}

fn row(c: &Chrome, r: &AdminReferral) -> Row {
    let rewarded = r.rewarded_at.is_some();
    let money = |v: i64| {
        if rewarded {
            sar_grouped(c, v)
        } else {
            String::new()
        }
    };
    Row {
        id: r.id.to_string(),
        code: r.code.clone(),
        status: r.status.as_str(),
        badge: match r.status {
            ReferralStatus::Pending => "scheduled",
            ReferralStatus::Rewarded => "active",
            ReferralStatus::Revoked => "bad",
        },
        referrer: r.referrer_name.clone().unwrap_or_default(),
        referrer_phone: shared::phone(&r.referrer_phone),
        referee: r.referee_name.clone().unwrap_or_default(),
        referee_phone: shared::phone(&r.referee_phone),
        referrer_reward: money(r.referrer_reward),
        referee_reward: money(r.referee_reward),
        capped: r.referrer_capped,
        rewarded,
        reason: r.revoke_reason.clone().unwrap_or_default(),
        created: shared::when(c.locale, r.created_at),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/referrals.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The status tab shown (empty: every referral), kept by the search.
    status: &'static str,
    q: String,
    tabs: Vec<(String, String, bool)>,
    filtered: bool,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/referral_row.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    r: Row,
}

/// `GET /admin/referrals`.
pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let q = AdminReferralQuery {
        status: f.status(),
        q: Some(f.q.trim().chars().take(50).collect::<String>()).filter(|q| !q.is_empty()),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match referrals::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let current = f.status().map_or("", ReferralStatus::as_str);
    let tabs = std::iter::once(("", c.t("web-admin-all")))
        .chain(
            ReferralStatus::ALL
                .into_iter()
                .map(|s| (s.as_str(), c.label("web-ref-status-", s.as_str()))),
        )
        .map(|(s, label)| (f.link(base, None, Some(s)), label, s == current))
        .collect();
    ListPage {
        base,
        section: "referrals",
        status: current,
        q: f.q.trim().to_owned(),
        tabs,
        filtered: !f.q.trim().is_empty(),
        total: c.t_count("web-ref-count", &meta.total),
        rows: items.iter().map(|r| row(&c, r)).collect(),
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None)),
        c,
    }
    .into_response()
}

/// `POST /admin/referrals/{id}/revoke`: the reason comes from the button's
/// prompt (`HX-Prompt`); the row comes back revoked, with a toast.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    let req = RevokeReferral {
        reason: prompt(&headers),
    };
    let result = match req.validate() {
        Ok(()) => referrals::revoke(&state, &caller, id, &req).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => {
            let c = chrome(&ctx, &csrf);
            let r = row(&c, &r);
            shared::with_toast(
                RowFragment {
                    c,
                    base: ctx.admin_base(),
                    r,
                }
                .into_response(),
                &t(ctx.locale, "web-ref-toast-revoked"),
                "success",
            )
        }
        Err(e) => refused(&ctx, e),
    }
}
