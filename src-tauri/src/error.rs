//! The one error shape the UI receives: a stable machine `code` to branch on and a message for people.

use serde::Serialize;

/// What a failed command sends to the web view. The UI branches on `code`, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
        }
    }
}
