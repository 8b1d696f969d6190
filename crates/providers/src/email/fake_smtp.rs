//! An in-process fake SMTP server for tests (cargo feature `fake`): plain TCP on `127.0.0.1`,
//! enough of RFC 5321 for lettre.
//!
//! ```
//! # use providers::email::fake_smtp::FakeSmtp;
//! # use providers::email::{EmailMessage, EmailSender, SmtpEmail};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeSmtp::start().await;
//! let smtp = SmtpEmail::new(fake.config("Qitaa <no-reply@qitaa.example>"))?;
//! smtp.send(&EmailMessage {
//!     to: "ali@example.sa".into(),
//!     to_name: None,
//!     subject: "Welcome".into(),
//!     text: "Hello".into(),
//!     html: "<p>Hello</p>".into(),
//!     locale: "en".into(),
//! })
//! .await?;
//! assert_eq!(fake.messages()[0].rcpt_to, ["ali@example.sa"]);
//! # Ok(())
//! # }
//! ```
//!
//! What it speaks: the `220` greeting, `EHLO` (advertising `8BITMIME`, `SMTPUTF8`, `SIZE` and
//! `AUTH PLAIN LOGIN`, see [`FakeSmtp::set_auth_mechanisms`]) and `HELO`, `AUTH PLAIN` (with or
//! without an initial response) and `AUTH LOGIN`, `MAIL FROM`, `RCPT TO`, `DATA` (dot-unstuffed,
//! up to 10 MiB), `RSET`, `NOOP`, `QUIT`; anything else is `502`. Commands out of order get
//! `503`. No TLS: `STARTTLS` is neither offered nor accepted.
//!
//! - [`FakeSmtp::start`] accepts any credentials, or none. [`FakeSmtp::start_with_credentials`]
//!   answers `535` to others and `530` to `MAIL` before a successful `AUTH`.
//! - [`FakeSmtp::reject_next_rcpt`] makes the next `RCPT TO` answer `550`.
//! - Every accepted message is stored with its envelope and raw data ([`ReceivedMail`]); every
//!   `AUTH` is recorded ([`AuthAttempt`]).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use uuid::Uuid;

use super::{SmtpConfig, Tls};

/// Largest message `DATA` takes (and `SIZE` advertises).
pub const MAX_MESSAGE_BYTES: usize = 10 << 20;
/// Longest command line taken.
const MAX_LINE_BYTES: usize = 4096;
const HOSTNAME: &str = "fake-smtp.qitaa.test";

/// One message the fake accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The `EHLO`/`HELO` argument of the session.
    pub helo: String,
    /// The user name of the session's successful `AUTH`, if any.
    pub authenticated_as: Option<String>,
    /// The `MAIL FROM` address, without `<>` and parameters.
    pub mail_from: String,
    /// The `MAIL FROM` parameters, e.g. `["BODY=8BITMIME"]`.
    pub mail_params: Vec<String>,
    /// The accepted `RCPT TO` addresses, without `<>`.
    pub rcpt_to: Vec<String>,
    /// The message as sent after `DATA`: dot-unstuffed, CRLF line ends, without the final `.`.
    pub data: Vec<u8>,
}

impl ReceivedMail {
    /// `data` as text (lossy).
    pub fn data_text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }

    /// The first top-level header `name` (case-insensitive), unfolded, raw (encoded words are
    /// left as they are).
    pub fn header(&self, name: &str) -> Option<String> {
        let text = self.data_text();
        let head = text.split("\r\n\r\n").next().unwrap_or_default();
        let mut unfolded: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            match unfolded.last_mut() {
                Some(last) if line.starts_with([' ', '\t']) => {
                    last.push(' ');
                    last.push_str(line.trim_start());
                }
                _ => unfolded.push(line.to_owned()),
            }
        }
        unfolded.into_iter().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }
}

/// One `AUTH` exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthAttempt {
    /// `PLAIN` or `LOGIN`.
    pub mechanism: String,
    pub username: String,
    pub password: String,
    /// Whether the fake answered `235`.
    pub accepted: bool,
}

struct Inner {
    mechanisms: Vec<String>,
    reject_next_rcpt: Option<(u16, String)>,
    messages: Vec<ReceivedMail>,
    auth_attempts: Vec<AuthAttempt>,
    sessions: usize,
}

