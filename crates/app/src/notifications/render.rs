//! Filling templates: `{name}` placeholders replaced by the event's
//! variables in the recipient's language, HTML-escaped in an email's HTML
//! part.
//!
//! A variable is text, a number, or `{"ar": ..., "en": ...}` (the
//! recipient's language is picked). `order.status`'s `status` may be the
//! status code (`shipped`), shown with its label in the recipient's language.
//! `name` is the recipient's name unless the event gives one.

use std::collections::BTreeMap;

use serde_json::Value;

use kernel::Locale;

use super::model::TemplateRow;

/// Variables shown through a translated label: (event, variable, Fluent key prefix).
const LABELLED: [(&str, &str, &str); 1] =
    [("order.status", "status", "notifications-order-status-")];

/// A template filled for one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub title: String,
    pub body: String,
    /// Email only: the HTML part.
    pub html: Option<String>,
}

/// A variable's text in `locale`.
pub fn var_text(value: &Value, locale: Locale) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(m) => {
            let pick = |l: &str| m.get(l).and_then(Value::as_str).filter(|s| !s.is_empty());
            let (want, other) = match locale {
                Locale::Ar => ("ar", "en"),
                Locale::En => ("en", "ar"),
            };
            pick(want)
                .or_else(|| pick(other))
                .unwrap_or_default()
                .to_owned()
        }
        Value::Null | Value::Array(_) => String::new(),
    }
}

/// The event's variables as text in `locale`, with `name` defaulting to the
/// recipient's name.
pub fn vars_for(
    event: &str,
    vars: &Value,
    locale: Locale,
    recipient_name: Option<&str>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Value::Object(m) = vars {
        for (k, v) in m {
            let mut text = var_text(v, locale);
            if let Some((_, _, prefix)) = LABELLED.iter().find(|(e, n, _)| *e == event && n == k) {
                let key = format!("{prefix}{text}");
                let label = kernel::i18n::t(locale, &key);
                if label != key {
                    text = label;
                }
            }
            out.insert(k.clone(), text);
        }
    }
    out.entry("name".to_owned())
        .or_insert_with(|| recipient_name.unwrap_or_default().to_owned());
    out
}

/// What the app gets with a push: the variables (in `locale`) and the event.
pub fn push_data(event: &str, vars: &Value, locale: Locale) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Value::Object(m) = vars {
        for (k, v) in m {
            out.insert(k.clone(), var_text(v, locale));
        }
    }
    out.insert("event".to_owned(), event.to_owned());
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each `{name}` of a known variable (escaped when `html`); other
/// braces stay as they are, unknown placeholders become empty.
pub fn fill(text: &str, vars: &BTreeMap<String, String>, html: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let name_end = after.find('}').filter(|&end| {
            end > 0
                && after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        match name_end {
            Some(end) => {
                let value = vars.get(&after[..end]).map(String::as_str).unwrap_or("");
                if html {
                    out.push_str(&escape_html(value));
                } else {
                    out.push_str(value);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML part made from a text part: escaped paragraphs in the
/// recipient's language and direction.
pub fn email_html(subject: &str, text: &str, locale: Locale) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(escape_html).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    let (lang, dir) = (locale.code(), locale.dir());
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head><meta charset=\"utf-8\">\
         <title>{}</title></head>\n<body style=\"font-family: Tahoma, Arial, sans-serif; \
         line-height: 1.6;\">\n{paragraphs}</body>\n</html>\n",
        escape_html(subject)
    )
}

/// Fills a template for one recipient.
pub fn render(t: &TemplateRow, vars: &BTreeMap<String, String>, locale: Locale) -> Rendered {
    let title = fill(&t.title, vars, false);
    let body = fill(&t.body, vars, false);
    let html = (t.channel == "email").then(|| match &t.html {
        Some(h) => fill(h, vars, true),
        None => email_html(&title, &body, locale),
    });
    Rendered { title, body, html }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_placeholders_in_the_recipients_language() {
        let vars = json!({"title": {"ar": "عرض", "en": "Offer"}, "n": 3, "x": null});
        let ar = vars_for("broadcast", &vars, Locale::Ar, Some("علي"));
        let en = vars_for("broadcast", &vars, Locale::En, None);
        assert_eq!(
            fill("{title} {n} {name}{x} {y} {not a var} {", &ar, false),
            "عرض 3 علي  {not a var} {"
        );
        assert_eq!(fill("{title}", &en, false), "Offer");
        let only_ar = vars_for("broadcast", &json!({"t": {"ar": "فقط"}}), Locale::En, None);
        assert_eq!(only_ar["t"], "فقط");
    }

    #[test]
    fn order_statuses_are_shown_with_their_label() {
        let vars = json!({"orderNumber": "Q-1", "status": "ready_for_pickup"});
        let ar = vars_for("order.status", &vars, Locale::Ar, None);
        let en = vars_for("order.status", &vars, Locale::En, None);
        assert_eq!(en["status"], "ready for the courier");
        assert_eq!(ar["status"], "جاهز للشحن");
        let other = vars_for("chat.message", &vars, Locale::En, None);
        assert_eq!(other["status"], "ready_for_pickup");
        let unknown = vars_for("order.status", &json!({"status": "lost"}), Locale::En, None);
        assert_eq!(unknown["status"], "lost");
    }

    #[test]
    fn email_html_escapes_variables_and_text() {
        let vars = vars_for(
            "chat.message",
            &json!({"preview": "<b>&"}),
            Locale::En,
            None,
        );
        assert_eq!(
            fill("<p>{preview}</p>", &vars, true),
            "<p>&lt;b&gt;&amp;</p>"
        );
        let html = email_html("Hi <x>", "a <b>\nline\n\nnext", Locale::Ar);
        assert!(html.contains("lang=\"ar\" dir=\"rtl\""), "{html}");
        assert!(
            html.contains("<p>a &lt;b&gt;<br>\nline</p>\n<p>next</p>"),
            "{html}"
        );
        assert!(html.contains("<title>Hi &lt;x&gt;</title>"), "{html}");
    }
}
