//! Errors from the transport: connections that fail or break, timeouts, and TLS failures told
//! apart from the transport's own wording, each with a message that names only the host.

use std::error::Error as StdError;
use std::time::Duration;

use super::tls::TlsFailure;
use super::Error;

impl Error {
    /// The HTTP client itself could not be built (its TLS setup failed).
    pub(crate) fn client_setup(err: reqwest::Error) -> Self {
        Error::Tls {
            message: format!(
                "Could not set up secure connections (TLS) on this computer ({}). Check the \
                 system's certificate store, then restart the app.",
                causes_text(&err)
            ),
            source: Some(Box::new(err)),
        }
    }

    /// Sorts a transport error into timeout, TLS or network, with a message for the user. TLS
    /// is recognised from the causes' wording (rustls, certificates, handshakes), never from
    /// the URL. The messages name the host, never the path or query.
    pub(crate) fn from_transport(err: reqwest::Error, timeout: Option<Duration>) -> Self {
        let host = err
            .url()
            .map(host_of)
            .unwrap_or_else(|| "the server".to_owned());
        let detail = causes_text(&err);
        if err.is_timeout() || chain_has_timeout(&err) {
            let message = if err.is_connect() {
                format!(
                    "Could not connect to {host} in time. Check the endpoint and your internet \
                     connection, then try again."
                )
            } else {
                let within = timeout
                    .map(|t| format!(" within {}", human_duration(t)))
                    .unwrap_or_default();
                format!(
                    "The server at {host} did not answer{within}. It may be busy or the \
                     connection slow: check your internet connection and try again."
                )
            };
            return Error::Timeout { message };
        }
        if let Some(failure) = TlsFailure::of(&err, &detail) {
            return failure.into_error(&host, &detail, Box::new(err));
        }
        let message = if err.is_decode() || err.is_body() {
            format!(
                "The connection to {host} broke while the answer was being read. Check your \
                 internet connection and try again."
            )
        } else if err.is_connect() && detail.to_ascii_lowercase().contains("dns error") {
            format!(
                "Could not find the server {host}. Check the endpoint's spelling and your \
                 internet connection."
            )
        } else if err.is_connect() {
            format!(
                "Could not connect to {host}. Check the endpoint, that the server is running, \
                 and your internet connection."
            )
        } else {
            format!(
                "The request to {host} failed. Check the endpoint and your internet connection, \
                 then try again."
            )
        };
        Error::Network {
            message: format!("{message} ({detail})"),
            source: Some(Box::new(err)),
        }
    }
}

/// `host` or `host:port` of a URL, for messages (never the path or the query).
fn host_of(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("the server");
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `300 ms`, `30 s`, `1.5 s`.
fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if d.subsec_millis() == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// The transport's own words for a failure: the causes under reqwest's top message (which
/// repeats the URL), joined with `: `, without repeats or hyper's `client error (...)` wrapper.
fn causes_text(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        let wrapper = text.starts_with("client error (") && e.source().is_some();
        if !wrapper && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    if parts.is_empty() {
        // No causes: reqwest's own message, without the URL.
        let text = err.to_string();
        return match text.split_once(" for url (") {
            Some((head, _)) => head.to_owned(),
            None => text,
        };
    }
    parts.join(": ")
}

fn chain_has_timeout(err: &(dyn StdError + 'static)) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        current = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_millis(300)), "300 ms");
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
    }
}
