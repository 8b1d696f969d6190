use askama::Template;
use askama_web::WebTemplate;

use crate::chrome::{Chrome, WebCtx};

#[derive(Template, WebTemplate)]
#[template(path = "landing.html")]
pub struct Landing {
    c: Chrome,
}

pub async fn page(ctx: WebCtx) -> Landing {
    Landing {
        c: Chrome {
            locale: ctx.locale,
            csrf: String::new(),
            nav: None,
        },
    }
}
