//! The audit log: every admin mutation, newest first, filtered by entity,
//! action and entity id; each row opens what changed (the fields whose
//! value differs before and after).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::AppState;
use app::audit::model::{AuditEntry, AuditQuery};
use kernel::Locale;
use kernel::i18n::{t, try_t};

use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::urlencode;
use crate::shared::Pager;
use crate::signin;

/// The entities the platform audits, for the filter.
const ENTITIES: &[&str] = &[
    "user",
    "admin",
    "company",
    "store",
    "store_employee",
    "store_type",
    "product",
    "order",
    "coupon",
    "cashback",
    "review",
    "broadcast",
    "notification_template",
    "job",
    "service",
    "wallet",
    "car_make",
    "car_model",
    "category",
];

#[derive(Deserialize, Default)]
pub struct AuditFilter {
    #[serde(default)]
    entity: String,
    #[serde(default)]
    id: String,
    /// One actor's actions (from a user's activity card).
    #[serde(default)]
    actor: String,
    page: Option<u32>,
}

pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

pub struct Row {
    pub id: String,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub ip: String,
    pub request_id: String,
    pub changes: Vec<Change>,
    pub n_changes: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    c: Chrome,
    section: &'static str,
    base: &'static str,
    entities: Vec<(&'static str, String, bool)>,
    id: String,
    filtered: bool,
    rows: Vec<Row>,
    total: String,
    pager: Pager,
}

/// `company.approve` → "Company approved"; an action with no text of its
/// own reads as its entity and verb.
pub fn action_label(locale: Locale, action: &str) -> String {
    let key = format!("audit-action-{}", action.replace(['.', '_'], "-"));
    try_t(locale, &key).unwrap_or_else(|| {
        let (entity, verb) = action.split_once('.').unwrap_or((action, ""));
        format!(
            "{} · {}",
            entity_label(locale, entity),
            verb.replace(['_', '.'], " ")
        )
    })
}

fn entity_label(locale: Locale, entity: &str) -> String {
    try_t(
        locale,
        &format!("audit-entity-{}", entity.replace('_', "-")),
    )
    .unwrap_or_else(|| entity.replace('_', " "))
}

fn show(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The fields whose value differs between before and after.
fn changes(e: &AuditEntry) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let before = e
        .before
        .as_ref()
        .and_then(|v| v.as_object())
        .unwrap_or(&empty);
    let after = e
        .after
        .as_ref()
        .and_then(|v| v.as_object())
        .unwrap_or(&empty);
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| {
            before.get(*k) != after.get(*k) && !["updatedAt", "updated_at"].contains(&k.as_str())
        })
        .map(|k| Change {
            field: k.clone(),
            before: show(before.get(k)),
            after: show(after.get(k)),
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<AuditFilter>,
) -> Response {
    let entity = ENTITIES
        .iter()
        .find(|e| **e == f.entity)
        .map(|e| e.to_string());
    let query = AuditQuery {
        actor_id: kernel::ids::parse_id(f.actor.trim()).ok(),
        entity_type: entity.clone(),
        entity_id: Some(f.id.trim().to_owned()).filter(|s| !s.is_empty()),
        action: None,
        page: f.page,
        per_page: Some(25),
        sort: None,
    };
    let (entries, meta) = match app::audit::service::list(&state, &caller, &query).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let l = ctx.locale;
    let link = |page: u32| {
        let mut url = format!("{base}/audit?page={page}");
        if let Some(e) = &entity {
            url.push_str(&format!("&entity={e}"));
        }
        if !f.id.is_empty() {
            url.push_str(&format!("&id={}", urlencode(&f.id)));
        }
        url
    };
    let c = chrome(&ctx, &csrf);
    let rows = entries
        .iter()
        .map(|e| (e, changes(e)))
        .map(|(e, changes)| Row {
            id: e.id.to_string(),
            when: crate::shared::when(l, e.created_at),
            actor: e
                .actor_role
                .as_deref()
                .map(|r| t(l, &format!("role-{r}")))
                .unwrap_or_else(|| t(l, "audit-system")),
            action: action_label(l, &e.action),
            entity: entity_label(l, &e.entity_type),
            entity_id: e.entity_id.clone().unwrap_or_default(),
            ip: e.ip.clone().unwrap_or_default(),
            request_id: e.request_id.clone().unwrap_or_default(),
            n_changes: changes.len() as i64,
            changes,
        })
        .collect();
    AuditPage {
        total: c.num(&meta.total),
        c,
        section: "audit",
        base,
        entities: ENTITIES
            .iter()
            .map(|e| (*e, entity_label(l, e), entity.as_deref() == Some(*e)))
            .collect(),
        id: f.id.clone(),
        filtered: entity.is_some() || !f.id.is_empty(),
        rows,
        pager: Pager::new(&ctx, &meta, link),
    }
    .into_response()
}
