//! SQL of the supply side's tables: companies and their documents, store
//! types and services, stores, employees.

mod branches;
mod catalog;
mod companies;
mod team;

pub use branches::*;
pub use catalog::*;
pub use companies::*;
pub use team::*;

/// The constraint a unique violation hit, if that is what `e` is.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    let db = e.as_database_error()?;
    if db.is_unique_violation() {
        db.constraint().map(str::to_owned)
    } else {
        None
    }
}

fn like(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}
