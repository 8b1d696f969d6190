//! Notifications: [`notify`] (in the caller's transaction), devices, the
//! in-app inbox, opt-ins, and the templates admins edit
//! (`notifications.manage`, audited).

use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Locale, Meta};

use super::model::{
    Category, Channel, Device, DeviceInput, InboxItem, InboxQuery, MarkedRead, Platform,
    Preferences, PreferencesInput, Template, TemplateInput, TemplateQuery, UnreadCount, WebPushKey,
    event_spec, locale_from_db,
};
use super::render;
use super::repo;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::jobs::{self, Kind};
use crate::{AppState, audit};

// ---------------------------------------------------------------- notify

/// Notifies `user` of `event` (a category of `orders`, `chat` or
/// `marketing`), inside the caller's transaction so that nothing is sent for
/// a change that rolls back: writes the in-app inbox row (rendered in both
/// languages) and enqueues one `notify.deliver` job per external channel
/// (push, SMS, email) that the event has an enabled template for and the user
/// is opted in to. The job renders in the user's language when it runs.
///
/// `vars` is an object of the event's variables (text, numbers, or
/// `{"ar": ..., "en": ...}`); they also reach the apps as push data and the
/// inbox row's `data`. An unknown or deleted user is nobody to notify.
pub async fn notify(
    conn: &mut PgConnection,
    user: Uuid,
    event: &str,
    category: &str,
    vars: Value,
) -> ApiResult<()> {
    let Some(category) = Category::parse(category) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "unknown notification category {category:?}"
        )));
    };
    let channels = repo::event_channels(&mut *conn, event).await?;
    if channels.is_empty() {
        tracing::debug!(event, "no enabled template: nothing to notify");
        return Ok(());
    }
    let Some(recipient) = repo::recipient(&mut *conn, user).await?.filter(|r| r.live) else {
        return Ok(());
    };
    let prefs = preferences_of(&mut *conn, user).await?;
    let on = prefs.of(category);
    if channels.contains(&Channel::InApp) && on.in_app {
        let (title, body) =
            inbox_texts(&mut *conn, event, &vars, recipient.name.as_deref()).await?;
        repo::insert_notifications(
            &mut *conn,
            &[user],
            event,
            category,
            &title,
            &body,
            &vars,
            None,
        )
        .await?;
    }
    for channel in Channel::EXTERNAL {
        if channels.contains(&channel) && on.get(channel) {
            let payload = json!({
                "userId": user,
                "event": event,
                "category": category.as_str(),
                "channel": channel.as_str(),
                "vars": vars,
            });
            jobs::enqueue(&mut *conn, Kind::NotifyDeliver.as_str(), &payload).await?;
        }
    }
    Ok(())
}

/// The in-app title and body in both languages, `{"ar": ..., "en": ...}`.
pub(crate) async fn inbox_texts(
    conn: &mut PgConnection,
    event: &str,
    vars: &Value,
    name: Option<&str>,
) -> ApiResult<(Value, Value)> {
    let mut title = serde_json::Map::new();
    let mut body = serde_json::Map::new();
    for locale in [Locale::Ar, Locale::En] {
        let (t, b) = match repo::template_for(&mut *conn, event, Channel::InApp, locale.code())
            .await?
        {
            Some(tpl) => {
                let r = render::render(&tpl, &render::vars_for(event, vars, locale, name), locale);
                (r.title, r.body)
            }
            None => (String::new(), String::new()),
        };
        title.insert(locale.code().into(), Value::String(t));
        body.insert(locale.code().into(), Value::String(b));
    }
    Ok((Value::Object(title), Value::Object(body)))
}

// ---------------------------------------------------------------- preferences

async fn preferences_of(conn: &mut PgConnection, user: Uuid) -> ApiResult<Preferences> {
    let mut p = Preferences::defaults();
    for (category, channel, enabled) in repo::preferences(&mut *conn, user).await? {
        if let (Some(cat), Some(ch)) = (Category::parse(&category), Channel::parse(&channel)) {
            p.of_mut(cat).set(ch, enabled);
        }
    }
    Ok(p)
}

