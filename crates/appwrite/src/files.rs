//! File calls in one bucket: list (page or stream), get, delete, upload (single or chunked,
//! resumable, into a folder), download/view to an `AsyncWrite`, preview.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_RANGE, RANGE};
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWrite};

use crate::client::{with_query, Body, Client};
use crate::error::{BodyKind, Error, Result};
use crate::models::{
    chunk_bounds, chunk_count, content_range, ByteRange, File, FileUpload, Page, PreviewOptions,
    RawList, Transfer, UploadProgress, UploadSource, CHUNK_SIZE,
};
use crate::pagination::{walk, ItemStream};
use crate::query::ListOptions;
use crate::read::{declared_len, stream_to};

/// The id that asks the server to make one up.
pub const UNIQUE_ID: &str = "unique()";

/// `client.files(bucket_id)`: calls on `/storage/buckets/{bucketId}/files`.
#[derive(Debug, Clone)]
pub struct Files {
    client: Client,
    bucket_id: String,
}

impl Files {
    pub(crate) fn new(client: Client, bucket_id: String) -> Self {
        Self { client, bucket_id }
    }

    /// The bucket these calls act on.
    pub fn bucket_id(&self) -> &str {
        &self.bucket_id
    }

    fn file_url(&self, file_id: &str, tail: Option<&str>) -> Result<url::Url> {
        let mut segments = vec!["storage", "buckets", &self.bucket_id, "files", file_id];
        segments.extend(tail);
        self.client.url(&segments)
    }

    /// `GET /storage/buckets/{bucketId}/files`: one page.
    pub async fn list(&self, options: &ListOptions) -> Result<Page<File>> {
        let url = self
            .client
            .url(&["storage", "buckets", &self.bucket_id, "files"])?;
        let raw: RawList<File> = self.client.get_json(url, &options.to_pairs()).await?;
        Ok(raw.into())
    }

    /// Every file matching `options`, walked by cursor in pages of `page_size`.
    pub fn stream(&self, options: ListOptions, page_size: u64) -> ItemStream<File> {
        let this = self.clone();
        let max_items = self.client.read_limits().list_items;
        walk(options, page_size, max_items, move |opts| {
            let this = this.clone();
            async move { this.list(&opts).await }
        })
    }

    /// `GET /storage/buckets/{bucketId}/files/{fileId}`.
    pub async fn get(&self, file_id: &str) -> Result<File> {
        let url = self.file_url(file_id, None)?;
        self.client.get_json(url, &[]).await
    }

    /// `DELETE /storage/buckets/{bucketId}/files/{fileId}`. The file's tokens stay.
    pub async fn delete(&self, file_id: &str) -> Result<()> {
        let url = self.file_url(file_id, None)?;
        self.client.delete(url).await
    }

    /// `POST /storage/buckets/{bucketId}/files`. Up to 5 MiB in one request; above that in
    /// 5 MiB chunks. With a custom id, an unfinished upload of the same size is resumed from
    /// the chunks the server already has. Never retried: a failed upload is resumed by
    /// calling `create` again with the same custom id.
    pub async fn create(&self, upload: FileUpload) -> Result<File> {
        let total = source_len(&upload.source).await?;
        if total <= CHUNK_SIZE {
            let data = read_range(&upload.source, 0, total).await?;
            let file = self
                .post_part(&upload, &upload.file_id, data, None, false)
                .await?;
            upload.report(UploadProgress {
                file_id: file.id.clone(),
                bytes_uploaded: total,
                bytes_total: total,
                chunks_uploaded: 1,
                chunks_total: 1,
            });
            return Ok(file);
        }

        let chunks_total = chunk_count(total);
        let mut file_id = upload.file_id.clone();
        let mut next = 0;
        if file_id != UNIQUE_ID {
            match self.get(&file_id).await {
                Ok(existing)
                    if !existing.is_complete()
                        && existing.size_original == total
                        && existing.chunks_total == chunks_total =>
                {
                    next = existing.chunks_uploaded;
                    tracing::debug!(file_id, next, chunks_total, "resuming an upload");
                    upload.report(UploadProgress {
                        file_id: file_id.clone(),
                        bytes_uploaded: chunk_bounds(next, total).0,
                        bytes_total: total,
                        chunks_uploaded: next,
                        chunks_total,
                    });
                }
                Ok(_) => {}
                Err(e) if e.api_kind() == Some("storage_file_not_found") => {}
                Err(e) => return Err(e),
            }
        }

        let mut last = None;
        for index in next..chunks_total {
            let (start, end) = chunk_bounds(index, total);
            let data = read_range(&upload.source, start, end).await?;
            let file = self
                .post_part(
                    &upload,
                    &file_id,
                    data,
                    Some((start, end, total)),
                    index > 0,
                )
                .await?;
            file_id.clone_from(&file.id);
            upload.report(UploadProgress {
                file_id: file_id.clone(),
                bytes_uploaded: end,
                bytes_total: total,
                chunks_uploaded: index + 1,
                chunks_total,
            });
            last = Some(file);
        }
        last.ok_or_else(|| Error::invalid_input("nothing left to upload"))
    }

