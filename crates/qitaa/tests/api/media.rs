//! Uploads: the type comes from the bytes, images are re-encoded without
//! metadata, documents are private, limits answer in the envelope.

use std::io::Cursor;

use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{Reply, TestApp};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
const SUPPLIER: &str = "+966500000002";

/// One part of a multipart body.
struct Part<'a> {
    name: &'a str,
    file_name: Option<&'a str>,
    content_type: Option<&'a str>,
    data: &'a [u8],
}

fn file<'a>(file_name: &'a str, content_type: &'a str, data: &'a [u8]) -> Part<'a> {
    Part {
        name: "file",
        file_name: Some(file_name),
        content_type: Some(content_type),
        data,
    }
}

fn text<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    Part {
        name,
        file_name: None,
        content_type: None,
        data: value.as_bytes(),
    }
}

/// A `multipart/form-data` body written by hand, so the test controls the
/// claimed file name and content type exactly.
fn multipart(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = "qitaa-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", p.name);
        if let Some(f) = p.file_name {
            disposition.push_str(&format!("; filename=\"{f}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(ct) = p.content_type {
            body.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(p.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload_parts(app: &TestApp, token: Option<&str>, lang: &str, parts: &[Part<'_>]) -> Reply {
    let (content_type, body) = multipart(parts);
    let mut req = app
        .client
        .post(format!("{}/api/v1/media", app.base))
        .header("content-type", content_type)
        .header("accept-language", lang)
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request sent");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    purpose: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Reply {
    upload_parts(
        app,
        Some(token),
        "en",
        &[file(name, content_type, data), text("purpose", purpose)],
    )
    .await
}

struct Fetched {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

async fn fetch(app: &TestApp, path: &str, token: Option<&str>) -> Fetched {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request sent");
    Fetched {
        status: res.status(),
        headers: res.headers().clone(),
        bytes: res.bytes().await.unwrap().to_vec(),
    }
}

fn envelope(f: &Fetched) -> Value {
    serde_json::from_slice(&f.bytes).expect("an error envelope")
}

/// A PNG of a gradient with noise (so it does not compress to nothing).
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let noise = (seed >> 24) as u8 / 4;
        image::Rgb([
            (x * 180 / width) as u8 + noise,
            (y * 180 / height) as u8 + noise,
            120,
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 60])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// A JPEG with an APP1 Exif segment right after SOI (carrying a fake GPS
/// note) and a payload appended after EOI.
fn jpeg_with_exif_and_trailer() -> Vec<u8> {
    let plain = jpeg(64, 48);
    assert_eq!(&plain[..2], b"\xFF\xD8");
    let mut exif = b"Exif\0\0".to_vec();
    // Big-endian TIFF header, one empty IFD, then free-form bytes.
    exif.extend_from_slice(b"MM\0\x2A\0\0\0\x08\0\0\0\0\0\0");
    exif.extend_from_slice(b"GPS 24.7136N 46.6753E secret-location");
    let len = u16::try_from(exif.len() + 2).unwrap();
    let mut out = b"\xFF\xD8\xFF\xE1".to_vec();
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out.extend_from_slice(b"TRAILING-PAYLOAD<script>alert(1)</script>");
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
      2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n\
      trailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

async fn storage_key(app: &TestApp, id: &str) -> (String, Option<String>) {
    sqlx::query_as("SELECT storage_key, thumb_key FROM media_files WHERE id = $1::uuid")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_png_named_jpg_is_stored_as_png_with_a_smaller_thumbnail() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let original = png(800, 600);
    let r = upload(
        &app,
        &token,
        "PRODUCT_IMAGE",
        "photo.jpg",
        "image/jpeg",
        &original,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let data = &r.body["data"];
    assert_eq!(data["contentType"], "image/png");
    assert_eq!(data["purpose"], "PRODUCT_IMAGE");
    assert_eq!(data["width"], 800);
    assert_eq!(data["height"], 600);
    assert_eq!(data["originalName"], "photo.jpg");
    let id = data["id"].as_str().unwrap();
    assert_eq!(data["url"], format!("/api/v1/media/{id}"));
    assert_eq!(data["thumbUrl"], format!("/api/v1/media/{id}/thumb"));

    // The key is random (no trace of the client's name) and the bytes are on disk.
    let (key, thumb_key) = storage_key(&app, id).await;
    assert!(key.starts_with("media/") && key.ends_with(".png"), "{key}");
    assert!(!key.contains("photo"), "{key}");
    let on_disk = std::fs::read(app.files.join(&key)).expect("the stored file exists");
    assert_eq!(on_disk.len() as u64, data["sizeBytes"].as_u64().unwrap());

    // Public: served without a token, same bytes, stored type, hardening headers.
    let got = fetch(&app, data["url"].as_str().unwrap(), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, on_disk);
    assert_eq!(got.headers["content-type"], "image/png");
    assert_eq!(got.headers["x-content-type-options"], "nosniff");
    assert!(
        got.headers["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("public"),
        "{:?}",
        got.headers["cache-control"]
    );
    let stored = image::load_from_memory(&got.bytes).unwrap();
    assert_eq!((stored.width(), stored.height()), (800, 600));

    // Revalidation by ETag.
    let etag = got.headers["etag"].to_str().unwrap().to_owned();
    let res = app
        .client
        .get(format!("{}{}", app.base, data["url"].as_str().unwrap()))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);

    let thumb = fetch(&app, data["thumbUrl"].as_str().unwrap(), None).await;
    assert_eq!(thumb.status, 200);
    assert_eq!(thumb.headers["content-type"], "image/jpeg");
    assert!(thumb.bytes.len() < got.bytes.len());
    let t = image::load_from_memory(&thumb.bytes).unwrap();
    assert_eq!((t.width(), t.height()), (320, 240));
    assert!(app.files.join(thumb_key.unwrap()).exists());
}

#[tokio::test]
async fn exif_and_trailing_bytes_are_stripped_from_jpegs() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let sent = jpeg_with_exif_and_trailer();
    assert!(contains(&sent, b"Exif\0\0") && contains(&sent, b"secret-location"));
    let r = upload(
        &app,
        &token,
        "PRODUCT_IMAGE",
        "IMG_0001.JPG",
        "image/jpeg",
        &sent,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["contentType"], "image/jpeg");
    assert_eq!(r.body["data"]["width"], 64);
    assert_eq!(r.body["data"]["height"], 48);
    let got = fetch(&app, r.body["data"]["url"].as_str().unwrap(), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.headers["content-type"], "image/jpeg");
    assert_eq!(&got.bytes[..2], b"\xFF\xD8");
    assert!(!contains(&got.bytes, b"Exif"), "the Exif segment survived");
    assert!(!contains(&got.bytes, b"secret-location"));
    assert!(!contains(&got.bytes, b"TRAILING-PAYLOAD"));
    assert!(got.bytes.ends_with(b"\xFF\xD9"));
    let img = image::load_from_memory(&got.bytes).unwrap();
    assert_eq!((img.width(), img.height()), (64, 48));
}

#[tokio::test]
async fn a_pdf_is_refused_as_an_image_and_kept_as_a_private_document() {
    let app = TestApp::spawn().await;
    let supplier = app.token_of(SUPPLIER).await;
    let doc = pdf();

    let r = upload(
        &app,
        &supplier,
        "PRODUCT_IMAGE",
        "photo.png",
        "image/png",
        &doc,
    )
    .await;
    assert_eq!(r.status, 415, "{r:?}");
    assert_eq!(r.body["success"], false);
    assert_eq!(r.body["error"]["code"], "UNSUPPORTED_MEDIA_TYPE");
    assert_eq!(
        r.body["error"]["message"],
        "This type of file is not allowed."
    );
    assert!(
        r.body["error"]["requestId"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );

    let r = upload(
        &app,
        &supplier,
        "COMPANY_DOCUMENT",
        "cr.pdf",
        "application/pdf",
        &doc,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let data = &r.body["data"];
    assert_eq!(data["contentType"], "application/pdf");
    assert_eq!(data["sizeBytes"], doc.len());
    assert_eq!(data["width"], Value::Null);
    assert_eq!(data["thumbUrl"], Value::Null);
    let url = data["url"].as_str().unwrap().to_owned();
    let id = data["id"].as_str().unwrap().to_owned();

    // The owner gets the bytes as sent.
    let got = fetch(&app, &url, Some(&supplier)).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, doc);
    assert_eq!(got.headers["content-type"], "application/pdf");
    assert_eq!(got.headers["x-content-type-options"], "nosniff");
    // Downloaded, and sandboxed should a browser render it anyway.
    let disposition = got.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let csp = got.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    assert!(
        got.headers["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private"),
        "{:?}",
        got.headers["cache-control"]
    );

    // Another user and an anonymous client learn nothing.
    let customer = app.token_of(CUSTOMER).await;
    for token in [Some(customer.as_str()), None] {
        let got = fetch(&app, &url, token).await;
        assert_eq!(got.status, 404);
        assert_eq!(envelope(&got)["error"]["code"], "NOT_FOUND");
    }
    // A refused token is a 401 (to refresh), not a hint about the file.
    let got = fetch(&app, &url, Some("not-a-token")).await;
    assert_eq!(got.status, 401);
    assert_eq!(envelope(&got)["error"]["code"], "UNAUTHENTICATED");

    // Admins may read it.
    let admin = app.token_of(SUPER_ADMIN).await;
    let got = fetch(&app, &url, Some(&admin)).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, doc);

    // A PDF has no thumbnail.
    let got = fetch(&app, &format!("{url}/thumb"), Some(&supplier)).await;
    assert_eq!(got.status, 404);
    assert_eq!(envelope(&got)["error"]["code"], "NOT_FOUND");

    // Soft-deleted files are gone.
    sqlx::query("UPDATE media_files SET deleted_at = now() WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    let got = fetch(&app, &url, Some(&supplier)).await;
    assert_eq!(got.status, 404);
    assert_eq!(envelope(&got)["error"]["code"], "NOT_FOUND");
}

#[tokio::test]
async fn executables_and_unknown_bytes_are_415_whatever_they_claim() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend_from_slice(&[0u8; 512]);
    for purpose in ["PRODUCT_IMAGE", "COMPANY_DOCUMENT"] {
        let r = upload(&app, &token, purpose, "photo.jpg", "image/jpeg", &elf).await;
        assert_eq!(r.status, 415, "{purpose}: {r:?}");
        assert_eq!(r.body["error"]["code"], "UNSUPPORTED_MEDIA_TYPE");
    }
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let r = upload(&app, &token, "AVATAR", "a.png", "image/png", svg).await;
    assert_eq!(r.status, 415, "{r:?}");
    // In Arabic too.
    let r = upload_parts(
        &app,
        Some(&token),
        "ar",
        &[file("x.jpg", "image/jpeg", &elf), text("purpose", "AVATAR")],
    )
    .await;
    assert_eq!(r.status, 415);
    assert_eq!(r.body["error"]["message"], "نوع الملف هذا غير مسموح.");
    // Only the demo products' own images exist: nothing refused was kept.
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM media_files m WHERE NOT EXISTS \
         (SELECT 1 FROM product_images i WHERE i.media_id = m.id)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn uploads_over_the_limit_are_413_and_bigger_than_json_bodies_are_fine() {
    let app = TestApp::spawn_with(|c| c.max_upload_bytes = 40_000, None).await;
    let token = app.token_of(SUPPLIER).await;
    let mut big = pdf();
    big.resize(40_001, b' ');
    let r = upload(
        &app,
        &token,
        "COMPANY_DOCUMENT",
        "big.pdf",
        "application/pdf",
        &big,
    )
    .await;
    assert_eq!(r.status, 413, "{r:?}");
    assert_eq!(r.body["error"]["code"], "PAYLOAD_TOO_LARGE");
    assert_eq!(r.body["error"]["message"], "The request is too large.");
    big.truncate(40_000);
    let r = upload(
        &app,
        &token,
        "COMPANY_DOCUMENT",
        "ok.pdf",
        "application/pdf",
        &big,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");

    // With the default 10 MiB, a 3 MiB file passes although JSON bodies stop at 2 MiB.
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let mut doc = pdf();
    doc.resize(3 * 1024 * 1024, b' ');
    let r = upload(
        &app,
        &token,
        "COMPANY_DOCUMENT",
        "scan.pdf",
        "application/pdf",
        &doc,
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["sizeBytes"], doc.len());
}

#[tokio::test]
async fn uploads_need_a_signed_in_caller() {
    let app = TestApp::spawn().await;
    let r = upload_parts(
        &app,
        None,
        "en",
        &[
            file("a.png", "image/png", &png(10, 10)),
            text("purpose", "AVATAR"),
        ],
    )
    .await;
    assert_eq!(r.status, 401, "{r:?}");
    assert_eq!(r.body["error"]["code"], "UNAUTHENTICATED");
    assert_eq!(r.body["error"]["message"], "Sign in to continue.");
}

#[tokio::test]
async fn missing_unknown_and_malformed_parts_are_named() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;

    let r = upload_parts(&app, Some(&token), "en", &[]).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    assert!(r.body["error"]["fields"]["file"].is_array(), "{r:?}");
    assert!(r.body["error"]["fields"]["purpose"].is_array(), "{r:?}");

    let r = upload_parts(
        &app,
        Some(&token),
        "en",
        &[
            file("a.png", "image/png", &png(10, 10)),
            text("purpose", "BANNER"),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    let msg = r.body["error"]["fields"]["purpose"][0].as_str().unwrap();
    assert!(msg.contains("PRODUCT_IMAGE"), "{msg}");

    let r = upload_parts(
        &app,
        Some(&token),
        "en",
        &[
            file("a.png", "image/png", &png(10, 10)),
            text("purpose", "AVATAR"),
            text("ownerId", "someone-else"),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["ownerId"].is_array(), "{r:?}");

    let r = upload_parts(
        &app,
        Some(&token),
        "en",
        &[file("a.png", "image/png", b""), text("purpose", "AVATAR")],
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["file"].is_array(), "{r:?}");

    // JSON is not an upload.
    let r = app
        .post(
            "/api/v1/media",
            Some(&token),
            serde_json::json!({"purpose": "AVATAR"}),
        )
        .await;
    assert_eq!(r.status, 400, "{r:?}");
    assert_eq!(r.body["error"]["code"], "BAD_REQUEST");
}

#[tokio::test]
async fn pixel_bombs_and_broken_images_are_422() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;

    // A small PNG whose header claims 10 000 × 10 000 pixels (100 megapixels).
    let mut bomb = png(8, 8);
    bomb[16..20].copy_from_slice(&10_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&10_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let r = upload(
        &app,
        &token,
        "PRODUCT_IMAGE",
        "bomb.png",
        "image/png",
        &bomb,
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "IMAGE_TOO_LARGE");
    assert!(
        r.body["error"]["message"].as_str().unwrap().contains("40"),
        "{r:?}"
    );

    let whole = png(300, 300);
    let r = upload(
        &app,
        &token,
        "PRODUCT_IMAGE",
        "cut.png",
        "image/png",
        &whole[..whole.len() / 2],
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "IMAGE_UNREADABLE");
}

#[tokio::test]
async fn unknown_ids_are_404() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/v1/media/not-a-uuid",
        "/api/v1/media/0190f1f2-0000-7000-8000-000000000000",
        "/api/v1/media/0190f1f2-0000-7000-8000-000000000000/thumb",
    ] {
        let got = fetch(&app, path, None).await;
        assert_eq!(got.status, 404, "{path}");
        assert_eq!(envelope(&got)["error"]["code"], "NOT_FOUND");
    }
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[tokio::test]
async fn uploaded_images_attach_to_products_and_show_on_their_page() {
    let app = TestApp::spawn().await;
    let supplier = app.token_of("+966500000002").await;
    let up = upload(
        &app,
        &supplier,
        "PRODUCT_IMAGE",
        "front.jpg",
        "image/jpeg",
        &png(400, 300),
    )
    .await;
    assert_eq!(up.status, 201, "{up:?}");
    let media_id = up.body["data"]["id"].as_str().unwrap().to_owned();
    let riyadh: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM stores WHERE name_en = 'Riyadh Branch'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let created = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            serde_json::json!({"nameAr": "مرآة جانبية", "nameEn": "Side mirror", "condition": "new",
                               "price": 25000, "imageIds": [media_id]}),
        )
        .await;
    assert_eq!(created.status, 201, "{created:?}");
    let image = &created.body["data"]["images"][0];
    assert_eq!(image["mediaId"], media_id.as_str());
    let got = fetch(&app, image["url"].as_str().unwrap(), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.headers["content-type"], "image/png");

    // Someone else's upload cannot be attached.
    let other = app.sign_in_as("+966592000001", Some("SUPPLIER")).await;
    let theirs = upload(
        &app,
        other["accessToken"].as_str().unwrap(),
        "PRODUCT_IMAGE",
        "x.png",
        "image/png",
        &png(50, 50),
    )
    .await;
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            serde_json::json!({"nameAr": "س", "nameEn": "x", "condition": "new", "price": 1,
                               "imageIds": [theirs.body["data"]["id"]]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["imageIds"].is_array());

    // The demo products carry images of their own.
    let demo = app.get("/api/v1/products?q=04152-YZZA1", None).await;
    let card_image = &demo.body["data"][0]["image"];
    assert!(card_image["thumbUrl"].is_string(), "{demo:?}");
    let thumb = fetch(&app, card_image["thumbUrl"].as_str().unwrap(), None).await;
    assert_eq!(thumb.status, 200);
}
