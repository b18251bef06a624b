//! Adding, editing, removing, duplicating and remembering: saved, read back, refused when wrong.

use super::*;

#[test]
fn a_missing_file_is_an_empty_store_and_nothing_is_written_until_a_change() {
    let (dir, store) = fresh();
    assert!(store.profiles().is_empty());
    assert!(store.last().is_none());
    assert!(entries(dir.path()).is_empty());
    // A config folder that does not exist yet is created on the first save.
    let nested = dir.path().join("a/b");
    let mut store = ProfileStore::load(&nested).store;
    store.add(input("x")).unwrap();
    assert!(nested.join(PROFILES_FILE).is_file());
}

#[test]
fn changes_are_saved_and_read_back() {
    let (dir, mut store) = fresh();
    let a = store.add(input("Production")).unwrap();
    let mut staging = input("Staging");
    staging.group = Some("Client X".into());
    staging.default_link = LinkKind::Download;
    staging.default_expiry = ExpiryPreset::OneHour;
    let b = store.add(staging).unwrap();
    let c = store.duplicate(&a.id).unwrap();
    assert_eq!(c.name, "Production copy");
    let mut edited = b.input();
    edited.name = "Staging EU".into();
    let b2 = store.update(&b.id, edited).unwrap();
    assert_eq!(b2.id, b.id);
    store
        .remember(LastOpened {
            profile_id: b.id.clone(),
            bucket_id: Some("photos".into()),
            folder: None,
            file_id: Some("sunset-png".into()),
        })
        .unwrap();

    let again = ProfileStore::load(dir.path());
    assert!(again.recovered.is_none());
    let names: Vec<&str> = again
        .store
        .profiles()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, vec!["Production", "Production copy", "Staging EU"]);
    assert_eq!(again.store.get(&b.id), Some(&b2));
    assert_eq!(
        again.store.last().unwrap().file_id.as_deref(),
        Some("sunset-png")
    );
    assert_eq!(again.store.profiles(), store.profiles());

    // Removing the last-opened profile forgets it.
    store.remove(&b.id).unwrap();
    assert!(store.last().is_none());
    let again = ProfileStore::load(dir.path()).store;
    assert_eq!(again.profiles().len(), 2);
    assert!(again.last().is_none());
    // Only the file and its lock: no temporary files are left behind.
    assert_eq!(entries(dir.path()), vec![PROFILES_FILE, PROFILES_LOCK_FILE]);
}

#[test]
fn the_file_has_the_documented_shape() {
    let (dir, mut store) = fresh();
    let p = store.add(input("P")).unwrap();
    store
        .remember(LastOpened {
            profile_id: DEMO_PROFILE_ID.into(),
            bucket_id: Some("b".into()),
            folder: Some("2026/summer/".into()),
            file_id: None,
        })
        .unwrap();
    let json: Value =
        serde_json::from_slice(&fs::read(dir.path().join(PROFILES_FILE)).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["profiles"][0]["id"], p.id.as_str());
    assert_eq!(json["profiles"][0]["projectId"], "proj");
    assert_eq!(
        json["last"],
        serde_json::json!({"profileId": "demo", "bucketId": "b", "folder": "2026/summer/", "fileId": null})
    );
}

#[test]
fn the_folder_open_is_remembered_in_appwrites_form_and_none_at_the_root_or_without_a_bucket() {
    let (dir, mut store) = fresh();
    let place = |bucket: Option<&str>, folder: Option<&str>| LastOpened {
        profile_id: DEMO_PROFILE_ID.into(),
        bucket_id: bucket.map(Into::into),
        folder: folder.map(Into::into),
        file_id: Some("beach-jpg".into()),
    };
    let cases = [
        (Some("photos"), Some("2026/summer"), Some("2026/summer/")),
        (Some("photos"), Some("/2026//summer/"), Some("2026/summer/")),
        (Some("photos"), Some(""), None),
        (Some("photos"), Some("/"), None),
        (Some("photos"), None, None),
        (None, Some("2026/"), None),
    ];
    for (bucket, folder, kept) in cases {
        store.remember(place(bucket, folder)).unwrap();
        let again = ProfileStore::load(dir.path()).store;
        let last = again.last().unwrap();
        assert_eq!(last.folder.as_deref(), kept, "{bucket:?} {folder:?}");
        assert_eq!(last.bucket_id.as_deref(), bucket);
        assert_eq!(last.file_id.as_deref(), Some("beach-jpg"));
    }
}

