//! A user's activity, next to the audit log: their sign-ins (each session,
//! from where, and how it ended), their registered devices, and the actions
//! they took that the audit log recorded.

use serde::Serialize;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::permissions::{Permission, holds, require};
use crate::AppState;
use crate::audit::model::{AuditEntry, AuditQuery};
use crate::auth::Caller;
use crate::identity::model::SignIn;
use crate::identity::service as identity;
use crate::notifications::model::Device;

/// How much of each the view shows: the latest, enough to spot a pattern.
const SIGN_INS: i64 = 50;
const ACTIONS: u32 = 50;

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserActivity {
    pub sign_ins: Vec<SignIn>,
    /// Sessions still open.
    pub open_sessions: usize,
    pub devices: Vec<Device>,
    /// Their audited actions, newest first; absent when the caller may not
    /// read the audit log (`audit.view`).
    pub actions: Option<Vec<AuditEntry>>,
}

pub async fn activity(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<UserActivity> {
    require(state, caller, Permission::UsersView).await?;
    identity::user_by_id(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let sign_ins = identity::sign_ins(state, id, SIGN_INS).await?;
    let devices = crate::notifications::service::devices_of(state, id).await?;
    let actions = if holds(state, caller, Permission::AuditView).await? {
        let q = AuditQuery {
            actor_id: Some(id),
            entity_type: None,
            entity_id: None,
            action: None,
            page: Some(1),
            per_page: Some(ACTIONS),
            sort: Some("-createdAt".into()),
        };
        Some(crate::audit::service::list(state, caller, &q).await?.0)
    } else {
        None
    };
    Ok(UserActivity {
        open_sessions: sign_ins.iter().filter(|s| s.revoked_at.is_none()).count(),
        sign_ins,
        devices,
        actions,
    })
}
