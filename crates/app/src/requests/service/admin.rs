//! Admins (`requests.manage`): every request with its offers, history and
//! negotiation threads (read-only), and forced closing with a reason,
//! audited.

use uuid::Uuid;

use kernel::Meta;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::{not_open, reread};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::requests::model::{
    Offer, PartRequest, RequestListQuery, RequestReason, RequestStatus, RequestStep,
};
use crate::requests::repo;

/// One negotiation thread of a request, with its latest messages.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Negotiation {
    pub thread_id: Uuid,
    pub store_id: Uuid,
    /// Newest first, at most 100.
    pub messages: Vec<crate::chat::model::ChatMessage>,
}

/// A request as admins see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminRequest {
    pub request: PartRequest,
    pub customer_id: Uuid,
    /// Every offer, withdrawn ones too, oldest first.
    pub offers: Vec<Offer>,
    pub history: Vec<RequestStep>,
    pub negotiations: Vec<Negotiation>,
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &RequestListQuery,
) -> ApiResult<(Vec<PartRequest>, Meta)> {
    require(state, caller, Permission::RequestsManage).await?;
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) = repo::list(
        &state.db,
        &repo::ListFilter {
            customer: None,
            status: q.status.map(RequestStatus::as_str),
            q: q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        },
        page.limit(),
        page.offset(),
    )
    .await?;
    Ok((
        rows.iter()
            .map(|r| r.for_customer(caller.client.locale))
            .collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminRequest> {
    require(state, caller, Permission::RequestsManage).await?;
    let r = repo::get(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    let offers = repo::offers_of(&state.db, id, true).await?;
    let mut negotiations = Vec::new();
    for (thread, store) in crate::chat::service::negotiations(state, id).await? {
        negotiations.push(Negotiation {
            thread_id: thread,
            store_id: store,
            messages: crate::chat::service::messages_unchecked(state, thread, 100).await?,
        });
    }
    Ok(AdminRequest {
        customer_id: r.customer_id,
        request: r.for_customer(caller.client.locale),
        offers: offers
            .iter()
            .map(|o| o.shape(caller.client.locale))
            .collect(),
        history: repo::steps(&state.db, id).await?,
        negotiations,
    })
}

/// Closes an open request with a reason: its live offers are lost, its
/// stores told; audited.
pub async fn close(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    why: &RequestReason,
) -> ApiResult<PartRequest> {
    require(state, caller, Permission::RequestsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if before.status() != RequestStatus::Open {
        return Err(not_open());
    }
    let reason = why.reason.trim();
    repo::close(
        &mut tx,
        id,
        &repo::Close {
            status: "closed",
            by: Some(caller.user_id),
            reason: Some(reason),
            offer: None,
            order: None,
        },
    )
    .await?;
    repo::settle_others(&mut tx, id, None, "lost").await?;
    let stores = repo::settle_outcomes(&mut tx, id, "closed").await?;
    repo::history(
        &mut tx,
        id,
        Some("open"),
        "closed",
        Some(caller.user_id),
        "admin",
        reason,
    )
    .await?;
    let after = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "request.close",
        "part_request",
        id,
        Some(&serde_json::json!({"status": before.status})),
        Some(&serde_json::json!({"status": after.status, "reason": reason})),
    )
    .await?;
    tx.commit().await?;
    super::emit_to_stores(
        state,
        &stores,
        "request:closed",
        &serde_json::json!({"requestId": id, "status": "closed"}),
    )
    .await;
    let to = vec![crate::realtime::rooms::user(before.customer_id)];
    state
        .realtime
        .emit(
            &to,
            "request:closed",
            &serde_json::json!({"requestId": id, "status": "closed"}),
        )
        .await;
    Ok(reread(state, id).await?.for_customer(caller.client.locale))
}
