use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::content::model::{
    AdminPage, AudienceQuery, Banner, BannerInput, ContactMessage, Faq, FaqInput, InboxQuery,
    PageVersion, PublishPage, SocialLink, SocialLinksInput, StatusRequest,
};
use crate::content::service;

type Done = ApiResult<ApiOk<Option<()>>>;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_banners, create_banner))
        .routes(routes!(update_banner, delete_banner))
        .routes(routes!(list_faqs, create_faq))
        .routes(routes!(update_faq, delete_faq))
        .routes(routes!(list_pages))
        .routes(routes!(list_versions, publish))
        .routes(routes!(version))
        .routes(routes!(list_links, replace_links))
        .routes(routes!(inbox))
        .routes(routes!(set_status))
}

/// Every banner of every app, scheduled and inactive ones too (`content.manage`).
#[utoipa::path(get, path = "/admin/content/banners", tag = "content", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<Banner>>), (status = 403, body = ErrorEnvelope)))]
async fn list_banners(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<Banner>>> {
    Ok(ApiOk::new(service::banners(&state, &caller).await?))
}

/// Adds a banner (`content.manage`, audited).
#[utoipa::path(post, path = "/admin/content/banners", tag = "content", security(("bearer" = [])),
    request_body = BannerInput,
    responses((status = 201, body = Envelope<Banner>), (status = 403, body = ErrorEnvelope),
        (status = 422, description = "e.g. imageId not a public image", body = ErrorEnvelope)))]
async fn create_banner(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<BannerInput>,
) -> ApiResult<ApiOk<Banner>> {
    Ok(ApiOk::created(
        service::save_banner(&state, &caller, None, &body).await?,
    ))
}

/// Replaces a banner whole (`content.manage`, audited).
#[utoipa::path(put, path = "/admin/content/banners/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = BannerInput,
    responses((status = 200, body = Envelope<Banner>), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn update_banner(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<BannerInput>,
) -> ApiResult<ApiOk<Banner>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::save_banner(&state, &caller, Some(id), &body).await?,
    ))
}

/// Removes a banner (`content.manage`, audited).
#[utoipa::path(delete, path = "/admin/content/banners/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn delete_banner(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_banner(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Every FAQ, inactive ones too, of one audience or all (`content.manage`).
#[utoipa::path(get, path = "/admin/content/faqs", tag = "content", security(("bearer" = [])),
    params(AudienceQuery),
    responses((status = 200, body = Envelope<Vec<Faq>>), (status = 403, body = ErrorEnvelope)))]
async fn list_faqs(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<AudienceQuery>,
) -> ApiResult<ApiOk<Vec<Faq>>> {
    Ok(ApiOk::new(
        service::faqs(&state, &caller, q.audience).await?,
    ))
}

/// Adds a FAQ (`content.manage`, audited).
#[utoipa::path(post, path = "/admin/content/faqs", tag = "content", security(("bearer" = [])),
    request_body = FaqInput,
    responses((status = 201, body = Envelope<Faq>), (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn create_faq(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<FaqInput>,
) -> ApiResult<ApiOk<Faq>> {
    Ok(ApiOk::created(
        service::save_faq(&state, &caller, None, &body).await?,
    ))
}

/// Replaces a FAQ whole (`content.manage`, audited).
#[utoipa::path(put, path = "/admin/content/faqs/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = FaqInput,
    responses((status = 200, body = Envelope<Faq>), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn update_faq(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<FaqInput>,
) -> ApiResult<ApiOk<Faq>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::save_faq(&state, &caller, Some(id), &body).await?,
    ))
}

/// Removes a FAQ (`content.manage`, audited).
#[utoipa::path(delete, path = "/admin/content/faqs/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn delete_faq(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Done {
    service::delete_faq(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// The six static pages and the version each shows (`content.manage`).
#[utoipa::path(get, path = "/admin/content/pages", tag = "content", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<AdminPage>>), (status = 403, body = ErrorEnvelope)))]
async fn list_pages(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<AdminPage>>> {
    Ok(ApiOk::new(service::pages(&state, &caller).await?))
}

/// A page's published versions, newest first (`content.manage`).
#[utoipa::path(get, path = "/admin/content/pages/{id}/versions", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Vec<PageVersion>>), (status = 403, body = ErrorEnvelope)))]
async fn list_versions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<PageVersion>>> {
    Ok(ApiOk::new(
        service::versions(&state, &caller, parse_id(&id)?, None).await?,
    ))
}

/// Publishes the next version of a page, shown at once (`content.manage`, audited).
#[utoipa::path(post, path = "/admin/content/pages/{id}/versions", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = PublishPage,
    responses((status = 201, body = Envelope<PageVersion>), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PublishPage>,
) -> ApiResult<ApiOk<PageVersion>> {
    Ok(ApiOk::created(
        service::publish(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// One published version of a page, old ones too (`content.manage`).
#[utoipa::path(get, path = "/admin/content/pages/{id}/versions/{version}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path), ("version" = String, Path)),
    responses((status = 200, body = Envelope<PageVersion>), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn version(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<ApiOk<PageVersion>> {
    let found = service::versions(&state, &caller, parse_id(&id)?, Some(&version)).await?;
    Ok(ApiOk::new(
        found.into_iter().next().ok_or(kernel::ApiError::NotFound)?,
    ))
}

/// Every social link, inactive ones too (`content.manage`).
#[utoipa::path(get, path = "/admin/content/social-links", tag = "content", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<SocialLink>>), (status = 403, body = ErrorEnvelope)))]
async fn list_links(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<SocialLink>>> {
    Ok(ApiOk::new(service::all_links(&state, &caller).await?))
}

/// Replaces the whole list of social links, in order (`content.manage`, audited).
#[utoipa::path(put, path = "/admin/content/social-links", tag = "content", security(("bearer" = [])),
    request_body = SocialLinksInput,
    responses((status = 200, body = Envelope<Vec<SocialLink>>), (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn replace_links(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<SocialLinksInput>,
) -> ApiResult<ApiOk<Vec<SocialLink>>> {
    Ok(ApiOk::new(
        service::replace_links(&state, &caller, &body).await?,
    ))
}

/// The contact inbox, newest first (`content.manage`).
#[utoipa::path(get, path = "/admin/contact-messages", tag = "content", security(("bearer" = [])),
    params(InboxQuery),
    responses((status = 200, body = Paged<ContactMessage>), (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<InboxQuery>,
) -> ApiResult<ApiOk<Vec<ContactMessage>>> {
    let (rows, meta) = service::inbox(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Marks a message new, read or archived (`content.manage`, audited).
#[utoipa::path(post, path = "/admin/contact-messages/{id}/status", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = StatusRequest,
    responses((status = 200, body = Envelope<ContactMessage>), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<StatusRequest>,
) -> ApiResult<ApiOk<ContactMessage>> {
    Ok(ApiOk::new(
        service::set_status(&state, &caller, parse_id(&id)?, body.status).await?,
    ))
}
