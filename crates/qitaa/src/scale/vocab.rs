//! The fixed vocabularies the generator draws from: part kinds with their
//! categories, names, brands and prices; the market share of makes; the
//! cities stores are placed in; the words of store and owner names.

pub(super) struct Kind {
    pub(super) category: &'static str,
    /// (Arabic, English) names.
    pub(super) names: &'static [(&'static str, &'static str)],
    pub(super) brands: &'static [&'static str],
    /// Price range in riyals.
    pub(super) price: (u32, u32),
    /// Relative frequency.
    pub(super) weight: u32,
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
pub(super) const KINDS: &[Kind] = &[
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
pub(super) const MAKE_WEIGHTS: &[(&str, u32)] = &[
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

pub(super) struct City {
    pub(super) ar: &'static str,
    pub(super) en: &'static str,
    pub(super) lat: f64,
    pub(super) lng: f64,
    /// Relative number of stores.
    pub(super) weight: u32,
    pub(super) districts: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const CITIES: &[City] = &[
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

pub(super) const STORE_PREFIXES: &[(&str, &str)] = &[
    ("مؤسسة", "Est."),
    ("شركة", "Co."),
    ("محلات", "Stores"),
    ("مركز", "Center"),
];

pub(super) const STORE_NAMES: &[(&str, &str)] = &[
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

pub(super) const FIRST_NAMES: &[&str] = &[
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

pub(super) const EXTRAS: &[(&str, &str)] = &[
    ("ضمان سنة.", "One-year warranty."),
    ("توصيل سريع داخل المدينة.", "Fast delivery within the city."),
    ("قطعة أصلية بالكرتون.", "Genuine part in its box."),
    ("متوفر بكميات.", "Available in quantity."),
    ("التركيب متاح في الفرع.", "Fitting available at the branch."),
    ("", ""),
];
