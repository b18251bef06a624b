//! A token's status (active, expires soon, expired, never expires) and the filtering and sorting of a file's token list.

use std::cmp::Ordering;

use appwrite_rest::FileToken;
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

    /// What the badge says.
    pub fn label(self) -> &'static str {
        match self {
            TokenStatus::Active => "Active",
            TokenStatus::ExpiresSoon => "Expires soon",
            TokenStatus::Expired => "Expired",
            TokenStatus::NeverExpires => "Never expires",
        }
    }
}

/// The dates a token list is filtered and sorted by; implemented for [`FileToken`] and the UI's rows.
pub trait TokenDates {
    fn token_id(&self) -> &str;
    fn created(&self) -> DateTime<Utc>;
    fn expires(&self) -> Option<DateTime<Utc>>;

    /// The token's status at `now`.
    fn status_at(&self, now: DateTime<Utc>) -> TokenStatus {
        TokenStatus::at(self.expires(), now)
    }
}

impl TokenDates for FileToken {
    fn token_id(&self) -> &str {
        &self.id
    }
    fn created(&self) -> DateTime<Utc> {
        self.created_at
    }
    fn expires(&self) -> Option<DateTime<Utc>> {
        self.expire
    }
}

impl<T: TokenDates> TokenDates for &T {
    fn token_id(&self) -> &str {
        (**self).token_id()
    }
    fn created(&self) -> DateTime<Utc> {
        (**self).created()
    }
    fn expires(&self) -> Option<DateTime<Utc>> {
        (**self).expires()
    }
}

/// The column a token list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum TokenSort {
    #[default]
    Created,
    Expiry,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

/// The tokens whose status is one of `wanted` at `now` (all of them when `wanted` is empty), in
/// their original order.
pub fn filter_by_status<'a, T: TokenDates>(
    tokens: &'a [T],
    wanted: &[TokenStatus],
    now: DateTime<Utc>,
) -> Vec<&'a T> {
    tokens
        .iter()
        .filter(|t| wanted.is_empty() || wanted.contains(&t.status_at(now)))
        .collect()
}

/// The ids of the tokens that are expired at `now` ("Delete expired tokens").
pub fn expired_ids<T: TokenDates>(tokens: &[T], now: DateTime<Utc>) -> Vec<String> {
    filter_by_status(tokens, &[TokenStatus::Expired], now)
        .into_iter()
        .map(|t| t.token_id().to_owned())
        .collect()
}

/// Sorts tokens in place. By expiry, a token that never expires counts as later than any date:
/// last when ascending, first when descending. Ties are broken by creation date, then id, so the
/// order is stable from one refresh to the next.
pub fn sort_tokens<T: TokenDates>(tokens: &mut [T], by: TokenSort, order: SortOrder) {
    tokens.sort_by(|a, b| {
        let primary = match by {
            TokenSort::Created => a.created().cmp(&b.created()),
            TokenSort::Expiry => compare_expiry(a.expires(), b.expires()),
        };
        let ordered = primary
            .then_with(|| a.created().cmp(&b.created()))
            .then_with(|| a.token_id().cmp(b.token_id()));
        match order {
            SortOrder::Ascending => ordered,
            SortOrder::Descending => ordered.reverse(),
        }
    });
}

/// `None` (never) is the latest expiry of all.
fn compare_expiry(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 14, 0, 0).unwrap()
    }

    struct T(&'static str, i64, Option<i64>);

    impl TokenDates for T {
        fn token_id(&self) -> &str {
            self.0
        }
        fn created(&self) -> DateTime<Utc> {
            now() + Duration::hours(self.1)
        }
        fn expires(&self) -> Option<DateTime<Utc>> {
            self.2.map(|h| now() + Duration::hours(h))
        }
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
        assert_eq!(TokenStatus::ExpiresSoon.label(), "Expires soon");
    }

    fn list() -> Vec<T> {
        vec![
            T("a", -50, Some(-1)),      // expired
            T("b", -40, None),          // never
            T("c", -30, Some(24 * 30)), // active
            T("d", -20, Some(5)),       // soon
            T("e", -10, None),          // never
            T("f", -60, Some(0)),       // expired at exactly now
            T("g", -60, Some(24 * 14)), // active (exactly 14 days)
        ]
    }

    fn ids<X: TokenDates>(items: &[X]) -> Vec<String> {
        items.iter().map(|t| t.token_id().to_owned()).collect()
    }

    #[test]
    fn filters_by_one_or_more_statuses() {
        let tokens = list();
        let pick = |wanted: &[TokenStatus]| ids(&filter_by_status(&tokens, wanted, now()));
        assert_eq!(pick(&[]), vec!["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!(pick(&[TokenStatus::Expired]), vec!["a", "f"]);
        assert_eq!(pick(&[TokenStatus::NeverExpires]), vec!["b", "e"]);
        assert_eq!(
            pick(&[TokenStatus::Active, TokenStatus::ExpiresSoon]),
            vec!["c", "d", "g"]
        );
        assert_eq!(expired_ids(&tokens, now()), vec!["a", "f"]);
    }

    #[test]
    fn sorts_by_created_and_by_expiry_with_never_last_ascending() {
        let mut tokens = list();
        sort_tokens(&mut tokens, TokenSort::Created, SortOrder::Ascending);
        assert_eq!(ids(&tokens), vec!["f", "g", "a", "b", "c", "d", "e"]);
        sort_tokens(&mut tokens, TokenSort::Created, SortOrder::Descending);
        assert_eq!(ids(&tokens), vec!["e", "d", "c", "b", "a", "g", "f"]);
        sort_tokens(&mut tokens, TokenSort::Expiry, SortOrder::Ascending);
        assert_eq!(ids(&tokens), vec!["a", "f", "d", "g", "c", "b", "e"]);
        sort_tokens(&mut tokens, TokenSort::Expiry, SortOrder::Descending);
        assert_eq!(ids(&tokens), vec!["e", "b", "c", "g", "d", "f", "a"]);
    }

    #[test]
    fn works_on_file_tokens() {
        let json = r#"[
            {"$id":"t1","$createdAt":"2026-01-01T00:00:00.000+00:00","resourceId":"b:f","expire":"","secret":"s1","accessedAt":""},
            {"$id":"t2","$createdAt":"2026-01-02T00:00:00.000+00:00","resourceId":"b:f","expire":"2026-01-05T13:00:00.000+00:00","secret":"s2","accessedAt":""}
        ]"#;
        let mut tokens: Vec<FileToken> = serde_json::from_str(json).unwrap();
        assert_eq!(tokens[0].status_at(now()), TokenStatus::NeverExpires);
        assert_eq!(expired_ids(&tokens, now()), vec!["t2"]);
        sort_tokens(&mut tokens, TokenSort::Expiry, SortOrder::Ascending);
        assert_eq!(ids(&tokens), vec!["t2", "t1"]);
    }
}
