//! The one error shape the UI receives: a stable machine `code` to branch on and a message for
//! people.

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
        bucketdesk_core::projects::ProjectError::from(error).into()
    }
}

impl From<bucketdesk_core::projects::ProjectError> for CommandError {
    fn from(error: bucketdesk_core::projects::ProjectError) -> Self {
        CommandError {
            field: error.field(),
            ..CommandError::new(error.code(), error.to_string())
        }
    }
}

impl From<bucketdesk_core::SettingsError> for CommandError {
    /// A setting that can't be kept says which one, so the Settings view shows it there.
    fn from(error: bucketdesk_core::SettingsError) -> Self {
        CommandError {
            field: error.field().map(str::to_owned),
            ..CommandError::new(error.code(), error.to_string())
        }
    }
}

impl From<bucketdesk_core::Failure> for CommandError {
    fn from(failure: bucketdesk_core::Failure) -> Self {
        CommandError::new(failure.code, failure.message)
    }
}

impl From<appwrite_rest::Error> for CommandError {
    /// Appwrite's and the network's failures, in core's one vocabulary of codes. The client's
    /// messages already say what to do and never contain a key or a token secret.
    fn from(error: appwrite_rest::Error) -> Self {
        bucketdesk_core::Failure::from(&error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_failures_cross_with_their_code_and_a_profile_error_with_its_field() {
        let error = appwrite_rest::Error::Api {
            status: 404,
            kind: "storage_file_not_found".into(),
            message: "gone".into(),
        };
        let expected = bucketdesk_core::Failure::from(&error);
        let crossed = CommandError::from(error);
        assert_eq!(
            (crossed.code, crossed.message),
            (expected.code, expected.message)
        );
        let profile = bucketdesk_core::ProfileInput {
            name: "P".into(),
            endpoint: "ftp://example.com".into(),
            project_id: "p".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let crossed = CommandError::from(profile);
        assert_eq!(crossed.code, "invalid_profile");
        assert_eq!(crossed.field.as_deref(), Some("endpoint"));
    }
}
