//! What the statistics answer: per period and flow the counts and amounts
//! of the roll-ups (halalas), and the tops. See the migration
//! `20261207000020_stats_rollups.sql` for what each figure counts.

use serde::Serialize;
use time::{Date, Duration};
use uuid::Uuid;

use super::format_date;
use super::rollup::{Flow, FlowsSpec, Grain, TopKind};

/// One platform day of one flow, as the roll-up holds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlowDayRow {
    pub day: Date,
    pub flow: String,
    pub placed: i64,
    pub gmv: i64,
    pub commission: i64,
    pub completed: i64,
    pub cancelled: i64,
    pub refunded: i64,
    pub voided_gmv: i64,
    pub voided_commission: i64,
    pub refunds: i64,
    pub refunded_amount: i64,
}

/// A flow's figures over a period. Amounts are halalas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FlowFigures {
    pub flow: Flow,
    /// Committed to in the period: paid or confirmed cash (orders, bookings,
    /// external orders), accepted (repair jobs).
    pub placed: i64,
    /// Delivered or completed in the period.
    pub completed: i64,
    /// Placed ones cancelled or rejected in the period.
    pub cancelled: i64,
    /// Placed ones refunded in full in the period.
    pub refunded: i64,
    /// The totals (with VAT) of those placed.
    pub gmv: i64,
    /// The platform's commission (without its VAT) on those placed.
    pub commission: i64,
    /// The totals of those cancelled or refunded in full in the period.
    pub voided_gmv: i64,
    pub voided_commission: i64,
    /// `gmv - voidedGmv`.
    pub net_gmv: i64,
    /// `commission - voidedCommission`.
    pub net_commission: i64,
    /// Refunds made in the period (partial or full, cancellations' too).
    pub refunds: i64,
    pub refunded_amount: i64,
}

impl FlowFigures {
    pub fn zero(flow: Flow) -> FlowFigures {
        FlowFigures {
            flow,
            placed: 0,
            completed: 0,
            cancelled: 0,
            refunded: 0,
            gmv: 0,
            commission: 0,
            voided_gmv: 0,
            voided_commission: 0,
            net_gmv: 0,
            net_commission: 0,
            refunds: 0,
            refunded_amount: 0,
        }
    }

    fn add(&mut self, r: &FlowDayRow) {
        self.placed += r.placed;
        self.completed += r.completed;
        self.cancelled += r.cancelled;
        self.refunded += r.refunded;
        self.gmv += r.gmv;
        self.commission += r.commission;
        self.voided_gmv += r.voided_gmv;
        self.voided_commission += r.voided_commission;
        self.net_gmv = self.gmv - self.voided_gmv;
        self.net_commission = self.commission - self.voided_commission;
        self.refunds += r.refunds;
        self.refunded_amount += r.refunded_amount;
    }

    fn add_all(&mut self, o: &FlowFigures) {
        self.placed += o.placed;
        self.completed += o.completed;
        self.cancelled += o.cancelled;
        self.refunded += o.refunded;
        self.gmv += o.gmv;
        self.commission += o.commission;
        self.voided_gmv += o.voided_gmv;
        self.voided_commission += o.voided_commission;
        self.net_gmv += o.net_gmv;
        self.net_commission += o.net_commission;
        self.refunds += o.refunds;
        self.refunded_amount += o.refunded_amount;
    }
}

/// One period of the range (clipped to it) with each flow asked for.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PeriodFigures {
    /// First and last day of the period inside the range, `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    pub flows: Vec<FlowFigures>,
}

/// The flows over a range of platform days (Asia/Riyadh), period by period,
/// and their totals.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FlowStats {
    pub from: String,
    pub to: String,
    pub grain: Grain,
    pub currency: String,
    /// Oldest first; every period of the range, quiet ones with zeros.
    pub periods: Vec<PeriodFigures>,
    pub totals: Vec<FlowFigures>,
}

impl FlowStats {
    /// Groups the roll-up's days (of `spec`'s range) into `spec`'s periods.
    pub fn build(spec: &FlowsSpec, rows: &[FlowDayRow]) -> FlowStats {
        let flows: Vec<Flow> = match spec.flow {
            Some(f) => vec![f],
            None => Flow::ALL.to_vec(),
        };
        let zeros = || {
            flows
                .iter()
                .map(|f| FlowFigures::zero(*f))
                .collect::<Vec<_>>()
        };
        // (the period's key, first day, last day, figures)
        let mut periods: Vec<(Date, Date, Date, Vec<FlowFigures>)> = Vec::new();
        let mut d = spec.from;
        while d <= spec.to {
            let key = spec.grain.start_of(d);
            match periods.last_mut() {
                Some(p) if p.0 == key => p.2 = d,
                _ => periods.push((key, d, d, zeros())),
            }
            d += Duration::days(1);
        }
        for r in rows {
            let (Some(flow), Ok(at)) = (
                Flow::parse(&r.flow),
                periods.binary_search_by_key(&spec.grain.start_of(r.day), |p| p.0),
            ) else {
                continue;
            };
            if let Some(f) = periods[at].3.iter_mut().find(|f| f.flow == flow) {
                f.add(r);
            }
        }
        let mut totals = zeros();
        for p in &periods {
            for (t, f) in totals.iter_mut().zip(&p.3) {
                t.add_all(f);
            }
        }
        FlowStats {
            from: format_date(spec.from),
            to: format_date(spec.to),
            grain: spec.grain,
            currency: "SAR".into(),
            periods: periods
                .into_iter()
                .map(|(_, first, last, flows)| PeriodFigures {
                    start: format_date(first),
                    end: format_date(last),
                    flows,
                })
                .collect(),
            totals,
        }
    }

