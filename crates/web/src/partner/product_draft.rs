//! The product form as typed: read from the request, filled from a stored
//! product, and turned into the API's body (prices in SAR to halalas,
//! OEM numbers split, fitment rows gathered).

use uuid::Uuid;

use app::AppState;
use app::products::model::{
    Condition, FitmentInput, NewProduct, Product, ProductPatch, VariantInput,
};
use app::taxonomy::model::CarModel;
use app::taxonomy::service as taxonomy;
use kernel::i18n::Message;
use kernel::{ApiError, FieldErrors};

use crate::forms::{Fields, parse_int, parse_sar};

/// Most images of one product (as the product rules allow).
pub const MAX_IMAGES: usize = 10;

pub struct ModelOption {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
    pub years: String,
}

impl From<CarModel> for ModelOption {
    fn from(m: CarModel) -> ModelOption {
        ModelOption {
            id: m.id.to_string(),
            years: match m.year_to {
                Some(to) => format!("{}–{to}", m.year_from),
                None => format!("{}–", m.year_from),
            },
            name_ar: m.name_ar,
            name_en: m.name_en,
        }
    }
}

/// One fitment row: the chosen make and model (ids), the years, and the
/// models of the chosen make for its model select.
#[derive(Default)]
pub struct FitRow {
    pub make: String,
    pub model: String,
    pub from: String,
    pub to: String,
    pub models: Vec<ModelOption>,
    /// What the row's checks said, in the page's language.
    pub error: String,
}

