//! The keychain wrapper against the real Secret Service (run inside `scripts/headless.sh`): keys
//! survive a fresh `KeyStore`, are replaced and deleted, and never show in `Debug`.

use std::process::Command;

use appwrite_rest::ApiKey;
use bucketdesk_core::secrets::KeyStore;

/// A service name no real entry uses, so the user's own keys are never touched.
fn test_service() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("bucketdesk-test-{}-{nanos}", std::process::id())
}

/// Deletes the entries a test made, even when it fails halfway.
struct Cleanup<'a> {
    store: &'a KeyStore,
    ids: Vec<&'static str>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for id in &self.ids {
            let _ = self.store.delete_blocking(id);
        }
    }
}

const HINT: &str = "the keychain tests need a Secret Service: run them inside scripts/headless.sh";

/// What `secret-tool` (another process) finds for this entry, when the tool is installed.
fn lookup_elsewhere(service: &str, profile_id: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", profile_id])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn keys_are_stored_replaced_and_deleted_in_the_real_keychain() {
    let service = test_service();
    let store = KeyStore::new(&service);
    let _cleanup = Cleanup {
        store: &store,
        ids: vec!["profile-a", "profile-b"],
    };
    let first = ApiKey::from("standard_first-test-key-0001");
    let second = ApiKey::from("standard_second-test-key-0002");
    let other = ApiKey::from("standard_other-profile-key-0003");

    assert!(store.get_blocking("profile-a").expect(HINT).is_none());
    store.set_blocking("profile-a", &first).expect(HINT);
    store.set_blocking("profile-b", &other).unwrap();

    // A fresh store (as after a restart) reads the same entry: this is not an in-memory mock.
    let fresh = KeyStore::new(&service);
    assert_eq!(
        fresh.get_blocking("profile-a").unwrap(),
        Some(first.clone())
    );
    assert!(fresh.has_blocking("profile-b").unwrap());
    if let Some(found) = lookup_elsewhere(&service, "profile-a") {
        assert_eq!(
            found.trim(),
            first.expose(),
            "secret-tool sees the same key"
        );
    }

    // Replacing keeps one entry with the new key; the other profile is untouched.
    fresh.set_blocking("profile-a", &second).unwrap();
    assert_eq!(
        store.get_blocking("profile-a").unwrap(),
        Some(second.clone())
    );
    assert_eq!(
        store.get_blocking("profile-b").unwrap(),
        Some(other.clone())
    );

    // Surrounding whitespace from a paste is dropped.
    store
        .set_blocking(
            "profile-a",
            &ApiKey::from("  standard_second-test-key-0002\n"),
        )
        .unwrap();
    assert_eq!(
        store.get_blocking("profile-a").unwrap(),
        Some(second.clone())
    );

    // Nothing printed shows a key.
    let printed = format!(
        "{store:?} {fresh:?} {:?} {:?} {:#?}",
        store.get_blocking("profile-a"),
        store.get_blocking("profile-b"),
        fresh.get_blocking("profile-a").unwrap()
    );
    for key in [&first, &second, &other] {
        assert!(!printed.contains(key.expose().as_str()), "{printed}");
    }
    assert!(printed.contains("<redacted>"));

    // Deleting removes it everywhere; deleting again is fine.
    store.delete_blocking("profile-a").unwrap();
    assert_eq!(fresh.get_blocking("profile-a").unwrap(), None);
    store.delete_blocking("profile-a").unwrap();
    if let Some(found) = lookup_elsewhere(&service, "profile-a") {
        assert!(found.trim().is_empty(), "{found}");
    }
    assert_eq!(store.get_blocking("profile-b").unwrap(), Some(other));
    store.delete_blocking("profile-b").unwrap();
    assert!(!store.has_blocking("profile-b").unwrap());
}

#[test]
fn services_are_separate() {
    let a = KeyStore::new(&format!("{}-a", test_service()));
    let b = KeyStore::new(&format!("{}-b", test_service()));
    let _ca = Cleanup {
        store: &a,
        ids: vec!["same-profile"],
    };
    a.set_blocking("same-profile", &ApiKey::from("standard_service-a-key"))
        .expect(HINT);
    assert_eq!(b.get_blocking("same-profile").unwrap(), None);
    b.delete_blocking("same-profile").unwrap();
    assert!(a.has_blocking("same-profile").unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_async_methods_reach_the_same_keychain() {
    let store = KeyStore::new(&format!("{}-async", test_service()));
    let _cleanup = Cleanup {
        store: &store,
        ids: vec!["async-profile"],
    };
    let key = ApiKey::from("standard_async-test-key-0004");
    store.set("async-profile", &key).await.expect(HINT);
    assert!(store.has("async-profile").await.unwrap());
    assert_eq!(
        store.get_blocking("async-profile").unwrap(),
        Some(key.clone())
    );
    assert_eq!(store.get("async-profile").await.unwrap(), Some(key));
    store.delete("async-profile").await.unwrap();
    assert!(!store.has("async-profile").await.unwrap());
    assert_eq!(store.get("async-profile").await.unwrap(), None);
}
