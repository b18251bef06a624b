//! Guessing a file's MIME type from its first bytes, then from its name's extension.

/// The MIME type of `bytes` named `name`.
pub fn guess(bytes: &[u8], name: &str) -> String {
    if let Some(m) = sniff(bytes) {
        return m.to_string();
    }
    if let Some(m) = by_extension(name) {
        return m.to_string();
    }
    let head = &bytes[..bytes.len().min(4096)];
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character may be cut at the end of the sample.
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    if utf8 && !head.contains(&0) {
        "text/plain".to_string()
    } else {
        "application/octet-stream".to_string()
    }
}

fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else if b.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if b.starts_with(b"PK\x03\x04") {
        Some("application/zip")
    } else {
        None
    }
}

fn by_extension(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "heic" => "image/heic",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_win_over_the_name() {
        assert_eq!(guess(b"\x89PNG\r\n\x1a\nrest", "x.txt"), "image/png");
        assert_eq!(guess(b"%PDF-1.4", "x"), "application/pdf");
        assert_eq!(guess(b"a,b\n1,2\n", "t.csv"), "text/csv");
        assert_eq!(guess(b"hello", "noext"), "text/plain");
        assert_eq!(guess(&[0, 1, 2, 255], "blob"), "application/octet-stream");
    }
}
