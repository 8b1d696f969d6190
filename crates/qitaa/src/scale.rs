//! `qitaa seed --scale N`: a large, realistic catalog for load tests and
//! benchmarks. N active products over N/100 active stores (at least one),
//! each store under its own approved company owned by its own supplier.
//!
//! - Names are part kinds × car models of the seeded taxonomy, in Arabic and
//!   English, with Arabic spelling variants and occasional diacritics; the
//!   search text is made by [`app::products::service::search_text`] from the
//!   same related names `products::repo::related_names` would read, so the
//!   data is found exactly like data written through the API.
//! - Everything is generated in Rust from a fixed seed (the same N gives the
//!   same names, prices, fitment, stores and places; ids and timestamps follow
//!   the clock) on a thread of its own, and streamed with `COPY` in batches
//!   while the next batch is generated.
//! - Images are `product_images` rows pointing at a handful of shared
//!   `media_files` rows whose storage keys hold no bytes: metadata only.
//! - One transaction: a failed run leaves nothing behind. From
//!   [`DROP_INDEXES_FROM`] products on, the secondary indexes of the product
//!   tables are dropped inside that transaction and recreated from their own
//!   definitions (`pg_get_indexdef`, so exactly as the migrations made them)
//!   before it commits; building them once is much faster than maintaining
//!   them row by row. The tables are locked meanwhile: load an idle database.
//! - Not repeatable on the same database: a second run refuses (the suppliers'
//!   phones `+96657xxxxxxx` would clash). Use a fresh data dir or database.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use app::products::model::Condition;
use app::products::repo::ProductFields;

/// The seed of every random choice.
pub const SEED: u64 = 0x5174_6161;

/// Products per COPY batch.
const BATCH: u64 = 20_000;

/// From this many products, secondary indexes are rebuilt after the load.
pub const DROP_INDEXES_FROM: u64 = 100_000;

/// How many shared `media_files` rows the product images point at.
const MEDIA: usize = 24;

/// The tables the load writes, analysed at the end.
const TABLES: [&str; 7] = [
    "users",
    "companies",
    "stores",
    "media_files",
    "products",
    "product_fitments",
    "product_images",
];

/// The tables whose secondary indexes are rebuilt after a large load.
const INDEXED_TABLES: [&str; 3] = ["products", "product_fitments", "product_images"];

/// The phone of the `i`th generated supplier: `+96657` and seven digits, far
/// from the demo phones (`+96650000000x`).
pub fn supplier_phone(i: u64) -> String {
    format!("+96657{i:07}")
}

/// What a load wrote and how long it took.
#[derive(Debug, Clone)]
pub struct Report {
    pub products: u64,
    pub stores: u64,
    pub fitments: u64,
    pub images: u64,
    pub elapsed: Duration,
}

// ------------------------------------------------------------ static data

struct Kind {
    category: &'static str,
    /// (Arabic, English) names.
    names: &'static [(&'static str, &'static str)],
    brands: &'static [&'static str],
    /// Price range in riyals.
    price: (u32, u32),
    /// Relative frequency.
    weight: u32,
}

const fn k(
    category: &'static str,
    names: &'static [(&'static str, &'static str)],
    brands: &'static [&'static str],
    price: (u32, u32),
    weight: u32,
) -> Kind {
    Kind {
        category,
        names,
        brands,
        price,
        weight,
    }
}

const FILTERS: &[&str] = &["Denso", "Mann-Filter", "Bosch", "Mahle", "Sakura", "Hengst"];
const IGNITION: &[&str] = &["NGK", "Denso", "Bosch", "Delphi"];
const ENGINE: &[&str] = &[
    "Gates",
    "Dayco",
    "Elring",
    "Victor Reinz",
    "Aisin",
    "Corteco",
];
const BRAKES: &[&str] = &["Brembo", "Akebono", "TRW", "Bosch", "Ferodo", "Nisshinbo"];
const SUSPENSION: &[&str] = &["KYB", "Monroe", "Sachs", "Lemförder", "555", "Moog"];
const ELECTRIC: &[&str] = &["Bosch", "Denso", "Valeo", "Hella", "Philips", "Osram"];
const BATTERIES: &[&str] = &["Varta", "AC Delco", "Bosch", "Amaron", "Hankook"];
const COOLING: &[&str] = &["Denso", "Valeo", "Nissens", "Aisin", "Koyo", "Behr"];
const BODY: &[&str] = &["Depo", "TYC", "FYG", "Original"];
const TYRES: &[&str] = &[
    "Bridgestone",
    "Michelin",
    "Yokohama",
    "Hankook",
    "Continental",
    "Dunlop",
];
const OILS: &[&str] = &[
    "Mobil 1",
    "Castrol",
    "Shell Helix",
    "Petromin",
    "Total",
    "Valvoline",
];
const ACCESSORIES: &[&str] = &["3M", "WeatherTech", "70mai", "Xiaomi", "Local"];

