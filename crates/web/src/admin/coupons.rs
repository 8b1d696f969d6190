//! Coupons (`coupons.manage`): the index with search and active tabs, the
//! create and edit form with every field the coupon service takes (errors
//! next to their fields), a coupon's page with its facts and its usage
//! history, and delete behind a confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::coupons::model::{
    Coupon, CouponInput, CouponKind, CouponQuery, CouponScope, NewCoupon, UsageQuery,
};
use app::coupons::service as coupons;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::common::{self, local_input, percent, percent_input, sar_input, store_names};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::dashboard::sar_grouped;
use crate::forms::{Errors, Fields, parse_int, parse_sar, validated};
use crate::shared::{self, CategoryOption, Pager, flat_categories};
use crate::signin;

const PER_PAGE: u32 = 20;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    /// `active`, `inactive` or empty for every coupon.
    #[serde(default)]
    state: String,
    page: Option<u32>,
}

impl Filter {
    fn active(&self) -> Option<bool> {
        match self.state.as_str() {
            "active" => Some(true),
            "inactive" => Some(false),
            _ => None,
        }
    }

    fn link(&self, base: &str, page: Option<u32>, state: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{base}/coupons{}",
            common::query(&[
                ("q", &self.q),
                ("state", state.unwrap_or(&self.state)),
                ("page", &page),
            ])
        )
    }
}

/// Where a coupon stands now: `active`, `inactive`, `scheduled`, `expired`
/// or `exhausted`, and the badge's class.
fn standing(c: &Coupon, now: OffsetDateTime) -> (&'static str, &'static str) {
    if !c.active {
        ("inactive", "plain")
    } else if c.starts_at.is_some_and(|s| now < s) {
        ("scheduled", "scheduled")
    } else if c.ends_at.is_some_and(|e| now >= e) {
        ("expired", "bad")
    } else if c.usage_limit.is_some_and(|l| c.used_count >= l) {
        ("exhausted", "warn")
    } else {
        ("active", "active")
    }
}

/// A coupon as the index and its page show it.
pub struct View {
    id: String,
    code: String,
    kind: &'static str,
    discount: String,
    cap: String,
    min_order: String,
    uses: String,
    per_user: String,
    starts: String,
    ends: String,
    scope: &'static str,
    state: &'static str,
    badge: &'static str,
    created: String,
}

fn view(c: &Chrome, k: &Coupon, now: OffsetDateTime) -> View {
    let (state, badge) = standing(k, now);
    let used = i64::from(k.used_count);
    View {
        id: k.id.to_string(),
        code: k.code.clone(),
        kind: k.kind.as_str(),
        discount: match k.kind {
            CouponKind::Percent => percent(c.locale, k.value),
            CouponKind::Fixed => sar_grouped(c, k.value),
        },
        cap: k
            .max_discount
            .map(|m| sar_grouped(c, m))
            .unwrap_or_default(),
        min_order: if k.min_order > 0 {
            sar_grouped(c, k.min_order)
        } else {
            String::new()
        },
        uses: match k.usage_limit {
            Some(l) => format!("{} / {}", c.num(&used), c.num(&i64::from(l))),
            None => c.num(&used),
        },
        per_user: k
            .per_user_limit
            .map(|l| c.num(&i64::from(l)))
            .unwrap_or_default(),
        starts: k
            .starts_at
            .map(|t| shared::when(c.locale, t))
            .unwrap_or_default(),
        ends: k
            .ends_at
            .map(|t| shared::when(c.locale, t))
            .unwrap_or_default(),
        scope: k.scope.as_str(),
        state,
        badge,
        created: shared::when(c.locale, k.created_at),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/coupons.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    q: String,
    tabs: Vec<(String, String, bool)>,
    filtered: bool,
    total: String,
    rows: Vec<View>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let q = CouponQuery {
        q: Some(f.q.trim().to_owned()).filter(|q| !q.is_empty()),
        active: f.active(),
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (list, meta) = match coupons::list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let now = OffsetDateTime::now_utc();
    let current = match f.active() {
        Some(true) => "active",
        Some(false) => "inactive",
        None => "",
    };
    let tabs = [
        ("", c.t("web-admin-all")),
        ("active", c.t("adm-coupon-state-active")),
        ("inactive", c.t("adm-coupon-state-inactive")),
    ]
    .into_iter()
    .map(|(s, label)| (f.link(base, None, Some(s)), label, s == current))
    .collect();
    ListPage {
        base,
        section: "coupons",
        q: f.q.clone(),
        tabs,
        filtered: !f.q.is_empty(),
        total: c.t_count("adm-coupons-count", &meta.total),
        rows: list.iter().map(|k| view(&c, k, now)).collect(),
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None)),
        c,
    }
    .into_response()
}

