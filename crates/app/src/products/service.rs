//! Product rules: who may write (the store-access check), the lifecycle
//! draft → pending approval → active | rejected, re-approval on content
//! edits, and what customers may see.

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{
    NewProduct, Product, ProductCard, ProductFields, ProductPatch, ProductStatus, ProductSummary,
};
use super::repo::{self, ProductRow};
use super::search::{SearchPage, SearchRequest};
use crate::AppState;
use crate::admin::permissions::{Permission, require as require_admin};
use crate::audit;
use crate::auth::Caller;
use crate::stores::access::{StorePermission, require};

/// The normalised text a product is found by.
pub fn search_text(fields: &ProductFields<'_>, related: &str) -> String {
    let mut text = kernel::text::normalize(&format!(
        "{} {} {} {} {} {} {}",
        fields.name_ar,
        fields.name_en,
        fields.description_ar,
        fields.description_en,
        fields.brand.unwrap_or(""),
        fields.oem_numbers.join(" "),
        related
    ));
    for code in fields.oem_numbers {
        text.push(' ');
        text.push_str(&kernel::text::compact_code(code).to_lowercase());
    }
    text
}

/// The search text a write would give the stored product `id` now, in the
/// caller's transaction (the row locked); `None` for no live product. Data
/// written around the API (the scale generator) is checked against it.
pub async fn current_search_text(
    tx: &mut sqlx::PgConnection,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    let Some(row) = repo::lock(tx, None, id).await? else {
        return Ok(None);
    };
    let related = repo::related_names(&mut *tx, id).await?;
    let fields = ProductFields {
        category_id: row.category_id,
        name_ar: &row.name_ar,
        name_en: &row.name_en,
        description_ar: &row.description_ar,
        description_en: &row.description_en,
        condition: super::model::Condition::from_db(&row.condition),
        brand: row.brand.as_deref(),
        oem_numbers: &row.oem_numbers,
        price: row.price,
        stock: row.stock,
        sku: row.sku.as_deref(),
    };
    Ok(Some(search_text(&fields, &related)))
}

async fn check_references(
    state: &AppState,
    caller: &Caller,
    category: Option<Uuid>,
    fitment: Option<&[super::model::FitmentInput]>,
    images: Option<&[Uuid]>,
) -> ApiResult<()> {
    let mut e = FieldErrors::new();
    let (category_ok, bad) =
        repo::missing_references(&state.db, category, fitment.unwrap_or(&[])).await?;
    if !category_ok {
        e.add("categoryId", Message::new("products-unknown-reference"));
    }
    for i in bad {
        e.add(
            format!("fitment[{i}]"),
            Message::new("products-unknown-vehicle"),
        );
    }
    if let Some(images) = images
        && !images.is_empty()
    {
        let mut unique = images.to_vec();
        unique.sort();
        unique.dedup();
        if unique.len() != images.len()
            || repo::owned_images(&state.db, &unique, caller.user_id).await? != unique.len() as i64
        {
            e.add("imageIds", Message::new("products-unknown-image"));
        }
    }
    e.into_result()
}

async fn refresh_search_text(
    tx: &mut sqlx::PgConnection,
    id: Uuid,
    fields: &ProductFields<'_>,
) -> ApiResult<()> {
    let related = repo::related_names(&mut *tx, id).await?;
    repo::set_search_text(&mut *tx, id, &search_text(fields, &related)).await?;
    Ok(())
}

