//! Only this machine may talk to the sandbox: a request must be addressed (`Host`, or the HTTP/2
//! authority) to a loopback name with the listening port. A web page that reaches the port by
//! DNS rebinding names its own host, and is refused before anything else runs.

use std::net::SocketAddr;
use std::str::FromStr;

use axum::extract::{Request, State};
use axum::http::header::HOST;
use axum::http::uri::Authority;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::server::{App, Shared};

/// The host names a request may be addressed to.
#[derive(Debug, Clone)]
pub enum Hosts {
    Any,
    /// These names (lowercase, without brackets) with this port.
    Loopback {
        names: Vec<&'static str>,
        port: u16,
    },
}

impl Hosts {
    /// `127.0.0.1` and `localhost`, and `::1` when listening on IPv6, with the port of `addr`.
    pub fn loopback(addr: SocketAddr) -> Hosts {
        let mut names = vec!["127.0.0.1", "localhost"];
        if addr.is_ipv6() {
            names.push("::1");
        }
        Hosts::Loopback {
            names,
            port: addr.port(),
        }
    }

    /// Whether `value`, a `Host` header or an authority, names an allowed host and port.
    pub fn allows(&self, value: &str) -> bool {
        let Hosts::Loopback { names, port } = self else {
            return true;
        };
        let Ok(authority) = Authority::from_str(value) else {
            return false;
        };
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        !value.contains('@')
            && authority.port_u16().unwrap_or(80) == *port
            && names.iter().any(|n| n.eq_ignore_ascii_case(host))
    }

    fn described(&self) -> String {
        match self {
            Hosts::Any => "any host".to_string(),
            Hosts::Loopback { names, port } => {
                let names: Vec<String> = names
                    .iter()
                    .map(|n| match n.contains(':') {
                        true => format!("[{n}]:{port}"),
                        false => format!("{n}:{port}"),
                    })
                    .collect();
                names.join(" or ")
            }
        }
    }
}

/// Middleware, outermost: refuses a request addressed to any other host with 403.
pub async fn only_allowed(State(app): State<App>, req: Request, next: Next) -> Response {
    if matches!(app.hosts, Hosts::Any) {
        return next.run(req).await;
    }
    let header = req.headers().get(HOST).map(|v| v.to_str().unwrap_or(""));
    let authority = req.uri().authority().map(Authority::as_str);
    let named: Vec<&str> = header.into_iter().chain(authority).collect();
    if !named.is_empty() && named.iter().all(|h| app.hosts.allows(h)) {
        return next.run(req).await;
    }
    Shared::count(&app.counters.rejected);
    tracing::debug!(host = ?named, "refused a request addressed to another host");
    ApiError::new(
        403,
        "general_unknown_origin",
        format!(
            "This server answers only requests addressed to {}. Use the endpoint it printed; to \
             reach it under another name, start appwrite-sandbox with --allow-any-host.",
            app.hosts.described()
        ),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_with_the_port_only() {
        let v4 = Hosts::loopback(SocketAddr::from(([127, 0, 0, 1], 4000)));
        for ok in ["127.0.0.1:4000", "localhost:4000", "LOCALHOST:4000"] {
            assert!(v4.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:4000",
            "127.0.0.1",
            "127.0.0.1:4001",
            "localhost.evil.example:4000",
            "[::1]:4000",
            "user@localhost:4000",
            "",
        ] {
            assert!(!v4.allows(bad), "{bad}");
        }
        let v6 = Hosts::loopback("[::1]:4000".parse().unwrap());
        assert!(v6.allows("[::1]:4000") && v6.allows("localhost:4000"));
        assert!(!v6.allows("[::2]:4000"));
        assert_eq!(
            v6.described(),
            "127.0.0.1:4000 or localhost:4000 or [::1]:4000"
        );
        let on_80 = Hosts::loopback(SocketAddr::from(([127, 0, 0, 1], 80)));
        assert!(on_80.allows("localhost"));
        assert!(Hosts::Any.allows("evil.example"));
    }
}
