//! The answers every operation shares, added to the generated document once
//! here rather than in each annotation: what the extractors, the token check,
//! the permission guard, the body limit and the database answer for any
//! handler. An annotation's own entry for a status wins (its description is
//! the more precise one).

use std::collections::BTreeMap;

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::{
    Content, HeaderBuilder, OpenApi, Ref, RefOr, Required, Response, ResponseBuilder, Schema,
};

/// One shared answer: its component name, status, description and headers.
struct Shared {
    name: &'static str,
    status: &'static str,
    description: &'static str,
    headers: &'static [(&'static str, &'static str)],
}

/// The shared answers.
const SHARED: &[Shared] = &[
    Shared {
        name: "BadRequest",
        status: "400",
        description: "The request is malformed: a body that is not JSON or not sent with `Content-Type: application/json`, or a path segment that is not UTF-8 once percent-decoded.",
        headers: &[],
    },
    Shared {
        name: "Unauthenticated",
        status: "401",
        description: "No bearer token, or one that is invalid, expired or revoked, or the account is suspended or deleted.",
        headers: &[("WWW-Authenticate", "`Bearer`.")],
    },
    Shared {
        name: "Forbidden",
        status: "403",
        description: "The caller's role, permissions or store membership do not allow this.",
        headers: &[],
    },
    Shared {
        name: "NotFound",
        status: "404",
        description: "No such object visible to the caller (an id that is no UUID included).",
        headers: &[],
    },
    Shared {
        name: "PayloadTooLarge",
        status: "413",
        description: "The body is over the size limit.",
        headers: &[],
    },
    Shared {
        name: "Unprocessable",
        status: "422",
        description: "A field or query parameter is missing, unknown, of the wrong type or breaks a rule; `error.fields` names each one.",
        headers: &[],
    },
    Shared {
        name: "RateLimited",
        status: "429",
        description: "Too many attempts; `Retry-After` tells when to try again.",
        headers: &[("Retry-After", "Seconds to wait.")],
    },
    Shared {
        name: "Unavailable",
        status: "503",
        description: "The database or a provider is unavailable for now, or the platform is under maintenance (`MAINTENANCE`); `Retry-After` tells when to try again.",
        headers: &[("Retry-After", "Seconds to wait.")],
    },
    Shared {
        name: "UpgradeRequired",
        status: "426",
        description: "The app named by `X-App-Name` is older (`X-App-Version`) than the minimum the admin set (`APP_UPDATE_REQUIRED`).",
        headers: &[],
    },
    Shared {
        name: "MarketplaceOff",
        status: "404",
        description: "The marketplace this path belongs to is switched off (`FEATURE_DISABLED`), or no such object is visible to the caller.",
        headers: &[],
    },
];

/// Adds the shared answers to every operation that can give them.
pub struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for shared in SHARED {
            components.responses.insert(
                shared.name.to_owned(),
                RefOr::T(error_response(shared.description, shared.headers)),
            );
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (method, op) in [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ] {
                let Some(op) = op else { continue };
                paging_bounds(op);
                if method == "post" {
                    idempotency_key(path, op);
                }
                for name in shared_for(path, op) {
                    let status = SHARED
                        .iter()
                        .find(|s| s.name == name)
                        .map(|s| s.status)
                        .expect("a shared response");
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
                }
            }
        }
    }
}

/// `page` and `perPage` of every list, as `kernel::pagination` checks them.
fn paging_bounds(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        if !matches!(p.parameter_in, ParameterIn::Query) {
            continue;
        }
        let (min, max) = match p.name.as_str() {
            "page" => (1, i64::from(u32::MAX)),
            "perPage" => (1, i64::from(kernel::pagination::MAX_PER_PAGE)),
            _ => continue,
        };
        if let Some(RefOr::T(Schema::Object(o))) = p.schema.as_mut() {
            o.minimum = Some(min.into());
            o.maximum = Some(max.into());
            // A `u32`: `int32` would put the top half out of range.
            o.format = None;
        }
    }
}

/// What `app::idempotency` reads from `Idempotency-Key`.
const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]{1,200}$";

/// `Idempotency-Key` on every signed-in POST: required where an operation
/// declares it, honoured (optional) on the others by `app::idempotency::layer`.
fn idempotency_key(path: &str, op: &mut Operation) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    if !path.starts_with("/api/") || !secured {
        return;
    }
    let schema = || {
        Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(IDEMPOTENCY_KEY_PATTERN))
                .build(),
        )
    };
    let params = op.parameters.get_or_insert_with(Vec::new);
    match params
        .iter_mut()
        .find(|p| matches!(p.parameter_in, ParameterIn::Header) && p.name.eq_ignore_ascii_case("idempotency-key"))
    {
        Some(p) => {
            p.schema = Some(RefOr::T(schema()));
            p.description.get_or_insert_with(|| {
                "1 to 200 visible ASCII characters; the same key and body replays the first answer.".to_owned()
            });
        }
        None => params.push(
            ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Optional: 1 to 200 visible ASCII characters; a repeat with the same key and body replays the first answer, another body with it is a 422.",
                ))
                .schema(Some(schema()))
                .build(),
        ),
    }
}

