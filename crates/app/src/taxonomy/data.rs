//! Reference data of the Saudi market, in Arabic and English: body types,
//! car makes with their popular models and years (`None`: still sold), and
//! the tree of part categories. Slugs are stable keys: a model's slug is its
//! make's slug, `-`, then its own (`toyota` + `camry` → `toyota-camry`).

pub struct Named {
    pub slug: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
}

pub struct Model {
    /// Without the make's prefix.
    pub slug: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
    pub from: i32,
    pub to: Option<i32>,
    pub body: &'static str,
}

pub struct Make {
    pub slug: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
    pub models: &'static [Model],
}

pub struct CategorySeed {
    pub slug: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
    pub children: &'static [CategorySeed],
}

const fn n(slug: &'static str, ar: &'static str, en: &'static str) -> Named {
    Named { slug, ar, en }
}

const fn m(
    slug: &'static str,
    ar: &'static str,
    en: &'static str,
    years: (i32, Option<i32>),
    body: &'static str,
) -> Model {
    Model {
        slug,
        ar,
        en,
        from: years.0,
        to: years.1,
        body,
    }
}

const fn c(
    slug: &'static str,
    ar: &'static str,
    en: &'static str,
    children: &'static [CategorySeed],
) -> CategorySeed {
    CategorySeed {
        slug,
        ar,
        en,
        children,
    }
}

const NOW: Option<i32> = None;

pub const BODY_TYPES: &[Named] = &[
    n("sedan", "سيدان", "Sedan"),
    n("hatchback", "هاتشباك", "Hatchback"),
    n("suv", "دفع رباعي", "SUV"),
    n("crossover", "كروس أوفر", "Crossover"),
    n("pickup", "بيك أب (وانيت)", "Pickup"),
    n("van", "فان", "Van"),
    n("coupe", "كوبيه", "Coupe"),
    n("truck", "شاحنة", "Truck"),
];

