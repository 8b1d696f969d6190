//! The customer's account (`/app/account`): the hub with who they are, the
//! wallet's balance and a link to each account page; the profile with the
//! preferred language; and the account deletion request with its 30-day
//! grace period. Addresses, favorites, the wallet, notifications and
//! reviews have their own files (`account_*.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use time::OffsetDateTime;

use app::AppState;
use app::auth::Caller;
use app::identity::model::{ProfilePatch, User};
use app::identity::service as identity;
use app::notifications::service as notifications;
use app::wallet::service::{self as wallet, Whose};
use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::{Ui, acting, app_base, error_page, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields};
use crate::shared;
use crate::signin;

/// How long a deletion request waits before the account is deleted.
pub const GRACE_DAYS: i64 = 30;

/// The layout of an account page (the Account tab is the current one).
pub async fn account_ui(state: &AppState, ctx: &WebCtx, caller: &Caller, csrf: &str) -> Ui {
    ui(state, ctx, Some(caller), csrf, "account").await
}

/// `/app/account/…`.
pub fn account_url(ctx: &WebCtx, rest: &str) -> String {
    format!("{}/account{rest}", app_base(ctx))
}

/// A date in the page's digits (Saudi time).
pub fn date(ctx: &WebCtx, at: OffsetDateTime) -> String {
    shared::when(ctx.locale, at)
}

/// A left-to-right value inside a sentence (a toast, a banner): isolated
/// with Unicode marks, as `<bdi dir="ltr">` does in markup.
pub fn isolated(value: &str) -> String {
    format!("\u{2066}{value}\u{2069}")
}

/// A refusal of an htmx action: the error page's status (htmx swaps
/// nothing) and its message as an error toast.
pub fn htmx_error(ctx: &WebCtx, e: ApiError) -> Response {
    let message = e.message().render(ctx.locale);
    shared::with_toast(error_page(ctx, e), &message, "error")
}

/// When the account goes, for a pending deletion request.
fn deletion_day(ctx: &WebCtx, user: &User) -> Option<String> {
    user.deletion_requested_at
        .map(|at| date(ctx, at + time::Duration::days(GRACE_DAYS)))
}

// ---------------------------------------------------------------- hub

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/hub.html")]
struct HubPage {
    u: Ui,
    name: String,
    initial: String,
    phone: String,
    email: String,
    balance: i64,
    unread: i64,
    deletion_on: Option<String>,
    grace_days: i64,
    /// The marketplaces switched on: the others' links are hidden.
    on: app::settings::Marketplaces,
    invite: Option<super::account_invite::InviteCard>,
}

/// The hub's query: `ref`, a referral code from a shared link.
#[derive(serde::Deserialize, Default)]
pub struct HubQuery {
    #[serde(default, rename = "ref")]
    reference: String,
}

/// `GET /app/account`.
pub async fn hub(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<HubQuery>,
) -> Response {
    let loaded = async {
        let me = identity::me(&state, &caller).await?;
        let w = wallet::wallet(&state, &caller, Whose::Own).await?;
        let unread = notifications::unread_count(&state, &caller).await?;
        Ok::<_, ApiError>((me, w.balance, unread.count))
    }
    .await;
    let (me, balance, unread) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let name = me.name.clone().unwrap_or_default();
    let invite = super::account_invite::card(&state, &ctx, &caller, &q.reference).await;
    HubPage {
        invite,
        u: account_ui(&state, &ctx, &caller, &csrf).await,
        initial: name.chars().next().map(String::from).unwrap_or_default(),
        phone: shared::phone(&me.phone),
        email: me.email.clone().unwrap_or_default(),
        deletion_on: deletion_day(&ctx, &me).map(|d| isolated(&d)),
        grace_days: GRACE_DAYS,
        on: state.settings.current().marketplaces,
        name,
        balance,
        unread,
    }
    .into_response()
}

