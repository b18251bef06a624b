//! Errors that keep the API key with its own server: a redirect (never followed; the message says
//! where it pointed and which endpoint to use) and a plain-HTTP endpoint on another machine.

use url::Url;

use super::api::EXCERPT_CHARS;
use super::Error;
use crate::endpoint::Endpoint;
use crate::redact::redact_secrets;

/// The name of the per-project choice that allows plain HTTP to another machine, as a user sees it.
pub const SEND_WITHOUT_ENCRYPTION: &str = "Send the key without encryption";

impl Error {
    /// A 3xx answer to `request` (sent under `endpoint`), with its `Location` header if any.
    pub(crate) fn redirect(
        status: u16,
        location: Option<&str>,
        request: &Url,
        endpoint: &Endpoint,
    ) -> Self {
        let target = location.and_then(|l| request.join(l.trim()).ok());
        let suggested_endpoint = target
            .as_ref()
            .and_then(|t| suggested_endpoint(t, request, endpoint));
        let location = match (&target, location) {
            (Some(url), _) => Some(shorten(&redact_secrets(url.as_str()))),
            (None, Some(raw)) if !raw.trim().is_empty() => Some(shorten(&redact_secrets(raw))),
            _ => None,
        };
        Error::Redirect {
            status,
            location,
            suggested_endpoint,
        }
    }

    /// `endpoint` is plain HTTP to another machine and the user did not choose to allow it.
    pub(crate) fn insecure_endpoint(endpoint: &Endpoint) -> Self {
        Error::InsecureEndpoint {
            endpoint: endpoint.as_str().to_owned(),
        }
    }
}

/// The endpoint a redirect points to: the location with the request's path under the endpoint
/// (and the query) taken off, when the location ends with that path.
fn suggested_endpoint(target: &Url, request: &Url, endpoint: &Endpoint) -> Option<String> {
    let base = endpoint.as_url().path().trim_end_matches('/');
    let tail = request.path().strip_prefix(base)?.trim_end_matches('/');
    let new_base = target.path().trim_end_matches('/').strip_suffix(tail)?;
    let mut url = target.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.set_path(new_base);
    Endpoint::parse(url.as_str())
        .ok()
        .map(|e| e.as_str().to_owned())
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(EXCERPT_CHARS).collect();
    short.push('…');
    short
}

pub(super) fn redirect_text(
    status: u16,
    location: Option<&str>,
    suggested: Option<&str>,
) -> String {
    const NOT_FOLLOWED: &str =
        "Redirects are not followed, so the API key only goes to the address you enter";
    match (suggested, location) {
        (Some(endpoint), _) => format!(
            "The endpoint answered with a redirect to {endpoint}. Use that address as the \
             endpoint if you trust it. ({NOT_FOLLOWED}; HTTP {status}.)"
        ),
        (None, Some(location)) => format!(
            "The endpoint answered with a redirect (HTTP {status}) to {location}, which is not \
             an Appwrite API address. {NOT_FOLLOWED}: check the endpoint, it usually ends in /v1."
        ),
        (None, None) => format!(
            "The endpoint answered with a redirect (HTTP {status}) without saying where to. \
             Check the endpoint: it usually ends in /v1."
        ),
    }
}

pub(super) fn insecure_text(endpoint: &str) -> String {
    format!(
        "The address {endpoint} is not encrypted (http://), so anyone on the networks between \
         you and the server could read the API key. Use https:// if the server offers it, or \
         turn on \"{SEND_WITHOUT_ENCRYPTION}\" for this project if you trust those networks."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(location: Option<&str>, request: &str, endpoint: &str) -> Error {
        let request = Url::parse(request).unwrap();
        Error::redirect(301, location, &request, &Endpoint::parse(endpoint).unwrap())
    }

    #[test]
    fn a_redirect_suggests_the_endpoint_it_points_to() {
        let cases = [
            (
                "https://files.example.org/v1/storage/buckets?queries%5B0%5D=x",
                "http://files.example.org/v1/storage/buckets?queries%5B0%5D=x",
                "http://files.example.org/v1",
                "https://files.example.org/v1",
            ),
            (
                "/api/v1/tokens/t1",
                "https://h.example/v1/tokens/t1",
                "https://h.example/v1/",
                "https://h.example/api/v1",
            ),
            (
                "https://other.example:8443/v1/",
                "https://h.example/v1",
                "https://h.example/v1",
                "https://other.example:8443/v1",
            ),
        ];
        for (location, request, endpoint, suggested) in cases {
            let err = redirect(Some(location), request, endpoint);
            assert_eq!(err.code(), "redirect");
            assert_eq!(err.status(), Some(301));
            assert_eq!(err.suggested_endpoint(), Some(suggested), "{location}");
            let text = err.to_string();
            assert!(
                text.starts_with(&format!(
                    "The endpoint answered with a redirect to {suggested}. Use that address"
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn a_redirect_elsewhere_shows_where_without_secrets() {
        let err = redirect(
            Some("https://login.example/sso?return=1&token=abc.def.ghi"),
            "https://h.example/v1/storage/buckets",
            "https://h.example/v1",
        );
        assert_eq!(err.suggested_endpoint(), None);
        let text = err.to_string();
        assert!(
            text.contains("redirect (HTTP 301) to https://login.example/sso?return=1&token="),
            "{text}"
        );
        assert!(!text.contains("abc.def.ghi"), "{text}");
        assert!(text.contains("check the endpoint"), "{text}");
        let nowhere = redirect(None, "https://h/v1/x", "https://h/v1").to_string();
        assert!(nowhere.contains("without saying where to"), "{nowhere}");
        let long = format!("https://x.example/{}", "a".repeat(500));
        let shown = redirect(Some(&long), "https://h/v1/x", "https://h/v1").to_string();
        assert!(shown.len() < 600, "{shown}");
    }

    #[test]
    fn plain_http_elsewhere_says_how_to_go_on() {
        let endpoint = Endpoint::parse("http://files.example.org/v1").unwrap();
        let err = Error::insecure_endpoint(&endpoint);
        assert_eq!(err.code(), "insecure_endpoint");
        let text = err.to_string();
        assert!(
            text.starts_with("The address http://files.example.org/v1 is not encrypted"),
            "{text}"
        );
        assert!(text.contains("Use https://"), "{text}");
        assert!(
            text.contains(&format!(
                "turn on \"{SEND_WITHOUT_ENCRYPTION}\" for this project"
            )),
            "{text}"
        );
    }
}
