//! Two stores on one folder, as two running Bucketdesks: each change applies to what is on disk,
//! so neither loses the other's work.

use std::sync::{Arc, Barrier};

use super::*;

fn load(dir: &Path) -> ProfileStore {
    let loaded = ProfileStore::load(dir);
    assert!(loaded.recovered.is_none());
    loaded.store
}

#[test]
fn a_store_loaded_earlier_keeps_what_another_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = load(dir.path());
    let mut b = load(dir.path());
    a.add(project("P1")).unwrap();
    b.add(project("P2")).unwrap();
    assert_eq!(names(&load(dir.path())), ["P1", "P2"]);
    // The store that changed last sees both; the other one on its next change.
    assert_eq!(names(&b), ["P1", "P2"]);
    a.add(project("P3")).unwrap();
    assert_eq!(names(&a), ["P1", "P2", "P3"]);
}

#[test]
fn a_change_in_one_store_neither_drops_nor_brings_back_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = load(dir.path());
    let p1 = a.add(project("P1")).unwrap();
    let p2 = a.add(project("P2")).unwrap();
    let mut b = load(dir.path());
    let p3 = b.add(project("P3")).unwrap();
    a.remove(&p1.id).unwrap();
    assert_eq!(names(&a), ["P2", "P3"], "A dropped B's project");
    // B still holds P1 in memory; its next changes must not bring it back.
    b.update(&p3.id, project("P3 renamed")).unwrap();
    b.duplicate(&p2.id).unwrap();
    b.remember(LastOpened {
        profile_id: p2.id.clone(),
        bucket_id: None,
        folder: None,
        file_id: None,
    })
    .unwrap();
    assert_eq!(names(&load(dir.path())), ["P2", "P2 copy", "P3 renamed"]);
    // What the other store removed is gone for this one too.
    assert_eq!(b.remove(&p1.id).unwrap_err().code(), "profile_not_found");
    assert_eq!(
        b.update(&p1.id, project("P1")).unwrap_err().code(),
        "profile_not_found"
    );
    assert_eq!(
        b.remember(LastOpened {
            profile_id: p1.id.clone(),
            bucket_id: None,
            folder: None,
            file_id: None,
        })
        .unwrap_err()
        .code(),
        "profile_not_found"
    );
    // An import into the stale store adds to what is on disk, and knows what is already there.
    let mut stale = load(dir.path());
    a.add(project("P4")).unwrap();
    let report = stale
        .import_json(&format!(
            "[{}]",
            serde_json::to_string(&project("P4")).unwrap()
        ))
        .unwrap();
    assert_eq!(report.skipped[0].reason, ALREADY_PRESENT);
    let again = load(dir.path());
    assert_eq!(names(&again), ["P2", "P2 copy", "P3 renamed", "P4"]);
    assert_eq!(again.last().unwrap().profile_id, p2.id);
}

#[test]
fn two_threads_adding_at_once_lose_nothing() {
    const EACH: usize = 15;
    let dir = tempfile::tempdir().unwrap();
    let start = Arc::new(Barrier::new(2));
    let workers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let (path, start) = (dir.path().to_owned(), Arc::clone(&start));
            std::thread::spawn(move || {
                let mut store = load(&path);
                start.wait();
                for i in 0..EACH {
                    store.add(project(&format!("{who} {i}"))).unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let all = load(dir.path());
    assert_eq!(all.profiles().len(), 2 * EACH);
    for who in ["a", "b"] {
        let mine: Vec<&str> = names(&all)
            .into_iter()
            .filter(|n| n.starts_with(who))
            .collect();
        let expected: Vec<String> = (0..EACH).map(|i| format!("{who} {i}")).collect();
        assert_eq!(mine, expected, "{who}'s projects, in its order");
    }
}

#[test]
fn a_file_damaged_by_someone_else_is_not_written_over() {
    let (dir, mut store) = fresh();
    let p = store.add(project("P1")).unwrap();
    let path = dir.path().join(PROFILES_FILE);
    for damaged in [
        &b"{\"version\":1,\"profiles\":["[..],
        br#"{"version":2,"profiles":[]}"#,
        br#"{"version":1,"profiles":[{"id":"x","name":"Bad","endpoint":"nope","projectId":"a"}]}"#,
    ] {
        fs::write(&path, damaged).unwrap();
        let err = store.add(project("P2")).unwrap_err();
        assert_eq!(err.code(), "store_damaged", "{err}");
        assert!(err.to_string().contains("restart Bucketdesk"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), damaged);
        assert_eq!(
            store.profiles(),
            std::slice::from_ref(&p),
            "memory changed after a refused save"
        );
    }
}
