//! The figures of the dashboards' homes: the admin's KPIs over a period
//! (orders, GMV, commission, new customers and stores, what waits for an
//! admin) and a store's (pending orders, sales, products, stock, rating),
//! each against the period before it, from indexed SQL over the orders.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{AdminOverview, Kpi, Period, PeriodQuery, StoreOverview};
