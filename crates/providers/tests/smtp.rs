//! SMTP adapter (lettre) against the fake SMTP server (`providers::email::fake_smtp`), one fake
//! per test. The MIME checks decode what arrived with a small decoder written here (RFC 2045
//! base64 and quoted-printable bodies, RFC 2046 multipart, RFC 2047 encoded words), so they do
//! not trust lettre to read back what lettre wrote.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use providers::email::fake_smtp::{FakeSmtp, ReceivedMail};
use providers::email::{EmailError, EmailMessage, EmailSender, SmtpConfig, SmtpEmail, Tls};

const FROM: &str = "Qitaa <no-reply@qitaa.example>";
const SUBJECT_AR: &str = "تم شحن طلبك رقم ١٠٠١ — قِطَع";
const TEXT_AR: &str = "مرحبا علي،\nطلبك في الطريق إليك. شكرا لتسوقك من قطع.\nOrder 1001.";
const HTML_AR: &str = "<html dir=\"rtl\" lang=\"ar\"><body><p>مرحبا علي،</p><p>طلبك في الطريق إليك.</p></body></html>";

fn arabic_message() -> EmailMessage {
    EmailMessage {
        to: "ali@example.sa".to_owned(),
        to_name: Some("علي صالح".to_owned()),
        subject: SUBJECT_AR.to_owned(),
        text: TEXT_AR.to_owned(),
        html: HTML_AR.to_owned(),
        locale: "ar".to_owned(),
    }
}

// ---- A small MIME reader ----------------------------------------------------------------------