#[rustfmt::skip]
const KINDS: &[Kind] = &[
    k("oil-filters", &[("فلتر زيت", "Oil filter"), ("فلتر زيت المحرك", "Engine oil filter")], FILTERS, (15, 90), 14),
    k("air-filters", &[("فلتر هواء", "Air filter"), ("فلتر هواء المحرك", "Engine air filter")], FILTERS, (30, 180), 10),
    k("fuel-filters", &[("فلتر بنزين", "Fuel filter"), ("فلتر وقود", "Fuel filter")], FILTERS, (40, 250), 4),
    k("spark-plugs", &[("بواجي", "Spark plugs"), ("شمعات إشعال إيريديوم", "Iridium spark plugs"), ("بواجي بلاتينيوم", "Platinum spark plugs")], IGNITION, (60, 400), 8),
    k("ignition-coils", &[("كويل إشعال", "Ignition coil"), ("بوبينة", "Ignition coil pack")], IGNITION, (120, 600), 3),
    k("belts", &[("سير مكينة", "Serpentine belt"), ("سير التايمن", "Timing belt"), ("سير الدينمو", "Alternator belt")], ENGINE, (40, 450), 4),
    k("gaskets", &[("وجه رأس المكينة", "Cylinder head gasket"), ("جوان غطاء البلوف", "Valve cover gasket"), ("طقم جوانات", "Gasket set")], ENGINE, (30, 700), 3),
    k("engine-mounts", &[("كرسي مكينة", "Engine mount"), ("كرسي قير", "Transmission mount")], ENGINE, (90, 650), 3),
    k("brake-pads", &[("فحمات فرامل أمامية", "Front brake pads"), ("فحمات فرامل خلفية", "Rear brake pads"), ("فحمات سيراميك", "Ceramic brake pads")], BRAKES, (90, 650), 12),
    k("brake-discs", &[("هوبات فرامل أمامية", "Front brake discs"), ("قرص فرامل", "Brake disc")], BRAKES, (150, 1200), 5),
    k("brake-shoes", &[("أحذية فرامل خلفية", "Rear brake shoes")], BRAKES, (80, 400), 2),
    k("brake-calipers", &[("كليبر فرامل", "Brake caliper")], BRAKES, (250, 1800), 2),
    k("shock-absorbers", &[("مساعدات أمامية", "Front shock absorbers"), ("مساعد خلفي", "Rear shock absorber")], SUSPENSION, (180, 1600), 6),
    k("control-arms", &[("مقص سفلي", "Lower control arm"), ("مقص علوي", "Upper control arm")], SUSPENSION, (150, 900), 3),
    k("springs", &[("يايات أمامية", "Front coil springs")], SUSPENSION, (150, 800), 2),
    k("bushings", &[("جلب مقصات", "Control arm bushings"), ("جلبة عمود التوازن", "Stabilizer bushing")], SUSPENSION, (20, 250), 3),
    k("steering-racks", &[("علبة دركسون", "Steering rack")], SUSPENSION, (900, 4500), 1),
    k("tie-rod-ends", &[("ذراع دركسون", "Tie rod end"), ("رأس مقص", "Ball joint")], SUSPENSION, (60, 350), 3),
    k("batteries", &[("بطارية ٧٠ أمبير", "Battery 70Ah"), ("بطارية جافة", "Maintenance-free battery"), ("بطارية ١٠٠ أمبير", "Battery 100Ah")], BATTERIES, (250, 900), 6),
    k("lights", &[("شمعة أمامية", "Headlight"), ("اسطب خلفي", "Tail light"), ("لمبات زينون", "Xenon bulbs"), ("كشاف ضباب", "Fog light")], ELECTRIC, (40, 2500), 6),
    k("alternators", &[("دينمو", "Alternator")], ELECTRIC, (450, 2200), 2),
    k("starters", &[("سلف", "Starter motor")], ELECTRIC, (350, 1800), 2),
    k("sensors", &[("حساس أكسجين", "Oxygen sensor"), ("حساس حرارة", "Coolant temperature sensor"), ("حساس ABS", "ABS sensor"), ("حساس كرنك", "Crankshaft position sensor")], ELECTRIC, (80, 900), 5),
    k("clutch-kits", &[("طقم كلتش", "Clutch kit")], ENGINE, (450, 2500), 2),
    k("cv-axles", &[("عكس أمامي", "Front CV axle"), ("صليبة عكس", "CV joint")], SUSPENSION, (200, 1400), 2),
    k("radiators", &[("رديتر ماء", "Radiator")], COOLING, (300, 1800), 3),
    k("water-pumps", &[("طرمبة ماء", "Water pump")], COOLING, (150, 900), 3),
    k("thermostats", &[("بلف حرارة", "Thermostat")], COOLING, (40, 300), 2),
    k("ac-compressors", &[("كمبروسر مكيف", "AC compressor")], COOLING, (900, 4500), 2),
    k("ac-condensers", &[("مكثف مكيف", "AC condenser"), ("رديتر مكيف", "AC condenser")], COOLING, (350, 1500), 2),
    k("cabin-filters", &[("فلتر مكيف", "Cabin air filter"), ("فلتر مكيف كربون", "Carbon cabin filter")], FILTERS, (20, 120), 6),
    k("bumpers", &[("صدام أمامي", "Front bumper"), ("صدام خلفي", "Rear bumper")], BODY, (300, 2500), 3),
    k("mirrors", &[("مراية جانبية يمين", "Right side mirror"), ("مراية جانبية يسار", "Left side mirror")], BODY, (150, 1500), 3),
    k("hoods", &[("كبوت", "Hood")], BODY, (500, 3000), 1),
    k("fenders", &[("رفرف أمامي", "Front fender")], BODY, (250, 1500), 1),
    k("glass", &[("زجاج أمامي", "Windshield"), ("زجاج باب", "Door glass")], BODY, (200, 2000), 1),
    k("tyres", &[("كفرات", "Tyres"), ("إطار", "Tyre")], TYRES, (250, 1400), 5),
    k("rims", &[("جنوط ١٧ إنش", "17-inch rims"), ("جنط أصلي", "Original rim")], TYRES, (400, 4000), 2),
    k("engine-oil", &[("زيت محرك 5W-30", "Engine oil 5W-30"), ("زيت مكينة تخليقي", "Synthetic engine oil")], OILS, (60, 350), 6),
    k("transmission-fluid", &[("زيت قير", "ATF transmission fluid")], OILS, (40, 250), 2),
    k("brake-fluid", &[("زيت فرامل DOT4", "Brake fluid DOT4")], OILS, (20, 90), 1),
    k("coolant", &[("ماء رديتر", "Coolant")], OILS, (25, 120), 2),
    k("floor-mats", &[("دعاسات", "Floor mats")], ACCESSORIES, (60, 600), 2),
    k("seat-covers", &[("تلبيسة مقاعد جلد", "Leather seat covers")], ACCESSORIES, (300, 2500), 1),
    k("dash-cams", &[("كاميرا داش", "Dash cam")], ACCESSORIES, (150, 900), 1),
];

/// Share of the market by make slug; unlisted makes weigh 2.
const MAKE_WEIGHTS: &[(&str, u32)] = &[
    ("toyota", 30),
    ("hyundai", 15),
    ("nissan", 10),
    ("kia", 8),
    ("chevrolet", 6),
    ("ford", 5),
    ("gmc", 4),
    ("lexus", 4),
    ("honda", 4),
    ("mitsubishi", 3),
    ("mazda", 3),
    ("isuzu", 2),
];

struct City {
    ar: &'static str,
    en: &'static str,
    lat: f64,
    lng: f64,
    /// Relative number of stores.
    weight: u32,
    districts: &'static [&'static str],
}

