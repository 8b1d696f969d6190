//! SQL of the stores' declared coverage.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::requests::model::Named;

pub async fn coverage(
    db: impl PgExecutor<'_> + Copy,
    store: Uuid,
    ar: bool,
) -> sqlx::Result<(Vec<Named>, Vec<Named>)> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        name_ar: String,
        name_en: String,
    }
    let named = |rows: Vec<Row>| {
        rows.into_iter()
            .map(|r| Named {
                id: r.id,
                name: if ar { r.name_ar } else { r.name_en },
            })
            .collect::<Vec<_>>()
    };
    let makes: Vec<Row> = sqlx::query_as(
        "SELECT mk.id, mk.name_ar, mk.name_en FROM store_coverage v JOIN car_makes mk ON mk.id = v.make_id \
         WHERE v.store_id = $1 AND v.deleted_at IS NULL ORDER BY mk.sort_order, mk.name_en",
    )
    .bind(store)
    .fetch_all(db)
    .await?;
    let cats: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.name_ar, c.name_en FROM store_coverage v JOIN categories c ON c.id = v.category_id \
         WHERE v.store_id = $1 AND v.deleted_at IS NULL ORDER BY c.sort_order, c.name_en",
    )
    .bind(store)
    .fetch_all(db)
    .await?;
    Ok((named(makes), named(cats)))
}

/// Which of `ids` are live makes, and which of `cats` live categories.
pub async fn known(
    db: impl PgExecutor<'_> + Copy,
    makes: &[Uuid],
    cats: &[Uuid],
) -> sqlx::Result<(Vec<Uuid>, Vec<Uuid>)> {
    let m =
        sqlx::query_scalar("SELECT id FROM car_makes WHERE id = ANY($1) AND deleted_at IS NULL")
            .bind(makes)
            .fetch_all(db)
            .await?;
    let c =
        sqlx::query_scalar("SELECT id FROM categories WHERE id = ANY($1) AND deleted_at IS NULL")
            .bind(cats)
            .fetch_all(db)
            .await?;
    Ok((m, c))
}

/// Replaces the store's coverage: what is no longer declared is soft-deleted,
/// what is new is added.
pub async fn replace_coverage(
    conn: &mut PgConnection,
    store: Uuid,
    makes: &[Uuid],
    cats: &[Uuid],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE store_coverage SET deleted_at = now(), updated_at = now(), updated_by = $4 \
         WHERE store_id = $1 AND deleted_at IS NULL \
           AND NOT (COALESCE(make_id = ANY($2), false) OR COALESCE(category_id = ANY($3), false))",
    )
    .bind(store)
    .bind(makes)
    .bind(cats)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO store_coverage (id, store_id, make_id, created_by, updated_by) \
         SELECT gen_random_uuid(), $1, m, $3, $3 FROM unnest($2::uuid[]) AS m \
         ON CONFLICT (store_id, make_id) WHERE make_id IS NOT NULL AND deleted_at IS NULL DO NOTHING",
    )
    .bind(store)
    .bind(makes)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO store_coverage (id, store_id, category_id, created_by, updated_by) \
         SELECT gen_random_uuid(), $1, c, $3, $3 FROM unnest($2::uuid[]) AS c \
         ON CONFLICT (store_id, category_id) WHERE category_id IS NOT NULL AND deleted_at IS NULL DO NOTHING",
    )
    .bind(store)
    .bind(cats)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}
