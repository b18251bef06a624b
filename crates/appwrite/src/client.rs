//! The `Client` and its builder: endpoint, project, key, timeouts, TLS, retries, read limits,
//! and the one request path every call goes through (redirects are never followed).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use url::Url;

use crate::buckets::Buckets;
use crate::endpoint::Endpoint;
use crate::error::{is_retryable_status, Error, Result, KEYS_PAGE};
use crate::files::Files;
use crate::links::{share_link, LinkKind};
use crate::models::PreviewOptions;
use crate::read::{ReadLimits, Reader};
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::sensitive::ApiKey;
use crate::tls::{self, CertFingerprint};
use crate::tokens::Tokens;

/// The response format this client reads.
pub const RESPONSE_FORMAT: &str = "1.8.0";
/// Default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout for one upload request (one chunk).
pub const DEFAULT_UPLOAD_TIMEOUT: Duration = Duration::from_secs(300);

/// Builds a [`Client`]: `Client::builder(endpoint, project_id, key).timeout(..).build()?`.
pub struct ClientBuilder {
    endpoint: String,
    project_id: String,
    key: ApiKey,
    timeout: Duration,
    connect_timeout: Duration,
    upload_timeout: Duration,
    pinned_certificate: Option<CertFingerprint>,
    allow_insecure_http: bool,
    read_limits: ReadLimits,
    retry: RetryPolicy,
    user_agent: String,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("project_id", &self.project_id)
            .field("key", &self.key)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("pinned_certificate", &self.pinned_certificate)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("read_limits", &self.read_limits)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Timeout for one whole request (JSON calls and previews). Streamed downloads use it as
    /// an idle-read timeout instead, so large files are not cut off.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Timeout for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Timeout for one upload request (a whole file up to 5 MiB, or one chunk).
    pub fn upload_timeout(mut self, timeout: Duration) -> Self {
        self.upload_timeout = timeout;
        self
    }

    /// Trust only the certificate with this SHA-256 fingerprint (one the user accepted after
    /// [`crate::peek_certificate`]), whatever its issuer, names or dates; `None` (the default)
    /// trusts what this computer's certificate store trusts.
    pub fn pinned_certificate(mut self, pin: Option<CertFingerprint>) -> Self {
        self.pinned_certificate = pin;
        self
    }

    /// Allow a plain-HTTP endpoint on another machine, which sends the key readable by anyone
    /// on the way: only when the user chose it for this project. Off by default; `http://` to
    /// this machine (see [`Endpoint::is_loopback`]) needs no choice.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// How much is read from the server at most (see [`ReadLimits`] for the defaults).
    pub fn read_limits(mut self, limits: ReadLimits) -> Self {
        self.read_limits = limits;
        self
    }