// ---------------------------------------------------------------- profile

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/profile.html")]
struct ProfilePage {
    u: Ui,
    phone: String,
    name: String,
    email: String,
    /// `ar` or `en`.
    language: String,
    errors: Errors,
}

fn profile_page(u: Ui, user: &User, form: Option<(&Fields, Errors)>) -> ProfilePage {
    let (name, email, language, errors) = match form {
        Some((f, errors)) => (f.get("name"), f.get("email"), f.get("language"), errors),
        None => (
            user.name.clone().unwrap_or_default(),
            user.email.clone().unwrap_or_default(),
            user.locale.code().to_owned(),
            Errors::none(),
        ),
    };
    ProfilePage {
        u,
        phone: shared::phone(&user.phone),
        name,
        email,
        language,
        errors,
    }
}

/// `GET /app/account/profile`.
pub async fn profile(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    match identity::me(&state, &caller).await {
        Ok(me) => {
            let u = account_ui(&state, &ctx, &caller, &csrf).await;
            profile_page(u, &me, None).into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The form as the API's `PATCH /users/me` body: a name is required, an
/// empty e-mail clears it, the language is one of the two.
fn profile_patch(f: &Fields) -> ProfilePatch {
    let email = f.get("email");
    ProfilePatch {
        name: Some(Some(f.get("name"))),
        email: Some((!email.is_empty()).then_some(email)),
        locale: Locale::parse(&f.get("language")),
    }
}

/// `POST /app/account/profile`: saved, the app switches to the preferred
/// language and says so in it; refused, the form comes back with its errors.
pub async fn save_profile(
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
    let patch = profile_patch(&f);
    let result = match patch.validate() {
        Ok(()) => identity::update_me(&state, &caller, &patch).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(user) => {
            let locale = user.locale;
            let mut to = account_url(&ctx, "/profile");
            if locale != ctx.locale {
                to.push_str(&format!("?lang={}", locale.code()));
            }
            let message = Message::new("web-account-profile-saved").render(locale);
            shared::redirect_with_toast(&to, &message)
        }
        Err(e @ (ApiError::Validation(_) | ApiError::Unprocessable { .. })) => {
            let me = match identity::me(&state, &caller).await {
                Ok(me) => me,
                Err(e) => return error_page(&ctx, e),
            };
            let errors = Errors::from_api(&e, ctx.locale);
            let u = account_ui(&state, &ctx, &caller, &csrf).await;
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                profile_page(u, &me, Some((&f, errors))),
            )
                .into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- deletion

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/delete.html")]
struct DeletePage {
    u: Ui,
    /// Set while a request waits: when it was made and when the account goes.
    requested: Option<(String, String)>,
    grace_days: i64,
}

/// `GET /app/account/delete`.
pub async fn deletion(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let me = match identity::me(&state, &caller).await {
        Ok(me) => me,
        Err(e) => return error_page(&ctx, e),
    };
    let requested = me
        .deletion_requested_at
        .map(|at| (date(&ctx, at), deletion_day(&ctx, &me).unwrap_or_default()));
    DeletePage {
        u: account_ui(&state, &ctx, &caller, &csrf).await,
        requested,
        grace_days: GRACE_DAYS,
    }
    .into_response()
}

/// `POST /app/account/delete`: asks for the deletion (after the grace period).
pub async fn request_deletion(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match identity::request_deletion(&state, &caller).await {
        Ok(user) => {
            let message = Message::new("web-account-delete-requested")
                .arg(
                    "date",
                    isolated(&deletion_day(&ctx, &user).unwrap_or_default()),
                )
                .render(ctx.locale);
            shared::redirect_with_toast(&account_url(&ctx, "/delete"), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /app/account/delete/cancel`: withdraws a pending request.
pub async fn cancel_deletion(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match identity::cancel_deletion(&state, &caller).await {
        Ok(_) => shared::redirect_with_toast(
            &account_url(&ctx, "/delete"),
            &Message::new("web-account-delete-cancelled").render(ctx.locale),
        ),
        Err(e) => error_page(&ctx, e),
    }
}
