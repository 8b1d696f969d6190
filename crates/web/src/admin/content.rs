//! Site content (`content.manage`) on one page with tabs: banners, FAQs,
//! the static pages (publish a new version, the history, an old version),
//! the contact inbox and the social links. Each form posts and comes back
//! to its tab with a toast, or with its errors beside the fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use app::AppState;
use app::auth::Caller;
use app::content::model::{
    AdminPage, Audience, Banner, ContactMessage, Faq, FaqInput, InboxQuery, LinkKind,
    MessageStatus, PageVersion, PublishPage, SocialLinkInput, SocialLinksInput,
};
use app::content::service as content;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, ApiResult, FieldErrors, Message};

use super::common::refused;
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared;
use crate::signin;

const TABS: [&str; 5] = ["banners", "faqs", "pages", "inbox", "links"];

pub struct Tab {
    key: &'static str,
    current: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    pub(super) tab: Option<String>,
    /// The static page whose history is open.
    #[serde(default)]
    pub(super) page: Option<String>,
    /// An old version of that page to read.
    #[serde(default)]
    pub(super) version: Option<String>,
    /// The banner whose form is open.
    #[serde(default)]
    pub(super) edit: Option<String>,
}

/// What the page's forms hold as typed, and their errors.
#[derive(Default)]
pub struct Draft {
    pub(super) fields: Vec<(String, String)>,
    pub(super) errors: Errors,
}

