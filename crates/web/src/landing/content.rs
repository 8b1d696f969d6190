//! What admins publish on the landing site: the terms and privacy versions,
//! the footer's social links, and the support page's contact form.

use std::fmt;

use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::content::model::LinkKind;
use app::content::{Audience, ContactInput, PageSlug, PageVersion, SocialLink};
use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiResult, Locale};

use super::register::{csrf_ok, frame, respond};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Errors;
use crate::shared::error_page;

/// A footer line of contact or social media.
pub struct FooterLink {
    pub kind: &'static str,
    pub icon: &'static str,
    /// Empty for a line that is not a link (an address).
    pub href: String,
    pub label: String,
    /// Numbers and addresses keep their left-to-right order in Arabic.
    pub ltr: bool,
}

/// What the footer needs: the VAT rate and the admin's links (none: the
/// footer keeps its built-in contact lines).
pub struct Footer {
    pub vat: String,
    pub links: Vec<FooterLink>,
}

impl fmt::Display for Footer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vat)
    }
}

impl Footer {
    /// The footer without the admin's links (pages that do not look them up).
    pub fn plain(c: &Chrome) -> Footer {
        Footer {
            vat: super::footer_vat(c),
            links: Vec::new(),
        }
    }
}

/// The footer with the active social links; a failed read shows the
/// built-in lines rather than no page.
pub async fn footer(state: &AppState, c: &Chrome) -> Footer {
    let links = app::content::social_links(state).await.unwrap_or_default();
    Footer {
        vat: super::footer_vat(c),
        links: links.iter().map(|l| footer_link(c, l)).collect(),
    }
}

fn footer_link(c: &Chrome, l: &SocialLink) -> FooterLink {
    let v = l.value.trim().to_owned();
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let (icon, href, label, ltr) = match l.kind {
        LinkKind::X => ("brand-x", v, c.t("lp-social-x"), false),
        LinkKind::Instagram => ("brand-instagram", v, c.t("lp-social-instagram"), false),
        LinkKind::Snapchat => ("brand-snapchat", v, c.t("lp-social-snapchat"), false),
        LinkKind::Tiktok => ("brand-tiktok", v, c.t("lp-social-tiktok"), false),
        LinkKind::Whatsapp if v.starts_with("https://") => {
            ("brand-whatsapp", v, c.t("lp-social-whatsapp"), false)
        }
        LinkKind::Whatsapp => (
            "brand-whatsapp",
            format!("https://wa.me/{digits}"),
            c.t("lp-social-whatsapp"),
            false,
        ),
        LinkKind::Phone => (
            "phone",
            format!("tel:+{}", digits.trim_start_matches('+')),
            v,
            true,
        ),
        LinkKind::Email => ("mail", format!("mailto:{v}"), v, true),
        LinkKind::Address => ("map-pin", String::new(), v, false),
    };
    FooterLink {
        kind: l.kind.as_str(),
        icon,
        href,
        label,
        ltr,
    }
}

/// `?audience=` of `/terms` and `/privacy`: customers when absent.
#[derive(Debug, Default, Deserialize)]
pub struct DocQuery {
    #[serde(default)]
    pub audience: Option<String>,
}

impl DocQuery {
    pub fn audience(&self) -> Audience {
        self.audience
            .as_deref()
            .and_then(Audience::parse)
            .unwrap_or(Audience::Customer)
    }
}

/// The version of a page the landing shows, if an admin published one.
pub async fn published(state: &AppState, slug: PageSlug, q: &DocQuery) -> Option<PageVersion> {
    app::content::published_page(state, slug, q.audience())
        .await
        .ok()
        .flatten()
}

/// A published version's title, paragraphs (escaped) and its version line.
pub struct PublishedText {
    pub title: String,
    pub paras: Vec<String>,
    pub updated: String,
    pub updated_iso: String,
}

pub fn published_text(v: &PageVersion, locale: Locale) -> PublishedText {
    let (title, body) = match locale {
        Locale::Ar => (&v.title_ar, &v.body_ar),
        _ => (&v.title_en, &v.body_en),
    };
    let date = v.published_at.date().to_string();
    PublishedText {
        title: title.clone(),
        paras: body
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(super::rich)
            .collect(),
        updated: Message::new("lp-doc-version")
            .arg("version", i64::from(v.version))
            .arg("date", date.as_str())
            .render(locale),
        updated_iso: date,
    }
}

/// The contact form's fields as sent, to show them again beside errors.
#[derive(Debug, Default, Deserialize)]
pub struct ContactForm {
    #[serde(rename = "_csrf", default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// The honeypot.
    #[serde(default)]
    pub website: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SupportQuery {
    #[serde(default)]
    pub sent: Option<String>,
}

/// `GET /support`.
pub async fn support(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<SupportQuery>,
) -> Response {
    let f = frame(&ctx);
    let cookie = f.cookie.clone();
    let foot = footer(&state, &f.c).await;
    let page = super::render_support(
        f.c,
        f.csrf,
        foot,
        ContactForm::default(),
        Errors::none(),
        q.sent.is_some(),
    );
    respond(page, [cookie])
}

/// `POST /support`: a message for the admins' inbox. A bot's filled
/// honeypot gets the same redirect as a person, and nothing is kept.
pub async fn contact(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<ContactForm>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &form.csrf) {
        return error_page(&ctx, crate::shared::csrf_error(), "/support".into());
    }
    let input = ContactInput {
        name: form.name.clone(),
        contact: form.contact.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
        website: Some(form.website.clone()),
    };
    let result: ApiResult<()> = match input.validate() {
        Ok(()) => app::content::contact(&state, &ctx.client, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Redirect::to("/support?sent=1#write").into_response(),
        Err(e) => {
            let f = frame(&ctx);
            let cookie = f.cookie.clone();
            let foot = footer(&state, &f.c).await;
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            let page = super::render_support(f.c, f.csrf, foot, form, errors, false);
            respond((status, page), [cookie])
        }
    }
}
