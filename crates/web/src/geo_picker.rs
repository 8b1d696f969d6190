//! The city and area pickers of the address, store, company and
//! registration forms: a `<select name="cityId">` of the offered cities
//! grouped by region, in the page's language, and the chosen city's areas
//! as suggestions for the district, refreshed by htmx when the city changes
//! (`GET …/geo/areas?cityId=`). Without JS the areas follow the city the
//! page was drawn with. The services derive the stored city text.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::geography::model::{City, CityQuery};
use app::geography::service as geo;
use kernel::i18n::{Message, t};
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use crate::chrome::WebCtx;

pub struct Choice {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

pub struct Group {
    pub name: String,
    pub cities: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "geo/city_options.html")]
struct CityOptions {
    placeholder: String,
    groups: Vec<Group>,
}

#[derive(Template)]
#[template(path = "geo/area_options.html")]
struct AreaOptions {
    names: Vec<String>,
}

fn pick(locale: Locale, ar: &str, en: &str) -> String {
    match locale {
        Locale::Ar => ar.to_owned(),
        Locale::En => en.to_owned(),
    }
}

/// The `<option>`s of the city select: the offered cities by region (in the
/// regions' order), `selected` chosen. A selected city no longer offered
/// (deactivated since the row named it) is still listed, so editing the row
/// keeps it.
pub async fn city_options(
    state: &AppState,
    locale: Locale,
    selected: Option<Uuid>,
) -> ApiResult<String> {
    let mut cities = geo::cities(state, &CityQuery::default()).await?;
    if let Some(id) = selected
        && !cities.iter().any(|c| c.id == id)
    {
        match geo::city(state, id).await {
            Ok(c) => cities.push(c),
            Err(ApiError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    let regions = geo::regions(state, None).await?;
    let choice = |c: &City| Choice {
        id: c.id.to_string(),
        name: pick(locale, &c.name_ar, &c.name_en),
        selected: Some(c.id) == selected,
    };
    let mut groups: Vec<Group> = regions
        .iter()
        .map(|r| Group {
            name: pick(locale, &r.name_ar, &r.name_en),
            cities: cities
                .iter()
                .filter(|c| c.region_id == Some(r.id))
                .map(choice)
                .collect(),
        })
        .collect();
    let other: Vec<Choice> = cities
        .iter()
        .filter(|c| {
            !c.region_id
                .is_some_and(|r| regions.iter().any(|x| x.id == r))
        })
        .map(choice)
        .collect();
    groups.push(Group {
        name: t(locale, "web-geo-other-cities"),
        cities: other,
    });
    groups.retain(|g| !g.cities.is_empty());
    let page = CityOptions {
        placeholder: t(locale, "web-geo-choose-city"),
        groups,
    };
    page.render().map_err(|e| ApiError::Internal(e.into()))
}

/// The `<option>`s of the district suggestions: the city's active areas in
/// the page's language; none without a city.
pub async fn area_options(state: &AppState, locale: Locale, city: Option<Uuid>) -> String {
    let names = match city {
        Some(id) => geo::areas(state, id)
            .await
            .unwrap_or_default()
            .iter()
            .map(|a| pick(locale, &a.name_ar, &a.name_en))
            .collect(),
        None => Vec::new(),
    };
    AreaOptions { names }.render().unwrap_or_default()
}

#[derive(Deserialize)]
pub struct AreasQuery {
    #[serde(default, rename = "cityId")]
    city_id: String,
}

/// `GET …/geo/areas?cityId=`: the city's areas as `<option>`s (nothing for
/// a blank or unknown city), for htmx to swap into the district's list.
pub async fn areas(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<AreasQuery>,
) -> Response {
    let city = Uuid::parse_str(q.city_id.trim()).ok();
    Html(area_options(&state, ctx.locale, city).await).into_response()
}

/// The `cityId` a form sent: `None` when blank; one that is not an id is
/// named in `shape` as an unknown city.
pub fn read_city_id(raw: &str, shape: &mut FieldErrors) -> Option<Uuid> {
    if raw.is_empty() {
        return None;
    }
    let id = Uuid::parse_str(raw).ok();
    if id.is_none() {
        shape.add("cityId", Message::new("geography-city-unknown"));
    }
    id
}

/// The Arabic name of an offered city, for forms whose API still takes the
/// city as text (registration, company): the table's trigger maps the text
/// back to the city. An unknown or deactivated city is a 422 on `cityId`.
pub async fn offered_city_name(state: &AppState, id: Uuid) -> ApiResult<String> {
    geo::cities(state, &CityQuery::default())
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| c.name_ar)
        .ok_or_else(|| ApiError::field("cityId", Message::new("geography-city-unknown")))
}

/// The offered city a saved text names (either name, spelling folded), to
/// choose it in a picker over a row that keeps only the text.
pub async fn city_named(state: &AppState, text: &str) -> Option<Uuid> {
    let wanted = kernel::text::normalize(text);
    if wanted.is_empty() {
        return None;
    }
    let cities = geo::cities(state, &CityQuery::default()).await.ok()?;
    cities
        .into_iter()
        .find(|c| {
            kernel::text::normalize(&c.name_ar) == wanted
                || kernel::text::normalize(&c.name_en) == wanted
        })
        .map(|c| c.id)
}
