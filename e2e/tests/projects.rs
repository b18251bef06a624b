//! Projects in the real window: the demo on first launch, a second project added by typing its key
//! and switched to and back, a wrong key explained, and the key nowhere but the keychain.

use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::webdriver::keys;
use bucketdesk_e2e::AppSession;

#[tokio::test(flavor = "multi_thread")]
async fn projects_are_added_switched_and_their_keys_stay_in_the_keychain() {
    let second = scenario::seeded_sandbox().await;
    let app = AppSession::launch().await;
    let s = &app.session;
    scenario::wait_ready(s).await;

    // First launch opens the demo project, with its buckets.
    scenario::wait_current(s, "demo").await;
    s.wait_for("[data-bucket-id='photos']", STEP).await.unwrap();
    app.save_screenshot("01-first-launch-demo").await;

    // A second project, added by typing its key.
    let key = second.api_key().to_string();
    let staging =
        scenario::add_project(s, "Staging", second.endpoint(), second.project_id(), &key).await;
    scenario::switch_to(s, &staging).await;
    s.wait_for("[data-bucket-id='scale-10k']", STEP)
        .await
        .unwrap();

    // An image file shows a thumbnail that Rust fetched with the key and handed over as data.
    scenario::open_file(s, "photos", "sunset-png").await;
    let thumbnail = s
        .wait_until(
            "the thumbnail is shown",
            "const img = document.querySelector('img.thumb-img');
             return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src').slice(0, 22) : null;",
            vec![],
            STEP,
        )
        .await
        .unwrap();
    assert_eq!(thumbnail, "data:image/png;base64,");
    app.save_screenshot("02-second-project-image").await;

    // Ctrl+1 jumps back to the demo, Ctrl+2 to the second project.
    s.press(&[keys::CONTROL, "1"]).await.unwrap();
    scenario::wait_current(s, "demo").await;
    s.press(&[keys::CONTROL, "2"]).await.unwrap();
    scenario::wait_current(s, &staging).await;

    // Ctrl+K filters projects by name; Enter switches.
    s.press(&[keys::CONTROL, "k"]).await.unwrap();
    scenario::fill(s, "Filter projects", "demo").await;
    s.press(&[keys::ENTER]).await.unwrap();
    scenario::wait_current(s, "demo").await;

    // A wrong key is refused with a message that says so.
    let broken = scenario::add_project(
        s,
        "Broken",
        second.endpoint(),
        second.project_id(),
        "standard_this-is-not-the-key",
    )
    .await;
    scenario::switch_to(s, &broken).await;
    let alert = s
        .wait_for("[role=alert][data-code='invalid_key']", STEP)
        .await
        .unwrap();
    let message = s.text(&alert).await.unwrap();
    assert!(message.contains("API key"), "the error says: {message}");
    app.save_screenshot("03-wrong-key").await;

    // The key is in no file of the config folder, and nowhere the web view can read.
    for entry in std::fs::read_dir(app.config_dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.contains(&key), "{} holds the API key", path.display());
    }
    assert!(!scenario::page_and_storage(s).await.contains(&key));

    second.shutdown().await;
}

/// Importing a file of projects that are already here (the same endpoint and project ID) adds none
/// of them again: the export of this very list, imported back, leaves the list as it was.
#[tokio::test(flavor = "multi_thread")]
async fn importing_projects_already_here_adds_none_of_them_twice() {
    let second = scenario::seeded_sandbox().await;
    let exports = tempfile::tempdir().unwrap();
    let folder = exports.path().to_str().unwrap().to_owned();
    let app = AppSession::launch_with_env(&[("BUCKETDESK_EXPORT_DIR", folder.as_str())]).await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let key = second.api_key().to_string();
    scenario::add_project(s, "Staging", second.endpoint(), second.project_id(), &key).await;
    let listed = "return document.querySelectorAll('[data-project-id]').length;";
    let before = s.execute(listed, vec![]).await.unwrap();
    assert_eq!(
        before,
        serde_json::json!(2),
        "the demo and Staging are listed"
    );

    // Export (the folder stands in for the save dialog's choice), then import that file back.
    scenario::click(s, "Export projects").await;
    scenario::wait_toast(s, "exported").await;
    let file = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("the export wrote a .json file");
    let input = s
        .wait_for(
            "input[type=file][aria-label='Projects file to import']",
            STEP,
        )
        .await
        .unwrap();
    s.type_text(&input, file.to_str().unwrap()).await.unwrap();
    let report = scenario::wait_toast(s, "Imported").await;
    assert!(
        report.contains("Imported 0 projects"),
        "the import says: {report}"
    );
    assert!(
        report.contains("Staging"),
        "the skipped project is named: {report}"
    );
    let after = s.execute(listed, vec![]).await.unwrap();
    assert_eq!(
        after, before,
        "the import added a project that was already there"
    );
    second.shutdown().await;
}
