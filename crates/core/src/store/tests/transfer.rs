//! Export and import: no keys, fresh ids, no certificate trust, nothing added twice.

use super::*;

#[test]
fn the_file_never_holds_a_secret() {
    let key = "standard_0123456789abcdef-the-secret-key";
    let (dir, mut store) = fresh();
    store.add(input("Typed")).unwrap();
    let import = format!(
        r#"{{"version":1,"profiles":[{{"name":"Imported","endpoint":"https://x.example/v1","projectId":"x","apiKey":"{key}","key":"{key}"}}]}}"#
    );
    let report = store.import_json(&import).unwrap();
    assert_eq!(report.imported.len(), 1);
    let written = fs::read_to_string(dir.path().join(PROFILES_FILE)).unwrap();
    assert!(!written.contains(key), "{written}");
    assert!(!written.contains("standard_"));
    assert!(!written.to_ascii_lowercase().contains("apikey"));
    assert!(!store.export_json().contains(key));
}

#[test]
fn export_then_import_round_trips_with_fresh_ids_and_nothing_added_twice() {
    let (_dir, mut store) = fresh();
    let a = store.add(input("A")).unwrap();
    store
        .remember(LastOpened {
            profile_id: a.id.clone(),
            bucket_id: None,
            folder: None,
            file_id: None,
        })
        .unwrap();
    let export = store.export_json();
    assert!(!export.contains("\"last\""));

    // Into an empty store: everything but the id comes along; the id is always fresh, so a
    // keychain entry left under the old id is never picked up.
    let (_dir2, mut other) = fresh();
    let report = other.import_json(&export).unwrap();
    let imported = &report.imported[0];
    assert_ne!(imported.id, a.id);
    assert_eq!(imported.id_in_file.as_deref(), Some(a.id.as_str()));
    let copy = other.get(&imported.id).unwrap();
    assert_eq!(
        Profile {
            id: a.id.clone(),
            ..copy.clone()
        },
        a
    );
    assert!(other.last().is_none());

    // Into the same store: the project is already there.
    let report = store.import_json(&export).unwrap();
    assert!(report.imported.is_empty());
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].reason, ALREADY_PRESENT);
    assert_eq!(report.skipped[0].name.as_deref(), Some("A"));
    assert_eq!(store.profiles(), &[a]);
}

#[test]
fn import_reports_bad_entries_and_keeps_the_good_ones() {
    let (dir, mut store) = fresh();
    let text = r#"[
        {"id":"demo","name":"Was demo","endpoint":"http://127.0.0.1:9/v1","projectId":"demo"},
        {"id":"ok-1","name":"Fine","endpoint":"https://a.example/v1","projectId":"a","group":"G"},
        {"id":"ok-1","name":"Twin","endpoint":"https://a.example/v1/","projectId":"a"},
        {"name":"","endpoint":"https://a.example/v1","projectId":"a"},
        {"name":"Bad project","endpoint":"https://a.example/v1","projectId":"_x"},
        {"name":"Bad link","endpoint":"https://a.example/v1","projectId":"a","defaultLink":"zip"},
        "not an object"
    ]"#;
    let report = store.import_json(text).unwrap();
    let imported: Vec<&str> = report.imported.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(imported, vec!["Was demo", "Fine"]);
    assert_ne!(report.imported[0].id, DEMO_PROFILE_ID);
    assert_ne!(report.imported[1].id, "ok-1");
    assert_eq!(report.imported[1].id_in_file.as_deref(), Some("ok-1"));
    let skipped: Vec<(usize, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.position, s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert_eq!(skipped[0], (3, ALREADY_PRESENT));
    assert_eq!(skipped[1].0, 4);
    assert!(skipped[1].1.starts_with("name:"), "{skipped:?}");
    assert!(skipped[2].1.starts_with("projectId:"), "{skipped:?}");
    assert_eq!(report.skipped[3].name.as_deref(), Some("Bad link"));
    assert!(skipped[4].1.starts_with("not a profile"), "{skipped:?}");
    assert_eq!(ProfileStore::load(dir.path()).store.profiles().len(), 2);
}