async fn partner_detail(state: &AppState, store_id: Uuid, id: Uuid) -> ApiResult<Product> {
    repo::detail(&state.db, id, Some(store_id), false)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    req: &NewProduct,
) -> ApiResult<Product> {
    require(state, caller, store_id, StorePermission::ProductsManage).await?;
    check_references(
        state,
        caller,
        req.category_id,
        Some(&req.fitment),
        Some(&req.image_ids),
    )
    .await?;
    let fields = ProductFields {
        category_id: req.category_id,
        name_ar: req.name_ar.trim(),
        name_en: req.name_en.trim(),
        description_ar: req.description_ar.trim(),
        description_en: req.description_en.trim(),
        condition: req.condition,
        brand: req
            .brand
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty()),
        oem_numbers: &req.oem_numbers,
        price: req.price,
        stock: req.stock,
        sku: req.sku.as_deref(),
    };
    let status = if req.submit {
        ProductStatus::PendingApproval
    } else {
        ProductStatus::Draft
    };
    let mut tx = state.db.begin().await?;
    let id = repo::insert(&mut tx, store_id, &fields, status, caller.user_id).await?;
    repo::replace_variants(&mut tx, id, &req.variants, caller.user_id).await?;
    repo::replace_fitment(&mut tx, id, &req.fitment, caller.user_id).await?;
    repo::replace_images(&mut tx, id, &req.image_ids, caller.user_id).await?;
    refresh_search_text(&mut tx, id, &fields).await?;
    audit::record(
        &mut *tx,
        caller,
        "product.create",
        "product",
        id,
        None::<&()>,
        Some(&serde_json::json!({"storeId": store_id, "nameEn": fields.name_en, "status": status})),
    )
    .await?;
    tx.commit().await?;
    partner_detail(state, store_id, id).await
}

async fn locked(tx: &mut sqlx::PgConnection, store_id: Uuid, id: Uuid) -> ApiResult<ProductRow> {
    repo::lock(tx, Some(store_id), id)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    id: Uuid,
    patch: &ProductPatch,
) -> ApiResult<Product> {
    require(state, caller, store_id, StorePermission::ProductsManage).await?;
    let mut tx = state.db.begin().await?;
    let current = locked(&mut tx, store_id, id).await?;
    let category = patch.category_id.or(current.category_id);
    check_references(
        state,
        caller,
        category,
        patch.fitment.as_deref(),
        patch.image_ids.as_deref(),
    )
    .await?;
    let oem = patch
        .oem_numbers
        .clone()
        .unwrap_or_else(|| current.oem_numbers.clone());
    let fields = ProductFields {
        category_id: category,
        name_ar: patch
            .name_ar
            .as_deref()
            .map(str::trim)
            .unwrap_or(&current.name_ar),
        name_en: patch
            .name_en
            .as_deref()
            .map(str::trim)
            .unwrap_or(&current.name_en),
        description_ar: patch
            .description_ar
            .as_deref()
            .map(str::trim)
            .unwrap_or(&current.description_ar),
        description_en: patch
            .description_en
            .as_deref()
            .map(str::trim)
            .unwrap_or(&current.description_en),
        condition: patch
            .condition
            .unwrap_or_else(|| super::model::Condition::from_db(&current.condition)),
        brand: match &patch.brand {
            Some(b) => Some(b.trim()).filter(|b| !b.is_empty()),
            None => current.brand.as_deref(),
        },
        oem_numbers: &oem,
        price: patch.price.unwrap_or(current.price),
        stock: patch.stock.unwrap_or(current.stock),
        sku: patch.sku.as_deref().or(current.sku.as_deref()),
    };
    repo::update(&mut tx, id, &fields, caller.user_id).await?;
    if let Some(v) = &patch.variants {
        repo::replace_variants(&mut tx, id, v, caller.user_id).await?;
    }
    if let Some(f) = &patch.fitment {
        repo::replace_fitment(&mut tx, id, f, caller.user_id).await?;
    }
    if let Some(i) = &patch.image_ids {
        repo::replace_images(&mut tx, id, i, caller.user_id).await?;
    }
    let before = ProductStatus::from_db(&current.status);
    // Customers must never see content an admin has not reviewed.
    if patch.touches_content() {
        refresh_search_text(&mut tx, id, &fields).await?;
        if before == ProductStatus::Active {
            repo::set_status(
                &mut *tx,
                id,
                ProductStatus::PendingApproval,
                None,
                caller.user_id,
            )
            .await?;
        }
    }
    audit::record(
        &mut *tx,
        caller,
        "product.update",
        "product",
        id,
        Some(&serde_json::json!({"price": current.price, "stock": current.stock, "status": before})),
        Some(&serde_json::json!({"price": fields.price, "stock": fields.stock, "contentChanged": patch.touches_content()})),
    )
    .await?;
    tx.commit().await?;
    partner_detail(state, store_id, id).await
}

