//! Many links on the clipboard in the format the user chose, through the app's commands on the
//! mock runtime: made for several files at once, and copied again later from the tokens made. The
//! clipboard is the real X11 one (inside scripts/headless.sh), read with xclip; one test, so no two
//! tests of this binary write it at once.

mod common;

use appwrite_sandbox::{seed, Config};
use common::{clipboard_text, Fixture};
use serde_json::json;

#[test]
fn links_go_to_the_clipboard_as_a_markdown_list_and_copy_again_as_name_and_link_lines() {
    let app = Fixture::new("links-format");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Formats", &server);
    let bucket = seed::DOCUMENTS_BUCKET_ID;
    let files = [seed::NOTES_TXT_FILE_ID, seed::SALES_CSV_FILE_ID];
    let report = app.ok(
        "create_links",
        json!({"profileId": id, "bucketId": bucket, "fileIds": files, "expiry": {"kind": "oneDay"},
               "kind": "download", "format": "markdown", "fileNames": ["Notes [draft]", ""]}),
    );
    assert_eq!(report["copied"], 2, "{report}");
    let text = clipboard_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    // The second file had no name: its id stands in.
    let names = [r"Notes \[draft\]", seed::SALES_CSV_FILE_ID];
    for ((line, name), file) in lines.iter().zip(names).zip(files) {
        let prefix = format!("- [{name}](");
        assert!(line.starts_with(&prefix) && line.ends_with(')'), "{line}");
        let link = &line[prefix.len()..line.len() - 1];
        assert!(link.contains(&format!("/files/{file}/download?")), "{link}");
        assert_eq!(
            fetch_status(&app, link),
            200,
            "{link} does not open its file"
        );
    }

    let tokens: Vec<&str> = report["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["tokenId"].as_str().unwrap())
        .collect();
    let copied = app.ok(
        "copy_links",
        json!({"profileId": id, "tokenIds": [tokens[0], "no-such-token", tokens[1]],
               "kind": "view", "format": "nameLink", "fileNames": ["notes.txt", "gone", "sales.csv"]}),
    );
    assert_eq!(copied["copied"], 2, "{copied}");
    assert_eq!(copied["failures"][0]["tokenId"], "no-such-token");
    assert_eq!(copied["failures"][0]["code"], "not_found", "{copied}");
    assert!(
        !copied.to_string().contains("token="),
        "a link reached the web view: {copied}"
    );
    let text = clipboard_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, name) in lines.iter().zip(["notes.txt", "sales.csv"]) {
        let link = line
            .strip_prefix(&format!("{name} \u{2014} "))
            .unwrap_or_else(|| panic!("{line}"));
        assert!(link.contains("/view?"), "{link}");
        assert_eq!(
            fetch_status(&app, link),
            200,
            "{link} does not open its file"
        );
    }
}

fn fetch_status(app: &Fixture, link: &str) -> u16 {
    app.runtime
        .block_on(async { reqwest::get(link).await.unwrap().status().as_u16() })
}