struct Shared {
    credentials: Option<(String, String)>,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running fake SMTP server on `127.0.0.1`. Stops (with its open sessions) when dropped.
pub struct FakeSmtp {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeSmtp {
    /// A server that accepts any `AUTH`, or none.
    ///
    /// # Panics
    /// If the port cannot be bound (a test helper: failing loudly is the point).
    pub async fn start() -> FakeSmtp {
        Self::start_inner(None).await
    }

    /// A server that wants `AUTH` with exactly these credentials before `MAIL`.
    ///
    /// # Panics
    /// If the port cannot be bound.
    pub async fn start_with_credentials(username: &str, password: &str) -> FakeSmtp {
        Self::start_inner(Some((username.to_owned(), password.to_owned()))).await
    }

    async fn start_inner(credentials: Option<(String, String)>) -> FakeSmtp {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake SMTP: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake SMTP: local address");
        let shared = Arc::new(Shared {
            credentials,
            inner: Mutex::new(Inner {
                mechanisms: vec!["PLAIN".to_owned(), "LOGIN".to_owned()],
                reject_next_rcpt: None,
                messages: Vec::new(),
                auth_attempts: Vec::new(),
                sessions: 0,
            }),
        });
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        FakeSmtp { addr, shared, task }
    }

    /// `127.0.0.1`.
    pub fn host(&self) -> String {
        self.addr.ip().to_string()
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A config for this fake (plain TCP; the credentials it wants, if any) sending as `from`.
    pub fn config(&self, from: &str) -> SmtpConfig {
        let (username, password) = match &self.shared.credentials {
            Some((u, p)) => (Some(u.clone()), Some(p.clone())),
            None => (None, None),
        };
        SmtpConfig {
            host: self.host(),
            port: self.port(),
            username,
            password,
            tls: Tls::None,
            from: from.to_owned(),
        }
    }

    /// Every accepted message so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared.lock().messages.clone()
    }

    /// Every `AUTH` so far, oldest first.
    pub fn auth_attempts(&self) -> Vec<AuthAttempt> {
        self.shared.lock().auth_attempts.clone()
    }

    /// How many connections were accepted.
    pub fn sessions(&self) -> usize {
        self.shared.lock().sessions
    }

    /// Forgets the stored messages and `AUTH` attempts.
    pub fn clear(&self) {
        let mut inner = self.shared.lock();
        inner.messages.clear();
        inner.auth_attempts.clear();
    }

    /// The next `RCPT TO` (in any session) answers `550 5.1.1 Mailbox unavailable`.
    pub fn reject_next_rcpt(&self) {
        self.reject_next_rcpt_with(550, "5.1.1 Mailbox unavailable");
    }

    /// The next `RCPT TO` answers `code text` (e.g. `451`, `4.3.0 Try again later`).
    pub fn reject_next_rcpt_with(&self, code: u16, text: &str) {
        self.shared.lock().reject_next_rcpt = Some((code, text.to_owned()));
    }

    /// The `AUTH` mechanisms `EHLO` advertises (default `PLAIN LOGIN`; empty: no `AUTH` line).
    /// Both are always accepted.
    pub fn set_auth_mechanisms(&self, mechanisms: &[&str]) {
        self.shared.lock().mechanisms = mechanisms.iter().map(|m| m.to_ascii_uppercase()).collect();
    }
}

impl Drop for FakeSmtp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeSmtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeSmtp")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Accepts connections; the sessions live in a `JoinSet` so aborting this task ends them too.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    shared.lock().sessions += 1;
                    let shared = Arc::clone(&shared);
                    sessions.spawn(async move {
                        if let Err(e) = Session::new(stream, shared).run().await {
                            tracing::debug!(error = %e, "fake SMTP session ended");
                        }
                    });
                }
                Err(e) => tracing::warn!(error = %e, "fake SMTP: accept failed"),
            },
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}

#[derive(Default)]
struct Transaction {
    mail_from: Option<(String, Vec<String>)>,
    rcpt_to: Vec<String>,
}

struct Session {
    stream: BufReader<TcpStream>,
    shared: Arc<Shared>,
    helo: Option<String>,
    authenticated_as: Option<String>,
    tx: Transaction,
}