#[rustfmt::skip]
const CITIES: &[City] = &[
    City { ar: "الرياض", en: "Riyadh", lat: 24.7136, lng: 46.6753, weight: 30, districts: &["العليا", "الملز", "السلي", "الشفا", "النسيم", "الروضة", "العزيزية"] },
    City { ar: "جدة", en: "Jeddah", lat: 21.5433, lng: 39.1728, weight: 18, districts: &["الصفا", "الروضة", "البوادي", "السنابل", "الحمراء"] },
    City { ar: "مكة المكرمة", en: "Mecca", lat: 21.3891, lng: 39.8579, weight: 8, districts: &["العزيزية", "الشوقية", "الكعكية"] },
    City { ar: "المدينة المنورة", en: "Medina", lat: 24.5247, lng: 39.5692, weight: 7, districts: &["قباء", "العوالي", "السيح"] },
    City { ar: "الدمام", en: "Dammam", lat: 26.4207, lng: 50.0888, weight: 9, districts: &["الفيصلية", "الجلوية", "الصناعية الأولى"] },
    City { ar: "الخبر", en: "Khobar", lat: 26.2172, lng: 50.1971, weight: 5, districts: &["الثقبة", "العقربية", "الراكة"] },
    City { ar: "الطائف", en: "Taif", lat: 21.2703, lng: 40.4158, weight: 4, districts: &["الشهداء", "الحوية"] },
    City { ar: "تبوك", en: "Tabuk", lat: 28.3838, lng: 36.5550, weight: 3, districts: &["المروج", "الصناعية"] },
    City { ar: "أبها", en: "Abha", lat: 18.2164, lng: 42.5053, weight: 3, districts: &["المنسك", "الخالدية"] },
    City { ar: "بريدة", en: "Buraidah", lat: 26.3592, lng: 43.9818, weight: 4, districts: &["الصفراء", "الإسكان"] },
    City { ar: "حائل", en: "Hail", lat: 27.5114, lng: 41.7208, weight: 2, districts: &["الصناعية", "النقرة"] },
    City { ar: "جازان", en: "Jazan", lat: 16.8894, lng: 42.5706, weight: 2, districts: &["الروضة", "الشاطئ"] },
    City { ar: "خميس مشيط", en: "Khamis Mushait", lat: 18.3000, lng: 42.7333, weight: 3, districts: &["الصناعية", "الموسى"] },
    City { ar: "الأحساء", en: "Al Ahsa", lat: 25.3833, lng: 49.5863, weight: 3, districts: &["المبرز", "الهفوف"] },
    City { ar: "نجران", en: "Najran", lat: 17.4924, lng: 44.1277, weight: 1, districts: &["الفيصلية"] },
    City { ar: "ينبع", en: "Yanbu", lat: 24.0891, lng: 38.0637, weight: 1, districts: &["الصناعية"] },
];

const STORE_PREFIXES: &[(&str, &str)] = &[
    ("مؤسسة", "Est."),
    ("شركة", "Co."),
    ("محلات", "Stores"),
    ("مركز", "Center"),
];

const STORE_NAMES: &[(&str, &str)] = &[
    ("الراشد", "Al Rashed"),
    ("العتيبي", "Al Otaibi"),
    ("القحطاني", "Al Qahtani"),
    ("الغامدي", "Al Ghamdi"),
    ("الزهراني", "Al Zahrani"),
    ("الشمري", "Al Shammari"),
    ("الدوسري", "Al Dosari"),
    ("الحربي", "Al Harbi"),
    ("المطيري", "Al Mutairi"),
    ("السبيعي", "Al Subaie"),
    ("الخليج", "Gulf"),
    ("الصقر", "Al Saqr"),
    ("النخبة", "Elite"),
    ("الوفاء", "Al Wafa"),
    ("التميز", "Excellence"),
    ("الجزيرة", "Peninsula"),
    ("السرعة", "Speed"),
    ("الأمانة", "Al Amana"),
];

const FIRST_NAMES: &[&str] = &[
    "محمد",
    "عبدالله",
    "فهد",
    "خالد",
    "سعود",
    "فيصل",
    "تركي",
    "ناصر",
    "سلطان",
    "عبدالرحمن",
    "ماجد",
    "بندر",
];

const EXTRAS: &[(&str, &str)] = &[
    ("ضمان سنة.", "One-year warranty."),
    ("توصيل سريع داخل المدينة.", "Fast delivery within the city."),
    ("قطعة أصلية بالكرتون.", "Genuine part in its box."),
    ("متوفر بكميات.", "Available in quantity."),
    ("التركيب متاح في الفرع.", "Fitting available at the branch."),
    ("", ""),
];

// -------------------------------------------------------- reference rows

#[derive(Clone)]
struct MakeRef {
    id: Uuid,
    ar: String,
    en: String,
    weight: u32,
    models: Vec<usize>,
}

#[derive(Clone)]
struct ModelRef {
    id: Uuid,
    make: usize,
    ar: String,
    en: String,
    from: i32,
    to: i32,
}

#[derive(Clone)]
struct CategoryRef {
    id: Uuid,
    /// `concat_ws(' ', c.name_ar, c.name_en, pc.name_ar, pc.name_en)`.
    related: String,
}

#[derive(Clone)]
struct StoreRef {
    id: Uuid,
    owner: Uuid,
}

struct Reference {
    makes: Vec<MakeRef>,
    models: Vec<ModelRef>,
    /// Indexed like [`KINDS`]; `None` when the taxonomy has no such slug.
    categories: Vec<Option<CategoryRef>>,
    stores: Vec<StoreRef>,
    media: Vec<Uuid>,
}

