//! The one place that reads and writes Appwrite datetimes (`2026-01-05T14:03:00.000+00:00`),
//! including `""` meaning "none".

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Formats a datetime the way Appwrite writes them: milliseconds and a `+00:00` offset.
pub fn format_datetime(value: &DateTime<Utc>) -> String {
    value.to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// Parses an Appwrite datetime. Accepts RFC 3339 with any offset, and a bare
/// `YYYY-MM-DD HH:MM:SS[.fff]` (read as UTC), which older servers stored.
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(text, fmt).ok())
        .map(|naive| naive.and_utc())
}

/// Serde helpers for a required datetime.
pub(crate) mod required {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        parse_datetime(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid datetime {text:?}")))
    }

    pub fn serialize<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_datetime(value))
    }
}

/// Serde helper for an optional datetime: `""`, `null` and a missing field all mean `None`.
pub(crate) mod optional {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => parse_datetime(t)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid datetime {t:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_with_millis_and_offset() {
        let dt = Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap();
        assert_eq!(format_datetime(&dt), "2026-01-05T14:03:00.000+00:00");
    }

    #[test]
    fn parses_what_servers_send() {
        let dt = Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap();
        assert_eq!(parse_datetime("2026-01-05T14:03:00.000+00:00"), Some(dt));
        assert_eq!(parse_datetime("2026-01-05T16:03:00.000+02:00"), Some(dt));
        assert_eq!(parse_datetime("2026-01-05T14:03:00Z"), Some(dt));
        assert_eq!(parse_datetime("2026-01-05 14:03:00.000"), Some(dt));
        assert_eq!(parse_datetime(""), None);
        assert_eq!(parse_datetime("yesterday"), None);
    }
}
