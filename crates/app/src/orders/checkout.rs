//! Checkout: the cart (or a "buy now" list) becomes one order per store in
//! one transaction — stock taken with conditional updates, the coupon used
//! within its limits, the wallet debited without overdraft, the cart emptied,
//! and the answer stored under the request's `Idempotency-Key`.

use std::collections::BTreeMap;

use http::StatusCode;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{CheckoutRequest, CheckoutResult};
use super::pricing;
use super::repo::{self, NewCheckout, NewItem, NewOrder};
use super::status::{Actor, OrderStatus};
use crate::AppState;
use crate::auth::Caller;
use crate::cart::model::LineRow;
use crate::coupons::service::{self as coupons, QuoteLine};
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments;
use crate::payments::model::{Method, TargetKind};

fn refused(code: &'static str, key: &'static str, field: &str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single(field, Message::new(key)),
    }
}

/// Card payment asked for on a node with no card gateway configured.
pub(super) fn card_unavailable() -> ApiError {
    refused(
        "CARD_UNAVAILABLE",
        "checkout-card-unavailable",
        "paymentMethod",
    )
}

pub async fn checkout(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &CheckoutRequest,
) -> ApiResult<Replay> {
    if req.payment_method == Method::Card && !state.gateway.is_configured() {
        return Err(card_unavailable());
    }
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("checkout", req);
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "checkout", &hash).await?
    {
        return Ok(replay);
    }
    let address: Option<serde_json::Value> = sqlx::query_scalar(
        "SELECT jsonb_build_object('id', id, 'label', label, 'recipientName', recipient_name, \
           'phone', phone, 'city', city, 'district', district, 'street', street, \
           'details', details, 'lat', lat, 'lng', lng) \
         FROM addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL",
    )
    .bind(req.address_id)
    .bind(caller.user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(mut address) = address else {
        return Err(refused(
            "ADDRESS_NOT_FOUND",
            "checkout-address-unknown",
            "addressId",
        ));
    };
    if let Some(note) = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        address["note"] = serde_json::json!(note);
    }
    let lines = match &req.items {
        Some(items) => {
            let products: Vec<Uuid> = items.iter().map(|i| i.product_id).collect();
            let variants: Vec<Option<Uuid>> = items.iter().map(|i| i.variant_id).collect();
            let quantities: Vec<i32> = items.iter().map(|i| i.quantity).collect();
            let lines =
                crate::cart::repo::lines_for(&mut tx, &products, &variants, &quantities).await?;
            if lines.len() != items.len() {
                return Err(refused("CART_INVALID", "cart-product-unavailable", "items"));
            }
            lines
        }
        None => crate::cart::repo::lock_lines(&mut tx, caller.user_id).await?,
    };
    if lines.is_empty() {
        return Err(ApiError::Unprocessable {
            code: "CART_EMPTY",
            message: Message::new("checkout-cart-empty"),
            fields: FieldErrors::new(),
        });
    }
    // Unavailable products are named here; too little stock is decided by
    // the conditional update below, the one place that cannot race.
    let mut problems = FieldErrors::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.available {
            problems.add(
                format!("items[{i}]"),
                Message::new("cart-product-unavailable"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Unprocessable {
            code: "CART_INVALID",
            message: Message::new("checkout-cart-invalid"),
            fields: problems,
        });
    }

    // Stock first, in one global order, so concurrent checkouts never deadlock.
    let mut by_product: Vec<&LineRow> = lines.iter().collect();
    by_product.sort_by_key(|l| (l.product_id, l.variant_id));
    for l in by_product {
        if !repo::take_stock(&mut tx, l.product_id, l.variant_id, l.quantity).await? {
            return Err(ApiError::Conflict {
                code: "OUT_OF_STOCK",
                message: Message::new("checkout-out-of-stock").arg(
                    "name",
                    if caller.client.locale == kernel::Locale::Ar {
                        l.name_ar.clone()
                    } else {
                        l.name_en.clone()
                    },
                ),
            });
        }
    }

    let quote = match req.coupon_code.as_deref() {
        Some(code) => {
            let q_lines: Vec<QuoteLine> = lines
                .iter()
                .map(|l| QuoteLine {
                    store_id: l.store_id,
                    category_id: l.category_id,
                    amount: l.line_total(),
                })
                .collect();
            Some(coupons::quote(&mut tx, code, caller.user_id, &q_lines).await?)
        }
        None => None,
    };

    // One order per store, in store order.
    let mut groups: BTreeMap<Uuid, Vec<(usize, &LineRow)>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        groups.entry(l.store_id).or_default().push((i, l));
    }
    let fee = state.config.payments.delivery_fee;
    let planned: Vec<(Uuid, pricing::OrderAmounts, i32)> = groups
        .iter()
        .map(|(store, ls)| {
            let subtotal = ls.iter().map(|(_, l)| l.line_total()).sum();
            let discount = quote
                .as_ref()
                .map(|q| ls.iter().map(|(i, _)| q.per_line[*i]).sum())
                .unwrap_or(0);
            let bp = ls[0].1.commission_bp;
            (*store, pricing::amounts(subtotal, fee, discount, bp), bp)
        })
        .collect();
    let due: i64 = planned.iter().map(|p| p.1.amount_due).sum();
    let discount: i64 = planned.iter().map(|p| p.1.discount).sum();
    // Nothing to pay by card: settle it like a (zero) wallet payment.
    let method = if due == 0 {
        Method::Wallet
    } else {
        req.payment_method
    };

    let checkout_id = Uuid::now_v7();
    let session = if method == Method::Card {
        Some(
            payments::service::open_session(
                &mut tx,
                caller.user_id,
                state.gateway.name(),
                due,
                caller.client.locale.code(),
            )
            .await?,
        )
    } else {
        None
    };
    repo::insert_checkout(
        &mut tx,
        &NewCheckout {
            id: checkout_id,
            user: caller.user_id,
            method: method.as_str(),
            coupon: quote.as_ref().map(|q| q.coupon_id),
            discount,
            amount_due: due,
            session: session.as_ref().map(|s| s.id),
        },
    )
    .await?;
    if let Some(q) = &quote {
        coupons::redeem(&mut tx, q, caller.user_id, checkout_id).await?;
    }
    let expires = (method == Method::Card).then(|| {
        time::OffsetDateTime::now_utc()
            + time::Duration::try_from(state.config.payments.card_timeout)
                .unwrap_or(time::Duration::minutes(30))
    });
    let mut order_ids = Vec::new();
    for ((store, amounts, bp), (_, ls)) in planned.iter().zip(groups.iter()) {
        let order_id = Uuid::now_v7();
        let initial = if method == Method::Cash {
            OrderStatus::Confirmed
        } else {
            OrderStatus::PendingPayment
        };
        repo::insert_order(
            &mut tx,
            &NewOrder {
                id: order_id,
                checkout_id,
                customer_id: caller.user_id,
                store_id: *store,
                status: initial.as_str(),
                payment_method: method.as_str(),
                address: &address,
                amounts: *amounts,
                coupon_id: quote
                    .as_ref()
                    .filter(|_| amounts.discount > 0)
                    .map(|q| q.coupon_id),
                commission_bp: *bp,
                payment_expires_at: expires,
            },
        )
        .await?;
        for (_, l) in ls {
            repo::insert_item(
                &mut tx,
                order_id,
                &NewItem {
                    product_id: l.product_id,
                    variant_id: l.variant_id,
                    category_id: l.category_id,
                    name_ar: &item_name(&l.name_ar, l.variant_name_ar.as_deref()),
                    name_en: &item_name(&l.name_en, l.variant_name_en.as_deref()),
                    unit_price: l.unit_price,
                    quantity: l.quantity,
                },
            )
            .await?;
        }
        repo::history(
            &mut tx,
            order_id,
            None,
            initial.as_str(),
            Some(caller.user_id),
            Actor::Customer.as_str(),
            "",
        )
        .await?;
        let payment = payments::service::open(
            &mut tx,
            TargetKind::Order,
            order_id,
            caller.user_id,
            method,
            amounts.amount_due,
            session.as_ref().map(|s| s.id),
        )
        .await?;
        match method {
            Method::Wallet => payments::service::pay_from_wallet(&mut tx, &payment).await?,
            Method::Cash => crate::invoices::service::issue(&mut tx, order_id).await?,
            Method::Card => {}
        }
        order_ids.push(order_id);
    }
    if req.items.is_none() {
        crate::cart::repo::clear(&mut *tx, caller.user_id).await?;
    }
    let rows = repo::of_checkout(&mut *tx, checkout_id).await?;
    // Each store's owner hears of its order with the checkout, never without it.
    let stores: Vec<Uuid> = rows.iter().map(|o| o.store_id).collect();
    let owners = repo::store_owners(&mut tx, &stores).await?;
    for o in &rows {
        let Some(&(_, owner)) = owners.iter().find(|(store, _)| *store == o.store_id) else {
            continue;
        };
        crate::notifications::service::notify(
            &mut tx,
            owner,
            "order.new",
            "orders",
            serde_json::json!({
                "orderId": o.id,
                "orderNumber": o.number,
                "storeName": {"ar": o.store_name_ar, "en": o.store_name_en},
                "amount": kernel::money::decimal(o.amount_due),
            }),
        )
        .await?;
    }
    let orders = super::service::with_items(&mut tx, rows, caller.client.locale).await?;
    let result = CheckoutResult {
        checkout_id,
        payment_method: method,
        amount_due: due,
        discount,
        currency: "SAR".into(),
        payment_url: session
            .as_ref()
            .map(|s| payments::service::session_link(state, s.id)),
        orders,
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &result).await?;
    tx.commit().await?;
    if !replay.replayed {
        super::service::announce_new(state, &result.orders).await;
    }

    if let Some(s) = session {
        // Open the gateway's page now so the link answers at once; if the
        // gateway is slow or down, the link retries when followed.
        if let Err(e) = payments::gateway::ensure_gateway_order(state, s.id).await {
            tracing::warn!(error = ?e, session = %s.id, "could not open the gateway order yet");
        }
    }
    Ok(replay)
}

fn item_name(name: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{name} — {v}"),
        None => name.to_owned(),
    }
}
