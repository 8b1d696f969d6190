//! One rating of a finished booking (its store) or repair job (its rep):
//! the box their pages show (the form, or the review sent) and the reading
//! of its form. Orders, with a store and parts to rate, have their own page
//! (`account_reviews`).

use axum::extract::{Form, Path, State};
use axum::response::Response;
use http::HeaderMap;

use app::AppState;
use app::reviews::model::{RatingInput, Review, ReviewStatus};
use app::reviews::service as reviews;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::account_reviews::StarChoice;
use super::{acting, app_base, error_page};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_int};
use crate::shared::redirect_with_toast;

/// The box under a finished booking or job.
pub struct RateBox {
    /// Where the form posts.
    pub action: String,
    /// "How was …?"
    pub ask: String,
    pub choices: Vec<StarChoice>,
    /// The review already sent: its star icons, text and whether a
    /// moderator took it down.
    pub sent: Option<SentRating>,
}

pub struct SentRating {
    pub icons: Vec<&'static str>,
    pub label: String,
    pub text: String,
    pub hidden: bool,
}

fn choices(locale: Locale) -> Vec<StarChoice> {
    // 5 down to 1, laid out from the end: a chosen star lights the ones
    // before it (CSS `~`) in either direction.
    (1..=5)
        .rev()
        .map(|n| StarChoice {
            n,
            checked: false,
            label: Message::new("web-account-review-star-count")
                .arg("count", n)
                .render(locale),
        })
        .collect()
}

pub fn rate_box(locale: Locale, action: String, ask: String, sent: &[Review]) -> RateBox {
    let sent = sent.first().map(|r| SentRating {
        icons: (1..=5)
            .map(|i| if i <= r.stars { "star-filled" } else { "star" })
            .collect(),
        label: Message::new("web-account-review-stars-of")
            .arg("count", i64::from(r.stars))
            .render(locale),
        text: r.text.clone().unwrap_or_default(),
        hidden: r.status == ReviewStatus::Hidden,
    });
    RateBox {
        action,
        ask,
        choices: choices(locale),
        sent,
    }
}

/// The form's stars (none chosen: 0, which validation names) and text.
pub fn read(f: &Fields) -> RatingInput {
    RatingInput {
        stars: parse_int::<i64>(&f.get("stars")).unwrap_or(0),
        text: Some(f.get("text")).filter(|t| !t.trim().is_empty()),
    }
}

/// `POST /bookings/{id}/review`: the store that ran the completed booking.
pub async fn booking(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let input = read(&f);
    let done = async {
        input.validate()?;
        reviews::create_for_booking(&state, &caller, parse_id(&id)?, &input).await
    }
    .await;
    match done {
        Ok(_) => redirect_with_toast(
            &format!("{}/bookings/{id}", app_base(&ctx)),
            &t(ctx.locale, "web-account-review-sent"),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let message = refusal(ctx.locale, &e);
            super::bookings::detail_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                &id,
                Some(message),
                e.status(),
            )
            .await
        }
    }
}

/// `POST /repair-jobs/{id}/review`: the rep who did the completed job.
pub async fn job(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let input = read(&f);
    let done = async {
        input.validate()?;
        reviews::create_for_job(&state, &caller, parse_id(&id)?, &input).await
    }
    .await;
    match done {
        Ok(_) => redirect_with_toast(
            &format!("{}/repair-jobs/{id}", app_base(&ctx)),
            &t(ctx.locale, "web-account-review-sent"),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => super::repairs_job::job_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await,
    }
}

/// A refusal in words: no stars chosen reads as the form's own hint.
fn refusal(locale: Locale, e: &ApiError) -> String {
    if let ApiError::Validation(f) = e
        && f.contains("stars")
    {
        return t(locale, "web-account-review-stars-needed-one");
    }
    let errors = Errors::from_api(e, locale);
    let text = errors.of("text");
    if text.is_empty() {
        e.message().render(locale)
    } else {
        text
    }
}
