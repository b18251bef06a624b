//! A token's status (active, expires soon, expired, never expires) at a given moment. The UI
//! filters and sorts the rows by the status computed here.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A token is "expires soon" when less than a fifth of its lifetime (creation to expiry) is left,
/// and at most this long before its expiry: a new 1-day or 7-day link is not born amber (the
/// Console's flat 14 days flags every short link), and a year-long one turns amber 14 days before.
pub const EXPIRES_SOON_AT_MOST: Duration = Duration::days(14);

/// The part of a token's lifetime that, once left, makes it "expires soon".
const SOON_FRACTION: i32 = 5;

/// Where a token stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenStatus {
    /// Expires later than the "expires soon" window.
    Active,
    /// Less than a fifth of its lifetime left, and at most 14 days.
    ExpiresSoon,
    /// The expiry is now or in the past: links no longer work.
    Expired,
    /// No expiry.
    NeverExpires,
}

impl TokenStatus {
    /// Every status, in the order the filter lists them.
    pub const ALL: [TokenStatus; 4] = [
        TokenStatus::Active,
        TokenStatus::ExpiresSoon,
        TokenStatus::Expired,
        TokenStatus::NeverExpires,
    ];

    /// The status of a token created at `created` and expiring at `expire` (`None` = never), seen
    /// at `now`. A token whose expiry is exactly `now` is expired (the server refuses it from that
    /// instant); one exactly on the "expires soon" line is still active.
    pub fn at(
        created: DateTime<Utc>,
        expire: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> TokenStatus {
        match expire {
            None => TokenStatus::NeverExpires,
            Some(at) if at <= now => TokenStatus::Expired,
            Some(at) if at - now < soon_window(created, at) => TokenStatus::ExpiresSoon,
            Some(_) => TokenStatus::Active,
        }
    }
}

/// How long before its expiry a token created at `created` becomes "expires soon".
pub fn soon_window(created: DateTime<Utc>, expire: DateTime<Utc>) -> Duration {
    ((expire - created) / SOON_FRACTION).min(EXPIRES_SOON_AT_MOST)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 14, 0, 0).unwrap()
    }

    #[test]
    fn status_boundaries() {
        let now = now();
        let ms = Duration::milliseconds(1);
        let long_ago = now - Duration::days(400);
        assert_eq!(
            TokenStatus::at(long_ago, None, now),
            TokenStatus::NeverExpires
        );
        assert_eq!(
            TokenStatus::at(long_ago, Some(now), now),
            TokenStatus::Expired
        );
        assert_eq!(
            TokenStatus::at(long_ago, Some(now - ms), now),
            TokenStatus::Expired
        );
        assert_eq!(
            TokenStatus::at(long_ago, Some(now + ms), now),
            TokenStatus::ExpiresSoon
        );
        // A long-lived token: the window is capped at 14 days.
        let fourteen = now + EXPIRES_SOON_AT_MOST;
        assert_eq!(
            TokenStatus::at(long_ago, Some(fourteen - ms), now),
            TokenStatus::ExpiresSoon
        );
        assert_eq!(
            TokenStatus::at(long_ago, Some(fourteen), now),
            TokenStatus::Active
        );
    }

    #[test]
    fn a_new_short_link_is_not_born_expiring_soon() {
        let now = now();
        for days in [1, 7, 30] {
            assert_eq!(
                TokenStatus::at(now, Some(now + Duration::days(days)), now),
                TokenStatus::Active,
                "a new {days}-day link"
            );
        }
        // A 7-day link turns amber with a fifth of its week left: 33 h 36 min.
        let week = now + Duration::days(7);
        let created = week - Duration::days(7);
        let line = week - Duration::minutes(33 * 60 + 36);
        let ms = Duration::milliseconds(1);
        assert_eq!(
            TokenStatus::at(created, Some(week), line),
            TokenStatus::Active
        );
        assert_eq!(
            TokenStatus::at(created, Some(week), line + ms),
            TokenStatus::ExpiresSoon
        );
    }

    /// The cases the UI's token-status.js is held to as well (ui/tests/fixtures/shared-rules.json),
    /// so the window and the Rust views never disagree on a status.
    #[test]
    fn the_shared_status_cases_hold() {
        let rules: serde_json::Value =
            serde_json::from_str(include_str!("../../../ui/tests/fixtures/shared-rules.json"))
                .unwrap();
        let cases = rules["tokenStatus"].as_array().unwrap();
        assert!(cases.len() >= 10, "the fixture lists its cases");
        let now = now();
        for case in cases {
            let ms = |key: &str| case[key].as_i64().map(Duration::milliseconds);
            let created = now - ms("createdAgoMs").unwrap();
            let expire = ms("expiresInMs").map(|d| now + d);
            let want: TokenStatus = serde_json::from_value(case["status"].clone()).unwrap();
            assert_eq!(
                TokenStatus::at(created, expire, now),
                want,
                "{}",
                case["why"]
            );
        }
    }

    #[test]
    fn statuses_serialize_in_camel_case() {
        let json = serde_json::to_string(&TokenStatus::ALL).unwrap();
        assert_eq!(json, r#"["active","expiresSoon","expired","neverExpires"]"#);
    }
}
