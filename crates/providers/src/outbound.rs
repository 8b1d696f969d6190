//! URLs the server calls on a user's behalf (a browser's Web Push endpoint): only https to an
//! allowed host name, never an address, and only to public addresses.
//!
//! The address rule is checked twice because a check on the string alone proves nothing: a name
//! can resolve to `127.0.0.1`, and its answer can change between a check and the connection.
//! [`EndpointPolicy::check`] resolves the name when a URL is accepted (a subscription), and
//! [`EndpointPolicy::client`] builds the HTTP client whose resolver drops every non-public
//! address, so the rule also holds for the connection actually made. That client follows no
//! redirects and uses no proxy (either would reach a host the checks never saw).
//!
//! Hosts named in `private_hosts` are exempt from the address rule and from https: local fakes
//! in tests, a relay inside a private network. The default names none.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The push services of the browsers: Chrome (FCM), Firefox (autopush), Edge (WNS), Safari.
/// `*.` matches any name under the rest.
pub const DEFAULT_PUSH_HOSTS: [&str; 6] = [
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "*.push.services.mozilla.com",
    "*.notify.windows.com",
    "web.push.apple.com",
    "*.push.apple.com",
];

/// Why a URL may not be called.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not an absolute URL")]
    Malformed,
    #[error("not https")]
    NotHttps,
    #[error("an IP address instead of a host name")]
    IpLiteral,
    #[error("{0} is not an allowed host")]
    NotAllowed(String),
    #[error("port {0} instead of 443")]
    Port(u16),
    #[error("{0} resolves to a non-public address")]
    NotPublic(String),
    /// The name did not resolve (it may later): not the URL's fault for certain.
    #[error("{0} did not resolve: {1}")]
    Unresolved(String, String),
}

/// Raised by the client's resolver when a name has no public address; found in the source chain
/// of the `reqwest::Error` of the request it stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} resolves to no public address")]
pub struct BlockedAddress(pub String);

/// Which hosts may be called; see the module documentation.
#[derive(Clone, PartialEq, Eq)]
pub struct EndpointPolicy {
    /// Lowercase names, or `*.` patterns.
    allowed: Vec<String>,
    private: Vec<PrivateHost>,
}

#[derive(Clone, PartialEq, Eq)]
enum PrivateHost {
    Name(String),
    Ip(IpAddr),
}

impl fmt::Debug for EndpointPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndpointPolicy")
            .field("allowed_hosts", &self.allowed)
            .field("private_hosts", &self.private_hosts())
            .finish()
    }
}

impl Default for EndpointPolicy {
    fn default() -> Self {
        EndpointPolicy::new(DEFAULT_PUSH_HOSTS, std::iter::empty::<&str>())
    }
}

