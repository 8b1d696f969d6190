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

/// Packs bits as deflate does: fields from their least significant bit, Huffman codes from
/// their most significant one.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn field(&mut self, value: u32, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn code(&mut self, code: u32, len: u32) {
        let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.field(reversed, len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A valid PNG of transparent black RGBA pixels at 16 bits per channel, written by hand so that
/// neither making it nor holding it needs the decoded size: its IDAT is one fixed-Huffman
/// deflate block of a zero literal and then "copy 258 bytes from 1 back" (13 bits each), so
/// 6000 × 6000 (288 MB of pixels) is under 2 MB.
fn rgba16_png(width: u32, height: u32) -> Vec<u8> {
    // Each row: filter type 0 (a zero byte), then 8 zero bytes per pixel.
    let raw = u64::from(height) * (1 + u64::from(width) * 8);
    let mut bits = Bits::default();
    bits.field(1, 1); // the last block
    bits.field(1, 2); // fixed Huffman codes
    bits.code(0x30, 8); // the literal 0
    let mut left = raw - 1;
    while left >= 258 {
        bits.code(0xC5, 8); // length 258 (symbol 285, no extra bits)
        bits.code(0, 5); // distance 1 (code 0, no extra bits)
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30, 8);
    }
    bits.code(0, 7); // end of block
    let mut zlib = vec![0x78, 0x01];
    zlib.extend(bits.finish());
    // Adler-32 of zeros: a stays 1, b counts the bytes.
    let adler = ((raw % 65_521) as u32) << 16 | 1;
    zlib.extend_from_slice(&adler.to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    // 16 bits, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &zlib);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// The hand-made PNG is one an ordinary decoder reads: checked on a small one in full, so the
/// refusal of the big one below is about its size, not its format.
#[test]
fn the_hand_made_deep_png_is_a_valid_png() {
    let small = rgba16_png(37, 11);
    let img = image::load_from_memory_with_format(&small, image::ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), (37, 11));
    assert_eq!(img.color(), image::ColorType::Rgba16);
    assert!(img.as_bytes().iter().all(|b| *b == 0));

    let big = rgba16_png(6000, 6000);
    assert!(big.len() < 2 * 1024 * 1024, "{} bytes", big.len());
    let reader = image::ImageReader::with_format(Cursor::new(&big), image::ImageFormat::Png);
    let decoder = image::ImageDecoder::total_bytes(&reader.into_decoder().unwrap());
    assert_eq!(decoder, 6000 * 6000 * 8);
}

/// 6000 × 6000 is under the 40-megapixel cap, but at 16 bits per RGBA channel it decodes to
/// 288 MB (and took 575 MB to process). It is refused from its header: while every decode turn
/// is held, the answer still comes, so it never waited for one, and no decode started.
#[tokio::test]
async fn a_16_bit_image_under_the_pixel_cap_is_refused_from_its_header() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let deep = rgba16_png(6000, 6000);
    let gate = app.state.image_decoding.clone();
    // The demo images were decoded when the app started.
    let before = gate.started();
    let held = gate.hold_all().await;
    for (lang, words) in [("en", "8 bits"), ("ar", "8 بت")] {
        let r = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            upload_parts(
                &app,
                Some(&token),
                lang,
                &[
                    file("deep.png", "image/png", &deep),
                    text("purpose", "PRODUCT_IMAGE"),
                ],
            ),
        )
        .await
        .expect("the upload waited for a decode turn: it was not refused from its header");
        assert_eq!(r.status, 422, "{r:?}");
        assert_eq!(r.body["error"]["code"], "IMAGE_TOO_LARGE");
        let message = r.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{lang}: {message}");
        assert_eq!(r.body["error"]["fields"]["file"][0], message);
    }
    assert_eq!((gate.started() - before, gate.waiting()), (0, 0));
    drop(held);

    // The same pixels at 8 bits per channel are within the budget (checked on the header
    // only: decoding 36 megapixels is not what this test is for).
    let mut shallow = deep.clone();
    shallow[24] = 8;
    let crc = crc32(&shallow[12..29]);
    shallow[29..33].copy_from_slice(&crc.to_be_bytes());
    let reader = image::ImageReader::with_format(Cursor::new(&shallow), image::ImageFormat::Png);
    let needed = image::ImageDecoder::total_bytes(&reader.into_decoder().unwrap());
    assert!(needed <= app::media::service::MAX_DECODED_BYTES, "{needed}");
}

/// Uploads beyond the decode limit wait for a turn and every one is answered. While the test
/// holds every turn, all of them queue at the gate and none decodes; once it lets go they all
/// succeed, never more than the limit at once.
#[tokio::test]
async fn concurrent_uploads_wait_for_a_decode_turn_and_all_are_answered() {
    const UPLOADS: usize = 10;
    let app = TestApp::spawn_with(|c| c.media.decode_concurrency = 2, None).await;
    let token = app.token_of(SUPPLIER).await;
    let gate = app.state.image_decoding.clone();
    assert_eq!(gate.limit(), 2);
    let image = png(640, 480);
    let before = gate.started();
    let held = gate.hold_all().await;
    let uploads = futures_util::future::join_all((0..UPLOADS).map(|i| {
        let (app, token, image) = (&app, &token, &image);
        async move {
            let name = format!("part-{i}.png");
            upload(app, token, "PRODUCT_IMAGE", &name, "image/png", image).await
        }
    }));
    let release = async {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
        while gate.waiting() < UPLOADS {
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {} of {UPLOADS} uploads reached the decode gate",
                gate.waiting()
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert_eq!(
            (gate.running(), gate.started() - before),
            (0, 0),
            "nothing decodes while every turn is held"
        );
        drop(held);
    };
    let (replies, ()) = tokio::join!(uploads, release);
    let mut ids = std::collections::HashSet::new();
    for r in &replies {
        assert_eq!(r.status, 201, "{r:?}");
        assert_eq!(r.body["data"]["width"], 640);
        ids.insert(r.body["data"]["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), UPLOADS);
    assert_eq!(gate.started() - before, UPLOADS as u64);
    assert_eq!((gate.waiting(), gate.running()), (0, 0));
    assert!(
        (1..=2).contains(&gate.peak()),
        "at most 2 decodes at once, saw {}",
        gate.peak()
    );
}

/// Each user has an hourly budget of uploads (any kind of file); past it, 429 with the wait.
#[tokio::test]
async fn uploads_past_the_hourly_cap_are_429_with_retry_after() {
    let app = TestApp::spawn_with(|c| c.media.uploads_per_hour = 3, None).await;
    let supplier = app.token_of(SUPPLIER).await;
    let image = png(16, 16);
    for n in 0..3 {
        let r = upload(&app, &supplier, "AVATAR", "a.png", "image/png", &image).await;
        assert_eq!(r.status, 201, "upload {n}: {r:?}");
    }
    let r = upload(&app, &supplier, "AVATAR", "a.png", "image/png", &image).await;
    assert_eq!(r.status, 429, "{r:?}");
    assert_eq!(r.body["error"]["code"], "RATE_LIMITED");
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM media_files WHERE purpose = 'AVATAR'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, 3);

    // The budget is the user's own.
    let customer = app.token_of(CUSTOMER).await;
    let r = upload(&app, &customer, "AVATAR", "b.png", "image/png", &image).await;
    assert_eq!(r.status, 201, "{r:?}");
}
