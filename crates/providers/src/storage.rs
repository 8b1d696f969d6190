//! Object storage for uploaded files: a local directory by default, any
//! S3-compatible store (Cloudflare R2, MinIO, AWS S3) in production, memory
//! in tests. A thin wrapper over `object_store` so features see three calls.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("invalid storage key {key:?}: {reason}")]
    InvalidKey { key: String, reason: String },
    #[error("cannot prepare the storage directory {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] object_store::Error),
}

/// An S3-compatible bucket. For Cloudflare R2 the endpoint is
/// `https://<account-id>.r2.cloudflarestorage.com` and the region `auto`.
#[derive(Clone)]
pub struct S3Config {
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl fmt::Debug for S3Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

/// A stored object read back.
#[derive(Debug, Clone)]
pub struct Object {
    pub bytes: Bytes,
    /// The content type recorded with the object, where the backend keeps one
    /// (S3 and memory do; the local directory does not).
    pub content_type: Option<String>,
}

/// Where uploaded files live; cheap to clone.
#[derive(Clone)]
pub struct Storage {
    inner: Arc<dyn ObjectStore>,
    /// Whether the backend stores object attributes such as the content type.
    keeps_attributes: bool,
    description: String,
}

impl fmt::Debug for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Storage")
            .field("backend", &self.description)
            .finish()
    }
}

impl Storage {
    /// Files under `root` (created if missing); keys become relative paths.
    pub fn local(root: PathBuf) -> Result<Storage, StorageError> {
        std::fs::create_dir_all(&root).map_err(|source| StorageError::Directory {
            path: root.clone(),
            source,
        })?;
        let store = LocalFileSystem::new_with_prefix(&root)?.with_automatic_cleanup(true);
        Ok(Storage {
            inner: Arc::new(store),
            keeps_attributes: false,
            description: format!("local directory {}", root.display()),
        })
    }

    /// An S3-compatible bucket, addressed path-style (`<endpoint>/<bucket>/<key>`)
    /// as R2 and MinIO expect; plain `http://` endpoints are allowed for local stores.
    pub fn s3(config: S3Config) -> Result<Storage, StorageError> {
        let store = AmazonS3Builder::new()
            .with_endpoint(&config.endpoint)
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(&config.secret_access_key)
            .with_allow_http(config.endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false)
            .build()?;
        Ok(Storage {
            inner: Arc::new(store),
            keeps_attributes: true,
            description: format!("S3 bucket {} at {}", config.bucket, config.endpoint),
        })
    }

    /// In memory, gone with the process: for tests.
    pub fn memory() -> Storage {
        Storage {
            inner: Arc::new(InMemory::new()),
            keeps_attributes: true,
            description: "memory".into(),
        }
    }

    /// Any other `object_store` backend.
    pub fn from_store(inner: Arc<dyn ObjectStore>, keeps_attributes: bool) -> Storage {
        let description = inner.to_string();
        Storage {
            inner,
            keeps_attributes,
            description,
        }
    }

    /// Where the files go, for logs and the start banner.
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// Writes `bytes` under `key` (atomically: readers see all or nothing),
    /// replacing any object there.
    pub async fn put(
        &self,
        key: &str,
        bytes: Bytes,
        content_type: &str,
    ) -> Result<(), StorageError> {
        let path = path(key)?;
        let mut attributes = Attributes::new();
        if self.keeps_attributes {
            attributes.insert(Attribute::ContentType, content_type.to_owned().into());
        }
        let options = PutOptions::from(attributes);
        self.inner
            .put_opts(&path, PutPayload::from_bytes(bytes), options)
            .await?;
        Ok(())
    }

    /// The object under `key`, or `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Object>, StorageError> {
        let path = path(key)?;
        match self.inner.get(&path).await {
            Ok(result) => {
                let content_type = result
                    .attributes
                    .get(&Attribute::ContentType)
                    .map(|v| v.as_ref().to_owned());
                let bytes = result.bytes().await?;
                Ok(Some(Object {
                    bytes,
                    content_type,
                }))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the object under `key`; removing a missing object is no error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        let path = path(key)?;
        match self.inner.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Keys are `/`-separated relative paths of plain segments: no empty, `.`
/// or `..` segment, so a key can never leave the store's root.
fn path(key: &str) -> Result<Path, StorageError> {
    let invalid = |reason: &str| StorageError::InvalidKey {
        key: key.to_owned(),
        reason: reason.to_owned(),
    };
    if key.is_empty() || key.starts_with('/') || key.ends_with('/') {
        return Err(invalid("must be a relative path"));
    }
    Path::parse(key).map_err(|e| invalid(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(storage: &Storage) {
        let key = "media/2026/11/a.png";
        assert!(storage.get(key).await.unwrap().is_none());
        storage
            .put(key, Bytes::from_static(b"\x89PNG data"), "image/png")
            .await
            .unwrap();
        let got = storage.get(key).await.unwrap().expect("stored");
        assert_eq!(&got.bytes[..], b"\x89PNG data");
        storage
            .put(key, Bytes::from_static(b"replaced"), "image/png")
            .await
            .unwrap();
        assert_eq!(
            &storage.get(key).await.unwrap().unwrap().bytes[..],
            b"replaced"
        );
        storage.delete(key).await.unwrap();
        assert!(storage.get(key).await.unwrap().is_none());
        // Deleting again is fine.
        storage.delete(key).await.unwrap();
    }

    #[tokio::test]
    async fn memory_round_trip_keeps_the_content_type() {
        let storage = Storage::memory();
        round_trip(&storage).await;
        storage
            .put(
                "x/y.pdf",
                Bytes::from_static(b"%PDF-1.4"),
                "application/pdf",
            )
            .await
            .unwrap();
        let got = storage.get("x/y.pdf").await.unwrap().unwrap();
        assert_eq!(got.content_type.as_deref(), Some("application/pdf"));
    }

    #[tokio::test]
    async fn local_round_trip_writes_under_the_root() {
        let root = std::env::temp_dir().join(format!("qitaa-storage-{}", uuid::Uuid::new_v4()));
        let storage = Storage::local(root.join("files")).unwrap();
        round_trip(&storage).await;
        storage
            .put(
                "media/2026/11/b.jpg",
                Bytes::from_static(b"jpeg"),
                "image/jpeg",
            )
            .await
            .unwrap();
        let on_disk = std::fs::read(root.join("files/media/2026/11/b.jpg")).unwrap();
        assert_eq!(on_disk, b"jpeg");
        let got = storage.get("media/2026/11/b.jpg").await.unwrap().unwrap();
        assert_eq!(got.content_type, None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[tokio::test]
    async fn keys_cannot_escape_the_root() {
        let storage = Storage::memory();
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/./b",
            "dir/",
        ] {
            let err = storage
                .put(bad, Bytes::from_static(b"x"), "text/plain")
                .await
                .expect_err(bad);
            assert!(
                matches!(err, StorageError::InvalidKey { .. }),
                "{bad}: {err}"
            );
        }
    }
}
