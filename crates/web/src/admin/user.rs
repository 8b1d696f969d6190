//! One user's page (`users.view`): the profile, the account card with
//! suspend (a reason asked for) and reactivate (htmx, through the users
//! list's own actions), the wallet's balance (`finance.manage`) and their
//! latest orders (`orders.manage`), each shown only to those who may see it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use app::AppState;
use app::admin::permissions::{self, Permission};
use app::identity::model::User;
use app::orders::model::OrderQuery;
use app::orders::service::{self as orders, Viewer};
use app::wallet::service::{self as wallet, Whose};
use kernel::ApiError;
use kernel::ids::parse_id;

use super::users::Powers;
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::partner::orders::OrderView;
use crate::shared;
use crate::signin;

/// The id of the account card, which the suspend and reactivate actions
/// swap (their `HX-Target`).
pub const ACCOUNT_CARD: &str = "user-account";

/// How many of the user's orders the page lists.
const RECENT_ORDERS: u32 = 5;

/// The account card: status, why, and what the caller may do.
pub struct Account {
    id: String,
    name: String,
    status: &'static str,
    reason: Option<String>,
    can_manage: bool,
}

impl Account {
    fn of(u: &User, can_manage: bool) -> Account {
        Account {
            id: u.id.to_string(),
            name: u.name.clone().unwrap_or_default(),
            status: u.status.as_str(),
            reason: u.status_reason.clone().filter(|r| !r.trim().is_empty()),
            can_manage,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_account.html")]
struct AccountCard {
    c: Chrome,
    base: &'static str,
    account: Account,
    /// With the page's status badges, swapped out of band.
    oob: bool,
}

/// The account card as the page shows it (also the answer of its actions).
pub fn account_card(ctx: &WebCtx, csrf: &str, u: &User, can_manage: bool) -> Response {
    AccountCard {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        account: Account::of(u, can_manage),
        oob: true,
    }
    .into_response()
}

/// The latest orders and how many there are in all.
pub struct Orders {
    rows: Vec<OrderView>,
    total: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user.html")]
struct UserPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    id: String,
    name: String,
    phone: String,
    email: String,
    role: &'static str,
    status: &'static str,
    language: &'static str,
    joined: String,
    last_sign_in: String,
    deletion_requested: String,
    account: Account,
    /// The account card's header badges are swapped out of band (never on the page itself).
    oob: bool,
    /// `None`: the caller may not see wallets (`finance.manage`).
    balance: Option<String>,
    /// `None`: the caller may not see orders (`orders.manage`).
    orders: Option<Orders>,
    activity: Activity,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let loaded = async {
        let id = parse_id(&id)?;
        let user = app::admin::service::user(&state, &caller, id).await?;
        let powers = Powers::of(&state, &caller).await?;
        // What else the page shows follows the caller's permissions; the
        // services still decide.
        let held = permissions::held(&state, &caller).await?;
        let balance = if held.contains(&Permission::FinanceManage) {
            Some(
                wallet::wallet(&state, &caller, Whose::User(id))
                    .await?
                    .balance,
            )
        } else {
            None
        };
        let orders = if held.contains(&Permission::OrdersManage) {
            let q = OrderQuery {
                status: None,
                store_id: None,
                customer_id: Some(id),
                number: None,
                page: Some(1),
                per_page: Some(RECENT_ORDERS),
                sort: Some("-createdAt".into()),
            };
            Some(orders::list(&state, &caller, Viewer::Admin, &q).await?)
        } else {
            None
        };
        let activity = app::admin::activity::activity(&state, &caller, id).await?;
        Ok::<_, ApiError>((user, powers, balance, orders, activity))
    }
    .await;
    let (user, powers, balance, orders, activity) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    let can_manage = powers.can_manage(&user);
    UserPage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "users",
        id: user.id.to_string(),
        name: user.name.clone().unwrap_or_default(),
        phone: shared::phone(&user.phone),
        email: user.email.clone().unwrap_or_default(),
        role: user.role.as_str(),
        status: user.status.as_str(),
        language: user.locale.code(),
        joined: shared::when(locale, user.created_at),
        last_sign_in: user
            .last_login_at
            .map(|t| shared::when(locale, t))
            .unwrap_or_default(),
        deletion_requested: user
            .deletion_requested_at
            .map(|t| shared::when(locale, t))
            .unwrap_or_default(),
        account: Account::of(&user, can_manage),
        oob: false,
        balance: balance.map(|b| kernel::money::format(locale, b)),
        orders: orders.map(|(list, meta)| Orders {
            rows: list.iter().map(|o| OrderView::of(o, locale)).collect(),
            total: meta.total,
        }),
        activity: Activity::of(&activity, locale),
    }
    .into_response()
}

/// One sign-in as the activity card lists it.
pub struct SignInRow {
    when: String,
    kind: String,
    ip: String,
    browser: String,
    open: bool,
    ended: String,
}

pub struct DeviceRow {
    platform: String,
    app: String,
    since: String,
}

pub struct ActionRow {
    when: String,
    action: String,
    entity: String,
}

/// The user's activity: sign-ins, devices and (with `audit.view`) actions.
pub struct Activity {
    open_sessions: i64,
    sign_ins: Vec<SignInRow>,
    devices: Vec<DeviceRow>,
    actions: Option<Vec<ActionRow>>,
}

/// The browser and system from a user agent, short enough for a cell.
fn browser(agent: &str) -> String {
    let named = [
        "Edg/", "OPR/", "Chrome/", "Firefox/", "Safari/", "okhttp", "Dart/", "curl/",
    ]
    .iter()
    .find(|n| agent.contains(**n))
    .map(|n| n.trim_end_matches('/').to_owned());
    let system = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .iter()
        .find(|s| agent.contains(**s))
        .map(|s| (*s).to_owned());
    match (named, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b,
        (None, Some(s)) => s,
        (None, None) => agent.chars().take(40).collect(),
    }
}

impl Activity {
    fn of(a: &app::admin::activity::UserActivity, locale: kernel::Locale) -> Activity {
        Activity {
            open_sessions: a.open_sessions as i64,
            sign_ins: a
                .sign_ins
                .iter()
                .map(|s| SignInRow {
                    when: shared::when(locale, s.created_at),
                    kind: s.kind.clone(),
                    ip: s.ip.clone().unwrap_or_default(),
                    browser: s.user_agent.as_deref().map(browser).unwrap_or_default(),
                    open: s.revoked_at.is_none(),
                    ended: s
                        .revoked_at
                        .map(|t| shared::when(locale, t))
                        .unwrap_or_default(),
                })
                .collect(),
            devices: a
                .devices
                .iter()
                .map(|d| DeviceRow {
                    platform: serde_json::to_value(d.platform)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    app: serde_json::to_value(d.app)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    since: shared::when(locale, d.created_at),
                })
                .collect(),
            actions: a.actions.as_ref().map(|list| {
                list.iter()
                    .map(|e| ActionRow {
                        when: shared::when(locale, e.created_at),
                        action: e.action.clone(),
                        entity: e.entity_type.clone(),
                    })
                    .collect()
            }),
        }
    }
}
