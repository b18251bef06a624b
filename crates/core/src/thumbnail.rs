//! A file's thumbnail for the detail pane, fetched in Rust with the key so the web view never
//! needs it: the server's preview at a fixed size, or, when the bucket has image transformations
//! off, the image itself if it is small enough. Handed over as a `data:` URL.

use appwrite_rest::{Files, ImageFormat, PreviewOptions};
use base64::Engine;

/// The preview's box, in pixels.
pub const PREVIEW_WIDTH: u32 = 320;
pub const PREVIEW_HEIGHT: u32 = 240;
/// Images larger than this are not downloaded whole for a thumbnail when previews are off.
pub const DOWNLOAD_LIMIT: u64 = 2_000_000;

/// The error Appwrite answers a preview with when the bucket has transformations off.
const TRANSFORMATIONS_DISABLED: &str = "storage_bucket_transformations_disabled";

/// The thumbnail of `file_id` as a `data:` URL, or `None` for a file that has none: not an
/// image, an upload that has not finished, or too large to fetch whole when previews are off.
pub async fn thumbnail(files: &Files, file_id: &str) -> appwrite_rest::Result<Option<String>> {
    let file = files.get(file_id).await?;
    if !file.mime_type.starts_with("image/") || !file.is_complete() {
        return Ok(None);
    }
    let options = PreviewOptions {
        width: Some(PREVIEW_WIDTH),
        height: Some(PREVIEW_HEIGHT),
        output: Some(ImageFormat::Png),
        ..PreviewOptions::default()
    };
    let (mime, bytes) = match files.preview(file_id, &options).await {
        Ok(bytes) => ("image/png".to_owned(), bytes.to_vec()),
        Err(e) if e.api_kind() == Some(TRANSFORMATIONS_DISABLED) => {
            if file.size_original > DOWNLOAD_LIMIT {
                return Ok(None);
            }
            (file.mime_type, files.view_bytes(file_id).await?.to_vec())
        }
        Err(e) => return Err(e),
    };
    Ok(Some(data_url(&mime, &bytes)))
}

/// `data:<mime>;base64,<bytes>`.
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};base64,{encoded}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_data_url_names_its_type_and_carries_the_bytes_in_base64() {
        assert_eq!(
            super::data_url("image/png", b"\x89PNG"),
            "data:image/png;base64,iVBORw=="
        );
    }
}
