//! What a download asks for (an optional byte range) and what it reports back (status, headers,
//! bytes written).

/// A byte range for `view`: `bytes=start-end` (inclusive end) or `bytes=start-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    /// First byte.
    pub start: u64,
    /// Last byte, inclusive; `None` for "to the end".
    pub end: Option<u64>,
}

impl ByteRange {
    /// `bytes=start-end`, both inclusive.
    pub fn new(start: u64, end: u64) -> Self {
        Self {
            start,
            end: Some(end),
        }
    }

    /// `bytes=start-`.
    pub fn from_offset(start: u64) -> Self {
        Self { start, end: None }
    }

    /// The `Range` header value.
    pub fn header_value(&self) -> String {
        match self.end {
            Some(end) => format!("bytes={}-{end}", self.start),
            None => format!("bytes={}-", self.start),
        }
    }
}

/// The outcome of a streamed download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// HTTP status (200, or 206 for a range).
    pub status: u16,
    /// Bytes written to the sink.
    pub bytes_written: u64,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `Content-Range` for partial answers.
    pub content_range: Option<String>,
    /// `Content-Disposition`.
    pub content_disposition: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_header_values() {
        assert_eq!(ByteRange::new(0, 99).header_value(), "bytes=0-99");
        assert_eq!(ByteRange::from_offset(100).header_value(), "bytes=100-");
    }
}
