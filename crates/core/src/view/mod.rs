//! The small serializable shapes the UI receives: project entries (demo first, never a key) and
//! token rows (never a secret).

mod project_entry;
mod token_row;

pub use project_entry::{projects, ProjectEntry};
pub use token_row::{token_rows, TokenRow};
