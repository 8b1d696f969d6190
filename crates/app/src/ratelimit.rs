//! Sliding one-hour windows kept in PostgreSQL, so every node of the product
//! counts the same hits.

use sqlx::PgConnection;

/// Records a hit on `bucket` unless `cap` hits were already seen within
/// `window_secs`; then answers how many seconds until the oldest hit leaves
/// the window. Serialised per bucket by a transaction-scoped advisory lock,
/// so concurrent requests cannot both slip under the cap.
pub async fn hit(
    tx: &mut PgConnection,
    bucket: &str,
    cap: i64,
    window_secs: i64,
) -> sqlx::Result<Result<(), u64>> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(bucket)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM rate_limit_hits WHERE bucket = $1 \
         AND hit_at < now() - make_interval(secs => $2)",
    )
    .bind(bucket)
    .bind(window_secs as f64)
    .execute(&mut *tx)
    .await?;
    let (count, retry): (i64, Option<f64>) = sqlx::query_as(
        "SELECT count(*), \
           EXTRACT(EPOCH FROM (min(hit_at) + make_interval(secs => $2) - now()))::float8 \
         FROM rate_limit_hits WHERE bucket = $1",
    )
    .bind(bucket)
    .bind(window_secs as f64)
    .fetch_one(&mut *tx)
    .await?;
    if count >= cap {
        return Ok(Err(retry.unwrap_or(1.0).ceil().max(1.0) as u64));
    }
    sqlx::query("INSERT INTO rate_limit_hits (bucket) VALUES ($1)")
        .bind(bucket)
        .execute(&mut *tx)
        .await?;
    Ok(Ok(()))
}
