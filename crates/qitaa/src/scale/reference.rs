//! The rows already in the database that generated rows point at: the car
//! taxonomy and categories, the store type, and the shared image files.

use std::fmt::Write as _;

use anyhow::bail;
use rand::RngExt;
use rand::rngs::StdRng;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::copy::copy;
use super::random::id_at;
use super::vocab::{KINDS, MAKE_WEIGHTS};

/// How many shared `media_files` rows the product images point at.
const MEDIA: usize = 24;

#[derive(Clone)]
pub(super) struct MakeRef {
    pub(super) id: Uuid,
    pub(super) ar: String,
    pub(super) en: String,
    pub(super) weight: u32,
    pub(super) models: Vec<usize>,
}

#[derive(Clone)]
pub(super) struct ModelRef {
    pub(super) id: Uuid,
    pub(super) make: usize,
    pub(super) ar: String,
    pub(super) en: String,
    pub(super) from: i32,
    pub(super) to: i32,
}

#[derive(Clone)]
pub(super) struct CategoryRef {
    pub(super) id: Uuid,
    /// `concat_ws(' ', c.name_ar, c.name_en, pc.name_ar, pc.name_en)`.
    pub(super) related: String,
}

#[derive(Clone)]
pub(super) struct StoreRef {
    pub(super) id: Uuid,
    pub(super) owner: Uuid,
}

pub(super) struct Reference {
    pub(super) makes: Vec<MakeRef>,
    pub(super) models: Vec<ModelRef>,
    /// Indexed like [`KINDS`]; `None` when the taxonomy has no such slug.
    pub(super) categories: Vec<Option<CategoryRef>>,
    pub(super) stores: Vec<StoreRef>,
    pub(super) media: Vec<Uuid>,
}

pub(super) async fn load_reference(
    conn: &mut PgConnection,
    current_year: i32,
) -> anyhow::Result<Reference> {
    let make_rows: Vec<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM car_makes WHERE deleted_at IS NULL ORDER BY sort_order, slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut makes: Vec<MakeRef> = make_rows
        .into_iter()
        .map(|(id, slug, ar, en)| MakeRef {
            id,
            ar,
            en,
            weight: MAKE_WEIGHTS
                .iter()
                .find(|(s, _)| *s == slug)
                .map_or(2, |(_, w)| *w),
            models: Vec::new(),
        })
        .collect();
    let model_rows: Vec<(Uuid, Uuid, String, String, i32, Option<i32>)> = sqlx::query_as(
        "SELECT md.id, md.make_id, md.name_ar, md.name_en, md.year_from, md.year_to FROM car_models md \
         JOIN car_makes mk ON mk.id = md.make_id AND mk.deleted_at IS NULL \
         WHERE md.deleted_at IS NULL ORDER BY mk.sort_order, mk.slug, md.slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut models = Vec::new();
    for (id, make_id, ar, en, from, to) in model_rows {
        let Some(make) = makes.iter().position(|m| m.id == make_id) else {
            continue;
        };
        // Parts are sold for the cars on the road: the last thirty years.
        let to = to.unwrap_or(current_year).min(current_year);
        let from = from.max(to - 30);
        makes[make].models.push(models.len());
        models.push(ModelRef {
            id,
            make,
            ar,
            en,
            from,
            to,
        });
    }
    makes.retain(|m| !m.models.is_empty());
    // Positions moved: rebuild the make index of each model.
    for (i, m) in makes.iter().enumerate() {
        for &md in &m.models {
            models[md].make = i;
        }
    }
    if makes.is_empty() {
        bail!("the car taxonomy is empty: run the reference seed (app::seed::reference) first");
    }
    let category_rows: Vec<(String, Uuid, String)> = sqlx::query_as(
        "SELECT c.slug, c.id, concat_ws(' ', c.name_ar, c.name_en, pc.name_ar, pc.name_en) \
         FROM categories c LEFT JOIN categories pc ON pc.id = c.parent_id WHERE c.deleted_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    let categories = KINDS
        .iter()
        .map(|kind| {
            category_rows
                .iter()
                .find(|(slug, _, _)| slug == kind.category)
                .map(|(_, id, related)| CategoryRef {
                    id: *id,
                    related: related.clone(),
                })
        })
        .collect();
    Ok(Reference {
        makes,
        models,
        categories,
        stores: Vec::new(),
        media: Vec::new(),
    })
}

pub(super) async fn store_type(conn: &mut PgConnection) -> anyhow::Result<Uuid> {
    let existing: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM store_types WHERE slug = 'parts-shop' AND deleted_at IS NULL",
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO store_types (id, slug, name_ar, name_en) VALUES ($1, 'parts-shop', 'محل قطع غيار', 'Parts shop')",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub(super) async fn media(
    conn: &mut PgConnection,
    rng: &mut StdRng,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(MEDIA);
    let mut rows = String::new();
    for i in 0..MEDIA {
        let id = id_at(rng, now);
        let sha: [u8; 32] = rng.random();
        writeln!(
            rows,
            "{id}\tproduct_image\tscale/{id}.webp\timage/webp\t{}\t1200\t900\tscale/{id}-thumb.webp\tpart-{i:02}.webp\t{}",
            40_000 + i * 1_500,
            hex::encode(sha)
        )
        .unwrap();
        ids.push(id);
    }
    copy(
        conn,
        "COPY media_files (id, purpose, storage_key, content_type, size_bytes, width, height, thumb_key, \
         original_name, sha256) FROM STDIN",
        &rows,
    )
    .await?;
    Ok(ids)
}