async fn load_reference(conn: &mut PgConnection, current_year: i32) -> anyhow::Result<Reference> {
    let make_rows: Vec<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM car_makes WHERE deleted_at IS NULL ORDER BY sort_order, slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut makes: Vec<MakeRef> = make_rows
        .into_iter()
        .map(|(id, slug, ar, en)| MakeRef {
            id,
            ar,
            en,
            weight: MAKE_WEIGHTS
                .iter()
                .find(|(s, _)| *s == slug)
                .map_or(2, |(_, w)| *w),
            models: Vec::new(),
        })
        .collect();
    let model_rows: Vec<(Uuid, Uuid, String, String, i32, Option<i32>)> = sqlx::query_as(
        "SELECT md.id, md.make_id, md.name_ar, md.name_en, md.year_from, md.year_to FROM car_models md \
         JOIN car_makes mk ON mk.id = md.make_id AND mk.deleted_at IS NULL \
         WHERE md.deleted_at IS NULL ORDER BY mk.sort_order, mk.slug, md.slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut models = Vec::new();
    for (id, make_id, ar, en, from, to) in model_rows {
        let Some(make) = makes.iter().position(|m| m.id == make_id) else {
            continue;
        };
        // Parts are sold for the cars on the road: the last thirty years.
        let to = to.unwrap_or(current_year).min(current_year);
        let from = from.max(to - 30);
        makes[make].models.push(models.len());
        models.push(ModelRef {
            id,
            make,
            ar,
            en,
            from,
            to,
        });
    }
    makes.retain(|m| !m.models.is_empty());
    // Positions moved: rebuild the make index of each model.
    for (i, m) in makes.iter().enumerate() {
        for &md in &m.models {
            models[md].make = i;
        }
    }
    if makes.is_empty() {
        bail!("the car taxonomy is empty: run the reference seed (app::seed::reference) first");
    }
    let category_rows: Vec<(String, Uuid, String)> = sqlx::query_as(
        "SELECT c.slug, c.id, concat_ws(' ', c.name_ar, c.name_en, pc.name_ar, pc.name_en) \
         FROM categories c LEFT JOIN categories pc ON pc.id = c.parent_id WHERE c.deleted_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    let categories = KINDS
        .iter()
        .map(|kind| {
            category_rows
                .iter()
                .find(|(slug, _, _)| slug == kind.category)
                .map(|(_, id, related)| CategoryRef {
                    id: *id,
                    related: related.clone(),
                })
        })
        .collect();
    Ok(Reference {
        makes,
        models,
        categories,
        stores: Vec::new(),
        media: Vec::new(),
    })
}

// ------------------------------------------------------------ encoding

/// A value in PostgreSQL's COPY text format.
fn text(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            _ => buf.push(c),
        }
    }
}

/// A text[] literal in COPY text format; every element quoted.
fn text_array(buf: &mut String, items: &[String]) {
    buf.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        buf.push('"');
        for c in item.chars() {
            match c {
                // A backslash inside the literal, itself escaped for COPY.
                '"' | '\\' => {
                    buf.push_str("\\\\");
                    buf.push(c);
                }
                _ => text(buf, c.encode_utf8(&mut [0; 4])),
            }
        }
        buf.push('"');
    }
    buf.push('}');
}

fn opt<T: std::fmt::Display>(buf: &mut String, v: Option<T>) {
    match v {
        Some(v) => write!(buf, "{v}").expect("writing to a String"),
        None => buf.push_str("\\N"),
    }
}

fn timestamp(buf: &mut String, t: OffsetDateTime) {
    let t = t.to_offset(time::UtcOffset::UTC);
    write!(
        buf,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
    .expect("writing to a String");
}

/// A version 7 id for a moment, its other bits from the generator.
fn id_at(rng: &mut StdRng, at: OffsetDateTime) -> Uuid {
    let ms = (at.unix_timestamp_nanos() / 1_000_000) as u64;
    uuid::Builder::from_unix_timestamp_millis(ms, &rng.random::<[u8; 10]>()).into_uuid()
}

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.random_range(0..total);
    for item in items {
        let w = weight(item);
        if pick < w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1]
}

/// A fixed hash for values that must repeat across listings (OEM numbers).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

/// One of the few OEM numbers of a part kind on a model, styled like the
/// make's catalogue: `04152-YZZA1`, `28113-F2000`, `D1060-1LB0A`.
fn oem_number(kind: usize, model: usize, variant: u64, make_en: &str) -> String {
    let h = mix(((kind as u64) << 40) ^ ((model as u64) << 8) ^ variant ^ SEED);
    let digit = |i: u32| char::from(b'0' + ((h >> (i * 4)) % 10) as u8);
    let any = |i: u32| char::from(ALNUM[((h >> (i * 5)) % ALNUM.len() as u64) as usize]);
    let mut s = String::with_capacity(11);
    match make_en {
        "Toyota" | "Lexus" => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(any(i)));
        }
        "Hyundai" | "Kia" => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            s.push(any(5));
            (6..10).for_each(|i| s.push(digit(i)));
        }
        "Nissan" | "Infiniti" => {
            s.push(any(0));
            (1..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(any(i)));
        }
        _ => {
            (0..5).for_each(|i| s.push(digit(i)));
            s.push('-');
            (5..10).for_each(|i| s.push(digit(i)));
        }
    }
    s
}

const HARAKAT: [char; 5] = ['\u{064E}', '\u{0650}', '\u{064F}', '\u{0652}', '\u{0651}'];

/// Arabic as people type it: sometimes with diacritics, sometimes with the
/// common spelling variants (final ه for ة, ى for ي, bare alef for hamza).
fn arabic_variant(rng: &mut StdRng, s: &str) -> String {
    let roll: f64 = rng.random();
    if roll < 0.08 {
        let mut out = String::with_capacity(s.len() * 2);
        for c in s.chars() {
            out.push(c);
            if ('\u{0628}'..='\u{064A}').contains(&c) && rng.random_bool(0.35) {
                out.push(HARAKAT[rng.random_range(0..HARAKAT.len())]);
            }
        }
        out
    } else if roll < 0.25 {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            let word_end = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
            out.push(match c {
                'ة' if word_end => 'ه',
                'ي' if word_end => 'ى',
                'أ' | 'إ' => 'ا',
                _ => c,
            });
        }
        out
    } else {
        s.to_owned()
    }
}

// ------------------------------------------------------------ stores

struct StoreBatch {
    users: String,
    companies: String,
    stores: String,
    refs: Vec<StoreRef>,
}

