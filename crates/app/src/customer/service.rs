//! Favorites (idempotent, of visible products and stores only) and addresses
//! (exactly one default per user with any, kept under a per-user lock).

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{
    Address, AddressPatch, Favorite, FavoriteQuery, FavoriteType, MAX_ADDRESSES, NewAddress,
    optional,
};
use super::repo::{self, AddressFields};
use crate::AppState;
use crate::auth::Caller;

pub async fn favorites(
    state: &AppState,
    caller: &Caller,
    q: &FavoriteQuery,
) -> ApiResult<(Vec<Favorite>, Meta)> {
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (rows, total) = repo::favorites(
        &state.db,
        caller.user_id,
        q.kind.map(FavoriteType::as_str),
        page,
    )
    .await?;
    Ok((
        rows.into_iter().map(Favorite::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// Marks a visible product or store as a favorite; repeating it changes nothing.
pub async fn add_favorite(
    state: &AppState,
    caller: &Caller,
    kind: FavoriteType,
    id: Uuid,
) -> ApiResult<()> {
    let visible = match kind {
        FavoriteType::Product => repo::product_visible(&state.db, id).await?,
        FavoriteType::Store => repo::store_visible(&state.db, id).await?,
    };
    if !visible {
        return Err(ApiError::NotFound);
    }
    repo::add_favorite(&state.db, caller.user_id, kind.as_str(), id).await?;
    Ok(())
}

pub async fn remove_favorite(
    state: &AppState,
    caller: &Caller,
    kind: FavoriteType,
    id: Uuid,
) -> ApiResult<()> {
    repo::remove_favorite(&state.db, caller.user_id, kind.as_str(), id).await?;
    Ok(())
}

pub async fn addresses(state: &AppState, caller: &Caller) -> ApiResult<Vec<Address>> {
    Ok(repo::addresses(&state.db, caller.user_id).await?)
}

/// The user's address `id` as an order keeps it, read in the caller's
/// transaction (checkout's); `None` when it is not one of theirs.
pub async fn delivery_address(
    conn: &mut PgConnection,
    user: Uuid,
    id: Uuid,
) -> ApiResult<Option<serde_json::Value>> {
    Ok(repo::delivery_address(conn, user, id).await?)
}

/// Whether customers may see the store `id` ([`super::model::VISIBLE_STORE`]).
pub async fn store_visible(db: impl sqlx::PgExecutor<'_>, id: Uuid) -> ApiResult<bool> {
    Ok(repo::store_visible(db, id).await?)
}

fn merged(p: &AddressPatch, old: Option<&Address>) -> AddressFields {
    let text = |new: &Option<String>, old: Option<&String>| {
        new.as_deref()
            .map(|v| v.trim().to_owned())
            .or_else(|| old.cloned())
            .unwrap_or_default()
    };
    let opt = |new: &Option<String>, old: Option<&Option<String>>| match new {
        Some(v) => optional(Some(v)),
        None => old.cloned().flatten(),
    };
    AddressFields {
        label: text(&p.label, old.map(|a| &a.label)),
        recipient_name: text(&p.recipient_name, old.map(|a| &a.recipient_name)),
        phone: p
            .phone()
            .or_else(|| old.map(|a| a.phone.clone()))
            .unwrap_or_default(),
        city: text(&p.city, old.map(|a| &a.city)),
        // New text without an id: the trigger matches the text again.
        city_id: p.city_id.or_else(|| {
            if p.city.is_some() {
                None
            } else {
                old.and_then(|a| a.city_id)
            }
        }),
        district: opt(&p.district, old.map(|a| &a.district)),
        street: opt(&p.street, old.map(|a| &a.street)),
        details: opt(&p.details, old.map(|a| &a.details)),
        lat: p.lat.or(old.map(|a| a.lat)).unwrap_or_default(),
        lng: p.lng.or(old.map(|a| a.lng)).unwrap_or_default(),
    }
}

/// An address that names a city by id carries that city's Arabic name as its
/// text (the courier's rates and older readers use the text); an unknown or
/// inactive city is a 422 on `cityId`, except the one the address already
/// names: a city deactivated since stays, with its text.
async fn named_city(
    tx: &mut PgConnection,
    fields: &mut AddressFields,
    before: Option<&Address>,
) -> ApiResult<()> {
    let Some(id) = fields.city_id else {
        return Ok(());
    };
    match crate::geography::city_name(tx, id).await? {
        Some(name) => fields.city = name,
        None => match before {
            Some(old) if old.city_id == Some(id) => fields.city = old.city.clone(),
            _ => {
                return Err(ApiError::field(
                    "cityId",
                    Message::new("geography-city-unknown"),
                ));
            }
        },
    }
    Ok(())
}

/// Saves an address; the first one, or one asked to be, becomes the default.
pub async fn create_address(
    state: &AppState,
    caller: &Caller,
    req: &NewAddress,
) -> ApiResult<Address> {
    let mut fields = merged(&req.fields(), None);
    let mut tx = state.db.begin().await?;
    named_city(&mut tx, &mut fields, None).await?;
    repo::lock_user_addresses(&mut tx, caller.user_id).await?;
    let existing = repo::count(&mut *tx, caller.user_id).await?;
    if existing >= MAX_ADDRESSES {
        return Err(ApiError::Conflict {
            code: "ADDRESS_LIMIT",
            message: Message::new("customer-address-limit").arg("max", MAX_ADDRESSES),
        });
    }
    let mut address = repo::insert(&mut tx, caller.user_id, &fields, false).await?;
    if existing == 0 || req.is_default {
        repo::make_default(&mut tx, caller.user_id, address.id).await?;
        address.is_default = true;
    }
    tx.commit().await?;
    Ok(address)
}

pub async fn update_address(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &AddressPatch,
) -> ApiResult<Address> {
    let mut tx = state.db.begin().await?;
    repo::lock_user_addresses(&mut tx, caller.user_id).await?;
    let before = repo::address(&mut *tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut fields = merged(req, Some(&before));
    if req.city_id.is_some() {
        named_city(&mut tx, &mut fields, Some(&before)).await?;
    }
    let after = repo::update(&mut tx, caller.user_id, id, &fields).await?;
    tx.commit().await?;
    Ok(after)
}

/// Makes the address the user's one default (the old default is unset first,
/// in the same transaction).
pub async fn make_default(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Address> {
    let mut tx = state.db.begin().await?;
    repo::lock_user_addresses(&mut tx, caller.user_id).await?;
    repo::address(&mut *tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::make_default(&mut tx, caller.user_id, id).await?;
    let after = repo::address(&mut *tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes the address; when it was the default, the newest remaining one
/// takes its place.
pub async fn delete_address(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    repo::lock_user_addresses(&mut tx, caller.user_id).await?;
    let before = repo::address(&mut *tx, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::delete(&mut tx, caller.user_id, id).await?;
    if before.is_default
        && let Some(next) = repo::newest(&mut tx, caller.user_id).await?
    {
        repo::make_default(&mut tx, caller.user_id, next).await?;
    }
    tx.commit().await?;
    Ok(())
}
