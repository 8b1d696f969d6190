//! Outside merchants (`external.manage`): the index, the create and edit
//! form (errors next to their fields), and a merchant's page with its
//! facts, what the platform owes it with the payout form (`finance.manage`,
//! one `Idempotency-Key` per rendered form), the catalog import card and
//! the merchant's imports. `merchant_import.rs` takes the upload itself and
//! shows an import's report.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::admin::permissions::Permission;
use app::auth::Caller;
use app::external::import::COLUMNS;
use app::external::model::{ImportReport, ListQuery, Merchant, MerchantInput};
use app::external::service::{self as external, MerchantPayout};
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::common::{self, percent, percent_input};
use super::orders::{amount_of, form_key};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// "3 days", with the language's plural rules.
fn lead_time(locale: Locale, days: i32) -> String {
    Message::new("adm-ext-lead-days")
        .arg("count", i64::from(days))
        .render(locale)
}

/// Where a merchant delivers: everywhere (no cities) or how many cities.
fn reach(locale: Locale, cities: &[String]) -> String {
    if cities.is_empty() {
        t(locale, "adm-ext-everywhere")
    } else {
        Message::new("adm-ext-cities-count")
            .arg("count", cities.len())
            .render(locale)
    }
}

// ---------------------------------------------------------------- index

#[derive(Deserialize, Default)]
pub struct Filter {
    page: Option<u32>,
}

pub struct Row {
    id: String,
    name: String,
    cr: String,
    commission: String,
    lead_time: String,
    reach: String,
    status: String,
    created: String,
}

