//! A token's status (active, expires soon, expired, never expires) at a given moment. The UI
//! filters and sorts the rows by the status computed here.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A token expiring in less than this is "expires soon". A token with exactly this long left is
/// still "active" (the Console says "under 14 days").
pub const EXPIRES_SOON_WITHIN: Duration = Duration::days(14);

/// Where a token stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenStatus {
    /// Expires in 14 days or more.
    Active,
    /// Expires in less than 14 days.
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

    /// The status of a token expiring at `expire` (`None` = never), seen at `now`. A token whose
    /// expiry is exactly `now` is expired (the server refuses it from that instant).
    pub fn at(expire: Option<DateTime<Utc>>, now: DateTime<Utc>) -> TokenStatus {
        match expire {
            None => TokenStatus::NeverExpires,
            Some(at) if at <= now => TokenStatus::Expired,
            Some(at) if at - now < EXPIRES_SOON_WITHIN => TokenStatus::ExpiresSoon,
            Some(_) => TokenStatus::Active,
        }
    }
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
        assert_eq!(TokenStatus::at(None, now), TokenStatus::NeverExpires);
        assert_eq!(TokenStatus::at(Some(now), now), TokenStatus::Expired);
        assert_eq!(TokenStatus::at(Some(now - ms), now), TokenStatus::Expired);
        assert_eq!(
            TokenStatus::at(Some(now + ms), now),
            TokenStatus::ExpiresSoon
        );
        let fourteen = now + EXPIRES_SOON_WITHIN;
        assert_eq!(
            TokenStatus::at(Some(fourteen - ms), now),
            TokenStatus::ExpiresSoon
        );
        assert_eq!(TokenStatus::at(Some(fourteen), now), TokenStatus::Active);
        assert_eq!(
            TokenStatus::at(Some(fourteen + ms), now),
            TokenStatus::Active
        );
        assert_eq!(
            TokenStatus::at(Some(now + Duration::days(365)), now),
            TokenStatus::Active
        );
    }

    #[test]
    fn statuses_serialize_in_camel_case() {
        let json = serde_json::to_string(&TokenStatus::ALL).unwrap();
        assert_eq!(json, r#"["active","expiresSoon","expired","neverExpires"]"#);
    }
}
