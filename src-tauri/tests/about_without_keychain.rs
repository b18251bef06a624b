//! The About view when the keychain can't be reached: the `about` command still answers, and says
//! why the keychain fails and what to do. Its own test binary, because the D-Bus library reads the
//! session bus address once per process: the address is moved before anything talks to the bus.

mod common;

use common::Fixture;
use serde_json::json;

#[test]
fn about_reports_a_keychain_out_of_reach_with_its_code_and_advice() {
    // As when Bucketdesk is started outside a desktop session.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/bucketdesk-no-session-bus",
    );
    let app = Fixture::new("about-no-bus");
    let about = app.ok("about", json!({}));
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    let keychain = &about["keychain"];
    assert_eq!(keychain["ok"], false, "{keychain}");
    assert_eq!(keychain["code"], "keychain_no_session_bus", "{keychain}");
    assert_eq!(keychain["backend"], "Secret Service (D-Bus)", "{keychain}");
    let message = keychain["message"].as_str().unwrap();
    assert!(message.contains("dbus-run-session"), "{message}");
}
