pub mod admin;
pub mod pickups;
pub mod product;
pub mod quote;
pub mod rates;
pub mod ship;
pub mod track;
pub mod webhook;