/// A host as compared: lowercase, without a final dot (`fcm.googleapis.com.` is the same name).
fn normal_name(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

impl EndpointPolicy {
    /// `allowed_hosts`: names or `*.` patterns; `private_hosts`: names or addresses (`[::1]` or
    /// `::1`) exempt from the address rule and from https. Empty entries are ignored.
    pub fn new<A, P>(
        allowed_hosts: impl IntoIterator<Item = A>,
        private_hosts: impl IntoIterator<Item = P>,
    ) -> Self
    where
        A: AsRef<str>,
        P: AsRef<str>,
    {
        let allowed = allowed_hosts
            .into_iter()
            .map(|h| normal_name(h.as_ref()))
            .filter(|h| !h.is_empty())
            .collect();
        let private = private_hosts
            .into_iter()
            .filter_map(|h| {
                let h = h.as_ref().trim();
                if h.is_empty() {
                    return None;
                }
                let bare = h.trim_start_matches('[').trim_end_matches(']');
                Some(match bare.parse::<IpAddr>() {
                    Ok(ip) => PrivateHost::Ip(kernel::net::canonical(ip)),
                    Err(_) => PrivateHost::Name(normal_name(h)),
                })
            })
            .collect();
        EndpointPolicy { allowed, private }
    }

    pub fn allowed_hosts(&self) -> &[String] {
        &self.allowed
    }

    /// As given to [`EndpointPolicy::new`] (addresses without brackets).
    pub fn private_hosts(&self) -> Vec<String> {
        self.private
            .iter()
            .map(|p| match p {
                PrivateHost::Name(n) => n.clone(),
                PrivateHost::Ip(ip) => ip.to_string(),
            })
            .collect()
    }

    fn is_allowed(&self, name: &str) -> bool {
        self.allowed
            .iter()
            .any(|pattern| match pattern.strip_prefix("*.") {
                Some(parent) => name
                    .strip_suffix(parent)
                    .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
                None => name == pattern,
            })
    }

    fn is_private_name(&self, name: &str) -> bool {
        self.private
            .iter()
            .any(|p| matches!(p, PrivateHost::Name(n) if n == name))
    }

    /// Whether `url`'s host was named in `private_hosts`.
    fn names_private(&self, url: &Url) -> bool {
        match url.domain() {
            Some(name) => self.is_private_name(&normal_name(name)),
            None => {
                let host = url.host_str().unwrap_or_default();
                let bare = host.trim_start_matches('[').trim_end_matches(']');
                bare.parse::<IpAddr>().is_ok_and(|ip| {
                    let ip = kernel::net::canonical(ip);
                    self.private.contains(&PrivateHost::Ip(ip))
                })
            }
        }
    }

    /// The rules that need no lookup: https on port 443, a host name (an address in any
    /// notation, `0x7f000001` or `[::1]` included, is refused) that is allowed; or a host named
    /// in `private_hosts`.
    pub fn check_url(&self, url: &str) -> Result<Url, Refusal> {
        let url = Url::parse(url.trim()).map_err(|_| Refusal::Malformed)?;
        if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
            return Err(Refusal::Malformed);
        }
        if self.names_private(&url) {
            return Ok(url);
        }
        if url.scheme() != "https" {
            return Err(Refusal::NotHttps);
        }
        // The URL parser already turned every IPv4 spelling (hex, octal, a single number,
        // percent-encoded) into an address, so a domain here is a name.
        let Some(name) = url.domain().map(normal_name) else {
            return Err(Refusal::IpLiteral);
        };
        if !self.is_allowed(&name) {
            return Err(Refusal::NotAllowed(name));
        }
        if let Some(port) = url.port() {
            return Err(Refusal::Port(port));
        }
        Ok(url)
    }

    /// [`check_url`](Self::check_url), then the name's addresses: every one must be public
    /// (one private answer among public ones is refused too).
    pub async fn check(&self, url: &str) -> Result<Url, Refusal> {
        let url = self.check_url(url)?;
        if self.names_private(&url) {
            return Ok(url);
        }
        let name = url.domain().map(normal_name).unwrap_or_default();
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 443))
            .await
            .map_err(|e| Refusal::Unresolved(name.clone(), e.to_string()))?
            .collect();
        if addrs.is_empty() {
            return Err(Refusal::Unresolved(name, "no address".to_owned()));
        }
        if addrs.iter().any(|a| !kernel::net::is_public(a.ip())) {
            return Err(Refusal::NotPublic(name));
        }
        Ok(url)
    }

    /// The HTTP client for these URLs: its resolver answers only public addresses (all of them
    /// for a name in `private_hosts`), and it follows no redirects and uses no proxy. Addresses
    /// in URLs never reach a resolver: callers check URLs with
    /// [`check_url`](Self::check_url) first.
    pub fn client(&self, timeout: Duration) -> reqwest::Result<reqwest::Client> {
        let private = self
            .private
            .iter()
            .filter_map(|p| match p {
                PrivateHost::Name(n) => Some(n.clone()),
                PrivateHost::Ip(_) => None,
            })
            .collect();
        reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(PublicResolver {
                private: Arc::new(private),
            })
            .build()
    }
}

/// The system resolver, keeping only public addresses.
struct PublicResolver {
    private: Arc<Vec<String>>,
}