impl FitRow {
    /// Fills the model select of a row whose make is chosen.
    pub async fn load_models(&mut self, state: &AppState) -> Result<(), ApiError> {
        self.models.clear();
        if let Ok(make) = Uuid::parse_str(&self.make) {
            match taxonomy::models_of_make(state, make).await {
                Ok(models) => self.models = models.into_iter().map(ModelOption::from).collect(),
                Err(ApiError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// One variant row as typed (price in SAR).
#[derive(Default, Clone)]
pub struct VarRow {
    pub name_ar: String,
    pub name_en: String,
    pub sku: String,
    pub price: String,
    pub stock: String,
}

#[derive(Default)]
pub struct Draft {
    pub name_ar: String,
    pub name_en: String,
    pub description_ar: String,
    pub description_en: String,
    pub category: String,
    pub condition: String,
    pub brand: String,
    pub oem: String,
    pub price: String,
    pub stock: String,
    /// Media ids of images already uploaded, in order.
    pub images: Vec<String>,
    pub fitment: Vec<FitRow>,
    /// Sizes, sides or packs sold under the product, each with its price and stock.
    pub variants: Vec<VarRow>,
}

impl Draft {
    /// An empty form with one fitment row.
    pub fn blank() -> Draft {
        Draft {
            condition: Condition::New.as_str().into(),
            fitment: vec![FitRow::default()],
            ..Draft::default()
        }
    }

    pub fn of(p: &Product) -> Draft {
        Draft {
            name_ar: p.name_ar.clone(),
            name_en: p.name_en.clone(),
            description_ar: p.description_ar.clone(),
            description_en: p.description_en.clone(),
            category: p
                .category
                .as_ref()
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            condition: p.condition.as_str().into(),
            brand: p.brand.clone().unwrap_or_default(),
            oem: p.oem_numbers.join(", "),
            price: kernel::money::decimal(p.price),
            stock: p.stock.to_string(),
            images: p.images.iter().map(|i| i.media_id.to_string()).collect(),
            fitment: p
                .fitment
                .iter()
                .map(|f| FitRow {
                    make: f.make.id.to_string(),
                    model: f
                        .model
                        .as_ref()
                        .map(|m| m.id.to_string())
                        .unwrap_or_default(),
                    from: f.year_from.map(|y| y.to_string()).unwrap_or_default(),
                    to: f.year_to.map(|y| y.to_string()).unwrap_or_default(),
                    ..FitRow::default()
                })
                .collect(),
            variants: p
                .variants
                .iter()
                .map(|v| VarRow {
                    name_ar: v.name_ar.clone(),
                    name_en: v.name_en.clone(),
                    sku: v.sku.clone().unwrap_or_default(),
                    price: kernel::money::decimal(v.price),
                    stock: v.stock.to_string(),
                })
                .collect(),
        }
    }

    /// The form's fields; rows without a make are dropped (an added row left empty).
    pub fn from_fields(f: &Fields) -> Draft {
        let (makes, models) = (f.all("fit_make"), f.all("fit_model"));
        let (froms, tos) = (f.all("fit_from"), f.all("fit_to"));
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        let (var_ar, var_en) = (f.all("var_name_ar"), f.all("var_name_en"));
        let (var_sku, var_price, var_stock) =
            (f.all("var_sku"), f.all("var_price"), f.all("var_stock"));
        Draft {
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            description_ar: f.get("descriptionAr"),
            description_en: f.get("descriptionEn"),
            category: f.get("categoryId"),
            condition: f.get("condition"),
            brand: f.get("brand"),
            oem: f.get("oemNumbers"),
            price: f.get("price"),
            stock: f.get("stock"),
            images: f.all("imageIds"),
            fitment: (0..makes.len())
                .filter(|i| !makes[*i].is_empty())
                .map(|i| FitRow {
                    make: at(&makes, i),
                    model: at(&models, i),
                    from: at(&froms, i),
                    to: at(&tos, i),
                    ..FitRow::default()
                })
                .collect(),
            // A row with neither name is an added row left empty.
            variants: (0..var_ar.len().max(var_en.len()))
                .filter(|i| {
                    !at(&var_ar, *i).trim().is_empty() || !at(&var_en, *i).trim().is_empty()
                })
                .take(50)
                .map(|i| VarRow {
                    name_ar: at(&var_ar, i),
                    name_en: at(&var_en, i),
                    sku: at(&var_sku, i),
                    price: at(&var_price, i),
                    stock: at(&var_stock, i),
                })
                .collect(),
        }
    }

    pub async fn load_models(&mut self, state: &AppState) -> Result<(), ApiError> {
        for row in &mut self.fitment {
            row.load_models(state).await?;
        }
        Ok(())
    }

    /// The API's body, and what could not be read (prices, numbers, ids).
    /// `new_files` counts images about to be uploaded.
    pub fn body(&self, submit: bool, new_files: usize) -> (NewProduct, FieldErrors) {
        let mut e = FieldErrors::new();
        let id = |raw: &str, field: String, e: &mut FieldErrors| {
            if raw.is_empty() {
                return None;
            }
            let id = Uuid::parse_str(raw).ok();
            if id.is_none() {
                e.add(field, Message::new("validation-uuid"));
            }
            id
        };
        let int = |raw: &str, field: String, e: &mut FieldErrors| -> Option<i32> {
            if raw.is_empty() {
                return None;
            }
            let v = parse_int(raw);
            if v.is_none() {
                e.add(field, Message::new("web-number-invalid"));
            }
            v
        };
        let price = if self.price.is_empty() {
            e.add("price", Message::new("validation-required"));
            0
        } else {
            parse_sar(&self.price).unwrap_or_else(|| {
                e.add("price", Message::new("web-price-invalid"));
                0
            })
        };
        let condition = Condition::ALL
            .into_iter()
            .find(|c| c.as_str() == self.condition);
        if condition.is_none() {
            e.add("condition", Message::new("validation-required"));
        }
        let mut fitment = Vec::new();
        for (i, row) in self.fitment.iter().enumerate() {
            let make = id(&row.make, format!("fitment[{i}].makeId"), &mut e);
            let input = FitmentInput {
                make_id: make.unwrap_or(Uuid::nil()),
                model_id: id(&row.model, format!("fitment[{i}].modelId"), &mut e),
                year_from: int(&row.from, format!("fitment[{i}].yearFrom"), &mut e),
                year_to: int(&row.to, format!("fitment[{i}].yearTo"), &mut e),
            };
            fitment.push(input);
        }
        if fitment.is_empty() {
            e.add("fitment", Message::new("web-fitment-required"));
        }
        let image_ids: Vec<Uuid> = self
            .images
            .iter()
            .filter_map(|m| Uuid::parse_str(m).ok())
            .collect();
        if image_ids.len() + new_files > MAX_IMAGES {
            e.add(
                "imageIds",
                Message::new("products-too-many").arg("max", MAX_IMAGES),
            );
        }
        let mut variants = Vec::new();
        for (i, v) in self.variants.iter().enumerate() {
            let price = parse_sar(&v.price).unwrap_or_else(|| {
                e.add(
                    format!("variants[{i}].price"),
                    Message::new("web-price-invalid"),
                );
                0
            });
            let stock = if v.stock.is_empty() {
                0
            } else {
                int(&v.stock, format!("variants[{i}].stock"), &mut e).unwrap_or(0)
            };
            variants.push(VariantInput {
                name_ar: v.name_ar.trim().to_owned(),
                name_en: v.name_en.trim().to_owned(),
                sku: Some(v.sku.trim().to_owned()).filter(|s| !s.is_empty()),
                price,
                stock,
            });
        }
        let body = NewProduct {
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
            description_ar: self.description_ar.clone(),
            description_en: self.description_en.clone(),
            category_id: id(&self.category, "categoryId".into(), &mut e),
            condition: condition.unwrap_or(Condition::New),
            brand: Some(self.brand.clone()).filter(|b| !b.is_empty()),
            oem_numbers: self
                .oem
                .split([',', '،'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect(),
            price,
            stock: if self.stock.is_empty() {
                0
            } else {
                int(&self.stock, "stock".into(), &mut e).unwrap_or(0)
            },
            sku: None,
            variants,
            fitment,
            image_ids,
            submit,
        };
        (body, e)
    }
}

/// Only what the form changed, so that a price or stock change keeps an
/// active product live (any other change sends it back for approval).
/// A fitment row as compared: make, model, first and last year.
type Fit = (Uuid, Option<Uuid>, Option<i32>, Option<i32>);

pub fn patch(current: &Product, new: &NewProduct) -> ProductPatch {
    let changed = |old: &str, new: &str| (old != new.trim()).then(|| new.trim().to_owned());
    let fits = |f: &[FitmentInput]| -> Vec<Fit> {
        f.iter()
            .map(|f| (f.make_id, f.model_id, f.year_from, f.year_to))
            .collect()
    };
    let current_fits: Vec<Fit> = current
        .fitment
        .iter()
        .map(|f| {
            (
                f.make.id,
                f.model.as_ref().map(|m| m.id),
                f.year_from,
                f.year_to,
            )
        })
        .collect();
    let current_images: Vec<Uuid> = current.images.iter().map(|i| i.media_id).collect();
    ProductPatch {
        name_ar: changed(&current.name_ar, &new.name_ar),
        name_en: changed(&current.name_en, &new.name_en),
        description_ar: changed(&current.description_ar, &new.description_ar),
        description_en: changed(&current.description_en, &new.description_en),
        category_id: new
            .category_id
            .filter(|c| current.category.as_ref().map(|x| x.id) != Some(*c)),
        condition: Some(new.condition).filter(|c| *c != current.condition),
        brand: changed(
            current.brand.as_deref().unwrap_or(""),
            new.brand.as_deref().unwrap_or(""),
        ),
        oem_numbers: Some(new.oem_numbers.clone()).filter(|o| *o != current.oem_numbers),
        price: Some(new.price).filter(|p| *p != current.price),
        stock: Some(new.stock).filter(|s| *s != current.stock),
        sku: None,
        variants: (variants_of(&new.variants) != variants_of_current(current))
            .then(|| new.variants.clone()),
        fitment: (fits(&new.fitment) != current_fits).then(|| new.fitment.clone()),
        image_ids: (new.image_ids != current_images).then(|| new.image_ids.clone()),
    }
}

/// A variant as compared: names, SKU, price, stock.
type Var = (String, String, Option<String>, i64, i32);

fn variants_of(v: &[VariantInput]) -> Vec<Var> {
    v.iter()
        .map(|v| {
            (
                v.name_ar.clone(),
                v.name_en.clone(),
                v.sku.clone(),
                v.price,
                v.stock,
            )
        })
        .collect()
}

fn variants_of_current(p: &Product) -> Vec<Var> {
    p.variants
        .iter()
        .map(|v| {
            (
                v.name_ar.clone(),
                v.name_en.clone(),
                v.sku.clone(),
                v.price,
                v.stock,
            )
        })
        .collect()
}
