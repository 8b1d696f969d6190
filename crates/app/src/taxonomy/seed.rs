//! Reference data loaded on every start, in every mode (idempotent): inserts
//! what is missing, matched by slug, and leaves every existing row alone,
//! whether an admin edited it or soft-deleted it. A handful of batched
//! statements (arrays unnested in SQL), whatever the size of the data.

use std::time::Instant;

use sqlx::PgPool;
use uuid::Uuid;

use super::data::{BODY_TYPES, CATEGORIES, CategorySeed, MAKES};

pub async fn run(db: &PgPool) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut tx = db.begin().await?;
    // Nodes starting together take turns.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('qitaa.taxonomy.seed'))")
        .execute(&mut *tx)
        .await?;
    let mut inserted = body_types(&mut tx).await?;
    inserted += makes(&mut tx).await?;
    inserted += models(&mut tx).await?;
    inserted += categories(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(
        inserted,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "taxonomy reference data"
    );
    Ok(())
}

fn ids(n: usize) -> Vec<Uuid> {
    (0..n).map(|_| Uuid::now_v7()).collect()
}

fn sort_orders(n: usize) -> Vec<i32> {
    (1..=n as i32).map(|i| i * 10).collect()
}

async fn body_types(tx: &mut sqlx::PgConnection) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "INSERT INTO body_types (id, slug, name_ar, name_en) \
         SELECT d.id, d.slug, d.ar, d.en \
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS d (id, slug, ar, en) \
         WHERE NOT EXISTS (SELECT 1 FROM body_types b WHERE b.slug = d.slug) \
         ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING",
    )
    .bind(ids(BODY_TYPES.len()))
    .bind(BODY_TYPES.iter().map(|b| b.slug).collect::<Vec<_>>())
    .bind(BODY_TYPES.iter().map(|b| b.ar).collect::<Vec<_>>())
    .bind(BODY_TYPES.iter().map(|b| b.en).collect::<Vec<_>>())
    .execute(tx)
    .await?;
    Ok(r.rows_affected())
}

async fn makes(tx: &mut sqlx::PgConnection) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "INSERT INTO car_makes (id, slug, name_ar, name_en, sort_order) \
         SELECT d.id, d.slug, d.ar, d.en, d.sort \
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[]) \
           AS d (id, slug, ar, en, sort) \
         WHERE NOT EXISTS (SELECT 1 FROM car_makes m WHERE m.slug = d.slug) \
         ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING",
    )
    .bind(ids(MAKES.len()))
    .bind(MAKES.iter().map(|m| m.slug).collect::<Vec<_>>())
    .bind(MAKES.iter().map(|m| m.ar).collect::<Vec<_>>())
    .bind(MAKES.iter().map(|m| m.en).collect::<Vec<_>>())
    .bind(sort_orders(MAKES.len()))
    .execute(tx)
    .await?;
    Ok(r.rows_affected())
}

/// Models of live makes only: a make an admin deleted gets none back.
async fn models(tx: &mut sqlx::PgConnection) -> sqlx::Result<u64> {
    let all: Vec<_> = MAKES
        .iter()
        .flat_map(|make| make.models.iter().map(move |model| (make.slug, model)))
        .collect();
    let r = sqlx::query(
        "INSERT INTO car_models (id, make_id, slug, name_ar, name_en, year_from, year_to, body_type_id) \
         SELECT d.id, mk.id, d.slug, d.ar, d.en, d.year_from, d.year_to, bt.id \
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[]) \
           AS d (id, make, slug, ar, en, year_from, year_to, body) \
         JOIN car_makes mk ON mk.slug = d.make AND mk.deleted_at IS NULL \
         LEFT JOIN body_types bt ON bt.slug = d.body AND bt.deleted_at IS NULL \
         WHERE NOT EXISTS (SELECT 1 FROM car_models cm WHERE cm.make_id = mk.id AND cm.slug = d.slug) \
         ON CONFLICT (make_id, slug) WHERE deleted_at IS NULL DO NOTHING",
    )
    .bind(ids(all.len()))
    .bind(all.iter().map(|(make, _)| *make).collect::<Vec<_>>())
    .bind(
        all.iter()
            .map(|(make, m)| format!("{make}-{}", m.slug))
            .collect::<Vec<_>>(),
    )
    .bind(all.iter().map(|(_, m)| m.ar).collect::<Vec<_>>())
    .bind(all.iter().map(|(_, m)| m.en).collect::<Vec<_>>())
    .bind(all.iter().map(|(_, m)| m.from).collect::<Vec<_>>())
    .bind(all.iter().map(|(_, m)| m.to).collect::<Vec<_>>())
    .bind(all.iter().map(|(_, m)| m.body).collect::<Vec<_>>())
    .execute(tx)
    .await?;
    Ok(r.rows_affected())
}

