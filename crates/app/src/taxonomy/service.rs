//! Rules of the taxonomy: public reads of live rows; admin changes guarded by
//! `catalog.manage`, each in one transaction with its audit row. Referenced
//! rows are locked (`FOR KEY SHARE`) while a write points at them, and a
//! deleted row is locked `FOR UPDATE`, so a delete and a new reference to the
//! same row cannot both succeed.

use serde::Serialize;
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{
    BodyType, BodyTypePatch, CarMake, CarModel, CarModelRow, Category, CategoryNode, CategoryPatch,
    MakePatch, ModelPatch, NewBodyType, NewCategory, NewMake, NewModel, build_tree, check_years,
};
use super::repo::{self, Lock, Table};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;

// ---- Public reads -------------------------------------------------------------

pub async fn makes(state: &AppState) -> ApiResult<Vec<CarMake>> {
    Ok(repo::makes(&state.db).await?)
}

pub async fn models_of_make(state: &AppState, make: Uuid) -> ApiResult<Vec<CarModel>> {
    found(repo::make(&state.db, make).await?)?;
    let rows = repo::models_of(&state.db, make).await?;
    Ok(rows.into_iter().map(CarModel::from).collect())
}

pub async fn body_types(state: &AppState) -> ApiResult<Vec<BodyType>> {
    Ok(repo::body_types(&state.db).await?)
}

pub async fn category_tree(state: &AppState) -> ApiResult<Vec<CategoryNode>> {
    Ok(build_tree(repo::categories(&state.db).await?, None))
}

/// The makes and the category tree, for those who edit them (`catalog.manage`).
pub async fn for_editing(
    state: &AppState,
    caller: &Caller,
) -> ApiResult<(Vec<CarMake>, Vec<CategoryNode>)> {
    require(state, caller, Permission::CatalogManage).await?;
    Ok((makes(state).await?, category_tree(state).await?))
}

/// One make with its models, for those who edit them (`catalog.manage`).
pub async fn make_for_editing(
    state: &AppState,
    caller: &Caller,
    make_id: uuid::Uuid,
) -> ApiResult<(CarMake, Vec<CarModel>)> {
    require(state, caller, Permission::CatalogManage).await?;
    let make = makes(state)
        .await?
        .into_iter()
        .find(|m| m.id == make_id)
        .ok_or(ApiError::NotFound)?;
    Ok((make, models_of_make(state, make_id).await?))
}

pub async fn category(state: &AppState, id: Uuid) -> ApiResult<CategoryNode> {
    let mut rows = repo::subtree(&state.db, id).await?;
    let at = found(rows.iter().position(|c| c.id == id))?;
    let category = rows.remove(at);
    Ok(CategoryNode {
        children: build_tree(rows, Some(id)),
        category,
    })
}

// ---- Shared rules ---------------------------------------------------------------

/// A write whose refusal by a unique index means the slug is in use by a
/// live row.
fn slugged<T>(written: sqlx::Result<T>) -> ApiResult<T> {
    written.map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            ApiError::conflict("SLUG_TAKEN", "taxonomy-slug-taken")
        }
        _ => e.into(),
    })
}

fn found<T>(row: Option<T>) -> ApiResult<T> {
    row.ok_or(ApiError::NotFound)
}

/// 409 while `count` live rows still point at the row to delete.
fn refuse_in_use(count: i64, code: &'static str, key: &'static str) -> ApiResult<()> {
    if count == 0 {
        return Ok(());
    }
    Err(ApiError::Conflict {
        code,
        message: Message::new(key).arg("count", count),
    })
}

fn unknown(field: &str, key: &'static str) -> ApiError {
    ApiError::field(field, Message::new(key))
}

/// Applies the slug and names a patch carries (names trimmed).
fn patch_labels(
    (slug, name_ar, name_en): (&mut String, &mut String, &mut String),
    (new_slug, new_ar, new_en): (&Option<String>, &Option<String>, &Option<String>),
) {
    if let Some(s) = new_slug {
        slug.clone_from(s);
    }
    if let Some(n) = new_ar {
        *name_ar = n.trim().to_owned();
    }
    if let Some(n) = new_en {
        *name_en = n.trim().to_owned();
    }
}