async fn transition(
    caller: &Caller,
    row: ProductRow,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    from: &[ProductStatus],
    to: ProductStatus,
    reason: Option<&str>,
    action: &str,
) -> ApiResult<()> {
    let current = ProductStatus::from_db(&row.status);
    if !from.contains(&current) {
        return Err(ApiError::conflict(
            "ILLEGAL_TRANSITION",
            "products-illegal-transition",
        ));
    }
    repo::set_status(&mut *tx, row.id, to, reason, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        action,
        "product",
        row.id,
        Some(&serde_json::json!({"status": current})),
        Some(&serde_json::json!({"status": to, "reason": reason})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn submit(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    id: Uuid,
) -> ApiResult<Product> {
    require(state, caller, store_id, StorePermission::ProductsManage).await?;
    let mut tx = state.db.begin().await?;
    let row = locked(&mut tx, store_id, id).await?;
    transition(
        caller,
        row,
        tx,
        &[ProductStatus::Draft, ProductStatus::Rejected],
        ProductStatus::PendingApproval,
        None,
        "product.submit",
    )
    .await?;
    partner_detail(state, store_id, id).await
}

pub async fn delete(state: &AppState, caller: &Caller, store_id: Uuid, id: Uuid) -> ApiResult<()> {
    require(state, caller, store_id, StorePermission::ProductsManage).await?;
    let mut tx = state.db.begin().await?;
    let row = locked(&mut tx, store_id, id).await?;
    repo::soft_delete(&mut *tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "product.delete",
        "product",
        id,
        Some(&serde_json::json!({"status": row.status})),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn partner_get(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    id: Uuid,
) -> ApiResult<Product> {
    require(state, caller, store_id, StorePermission::ProductsView).await?;
    partner_detail(state, store_id, id).await
}

pub async fn partner_list(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    status: Option<ProductStatus>,
    page: kernel::pagination::Page,
) -> ApiResult<(Vec<ProductSummary>, Meta)> {
    require(state, caller, store_id, StorePermission::ProductsView).await?;
    let (total, ids) =
        repo::store_page(&state.db, store_id, status, page.limit(), page.offset()).await?;
    let rows = repo::summaries(&state.db, &ids).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

/// What customers see: active products of active stores of approved
/// companies, with the store's promotion running now.
pub async fn public_get(state: &AppState, id: Uuid) -> ApiResult<Product> {
    let mut p = repo::detail(&state.db, id, None, true)
        .await?
        .ok_or(ApiError::NotFound)?;
    let unit = crate::promotions::Unit {
        store_id: p.store_id,
        product_id: p.id,
        category_id: p.category.as_ref().map(|c| c.id),
        price: p.price,
    };
    p.promotion = crate::promotions::price(&state.db, &[unit])
        .await?
        .pop()
        .flatten();
    Ok(p)
}

/// Whether the active product `id` fits the caller's car `car` (by the same
/// fitment keys search uses); 404 for an unknown product, 422 for a car not
/// in the caller's garage.
pub async fn fits(state: &AppState, caller: &Caller, id: Uuid, car: Uuid) -> ApiResult<bool> {
    let Some((fit, _)) = crate::garage::car_of(&state.db, caller.user_id, car).await? else {
        return Err(ApiError::Validation(FieldErrors::single(
            "carId",
            Message::new("garage-car-unknown"),
        )));
    };
    repo::detail(&state.db, id, None, true)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(repo::fits(&state.db, id, fit.make_id, fit.model_id, fit.year).await?)
}

pub async fn search(
    state: &AppState,
    req: &SearchRequest,
) -> ApiResult<(Vec<ProductCard>, SearchPage)> {
    let page = state.search.search(req).await?;
    let ids: Vec<(Uuid, Option<f64>)> = page.hits.iter().map(|h| (h.id, h.distance_km)).collect();
    let cards = repo::cards(&state.db, &ids).await?;
    Ok((cards, page))
}

pub async fn review_queue(
    state: &AppState,
    caller: &Caller,
    status: ProductStatus,
    page: kernel::pagination::Page,
) -> ApiResult<(Vec<ProductSummary>, Meta)> {
    require_admin(state, caller, Permission::ProductsApprove).await?;
    let (total, ids) = repo::review_queue(&state.db, status, page.limit(), page.offset()).await?;
    let rows = repo::summaries(&state.db, &ids).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

pub async fn review(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    approve: bool,
    reason: Option<&str>,
) -> ApiResult<Product> {
    require_admin(state, caller, Permission::ProductsApprove).await?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock(&mut tx, None, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (to, action) = if approve {
        (ProductStatus::Active, "product.approve")
    } else {
        (ProductStatus::Rejected, "product.reject")
    };
    transition(
        caller,
        row,
        tx,
        &[ProductStatus::PendingApproval],
        to,
        reason,
        action,
    )
    .await?;
    repo::detail(&state.db, id, None, false)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Any product, whatever its status or store, for those who review products
/// (`products.approve`).
pub async fn admin_get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Product> {
    require_admin(state, caller, Permission::ProductsApprove).await?;
    repo::detail(&state.db, id, None, false)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Turns query parameters into a search with ids: unknown makes, models or
/// categories are named back to the client rather than silently ignored.
pub async fn resolve_search(
    state: &AppState,
    p: &super::params::SearchParams,
    caller: Option<&Caller>,
) -> ApiResult<SearchRequest> {
    let mut e = p.shape_errors();
    let unknown = || Message::new("products-unknown-reference");
    let car = match (p.car_id, caller) {
        (Some(id), Some(c)) => crate::garage::car_of(&state.db, c.user_id, id).await?,
        _ => None,
    };
    if p.car_id.is_some() && car.is_none() {
        e.add("carId", Message::new("garage-car-unknown"));
    }
    let mut make_id = None;
    if let Some(m) = p.make.as_deref().filter(|m| !m.is_empty()) {
        make_id = repo::resolve_make(&state.db, m).await?;
        if make_id.is_none() {
            e.add("make", unknown());
        }
    }
    let mut model_id = None;
    if let Some(m) = p.model.as_deref().filter(|m| !m.is_empty()) {
        match repo::resolve_model(&state.db, m, make_id).await? {
            Some((model, make)) => {
                model_id = Some(model);
                make_id = Some(make);
            }
            None => {
                e.add("model", unknown());
            }
        }
    }
    let mut category_ids = None;
    if let Some(c) = p.category.as_deref().filter(|c| !c.is_empty()) {
        let ids = repo::category_subtree(&state.db, c).await?;
        if ids.is_empty() {
            e.add("category", unknown());
        }
        category_ids = Some(ids);
    }
    e.into_result()?;
    let page = p.paging().check(&mut FieldErrors::new());
    let (make_id, model_id, year) = match car {
        Some((fit, _)) => (Some(fit.make_id), Some(fit.model_id), Some(fit.year)),
        None => (make_id, model_id, p.year),
    };
    Ok(SearchRequest {
        text: p.q.clone().filter(|q| !q.trim().is_empty()),
        make_id,
        model_id,
        year,
        category_ids,
        condition: p.condition,
        min_price: p.min_price,
        max_price: p.max_price,
        store_id: p.store_id,
        origin: p.origin(),
        order: p.order(),
        limit: page.limit(),
        offset: page.offset(),
    })
}
