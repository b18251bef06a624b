//! Sandbox configuration: what `start` needs to know (address, project, key, storage, seed,
//! faults, and who may call).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Every scope the sandbox checks; a key has all of them unless `Config::scopes` narrows the set.
pub const ALL_SCOPES: &[&str] = &[
    "buckets.read",
    "buckets.write",
    "files.read",
    "files.write",
    "tokens.read",
    "tokens.write",
];

/// What data a new store starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// No buckets at all.
    #[default]
    Empty,
    /// A project worth exploring: several buckets, real files, tokens in every state,
    /// and a bucket of 10,000 files (see [`crate::seed`]).
    Demo,
}

impl std::str::FromStr for Seed {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "empty" => Ok(Seed::Empty),
            "demo" => Ok(Seed::Demo),
            other => Err(format!("unknown seed `{other}` (expected demo or empty)")),
        }
    }
}

/// How to run a sandbox. `Config::default()` is an empty, in-memory project `demo` on a free
/// loopback port, answering only this machine: no CORS, loopback `Host` names only.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    pub listen: SocketAddr,
    /// The one project id this server knows.
    pub project: String,
    /// API key; `None` makes one (and keeps it in the data dir, when there is one).
    pub key: Option<String>,
    /// Keep state and file bytes here across restarts; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
    /// Data for a new store (ignored when `data_dir` already holds a store).
    pub seed: Seed,
    /// Delay added to every request.
    pub latency: Duration,
    /// Share (0.0..=1.0) of API requests answered with an injected fault.
    pub fault_rate: f64,
    /// Share (0.0..=1.0) of changes (POST, PUT, PATCH, DELETE on the API) that are carried out
    /// and then lose their answer: the connection closes before any of it is sent. Can be
    /// changed while running with [`crate::Sandbox::set_lost_answer_rate`].
    pub lost_answer_rate: f64,
    /// Seed of the fault RNG (both kinds of fault), for reproducible runs; `None` seeds from
    /// entropy.
    pub fault_seed: Option<u64>,
    /// `Retry-After` sent with injected 429 answers.
    pub retry_after: Duration,
    /// Scopes granted to the key; `None` means all of [`ALL_SCOPES`].
    pub scopes: Option<Vec<String>>,
    /// A token's `accessedAt` is refreshed at most once per this interval.
    pub access_interval: Duration,
    /// Keep every JSON response for [`crate::Sandbox::take_recorded`].
    pub record_responses: bool,
    /// Answer any web origin with permissive CORS headers (for a web SDK in a browser). Off:
    /// no `Access-Control-*` header is ever sent, so a web page cannot read an answer.
    pub cors: bool,
    /// Answer requests whatever host they are addressed to. Off: only `127.0.0.1:<port>` and
    /// `localhost:<port>` (and `[::1]:<port>` on IPv6) are answered; any other `Host` gets 403
    /// and changes nothing, so a web page cannot reach the server by DNS rebinding.
    pub allow_any_host: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            project: "demo".to_string(),
            key: None,
            data_dir: None,
            seed: Seed::Empty,
            latency: Duration::ZERO,
            fault_rate: 0.0,
            lost_answer_rate: 0.0,
            fault_seed: None,
            retry_after: Duration::from_secs(1),
            scopes: None,
            access_interval: Duration::from_secs(24 * 60 * 60),
            record_responses: false,
            cors: false,
            allow_any_host: false,
        }
    }
}
