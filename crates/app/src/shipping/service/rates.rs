//! The local courier's fee table, managed by admins: bands of weight per
//! city of the geography and the "anywhere else" bands. Each change is one
//! transaction with its audit row (`courier_rate.create|update|delete`);
//! the next checkout quotes with it.
//!
//! The permission is `settings.manage`, not the shipments pages'
//! `orders.manage`: the table sets what every customer pays for delivery, a
//! marketplace-wide price like the other settings, while `orders.manage`
//! is for the staff who follow and fix individual orders and shipments.

use std::collections::HashMap;

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::super::model::rates::{
    CourierRate, CourierRateGroup, CourierRatePatch, MAX_RATES, NewCourierRate, RateRow,
};
use super::super::repo::rates as repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;

/// The whole table, grouped by destination ("anywhere else" first).
pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<CourierRateGroup>> {
    require(state, caller, Permission::SettingsManage).await?;
    Ok(group(repo::list(&state.db, MAX_RATES).await?))
}

/// Rows come ordered by destination; each destination becomes one group.
fn group(rows: Vec<RateRow>) -> Vec<CourierRateGroup> {
    let mut out: Vec<CourierRateGroup> = Vec::new();
    let mut at: HashMap<(Option<Uuid>, Option<String>), usize> = HashMap::new();
    for r in rows {
        // A mapped band is known by its city; a legacy one by its text.
        let text = if r.city_id.is_none() {
            r.city.as_deref().map(|c| c.trim().to_owned())
        } else {
            None
        };
        let key = (r.city_id, text.as_ref().map(|t| t.to_lowercase()));
        let i = *at.entry(key).or_insert_with(|| {
            out.push(CourierRateGroup {
                city_id: r.city_id,
                city_name_ar: r.city_name_ar.clone(),
                city_name_en: r.city_name_en.clone(),
                city_text: text.clone(),
                rates: Vec::new(),
            });
            out.len() - 1
        });
        out[i].rates.push(CourierRate::from(&r));
    }
    out
}

fn band_taken(written: sqlx::Error) -> ApiError {
    match &written {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            let m = Message::new("courier-rate-band-taken");
            ApiError::Unprocessable {
                code: "RATE_BAND_TAKEN",
                message: m.clone(),
                fields: FieldErrors::single("upToGrams", m),
            }
        }
        _ => written.into(),
    }
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: &NewCourierRate,
) -> ApiResult<CourierRate> {
    require(state, caller, Permission::SettingsManage).await?;
    let (Some(grams), Some(fee)) = (req.up_to_grams, req.fee) else {
        return Err(ApiError::field(
            "upToGrams",
            Message::new("validation-required"),
        ));
    };
    let mut tx = state.db.begin().await?;
    repo::lock_for_insert(&mut tx).await?;
    // The band's text is the city's Arabic name, as an address's is; the
    // city stays locked against deletion until the band is written.
    let city = match req.city_id {
        Some(id) => Some(
            crate::geography::city_name(&mut tx, id)
                .await?
                .ok_or_else(|| ApiError::field("cityId", Message::new("geography-city-unknown")))?,
        ),
        None => None,
    };
    if repo::live_count(&mut tx).await? >= MAX_RATES {
        return Err(ApiError::Conflict {
            code: "RATE_TABLE_FULL",
            message: Message::new("courier-rate-table-full").arg("max", MAX_RATES),
        });
    }
    let id = repo::insert(
        &mut tx,
        req.city_id,
        city.as_deref(),
        grams,
        fee,
        caller.user_id,
    )
    .await
    .map_err(band_taken)?;
    let after = CourierRate::from(&repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?);
    audit::record(
        &mut *tx,
        caller,
        "courier_rate.create",
        "courier_rate",
        id,
        None::<&CourierRate>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &CourierRatePatch,
) -> ApiResult<CourierRate> {
    require(state, caller, Permission::SettingsManage).await?;
    let (Some(grams), Some(fee)) = (req.up_to_grams, req.fee) else {
        return Err(ApiError::field(
            "upToGrams",
            Message::new("validation-required"),
        ));
    };
    let mut tx = state.db.begin().await?;
    let before = CourierRate::from(&repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?);
    if before.up_to_grams == grams && before.fee == fee {
        tx.commit().await?;
        return Ok(before);
    }
    repo::update(&mut tx, id, grams, fee, caller.user_id)
        .await
        .map_err(band_taken)?;
    let after = CourierRate::from(&repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?);
    audit::record(
        &mut *tx,
        caller,
        "courier_rate.update",
        "courier_rate",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-deletes the band; a city left without bands is priced as "anywhere
/// else" from the next checkout on.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::SettingsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = CourierRate::from(&repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?);
    repo::soft_delete(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "courier_rate.delete",
        "courier_rate",
        id,
        Some(&before),
        None::<&CourierRate>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
