//! With no D-Bus session bus the keychain wrapper says so in plain words, and never shows the key.
//!
//! libdbus reads `DBUS_SESSION_BUS_ADDRESS` once per process, and env changes are process-wide,
//! so this binary holds this one case only (`keychain_no_service.rs` holds the other).

use appwrite_rest::ApiKey;
use bucketdesk_core::secrets::KeyStore;

mod unavailable;

use unavailable::{assert_readable, KEY};

#[test]
fn no_session_bus_gives_a_readable_error() {
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    let store = KeyStore::new("bucketdesk-test-unavailable");
    let err = store.set_blocking("p1", &ApiKey::from(KEY)).unwrap_err();
    assert_readable(&err, "keychain_no_session_bus", "session bus");
    assert_readable(
        &store.get_blocking("p1").unwrap_err(),
        "keychain_no_session_bus",
        "dbus-run-session",
    );
    assert_readable(
        &store.delete_blocking("p1").unwrap_err(),
        "keychain_no_session_bus",
        "session bus",
    );
}
