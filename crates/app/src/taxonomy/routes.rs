use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    BodyType, BodyTypePatch, CarMake, CarModel, Category, CategoryNode, CategoryPatch, MakePatch,
    ModelPatch, NewBodyType, NewCategory, NewMake, NewModel,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_makes))
        .routes(routes!(list_models_of_make))
        .routes(routes!(list_body_types))
        .routes(routes!(category_tree))
        .routes(routes!(category))
        .routes(routes!(create_make))
        .routes(routes!(update_make, delete_make))
        .routes(routes!(create_model))
        .routes(routes!(update_model, delete_model))
        .routes(routes!(create_body_type))
        .routes(routes!(update_body_type, delete_body_type))
        .routes(routes!(create_category))
        .routes(routes!(update_category, delete_category))
}

type Done = ApiResult<ApiOk<Option<()>>>;

// ---- Public ----------------------------------------------------------------------

/// Car makes, by `sortOrder` then English name.
#[utoipa::path(get, path = "/car-makes", tag = "catalog",
    responses((status = 200, body = Envelope<Vec<CarMake>>)))]
async fn list_makes(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<CarMake>>> {
    Ok(ApiOk::new(service::makes(&state).await?))
}

/// The models of a make with their years and body type.
#[utoipa::path(get, path = "/car-makes/{id}/models", tag = "catalog",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<CarModel>>),
        (status = 404, description = "no such make", body = ErrorEnvelope),
    ))]
async fn list_models_of_make(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<CarModel>>> {
    Ok(ApiOk::new(
        service::models_of_make(&state, parse_id(&id)?).await?,
    ))
}

/// Body types, by English name.
#[utoipa::path(get, path = "/body-types", tag = "catalog",
    responses((status = 200, body = Envelope<Vec<BodyType>>)))]
async fn list_body_types(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<BodyType>>> {
    Ok(ApiOk::new(service::body_types(&state).await?))
}

/// Every part category as a tree of nested `children`, each level by
/// `sortOrder` then English name.
#[utoipa::path(get, path = "/categories", tag = "catalog",
    responses((status = 200, body = Envelope<Vec<CategoryNode>>)))]
async fn category_tree(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<CategoryNode>>> {
    Ok(ApiOk::new(service::category_tree(&state).await?))
}

/// One category with the tree below it.
#[utoipa::path(get, path = "/categories/{id}", tag = "catalog",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<CategoryNode>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn category(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<CategoryNode>> {
    Ok(ApiOk::new(service::category(&state, parse_id(&id)?).await?))
}

// ---- Admin: makes ----------------------------------------------------------------

/// Adds a car make; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/car-makes", tag = "admin", security(("bearer" = [])),
    request_body = NewMake,
    responses(
        (status = 201, body = Envelope<CarMake>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_make(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewMake>,
) -> ApiResult<ApiOk<CarMake>> {
    Ok(ApiOk::created(
        service::create_make(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent; needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/car-makes/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = MakePatch,
    responses(
        (status = 200, body = Envelope<CarMake>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_make(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<MakePatch>,
) -> ApiResult<ApiOk<CarMake>> {
    Ok(ApiOk::new(
        service::update_make(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a make without live models; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/car-makes/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`MAKE_HAS_MODELS`", body = ErrorEnvelope),
    ))]
async fn delete_make(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_make(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

// ---- Admin: models ---------------------------------------------------------------

/// Adds a model to a make; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/car-models", tag = "admin", security(("bearer" = [])),
    request_body = NewModel,
    responses(
        (status = 201, body = Envelope<CarModel>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the make", body = ErrorEnvelope),
        (status = 422, description = "invalid fields, unknown `makeId` or `bodyTypeId`", body = ErrorEnvelope),
    ))]
async fn create_model(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewModel>,
) -> ApiResult<ApiOk<CarModel>> {
    Ok(ApiOk::created(
        service::create_model(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent (`null` clears `yearTo` or `bodyTypeId`); needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/car-models/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = ModelPatch,
    responses(
        (status = 200, body = Envelope<CarModel>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the make", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_model(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<ModelPatch>,
) -> ApiResult<ApiOk<CarModel>> {
    Ok(ApiOk::new(
        service::update_model(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a model; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/car-models/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "IN_USE_BY_PRODUCTS", body = ErrorEnvelope),
    ))]
async fn delete_model(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_model(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

// ---- Admin: body types -----------------------------------------------------------

/// Adds a body type; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/body-types", tag = "admin", security(("bearer" = [])),
    request_body = NewBodyType,
    responses(
        (status = 201, body = Envelope<BodyType>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_body_type(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewBodyType>,
) -> ApiResult<ApiOk<BodyType>> {
    Ok(ApiOk::created(
        service::create_body_type(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent; needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/body-types/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = BodyTypePatch,
    responses(
        (status = 200, body = Envelope<BodyType>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_body_type(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<BodyTypePatch>,
) -> ApiResult<ApiOk<BodyType>> {
    Ok(ApiOk::new(
        service::update_body_type(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a body type no live model uses; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/body-types/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`BODY_TYPE_IN_USE`", body = ErrorEnvelope),
    ))]
async fn delete_body_type(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_body_type(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

// ---- Admin: categories -----------------------------------------------------------

/// Adds a category (under `parentId`, or top-level); needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/categories", tag = "admin", security(("bearer" = [])),
    request_body = NewCategory,
    responses(
        (status = 201, body = Envelope<Category>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, description = "invalid fields or unknown `parentId`", body = ErrorEnvelope),
    ))]
async fn create_category(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCategory>,
) -> ApiResult<ApiOk<Category>> {
    Ok(ApiOk::created(
        service::create_category(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent; `parentId` moves it (`null`: top-level), never
/// under itself or its own subcategories; needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/categories/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CategoryPatch,
    responses(
        (status = 200, body = Envelope<Category>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN`", body = ErrorEnvelope),
        (status = 422, description = "invalid fields, unknown `parentId`, or `CATEGORY_CYCLE`", body = ErrorEnvelope),
    ))]
async fn update_category(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CategoryPatch>,
) -> ApiResult<ApiOk<Category>> {
    Ok(ApiOk::new(
        service::update_category(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a category without live subcategories; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/categories/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`CATEGORY_HAS_CHILDREN`", body = ErrorEnvelope),
    ))]
async fn delete_category(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_category(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
