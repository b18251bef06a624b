//! The one place that builds share links:
//! `{endpoint}/storage/buckets/{bucket}/files/{file}/{preview|view|download}?project=..&token=..`.

use url::Url;

use crate::endpoint::Endpoint;
use crate::models::PreviewOptions;

/// Which file route a share link opens. Serialized in lowercase (`"view"`), the form profiles
/// store and the UI sends; `view` is the default.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// `/preview`: an image rendition (icon for non-images), with optional transformations.
    Preview,
    /// `/view`: the file inline.
    #[default]
    View,
    /// `/download`: the file as an attachment.
    Download,
}

impl LinkKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [LinkKind; 3] = [LinkKind::Preview, LinkKind::View, LinkKind::Download];

    /// The route's last path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Preview => "preview",
            LinkKind::View => "view",
            LinkKind::Download => "download",
        }
    }
}

/// Builds a share link that opens one file with a file token and no other credentials.
/// Ids are percent-encoded path segments; `project` and `token` go in the query. Preview
/// options are added only for [`LinkKind::Preview`].
pub fn share_link(
    endpoint: &Endpoint,
    project_id: &str,
    bucket_id: &str,
    file_id: &str,
    kind: LinkKind,
    token_secret: &str,
    preview: Option<&PreviewOptions>,
) -> Url {
    let mut url = endpoint.join_unchecked(&[
        "storage",
        "buckets",
        bucket_id,
        "files",
        file_id,
        kind.as_str(),
    ]);
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("project", project_id);
        query.append_pair("token", token_secret);
        if let (LinkKind::Preview, Some(options)) = (kind, preview) {
            for (name, value) in options.to_pairs() {
                query.append_pair(name, &value);
            }
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ImageFormat;

    fn ep(text: &str) -> Endpoint {
        Endpoint::parse(text).unwrap()
    }

    #[test]
    fn builds_each_kind_with_project_and_token() {
        let endpoint = ep("https://fra.cloud.appwrite.io/v1/");
        for (kind, tail) in [
            (LinkKind::Preview, "preview"),
            (LinkKind::View, "view"),
            (LinkKind::Download, "download"),
        ] {
            let url = share_link(
                &endpoint,
                "proj",
                "photos",
                "cat1",
                kind,
                "header.payload.sig",
                None,
            );
            assert_eq!(
                url.as_str(),
                format!("https://fra.cloud.appwrite.io/v1/storage/buckets/photos/files/cat1/{tail}?project=proj&token=header.payload.sig")
            );
        }
    }

    #[test]
    fn encodes_ids_and_query_values() {
        let url = share_link(
            &ep("http://127.0.0.1:8080/v1"),
            "my project",
            "b/1",
            "f 2",
            LinkKind::View,
            "a+b=c&d",
            None,
        );
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/v1/storage/buckets/b%2F1/files/f%202/view?project=my+project&token=a%2Bb%3Dc%26d"
        );
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(pairs[1], ("token".to_owned(), "a+b=c&d".to_owned()));
    }

    #[test]
    fn preview_options_apply_to_previews_only() {
        let options = PreviewOptions::new().size(64, 48).output(ImageFormat::Png);
        let endpoint = ep("https://h/v1");
        let preview = share_link(
            &endpoint,
            "p",
            "b",
            "f",
            LinkKind::Preview,
            "t",
            Some(&options),
        );
        assert_eq!(
            preview.query(),
            Some("project=p&token=t&width=64&height=48&output=png")
        );
        let view = share_link(
            &endpoint,
            "p",
            "b",
            "f",
            LinkKind::View,
            "t",
            Some(&options),
        );
        assert_eq!(view.query(), Some("project=p&token=t"));
    }
}
