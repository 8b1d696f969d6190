//! `?page=&perPage=&sort=` as the API contract defines them.

use serde::Deserialize;

use crate::i18n::Message;
use crate::{ApiError, FieldErrors};

pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Paging part of a list query; flatten it into the feature's own query type.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page, at most 100 (default 20).
    pub per_page: Option<u32>,
    /// Comma-separated fields, `-` for descending, e.g. `-createdAt,name`.
    pub sort: Option<String>,
}

/// A validated page request with its SQL `LIMIT`/`OFFSET`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: u32,
    pub per_page: u32,
}

impl Page {
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

impl PageQuery {
    pub fn check(&self, errors: &mut FieldErrors) -> Page {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            errors.add("page", Message::new("validation-min").arg("min", 1i64));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            errors.add(
                "perPage",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", i64::from(MAX_PER_PAGE)),
            );
        }
        Page {
            page: page.max(1),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    /// Turns `sort` into an `ORDER BY` list, each key looked up in `allowed`
    /// (API name → SQL column), so no client text ever reaches the SQL.
    pub fn order_by(
        &self,
        allowed: &[(&str, &'static str)],
        default: &'static str,
        errors: &mut FieldErrors,
    ) -> String {
        let Some(raw) = self.sort.as_deref().filter(|s| !s.trim().is_empty()) else {
            return default.to_owned();
        };
        let mut parts = Vec::new();
        for key in raw.split(',').map(str::trim) {
            let (name, dir) = match key.strip_prefix('-') {
                Some(n) => (n, "DESC"),
                None => (key.strip_prefix('+').unwrap_or(key), "ASC"),
            };
            match allowed.iter().find(|(api, _)| *api == name) {
                Some((_, col)) => parts.push(format!("{col} {dir}")),
                None => {
                    let names: Vec<&str> = allowed.iter().map(|(a, _)| *a).collect();
                    errors.add(
                        "sort",
                        Message::new("validation-one-of").arg("allowed", names.join(", ")),
                    );
                    return default.to_owned();
                }
            }
        }
        // A unique tiebreaker keeps pages stable when sort keys repeat.
        parts.push("id ASC".into());
        parts.join(", ")
    }
}

impl crate::validation::Validate for PageQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.check(&mut e);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_is_whitelisted() {
        let q = PageQuery {
            sort: Some("-createdAt,name".into()),
            ..Default::default()
        };
        let mut e = FieldErrors::new();
        let order = q.order_by(
            &[("createdAt", "created_at"), ("name", "name")],
            "created_at DESC",
            &mut e,
        );
        assert!(e.is_empty());
        assert_eq!(order, "created_at DESC, name ASC, id ASC");
        let q = PageQuery {
            sort: Some("password;drop".into()),
            ..Default::default()
        };
        q.order_by(&[("name", "name")], "name", &mut e);
        assert!(e.contains("sort"));
    }

    #[test]
    fn per_page_is_capped() {
        let mut e = FieldErrors::new();
        PageQuery {
            per_page: Some(101),
            ..Default::default()
        }
        .check(&mut e);
        assert!(e.contains("perPage"));
    }
}