impl Resolve for PublicResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let name = normal_name(name.as_str());
        let private = self.private.contains(&name);
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let kept: Vec<SocketAddr> = found
                .filter(|a| private || kernel::net::is_public(a.ip()))
                .collect();
            if kept.is_empty() {
                tracing::warn!(host = %name, "refused to connect: no public address");
                return Err(Box::new(BlockedAddress(name)) as _);
            }
            Ok(Box::new(kept.into_iter()) as Addrs)
        })
    }
}

/// Whether `e` (a request's error) was the resolver refusing every address.
pub fn is_blocked(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(e);
    while let Some(s) = source {
        if s.is::<BlockedAddress>() {
            return true;
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowed_https_names_pass() {
        let p = EndpointPolicy::default();
        for ok in [
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://FCM.googleapis.com./fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/x",
            "https://a.b.push.services.mozilla.com/x",
            "https://wns2-par02p.notify.windows.com/w/?token=x",
            "https://web.push.apple.com/QO",
            "https://api.push.apple.com/x",
            "https://fcm.googleapis.com:443/x",
        ] {
            assert!(p.check_url(ok).is_ok(), "{ok}");
        }
        let refused = [
            ("http://fcm.googleapis.com/x", Refusal::NotHttps),
            ("http://127.0.0.1:8080/x", Refusal::NotHttps),
            ("https://127.0.0.1/x", Refusal::IpLiteral),
            ("https://0x7f000001/x", Refusal::IpLiteral),
            ("https://2130706433/x", Refusal::IpLiteral),
            ("https://0177.0.0.1/x", Refusal::IpLiteral),
            ("https://127.1/x", Refusal::IpLiteral),
            ("https://%31%32%37.0.0.1/x", Refusal::IpLiteral),
            ("https://[::1]/x", Refusal::IpLiteral),
            ("https://[::ffff:127.0.0.1]/x", Refusal::IpLiteral),
            (
                "https://localhost/x",
                Refusal::NotAllowed("localhost".into()),
            ),
            (
                "https://push.services.mozilla.com/x",
                Refusal::NotAllowed("push.services.mozilla.com".into()),
            ),
            (
                "https://evilpush.apple.com/x",
                Refusal::NotAllowed("evilpush.apple.com".into()),
            ),
            (
                "https://fcm.googleapis.com.evil.example/x",
                Refusal::NotAllowed("fcm.googleapis.com.evil.example".into()),
            ),
            (
                "https://fcm.googleapis.com@evil.example/x",
                Refusal::NotAllowed("evil.example".into()),
            ),
            ("https://fcm.googleapis.com:8443/x", Refusal::Port(8443)),
            ("ftp://fcm.googleapis.com/x", Refusal::Malformed),
            ("not a url", Refusal::Malformed),
        ];
        for (url, why) in refused {
            assert_eq!(p.check_url(url), Err(why), "{url}");
        }
    }

    #[test]
    fn private_hosts_are_only_those_named() {
        let p = EndpointPolicy::new(DEFAULT_PUSH_HOSTS, ["127.0.0.1", "[::1]", "Push.Local"]);
        for ok in [
            "http://127.0.0.1:4000/push/x",
            "http://[::1]:4000/push/x",
            "http://push.local:4000/x",
            "https://push.local/x",
        ] {
            assert!(p.check_url(ok).is_ok(), "{ok}");
        }
        for no in [
            "http://127.0.0.2:4000/x",
            "https://0x7f000002/x",
            "http://localhost:4000/x",
        ] {
            assert!(p.check_url(no).is_err(), "{no}");
        }
        assert_eq!(p.private_hosts(), ["127.0.0.1", "::1", "push.local"]);
        assert!(EndpointPolicy::default().private_hosts().is_empty());
    }

    #[tokio::test]
    async fn a_name_of_a_loopback_address_is_refused_after_resolution() {
        let p = EndpointPolicy::new(["localhost"], std::iter::empty::<&str>());
        assert!(p.check_url("https://localhost/x").is_ok());
        assert_eq!(
            p.check("https://localhost/x").await,
            Err(Refusal::NotPublic("localhost".into()))
        );
    }
}
