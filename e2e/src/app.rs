//! Starts `tauri-driver` on free ports and opens a WebDriver session on the built Bucketdesk
//! binary, with its config folder in a throwaway directory so tests never touch a user's settings.

use crate::wait;
use crate::webdriver::Session;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running app under WebDriver. Dropping it stops the driver (and with it the app).
pub struct AppSession {
    pub session: Session,
    pub config_dir: tempfile::TempDir,
    /// The app's data folder (the demo server's files).
    pub data_dir: tempfile::TempDir,
    /// The keychain service the app stores keys under in this test; cleared on drop.
    pub keyring_service: String,
    /// Environment variables the app was started with besides the harness's own (kept for
    /// `restart`).
    env: Vec<(String, String)>,
    driver: Child,
}

impl AppSession {
    /// Starts the app and waits until WebDriver has a session on it.
    pub async fn launch() -> AppSession {
        Self::launch_with_env(&[]).await
    }

    /// Starts the app with these environment variables set as well, e.g. `GTK_THEME=Adwaita:dark`
    /// for the dark theme (WebKitGTK answers `prefers-color-scheme: dark` then).
    pub async fn launch_with_env(env: &[(&str, &str)]) -> AppSession {
        let env = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let config_dir = scratch_dir("bucketdesk-e2e-config");
        let data_dir = scratch_dir("bucketdesk-e2e-data");
        let keyring_service = format!(
            "bucketdesk-e2e-{}-{}",
            std::process::id(),
            data_dir
                .path()
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        Self::start(config_dir, data_dir, keyring_service, env).await
    }

    /// Quits the app as the desktop does at logout (SIGTERM, so it keeps what it saves on exit),
    /// waits until it is gone, and starts it again on the same folders and keychain service.
    #[cfg(target_os = "linux")]
    pub async fn restart(mut self) -> AppSession {
        let pid = self.app_pid().expect("the app is running");
        // SAFETY: kill only sends a signal, to the app this session started.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        wait::until("the app to quit", Duration::from_secs(30), || async move {
            // Gone, or a zombie (state `Z` after the name) its parent has not reaped yet.
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let state = stat.rsplit(')').next().unwrap_or_default().trim_start();
            if stat.is_empty() || state.starts_with('Z') {
                Ok(())
            } else {
                Err(String::from("still running"))
            }
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let config_dir =
            std::mem::replace(&mut self.config_dir, scratch_dir("bucketdesk-e2e-gone"));
        let data_dir = std::mem::replace(&mut self.data_dir, scratch_dir("bucketdesk-e2e-gone"));
        // An empty service tells `drop` to keep the keys for the next run.
        let keyring_service = std::mem::take(&mut self.keyring_service);
        let env = std::mem::take(&mut self.env);
        drop(self);
        Self::start(config_dir, data_dir, keyring_service, env).await
    }

    /// The app's process id: the `bucketdesk` process among those this session started.
    #[cfg(target_os = "linux")]
    fn app_pid(&self) -> Option<libc::pid_t> {
        self.family().into_iter().find_map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
            (name.trim() == "bucketdesk").then(|| libc::pid_t::try_from(pid).ok())?
        })
    }

    async fn start(
        config_dir: tempfile::TempDir,
        data_dir: tempfile::TempDir,
        keyring_service: String,
        env: Vec<(String, String)>,
    ) -> AppSession {
        let app = app_binary();
        let port = free_port();
        let native_port = free_port();

        let mut command = Command::new(tauri_driver());
        // Its own process group, so dropping the session ends the driver, WebKitWebDriver and the app
        // together; an orphaned app would outlive the test and hold its output open.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("BUCKETDESK_CONFIG_DIR", config_dir.path())
            .env("BUCKETDESK_DATA_DIR", data_dir.path())
            .env("BUCKETDESK_KEYRING_SERVICE", &keyring_service)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let driver = command
            .spawn()
            .expect("tauri-driver did not start: run `make test`, which installs it");

        let url = format!("http://127.0.0.1:{port}");
        wait_until_ready(&url, Duration::from_secs(20)).await;
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": app.display().to_string() }
        });
        let session = Session::open(&url, capabilities).await.unwrap_or_else(|e| {
            panic!(
                "could not open a WebDriver session on {}: {e}",
                app.display()
            )
        });
        AppSession {
            session,
            config_dir,
            data_dir,
            keyring_service,
            env,
            driver,
        }
    }

    /// Memory of every process this session started (driver, app, WebKit's helpers), read from
    /// `/proc`: `(name, resident now, peak resident)` in KiB, for `make bench`.
    #[cfg(target_os = "linux")]
    pub fn process_memory(&self) -> Vec<(String, u64, u64)> {
        let mut found = Vec::new();
        for pid in self.family() {
            let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
                continue;
            };
            let field = |key: &str| -> u64 {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .and_then(|v| v.split_whitespace().next()?.parse().ok())
                    .unwrap_or(0)
            };
            let name = status
                .lines()
                .find_map(|l| l.strip_prefix("Name:"))
                .unwrap_or("?")
                .trim()
                .to_string();
            found.push((name, field("VmRSS:"), field("VmHWM:")));
        }
        found
    }

    /// The driver's pid and those of every process below it.
    #[cfg(target_os = "linux")]
    fn family(&self) -> Vec<u32> {
        let mut family = vec![self.driver.id()];
        // Children appear after their parents in pid order only usually, so walk until nothing new.
        loop {
            let before = family.len();
            for (pid, parent) in proc_parents() {
                if family.contains(&parent) && !family.contains(&pid) {
                    family.push(pid);
                }
            }
            if family.len() == before {
                return family;
            }
        }
    }

    /// Saves a screenshot under `e2e/screenshots/` (git-ignored) for a reviewer.
    pub async fn save_screenshot(&self, name: &str) {
        self.session.settle().await.expect("the page settles");
        let png = self.session.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
        std::fs::create_dir_all(&dir).expect("screenshots folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }
}

impl Drop for AppSession {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // Keep what the window showed when the test failed, for whoever reads the failure.
            let name = std::thread::current()
                .name()
                .unwrap_or("test")
                .replace("::", "-");
            if let Ok(handle) = tokio::runtime::Handle::try_current() {
                tokio::task::block_in_place(|| {
                    handle.block_on(self.save_screenshot(&format!("failed-{name}")))
                });
            }
        }
        #[cfg(unix)]
        if let Ok(group) = libc::pid_t::try_from(self.driver.id()) {
            // The driver leads its own process group (see `launch`): end all of it. Never group 0 or 1.
            if group > 1 {
                // SAFETY: killpg only sends a signal; the group is the one this session created.
                unsafe { libc::killpg(group, libc::SIGKILL) };
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Remove every key this test's app stored.
        if !self.keyring_service.is_empty() {
            let _ = Command::new("secret-tool")
                .args(["clear", "service", &self.keyring_service])
                .status();
        }
    }
}

/// Every process's pid and parent pid.
#[cfg(target_os = "linux")]
pub fn proc_parents() -> Vec<(u32, u32)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The name may hold spaces and parentheses: the fields after it start past the last ')'.
            let rest = &stat[stat.rfind(')')? + 2..];
            let parent = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect()
}

/// The text on the X11 clipboard, as another program would read it.
pub fn read_clipboard() -> Result<String, String> {
    let output = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .map_err(|e| format!("xclip did not run: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

/// The app binary: `BUCKETDESK_APP` if set, else `<target>/debug/bucketdesk`.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("BUCKETDESK_APP") {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target
        .join("debug")
        .join(format!("bucketdesk{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "the app binary {} is missing: build it with `cargo build -p bucketdesk` or run `make test`",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    let name = format!("tauri-driver{}", std::env::consts::EXE_SUFFIX);
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|home| home.join("bin").join(&name)) {
        Some(path) if path.exists() => path,
        _ => PathBuf::from(name),
    }
}

fn scratch_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary folder")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

async fn wait_until_ready(url: &str, timeout: Duration) {
    let http = &reqwest::Client::new();
    let what = format!("tauri-driver to answer on {url}");
    wait::until(&what, timeout, || async move {
        let response = http
            .get(format!("{url}/status"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        match response.status() {
            status if status.is_success() => Ok(()),
            status => Err(status.to_string()),
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}
