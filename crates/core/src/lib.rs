//! Bucketdesk's application rules, kept free of Tauri so they are tested without a window.

pub mod about;
pub mod browse;
pub mod bulk;
pub mod connection_check;
pub mod delete;
pub mod demo_port;
pub mod download;
pub mod draft;
pub mod expiry;
pub mod failure;
pub mod folders;
pub mod links;
pub mod pace;
pub mod paths;
pub mod profile;
pub mod projects;
pub mod qr;
pub mod secrets;
pub mod settings;
pub mod status;
pub mod store;
pub mod thumbnail;
pub mod tokens;
pub mod upload;
pub mod view;

pub use appwrite_rest::LinkKind;
pub use bulk::{create_links, BulkItem, BulkOutcome, FileRef, Progress};
pub use expiry::{ExpiryError, ExpiryPreset};
pub use failure::Failure;
pub use links::{links_text, share_link_for};
pub use profile::{Profile, ProfileError, ProfileInput, DEMO_PROFILE_ID, DEMO_PROFILE_NAME};
pub use secrets::{KeyStore, SecretError, APP_SERVICE};
pub use settings::{AppSettings, SettingsError, SettingsStore};
pub use status::TokenStatus;
pub use store::{LastOpened, Loaded, ProfileStore, Recovered, SetAside, StoreError};
pub use view::{ProjectEntry, TokenRow};
