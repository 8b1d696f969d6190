//! This node's copy of the settings. Reads never touch the database: every
//! request (the maintenance gate) reads it. A write on any node notifies
//! `qitaa_settings` in its transaction; every node's listener reloads on
//! that, and a slow timer reloads too, in case a notification was lost
//! while a listener reconnected.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;

use super::model::SystemSettings;
use super::repo;

pub const CHANNEL: &str = "qitaa_settings";
/// How often a node reloads even without a notification.
const RELOAD_EVERY: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct SettingsCache {
    inner: Arc<RwLock<Loaded>>,
}

struct Loaded {
    settings: Arc<SystemSettings>,
    version: i64,
    /// What applies while no admin has saved the document.
    defaults: Arc<SystemSettings>,
}

impl SettingsCache {
    pub fn new(defaults: SystemSettings) -> Self {
        let defaults = Arc::new(defaults);
        SettingsCache {
            inner: Arc::new(RwLock::new(Loaded {
                settings: defaults.clone(),
                version: 0,
                defaults,
            })),
        }
    }

    pub fn current(&self) -> Arc<SystemSettings> {
        self.inner
            .read()
            .map(|l| l.settings.clone())
            .unwrap_or_else(|p| p.into_inner().settings.clone())
    }

    pub fn version(&self) -> i64 {
        self.inner.read().map(|l| l.version).unwrap_or(0)
    }

    pub fn defaults(&self) -> Arc<SystemSettings> {
        self.inner
            .read()
            .map(|l| l.defaults.clone())
            .unwrap_or_else(|p| p.into_inner().defaults.clone())
    }

    /// Keeps `settings` unless this node already holds a newer version.
    pub fn put(&self, settings: SystemSettings, version: i64) {
        let mut l = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if version >= l.version {
            l.settings = Arc::new(settings);
            l.version = version;
        }
    }

    /// Reads the stored document; no row keeps the defaults.
    pub async fn reload(&self, db: &PgPool) -> sqlx::Result<()> {
        match repo::load(db).await? {
            Some(row) => {
                let settings = stored(row.value, &self.defaults());
                self.put(settings, row.version);
            }
            None => {
                let defaults = (*self.defaults()).clone();
                let mut l = self.inner.write().unwrap_or_else(|p| p.into_inner());
                l.settings = Arc::new(defaults);
                l.version = 0;
            }
        }
        Ok(())
    }
}

/// A stored document that no longer reads (a field renamed by hand) falls
/// back to the defaults rather than stopping the node.
fn stored(value: serde_json::Value, defaults: &SystemSettings) -> SystemSettings {
    serde_json::from_value(value).unwrap_or_else(|e| {
        tracing::error!(error = %e, "stored system settings do not read; using the defaults");
        defaults.clone()
    })
}

/// Loads the settings and keeps them fresh on this node for as long as it runs.
pub fn spawn_listener(cache: SettingsCache, db: PgPool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = cache.reload(&db).await {
            tracing::warn!(error = %e, "loading system settings failed; the defaults apply");
        }
        loop {
            let mut listener = match PgListener::connect_with(&db).await {
                Ok(mut l) => match l.listen(CHANNEL).await {
                    Ok(()) => Some(l),
                    Err(e) => {
                        tracing::warn!(error = %e, "LISTEN for settings failed");
                        None
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %e, "no settings listener connection");
                    None
                }
            };
            // A notification sent while there was no listener is caught here.
            let _ = cache.reload(&db).await;
            loop {
                let heard = async {
                    match listener.as_mut() {
                        Some(l) => l.recv().await.map(|_| ()),
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    r = heard => {
                        if let Err(e) = r {
                            tracing::debug!(error = %e, "settings listener interrupted");
                            break;
                        }
                    }
                    () = tokio::time::sleep(RELOAD_EVERY) => {}
                }
                if let Err(e) = cache.reload(&db).await {
                    tracing::warn!(error = %e, "reloading system settings failed");
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}
