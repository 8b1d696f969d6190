//! What customers see of stores: one active store, and active stores
//! around a point, nearest first.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use kernel::pagination::{Page, PageQuery};
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use crate::AppState;
use crate::stores::model::{Around, NearbyStore, NearestQuery, PublicStore, ServiceView, StoreRow};
use crate::stores::repo;

async fn services_by_type(
    db: &mut PgConnection,
    types: &[Uuid],
) -> ApiResult<Vec<(Uuid, ServiceView)>> {
    Ok(repo::type_services(&mut *db, types)
        .await?
        .into_iter()
        .map(|l| (l.store_type_id, l.view()))
        .collect())
}

fn public_view(row: StoreRow, services: &[(Uuid, ServiceView)]) -> PublicStore {
    let mine = services
        .iter()
        .filter(|(t, _)| *t == row.store_type_id)
        .map(|(_, s)| s.clone())
        .collect();
    PublicStore::new(row, mine)
}

/// An active store of an approved company; 404 for any other.
pub async fn store(state: &AppState, id: Uuid) -> ApiResult<PublicStore> {
    let mut conn = state.db.acquire().await?;
    let row = repo::public_store(&mut *conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let services = services_by_type(&mut conn, &[row.store_type_id]).await?;
    Ok(public_view(row, &services))
}

/// The smallest radius searched, in metres.
const MIN_RADIUS_M: f64 = 1.0;

/// Active stores around a point, nearest first.
pub async fn nearest(state: &AppState, q: &NearestQuery) -> ApiResult<(Vec<NearbyStore>, Meta)> {
    let mut e = FieldErrors::new();
    let page = PageQuery::check(&q.paging(), &mut e);
    let point = q.point(&mut e);
    e.into_result()?;
    let point = point.expect("validated");
    let slug = q
        .store_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let at = Around {
        lat: point.lat,
        lng: point.lng,
        // A radius of a few metres is as fine as a stored point; below that
        // `earth_box` underflows (a float8 error, not an empty answer).
        radius_m: (point.radius_km * 1000.0).max(MIN_RADIUS_M),
        type_slug: slug,
    };
    let (rows, total) = repo::nearest(&state.db, at, page).await?;
    let mut types: Vec<Uuid> = rows.iter().map(|r| r.store.store_type_id).collect();
    types.sort();
    types.dedup();
    let mut conn = state.db.acquire().await?;
    let services = services_by_type(&mut conn, &types).await?;
    let out = rows
        .into_iter()
        .map(|r| NearbyStore {
            distance_km: (r.distance_m / 10.0).round() / 100.0,
            store: public_view(r.store, &services),
        })
        .collect();
    Ok((out, Meta::new(page.page, page.per_page, total)))
}

/// The plan PostgreSQL picks for the nearest-first search, one line per row
/// (for operators and the test that keeps the `stores_earth` index in use).
pub async fn explain_nearest(db: &PgPool, at: Around<'_>, page: Page) -> ApiResult<String> {
    Ok(repo::explain_nearest(db, at, page).await?)
}

/// A store's names (Arabic, English), for messages about it; empty when it
/// does not exist.
pub async fn names(db: impl sqlx::PgExecutor<'_>, id: Uuid) -> ApiResult<(String, String)> {
    Ok(repo::store(db, id)
        .await?
        .map(|s| (s.name_ar, s.name_en))
        .unwrap_or_default())
}
