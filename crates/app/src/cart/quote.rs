//! The cart's delivery as checkout will fix it: each store's parcel (its
//! lines' weight) quoted by the same code checkout uses
//! (`shipping::service::quote`) to the address asked for, else the
//! customer's default. A cart paid in cash adds the carrier's COD charge at
//! checkout, so the quote is a paid order's. With no address, or a carrier
//! that fails or is slow, the store keeps the flat estimate and says so
//! (`deliveryQuoted: false`): the cart never waits on the carrier for
//! longer than `QUOTE_TIMEOUT`.

use std::time::Duration;

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::Cart;
use super::service;
use crate::AppState;
use crate::auth::Caller;

/// How long the cart waits for the carrier's quotes, all stores together.
pub const QUOTE_TIMEOUT: Duration = Duration::from_secs(3);

/// The cart, its delivery quoted for `address` (none: the default address).
/// 422 on `addressId` when the address asked for is not the caller's.
pub async fn quoted(state: &AppState, caller: &Caller, address: Option<Uuid>) -> ApiResult<Cart> {
    let lines = service::lines(&state.db, caller.user_id).await?;
    let mut cart = service::build(
        &lines,
        state.config.payments.delivery_fee,
        caller.client.locale,
    );
    // The default address comes first.
    let addresses = crate::customer::service::addresses(state, caller).await?;
    let chosen = match address {
        Some(id) => Some(addresses.iter().find(|a| a.id == id).ok_or_else(|| {
            ApiError::Validation(FieldErrors::single(
                "addressId",
                Message::new("checkout-address-unknown"),
            ))
        })?),
        None => addresses.first(),
    };
    let Some(to) = chosen else {
        return Ok(cart);
    };
    cart.delivery_address_id = Some(to.id);
    let deadline = tokio::time::Instant::now() + QUOTE_TIMEOUT;
    for store in &mut cart.stores {
        let grams: i64 = lines
            .iter()
            .filter(|l| l.store_id == store.store_id)
            .map(|l| i64::from(l.weight_grams) * i64::from(l.quantity))
            .sum();
        let asked = async {
            let mut conn = state.db.acquire().await?;
            crate::shipping::service::quote::quote(
                state,
                &mut conn,
                store.store_id,
                &to.city,
                grams,
                None,
            )
            .await
        };
        match tokio::time::timeout_at(deadline, asked).await {
            Ok(Ok(q)) => {
                store.delivery_fee = q.fee();
                store.delivery_quoted = true;
            }
            Ok(Err(e)) => {
                tracing::info!(error = ?e, store = %store.store_id, "the cart keeps the delivery estimate");
            }
            Err(_) => {
                tracing::warn!(store = %store.store_id, "the carrier did not quote the cart in time");
            }
        }
    }
    service::retotal(&mut cart);
    Ok(cart)
}
