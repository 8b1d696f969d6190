//! The sandbox gateway's tokens: a payment pressed on its page tokenises the
//! test card under a new random token (opaque, like N-Genius's); a saved-card
//! payment must present a token it issued, with that card's expiry.

use providers::payments::SavedCard;
use sqlx::PgPool;
use uuid::Uuid;

/// The card an order was paid with (all `None` before it is paid).
#[derive(sqlx::FromRow)]
pub(super) struct CardRow {
    card_token: Option<String>,
    masked_pan: Option<String>,
    expiry: Option<String>,
    holder_name: Option<String>,
    scheme: Option<String>,
}

impl CardRow {
    pub(super) fn card(self) -> Option<SavedCard> {
        Some(SavedCard {
            token: self.card_token?,
            masked_pan: self.masked_pan?,
            expiry: self.expiry?,
            cardholder_name: self.holder_name.unwrap_or_default(),
            scheme: self.scheme.unwrap_or_default(),
            recapture_csc: false,
        })
    }
}

/// Presses a button of the hosted page on an order still `STARTED`: `to` is
/// its new state; paying tokenises the test card. The order's return URL and
/// amount, or `None` when it was not open.
pub(super) async fn press(
    db: &PgPool,
    reference: &str,
    to: &str,
) -> sqlx::Result<Option<(String, i64, String)>> {
    let mut tx = db.begin().await?;
    let done: Option<(String, i64, String)> = sqlx::query_as(
        "UPDATE sandbox_gateway_orders SET state = $2, updated_at = now() \
         WHERE reference = $1 AND state = 'STARTED' RETURNING redirect_url, amount, currency",
    )
    .bind(reference)
    .bind(to)
    .fetch_optional(&mut *tx)
    .await?;
    if done.is_some() && to == "PURCHASED" {
        // The test card of the sandbox, valid four more years.
        let token = format!("sbx_{}", Uuid::new_v4().simple());
        sqlx::query(
            "INSERT INTO sandbox_gateway_cards (token, masked_pan, expiry, holder_name, scheme) \
             VALUES ($1, '411111******1111', to_char(now() + interval '4 years', 'YYYY') || '-12', \
                     'Sandbox Tester', 'VISA')",
        )
        .bind(&token)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE sandbox_gateway_orders SET card_token = $2 WHERE reference = $1")
            .bind(reference)
            .bind(&token)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Pays the open order `reference` with a token this sandbox issued, when
/// the expiry given is that card's; `false` otherwise (nothing changes).
pub(super) async fn charge(db: &PgPool, reference: &str, card: &SavedCard) -> sqlx::Result<bool> {
    let paid = sqlx::query(
        "UPDATE sandbox_gateway_orders o SET state = 'PURCHASED', card_token = c.token, \
           updated_at = now() \
         FROM sandbox_gateway_cards c \
         WHERE o.reference = $1 AND o.state = 'STARTED' AND c.token = $2 AND c.expiry = $3",
    )
    .bind(reference)
    .bind(&card.token)
    .bind(&card.expiry)
    .execute(db)
    .await?
    .rows_affected();
    Ok(paid == 1)
}