#[test]
fn a_project_already_present_is_matched_on_its_normalized_endpoint_and_project_id() {
    let (_dir, mut store) = fresh();
    store.add(input("Mine")).unwrap();
    let text = r#"[
        {"name":"Same, spelled otherwise","endpoint":" https://APPWRITE.example.com:443/v1/ ","projectId":" proj "},
        {"name":"Other project","endpoint":"https://appwrite.example.com/v1","projectId":"other"},
        {"name":"Other server","endpoint":"https://eu.appwrite.example.com/v1","projectId":"proj"}
    ]"#;
    let report = store.import_json(text).unwrap();
    assert_eq!(report.skipped.len(), 1, "{report:?}");
    assert_eq!(report.skipped[0].position, 1);
    assert_eq!(report.skipped[0].reason, ALREADY_PRESENT);
    assert_eq!(names(&store), ["Mine", "Other project", "Other server"]);
}

#[test]
fn an_import_resets_certificate_trust_and_says_so() {
    let (dir, mut store) = fresh();
    let pin = ["AB"; 32].join(":");
    let text = format!(
        r#"{{"version":1,"profiles":[
            {{"id":"p1","name":"Pinned","endpoint":"https://nas.local/v1","projectId":"a","pinnedCertificate":"{pin}"}},
            {{"id":"p2","name":"Accepted any","endpoint":"https://nas.local/v1","projectId":"b","acceptInvalidCerts":true}},
            {{"id":"p3","name":"Bad pin","endpoint":"https://nas.local/v1","projectId":"c","pinnedCertificate":"zz"}},
            {{"id":"p4","name":"Checked","endpoint":"https://nas.local/v1","projectId":"d"}}
        ]}}"#
    );
    let report = store.import_json(&text).unwrap();
    assert_eq!(report.imported.len(), 4, "{report:?}");
    assert_eq!(report.trust_reset, ["Pinned", "Accepted any", "Bad pin"]);
    assert!(report.insecure_http.is_empty());
    assert!(store
        .profiles()
        .iter()
        .all(|p| p.pinned_certificate.is_none()));
    let written = fs::read_to_string(dir.path().join(PROFILES_FILE)).unwrap();
    assert!(!written.contains(&pin), "{written}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["trustReset"][0], "Pinned");
    assert_eq!(json["insecureHttp"], serde_json::json!([]));
    assert_eq!(json["imported"][0]["idInFile"], "p1");
}

#[test]
fn an_import_keeps_the_plain_http_choice_and_lists_it() {
    let (_dir, mut store) = fresh();
    let text = r#"[
        {"name":"Chosen","endpoint":"http://files.example/v1","projectId":"a","allowInsecureHttp":true},
        {"name":"Not chosen","endpoint":"http://files.example/v1","projectId":"b"},
        {"name":"Local","endpoint":"http://localhost:8080/v1","projectId":"c","allowInsecureHttp":true}
    ]"#;
    let report = store.import_json(text).unwrap();
    let imported: Vec<&str> = report.imported.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(imported, ["Chosen", "Local"]);
    assert_eq!(report.insecure_http, ["Chosen"]);
    assert_eq!(report.skipped.len(), 1);
    assert!(
        report.skipped[0].reason.starts_with("endpoint:"),
        "{report:?}"
    );
    assert!(report.skipped[0].reason.contains("https://"), "{report:?}");
    assert!(store.profiles()[0].allow_insecure_http);
    assert!(!store.profiles()[1].allow_insecure_http);
}

#[test]
fn a_bad_import_changes_nothing() {
    let (dir, mut store) = fresh();
    store.add(input("Keep")).unwrap();
    let before = fs::read(dir.path().join(PROFILES_FILE)).unwrap();
    for (text, code) in [
        ("not json", "import_invalid"),
        ("42", "import_invalid"),
        (r#"{"version":1}"#, "import_invalid"),
        (r#"{"version":"one","profiles":[]}"#, "import_invalid"),
        (r#"{"version":9,"profiles":[]}"#, "import_newer_version"),
    ] {
        assert_eq!(store.import_json(text).unwrap_err().code(), code, "{text}");
    }
    let report = store.import_json(r#"{"profiles":[{"name":""}]}"#).unwrap();
    assert!(report.imported.is_empty());
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(store.profiles().len(), 1);
    assert_eq!(fs::read(dir.path().join(PROFILES_FILE)).unwrap(), before);
}

#[test]
fn an_exported_file_imports_elsewhere() {
    let (dir, mut store) = fresh();
    store.add(input("A")).unwrap();
    let file = dir.path().join("export/profiles-export.json");
    store.export_to(&file).unwrap();
    let (_d, mut other) = fresh();
    let exported = fs::read_to_string(&file).unwrap();
    assert_eq!(other.import_json(&exported).unwrap().imported.len(), 1);
}
