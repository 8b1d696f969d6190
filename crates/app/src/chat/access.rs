//! Who may read and write a thread: its participants; for store threads the
//! store's staff holding `orders.view`; for support threads staff holding
//! `support.manage`. Everyone else gets 404, as if it did not exist.

use kernel::{ApiError, ApiResult};

use super::model::{ThreadKind, ThreadRow};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, holds};
use crate::auth::Caller;
use crate::stores::access as store_access;

/// The caller's role in the thread (`customer`, `store`, `rep`, `staff`), or 404.
pub async fn role_in(state: &AppState, caller: &Caller, t: &ThreadRow) -> ApiResult<&'static str> {
    if t.customer_id == caller.user_id {
        return Ok("customer");
    }
    match t.kind() {
        ThreadKind::CustomerStore | ThreadKind::Negotiation => {
            let store = t.store_id.ok_or(ApiError::NotFound)?;
            let standing = store_access::standing(state, caller, store).await;
            match standing {
                Ok(a) if a.allows(super::service::store_permission(t.kind())) => Ok("store"),
                _ => Err(ApiError::NotFound),
            }
        }
        ThreadKind::CustomerRep => {
            if t.rep_id == Some(caller.user_id) {
                Ok("rep")
            } else {
                Err(ApiError::NotFound)
            }
        }
        ThreadKind::Support => {
            if holds(state, caller, Permission::SupportManage).await? {
                Ok("staff")
            } else {
                Err(ApiError::NotFound)
            }
        }
    }
}

/// The thread if the caller is a party to it, else 404.
pub async fn thread_for(
    state: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
) -> ApiResult<(ThreadRow, &'static str)> {
    let t = repo::thread(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let role = role_in(state, caller, &t).await?;
    Ok((t, role))
}