/// One admin change of one table: checks `catalog.manage`, opens the
/// transaction, and commits it together with the audit row
/// (`<entity>.<verb>`, e.g. `car_make.update`).
struct Change<'a> {
    tx: sqlx::Transaction<'static, sqlx::Postgres>,
    caller: &'a Caller,
    table: Table,
}

impl<'a> Change<'a> {
    async fn begin(state: &AppState, caller: &'a Caller, table: Table) -> ApiResult<Self> {
        require(state, caller, Permission::CatalogManage).await?;
        let tx = state.db.begin().await?;
        Ok(Change { tx, caller, table })
    }

    async fn commit<T: Serialize>(
        mut self,
        verb: &str,
        id: Uuid,
        before: Option<&T>,
        after: Option<&T>,
    ) -> ApiResult<()> {
        let entity = self.table.entity();
        let action = format!("{entity}.{verb}");
        audit::record(
            &mut *self.tx,
            self.caller,
            &action,
            entity,
            id,
            before,
            after,
        )
        .await?;
        self.tx.commit().await?;
        Ok(())
    }

    /// Soft-deletes the (locked) row and commits.
    async fn delete<T: Serialize>(mut self, id: Uuid, before: &T) -> ApiResult<()> {
        let by = self.caller.user_id;
        repo::soft_delete(&mut self.tx, self.table, id, by).await?;
        self.commit("delete", id, Some(before), None).await
    }
}

async fn check_make(tx: &mut PgConnection, id: Uuid, e: &mut FieldErrors) -> ApiResult<()> {
    if repo::lock_make(tx, id, Lock::Share).await?.is_none() {
        e.add("makeId", Message::new("taxonomy-make-unknown"));
    }
    Ok(())
}

async fn check_body_type(
    tx: &mut PgConnection,
    id: Option<Uuid>,
    e: &mut FieldErrors,
) -> ApiResult<()> {
    if let Some(id) = id
        && repo::lock_body_type(tx, id, Lock::Share).await?.is_none()
    {
        e.add("bodyTypeId", Message::new("taxonomy-body-type-unknown"));
    }
    Ok(())
}

// ---- Makes -------------------------------------------------------------------------

pub async fn create_make(state: &AppState, caller: &Caller, req: &NewMake) -> ApiResult<CarMake> {
    let mut c = Change::begin(state, caller, Table::Makes).await?;
    let make = CarMake {
        id: Uuid::now_v7(),
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        sort_order: req.sort_order,
    };
    let make = slugged(repo::save_make(&mut c.tx, &make, caller.user_id, true).await)?;
    c.commit("create", make.id, None, Some(&make)).await?;
    Ok(make)
}

pub async fn update_make(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &MakePatch,
) -> ApiResult<CarMake> {
    let mut c = Change::begin(state, caller, Table::Makes).await?;
    let before = found(repo::lock_make(&mut c.tx, id, Lock::Update).await?)?;
    let mut make = before.clone();
    patch_labels(
        (&mut make.slug, &mut make.name_ar, &mut make.name_en),
        (&req.slug, &req.name_ar, &req.name_en),
    );
    make.sort_order = req.sort_order.unwrap_or(make.sort_order);
    let after = slugged(repo::save_make(&mut c.tx, &make, caller.user_id, false).await)?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Refused while the make has live models.
pub async fn delete_make(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Makes).await?;
    let before = found(repo::lock_make(&mut c.tx, id, Lock::Update).await?)?;
    let models = repo::live_models_of_make(&mut *c.tx, id).await?;
    refuse_in_use(models, "MAKE_HAS_MODELS", "taxonomy-make-has-models")?;
    let products = repo::live_products_using(&mut *c.tx, None, Some(id), None).await?;
    refuse_in_use(
        products,
        "IN_USE_BY_PRODUCTS",
        "taxonomy-in-use-by-products",
    )?;
    c.delete(id, &before).await
}

// ---- Body types --------------------------------------------------------------------

