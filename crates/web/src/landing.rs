//! The landing site: the marketing home (`/`) and the content pages
//! (`/privacy`, `/terms`, `/support`). Every text is a Fluent message of
//! `locales/*/web_landing.ftl`, so admin content pages can replace them later.

pub mod content;
pub mod register;
pub mod support;

use askama::Template;
use askama_web::WebTemplate;

use kernel::i18n::Message;

use app::AppState;
use app::content::{BannerApp, PageSlug};
use axum::extract::{Query, State};

use self::content::{DocQuery, Footer};
use crate::chrome::{Chrome, WebCtx};

pub(crate) fn chrome(ctx: &WebCtx) -> Chrome {
    Chrome {
        locale: ctx.locale,
        csrf: String::new(),
        nav: None,
    }
}

/// `text` escaped for HTML, its e-mail addresses made `mailto:` links
/// isolated from the direction around them (render with `|safe`).
pub fn rich(text: &str) -> String {
    fn escape(s: &str, out: &mut String) {
        for ch in s.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(ch),
            }
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = word
            .find(|c: char| c.is_ascii_alphanumeric())
            .unwrap_or(word.len());
        let end = word
            .rfind(|c: char| c.is_ascii_alphanumeric())
            .map_or(start, |e| e + 1)
            .max(start);
        let core = &word[start..end];
        let email = core.contains('@')
            && core.contains('.')
            && core
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "@._-+".contains(c));
        if email {
            escape(&word[..start], &mut out);
            out.push_str(&format!(
                "<a class=\"email\" dir=\"ltr\" href=\"mailto:{core}\">{core}</a>"
            ));
            escape(&word[end..], &mut out);
        } else {
            escape(word, &mut out);
        }
    }
    out
}

/// The VAT rate as the texts show it (`{ $vat }` in the messages).
const VAT_PERCENT: i64 = 15;

/// A message with the VAT rate as its `vat` argument (the other messages
/// ignore it).
fn tv(c: &Chrome, key: &str) -> String {
    Message::new(key.to_owned())
        .arg("vat", percent(c, VAT_PERCENT))
        .render(c.locale)
}

/// The VAT rate as the footer shows it.
pub(crate) fn footer_vat(c: &Chrome) -> String {
    percent(c, VAT_PERCENT)
}

/// A percentage without a sign, in the page's digits (`15%`, `١٥٪`).
fn percent(c: &Chrome, whole: i64) -> String {
    c.pct(&(whole * 100)).trim_start_matches('+').to_owned()
}

/// A block of the home page: a marketplace, a step, an audience or a trust
/// point. Texts are `lp-<group>-<id>` (title), `…-text`, `…-tag` and
/// `…-li<n>`; what a block does not use stays empty.
pub struct Block {
    pub id: &'static str,
    pub n: i64,
    pub icon: &'static str,
    pub tone: &'static str,
    pub title: String,
    pub text: String,
    pub tag: String,
    pub items: Vec<String>,
    pub href: &'static str,
    pub cta: String,
}

