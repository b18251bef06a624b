//! Command-line options of the `appwrite-sandbox` binary, turned into a [`Config`].

use std::time::Duration;

use crate::config::{Config, Emulation, Seed};

pub const USAGE: &str = "\
appwrite-sandbox: a local Appwrite-compatible Storage and Tokens server

USAGE:
  appwrite-sandbox [--listen 127.0.0.1:0] [--project demo] [--key KEY] [--data-dir DIR]
                   [--seed demo|empty] [--emulate 1.8.1|newest] [--latency-ms N]
                   [--fault-rate F] [--fault-seed N] [--lost-answer-rate F]
                   [--retry-after SECONDS] [--scopes LIST] [--storage-limit BYTES]
                   [--in-order-chunks] [--cut-content-after BYTES]
                   [--stall-content-after BYTES]
                   [--access-interval SECONDS] [--cors] [--allow-any-host]

Prints APPWRITE_ENDPOINT=... first (and APPWRITE_KEY=... when no --key is given).
Logs go to stderr (RUST_LOG).

  --emulate VERSION     the Appwrite server to answer as: newest (the default; Storage
                        folders and the newest fields, reports 2.5.0) or 1.8.1 (flat
                        buckets, none of the newer fields, reports 1.8.1)
  --fault-rate F        share of API calls answered 503, 429 or a dropped connection before
                        they are carried out (never view/download/preview)
  --lost-answer-rate F  share of changes (POST, PUT, PATCH, DELETE) carried out whose answer is
                        then lost: the connection closes before any of it (seeded by --fault-seed)
  --storage-limit BYTES the largest maximumFileSize a bucket may have (default 30000000)
  --in-order-chunks     refuse an upload chunk sent before its turn, as a server that only
                        takes chunks in order does
  --cut-content-after BYTES
                        break off every whole-file view or download after BYTES, as a dropped
                        connection does (answers to a Range request are sent whole)
  --stall-content-after BYTES
                        hold every view or download (Range or not) after BYTES: the rest never
                        comes, as from a server that stopped sending, until the client gives up
  --cors                answer any web origin with permissive CORS headers, to test a web SDK
                        in a browser (off: no CORS headers, so web pages cannot read answers)
  --allow-any-host      answer requests addressed to any host name. Off, only
                        127.0.0.1:<port>, localhost:<port> (and [::1]:<port> on IPv6) are
                        answered and anything else gets 403, so a web page cannot reach the
                        server by DNS rebinding. Needed to be reached from another machine
                        (a --listen address other than loopback) or through a port mapping;
                        anyone who can reach the port and knows the key can then use it.
  --data-dir DIR        keep state and bytes across restarts; DIR and its files are made
                        private to the user (they hold the key and the token signing secret)";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "--help" || flag == "-h" {
            return Ok(Command::Help);
        }
        if flag == "--cors" || flag == "--allow-any-host" || flag == "--in-order-chunks" {
            if inline.is_some() {
                return Err(format!("{flag} takes no value"));
            }
            match flag.as_str() {
                "--cors" => config.cors = true,
                "--in-order-chunks" => config.in_order_chunks = true,
                _ => config.allow_any_host = true,
            }
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let bad = |v: &str| format!("invalid value `{v}` for {flag}");
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                config.listen = v.parse().map_err(|_| bad(&v))?;
            }
            "--project" => config.project = value()?,
            "--key" => config.key = Some(value()?),
            "--data-dir" => config.data_dir = Some(value()?.into()),
            "--seed" => config.seed = value()?.parse::<Seed>()?,
            "--emulate" => config.emulate = value()?.parse::<Emulation>()?,
            "--latency-ms" => {
                let v = value()?;
                config.latency = Duration::from_millis(v.parse().map_err(|_| bad(&v))?);
            }
            "--fault-rate" | "--lost-answer-rate" => {
                let v = value()?;
                let rate: f64 = v.parse().map_err(|_| bad(&v))?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(bad(&v));
                }
                match flag.as_str() {
                    "--fault-rate" => config.fault_rate = rate,
                    _ => config.lost_answer_rate = rate,
                }
            }
            "--storage-limit" => {
                let v = value()?;
                config.storage_limit = v.parse().map_err(|_| bad(&v))?;
            }
            "--cut-content-after" => {
                let v = value()?;
                config.cut_content_after = Some(v.parse().map_err(|_| bad(&v))?);
            }
            "--stall-content-after" => {
                let v = value()?;
                config.stall_content_after = Some(v.parse().map_err(|_| bad(&v))?);
            }
            "--fault-seed" => {
                let v = value()?;
                config.fault_seed = Some(v.parse().map_err(|_| bad(&v))?);
            }
            "--retry-after" => {
                let v = value()?;
                config.retry_after = Duration::from_secs(v.parse().map_err(|_| bad(&v))?);
            }
            "--scopes" => {
                let v = value()?;
                config.scopes = Some(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                );
            }
            "--access-interval" => {
                let v = value()?;
                let secs: f64 = v.parse().map_err(|_| bad(&v))?;
                if !(secs >= 0.0 && secs.is_finite()) {
                    return Err(bad(&v));
                }
                config.access_interval = Duration::from_secs_f64(secs);
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Command::Run(Box::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Config {
        match parse(args.iter().map(|s| s.to_string())).unwrap() {
            Command::Run(c) => *c,
            Command::Help => panic!("help"),
        }
    }

    #[test]
    fn parses_every_option() {
        let c = run(&[
            "--listen",
            "127.0.0.1:9999",
            "--project=p1",
            "--key",
            "k",
            "--data-dir",
            "/tmp/x",
            "--seed",
            "demo",
            "--emulate",
            "1.8.1",
            "--latency-ms",
            "5",
            "--fault-rate",
            "0.25",
            "--fault-seed",
            "3",
            "--scopes",
            "files.read, tokens.read",
            "--access-interval",
            "2",
            "--retry-after",
            "4",
            "--lost-answer-rate=0.5",
            "--cors",
            "--allow-any-host",
        ]);
        assert_eq!(c.listen.port(), 9999);
        assert_eq!(c.project, "p1");
        assert_eq!(c.key.as_deref(), Some("k"));
        assert_eq!(c.seed, Seed::Demo);
        assert_eq!(c.emulate, Emulation::V1_8_1);
        assert_eq!(c.latency, Duration::from_millis(5));
        assert_eq!(c.fault_rate, 0.25);
        assert_eq!(c.fault_seed, Some(3));
        assert_eq!(
            c.scopes,
            Some(vec!["files.read".into(), "tokens.read".into()])
        );
        assert_eq!(c.access_interval, Duration::from_secs(2));
        assert_eq!(c.retry_after, Duration::from_secs(4));
        assert_eq!(c.lost_answer_rate, 0.5);
        assert!(c.cors && c.allow_any_host);
    }

    #[test]
    fn by_default_only_this_machine_is_answered() {
        let c = run(&[]);
        assert!(!c.cors && !c.allow_any_host);
        assert!(c.listen.ip().is_loopback());
        assert_eq!(c.emulate, Emulation::Newest);
        assert_eq!(
            run(&["--emulate=newest"]).emulate.version(),
            "2.5.0",
            "the newest server"
        );
        assert_eq!((c.fault_rate, c.lost_answer_rate), (0.0, 0.0));
        for flag in [
            "--cors",
            "--allow-any-host",
            "--lost-answer-rate",
            "--emulate",
        ] {
            assert!(USAGE.contains(flag), "{flag} is explained in --help");
        }
    }

    #[test]
    fn reads_the_upload_and_download_behaviours() {
        let c = run(&[
            "--storage-limit",
            "200000000",
            "--in-order-chunks",
            "--cut-content-after=1024",
            "--stall-content-after",
            "2048",
        ]);
        assert_eq!(c.storage_limit, 200_000_000);
        assert!(c.in_order_chunks);
        assert_eq!(c.cut_content_after, Some(1024));
        assert_eq!(c.stall_content_after, Some(2048));
        let plain = run(&[]);
        assert_eq!(plain.storage_limit, 30_000_000);
        assert!(!plain.in_order_chunks && plain.cut_content_after.is_none());
        assert!(plain.stall_content_after.is_none());
        assert!(USAGE.contains("--stall-content-after"));
        assert!(parse(["--in-order-chunks=yes".to_string()]).is_err());
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse(["--fault-rate".to_string(), "2".into()]).is_err());
        assert!(parse(["--lost-answer-rate".to_string(), "-1".into()]).is_err());
        assert!(parse(["--cors=yes".to_string()]).is_err());
        assert!(parse(["--nope".to_string()]).is_err());
        assert!(parse(["--key".to_string()]).is_err());
        assert!(parse(["--seed".to_string(), "lots".into()]).is_err());
        assert!(parse(["--emulate".to_string(), "1.9.0".into()]).is_err());
    }
}
