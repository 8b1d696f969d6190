use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

// ---------------------------------------------------------------- vocabulary

/// How a notification reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// FCM to the apps, Web Push to the PWAs.
    Push,
    Sms,
    Email,
    /// The in-app inbox.
    InApp,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Push, Channel::Sms, Channel::Email, Channel::InApp];
    /// The channels a `notify.deliver` job sends on.
    pub const EXTERNAL: [Channel; 3] = [Channel::Push, Channel::Sms, Channel::Email];
    pub const ALLOWED: &'static str = "push, sms, email, in_app";

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Push => "push",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::InApp => "in_app",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a notification is about; users opt in per category and channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = NotificationCategory)]
pub enum Category {
    Orders,
    Chat,
    Marketing,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Orders, Category::Chat, Category::Marketing];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Orders => "orders",
            Category::Chat => "chat",
            Category::Marketing => "marketing",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether a user who never chose is opted in: everything but marketing
    /// by SMS and email.
    pub fn default_on(self, channel: Channel) -> bool {
        !(self == Category::Marketing && matches!(channel, Channel::Sms | Channel::Email))
    }
}

/// The events templates exist for, their category and the variables their
/// templates may use (`name`, the recipient's name, is always there).
#[derive(Debug, Clone, Copy)]
pub struct EventSpec {
    pub name: &'static str,
    pub category: Category,
    pub vars: &'static [&'static str],
}

pub const EVENTS: [EventSpec; 4] = [
    EventSpec {
        name: "order.status",
        category: Category::Orders,
        vars: &["orderNumber", "status", "name"],
    },
    EventSpec {
        name: "order.new",
        category: Category::Orders,
        vars: &["orderNumber", "storeName", "amount", "name"],
    },
    EventSpec {
        name: "chat.message",
        category: Category::Chat,
        vars: &["senderName", "preview", "name"],
    },
    EventSpec {
        name: "broadcast",
        category: Category::Marketing,
        vars: &["title", "body", "name"],
    },
];

pub fn event_spec(name: &str) -> Option<&'static EventSpec> {
    EVENTS.iter().find(|e| e.name == name)
}

/// The event of admin broadcasts.
pub const BROADCAST_EVENT: &str = "broadcast";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Android,
    Ios,
    /// A PWA: the token is the browser's PushSubscription JSON.
    Web,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Android, Platform::Ios, Platform::Web];
    pub const ALLOWED: &'static str = "android, ios, web";

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Ios => "ios",
            Platform::Web => "web",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Which of the product's apps a device runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AppKind {
    Customer,
    Store,
    Rider,
    Partner,
    Admin,
}

impl AppKind {
    pub const ALL: [AppKind; 5] = [
        AppKind::Customer,
        AppKind::Store,
        AppKind::Rider,
        AppKind::Partner,
        AppKind::Admin,
    ];
    pub const ALLOWED: &'static str = "customer, store, rider, partner, admin";

