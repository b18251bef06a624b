//! One Bucketdesk per config folder: the real binary, launched twice on the same folder inside the
//! test's D-Bus session and X display (scripts/headless.sh), keeps the first and the second exits;
//! a launch on another folder is a separate instance.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn launch(config: &std::path::Path, data: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_bucketdesk"))
        .env("BUCKETDESK_CONFIG_DIR", config)
        .env("BUCKETDESK_DATA_DIR", data)
        .env(
            "BUCKETDESK_KEYRING_SERVICE",
            "bucketdesk-test-single-instance",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts")
}

/// Polls `probe` every 50 ms until it gives a value or `timeout` passes.
fn until<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The D-Bus names on the session bus that the app's instances hold.
fn instance_names() -> Vec<String> {
    let output = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ])
        .output()
        .expect("dbus-send runs (inside scripts/headless.sh)");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("string \"")?
                .strip_suffix('"')
                .map(str::to_owned)
        })
        .filter(|n| n.starts_with("app.bucketdesk.desktop") && n.ends_with("SingleInstance"))
        .collect()
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_second_launch_on_the_same_folder_exits_and_leaves_the_first_running() {
    let folders = tempfile::tempdir().unwrap();
    let (config, data) = (folders.path().join("config"), folders.path().join("data"));
    let before = instance_names().len();
    let mut first = Running(launch(&config, &data));
    until(
        "the first instance to claim its name",
        Duration::from_secs(60),
        || (instance_names().len() > before).then_some(()),
    );

    let mut second = launch(&config, &data);
    let status = until("the second launch to exit", Duration::from_secs(60), || {
        second.try_wait().unwrap()
    });
    assert!(status.success(), "the second launch exited with {status}");
    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first instance stopped"
    );

    // Another config folder is another instance: it stays up beside the first.
    let mut other = Running(launch(&folders.path().join("other"), &data.join("other")));
    until(
        "the other folder's instance to claim its name",
        Duration::from_secs(60),
        || (instance_names().len() > before + 1).then_some(()),
    );
    assert!(other.0.try_wait().unwrap().is_none());
    assert!(first.0.try_wait().unwrap().is_none());
}
