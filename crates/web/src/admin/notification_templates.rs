//! Notification templates (`notifications.manage`): every event with the
//! state of each channel in each language, and one template's edit page:
//! its title and text with the event's placeholders, the service's
//! refusals next to the fields, and a preview in both languages filled
//! with sample values (htmx, as the admin types).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::notifications::model::{
    Channel, EVENTS, MAX_BODY_CHARS, MAX_SMS_CHARS, MAX_TITLE_CHARS, Template as Stored,
    TemplateInput, TemplateQuery,
};
use app::notifications::render::Rendered;
use app::notifications::service::{self as notifications, TemplateEditing, TemplatePreview};
use kernel::{ApiError, Locale};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared;
use crate::signin;

const LOCALES: [Locale; 2] = [Locale::Ar, Locale::En];

/// The page address of one template.
fn href(base: &str, event: &str, channel: Channel, locale: Locale) -> String {
    format!(
        "{base}/notification-templates/{event}/{}/{}",
        channel.as_str(),
        locale.code()
    )
}

/// A number in the page's digits, thousands grouped.
fn count(ctx: &WebCtx, n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    kernel::money::with_digits(
        &crate::chrome::group_thousands(n),
        kernel::money::digits_of(ctx.locale),
    )
}

/// The icon of a channel.
fn channel_icon(channel: Channel) -> &'static str {
    match channel {
        Channel::Push => "device-mobile",
        Channel::Sms => "message",
        Channel::Email => "mail",
        Channel::InApp => "bell",
    }
}

/// An id part made of an event's name (`order.status` → `order-status`).
fn id_of(event: &str) -> String {
    event.replace('.', "-")
}

/// The first words of a template, for the index.
fn excerpt(t: &Stored) -> String {
    let text = if t.title.trim().is_empty() {
        &t.body
    } else {
        &t.title
    };
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// `enabled`, `disabled` or `missing` (not written yet).
fn state_of(t: Option<&Stored>) -> &'static str {
    match t {
        Some(t) if t.enabled => "enabled",
        Some(_) => "disabled",
        None => "missing",
    }
}

pub struct Cell {
    id: String,
    locale: &'static str,
    state: &'static str,
    excerpt: String,
    href: String,
}

pub struct ChannelRow {
    channel: &'static str,
    icon: &'static str,
    cells: Vec<Cell>,
}

pub struct EventGroup {
    name: &'static str,
    id: String,
    category: &'static str,
    /// The placeholders its templates may use, written as in a text (`{name}`).
    vars: Vec<String>,
    rows: Vec<ChannelRow>,
    /// How many of its channel × language templates are on.
    enabled: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/notification_templates.html")]
struct IndexPage {
    c: Chrome,
    section: &'static str,
    events: Vec<EventGroup>,
}

pub async fn index(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let q = TemplateQuery {
        event: None,
        channel: None,
        locale: None,
    };
    let stored = match notifications::templates(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let events = EVENTS
        .iter()
        .map(|spec| {
            let rows: Vec<ChannelRow> = Channel::ALL
                .iter()
                .map(|&channel| ChannelRow {
                    channel: channel.as_str(),
                    icon: channel_icon(channel),
                    cells: LOCALES
                        .iter()
                        .map(|&locale| {
                            let t = stored.iter().find(|t| {
                                t.event == spec.name && t.channel == channel && t.locale == locale
                            });
                            Cell {
                                id: format!(
                                    "tpl-{}-{}-{}",
                                    id_of(spec.name),
                                    channel.as_str(),
                                    locale.code()
                                ),
                                locale: locale.code(),
                                state: state_of(t),
                                excerpt: t.map(excerpt).unwrap_or_default(),
                                href: href(base, spec.name, channel, locale),
                            }
                        })
                        .collect(),
                })
                .collect();
            let enabled = rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| c.state == "enabled")
                .count() as i64;
            EventGroup {
                name: spec.name,
                id: id_of(spec.name),
                category: spec.category.as_str(),
                vars: spec.vars.iter().map(|v| format!("{{{v}}}")).collect(),
                rows,
                enabled,
            }
        })
        .collect();
    IndexPage {
        c: chrome(&ctx, &csrf),
        section: "templates",
        events,
    }
    .into_response()
}

/// A filled message in one language, as the preview shows it.
pub struct Filled {
    locale: &'static str,
    dir: &'static str,
    title: String,
    body: String,
}

/// The preview fragment's data.
pub struct PreviewView {
    action: String,
    channel: &'static str,
    /// Arabic, then English: the language, whether it is the draft, and
    /// the message (`None`: not written in that language yet).
    messages: Vec<(&'static str, bool, Option<Filled>)>,
    problems: Vec<String>,
}

impl PreviewView {
    fn of(ctx: &WebCtx, p: TemplatePreview) -> Self {
        let editing = &p.editing;
        let filled = |locale: Locale, r: Option<Rendered>| {
            r.map(|r| Filled {
                locale: locale.code(),
                dir: locale.dir(),
                title: r.title,
                body: r.body,
            })
        };
        let mut errors = Errors::none();
        errors.merge(&p.problems, ctx.locale);
        let problems = ["title", "body", "html"]
            .iter()
            .map(|f| errors.of(f))
            .filter(|m| !m.is_empty())
            .collect();
        PreviewView {
            action: format!("{}/preview", address(ctx.admin_base(), editing)),
            channel: editing.channel.as_str(),
            messages: vec![
                ("ar", editing.locale == Locale::Ar, filled(Locale::Ar, p.ar)),
                ("en", editing.locale == Locale::En, filled(Locale::En, p.en)),
            ],
            problems,
        }
    }
}

fn address(base: &str, editing: &TemplateEditing) -> String {
    href(base, editing.spec.name, editing.channel, editing.locale)
}

/// The edit form as shown: what is stored, or what was sent with its errors.
pub struct Draft {
    title: String,
    body: String,
    html: String,
    enabled: bool,
}

impl Draft {
    fn stored(t: Option<&Stored>) -> Draft {
        match t {
            Some(t) => Draft {
                title: t.title.clone(),
                body: t.body.clone(),
                html: t.html.clone().unwrap_or_default(),
                enabled: t.enabled,
            },
            None => Draft {
                title: String::new(),
                body: String::new(),
                html: String::new(),
                enabled: true,
            },
        }
    }

