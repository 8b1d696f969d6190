//! Store promotions: the store manages them (`products.view` to see,
//! `products.manage` to change: whoever may set a product's price may lower
//! it for a while; every write audited in its transaction), and the cart and
//! checkout price their lines with [`price`].
//!
//! The store funds the discount: it lowers the price the order is made at,
//! so the invoice, the commission and the store's settlement are all on the
//! discounted price and the platform books no promotions expense for it.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::calc::{self, Unit};
use super::model::{
    AppliedPromotion, MAX_PER_STORE, NewPromotion, PROMOTION_DEFAULT_ORDER, PROMOTION_SORTS,
    Promotion, PromotionFields, PromotionInput, PromotionQuery, PromotionRow,
};
use super::repo;
use crate::auth::Caller;
use crate::stores::access::{self, StorePermission};
use crate::{AppState, audit};

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

// ---------------------------------------------------------------- pricing

/// The best running promotion of each unit's store for that unit, in the
/// units' order (`None` where none applies). See [`calc`] for the rules.
pub async fn price(
    db: impl PgExecutor<'_>,
    units: &[Unit],
) -> ApiResult<Vec<Option<AppliedPromotion>>> {
    let mut stores: Vec<Uuid> = units.iter().map(|u| u.store_id).collect();
    stores.sort();
    stores.dedup();
    if stores.is_empty() {
        return Ok(Vec::new());
    }
    let rows = repo::running(db, &stores).await?;
    let terms: Vec<calc::Terms> = rows.iter().map(PromotionRow::terms).collect();
    Ok(units
        .iter()
        .map(|u| {
            let (t, off) = calc::best(&terms, u)?;
            let row = rows.iter().find(|r| r.id == t.id)?;
            Some(AppliedPromotion {
                id: row.id,
                name_ar: row.name_ar.clone(),
                name_en: row.name_en.clone(),
                kind: row.kind(),
                value: row.value,
                unit_discount: off,
                ends_at: row.ends_at,
            })
        })
        .collect())
}

// ---------------------------------------------------------------- store side

pub async fn list(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    q: &PromotionQuery,
) -> ApiResult<(Vec<Promotion>, Meta)> {
    access::require(state, caller, store, StorePermission::ProductsView).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(PROMOTION_SORTS, PROMOTION_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::list(&state.db, store, q.active, page, &order).await?;
    let at = now();
    Ok((
        rows.into_iter().map(|r| Promotion::of(r, at)).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// One promotion of the store; another store's is 404.
pub async fn get(state: &AppState, caller: &Caller, store: Uuid, id: Uuid) -> ApiResult<Promotion> {
    access::require(state, caller, store, StorePermission::ProductsView).await?;
    let row = repo::get(&state.db, store, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Promotion::of(row, now()))
}

/// The rules that need the database: the products are the store's, the
/// categories exist (only ids not already on the promotion are checked, so
/// a product deleted later does not block unrelated edits), and a new or
/// moved end is still to come.
async fn check_stored(
    tx: &mut PgConnection,
    store: Uuid,
    f: &PromotionFields,
    before: Option<&PromotionFields>,
) -> ApiResult<()> {
    let mut e = FieldErrors::new();
    let fresh = |ids: &[Uuid], known: Option<&Vec<Uuid>>| -> Vec<Uuid> {
        ids.iter()
            .filter(|id| known.is_none_or(|k| !k.contains(id)))
            .copied()
            .collect()
    };
    let products = fresh(&f.product_ids, before.map(|b| &b.product_ids));
    if !products.is_empty() {
        let ours = repo::products_of_store(&mut *tx, store, &products).await?;
        for id in products.iter().filter(|id| !ours.contains(id)) {
            e.add(
                "productIds",
                Message::new("promotions-validation-product-unknown").arg("id", id.to_string()),
            );
        }
    }
    let categories = fresh(&f.category_ids, before.map(|b| &b.category_ids));
    if !categories.is_empty() {
        let live = repo::live_categories(&mut *tx, &categories).await?;
        for id in categories.iter().filter(|id| !live.contains(id)) {
            e.add(
                "categoryIds",
                Message::new("promotions-validation-category-unknown").arg("id", id.to_string()),
            );
        }
    }
    if before.is_none_or(|b| b.ends_at != f.ends_at) && f.ends_at <= now() {
        e.add("endsAt", Message::new("promotions-validation-ends-past"));
    }
    e.into_result()
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    req: &NewPromotion,
) -> ApiResult<Promotion> {
    access::require(state, caller, store, StorePermission::ProductsManage).await?;
    let fields = req.0.resolve(None)?;
    let mut tx = state.db.begin().await?;
    check_stored(&mut tx, store, &fields, None).await?;
    if repo::count_locked(&mut tx, store).await? >= MAX_PER_STORE {
        return Err(ApiError::Conflict {
            code: "TOO_MANY_PROMOTIONS",
            message: Message::new("promotions-too-many").arg("max", MAX_PER_STORE),
        });
    }
    let row = repo::insert(&mut tx, store, &fields, caller.user_id).await?;
    let promotion = Promotion::of(row, now());
    audit::record(
        &mut *tx,
        caller,
        "store_promotion.create",
        "store_promotion",
        promotion.id,
        None::<&()>,
        Some(&promotion),
    )
    .await?;
    tx.commit().await?;
    Ok(promotion)
}

/// Changes the present fields; the result is checked as a whole. Carts are
/// priced by it at once; orders already placed keep the price they got.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    req: &PromotionInput,
) -> ApiResult<Promotion> {
    access::require(state, caller, store, StorePermission::ProductsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, store, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let old = before.fields();
    let fields = req.resolve(Some(&old))?;
    check_stored(&mut tx, store, &fields, Some(&old)).await?;
    let at = now();
    let after = Promotion::of(
        repo::update(&mut tx, id, &fields, caller.user_id).await?,
        at,
    );
    audit::record(
        &mut *tx,
        caller,
        "store_promotion.update",
        "store_promotion",
        id,
        Some(&Promotion::of(before, at)),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-deletes the promotion: it stops pricing carts at once; orders that
/// got it keep it.
pub async fn delete(state: &AppState, caller: &Caller, store: Uuid, id: Uuid) -> ApiResult<()> {
    access::require(state, caller, store, StorePermission::ProductsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, store, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::soft_delete(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store_promotion.delete",
        "store_promotion",
        id,
        Some(&Promotion::of(before, now())),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