fn stores(rng: &mut StdRng, count: u64, store_type: Uuid, now: OffsetDateTime) -> StoreBatch {
    let mut b = StoreBatch {
        users: String::new(),
        companies: String::new(),
        stores: String::new(),
        refs: Vec::with_capacity(count as usize),
    };
    let days = |d: i64| time::Duration::days(d);
    for i in 0..count {
        let created =
            now - days(400) + time::Duration::seconds((i as i64 * 30 * 86_400) / count as i64);
        let user = id_at(rng, created);
        let company = id_at(rng, created);
        let store = id_at(rng, created);
        let city = weighted(rng, CITIES, |c| c.weight);
        let district = city.districts[rng.random_range(0..city.districts.len())];
        let (prefix_ar, prefix_en) = STORE_PREFIXES[rng.random_range(0..STORE_PREFIXES.len())];
        let (name_ar, name_en) = STORE_NAMES[rng.random_range(0..STORE_NAMES.len())];
        let owner = format!(
            "{} {}",
            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
            name_ar
        );
        let phone = supplier_phone(i);
        let reviewed = created + days(1);

        // users: id, phone, role, status, name, locale, created_at, updated_at
        let u = &mut b.users;
        write!(u, "{user}\t{phone}\tSUPPLIER\tactive\t").unwrap();
        text(u, &owner);
        u.push_str("\tar\t");
        timestamp(u, created);
        u.push('\t');
        timestamp(u, created);
        u.push('\n');

        // companies: id, owner_id, legal_name_ar, legal_name_en, cr_number,
        // vat_number, city, address, status, reviewed_at, created_at,
        // updated_at, created_by, updated_by
        let c = &mut b.companies;
        write!(c, "{company}\t{user}\t").unwrap();
        text(c, &format!("{prefix_ar} {name_ar} التجارية {}", i + 1));
        c.push('\t');
        text(c, &format!("{name_en} Trading {prefix_en} {}", i + 1));
        write!(c, "\t70{i:08}\t370{i:011}3\t").unwrap();
        text(c, city.ar);
        c.push('\t');
        text(c, &format!("حي {district}، {}", city.ar));
        c.push_str("\tapproved\t");
        timestamp(c, reviewed);
        c.push('\t');
        timestamp(c, created);
        c.push('\t');
        timestamp(c, reviewed);
        writeln!(c, "\t{user}\t{user}").unwrap();

        // stores: id, company_id, store_type_id, name_ar, name_en, phone, city,
        // address, lat, lng, working_hours, status, commission_bp, rating_sum,
        // rating_count, created_at, updated_at, created_by, updated_by
        // Jitter: about ±15 km around the centre, denser near it.
        let lat = city.lat + (rng.random::<f64>() - rng.random::<f64>()) * 0.14;
        let lng = city.lng + (rng.random::<f64>() - rng.random::<f64>()) * 0.15;
        let hours = match rng.random_range(0..3) {
            0 => {
                r#"{"sat": [["08:00", "23:00"]], "sun": [["08:00", "23:00"]], "mon": [["08:00", "23:00"]], "tue": [["08:00", "23:00"]], "wed": [["08:00", "23:00"]], "thu": [["08:00", "23:00"]], "fri": [["16:00", "23:00"]]}"#
            }
            1 => {
                r#"{"sat": [["08:00", "12:30"], ["16:30", "22:00"]], "sun": [["08:00", "12:30"], ["16:30", "22:00"]], "mon": [["08:00", "12:30"], ["16:30", "22:00"]], "tue": [["08:00", "12:30"], ["16:30", "22:00"]], "wed": [["08:00", "12:30"], ["16:30", "22:00"]], "thu": [["08:00", "12:30"]]}"#
            }
            _ => {
                r#"{"sat": [["09:00", "24:00"]], "sun": [["09:00", "24:00"]], "mon": [["09:00", "24:00"]], "tue": [["09:00", "24:00"]], "wed": [["09:00", "24:00"]], "thu": [["09:00", "24:00"]], "fri": [["13:30", "24:00"]]}"#
            }
        };
        let (rating_sum, rating_count) = if rng.random_bool(0.6) {
            let n = rng.random_range(1..200);
            (n * rng.random_range(30..50) / 10, n)
        } else {
            (0, 0)
        };
        let s = &mut b.stores;
        write!(s, "{store}\t{company}\t{store_type}\t").unwrap();
        text(
            s,
            &format!("{prefix_ar} {name_ar} لقطع الغيار - {district}"),
        );
        s.push('\t');
        text(
            s,
            &format!("{name_en} Auto Parts {prefix_en} - {}", city.en),
        );
        write!(s, "\t{phone}\t").unwrap();
        text(s, city.ar);
        s.push('\t');
        text(s, &format!("حي {district}، {}", city.ar));
        write!(
            s,
            "\t{lat:.6}\t{lng:.6}\t{hours}\tactive\t1000\t{rating_sum}\t{rating_count}\t"
        )
        .unwrap();
        timestamp(s, created);
        s.push('\t');
        timestamp(s, reviewed);
        writeln!(s, "\t{user}\t{user}").unwrap();

        b.refs.push(StoreRef {
            id: store,
            owner: user,
        });
    }
    b
}

// ------------------------------------------------------------ products

/// One COPY batch of products with their fitment and images.
struct ProductBatch {
    products: String,
    fitments: String,
    images: String,
    count: u64,
    fitment_rows: u64,
    image_rows: u64,
}

struct Fit {
    make: usize,
    model: Option<usize>,
    years: Option<(i32, i32)>,
}

fn year_range(rng: &mut StdRng, m: &ModelRef) -> (i32, i32) {
    let from = rng.random_range(m.from..=m.to);
    let to = rng.random_range(from..=(from + 8).min(m.to));
    (from, to)
}

struct Generator {
    rng: StdRng,
    reference: Reference,
    /// Product `i` is created at `start + i * step`.
    start: OffsetDateTime,
    step: time::Duration,
    /// Open-ended fitment year ranges reach the year after this one.
    current_year: i32,
}

impl Generator {
    fn batch(&mut self, first: u64, count: u64) -> ProductBatch {
        let mut b = ProductBatch {
            products: String::with_capacity(count as usize * 1400),
            fitments: String::with_capacity(count as usize * 200),
            images: String::with_capacity(count as usize * 160),
            count,
            fitment_rows: 0,
            image_rows: 0,
        };
        for i in first..first + count {
            self.product(i, &mut b);
        }
        b
    }