/// What a command handler wants next.
enum Next {
    Continue,
    Quit,
}

type IoResult<T> = std::io::Result<T>;

impl Session {
    fn new(stream: TcpStream, shared: Arc<Shared>) -> Self {
        Self {
            stream: BufReader::new(stream),
            shared,
            helo: None,
            authenticated_as: None,
            tx: Transaction::default(),
        }
    }

    async fn reply(&mut self, text: &str) -> IoResult<()> {
        let stream = self.stream.get_mut();
        stream.write_all(text.as_bytes()).await?;
        stream.write_all(b"\r\n").await?;
        stream.flush().await
    }

    /// One line without its CRLF (or LF); `None` at end of stream. Lines over `max` bytes are an
    /// error.
    async fn read_line(&mut self, max: usize) -> IoResult<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let n = (&mut self.stream)
            .take(max as u64 + 2)
            .read_until(b'\n', &mut line)
            .await?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "line too long or cut",
            ));
        }
        line.pop();
        if line.ends_with(b"\r") {
            line.pop();
        }
        Ok(Some(line))
    }

    async fn run(mut self) -> IoResult<()> {
        self.reply(&format!("220 {HOSTNAME} ESMTP FakeSmtp ready"))
            .await?;
        while let Some(line) = self.read_line(MAX_LINE_BYTES).await? {
            let line = String::from_utf8_lossy(&line).into_owned();
            let (verb, arg) = match line.split_once(' ') {
                Some((v, a)) => (v.to_ascii_uppercase(), a.trim().to_owned()),
                None => (line.trim().to_ascii_uppercase(), String::new()),
            };
            let next = match verb.as_str() {
                "EHLO" => self.ehlo(arg).await?,
                "HELO" => self.helo(arg).await?,
                "AUTH" => self.auth(&arg).await?,
                "MAIL" => self.mail(&arg).await?,
                "RCPT" => self.rcpt(&arg).await?,
                "DATA" => self.data().await?,
                "RSET" => {
                    self.tx = Transaction::default();
                    self.reply("250 2.0.0 OK").await?;
                    Next::Continue
                }
                "NOOP" => {
                    self.reply("250 2.0.0 OK").await?;
                    Next::Continue
                }
                "QUIT" => {
                    self.reply(&format!("221 2.0.0 {HOSTNAME} closing connection"))
                        .await?;
                    Next::Quit
                }
                _ => {
                    self.reply("502 5.5.2 Command not recognized").await?;
                    Next::Continue
                }
            };
            if let Next::Quit = next {
                break;
            }
        }
        self.stream.get_mut().shutdown().await
    }

    async fn ehlo(&mut self, arg: String) -> IoResult<Next> {
        if arg.is_empty() {
            self.reply("501 5.5.4 EHLO needs a domain").await?;
            return Ok(Next::Continue);
        }
        let mechanisms = self.shared.lock().mechanisms.join(" ");
        let mut lines = vec![
            format!("{HOSTNAME} greets {arg}"),
            "8BITMIME".to_owned(),
            "SMTPUTF8".to_owned(),
            format!("SIZE {MAX_MESSAGE_BYTES}"),
        ];
        if !mechanisms.is_empty() {
            lines.push(format!("AUTH {mechanisms}"));
        }
        let last = lines.len() - 1;
        let reply = lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("250{}{l}", if i == last { ' ' } else { '-' }))
            .collect::<Vec<_>>()
            .join("\r\n");
        self.helo = Some(arg);
        self.tx = Transaction::default();
        self.reply(&reply).await?;
        Ok(Next::Continue)
    }

    async fn helo(&mut self, arg: String) -> IoResult<Next> {
        if arg.is_empty() {
            self.reply("501 5.5.4 HELO needs a domain").await?;
            return Ok(Next::Continue);
        }
        self.helo = Some(arg);
        self.tx = Transaction::default();
        self.reply(&format!("250 {HOSTNAME}")).await?;
        Ok(Next::Continue)
    }

    /// A base64 line of an `AUTH` exchange; `Err(reply)` when the client cancelled (`*`) or sent
    /// something undecodable.
    async fn auth_line(&mut self) -> IoResult<Result<String, &'static str>> {
        let Some(line) = self.read_line(MAX_LINE_BYTES).await? else {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        };
        if line == b"*" {
            return Ok(Err("501 5.0.0 Authentication cancelled"));
        }
        Ok(decode_base64(&line).ok_or("501 5.5.2 Cannot decode response"))
    }

    async fn auth(&mut self, arg: &str) -> IoResult<Next> {
        if self.helo.is_none() {
            self.reply("503 5.5.1 EHLO first").await?;
            return Ok(Next::Continue);
        }
        if self.authenticated_as.is_some() {
            self.reply("503 5.5.1 Already authenticated").await?;
            return Ok(Next::Continue);
        }
        let (mechanism, initial) = match arg.split_once(' ') {
            Some((m, i)) => (m.to_ascii_uppercase(), Some(i.trim().to_owned())),
            None => (arg.to_ascii_uppercase(), None),
        };
        let decoded_initial = |i: &Option<String>| match i.as_deref() {
            Some("=") => Some(Some(String::new())),
            Some(i) => decode_base64(i.as_bytes()).map(Some),
            None => Some(None),
        };
        let Some(initial) = decoded_initial(&initial) else {
            self.reply("501 5.5.2 Cannot decode response").await?;
            return Ok(Next::Continue);
        };
        let (username, password) = match mechanism.as_str() {
            "PLAIN" => {
                let response = match initial {
                    Some(r) => r,
                    None => {
                        self.reply("334 ").await?;
                        match self.auth_line().await? {
                            Ok(r) => r,
                            Err(reply) => {
                                self.reply(reply).await?;
                                return Ok(Next::Continue);
                            }
                        }
                    }
                };
                // authzid \0 authcid \0 passwd
                let mut parts = response.splitn(3, '\0');
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(_), Some(user), Some(pass)) => (user.to_owned(), pass.to_owned()),
                    _ => {
                        self.reply("501 5.5.2 Malformed PLAIN response").await?;
                        return Ok(Next::Continue);
                    }
                }
            }
            "LOGIN" => {
                let user = match initial {
                    Some(u) => u,
                    None => {
                        self.reply(&format!("334 {}", BASE64.encode("Username:")))
                            .await?;
                        match self.auth_line().await? {
                            Ok(u) => u,
                            Err(reply) => {
                                self.reply(reply).await?;
                                return Ok(Next::Continue);
                            }
                        }
                    }
                };
                self.reply(&format!("334 {}", BASE64.encode("Password:")))
                    .await?;
                let pass = match self.auth_line().await? {
                    Ok(p) => p,
                    Err(reply) => {
                        self.reply(reply).await?;
                        return Ok(Next::Continue);
                    }
                };
                (user, pass)
            }
            _ => {
                self.reply("504 5.5.4 Unrecognized authentication type")
                    .await?;
                return Ok(Next::Continue);
            }
        };
        let accepted = self
            .shared
            .credentials
            .as_ref()
            .is_none_or(|(u, p)| *u == username && *p == password);
        self.shared.lock().auth_attempts.push(AuthAttempt {
            mechanism,
            username: username.clone(),
            password,
            accepted,
        });
        if accepted {
            self.authenticated_as = Some(username);
            self.reply("235 2.7.0 Authentication successful").await?;
        } else {
            self.reply("535 5.7.8 Authentication credentials invalid")
                .await?;
        }
        Ok(Next::Continue)
    }

    async fn mail(&mut self, arg: &str) -> IoResult<Next> {
        if self.helo.is_none() {
            self.reply("503 5.5.1 EHLO first").await?;
            return Ok(Next::Continue);
        }
        if self.shared.credentials.is_some() && self.authenticated_as.is_none() {
            self.reply("530 5.7.0 Authentication required").await?;
            return Ok(Next::Continue);
        }
        if self.tx.mail_from.is_some() {
            self.reply("503 5.5.1 Nested MAIL command").await?;
            return Ok(Next::Continue);
        }
        match path_arg(arg, "FROM:") {
            Some((address, params)) => {
                self.tx.mail_from = Some((address, params));
                self.reply("250 2.1.0 OK").await?;
            }
            None => self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await?,
        }
        Ok(Next::Continue)
    }

    async fn rcpt(&mut self, arg: &str) -> IoResult<Next> {
        if self.tx.mail_from.is_none() {
            self.reply("503 5.5.1 MAIL first").await?;
            return Ok(Next::Continue);
        }
        let Some((address, _)) = path_arg(arg, "TO:").filter(|(a, _)| !a.is_empty()) else {
            self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await?;
            return Ok(Next::Continue);
        };
        let rejection = self.shared.lock().reject_next_rcpt.take();
        match rejection {
            Some((code, text)) => self.reply(&format!("{code} {text}")).await?,
            None => {
                self.tx.rcpt_to.push(address);
                self.reply("250 2.1.5 OK").await?;
            }
        }
        Ok(Next::Continue)
    }

    async fn data(&mut self) -> IoResult<Next> {
        if self.tx.mail_from.is_none() || self.tx.rcpt_to.is_empty() {
            self.reply("503 5.5.1 RCPT first").await?;
            return Ok(Next::Continue);
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>").await?;
        let mut data = Vec::new();
        let mut too_big = false;
        loop {
            let Some(line) = self.read_line(MAX_MESSAGE_BYTES).await? else {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            };
            if line == b"." {
                break;
            }
            let line = line.strip_prefix(b".").unwrap_or(&line);
            if data.len() + line.len() + 2 > MAX_MESSAGE_BYTES {
                too_big = true;
                continue;
            }
            data.extend_from_slice(line);
            data.extend_from_slice(b"\r\n");
        }
        let tx = std::mem::take(&mut self.tx);
        if too_big {
            self.reply("552 5.3.4 Message too big").await?;
            return Ok(Next::Continue);
        }
        let (mail_from, mail_params) = tx.mail_from.unwrap_or_default();
        self.shared.lock().messages.push(ReceivedMail {
            helo: self.helo.clone().unwrap_or_default(),
            authenticated_as: self.authenticated_as.clone(),
            mail_from,
            mail_params,
            rcpt_to: tx.rcpt_to,
            data,
        });
        self.reply(&format!(
            "250 2.0.0 OK: queued as {}",
            Uuid::new_v4().simple()
        ))
        .await?;
        Ok(Next::Continue)
    }
}

