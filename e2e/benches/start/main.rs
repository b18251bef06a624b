//! Bucketdesk's start against an empty Tauri app's, for `make bench`: launch to the first screen,
//! memory a moment later, and the size of what ships. Both apps are launched the same way (a
//! WebDriver session through `tauri-driver`), alternately, several times; the figures are medians
//! with their ratios. Prints figures, asserts nothing about them.
//!
//! Times are taken with public clocks only: the wall clock here when the session is requested, and
//! in the page `performance.timeOrigin` plus either the first contentful paint (the empty app's
//! page) or the animation frame in which the demo's buckets are first in the DOM (Bucketdesk).
//! Memory is the PSS in `/proc/<pid>/smaps_rollup` of the app process and every process under it
//! (WebKit's web and network processes).
//!
//! The binaries come from `BUCKETDESK_APP` and `HELLO_APP` (the Makefile points them at the
//! release builds); runs under `scripts/headless.sh`.

mod procs;

use bucketdesk_e2e::Session;
use procs::{app_pss, descendants, driver_ready, free_port, stop, tauri_driver};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Counted launches of each kind (after one launch of each to warm the disk cache), unless
/// `BENCH_LAUNCHES` says otherwise.
const LAUNCHES: usize = 7;
/// How long after the first screen memory is read.
const SETTLE: Duration = Duration::from_secs(2);
/// What `.deb` the package targets allow at most, in MiB.
const DEB_LIMIT_MIB: f64 = 8.0;