    fn from_fields(f: &Fields) -> Draft {
        Draft {
            title: f.get("title"),
            body: f.get("body"),
            html: f.get("html"),
            enabled: f.get("enabled") == "on",
        }
    }

    /// The body the service takes; the HTML part only for email, and only
    /// when written.
    fn input(&self, channel: Channel) -> TemplateInput {
        TemplateInput {
            title: self.title.clone(),
            body: self.body.clone(),
            html: (channel == Channel::Email && !self.html.trim().is_empty())
                .then(|| self.html.clone()),
            enabled: Some(self.enabled),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/notification_template.html")]
struct EditPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    event: &'static str,
    event_id: String,
    category: &'static str,
    channel: &'static str,
    channel_icon: &'static str,
    locale: &'static str,
    /// The text's own direction and language, whatever the page's.
    text_dir: &'static str,
    state: &'static str,
    updated: String,
    action: String,
    /// Where the same template in the other language is edited.
    other_href: String,
    other_locale: &'static str,
    /// Each placeholder: its name and how a text writes it (`{name}`).
    vars: Vec<(&'static str, String)>,
    needs_title: bool,
    /// The longest title and text, in the page's digits.
    title_max: String,
    body_max: String,
    email: bool,
    sms: bool,
    form: Draft,
    errors: Errors,
    preview: PreviewView,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/notification_template_preview.html")]
struct PreviewFragment {
    c: Chrome,
    preview: PreviewView,
}

type Key = (String, String, String);

fn key(k: &Key) -> (&str, &str, &str) {
    (k.0.as_str(), k.1.as_str(), k.2.as_str())
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn edit_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &app::auth::Caller,
    csrf: &str,
    k: &Key,
    sent: Option<Draft>,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let channel = Channel::parse(&k.1).unwrap_or(Channel::Push);
    let input = sent.as_ref().map(|d| d.input(channel));
    let preview = match notifications::preview_template(state, caller, key(k), input.as_ref()).await
    {
        Ok(p) => p,
        Err(e) => return error_page(ctx, e),
    };
    let editing = preview.editing.clone();
    let form = sent.unwrap_or_else(|| Draft::stored(editing.current.as_ref()));
    let base = ctx.admin_base();
    let other = match editing.locale {
        Locale::Ar => Locale::En,
        Locale::En => Locale::Ar,
    };
    let page = EditPage {
        c: chrome(ctx, csrf),
        base,
        section: "templates",
        event: editing.spec.name,
        event_id: id_of(editing.spec.name),
        category: editing.spec.category.as_str(),
        channel: editing.channel.as_str(),
        channel_icon: channel_icon(editing.channel),
        locale: editing.locale.code(),
        text_dir: editing.locale.dir(),
        state: state_of(editing.current.as_ref()),
        updated: editing
            .current
            .as_ref()
            .map(|t| shared::when(ctx.locale, t.updated_at))
            .unwrap_or_default(),
        action: address(base, &editing),
        other_href: href(base, editing.spec.name, editing.channel, other),
        other_locale: other.code(),
        vars: editing
            .spec
            .vars
            .iter()
            .map(|v| (*v, format!("{{{v}}}")))
            .collect(),
        needs_title: editing.channel != Channel::Sms,
        title_max: count(ctx, MAX_TITLE_CHARS),
        body_max: count(
            ctx,
            if editing.channel == Channel::Sms {
                MAX_SMS_CHARS
            } else {
                MAX_BODY_CHARS
            },
        ),
        email: editing.channel == Channel::Email,
        sms: editing.channel == Channel::Sms,
        form,
        errors,
        preview: PreviewView::of(ctx, preview),
    };
    (status, page).into_response()
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(k): Path<Key>,
) -> Response {
    edit_page(
        &state,
        &ctx,
        &caller,
        &csrf,
        &k,
        None,
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

/// Saves the whole template; back to its page with a toast, or the page
/// again with the service's refusals next to the fields.
pub async fn save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(k): Path<Key>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::from_fields(&f);
    let channel = Channel::parse(&k.1).unwrap_or(Channel::Push);
    match notifications::put_template(&state, &caller, key(&k), &draft.input(channel)).await {
        Ok(t) => {
            let to = href(ctx.admin_base(), &t.event, t.channel, t.locale);
            shared::redirect_with_toast(&to, &kernel::i18n::t(ctx.locale, "am-tpl-saved"))
        }
        Err(e @ (ApiError::Validation(_) | ApiError::Unprocessable { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let status = e.status();
            edit_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                &k,
                Some(draft),
                errors,
                status,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The preview of what is being typed (htmx, as the admin types).
pub async fn preview(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(k): Path<Key>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let channel = Channel::parse(&k.1).unwrap_or(Channel::Push);
    let input = Draft::from_fields(&f).input(channel);
    match notifications::preview_template(&state, &caller, key(&k), Some(&input)).await {
        Ok(p) => PreviewFragment {
            c: chrome(&ctx, &csrf),
            preview: PreviewView::of(&ctx, p),
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}
