//! Reading and saving the settings. Saving is audited, bumps the version and
//! notifies every node in the same transaction.

use kernel::{ApiResult, Locale};

use super::model::{PublicSettings, SettingsView, SystemSettings};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;

pub async fn get(state: &AppState, caller: &Caller) -> ApiResult<SettingsView> {
    require(state, caller, Permission::SettingsManage).await?;
    let row = repo::load(&state.db).await?;
    Ok(match row {
        Some(r) => SettingsView {
            settings: serde_json::from_value(r.value)
                .unwrap_or_else(|_| (*state.settings.defaults()).clone()),
            version: r.version,
            updated_at: Some(r.updated_at),
        },
        None => SettingsView {
            settings: (*state.settings.defaults()).clone(),
            version: 0,
            updated_at: None,
        },
    })
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    body: &SystemSettings,
) -> ApiResult<SettingsView> {
    require(state, caller, Permission::SettingsManage).await?;
    let mut tx = state.db.begin().await?;
    let defaults =
        serde_json::to_value(&*state.settings.defaults()).map_err(anyhow::Error::from)?;
    let before = repo::lock(&mut tx, &defaults).await?;
    let value = serde_json::to_value(body).map_err(anyhow::Error::from)?;
    let row = repo::save(&mut tx, &value, caller.user_id).await?;
    crate::audit::service::record(
        &mut *tx,
        caller,
        "settings.update",
        "system_settings",
        1,
        Some(&before.value),
        Some(&value),
    )
    .await?;
    tx.commit().await?;
    // This node need not wait for its own notification.
    state.settings.put(body.clone(), row.version);
    Ok(SettingsView {
        settings: body.clone(),
        version: row.version,
        updated_at: Some(row.updated_at),
    })
}

/// What the apps read before signing in.
pub fn public(state: &AppState, locale: Locale) -> PublicSettings {
    let s = state.settings.current();
    PublicSettings {
        maintenance: s.maintenance.enabled,
        maintenance_message: maintenance_message(&s, locale),
        coming_soon: s.coming_soon,
        marketplaces: s.marketplaces,
        min_app_versions: s.min_app_versions.clone(),
    }
}

/// The admin's words in the caller's language, or the standard sentence.
pub fn maintenance_message(s: &SystemSettings, locale: Locale) -> String {
    let own = match locale {
        Locale::Ar => s.maintenance.message_ar.trim(),
        Locale::En => s.maintenance.message_en.trim(),
    };
    if own.is_empty() {
        kernel::Message::new("error-maintenance").render(locale)
    } else {
        own.to_owned()
    }
}
