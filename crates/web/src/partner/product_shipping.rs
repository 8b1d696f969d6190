//! The product page's Shipping card: the weight (typed in kg) and size the
//! delivery fee is quoted by, saved on their own so the product is not sent
//! back for approval.

use axum::extract::{Form, Path, State};
use axum::response::Response;
use http::HeaderMap;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::products::service as products;
use app::shipping::model::ProductShipping;
use app::shipping::service::product as shipping;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::product_draft::Draft;
use super::product_form::{Editing, managed_store, render};
use super::{acting, error_page};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared::redirect_with_toast;

/// The card's fields as typed, and their errors (keyed by the API's names).
pub struct ShippingCard {
    pub weight_kg: String,
    pub length: String,
    pub width: String,
    pub height: String,
    pub errors: Errors,
}

impl ShippingCard {
    fn of(s: &ProductShipping) -> ShippingCard {
        let cm = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        ShippingCard {
            weight_kg: kg(s.weight_grams),
            length: cm(s.length_cm),
            width: cm(s.width_cm),
            height: cm(s.height_cm),
            errors: Errors::none(),
        }
    }

    fn from_fields(f: &Fields) -> ShippingCard {
        ShippingCard {
            weight_kg: f.get("weightKg"),
            length: f.get("lengthCm"),
            width: f.get("widthCm"),
            height: f.get("heightCm"),
            errors: Errors::none(),
        }
    }

    /// The API's body, and what could not be read.
    fn body(&self) -> (ProductShipping, FieldErrors) {
        let mut e = FieldErrors::new();
        let weight_grams = if self.weight_kg.is_empty() {
            e.add("weightGrams", Message::new("validation-required"));
            0
        } else {
            match grams(&self.weight_kg) {
                Some(g) if (1..=1_000_000).contains(&g) => g,
                _ => {
                    e.add("weightGrams", Message::new("web-product-weight-invalid"));
                    0
                }
            }
        };
        let mut cm = |raw: &str, field: &str| -> Option<i32> {
            if raw.is_empty() {
                return None;
            }
            let v = parse_int(raw);
            if v.is_none() {
                e.add(field, Message::new("web-number-invalid"));
            }
            v
        };
        let body = ProductShipping {
            weight_grams,
            length_cm: cm(&self.length, "lengthCm"),
            width_cm: cm(&self.width, "widthCm"),
            height_cm: cm(&self.height, "heightCm"),
        };
        (body, e)
    }
}

/// Grams as kilograms are typed: 1250 is "1.25", 1000 is "1".
fn kg(grams: i32) -> String {
    let frac = format!("{:03}", grams % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        (grams / 1000).to_string()
    } else {
        format!("{}.{frac}", grams / 1000)
    }
}

/// Kilograms typed with up to three decimals (Arabic-Indic digits and the
/// Arabic decimal separator too) in grams; `None` when it is not one.
fn grams(raw: &str) -> Option<i32> {
    let (mut whole, mut frac, mut point) = (String::new(), String::new(), false);
    for ch in raw.trim().chars() {
        match ch {
            '.' | '٫' if !point => point = true,
            _ => {
                let d = kernel::phone::ascii_digit(ch)?;
                if point {
                    frac.push(d);
                } else {
                    whole.push(d);
                }
            }
        }
    }
    if (whole.is_empty() && frac.is_empty()) || frac.len() > 3 || (point && frac.is_empty()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<3}").parse().ok()?;
    i32::try_from(whole.checked_mul(1000)?.checked_add(frac)?).ok()
}

/// The card as the product is now, for its edit page.
pub async fn current(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    product: Uuid,
) -> Result<ShippingCard, ApiError> {
    Ok(ShippingCard::of(
        &shipping::get(state, caller, store, product).await?,
    ))
}

/// Saves the weight and size; back to the edit page with a toast, or the
/// page again with the card's errors (422).
pub async fn save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, nav) = match managed_store(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let mut card = ShippingCard::from_fields(&f);
    let (body, shape) = card.body();
    let saved = match validated(&body, shape) {
        Ok(()) => shipping::set(&state, &caller, store_id, id, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => redirect_with_toast(
            &format!(
                "{}/stores/{store_id}/products/{id}/edit#shipping",
                ctx.partner_base()
            ),
            &t(ctx.locale, "web-product-shipping-saved"),
        ),
        Err(e @ ApiError::Validation(_)) => {
            let p = match products::partner_get(&state, &caller, store_id, id).await {
                Ok(p) => p,
                Err(e) => return error_page(&ctx, e),
            };
            card.errors = Errors::from_api(&e, ctx.locale);
            let editing = Editing {
                store: nav,
                product: Some((p.id.to_string(), p.status.as_str())),
                shipping: Some(card),
            };
            let draft = Draft::of(&p);
            render(
                &state,
                &ctx,
                &csrf,
                editing,
                draft,
                Errors::none(),
                e.status(),
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::{grams, kg};

    #[test]
    fn kilograms_are_read_and_shown_in_grams() {
        assert_eq!(grams("1.25"), Some(1250));
        assert_eq!(grams("٢٫٥"), Some(2500));
        assert_eq!(grams(".5"), Some(500));
        assert_eq!(grams("3"), Some(3000));
        assert_eq!(grams("0.001"), Some(1));
        assert_eq!(grams("1.2345"), None);
        assert_eq!(grams("1."), None);
        assert_eq!(grams("abc"), None);
        assert_eq!(kg(1250), "1.25");
        assert_eq!(kg(1000), "1");
        assert_eq!(kg(500), "0.5");
        assert_eq!(kg(1), "0.001");
    }
}
