use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::stores::model::{
    AdminCompany, AdminStoreQuery, Commission, CompanyQuery, NewService, NewStoreType, Reason,
    ServiceInput, ServiceView, StoreDetail, StoreTypeInput, StoreTypeView,
};
use crate::stores::service::{branches, companies, types};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_companies))
        .routes(routes!(get_company))
        .routes(routes!(approve_company))
        .routes(routes!(reject_company))
        .routes(routes!(list_services, create_service))
        .routes(routes!(update_service, delete_service))
        .routes(routes!(list_store_types, create_store_type))
        .routes(routes!(update_store_type, delete_store_type))
        .routes(routes!(list_stores))
        .routes(routes!(get_store))
        .routes(routes!(activate_store))
        .routes(routes!(suspend_store))
        .routes(routes!(set_commission))
}

/// Companies to review (oldest first), with filters and paging; needs `companies.manage`.
#[utoipa::path(get, path = "/admin/companies", tag = "admin", security(("bearer" = [])),
    params(CompanyQuery),
    responses(
        (status = 200, body = Paged<AdminCompany>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_companies(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<CompanyQuery>,
) -> ApiResult<ApiOk<Vec<AdminCompany>>> {
    let (rows, meta) = companies::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A company with its documents and owner; needs `companies.manage`.
#[utoipa::path(get, path = "/admin/companies/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<AdminCompany>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_company(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminCompany>> {
    Ok(ApiOk::new(
        companies::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Approves a pending company (and activates its owner if waiting); needs `companies.manage`.
#[utoipa::path(post, path = "/admin/companies/{id}/approve", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<AdminCompany>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "COMPANY_NOT_PENDING", body = ErrorEnvelope),
    ))]
async fn approve_company(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminCompany>> {
    Ok(ApiOk::new(
        companies::approve(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Rejects a pending company with a reason the supplier sees; needs `companies.manage`.
#[utoipa::path(post, path = "/admin/companies/{id}/reject", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = Reason,
    responses(
        (status = 200, body = Envelope<AdminCompany>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "COMPANY_NOT_PENDING", body = ErrorEnvelope),
        (status = 422, description = "reason missing", body = ErrorEnvelope),
    ))]
async fn reject_company(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<Reason>,
) -> ApiResult<ApiOk<AdminCompany>> {
    Ok(ApiOk::new(
        companies::reject(&state, &caller, parse_id(&id)?, &body.reason).await?,
    ))
}

/// Every service; needs `stores.manage`.
#[utoipa::path(get, path = "/admin/services", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Vec<ServiceView>>),
        (status = 403, body = ErrorEnvelope),
    ))]
async fn list_services(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<ServiceView>>> {
    Ok(ApiOk::new(types::services(&state, &caller).await?))
}

/// Adds a service (slug, nameAr, nameEn); needs `stores.manage`.
#[utoipa::path(post, path = "/admin/services", tag = "admin", security(("bearer" = [])),
    request_body = NewService,
    responses(
        (status = 201, body = Envelope<ServiceView>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "SLUG_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_service(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewService>,
) -> ApiResult<ApiOk<ServiceView>> {
    Ok(ApiOk::created(
        types::create_service(&state, &caller, &body.0).await?,
    ))
}

/// Changes a service; needs `stores.manage`.
#[utoipa::path(patch, path = "/admin/services/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = ServiceInput,
    responses(
        (status = 200, body = Envelope<ServiceView>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "SLUG_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_service(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<ServiceInput>,
) -> ApiResult<ApiOk<ServiceView>> {
    Ok(ApiOk::new(
        types::update_service(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Deletes a service; store types stop offering it. Needs `stores.manage`.
#[utoipa::path(delete, path = "/admin/services/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete_service(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    types::delete_service(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Every store type with its services; needs `stores.manage`.
#[utoipa::path(get, path = "/admin/store-types", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Vec<StoreTypeView>>),
        (status = 403, body = ErrorEnvelope),
    ))]
async fn list_store_types(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<StoreTypeView>>> {
    Ok(ApiOk::new(
        types::store_types_for_admin(&state, &caller).await?,
    ))
}

/// Adds a store type with its services (`serviceIds`); needs `stores.manage`.
#[utoipa::path(post, path = "/admin/store-types", tag = "admin", security(("bearer" = [])),
    request_body = NewStoreType,
    responses(
        (status = 201, body = Envelope<StoreTypeView>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "SLUG_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_store_type(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewStoreType>,
) -> ApiResult<ApiOk<StoreTypeView>> {
    Ok(ApiOk::created(
        types::create_store_type(&state, &caller, &body.0).await?,
    ))
}

/// Changes a store type; `serviceIds` replaces its services. Needs `stores.manage`.
#[utoipa::path(patch, path = "/admin/store-types/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = StoreTypeInput,
    responses(
        (status = 200, body = Envelope<StoreTypeView>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "SLUG_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_store_type(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<StoreTypeInput>,
) -> ApiResult<ApiOk<StoreTypeView>> {
    Ok(ApiOk::new(
        types::update_store_type(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Deletes a store type no store uses; needs `stores.manage`.
#[utoipa::path(delete, path = "/admin/store-types/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "STORE_TYPE_IN_USE", body = ErrorEnvelope),
    ))]
async fn delete_store_type(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    types::delete_store_type(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Stores with filters and paging; needs `stores.manage`.
#[utoipa::path(get, path = "/admin/stores", tag = "admin", security(("bearer" = [])),
    params(AdminStoreQuery),
    responses(
        (status = 200, body = Paged<StoreDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_stores(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<AdminStoreQuery>,
) -> ApiResult<ApiOk<Vec<StoreDetail>>> {
    let (rows, meta) = branches::admin_list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A store; needs `stores.manage`.
#[utoipa::path(get, path = "/admin/stores/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<StoreDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<StoreDetail>> {
    Ok(ApiOk::new(
        branches::admin_get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Activates a pending or suspended store of an approved company; needs `stores.manage`.
#[utoipa::path(post, path = "/admin/stores/{id}/activate", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<StoreDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ALREADY_ACTIVE or COMPANY_NOT_APPROVED", body = ErrorEnvelope),
    ))]
async fn activate_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<StoreDetail>> {
    Ok(ApiOk::new(
        branches::activate(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Suspends a store with a reason; it disappears from customers. Needs `stores.manage`.
#[utoipa::path(post, path = "/admin/stores/{id}/suspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = Reason,
    responses(
        (status = 200, body = Envelope<StoreDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ALREADY_SUSPENDED", body = ErrorEnvelope),
        (status = 422, description = "reason missing", body = ErrorEnvelope),
    ))]
async fn suspend_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<Reason>,
) -> ApiResult<ApiOk<StoreDetail>> {
    Ok(ApiOk::new(
        branches::suspend(&state, &caller, parse_id(&id)?, &body.reason).await?,
    ))
}

/// Sets the store's commission in basis points (0..=10000); needs `stores.manage`.
#[utoipa::path(put, path = "/admin/stores/{id}/commission", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = Commission,
    responses(
        (status = 200, body = Envelope<StoreDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn set_commission(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<Commission>,
) -> ApiResult<ApiOk<StoreDetail>> {
    let bp = body.commission_bp.expect("validated");
    Ok(ApiOk::new(
        branches::set_commission(&state, &caller, parse_id(&id)?, bp).await?,
    ))
}
