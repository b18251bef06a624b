//! Errors from the server's answers: Appwrite's error bodies, bodies that are not Appwrite's,
//! success bodies that do not decode, and the user-facing text of each (missing scopes included).

use std::fmt::Write as _;

use serde::Deserialize;

use super::{AnswerKind, Error, KEYS_PAGE};
use crate::redact::redact_secrets;

/// How many characters of a raw body an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// Appwrite's error body: `{"message", "code", "type", "version"}`.
#[derive(Debug, Deserialize)]
struct ApiErrorBody {
    message: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

impl Error {
    /// An error answer: Appwrite's JSON body when there is one; a web page is a [`Error::Decode`]
    /// (the address is not Appwrite's API) unless its status is worth another try; anything else
    /// keeps the status and an excerpt. Anything that looks like a secret in the body is redacted
    /// first.
    pub(crate) fn from_response_body(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<ApiErrorBody>(body) {
            Ok(parsed) => Error::Api {
                status,
                kind: parsed
                    .kind
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| "unknown".to_owned()),
                message: redact_secrets(&parsed.message),
            },
            // A web page instead of Appwrite's error body: a web server, proxy or portal
            // answered. Its HTML never reaches a message; the excerpt is kept as a detail.
            Err(_) if AnswerKind::sniff(body) == Some(AnswerKind::WebPage) => {
                if is_retryable_status(status) {
                    // A gateway or rate limit in front of the server: still worth another try.
                    Error::Api {
                        status,
                        kind: "unknown".to_owned(),
                        message: format!("HTTP {status} with a web page"),
                    }
                } else {
                    Error::Decode {
                        status,
                        answer: AnswerKind::WebPage,
                        message: format!("HTTP {status} with a web page, not Appwrite's JSON"),
                        excerpt: excerpt(body),
                    }
                }
            }
            Err(_) => {
                let text = excerpt(body);
                let message = if text.trim().is_empty() {
                    format!("HTTP {status} with no error body")
                } else {
                    format!("HTTP {status}: {text}")
                };
                Error::Api {
                    status,
                    kind: "unknown".to_owned(),
                    message,
                }
            }
        }
    }
}

/// The user-facing text of an API error: what happened, then what to do. Appwrite's own type
/// and message stay in it for support.
pub(super) fn api_text(status: u16, kind: &str, message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let appwrite = kind != "unknown";
    let said = if appwrite {
        format!("HTTP {status}, {kind}: {message}")
    } else {
        // Not an Appwrite body: `message` already reads "HTTP <status>: <excerpt>".
        message.to_owned()
    };
    if status == 401 && is_invalid_key_kind(kind) {
        if kind == "project_key_expired" {
            return format!(
                "The API key has expired ({said}). Create a new key in {KEYS_PAGE} and use it \
                 here."
            );
        }
        return format!(
            "Appwrite refused the API key ({said}). Check the key in {KEYS_PAGE}: it may be \
             mistyped, deleted, expired or made for another project."
        );
    }
    if kind == "general_unauthorized_scope" {
        let scopes = parse_missing_scopes(message);
        return format!("{} ({said})", missing_scopes_advice(&scopes));
    }
    let mut text = String::new();
    match (status, kind) {
        (_, "project_not_found") | (_, "project_id_missing") => {
            let _ = write!(
                text,
                "Appwrite does not know this project ({said}). Check the project id: it is \
                 shown in the project's settings in the Appwrite console."
            );
        }
        (404, "general_route_not_found") | (404, "unknown") => {
            let _ = write!(
                text,
                "The server has no such Appwrite API address ({said}). Check the endpoint: it \
                 should be your Appwrite server's API address, usually ending in /v1."
            );
        }
        (404, _) => {
            let _ = write!(
                text,
                "Not found ({said}). It may have been deleted or renamed: refresh and try again."
            );
        }
        (429, _) => {
            let _ = write!(
                text,
                "Appwrite is limiting how fast requests may be sent ({said}). Wait a moment and \
                 try again."
            );
        }
        (502..=504, _) => {
            let _ = write!(
                text,
                "The Appwrite server is unavailable right now ({said}). Try again in a moment; \
                 if it keeps happening, check that the server is running."
            );
        }
        (500..=599, _) => {
            let _ = write!(
                text,
                "The Appwrite server failed to handle the request ({said}). Try again; if it \
                 keeps happening, the server's logs will say why."
            );
        }
        (401 | 403, _) => {
            let _ = write!(
                text,
                "Appwrite refused the request ({said}). Check that the API key belongs to this \
                 project and has the scopes this needs, in {KEYS_PAGE}."
            );
        }
        _ if appwrite => {
            let _ = write!(text, "Appwrite refused the request ({said}).");
        }
        _ => {
            let _ = write!(
                text,
                "The server refused the request ({said}). Check that the endpoint is your \
                 Appwrite server's API address, usually ending in /v1."
            );
        }
    }
    text
}

