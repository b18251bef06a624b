//! Share links for file tokens, made only through `appwrite_rest::share_link`, and the clipboard
//! text for many links in the format the user chose.

use appwrite_rest::{share_link, Client, Endpoint, FileToken, LinkKind};
use serde::{Deserialize, Serialize};
use url::Url;

/// The share link that opens `token`'s file in project `project_id` at `endpoint`, with no
/// other credentials. Use a freshly fetched token: after an expiry change, older secrets keep
/// their old expiry.
pub fn share_link_for(
    endpoint: &Endpoint,
    project_id: &str,
    token: &FileToken,
    kind: LinkKind,
) -> Url {
    share_link(
        endpoint,
        project_id,
        token.bucket_id(),
        token.file_id(),
        kind,
        token.secret.expose(),
        None,
    )
}

/// The share link of token `token_id` with a secret fetched now (one fetched before an expiry
/// change keeps the old expiry), and the token it was made from. The link holds the secret: it
/// goes only where the user asked (the clipboard, the browser), never to the web view or a log.
pub async fn fresh_share_link(
    client: &Client,
    project_id: &str,
    token_id: &str,
    kind: LinkKind,
) -> Result<(Url, FileToken), appwrite_rest::Error> {
    let token = client.tokens().get(token_id).await?;
    let link = share_link_for(client.endpoint(), project_id, &token, kind);
    Ok((link, token))
}

/// The clipboard text for many links: one per line, no trailing newline.
pub fn links_text<'a>(links: impl IntoIterator<Item = &'a Url>) -> String {
    let unnamed = links.into_iter().map(|link| ("", link.as_str()));
    format_links(LinksFormat::Links, unnamed)
}

/// How many links go on the clipboard. The UI's `ui/lib/links-format.js` describes the same three
/// and both are held to the cases in `ui/tests/fixtures/shared-rules.json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LinksFormat {
    /// One link per line.
    #[default]
    Links,
    /// `name — link` per line.
    NameLink,
    /// A Markdown list: `- [name](link)`.
    Markdown,
}

/// The clipboard text for `items` (a file's name and its link, in order) in `format`: one line
/// each, no trailing newline. A name's line breaks and tabs become one space; in Markdown, `\`,
/// `[` and `]` in a name are escaped and `(`, `)` and spaces in a link percent-encoded.
pub fn format_links<'a>(
    format: LinksFormat,
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    items
        .into_iter()
        .map(|(name, link)| match format {
            LinksFormat::Links => link.to_owned(),
            LinksFormat::NameLink => format!("{} \u{2014} {link}", one_line(name)),
            LinksFormat::Markdown => {
                format!(
                    "- [{}]({})",
                    markdown_text(&one_line(name)),
                    markdown_target(link)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `name` on one line: each run of line breaks and tabs becomes one space, then trimmed.
fn one_line(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_break = false;
    for c in name.chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out.trim().to_owned()
}

fn markdown_text(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown_target(link: &str) -> String {
    link.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(resource: &str, secret: &str) -> FileToken {
        serde_json::from_value(serde_json::json!({
            "$id": "tok1", "$createdAt": "2026-01-05T14:03:00.000+00:00",
            "resourceId": resource, "resourceType": "files", "expire": "",
            "secret": secret, "accessedAt": ""
        }))
        .unwrap()
    }

    #[test]
    fn builds_each_kind_through_the_one_builder() {
        let endpoint = Endpoint::parse("https://fra.cloud.appwrite.io/v1/").unwrap();
        let token = token("photos:sunset png", "head.body.sig");
        for kind in LinkKind::ALL {
            let url = share_link_for(&endpoint, "proj-1", &token, kind);
            let expected = share_link(
                &endpoint,
                "proj-1",
                "photos",
                "sunset png",
                kind,
                "head.body.sig",
                None,
            );
            assert_eq!(url, expected);
            assert_eq!(
                url.as_str(),
                format!(
                    "https://fra.cloud.appwrite.io/v1/storage/buckets/photos/files/sunset%20png/{}?project=proj-1&token=head.body.sig",
                    kind.as_str()
                )
            );
        }
    }

    #[test]
    fn many_links_are_one_per_line() {
        let a = Url::parse("http://h/v1/a?token=1").unwrap();
        let b = Url::parse("http://h/v1/b?token=2").unwrap();
        assert_eq!(
            links_text([&a, &b]),
            "http://h/v1/a?token=1\nhttp://h/v1/b?token=2"
        );
        assert_eq!(links_text(std::iter::empty()), "");
    }

    #[test]
    fn link_kinds_serialize_lowercase_and_default_to_view() {
        assert_eq!(LinkKind::default(), LinkKind::View);
        assert_eq!(
            serde_json::to_string(&LinkKind::ALL).unwrap(),
            r#"["preview","view","download"]"#
        );
        for kind in LinkKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(serde_json::from_str::<LinkKind>(&json).unwrap(), kind);
        }
    }

    /// The clipboard text of each format, as the UI describes it (the same fixture holds both).
    #[test]
    fn the_shared_link_format_cases_hold() {
        let rules: serde_json::Value =
            serde_json::from_str(include_str!("../../../ui/tests/fixtures/shared-rules.json"))
                .unwrap();
        let cases = rules["linkLines"].as_array().unwrap();
        assert!(cases.len() >= 5, "the fixture lists its cases");
        for case in cases {
            let format: LinksFormat = serde_json::from_value(case["format"].clone()).unwrap();
            let items: Vec<(&str, &str)> = case["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["name"].as_str().unwrap(), i["link"].as_str().unwrap()))
                .collect();
            assert_eq!(
                format_links(format, items),
                case["text"].as_str().unwrap(),
                "{case}"
            );
        }
    }

    #[test]
    fn formats_read_as_the_ui_names_them() {
        for (name, format) in [
            ("links", LinksFormat::Links),
            ("nameLink", LinksFormat::NameLink),
            ("markdown", LinksFormat::Markdown),
        ] {
            assert_eq!(
                serde_json::from_value::<LinksFormat>(serde_json::json!(name)).unwrap(),
                format
            );
        }
    }
}