    pub fn as_str(self) -> &'static str {
        match self {
            AppKind::Customer => "customer",
            AppKind::Store => "store",
            AppKind::Rider => "rider",
            AppKind::Partner => "partner",
            AppKind::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<AppKind> {
        AppKind::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

fn one_of<T>(
    e: &mut FieldErrors,
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &'static str,
) -> Option<T> {
    let v = value.trim();
    if v.is_empty() {
        e.add(field, Message::new("validation-required"));
        return None;
    }
    let parsed = parse(v);
    if parsed.is_none() {
        e.add(
            field,
            Message::new("validation-one-of").arg("allowed", allowed),
        );
    }
    parsed
}

fn locale_of(e: &mut FieldErrors, field: &str, value: &str) -> Option<Locale> {
    match value.trim() {
        "ar" => Some(Locale::Ar),
        "en" => Some(Locale::En),
        _ => {
            e.add(
                field,
                Message::new("validation-one-of").arg("allowed", "ar, en"),
            );
            None
        }
    }
}

pub fn locale_from_db(s: &str) -> Locale {
    if s == "en" { Locale::En } else { Locale::Ar }
}

// ---------------------------------------------------------------- devices

/// Longest device token (a PushSubscription JSON is a few hundred bytes).
pub const MAX_TOKEN_BYTES: usize = 2048;

/// `POST /devices`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceInput {
    #[serde(default)]
    #[schema(required = true, value_type = Platform)]
    pub platform: String,
    /// The FCM registration token; for `web`, the PushSubscription JSON
    /// `{endpoint, keys: {p256dh, auth}}` as a string. At most 2048 bytes.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 2048, pattern = "\\S")]
    pub token: String,
    #[serde(default)]
    #[schema(required = true, value_type = AppKind)]
    pub app: String,
    /// `ar` or `en` (default: the request's language).
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

/// A checked device registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub platform: Platform,
    /// Web subscriptions in one canonical form, so one browser is one row.
    pub token: String,
    pub app: AppKind,
    pub locale: Option<Locale>,
}

/// A browser's PushSubscription as stored in `devices.token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

impl Subscription {
    /// Reads `{endpoint, keys: {p256dh, auth}}` (other members, such as
    /// `expirationTime`, are ignored); `None` unless the endpoint is an
    /// http(s) URL and both keys are there.
    pub fn parse(token: &str) -> Option<Subscription> {
        let s: Subscription = serde_json::from_str(token).ok()?;
        let endpoint_ok = (s.endpoint.starts_with("https://") || s.endpoint.starts_with("http://"))
            && reqwest::Url::parse(&s.endpoint).is_ok_and(|u| u.host_str().is_some());
        let keys_ok = !s.keys.p256dh.trim().is_empty() && !s.keys.auth.trim().is_empty();
        (endpoint_ok && keys_ok).then_some(s)
    }

    /// The canonical JSON text stored as the token.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A device token in its stored form: web subscriptions canonical, others trimmed.
pub fn canonical_token(token: &str) -> String {
    match Subscription::parse(token.trim()) {
        Some(s) => s.canonical(),
        None => token.trim().to_owned(),
    }
}

impl DeviceInput {
    pub fn resolve(&self) -> Result<NewDevice, ApiError> {
        let mut e = FieldErrors::new();
        let platform = one_of(
            &mut e,
            "platform",
            &self.platform,
            Platform::parse,
            Platform::ALLOWED,
        );
        let app = one_of(&mut e, "app", &self.app, AppKind::parse, AppKind::ALLOWED);
        let locale = self
            .locale
            .as_deref()
            .and_then(|l| locale_of(&mut e, "locale", l));
        let token = self.token.trim();
        let mut stored = token.to_owned();
        if e.required("token", token) {
            // Bytes, not characters: the token is indexed (tokens are ASCII anyway).
            if token.len() > MAX_TOKEN_BYTES {
                e.add(
                    "token",
                    Message::new("validation-too-long").arg("max", MAX_TOKEN_BYTES),
                );
            }
            if platform == Some(Platform::Web) {
                match Subscription::parse(token) {
                    Some(s) => stored = s.canonical(),
                    None => {
                        e.add(
                            "token",
                            Message::new("notifications-validation-web-subscription"),
                        );
                    }
                }
            }
        }
        e.into_result()?;
        match (platform, app) {
            (Some(platform), Some(app)) => Ok(NewDevice {
                platform,
                token: stored,
                app,
                locale,
            }),
            _ => Err(ApiError::field(
                "platform",
                Message::new("validation-required"),
            )),
        }
    }
}

impl Validate for DeviceInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub platform: String,
    pub token: String,
    pub app: String,
    pub locale: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A registered device.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: Uuid,
    pub platform: Platform,
    pub app: AppKind,
    pub locale: Locale,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<DeviceRow> for Device {
    fn from(r: DeviceRow) -> Self {
        Device {
            id: r.id,
            platform: Platform::parse(&r.platform).unwrap_or(Platform::Android),
            app: AppKind::parse(&r.app).unwrap_or(AppKind::Customer),
            locale: locale_from_db(&r.locale),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// What the PWAs subscribe with.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebPushKey {
    /// The VAPID public key, base64url: `applicationServerKey` of `pushManager.subscribe`.
    pub public_key: String,
}

// ---------------------------------------------------------------- templates

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 4000;
pub const MAX_SMS_CHARS: usize = 500;
pub const MAX_HTML_CHARS: usize = 50_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateRow {
    pub event: String,
    pub channel: String,
    pub locale: String,
    pub title: String,
    pub body: String,
    pub html: Option<String>,
    pub enabled: bool,
    pub updated_at: OffsetDateTime,
}

/// What one event says on one channel in one language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub event: String,
    pub channel: Channel,
    pub locale: Locale,
    /// Push and in-app title, email subject; empty for SMS.
    pub title: String,
    /// Push, in-app and SMS text, the email's text part.
    pub body: String,
    /// The email's HTML part (placeholders are HTML-escaped); without it the
    /// HTML part is made from `body`.
    pub html: Option<String>,
    /// A disabled template means the event does not use the channel.
    pub enabled: bool,
    /// The `{placeholders}` this event's templates may use.
    pub variables: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<TemplateRow> for Template {
    fn from(r: TemplateRow) -> Self {
        Template {
            variables: event_spec(&r.event)
                .map(|s| s.vars.iter().map(|v| (*v).to_owned()).collect())
                .unwrap_or_default(),
            channel: Channel::parse(&r.channel).unwrap_or(Channel::Push),
            locale: locale_from_db(&r.locale),
            event: r.event,
            title: r.title,
            body: r.body,
            html: r.html,
            enabled: r.enabled,
            updated_at: r.updated_at,
        }
    }
}

/// `GET /admin/notification-templates`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    #[param(max_length = 100)]
    pub event: Option<String>,
    #[param(value_type = Option<Channel>)]
    pub channel: Option<String>,
    #[param(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

impl TemplateQuery {
    pub fn resolve(&self) -> Result<(Option<Channel>, Option<Locale>), ApiError> {
        let mut e = FieldErrors::new();
        let channel = self
            .channel
            .as_deref()
            .and_then(|c| one_of(&mut e, "channel", c, Channel::parse, Channel::ALLOWED));
        let locale = self
            .locale
            .as_deref()
            .and_then(|l| locale_of(&mut e, "locale", l));
        if let Some(ev) = &self.event {
            e.max_chars("event", ev, 100);
        }
        e.into_result()?;
        Ok((channel, locale))
    }
}

impl Validate for TemplateQuery {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

/// `PUT /admin/notification-templates/{event}/{channel}/{locale}`: the whole template.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateInput {
    /// Required except for SMS (which has none).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    /// At most 4000 characters (500 for SMS); `{name}` placeholders must be
    /// the event's variables.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 4000, pattern = "\\S")]
    pub body: String,
    /// Email only.
    #[schema(max_length = 50_000)]
    pub html: Option<String>,
    /// Default true.
    pub enabled: Option<bool>,
}

/// The `{name}` placeholders of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push(name);
                }
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

impl TemplateInput {
    /// Checks the template for `channel` (when known) and that it only uses
    /// `vars` (when known); every failing field is named.
    pub fn check(&self, channel: Option<Channel>, vars: Option<&[&str]>) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let needs_title = channel.is_some_and(|c| c != Channel::Sms);
        if needs_title {
            e.required("title", &self.title);
        }
        e.max_chars("title", &self.title, MAX_TITLE_CHARS);
        if e.required("body", &self.body) {
            let max = if channel == Some(Channel::Sms) {
                MAX_SMS_CHARS
            } else {
                MAX_BODY_CHARS
            };
            e.max_chars("body", &self.body, max);
        }
        if let Some(html) = &self.html {
            if channel.is_some_and(|c| c != Channel::Email) {
                e.add(
                    "html",
                    Message::new("notifications-validation-html-email-only"),
                );
            } else {
                e.max_chars("html", html, MAX_HTML_CHARS);
            }
        }
        if let Some(vars) = vars {
            let texts = [
                ("title", Some(self.title.as_str())),
                ("body", Some(self.body.as_str())),
                ("html", self.html.as_deref()),
            ];
            for (field, text) in texts {
                for name in placeholders(text.unwrap_or_default()) {
                    if !vars.contains(&name) {
                        e.add(
                            field,
                            Message::new("notifications-validation-placeholder")
                                .arg("name", name)
                                .arg("allowed", vars.join(", ")),
                        );
                    }
                }
            }
        }
        e.into_result()
    }
}

impl Validate for TemplateInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.check(None, None)
    }
}

// ---------------------------------------------------------------- preferences

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

// ---------------------------------------------------------------- inbox

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: Uuid,
    pub event: String,
    pub category: String,
    pub title: serde_json::Value,
    pub body: serde_json::Value,
    pub data: serde_json::Value,
    pub read_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// Text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(default)]
    pub ar: String,
    #[serde(default)]
    pub en: String,
}

