//! The rules of uploaded files: the type comes from the bytes and must suit
//! the purpose; images are decoded and re-encoded (dropping EXIF and anything
//! smuggled after the image), capped in size and given a thumbnail; PDFs are
//! kept as they are. Keys in the object store are random.

use std::io::Cursor;

use anyhow::Context;
use bytes::Bytes;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{ColorType, DynamicImage, ImageDecoder, ImageEncoder, ImageReader, Limits};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{FileKind, MediaFile, Purpose, THUMB_CONTENT_TYPE, clean_name};
use super::repo::{self, NewMediaRow};
use crate::auth::Caller;
use crate::identity::model::Role;
use crate::{AppState, ratelimit};

/// Longest side of a stored image; larger images are scaled down.
pub const MAX_DIMENSION: u32 = 2000;
/// Longest side of a thumbnail.
pub const THUMB_DIMENSION: u32 = 320;
/// Images with more pixels are refused before decoding (decompression bombs).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most a decoded image may take: pixels × bytes per pixel, as the header declares them.
/// Every 8-bit image within [`MAX_PIXELS`] fits; 16-bit ones must be smaller (a 6000 × 6000
/// RGBA16 PNG would take 288 MB, and scaling it more again). With the float buffer of the
/// downscale and the re-encoding, one decode peaks near twice this; the decode gate bounds how
/// many run at once.
pub const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4;
/// What a decoder may allocate beyond its output (its own buffers); the output is reserved
/// against the same limit first.
const DECODER_HEADROOM_BYTES: u64 = 64 * 1024 * 1024;
/// Uploads are counted in windows of this length.
const UPLOAD_WINDOW_SECS: i64 = 3600;
const JPEG_QUALITY: u8 = 85;
const THUMB_QUALITY: u8 = 80;
/// Colour profiles up to this size are kept so colours stay right; larger
/// ones are dropped.
const MAX_ICC_BYTES: usize = 64 * 1024;

/// Stores an uploaded file for `caller` and records it.
///
/// - over `max_upload_bytes`: 413 `PAYLOAD_TOO_LARGE`;
/// - a type other than JPEG/PNG/WebP (and PDF for documents and chat
///   attachments), judged from the bytes: 415 `UNSUPPORTED_MEDIA_TYPE`;
/// - an empty file: 422 `VALIDATION_FAILED` on `file`;
/// - an image over [`MAX_PIXELS`] or [`MAX_DECODED_BYTES`] (judged from its header, before
///   any decoding): 422 `IMAGE_TOO_LARGE`; one that does not decode: 422 `IMAGE_UNREADABLE`;
/// - more than `media.uploads_per_hour` uploads by the caller within an hour: 429 with
///   `Retry-After`.
///
/// Images are decoded through the node's [`DecodeGate`](super::decoding::DecodeGate).
pub async fn store_upload(
    state: &AppState,
    caller: &Caller,
    purpose: Purpose,
    original_name: Option<&str>,
    bytes: Bytes,
) -> ApiResult<MediaFile> {
    // The platform's own uploads (demo images, seeded by a system caller) are not a user's.
    if !caller.session_id.is_nil() {
        let mut tx = state.db.begin().await?;
        let bucket = format!("media-upload:{}", caller.user_id);
        let cap = state.config.media.uploads_per_hour;
        if let Err(wait) = ratelimit::hit(&mut tx, &bucket, cap, UPLOAD_WINDOW_SECS).await? {
            return Err(ApiError::RateLimited {
                retry_after_secs: wait,
            });
        }
        tx.commit().await?;
    }
    store(state, Some(caller.user_id), purpose, original_name, bytes).await
}

/// Stores a file nobody owns yet: a registration's documents, uploaded
/// before the applicant has an account. The caller applies its own limits;
/// only admins may read the file until [`adopt`] gives it an owner.
pub async fn store_unowned(
    state: &AppState,
    purpose: Purpose,
    original_name: Option<&str>,
    bytes: Bytes,
) -> ApiResult<MediaFile> {
    store(state, None, purpose, original_name, bytes).await
}

/// Makes `owner` the owner of unowned files (a registration approved).
pub async fn adopt(conn: &mut sqlx::PgConnection, ids: &[Uuid], owner: Uuid) -> ApiResult<()> {
    Ok(repo::adopt(conn, ids, owner).await?)
}

