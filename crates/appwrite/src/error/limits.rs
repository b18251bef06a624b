//! Errors for answers past the client's read limits: bodies larger than their kind may be,
//! downloads longer than declared, and list walks that would never end.

use super::Error;

/// What a body was read for; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// A JSON answer (a list, a file, a token, ...).
    Json,
    /// The body of an error answer.
    ErrorBody,
    /// Preview (thumbnail) bytes held in memory.
    Preview,
    /// A file's bytes held in memory.
    InMemory,
    /// A download streamed to a writer, limited by the size the server declared.
    Download,
}

impl Error {
    /// A body of `kind` went past `limit` bytes; reading stopped there.
    pub(crate) fn too_large(kind: BodyKind, status: u16, limit: u64) -> Self {
        let size = human_bytes(limit);
        let message = match kind {
            BodyKind::Json => format!(
                "The server's answer was larger than {size}, far more than Appwrite sends for \
                 one request, so reading stopped. Check the endpoint: it usually ends in /v1."
            ),
            BodyKind::ErrorBody => format!(
                "The server refused the request (HTTP {status}) with an error larger than \
                 {size}, which Appwrite never sends, so reading stopped. Check the endpoint: it \
                 usually ends in /v1."
            ),
            BodyKind::Preview => format!(
                "The preview was larger than {size}, so it was not loaded. Ask for a smaller \
                 preview, or download the file instead."
            ),
            BodyKind::InMemory => format!(
                "The file is larger than {size}, too large to show here, so it was not loaded. \
                 Download it instead."
            ),
            BodyKind::Download => format!(
                "The server sent more than the {size} it announced for this file, so the \
                 download stopped and is incomplete. Try again; if it keeps happening, the \
                 server is not answering as Appwrite does: check the endpoint."
            ),
        };
        Error::ResponseTooLarge {
            status,
            limit,
            message,
        }
    }

    /// A list walk got an item it already had after `items` items: the cursor does not advance.
    pub(crate) fn repeated_item(items: u64) -> Self {
        Error::EndlessList {
            items,
            message: format!(
                "The server sent an item it had already sent (after {items} items), so listing \
                 stopped instead of going round forever. The server is not paging as Appwrite \
                 does: check the endpoint (it usually ends in /v1) and that the server runs \
                 Appwrite 1.8 or later."
            ),
        }
    }

    /// A list walk went past `limit` items.
    pub(crate) fn too_many_items(limit: u64) -> Self {
        Error::EndlessList {
            items: limit,
            message: format!(
                "The list went past {limit} items, more than this app walks through, so listing \
                 stopped. Narrow it down with a search or a filter."
            ),
        }
    }
}

/// `64 KiB`, `32 MiB`, `1.5 GiB`, `900 bytes`.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            return if n.is_multiple_of(size) {
                format!("{} {unit}", n / size)
            } else {
                format!("{:.1} {unit}", n as f64 / size as f64)
            };
        }
    }
    if n == 1 {
        "1 byte".to_owned()
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(32 << 20), "32 MiB");
        assert_eq!(human_bytes(64 << 10), "64 KiB");
        assert_eq!(human_bytes(3 << 29), "1.5 GiB");
        assert_eq!(human_bytes(900), "900 bytes");
        assert_eq!(human_bytes(1), "1 byte");
    }

    #[test]
    fn each_limit_says_what_was_too_large_and_what_to_do() {
        let json = Error::too_large(BodyKind::Json, 200, 32 << 20);
        assert_eq!(json.code(), "response_too_large");
        assert_eq!(json.status(), Some(200));
        let text = json.to_string();
        assert!(text.contains("larger than 32 MiB"), "{text}");
        assert!(text.contains("Check the endpoint"), "{text}");
        let error = Error::too_large(BodyKind::ErrorBody, 500, 64 << 10).to_string();
        assert!(error.contains("(HTTP 500)"), "{error}");
        assert!(error.contains("64 KiB"), "{error}");
        let preview = Error::too_large(BodyKind::Preview, 200, 8 << 20).to_string();
        assert!(preview.contains("smaller preview"), "{preview}");
        let shown = Error::too_large(BodyKind::InMemory, 200, 8 << 20).to_string();
        assert!(shown.contains("larger than 8 MiB"), "{shown}");
        assert!(shown.contains("Download it instead"), "{shown}");
        let download = Error::too_large(BodyKind::Download, 200, 1000).to_string();
        assert!(
            download.contains("more than the 1000 bytes it announced"),
            "{download}"
        );
        assert!(!json.is_retryable());
    }

    #[test]
    fn an_endless_list_says_why_it_stopped() {
        let repeated = Error::repeated_item(300);
        assert_eq!(repeated.code(), "endless_list");
        let text = repeated.to_string();
        assert!(text.contains("already sent (after 300 items)"), "{text}");
        assert!(text.contains("check the endpoint"), "{text}");
        let long = Error::too_many_items(1_000_000).to_string();
        assert!(long.contains("past 1000000 items"), "{long}");
        assert!(long.contains("search or a filter"), "{long}");
    }
}