impl Localized {
    pub fn get(&self, locale: Locale) -> &str {
        let (want, other) = match locale {
            Locale::Ar => (&self.ar, &self.en),
            Locale::En => (&self.en, &self.ar),
        };
        if want.is_empty() { other } else { want }
    }

    pub fn from_json(v: &serde_json::Value) -> Localized {
        serde_json::from_value(v.clone()).unwrap_or_default()
    }
}

/// One notification of the caller's inbox, in the request's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InboxItem {
    pub id: Uuid,
    /// e.g. `order.status`, `chat.message`, `broadcast`.
    pub event: String,
    pub category: Category,
    pub title: String,
    pub body: String,
    /// The event's variables, for the app to open what it is about.
    pub data: serde_json::Value,
    pub read: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl NotificationRow {
    pub fn into_item(self, locale: Locale) -> InboxItem {
        InboxItem {
            id: self.id,
            category: Category::parse(&self.category).unwrap_or(Category::Orders),
            title: Localized::from_json(&self.title).get(locale).to_owned(),
            body: Localized::from_json(&self.body).get(locale).to_owned(),
            event: self.event,
            data: self.data,
            read: self.read_at.is_some(),
            read_at: self.read_at,
            created_at: self.created_at,
        }
    }
}

/// `GET /notifications`: newest first.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread ones.
    pub unread: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl InboxQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for InboxQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnreadCount {
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkedRead {
    /// Notifications this call marked read.
    pub marked: i64,
}

// ---------------------------------------------------------------- broadcasts

/// Longest broadcast title and body, per language.
pub const MAX_BROADCAST_TITLE_CHARS: usize = 120;
pub const MAX_BROADCAST_BODY_CHARS: usize = 1000;

/// The roles a broadcast may target.
pub const SEGMENT_ROLES: [&str; 3] = ["CUSTOMER", "SUPPLIER", "REPRESENTATIVE"];

/// Who a broadcast goes to: every active user (`all`), or those of a role,
/// of a city (their default address's), or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Segment {
    /// `CUSTOMER`, `SUPPLIER` or `REPRESENTATIVE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::identity::model::PublicRole>)]
    pub role: Option<String>,
    /// The city of the user's default address (any case).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
}