    /// Sends chunk `index` of a chunked upload on its own (the building block of
    /// [`Files::create`], for callers that schedule chunks themselves). Chunks after the
    /// first need a custom file id.
    pub async fn upload_chunk(&self, upload: &FileUpload, index: u64) -> Result<File> {
        let total = source_len(&upload.source).await?;
        let chunks_total = chunk_count(total);
        check_chunk(upload, index, chunks_total)?;
        let (start, end) = chunk_bounds(index, total);
        let data = read_range(&upload.source, start, end).await?;
        let range = (chunks_total > 1).then_some((start, end, total));
        self.post_part(upload, &upload.file_id, data, range, index > 0)
            .await
    }

    /// [`Files::post_body`] with bytes already read.
    async fn post_part(
        &self,
        upload: &FileUpload,
        file_id: &str,
        data: Bytes,
        range: Option<(u64, u64, u64)>,
        send_id_header: bool,
    ) -> Result<File> {
        let len = data.len() as u64;
        self.post_body(upload, file_id, data.into(), len, range, send_id_header)
            .await
    }

    /// Posts one part of `upload` under `file_id`: the whole file, or with `range` (start, end,
    /// size) one chunk of it, `len` bytes from `body`; `send_id_header` for chunks after the
    /// first (`x-appwrite-id`). Never retried.
    async fn post_body(
        &self,
        upload: &FileUpload,
        file_id: &str,
        body: reqwest::Body,
        len: u64,
        range: Option<(u64, u64, u64)>,
        send_id_header: bool,
    ) -> Result<File> {
        let url = self
            .client
            .url(&["storage", "buckets", &self.bucket_id, "files"])?;
        let mime = upload
            .mime_type
            .as_deref()
            .unwrap_or("application/octet-stream");
        let part = Part::stream_with_length(body, len)
            .file_name(upload.name.clone())
            .mime_str(mime)
            .map_err(|_| Error::invalid_input(format!("{mime:?} is not a MIME type")))?;
        let mut form = Form::new().text("fileId", file_id.to_owned());
        if let Some(folder) = upload.folder_field() {
            form = form.text("folder", folder.to_owned());
        }
        for permission in upload.permissions.iter().flatten() {
            form = form.text("permissions[]", permission.clone());
        }
        form = form.part("file", part);
        let mut request = self.client.upload_request(url).multipart(form);
        if let Some((start, end, size)) = range {
            request = request.header(CONTENT_RANGE, content_range(start, end, size));
        }
        if send_id_header {
            let value = HeaderValue::from_str(file_id)
                .map_err(|_| Error::invalid_input(format!("{file_id:?} is not a usable id")))?;
            request = request.header("x-appwrite-id", value);
        }
        tracing::debug!(bucket = %self.bucket_id, file_id, ?range, "appwrite upload");
        let response = self.client.send_once(request).await?;
        self.client.upload_reader().json(response).await
    }

    /// Sends chunk `index` of `upload`, a file of `size` bytes, reading it from its source in
    /// small pieces as the request goes out (a chunk is never held whole in memory) and calling
    /// `sent` with each piece's length as it leaves; when `sent` answers `false` the body stops
    /// there and the request fails, so the server never gets the whole chunk. A single-chunk
    /// file goes without `Content-Range`; chunks after the first need a custom file id (sent as
    /// `x-appwrite-id`). Never retried: sending the same chunk again is the caller's choice.
    pub async fn send_chunk(
        &self,
        upload: &FileUpload,
        size: u64,
        index: u64,
        sent: impl Fn(u64) -> bool + Send + Sync + 'static,
    ) -> Result<File> {
        let chunks_total = chunk_count(size);
        check_chunk(upload, index, chunks_total)?;
        let (start, end) = chunk_bounds(index, size);
        let body = piece_stream(&upload.source, start, end, sent).await?;
        let range = (chunks_total > 1).then_some((start, end, size));
        self.post_body(upload, &upload.file_id, body, end - start, range, index > 0)
            .await
    }