// ---------------------------------------------------------------- form

/// The form as typed (or as the coupon is), shown again next to its errors.
pub struct Draft {
    code: String,
    kind: String,
    value: String,
    min_order: String,
    max_discount: String,
    starts_at: String,
    ends_at: String,
    scope: String,
    store_ids: Vec<String>,
    category_ids: Vec<String>,
    usage_limit: String,
    per_user_limit: String,
    active: bool,
    errors: Errors,
}

impl Draft {
    fn fresh() -> Draft {
        Draft {
            code: String::new(),
            kind: "percent".into(),
            value: String::new(),
            min_order: String::new(),
            max_discount: String::new(),
            starts_at: String::new(),
            ends_at: String::new(),
            scope: "all".into(),
            store_ids: Vec::new(),
            category_ids: Vec::new(),
            usage_limit: String::new(),
            per_user_limit: String::new(),
            active: true,
            errors: Errors::none(),
        }
    }

    fn of_coupon(k: &Coupon) -> Draft {
        let ids: Vec<String> = k.scope_ids.iter().map(Uuid::to_string).collect();
        Draft {
            code: k.code.clone(),
            kind: k.kind.as_str().into(),
            value: match k.kind {
                CouponKind::Percent => percent_input(k.value),
                CouponKind::Fixed => sar_input(Some(k.value)),
            },
            min_order: if k.min_order > 0 {
                sar_input(Some(k.min_order))
            } else {
                String::new()
            },
            max_discount: sar_input(k.max_discount),
            starts_at: local_input(k.starts_at),
            ends_at: local_input(k.ends_at),
            scope: k.scope.as_str().into(),
            store_ids: if k.scope == CouponScope::Stores {
                ids.clone()
            } else {
                Vec::new()
            },
            category_ids: if k.scope == CouponScope::Categories {
                ids
            } else {
                Vec::new()
            },
            usage_limit: k.usage_limit.map(|l| l.to_string()).unwrap_or_default(),
            per_user_limit: k.per_user_limit.map(|l| l.to_string()).unwrap_or_default(),
            active: k.active,
            errors: Errors::none(),
        }
    }

    fn of(f: &Fields) -> Draft {
        Draft {
            code: f.get("code"),
            kind: f.get("kind"),
            value: f.get("value"),
            min_order: f.get("min_order"),
            max_discount: f.get("max_discount"),
            starts_at: f.get("starts_at"),
            ends_at: f.get("ends_at"),
            scope: f.get("scope"),
            store_ids: f.all("store_ids"),
            category_ids: f.all("category_ids"),
            usage_limit: f.get("usage_limit"),
            per_user_limit: f.get("per_user_limit"),
            active: f.get("active") == "on",
            errors: Errors::none(),
        }
    }