fn deserialize_channels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Option::<Vec<String>>::deserialize(d).map(Option::unwrap_or_default)
}

/// `POST /admin/broadcasts`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BroadcastInput {
    #[serde(default)]
    #[schema(required = true, value_type = BroadcastTitle)]
    pub title: Localized,
    #[serde(default)]
    #[schema(required = true, value_type = BroadcastBody)]
    pub body: Localized,
    /// `all`, or a role, a city or both.
    #[serde(default)]
    #[schema(required = true)]
    pub segment: Segment,
    /// Some of `push`, `sms`, `email`, `in_app`.
    #[serde(default, deserialize_with = "deserialize_channels")]
    #[schema(required = true, value_type = Vec<Channel>, min_items = 1)]
    pub channels: Vec<String>,
}

/// A broadcast's title in both languages, each required.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct BroadcastTitle {
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    ar: String,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    en: String,
}

/// A broadcast's body in both languages, each required.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct BroadcastBody {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    ar: String,
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    en: String,
}

/// A checked broadcast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBroadcast {
    pub title: Localized,
    pub body: Localized,
    pub segment: Segment,
    pub channels: Vec<Channel>,
}

impl BroadcastInput {
    pub fn resolve(&self) -> Result<NewBroadcast, ApiError> {
        let mut e = FieldErrors::new();
        let texts = [
            ("title.ar", &self.title.ar, MAX_BROADCAST_TITLE_CHARS),
            ("title.en", &self.title.en, MAX_BROADCAST_TITLE_CHARS),
            ("body.ar", &self.body.ar, MAX_BROADCAST_BODY_CHARS),
            ("body.en", &self.body.en, MAX_BROADCAST_BODY_CHARS),
        ];
        for (field, text, max) in texts {
            if e.required(field, text) {
                e.max_chars(field, text, max);
            }
        }
        let s = &self.segment;
        let role = s.role.as_deref().map(str::trim);
        let city = s.city.as_deref().map(str::trim);
        let all = s.all == Some(true);
        if let Some(r) = role
            && !SEGMENT_ROLES.contains(&r)
        {
            e.add(
                "segment.role",
                Message::new("validation-one-of").arg("allowed", SEGMENT_ROLES.join(", ")),
            );
        }
        if let Some(c) = city
            && e.required("segment.city", c)
        {
            e.max_chars("segment.city", c, 100);
        }
        if all && (role.is_some() || city.is_some()) {
            e.add(
                "segment",
                Message::new("notifications-validation-segment-all"),
            );
        } else if !all && role.is_none() && city.is_none() {
            e.add(
                "segment",
                Message::new("notifications-validation-segment-required"),
            );
        }
        let mut channels = Vec::new();
        if self.channels.is_empty() {
            e.add("channels", Message::new("validation-required"));
        }
        for c in &self.channels {
            match Channel::parse(c.trim()) {
                Some(c) if !channels.contains(&c) => channels.push(c),
                Some(_) => {}
                None => {
                    e.add(
                        "channels",
                        Message::new("validation-one-of").arg("allowed", Channel::ALLOWED),
                    );
                }
            }
        }
        e.into_result()?;
        Ok(NewBroadcast {
            title: Localized {
                ar: self.title.ar.trim().to_owned(),
                en: self.title.en.trim().to_owned(),
            },
            body: Localized {
                ar: self.body.ar.trim().to_owned(),
                en: self.body.en.trim().to_owned(),
            },
            segment: Segment {
                role: role.map(str::to_owned),
                city: city.map(str::to_owned),
                all: all.then_some(true),
            },
            channels,
        })
    }
}

