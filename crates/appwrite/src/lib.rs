//! `appwrite-rest`: a typed client for Appwrite Storage (buckets, files) and file tokens, with
//! share links. Knows HTTP and Appwrite, nothing about the app.
//!
//! ```no_run
//! # async fn demo() -> appwrite_rest::Result<()> {
//! use appwrite_rest::{Client, LinkKind, ListOptions};
//! let client = Client::builder("https://fra.cloud.appwrite.io/v1", "my-project", "standard_key").build()?;
//! let buckets = client.buckets().list(&ListOptions::new().limit(10)).await?;
//! let token = client.tokens().create(&buckets.items[0].id, "file-id", None).await?;
//! let link = client.share_link(token.bucket_id(), token.file_id(), LinkKind::View, token.secret.expose(), None);
//! # let _ = link; Ok(()) }
//! ```

mod buckets;
mod client;
mod endpoint;
mod error;
mod files;
mod links;
pub mod models;
mod pagination;
mod query;
mod read;
mod redact;
mod retry;
mod sensitive;
mod tls;
mod tokens;

pub use buckets::Buckets;
pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT,
    RESPONSE_FORMAT,
};
pub use endpoint::Endpoint;
pub use error::{
    missing_scopes_advice, AnswerKind, BoxError, Error, Result, SEND_WITHOUT_ENCRYPTION,
    TEST_CONNECTION,
};
pub use files::{Files, UNIQUE_ID};
pub use links::{share_link, LinkKind};
pub use models::{
    Bucket, ByteRange, File, FileFolder, FileToken, FileUpload, ImageFormat, ImageGravity,
    NewBucket, Page, PreviewOptions, Transfer, UploadProgress, UploadSource, CHUNK_SIZE,
};
pub use pagination::{ItemStream, DEFAULT_PAGE_SIZE};
pub use query::{ListOptions, Query, FOLDER_ATTRIBUTE};
pub use read::ReadLimits;
pub use retry::RetryPolicy;
pub use sensitive::{ApiKey, Sensitive};
pub use tls::{peek_certificate, CertFingerprint, CertificateInfo};
pub use tokens::Tokens;
