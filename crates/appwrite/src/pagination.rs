//! Walking a whole list as a `Stream`, page by page with `cursorAfter`, until a page comes back shorter than the page size.

use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::error::{Error, Result};
use crate::models::{HasId, Page};
use crate::query::ListOptions;

/// A boxed stream of list items, as returned by the `stream` methods.
pub type ItemStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// Default page size of the `stream` methods.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

struct Walk {
    cursor: Option<String>,
    done: bool,
}

/// Walks every item matching `options` (its limit/offset/cursor queries are replaced):
/// pages of `page_size` fetched with `fetch`, each after the last id of the previous one.
pub(crate) fn walk<T, F, Fut>(options: ListOptions, page_size: u64, fetch: F) -> ItemStream<T>
where
    T: HasId + Send + 'static,
    F: Fn(ListOptions) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    if page_size == 0 {
        return Box::pin(stream::once(async {
            Err(Error::invalid_input("the page size must be at least 1"))
        }));
    }
    let pages = stream::try_unfold(
        Walk {
            cursor: None,
            done: false,
        },
        move |state| {
            let request = (!state.done)
                .then(|| fetch(options.page_after(page_size, state.cursor.as_deref())));
            async move {
                let Some(request) = request else {
                    return Ok(None);
                };
                let page = request.await?;
                let next = Walk {
                    cursor: page.last_id().map(str::to_owned),
                    done: (page.items.len() as u64) < page_size || page.items.is_empty(),
                };
                Ok(Some((page.items, next)))
            }
        },
    );
    Box::pin(
        pages
            .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
            .try_flatten(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    struct Item(String);
    impl HasId for Item {
        fn id(&self) -> &str {
            &self.0
        }
    }

    type Log = Arc<Mutex<Vec<ListOptions>>>;

    fn fake_server(
        n: usize,
    ) -> (
        Log,
        impl Fn(ListOptions) -> futures_util::future::Ready<Result<Page<Item>>> + Send + Sync + 'static,
    ) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let fetch = move |opts: ListOptions| {
            log.lock().unwrap().push(opts.clone());
            let mut limit = 25usize;
            let mut after: Option<String> = None;
            for q in &opts.queries {
                let v: serde_json::Value = serde_json::from_str(&q.to_json()).unwrap();
                match q.method() {
                    "limit" => limit = v["values"][0].as_u64().unwrap() as usize,
                    "cursorAfter" => after = Some(v["values"][0].as_str().unwrap().to_owned()),
                    _ => {}
                }
            }
            let start = after.map_or(0, |id| id.parse::<usize>().unwrap() + 1);
            let items = (start..n.min(start + limit))
                .map(|i| Item(format!("{i:05}")))
                .collect();
            futures_util::future::ready(Ok(Page { total: 0, items }))
        };
        (seen, fetch)
    }

    #[tokio::test]
    async fn walks_every_item_once_and_stops_on_a_short_page() {
        let (seen, fetch) = fake_server(250);
        let opts = ListOptions::new().limit(7).query(Query::equal("name", "x"));
        let ids: Vec<String> = walk(opts, 100, fetch)
            .map_ok(|i| i.0)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids.len(), 250);
        assert_eq!(ids.first().map(String::as_str), Some("00000"));
        assert_eq!(ids.last().map(String::as_str), Some("00249"));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3);
        assert!(seen
            .iter()
            .all(|o| o.queries[0] == Query::equal("name", "x") && !o.total));
        assert_eq!(seen[2].queries.last(), Some(&Query::cursor_after("00199")));
    }

    #[tokio::test]
    async fn an_exact_multiple_ends_with_an_empty_page() {
        let (seen, fetch) = fake_server(200);
        let n = walk(ListOptions::new(), 100, fetch).count().await;
        assert_eq!(n, 200);
        assert_eq!(seen.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_zero_page_size_is_refused() {
        let (_, fetch) = fake_server(1);
        let first = walk(ListOptions::new(), 0, fetch).next().await.unwrap();
        assert_eq!(first.err().map(|e| e.code()), Some("invalid_input"));
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let fetch =
            |_opts: ListOptions| async { Err::<Page<Item>, _>(Error::invalid_input("boom")) };
        let items: Vec<Result<Item>> = walk(ListOptions::new(), 10, fetch).collect().await;
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
    }
}
