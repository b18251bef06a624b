//! Bucketdesk as a desktop app in the real window: it comes back where and as big as it was left,
//! the About view tells what it is and where its files live, and `?` lists the keyboard shortcuts.

use bucketdesk_e2e::scenario::{self, STEP};
use bucketdesk_e2e::{wait, AppSession, WindowRect};

#[tokio::test(flavor = "multi_thread")]
async fn the_window_comes_back_where_and_as_big_as_it_was_left() {
    let app = AppSession::launch().await;
    scenario::wait_ready(&app.session).await;
    let first = app.session.window_rect().await.unwrap();
    // Neither the default size nor the screen's corner, so a restore is told from no restore.
    let left = WindowRect {
        x: 40,
        y: 30,
        width: 900,
        height: 600,
    };
    assert_ne!(
        first, left,
        "the window must start elsewhere for this test to mean anything"
    );
    assert_eq!(app.session.set_window_rect(left).await.unwrap(), left);

    let app = app.restart().await;
    let s = &app.session;
    scenario::wait_ready(s).await;
    let back = wait::until("the window to be put back", STEP, || async move {
        let rect = s.window_rect().await?;
        if rect == left {
            Ok(rect)
        } else {
            Err(format!("{rect:?}"))
        }
    })
    .await;
    assert_eq!(back, Ok(left));
    let saved = std::fs::read_to_string(app.config_dir.path().join("window-state.json"))
        .expect("the window's place is kept in the config folder");
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved["main"]["width"], 900, "{saved}");
    assert_eq!(saved["main"]["x"], 40, "{saved}");
}
