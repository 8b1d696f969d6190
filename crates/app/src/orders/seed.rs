//! Demo commerce, made through the same services customers and stores use:
//! a saved address, 500.00 SAR in the wallet (an adjustment booked in the
//! ledger), one cash order delivered by the Riyadh store that the customer
//! can review, and the coupon `WELCOME10`. Skipped when the customer already
//! has orders.

use uuid::Uuid;

use crate::AppState;
use crate::auth::Caller;
use crate::cart::model::AddItem;
use crate::idempotency::IdempotencyKey;
use crate::identity::model::Role;
use crate::ledger::{self, Account, Posting};
use crate::payments::model::Method;

use super::model::CheckoutRequest;
use super::service::{self, Viewer};
use super::status::OrderStatus;

/// What the demo customer holds: 500.00 SAR.
pub const DEMO_WALLET: i64 = 50_000;
pub const DEMO_COUPON: &str = "WELCOME10";

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    let user = |phone: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "SELECT id FROM users WHERE phone = $1 AND deleted_at IS NULL",
        )
        .bind(phone)
        .fetch_optional(&state.db)
    };
    let (Some(customer), Some(supplier)) = (
        user(crate::config::DEMO_PHONES[1]).await?,
        user(crate::config::DEMO_PHONES[2]).await?,
    ) else {
        return Ok(());
    };
    let Some((riyadh, _)) = crate::stores::seed::demo_store_ids(&state.db).await? else {
        return Ok(());
    };
    let has_orders: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = $1)")
            .bind(customer)
            .fetch_one(&state.db)
            .await?;
    if has_orders {
        return Ok(());
    }

    sqlx::query(
        "INSERT INTO coupons (id, code, kind, value, min_order, max_discount, scope, per_user_limit) \
         VALUES ($1, $2, 'percent', 1000, 10000, 5000, 'all', 1) \
         ON CONFLICT (upper(code)) WHERE deleted_at IS NULL DO NOTHING",
    )
    .bind(Uuid::now_v7())
    .bind(DEMO_COUPON)
    .execute(&state.db)
    .await?;

    let address: Uuid = sqlx::query_scalar(
        "INSERT INTO addresses (id, user_id, label, recipient_name, phone, city, district, street, \
           lat, lng, is_default, created_by) \
         VALUES ($1, $2, 'المنزل', 'عميل تجريبي', '+966500000001', 'الرياض', 'العليا', \
           'طريق الملك فهد', 24.7136, 46.6753, true, $2) RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(customer)
    .fetch_one(&state.db)
    .await?;

    let mut tx = state.db.begin().await?;
    ledger::post(
        &mut tx,
        Posting::new("wallet_credit", format!("demo:wallet:{customer}"))
            .memo("demo credit")
            .debit(Account::Adjustments, DEMO_WALLET)
            .credit(Account::CustomerWallet(customer), DEMO_WALLET),
    )
    .await?;
    tx.commit().await?;

    let product: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM products WHERE store_id = $1 AND status = 'active' AND deleted_at IS NULL \
         AND stock > 0 ORDER BY price, id LIMIT 1",
    )
    .bind(riyadh)
    .fetch_optional(&state.db)
    .await?;
    let Some(product) = product else {
        return Ok(());
    };
    let buyer = Caller::system(customer, Role::Customer);
    let result = super::checkout::checkout(
        state,
        &buyer,
        &IdempotencyKey(format!("demo-order-{customer}")),
        &CheckoutRequest {
            address_id: address,
            payment_method: Method::Cash,
            coupon_code: None,
            note: None,
            items: Some(vec![AddItem {
                product_id: product,
                variant_id: None,
                quantity: 1,
            }]),
            save_card: None,
            saved_card_id: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("demo checkout: {e:?}"))?;
    let order: Uuid = result.body["data"]["orders"][0]["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("demo checkout answered without an order"))?;
    let store = Caller::system(supplier, Role::Supplier);
    for step in [
        OrderStatus::Accepted,
        OrderStatus::Preparing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
    ] {
        service::transition(state, &store, Viewer::Store(riyadh), order, step, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo order to {step:?}: {e:?}"))?;
    }
    Ok(())
}