#[test]
fn a_place_remembered_before_folders_reads_as_the_buckets_root() {
    let (dir, _) = fresh();
    let written = r#"{"version":1,"profiles":[],
        "last":{"profileId":"demo","bucketId":"photos","fileId":"sunset-png"}}"#;
    fs::write(dir.path().join(PROFILES_FILE), written).unwrap();
    let store = ProfileStore::load(dir.path()).store;
    let last = store.last().unwrap();
    assert_eq!(last.bucket_id.as_deref(), Some("photos"));
    assert_eq!(last.folder, None);
    assert_eq!(last.file_id.as_deref(), Some("sunset-png"));
}

#[test]
fn the_demo_profile_is_not_stored_or_editable() {
    let (_dir, mut store) = fresh();
    assert_eq!(
        store
            .update(DEMO_PROFILE_ID, input("x"))
            .unwrap_err()
            .code(),
        "demo_profile_read_only"
    );
    assert_eq!(
        store.remove(DEMO_PROFILE_ID).unwrap_err().code(),
        "demo_profile_read_only"
    );
    assert_eq!(
        store.duplicate(DEMO_PROFILE_ID).unwrap_err().code(),
        "demo_profile_read_only"
    );
    assert!(store.get(DEMO_PROFILE_ID).is_none());
    assert_eq!(
        store.remove("nope").unwrap_err().code(),
        "profile_not_found"
    );
    assert_eq!(
        store
            .remember(LastOpened {
                profile_id: "nope".into(),
                bucket_id: None,
                folder: None,
                file_id: None
            })
            .unwrap_err()
            .code(),
        "profile_not_found"
    );
}

#[test]
fn invalid_input_changes_nothing() {
    let (dir, mut store) = fresh();
    let p = store.add(input("Keep")).unwrap();
    let before = fs::read(dir.path().join(PROFILES_FILE)).unwrap();
    let err = store.update(&p.id, input(" ")).unwrap_err();
    assert_eq!(err.code(), "invalid_profile");
    assert!(store
        .add(ProfileInput {
            endpoint: "nope".into(),
            ..input("x")
        })
        .is_err());
    assert_eq!(store.profiles(), &[p]);
    assert_eq!(fs::read(dir.path().join(PROFILES_FILE)).unwrap(), before);
}

#[test]
fn a_failed_save_keeps_memory_and_disk_as_they_were() {
    let (dir, mut store) = fresh();
    store.add(input("Before")).unwrap();
    // Something else now stands where the file goes (a folder with content: no rename can replace
    // it, whoever runs the test, root included).
    let path = dir.path().join(PROFILES_FILE);
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep"), b"untouched").unwrap();

    let result = store.add(input("After"));
    assert_eq!(result.unwrap_err().code(), "store_io");
    assert_eq!(
        store.profiles().len(),
        1,
        "memory changed after a failed save"
    );
    assert_eq!(fs::read(path.join("keep")).unwrap(), b"untouched");
    assert_eq!(
        entries(dir.path()),
        vec![PROFILES_FILE, PROFILES_LOCK_FILE],
        "a temporary file was left behind"
    );
}

#[test]
fn a_change_that_changes_nothing_writes_nothing() {
    let (dir, mut store) = fresh();
    let p = store.add(input("P")).unwrap();
    let place = LastOpened {
        profile_id: p.id.clone(),
        bucket_id: Some("b".into()),
        folder: None,
        file_id: None,
    };
    store.remember(place.clone()).unwrap();
    // The same content, written differently: a rewrite would show.
    let path = dir.path().join(PROFILES_FILE);
    let value: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let compact = serde_json::to_vec(&value).unwrap();
    fs::write(&path, &compact).unwrap();
    store.remember(place).unwrap();
    let report = store.import_json(r#"{"profiles":[]}"#).unwrap();
    assert!(report.imported.is_empty());
    assert_eq!(fs::read(&path).unwrap(), compact);
}
