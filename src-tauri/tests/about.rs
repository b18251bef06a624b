//! The `about` command on the mock runtime with the real keychain (inside scripts/headless.sh):
//! what the About view shows. `about_without_keychain.rs` has the keychain out of reach.

mod common;

use common::Fixture;
use serde_json::json;

#[test]
fn about_tells_the_version_licence_folders_logs_and_whether_the_keychain_works() {
    let app = Fixture::new("about");
    let about = app.ok("about", json!({}));
    assert_eq!(about["name"], "Bucketdesk");
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["licence"], "MIT");
    assert_eq!(about["configDir"], app.config_dir.display().to_string());
    let data_dir = app.config_dir.parent().unwrap().join("data");
    assert_eq!(about["dataDir"], data_dir.display().to_string());
    assert!(
        about["logs"].as_str().unwrap().contains("Standard error"),
        "{about}"
    );

    let keychain = &about["keychain"];
    assert_eq!(keychain["backend"], "Secret Service (D-Bus)", "{keychain}");
    assert_eq!(keychain["service"], app.service.as_str());
    assert_eq!(keychain["ok"], true, "{keychain}");
    assert_eq!(keychain["code"], serde_json::Value::Null);
}
