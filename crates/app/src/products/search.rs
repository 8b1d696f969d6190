//! Product search behind a trait, so a dedicated engine can replace the
//! default one: PostgreSQL full-text search over Arabic-normalised text, OEM
//! numbers without separators, and trigram similarity when nothing matches
//! exactly (typos).

use serde::{Deserialize, Serialize};
use sqlx::{PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use super::model::Condition;

/// A search with every filter resolved to ids.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub text: Option<String>,
    pub make_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub year: Option<i32>,
    pub category_ids: Option<Vec<Uuid>>,
    pub condition: Option<Condition>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub store_id: Option<Uuid>,
    pub origin: Option<(f64, f64)>,
    pub order: SearchOrder,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchOrder {
    #[default]
    Relevance,
    Newest,
    PriceAsc,
    PriceDesc,
    Rating,
    Distance,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FacetValue {
    /// Category or make id; absent for conditions.
    pub id: Option<Uuid>,
    /// The condition value; absent for categories and makes.
    pub value: Option<String>,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Facets {
    pub categories: Vec<FacetValue>,
    pub conditions: Vec<FacetValue>,
    pub makes: Vec<FacetValue>,
}

#[derive(Debug, Clone)]
pub struct SearchHit {
    pub id: Uuid,
    pub distance_km: Option<f64>,
}

/// How many matches a search reads at most (beyond the page asked for).
pub const WINDOW: i64 = 1000;

#[derive(Debug, Clone)]
pub struct SearchPage {
    /// Matches counted, at most the search window.
    pub total: i64,
    /// False when the window filled up: there are at least `total` matches,
    /// and the facets count the window only.
    pub exact_total: bool,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
    /// True when nothing matched exactly and similar spellings were used.
    pub fuzzy: bool,
}

#[async_trait::async_trait]
pub trait ProductSearch: Send + Sync {
    async fn search(&self, req: &SearchRequest) -> anyhow::Result<SearchPage>;
}

pub struct PgSearch {
    pub db: PgPool,
}

/// How the text part of a query is matched.
#[derive(Clone, Copy, PartialEq)]
enum TextMode {
    Exact,
    Similar,
}

struct TextQuery {
    tsquery: String,
    normalized: String,
    code: String,
}

fn text_query(text: &str) -> Option<TextQuery> {
    let tokens = kernel::text::search_tokens(text);
    if tokens.is_empty() {
        return None;
    }
    let last = tokens.len() - 1;
    // Tokens hold only letters and digits, so they are safe inside a tsquery;
    // the last one matches as a prefix for type-ahead.
    let tsquery = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == last {
                format!("{t}:*")
            } else {
                t.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ");
    Some(TextQuery {
        tsquery,
        normalized: tokens.join(" "),
        code: kernel::text::compact_code(text),
    })
}

fn push_filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    req: &'a SearchRequest,
    text: Option<&'a TextQuery>,
    mode: TextMode,
) {
    qb.push(
        " FROM products p \
         JOIN stores s ON s.id = p.store_id AND s.status = 'active' AND s.deleted_at IS NULL \
         JOIN companies co ON co.id = s.company_id AND co.status = 'approved' AND co.deleted_at IS NULL \
         WHERE p.status = 'active' AND p.deleted_at IS NULL",
    );
    if let Some(t) = text {
        match mode {
            TextMode::Exact => {
                qb.push(" AND (p.search_vector @@ to_tsquery('english', ")
                    .push_bind(&t.tsquery)
                    .push(")");
                if t.code.len() >= 4 {
                    qb.push(" OR p.oem_compact @> ARRAY[")
                        .push_bind(&t.code)
                        .push("]::text[]");
                }
                qb.push(")");
            }
            TextMode::Similar => {
                qb.push(" AND ")
                    .push_bind(&t.normalized)
                    .push(" <% p.search_text");
            }
        }
    }
    // The vehicle is one condition on the GIN-indexed fitment keys.
    let year = |key: String| match req.year {
        Some(y) => format!("{key}:{y}"),
        None => key,
    };
    match (req.model_id, req.make_id) {
        (Some(model), Some(make)) => {
            // A fitment naming the model, or one covering the whole make.
            let keys = vec![year(format!("md:{model}")), year(format!("mw:{make}"))];
            qb.push(" AND p.fitment_keys && ")
                .push_bind(keys)
                .push("::text[]");
        }
        (None, Some(make)) => {
            qb.push(" AND p.fitment_keys @> ARRAY[")
                .push_bind(year(format!("mk:{make}")))
                .push("]::text[]");
        }
        _ => {
            if let Some(y) = req.year {
                qb.push(
                    " AND EXISTS (SELECT 1 FROM product_fitments f WHERE f.product_id = p.id AND ",
                )
                .push_bind(y)
                .push(" BETWEEN COALESCE(f.year_from, 0) AND COALESCE(f.year_to, 9999))");
            }
        }
    }
    if let Some(ids) = &req.category_ids {
        qb.push(" AND p.category_id = ANY(")
            .push_bind(ids)
            .push(")");
    }
    if let Some(c) = req.condition {
        qb.push(" AND p.condition = ").push_bind(c.as_str());
    }
    if let Some(v) = req.min_price {
        qb.push(" AND p.price >= ").push_bind(v);
    }
    if let Some(v) = req.max_price {
        qb.push(" AND p.price <= ").push_bind(v);
    }
    if let Some(s) = req.store_id {
        qb.push(" AND p.store_id = ").push_bind(s);
    }
}

fn push_distance<'a>(qb: &mut QueryBuilder<'a, Postgres>, origin: Option<(f64, f64)>) {
    match origin {
        Some((lat, lng)) => {
            qb.push("earth_distance(ll_to_earth(")
                .push_bind(lat)
                .push(", ")
                .push_bind(lng)
                .push("), ll_to_earth(s.lat, s.lng)) / 1000.0");
        }
        None => {
            qb.push("NULL::float8");
        }
    }
}

/// `[id, distanceKm]` pairs of one result page, as the query aggregates them.
type HitPairs = sqlx::types::Json<Vec<(Uuid, Option<f64>)>>;

#[derive(sqlx::FromRow)]
struct Row {
    total: i64,
    hits: Option<HitPairs>,
    categories: Option<sqlx::types::Json<Vec<FacetValue>>>,
    conditions: Option<sqlx::types::Json<Vec<FacetValue>>>,
    makes: Option<sqlx::types::Json<Vec<FacetValue>>>,
}

impl PgSearch {
    async fn run(
        &self,
        req: &SearchRequest,
        text: Option<&TextQuery>,
        mode: TextMode,
    ) -> anyhow::Result<SearchPage> {
        let mut qb = QueryBuilder::new(
            "WITH matched AS MATERIALIZED (SELECT p.id, p.category_id, p.condition, p.price, p.created_at, ",
        );
        qb.push("CASE WHEN p.rating_count > 0 THEN p.rating_sum::float8 / p.rating_count END AS rating, ");
        match (text, mode) {
            (Some(t), TextMode::Exact) => {
                qb.push("ts_rank(p.search_vector, to_tsquery('english', ")
                    .push_bind(&t.tsquery)
                    .push(")) AS rank, ");
            }
            (Some(t), TextMode::Similar) => {
                qb.push("word_similarity(")
                    .push_bind(&t.normalized)
                    .push(", p.search_text) AS rank, ");
            }
            (None, _) => {
                qb.push("0::float4 AS rank, ");
            }
        }
        push_distance(&mut qb, req.origin);
        qb.push(" AS distance_km");
        push_filters(&mut qb, req, text, mode);
        // Bounded work per query: at most `window` matches are read, ranked
        // and counted for facets. Orders an index can serve are applied while
        // reading, so their first pages are exact; relevance and distance
        // are ordered within the window.
        let window = WINDOW.max(req.offset + req.limit);
        match req.order {
            SearchOrder::PriceAsc => {
                qb.push(" ORDER BY p.price ASC");
            }
            SearchOrder::PriceDesc => {
                qb.push(" ORDER BY p.price DESC");
            }
            SearchOrder::Newest => {
                qb.push(" ORDER BY p.created_at DESC");
            }
            SearchOrder::Relevance if text.is_none() => {
                qb.push(" ORDER BY p.created_at DESC");
            }
            _ => {}
        }
        qb.push(" LIMIT ").push_bind(window);
        qb.push(") SELECT (SELECT count(*) FROM matched) AS total, ");
        let order = match req.order {
            SearchOrder::Relevance if text.is_some() => "rank DESC, created_at DESC",
            SearchOrder::Relevance | SearchOrder::Newest => "created_at DESC",
            SearchOrder::PriceAsc => "price ASC",
            SearchOrder::PriceDesc => "price DESC",
            SearchOrder::Rating => "rating DESC NULLS LAST",
            SearchOrder::Distance => "distance_km ASC NULLS LAST",
        };
        qb.push(format!(
            "(SELECT json_agg(json_build_array(id, distance_km)) FROM \
               (SELECT id, distance_km FROM matched ORDER BY {order}, id LIMIT "
        ))
        .push_bind(req.limit)
        .push(" OFFSET ")
        .push_bind(req.offset)
        .push(
            ") pg) AS hits, \
             (SELECT json_agg(json_build_object('id', c.id, 'nameAr', c.name_ar, 'nameEn', c.name_en, 'count', n) ORDER BY n DESC, c.name_en) \
                FROM (SELECT category_id, count(*) AS n FROM matched WHERE category_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 30) x \
                JOIN categories c ON c.id = x.category_id) AS categories, \
             (SELECT json_agg(json_build_object('value', condition, 'count', n) ORDER BY n DESC) \
                FROM (SELECT condition, count(*) AS n FROM matched GROUP BY 1) x) AS conditions, \
             (SELECT json_agg(json_build_object('id', mk.id, 'nameAr', mk.name_ar, 'nameEn', mk.name_en, 'count', n) ORDER BY n DESC, mk.name_en) \
                FROM (SELECT f.make_id, count(DISTINCT f.product_id) AS n FROM matched m \
                      JOIN product_fitments f ON f.product_id = m.id GROUP BY 1 ORDER BY 2 DESC LIMIT 30) x \
                JOIN car_makes mk ON mk.id = x.make_id) AS makes",
        );
        let mut tx = self.db.begin().await?;
        // A generic plan cannot see how many categories or which price range
        // a search has, and then misjudges the sizes it walks.
        sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan")
            .execute(&mut *tx)
            .await?;
        if mode == TextMode::Similar {
            sqlx::query("SET LOCAL pg_trgm.word_similarity_threshold = 0.45")
                .execute(&mut *tx)
                .await?;
        }
        let row: Row = qb.build_query_as().fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok(SearchPage {
            exact_total: row.total < window,
            total: row.total,
            hits: row
                .hits
                .map(|j| j.0)
                .unwrap_or_default()
                .into_iter()
                .map(|(id, distance_km)| SearchHit { id, distance_km })
                .collect(),
            facets: Facets {
                categories: row.categories.map(|j| j.0).unwrap_or_default(),
                conditions: row.conditions.map(|j| j.0).unwrap_or_default(),
                makes: row.makes.map(|j| j.0).unwrap_or_default(),
            },
            fuzzy: mode == TextMode::Similar,
        })
    }
}

#[async_trait::async_trait]
impl ProductSearch for PgSearch {
    async fn search(&self, req: &SearchRequest) -> anyhow::Result<SearchPage> {
        let text = req.text.as_deref().and_then(text_query);
        let exact = self.run(req, text.as_ref(), TextMode::Exact).await?;
        if exact.total > 0 || text.is_none() {
            return Ok(exact);
        }
        self.run(req, text.as_ref(), TextMode::Similar).await
    }
}
