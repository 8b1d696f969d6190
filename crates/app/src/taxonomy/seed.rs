//! Reference data loaded on every start, in every mode (idempotent).

pub async fn run(_db: &sqlx::PgPool) -> anyhow::Result<()> {
    Ok(())
}
