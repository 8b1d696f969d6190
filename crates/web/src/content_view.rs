//! Admin-managed content as every surface shows it: an app's live banners
//! as a scroll-snap strip (`ds/banners.html`), and a static page (terms,
//! privacy) of an audience in the page's language (`ds/doc_body.html`),
//! the built-in Fluent text until an admin publishes a version.

use app::AppState;
use app::content::{Audience, BannerApp, PageSlug};

use crate::chrome::Chrome;
use crate::landing::Section;

pub struct BannerItem {
    pub id: String,
    pub title: String,
    pub src: String,
    pub href: Option<String>,
    /// A link that leaves the platform opens in a new tab.
    pub external: bool,
}

/// The live banners of one app; empty renders nothing.
pub struct BannerStrip {
    pub label: String,
    /// `slider` (one banner at a time, the next peeking) or `strip` (several side by side).
    pub kind: &'static str,
    pub items: Vec<BannerItem>,
}

impl BannerStrip {
    /// No strip (a page that shows none here).
    pub fn none() -> BannerStrip {
        BannerStrip {
            label: String::new(),
            kind: "slider",
            items: Vec::new(),
        }
    }
}

/// The live banners of `app`, their images served under `media_base`
/// (`{media_base}/media/{id}`: the surface's own media route, or `/api/v1`).
/// A failed read shows no strip rather than no page.
pub async fn banners(
    state: &AppState,
    app: BannerApp,
    c: &Chrome,
    media_base: &str,
    kind: &'static str,
) -> BannerStrip {
    let live = app::content::live_banners(state, app)
        .await
        .unwrap_or_default();
    BannerStrip {
        label: c.t("ct-banners-label"),
        kind,
        items: live
            .iter()
            .map(|b| BannerItem {
                id: b.id.to_string(),
                title: c.pick(&b.title_ar, &b.title_en).to_owned(),
                src: format!("{media_base}/media/{}", b.image_id),
                external: b.link.as_deref().is_some_and(|l| l.starts_with("https://")),
                href: b.link.clone(),
            })
            .collect(),
    }
}

/// A static page as a surface shows it inside its own frame.
pub struct DocView {
    pub slug: &'static str,
    pub title: String,
    /// "Version 2, published 2026-03-01" (or the built-in text's date line).
    pub updated: String,
    pub updated_iso: String,
    /// The published version's paragraphs as one untitled section, or the
    /// built-in text's sections.
    pub sections: Vec<Section>,
    pub published: bool,
    /// The other page (privacy from terms, terms from privacy).
    pub other_href: String,
    pub other_label: String,
}

/// The page `slug` for `audience`: the version an admin published last, in
/// the page's language, else the landing's built-in text.
pub async fn doc(
    state: &AppState,
    c: &Chrome,
    base: &str,
    slug: PageSlug,
    audience: Audience,
) -> DocView {
    let published = app::content::published_page(state, slug, audience)
        .await
        .ok()
        .flatten();
    let (other, other_key) = match slug {
        PageSlug::Terms => ("privacy", "lp-foot-privacy"),
        PageSlug::Privacy => ("terms", "lp-foot-terms"),
    };
    let mut view = DocView {
        slug: slug.as_str(),
        title: String::new(),
        updated: String::new(),
        updated_iso: String::new(),
        sections: Vec::new(),
        published: published.is_some(),
        other_href: format!("{base}/{other}"),
        other_label: c.t(other_key),
    };
    match published {
        Some(v) => {
            let t = crate::landing::content::published_text(&v, c.locale);
            view.title = t.title;
            view.updated = t.updated;
            view.updated_iso = t.updated_iso;
            view.sections = vec![Section {
                id: "published",
                n: 1,
                title: String::new(),
                paras: t.paras,
                items: Vec::new(),
            }];
        }
        None => {
            let (title, updated, sections) = crate::landing::builtin_doc(c, slug);
            view.title = title;
            view.updated = updated;
            view.updated_iso = "2026-01-01".into();
            view.sections = sections;
        }
    }
    view
}