    /// What the service is asked, every field present (an empty optional
    /// field clears it), and the fields that could not be read.
    fn input(&self) -> (CouponInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let percent = self.kind == "percent";
        let value = if self.value.is_empty() {
            e.add("value", Message::new("validation-required"));
            None
        } else if percent {
            match common::parse_percent(&self.value) {
                Some(bp) if (1..=10_000).contains(&bp) => Some(bp),
                _ => {
                    e.add("value", Message::new("adm-percent-invalid"));
                    None
                }
            }
        } else {
            match parse_sar(&self.value) {
                Some(h) if h > 0 => Some(h),
                _ => {
                    e.add("value", Message::new("web-price-invalid"));
                    None
                }
            }
        };
        let mut money = |field: &str, raw: &str| -> Option<Option<i64>> {
            if raw.is_empty() {
                return Some(None);
            }
            match parse_sar(raw) {
                Some(h) => Some(Some(h)),
                None => {
                    e.add(field, Message::new("web-price-invalid"));
                    None
                }
            }
        };
        let min_order = money("minOrder", &self.min_order).map(|v| v.unwrap_or(0));
        let max_discount = money("maxDiscount", &self.max_discount);
        let mut count = |field: &str, raw: &str| -> Option<Option<i64>> {
            if raw.is_empty() {
                return Some(None);
            }
            match parse_int::<i64>(raw) {
                Some(n) => Some(Some(n)),
                None => {
                    e.add(field, Message::new("web-number-invalid"));
                    None
                }
            }
        };
        let usage_limit = count("usageLimit", &self.usage_limit);
        let per_user_limit = count("perUserLimit", &self.per_user_limit);
        let mut date = |field: &str, raw: &str| -> Option<Option<String>> {
            match common::local_rfc3339(raw) {
                Ok(v) => Some(v),
                Err(()) => {
                    e.add(field, Message::new("adm-date-invalid"));
                    None
                }
            }
        };
        let starts_at = date("startsAt", &self.starts_at);
        let ends_at = date("endsAt", &self.ends_at);
        let none = Vec::new();
        let ids = match self.scope.as_str() {
            "stores" => &self.store_ids,
            "categories" => &self.category_ids,
            _ => &none,
        };
        let scope_ids = ids.iter().filter_map(|s| Uuid::parse_str(s).ok()).collect();
        let input = CouponInput {
            code: Some(self.code.clone()),
            kind: Some(self.kind.clone()),
            value,
            min_order,
            max_discount,
            starts_at,
            ends_at,
            scope: Some(self.scope.clone()),
            scope_ids: Some(scope_ids),
            usage_limit,
            per_user_limit,
            active: Some(self.active),
        };
        (input, e)
    }

