use http::HeaderMap;
use serde::{Deserialize, Serialize};

/// The two languages the product speaks; Arabic is the default everywhere.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Ar,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ar => "ar",
            Locale::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar => "rtl",
            Locale::En => "ltr",
        }
    }

    /// Accepts `ar`, `en` and regional tags such as `en-GB` or `ar_SA`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag
            .trim()
            .split(['-', '_', ';'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Locale::Ar),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// `X-Localization` wins over `Accept-Language`; the first language of
    /// `Accept-Language` that we speak is taken in the client's order (the
    /// clients we serve send one or two tags, so q-values are not weighed).
    pub fn from_headers(headers: &HeaderMap) -> Locale {
        if let Some(l) = headers
            .get("x-localization")
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::parse)
        {
            return l;
        }
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').find_map(Locale::parse))
            .unwrap_or_default()
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Locale {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Locale::parse(s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_language_we_speak() {
        let mut h = HeaderMap::new();
        assert_eq!(Locale::from_headers(&h), Locale::Ar);
        h.insert(
            "accept-language",
            "fr-FR, en-US;q=0.8, ar;q=0.5".parse().unwrap(),
        );
        assert_eq!(Locale::from_headers(&h), Locale::En);
        h.insert("x-localization", "ar".parse().unwrap());
        assert_eq!(Locale::from_headers(&h), Locale::Ar);
    }
}