/// In the order shown to customers (roughly by popularity in the kingdom).
#[rustfmt::skip]
pub const MAKES: &[Make] = &[
    Make { slug: "toyota", ar: "تويوتا", en: "Toyota", models: &[
        m("camry", "كامري", "Camry", (1982, NOW), "sedan"),
        m("corolla", "كورولا", "Corolla", (1966, NOW), "sedan"),
        m("land-cruiser", "لاند كروزر", "Land Cruiser", (1951, NOW), "suv"),
        m("hilux", "هايلكس", "Hilux", (1968, NOW), "pickup"),
        m("yaris", "يارس", "Yaris", (1999, NOW), "sedan"),
        m("rav4", "راف 4", "RAV4", (1994, NOW), "crossover"),
        m("fortuner", "فورتشنر", "Fortuner", (2005, NOW), "suv"),
        m("prado", "برادو", "Prado", (1990, NOW), "suv"),
        m("avalon", "أفالون", "Avalon", (1995, Some(2022)), "sedan"),
        m("innova", "إنوفا", "Innova", (2004, NOW), "van"),
    ]},
    Make { slug: "hyundai", ar: "هيونداي", en: "Hyundai", models: &[
        m("accent", "أكسنت", "Accent", (1994, NOW), "sedan"),
        m("elantra", "إلنترا", "Elantra", (1990, NOW), "sedan"),
        m("sonata", "سوناتا", "Sonata", (1985, NOW), "sedan"),
        m("tucson", "توسان", "Tucson", (2004, NOW), "crossover"),
        m("santa-fe", "سنتافي", "Santa Fe", (2000, NOW), "crossover"),
        m("creta", "كريتا", "Creta", (2015, NOW), "crossover"),
        m("azera", "أزيرا", "Azera", (2005, NOW), "sedan"),
    ]},
    Make { slug: "nissan", ar: "نيسان", en: "Nissan", models: &[
        m("sunny", "صني", "Sunny", (1966, NOW), "sedan"),
        m("altima", "ألتيما", "Altima", (1992, NOW), "sedan"),
        m("patrol", "باترول", "Patrol", (1951, NOW), "suv"),
        m("maxima", "ماكسيما", "Maxima", (1981, Some(2023)), "sedan"),
        m("x-trail", "إكس تريل", "X-Trail", (2000, NOW), "crossover"),
        m("navara", "نافارا", "Navara", (1997, NOW), "pickup"),
        m("pathfinder", "باثفايندر", "Pathfinder", (1985, NOW), "suv"),
    ]},
    Make { slug: "kia", ar: "كيا", en: "Kia", models: &[
        m("cerato", "سيراتو", "Cerato", (2003, Some(2024)), "sedan"),
        m("sportage", "سبورتاج", "Sportage", (1993, NOW), "crossover"),
        m("sorento", "سورينتو", "Sorento", (2002, NOW), "crossover"),
        m("pegas", "بيجاس", "Pegas", (2017, NOW), "sedan"),
        m("k5", "كي 5", "K5", (2020, NOW), "sedan"),
        m("carnival", "كرنفال", "Carnival", (1998, NOW), "van"),
    ]},
    Make { slug: "ford", ar: "فورد", en: "Ford", models: &[
        m("taurus", "توروس", "Taurus", (1986, NOW), "sedan"),
        m("explorer", "إكسبلورر", "Explorer", (1991, NOW), "suv"),
        m("expedition", "إكسبيديشن", "Expedition", (1997, NOW), "suv"),
        m("f-150", "إف-150", "F-150", (1975, NOW), "pickup"),
        m("mustang", "موستنج", "Mustang", (1965, NOW), "coupe"),
        m("edge", "إيدج", "Edge", (2007, NOW), "crossover"),
    ]},
    Make { slug: "chevrolet", ar: "شفروليه", en: "Chevrolet", models: &[
        m("tahoe", "تاهو", "Tahoe", (1995, NOW), "suv"),
        m("suburban", "سوبربان", "Suburban", (1950, NOW), "suv"),
        m("malibu", "ماليبو", "Malibu", (1964, Some(2024)), "sedan"),
        m("silverado", "سلفرادو", "Silverado", (1999, NOW), "pickup"),
        m("captiva", "كابتيفا", "Captiva", (2006, NOW), "crossover"),
        m("camaro", "كمارو", "Camaro", (1967, Some(2024)), "coupe"),
    ]},
    Make { slug: "gmc", ar: "جي إم سي", en: "GMC", models: &[
        m("yukon", "يوكن", "Yukon", (1992, NOW), "suv"),
        m("sierra", "سييرا", "Sierra", (1988, NOW), "pickup"),
        m("acadia", "أكاديا", "Acadia", (2007, NOW), "crossover"),
        m("terrain", "تيرين", "Terrain", (2010, NOW), "crossover"),
    ]},
    Make { slug: "lexus", ar: "لكزس", en: "Lexus", models: &[
        m("lx", "إل إكس", "LX", (1996, NOW), "suv"),
        m("es", "إي إس", "ES", (1989, NOW), "sedan"),
        m("rx", "آر إكس", "RX", (1998, NOW), "crossover"),
        m("gx", "جي إكس", "GX", (2002, NOW), "suv"),
        m("is", "آي إس", "IS", (1999, NOW), "sedan"),
    ]},
    Make { slug: "honda", ar: "هوندا", en: "Honda", models: &[
        m("accord", "أكورد", "Accord", (1976, NOW), "sedan"),
        m("civic", "سيفيك", "Civic", (1972, NOW), "sedan"),
        m("cr-v", "سي آر-في", "CR-V", (1995, NOW), "crossover"),
        m("pilot", "بايلوت", "Pilot", (2002, NOW), "crossover"),
        m("city", "سيتي", "City", (1981, NOW), "sedan"),
    ]},
    Make { slug: "mazda", ar: "مازدا", en: "Mazda", models: &[
        m("mazda3", "مازدا 3", "Mazda 3", (2003, NOW), "sedan"),
        m("mazda6", "مازدا 6", "Mazda 6", (2002, Some(2024)), "sedan"),
        m("cx-5", "سي إكس-5", "CX-5", (2012, NOW), "crossover"),
        m("cx-9", "سي إكس-9", "CX-9", (2007, Some(2023)), "crossover"),
    ]},
    Make { slug: "mitsubishi", ar: "ميتسوبيشي", en: "Mitsubishi", models: &[
        m("pajero", "باجيرو", "Pajero", (1982, Some(2021)), "suv"),
        m("l200", "إل 200", "L200", (1978, NOW), "pickup"),
        m("lancer", "لانسر", "Lancer", (1973, Some(2017)), "sedan"),
        m("outlander", "أوتلاندر", "Outlander", (2001, NOW), "crossover"),
        m("attrage", "أتراج", "Attrage", (2013, NOW), "sedan"),
    ]},
    Make { slug: "isuzu", ar: "إيسوزو", en: "Isuzu", models: &[
        m("d-max", "دي ماكس", "D-Max", (2002, NOW), "pickup"),
        m("mu-x", "إم يو-إكس", "MU-X", (2013, NOW), "suv"),
        m("n-series", "إن سيريس", "N-Series", (1959, NOW), "truck"),
    ]},
    Make { slug: "changan", ar: "شانجان", en: "Changan", models: &[
        m("cs35", "سي إس 35", "CS35", (2012, NOW), "crossover"),
        m("cs75", "سي إس 75", "CS75", (2014, NOW), "crossover"),
        m("alsvin", "ألسفن", "Alsvin", (2018, NOW), "sedan"),
        m("eado", "إيدو", "Eado", (2012, NOW), "sedan"),
        m("uni-t", "يوني-تي", "UNI-T", (2020, NOW), "crossover"),
    ]},
    Make { slug: "geely", ar: "جيلي", en: "Geely", models: &[
        m("emgrand", "إمجراند", "Emgrand", (2009, NOW), "sedan"),
        m("coolray", "كولراي", "Coolray", (2018, NOW), "crossover"),
        m("tugella", "توجيلا", "Tugella", (2019, NOW), "crossover"),
        m("monjaro", "مونجارو", "Monjaro", (2021, NOW), "crossover"),
        m("okavango", "أوكافانغو", "Okavango", (2020, NOW), "crossover"),
    ]},
    Make { slug: "mg", ar: "إم جي", en: "MG", models: &[
        m("mg5", "إم جي 5", "MG5", (2012, NOW), "sedan"),
        m("zs", "زد إس", "ZS", (2017, NOW), "crossover"),
        m("rx5", "آر إكس 5", "RX5", (2016, NOW), "crossover"),
        m("hs", "إتش إس", "HS", (2018, NOW), "crossover"),
        m("gt", "جي تي", "GT", (2014, NOW), "sedan"),
    ]},
    Make { slug: "mercedes-benz", ar: "مرسيدس بنز", en: "Mercedes-Benz", models: &[
        m("c-class", "الفئة C", "C-Class", (1993, NOW), "sedan"),
        m("e-class", "الفئة E", "E-Class", (1993, NOW), "sedan"),
        m("s-class", "الفئة S", "S-Class", (1972, NOW), "sedan"),
        m("g-class", "الفئة G", "G-Class", (1979, NOW), "suv"),
        m("gle", "جي إل إي", "GLE", (2015, NOW), "crossover"),
    ]},
    Make { slug: "bmw", ar: "بي إم دبليو", en: "BMW", models: &[
        m("3-series", "الفئة الثالثة", "3 Series", (1975, NOW), "sedan"),
        m("5-series", "الفئة الخامسة", "5 Series", (1972, NOW), "sedan"),
        m("7-series", "الفئة السابعة", "7 Series", (1977, NOW), "sedan"),
        m("x3", "إكس 3", "X3", (2003, NOW), "crossover"),
        m("x5", "إكس 5", "X5", (1999, NOW), "crossover"),
    ]},
];

