//! What the dashboards' homes share: KPI cards (value, change against the
//! previous period, sparkline), the period picker and chart specs for
//! `static/ds/charts.js`.

use serde::Serialize;

use app::stats::{Kpi, Period};
use kernel::i18n::Message;
use kernel::money::{decimal, digits_of, with_digits};

use crate::chrome::{Chrome, group_thousands};

/// One KPI card as the template shows it.
pub struct KpiCard {
    pub id: &'static str,
    pub label: String,
    pub icon: &'static str,
    pub value: String,
    /// `up`, `down` or `flat`; empty when there is no previous figure.
    pub trend: &'static str,
    pub change: String,
    /// The polyline of the sparkline (viewBox 0 0 100 32), empty for none.
    pub spark: String,
    pub href: Option<String>,
}

impl KpiCard {
    /// A card of a figure with a previous period; `money` shows halalas as SAR.
    pub fn of(
        c: &Chrome,
        id: &'static str,
        label_key: &str,
        icon: &'static str,
        k: &Kpi,
        money: bool,
    ) -> KpiCard {
        let (trend, change) = match k.change_bp {
            Some(0) => ("flat", c.t("ds-no-change")),
            Some(bp) if bp > 0 => ("up", c.pct(&bp)),
            Some(bp) => ("down", c.pct(&bp)),
            None if k.value > 0 => ("up", c.t("ds-new")),
            None => ("", String::new()),
        };
        KpiCard {
            id,
            label: c.t(label_key),
            icon,
            value: if money {
                sar_grouped(c, k.value)
            } else {
                c.num(&k.value)
            },
            trend,
            change,
            spark: sparkline(&k.daily),
            href: None,
        }
    }

    /// A card of a figure that is a count now, with no period.
    pub fn now(
        c: &Chrome,
        id: &'static str,
        label_key: &str,
        icon: &'static str,
        value: String,
    ) -> KpiCard {
        KpiCard {
            id,
            label: c.t(label_key),
            icon,
            value,
            trend: "",
            change: String::new(),
            spark: String::new(),
            href: None,
        }
    }

    pub fn link(mut self, href: String) -> KpiCard {
        self.href = Some(href);
        self
    }
}

/// An amount with its thousands grouped, in the page's digits and currency order.
pub fn sar_grouped(c: &Chrome, halalas: i64) -> String {
    let d = decimal(halalas);
    let (int, frac) = d.split_once('.').unwrap_or((&d, "00"));
    let int: i64 = int.parse().unwrap_or(0);
    let sign = if halalas < 0 && int == 0 { "-" } else { "" };
    let text = format!("{sign}{}.{frac}", group_thousands(int));
    Message::new("money-sar")
        .arg("amount", with_digits(&text, digits_of(c.locale)))
        .render(c.locale)
}

/// The points of a sparkline over `values` (oldest first), scaled to 100×32.
pub fn sparkline(values: &[i64]) -> String {
    if values.len() < 2 {
        return String::new();
    }
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let min = values.iter().copied().min().unwrap_or(0).min(0) as f64;
    let span = (max - min).max(1.0);
    let step = 100.0 / (values.len() - 1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "{:.1},{:.1}",
                i as f64 * step,
                30.0 - (*v as f64 - min) / span * 28.0
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The period picker's tabs and the custom range's dates.
pub struct PeriodPicker {
    pub tabs: Vec<(String, String, bool)>,
    pub custom: bool,
    pub from: String,
    pub to: String,
    /// The first and last day shown, in the page's digits (isolated left to
    /// right one by one, so the range reads in the page's direction).
    pub first: String,
    pub last: String,
    /// Other query parameters the page keeps when the period changes.
    pub keep: Vec<(&'static str, String)>,
}

impl PeriodPicker {
    /// Keeps `name=value` in the period's links and form.
    pub fn keep(mut self, name: &'static str, value: &str) -> PeriodPicker {
        if !value.is_empty() {
            for tab in &mut self.tabs {
                tab.1.push_str(&format!("&{name}={value}"));
            }
            self.keep.push((name, value.to_owned()));
        }
        self
    }
    /// The preset range shown, for forms that keep it.
    pub fn range(&self) -> &str {
        if self.custom {
            return "custom";
        }
        self.tabs
            .iter()
            .position(|t| t.2)
            .map(|i| ["today", "7d", "30d"][i])
            .unwrap_or("30d")
    }
    pub fn of(c: &Chrome, path: &str, p: &Period) -> PeriodPicker {
        let tabs = [
            ("today", "ds-range-today"),
            ("7d", "ds-range-7d"),
            ("30d", "ds-range-30d"),
        ]
        .into_iter()
        .map(|(r, key)| (c.t(key), format!("{path}?range={r}"), p.range == r))
        .collect();
        let d = digits_of(c.locale);
        PeriodPicker {
            tabs,
            custom: p.range == "custom",
            from: p.from.clone(),
            to: p.to.clone(),
            first: with_digits(&p.from, d),
            last: if p.from == p.to {
                String::new()
            } else {
                with_digits(&p.to, d)
            },
            keep: Vec::new(),
        }
    }
}

/// A chart for `charts.js`: its JSON goes in `data-chart`, and the same
/// figures go in the table under it.
#[derive(Serialize)]
pub struct ChartSpec {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub decimals: u8,
    pub unit: String,
    /// `latn` or `arab`, as the page writes numbers.
    pub digits: &'static str,
}

#[derive(Serialize)]
pub struct Series {
    pub label: String,
    pub data: Vec<f64>,
}

impl ChartSpec {
    pub fn new(c: &Chrome, kind: &'static str, labels: Vec<String>) -> ChartSpec {
        ChartSpec {
            kind,
            labels,
            series: Vec::new(),
            decimals: 0,
            unit: String::new(),
            digits: match digits_of(c.locale) {
                kernel::money::Digits::Latin => "latn",
                kernel::money::Digits::ArabicIndic => "arab",
            },
        }
    }
    pub fn series(mut self, label: String, data: Vec<f64>) -> ChartSpec {
        self.series.push(Series { label, data });
        self
    }
    /// Amounts in riyals with two decimals and the currency in tooltips.
    pub fn money(mut self, c: &Chrome) -> ChartSpec {
        self.decimals = 2;
        self.unit = c.t("ds-currency");
        self
    }
    pub fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Short day labels for a period's axis: `12-07` (month-day) in the page's digits.
pub fn day_labels(c: &Chrome, p: &Period) -> Vec<String> {
    let d = digits_of(c.locale);
    p.days
        .iter()
        .map(|s| with_digits(s.get(5..).unwrap_or(s), d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_spans_the_box() {
        assert_eq!(sparkline(&[0, 10]), "0.0,30.0 100.0,2.0");
        assert_eq!(sparkline(&[5]), "");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(-1234567), "-1,234,567");
    }
}