/// One row of the tree, flattened: its parent's slug and its place among
/// its siblings.
struct Flat {
    parent: Option<&'static str>,
    node: &'static CategorySeed,
    sort: i32,
}

fn flatten(
    level: &'static [CategorySeed],
    parent: Option<&'static str>,
    depth: usize,
    out: &mut Vec<Vec<Flat>>,
) {
    if out.len() <= depth {
        out.push(Vec::new());
    }
    for (node, sort) in level.iter().zip(sort_orders(level.len())) {
        out[depth].push(Flat { parent, node, sort });
        flatten(node.children, Some(node.slug), depth + 1, out);
    }
}

/// One statement per depth, parents first; children of a category an admin
/// deleted are not brought back.
async fn categories(tx: &mut sqlx::PgConnection) -> sqlx::Result<u64> {
    let mut levels = Vec::new();
    flatten(CATEGORIES, None, 0, &mut levels);
    let mut inserted = 0;
    for level in levels.iter().filter(|l| !l.is_empty()) {
        let r = sqlx::query(
            "INSERT INTO categories (id, parent_id, slug, name_ar, name_en, sort_order) \
             SELECT d.id, p.id, d.slug, d.ar, d.en, d.sort \
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) \
               AS d (id, parent, slug, ar, en, sort) \
             LEFT JOIN categories p ON p.slug = d.parent AND p.deleted_at IS NULL \
             WHERE (d.parent IS NULL OR p.id IS NOT NULL) \
               AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.slug = d.slug) \
             ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING",
        )
        .bind(ids(level.len()))
        .bind(level.iter().map(|f| f.parent).collect::<Vec<_>>())
        .bind(level.iter().map(|f| f.node.slug).collect::<Vec<_>>())
        .bind(level.iter().map(|f| f.node.ar).collect::<Vec<_>>())
        .bind(level.iter().map(|f| f.node.en).collect::<Vec<_>>())
        .bind(level.iter().map(|f| f.sort).collect::<Vec<_>>())
        .execute(&mut *tx)
        .await?;
        inserted += r.rows_affected();
    }
    Ok(inserted)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::taxonomy::model::{NAME_MAX, SLUG_MAX, YEAR_MIN, year_max};

    fn slug_ok(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= SLUG_MAX
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    fn name_ok(s: &str) -> bool {
        !s.trim().is_empty() && s.chars().count() <= NAME_MAX
    }

    /// The data obeys the rules the admin API enforces.
    #[test]
    fn reference_data_is_valid() {
        let bodies: HashSet<_> = BODY_TYPES.iter().map(|b| b.slug).collect();
        assert_eq!(bodies.len(), BODY_TYPES.len(), "body type slugs repeat");
        let mut makes = HashSet::new();
        for make in MAKES {
            assert!(slug_ok(make.slug) && name_ok(make.ar) && name_ok(make.en));
            assert!(makes.insert(make.slug), "make {} repeats", make.slug);
            let mut models = HashSet::new();
            for m in make.models {
                let slug = format!("{}-{}", make.slug, m.slug);
                assert!(slug_ok(&slug) && name_ok(m.ar) && name_ok(m.en), "{slug}");
                assert!(models.insert(slug.clone()), "{slug} repeats");
                assert!(bodies.contains(m.body), "{slug}: body {}", m.body);
                assert!((YEAR_MIN..=year_max()).contains(&m.from), "{slug}");
                assert!(
                    m.to.is_none_or(|t| t >= m.from && t <= year_max()),
                    "{slug}"
                );
            }
        }
        let mut levels = Vec::new();
        flatten(CATEGORIES, None, 0, &mut levels);
        let mut slugs = HashSet::new();
        for f in levels.iter().flatten() {
            assert!(slug_ok(f.node.slug) && name_ok(f.node.ar) && name_ok(f.node.en));
            assert!(
                slugs.insert(f.node.slug),
                "category {} repeats",
                f.node.slug
            );
        }
    }
}
