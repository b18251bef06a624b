//! The one place that makes, formats and parses datetimes (`2026-01-05T14:03:00.000+00:00`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, TimeZone, Utc};

/// Now, cut to whole milliseconds so that a stored time round-trips through its text form.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

/// ISO 8601 with milliseconds and offset, as Appwrite sends it.
pub fn format(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string()
}

/// Formats an optional time; a missing one is the empty string, as Appwrite sends it.
pub fn format_opt(t: &Option<DateTime<Utc>>) -> String {
    t.as_ref().map(format).unwrap_or_default()
}

/// Parses the datetime forms clients send: RFC 3339 / ISO 8601 with or without offset,
/// `YYYY-MM-DD HH:MM:SS`, or a bare date (midnight UTC).
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc).trunc_subsecs(3));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc).trunc_subsecs(3));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Utc.from_utc_datetime(&t).trunc_subsecs(3));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| Utc.from_utc_datetime(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_millis_and_offset() {
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap();
        assert_eq!(format(&t), "2026-01-05T14:03:00.000+00:00");
        assert_eq!(format_opt(&None), "");
    }

    #[test]
    fn parses_common_forms() {
        let want = Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap();
        for s in [
            "2026-01-05T14:03:00.000+00:00",
            "2026-01-05T14:03:00Z",
            "2026-01-05T16:03:00+02:00",
            "2026-01-05 14:03:00",
            "2026-01-05T14:03:00.000",
        ] {
            assert_eq!(parse(s), Some(want), "{s}");
        }
        assert!(parse("tomorrow").is_none());
    }
}