    fn product(&mut self, i: u64, b: &mut ProductBatch) {
        let Generator {
            rng,
            reference: r,
            start,
            step,
            current_year,
        } = self;
        let created = *start + *step * (i as f64);
        let id = id_at(rng, created);
        let store = &r.stores[rng.random_range(0..r.stores.len())];
        let kind_index = {
            let total: u32 = KINDS.iter().map(|k| k.weight).sum();
            let mut pick = rng.random_range(0..total);
            KINDS
                .iter()
                .position(|k| {
                    if pick < k.weight {
                        true
                    } else {
                        pick -= k.weight;
                        false
                    }
                })
                .unwrap_or(0)
        };
        let kind = &KINDS[kind_index];
        let make_index = {
            let total: u32 = r.makes.iter().map(|m| m.weight).sum();
            let mut pick = rng.random_range(0..total);
            r.makes
                .iter()
                .position(|m| {
                    if pick < m.weight {
                        true
                    } else {
                        pick -= m.weight;
                        false
                    }
                })
                .unwrap_or(0)
        };
        let make = &r.makes[make_index];
        let model_index = make.models[rng.random_range(0..make.models.len())];
        let model = &r.models[model_index];

        let mut fits = vec![Fit {
            make: make_index,
            model: Some(model_index),
            years: Some(year_range(rng, model)),
        }];
        if make.models.len() > 1 && rng.random_bool(0.35) {
            let other = make.models[rng.random_range(0..make.models.len())];
            if other != model_index {
                fits.push(Fit {
                    make: make_index,
                    model: Some(other),
                    years: Some(year_range(rng, &r.models[other])),
                });
            }
        }
        if rng.random_bool(0.1) {
            // A fitment naming only the make fits all of its models.
            fits.push(Fit {
                make: make_index,
                model: None,
                years: None,
            });
        }
        let (first_year, last_year) = fits[0].years.expect("the first fitment has years");

        let (kind_ar, kind_en) = kind.names[rng.random_range(0..kind.names.len())];
        let mut name_ar = format!(
            "{} - {} {}",
            arabic_variant(rng, kind_ar),
            make.ar,
            model.ar
        );
        let mut name_en = format!("{kind_en} - {} {}", make.en, model.en);
        if rng.random_bool(0.25) {
            let years = format!(" {first_year}-{last_year}");
            name_ar.push_str(&years);
            name_en.push_str(&years);
        }
        let condition = match rng.random_range(0..100) {
            0..85 => Condition::New,
            85..93 => Condition::Used,
            93..97 => Condition::Refurbished,
            _ => Condition::LikeNew,
        };
        let (cond_ar, cond_en) = match condition {
            Condition::New => ("جديد", "new"),
            Condition::Used => ("مستعمل بحالة جيدة", "used, in good condition"),
            Condition::Refurbished => ("مجدد", "refurbished"),
            Condition::LikeNew => ("شبه جديد", "like new"),
        };
        let genuine;
        let brand = if rng.random_bool(0.3) {
            genuine = format!("{} Genuine", make.en);
            genuine.as_str()
        } else {
            kind.brands[rng.random_range(0..kind.brands.len())]
        };
        let (extra_ar, extra_en) = EXTRAS[rng.random_range(0..EXTRAS.len())];
        let description_ar = arabic_variant(
            rng,
            &format!(
                "{kind_ar} {brand} {cond_ar}، مناسب لسيارات {} {} موديلات {first_year}–{last_year}. {extra_ar}",
                make.ar, model.ar
            ),
        );
        let description_en = format!(
            "{brand} {}, {cond_en}, for the {} {} {first_year}–{last_year}. {extra_en}",
            kind_en.to_lowercase(),
            make.en,
            model.en
        );
        let description_ar = description_ar.trim_end();
        let description_en = description_en.trim_end();
        let oem: Vec<String> = match rng.random_range(0..10) {
            0 => Vec::new(),
            1 | 2 => vec![
                oem_number(kind_index, model_index, 0, &make.en),
                oem_number(kind_index, model_index, rng.random_range(1..4), &make.en),
            ],
            _ => vec![oem_number(
                kind_index,
                model_index,
                rng.random_range(0..4),
                &make.en,
            )],
        };
        let (low, high) = kind.price;
        let mut price = i64::from(rng.random_range(low..=high)) * 100;
        if condition != Condition::New {
            price = price * 6 / 10;
        }
        if rng.random_bool(0.3) {
            price -= 5;
        }
        let stock = if rng.random_bool(0.05) {
            0
        } else {
            rng.random_range(1..200)
        };
        let sku = rng.random_bool(0.5).then(|| format!("Q{i:08}"));
        let category = r.categories[kind_index].as_ref();

        // The related names as `products::repo::related_names` reads them.
        let fit_names: Vec<String> = fits
            .iter()
            .map(|f| {
                let mk = &r.makes[f.make];
                match f.model {
                    Some(md) => format!(
                        "{} {} {} {}",
                        mk.ar, mk.en, r.models[md].ar, r.models[md].en
                    ),
                    None => format!("{} {}", mk.ar, mk.en),
                }
            })
            .collect();
        let mut related = category.map(|c| c.related.clone()).unwrap_or_default();
        if !fit_names.is_empty() {
            if !related.is_empty() {
                related.push(' ');
            }
            related.push_str(&fit_names.join(" "));
        }
        let fields = ProductFields {
            category_id: category.map(|c| c.id),
            name_ar: &name_ar,
            name_en: &name_en,
            description_ar,
            description_en,
            condition,
            brand: Some(brand),
            oem_numbers: &oem,
            price,
            stock,
            sku: sku.as_deref(),
        };
        let search_text = app::products::service::search_text(&fields, &related);
        let compact: Vec<String> = oem.iter().map(|o| kernel::text::compact_code(o)).collect();
        let (rating_sum, rating_count) = if rng.random_bool(0.3) {
            let n = rng.random_range(1..60);
            (n * rng.random_range(30..50) / 10, n)
        } else {
            (0, 0)
        };
        let reviewed = created + time::Duration::minutes(rng.random_range(5..600));

        // id, store_id, category_id, name_ar, name_en, description_ar,
        // description_en, condition, brand, oem_numbers, oem_compact, price,
        // stock, sku, status, submitted_at, reviewed_at, search_text,
        // fitment_keys, rating_sum, rating_count, created_at, updated_at, created_by,
        // updated_by
        let p = &mut b.products;
        write!(p, "{id}\t{}\t", store.id).unwrap();
        opt(p, fields.category_id);
        p.push('\t');
        text(p, &name_ar);
        p.push('\t');
        text(p, &name_en);
        p.push('\t');
        text(p, description_ar);
        p.push('\t');
        text(p, description_en);
        write!(p, "\t{}\t", condition.as_str()).unwrap();
        text(p, brand);
        p.push('\t');
        text_array(p, &oem);
        p.push('\t');
        text_array(p, &compact);
        write!(p, "\t{price}\t{stock}\t").unwrap();
        match &sku {
            Some(s) => text(p, s),
            None => p.push_str("\\N"),
        }
        p.push_str("\tactive\t");
        timestamp(p, created);
        p.push('\t');
        timestamp(p, reviewed);
        p.push('\t');
        text(p, &search_text);
        // fitment_keys: the search keys of the fitment rows below, as the
        // application writes them.
        let inputs: Vec<app::products::model::FitmentInput> = fits
            .iter()
            .map(|f| app::products::model::FitmentInput {
                make_id: r.makes[f.make].id,
                model_id: f.model.map(|m| r.models[m].id),
                year_from: f.years.map(|y| y.0),
                year_to: f.years.map(|y| y.1),
            })
            .collect();
        let keys = app::products::model::fitment_keys(&inputs, *current_year);
        p.push_str("\t{");
        for (k, key) in keys.iter().enumerate() {
            if k > 0 {
                p.push(',');
            }
            write!(p, "{key}").unwrap();
        }
        p.push('}');
        write!(p, "\t{rating_sum}\t{rating_count}\t").unwrap();
        timestamp(p, created);
        p.push('\t');
        timestamp(p, reviewed);
        writeln!(p, "\t{}\t{}", store.owner, store.owner).unwrap();

        // id, product_id, make_id, model_id, year_from, year_to, created_at, created_by
        for f in &fits {
            let fid = id_at(rng, created);
            let f_ = &mut b.fitments;
            write!(f_, "{fid}\t{id}\t{}\t", r.makes[f.make].id).unwrap();
            opt(f_, f.model.map(|m| r.models[m].id));
            f_.push('\t');
            opt(f_, f.years.map(|y| y.0));
            f_.push('\t');
            opt(f_, f.years.map(|y| y.1));
            f_.push('\t');
            timestamp(f_, created);
            writeln!(f_, "\t{}", store.owner).unwrap();
            b.fitment_rows += 1;
        }

        // id, product_id, media_id, sort_order, created_at, updated_at, created_by, updated_by
        let images = match rng.random_range(0..10) {
            0..6 => 1,
            6..9 => 2,
            _ => 3,
        };
        for j in 0..images {
            let iid = id_at(rng, created);
            let media = r.media[(kind_index * 5 + j) % r.media.len()];
            let im = &mut b.images;
            write!(im, "{iid}\t{id}\t{media}\t{j}\t").unwrap();
            timestamp(im, created);
            im.push('\t');
            timestamp(im, created);
            writeln!(im, "\t{}\t{}", store.owner, store.owner).unwrap();
            b.image_rows += 1;
        }
    }
}

