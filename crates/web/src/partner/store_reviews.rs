//! A store's reviews (of the store and of its products), with the store's
//! reply written or replaced in place (owner or `orders.manage`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::reviews::model::{ReplyRequest, Review, ReviewListQuery, TargetType};
use app::reviews::service as reviews;
use kernel::ApiError;
use kernel::i18n::t;
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::{Session, StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared::{Pager, inline_error, when, with_toast};
use crate::signin::Signed;

pub struct Item {
    pub id: String,
    pub stars: i64,
    pub of_product: bool,
    pub text: String,
    pub when: String,
    pub hidden: bool,
    pub reply: String,
    pub replied: String,
}

impl Item {
    fn of(r: &Review, locale: kernel::Locale) -> Item {
        Item {
            id: r.id.to_string(),
            stars: i64::from(r.stars),
            of_product: r.target_type == TargetType::Product,
            text: r.text.clone().unwrap_or_default(),
            when: when(locale, r.created_at),
            hidden: r.status.as_str() == "hidden",
            reply: r.reply.as_ref().map(|x| x.text.clone()).unwrap_or_default(),
            replied: r
                .reply
                .as_ref()
                .map(|x| when(locale, x.replied_at))
                .unwrap_or_default(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/store_reviews.html")]
struct ReviewsPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    items: Vec<Item>,
    pager: Pager,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/store_review.html")]
struct ReviewFragment {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    r: Item,
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
    let query = ReviewListQuery {
        page: q.page,
        per_page: Some(20),
    };
    match reviews::for_store(&state, &caller, id, &query).await {
        Ok((rows, meta)) => {
            let base = ctx.partner_base();
            ReviewsPage {
                c: chrome(&ctx, &csrf),
                base,
                section: "stores",
                tab: "reviews",
                items: rows.iter().map(|r| Item::of(r, ctx.locale)).collect(),
                pager: Pager::new(&ctx, &meta, |p| {
                    format!("{base}/stores/{id}/reviews?page={p}")
                }),
                store: nav,
            }
            .into_response()
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn reply(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, review)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let review = match parse_id(&review) {
        Ok(r) => r,
        Err(e) => return error_page(&ctx, e),
    };
    let body = ReplyRequest {
        text: f.get("text"),
    };
    let result = match body.validate() {
        Ok(()) => reviews::reply(&state, &caller, id, review, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => with_toast(
            ReviewFragment {
                c: chrome(&ctx, &csrf),
                base: ctx.partner_base(),
                store: nav,
                r: Item::of(&r, ctx.locale),
            }
            .into_response(),
            &t(ctx.locale, "ds-toast-reply-saved"),
            "success",
        ),
        // The review stays as it is; its reply field says why nothing changed.
        Err(e @ ApiError::Validation(_)) => {
            let message = Errors::from_api(&e, ctx.locale).of("text");
            inline_error(&format!("#review-{review} .reply-error"), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}
