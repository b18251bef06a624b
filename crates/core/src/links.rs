//! Share links for file tokens, made only through `appwrite_rest::share_link`, and the clipboard text for many links.

use appwrite_rest::{share_link, Endpoint, FileToken, LinkKind};
use serde::{Deserialize, Serialize};
use url::Url;

/// Which kind of link a profile copies on a plain click: the serializable twin of
/// [`appwrite_rest::LinkKind`]. Defaults to `view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ShareKind {
    /// An image rendition of the file.
    Preview,
    /// The file shown in the browser.
    #[default]
    View,
    /// The file as a download.
    Download,
}

impl ShareKind {
    /// Every kind, in the order the copy dialog shows them.
    pub const ALL: [ShareKind; 3] = [ShareKind::Preview, ShareKind::View, ShareKind::Download];

    /// The client's link kind.
    pub fn link_kind(self) -> LinkKind {
        match self {
            ShareKind::Preview => LinkKind::Preview,
            ShareKind::View => LinkKind::View,
            ShareKind::Download => LinkKind::Download,
        }
    }
}

impl From<ShareKind> for LinkKind {
    fn from(kind: ShareKind) -> Self {
        kind.link_kind()
    }
}

impl From<LinkKind> for ShareKind {
    fn from(kind: LinkKind) -> Self {
        match kind {
            LinkKind::Preview => ShareKind::Preview,
            LinkKind::View => ShareKind::View,
            LinkKind::Download => ShareKind::Download,
        }
    }
}

/// The share link that opens `token`'s file in project `project_id` at `endpoint`, with no
/// other credentials. Use a freshly fetched token: after an expiry change, older secrets keep
/// their old expiry.
pub fn share_link_for(
    endpoint: &Endpoint,
    project_id: &str,
    token: &FileToken,
    kind: impl Into<LinkKind>,
) -> Url {
    share_link(
        endpoint,
        project_id,
        token.bucket_id(),
        token.file_id(),
        kind.into(),
        token.secret.expose(),
        None,
    )
}

/// The clipboard text for many links: one per line, no trailing newline.
pub fn links_text<'a>(links: impl IntoIterator<Item = &'a Url>) -> String {
    links
        .into_iter()
        .map(Url::as_str)
        .collect::<Vec<_>>()
        .join("\n")
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
        for kind in ShareKind::ALL {
            let url = share_link_for(&endpoint, "proj-1", &token, kind);
            let expected = share_link(
                &endpoint,
                "proj-1",
                "photos",
                "sunset png",
                kind.link_kind(),
                "head.body.sig",
                None,
            );
            assert_eq!(url, expected);
            assert_eq!(
                url.as_str(),
                format!(
                    "https://fra.cloud.appwrite.io/v1/storage/buckets/photos/files/sunset%20png/{}?project=proj-1&token=head.body.sig",
                    kind.link_kind().as_str()
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
    fn share_kind_serializes_lowercase_and_defaults_to_view() {
        assert_eq!(ShareKind::default(), ShareKind::View);
        assert_eq!(
            serde_json::to_string(&ShareKind::ALL).unwrap(),
            r#"["preview","view","download"]"#
        );
        for kind in ShareKind::ALL {
            assert_eq!(ShareKind::from(LinkKind::from(kind)), kind);
        }
    }
}
