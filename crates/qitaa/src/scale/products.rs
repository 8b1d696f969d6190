//! Products with their fitment and images, as COPY rows, one batch at a time.

use std::fmt::Write as _;

use rand::RngExt;
use rand::rngs::StdRng;
use time::OffsetDateTime;

use app::products::model::Condition;
use app::products::model::ProductFields;

use super::copy::{opt, text, text_array, timestamp};
use super::random::{arabic_variant, id_at, oem_number};
use super::reference::{ModelRef, Reference};
use super::vocab::{EXTRAS, KINDS};

/// One COPY batch of products with their fitment and images.
pub(super) struct ProductBatch {
    pub(super) products: String,
    pub(super) fitments: String,
    pub(super) images: String,
    pub(super) count: u64,
    pub(super) fitment_rows: u64,
    pub(super) image_rows: u64,
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

pub(super) struct Generator {
    pub(super) rng: StdRng,
    pub(super) reference: Reference,
    /// Product `i` is created at `start + i * step`.
    pub(super) start: OffsetDateTime,
    pub(super) step: time::Duration,
    /// Open-ended fitment year ranges reach the year after this one.
    pub(super) current_year: i32,
}

impl Generator {
    pub(super) fn batch(&mut self, first: u64, count: u64) -> ProductBatch {
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