// ------------------------------------------------------------ loading

async fn copy(conn: &mut PgConnection, statement: &str, data: &str) -> anyhow::Result<u64> {
    if data.is_empty() {
        return Ok(0);
    }
    let mut copy = conn.copy_in_raw(statement).await?;
    // Sent in pieces so the server starts on the first rows early.
    let bytes = data.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + (1 << 20)).min(bytes.len());
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        copy.send(&bytes[start..end]).await?;
        start = end;
    }
    Ok(copy.finish().await?)
}

const COPY_USERS: &str =
    "COPY users (id, phone, role, status, name, locale, created_at, updated_at) FROM STDIN";
const COPY_COMPANIES: &str = "COPY companies (id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, \
     city, address, status, reviewed_at, created_at, updated_at, created_by, updated_by) FROM STDIN";
const COPY_STORES: &str = "COPY stores (id, company_id, store_type_id, name_ar, name_en, phone, city, address, \
     lat, lng, working_hours, status, commission_bp, rating_sum, rating_count, created_at, updated_at, \
     created_by, updated_by) FROM STDIN";
const COPY_PRODUCTS: &str = "COPY products (id, store_id, category_id, name_ar, name_en, description_ar, \
     description_en, condition, brand, oem_numbers, oem_compact, price, stock, sku, status, submitted_at, \
     reviewed_at, search_text, fitment_keys, rating_sum, rating_count, created_at, updated_at, created_by, updated_by) FROM STDIN";
const COPY_FITMENTS: &str = "COPY product_fitments (id, product_id, make_id, model_id, year_from, year_to, \
     created_at, created_by) FROM STDIN";
const COPY_IMAGES: &str = "COPY product_images (id, product_id, media_id, sort_order, created_at, updated_at, \
     created_by, updated_by) FROM STDIN";

async fn store_type(conn: &mut PgConnection) -> anyhow::Result<Uuid> {
    let existing: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM store_types WHERE slug = 'parts-shop' AND deleted_at IS NULL",
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO store_types (id, slug, name_ar, name_en) VALUES ($1, 'parts-shop', 'محل قطع غيار', 'Parts shop')",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

async fn media(
    conn: &mut PgConnection,
    rng: &mut StdRng,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(MEDIA);
    let mut rows = String::new();
    for i in 0..MEDIA {
        let id = id_at(rng, now);
        let sha: [u8; 32] = rng.random();
        writeln!(
            rows,
            "{id}\tproduct_image\tscale/{id}.webp\timage/webp\t{}\t1200\t900\tscale/{id}-thumb.webp\tpart-{i:02}.webp\t{}",
            40_000 + i * 1_500,
            hex::encode(sha)
        )
        .unwrap();
        ids.push(id);
    }
    copy(
        conn,
        "COPY media_files (id, purpose, storage_key, content_type, size_bytes, width, height, thumb_key, \
         original_name, sha256) FROM STDIN",
        &rows,
    )
    .await?;
    Ok(ids)
}

/// The secondary indexes of `tables`, as `CREATE INDEX` statements.
async fn secondary_indexes(conn: &mut PgConnection) -> anyhow::Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT i.relname::text, pg_get_indexdef(x.indexrelid) FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace \
           AND NOT x.indisprimary AND NOT x.indisunique \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
         ORDER BY t.relname, i.relname",
    )
    .bind(&INDEXED_TABLES[..])
    .fetch_all(&mut *conn)
    .await?)
}