    fn has_store(&self, id: &str) -> bool {
        self.store_ids.iter().any(|s| s == id)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/coupon_form.html")]
struct FormPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The coupon being edited (its id and code), none for a new one.
    editing: Option<(String, String)>,
    form: Draft,
    kinds: [&'static str; 2],
    scopes: [&'static str; 3],
    stores: Vec<(String, String, bool)>,
    categories: Vec<CategoryOption>,
}

async fn render_form(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    editing: Option<(String, String)>,
    form: Draft,
    status: StatusCode,
) -> Response {
    let c = chrome(ctx, csrf);
    let stores = store_names(state, caller)
        .await
        .into_iter()
        .map(|s| {
            let id = s.id.to_string();
            let on = form.has_store(&id);
            (
                id,
                format!("{} · {}", c.pick(&s.name_ar, &s.name_en), s.city),
                on,
            )
        })
        .collect();
    let tree = app::taxonomy::service::category_tree(state)
        .await
        .unwrap_or_default();
    let mut categories = flat_categories(&tree, None);
    for cat in &mut categories {
        cat.selected = form.category_ids.contains(&cat.id);
    }
    let page = FormPage {
        c,
        base: ctx.admin_base(),
        section: "coupons",
        editing,
        form,
        kinds: ["percent", "fixed"],
        scopes: ["all", "stores", "categories"],
        stores,
        categories,
    };
    (status, page).into_response()
}

pub async fn new_form(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    // The service decides who may manage coupons: a list of one asks it.
    let q = CouponQuery {
        q: None,
        active: None,
        page: Some(1),
        per_page: Some(1),
        sort: None,
    };
    if let Err(e) = coupons::list(&state, &caller, &q).await {
        return error_page(&ctx, e);
    }
    render_form(
        &state,
        &ctx,
        &caller,
        &csrf,
        None,
        Draft::fresh(),
        StatusCode::OK,
    )
    .await
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
    match coupons::get(&state, &caller, id).await {
        Ok(k) => {
            render_form(
                &state,
                &ctx,
                &caller,
                &csrf,
                Some((k.id.to_string(), k.code.clone())),
                Draft::of_coupon(&k),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The form's errors: a taken code is the code field's.
fn form_errors(ctx: &WebCtx, e: &ApiError) -> Errors {
    let mut errors = Errors::from_api(e, ctx.locale);
    if let ApiError::Conflict { code, message } = e
        && *code == "COUPON_CODE_TAKEN"
    {
        errors.merge(&FieldErrors::single("code", message.clone()), ctx.locale);
    }
    errors
}

/// Creates (`id` none) or changes a coupon, then opens its page with a
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
    let result = match id {
        None => {
            let body = NewCoupon(input);
            match validated(&body, shape) {
                Ok(()) => coupons::create(state, &caller, &body).await,
                Err(e) => Err(e),
            }
        }
        Some(id) => match validated(&input, shape) {
            Ok(()) => coupons::update(state, &caller, id, &input).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(k) => shared::redirect_with_toast(
            &format!("{}/coupons/{}", ctx.admin_base(), k.id),
            &Message::new(if id.is_some() {
                "adm-toast-coupon-saved"
            } else {
                "adm-toast-coupon-created"
            })
            .arg("code", k.code.clone())
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
            let editing = id.map(|id| (id.to_string(), form.code.clone()));
            render_form(state, ctx, &caller, &csrf, editing, form, status).await
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

pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match coupons::delete(&state, &caller, id).await {
        Ok(()) => shared::redirect_with_toast(
            &format!("{}/coupons", ctx.admin_base()),
            &kernel::i18n::t(ctx.locale, "adm-toast-coupon-deleted"),
        ),
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- page

pub struct UsageRow {
    when: String,
    name: String,
    phone: String,
    discount: String,
    released: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/coupon.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    k: View,
    scope_names: Vec<String>,
    total_uses: String,
    usages: Vec<UsageRow>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<u32>,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
    Query(pq): Query<PageQuery>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let uq = UsageQuery {
        page: Some(pq.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let loaded = async {
        let k = coupons::get(&state, &caller, id).await?;
        let (usages, meta) = coupons::usages(&state, &caller, id, &uq).await?;
        Ok::<_, ApiError>((k, usages, meta))
    }
    .await;
    let (k, usages, meta) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    // The scope's stores or categories by name (ids the lists lack stay out).
    let scope_names = match k.scope {
        CouponScope::All => Vec::new(),
        CouponScope::Stores => store_names(&state, &caller)
            .await
            .into_iter()
            .filter(|s| k.scope_ids.contains(&s.id))
            .map(|s| c.pick(&s.name_ar, &s.name_en).to_owned())
            .collect(),
        CouponScope::Categories => {
            let tree = app::taxonomy::service::category_tree(&state)
                .await
                .unwrap_or_default();
            flat_categories(&tree, None)
                .into_iter()
                .filter(|cat| k.scope_ids.iter().any(|id| id.to_string() == cat.id))
                .map(|cat| c.pick(&cat.name_ar, &cat.name_en).to_owned())
                .collect()
        }
    };
    DetailPage {
        base,
        section: "coupons",
        k: view(&c, &k, OffsetDateTime::now_utc()),
        scope_names,
        total_uses: c.t_count("adm-usages-count", &meta.total),
        usages: usages
            .iter()
            .map(|u| UsageRow {
                when: shared::when(ctx.locale, u.created_at),
                name: u.user_name.clone().unwrap_or_default(),
                phone: shared::phone(&u.user_phone),
                discount: sar_grouped(&c, u.discount),
                released: u
                    .released_at
                    .map(|t| shared::when(ctx.locale, t))
                    .unwrap_or_default(),
            })
            .collect(),
        pager: Pager::new(&ctx, &meta, |p| format!("{base}/coupons/{id}?page={p}")),
        c,
    }
    .into_response()
}
