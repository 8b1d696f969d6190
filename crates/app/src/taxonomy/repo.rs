//! SQL of the taxonomy tables. Ordinary reads see live rows only; the
//! `lock_*` functions take the row locks the service's rules rely on.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{BodyType, CarMake, CarModelRow, Category};

const MAKE: &str = "id, slug, name_ar, name_en, sort_order";
const BODY: &str = "id, slug, name_ar, name_en";
const CATEGORY: &str = "id, parent_id, slug, name_ar, name_en, sort_order";
const MODEL: &str = "m.id, m.make_id, m.slug, m.name_ar, m.name_en, m.year_from, m.year_to, \
    m.body_type_id, bt.slug AS bt_slug, bt.name_ar AS bt_name_ar, bt.name_en AS bt_name_en";
const MODEL_FROM: &str = "car_models m \
    LEFT JOIN body_types bt ON bt.id = m.body_type_id AND bt.deleted_at IS NULL";

/// `Share` (`FOR KEY SHARE`) keeps a referenced row alive until the
/// referencing write commits; `Update` is taken by whoever changes or deletes it.
#[derive(Clone, Copy)]
pub enum Lock {
    Share,
    Update,
}

impl Lock {
    fn sql(self) -> &'static str {
        match self {
            Lock::Share => "FOR KEY SHARE",
            Lock::Update => "FOR UPDATE",
        }
    }
}

// ---- Makes -------------------------------------------------------------------

