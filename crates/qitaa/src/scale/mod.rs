//! `qitaa seed --scale N`: a large, realistic catalog for load tests and
//! benchmarks. N active products over N/100 active stores (at least one),
//! each store under its own approved company owned by its own supplier.
//!
//! - Names are part kinds × car models of the seeded taxonomy, in Arabic and
//!   English, with Arabic spelling variants and occasional diacritics; the
//!   search text is made by [`app::products::service::search_text`] from the
//!   same related names `products::repo::related_names` would read, so the
//!   data is found exactly like data written through the API.
//! - Everything is generated in Rust from a fixed seed (the same N gives the
//!   same names, prices, fitment, stores and places; ids and timestamps follow
//!   the clock) on a thread of its own, and streamed with `COPY` in batches
//!   while the next batch is generated.
//! - Images are `product_images` rows pointing at a handful of shared
//!   `media_files` rows whose storage keys hold no bytes: metadata only.
//! - One transaction: a failed run leaves nothing behind. From
//!   [`DROP_INDEXES_FROM`] products on, the secondary indexes of the product
//!   tables are dropped inside that transaction and recreated from their own
//!   definitions (`pg_get_indexdef`, so exactly as the migrations made them)
//!   before it commits; building them once is much faster than maintaining
//!   them row by row. The tables are locked meanwhile: load an idle database.
//! - As many orders as products (customers: one per hundred orders), spread
//!   over the past year across the stores (`orders.rs`), for the dashboards'
//!   benchmarks; the statistics' roll-ups are rebuilt from them
//!   (`app::stats::rebuild`) before the commit.
//! - Not repeatable on the same database: a second run refuses (the suppliers'
//!   phones `+96657xxxxxxx` would clash). Use a fresh data dir or database.

mod copy;
mod orders;
mod products;
mod random;
mod reference;
mod stores;
mod vocab;

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

use copy::{
    COPY_CHECKOUTS, COPY_COMPANIES, COPY_FITMENTS, COPY_IMAGES, COPY_ORDERS, COPY_PRODUCTS,
    COPY_STORES, COPY_USERS, copy,
};
use products::{Generator, ProductBatch};
use reference::{load_reference, media, store_type};
use stores::stores;

/// The seed of every random choice.
pub const SEED: u64 = 0x5174_6161;

/// Products per COPY batch.
const BATCH: u64 = 20_000;

/// From this many products, secondary indexes are rebuilt after the load.
pub const DROP_INDEXES_FROM: u64 = 100_000;

/// The tables the load writes, analysed at the end.
const TABLES: [&str; 12] = [
    "users",
    "checkouts",
    "orders",
    "stats_daily",
    "stats_order_days",
    "stats_products_daily",
    "companies",
    "stores",
    "media_files",
    "products",
    "product_fitments",
    "product_images",
];

/// The tables whose secondary indexes are rebuilt after a large load.
const INDEXED_TABLES: [&str; 4] = ["products", "product_fitments", "product_images", "orders"];

/// The phone of the `i`th generated supplier: `+96657` and seven digits, far
/// from the demo phones (`+96650000000x`).
pub fn supplier_phone(i: u64) -> String {
    format!("+96657{i:07}")
}

/// What a load wrote and how long it took.
#[derive(Debug, Clone)]
pub struct Report {
    pub products: u64,
    pub stores: u64,
    pub fitments: u64,
    pub images: u64,
    pub orders: u64,
    pub elapsed: Duration,
}

/// The secondary indexes of `tables`, as `CREATE INDEX` statements.
async fn secondary_indexes(conn: &mut PgConnection) -> anyhow::Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT i.relname::text, pg_get_indexdef(x.indexrelid) FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace \
           AND NOT x.indisprimary AND NOT x.indisunique \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
         ORDER BY t.relname, i.relname",
    )
    .bind(&INDEXED_TABLES[..])
    .fetch_all(&mut *conn)
    .await?)
}

fn rate(done: u64, elapsed: Duration) -> u64 {
    (done as f64 / elapsed.as_secs_f64().max(0.001)) as u64
}

