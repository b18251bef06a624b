//! The client's builder: endpoint, project, key, timeouts, TLS trust, plain-HTTP choice, read
//! limits and retries, all validated in `build` (nothing is sent before).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::{
    Client, Inner, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT,
    RESPONSE_FORMAT,
};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result, KEYS_PAGE};
use crate::read::ReadLimits;
use crate::retry::RetryPolicy;
use crate::sensitive::ApiKey;
use crate::tls::{self, CertFingerprint};

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
}