/// What to tell a user whose API key lacks `scopes` (e.g. `["tokens.write"]`): which scopes, and
/// where in the Appwrite console to add them. The one wording for it, in the client's errors and
/// in the app's connection check alike.
pub fn missing_scopes_advice<S: AsRef<str>>(scopes: &[S]) -> String {
    let names: Vec<&str> = scopes.iter().map(AsRef::as_ref).collect();
    let (lacks, them) = match names.as_slice() {
        [] => ("a scope this needs".to_owned(), "it"),
        [one] => (format!("the scope {one}"), "it"),
        many => (format!("the scopes {}", many.join(", ")), "them"),
    };
    format!(
        "The API key lacks {lacks}. Add {them} to the key's scopes in {KEYS_PAGE}, then try again."
    )
}

pub(super) fn is_invalid_key_kind(kind: &str) -> bool {
    matches!(
        kind,
        "user_unauthorized" | "project_key_expired" | "project_key_invalid"
    )
}

/// 429 and the gateway errors are worth another try.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The first [`EXCERPT_CHARS`] characters of a body, lossily decoded, secrets redacted.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = redact_secrets(&String::from_utf8_lossy(body));
    text.chars().take(EXCERPT_CHARS).collect()
}

/// Parses `missing scopes (["a","b"])`; tolerates other spellings by collecting quoted words.
pub(super) fn parse_missing_scopes(message: &str) -> Vec<String> {
    let lower = message.to_ascii_lowercase();
    let start = lower.find("missing scope").unwrap_or(0);
    let rest = &message[start..];
    if let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) {
        if open < close {
            if let Ok(list) = serde_json::from_str::<Vec<String>>(&rest[open..=close]) {
                return list;
            }
        }
    }
    rest.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::tests::api;

    #[test]
    fn parses_appwrite_error_bodies() {
        let body = br#"{"message":"The requested file could not be found.","code":404,"type":"storage_file_not_found","version":"1.8.1"}"#;
        let err = Error::from_response_body(404, body);
        assert_eq!(err.code(), "api");
        assert_eq!(err.api_kind(), Some("storage_file_not_found"));
        assert_eq!(err.status(), Some(404));
        assert!(err.is_not_found());
        assert!(!err.is_retryable());
        assert!(err.to_string().contains("could not be found"));
    }

    #[test]
    fn non_json_error_bodies_keep_status_and_excerpt() {
        let body = "Service unavailable ".to_owned() + &"x".repeat(500);
        let err = Error::from_response_body(502, body.as_bytes());
        match &err {
            Error::Api {
                status,
                kind,
                message,
            } => {
                assert_eq!(*status, 502);
                assert_eq!(kind, "unknown");
                assert!(message.starts_with("HTTP 502: Service unavailable"));
                assert!(message.len() < 260);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.is_retryable());
        let empty = Error::from_response_body(503, b"");
        assert!(empty.to_string().contains("no error body"));
    }

    #[test]
    fn missing_scope_is_parsed_from_the_message() {
        let err = api(
            401,
            "general_unauthorized_scope",
            r#"app.demo@service.localhost (role: applications) missing scopes (["tokens.write"])"#,
        );
        assert_eq!(err.missing_scope(), Some(vec!["tokens.write".to_owned()]));
        let two = api(
            401,
            "general_unauthorized_scope",
            r#"x missing scopes (["files.read","buckets.read"])"#,
        );
        assert_eq!(
            two.missing_scope(),
            Some(vec!["files.read".to_owned(), "buckets.read".to_owned()])
        );
        let odd = api(
            401,
            "general_unauthorized_scope",
            r#"missing scope "files.write""#,
        );
        assert_eq!(odd.missing_scope(), Some(vec!["files.write".to_owned()]));
        assert_eq!(api(401, "user_unauthorized", "nope").missing_scope(), None);
        assert!(!err.is_invalid_key());
    }

    #[test]
    fn a_refused_key_says_to_check_it_in_the_console() {
        for kind in ["user_unauthorized", "project_key_invalid"] {
            let text = api(401, kind, "The current user is not authorized.").to_string();
            assert!(text.starts_with("Appwrite refused the API key"), "{text}");
            assert!(text.contains("Check the key in"), "{text}");
            assert!(text.contains(KEYS_PAGE), "{text}");
            assert!(text.contains(kind), "{text}");
        }
        let expired = api(401, "project_key_expired", "expired").to_string();
        assert!(expired.starts_with("The API key has expired"), "{expired}");
        assert!(expired.contains("Create a new key"), "{expired}");
    }

    #[test]
    fn a_missing_scope_is_named_with_where_to_add_it() {
        let one = api(
            401,
            "general_unauthorized_scope",
            r#"app.x@service.localhost (role: applications) missing scopes (["tokens.write"])"#,
        )
        .to_string();
        assert!(
            one.starts_with("The API key lacks the scope tokens.write"),
            "{one}"
        );
        assert!(
            one.contains("Add it to the key's scopes in the Appwrite console"),
            "{one}"
        );
        let two = api(
            401,
            "general_unauthorized_scope",
            r#"missing scopes (["files.read","buckets.read"])"#,
        )
        .to_string();
        assert!(
            two.contains("lacks the scopes files.read, buckets.read"),
            "{two}"
        );
        assert!(two.contains("Add them"), "{two}");
    }

    #[test]
    fn missing_scopes_advice_names_the_scopes_and_where_to_add_them() {
        assert_eq!(
            missing_scopes_advice(&["tokens.write"]),
            format!(
                "The API key lacks the scope tokens.write. Add it to the key's scopes in \
                 {KEYS_PAGE}, then try again."
            )
        );
        let two = missing_scopes_advice(&["files.read".to_owned(), "tokens.read".to_owned()]);
        assert!(
            two.starts_with("The API key lacks the scopes files.read, tokens.read. Add them"),
            "{two}"
        );
        let none = missing_scopes_advice::<&str>(&[]);
        assert!(
            none.starts_with("The API key lacks a scope this needs. Add it"),
            "{none}"
        );
        let error = api(
            401,
            "general_unauthorized_scope",
            r#"missing scopes (["tokens.write"])"#,
        )
        .to_string();
        assert!(
            error.starts_with(&missing_scopes_advice(&["tokens.write"])),
            "the error uses the same words: {error}"
        );
        assert!(
            error.contains("(HTTP 401, general_unauthorized_scope: "),
            "{error}"
        );
    }

    #[test]
    fn other_api_errors_say_what_to_do() {
        let cases = [
            (404, "project_not_found", "Check the project id"),
            (404, "general_route_not_found", "usually ending in /v1"),
            (404, "storage_file_not_found", "refresh and try again"),
            (429, "general_rate_limit_exceeded", "Wait a moment"),
            (503, "general_server_error", "Try again in a moment"),
            (500, "general_server_error", "server's logs"),
            (403, "storage_bucket_transformations_disabled", "scopes"),
            (
                409,
                "storage_file_already_exists",
                "Appwrite refused the request",
            ),
        ];
        for (status, kind, advice) in cases {
            let text = api(status, kind, "Appwrite's words.").to_string();
            assert!(text.contains(advice), "{status} {kind}: {text}");
            assert!(
                text.contains(&format!("(HTTP {status}, {kind}: Appwrite's words)")),
                "{text}"
            );
        }
        let text = Error::from_response_body(404, b"404 page not found").to_string();
        assert!(text.contains("(HTTP 404: 404 page not found)"), "{text}");
        assert!(text.contains("usually ending in /v1"), "{text}");
        let teapot = Error::from_response_body(418, b"short and stout").to_string();
        assert!(
            teapot.starts_with("The server refused the request"),
            "{teapot}"
        );
    }

    #[test]
    fn an_error_answer_that_is_a_web_page_never_shows_its_html() {
        const WRONG_ADDRESS: &str = "This address answered, but not as Appwrite does (it sent a \
                                     web page). Check the endpoint: it usually ends in /v1.";
        let page = b"<!doctype html><html><body><h1>nginx</h1></body></html>";
        for status in [400, 401, 403, 404, 405, 418, 500, 501] {
            let err = Error::from_response_body(status, page);
            assert_eq!(err.to_string(), WRONG_ADDRESS, "{status}");
            assert_eq!(err.code(), "decode", "{status}");
            assert_eq!(err.status(), Some(status));
            assert!(err.excerpt().unwrap().contains("<h1>nginx</h1>"));
        }
        // A gateway or rate limit in front of the server: worth another try, and no HTML.
        for status in [429, 502, 503, 504] {
            let err = Error::from_response_body(status, page);
            let text = err.to_string();
            assert!(err.is_retryable(), "{status}");
            assert!(
                text.contains(&format!("(HTTP {status} with a web page)")),
                "{text}"
            );
            assert!(!text.contains('<'), "{text}");
        }
    }

    #[test]
    fn secrets_in_answers_never_reach_an_error() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJmaWxlSWQiOiJmIn0.c2lnbmF0dXJl";
        let key = format!("standard_{}", "9f".repeat(40));
        let token = format!(r#"{{"$id":"t","secret":"{jwt}","expire":5}}"#);
        let parse = serde_json::from_str::<Vec<u8>>(&token).unwrap_err();
        let echo = format!("<pre>X-Appwrite-Key: {key}\nsecret {jwt}</pre>");
        let json_echo =
            format!(r#"{{"message":"bad key {key}","code":401,"type":"user_unauthorized"}}"#);
        let errors = [
            Error::decode(200, &parse, token.as_bytes()),
            Error::from_response_body(500, echo.as_bytes()),
            Error::from_response_body(401, json_echo.as_bytes()),
        ];
        for err in errors {
            let shown = format!("{err}\n{err:?}");
            assert!(!shown.contains(jwt), "{shown}");
            assert!(!shown.contains("eyJ"), "{shown}");
            assert!(!shown.contains(&key), "{shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }
}
