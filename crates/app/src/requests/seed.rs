//! Demo coverage: both demo parts shops are asked about the makes they sell
//! most and about electrical parts (lights among them).

use sqlx::PgPool;
use uuid::Uuid;

const DEMO_MAKES: [&str; 4] = ["toyota", "hyundai", "kia", "nissan"];
const DEMO_CATEGORIES: [&str; 2] = ["electrical", "suspension"];

/// Declares the demo stores' coverage where they declared none.
pub async fn demo(db: &PgPool) -> anyhow::Result<()> {
    let Some((riyadh, jeddah)) = crate::stores::seed::demo_store_ids(db).await? else {
        return Ok(());
    };
    for store in [riyadh, jeddah] {
        let declared: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM store_coverage WHERE store_id = $1)")
                .bind(store)
                .fetch_one(db)
                .await?;
        if declared {
            continue;
        }
        for slug in DEMO_MAKES {
            sqlx::query(
                "INSERT INTO store_coverage (id, store_id, make_id) \
                 SELECT $1, $2, id FROM car_makes WHERE slug = $3 AND deleted_at IS NULL",
            )
            .bind(Uuid::now_v7())
            .bind(store)
            .bind(slug)
            .execute(db)
            .await?;
        }
        for slug in DEMO_CATEGORIES {
            sqlx::query(
                "INSERT INTO store_coverage (id, store_id, category_id) \
                 SELECT $1, $2, id FROM categories WHERE slug = $3 AND deleted_at IS NULL",
            )
            .bind(Uuid::now_v7())
            .bind(store)
            .bind(slug)
            .execute(db)
            .await?;
        }
    }
    Ok(())
}
