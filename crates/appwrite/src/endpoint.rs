//! A validated Appwrite endpoint (`https://host/v1`) and the building of request URLs under it, one
//! percent-encoded segment per id.

use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// What an endpoint without `http(s)://` is told.
const NEEDS_SCHEME: &str =
    "the endpoint needs to start with https:// (or http:// for this computer), \
                            e.g. https://cloud.appwrite.io/v1";
/// What an endpoint with a port that is not one is told.
const PORT_RANGE: &str =
    "the port must be a number from 1 to 65535 (the digits after the server name's colon)";

/// An Appwrite API base URL: `http` or `https`, with a host, no query, no fragment, no
/// credentials, stored without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint(Url);

impl Endpoint {
    /// Validates an endpoint such as `https://fra.cloud.appwrite.io/v1` (a trailing slash is fine).
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid_input(
                "the endpoint is empty; enter your Appwrite server's API address, e.g. \
                 https://cloud.appwrite.io/v1",
            ));
        }
        let lower = text.to_ascii_lowercase();
        if !lower.starts_with("http:") && !lower.starts_with("https:") {
            return Err(Error::invalid_input(match lower.split_once("://") {
                Some((scheme, _)) if !scheme.is_empty() => format!(
                    "the endpoint must start with https:// (or http:// for this computer), not \
                     {scheme}://"
                ),
                _ => NEEDS_SCHEME.to_owned(),
            }));
        }
        let mut url = Url::parse(text).map_err(|e| Error::invalid_input(parse_error_text(e)))?;
        if url.port() == Some(0) {
            return Err(Error::invalid_input(PORT_RANGE));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(Error::invalid_input(
                "the endpoint has no host name; expected e.g. https://cloud.appwrite.io/v1",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid_input(
                "the endpoint must not contain a user name or password; remove them (the API key \
                 is entered on its own)",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid_input(
                "the endpoint must not have a query (?...) or fragment (#...); remove everything \
                 from the ? or #",
            ));
        }
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(Self(url))
    }

    /// The endpoint as a URL, without trailing slash.
    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// The endpoint as text, without trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// Whether the host is this machine: `localhost`, an address in 127.0.0.0/8, or `::1`. Only
    /// these may be reached over plain HTTP without the user's explicit choice.
    pub fn is_loopback(&self) -> bool {
        match self.0.host() {
            Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            None => false,
        }
    }

    /// Whether a key sent here would cross a network unencrypted: plain HTTP to a host other
    /// than this machine. Such an endpoint needs the user's explicit choice
    /// ([`crate::ClientBuilder::allow_insecure_http`]).
    pub fn needs_insecure_opt_in(&self) -> bool {
        self.0.scheme() == "http" && !self.is_loopback()
    }

    /// `endpoint/seg1/seg2/...`, each segment percent-encoded (a `/` inside an id stays inside it).
    pub(crate) fn join<S: AsRef<str>>(&self, segments: &[S]) -> Result<Url> {
        for segment in segments {
            let segment = segment.as_ref();
            if segment.is_empty() || segment == "." || segment == ".." {
                return Err(Error::invalid_input(format!(
                    "{segment:?} is not a usable id"
                )));
            }
        }
        Ok(self.join_unchecked(segments))
    }

    /// Like `join`, for segments already known to be fine.
    pub(crate) fn join_unchecked<S: AsRef<str>>(&self, segments: &[S]) -> Url {
        let mut url = self.0.clone();
        url.path_segments_mut()
            .expect("http(s) URLs always have a path")
            .pop_if_empty()
            .extend(segments);
        url
    }
}

