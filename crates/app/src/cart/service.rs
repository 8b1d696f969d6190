//! Cart rules: only visible products, never more than in stock, prices
//! always the server's. The cart view groups lines by store (one order each
//! at checkout) with the same arithmetic checkout uses, and every line is
//! priced with its store's running promotion here, for the view and for
//! checkout alike.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use super::model::{AddItem, Cart, CartLine, CartStore, LineRow, MAX_LINES, SetQuantity};
use super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::orders::pricing;

fn field(name: &str, message: Message) -> ApiError {
    ApiError::Validation(FieldErrors::single(name, message))
}

fn only_left(stock: i32) -> ApiError {
    ApiError::Unprocessable {
        code: "OUT_OF_STOCK",
        message: Message::new("cart-only-left").arg("count", i64::from(stock)),
        fields: FieldErrors::single(
            "quantity",
            Message::new("cart-only-left").arg("count", i64::from(stock)),
        ),
    }
}

/// Lines priced by their stores' running promotions: `unit_price` becomes
/// the list price less the best promotion's unit discount.
async fn priced(db: impl PgExecutor<'_>, mut lines: Vec<LineRow>) -> ApiResult<Vec<LineRow>> {
    let units: Vec<crate::promotions::Unit> = lines
        .iter()
        .map(|l| crate::promotions::Unit {
            store_id: l.store_id,
            product_id: l.product_id,
            category_id: l.category_id,
            price: l.list_price,
        })
        .collect();
    let applied = crate::promotions::price(db, &units).await?;
    for (l, a) in lines.iter_mut().zip(applied) {
        l.unit_price = l.list_price - a.as_ref().map_or(0, |a| a.unit_discount);
        l.promotion = a;
    }
    Ok(lines)
}

/// The user's cart lines priced as checkout prices them (promotions applied).
pub async fn lines(db: &sqlx::PgPool, user: Uuid) -> ApiResult<Vec<LineRow>> {
    priced(db, repo::lines(db, user).await?).await
}

/// The cart with the flat delivery estimate, no carrier asked (its count
/// for every page's badge); `quote::quoted` is the cart as shown.
pub async fn view(state: &AppState, caller: &Caller) -> ApiResult<Cart> {
    let lines = lines(&state.db, caller.user_id).await?;
    Ok(build(
        &lines,
        state.config.payments.delivery_fee,
        caller.client.locale,
    ))
}

/// The cart as the customer sees it, from lines in store order.
pub fn build(lines: &[LineRow], delivery_fee: i64, locale: Locale) -> Cart {
    let ar = locale == Locale::Ar;
    let mut stores: Vec<CartStore> = Vec::new();
    for l in lines {
        if stores.last().is_none_or(|s| s.store_id != l.store_id) {
            stores.push(CartStore {
                store_id: l.store_id,
                store_name: if ar {
                    l.store_name_ar.clone()
                } else {
                    l.store_name_en.clone()
                },
                items: Vec::new(),
                subtotal: 0,
                store_discount: 0,
                delivery_fee,
                delivery_quoted: false,
                vat: 0,
                total: 0,
            });
        }
        let store = stores.last_mut().expect("pushed above");
        let mut name = if ar {
            l.name_ar.clone()
        } else {
            l.name_en.clone()
        };
        if let Some(v) = if ar {
            &l.variant_name_ar
        } else {
            &l.variant_name_en
        } {
            name = format!("{name} — {v}");
        }
        store.subtotal += l.line_total();
        store.store_discount += l.store_discount();
        store.items.push(CartLine {
            id: l.id,
            product_id: l.product_id,
            variant_id: l.variant_id,
            name,
            image_url: l.image_id.map(|m| format!("/api/v1/media/{m}/thumb")),
            unit_price: l.unit_price,
            original_unit_price: l.list_price,
            quantity: l.quantity,
            line_total: l.line_total(),
            store_discount: l.store_discount(),
            promotion: l.promotion.clone(),
            stock: l.stock,
            problem: l.problem().map(str::to_owned),
        });
    }
    let mut cart = Cart {
        item_count: lines.iter().map(|l| i64::from(l.quantity)).sum(),
        subtotal: 0,
        store_discount: 0,
        delivery_fee: 0,
        delivery_quoted: false,
        delivery_address_id: None,
        vat: 0,
        total: 0,
        currency: "SAR".into(),
        ready: !lines.is_empty() && lines.iter().all(|l| l.problem().is_none()),
        stores,
    };
    retotal(&mut cart);
    cart
}

