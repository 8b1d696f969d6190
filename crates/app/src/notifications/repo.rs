//! SQL of devices, templates, preferences, the inbox, deliveries and
//! broadcasts. Users and their addresses are read directly (identity and
//! customer own them).

mod broadcasts;
mod deliveries;
mod devices;
mod inbox;
mod preferences;
mod recipients;
mod templates;

pub use broadcasts::*;
pub use deliveries::*;
pub use devices::*;
pub use inbox::*;
pub use preferences::*;
pub use recipients::*;
pub use templates::*;