fn blocks(
    c: &Chrome,
    group: &str,
    list: &[(&'static str, &'static str, &'static str)],
    tags: bool,
    items: u8,
) -> Vec<Block> {
    list.iter()
        .enumerate()
        .map(|(i, &(id, icon, tone))| {
            let key = format!("lp-{group}-{id}");
            Block {
                id,
                n: i as i64 + 1,
                icon,
                tone,
                title: c.t(&key),
                text: tv(c, &format!("{key}-text")),
                tag: if tags {
                    c.t(&format!("{key}-tag"))
                } else {
                    String::new()
                },
                items: (1..=items).map(|n| c.t(&format!("{key}-li{n}"))).collect(),
                href: "",
                cta: String::new(),
            }
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "landing.html")]
pub struct Landing {
    c: Chrome,
    /// The VAT rate and social links, for the footer.
    foot: Footer,
    /// Which landing page this is (`home`, `privacy`, `terms`, `support`),
    /// for the header's current link.
    page: &'static str,
    /// The live `landing` banners, under the hero.
    strip: crate::content_view::BannerStrip,
    features: Vec<Block>,
    steps: Vec<Block>,
    audiences: Vec<Block>,
    trust: Vec<Block>,
}

/// The drawn app preview and the facts strip write literal numbers.
impl Landing {
    pub fn sar(&self, halalas: i64) -> String {
        self.c.sar(&halalas)
    }
    pub fn num(&self, n: i64) -> String {
        self.c.num(&n)
    }
    pub fn count(&self, key: &'static str, n: i64) -> String {
        self.c.t_count(key, &n)
    }
}

pub async fn page(state: &AppState, ctx: WebCtx) -> Landing {
    let c = chrome(&ctx);
    let foot = content::footer(state, &c).await;
    let strip =
        crate::content_view::banners(state, BannerApp::Landing, &c, "/api/v1", "slider").await;
    let features = blocks(
        &c,
        "f",
        &[
            ("orders", "shopping-cart", "teal"),
            ("rfq", "messages", "blue"),
            ("bookings", "wash", "amber"),
            ("repair", "route", "violet"),
            ("catalog", "packages", "rose"),
        ],
        true,
        0,
    );
    let steps = blocks(
        &c,
        "how",
        &[
            ("1", "car", "teal"),
            ("2", "scale", "teal"),
            ("3", "truck-delivery", "teal"),
        ],
        false,
        0,
    );
    let mut audiences = blocks(
        &c,
        "aud",
        &[
            ("customers", "car", "teal"),
            ("suppliers", "building-store", "blue"),
            ("reps", "motorbike", "violet"),
        ],
        false,
        4,
    );
    for (a, (href, cta)) in audiences.iter_mut().zip([
        ("/app", "lp-cta-app"),
        ("/register?kind=supplier", "lp-cta-sell"),
        ("/register?kind=representative", "lp-cta-rep"),
    ]) {
        a.href = href;
        a.cta = c.t(cta);
    }
    let trust = blocks(
        &c,
        "trust",
        &[
            ("vat", "file-invoice", "teal"),
            ("pay", "lock", "blue"),
            ("verified", "shield-check", "amber"),
            ("support", "headset", "violet"),
        ],
        false,
        0,
    );
    Landing {
        foot,
        c,
        page: "home",
        strip,
        features,
        steps,
        audiences,
        trust,
    }
}

/// One section of a content page: its anchor, its heading, its paragraphs,
/// then an optional list (both as HTML, see [`rich`]). Keys: `lp-<page>-<id>` (heading),
/// `lp-<page>-<id>-p<n>` (paragraphs) and `lp-<page>-<id>-li<n>` (list items).
pub struct Section {
    pub id: &'static str,
    pub n: i64,
    pub title: String,
    pub paras: Vec<String>,
    pub items: Vec<String>,
}

/// How a content page is made: its key prefix and, per section, the anchor,
/// the number of paragraphs and the number of list items.
struct Outline {
    page: &'static str,
    sections: &'static [(&'static str, u8, u8)],
}

const PRIVACY: Outline = Outline {
    page: "privacy",
    sections: &[
        ("scope", 2, 0),
        ("data", 1, 7),
        ("use", 1, 6),
        ("sharing", 1, 5),
        ("retention", 3, 0),
        ("rights", 1, 6),
        ("security", 2, 0),
        ("cookies", 2, 0),
        ("changes", 1, 0),
        ("contact", 2, 0),
    ],
};

const TERMS: Outline = Outline {
    page: "terms",
    sections: &[
        ("about", 2, 0),
        ("accounts", 1, 4),
        ("orders", 1, 5),
        ("payments", 1, 5),
        ("returns", 1, 4),
        ("sellers", 1, 4),
        ("conduct", 1, 4),
        ("liability", 3, 0),
        ("law", 2, 0),
        ("contact", 1, 0),
    ],
};

impl Outline {
    fn sections(&self, c: &Chrome) -> Vec<Section> {
        self.sections
            .iter()
            .enumerate()
            .map(|(i, &(id, paras, items))| {
                let key = format!("lp-{}-{id}", self.page);
                Section {
                    id,
                    n: i as i64 + 1,
                    title: c.t(&key),
                    paras: (1..=paras)
                        .map(|n| rich(&tv(c, &format!("{key}-p{n}"))))
                        .collect(),
                    items: (1..=items)
                        .map(|n| rich(&tv(c, &format!("{key}-li{n}"))))
                        .collect(),
                }
            })
            .collect()
    }
}

/// The built-in (Fluent) text of a static page: its title, its date line
/// and its sections, for surfaces showing it before an admin publishes one.
pub fn builtin_doc(c: &Chrome, slug: PageSlug) -> (String, String, Vec<Section>) {
    let outline = match slug {
        PageSlug::Terms => &TERMS,
        PageSlug::Privacy => &PRIVACY,
    };
    let p = outline.page;
    (
        c.t(&format!("lp-{p}-title")),
        c.t(&format!("lp-{p}-updated")),
        outline.sections(c),
    )
}

/// An entry of a content page's table of contents.
pub struct TocItem {
    pub id: &'static str,
    pub title: String,
}

/// A page of the landing site's footer: its path, label and icon (for the
/// "other pages" list beside a content page).
pub struct Sibling {
    pub href: &'static str,
    pub label: String,
    pub icon: &'static str,
    pub current: bool,
}

pub(crate) fn siblings(c: &Chrome, current: &str) -> Vec<Sibling> {
    [
        ("privacy", "lp-foot-privacy", "lock"),
        ("terms", "lp-foot-terms", "scale"),
        ("support", "lp-foot-support", "lifebuoy"),
    ]
    .into_iter()
    .map(|(page, key, icon)| Sibling {
        href: match page {
            "privacy" => "/privacy",
            "terms" => "/terms",
            _ => "/support",
        },
        label: c.t(key),
        icon,
        current: page == current,
    })
    .collect()
}

/// `/privacy` and `/terms`: a heading, a table of contents and sections.
#[derive(Template, WebTemplate)]
#[template(path = "landing/doc.html")]
pub struct Doc {
    c: Chrome,
    /// The VAT rate and social links, for the footer.
    foot: Footer,
    /// `privacy` or `terms`: the key prefix and the page's id.
    page: &'static str,
    title: String,
    /// The page's name in the breadcrumbs.
    crumb: String,
    lead: String,
    updated: String,
    /// The date of `updated`, for `<time datetime>`.
    updated_iso: String,
    eyebrow: String,
    sections: Vec<Section>,
    toc: Vec<TocItem>,
    siblings: Vec<Sibling>,
}

/// The page as the admin last published it for the asked audience, or the
/// built-in Fluent text when nothing is published yet.
async fn doc(
    state: &AppState,
    ctx: &WebCtx,
    outline: &Outline,
    slug: PageSlug,
    q: &DocQuery,
) -> Doc {
    let c = chrome(ctx);
    let p = outline.page;
    let foot = content::footer(state, &c).await;
    let mut title = c.t(&format!("lp-{p}-title"));
    let mut updated = c.t(&format!("lp-{p}-updated"));
    let mut updated_iso = "2026-01-01".to_owned();
    let sections = match content::published(state, slug, q).await {
        Some(v) => {
            let t = content::published_text(&v, c.locale);
            title = t.title.clone();
            updated = t.updated;
            updated_iso = t.updated_iso;
            vec![Section {
                id: "published",
                n: 1,
                title: t.title,
                paras: t.paras,
                items: Vec::new(),
            }]
        }
        None => outline.sections(&c),
    };
    Doc {
        foot,
        toc: sections
            .iter()
            .map(|s| TocItem {
                id: s.id,
                title: s.title.clone(),
            })
            .collect(),
        crumb: title.clone(),
        title,
        lead: c.t(&format!("lp-{p}-lead")),
        updated,
        updated_iso,
        eyebrow: c.t(&format!("lp-{p}-eyebrow")),
        sections,
        siblings: siblings(&c, p),
        page: p,
        c,
    }
}

pub async fn privacy(State(state): State<AppState>, ctx: WebCtx, Query(q): Query<DocQuery>) -> Doc {
    doc(&state, &ctx, &PRIVACY, PageSlug::Privacy, &q).await
}

pub async fn terms(State(state): State<AppState>, ctx: WebCtx, Query(q): Query<DocQuery>) -> Doc {
    doc(&state, &ctx, &TERMS, PageSlug::Terms, &q).await
}

#[cfg(test)]
mod tests {
    use super::rich;

    #[test]
    fn rich_text_escapes_and_links_e_mail_addresses() {
        assert_eq!(
            rich("Write to support@qitaa.sa. <b>"),
            "Write to <a class=\"email\" dir=\"ltr\" href=\"mailto:support@qitaa.sa\">support@qitaa.sa</a>. &lt;b&gt;"
        );
        assert_eq!(rich("a & b"), "a &amp; b");
    }
}