/// Part categories, each level in display order.
#[rustfmt::skip]
pub const CATEGORIES: &[CategorySeed] = &[
    c("engine", "المحرك", "Engine", &[
        c("oil-filters", "فلاتر الزيت", "Oil filters", &[]),
        c("air-filters", "فلاتر الهواء", "Air filters", &[]),
        c("fuel-filters", "فلاتر البنزين", "Fuel filters", &[]),
        c("spark-plugs", "شمعات الإشعال (البواجي)", "Spark plugs", &[]),
        c("ignition-coils", "كويلات الإشعال", "Ignition coils", &[]),
        c("belts", "السيور", "Belts", &[]),
        c("gaskets", "الجوانات", "Gaskets", &[]),
        c("engine-mounts", "كراسي المحرك", "Engine mounts", &[]),
    ]),
    c("brakes", "الفرامل", "Brakes", &[
        c("brake-pads", "فحمات الفرامل", "Brake pads", &[]),
        c("brake-discs", "أقراص الفرامل (الهوبات)", "Brake discs", &[]),
        c("brake-shoes", "أحذية الفرامل الخلفية", "Brake shoes", &[]),
        c("brake-calipers", "كليبرات الفرامل", "Brake calipers", &[]),
    ]),
    c("suspension", "نظام التعليق", "Suspension", &[
        c("shock-absorbers", "المساعدات", "Shock absorbers", &[]),
        c("control-arms", "المقصات", "Control arms", &[]),
        c("springs", "اليايات", "Springs", &[]),
        c("bushings", "الجلب", "Bushings", &[]),
    ]),
    c("steering", "التوجيه", "Steering", &[
        c("steering-racks", "علب الدركسون", "Steering racks", &[]),
        c("tie-rod-ends", "رؤوس المقصات (الأذرعة)", "Tie rod ends", &[]),
    ]),
    c("electrical", "الكهرباء", "Electrical", &[
        c("batteries", "البطاريات", "Batteries", &[]),
        c("lights", "الإضاءة", "Lights", &[]),
        c("alternators", "الدينمو", "Alternators", &[]),
        c("starters", "السلف", "Starters", &[]),
        c("sensors", "الحساسات", "Sensors", &[]),
    ]),
    c("transmission", "ناقل الحركة (القير)", "Transmission", &[
        c("clutch-kits", "أطقم الكلتش", "Clutch kits", &[]),
        c("cv-axles", "العكوس", "CV axles", &[]),
    ]),
    c("cooling", "نظام التبريد", "Cooling", &[
        c("radiators", "الرديترات", "Radiators", &[]),
        c("water-pumps", "طرمبات الماء", "Water pumps", &[]),
        c("thermostats", "البلوف الحرارية (الثرموستات)", "Thermostats", &[]),
    ]),
    c("ac", "التكييف", "AC", &[
        c("ac-compressors", "كمبروسرات المكيف", "AC compressors", &[]),
        c("ac-condensers", "رديترات المكيف (المكثفات)", "AC condensers", &[]),
        c("cabin-filters", "فلاتر المكيف", "Cabin filters", &[]),
    ]),
    c("body", "الهيكل", "Body", &[
        c("bumpers", "الصدامات", "Bumpers", &[]),
        c("mirrors", "المرايات", "Mirrors", &[]),
        c("hoods", "الكبوتات", "Hoods", &[]),
        c("fenders", "الرفارف", "Fenders", &[]),
        c("glass", "الزجاج", "Glass", &[]),
    ]),
    c("tyres-wheels", "الإطارات والجنوط", "Tyres & wheels", &[
        c("tyres", "الإطارات", "Tyres", &[]),
        c("rims", "الجنوط", "Rims", &[]),
    ]),
    c("fluids-oils", "الزيوت والسوائل", "Fluids & oils", &[
        c("engine-oil", "زيت المحرك", "Engine oil", &[]),
        c("transmission-fluid", "زيت القير", "Transmission fluid", &[]),
        c("brake-fluid", "زيت الفرامل", "Brake fluid", &[]),
        c("coolant", "سائل التبريد", "Coolant", &[]),
    ]),
    c("accessories", "الإكسسوارات", "Accessories", &[
        c("floor-mats", "الدعاسات", "Floor mats", &[]),
        c("seat-covers", "تلبيسات المقاعد", "Seat covers", &[]),
        c("dash-cams", "كاميرات السيارة", "Dash cams", &[]),
    ]),
];