/// The stores' and the cart's sums again, after a store's delivery fee changed.
pub(super) fn retotal(cart: &mut Cart) {
    for s in &mut cart.stores {
        let a = pricing::amounts(s.subtotal, s.delivery_fee, 0, 0);
        s.vat = a.vat;
        s.total = a.total;
    }
    let stores = &cart.stores;
    cart.subtotal = stores.iter().map(|s| s.subtotal).sum();
    cart.store_discount = stores.iter().map(|s| s.store_discount).sum();
    cart.delivery_fee = stores.iter().map(|s| s.delivery_fee).sum();
    cart.delivery_quoted = !stores.is_empty() && stores.iter().all(|s| s.delivery_quoted);
    cart.vat = stores.iter().map(|s| s.vat).sum();
    cart.total = stores.iter().map(|s| s.total).sum();
}

/// Adds a product (or one of its variants); adding it again adds to its line.
/// Answers the cart with its delivery quoted.
pub async fn add(state: &AppState, caller: &Caller, req: &AddItem) -> ApiResult<Cart> {
    add_line(state, caller, req).await?;
    super::quote::quoted(state, caller, None).await
}

/// Adds to the cart without answering it (the product page needs no quote).
pub async fn add_line(state: &AppState, caller: &Caller, req: &AddItem) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    let offer = repo::offer(&mut *tx, req.product_id, req.variant_id).await?;
    let Some((available, stock)) = offer else {
        let name = if req.variant_id.is_some() {
            "variantId"
        } else {
            "productId"
        };
        return Err(field(name, Message::new("cart-product-unavailable")));
    };
    if !available {
        return Err(field("productId", Message::new("cart-product-unavailable")));
    }
    if repo::count_lines(&mut *tx, caller.user_id).await? >= MAX_LINES {
        return Err(ApiError::Conflict {
            code: "CART_FULL",
            message: Message::new("cart-full").arg("max", MAX_LINES),
        });
    }
    let held = repo::held_quantity(&mut tx, caller.user_id, req.product_id, req.variant_id).await?;
    let quantity = held + req.quantity;
    if quantity > stock {
        return Err(only_left(stock));
    }
    if quantity > super::model::MAX_QUANTITY {
        return Err(field(
            "quantity",
            Message::new("validation-range")
                .arg("min", 1i64)
                .arg("max", i64::from(super::model::MAX_QUANTITY - held)),
        ));
    }
    repo::add(
        &mut tx,
        caller.user_id,
        req.product_id,
        req.variant_id,
        req.quantity,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_quantity(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &SetQuantity,
) -> ApiResult<Cart> {
    set_line_quantity(state, caller, id, req).await?;
    super::quote::quoted(state, caller, None).await
}

pub async fn set_line_quantity(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &SetQuantity,
) -> ApiResult<()> {
    let line = repo::line(&state.db, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !line.available {
        return Err(field("productId", Message::new("cart-product-unavailable")));
    }
    if req.quantity > line.stock {
        return Err(only_left(line.stock));
    }
    repo::set_quantity(&state.db, caller.user_id, id, req.quantity).await?;
    Ok(())
}

pub async fn remove(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Cart> {
    remove_line(state, caller, id).await?;
    super::quote::quoted(state, caller, None).await
}

pub async fn remove_line(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    if !repo::remove(&state.db, caller.user_id, id).await? {
        return Err(ApiError::NotFound);
    }
    Ok(())
}

pub async fn clear(state: &AppState, caller: &Caller) -> ApiResult<Cart> {
    repo::clear(&state.db, caller.user_id).await?;
    view(state, caller).await
}

/// The cart's lines for checkout, its rows locked so two checkouts of one
/// cart serialise.
pub async fn lock_lines(conn: &mut PgConnection, user: Uuid) -> ApiResult<Vec<LineRow>> {
    let lines = repo::lock_lines(&mut *conn, user).await?;
    priced(conn, lines).await
}

/// "Buy now" lines: products given as (product, variant, quantity) lists,
/// priced and checked like cart lines, the cart left untouched.
pub async fn lines_for(
    conn: &mut PgConnection,
    products: &[Uuid],
    variants: &[Option<Uuid>],
    quantities: &[i32],
) -> ApiResult<Vec<LineRow>> {
    let lines = repo::lines_for(&mut *conn, products, variants, quantities).await?;
    priced(conn, lines).await
}

/// Empties the cart inside the caller's transaction (checkout's), so the
/// cart is only gone if the orders it became are there.
pub async fn empty(conn: &mut PgConnection, user: Uuid) -> ApiResult<()> {
    Ok(repo::clear(conn, user).await?)
}
