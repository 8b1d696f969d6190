//! Per-user opt-ins per category and channel, and their defaults.

use serde::{Deserialize, Serialize};

use kernel::ApiError;
use kernel::validation::Validate;

use super::{Category, Channel};

/// Opt-ins of one category, per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChannelPrefs {
    pub push: bool,
    pub sms: bool,
    pub email: bool,
    pub in_app: bool,
}

impl ChannelPrefs {
    pub fn get(&self, c: Channel) -> bool {
        match c {
            Channel::Push => self.push,
            Channel::Sms => self.sms,
            Channel::Email => self.email,
            Channel::InApp => self.in_app,
        }
    }

    pub fn set(&mut self, c: Channel, on: bool) {
        match c {
            Channel::Push => self.push = on,
            Channel::Sms => self.sms = on,
            Channel::Email => self.email = on,
            Channel::InApp => self.in_app = on,
        }
    }

    pub fn defaults(category: Category) -> ChannelPrefs {
        let mut p = ChannelPrefs {
            push: true,
            sms: true,
            email: true,
            in_app: true,
        };
        for c in Channel::ALL {
            p.set(c, category.default_on(c));
        }
        p
    }
}

/// A user's opt-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub orders: ChannelPrefs,
    pub chat: ChannelPrefs,
    pub marketing: ChannelPrefs,
}

impl Preferences {
    pub fn defaults() -> Preferences {
        Preferences {
            orders: ChannelPrefs::defaults(Category::Orders),
            chat: ChannelPrefs::defaults(Category::Chat),
            marketing: ChannelPrefs::defaults(Category::Marketing),
        }
    }

    pub fn of(&self, c: Category) -> &ChannelPrefs {
        match c {
            Category::Orders => &self.orders,
            Category::Chat => &self.chat,
            Category::Marketing => &self.marketing,
        }
    }

    pub fn of_mut(&mut self, c: Category) -> &mut ChannelPrefs {
        match c {
            Category::Orders => &mut self.orders,
            Category::Chat => &mut self.chat,
            Category::Marketing => &mut self.marketing,
        }
    }
}

#[derive(Debug, Default, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChannelPrefsInput {
    pub push: Option<bool>,
    pub sms: Option<bool>,
    pub email: Option<bool>,
    pub in_app: Option<bool>,
}

impl ChannelPrefsInput {
    pub fn choices(&self) -> Vec<(Channel, bool)> {
        [
            (Channel::Push, self.push),
            (Channel::Sms, self.sms),
            (Channel::Email, self.email),
            (Channel::InApp, self.in_app),
        ]
        .into_iter()
        .filter_map(|(c, v)| v.map(|v| (c, v)))
        .collect()
    }
}

/// `PUT /notifications/preferences`: the present choices change, the others stay.
#[derive(Debug, Default, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferencesInput {
    pub orders: Option<ChannelPrefsInput>,
    pub chat: Option<ChannelPrefsInput>,
    pub marketing: Option<ChannelPrefsInput>,
}

impl PreferencesInput {
    pub fn choices(&self) -> Vec<(Category, Channel, bool)> {
        [
            (Category::Orders, self.orders),
            (Category::Chat, self.chat),
            (Category::Marketing, self.marketing),
        ]
        .into_iter()
        .flat_map(|(cat, p)| {
            p.unwrap_or_default()
                .choices()
                .into_iter()
                .map(move |(ch, on)| (cat, ch, on))
        })
        .collect()
    }
}

impl Validate for PreferencesInput {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marketing_by_sms_and_email_is_off_by_default() {
        let p = Preferences::defaults();
        assert!(p.orders.sms && p.orders.email && p.chat.push && p.marketing.push);
        assert!(!p.marketing.sms && !p.marketing.email && p.marketing.in_app);
    }
}
