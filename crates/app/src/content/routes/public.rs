use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::ClientInfo;
use crate::content::model::{
    AudienceQuery, Banner, BannerQuery, ContactInput, ContactReceipt, Faq, PageVersion, SocialLink,
};
use crate::content::service;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(banners))
        .routes(routes!(faqs))
        .routes(routes!(page))
        .routes(routes!(social_links))
        .routes(routes!(contact))
}

/// The live banners of an app (active, inside their window), in order.
#[utoipa::path(get, path = "/content/banners", tag = "content",
    params(BannerQuery),
    responses((status = 200, body = Envelope<Vec<Banner>>)))]
async fn banners(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<BannerQuery>,
) -> ApiResult<ApiOk<Vec<Banner>>> {
    Ok(ApiOk::new(service::live_banners(&state, q.app).await?))
}

/// The active FAQs of an audience (customers when absent), in order.
#[utoipa::path(get, path = "/content/faqs", tag = "content",
    params(AudienceQuery),
    responses((status = 200, body = Envelope<Vec<Faq>>)))]
async fn faqs(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<AudienceQuery>,
) -> ApiResult<ApiOk<Vec<Faq>>> {
    let audience = q.audience.unwrap_or(crate::content::Audience::Customer);
    Ok(ApiOk::new(service::public_faqs(&state, audience).await?))
}

/// The current version of a static page (`terms`, `privacy`) for an audience.
#[utoipa::path(get, path = "/content/pages/{slug}", tag = "content",
    params(("slug" = String, Path, description = "`terms` or `privacy`"), AudienceQuery),
    responses(
        (status = 200, body = Envelope<PageVersion>),
        (status = 404, description = "unknown or not yet published", body = ErrorEnvelope),
    ))]
async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ValidQuery(q): ValidQuery<AudienceQuery>,
) -> ApiResult<ApiOk<PageVersion>> {
    let audience = q.audience.unwrap_or(crate::content::Audience::Customer);
    Ok(ApiOk::new(
        service::public_page(&state, &slug, audience).await?,
    ))
}

/// The platform's active social links and contact details, in order.
#[utoipa::path(get, path = "/content/social-links", tag = "content",
    responses((status = 200, body = Envelope<Vec<SocialLink>>)))]
async fn social_links(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<SocialLink>>> {
    Ok(ApiOk::new(service::social_links(&state).await?))
}

/// Sends a message to the platform's inbox; at most 5 per hour per address.
#[utoipa::path(post, path = "/content/contact", tag = "content",
    request_body = ContactInput,
    responses(
        (status = 201, body = Envelope<ContactReceipt>),
        (status = 429, description = "RATE_LIMITED", body = ErrorEnvelope),
    ))]
async fn contact(
    State(state): State<AppState>,
    client: ClientInfo,
    ValidJson(body): ValidJson<ContactInput>,
) -> ApiResult<ApiOk<ContactReceipt>> {
    service::contact(&state, &client, &body).await?;
    Ok(ApiOk::created(ContactReceipt { received: true }))
}