    /// The same figures as CSV for spreadsheets: UTF-8 with a byte-order
    /// mark (so Excel reads the Arabic names), one line per period and flow.
    pub fn csv(&self, name: impl Fn(Flow) -> String) -> String {
        let mut out = String::from(
            "\u{feff}period_start,period_end,flow,flow_name,placed,completed,cancelled,refunded,\
             gmv_halalas,commission_halalas,voided_gmv_halalas,voided_commission_halalas,\
             net_gmv_halalas,net_commission_halalas,refunds,refunded_halalas\r\n",
        );
        for p in &self.periods {
            for f in &p.flows {
                out.push_str(&format!(
                    "{},{},{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                    p.start,
                    p.end,
                    f.flow.as_str(),
                    name(f.flow).replace('"', "\"\""),
                    f.placed,
                    f.completed,
                    f.cancelled,
                    f.refunded,
                    f.gmv,
                    f.commission,
                    f.voided_gmv,
                    f.voided_commission,
                    f.net_gmv,
                    f.net_commission,
                    f.refunds,
                    f.refunded_amount,
                ));
            }
        }
        out
    }
}

/// One store, rep or product of a top, over the range. Amounts are halalas.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TopItem {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// Products: the store selling it.
    pub store_id: Option<Uuid>,
    /// Placed in the range (products: orders holding it, less those voided).
    pub placed: i64,
    /// Stores and reps: completed in the range.
    pub completed: Option<i64>,
    /// Stores and reps: cancelled or refunded in full in the range.
    pub cancelled: Option<i64>,
    /// Products: units sold, less those voided.
    pub units: Option<i64>,
    /// Net GMV (products: line totals before VAT), what the top is ranked by.
    pub gmv: i64,
    /// Stores and reps: net commission.
    pub commission: Option<i64>,
}

/// A top of stores, reps or products by net GMV, largest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TopList {
    pub from: String,
    pub to: String,
    pub kind: TopKind,
    pub flow: Option<Flow>,
    pub currency: String,
    pub items: Vec<TopItem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn row(day: Date, flow: &str, placed: i64, gmv: i64, voided: i64) -> FlowDayRow {
        FlowDayRow {
            day,
            flow: flow.into(),
            placed,
            gmv,
            commission: gmv / 10,
            completed: 0,
            cancelled: i64::from(voided > 0),
            refunded: 0,
            voided_gmv: voided,
            voided_commission: voided / 10,
            refunds: 0,
            refunded_amount: 0,
        }
    }

    #[test]
    fn days_fall_into_clipped_weeks_and_months() {
        let rows = [
            row(date!(2025 - 03 - 01), "order", 2, 15_000, 0),
            row(date!(2025 - 03 - 02), "order", 0, 0, 5_000),
            row(date!(2025 - 03 - 31), "booking", 1, 20_000, 0),
            row(date!(2025 - 04 - 01), "booking", 0, 0, 20_000),
        ];
        let spec = |grain| FlowsSpec {
            from: date!(2025 - 03 - 01),
            to: date!(2025 - 04 - 01),
            grain,
            flow: None,
        };
        let weeks = FlowStats::build(&spec(Grain::Week), &rows);
        let bounds: Vec<(&str, &str)> = weeks
            .periods
            .iter()
            .map(|p| (p.start.as_str(), p.end.as_str()))
            .collect();
        assert_eq!(
            bounds,
            [
                ("2025-03-01", "2025-03-01"),
                ("2025-03-02", "2025-03-08"),
                ("2025-03-09", "2025-03-15"),
                ("2025-03-16", "2025-03-22"),
                ("2025-03-23", "2025-03-29"),
                ("2025-03-30", "2025-04-01"),
            ]
        );
        assert_eq!(weeks.periods[0].flows.len(), 5);
        assert_eq!(weeks.periods[1].flows[0].net_gmv, -5_000);
        let last = &weeks.periods[5].flows[2];
        assert_eq!((last.placed, last.gmv, last.net_gmv), (1, 20_000, 0));

        let months = FlowStats::build(&spec(Grain::Month), &rows);
        assert_eq!(months.periods.len(), 2);
        let march = &months.periods[0].flows[0];
        assert_eq!(
            (march.placed, march.net_gmv, march.cancelled),
            (2, 10_000, 1)
        );
        assert_eq!(months.totals[2].net_gmv, 0);
        assert_eq!(months.totals[0].net_commission, 1_000);

        let one = FlowStats::build(
            &FlowsSpec {
                flow: Some(Flow::Booking),
                ..spec(Grain::Day)
            },
            &rows[2..],
        );
        assert_eq!(one.periods.len(), 32);
        assert_eq!(
            one.periods[30].flows,
            vec![FlowFigures {
                placed: 1,
                gmv: 20_000,
                commission: 2_000,
                net_gmv: 20_000,
                net_commission: 2_000,
                ..FlowFigures::zero(Flow::Booking)
            }]
        );
        let csv = one.csv(|f| format!("«{}»", f.as_str()));
        assert!(csv.starts_with("\u{feff}period_start,period_end,flow,"));
        assert_eq!(csv.lines().count(), 33);
        assert!(csv.contains("\r\n2025-03-31,2025-03-31,booking,\"«booking»\",1,0,0,0,20000,2000,0,0,20000,2000,0,0\r\n"));
    }
}