impl Row {
    fn of(locale: Locale, m: &Merchant) -> Row {
        Row {
            id: m.id.to_string(),
            name: match locale {
                Locale::Ar => m.name_ar.clone(),
                Locale::En => m.name_en.clone(),
            },
            cr: m.cr_number.clone(),
            commission: percent(locale, i64::from(m.commission_bp)),
            lead_time: lead_time(locale, m.lead_time_days),
            reach: reach(locale, &m.cities),
            status: m.status.clone(),
            created: shared::when(locale, m.created_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/merchants.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let q = ListQuery {
        status: None,
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (merchants, meta) = match external::merchants(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    ListPage {
        base,
        section: "merchants",
        total: c.t_count("adm-ext-merchants-count", &meta.total),
        rows: merchants.iter().map(|m| Row::of(ctx.locale, m)).collect(),
        pager: Pager::new(&ctx, &meta, |p| format!("{base}/merchants?page={p}")),
        c,
    }
    .into_response()
}

// ---------------------------------------------------------------- form

/// The form as typed (or as the merchant is), shown again next to its errors.
pub struct Draft {
    name_ar: String,
    name_en: String,
    cr_number: String,
    vat_number: String,
    email: String,
    locale: String,
    /// A percentage as typed (`8`, `8.5`).
    commission: String,
    lead_time: String,
    /// Comma-separated, Arabic or Latin commas.
    cities: String,
    status: String,
    errors: Errors,
}

/// Digits typed in any script, spaces dropped: what the CR and VAT rules read.
fn ascii_digits(raw: &str) -> String {
    raw.chars()
        .filter(|ch| !ch.is_whitespace())
        .map(|ch| kernel::phone::ascii_digit(ch).unwrap_or(ch))
        .collect()
}

impl Draft {
    fn fresh() -> Draft {
        Draft {
            name_ar: String::new(),
            name_en: String::new(),
            cr_number: String::new(),
            vat_number: String::new(),
            email: String::new(),
            locale: "ar".into(),
            commission: String::new(),
            lead_time: String::new(),
            cities: String::new(),
            status: "active".into(),
            errors: Errors::none(),
        }
    }

    fn of_merchant(m: &Merchant) -> Draft {
        Draft {
            name_ar: m.name_ar.clone(),
            name_en: m.name_en.clone(),
            cr_number: m.cr_number.clone(),
            vat_number: m.vat_number.clone(),
            email: m.email.clone(),
            locale: m.locale.clone(),
            commission: percent_input(i64::from(m.commission_bp)),
            lead_time: m.lead_time_days.to_string(),
            cities: m.cities.join(", "),
            status: m.status.clone(),
            errors: Errors::none(),
        }
    }

    fn of(f: &Fields) -> Draft {
        Draft {
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            cr_number: f.get("crNumber"),
            vat_number: f.get("vatNumber"),
            email: f.get("email"),
            locale: f.get("locale"),
            commission: f.get("commissionBp"),
            lead_time: f.get("leadTimeDays"),
            cities: f.get("cities"),
            status: f.get("status"),
            errors: Errors::none(),
        }
    }

    /// What the service is asked, and the fields that could not be read
    /// (a commission is refused here as a percentage, not in basis points).
    fn input(&self) -> (MerchantInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let commission_bp = if self.commission.is_empty() {
            e.add("commissionBp", Message::new("validation-required"));
            0
        } else {
            match common::parse_percent(&self.commission)
                .filter(|bp| (0..=10_000).contains(bp))
                .and_then(|bp| i32::try_from(bp).ok())
            {
                Some(bp) => bp,
                None => {
                    e.add("commissionBp", Message::new("adm-commission-invalid"));
                    0
                }
            }
        };
        let lead_time_days = if self.lead_time.is_empty() {
            e.add("leadTimeDays", Message::new("validation-required"));
            0
        } else {
            match parse_int::<i32>(&self.lead_time) {
                Some(n) => n,
                None => {
                    e.add("leadTimeDays", Message::new("web-number-invalid"));
                    0
                }
            }
        };
        let cities = self
            .cities
            .split([',', '،'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let input = MerchantInput {
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
            cr_number: ascii_digits(&self.cr_number),
            vat_number: ascii_digits(&self.vat_number),
            email: self.email.clone(),
            locale: Locale::parse(&self.locale),
            commission_bp,
            lead_time_days,
            cities: Some(cities),
            status: Some(self.status.clone()),
        };
        (input, e)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/merchant_form.html")]
struct FormPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The merchant being edited (its id and name), none for a new one.
    editing: Option<(String, String)>,
    form: Draft,
    locales: [&'static str; 2],
    statuses: [&'static str; 2],
}

fn render_form(
    ctx: &WebCtx,
    csrf: &str,
    editing: Option<(String, String)>,
    form: Draft,
    status: StatusCode,
) -> Response {
    let page = FormPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "merchants",
        editing,
        form,
        locales: ["ar", "en"],
        statuses: ["active", "inactive"],
    };
    (status, page).into_response()
}

pub async fn new_form(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    // The service decides who may keep merchants: a list of one asks it.
    let q = ListQuery {
        status: None,
        page: Some(1),
        per_page: Some(1),
    };
    if let Err(e) = external::merchants(&state, &caller, &q).await {
        return error_page(&ctx, e);
    }
    render_form(&ctx, &csrf, None, Draft::fresh(), StatusCode::OK)
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match external::merchant(&state, &caller, id).await {
        Ok(m) => {
            let name = match ctx.locale {
                Locale::Ar => m.name_ar.clone(),
                Locale::En => m.name_en.clone(),
            };
            render_form(
                &ctx,
                &csrf,
                Some((m.id.to_string(), name)),
                Draft::of_merchant(&m),
                StatusCode::OK,
            )
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The form's errors: a CR number another merchant has is the CR field's.
fn form_errors(ctx: &WebCtx, e: &ApiError) -> Errors {
    let mut errors = Errors::from_api(e, ctx.locale);
    if let ApiError::Conflict { code, .. } = e
        && *code == "CR_NUMBER_TAKEN"
    {
        let taken = Message::new("adm-ext-cr-taken");
        errors.form = Some(taken.render(ctx.locale));
        errors.merge(&FieldErrors::single("crNumber", taken), ctx.locale);
    }
    errors
}

/// Creates (`id` none) or replaces a merchant, then opens its page with a
/// toast; a refused form comes back with its errors.
async fn save(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: Option<&str>,
    fields: Vec<(String, String)>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match id.map(parse_id).transpose() {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let draft = Draft::of(&f);
    let (input, shape) = draft.input();
    let result = match validated(&input, shape) {
        Ok(()) => external::save_merchant(state, &caller, id, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(m) => shared::redirect_with_toast(
            &format!("{}/merchants/{}", ctx.admin_base(), m.id),
            &Message::new(if id.is_some() {
                "adm-ext-toast-saved"
            } else {
                "adm-ext-toast-created"
            })
            .arg(
                "name",
                match ctx.locale {
                    Locale::Ar => m.name_ar.clone(),
                    Locale::En => m.name_en.clone(),
                },
            )
            .render(ctx.locale),
        ),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::Conflict { .. }),
        ) => {
            let status = e.status();
            let form = Draft {
                errors: form_errors(ctx, &e),
                ..draft
            };
            let editing = id.map(|id| {
                let name = match ctx.locale {
                    Locale::Ar => form.name_ar.clone(),
                    Locale::En => form.name_en.clone(),
                };
                (id.to_string(), name)
            });
            render_form(ctx, &csrf, editing, form, status)
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, None, fields).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, Some(&id), fields).await
}

// ---------------------------------------------------------------- page

pub struct MerchantView {
    id: String,
    name: String,
    name_ar: String,
    name_en: String,
    cr: String,
    vat: String,
    email: String,
    locale: String,
    commission: String,
    lead_time: String,
    reach: String,
    cities: Vec<String>,
    status: String,
    created: String,
}

impl MerchantView {
    fn of(locale: Locale, m: &Merchant) -> MerchantView {
        MerchantView {
            id: m.id.to_string(),
            name: match locale {
                Locale::Ar => m.name_ar.clone(),
                Locale::En => m.name_en.clone(),
            },
            name_ar: m.name_ar.clone(),
            name_en: m.name_en.clone(),
            cr: m.cr_number.clone(),
            vat: m.vat_number.clone(),
            email: m.email.clone(),
            locale: m.locale.clone(),
            commission: percent(locale, i64::from(m.commission_bp)),
            lead_time: lead_time(locale, m.lead_time_days),
            reach: reach(locale, &m.cities),
            cities: m.cities.clone(),
            status: m.status.clone(),
            created: shared::when(locale, m.created_at),
        }
    }
}

/// One import in the merchant's history.
pub struct ImportRow {
    id: String,
    when: String,
    file: String,
    rows: i64,
    failed: i64,
    created: i64,
    updated: i64,
    unchanged: i64,
    deactivated: i64,
    status: String,
}

impl ImportRow {
    fn of(locale: Locale, r: &ImportReport) -> ImportRow {
        ImportRow {
            id: r.id.to_string(),
            when: shared::when(locale, r.created_at),
            file: r.file_name.clone(),
            rows: i64::from(r.rows_total),
            failed: i64::from(r.rows_failed),
            created: i64::from(r.created),
            updated: i64::from(r.updated),
            unchanged: i64::from(r.unchanged),
            deactivated: i64::from(r.deactivated),
            status: r.status.clone(),
        }
    }
}

/// The payout form: its amount in SAR as typed, and its own key.
pub struct PayoutDraft {
    amount: String,
    reference: String,
    key: String,
    errors: Errors,
}

impl PayoutDraft {
    fn fresh() -> PayoutDraft {
        PayoutDraft {
            amount: String::new(),
            reference: String::new(),
            key: Uuid::new_v4().to_string(),
            errors: Errors::none(),
        }
    }
}

/// What a merchant's page shows besides the merchant: the payout form as
/// sent, and why an upload was refused.
#[derive(Default)]
pub struct Shown {
    pub payout: Option<PayoutDraft>,
    pub import_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/merchant.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    m: MerchantView,
    /// Halalas the platform owes the merchant.
    owed: i64,
    /// Shown to holders of `finance.manage` only.
    can_payout: bool,
    payout: PayoutDraft,
    /// Why the last upload was refused (empty when it was not), and the
    /// answer's status.
    import_error: String,
    import_status: u16,
    /// Each CSV column and what it holds.
    columns: Vec<(&'static str, String)>,
    imports: Vec<ImportRow>,
}

/// Loads the merchant and renders its page with `shown`, answering `status`.
pub(super) async fn render_detail(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    shown: Shown,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let m = external::merchant(state, caller, id).await?;
        let imports = external::imports(state, caller, id).await?;
        let owed = external::owed(state, caller, id).await?;
        let can_payout = app::admin::permissions::held(state, caller)
            .await?
            .contains(&Permission::FinanceManage);
        Ok::<_, ApiError>((m, imports, owed, can_payout))
    }
    .await;
    let (m, imports, owed, can_payout) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let locale = ctx.locale;
    let page = DetailPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "merchants",
        m: MerchantView::of(locale, &m),
        owed,
        can_payout,
        payout: shown.payout.unwrap_or_else(PayoutDraft::fresh),
        import_error: shown.import_error.unwrap_or_default(),
        import_status: status.as_u16(),
        columns: COLUMNS
            .iter()
            .map(|col| {
                (
                    *col,
                    t(locale, &format!("adm-ext-col-{}", col.replace('_', "-"))),
                )
            })
            .collect(),
        imports: imports.iter().map(|r| ImportRow::of(locale, r)).collect(),
    };
    (status, page).into_response()
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    render_detail(
        &state,
        &ctx,
        &caller,
        &csrf,
        id,
        Shown::default(),
        StatusCode::OK,
    )
    .await
}

/// The payout's errors: more than owed is the amount field's, in a
/// merchant's words rather than a store's.
fn payout_errors(ctx: &WebCtx, e: &ApiError) -> Errors {
    if let ApiError::Unprocessable { code, .. } = e
        && *code == "PAYOUT_EXCEEDS_BALANCE"
    {
        let more = Message::new("adm-ext-payout-exceeds");
        let mut errors = Errors::none();
        errors.merge(&FieldErrors::single("amount", more.clone()), ctx.locale);
        errors.form = Some(more.render(ctx.locale));
        return errors;
    }
    Errors::from_api(e, ctx.locale)
}

/// Records a bank transfer to the merchant: the amount typed in SAR
/// (exactly, as halalas) and the transfer's reference.
pub async fn payout(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let amount_raw = f.get("amount");
    let reference = f.get("reference");
    let result = async {
        let key = form_key(&f.get("idempotencyKey"))?;
        let mut shape = FieldErrors::new();
        let amount = amount_of(&amount_raw, &mut shape);
        let req = MerchantPayout {
            amount,
            reference: reference.clone(),
        };
        validated(&req, shape)?;
        external::payout(&state, &caller, &key, id, &req).await?;
        Ok::<_, ApiError>(amount)
    }
    .await;
    match result {
        Ok(amount) => shared::redirect_with_toast(
            &format!("{}/merchants/{id}", ctx.admin_base()),
            &Message::new("adm-ext-toast-paid")
                .arg("amount", kernel::money::format(ctx.locale, amount))
                .render(ctx.locale),
        ),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::Conflict { .. }
            | ApiError::BadRequest(_)),
        ) => {
            // A fresh key: the refused attempt stored nothing under the old one.
            let payout = PayoutDraft {
                amount: amount_raw,
                reference,
                errors: payout_errors(&ctx, &e),
                ..PayoutDraft::fresh()
            };
            let shown = Shown {
                payout: Some(payout),
                import_error: None,
            };
            render_detail(&state, &ctx, &caller, &csrf, id, shown, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