pub async fn create_body_type(
    state: &AppState,
    caller: &Caller,
    req: &NewBodyType,
) -> ApiResult<BodyType> {
    let mut c = Change::begin(state, caller, Table::BodyTypes).await?;
    let body = BodyType {
        id: Uuid::now_v7(),
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
    };
    let body = slugged(repo::save_body_type(&mut c.tx, &body, caller.user_id, true).await)?;
    c.commit("create", body.id, None, Some(&body)).await?;
    Ok(body)
}

pub async fn update_body_type(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &BodyTypePatch,
) -> ApiResult<BodyType> {
    let mut c = Change::begin(state, caller, Table::BodyTypes).await?;
    let before = found(repo::lock_body_type(&mut c.tx, id, Lock::Update).await?)?;
    let mut body = before.clone();
    patch_labels(
        (&mut body.slug, &mut body.name_ar, &mut body.name_en),
        (&req.slug, &req.name_ar, &req.name_en),
    );
    let after = slugged(repo::save_body_type(&mut c.tx, &body, caller.user_id, false).await)?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Refused while live models have this body type.
pub async fn delete_body_type(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::BodyTypes).await?;
    let before = found(repo::lock_body_type(&mut c.tx, id, Lock::Update).await?)?;
    let models = repo::live_models_of_body_type(&mut *c.tx, id).await?;
    refuse_in_use(models, "BODY_TYPE_IN_USE", "taxonomy-body-type-in-use")?;
    c.delete(id, &before).await
}

// ---- Models ------------------------------------------------------------------------

/// Writes the model and answers it as stored, with its body type.
async fn save_model(c: &mut Change<'_>, row: &CarModelRow, insert: bool) -> ApiResult<CarModel> {
    let by = c.caller.user_id;
    slugged(repo::save_model(&mut c.tx, row, by, insert).await)?;
    let saved = repo::model(&mut *c.tx, row.id).await?;
    Ok(CarModel::from(saved.ok_or_else(|| {
        anyhow::anyhow!("model {} vanished", row.id)
    })?))
}

pub async fn create_model(
    state: &AppState,
    caller: &Caller,
    req: &NewModel,
) -> ApiResult<CarModel> {
    let required = |field: &str| unknown(field, "validation-required");
    let make_id = req.make_id.ok_or_else(|| required("makeId"))?;
    let year_from = req.year_from.ok_or_else(|| required("yearFrom"))?;
    let mut c = Change::begin(state, caller, Table::Models).await?;
    let mut e = FieldErrors::new();
    check_make(&mut c.tx, make_id, &mut e).await?;
    check_body_type(&mut c.tx, req.body_type_id, &mut e).await?;
    e.into_result()?;
    let row = CarModelRow {
        id: Uuid::now_v7(),
        make_id,
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        year_from,
        year_to: req.year_to,
        body_type_id: req.body_type_id,
        bt_slug: None,
        bt_name_ar: None,
        bt_name_en: None,
    };
    let after = save_model(&mut c, &row, true).await?;
    c.commit("create", row.id, None, Some(&after)).await?;
    Ok(after)
}

/// Every failing field at once: an unknown make or body type, and the years
/// as they would be once merged with the stored ones.
pub async fn update_model(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &ModelPatch,
) -> ApiResult<CarModel> {
    let mut c = Change::begin(state, caller, Table::Models).await?;
    let mut row = found(repo::lock_model(&mut c.tx, id).await?)?;
    let before = CarModel::from(row.clone());
    let mut e = FieldErrors::new();
    if let Some(make) = req.make_id.filter(|m| *m != row.make_id) {
        check_make(&mut c.tx, make, &mut e).await?;
        row.make_id = make;
    }
    if let Some(body) = req.body_type_id.filter(|b| *b != row.body_type_id) {
        check_body_type(&mut c.tx, body, &mut e).await?;
        row.body_type_id = body;
    }
    patch_labels(
        (&mut row.slug, &mut row.name_ar, &mut row.name_en),
        (&req.slug, &req.name_ar, &req.name_en),
    );
    row.year_from = req.year_from.unwrap_or(row.year_from);
    row.year_to = req.year_to.unwrap_or(row.year_to);
    if req.year_from.is_some() || req.year_to.is_some() {
        check_years(&mut e, Some(row.year_from), row.year_to);
    }
    e.into_result()?;
    let after = save_model(&mut c, &row, false).await?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

pub async fn delete_model(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Models).await?;
    let before = found(repo::lock_model(&mut c.tx, id).await?)?;
    let products = repo::live_products_using(&mut *c.tx, None, None, Some(id)).await?;
    refuse_in_use(
        products,
        "IN_USE_BY_PRODUCTS",
        "taxonomy-in-use-by-products",
    )?;
    c.delete(id, &CarModel::from(before)).await
}

