//! Cheap checks of the OpenAPI document that need no server: schema names
//! that collide (utoipa keeps one of two types of the same name, silently,
//! and both places then point at it), operation ids, references, and the
//! answers every operation shares.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn doc() -> Value {
    serde_json::to_value(qitaa::server::openapi()).unwrap()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The schema name of every `ToSchema` type in the sources: its
/// `#[schema(as = …)]` when it has one, else its own name.
fn schema_names() -> BTreeMap<String, Vec<String>> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["kernel", "app", "web", "qitaa", "providers"] {
        let src = crates.join(krate).join("src");
        if src.exists() {
            rust_files(&src, &mut files);
        }
    }
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let l = line.trim();
            if !(l.starts_with("#[derive(") && l.contains("ToSchema")) {
                continue;
            }
            let mut alias = None;
            for next in &lines[i + 1..] {
                let n = next.trim();
                if let Some(rest) = n
                    .split("as = ")
                    .nth(1)
                    .filter(|_| n.starts_with("#[schema("))
                {
                    let path: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    alias = path.rsplit("::").next().map(str::to_owned);
                }
                let decl = n.strip_prefix("pub ").or(Some(n)).and_then(|d| {
                    d.strip_prefix("struct ")
                        .or_else(|| d.strip_prefix("enum "))
                });
                if let Some(decl) = decl {
                    let ident: String = decl
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    let where_ = format!(
                        "{}:{}",
                        file.strip_prefix(&crates).unwrap_or(&file).display(),
                        i + 1
                    );
                    names
                        .entry(alias.unwrap_or(ident))
                        .or_default()
                        .push(where_);
                    break;
                }
                if !(n.starts_with("#[") || n.starts_with("///") || n.starts_with("//")) {
                    break;
                }
            }
        }
    }
    names
}

#[test]
fn no_two_types_share_a_schema_name() {
    let names = schema_names();
    assert!(names.len() > 100, "the scan found the types: {names:?}");
    // The scan reads `as = …`: the renamed types count under their new names.
    assert_eq!(names["Category"].len(), 1, "{:?}", names["Category"]);
    assert!(names.contains_key("NotificationCategory") && names.contains_key("OrderStatusChange"));
    let twice: Vec<_> = names.iter().filter(|(_, at)| at.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "schema names used by more than one type (rename one with #[schema(as = …)]): {twice:#?}"
    );
}

/// The names that once collided point at the right shapes from the right places.
#[test]
fn the_once_colliding_names_stay_apart() {
    let doc = doc();
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["Category"]["properties"]["slug"].is_object(),
        "{}",
        schemas["Category"]
    );
    assert_eq!(
        schemas["NotificationCategory"]["enum"],
        serde_json::json!(["orders", "chat", "marketing"])
    );
    assert!(schemas["OrderStatusChange"]["properties"]["toStatus"].is_object());
    assert!(schemas["UserStatusChange"]["properties"]["reason"].is_object());
    assert!(schemas.get("StatusChange").is_none());
    let text = doc.to_string();
    let users_of = |name: &str| {
        let needle = format!("\"#/components/schemas/{name}\"");
        let mut at = BTreeSet::new();
        for (schema, body) in schemas.as_object().unwrap() {
            if body.to_string().contains(&needle) {
                at.insert(schema.clone());
            }
        }
        at
    };
    let category = users_of("Category");
    assert!(
        category.iter().all(|s| !s.starts_with("Notification")),
        "notification shapes point at the product category: {category:?}"
    );
    assert!(!users_of("NotificationCategory").is_empty(), "{text:.0}");
    let order_history = users_of("OrderStatusChange");
    assert!(
        !order_history.is_empty() && users_of("UserStatusChange").is_empty(),
        "order history uses OrderStatusChange; UserStatusChange is a request body only"
    );
    let suspend = &doc["paths"]["/api/v1/admin/users/{id}/suspend"]["post"]["requestBody"];
    assert!(
        suspend.to_string().contains("UserStatusChange"),
        "{suspend}"
    );
}

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                out.push((method.clone(), path.clone(), op));
            }
        }
    }
    out
}

#[test]
fn operation_ids_are_unique() {
    let doc = doc();
    let mut seen = BTreeMap::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        assert!(!id.is_empty(), "{method} {path} has no operationId");
        if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
            panic!("operationId {id} names both {other} and {method} {path}");
        }
    }
}

#[test]
fn every_reference_resolves() {
    let doc = doc();
    fn walk(v: &Value, refs: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    refs.insert(r.clone());
                }
                m.values().for_each(|x| walk(x, refs));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, refs)),
            _ => {}
        }
    }
    let mut refs = BTreeSet::new();
    walk(&doc, &mut refs);
    for r in refs {
        let pointer = r.strip_prefix('#').expect("a local reference");
        assert!(doc.pointer(pointer).is_some(), "{r} points nowhere");
    }
}

/// What every operation shares is documented on each (see `qitaa::api_doc`).
#[test]
fn shared_answers_are_on_every_operation() {
    let doc = doc();
    for (method, path, op) in operations(&doc) {
        let has = |status: &str| op["responses"].get(status).is_some();
        let what = format!("{method} {path}");
        if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
            assert!(has("401"), "{what}: 401");
        }
        if op["requestBody"]["content"]
            .get("application/json")
            .is_some()
        {
            assert!(
                has("400") && has("413") && has("422"),
                "{what}: 400, 413, 422"
            );
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        if params.iter().any(|p| p["in"] == "query") {
            assert!(has("422"), "{what}: 422 on its query");
        }
        if path.starts_with("/api/") {
            assert!(has("503"), "{what}: 503");
        }
        if path.starts_with("/api/v1/admin/") {
            assert!(has("403"), "{what}: 403");
        }
    }
}

/// Bounds the document gets from `qitaa::api_doc` rather than from a derive:
/// paging (kernel's rule), model years (next year), `Idempotency-Key`.
#[test]
fn bounds_set_outside_the_derives() {
    let doc = doc();
    let year = &doc["components"]["schemas"]["NewModel"]["properties"]["yearFrom"];
    assert_eq!(year["minimum"], 1950, "{year}");
    assert_eq!(
        year["maximum"],
        i64::from(app::taxonomy::model::year_max()),
        "{year}"
    );
    let params = doc["paths"]["/api/v1/admin/users"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    let param = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))["schema"]
            .clone()
    };
    assert_eq!(param("perPage")["maximum"], 100);
    assert_eq!(param("page")["minimum"], 1);
    let checkout = doc["paths"]["/api/v1/checkout"]["post"]["parameters"].to_string();
    assert!(
        checkout.contains("Idempotency-Key") && checkout.contains("^[!-~]{1,200}$"),
        "{checkout}"
    );
}
