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

/// Which Appwrite server the sandbox answers as. The stored data is the same in both: a store made
/// under one can be opened under the other (files in folders then show as a flat bucket). Both
/// refuse a `select` query on every list, files included, as both real servers do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emulation {
    /// The newest server line (response formats up to 2.5.0): Storage folders (File `folder` and
    /// `key`, the `folder` form field on create, queries on `folder`), File `sizeActual`,
    /// `encryption`, `compression`, and Bucket `description`, `stripMetadata`, `totalSize`.
    /// Reports version 2.5.0.
    #[default]
    Newest,
    /// Appwrite 1.8.1: none of those fields, a `folder` form field is ignored, and a query on
    /// `folder` or `stripMetadata` is refused as 1.8.1 refuses it. Reports 1.8.1.
    V1_8_1,
}

impl Emulation {
    /// The version `GET /v1/health/version` and every error body report.
    pub fn version(self) -> &'static str {
        match self {
            Emulation::Newest => "2.5.0",
            Emulation::V1_8_1 => "1.8.1",
        }
    }

    /// Whether files have folders (and the other fields of the newest server).
    pub fn has_folders(self) -> bool {
        self == Emulation::Newest
    }
}

impl std::str::FromStr for Emulation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "newest" => Ok(Emulation::Newest),
            "1.8.1" => Ok(Emulation::V1_8_1),
            other => Err(format!(
                "unknown server `{other}` to emulate (expected 1.8.1 or newest)"
            )),
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
    /// The Appwrite server to answer as (default: the newest).
    pub emulate: Emulation,
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
    /// The largest `maximumFileSize` a bucket may be given (the real server's
    /// `_APP_STORAGE_LIMIT`, 30,000,000 bytes by default); new buckets still default to 30 MB.
    pub storage_limit: u64,
    /// Refuse a chunk that arrives before the one the file is waiting for (400
    /// `storage_invalid_content_range`), as a server that only takes chunks in order does.
    pub in_order_chunks: bool,
    /// Break off every whole-file content answer (view, download without `Range`) after this
    /// many bytes, as a dropped connection does; answers to a `Range` request are sent whole, so
    /// a client that continues with `Range` gets the rest.
    pub cut_content_after: Option<u64>,
    /// Hold every view or download answer (with or without `Range`) after this many bytes of
    /// it, as a server that stops sending does: the rest never comes, and the connection stays
    /// open until the client gives up or the sandbox stops. For cancelling a download in the
    /// middle of its body.
    pub stall_content_after: Option<u64>,
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
            emulate: Emulation::Newest,
            latency: Duration::ZERO,
            fault_rate: 0.0,
            lost_answer_rate: 0.0,
            fault_seed: None,
            retry_after: Duration::from_secs(1),
            storage_limit: crate::model::MAX_FILE_SIZE,
            in_order_chunks: false,
            cut_content_after: None,
            stall_content_after: None,
            scopes: None,
            access_interval: Duration::from_secs(24 * 60 * 60),
            record_responses: false,
            cors: false,
            allow_any_host: false,
        }
    }
}
