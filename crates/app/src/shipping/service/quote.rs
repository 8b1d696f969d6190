//! The delivery fee of one store order: OTO's cheapest option when OTO is
//! the carrier, else the local courier's rate table; plus the platform's
//! shipping commission. Asked at checkout, fixed on the order.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::money::rate_of;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::super::model::{LOCAL, OTO, Quote};
use super::super::repo;
use crate::AppState;

fn undeliverable() -> ApiError {
    ApiError::Unprocessable {
        code: "SHIPPING_UNAVAILABLE",
        message: Message::new("shipping-unavailable"),
        fields: FieldErrors::single("addressId", Message::new("shipping-unavailable")),
    }
}

/// What delivering `grams` from `store` to `city` costs; `cod` is the amount
/// the courier collects for cash orders.
pub async fn quote(
    state: &AppState,
    conn: &mut PgConnection,
    store: Uuid,
    city: &str,
    grams: i64,
    cod: Option<i64>,
) -> ApiResult<Quote> {
    let bp = i64::from(state.config.shipping.commission_bp);
    let Some(carrier) = &state.carrier else {
        let fee = repo::local_rate(&mut *conn, city, grams)
            .await?
            .ok_or_else(undeliverable)?;
        return Ok(Quote {
            carrier: LOCAL,
            carrier_fee: fee,
            commission: rate_of(fee, bp),
            weight_grams: grams,
            option: None,
        });
    };
    let origin = repo::store_city(&mut *conn, store)
        .await?
        .ok_or(ApiError::NotFound)?;
    let query = providers::shipping::FeeQuery {
        origin_city: origin,
        destination_city: city.trim().to_owned(),
        weight_grams: grams,
        dims_cm: None,
        cod_halalas: cod,
    };
    let options = carrier.fee(&query).await.map_err(|e| {
        tracing::warn!(error = %e, "the carrier could not quote a delivery");
        ApiError::Unavailable
    })?;
    // The cheapest for the customer: a cash order also pays the COD charge.
    let cost = |o: &providers::shipping::DeliveryOption| {
        o.price_halalas
            + if cod.is_some() {
                o.cod_charge_halalas
            } else {
                0
            }
    };
    let best = options
        .iter()
        .min_by_key(|o| cost(o))
        .ok_or_else(undeliverable)?;
    let fee = cost(best);
    Ok(Quote {
        carrier: OTO,
        carrier_fee: fee,
        commission: rate_of(fee, bp),
        weight_grams: grams,
        option: Some(serde_json::json!({
            "id": best.id, "carrier": best.carrier, "name": best.name, "price": fee,
            "eta": best.eta_text,
        })),
    })
}

/// Fixes the quote on its order (in the checkout's transaction).
pub async fn record(conn: &mut PgConnection, order: Uuid, q: &Quote) -> ApiResult<()> {
    Ok(repo::record_quote(conn, order, q).await?)
}