    /// How GET requests are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Overrides the `User-Agent` (default `bucketdesk/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Validates everything and builds the client.
    pub fn build(self) -> Result<Client> {
        let endpoint = Endpoint::parse(&self.endpoint)?;
        let project_id = self.project_id.trim().to_owned();
        if project_id.is_empty() {
            return Err(Error::invalid_input(
                "the project id is empty; copy it from the project's settings in the Appwrite console",
            ));
        }
        if self.key.expose().trim().is_empty() {
            return Err(Error::invalid_input(format!(
                "the API key is empty; create one in {KEYS_PAGE} and enter it"
            )));
        }
        if endpoint.needs_insecure_opt_in() && !self.allow_insecure_http {
            return Err(Error::insecure_endpoint(&endpoint));
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-appwrite-project"),
            HeaderValue::from_str(&project_id).map_err(|_| {
                Error::invalid_input(
                    "the project id contains characters not allowed in a header; copy it again \
                     from the project's settings in the Appwrite console",
                )
            })?,
        );
        let mut key = HeaderValue::from_str(self.key.expose().trim()).map_err(|_| {
            Error::invalid_input(
                "the API key contains characters not allowed in a header (a space or line break \
                 inside it?); copy it again from the Appwrite console",
            )
        })?;
        key.set_sensitive(true);
        headers.insert(HeaderName::from_static("x-appwrite-key"), key);
        headers.insert(
            HeaderName::from_static("x-appwrite-response-format"),
            HeaderValue::from_static(RESPONSE_FORMAT),
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(self.user_agent)
            // The key is a default header: following a redirect would hand it to wherever the
            // answer points. Every 3xx becomes `Error::Redirect` instead.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.timeout)
            .tls_backend_preconfigured(tls::client_config(self.pinned_certificate)?)
            .build()
            .map_err(Error::client_setup)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                project_id,
                timeout: self.timeout,
                upload_timeout: self.upload_timeout,
                limits: self.read_limits,
                retry: self.retry,
            }),
        })
    }
}

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
    /// Starts building a client for `endpoint` (e.g. `https://fra.cloud.appwrite.io/v1`).
    pub fn builder(
        endpoint: impl Into<String>,
        project_id: impl Into<String>,
        key: impl Into<ApiKey>,
    ) -> ClientBuilder {
        ClientBuilder {
            endpoint: endpoint.into(),
            project_id: project_id.into(),
            key: key.into(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            upload_timeout: DEFAULT_UPLOAD_TIMEOUT,
            pinned_certificate: None,
            allow_insecure_http: false,
            read_limits: ReadLimits::default(),
            retry: RetryPolicy::default(),
            user_agent: format!("bucketdesk/{}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// A client with default timeouts and retries.
    pub fn new(
        endpoint: impl Into<String>,
        project_id: impl Into<String>,
        key: impl Into<ApiKey>,
    ) -> Result<Self> {
        Self::builder(endpoint, project_id, key).build()
    }

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
    fn builder_validates_inputs_and_never_shows_the_key() {
        let err = Client::new("ftp://x/v1", "p", "secret-key-1").unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(!format!("{err:?}{err}").contains("secret-key-1"));
        assert_eq!(
            Client::new("http://x/v1", " ", "k").unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            Client::new("http://x/v1", "p", "").unwrap_err().code(),
            "invalid_input"
        );
        let err = Client::new("http://x/v1", "p", "bad\nkey-secret").unwrap_err();
        assert!(!err.to_string().contains("key-secret"));

        let builder =
            Client::builder("http://x/v1/", "p", "secret-key-1").allow_insecure_http(true);
        assert!(!format!("{builder:?}").contains("secret-key-1"));
        let client = builder
            .timeout(Duration::from_secs(1))
            .connect_timeout(Duration::from_secs(1))
            .pinned_certificate(Some(CertFingerprint::of_der(b"certificate")))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("secret-key-1"));
        assert_eq!(client.endpoint().as_str(), "http://x/v1");
        assert_eq!(client.project_id(), "p");
        assert_eq!(client.retry_policy().max_attempts, 1);
    }

    #[test]
    fn plain_http_to_another_machine_needs_the_users_choice() {
        for remote in ["http://files.example.org/v1", "http://192.168.1.20/v1"] {
            let err = Client::new(remote, "p", "secret-key-1").unwrap_err();
            assert_eq!(err.code(), "insecure_endpoint", "{remote}");
            assert!(err.to_string().contains("Use https://"), "{err}");
            assert!(!format!("{err:?}{err}").contains("secret-key-1"));
            let allowed = Client::builder(remote, "p", "k")
                .allow_insecure_http(true)
                .build();
            assert!(allowed.is_ok(), "{remote}");
        }
        for fine in [
            "http://127.0.0.1:9/v1",
            "http://localhost:9/v1",
            "http://[::1]:9/v1",
            "https://files.example.org/v1",
        ] {
            assert!(Client::new(fine, "p", "k").is_ok(), "{fine}");
        }
    }

    #[test]
    fn read_limits_are_kept() {
        let limits = ReadLimits {
            json_bytes: 10,
            ..ReadLimits::default()
        };
        let client = Client::builder("http://127.0.0.1:9/v1", "p", "k")
            .read_limits(limits)
            .build()
            .unwrap();
        assert_eq!(client.read_limits(), &limits);
        let default = Client::new("http://127.0.0.1:9/v1", "p", "k").unwrap();
        assert_eq!(default.read_limits(), &ReadLimits::default());
    }

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