async fn store(
    state: &AppState,
    owner: Option<Uuid>,
    purpose: Purpose,
    original_name: Option<&str>,
    bytes: Bytes,
) -> ApiResult<MediaFile> {
    if bytes.len() > state.config.max_upload_bytes {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::field("file", Message::new("media-file-empty")));
    }
    let kind = FileKind::sniff(&bytes).ok_or(ApiError::UnsupportedMediaType)?;
    if !purpose.accepts(kind) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let prepared = if kind.is_image() {
        // The header alone refuses bombs at once, without waiting for a turn to decode.
        check_header(&bytes, kind).map_err(ImageProblem::into_api)?;
        state
            .image_decoding
            .run(move || prepare_image(&bytes, kind))
            .await
            .context("the image task failed")?
            .map_err(ImageProblem::into_api)?
    } else {
        Prepared {
            bytes,
            width: None,
            height: None,
            thumb: None,
        }
    };

    let id = Uuid::now_v7();
    let now = OffsetDateTime::now_utc();
    let base = format!("media/{:04}/{:02}/{id}", now.year(), u8::from(now.month()));
    let key = format!("{base}.{}", kind.extension());
    let thumb_key = prepared.thumb.as_ref().map(|_| format!("{base}.thumb.jpg"));
    let sha256 = hex::encode(Sha256::digest(&prepared.bytes));
    let size_bytes = prepared.bytes.len() as i64;

    let storage = &state.storage;
    storage
        .put(&key, prepared.bytes, kind.content_type())
        .await
        .context("storing the upload")?;
    if let (Some(tk), Some(thumb)) = (&thumb_key, prepared.thumb)
        && let Err(e) = storage.put(tk, thumb, THUMB_CONTENT_TYPE).await
    {
        discard(state, &[Some(&key)]).await;
        return Err(anyhow::Error::new(e)
            .context("storing the thumbnail")
            .into());
    }
    let name = clean_name(original_name);
    let row = NewMediaRow {
        id,
        owner_id: owner,
        purpose: purpose.as_str(),
        storage_key: &key,
        content_type: kind.content_type(),
        size_bytes,
        width: prepared.width.map(|w| w as i32),
        height: prepared.height.map(|h| h as i32),
        thumb_key: thumb_key.as_deref(),
        original_name: name.as_deref(),
        sha256: &sha256,
    };
    match repo::insert(&state.db, &row).await {
        Ok(file) => Ok(file),
        Err(e) => {
            discard(state, &[Some(&key), thumb_key.as_ref()]).await;
            Err(e.into())
        }
    }
}

/// Best-effort removal of objects written for an upload that then failed.
async fn discard(state: &AppState, keys: &[Option<&String>]) {
    for key in keys.iter().flatten() {
        if let Err(e) = state.storage.delete(key).await {
            tracing::warn!(key = %key, error = %e, "could not remove an orphaned upload");
        }
    }
}

/// A file that exists (not soft-deleted), whoever may read it.
pub async fn find(state: &AppState, id: Uuid) -> ApiResult<Option<MediaFile>> {
    Ok(repo::find(&state.db, id).await?)
}

/// Whether `caller` (or an anonymous client) may read `file`: public
/// purposes to anyone, the others to their owner and to admins.
pub fn may_read(file: &MediaFile, caller: Option<&Caller>) -> bool {
    if file.purpose.is_public() {
        return true;
    }
    caller.is_some_and(|c| {
        file.owner_id == Some(c.user_id) || matches!(c.role, Role::Admin | Role::SuperAdmin)
    })
}

/// The file a reader asks for. `reader` is `Ok(None)` for a client that sent
/// no credentials and `Err` for one whose credentials were refused: that
/// error is the answer unless the file is public. Otherwise 404 when the
/// file does not exist, is deleted, or is not the reader's to see (its
/// existence is not revealed).
pub async fn readable(
    state: &AppState,
    reader: Result<Option<&Caller>, ApiError>,
    id: Uuid,
) -> ApiResult<MediaFile> {
    let file = find(state, id).await?;
    if let Some(f) = &file
        && f.purpose.is_public()
    {
        return Ok(file.expect("checked"));
    }
    let caller = reader?;
    match file {
        Some(f) if may_read(&f, caller) => Ok(f),
        // A chat attachment is also the other parties' to read, once sent in
        // a thread they may read.
        Some(f) if f.purpose == Purpose::ChatAttachment && caller.is_some() => {
            let caller = caller.expect("checked");
            for thread in crate::chat::service::threads_with_media(state, f.id).await? {
                if crate::chat::access::thread_for(state, caller, thread)
                    .await
                    .is_ok()
                {
                    return Ok(f);
                }
            }
            Err(ApiError::NotFound)
        }
        // A request's photos are its stores' to see, an offer's its
        // customer's, a repair request's the reps it reached.
        Some(f) if f.purpose == Purpose::RequestPhoto && caller.is_some() => {
            let caller = caller.expect("checked");
            if crate::requests::may_see_photo(state, caller, f.id).await?
                || crate::repairs::may_see_photo(state, caller, f.id).await?
            {
                Ok(f)
            } else {
                Err(ApiError::NotFound)
            }
        }
        _ => Err(ApiError::NotFound),
    }
}

