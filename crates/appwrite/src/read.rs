//! Reading answers within limits: whole bodies (JSON, error bodies, previews) up to a size per
//! kind, streamed downloads up to the size the server declared, and error answers (redirects
//! included) turned into errors.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_RANGE, CONTENT_TYPE, LOCATION};
use reqwest::Response;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::endpoint::Endpoint;
use crate::error::{BodyKind, Error, Result};
use crate::models::Transfer;
use crate::retry::parse_retry_after;

/// How much the client reads from a server, at most. Past a limit, reading stops with
/// [`Error::ResponseTooLarge`] (or [`Error::EndlessList`] for a list walk), so a server that
/// answers without end cannot fill memory. Time is bounded by the client's timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// The largest JSON answer read, in bytes (default 32 MiB).
    pub json_bytes: u64,
    /// The largest error body read, in bytes (default 64 KiB).
    pub error_bytes: u64,
    /// The largest preview, or file shown from memory, in bytes (default 8 MiB).
    pub preview_bytes: u64,
    /// The most items one list walk (the `stream` methods) yields (default 1,000,000).
    pub list_items: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self {
            json_bytes: 32 << 20,
            error_bytes: 64 << 10,
            preview_bytes: 8 << 20,
            list_items: 1_000_000,
        }
    }
}

/// How one answer is read: the limits, the endpoint it was sent under (for redirects) and the
/// timeout that applies (for messages).
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub limits: &'a ReadLimits,
    pub endpoint: &'a Endpoint,
    pub timeout: Option<Duration>,
}

impl Reader<'_> {
    /// A whole body of `kind`, refused past its limit (announced or actually sent).
    pub(crate) async fn body(&self, response: Response, kind: BodyKind) -> Result<Bytes> {
        let limit = match kind {
            BodyKind::Json => self.limits.json_bytes,
            BodyKind::ErrorBody => self.limits.error_bytes,
            BodyKind::Preview | BodyKind::InMemory => self.limits.preview_bytes,
            // A download's limit is its declared size, kept by `stream_to`.
            BodyKind::Download => u64::MAX,
        };
        let status = response.status().as_u16();
        let announced = response.content_length();
        if announced.is_some_and(|n| n > limit) {
            return Err(Error::too_large(kind, status, limit));
        }
        let capacity = announced.unwrap_or(0).min(limit).min(1 << 20) as usize;
        let mut body = BytesMut::with_capacity(capacity);
        let mut chunks = response.bytes_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| Error::from_transport(e, self.timeout))?;
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(Error::too_large(kind, status, limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    /// A success answer decoded from JSON.
    pub(crate) async fn json<T: DeserializeOwned>(&self, response: Response) -> Result<T> {
        let status = response.status().as_u16();
        let body = self.body(response, BodyKind::Json).await?;
        serde_json::from_slice(&body).map_err(|e| Error::decode(status, &e, &body))
    }

    /// A success answer's image bytes; anything announced as another type is refused.
    pub(crate) async fn image(&self, response: Response) -> Result<Bytes> {
        let status = response.status().as_u16();
        let content_type = header(&response, CONTENT_TYPE);
        match content_type {
            Some(kind) if !kind.trim().to_ascii_lowercase().starts_with("image/") => {
                let body = self.body(response, BodyKind::ErrorBody).await?;
                Err(Error::not_an_image(status, &kind, &body))
            }
            _ => self.body(response, BodyKind::Preview).await,
        }
    }

    /// The error for a non-success answer: a redirect (never followed, body unread), or the
    /// error body read up to its limit (a 429 or 503 with `Retry-After` is [`Error::Busy`]).
    pub(crate) async fn error(&self, response: Response) -> Error {
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = header(&response, LOCATION);
            return Error::redirect(status, location.as_deref(), response.url(), self.endpoint);
        }
        let retry_after = parse_retry_after(response.headers());
        match self.body(response, BodyKind::ErrorBody).await {
            Ok(body) => Error::from_response_body(status, &body).with_retry_after(retry_after),
            Err(e) => e,
        }
    }

    /// The answer itself when it is a success, else its error.
    pub(crate) async fn success(&self, response: Response) -> Result<Response> {
        if response.status().is_success() {
            Ok(response)
        } else {
            Err(self.error(response).await)
        }
    }
}

/// The size a download answer declares: its `Content-Length`, or the span of its
/// `Content-Range`. `None` when it declares neither.
pub(crate) fn declared_len(response: &Response) -> Option<u64> {
    if let Some(n) = response.content_length() {
        return Some(n);
    }
    let range = header(response, CONTENT_RANGE)?;
    let span = range.trim().strip_prefix("bytes ")?.split('/').next()?;
    let (start, end) = span.split_once('-')?;
    let (start, end): (u64, u64) = (start.trim().parse().ok()?, end.trim().parse().ok()?);
    end.checked_sub(start)?.checked_add(1)
}

/// Streams a success body into `sink`, chunk by chunk, stopping with an error past `declared`
/// bytes (the size the server announced for the file).
pub(crate) async fn stream_to<W: AsyncWrite + Unpin + ?Sized>(
    response: Response,
    sink: &mut W,
    declared: u64,
    timeout: Option<Duration>,
) -> Result<Transfer> {
    let mut transfer = Transfer {
        status: response.status().as_u16(),
        bytes_written: 0,
        content_type: header(&response, CONTENT_TYPE),
        content_range: header(&response, CONTENT_RANGE),
        content_disposition: header(&response, CONTENT_DISPOSITION),
    };
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| Error::from_transport(e, timeout))?;
        if transfer.bytes_written + chunk.len() as u64 > declared {
            return Err(Error::too_large(
                BodyKind::Download,
                transfer.status,
                declared,
            ));
        }
        sink.write_all(&chunk)
            .await
            .map_err(|e| Error::io("writing the download", e))?;
        transfer.bytes_written += chunk.len() as u64;
    }
    sink.flush()
        .await
        .map_err(|e| Error::io("writing the download", e))?;
    Ok(transfer)
}

fn header(response: &Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_limits_are_the_documented_ones() {
        let limits = ReadLimits::default();
        assert_eq!(limits.json_bytes, 32 * 1024 * 1024);
        assert_eq!(limits.error_bytes, 64 * 1024);
        assert_eq!(limits.preview_bytes, 8 * 1024 * 1024);
        assert_eq!(limits.list_items, 1_000_000);
    }
}
