//! Smoke test: the real app window starts under WebDriver and its first screen is the Bucketdesk
//! shell, filled by a real command.

use bucketdesk_e2e::AppSession;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn the_first_screen_shows_the_shell_filled_by_the_start_screen_command() {
    let app = AppSession::launch().await;
    let s = &app.session;

    assert_eq!(s.title().await.unwrap(), "Bucketdesk");
    let heading = s
        .wait_for("h1.title", Duration::from_secs(20))
        .await
        .unwrap();
    assert_eq!(s.text(&heading).await.unwrap(), "Bucketdesk");

    // The version and config folder come from the Rust `start_screen` command, not from the page itself.
    let version = s
        .wait_for_text("#app-version", Duration::from_secs(20), |t| !t.is_empty())
        .await
        .unwrap();
    assert_eq!(version, format!("v{}", env!("CARGO_PKG_VERSION")));
    let config_dir = s
        .wait_for("#config-dir", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(
        s.text(&config_dir).await.unwrap(),
        app.config_dir.path().display().to_string()
    );

    let sidebar = s
        .wait_for(
            "nav[aria-label='Projects and buckets']",
            Duration::from_secs(5),
        )
        .await
        .unwrap();
    let sidebar_text = s.text(&sidebar).await.unwrap().to_lowercase();
    assert!(
        sidebar_text.contains("projects"),
        "sidebar shows: {sidebar_text}"
    );

    app.save_screenshot("first-screen").await;
}
