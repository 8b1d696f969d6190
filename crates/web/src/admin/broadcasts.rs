//! Broadcasts (`notifications.manage`): the form that sends a message in
//! both languages to a segment (everyone, a role or a city) on chosen
//! channels, through the notifications service (which queues its batches),
//! the history with each broadcast's progress, and a broadcast's page with
//! its per-recipient deliveries, filtered by status.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::identity::model::User;
use app::notifications::broadcast;
use app::notifications::model::{
    Broadcast, BroadcastInput, BroadcastQuery, Channel, DeliveryQuery, DeliveryStatus, Localized,
    SEGMENT_ROLES, Segment,
};
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::partner::orders::when;
use crate::shared::Pager;
use crate::signin;

const PER_PAGE: u32 = 20;

/// The kinds of segment the form offers.
const SEGMENT_KINDS: [&str; 3] = ["all", "role", "city"];

/// Who a segment is, in the page's language.
fn segment_text(locale: Locale, s: &Segment) -> String {
    let t = |key: &str| kernel::i18n::t(locale, key);
    let mut parts = Vec::new();
    if let Some(role) = &s.role {
        parts.push(format!(
            "{}: {}",
            t("web-broadcasts-segment-role"),
            t(&format!("role-{role}"))
        ));
    }
    if let Some(city) = &s.city {
        parts.push(format!("{}: {city}", t("web-broadcasts-segment-city")));
    }
    if parts.is_empty() {
        t("web-broadcasts-segment-all")
    } else {
        parts.join(" · ")
    }
}

