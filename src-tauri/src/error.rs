//! The one error shape the UI receives: a stable machine `code` to branch on and a message for people.

use serde::Serialize;

/// What a failed command sends to the web view. The UI branches on `code`, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    /// The form field the error is about (`name`, `endpoint`, `projectId`, ...), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl CommandError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
            field: None,
        }
    }
}

impl CommandError {
    /// A failure inside the app itself (a task that panicked, ...), with what to do next.
    pub fn internal(error: impl std::fmt::Display) -> Self {
        CommandError::new(
            "internal",
            format!("Bucketdesk ran into an internal error ({error}). Try again; if it persists, restart the app."),
        )
    }
}

/// Core's errors already carry a stable code and a message that says what to do.
macro_rules! from_core_error {
    ($($error:ty),*) => {$(
        impl From<$error> for CommandError {
            fn from(error: $error) -> Self {
                CommandError::new(error.code(), error.to_string())
            }
        }
    )*};
}

from_core_error!(
    bucketdesk_core::StoreError,
    bucketdesk_core::SecretError,
    bucketdesk_core::ExpiryError
);

impl From<bucketdesk_core::ProfileError> for CommandError {
    /// A profile the editor must correct: the message goes under the field it names.
    fn from(error: bucketdesk_core::ProfileError) -> Self {
        let field = serde_json::to_value(error.field)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        CommandError {
            field,
            ..CommandError::new(error.code(), error.to_string())
        }
    }
}

impl From<appwrite_rest::Error> for CommandError {
    /// Appwrite's and the network's failures, sorted into the codes the UI branches on. The client's
    /// messages already say what to do and never contain a key or a token secret.
    fn from(error: appwrite_rest::Error) -> Self {
        use appwrite_rest::Error as E;
        let code = match &error {
            e if e.is_invalid_key() => "invalid_key",
            e if e.missing_scope().is_some() => "missing_scope",
            e if e.is_not_found() => "not_found",
            E::Api { kind, .. } if kind == "general_argument_invalid" => "invalid_input",
            E::Api { .. } => "server",
            E::Network { .. } => "network",
            E::Timeout { .. } => "timeout",
            E::Tls { .. } => "tls",
            E::InvalidInput { .. } => "invalid_input",
            E::Decode { .. } => "bad_response",
            _ => "internal",
        };
        CommandError::new(code, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appwrite_errors_map_to_the_codes_the_ui_branches_on() {
        let api = |status: u16, kind: &str, message: &str| appwrite_rest::Error::Api {
            status,
            kind: kind.into(),
            message: message.into(),
        };
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
        ];
        for (error, code) in cases {
            assert_eq!(CommandError::from(error).code, code);
        }
    }
}
