//! Admins and their permissions (`admins.manage`): the admins with what
//! each may do, adding an admin by phone with permissions, and changing an
//! admin's permissions. Only what the caller may grant can be ticked
//! (`admins.manage` only by a super admin); the service decides.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::admin::model::{AdminView, NewAdmin, PermissionSet};
use app::admin::permissions::Permission;
use app::admin::service as admins;
use app::auth::Caller;
use app::identity::model::Role;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared;
use crate::signin;

/// The label key of a permission: `users.view` → `adm-perm-users-view`.
fn label_key(p: Permission) -> String {
    format!("adm-perm-{}", p.slug().replace('.', "-"))
}

/// Whether the caller may hand out `p` (the service's rule).
fn grantable(caller: &Caller, p: Permission) -> bool {
    caller.role == Role::SuperAdmin || p != Permission::AdminsManage
}

/// One checkbox of the permission list.
pub struct PermBox {
    slug: &'static str,
    id: String,
    label: String,
    help: String,
    on: bool,
    /// Shown but not changeable by this caller (kept as it is).
    locked: bool,
}

fn boxes(c: &Chrome, caller: &Caller, held: &[Permission], all_locked: bool) -> Vec<PermBox> {
    Permission::ALL
        .iter()
        .map(|p| PermBox {
            slug: p.slug(),
            id: format!("perm-{}", p.slug().replace('.', "-")),
            label: c.t(&label_key(*p)),
            help: c.t(&format!("{}-help", label_key(*p))),
            on: held.contains(p),
            locked: all_locked || !grantable(caller, *p),
        })
        .collect()
}

pub struct Row {
    id: String,
    name: String,
    phone: String,
    role: &'static str,
    status: &'static str,
    perms: Vec<String>,
    more: String,
    count: String,
    last_login: String,
}

fn row(c: &Chrome, a: &AdminView) -> Row {
    let u = &a.user;
    let all = u.role == Role::SuperAdmin;
    let labels: Vec<String> = a.permissions.iter().map(|p| c.t(&label_key(*p))).collect();
    let shown = 3;
    Row {
        id: u.id.to_string(),
        name: u.name.clone().unwrap_or_default(),
        phone: shared::phone(&u.phone),
        role: u.role.as_str(),
        status: u.status.as_str(),
        perms: if all {
            vec![c.t("adm-perm-all")]
        } else {
            labels.iter().take(shown).cloned().collect()
        },
        more: if !all && labels.len() > shown {
            Message::new("adm-perm-more")
                .arg("count", (labels.len() - shown) as i64)
                .render(c.locale)
        } else {
            String::new()
        },
        count: if all {
            String::new()
        } else {
            c.t_count("adm-perm-count", &(a.permissions.len() as i64))
        },
        last_login: u
            .last_login_at
            .map(|t| shared::when(c.locale, t))
            .unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/admins.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    total: String,
    rows: Vec<Row>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let list = match admins::list_admins(&state, &caller).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    ListPage {
        base: ctx.admin_base(),
        section: "admins",
        total: c.t_count("adm-admins-count", &(list.len() as i64)),
        rows: list.iter().map(|a| row(&c, a)).collect(),
        c,
    }
    .into_response()
}

// ---------------------------------------------------------------- new admin

pub struct Draft {
    phone: String,
    name: String,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/admin_new.html")]
struct NewPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    form: Draft,
    perms: Vec<PermBox>,
}

fn render_new(
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: Draft,
    chosen: &[Permission],
    status: StatusCode,
) -> Response {
    let c = chrome(ctx, csrf);
    let perms = boxes(&c, caller, chosen, false);
    (
        status,
        NewPage {
            c,
            base: ctx.admin_base(),
            section: "admins",
            form,
            perms,
        },
    )
        .into_response()
}

pub async fn new_form(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    // The catalog is for those who grant permissions: the service says who.
    if let Err(e) = app::admin::permissions::catalog(&state, &caller).await {
        return error_page(&ctx, e);
    }
    let form = Draft {
        phone: String::new(),
        name: String::new(),
        errors: Errors::none(),
    };
    render_new(&ctx, &caller, &csrf, form, &[], StatusCode::OK)
}

fn chosen(f: &Fields) -> Vec<Permission> {
    f.all("permissions")
        .iter()
        .filter_map(|s| Permission::from_slug(s))
        .collect()
}

/// Makes the phone an admin with the ticked permissions and opens their
/// page; a refused form comes back with its errors.
pub async fn create(
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
    let body = NewAdmin {
        phone: f.get("phone"),
        name: Some(f.get("name")).filter(|n| !n.is_empty()),
        permissions: f.all("permissions"),
    };
    let result = match body.validate() {
        Ok(()) => admins::create_admin(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => shared::redirect_with_toast(
            &format!("{}/admins/{}", ctx.admin_base(), a.user.id),
            &Message::new("adm-toast-admin-added")
                .arg("phone", shared::phone(&a.user.phone))
                .render(ctx.locale),
        ),
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let mut errors = Errors::from_api(&e, ctx.locale);
            if let ApiError::Conflict { message, .. } = &e {
                errors.merge(&FieldErrors::single("phone", message.clone()), ctx.locale);
            }
            let form = Draft {
                phone: body.phone.clone(),
                name: body.name.clone().unwrap_or_default(),
                errors,
            };
            render_new(&ctx, &caller, &csrf, form, &chosen(&f), e.status())
        }
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- one admin

#[derive(Template, WebTemplate)]
#[template(path = "admin/admin.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    id: String,
    name: String,
    phone: String,
    role: &'static str,
    status: &'static str,
    joined: String,
    last_login: String,
    /// Why the permissions cannot be changed here (a super admin, oneself).
    locked_note: String,
    perms: Vec<PermBox>,
    held: String,
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
    let a = match admins::list_admins(&state, &caller).await {
        Ok(list) => match list.into_iter().find(|a| a.user.id == id) {
            Some(a) => a,
            None => return error_page(&ctx, ApiError::NotFound),
        },
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let u = &a.user;
    let locked_note = if u.role == Role::SuperAdmin {
        c.t("adm-perm-locked-super")
    } else if u.id == caller.user_id {
        c.t("adm-perm-locked-self")
    } else {
        String::new()
    };
    DetailPage {
        base: ctx.admin_base(),
        section: "admins",
        id: u.id.to_string(),
        name: u.name.clone().unwrap_or_default(),
        phone: shared::phone(&u.phone),
        role: u.role.as_str(),
        status: u.status.as_str(),
        joined: shared::when(ctx.locale, u.created_at),
        last_login: u
            .last_login_at
            .map(|t| shared::when(ctx.locale, t))
            .unwrap_or_default(),
        perms: boxes(&c, &caller, &a.permissions, !locked_note.is_empty()),
        held: c.t_count("adm-perm-count", &(a.permissions.len() as i64)),
        locked_note,
        c,
    }
    .into_response()
}

/// Sets the admin's permissions to the ticked ones (those the caller may
/// not change are sent as they were) and comes back with a toast.
pub async fn set_permissions(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let body = PermissionSet {
        permissions: f.all("permissions"),
    };
    let result = match body.validate() {
        Ok(()) => admins::set_admin_permissions(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => shared::redirect_with_toast(
            &format!("{}/admins/{}", ctx.admin_base(), a.user.id),
            &Message::new("adm-toast-permissions-saved")
                .arg("count", a.permissions.len() as i64)
                .render(ctx.locale),
        ),
        Err(e) => error_page(&ctx, e),
    }
}