/// Watches, in the page, for the first screen, once per document (a document that replaces the
/// first one is watched anew), and answers what it saw so far: `window.__benchShown` holds the
/// epoch time in ms at which the screen was first there. For the probe `paint` (the empty app)
/// that is the first contentful paint. For `buckets` (Bucketdesk: the demo project is current and
/// its buckets are listed) it is the start of the first animation frame in which they are in the
/// DOM: the app marks that frame itself (`bucketdesk:first-screen` in the performance timeline),
/// else the probe watches frames (`already`: they were there when watching began, so the time is
/// an upper bound), with the
/// window's first contentful paint (`paint`). No `eval`: the app's content policy forbids it.
const FIRST_SCREEN: &str = "const [probe] = arguments;
    if (!window.__benchWatching) {
      window.__benchWatching = true;
      const epoch = (t) => performance.timeOrigin + t;
      const painted = () => performance.getEntriesByType('paint')
        .find((e) => e.name === 'first-contentful-paint');
      const buckets = () => !!document.querySelector(\"[data-current-project-id='demo']\")
        && !!document.querySelector('[data-bucket-id]');
      const found = (at, already) => {
        const p = painted();
        window.__benchShown = { at, already, paint: p ? epoch(p.startTime) : null };
      };
      if (probe === 'paint') {
        const poll = () => { const p = painted(); if (p) found(epoch(p.startTime), false);
          else requestAnimationFrame(poll); };
        poll();
      } else {
        // The app marks the frame in which its first screen is drawn, one frame after the
        // buckets are in the DOM; without that mark, the first frame that sees them counts.
        const marked = () => performance.getEntriesByName('bucketdesk:first-screen')[0];
        const shown = buckets();
        const since = performance.now();
        const frame = (now) => {
          const mark = marked();
          if (mark) found(epoch(mark.startTime), false);
          else if (shown && now - since > 100) found(epoch(since), true);
          else if (!shown && buckets()) found(epoch(now), false);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }
    }
    return window.__benchShown ?? null;";

/// The page's time origin (epoch ms) and when its DOMContentLoaded ended (ms after it).
const PAGE_TIMES: &str = "const n = performance.getEntriesByType('navigation')[0];
    return { origin: performance.timeOrigin, loaded: n.domContentLoadedEventEnd };";

/// Which app a launch starts, and in which folders.
enum Kind<'a> {
    Hello,
    /// Bucketdesk with these config and data folders.
    App {
        config: &'a Path,
        data: &'a Path,
    },
}

/// What one launch measured.
struct Sample {
    /// From the session request to the first screen.
    first_screen_ms: f64,
    /// Bucketdesk only: from the session request to its window's first contentful paint.
    first_paint_ms: Option<f64>,
    /// The probe found the screen already there, so the time is an upper bound.
    late: bool,
    /// From the session request to the start of the page's navigation (the process and its web
    /// view are up), and to the end of its DOMContentLoaded (its scripts have run).
    navigation_ms: f64,
    scripts_ms: f64,
    /// PSS in KiB: the app process, then its children by name.
    pss: Vec<(String, u64)>,
}

impl Sample {
    fn total_pss(&self) -> u64 {
        self.pss.iter().map(|(_, kib)| kib).sum()
    }
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs_f64()
        * 1000.0
}

/// The 1-minute load average: other work on the machine makes every figure slower.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

fn binary(var: &str, what: &str) -> PathBuf {
    let path =
        PathBuf::from(std::env::var_os(var).unwrap_or_else(|| {
            panic!("set {var} to the release build of {what} (`make bench` does)")
        }));
    assert!(path.exists(), "{what}: {} is missing", path.display());
    path
}

/// Starts `tauri-driver` in its own process group, opens a session on `app`, and measures.
async fn launch(app: &Path, kind: &Kind<'_>, keyring: &str) -> Sample {
    let (port, native_port) = (free_port(), free_port());
    let mut command = Command::new(tauri_driver());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Kind::App { config, data } = kind {
        command
            .env("BUCKETDESK_CONFIG_DIR", config)
            .env("BUCKETDESK_DATA_DIR", data)
            .env("BUCKETDESK_KEYRING_SERVICE", keyring);
    }
    let mut driver = command
        .spawn()
        .expect("tauri-driver did not start: `make bench` installs it");
    let url = format!("http://127.0.0.1:{port}");
    driver_ready(&url).await;

    let capabilities = json!({
        "browserName": "wry",
        "tauri:options": { "application": app.display().to_string() }
    });
    let requested = epoch_ms();
    let session = Session::open(&url, capabilities)
        .await
        .unwrap_or_else(|e| panic!("no WebDriver session on {}: {e}", app.display()));
    let probe = match kind {
        Kind::Hello => "paint",
        Kind::App { .. } => "buckets",
    };
    let shown = first_screen(&session, probe).await;
    let first_paint_ms = shown["paint"].as_f64().map(|at| at - requested);
    let first_screen_ms = shown["at"].as_f64().expect("a time") - requested;
    let late = shown["already"].as_bool().unwrap_or(false);
    let page = session
        .execute(PAGE_TIMES, vec![])
        .await
        .unwrap_or_else(|e| panic!("no navigation timing: {e}"));
    let navigation_ms = page["origin"].as_f64().expect("a time origin") - requested;
    let scripts_ms = navigation_ms + page["loaded"].as_f64().expect("DOMContentLoaded");

    // A moment after the first screen, as a user would find the app once it has settled.
    tokio::time::sleep(SETTLE).await;
    let name = app.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let family = descendants(driver.id());
    let pss = app_pss(&family, name);
    assert!(!pss.is_empty(), "no process named {name} under the driver");
    stop(&mut driver, &family).await;
    Sample {
        first_screen_ms,
        first_paint_ms,
        late,
        navigation_ms,
        scripts_ms,
        pss,
    }
}

/// Runs [`FIRST_SCREEN`] until it has seen the first screen (a page still loading may refuse a
/// script: that is "not yet").
async fn first_screen(session: &Session, probe: &str) -> Value {
    session
        .wait_until(
            &format!("the first screen ({probe})"),
            FIRST_SCREEN,
            vec![probe.into()],
            Duration::from_secs(30),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

fn mib(bytes: f64) -> f64 {
    bytes / (1024.0 * 1024.0)
}

fn spread(values: &[f64]) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(0.0, f64::max);
    format!("{min:.0}–{max:.0}")
}

/// The median launch time of `samples`, with its range, for one line.
fn times(samples: &[Sample], pick: impl Fn(&Sample) -> Option<f64>) -> (f64, String) {
    let values: Vec<f64> = samples.iter().filter_map(pick).collect();
    (median(values.clone()), spread(&values))
}

/// The median PSS in MiB of all processes, and of those whose name starts with `prefix`.
fn pss_median(samples: &[Sample], prefix: Option<&str>) -> f64 {
    let values = samples.iter().map(|s| match prefix {
        None => s.total_pss(),
        Some(p) => s
            .pss
            .iter()
            .filter(|(n, _)| n.starts_with(p))
            .map(|(_, k)| k)
            .sum(),
    });
    median(values.map(|kib| kib as f64 / 1024.0).collect())
}

fn file_mib(path: &Path) -> f64 {
    mib(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) as f64)
}

/// The newest `.deb` in the release bundle folder, if `make bundle` made one.
fn newest_deb(release: &Path) -> Option<PathBuf> {
    std::fs::read_dir(release.join("bundle").join("deb"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let app = binary("BUCKETDESK_APP", "Bucketdesk");
    let hello = binary("HELLO_APP", "the empty Tauri app");
    let launches = std::env::var("BENCH_LAUNCHES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(LAUNCHES);
    let keyring = format!("bucketdesk-bench-{}", std::process::id());
    let folder = |prefix: &str| {
        tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .expect("a temporary folder")
    };
    // One user's folders, kept between launches: the demo store exists after the first start.
    let (config, data) = (
        folder("bucketdesk-bench-config"),
        folder("bucketdesk-bench-data"),
    );
    let again = Kind::App {
        config: config.path(),
        data: data.path(),
    };

    println!("Start and memory against an empty Tauri app ({launches} launches each, alternating; medians):");
    let load_before = load_average();
    launch(&hello, &Kind::Hello, &keyring).await;
    launch(&app, &again, &keyring).await;
    let (mut hellos, mut starts, mut firsts) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..launches {
        hellos.push(launch(&hello, &Kind::Hello, &keyring).await);
        starts.push(launch(&app, &again, &keyring).await);
        let (config, data) = (
            folder("bucketdesk-bench-config"),
            folder("bucketdesk-bench-data"),
        );
        let fresh = Kind::App {
            config: config.path(),
            data: data.path(),
        };
        firsts.push(launch(&app, &fresh, &keyring).await);
    }
    println!(
        "  machine load (1-minute average) {load_before} before, {} after",
        load_average()
    );
    let _ = Command::new("secret-tool")
        .args(["clear", "service", &keyring])
        .status();

    let (hello_ms, hello_range) = times(&hellos, |s| Some(s.first_screen_ms));
    let (app_ms, app_range) = times(&starts, |s| Some(s.first_screen_ms));
    let (first_ms, first_range) = times(&firsts, |s| Some(s.first_screen_ms));
    let (paint_ms, paint_range) = times(&starts, |s| s.first_paint_ms);
    let late = starts.iter().chain(&firsts).filter(|s| s.late).count();
    println!("  launch to the empty app's page: {hello_ms:.0} ms ({hello_range})");
    println!(
        "  launch to the demo's buckets: {app_ms:.0} ms ({app_range}): {:.2} × the empty app (target ≤ 1.05 ×)",
        app_ms / hello_ms
    );
    println!(
        "  launch to the demo's buckets on a first start (demo seeded): {first_ms:.0} ms ({first_range}): {:.2} ×",
        first_ms / hello_ms
    );
    println!(
        "  launch to Bucketdesk's first paint: {paint_ms:.0} ms ({paint_range}): {:.2} ×",
        paint_ms / hello_ms
    );
    let (hello_nav, _) = times(&hellos, |s| Some(s.navigation_ms));
    let (hello_dcl, _) = times(&hellos, |s| Some(s.scripts_ms));
    let (app_nav, _) = times(&starts, |s| Some(s.navigation_ms));
    let (app_dcl, _) = times(&starts, |s| Some(s.scripts_ms));
    println!(
        "    where the time goes: the web view navigates at {hello_nav:.0} ms (empty app) / {app_nav:.0} ms (Bucketdesk); DOMContentLoaded {hello_dcl:.0} / {app_dcl:.0} ms; first paint {hello_ms:.0} / {paint_ms:.0} ms; buckets {app_ms:.0} ms"
    );
    if late > 0 {
        println!(
            "  ({late} launches found the buckets already shown: their times are upper bounds)"
        );
    }

    let (hello_pss, app_pss) = (pss_median(&hellos, None), pss_median(&starts, None));
    println!(
        "  PSS {} s after the first screen, app and web view: empty app {hello_pss:.1} MiB, Bucketdesk {app_pss:.1} MiB: {:+.1} MiB, {:.2} × (target ≤ +30 MiB)",
        SETTLE.as_secs(),
        app_pss - hello_pss,
        app_pss / hello_pss
    );
    let app_name = app.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let hello_name = hello
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    for (what, in_hello, in_app) in [
        ("app process", hello_name, app_name),
        ("web process", "WebKitWebProces", "WebKitWebProces"),
        ("network process", "WebKitNetworkPr", "WebKitNetworkPr"),
    ] {
        let (h, a) = (
            pss_median(&hellos, Some(in_hello)),
            pss_median(&starts, Some(in_app)),
        );
        println!(
            "    {what}: empty app {h:.1} MiB, Bucketdesk {a:.1} MiB: {:+.1} MiB",
            a - h
        );
    }

    let (hello_size, app_size) = (file_mib(&hello), file_mib(&app));
    println!(
        "  binary (stripped by the release profile): empty app {hello_size:.1} MiB, Bucketdesk {app_size:.1} MiB: {:+.1} MiB, {:.2} ×",
        app_size - hello_size,
        app_size / hello_size
    );
    match app.parent().and_then(newest_deb) {
        Some(deb) => {
            let size = file_mib(&deb);
            println!(
                "  .deb: {size:.1} MiB: {:.2} × the limit of {DEB_LIMIT_MIB} MiB ({})",
                size / DEB_LIMIT_MIB,
                deb.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        None => println!("  .deb: none in the release bundle folder: run `make bundle` first"),
    }
}
