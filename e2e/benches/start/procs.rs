//! The processes of one launch: the driver that starts them, the tree below it, their memory
//! (PSS from `/proc/<pid>/smaps_rollup`), and ending them all.

use bucketdesk_e2e::app::proc_parents;
use bucketdesk_e2e::wait;
use std::path::PathBuf;
use std::process::Child;
use std::time::Duration;

/// Ends the driver's process group and every process it started, and waits until they are gone
/// (a second Bucketdesk would otherwise hand over to the first and exit).
pub async fn stop(driver: &mut Child, family: &[u32]) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(driver.id()) {
        if group > 1 {
            // SAFETY: killpg only sends a signal; the group is the one this launch created.
            unsafe { libc::killpg(group, libc::SIGKILL) };
        }
        for &pid in family {
            if let Ok(pid) = libc::pid_t::try_from(pid) {
                // SAFETY: as above; each pid was found under this launch's driver.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    }
    let _ = driver.kill();
    let _ = driver.wait();
    wait::until(
        "the launched processes to end",
        Duration::from_secs(20),
        || async {
            match family.iter().find(|pid| alive(**pid)) {
                Some(pid) => Err(format!("{pid} still runs")),
                None => Ok(()),
            }
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Whether `pid` runs (a zombie has ended; it only waits to be reaped).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| Some(stat[stat.rfind(')')? + 2..].starts_with('Z')))
        .is_some_and(|zombie| !zombie)
}

/// `root` and every process below it.
pub fn descendants(root: u32) -> Vec<u32> {
    let parents = proc_parents();
    let mut family = vec![root];
    let mut next = 0;
    while next < family.len() {
        let parent = family[next];
        family.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        next += 1;
    }
    family
}

/// PSS of the process called `name` in `family`, then of each process below it.
pub fn app_pss(family: &[u32], name: &str) -> Vec<(String, u64)> {
    let comm = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .map(|c| c.trim().to_string())
            .unwrap_or_default()
    };
    // The kernel keeps 15 bytes of a process name.
    let short = &name[..name.len().min(15)];
    let Some(&app) = family.iter().find(|pid| comm(**pid) == short) else {
        return Vec::new();
    };
    descendants(app)
        .into_iter()
        .filter_map(|pid| Some((comm(pid), pss_kib(pid)?)))
        .collect()
}

pub fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

pub fn tauri_driver() -> PathBuf {
    let name = format!("tauri-driver{}", std::env::consts::EXE_SUFFIX);
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|home| home.join("bin").join(&name)) {
        Some(path) if path.exists() => path,
        _ => PathBuf::from(name),
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

pub async fn driver_ready(url: &str) {
    let http = &reqwest::Client::new();
    let what = format!("tauri-driver to answer on {url}");
    wait::until(&what, Duration::from_secs(20), || async move {
        let response = http.get(format!("{url}/status")).send().await;
        match response.map_err(|e| e.to_string())?.status() {
            status if status.is_success() => Ok(()),
            status => Err(status.to_string()),
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}
