//! What admins publish on the landing site: the terms and privacy versions
//! and the footer's social links (the support page is `support.rs`).

use std::fmt;

use serde::Deserialize;

use app::AppState;
use app::content::model::LinkKind;
use app::content::{Audience, PageSlug, PageVersion, SocialLink};
use kernel::Locale;
use kernel::i18n::Message;

use crate::chrome::Chrome;

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
