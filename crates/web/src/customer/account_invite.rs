//! The account page's "Invite friends" card: the customer's referral code,
//! the link to share and what their invitations earned; while they may
//! still apply someone's code (no code applied, nothing delivered yet), a
//! small form for it, filled from the shared link's `?ref=`. The form is
//! htmx: the card comes back in place with the field's error or the
//! applied state, and a toast.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

use app::AppState;
use app::auth::Caller;
use app::referrals::model::{ApplyReferral, MAX_CODE_INPUT, ReferralSummary};
use app::referrals::service as referrals;
use kernel::i18n::{Message, t};
use kernel::money::Money;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::account::account_url;
use super::{Ui, acting, error_page};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields};
use crate::shared;

/// The card as the hub and the form's answer show it.
pub struct InviteCard {
    pub code: String,
    pub link: String,
    /// What each side earns, in words.
    pub explain: String,
    /// How many friends joined and what it earned, in words.
    pub stats: String,
    pub can_apply: bool,
    /// The code in the form (typed, or from the shared link) and its error.
    pub typed: String,
    pub error: String,
    /// The caller's own referral's status once they applied a code (empty
    /// before), and what it means for them.
    pub applied_status: &'static str,
    pub applied_text: String,
}

impl InviteCard {
    fn of(locale: Locale, s: &ReferralSummary, typed: &str, error: String) -> InviteCard {
        InviteCard {
            explain: Message::new("web-ref-explain")
                .arg("friend", Money(s.referee_reward))
                .arg("you", Money(s.referrer_reward))
                .render(locale),
            stats: Message::new("web-ref-stats")
                .arg("count", s.referred_count)
                .arg("earned", Money(s.rewards_earned))
                .render(locale),
            code: s.code.clone(),
            link: s.share_link.clone(),
            can_apply: s.can_apply,
            typed: typed.chars().take(MAX_CODE_INPUT).collect(),
            error,
            applied_status: s.referred_by.as_ref().map_or("", |r| r.status.as_str()),
            applied_text: s
                .referred_by
                .as_ref()
                .map(|r| t(locale, &format!("web-ref-applied-{}", r.status.as_str())))
                .unwrap_or_default(),
        }
    }
}

/// The hub's card, or none when referrals are off or cannot be read (the
/// rest of the account page does not depend on them).
pub async fn card(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    prefill: &str,
) -> Option<InviteCard> {
    match referrals::me(state, caller).await {
        Ok(s) if s.enabled => Some(InviteCard::of(
            ctx.locale,
            &s,
            prefill.trim(),
            String::new(),
        )),
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(error = %e, "the invite card could not be read");
            None
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(
    source = r#"{% include "customer/account/invite.html" %}"#,
    ext = "html"
)]
struct CardFragment {
    u: Ui,
    invite: InviteCard,
}

/// `POST /app/account/invite`: applies the typed code. With htmx the card
/// comes back (200, so that htmx swaps it) with the refusal under the
/// field; without, a redirect to the account page, or the error page.
pub async fn apply(
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
    let req = ApplyReferral {
        code: f.get("code"),
        device_id: None,
    };
    let result = match req.validate() {
        Ok(()) => referrals::apply(&state, &caller, &req).await,
        Err(e) => Err(e),
    };
    let htmx = headers.contains_key("hx-request");
    let (typed, error, toast, kind) = match result {
        Ok(_) => {
            let message = t(ctx.locale, "web-ref-toast-applied");
            if !htmx {
                return shared::redirect_with_toast(&account_url(&ctx, ""), &message);
            }
            (String::new(), String::new(), message, "success")
        }
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::Conflict { .. }),
        ) if htmx => {
            let message = e.message().render(ctx.locale);
            let field = Errors::from_api(&e, ctx.locale).of("code");
            let error = if field.is_empty() {
                message.clone()
            } else {
                field
            };
            (req.code.clone(), error, message, "error")
        }
        Err(e) => return error_page(&ctx, e),
    };
    let summary = match referrals::me(&state, &caller).await {
        Ok(s) => s,
        Err(e) => return error_page(&ctx, e),
    };
    let fragment = CardFragment {
        u: super::account::account_ui(&state, &ctx, &caller, &csrf).await,
        invite: InviteCard::of(ctx.locale, &summary, &typed, error),
    };
    shared::with_toast(fragment.into_response(), &toast, kind)
}