fn rate(done: u64, elapsed: Duration) -> u64 {
    (done as f64 / elapsed.as_secs_f64().max(0.001)) as u64
}

/// Loads `n` products (and `n / 100` stores, at least one) into the
/// database. The reference taxonomy must be in place.
pub async fn run(pool: &PgPool, n: u64) -> anyhow::Result<Report> {
    if n == 0 {
        bail!("--scale needs at least one product");
    }
    let store_count = (n / 100).max(1);
    if store_count > 10_000_000 {
        bail!("--scale is limited to 1,000,000,000 products (10,000,000 suppliers' phones)");
    }
    let started = Instant::now();
    let now = OffsetDateTime::now_utc();
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut tx = pool.begin().await?;
    let conn: &mut PgConnection = &mut tx;

    let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE phone = $1)")
        .bind(supplier_phone(0))
        .fetch_one(&mut *conn)
        .await?;
    if taken {
        bail!(
            "scale data is already loaded here (the generated supplier {} exists); \
             seed a fresh --data-dir or database instead",
            supplier_phone(0)
        );
    }
    // Only this transaction's own rows are involved; nothing waits on the
    // flush of its commit.
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *conn)
        .await?;
    sqlx::query("SET LOCAL maintenance_work_mem = '1GB'")
        .execute(&mut *conn)
        .await?;

    let mut reference = load_reference(conn, now.year()).await?;
    let store_type = store_type(conn).await?;
    reference.media = media(conn, &mut rng, now).await?;

    let s = stores(&mut rng, store_count, store_type, now);
    copy(conn, COPY_USERS, &s.users)
        .await
        .context("loading users")?;
    copy(conn, COPY_COMPANIES, &s.companies)
        .await
        .context("loading companies")?;
    copy(conn, COPY_STORES, &s.stores)
        .await
        .context("loading stores")?;
    reference.stores = s.refs;
    println!(
        "scale: {store_count} suppliers, companies and stores in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let rebuild = n >= DROP_INDEXES_FROM;
    let indexes = if rebuild {
        let indexes = secondary_indexes(conn).await?;
        for (name, _) in &indexes {
            sqlx::query(&format!("DROP INDEX \"{name}\""))
                .execute(&mut *conn)
                .await?;
        }
        println!(
            "scale: {} secondary indexes of {} dropped, to be rebuilt after the load",
            indexes.len(),
            INDEXED_TABLES.join(", ")
        );
        indexes
    } else {
        Vec::new()
    };

    // Products are spread over the past year, oldest first (so the v7 ids
    // grow with the load like they do in production).
    let span = time::Duration::days(365);
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(SEED ^ 0x5052_4f44),
        reference,
        start: now - span,
        step: span / (n as f64),
        current_year: now.year(),
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<ProductBatch>(2);
    let producer = std::thread::spawn(move || {
        let mut first = 0;
        while first < n {
            let count = BATCH.min(n - first);
            if sender.blocking_send(generator.batch(first, count)).is_err() {
                break;
            }
            first += count;
        }
    });
    let load_started = Instant::now();
    let (mut done, mut fitments, mut images) = (0u64, 0u64, 0u64);
    let mut reported = Instant::now();
    while let Some(batch) = receiver.recv().await {
        copy(conn, COPY_PRODUCTS, &batch.products)
            .await
            .context("loading products")?;
        copy(conn, COPY_FITMENTS, &batch.fitments)
            .await
            .context("loading fitment")?;
        copy(conn, COPY_IMAGES, &batch.images)
            .await
            .context("loading product images")?;
        done += batch.count;
        fitments += batch.fitment_rows;
        images += batch.image_rows;
        if done == n || reported.elapsed() >= Duration::from_secs(5) {
            reported = Instant::now();
            println!(
                "scale: {done}/{n} products ({:.0} %), {:.1} s, {} products/s",
                done as f64 * 100.0 / n as f64,
                started.elapsed().as_secs_f64(),
                rate(done, load_started.elapsed())
            );
        }
    }
    producer
        .join()
        .map_err(|_| anyhow::anyhow!("the generator thread panicked"))?;
    if done != n {
        bail!("the generator stopped after {done} of {n} products");
    }

    for (name, definition) in &indexes {
        let t = Instant::now();
        sqlx::query(definition)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("recreating {name}"))?;
        println!(
            "scale: index {name} rebuilt in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    tx.commit().await?;
    println!(
        "scale: committed at {:.1} s; vacuuming and analysing",
        started.elapsed().as_secs_f64()
    );
    for table in TABLES {
        sqlx::query(&format!("VACUUM (ANALYZE) {table}"))
            .execute(pool)
            .await
            .with_context(|| format!("analysing {table}"))?;
    }
    let report = Report {
        products: n,
        stores: store_count,
        fitments,
        images,
        elapsed: started.elapsed(),
    };
    println!(
        "scale: {} products, {} stores, {} fitment rows, {} images in {:.1} s",
        report.products,
        report.stores,
        report.fitments,
        report.images,
        report.elapsed.as_secs_f64()
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes() {
        let mut b = String::new();
        text(&mut b, "a\tb\\c\nd");
        assert_eq!(b, "a\\tb\\\\c\\nd");
        let mut b = String::new();
        text_array(&mut b, &["04152-YZZA1".into(), "x\"y".into()]);
        assert_eq!(b, "{\"04152-YZZA1\",\"x\\\\\"y\"}");
    }

    #[test]
    fn phones_are_valid_and_apart_from_the_demo() {
        for i in [0, 1, 9_999_999] {
            let p = supplier_phone(i);
            assert_eq!(
                kernel::phone::Phone::parse(&p).map(|p| p.as_str().to_owned()),
                Some(p.clone())
            );
            assert!(!p.starts_with("+96650"));
        }
    }

    #[test]
    fn oem_numbers_look_like_catalogue_numbers() {
        let n = oem_number(0, 3, 1, "Toyota");
        assert_eq!(n.len(), 11);
        assert_eq!(&n[5..6], "-");
        assert_eq!(n, oem_number(0, 3, 1, "Toyota"));
    }
}
