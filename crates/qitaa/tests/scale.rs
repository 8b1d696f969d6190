//! `qitaa seed --scale`: the generator at N = 300 against a fresh database
//! (`DATABASE_URL` when set, else the shared embedded test cluster).

use std::path::PathBuf;

use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

use app::products::search::{PgSearch, ProductSearch, SearchRequest};

async fn server() -> (PgConnectOptions, Option<embedded_pg::EmbeddedPostgres>) {
    if let Ok(url) = std::env::var("DATABASE_URL") {
        return (url.parse().expect("a PostgreSQL URL"), None);
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("qitaa-test-pg");
    let pg = embedded_pg::EmbeddedPostgres::start_shared(&root, "postgres")
        .await
        .unwrap_or_else(|e| panic!("test PostgreSQL: {e}"));
    (
        pg.url("postgres").parse().expect("a PostgreSQL URL"),
        Some(pg),
    )
}

async fn scalar(db: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s.split_whitespace().map(str::to_owned).collect();
    w.sort();
    w
}

#[tokio::test]
async fn scale_seed_generates_a_searchable_catalog() {
    qitaa::boot::install_tls_provider();
    let (opts, _cluster) = server().await;
    let name = format!("qitaa_scale_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::connect_with(&opts.clone().database("postgres"))
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .await
        .unwrap();
    let db = PgPool::connect_with(opts.clone().database(&name))
        .await
        .unwrap();
    qitaa::MIGRATOR.run(&db).await.unwrap();
    app::seed::reference(&db).await.unwrap();

    let report = qitaa::scale::run(&db, 300).await.unwrap();
    assert_eq!(
        (report.products, report.stores, report.orders),
        (300, 3, 300)
    );
    // As many orders as products, over the generated stores and customers,
    // within the past year, each with its own checkout and amounts that add up.
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM orders o JOIN stores s ON s.id = o.store_id JOIN users u ON u.id = o.customer_id \
             JOIN checkouts c ON c.id = o.checkout_id \
             WHERE u.role = 'CUSTOMER' AND u.phone LIKE '+96658%' AND s.name_en IS NOT NULL \
               AND o.created_at > now() - interval '366 days' AND o.total = o.subtotal + o.delivery_fee + o.vat"
        )
        .await,
        300
    );
    assert!(scalar(&db, "SELECT count(DISTINCT status) FROM orders").await >= 5);

    assert_eq!(
        scalar(&db, "SELECT count(*) FROM products WHERE status = 'active'").await,
        300
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM stores s JOIN store_types t ON t.id = s.store_type_id \
             JOIN companies c ON c.id = s.company_id JOIN users u ON u.id = c.owner_id \
             WHERE s.status = 'active' AND t.slug = 'parts-shop' AND c.status = 'approved' \
               AND u.role = 'SUPPLIER' AND u.phone LIKE '+96657%'"
        )
        .await,
        3
    );
    // Every product has 1-3 fitment rows and 1-3 images of existing media.
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM products p WHERE (SELECT count(*) FROM product_fitments f \
             WHERE f.product_id = p.id) NOT BETWEEN 1 AND 3"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM products p WHERE (SELECT count(*) FROM product_images i \
             JOIN media_files m ON m.id = i.media_id WHERE i.product_id = p.id) NOT BETWEEN 1 AND 3"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM products WHERE category_id IS NULL"
        )
        .await,
        0
    );
    // Some names carry diacritics; no search text does.
    let diacritics = "[\u{064B}-\u{065F}\u{0670}\u{0640}]";
    let with_marks: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE name_ar ~ $1")
        .bind(diacritics)
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(
        with_marks > 0,
        "some generated names should carry diacritics"
    );
    let marked_text: i64 =
        sqlx::query_scalar("SELECT count(*) FROM products WHERE search_text ~ $1")
            .bind(diacritics)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(marked_text, 0);

    // The search text is exactly what the API would have written.
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar("SELECT id FROM products ORDER BY id LIMIT 25")
        .fetch_all(&db)
        .await
        .unwrap();
    let mut tx = db.begin().await.unwrap();
    for id in ids {
        let expected = app::products::service::current_search_text(&mut tx, id)
            .await
            .unwrap()
            .unwrap();
        let stored: String = sqlx::query_scalar("SELECT search_text FROM products WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        // Fitment names may come in another order from string_agg.
        assert_eq!(words(&stored), words(&expected), "search text of {id}");
    }
    tx.rollback().await.unwrap();

    // A name with diacritics finds its product.
    let marked: String =
        sqlx::query_scalar("SELECT name_ar FROM products WHERE name_ar ~ $1 LIMIT 1")
            .bind(diacritics)
            .fetch_one(&db)
            .await
            .unwrap();
    let page = PgSearch { db: db.clone() }
        .search(&SearchRequest {
            text: Some(marked.clone()),
            limit: 20,
            ..SearchRequest::default()
        })
        .await
        .unwrap();
    assert!(page.total > 0 && !page.fuzzy, "{marked} finds nothing");

    // A second run on the same database refuses.
    let again = qitaa::scale::run(&db, 300).await.unwrap_err();
    assert!(format!("{again:#}").contains("already loaded"), "{again:#}");

    db.close().await;
    sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
}
