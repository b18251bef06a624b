//! The app's settings through its commands: the defaults at first, a choice kept in the config
//! folder for the next start, a fixed date refused as the default expiry, and a damaged file
//! answered with the defaults and a notice.

mod common;

use common::Fixture;
use serde_json::json;

/// An app whose config folder is `config` (kept by the test across "restarts").
fn app_on(test: &str, config: &std::path::Path) -> Fixture {
    Fixture::with_config_dir(test, tempfile::tempdir().unwrap(), config.to_owned())
}

#[test]
fn a_choice_is_kept_in_the_config_folder_for_the_next_start() {
    let kept = tempfile::tempdir().unwrap();
    let config = kept.path().join("config");
    let app = app_on("settings-kept", &config);
    let first = app.ok("get_settings", json!({}));
    assert_eq!(
        first,
        json!({"settings": {"theme": "system", "defaultLink": "view",
                            "defaultExpiry": {"kind": "sevenDays"}, "linksFormat": "links"},
               "notice": null})
    );
    let chosen = json!({"theme": "dark", "defaultLink": "download",
                        "defaultExpiry": {"kind": "never"}, "linksFormat": "nameLink"});
    let saved = app.ok("save_settings", json!({"settings": chosen}));
    assert_eq!(saved["settings"], chosen);
    drop(app);
    let again = app_on("settings-kept-again", &config);
    assert_eq!(again.ok("get_settings", json!({}))["settings"], chosen);
    assert!(config.join("settings.json").is_file());
}

#[test]
fn a_fixed_date_is_refused_as_the_default_expiry_and_named_as_the_field() {
    let app = Fixture::new("settings-fixed-date");
    let refused = app.err(
        "save_settings",
        json!({"settings": {"theme": "light", "defaultLink": "view", "linksFormat": "links",
               "defaultExpiry": {"kind": "custom", "at": "2030-01-01T10:00:00+01:00"}}}),
    );
    assert_eq!(refused["code"], "invalid_settings", "{refused}");
    assert_eq!(refused["field"], "defaultExpiry", "{refused}");
    assert_eq!(
        app.ok("get_settings", json!({}))["settings"]["theme"],
        "system",
        "nothing was kept"
    );
}

#[test]
fn a_damaged_file_gives_the_defaults_and_says_so() {
    let kept = tempfile::tempdir().unwrap();
    let config = kept.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("settings.json"), "{\"theme\": ").unwrap();
    let app = app_on("settings-damaged", &config);
    let answer = app.ok("get_settings", json!({}));
    assert_eq!(answer["settings"]["theme"], "system");
    let notice = answer["notice"].as_str().expect("a notice");
    assert!(notice.contains("damaged"), "{notice}");
    let saved = app.ok(
        "save_settings",
        json!({"settings": {"theme": "light", "defaultLink": "view", "linksFormat": "links",
               "defaultExpiry": {"kind": "oneDay"}}}),
    );
    assert!(
        saved["notice"].is_null(),
        "a save replaces the damaged file"
    );
}
