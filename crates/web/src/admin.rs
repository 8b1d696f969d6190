//! The admin dashboard: OTP sign-in with a cookie session, and the users page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use app::AppState;
use app::admin::model::UserQuery;
use app::admin::permissions::{Permission, holds};
use app::auth::Caller;
use app::identity::model::{Role, User, UserStatus};
use app::identity::service as identity;
use kernel::ApiError;
use kernel::i18n::Message;
use kernel::phone::Phone;

use crate::chrome::{Chrome, WebCtx};

const SESSION_COOKIE: &str = "qitaa_admin_session";
const CSRF_COOKIE: &str = "qitaa_csrf";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/sign-in", get(sign_in_page).post(send_code))
        .route("/sign-in/verify", post(verify_code))
        .route("/sign-out", post(sign_out))
        .route("/users", get(users_page))
        .route("/users/{id}/suspend", post(suspend))
        .route("/users/{id}/reactivate", post(reactivate))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/sign_in.html")]
struct SignIn {
    c: Chrome,
    base: &'static str,
    form_csrf: String,
    phone: Option<String>,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    status: u16,
    message: String,
    back: String,
}

fn chrome(ctx: &WebCtx, csrf: &str) -> Chrome {
    Chrome {
        locale: ctx.locale,
        csrf: csrf.to_owned(),
    }
}

fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
    let status = e.status();
    let page = ErrorPage {
        c: chrome(ctx, ""),
        status: status.as_u16(),
        message: e.message().render(ctx.locale),
        back: format!("{}/users", ctx.admin_base()),
    };
    (status, page).into_response()
}

/// The signed-in admin, or a redirect to the sign-in page.
async fn session(state: &AppState, ctx: &WebCtx) -> Result<(Caller, String), Response> {
    let to_sign_in = || Redirect::to(&format!("{}/sign-in", ctx.admin_base())).into_response();
    let Some(cookie) = ctx.jar.get(SESSION_COOKIE) else {
        return Err(to_sign_in());
    };
    match identity::web_session(state, cookie.value(), ctx.client.clone()).await {
        Ok(Some((caller, csrf))) if caller.role.is_admin() => Ok((caller, csrf)),
        Ok(_) => Err(to_sign_in()),
        Err(e) => Err(error_page(ctx, e)),
    }
}

/// Constant-time enough for tokens of equal length: compares every byte.
fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty()
        && a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn csrf_failed(ctx: &WebCtx) -> Response {
    error_page(
        ctx,
        ApiError::Denied {
            code: "CSRF_FAILED",
            message: Message::new("web-csrf-failed"),
        },
    )
}

async fn home(state: State<AppState>, ctx: WebCtx) -> Response {
    match session(&state, &ctx).await {
        Ok(_) => Redirect::to(&format!("{}/users", ctx.admin_base())).into_response(),
        Err(r) => r,
    }
}

/// Before sign-in there is no session to bind a CSRF token to, so the form
/// carries a copy of a random cookie (double submit).
fn anonymous_csrf(ctx: &WebCtx) -> (String, Option<axum_extra::extract::cookie::Cookie<'static>>) {
    match ctx.jar.get(CSRF_COOKIE) {
        Some(c) if c.value().len() >= 32 => (c.value().to_owned(), None),
        _ => {
            let token = app::identity::tokens::random_token();
            let cookie = ctx.cookie(CSRF_COOKIE, token.clone(), 3600);
            (token, Some(cookie))
        }
    }
}

fn sign_in_form(
    ctx: &WebCtx,
    phone: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let (csrf, cookie) = anonymous_csrf(ctx);
    let page = SignIn {
        c: chrome(ctx, ""),
        base: ctx.admin_base(),
        form_csrf: csrf,
        phone,
        error,
    };
    let jar = match cookie {
        Some(c) => ctx.jar.clone().add(c),
        None => ctx.jar.clone(),
    };
    (status, jar, page).into_response()
}

async fn sign_in_page(ctx: WebCtx) -> Response {
    sign_in_form(&ctx, None, None, StatusCode::OK)
}

