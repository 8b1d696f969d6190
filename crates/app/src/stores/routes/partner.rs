use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::stores::model::{
    Company, CompanyPatch, Employee, EmployeePatch, NewCompany, NewEmployee, NewStore,
    PartnerStore, StorePatch,
};
use crate::stores::service::{branches, companies, team};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_company, create_company, update_company))
        .routes(routes!(list_stores, create_store))
        .routes(routes!(get_store, update_store, delete_store))
        .routes(routes!(list_employees, add_employee))
        .routes(routes!(update_employee, remove_employee))
}

/// The caller's company with its review status and rejection reason.
#[utoipa::path(get, path = "/partner/company", tag = "partner", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Company>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a supplier", body = ErrorEnvelope),
        (status = 404, description = "no company yet", body = ErrorEnvelope),
    ))]
async fn get_company(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Company>> {
    Ok(ApiOk::new(companies::mine(&state, &caller).await?))
}

/// Registers the supplier's one company; it waits for an admin's review.
#[utoipa::path(post, path = "/partner/company", tag = "partner", security(("bearer" = [])),
    request_body = NewCompany,
    responses(
        (status = 201, body = Envelope<Company>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a supplier", body = ErrorEnvelope),
        (status = 409, description = "COMPANY_EXISTS or CR_NUMBER_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_company(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCompany>,
) -> ApiResult<ApiOk<Company>> {
    Ok(ApiOk::created(
        companies::create(&state, &caller, &body).await?,
    ))
}

/// Edits the company while pending or rejected; a rejected one goes back to review.
#[utoipa::path(patch, path = "/partner/company", tag = "partner", security(("bearer" = [])),
    request_body = CompanyPatch,
    responses(
        (status = 200, body = Envelope<Company>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "COMPANY_LOCKED (approved) or CR_NUMBER_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_company(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<CompanyPatch>,
) -> ApiResult<ApiOk<Company>> {
    Ok(ApiOk::new(companies::update(&state, &caller, &body).await?))
}

/// The stores the caller owns or works at, with their role and permissions in each.
#[utoipa::path(get, path = "/partner/stores", tag = "partner", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Vec<PartnerStore>>),
        (status = 401, body = ErrorEnvelope),
    ))]
async fn list_stores(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<PartnerStore>>> {
    Ok(ApiOk::new(branches::mine(&state, &caller).await?))
}

/// Opens a store of the caller's approved company; it waits for an admin to activate it.
#[utoipa::path(post, path = "/partner/stores", tag = "partner", security(("bearer" = [])),
    request_body = NewStore,
    responses(
        (status = 201, body = Envelope<PartnerStore>),
        (status = 403, description = "not a supplier", body = ErrorEnvelope),
        (status = 404, description = "companyId of another company", body = ErrorEnvelope),
        (status = 409, description = "COMPANY_REQUIRED or COMPANY_NOT_APPROVED", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_store(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewStore>,
) -> ApiResult<ApiOk<PartnerStore>> {
    Ok(ApiOk::created(
        branches::create(&state, &caller, &body).await?,
    ))
}

/// A store the caller owns or works at.
#[utoipa::path(get, path = "/partner/stores/{storeId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses(
        (status = 200, body = Envelope<PartnerStore>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<ApiOk<PartnerStore>> {
    Ok(ApiOk::new(
        branches::get(&state, &caller, parse_id(&store_id)?).await?,
    ))
}

/// Edits a store; needs `store.settings.manage`. Commission and status are the admins'.
#[utoipa::path(patch, path = "/partner/stores/{storeId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    request_body = StorePatch,
    responses(
        (status = 200, body = Envelope<PartnerStore>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ValidJson(body): ValidJson<StorePatch>,
) -> ApiResult<ApiOk<PartnerStore>> {
    Ok(ApiOk::new(
        branches::update(&state, &caller, parse_id(&store_id)?, &body).await?,
    ))
}

/// Deletes a store; its owner only.
#[utoipa::path(delete, path = "/partner/stores/{storeId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "STORE_HAS_OPEN_ORDERS or STORE_HAS_BALANCE", body = ErrorEnvelope),
    ))]
async fn delete_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    branches::delete(&state, &caller, parse_id(&store_id)?).await?;
    Ok(ApiOk::new(None))
}

/// The store's employees; needs `store.team.manage`.
#[utoipa::path(get, path = "/partner/stores/{storeId}/employees", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<Employee>>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn list_employees(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<ApiOk<Vec<Employee>>> {
    Ok(ApiOk::new(
        team::list(&state, &caller, parse_id(&store_id)?).await?,
    ))
}

/// Adds an employee by phone (a new customer account when the phone is new);
/// needs `store.team.manage`, and only the owner grants `store.team.manage`.
#[utoipa::path(post, path = "/partner/stores/{storeId}/employees", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    request_body = NewEmployee,
    responses(
        (status = 201, body = Envelope<Employee>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "EMPLOYEE_EXISTS, EMPLOYEE_IS_ADMIN or EMPLOYEE_IS_OWNER", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn add_employee(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ValidJson(body): ValidJson<NewEmployee>,
) -> ApiResult<ApiOk<Employee>> {
    Ok(ApiOk::created(
        team::add(&state, &caller, parse_id(&store_id)?, &body).await?,
    ))
}

/// Replaces an employee's permissions; needs `store.team.manage`.
#[utoipa::path(patch, path = "/partner/stores/{storeId}/employees/{employeeId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("employeeId" = String, Path)),
    request_body = EmployeePatch,
    responses(
        (status = 200, body = Envelope<Employee>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_employee(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, employee_id)): Path<(String, String)>,
    ValidJson(body): ValidJson<EmployeePatch>,
) -> ApiResult<ApiOk<Employee>> {
    let (store, id) = (parse_id(&store_id)?, parse_id(&employee_id)?);
    Ok(ApiOk::new(
        team::update(&state, &caller, store, id, &body).await?,
    ))
}

/// Removes an employee; needs `store.team.manage`.
#[utoipa::path(delete, path = "/partner/stores/{storeId}/employees/{employeeId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("employeeId" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn remove_employee(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, employee_id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    let (store, id) = (parse_id(&store_id)?, parse_id(&employee_id)?);
    team::remove(&state, &caller, store, id).await?;
    Ok(ApiOk::new(None))
}