/// The URL parser's complaint, in words a person acts on (never the parser's own wording).
fn parse_error_text(error: url::ParseError) -> String {
    use url::ParseError as E;
    match error {
        E::InvalidPort => PORT_RANGE,
        E::EmptyHost => {
            "the endpoint has no server name after https://; expected e.g. \
             https://cloud.appwrite.io/v1"
        }
        E::InvalidIpv4Address => {
            "the server's IP address is not valid: four numbers from 0 to 255 separated by dots, \
             like 192.168.1.20"
        }
        E::InvalidIpv6Address => {
            "the server's IPv6 address is not valid: write it in brackets, like \
             http://[::1]:8080/v1"
        }
        E::InvalidDomainCharacter | E::IdnaError => {
            "the server name has a character a server name cannot have (a space, or one of \
             < > | \\ ^ and the like); check how it is spelt"
        }
        E::RelativeUrlWithoutBase
        | E::RelativeUrlWithCannotBeABaseBase
        | E::SetHostOnCannotBeABaseUrl => NEEDS_SCHEME,
        E::Overflow => "the endpoint is too long to be a web address",
        _ => {
            "the endpoint is not a web address; enter your Appwrite server's API address, e.g. \
             https://cloud.appwrite.io/v1"
        }
    }
    .to_owned()
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Endpoint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_with_or_without_trailing_slash() {
        for text in [
            "https://fra.cloud.appwrite.io/v1",
            "https://fra.cloud.appwrite.io/v1/",
            " https://fra.cloud.appwrite.io/v1// ",
        ] {
            let ep = Endpoint::parse(text).unwrap();
            assert_eq!(ep.as_str(), "https://fra.cloud.appwrite.io/v1");
        }
        let local = Endpoint::parse("http://127.0.0.1:8080/v1").unwrap();
        assert_eq!(local.to_string(), "http://127.0.0.1:8080/v1");
        let root = Endpoint::parse("http://localhost").unwrap();
        assert_eq!(
            root.join(&["storage", "buckets"]).unwrap().as_str(),
            "http://localhost/storage/buckets"
        );
    }

    #[test]
    fn refuses_other_schemes_and_junk() {
        for text in [
            "",
            "appwrite.io/v1",
            "ftp://x/v1",
            "file:///tmp/v1",
            "https://user:pw@x/v1",
            "https://x/v1?project=a",
            "https://x/v1#top",
            "http://",
        ] {
            let err = Endpoint::parse(text).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{text}");
        }
    }

    #[test]
    fn a_malformed_endpoint_is_explained_in_words_not_in_the_parsers() {
        let cases = [
            ("appwrite.example.com/v1", "needs to start with https://"),
            ("localhost:8080/v1", "needs to start with https://"),
            (
                "https//appwrite.example.com/v1",
                "needs to start with https://",
            ),
            ("ftp://x/v1", "not ftp://"),
            ("http://127.0.0.1:99999/v1", "from 1 to 65535"),
            ("http://127.0.0.1:80a/v1", "from 1 to 65535"),
            ("http://127.0.0.1:0/v1", "from 1 to 65535"),
            ("https://:8080/v1", "no server name"),
            ("http://", "no server name"),
            ("https://app write.example.com/v1", "cannot have"),
            ("http://[::1/v1", "IPv6 address is not valid"),
            ("http://256.1.1.1/v1", "IP address is not valid"),
        ];
        for (text, words) in cases {
            let message = Endpoint::parse(text).unwrap_err().to_string();
            assert!(message.contains(words), "{text}: {message}");
            for parser in [
                "relative URL",
                "without a base",
                "invalid port number",
                "empty host",
                "invalid IPv",
                "invalid international domain",
                "invalid domain character",
            ] {
                assert!(!message.contains(parser), "{text}: {message}");
            }
        }
    }

    #[test]
    fn only_plain_http_to_another_machine_needs_the_users_choice() {
        for local in [
            "http://localhost:8080/v1",
            "http://LOCALHOST/v1",
            "http://127.0.0.1:4000/v1",
            "http://127.8.9.10/v1",
            "http://[::1]:4000/v1",
        ] {
            let ep = Endpoint::parse(local).unwrap();
            assert!(ep.is_loopback(), "{local}");
            assert!(!ep.needs_insecure_opt_in(), "{local}");
        }
        for remote in [
            "http://appwrite.example.com/v1",
            "http://192.168.1.20/v1",
            "http://128.0.0.1/v1",
            "http://[::2]/v1",
            "http://localhost.example.com/v1",
            "http://0.0.0.0/v1",
        ] {
            let ep = Endpoint::parse(remote).unwrap();
            assert!(!ep.is_loopback(), "{remote}");
            assert!(ep.needs_insecure_opt_in(), "{remote}");
        }
        for https in ["https://appwrite.example.com/v1", "https://127.0.0.1/v1"] {
            assert!(
                !Endpoint::parse(https).unwrap().needs_insecure_opt_in(),
                "{https}"
            );
        }
    }

    #[test]
    fn ids_are_single_percent_encoded_segments() {
        let ep = Endpoint::parse("https://h/v1/").unwrap();
        let url = ep
            .join(&["storage", "buckets", "a b", "files", "x/y?z#%"])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://h/v1/storage/buckets/a%20b/files/x%2Fy%3Fz%23%25"
        );
        for bad in ["", ".", ".."] {
            assert_eq!(
                ep.join(&["tokens", bad]).unwrap_err().code(),
                "invalid_input"
            );
        }
    }
}
