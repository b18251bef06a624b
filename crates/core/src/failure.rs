//! Why something failed, in the one vocabulary the UI branches on: a stable `code` and a message
//! that says what to do. Client errors are sorted into these codes here, for single commands and
//! for every item of a bulk job alike.

use serde::Serialize;

/// A failure as the UI receives it: `code` to branch on, `message` for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl From<&appwrite_rest::Error> for Failure {
    fn from(error: &appwrite_rest::Error) -> Self {
        Failure::new(code_of(error), error.to_string())
    }
}

impl From<appwrite_rest::Error> for Failure {
    fn from(error: appwrite_rest::Error) -> Self {
        Failure::from(&error)
    }
}

/// The UI's code for a client error: `invalid_key`, `missing_scope`, `not_found`,
/// `invalid_input`, `server` (any other answer from Appwrite), `bad_response` (an answer that is
/// not Appwrite's), `internal` (a local read or write), or the client's own code for transport
/// and trust failures (`network`, `timeout`, `tls`, `redirect`, `untrusted_certificate`, ...).
pub fn code_of(error: &appwrite_rest::Error) -> &'static str {
    if error.is_invalid_key() {
        "invalid_key"
    } else if error.missing_scope().is_some() {
        "missing_scope"
    } else if error.is_not_found() {
        "not_found"
    } else {
        match error.code() {
            "api" if error.api_kind() == Some("general_argument_invalid") => "invalid_input",
            "api" | "busy" => "server",
            "decode" => "bad_response",
            "io" => "internal",
            other => other,
        }
    }
}

/// Whether a failed request that changes something may still have been carried out: the
/// connection broke or timed out after the request may have reached the server. Such a failure
/// has an unknown outcome, so what the server holds must be looked up, never assumed.
pub fn outcome_unknown(error: &appwrite_rest::Error) -> bool {
    matches!(error.code(), "network" | "timeout")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, kind: &str, message: &str) -> appwrite_rest::Error {
        appwrite_rest::Error::Api {
            status,
            kind: kind.into(),
            message: message.into(),
        }
    }

    #[test]
    fn client_errors_get_the_codes_the_ui_branches_on() {
        let cases = [
            (api(401, "user_unauthorized", "bad key"), "invalid_key"),
            (
                api(
                    401,
                    "general_unauthorized_scope",
                    r#"missing scopes (["tokens.write"])"#,
                ),
                "missing_scope",
            ),
            (api(404, "storage_file_not_found", "gone"), "not_found"),
            (
                api(400, "general_argument_invalid", "past"),
                "invalid_input",
            ),
            (api(503, "general_server_error", "down"), "server"),
            (
                appwrite_rest::Error::Timeout {
                    message: "slow".into(),
                },
                "timeout",
            ),
        ];
        for (error, code) in cases {
            let failure = Failure::from(&error);
            assert_eq!(failure.code, code, "{error}");
            assert_eq!(failure.message, error.to_string());
        }
    }

    #[test]
    fn only_a_broken_or_timed_out_request_has_an_unknown_outcome() {
        assert!(outcome_unknown(&appwrite_rest::Error::Timeout {
            message: "slow".into()
        }));
        assert!(!outcome_unknown(&api(
            404,
            "storage_file_not_found",
            "gone"
        )));
    }
}
