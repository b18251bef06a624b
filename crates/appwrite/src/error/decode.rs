//! Success answers that are not what Appwrite sends: what they looked like (a web page, cut-off
//! JSON, data that is not text, ...) and what to tell the user, never in the parser's words.

use super::api::excerpt;
use super::Error;
use crate::redact::redact_secrets;

/// What a success answer that did not decode looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerKind {
    /// An HTML (or XML) page: a web server, a login portal or a proxy answered.
    WebPage,
    /// Bytes that are not UTF-8 text.
    NotText,
    /// Text that is not JSON.
    NotJson,
    /// Nothing at all.
    Empty,
    /// JSON that stops before it is complete.
    CutOff,
    /// Well-formed JSON, but not the shape Appwrite sends for the request.
    OtherJson,
    /// Not an image, where an image was asked for.
    NotImage,
}

impl AnswerKind {
    /// Sorts a body that failed to decode as JSON with `err`.
    pub(crate) fn of_json(err: &serde_json::Error, body: &[u8]) -> Self {
        if let Some(kind) = Self::sniff(body) {
            return kind;
        }
        match std::str::from_utf8(body) {
            // Invalid bytes inside the body (a body cut inside a character is "cut off").
            Err(e) if e.error_len().is_some() => AnswerKind::NotText,
            _ if err.is_eof() => AnswerKind::CutOff,
            _ if err.is_data() => AnswerKind::OtherJson,
            Err(_) => AnswerKind::CutOff,
            Ok(_) => AnswerKind::NotJson,
        }
    }

    /// What a body plainly is, when that is all there is to say: empty or a web page.
    pub(crate) fn sniff(body: &[u8]) -> Option<Self> {
        let text = body
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(body);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            None => Some(AnswerKind::Empty),
            Some(b'<') => Some(AnswerKind::WebPage),
            Some(_) => None,
        }
    }
}

impl Error {
    /// A success body that did not decode as JSON.
    pub(crate) fn decode(status: u16, err: &serde_json::Error, body: &[u8]) -> Self {
        Error::Decode {
            status,
            answer: AnswerKind::of_json(err, body),
            message: redact_secrets(&err.to_string()),
            excerpt: excerpt(body),
        }
    }

    /// A preview answer whose `Content-Type` is not an image.
    pub(crate) fn not_an_image(status: u16, content_type: &str, body: &[u8]) -> Self {
        Error::Decode {
            status,
            answer: AnswerKind::sniff(body).unwrap_or(AnswerKind::NotImage),
            message: format!("Content-Type {}", redact_secrets(content_type)),
            excerpt: excerpt(body),
        }
    }
}

/// What to tell the user about an answer that was not Appwrite's.
pub(super) fn decode_text(answer: AnswerKind) -> String {
    const CHECK: &str = "Check the endpoint: it usually ends in /v1.";
    let sent = match answer {
        AnswerKind::CutOff => {
            return format!(
                "The server's answer stopped before it was complete. Check your internet \
                 connection and try again; if it keeps happening, something between you and the \
                 server is cutting answers short. {CHECK}"
            )
        }
        AnswerKind::OtherJson => {
            return "This address answered with JSON, but not the JSON Appwrite sends for this \
                    request. Check the endpoint (it usually ends in /v1) and that the server runs \
                    Appwrite 1.8 or later."
                .to_owned()
        }
        AnswerKind::WebPage => "it sent a web page",
        AnswerKind::NotText => "it sent data that is not text",
        AnswerKind::NotJson => "it sent text that is not JSON",
        AnswerKind::Empty => "it sent an empty answer",
        AnswerKind::NotImage => "it sent something other than an image",
    };
    format!("This address answered, but not as Appwrite does ({sent}). {CHECK}")
}

#[cfg(test)]
mod tests {
    use super::super::api::EXCERPT_CHARS;
    use super::*;

    fn kind_of(body: &[u8]) -> AnswerKind {
        let err = serde_json::from_slice::<serde_json::Value>(body)
            .map(|_| serde_json::from_slice::<Vec<u8>>(body).unwrap_err())
            .unwrap_or_else(|e| e);
        AnswerKind::of_json(&err, body)
    }

    #[test]
    fn decode_keeps_a_short_excerpt() {
        let body = "é".repeat(300);
        let err = serde_json::from_str::<u8>(&body).unwrap_err();
        match Error::decode(200, &err, body.as_bytes()) {
            Error::Decode {
                status, excerpt, ..
            } => {
                assert_eq!(status, 200);
                assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_are_sorted_by_what_they_looked_like() {
        let cases: [(&[u8], AnswerKind); 9] = [
            (
                b"<!doctype html><html><body>Sign in</body></html>",
                AnswerKind::WebPage,
            ),
            (b"\xEF\xBB\xBF  \n<html>", AnswerKind::WebPage),
            (b"<?xml version=\"1.0\"?><Error/>", AnswerKind::WebPage),
            (b"", AnswerKind::Empty),
            (b" \r\n", AnswerKind::Empty),
            (
                b"{\"total\":3,\"files\":[{\"$id\":\"a\"",
                AnswerKind::CutOff,
            ),
            (b"{\"name\":\"\xff\xfe\"}", AnswerKind::NotText),
            (b"{\"total\":\"many\"}", AnswerKind::OtherJson),
            (b"Service Unavailable", AnswerKind::NotJson),
        ];
        for (body, expected) in cases {
            assert_eq!(kind_of(body), expected, "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn a_web_page_reads_as_a_wrong_address_without_html_or_parser_words() {
        let body = br#"<html><title>Welcome to nginx!</title></html>"#;
        let parse = serde_json::from_slice::<u8>(body).unwrap_err();
        let err = Error::decode(200, &parse, body);
        assert_eq!(
            err.to_string(),
            "This address answered, but not as Appwrite does (it sent a web page). Check the \
             endpoint: it usually ends in /v1."
        );
        assert_eq!(err.code(), "decode");
        assert_eq!(err.status(), Some(200));
        assert_eq!(
            err.excerpt(),
            Some("<html><title>Welcome to nginx!</title></html>")
        );
    }

    #[test]
    fn no_message_carries_the_parsers_words_or_the_body() {
        let bodies: [&[u8]; 5] = [
            b"<html>surely not appwrite</html>",
            b"{\"surely\":",
            b"{\"surely\":\"\xff\"}",
            b"{\"surely\":1}",
            b"surely not json",
        ];
        for body in bodies {
            let parse = serde_json::from_slice::<Vec<u8>>(body).unwrap_err();
            let text = Error::decode(200, &parse, body).to_string();
            assert!(!text.contains("surely"), "the body is a detail: {text}");
            for parser_word in ["line", "column", "expected", "EOF", "invalid type"] {
                assert!(!text.contains(parser_word), "{parser_word}: {text}");
            }
            assert!(text.contains("/v1"), "{text}");
        }
    }

    #[test]
    fn a_preview_that_is_not_an_image_says_so() {
        let page = Error::not_an_image(200, "text/html", b"<html>");
        assert!(page.to_string().contains("(it sent a web page)"), "{page}");
        let json = Error::not_an_image(200, "application/json", b"{}");
        assert!(
            json.to_string()
                .contains("(it sent something other than an image)"),
            "{json}"
        );
    }
}