/// Header lines (unfolded) and the body of an entity.
fn split_entity(raw: &str) -> (Vec<(String, String)>, String) {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().expect("continuation after a header");
            last.1.push(' ');
            last.1.push_str(line.trim_start());
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    (headers, body.to_owned())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A `Content-Type` parameter, unquoted.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.trim().split_once('=')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn decode_qp(body: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let lines: Vec<&str> = body.split("\r\n").collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end_matches([' ', '\t']);
        let (line, soft) = match line.strip_suffix('=') {
            Some(l) => (l, true),
            None => (line, false),
        };
        let bytes = line.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            if bytes[j] == b'=' && j + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[j + 1..j + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                j += 3;
            } else {
                out.push(bytes[j]);
                j += 1;
            }
        }
        if !soft && i + 1 < lines.len() {
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

/// The decoded body of a part, as text, by its `Content-Transfer-Encoding`.
fn decode_body(headers: &[(String, String)], body: &str) -> String {
    let encoding = header(headers, "content-transfer-encoding")
        .unwrap_or("7bit")
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "base64" => BASE64
            .decode(body.split_whitespace().collect::<String>())
            .expect("valid base64 body"),
        "quoted-printable" => decode_qp(body),
        "7bit" | "8bit" | "binary" => body.as_bytes().to_vec(),
        other => panic!("unexpected encoding {other}"),
    };
    String::from_utf8(bytes)
        .expect("UTF-8 body")
        .replace("\r\n", "\n")
        .trim_end_matches('\n')
        .to_owned()
}

/// Decodes RFC 2047 encoded words (`=?charset?B|Q?…?=`, UTF-8 only); whitespace between two
/// encoded words is dropped, and their bytes are joined before UTF-8 decoding, so a character
/// split across words survives.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut rest = value;
    let mut gap = String::new();
    while !rest.is_empty() {
        if let Some(word) = rest.strip_prefix("=?") {
            let parts: Vec<&str> = word.splitn(3, '?').collect();
            let (charset, enc, tail) = (parts[0], parts[1], parts[2]);
            let end = tail.find("?=").expect("encoded word end");
            let text = &tail[..end];
            assert!(charset.eq_ignore_ascii_case("utf-8"), "{charset}");
            match enc {
                "b" | "B" => pending.extend(BASE64.decode(text).expect("base64 word")),
                "q" | "Q" => pending.extend(decode_qp(&text.replace('_', " "))),
                other => panic!("unknown encoding {other}"),
            }
            gap.clear();
            rest = &tail[end + 2..];
        } else {
            let c = rest.chars().next().unwrap();
            if c.is_whitespace() && !pending.is_empty() {
                gap.push(c);
            } else {
                out.push_str(&String::from_utf8(std::mem::take(&mut pending)).unwrap());
                out.push_str(&std::mem::take(&mut gap));
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push_str(&String::from_utf8(pending).unwrap());
    out.push_str(&gap);
    out
}

/// `(content type, decoded text)` of each part of a `multipart/*` body with `boundary`.
fn parts(body: &str, boundary: &str) -> Vec<(String, String)> {
    let delimiter = format!("--{boundary}");
    body.split(&delimiter)
        .skip(1)
        .take_while(|p| !p.starts_with("--"))
        .map(|p| {
            let p = p.strip_prefix("\r\n").unwrap_or(p);
            let p = p.strip_suffix("\r\n").unwrap_or(p);
            let (headers, body) = split_entity(p);
            let content_type = header(&headers, "content-type")
                .unwrap_or("text/plain")
                .to_owned();
            (content_type, decode_body(&headers, &body))
        })
        .collect()
}

#[test]
fn the_mime_reader_reads() {
    assert_eq!(
        decode_words("=?utf-8?b?2KrZhQ==?= =?utf-8?b?2LQ=?= ok =?utf-8?q?caf=C3=A9_bar?="),
        "تمش ok café bar"
    );
    assert_eq!(decode_words("plain subject"), "plain subject");
    assert_eq!(
        String::from_utf8(decode_qp("a=3D=\r\nb\r\nc")).unwrap(),
        "a=b\r\nc"
    );
}

fn only_message(fake: &FakeSmtp) -> ReceivedMail {
    let messages = fake.messages();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    messages.into_iter().next().unwrap()
}

// ---- Tests ------------------------------------------------------------------------------------

#[tokio::test]
async fn arabic_subject_and_bodies_arrive_intact() {
    let fake = FakeSmtp::start().await;
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();

    smtp.send(&arabic_message()).await.unwrap();

    let mail = only_message(&fake);
    assert_eq!(mail.mail_from, "no-reply@qitaa.example");
    assert_eq!(mail.rcpt_to, ["ali@example.sa"]);
    assert_eq!(mail.authenticated_as, None);
    assert!(
        mail.data.is_ascii(),
        "headers and bodies are transfer-encoded"
    );

    let raw = mail.data_text();
    let (headers, body) = split_entity(&raw);
    let subject = header(&headers, "subject").unwrap();
    assert!(subject.starts_with("=?utf-8?"), "{subject}");
    assert_eq!(decode_words(subject), SUBJECT_AR);
    assert_eq!(mail.header("Subject").as_deref(), Some(subject));
    assert_eq!(header(&headers, "content-language"), Some("ar"));
    assert_eq!(header(&headers, "mime-version"), Some("1.0"));
    assert_eq!(
        decode_words(header(&headers, "from").unwrap()),
        "Qitaa <no-reply@qitaa.example>"
    );
    let to = decode_words(header(&headers, "to").unwrap());
    assert!(
        to.contains("علي صالح") && to.contains("<ali@example.sa>"),
        "{to}"
    );
    let message_id = header(&headers, "message-id").unwrap();
    assert!(message_id.ends_with("@qitaa.example>"), "{message_id}");
    assert!(header(&headers, "date").is_some());

    let content_type = header(&headers, "content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/alternative"),
        "{content_type}"
    );
    let boundary = param(content_type, "boundary").expect("a boundary");
    let parts = parts(&body, &boundary);
    assert_eq!(parts.len(), 2, "{parts:#?}");
    assert!(
        parts[0].0.starts_with("text/plain") && parts[0].0.to_ascii_lowercase().contains("utf-8"),
        "{}",
        parts[0].0
    );
    assert_eq!(parts[0].1, TEXT_AR);
    assert!(
        parts[1].0.starts_with("text/html") && parts[1].0.to_ascii_lowercase().contains("utf-8"),
        "{}",
        parts[1].0
    );
    assert_eq!(parts[1].1, HTML_AR);
}

#[tokio::test]
async fn english_message_twice() {
    let fake = FakeSmtp::start().await;
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();
    let english = EmailMessage {
        to: "sara@example.com".to_owned(),
        to_name: None,
        subject: "Your order has shipped".to_owned(),
        text: "Hello Sara,\n.\n..a line starting with dots".to_owned(),
        html: "<p>Hello Sara</p>".to_owned(),
        locale: "en".to_owned(),
    };
    smtp.send(&english).await.unwrap();
    smtp.send(&english).await.unwrap();

    let messages = fake.messages();
    assert_eq!(messages.len(), 2);
    let (headers, body) = split_entity(&messages[0].data_text());
    assert_eq!(header(&headers, "subject"), Some("Your order has shipped"));
    assert_eq!(header(&headers, "content-language"), Some("en"));
    assert_eq!(header(&headers, "to"), Some("sara@example.com"));
    let boundary = param(header(&headers, "content-type").unwrap(), "boundary").unwrap();
    // Dot-stuffing survives the round trip.
    assert_eq!(parts(&body, &boundary)[0].1, english.text);
    assert_eq!(messages[1].data_text().len(), messages[0].data_text().len());
}

#[tokio::test]
async fn credentials_are_sent_with_auth_plain() {
    let fake = FakeSmtp::start_with_credentials("mailer@qitaa.example", "s3cr3t pass").await;
    let config = fake.config(FROM);
    assert_eq!(config.username.as_deref(), Some("mailer@qitaa.example"));
    let smtp = SmtpEmail::new(config).unwrap();

    smtp.send(&arabic_message()).await.unwrap();

    let attempts = fake.auth_attempts();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    assert_eq!(attempts[0].mechanism, "PLAIN");
    assert_eq!(attempts[0].username, "mailer@qitaa.example");
    assert_eq!(attempts[0].password, "s3cr3t pass");
    assert!(attempts[0].accepted);
    assert_eq!(
        only_message(&fake).authenticated_as.as_deref(),
        Some("mailer@qitaa.example")
    );
    assert!(!format!("{smtp:?}").contains("s3cr3t"));
}

#[tokio::test]
async fn credentials_are_sent_with_auth_login_when_that_is_all() {
    let fake = FakeSmtp::start_with_credentials("mailer", "كلمة-سر").await;
    fake.set_auth_mechanisms(&["LOGIN"]);
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();

    smtp.send(&arabic_message()).await.unwrap();

    let attempts = fake.auth_attempts();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    assert_eq!(attempts[0].mechanism, "LOGIN");
    assert_eq!(
        (attempts[0].username.as_str(), attempts[0].password.as_str()),
        ("mailer", "كلمة-سر")
    );
    assert_eq!(fake.messages().len(), 1);
}

#[tokio::test]
async fn wrong_or_missing_credentials_are_rejected() {
    let fake = FakeSmtp::start_with_credentials("mailer", "right").await;
    let smtp = SmtpEmail::new(SmtpConfig {
        password: Some("wrong".to_owned()),
        ..fake.config(FROM)
    })
    .unwrap();
    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(
        matches!(&err, EmailError::Rejected(m) if m.contains("535")),
        "{err:?}"
    );
    assert!(!err.to_string().contains("wrong"), "{err}");

    let smtp = SmtpEmail::new(SmtpConfig {
        username: None,
        password: None,
        ..fake.config(FROM)
    })
    .unwrap();
    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(
        matches!(&err, EmailError::Rejected(m) if m.contains("530")),
        "{err:?}"
    );
    assert!(fake.messages().is_empty());
}

#[tokio::test]
async fn a_550_recipient_is_rejected() {
    let fake = FakeSmtp::start().await;
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();
    fake.reject_next_rcpt();

    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(
        matches!(&err, EmailError::Rejected(m) if m.contains("550")),
        "{err:?}"
    );
    assert!(fake.messages().is_empty());

    // Only the next one: sending again works (on a new connection: the failed one was closed).
    smtp.send(&arabic_message()).await.unwrap();
    assert_eq!(fake.messages().len(), 1);
}

#[tokio::test]
async fn a_transient_4xx_is_worth_retrying() {
    let fake = FakeSmtp::start().await;
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();
    fake.reject_next_rcpt_with(451, "4.3.0 Try again later");

    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(
        matches!(&err, EmailError::Unreachable(m) if m.contains("451")),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unreachable_port_is_unreachable() {
    // A port nothing listens on: bind, note it, close.
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let smtp = SmtpEmail::new(SmtpConfig {
        host: "127.0.0.1".to_owned(),
        port,
        username: None,
        password: None,
        tls: Tls::None,
        from: FROM.to_owned(),
    })
    .unwrap();

    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(matches!(err, EmailError::Unreachable(_)), "{err:?}");
}

#[tokio::test]
async fn starttls_against_a_server_without_it_sends_nothing() {
    let fake = FakeSmtp::start_with_credentials("mailer", "secret").await;
    let smtp = SmtpEmail::new(SmtpConfig {
        tls: Tls::StartTls,
        ..fake.config(FROM)
    })
    .unwrap();

    let err = smtp.send(&arabic_message()).await.unwrap_err();
    assert!(
        !matches!(err, EmailError::Invalid(_)),
        "a transport failure, not a bad message: {err:?}"
    );
    assert!(fake.auth_attempts().is_empty(), "no credentials in clear");
    assert!(fake.messages().is_empty());
}

#[tokio::test]
async fn invalid_recipient_is_invalid() {
    let fake = FakeSmtp::start().await;
    let smtp = SmtpEmail::new(fake.config(FROM)).unwrap();
    let err = smtp
        .send(&EmailMessage {
            to: "ali at example".to_owned(),
            ..arabic_message()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, EmailError::Invalid(_)), "{err:?}");
    assert_eq!(fake.sessions(), 0, "nothing was sent");
}
