//! The `Client`: one project's connection, the one request path every call goes through
//! (retries; redirects are never followed) and the readers of its answers. Built by `builder`.

mod builder;

pub use builder::ClientBuilder;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use url::Url;

use crate::buckets::Buckets;
use crate::endpoint::Endpoint;
use crate::error::{is_retryable_status, Error, Result};
use crate::files::Files;
use crate::links::{share_link, LinkKind};
use crate::models::PreviewOptions;
use crate::read::{ReadLimits, Reader};
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::tokens::Tokens;

/// The response format this client reads.
pub const RESPONSE_FORMAT: &str = "1.8.0";
/// Default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout for one upload request (one chunk).
pub const DEFAULT_UPLOAD_TIMEOUT: Duration = Duration::from_secs(300);

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    project_id: String,
    timeout: Duration,
    upload_timeout: Duration,
    limits: ReadLimits,
    retry: RetryPolicy,
}

/// An Appwrite client for one project. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("project_id", &self.inner.project_id)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// A request body that can be sent again.
pub(crate) enum Body {
    Empty,
    Json(Bytes),
}

impl Client {
    /// The endpoint, validated.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The project id.
    pub fn project_id(&self) -> &str {
        &self.inner.project_id
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The read limits in use.
    pub fn read_limits(&self) -> &ReadLimits {
        &self.inner.limits
    }

    /// How answers to calls bounded by `timeout` are read.
    pub(crate) fn reader(&self, timeout: Duration) -> Reader<'_> {
        Reader {
            limits: &self.inner.limits,
            endpoint: &self.inner.endpoint,
            timeout: Some(timeout),
        }
    }

    /// How upload answers are read.
    pub(crate) fn upload_reader(&self) -> Reader<'_> {
        self.reader(self.inner.upload_timeout)
    }

    /// The timeout of one request (the idle timeout of streamed downloads).
    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Bucket calls.
    pub fn buckets(&self) -> Buckets {
        Buckets::new(self.clone())
    }

    /// File calls in one bucket.
    pub fn files(&self, bucket_id: impl Into<String>) -> Files {
        Files::new(self.clone(), bucket_id.into())
    }

    /// File-token calls.
    pub fn tokens(&self) -> Tokens {
        Tokens::new(self.clone())
    }

    /// A share link for this client's endpoint and project; see [`crate::share_link`].
    pub fn share_link(
        &self,
        bucket_id: &str,
        file_id: &str,
        kind: LinkKind,
        token_secret: &str,
        preview: Option<&PreviewOptions>,
    ) -> Url {
        share_link(
            &self.inner.endpoint,
            &self.inner.project_id,
            bucket_id,
            file_id,
            kind,
            token_secret,
            preview,
        )
    }

    pub(crate) fn url<S: AsRef<str>>(&self, segments: &[S]) -> Result<Url> {
        self.inner.endpoint.join(segments)
    }

    pub(crate) fn upload_request(&self, url: Url) -> RequestBuilder {
        self.inner.http.post(url).timeout(self.inner.upload_timeout)
    }

    /// Sends a request built once (uploads); never retried.
    pub(crate) async fn send_once(&self, request: RequestBuilder) -> Result<Response> {
        let response = request
            .send()
            .await
            .map_err(|e| Error::from_transport(e, Some(self.inner.upload_timeout)))?;
        self.upload_reader().success(response).await
    }

    /// Sends a request; GETs are retried per the policy, everything else goes out once.
    /// `whole_timeout` bounds the whole request (off for streamed downloads).
    pub(crate) async fn send(
        &self,
        method: Method,
        url: Url,
        body: Body,
        headers: HeaderMap,
        whole_timeout: bool,
    ) -> Result<Response> {
        let policy = &self.inner.retry;
        let idempotent = method == Method::GET || method == Method::HEAD;
        let attempts = if idempotent {
            policy.max_attempts.max(1)
        } else {
            1
        };
        let timeout = self.inner.timeout;
        let mut attempt = 1;
        loop {
            tracing::debug!(%method, path = url.path(), attempt, "appwrite request");
            let mut request = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .headers(headers.clone());
            if whole_timeout {
                request = request.timeout(timeout);
            }
            if let Body::Json(bytes) = &body {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            let retry_after = match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let status = response.status().as_u16();
                    if attempt < attempts && is_retryable_status(status) {
                        let retry_after = parse_retry_after(response.headers());
                        tracing::debug!(
                            status,
                            attempt,
                            "appwrite answered with a retryable status"
                        );
                        retry_after
                    } else {
                        return Err(self.reader(timeout).error(response).await);
                    }
                }
                Err(e) => {
                    let err = Error::from_transport(e, Some(timeout));
                    let retry = match &err {
                        Error::Network { .. } => true,
                        Error::Timeout { .. } => policy.retry_timeouts,
                        _ => false,
                    };
                    if attempt < attempts && retry {
                        tracing::debug!(attempt, error = %err, "appwrite request failed, retrying");
                        None
                    } else {
                        return Err(err);
                    }
                }
            };
            let delay = policy.delay_random(attempt, retry_after);
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// GET with query pairs, decoded from JSON.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
        query: &[(String, String)],
    ) -> Result<T> {
        let url = with_query(url, query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = self
            .send(Method::GET, url, Body::Empty, HeaderMap::new(), true)
            .await?;
        self.reader(self.inner.timeout).json(response).await
    }

    /// A JSON body sent with `method`, the answer decoded from JSON.
    pub(crate) async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: &serde_json::Value,
    ) -> Result<T> {
        let bytes = Bytes::from(serde_json::to_vec(body).expect("JSON values serialize"));
        let response = self
            .send(method, url, Body::Json(bytes), HeaderMap::new(), true)
            .await?;
        self.reader(self.inner.timeout).json(response).await
    }

    /// DELETE, expecting 204 (any success).
    pub(crate) async fn delete(&self, url: Url) -> Result<()> {
        self.send(Method::DELETE, url, Body::Empty, HeaderMap::new(), true)
            .await?;
        Ok(())
    }
}

/// Appends query pairs to a URL (percent-encoded form style).
pub(crate) fn with_query<'a>(
    mut url: Url,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Url {
    let mut pairs = pairs.into_iter().peekable();
    if pairs.peek().is_some() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_percent_encoded() {
        let url = Url::parse("http://h/v1/storage/buckets").unwrap();
        let url = with_query(
            url,
            [
                ("queries[0]", r#"{"method":"limit","values":[1]}"#),
                ("search", "a b&c"),
            ],
        );
        assert_eq!(
            url.query(),
            Some("queries%5B0%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D&search=a+b%26c")
        );
        let bare = with_query(Url::parse("http://h/v1").unwrap(), []);
        assert_eq!(bare.query(), None);
    }
}
