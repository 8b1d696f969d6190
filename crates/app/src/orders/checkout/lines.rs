//! What is bought: the lines read (from the cart, or as given for "buy
//! now"), checked, and their stock taken.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::refused;
use crate::auth::Caller;
use crate::cart::model::{AddItem, LineRow};
use crate::orders::repo;

/// The lines of the checkout: `items` when given (the cart untouched),
/// otherwise the customer's cart with its rows locked.
pub(super) async fn read(
    conn: &mut PgConnection,
    caller: &Caller,
    items: Option<&[AddItem]>,
) -> ApiResult<Vec<LineRow>> {
    let lines = match items {
        Some(items) => {
            let products: Vec<Uuid> = items.iter().map(|i| i.product_id).collect();
            let variants: Vec<Option<Uuid>> = items.iter().map(|i| i.variant_id).collect();
            let quantities: Vec<i32> = items.iter().map(|i| i.quantity).collect();
            let lines =
                crate::cart::service::lines_for(conn, &products, &variants, &quantities).await?;
            if lines.len() != items.len() {
                return Err(refused("CART_INVALID", "cart-product-unavailable", "items"));
            }
            lines
        }
        None => crate::cart::service::lock_lines(conn, caller.user_id).await?,
    };
    if lines.is_empty() {
        return Err(ApiError::Unprocessable {
            code: "CART_EMPTY",
            message: Message::new("checkout-cart-empty"),
            fields: FieldErrors::new(),
        });
    }
    Ok(lines)
}

/// Unavailable products are named here; too little stock is decided by
/// [`take_stock`]'s conditional update, the one place that cannot race.
pub(super) fn check_available(lines: &[LineRow]) -> ApiResult<()> {
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
    Ok(())
}

/// Stock first, in one global order, so concurrent checkouts never deadlock.
pub(super) async fn take_stock(
    conn: &mut PgConnection,
    caller: &Caller,
    lines: &[LineRow],
) -> ApiResult<()> {
    let mut by_product: Vec<&LineRow> = lines.iter().collect();
    by_product.sort_by_key(|l| (l.product_id, l.variant_id));
    for l in by_product {
        if !repo::take_stock(conn, l.product_id, l.variant_id, l.quantity).await? {
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
    Ok(())
}
