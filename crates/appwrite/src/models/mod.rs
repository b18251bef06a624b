//! The shapes Appwrite sends and accepts: buckets, files, file tokens, pages, preview options, and
//! the one date format.

mod bucket;
pub mod datetime;
mod file;
mod page;
mod preview;
mod token;
mod transfer;
mod upload;

pub use bucket::{Bucket, NewBucket};
pub use file::{File, FileFolder};
pub(crate) use page::RawList;
pub use page::{HasId, Page};
pub use preview::{ImageFormat, ImageGravity, PreviewOptions};
pub use token::FileToken;
pub use transfer::{ByteRange, Transfer};
pub use upload::{
    chunk_bounds, chunk_count, content_range, FileUpload, ProgressFn, UploadProgress, UploadSource,
    CHUNK_SIZE,
};
