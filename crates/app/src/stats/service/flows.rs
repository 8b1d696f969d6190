//! The admin's statistics of the five flows, from the roll-ups alone; all
//! need `finance.manage` (the permission of the admin home).

use kernel::ApiResult;

use super::super::model::figures::{FlowStats, TopList};
use super::super::model::rollup::{Flow, FlowsQuery, TopKind, TopQuery};
use super::super::model::{format_date, today};
use super::super::repo::{rollup, tops};
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;

/// Per period and flow: placed, completed, cancelled and refunded counts,
/// GMV and commission (gross, voided and net), refunds.
pub async fn flows(state: &AppState, caller: &Caller, q: &FlowsQuery) -> ApiResult<FlowStats> {
    permissions::require(state, caller, Permission::FinanceManage).await?;
    let spec = q.resolve(today())?;
    let rows =
        rollup::platform_days(&state.db, spec.from, spec.to, spec.flow.map(Flow::as_str)).await?;
    Ok(FlowStats::build(&spec, &rows))
}

/// A file of the same figures.
pub struct Csv {
    pub file_name: String,
    pub body: String,
}

/// [`flows`] as CSV, the flows' names in the caller's language.
pub async fn flows_csv(state: &AppState, caller: &Caller, q: &FlowsQuery) -> ApiResult<Csv> {
    let stats = flows(state, caller, q).await?;
    let locale = caller.client.locale;
    Ok(Csv {
        file_name: format!("qitaa-flows-{}-{}.csv", stats.from, stats.to),
        body: stats.csv(|f| kernel::i18n::t(locale, f.label_key())),
    })
}

/// The stores, reps or products with the largest net GMV over the range.
pub async fn top(state: &AppState, caller: &Caller, q: &TopQuery) -> ApiResult<TopList> {
    permissions::require(state, caller, Permission::FinanceManage).await?;
    let spec = q.resolve(today())?;
    let flow = spec.flow.map(Flow::as_str);
    let items = match spec.kind {
        TopKind::Stores => {
            tops::parties(&state.db, "store", spec.from, spec.to, flow, spec.limit).await?
        }
        TopKind::Reps => {
            tops::parties(&state.db, "rep", spec.from, spec.to, flow, spec.limit).await?
        }
        // Only direct orders sell platform products.
        TopKind::Products if spec.flow.is_none_or(|f| f == Flow::Order) => {
            tops::products(&state.db, spec.from, spec.to, spec.limit).await?
        }
        TopKind::Products => Vec::new(),
    };
    Ok(TopList {
        from: format_date(spec.from),
        to: format_date(spec.to),
        kind: spec.kind,
        flow: spec.flow,
        currency: "SAR".into(),
        items,
    })
}