/// Loads `n` products (and `n / 100` stores, at least one) into the
/// database. The reference taxonomy must be in place.
pub async fn run(pool: &PgPool, n: u64) -> anyhow::Result<Report> {
    if n == 0 {
        bail!("--scale needs at least one product");
    }
    let store_count = (n / 100).max(1);
    if store_count > 10_000_000 {
        bail!("--scale is limited to 1,000,000,000 products (10,000,000 suppliers' phones)");
    }
    let started = Instant::now();
    let now = OffsetDateTime::now_utc();
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut tx = pool.begin().await?;
    let conn: &mut PgConnection = &mut tx;

    let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE phone = $1)")
        .bind(supplier_phone(0))
        .fetch_one(&mut *conn)
        .await?;
    if taken {
        bail!(
            "scale data is already loaded here (the generated supplier {} exists); \
             seed a fresh --data-dir or database instead",
            supplier_phone(0)
        );
    }
    // Only this transaction's own rows are involved; nothing waits on the
    // flush of its commit.
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *conn)
        .await?;
    sqlx::query("SET LOCAL maintenance_work_mem = '1GB'")
        .execute(&mut *conn)
        .await?;

    let mut reference = load_reference(conn, now.year()).await?;
    let store_type = store_type(conn).await?;
    reference.media = media(conn, &mut rng, now).await?;

    let s = stores(&mut rng, store_count, store_type, now);
    copy(conn, COPY_USERS, &s.users)
        .await
        .context("loading users")?;
    copy(conn, COPY_COMPANIES, &s.companies)
        .await
        .context("loading companies")?;
    copy(conn, COPY_STORES, &s.stores)
        .await
        .context("loading stores")?;
    let store_ids: Vec<uuid::Uuid> = s.refs.iter().map(|r| r.id).collect();
    reference.stores = s.refs;
    println!(
        "scale: {store_count} suppliers, companies and stores in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let rebuild = n >= DROP_INDEXES_FROM;
    let indexes = if rebuild {
        let indexes = secondary_indexes(conn).await?;
        for (name, _) in &indexes {
            sqlx::query(&format!("DROP INDEX \"{name}\""))
                .execute(&mut *conn)
                .await?;
        }
        println!(
            "scale: {} secondary indexes of {} dropped, to be rebuilt after the load",
            indexes.len(),
            INDEXED_TABLES.join(", ")
        );
        indexes
    } else {
        Vec::new()
    };

    // Products are spread over the past year, oldest first (so the v7 ids
    // grow with the load like they do in production).
    let span = time::Duration::days(365);
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(SEED ^ 0x5052_4f44),
        reference,
        start: now - span,
        step: span / (n as f64),
        current_year: now.year(),
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<ProductBatch>(2);
    let producer = std::thread::spawn(move || {
        let mut first = 0;
        while first < n {
            let count = BATCH.min(n - first);
            if sender.blocking_send(generator.batch(first, count)).is_err() {
                break;
            }
            first += count;
        }
    });
    let load_started = Instant::now();
    let (mut done, mut fitments, mut images) = (0u64, 0u64, 0u64);
    let mut reported = Instant::now();
    while let Some(batch) = receiver.recv().await {
        copy(conn, COPY_PRODUCTS, &batch.products)
            .await
            .context("loading products")?;
        copy(conn, COPY_FITMENTS, &batch.fitments)
            .await
            .context("loading fitment")?;
        copy(conn, COPY_IMAGES, &batch.images)
            .await
            .context("loading product images")?;
        done += batch.count;
        fitments += batch.fitment_rows;
        images += batch.image_rows;
        if done == n || reported.elapsed() >= Duration::from_secs(5) {
            reported = Instant::now();
            println!(
                "scale: {done}/{n} products ({:.0} %), {:.1} s, {} products/s",
                done as f64 * 100.0 / n as f64,
                started.elapsed().as_secs_f64(),
                rate(done, load_started.elapsed())
            );
        }
    }
    producer
        .join()
        .map_err(|_| anyhow::anyhow!("the generator thread panicked"))?;
    if done != n {
        bail!("the generator stopped after {done} of {n} products");
    }

    let orders_started = Instant::now();
    let mut order_rng = StdRng::seed_from_u64(SEED ^ 0x4f52_4452);
    let (customer_rows, customers) = orders::customers(&mut order_rng, (n / 100).max(1), now);
    copy(conn, COPY_USERS, &customer_rows)
        .await
        .context("loading customers")?;
    let mut placed = 0u64;
    while placed < n {
        let count = BATCH.min(n - placed);
        let b = orders::batch(
            &mut order_rng,
            placed,
            count,
            n,
            &store_ids,
            &customers,
            now,
        );
        copy(conn, COPY_CHECKOUTS, &b.checkouts)
            .await
            .context("loading checkouts")?;
        copy(conn, COPY_ORDERS, &b.orders)
            .await
            .context("loading orders")?;
        placed += count;
    }
    println!(
        "scale: {n} orders of {} customers in {:.1} s",
        customers.len(),
        orders_started.elapsed().as_secs_f64()
    );

    for (name, definition) in &indexes {
        let t = Instant::now();
        sqlx::query(definition)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("recreating {name}"))?;
        println!(
            "scale: index {name} rebuilt in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    // The statistics' roll-ups, from the orders just loaded (the same
    // rebuild the migration backfills with).
    let rollups_started = Instant::now();
    let today = app::stats::model::today();
    app::stats::rebuild(&mut *conn, today - time::Duration::days(400), today)
        .await
        .context("filling the statistics' roll-ups")?;
    println!(
        "scale: statistics' roll-ups rebuilt in {:.1} s",
        rollups_started.elapsed().as_secs_f64()
    );
    tx.commit().await?;
    println!(
        "scale: committed at {:.1} s; vacuuming and analysing",
        started.elapsed().as_secs_f64()
    );
    for table in TABLES {
        sqlx::query(&format!("VACUUM (ANALYZE) {table}"))
            .execute(pool)
            .await
            .with_context(|| format!("analysing {table}"))?;
    }
    let report = Report {
        products: n,
        stores: store_count,
        fitments,
        images,
        orders: n,
        elapsed: started.elapsed(),
    };
    println!(
        "scale: {} products, {} stores, {} fitment rows, {} images, {} orders in {:.1} s",
        report.products,
        report.stores,
        report.fitments,
        report.images,
        report.orders,
        report.elapsed.as_secs_f64()
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_valid_and_apart_from_the_demo() {
        for i in [0, 1, 9_999_999] {
            let p = supplier_phone(i);
            assert_eq!(
                kernel::phone::Phone::parse(&p).map(|p| p.as_str().to_owned()),
                Some(p.clone())
            );
            assert!(!p.starts_with("+96650"));
        }
    }
}
