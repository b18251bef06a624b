//! The installed package as a user meets it: the `Exec` line of the desktop entry that
//! `apt-get install ./Bucketdesk_*.deb` put in place, started with a fresh home and no overrides,
//! opens the window on the demo's buckets and keeps its settings in that home.
//!
//! `make test-package` (scripts/test-package.sh) installs the package, passes that line in
//! `BUCKETDESK_PACKAGE_EXEC`, runs this test under `scripts/headless.sh` and removes the package.

use appwrite_sandbox::seed;
use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::{wait, Session};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The `Exec` line of the installed desktop entry.
const EXEC_VAR: &str = "BUCKETDESK_PACKAGE_EXEC";

/// The app's identifier, which names its folders under the XDG base directories.
const IDENTIFIER: &str = "app.bucketdesk.desktop";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by make test-package against the installed package"]
async fn the_installed_desktop_entry_opens_the_demo_buckets_in_a_fresh_home() {
    let line = std::env::var(EXEC_VAR).unwrap_or_else(|_| {
        panic!(
            "{EXEC_VAR} is not set: run `make test-package`, which installs the .deb and passes \
             the Exec line of its desktop entry"
        )
    });
    let mut words = exec_words(&line);
    assert!(!words.is_empty(), "the Exec line {line:?} names no program");
    let program = on_path(&words.remove(0));
    assert!(
        program.starts_with("/usr/bin"),
        "the Exec line {line:?} starts {}, not the packaged /usr/bin/bucketdesk",
        program.display()
    );

    let home = tempfile::Builder::new()
        .prefix("bucketdesk-package-home")
        .tempdir()
        .expect("a temporary home");
    let app = Installed::launch(&program, &words, home.path()).await;
    let s = &app.session;

    scenario::wait_ready(s).await;
    for bucket in seed::BUCKET_IDS {
        s.wait_for(&format!("nav [data-bucket-id='{bucket}']"), STEP)
            .await
            .unwrap_or_else(|e| panic!("the demo bucket {bucket} is not in the sidebar: {e}"));
    }

    // The installed binary is this version, and it found its config folder the way it does for a
    // user: under the home's XDG config folder, by its identifier.
    let version = s
        .wait_for_text("#app-version", STEP, |t| !t.is_empty())
        .await
        .unwrap();
    assert_eq!(version, format!("v{}", env!("CARGO_PKG_VERSION")));
    let config_dir = s.wait_for("#config-dir", STEP).await.unwrap();
    assert_eq!(
        s.text(&config_dir).await.unwrap(),
        home.path()
            .join(".config")
            .join(IDENTIFIER)
            .display()
            .to_string()
    );

    s.settle().await.expect("the page settles");
    let png = s.screenshot().await.expect("screenshot");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    std::fs::write(dir.join("package-installed.png"), png).expect("write screenshot");
}

/// The words of a desktop entry's `Exec` value (double quotes group, a backslash escapes the next
/// character), without the field codes (`%f`, `%U`, …) a launcher would fill in.
fn exec_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words.retain(|w| !(w.len() == 2 && w.starts_with('%')));
    words
}

/// Where a launcher finds `program`: itself if it is a path, else the first match on `PATH`.
fn on_path(program: &str) -> PathBuf {
    if program.contains('/') {
        return PathBuf::from(program);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("{program} is not on PATH: is the package installed?"))
}

/// The installed app under WebDriver, started as a desktop would start it. Dropping it ends the
/// driver, WebKitWebDriver and the app.
struct Installed {
    session: Session,
    driver: Child,
}

impl Installed {
    async fn launch(program: &Path, args: &[String], home: &Path) -> Installed {
        let port = free_port();
        let mut command = Command::new(tauri_driver());
        // Its own process group, so dropping ends everything it started (see `Drop`).
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &free_port().to_string()])
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            // None of the folder or keychain overrides the other tests use: the defaults are tested.
            .env_remove("BUCKETDESK_CONFIG_DIR")
            .env_remove("BUCKETDESK_DATA_DIR")
            .env_remove("BUCKETDESK_KEYRING_SERVICE")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let driver = command
            .spawn()
            .expect("tauri-driver did not start: run `make test-package`, which installs it");

        let url = format!("http://127.0.0.1:{port}");
        let http = &reqwest::Client::new();
        let status = &format!("{url}/status");
        wait::until(
            &format!("tauri-driver to answer on {url}"),
            Duration::from_secs(20),
            || async move {
                let response = http.get(status).send().await.map_err(|e| e.to_string())?;
                match response.status() {
                    code if code.is_success() => Ok(()),
                    code => Err(code.to_string()),
                }
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": program, "args": args }
        });
        let session = Session::open(&url, capabilities).await.unwrap_or_else(|e| {
            panic!(
                "could not open a WebDriver session on {}: {e}",
                program.display()
            )
        });
        Installed { session, driver }
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        if let Ok(group) = libc::pid_t::try_from(self.driver.id()) {
            // The driver leads its own process group (see `launch`). Never group 0 or 1.
            if group > 1 {
                // SAFETY: killpg only sends a signal; the group is the one `launch` created.
                unsafe { libc::killpg(group, libc::SIGKILL) };
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `tauri-driver` from cargo's bin folder, where `make test` installs it, else from `PATH`.
fn tauri_driver() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|home| home.join("bin/tauri-driver")) {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

#[test]
fn exec_words_split_like_a_launcher_and_drop_field_codes() {
    assert_eq!(exec_words("bucketdesk"), ["bucketdesk"]);
    assert_eq!(exec_words("bucketdesk %U"), ["bucketdesk"]);
    assert_eq!(
        exec_words(r#""/opt/My App/run" --flag "a \"b\"" %f"#),
        ["/opt/My App/run", "--flag", r#"a "b""#]
    );
}
