//! Demo content, for the embedded demo only (never a migration): a few FAQs
//! per audience, and banners for every app with a drawn picture, so the
//! slider, the strips and the support page show what admins publish.

use std::io::Cursor;

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{BannerApp, BannerInput};
use super::repo;
use crate::AppState;

/// (audience, question ar, question en, answer ar, answer en).
const FAQS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "customer",
        "كيف أعرف أن القطعة تناسب سيارتي؟",
        "How do I know a part fits my car?",
        "أضف سيارتك في «سياراتي» ثم فعّل «تناسب سيارتي» في البحث: تظهر القطع التي حدد المتجر أنها تناسب طرازها وسنتها.",
        "Add your car under My garage, then turn on “Fits my car” in search: you see the parts the store marked as fitting its model and year.",
    ),
    (
        "customer",
        "متى يصل طلبي؟",
        "When will my order arrive?",
        "تظهر مدة التوصيل قبل الدفع، وتتابع حالة الطلب من صفحة «طلباتي» لحظة بلحظة.",
        "The delivery time is shown before you pay, and you follow the order live on the My orders page.",
    ),
    (
        "customer",
        "هل الأسعار شاملة الضريبة؟",
        "Do prices include VAT?",
        "نعم، كل الأسعار المعروضة شاملة ضريبة القيمة المضافة، وتصلك فاتورة ضريبية مع كل طلب.",
        "Yes, every price shown includes VAT, and each order comes with a tax invoice.",
    ),
    (
        "customer",
        "كيف أسترجع قطعة؟",
        "How do I return a part?",
        "افتح الطلب واطلب الإرجاع خلال مدة الإرجاع، أو تواصل مع الدعم من صفحة الدعم.",
        "Open the order and ask for a return within the return window, or write to support from the Support page.",
    ),
    (
        "supplier",
        "متى تصل مستحقاتي؟",
        "When are my earnings paid?",
        "تظهر مستحقات كل متجر في صفحة رصيده، وتحول بعد انتهاء مدة الإرجاع.",
        "Each store's earnings show on its balance page and are paid out once the return window ends.",
    ),
    (
        "representative",
        "كيف أستقبل طلبات الإصلاح؟",
        "How do I receive repair requests?",
        "فعّل «متصل» في التطبيق ليصلك أقرب الطلبات، ثم أرسل عرضك بالسعر ووقت الوصول.",
        "Go online in the app to receive the nearest requests, then send your offer with a price and arrival time.",
    ),
];

/// Adds the demo FAQs when there are none.
pub async fn demo_faqs(db: &PgPool) -> anyhow::Result<()> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM faqs)")
        .fetch_one(db)
        .await?;
    if any {
        return Ok(());
    }
    for (i, (audience, q_ar, q_en, a_ar, a_en)) in FAQS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO faqs (id, question_ar, question_en, answer_ar, answer_en, audience, sort_order) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(q_ar)
        .bind(q_en)
        .bind(a_ar)
        .bind(a_en)
        .bind(audience)
        .bind(i as i32)
        .execute(db)
        .await?;
    }
    Ok(())
}

/// (app, title ar, title en, link, colour from, colour to).
type DemoBanner = (
    BannerApp,
    &'static str,
    &'static str,
    &'static str,
    [u8; 3],
    [u8; 3],
);

const BANNERS: &[DemoBanner] = &[
    (
        BannerApp::Customer,
        "خصم على فلاتر الزيت هذا الأسبوع",
        "Oil filters on offer this week",
        "/app/?q=filter",
        [13, 148, 136],
        [8, 80, 120],
    ),
    (
        BannerApp::Customer,
        "غسيل السيارة في موقعك",
        "Car wash at your door",
        "/app/washes",
        [37, 99, 235],
        [109, 40, 217],
    ),
    (
        BannerApp::Landing,
        "قطع أصلية من متاجر موثقة",
        "Genuine parts from verified stores",
        "/app",
        [13, 148, 136],
        [37, 99, 235],
    ),
    (
        BannerApp::Store,
        "أضف صور منتجاتك لتظهر أولاً في البحث",
        "Add product photos to rank first in search",
        "",
        [217, 119, 6],
        [190, 24, 93],
    ),
    (
        BannerApp::Rider,
        "كن متصلاً في ساعات الذروة لطلبات أكثر",
        "Go online at peak hours for more requests",
        "",
        [109, 40, 217],
        [37, 99, 235],
    ),
];

/// A wide picture drawn per banner (a diagonal gradient with soft rings),
/// so the demo needs no shipped photos.
fn picture(from: [u8; 3], to: [u8; 3]) -> anyhow::Result<Vec<u8>> {
    let (w, h) = (1200u32, 400u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let t = (x as f32 / w as f32) * 0.75 + (y as f32 / h as f32) * 0.25;
        let ring = |cx: f32, cy: f32, r: f32| {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            if (d - r).abs() < 18.0 { 0.12 } else { 0.0 }
        };
        let glow =
            ring(980.0, 120.0, 170.0) + ring(1080.0, 330.0, 110.0) + ring(160.0, 420.0, 140.0);
        let mix = |a: u8, b: u8| {
            let v = a as f32 + (b as f32 - a as f32) * t;
            (v + (255.0 - v) * glow).round() as u8
        };
        image::Rgb([
            mix(from[0], to[0]),
            mix(from[1], to[1]),
            mix(from[2], to[2]),
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)?;
    Ok(out)
}

/// Adds the demo banners, uploaded as the super admin, when there are none.
pub async fn demo_banners(state: &AppState) -> anyhow::Result<()> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM banners)")
        .fetch_one(&state.db)
        .await?;
    let owner: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM users WHERE role = 'SUPER_ADMIN' AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
    )
    .fetch_optional(&state.db)
    .await?;
    let Some(owner) = owner.filter(|_| !any) else {
        return Ok(());
    };
    let caller = crate::auth::Caller::system(owner, crate::identity::model::Role::SuperAdmin);
    for (i, (app, ar, en, link, from, to)) in BANNERS.iter().enumerate() {
        let file = crate::media::service::store_upload(
            state,
            &caller,
            crate::media::model::Purpose::ProductImage,
            Some("banner.png"),
            picture(*from, *to)?.into(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo banner: {e}"))?;
        let input = BannerInput {
            title_ar: (*ar).to_owned(),
            title_en: (*en).to_owned(),
            image_id: file.id,
            link: Some((*link).to_owned()).filter(|l| !l.is_empty()),
            app: *app,
            starts_at: Some(OffsetDateTime::now_utc() - time::Duration::days(1)),
            ends_at: None,
            sort_order: i as i32,
            active: true,
        };
        let mut tx = state.db.begin().await?;
        repo::save_banner(&mut tx, Uuid::now_v7(), false, &input, owner).await?;
        tx.commit().await?;
    }
    Ok(())
}