/// `FROM:<a@b> BODY=8BITMIME` → `("a@b", ["BODY=8BITMIME"])`; the keyword is case-insensitive and
/// a space after the colon is tolerated. `<>` (the null sender) gives an empty address.
fn path_arg(arg: &str, keyword: &str) -> Option<(String, Vec<String>)> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    let rest = rest.strip_prefix('<')?;
    let (address, params) = rest.split_once('>')?;
    let params = params.split_whitespace().map(str::to_owned).collect();
    Some((address.to_owned(), params))
}

fn decode_base64(raw: &[u8]) -> Option<String> {
    let bytes = BASE64.decode(raw.trim_ascii()).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths() {
        assert_eq!(
            path_arg("FROM:<a@b.sa> BODY=8BITMIME SMTPUTF8", "FROM:"),
            Some((
                "a@b.sa".to_owned(),
                vec!["BODY=8BITMIME".to_owned(), "SMTPUTF8".to_owned()]
            ))
        );
        assert_eq!(
            path_arg("to: <x@y.z>", "TO:"),
            Some(("x@y.z".to_owned(), vec![]))
        );
        assert_eq!(path_arg("FROM:<>", "FROM:"), Some((String::new(), vec![])));
        assert_eq!(path_arg("FROM:a@b", "FROM:"), None);
        assert_eq!(path_arg("TO:<a@b>", "FROM:"), None);
        assert_eq!(path_arg("", "FROM:"), None);
    }

    #[test]
    fn reads_headers() {
        let mail = ReceivedMail {
            helo: "h".into(),
            authenticated_as: None,
            mail_from: "a@b".into(),
            mail_params: vec![],
            rcpt_to: vec!["c@d".into()],
            data: b"Subject: =?utf-8?b?2KrZhQ==?=\r\n =?utf-8?b?2LQ=?=\r\nTo: c@d\r\n\r\nSubject: body\r\n"
                .to_vec(),
        };
        assert_eq!(
            mail.header("subject").as_deref(),
            Some("=?utf-8?b?2KrZhQ==?= =?utf-8?b?2LQ=?=")
        );
        assert_eq!(mail.header("To").as_deref(), Some("c@d"));
        assert_eq!(mail.header("From"), None);
    }
}