/// Which stored bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Original,
    Thumb,
}

/// The bytes and content type of a variant of `file` (404 for the thumbnail
/// of a file without one, or when the object store lost the bytes).
pub async fn content(
    state: &AppState,
    file: &MediaFile,
    variant: Variant,
) -> ApiResult<(Bytes, String)> {
    let (key, content_type) = match variant {
        Variant::Original => (file.storage_key.as_str(), file.content_type.as_str()),
        Variant::Thumb => (
            file.thumb_key.as_deref().ok_or(ApiError::NotFound)?,
            THUMB_CONTENT_TYPE,
        ),
    };
    match state
        .storage
        .get(key)
        .await
        .context("reading a stored file")?
    {
        Some(object) => Ok((object.bytes, content_type.to_owned())),
        None => {
            tracing::error!(id = %file.id, key, "a recorded file is missing from the object store");
            Err(ApiError::NotFound)
        }
    }
}

/// What is stored for an upload.
struct Prepared {
    bytes: Bytes,
    width: Option<u32>,
    height: Option<u32>,
    thumb: Option<Bytes>,
}

#[derive(Debug)]
enum ImageProblem {
    TooManyPixels,
    /// Within the pixel limit, but too many bytes per pixel for [`MAX_DECODED_BYTES`].
    TooManyBytes,
    Unreadable(image::ImageError),
    Encoding(image::ImageError),
}

impl ImageProblem {
    fn into_api(self) -> ApiError {
        match self {
            ImageProblem::TooManyPixels => {
                let message =
                    Message::new("media-image-too-large").arg("megapixels", MAX_PIXELS / 1_000_000);
                ApiError::Unprocessable {
                    code: "IMAGE_TOO_LARGE",
                    fields: FieldErrors::single("file", message.clone()),
                    message,
                }
            }
            ImageProblem::TooManyBytes => {
                let message = Message::new("media-image-too-deep");
                ApiError::Unprocessable {
                    code: "IMAGE_TOO_LARGE",
                    fields: FieldErrors::single("file", message.clone()),
                    message,
                }
            }
            ImageProblem::Unreadable(e) => {
                tracing::info!(error = %e, "an uploaded image did not decode");
                let message = Message::new("media-image-unreadable");
                ApiError::Unprocessable {
                    code: "IMAGE_UNREADABLE",
                    fields: FieldErrors::single("file", message.clone()),
                    message,
                }
            }
            ImageProblem::Encoding(e) => {
                ApiError::Internal(anyhow::Error::new(e).context("re-encoding an image"))
            }
        }
    }
}

fn image_format(kind: FileKind) -> image::ImageFormat {
    match kind {
        FileKind::Jpeg => image::ImageFormat::Jpeg,
        FileKind::Png => image::ImageFormat::Png,
        FileKind::Webp => image::ImageFormat::WebP,
        FileKind::Pdf => unreachable!("PDFs are not decoded"),
    }
}

fn too_big(e: image::ImageError) -> ImageProblem {
    match e {
        image::ImageError::Limits(_) => ImageProblem::TooManyBytes,
        e => ImageProblem::Unreadable(e),
    }
}

/// What decoding may allocate: the output within [`MAX_DECODED_BYTES`] plus the decoder's own
/// buffers.
fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES + DECODER_HEADROOM_BYTES);
    limits
}

/// A decoder of `bytes` that has read the header only, and whose image is within
/// [`MAX_PIXELS`] and [`MAX_DECODED_BYTES`], with the output reserved against its limits.
fn open(bytes: &[u8], kind: FileKind) -> Result<impl ImageDecoder + '_, ImageProblem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(kind));
    reader.limits(decode_limits());
    let mut decoder = reader.into_decoder().map_err(too_big)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooManyPixels);
    }
    // Bytes per pixel as the header declares them: 8 for RGBA at 16 bits, 4 for RGBA at 8.
    let needed = decoder.total_bytes();
    if needed > MAX_DECODED_BYTES {
        return Err(ImageProblem::TooManyBytes);
    }
    // `into_decoder` leaves the output to the caller: reserve it, so what the decoder may
    // still allocate is the headroom.
    let mut limits = decode_limits();
    limits.reserve(needed).map_err(too_big)?;
    decoder.set_limits(limits).map_err(too_big)?;
    Ok(decoder)
}