#[derive(Deserialize)]
struct PhoneForm {
    #[serde(default)]
    phone: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

fn form_csrf_ok(ctx: &WebCtx, sent: &str) -> bool {
    ctx.jar
        .get(CSRF_COOKIE)
        .is_some_and(|c| same_token(c.value(), sent))
}

async fn send_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<PhoneForm>,
) -> Response {
    if !form_csrf_ok(&ctx, &form.csrf) {
        return csrf_failed(&ctx);
    }
    let Some(phone) = Phone::parse(&form.phone) else {
        let msg = Message::new("validation-phone").render(ctx.locale);
        return sign_in_form(&ctx, None, Some(msg), StatusCode::UNPROCESSABLE_ENTITY);
    };
    match identity::request_otp(&state, &phone, &ctx.client).await {
        Ok(_) => sign_in_form(&ctx, Some(phone.to_string()), None, StatusCode::OK),
        Err(e) => {
            let status = e.status();
            sign_in_form(&ctx, None, Some(e.message().render(ctx.locale)), status)
        }
    }
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn verify_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    if !form_csrf_ok(&ctx, &form.csrf) {
        return csrf_failed(&ctx);
    }
    let Some(phone) = Phone::parse(&form.phone) else {
        let msg = Message::new("validation-phone").render(ctx.locale);
        return sign_in_form(&ctx, None, Some(msg), StatusCode::UNPROCESSABLE_ENTITY);
    };
    let code: String = form
        .code
        .trim()
        .chars()
        .filter_map(kernel::phone::ascii_digit)
        .collect();
    match identity::verify_otp_web(&state, &phone, &code, &ctx.client, Role::is_admin).await {
        Ok((cookie, _user)) => {
            let ttl = state.config.tokens.web_session_ttl.as_secs() as i64;
            let jar = ctx.jar.clone().add(ctx.cookie(SESSION_COOKIE, cookie, ttl));
            (jar, Redirect::to(&format!("{}/users", ctx.admin_base()))).into_response()
        }
        Err(ApiError::Forbidden) => {
            let msg = Message::new("web-admin-not-admin").render(ctx.locale);
            sign_in_form(&ctx, None, Some(msg), StatusCode::FORBIDDEN)
        }
        Err(e) => {
            let status = e.status();
            sign_in_form(
                &ctx,
                Some(phone.to_string()),
                Some(e.message().render(ctx.locale)),
                status,
            )
        }
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn sign_out(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CsrfForm>,
) -> Response {
    let (caller, csrf) = match session(&state, &ctx).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !same_token(&csrf, &form.csrf) {
        return csrf_failed(&ctx);
    }
    if let Err(e) = identity::web_sign_out(&state, &caller).await {
        return error_page(&ctx, e);
    }
    let jar = ctx
        .jar
        .clone()
        .remove(axum_extra::extract::cookie::Cookie::build(SESSION_COOKIE).path("/"));
    (jar, Redirect::to(&format!("{}/sign-in", ctx.admin_base()))).into_response()
}

/// One table row, as the template shows it.
struct Row {
    id: String,
    name: String,
    phone: String,
    role: &'static str,
    status: &'static str,
    joined: String,
    can_manage: bool,
}

/// What the caller may do to others, worked out once per page.
struct Powers {
    me: uuid::Uuid,
    super_admin: bool,
    manage_users: bool,
    manage_admins: bool,
}

impl Powers {
    async fn of(state: &AppState, caller: &Caller) -> Result<Powers, ApiError> {
        Ok(Powers {
            me: caller.user_id,
            super_admin: caller.role == Role::SuperAdmin,
            manage_users: holds(state, caller, Permission::UsersManage).await?,
            manage_admins: holds(state, caller, Permission::AdminsManage).await?,
        })
    }

    fn row(&self, u: User) -> Row {
        let can_manage = self.manage_users
            && u.id != self.me
            && u.status != UserStatus::Deleted
            && match u.role {
                Role::SuperAdmin => self.super_admin,
                Role::Admin => self.manage_admins,
                _ => true,
            };
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
struct UsersFilter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

async fn users_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(f): Query<UsersFilter>,
) -> Response {
    let (caller, csrf) = match session(&state, &ctx).await {
        Ok(s) => s,
        Err(r) => return r,
    };
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
    let c = chrome(&ctx, &csrf);
    let page_label = Message::new("web-admin-page")
        .arg("page", i64::from(meta.page))
        .arg("pages", pages)
        .render(ctx.locale);
    UsersPage {
        c,
        base,
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

fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
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
    let (caller, csrf) = match session(state, ctx).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !same_token(&csrf, sent) {
        return csrf_failed(ctx);
    }
    let Ok(id) = uuid::Uuid::parse_str(id) else {
        return error_page(ctx, ApiError::NotFound);
    };
    let result = async {
        let user = if suspend {
            let reason = headers
                .get("hx-prompt")
                .and_then(|v| v.to_str().ok())
                .map(percent_decode)
                .unwrap_or_default();
            app::admin::service::suspend(state, &caller, id, Some(&reason)).await?
        } else {
            app::admin::service::reactivate(state, &caller, id).await?
        };
        Ok::<_, ApiError>((Powers::of(state, &caller).await?, user))
    }
    .await;
    match result {
        Ok((powers, user)) => UserRow {
            c: chrome(ctx, &csrf),
            base: ctx.admin_base(),
            row: powers.row(user),
        }
        .into_response(),
        Err(e) => error_page(ctx, e),
    }
}

/// htmx sends the prompt's answer URI-encoded when it is not plain ASCII.
fn percent_decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn suspend(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    row_action(&state, &ctx, &headers, &id, true).await
}

async fn reactivate(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    row_action(&state, &ctx, &headers, &id, false).await
}
