//! `Storage::s3` against a local stand-in for an S3-compatible store: a small
//! HTTP server that keeps objects in memory and, like R2 or S3, refuses any
//! request whose AWS Signature V4 does not verify with the bucket's secret.
//! It checks what this crate configures (endpoint, path-style addressing,
//! plain HTTP, region, credentials, content type); it is no substitute for
//! S3's full semantics.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use providers::storage::{S3Config, Storage, StorageError};

const BUCKET: &str = "qitaa-media";
const KEY_ID: &str = "test-key-id";
const SECRET: &str = "test-secret-access-key";
const REGION: &str = "auto";

#[derive(Default)]
struct FakeS3 {
    objects: Mutex<HashMap<String, (Bytes, Option<String>)>>,
    /// `METHOD path` of every request that passed the signature check.
    log: Mutex<Vec<String>>,
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Recomputes the AWS Signature V4 of the request with the known secret.
fn verify(method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<(), String> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or("no Authorization")?;
    let rest = auth.strip_prefix("AWS4-HMAC-SHA256 ").ok_or("not SigV4")?;
    let mut credential = "";
    let mut signed_headers = "";
    let mut signature = "";
    for part in rest.split(", ") {
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = v;
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed_headers = v;
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = v;
        }
    }
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[0] != KEY_ID || scope[2] != REGION || scope[3] != "s3" {
        return Err(format!("unexpected credential {credential}"));
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or("")
            .to_owned()
    };
    let payload_hash = header("x-amz-content-sha256");
    if payload_hash != "UNSIGNED-PAYLOAD" && payload_hash != hex::encode(Sha256::digest(body)) {
        return Err("the payload hash does not match the body".into());
    }
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        canonical_headers.push_str(&format!("{name}:{}\n", header(name)));
    }
    // Query parameters as `k=v`, sorted (the test keys need no percent-encoding).
    let mut query: Vec<String> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.contains('=') {
                p.to_owned()
            } else {
                format!("{p}=")
            }
        })
        .collect();
    query.sort();
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method,
        uri.path(),
        query.join("&"),
        canonical_headers,
        signed_headers,
        payload_hash
    );
    let amz_date = header("x-amz-date");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{}\n{}",
        scope[1..].join("/"),
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{SECRET}").as_bytes(), scope[1]);
    for part in [REGION, "s3", "aws4_request"] {
        key = hmac(&key, part);
    }
    if hex::encode(hmac(&key, &string_to_sign)) != signature {
        return Err("signature mismatch".into());
    }
    Ok(())
}

async fn handle(
    State(fake): State<Arc<FakeS3>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(why) = verify(&method, &uri, &headers, &body) {
        return (
            StatusCode::FORBIDDEN,
            format!("<Error><Code>SignatureDoesNotMatch</Code><Message>{why}</Message></Error>"),
        )
            .into_response();
    }
    fake.log.lock().unwrap().push(match uri.query() {
        Some(q) => format!("{method} {}?{q}", uri.path()),
        None => format!("{method} {}", uri.path()),
    });
    let mut objects = fake.objects.lock().unwrap();
    // DeleteObjects, which `object_store` uses for every delete.
    if method == Method::POST && uri.path() == format!("/{BUCKET}") && uri.query() == Some("delete")
    {
        let xml = String::from_utf8_lossy(&body);
        let mut result = String::from("<DeleteResult>");
        for part in xml.split("<Key>").skip(1) {
            let key = part.split("</Key>").next().unwrap_or("");
            objects.remove(key);
            result.push_str(&format!("<Deleted><Key>{key}</Key></Deleted>"));
        }
        result.push_str("</DeleteResult>");
        return (StatusCode::OK, result).into_response();
    }
    // Path-style: /<bucket>/<key>.
    let Some(key) = uri.path().strip_prefix(&format!("/{BUCKET}/")) else {
        return (
            StatusCode::NOT_FOUND,
            "<Error><Code>NoSuchBucket</Code></Error>",
        )
            .into_response();
    };
    match method {
        Method::PUT => {
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let etag = format!("\"{}\"", hex::encode(Sha256::digest(&body)));
            objects.insert(key.to_owned(), (body, content_type));
            (StatusCode::OK, [(header::ETAG, etag)]).into_response()
        }
        Method::GET => match objects.get(key) {
            Some((bytes, content_type)) => {
                let mut res = (
                    StatusCode::OK,
                    [
                        (
                            header::ETAG,
                            format!("\"{}\"", hex::encode(Sha256::digest(bytes))),
                        ),
                        (
                            header::LAST_MODIFIED,
                            "Wed, 25 Nov 2026 10:00:00 GMT".to_owned(),
                        ),
                    ],
                    bytes.clone(),
                )
                    .into_response();
                if let Some(ct) = content_type {
                    res.headers_mut()
                        .insert(header::CONTENT_TYPE, ct.parse().unwrap());
                }
                res
            }
            None => (
                StatusCode::NOT_FOUND,
                "<Error><Code>NoSuchKey</Code></Error>",
            )
                .into_response(),
        },
        _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
    }
}

async fn start() -> (String, Arc<FakeS3>) {
    let fake = Arc::new(FakeS3::default());
    let app = Router::new().fallback(handle).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), fake)
}

fn config(endpoint: &str, secret: &str) -> S3Config {
    S3Config {
        endpoint: endpoint.to_owned(),
        bucket: BUCKET.into(),
        region: REGION.into(),
        access_key_id: KEY_ID.into(),
        secret_access_key: secret.into(),
    }
}

#[tokio::test]
async fn objects_round_trip_through_a_signed_path_style_bucket() {
    let (endpoint, fake) = start().await;
    let storage = Storage::s3(config(&endpoint, SECRET)).unwrap();
    let key = "media/2026/11/0190f1f2-0000-7000-8000-000000000000.png";
    assert!(storage.get(key).await.unwrap().is_none());
    storage
        .put(key, Bytes::from_static(b"\x89PNG bytes"), "image/png")
        .await
        .unwrap();
    let got = storage.get(key).await.unwrap().expect("stored");
    assert_eq!(&got.bytes[..], b"\x89PNG bytes");
    assert_eq!(got.content_type.as_deref(), Some("image/png"));
    storage.delete(key).await.unwrap();
    assert!(storage.get(key).await.unwrap().is_none());
    storage.delete(key).await.unwrap();

    let log = fake.log.lock().unwrap().clone();
    let path = format!("/{BUCKET}/{key}");
    let delete = format!("POST /{BUCKET}?delete");
    assert_eq!(
        log,
        vec![
            format!("GET {path}"),
            format!("PUT {path}"),
            format!("GET {path}"),
            delete.clone(),
            format!("GET {path}"),
            delete,
        ]
    );
}

#[tokio::test]
async fn a_wrong_secret_is_refused() {
    let (endpoint, fake) = start().await;
    let storage = Storage::s3(config(&endpoint, "not-the-secret")).unwrap();
    let err = storage
        .put("media/x.png", Bytes::from_static(b"x"), "image/png")
        .await
        .expect_err("the store refuses the signature");
    assert!(matches!(err, StorageError::Store(_)), "{err}");
    assert!(fake.objects.lock().unwrap().is_empty());
}