/// The checks of [`open`], for an upload before it waits for a turn to decode.
fn check_header(bytes: &[u8], kind: FileKind) -> Result<(), ImageProblem> {
    open(bytes, kind).map(drop)
}

/// Decodes (after checking the header), applies the EXIF orientation, scales
/// down to [`MAX_DIMENSION`], re-encodes in the same format without
/// metadata, and makes the thumbnail. CPU-bound and memory-hungry: run it
/// through the decode gate.
fn prepare_image(bytes: &[u8], kind: FileKind) -> Result<Prepared, ImageProblem> {
    let mut decoder = open(bytes, kind)?;
    let orientation = decoder.orientation().map_err(ImageProblem::Unreadable)?;
    let icc = decoder
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| p.len() <= MAX_ICC_BYTES);
    let mut img = DynamicImage::from_decoder(decoder).map_err(too_big)?;
    img.apply_orientation(orientation);
    if img.width() > MAX_DIMENSION || img.height() > MAX_DIMENSION {
        img = img.resize(MAX_DIMENSION, MAX_DIMENSION, FilterType::CatmullRom);
    }
    let stored = encode(&img, kind, icc.clone()).map_err(ImageProblem::Encoding)?;
    let thumb = if img.width() > THUMB_DIMENSION || img.height() > THUMB_DIMENSION {
        img.thumbnail(THUMB_DIMENSION, THUMB_DIMENSION)
    } else {
        img.clone()
    };
    let thumb =
        encode_jpeg(&flatten(&thumb), THUMB_QUALITY, icc).map_err(ImageProblem::Encoding)?;
    Ok(Prepared {
        bytes: Bytes::from(stored),
        width: Some(img.width()),
        height: Some(img.height()),
        thumb: Some(Bytes::from(thumb)),
    })
}

fn is_grey(img: &DynamicImage) -> bool {
    matches!(
        img.color(),
        ColorType::L8 | ColorType::L16 | ColorType::La8 | ColorType::La16
    )
}

/// The same format as uploaded: JPEG at quality 85, PNG, lossless WebP.
fn encode(img: &DynamicImage, kind: FileKind, icc: Option<Vec<u8>>) -> image::ImageResult<Vec<u8>> {
    match kind {
        FileKind::Jpeg => encode_jpeg(&flatten(img), JPEG_QUALITY, icc),
        FileKind::Png => {
            let mut out = Vec::new();
            let mut encoder = PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            );
            if let Some(p) = icc {
                let _ = encoder.set_icc_profile(p);
            }
            let img = match img.color() {
                ColorType::Rgb32F | ColorType::Rgba32F => DynamicImage::ImageRgba8(img.to_rgba8()),
                _ => img.clone(),
            };
            img.write_with_encoder(encoder)?;
            Ok(out)
        }
        FileKind::Webp => {
            let mut out = Vec::new();
            let mut encoder = WebPEncoder::new_lossless(&mut out);
            if let Some(p) = icc {
                let _ = encoder.set_icc_profile(p);
            }
            let img = if img.color().has_alpha() {
                DynamicImage::ImageRgba8(img.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(img.to_rgb8())
            };
            img.write_with_encoder(encoder)?;
            Ok(out)
        }
        FileKind::Pdf => unreachable!("PDFs are not encoded"),
    }
}

fn encode_jpeg(
    img: &DynamicImage,
    quality: u8,
    icc: Option<Vec<u8>>,
) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(p) = icc {
        let _ = encoder.set_icc_profile(p);
    }
    img.write_with_encoder(encoder)?;
    Ok(out)
}

