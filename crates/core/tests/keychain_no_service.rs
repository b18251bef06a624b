//! On a session bus where nothing provides the Secret Service, the keychain wrapper says so in
//! plain words, and never shows the key.
//!
//! This binary points `DBUS_SESSION_BUS_ADDRESS` (process-wide, read once by libdbus) at a private,
//! empty bus, so it holds this one case only.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use appwrite_rest::ApiKey;
use bucketdesk_core::secrets::KeyStore;

mod unavailable;

use unavailable::{assert_readable, KEY};

/// A private bus with no services on it (and no activatable ones), stopped on drop.
struct EmptyBus {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for EmptyBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn empty_bus() -> Option<(EmptyBus, String)> {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            dir.path().display()
        ),
    )
    .unwrap();
    let mut child = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .ok()?;
    // The daemon prints its address once it listens: reading the line is the wait.
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.trim().to_owned();
    assert!(!address.is_empty(), "dbus-daemon printed no address");
    Some((EmptyBus { child, _dir: dir }, address))
}

#[test]
fn a_bus_without_a_secret_service_gives_a_readable_error() {
    let Some((_bus, address)) = empty_bus() else {
        panic!("dbus-daemon is needed for this test (package dbus)");
    };
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
    let store = KeyStore::new("bucketdesk-test-unavailable");
    let err = store.set_blocking("p1", &ApiKey::from(KEY)).unwrap_err();
    assert_readable(&err, "keychain_unavailable", "org.freedesktop.secrets");
    assert_readable(
        &store.get_blocking("p1").unwrap_err(),
        "keychain_unavailable",
        "gnome-keyring",
    );
}
