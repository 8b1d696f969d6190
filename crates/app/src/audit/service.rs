use serde::Serialize;
use sqlx::PgExecutor;

use kernel::{ApiResult, FieldErrors, Meta};

use super::model::{AUDIT_DEFAULT_ORDER, AUDIT_SORTS, AuditEntry, AuditQuery};
use super::repo::{self, NewEntry};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;

/// Writes one audit row in the caller's transaction, so the trail and the
/// change it describes commit or roll back together.
pub async fn record<B: Serialize, A: Serialize>(
    db: impl PgExecutor<'_>,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    record_returning(db, caller, action, entity_type, entity_id, before, after).await?;
    Ok(())
}

/// [`record`], answering the row's id.
pub async fn record_returning<B: Serialize, A: Serialize>(
    db: impl PgExecutor<'_>,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<uuid::Uuid> {
    Ok(repo::insert(
        db,
        NewEntry {
            actor_id: Some(caller.user_id),
            actor_role: Some(caller.role.as_str()),
            action,
            entity_type,
            entity_id: Some(entity_id.to_string()),
            before: before.map(to_json),
            after: after.map(to_json),
            request_id: Some(&caller.client.request_id),
            ip: Some(&caller.client.ip),
        },
    )
    .await?)
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &AuditQuery,
) -> ApiResult<(Vec<AuditEntry>, Meta)> {
    require(state, caller, Permission::AuditView).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(AUDIT_SORTS, AUDIT_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::list(&state.db, q, page, &order).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}