fn channels_text(locale: Locale, channels: &[Channel]) -> String {
    let sep = match locale {
        Locale::Ar => "، ",
        Locale::En => ", ",
    };
    channels
        .iter()
        .map(|c| kernel::i18n::t(locale, &format!("web-broadcasts-channel-{}", c.as_str())))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The admin who sent a broadcast: name and phone, or the phone alone.
async fn senders(
    state: &AppState,
    list: &[Broadcast],
) -> Result<HashMap<Uuid, (String, String)>, ApiError> {
    let mut out = HashMap::new();
    for id in list.iter().filter_map(|b| b.created_by) {
        if out.contains_key(&id) {
            continue;
        }
        if let Some(u) = app::identity::service::user_by_id(&state.db, id).await? {
            let u = User::from(u);
            out.insert(id, (u.name.unwrap_or_default(), u.phone));
        }
    }
    Ok(out)
}

/// A broadcast as the history and its own page show it.
pub struct BroadcastView {
    id: String,
    title: String,
    title_ar: String,
    title_en: String,
    body_ar: String,
    body_en: String,
    created: String,
    by_name: String,
    by_phone: String,
    segment: String,
    channels: String,
    recipients: i64,
    planned: bool,
    batches: i64,
    pending: i64,
    sent: i64,
    failed: i64,
    skipped: i64,
}

impl BroadcastView {
    fn of(b: &Broadcast, locale: Locale, by: &HashMap<Uuid, (String, String)>) -> BroadcastView {
        let (by_name, by_phone) = b
            .created_by
            .and_then(|id| by.get(&id).cloned())
            .unwrap_or_default();
        BroadcastView {
            id: b.id.to_string(),
            title: b.title.get(locale).to_owned(),
            title_ar: b.title.ar.clone(),
            title_en: b.title.en.clone(),
            body_ar: b.body.ar.clone(),
            body_en: b.body.en.clone(),
            created: when(b.created_at),
            by_name,
            by_phone,
            segment: segment_text(locale, &b.segment),
            channels: channels_text(locale, &b.channels),
            recipients: b.recipients,
            planned: b.planned,
            batches: i64::from(b.batches),
            pending: b.deliveries.pending,
            sent: b.deliveries.sent,
            failed: b.deliveries.failed,
            skipped: b.deliveries.skipped,
        }
    }
}

/// The new-broadcast form as sent, shown again next to its errors.
pub struct Draft {
    title_ar: String,
    title_en: String,
    body_ar: String,
    body_en: String,
    /// `all`, `role` or `city`.
    segment: String,
    role: String,
    city: String,
    channels: Vec<String>,
    errors: Errors,
}

impl Draft {
    fn fresh() -> Draft {
        Draft {
            title_ar: String::new(),
            title_en: String::new(),
            body_ar: String::new(),
            body_en: String::new(),
            segment: "role".into(),
            role: "CUSTOMER".into(),
            city: String::new(),
            channels: Vec::new(),
            errors: Errors::none(),
        }
    }

    fn of(f: &Fields) -> Draft {
        Draft {
            title_ar: f.get("title_ar"),
            title_en: f.get("title_en"),
            body_ar: f.get("body_ar"),
            body_en: f.get("body_en"),
            segment: f.get("segment"),
            role: f.get("role"),
            city: f.get("city"),
            channels: f.all("channels"),
            errors: Errors::none(),
        }
    }

    /// What the service is asked: only the chosen kind of segment.
    fn input(&self) -> BroadcastInput {
        let segment = match self.segment.as_str() {
            "all" => Segment {
                all: Some(true),
                ..Segment::default()
            },
            "role" => Segment {
                role: Some(self.role.clone()),
                ..Segment::default()
            },
            "city" => Segment {
                city: Some(self.city.clone()),
                ..Segment::default()
            },
            _ => Segment::default(),
        };
        BroadcastInput {
            title: Localized {
                ar: self.title_ar.clone(),
                en: self.title_en.clone(),
            },
            body: Localized {
                ar: self.body_ar.clone(),
                en: self.body_en.clone(),
            },
            segment,
            channels: self.channels.clone(),
        }
    }

    fn has_channel(&self, c: &str) -> bool {
        self.channels.iter().any(|x| x == c)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/broadcasts.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    form: Draft,
    segment_kinds: [&'static str; 3],
    roles: [&'static str; 3],
    channels: Vec<&'static str>,
    total: i64,
    rows: Vec<BroadcastView>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<u32>,
}

async fn render_list(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    page: Option<u32>,
    form: Draft,
    status: StatusCode,
) -> Response {
    let q = BroadcastQuery {
        page: Some(page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let loaded = async {
        let (list, meta) = broadcast::list(state, caller, &q).await?;
        let by = senders(state, &list).await?;
        Ok::<_, ApiError>((list, meta, by))
    }
    .await;
    let (list, meta, by) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.admin_base();
    let pager = Pager::new(ctx, &meta, |p| format!("{base}/broadcasts?page={p}"));
    let page = ListPage {
        c: chrome(ctx, csrf),
        base,
        section: "broadcasts",
        form,
        segment_kinds: SEGMENT_KINDS,
        roles: SEGMENT_ROLES,
        channels: Channel::ALL.iter().map(|c| c.as_str()).collect(),
        total: meta.total,
        rows: list
            .iter()
            .map(|b| BroadcastView::of(b, ctx.locale, &by))
            .collect(),
        pager,
    };
    (status, page).into_response()
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<ListQuery>,
) -> Response {
    render_list(
        &state,
        &ctx,
        &caller,
        &csrf,
        q.page,
        Draft::fresh(),
        StatusCode::OK,
    )
    .await
}

/// Creates the broadcast and opens its page; a refused form comes back
/// with its errors next to its fields.
pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::of(&f);
    match broadcast::create(&state, &caller, &draft.input()).await {
        Ok(b) => Redirect::to(&format!(
            "{}/broadcasts/{}?done=created",
            ctx.admin_base(),
            b.id
        ))
        .into_response(),
        Err(e @ (ApiError::Validation(_) | ApiError::BadRequest(_))) => {
            let status = e.status();
            let form = Draft {
                errors: Errors::from_api(&e, ctx.locale),
                ..draft
            };
            render_list(&state, &ctx, &caller, &csrf, None, form, status).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub struct DeliveryView {
    name: String,
    phone: String,
    channel: String,
    status: String,
    error: String,
    updated: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/broadcast.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    b: BroadcastView,
    done: bool,
    /// The status filter: every status, with whether it is chosen.
    statuses: Vec<(&'static str, bool)>,
    all_selected: bool,
    total: i64,
    rows: Vec<DeliveryView>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    status: String,
    page: Option<u32>,
    #[serde(default)]
    done: String,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let status = DeliveryStatus::parse(&q.status);
    let dq = DeliveryQuery {
        status: status.map(|s| s.as_str().to_owned()),
        channel: None,
        page: Some(q.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let loaded = async {
        let b = broadcast::get(&state, &caller, id).await?;
        let (rows, meta) = broadcast::deliveries(&state, &caller, id, &dq).await?;
        let by = senders(&state, std::slice::from_ref(&b)).await?;
        Ok::<_, ApiError>((b, rows, meta, by))
    }
    .await;
    let (b, rows, meta, by) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let status_param = status.map_or("", DeliveryStatus::as_str);
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/broadcasts/{id}?status={status_param}&page={p}")
    });
    let locale = ctx.locale;
    DetailPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "broadcasts",
        b: BroadcastView::of(&b, locale, &by),
        done: q.done == "created",
        statuses: DeliveryStatus::ALL
            .iter()
            .map(|s| (s.as_str(), Some(*s) == status))
            .collect(),
        all_selected: status.is_none(),
        total: meta.total,
        rows: rows
            .into_iter()
            .map(|d| DeliveryView {
                name: d.user_name.unwrap_or_default(),
                phone: d.user_phone,
                channel: d.channel,
                status: d.status,
                error: d.error.unwrap_or_default(),
                updated: when(d.updated_at),
            })
            .collect(),
        pager,
    }
    .into_response()
}
