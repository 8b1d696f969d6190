//! Who may see a request's and an offer's photos besides their uploader and
//! admins: the request's customer, and the people (holding `requests.view`)
//! of the stores the request was sent to (a request's photos) or of the
//! offering store (an offer's photos).

use uuid::Uuid;

use kernel::ApiResult;

use crate::AppState;
use crate::auth::Caller;
use crate::requests::repo;
use crate::stores::access::{self as store_access, StorePermission};

pub async fn may_see_photo(state: &AppState, caller: &Caller, media: Uuid) -> ApiResult<bool> {
    for (request, offering_store) in repo::photo_requests(&state.db, media).await? {
        let Some(r) = repo::get(&state.db, request).await? else {
            continue;
        };
        if r.customer_id == caller.user_id {
            return Ok(true);
        }
        let stores = match offering_store {
            Some(s) => vec![s],
            None => repo::matched_stores(&state.db, request).await?,
        };
        for s in stores {
            if let Ok(a) = store_access::standing(state, caller, s).await
                && a.allows(StorePermission::RequestsView)
            {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
