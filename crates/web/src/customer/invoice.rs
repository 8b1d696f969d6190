//! The printable simplified tax invoice of an order: Arabic and English side
//! by side, and the ZATCA phase-1 QR drawn as an SVG on the server.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use app::AppState;
use app::invoices::model::Invoice;
use app::invoices::service as invoices;
use app::orders::service::{self as orders, Viewer};
use kernel::Locale;
use kernel::i18n::t;
use kernel::ids::parse_id;

use super::{Ui, error_page, ui, when};
use crate::chrome::WebCtx;
use crate::signin;

/// The QR code of `payload` as an inline SVG element, or `None` when the
/// payload does not fit in a QR code.
pub fn qr_svg(payload: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(180, 180)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in HTML: the XML declaration goes, the element is named.
    let start = image.find("<svg")?;
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Some(image[start..].replacen(
        "<svg",
        &format!(r#"<svg id="zatca-qr-svg" role="img" aria-label="{label}""#),
        1,
    ))
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/invoice.html")]
struct InvoicePage {
    u: Ui,
    inv: Invoice,
    issued: String,
    qr: Option<String>,
}

impl InvoicePage {
    fn ar(&self, key: &str) -> String {
        t(Locale::Ar, key)
    }
    fn en(&self, key: &str) -> String {
        t(Locale::En, key)
    }
    /// Amounts on the invoice: `115.00`, the currency is in the headings.
    fn amount(&self, halalas: &i64) -> String {
        kernel::money::decimal(*halalas)
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    // Only the customer's own orders here (store staff see theirs elsewhere).
    let viewer = Viewer::Customer(caller.user_id);
    if let Err(e) = orders::detail(&state, &caller, viewer, id).await {
        return error_page(&ctx, e);
    }
    let inv = match invoices::for_order(&state, &caller, id).await {
        Ok(inv) => inv,
        Err(e) => return error_page(&ctx, e),
    };
    let u = ui(&state, &ctx, Some(&caller), &csrf, "orders").await;
    let qr = qr_svg(&inv.zatca_qr, &u.t("app-invoice-qr"));
    InvoicePage {
        issued: when(&inv.issued_at),
        qr,
        inv,
        u,
    }
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_is_an_inline_svg() {
        let svg = qr_svg("AQVTZWxsZXICDzMwMDAwMDAwMDAwMDAwMw==", "QR").unwrap();
        assert!(svg.starts_with(r#"<svg id="zatca-qr-svg" role="img" aria-label="QR""#));
        assert!(svg.contains("<path") || svg.contains("<rect"));
        assert!(!svg.contains("<?xml"));
    }
}