/// Which shared answers an operation can give.
fn shared_for(path: &str, op: &Operation) -> Vec<&'static str> {
    let mut names = Vec::new();
    let api = path.starts_with("/api/");
    let params = op.parameters.as_deref().unwrap_or_default();
    let in_path = params
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Path));
    let in_query = params
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let body: Vec<&String> = op
        .request_body
        .as_ref()
        .map(|b| b.content.keys().collect())
        .unwrap_or_default();
    let json_body = body.iter().any(|c| c.as_str() == "application/json");
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    if json_body || in_path {
        // `ValidJson`: not JSON, or the wrong content type; axum's `Path`:
        // a segment that does not decode.
        names.push("BadRequest");
    }
    if secured {
        names.push("Unauthenticated");
    }
    // The permission guard of the admin platform and the store-access check
    // of the partner surface.
    if secured && (path.starts_with("/api/v1/admin/") || path.starts_with("/api/v1/partner/")) {
        names.push("Forbidden");
    }
    if in_path && api {
        names.push("NotFound");
    }
    // Every switch off at once: the paths some switch can hide.
    let all_off = app::settings::Marketplaces {
        direct_orders: false,
        requests: false,
        bookings: false,
        repairs: false,
        external_parts: false,
    };
    if api && app::settings::gate::switched_off(&all_off, path) {
        names.push("MarketplaceOff");
    }
    if !body.is_empty() {
        names.push("PayloadTooLarge");
    }
    let in_header = params
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Header));
    if json_body || in_query || in_header {
        // `ValidJson` / `ValidQuery`: a field named as failing.
        names.push("Unprocessable");
    }
    if api {
        // Every API operation reads the database (a bearer token is checked
        // against its session row), and maintenance closes most of them.
        names.push("Unavailable");
        names.push("UpgradeRequired");
    }
    names
}

fn error_response(description: &str, headers: &[(&str, &str)]) -> Response {
    let mut r = ResponseBuilder::new().description(description).content(
        "application/json",
        Content::new(Some(RefOr::Ref(Ref::from_schema_name("ErrorEnvelope")))),
    );
    for (name, about) in headers {
        let schema = if *name == "Retry-After" {
            Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .build(),
            )
        } else {
            Schema::Object(ObjectBuilder::new().schema_type(Type::String).build())
        };
        r = r.header(
            *name,
            HeaderBuilder::new()
                .schema(schema)
                .description(Some(*about))
                .build(),
        );
    }
    r.build()
}

/// Bounds that move with the calendar, which an annotation cannot hold: a
/// model year runs from 1950 to next year.
pub struct CalendarBounds;

impl Modify for CalendarBounds {
    fn modify(&self, openapi: &mut OpenApi) {
        let max = app::taxonomy::model::year_max();
        for (schema, field) in [
            ("NewModel", "yearFrom"),
            ("NewModel", "yearTo"),
            ("ModelPatch", "yearFrom"),
            ("ModelPatch", "yearTo"),
        ] {
            if let Some(p) = property(openapi, schema, field) {
                p.maximum = Some(max.into());
            }
        }
    }
}

/// A property of a component schema, when it is an inline object schema.
fn property<'a>(openapi: &'a mut OpenApi, schema: &str, field: &str) -> Option<&'a mut Object> {
    let components = openapi.components.as_mut()?;
    let RefOr::T(Schema::Object(object)) = components.schemas.get_mut(schema)? else {
        return None;
    };
    match object.properties.get_mut(field)? {
        RefOr::T(Schema::Object(p)) => Some(p),
        _ => None,
    }
}

/// Operation ids the generator derives from handler names repeat across
/// features (`list`, `create`, `approve`); OpenAPI wants them unique, so a
/// repeated one becomes the method and path (`post_admin_users_id_approve`).
pub struct UniqueOperationIds;

impl Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut OpenApi) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for item in openapi.paths.paths.values() {
            for op in operations(item) {
                if let Some(id) = &op.operation_id {
                    *seen.entry(id.clone()).or_default() += 1;
                }
            }
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (method, op) in [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ] {
                let Some(op) = op else { continue };
                if op.operation_id.as_ref().is_some_and(|id| seen[id] > 1) {
                    op.operation_id = Some(id_from(method, path));
                }
            }
        }
    }
}

fn operations(item: &utoipa::openapi::PathItem) -> impl Iterator<Item = &Operation> {
    [&item.get, &item.put, &item.post, &item.delete, &item.patch]
        .into_iter()
        .flatten()
}

/// `post` + `/api/v1/admin/users/{id}/approve` → `post_admin_users_id_approve`.
fn id_from(method: &str, path: &str) -> String {
    let rest = path.strip_prefix("/api/v1").unwrap_or(path);
    let mut id = method.to_owned();
    for part in rest.split('/').filter(|p| !p.is_empty()) {
        id.push('_');
        id.extend(
            part.trim_matches(|c| c == '{' || c == '}')
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        );
    }
    id
}

/// The document as served: the generated one with the shared answers and
/// unique operation ids.
pub fn finish(mut doc: OpenApi) -> OpenApi {
    SharedResponses.modify(&mut doc);
    CalendarBounds.modify(&mut doc);
    UniqueOperationIds.modify(&mut doc);
    doc
}
