//! A product's shipping weight and size, set by its store (owner or
//! `products.manage`); another store's product is 404.

use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::super::model::ProductShipping;
use super::super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::stores::access::{self, StorePermission};

pub async fn get(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    product: Uuid,
) -> ApiResult<ProductShipping> {
    access::require(state, caller, store, StorePermission::ProductsView).await?;
    repo::product_shipping(&state.db, store, product)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn set(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    product: Uuid,
    req: &ProductShipping,
) -> ApiResult<ProductShipping> {
    access::require(state, caller, store, StorePermission::ProductsManage).await?;
    repo::set_product_shipping(&state.db, store, product, req, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)
}