impl Validate for BroadcastInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BroadcastRow {
    pub id: Uuid,
    pub title: serde_json::Value,
    pub body: serde_json::Value,
    pub segment: serde_json::Value,
    pub channels: Vec<String>,
    pub cursor_id: Option<Uuid>,
    pub batches: i32,
    pub planned_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub created_by: Option<Uuid>,
}

impl BroadcastRow {
    pub fn segment(&self) -> Segment {
        serde_json::from_value(self.segment.clone()).unwrap_or_default()
    }

    pub fn channels(&self) -> Vec<Channel> {
        self.channels
            .iter()
            .filter_map(|c| Channel::parse(c))
            .collect()
    }
}

/// Deliveries of a broadcast by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Not sent yet (a batch is queued or retrying).
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// Opted out, or nothing to send to (no device, no email).
    pub skipped: i64,
}

impl StatusCounts {
    pub fn add(&mut self, status: &str, n: i64) {
        match status {
            "pending" => self.pending += n,
            "sent" => self.sent += n,
            "failed" => self.failed += n,
            _ => self.skipped += n,
        }
    }
}

/// A broadcast with its progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Broadcast {
    pub id: Uuid,
    pub title: Localized,
    pub body: Localized,
    pub segment: Segment,
    pub channels: Vec<Channel>,
    /// Batches planned so far.
    pub batches: i32,
    /// Whether every recipient is in a batch.
    pub planned: bool,
    /// Recipients in batches so far.
    pub recipients: i64,
    /// Deliveries (one per recipient and channel) by status.
    pub deliveries: StatusCounts,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Broadcast {
    pub fn from_row(r: BroadcastRow, recipients: i64, deliveries: StatusCounts) -> Broadcast {
        Broadcast {
            title: Localized::from_json(&r.title),
            body: Localized::from_json(&r.body),
            segment: r.segment(),
            channels: r.channels(),
            id: r.id,
            batches: r.batches,
            planned: r.planned_at.is_some(),
            recipients,
            deliveries,
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

/// `GET /admin/broadcasts`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BroadcastQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl BroadcastQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for BroadcastQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// Where a notification is for one recipient on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    Pending,
    Sent,
    Failed,
    Skipped,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 4] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Sent,
        DeliveryStatus::Failed,
        DeliveryStatus::Skipped,
    ];
    pub const ALLOWED: &'static str = "pending, sent, failed, skipped";

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// `GET /admin/broadcasts/{id}/deliveries`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    #[param(value_type = Option<DeliveryStatus>)]
    pub status: Option<String>,
    #[param(value_type = Option<Channel>)]
    pub channel: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl DeliveryQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }

    pub fn resolve(
        &self,
        e: &mut FieldErrors,
    ) -> (
        kernel::pagination::Page,
        Option<DeliveryStatus>,
        Option<Channel>,
    ) {
        let page = self.paging().check(e);
        let status = self.status.as_deref().and_then(|s| {
            one_of(
                e,
                "status",
                s,
                DeliveryStatus::parse,
                DeliveryStatus::ALLOWED,
            )
        });
        let channel = self
            .channel
            .as_deref()
            .and_then(|c| one_of(e, "channel", c, Channel::parse, Channel::ALLOWED));
        (page, status, channel)
    }
}

