//! Saved cards (`/app/account/cards`): the cards the customer chose to keep
//! when paying (scheme, last four digits, expiry, holder), each deleted
//! through htmx after the design system's confirm dialog (the list is
//! swapped in place, with a toast). [`CardView`] is also the radio list of
//! checkout and of paying an order again.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::saved_cards::SavedCard;
use app::saved_cards::service as cards;
use kernel::ApiError;
use kernel::i18n::Message;
use kernel::ids::parse_id;

use super::account::{account_ui, account_url, htmx_error, isolated};
use super::{Ui, acting, error_page, is_htmx};
use crate::chrome::WebCtx;
use crate::shared;
use crate::signin;

/// A saved card as a page shows it: left-to-right pieces isolated in markup.
pub struct CardView {
    pub id: String,
    pub scheme: String,
    /// `•••• 1111`.
    pub ending: String,
    pub last4: String,
    /// `MM/YY`.
    pub expiry: String,
    pub holder: String,
    pub expired: bool,
}

impl CardView {
    pub fn of(c: &SavedCard) -> CardView {
        CardView {
            id: c.id.to_string(),
            scheme: c.scheme.clone(),
            ending: format!("•••• {}", c.last4),
            last4: c.last4.clone(),
            expiry: format!("{:02}/{:02}", c.expiry_month, c.expiry_year.rem_euclid(100)),
            holder: c.holder_name.clone(),
            expired: c.expired,
        }
    }
}

/// The caller's cards for a payment choice (none when they cannot be read:
/// paying on the hosted page still works).
pub async fn choices(state: &AppState, caller: &Caller) -> Vec<CardView> {
    match cards::list(state, caller).await {
        Ok(list) => list.iter().map(CardView::of).collect(),
        Err(e) => {
            tracing::warn!(error = ?e, "saved cards could not be read for a payment choice");
            Vec::new()
        }
    }
}

/// A chosen saved card of a form (`""`: a new card).
pub fn chosen(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw.trim()).ok()
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/cards.html")]
struct CardsPage {
    u: Ui,
    cards: Vec<CardView>,
}

async fn render(state: &AppState, ctx: &WebCtx, caller: &Caller, csrf: &str) -> Response {
    match cards::list(state, caller).await {
        Ok(list) => CardsPage {
            u: account_ui(state, ctx, caller, csrf).await,
            cards: list.iter().map(CardView::of).collect(),
        }
        .into_response(),
        Err(e) => error_page(ctx, e),
    }
}

/// `GET /app/account/cards`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(&state, &ctx, &caller, &csrf).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

/// `POST /app/account/cards/{id}/delete`: htmx gets the list again with a
/// toast; a plain form goes back to the page.
pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&form.csrf)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let result = async {
        let id = parse_id(&id)?;
        let last4 = cards::list(&state, &caller)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.last4)
            .ok_or(ApiError::NotFound)?;
        cards::delete(&state, &caller, id).await?;
        Ok::<_, ApiError>(
            Message::new("sc-deleted")
                .arg("last4", isolated(&last4))
                .render(ctx.locale),
        )
    }
    .await;
    match result {
        Ok(message) if is_htmx(&headers) => {
            let list = render(&state, &ctx, &caller, &csrf).await;
            shared::with_toast(list, &message, "success")
        }
        Ok(message) => shared::redirect_with_toast(&account_url(&ctx, "/cards"), &message),
        Err(e) if is_htmx(&headers) => htmx_error(&ctx, e),
        Err(e) => error_page(&ctx, e),
    }
}
