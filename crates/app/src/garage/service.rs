//! Garage rules: a car's model belongs to its make and was sold in its year;
//! a VIN must agree with both; at most [`MAX_CARS`] cars, exactly one default
//! while any exist.

use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::vin;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{
    Car, CarFit, CarPatch, CarRow, MAX_CARS, NewCar, VinFacts, VinQuery, vin_allows_year,
};
use super::repo::{self, NewCarRow};
use crate::AppState;
use crate::auth::Caller;

async fn shape(state: &AppState, caller: &Caller, r: CarRow) -> ApiResult<Car> {
    let vin_make = match r
        .vin
        .as_deref()
        .and_then(|v| vin::parse(v).ok())
        .and_then(|v| v.maker)
    {
        Some(m) => repo::make_named(&state.db, m).await?,
        None => None,
    };
    Ok(Car::from_row(r, caller.client.locale, vin_make))
}

pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<Car>> {
    let mut out = Vec::new();
    for r in repo::list(&state.db, caller.user_id).await? {
        out.push(shape(state, caller, r).await?);
    }
    Ok(out)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Car> {
    let r = repo::get(&state.db, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    shape(state, caller, r).await
}

/// The caller's car `id` as search and requests use it; `None` when it is
/// not one of theirs.
pub async fn car_of(
    db: impl sqlx::PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
) -> ApiResult<Option<(CarFit, CarRow)>> {
    Ok(repo::get(db, user, id).await?.map(|r| (r.fit(), r)))
}

/// What a VIN says, with the catalog's make of its maker.
pub async fn read_vin(state: &AppState, q: &VinQuery) -> ApiResult<VinFacts> {
    let mut e = FieldErrors::new();
    let v = super::model::check_vin(&mut e, "vin", &q.vin);
    e.into_result()?;
    let v = v.expect("checked");
    let make_id = match v.maker {
        Some(m) => repo::make_named(&state.db, m).await?,
        None => None,
    };
    Ok(VinFacts {
        vin: v.vin,
        maker: v.maker.map(str::to_owned),
        make_id,
        model_year: v.model_year,
        check_digit_verified: v.check_digit_verified,
    })
}

/// The make, model and year a car will have, checked against the taxonomy
/// and the VIN together, so one 422 names every disagreement.
async fn resolve(
    state: &AppState,
    make: Option<Uuid>,
    model: Uuid,
    year: Option<i32>,
    vin: Option<&vin::Vin>,
) -> ApiResult<(Uuid, i32)> {
    let mut e = FieldErrors::new();
    let vin_make = match vin.and_then(|v| v.maker) {
        Some(m) => repo::make_named(&state.db, m).await?,
        None => None,
    };
    let make = make.or(vin_make);
    let year = year.or(vin.and_then(|v| v.model_year));
    let Some((model_make, from, to)) =
        crate::taxonomy::service::model_years(&state.db, model).await?
    else {
        e.add("modelId", Message::new("garage-model-unknown"));
        return Err(ApiError::Validation(e));
    };
    let Some(make) = make else {
        e.add("makeId", Message::new("validation-required"));
        return Err(ApiError::Validation(e));
    };
    if model_make != make {
        e.add("modelId", Message::new("garage-model-not-of-make"));
    }
    if let Some(vm) = vin_make
        && vm != make
    {
        e.add("vin", Message::new("garage-vin-other-make"));
    }
    let Some(year) = year else {
        e.add("year", Message::new("validation-required"));
        return Err(ApiError::Validation(e));
    };
    let last = to.unwrap_or(OffsetDateTime::now_utc().year() + 1);
    if year < from || year > last {
        e.add(
            "year",
            Message::new("garage-year-out-of-model")
                .arg("from", from.to_string())
                .arg("to", last.to_string()),
        );
    }
    if !vin_allows_year(vin.and_then(|v| v.model_year), year) {
        e.add("vin", Message::new("garage-vin-other-year"));
    }
    e.into_result()?;
    Ok((make, year))
}

fn trimmed(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

pub async fn create(state: &AppState, caller: &Caller, req: &NewCar) -> ApiResult<Car> {
    let decoded = req.vin.as_deref().and_then(|v| vin::parse(v).ok());
    let (make, year) =
        resolve(state, req.make_id, req.model_id, req.year, decoded.as_ref()).await?;
    let id = Uuid::now_v7();
    let mut tx = state.db.begin().await?;
    repo::lock_user(&mut tx, caller.user_id).await?;
    let n = repo::count(&mut tx, caller.user_id).await?;
    if n >= MAX_CARS {
        return Err(ApiError::conflict("GARAGE_FULL", "garage-full"));
    }
    let is_default = n == 0 || req.is_default == Some(true);
    repo::insert(
        &mut tx,
        &NewCarRow {
            id,
            user: caller.user_id,
            make,
            model: req.model_id,
            year,
            vin: decoded.as_ref().map(|v| v.vin.as_str()),
            nickname: trimmed(req.nickname.as_deref()),
            is_default: false,
        },
    )
    .await?;
    if is_default {
        repo::set_default(&mut tx, caller.user_id, id).await?;
    }
    tx.commit().await?;
    get(state, caller, id).await
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, req: &CarPatch) -> ApiResult<Car> {
    let old = repo::get(&state.db, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let vin_text = match req.vin.as_deref() {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v),
        None => old.vin.as_deref(),
    };
    let decoded = vin_text.and_then(|v| vin::parse(v).ok());
    let year = req.year.unwrap_or(old.year);
    resolve(
        state,
        Some(old.make_id),
        old.model_id,
        Some(year),
        decoded.as_ref(),
    )
    .await?;
    let nickname = match req.nickname.as_deref() {
        Some(n) => trimmed(Some(n)),
        None => old.nickname.as_deref(),
    };
    let mut tx = state.db.begin().await?;
    repo::update(
        &mut tx,
        id,
        caller.user_id,
        year,
        decoded.as_ref().map(|v| v.vin.as_str()),
        nickname,
    )
    .await?;
    tx.commit().await?;
    get(state, caller, id).await
}

pub async fn make_default(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Car> {
    let mut tx = state.db.begin().await?;
    repo::lock_user(&mut tx, caller.user_id).await?;
    repo::get(&mut *tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::set_default(&mut tx, caller.user_id, id).await?;
    tx.commit().await?;
    get(state, caller, id).await
}

/// Removes the car; when it was the default, the newest other car becomes it.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    repo::lock_user(&mut tx, caller.user_id).await?;
    let was_default = repo::delete(&mut tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if was_default && let Some(next) = repo::newest(&mut tx, caller.user_id).await? {
        repo::set_default(&mut tx, caller.user_id, next).await?;
    }
    tx.commit().await?;
    Ok(())
}