impl Validate for DeliveryQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.resolve(&mut e);
        e.into_result()
    }
}

/// One recipient's delivery on one channel.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user_name: Option<String>,
    pub user_phone: String,
    #[schema(value_type = Channel)]
    pub channel: String,
    #[schema(value_type = DeliveryStatus)]
    pub status: String,
    /// The adapter: `fcm`, `webpush`, `oursms`, `smtp`, `log`, `outbox`, `inbox`.
    pub provider: Option<String>,
    /// The provider's message id(s), when it gives one.
    pub provider_id: Option<String>,
    pub error: Option<String>,
    pub attempts: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<impl std::fmt::Debug, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_device_names_every_failing_field_and_web_tokens_are_canonical() {
        let bad = DeviceInput {
            platform: "nokia".into(),
            token: String::new(),
            app: "x".into(),
            locale: Some("fr".into()),
        };
        assert_eq!(
            fields(bad.resolve()),
            ["app", "locale", "platform", "token"]
        );
        let web = DeviceInput {
            platform: "web".into(),
            token: r#"{"keys":{"auth":"a","p256dh":"b"},"endpoint":"https://push.example/x","expirationTime":null}"#.into(),
            app: "customer".into(),
            locale: None,
        };
        let d = web.resolve().unwrap();
        assert_eq!(
            d.token,
            r#"{"endpoint":"https://push.example/x","keys":{"p256dh":"b","auth":"a"}}"#
        );
        let not_json = DeviceInput {
            token: "abc".into(),
            ..web
        };
        assert_eq!(fields(not_json.resolve()), ["token"]);
    }

    #[test]
    fn templates_only_use_their_events_variables() {
        assert_eq!(placeholders("{a} x {b_1} {} {no-pe} {c"), ["a", "b_1"]);
        let t = TemplateInput {
            title: String::new(),
            body: "Hi {nme}".into(),
            html: Some("<p>{orderNumber}</p>".into()),
            enabled: None,
        };
        let vars = event_spec("order.status").unwrap().vars;
        assert_eq!(
            fields(t.check(Some(Channel::Push), Some(vars))),
            ["body", "html", "title"]
        );
        let sms = TemplateInput {
            body: "{orderNumber}".into(),
            ..Default::default()
        };
        sms.check(Some(Channel::Sms), Some(vars)).unwrap();
    }

    #[test]
    fn a_broadcast_needs_one_kind_of_segment() {
        let b = BroadcastInput {
            title: Localized {
                ar: "عرض".into(),
                en: String::new(),
            },
            body: Localized {
                ar: "x".into(),
                en: "x".into(),
            },
            segment: Segment {
                role: Some("ADMIN".into()),
                city: None,
                all: Some(true),
            },
            channels: vec!["push".into(), "fax".into()],
        };
        assert_eq!(
            fields(b.resolve()),
            ["channels", "segment", "segment.role", "title.en"]
        );
    }

    #[test]
    fn marketing_by_sms_and_email_is_off_by_default() {
        let p = Preferences::defaults();
        assert!(p.orders.sms && p.orders.email && p.chat.push && p.marketing.push);
        assert!(!p.marketing.sms && !p.marketing.email && p.marketing.in_app);
    }
}
