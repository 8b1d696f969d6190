//! Cities and their areas: the city list with its region and a search, an
//! add form, and each city's page with its edit form and its areas. Every
//! page needs `catalog.manage` (the geography service decides).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::geography::model::{Area, City, CityQuery, NewArea, NewCity, PlacePatch, Region};
use app::geography::service as geo;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, validated};
use crate::shared;
use crate::signin;

/// A form as it was sent, shown again beside its errors.
#[derive(Default)]
pub struct Draft {
    slug: String,
    name_ar: String,
    name_en: String,
    region: String,
    active: bool,
}

impl Draft {
    fn from_fields(f: &Fields) -> Draft {
        Draft {
            slug: f.get("slug"),
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            region: f.get("regionId"),
            active: f.get("isActive") == "on",
        }
    }

    fn of(city: &City) -> Draft {
        Draft {
            slug: city.slug.clone(),
            name_ar: city.name_ar.clone(),
            name_en: city.name_en.clone(),
            region: city.region_id.map(|r| r.to_string()).unwrap_or_default(),
            active: city.is_active,
        }
    }

    fn region_id(&self, e: &mut FieldErrors) -> Option<Uuid> {
        if self.region.is_empty() {
            return None;
        }
        let id = Uuid::parse_str(&self.region).ok();
        if id.is_none() {
            e.add("regionId", Message::new("validation-uuid"));
        }
        id
    }
}

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/geography.html")]
struct CitiesPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    q: String,
    /// Where a deactivate/restore goes back to.
    back: &'static str,
    total: i64,
    cities: Vec<City>,
    regions: Vec<Region>,
    form: Draft,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/geography_city.html")]
struct CityPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    city: City,
    back: &'static str,
    regions: Vec<Region>,
    total: i64,
    areas: Vec<Area>,
    form: Draft,
    errors: Errors,
    area_form: Draft,
    area_errors: Errors,
}

fn form_error(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
}

async fn cities_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    q: String,
    failed: Option<(Draft, Errors, StatusCode)>,
) -> Response {
    let query = CityQuery {
        country_id: None,
        q: Some(q.chars().take(100).collect()),
    };
    let cities = match geo::cities_for_admin(state, caller, &query).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let regions = match geo::regions(state, None).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (form, errors, status) = failed.unwrap_or_else(|| {
        let form = Draft {
            active: true,
            ..Draft::default()
        };
        (form, Errors::none(), StatusCode::OK)
    });
    let page = CitiesPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "geography",
        q,
        back: "list",
        total: cities.len() as i64,
        cities,
        regions,
        form,
        errors,
    };
    (status, page).into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(s): Query<Search>,
) -> Response {
    cities_page(&state, &ctx, &caller, &csrf, s.q, None).await
}

pub async fn add_city(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::from_fields(&f);
    let mut shape = FieldErrors::new();
    // The page adds cities to the first country (Saudi Arabia).
    let country = match geo::countries(&state).await {
        Ok(list) => list.first().map(|c| c.id),
        Err(e) => return error_page(&ctx, e),
    };
    let body = NewCity {
        country_id: country,
        region_id: draft.region_id(&mut shape),
        slug: draft.slug.clone(),
        name_ar: draft.name_ar.clone(),
        name_en: draft.name_en.clone(),
        is_active: Some(draft.active),
        sort_order: 0,
    };
    let saved = match validated(&body, shape) {
        Ok(()) => geo::create_city(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(city) => shared::redirect_with_toast(
            &format!("{}/geography/cities/{}", ctx.admin_base(), city.id),
            &Message::new("web-geo-city-added").render(ctx.locale),
        ),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let status = e.status();
            cities_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                String::new(),
                Some((draft, errors, status)),
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Which form of the city page failed.
enum Failed {
    None,
    City(Draft, Errors, StatusCode),
    Area(Draft, Errors, StatusCode),
}

async fn city_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    failed: Failed,
) -> Response {
    let loaded = async {
        let areas = geo::areas_for_admin(state, caller, id).await?;
        let city = geo::city(state, id).await?;
        let regions = geo::regions(state, Some(city.country_id)).await?;
        Ok::<_, ApiError>((city, regions, areas))
    };
    let (city, regions, areas) = match loaded.await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let fresh_area = || Draft {
        active: true,
        ..Draft::default()
    };
    let (status, form, errors, area_form, area_errors) = match failed {
        Failed::None => (
            StatusCode::OK,
            Draft::of(&city),
            Errors::none(),
            fresh_area(),
            Errors::none(),
        ),
        Failed::City(d, e, s) => (s, d, e, fresh_area(), Errors::none()),
        Failed::Area(d, e, s) => (s, Draft::of(&city), Errors::none(), d, e),
    };
    let page = CityPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "geography",
        city,
        back: "city",
        regions,
        total: areas.len() as i64,
        areas,
        form,
        errors,
        area_form,
        area_errors,
    };
    (status, page).into_response()
}

pub async fn city(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => city_page(&state, &ctx, &caller, &csrf, id, Failed::None).await,
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update_city(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let draft = Draft::from_fields(&f);
    let mut shape = FieldErrors::new();
    let body = PlacePatch {
        region_id: draft.region_id(&mut shape),
        slug: Some(draft.slug.clone()),
        name_ar: Some(draft.name_ar.clone()),
        name_en: Some(draft.name_en.clone()),
        is_active: Some(draft.active),
        sort_order: None,
    };
    let saved = match validated(&body, shape) {
        Ok(()) => geo::update_city(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => shared::redirect_with_toast(
            &format!("{}/geography/cities/{id}", ctx.admin_base()),
            &Message::new("web-geo-city-saved").render(ctx.locale),
        ),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let failed = Failed::City(draft, errors, e.status());
            city_page(&state, &ctx, &caller, &csrf, id, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn add_area(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let draft = Draft::from_fields(&f);
    let body = NewArea {
        slug: draft.slug.clone(),
        name_ar: draft.name_ar.clone(),
        name_en: draft.name_en.clone(),
        is_active: Some(true),
        sort_order: 0,
    };
    let saved = match validated(&body, FieldErrors::new()) {
        Ok(()) => geo::create_area(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => shared::redirect_with_toast(
            &format!("{}/geography/cities/{id}", ctx.admin_base()),
            &Message::new("web-geo-area-added").render(ctx.locale),
        ),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let failed = Failed::Area(draft, errors, e.status());
            city_page(&state, &ctx, &caller, &csrf, id, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