impl Draft {
    /// Nothing typed yet: the form shows its defaults.
    pub fn is_blank(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn get(&self, name: &str) -> String {
        Fields(self.fields.clone()).get(name)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/content.html")]
struct ContentPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    tabs: Vec<Tab>,
    banners: Vec<Banner>,
    faqs: Vec<Faq>,
    pages: Vec<AdminPage>,
    /// The open page's id, its versions and the version being read.
    open: String,
    versions: Vec<PageVersion>,
    reading: Option<PageVersion>,
    messages: Vec<ContactMessage>,
    links: String,
    draft: Draft,
    /// The banner being edited (its picture stays unless another is sent).
    editing: Option<Banner>,
    /// The largest picture accepted, in MB, for the form's hint.
    max_mb: String,
}

impl ContentPage {
    fn when(&self, at: &time::OffsetDateTime) -> String {
        shared::when(self.c.locale, *at)
    }
    /// Whether a banner is showing now (active and inside its window).
    fn live(&self, b: &Banner) -> bool {
        let now = time::OffsetDateTime::now_utc();
        b.active && b.starts_at.is_none_or(|s| s <= now) && b.ends_at.is_none_or(|e| e > now)
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    q: &PageQuery,
    mut draft: Draft,
    status: StatusCode,
) -> Response {
    let tab = TABS
        .into_iter()
        .find(|t| q.tab.as_deref() == Some(*t))
        .unwrap_or("banners");
    match load(state, caller, tab, q).await {
        Ok((banners, faqs, pages, versions, reading, messages, links)) => {
            let c = chrome(ctx, csrf);
            let editing = q
                .edit
                .as_deref()
                .and_then(|id| banners.iter().find(|b| b.id.to_string() == id))
                .cloned();
            if let (Some(b), true) = (&editing, draft.is_blank()) {
                draft.fields = super::content_banners::fields_of(b);
            }
            let page = ContentPage {
                base: ctx.admin_base(),
                section: "content",
                tab,
                tabs: TABS
                    .iter()
                    .map(|&key| Tab {
                        key,
                        current: key == tab,
                    })
                    .collect(),
                banners,
                faqs,
                pages,
                open: q.page.clone().unwrap_or_default(),
                versions,
                reading,
                messages,
                links,
                draft,
                editing,
                max_mb: (state.config.max_upload_bytes / (1024 * 1024)).to_string(),
                c,
            };
            (status, page).into_response()
        }
        Err(e) => error_page(ctx, e),
    }
}

type Loaded = (
    Vec<Banner>,
    Vec<Faq>,
    Vec<AdminPage>,
    Vec<PageVersion>,
    Option<PageVersion>,
    Vec<ContactMessage>,
    String,
);

/// Only what the open tab shows; every read asks `content.manage`.
async fn load(state: &AppState, caller: &Caller, tab: &str, q: &PageQuery) -> ApiResult<Loaded> {
    let mut out: Loaded = Default::default();
    match tab {
        "faqs" => out.1 = content::faqs(state, caller, None).await?,
        "pages" => {
            out.2 = content::pages(state, caller).await?;
            if let Some(id) = q.page.as_deref() {
                let id = parse_id(id)?;
                out.3 = content::versions(state, caller, id, None).await?;
                if let Some(v) = q.version.as_deref() {
                    out.4 = content::versions(state, caller, id, Some(v))
                        .await?
                        .into_iter()
                        .next();
                }
            }
        }
        "inbox" => {
            let query = InboxQuery {
                status: None,
                page: Some(1),
                per_page: Some(100),
            };
            out.5 = content::inbox(state, caller, &query).await?.0;
        }
        "links" => {
            out.6 = content::all_links(state, caller)
                .await?
                .iter()
                .map(|l| {
                    let off = if l.active { "" } else { " off" };
                    format!("{} {}{off}", l.kind.as_str(), l.value)
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
        _ => out.0 = content::banners(state, caller).await?,
    }
    Ok(out)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<PageQuery>,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        &q,
        Draft::default(),
        StatusCode::OK,
    )
    .await
}

pub(super) fn back(ctx: &WebCtx, tab: &str, key: &str) -> Response {
    shared::redirect_with_toast(
        &format!("{}/content?tab={tab}", ctx.admin_base()),
        &kernel::i18n::t(ctx.locale, key),
    )
}

/// Runs one form's action; a refused form comes back with its errors.
pub(super) async fn act<F, Fut>(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    fields: Vec<(String, String)>,
    q: PageQuery,
    done: &str,
    run: F,
) -> Response
where
    F: FnOnce(Caller, Fields) -> Fut,
    Fut: std::future::Future<Output = ApiResult<()>>,
{
    let f = Fields(fields.clone());
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let tab = q.tab.clone().unwrap_or_default();
    match run(caller.clone(), f).await {
        Ok(()) => back(ctx, &tab, done),
        Err(e @ ApiError::Validation(_)) => {
            let draft = Draft {
                fields,
                errors: Errors::from_api(&e, ctx.locale),
            };
            render(state, ctx, &caller, &csrf, &q, draft, e.status()).await
        }
        Err(e) => refused(ctx, e),
    }
}

pub(super) fn tab(key: &str) -> PageQuery {
    PageQuery {
        tab: Some(key.to_owned()),
        ..PageQuery::default()
    }
}

pub async fn create_faq(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("faqs"),
        "adm-content-saved",
        |caller, f| async move {
            let input = FaqInput {
                question_ar: f.get("question_ar"),
                question_en: f.get("question_en"),
                answer_ar: f.get("answer_ar"),
                answer_en: f.get("answer_en"),
                audience: Audience::parse(&f.get("audience")).unwrap_or(Audience::Customer),
                sort_order: f.get("sort_order").parse().unwrap_or(0),
                active: true,
            };
            input.validate()?;
            content::save_faq(&st, &caller, None, &input)
                .await
                .map(drop)
        },
    )
    .await
}

pub async fn delete_faq(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("faqs"),
        "adm-content-deleted",
        |caller, _| async move { content::delete_faq(&st, &caller, parse_id(&id)?).await },
    )
    .await
}

pub async fn delete_banner(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("banners"),
        "adm-content-deleted",
        |caller, _| async move { content::delete_banner(&st, &caller, parse_id(&id)?).await },
    )
    .await
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    let q = PageQuery {
        page: Some(id.clone()),
        ..tab("pages")
    };
    act(
        &state,
        &ctx,
        &headers,
        fields,
        q,
        "adm-content-published",
        |caller, f| async move {
            let input = PublishPage {
                title_ar: f.get("title_ar"),
                title_en: f.get("title_en"),
                body_ar: f.get("body_ar"),
                body_en: f.get("body_en"),
            };
            input.validate()?;
            content::publish(&st, &caller, parse_id(&id)?, &input)
                .await
                .map(drop)
        },
    )
    .await
}

pub async fn set_status(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("inbox"),
        "adm-content-saved",
        |caller, f| async move {
            let to = match f.get("status").as_str() {
                "read" => MessageStatus::Read,
                "archived" => MessageStatus::Archived,
                _ => MessageStatus::New,
            };
            content::set_status(&st, &caller, parse_id(&id)?, to)
                .await
                .map(drop)
        },
    )
    .await
}

/// The links as lines of `kind value`, `off` at the end of a hidden one.
fn parse_links(text: &str) -> Result<Vec<SocialLinkInput>, FieldErrors> {
    let mut out = Vec::new();
    let mut e = FieldErrors::new();
    for (i, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let (kind, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let (value, active) = match rest.trim().strip_suffix(" off") {
            Some(v) => (v.trim(), false),
            None => (rest.trim(), true),
        };
        match LinkKind::parse(kind) {
            Some(kind) => out.push(SocialLinkInput {
                kind,
                value: value.to_owned(),
                active,
            }),
            None => {
                e.add(
                    format!("links[{i}].kind"),
                    Message::new("adm-content-kind-invalid"),
                );
            }
        }
    }
    if e.is_empty() { Ok(out) } else { Err(e) }
}

pub async fn save_links(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("links"),
        "adm-content-saved",
        |caller, f| async move {
            let links = parse_links(
                &f.0.iter()
                    .find(|(k, _)| k == "links")
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            )
            .map_err(ApiError::Validation)?;
            let input = SocialLinksInput { links };
            input.validate()?;
            content::replace_links(&st, &caller, &input).await.map(drop)
        },
    )
    .await
}
