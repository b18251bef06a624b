//! Bucket calls: list (page or stream), get, create, delete.

use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::models::{Bucket, NewBucket, Page, RawList};
use crate::pagination::{walk, ItemStream};
use crate::query::ListOptions;

/// `client.buckets()`: calls on `/storage/buckets`.
#[derive(Debug, Clone)]
pub struct Buckets {
    client: Client,
}

impl Buckets {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `GET /storage/buckets`: one page.
    pub async fn list(&self, options: &ListOptions) -> Result<Page<Bucket>> {
        let url = self.client.url(&["storage", "buckets"])?;
        let raw: RawList<Bucket> = self.client.get_json(url, &options.to_pairs()).await?;
        Ok(raw.into())
    }

    /// Every bucket matching `options`, walked by cursor in pages of `page_size`.
    pub fn stream(&self, options: ListOptions, page_size: u64) -> ItemStream<Bucket> {
        let this = self.clone();
        let max_items = self.client.read_limits().list_items;
        walk(options, page_size, max_items, move |opts| {
            let this = this.clone();
            async move { this.list(&opts).await }
        })
    }

    /// `GET /storage/buckets/{bucketId}`.
    pub async fn get(&self, bucket_id: &str) -> Result<Bucket> {
        let url = self.client.url(&["storage", "buckets", bucket_id])?;
        self.client.get_json(url, &[]).await
    }

    /// `POST /storage/buckets` (needs `buckets.write`). Never retried.
    pub async fn create(&self, bucket: &NewBucket) -> Result<Bucket> {
        let url = self.client.url(&["storage", "buckets"])?;
        let body = serde_json::to_value(bucket).expect("NewBucket serializes");
        self.client.send_json(Method::POST, url, &body).await
    }

    /// `DELETE /storage/buckets/{bucketId}` (needs `buckets.write`).
    pub async fn delete(&self, bucket_id: &str) -> Result<()> {
        let url = self.client.url(&["storage", "buckets", bucket_id])?;
        self.client.delete(url).await
    }
}