/// 8-bit grey or RGB with any transparency composed onto white, as JPEG needs.
fn flatten(img: &DynamicImage) -> DynamicImage {
    if !img.color().has_alpha() {
        return if is_grey(img) {
            DynamicImage::ImageLuma8(img.to_luma8())
        } else {
            DynamicImage::ImageRgb8(img.to_rgb8())
        };
    }
    let rgba = img.to_rgba8();
    let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| -> u8 {
            ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8
        };
        image::Rgb([over(r), over(g), over(b)])
    });
    DynamicImage::ImageRgb8(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let img = if alpha {
            DynamicImage::ImageRgba8(image::RgbaImage::from_fn(width, height, |x, y| {
                image::Rgba([
                    (x % 256) as u8,
                    (y % 256) as u8,
                    90,
                    if x < 5 { 0 } else { 255 },
                ])
            }))
        } else {
            DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
            }))
        };
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn large_images_are_scaled_down_keeping_the_aspect() {
        let p = prepare_image(&png(2400, 1200, false), FileKind::Png).unwrap();
        assert_eq!((p.width, p.height), (Some(2000), Some(1000)));
        let stored = image::load_from_memory(&p.bytes).unwrap();
        assert_eq!((stored.width(), stored.height()), (2000, 1000));
        let thumb = image::load_from_memory(&p.thumb.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 160));
    }

    #[test]
    fn small_images_keep_their_size_and_transparency_becomes_white_in_thumbs() {
        let p = prepare_image(&png(40, 30, true), FileKind::Png).unwrap();
        assert_eq!((p.width, p.height), (Some(40), Some(30)));
        let stored = image::load_from_memory(&p.bytes).unwrap();
        assert!(stored.color().has_alpha());
        let thumb = image::load_from_memory(&p.thumb.unwrap())
            .unwrap()
            .to_rgb8();
        let corner = thumb.get_pixel(0, 0).0;
        assert!(corner.iter().all(|c| *c > 240), "{corner:?}");
    }

    #[test]
    fn webp_stays_webp() {
        let img =
            DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 48, image::Rgb([1, 2, 3])));
        let mut webp = Vec::new();
        img.write_with_encoder(WebPEncoder::new_lossless(&mut webp))
            .unwrap();
        let p = prepare_image(&webp, FileKind::Webp).unwrap();
        assert_eq!(FileKind::sniff(&p.bytes), Some(FileKind::Webp));
        assert_eq!((p.width, p.height), (Some(64), Some(48)));
    }

    /// PNG headers claiming 64 or 10 000 megapixels is refused before any
    /// pixel is decoded.
    #[test]
    fn pixel_bombs_are_refused_from_the_header() {
        let mut bytes = png(8, 8, false);
        // IHDR data starts at byte 16: width and height, then its CRC at 29..33.
        bytes[16..20].copy_from_slice(&8_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&8_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(
            prepare_image(&bytes, FileKind::Png),
            Err(ImageProblem::TooManyPixels)
        ));
        bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(
            prepare_image(&bytes, FileKind::Png),
            Err(ImageProblem::TooManyPixels)
        ));
    }

    /// 6000 × 6000 is within the pixel cap, but at 16 bits per RGBA channel it would decode to
    /// 288 MB: refused from the header too, while the same size at 8 bits passes that check.
    #[test]
    fn deep_images_are_refused_by_their_decoded_size() {
        let img = DynamicImage::ImageRgba16(image::ImageBuffer::new(8, 8));
        let mut bytes = Vec::new();
        img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes[16..20].copy_from_slice(&6_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&6_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(
            check_header(&bytes, FileKind::Png),
            Err(ImageProblem::TooManyBytes)
        ));
        assert!(matches!(
            prepare_image(&bytes, FileKind::Png),
            Err(ImageProblem::TooManyBytes)
        ));
        // Bit depth 8: 144 MB, within the budget.
        bytes[24] = 8;
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(check_header(&bytes, FileKind::Png).is_ok());
    }

    /// The same for a JPEG whose frame header claims 12 000 × 12 000.
    #[test]
    fn jpeg_pixel_bombs_are_refused_from_the_header() {
        let img =
            DynamicImage::ImageRgb8(image::RgbImage::from_pixel(16, 16, image::Rgb([9, 9, 9])));
        let mut bytes = Vec::new();
        img.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 80))
            .unwrap();
        let sof = bytes
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .expect("a baseline frame header");
        // FF C0, length (2), precision (1), height (2), width (2).
        bytes[sof + 5..sof + 7].copy_from_slice(&12_000u16.to_be_bytes());
        bytes[sof + 7..sof + 9].copy_from_slice(&12_000u16.to_be_bytes());
        assert!(matches!(
            prepare_image(&bytes, FileKind::Jpeg),
            Err(ImageProblem::TooManyPixels)
        ));
    }

    #[test]
    fn truncated_images_are_unreadable() {
        let bytes = png(300, 300, false);
        assert!(matches!(
            prepare_image(&bytes[..bytes.len() / 2], FileKind::Png),
            Err(ImageProblem::Unreadable(_))
        ));
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
}