// ---- Categories --------------------------------------------------------------------

pub async fn create_category(
    state: &AppState,
    caller: &Caller,
    req: &NewCategory,
) -> ApiResult<Category> {
    let mut c = Change::begin(state, caller, Table::Categories).await?;
    if let Some(parent) = req.parent_id
        && repo::lock_category(&mut c.tx, parent, Lock::Share)
            .await?
            .is_none()
    {
        return Err(unknown("parentId", "taxonomy-parent-unknown"));
    }
    let category = Category {
        id: Uuid::now_v7(),
        parent_id: req.parent_id,
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        sort_order: req.sort_order,
    };
    let after = slugged(repo::save_category(&mut c.tx, &category, caller.user_id, true).await)?;
    c.commit("create", after.id, None, Some(&after)).await?;
    Ok(after)
}

/// A move under a new parent is refused when the parent is the category
/// itself or lies below it (`CATEGORY_CYCLE`, 422 on `parentId`).
pub async fn update_category(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &CategoryPatch,
) -> ApiResult<Category> {
    let mut c = Change::begin(state, caller, Table::Categories).await?;
    let moving_under = req.parent_id.flatten();
    if moving_under.is_some() {
        repo::lock_tree(&mut c.tx).await?;
    }
    let before = found(repo::lock_category(&mut c.tx, id, Lock::Update).await?)?;
    if let Some(parent) = moving_under.filter(|p| Some(*p) != before.parent_id) {
        if parent == id || repo::is_ancestor_or_self(&mut *c.tx, id, parent).await? {
            let message = Message::new("taxonomy-category-cycle");
            return Err(ApiError::Unprocessable {
                code: "CATEGORY_CYCLE",
                fields: FieldErrors::single("parentId", message.clone()),
                message,
            });
        }
        if repo::lock_category(&mut c.tx, parent, Lock::Share)
            .await?
            .is_none()
        {
            return Err(unknown("parentId", "taxonomy-parent-unknown"));
        }
    }
    let mut next = before.clone();
    next.parent_id = req.parent_id.unwrap_or(next.parent_id);
    patch_labels(
        (&mut next.slug, &mut next.name_ar, &mut next.name_en),
        (&req.slug, &req.name_ar, &req.name_en),
    );
    next.sort_order = req.sort_order.unwrap_or(next.sort_order);
    let after = slugged(repo::save_category(&mut c.tx, &next, caller.user_id, false).await)?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Refused while the category has live subcategories.
pub async fn delete_category(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Categories).await?;
    let before = found(repo::lock_category(&mut c.tx, id, Lock::Update).await?)?;
    let children = repo::live_children(&mut *c.tx, id).await?;
    refuse_in_use(
        children,
        "CATEGORY_HAS_CHILDREN",
        "taxonomy-category-has-children",
    )?;
    let products = repo::live_products_using(&mut *c.tx, Some(id), None, None).await?;
    refuse_in_use(
        products,
        "IN_USE_BY_PRODUCTS",
        "taxonomy-in-use-by-products",
    )?;
    c.delete(id, &before).await
}

/// A live model's make and years (`None` for the end: still sold); other
/// features check a vehicle with it.
pub async fn model_years(
    db: impl sqlx::PgExecutor<'_>,
    model: Uuid,
) -> ApiResult<Option<(Uuid, i32, Option<i32>)>> {
    Ok(repo::model_years(db, model).await?)
}

pub async fn category_exists(db: impl sqlx::PgExecutor<'_>, id: Uuid) -> ApiResult<bool> {
    Ok(repo::category_exists(db, id).await?)
}