pub async fn preferences(state: &AppState, caller: &Caller) -> ApiResult<Preferences> {
    let mut conn = state.db.acquire().await?;
    preferences_of(&mut conn, caller.user_id).await
}

/// Changes the choices present in the body; answers all of them.
pub async fn set_preferences(
    state: &AppState,
    caller: &Caller,
    req: &PreferencesInput,
) -> ApiResult<Preferences> {
    let mut tx = state.db.begin().await?;
    for (category, channel, on) in req.choices() {
        repo::set_preference(&mut tx, caller.user_id, category, channel, on).await?;
    }
    let p = preferences_of(&mut tx, caller.user_id).await?;
    tx.commit().await?;
    Ok(p)
}

// ---------------------------------------------------------------- devices

/// Registers (or takes over) a device token for the caller.
pub async fn register_device(
    state: &AppState,
    caller: &Caller,
    req: &DeviceInput,
) -> ApiResult<Device> {
    let device = req.resolve()?;
    if device.platform == Platform::Web
        && let Some(sub) = super::model::Subscription::parse(&device.token)
    {
        check_endpoint(state, &sub.endpoint).await?;
    }
    let locale = device.locale.unwrap_or(caller.client.locale);
    let mut conn = state.db.acquire().await?;
    let row = repo::upsert_device(&mut conn, caller.user_id, &device, locale.code()).await?;
    Ok(row.into())
}

/// The server will post to a subscription's endpoint on the user's behalf: it must be https to
/// an allowed push service whose name resolves to public addresses only, whatever the mode (the
/// sender checks again when it connects). 422 on `token`; 503 when the name does not resolve
/// now (it may later).
async fn check_endpoint(state: &AppState, endpoint: &str) -> ApiResult<()> {
    use providers::outbound::Refusal;
    match state
        .config
        .notifications
        .webpush_endpoints
        .check(endpoint)
        .await
    {
        Ok(_) => Ok(()),
        Err(Refusal::Unresolved(host, e)) => {
            tracing::warn!(%host, error = %e, "a push endpoint's host did not resolve");
            Err(ApiError::Unavailable)
        }
        Err(why) => {
            tracing::info!(reason = %why, "refused a web push endpoint");
            Err(ApiError::field(
                "token",
                kernel::Message::new("notifications-validation-web-endpoint"),
            ))
        }
    }
}

