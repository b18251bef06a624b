//! Where the built-in demo listens: its loopback port is chosen once and kept in the demo's
//! folder, next to its store, so links copied from the demo keep working after a restart. The
//! shell tries the kept port first and takes (and keeps) another only when it is taken.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::store::atomic_write;

/// The file in the demo's folder that holds its port: `{"port": 43127}`.
pub const DEMO_PORT_FILE: &str = "port.json";

#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    port: u16,
}

/// The port the demo listened on last time, kept in `demo_dir`; `None` before its first start,
/// or when the file is damaged (then a new port is chosen and kept, and the log says why).
pub fn stored_port(demo_dir: &Path) -> Option<u16> {
    let path = demo_dir.join(DEMO_PORT_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "the demo's port could not be read; it gets a new one");
            return None;
        }
    };
    match serde_json::from_str::<Kept>(&text) {
        Ok(Kept { port }) if port != 0 => Some(port),
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "the demo's port file is damaged; it gets a new port");
            None
        }
    }
}

/// Keeps `port` as the demo's port in `demo_dir` (written atomically; the folder is made when
/// missing).
pub fn store_port(demo_dir: &Path, port: u16) -> io::Result<()> {
    let bytes = serde_json::to_vec(&Kept { port }).map_err(io::Error::other)?;
    atomic_write(&demo_dir.join(DEMO_PORT_FILE), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_port_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let demo = dir.path().join("demo-sandbox");
        assert_eq!(
            stored_port(&demo),
            None,
            "nothing kept before the first start"
        );
        store_port(&demo, 43127).unwrap();
        assert_eq!(stored_port(&demo), Some(43127));
        store_port(&demo, 40001).unwrap();
        assert_eq!(
            stored_port(&demo),
            Some(40001),
            "a new port replaces the old"
        );
    }

    #[test]
    fn a_damaged_or_zero_port_counts_as_none() {
        let dir = tempfile::tempdir().unwrap();
        for junk in [
            "",
            "{",
            r#"{"port": 70000}"#,
            r#"{"port": -1}"#,
            r#"{"port": 0}"#,
            "[]",
        ] {
            std::fs::write(dir.path().join(DEMO_PORT_FILE), junk).unwrap();
            assert_eq!(stored_port(dir.path()), None, "{junk:?}");
        }
        // A folder where the file should be: unreadable, so a new port is chosen.
        std::fs::remove_file(dir.path().join(DEMO_PORT_FILE)).unwrap();
        std::fs::create_dir(dir.path().join(DEMO_PORT_FILE)).unwrap();
        assert_eq!(stored_port(dir.path()), None);
    }
}
