//! Booking rules, in three parts: the store's menu and schedule
//! (`service/menu.rs`), the customer's availability, booking and
//! cancellation (`service/book.rs`), and the steps after (`service/steps.rs`).

pub mod book;
pub mod menu;
pub mod steps;
