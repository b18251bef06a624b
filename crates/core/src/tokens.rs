//! Creating one token so that no live link is left unknown: when the server's answer is lost after
//! it may have acted, the file's tokens are listed and the one it made is found and returned,
//! marked as such, so the user can copy or delete it.

use appwrite_rest::{Client, FileToken, ListOptions};
use chrono::{DateTime, Duration, Utc};
use futures_util::TryStreamExt;

use std::sync::Arc;

use crate::failure::{outcome_unknown, Failure};
use crate::pace::{is_overload, AdaptiveLimit};
use crate::view::TokenRow;

/// How far the server's clock may lag behind ours when telling a token it just made.
const CLOCK_SKEW: Duration = Duration::minutes(2);

/// A token the server made, and whether its answer was lost (found afterwards by listing).
#[derive(Debug, Clone)]
pub struct Created {
    pub token: FileToken,
    pub answer_lost: bool,
}

/// Creates a token for a file expiring at `expire` (`None` = never). The create is never sent
/// twice, except after a 429: the server refused it before acting, and it is sent again once the
/// server's `Retry-After` has passed (at most [`RATE_LIMIT_TRIES`] tries). If it fails with an
/// unknown outcome, the file's tokens are listed and the newest one with that expiry made since
/// just before the attempt is returned with `answer_lost`; if there is none, the original
/// failure is returned.
pub async fn create_token(
    client: &Client,
    bucket_id: &str,
    file_id: &str,
    expire: Option<DateTime<Utc>>,
) -> Result<Created, Failure> {
    let pace = AdaptiveLimit::new(1, 1);
    create_token_paced(client, bucket_id, file_id, expire, &pace).await
}

/// How many times a create refused with 429 is tried in all.
pub const RATE_LIMIT_TRIES: u32 = 4;

/// [`create_token`] as one of many requests sharing `pace`: it waits for a place, and tells
/// `pace` whether the server was overloaded (429 or 503: the limit halves and waits out
/// `Retry-After`) or the create went through.
pub async fn create_token_paced(
    client: &Client,
    bucket_id: &str,
    file_id: &str,
    expire: Option<DateTime<Utc>>,
    pace: &Arc<AdaptiveLimit>,
) -> Result<Created, Failure> {
    let mut tries = 0;
    let started = Utc::now();
    let error = loop {
        tries += 1;
        let permit = pace.acquire().await;
        match client.tokens().create(bucket_id, file_id, expire).await {
            Ok(token) => {
                permit.success();
                return Ok(Created {
                    token,
                    answer_lost: false,
                });
            }
            Err(error) if is_overload(&error) => {
                permit.overloaded(error.retry_after());
                if error.status() == Some(429) && tries < RATE_LIMIT_TRIES {
                    tracing::debug!(
                        bucket_id,
                        file_id,
                        "token create rate limited; trying again"
                    );
                    continue;
                }
                break error;
            }
            Err(error) => break error,
        }
    };
    if !outcome_unknown(&error) {
        return Err(Failure::from(&error));
    }
    tracing::debug!(bucket_id, file_id, error = %error, "token create answer lost; looking it up");
    let listed: Result<Vec<FileToken>, _> = client
        .tokens()
        .stream(bucket_id, file_id, ListOptions::new(), 100)
        .try_collect()
        .await;
    match listed
        .ok()
        .and_then(|tokens| made_by(tokens, expire, started))
    {
        Some(token) => Ok(Created {
            token,
            answer_lost: true,
        }),
        None => Err(Failure::from(&error)),
    }
}

/// The token an attempt started at `started` with `expire` made: the newest with that expiry
/// created since shortly before the attempt.
fn made_by(
    tokens: Vec<FileToken>,
    expire: Option<DateTime<Utc>>,
    started: DateTime<Utc>,
) -> Option<FileToken> {
    tokens
        .into_iter()
        .filter(|t| t.expire == expire && t.created_at >= started - CLOCK_SKEW)
        .max_by_key(|t| t.created_at)
}

/// The row of a token just made: its table row, and whether the create's answer was lost.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedRow {
    #[serde(flatten)]
    pub row: TokenRow,
    pub answer_lost: bool,
}

impl CreatedRow {
    pub fn new(created: &Created, now: DateTime<Utc>) -> Self {
        CreatedRow {
            row: TokenRow::new(&created.token, now),
            answer_lost: created.answer_lost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn token(id: &str, created: DateTime<Utc>, expire: Option<DateTime<Utc>>) -> FileToken {
        serde_json::from_value(serde_json::json!({
            "$id": id, "$createdAt": created.to_rfc3339(), "resourceId": "b:f",
            "resourceType": "files", "secret": "s", "accessedAt": "",
            "expire": expire.map(|e| e.to_rfc3339()).unwrap_or_default(),
        }))
        .unwrap()
    }

    #[test]
    fn the_token_made_is_the_newest_with_that_expiry_since_the_attempt() {
        let started = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        let week = Some(started + Duration::days(7));
        let tokens = vec![
            token("old", started - Duration::hours(1), week),
            token("other-expiry", started, Some(started + Duration::days(1))),
            token("made", started + Duration::seconds(1), week),
        ];
        assert_eq!(made_by(tokens.clone(), week, started).unwrap().id, "made");
        assert!(made_by(tokens, None, started).is_none());
    }
}
