//! File-token calls: create, list (page or stream), get, update (set or clear the expiry), delete.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::json;

use crate::client::Client;
use crate::error::Result;
use crate::models::datetime::format_datetime;
use crate::models::{FileToken, Page, RawList};
use crate::pagination::{walk, ItemStream};
use crate::query::ListOptions;

/// `client.tokens()`: calls on `/tokens`.
#[derive(Debug, Clone)]
pub struct Tokens {
    client: Client,
}

fn expire_body(expire: Option<DateTime<Utc>>) -> serde_json::Value {
    json!({ "expire": expire.as_ref().map(format_datetime) })
}

impl Tokens {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `POST /tokens/buckets/{bucketId}/files/{fileId}`: a new token, expiring at `expire`
    /// (`None` = never). A past date is refused by the server (400 `general_argument_invalid`).
    /// Never retried, so a token is never created twice by this client.
    pub async fn create(
        &self,
        bucket_id: &str,
        file_id: &str,
        expire: Option<DateTime<Utc>>,
    ) -> Result<FileToken> {
        let url = self
            .client
            .url(&["tokens", "buckets", bucket_id, "files", file_id])?;
        self.client
            .send_json(Method::POST, url, &expire_body(expire))
            .await
    }

    /// `GET /tokens/buckets/{bucketId}/files/{fileId}`: one page of a file's tokens. The
    /// server can't filter or order by `expire`; do that on the client.
    pub async fn list(
        &self,
        bucket_id: &str,
        file_id: &str,
        options: &ListOptions,
    ) -> Result<Page<FileToken>> {
        let url = self
            .client
            .url(&["tokens", "buckets", bucket_id, "files", file_id])?;
        let raw: RawList<FileToken> = self.client.get_json(url, &options.to_pairs()).await?;
        Ok(raw.into())
    }

    /// Every token of a file, walked by cursor in pages of `page_size`.
    pub fn stream(
        &self,
        bucket_id: &str,
        file_id: &str,
        options: ListOptions,
        page_size: u64,
    ) -> ItemStream<FileToken> {
        let this = self.clone();
        let (bucket_id, file_id) = (bucket_id.to_owned(), file_id.to_owned());
        let max_items = self.client.read_limits().list_items;
        walk(options, page_size, max_items, move |opts| {
            let (this, bucket_id, file_id) = (this.clone(), bucket_id.clone(), file_id.clone());
            async move { this.list(&bucket_id, &file_id, &opts).await }
        })
    }

    /// `GET /tokens/{tokenId}` (with a freshly signed secret).
    pub async fn get(&self, token_id: &str) -> Result<FileToken> {
        let url = self.client.url(&["tokens", token_id])?;
        self.client.get_json(url, &[]).await
    }

    /// `PATCH /tokens/{tokenId}`: sets the expiry, or clears it with `None`. Secrets handed
    /// out before keep their old `exp`: use the returned token's secret for new links.
    pub async fn update(&self, token_id: &str, expire: Option<DateTime<Utc>>) -> Result<FileToken> {
        let url = self.client.url(&["tokens", token_id])?;
        self.client
            .send_json(Method::PATCH, url, &expire_body(expire))
            .await
    }

    /// `DELETE /tokens/{tokenId}`.
    pub async fn delete(&self, token_id: &str) -> Result<()> {
        let url = self.client.url(&["tokens", token_id])?;
        self.client.delete(url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn expire_is_null_or_an_appwrite_date() {
        assert_eq!(expire_body(None).to_string(), r#"{"expire":null}"#);
        let at = Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(
            expire_body(Some(at)).to_string(),
            r#"{"expire":"2030-01-02T03:04:05.000+00:00"}"#
        );
    }
}