    /// `GET .../download` from byte `offset` on, streamed into `sink`: a `Range` request when
    /// `offset > 0`, to continue a download that broke off. A server that ignores the range and
    /// sends the whole file has its first `offset` bytes skipped, so `sink` always receives the
    /// bytes from `offset` on; [`Transfer::bytes_written`] counts only those.
    pub async fn download_from<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        file_id: &str,
        offset: u64,
        sink: &mut W,
    ) -> Result<Transfer> {
        if offset == 0 {
            return self.download(file_id, sink).await;
        }
        let url = self.file_url(file_id, Some("download"))?;
        let mut headers = HeaderMap::new();
        let range = ByteRange::from_offset(offset).header_value();
        headers.insert(
            RANGE,
            HeaderValue::from_str(&range).expect("digits are header-safe"),
        );
        let response = self
            .client
            .send(Method::GET, url, Body::Empty, headers, false)
            .await?;
        let skip = match response.status().as_u16() {
            206 => {
                let start = response
                    .headers()
                    .get(reqwest::header::CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(range_start);
                if start != Some(offset) {
                    return Err(Error::invalid_input(format!(
                        "the server answered a request for the bytes from {offset} on with \
                         another range ({start:?}); download the file again from the start"
                    )));
                }
                0
            }
            _ => offset,
        };
        let mut skipping = SkipWriter { skip, sink };
        let mut transfer = self
            .stream_content(file_id, response, &mut skipping)
            .await?;
        transfer.bytes_written = transfer.bytes_written.saturating_sub(skip);
        Ok(transfer)
    }

    /// `GET .../download` streamed into `sink` (never held whole in memory), stopping with
    /// [`Error::ResponseTooLarge`] if the server sends more than it declared.
    pub async fn download<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        file_id: &str,
        sink: &mut W,
    ) -> Result<Transfer> {
        let url = self.file_url(file_id, Some("download"))?;
        let response = self
            .client
            .send(Method::GET, url, Body::Empty, HeaderMap::new(), false)
            .await?;
        self.stream_content(file_id, response, sink).await
    }

    /// `GET .../view` streamed into `sink`, optionally only a byte range (answer 206).
    pub async fn view<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        file_id: &str,
        range: Option<ByteRange>,
        sink: &mut W,
    ) -> Result<Transfer> {
        let url = self.file_url(file_id, Some("view"))?;
        let mut headers = HeaderMap::new();
        if let Some(range) = range {
            headers.insert(
                RANGE,
                HeaderValue::from_str(&range.header_value()).expect("digits are header-safe"),
            );
        }
        let response = self
            .client
            .send(Method::GET, url, Body::Empty, headers, false)
            .await?;
        self.stream_content(file_id, response, sink).await
    }

    /// `GET .../view` held in memory (a thumbnail of an image when previews are off): at most
    /// [`crate::ReadLimits::preview_bytes`], read within the client's timeout as a whole.
    pub async fn view_bytes(&self, file_id: &str) -> Result<Bytes> {
        let url = self.file_url(file_id, Some("view"))?;
        let response = self
            .client
            .send(Method::GET, url, Body::Empty, HeaderMap::new(), true)
            .await?;
        self.client
            .reader(self.client.timeout())
            .body(response, BodyKind::InMemory)
            .await
    }

    /// Streams a file's bytes into `sink`, up to the size the answer declares (its length or
    /// range) or, when it declares none, the file's size as the server records it.
    async fn stream_content<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        file_id: &str,
        response: reqwest::Response,
        sink: &mut W,
    ) -> Result<Transfer> {
        let declared = match declared_len(&response) {
            Some(len) => len,
            None => self.get(file_id).await?.size_original,
        };
        stream_to(response, sink, declared, Some(self.client.timeout())).await
    }

    /// `GET .../preview` with transformations; the image bytes, at most
    /// [`crate::ReadLimits::preview_bytes`], read within the client's timeout.
    pub async fn preview(&self, file_id: &str, options: &PreviewOptions) -> Result<Bytes> {
        let url = self.file_url(file_id, Some("preview"))?;
        let pairs = options.to_pairs();
        let url = with_query(url, pairs.iter().map(|(k, v)| (*k, v.as_str())));
        let response = self
            .client
            .send(Method::GET, url, Body::Empty, HeaderMap::new(), true)
            .await?;
        self.client
            .reader(self.client.timeout())
            .image(response)
            .await
    }
}

/// Whether chunk `index` of `chunks_total` can be sent on its own: it exists, and a chunk after
/// the first names its file (the server can't join it to a file it has to make up).
fn check_chunk(upload: &FileUpload, index: u64, chunks_total: u64) -> Result<()> {
    if index >= chunks_total {
        return Err(Error::invalid_input(format!(
            "chunk {index} is past the last chunk ({chunks_total} in all)"
        )));
    }
    if index > 0 && upload.file_id == UNIQUE_ID {
        return Err(Error::invalid_input(
            "chunks after the first need the file's id, not unique()",
        ));
    }
    Ok(())
}

/// Size of the upload source.
async fn source_len(source: &UploadSource) -> Result<u64> {
    match source {
        UploadSource::Bytes(bytes) => Ok(bytes.len() as u64),
        UploadSource::Path(path) => tokio::fs::metadata(path)
            .await
            .map(|m| m.len())
            .map_err(|e| Error::io(&format!("reading {}", path.display()), e)),
    }
}