/// Forgets one of the caller's device tokens (sign-out on that device).
pub async fn remove_device(state: &AppState, caller: &Caller, token: &str) -> ApiResult<()> {
    let token = super::model::canonical_token(token);
    if repo::delete_device(&state.db, caller.user_id, &token).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The VAPID public key the PWAs subscribe with; 404 without web push.
pub fn webpush_key(state: &AppState) -> ApiResult<WebPushKey> {
    match (&state.webpush, &state.config.notifications.vapid_public_key) {
        (Some(_), Some(key)) => Ok(WebPushKey {
            public_key: key.clone(),
        }),
        _ => Err(ApiError::NotFound),
    }
}

// ---------------------------------------------------------------- inbox

pub async fn inbox(
    state: &AppState,
    caller: &Caller,
    q: &InboxQuery,
) -> ApiResult<(Vec<InboxItem>, Meta)> {
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (rows, total) =
        repo::inbox(&state.db, caller.user_id, q.unread.unwrap_or(false), page).await?;
    let unread = repo::unread_count(&state.db, caller.user_id).await?;
    Ok((
        rows.into_iter()
            .map(|r| r.into_item(caller.client.locale))
            .collect(),
        Meta::new(page.page, page.per_page, total).with("unread", unread),
    ))
}

pub async fn unread_count(state: &AppState, caller: &Caller) -> ApiResult<UnreadCount> {
    Ok(UnreadCount {
        count: repo::unread_count(&state.db, caller.user_id).await?,
    })
}

/// Marks one of the caller's notifications read; 404 for anyone else's.
pub async fn mark_read(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<InboxItem> {
    let row = repo::mark_read(&state.db, caller.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(row.into_item(caller.client.locale))
}

pub async fn mark_all_read(state: &AppState, caller: &Caller) -> ApiResult<MarkedRead> {
    let n = repo::mark_all_read(&state.db, caller.user_id).await?;
    Ok(MarkedRead {
        marked: i64::try_from(n).unwrap_or(i64::MAX),
    })
}

// ---------------------------------------------------------------- templates

pub async fn templates(
    state: &AppState,
    caller: &Caller,
    q: &TemplateQuery,
) -> ApiResult<Vec<Template>> {
    require(state, caller, Permission::NotificationsManage).await?;
    let (channel, locale) = q.resolve()?;
    let event = q.event.as_deref().map(str::trim).filter(|e| !e.is_empty());
    let rows = repo::templates(&state.db, event, channel, locale.map(Locale::code)).await?;
    Ok(rows.into_iter().map(Template::from).collect())
}

/// Writes the template of a known event, channel and language (creating it
/// if the event had none there); audited.
pub async fn put_template(
    state: &AppState,
    caller: &Caller,
    (event, channel, locale): (&str, &str, &str),
    req: &TemplateInput,
) -> ApiResult<Template> {
    require(state, caller, Permission::NotificationsManage).await?;
    let spec = event_spec(event).ok_or(ApiError::NotFound)?;
    let channel = Channel::parse(channel).ok_or(ApiError::NotFound)?;
    let locale = match locale {
        "ar" | "en" => locale_from_db(locale),
        _ => return Err(ApiError::NotFound),
    };
    req.check(Some(channel), Some(spec.vars))?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_template(&mut tx, spec.name, channel, locale.code())
        .await?
        .map(Template::from);
    let after = Template::from(
        repo::upsert_template(
            &mut tx,
            spec.name,
            channel,
            locale.code(),
            req,
            caller.user_id,
        )
        .await?,
    );
    audit::record(
        &mut *tx,
        caller,
        "notification_template.update",
        "notification_template",
        format!("{}/{}/{}", spec.name, channel.as_str(), locale.code()),
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// One template as its edit page shows it: the event, channel and language
/// it is for, what is stored there (`None`: not written yet), and the same
/// event and channel in the other language.
#[derive(Debug, Clone)]
pub struct TemplateEditing {
    pub spec: &'static super::model::EventSpec,
    pub channel: Channel,
    pub locale: Locale,
    pub current: Option<Template>,
    pub other: Option<Template>,
}

/// The event, channel and language of a template's address; 404 for any
/// other.
fn template_key(
    (event, channel, locale): (&str, &str, &str),
) -> ApiResult<(&'static super::model::EventSpec, Channel, Locale)> {
    let spec = event_spec(event).ok_or(ApiError::NotFound)?;
    let channel = Channel::parse(channel).ok_or(ApiError::NotFound)?;
    match locale {
        "ar" | "en" => Ok((spec, channel, locale_from_db(locale))),
        _ => Err(ApiError::NotFound),
    }
}

/// A known event's template on one channel in one language, with its
/// sibling in the other language (`notifications.manage`).
pub async fn template_for_editing(
    state: &AppState,
    caller: &Caller,
    key: (&str, &str, &str),
) -> ApiResult<TemplateEditing> {
    require(state, caller, Permission::NotificationsManage).await?;
    let (spec, channel, locale) = template_key(key)?;
    let rows = repo::templates(&state.db, Some(spec.name), Some(channel), None).await?;
    let mut current = None;
    let mut other = None;
    for t in rows.into_iter().map(Template::from) {
        if t.locale == locale {
            current = Some(t);
        } else {
            other = Some(t);
        }
    }
    Ok(TemplateEditing {
        spec,
        channel,
        locale,
        current,
        other,
    })
}

/// What a template says once filled with sample values, in both
/// languages: the draft (or, without one, what is stored) in its own
/// language, the stored template (if any) in the other; `problems` are the
/// draft's refusals by [`put_template`]'s checks.
#[derive(Debug, Clone)]
pub struct TemplatePreview {
    pub editing: TemplateEditing,
    pub ar: Option<render::Rendered>,
    pub en: Option<render::Rendered>,
    pub problems: FieldErrors,
}

/// Sample values of an event's variables, in both languages where they differ.
pub fn sample_vars(event: &str) -> Value {
    let name = json!({"ar": "محمد", "en": "Mohammed"});
    match event {
        "order.status" => json!({
            "orderNumber": "Q100123",
            "status": "shipped",
            "name": name,
        }),
        "order.new" => json!({
            "orderNumber": "Q100123",
            "storeName": {"ar": "قطع الرياض", "en": "Riyadh Parts"},
            "amount": "245.00",
            "name": name,
        }),
        "request.new" => json!({
            "requestNumber": "R1024",
            "storeName": {"ar": "قطع الرياض", "en": "Riyadh Parts"},
            "part": {"ar": "الإضاءة", "en": "Lights"},
            "car": {"ar": "هيونداي سوناتا 2016", "en": "Hyundai Sonata 2016"},
            "distance": "4.2",
            "name": name,
        }),
        "request.offer" | "request.won" | "request.lost" | "request.expired" => json!({
            "requestNumber": "R1024",
            "storeName": {"ar": "قطع الرياض", "en": "Riyadh Parts"},
            "amount": "345.00",
            "orderNumber": "Q100123",
            "name": name,
        }),
        "booking.confirmed" | "booking.rejected" | "booking.reminder" => json!({
            "bookingNumber": "B1024",
            "storeName": {"ar": "مغسلة النخيل", "en": "Palm Car Wash"},
            "date": "2026-12-14",
            "time": "16:30",
            "reason": {"ar": "المغسلة مغلقة للصيانة", "en": "Closed for maintenance"},
            "name": name,
        }),
        "repair.new" => json!({
            "requestNumber": "T1024",
            "problem": {"ar": "بطارية", "en": "battery"},
            "name": name,
        }),
        "chat.message" => json!({
            "senderName": {"ar": "سارة", "en": "Sara"},
            "preview": {"ar": "هل القطعة متوفرة؟", "en": "Is this part in stock?"},
            "name": name,
        }),
        _ => json!({
            "title": {"ar": "عرض نهاية الأسبوع", "en": "Weekend offer"},
            "body": {"ar": "خصم ١٥٪ على جميع الفلاتر حتى الأحد", "en": "15% off every filter until Sunday"},
            "name": name,
        }),
    }
}

/// A known event's template on one channel in one language (`draft`, or
/// what is stored when there is none) and its stored sibling in the other
/// language, filled with the event's sample values; writes nothing
/// (`notifications.manage`).
pub async fn preview_template(
    state: &AppState,
    caller: &Caller,
    key: (&str, &str, &str),
    draft: Option<&TemplateInput>,
) -> ApiResult<TemplatePreview> {
    let editing = template_for_editing(state, caller, key).await?;
    let problems = match draft.map(|d| d.check(Some(editing.channel), Some(editing.spec.vars))) {
        Some(Err(ApiError::Validation(f))) => f,
        _ => FieldErrors::new(),
    };
    let vars = sample_vars(editing.spec.name);
    let fill = |locale: Locale, title: &str, body: &str, html: Option<&String>| {
        let t = super::model::TemplateRow {
            event: editing.spec.name.to_owned(),
            channel: editing.channel.as_str().to_owned(),
            locale: locale.code().to_owned(),
            title: title.to_owned(),
            body: body.to_owned(),
            html: html.cloned(),
            enabled: true,
            updated_at: time::OffsetDateTime::now_utc(),
        };
        render::render(
            &t,
            &render::vars_for(editing.spec.name, &vars, locale, None),
            locale,
        )
    };
    let stored = |t: &Template| fill(t.locale, &t.title, &t.body, t.html.as_ref());
    let mine = match draft {
        Some(d) => Some(fill(editing.locale, &d.title, &d.body, d.html.as_ref())),
        None => editing.current.as_ref().map(stored),
    };
    let theirs = editing.other.as_ref().map(stored);
    let (ar, en) = match editing.locale {
        Locale::Ar => (mine, theirs),
        Locale::En => (theirs, mine),
    };
    Ok(TemplatePreview {
        editing,
        ar,
        en,
        problems,
    })
}

/// A user's registered devices, for the admin's view of their activity
/// (the caller of this function decides who may see them).
pub async fn devices_of(
    state: &AppState,
    user: uuid::Uuid,
) -> ApiResult<Vec<super::model::Device>> {
    Ok(repo::devices_of(&state.db, user)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
