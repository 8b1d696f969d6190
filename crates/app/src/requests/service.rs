//! Store-request rules. Every change of a request or its offers locks the
//! request row first (`repo::lock`), so acceptance, offers, withdrawals,
//! cancellation and expiry of one request run one at a time, and a request
//! that stopped being open refuses the rest with 409. Live events and
//! notifications to stores go to the people of each store who hold
//! `requests.view`, after the change committed.

pub mod accept;
pub mod admin;
pub mod customer;
pub mod expiry;
pub mod photos;
pub mod store;

use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::RequestRow;
use super::repo;
use crate::AppState;
use crate::realtime::rooms;
use crate::stores::access::{self as store_access, StorePermission};

/// `REQUEST_NOT_OPEN`: accepted, cancelled, expired or closed.
fn not_open() -> ApiError {
    ApiError::conflict("REQUEST_NOT_OPEN", "requests-not-open")
}

/// The request, live (open and before its expiry), or the reason it is not.
fn live(r: RequestRow) -> ApiResult<RequestRow> {
    if r.status() != super::model::RequestStatus::Open {
        return Err(not_open());
    }
    if !r.is_live() {
        return Err(ApiError::conflict("REQUEST_EXPIRED", "requests-expired"));
    }
    Ok(r)
}

/// The people of the stores who see requests: (store, user) pairs.
async fn store_people(state: &AppState, stores: &[Uuid]) -> ApiResult<Vec<(Uuid, Uuid)>> {
    let mut out = Vec::new();
    for &s in stores {
        for u in store_access::members_with(&state.db, s, StorePermission::RequestsView).await? {
            out.push((s, u));
        }
    }
    Ok(out)
}

/// Tells the stores' request people something live, each in their user room.
async fn emit_to_stores<T: serde::Serialize>(
    state: &AppState,
    stores: &[Uuid],
    event: &str,
    data: &T,
) {
    let people = match store_people(state, stores).await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = ?e, event, "could not find the stores' people to tell");
            return;
        }
    };
    let mut to: Vec<String> = people.iter().map(|(_, u)| rooms::user(*u)).collect();
    to.sort();
    to.dedup();
    state.realtime.emit(&to, event, data).await;
}

/// The request read fresh, for answers after a change.
async fn reread(state: &AppState, id: Uuid) -> ApiResult<RequestRow> {
    repo::get(&state.db, id).await?.ok_or(ApiError::NotFound)
}
