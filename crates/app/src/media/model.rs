use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// What a file is for; decides the accepted types and who may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Purpose {
    /// JPEG, PNG or WebP; readable by anyone who has the id.
    ProductImage,
    /// JPEG, PNG, WebP or PDF; readable by its owner and admins only.
    CompanyDocument,
    /// JPEG, PNG, WebP or PDF; readable by its owner and admins only.
    ChatAttachment,
    /// JPEG, PNG or WebP; readable by anyone who has the id.
    Avatar,
    /// JPEG, PNG or WebP of a store request or an offer; readable by its
    /// owner, admins, and the request's parties once attached.
    RequestPhoto,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::ProductImage,
        Purpose::CompanyDocument,
        Purpose::ChatAttachment,
        Purpose::Avatar,
        Purpose::RequestPhoto,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ProductImage => "PRODUCT_IMAGE",
            Purpose::CompanyDocument => "COMPANY_DOCUMENT",
            Purpose::ChatAttachment => "CHAT_ATTACHMENT",
            Purpose::Avatar => "AVATAR",
            Purpose::RequestPhoto => "REQUEST_PHOTO",
        }
    }

    pub fn parse(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The kinds of file accepted for this purpose.
    pub fn accepts(self, kind: FileKind) -> bool {
        match self {
            Purpose::ProductImage | Purpose::Avatar | Purpose::RequestPhoto => kind.is_image(),
            Purpose::CompanyDocument | Purpose::ChatAttachment => true,
        }
    }

    /// Public files are served to anyone with the id (product pages, avatars);
    /// the others only to their owner and admins.
    pub fn is_public(self) -> bool {
        matches!(self, Purpose::ProductImage | Purpose::Avatar)
    }

    /// `PRODUCT_IMAGE, ...` for messages.
    pub fn allowed_list() -> String {
        Purpose::ALL.map(Purpose::as_str).join(", ")
    }
}

impl TryFrom<String> for Purpose {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Purpose::parse(&s).ok_or_else(|| format!("unknown media purpose {s:?}"))
    }
}

/// The kinds of file the product stores, as recognised from their bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl FileKind {
    /// From the first bytes, never from a name or a client's content type.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        match infer::get(bytes)?.mime_type() {
            "image/jpeg" => Some(FileKind::Jpeg),
            "image/png" => Some(FileKind::Png),
            "image/webp" => Some(FileKind::Webp),
            "application/pdf" if bytes.starts_with(b"%PDF-") => Some(FileKind::Pdf),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        !matches!(self, FileKind::Pdf)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Webp => "webp",
            FileKind::Pdf => "pdf",
        }
    }
}

/// A stored file: its row in `media_files`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaFile {
    pub id: Uuid,
    pub owner_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub purpose: Purpose,
    /// Where the bytes are in the object store; random, never shown to clients.
    pub storage_key: String,
    /// Of the stored bytes, as checked (not as claimed by the client).
    pub content_type: String,
    pub size_bytes: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// The thumbnail of an image (always JPEG).
    pub thumb_key: Option<String>,
    /// The client's file name, for display only.
    pub original_name: Option<String>,
    /// Hex SHA-256 of the stored bytes.
    pub sha256: String,
    pub created_at: OffsetDateTime,
}

/// The content type of every thumbnail.
pub const THUMB_CONTENT_TYPE: &str = "image/jpeg";

impl MediaFile {
    pub fn url(&self) -> String {
        format!("/api/v1/media/{}", self.id)
    }

    pub fn thumb_url(&self) -> Option<String> {
        self.thumb_key
            .as_ref()
            .map(|_| format!("/api/v1/media/{}/thumb", self.id))
    }
}

/// A stored file as the API shows it. URLs are relative to the API's origin.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MediaView {
    pub id: Uuid,
    pub purpose: Purpose,
    /// Of the stored bytes: `image/jpeg`, `image/png`, `image/webp` or `application/pdf`.
    pub content_type: String,
    pub size_bytes: i64,
    /// Pixels, for images (after any downscaling).
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// `GET` it for the bytes.
    pub url: String,
    /// A JPEG thumbnail at most 320 px on a side, for images.
    pub thumb_url: Option<String>,
    pub original_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

impl From<&MediaFile> for MediaView {
    fn from(f: &MediaFile) -> Self {
        MediaView {
            id: f.id,
            purpose: f.purpose,
            content_type: f.content_type.clone(),
            size_bytes: f.size_bytes,
            width: f.width,
            height: f.height,
            url: f.url(),
            thumb_url: f.thumb_url(),
            original_name: f.original_name.clone(),
            created_at: f.created_at,
        }
    }
}

/// The multipart body of an upload (documentation shape; the handler reads
/// the parts as they stream).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file. Its type is read from its bytes: JPEG, PNG or WebP, and
    /// PDF for documents and chat attachments. The name and the part's
    /// content type are not trusted.
    #[schema(content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
    pub purpose: Purpose,
}

/// The client's file name reduced to something safe to store and show: the
/// last path segment, without control characters, at most 200 characters.
pub fn clean_name(raw: Option<&str>) -> Option<String> {
    let last = raw?.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_bytes() {
        assert_eq!(
            FileKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(FileKind::Png)
        );
        assert_eq!(
            FileKind::sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Some(FileKind::Jpeg)
        );
        assert_eq!(
            FileKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(FileKind::Webp)
        );
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(FileKind::sniff(b"\x7fELF\x02\x01\x01\0"), None);
        assert_eq!(FileKind::sniff(b"MZ\x90\0"), None);
        assert_eq!(
            FileKind::sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            None
        );
        assert_eq!(FileKind::sniff(b""), None);
    }

    #[test]
    fn purposes_decide_the_accepted_kinds() {
        assert!(Purpose::ProductImage.accepts(FileKind::Webp));
        assert!(!Purpose::ProductImage.accepts(FileKind::Pdf));
        assert!(!Purpose::Avatar.accepts(FileKind::Pdf));
        assert!(Purpose::CompanyDocument.accepts(FileKind::Pdf));
        assert!(Purpose::CompanyDocument.accepts(FileKind::Jpeg));
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::json!(p.as_str())
            );
        }
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(
            clean_name(Some("../../etc/passwd")).as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_name(Some("C:\\x\\scan.pdf")).as_deref(),
            Some("scan.pdf")
        );
        assert_eq!(clean_name(Some("a\r\nb.jpg")).as_deref(), Some("ab.jpg"));
        assert_eq!(clean_name(Some("  ")), None);
        assert_eq!(clean_name(None), None);
        assert_eq!(clean_name(Some(&"x".repeat(500))).unwrap().len(), 200);
    }
}