pub async fn makes(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<CarMake>> {
    sqlx::query_as(&format!(
        "SELECT {MAKE} FROM car_makes WHERE deleted_at IS NULL ORDER BY sort_order, name_en, id"
    ))
    .fetch_all(db)
    .await
}

pub async fn lock_make(
    tx: &mut PgConnection,
    id: Uuid,
    lock: Lock,
) -> sqlx::Result<Option<CarMake>> {
    sqlx::query_as(&format!(
        "SELECT {MAKE} FROM car_makes WHERE id = $1 AND deleted_at IS NULL {}",
        lock.sql()
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn make(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<CarMake>> {
    sqlx::query_as(&format!(
        "SELECT {MAKE} FROM car_makes WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn save_make(
    tx: &mut PgConnection,
    m: &CarMake,
    by: Uuid,
    insert: bool,
) -> sqlx::Result<CarMake> {
    let sql = if insert {
        format!(
            "INSERT INTO car_makes (id, slug, name_ar, name_en, sort_order, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {MAKE}"
        )
    } else {
        format!(
            "UPDATE car_makes SET slug = $2, name_ar = $3, name_en = $4, sort_order = $5, \
               updated_by = $6, updated_at = now() WHERE id = $1 RETURNING {MAKE}"
        )
    };
    sqlx::query_as(&sql)
        .bind(m.id)
        .bind(&m.slug)
        .bind(&m.name_ar)
        .bind(&m.name_en)
        .bind(m.sort_order)
        .bind(by)
        .fetch_one(tx)
        .await
}

// ---- Body types ---------------------------------------------------------------

pub async fn body_types(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<BodyType>> {
    sqlx::query_as(&format!(
        "SELECT {BODY} FROM body_types WHERE deleted_at IS NULL ORDER BY name_en, id"
    ))
    .fetch_all(db)
    .await
}

pub async fn lock_body_type(
    tx: &mut PgConnection,
    id: Uuid,
    lock: Lock,
) -> sqlx::Result<Option<BodyType>> {
    sqlx::query_as(&format!(
        "SELECT {BODY} FROM body_types WHERE id = $1 AND deleted_at IS NULL {}",
        lock.sql()
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn save_body_type(
    tx: &mut PgConnection,
    b: &BodyType,
    by: Uuid,
    insert: bool,
) -> sqlx::Result<BodyType> {
    let sql = if insert {
        format!(
            "INSERT INTO body_types (id, slug, name_ar, name_en, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING {BODY}"
        )
    } else {
        format!(
            "UPDATE body_types SET slug = $2, name_ar = $3, name_en = $4, updated_by = $5, \
               updated_at = now() WHERE id = $1 RETURNING {BODY}"
        )
    };
    sqlx::query_as(&sql)
        .bind(b.id)
        .bind(&b.slug)
        .bind(&b.name_ar)
        .bind(&b.name_en)
        .bind(by)
        .fetch_one(tx)
        .await
}

// ---- Models --------------------------------------------------------------------

pub async fn models_of(db: impl PgExecutor<'_>, make: Uuid) -> sqlx::Result<Vec<CarModelRow>> {
    sqlx::query_as(&format!(
        "SELECT {MODEL} FROM {MODEL_FROM} WHERE m.make_id = $1 AND m.deleted_at IS NULL \
         ORDER BY m.name_en, m.year_from, m.id"
    ))
    .bind(make)
    .fetch_all(db)
    .await
}

pub async fn model(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<CarModelRow>> {
    sqlx::query_as(&format!(
        "SELECT {MODEL} FROM {MODEL_FROM} WHERE m.id = $1 AND m.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_model(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<CarModelRow>> {
    sqlx::query_as(&format!(
        "SELECT {MODEL} FROM {MODEL_FROM} WHERE m.id = $1 AND m.deleted_at IS NULL FOR UPDATE OF m"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Writes every column of the model; `body_type_id` as given.
pub async fn save_model(
    tx: &mut PgConnection,
    m: &CarModelRow,
    by: Uuid,
    insert: bool,
) -> sqlx::Result<()> {
    let sql = if insert {
        "INSERT INTO car_models (id, make_id, slug, name_ar, name_en, year_from, year_to, body_type_id, \
           created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
    } else {
        "UPDATE car_models SET make_id = $2, slug = $3, name_ar = $4, name_en = $5, year_from = $6, \
           year_to = $7, body_type_id = $8, updated_by = $9, updated_at = now() WHERE id = $1"
    };
    sqlx::query(sql)
        .bind(m.id)
        .bind(m.make_id)
        .bind(&m.slug)
        .bind(&m.name_ar)
        .bind(&m.name_en)
        .bind(m.year_from)
        .bind(m.year_to)
        .bind(m.body_type_id)
        .bind(by)
        .execute(tx)
        .await
        .map(|_| ())
}

pub async fn live_models_of_make(db: impl PgExecutor<'_>, make: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM car_models WHERE make_id = $1 AND deleted_at IS NULL")
        .bind(make)
        .fetch_one(db)
        .await
}

pub async fn live_models_of_body_type(db: impl PgExecutor<'_>, body: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM car_models WHERE body_type_id = $1 AND deleted_at IS NULL",
    )
    .bind(body)
    .fetch_one(db)
    .await
}

// ---- Categories ------------------------------------------------------------------

pub async fn categories(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Category>> {
    sqlx::query_as(&format!(
        "SELECT {CATEGORY} FROM categories WHERE deleted_at IS NULL \
         ORDER BY sort_order, name_en, id"
    ))
    .fetch_all(db)
    .await
}

/// The category and every live category below it, in display order.
pub async fn subtree(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Vec<Category>> {
    sqlx::query_as(&format!(
        "WITH RECURSIVE sub AS ( \
           SELECT {CATEGORY} FROM categories WHERE id = $1 AND deleted_at IS NULL \
           UNION \
           SELECT c.id, c.parent_id, c.slug, c.name_ar, c.name_en, c.sort_order \
           FROM categories c JOIN sub ON c.parent_id = sub.id WHERE c.deleted_at IS NULL) \
         SELECT {CATEGORY} FROM sub ORDER BY sort_order, name_en, id"
    ))
    .bind(id)
    .fetch_all(db)
    .await
}

pub async fn lock_category(
    tx: &mut PgConnection,
    id: Uuid,
    lock: Lock,
) -> sqlx::Result<Option<Category>> {
    sqlx::query_as(&format!(
        "SELECT {CATEGORY} FROM categories WHERE id = $1 AND deleted_at IS NULL {}",
        lock.sql()
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Serialises moves in the tree, so two concurrent moves cannot together
/// close a cycle that neither sees alone.
pub async fn lock_tree(tx: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('qitaa.categories.tree'))")
        .execute(tx)
        .await
        .map(|_| ())
}

/// Whether `ancestor` is `id` itself or one of its ancestors.
pub async fn is_ancestor_or_self(
    db: impl PgExecutor<'_>,
    ancestor: Uuid,
    id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "WITH RECURSIVE up AS ( \
           SELECT id, parent_id FROM categories WHERE id = $2 \
           UNION \
           SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id) \
         SELECT EXISTS (SELECT 1 FROM up WHERE id = $1)",
    )
    .bind(ancestor)
    .bind(id)
    .fetch_one(db)
    .await
}

pub async fn save_category(
    tx: &mut PgConnection,
    c: &Category,
    by: Uuid,
    insert: bool,
) -> sqlx::Result<Category> {
    let sql = if insert {
        format!(
            "INSERT INTO categories (id, parent_id, slug, name_ar, name_en, sort_order, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {CATEGORY}"
        )
    } else {
        format!(
            "UPDATE categories SET parent_id = $2, slug = $3, name_ar = $4, name_en = $5, \
               sort_order = $6, updated_by = $7, updated_at = now() WHERE id = $1 RETURNING {CATEGORY}"
        )
    };
    sqlx::query_as(&sql)
        .bind(c.id)
        .bind(c.parent_id)
        .bind(&c.slug)
        .bind(&c.name_ar)
        .bind(&c.name_en)
        .bind(c.sort_order)
        .bind(by)
        .fetch_one(tx)
        .await
}

pub async fn live_children(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM categories WHERE parent_id = $1 AND deleted_at IS NULL",
    )
    .bind(id)
    .fetch_one(db)
    .await
}

// ---- Shared ------------------------------------------------------------------------

/// Soft-deletes one row of a taxonomy table.
pub async fn soft_delete(
    tx: &mut PgConnection,
    table: Table,
    id: Uuid,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "UPDATE {} SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE id = $1 AND deleted_at IS NULL",
        table.name()
    ))
    .bind(id)
    .bind(by)
    .execute(tx)
    .await
    .map(|_| ())
}

#[derive(Clone, Copy)]
pub enum Table {
    Makes,
    Models,
    BodyTypes,
    Categories,
}

impl Table {
    /// The `entity_type` of its audit rows.
    pub fn entity(self) -> &'static str {
        match self {
            Table::Makes => "car_make",
            Table::Models => "car_model",
            Table::BodyTypes => "body_type",
            Table::Categories => "category",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Table::Makes => "car_makes",
            Table::Models => "car_models",
            Table::BodyTypes => "body_types",
            Table::Categories => "categories",
        }
    }
}

/// Live products a category is set on, or whose fitment names a make or model.
pub async fn live_products_using(
    db: impl PgExecutor<'_>,
    category: Option<Uuid>,
    make: Option<Uuid>,
    model: Option<Uuid>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM products p WHERE p.deleted_at IS NULL AND ( \
           p.category_id = $1 \
           OR EXISTS (SELECT 1 FROM product_fitments f WHERE f.product_id = p.id \
                      AND (f.make_id = $2 OR f.model_id = $3)))",
    )
    .bind(category)
    .bind(make)
    .bind(model)
    .fetch_one(db)
    .await
}

/// A live model of a live make: its make and years (`year_to` NULL: still sold).
pub async fn model_years(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> sqlx::Result<Option<(Uuid, i32, Option<i32>)>> {
    sqlx::query_as(
        "SELECT md.make_id, md.year_from, md.year_to FROM car_models md \
         JOIN car_makes mk ON mk.id = md.make_id AND mk.deleted_at IS NULL \
         WHERE md.id = $1 AND md.deleted_at IS NULL",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn category_exists(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1 AND deleted_at IS NULL)",
    )
    .bind(id)
    .fetch_one(db)
    .await
}
