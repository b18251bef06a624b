//! A bad profiles file is set aside with a notice, or left alone and never saved over.

use super::*;

fn assert_set_aside(dir: &Path, content: &[u8], code: &str) {
    let path = dir.join(PROFILES_FILE);
    fs::write(&path, content).unwrap();
    let loaded = ProfileStore::load_at(dir, now());
    let notice = loaded.recovered.expect("a notice");
    assert!(loaded.store.profiles().is_empty());
    assert_eq!(
        serde_json::to_value(&notice.reason).unwrap()["code"],
        code,
        "{notice:?}"
    );
    assert_eq!(notice.kept, 0);
    let moved_to = notice.moved_to().expect("moved").to_owned();
    assert!(moved_to.starts_with(dir));
    assert!(moved_to
        .to_string_lossy()
        .ends_with("profiles.json.corrupt-20260105T140300Z"));
    assert_eq!(fs::read(&moved_to).unwrap(), content);
    assert!(!path.exists());
    assert!(notice.message().contains(&moved_to.display().to_string()));
    fs::remove_file(&moved_to).unwrap();
}

#[test]
fn a_corrupted_file_is_moved_aside_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    assert_set_aside(dir.path(), b"{\"version\":1,\"profiles\":[", "corrupt");
    assert_set_aside(dir.path(), b"\xff\xfe garbage", "corrupt");
    assert_set_aside(dir.path(), b"[]", "corrupt");
    assert_set_aside(dir.path(), br#"{"profiles":[]}"#, "corrupt");
    assert_set_aside(dir.path(), br#"{"version":1}"#, "corrupt");
    assert_set_aside(dir.path(), br#"{"version":0,"profiles":[]}"#, "corrupt");
    assert_set_aside(
        dir.path(),
        br#"{"version":2,"profiles":[]}"#,
        "newer_version",
    );
}

#[test]
fn the_app_keeps_working_after_a_recovery_and_two_recoveries_keep_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROFILES_FILE);
    fs::write(&path, b"first").unwrap();
    let first = ProfileStore::load_at(dir.path(), now());
    let mut store = first.store;
    store.add(input("New")).unwrap();
    fs::write(&path, b"second").unwrap();
    let second = ProfileStore::load_at(dir.path(), now());
    let a = first.recovered.unwrap().moved_to().unwrap().to_owned();
    let b = second.recovered.unwrap().moved_to().unwrap().to_owned();
    assert_ne!(a, b);
    assert!(b.to_string_lossy().ends_with("Z-2"));
    assert_eq!(fs::read(a).unwrap(), b"first");
    assert_eq!(fs::read(b).unwrap(), b"second");
}

#[test]
fn an_unreadable_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be can't be read as a file.
    fs::create_dir(dir.path().join(PROFILES_FILE)).unwrap();
    let loaded = ProfileStore::load_at(dir.path(), now());
    let notice = loaded.recovered.unwrap();
    assert!(matches!(notice.reason, RecoveryReason::Unreadable(_)));
    assert!(notice.moved_to().unwrap().is_dir());
    let mut store = loaded.store;
    store.add(input("x")).unwrap();
    assert!(dir.path().join(PROFILES_FILE).is_file());
}