/// Bytes `[start, end)` of the source.
async fn read_range(source: &UploadSource, start: u64, end: u64) -> Result<Bytes> {
    match source {
        UploadSource::Bytes(bytes) => Ok(bytes.slice(start as usize..end as usize)),
        UploadSource::Path(path) => {
            let mut file = open_at(path, start).await?;
            let mut buf = vec![0u8; (end - start) as usize];
            file.read_exact(&mut buf)
                .await
                .map_err(|e| Error::io(&format!("reading {}", path.display()), e))?;
            Ok(Bytes::from(buf))
        }
    }
}

/// The file at `path`, opened for reading from byte `start`.
async fn open_at(path: &std::path::Path, start: u64) -> Result<tokio::fs::File> {
    let what = format!("reading {}", path.display());
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| Error::io(&what, e))?;
    file.seek(std::io::SeekFrom::Start(start))
        .await
        .map_err(|e| Error::io(&what, e))?;
    Ok(file)
}

/// The first byte of a `Content-Range: bytes a-b/n` value.
fn range_start(value: &str) -> Option<u64> {
    let span = value.trim().strip_prefix("bytes ")?;
    span.split('-').next()?.trim().parse().ok()
}

/// How many bytes one read of an upload's source takes at most.
const PIECE: usize = 256 * 1024;

/// Bytes `[start, end)` of the source as a request body read in pieces of at most [`PIECE`]
/// bytes, each reported to `sent` as it is handed to the connection. A file that has become
/// shorter than it was, or `sent` answering `false`, fails the body (and so the request).
async fn piece_stream(
    source: &UploadSource,
    start: u64,
    end: u64,
    sent: impl Fn(u64) -> bool + Send + Sync + 'static,
) -> Result<reqwest::Body> {
    use futures_util::stream::{self, StreamExt};
    let len = end - start;
    match source {
        UploadSource::Bytes(bytes) => {
            let data = bytes.slice(start as usize..end as usize);
            let pieces: Vec<Bytes> = (0..data.len())
                .step_by(PIECE)
                .map(|at| data.slice(at..(at + PIECE).min(data.len())))
                .collect();
            let stream = stream::iter(pieces).map(move |piece| {
                if sent(piece.len() as u64) {
                    Ok(piece)
                } else {
                    Err(stopped())
                }
            });
            Ok(reqwest::Body::wrap_stream(stream))
        }
        UploadSource::Path(path) => {
            let file = open_at(path, start).await?;
            let stream = stream::try_unfold((file, len), |(mut file, left)| async move {
                if left == 0 {
                    return Ok(None);
                }
                let want = left.min(PIECE as u64) as usize;
                let mut buf = vec![0u8; want];
                let mut got = 0;
                while got < want {
                    let n = file.read(&mut buf[got..]).await?;
                    if n == 0 {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::UnexpectedEof,
                            "the file became shorter while it was being uploaded",
                        ));
                    }
                    got += n;
                }
                Ok(Some((Bytes::from(buf), (file, left - want as u64))))
            })
            .map(move |piece: std::io::Result<Bytes>| match piece {
                Ok(piece) if !sent(piece.len() as u64) => Err(stopped()),
                other => other,
            });
            Ok(reqwest::Body::wrap_stream(stream))
        }
    }
}

fn stopped() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "the upload was stopped")
}

/// A writer that drops the first `skip` bytes written to it and passes the rest to `sink`.
struct SkipWriter<'a, W: ?Sized> {
    skip: u64,
    sink: &'a mut W,
}

impl<W: AsyncWrite + Unpin + ?Sized> AsyncWrite for SkipWriter<'_, W> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.skip > 0 {
            let dropped = (self.skip as usize).min(buf.len());
            self.skip -= dropped as u64;
            return std::task::Poll::Ready(Ok(dropped));
        }
        std::pin::Pin::new(&mut *self.sink).poll_write(cx, buf)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut *self.sink).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut *self.sink).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[tokio::test]
    async fn reads_ranges_from_bytes_and_files_alike() {
        let content: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        tmp.write_all(&content).unwrap();
        let sources = [
            UploadSource::Bytes(Bytes::from(content.clone())),
            UploadSource::Path(tmp.path().to_owned()),
        ];
        for source in &sources {
            assert_eq!(source_len(source).await.unwrap(), 10_000);
            let part = read_range(source, 300, 1300).await.unwrap();
            assert_eq!(&part[..], &content[300..1300]);
        }
        let missing = UploadSource::Path("/nonexistent/bucketdesk/file".into());
        assert_eq!(source_len(&missing).await.unwrap_err().code(), "io");
    }
}
