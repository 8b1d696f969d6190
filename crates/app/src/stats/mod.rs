//! The platform's figures. The five flows (direct orders, store requests'
//! orders, bookings, repair jobs, external orders) keep daily roll-ups in
//! the transaction of each step that changes them ([`record`]); the admin's
//! statistics (per period and flow, tops, CSV) and the dashboards' homes
//! read those, never the flows' tables. The homes are the admin's KPIs over
//! a period (orders, GMV, commission, new customers and stores, what waits
//! for an admin) and a store's (pending orders, sales, products, stock,
//! rating), each against the period before it.

pub mod model;
pub mod record;
mod repo;
pub mod routes;
pub mod service;

pub use model::rollup::{Flow, FlowsQuery, Grain, TopKind, TopQuery};
pub use model::{AdminOverview, Kpi, Period, PeriodQuery, StoreOverview};
pub use record::{Happened, OrderMove, ProductLine, StatEvent, order_moved, rebuild, record};
