use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::{CashbackRule, NewCashbackRule};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;

pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<CashbackRule>> {
    require(state, caller, Permission::CouponsManage).await?;
    Ok(repo::list(&state.db).await?)
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: &NewCashbackRule,
) -> ApiResult<CashbackRule> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut tx = state.db.begin().await?;
    let rule = repo::insert(&mut *tx, req, caller.user_id).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "cashback.create",
        "cashback_rule",
        rule.id,
        None::<&()>,
        Some(&rule),
    )
    .await?;
    tx.commit().await?;
    Ok(rule)
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut tx = state.db.begin().await?;
    let rule = repo::delete(&mut *tx, id, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "cashback.delete",
        "cashback_rule",
        id,
        Some(&rule),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