#[test]
fn a_bad_file_that_cannot_be_set_aside_is_left_alone_and_never_saved_over() {
    // The "config folder" is a file: reading inside it fails, and so does moving anything out
    // of it, whoever runs the test (root included).
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().join("config");
    fs::write(&config_dir, b"a file, not a folder").unwrap();
    let loaded = ProfileStore::load_at(&config_dir, now());
    let notice = loaded.recovered.expect("a notice");
    assert!(matches!(notice.reason, RecoveryReason::Unreadable(_)));
    assert!(notice.moved_to().is_none());
    let SetAside::NotMoved { path, error } = &notice.set_aside else {
        panic!("{notice:?}")
    };
    assert_eq!(path, &config_dir.join(PROFILES_FILE));
    assert!(!error.is_empty());
    let message = notice.message();
    assert!(message.contains("could not be set aside"), "{message}");
    assert!(message.contains("move or delete it"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");

    let mut store = loaded.store;
    assert!(store.profiles().is_empty());
    let err = store.add(input("New")).unwrap_err();
    assert_eq!(err.code(), "store_blocked");
    assert!(err.to_string().contains("restart Bucketdesk"), "{err}");
    assert!(
        store.profiles().is_empty(),
        "memory changed after a refused save"
    );
    assert_eq!(fs::read(&config_dir).unwrap(), b"a file, not a folder");
}

#[test]
fn invalid_profiles_are_left_out_and_the_original_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROFILES_FILE);
    let text = r#"{"version":1,"profiles":[
        {"id":"p1","name":"Good","endpoint":"https://a.example/v1","projectId":"a"},
        {"id":"p2","name":"Bad endpoint","endpoint":"nope","projectId":"a"},
        {"id":"p1","name":"Same id","endpoint":"https://a.example/v1","projectId":"a"},
        {"name":"No id","endpoint":"https://a.example/v1","projectId":"a"}
    ],"last":{"profileId":"p2","bucketId":"b"}}"#;
    fs::write(&path, text).unwrap();
    let loaded = ProfileStore::load_at(dir.path(), now());
    let notice = loaded.recovered.unwrap();
    assert_eq!(notice.kept, 1);
    let RecoveryReason::InvalidEntries(list) = &notice.reason else {
        panic!("{notice:?}")
    };
    assert_eq!(list.len(), 3, "{list:?}");
    assert!(list[0].starts_with("\"Bad endpoint\""), "{list:?}");
    assert_eq!(
        fs::read_to_string(notice.moved_to().unwrap()).unwrap(),
        text
    );
    assert_eq!(loaded.store.profiles().len(), 1);
    assert!(
        loaded.store.last().is_none(),
        "last pointed at a dropped profile"
    );
    // The cleaned file was written, so the next start is quiet.
    let again = ProfileStore::load(dir.path());
    assert!(again.recovered.is_none());
    assert_eq!(again.store.profiles()[0].name, "Good");
}

#[test]
fn a_file_from_before_pinning_loads_quietly_without_a_pin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROFILES_FILE);
    fs::write(
        &path,
        r#"{"version":1,"profiles":[
            {"id":"p1","name":"Self-signed","endpoint":"https://nas.local/v1","projectId":"a",
             "acceptInvalidCerts":true},
            {"id":"p2","name":"Checked","endpoint":"https://b.example/v1","projectId":"b",
             "acceptInvalidCerts":false}
        ]}"#,
    )
    .unwrap();
    let loaded = ProfileStore::load_at(dir.path(), now());
    assert!(loaded.recovered.is_none(), "{:?}", loaded.recovered);
    let store = loaded.store;
    assert_eq!(names(&store), ["Self-signed", "Checked"]);
    assert!(store
        .profiles()
        .iter()
        .all(|p| p.pinned_certificate.is_none()));
    assert_eq!(store.get("p1").unwrap().id, "p1");
}

#[test]
fn a_pinned_certificate_is_saved_and_read_back() {
    let (dir, mut store) = fresh();
    let pin = "ab".repeat(32);
    let p = store
        .add(ProfileInput {
            pinned_certificate: Some(pin),
            ..input("Pinned")
        })
        .unwrap();
    let expected = ["AB"; 32].join(":");
    assert_eq!(p.pinned_certificate.as_deref(), Some(expected.as_str()));
    let json: Value =
        serde_json::from_slice(&fs::read(dir.path().join(PROFILES_FILE)).unwrap()).unwrap();
    assert_eq!(json["profiles"][0]["pinnedCertificate"], expected.as_str());
    let again = ProfileStore::load(dir.path());
    assert!(again.recovered.is_none());
    assert_eq!(again.store.profiles(), &[p]);
}
