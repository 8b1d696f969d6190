//! The users page: search, filters, paging, suspend and reactivate via htmx.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::admin::model::UserQuery;
use app::admin::permissions::Permission;
use app::auth::Caller;
use app::identity::model::{Role, User, UserStatus};
use kernel::ApiError;
use kernel::i18n::Message;

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{prompt, urlencode};
use crate::signin;

/// One table row, as the template shows it.
pub struct Row {
    id: String,
    name: String,
    phone: String,
    role: &'static str,
    status: &'static str,
    joined: String,
    can_manage: bool,
}

/// What the caller may do to others, worked out once per page.
pub(super) struct Powers {
    me: uuid::Uuid,
    super_admin: bool,
    manage_users: bool,
    manage_admins: bool,
}

impl Powers {
    pub(super) async fn of(state: &AppState, caller: &Caller) -> Result<Powers, ApiError> {
        let held = app::admin::permissions::held(state, caller).await?;
        Ok(Powers {
            me: caller.user_id,
            super_admin: caller.role == Role::SuperAdmin,
            manage_users: held.contains(&Permission::UsersManage),
            manage_admins: held.contains(&Permission::AdminsManage),
        })
    }

    /// Whether the caller may suspend or reactivate `u`.
    pub(super) fn can_manage(&self, u: &User) -> bool {
        self.manage_users
            && u.id != self.me
            && u.status != UserStatus::Deleted
            && match u.role {
                Role::SuperAdmin => self.super_admin,
                Role::Admin => self.manage_admins,
                _ => true,
            }
    }

    fn row(&self, u: User) -> Row {
        let can_manage = self.can_manage(&u);
        Row {
            id: u.id.to_string(),
            name: u.name.unwrap_or_default(),
            phone: u.phone,
            role: u.role.as_str(),
            status: u.status.as_str(),
            joined: u.created_at.date().to_string(),
            can_manage,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
struct UsersPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    q: String,
    /// Options of the filters: value and whether it is selected.
    roles: Vec<(&'static str, bool)>,
    statuses: Vec<(&'static str, bool)>,
    rows: Vec<Row>,
    page_label: String,
    prev_link: Option<String>,
    next_link: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct UsersFilter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<UsersFilter>,
) -> Response {
    let role = Role::ALL.into_iter().find(|r| r.as_str() == f.role);
    let status = UserStatus::ALL.into_iter().find(|s| s.as_str() == f.status);
    let query = UserQuery {
        q: Some(f.q.clone()).filter(|q| !q.trim().is_empty()),
        role,
        status,
        page: f.page,
        per_page: Some(20),
        sort: None,
    };
    let result = async {
        let powers = Powers::of(&state, &caller).await?;
        let (users, meta) = app::admin::service::list_users(&state, &caller, &query).await?;
        Ok::<_, ApiError>((powers, users, meta))
    }
    .await;
    let (powers, users, meta) = match result {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let link = |page: u32| {
        let mut url = format!("{base}/users?page={page}");
        for (k, v) in [("q", &f.q), ("role", &f.role), ("status", &f.status)] {
            if !v.is_empty() {
                url.push_str(&format!("&{k}={}", urlencode(v)));
            }
        }
        url
    };
    let pages = meta.total_pages.max(1);
    let page_label = Message::new("web-admin-page")
        .arg("page", i64::from(meta.page))
        .arg("pages", pages)
        .render(ctx.locale);
    UsersPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "users",
        q: f.q.clone(),
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str(), r.as_str() == f.role))
            .collect(),
        statuses: UserStatus::ALL
            .iter()
            .filter(|s| **s != UserStatus::Deleted)
            .map(|s| (s.as_str(), s.as_str() == f.status))
            .collect(),
        rows: users.into_iter().map(|u| powers.row(u)).collect(),
        page_label,
        prev_link: (meta.page > 1).then(|| link(meta.page - 1)),
        next_link: (i64::from(meta.page) < pages).then(|| link(meta.page + 1)),
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_row.html")]
struct UserRow {
    c: Chrome,
    base: &'static str,
    row: Row,
}

/// htmx actions carry the session's CSRF token in `X-CSRF-Token`.
async fn row_action(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    suspend: bool,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match kernel::ids::parse_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let result = async {
        let user = if suspend {
            let reason = prompt(headers);
            app::admin::service::suspend(state, &caller, id, Some(&reason)).await?
        } else {
            app::admin::service::reactivate(state, &caller, id).await?
        };
        Ok::<_, ApiError>((Powers::of(state, &caller).await?, user))
    }
    .await;
    match result {
        Ok((powers, user)) => crate::shared::with_toast(
            // The user's page swaps its account card; the list, the row.
            if super::hx::target(headers) == super::user::ACCOUNT_CARD {
                let can_manage = powers.can_manage(&user);
                super::user::account_card(ctx, &csrf, &user, can_manage)
            } else {
                UserRow {
                    c: chrome(ctx, &csrf),
                    base: ctx.admin_base(),
                    row: powers.row(user),
                }
                .into_response()
            },
            &kernel::i18n::t(
                ctx.locale,
                if suspend {
                    "ds-toast-user-suspended"
                } else {
                    "ds-toast-user-reactivated"
                },
            ),
            "success",
        ),
        Err(e) => error_page(ctx, e),
    }
}

pub async fn suspend(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    row_action(&state, &ctx, &headers, &id, true).await
}

pub async fn reactivate(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    row_action(&state, &ctx, &headers, &id, false).await
}
